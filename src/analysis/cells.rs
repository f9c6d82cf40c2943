//! The facts of a row of a decision table or a diff as data: each
//! column's condition key and the values of it the row holds, named as a
//! policy document names them ([`FactCell`], [`FactValue`]), and the row
//! as a [`Condition`].

use std::fmt;

use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::names::Name;
use crate::platform::{Direction, Platform};

use super::engine::{Cell, Fact, GroupReading, Model, NameGroup};
use super::table::RowFacts;

/// One fact of a row of a [`DecisionTable`](crate::DecisionTable) or a
/// [`PolicyDiff`](crate::PolicyDiff), as data a program reads: the
/// column's label and the [condition key](crate::Condition::key) a policy
/// document names the fact by, and the values of it the row holds, as a
/// policy document writes them. Given by
/// [`TableRow::cells`](crate::TableRow::cells) and
/// [`DiffRow::cells`](crate::DiffRow::cells).
///
/// A cell reads in one of these ways:
///
/// - **any**: the fact does not matter for the row ([`is_any`](FactCell::is_any));
/// - **one of** its [`values`](FactCell::values): `recruiter` is `true`,
///   `acquaintance` is `never` or `spoken`; for passions and tags, which a
///   person has several of, having at least one of them;
/// - **none of** them ([`is_negated`](FactCell::is_negated)): `profession`
///   is neither of the values, or none is given; for passions and tags,
///   having none of them;
/// - for a group of passions or tags that the rules only read together in
///   `all` lists ([`needs_all`](FactCell::needs_all)): having **all** of
///   them, or, negated, not all of them.
///
/// The keys are those of the facts a table has columns for: `platform`,
/// `direction`, `job-seeking`, `recruiter`, `acquaintance`, `my-view`,
/// `their-view`, `friend`, `star`, `facebook-friend`, `has-message`,
/// `profession`, `passion`, `tag` and `mutual-connections-at-least`, whose
/// values are [ranges](FactValue::MutualConnections). The keys that read
/// one of these facts another way have no column of their own: the
/// analysis reads `met-in-person`, `worked-together` and `spoke-with` as the
/// acquaintance they allow, `shares-profession` and
/// `interesting-profession` as the professions they allow, and
/// `shares-passion` as the policy's passions.
///
/// [`condition`](FactCell::condition) gives the cell as a [`Condition`].
///
/// ```
/// use acquaint::{Acquaintance, FactValue, Platform, Policy};
///
/// let table = Policy::default().decision_table(&Platform::LinkedIn)?;
/// // | outgoing | any | any | not met | unknown or positive | unknown or positive | meet-first | `linkedin.not-met` |
/// let not_met = table.rows().iter().rfind(|r| r.rule_id() == "linkedin.not-met").ok_or("a row")?;
/// let cell = not_met.cells().find(|c| c.key() == "acquaintance").ok_or("a cell")?;
/// assert_eq!((cell.label(), cell.text()), ("we have", "not met"));
/// assert_eq!(
///     cell.values(),
///     [FactValue::Acquaintance(Acquaintance::Never), FactValue::Acquaintance(Acquaintance::Spoken)]
/// );
/// assert!(!cell.is_any() && !cell.is_negated());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # As JSON
///
/// With the `serde` feature, a cell serializes as an object with its
/// `label` and `key`, then `"any": true` when the fact does not matter for
/// the row, or else its `values`, as a policy document writes them (see
/// [`FactValue`]), with `"negated": true` when the cell reads "none of
/// them" and `"all": true` when it needs all of them:
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use acquaint::{Platform, Policy};
/// use serde_json::json;
///
/// let policy = Policy::builder().profession("software engineer").build()?;
/// let table = policy.decision_table(&Platform::Twitter)?;
/// // | star of their field | profession            | decision | rule                     |
/// // | any                 | software engineer     | accept   | `twitter.shared-purpose` |
/// // | yes                 | not software engineer | accept   | `twitter.shared-purpose` |
/// let cells = |row: usize| serde_json::to_value(table.rows()[row].cells().collect::<Vec<_>>());
/// assert_eq!(
///     cells(0)?,
///     json!([
///         { "label": "star of their field", "key": "star", "any": true },
///         { "label": "profession", "key": "profession", "values": ["software engineer"] }
///     ])
/// );
/// assert_eq!(
///     cells(1)?,
///     json!([
///         { "label": "star of their field", "key": "star", "values": [true] },
///         { "label": "profession", "key": "profession", "values": ["software engineer"],
///           "negated": true }
///     ])
/// );
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy)]
pub struct FactCell<'r> {
    /// The column's header.
    label: &'r str,
    /// The row's value in it, as the table prints it.
    text: &'r str,
    /// The space the row's cell belongs to.
    model: &'r Model,
    /// The row's requests.
    cell: &'r Cell,
    /// The variable the column shows.
    var: usize,
}

/// A value of a [`FactCell`], as a policy document writes the value of the
/// cell's key.
///
/// ```
/// use acquaint::{Condition, DataRule, Decision, FactValue, Platform, Policy};
///
/// let crowd = DataRule::new("crowd", Condition::MutualConnectionsAtLeast(100), Decision::MeetFirst, "");
/// let policy = Policy::builder().data_rule(crowd).build()?;
/// let table = policy.decision_table(&Platform::Facebook)?;
/// // | personal friend | mutual connections | decision   | rule                    |
/// // | any             | at least 100       | meet-first | `crowd`                 |
/// // | yes             | fewer than 100     | accept     | `facebook.friend`       |
/// // | no              | fewer than 100     | decline    | `facebook.not-a-friend` |
/// let mutual = |row: usize| {
///     let cells = table.rows()[row].cells();
///     cells.filter(|c| c.key() == "mutual-connections-at-least").flat_map(|c| c.values()).collect()
/// };
/// let at_least_100: Vec<FactValue<'_>> = mutual(0);
/// assert_eq!(at_least_100, [FactValue::MutualConnections { at_least: 100, below: None }]);
/// let fewer: Vec<FactValue<'_>> = mutual(2);
/// assert_eq!(fewer, [FactValue::MutualConnections { at_least: 0, below: Some(100) }]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FactValue<'r> {
    /// A yes-or-no fact's value: of `job-seeking`, `recruiter`, `friend`,
    /// `star`, `facebook-friend` and `has-message`. JSON: `true`.
    Bool(bool),
    /// A platform, of `platform`. JSON: its name, `"linkedin"`.
    Platform(&'r Platform),
    /// A direction, of `direction`. JSON: `"incoming"`.
    Direction(Direction),
    /// An acquaintance, of `acquaintance`. JSON: `"met-in-person"`.
    Acquaintance(Acquaintance),
    /// A view, of `my-view` and `their-view`. JSON: `"positive"`.
    View(View),
    /// A profession, passion or tag, of `profession`, `passion` and `tag`,
    /// as the policy folds it (in lowercase). JSON: `"designer"`.
    Text(&'r str),
    /// A number of mutual connections, of `mutual-connections-at-least`: at
    /// least `at_least` (0 for the lowest), and fewer than `below`, if
    /// given. In a policy document: `mutual-connections-at-least =
    /// at_least`, and not `mutual-connections-at-least = below`. JSON:
    /// `{ "at-least": 10, "below": 50 }`, without `below` when there is
    /// none.
    MutualConnections {
        /// The fewest connections.
        at_least: u32,
        /// One more than the most, or `None` for no limit.
        below: Option<u32>,
    },
}

impl<'r> FactCell<'r> {
    /// The column's label, as the table's header prints it, such as
    /// `we have` or `passion: rust`.
    pub fn label(&self) -> &'r str {
        self.label
    }

    /// The row's value in the column, as the table prints it, such as
    /// `not met` or `any`.
    pub fn text(&self) -> &'r str {
        self.text
    }

    /// The condition key a policy document names the column's fact by,
    /// such as `acquaintance` or `passion`.
    pub fn key(&self) -> &'static str {
        self.fact().key().name()
    }

    /// Whether the fact does not matter for the row: the row holds every
    /// value of it, and [`values`](FactCell::values) is empty.
    pub fn is_any(&self) -> bool {
        !self.cell.restricts(self.var)
    }

    /// Whether the cell holds every value but its
    /// [`values`](FactCell::values): any other profession or none, any
    /// other platform, having none of the passions or tags (or, with
    /// [`needs_all`](FactCell::needs_all), not all of them).
    pub fn is_negated(&self) -> bool {
        if self.is_any() {
            return false;
        }
        match self.fact() {
            // The value after the named ones stands for every other.
            Fact::Platform | Fact::Profession => self.holds(self.model.size(self.var) - 1),
            // A group's values are no (0) and yes (1).
            Fact::Passion(_) | Fact::Tag(_) => !self.holds(1),
            Fact::Direction
            | Fact::Flag(_)
            | Fact::Acquaintance
            | Fact::MyView
            | Fact::TheirView
            | Fact::MutualConnections => false,
        }
    }

    /// Whether the values are passions or tags that the row needs all of
    /// (negated: not all of), rather than one of: a group of them that the
    /// rules only read together, in the same `all` lists.
    pub fn needs_all(&self) -> bool {
        !self.is_any()
            && self
                .group()
                .is_some_and(|g| g.reading == GroupReading::AllOf && g.names.len() > 1)
    }

    /// The values the cell lists, as a policy document writes them: those
    /// the row holds, or, when [`is_negated`](FactCell::is_negated), those
    /// it does not; empty when [`is_any`](FactCell::is_any).
    pub fn values(&self) -> Vec<FactValue<'r>> {
        if self.is_any() {
            return Vec::new();
        }
        let model = self.model;
        let listed = self.listed();
        match self.fact() {
            Fact::Platform => listed
                .map(|v| FactValue::Platform(&model.platforms[v]))
                .collect(),
            Fact::Direction => listed
                .map(|v| FactValue::Direction(Direction::ALL[v]))
                .collect(),
            Fact::Flag(_) => listed.map(|v| FactValue::Bool(v == 1)).collect(),
            Fact::Acquaintance => listed
                .map(|v| FactValue::Acquaintance(Acquaintance::ALL[v]))
                .collect(),
            Fact::MyView | Fact::TheirView => {
                listed.map(|v| FactValue::View(View::ALL[v])).collect()
            }
            Fact::Profession => listed
                .map(|v| FactValue::Text(&model.professions[v]))
                .collect(),
            Fact::Passion(i) => texts(&model.passions[i]),
            Fact::Tag(i) => texts(&model.tags[i]),
            Fact::MutualConnections => connection_runs(&model.thresholds, listed)
                .into_iter()
                .map(|(at_least, below)| FactValue::MutualConnections { at_least, below })
                .collect(),
        }
    }

    /// The cell as a condition: one that holds for exactly the requests
    /// whose fact takes a value the row holds; `None` when
    /// [`is_any`](FactCell::is_any). One value is its condition
    /// (`Condition::Recruiter(true)`), several are `any` of them (`all` for
    /// [`needs_all`](FactCell::needs_all)), a negated cell is `not` that, and
    /// a range of mutual connections is `mutual-connections-at-least` its
    /// low end and not its `below`.
    ///
    /// ```
    /// use acquaint::{Condition, Platform, Policy};
    ///
    /// let policy = Policy::builder().profession("software engineer").build()?;
    /// let table = policy.decision_table(&Platform::Twitter)?;
    /// let cells: Vec<_> = table.rows()[1].cells().collect();
    /// assert_eq!(cells[0].condition(), Some(Condition::Star(true)));
    /// assert_eq!(
    ///     cells[1].condition(),
    ///     Some(Condition::Not(Box::new(Condition::Profession("software engineer".into()))))
    /// );
    /// let any = table.rows()[0].cells().next().ok_or("a cell")?;
    /// assert_eq!(any.condition(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn condition(&self) -> Option<Condition> {
        if self.is_any() {
            return None;
        }
        let model = self.model;
        let listed = self.listed();
        let condition = match self.fact() {
            Fact::Platform => {
                any_of(listed.map(|v| Condition::Platform(model.platforms[v].clone())))
            }
            Fact::Direction => any_of(listed.map(|v| Condition::Direction(Direction::ALL[v]))),
            Fact::Flag(flag) => any_of(listed.map(|v| flag.condition(v == 1))),
            Fact::Acquaintance => {
                any_of(listed.map(|v| Condition::Acquaintance(Acquaintance::ALL[v])))
            }
            Fact::MyView => any_of(listed.map(|v| Condition::MyView(View::ALL[v]))),
            Fact::TheirView => any_of(listed.map(|v| Condition::TheirView(View::ALL[v]))),
            Fact::Profession => {
                any_of(listed.map(|v| Condition::Profession(model.professions[v].to_string())))
            }
            Fact::Passion(i) => group_condition(&model.passions[i], Condition::Passion),
            Fact::Tag(i) => group_condition(&model.tags[i], Condition::Tag),
            Fact::MutualConnections => any_of(
                connection_runs(&model.thresholds, listed)
                    .into_iter()
                    .map(range_condition),
            ),
        };
        Some(if self.is_negated() {
            Condition::Not(Box::new(condition))
        } else {
            condition
        })
    }

    /// The fact the column shows.
    fn fact(&self) -> Fact {
        self.model.fact(self.var)
    }

    /// Whether the row holds value `value` of the column's variable.
    fn holds(&self, value: usize) -> bool {
        self.model.contains(self.cell, self.var, value)
    }

    /// The group of passions or tags the column shows, if it shows one.
    fn group(&self) -> Option<&'r NameGroup> {
        match self.fact() {
            Fact::Passion(i) => self.model.passions.get(i),
            Fact::Tag(i) => self.model.tags.get(i),
            Fact::Platform
            | Fact::Direction
            | Fact::Flag(_)
            | Fact::Acquaintance
            | Fact::MyView
            | Fact::TheirView
            | Fact::Profession
            | Fact::MutualConnections => None,
        }
    }

    /// The values of the column's variable the cell lists: those the row
    /// holds, or, negated, the named ones it does not (the value standing
    /// for every other name is never listed).
    fn listed(&self) -> impl Iterator<Item = usize> + 'r {
        let negated = self.is_negated();
        let size = self.model.size(self.var);
        let named = match self.fact() {
            Fact::Platform | Fact::Profession => size - 1,
            Fact::Direction
            | Fact::Flag(_)
            | Fact::Acquaintance
            | Fact::MyView
            | Fact::TheirView
            | Fact::Passion(_)
            | Fact::Tag(_)
            | Fact::MutualConnections => size,
        };
        let this = *self;
        (0..named).filter(move |&v| this.holds(v) != negated)
    }
}

/// A group's names, as values.
fn texts(group: &NameGroup) -> Vec<FactValue<'_>> {
    group.names.iter().map(|n| FactValue::Text(n)).collect()
}

/// One condition, or `any` of several.
fn any_of(conditions: impl Iterator<Item = Condition>) -> Condition {
    let mut list: Vec<Condition> = conditions.collect();
    match list.len() {
        1 => list.remove(0),
        _ => Condition::Any(list),
    }
}

/// "They have the group": its one name, or `any` or `all` of its names as
/// the group is read.
fn group_condition(group: &NameGroup, has: fn(String) -> Condition) -> Condition {
    let mut list: Vec<Condition> = group.names.iter().map(|n| has(n.to_string())).collect();
    if list.len() == 1 {
        return list.remove(0);
    }
    match group.reading {
        GroupReading::AnyOf => Condition::Any(list),
        GroupReading::AllOf => Condition::All(list),
    }
}

/// At least `at_least` mutual connections, and fewer than `below`.
fn range_condition((at_least, below): (u32, Option<u32>)) -> Condition {
    let mut list = Vec::with_capacity(2);
    if at_least > 0 {
        list.push(Condition::MutualConnectionsAtLeast(at_least));
    }
    if let Some(below) = below {
        let reached = Condition::MutualConnectionsAtLeast(below);
        list.push(Condition::Not(Box::new(reached)));
    }
    match list.len() {
        1 => list.remove(0),
        _ => Condition::All(list),
    }
}

/// The intervals between `thresholds` (sorted, starting with 0) numbered
/// `values`, in increasing order, joined into runs: each its lowest
/// number of connections and, unless it has no end, one more than its
/// highest.
pub(super) fn connection_runs(
    thresholds: &[u32],
    values: impl IntoIterator<Item = usize>,
) -> Vec<(u32, Option<u32>)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for v in values {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => runs.push((v, v)),
        }
    }
    runs.into_iter()
        .map(|(start, end)| (thresholds[start], thresholds.get(end + 1).copied()))
        .collect()
}

impl fmt::Debug for FactCell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FactCell")
            .field("label", &self.label)
            .field("key", &self.key())
            .field("text", &self.text)
            .field("values", &self.values())
            .field("negated", &self.is_negated())
            .field("all", &self.needs_all())
            .finish()
    }
}

impl RowFacts {
    /// The row's facts as data, a cell per column.
    pub(super) fn cells(&self) -> impl ExactSizeIterator<Item = FactCell<'_>> + '_ {
        let model = &*self.columns.model;
        self.columns().map(move |(label, text, var)| FactCell {
            label,
            text,
            model,
            cell: &self.cell,
            var,
        })
    }

    /// The row's requests as a condition: its cells' together, `None` when
    /// no cell restricts them.
    pub(super) fn condition(&self) -> Option<Condition> {
        let mut list: Vec<Condition> = self.cells().filter_map(|c| c.condition()).collect();
        match list.len() {
            0 => None,
            1 => Some(list.remove(0)),
            _ => Some(Condition::All(list)),
        }
    }
}

/// A row's cells, serialized as a list.
#[cfg(feature = "serde")]
pub(super) struct Cells<'r>(pub(super) &'r RowFacts);

#[cfg(feature = "serde")]
impl serde::Serialize for Cells<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.cells())
    }
}

/// A cell serializes as `{ "label", "key", "any": true }`, or `{ "label",
/// "key", "values": [...] }` with `"negated": true` and `"all": true` when
/// they hold: see [`FactCell`].
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for FactCell<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(None)?;
        map.serialize_entry("label", self.label)?;
        map.serialize_entry("key", self.key())?;
        if self.is_any() {
            map.serialize_entry("any", &true)?;
        } else {
            map.serialize_entry("values", &self.values())?;
            if self.is_negated() {
                map.serialize_entry("negated", &true)?;
            }
            if self.needs_all() {
                map.serialize_entry("all", &true)?;
            }
        }
        map.end()
    }
}

/// A value serializes as a policy document writes it: `true`,
/// `"met-in-person"`, `"designer"`; a range of mutual connections as `{
/// "at-least": 10, "below": 50 }`.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for FactValue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        match *self {
            FactValue::Bool(b) => s.serialize_bool(b),
            FactValue::Platform(p) => p.serialize(s),
            FactValue::Direction(d) => d.serialize(s),
            FactValue::Acquaintance(a) => a.serialize(s),
            FactValue::View(v) => v.serialize(s),
            FactValue::Text(t) => s.serialize_str(t),
            FactValue::MutualConnections { at_least, below } => {
                let mut map = s.serialize_map(None)?;
                map.serialize_entry("at-least", &at_least)?;
                if let Some(below) = below {
                    map.serialize_entry("below", &below)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::ConditionKey;
    use crate::policy::Policy;
    use crate::{DataRule, Decision};

    /// A model with a variable of every kind of fact: a named platform, a
    /// profession, passions and tags alone and in groups, and thresholds.
    fn model() -> Model {
        let mastodon = Platform::named("mastodon").unwrap_or(Platform::LinkedIn);
        let when = Condition::Any(vec![
            Condition::Platform(mastodon.clone()),
            Condition::Profession("designer".into()),
            Condition::Passion("chess".into()),
            Condition::Tag("vip".into()),
            Condition::All(vec![Condition::Tag("a".into()), Condition::Tag("b".into())]),
            Condition::MutualConnectionsAtLeast(10),
            Condition::MutualConnectionsAtLeast(50),
        ]);
        let policy = Policy::builder()
            .platform(mastodon)
            .passion("go")
            .passion("rust")
            .data_rule(DataRule::new("x", when, Decision::Accept, ""))
            .build()
            .unwrap_or_default();
        Model::new(&[&policy], None)
    }

    /// Every fact has a condition key, and a cell holding one value of it
    /// reads as a condition of that key only, listing at least one value.
    #[test]
    fn every_fact_reads_as_conditions_of_its_key() {
        let model = model();
        let mut keys = Vec::new();
        for var in 0..model.var_count() {
            for value in 0..model.size(var) {
                let cell = model.only(var, value);
                let fact = FactCell {
                    label: "",
                    text: "",
                    model: &model,
                    cell: &cell,
                    var,
                };
                assert!(!fact.is_any(), "{fact:?}");
                assert!(!fact.values().is_empty(), "{fact:?}");
                let condition = fact.condition();
                let leaves: Vec<&'static str> = condition
                    .iter()
                    .flat_map(Condition::nodes)
                    .filter(|c| c.children().is_empty())
                    .map(Condition::key)
                    .collect();
                assert!(!leaves.is_empty(), "{fact:?}");
                assert!(leaves.iter().all(|k| *k == fact.key()), "{fact:?}");
                keys.push(fact.key());
            }
        }
        keys.dedup();
        let expected: Vec<&str> = [
            ConditionKey::Platform,
            ConditionKey::Direction,
            ConditionKey::JobSeeking,
            ConditionKey::Recruiter,
            ConditionKey::Acquaintance,
            ConditionKey::MyView,
            ConditionKey::TheirView,
            ConditionKey::Friend,
            ConditionKey::Star,
            ConditionKey::FacebookFriend,
            ConditionKey::HasMessage,
            ConditionKey::Profession,
            ConditionKey::Passion,
            ConditionKey::Tag,
            ConditionKey::MutualConnectionsAtLeast,
        ]
        .map(ConditionKey::name)
        .into();
        assert_eq!(keys, expected);
    }

    /// The value standing for every platform or profession not named reads
    /// as none of the named ones; a group the rules read in `all` lists
    /// needs all of its names.
    #[test]
    fn any_other_value_is_negated_and_all_of_groups_need_all() {
        let model = model();
        let vars = || 0..model.var_count();
        let platform = vars().find(|&v| model.fact(v) == Fact::Platform);
        let platform = platform.unwrap_or(usize::MAX);
        let other = model.platforms.len();
        let cell = model.only(platform, other);
        let fact = FactCell {
            label: "platform",
            text: "any other",
            model: &model,
            cell: &cell,
            var: platform,
        };
        assert!(fact.is_negated() && !fact.needs_all());
        let names: Vec<FactValue<'_>> = model.platforms.iter().map(FactValue::Platform).collect();
        assert_eq!(fact.values(), names);
        let named = model.platforms.iter().cloned().map(Condition::Platform);
        assert_eq!(
            fact.condition(),
            Some(Condition::Not(Box::new(Condition::Any(named.collect()))))
        );

        let all_of = vars()
            .filter(|&v| matches!(model.fact(v), Fact::Tag(_)))
            .find(|&var| {
                let cell = model.only(var, 1);
                let fact = FactCell {
                    label: "",
                    text: "",
                    model: &model,
                    cell: &cell,
                    var,
                };
                fact.needs_all()
            })
            .unwrap_or(usize::MAX);
        let cell = model.only(all_of, 0);
        let fact = FactCell {
            label: "",
            text: "",
            model: &model,
            cell: &cell,
            var: all_of,
        };
        assert!(fact.is_negated() && fact.needs_all());
        assert_eq!(fact.values(), [FactValue::Text("a"), FactValue::Text("b")]);
        let both = Condition::All(vec![Condition::Tag("a".into()), Condition::Tag("b".into())]);
        assert_eq!(fact.condition(), Some(Condition::Not(Box::new(both))));
    }
}
