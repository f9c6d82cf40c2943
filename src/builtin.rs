//! The built-in rules: the philosophy, rule by rule, with how each decides
//! and how it explains itself.

use std::fmt;

use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::platform::{Direction, Platform};
use crate::request::Request;
use crate::text::{capitalize, join};

/// The id shown for verdicts that no rule decided; reserved, like the
/// built-in rules' ids.
pub(crate) const FALLBACK_ID: &str = "fallback";

/// Defines [`BuiltinRule`] from one list: each rule's variant, with its
/// doc comment, id, platform and decision, in the order the default policy
/// tries them. `ALL`, `id`, `platform` and `decision` follow from it, and
/// each platform's list of rules follows from `ALL` (see [`rules_on`]).
macro_rules! builtin_rules {
    (
        $(#[$meta:meta])*
        pub enum BuiltinRule {
            $( $(#[doc = $doc:literal])* $rule:ident = ($id:literal, $platform:ident, $decision:ident), )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum BuiltinRule {
            $( $(#[doc = $doc])* $rule, )+
        }

        impl BuiltinRule {
            /// Every built-in rule, in the order the default policy tries them.
            pub const ALL: [BuiltinRule; [$($id),+].len()] = [$(BuiltinRule::$rule),+];

            /// The rule's stable id, such as `linkedin.not-met`.
            #[inline]
            pub fn id(self) -> &'static str {
                match self {
                    $(BuiltinRule::$rule => $id,)+
                }
            }

            /// The platform the rule belongs to.
            pub const fn platform(self) -> Platform {
                match self {
                    $(BuiltinRule::$rule => Platform::$platform,)+
                }
            }

            /// The decision the rule gives when it applies.
            #[inline]
            pub fn decision(self) -> Decision {
                match self {
                    $(BuiltinRule::$rule => Decision::$decision,)+
                }
            }
        }
    };
}

builtin_rules! {
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
    pub enum BuiltinRule {
        /// `linkedin.recruiter-override`: an incoming invitation from a recruiter
        /// I have never met, spoken to or worked with, while I am job seeking:
        /// accept.
        LinkedInRecruiterOverride = ("linkedin.recruiter-override", LinkedIn, Accept),
        /// `linkedin.reputation-guard`: I would speak negatively of them, or
        /// they of me: decline.
        LinkedInReputationGuard = ("linkedin.reputation-guard", LinkedIn, Decline),
        /// `linkedin.not-met`: we have neither met in person nor worked
        /// together: meet first.
        LinkedInNotMet = ("linkedin.not-met", LinkedIn, MeetFirst),
        /// `linkedin.cannot-vouch`: my view of their ability, or theirs of mine,
        /// is unknown: decline.
        LinkedInCannotVouch = ("linkedin.cannot-vouch", LinkedIn, Decline),
        /// `linkedin.mutual-vouch`: we have met and each would speak positively
        /// of the other: accept.
        LinkedInMutualVouch = ("linkedin.mutual-vouch", LinkedIn, Accept),
        /// `twitter.shared-purpose`: they serve one of my purposes: accept.
        TwitterSharedPurpose = ("twitter.shared-purpose", Twitter, Accept),
        /// `twitter.no-purpose`: otherwise decline.
        TwitterNoPurpose = ("twitter.no-purpose", Twitter, Decline),
        /// `facebook.friend`: a personal friend: accept.
        FacebookFriend = ("facebook.friend", Facebook, Accept),
        /// `facebook.not-a-friend`: otherwise decline.
        FacebookNotAFriend = ("facebook.not-a-friend", Facebook, Decline),
    }
}

// A set of built-in rules is a `u16` of their bits.
const _: () = assert!(BuiltinRule::ALL.len() <= 16);

/// How many of [`BuiltinRule::ALL`] belong to `platform`.
const fn count_on(platform: &Platform) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < BuiltinRule::ALL.len() {
        if BuiltinRule::ALL[i].is_on(platform) {
            count += 1;
        }
        i += 1;
    }
    count
}

/// The rules of [`BuiltinRule::ALL`] that belong to `platform`, in order;
/// `N` is their count.
const fn rules_on<const N: usize>(platform: &Platform) -> [BuiltinRule; N] {
    let mut rules = [BuiltinRule::ALL[0]; N];
    let (mut i, mut n) = (0, 0);
    while i < BuiltinRule::ALL.len() {
        if BuiltinRule::ALL[i].is_on(platform) {
            rules[n] = BuiltinRule::ALL[i];
            n += 1;
        }
        i += 1;
    }
    rules
}

const LINKEDIN_RULES: [BuiltinRule; count_on(&Platform::LinkedIn)] = rules_on(&Platform::LinkedIn);
const TWITTER_RULES: [BuiltinRule; count_on(&Platform::Twitter)] = rules_on(&Platform::Twitter);
const FACEBOOK_RULES: [BuiltinRule; count_on(&Platform::Facebook)] = rules_on(&Platform::Facebook);

impl BuiltinRule {
    /// The namespaces of the built-in rules' ids, one per built-in platform
    /// in the order of [`Platform::BUILTIN`]: no user rule's id may start
    /// with one of them, whatever its case.
    pub(crate) const NAMESPACES: [&'static str; Platform::BUILTIN.len()] =
        ["linkedin.", "twitter.", "facebook."];

    /// The built-in rule with this id.
    pub fn from_id(id: &str) -> Option<BuiltinRule> {
        BuiltinRule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Whether the rule belongs to `platform`, a built-in one; for the
    /// constants above, where platforms cannot be compared with `==`.
    const fn is_on(self, platform: &Platform) -> bool {
        let mine = self.platform();
        let on = matches!(
            (mine.builtin_index(), platform.builtin_index()),
            (Some(a), Some(b)) if a == b
        );
        // A `const fn` cannot drop a `Platform`; a built-in one holds no
        // memory to free.
        std::mem::forget(mine);
        on
    }

    /// The rule as a condition, as a data rule would say it: it reads the
    /// facts [`applies`](BuiltinRule::applies) reads, and holds for the
    /// same requests, its platform aside (that is
    /// [`platform`](BuiltinRule::platform)). `None` for a rule that applies
    /// to every request on its platform, as a [`DataRule`](crate::DataRule)
    /// without a condition does.
    ///
    /// The analyses read the built-in rules through it; it is how to start
    /// a data rule of your own from a built-in one.
    ///
    /// ```
    /// use acquaint::{BuiltinRule, Condition, Contact, DataRule, Direction, Platform, Policy};
    ///
    /// let purpose = BuiltinRule::TwitterSharedPurpose;
    /// let when = Condition::Any(vec![
    ///     Condition::SharesProfession(true),
    ///     Condition::InterestingProfession(true),
    ///     Condition::Star(true),
    ///     Condition::SharesPassion(true),
    /// ]);
    /// assert_eq!(purpose.condition(), Some(when.clone()));
    /// assert_eq!(BuiltinRule::TwitterNoPurpose.condition(), None);
    ///
    /// // The same rule as data decides as the built-in one does.
    /// let mine = DataRule::new("my-purpose", when, purpose.decision(), "")
    ///     .on(purpose.platform());
    /// let policy = Policy::builder()
    ///     .passion("chess")
    ///     .disable(purpose.id())
    ///     .data_rule(mine)
    ///     .build()?;
    /// let kim = Contact::new("Kim").with_passion("Chess");
    /// let verdict = policy.evaluate(&kim, &Platform::Twitter, Direction::Incoming);
    /// assert_eq!(verdict.decision(), purpose.decision());
    /// assert_eq!(verdict.rule_id(), "my-purpose");
    /// # Ok::<(), acquaint::PolicyError>(())
    /// ```
    pub fn condition(self) -> Option<Condition> {
        use Condition::{All, Any};
        Some(match self {
            BuiltinRule::LinkedInRecruiterOverride => All(vec![
                Condition::Direction(Direction::Incoming),
                Condition::JobSeeking(true),
                Condition::Recruiter(true),
                Condition::Acquaintance(Acquaintance::Never),
            ]),
            BuiltinRule::LinkedInReputationGuard => Any(vec![
                Condition::MyView(View::Negative),
                Condition::TheirView(View::Negative),
            ]),
            BuiltinRule::LinkedInNotMet => All(vec![
                Condition::MetInPerson(false),
                Condition::WorkedTogether(false),
            ]),
            BuiltinRule::LinkedInCannotVouch => Any(vec![
                Condition::MyView(View::Unknown),
                Condition::TheirView(View::Unknown),
            ]),
            BuiltinRule::LinkedInMutualVouch => All(vec![
                Any(vec![
                    Condition::MetInPerson(true),
                    Condition::WorkedTogether(true),
                ]),
                Condition::MyView(View::Positive),
                Condition::TheirView(View::Positive),
            ]),
            BuiltinRule::TwitterSharedPurpose => Any(vec![
                Condition::SharesProfession(true),
                Condition::InterestingProfession(true),
                Condition::Star(true),
                Condition::SharesPassion(true),
            ]),
            BuiltinRule::FacebookFriend => Condition::Friend(true),
            BuiltinRule::TwitterNoPurpose | BuiltinRule::FacebookNotAFriend => return None,
        })
    }

    /// Whether the rule applies to the request (its platform aside): where
    /// its [`condition`](BuiltinRule::condition) holds, checked fact by fact
    /// with no condition to walk, as the decision path needs.
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

/// A built-in rule by its id, in any case and with any surrounding space,
/// as every name a person types reads; [`BuiltinRule::from_id`] takes the
/// id exactly.
///
/// ```
/// use acquaint::BuiltinRule;
///
/// let rule: BuiltinRule = " LinkedIn.Not-Met ".parse()?;
/// assert_eq!(rule, BuiltinRule::LinkedInNotMet);
/// assert!("linkedin.not-mett".parse::<BuiltinRule>().is_err());
/// # Ok::<(), acquaint::ParseError>(())
/// ```
impl std::str::FromStr for BuiltinRule {
    type Err = crate::error::ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = s.trim();
        BuiltinRule::ALL
            .into_iter()
            .find(|rule| rule.id().eq_ignore_ascii_case(id))
            .ok_or_else(|| {
                crate::error::ParseError::new(
                    crate::error::NameKind::BuiltinRule,
                    s,
                    "the id of a built-in rule, such as `linkedin.not-met`",
                    BuiltinRule::ALL.map(BuiltinRule::id),
                )
            })
    }
}

impl fmt::Display for BuiltinRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.id())
    }
}

/// A built-in rule serializes as its id, such as `linkedin.not-met`.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for BuiltinRule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
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

/// Why a built-in rule applied, naming the facts that made it apply.
pub(crate) fn explain_builtin(rule: BuiltinRule, r: &Request<'_>) -> String {
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
                c.acquaintance.phrase()
            )
        }
        BuiltinRule::LinkedInMutualVouch => format!(
            "{}, you would speak positively of their professional ability and they of yours, \
             so accept",
            capitalize(c.acquaintance.phrase())
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
            let shared = s.shared_passions(c);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Contact, every_finite_contact};
    use crate::settings::Settings;

    /// Each rule's condition holds exactly where its unrolled `applies`
    /// does, over every finite request: each acquaintance, pair of views,
    /// flag, direction and job seeking, with settings and contacts that make
    /// each derived fact (shares my profession, works in one that interests
    /// me, shares a passion) true and false.
    #[test]
    fn each_rule_applies_where_its_condition_holds() {
        let conditions = BuiltinRule::ALL.map(|rule| (rule, rule.condition()));
        let mut purposes = Settings {
            profession: Some("nurse".into()),
            ..Settings::default()
        };
        std::sync::Arc::make_mut(&mut purposes.interesting_professions).insert("biologist");
        std::sync::Arc::make_mut(&mut purposes.passions).insert("chess");
        let mut checked = 0;
        for base in [Settings::default(), purposes] {
            for job_seeking in [false, true] {
                let settings = Settings {
                    job_seeking,
                    ..base.clone()
                };
                for contact in every_contact() {
                    for direction in Direction::ALL {
                        let r = Request::new(&contact, &Platform::LinkedIn, direction, &settings);
                        for (rule, condition) in &conditions {
                            let holds = condition.as_ref().is_none_or(|c| c.holds(&r));
                            assert_eq!(rule.applies(&r), holds, "{rule}: {contact:?}, {r:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 4 * 2 * 5 * 9 * 16 * 4 * 3 * BuiltinRule::ALL.len());
    }

    /// Every contact of finite facts, with professions and passions that
    /// do and do not serve the purposes of the test above.
    fn every_contact() -> Vec<Contact> {
        let professions = [None, Some("Nurse"), Some("biologist"), Some("baker")];
        let passions = [None, Some("CHESS"), Some("go")];
        let mut contacts = Vec::new();
        for contact in every_finite_contact() {
            for profession in professions {
                for passion in passions {
                    let mut c = contact.clone();
                    if let Some(p) = profession {
                        c = c.with_profession(p);
                    }
                    if let Some(p) = passion {
                        c = c.with_passion(p);
                    }
                    contacts.push(c);
                }
            }
        }
        contacts
    }

    /// Every rule is tried on its platform, which is one of
    /// `Platform::BUILTIN`: with the others switched off, some request
    /// there is decided by it.
    #[test]
    fn each_rule_is_tried_on_its_platform() {
        let settings = Settings {
            job_seeking: true,
            profession: Some("nurse".into()),
            ..Settings::default()
        };
        let contacts = every_contact();
        for rule in BuiltinRule::ALL {
            let platform = rule.platform();
            let index = platform.builtin_index();
            assert_eq!(
                index.and_then(|i| Platform::BUILTIN.get(i)),
                Some(&platform),
                "{rule}: add {platform} to Platform::BUILTIN"
            );
            let mut others = BuiltinSet::default();
            for other in BuiltinRule::ALL.into_iter().filter(|r| *r != rule) {
                others.insert(other);
            }
            let decides = contacts.iter().any(|c| {
                Direction::ALL.into_iter().any(|d| {
                    let r = Request::new(c, &platform, d, &settings);
                    others.first_applying(&r) == Some(rule)
                })
            });
            assert!(
                decides,
                "{rule} is never tried: add {platform}'s rules to first_applying"
            );
        }
    }

    #[test]
    fn each_builtin_platform_has_its_namespace() {
        for (platform, namespace) in Platform::BUILTIN.iter().zip(BuiltinRule::NAMESPACES) {
            assert_eq!(namespace, format!("{}.", platform.as_str()));
        }
    }

    #[test]
    fn every_builtin_id_is_in_a_reserved_namespace() {
        for rule in BuiltinRule::ALL {
            let namespace = format!("{}.", rule.platform().as_str());
            assert!(rule.id().starts_with(&namespace), "{rule}");
            assert!(
                BuiltinRule::NAMESPACES.contains(&namespace.as_str()),
                "{rule}"
            );
        }
    }
}
