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
