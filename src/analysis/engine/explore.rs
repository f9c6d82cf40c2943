//! The explorer: it cuts a cell into pieces on each of which the deciding
//! rule (of each policy) is fixed, splitting on an atom a rule leaves
//! undetermined.

use std::ops::ControlFlow;

use crate::analysis::AnalysisError;
use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::decision::Decision;
use crate::policy::{Policy, UserRule};

use super::formula::{Formula, RuleFormulas, Truth};
use super::space::Cell;
use super::{Budget, Model};

/// The rule that decides the requests of a cell: a user rule (by position
/// in the policy), a built-in rule (by position in [`BuiltinRule::ALL`]) or
/// the fallback. The order is the order rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(in crate::analysis) enum DecidingRule {
    /// The user rule at this position.
    User(usize),
    /// The built-in rule at this position in [`BuiltinRule::ALL`].
    Builtin(usize),
    /// No rule applies.
    Fallback,
}

impl DecidingRule {
    /// The decision the rule gives in `policy`, and its id: what a reader
    /// sees of it in warnings and tables.
    pub(in crate::analysis) fn outcome(self, policy: &Policy) -> (Decision, &str) {
        match self {
            DecidingRule::User(i) => match &policy.rules[i] {
                UserRule::Data(rule) => (rule.decision, &rule.id),
                // Not reached for a decision: rules written in Rust are
                // never among the rules explored. Their id is still right.
                UserRule::Custom { id, .. } => (policy.fallback, id),
            },
            DecidingRule::Builtin(i) => {
                let rule = BuiltinRule::ALL[i];
                (rule.decision(), rule.id())
            }
            DecidingRule::Fallback => (policy.fallback, FALLBACK_ID),
        }
    }
}

impl RuleFormulas {
    /// The rules of `policy` (the policy these were compiled from) in the
    /// order they are tried: the data rules (when `with_user`; rules
    /// written in Rust are left out, as if they never applied) and the
    /// enabled built-in rules.
    pub(in crate::analysis) fn ordered(
        &self,
        policy: &Policy,
        with_user: bool,
    ) -> Vec<(&Formula, DecidingRule)> {
        let mut rules = Vec::new();
        if with_user {
            for (i, formula) in self.user_rules.iter().enumerate() {
                if let Some(formula) = formula {
                    rules.push((formula, DecidingRule::User(i)));
                }
            }
        }
        for (i, rule) in BuiltinRule::ALL.into_iter().enumerate() {
            if policy.is_enabled(rule) {
                rules.push((&self.builtin_rules[i], DecidingRule::Builtin(i)));
            }
        }
        rules
    }
}

impl Model {
    /// Splits a cell on an atom undetermined on it: the part where the atom
    /// holds, and the rest. Neither is empty, and each restricts the atom's
    /// variable to fewer values than the cell did.
    fn split(&self, cell: Cell, atom: usize) -> (Cell, Cell) {
        let atom = &self.atoms[atom];
        let current = match cell.get(atom.var) {
            Some(words) => words.into(),
            None => self.all_values(atom.var),
        };
        let holds = current
            .iter()
            .zip(atom.mask.iter())
            .map(|(w, m)| w & m)
            .collect();
        let fails = current
            .iter()
            .zip(atom.mask.iter())
            .map(|(w, m)| w & !m)
            .collect();
        let mut inside = cell.clone();
        let mut outside = cell;
        inside.set(atom.var, Some(holds));
        outside.set(atom.var, Some(fails));
        (inside, outside)
    }

    /// Cuts `start` (restricted to where `within` holds) into cells on each
    /// of which the first applying rule of `rules` (or the fallback) is
    /// fixed, and calls `leaf` with each, in a deterministic order, until it
    /// breaks.
    pub(in crate::analysis) fn explore(
        &self,
        start: Cell,
        rules: &[(&Formula, DecidingRule)],
        within: Option<&Formula>,
        budget: &mut Budget,
        mut leaf: impl FnMut(&Cell, DecidingRule) -> ControlFlow<()>,
    ) -> Result<(), AnalysisError> {
        self.explore_jointly(start, &[rules], within, budget, |cell, deciding| {
            leaf(cell, deciding[0])
        })
    }

    /// [`Model::explore`] for several lists of rules at once (the rules of
    /// several policies compiled over the same model): cuts `start` into
    /// cells on each of which the first applying rule of every list is
    /// fixed, and calls `leaf` with each cell and those rules, in the order
    /// of `lists`.
    pub(in crate::analysis) fn explore_jointly(
        &self,
        start: Cell,
        lists: &[&[(&Formula, DecidingRule)]],
        within: Option<&Formula>,
        budget: &mut Budget,
        mut leaf: impl FnMut(&Cell, &[DecidingRule]) -> ControlFlow<()>,
    ) -> Result<(), AnalysisError> {
        let mut stack = vec![start];
        let mut deciding = Vec::with_capacity(lists.len());
        'cells: while let Some(cell) = stack.pop() {
            budget.check()?;
            if let Some(within) = within {
                match self.eval(within, &cell, budget) {
                    Truth::No => continue,
                    Truth::Unknown(atom) => {
                        self.push_split(&mut stack, cell, atom, budget);
                        continue;
                    }
                    Truth::Yes => {}
                }
            }
            deciding.clear();
            'lists: for rules in lists {
                for (condition, rule) in *rules {
                    match self.eval(condition, &cell, budget) {
                        Truth::No => {}
                        Truth::Yes => {
                            deciding.push(*rule);
                            continue 'lists;
                        }
                        Truth::Unknown(atom) => {
                            self.push_split(&mut stack, cell, atom, budget);
                            continue 'cells;
                        }
                    }
                }
                deciding.push(DecidingRule::Fallback);
            }
            if leaf(&cell, &deciding).is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Splits `cell` on `atom` and pushes both parts to explore next,
    /// charging the copy to `budget`.
    fn push_split(&self, stack: &mut Vec<Cell>, cell: Cell, atom: usize, budget: &mut Budget) {
        budget.steps += cell.words() + self.atoms[atom].mask.len() as u64;
        let (inside, outside) = self.split(cell, atom);
        // The part where the atom holds is explored first.
        stack.push(outside);
        stack.push(inside);
    }
}

#[cfg(test)]
mod tests {
    use super::super::space::Fact;
    use super::super::tests::model_naming;
    use super::*;

    /// Splitting a cell charges copying it and reading the atom.
    #[test]
    fn a_split_spends_the_cell_and_the_atom() {
        let mut model = model_naming(3);
        let mut budget = Budget::new();
        let Ok(Formula::Atom(atom)) = model.atom_of(Fact::Profession, [0], true, &mut budget)
        else {
            panic!("not an atom");
        };
        let direction = model.var(Fact::Direction).unwrap_or(usize::MAX);
        let mut cell = Cell::default();
        cell.set(direction, Some(vec![1].into()));
        let (before, mut stack) = (budget.steps, Vec::new());
        model.push_split(&mut stack, cell, atom, &mut budget);
        assert_eq!(stack.len(), 2);
        assert_eq!(budget.steps - before, 2 + 1);
    }
}
