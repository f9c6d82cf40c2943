//! Serde support: contacts, verdicts, and policy documents.
//!
//! Policy documents are deserialized by hand rather than derived, so that
//! every mistake names the rule and the field at fault, and so that
//! conditions nested past [`Policy::MAX_DEPTH`] stop with an error before
//! they can exhaust the stack.

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, SerializeMap};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::contact::{Acquaintance, Contact, View};
use crate::error::{Location, ParseError, PolicyError};
use crate::platform::Platform;
use crate::policy::{Policy, UserRule, check_rule_id, prepare_rule, valid_id};
use crate::rules::BuiltinRule;
use crate::rules::{Condition, DataRule};
use crate::verdict::{Decision, Verdict};

impl Serialize for Platform {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Platform {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(de::Error::custom)
    }
}

/// A contact as written in data: every field but `name` may be left out.
#[derive(Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields, default)]
pub(crate) struct ContactData {
    name: String,
    acquaintance: Acquaintance,
    my_view: View,
    their_view: View,
    recruiter: bool,
    friend: bool,
    star: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    profession: Option<String>,
    passions: Vec<String>,
    tags: Vec<String>,
    facebook_friend: bool,
    mutual_connections: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl From<ContactData> for Contact {
    fn from(d: ContactData) -> Contact {
        let mut c = Contact::new(d.name)
            .with_acquaintance(d.acquaintance)
            .with_my_view(d.my_view)
            .with_their_view(d.their_view)
            .with_recruiter(d.recruiter)
            .with_friend(d.friend)
            .with_star(d.star)
            .with_profession(d.profession.as_deref().unwrap_or(""))
            .with_facebook_friend(d.facebook_friend)
            .with_mutual_connections(d.mutual_connections);
        for p in &d.passions {
            c = c.with_passion(p);
        }
        for t in &d.tags {
            c = c.with_tag(t);
        }
        c.message = d.message;
        c
    }
}

impl From<Contact> for ContactData {
    fn from(c: Contact) -> ContactData {
        ContactData {
            name: c.name,
            acquaintance: c.acquaintance,
            my_view: c.my_view,
            their_view: c.their_view,
            recruiter: c.recruiter,
            friend: c.friend,
            star: c.star,
            profession: c.profession.map(String::from),
            passions: c.passions.into_iter().map(String::from).collect(),
            tags: c.tags.into_iter().map(String::from).collect(),
            facebook_friend: c.facebook_friend,
            mutual_connections: c.mutual_connections,
            message: c.message,
        }
    }
}

/// A verdict serializes as its [`VerdictRecord`](crate::VerdictRecord).
impl Serialize for Verdict<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_record().serialize(s)
    }
}

// ---- Policy documents: writing -------------------------------------------

struct Conditions<'a>(&'a [Condition]);

impl Serialize for Conditions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0)
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        let key = self.key();
        match self {
            Condition::All(list) | Condition::Any(list) => {
                m.serialize_entry(key, &Conditions(list))?
            }
            Condition::Not(inner) => m.serialize_entry(key, inner)?,
            Condition::Platform(p) => m.serialize_entry(key, p)?,
            Condition::Direction(d) => m.serialize_entry(key, d)?,
            Condition::Acquaintance(a) => m.serialize_entry(key, a)?,
            Condition::MyView(v) | Condition::TheirView(v) => m.serialize_entry(key, v)?,
            Condition::JobSeeking(b)
            | Condition::MetInPerson(b)
            | Condition::WorkedTogether(b)
            | Condition::SpokeWith(b)
            | Condition::Recruiter(b)
            | Condition::Friend(b)
            | Condition::FacebookFriend(b)
            | Condition::Star(b)
            | Condition::SharesProfession(b)
            | Condition::InterestingProfession(b)
            | Condition::SharesPassion(b) => m.serialize_entry(key, b)?,
            Condition::Profession(t) | Condition::Passion(t) | Condition::Tag(t) => {
                m.serialize_entry(key, t)?
            }
            Condition::MutualConnectionsAtLeast(n) => m.serialize_entry(key, n)?,
        }
        m.end()
    }
}

impl Serialize for DataRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        if let Some(platforms) = &self.platforms {
            m.serialize_entry("platforms", platforms)?;
        }
        if let Some(when) = &self.when {
            m.serialize_entry("when", when)?;
        }
        m.serialize_entry("decision", &self.decision)?;
        m.serialize_entry("reason", &self.reason)?;
        m.end()
    }
}

fn user_named_platforms(cond: &Condition, out: &mut Vec<Platform>) {
    match cond {
        Condition::All(list) | Condition::Any(list) => {
            list.iter().for_each(|c| user_named_platforms(c, out))
        }
        Condition::Not(inner) => user_named_platforms(inner, out),
        Condition::Platform(p) if p.is_user_named() && !out.contains(p) => out.push(p.clone()),
        _ => {}
    }
}

/// A policy serializes as a policy document that loads back to the same
/// policy. Rules written in Rust cannot be serialized: that is an error.
impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(rule) = self.rules.iter().find(|r| matches!(r, UserRule::Custom(_))) {
            return Err(ser::Error::custom(format!(
                "rule `{}`: rules written in rust cannot be serialized",
                rule.id()
            )));
        }
        let settings = &self.settings;
        // Declare every user-named platform the rules use, so the document
        // loads again even if the policy was built in code.
        let mut platforms = self.platforms.clone();
        for rule in self.data_rules() {
            for p in rule.platforms.iter().flatten() {
                if p.is_user_named() && !platforms.contains(p) {
                    platforms.push(p.clone());
                }
            }
            if let Some(when) = &rule.when {
                user_named_platforms(when, &mut platforms);
            }
        }
        let disabled: Vec<&str> = crate::BuiltinRule::ALL
            .into_iter()
            .filter(|r| !self.is_enabled(*r))
            .map(|r| r.id())
            .collect();
        let rules: Vec<&DataRule> = self.data_rules().collect();

        let mut m = s.serialize_map(None)?;
        m.serialize_entry("job-seeking", &settings.job_seeking)?;
        if let Some(p) = &settings.profession {
            m.serialize_entry("profession", p)?;
        }
        if !settings.interesting_professions.is_empty() {
            m.serialize_entry("interesting-professions", &settings.interesting_professions)?;
        }
        if !settings.passions.is_empty() {
            m.serialize_entry("passions", &settings.passions)?;
        }
        if !platforms.is_empty() {
            m.serialize_entry("platforms", &platforms)?;
        }
        if !disabled.is_empty() {
            m.serialize_entry("disable", &disabled)?;
        }
        m.serialize_entry("fallback", &self.fallback)?;
        if !rules.is_empty() {
            m.serialize_entry("rules", &rules)?;
        }
        m.end()
    }
}

// ---- Policy documents: reading -------------------------------------------

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
impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(PolicyVisitor)
    }
}

fn fail<E: de::Error>(err: PolicyError) -> E {
    E::custom(err)
}

fn name_error(at: &Location, field: String, error: ParseError) -> PolicyError {
    PolicyError::UnknownName {
        at: at.clone(),
        field,
        error,
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
        let mut declared: Option<Vec<Platform>> = None;
        let mut rules = Vec::new();
        // Each mistake is raised while its key or value is being read, so
        // that formats which track positions (TOML, JSON) point at it.
        while let Some(key) = map.next_key_seed(KeySeed {
            at: &at,
            expected: POLICY_FIELDS,
        })? {
            match key.as_str() {
                "job-seeking" => b = b.job_seeking(plain(&mut map, &at, &key)?),
                "profession" => b = b.profession(&plain::<_, String>(&mut map, &at, &key)?),
                "interesting-professions" => {
                    for p in plain::<_, Vec<String>>(&mut map, &at, &key)? {
                        b = b.interesting_profession(&p);
                    }
                }
                "passions" => {
                    for p in plain::<_, Vec<String>>(&mut map, &at, &key)? {
                        b = b.passion(&p);
                    }
                }
                "platforms" => {
                    let list = map.next_value_seed(PlatformsSeed { at: &at })?;
                    for p in &list {
                        b = b.platform(p.clone());
                    }
                    declared = Some(list);
                }
                "disable" => {
                    for id in map.next_value_seed(DisableSeed)? {
                        b = b.disable(id);
                    }
                }
                "fallback" => {
                    b = b.fallback(map.next_value_seed(NameSeed {
                        at: &at,
                        field: "fallback",
                        name: PhantomData,
                    })?)
                }
                "rules" => {
                    rules = map.next_value_seed(RulesSeed {
                        declared: declared.as_deref(),
                    })?
                }
                // `KeySeed` lets through only the fields above.
                _ => map.next_value::<IgnoredAny>().map(drop)?,
            }
        }
        for rule in rules {
            b = b.data_rule(rule);
        }
        // Whatever could only be checked once the whole document was read
        // (platforms declared after the rules, in JSON) is checked here.
        b.build().map_err(fail)
    }
}

use crate::error::POLICY_FIELDS;

/// Reads a key; an unknown key is an error raised on the key itself.
struct KeySeed<'a> {
    at: &'a Location,
    expected: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let key = String::deserialize(d)?;
        if self.expected.contains(&key.as_str()) {
            return Ok(key);
        }
        Err(fail(PolicyError::UnknownField {
            at: self.at.clone(),
            field: key.chars().take(80).collect(),
        }))
    }
}

/// Reads a name (a decision, say) and parses it while its value is read.
struct NameSeed<'a, T> {
    at: &'a Location,
    field: &'a str,
    name: PhantomData<T>,
}

impl<'de, T: std::str::FromStr<Err = ParseError>> DeserializeSeed<'de> for NameSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let name: String = Plain {
            at: self.at,
            field: self.field,
            value: PhantomData,
        }
        .deserialize(d)?;
        name.parse()
            .map_err(|e| fail(name_error(self.at, self.field.to_owned(), e)))
    }
}

/// The policy's own platforms, parsed as the list is read.
struct PlatformsSeed<'a> {
    at: &'a Location,
}

impl<'de> DeserializeSeed<'de> for PlatformsSeed<'_> {
    type Value = Vec<Platform>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let names: Vec<String> = Plain {
            at: self.at,
            field: "platforms",
            value: PhantomData,
        }
        .deserialize(d)?;
        names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                name.parse()
                    .map_err(|e| fail(name_error(self.at, format!("platforms[{i}]"), e)))
            })
            .collect()
    }
}

/// The built-in rule ids to switch off, checked as the list is read.
struct DisableSeed;

impl<'de> DeserializeSeed<'de> for DisableSeed {
    type Value = Vec<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let ids: Vec<String> = Plain {
            at: &Location::Policy,
            field: "disable",
            value: PhantomData,
        }
        .deserialize(d)?;
        if let Some(id) = ids.iter().find(|id| BuiltinRule::from_id(id).is_none()) {
            return Err(fail(PolicyError::UnknownBuiltinRule {
                at: Location::Policy,
                id: id.chars().take(Policy::MAX_ID_LEN + 16).collect(),
            }));
        }
        Ok(ids)
    }
}

struct RulesSeed<'a> {
    /// The policy's own platforms, when they were read before the rules.
    declared: Option<&'a [Platform]>,
}

impl<'de> DeserializeSeed<'de> for RulesSeed<'_> {
    type Value = Vec<DataRule>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        located(d, self, &Location::Policy, "rules", Shape::List)
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
                return Err(fail(PolicyError::TooManyRules {
                    at: Location::Policy,
                    limit: Policy::MAX_RULES,
                }));
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
    declared: Option<&'a [Platform]>,
}

impl<'de> DeserializeSeed<'de> for RuleSeed<'_> {
    type Value = DataRule;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let field = format!("rules[{}]", self.position - 1);
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
        // Mistakes found before the id is read are held until the end of the
        // rule, so that the message can name the rule by its id.
        let mut pending: Option<PolicyError> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => {
                    let value: String = plain(&mut map, &at, "id")?;
                    if valid_id(&value) {
                        at = Location::Rule(value.clone());
                    }
                    id = Some(value);
                }
                "platforms" => {
                    let mut list = Vec::new();
                    let names: Vec<String> = plain(&mut map, &at, "platforms")?;
                    for (i, name) in names.iter().enumerate() {
                        match name.parse::<Platform>() {
                            Ok(p) if !list.contains(&p) => list.push(p),
                            Ok(_) => {}
                            Err(e) => {
                                pending.get_or_insert(name_error(
                                    &at,
                                    format!("platforms[{i}]"),
                                    e,
                                ));
                            }
                        }
                    }
                    platforms = Some(list);
                }
                "when" => {
                    when = map.next_value_seed(ConditionSeed {
                        depth: 1,
                        path: "when".into(),
                        at: &at,
                        pending: &mut pending,
                    })?;
                }
                "decision" => {
                    let name: String = plain(&mut map, &at, "decision")?;
                    match name.parse::<Decision>() {
                        Ok(d) => decision = Some(d),
                        Err(e) => {
                            pending.get_or_insert(name_error(&at, "decision".into(), e));
                        }
                    }
                }
                "reason" => reason = Some(plain(&mut map, &at, "reason")?),
                _ => {
                    pending.get_or_insert(PolicyError::UnknownField {
                        at: at.clone(),
                        field: key.chars().take(80).collect(),
                    });
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if let Some(err) = pending {
            return Err(fail(err.relocate(at)));
        }
        let missing = |field: &str| {
            fail(PolicyError::MissingField {
                at: at.clone(),
                field: field.into(),
            })
        };
        let mut rule = DataRule {
            id: id.ok_or_else(|| missing("id"))?,
            platforms,
            when,
            decision: decision.ok_or_else(|| missing("decision"))?,
            reason: reason.ok_or_else(|| missing("reason"))?,
            builtin_bits: 0,
        };
        // Check the rule now, while formats still know where it is.
        let at = check_rule_id(&rule.id, self.position, self.seen).map_err(fail)?;
        prepare_rule(&mut rule, &at, self.declared).map_err(fail)?;
        Ok(rule)
    }
}

/// Reads one condition table at a given depth. Yields `None` when it found
/// a mistake, which it leaves in `pending`.
struct ConditionSeed<'p> {
    depth: usize,
    path: String,
    at: &'p Location,
    pending: &'p mut Option<PolicyError>,
}

impl<'de> DeserializeSeed<'de> for ConditionSeed<'_> {
    type Value = Option<Condition>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.depth > Policy::MAX_DEPTH {
            // Stop before reading further: the rest may be nested thousands
            // of levels deep.
            return Err(fail(PolicyError::TooDeep {
                at: self.at.clone(),
                field: self.path,
                limit: Policy::MAX_DEPTH,
            }));
        }
        let (at, path) = (self.at, self.path.clone());
        located(d, self, at, &path, Shape::Table)
    }
}

impl<'de> Visitor<'de> for ConditionSeed<'_> {
    type Value = Option<Condition>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a condition table, such as { recruiter = true }")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let ConditionSeed {
            depth,
            path,
            at,
            pending,
        } = self;
        let mut parts = Vec::new();
        let mut seen_keys = 0;
        while let Some(key) = map.next_key::<String>()? {
            seen_keys += 1;
            let field = format!("{path}.{key}");
            let parsed = match key.as_str() {
                "all" | "any" => {
                    let list = map.next_value_seed(ListSeed {
                        depth: depth + 1,
                        path: field,
                        at,
                        pending: &mut *pending,
                    })?;
                    list.map(|l| {
                        if key == "all" {
                            Condition::All(l)
                        } else {
                            Condition::Any(l)
                        }
                    })
                }
                "not" => map
                    .next_value_seed(ConditionSeed {
                        depth: depth + 1,
                        path: field,
                        at,
                        pending: &mut *pending,
                    })?
                    .map(|c| Condition::Not(Box::new(c))),
                "platform" => parse_name(&mut map, at, field, pending, Condition::Platform)?,
                "direction" => parse_name(&mut map, at, field, pending, Condition::Direction)?,
                "acquaintance" => {
                    parse_name(&mut map, at, field, pending, Condition::Acquaintance)?
                }
                "my-view" => parse_name(&mut map, at, field, pending, Condition::MyView)?,
                "their-view" => parse_name(&mut map, at, field, pending, Condition::TheirView)?,
                "job-seeking" => Some(Condition::JobSeeking(plain(&mut map, at, &field)?)),
                "met-in-person" => Some(Condition::MetInPerson(plain(&mut map, at, &field)?)),
                "worked-together" => Some(Condition::WorkedTogether(plain(&mut map, at, &field)?)),
                "spoke-with" => Some(Condition::SpokeWith(plain(&mut map, at, &field)?)),
                "recruiter" => Some(Condition::Recruiter(plain(&mut map, at, &field)?)),
                "friend" => Some(Condition::Friend(plain(&mut map, at, &field)?)),
                "facebook-friend" => Some(Condition::FacebookFriend(plain(&mut map, at, &field)?)),
                "star" => Some(Condition::Star(plain(&mut map, at, &field)?)),
                "shares-profession" => {
                    Some(Condition::SharesProfession(plain(&mut map, at, &field)?))
                }
                "interesting-profession" => Some(Condition::InterestingProfession(plain(
                    &mut map, at, &field,
                )?)),
                "shares-passion" => Some(Condition::SharesPassion(plain(&mut map, at, &field)?)),
                "profession" => Some(Condition::Profession(plain(&mut map, at, &field)?)),
                "passion" => Some(Condition::Passion(plain(&mut map, at, &field)?)),
                "tag" => Some(Condition::Tag(plain(&mut map, at, &field)?)),
                "mutual-connections-at-least" => Some(Condition::MutualConnectionsAtLeast(plain(
                    &mut map, at, &field,
                )?)),
                _ => {
                    pending.get_or_insert(PolicyError::UnknownField {
                        at: at.clone(),
                        field: field.chars().take(120).collect(),
                    });
                    map.next_value::<IgnoredAny>()?;
                    None
                }
            };
            parts.extend(parsed);
        }
        if seen_keys == 0 {
            pending.get_or_insert(PolicyError::Empty {
                at: at.clone(),
                field: path,
            });
        } else if parts.len() > 1 && depth == Policy::MAX_DEPTH {
            // A table of several facts is an `all`, one level above them:
            // report it here rather than at an `all[0]` the file lacks.
            pending.get_or_insert(PolicyError::TooDeep {
                at: at.clone(),
                field: path,
                limit: Policy::MAX_DEPTH,
            });
        }
        if pending.is_some() {
            return Ok(None);
        }
        Ok(match parts.len() {
            1 => parts.pop(),
            _ => Some(Condition::All(parts)),
        })
    }
}

fn parse_name<'de, A, T>(
    map: &mut A,
    at: &Location,
    field: String,
    pending: &mut Option<PolicyError>,
    make: impl FnOnce(T) -> Condition,
) -> Result<Option<Condition>, A::Error>
where
    A: MapAccess<'de>,
    T: std::str::FromStr<Err = ParseError>,
{
    let name: String = plain(map, at, &field)?;
    Ok(match name.parse::<T>() {
        Ok(value) => Some(make(value)),
        Err(e) => {
            pending.get_or_insert(name_error(at, field, e));
            None
        }
    })
}

struct ListSeed<'p> {
    depth: usize,
    path: String,
    at: &'p Location,
    pending: &'p mut Option<PolicyError>,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = Option<Vec<Condition>>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let (at, path) = (self.at, self.path.clone());
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
            at,
            pending,
        } = self;
        let mut list = Vec::new();
        let mut ok = true;
        let mut i = 0;
        while let Some(item) = seq.next_element_seed(ConditionSeed {
            depth,
            path: format!("{path}[{i}]"),
            at,
            pending: &mut *pending,
        })? {
            i += 1;
            match item {
                Some(c) => list.push(c),
                None => ok = false,
            }
        }
        if i == 0 {
            pending.get_or_insert(PolicyError::Empty {
                at: at.clone(),
                field: path,
            });
            ok = false;
        }
        Ok(ok.then_some(list))
    }
}

// ---- Values of the wrong type ----------------------------------------------
//
// The format crate reports a value of the wrong type (`recruiter = "yes"`)
// with its own message, which names neither the rule nor the field. These
// helpers put the rule and the field in front of that message.

fn invalid_value<E: de::Error>(at: &Location, field: &str, error: &E) -> E {
    fail(PolicyError::InvalidValue {
        at: at.clone(),
        field: field.chars().take(120).collect(),
        // Formats may end their message with a line break.
        message: error.to_string().trim_end().to_owned(),
    })
}

/// Reads a plain value: a boolean, a number, a string or a list of strings.
fn plain<'de, A, T>(map: &mut A, at: &Location, field: &str) -> Result<T, A::Error>
where
    A: MapAccess<'de>,
    T: Deserialize<'de>,
{
    map.next_value_seed(Plain {
        at,
        field,
        value: PhantomData,
    })
}

struct Plain<'a, T> {
    at: &'a Location,
    field: &'a str,
    value: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> DeserializeSeed<'de> for Plain<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize(d).map_err(|e| invalid_value(self.at, self.field, &e))
    }
}

#[derive(Clone, Copy)]
enum Shape {
    Table,
    List,
}

/// Deserializes a table or a list with `visitor`. An error before the
/// visitor is called is about the value itself (a string where a table
/// belongs, say) and gets the rule and the field; errors from inside it
/// already name them.
fn located<'de, D, V>(
    d: D,
    visitor: V,
    at: &Location,
    field: &str,
    shape: Shape,
) -> Result<V::Value, D::Error>
where
    D: Deserializer<'de>,
    V: Visitor<'de>,
{
    let called = Cell::new(false);
    let visitor = Noting {
        visitor,
        shape,
        called: &called,
    };
    let result = match shape {
        Shape::Table => d.deserialize_map(visitor),
        Shape::List => d.deserialize_seq(visitor),
    };
    result.map_err(|e| {
        if called.get() {
            e
        } else {
            invalid_value(at, field, &e)
        }
    })
}

/// A visitor that notes whether it was called with the shape it expects
/// (some formats call `visit_seq` on a map visitor given a list).
struct Noting<'c, V> {
    visitor: V,
    shape: Shape,
    called: &'c Cell<bool>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Noting<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.called.set(matches!(self.shape, Shape::Table));
        self.visitor.visit_map(map)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.called.set(matches!(self.shape, Shape::List));
        self.visitor.visit_seq(seq)
    }
}

// Direction and views parse through `FromStr` in conditions; make sure the
// derive and the parser agree on names.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::Direction;

    #[test]
    fn derived_names_match_from_str() {
        for d in Direction::ALL {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{d}\""));
        }
        for v in View::ALL {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{v}\""));
        }
        for a in Acquaintance::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{a}\""));
        }
        for d in Decision::ALL {
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{d}\""));
        }
    }
}
