//! The strategies cover the vocabulary of the policy format: the policies
//! the property and differential tests generate name every condition key,
//! the model knows each of them, and the generated contacts vary every
//! contact field. The keys and fields are read from `policy.schema.json`,
//! which is generated from the crate's vocabulary (a unit test keeps it
//! so), so a key added to the format and not to `strategies` fails here,
//! named.

use std::collections::BTreeSet;

use acquaint::{Condition, Contact, Direction, Platform, Policy};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use serde_json::Value;

use crate::strategies::{PolicySpec, data_policy, holds, policy};

/// The names of the properties of `definitions.<definition>` in the
/// committed schema.
fn schema_properties(definition: &str) -> BTreeSet<String> {
    let schema: Value = serde_json::from_str(include_str!("../../policy.schema.json")).unwrap();
    let properties = schema["definitions"][definition]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("the schema lists no properties of `{definition}`"));
    properties.keys().cloned().collect()
}

/// `n` values of `strategy`, the same on every run.
fn samples<S: Strategy>(strategy: S, n: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

/// Every condition in `c`, itself and those it combines.
fn walk<'c>(c: &'c Condition, out: &mut Vec<&'c Condition>) {
    out.push(c);
    match c {
        Condition::All(list) | Condition::Any(list) => list.iter().for_each(|c| walk(c, out)),
        Condition::Not(inner) => walk(inner, out),
        _ => {}
    }
}

/// Checks that the rules of `specs` name every condition key of the
/// schema, and that the model evaluates each condition they hold (it
/// panics, naming the key, on one it does not know).
fn assert_every_condition_key(what: &str, specs: &[PolicySpec]) {
    let contact = Contact::new("Ada").with_message("Hello");
    let default = Policy::default();
    let settings = default.settings();
    let mut generated = BTreeSet::new();
    for spec in specs {
        for rule in &spec.rules {
            let mut conditions = Vec::new();
            if let Some(c) = rule.rule.condition() {
                walk(c, &mut conditions);
            }
            for c in conditions {
                generated.insert(c.key().to_owned());
                holds(
                    c,
                    &contact,
                    &Platform::LinkedIn,
                    Direction::Incoming,
                    settings,
                );
            }
        }
    }
    let schema = schema_properties("condition");
    let missing: Vec<_> = schema.difference(&generated).collect();
    assert!(
        missing.is_empty(),
        "{what} never name the condition key(s) {missing:?}: \
         add them to `leaf_condition` and to the model's `holds` in tests/it/strategies.rs"
    );
    let unknown: Vec<_> = generated.difference(&schema).collect();
    assert!(
        unknown.is_empty(),
        "keys missing from the schema: {unknown:?}"
    );
}

#[test]
fn the_generated_policies_name_every_condition_key() {
    assert_every_condition_key(
        "the policies of `strategies::policy`",
        &samples(policy(), 100),
    );
}

#[test]
fn the_generated_data_policies_name_every_condition_key() {
    assert_every_condition_key(
        "the policies of `strategies::data_policy`",
        &samples(data_policy(), 100),
    );
}

/// Each contact field of the schema takes at least two values (a field
/// left out counts as one) across generated contacts, as their serde form
/// writes them; the message is also empty, blank and not blank.
#[cfg(feature = "serde")]
#[test]
fn the_generated_contacts_vary_every_contact_field() {
    use std::collections::BTreeMap;

    let mut values: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let schema = schema_properties("contact");
    let mut messages = BTreeSet::new();
    for contact in samples(crate::strategies::contact(), 2000) {
        let Value::Object(fields) = serde_json::to_value(&contact).unwrap() else {
            panic!("a contact serializes to a table");
        };
        for field in &schema {
            let value = fields
                .get(field)
                .map_or("(left out)".into(), Value::to_string);
            values.entry(field.clone()).or_default().insert(value);
        }
        for field in fields.keys() {
            assert!(
                schema.contains(field),
                "the schema lacks the contact field `{field}`"
            );
        }
        messages.insert(match contact.message() {
            None => "none",
            Some("") => "empty",
            Some(m) if m.chars().all(char::is_whitespace) => "blank",
            Some(_) => "a note",
        });
    }
    let fixed: Vec<_> = values
        .iter()
        .filter(|(_, seen)| seen.len() < 2)
        .map(|(field, _)| field)
        .collect();
    assert!(
        fixed.is_empty(),
        "the generated contacts never vary the contact field(s) {fixed:?}: \
         add them to `ContactSpec` and `contact_spec` in tests/it/strategies.rs"
    );
    assert_eq!(
        messages,
        BTreeSet::from(["a note", "blank", "empty", "none"]),
        "the generated messages"
    );
}
