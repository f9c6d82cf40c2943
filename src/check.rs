//! Checking a policy against its own examples.

use std::collections::HashSet;
use std::fmt;

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::decision::Decision;
use crate::policy::Policy;
use crate::policy_example::Example;
use crate::request::Request;
use crate::settings::Settings;
use crate::verdict::Verdict;

/// An example the policy gets wrong: what was expected, what the policy
/// decided, and its explanation. From [`Policy::check_examples`].
///
/// Its `Display` is one line a person can act on; with the `serde` feature
/// it serializes with the example's position and name, the expected and
/// the actual decision and rule, and the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure<'a> {
    position: usize,
    example: &'a Example,
    decision: Decision,
    rule_id: &'a str,
    explanation: String,
    expected_rule_exists: bool,
}

impl<'a> ExampleFailure<'a> {
    /// Where the example is in the policy, counting from 1, as errors
    /// name it (`example #2`).
    pub fn position(&self) -> usize {
        self.position
    }

    /// The example, with what it expected.
    pub fn example(&self) -> &'a Example {
        self.example
    }

    /// What the policy decided.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the rule that decided.
    pub fn rule_id(&self) -> &'a str {
        self.rule_id
    }

    /// Why the policy decided as it did.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }

    /// Whether the rule the example expects is one the policy can decide
    /// by (a rule of its own, an enabled built-in rule, or `fallback`);
    /// `true` when the example expects no rule. `false` is usually a
    /// misspelt id.
    pub fn expected_rule_exists(&self) -> bool {
        self.expected_rule_exists
    }
}

impl fmt::Display for ExampleFailure<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let example = self.example;
        write!(f, "example #{}", self.position)?;
        if let Some(name) = example.name() {
            write!(f, " ({name})")?;
        }
        write!(
            f,
            " on {} ({}): expected {}",
            example.platform().label(),
            example.direction(),
            example.decision()
        )?;
        if let Some(id) = example.rule_id() {
            write!(f, " by `{id}`")?;
            if !self.expected_rule_exists {
                f.write_str(" (the policy has no rule with this id that can decide)")?;
            }
        }
        write!(
            f,
            ", got {} by `{}`: {}",
            self.decision, self.rule_id, self.explanation
        )
    }
}

impl Policy {
    /// Evaluates the policy's examples and returns those it gets wrong, in
    /// order: an empty list means every example holds.
    ///
    /// An example holds when the policy decides as it expects and, if the
    /// example names a rule, that rule decides. An expected rule the policy
    /// does not have is a failure, not an error when the policy is built,
    /// since a policy loaded from a file may gain its Rust rules later
    /// ([`ExampleFailure::expected_rule_exists`] tells). Each example is evaluated
    /// with the policy's settings, except `job-seeking` when the example
    /// sets its own. The cost is one evaluation per example, plus one copy
    /// of the settings when an example's `job-seeking` differs from the
    /// policy's, and an explanation for each failure.
    ///
    /// # Panics
    ///
    /// Only if a rule written in Rust panics while deciding or explaining.
    ///
    /// ```
    /// use acquaint::{Contact, Decision, Direction, Example, Platform, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .example(
    ///         Example::new(Contact::new("Bob"), Platform::LinkedIn, Direction::Incoming, Decision::Accept)
    ///             .named("anyone who asks is accepted"),
    ///     )
    ///     .build()?;
    /// let failures = policy.check_examples();
    /// assert_eq!(failures.len(), 1);
    /// assert_eq!(failures[0].decision(), Decision::MeetFirst);
    /// assert_eq!(failures[0].rule_id(), "linkedin.not-met");
    /// println!("{}", failures[0]);
    /// # Ok::<(), acquaint::PolicyError>(())
    /// ```
    pub fn check_examples(&self) -> Vec<ExampleFailure<'_>> {
        // The policy's settings with `job-seeking` the other way, copied
        // once for every example that needs it.
        let mut flipped: Option<Settings> = None;
        // The ids of the user rules, gathered once, when a failure needs them.
        let mut user_ids: Option<HashSet<&str>> = None;
        let mut failures = Vec::new();
        for (i, example) in self.examples.iter().enumerate() {
            let settings = match example.job_seeking {
                Some(wanted) if wanted != self.settings.job_seeking => {
                    flipped.get_or_insert_with(|| Settings {
                        job_seeking: wanted,
                        ..self.settings.clone()
                    })
                }
                Some(_) | None => &self.settings,
            };
            let request = Request::new(
                &example.contact,
                &example.platform,
                example.direction,
                settings,
            );
            let (decision, decider) = self.decide(&request);
            let rule_id = decider.id();
            let holds = decision == example.decision
                && example.rule.as_deref().is_none_or(|id| id == rule_id);
            if !holds {
                let expected_rule_exists = example.rule.as_deref().is_none_or(|id| {
                    id == FALLBACK_ID
                        || BuiltinRule::from_id(id).is_some_and(|rule| self.is_enabled(rule))
                        || user_ids
                            .get_or_insert_with(|| self.rule_ids().collect())
                            .contains(id)
                });
                failures.push(ExampleFailure {
                    expected_rule_exists,
                    position: i + 1,
                    example,
                    decision,
                    rule_id,
                    explanation: Verdict::new((decision, decider), request).explanation(),
                });
            }
        }
        failures
    }
}

#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for ExampleFailure<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        let example = self.example;
        let mut m = s.serialize_struct("ExampleFailure", 12)?;
        m.serialize_field("position", &self.position)?;
        m.serialize_field("name", &example.name())?;
        m.serialize_field("platform", example.platform())?;
        m.serialize_field("direction", &example.direction())?;
        m.serialize_field("job-seeking", &example.job_seeking())?;
        m.serialize_field("contact", example.contact())?;
        m.serialize_field("expected-decision", &example.decision())?;
        m.serialize_field("expected-rule", &example.rule_id())?;
        m.serialize_field("expected-rule-exists", &self.expected_rule_exists)?;
        m.serialize_field("decision", &self.decision)?;
        m.serialize_field("rule", self.rule_id)?;
        m.serialize_field("explanation", &self.explanation)?;
        m.end()
    }
}
