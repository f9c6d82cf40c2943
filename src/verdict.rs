//! Verdicts: the decision, the rule that decided, and why.

use std::fmt;

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::decision::Decision;
use crate::platform::Platform;
use crate::reply::builtin_reply;
use crate::request::Request;
use crate::rules::{DataRule, Rule};

/// Which rule decided.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Decider<'a> {
    Builtin(BuiltinRule),
    Data(&'a DataRule),
    /// A rule written in Rust, with the id the policy read when it was
    /// added.
    Custom {
        id: &'a str,
        rule: &'a dyn Rule,
    },
    Fallback,
}

impl<'a> Decider<'a> {
    /// The id of the deciding rule, or `fallback`.
    #[inline]
    pub(crate) fn id(self) -> &'a str {
        match self {
            Decider::Builtin(rule) => rule.id(),
            Decider::Data(rule) => &rule.id,
            Decider::Custom { id, .. } => id,
            Decider::Fallback => FALLBACK_ID,
        }
    }
}

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
    ///
    /// In data (a [`VerdictRecord`], JSON, a policy's `[[examples]]`) the
    /// same id is the field `rule`, the name a policy document gives it;
    /// in Rust, `rule_id`, since a `Verdict`'s `rule` would read as the
    /// rule itself.
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
    ///
    /// # Panics
    ///
    /// Only if the deciding rule is written in Rust and its
    /// [`Rule::explain`] panics.
    pub fn explanation(&self) -> String {
        let r = &self.request;
        match self.decider {
            Decider::Builtin(rule) => crate::builtin::explain_builtin(rule, r),
            Decider::Data(rule) => rule.explain(r),
            Decider::Custom { rule, .. } => rule.explain(r),
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
    /// person; `None` otherwise.
    ///
    /// It is the user's own template for the request's direction when the
    /// policy sets one (see [`PolicyBuilder::reply`](crate::PolicyBuilder::reply)),
    /// else acquaint's, which greets the contact by the first word of their
    /// name ("Hi Ada," for Ada Lovelace; "Hi," for a contact with no name).
    pub fn reply(&self) -> Option<String> {
        if self.decision != Decision::MeetFirst {
            return None;
        }
        let r = &self.request;
        Some(match &r.settings.replies[r.direction as usize] {
            Some(template) => template.render(r.contact, r.platform),
            None => builtin_reply(r.contact, r.platform, r.direction),
        })
    }

    /// An owned copy of the verdict's data, with the explanation and reply
    /// built.
    ///
    /// # Panics
    ///
    /// Only if the deciding rule is written in Rust and its
    /// [`Rule::explain`] panics.
    pub fn to_record(&self) -> VerdictRecord {
        VerdictRecord {
            decision: self.decision,
            rule: self.rule_id().to_owned(),
            explanation: self.explanation(),
            reply: self.reply(),
        }
    }
}

/// Two verdicts are equal when they give the same decision by the rule with
/// the same id, for equal requests.
impl PartialEq for Verdict<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.decision == other.decision
            && self.rule_id() == other.rule_id()
            && self.request == other.request
    }
}

impl Eq for Verdict<'_> {}

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
#[non_exhaustive]
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

/// A verdict serializes as its [`VerdictRecord`](crate::VerdictRecord).
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
#[cfg(feature = "serde")]
impl serde::Serialize for Verdict<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.to_record(), s)
    }
}
