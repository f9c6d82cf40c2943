//! `acquaint eval`'s throughput: 1,000,000 distinct seeded random requests
//! read from a file, each parsed, decided and written as JSON, beside the
//! bare cost of parsing the same lines with serde_json into a plain struct
//! and writing them back, and nothing else, in the same run (README,
//! "How fast `eval` is"). The goal is within 2× of the bare cost.
//!
//! `ACQUAINT_EVAL_WRITE=1 cargo bench -p acquaint-cli --bench eval` only
//! writes the request files (100,000 and 1,000,000 lines) and prints their
//! paths, to measure the real binary's memory on them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::PathBuf;

use acquaint::Policy;
use acquaint_cli::args::Format;
use acquaint_cli::commands::eval::{EvalOptions, eval};
use acquaint_cli::error::Status;
use criterion::{Criterion, Throughput};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

const LINES: usize = 1_000_000;

/// xorshift64*: a fixed, reproducible mix without a dependency.
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

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PLATFORMS: [&str; 4] = ["linkedin", "twitter", "facebook", "mastodon"];
const DIRECTIONS: [&str; 2] = ["incoming", "outgoing"];
const ACQUAINTANCES: [&str; 5] = [
    "never",
    "spoken",
    "met-in-person",
    "worked-remotely",
    "worked-in-person",
];
const VIEWS: [&str; 3] = ["positive", "unknown", "negative"];
const PROFESSIONS: [&str; 4] = ["software engineer", "designer", "biologist", "accountant"];
const TAGS: [&str; 3] = ["colleague", "agency", "conference"];

/// One request line: every one distinct (its id and name), the facts mixed.
fn request(rng: &mut Rng, i: usize) -> String {
    let mut contact = serde_json::Map::new();
    contact.insert("name".into(), format!("Person {i}").into());
    contact.insert("acquaintance".into(), rng.pick(&ACQUAINTANCES).into());
    contact.insert("my-view".into(), rng.pick(&VIEWS).into());
    contact.insert("their-view".into(), rng.pick(&VIEWS).into());
    if rng.chance(15) {
        contact.insert("recruiter".into(), true.into());
    }
    if rng.chance(20) {
        contact.insert("friend".into(), true.into());
    }
    if rng.chance(10) {
        contact.insert("star".into(), true.into());
    }
    if rng.chance(40) {
        contact.insert("profession".into(), rng.pick(&PROFESSIONS).into());
    }
    if rng.chance(20) {
        contact.insert("tags".into(), vec![rng.pick(&TAGS)].into());
    }
    contact.insert("mutual-connections".into(), (rng.below(500) as u64).into());
    let line = serde_json::json!({
        "id": i,
        "platform": rng.pick(&PLATFORMS),
        "direction": rng.pick(&DIRECTIONS),
        "contact": contact,
    });
    line.to_string()
}

/// Writes `lines` requests to a file, once, and returns its path.
fn requests_file(lines: usize) -> PathBuf {
    let dir = std::env::temp_dir().join("acquaint-eval-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("requests-{lines}.jsonl"));
    let mut out = BufWriter::new(File::create(&path).unwrap());
    let mut rng = Rng(0x5eed_acc0_u64);
    for i in 0..lines {
        writeln!(out, "{}", request(&mut rng, i)).unwrap();
    }
    out.flush().unwrap();
    path
}

/// The same request as plain data: what serde_json alone costs.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct PlainRequest<'a> {
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    id: Option<&'a RawValue>,
    platform: String,
    direction: String,
    #[serde(default)]
    contact: PlainContact,
}

#[derive(Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PlainContact {
    #[serde(default)]
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    acquaintance: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    my_view: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    their_view: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recruiter: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    friend: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    star: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    profession: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mutual_connections: Option<u32>,
}

/// Reads every line into the plain struct and writes it back, through the
/// same buffers `eval` uses.
fn bare(path: &PathBuf, out: &mut dyn Write) -> usize {
    let mut input = BufReader::with_capacity(64 * 1024, File::open(path).unwrap());
    let mut line = Vec::new();
    let mut written = Vec::new();
    let mut count = 0;
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line).unwrap() == 0 {
            break;
        }
        written.clear();
        let request: PlainRequest<'_> = serde_json::from_slice(&line).unwrap();
        serde_json::to_writer(&mut written, &request).unwrap();
        written.push(b'\n');
        out.write_all(&written).unwrap();
        count += 1;
    }
    out.flush().unwrap();
    count
}

fn run_eval(policy: &Policy, path: &PathBuf, out: &mut dyn Write) -> Status {
    let options = EvalOptions {
        why_not: false,
        format: Format::Json,
    };
    eval(policy, options, File::open(path).unwrap(), out).unwrap()
}

/// Counts the lines written, so the check before timing can see them.
struct Lines(usize);

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.iter().filter(|b| **b == b'\n').count();
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn main() {
    if std::env::var_os("ACQUAINT_EVAL_WRITE").is_some() {
        for lines in [100_000, LINES] {
            println!("{}", requests_file(lines).display());
        }
        return;
    }
    let path = requests_file(LINES);
    let policy = Policy::default();

    // Before timing: every line is decided, none fails, one line each.
    let mut counted = Lines(0);
    assert_eq!(run_eval(&policy, &path, &mut counted), Status::Fine);
    assert_eq!(counted.0, LINES);
    assert_eq!(bare(&path, &mut io::sink()), LINES);

    let mut c = Criterion::default().configure_from_args();
    let mut group = c.benchmark_group("eval");
    group.sample_size(10);
    group.throughput(Throughput::Elements(LINES as u64));
    group.bench_function("bare_serde_json", |b| {
        b.iter(|| bare(&path, &mut io::sink()))
    });
    group.bench_function("acquaint_eval", |b| {
        b.iter(|| run_eval(&policy, &path, &mut io::sink()))
    });
    group.finish();
    c.final_summary();
}
