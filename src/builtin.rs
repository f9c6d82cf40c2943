//! The built-in rules: the philosophy, rule by rule, with how each decides
//! and how it explains itself.

use std::fmt;

use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::platform::{Direction, Platform};
use crate::request::Request;
use crate::text::{capitalize, join};

/// The id shown for verdicts that no rule decided; reserved, like the
/// built-in rules' ids.
pub(crate) const FALLBACK_ID: &str = "fallback";

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

    /// The namespaces of the built-in rules' ids, one per built-in platform
    /// in the order of [`Platform::BUILTIN`]: no user rule's id may start
    /// with one of them, whatever its case.
    pub(crate) const NAMESPACES: [&'static str; Platform::BUILTIN.len()] =
        ["linkedin.", "twitter.", "facebook."];

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

#[cfg(test)]
mod tests {
    use super::*;

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
