//! A host program's day, through the public API only (`acquaint::*`), as
//! the README's "In a policy file" section and the crate docs describe it:
//! a YAML policy, extended with a rule in Rust; contacts read from JSON;
//! verdicts, warnings, changes and a decision table written as JSON; a
//! mistake in a policy recovered as a typed error with its line.

use acquaint::*;
use serde_json::json;

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
                { "facts": { "tag: fediverse": "yes" }, "decision": "accept", "rule": "fediverse" },
                { "facts": { "tag: fediverse": "no" }, "decision": "decline", "rule": "fallback" }
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
            id: "colleages".into()
        }
    );
    assert_eq!(
        error.to_string(),
        "policy: field `rules`: no rule has the id `colleages`, to place or to place it by"
    );
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
        "rule `x`: unknown field `whn`, expected one of `id`, `platforms`, `when`, \
         `decision`, `reason` at line 1 column 17"
    );
    // Without a valid id, the rule is named as the first of a policy.
    assert_eq!(
        json(r#"{"decision": "accept", "reason": ""}"#),
        "rule #1: missing field `id` at line 1 column 36"
    );
    assert_eq!(
        json(r#"{"id": "two words", "decision": "accept", "reason": ""}"#),
        "rule #1: field `id`: U+0020 is not allowed: a rule id is 1 to 64 ASCII \
         letters, digits, `-`, `_` or `.` at line 1 column 55"
    );
    assert_eq!(
        json(r#"{"id": "linkedin.mine", "decision": "accept", "reason": ""}"#),
        "rule `linkedin.mine`: field `id`: ids starting with `linkedin.` are reserved \
         for built-in rules at line 1 column 59"
    );
    assert_eq!(
        json(r#"{"id": "x", "when": {"any": []}, "decision": "accept", "reason": ""}"#),
        "rule `x`: field `when.any` is empty at line 1 column 30"
    );
    assert_eq!(
        json(r#"{"id": "x", "decision": "acept", "reason": ""}"#),
        "rule `x`: field `decision`: unknown decision `acept`, expected `accept`, \
         `decline` or `meet-first` at line 1 column 31"
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
            .starts_with("example #1: unknown field `contact.recuiter`, expected one of `name`"),
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
            name: "mastodon".into()
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
        "rule `stars`: field `when.all[0].platform`: unknown platform `mastodn`, declare \
         your own platforms in the policy's `platforms` list"
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
        matches!(error.kind(), PolicyErrorKind::UndeclaredPlatform { name } if name == "mastodn"),
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
