//! Writing a policy document: a policy serializes as a document that loads
//! back to the same policy.

use serde::ser::{self, SerializeMap};
use serde::{Serialize, Serializer};

use crate::builtin::BuiltinRule;
use crate::condition::{Condition, Value};
use crate::names::{ExampleField, Name, PolicyField, RuleField};
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};
use crate::policy_example::Example;
use crate::reply::reply_field;
use crate::rules::DataRule;
use std::collections::{BTreeMap, HashSet};

struct Conditions<'a>(&'a [Condition]);

impl Serialize for Conditions<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0)
    }
}

/// A condition serializes as a table of one key, as a policy document
/// writes it.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        let key = self.key();
        match self.value() {
            Value::List(list) => m.serialize_entry(key, &Conditions(list))?,
            Value::Nested(inner) => m.serialize_entry(key, inner)?,
            Value::Bool(b) => m.serialize_entry(key, &b)?,
            Value::Text(t) => m.serialize_entry(key, t)?,
            Value::Count(n) => m.serialize_entry(key, &n)?,
            Value::Platform(p) => m.serialize_entry(key, p)?,
            Value::Direction(d) => m.serialize_entry(key, &d)?,
            Value::Acquaintance(a) => m.serialize_entry(key, &a)?,
            Value::View(v) => m.serialize_entry(key, &v)?,
        }
        m.end()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for DataRule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(RuleField::Id.name(), &self.id)?;
        if let Some(platforms) = &self.platforms {
            m.serialize_entry(RuleField::Platforms.name(), platforms)?;
        }
        if let Some(when) = &self.when {
            m.serialize_entry(RuleField::When.name(), when)?;
        }
        m.serialize_entry(RuleField::Decision.name(), &self.decision)?;
        m.serialize_entry(RuleField::Reason.name(), &self.reason)?;
        m.end()
    }
}

#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Example {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        for field in ExampleField::ALL {
            let key = field.name();
            match field {
                ExampleField::Name => {
                    if let Some(name) = &self.name {
                        m.serialize_entry(key, name)?;
                    }
                }
                ExampleField::Platform => m.serialize_entry(key, &self.platform)?,
                ExampleField::Direction => m.serialize_entry(key, &self.direction)?,
                ExampleField::JobSeeking => {
                    if let Some(job_seeking) = self.job_seeking {
                        m.serialize_entry(key, &job_seeking)?;
                    }
                }
                ExampleField::Decision => m.serialize_entry(key, &self.decision)?,
                ExampleField::Rule => {
                    if let Some(rule) = &self.rule {
                        m.serialize_entry(key, rule)?;
                    }
                }
                ExampleField::Contact => m.serialize_entry(key, &self.contact)?,
            }
        }
        m.end()
    }
}

/// The user-named platforms a policy must declare, in order of first use.
#[derive(Default)]
struct ToDeclare<'a> {
    list: Vec<&'a Platform>,
    seen: HashSet<&'a Platform>,
}

impl<'a> ToDeclare<'a> {
    /// Adds a platform the policy declares.
    fn declared(&mut self, platform: &'a Platform) {
        if self.seen.insert(platform) {
            self.list.push(platform);
        }
    }

    /// Adds a platform the policy uses, if it must be declared.
    fn add(&mut self, platform: &'a Platform) {
        if platform.is_user_named() {
            self.declared(platform);
        }
    }
}

/// A policy serializes as a policy document that loads back to the same
/// policy. Rules written in Rust cannot be serialized: that is an error.
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(rule) = self
            .rules
            .iter()
            .find(|r| matches!(r, UserRule::Custom { .. }))
        {
            return Err(ser::Error::custom(format!(
                "rule `{}`: rules written in Rust cannot be serialized",
                rule.id()
            )));
        }
        let settings = &self.settings;
        // Declare every user-named platform the rules use, so the document
        // loads again even if the policy was built in code.
        let mut declare = ToDeclare::default();
        self.platforms.iter().for_each(|p| declare.declared(p));
        for rule in self.data_rules() {
            rule.platforms.iter().flatten().for_each(|p| declare.add(p));
            if let Some(when) = &rule.when {
                when.nodes()
                    .filter_map(Condition::named_platform)
                    .for_each(|p| declare.add(p));
            }
        }
        self.examples.iter().for_each(|e| declare.add(&e.platform));
        let platforms = declare.list;
        let disabled: Vec<&str> = BuiltinRule::ALL
            .into_iter()
            .filter(|r| !self.is_enabled(*r))
            .map(|r| r.id())
            .collect();
        let rules: Vec<&DataRule> = self.data_rules().collect();

        // Every field, in the order of `PolicyField::ALL`, empty lists left
        // out.
        let mut m = s.serialize_map(None)?;
        for field in PolicyField::ALL {
            let key = field.name();
            match field {
                // A policy keeps no schema: the document it was read from
                // named one for its editor.
                PolicyField::Schema => {}
                PolicyField::JobSeeking => m.serialize_entry(key, &settings.job_seeking)?,
                PolicyField::Profession => {
                    if let Some(p) = &settings.profession {
                        m.serialize_entry(key, p)?;
                    }
                }
                PolicyField::InterestingProfessions => {
                    let list = &settings.interesting_professions;
                    non_empty(&mut m, key, list.len(), &**list)?
                }
                PolicyField::Passions => {
                    non_empty(&mut m, key, settings.passions.len(), &*settings.passions)?
                }
                PolicyField::Platforms => non_empty(&mut m, key, platforms.len(), &platforms)?,
                PolicyField::Disable => non_empty(&mut m, key, disabled.len(), &disabled)?,
                PolicyField::Fallback => m.serialize_entry(key, &self.fallback)?,
                PolicyField::Rules => non_empty(&mut m, key, rules.len(), &rules)?,
                PolicyField::Examples => {
                    non_empty(&mut m, key, self.examples.len(), &self.examples)?
                }
                PolicyField::Replies => {
                    let replies: BTreeMap<&str, &str> = Direction::ALL
                        .into_iter()
                        .filter_map(|d| {
                            let text = settings.reply_template(d)?;
                            Some((reply_field(d).name(), text))
                        })
                        .collect();
                    non_empty(&mut m, key, replies.len(), &replies)?
                }
            }
        }
        m.end()
    }
}

/// Writes a list unless it is empty.
fn non_empty<M: SerializeMap>(
    m: &mut M,
    key: &str,
    len: usize,
    list: &impl Serialize,
) -> Result<(), M::Error> {
    if len == 0 {
        return Ok(());
    }
    m.serialize_entry(key, list)
}
