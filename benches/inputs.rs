//! How the operations on hostile inputs scale, outside the analyses (see
//! `benches/scaling.rs` for those): each case at N and 10 N entries
//! (N = 10,000), so that the ratio of the two medians shows the cost of ten
//! times the input (about 10 is linear).
//!
//! Run with `cargo bench --bench inputs` (add `-- --quick` while
//! iterating). The groups:
//!
//! - `load/{platforms,professions,passions,block_list}`: parsing and
//!   validating a JSON policy document that declares N platforms,
//!   interesting professions or passions, or holds one rule
//!   `not = { any = [N tags] }`; the text is built outside the timed loop,
//!   as a host reads it from a file;
//! - `contact/tags`: building a contact with N tags, as a host reading
//!   records does;
//! - `evaluate/block_list` and `explain/block_list`: deciding, then
//!   explaining, a request the block list of N tags decides.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use acquaint::{Contact, Direction, Platform, Policy, Verdict};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

/// The smaller input size; each case also runs at ten times it.
const N: usize = 10_000;

fn sizes() -> [usize; 2] {
    [N, 10 * N]
}

/// A JSON list of `n` strings `prefix-0`, `prefix-1`, ...
fn names(prefix: &str, n: usize) -> String {
    let names: Vec<String> = (0..n).map(|i| format!("\"{prefix}-{i}\"")).collect();
    format!("[{}]", names.join(","))
}

fn block_list_document(n: usize) -> String {
    let tags: Vec<String> = (0..n).map(|i| format!(r#"{{"tag":"tag-{i}"}}"#)).collect();
    format!(
        r#"{{"rules":[{{"id":"not-blocked","when":{{"not":{{"any":[{}]}}}},
            "decision":"accept","reason":"Not on the block list"}}]}}"#,
        tags.join(",")
    )
}

/// Writes a policy document with `n` entries.
type Document = fn(usize) -> String;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    let cases: [(&str, Document); 4] = [
        ("platforms", |n| {
            format!(r#"{{"platforms":{}}}"#, names("platform", n))
        }),
        ("professions", |n| {
            format!(
                r#"{{"interesting-professions":{}}}"#,
                names("profession", n)
            )
        }),
        ("passions", |n| {
            format!(r#"{{"passions":{}}}"#, names("passion", n))
        }),
        ("block_list", block_list_document),
    ];
    for (name, document) in cases {
        for n in sizes() {
            let text = document(n);
            group.bench_with_input(BenchmarkId::new(name, n), &text, |b, text| {
                b.iter(|| serde_json::from_str::<Policy>(black_box(text)).unwrap());
            });
        }
    }
    group.finish();
}

fn contact(c: &mut Criterion) {
    let mut group = c.benchmark_group("contact");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let tags: Vec<String> = (0..n).map(|i| format!("Tag-{i}")).collect();
        group.bench_with_input(BenchmarkId::new("tags", n), &tags, |b, tags| {
            b.iter(|| {
                let mut contact = Contact::new("Ada");
                for tag in tags {
                    contact = contact.with_tag(tag);
                }
                contact
            });
        });
    }
    group.finish();
}

/// What is timed with each verdict.
type Work = fn(&Verdict<'_>) -> usize;

fn block_list(c: &mut Criterion) {
    let stranger = Contact::new("Ada").with_tag("friend-of-a-friend");
    let policies: Vec<(usize, Policy)> = sizes()
        .into_iter()
        .map(|n| (n, serde_json::from_str(&block_list_document(n)).unwrap()))
        .collect();
    // Deciding alone, then deciding and explaining.
    let cases: [(&str, Work); 2] = [
        ("evaluate", |v| v.decision() as usize),
        ("explain", |v| v.explanation().len()),
    ];
    for (name, work) in cases {
        let mut group = c.benchmark_group(name);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(5));
        for (n, policy) in &policies {
            group.bench_with_input(BenchmarkId::new("block_list", n), policy, |b, policy| {
                b.iter(|| {
                    let verdict = policy.evaluate(
                        black_box(&stranger),
                        &Platform::LinkedIn,
                        Direction::Incoming,
                    );
                    work(&verdict)
                });
            });
        }
        group.finish();
    }
}

criterion_group!(benches, load, contact, block_list);
criterion_main!(benches);
