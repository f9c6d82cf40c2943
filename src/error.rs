//! Errors: parsing the names people type, and loading or validating a policy.

use std::fmt;

use crate::names::{ConditionKey, Name, PolicyField, RuleField, nearest};
use crate::text::cut;

/// A name that could not be parsed: a platform, decision, view, direction or
/// acquaintance that acquaint does not know.
///
/// ```
/// use acquaint::Decision;
///
/// let err = "maybe".parse::<Decision>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown decision `maybe`, expected `accept`, `decline` or `meet-first`"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} `{name}`, expected {expected}")]
pub struct ParseError {
    what: &'static str,
    name: String,
    expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(what: &'static str, name: &str, expected: &'static str) -> Self {
        // Keep the echoed name short: it may come from a file of any size.
        let name = cut(name, 80);
        ParseError {
            what,
            name,
            expected,
        }
    }

    /// What kind of name it was: `"platform"`, `"decision"`, `"view"`,
    /// `"direction"` or `"acquaintance"`.
    pub fn kind(&self) -> &'static str {
        self.what
    }

    /// The name as it was written (cut to 80 characters).
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Where in a policy an error is: the policy's own settings, or one of its
/// rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Location {
    /// The policy's settings or top-level fields.
    Policy,
    /// The rule with this id.
    Rule(String),
    /// The rule at this position (counting from 1), when the error comes
    /// before the rule's `id` was read.
    RuleAt(usize),
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Policy => f.write_str("policy"),
            Location::Rule(id) => write!(f, "rule `{id}`"),
            Location::RuleAt(n) => write!(f, "rule #{n}"),
        }
    }
}

/// Why a policy could not be loaded or built.
///
/// Every message starts with where the mistake is (`policy` or
/// ``rule `id` ``) and names the field at fault, so that a person can fix
/// their policy file from the message alone. `evaluate` never sees a policy
/// that failed here.
///
/// ```
/// use acquaint::Policy;
///
/// let err = Policy::builder().disable("linkedin.not-mett").build().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// A field acquaint does not know: usually a typo.
    #[error("{at}: unknown field `{field}`{}", expected_fields(at, field))]
    UnknownField {
        /// Where the field is.
        at: Location,
        /// The field's path, such as `when.all[1].mett-in-person`.
        field: String,
    },
    /// A required field is missing.
    #[error("{at}: missing field `{field}`")]
    MissingField {
        /// Where the field is missing.
        at: Location,
        /// The field's name.
        field: String,
    },
    /// A platform, decision, view, direction or acquaintance name that does
    /// not exist.
    #[error("{at}: field `{field}`: {error}")]
    UnknownName {
        /// Where the name is.
        at: Location,
        /// The field holding the name.
        field: String,
        /// What was wrong with the name.
        error: ParseError,
    },
    /// A user-named platform used by a rule but not declared in the policy's
    /// `platforms` list.
    #[error(
        "{at}: field `{field}`: unknown platform `{name}`, declare your own platforms in the policy's `platforms` list"
    )]
    UndeclaredPlatform {
        /// Where the platform is named.
        at: Location,
        /// The field naming it.
        field: String,
        /// The platform's name.
        name: String,
    },
    /// Two rules share an id.
    #[error("{at}: field `id`: an earlier rule already has this id")]
    DuplicateRuleId {
        /// The rule that repeats the id.
        at: Location,
    },
    /// A user rule takes the id of a built-in rule (or the reserved
    /// `fallback`).
    #[error("{at}: field `id`: the id is reserved for a built-in rule")]
    ReservedRuleId {
        /// The rule that takes the id.
        at: Location,
    },
    /// A rule id that is empty, too long, or holds spaces or control
    /// characters.
    #[error(
        "{at}: field `id`: a rule id is 1 to {max} characters with no spaces or control characters",
        max = crate::limits::MAX_ID_LEN
    )]
    InvalidRuleId {
        /// The rule with the bad id.
        at: Location,
    },
    /// Switching off a built-in rule id that does not exist.
    #[error("{at}: field `disable`: no built-in rule has the id `{id}`")]
    UnknownBuiltinRule {
        /// Where the id is named.
        at: Location,
        /// The id as written.
        id: String,
    },
    /// An empty `all` or `any` list, `platforms` list or condition table, or
    /// a blank profession, passion or tag in a condition.
    #[error("{at}: field `{field}` is empty")]
    Empty {
        /// The rule holding the field.
        at: Location,
        /// The field's path, such as `when.any`.
        field: String,
    },
    /// A condition nested deeper than [`Policy::MAX_DEPTH`](crate::Policy::MAX_DEPTH).
    #[error("{at}: field `{field}`: conditions nest deeper than {limit} levels")]
    TooDeep {
        /// The rule holding the condition.
        at: Location,
        /// The path where the limit was crossed.
        field: String,
        /// The limit.
        limit: usize,
    },
    /// A string longer than its stated limit.
    #[error("{at}: field `{field}`: longer than {limit} characters")]
    TooLong {
        /// Where the string is.
        at: Location,
        /// The field holding it.
        field: String,
        /// The limit, in characters.
        limit: usize,
    },
    /// A value of the wrong type, such as a string where `true` or `false`
    /// belongs; the message is the format crate's own.
    #[error("{at}: field `{field}`: {message}")]
    InvalidValue {
        /// Where the value is.
        at: Location,
        /// The field holding it.
        field: String,
        /// What the format crate found wrong, such as
        /// ``invalid type: string "yes", expected a boolean``.
        message: String,
    },
    /// More rules than [`Policy::MAX_RULES`](crate::Policy::MAX_RULES).
    #[error("{at}: field `rules`: more than {limit} rules")]
    TooManyRules {
        /// Always [`Location::Policy`].
        at: Location,
        /// The limit.
        limit: usize,
    },
}

impl PolicyError {
    /// Where the error is.
    pub fn location(&self) -> &Location {
        match self {
            PolicyError::UnknownField { at, .. }
            | PolicyError::MissingField { at, .. }
            | PolicyError::UnknownName { at, .. }
            | PolicyError::UndeclaredPlatform { at, .. }
            | PolicyError::DuplicateRuleId { at }
            | PolicyError::ReservedRuleId { at }
            | PolicyError::InvalidRuleId { at }
            | PolicyError::UnknownBuiltinRule { at, .. }
            | PolicyError::Empty { at, .. }
            | PolicyError::TooDeep { at, .. }
            | PolicyError::TooLong { at, .. }
            | PolicyError::InvalidValue { at, .. }
            | PolicyError::TooManyRules { at, .. } => at,
        }
    }

    /// Moves the error to another location (used once a rule's id is known).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn relocate(mut self, to: Location) -> Self {
        match &mut self {
            PolicyError::UnknownField { at, .. }
            | PolicyError::MissingField { at, .. }
            | PolicyError::UnknownName { at, .. }
            | PolicyError::UndeclaredPlatform { at, .. }
            | PolicyError::DuplicateRuleId { at }
            | PolicyError::ReservedRuleId { at }
            | PolicyError::InvalidRuleId { at }
            | PolicyError::UnknownBuiltinRule { at, .. }
            | PolicyError::Empty { at, .. }
            | PolicyError::TooDeep { at, .. }
            | PolicyError::TooLong { at, .. }
            | PolicyError::InvalidValue { at, .. }
            | PolicyError::TooManyRules { at, .. } => *at = to,
        }
        self
    }
}

/// What could have been meant by an unknown field: the fields allowed there,
/// or for a condition (whose keys are many) the nearest key, if one is near.
fn expected_fields(at: &Location, field: &str) -> String {
    let list = |fields: &[&str]| {
        let names: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        format!(", expected one of {}", names.join(", "))
    };
    match field.rsplit_once('.') {
        None if *at == Location::Policy => list(&PolicyField::names().collect::<Vec<_>>()),
        None => list(&RuleField::names().collect::<Vec<_>>()),
        Some((_, key)) => nearest(key, ConditionKey::names())
            .map(|k| format!(", did you mean `{k}`"))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_condition_keys_suggest_the_nearest() {
        let at = Location::Rule("x".into());
        assert_eq!(
            expected_fields(&at, "when.recuiter"),
            ", did you mean `recruiter`"
        );
        assert_eq!(expected_fields(&at, "when.all[0].zzzzzz"), "");
        assert!(
            expected_fields(&Location::Policy, "jobseeking")
                .starts_with(", expected one of `job-seeking`")
        );
    }
}
