//! `Policy::analyze`: crafted unsatisfiable, shadowed and overlapping rules,
//! and a brute-force oracle over the finite space.

use crate::common::{finite, rule_fn};
use acquaint::{
    Acquaintance, BuiltinRule, Condition, DataRule, Decision, Direction, Platform, Policy, View,
    Warning,
};
use proptest::prelude::*;

// ---- The oracle -------------------------------------------------------------

/// The same policy with other user rules and job seeking setting.
fn rebuild(policy: &Policy, job_seeking: bool, rules: &[DataRule]) -> Policy {
    let settings = policy.settings();
    let mut b = Policy::builder()
        .job_seeking(job_seeking)
        .fallback(policy.fallback());
    if let Some(p) = settings.profession() {
        b = b.profession(p);
    }
    for p in settings.interesting_professions() {
        b = b.interesting_profession(p);
    }
    for p in settings.passions() {
        b = b.passion(p);
    }
    for p in policy.platforms() {
        b = b.platform(p.clone());
    }
    for rule in BuiltinRule::ALL {
        if !policy.is_enabled(rule) {
            b = b.disable(rule.id());
        }
    }
    for rule in rules {
        b = b.data_rule(rule.clone());
    }
    b.build().unwrap()
}

/// Evaluates every request of the space with the policy and with each rule
/// alone, and says which rules never decide, and who decides instead.
fn oracle(policy: &Policy, vocab: &finite::Vocab) -> Vec<Warning> {
    let rules: Vec<DataRule> = policy.data_rules().cloned().collect();
    let full = [
        rebuild(policy, false, &rules),
        rebuild(policy, true, &rules),
    ];
    let alone = [rebuild(policy, false, &[]), rebuild(policy, true, &[])];
    let single: Vec<[Policy; 2]> = rules
        .iter()
        .map(|r| {
            let one = std::slice::from_ref(r);
            [rebuild(policy, false, one), rebuild(policy, true, one)]
        })
        .collect();
    let contacts = vocab.contacts();
    let mut decides: Vec<String> = Vec::new();
    let mut applies = vec![false; rules.len()];
    let mut taken_by: Vec<Vec<String>> = vec![Vec::new(); rules.len()];
    let mut alone_decides: Vec<String> = Vec::new();
    let mut builtin_taken_by: Vec<Vec<String>> = vec![Vec::new(); BuiltinRule::ALL.len()];
    let note = |list: &mut Vec<String>, id: &str| {
        if !list.iter().any(|x| x == id) {
            list.push(id.to_owned());
        }
    };
    for platform in vocab.platforms() {
        for direction in Direction::ALL {
            for js in [0, 1] {
                for c in &contacts {
                    let decider = full[js]
                        .evaluate(c, &platform, direction)
                        .rule_id()
                        .to_owned();
                    note(&mut decides, &decider);
                    for (i, r) in rules.iter().enumerate() {
                        if single[i][js].evaluate(c, &platform, direction).rule_id() == r.id() {
                            applies[i] = true;
                            note(&mut taken_by[i], &decider);
                        }
                    }
                    let builtin = alone[js].evaluate(c, &platform, direction);
                    note(&mut alone_decides, builtin.rule_id());
                    if let Some(b) = builtin.builtin_rule() {
                        let at = BuiltinRule::ALL.iter().position(|x| *x == b).unwrap();
                        note(&mut builtin_taken_by[at], &decider);
                    }
                }
            }
        }
    }
    let order: Vec<&str> = policy.rule_ids().collect();
    let sorted = |mut ids: Vec<String>| {
        ids.sort_by_key(|id| order.iter().position(|x| x == id));
        ids
    };
    let mut warnings = Vec::new();
    for (i, r) in rules.iter().enumerate() {
        if decides.iter().any(|d| d == r.id()) {
            continue;
        }
        let rule = r.id().to_owned();
        warnings.push(if applies[i] {
            Warning::Shadowed {
                rule,
                by: sorted(taken_by[i].clone()),
            }
        } else {
            Warning::Unsatisfiable { rule }
        });
    }
    for (i, b) in BuiltinRule::ALL.into_iter().enumerate() {
        if alone_decides.iter().any(|d| d == b.id()) && !decides.iter().any(|d| d == b.id()) {
            warnings.push(Warning::BuiltinUnreachable {
                rule: b,
                by: sorted(builtin_taken_by[i].clone()),
            });
        }
    }
    warnings
}

fn texts(policy: &Policy) -> Vec<String> {
    policy
        .analyze()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn rule(id: &str, when: Condition, decision: Decision) -> DataRule {
    DataRule::new(id, when, decision, "")
}

fn not(c: Condition) -> Condition {
    Condition::Not(Box::new(c))
}

// ---- Crafted policies -------------------------------------------------------

#[test]
fn the_default_policy_has_no_warnings() {
    for js in [false, true] {
        let policy = Policy::builder().job_seeking(js).build().unwrap();
        assert_eq!(policy.analyze().unwrap(), []);
        assert_eq!(oracle(&policy, &finite::Vocab::default()), []);
    }
}

fn crafted() -> Policy {
    use Condition::*;
    Policy::builder()
        .platform(acquaintance_platform())
        .interesting_profession("designer")
        .passion("animals")
        // Unsatisfiable three ways.
        .data_rule(rule(
            "friend-and-not",
            All(vec![Friend(true), Friend(false)]),
            Decision::Accept,
        ))
        .data_rule(
            rule(
                "twitter-on-linkedin",
                Platform(acquaint::Platform::Twitter),
                Decision::Accept,
            )
            .on(acquaint::Platform::LinkedIn),
        )
        .data_rule(rule(
            "met-never-spoke",
            All(vec![MetInPerson(true), SpokeWith(false)]),
            Decision::Decline,
        ))
        // Shadowed by one rule, then by two.
        .data_rule(rule("stars", Star(true), Decision::Accept).on(acquaint::Platform::LinkedIn))
        .data_rule(
            rule(
                "star-recruiters",
                All(vec![Star(true), Recruiter(true)]),
                Decision::Decline,
            )
            .on(acquaint::Platform::LinkedIn),
        )
        .data_rule(rule("met", MetInPerson(true), Decision::Accept).on(acquaintance_platform()))
        .data_rule(
            rule("worked", WorkedTogether(true), Decision::Decline).on(acquaintance_platform()),
        )
        .data_rule(
            rule(
                "met-vip",
                All(vec![
                    Any(vec![MetInPerson(true), WorkedTogether(true)]),
                    Tag("vip".into()),
                ]),
                Decision::MeetFirst,
            )
            .on(acquaintance_platform()),
        )
        // Overlapping but not shadowed: `vip-or-friend` still decides
        // friends without the tag.
        .data_rule(
            rule("vip", Tag("vip".into()), Decision::Accept).on(acquaint::Platform::LinkedIn),
        )
        .data_rule(
            rule(
                "vip-or-friend",
                Any(vec![Tag("vip".into()), Friend(true)]),
                Decision::Decline,
            )
            .on(acquaint::Platform::LinkedIn),
        )
        // Thresholds: at least 50 is within at least 10; at least 5 is not.
        .data_rule(
            rule("crowd", MutualConnectionsAtLeast(10), Decision::Decline)
                .on(acquaint::Platform::Facebook),
        )
        .data_rule(
            rule("big-crowd", MutualConnectionsAtLeast(50), Decision::Accept)
                .on(acquaint::Platform::Facebook),
        )
        .data_rule(
            rule("small-crowd", MutualConnectionsAtLeast(5), Decision::Accept)
                .on(acquaint::Platform::Facebook),
        )
        // Strings and settings: designers interest me, animals are my passion.
        .data_rule(
            rule("interesting", InterestingProfession(true), Decision::Accept)
                .on(acquaint::Platform::Twitter),
        )
        .data_rule(
            rule(
                "designers",
                Profession("Designer".into()),
                Decision::Decline,
            )
            .on(acquaint::Platform::Twitter),
        )
        .data_rule(
            rule(
                "biologists",
                Profession("biologist".into()),
                Decision::Decline,
            )
            .on(acquaint::Platform::Twitter),
        )
        .data_rule(
            rule("animals", Passion("animals".into()), Decision::Accept)
                .on(acquaint::Platform::Twitter),
        )
        .data_rule(
            rule("passionate", SharesPassion(true), Decision::Decline)
                .on(acquaint::Platform::Twitter),
        )
        // A rule for when I am job seeking is not reported, though I am not.
        .data_rule(
            rule(
                "job-hunt",
                All(vec![JobSeeking(true), Recruiter(true)]),
                Decision::Accept,
            )
            .on(acquaint::Platform::Twitter),
        )
        // Makes the recruiter override unreachable; not-met still decides
        // those who have only spoken.
        .data_rule(
            rule(
                "no-strangers",
                Acquaintance(acquaint::Acquaintance::Never),
                Decision::Decline,
            )
            .on(acquaint::Platform::LinkedIn),
        )
        .build()
        .unwrap()
}

fn acquaintance_platform() -> acquaint::Platform {
    "mastodon".parse().unwrap()
}

fn crafted_vocab() -> finite::Vocab {
    finite::Vocab {
        professions: vec!["designer", "biologist"],
        passions: vec!["animals"],
        tags: vec!["vip"],
        thresholds: vec![5, 10, 50],
        platforms: vec!["mastodon"],
        ..Default::default()
    }
}

#[test]
fn crafted_rules_give_these_warnings() {
    let policy = crafted();
    assert_eq!(
        texts(&policy),
        [
            "rule `friend-and-not` can never apply: its condition holds for no request on its platforms",
            "rule `twitter-on-linkedin` can never apply: its condition holds for no request on its platforms",
            "rule `met-never-spoke` can never apply: its condition holds for no request on its platforms",
            "rule `star-recruiters` can never decide: the earlier rule `stars` decides every request it applies to",
            "rule `met-vip` can never decide: the earlier rules `met` and `worked` decide every request it applies to",
            "rule `big-crowd` can never decide: the earlier rule `crowd` decides every request it applies to",
            "rule `designers` can never decide: the earlier rule `interesting` decides every request it applies to",
            "rule `passionate` can never decide: the earlier rules `interesting`, `biologists` and `animals` decide every request it applies to",
            "built-in rule `linkedin.recruiter-override` can never decide: the user rules `stars`, `vip`, `vip-or-friend` and `no-strangers` decide every request it would decide",
        ]
    );
    assert_eq!(policy.analyze().unwrap()[0].rule_id(), "friend-and-not");
}

#[test]
fn crafted_rules_match_the_oracle() {
    let policy = crafted();
    assert_eq!(policy.analyze().unwrap(), oracle(&policy, &crafted_vocab()));
}

#[test]
fn a_catch_all_rule_makes_the_built_in_rules_unreachable() {
    let mastodon: Platform = "mastodon".parse().unwrap();
    let policy = Policy::builder()
        .platform(mastodon.clone())
        .data_rule(DataRule::always("everyone", Decision::Accept, ""))
        .data_rule(
            rule(
                "mastodon-friends",
                Condition::Friend(true),
                Decision::Accept,
            )
            .on(mastodon),
        )
        .disable("twitter.no-purpose")
        .build()
        .unwrap();
    let warnings = policy.analyze().unwrap();
    let ids: Vec<&str> = warnings.iter().map(Warning::rule_id).collect();
    // The switched-off rule is not reported.
    assert_eq!(
        ids,
        [
            "mastodon-friends",
            "linkedin.recruiter-override",
            "linkedin.reputation-guard",
            "linkedin.not-met",
            "linkedin.cannot-vouch",
            "linkedin.mutual-vouch",
            "twitter.shared-purpose",
            "facebook.friend",
            "facebook.not-a-friend",
        ]
    );
    let vocab = finite::Vocab {
        platforms: vec!["mastodon"],
        ..Default::default()
    };
    assert_eq!(warnings, oracle(&policy, &vocab));
}

#[test]
fn two_rules_can_share_a_built_in_rule() {
    let policy = Policy::builder()
        .data_rule(
            rule(
                "in",
                Condition::Direction(Direction::Incoming),
                Decision::Accept,
            )
            .on(Platform::Facebook),
        )
        .data_rule(
            rule(
                "out",
                Condition::Direction(Direction::Outgoing),
                Decision::Decline,
            )
            .on(Platform::Facebook),
        )
        .build()
        .unwrap();
    assert_eq!(
        texts(&policy),
        [
            "built-in rule `facebook.friend` can never decide: the user rules `in` and `out` decide every request it would decide",
            "built-in rule `facebook.not-a-friend` can never decide: the user rules `in` and `out` decide every request it would decide",
        ]
    );
}

#[test]
fn rules_written_in_rust_are_opaque() {
    // Applies to everything: the analysis cannot know, so it hides nothing.
    let accept_all = rule_fn("accept-all", |_| Some(Decision::Accept));
    let policy = Policy::builder()
        .rule(accept_all)
        .data_rule(
            rule("vip", Condition::Tag("vip".into()), Decision::Accept).on(Platform::LinkedIn),
        )
        .build()
        .unwrap();
    // It is named, as data, and hides nothing.
    let warnings = policy.analyze().unwrap();
    assert_eq!(
        warnings,
        [Warning::NotAnalysed {
            rule: "accept-all".into()
        }]
    );
    assert_eq!(
        warnings[0].to_string(),
        "rule `accept-all` is written in Rust: the analysis cannot see when it applies, and \
         assumes it hides no other rule"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_policy_file_is_analysed_on_its_declared_platforms() {
    let policy: Policy = toml::from_str(
        r#"
        platforms = ["mastodon"]

        [[rules]]
        id = "fediverse"
        platforms = ["mastodon"]
        when = { any = [{ friend = true }, { tag = "fediverse" }] }
        decision = "accept"
        reason = "Friends and the fediverse crowd"

        [[rules]]
        id = "fediverse-friends"
        platforms = ["mastodon"]
        when = { friend = true, acquaintance = "met-in-person" }
        decision = "decline"
        reason = "Never reached"
        "#,
    )
    .unwrap();
    assert_eq!(
        texts(&policy),
        [
            "rule `fediverse-friends` can never decide: the earlier rule `fediverse` decides every request it applies to"
        ]
    );
}

#[test]
fn views_and_acquaintance_are_covered_value_by_value() {
    // Together the first two rules cover every view of mine on LinkedIn.
    let policy = Policy::builder()
        .data_rule(
            rule(
                "positive",
                Condition::MyView(View::Positive),
                Decision::Accept,
            )
            .on(Platform::LinkedIn),
        )
        .data_rule(
            rule(
                "not-positive",
                not(Condition::MyView(View::Positive)),
                Decision::Decline,
            )
            .on(Platform::LinkedIn),
        )
        .data_rule(
            rule(
                "worked-remotely",
                Condition::Acquaintance(Acquaintance::WorkedRemotely),
                Decision::Accept,
            )
            .on(Platform::LinkedIn),
        )
        .build()
        .unwrap();
    let ids: Vec<String> = policy
        .analyze()
        .unwrap()
        .iter()
        .map(|w| w.rule_id().to_owned())
        .collect();
    assert_eq!(
        ids,
        [
            "worked-remotely",
            "linkedin.recruiter-override",
            "linkedin.reputation-guard",
            "linkedin.not-met",
            "linkedin.cannot-vouch",
            "linkedin.mutual-vouch",
        ]
    );
}

// ---- Random policies against the oracle ------------------------------------

fn leaf() -> impl Strategy<Value = Condition> {
    prop_oneof![
        prop::sample::select(Acquaintance::ALL.to_vec()).prop_map(Condition::Acquaintance),
        any::<bool>().prop_map(Condition::MetInPerson),
        any::<bool>().prop_map(Condition::SpokeWith),
        prop::sample::select(View::ALL.to_vec()).prop_map(Condition::MyView),
        prop::sample::select(View::ALL.to_vec()).prop_map(Condition::TheirView),
        any::<bool>().prop_map(Condition::Recruiter),
        any::<bool>().prop_map(Condition::Friend),
        any::<bool>().prop_map(Condition::Star),
        any::<bool>().prop_map(Condition::JobSeeking),
        any::<bool>().prop_map(Condition::SharesProfession),
        prop::sample::select(Direction::ALL.to_vec()).prop_map(Condition::Direction),
        Just(Condition::Profession("pilot".into())),
        Just(Condition::Tag("a".into())),
        Just(Condition::MutualConnectionsAtLeast(5)),
        prop::sample::select(vec![
            Platform::LinkedIn,
            Platform::Twitter,
            "mastodon".parse().unwrap()
        ])
        .prop_map(Condition::Platform),
    ]
}

fn condition() -> impl Strategy<Value = Condition> {
    leaf().prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..3).prop_map(Condition::All),
            prop::collection::vec(inner.clone(), 1..3).prop_map(Condition::Any),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

fn data_rule(i: usize) -> impl Strategy<Value = DataRule> {
    let platforms = prop::sample::subsequence(
        vec![
            Platform::LinkedIn,
            Platform::Twitter,
            Platform::Facebook,
            "mastodon".parse().unwrap(),
        ],
        0..3,
    );
    (
        condition(),
        prop::sample::select(Decision::ALL.to_vec()),
        platforms,
    )
        .prop_map(move |(when, decision, platforms)| {
            let mut r = DataRule::new(format!("r{i}"), when, decision, "");
            for p in platforms {
                r = r.on(p);
            }
            r
        })
}

fn random_policy() -> impl Strategy<Value = Policy> {
    (
        data_rule(0),
        data_rule(1),
        data_rule(2),
        0..4usize,
        any::<bool>(),
    )
        .prop_map(|(a, b, c, n, pilot)| {
            let mut builder = Policy::builder()
                .platform("mastodon".parse().unwrap())
                .disable(BuiltinRule::ALL[n * 2].id());
            if pilot {
                builder = builder.profession("pilot");
            }
            builder
                .data_rule(a)
                .data_rule(b)
                .data_rule(c)
                .build()
                .unwrap()
        })
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_policies_match_the_oracle(policy in random_policy()) {
        let vocab = finite::Vocab {
            professions: vec!["pilot"],
            tags: vec!["a"],
            thresholds: vec![5],
            platforms: vec!["mastodon"],
            ..Default::default()
        };
        prop_assert_eq!(policy.analyze().unwrap(), oracle(&policy, &vocab));
    }
}

#[test]
fn a_policy_too_complex_to_cover_is_an_error_not_a_hang() {
    // Each rule halves what is left in two ways: 2^40 cases to cover. (The
    // `not` keeps the two tags apart: two tags named only together in one
    // `all` list are one fact, and would be covered rule by rule.)
    let mut builder = Policy::builder();
    for i in 0..40 {
        let when = Condition::All(vec![
            Condition::Tag(format!("a{i}")),
            not(Condition::Tag(format!("b{i}"))),
        ]);
        builder = builder.data_rule(rule(&format!("r{i}"), when, Decision::Accept));
    }
    let policy = builder.build().unwrap();
    let err = policy.analyze().unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy: too complex to analyse: its rules combine more facts than 20000000 steps can cover"
    );
    assert_eq!(
        policy
            .decision_table(&Platform::LinkedIn)
            .unwrap_err()
            .to_string(),
        "policy: the decision table would have more than 10000 rows"
    );
}

/// `has-message` is analysed like the other facts: a note and no note at
/// once is never true.
#[test]
fn has_message_both_ways_is_unsatisfiable() {
    let policy = Policy::builder()
        .data_rule(DataRule::new(
            "never",
            Condition::All(vec![
                Condition::HasMessage(true),
                Condition::Not(Box::new(Condition::HasMessage(true))),
            ]),
            Decision::Accept,
            "",
        ))
        .data_rule(DataRule::new(
            "noted",
            Condition::HasMessage(true),
            Decision::Accept,
            "",
        ))
        .build()
        .unwrap();
    assert_eq!(
        policy.analyze().unwrap(),
        [Warning::Unsatisfiable {
            rule: "never".into()
        }]
    );
}

// ---- Names read together, and large policies ---------------------------------

/// Tags and passions named only together in lists are one fact of the
/// analysis; the warnings are still those of the oracle, which knows
/// nothing of groups.
fn grouped_names() -> Policy {
    use Condition::*;
    let tags = |names: &[&str]| names.iter().map(|t| Tag((*t).into())).collect::<Vec<_>>();
    Policy::builder()
        .passion("animals")
        .passion("chess")
        // Shadowed: the block list decides everyone with `spam`.
        .data_rule(rule(
            "blocked",
            Any(tags(&["spam", "scam"])),
            Decision::Decline,
        ))
        .data_rule(rule("spammers", Tag("spam".into()), Decision::Accept))
        // Unsatisfiable: all of a group, and not one of it.
        .data_rule(rule(
            "team-but-not",
            All(vec![
                All(tags(&["team", "staff"])),
                not(Any(tags(&["team", "staff"]))),
            ]),
            Decision::Accept,
        ))
        // Both kinds of list: read alone, and satisfiable.
        .data_rule(
            rule(
                "team",
                All(vec![Any(tags(&["team", "staff"])), Friend(true)]),
                Decision::Accept,
            )
            .on(acquaint::Platform::LinkedIn),
        )
        // Shadowed by the built-in rule that reads the same passions.
        .data_rule(
            rule(
                "kindred",
                All(vec![SharesPassion(true), Star(false)]),
                Decision::Decline,
            )
            .on(acquaint::Platform::Twitter),
        )
        .data_rule(
            rule("chess-players", Passion("chess".into()), Decision::Accept)
                .on(acquaint::Platform::Twitter),
        )
        .build()
        .unwrap()
}

#[test]
fn names_read_together_match_the_oracle() {
    let policy = grouped_names();
    let vocab = finite::Vocab {
        passions: vec!["animals", "chess"],
        tags: vec!["spam", "scam", "team", "staff"],
        ..Default::default()
    };
    let warnings = policy.analyze().unwrap();
    assert_eq!(warnings, oracle(&policy, &vocab));
    let ids: Vec<&str> = warnings.iter().map(Warning::rule_id).collect();
    assert_eq!(ids, ["spammers", "team-but-not"]);
}

/// A plain block list is one fact, however long.
#[test]
fn a_block_list_of_ten_thousand_tags_is_analysed() {
    let tags = (0..10_000)
        .map(|i| Condition::Tag(format!("t{i}")))
        .collect();
    let policy = Policy::builder()
        .data_rule(rule("blocked", not(Condition::Any(tags)), Decision::Accept))
        .data_rule(rule("t7", Condition::Tag("t7".into()), Decision::Decline))
        .build()
        .unwrap();
    // `t7` is named alone too, so it stands apart from the rest: the
    // second rule decides those who carry it, the built-in rules those
    // with another tag.
    assert_eq!(policy.analyze().unwrap(), []);
}
