//! Extends [`Policy`] with [`Policy::diff`]: where two policies decide
//! differently on one platform, as a [`PolicyDiff`].

use std::fmt;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::condition::Condition;
use crate::decision::Decision;
use crate::platform::Platform;
use crate::policy::Policy;
use crate::request::Request;

use super::AnalysisError;
#[cfg(feature = "serde")]
use super::cells::Cells;
use super::cells::FactCell;
use super::engine::{Budget, Cell, DecidingRule, Model};
use super::table::{
    RowFacts, code, matching, merge, rules_on, rust_rules, tabulate, write_markdown,
    write_rust_rules,
};

/// Where two policies decide differently on one platform: each row gives
/// the facts that matter, and the decision and rule before (the policy
/// `diff` is called on) and after (the other). Found by [`Policy::diff`].
///
/// The diff is exact, like a [`DecisionTable`](crate::DecisionTable): a
/// request on the platform matches a row (see
/// [`matching`](PolicyDiff::matching)) exactly when the two policies give
/// it different decisions, and then that row's
/// before and after are what [`Policy::evaluate`] gives with each policy,
/// as long as no rule written in Rust applies (those are opaque, and left
/// out). Rows are merged as a decision table's are, so that a person can
/// read them. Its `Display` is a Markdown table.
///
/// ```
/// use acquaint::{Decision, Platform, Policy};
///
/// let before = Policy::default();
/// let after = Policy::builder().disable("facebook.friend").build()?;
/// let diff = before.diff(&after, &Platform::Facebook)?;
/// assert_eq!(diff.rows().len(), 1);
/// let row = &diff.rows()[0];
/// assert_eq!(row.facts().collect::<Vec<_>>(), [("personal friend", "yes")]);
/// assert_eq!(row.before(), (Decision::Accept, "facebook.friend"));
/// assert_eq!(row.after(), (Decision::Decline, "facebook.not-a-friend"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct PolicyDiff {
    /// The space of both policies, which the rows' cells belong to.
    model: Arc<Model>,
    /// The platform the diff is for.
    platform: Platform,
    /// The headers of the columns shown, in order.
    columns: Vec<String>,
    /// The rows, by the rule deciding before, then after.
    rows: Vec<DiffRow>,
    /// The ids of the rules written in Rust in either policy, left out.
    rust_rules: Vec<String>,
    /// Each policy's job-seeking setting, before and after.
    job_seeking: (bool, bool),
}

/// One row of a [`PolicyDiff`]: a set of requests, and the decision and
/// rule each policy gives them.
///
/// ```
/// use acquaint::{Decision, Platform, Policy};
///
/// let before = Policy::default();
/// let after = Policy::builder().disable("twitter.shared-purpose").build()?;
/// let diff = before.diff(&after, &Platform::Twitter)?;
/// let row = &diff.rows()[0];
/// assert_eq!(row.before(), (Decision::Accept, "twitter.shared-purpose"));
/// assert_eq!(row.after(), (Decision::Decline, "twitter.no-purpose"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DiffRow {
    /// The requests of the row, and how they read.
    facts: RowFacts,
    /// The decision and the rule id before.
    before: (Decision, String),
    /// The decision and the rule id after.
    after: (Decision, String),
}

impl DiffRow {
    /// The facts of the row, as the diff prints them: each column's header
    /// and the row's value in it (`any` where the fact does not matter for
    /// the row), as [`TableRow::facts`](crate::TableRow::facts) gives them.
    pub fn facts(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.facts.iter()
    }

    /// The facts of the row as data, one [`FactCell`] per column in the
    /// order of [`facts`](DiffRow::facts), as
    /// [`TableRow::cells`](crate::TableRow::cells) gives them: the
    /// condition key a policy document names the fact by, and the values of
    /// it the row holds.
    ///
    /// ```
    /// use acquaint::{Condition, FactValue, Platform, Policy};
    ///
    /// let before = Policy::default();
    /// let after = Policy::builder().disable("facebook.friend").build()?;
    /// let diff = before.diff(&after, &Platform::Facebook)?;
    /// let row = &diff.rows()[0];
    /// let cell = row.cells().next().ok_or("a cell")?;
    /// assert_eq!((cell.key(), cell.values()), ("friend", vec![FactValue::Bool(true)]));
    /// assert_eq!(row.condition(), Some(Condition::Friend(true)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cells(&self) -> impl ExactSizeIterator<Item = FactCell<'_>> + '_ {
        self.facts.cells()
    }

    /// The row's requests as a condition (on the diff's platform), as
    /// [`TableRow::condition`](crate::TableRow::condition) gives it: every
    /// cell's [`condition`](FactCell::condition) together, `None` when the
    /// row holds every request on the platform.
    pub fn condition(&self) -> Option<Condition> {
        self.facts.condition()
    }

    /// The decision for the row's requests before, and the id of the rule
    /// that gives it (or `fallback`).
    pub fn before(&self) -> (Decision, &str) {
        (self.before.0, &self.before.1)
    }

    /// The decision for the row's requests after, and the id of the rule
    /// that gives it (or `fallback`).
    pub fn after(&self) -> (Decision, &str) {
        (self.after.0, &self.after.1)
    }
}

/// One side of a row as JSON: `{ "decision": ..., "rule": ... }`.
#[cfg(feature = "serde")]
struct Side<'r>(&'r (Decision, String));

#[cfg(feature = "serde")]
impl serde::Serialize for Side<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("decision", &self.0.0)?;
        map.serialize_entry("rule", &self.0.1)?;
        map.end()
    }
}

/// A row serializes as `{ "facts": { column: value, ... }, "cells": [...],
/// "before": { "decision", "rule" }, "after": { "decision", "rule" } }`:
/// its facts as the diff prints them, in the order of the diff's columns,
/// then the same as data, one [`FactCell`] per column (its JSON is
/// described there), as a decision table's row has them.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use acquaint::{Platform, Policy};
/// use serde_json::json;
///
/// let before = Policy::default();
/// let after = Policy::builder().disable("facebook.friend").build()?;
/// let diff = before.diff(&after, &Platform::Facebook)?;
/// assert_eq!(
///     serde_json::to_value(&diff.rows()[0])?,
///     json!({
///         "facts": { "personal friend": "yes" },
///         "cells": [{ "label": "personal friend", "key": "friend", "values": [true] }],
///         "before": { "decision": "accept", "rule": "facebook.friend" },
///         "after": { "decision": "decline", "rule": "facebook.not-a-friend" }
///     })
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for DiffRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("facts", &self.facts)?;
        map.serialize_entry("cells", &Cells(&self.facts))?;
        map.serialize_entry("before", &Side(&self.before))?;
        map.serialize_entry("after", &Side(&self.after))?;
        map.end()
    }
}

/// A diff serializes as `{ "platform", "columns", "rows", "rust-rules",
/// "job-seeking": { "before", "after" } }`.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for PolicyDiff {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        struct JobSeeking((bool, bool));
        impl serde::Serialize for JobSeeking {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut map = s.serialize_map(Some(2))?;
                map.serialize_entry("before", &self.0.0)?;
                map.serialize_entry("after", &self.0.1)?;
                map.end()
            }
        }
        let mut map = s.serialize_map(Some(5))?;
        map.serialize_entry("platform", &self.platform)?;
        map.serialize_entry("columns", &self.columns)?;
        map.serialize_entry("rows", &self.rows)?;
        map.serialize_entry("rust-rules", &self.rust_rules)?;
        map.serialize_entry("job-seeking", &JobSeeking(self.job_seeking))?;
        map.end()
    }
}

/// Diffs compare by what they show: the platform, the columns, the rows,
/// the rules written in Rust left out and each policy's job-seeking
/// setting.
impl PartialEq for PolicyDiff {
    fn eq(&self, other: &Self) -> bool {
        self.platform == other.platform
            && self.columns == other.columns
            && self.rows == other.rows
            && self.rust_rules == other.rust_rules
            && self.job_seeking == other.job_seeking
    }
}

impl Eq for PolicyDiff {}

impl fmt::Debug for PolicyDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PolicyDiff")
            .field("platform", &self.platform)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl PolicyDiff {
    /// The most rows a diff may have before rows that differ in one fact
    /// only are merged, as for a [`DecisionTable`](crate::DecisionTable).
    pub const MAX_ROWS: usize = 10_000;

    /// The platform the diff is for.
    pub fn platform(&self) -> &Platform {
        &self.platform
    }

    /// The rows: every set of requests the two policies give different
    /// decisions, by the rule deciding before (in the order that policy
    /// tries its rules), then the rule deciding after.
    pub fn rows(&self) -> &[DiffRow] {
        &self.rows
    }

    /// Whether the two policies give every request on the platform the same
    /// decision (rules written in Rust aside).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The headers of the columns: the facts that matter for some row, in
    /// the order the diff prints them (before and after come after them).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The ids of the rules written in Rust in either policy, each once:
    /// the diff cannot see when they apply, and shows the decisions when
    /// none of them does.
    pub fn rust_rules(&self) -> &[String] {
        &self.rust_rules
    }

    /// Each policy's job-seeking setting, before and after. The diff
    /// compares both policies with job seeking on and with it off, whatever
    /// their settings (see [`Policy::diff`]), so a change of this setting
    /// alone leaves the diff empty: here is where it shows.
    pub fn job_seeking(&self) -> (bool, bool) {
        self.job_seeking
    }

    /// The rows a request matches: exactly one when the two policies give
    /// it different decisions (the request's settings say whether I am job
    /// seeking), none when they give the same or it is on another platform.
    ///
    /// ```
    /// use acquaint::{Contact, Direction, Platform, Policy, Request};
    ///
    /// let before = Policy::default();
    /// let after = Policy::builder().disable("facebook.friend").build()?;
    /// let diff = before.diff(&after, &Platform::Facebook)?;
    /// let kim = Contact::new("Kim").with_friend(true);
    /// let request = Request::new(&kim, &Platform::Facebook, Direction::Incoming, before.settings());
    /// assert_eq!(diff.matching(&request).count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn matching<'d>(&'d self, request: &Request<'_>) -> impl Iterator<Item = &'d DiffRow> + 'd {
        matching(&self.model, &self.rows, |row| &row.facts, request)
    }
}

/// "accept (`rule`)".
fn side_text((decision, rule): &(Decision, String)) -> String {
    format!("{decision} ({})", code(rule))
}

/// A Markdown table with a column for each fact, then `before` and
/// `after`; when the policies decide everything the same way, a sentence
/// saying so. Then a line for the rules written in Rust, if any. A changed
/// job-seeking setting is left to the host to say, once for all platforms
/// (see [`PolicyDiff::job_seeking`]).
impl fmt::Display for PolicyDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.rows.is_empty() {
            // The platform is left to a heading, as for a decision table.
            writeln!(
                f,
                "No difference: the two policies give every request on this platform the same \
                 decision."
            )?;
        } else {
            let rows = self.rows.iter().map(|row| {
                let sides = [side_text(&row.before), side_text(&row.after)];
                (&row.facts, sides)
            });
            write_markdown(f, &self.columns, ["before", "after"], rows)?;
        }
        write_rust_rules(
            f,
            &self.rust_rules,
            "The diff shows where the policies differ",
        )
    }
}

impl Policy {
    /// Where this policy (before) and `other` (after) decide differently
    /// on `platform`: every set of requests given another decision, as
    /// rows of facts with the decision and rule of each. Empty when the two
    /// decide alike, however differently they are written: the default
    /// philosophy and `examples/policies/default.toml`, which writes it
    /// again as rules of its own, have an empty diff. See [`PolicyDiff`].
    ///
    /// **The space of facts** is the one [`Policy::analyze`] describes,
    /// for the names either policy mentions: each profession, passion,
    /// tag, threshold and platform that the rules or settings of one or the
    /// other name, and "any other" for each. Each policy decides with its
    /// own settings (its profession, interesting professions and passions,
    /// its fallback and switched-off rules), so changing one of them shows
    /// where it changes decisions. Job seeking is the exception, as in
    /// [`Policy::decision_table`]: a fact of the space taking both values,
    /// the same for both policies, since it changes with your life; a
    /// change of that setting alone gives an empty diff, and
    /// [`PolicyDiff::job_seeking`] reports it. A declared platform that no
    /// rule names decides as any other platform does, so declaring one
    /// changes nothing.
    ///
    /// Only decisions count: where both give the same decision through
    /// different rules (a rule renamed, or rules reordered that agree
    /// there), the explanation changes but the diff shows nothing. Rules
    /// written in Rust are left out of both policies, as
    /// [`Policy::decision_table`] leaves them out, and named in
    /// [`PolicyDiff::rust_rules`].
    ///
    /// # Errors
    ///
    /// [`AnalysisError::TooComplex`] when the two policies' rules combine
    /// so many facts that covering every case would take too long (every
    /// phase, compiling both policies and merging the rows included, runs
    /// within the one budget described in [`Policy::analyze`]), and
    /// [`AnalysisError::DiffTooLarge`] when more than
    /// [`PolicyDiff::MAX_ROWS`] rows differ before merging.
    ///
    /// The cost is that of a decision table of one policy holding the rules
    /// of both: about linear in the rules that can apply on `platform`, so
    /// that the diffs of every platform cost about linear time in the size
    /// of the two policies.
    ///
    /// ```
    /// use acquaint::{Condition, DataRule, Decision, Platform, Policy};
    ///
    /// let before = Policy::default();
    /// let after = Policy::builder()
    ///     .data_rule(
    ///         DataRule::new("family", Condition::Tag("family".into()), Decision::Accept, "Family")
    ///             .on(Platform::Facebook),
    ///     )
    ///     .build()?;
    /// let diff = before.diff(&after, &Platform::Facebook)?;
    /// assert_eq!(
    ///     diff.to_string(),
    ///     "\
    /// | personal friend | tag: family | before                            | after             |
    /// |-----------------|-------------|-----------------------------------|-------------------|
    /// | no              | yes         | decline (`facebook.not-a-friend`) | accept (`family`) |
    /// "
    /// );
    /// assert!(before.diff(&Policy::default(), &Platform::LinkedIn)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn diff(&self, other: &Policy, platform: &Platform) -> Result<PolicyDiff, AnalysisError> {
        // Only the rules that can apply on the platform are looked at, so
        // that the diffs of many platforms cost the policies' size.
        let (this, other) = (&self.on_platform(platform), &other.on_platform(platform));
        let mut budget = Budget::new();
        let mut model = Model::new(&[this, other], Some(platform));
        let before = model.compile_policy(this, &mut budget)?;
        let after = model.compile_policy(other, &mut budget)?;
        let mut start = model.full();
        model.restrict_platform(&mut start, platform);
        let before_rules = rules_on(&model, &before, this, &start, &mut budget);
        let after_rules = rules_on(&model, &after, other, &start, &mut budget);

        let mut rows: Vec<(Cell, (DecidingRule, DecidingRule), usize)> = Vec::new();
        let mut too_large = false;
        let lists = [before_rules.as_slice(), after_rules.as_slice()];
        model.explore_jointly(
            start.clone(),
            &lists,
            None,
            &mut budget,
            |cell, deciding| {
                let key = (deciding[0], deciding[1]);
                if key.0.outcome(this).0 == key.1.outcome(other).0 {
                    return ControlFlow::Continue(());
                }
                if rows.len() == PolicyDiff::MAX_ROWS {
                    too_large = true;
                    return ControlFlow::Break(());
                }
                rows.push((cell.clone(), key, rows.len()));
                ControlFlow::Continue(())
            },
        )?;
        if too_large {
            return Err(AnalysisError::DiffTooLarge {
                limit: PolicyDiff::MAX_ROWS,
            });
        }
        merge(&model, &mut rows, &mut budget)?;
        rows.sort_by_key(|(_, key, order)| (*key, *order));

        let rows = rows.into_iter().map(|(cell, key, _)| (cell, key)).collect();
        let model = Arc::new(model);
        let (columns, rows) = tabulate(&model, &start, rows);
        let rows = rows
            .into_iter()
            .map(|(facts, (was, is))| {
                let side = |rule: DecidingRule, policy: &Policy| {
                    let (decision, id) = rule.outcome(policy);
                    (decision, id.to_owned())
                };
                DiffRow {
                    facts,
                    before: side(was, this),
                    after: side(is, other),
                }
            })
            .collect();
        Ok(PolicyDiff {
            model,
            platform: platform.clone(),
            columns: columns.headers.clone(),
            rows,
            rust_rules: rust_rules(&[this, other]),
            job_seeking: (this.settings.job_seeking, other.settings.job_seeking),
        })
    }
}
