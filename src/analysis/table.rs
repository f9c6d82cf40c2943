//! Extends [`Policy`] with [`Policy::decision_table`]: what a policy
//! decides on one platform, as a [`DecisionTable`].

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;
use std::hash::Hash;
use std::ops::ControlFlow;
use std::sync::Arc;

use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::platform::Platform;
use crate::policy::{Policy, UserRule};
use crate::request::Request;
use crate::text::join_with;

use super::AnalysisError;
#[cfg(feature = "serde")]
use super::cells::Cells;
use super::cells::{FactCell, connection_runs};
use super::engine::{
    Budget, Cell, DecidingRule, Fact, Formula, GroupReading, Model, NameGroup, RuleFormulas, Truth,
};

/// What a policy decides on one platform, as a table: each row gives the
/// facts that matter, the decision and the rule that gives it; a fact that
/// does not matter for a row reads `any`, and a fact that matters for no
/// row has no column.
///
/// The table is exact: every request on the platform matches exactly one
/// row (see [`matching`](DecisionTable::matching)), and that row's
/// decision and rule are the ones [`Policy::evaluate`] gives, as long as no
/// rule written in Rust applies (those are opaque, and left out). Its
/// `Display` is a Markdown table.
///
/// ```
/// use acquaint::{Platform, Policy};
///
/// let table = Policy::default().decision_table(&Platform::Facebook)?;
/// assert_eq!(
///     table.to_string(),
///     "\
/// | personal friend | decision | rule                    |
/// |-----------------|----------|-------------------------|
/// | yes             | accept   | `facebook.friend`       |
/// | no              | decline  | `facebook.not-a-friend` |
/// "
/// );
/// # Ok::<(), acquaint::AnalysisError>(())
/// ```
#[derive(Clone)]
pub struct DecisionTable {
    /// The space the rows' cells belong to.
    model: Arc<Model>,
    /// The platform the table is for.
    platform: Platform,
    /// The headers of the columns shown, in order: the facts that vary
    /// between rows.
    columns: Vec<String>,
    /// The rows, in the order the rules are tried.
    rows: Vec<TableRow>,
    /// The ids of the rules written in Rust, left out.
    rust_rules: Vec<String>,
}

/// One row of a [`DecisionTable`]: a set of requests, the decision for
/// them and the rule that gives it.
///
/// ```
/// use acquaint::{Decision, Platform, Policy};
///
/// let table = Policy::default().decision_table(&Platform::Twitter)?;
/// let first = &table.rows()[0];
/// assert_eq!(first.decision(), Decision::Accept);
/// assert_eq!(first.rule_id(), "twitter.shared-purpose");
/// # Ok::<(), acquaint::AnalysisError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableRow {
    /// The requests of the row, and how they read.
    facts: RowFacts,
    /// The decision for them.
    decision: Decision,
    /// The id of the rule that gives it, or `fallback`.
    rule_id: String,
}

impl TableRow {
    /// The decision for the row's requests.
    pub fn decision(&self) -> Decision {
        self.decision
    }

    /// The id of the rule that gives it, or `fallback`.
    pub fn rule_id(&self) -> &str {
        &self.rule_id
    }

    /// The facts of the row, as its table prints them: each column's
    /// header and the row's value in it (`any` where the fact does not
    /// matter for the row). [`cells`](TableRow::cells) gives the same as
    /// data.
    ///
    /// ```
    /// use acquaint::{Platform, Policy};
    ///
    /// let table = Policy::default().decision_table(&Platform::Facebook)?;
    /// let facts: Vec<(&str, &str)> = table.rows()[0].facts().collect();
    /// assert_eq!(facts, [("personal friend", "yes")]);
    /// # Ok::<(), acquaint::AnalysisError>(())
    /// ```
    pub fn facts(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.facts.iter()
    }

    /// The facts of the row as data, one [`FactCell`] per column in the
    /// order of [`facts`](TableRow::facts): the condition key a policy
    /// document names the fact by, and the values of it the row holds.
    ///
    /// ```
    /// use acquaint::{FactValue, Platform, Policy};
    ///
    /// let policy = Policy::builder().profession("software engineer").build()?;
    /// let table = policy.decision_table(&Platform::Twitter)?;
    /// // | star of their field | profession            | decision | rule                     |
    /// // | yes                 | not software engineer | accept   | `twitter.shared-purpose` |
    /// let row = &table.rows()[1];
    /// let cells: Vec<_> = row.cells().collect();
    /// assert_eq!((cells[0].key(), cells[0].values()), ("star", vec![FactValue::Bool(true)]));
    /// assert_eq!(cells[1].key(), "profession");
    /// assert_eq!(cells[1].values(), [FactValue::Text("software engineer")]);
    /// assert!(cells[1].is_negated());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cells(&self) -> impl ExactSizeIterator<Item = FactCell<'_>> + '_ {
        self.facts.cells()
    }

    /// The row's requests as a condition (on the table's platform): every
    /// cell's [`condition`](FactCell::condition) together, `None` when the
    /// row holds every request on the platform. A rule with this condition,
    /// on the table's platform, applies to exactly the requests the row
    /// holds.
    ///
    /// ```
    /// use acquaint::{Condition, Platform, Policy};
    ///
    /// let table = Policy::default().decision_table(&Platform::Facebook)?;
    /// assert_eq!(table.rows()[0].condition(), Some(Condition::Friend(true)));
    /// # Ok::<(), acquaint::AnalysisError>(())
    /// ```
    pub fn condition(&self) -> Option<Condition> {
        self.facts.condition()
    }
}

/// The facts of a row of a table over the space (a decision table, or a
/// diff of two policies): the requests it holds and how they read in each
/// column.
///
/// Row facts compare and hash by what they show (the columns and the values),
/// not by the cell: two policies' models may store the same requests
/// differently, and their tables should still compare equal when they
/// read the same.
#[derive(Debug, Clone)]
pub(super) struct RowFacts {
    /// The requests of the row.
    pub(super) cell: Cell,
    /// How the row reads in each column of its table, in order.
    values: Vec<String>,
    /// The columns, shared by every row of the table.
    pub(super) columns: Arc<Columns>,
}

/// The columns of a table over the space, shared by its rows: the
/// variable each shows and its header, and the space they belong to.
#[derive(Clone)]
pub(super) struct Columns {
    /// The space the rows' cells belong to.
    pub(super) model: Arc<Model>,
    /// The variable each column shows, in order.
    pub(super) vars: Vec<usize>,
    /// Each column's header, in the same order.
    pub(super) headers: Vec<String>,
}

impl fmt::Debug for Columns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.headers.fmt(f)
    }
}

impl RowFacts {
    /// Each column's header and the row's value in it.
    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &str)> + '_ {
        self.columns
            .headers
            .iter()
            .zip(&self.values)
            .map(|(column, value)| (column.as_str(), value.as_str()))
    }

    /// Each column's text as [`iter`](RowFacts::iter) gives it, with its
    /// variable.
    pub(super) fn columns(&self) -> impl ExactSizeIterator<Item = (&str, &str, usize)> + '_ {
        self.iter()
            .zip(&self.columns.vars)
            .map(|((header, value), var)| (header, value, *var))
    }
}

impl PartialEq for RowFacts {
    fn eq(&self, other: &Self) -> bool {
        self.columns.headers == other.columns.headers && self.values == other.values
    }
}

impl Eq for RowFacts {}

impl Hash for RowFacts {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.columns.headers.hash(state);
        self.values.hash(state);
    }
}

/// Row facts serialize as a map from each column to the row's value in it.
#[cfg(feature = "serde")]
impl serde::Serialize for RowFacts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// The rows of a table over `model`'s space, from their cells, the
/// columns they need: a column for each variable on which some row
/// differs from `start` (the cell the exploration started from). Returns
/// the columns and each row's facts beside its key.
pub(super) fn tabulate<K>(
    model: &Arc<Model>,
    start: &Cell,
    rows: Vec<(Cell, K)>,
) -> (Arc<Columns>, Vec<(RowFacts, K)>) {
    // Only variables a row or the start restricts can differ.
    let mut columns = BTreeSet::new();
    for (cell, _) in &rows {
        for var in cell.restricted_vars().chain(start.restricted_vars()) {
            if !model.same_var(cell, start, var) {
                columns.insert(var);
            }
        }
    }
    let vars: Vec<usize> = columns.into_iter().collect();
    let columns = Arc::new(Columns {
        model: model.clone(),
        headers: vars.iter().map(|&var| header(model, var)).collect(),
        vars,
    });
    let rows = rows
        .into_iter()
        .map(|(cell, key)| {
            let facts = RowFacts {
                values: columns
                    .vars
                    .iter()
                    .map(|&var| value(model, &cell, var))
                    .collect(),
                columns: columns.clone(),
                cell,
            };
            (facts, key)
        })
        .collect();
    (columns, rows)
}

/// The rows whose facts hold `request`, of rows over `model`'s space.
pub(super) fn matching<'t, R>(
    model: &'t Model,
    rows: &'t [R],
    facts: impl Fn(&R) -> &RowFacts + 't,
    request: &Request<'_>,
) -> impl Iterator<Item = &'t R> + 't {
    let values: Vec<usize> = (0..model.var_count())
        .map(|var| model.value_of(var, request))
        .collect();
    // A row's cell leaves every variable it does not store free.
    rows.iter().filter(move |row| {
        let cell = &facts(row).cell;
        cell.restricted_vars()
            .all(|var| model.contains(cell, var, values[var]))
    })
}

/// A row serializes as `{ "facts": { column: value, ... }, "cells": [...],
/// "decision": ..., "rule": ... }`: its facts as the table prints them, in
/// the order of the table's columns, then the same as data, one
/// [`FactCell`] per column (its JSON is described there).
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use acquaint::{Platform, Policy};
/// use serde_json::json;
///
/// let table = Policy::default().decision_table(&Platform::Facebook)?;
/// assert_eq!(
///     serde_json::to_value(&table.rows()[0])?,
///     json!({
///         "facts": { "personal friend": "yes" },
///         "cells": [{ "label": "personal friend", "key": "friend", "values": [true] }],
///         "decision": "accept",
///         "rule": "facebook.friend"
///     })
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for TableRow {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("facts", &self.facts)?;
        map.serialize_entry("cells", &Cells(&self.facts))?;
        map.serialize_entry("decision", &self.decision)?;
        map.serialize_entry("rule", &self.rule_id)?;
        map.end()
    }
}

/// A table serializes as `{ "platform", "columns", "rows", "rust-rules" }`.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for DecisionTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("platform", &self.platform)?;
        map.serialize_entry("columns", &self.columns)?;
        map.serialize_entry("rows", &self.rows)?;
        map.serialize_entry("rust-rules", &self.rust_rules)?;
        map.end()
    }
}

/// Tables compare by what they show: the platform, the columns, the rows
/// (facts, decision and rule) and the rules written in Rust left out:
/// equal tables are for the same platform and print the same.
///
/// ```
/// use acquaint::{Platform, Policy};
///
/// let before = Policy::default();
/// let after = Policy::builder().disable("facebook.friend").build()?;
/// let linkedin = &Platform::LinkedIn;
/// assert_eq!(before.decision_table(linkedin)?, after.decision_table(linkedin)?);
/// let facebook = &Platform::Facebook;
/// assert_ne!(before.decision_table(facebook)?, after.decision_table(facebook)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl PartialEq for DecisionTable {
    fn eq(&self, other: &Self) -> bool {
        self.platform == other.platform
            && self.columns == other.columns
            && self.rows == other.rows
            && self.rust_rules == other.rust_rules
    }
}

impl Eq for DecisionTable {}

impl fmt::Debug for DecisionTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecisionTable")
            .field("platform", &self.platform)
            .field("rows", &self.rows)
            .finish_non_exhaustive()
    }
}

impl DecisionTable {
    /// The most rows a table may have before rows that differ in one fact
    /// only are merged.
    pub const MAX_ROWS: usize = 10_000;

    /// The platform the table is for.
    pub fn platform(&self) -> &Platform {
        &self.platform
    }

    /// The rows, in the order the rules are tried (user rules, built-in
    /// rules, the fallback).
    pub fn rows(&self) -> &[TableRow] {
        &self.rows
    }

    /// The headers of the columns: the facts that matter for some row, in
    /// the order the table prints them (the decision and the rule come
    /// after them).
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// The ids of the rules written in Rust that the table leaves out: it
    /// shows the decision when none of them applies.
    pub fn rust_rules(&self) -> &[String] {
        &self.rust_rules
    }

    /// The rows a request matches: exactly one for a request on the
    /// table's platform, none for a request on another.
    ///
    /// ```
    /// use acquaint::{Contact, Direction, Platform, Policy};
    ///
    /// let policy = Policy::default();
    /// let table = policy.decision_table(&Platform::LinkedIn)?;
    /// let sam = Contact::new("Sam");
    /// let request = acquaint::Request::new(&sam, &Platform::LinkedIn, Direction::Incoming, policy.settings());
    /// let rows: Vec<_> = table.matching(&request).collect();
    /// assert_eq!(rows.len(), 1);
    /// assert_eq!(rows[0].rule_id(), "linkedin.not-met");
    /// # Ok::<(), acquaint::AnalysisError>(())
    /// ```
    pub fn matching<'t>(
        &'t self,
        request: &Request<'_>,
    ) -> impl Iterator<Item = &'t TableRow> + 't {
        matching(&self.model, &self.rows, |row| &row.facts, request)
    }
}

/// The header of `var`'s column.
fn header(model: &Model, var: usize) -> String {
    match model.fact(var) {
        Fact::Platform => "platform".into(),
        Fact::Direction => "direction".into(),
        Fact::Flag(flag) => flag.header().into(),
        Fact::Acquaintance => "we have".into(),
        Fact::MyView => "my view of their work".into(),
        Fact::TheirView => "their view of mine".into(),
        Fact::Profession => "profession".into(),
        Fact::Passion(i) => format!("passion: {}", group_text(&model.passions[i], "passions")),
        Fact::Tag(i) => format!("tag: {}", group_text(&model.tags[i], "tags")),
        Fact::MutualConnections => "mutual connections".into(),
    }
}

/// How a row's values of `var` read.
fn value(model: &Model, cell: &Cell, var: usize) -> String {
    let values: Vec<usize> = model.values(cell, var).collect();
    if values.len() == model.size(var) {
        return "any".into();
    }
    match model.fact(var) {
        Fact::Platform => or_list(values.iter().map(|&v| match model.platforms.get(v) {
            Some(p) => p.label().to_owned(),
            None => "any other".to_owned(),
        })),
        Fact::Direction => if values == [0] {
            "incoming"
        } else {
            "outgoing"
        }
        .into(),
        Fact::Flag(_) | Fact::Passion(_) | Fact::Tag(_) => {
            if values == [1] { "yes" } else { "no" }.into()
        }
        Fact::Acquaintance => acquaintance_text(&values),
        Fact::MyView | Fact::TheirView => {
            or_list(values.iter().map(|&v| View::ALL[v].as_str().to_owned()))
        }
        Fact::Profession => {
            let name = |v: usize| match model.professions.get(v) {
                Some(p) => p.to_string(),
                None => "any other or none".to_owned(),
            };
            let other = model.professions.len();
            if values.contains(&other) {
                let excluded: Vec<String> = (0..other)
                    .filter(|&v| !model.contains(cell, var, v))
                    .map(name)
                    .collect();
                match excluded.as_slice() {
                    [one] => format!("not {one}"),
                    _ => format!("none of {}", long_list(excluded, ", ", "professions")),
                }
            } else {
                let names = values.into_iter().map(name).collect();
                long_list(names, " or ", "professions")
            }
        }
        Fact::MutualConnections => mutual_text(&model.thresholds, &values),
    }
}

/// The most names of a group a header shows; past it, the first few and
/// how many there are.
const NAMES_SHOWN: usize = 4;

/// A group of passions or tags as a header reads it: `vip` for one name,
/// `any of spam, scam` for a few, `any of spam, scam, ham, … (10,000
/// tags)` for many.
fn group_text(group: &NameGroup, plural: &str) -> String {
    let names = &group.names;
    if let [one] = names.as_slice() {
        return one.to_string();
    }
    let reading = match group.reading {
        GroupReading::AnyOf => "any of",
        GroupReading::AllOf => "all of",
    };
    if names.len() <= NAMES_SHOWN {
        return format!("{reading} {}", names.join(", "));
    }
    format!(
        "{reading} {}, … ({} {plural})",
        names[..NAMES_SHOWN - 1].join(", "),
        thousands(names.len())
    )
}

/// A count with a comma between each group of three digits: `10,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The most values a cell lists; past it, the first few and how many
/// there are, so that a policy interested in 100,000 professions still
/// prints a table a person can read.
const VALUES_SHOWN: usize = 10;

/// `names` joined as "a, b{last}c", or for more than [`VALUES_SHOWN`],
/// the first three and the count: `a, b, c, … (100,000 professions)`.
fn long_list(names: Vec<String>, last: &str, plural: &str) -> String {
    if names.len() <= VALUES_SHOWN {
        return join_with(&names, last);
    }
    format!(
        "{}, … ({} {plural})",
        names[..3].join(", "),
        thousands(names.len())
    )
}

/// "a", "a or b", "a, b or c".
fn or_list(items: impl Iterator<Item = String>) -> String {
    join_with(&items.collect::<Vec<_>>(), " or ")
}

/// How a row's acquaintance values read, in the words people use for the
/// usual groups.
fn acquaintance_text(values: &[usize]) -> String {
    // Read after the column's header, "we have".
    match values {
        [0, 1] => "not met".into(),
        [2, 3, 4] => "met or worked together".into(),
        [1, 2, 3, 4] => "spoken at least".into(),
        _ => or_list(values.iter().map(|&v| match Acquaintance::ALL[v] {
            Acquaintance::Never => "never spoken".to_owned(),
            Acquaintance::Spoken => "only spoken".to_owned(),
            Acquaintance::MetInPerson => "met in person".to_owned(),
            Acquaintance::WorkedRemotely => "worked together remotely".to_owned(),
            Acquaintance::WorkedInPerson => "worked together in person".to_owned(),
        })),
    }
}

/// Intervals between thresholds, joined into runs: "fewer than 10",
/// "10 to 49", "at least 50".
fn mutual_text(thresholds: &[u32], values: &[usize]) -> String {
    let runs = connection_runs(thresholds, values.iter().copied());
    or_list(runs.into_iter().map(|(low, high)| match high {
        None => format!("at least {low}"),
        // Thresholds start with 0, and only the first is 0.
        Some(high) if low == 0 => format!("fewer than {high}"),
        Some(high) => format!("{low} to {}", high - 1),
    }))
}

/// Keeps a table cell on one line and its `|` from ending the cell.
fn escape(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .replace('|', "\\|")
}

/// A rule id as code, unless a backtick in it would end the code span.
pub(super) fn code(id: &str) -> String {
    if id.contains('`') {
        escape(id)
    } else {
        format!("`{}`", escape(id))
    }
}

/// A Markdown table, its columns padded so that the text lines up.
impl fmt::Display for DecisionTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = self.rows.iter().map(|row| {
            let outcome = [row.decision.to_string(), code(&row.rule_id)];
            (&row.facts, outcome)
        });
        write_markdown(f, &self.columns, ["decision", "rule"], rows)?;
        write_rust_rules(f, &self.rust_rules, "The table shows the decision")
    }
}

/// Writes a Markdown table of rows over the space: a column for each of
/// `columns`, then the `N` columns headed `more`, each row's facts and
/// then its `N` texts; the columns padded so that the text lines up.
pub(super) fn write_markdown<'r, const N: usize>(
    f: &mut fmt::Formatter<'_>,
    columns: &[String],
    more: [&str; N],
    rows: impl Iterator<Item = (&'r RowFacts, [String; N])>,
) -> fmt::Result {
    let mut lines: Vec<Vec<String>> = Vec::new();
    let mut header: Vec<String> = columns.iter().map(|c| escape(c)).collect();
    header.extend(more.map(str::to_owned));
    lines.push(header);
    for (facts, texts) in rows {
        let mut line: Vec<String> = facts.values.iter().map(|v| escape(v)).collect();
        line.extend(texts);
        lines.push(line);
    }
    let widths: Vec<usize> = (0..columns.len() + N)
        .map(|i| {
            lines
                .iter()
                .map(|l| l[i].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for (n, line) in lines.iter().enumerate() {
        for (text, width) in line.iter().zip(&widths) {
            // Padded by hand: a width in a format string is limited to
            // 65,535, and a cell may be wider.
            let padding = width - text.chars().count();
            write!(f, "| {text}{} ", " ".repeat(padding))?;
        }
        f.write_str("|\n")?;
        if n == 0 {
            for width in &widths {
                write!(f, "|-{}-", "-".repeat(*width))?;
            }
            f.write_str("|\n")?;
        }
    }
    Ok(())
}

/// Says which rules written in Rust a table leaves out, if any.
pub(super) fn write_rust_rules(
    f: &mut fmt::Formatter<'_>,
    ids: &[String],
    shows: &str,
) -> fmt::Result {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = ids.iter().map(|id| code(id)).collect();
    write!(
        f,
        "\nLeft out: the rules written in Rust ({}). {shows} when none of them applies.\n",
        ids.join(", ")
    )
}

/// Merges rows with the same key (the deciding rule, or the rules of two
/// policies) that differ in one variable only: their union is again a
/// product of value sets, so the table stays exact. Each row is a cell, its
/// key, and the position of its first piece in the exploration. Only
/// variables some row restricts can tell rows apart, so only those are
/// tried; each key built is charged to `budget`.
pub(super) fn merge<K: Copy + Eq + Hash>(
    model: &Model,
    rows: &mut Vec<(Cell, K, usize)>,
    budget: &mut Budget,
) -> Result<(), AnalysisError> {
    loop {
        let mut changed = false;
        let vars: BTreeSet<usize> = rows
            .iter()
            .flat_map(|(cell, _, _)| cell.restricted_vars())
            .collect();
        for var in vars {
            let mut groups: HashMap<(K, Cell), usize> = HashMap::with_capacity(rows.len());
            let mut merged: Vec<(Cell, K, usize)> = Vec::with_capacity(rows.len());
            for (cell, rule, order) in std::mem::take(rows) {
                let key = (rule, model.without(&cell, var, budget)?);
                match groups.get(&key) {
                    Some(&i) => {
                        let into = &mut merged[i];
                        model.unite(&mut into.0, &cell, var);
                        into.2 = into.2.min(order);
                        changed = true;
                    }
                    None => {
                        groups.insert(key, merged.len());
                        merged.push((cell, rule, order));
                    }
                }
            }
            *rows = merged;
        }
        if !changed {
            return Ok(());
        }
    }
}

impl Policy {
    /// The decision table of the policy on `platform`: what it decides for
    /// every request there, as rows of facts, with `any` where a fact does
    /// not matter. See [`DecisionTable`].
    ///
    /// Facts take the values described in [`Policy::analyze`]; job seeking
    /// is a column like the others (both values), so the table holds
    /// whatever the setting. Rules written in Rust are left out: the table
    /// shows what happens when none of them applies, and says so.
    ///
    /// # Errors
    ///
    /// [`AnalysisError::TooComplex`] when the rules combine so many facts
    /// that covering every case would take too long (every phase, merging
    /// the rows included, runs within the budget described in
    /// [`Policy::analyze`]), and [`AnalysisError::TableTooLarge`] when the
    /// table would have more than [`DecisionTable::MAX_ROWS`] rows.
    ///
    /// The cost is about linear in the rules that can apply on `platform`
    /// (those whose list of platforms names it, or whose condition can hold
    /// there) and in my lists when those rules read them: other rules cost
    /// nothing, so that the tables of every platform a policy declares cost
    /// about linear time in its size.
    /// Passions and tags that only appear together in the same lists are one
    /// column, headed `tag: any of spam, scam, … (10,000 tags)`; a cell
    /// listing more than ten professions shows the first three and the
    /// count.
    ///
    /// ```
    /// use acquaint::{Platform, Policy};
    ///
    /// let policy = Policy::builder().profession("software engineer").build()?;
    /// let table = policy.decision_table(&Platform::Twitter)?;
    /// assert_eq!(
    ///     table.to_string(),
    ///     "\
    /// | star of their field | profession            | decision | rule                     |
    /// |---------------------|-----------------------|----------|--------------------------|
    /// | any                 | software engineer     | accept   | `twitter.shared-purpose` |
    /// | yes                 | not software engineer | accept   | `twitter.shared-purpose` |
    /// | no                  | not software engineer | decline  | `twitter.no-purpose`     |
    /// "
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn decision_table(&self, platform: &Platform) -> Result<DecisionTable, AnalysisError> {
        // Only the rules that can apply on the platform are looked at, so
        // that the tables of many platforms cost the policy's size.
        let policy = &self.on_platform(platform);
        let mut budget = Budget::new();
        let mut model = Model::new(&[policy], Some(platform));
        let compiled = model.compile_policy(policy, &mut budget)?;
        let mut start = model.full();
        model.restrict_platform(&mut start, platform);
        let rules = rules_on(&model, &compiled, policy, &start, &mut budget);
        let mut rows: Vec<(Cell, DecidingRule, usize)> = Vec::new();
        let mut too_large = false;
        model.explore(start.clone(), &rules, None, &mut budget, |cell, rule| {
            if rows.len() == DecisionTable::MAX_ROWS {
                too_large = true;
                return ControlFlow::Break(());
            }
            rows.push((cell.clone(), rule, rows.len()));
            ControlFlow::Continue(())
        })?;
        if too_large {
            return Err(AnalysisError::TableTooLarge {
                limit: DecisionTable::MAX_ROWS,
            });
        }
        merge(&model, &mut rows, &mut budget)?;
        rows.sort_by_key(|(_, rule, order)| (*rule, *order));

        let rows = rows
            .into_iter()
            .map(|(cell, rule, _)| (cell, rule))
            .collect();
        let model = Arc::new(model);
        let (columns, rows) = tabulate(&model, &start, rows);
        let rows = rows
            .into_iter()
            .map(|(facts, rule)| {
                let (decision, rule_id) = rule.outcome(policy);
                TableRow {
                    facts,
                    decision,
                    rule_id: rule_id.to_owned(),
                }
            })
            .collect();
        Ok(DecisionTable {
            model,
            platform: platform.clone(),
            columns: columns.headers.clone(),
            rows,
            rust_rules: rust_rules(&[policy]),
        })
    }
}

/// The rules of `policy` (compiled over `model` as `compiled`) in the
/// order they are tried, but those that never apply in `start`: a table
/// of one platform need not try the rules of others.
pub(super) fn rules_on<'m>(
    model: &Model,
    compiled: &'m RuleFormulas,
    policy: &Policy,
    start: &Cell,
    budget: &mut Budget,
) -> Vec<(&'m Formula, DecidingRule)> {
    compiled
        .ordered(policy, true)
        .into_iter()
        .filter(|(condition, _)| model.eval(condition, start, budget) != Truth::No)
        .collect()
}

/// The ids of the rules written in Rust in `policies`, each once, in the
/// order the policies try them.
pub(super) fn rust_rules(policies: &[&Policy]) -> Vec<String> {
    let mut seen = HashSet::new();
    policies
        .iter()
        .flat_map(|policy| &policy.rules)
        .filter(|rule| matches!(rule, UserRule::Custom { .. }))
        .map(UserRule::id)
        .filter(|id| seen.insert(*id))
        .map(str::to_owned)
        .collect()
}
