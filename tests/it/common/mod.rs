//! Helpers the integration tests share, so that none writes its own copy:
//! every finite contact ([`finite`]), a rule written in Rust from a
//! closure ([`rule_fn`]), the one rule several files use ([`blocklist`]),
//! and a policy with rules and settings over most facts ([`busy_policy`],
//! with the names it mentions in [`busy_vocab`]); a table's or a diff's
//! rows as rules built from their cells' data, as a host reads them
//! ([`rows`]).

pub mod finite;
pub mod rows;

use std::fmt;

use acquaint::{Condition, DataRule, Decision, Direction, Platform, Policy, Request, Rule, View};

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

/// A policy with settings, user rules over most facts on several
/// platforms, a switched-off built-in rule and a fallback; `js` is its
/// job-seeking setting.
pub fn busy_policy(js: bool) -> Policy {
    let mastodon: Platform = "mastodon".parse().unwrap();
    Policy::builder()
        .job_seeking(js)
        .profession("software engineer")
        .interesting_profession("designer")
        .passion("animals")
        .platform(mastodon.clone())
        .data_rule(DataRule::new(
            "vip",
            Condition::Tag("vip".into()),
            Decision::Accept,
            "",
        ))
        .data_rule(
            DataRule::new(
                "no-spam",
                Condition::Any(vec![
                    Condition::Tag("spam".into()),
                    Condition::MutualConnectionsAtLeast(100),
                ]),
                Decision::Decline,
                "",
            )
            .on(Platform::Twitter),
        )
        .data_rule(
            DataRule::new(
                "big-network",
                Condition::All(vec![
                    Condition::MutualConnectionsAtLeast(100),
                    Condition::MetInPerson(true),
                    Condition::Not(Box::new(Condition::MyView(View::Negative))),
                ]),
                Decision::Accept,
                "",
            )
            .on(Platform::LinkedIn),
        )
        .data_rule(
            DataRule::new(
                "animal-lovers",
                Condition::Any(vec![
                    Condition::SharesPassion(true),
                    Condition::Profession("designer".into()),
                ]),
                Decision::Accept,
                "",
            )
            .on(mastodon.clone()),
        )
        .data_rule(
            DataRule::new(
                "designers-meet-first",
                Condition::All(vec![
                    Condition::InterestingProfession(true),
                    Condition::Star(false),
                    Condition::Direction(Direction::Outgoing),
                ]),
                Decision::MeetFirst,
                "",
            )
            .on(Platform::Twitter),
        )
        .data_rule(
            DataRule::new(
                "job-hunt",
                Condition::All(vec![
                    Condition::JobSeeking(true),
                    Condition::Recruiter(true),
                ]),
                Decision::Accept,
                "",
            )
            .on(mastodon),
        )
        .disable("facebook.not-a-friend")
        .fallback(Decision::MeetFirst)
        .build()
        .unwrap()
}

/// The names [`busy_policy`] mentions, for [`finite::Vocab::contacts`].
pub fn busy_vocab() -> finite::Vocab {
    finite::Vocab {
        professions: vec!["software engineer", "designer"],
        passions: vec!["animals"],
        tags: vec!["vip", "spam"],
        thresholds: vec![100],
        platforms: vec!["mastodon"],
        ..Default::default()
    }
}
