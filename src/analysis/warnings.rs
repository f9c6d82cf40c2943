//! Extends [`Policy`] with [`Policy::analyze`]: the rules that can never
//! decide, as [`Warning`]s. Also [`AnalysisError`], shared by the analyses
//! built on the engine.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::ControlFlow;

use crate::builtin::BuiltinRule;
use crate::policy::Policy;
use crate::text::join_with;

use super::engine::{Budget, DecidingRule, Formula, Model};

/// Something in a policy that is probably a mistake: a rule that can never
/// decide. Found by [`Policy::analyze`]; the policy still loads and works.
///
/// Each message names the rule by its id, in lowercase with no trailing
/// period, like [`PolicyError`](crate::PolicyError)'s.
///
/// ```
/// use acquaint::{Condition, DataRule, Decision, Platform, Policy};
///
/// let policy = Policy::builder()
///     .data_rule(
///         DataRule::new("stars", Condition::Star(true), Decision::Accept, "")
///             .on(Platform::LinkedIn),
///     )
///     .data_rule(
///         DataRule::new(
///             "famous-recruiters",
///             Condition::All(vec![Condition::Star(true), Condition::Recruiter(true)]),
///             Decision::Decline,
///             "",
///         )
///         .on(Platform::LinkedIn),
///     )
///     .build()?;
/// let warnings = policy.analyze()?;
/// assert_eq!(warnings.len(), 1);
/// assert_eq!(warnings[0].rule_id(), "famous-recruiters");
/// assert_eq!(
///     warnings[0].to_string(),
///     "rule `famous-recruiters` can never decide: \
///      the earlier rule `stars` decides every request it applies to"
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case", tag = "kind"))]
#[non_exhaustive]
pub enum Warning {
    /// A user rule whose condition holds for no request on its platforms
    /// (such as `friend = true` and `friend = false` at once).
    Unsatisfiable {
        /// The rule's id.
        rule: String,
    },
    /// A user rule that applies to some requests, but earlier rules decide
    /// every one of them.
    Shadowed {
        /// The rule's id.
        rule: String,
        /// The ids of the earlier rules that decide its requests, in the
        /// order they are tried.
        by: Vec<String>,
    },
    /// A built-in rule that would decide some requests without the user
    /// rules, and decides none with them.
    BuiltinUnreachable {
        /// The built-in rule.
        rule: BuiltinRule,
        /// The ids of the user rules that decide its requests instead, in
        /// the order they are tried.
        by: Vec<String>,
    },
    /// A rule written in Rust: the analysis cannot see when it applies, so
    /// it says nothing of it, and assumes it hides no other rule.
    NotAnalysed {
        /// The rule's id.
        rule: String,
    },
}

impl Warning {
    /// The id of the rule the warning is about.
    ///
    /// ```
    /// use acquaint::{BuiltinRule, Warning};
    ///
    /// let w = Warning::BuiltinUnreachable {
    ///     rule: BuiltinRule::FacebookFriend,
    ///     by: vec!["everyone".into()],
    /// };
    /// assert_eq!(w.rule_id(), "facebook.friend");
    /// ```
    pub fn rule_id(&self) -> &str {
        match self {
            Warning::Unsatisfiable { rule }
            | Warning::Shadowed { rule, .. }
            | Warning::NotAnalysed { rule } => rule,
            Warning::BuiltinUnreachable { rule, .. } => rule.id(),
        }
    }
}

/// "rule `a`", "rules `a` and `b`", "rules `a`, `b` and `c`".
fn rules_phrase(ids: &[String]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    let noun = if ids.len() == 1 { "rule" } else { "rules" };
    format!("{noun} {}", join_with(&quoted, " and "))
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Unsatisfiable { rule } => write!(
                f,
                "rule `{rule}` can never apply: its condition holds for no request on its platforms"
            ),
            Warning::Shadowed { rule, by } => {
                let verb = if by.len() == 1 { "decides" } else { "decide" };
                write!(
                    f,
                    "rule `{rule}` can never decide: the earlier {} {verb} every request it applies to",
                    rules_phrase(by)
                )
            }
            Warning::BuiltinUnreachable { rule, by } => {
                let verb = if by.len() == 1 { "decides" } else { "decide" };
                write!(
                    f,
                    "built-in rule `{}` can never decide: the user {} {verb} every request it would decide",
                    rule.id(),
                    rules_phrase(by)
                )
            }
            Warning::NotAnalysed { rule } => write!(
                f,
                "rule `{rule}` is written in Rust: the analysis cannot see when it applies, and \
                 assumes it hides no other rule"
            ),
        }
    }
}

/// Why a policy could not be analysed or tabulated.
///
/// ```
/// use acquaint::AnalysisError;
///
/// let err = AnalysisError::TooComplex { limit: 20_000_000 };
/// assert_eq!(
///     err.to_string(),
///     "policy: too complex to analyse: its rules combine more facts than 20000000 steps can cover"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum AnalysisError {
    /// The rules combine so many facts that covering every case would take
    /// more than `limit` steps (a step is a fact checked on a set of
    /// requests, or a word of memory built, copied or compared). Policies
    /// written by hand stay far below it.
    #[error(
        "policy: too complex to analyse: its rules combine more facts than {limit} steps can cover"
    )]
    TooComplex {
        /// The number of steps allowed.
        limit: u64,
    },
    /// The decision table would have more than `limit` rows, before
    /// merging: too many to read, and to hold.
    #[error("policy: the decision table would have more than {limit} rows")]
    TableTooLarge {
        /// The most rows allowed.
        limit: usize,
    },
    /// More than `limit` sets of requests, before merging, are decided
    /// differently by the two policies of a [`Policy::diff`]: too many to
    /// read, and to hold.
    #[error("policies: more than {limit} rows of requests decided differently")]
    DiffTooLarge {
        /// The most rows allowed.
        limit: usize,
    },
    /// The unknown facts given to [`Policy::ask`] can be filled in more
    /// than `limit` ways (each answer a policy tells apart counted): too
    /// many to try.
    #[error("policy: the unknown facts can be filled in more than {limit} ways")]
    TooManyUnknowns {
        /// The most ways allowed.
        limit: usize,
    },
}

impl Policy {
    /// Finds the rules that can never decide: user rules whose condition
    /// holds for no request (unsatisfiable), user rules that earlier rules
    /// shadow on every request they apply to, and built-in rules that user
    /// rules make unreachable. Warnings come in rule order (user rules,
    /// then built-in rules); an empty list means every rule decides some
    /// request. [`Policy::default()`] has none.
    ///
    /// The analysis is exhaustive, not sampled: it covers every request
    /// the policy can tell apart, each fact through the values that matter:
    ///
    /// - acquaintance, views, recruiter, friend, star, Facebook friend,
    ///   whether the invitation carries a note, and direction: every value;
    /// - job seeking: both values, whatever the policy's setting, since it
    ///   changes with your life (a rule for when you are job seeking is not
    ///   reported just because you are not, today);
    /// - profession: each profession the rules and settings mention, and
    ///   any other (or none); passions and tags: each one mentioned, present
    ///   or absent; any other passion or tag makes no difference. Names that
    ///   only ever appear together, as items of the same `any` lists (or of
    ///   the same `all` lists), count as one fact, "has any (all) of them":
    ///   a block list of 10,000 tags is one fact, and so are your passions
    ///   that no rule names;
    /// - mutual connections: each threshold the rules mention, and below
    ///   all of them;
    /// - platform: LinkedIn, Twitter, Facebook, each platform the rules
    ///   name, and any other (a platform declared but never named decides
    ///   as any other does).
    ///
    /// **Cost.** About linear in the size of the policy (its rules, their
    /// conditions and the lists in its settings) for the policies people
    /// write, a 100,000-entry list included, and bounded for any other: the
    /// whole analysis, building its model included, runs within a budget of
    /// 20,000,000 steps, and ends with [`AnalysisError::TooComplex`] rather
    /// than running on.
    ///
    /// **Rules written in Rust** are opaque: the analysis cannot know when
    /// they apply, so it reports each as [`Warning::NotAnalysed`] and
    /// nothing more, and it treats them as rules that may not apply, so
    /// they never hide another rule. Every other warning holds whatever
    /// they do; a rule that only a Rust rule hides is not reported.
    ///
    /// # Errors
    ///
    /// [`AnalysisError::TooComplex`] when the rules combine so many facts
    /// that covering every case would take too long.
    ///
    /// ```
    /// use acquaint::{DataRule, Decision, Platform, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .data_rule(
    ///         DataRule::always("all-of-facebook", Decision::Accept, "Facebook is open to all")
    ///             .on(Platform::Facebook),
    ///     )
    ///     .build()?;
    /// let warnings: Vec<String> = policy.analyze()?.iter().map(ToString::to_string).collect();
    /// assert_eq!(warnings, [
    ///     "built-in rule `facebook.friend` can never decide: \
    ///      the user rule `all-of-facebook` decides every request it would decide",
    ///     "built-in rule `facebook.not-a-friend` can never decide: \
    ///      the user rule `all-of-facebook` decides every request it would decide",
    /// ]);
    /// assert!(Policy::default().analyze()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn analyze(&self) -> Result<Vec<Warning>, AnalysisError> {
        let mut budget = Budget::new();
        let mut model = Model::new(&[self], None);
        let compiled = model.compile_policy(self, &mut budget)?;
        let full = model.full();
        let all = compiled.ordered(self, true);
        let deciders = |rules: &[(&Formula, DecidingRule)],
                        within: Option<&Formula>,
                        budget: &mut Budget|
         -> Result<BTreeSet<DecidingRule>, AnalysisError> {
            let mut found = BTreeSet::new();
            model.explore(full.clone(), rules, within, budget, |_, rule| {
                found.insert(rule);
                ControlFlow::Continue(())
            })?;
            Ok(found)
        };
        let ids = |rules: BTreeSet<DecidingRule>| -> Vec<String> {
            rules
                .into_iter()
                .map(|rule| rule.outcome(self).1.to_owned())
                .collect()
        };

        let deciding = deciders(&all, None, &mut budget)?;
        let mut warnings = Vec::new();
        for (i, condition) in compiled.user_rules.iter().enumerate() {
            let Some(condition) = condition else {
                let rule = self.rules[i].id().to_owned();
                warnings.push(Warning::NotAnalysed { rule });
                continue;
            };
            if deciding.contains(&DecidingRule::User(i)) {
                continue;
            }
            let rule = self.rules[i].id().to_owned();
            let mut satisfiable = false;
            model.explore(full.clone(), &[], Some(condition), &mut budget, |_, _| {
                satisfiable = true;
                ControlFlow::Break(())
            })?;
            warnings.push(if satisfiable {
                let by = ids(deciders(&all, Some(condition), &mut budget)?);
                Warning::Shadowed { rule, by }
            } else {
                Warning::Unsatisfiable { rule }
            });
        }

        let builtins = compiled.ordered(self, false);
        let deciding_alone = deciders(&builtins, None, &mut budget)?;
        for (i, rule) in BuiltinRule::ALL.into_iter().enumerate() {
            let this = DecidingRule::Builtin(i);
            if !deciding_alone.contains(&this) || deciding.contains(&this) {
                continue;
            }
            // Where the rule decides without user rules: it applies and no
            // earlier enabled built-in rule does.
            let earlier: Vec<Formula> = builtins
                .iter()
                .take_while(|(_, other)| *other != this)
                .map(|(condition, _)| (*condition).clone())
                .collect();
            let region = Formula::And(vec![
                compiled.builtin_rules[i].clone(),
                Formula::Not(Box::new(Formula::Or(earlier))),
            ]);
            let by = ids(deciders(&all, Some(&region), &mut budget)?);
            warnings.push(Warning::BuiltinUnreachable { rule, by });
        }
        Ok(warnings)
    }
}
