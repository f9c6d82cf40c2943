//! How fast acquaint decides, next to the same rules written by hand.
//!
//! Run with `cargo bench --bench evaluate`. The groups:
//!
//! - `evaluate/hand_written_match`: the built-in philosophy as a plain
//!   `match` over the same contacts: the baseline;
//! - `evaluate/default_policy`: the built-in philosophy through
//!   [`Policy::evaluate`];
//! - `evaluate/data_policy_20_rules`: 20 user rules loaded from
//!   `benches/data/twenty-rules.toml`, then the built-in rules;
//! - `batch/one_million`: one million distinct contacts in one batch through
//!   [`Policy::evaluate_all`];
//! - `load/policy_20_rules`: parsing and validating that TOML document.
//!
//! The `evaluate` group runs each benchmark over the same 1,024 requests (a
//! seeded mix of contacts, the three built-in platforms and both
//! directions) and reports time per request as throughput.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;

use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const TWENTY_RULES: &str = include_str!("data/twenty-rules.toml");
const MIX_LEN: usize = 1024;
const BATCH_LEN: usize = 1_000_000;
const SEED: u64 = 0x5eed_acc0_u64;

/// xorshift64*: enough randomness for a fixed, reproducible mix, without a
/// dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 32) as usize % n
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// Mixed case on purpose: folding happens when the contact is built.
const PROFESSIONS: [&str; 8] = [
    "Software Engineer",
    "designer",
    "Biologist",
    "veterinarian",
    "accountant",
    "Data Scientist",
    "illustrator",
    "sales",
];
const PASSIONS: [&str; 6] = [
    "animals",
    "Climbing",
    "open source",
    "chess",
    "cooking",
    "Running",
];
const TAGS: [&str; 10] = [
    "conference-2026",
    "referred",
    "spam",
    "family",
    "team-alpha",
    "fediverse",
    "maintainer",
    "journalist",
    "blocked",
    "Alumni",
];
const VIEWS: [View; 6] = [
    View::Positive,
    View::Positive,
    View::Positive,
    View::Unknown,
    View::Unknown,
    View::Negative,
];

fn contact(rng: &mut Rng, i: usize) -> Contact {
    let mut c = Contact::new(format!("Contact {i}"))
        .with_acquaintance(rng.pick(&Acquaintance::ALL))
        .with_my_view(rng.pick(&VIEWS))
        .with_their_view(rng.pick(&VIEWS))
        .with_recruiter(rng.chance(15))
        .with_friend(rng.chance(20))
        .with_star(rng.chance(5))
        .with_facebook_friend(rng.chance(30))
        .with_mutual_connections(rng.below(500) as u32);
    if rng.chance(80) {
        c = c.with_profession(rng.pick(&PROFESSIONS));
    }
    for _ in 0..rng.below(3) {
        c = c.with_passion(rng.pick(&PASSIONS));
    }
    if rng.chance(30) {
        c = c.with_tag(rng.pick(&TAGS));
    }
    c
}

/// A seeded mix of requests across the three built-in platforms and both
/// directions.
fn requests(len: usize, seed: u64) -> Vec<(Contact, Platform, Direction)> {
    let mut rng = Rng(seed);
    let platforms = [Platform::LinkedIn, Platform::Twitter, Platform::Facebook];
    (0..len)
        .map(|i| {
            let c = contact(&mut rng, i);
            let p = platforms[rng.below(platforms.len())].clone();
            let d = rng.pick(&Direction::ALL);
            (c, p, d)
        })
        .collect()
}

/// The built-in philosophy with a user's settings, so that Twitter rules
/// compare professions and passions.
fn default_policy() -> Policy {
    Policy::builder()
        .job_seeking(true)
        .profession("software engineer")
        .interesting_profession("designer")
        .interesting_profession("biologist")
        .passion("animals")
        .passion("climbing")
        .build()
        .unwrap()
}

/// The same settings, as plain data for the hand-written rules.
struct Mine {
    job_seeking: bool,
    profession: &'static str,
    interesting: [&'static str; 2],
    passions: [&'static str; 2],
}

const MINE: Mine = Mine {
    job_seeking: true,
    profession: "software engineer",
    interesting: ["designer", "biologist"],
    passions: ["animals", "climbing"],
};

/// The built-in philosophy written by hand as a plain `match`: the fastest
/// the same decisions can be made from the same contacts.
#[inline(never)]
fn hand_written(
    me: &Mine,
    c: &Contact,
    platform: &Platform,
    direction: Direction,
) -> (Decision, &'static str) {
    use Acquaintance::*;
    match platform {
        Platform::LinkedIn => {
            let met = matches!(
                c.acquaintance(),
                MetInPerson | WorkedRemotely | WorkedInPerson
            );
            let (mine, theirs) = (c.my_view(), c.their_view());
            if direction == Direction::Incoming
                && me.job_seeking
                && c.is_recruiter()
                && c.acquaintance() == Never
            {
                (Decision::Accept, "linkedin.recruiter-override")
            } else if mine == View::Negative || theirs == View::Negative {
                (Decision::Decline, "linkedin.reputation-guard")
            } else if !met {
                (Decision::MeetFirst, "linkedin.not-met")
            } else if mine == View::Unknown || theirs == View::Unknown {
                (Decision::Decline, "linkedin.cannot-vouch")
            } else {
                (Decision::Accept, "linkedin.mutual-vouch")
            }
        }
        Platform::Twitter => {
            let profession = c.profession();
            let purpose = profession == Some(me.profession)
                || profession.is_some_and(|p| me.interesting.contains(&p))
                || c.is_star()
                || me.passions.iter().any(|p| c.passions().any(|x| x == *p));
            if purpose {
                (Decision::Accept, "twitter.shared-purpose")
            } else {
                (Decision::Decline, "twitter.no-purpose")
            }
        }
        Platform::Facebook if c.is_friend() => (Decision::Accept, "facebook.friend"),
        Platform::Facebook => (Decision::Decline, "facebook.not-a-friend"),
        _ => (Decision::Decline, "fallback"),
    }
}

/// The same through acquaint: a decision and the id of the rule that made it.
#[inline(never)]
fn with_policy<'a>(
    policy: &'a Policy,
    c: &'a Contact,
    platform: &'a Platform,
    direction: Direction,
) -> (Decision, &'a str) {
    let verdict = policy.evaluate(c, platform, direction);
    (verdict.decision(), verdict.rule_id())
}

fn evaluate(c: &mut Criterion) {
    let mix = requests(MIX_LEN, SEED);
    let builtin = default_policy();
    let data: Policy = toml::from_str(TWENTY_RULES).unwrap();

    // The baseline must make the same decisions, or the ratio means nothing.
    for (contact, platform, direction) in &mix {
        let v = builtin.evaluate(contact, platform, *direction);
        let hand = hand_written(&MINE, contact, platform, *direction);
        assert_eq!(
            (v.decision(), v.rule_id()),
            hand,
            "{contact:?} on {platform}"
        );
    }
    // Many requests run through all 20 rules to a built-in one; the others
    // stop at the user rule that applies.
    let by_user_rule = mix
        .iter()
        .filter(|(c, p, d)| data.evaluate(c, p, *d).builtin_rule().is_none())
        .count();
    assert!((100..MIX_LEN / 2).contains(&by_user_rule), "{by_user_rule}");

    let mut group = c.benchmark_group("evaluate");
    group.throughput(Throughput::Elements(MIX_LEN as u64));
    group.bench_function("hand_written_match", |b| {
        b.iter(|| {
            for (contact, platform, direction) in black_box(&mix) {
                black_box(hand_written(&MINE, contact, platform, *direction));
            }
        })
    });
    group.bench_function("default_policy", |b| {
        b.iter(|| {
            for (contact, platform, direction) in black_box(&mix) {
                black_box(with_policy(&builtin, contact, platform, *direction));
            }
        })
    });
    group.bench_function("data_policy_20_rules", |b| {
        b.iter(|| {
            for (contact, platform, direction) in black_box(&mix) {
                black_box(with_policy(&data, contact, platform, *direction));
            }
        })
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let million = requests(BATCH_LEN, SEED ^ 0xb47c);
    let policy = default_policy();
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
                    _ => 2,
                };
                tally[slot] += 1;
            }
            black_box(tally)
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

criterion_group!(benches, evaluate, batch, load);
criterion_main!(benches);
