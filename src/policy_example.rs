//! Examples a policy holds: requests and the decisions its author expects,
//! checked by [`Policy::check_examples`](crate::Policy::check_examples).

use crate::contact::Contact;
use crate::decision::Decision;
use crate::platform::{Direction, Platform};

/// A request and the decision the policy's author expects for it: a test
/// that travels with the policy.
///
/// Examples never change a decision. [`Policy::check_examples`] evaluates
/// each and returns those the policy gets wrong; `acquaint check` runs
/// them. In a policy document they are `[[examples]]` (their keys are in
/// the [format's reference](crate::policy_format#an-example)); in code,
/// [`PolicyBuilder::example`](crate::PolicyBuilder::example).
///
/// An example may set `job-seeking` for itself, so that one policy can show
/// the recruiter override both while you look for a job and while you do
/// not; every other setting is the policy's own.
///
/// [`Policy::check_examples`]: crate::Policy::check_examples
///
/// ```
/// use acquaint::{Contact, Decision, Direction, Example, Platform, Policy};
///
/// let policy = Policy::builder()
///     .example(
///         Example::new(Contact::new("Bob"), Platform::LinkedIn, Direction::Incoming, Decision::MeetFirst)
///             .named("a stranger on LinkedIn is asked to meet first")
///             .with_rule("linkedin.not-met"),
///     )
///     .build()?;
/// assert!(policy.check_examples().is_empty());
/// # Ok::<(), acquaint::PolicyError>(())
/// ```
///
/// Two examples are equal when they hold the same request, settings and
/// expectations.
#[derive(Debug, Clone)]
pub struct Example {
    pub(crate) name: Option<String>,
    pub(crate) contact: Contact,
    pub(crate) platform: Platform,
    pub(crate) direction: Direction,
    pub(crate) job_seeking: Option<bool>,
    pub(crate) decision: Decision,
    pub(crate) rule: Option<String>,
    /// Read alone from a document (its `Deserialize`): the policy it joins
    /// must declare its platform if it is one of the user's own, as a
    /// policy file must.
    pub(crate) read_alone: bool,
}

/// What an example holds, for comparing: not where it was read.
type Content<'a> = (
    Option<&'a str>,
    &'a Contact,
    &'a Platform,
    Direction,
    Option<bool>,
    Decision,
    Option<&'a str>,
);

impl Example {
    fn content(&self) -> Content<'_> {
        let Example {
            name,
            contact,
            platform,
            direction,
            job_seeking,
            decision,
            rule,
            read_alone: _,
        } = self;
        (
            name.as_deref(),
            contact,
            platform,
            *direction,
            *job_seeking,
            *decision,
            rule.as_deref(),
        )
    }
}

impl PartialEq for Example {
    fn eq(&self, other: &Example) -> bool {
        self.content() == other.content()
    }
}

impl Eq for Example {}

impl Example {
    /// An example: for this contact, on this platform, in this direction,
    /// the policy should decide `decision`.
    pub fn new(
        contact: Contact,
        platform: Platform,
        direction: Direction,
        decision: Decision,
    ) -> Example {
        Example {
            name: None,
            contact,
            platform,
            direction,
            job_seeking: None,
            decision,
            rule: None,
            read_alone: false,
        }
    }

    /// Names the example, for reports: say what it shows.
    #[must_use]
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Expects the decision from this rule too (a user rule's id, a
    /// built-in rule's id such as `linkedin.not-met`, or `fallback`).
    #[must_use]
    pub fn with_rule(mut self, id: impl Into<String>) -> Self {
        self.rule = Some(id.into());
        self
    }

    /// Evaluates the example as if the user's `job-seeking` setting were
    /// this, whatever the policy's own.
    #[must_use]
    pub fn with_job_seeking(mut self, job_seeking: bool) -> Self {
        self.job_seeking = Some(job_seeking);
        self
    }

    /// What the example shows, if it was named.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The contact.
    pub fn contact(&self) -> &Contact {
        &self.contact
    }

    /// The platform.
    pub fn platform(&self) -> &Platform {
        &self.platform
    }

    /// Who asked.
    pub fn direction(&self) -> Direction {
        self.direction
    }

    /// The `job-seeking` setting the example is evaluated with, when it
    /// sets its own.
    pub fn job_seeking(&self) -> Option<bool> {
        self.job_seeking
    }

    /// The decision expected.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the rule expected to decide, if the example names one.
    pub fn rule_id(&self) -> Option<&str> {
        self.rule.as_deref()
    }
}
