//! Hostile input, second round (README, "Limits"): what a contact or a
//! policy carries cannot reorder, hide or blow up the library's own text,
//! cannot pass for a built-in rule, and names match as a person reads them.

use acquaint::{Condition, Contact, DataRule, Decision, Direction, Platform, Policy, PolicyError};

fn build_error(builder: acquaint::PolicyBuilder) -> PolicyError {
    builder.build().unwrap_err()
}

/// The LinkedIn reply to a stranger, which names them.
fn reply_to(name: &str, policy: &Policy) -> String {
    let stranger = Contact::new(name);
    policy
        .evaluate(&stranger, &Platform::LinkedIn, Direction::Incoming)
        .reply()
        .unwrap()
}

const BIDI_CONTROLS: [char; 12] = [
    '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

#[test]
fn a_name_cannot_reverse_the_reply_after_it() {
    for template in [None, Some("Hello {name} ({first-name}), on {platform}")] {
        let mut builder = Policy::builder();
        if let Some(t) = template {
            builder = builder.reply(Direction::Incoming, t);
        }
        let policy = builder.build().unwrap();
        let reply = reply_to("\u{202E}Ada\u{2066} Lovelace", &policy);
        assert!(
            !reply.contains(BIDI_CONTROLS),
            "{reply:?} keeps a bidirectional control"
        );
        assert!(reply.contains("Ada"), "{reply:?}");
    }
}

#[test]
fn a_name_with_nothing_visible_reads_as_no_name() {
    let policy = Policy::default();
    for name in ["\u{200B}", "\u{200B}\u{FEFF} \u{2060}", "\u{202E}", " "] {
        let reply = reply_to(name, &policy);
        assert!(reply.starts_with("Hi, thank you"), "{name:?}: {reply:?}");
    }
    let policy = Policy::builder()
        .reply(Direction::Incoming, "[{first-name}|{name}]")
        .build()
        .unwrap();
    assert_eq!(reply_to("\u{200B}\u{200D}", &policy), "[|]");
}

#[test]
fn a_reply_is_bounded_by_its_template_and_the_name_limit() {
    // The longest template, nearly all placeholders, and a name of a
    // megabyte: the reply stays within the documented bound.
    let template = "{name}".repeat(Policy::MAX_REASON_LEN / 6);
    let placeholders = Policy::MAX_REASON_LEN / 6;
    let policy = Policy::builder()
        .reply(Direction::Incoming, template.clone())
        .build()
        .unwrap();
    let name = "Ada".repeat(350_000);
    let reply = reply_to(&name, &policy);
    let bound = template.len() + placeholders * Policy::MAX_NAME_IN_REPLY;
    assert!(reply.chars().count() <= bound, "{} > {bound}", reply.len());
    assert!(reply.starts_with(&name[..Policy::MAX_NAME_IN_REPLY]));
}

#[test]
fn rule_ids_cannot_take_a_built_in_namespace_by_another_spelling() {
    for (id, namespace) in [
        ("x.shared-purpose", "twitter."),
        ("X.fans", "twitter."),
        (".linkedin.my-own", "linkedin."),
        ("..Facebook.x", "facebook."),
    ] {
        let error =
            build_error(Policy::builder().data_rule(DataRule::always(id, Decision::Accept, "")));
        assert_eq!(
            error.to_string(),
            format!(
                "rule `{id}`: field `id`: ids starting with `{namespace}` are reserved for \
                 built-in rules"
            )
        );
    }
    for id in [".linkedin.not-met", ".fallback"] {
        let error =
            build_error(Policy::builder().data_rule(DataRule::always(id, Decision::Accept, "")));
        assert_eq!(
            error.to_string(),
            format!("rule `{id}`: field `id`: the id is reserved for a built-in rule")
        );
    }
    // Not a namespace: a platform of one's own, or a built-in name inside.
    for id in ["xing.contacts", "my.linkedin.rule", "linkedin-friends"] {
        Policy::builder()
            .data_rule(DataRule::always(id, Decision::Accept, ""))
            .build()
            .unwrap();
    }
}

#[test]
fn names_match_by_unicode_case_folding() {
    let cases = [
        ("Straße", "STRASSE"),
        ("ﬁlm", "FILM"),
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),
        ("Kelvin\u{212A}", "kelvink"),
    ];
    for (mine, theirs) in cases {
        let policy = Policy::builder().passion(mine).build().unwrap();
        let contact = Contact::new("Ada").with_passion(theirs);
        let verdict = policy.evaluate(&contact, &Platform::Twitter, Direction::Incoming);
        assert_eq!(
            verdict.rule_id(),
            "twitter.shared-purpose",
            "{mine} / {theirs}"
        );
        assert!(contact.has_passion(mine), "{mine} / {theirs}");

        let rule = DataRule::new("tagged", Condition::Tag(mine.into()), Decision::Accept, "");
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let contact = Contact::new("Ada").with_tag(theirs);
        let verdict = policy.evaluate(&contact, &Platform::LinkedIn, Direction::Incoming);
        assert_eq!(verdict.rule_id(), "tagged", "{mine} / {theirs}");
    }
}

#[test]
fn the_shared_passion_named_is_my_first_whichever_list_is_longer() {
    let mine = ["chess", "climbing", "cooking"];
    let mut builder = Policy::builder();
    for p in mine {
        builder = builder.passion(p);
    }
    let policy = builder.build().unwrap();
    // Fewer passions than mine, and more: the explanation names those of
    // mine they share, in my order, either way.
    let few = Contact::new("Ada")
        .with_passion("cooking")
        .with_passion("climbing");
    let many = (0..10)
        .fold(Contact::new("Ada"), |c, i| c.with_passion(format!("p{i}")))
        .with_passion("cooking")
        .with_passion("climbing");
    for contact in [few, many] {
        let why = policy
            .evaluate(&contact, &Platform::Twitter, Direction::Incoming)
            .explanation();
        assert!(
            why.contains("your passion for climbing and cooking"),
            "{why}"
        );
    }
}
