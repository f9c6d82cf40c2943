//! Rules: the built-in ones, user rules written in Rust, and data rules.

use std::fmt;

use crate::contact::{Acquaintance, Contact, View};
use crate::platform::{Direction, Platform};
use crate::policy::Settings;
use crate::verdict::Decision;

/// Everything a rule may look at: the contact, the platform, the direction
/// of the request and the user's settings.
///
/// ```
/// use acquaint::{Contact, Direction, Platform, Policy, Request};
///
/// let policy = Policy::default();
/// let ada = Contact::new("Ada");
/// let request = Request::new(&ada, &Platform::LinkedIn, Direction::Incoming, policy.settings());
/// assert_eq!(request.contact.name(), "Ada");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Who the request is with.
    pub contact: &'a Contact,
    /// The network.
    pub platform: &'a Platform,
    /// Who asked.
    pub direction: Direction,
    /// The user's settings (job seeking, profession, interests, passions).
    pub settings: &'a Settings,
}

impl<'a> Request<'a> {
    /// Gathers what a rule may look at.
    pub fn new(
        contact: &'a Contact,
        platform: &'a Platform,
        direction: Direction,
        settings: &'a Settings,
    ) -> Request<'a> {
        Request {
            contact,
            platform,
            direction,
            settings,
        }
    }
}

/// A rule of your own, written in Rust.
///
/// A rule either applies to a request and returns the decision, or returns
/// `None` and lets the next rule decide. User rules come before the built-in
/// ones, in the order they were added; the first that applies decides.
///
/// The trait is object-safe: a [`Policy`](crate::Policy) holds rules as
/// `Box<dyn Rule>`, and stays `Send + Sync` because rules are.
///
/// ```
/// use acquaint::{Contact, Decision, Direction, Platform, Policy, Request, Rule};
///
/// /// Accept anyone who comes recommended by a colleague.
/// #[derive(Debug)]
/// struct Recommended;
///
/// impl Rule for Recommended {
///     fn id(&self) -> &str {
///         "recommended"
///     }
///     fn decide(&self, request: &Request<'_>) -> Option<Decision> {
///         request.contact.has_tag("recommended").then_some(Decision::Accept)
///     }
///     fn explain(&self, request: &Request<'_>) -> String {
///         format!("{} comes recommended by a colleague", request.contact.name())
///     }
/// }
///
/// let policy = Policy::builder().rule(Recommended).build()?;
/// let bob = Contact::new("Bob").with_tag("recommended");
/// let verdict = policy.evaluate(&bob, &Platform::LinkedIn, Direction::Incoming);
/// assert_eq!(verdict.decision(), Decision::Accept);
/// assert_eq!(verdict.rule_id(), "recommended");
/// assert_eq!(verdict.explanation(), "Bob comes recommended by a colleague");
/// # Ok::<(), acquaint::PolicyError>(())
/// ```
pub trait Rule: Send + Sync + fmt::Debug {
    /// The rule's id, unique within its policy, shown in verdicts.
    fn id(&self) -> &str;

    /// The decision, if the rule applies to this request.
    fn decide(&self, request: &Request<'_>) -> Option<Decision>;

    /// Why the rule applied, for a person to read. Called only when a
    /// verdict's explanation is asked for.
    fn explain(&self, request: &Request<'_>) -> String {
        let _ = request;
        format!("rule `{}` applies", self.id())
    }
}

/// One of the rules of the default policy.
///
/// Each has a stable id (such as `linkedin.not-met`) used in verdicts and to
/// switch it off with [`PolicyBuilder::disable`](crate::PolicyBuilder::disable).
///
/// ```
/// use acquaint::{BuiltinRule, Decision, Platform};
///
/// let rule = BuiltinRule::from_id("linkedin.not-met").unwrap();
/// assert_eq!(rule, BuiltinRule::LinkedInNotMet);
/// assert_eq!(rule.platform(), Platform::LinkedIn);
/// assert_eq!(rule.decision(), Decision::MeetFirst);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum BuiltinRule {
    /// `linkedin.recruiter-override`: an incoming invitation from a recruiter
    /// I have never met, spoken to or worked with, while I am job seeking:
    /// accept.
    LinkedInRecruiterOverride,
    /// `linkedin.reputation-guard`: I would speak negatively of them, or
    /// they of me: decline.
    LinkedInReputationGuard,
    /// `linkedin.not-met`: we have neither met in person nor worked
    /// together: meet first.
    LinkedInNotMet,
    /// `linkedin.cannot-vouch`: my view of their ability, or theirs of mine,
    /// is unknown: decline.
    LinkedInCannotVouch,
    /// `linkedin.mutual-vouch`: we have met and each would speak positively
    /// of the other: accept.
    LinkedInMutualVouch,
    /// `twitter.shared-purpose`: they serve one of my purposes: accept.
    TwitterSharedPurpose,
    /// `twitter.no-purpose`: otherwise decline.
    TwitterNoPurpose,
    /// `facebook.friend`: a personal friend: accept.
    FacebookFriend,
    /// `facebook.not-a-friend`: otherwise decline.
    FacebookNotAFriend,
}

const LINKEDIN_RULES: [BuiltinRule; 5] = [
    BuiltinRule::LinkedInRecruiterOverride,
    BuiltinRule::LinkedInReputationGuard,
    BuiltinRule::LinkedInNotMet,
    BuiltinRule::LinkedInCannotVouch,
    BuiltinRule::LinkedInMutualVouch,
];
const TWITTER_RULES: [BuiltinRule; 2] = [
    BuiltinRule::TwitterSharedPurpose,
    BuiltinRule::TwitterNoPurpose,
];
const FACEBOOK_RULES: [BuiltinRule; 2] =
    [BuiltinRule::FacebookFriend, BuiltinRule::FacebookNotAFriend];

impl BuiltinRule {
    /// Every built-in rule, in the order the default policy tries them.
    pub const ALL: [BuiltinRule; 9] = [
        BuiltinRule::LinkedInRecruiterOverride,
        BuiltinRule::LinkedInReputationGuard,
        BuiltinRule::LinkedInNotMet,
        BuiltinRule::LinkedInCannotVouch,
        BuiltinRule::LinkedInMutualVouch,
        BuiltinRule::TwitterSharedPurpose,
        BuiltinRule::TwitterNoPurpose,
        BuiltinRule::FacebookFriend,
        BuiltinRule::FacebookNotAFriend,
    ];

    /// The rule's stable id, such as `linkedin.not-met`.
    #[inline]
    pub fn id(self) -> &'static str {
        match self {
            BuiltinRule::LinkedInRecruiterOverride => "linkedin.recruiter-override",
            BuiltinRule::LinkedInReputationGuard => "linkedin.reputation-guard",
            BuiltinRule::LinkedInNotMet => "linkedin.not-met",
            BuiltinRule::LinkedInCannotVouch => "linkedin.cannot-vouch",
            BuiltinRule::LinkedInMutualVouch => "linkedin.mutual-vouch",
            BuiltinRule::TwitterSharedPurpose => "twitter.shared-purpose",
            BuiltinRule::TwitterNoPurpose => "twitter.no-purpose",
            BuiltinRule::FacebookFriend => "facebook.friend",
            BuiltinRule::FacebookNotAFriend => "facebook.not-a-friend",
        }
    }

    /// The built-in rule with this id.
    pub fn from_id(id: &str) -> Option<BuiltinRule> {
        BuiltinRule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The platform the rule belongs to.
    pub fn platform(self) -> Platform {
        match self {
            BuiltinRule::LinkedInRecruiterOverride
            | BuiltinRule::LinkedInReputationGuard
            | BuiltinRule::LinkedInNotMet
            | BuiltinRule::LinkedInCannotVouch
            | BuiltinRule::LinkedInMutualVouch => Platform::LinkedIn,
            BuiltinRule::TwitterSharedPurpose | BuiltinRule::TwitterNoPurpose => Platform::Twitter,
            BuiltinRule::FacebookFriend | BuiltinRule::FacebookNotAFriend => Platform::Facebook,
        }
    }

    /// The decision the rule gives when it applies.
    #[inline]
    pub fn decision(self) -> Decision {
        match self {
            BuiltinRule::LinkedInRecruiterOverride
            | BuiltinRule::LinkedInMutualVouch
            | BuiltinRule::TwitterSharedPurpose
            | BuiltinRule::FacebookFriend => Decision::Accept,
            BuiltinRule::LinkedInNotMet => Decision::MeetFirst,
            BuiltinRule::LinkedInReputationGuard
            | BuiltinRule::LinkedInCannotVouch
            | BuiltinRule::TwitterNoPurpose
            | BuiltinRule::FacebookNotAFriend => Decision::Decline,
        }
    }

    /// Whether the rule applies to the request (its platform aside).
    #[inline]
    pub fn applies(self, request: &Request<'_>) -> bool {
        let c = request.contact;
        match self {
            BuiltinRule::LinkedInRecruiterOverride => {
                request.direction == Direction::Incoming
                    && request.settings.job_seeking
                    && c.recruiter
                    && c.acquaintance == Acquaintance::Never
            }
            BuiltinRule::LinkedInReputationGuard => {
                c.my_view == View::Negative || c.their_view == View::Negative
            }
            BuiltinRule::LinkedInNotMet => !c.acquaintance.has_met(),
            BuiltinRule::LinkedInCannotVouch => {
                c.my_view == View::Unknown || c.their_view == View::Unknown
            }
            BuiltinRule::LinkedInMutualVouch => {
                c.acquaintance.has_met()
                    && c.my_view == View::Positive
                    && c.their_view == View::Positive
            }
            BuiltinRule::TwitterSharedPurpose => request.settings.serves_purpose(c),
            BuiltinRule::TwitterNoPurpose | BuiltinRule::FacebookNotAFriend => true,
            BuiltinRule::FacebookFriend => c.friend,
        }
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }
}

impl fmt::Display for BuiltinRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A set of built-in rules, as a bit mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub(crate) struct BuiltinSet(u16);

impl BuiltinSet {
    pub(crate) fn insert(&mut self, rule: BuiltinRule) {
        self.0 |= rule.bit();
    }

    pub(crate) fn contains(self, rule: BuiltinRule) -> bool {
        self.0 & rule.bit() != 0
    }

    /// The first enabled built-in rule that applies.
    #[inline]
    pub(crate) fn first_applying(self, request: &Request<'_>) -> Option<BuiltinRule> {
        // Each platform's list is a constant in its own arm, so the compiler
        // unrolls the search and reduces each `applies` to that rule's own
        // checks: no dispatch per rule. (A loop over a slice chosen at run
        // time went through a jump table for every rule, and
        // `Iterator::find` was not unrolled: see `benches/evaluate.rs`.)
        #[inline(always)]
        #[allow(clippy::manual_find)]
        fn first(
            off: BuiltinSet,
            rules: &[BuiltinRule],
            request: &Request<'_>,
        ) -> Option<BuiltinRule> {
            for &rule in rules {
                if !off.contains(rule) && rule.applies(request) {
                    return Some(rule);
                }
            }
            None
        }
        match request.platform {
            Platform::LinkedIn => first(self, &LINKEDIN_RULES, request),
            Platform::Twitter => first(self, &TWITTER_RULES, request),
            Platform::Facebook => first(self, &FACEBOOK_RULES, request),
            Platform::Other(_) => None,
        }
    }
}

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
}

/// Every key a condition table may hold, as [`Condition::key`] names them.
pub(crate) const CONDITION_KEYS: &[&str] = &[
    "all",
    "any",
    "not",
    "platform",
    "direction",
    "job-seeking",
    "acquaintance",
    "met-in-person",
    "worked-together",
    "spoke-with",
    "my-view",
    "their-view",
    "recruiter",
    "friend",
    "facebook-friend",
    "star",
    "profession",
    "shares-profession",
    "interesting-profession",
    "passion",
    "shares-passion",
    "tag",
    "mutual-connections-at-least",
];

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
            Condition::Profession(p) => c.profession.as_deref() == Some(p.as_str()),
            Condition::SharesProfession(b) => r.settings.shares_profession(c) == *b,
            Condition::InterestingProfession(b) => r.settings.has_interesting_profession(c) == *b,
            Condition::Passion(p) => c.passions.iter().any(|x| **x == **p),
            Condition::SharesPassion(b) => r.settings.shared_passion(c).is_some() == *b,
            Condition::Tag(t) => c.tags.iter().any(|x| **x == **t),
            Condition::MutualConnectionsAtLeast(n) => c.mutual_connections >= *n,
        }
    }

    /// The key naming this condition in a policy file, such as `all` or
    /// `met-in-person`.
    pub fn key(&self) -> &'static str {
        match self {
            Condition::All(_) => "all",
            Condition::Any(_) => "any",
            Condition::Not(_) => "not",
            Condition::Platform(_) => "platform",
            Condition::Direction(_) => "direction",
            Condition::JobSeeking(_) => "job-seeking",
            Condition::Acquaintance(_) => "acquaintance",
            Condition::MetInPerson(_) => "met-in-person",
            Condition::WorkedTogether(_) => "worked-together",
            Condition::SpokeWith(_) => "spoke-with",
            Condition::MyView(_) => "my-view",
            Condition::TheirView(_) => "their-view",
            Condition::Recruiter(_) => "recruiter",
            Condition::Friend(_) => "friend",
            Condition::FacebookFriend(_) => "facebook-friend",
            Condition::Star(_) => "star",
            Condition::Profession(_) => "profession",
            Condition::SharesProfession(_) => "shares-profession",
            Condition::InterestingProfession(_) => "interesting-profession",
            Condition::Passion(_) => "passion",
            Condition::SharesPassion(_) => "shares-passion",
            Condition::Tag(_) => "tag",
            Condition::MutualConnectionsAtLeast(_) => "mutual-connections-at-least",
        }
    }
}

/// A rule written as data: an id, the platforms it covers, a condition, a
/// decision and a reason.
///
/// Usually loaded from a policy file; it can be built in code too.
///
/// ```
/// use acquaint::{Condition, DataRule, Decision, Platform};
///
/// let rule = DataRule::new(
///     "no-cold-recruiters",
///     Condition::All(vec![Condition::Recruiter(true), Condition::SpokeWith(false)]),
///     Decision::Decline,
///     "I am not looking for a job",
/// )
/// .on(Platform::LinkedIn);
/// assert_eq!(rule.id(), "no-cold-recruiters");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DataRule {
    pub(crate) id: String,
    pub(crate) platforms: Option<Vec<Platform>>,
    pub(crate) when: Option<Condition>,
    pub(crate) decision: Decision,
    pub(crate) reason: String,
    /// Built-in platforms covered, as `Platform::builtin_bit`s; filled when
    /// the policy is built.
    pub(crate) builtin_bits: u8,
}

impl DataRule {
    /// A rule that applies on every platform when `when` holds.
    pub fn new(
        id: impl Into<String>,
        when: Condition,
        decision: Decision,
        reason: impl Into<String>,
    ) -> DataRule {
        DataRule {
            id: id.into(),
            platforms: None,
            when: Some(when),
            decision,
            reason: reason.into(),
            builtin_bits: 0,
        }
    }

    /// A rule that applies to every request on its platforms.
    pub fn always(
        id: impl Into<String>,
        decision: Decision,
        reason: impl Into<String>,
    ) -> DataRule {
        DataRule {
            when: None,
            ..DataRule::new(id, Condition::All(Vec::new()), decision, reason)
        }
    }

    /// Limits the rule to a platform; call again to add more.
    #[must_use]
    pub fn on(mut self, platform: Platform) -> DataRule {
        let list = self.platforms.get_or_insert_with(Vec::new);
        if !list.contains(&platform) {
            list.push(platform);
        }
        self
    }

    /// The rule's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The platforms it is limited to, or `None` for all.
    pub fn platforms(&self) -> Option<&[Platform]> {
        self.platforms.as_deref()
    }

    /// Its condition, or `None` if it applies to every request on its
    /// platforms.
    pub fn condition(&self) -> Option<&Condition> {
        self.when.as_ref()
    }

    /// The decision it gives.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The reason it gives, as written.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// Whether the rule covers the request's platform.
    #[inline]
    pub(crate) fn covers(&self, platform: &Platform) -> bool {
        match (&self.platforms, platform) {
            (None, _) => true,
            (Some(_), Platform::LinkedIn | Platform::Twitter | Platform::Facebook) => {
                self.builtin_bits & platform.builtin_bit() != 0
            }
            (Some(list), other) => list.contains(other),
        }
    }

    /// Whether the rule applies to the request.
    #[inline]
    pub(crate) fn applies(&self, request: &Request<'_>) -> bool {
        self.covers(request.platform) && self.when.as_ref().is_none_or(|w| w.holds(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `CONDITION_KEYS` feeds the "did you mean" of unknown-field errors: it
    /// must name every condition, and nothing else.
    #[test]
    fn condition_keys_name_every_condition() {
        let every = [
            Condition::All(Vec::new()),
            Condition::Any(Vec::new()),
            Condition::Not(Box::new(Condition::Star(true))),
            Condition::Platform(Platform::LinkedIn),
            Condition::Direction(Direction::Incoming),
            Condition::JobSeeking(true),
            Condition::Acquaintance(Acquaintance::Never),
            Condition::MetInPerson(true),
            Condition::WorkedTogether(true),
            Condition::SpokeWith(true),
            Condition::MyView(View::Positive),
            Condition::TheirView(View::Positive),
            Condition::Recruiter(true),
            Condition::Friend(true),
            Condition::FacebookFriend(true),
            Condition::Star(true),
            Condition::Profession(String::new()),
            Condition::SharesProfession(true),
            Condition::InterestingProfession(true),
            Condition::Passion(String::new()),
            Condition::SharesPassion(true),
            Condition::Tag(String::new()),
            Condition::MutualConnectionsAtLeast(1),
        ];
        let keys: Vec<&str> = every.iter().map(Condition::key).collect();
        assert_eq!(keys, CONDITION_KEYS);
    }
}
