//! Every mistake in a policy gets a clear error naming what is wrong and
//! where, as the README's "In a policy file" section promises (every
//! mistake names the rule and the field; the limits it lists) and the
//! rustdoc of `PolicyError` describes: one test per kind of mistake and per
//! `PolicyError` variant, each asserting the exact message a person reads.
//!
//! Documents are loaded with serde_json and with toml. serde_json ends its
//! messages with " at line N column M"; [`json_error`] strips that, and a
//! few tests assert the full text once.

use acquaint::{
    Acquaintance, Condition, DataRule, Decision, Direction, Location, NameKind, Platform, Policy,
    PolicyError, PolicyErrorKind, View,
};

// ---- Helpers -------------------------------------------------------------

/// The message of loading `doc` as JSON, without serde_json's position.
#[track_caller]
fn json_error(doc: &str) -> String {
    let message = match serde_json::from_str::<Policy>(doc) {
        Ok(_) => panic!("the JSON document should not load:\n{doc}"),
        Err(e) => e.to_string(),
    };
    strip_position(&message).to_owned()
}

/// Removes a trailing " at line N column M".
fn strip_position(message: &str) -> &str {
    let Some(i) = message.rfind(" at line ") else {
        return message;
    };
    let rest = &message[i + " at line ".len()..];
    let mut parts = rest.split(' ');
    let well_formed = matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(line), Some("column"), Some(column), None)
            if line.parse::<u32>().is_ok() && column.parse::<u32>().is_ok()
    );
    if well_formed { &message[..i] } else { message }
}

/// The message of loading `doc` as TOML (without the excerpt toml shows
/// around it).
#[track_caller]
fn toml_error(doc: &str) -> String {
    match toml::from_str::<Policy>(doc) {
        Ok(_) => panic!("the TOML document should not load:\n{doc}"),
        Err(e) => e.message().to_owned(),
    }
}

/// Asserts that both documents fail to load with `expected`.
#[track_caller]
fn assert_both(toml_doc: &str, json_doc: &str, expected: &str) {
    assert_eq!(toml_error(toml_doc), expected, "TOML:\n{toml_doc}");
    assert_eq!(json_error(json_doc), expected, "JSON:\n{json_doc}");
}

/// The error of building a policy in code.
#[track_caller]
fn build_error(builder: acquaint::PolicyBuilder) -> PolicyError {
    match builder.build() {
        Ok(_) => panic!("the policy should not build"),
        Err(e) => e,
    }
}

fn rule_at(id: &str) -> Location {
    Location::Rule(id.to_owned())
}

#[test]
fn strip_position_removes_only_a_position() {
    assert_eq!(strip_position("bad at line 3 column 14"), "bad");
    assert_eq!(strip_position("bad"), "bad");
    assert_eq!(
        strip_position("meet at line of sight"),
        "meet at line of sight"
    );
}

// ---- Unknown fields --------------------------------------------------------

#[test]
fn unknown_top_level_field() {
    assert_both(
        "job-seekin = true",
        r#"{ "job-seekin": true }"#,
        "policy: unknown field `job-seekin`, did you mean `job-seeking`",
    );
    // The full message serde_json gives, position included.
    assert_eq!(
        serde_json::from_str::<Policy>(r#"{"job-seekin": true}"#)
            .unwrap_err()
            .to_string(),
        "policy: unknown field `job-seekin`, did you mean `job-seeking` at line 1 column 13"
    );
}

/// `$schema` is for editors (README, "Help from your editor"): a string,
/// which loading ignores. (`unknown_top_level_field` shows it is not among
/// the fields offered for a typo.)
#[test]
fn schema_field_must_be_a_string() {
    assert_both(
        "\"$schema\" = 1",
        r#"{ "$schema": 1 }"#,
        "policy: field `$schema`: invalid type: integer `1`, expected a string",
    );
}

#[test]
fn unknown_field_in_a_rule() {
    assert_both(
        r#"
        [[rules]]
        id = "no-cold-recruiters"
        decision = "decline"
        reasn = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "id": "no-cold-recruiters", "decision": "decline",
                         "reasn": "A recruiter I have never spoken to" }] }"#,
        "rule `no-cold-recruiters`: unknown field `reasn`, did you mean `reason`",
    );
    // Named by its id even when the id comes after the typo.
    assert_both(
        r#"
        [[rules]]
        platfroms = ["linkedin"]
        id = "no-cold-recruiters"
        decision = "decline"
        reason = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "platfroms": ["linkedin"], "id": "no-cold-recruiters",
                         "decision": "decline", "reason": "A recruiter I have never spoken to" }] }"#,
        "rule `no-cold-recruiters`: unknown field `platfroms`, did you mean `platforms`",
    );
}

#[test]
fn unknown_field_deep_in_a_condition() {
    assert_both(
        r#"
        [[rules]]
        id = "no-cold-recruiters"
        when = { all = [{ recruiter = true }, { not = { any = [{ star = true }, { spoke-wiht = true }] } }] }
        decision = "decline"
        reason = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "id": "no-cold-recruiters",
            "when": { "all": [{ "recruiter": true },
                              { "not": { "any": [{ "star": true }, { "spoke-wiht": true }] } }] },
            "decision": "decline", "reason": "A recruiter I have never spoken to" }] }"#,
        "rule `no-cold-recruiters`: unknown field `when.all[1].not.any[1].spoke-wiht`, \
         did you mean `spoke-with`",
    );
}

/// A condition key is suggested when it is at most two edits from the
/// typo (the README's "did you mean"), and not at three: `xystar` is two
/// edits from `star`, `xyzstar` three, `stxar` one.
#[test]
fn a_condition_key_is_suggested_within_two_edits_only() {
    let doc = |key: &str| {
        format!(
            r#"{{ "rules": [{{ "id": "r", "when": {{ "{key}": true }}, "decision": "accept", "reason": "" }}] }}"#
        )
    };
    assert_eq!(
        json_error(&doc("xystar")),
        "rule `r`: unknown field `when.xystar`, did you mean `star`"
    );
    assert_eq!(
        json_error(&doc("xyzstar")),
        "rule `r`: unknown field `when.xyzstar`"
    );
    // One letter too many, inside the key: one edit.
    assert_eq!(
        json_error(&doc("stxar")),
        "rule `r`: unknown field `when.stxar`, did you mean `star`"
    );
}

// ---- Missing fields --------------------------------------------------------

#[test]
fn missing_field() {
    assert_both(
        r#"
        [[rules]]
        id = "vip"
        when = { tag = "vip" }
        reason = "VIPs first"
        "#,
        r#"{ "rules": [{ "id": "vip", "when": { "tag": "vip" }, "reason": "VIPs first" }] }"#,
        "rule `vip`: missing field `decision`",
    );
    assert_both(
        r#"
        [[rules]]
        id = "vip"
        decision = "accept"
        "#,
        r#"{ "rules": [{ "id": "vip", "decision": "accept" }] }"#,
        "rule `vip`: missing field `reason`",
    );
    // Without an id, the rule is named by its position.
    assert_both(
        r#"
        [[rules]]
        id = "vip"
        decision = "accept"
        reason = "VIPs first"

        [[rules]]
        decision = "decline"
        reason = "No spam"
        "#,
        r#"{ "rules": [{ "id": "vip", "decision": "accept", "reason": "VIPs first" },
                       { "decision": "decline", "reason": "No spam" }] }"#,
        "rule #2: missing field `id`",
    );
}

// ---- Unknown names ---------------------------------------------------------

#[test]
fn unknown_platform_name() {
    assert_both(
        r#"
        [[rules]]
        id = "colleagues"
        platforms = ["linked in"]
        decision = "accept"
        reason = "Colleagues"
        "#,
        r#"{ "rules": [{ "id": "colleagues", "platforms": ["linked in"],
                         "decision": "accept", "reason": "Colleagues" }] }"#,
        "rule `colleagues`: field `platforms[0]`: unknown platform `linked in`, did you mean `linkedin`",
    );
    assert_both(
        r#"platforms = ["mastodon", "blue sky"]"#,
        r#"{ "platforms": ["mastodon", "blue sky"] }"#,
        "policy: field `platforms[1]`: unknown platform `blue sky`, expected \
         `linkedin`, `twitter`, `x`, `facebook` or a name of ASCII letters, digits, `-`, `_` and \
         `.`",
    );
}

#[test]
fn undeclared_user_platform() {
    // A misspelt `linkedin` is a user-named platform nobody declared.
    assert_both(
        r#"
        [[rules]]
        id = "colleagues"
        platforms = ["linkdin"]
        decision = "accept"
        reason = "Colleagues"
        "#,
        r#"{ "rules": [{ "id": "colleagues", "platforms": ["linkdin"],
                         "decision": "accept", "reason": "Colleagues" }] }"#,
        "rule `colleagues`: field `platforms[0]`: unknown platform `linkdin`, did you mean `linkedin`? declare your own platforms in the policy's `platforms` list",
    );
    assert_both(
        r#"
        platforms = ["mastodon"]

        [[rules]]
        id = "code-friends"
        when = { any = [{ platform = "mastodon" }, { platform = "github" }] }
        decision = "accept"
        reason = "Friends from the code world"
        "#,
        r#"{ "platforms": ["mastodon"],
             "rules": [{ "id": "code-friends",
                         "when": { "any": [{ "platform": "mastodon" }, { "platform": "github" }] },
                         "decision": "accept", "reason": "Friends from the code world" }] }"#,
        "rule `code-friends`: field `when.any[1].platform`: unknown platform `github`, declare \
         your own platforms in the policy's `platforms` list",
    );
}

#[test]
fn unknown_decision_name() {
    assert_both(
        r#"
        [[rules]]
        id = "no-cold-recruiters"
        decision = "maybe"
        reason = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "id": "no-cold-recruiters", "decision": "maybe",
                         "reason": "A recruiter I have never spoken to" }] }"#,
        "rule `no-cold-recruiters`: field `decision`: unknown decision `maybe`, expected \
         `accept`, `decline` or `meet-first`",
    );
    assert_both(
        r#"fallback = "meet_first""#,
        r#"{ "fallback": "meet_first" }"#,
        "policy: field `fallback`: unknown decision `meet_first`, did you mean `meet-first`",
    );
}

#[test]
fn unknown_view_name() {
    assert_both(
        r#"
        [[rules]]
        id = "fans"
        when = { their-view = "glowing" }
        decision = "accept"
        reason = "They like my work"
        "#,
        r#"{ "rules": [{ "id": "fans", "when": { "their-view": "glowing" },
                         "decision": "accept", "reason": "They like my work" }] }"#,
        "rule `fans`: field `when.their-view`: unknown view `glowing`, expected `positive`, \
         `unknown` or `negative`",
    );
}

#[test]
fn unknown_direction_name() {
    assert_both(
        r#"
        [[rules]]
        id = "inbound-only"
        when = { direction = "inbound" }
        decision = "meet-first"
        reason = "Let them come to me"
        "#,
        r#"{ "rules": [{ "id": "inbound-only", "when": { "direction": "inbound" },
                         "decision": "meet-first", "reason": "Let them come to me" }] }"#,
        "rule `inbound-only`: field `when.direction`: unknown direction `inbound`, expected \
         `incoming` or `outgoing`",
    );
}

#[test]
fn unknown_acquaintance_name() {
    assert_both(
        r#"
        [[rules]]
        id = "met-once"
        when = { acquaintance = "met" }
        decision = "accept"
        reason = "We met"
        "#,
        r#"{ "rules": [{ "id": "met-once", "when": { "acquaintance": "met" },
                         "decision": "accept", "reason": "We met" }] }"#,
        "rule `met-once`: field `when.acquaintance`: unknown acquaintance `met`, expected \
         `never`, `spoken`, `met-in-person`, `worked-remotely` or `worked-in-person`",
    );
}

/// The names people type, parsed in code: the same messages.
#[test]
fn parse_errors_name_what_was_expected() {
    let cases = [
        (
            "linked in".parse::<Platform>().unwrap_err(),
            "unknown platform `linked in`, did you mean `linkedin`",
        ),
        (
            "l\u{0456}nkedin".parse::<Platform>().unwrap_err(),
            // A look-alike letter: the name it imitates is suggested.
            "unknown platform `l\u{0456}nkedin`, did you mean `linkedin`",
        ),
        (
            "maybe".parse::<Decision>().unwrap_err(),
            "unknown decision `maybe`, expected `accept`, `decline` or `meet-first`",
        ),
        (
            "great".parse::<View>().unwrap_err(),
            "unknown view `great`, expected `positive`, `unknown` or `negative`",
        ),
        (
            "inbound".parse::<Direction>().unwrap_err(),
            "unknown direction `inbound`, expected `incoming` or `outgoing`",
        ),
        (
            "met".parse::<Acquaintance>().unwrap_err(),
            "unknown acquaintance `met`, expected `never`, `spoken`, `met-in-person`, \
             `worked-remotely` or `worked-in-person`",
        ),
    ];
    for (error, expected) in cases {
        assert_eq!(error.to_string(), expected);
    }
    let error = "".parse::<Platform>().unwrap_err();
    assert_eq!((error.kind(), error.name()), (NameKind::Platform, ""));
    let error = "maybe".parse::<Decision>().unwrap_err();
    assert_eq!(error.expected(), "`accept`, `decline` or `meet-first`");
    // A long name is echoed cut to 80 characters.
    let long = "a b".repeat(100);
    let error = long.parse::<Platform>().unwrap_err();
    assert_eq!(error.name().chars().count(), 80);
}

// ---- Rule ids --------------------------------------------------------------

#[test]
fn duplicate_rule_id() {
    assert_both(
        r#"
        [[rules]]
        id = "vip"
        when = { tag = "vip" }
        decision = "accept"
        reason = "VIPs first"

        [[rules]]
        id = "vip"
        when = { star = true }
        decision = "accept"
        reason = "Stars are VIPs too"
        "#,
        r#"{ "rules": [
            { "id": "vip", "when": { "tag": "vip" }, "decision": "accept", "reason": "VIPs first" },
            { "id": "vip", "when": { "star": true }, "decision": "accept", "reason": "Stars are VIPs too" }
        ] }"#,
        "rule `vip`: field `id`: an earlier rule already has this id",
    );
    let error = build_error(
        Policy::builder()
            .data_rule(DataRule::new(
                "vip",
                Condition::Tag("vip".into()),
                Decision::Accept,
                "VIPs first",
            ))
            .data_rule(DataRule::always("vip", Decision::Decline, "no one else")),
    );
    assert_eq!(
        error.to_string(),
        "rule `vip`: field `id`: an earlier rule already has this id"
    );
    assert_eq!(
        error,
        PolicyError::new(rule_at("vip"), "id", PolicyErrorKind::DuplicateRuleId)
    );
    assert_eq!(error.location(), &rule_at("vip"));
}

#[test]
fn reserved_rule_id() {
    assert_both(
        r#"
        [[rules]]
        id = "linkedin.not-met"
        decision = "accept"
        reason = "I connect with everyone"
        "#,
        r#"{ "rules": [{ "id": "linkedin.not-met", "decision": "accept",
                         "reason": "I connect with everyone" }] }"#,
        "rule `linkedin.not-met`: field `id`: the id is reserved for a built-in rule",
    );
    for id in ["fallback", "twitter.no-purpose"] {
        let error =
            build_error(Policy::builder().data_rule(DataRule::always(id, Decision::Accept, "")));
        assert_eq!(
            error.to_string(),
            format!("rule `{id}`: field `id`: the id is reserved for a built-in rule")
        );
        assert_eq!(error.location(), &rule_at(id));
    }
}

#[test]
fn invalid_rule_id() {
    let expected = "rule `no cold recruiters`: field `id`: U+0020 is not allowed: a rule id is 1 to 64 ASCII letters, digits, `-`, `_` or `.`";
    assert_both(
        r#"
        [[rules]]
        id = "no cold recruiters"
        decision = "decline"
        reason = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "id": "no cold recruiters", "decision": "decline",
                         "reason": "A recruiter I have never spoken to" }] }"#,
        expected,
    );
    let blank = "rule #1: field `id`: a rule id is 1 to 64 ASCII letters, digits, `-`, `_` or `.`";
    assert_both(
        r#"
        [[rules]]
        id = ""
        decision = "decline"
        reason = "Blank"
        "#,
        r#"{ "rules": [{ "id": "", "decision": "decline", "reason": "Blank" }] }"#,
        blank,
    );
    let cases = [
        ("", None),
        ("tab\there", Some('\t')),
        ("line\nbreak", Some('\n')),
        ("no cold recruiters", Some(' ')),
        ("école", Some('é')),
        ("a/b", Some('/')),
    ];
    for (id, character) in cases {
        let error =
            build_error(Policy::builder().data_rule(DataRule::always(id, Decision::Accept, "")));
        assert_eq!(
            error.kind(),
            &PolicyErrorKind::InvalidRuleId { character },
            "{id:?}"
        );
        // Named by its id when that is plain ASCII: nothing in it can read
        // as something else.
        let plain = !id.is_empty() && id.chars().all(|c| c == ' ' || c.is_ascii_graphic());
        let at = if plain {
            Location::Rule(id.into())
        } else {
            Location::RuleAt(1)
        };
        assert_eq!(error.location(), &at, "{id:?}");
    }
}

/// The README's Limits: ids are ASCII letters, digits, `-`, `_` and `.`,
/// so that no id can pass for a built-in one: no look-alike letters, no
/// invisible or bidirectional characters, named by code point.
#[test]
fn rule_ids_cannot_impersonate_built_in_ones() {
    let cases = [
        (
            "linkedin.not-met\u{200B}",
            "rule #1: field `id`: U+200B is not allowed: a rule id is 1 to 64 ASCII letters, \
             digits, `-`, `_` or `.`",
        ),
        (
            "\u{2066}linkedin.not-met\u{2069}",
            "rule #1: field `id`: U+2066 is not allowed: a rule id is 1 to 64 ASCII letters, \
             digits, `-`, `_` or `.`",
        ),
        (
            "l\u{0456}nkedin.not-met",
            "rule #1: field `id`: `\u{0456}` (U+0456) is not allowed: a rule id is 1 to 64 ASCII \
             letters, digits, `-`, `_` or `.`",
        ),
        (
            "LinkedIn.Not-Met",
            "rule `LinkedIn.Not-Met`: field `id`: the id is reserved for a built-in rule",
        ),
        (
            "FALLBACK",
            "rule `FALLBACK`: field `id`: the id is reserved for a built-in rule",
        ),
        (
            "linkedin.my-own",
            "rule `linkedin.my-own`: field `id`: ids starting with `linkedin.` are reserved for \
             built-in rules",
        ),
        (
            "Twitter.fans",
            "rule `Twitter.fans`: field `id`: ids starting with `twitter.` are reserved for \
             built-in rules",
        ),
    ];
    for (id, expected) in cases {
        let error =
            build_error(Policy::builder().data_rule(DataRule::always(id, Decision::Accept, "")));
        assert_eq!(error.to_string(), expected, "{id:?}");
        let json = format!(
            r#"{{ "rules": [{{ "id": {}, "decision": "accept", "reason": "" }}] }}"#,
            serde_json::to_string(id).unwrap()
        );
        assert_eq!(json_error(&json), expected, "{id:?}");
    }
    // Ids that merely contain a platform's name are the user's own.
    for id in ["my-linkedin.rule", "linkedin-fans", "facebook"] {
        Policy::builder()
            .data_rule(DataRule::always(id, Decision::Accept, ""))
            .build()
            .unwrap();
    }
}

#[test]
fn over_long_rule_id() {
    let id = "r".repeat(Policy::MAX_ID_LEN + 1);
    let expected = format!(
        "rule `{id}`: field `id`: a rule id is 1 to 64 ASCII letters, digits, `-`, `_` or `.`"
    );
    assert_both(
        &format!("[[rules]]\nid = \"{id}\"\ndecision = \"accept\"\nreason = \"r\""),
        &format!(r#"{{ "rules": [{{ "id": "{id}", "decision": "accept", "reason": "r" }}] }}"#),
        &expected,
    );
    let error = build_error(Policy::builder().data_rule(DataRule::always(
        id.as_str(),
        Decision::Accept,
        "",
    )));
    assert_eq!(
        error,
        PolicyError::new(
            Location::Rule(id),
            "id",
            PolicyErrorKind::InvalidRuleId { character: None }
        )
    );
    // Exactly at the limit is fine.
    let id = "r".repeat(Policy::MAX_ID_LEN);
    let policy = Policy::builder()
        .data_rule(DataRule::always(id.as_str(), Decision::Accept, ""))
        .build()
        .unwrap();
    assert_eq!(policy.rule_ids().collect::<Vec<_>>(), [id.as_str()]);
}

#[test]
fn switching_off_an_unknown_rule_id() {
    assert_both(
        r#"disable = ["linkedin.not-mett"]"#,
        r#"{ "disable": ["linkedin.not-mett"] }"#,
        "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`, did you mean `linkedin.not-met`",
    );
    let error = build_error(
        Policy::builder()
            .disable("twitter.shared-purpose ")
            .disable("x"),
    );
    assert_eq!(
        error.to_string(),
        "policy: field `disable`: no built-in rule has the id `twitter.shared-purpose `, did you mean `twitter.shared-purpose`"
    );
    assert_eq!(error.location(), &Location::Policy);
    // A user rule's id is not a built-in one.
    let error = build_error(
        Policy::builder()
            .data_rule(DataRule::always("mine", Decision::Accept, ""))
            .disable("mine"),
    );
    assert_eq!(
        error.to_string(),
        "policy: field `disable`: no built-in rule has the id `mine`"
    );
}

// ---- Empty lists and tables ------------------------------------------------

#[test]
fn empty_all() {
    assert_both(
        r#"
        [[rules]]
        id = "everyone"
        when = { all = [] }
        decision = "accept"
        reason = "Everyone"
        "#,
        r#"{ "rules": [{ "id": "everyone", "when": { "all": [] },
                         "decision": "accept", "reason": "Everyone" }] }"#,
        "rule `everyone`: field `when.all` is empty",
    );
    let error = build_error(Policy::builder().data_rule(DataRule::new(
        "everyone",
        Condition::Not(Box::new(Condition::All(vec![]))),
        Decision::Accept,
        "Everyone",
    )));
    assert_eq!(
        error.to_string(),
        "rule `everyone`: field `when.not.all` is empty"
    );
    assert_eq!(error.location(), &rule_at("everyone"));
}

#[test]
fn empty_any() {
    assert_both(
        r#"
        [[rules]]
        id = "no-one"
        when = { all = [{ star = true }, { not = { any = [] } }] }
        decision = "decline"
        reason = "No one"
        "#,
        r#"{ "rules": [{ "id": "no-one", "when": { "all": [{ "star": true }, { "not": { "any": [] } }] },
                         "decision": "decline", "reason": "No one" }] }"#,
        "rule `no-one`: field `when.all[1].not.any` is empty",
    );
    let error = build_error(Policy::builder().data_rule(DataRule::new(
        "no-one",
        Condition::Any(vec![]),
        Decision::Decline,
        "No one",
    )));
    assert_eq!(
        error.to_string(),
        "rule `no-one`: field `when.any` is empty"
    );
}

#[test]
fn empty_platforms() {
    assert_both(
        r#"
        [[rules]]
        id = "nowhere"
        platforms = []
        decision = "accept"
        reason = "Nowhere"
        "#,
        r#"{ "rules": [{ "id": "nowhere", "platforms": [], "decision": "accept", "reason": "Nowhere" }] }"#,
        "rule `nowhere`: field `platforms` is empty",
    );
}

#[test]
fn empty_condition_table() {
    assert_both(
        r#"
        [[rules]]
        id = "blank"
        when = {}
        decision = "accept"
        reason = "Blank"
        "#,
        r#"{ "rules": [{ "id": "blank", "when": {}, "decision": "accept", "reason": "Blank" }] }"#,
        "rule `blank`: field `when` is empty",
    );
    assert_both(
        r#"
        [[rules]]
        id = "blank"
        when = { any = [{ star = true }, {}] }
        decision = "accept"
        reason = "Blank"
        "#,
        r#"{ "rules": [{ "id": "blank", "when": { "any": [{ "star": true }, {}] },
                         "decision": "accept", "reason": "Blank" }] }"#,
        "rule `blank`: field `when.any[1]` is empty",
    );
}

#[test]
fn blank_string_in_a_condition() {
    assert_both(
        r#"
        [[rules]]
        id = "vip"
        when = { tag = "   " }
        decision = "accept"
        reason = "VIPs first"
        "#,
        r#"{ "rules": [{ "id": "vip", "when": { "tag": "   " }, "decision": "accept", "reason": "VIPs first" }] }"#,
        "rule `vip`: field `when.tag` is empty",
    );
    let error = build_error(Policy::builder().data_rule(DataRule::new(
        "vets",
        Condition::Any(vec![
            Condition::Star(true),
            Condition::Profession(" ".into()),
        ]),
        Decision::Accept,
        "Vets",
    )));
    assert_eq!(
        error.to_string(),
        "rule `vets`: field `when.any[1].profession` is empty"
    );
}

// ---- Nesting ---------------------------------------------------------------

/// A condition of `nots` nested `not`s around `{ star = true }`, in TOML and
/// JSON.
fn nested_documents(nots: usize) -> (String, String) {
    let toml_when = format!(
        "{}{{ star = true }}{}",
        "{ not = ".repeat(nots),
        " }".repeat(nots)
    );
    let json_when = format!(
        "{}{{ \"star\": true }}{}",
        "{ \"not\": ".repeat(nots),
        " }".repeat(nots)
    );
    (
        format!(
            "[[rules]]\nid = \"deep\"\nwhen = {toml_when}\ndecision = \"accept\"\nreason = \"Deep\"\n"
        ),
        format!(
            r#"{{ "rules": [{{ "id": "deep", "when": {json_when}, "decision": "accept", "reason": "Deep" }}] }}"#
        ),
    )
}

#[test]
fn nesting_deeper_than_the_limit() {
    assert_eq!(Policy::MAX_DEPTH, 32);
    // A single fact is one level: 31 `not`s around it make 32 levels.
    let (toml_doc, json_doc) = nested_documents(Policy::MAX_DEPTH - 1);
    toml::from_str::<Policy>(&toml_doc).unwrap();
    serde_json::from_str::<Policy>(&json_doc).unwrap();

    let (toml_doc, json_doc) = nested_documents(Policy::MAX_DEPTH);
    let expected = format!(
        "rule `deep`: field `when{}`: conditions nest deeper than 32 levels",
        ".not".repeat(Policy::MAX_DEPTH)
    );
    assert_both(&toml_doc, &json_doc, &expected);

    // Lists count too: `all` holds its items one level down.
    let mut json_when = String::from("{ \"star\": true }");
    for _ in 0..Policy::MAX_DEPTH {
        json_when = format!("{{ \"all\": [{json_when}] }}");
    }
    let json_doc = format!(
        r#"{{ "rules": [{{ "id": "deep", "when": {json_when}, "decision": "accept", "reason": "Deep" }}] }}"#
    );
    assert_eq!(
        json_error(&json_doc),
        format!(
            "rule `deep`: field `when{}`: conditions nest deeper than 32 levels",
            ".all[0]".repeat(Policy::MAX_DEPTH)
        )
    );

    // A table of several facts is an `all` of them, one level deeper; the
    // error names the table.
    let (toml_doc, json_doc) = nested_documents(Policy::MAX_DEPTH - 1);
    let toml_doc = toml_doc.replace("{ star = true }", "{ star = true, friend = true }");
    let json_doc = json_doc.replace("{ \"star\": true }", "{ \"star\": true, \"friend\": true }");
    assert_both(
        &toml_doc,
        &json_doc,
        &format!(
            "rule `deep`: field `when{}`: conditions nest deeper than 32 levels",
            ".not".repeat(Policy::MAX_DEPTH - 1)
        ),
    );

    // Built in code: the same limit and the same path.
    let mut condition = Condition::Star(true);
    for _ in 0..Policy::MAX_DEPTH - 1 {
        condition = Condition::Not(Box::new(condition));
    }
    Policy::builder()
        .data_rule(DataRule::new(
            "deep",
            condition.clone(),
            Decision::Accept,
            "Deep",
        ))
        .build()
        .unwrap();
    let error = build_error(Policy::builder().data_rule(DataRule::new(
        "deep",
        Condition::Not(Box::new(condition)),
        Decision::Accept,
        "Deep",
    )));
    assert_eq!(error.to_string(), expected);
    assert_eq!(
        error,
        PolicyError::new(
            rule_at("deep"),
            format!("when{}", ".not".repeat(Policy::MAX_DEPTH)),
            PolicyErrorKind::TooDeep {
                limit: Policy::MAX_DEPTH
            }
        )
    );
}

// ---- Over-long strings -----------------------------------------------------

#[test]
fn over_long_reason() {
    let reason = "A".repeat(Policy::MAX_REASON_LEN + 1);
    assert_both(
        &format!("[[rules]]\nid = \"wordy\"\ndecision = \"accept\"\nreason = \"{reason}\""),
        &format!(
            r#"{{ "rules": [{{ "id": "wordy", "decision": "accept", "reason": "{reason}" }}] }}"#
        ),
        "rule `wordy`: field `reason`: longer than 1000 characters",
    );
    let ok = "A".repeat(Policy::MAX_REASON_LEN);
    Policy::builder()
        .data_rule(DataRule::always("wordy", Decision::Accept, ok))
        .build()
        .unwrap();
    let error = build_error(Policy::builder().data_rule(DataRule::always(
        "wordy",
        Decision::Accept,
        reason,
    )));
    assert_eq!(
        error,
        PolicyError::new(
            rule_at("wordy"),
            "reason",
            PolicyErrorKind::TooLong {
                limit: Policy::MAX_REASON_LEN
            }
        )
    );
}

#[test]
fn over_long_condition_string() {
    let tag = "t".repeat(Policy::MAX_TEXT_LEN + 1);
    assert_both(
        &format!(
            "[[rules]]\nid = \"tagged\"\nwhen = {{ any = [{{ star = true }}, {{ tag = \"{tag}\" }}] }}\ndecision = \"accept\"\nreason = \"r\""
        ),
        &format!(
            r#"{{ "rules": [{{ "id": "tagged", "when": {{ "any": [{{ "star": true }}, {{ "tag": "{tag}" }}] }}, "decision": "accept", "reason": "r" }}] }}"#
        ),
        "rule `tagged`: field `when.any[1].tag`: longer than 200 characters",
    );
    let error = build_error(Policy::builder().data_rule(DataRule::new(
        "passionate",
        Condition::Passion("p".repeat(Policy::MAX_TEXT_LEN + 1)),
        Decision::Accept,
        "r",
    )));
    assert_eq!(
        error.to_string(),
        "rule `passionate`: field `when.passion`: longer than 200 characters"
    );
}

#[test]
fn over_long_profession_setting() {
    let long = "p".repeat(Policy::MAX_TEXT_LEN + 1);
    assert_both(
        &format!("profession = \"{long}\""),
        &format!(r#"{{ "profession": "{long}" }}"#),
        "policy: field `profession`: longer than 200 characters",
    );
    assert_both(
        &format!("passions = [\"animals\", \"{long}\"]"),
        &format!(r#"{{ "passions": ["animals", "{long}"] }}"#),
        "policy: field `passions[1]`: longer than 200 characters",
    );
    let error = build_error(Policy::builder().interesting_profession(&long));
    assert_eq!(
        error.to_string(),
        "policy: field `interesting-professions[0]`: longer than 200 characters"
    );
    assert_eq!(error.location(), &Location::Policy);
    // Surrounding whitespace does not count.
    let padded = format!("   {}   ", "p".repeat(Policy::MAX_TEXT_LEN));
    Policy::builder().profession(&padded).build().unwrap();
}

// ---- Values of the wrong type ------------------------------------------------

#[test]
fn wrong_value_type() {
    assert_both(
        r#"
        [[rules]]
        id = "no-cold-recruiters"
        when = { recruiter = "yes" }
        decision = "decline"
        reason = "A recruiter I have never spoken to"
        "#,
        r#"{ "rules": [{ "id": "no-cold-recruiters", "when": { "recruiter": "yes" },
                         "decision": "decline", "reason": "A recruiter I have never spoken to" }] }"#,
        r#"rule `no-cold-recruiters`: field `when.recruiter`: invalid type: string "yes", expected a boolean"#,
    );
    assert_eq!(
        serde_json::from_str::<Policy>(r#"{"job-seeking": "yes"}"#)
            .unwrap_err()
            .to_string(),
        r#"policy: field `job-seeking`: invalid type: string "yes", expected a boolean at line 1 column 21"#
    );
    assert_both(
        "job-seeking = 1",
        r#"{ "job-seeking": 1 }"#,
        "policy: field `job-seeking`: invalid type: integer `1`, expected a boolean",
    );
    assert_both(
        r#"passions = "animals""#,
        r#"{ "passions": "animals" }"#,
        r#"policy: field `passions`: invalid type: string "animals", expected a sequence"#,
    );
    assert_both(
        "[[rules]]\nid = \"r\"\ndecision = \"accept\"\nreason = 5",
        r#"{ "rules": [{ "id": "r", "decision": "accept", "reason": 5 }] }"#,
        "rule `r`: field `reason`: invalid type: integer `5`, expected a string",
    );
    assert_both(
        "[[rules]]\nid = \"r\"\nwhen = { mutual-connections-at-least = -1 }\ndecision = \"accept\"\nreason = \"r\"",
        r#"{ "rules": [{ "id": "r", "when": { "mutual-connections-at-least": -1 }, "decision": "accept", "reason": "r" }] }"#,
        "rule `r`: field `when.mutual-connections-at-least`: invalid value: integer `-1`, expected u32",
    );
    // A list or a string where a condition table belongs.
    assert_both(
        "[[rules]]\nid = \"r\"\nwhen = { not = [{ star = true }] }\ndecision = \"accept\"\nreason = \"r\"",
        r#"{ "rules": [{ "id": "r", "when": { "not": [{ "star": true }] }, "decision": "accept", "reason": "r" }] }"#,
        "rule `r`: field `when.not`: invalid type: sequence, expected a condition table, such as { recruiter = true }",
    );
    assert_both(
        "[[rules]]\nid = \"r\"\nwhen = { any = { star = true } }\ndecision = \"accept\"\nreason = \"r\"",
        r#"{ "rules": [{ "id": "r", "when": { "any": { "star": true } }, "decision": "accept", "reason": "r" }] }"#,
        "rule `r`: field `when.any`: invalid type: map, expected a list of condition tables",
    );
    assert_both(
        "rules = 3",
        r#"{ "rules": 3 }"#,
        "policy: field `rules`: invalid type: integer `3`, expected a list of rules",
    );
    assert_both(
        "rules = [\"vip\"]",
        r#"{ "rules": ["vip"] }"#,
        r#"policy: field `rules[0]`: invalid type: string "vip", expected a rule table with `id`, `decision` and `reason`"#,
    );
    assert_both(
        "replies = 3",
        r#"{ "replies": 3 }"#,
        "policy: field `replies`: invalid type: integer `3`, expected a table of reply templates, `incoming` and `outgoing`",
    );
    assert_both(
        "examples = 3",
        r#"{ "examples": 3 }"#,
        "policy: field `examples`: invalid type: integer `3`, expected a list of examples",
    );
    assert_both(
        "examples = [\"vip\"]",
        r#"{ "examples": ["vip"] }"#,
        r#"policy: field `examples[0]`: invalid type: string "vip", expected an example table with `platform`, `direction` and `decision`"#,
    );
    assert_both(
        "[[examples]]\ncontact = 3",
        r#"{ "examples": [{ "contact": 3 }] }"#,
        "example #1: field `contact`: invalid type: integer `3`, expected a contact table, such as { name = \"Ada\", recruiter = true }",
    );
    // A document that is not a table at all.
    assert_eq!(
        json_error("[]"),
        "invalid type: sequence, expected a policy document"
    );
}

// ---- Every variant, through the builder -------------------------------------

#[test]
fn too_many_rules() {
    let mut builder = Policy::builder();
    for i in 0..=Policy::MAX_RULES {
        builder = builder.data_rule(DataRule::always(format!("rule-{i}"), Decision::Accept, ""));
    }
    let error = build_error(builder);
    assert_eq!(
        error.to_string(),
        "policy: field `rules`: more than 10000 rules"
    );
    assert_eq!(
        error,
        PolicyError::new(
            Location::Policy,
            "rules",
            PolicyErrorKind::TooManyRules {
                limit: Policy::MAX_RULES
            }
        )
    );

    let rules: Vec<String> = (0..=Policy::MAX_RULES)
        .map(|i| format!(r#"{{"id":"rule-{i}","decision":"accept","reason":""}}"#))
        .collect();
    let json_doc = format!(r#"{{"rules":[{}]}}"#, rules.join(","));
    assert_eq!(
        json_error(&json_doc),
        "policy: field `rules`: more than 10000 rules"
    );
}

/// Each variant's fields, `location()` and message, built by hand: the
/// messages a person reads name where the mistake is and the field.
#[test]
fn every_variant_displays_its_location_and_field() {
    let cases = [
        (
            PolicyError::new(
                Location::Policy,
                "job-seekin",
                PolicyErrorKind::UnknownField {
                    key: "job-seekin".into(),
                    expected: vec!["job-seeking", "profession"],
                    suggestion: Some("job-seeking"),
                },
            ),
            "policy: unknown field `job-seekin`, did you mean `job-seeking`",
        ),
        (
            PolicyError::new(Location::RuleAt(3), "id", PolicyErrorKind::MissingField),
            "rule #3: missing field `id`",
        ),
        (
            PolicyError::new(
                rule_at("fans"),
                "when.my-view",
                PolicyErrorKind::UnknownName("great".parse::<View>().unwrap_err()),
            ),
            "rule `fans`: field `when.my-view`: unknown view `great`, expected `positive`, \
             `unknown` or `negative`",
        ),
        (
            PolicyError::new(
                rule_at("fedi"),
                "platforms[0]",
                PolicyErrorKind::UndeclaredPlatform {
                    name: "mastodon".into(),
                    suggestion: None,
                },
            ),
            "rule `fedi`: field `platforms[0]`: unknown platform `mastodon`, declare your own \
             platforms in the policy's `platforms` list",
        ),
        (
            PolicyError::new(
                rule_at("code"),
                "platforms[0]",
                PolicyErrorKind::UndeclaredPlatform {
                    name: "gitub".into(),
                    suggestion: Some("github".into()),
                },
            ),
            "rule `code`: field `platforms[0]`: unknown platform `gitub`, did you mean \
             `github`? declare your own platforms in the policy's `platforms` list",
        ),
        (
            PolicyError::new(rule_at("vip"), "id", PolicyErrorKind::DuplicateRuleId),
            "rule `vip`: field `id`: an earlier rule already has this id",
        ),
        (
            PolicyError::new(
                rule_at("fallback"),
                "id",
                PolicyErrorKind::ReservedRuleId { namespace: None },
            ),
            "rule `fallback`: field `id`: the id is reserved for a built-in rule",
        ),
        (
            PolicyError::new(
                Location::RuleAt(1),
                "id",
                PolicyErrorKind::InvalidRuleId { character: None },
            ),
            "rule #1: field `id`: a rule id is 1 to 64 ASCII letters, digits, `-`, `_` or `.`",
        ),
        (
            PolicyError::new(
                Location::Policy,
                "disable",
                PolicyErrorKind::UnknownBuiltinRule {
                    id: "linkedin.not-mett".into(),
                    suggestion: Some("linkedin.not-met"),
                },
            ),
            "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`, did you \
             mean `linkedin.not-met`",
        ),
        (
            PolicyError::new(rule_at("everyone"), "when.all", PolicyErrorKind::Empty),
            "rule `everyone`: field `when.all` is empty",
        ),
        (
            PolicyError::new(
                rule_at("deep"),
                "when.not",
                PolicyErrorKind::TooDeep { limit: 32 },
            ),
            "rule `deep`: field `when.not`: conditions nest deeper than 32 levels",
        ),
        (
            PolicyError::new(
                Location::Policy,
                "profession",
                PolicyErrorKind::TooLong { limit: 200 },
            ),
            "policy: field `profession`: longer than 200 characters",
        ),
        (
            PolicyError::new(
                rule_at("r"),
                "when.star",
                PolicyErrorKind::InvalidValue {
                    message: "invalid type: string \"yes\", expected a boolean".into(),
                },
            ),
            "rule `r`: field `when.star`: invalid type: string \"yes\", expected a boolean",
        ),
        (
            PolicyError::new(
                Location::Policy,
                "rules",
                PolicyErrorKind::TooManyRules { limit: 10_000 },
            ),
            "policy: field `rules`: more than 10000 rules",
        ),
        (
            PolicyError::new(
                Location::Policy,
                "examples",
                PolicyErrorKind::TooManyExamples { limit: 10_000 },
            ),
            "policy: field `examples`: more than 10000 examples",
        ),
        (
            PolicyError::new(
                Location::Example(2),
                "contact.zzz",
                PolicyErrorKind::UnknownField {
                    key: "zzz".into(),
                    expected: vec!["name", "acquaintance"],
                    suggestion: None,
                },
            ),
            "example #2: unknown field `contact.zzz`, expected one of `name`, `acquaintance`",
        ),
    ];
    for (error, expected) in &cases {
        assert_eq!(error.to_string(), *expected);
        let at = error.location().to_string();
        assert!(expected.starts_with(&format!("{at}: ")), "{expected}");
        assert!(expected.contains('`'), "names a field: {expected}");
        assert!(!expected.ends_with('.'), "no trailing period: {expected}");
        assert_eq!(
            expected.chars().next().map(char::is_lowercase),
            Some(true),
            "lowercase: {expected}"
        );
    }
    assert_eq!(Location::Policy.to_string(), "policy");
    assert_eq!(rule_at("vip").to_string(), "rule `vip`");
    assert_eq!(Location::RuleAt(2).to_string(), "rule #2");
}

/// Policy errors are ordinary errors: boxed, with `?`.
#[test]
fn policy_errors_work_with_the_question_mark() {
    fn load() -> Result<Policy, Box<dyn std::error::Error + Send + Sync>> {
        let policy = Policy::builder().disable("linkedin.not-mett").build()?;
        Ok(policy)
    }
    assert_eq!(
        load().unwrap_err().to_string(),
        "policy: field `disable`: no built-in rule has the id `linkedin.not-mett`, did you mean `linkedin.not-met`"
    );
}

// ---- Keys given twice -------------------------------------------------------

/// A key given twice is an error in every format: JSON lets it through to
/// acquaint, which names it; TOML refuses it itself.
#[test]
fn a_key_given_twice_is_an_error() {
    let cases = [
        (
            r#"{ "job-seeking": true, "job-seeking": false }"#,
            "policy: field `job-seeking` is given more than once",
        ),
        (
            r#"{ "rules": [], "rules": [{ "id": "x", "decision": "accept", "reason": "" }] }"#,
            "policy: field `rules` is given more than once",
        ),
        (
            r#"{ "$schema": "a.json", "$schema": "b.json" }"#,
            "policy: field `$schema` is given more than once",
        ),
        (
            r#"{ "rules": [{ "id": "x", "decision": "accept", "decision": "decline",
                            "reason": "" }] }"#,
            "rule `x`: field `decision` is given more than once",
        ),
        (
            r#"{ "rules": [{ "id": "x", "decision": "accept", "reason": "",
                            "when": { "any": [{ "recruiter": true, "recruiter": false }] } }] }"#,
            "rule `x`: field `when.any[0].recruiter` is given more than once",
        ),
        (
            r#"{ "rules": [{ "decision": "accept", "decision": "decline", "id": "late",
                            "reason": "" }] }"#,
            "rule `late`: field `decision` is given more than once",
        ),
    ];
    for (doc, expected) in cases {
        assert_eq!(json_error(doc), expected, "{doc}");
    }
    let err = serde_json::from_str::<Policy>(cases[0].0).unwrap_err();
    assert_eq!(
        (err.line(), err.column()),
        (1, 36),
        "points at the second key"
    );

    let toml_doc = "job-seeking = true\njob-seeking = false\n";
    assert!(toml::from_str::<Policy>(toml_doc).is_err());
    let toml_doc = "[[rules]]\nid = \"x\"\nid = \"y\"\ndecision = \"accept\"\nreason = \"\"\n";
    assert!(toml::from_str::<Policy>(toml_doc).is_err());
}

/// An unknown name in a policy document is a `PolicyErrorKind::UnknownName`
/// whose `source` is the `ParseError` that parsing the name in code gives.
#[test]
fn an_unknown_name_in_a_document_has_the_parse_error_as_its_source() {
    use std::error::Error as _;

    let doc = r#"{"rules": [{"id": "x", "decision": "maybe", "reason": ""}]}"#;
    let err = Policy::from_deserializer(&mut serde_json::Deserializer::from_str(doc)).unwrap_err();
    let error = err.policy_error().unwrap();
    assert_eq!((error.rule_id(), error.field()), (Some("x"), "decision"));
    let parse_error = "maybe".parse::<Decision>().unwrap_err();
    assert_eq!(
        error.kind(),
        &PolicyErrorKind::UnknownName(parse_error.clone())
    );
    let source = error.source().unwrap();
    assert_eq!(
        source.downcast_ref::<acquaint::ParseError>(),
        Some(&parse_error)
    );
    // Other mistakes have no source.
    let error = build_error(Policy::builder().data_rule(DataRule::always(
        "linkedin.mine",
        Decision::Accept,
        "",
    )));
    assert!(error.source().is_none());
}
