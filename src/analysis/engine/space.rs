//! The space of requests: the facts a request is cut along (each a
//! variable, [`Fact`]), cells (a set of values for each variable) and the
//! values of each variable for a concrete request.

use crate::analysis::AnalysisError;
use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::names::ConditionKey;
use crate::platform::{Direction, Platform};
use crate::request::Request;

use super::{Budget, Model};

/// A yes-or-no fact about a request: its description, its column header in
/// a decision table and its value for a request are all here.
///
/// A new yes-or-no condition takes edits in this folder only: a variant
/// here and its arms in [`Flag::header`], [`Flag::condition`] and
/// [`Flag::of`]; its place in
/// [`FIXED_FACTS`] (which fixes its table column); and the condition
/// compiled with `Model::flag` in `Model::compile_once` (`formula.rs`). The
/// compiler points at every one but [`FIXED_FACTS`], and the check in
/// [`Model::var`] names that one in any test that compiles the condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::analysis) enum Flag {
    /// I am looking for a job (a setting of the policy, which the analysis
    /// treats as a fact since it changes with one's life).
    JobSeeking,
    /// They are a recruiter.
    Recruiter,
    /// They are a personal friend.
    Friend,
    /// They are a star of their field.
    Star,
    /// We are friends on Facebook.
    FacebookFriend,
    /// Their invitation carries a note.
    HasMessage,
}

impl Flag {
    /// The flag's column header in a decision table.
    pub(in crate::analysis) fn header(self) -> &'static str {
        match self {
            Flag::JobSeeking => "I am job seeking",
            Flag::Recruiter => "recruiter",
            Flag::Friend => "personal friend",
            Flag::Star => "star of their field",
            Flag::FacebookFriend => "Facebook friend",
            Flag::HasMessage => "invitation with a note",
        }
    }

    /// The condition that the flag is `value`: what a decision table's
    /// cell of the flag reads as, whose key is the key of the flag's
    /// column.
    pub(in crate::analysis) fn condition(self, value: bool) -> Condition {
        match self {
            Flag::JobSeeking => Condition::JobSeeking(value),
            Flag::Recruiter => Condition::Recruiter(value),
            Flag::Friend => Condition::Friend(value),
            Flag::Star => Condition::Star(value),
            Flag::FacebookFriend => Condition::FacebookFriend(value),
            Flag::HasMessage => Condition::HasMessage(value),
        }
    }

    /// The flag's value for a concrete request.
    fn of(self, request: &Request<'_>) -> bool {
        let contact = request.contact;
        match self {
            Flag::JobSeeking => request.settings.job_seeking,
            Flag::Recruiter => contact.recruiter,
            Flag::Friend => contact.friend,
            Flag::Star => contact.star,
            Flag::FacebookFriend => contact.facebook_friend,
            // One definition of a note, the condition's own.
            Flag::HasMessage => Condition::HasMessage(true).holds(request),
        }
    }
}

/// The fact a variable of the space stands for, and so the meaning of its
/// values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::analysis) enum Fact {
    /// The platform: each of [`Model::platforms`] in order, then one value
    /// for every platform not named.
    Platform,
    /// Incoming (0) or outgoing (1).
    Direction,
    /// A yes-or-no fact: no (0) or yes (1).
    Flag(Flag),
    /// How well we know each other, in the order of [`Acquaintance::ALL`].
    Acquaintance,
    /// My view of their work, in the order of [`View::ALL`].
    MyView,
    /// Their view of mine, in the order of [`View::ALL`].
    TheirView,
    /// Their profession: each of [`Model::professions`] in order, then one
    /// value for any other, or none (no condition tells those apart).
    Profession,
    /// Whether they have the group of passions at this position in
    /// [`Model::passions`] (one passion, or any or all of several; see
    /// [`NameGroup`](super::NameGroup)): no (0) or yes (1).
    Passion(usize),
    /// Whether they have the group of tags at this position in
    /// [`Model::tags`], as for passions: no (0) or yes (1).
    Tag(usize),
    /// Their number of mutual connections, as the interval starting at each
    /// of [`Model::thresholds`].
    MutualConnections,
}

impl Fact {
    /// The condition key a policy document names the fact by: the key of
    /// a decision table's column of it. Facts that several keys read have
    /// the key whose values they take (`met-in-person` and `spoke-with`
    /// read the acquaintance; `shares-profession` reads the profession;
    /// `shares-passion` the groups of passions).
    pub(in crate::analysis) fn key(self) -> ConditionKey {
        match self {
            Fact::Platform => ConditionKey::Platform,
            Fact::Direction => ConditionKey::Direction,
            Fact::Flag(flag) => flag.condition(true).condition_key(),
            Fact::Acquaintance => ConditionKey::Acquaintance,
            Fact::MyView => ConditionKey::MyView,
            Fact::TheirView => ConditionKey::TheirView,
            Fact::Profession => ConditionKey::Profession,
            Fact::Passion(_) => ConditionKey::Passion,
            Fact::Tag(_) => ConditionKey::Tag,
            Fact::MutualConnections => ConditionKey::MutualConnectionsAtLeast,
        }
    }
}

/// The facts every space has, in the order of a decision table's columns;
/// the passions, tags and mutual connections follow, as many as the policy
/// mentions.
pub(super) const FIXED_FACTS: [Fact; 12] = [
    Fact::Platform,
    Fact::Direction,
    Fact::Flag(Flag::JobSeeking),
    Fact::Flag(Flag::Recruiter),
    Fact::Acquaintance,
    Fact::MyView,
    Fact::TheirView,
    Fact::Flag(Flag::Friend),
    Fact::Flag(Flag::Star),
    Fact::Flag(Flag::FacebookFriend),
    Fact::Flag(Flag::HasMessage),
    Fact::Profession,
];

/// The values of one variable in a cell, as a bit set.
pub(super) type Values = Box<[u64]>;

/// A cell: a product of value sets, one per variable.
///
/// Only the variables restricted to some of their values are stored, in
/// increasing order of variable; every other variable takes all its
/// values. So a cell costs what the explorer split on to reach it, however
/// many variables the space has. A stored set is never empty and never
/// full, which makes equal cells equal as values (the table's merge hashes
/// them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(in crate::analysis) struct Cell {
    /// The restricted variables and their values, by variable.
    restricted: Vec<(usize, Values)>,
}

impl Cell {
    /// The values of `var`, or `None` when it takes all of them.
    pub(super) fn get(&self, var: usize) -> Option<&[u64]> {
        self.restricted
            .binary_search_by_key(&var, |(v, _)| *v)
            .ok()
            .map(|i| &*self.restricted[i].1)
    }

    /// Whether the cell restricts `var` to some of its values; when not,
    /// it holds every value of `var`.
    pub(in crate::analysis) fn restricts(&self, var: usize) -> bool {
        self.get(var).is_some()
    }

    /// The variables the cell restricts, in increasing order.
    pub(in crate::analysis) fn restricted_vars(&self) -> impl Iterator<Item = usize> + '_ {
        self.restricted.iter().map(|(var, _)| *var)
    }

    /// Words stored: what copying or hashing the cell costs.
    pub(super) fn words(&self) -> u64 {
        self.restricted
            .iter()
            .map(|(_, values)| values.len() as u64 + 1)
            .sum()
    }

    /// Sets `var`'s values; `None` lifts the restriction.
    pub(super) fn set(&mut self, var: usize, values: Option<Values>) {
        match (
            self.restricted.binary_search_by_key(&var, |(v, _)| *v),
            values,
        ) {
            (Ok(i), Some(values)) => self.restricted[i].1 = values,
            (Ok(i), None) => {
                self.restricted.remove(i);
            }
            (Err(i), Some(values)) => self.restricted.insert(i, (var, values)),
            (Err(_), None) => {}
        }
    }
}

impl Model {
    /// The fact variable `var` stands for: the facts of [`FIXED_FACTS`],
    /// then the passion groups, the tag groups and mutual connections.
    pub(in crate::analysis) fn fact(&self, var: usize) -> Fact {
        let passions = FIXED_FACTS.len();
        let tags = passions + self.passions.len();
        let mutual = tags + self.tags.len();
        match FIXED_FACTS.get(var) {
            Some(fact) => *fact,
            None if var < tags => Fact::Passion(var - passions),
            None if var < mutual => Fact::Tag(var - tags),
            None => Fact::MutualConnections,
        }
    }

    /// The variable that stands for `fact`, if the space has one; the
    /// inverse of [`Model::fact`].
    pub(super) fn var(&self, fact: Fact) -> Option<usize> {
        let passions = FIXED_FACTS.len();
        let tags = passions + self.passions.len();
        match fact {
            Fact::Passion(i) => (i < self.passions.len()).then_some(passions + i),
            Fact::Tag(i) => (i < self.tags.len()).then_some(tags + i),
            Fact::MutualConnections => Some(tags + self.tags.len()),
            Fact::Platform
            | Fact::Direction
            | Fact::Flag(_)
            | Fact::Acquaintance
            | Fact::MyView
            | Fact::TheirView
            | Fact::Profession => {
                let var = FIXED_FACTS.iter().position(|f| *f == fact);
                // A fact a condition compiles to but missing here is one
                // left out of FIXED_FACTS.
                debug_assert!(
                    var.is_some(),
                    "{fact:?} is not a variable of the space: add it to FIXED_FACTS"
                );
                var
            }
        }
    }

    /// The number of variables.
    pub(in crate::analysis) fn var_count(&self) -> usize {
        FIXED_FACTS.len() + self.passions.len() + self.tags.len() + 1
    }

    /// The number of values of `var`.
    pub(in crate::analysis) fn size(&self, var: usize) -> usize {
        match self.fact(var) {
            Fact::Platform => self.platforms.len() + 1,
            Fact::Direction | Fact::Flag(_) | Fact::Passion(_) | Fact::Tag(_) => 2,
            Fact::Acquaintance => Acquaintance::ALL.len(),
            Fact::MyView | Fact::TheirView => View::ALL.len(),
            Fact::Profession => self.professions.len() + 1,
            Fact::MutualConnections => self.thresholds.len(),
        }
    }

    /// Every value of `var`, as a bit set.
    pub(super) fn all_values(&self, var: usize) -> Values {
        let size = self.size(var);
        let mut words = vec![u64::MAX; size.div_ceil(64)];
        if let Some(last) = words.last_mut() {
            if size % 64 != 0 {
                *last = (1 << (size % 64)) - 1;
            }
        }
        words.into_boxed_slice()
    }

    /// `values` as a restriction of `var`: `None` when it is all of them.
    pub(super) fn restriction(&self, var: usize, values: Values) -> Option<Values> {
        let count: usize = values.iter().map(|w| w.count_ones() as usize).sum();
        (count < self.size(var)).then_some(values)
    }

    /// The cell holding every request.
    pub(in crate::analysis) fn full(&self) -> Cell {
        Cell::default()
    }

    /// Keeps only the requests on `platform`.
    pub(in crate::analysis) fn restrict_platform(&self, cell: &mut Cell, platform: &Platform) {
        if let Some(var) = self.var(Fact::Platform) {
            let mut words = vec![0; self.size(var).div_ceil(64)].into_boxed_slice();
            set_bit(&mut words, self.platform_value(platform));
            cell.set(var, Some(words));
        }
    }

    /// Whether the cell holds this value of `var`.
    pub(in crate::analysis) fn contains(&self, cell: &Cell, var: usize, value: usize) -> bool {
        cell.get(var)
            .is_none_or(|words| words[value / 64] & (1 << (value % 64)) != 0)
    }

    /// The values of `var` in the cell, in order.
    pub(in crate::analysis) fn values<'c>(
        &'c self,
        cell: &'c Cell,
        var: usize,
    ) -> impl Iterator<Item = usize> + 'c {
        (0..self.size(var)).filter(move |&v| self.contains(cell, var, v))
    }

    /// Whether two cells hold the same values of `var`.
    pub(in crate::analysis) fn same_var(&self, a: &Cell, b: &Cell, var: usize) -> bool {
        a.get(var) == b.get(var)
    }

    /// The cell with `var` unrestricted: the key that groups cells
    /// differing only in `var`. Spends what copying the cell costs.
    pub(in crate::analysis) fn without(
        &self,
        cell: &Cell,
        var: usize,
        budget: &mut Budget,
    ) -> Result<Cell, AnalysisError> {
        budget.spend(cell.words())?;
        let mut key = cell.clone();
        key.set(var, None);
        Ok(key)
    }

    /// Adds `from`'s values of `var` to `into`.
    pub(in crate::analysis) fn unite(&self, into: &mut Cell, from: &Cell, var: usize) {
        let united = match (into.get(var), from.get(var)) {
            (Some(a), Some(b)) => {
                let words = a.iter().zip(b).map(|(x, y)| x | y).collect();
                self.restriction(var, words)
            }
            // Either takes every value already.
            (None, _) | (_, None) => None,
        };
        into.set(var, united);
    }

    /// The value of the platform variable for `platform`.
    fn platform_value(&self, platform: &Platform) -> usize {
        self.platform_index
            .get(platform)
            .copied()
            .unwrap_or(self.platforms.len())
    }

    /// The value of `var` for a concrete request.
    pub(in crate::analysis) fn value_of(&self, var: usize, request: &Request<'_>) -> usize {
        let contact = request.contact;
        match self.fact(var) {
            Fact::Platform => self.platform_value(request.platform),
            Fact::Direction => usize::from(request.direction == Direction::Outgoing),
            Fact::Flag(flag) => usize::from(flag.of(request)),
            Fact::Acquaintance => contact.acquaintance as usize,
            Fact::MyView => contact.my_view as usize,
            Fact::TheirView => contact.their_view as usize,
            Fact::Profession => contact
                .profession()
                .and_then(|p| self.profession_index.get(p).copied())
                .unwrap_or(self.professions.len()),
            Fact::Passion(i) => {
                usize::from(self.passions[i].is_met(|p| contact.passion_set().contains(p)))
            }
            Fact::Tag(i) => usize::from(self.tags[i].is_met(|t| contact.tag_set().contains(t))),
            // Thresholds start with 0, so at least one is reached.
            Fact::MutualConnections => self
                .thresholds
                .partition_point(|t| *t <= contact.mutual_connections)
                .saturating_sub(1),
        }
    }
}

#[cfg(test)]
impl Model {
    /// The cell holding only value `value` of `var`.
    pub(in crate::analysis) fn only(&self, var: usize, value: usize) -> Cell {
        let mut words = vec![0; self.size(var).div_ceil(64)].into_boxed_slice();
        set_bit(&mut words, value);
        let mut cell = Cell::default();
        cell.set(var, self.restriction(var, words));
        cell
    }
}

/// The bits set in a bit set, in order.
pub(super) fn ones(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    (0..words.len() * 64).filter(|bit| words[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Sets bit `bit` of a bit set.
pub(super) fn set_bit(words: &mut [u64], bit: usize) {
    words[bit / 64] |= 1 << (bit % 64);
}

#[cfg(test)]
mod tests {
    use super::super::tests::model_naming;
    use super::*;
    use crate::policy::Policy;

    /// `var` is the inverse of `fact`, and names no variable past the
    /// model's passions and tags.
    #[test]
    fn var_is_the_inverse_of_fact() {
        use crate::{Condition, DataRule, Decision};

        let when = Condition::All(vec![
            Condition::Passion("chess".into()),
            Condition::Tag("vip".into()),
            Condition::MutualConnectionsAtLeast(3),
        ]);
        let policy = Policy::builder()
            .data_rule(DataRule::new("x", when, Decision::Accept, ""))
            .build()
            .unwrap_or_default();
        let model = Model::new(&[&policy], None);
        assert!(!model.passions.is_empty() && model.tags.len() == 1);
        for var in 0..model.var_count() {
            assert_eq!(model.var(model.fact(var)), Some(var));
        }
        assert_eq!(model.var(Fact::Passion(model.passions.len())), None);
        assert_eq!(model.var(Fact::Tag(model.tags.len())), None);
    }

    /// Every fact has a value for each name the model holds and one for
    /// any other; every value of a variable is one bit of its full set,
    /// across word boundaries too.
    #[test]
    fn a_variable_has_a_value_per_name_and_one_for_any_other() {
        for professions in [1, 62, 63, 64, 65, 127, 128] {
            let model = model_naming(professions);
            let platform = model.var(Fact::Platform).unwrap_or(usize::MAX);
            assert_eq!(model.size(platform), model.platforms.len() + 1);
            assert!(model.platforms.len() >= 2);
            let profession = model.var(Fact::Profession).unwrap_or(usize::MAX);
            assert!(model.professions.len() >= professions);
            assert_eq!(model.size(profession), model.professions.len() + 1);
            for var in 0..model.var_count() {
                let size = model.size(var);
                let all = model.all_values(var);
                assert_eq!(all.len(), size.div_ceil(64), "{:?}", model.fact(var));
                let bits: u32 = all.iter().map(|w| w.count_ones()).sum();
                assert_eq!(bits as usize, size, "{:?}", model.fact(var));
            }
        }
    }

    /// Uniting adds the values of one cell to another, shared ones
    /// included, and a variable that ends with every value is unrestricted.
    #[test]
    fn uniting_cells_adds_their_values() {
        let model = model_naming(3);
        let var = model.var(Fact::Profession).unwrap_or(usize::MAX);
        let cell = |bits: u64| Cell {
            restricted: vec![(var, vec![bits].into())],
        };
        let mut into = cell(0b0011);
        model.unite(&mut into, &cell(0b0110), var);
        assert_eq!(into, cell(0b0111));
        let size = model.size(var);
        model.unite(&mut into, &cell(1 << (size - 1)), var);
        assert_eq!(into, Cell::default());
    }

    /// A cell costs a word per word of its stored bit sets, and one per
    /// variable: what the budget charges for copying or hashing it.
    #[test]
    fn a_cell_costs_its_stored_words() {
        assert_eq!(Cell::default().words(), 0);
        let cell = Cell {
            restricted: vec![(0, vec![1].into()), (3, vec![1, 2, 3].into())],
        };
        assert_eq!(cell.words(), 2 + 4);
    }
}
