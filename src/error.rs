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
#[error("unknown {kind} `{name}`, {}", Suggested(suggestion.as_deref(), expected))]
pub struct ParseError {
    kind: NameKind,
    name: String,
    expected: &'static str,
    suggestion: Option<String>,
}

impl ParseError {
    /// The error for `name`, not one of `names` (nor, for a platform, a
    /// name of the user's own), which `expected` lists for a message.
    pub(crate) fn new<'n>(
        kind: NameKind,
        name: &str,
        expected: &'static str,
        names: impl IntoIterator<Item = &'n str>,
    ) -> Self {
        ParseError {
            kind,
            name: cut(name, 80),
            expected,
            suggestion: nearest(name, names).map(str::to_owned),
        }
    }

    /// The name probably meant: the nearest within two edits, if any.
    ///
    /// ```
    /// use acquaint::Decision;
    ///
    /// let err = "acept".parse::<Decision>().unwrap_err();
    /// assert_eq!(err.suggestion(), Some("accept"));
    /// assert_eq!(err.to_string(), "unknown decision `acept`, did you mean `accept`");
    /// ```
    pub fn suggestion(&self) -> Option<&str> {
        self.suggestion.as_deref()
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

/// The end of a message about an unknown name: the name probably meant,
/// or else the names expected.
struct Suggested<'a>(Option<&'a str>, &'a str);

impl fmt::Display for Suggested<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Suggested(Some(name), _) => write!(f, "did you mean `{name}`"),
            Suggested(None, expected) => write!(f, "expected {expected}"),
        }
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
    /// A [`Fact`](crate::Fact) a person can be asked about.
    Fact,
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
            NameKind::Fact => "fact",
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
///     "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`, \
///      did you mean `linkedin.not-met`"
/// );
/// assert_eq!(err.location(), &Location::Policy);
/// assert_eq!(err.field(), "disable");
/// assert_eq!(
///     err.kind(),
///     &PolicyErrorKind::UnknownBuiltinRule {
///         id: "linkedin.not-mett".into(),
///         suggestion: Some("linkedin.not-met"),
///     }
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct PolicyError {
    location: Location,
    field: String,
    // Boxed, as the position is: a `Result` carries the room of its error.
    kind: Box<PolicyErrorKind>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    // Boxed: most errors have none, and every `Result` carries the room.
    position: Option<Box<SourcePosition>>,
}

/// Where in a document's text a mistake is: its bytes, and the line and
/// column where they start and end (each counted from 1, columns in
/// characters). [`PolicyError::position`] gives it when the policy was
/// loaded from text with `Policy::from_toml_str`, `from_json_str` or
/// `from_yaml_str`.
///
/// ```
/// use acquaint::SourcePosition;
///
/// let text = "a = 1\nbé = \"x\"\n";
/// let at = SourcePosition::new(text, 12..15).unwrap();
/// assert_eq!((at.line(), at.column()), (2, 6));
/// assert_eq!((at.end_line(), at.end_column()), (2, 9));
/// assert_eq!(&text[at.span()], "\"x\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct SourcePosition {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl SourcePosition {
    /// The position of the bytes `span` of `text`; `None` unless the span
    /// is within the text and starts and ends on character boundaries.
    pub fn new(text: &str, span: std::ops::Range<usize>) -> Option<SourcePosition> {
        let before = text.get(..span.start)?;
        let within = text.get(span.clone())?;
        let (line, column) = line_and_column(before);
        let (lines, last) = line_and_column(within);
        Some(SourcePosition {
            start: span.start,
            end: span.end,
            line,
            column,
            end_line: line + lines - 1,
            end_column: if lines == 1 { column + last - 1 } else { last },
        })
    }

    /// The bytes of the text at fault.
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The line where the text at fault starts, from 1.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column where the text at fault starts, in characters from 1.
    pub fn column(&self) -> usize {
        self.column
    }

    /// The line where the text at fault ends, from 1.
    pub fn end_line(&self) -> usize {
        self.end_line
    }

    /// The column just past the text at fault, in characters from 1.
    pub fn end_column(&self) -> usize {
        self.end_column
    }
}

/// The line (from 1) at the end of `text`, and the column (in characters,
/// from 1) just past it on that line.
fn line_and_column(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
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
    /// the field probably meant, or else the fields allowed there.
    UnknownField {
        /// The key as written (cut to its first 80 characters); the
        /// error's [`field`](PolicyError::field) is its path.
        key: String,
        /// The keys allowed in its table, as a policy document writes them.
        expected: Vec<&'static str>,
        /// The key probably meant: the nearest within two edits, if any.
        suggestion: Option<&'static str>,
    },
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
        /// The declared or built-in platform probably meant, if any.
        suggestion: Option<String>,
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
        /// The built-in rule probably meant, if any.
        suggestion: Option<&'static str>,
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
        /// The id of a user rule probably meant, if any.
        suggestion: Option<String>,
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
        /// The placeholder probably meant, if any.
        suggestion: Option<&'static str>,
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
            kind: Box::new(kind),
            position: None,
        }
    }

    /// Where in the document's text the mistake is, when the policy was
    /// loaded from text with `Policy::from_toml_str`, `from_json_str` or
    /// `from_yaml_str` (features `toml`, `json`, `yaml`), and the format
    /// knows; `None` for a policy built in Rust or read with
    /// `Policy::from_deserializer`, or a mistake found only once the whole
    /// document is read (a duplicate rule id, say).
    pub fn position(&self) -> Option<&SourcePosition> {
        self.position.as_deref()
    }

    /// The same error at `position` in the document's text, for a host that
    /// reads a format of its own and knows where the mistake is.
    pub fn with_position(mut self, position: SourcePosition) -> Self {
        self.position = Some(Box::new(position));
        self
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
            // Said by the format's own message, or a host's.
            position: _,
        } = self;
        match &**kind {
            // The field's own mistakes read with the field in the sentence.
            PolicyErrorKind::UnknownField {
                expected,
                suggestion,
                ..
            } => {
                write!(f, "{at}: unknown field `{field}`")?;
                match suggestion {
                    Some(key) => write!(f, ", did you mean `{key}`"),
                    // A condition's keys are too many to list.
                    None if expected.len() > MAX_LISTED => Ok(()),
                    None => {
                        let names: Vec<String> =
                            expected.iter().map(|f| format!("`{f}`")).collect();
                        write!(f, ", expected one of {}", names.join(", "))
                    }
                }
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

    let mut st = s.serialize_struct("UnknownName", 4)?;
    st.serialize_field("name-kind", &error.kind)?;
    st.serialize_field("name", &error.name)?;
    st.serialize_field("expected", error.expected)?;
    st.serialize_field("suggestion", &error.suggestion)?;
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
            PolicyErrorKind::UnknownField { .. } => f.write_str("unknown field"),
            PolicyErrorKind::MissingField => f.write_str("missing field"),
            PolicyErrorKind::DuplicateField => f.write_str("given more than once"),
            PolicyErrorKind::Empty => f.write_str("empty"),
            PolicyErrorKind::UnknownName(error) => write!(f, "{error}"),
            PolicyErrorKind::UndeclaredPlatform {
                name,
                suggestion: Some(meant),
            } => write!(
                f,
                "unknown platform `{name}`, did you mean `{meant}`? declare your own platforms in \
                 the policy's `platforms` list"
            ),
            PolicyErrorKind::UndeclaredPlatform {
                name,
                suggestion: None,
            } => write!(
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
            PolicyErrorKind::UnknownBuiltinRule { id, suggestion } => {
                write!(f, "no built-in rule has the id `{id}`")?;
                match suggestion {
                    Some(meant) => write!(f, ", did you mean `{meant}`"),
                    None => Ok(()),
                }
            }
            PolicyErrorKind::UnknownRuleId { id, suggestion } => {
                write!(f, "no rule has the id `{id}`, to place or to place it by")?;
                match suggestion {
                    Some(meant) => write!(f, ", did you mean `{meant}`"),
                    None => Ok(()),
                }
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
            PolicyErrorKind::UnknownPlaceholder {
                position,
                name,
                suggestion,
            } => {
                write!(
                    f,
                    "unknown placeholder `{{{name}}}` at character {position}, "
                )?;
                match suggestion {
                    Some(meant) => write!(f, "did you mean `{{{meant}}}`"),
                    None => {
                        let expected: Vec<String> =
                            Placeholder::names().map(|n| format!("`{{{n}}}`")).collect();
                        write!(f, "expected {}", crate::text::join_with(&expected, " or "))
                    }
                }
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
        if let PolicyErrorKind::UnknownName(error) = &*self.kind {
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

/// Above this many allowed keys, a message names the nearest alone.
const MAX_LISTED: usize = 16;

impl PolicyErrorKind {
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    /// The error for an unknown key at `field` (its path, ending in the
    /// key) of a table at `at`: the keys allowed there and the nearest.
    pub(crate) fn unknown_field(at: &Location, field: &str) -> PolicyErrorKind {
        // Only a policy has `replies` and only an example a `contact`, so the
        // first part of the path tells where the field was.
        let head = field.split_once('.').map(|(head, _)| head);
        let replies = head == Some(PolicyField::Replies.name());
        let contact = head == Some(ExampleField::Contact.name());
        let (key, expected): (&str, Vec<&'static str>) = match field.rsplit_once('.') {
            None if *at == Location::Policy => (
                field,
                PolicyField::ALL
                    .iter()
                    .filter(|f| !f.for_editors())
                    .map(|f| f.name())
                    .collect(),
            ),
            None if matches!(at, Location::Example(_)) => (field, ExampleField::names().collect()),
            None => (field, RuleField::names().collect()),
            Some((_, key)) if replies => (key, ReplyField::names().collect()),
            Some((_, key)) if contact => (key, ContactField::names().collect()),
            Some((_, key)) => (key, ConditionKey::names().collect()),
        };
        PolicyErrorKind::UnknownField {
            key: cut(key, 80),
            suggestion: nearest(key, expected.iter().copied()),
            expected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_suggest_the_nearest_or_list_the_few() {
        let message = |at: Location, field: &str| {
            PolicyError::new(
                at.clone(),
                field,
                PolicyErrorKind::unknown_field(&at, field),
            )
            .to_string()
        };
        let rule = || Location::Rule("x".into());
        assert_eq!(
            message(rule(), "when.recuiter"),
            "rule `x`: unknown field `when.recuiter`, did you mean `recruiter`"
        );
        assert_eq!(
            message(rule(), "when.all[0].zzzzzz"),
            "rule `x`: unknown field `when.all[0].zzzzzz`"
        );
        assert_eq!(
            message(Location::Policy, "jobseeking"),
            "policy: unknown field `jobseeking`, did you mean `job-seeking`"
        );
        assert!(
            message(Location::Policy, "zzzzzz")
                .starts_with("policy: unknown field `zzzzzz`, expected one of `job-seeking`")
        );
    }
}
