//! Writing a policy document: a policy serializes as a document that loads
//! back to the same policy.

use serde::ser::{self, SerializeMap};
use serde::{Serialize, Serializer};

use crate::builtin::BuiltinRule;
use crate::condition::{Condition, Value};
use crate::names::{Name, PolicyField, RuleField};
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};
use crate::reply::reply_field;
use crate::rules::DataRule;
use std::collections::BTreeMap;

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

fn user_named_platforms(cond: &Condition, out: &mut Vec<Platform>) {
    match cond.value() {
        Value::List(list) => list.iter().for_each(|c| user_named_platforms(c, out)),
        Value::Nested(inner) => user_named_platforms(inner, out),
        Value::Platform(p) => {
            if p.is_user_named() && !out.contains(p) {
                out.push(p.clone());
            }
        }
        Value::Bool(_)
        | Value::Text(_)
        | Value::Count(_)
        | Value::Direction(_)
        | Value::Acquaintance(_)
        | Value::View(_) => {}
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
                    non_empty(&mut m, key, list.len(), list)?
                }
                PolicyField::Passions => {
                    non_empty(&mut m, key, settings.passions.len(), &settings.passions)?
                }
                PolicyField::Platforms => non_empty(&mut m, key, platforms.len(), &platforms)?,
                PolicyField::Disable => non_empty(&mut m, key, disabled.len(), &disabled)?,
                PolicyField::Fallback => m.serialize_entry(key, &self.fallback)?,
                PolicyField::Rules => non_empty(&mut m, key, rules.len(), &rules)?,
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
