//! The integration tests: one binary, one module per subject, so that the
//! library is linked into a test binary once rather than once per file.
//!
//! The counting global allocator of `alloc` is the allocator of every test
//! here; it counts per thread, so the tests it checks are not disturbed by
//! the others running in parallel. Modules that load policy documents or round-trip values through serde are compiled with
//! the `serde` feature only, so `cargo test --no-default-features` runs
//! the rest.
//!
//! Run one module with `cargo test --test it properties::`.

// Tests may unwrap and panic: a panic is how a test fails.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
mod strategies;

#[cfg(feature = "serde")]
mod alloc;
mod analysis;
#[cfg(feature = "serde")]
mod ask;
mod autotrait;
mod builtin_rules;
mod decision_table;
mod default_policy;
mod diff;
#[cfg(feature = "serde")]
mod differential;
#[cfg(feature = "serde")]
mod errors;
#[cfg(feature = "serde")]
mod examples;
#[cfg(feature = "serde")]
mod explanations;
#[cfg(feature = "serde")]
mod host;
mod hostile;
#[cfg(feature = "serde")]
mod no_panic;
#[cfg(feature = "serde")]
mod properties;
mod readme_tables;
mod rules;
#[cfg(feature = "serde")]
mod serde;
mod vocabulary;
mod what_would_change;
