//! How fast acquaint decides, next to the same rules written by hand, over
//! 16,384 distinct seeded random requests (see `benches/common/mod.rs`).
//!
//! Run with `cargo bench --bench evaluate`; add a filter such as
//! `-- prebuilt/` to run one group. The groups, each reporting time per
//! request as throughput:
//!
//! - `prebuilt/*`: contacts built beforehand, with names, professions,
//!   passions and tags:
//!   - `hand_written`: the built-in philosophy as a plain `match`: the
//!     baseline;
//!   - `builtin`: the built-in philosophy through [`Policy::evaluate`];
//!   - `default_toml`: the same philosophy as data rules
//!     (`examples/policies/default.toml`), with the same settings;
//!   - `twenty_rules`: 20 user rules from `benches/data/twenty-rules.toml`,
//!     then the built-in rules;
//!   - `twenty_hand_written`: those 20 rules and the built-in ones they
//!     leave on, written by hand: the baseline of `twenty_rules`;
//! - `in_loop/*`: each `Contact` built inside the timed loop from a record
//!   of plain data (the finite facts, no strings), and dropped, as a host
//!   reading records does; `hand_written` decides from the record itself;
//! - `batch/one_million`: one million distinct contacts in one batch through
//!   [`Policy::evaluate_all`];
//! - `load/policy_20_rules`: parsing and validating that TOML document;
//! - `from_json/*`: reading the 16,384 contacts of `prebuilt` from JSON
//!   lines, as a host serving JSON does: `contact` into [`Contact`],
//!   `plain_struct` into a plain `#[derive(Deserialize)]` struct of the same
//!   fields (`String`s, `Vec<String>`s, `bool`s, a `u32`): the baseline.
//!
//! Each benchmark first checks that acquaint and the hand-written rules
//! agree on every request, so that their ratio compares the same work.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

mod common;

use std::hint::black_box;

use acquaint::{Contact, Decision, Policy};
use common::{
    MINE, REQUESTS, SEED, builtin_policy, check_agreement, check_twenty_agreement,
    default_toml_policy, hand_written, hand_written_record, records, requests, twenty_hand_written,
    twenty_rules_policy, with_policy,
};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const TWENTY_RULES: &str = include_str!("data/twenty-rules.toml");
const BATCH_LEN: usize = 1_000_000;

fn prebuilt(c: &mut Criterion) {
    let mix = requests(REQUESTS, SEED);
    let builtin = builtin_policy();
    let data = default_toml_policy();
    let twenty = twenty_rules_policy();
    check_agreement(&builtin, &mix, &[]);
    check_agreement(&data, &mix, &[]);
    check_twenty_agreement(&twenty, &mix);
    // Many requests run through all 20 rules to a built-in one; the others
    // stop at the user rule that applies.
    let by_user_rule = mix
        .iter()
        .filter(|(c, p, d)| twenty.evaluate(c, p, *d).builtin_rule().is_none())
        .count();
    assert!(
        (REQUESTS / 4..REQUESTS * 3 / 4).contains(&by_user_rule),
        "{by_user_rule}"
    );

    let mut group = c.benchmark_group("prebuilt");
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.bench_function("hand_written", |b| {
        b.iter(|| {
            for (contact, platform, direction) in black_box(&mix) {
                black_box(hand_written(&MINE, contact, platform, *direction));
            }
        })
    });
    group.bench_function("twenty_hand_written", |b| {
        b.iter(|| {
            for (contact, platform, direction) in black_box(&mix) {
                black_box(twenty_hand_written(contact, platform, *direction));
            }
        })
    });
    for (name, policy) in [
        ("builtin", &builtin),
        ("default_toml", &data),
        ("twenty_rules", &twenty),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for (contact, platform, direction) in black_box(&mix) {
                    black_box(with_policy(policy, contact, platform, *direction));
                }
            })
        });
    }
    group.finish();
}

fn in_loop(c: &mut Criterion) {
    let records = records(REQUESTS, SEED ^ 0x1007);
    let builtin = builtin_policy();
    let data = default_toml_policy();
    check_agreement(&builtin, &[], &records);
    check_agreement(&data, &[], &records);

    let mut group = c.benchmark_group("in_loop");
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.bench_function("hand_written", |b| {
        b.iter(|| {
            for record in black_box(&records) {
                black_box(hand_written_record(&MINE, record));
            }
        })
    });
    for (name, policy) in [("builtin", &builtin), ("default_toml", &data)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for record in black_box(&records) {
                    let contact = record.contact();
                    black_box(with_policy(
                        policy,
                        &contact,
                        &record.platform,
                        record.direction,
                    ));
                }
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let million = requests(BATCH_LEN, SEED ^ 0xb47c);
    let policy = builtin_policy();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(BATCH_LEN as u64));
    group.bench_function("one_million", |b| {
        b.iter(|| {
            // What a triage tool does with a batch: act on each decision.
            let mut tally = [0usize; 3];
            for verdict in policy.evaluate_all(black_box(&million)) {
                let slot = match verdict.decision() {
                    Decision::Accept => 0,
                    Decision::MeetFirst => 1,
                    Decision::Decline => 2,
                };
                tally[slot] += 1;
            }
            black_box(tally)
        })
    });
    group.finish();
}

/// A contact as a host would derive it without acquaint: the same fields,
/// plain strings, no folding, no checks.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[allow(dead_code)] // Read only by the deserializer.
struct PlainContact {
    name: String,
    #[serde(default)]
    acquaintance: Option<String>,
    #[serde(default)]
    my_view: Option<String>,
    #[serde(default)]
    their_view: Option<String>,
    #[serde(default)]
    recruiter: bool,
    #[serde(default)]
    friend: bool,
    #[serde(default)]
    star: bool,
    #[serde(default)]
    profession: Option<String>,
    #[serde(default)]
    passions: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    facebook_friend: bool,
    #[serde(default)]
    mutual_connections: u32,
    #[serde(default)]
    message: Option<String>,
}

fn from_json(c: &mut Criterion) {
    let lines: Vec<String> = requests(REQUESTS, SEED)
        .iter()
        .map(|(contact, _, _)| serde_json::to_string(contact).unwrap())
        .collect();
    // Both read every line, so their ratio compares the same input.
    for line in &lines {
        let plain: PlainContact = serde_json::from_str(line).unwrap();
        let contact: Contact = serde_json::from_str(line).unwrap();
        assert_eq!(plain.name, contact.name(), "{line}");
    }
    let mut group = c.benchmark_group("from_json");
    group.throughput(Throughput::Elements(REQUESTS as u64));
    group.bench_function("plain_struct", |b| {
        b.iter(|| {
            for line in black_box(&lines) {
                black_box(serde_json::from_str::<PlainContact>(line).unwrap());
            }
        })
    });
    group.bench_function("contact", |b| {
        b.iter(|| {
            for line in black_box(&lines) {
                black_box(serde_json::from_str::<Contact>(line).unwrap());
            }
        })
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.throughput(Throughput::Elements(1));
    group.bench_function("policy_20_rules", |b| {
        b.iter(|| toml::from_str::<Policy>(black_box(TWENTY_RULES)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, prebuilt, in_loop, batch, from_json, load);
criterion_main!(benches);
