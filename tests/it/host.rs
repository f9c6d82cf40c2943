//! A host program's day, through the public API only (`acquaint::*`), as
//! the README's "In a policy file" section and the crate docs describe it:
//! a YAML policy, extended with a rule in Rust; contacts read from JSON;
//! verdicts, warnings, changes and a decision table written as JSON; a
//! mistake in a policy recovered as a typed error with its line; a
//! table's and a diff's rows read back from JSON as conditions of a policy
//! document.

use acquaint::*;
use serde_json::{Map, Value, json};

use crate::common::finite;

#[derive(Debug)]
struct Colleagues;

impl Rule for Colleagues {
    fn id(&self) -> &str {
        "colleagues"
    }

    fn decide(&self, request: &Request<'_>) -> Option<Decision> {
        request
            .contact
            .has_tag("colleague")
            .then_some(Decision::Accept)
    }

    fn explain(&self, request: &Request<'_>) -> String {
        format!("{} is a colleague", request.contact.name())
    }
}

const POLICY: &str = "\
job-seeking: false
platforms: [mastodon]
rules:
  - id: fediverse
    platforms: [mastodon]
    when: { tag: fediverse }
    decision: accept
    reason: Mastodon is for the fediverse crowd
";

#[test]
fn a_host_loads_extends_evaluates_and_writes_json() {
    let loaded: Policy = serde_saphyr::from_str(POLICY).unwrap();
    let policy = loaded.into_builder().rule(Colleagues).build().unwrap();

    let contacts: Vec<Contact> = serde_json::from_value(json!([
        { "name": "Kim Lee", "tags": ["Colleague"] },
        { "name": "Sam Stranger", "mutual-connections": 480 },
        { "name": "Ada", "acquaintance": "Worked-In-Person",
          "my-view": "positive", "their-view": "positive" }
    ]))
    .unwrap();
    let verdicts: Vec<Verdict<'_>> = policy
        .evaluate_all(
            contacts
                .iter()
                .map(|c| (c, &Platform::LinkedIn, Direction::Incoming)),
        )
        .collect();
    let written = serde_json::to_value(&verdicts).unwrap();
    assert_eq!(written[0]["rule"], "colleagues");
    assert_eq!(written[0]["explanation"], "Kim Lee is a colleague");
    assert_eq!(written[1]["decision"], "meet-first");
    assert!(written[1]["reply"].as_str().unwrap().starts_with("Hi Sam,"));
    assert_eq!(written[2]["rule"], "linkedin.mutual-vouch");
    // A verdict is data a host compares.
    assert_eq!(
        verdicts[2],
        policy.evaluate(&contacts[2], &Platform::LinkedIn, Direction::Incoming)
    );

    let warnings = policy.analyze().unwrap();
    assert_eq!(
        serde_json::to_value(&warnings).unwrap(),
        json!([{ "kind": "not-analysed", "rule": "colleagues" }])
    );

    let changes = policy.what_would_change(&contacts[1], &Platform::LinkedIn, Direction::Incoming);
    let changes = serde_json::to_value(&changes).unwrap();
    assert_eq!(
        changes[0],
        json!({
            "facts": [
                { "acquaintance": "met-in-person" },
                { "my-view": "positive" },
                { "their-view": "positive" }
            ],
            "decision": "accept",
            "rule": "linkedin.mutual-vouch"
        })
    );

    let mastodon = Platform::named("mastodon").unwrap();
    let table = serde_json::to_value(policy.decision_table(&mastodon).unwrap()).unwrap();
    assert_eq!(
        table,
        json!({
            "platform": "mastodon",
            "columns": ["tag: fediverse"],
            "rows": [
                {
                    "facts": { "tag: fediverse": "yes" },
                    "cells": [{ "label": "tag: fediverse", "key": "tag", "values": ["fediverse"] }],
                    "decision": "accept",
                    "rule": "fediverse"
                },
                {
                    "facts": { "tag: fediverse": "no" },
                    "cells": [{
                        "label": "tag: fediverse", "key": "tag", "values": ["fediverse"], "negated": true
                    }],
                    "decision": "decline",
                    "rule": "fallback"
                }
            ],
            "rust-rules": ["colleagues"]
        })
    );
}

#[test]
fn a_host_recovers_a_typed_load_error_with_its_line() {
    let doc = "{\n  \"rules\": [\n    { \"id\": \"fediverse\", \"decision\": \"acept\", \"reason\": \"\" }\n  ]\n}";
    let err = Policy::from_deserializer(&mut serde_json::Deserializer::from_str(doc)).unwrap_err();
    let LoadError::Invalid { error, format } = &err else {
        panic!("a policy error, not a syntax error: {err}");
    };
    assert_eq!(error.rule_id(), Some("fediverse"));
    assert_eq!(error.field(), "decision");
    let PolicyErrorKind::UnknownName(name) = error.kind() else {
        panic!("{error:?}");
    };
    assert_eq!((name.kind(), name.name()), (NameKind::Decision, "acept"));
    assert_eq!(format.line(), 3);
    assert_eq!(
        serde_json::to_value(error).unwrap()["location"],
        json!({ "rule": "fediverse" })
    );
}

/// A host's own rule goes anywhere among a loaded policy's rules, in one
/// call (`PolicyBuilder::place_rule`).
#[test]
fn a_host_places_its_rule_among_the_loaded_ones() {
    let file: Policy = toml::from_str(
        r#"
        [[rules]]
        id = "a"
        decision = "accept"
        reason = ""
        [[rules]]
        id = "b"
        decision = "accept"
        reason = ""
        "#,
    )
    .unwrap();
    let order = |place: Place| -> Vec<String> {
        let policy = file
            .clone()
            .into_builder()
            .rule(Colleagues)
            .place_rule("colleagues", place)
            .build()
            .unwrap();
        policy.rule_ids().map(str::to_owned).collect()
    };
    assert_eq!(order(Place::First), ["colleagues", "a", "b"]);
    assert_eq!(order(Place::Before("b".into())), ["a", "colleagues", "b"]);
    assert_eq!(order(Place::After("a".into())), ["a", "colleagues", "b"]);
    assert_eq!(order(Place::Last), ["a", "b", "colleagues"]);

    // The first rule now decides, which the file's rule did before.
    let policy = file
        .clone()
        .into_builder()
        .rule(Colleagues)
        .place_rule("colleagues", Place::First)
        .build()
        .unwrap();
    let colleague = Contact::new("Ada").with_tag("colleague");
    let verdict = policy.evaluate(&colleague, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "colleagues");

    let error = file
        .into_builder()
        .place_rule("colleages", Place::First)
        .build()
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &PolicyErrorKind::UnknownRuleId {
            id: "colleages".into(),
            suggestion: None,
        }
    );
    assert_eq!(
        error.to_string(),
        "policy: field `rules`: no rule has the id `colleages`, to place or to place it by"
    );
}

/// Each mistake of a policy loaded from text has its place in the text as
/// data (`PolicyError::position`), in TOML, JSON and YAML alike, with the
/// name probably meant.
#[cfg(all(feature = "toml", feature = "json", feature = "yaml"))]
#[test]
fn a_host_shows_where_each_mistake_is_in_every_format() {
    let toml = "\
[[rules]]
id = \"code\"
platforms = [\"gitub\"]
decision = \"accept\"
reason = \"Code review friends\"
";
    let err = Policy::from_toml_str(&format!("platforms = [\"github\"]\n{toml}")).unwrap_err();
    let error = err.policy_error().unwrap();
    assert_eq!(error.rule_id(), Some("code"));
    assert_eq!(
        error.kind(),
        &PolicyErrorKind::UndeclaredPlatform {
            name: "gitub".into(),
            suggestion: Some("github".into()),
        }
    );
    // The list the platform is in.
    let at = error.position().unwrap();
    assert_eq!((at.line(), at.column()), (4, 13));
    assert_eq!((at.end_line(), at.end_column()), (4, 22));

    let json = "{\n  \"rules\": [\n    { \"id\": \"x\", \"decision\": \"acept\", \"reason\": \"\" }\n  ]\n}";
    let err = Policy::from_json_str(json).unwrap_err();
    let error = err.policy_error().unwrap();
    let PolicyErrorKind::UnknownName(name) = error.kind() else {
        panic!("{error:?}");
    };
    assert_eq!(name.suggestion(), Some("accept"));
    let at = error.position().unwrap();
    assert_eq!(&json[at.span()], "\"acept\"");
    assert_eq!((at.line(), at.column()), (3, 30));

    let yaml = "passions: [chess]\nreplies:\n  incoming: \"Hi {Name} {firstname}\"\n";
    let err = Policy::from_yaml_str(yaml).unwrap_err();
    let error = err.policy_error().unwrap();
    // Placeholders read in any case: `{Name}` is `{name}`.
    assert!(
        matches!(
            error.kind(),
            PolicyErrorKind::UnknownPlaceholder { name, suggestion: Some("first-name"), .. }
                if name == "firstname"
        ),
        "{error:?}"
    );
    assert_eq!(error.position().unwrap().line(), 3);
    // The position serializes with the error.
    let data = serde_json::to_value(error).unwrap();
    assert_eq!(data["position"]["line"], 3);

    // A syntax error has a place too, from the format's own error.
    let broken = "job-seeking = \n";
    let err = Policy::from_toml_str(broken).unwrap_err();
    assert!(err.policy_error().is_none());
    assert_eq!(err.position(broken).unwrap().line(), 1);
}

/// A rule's id that is not valid is reported at the id, and names the
/// rule by it.
#[cfg(feature = "toml")]
#[test]
fn a_bad_rule_id_is_reported_at_the_id() {
    let toml = "\
[[rules]]
id = \"no spaces\"
decision = \"accept\"
reason = \"\"
";
    let err = Policy::from_toml_str(toml).unwrap_err();
    let error = err.policy_error().unwrap();
    assert_eq!(error.field(), "id");
    assert!(matches!(
        error.kind(),
        PolicyErrorKind::InvalidRuleId {
            character: Some(' ')
        }
    ));
    assert_eq!(error.rule_id(), Some("no spaces"));
    let at = error.position().unwrap();
    assert_eq!((at.line(), &toml[at.span()]), (2, "\"no spaces\""));
}

// ---- Tables and diffs read back as policy documents -------------------------

/// The condition a cell of a table's or a diff's JSON stands for, as a
/// policy document writes it, built from its `key` and `values` alone (and
/// `negated`, `all`): `None` for a fact that does not matter for the row.
fn cell_condition(cell: &Value) -> Option<Value> {
    let flag = |name: &str| cell.get(name) == Some(&json!(true));
    if flag("any") {
        assert_eq!(cell.get("values"), None, "{cell}");
        return None;
    }
    let key = cell["key"].as_str().unwrap();
    let table = |value: Value| Value::Object(Map::from_iter([(key.to_owned(), value)]));
    let items: Vec<Value> = cell["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|value| match value.get("at-least") {
            // A range of mutual connections.
            Some(at_least) => {
                let mut range = vec![table(at_least.clone())];
                if let Some(below) = value.get("below") {
                    range.push(json!({ "not": table(below.clone()) }));
                }
                json!({ "all": range })
            }
            None => table(value.clone()),
        })
        .collect();
    let joined = if flag("all") {
        json!({ "all": items })
    } else {
        json!({ "any": items })
    };
    Some(if flag("negated") {
        json!({ "not": joined })
    } else {
        joined
    })
}

/// A row of a table's or a diff's JSON as a rule of a policy document on
/// `platform`, deciding `decision`.
fn row_rule(id: &str, platform: &Platform, row: &Value, decision: &Value) -> Value {
    let cells = row["cells"].as_array().unwrap();
    let when: Vec<Value> = cells.iter().filter_map(cell_condition).collect();
    let mut rule = json!({
        "id": id,
        "platforms": [platform],
        "decision": decision,
        "reason": "",
    });
    if !when.is_empty() {
        rule["when"] = json!({ "all": when });
    }
    rule
}

/// Contacts that differ in every fact the policies below read: each
/// finite contact, with a profession, passions, tags and a count picked
/// from its position.
fn contacts() -> Vec<Contact> {
    let professions = ["", "software engineer", "designer", "pilot"];
    let names = ["rust", "chess", "agency", "fediverse"];
    finite::contacts()
        .into_iter()
        .enumerate()
        .map(|(i, contact)| {
            let mut contact = contact
                .with_profession(professions[i % 4])
                .with_mutual_connections([0, 99, 100, 500][i / 4 % 4]);
            for (bit, name) in names.iter().enumerate() {
                if (i / 16) & (1 << bit) != 0 {
                    contact = contact.with_passion(name).with_tag(name);
                }
            }
            contact
        })
        .collect()
}

const TABLED: &str = r#"
job-seeking = false
profession = "software engineer"
interesting-professions = ["designer"]
passions = ["rust", "chess"]
platforms = ["mastodon"]

[[rules]]
id = "agency"
platforms = ["linkedin"]
when = { recruiter = true, tag = "agency" }
decision = "decline"
reason = "Agencies are not for me"

[[rules]]
id = "crowd"
platforms = ["twitter"]
when = { mutual-connections-at-least = 100, not = { shares-passion = true } }
decision = "meet-first"
reason = ""

[[rules]]
id = "fediverse"
platforms = ["mastodon"]
when = { any = [{ tag = "fediverse" }, { passion = "rust" }], direction = "outgoing" }
decision = "accept"
reason = ""
"#;

/// A host reads a decision table's rows as condition keys and values, as
/// a policy document names them: each row, written back as a rule of a
/// TOML policy, holds for exactly the requests the row does, and decides
/// them as the row says.
#[test]
fn a_host_writes_a_tables_rows_back_as_rules() {
    let policy: Policy = toml::from_str(TABLED).unwrap();
    let mastodon = Platform::named("mastodon").unwrap();

    // The recruiter row of LinkedIn's table: keys and values a program
    // matches on.
    let linkedin = policy.decision_table(&Platform::LinkedIn).unwrap();
    let table = serde_json::to_value(&linkedin).unwrap();
    let agency = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["rule"] == "agency")
        .unwrap();
    let cells = agency["cells"].as_array().unwrap();
    let find = |key: &str| cells.iter().find(|c| c["key"] == key).unwrap();
    assert_eq!(find("recruiter")["values"], json!([true]));
    assert_eq!(find("tag")["values"], json!(["agency"]));
    assert_eq!(find("tag")["label"], "tag: agency");
    assert_eq!(find("acquaintance")["any"], true);
    let not_met = json!({
        "label": "we have", "key": "acquaintance", "values": ["never", "spoken"]
    });
    assert!(
        table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|row| row["rule"] == "linkedin.not-met"
                && row["cells"].as_array().unwrap().contains(&not_met)),
        "{table}"
    );

    let contacts = contacts();
    for platform in [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        mastodon,
    ] {
        let table = policy.decision_table(&platform).unwrap();
        let json = serde_json::to_value(&table).unwrap();
        let rules: Vec<Value> = json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, row)| row_rule(&format!("row-{i}"), &platform, row, &row["decision"]))
            .collect();
        for job_seeking in [false, true] {
            let document = json!({
                "job-seeking": job_seeking,
                "platforms": ["mastodon"],
                "rules": rules,
            });
            // The values read back as a policy document's, in TOML too.
            let text = toml::to_string(&document).unwrap();
            let rows: Policy = toml::from_str(&text).unwrap();
            let mut policy = policy.clone();
            policy.set_job_seeking(job_seeking);
            for contact in &contacts {
                for direction in Direction::ALL {
                    let request = Request::new(contact, &platform, direction, policy.settings());
                    let row = table.matching(&request).next().unwrap();
                    let index = table.rows().iter().position(|r| r == row).unwrap();
                    let verdict = rows.evaluate(contact, &platform, direction);
                    assert_eq!(
                        verdict.rule_id(),
                        format!("row-{index}"),
                        "{contact:?} on {platform} ({direction})\n{table}\n{text}"
                    );
                    assert_eq!(
                        verdict.decision(),
                        policy.evaluate(contact, &platform, direction).decision()
                    );
                }
            }
        }
    }
}

/// A host reads a diff's rows as condition keys and values too: the rows
/// written as rules deciding as "after", placed before the old policy's
/// own, make it decide as the new one.
#[test]
fn a_host_applies_a_diff_through_its_rows() {
    let before: Policy = toml::from_str(TABLED).unwrap();
    // One passion fewer, a built-in rule switched off and a rule added.
    let edited = TABLED
        .replace(r#"["rust", "chess"]"#, r#"["rust"]"#)
        .replacen(
            "platforms = [\"mastodon\"]\n",
            "platforms = [\"mastodon\"]\ndisable = [\"linkedin.not-met\"]\n",
            1,
        )
        + r#"
[[rules]]
id = "designers"
platforms = ["twitter", "linkedin"]
when = { interesting-profession = true, not = { my-view = "negative" } }
decision = "accept"
reason = ""
"#;
    let after: Policy = toml::from_str(&edited).unwrap();
    assert_eq!(after.rule_ids().count(), before.rule_ids().count() + 1);
    let mastodon = Platform::named("mastodon").unwrap();

    // Twitter, where chess is no longer a shared passion: who shares only
    // chess, has no purpose and fewer than 100 mutual connections is now
    // declined.
    let diff = before.diff(&after, &Platform::Twitter).unwrap();
    let json = serde_json::to_value(&diff).unwrap();
    let row = &json["rows"][1];
    assert_eq!(row["after"]["rule"], "twitter.no-purpose", "{diff}");
    assert_eq!(
        row["cells"],
        json!([
            { "label": "star of their field", "key": "star", "values": [false] },
            { "label": "profession", "key": "profession",
              "values": ["software engineer", "designer"], "negated": true },
            { "label": "passion: rust", "key": "passion", "values": ["rust"], "negated": true },
            { "label": "passion: chess", "key": "passion", "values": ["chess"] },
            { "label": "mutual connections", "key": "mutual-connections-at-least",
              "values": [{ "at-least": 0, "below": 100 }] }
        ])
    );

    let contacts = contacts();
    for platform in [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        mastodon,
    ] {
        let diff = before.diff(&after, &platform).unwrap();
        let json = serde_json::to_value(&diff).unwrap();
        let mut rules: Vec<Value> = json["rows"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, row)| {
                row_rule(
                    &format!("row-{i}"),
                    &platform,
                    row,
                    &row["after"]["decision"],
                )
            })
            .collect();
        let mut document: Value = toml::from_str(TABLED).unwrap();
        rules.extend(document["rules"].as_array().unwrap().iter().cloned());
        document["rules"] = Value::Array(rules);
        let patched: Policy = serde_json::from_value(document).unwrap();
        for contact in &contacts {
            for direction in Direction::ALL {
                assert_eq!(
                    patched.evaluate(contact, &platform, direction).decision(),
                    after.evaluate(contact, &platform, direction).decision(),
                    "{contact:?} on {platform} ({direction})\n{diff}"
                );
            }
        }
    }
}

// ---- One rule, condition or example alone ----------------------------------

/// A rule as a policy holds it: a host stores it alone, in JSON (a
/// database column) or TOML, and reads it back the same.
fn stored_rule() -> DataRule {
    DataRule::new(
        "no-cold-recruiters",
        Condition::All(vec![
            Condition::Recruiter(true),
            Condition::Not(Box::new(Condition::Tag("met at rustconf".into()))),
        ]),
        Decision::Decline,
        "A recruiter I have never spoken to",
    )
    .on(Platform::LinkedIn)
}

fn stored_example() -> Example {
    Example::new(
        Contact::new("Riley").with_recruiter(true),
        Platform::LinkedIn,
        Direction::Incoming,
        Decision::Decline,
    )
    .named("a cold recruiter")
    .with_rule("no-cold-recruiters")
    .with_job_seeking(false)
}

#[test]
fn a_host_stores_a_rule_a_condition_and_an_example_alone_in_json() {
    let rule = stored_rule();
    let json = serde_json::to_value(&rule).unwrap();
    assert_eq!(
        json,
        json!({
            "id": "no-cold-recruiters",
            "platforms": ["linkedin"],
            "when": { "all": [{ "recruiter": true }, { "not": { "tag": "met at rustconf" } }] },
            "decision": "decline",
            "reason": "A recruiter I have never spoken to"
        })
    );
    assert_eq!(serde_json::from_value::<DataRule>(json).unwrap(), rule);

    let when = rule.condition().unwrap();
    let json = serde_json::to_string(when).unwrap();
    assert_eq!(&serde_json::from_str::<Condition>(&json).unwrap(), when);

    let example = stored_example();
    let json = serde_json::to_string(&example).unwrap();
    assert_eq!(serde_json::from_str::<Example>(&json).unwrap(), example);
}

#[test]
fn a_host_stores_a_rule_a_condition_and_an_example_alone_in_toml() {
    let rule = stored_rule();
    let text = toml::to_string(&rule).unwrap();
    assert_eq!(toml::from_str::<DataRule>(&text).unwrap(), rule);
    assert_eq!(
        toml::to_string(&toml::from_str::<DataRule>(&text).unwrap()).unwrap(),
        text
    );

    let when = rule.condition().unwrap();
    let text = toml::to_string(when).unwrap();
    assert_eq!(&toml::from_str::<Condition>(&text).unwrap(), when);

    let example = stored_example();
    let text = toml::to_string(&example).unwrap();
    assert_eq!(toml::from_str::<Example>(&text).unwrap(), example);
}

/// A `[[rules]]` entry cut out of a policy file, and its `when`, load alone
/// as the policy holds them.
#[test]
fn a_rule_cut_out_of_a_policy_file_loads_alone() {
    let policy: Policy = toml::from_str(
        r#"
        [[rules]]
        id = "fediverse"
        platforms = ["LinkedIn", "twitter", "linkedin"]
        when = { tag = " Fediverse ", direction = "Incoming" }
        decision = "accept"
        reason = "The fediverse crowd"
        "#,
    )
    .unwrap();
    let held = policy.data_rules().next().unwrap();
    let alone: DataRule = toml::from_str(
        r#"
        id = "fediverse"
        platforms = ["LinkedIn", "twitter", "linkedin"]
        when = { tag = " Fediverse ", direction = "Incoming" }
        decision = "accept"
        reason = "The fediverse crowd"
        "#,
    )
    .unwrap();
    assert_eq!(&alone, held);
    assert_eq!(
        alone.platforms(),
        Some(&[Platform::LinkedIn, Platform::Twitter][..])
    );
    let when: Condition = toml::from_str(
        r#"tag = " Fediverse "
direction = "Incoming""#,
    )
    .unwrap();
    assert_eq!(Some(&when), held.condition());
}

/// A mistake in a rule read alone reads as the policy's error would, with
/// the format's position.
#[test]
fn a_mistake_in_a_rule_read_alone_names_the_rule_and_the_field() {
    let json = |doc: &str| {
        serde_json::from_str::<DataRule>(doc)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        json(r#"{"id": "x", "whn": {"star": true}, "decision": "accept", "reason": ""}"#),
        "rule `x`: unknown field `whn`, did you mean `when` at line 1 column 17"
    );
    // Without a valid id, the rule is named as the first of a policy.
    assert_eq!(
        json(r#"{"decision": "accept", "reason": ""}"#),
        "rule #1: missing field `id` at line 1 column 36"
    );
    assert_eq!(
        json(r#"{"id": "two words", "decision": "accept", "reason": ""}"#),
        "rule `two words`: field `id`: U+0020 is not allowed: a rule id is 1 to 64 ASCII letters, digits, `-`, `_` or `.` at line 1 column 18"
    );
    assert_eq!(
        json(r#"{"id": "linkedin.mine", "decision": "accept", "reason": ""}"#),
        "rule `linkedin.mine`: field `id`: ids starting with `linkedin.` are reserved for built-in rules at line 1 column 22"
    );
    assert_eq!(
        json(r#"{"id": "x", "when": {"any": []}, "decision": "accept", "reason": ""}"#),
        "rule `x`: field `when.any` is empty at line 1 column 30"
    );
    assert_eq!(
        json(r#"{"id": "x", "decision": "acept", "reason": ""}"#),
        "rule `x`: field `decision`: unknown decision `acept`, did you mean `accept` at line 1 column 31"
    );
    let toml_error = toml::from_str::<DataRule>(
        "id = \"x\"\nwhen = { recuiter = true }\ndecision = \"accept\"\nreason = \"\"\n",
    )
    .unwrap_err();
    assert!(
        toml_error
            .message()
            .starts_with("rule `x`: unknown field `when.recuiter`, did you mean `recruiter`"),
        "{toml_error}"
    );
    assert_eq!(toml_error.span(), Some(18..26));

    let condition = serde_json::from_str::<Condition>(r#"{"tag": "  "}"#).unwrap_err();
    assert_eq!(
        condition.to_string(),
        "condition: field `when.tag` is empty at line 1 column 13"
    );
    let example = serde_json::from_str::<Example>(
        r#"{"platform": "linkedin", "direction": "incoming", "decision": "accept",
            "contact": {"recuiter": true}}"#,
    )
    .unwrap_err();
    assert!(
        example
            .to_string()
            .starts_with("example #1: unknown field `contact.recuiter`, did you mean `recruiter`"),
        "{example}"
    );
}

/// What needs the whole policy is checked when a rule read alone joins
/// one: its id used once, and the platforms of its own it names declared,
/// as a policy file must (a rule built in code need not).
#[test]
fn a_rule_read_alone_is_checked_against_the_policy_it_joins() {
    let mastodon = Platform::named("mastodon").unwrap();
    let rule: DataRule = serde_json::from_str(
        r#"{"id": "fediverse", "platforms": ["mastodon"], "decision": "accept", "reason": ""}"#,
    )
    .unwrap();
    let error = Policy::builder()
        .data_rule(rule.clone())
        .build()
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &PolicyErrorKind::UndeclaredPlatform {
            name: "mastodon".into(),
            suggestion: None,
        }
    );
    assert_eq!(error.rule_id(), Some("fediverse"));
    assert_eq!(error.field(), "platforms[0]");
    let policy = Policy::builder()
        .platform(mastodon.clone())
        .data_rule(rule.clone())
        .build()
        .unwrap();
    assert_eq!(policy.data_rules().next(), Some(&rule));
    // The same rule built in code, or a policy that declares the platform.
    let in_code = DataRule::always("fediverse", Decision::Accept, "").on(mastodon.clone());
    assert_eq!(in_code, rule);
    Policy::builder().data_rule(in_code).build().unwrap();
    let loaded: Policy = serde_saphyr::from_str(POLICY).unwrap();
    let other: DataRule = serde_json::from_str(
        r#"{"id": "mastodon-stars", "when": {"platform": "mastodon", "star": true},
            "decision": "accept", "reason": ""}"#,
    )
    .unwrap();
    loaded.into_builder().data_rule(other).build().unwrap();
    // A misspelt platform in the condition is caught too.
    let typo: DataRule = serde_json::from_str(
        r#"{"id": "stars", "when": {"platform": "mastodn", "star": true},
            "decision": "accept", "reason": ""}"#,
    )
    .unwrap();
    let error = Policy::builder()
        .platform(mastodon.clone())
        .data_rule(typo)
        .build()
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "rule `stars`: field `when.all[0].platform`: unknown platform `mastodn`, did you mean `mastodon`? declare your own platforms in the policy's `platforms` list"
    );

    // An example read alone names a declared platform too.
    let example: Example = serde_json::from_str(
        r#"{"platform": "mastodn", "direction": "incoming", "decision": "decline"}"#,
    )
    .unwrap();
    let error = Policy::builder()
        .platform(mastodon)
        .example(example)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            error.kind(),
            PolicyErrorKind::UndeclaredPlatform { name, suggestion: Some(meant) }
                if name == "mastodn" && meant == "mastodon"
        ),
        "{error}"
    );
    assert_eq!(error.location(), &Location::Example(1));

    let rule: DataRule =
        serde_json::from_str(r#"{"id": "mine", "decision": "accept", "reason": ""}"#).unwrap();
    let error = Policy::builder()
        .data_rule(rule.clone())
        .data_rule(rule)
        .build()
        .unwrap_err();
    assert_eq!(error.kind(), &PolicyErrorKind::DuplicateRuleId);
    assert_eq!(
        error.to_string(),
        "rule `mine`: field `id`: an earlier rule already has this id"
    );
}
