//! Serde round trips: contacts, policies and verdict records, in JSON and
//! TOML.

use crate::common::{blocklist, rule_fn};
use acquaint::{
    Acquaintance, BuiltinRule, Condition, Contact, DataRule, Decision, Direction, Platform, Policy,
    Verdict, VerdictRecord, View,
};

fn grace() -> Contact {
    Contact::new("Grace Liu")
        .with_acquaintance(Acquaintance::WorkedRemotely)
        .with_my_view(View::Positive)
        .with_their_view(View::Unknown)
        .with_recruiter(false)
        .with_friend(true)
        .with_star(true)
        .with_profession("Staff Engineer")
        .with_passion("Sailing")
        .with_passion("animals")
        .with_tag("RustConf 2026")
        .with_tag("former-colleague")
        .with_facebook_friend(true)
        .with_mutual_connections(87)
        .with_message("Hi! Great working with you on the payments migration.")
}

// ---- Contacts --------------------------------------------------------------

#[test]
fn contact_round_trips_through_json() {
    let grace = grace();
    let json = serde_json::to_string_pretty(&grace).unwrap();
    let back: Contact = serde_json::from_str(&json).unwrap();
    assert_eq!(back, grace);
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), json);
    let stranger = Contact::new("Marcus Chen");
    let json = serde_json::to_string(&stranger).unwrap();
    assert_eq!(serde_json::from_str::<Contact>(&json).unwrap(), stranger);
    // Anything but a table says what a contact is.
    let err = serde_json::from_str::<Contact>(r#"["Marcus Chen"]"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected a contact table at line 1 column 1"
    );
}

#[test]
fn contact_round_trips_through_toml() {
    let grace = grace();
    let text = toml::to_string(&grace).unwrap();
    let back: Contact = toml::from_str(&text).unwrap();
    assert_eq!(back, grace);
    assert_eq!(toml::to_string(&back).unwrap(), text);
    let stranger = Contact::new("Marcus Chen");
    let text = toml::to_string(&stranger).unwrap();
    assert_eq!(toml::from_str::<Contact>(&text).unwrap(), stranger);
}

#[test]
fn contact_json_is_kebab_case_and_readable() {
    let grace = grace();
    let value = serde_json::to_value(&grace).unwrap();
    assert_eq!(
        value,
        serde_json::json!({
            "name": "Grace Liu",
            "acquaintance": "worked-remotely",
            "my-view": "positive",
            "their-view": "unknown",
            "recruiter": false,
            "friend": true,
            "star": true,
            "profession": "staff engineer",
            "passions": ["sailing", "animals"],
            "tags": ["rustconf 2026", "former-colleague"],
            "facebook-friend": true,
            "mutual-connections": 87,
            "message": "Hi! Great working with you on the payments migration."
        })
    );
}

/// A person writes only what they know; strings are folded as in code.
#[test]
fn contact_from_hand_written_toml() {
    let text = r#"
        name = "Jordan Blake"
        recruiter = true
        profession = "  Technical Recruiter "
        passions = ["Hiking", "hiking", " "]
    "#;
    let jordan: Contact = toml::from_str(text).unwrap();
    assert_eq!(
        jordan,
        Contact::new("Jordan Blake")
            .with_recruiter(true)
            .with_profession("technical recruiter")
            .with_passion("hiking")
    );
    assert_eq!(jordan.acquaintance(), Acquaintance::Never);
    assert_eq!(jordan.my_view(), View::Unknown);
}

// ---- Policies --------------------------------------------------------------

const POLICY_TOML: &str = r#"
job-seeking = true
profession = "Software Engineer"
interesting-professions = ["Veterinarian", "marine biologist"]
passions = ["Animals", "sailing"]
platforms = ["mastodon", "GitHub"]
disable = ["linkedin.recruiter-override", "facebook.not-a-friend"]
fallback = "meet-first"

[[rules]]
id = "no-cold-recruiters"
platforms = ["linkedin"]
when = { all = [{ recruiter = true }, { not = { spoke-with = true } }] }
decision = "decline"
reason = "A recruiter I have never spoken to"

[[rules]]
id = "fediverse-friends"
platforms = ["mastodon", "twitter"]
when = { any = [{ friend = true }, { tag = "Fediverse" }, { all = [{ shares-passion = true }, { mutual-connections-at-least = 5 }] }] }
decision = "accept"
reason = "Friends and the fediverse crowd"

[[rules]]
id = "github-collaborators"
when = { platform = "github", worked-together = true, my-view = "positive", direction = "outgoing" }
decision = "accept"
reason = "Follow the code of people I worked with"

[[rules]]
id = "vets-i-met"
when = { not = { any = [{ not = { profession = "Veterinarian" } }, { acquaintance = "never" }, { their-view = "negative" }] } }
decision = "accept"
reason = ""

[[rules]]
id = "quiet-on-mastodon"
platforms = ["mastodon"]
decision = "meet-first"
reason = "Say hello before following"

[[rules]]
id = "job-hunt-stars"
when = { job-seeking = true, star = true, shares-profession = true, interesting-profession = false, facebook-friend = false, met-in-person = false, passion = "chess" }
decision = "accept"
reason = "Stars of my own field while I look for a job"
"#;

/// Asserts that two policies are the same where it can be seen from
/// outside.
#[track_caller]
fn assert_same_policy(a: &Policy, b: &Policy) {
    assert_eq!(a.settings(), b.settings());
    assert_eq!(a.platforms(), b.platforms());
    assert_eq!(a.fallback(), b.fallback());
    assert_eq!(
        a.data_rules().collect::<Vec<_>>(),
        b.data_rules().collect::<Vec<_>>()
    );
    assert_eq!(
        a.rule_ids().collect::<Vec<_>>(),
        b.rule_ids().collect::<Vec<_>>()
    );
    for rule in BuiltinRule::ALL {
        assert_eq!(a.is_enabled(rule), b.is_enabled(rule), "{rule}");
    }
}

#[test]
fn policy_round_trips_through_toml() {
    let loaded: Policy = toml::from_str(POLICY_TOML).unwrap();
    assert_eq!(loaded.data_rules().count(), 6);
    let text = toml::to_string(&loaded).unwrap();
    let again: Policy = toml::from_str(&text).unwrap();
    assert_eq!(toml::to_string(&again).unwrap(), text);
    assert_same_policy(&loaded, &again);
}

#[test]
fn policy_round_trips_through_json() {
    let loaded: Policy = toml::from_str(POLICY_TOML).unwrap();
    let json = serde_json::to_string_pretty(&loaded).unwrap();
    let again: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string_pretty(&again).unwrap(), json);
    assert_same_policy(&loaded, &again);
}

#[test]
fn policy_document_holds_what_was_written() {
    let policy: Policy = toml::from_str(POLICY_TOML).unwrap();
    let s = policy.settings();
    assert!(s.job_seeking());
    assert_eq!(s.profession(), Some("software engineer"));
    assert_eq!(
        s.interesting_professions().collect::<Vec<_>>(),
        ["veterinarian", "marine biologist"]
    );
    assert_eq!(s.passions().collect::<Vec<_>>(), ["animals", "sailing"]);
    assert_eq!(
        policy.platforms(),
        [
            Platform::named("mastodon").unwrap(),
            Platform::named("github").unwrap()
        ]
    );
    assert!(!policy.is_enabled(BuiltinRule::LinkedInRecruiterOverride));
    assert!(!policy.is_enabled(BuiltinRule::FacebookNotAFriend));
    assert!(policy.is_enabled(BuiltinRule::LinkedInNotMet));
    assert_eq!(policy.fallback(), Decision::MeetFirst);

    let rule = policy.data_rules().next().unwrap();
    assert_eq!(rule.id(), "no-cold-recruiters");
    assert_eq!(rule.platforms(), Some(&[Platform::LinkedIn][..]));
    assert_eq!(
        rule.condition(),
        Some(&Condition::All(vec![
            Condition::Recruiter(true),
            Condition::Not(Box::new(Condition::SpokeWith(true))),
        ]))
    );
    assert_eq!(rule.decision(), Decision::Decline);
    assert_eq!(rule.reason(), "A recruiter I have never spoken to");
    // Strings in conditions are folded when the policy loads.
    let vets = policy.data_rules().nth(3).unwrap();
    assert_eq!(
        vets.condition(),
        Some(&Condition::Not(Box::new(Condition::Any(vec![
            Condition::Not(Box::new(Condition::Profession("veterinarian".into()))),
            Condition::Acquaintance(Acquaintance::Never),
            Condition::TheirView(View::Negative),
        ]))))
    );

    // The loaded policy decides as written.
    let jordan = Contact::new("Jordan Blake").with_recruiter(true);
    let verdict = policy.evaluate(&jordan, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "no-cold-recruiters");
    let eve = Contact::new("Eve Laurent").with_tag("fediverse");
    let mastodon = Platform::named("mastodon").unwrap();
    assert_eq!(
        policy
            .evaluate(&eve, &mastodon, Direction::Outgoing)
            .rule_id(),
        "fediverse-friends"
    );
    let bluesky = Platform::named("bluesky").unwrap();
    let verdict = policy.evaluate(&eve, &bluesky, Direction::Outgoing);
    assert_eq!(
        (verdict.decision(), verdict.rule_id()),
        (Decision::MeetFirst, "fallback")
    );
}

/// The same policy, loaded from TOML and from its JSON form, serializes to
/// the same text in either format.
#[test]
fn policy_survives_a_change_of_format() {
    let from_toml: Policy = toml::from_str(POLICY_TOML).unwrap();
    let json = serde_json::to_string(&from_toml).unwrap();
    let from_json: Policy = serde_json::from_str(&json).unwrap();
    assert_same_policy(&from_toml, &from_json);
    assert_eq!(
        toml::to_string(&from_json).unwrap(),
        toml::to_string(&from_toml).unwrap()
    );
}

#[test]
fn default_policy_round_trips() {
    let policy = Policy::default();
    let json = serde_json::to_string(&policy).unwrap();
    assert_eq!(json, r#"{"job-seeking":false,"fallback":"decline"}"#);
    let again: Policy = serde_json::from_str(&json).unwrap();
    assert_same_policy(&policy, &again);
    let text = toml::to_string(&policy).unwrap();
    let again: Policy = toml::from_str(&text).unwrap();
    assert_same_policy(&policy, &again);
    // An empty document is the default policy too.
    assert_same_policy(&policy, &toml::from_str::<Policy>("").unwrap());
    assert_same_policy(&policy, &serde_json::from_str::<Policy>("{}").unwrap());
}

/// A policy built in code may use a user-named platform it never declared;
/// its document declares it, so that it loads again.
#[test]
fn code_built_policy_with_an_undeclared_platform_round_trips() {
    let github = Platform::named("github").unwrap();
    let codeberg = Platform::named("codeberg").unwrap();
    let policy = Policy::builder()
        .profession("software engineer")
        .data_rule(
            DataRule::new(
                "collaborators",
                Condition::WorkedTogether(true),
                Decision::Accept,
                "We have worked together",
            )
            .on(github.clone()),
        )
        .data_rule(DataRule::new(
            "codeberg-friends",
            Condition::All(vec![
                Condition::Platform(codeberg.clone()),
                Condition::Friend(true),
            ]),
            Decision::Accept,
            "Friends on Codeberg",
        ))
        .disable("twitter.no-purpose")
        .build()
        .unwrap();
    assert!(policy.platforms().is_empty());

    for (text, again) in [
        {
            let t = toml::to_string(&policy).unwrap();
            let p: Policy = toml::from_str(&t).unwrap();
            (t, toml::to_string(&p).unwrap())
        },
        {
            let t = serde_json::to_string(&policy).unwrap();
            let p: Policy = serde_json::from_str(&t).unwrap();
            (t, serde_json::to_string(&p).unwrap())
        },
    ] {
        assert_eq!(again, text);
    }
    let text = toml::to_string(&policy).unwrap();
    let loaded: Policy = toml::from_str(&text).unwrap();
    assert_eq!(loaded.platforms(), [github, codeberg]);
    assert_eq!(loaded.settings(), policy.settings());
    assert_eq!(
        loaded.data_rules().collect::<Vec<_>>(),
        policy.data_rules().collect::<Vec<_>>()
    );
    assert!(!loaded.is_enabled(BuiltinRule::TwitterNoPurpose));
}

/// The document of a policy built in code declares each user-named platform
/// its rules use once, in the order first used, and never a built-in
/// platform: those need no declaring.
#[test]
fn a_code_built_policy_declares_each_user_named_platform_once() {
    let github = Platform::named("github").unwrap();
    let codeberg = Platform::named("codeberg").unwrap();
    let on = |id: &str, platform: &Platform, when: Condition| {
        DataRule::new(id, when, Decision::Accept, "").on(platform.clone())
    };
    let policy = Policy::builder()
        .data_rule(on("a", &github, Condition::Star(true)))
        .data_rule(on("b", &Platform::Twitter, Condition::Star(true)))
        .data_rule(on(
            "c",
            &github,
            Condition::Any(vec![
                Condition::Platform(Platform::LinkedIn),
                Condition::Not(Box::new(Condition::Platform(codeberg.clone()))),
                Condition::Platform(codeberg.clone()),
                Condition::Platform(github.clone()),
            ]),
        ))
        .build()
        .unwrap();
    let value = serde_json::to_value(&policy).unwrap();
    assert_eq!(
        value["platforms"],
        serde_json::json!(["github", "codeberg"])
    );
}

#[test]
fn serializing_a_policy_with_a_rust_rule_is_an_error_naming_the_rule() {
    let policy = Policy::builder()
        .data_rule(DataRule::always("first", Decision::Accept, "always"))
        .rule(blocklist())
        .build()
        .unwrap();
    let expected = "rule `blocklist`: rules written in Rust cannot be serialized";
    assert_eq!(
        serde_json::to_string(&policy).unwrap_err().to_string(),
        expected
    );
    assert_eq!(toml::to_string(&policy).unwrap_err().to_string(), expected);
}

// ---- Verdicts --------------------------------------------------------------

fn records() -> Vec<VerdictRecord> {
    let policy = Policy::default();
    let marcus = Contact::new("Marcus Chen");
    let grace = grace();
    vec![
        policy
            .evaluate(&marcus, &Platform::LinkedIn, Direction::Incoming)
            .to_record(),
        policy
            .evaluate(&grace, &Platform::Facebook, Direction::Outgoing)
            .to_record(),
        policy
            .evaluate(&grace, &Platform::Twitter, Direction::Outgoing)
            .to_record(),
    ]
}

#[test]
fn verdict_record_round_trips() {
    let records = records();
    assert!(records[0].reply.is_some());
    assert!(records[1].reply.is_none());
    for record in &records {
        let json = serde_json::to_string(record).unwrap();
        assert_eq!(
            &serde_json::from_str::<VerdictRecord>(&json).unwrap(),
            record
        );
        let text = toml::to_string(record).unwrap();
        assert_eq!(&toml::from_str::<VerdictRecord>(&text).unwrap(), record);
    }
}

#[test]
fn verdict_serializes_as_its_record() {
    let policy = Policy::default();
    let marcus = Contact::new("Marcus Chen");
    let verdict: Verdict<'_> = policy.evaluate(&marcus, &Platform::LinkedIn, Direction::Incoming);
    let value = serde_json::to_value(verdict).unwrap();
    assert_eq!(value, serde_json::to_value(verdict.to_record()).unwrap());
    assert_eq!(value["decision"], "meet-first");
    assert_eq!(value["rule"], "linkedin.not-met");
    assert!(value["reply"].as_str().unwrap().starts_with("Hi Marcus,"));
    // No reply key when there is no reply.
    let maya = Contact::new("Maya Goldberg").with_friend(true);
    let verdict = policy.evaluate(&maya, &Platform::Facebook, Direction::Incoming);
    assert_eq!(
        serde_json::to_string(&verdict).unwrap(),
        r#"{"decision":"accept","rule":"facebook.friend","explanation":"Facebook is for friends: they are a personal friend, so accept"}"#
    );
}

#[test]
fn names_round_trip_as_kebab_case() {
    for d in Decision::ALL {
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(json, format!("\"{d}\""));
        assert_eq!(serde_json::from_str::<Decision>(&json).unwrap(), d);
    }
    assert_eq!(
        serde_json::to_string(&Decision::MeetFirst).unwrap(),
        "\"meet-first\""
    );
    for p in [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        Platform::named("mastodon").unwrap(),
    ] {
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Platform>(&json).unwrap(), p);
    }
    assert_eq!(
        serde_json::from_str::<Platform>("\"X\"").unwrap(),
        Platform::Twitter
    );
}

/// `has-message` loads from a policy file and is written back the same way.
#[test]
fn has_message_loads_and_round_trips() {
    let text = "[[rules]]\nid = \"no-note\"\nplatforms = [\"linkedin\"]\n\
                when = { has-message = false, spoke-with = false }\n\
                decision = \"decline\"\nreason = \"A stranger who wrote no note\"\n";
    let policy: Policy = toml::from_str(text).unwrap();
    let rule = policy.data_rules().next().unwrap();
    assert_eq!(
        rule.condition(),
        Some(&Condition::All(vec![
            Condition::HasMessage(false),
            Condition::SpokeWith(false)
        ]))
    );
    let written = toml::to_string(&policy).unwrap();
    assert!(written.contains("has-message = false"), "{written}");
    let again: Policy = toml::from_str(&written).unwrap();
    assert_eq!(toml::to_string(&again).unwrap(), written);

    let err =
        toml::from_str::<Policy>(&text.replace("has-message = false", "has-message = \"no\""))
            .unwrap_err();
    assert!(
        err.to_string().contains(
            "rule `no-note`: field `when.has-message`: invalid type: string \"no\", expected a boolean"
        ),
        "{err}"
    );
}

/// A mistake inside a rule whose id is known points at its own line; one
/// found before the id is read points at the rule, named by its id.
#[test]
fn mistakes_in_a_rule_point_at_their_line() {
    let doc = "[[rules]]\nid = \"x\"\ndecision = \"decline\"\nreason = \"r\"\n\
               when = { all = [{ star = true }, { recuiter = true }] }\n";
    let err = toml::from_str::<Policy>(doc).unwrap_err();
    assert_eq!(err.span().map(|s| line_of(doc, s.start)), Some(5), "{err}");
    assert!(
        err.message()
            .starts_with("rule `x`: unknown field `when.all[1].recuiter`")
    );

    let doc = "[[rules]]\nwhen = { recuiter = true }\nid = \"x\"\n\
               decision = \"decline\"\nreason = \"r\"\n";
    let err = toml::from_str::<Policy>(doc).unwrap_err();
    assert!(
        err.message()
            .starts_with("rule `x`: unknown field `when.recuiter`"),
        "{err}"
    );
}

fn line_of(doc: &str, offset: usize) -> usize {
    doc[..offset].matches('\n').count() + 1
}

/// The README's headline use: a policy from a file, extended with a rule in
/// Rust. `into_builder` keeps every setting, platform, rule, switched-off
/// built-in rule and the fallback.
#[test]
fn a_loaded_policy_takes_a_rust_rule_and_keeps_everything_else() {
    let text = r#"
        job-seeking = true
        profession = "Software Engineer"
        interesting-professions = ["designer"]
        passions = ["animals"]
        platforms = ["mastodon"]
        disable = ["facebook.not-a-friend"]
        fallback = "meet-first"

        [[rules]]
        id = "fediverse"
        platforms = ["mastodon"]
        when = { tag = "fediverse" }
        decision = "accept"
        reason = "Fediverse friends"
    "#;
    let loaded: Policy = toml::from_str(text).unwrap();
    let written = toml::to_string(&loaded).unwrap();
    let rebuilt = loaded.clone().into_builder().build().unwrap();
    assert_eq!(toml::to_string(&rebuilt).unwrap(), written);

    let extended = loaded
        .into_builder()
        .rule(rule_fn("colleagues", |r| {
            r.contact.has_tag("colleague").then_some(Decision::Accept)
        }))
        .build()
        .unwrap();
    assert_eq!(
        extended.rule_ids().collect::<Vec<_>>(),
        ["fediverse", "colleagues"]
    );
    assert_eq!(extended.settings(), rebuilt.settings());
    assert_eq!(extended.fallback(), Decision::MeetFirst);
    assert!(!extended.is_enabled(acquaint::BuiltinRule::FacebookNotAFriend));
    let mastodon: Platform = "mastodon".parse().unwrap();
    assert_eq!(extended.platforms(), std::slice::from_ref(&mastodon));
    let colleague = Contact::new("Kim").with_tag("colleague");
    let verdict = extended.evaluate(&colleague, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "colleagues");
    let fan = Contact::new("Eve").with_tag("Fediverse");
    assert_eq!(
        extended
            .evaluate(&fan, &mastodon, Direction::Incoming)
            .rule_id(),
        "fediverse"
    );
    // A clone decides the same, and its Debug names rules, not bits.
    let copy = extended.clone();
    assert_eq!(
        copy.evaluate(&colleague, &Platform::LinkedIn, Direction::Incoming)
            .rule_id(),
        "colleagues"
    );
    let debug = format!("{copy:?}");
    assert!(debug.contains("disabled: [FacebookNotAFriend]"), "{debug}");
    assert!(debug.contains("id: \"colleagues\""), "{debug}");
}

/// One rule for every name, in every place: read in any case, written in
/// lowercase kebab-case.
#[test]
fn names_are_read_in_any_case_and_written_in_lowercase() {
    let contact: Contact = serde_json::from_str(
        r#"{ "name": "Ada", "acquaintance": "Met-In-Person", "my-view": "Positive",
             "their-view": " POSITIVE " }"#,
    )
    .unwrap();
    assert_eq!(contact.acquaintance(), Acquaintance::MetInPerson);
    assert_eq!(contact.my_view(), View::Positive);
    let json = serde_json::to_string(&contact).unwrap();
    assert!(
        json.contains(r#""acquaintance":"met-in-person","my-view":"positive""#),
        "{json}"
    );

    let record: acquaint::VerdictRecord =
        serde_json::from_str(r#"{ "decision": "Accept", "rule": "x", "explanation": "" }"#)
            .unwrap();
    assert_eq!(record.decision, Decision::Accept);
    assert_eq!(
        serde_json::to_string(&Decision::MeetFirst).unwrap(),
        r#""meet-first""#
    );

    let direction: Direction = serde_json::from_str(r#""Incoming""#).unwrap();
    assert_eq!(direction, Direction::Incoming);
    let platform: Platform = serde_json::from_str(r#""LinkedIn""#).unwrap();
    assert_eq!(serde_json::to_string(&platform).unwrap(), r#""linkedin""#);

    let err = serde_json::from_str::<View>(r#""great""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("unknown view `great`, expected `positive`, `unknown` or `negative`"),
        "{err}"
    );
}

/// The README: YAML policies load with a maintained YAML crate, like any
/// other serde format.
#[test]
fn a_yaml_policy_loads() {
    let yaml = "\
job-seeking: true
platforms: [mastodon]
rules:
  - id: fediverse
    platforms: [mastodon]
    when: { any: [{ friend: true }, { tag: fediverse }] }
    decision: accept
    reason: Mastodon is for friends and the fediverse crowd
";
    let policy: Policy = serde_saphyr::from_str(yaml).unwrap();
    assert_eq!(policy.rule_ids().collect::<Vec<_>>(), ["fediverse"]);
    let err = serde_saphyr::from_str::<Policy>(&yaml.replace("accept", "maybe")).unwrap_err();
    assert!(
        err.to_string()
            .contains("rule `fediverse`: field `decision`: unknown decision `maybe`"),
        "{err}"
    );
}

/// The README's "Help from your editor": a document may name its JSON
/// Schema for the editor, in every format; loading ignores it, and a policy
/// does not write it back.
#[test]
fn a_schema_named_for_the_editor_is_ignored() {
    let toml_doc = "\
#:schema ./policy.schema.json
\"$schema\" = \"./policy.schema.json\"
job-seeking = true
";
    let json_doc = r#"{ "$schema": "./policy.schema.json", "job-seeking": true }"#;
    let yaml_doc = "\
# yaml-language-server: $schema=./policy.schema.json
$schema: ./policy.schema.json
job-seeking: true
";
    let plain = Policy::builder().job_seeking(true).build().unwrap();
    let policies: [Policy; 3] = [
        toml::from_str(toml_doc).unwrap(),
        serde_json::from_str(json_doc).unwrap(),
        serde_saphyr::from_str(yaml_doc).unwrap(),
    ];
    for policy in &policies {
        assert_same_policy(policy, &plain);
        let written = serde_json::to_value(policy).unwrap();
        assert!(written.get("$schema").is_none(), "{written}");
    }
}

/// `Policy::from_deserializer` gives back the typed error and the format's
/// own, with the line of the mistake.
#[test]
fn load_errors_are_typed_and_located() {
    let text = "job-seeking = true\n\n[[rules]]\nid = \"x\"\ndecision = \"accept\"\n\
                reason = \"\"\nwhen = { recruiter = \"yes\" }\n";
    let err = Policy::from_deserializer(toml::Deserializer::new(text)).unwrap_err();
    let policy_error = err.policy_error().unwrap();
    assert_eq!(policy_error.rule_id(), Some("x"));
    assert_eq!(policy_error.field(), "when.recruiter");
    assert!(matches!(
        policy_error.kind(),
        acquaint::PolicyErrorKind::InvalidValue { .. }
    ));
    let span = err.format_error().span().unwrap();
    assert_eq!(line_of(text, span.start), 7);

    let err = Policy::from_deserializer(toml::Deserializer::new("job-seeking = ")).unwrap_err();
    assert!(err.policy_error().is_none());
    assert!(matches!(err, acquaint::LoadError::Format(_)));

    let ok = Policy::from_deserializer(toml::Deserializer::new("job-seeking = true")).unwrap();
    assert!(ok.settings().job_seeking());
}

/// The README's "In a policy file": replies in your own words, for
/// invitations received and sent, checked as the document loads.
#[test]
fn reply_templates_load_render_and_round_trip() {
    let text = "[replies]\n\
                incoming = \"Hi {first-name}, thanks! I keep {platform} for people I have met: coffee first?\"\n\
                outgoing = \"Dear {name}, shall we meet before we connect? {{no pressure}}\"\n";
    let policy: Policy = toml::from_str(text).unwrap();
    let sam = Contact::new("Sam Stranger");
    let incoming = policy.evaluate(&sam, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(
        incoming.reply().as_deref(),
        Some("Hi Sam, thanks! I keep LinkedIn for people I have met: coffee first?")
    );
    let outgoing = policy.evaluate(&sam, &Platform::LinkedIn, Direction::Outgoing);
    assert_eq!(
        outgoing.reply().as_deref(),
        Some("Dear Sam Stranger, shall we meet before we connect? {no pressure}")
    );
    assert_eq!(
        policy.settings().reply_template(Direction::Incoming),
        Some("Hi {first-name}, thanks! I keep {platform} for people I have met: coffee first?")
    );
    // Written back the same, and kept by `into_builder`.
    let written = toml::to_string(&policy).unwrap();
    let again: Policy = toml::from_str(&written).unwrap();
    assert_eq!(again.settings(), policy.settings());
    let rebuilt = policy.clone().into_builder().build().unwrap();
    assert_eq!(rebuilt.settings(), policy.settings());
    // Without templates, acquaint's own reply.
    let plain = Policy::default();
    assert!(
        plain
            .evaluate(&sam, &Platform::LinkedIn, Direction::Incoming)
            .reply()
            .unwrap()
            .starts_with("Hi Sam, thank you for the invitation.")
    );
}

#[test]
fn bad_reply_templates_name_the_template_and_the_position() {
    let cases = [
        (
            "[replies]\nincoming = \"Hi {firstname}\"\n",
            "policy: field `replies.incoming`: unknown placeholder `{firstname}` at character 4, did you mean `{first-name}`",
            2,
        ),
        (
            "[replies]\noutgoing = \"Hi {first-name\"\n",
            "policy: field `replies.outgoing`: the `{` at character 4 is not closed (write `{{` \
             for a brace)",
            2,
        ),
        (
            "[replies]\nincomming = \"Hi\"\n",
            "policy: unknown field `replies.incomming`, did you mean `incoming`",
            2,
        ),
    ];
    for (doc, expected, line) in cases {
        let err = toml::from_str::<Policy>(doc).unwrap_err();
        assert_eq!(err.message(), expected, "{doc}");
        let span = err.span().unwrap();
        assert_eq!(line_of(doc, span.start), line, "{doc}");
    }
    let err = Policy::builder()
        .reply(Direction::Incoming, "{")
        .build()
        .unwrap_err();
    assert_eq!(
        err.kind(),
        &acquaint::PolicyErrorKind::UnclosedBrace { position: 1 }
    );
}

/// A `LoadError` reads as the format's message, and its `source` is the
/// policy error when the document was read, the format's error otherwise
/// (the rustdoc of `LoadError`). A mistake raised by an earlier plain
/// serde load on the same thread is not handed back by a later one.
#[test]
fn load_errors_read_as_the_format_and_chain_their_source() {
    use std::error::Error as _;

    let bad_value = "[[rules]]\nid = \"x\"\ndecision = \"maybe\"\nreason = \"\"\n";
    let err = Policy::from_deserializer(toml::Deserializer::new(bad_value)).unwrap_err();
    assert_eq!(err.to_string(), err.format_error().to_string());
    assert!(
        err.to_string().contains("unknown decision `maybe`"),
        "{err}"
    );
    let source = err.source().unwrap();
    assert_eq!(
        source.downcast_ref::<acquaint::PolicyError>(),
        err.policy_error()
    );

    // The plain serde load raises the same mistake, then a document the
    // format cannot read is a format error, not that earlier mistake.
    assert!(toml::from_str::<Policy>(bad_value).is_err());
    let err = Policy::from_deserializer(toml::Deserializer::new("job-seeking = ")).unwrap_err();
    assert!(matches!(err, acquaint::LoadError::Format(_)), "{err:?}");
    assert_eq!(err.to_string(), err.format_error().to_string());
    let source = err.source().unwrap();
    assert!(source.downcast_ref::<toml::de::Error>().is_some());
}

/// An over-long profession or passion points at its own line, like any
/// other mistake in the policy's fields (README, "Limits").
#[test]
fn an_over_long_setting_points_at_its_line() {
    let long = "p".repeat(Policy::MAX_TEXT_LEN + 1);
    let fitting = format!("   {}   ", "P".repeat(Policy::MAX_TEXT_LEN));
    for (field, value, shown) in [
        ("profession", format!("\"{long}\""), "profession"),
        (
            "passions",
            format!("[\"animals\", \"{fitting}\", \"{long}\"]"),
            "passions[2]",
        ),
        (
            "interesting-professions",
            format!("[\"{long}\"]"),
            "interesting-professions[0]",
        ),
    ] {
        let doc = format!("job-seeking = true\n\n{field} = {value}\nfallback = \"decline\"\n");
        let err = toml::from_str::<Policy>(&doc).unwrap_err();
        assert_eq!(err.span().map(|s| line_of(&doc, s.start)), Some(3), "{err}");
        assert_eq!(
            err.message(),
            format!("policy: field `{shown}`: longer than 200 characters")
        );
    }
}
