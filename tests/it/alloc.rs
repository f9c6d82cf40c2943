//! No heap allocation on the decision path: `evaluate` and `evaluate_all`
//! decide without allocating; only the explanation and the reply, built on
//! demand, allocate.
//!
//! A counting global allocator counts the allocations of the current thread
//! only, so tests running in parallel on other threads do not disturb the
//! count. It is the allocator of the whole test binary: it only forwards to
//! `System` and bumps a thread-local counter.

// `GlobalAlloc` is an unsafe trait, so counting allocations takes an
// `unsafe impl`; it only forwards to `System`. The library itself forbids
// unsafe code (`#![forbid(unsafe_code)]` in src/lib.rs).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::hint::black_box;

use crate::common::finite;
use acquaint::{
    Condition, Contact, DataRule, Decision, Direction, Platform, Policy, Request, Rule, Verdict,
};

struct Counting;

thread_local! {
    // A `const` initializer: no lazy set-up, which could itself allocate.
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: the thread may be tearing down its locals.
    let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
}

fn allocations_so_far() -> u64 {
    ALLOCATIONS.with(Cell::get)
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees are ours; counting touches only a
// thread-local `Cell` and never allocates.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: forwarded as is; the caller upholds `alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: as above; `ptr` came from this allocator, that is `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns what it returned with the number of allocations
/// (and reallocations) it made on this thread.
fn counting<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = allocations_so_far();
    let out = black_box(f());
    (out, allocations_so_far() - before)
}

/// What the decision path yields: the decision, the rule and whether the
/// fallback decided. Reading them must not allocate either.
fn decided(v: &Verdict<'_>) -> (Decision, usize, bool) {
    (v.decision(), v.rule_id().len(), v.is_fallback())
}

/// How many sets of strings and counts [`contacts`] gives each contact.
const EXTRAS: usize = 8;

/// Every finite contact, each with every one of [`EXTRAS`] sets of a
/// profession, a passion, a tag, mutual connections and a message, in mixed
/// case, some matching the policies' settings and rules.
fn contacts() -> Vec<Contact> {
    let mut out = Vec::new();
    for contact in finite::contacts() {
        for k in 0..EXTRAS {
            out.push(
                contact
                    .clone()
                    .with_profession(["Designer", "Software Engineer", "sales"][k % 3])
                    .with_passion(["Animals", "chess"][k % 2])
                    .with_tag(["VIP", "conference-2026", "spam"][k % 3])
                    .with_mutual_connections(k as u32 * 100)
                    .with_message("Hello! I'd like to add you to my network."),
            );
        }
    }
    out
}

fn platforms() -> Vec<Platform> {
    vec![
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        "mastodon".parse().unwrap(),
    ]
}

/// Asserts that no evaluation of any contact, platform and direction
/// allocates, and returns how many there were.
fn assert_no_allocation(policy: &Policy) -> usize {
    let (contacts, platforms) = (contacts(), platforms());
    let mut checked = 0;
    for contact in &contacts {
        for platform in &platforms {
            for direction in Direction::ALL {
                let (out, n) = counting(|| decided(&policy.evaluate(contact, platform, direction)));
                assert_eq!(
                    n, 0,
                    "{n} allocations for {contact:?} on {platform} ({out:?})"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn the_counter_counts() {
    let (_, n) = counting(|| Vec::<u64>::with_capacity(4));
    assert_eq!(n, 1);
    let (_, n) = counting(|| 40 + 2);
    assert_eq!(n, 0);
}

#[test]
fn explanations_allocate_decisions_do_not() {
    let policy = Policy::default();
    let contact = Contact::new("Sam");
    let (verdict, n) =
        counting(|| policy.evaluate(&contact, &Platform::LinkedIn, Direction::Incoming));
    assert_eq!(n, 0);
    let (_, n) = counting(|| (verdict.explanation(), verdict.reply()));
    assert!(n >= 2, "building the explanation and the reply allocates");
}

#[test]
fn the_default_policy_decides_without_allocating() {
    let checked = assert_no_allocation(&Policy::default());
    assert_eq!(checked, finite::count() * EXTRAS * 4 * 2);
}

#[test]
fn the_default_policy_with_settings_decides_without_allocating() {
    let policy = Policy::builder()
        .job_seeking(true)
        .profession("software engineer")
        .interesting_profession("Designer")
        .passion("animals")
        .passion("climbing")
        .fallback(Decision::MeetFirst)
        .build()
        .unwrap();
    assert_no_allocation(&policy);
}

#[test]
fn a_data_policy_decides_without_allocating() {
    let policy: Policy = toml::from_str(
        r#"
        job-seeking = true
        profession = "software engineer"
        passions = ["animals"]
        platforms = ["mastodon"]
        disable = ["linkedin.recruiter-override"]
        fallback = "meet-first"

        [[rules]]
        id = "no-spam"
        when = { any = [{ tag = "spam" }, { tag = "scam" }] }
        decision = "decline"
        reason = "They sent spam"

        [[rules]]
        id = "warm-recruiters"
        platforms = ["linkedin"]
        when = { all = [
            { recruiter = true },
            { direction = "incoming" },
            { any = [{ tag = "referred" }, { mutual-connections-at-least = 500 }] },
        ] }
        decision = "meet-first"
        reason = "A recruiter someone I trust knows"

        [[rules]]
        id = "speakers"
        platforms = ["linkedin", "twitter"]
        when = { all = [
            { tag = "CONFERENCE-2026" },
            { met-in-person = true },
            { not = { any = [{ my-view = "negative" }, { their-view = "negative" }] } },
        ] }
        decision = "accept"
        reason = "We met at the conference"

        [[rules]]
        id = "designers"
        platforms = ["twitter", "mastodon"]
        when = { any = [{ profession = "Designer" }, { shares-passion = true }, { star = true }] }
        decision = "accept"
        reason = "Designers and animal people"

        [[rules]]
        id = "fediverse"
        platforms = ["mastodon"]
        when = { all = [{ platform = "mastodon" }, { not = { tag = "vip" } }, { shares-profession = false }] }
        decision = "decline"
        reason = "Only VIPs and engineers on Mastodon"
        "#,
    )
    .unwrap();
    assert_no_allocation(&policy);
}

/// Data policies are compiled when they are loaded (the README's
/// "Performance"): the compiled form decides without allocating too, on
/// the philosophy as data rules and on 20 user rules with user-named
/// platforms, whatever the job-seeking setting.
#[test]
fn compiled_data_policies_decide_without_allocating() {
    let documents = [
        include_str!("../../examples/policies/default.toml"),
        include_str!("../../benches/data/twenty-rules.toml"),
    ];
    for text in documents {
        let mut policy: Policy = toml::from_str(text).unwrap();
        for job_seeking in [false, true] {
            policy.set_job_seeking(job_seeking);
            assert_no_allocation(&policy);
        }
    }
}

#[test]
fn a_data_policy_built_in_code_decides_without_allocating() {
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "vip",
                Condition::Any(vec![
                    Condition::Tag("VIP".into()),
                    Condition::Passion("Animals".into()),
                ]),
                Decision::Accept,
                "VIPs and animal people",
            )
            .on(Platform::Twitter)
            .on("mastodon".parse().unwrap()),
        )
        .data_rule(DataRule::always("facebook-off", Decision::Decline, "").on(Platform::Facebook))
        .build()
        .unwrap();
    assert_no_allocation(&policy);
}

/// A rule written in Rust that reads the contact through the public API:
/// `has_tag` with a name in any case must not allocate either. Written out
/// as the README's "In Rust" example is, not with `common::rule_fn`: what
/// must not allocate is the rule a host writes.
#[derive(Debug)]
struct Recommended;

impl Rule for Recommended {
    fn id(&self) -> &str {
        "recommended"
    }

    fn decide(&self, request: &Request<'_>) -> Option<Decision> {
        let c = request.contact;
        (c.has_tag("VIP") || c.has_passion(" animals ")).then_some(Decision::Accept)
    }
}

#[test]
fn a_rust_rule_reading_tags_decides_without_allocating() {
    let policy = Policy::builder().rule(Recommended).build().unwrap();
    assert_no_allocation(&policy);
}

#[test]
fn batches_allocate_only_their_output() {
    let policy = Policy::builder().passion("animals").build().unwrap();
    let (contacts, platforms) = (contacts(), platforms());
    let requests: Vec<(Contact, Platform, Direction)> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.clone(), platforms[i % 4].clone(), Direction::ALL[i % 2]))
        .collect();

    // Acting on each verdict as it comes: nothing allocated at all.
    let (accepted, n) = counting(|| {
        policy
            .evaluate_all(&requests)
            .filter(|v| v.decision() == Decision::Accept)
            .count()
    });
    assert_eq!(n, 0);
    assert!(accepted > 0);

    // Borrowed parts, as in the documentation's example.
    let (count, n) = counting(|| {
        let items = requests.iter().map(|(c, p, d)| (c, p, *d));
        policy
            .evaluate_all(items)
            .filter(|v| decided(v).0 == Decision::MeetFirst)
            .count()
    });
    assert_eq!(n, 0);
    assert!(count > 0);

    // Collecting: one allocation, for the output vector.
    let (decisions, n) = counting(|| {
        policy
            .evaluate_all(&requests)
            .map(|v| v.decision())
            .collect::<Vec<_>>()
    });
    assert_eq!(decisions.len(), requests.len());
    assert_eq!(n, 1);
}
