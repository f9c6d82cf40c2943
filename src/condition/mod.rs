//! Conditions of data rules: the facts of a request they read and how
//! they are named in a policy document; how they explain themselves is in
//! `explain.rs`, and the one walk over their tree in `walk.rs`.

use crate::contact::{Acquaintance, View};
use crate::names::{ConditionKey, Name};
use crate::platform::{Direction, Platform};
use crate::request::Request;

mod explain;
mod walk;

/// A condition of a data rule: facts of the contact and the request,
/// combined with `all`, `any` and `not`.
///
/// In a policy file a condition is a table (a JSON object); a table with
/// several keys means all of them must hold:
///
/// ```toml
/// when = { all = [{ recruiter = true }, { not = { spoke-with = true } }] }
/// when = { recruiter = true, spoke-with = false }   # the same
/// ```
///
/// Strings (profession, passion, tag) are compared case-insensitively.
///
/// A policy accepts conditions nested at most
/// [`Policy::MAX_DEPTH`](crate::Policy::MAX_DEPTH) levels deep. Dropping a
/// condition never overflows the stack, however deep it was built in code;
/// cloning, comparing, hashing and printing recurse, which is safe at any
/// depth a policy accepts.
///
/// ```
/// use acquaint::{Condition, Contact, Decision, DataRule, Direction, Platform, Policy};
///
/// let rule = DataRule::new(
///     "vip",
///     Condition::Any(vec![Condition::Tag("VIP".into()), Condition::Star(true)]),
///     Decision::Accept,
///     "VIPs and stars are always welcome",
/// );
/// let policy = Policy::builder().data_rule(rule).build()?;
/// let grace = Contact::new("Grace").with_tag("vip");
/// let verdict = policy.evaluate(&grace, &Platform::LinkedIn, Direction::Incoming);
/// assert_eq!(verdict.rule_id(), "vip");
/// # Ok::<(), acquaint::PolicyError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Condition {
    /// Every condition holds (`all = [...]`).
    All(Vec<Condition>),
    /// At least one condition holds (`any = [...]`).
    Any(Vec<Condition>),
    /// The condition does not hold (`not = {...}`).
    Not(Box<Condition>),
    /// The request is on this platform (`platform = "linkedin"`).
    Platform(Platform),
    /// The request goes this way (`direction = "incoming"`).
    Direction(Direction),
    /// I am (or am not) actively looking for a job (`job-seeking = true`).
    JobSeeking(bool),
    /// Our acquaintance is exactly this (`acquaintance = "spoken"`).
    Acquaintance(Acquaintance),
    /// We have met in person, working together in person included
    /// (`met-in-person = true`).
    MetInPerson(bool),
    /// We have worked together, in person or remotely
    /// (`worked-together = true`).
    WorkedTogether(bool),
    /// We have at least spoken or messaged (`spoke-with = true`).
    SpokeWith(bool),
    /// What I would say of them (`my-view = "positive"`).
    MyView(View),
    /// What they would say of me (`their-view = "negative"`).
    TheirView(View),
    /// They are a recruiter (`recruiter = true`).
    Recruiter(bool),
    /// They are a personal friend (`friend = true`).
    Friend(bool),
    /// We are friends on Facebook (`facebook-friend = true`).
    FacebookFriend(bool),
    /// They are a star of their field (`star = true`).
    Star(bool),
    /// Their profession is this one (`profession = "designer"`).
    Profession(String),
    /// They share my profession (`shares-profession = true`).
    SharesProfession(bool),
    /// Their profession is one that interests me
    /// (`interesting-profession = true`).
    InterestingProfession(bool),
    /// They have this passion (`passion = "animals"`).
    Passion(String),
    /// They share one of my passions (`shares-passion = true`).
    SharesPassion(bool),
    /// They carry this tag (`tag = "conference-2026"`).
    Tag(String),
    /// We share at least this many connections
    /// (`mutual-connections-at-least = 10`).
    MutualConnectionsAtLeast(u32),
    /// Their invitation carries a note: a message that is not blank
    /// (`has-message = true`). No built-in rule reads it: politeness is not
    /// a reason.
    HasMessage(bool),
}

impl Condition {
    /// Whether the condition holds for the request. Strings in the
    /// condition must already be folded, which building a policy does.
    pub(crate) fn holds(&self, r: &Request<'_>) -> bool {
        let c = r.contact;
        match self {
            Condition::All(list) => list.iter().all(|x| x.holds(r)),
            Condition::Any(list) => list.iter().any(|x| x.holds(r)),
            Condition::Not(inner) => !inner.holds(r),
            Condition::Platform(p) => r.platform == p,
            Condition::Direction(d) => r.direction == *d,
            Condition::JobSeeking(b) => r.settings.job_seeking == *b,
            Condition::Acquaintance(a) => c.acquaintance == *a,
            Condition::MetInPerson(b) => c.acquaintance.met_in_person() == *b,
            Condition::WorkedTogether(b) => c.acquaintance.worked_together() == *b,
            Condition::SpokeWith(b) => c.acquaintance.spoke_with() == *b,
            Condition::MyView(v) => c.my_view == *v,
            Condition::TheirView(v) => c.their_view == *v,
            Condition::Recruiter(b) => c.recruiter == *b,
            Condition::Friend(b) => c.friend == *b,
            Condition::FacebookFriend(b) => c.facebook_friend == *b,
            Condition::Star(b) => c.star == *b,
            Condition::Profession(p) => c.profession() == Some(p.as_str()),
            Condition::SharesProfession(b) => r.settings.shares_profession(c) == *b,
            Condition::InterestingProfession(b) => r.settings.has_interesting_profession(c) == *b,
            Condition::Passion(p) => c.passion_set().contains(p),
            Condition::SharesPassion(b) => r.settings.shared_passion(c).is_some() == *b,
            Condition::Tag(t) => c.tag_set().contains(t),
            Condition::MutualConnectionsAtLeast(n) => c.mutual_connections >= *n,
            Condition::HasMessage(b) => c.message().is_some_and(|m| !m.trim().is_empty()) == *b,
        }
    }

    /// The list among my settings that this condition (itself, its parts
    /// aside) compares the contact with, if any: an analysis whose rules
    /// read neither list need not look at them.
    pub(crate) fn my_list(&self) -> Option<MyList> {
        match self {
            Condition::SharesPassion(_) => Some(MyList::Passions),
            Condition::InterestingProfession(_) => Some(MyList::InterestingProfessions),
            Condition::All(_)
            | Condition::Any(_)
            | Condition::Not(_)
            | Condition::Platform(_)
            | Condition::Direction(_)
            | Condition::JobSeeking(_)
            | Condition::Acquaintance(_)
            | Condition::MetInPerson(_)
            | Condition::WorkedTogether(_)
            | Condition::SpokeWith(_)
            | Condition::MyView(_)
            | Condition::TheirView(_)
            | Condition::Recruiter(_)
            | Condition::Friend(_)
            | Condition::FacebookFriend(_)
            | Condition::Star(_)
            | Condition::Profession(_)
            | Condition::SharesProfession(_)
            | Condition::Passion(_)
            | Condition::Tag(_)
            | Condition::MutualConnectionsAtLeast(_)
            | Condition::HasMessage(_) => None,
        }
    }

    /// The key naming this condition in a policy file, such as `all` or
    /// `met-in-person`.
    pub fn key(&self) -> &'static str {
        self.condition_key().name()
    }

    /// The [`ConditionKey`] naming this condition.
    pub(crate) fn condition_key(&self) -> ConditionKey {
        match self {
            Condition::All(_) => ConditionKey::All,
            Condition::Any(_) => ConditionKey::Any,
            Condition::Not(_) => ConditionKey::Not,
            Condition::Platform(_) => ConditionKey::Platform,
            Condition::Direction(_) => ConditionKey::Direction,
            Condition::JobSeeking(_) => ConditionKey::JobSeeking,
            Condition::Acquaintance(_) => ConditionKey::Acquaintance,
            Condition::MetInPerson(_) => ConditionKey::MetInPerson,
            Condition::WorkedTogether(_) => ConditionKey::WorkedTogether,
            Condition::SpokeWith(_) => ConditionKey::SpokeWith,
            Condition::MyView(_) => ConditionKey::MyView,
            Condition::TheirView(_) => ConditionKey::TheirView,
            Condition::Recruiter(_) => ConditionKey::Recruiter,
            Condition::Friend(_) => ConditionKey::Friend,
            Condition::FacebookFriend(_) => ConditionKey::FacebookFriend,
            Condition::Star(_) => ConditionKey::Star,
            Condition::Profession(_) => ConditionKey::Profession,
            Condition::SharesProfession(_) => ConditionKey::SharesProfession,
            Condition::InterestingProfession(_) => ConditionKey::InterestingProfession,
            Condition::Passion(_) => ConditionKey::Passion,
            Condition::SharesPassion(_) => ConditionKey::SharesPassion,
            Condition::Tag(_) => ConditionKey::Tag,
            Condition::MutualConnectionsAtLeast(_) => ConditionKey::MutualConnectionsAtLeast,
            Condition::HasMessage(_) => ConditionKey::HasMessage,
        }
    }
}

/// A condition key's value as a policy document holds it.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // Documents read the values, the walk their kinds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Value<'a> {
    List(&'a [Condition]),
    Nested(&'a Condition),
    Bool(bool),
    Text(&'a str),
    Count(u32),
    Platform(&'a Platform),
    Direction(Direction),
    Acquaintance(Acquaintance),
    View(View),
}

/// What a condition key holds in a policy document, with the constructor
/// of its condition: the document reader reads the value this says and
/// builds the condition, with no list of keys of its own.
#[cfg_attr(not(feature = "serde"), allow(dead_code))] // Used by policy documents.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ValueType {
    List(fn(Vec<Condition>) -> Condition),
    Nested(fn(Box<Condition>) -> Condition),
    Bool(fn(bool) -> Condition),
    Text(fn(String) -> Condition),
    Count(fn(u32) -> Condition),
    Platform(fn(Platform) -> Condition),
    Direction(fn(Direction) -> Condition),
    Acquaintance(fn(Acquaintance) -> Condition),
    View(fn(View) -> Condition),
}

impl ConditionKey {
    /// What the key holds, and how its condition is built from it.
    pub(crate) fn value_type(self) -> ValueType {
        match self {
            ConditionKey::All => ValueType::List(Condition::All),
            ConditionKey::Any => ValueType::List(Condition::Any),
            ConditionKey::Not => ValueType::Nested(Condition::Not),
            ConditionKey::Platform => ValueType::Platform(Condition::Platform),
            ConditionKey::Direction => ValueType::Direction(Condition::Direction),
            ConditionKey::JobSeeking => ValueType::Bool(Condition::JobSeeking),
            ConditionKey::Acquaintance => ValueType::Acquaintance(Condition::Acquaintance),
            ConditionKey::MetInPerson => ValueType::Bool(Condition::MetInPerson),
            ConditionKey::WorkedTogether => ValueType::Bool(Condition::WorkedTogether),
            ConditionKey::SpokeWith => ValueType::Bool(Condition::SpokeWith),
            ConditionKey::MyView => ValueType::View(Condition::MyView),
            ConditionKey::TheirView => ValueType::View(Condition::TheirView),
            ConditionKey::Recruiter => ValueType::Bool(Condition::Recruiter),
            ConditionKey::Friend => ValueType::Bool(Condition::Friend),
            ConditionKey::FacebookFriend => ValueType::Bool(Condition::FacebookFriend),
            ConditionKey::Star => ValueType::Bool(Condition::Star),
            ConditionKey::Profession => ValueType::Text(Condition::Profession),
            ConditionKey::SharesProfession => ValueType::Bool(Condition::SharesProfession),
            ConditionKey::InterestingProfession => {
                ValueType::Bool(Condition::InterestingProfession)
            }
            ConditionKey::Passion => ValueType::Text(Condition::Passion),
            ConditionKey::SharesPassion => ValueType::Bool(Condition::SharesPassion),
            ConditionKey::Tag => ValueType::Text(Condition::Tag),
            ConditionKey::MutualConnectionsAtLeast => {
                ValueType::Count(Condition::MutualConnectionsAtLeast)
            }
            ConditionKey::HasMessage => ValueType::Bool(Condition::HasMessage),
        }
    }
}

impl Condition {
    /// The condition's value, as a policy document writes it after its key.
    pub(crate) fn value(&self) -> Value<'_> {
        match self {
            Condition::All(list) | Condition::Any(list) => Value::List(list),
            Condition::Not(inner) => Value::Nested(inner),
            Condition::Platform(p) => Value::Platform(p),
            Condition::Direction(d) => Value::Direction(*d),
            Condition::Acquaintance(a) => Value::Acquaintance(*a),
            Condition::MyView(v) | Condition::TheirView(v) => Value::View(*v),
            Condition::JobSeeking(b)
            | Condition::MetInPerson(b)
            | Condition::WorkedTogether(b)
            | Condition::SpokeWith(b)
            | Condition::Recruiter(b)
            | Condition::Friend(b)
            | Condition::FacebookFriend(b)
            | Condition::Star(b)
            | Condition::SharesProfession(b)
            | Condition::InterestingProfession(b)
            | Condition::SharesPassion(b)
            | Condition::HasMessage(b) => Value::Bool(*b),
            Condition::Profession(t) | Condition::Passion(t) | Condition::Tag(t) => Value::Text(t),
            Condition::MutualConnectionsAtLeast(n) => Value::Count(*n),
        }
    }
}

/// A list among my settings (see [`Condition::my_list`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MyList {
    Passions,
    InterestingProfessions,
}
