//! Rules one by one: every built-in rule with every other switched on or
//! off, on every combination of the finite facts, against the plainly
//! written model; and the small promises of the rule types.

use crate::common::finite;
use crate::strategies::*;
use acquaint::{
    Acquaintance, BuiltinRule, Condition, Contact, DataRule, Decision, Direction, Platform, Policy,
    Request, Rule, View,
};

/// Each built-in rule must stand on its own: with the rules before it
/// switched off, it still decides only when its own facts hold. So try
/// every subset of a platform's rules switched off.
#[test]
fn every_builtin_rule_decides_as_the_model_with_any_rules_switched_off() {
    let purposes = SettingsSpec {
        profession: Some("designer".into()),
        interesting_professions: vec!["biologist".into()],
        passions: vec!["animals".into()],
        ..SettingsSpec::default()
    };
    let professions = [None, Some("designer"), Some("biologist"), Some("chef")];
    let passions = [None, Some("animals"), Some("chess")];
    let mut checked = 0;
    for platform in [Platform::LinkedIn, Platform::Twitter, Platform::Facebook] {
        let rules: Vec<BuiltinRule> = BuiltinRule::ALL
            .into_iter()
            .filter(|r| r.platform() == platform)
            .collect();
        for mask in 0..1u32 << rules.len() {
            for job_seeking in [false, true] {
                let spec = PolicySpec {
                    settings: SettingsSpec {
                        job_seeking,
                        ..purposes.clone()
                    },
                    disabled: (0..rules.len())
                        .filter(|i| mask & 1 << i != 0)
                        .map(|i| rules[i])
                        .collect(),
                    fallback: Decision::MeetFirst,
                    ..PolicySpec::default()
                };
                let policy = spec.build();
                for contact in finite_contacts(&professions, &passions) {
                    for direction in Direction::ALL {
                        let verdict = policy.evaluate(&contact, &platform, direction);
                        let (id, decision) =
                            model_decide(&spec, policy.settings(), &contact, &platform, direction);
                        assert_eq!(
                            (verdict.rule_id(), verdict.decision()),
                            (id.as_str(), decision),
                            "{contact:?} on {platform} ({direction}), switched off: {:?}",
                            spec.disabled
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    // 2^5 + 2^2 + 2^2 subsets, job seeking or not, every finite contact,
    // 4 professions, 3 passions, 2 directions.
    assert_eq!(checked, 40 * 2 * finite::count() * 4 * 3 * 2);
}

/// Every finite contact with each of the given professions and passions.
fn finite_contacts(
    professions: &[Option<&str>],
    passions: &[Option<&str>],
) -> impl Iterator<Item = Contact> {
    let mut out = Vec::new();
    for contact in finite::contacts() {
        for profession in professions {
            for passion in passions {
                let mut c = contact.clone();
                if let Some(p) = profession {
                    c = c.with_profession(p);
                }
                if let Some(p) = passion {
                    c = c.with_passion(p);
                }
                out.push(c);
            }
        }
    }
    out.into_iter()
}

#[test]
fn builtin_rules_show_their_ids() {
    for rule in BuiltinRule::ALL {
        assert_eq!(rule.to_string(), rule.id());
        assert_eq!(BuiltinRule::from_id(rule.id()), Some(rule));
    }
    assert_eq!(
        format!("[{:<20}]", BuiltinRule::LinkedInNotMet),
        "[linkedin.not-met    ]"
    );
    assert_eq!(BuiltinRule::from_id("linkedin.not-mett"), None);
    assert_eq!(BuiltinRule::from_id(""), None);
}

/// A Rust rule that does not explain itself. Written out, not with
/// `common::rule_fn`: the test is about what a host's own `impl Rule`
/// without `explain` gets from the trait's default.
#[derive(Debug)]
struct Terse;

impl Rule for Terse {
    fn id(&self) -> &str {
        "terse"
    }

    fn decide(&self, _: &Request<'_>) -> Option<Decision> {
        Some(Decision::MeetFirst)
    }
}

#[test]
fn a_rust_rule_that_does_not_explain_itself_is_named_in_the_explanation() {
    let policy = Policy::builder().rule(Terse).build().unwrap();
    let ada = Contact::new("Ada");
    let verdict = policy.evaluate(&ada, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "terse");
    assert_eq!(verdict.explanation(), "rule `terse` applies");
    assert_eq!(
        verdict.to_string(),
        "meet-first (terse): rule `terse` applies"
    );
}

#[test]
fn a_data_rule_covers_exactly_its_platforms() {
    let mastodon: Platform = "mastodon".parse().unwrap();
    let github: Platform = "github".parse().unwrap();
    let rule = DataRule::always("two", Decision::Accept, "")
        .on(Platform::LinkedIn)
        .on(Platform::Twitter)
        .on(mastodon.clone());
    let policy = Policy::builder().data_rule(rule).build().unwrap();
    let ada = Contact::new("Ada");
    let decided_by = |p: &Platform| {
        policy
            .evaluate(&ada, p, Direction::Incoming)
            .rule_id()
            .to_owned()
    };
    assert_eq!(decided_by(&Platform::LinkedIn), "two");
    assert_eq!(decided_by(&Platform::Twitter), "two");
    assert_eq!(decided_by(&mastodon), "two");
    assert_eq!(decided_by(&Platform::Facebook), "facebook.not-a-friend");
    assert_eq!(decided_by(&github), "fallback");
}

#[test]
fn a_data_rule_without_a_condition_applies_to_every_request() {
    let rule = DataRule::always("all", Decision::Decline, "Not now");
    assert_eq!(rule.condition(), None);
    let policy = Policy::builder().data_rule(rule).build().unwrap();
    let star = Contact::new("Grace")
        .with_star(true)
        .with_acquaintance(Acquaintance::WorkedInPerson);
    for platform in [Platform::LinkedIn, Platform::Twitter, "x2".parse().unwrap()] {
        for direction in Direction::ALL {
            let verdict = policy.evaluate(&star, &platform, direction);
            assert_eq!(verdict.rule_id(), "all");
            assert_eq!(verdict.explanation(), "Not now");
        }
    }
}

#[test]
fn condition_keys_name_each_kind() {
    let keys: Vec<&str> = [
        Condition::All(vec![]),
        Condition::Any(vec![]),
        Condition::Not(Box::new(Condition::Star(true))),
        Condition::Platform(Platform::LinkedIn),
        Condition::Direction(Direction::Incoming),
        Condition::JobSeeking(true),
        Condition::Acquaintance(Acquaintance::Never),
        Condition::MetInPerson(true),
        Condition::WorkedTogether(true),
        Condition::SpokeWith(true),
        Condition::MyView(View::Positive),
        Condition::TheirView(View::Positive),
        Condition::Recruiter(true),
        Condition::Friend(true),
        Condition::FacebookFriend(true),
        Condition::Star(true),
        Condition::Profession("x".into()),
        Condition::SharesProfession(true),
        Condition::InterestingProfession(true),
        Condition::Passion("x".into()),
        Condition::SharesPassion(true),
        Condition::Tag("x".into()),
        Condition::MutualConnectionsAtLeast(1),
    ]
    .iter()
    .map(Condition::key)
    .collect();
    assert_eq!(
        keys,
        [
            "all",
            "any",
            "not",
            "platform",
            "direction",
            "job-seeking",
            "acquaintance",
            "met-in-person",
            "worked-together",
            "spoke-with",
            "my-view",
            "their-view",
            "recruiter",
            "friend",
            "facebook-friend",
            "star",
            "profession",
            "shares-profession",
            "interesting-profession",
            "passion",
            "shares-passion",
            "tag",
            "mutual-connections-at-least",
        ]
    );
}

#[test]
fn a_policy_shows_its_rules_when_debugged() {
    let policy = Policy::builder()
        .data_rule(DataRule::always("in-data", Decision::Accept, ""))
        .rule(Terse)
        .build()
        .unwrap();
    let debug = format!("{policy:?}");
    assert!(debug.contains("\"in-data\""), "{debug}");
    assert!(debug.contains("Terse"), "{debug}");
}

#[test]
fn only_user_named_platforms_are_declared_and_only_once() {
    let mastodon: Platform = "mastodon".parse().unwrap();
    let policy = Policy::builder()
        .platform(Platform::LinkedIn)
        .platform(mastodon.clone())
        .platform(Platform::Twitter)
        .platform(mastodon.clone())
        .build()
        .unwrap();
    assert_eq!(policy.platforms(), [mastodon]);
}

/// The limits are inclusive: exactly at each limit still builds.
#[test]
fn a_policy_exactly_at_every_limit_builds() {
    let text = "é".repeat(Policy::MAX_TEXT_LEN);
    let mut deep = Condition::Tag(text.clone());
    for _ in 1..Policy::MAX_DEPTH {
        deep = Condition::Any(vec![deep]);
    }
    let mut builder = Policy::builder()
        .profession(&text)
        .interesting_profession(&text)
        .passion(&text)
        .data_rule(DataRule::new(
            "i".repeat(Policy::MAX_ID_LEN),
            deep,
            Decision::Accept,
            "r".repeat(Policy::MAX_REASON_LEN),
        ));
    for i in 1..Policy::MAX_RULES {
        builder = builder.data_rule(DataRule::always(format!("rule-{i}"), Decision::Accept, ""));
    }
    let policy = builder.build().unwrap();
    assert_eq!(policy.rule_ids().len(), Policy::MAX_RULES);
    let tagged = Contact::new("Ada").with_tag(&text);
    let verdict = policy.evaluate(&tagged, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "i".repeat(Policy::MAX_ID_LEN));
}

#[test]
fn lists_nested_10_000_deep_in_code_give_the_nesting_limit_error() {
    for make in [Condition::All, Condition::Any] {
        let mut deep = Condition::Star(true);
        for _ in 1..10_000 {
            deep = make(vec![Condition::Friend(true), deep]);
        }
        let rule = DataRule::new("deep", deep, Decision::Accept, "");
        let err = Policy::builder().data_rule(rule).build().unwrap_err();
        assert!(
            err.to_string()
                .contains("conditions nest deeper than 32 levels"),
            "{err}"
        );
    }
}

#[test]
fn job_seeking_can_be_switched_on_a_built_policy() {
    let recruiter = Contact::new("Riley").with_recruiter(true);
    let mut policy = Policy::default();
    policy.set_job_seeking(true);
    assert!(policy.settings().job_seeking());
    let verdict = policy.evaluate(&recruiter, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.recruiter-override");
    policy.set_job_seeking(false);
    let verdict = policy.evaluate(&recruiter, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
}

#[test]
fn an_unknown_builtin_id_is_echoed_cut_to_80_characters() {
    let id = format!("{}{}", "é".repeat(80), "tail");
    let err = Policy::builder().disable(id).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "policy: field `disable`: no built-in rule has the id `{}`",
            "é".repeat(80)
        )
    );
}
