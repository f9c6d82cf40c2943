//! A policy document is input from a person: whatever it holds, loading it
//! either gives a policy or an error, never a panic or a stack overflow.
//!
//! Documents are arbitrary strings, and valid documents broken on purpose:
//! keys deleted, duplicated and renamed, values of the wrong type, text cut
//! short or spliced into itself. Each is fed to the loader in JSON and in
//! TOML.

use crate::strategies::*;
use acquaint::{Condition, DataRule, Direction, Example, Policy};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

const DEFAULT_TOML: &str = include_str!("../../examples/policies/default.toml");

const NEST_ERROR: &str = "conditions nest deeper than 32 levels";

/// Loads a document in both formats' loaders as the format allows; whatever
/// loads must evaluate, and save and load again to the same document.
fn load_json(text: &str) -> Result<(), TestCaseError> {
    if let Ok(policy) = serde_json::from_str::<Policy>(text) {
        check_loaded(&policy)?;
    }
    read_alone_json(text)
}

fn load_toml(text: &str) -> Result<(), TestCaseError> {
    if let Ok(policy) = toml::from_str::<Policy>(text) {
        check_loaded(&policy)?;
    }
    read_alone(
        text,
        |t| toml::from_str::<DataRule>(t).ok(),
        |r| toml::to_string(r).ok(),
    )?;
    read_alone(
        text,
        |t| toml::from_str::<Condition>(t).ok(),
        |c| toml::to_string(c).ok(),
    )?;
    read_alone(
        text,
        |t| toml::from_str::<Example>(t).ok(),
        |e| toml::to_string(e).ok(),
    )
}

/// Reads a document as a rule, a condition and an example alone: whatever
/// reads must write and read back the same.
fn read_alone_json(text: &str) -> Result<(), TestCaseError> {
    fn json<T: serde::de::DeserializeOwned>(text: &str) -> Option<T> {
        serde_json::from_str(text).ok()
    }
    fn to_json<T: serde::Serialize>(value: &T) -> Option<String> {
        serde_json::to_string(value).ok()
    }
    read_alone(text, json::<DataRule>, to_json)?;
    read_alone(text, json::<Condition>, to_json)?;
    read_alone(text, json::<Example>, to_json)
}

fn read_alone<T: PartialEq + std::fmt::Debug>(
    text: &str,
    read: impl Fn(&str) -> Option<T>,
    write: impl Fn(&T) -> Option<String>,
) -> Result<(), TestCaseError> {
    if let Some(value) = read(text) {
        let written = write(&value).unwrap();
        prop_assert_eq!(read(&written), Some(value), "{}", written);
    }
    Ok(())
}

fn check_loaded(policy: &Policy) -> Result<(), TestCaseError> {
    let people = [
        acquaint::Contact::new("Ada").with_recruiter(true),
        acquaint::Contact::new("Bob")
            .with_friend(true)
            .with_tag("vip")
            .with_acquaintance(acquaint::Acquaintance::MetInPerson),
    ];
    let platforms = [
        acquaint::Platform::LinkedIn,
        acquaint::Platform::Twitter,
        acquaint::Platform::Facebook,
    ];
    for c in &people {
        for p in platforms.iter().chain(policy.platforms()) {
            for d in Direction::ALL {
                let v = policy.evaluate(c, p, d);
                prop_assert!(!v.explanation().is_empty());
            }
        }
    }
    let saved = serde_json::to_string(policy).unwrap();
    let again: Policy = serde_json::from_str(&saved)
        .map_err(|e| TestCaseError::fail(format!("saved policy does not load: {e}\n{saved}")))?;
    prop_assert_eq!(serde_json::to_string(&again).unwrap(), saved);
    Ok(())
}

// ---- Arbitrary strings ------------------------------------------------------

/// Text made of the characters documents are made of, so that the parsers
/// get past their first character and into the policy loader.
fn document_soup() -> impl Strategy<Value = String> {
    let tokens = proptest::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        "[[rules]]",
        "\"",
        ",",
        ":",
        "=",
        " ",
        "\n",
        "\"id\"",
        "id",
        "\"when\"",
        "when",
        "\"rules\"",
        "rules",
        "\"decision\"",
        "\"accept\"",
        "\"reason\"",
        "\"not\"",
        "not",
        "\"all\"",
        "all",
        "true",
        "1",
        "-1",
        "1e400",
        "\"x\"",
        "platforms",
        "\"linkedin\"",
        "\"mastodon\"",
        "disable",
        "fallback",
        "job-seeking",
        "star",
        "tag",
    ]);
    proptest::collection::vec(tokens, 0..60).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(cases(1024))]

    #[test]
    fn any_string_loads_or_fails_as_json(text in prop_oneof![any::<String>(), document_soup()]) {
        load_json(&text)?;
    }

    #[test]
    fn any_string_loads_or_fails_as_toml(text in prop_oneof![any::<String>(), document_soup()]) {
        load_toml(&text)?;
    }
}

// ---- Broken documents -------------------------------------------------------

/// A way to break a document.
#[derive(Debug, Clone)]
enum Mutation {
    /// Remove a key from a table, or an item from a list.
    Delete(Index),
    /// Give a key's value to another key, keeping the first.
    Duplicate(Index, &'static str),
    /// Rename a key.
    Rename(Index, &'static str),
    /// Replace a value with one of another type.
    Retype(Index, Value),
}

/// Text-level damage, applied after writing the document out.
#[derive(Debug, Clone)]
enum Damage {
    None,
    /// Cut the text short.
    Truncate(Index),
    /// Copy a piece of the text somewhere else in it.
    Splice(Index, Index, Index),
    /// Repeat a line (a key written twice, in either format).
    RepeatLine(Index),
}

const KEYS: &[&str] = &[
    "id",
    "platforms",
    "when",
    "decision",
    "reason",
    "rules",
    "job-seeking",
    "profession",
    "interesting-professions",
    "passions",
    "disable",
    "fallback",
    "all",
    "any",
    "not",
    "star",
    "tag",
    "recruiter",
    "platform",
    "acquaintance",
    "my-view",
    "mutual-connections-at-least",
    "",
    "idd",
    "Star",
    "ñ",
];

fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        Just(json!(u64::MAX)),
        Just(json!(-1)),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any_text().prop_map(Value::from),
        select_value(),
        Just(json!([])),
        Just(json!({})),
        Just(json!([{}])),
        Just(json!({ "not": {} })),
        Just(json!({ "all": [] })),
        Just(json!([[["deep"]]])),
        Just(json!({ "star": "yes" })),
    ]
}

fn select_value() -> impl Strategy<Value = Value> {
    proptest::sample::select(vec![
        "linkedin",
        "mastodon",
        "accept",
        "maybe",
        "meet-first",
        "never",
        "positive",
        "incoming",
        "linkedin.not-met",
        "linkedin.not-mett",
        "LinkedIn",
    ])
    .prop_map(Value::from)
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let key = proptest::sample::select(KEYS);
    prop_oneof![
        any::<Index>().prop_map(Mutation::Delete),
        (any::<Index>(), key.clone()).prop_map(|(i, k)| Mutation::Duplicate(i, k)),
        (any::<Index>(), key).prop_map(|(i, k)| Mutation::Rename(i, k)),
        (any::<Index>(), odd_value()).prop_map(|(i, v)| Mutation::Retype(i, v)),
    ]
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        2 => Just(Damage::None),
        1 => any::<Index>().prop_map(Damage::Truncate),
        1 => any::<(Index, Index, Index)>().prop_map(|(a, b, c)| Damage::Splice(a, b, c)),
        1 => any::<Index>().prop_map(Damage::RepeatLine),
    ]
}

/// JSON pointers to every value in the document but the root.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(child, p, out);
            }
        }
        _ => {}
    }
}

/// The parent's pointer and the last step of a pointer.
fn split(pointer: &str) -> (&str, String) {
    let (parent, last) = pointer.rsplit_once('/').unwrap();
    (parent, last.replace("~1", "/").replace("~0", "~"))
}

fn mutate(doc: &mut Value, m: &Mutation) {
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    if all.is_empty() {
        return;
    }
    let index = match m {
        Mutation::Delete(i)
        | Mutation::Duplicate(i, _)
        | Mutation::Rename(i, _)
        | Mutation::Retype(i, _) => i,
    };
    let pointer = index.get(&all).clone();
    if let Mutation::Retype(_, value) = m {
        *doc.pointer_mut(&pointer).unwrap() = value.clone();
        return;
    }
    let (parent, last) = split(&pointer);
    match doc.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            let value = map[&last].clone();
            match m {
                Mutation::Delete(_) => {
                    map.remove(&last);
                }
                Mutation::Duplicate(_, key) => {
                    map.insert((*key).to_owned(), value);
                }
                Mutation::Rename(_, key) => {
                    map.remove(&last);
                    map.insert((*key).to_owned(), value);
                }
                Mutation::Retype(..) => unreachable!(),
            }
        }
        Value::Array(list) => {
            let i: usize = last.parse().unwrap();
            match m {
                Mutation::Delete(_) => {
                    list.remove(i);
                }
                // Lists have no keys: repeat the item instead.
                Mutation::Duplicate(..) | Mutation::Rename(..) => {
                    let item = list[i].clone();
                    list.insert(i, item);
                }
                Mutation::Retype(..) => unreachable!(),
            }
        }
        _ => unreachable!(),
    }
}

fn char_boundary(text: &str, i: &Index) -> usize {
    let mut at = i.index(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn damage_text(text: &str, d: &Damage) -> String {
    match d {
        Damage::None => text.to_owned(),
        Damage::Truncate(i) => text[..char_boundary(text, i)].to_owned(),
        Damage::Splice(a, b, to) => {
            let (mut a, mut b) = (char_boundary(text, a), char_boundary(text, b));
            if a > b {
                std::mem::swap(&mut a, &mut b);
            }
            let to = char_boundary(text, to);
            format!("{}{}{}", &text[..to], &text[a..b], &text[to..])
        }
        Damage::RepeatLine(i) => {
            let lines: Vec<&str> = text.lines().collect();
            if lines.is_empty() {
                return text.to_owned();
            }
            let n = i.index(lines.len());
            let mut out = lines.clone();
            out.insert(n, lines[n]);
            out.join("\n")
        }
    }
}

/// Valid documents to break: the default philosophy as a policy file, and
/// generated policies.
fn valid_document() -> impl Strategy<Value = Value> {
    let default: Value = toml::from_str::<toml::Value>(DEFAULT_TOML)
        .map(|v| serde_json::to_value(v).unwrap())
        .unwrap();
    prop_oneof![
        1 => Just(default),
        3 => data_policy().prop_map(|spec| serde_json::to_value(spec.build()).unwrap()),
    ]
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn broken_documents_load_or_fail_as_json(
        doc in valid_document(),
        mutations in proptest::collection::vec(mutation(), 0..4),
        damage in damage(),
        pretty in any::<bool>(),
    ) {
        let mut doc = doc;
        for m in &mutations {
            mutate(&mut doc, m);
        }
        let text = if pretty {
            serde_json::to_string_pretty(&doc).unwrap()
        } else {
            serde_json::to_string(&doc).unwrap()
        };
        load_json(&damage_text(&text, &damage))?;
        // A rule, its condition and an example cut out of the broken
        // document read alone or fail, too.
        for part in ["/rules/0", "/rules/0/when", "/examples/0"] {
            if let Some(part) = doc.pointer(part) {
                read_alone_json(&part.to_string())?;
            }
        }
    }

    #[test]
    fn broken_documents_load_or_fail_as_toml(
        doc in valid_document(),
        mutations in proptest::collection::vec(mutation(), 0..4),
        damage in damage(),
    ) {
        let mut doc = doc;
        for m in &mutations {
            mutate(&mut doc, m);
        }
        // TOML has no null, and its documents are tables: what it cannot
        // write is left to the JSON test.
        if let Ok(text) = toml::to_string(&doc) {
            load_toml(&damage_text(&text, &damage))?;
        }
    }
}

#[test]
fn the_document_writers_used_above_produce_loadable_documents() {
    // Guard against the tests above passing only because every document
    // they build fails to load.
    let doc: Value =
        serde_json::to_value(toml::from_str::<toml::Value>(DEFAULT_TOML).unwrap()).unwrap();
    let json = serde_json::to_string_pretty(&doc).unwrap();
    serde_json::from_str::<Policy>(&json).unwrap();
    let text = toml::to_string(&doc).unwrap();
    toml::from_str::<Policy>(&text).unwrap();
}

// ---- Deep nesting -----------------------------------------------------------

fn json_rule(when: &str) -> String {
    format!(
        r#"{{"rules": [{{"id": "deep", "when": {when}, "decision": "accept", "reason": ""}}]}}"#
    )
}

fn toml_rule(when: &str) -> String {
    format!("[[rules]]\nid = \"deep\"\nwhen = {when}\ndecision = \"accept\"\nreason = \"\"\n")
}

/// `levels` conditions, each a `not` of the next, around `{ star = true }`:
/// `levels` levels deep as `Policy::MAX_DEPTH` counts them.
fn nots(levels: usize, open: &str, close: &str, leaf: &str) -> String {
    let mut s = String::with_capacity(levels * (open.len() + close.len()) + leaf.len());
    for _ in 1..levels {
        s.push_str(open);
    }
    s.push_str(leaf);
    for _ in 1..levels {
        s.push_str(close);
    }
    s
}

fn json_nots(levels: usize) -> String {
    nots(levels, r#"{"not": "#, "}", r#"{"star": true}"#)
}

fn json_alls(levels: usize) -> String {
    nots(levels, r#"{"all": ["#, "]}", r#"{"star": true}"#)
}

fn toml_nots(levels: usize) -> String {
    nots(levels, "{ not = ", " }", "{ star = true }")
}

fn toml_anys(levels: usize) -> String {
    nots(levels, "{ any = [", "] }", "{ star = true }")
}

fn json_error(text: &str) -> String {
    match serde_json::from_str::<Policy>(text) {
        Ok(_) => panic!("a too-deep document loaded"),
        Err(e) => e.to_string(),
    }
}

fn toml_error(text: &str) -> String {
    match toml::from_str::<Policy>(text) {
        Ok(_) => panic!("a too-deep document loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn conditions_nest_up_to_the_limit_in_json_and_toml() {
    for levels in [1, 2, Policy::MAX_DEPTH] {
        serde_json::from_str::<Policy>(&json_rule(&json_nots(levels))).unwrap();
        toml::from_str::<Policy>(&toml_rule(&toml_nots(levels))).unwrap();
    }
    // `all` and `any` add one level each, as `not` does.
    serde_json::from_str::<Policy>(&json_rule(&json_alls(Policy::MAX_DEPTH))).unwrap();
    toml::from_str::<Policy>(&toml_rule(&toml_anys(Policy::MAX_DEPTH))).unwrap();
}

#[test]
fn conditions_nested_10_000_deep_in_json_give_the_nesting_limit_error() {
    // serde_json stops at 128 levels of its own, but acquaint stops reading
    // at 33, so it is acquaint's error the user sees.
    for text in [json_rule(&json_nots(10_000)), json_rule(&json_alls(10_000))] {
        let err = json_error(&text);
        assert!(err.starts_with("rule `deep`: field `when."), "{err}");
        assert!(err.contains(NEST_ERROR), "{err}");
    }
    let err = json_error(&json_rule(&json_nots(Policy::MAX_DEPTH + 1)));
    assert_eq!(
        err.lines().next().unwrap(),
        format!(
            "rule `deep`: field `when{}`: {NEST_ERROR} at line 1 column 290",
            ".not".repeat(Policy::MAX_DEPTH)
        )
    );
}

/// A rule or a condition read alone keeps the policy's guard: it reads up
/// to the limit, and past it stops with the limit's error, however deep
/// the document goes.
#[test]
fn rules_and_conditions_read_alone_nest_up_to_the_limit() {
    let rule = |when: &str| {
        format!(r#"{{"id": "deep", "when": {when}, "decision": "accept", "reason": ""}}"#)
    };
    for when in [json_nots(Policy::MAX_DEPTH), json_alls(Policy::MAX_DEPTH)] {
        serde_json::from_str::<Condition>(&when).unwrap();
        serde_json::from_str::<DataRule>(&rule(&when)).unwrap();
    }
    toml::from_str::<DataRule>(&format!(
        "id = \"deep\"\nwhen = {}\ndecision = \"accept\"\nreason = \"\"\n",
        toml_anys(Policy::MAX_DEPTH)
    ))
    .unwrap();
    for levels in [Policy::MAX_DEPTH + 1, 10_000] {
        for when in [json_nots(levels), json_alls(levels)] {
            let err = serde_json::from_str::<Condition>(&when)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("condition: field `when."), "{err}");
            assert!(err.contains(NEST_ERROR), "{err}");
            let err = serde_json::from_str::<DataRule>(&rule(&when))
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("rule `deep`: field `when."), "{err}");
            assert!(err.contains(NEST_ERROR), "{err}");
        }
    }
}

/// The deepest condition the `toml` crate hands to acquaint: its parser
/// refuses documents nested 80 tables or arrays deep, before acquaint sees
/// them (`toml_edit`'s recursion limit, on by default).
const TOML_LEVELS: usize = 79;

#[test]
fn conditions_nested_past_the_limit_in_toml_give_the_nesting_limit_error() {
    // From 33 levels to the deepest the toml crate parses, acquaint's own
    // error: for `not`, each level is one inline table...
    for levels in [Policy::MAX_DEPTH + 1, 40, TOML_LEVELS] {
        let err = toml_error(&toml_rule(&toml_nots(levels)));
        assert!(err.contains(NEST_ERROR), "{levels} levels: {err}");
        assert!(err.contains("rule `deep`: field `when.not.not"), "{err}");
    }
    // ...for `any`, an array and an inline table, so the toml crate parses
    // about half as many levels: 40, not 41.
    let err = toml_error(&toml_rule(&toml_anys(TOML_LEVELS.div_ceil(2))));
    assert!(err.contains(NEST_ERROR), "{err}");
    assert!(err.contains("field `when.any[0].any[0]"), "{err}");
    let err = toml_error(&toml_rule(&toml_anys(TOML_LEVELS.div_ceil(2) + 1)));
    assert!(err.contains("recursion limit exceeded"), "{err}");
}

#[test]
fn conditions_nested_10_000_deep_in_toml_give_an_error() {
    // The toml crate refuses these with its own "recursion limit exceeded"
    // before acquaint sees them; what matters is an error, not a stack
    // overflow.
    let dotted = format!(
        "[[rules]]\nid = \"deep\"\nwhen{}.star = true\ndecision = \"accept\"\nreason = \"\"\n",
        ".not".repeat(10_000)
    );
    let header = format!(
        "[[rules]]\nid = \"deep\"\ndecision = \"accept\"\nreason = \"\"\n[rules.when{}]\nstar = true\n",
        ".not".repeat(10_000)
    );
    for text in [
        toml_rule(&toml_nots(10_000)),
        toml_rule(&toml_anys(10_000)),
        dotted,
        header,
    ] {
        let err = toml_error(&text);
        assert!(
            err.contains("recursion limit exceeded") || err.contains(NEST_ERROR),
            "{err}"
        );
    }
    let err = toml_error(&toml_rule(&toml_nots(TOML_LEVELS + 1)));
    assert!(err.contains("recursion limit exceeded"), "{err}");
}

#[test]
fn dotted_toml_keys_nest_like_tables() {
    // `when.not.not.star = true` is the same condition as the inline tables.
    let text = |levels: usize| {
        format!(
            "[[rules]]\nid = \"deep\"\nwhen{}.star = true\ndecision = \"accept\"\nreason = \"\"\n",
            ".not".repeat(levels - 1)
        )
    };
    toml::from_str::<Policy>(&text(Policy::MAX_DEPTH)).unwrap();
    let err = toml_error(&text(Policy::MAX_DEPTH + 1));
    assert!(err.contains(NEST_ERROR), "{err}");
}

#[test]
fn conditions_built_10_000_deep_in_code_give_the_nesting_limit_error() {
    use acquaint::{Condition, DataRule, Decision};
    let mut deep = Condition::Star(true);
    for _ in 1..10_000 {
        deep = Condition::Not(Box::new(deep));
    }
    let rule = DataRule::new("deep", deep, Decision::Accept, "");
    let err = Policy::builder().data_rule(rule).build().unwrap_err();
    assert!(err.to_string().contains(NEST_ERROR), "{err}");
}

/// The docs of `Condition`: dropping never overflows the stack, however
/// deep a condition built in code is. Run on a small stack, where a
/// recursive drop of a million levels would overflow at once.
#[test]
fn conditions_a_million_deep_drop_without_overflowing_the_stack() {
    use acquaint::{Condition, DataRule, Decision};
    let dropped = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let mut deep = Condition::Star(true);
            for i in 1..1_000_000 {
                deep = if i % 2 == 0 {
                    Condition::Not(Box::new(deep))
                } else {
                    Condition::Any(vec![Condition::Tag("t".into()), deep])
                };
            }
            let rule = DataRule::new("deep", deep, Decision::Accept, "");
            let err = Policy::builder().data_rule(rule).build().unwrap_err();
            err.to_string()
        })
        .unwrap()
        .join()
        .unwrap();
    assert!(dropped.contains(NEST_ERROR), "{dropped}");
}

proptest! {
    #![proptest_config(cases(256))]

    /// Any condition padded with `not`s to exactly the limit loads from a
    /// document in both formats; one level more is the nesting-limit error.
    #[test]
    fn any_condition_loads_up_to_the_depth_limit_and_no_deeper(when in condition()) {
        let mut when = when;
        while depth(&when) < Policy::MAX_DEPTH {
            when = acquaint::Condition::Not(Box::new(when));
        }
        let rule = acquaint::DataRule::new("deep", when.clone(), acquaint::Decision::Accept, "");
        let mut platforms = Vec::new();
        for p in platforms_named_by(&[UserRuleSpec { rule: rule.clone(), in_rust: false }]) {
            if !platforms.contains(&p) {
                platforms.push(p);
            }
        }
        let spec = PolicySpec { platforms, rules: vec![UserRuleSpec { rule, in_rust: false }], ..PolicySpec::default() };
        let policy = spec.build();
        let json = serde_json::to_string(&policy).unwrap();
        prop_assert!(serde_json::from_str::<Policy>(&json).is_ok(), "{}", json);
        let text = toml::to_string(&policy).unwrap();
        prop_assert!(toml::from_str::<Policy>(&text).is_ok(), "{}", text);

        let deeper = acquaint::DataRule::new("deep", acquaint::Condition::Not(Box::new(when)), acquaint::Decision::Accept, "");
        let spec = PolicySpec { rules: vec![UserRuleSpec { rule: deeper.clone(), in_rust: false }], ..spec };
        let err = spec.builder().build().unwrap_err();
        prop_assert!(err.to_string().contains(NEST_ERROR), "{}", err);
        // Written out by hand (a policy this deep cannot be built), it
        // fails to load the same way.
        let mut doc = serde_json::to_value(&policy).unwrap();
        doc["rules"][0]["when"] = serde_json::to_value(deeper.condition().unwrap()).unwrap();
        let err = serde_json::from_value::<Policy>(doc.clone()).unwrap_err();
        prop_assert!(err.to_string().contains(NEST_ERROR), "{}", err);
        let err = toml::from_str::<Policy>(&toml::to_string(&doc).unwrap()).unwrap_err();
        prop_assert!(err.to_string().contains(NEST_ERROR), "{}", err);
    }
}
