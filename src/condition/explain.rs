//! How a condition explains itself: the facts of a request that made it
//! hold, as phrases a person reads in a verdict.

use std::collections::HashSet;
use std::hash::{Hash, Hasher};

use crate::contact::View;
use crate::platform::Direction;
use crate::request::Request;

use super::Condition;

impl Condition {
    /// Phrases for the facts of the request that made the condition hold.
    ///
    /// At most [`Condition::FACTS_SHOWN`] phrases, the first ones, followed
    /// by how many more there are: a block list of ten thousand tags
    /// explains itself in a line, not in ten thousand.
    pub(crate) fn facts_behind(&self, r: &Request<'_>) -> Vec<String> {
        let mut phrases = Phrases::default();
        facts_behind(self, true, r, &mut phrases);
        let more = phrases.seen.len() - phrases.shown.len();
        if more > 0 {
            let noun = if more == 1 { "fact" } else { "facts" };
            phrases.shown.push(format!("{more} more {noun}"));
        }
        phrases.shown
    }

    /// How many facts an explanation names before it counts the rest.
    pub(crate) const FACTS_SHOWN: usize = 10;
}

/// The phrases of an explanation: each said once, the first few shown.
#[derive(Default)]
struct Phrases {
    /// A hash of each distinct phrase met: enough to count the rest without
    /// keeping them all.
    seen: HashSet<u64>,
    shown: Vec<String>,
}

impl Phrases {
    fn add(&mut self, phrase: String) {
        let mut hasher = std::hash::DefaultHasher::new();
        phrase.hash(&mut hasher);
        if self.seen.insert(hasher.finish()) && self.shown.len() < Condition::FACTS_SHOWN {
            self.shown.push(phrase);
        }
    }
}

/// Collects phrases for the facts that gave `cond` the value `value`: for
/// `all` that held, every part; for `any` that held, the first part that
/// held; `not` flips what is looked for. Leaves describe the contact's
/// actual fact, which reads right whichever way the leaf went.
fn facts_behind(cond: &Condition, value: bool, r: &Request<'_>, out: &mut Phrases) {
    match cond {
        Condition::All(list) | Condition::Any(list) => {
            // `all` holds, or `any` fails, because of every part; otherwise
            // because of the first part that went the same way.
            let every = matches!(cond, Condition::All(_)) == value;
            if every {
                list.iter().for_each(|c| facts_behind(c, value, r, out));
            } else if let Some(c) = list.iter().find(|c| c.holds(r) == value) {
                facts_behind(c, value, r, out);
            }
        }
        Condition::Not(inner) => facts_behind(inner, !value, r, out),
        leaf => out.add(describe_fact(leaf, r)),
    }
}

fn describe_fact(leaf: &Condition, r: &Request<'_>) -> String {
    let c = r.contact;
    let s = r.settings;
    let yes_no = |b: bool, yes: &str, no: &str| if b { yes } else { no }.to_owned();
    match leaf {
        Condition::Platform(_) => format!("the request is on {}", r.platform.label()),
        Condition::Direction(_) => match r.direction {
            Direction::Incoming => "they invited you".to_owned(),
            Direction::Outgoing => "you would invite them".to_owned(),
        },
        Condition::JobSeeking(_) => yes_no(
            s.job_seeking,
            "you are job seeking",
            "you are not job seeking",
        ),
        Condition::Acquaintance(_)
        | Condition::MetInPerson(_)
        | Condition::WorkedTogether(_)
        | Condition::SpokeWith(_) => c.acquaintance.phrase().to_owned(),
        Condition::MyView(_) => match c.my_view {
            View::Positive => "you would speak positively of their professional ability",
            View::Unknown => "you do not know their professional ability",
            View::Negative => "you would speak negatively of their professional ability",
        }
        .to_owned(),
        Condition::TheirView(_) => match c.their_view {
            View::Positive => "they would speak positively of yours",
            View::Unknown => "you do not know what they would say of yours",
            View::Negative => "they would speak negatively of yours",
        }
        .to_owned(),
        Condition::Recruiter(_) => yes_no(
            c.recruiter,
            "they are a recruiter",
            "they are not a recruiter",
        ),
        Condition::Friend(_) => yes_no(
            c.friend,
            "they are a personal friend",
            "they are not a personal friend",
        ),
        Condition::FacebookFriend(_) => yes_no(
            c.facebook_friend,
            "you are friends on Facebook",
            "you are not friends on Facebook",
        ),
        Condition::Star(_) => yes_no(
            c.star,
            "they are a star of their field",
            "they are not a star of their field",
        ),
        Condition::Profession(p) => match c.profession() {
            Some(theirs) if theirs == p => format!("their profession is {p}"),
            _ => format!("their profession is not {p}"),
        },
        Condition::SharesProfession(_) => yes_no(
            s.shares_profession(c),
            "they share your profession",
            "they do not share your profession",
        ),
        Condition::InterestingProfession(_) => yes_no(
            s.has_interesting_profession(c),
            "they work in a profession that interests you",
            "they do not work in a profession that interests you",
        ),
        Condition::Passion(p) => {
            let has = if c.passion_set().contains(p) {
                "a"
            } else {
                "no"
            };
            format!("they have {has} passion for {p}")
        }
        Condition::SharesPassion(_) => match s.shared_passion(c) {
            Some(p) => format!("they share your passion for {p}"),
            None => "they share none of your passions".to_owned(),
        },
        Condition::Tag(t) => {
            let not = if c.tag_set().contains(t) { "" } else { "not " };
            format!("they are {not}tagged `{t}`")
        }
        Condition::MutualConnectionsAtLeast(_) => {
            format!("you share {} connections", c.mutual_connections)
        }
        Condition::HasMessage(_) => yes_no(
            Condition::HasMessage(true).holds(r),
            "their invitation carries a note",
            "their invitation carries no note",
        ),
        Condition::All(_) | Condition::Any(_) | Condition::Not(_) => String::new(),
    }
}
