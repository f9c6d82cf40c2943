//! Many cores: a batch of 10 million distinct random requests split across
//! the machine's cores with rayon, next to the same batch on one core.
//!
//! Run with `cargo bench --bench parallel`. Each request's `Contact` is
//! built from a record of plain data inside the timed loop, as a host
//! reading records does, decided by the built-in policy, and counted by
//! decision. `cores/1` and `cores/N` run the same code in a rayon pool of
//! one thread and of every core, so their ratio is the speed-up.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

mod common;

use std::hint::black_box;
use std::time::Duration;

use acquaint::{Decision, Policy};
use common::{Record, SEED, builtin_policy, records};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rayon::prelude::*;

const BATCH_LEN: usize = 10_000_000;
/// Requests per task: large enough that scheduling costs nothing, small
/// enough that the cores finish together.
const CHUNK: usize = 64 * 1024;

/// How many requests get each decision.
fn tally(policy: &Policy, records: &[Record]) -> [usize; 3] {
    let mut out = [0; 3];
    for r in records {
        let contact = r.contact();
        let slot = match policy
            .evaluate(&contact, &r.platform, r.direction)
            .decision()
        {
            Decision::Accept => 0,
            Decision::MeetFirst => 1,
            Decision::Decline => 2,
        };
        out[slot] += 1;
    }
    out
}

fn parallel_tally(policy: &Policy, records: &[Record]) -> [usize; 3] {
    records
        .par_chunks(CHUNK)
        .map(|chunk| tally(policy, chunk))
        .reduce(|| [0; 3], |a, b| [a[0] + b[0], a[1] + b[1], a[2] + b[2]])
}

fn cores(c: &mut Criterion) {
    let batch = records(BATCH_LEN, SEED ^ 0x10_000_000);
    let policy = builtin_policy();
    let all = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(
        parallel_tally(&policy, &batch),
        tally(&policy, &batch),
        "the split batch decides as the whole"
    );

    let mut group = c.benchmark_group("cores");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20))
        .throughput(Throughput::Elements(BATCH_LEN as u64));
    let mut threads = vec![1];
    if all > 1 {
        threads.push(all);
    }
    for n in threads {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .unwrap();
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| pool.install(|| parallel_tally(&policy, black_box(&batch))))
        });
    }
    group.finish();
}

criterion_group!(benches, cores);
criterion_main!(benches);
