//! User rules: the [`Rule`] trait for rules written in Rust, and data rules.

use std::fmt;
use std::hash::{Hash, Hasher};

use crate::condition::Condition;
use crate::decision::Decision;
use crate::platform::Platform;
use crate::request::Request;
use crate::text::join;

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
///
/// With the `serde` feature a rule also serializes and deserializes on its
/// own, as one `[[rules]]` entry of a policy document, so that a host can
/// store a rule or edit it alone; it is checked as it is read, as in a
/// policy, and what needs the whole policy (its id used once, the
/// platforms of its own it names declared) when it joins one (see its
/// `Deserialize`):
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use acquaint::{Condition, DataRule, Decision, Policy};
///
/// let rule: DataRule = serde_json::from_str(r#"{
///     "id": "no-spam",
///     "when": { "tag": "Spam" },
///     "decision": "decline",
///     "reason": "They sent spam"
/// }"#)?;
/// assert_eq!(rule.condition(), Some(&Condition::Tag("spam".into())));
/// assert_eq!(serde_json::from_value::<DataRule>(serde_json::to_value(&rule)?)?, rule);
/// let policy = Policy::builder().data_rule(rule).build()?;
/// assert_eq!(policy.rule_ids().next(), Some("no-spam"));
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// Two rules are equal when they hold the same id, platforms, condition,
/// decision and reason.
#[derive(Debug, Clone)]
pub struct DataRule {
    pub(crate) id: String,
    pub(crate) platforms: Option<Vec<Platform>>,
    pub(crate) when: Option<Condition>,
    pub(crate) decision: Decision,
    pub(crate) reason: String,
    /// Built-in platforms covered, as `Platform::builtin_bit`s; filled when
    /// the policy is built.
    pub(crate) builtin_bits: u8,
    /// Read alone from a document (its `Deserialize`): the policy it joins
    /// must declare the platforms of its own it names, as a policy file
    /// must, so that a misspelt `linkdin` is an error rather than a rule
    /// that never applies.
    pub(crate) read_alone: bool,
}

/// What a rule holds, for comparing and hashing: not `builtin_bits`, which
/// building a policy derives from the platforms, nor where it was read.
type Content<'a> = (
    &'a str,
    Option<&'a [Platform]>,
    Option<&'a Condition>,
    Decision,
    &'a str,
);

impl DataRule {
    fn content(&self) -> Content<'_> {
        let DataRule {
            id,
            platforms,
            when,
            decision,
            reason,
            builtin_bits: _,
            read_alone: _,
        } = self;
        (id, platforms.as_deref(), when.as_ref(), *decision, reason)
    }
}

impl PartialEq for DataRule {
    fn eq(&self, other: &DataRule) -> bool {
        self.content() == other.content()
    }
}

impl Eq for DataRule {}

impl Hash for DataRule {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.content().hash(state);
    }
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
            read_alone: false,
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
        // Repeats are dropped when the policy is built, in one pass.
        self.platforms.get_or_insert_with(Vec::new).push(platform);
        self
    }

    /// The rule's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The platforms it is limited to, or `None` for all (in a built
    /// policy, each once).
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
        let Some(list) = &self.platforms else {
            return true;
        };
        match platform.builtin_bit() {
            // A user-named platform.
            0 => list.contains(platform),
            bit => self.builtin_bits & bit != 0,
        }
    }

    /// Whether the rule applies to the request.
    #[inline]
    pub(crate) fn applies(&self, request: &Request<'_>) -> bool {
        self.covers(request.platform) && self.when.as_ref().is_none_or(|w| w.holds(request))
    }

    /// Whether the rule's condition holds for the request, its platforms
    /// aside: for a compiled policy, which has checked them.
    #[inline]
    pub(crate) fn condition_holds(&self, request: &Request<'_>) -> bool {
        self.when.as_ref().is_none_or(|w| w.holds(request))
    }

    /// The user's reason, followed by the facts that made the rule's condition
    /// hold, so that a data rule explains itself as well as a built-in one.
    pub(crate) fn explain(&self, r: &Request<'_>) -> String {
        let (rule, decision) = (self, self.decision);
        let facts = match &rule.when {
            Some(when) => when.facts_behind(r),
            None => Vec::new(),
        };
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
}
