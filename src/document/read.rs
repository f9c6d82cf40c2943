//! Reading a policy document: by hand rather than derived, so that every
//! mistake names the rule and the field at fault, is raised while the format
//! still knows where it is, and so that conditions nested past
//! [`Policy::MAX_DEPTH`] stop with an error before they can exhaust the
//! stack.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::values::{
    Mistakes, Shape, fail, located, parse_name, plain, read, read_name, read_names,
};
use crate::builtin::BuiltinRule;
use crate::condition::{Condition, ValueType};
use crate::contact::{Contact, ContactValues};
use crate::error::ParseError;
use crate::error::{Location, PolicyError, PolicyErrorKind};
use crate::names::{
    ConditionKey, ContactField, ExampleField, Name, PolicyField, ReplyField, RuleField,
};
use crate::platform::Direction;
use crate::platform::Platform;
use crate::policy::Policy;
use crate::policy::validate::{
    Declared, check_declared, check_len, check_rule_id, prepare_condition, prepare_rule,
    unknown_builtin_rule,
};
use crate::policy_example::Example;
use crate::reply::{Template, reply_direction, template_path};
use crate::rules::DataRule;
use crate::text::{cut, fold};

/// A policy loads from a policy document in any self-describing serde
/// format, and is validated as it loads.
///
/// ```
/// use acquaint::Policy;
///
/// let policy: Policy = serde_json::from_str(r#"{
///     "job-seeking": true,
///     "rules": [{
///         "id": "no-spam",
///         "when": { "tag": "spam" },
///         "decision": "decline",
///         "reason": "They sent spam"
///     }]
/// }"#)?;
/// assert_eq!(policy.rule_ids().collect::<Vec<_>>(), ["no-spam"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PolicyVisitor)
    }
}

/// A rule reads alone from what it serializes to: one `[[rules]]` entry of
/// a policy document, such as a rule cut out of a policy file, so that a
/// host can store one rule or edit it on its own.
///
/// It is checked as the policy's reader checks its rules, and reads as
/// the first of them: an unknown or repeated field, a name acquaint does
/// not know (names read in any case), an invalid or reserved id, an empty
/// list or condition table, text over its limit, conditions nested past
/// [`Policy::MAX_DEPTH`]. Strings in its condition are trimmed and
/// folded, so a rule reads back as a policy holds it. The error is the
/// format's, with the message a policy's [`PolicyError`] gives.
///
/// What needs the whole policy is checked when the rule is added to one
/// and the policy is built ([`PolicyBuilder::data_rule`], then
/// [`build`](crate::PolicyBuilder::build)): that no other rule has its
/// id, and, since the rule was read from a document, that the policy
/// declares the platforms of its own the rule names
/// ([`PolicyBuilder::platform`]), as a policy file must.
///
/// ```
/// use acquaint::{DataRule, Policy, PolicyErrorKind};
///
/// let err = serde_json::from_str::<DataRule>(
///     r#"{"id": "x", "whn": {"star": true}, "decision": "accept", "reason": ""}"#,
/// )
/// .unwrap_err();
/// assert!(err
///     .to_string()
///     .starts_with("rule `x`: unknown field `whn`, did you mean `when`"));
///
/// // Two rules with one id fail when the policy is built.
/// let rule: DataRule =
///     serde_json::from_str(r#"{"id": "x", "decision": "accept", "reason": ""}"#)?;
/// let err = Policy::builder()
///     .data_rule(rule.clone())
///     .data_rule(rule)
///     .build()
///     .unwrap_err();
/// assert_eq!(err.kind(), &PolicyErrorKind::DuplicateRuleId);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// [`PolicyBuilder::data_rule`]: crate::PolicyBuilder::data_rule
/// [`PolicyBuilder::platform`]: crate::PolicyBuilder::platform
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for DataRule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let rule = d.deserialize_map(RuleSeed {
            position: 1,
            seen: &mut HashSet::new(),
            declared: None,
        })?;
        Ok(DataRule {
            read_alone: true,
            ..rule
        })
    }
}

/// A condition reads alone from what it serializes to: the `when` table of
/// a rule in a policy document, such as `{ recruiter = true, spoke-with =
/// false }` (several keys are an `all`).
///
/// It is checked as a rule's `when` is: an unknown or repeated key (with
/// the nearest key suggested), a name acquaint does not know (names read
/// in any case), a value of the wrong type, an empty table or list, blank
/// or over-long text, nesting past [`Policy::MAX_DEPTH`] (found before
/// reading deeper). Strings are trimmed and folded, as a policy holds
/// them. The error is the format's, with the message of a [`PolicyError`]
/// at [`Location::Condition`] whose field is a path from `when`. Whether
/// a policy declares the platforms it names is not checked, since a rule
/// built in code around it need not declare them: read the whole rule
/// alone to have them checked when it joins a policy.
///
/// ```
/// use acquaint::Condition;
///
/// let when: Condition = serde_json::from_str(r#"{"tag": " VIP ", "star": true}"#)?;
/// assert_eq!(
///     when,
///     Condition::All(vec![Condition::Tag("vip".into()), Condition::Star(true)])
/// );
/// let err = serde_json::from_str::<Condition>(r#"{"recuiter": true}"#).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "condition: unknown field `when.recuiter`, did you mean `recruiter` at line 1 column 11"
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(ConditionAlone)
    }
}

/// Reads a condition alone: its table, read as a rule's `when` is, then
/// checked as a rule's is, while the format still knows where it is.
struct ConditionAlone;

impl<'de> Visitor<'de> for ConditionAlone {
    type Value = Condition;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(CONDITION_TABLE)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Condition, A::Error> {
        let at = Location::Condition;
        let path = RuleField::When.name();
        let read = ConditionSeed {
            depth: 1,
            path: path.into(),
            mistakes: Mistakes::raised(&at),
        }
        .visit_map(map)?;
        // A mistake is raised as soon as it is found, so a condition was
        // read; should none be, it is an empty one.
        let mut when =
            read.ok_or_else(|| fail(PolicyError::new(at.clone(), path, PolicyErrorKind::Empty)))?;
        prepare_condition(&mut when, &at, path, None).map_err(fail)?;
        Ok(when)
    }
}

/// An example reads alone from what it serializes to: one `[[examples]]`
/// entry of a policy document.
///
/// It is checked as the policy's reader checks its examples, and reads as
/// the first of them: an unknown or repeated field, its contact's fields
/// and names (read in any case), a missing `platform`, `direction` or
/// `decision`, a name over its limit. The error is the format's, with the
/// message a policy's [`PolicyError`] gives. When it is added to a policy
/// and the policy is built
/// ([`PolicyBuilder::example`](crate::PolicyBuilder::example)), its
/// platform, if one of the user's own, must be declared, as in a policy
/// file.
///
/// ```
/// use acquaint::{Decision, Example, Platform};
///
/// let example: Example = serde_json::from_str(r#"{
///     "platform": "LinkedIn",
///     "direction": "incoming",
///     "decision": "decline",
///     "contact": { "name": "Riley", "recruiter": true }
/// }"#)?;
/// assert_eq!(example.platform(), &Platform::LinkedIn);
/// assert_eq!(example.decision(), Decision::Decline);
/// let err = serde_json::from_str::<Example>(r#"{"platform": "linkedin"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "example #1: missing field `direction` at line 1 column 24");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let example = d.deserialize_map(ExampleSeed {
            position: 1,
            declared: None,
        })?;
        Ok(Example {
            read_alone: true,
            ..example
        })
    }
}

/// Reads a key of a table whose keys are the names `N`. An unknown key goes
/// to `mistakes` as it is read, so that formats which track positions point
/// at it, and yields `Err` with the key. So does a key given twice in the
/// same table: some formats (JSON) let that through, and the last value
/// silently winning is a mistake a person cannot see.
struct KeySeed<'m, 'p, N> {
    /// The path of the table, empty at the top of a policy or a rule.
    path: &'m str,
    /// The keys of the table read so far.
    seen: &'m mut Seen,
    mistakes: &'m mut Mistakes<'p>,
    names: PhantomData<N>,
}

/// The names read so far in one table, as bits of their place in `ALL`.
#[derive(Default)]
struct Seen(u64);

impl<'m, 'p, N> KeySeed<'m, 'p, N> {
    fn new(path: &'m str, seen: &'m mut Seen, mistakes: &'m mut Mistakes<'p>) -> Self {
        KeySeed {
            path,
            seen,
            mistakes,
            names: PhantomData,
        }
    }
}

impl<'de, N: Name> DeserializeSeed<'de> for KeySeed<'_, '_, N> {
    type Value = Result<N, String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let key = String::deserialize(d)?;
        let known = N::from_name(&key);
        let bit = known
            .and_then(|name| N::ALL.iter().position(|n| *n == name))
            .map_or(0, |i| 1u64 << (i % 64));
        if let Some(name) = known.filter(|_| self.seen.0 & bit == 0) {
            self.seen.0 |= bit;
            return Ok(Ok(name));
        }
        let field = if self.path.is_empty() {
            cut(&key, 80)
        } else {
            cut(&format!("{}.{key}", self.path), 120)
        };
        let at = self.mistakes.at.clone();
        let kind = match known {
            Some(_) => PolicyErrorKind::DuplicateField,
            None => PolicyErrorKind::unknown_field(&at, &field),
        };
        self.mistakes.report(PolicyError::new(at, field, kind))?;
        Ok(Err(key))
    }
}

struct PolicyVisitor;

impl<'de> Visitor<'de> for PolicyVisitor {
    type Value = Policy;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a policy document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Policy, A::Error> {
        let mut b = Policy::builder();
        b.require_declared_platforms = true;
        let at = Location::Policy;
        let mut mistakes = Mistakes::raised(&at);
        let mut declared: Option<Declared> = None;
        let mut rules = Vec::new();
        let mut examples = Vec::new();
        // Each mistake is raised while its key or value is being read, so
        // that formats which track positions (TOML, JSON) point at it.
        let mut seen = Seen::default();
        while let Some(key) =
            map.next_key_seed(KeySeed::<PolicyField>::new("", &mut seen, &mut mistakes))?
        {
            let Ok(field) = key else {
                // Not reached: unknown keys at this level are raised.
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let name = field.name();
            match field {
                // For editors only (the README's "Help from your
                // editor"): read as the string it must be, then set aside.
                PolicyField::Schema => {
                    plain::<_, String>(&mut map, &at, name)?;
                }
                PolicyField::JobSeeking => b = b.job_seeking(plain(&mut map, &at, name)?),
                // Lengths are checked as the value is read (the builder
                // checks them again) so that a mistake points at its line.
                PolicyField::Profession => {
                    let checked =
                        |p: String, at: &Location| check_text(&p, at, || name.into()).map(|()| p);
                    if let Some(p) = read(&mut map, name, &mut mistakes, checked)? {
                        b = b.profession(&p);
                    }
                }
                PolicyField::InterestingProfessions => {
                    for p in read_texts(&mut map, name, &mut mistakes)? {
                        b = b.interesting_profession(&p);
                    }
                }
                PolicyField::Passions => {
                    for p in read_texts(&mut map, name, &mut mistakes)? {
                        b = b.passion(&p);
                    }
                }
                PolicyField::Platforms => {
                    let list: Vec<Platform> =
                        read_names(&mut map, name, &mut mistakes)?.unwrap_or_default();
                    for p in &list {
                        b = b.platform(p.clone());
                    }
                    declared = Some(list.into_iter().collect());
                }
                PolicyField::Disable => {
                    let ids = read(
                        &mut map,
                        name,
                        &mut mistakes,
                        |ids: Vec<String>, at| match ids
                            .iter()
                            .find(|id| BuiltinRule::from_id(id).is_none())
                        {
                            Some(id) => {
                                Err(PolicyError::new(at.clone(), name, unknown_builtin_rule(id)))
                            }
                            None => Ok(ids),
                        },
                    )?;
                    for id in ids.into_iter().flatten() {
                        b = b.disable(id);
                    }
                }
                PolicyField::Fallback => {
                    if let Some(decision) = read_name(&mut map, name, &mut mistakes)? {
                        b = b.fallback(decision);
                    }
                }
                PolicyField::Rules => {
                    rules = map.next_value_seed(RulesSeed {
                        declared: declared.as_ref(),
                    })?
                }
                PolicyField::Replies => {
                    for (direction, template) in map.next_value_seed(RepliesSeed)? {
                        b = b.reply(direction, template);
                    }
                }
                PolicyField::Examples => {
                    examples = map.next_value_seed(ExamplesSeed {
                        declared: declared.as_ref(),
                    })?
                }
            }
        }
        for rule in rules {
            b = b.data_rule(rule);
        }
        for example in examples {
            b = b.example(example);
        }
        // Whatever could only be checked once the whole document was read
        // (platforms declared after the rules, in JSON) is checked here.
        b.build().map_err(fail)
    }
}

/// Reads a rule's list of platforms, each parsed and, when the policy's
/// platforms are known already, checked as declared while it is read, so
/// that formats point at it.
fn read_platforms<'de, A: MapAccess<'de>>(
    map: &mut A,
    field: &str,
    declared: Option<&Declared>,
    mistakes: &mut Mistakes<'_>,
) -> Result<Option<Vec<Platform>>, A::Error> {
    read(map, field, mistakes, |names: Vec<String>, at| {
        let mut platforms = Vec::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            let place = || format!("{field}[{i}]");
            let platform: Platform = parse_name(name, at, place)?;
            check_declared(&platform, declared, at, place)?;
            platforms.push(platform);
        }
        Ok(platforms)
    })
}

/// Reads a list of professions or passions, each checked for length.
fn read_texts<'de, A: MapAccess<'de>>(
    map: &mut A,
    field: &str,
    mistakes: &mut Mistakes<'_>,
) -> Result<Vec<String>, A::Error> {
    let checked = |list: Vec<String>, at: &Location| {
        for (i, p) in list.iter().enumerate() {
            check_text(p, at, || format!("{field}[{i}]"))?;
        }
        Ok(list)
    };
    Ok(read(map, field, mistakes, checked)?.unwrap_or_default())
}

/// Checks a profession or passion as the builder will store it: trimmed
/// and folded, at most [`Policy::MAX_TEXT_LEN`] characters.
fn check_text(
    text: &str,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<(), PolicyError> {
    match fold(text) {
        Some(folded) => check_len(&folded, Policy::MAX_TEXT_LEN, at, field),
        None => Ok(()),
    }
}

/// The `replies` table: a template for each direction, checked as it is
/// read so that a mistake points at its line.
struct RepliesSeed;

impl<'de> DeserializeSeed<'de> for RepliesSeed {
    type Value = Vec<(Direction, String)>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = PolicyField::Replies.name();
        located(d, self, &Location::Policy, field, Shape::Table)
    }
}

impl<'de> Visitor<'de> for RepliesSeed {
    type Value = Vec<(Direction, String)>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a table of reply templates, `incoming` and `outgoing`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let at = Location::Policy;
        let mut mistakes = Mistakes::raised(&at);
        let mut seen = Seen::default();
        let path = PolicyField::Replies.name();
        let mut replies = Vec::new();
        while let Some(key) =
            map.next_key_seed(KeySeed::<ReplyField>::new(path, &mut seen, &mut mistakes))?
        {
            let Ok(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let direction = reply_direction(key);
            let field = template_path(direction);
            let checked = read(&mut map, &field, &mut mistakes, |text: String, at| {
                Template::parse(&text, at, &field).map(|_| text)
            })?;
            replies.extend(checked.map(|text| (direction, text)));
        }
        Ok(replies)
    }
}

/// The `examples` list, each checked as it is read so that a mistake
/// points at its line.
struct ExamplesSeed<'a> {
    /// The policy's own platforms, when they were read before the examples.
    declared: Option<&'a Declared>,
}

impl<'de> DeserializeSeed<'de> for ExamplesSeed<'_> {
    type Value = Vec<Example>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = PolicyField::Examples.name();
        located(d, self, &Location::Policy, field, Shape::List)
    }
}

impl<'de> Visitor<'de> for ExamplesSeed<'_> {
    type Value = Vec<Example>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of examples")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut examples = Vec::new();
        while let Some(example) = seq.next_element_seed(ExampleSeed {
            position: examples.len() + 1,
            declared: self.declared,
        })? {
            if examples.len() == Policy::MAX_EXAMPLES {
                return Err(fail(PolicyError::new(
                    Location::Policy,
                    PolicyField::Examples.name(),
                    PolicyErrorKind::TooManyExamples {
                        limit: Policy::MAX_EXAMPLES,
                    },
                )));
            }
            examples.push(example);
        }
        Ok(examples)
    }
}

struct ExampleSeed<'a> {
    position: usize,
    declared: Option<&'a Declared>,
}

impl<'de> DeserializeSeed<'de> for ExampleSeed<'_> {
    type Value = Example;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = format!("{}[{}]", PolicyField::Examples.name(), self.position - 1);
        located(d, self, &Location::Policy, &field, Shape::Table)
    }
}

impl<'de> Visitor<'de> for ExampleSeed<'_> {
    type Value = Example;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an example table with `platform`, `direction` and `decision`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Example, A::Error> {
        let at = Location::Example(self.position);
        let mut mistakes = Mistakes::raised(&at);
        let mut seen = Seen::default();
        let mut name = None;
        let mut platform: Option<Platform> = None;
        let mut direction = None;
        let mut job_seeking = None;
        let mut decision = None;
        let mut rule = None;
        let mut contact: Option<Contact> = None;
        while let Some(key) =
            map.next_key_seed(KeySeed::<ExampleField>::new("", &mut seen, &mut mistakes))?
        {
            let Ok(field) = key else {
                // Not reached: unknown keys in an example are raised.
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let name_of = field.name();
            match field {
                ExampleField::Name => {
                    name = read(&mut map, name_of, &mut mistakes, |name: String, at| {
                        check_len(&name, Policy::MAX_REASON_LEN, at, || name_of.into())?;
                        Ok(name)
                    })?
                }
                ExampleField::Platform => {
                    // Checked while the value is read, so that formats
                    // point at it.
                    platform = read(&mut map, name_of, &mut mistakes, |name: String, at| {
                        let platform = parse_name(&name, at, || name_of.into())?;
                        check_declared(&platform, self.declared, at, || name_of.into())?;
                        Ok(platform)
                    })?;
                }
                ExampleField::Direction => direction = read_name(&mut map, name_of, &mut mistakes)?,
                ExampleField::JobSeeking => job_seeking = Some(plain(&mut map, &at, name_of)?),
                ExampleField::Decision => decision = read_name(&mut map, name_of, &mut mistakes)?,
                ExampleField::Rule => rule = Some(plain::<_, String>(&mut map, &at, name_of)?),
                ExampleField::Contact => {
                    contact = Some(map.next_value_seed(ContactSeed { at: &at })?)
                }
            }
        }
        let missing = |field: ExampleField| {
            fail(PolicyError::new(
                at.clone(),
                field.name(),
                PolicyErrorKind::MissingField,
            ))
        };
        Ok(Example {
            name,
            contact: contact.unwrap_or_default(),
            platform: platform.ok_or_else(|| missing(ExampleField::Platform))?,
            direction: direction.ok_or_else(|| missing(ExampleField::Direction))?,
            job_seeking,
            decision: decision.ok_or_else(|| missing(ExampleField::Decision))?,
            rule,
            read_alone: false,
        })
    }
}

/// An example's contact, read field by field so that a mistake names the
/// example and the field (`contact.acquaintance`), with the names allowed.
struct ContactSeed<'a> {
    at: &'a Location,
}

impl<'de> DeserializeSeed<'de> for ContactSeed<'_> {
    type Value = Contact;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Contact, D::Error> {
        let at = self.at;
        located(d, self, at, ExampleField::Contact.name(), Shape::Table)
    }
}

impl<'de> Visitor<'de> for ContactSeed<'_> {
    type Value = Contact;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a contact table, such as { name = \"Ada\", recruiter = true }")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Contact, A::Error> {
        let path = ExampleField::Contact.name();
        let mut mistakes = Mistakes::raised(self.at);
        let mut seen = Seen::default();
        let mut contact = Contact::default();
        while let Some(key) =
            map.next_key_seed(KeySeed::<ContactField>::new(path, &mut seen, &mut mistakes))?
        {
            let Ok(field) = key else {
                // Not reached: unknown keys in a contact are raised.
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let mut values = DocumentValues {
                map: &mut map,
                mistakes: &mut mistakes,
            };
            contact.read_field(field, &mut values)?;
        }
        Ok(contact)
    }
}

/// A contact's values read from a policy document: a mistake names the
/// example and the field.
struct DocumentValues<'m, 'p, A> {
    map: &'m mut A,
    mistakes: &'m mut Mistakes<'p>,
}

impl<'de, A: MapAccess<'de>> ContactValues<'de> for DocumentValues<'_, '_, A> {
    type Error = A::Error;

    fn value<T: Deserialize<'de>>(&mut self, field: ContactField) -> Result<T, A::Error> {
        let path = contact_path(field);
        plain(self.map, self.mistakes.at, &path)
    }

    fn name<T>(&mut self, field: ContactField) -> Result<Option<T>, A::Error>
    where
        T: std::str::FromStr<Err = ParseError> + Deserialize<'de>,
    {
        read_name(self.map, &contact_path(field), self.mistakes)
    }
}

fn contact_path(field: ContactField) -> String {
    format!("{}.{}", ExampleField::Contact.name(), field.name())
}

struct RulesSeed<'a> {
    /// The policy's own platforms, when they were read before the rules.
    declared: Option<&'a Declared>,
}

impl<'de> DeserializeSeed<'de> for RulesSeed<'_> {
    type Value = Vec<DataRule>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = PolicyField::Rules.name();
        located(d, self, &Location::Policy, field, Shape::List)
    }
}

impl<'de> Visitor<'de> for RulesSeed<'_> {
    type Value = Vec<DataRule>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of rules")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut rules = Vec::new();
        let mut seen = HashSet::new();
        while let Some(rule) = seq.next_element_seed(RuleSeed {
            position: rules.len() + 1,
            seen: &mut seen,
            declared: self.declared,
        })? {
            if rules.len() == Policy::MAX_RULES {
                return Err(fail(PolicyError::new(
                    Location::Policy,
                    PolicyField::Rules.name(),
                    PolicyErrorKind::TooManyRules {
                        limit: Policy::MAX_RULES,
                    },
                )));
            }
            rules.push(rule);
        }
        Ok(rules)
    }
}

struct RuleSeed<'a> {
    position: usize,
    /// The ids of the rules before this one.
    seen: &'a mut HashSet<String>,
    declared: Option<&'a Declared>,
}

impl<'de> DeserializeSeed<'de> for RuleSeed<'_> {
    type Value = DataRule;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = format!("{}[{}]", PolicyField::Rules.name(), self.position - 1);
        located(d, self, &Location::Policy, &field, Shape::Table)
    }
}

impl<'de> Visitor<'de> for RuleSeed<'_> {
    type Value = DataRule;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a rule table with `id`, `decision` and `reason`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DataRule, A::Error> {
        let mut at = Location::RuleAt(self.position);
        let mut id = None;
        let mut platforms = None;
        let mut when = None;
        let mut decision = None;
        let mut reason = None;
        // Mistakes found before the id are held until the end of the rule,
        // so that the message can name the rule by its id.
        let mut held: Option<PolicyError> = None;
        let mut seen = Seen::default();
        loop {
            let key = {
                let mut mistakes = Mistakes::in_rule(&at, &mut held);
                map.next_key_seed(KeySeed::<RuleField>::new("", &mut seen, &mut mistakes))?
            };
            let Some(key) = key else { break };
            let Ok(field) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let name = field.name();
            match field {
                RuleField::Id => {
                    // Checked as it is read, so that formats point at it.
                    let (position, seen) = (self.position, &mut *self.seen);
                    let read = read(
                        &mut map,
                        name,
                        &mut Mistakes::raised(&at),
                        |value: String, _| {
                            let at = check_rule_id(&value, position, seen)?;
                            Ok((value, at))
                        },
                    )?;
                    if let Some((value, named)) = read {
                        at = named;
                        id = Some(value);
                    }
                }
                RuleField::Platforms => {
                    let mut mistakes = Mistakes::in_rule(&at, &mut held);
                    let read: Vec<Platform> =
                        read_platforms(&mut map, name, self.declared, &mut mistakes)?
                            .unwrap_or_default();
                    let mut unique = HashSet::with_capacity(read.len());
                    platforms = Some(
                        read.into_iter()
                            .filter(|p| unique.insert(p.clone()))
                            .collect(),
                    );
                }
                RuleField::When => {
                    when = map.next_value_seed(ConditionSeed {
                        depth: 1,
                        path: name.into(),
                        mistakes: Mistakes::in_rule(&at, &mut held),
                    })?;
                }
                RuleField::Decision => {
                    let mut mistakes = Mistakes::in_rule(&at, &mut held);
                    decision = read_name(&mut map, name, &mut mistakes)?;
                }
                RuleField::Reason => reason = Some(plain(&mut map, &at, name)?),
            }
        }
        if let Some(err) = held {
            return Err(fail(err.relocate(at)));
        }
        let missing = |field: RuleField| {
            fail(PolicyError::new(
                at.clone(),
                field.name(),
                PolicyErrorKind::MissingField,
            ))
        };
        let mut rule = DataRule {
            id: id.ok_or_else(|| missing(RuleField::Id))?,
            platforms,
            when,
            decision: decision.ok_or_else(|| missing(RuleField::Decision))?,
            reason: reason.ok_or_else(|| missing(RuleField::Reason))?,
            builtin_bits: 0,
            read_alone: false,
        };
        // Check the rule now, while formats still know where it is.
        prepare_rule(&mut rule, &at, self.declared).map_err(fail)?;
        Ok(rule)
    }
}

/// What a condition is, in a format's message about a value of another
/// type.
const CONDITION_TABLE: &str = "a condition table, such as { recruiter = true }";

/// Reads one condition table at a given depth. A mistake goes to
/// `mistakes`: raised at once, or held before the rule's id is read, and
/// then what this yields is incomplete and never used, since the rule
/// fails when it ends.
struct ConditionSeed<'p> {
    depth: usize,
    path: String,
    mistakes: Mistakes<'p>,
}

impl<'de> DeserializeSeed<'de> for ConditionSeed<'_> {
    type Value = Option<Condition>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.depth > Policy::MAX_DEPTH {
            // Stop before reading further: the rest may be nested thousands
            // of levels deep.
            return Err(fail(PolicyError::new(
                self.mistakes.at.clone(),
                self.path,
                PolicyErrorKind::TooDeep {
                    limit: Policy::MAX_DEPTH,
                },
            )));
        }
        let (at, path) = (self.mistakes.at, self.path.clone());
        located(d, self, at, &path, Shape::Table)
    }
}

impl<'de> Visitor<'de> for ConditionSeed<'_> {
    type Value = Option<Condition>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(CONDITION_TABLE)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ConditionSeed {
            depth,
            path,
            mut mistakes,
        } = self;
        let at = mistakes.at;
        let mut parts = Vec::new();
        let mut empty = true;
        let mut seen = Seen::default();
        while let Some(key) = map.next_key_seed(KeySeed::<ConditionKey>::new(
            &path,
            &mut seen,
            &mut mistakes,
        ))? {
            empty = false;
            let Ok(key) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let field = format!("{path}.{}", key.name());
            let parsed = match key.value_type() {
                ValueType::List(make) => map
                    .next_value_seed(ListSeed {
                        depth: depth + 1,
                        path: field,
                        mistakes: mistakes.part(),
                    })?
                    .map(make),
                ValueType::Nested(make) => map
                    .next_value_seed(ConditionSeed {
                        depth: depth + 1,
                        path: field,
                        mistakes: mistakes.part(),
                    })?
                    .map(|c| make(Box::new(c))),
                ValueType::Bool(make) => Some(make(plain(&mut map, at, &field)?)),
                ValueType::Text(make) => Some(make(plain(&mut map, at, &field)?)),
                ValueType::Count(make) => Some(make(plain(&mut map, at, &field)?)),
                ValueType::Platform(make) => read_name(&mut map, &field, &mut mistakes)?.map(make),
                ValueType::Direction(make) => read_name(&mut map, &field, &mut mistakes)?.map(make),
                ValueType::Acquaintance(make) => {
                    read_name(&mut map, &field, &mut mistakes)?.map(make)
                }
                ValueType::View(make) => read_name(&mut map, &field, &mut mistakes)?.map(make),
            };
            parts.extend(parsed);
        }
        if empty {
            mistakes.report(PolicyError::new(at.clone(), path, PolicyErrorKind::Empty))?;
        } else if parts.len() > 1 && depth == Policy::MAX_DEPTH {
            // A table of several facts is an `all`, one level above them:
            // report it here rather than at an `all[0]` the file lacks.
            mistakes.report(PolicyError::new(
                at.clone(),
                path,
                PolicyErrorKind::TooDeep {
                    limit: Policy::MAX_DEPTH,
                },
            ))?;
        }
        // With a mistake held, the rule fails when its id is read; what is
        // returned here is never used.
        Ok(match parts.len() {
            1 => parts.pop(),
            _ => Some(Condition::All(parts)),
        })
    }
}

struct ListSeed<'p> {
    depth: usize,
    path: String,
    mistakes: Mistakes<'p>,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = Option<Vec<Condition>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (at, path) = (self.mistakes.at, self.path.clone());
        located(d, self, at, &path, Shape::List)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = Option<Vec<Condition>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of condition tables")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let ListSeed {
            depth,
            path,
            mut mistakes,
        } = self;
        let mut list = Vec::new();
        let mut ok = true;
        let mut i = 0;
        while let Some(item) = seq.next_element_seed(ConditionSeed {
            depth,
            path: format!("{path}[{i}]"),
            mistakes: mistakes.part(),
        })? {
            i += 1;
            match item {
                Some(c) => list.push(c),
                None => ok = false,
            }
        }
        if i == 0 {
            let at = mistakes.at.clone();
            mistakes.report(PolicyError::new(at, path, PolicyErrorKind::Empty))?;
            ok = false;
        }
        Ok(ok.then_some(list))
    }
}
