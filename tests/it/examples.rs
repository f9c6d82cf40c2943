//! Examples that travel with a policy, as the README's "Examples that
//! travel with the policy" section and the docs of `Example` and
//! `Policy::check_examples` describe: they load and are checked like rules,
//! `check_examples` returns the failures as data, and they never change a
//! decision.

use crate::common::{finite, rule_fn};
use acquaint::{
    Contact, Decision, Direction, Example, Location, Platform, Policy, PolicyErrorKind,
};

const DEFAULT_TOML: &str = include_str!("../../examples/policies/default.toml");

fn toml_policy(doc: &str) -> Policy {
    toml::from_str(doc).unwrap_or_else(|e| panic!("should load: {e}\n{doc}"))
}

/// The policy error of a TOML document that should not load, with the
/// format's full message.
#[track_caller]
fn toml_error(doc: &str) -> (acquaint::PolicyError, String) {
    match Policy::from_deserializer(toml::Deserializer::new(doc)) {
        Ok(_) => panic!("should not load:\n{doc}"),
        Err(e) => (
            e.policy_error().expect("a policy error").clone(),
            e.format_error().to_string(),
        ),
    }
}

const STRANGER: &str = r#"
[[examples]]
name = "a stranger is asked to meet first"
platform = "linkedin"
direction = "incoming"
decision = "meet-first"
rule = "linkedin.not-met"
contact = { name = "Bob", mutual-connections = 250 }
"#;

#[test]
fn an_example_that_holds_is_not_reported() {
    let policy = toml_policy(STRANGER);
    assert_eq!(policy.examples().len(), 1);
    let example = &policy.examples()[0];
    assert_eq!(example.name(), Some("a stranger is asked to meet first"));
    assert_eq!(example.platform(), &Platform::LinkedIn);
    assert_eq!(example.direction(), Direction::Incoming);
    assert_eq!(example.decision(), Decision::MeetFirst);
    assert_eq!(example.rule_id(), Some("linkedin.not-met"));
    assert_eq!(example.job_seeking(), None);
    assert_eq!(example.contact().name(), "Bob");
    assert_eq!(example.contact().mutual_connections(), 250);
    assert!(policy.check_examples().is_empty());
}

#[test]
fn a_wrong_decision_is_reported_with_what_the_policy_decided_and_why() {
    let doc = STRANGER.replace(r#"decision = "meet-first""#, r#"decision = "accept""#);
    let policy = toml_policy(&doc);
    let failures = policy.check_examples();
    assert_eq!(failures.len(), 1);
    let failure = &failures[0];
    assert_eq!(failure.position(), 1);
    assert_eq!(failure.example().decision(), Decision::Accept);
    assert_eq!(failure.decision(), Decision::MeetFirst);
    assert_eq!(failure.rule_id(), "linkedin.not-met");
    let bob = Contact::new("Bob").with_mutual_connections(250);
    let default = Policy::default();
    let verdict = default.evaluate(&bob, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(failure.explanation(), verdict.explanation());
    assert_eq!(
        failure.to_string(),
        format!(
            "example #1 (a stranger is asked to meet first) on LinkedIn (incoming): expected \
             accept by `linkedin.not-met`, got meet-first by `linkedin.not-met`: {}",
            verdict.explanation()
        )
    );
}

#[test]
fn the_right_decision_by_another_rule_is_a_failure() {
    // The fallback decides meet-first too, when the built-in rule is off.
    let doc = format!(
        "disable = [\"linkedin.not-met\", \"linkedin.cannot-vouch\"]\nfallback = \"meet-first\"\n{}",
        STRANGER.replace("linkedin.not-met", "fallback")
    );
    assert!(toml_policy(&doc).check_examples().is_empty());
    let doc = doc.replace(r#"rule = "fallback""#, r#"rule = "linkedin.mutual-vouch""#);
    let policy = toml_policy(&doc);
    let failures = policy.check_examples();
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].decision(), Decision::MeetFirst);
    assert_eq!(failures[0].rule_id(), "fallback");
}

#[test]
fn failures_come_in_order_with_their_positions_and_serialize_as_data() {
    let mut doc = String::new();
    for (i, decision) in ["meet-first", "decline", "meet-first", "accept"]
        .iter()
        .enumerate()
    {
        doc.push_str(&format!(
            "[[examples]]\nname = \"n{i}\"\nplatform = \"linkedin\"\ndirection = \"outgoing\"\n\
             decision = \"{decision}\"\n"
        ));
    }
    let policy = toml_policy(&doc);
    let failures = policy.check_examples();
    let positions: Vec<usize> = failures.iter().map(|f| f.position()).collect();
    assert_eq!(positions, [2, 4]);
    let json = serde_json::to_value(&failures[0]).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "position": 2,
            "name": "n1",
            "platform": "linkedin",
            "direction": "outgoing",
            "job-seeking": null,
            "contact": serde_json::to_value(Contact::default()).unwrap(),
            "expected-decision": "decline",
            "expected-rule": null,
            "expected-rule-exists": true,
            "decision": "meet-first",
            "rule": "linkedin.not-met",
            "explanation": failures[0].explanation(),
        })
    );
}

#[test]
fn an_example_may_set_its_own_job_seeking_and_nothing_else_changes() {
    let recruiter = |job_seeking: bool, decision: &str, rule: &str| {
        format!(
            "[[examples]]\nplatform = \"linkedin\"\ndirection = \"incoming\"\n\
             job-seeking = {job_seeking}\ndecision = \"{decision}\"\nrule = \"{rule}\"\n\
             contact = {{ recruiter = true }}\n"
        )
    };
    let both = recruiter(true, "accept", "linkedin.recruiter-override")
        + &recruiter(false, "meet-first", "linkedin.not-met");
    for own in [false, true] {
        let policy = toml_policy(&format!("job-seeking = {own}\n{both}"));
        assert!(policy.check_examples().is_empty(), "job-seeking = {own}");
        assert_eq!(policy.settings().job_seeking(), own);
    }
    // Without its own, an example has the policy's.
    let policy = toml_policy(&format!(
        "job-seeking = true\n{}",
        recruiter(true, "accept", "linkedin.recruiter-override")
            .replace("job-seeking = true\n", "")
    ));
    assert_eq!(policy.examples()[0].job_seeking(), None);
    assert!(policy.check_examples().is_empty());
    let mut policy = policy;
    policy.set_job_seeking(false);
    assert_eq!(policy.check_examples().len(), 1);
}

#[test]
fn the_philosophy_file_holds_examples_and_every_one_holds() {
    let policy = toml_policy(DEFAULT_TOML);
    assert!(policy.examples().len() >= 10);
    let failures = policy.check_examples();
    assert!(failures.is_empty(), "{failures:#?}");
    // They cover every platform, both directions and job seeking.
    for platform in [Platform::LinkedIn, Platform::Twitter, Platform::Facebook] {
        assert!(policy.examples().iter().any(|e| e.platform() == &platform));
    }
    assert!(
        policy
            .examples()
            .iter()
            .any(|e| e.job_seeking() == Some(true))
    );
    // And they say the same of the built-in rules, with their ids.
    let mut builder = Policy::builder();
    for example in policy.examples() {
        let rule = example.rule_id().unwrap().trim_start_matches("my.");
        builder = builder.example(example.clone().with_rule(rule));
    }
    let builtin = builder.build().unwrap();
    assert!(builtin.check_examples().is_empty());
}

#[test]
fn examples_never_change_a_decision() {
    // The same file, cut before its first example.
    let cut = DEFAULT_TOML.find("[[examples]]").unwrap();
    let plain = toml_policy(&DEFAULT_TOML[..cut]);
    assert!(plain.examples().is_empty());
    let with = toml_policy(DEFAULT_TOML);
    // Examples that all fail, too.
    let failing = Policy::builder()
        .example(Example::new(
            Contact::new("A"),
            Platform::LinkedIn,
            Direction::Incoming,
            Decision::Accept,
        ))
        .build()
        .unwrap();
    assert_eq!(failing.check_examples().len(), 1);
    let default = Policy::default();
    for contact in finite::contacts() {
        for platform in [Platform::LinkedIn, Platform::Twitter, Platform::Facebook] {
            for direction in Direction::ALL {
                let a = plain.evaluate(&contact, &platform, direction);
                let b = with.evaluate(&contact, &platform, direction);
                assert_eq!((a.decision(), a.rule_id()), (b.decision(), b.rule_id()));
                let c = failing.evaluate(&contact, &platform, direction);
                let d = default.evaluate(&contact, &platform, direction);
                assert_eq!((c.decision(), c.rule_id()), (d.decision(), d.rule_id()));
            }
        }
    }
}

#[test]
fn examples_survive_a_round_trip_through_toml_and_json_and_the_builder() {
    let policy = toml_policy(DEFAULT_TOML);
    let toml_text = toml::to_string(&policy).unwrap();
    let again: Policy = toml::from_str(&toml_text).unwrap();
    assert_eq!(again.examples(), policy.examples());
    let json = serde_json::to_string(&policy).unwrap();
    let again: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(again.examples(), policy.examples());
    let rebuilt = policy.clone().into_builder().build().unwrap();
    assert_eq!(rebuilt.examples(), policy.examples());
}

#[test]
fn an_example_on_a_user_named_platform_is_written_with_the_platform_declared() {
    let mastodon = "mastodon".parse::<Platform>().unwrap();
    let policy = Policy::builder()
        .example(Example::new(
            Contact::default(),
            mastodon.clone(),
            Direction::Outgoing,
            Decision::Decline,
        ))
        .build()
        .unwrap();
    assert!(policy.check_examples().is_empty());
    let json = serde_json::to_string(&policy).unwrap();
    let again: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(again.platforms(), [mastodon]);
    assert_eq!(again.examples(), policy.examples());
}

// ---- Mistakes --------------------------------------------------------------

#[test]
fn an_unknown_field_names_the_example_and_the_line() {
    let doc = STRANGER.replace("direction =", "drection =");
    let (error, message) = toml_error(&doc);
    assert_eq!(error.location(), &Location::Example(1));
    assert_eq!(error.field(), "drection");
    let PolicyErrorKind::UnknownField {
        key,
        expected,
        suggestion,
    } = error.kind()
    else {
        panic!("{error:?}");
    };
    assert_eq!(key, "drection");
    assert_eq!(
        expected,
        &[
            "name",
            "platform",
            "direction",
            "job-seeking",
            "decision",
            "rule",
            "contact"
        ]
    );
    assert_eq!(suggestion, &Some("direction"));
    assert!(
        message.contains("example #1: unknown field `drection`, did you mean `direction`"),
        "{message}"
    );
    assert!(message.contains("line 5"), "{message}");
}

#[test]
fn a_mistake_in_the_contact_names_the_example_and_the_contact_field() {
    let doc = STRANGER.replace("mutual-connections", "mutual-conections");
    let (error, message) = toml_error(&doc);
    assert_eq!(error.location(), &Location::Example(1));
    assert_eq!(error.field(), "contact.mutual-conections");
    assert!(
        matches!(error.kind(), PolicyErrorKind::UnknownField { suggestion: Some(key), .. }
            if *key == "mutual-connections"),
        "{error:?}"
    );
    assert!(
        message.contains(
            "example #1: unknown field `contact.mutual-conections`, did you mean \
             `mutual-connections`"
        ),
        "{message}"
    );
    let doc = STRANGER.replace("name = \"Bob\"", "acquaintance = \"nevr\"");
    let (error, message) = toml_error(&doc);
    assert_eq!(error.field(), "contact.acquaintance");
    assert!(matches!(error.kind(), PolicyErrorKind::UnknownName(_)));
    assert!(
        message.contains("example #1: field `contact.acquaintance`: unknown acquaintance `nevr`"),
        "{message}"
    );
    let doc = STRANGER.replace("mutual-connections = 250", "mutual-connections = -1");
    let (error, message) = toml_error(&doc);
    assert_eq!(error.field(), "contact.mutual-connections");
    assert!(matches!(error.kind(), PolicyErrorKind::InvalidValue { .. }));
    assert!(!error.to_string().contains('\n'), "{message}");
    // In JSON, the typed error's message holds no position; the format's does.
    let json = r#"{ "examples": [{ "platform": "linkedin", "direction": "incoming",
        "decision": "decline", "contact": { "name": "Bob", "recuiter": true } }] }"#;
    let err = Policy::from_deserializer(&mut serde_json::Deserializer::from_str(json)).unwrap_err();
    let error = err.policy_error().unwrap();
    assert_eq!(error.field(), "contact.recuiter");
    assert!(!error.to_string().contains("line"), "{error}");
    assert_eq!(err.format_error().line(), 2);
    // A contact given twice in one example, or a field twice in a contact.
    let json = json.replace(r#""recuiter": true"#, r#""star": true, "star": false"#);
    let err = serde_json::from_str::<Policy>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("example #1: field `contact.star` is given more than once"),
        "{err}"
    );
}

#[test]
fn a_bad_name_or_value_names_the_example_and_the_field() {
    let cases = [
        (
            r#"platform = "linkedin""#,
            r#"platform = "linkdin""#,
            "platform",
        ),
        (
            r#"direction = "incoming""#,
            r#"direction = "inbound""#,
            "direction",
        ),
        (
            r#"decision = "meet-first""#,
            r#"decision = "meet""#,
            "decision",
        ),
        (
            r#"name = "a stranger is asked to meet first""#,
            "name = 3",
            "name",
        ),
    ];
    for (from, to, field) in cases {
        let (error, message) = toml_error(&STRANGER.replace(from, to));
        assert_eq!(error.location(), &Location::Example(1), "{message}");
        assert_eq!(error.field(), field, "{message}");
        assert!(
            message.starts_with(&format!("example #1: field `{field}`"))
                || message.contains(&format!("example #1: field `{field}`")),
            "{message}"
        );
    }
}

#[test]
fn a_missing_field_is_named() {
    for field in ["platform", "direction", "decision"] {
        let doc: String = STRANGER
            .lines()
            .filter(|l| !l.starts_with(&format!("{field} =")))
            .map(|l| format!("{l}\n"))
            .collect();
        let (error, _) = toml_error(&doc);
        assert_eq!(error.location(), &Location::Example(1));
        assert_eq!(error.field(), field);
        assert_eq!(error.kind(), &PolicyErrorKind::MissingField);
    }
    // The contact may be left out: a stranger of whom nothing is known.
    let doc: String = STRANGER
        .lines()
        .filter(|l| !l.starts_with("contact ="))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(
        toml_policy(&doc).examples()[0].contact(),
        &Contact::default()
    );
}

#[test]
fn an_expected_rule_the_policy_does_not_have_is_a_failure_that_says_so() {
    for id in ["linkedin.not-mett", "no-such-rule"] {
        let policy = toml_policy(&STRANGER.replace("\"linkedin.not-met\"", &format!("\"{id}\"")));
        let failures = policy.check_examples();
        assert_eq!(failures.len(), 1);
        assert!(!failures[0].expected_rule_exists());
        assert!(
            failures[0].to_string().contains(&format!(
                "expected meet-first by `{id}` (the policy has no rule with this id that can \
                 decide), got meet-first by `linkedin.not-met`"
            )),
            "{}",
            failures[0]
        );
    }
    // A built-in rule switched off can never decide.
    let doc = format!("disable = [\"linkedin.not-met\"]\nfallback = \"meet-first\"\n{STRANGER}");
    let failures = toml_policy(&doc).check_examples().len();
    assert_eq!(failures, 1);
    assert!(!toml_policy(&doc).check_examples()[0].expected_rule_exists());
    // An existing rule that does not decide: the rule exists.
    let doc = STRANGER.replace("\"linkedin.not-met\"", "\"linkedin.cannot-vouch\"");
    let policy = toml_policy(&doc);
    assert!(policy.check_examples()[0].expected_rule_exists());
    // A user rule's id is known, wherever the rules are in the document.
    let rule = "[[rules]]\nid = \"strangers\"\nwhen = { acquaintance = \"never\" }\ndecision = \"meet-first\"\nreason = \"r\"\n";
    let doc = STRANGER.replace("\"linkedin.not-met\"", "\"strangers\"");
    assert!(
        toml_policy(&format!("{doc}\n{rule}"))
            .check_examples()
            .is_empty()
    );
    assert!(
        toml_policy(&format!("{rule}\n{doc}"))
            .check_examples()
            .is_empty()
    );
}

#[test]
fn a_file_may_expect_a_rule_that_rust_adds_later() {
    let doc = STRANGER
        .replace("\"linkedin.not-met\"", "\"everyone\"")
        .replace("meet-first", "accept");
    let policy = toml_policy(&doc);
    assert_eq!(policy.check_examples().len(), 1);
    let policy = policy
        .into_builder()
        .rule(rule_fn("everyone", |_| Some(Decision::Accept)))
        .build()
        .unwrap();
    assert!(policy.check_examples().is_empty());
}

#[test]
fn an_example_on_an_undeclared_platform_is_an_error() {
    let doc = STRANGER
        .replace("\"linkedin\"", "\"mastodon\"")
        .replace("rule = \"linkedin.not-met\"\n", "");
    // Platforms declared before the examples: the error points at the line.
    let (error, message) = toml_error(&format!("platforms = [\"github\"]{doc}"));
    assert_eq!(error.location(), &Location::Example(1));
    assert_eq!(error.field(), "platform");
    assert_eq!(
        error.kind(),
        &PolicyErrorKind::UndeclaredPlatform {
            name: "mastodon".into(),
            suggestion: None,
        }
    );
    assert!(message.contains("line 4"), "{message}");
    // Declared, after the examples in JSON: checked once the document is read.
    let json = r#"{ "examples": [{ "platform": "mastodon", "direction": "incoming", "decision": "decline" }],
                   "platforms": ["mastodon"] }"#;
    let policy: Policy = serde_json::from_str(json).unwrap();
    assert!(policy.check_examples().is_empty());
    let json = json.replace(r#""platforms": ["mastodon"]"#, r#""platforms": ["github"]"#);
    let err = serde_json::from_str::<Policy>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("example #1: field `platform`: unknown platform `mastodon`"),
        "{err}"
    );
}

#[test]
fn a_key_given_twice_in_an_example_is_an_error() {
    let json = r#"{ "examples": [{ "platform": "linkedin", "direction": "incoming",
                    "decision": "decline", "decision": "accept" }] }"#;
    let err = serde_json::from_str::<Policy>(json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("example #1: field `decision` is given more than once"),
        "{err}"
    );
}

#[test]
fn too_many_examples_or_too_long_a_name_is_refused_at_once() {
    let one =
        "{ \"platform\": \"linkedin\", \"direction\": \"incoming\", \"decision\": \"decline\" }";
    let list = vec![one; Policy::MAX_EXAMPLES + 1].join(",");
    let err = serde_json::from_str::<Policy>(&format!("{{ \"examples\": [{list}] }}"))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!(
            "policy: field `examples`: more than {} examples",
            Policy::MAX_EXAMPLES
        )),
        "{err}"
    );
    let list = vec![one; Policy::MAX_EXAMPLES].join(",");
    let policy: Policy = serde_json::from_str(&format!("{{ \"examples\": [{list}] }}")).unwrap();
    assert_eq!(policy.check_examples().len(), Policy::MAX_EXAMPLES);
    let mut builder = Policy::builder();
    for example in policy.examples().iter().chain(policy.examples().first()) {
        builder = builder.example(example.clone());
    }
    assert_eq!(
        builder.build().unwrap_err().kind(),
        &PolicyErrorKind::TooManyExamples {
            limit: Policy::MAX_EXAMPLES
        }
    );
    // A name too long is refused where it is read.
    let long = "x".repeat(Policy::MAX_REASON_LEN + 1);
    let (error, message) =
        toml_error(&STRANGER.replace("a stranger is asked to meet first", &long));
    assert_eq!(error.field(), "name");
    assert!(message.contains("line 3"), "{message}");

    let long = "x".repeat(Policy::MAX_REASON_LEN + 1);
    let err = Policy::builder()
        .example(
            Example::new(
                Contact::default(),
                Platform::LinkedIn,
                Direction::Incoming,
                Decision::Decline,
            )
            .named(long),
        )
        .build()
        .unwrap_err();
    assert_eq!(err.location(), &Location::Example(1));
    assert_eq!(err.field(), "name");
    assert_eq!(
        err.kind(),
        &PolicyErrorKind::TooLong {
            limit: Policy::MAX_REASON_LEN
        }
    );
}

#[test]
fn examples_built_in_code_are_checked_with_the_policy() {
    let policy = Policy::builder()
        .disable("twitter.no-purpose")
        .example(
            Example::new(
                Contact::default(),
                Platform::Twitter,
                Direction::Incoming,
                Decision::Decline,
            )
            .with_rule("twitter.no-purpose"),
        )
        .build()
        .unwrap();
    let failures = policy.check_examples();
    assert_eq!(failures.len(), 1);
    assert!(!failures[0].expected_rule_exists());
    assert_eq!(failures[0].rule_id(), "fallback");
    // A rule written in Rust has an id an example may expect.
    let policy = Policy::builder()
        .rule(rule_fn("everyone", |_| Some(Decision::Accept)))
        .example(
            Example::new(
                Contact::default(),
                Platform::Twitter,
                Direction::Incoming,
                Decision::Accept,
            )
            .with_rule("everyone"),
        )
        .build()
        .unwrap();
    assert!(policy.check_examples().is_empty());
}
