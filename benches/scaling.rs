//! How the analyses scale: each case at N and 10 N entries (N = 10,000),
//! so that the ratio of the two medians shows the cost of ten times the
//! input (about 10 is linear).
//!
//! Run with `cargo bench --bench scaling` (a few minutes; add `-- --quick`
//! while iterating, or a group's name such as `diff` to run only it). The
//! groups:
//!
//! - `analyze/{platforms,professions,passions}` and
//!   `decision_table/{platforms,professions,passions}`: the default policy
//!   with N declared platforms, interesting professions or passions;
//! - `analyze/block_list` and `decision_table/block_list`: one rule
//!   `not = { any = [N tags] }`;
//! - `decision_table/facebook_tags_{linkedin,facebook}`: the default policy
//!   plus one Facebook-only rule `any = [N tags]`, tabulated for LinkedIn
//!   (where the rule never applies) and for Facebook;
//! - `what_would_change/rules`: N / 10 and N one-tag rules (a policy holds
//!   at most `Policy::MAX_RULES` = 10,000 rules; 100,000 are refused when
//!   it is built);
//! - `what_would_change/conditions`: one rule `any = [N tags]`.
//! - `diff/block_list`: the block list of N tags against the same list
//!   with one tag more (two lists, each compiled), on Twitter;
//! - `diff/professions`: N interesting professions against the same with
//!   another profession of one's own, on Twitter;
//! - `build/own_platforms`: building (validating and compiling) a policy of
//!   N / 10 rules, each on 10 platforms of its own;
//! - `build/one_rule_platforms`: one rule on N platforms;
//! - `build/any_platform`: one rule `any = [platform = …]` over N
//!   platforms;
//! - `every_platform/{table,diff}`: N / 10 rules, each
//!   `all = [platform = …, tag = …]` on a platform of its own, with N / 10
//!   passions of mine: the decision table of every platform the policy
//!   declares, and its diff against the same policy with one rule's
//!   decision changed, as `acquaint table` and `acquaint diff` print them;
//! - `ask/{platforms,professions,passions}`: the questions that decide a
//!   stranger on Twitter, every fact unknown, against the settings cases;
//! - `evaluate/my_passions`: 1,000 contacts, each with two passions,
//!   decided on Twitter against N passions of mine: the same cost at any N;
//! - `what_would_change/my_passions`: a contact against N passions of
//!   mine.
//!
//! Policies are built outside the timed loop, as a host has its policy
//! already; the analyses build their model inside it, as they must.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use acquaint::{Condition, Contact, DataRule, Decision, Direction, Fact, Platform, Policy};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// The smaller input size; each case also runs at ten times it.
const N: usize = 10_000;

fn sizes() -> [usize; 2] {
    [N, 10 * N]
}

fn tags(n: usize) -> Vec<Condition> {
    (0..n).map(|i| Condition::Tag(format!("tag-{i}"))).collect()
}

fn declared_platforms(n: usize) -> Policy {
    let mut builder = Policy::builder();
    for i in 0..n {
        builder = builder.platform(format!("platform-{i}").parse().unwrap());
    }
    builder.build().unwrap()
}

fn interesting_professions(n: usize) -> Policy {
    let mut builder = Policy::builder().profession("software engineer");
    for i in 0..n {
        builder = builder.interesting_profession(format!("profession {i}"));
    }
    builder.build().unwrap()
}

fn passions(n: usize) -> Policy {
    let mut builder = Policy::builder();
    for i in 0..n {
        builder = builder.passion(format!("passion {i}"));
    }
    builder.build().unwrap()
}

fn block_list(n: usize) -> Policy {
    block_list_of(tags(n))
}

fn block_list_of(tags: Vec<Condition>) -> Policy {
    Policy::builder()
        .data_rule(DataRule::new(
            "not-blocked",
            Condition::Not(Box::new(Condition::Any(tags))),
            Decision::Accept,
            "",
        ))
        .build()
        .unwrap()
}

fn facebook_tags(n: usize) -> Policy {
    Policy::builder()
        .data_rule(
            DataRule::new(
                "facebook-tags",
                Condition::Any(tags(n)),
                Decision::Accept,
                "",
            )
            .on(Platform::Facebook),
        )
        .build()
        .unwrap()
}

/// `n` rules, each naming one tag: cheap to build, and each evaluation
/// tries them all.
fn one_tag_rules(n: usize) -> Policy {
    let mut builder = Policy::builder();
    for i in 0..n {
        builder = builder.data_rule(DataRule::new(
            format!("rule-{i}"),
            Condition::Tag(format!("tag-{i}")),
            Decision::Accept,
            "",
        ));
    }
    builder.build().unwrap()
}

type Make = fn(usize) -> Policy;

const SETTINGS_CASES: [(&str, Make); 3] = [
    ("platforms", declared_platforms),
    ("professions", interesting_professions),
    ("passions", passions),
];

fn analyze(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let cases = SETTINGS_CASES
        .into_iter()
        .chain([("block_list", block_list as Make)]);
    for (name, make) in cases {
        for n in sizes() {
            let policy = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &policy, |b, policy| {
                b.iter(|| black_box(policy.analyze().unwrap()))
            });
        }
    }
    group.finish();
}

fn decision_table(c: &mut Criterion) {
    let mut group = c.benchmark_group("decision_table");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let cases = SETTINGS_CASES
        .into_iter()
        .map(|(name, make)| (name, make, Platform::Twitter))
        .chain([
            ("block_list", block_list as Make, Platform::Twitter),
            ("facebook_tags_linkedin", facebook_tags, Platform::LinkedIn),
            ("facebook_tags_facebook", facebook_tags, Platform::Facebook),
        ]);
    for (name, make, platform) in cases {
        for n in sizes() {
            let policy = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &policy, |b, policy| {
                b.iter(|| black_box(policy.decision_table(&platform).unwrap()))
            });
        }
    }
    group.finish();
}

fn what_would_change(c: &mut Criterion) {
    let mut group = c.benchmark_group("what_would_change");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let stranger = Contact::new("Sam");
    let cases: [(&str, Make, [usize; 2], Platform); 2] = [
        ("rules", one_tag_rules, [N / 10, N], Platform::LinkedIn),
        // The rule is tried only on Facebook.
        ("conditions", facebook_tags, sizes(), Platform::Facebook),
    ];
    for (name, make, sizes, platform) in cases {
        for n in sizes {
            let policy = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &policy, |b, policy| {
                b.iter(|| {
                    black_box(policy.what_would_change(&stranger, &platform, Direction::Incoming))
                })
            });
        }
    }
    group.finish();
}

/// Each case: the policy before and the policy after an edit, for N.
type MakePair = fn(usize) -> (Policy, Policy);

fn block_list_one_more(n: usize) -> (Policy, Policy) {
    (block_list(n), block_list_of(tags(n + 1)))
}

fn another_profession(n: usize) -> (Policy, Policy) {
    let before = interesting_professions(n);
    let after = before
        .clone()
        .into_builder()
        .profession("designer")
        .build()
        .unwrap();
    (before, after)
}

fn diff(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let cases: [(&str, MakePair); 2] = [
        ("block_list", block_list_one_more),
        ("professions", another_profession),
    ];
    for (name, make) in cases {
        for n in sizes() {
            let (before, after) = make(n);
            // Checked once, outside the timed loop: the edit shows.
            assert!(!before.diff(&after, &Platform::Twitter).unwrap().is_empty());
            group.bench_with_input(BenchmarkId::new(name, n), &(before, after), |b, pair| {
                b.iter(|| black_box(pair.0.diff(&pair.1, &Platform::Twitter).unwrap()))
            });
        }
    }
    group.finish();
}

fn platform(i: usize) -> Platform {
    format!("platform-{i}").parse().unwrap()
}

/// The rules of a policy whose every rule names platforms of its own: `n`
/// platforms in all, ten to a rule.
fn own_platform_rules(n: usize) -> Vec<DataRule> {
    (0..n / 10)
        .map(|r| {
            (0..10).fold(
                DataRule::new(
                    format!("rule-{r}"),
                    Condition::Star(true),
                    Decision::Accept,
                    "",
                ),
                |rule, i| rule.on(platform(r * 10 + i)),
            )
        })
        .collect()
}

fn one_rule_on_platforms(n: usize) -> Vec<DataRule> {
    vec![(0..n).fold(
        DataRule::new("wide", Condition::Star(true), Decision::Accept, ""),
        |rule, i| rule.on(platform(i)),
    )]
}

fn any_platform(n: usize) -> Vec<DataRule> {
    let any = Condition::Any((0..n).map(|i| Condition::Platform(platform(i))).collect());
    vec![DataRule::new("any-platform", any, Decision::Accept, "")]
}

type MakeRules = fn(usize) -> Vec<DataRule>;

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let cases: [(&str, MakeRules); 3] = [
        ("own_platforms", own_platform_rules),
        ("one_rule_platforms", one_rule_on_platforms),
        ("any_platform", any_platform),
    ];
    for (name, make) in cases {
        for n in sizes() {
            let rules = make(n);
            // The rules are cloned in the loop, as a host building a
            // policy from its own records pays for them too.
            group.bench_with_input(BenchmarkId::new(name, n), &rules, |b, rules| {
                b.iter(|| {
                    let builder = rules
                        .iter()
                        .cloned()
                        .fold(Policy::builder(), |b, rule| b.data_rule(rule));
                    black_box(builder.build().unwrap())
                })
            });
        }
    }
    group.finish();
}

/// N / 10 rules, each on a platform of its own named in its condition,
/// with N / 10 passions of mine; the rule at `changed` declines.
fn own_platform_conditions(n: usize, changed: Option<usize>) -> Policy {
    let rules = n / 10;
    let mut builder = Policy::builder();
    for i in 0..rules {
        builder = builder
            .platform(platform(i))
            .passion(format!("passion-{i}"));
        let when = Condition::All(vec![
            Condition::Platform(platform(i)),
            Condition::Tag(format!("tag-{i}")),
        ]);
        let decision = if changed == Some(i) {
            Decision::Decline
        } else {
            Decision::Accept
        };
        builder = builder.data_rule(DataRule::new(format!("rule-{i}"), when, decision, ""));
    }
    builder.build().unwrap()
}

fn every_platform(c: &mut Criterion) {
    let mut group = c.benchmark_group("every_platform");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let policy = own_platform_conditions(n, None);
        group.bench_with_input(BenchmarkId::new("table", n), &policy, |b, policy| {
            b.iter(|| {
                for platform in policy.platforms() {
                    black_box(policy.decision_table(platform).unwrap());
                }
            })
        });
        let after = own_platform_conditions(n, Some(n / 20));
        let pair = (policy, after);
        group.bench_with_input(BenchmarkId::new("diff", n), &pair, |b, (before, after)| {
            b.iter(|| {
                for platform in before.platforms() {
                    black_box(before.diff(after, platform).unwrap());
                }
            })
        });
    }
    group.finish();
}

fn ask(c: &mut Criterion) {
    let mut group = c.benchmark_group("ask");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    let stranger = Contact::new("Sam");
    for (name, make) in SETTINGS_CASES {
        for n in sizes() {
            let policy = make(n);
            group.bench_with_input(BenchmarkId::new(name, n), &policy, |b, policy| {
                b.iter(|| {
                    black_box(
                        policy
                            .ask(
                                &stranger,
                                &Fact::ALL,
                                &Platform::Twitter,
                                Direction::Incoming,
                            )
                            .unwrap(),
                    )
                })
            });
        }
    }
    group.finish();
}

fn my_passions(c: &mut Criterion) {
    let contacts: Vec<Contact> = (0..1_000)
        .map(|i| {
            Contact::new("Ada")
                .with_passion(format!("theirs {i}"))
                .with_passion(format!("other {i}"))
        })
        .collect();
    let mut group = c.benchmark_group("evaluate");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let policy = passions(n);
        group.bench_with_input(BenchmarkId::new("my_passions", n), &policy, |b, policy| {
            b.iter(|| {
                for c in &contacts {
                    black_box(policy.evaluate(c, &Platform::Twitter, Direction::Incoming));
                }
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("what_would_change");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for n in sizes() {
        let policy = passions(n);
        let ada = &contacts[0];
        group.bench_with_input(BenchmarkId::new("my_passions", n), &policy, |b, policy| {
            b.iter(|| {
                black_box(policy.what_would_change(ada, &Platform::LinkedIn, Direction::Incoming))
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    analyze,
    decision_table,
    what_would_change,
    diff,
    build,
    every_platform,
    ask,
    my_passions
);
criterion_main!(benches);
