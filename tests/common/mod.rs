//! Helpers the integration tests share, so that none writes its own copy:
//! every finite contact ([`finite`]).
//!
//! Each test file uses only some of them.
#![allow(dead_code, clippy::unwrap_used)]

pub mod finite;
