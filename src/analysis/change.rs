//! Extends [`Policy`] with [`Policy::what_would_change`]: the smallest
//! changes to the facts a person can change that would give a different
//! decision, each a [`Change`].
//!
//! It does not use the engine: it probes the policy itself, so its answer
//! holds for rules written in Rust too.

use std::fmt;

use crate::contact::{Acquaintance, Contact, View};
use crate::decision::Decision;
use crate::platform::{Direction, Platform};
use crate::policy::Policy;
use crate::request::Request;
use crate::text::join_with;

/// A change to one fact that a person can change: how well we know each
/// other, what each of us would say of the other's work, and whether I am
/// looking for a job.
///
/// The platform, the direction of the request and who the contact is
/// (recruiter, friend, star, profession, passions, tags, mutual connections)
/// are not things a person changes to get a different answer, so they never
/// appear here. See [`Policy::what_would_change`] for which changes are
/// considered possible.
///
/// ```
/// use acquaint::{Acquaintance, FactChange, View};
///
/// assert_eq!(FactChange::Acquaintance(Acquaintance::MetInPerson).to_string(), "meet in person");
/// assert_eq!(
///     FactChange::TheirView(View::Positive).to_string(),
///     "they come to speak positively of your work"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum FactChange {
    /// Our acquaintance becomes this one (we meet, speak or work together).
    Acquaintance(Acquaintance),
    /// What I would say of their professional ability becomes this.
    MyView(View),
    /// What they would say of mine becomes this.
    TheirView(View),
    /// I start (`true`) or stop (`false`) looking for a job.
    JobSeeking(bool),
}

impl fmt::Display for FactChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match *self {
            FactChange::Acquaintance(Acquaintance::Never) => {
                "have never met, spoken or worked together"
            }
            FactChange::Acquaintance(Acquaintance::Spoken) => "speak or message",
            FactChange::Acquaintance(Acquaintance::MetInPerson) => "meet in person",
            FactChange::Acquaintance(Acquaintance::WorkedRemotely) => "work together remotely",
            FactChange::Acquaintance(Acquaintance::WorkedInPerson) => "work together in person",
            FactChange::MyView(View::Positive) => "come to speak positively of their work",
            FactChange::MyView(View::Negative) => "come to speak negatively of their work",
            FactChange::MyView(View::Unknown) => "no longer know their work",
            FactChange::TheirView(View::Positive) => "they come to speak positively of your work",
            FactChange::TheirView(View::Negative) => "they come to speak negatively of your work",
            FactChange::TheirView(View::Unknown) => "they no longer know your work",
            FactChange::JobSeeking(true) => "start looking for a job",
            FactChange::JobSeeking(false) => "stop looking for a job",
        })
    }
}

/// One way to get a different decision: the facts that would change, the
/// decision they would give, and the rule that would give it.
///
/// Returned by [`Policy::what_would_change`]. Its `Display` reads as a
/// sentence: `meet in person and come to speak positively of each other's
/// work → accept (linkedin.mutual-vouch)`.
///
/// ```
/// use acquaint::{Acquaintance, Contact, Decision, Direction, FactChange, Platform, Policy, View};
///
/// let policy = Policy::default();
/// let stranger = Contact::new("Sam");
/// let changes = policy.what_would_change(&stranger, &Platform::LinkedIn, Direction::Incoming);
/// let accept = changes.iter().find(|c| c.decision() == Decision::Accept).unwrap();
/// assert_eq!(
///     accept.facts(),
///     [
///         FactChange::Acquaintance(Acquaintance::MetInPerson),
///         FactChange::MyView(View::Positive),
///         FactChange::TheirView(View::Positive),
///     ]
/// );
/// assert_eq!(accept.rule_id(), "linkedin.mutual-vouch");
/// assert_eq!(
///     accept.to_string(),
///     "meet in person and come to speak positively of each other's work \
///      → accept (linkedin.mutual-vouch)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Change<'a> {
    /// The facts that would change, in the order of [`Change::facts`].
    facts: Vec<FactChange>,
    /// The decision they would give.
    decision: Decision,
    /// The id of the rule that would give it.
    #[cfg_attr(feature = "serde", serde(rename = "rule"))]
    rule_id: &'a str,
}

impl<'a> Change<'a> {
    /// The facts that would change, in the order acquaintance, my view,
    /// their view, job seeking; at least one, at most one of each.
    pub fn facts(&self) -> &[FactChange] {
        &self.facts
    }

    /// The decision they would give.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the rule that would give it (`fallback` if none would
    /// apply).
    pub fn rule_id(&self) -> &'a str {
        self.rule_id
    }

    /// Whether every fact change of `self` is also in `other`.
    fn is_within(&self, other: &Change<'_>) -> bool {
        self.facts.iter().all(|f| other.facts.contains(f))
    }
}

/// `changes → decision (rule)`, the changes joined as "a, b and c".
impl fmt::Display for Change<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut phrases: Vec<String> = Vec::with_capacity(self.facts.len());
        let mut facts = self.facts.iter().peekable();
        while let Some(fact) = facts.next() {
            // Both views becoming the same reads better as one phrase.
            if let (FactChange::MyView(mine), Some(FactChange::TheirView(theirs))) =
                (fact, facts.peek())
            {
                if mine == theirs && *mine != View::Unknown {
                    phrases.push(format!("come to speak {mine}ly of each other's work"));
                    facts.next();
                    continue;
                }
            }
            phrases.push(fact.to_string());
        }
        write!(
            f,
            "{} → {} ({})",
            join_with(&phrases, " and "),
            self.decision,
            self.rule_id
        )
    }
}

/// The acquaintances a person can move to from `from`: knowing each other
/// better, never less. Every fact `from` implies (spoken, met in person,
/// worked together) must still hold.
fn reachable_acquaintances(from: Acquaintance) -> impl Iterator<Item = Acquaintance> {
    Acquaintance::ALL.into_iter().filter(move |&to| {
        to != from
            && (!from.spoke_with() || to.spoke_with())
            && (!from.met_in_person() || to.met_in_person())
            && (!from.worked_together() || to.worked_together())
    })
}

/// The views one can come to hold from `from`: opinions change, but once
/// you know someone's work you cannot go back to not knowing it.
fn reachable_views(from: View) -> impl Iterator<Item = View> {
    View::ALL
        .into_iter()
        .filter(move |&to| to != from && to != View::Unknown)
}

/// Each fact either stays (`None`) or changes to a reachable value.
fn options<T: Copy>(reachable: impl Iterator<Item = T>) -> Vec<Option<T>> {
    std::iter::once(None).chain(reachable.map(Some)).collect()
}

impl Policy {
    /// What would change the decision for this request: every smallest set
    /// of changes to the facts a person can change that gives a different
    /// decision, with that decision and the rule that would give it.
    ///
    /// **The facts a person can change**, and how:
    ///
    /// - our acquaintance, only towards knowing each other better: from
    ///   `never` to anything, from `spoken` to meeting in person or working
    ///   together, from `met-in-person` to `worked-in-person`, from
    ///   `worked-remotely` to `worked-in-person` (every fact the current
    ///   acquaintance implies must still hold: nobody can un-meet someone);
    /// - my view of their work and their view of mine, to `positive` or
    ///   `negative` (opinions change, but never back to `unknown`);
    /// - whether I am job seeking (the policy's setting), either way.
    ///
    /// The platform, the direction and who the contact is (recruiter,
    /// friend, star, profession, passions, tags, Facebook friendship, mutual
    /// connections) never change.
    ///
    /// **What is returned.** A change set gives a fact one new value each
    /// for some of those facts. For each decision other than the current
    /// one, the result holds every change set that gives that decision and
    /// contains no smaller change set giving the same decision (it is
    /// minimal for its decision). A change set for one decision may contain
    /// one for another: meeting a stranger in person gives `decline` (views
    /// unknown), and meeting them and coming to speak positively of each
    /// other's work gives `accept`. Each change carries the rule that would
    /// decide, evaluated with the policy's own rules, so the answer is exact
    /// for any policy, rules written in Rust included.
    ///
    /// **Order**: by decision (`accept`, `decline`, `meet-first`), then by
    /// the number of facts changed, then by the facts in the order
    /// acquaintance, my view, their view, job seeking, each in the order of
    /// [`Acquaintance::ALL`] and [`View::ALL`]. An empty result means no
    /// change a person can make would change the decision.
    ///
    /// The search tries every combination of those facts (at most 90), so
    /// it costs about 90 evaluations.
    ///
    /// # Panics
    ///
    /// Only if a rule written in Rust panics while deciding one of those
    /// evaluations.
    ///
    /// ```
    /// use acquaint::{Contact, Decision, Direction, Platform, Policy};
    ///
    /// let policy = Policy::default();
    /// let riley = Contact::new("Riley").with_recruiter(true);
    /// let changes = policy.what_would_change(&riley, &Platform::LinkedIn, Direction::Incoming);
    /// let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    /// assert_eq!(lines[0], "start looking for a job → accept (linkedin.recruiter-override)");
    /// assert!(changes.iter().all(|c| c.decision() != Decision::MeetFirst));
    /// ```
    pub fn what_would_change(
        &self,
        contact: &Contact,
        platform: &Platform,
        direction: Direction,
    ) -> Vec<Change<'_>> {
        let current = self
            .decide(&Request::new(contact, platform, direction, &self.settings))
            .0;
        let mut other_settings = self.settings.clone();
        other_settings.job_seeking = !self.settings.job_seeking;

        let acquaintances = options(reachable_acquaintances(contact.acquaintance));
        let my_views = options(reachable_views(contact.my_view));
        let their_views = options(reachable_views(contact.their_view));
        let mut probe = contact.clone();
        let mut found: Vec<Change<'_>> = Vec::new();
        for &acquaintance in &acquaintances {
            for &my_view in &my_views {
                for &their_view in &their_views {
                    for job in [None, Some(!self.settings.job_seeking)] {
                        let facts: Vec<FactChange> = [
                            acquaintance.map(FactChange::Acquaintance),
                            my_view.map(FactChange::MyView),
                            their_view.map(FactChange::TheirView),
                            job.map(FactChange::JobSeeking),
                        ]
                        .into_iter()
                        .flatten()
                        .collect();
                        if facts.is_empty() {
                            continue;
                        }
                        probe.acquaintance = acquaintance.unwrap_or(contact.acquaintance);
                        probe.my_view = my_view.unwrap_or(contact.my_view);
                        probe.their_view = their_view.unwrap_or(contact.their_view);
                        let settings = if job.is_some() {
                            &other_settings
                        } else {
                            &self.settings
                        };
                        let (decision, decider) =
                            self.decide(&Request::new(&probe, platform, direction, settings));
                        if decision != current {
                            found.push(Change {
                                facts,
                                decision,
                                rule_id: decider.id(),
                            });
                        }
                    }
                }
            }
        }
        let mut minimal: Vec<Change<'_>> = found
            .iter()
            .filter(|c| {
                !found.iter().any(|smaller| {
                    smaller.decision == c.decision
                        && smaller.facts.len() < c.facts.len()
                        && smaller.is_within(c)
                })
            })
            .cloned()
            .collect();
        minimal.sort_by(|a, b| {
            let rank = |d: Decision| Decision::ALL.iter().position(|x| *x == d);
            (rank(a.decision), a.facts.len(), &a.facts).cmp(&(
                rank(b.decision),
                b.facts.len(),
                &b.facts,
            ))
        });
        minimal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquaintance_only_grows() {
        use Acquaintance::*;
        let from = |a| reachable_acquaintances(a).collect::<Vec<_>>();
        assert_eq!(
            from(Never),
            [Spoken, MetInPerson, WorkedRemotely, WorkedInPerson]
        );
        assert_eq!(from(Spoken), [MetInPerson, WorkedRemotely, WorkedInPerson]);
        assert_eq!(from(MetInPerson), [WorkedInPerson]);
        assert_eq!(from(WorkedRemotely), [WorkedInPerson]);
        assert_eq!(from(WorkedInPerson), []);
    }

    #[test]
    fn views_never_become_unknown() {
        let from = |v| reachable_views(v).collect::<Vec<_>>();
        assert_eq!(from(View::Unknown), [View::Negative, View::Positive]);
        assert_eq!(from(View::Positive), [View::Negative]);
    }
}
