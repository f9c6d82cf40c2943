//! Decisions, verdicts and their explanations.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use crate::contact::{Acquaintance, Contact, View};
use crate::error::ParseError;
use crate::platform::{Direction, Platform};
use crate::rules::{BuiltinRule, Condition, DataRule, Request, Rule};

/// What to do about a connection.
///
/// ```
/// use acquaint::Decision;
///
/// assert_eq!("meet-first".parse::<Decision>()?, Decision::MeetFirst);
/// assert_eq!(Decision::MeetFirst.to_string(), "meet-first");
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Decision {
    /// Connect (accept their invitation, or send mine).
    Accept,
    /// Do not connect.
    #[default]
    Decline,
    /// Propose meeting in person before connecting.
    MeetFirst,
}

impl Decision {
    /// Every decision.
    pub const ALL: [Decision; 3] = [Decision::Accept, Decision::Decline, Decision::MeetFirst];

    /// The name as written in data: `accept`, `decline` or `meet-first`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Decline => "decline",
            Decision::MeetFirst => "meet-first",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "accept" => Ok(Decision::Accept),
            "decline" => Ok(Decision::Decline),
            "meet-first" => Ok(Decision::MeetFirst),
            _ => Err(ParseError::new(
                "decision",
                s,
                "`accept`, `decline` or `meet-first`",
            )),
        }
    }
}

/// Which rule decided.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Decider<'a> {
    Builtin(BuiltinRule),
    Data(&'a DataRule),
    Custom(&'a dyn Rule),
    Fallback,
}

impl<'a> Decider<'a> {
    /// The id of the deciding rule, or `fallback`.
    #[inline]
    pub(crate) fn id(self) -> &'a str {
        match self {
            Decider::Builtin(rule) => rule.id(),
            Decider::Data(rule) => &rule.id,
            Decider::Custom(rule) => rule.id(),
            Decider::Fallback => FALLBACK_ID,
        }
    }
}

/// The id shown for verdicts that no rule decided.
pub(crate) const FALLBACK_ID: &str = "fallback";

/// The answer for one request: the decision, the rule that decided, and,
/// when asked for, why.
///
/// A verdict borrows the policy and the request, so that
/// [`evaluate`](crate::Policy::evaluate) does no work beyond deciding: the
/// explanation and the suggested reply are built by
/// [`explanation`](Verdict::explanation) and [`reply`](Verdict::reply).
/// [`to_record`](Verdict::to_record) gives an owned copy to store or send.
///
/// Because it borrows, keep the contact and the platform in variables while
/// the verdict is used: `policy.evaluate(&Contact::new("Ada"), ...)` gives a
/// verdict that cannot outlive the statement (error E0716). Call
/// `to_record()` in that statement if you need the verdict longer.
///
/// ```
/// use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};
///
/// let policy = Policy::default();
/// let grace = Contact::new("Grace")
///     .with_acquaintance(Acquaintance::MetInPerson)
///     .with_my_view(View::Positive)
///     .with_their_view(View::Unknown);
/// let verdict = policy.evaluate(&grace, &Platform::LinkedIn, Direction::Incoming);
/// assert_eq!(verdict.decision(), Decision::Decline);
/// assert_eq!(verdict.rule_id(), "linkedin.cannot-vouch");
/// assert_eq!(
///     verdict.explanation(),
///     "LinkedIn is for people who could vouch for each other: you have met in person, \
///      but you do not know what they would say of your professional ability, so decline"
/// );
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Verdict<'a> {
    decision: Decision,
    decider: Decider<'a>,
    request: Request<'a>,
}

impl<'a> Verdict<'a> {
    #[inline]
    pub(crate) fn new((decision, decider): (Decision, Decider<'a>), request: Request<'a>) -> Self {
        Verdict {
            decision,
            decider,
            request,
        }
    }

    /// The decision.
    #[inline]
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the rule that decided: a built-in id such as
    /// `linkedin.not-met`, a user rule's id, or `fallback` when no rule
    /// applied.
    #[inline]
    pub fn rule_id(&self) -> &'a str {
        self.decider.id()
    }

    /// The built-in rule that decided, if one did.
    pub fn builtin_rule(&self) -> Option<BuiltinRule> {
        match self.decider {
            Decider::Builtin(rule) => Some(rule),
            _ => None,
        }
    }

    /// Whether no rule applied and the policy's fallback decided.
    pub fn is_fallback(&self) -> bool {
        matches!(self.decider, Decider::Fallback)
    }

    /// The request the verdict answers.
    pub fn request(&self) -> &Request<'a> {
        &self.request
    }

    /// Why the rule applied, naming the facts that made it apply.
    pub fn explanation(&self) -> String {
        let r = &self.request;
        match self.decider {
            Decider::Builtin(rule) => explain_builtin(rule, r),
            Decider::Data(rule) => explain_data_rule(rule, self.decision, r),
            Decider::Custom(rule) => rule.explain(r),
            Decider::Fallback => {
                let what = match r.platform {
                    Platform::Other(_) => {
                        format!("None of your rules applies on {}", r.platform.label())
                    }
                    _ => format!("No enabled rule applies on {}", r.platform.label()),
                };
                format!(
                    "{what}, so the policy's fallback decides: {}",
                    self.decision
                )
            }
        }
    }

    /// For [`Decision::MeetFirst`], a reply to send that proposes meeting in
    /// person, addressed to the contact by name; `None` otherwise.
    pub fn reply(&self) -> Option<String> {
        (self.decision == Decision::MeetFirst)
            .then(|| suggested_reply(self.request.contact, self.request.direction))
    }

    /// An owned copy of the verdict's data, with the explanation and reply
    /// built.
    pub fn to_record(&self) -> VerdictRecord {
        VerdictRecord {
            decision: self.decision,
            rule: self.rule_id().to_owned(),
            explanation: self.explanation(),
            reply: self.reply(),
        }
    }
}

/// `decision (rule): explanation`
impl fmt::Display for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {}",
            self.decision,
            self.rule_id(),
            self.explanation()
        )
    }
}

/// A verdict's data, owned: to store, print or send.
///
/// ```
/// use acquaint::{Contact, Decision, Direction, Platform, Policy};
///
/// let policy = Policy::default();
/// let record = policy
///     .evaluate(&Contact::new("Ada"), &Platform::Facebook, Direction::Incoming)
///     .to_record();
/// assert_eq!(record.decision, Decision::Decline);
/// assert_eq!(record.rule, "facebook.not-a-friend");
/// assert_eq!(record.reply, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "kebab-case", deny_unknown_fields)
)]
pub struct VerdictRecord {
    /// The decision.
    pub decision: Decision,
    /// The id of the rule that decided.
    pub rule: String,
    /// Why, for a person to read.
    pub explanation: String,
    /// For `meet-first`, a reply proposing to meet in person.
    #[cfg_attr(
        feature = "serde",
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub reply: Option<String>,
}

fn acquaintance_phrase(a: Acquaintance) -> &'static str {
    match a {
        Acquaintance::Never => "you have never met, spoken or worked together",
        Acquaintance::Spoken => "you have only spoken or messaged, which is not meeting",
        Acquaintance::MetInPerson => "you have met in person",
        Acquaintance::WorkedRemotely => "you have worked together remotely",
        Acquaintance::WorkedInPerson => "you have worked together in person",
    }
}

/// Joins phrases as "a", "a and b", "a, b and c".
fn join(parts: &[String]) -> String {
    join_with(parts, " and ")
}

/// Joins phrases as "a", "a{last}b", "a, b{last}c".
pub(crate) fn join_with<S: AsRef<str>>(parts: &[S], last: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == parts.len() { last } else { ", " });
        }
        out.push_str(part.as_ref());
    }
    out
}

fn explain_builtin(rule: BuiltinRule, r: &Request<'_>) -> String {
    let c = r.contact;
    match rule {
        BuiltinRule::LinkedInRecruiterOverride => {
            "You are actively looking for a job and a recruiter \
             you have never met, spoken to or worked with invites you on LinkedIn, so accept: \
             they may have the job you are looking for"
                .to_owned()
        }
        BuiltinRule::LinkedInReputationGuard => {
            let mut why = Vec::new();
            if c.my_view == View::Negative {
                why.push("you would speak negatively of their professional ability".to_owned());
            }
            if c.their_view == View::Negative {
                why.push("they would speak negatively of yours".to_owned());
            }
            format!(
                "A LinkedIn connection vouches for both of you: {}, and being nice is not a \
                 reason to risk your reputation, so decline",
                join(&why)
            )
        }
        BuiltinRule::LinkedInNotMet => {
            let how = match c.acquaintance {
                Acquaintance::Spoken => "you have only spoken or messaged, which is not meeting",
                _ => "you have never met them",
            };
            format!("LinkedIn is for people you have already met: {how}, so propose meeting first")
        }
        BuiltinRule::LinkedInCannotVouch => {
            let unknown = match (c.my_view, c.their_view) {
                (View::Unknown, View::Unknown) => {
                    "neither of you knows the other's professional ability"
                }
                (View::Unknown, _) => "you do not know their professional ability",
                _ => "you do not know what they would say of your professional ability",
            };
            format!(
                "LinkedIn is for people who could vouch for each other: {}, but {unknown}, \
                 so decline",
                acquaintance_phrase(c.acquaintance)
            )
        }
        BuiltinRule::LinkedInMutualVouch => format!(
            "{}, you would speak positively of their professional ability and they of yours, \
             so accept",
            capitalize(acquaintance_phrase(c.acquaintance))
        ),
        BuiltinRule::TwitterSharedPurpose => {
            let s = r.settings;
            let mut why = Vec::new();
            if let Some(p) = c.profession() {
                if s.shares_profession(c) {
                    why.push(format!("they share your profession ({p})"));
                } else if s.has_interesting_profession(c) {
                    why.push(format!("they work as {p}, a profession that interests you"));
                }
            }
            if c.star {
                why.push("they are a star of their field".to_owned());
            }
            let shared: Vec<String> = s
                .passions()
                .filter(|p| c.has_passion(p))
                .map(str::to_owned)
                .collect();
            if !shared.is_empty() {
                why.push(format!("they share your passion for {}", join(&shared)));
            }
            format!(
                "Twitter is for meeting people you would like to meet: {}, so accept",
                join(&why)
            )
        }
        BuiltinRule::TwitterNoPurpose => {
            // Name only the purposes the user has: "they do not share your
            // passions" reads wrong to someone who set none.
            let s = r.settings;
            let mut why = Vec::new();
            if s.profession().is_some() {
                why.push("do not share your profession".to_owned());
            }
            if s.interesting_professions().len() > 0 {
                why.push("do not work in a profession that interests you".to_owned());
            }
            if s.passions().len() > 0 {
                why.push("share none of your passions".to_owned());
            }
            why.push("are not a star of their field".to_owned());
            let unset = if why.len() == 1 {
                " (set your profession, interests or passions for more reasons to follow)"
            } else {
                ""
            };
            format!(
                "Twitter is for meeting people you would like to meet: they {}{unset}, so decline",
                join(&why)
            )
        }
        BuiltinRule::FacebookFriend => {
            "Facebook is for friends: they are a personal friend, so accept".to_owned()
        }
        BuiltinRule::FacebookNotAFriend => {
            "Facebook is for friends: they are not a personal friend, so decline".to_owned()
        }
    }
}

/// The user's reason, followed by the facts that made the rule's condition
/// hold, so that a data rule explains itself as well as a built-in one.
fn explain_data_rule(rule: &DataRule, decision: Decision, r: &Request<'_>) -> String {
    let mut facts = Vec::new();
    if let Some(when) = &rule.when {
        facts_behind(when, true, r, &mut facts);
    }
    let reason = rule.reason.trim();
    match (reason.is_empty(), facts.is_empty()) {
        (false, true) => reason.to_owned(),
        (false, false) => format!("{reason} ({})", join(&facts)),
        (true, true) => format!("Rule `{}` applies, so {decision}", rule.id),
        (true, false) => format!(
            "Rule `{}` applies: {}, so {decision}",
            rule.id,
            join(&facts)
        ),
    }
}

/// Collects phrases for the facts that gave `cond` the value `value`: for
/// `all` that held, every part; for `any` that held, the first part that
/// held; `not` flips what is looked for. Leaves describe the contact's
/// actual fact, which reads right whichever way the leaf went.
fn facts_behind(cond: &Condition, value: bool, r: &Request<'_>, out: &mut Vec<String>) {
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
        leaf => {
            let phrase = describe_fact(leaf, r);
            if !out.contains(&phrase) {
                out.push(phrase);
            }
        }
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
        | Condition::SpokeWith(_) => acquaintance_phrase(c.acquaintance).to_owned(),
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
        Condition::Passion(p) => yes_no(
            c.has_passion(p),
            &format!("they have a passion for {p}"),
            &format!("they have no passion for {p}"),
        ),
        Condition::SharesPassion(_) => match s.shared_passion(c) {
            Some(p) => format!("they share your passion for {p}"),
            None => "they share none of your passions".to_owned(),
        },
        Condition::Tag(t) => yes_no(
            c.has_tag(t),
            &format!("they are tagged `{t}`"),
            &format!("they are not tagged `{t}`"),
        ),
        Condition::MutualConnectionsAtLeast(_) => {
            format!("you share {} connections", c.mutual_connections)
        }
        Condition::All(_) | Condition::Any(_) | Condition::Not(_) => String::new(),
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn suggested_reply(contact: &Contact, direction: Direction) -> String {
    let name = contact.name.trim();
    let mut out = String::from("Hi");
    if !name.is_empty() {
        let _ = write!(out, " {name}");
    }
    out.push_str(match direction {
        Direction::Incoming => {
            ", thank you for the invitation. I keep LinkedIn for people I have met \
             and can vouch for, so I would like to meet you first. Could we get a coffee \
             together, in person, and talk about your experience and what you are looking for?"
        }
        Direction::Outgoing => {
            ", I would like to connect with you, but I keep LinkedIn for people I have \
             met in person. Could we meet first, over coffee perhaps, and talk about your \
             experience and what you are looking for?"
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_reads_naturally() {
        let s = |v: &[&str]| join(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }

    #[test]
    fn data_rules_name_the_facts_behind_them() {
        use crate::{Acquaintance, Condition, DataRule, Platform, Policy};
        let rule = DataRule::new(
            "cold-recruiters",
            Condition::All(vec![
                Condition::Recruiter(true),
                Condition::Not(Box::new(Condition::SpokeWith(true))),
                Condition::Any(vec![Condition::Star(true), Condition::Tag("spam".into())]),
            ]),
            Decision::Decline,
            "Recruiters I have never spoken to",
        );
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let c = Contact::new("R")
            .with_recruiter(true)
            .with_tag("Spam")
            .with_acquaintance(Acquaintance::Never);
        let v = policy.evaluate(&c, &Platform::LinkedIn, Direction::Incoming);
        assert_eq!(
            v.explanation(),
            "Recruiters I have never spoken to (they are a recruiter, you have never met, \
             spoken or worked together and they are tagged `spam`)"
        );
    }

    #[test]
    fn a_failing_all_under_not_names_the_part_that_failed() {
        use crate::{Condition, DataRule, Platform, Policy};
        let rule = DataRule::new(
            "not-both",
            Condition::Not(Box::new(Condition::All(vec![
                Condition::Friend(true),
                Condition::Star(true),
            ]))),
            Decision::Accept,
            "",
        );
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let c = Contact::new("S").with_friend(true);
        let v = policy.evaluate(&c, &Platform::Twitter, Direction::Outgoing);
        assert_eq!(
            v.explanation(),
            "Rule `not-both` applies: they are not a star of their field, so accept"
        );
    }

    #[test]
    fn reply_without_a_name_still_reads() {
        let reply = suggested_reply(&Contact::new("  "), Direction::Incoming);
        assert!(reply.starts_with("Hi, thank you"));
    }
}
