//! Helpers the integration tests share, so that none writes its own copy:
//! every finite contact ([`finite`]), a rule written in Rust from a
//! closure ([`rule_fn`]), and the one rule several files use
//! ([`blocklist`]).
//!
//! Each test file uses only some of them.
#![allow(dead_code, clippy::unwrap_used)]

pub mod finite;

use std::fmt;

use acquaint::{Decision, Request, Rule};

/// A rule written in Rust from its id and a closure that decides, as a host
/// implements [`Rule`] with `id` and `decide` only: its explanation is the
/// trait's default. [`FnRule::explained`] gives it one.
pub fn rule_fn<D>(id: impl Into<String>, decide: D) -> FnRule<D>
where
    D: Fn(&Request<'_>) -> Option<Decision> + Send + Sync,
{
    FnRule {
        id: id.into(),
        decide,
    }
}

/// The rule [`rule_fn`] makes. It does not override `explain`.
pub struct FnRule<D> {
    id: String,
    decide: D,
}

impl<D> FnRule<D> {
    /// The same rule, explaining itself with `explain`.
    pub fn explained<E>(self, explain: E) -> ExplainedFnRule<D, E>
    where
        E: Fn(&Request<'_>) -> String + Send + Sync,
    {
        ExplainedFnRule {
            rule: self,
            explain,
        }
    }
}

impl<D> fmt::Debug for FnRule<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FnRule")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl<D> Rule for FnRule<D>
where
    D: Fn(&Request<'_>) -> Option<Decision> + Send + Sync,
{
    fn id(&self) -> &str {
        &self.id
    }

    fn decide(&self, request: &Request<'_>) -> Option<Decision> {
        (self.decide)(request)
    }
}

/// A rule from [`rule_fn`] with its own explanation.
pub struct ExplainedFnRule<D, E> {
    rule: FnRule<D>,
    explain: E,
}

impl<D, E> fmt::Debug for ExplainedFnRule<D, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ExplainedFnRule")
            .field("id", &self.rule.id)
            .finish_non_exhaustive()
    }
}

impl<D, E> Rule for ExplainedFnRule<D, E>
where
    D: Fn(&Request<'_>) -> Option<Decision> + Send + Sync,
    E: Fn(&Request<'_>) -> String + Send + Sync,
{
    fn id(&self) -> &str {
        self.rule.id()
    }

    fn decide(&self, request: &Request<'_>) -> Option<Decision> {
        self.rule.decide(request)
    }

    fn explain(&self, request: &Request<'_>) -> String {
        (self.explain)(request)
    }
}

/// Never connect with anyone tagged `blocked`, anywhere; the explanation
/// names them.
pub fn blocklist() -> impl Rule {
    rule_fn("blocklist", |r| {
        r.contact.has_tag("blocked").then_some(Decision::Decline)
    })
    .explained(|r| format!("{} is on my blocklist", r.contact.name()))
}
