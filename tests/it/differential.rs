//! The data-rule engine checked against the built-in rules:
//! `examples/policies/default.toml` writes the default philosophy as data
//! rules (every built-in rule switched off and written again under `my.`),
//! and must decide as `Policy::default()` does, with the same settings, on
//! every combination of the finite facts and on generated contacts. And a
//! compiled data policy must decide and explain as the interpreter does.

use crate::common::{finite, rule_fn};
use crate::strategies::*;
use acquaint::{
    Acquaintance, BuiltinRule, Contact, Decision, Direction, Platform, Policy, Verdict, View,
};
use proptest::prelude::*;

const DEFAULT_TOML: &str = include_str!("../../examples/policies/default.toml");

/// The data policy of `default.toml`, with `settings` in place of the
/// file's own: written into the document, which is loaded as a user would.
fn data_policy_with(settings: &SettingsSpec) -> Policy {
    let mut doc: toml::Table = toml::from_str(DEFAULT_TOML).unwrap();
    for (key, value) in settings.to_toml() {
        doc.insert(key, value);
    }
    let text = toml::to_string(&doc).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The built-in rule a data rule of `default.toml` stands for.
fn builtin_id(data_id: &str) -> &str {
    match data_id.strip_prefix("my.") {
        Some(id) => id,
        None => data_id,
    }
}

fn assert_same(builtin: &Verdict<'_>, data: &Verdict<'_>) {
    let r = builtin.request();
    let context = || {
        format!(
            "{:?} on {} ({}), job seeking: {}",
            r.contact,
            r.platform,
            r.direction,
            r.settings.job_seeking()
        )
    };
    assert_eq!(builtin.decision(), data.decision(), "{}", context());
    assert_eq!(
        builtin.rule_id(),
        builtin_id(data.rule_id()),
        "{}",
        context()
    );
    assert_eq!(builtin.reply(), data.reply(), "{}", context());
}

#[test]
fn default_toml_switches_off_every_builtin_rule_and_loads_as_is() {
    let policy: Policy = toml::from_str(DEFAULT_TOML).unwrap();
    for rule in BuiltinRule::ALL {
        assert!(!policy.is_enabled(rule), "{rule} is still on");
    }
    let ids: Vec<&str> = policy.rule_ids().map(builtin_id).collect();
    let builtin: Vec<&str> = BuiltinRule::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(ids, builtin, "one data rule per built-in rule, in order");
    assert_eq!(policy.fallback(), Decision::Decline);
    assert_eq!(policy.settings(), Policy::default().settings());
}

/// Every combination of the finite facts, on every kind of platform, in
/// both directions, with and without job seeking and Twitter purposes.
#[test]
fn default_toml_decides_as_the_builtin_policy_on_every_combination_of_facts() {
    let purposes = SettingsSpec {
        job_seeking: false,
        profession: Some("Software Engineer".into()),
        interesting_professions: vec!["biologist".into()],
        passions: vec![" Animals".into()],
    };
    let platforms = [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        "mastodon".parse().unwrap(),
    ];
    // None, my profession, one that interests me, another one.
    let professions = [
        None,
        Some("software engineer"),
        Some("BIOLOGIST"),
        Some("chef"),
    ];
    // None, one of mine, another one.
    let passions = [None, Some("animals"), Some("chess")];
    let contacts = finite::contacts();
    let mut checked = 0;
    for base in [SettingsSpec::default(), purposes] {
        for job_seeking in [false, true] {
            let settings = SettingsSpec {
                job_seeking,
                ..base.clone()
            };
            let builtin = settings.default_policy();
            let data = data_policy_with(&settings);
            assert_eq!(builtin.settings(), data.settings());
            for contact in &contacts {
                for profession in professions {
                    for passion in passions {
                        for mutual in [0, 500] {
                            let mut c = contact.clone().with_mutual_connections(mutual);
                            if let Some(p) = profession {
                                c = c.with_profession(p);
                            }
                            if let Some(p) = passion {
                                c = c.with_passion(p);
                            }
                            for platform in &platforms {
                                for direction in Direction::ALL {
                                    assert_same(
                                        &builtin.evaluate(&c, platform, direction),
                                        &data.evaluate(&c, platform, direction),
                                    );
                                    checked += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 4 * finite::count() * 4 * 3 * 2 * 4 * 2);
}

#[test]
fn default_toml_reasons_read_well() {
    let data: Policy = toml::from_str(DEFAULT_TOML).unwrap();
    let explain =
        |c: &Contact, p: &Platform| data.evaluate(c, p, Direction::Incoming).explanation();
    let stranger = Contact::new("Sam").with_mutual_connections(480);
    assert_eq!(
        explain(&stranger, &Platform::LinkedIn),
        "LinkedIn is for people you have already met, so propose meeting first \
         (you have never met, spoken or worked together)"
    );
    let colleague = Contact::new("Ada")
        .with_acquaintance(Acquaintance::WorkedRemotely)
        .with_my_view(View::Positive)
        .with_their_view(View::Unknown);
    assert_eq!(
        explain(&colleague, &Platform::LinkedIn),
        "LinkedIn is for people who could vouch for each other, so decline \
         (you do not know what they would say of yours)"
    );
    let star = Contact::new("Grace").with_star(true);
    assert_eq!(
        explain(&star, &Platform::Twitter),
        "Twitter is for meeting people you would like to meet, and they serve one of your \
         purposes, so accept (they are a star of their field)"
    );
    assert_eq!(
        explain(&stranger, &Platform::Facebook),
        "Facebook is for friends, so decline"
    );
}

proptest! {
    #![proptest_config(cases(512))]

    /// Generated contacts and settings: arbitrary strings, counts and
    /// platforms, including user-named ones.
    #[test]
    fn default_toml_decides_as_the_builtin_policy_on_generated_contacts(
        settings in settings(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let builtin = settings.default_policy();
        let data = data_policy_with(&settings);
        prop_assert_eq!(builtin.settings(), data.settings());
        assert_same(
            &builtin.evaluate(&contact, &platform, direction),
            &data.evaluate(&contact, &platform, direction),
        );
    }
}

// ---- Compiled data rules against the interpreter ---------------------------
//
// A policy of data rules is compiled when it is built or loaded (the
// README's "Performance"); a policy holding a rule written in Rust is not,
// and tries its rules one by one. So the same policy with a Rust rule that
// never applies appended is the interpreter's answer, and the two must
// agree on every decision, rule id, explanation and reply.

/// The policy `spec` builds, with a Rust rule that never decides added
/// last: the same decisions, made by the interpreter.
fn interpreted(policy: &Policy) -> Policy {
    policy
        .clone()
        .into_builder()
        .rule(rule_fn("zz-never", |_| None))
        .build()
        .unwrap()
}

fn assert_same_verdict(compiled: &Verdict<'_>, interpreted: &Verdict<'_>) {
    let r = compiled.request();
    let context = || format!("{:?} on {} ({})", r.contact, r.platform, r.direction);
    assert_eq!(compiled.decision(), interpreted.decision(), "{}", context());
    assert_eq!(compiled.rule_id(), interpreted.rule_id(), "{}", context());
    assert_eq!(
        compiled.explanation(),
        interpreted.explanation(),
        "{}",
        context()
    );
    assert_eq!(compiled.reply(), interpreted.reply(), "{}", context());
}

/// Every finite contact, each with no strings and with strings the
/// policies below mention, on every kind of platform they name, in both
/// directions, with job seeking on and off.
fn assert_compiled_as_interpreted_on_finite_contacts(mut policy: Policy) -> usize {
    let platforms = [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        "mastodon".parse().unwrap(),
        "github".parse().unwrap(),
        "elsewhere".parse().unwrap(),
    ];
    let mut checked = 0;
    for job_seeking in [false, true] {
        policy.set_job_seeking(job_seeking);
        let plain = interpreted(&policy);
        for base in finite::contacts() {
            let with_strings = base
                .clone()
                .with_profession("Designer")
                .with_passion("climbing")
                .with_passion("animals")
                .with_tag("referred")
                .with_tag("conference-2026")
                .with_mutual_connections(60);
            for contact in [&base, &with_strings] {
                for platform in &platforms {
                    for direction in Direction::ALL {
                        assert_same_verdict(
                            &policy.evaluate(contact, platform, direction),
                            &plain.evaluate(contact, platform, direction),
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    checked
}

#[test]
fn compiled_default_toml_decides_and_explains_as_the_interpreter() {
    let purposes = SettingsSpec {
        job_seeking: false,
        profession: Some("designer".into()),
        interesting_professions: vec!["biologist".into()],
        passions: vec!["animals".into()],
    };
    let checked = assert_compiled_as_interpreted_on_finite_contacts(data_policy_with(&purposes));
    assert_eq!(checked, 2 * finite::count() * 2 * 6 * 2);
}

#[test]
fn compiled_twenty_rules_decide_and_explain_as_the_interpreter() {
    let policy: Policy =
        toml::from_str(include_str!("../../benches/data/twenty-rules.toml")).unwrap();
    assert_compiled_as_interpreted_on_finite_contacts(policy);
}

proptest! {
    #![proptest_config(cases(256))]

    /// Generated data policies, contacts, platforms and directions.
    #[test]
    fn compiled_policies_decide_and_explain_as_the_interpreter(
        spec in data_policy(),
        contacts in proptest::collection::vec(contact(), 1..8),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = spec.build();
        let plain = interpreted(&policy);
        for contact in &contacts {
            assert_same_verdict(
                &policy.evaluate(contact, &platform, direction),
                &plain.evaluate(contact, &platform, direction),
            );
        }
    }

    /// Generated data policies on every finite contact: the compiled
    /// tables are keyed by exactly these facts.
    #[test]
    fn compiled_policies_agree_with_the_interpreter_on_every_finite_contact(
        spec in data_policy(),
        platform in platform(),
    ) {
        let policy = spec.build();
        let plain = interpreted(&policy);
        for contact in finite::contacts() {
            for direction in Direction::ALL {
                let (a, b) = (
                    policy.evaluate(&contact, &platform, direction),
                    plain.evaluate(&contact, &platform, direction),
                );
                prop_assert_eq!(a.decision(), b.decision());
                prop_assert_eq!(a.rule_id(), b.rule_id());
            }
        }
    }
}
