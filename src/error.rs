//! Errors: parsing the names people type, and loading or validating a policy.

use std::fmt;

use crate::names::{
    ConditionKey, ContactField, ExampleField, Name, Placeholder, PolicyField, ReplyField,
    RuleField, nearest,
};
use crate::text::cut;

/// A name that could not be parsed: a platform, decision, view, direction or
/// acquaintance that acquaint does not know.
///
/// ```
/// use acquaint::{Decision, NameKind};
///
/// let err = "maybe".parse::<Decision>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown decision `maybe`, expected `accept`, `decline` or `meet-first`"
/// );
/// assert_eq!(err.kind(), NameKind::Decision);
/// assert_eq!(err.name(), "maybe");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[error("unknown {kind} `{name}`, expected {expected}")]
pub struct ParseError {
    kind: NameKind,
    name: String,
    expected: &'static str,
}

impl ParseError {
    pub(crate) fn new(kind: NameKind, name: &str, expected: &'static str) -> Self {
        ParseError {
            kind,
            name: cut(name, 80),
            expected,
        }
    }

    /// What kind of name it was.
    pub fn kind(&self) -> NameKind {
        self.kind
    }

    /// The name as it was written (cut to 80 characters).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The names allowed, as a message lists them.
    pub fn expected(&self) -> &str {
        self.expected
    }
}

/// The kinds of names a person types, for [`ParseError::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum NameKind {
    /// A [`Platform`](crate::Platform).
    Platform,
    /// A [`Decision`](crate::Decision).
    Decision,
    /// A [`View`](crate::View).
    View,
    /// A [`Direction`](crate::Direction).
    Direction,
    /// An [`Acquaintance`](crate::Acquaintance).
    Acquaintance,
    /// A [`BuiltinRule`](crate::BuiltinRule), by its id.
    BuiltinRule,
}

impl fmt::Display for NameKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            NameKind::Platform => "platform",
            NameKind::Decision => "decision",
            NameKind::View => "view",
            NameKind::Direction => "direction",
            NameKind::Acquaintance => "acquaintance",
            NameKind::BuiltinRule => "built-in rule",
        })
    }
}

/// Where in a policy an error is: the policy's own settings, one of its
/// rules or examples, or a condition read alone.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum Location {
    /// The policy's settings or top-level fields.
    Policy,
    /// The rule with this id.
    Rule(String),
    /// The rule at this position (counting from 1), when the error comes
    /// before the rule's `id` was read.
    RuleAt(usize),
    /// The policy's example at this position (counting from 1).
    Example(usize),
    /// A condition read on its own, outside any rule (its `Deserialize`):
    /// the field is a path from `when`, as in a rule.
    Condition,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Policy => f.write_str("policy"),
            Location::Rule(id) => write!(f, "rule `{id}`"),
            Location::RuleAt(n) => write!(f, "rule #{n}"),
            Location::Example(n) => write!(f, "example #{n}"),
            Location::Condition => f.write_str("condition"),
        }
    }
}

/// Why a policy could not be loaded or built: what is wrong
/// ([`kind`](PolicyError::kind)), where ([`location`](PolicyError::location):
/// the policy's own fields, or a rule named by its id), and the
/// [`field`](PolicyError::field) at fault.
///
/// Every message starts with where the mistake is (`policy` or
/// ``rule `id` ``) and names the field, so that a person can fix their
/// policy file from the message alone; a program reads the same from the
/// getters. `evaluate` never sees a policy that failed here.
///
/// ```
/// use acquaint::{Location, Policy, PolicyErrorKind};
///
/// let err = Policy::builder().disable("linkedin.not-mett").build().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`"
/// );
/// assert_eq!(err.location(), &Location::Policy);
/// assert_eq!(err.field(), "disable");
/// assert!(matches!(err.kind(), PolicyErrorKind::UnknownBuiltinRule { id } if id == "linkedin.not-mett"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct PolicyError {
    location: Location,
    field: String,
    kind: PolicyErrorKind,
}

/// What is wrong in a policy: the kind of a [`PolicyError`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        rename_all = "kebab-case",
        rename_all_fields = "kebab-case",
        tag = "kind"
    )
)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    /// A field acquaint does not know: usually a typo. The message names
    /// the fields allowed there, or the condition key nearest to it.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A field given twice in the same table.
    DuplicateField,
    /// A platform, decision, view, direction or acquaintance name that does
    /// not exist. It serializes with the name's kind as `name-kind`, beside
    /// this error's own `kind`.
    #[cfg_attr(feature = "serde", serde(serialize_with = "unknown_name"))]
    UnknownName(ParseError),
    /// A user-named platform used by a rule but not declared in the policy's
    /// `platforms` list.
    UndeclaredPlatform {
        /// The platform's name.
        name: String,
    },
    /// Two rules share an id.
    DuplicateRuleId,
    /// A user rule takes the id of a built-in rule, `fallback`, or an id in
    /// a built-in rule's namespace (`linkedin.`, `twitter.`, `facebook.`),
    /// whatever the case.
    ReservedRuleId {
        /// The reserved namespace the id starts with, such as `linkedin.`,
        /// or `None` for `fallback`.
        namespace: Option<&'static str>,
    },
    /// A rule id that is empty or too long, or holds a character other than
    /// an ASCII letter, a digit, `-`, `_` or `.`.
    InvalidRuleId {
        /// The first character not allowed, or `None` when the id is empty
        /// or too long.
        character: Option<char>,
    },
    /// Switching off a built-in rule id that does not exist.
    UnknownBuiltinRule {
        /// The id as written.
        id: String,
    },
    /// An empty `all` or `any` list, `platforms` list or condition table, or
    /// a blank profession, passion or tag in a condition.
    Empty,
    /// A condition nested deeper than [`Policy::MAX_DEPTH`](crate::Policy::MAX_DEPTH).
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A string or a list longer than its stated limit.
    TooLong {
        /// The limit, in characters or entries.
        limit: usize,
    },
    /// A value of the wrong type, such as a string where `true` or `false`
    /// belongs.
    InvalidValue {
        /// What the format crate found wrong, such as
        /// ``invalid type: string "yes", expected a boolean``.
        message: String,
    },
    /// A reply template with a `{` that is not closed.
    UnclosedBrace {
        /// Where the brace is, in characters from 1.
        position: usize,
    },
    /// [`PolicyBuilder::place_rule`](crate::PolicyBuilder::place_rule)
    /// names a rule no user rule has the id of.
    UnknownRuleId {
        /// The id, as given (cut to its first 80 characters).
        id: String,
    },
    /// A reply template with a `}` that closes no placeholder (`}}` is a
    /// brace).
    LoneClosingBrace {
        /// Where the brace is, in characters from 1.
        position: usize,
    },
    /// A reply template with a placeholder acquaint does not know.
    UnknownPlaceholder {
        /// Where its `{` is, in characters from 1.
        position: usize,
        /// The name between the braces.
        name: String,
    },
    /// More rules than [`Policy::MAX_RULES`](crate::Policy::MAX_RULES).
    TooManyRules {
        /// The limit.
        limit: usize,
    },
    /// More examples than [`Policy::MAX_EXAMPLES`](crate::Policy::MAX_EXAMPLES).
    TooManyExamples {
        /// The limit.
        limit: usize,
    },
}

impl PolicyError {
    /// An error of this kind at this location and field.
    ///
    /// ```
    /// use acquaint::{Location, PolicyError, PolicyErrorKind};
    ///
    /// let err = PolicyError::new(Location::RuleAt(3), "id", PolicyErrorKind::MissingField);
    /// assert_eq!(err.to_string(), "rule #3: missing field `id`");
    /// ```
    pub fn new(location: Location, field: impl Into<String>, kind: PolicyErrorKind) -> Self {
        PolicyError {
            location,
            field: field.into(),
            kind,
        }
    }

    /// Where the mistake is: the policy's own fields, or a rule.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The id of the rule at fault, when the rule has a valid id.
    pub fn rule_id(&self) -> Option<&str> {
        match &self.location {
            Location::Rule(id) => Some(id),
            Location::Policy | Location::RuleAt(_) | Location::Example(_) | Location::Condition => {
                None
            }
        }
    }

    /// The field at fault, as a path such as `when.all[1].recruiter`.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    pub fn kind(&self) -> &PolicyErrorKind {
        &self.kind
    }

    /// Moves the error to another location (used once a rule's id is known).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn relocate(mut self, to: Location) -> Self {
        self.location = to;
        self
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let PolicyError {
            location: at,
            field,
            kind,
        } = self;
        match kind {
            // The field's own mistakes read with the field in the sentence.
            PolicyErrorKind::UnknownField => {
                write!(
                    f,
                    "{at}: unknown field `{field}`{}",
                    expected_fields(at, field)
                )
            }
            PolicyErrorKind::MissingField => write!(f, "{at}: missing field `{field}`"),
            PolicyErrorKind::DuplicateField => {
                write!(f, "{at}: field `{field}` is given more than once")
            }
            PolicyErrorKind::Empty => write!(f, "{at}: field `{field}` is empty"),
            PolicyErrorKind::UnknownName(_)
            | PolicyErrorKind::UndeclaredPlatform { .. }
            | PolicyErrorKind::DuplicateRuleId
            | PolicyErrorKind::ReservedRuleId { .. }
            | PolicyErrorKind::InvalidRuleId { .. }
            | PolicyErrorKind::UnknownBuiltinRule { .. }
            | PolicyErrorKind::TooDeep { .. }
            | PolicyErrorKind::TooLong { .. }
            | PolicyErrorKind::InvalidValue { .. }
            | PolicyErrorKind::UnclosedBrace { .. }
            | PolicyErrorKind::LoneClosingBrace { .. }
            | PolicyErrorKind::UnknownRuleId { .. }
            | PolicyErrorKind::UnknownPlaceholder { .. }
            | PolicyErrorKind::TooManyRules { .. }
            | PolicyErrorKind::TooManyExamples { .. } => {
                write!(f, "{at}: field `{field}`: {kind}")
            }
        }
    }
}

/// `UnknownName`'s fields under names of their own: the enum's tag is
/// `kind`, which the name's kind would repeat.
#[cfg(feature = "serde")]
fn unknown_name<S: serde::Serializer>(error: &ParseError, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;

    let mut st = s.serialize_struct("UnknownName", 3)?;
    st.serialize_field("name-kind", &error.kind)?;
    st.serialize_field("name", &error.name)?;
    st.serialize_field("expected", error.expected)?;
    st.end()
}

/// What is wrong, without where: the message a [`PolicyError`] gives after
/// its location and field, such as ``an earlier rule already has this id``.
///
/// ```
/// use acquaint::{DataRule, Decision, Policy, PolicyErrorKind};
///
/// let twice = || DataRule::always("mine", Decision::Accept, "");
/// let error = Policy::builder().data_rule(twice()).data_rule(twice()).build().unwrap_err();
/// assert_eq!(error.kind(), &PolicyErrorKind::DuplicateRuleId);
/// assert_eq!(error.kind().to_string(), "an earlier rule already has this id");
/// assert_eq!(error.to_string(), format!("rule `mine`: field `id`: {}", error.kind()));
/// ```
impl fmt::Display for PolicyErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyErrorKind::UnknownField => f.write_str("unknown field"),
            PolicyErrorKind::MissingField => f.write_str("missing field"),
            PolicyErrorKind::DuplicateField => f.write_str("given more than once"),
            PolicyErrorKind::Empty => f.write_str("empty"),
            PolicyErrorKind::UnknownName(error) => write!(f, "{error}"),
            PolicyErrorKind::UndeclaredPlatform { name } => write!(
                f,
                "unknown platform `{name}`, declare your own platforms in the policy's `platforms` list"
            ),
            PolicyErrorKind::DuplicateRuleId => f.write_str("an earlier rule already has this id"),
            PolicyErrorKind::ReservedRuleId { namespace: None } => {
                f.write_str("the id is reserved for a built-in rule")
            }
            PolicyErrorKind::ReservedRuleId {
                namespace: Some(namespace),
            } => write!(
                f,
                "ids starting with `{namespace}` are reserved for built-in rules"
            ),
            PolicyErrorKind::InvalidRuleId { character } => {
                if let Some(c) = character {
                    write!(f, "{} is not allowed: ", CharName(*c))?;
                }
                write!(
                    f,
                    "a rule id is 1 to {} ASCII letters, digits, `-`, `_` or `.`",
                    crate::limits::MAX_ID_LEN
                )
            }
            PolicyErrorKind::UnknownBuiltinRule { id } => {
                write!(f, "no built-in rule has the id `{id}`")
            }
            PolicyErrorKind::UnknownRuleId { id } => {
                write!(f, "no rule has the id `{id}`, to place or to place it by")
            }
            PolicyErrorKind::TooDeep { limit } => {
                write!(f, "conditions nest deeper than {limit} levels")
            }
            PolicyErrorKind::TooLong { limit } => write!(f, "longer than {limit} characters"),
            PolicyErrorKind::InvalidValue { message } => f.write_str(message),
            PolicyErrorKind::UnclosedBrace { position } => write!(
                f,
                "the `{{` at character {position} is not closed (write `{{{{` for a brace)"
            ),
            PolicyErrorKind::LoneClosingBrace { position } => write!(
                f,
                "the `}}` at character {position} closes no placeholder (write `}}}}` for a brace)"
            ),
            PolicyErrorKind::UnknownPlaceholder { position, name } => {
                let expected: Vec<String> =
                    Placeholder::names().map(|n| format!("`{{{n}}}`")).collect();
                write!(
                    f,
                    "unknown placeholder `{{{name}}}` at character {position}, expected {}",
                    crate::text::join_with(&expected, " or ")
                )
            }
            PolicyErrorKind::TooManyRules { limit } => write!(f, "more than {limit} rules"),
            PolicyErrorKind::TooManyExamples { limit } => {
                write!(f, "more than {limit} examples")
            }
        }
    }
}

impl std::error::Error for PolicyError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        if let PolicyErrorKind::UnknownName(error) = &self.kind {
            return Some(error);
        }
        None
    }
}

/// A character as a message names it: visible ones quoted, with their code
/// point, invisible ones by code point alone, so that a zero-width space
/// cannot hide in the message too.
struct CharName(char);

impl fmt::Display for CharName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        if c.is_ascii_graphic() || (c.is_alphanumeric() && !c.is_control()) {
            write!(f, "`{c}` (U+{:04X})", u32::from(c))
        } else {
            write!(f, "U+{:04X}", u32::from(c))
        }
    }
}

/// What could have been meant by an unknown field: the fields allowed there,
/// or for a condition (whose keys are many) the nearest key, if one is near.
fn expected_fields(at: &Location, field: &str) -> String {
    let list = |fields: &[&str]| {
        let names: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        format!(", expected one of {}", names.join(", "))
    };
    // Only a policy has `replies` and only an example a `contact`, so the
    // first part of the path tells where the field was.
    let head = field.split_once('.').map(|(head, _)| head);
    let replies = head == Some(PolicyField::Replies.name());
    let contact = head == Some(ExampleField::Contact.name());
    match field.rsplit_once('.') {
        None if *at == Location::Policy => list(
            &PolicyField::ALL
                .iter()
                .filter(|f| !f.for_editors())
                .map(|f| f.name())
                .collect::<Vec<_>>(),
        ),
        None if matches!(at, Location::Example(_)) => {
            list(&ExampleField::names().collect::<Vec<_>>())
        }
        None => list(&RuleField::names().collect::<Vec<_>>()),
        Some(_) if replies => list(&ReplyField::names().collect::<Vec<_>>()),
        Some(_) if contact => list(&ContactField::names().collect::<Vec<_>>()),
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
