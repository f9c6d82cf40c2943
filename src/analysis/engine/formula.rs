//! Rules compiled to formulas over atoms `variable ∈ set`, the built-in
//! rules through their conditions as data rules are, and the truth of a
//! formula on a cell in three-valued logic.

use std::collections::{HashMap, HashSet};

use crate::analysis::AnalysisError;
use crate::builtin::BuiltinRule;
use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};

use super::space::{Cell, FIXED_FACTS, Fact, Flag, Values, ones, set_bit};
use super::{Budget, Model};

/// A formula over the atoms of a [`Model`].
#[derive(Debug, Clone)]
pub(in crate::analysis) enum Formula {
    /// Holds everywhere (`true`) or nowhere (`false`).
    Const(bool),
    /// The atom at this position in the model's atoms.
    Atom(usize),
    /// Every formula holds (true when empty).
    And(Vec<Formula>),
    /// Some formula holds (false when empty).
    Or(Vec<Formula>),
    /// The formula does not hold.
    Not(Box<Formula>),
}

/// The truth of a formula on a cell, in three-valued logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::analysis) enum Truth {
    /// Holds for every request of the cell.
    Yes,
    /// Holds for none.
    No,
    /// Holds for some only; carries an atom that is itself undetermined on
    /// the cell, to split it on.
    Unknown(usize),
}

/// An atom: the variable `var` takes one of the values in `mask`.
#[derive(Clone)]
pub(super) struct Atom {
    /// The variable's position in the model.
    pub(super) var: usize,
    /// The values for which the atom holds, as a bit set: never empty,
    /// never all of the variable's values (those are constants).
    pub(super) mask: Values,
}

/// The rules of one policy, compiled to formulas over a [`Model`]'s atoms.
#[derive(Clone)]
pub(in crate::analysis) struct RuleFormulas {
    /// The compiled condition of each user rule, `None` for Rust rules.
    pub(in crate::analysis) user_rules: Vec<Option<Formula>>,
    /// The compiled condition of each built-in rule, platform included, in
    /// the order of [`BuiltinRule::ALL`].
    pub(in crate::analysis) builtin_rules: Vec<Formula>,
}

impl Model {
    /// The rules of `policy`, one of the policies the model was built
    /// from, compiled over its space.
    pub(in crate::analysis) fn compile_policy(
        &mut self,
        policy: &Policy,
        budget: &mut Budget,
    ) -> Result<RuleFormulas, AnalysisError> {
        self.shared_passions = self.passion_groups_of(policy, budget)?;
        // The built-in rules as data rules would say them: compiled as
        // theirs are, from conditions that outlive `compiled` below.
        let builtin = BuiltinRule::ALL.map(|rule| (rule.platform(), rule.condition()));
        // Each distinct condition compiles once: a condition such as
        // `interesting-profession = true` reads a set as large as the
        // settings, and a policy may repeat it in every rule. Not across
        // policies: the same condition reads each one's settings.
        let mut compiled: HashMap<&Condition, Formula> = HashMap::new();
        let mut user_rules = Vec::with_capacity(policy.rules.len());
        for rule in &policy.rules {
            user_rules.push(match rule {
                UserRule::Data(rule) => Some(self.compile_rule(
                    rule.platforms(),
                    rule.condition(),
                    policy,
                    &mut compiled,
                    budget,
                )?),
                UserRule::Custom { .. } => None,
            });
        }
        let mut builtin_rules = Vec::with_capacity(builtin.len());
        for (platform, when) in &builtin {
            let platforms = Some(std::slice::from_ref(platform));
            let formula =
                self.compile_rule(platforms, when.as_ref(), policy, &mut compiled, budget)?;
            builtin_rules.push(self.join_atoms(formula, budget)?);
        }
        Ok(RuleFormulas {
            user_rules,
            builtin_rules,
        })
    }

    /// `formula` with the atoms on one variable in each `and` or `or` list
    /// joined into one, where the first of them stood: for the built-in
    /// rules, whose conditions say leaf by leaf what the rule reads as one
    /// fact (`linkedin.not-met` reads "not met", which a condition says as
    /// `met-in-person = false` and `worked-together = false`). Joined, the
    /// explorer cuts the space where the rule does, and the tables and
    /// diffs read as they always have. Data rules keep their atoms as
    /// written, and with them the rows their authors know.
    ///
    /// Recursive: built-in conditions are a few levels deep.
    fn join_atoms(
        &mut self,
        formula: Formula,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        let (items, all) = match formula {
            Formula::And(items) => (items, true),
            Formula::Or(items) => (items, false),
            Formula::Not(inner) => {
                return Ok(Formula::Not(Box::new(self.join_atoms(*inner, budget)?)));
            }
            Formula::Const(_) | Formula::Atom(_) => return Ok(formula),
        };
        // Where the atom on each variable stands in `joined`.
        let mut at: HashMap<usize, usize> = HashMap::new();
        let mut joined: Vec<Formula> = Vec::with_capacity(items.len());
        for item in items {
            let Formula::Atom(atom) = item else {
                joined.push(self.join_atoms(item, budget)?);
                continue;
            };
            let var = self.atoms[atom].var;
            match at.get(&var).map(|&i| (i, &joined[i])) {
                Some((i, &Formula::Atom(first))) => {
                    let values = self.atoms[first]
                        .mask
                        .iter()
                        .zip(self.atoms[atom].mask.iter());
                    let words: Values = values
                        .map(|(a, b)| if all { a & b } else { a | b })
                        .collect();
                    let fact = self.fact(var);
                    joined[i] = self.atom_of(fact, ones(&words), true, budget)?;
                }
                // The atoms before joined into a constant, which decides
                // the list whatever this one is: none left in an `and`, or
                // every value in an `or`.
                Some(_) => {}
                None => {
                    at.insert(var, joined.len());
                    joined.push(item);
                }
            }
        }
        Ok(if all {
            Formula::And(joined)
        } else {
            Formula::Or(joined)
        })
    }

    /// A rule that holds on `platforms` (every platform when `None`) when
    /// `when` holds (always when `None`), as a formula: a data rule, or a
    /// built-in rule as its condition says it.
    fn compile_rule<'p>(
        &mut self,
        platforms: Option<&[Platform]>,
        when: Option<&'p Condition>,
        policy: &Policy,
        compiled: &mut HashMap<&'p Condition, Formula>,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        let covers = match platforms {
            None => Formula::Const(true),
            Some(list) => {
                let values: Vec<usize> = list
                    .iter()
                    .filter_map(|p| self.platform_index.get(p).copied())
                    .collect();
                self.atom_of(Fact::Platform, values, true, budget)?
            }
        };
        let when = match when {
            None => Formula::Const(true),
            Some(condition) => self.compile(condition, policy, compiled, budget)?,
        };
        Ok(Formula::And(vec![covers, when]))
    }

    /// The groups holding `policy`'s own passions, each once, in the order
    /// of their first passion: one lookup per passion.
    fn passion_groups_of(
        &self,
        policy: &Policy,
        budget: &mut Budget,
    ) -> Result<Vec<usize>, AnalysisError> {
        let passions = &policy.settings.passions;
        budget.spend(passions.len() as u64)?;
        let mut seen = HashSet::new();
        Ok(passions
            .iter()
            .filter_map(|passion| self.passion_group.get(passion).copied())
            .filter(|group| seen.insert(*group))
            .collect())
    }

    /// The atom "`fact` takes one of `values`" (or, when `listed` is false,
    /// "one of the others"), or a constant when that is every value or
    /// none. Builds a bit set the size of the variable, from the values
    /// given rather than by testing each value, and spends its size.
    pub(super) fn atom_of(
        &mut self,
        fact: Fact,
        values: impl IntoIterator<Item = usize>,
        listed: bool,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        let Some(var) = self.var(fact) else {
            return Ok(Formula::Const(false));
        };
        let mut mask = vec![0; self.size(var).div_ceil(64)].into_boxed_slice();
        // Once for the bit set, once for its copy in the index.
        budget.spend(2 * mask.len() as u64)?;
        for value in values {
            set_bit(&mut mask, value);
        }
        if !listed {
            for (word, all) in mask.iter_mut().zip(self.all_values(var).iter()) {
                *word = !*word & all;
            }
        }
        if mask.iter().all(|w| *w == 0) {
            return Ok(Formula::Const(false));
        }
        let Some(mask) = self.restriction(var, mask) else {
            return Ok(Formula::Const(true));
        };
        let next = self.atoms.len();
        let atom = *self.atom_index.entry((var, mask.clone())).or_insert(next);
        if atom == next {
            self.atoms.push(Atom { var, mask });
        }
        Ok(Formula::Atom(atom))
    }

    /// The atom "`fact` takes a value for which `holds` is true", for the
    /// facts with a handful of values.
    fn atom(
        &mut self,
        fact: Fact,
        holds: impl Fn(usize) -> bool,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        let size = self.var(fact).map_or(0, |var| self.size(var));
        self.atom_of(fact, (0..size).filter(|&v| holds(v)), true, budget)
    }

    /// The atom "this yes-or-no fact is `value`".
    fn yes_no(
        &mut self,
        fact: Fact,
        value: bool,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        self.atom(fact, |v| (v == 1) == value, budget)
    }

    /// The atom "they have this group of passions or tags" (`fact` is
    /// [`Fact::Passion`] or [`Fact::Tag`]), built once per group: a block
    /// list names its group once per tag.
    fn has_group(&mut self, fact: Fact, budget: &mut Budget) -> Result<Formula, AnalysisError> {
        let Some(var) = self.var(fact) else {
            return Ok(Formula::Const(false));
        };
        let first = FIXED_FACTS.len();
        if let Some(Some(atom)) = self.group_atoms.get(var - first) {
            return Ok(Formula::Atom(*atom));
        }
        let formula = self.yes_no(fact, true, budget)?;
        if let Formula::Atom(atom) = formula {
            if self.group_atoms.len() <= var - first {
                self.group_atoms.resize(var - first + 1, None);
            }
            self.group_atoms[var - first] = Some(atom);
        }
        Ok(formula)
    }

    /// The atom "this flag is `value`".
    fn flag(
        &mut self,
        flag: Flag,
        value: bool,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        self.yes_no(Fact::Flag(flag), value, budget)
    }

    /// The atom "our acquaintance is one for which `holds` is true".
    fn acquaintance(
        &mut self,
        holds: impl Fn(Acquaintance) -> bool,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        self.atom(Fact::Acquaintance, |v| holds(Acquaintance::ALL[v]), budget)
    }

    /// The atom "the view (`Fact::MyView` or `Fact::TheirView`) is `view`".
    fn view(
        &mut self,
        fact: Fact,
        view: View,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        self.atom(fact, |v| View::ALL[v] == view, budget)
    }

    /// The profession value of the user's own profession, if they gave one.
    fn my_profession(&self, policy: &Policy) -> Option<usize> {
        let mine = policy.settings.profession.as_ref()?;
        self.profession_index.get(mine).copied()
    }

    /// The profession values of the professions the user finds interesting.
    fn interesting_professions<'s>(
        &'s self,
        policy: &'s Policy,
    ) -> impl Iterator<Item = usize> + 's {
        policy
            .settings
            .interesting_professions
            .iter()
            .filter_map(|p| self.profession_index.get(p).copied())
    }

    /// The contact shares one of the user's passions: they have one of the
    /// groups that hold the user's passions.
    fn shares_passion(&mut self, budget: &mut Budget) -> Result<Formula, AnalysisError> {
        let mut any = Vec::with_capacity(self.shared_passions.len());
        for i in 0..self.shared_passions.len() {
            let group = self.shared_passions[i];
            any.push(self.has_group(Fact::Passion(group), budget)?);
        }
        Ok(Formula::Or(any))
    }

    /// A user rule's condition as a formula. A condition that names no
    /// list compiles once, however often the policy repeats it (through
    /// `compiled`).
    fn compile<'p>(
        &mut self,
        condition: &'p Condition,
        policy: &Policy,
        compiled: &mut HashMap<&'p Condition, Formula>,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        budget.spend(1)?;
        // Lists are not looked up: hashing one would read all of it at
        // every level of nesting. A passion or tag costs one lookup to
        // compile, less than looking it up here.
        if let Condition::All(_)
        | Condition::Any(_)
        | Condition::Not(_)
        | Condition::Passion(_)
        | Condition::Tag(_) = condition
        {
            return self.compile_once(condition, policy, compiled, budget);
        }
        if let Some(formula) = compiled.get(condition) {
            return Ok(formula.clone());
        }
        let formula = self.compile_once(condition, policy, compiled, budget)?;
        compiled.insert(condition, formula.clone());
        Ok(formula)
    }

    /// The items of an `all` or `any` list, each atom once: the tags of a
    /// group all compile to the group's atom.
    fn compile_list<'p>(
        &mut self,
        list: &'p [Condition],
        policy: &Policy,
        compiled: &mut HashMap<&'p Condition, Formula>,
        budget: &mut Budget,
    ) -> Result<Vec<Formula>, AnalysisError> {
        let mut seen = HashSet::new();
        let mut items = Vec::with_capacity(list.len());
        for condition in list {
            let formula = self.compile(condition, policy, compiled, budget)?;
            if let Formula::Atom(atom) = formula {
                if !seen.insert(atom) {
                    continue;
                }
            }
            items.push(formula);
        }
        Ok(items)
    }

    /// [`Model::compile`] without looking `condition` up.
    fn compile_once<'p>(
        &mut self,
        condition: &'p Condition,
        policy: &Policy,
        compiled: &mut HashMap<&'p Condition, Formula>,
        budget: &mut Budget,
    ) -> Result<Formula, AnalysisError> {
        let b = budget;
        Ok(match condition {
            Condition::All(list) => Formula::And(self.compile_list(list, policy, compiled, b)?),
            Condition::Any(list) => Formula::Or(self.compile_list(list, policy, compiled, b)?),
            Condition::Not(inner) => {
                Formula::Not(Box::new(self.compile(inner, policy, compiled, b)?))
            }
            Condition::Platform(platform) => {
                let value = self.platform_index.get(platform).copied();
                self.atom_of(Fact::Platform, value, true, b)?
            }
            Condition::Direction(direction) => {
                let outgoing = *direction == Direction::Outgoing;
                self.yes_no(Fact::Direction, outgoing, b)?
            }
            Condition::JobSeeking(v) => self.flag(Flag::JobSeeking, *v, b)?,
            Condition::Acquaintance(a) => self.acquaintance(|x| x == *a, b)?,
            Condition::MetInPerson(v) => self.acquaintance(|x| x.met_in_person() == *v, b)?,
            Condition::WorkedTogether(v) => self.acquaintance(|x| x.worked_together() == *v, b)?,
            Condition::SpokeWith(v) => self.acquaintance(|x| x.spoke_with() == *v, b)?,
            Condition::MyView(view) => self.view(Fact::MyView, *view, b)?,
            Condition::TheirView(view) => self.view(Fact::TheirView, *view, b)?,
            Condition::Recruiter(v) => self.flag(Flag::Recruiter, *v, b)?,
            Condition::Friend(v) => self.flag(Flag::Friend, *v, b)?,
            Condition::FacebookFriend(v) => self.flag(Flag::FacebookFriend, *v, b)?,
            Condition::Star(v) => self.flag(Flag::Star, *v, b)?,
            Condition::Profession(name) => {
                let value = self.profession_index.get(name.as_str()).copied();
                self.atom_of(Fact::Profession, value, true, b)?
            }
            Condition::SharesProfession(v) => {
                let mine = self.my_profession(policy);
                self.atom_of(Fact::Profession, mine, *v, b)?
            }
            Condition::InterestingProfession(v) => {
                let interesting: Vec<usize> = self.interesting_professions(policy).collect();
                self.atom_of(Fact::Profession, interesting, *v, b)?
            }
            Condition::Passion(name) => match self.passion_group.get(name.as_str()) {
                Some(&group) => self.has_group(Fact::Passion(group), b)?,
                None => Formula::Const(false),
            },
            Condition::SharesPassion(v) => {
                let shares = self.shares_passion(b)?;
                if *v {
                    shares
                } else {
                    Formula::Not(Box::new(shares))
                }
            }
            Condition::Tag(name) => match self.tag_group.get(name.as_str()) {
                Some(&group) => self.has_group(Fact::Tag(group), b)?,
                None => Formula::Const(false),
            },
            Condition::MutualConnectionsAtLeast(n) => {
                let from = self.thresholds.partition_point(|t| t < n);
                let reached = from..self.thresholds.len();
                self.atom_of(Fact::MutualConnections, reached, true, b)?
            }
            Condition::HasMessage(v) => self.flag(Flag::HasMessage, *v, b)?,
        })
    }

    /// The truth of `formula` on `cell`, each atom evaluated charged to
    /// `budget` (by the words of its bit set).
    pub(in crate::analysis) fn eval(
        &self,
        formula: &Formula,
        cell: &Cell,
        budget: &mut Budget,
    ) -> Truth {
        match formula {
            Formula::Const(true) => Truth::Yes,
            Formula::Const(false) => Truth::No,
            Formula::Atom(i) => {
                let atom = &self.atoms[*i];
                budget.steps += atom.mask.len() as u64;
                // A variable the cell leaves free takes every value: the
                // atom, which holds for some values only, is undetermined.
                let Some(words) = cell.get(atom.var) else {
                    return Truth::Unknown(*i);
                };
                let mut inside = false;
                let mut outside = false;
                for (w, m) in words.iter().zip(atom.mask.iter()) {
                    inside |= w & m != 0;
                    outside |= w & !m != 0;
                }
                match (inside, outside) {
                    (true, false) => Truth::Yes,
                    (false, _) => Truth::No,
                    (true, true) => Truth::Unknown(*i),
                }
            }
            Formula::And(list) => self.eval_list(list, Truth::No, cell, budget),
            Formula::Or(list) => self.eval_list(list, Truth::Yes, cell, budget),
            Formula::Not(inner) => match self.eval(inner, cell, budget) {
                Truth::Yes => Truth::No,
                Truth::No => Truth::Yes,
                unknown => unknown,
            },
        }
    }

    /// `all` (when `decisive` is `No`) or `any` (when it is `Yes`): one
    /// decisive child decides; otherwise the first unknown child leaves the
    /// list unknown, and with none the list is the opposite of `decisive`.
    fn eval_list(
        &self,
        list: &[Formula],
        decisive: Truth,
        cell: &Cell,
        budget: &mut Budget,
    ) -> Truth {
        let mut unknown = None;
        for formula in list {
            match self.eval(formula, cell, budget) {
                Truth::Unknown(atom) => {
                    unknown.get_or_insert(atom);
                }
                truth if truth == decisive => return decisive,
                _ => {}
            }
        }
        let otherwise = if decisive == Truth::Yes {
            Truth::No
        } else {
            Truth::Yes
        };
        unknown.map_or(otherwise, Truth::Unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::model_naming;
    use super::*;

    /// An atom spends two steps per word of its bit set: one to build it,
    /// one for its copy in the index.
    #[test]
    fn an_atom_spends_two_steps_per_word() {
        let mut model = model_naming(130);
        let var = model.var(Fact::Profession).unwrap_or(usize::MAX);
        assert_eq!(model.size(var).div_ceil(64), 3);
        let mut budget = Budget::new();
        let atom = model.atom_of(Fact::Profession, [0, 1], true, &mut budget);
        assert!(matches!(atom, Ok(Formula::Atom(_))));
        assert_eq!(budget.steps, 2 * 3);
    }

    /// A group of passions or tags is one atom however often rules name
    /// it, and the model keeps one slot per group for it.
    #[test]
    fn a_group_is_built_once() {
        use crate::{Condition, DataRule, Decision};

        let tags = ["a", "b", "c", "d"];
        let mut builder = Policy::builder();
        for tag in tags {
            let when = Condition::Tag(tag.into());
            builder = builder.data_rule(DataRule::new(tag, when, Decision::Accept, ""));
        }
        let mut model = Model::new(&[&builder.build().unwrap_or_default()], None);
        assert_eq!(model.tags.len(), tags.len());
        let atoms = model.atoms.len();
        let mut budget = Budget::new();
        let mut built = Vec::new();
        // Last, first, last again, then each: a slot once filled stays.
        for i in [3, 0, 3, 1, 2, 0, 1, 2, 3] {
            let formula = model.has_group(Fact::Tag(i), &mut budget);
            let Ok(Formula::Atom(atom)) = formula else {
                panic!("tag group {i} is not an atom");
            };
            built.push((i, atom));
        }
        assert_eq!(model.atoms.len(), atoms + tags.len());
        // Built once each: a one-word bit set and its copy.
        assert_eq!(budget.steps, 2 * tags.len() as u64);
        for (i, atom) in &built {
            assert!(built.iter().all(|(j, other)| (i == j) == (atom == other)));
        }
        let first_tag = model.var(Fact::Tag(0)).unwrap_or(0) - FIXED_FACTS.len();
        assert_eq!(model.group_atoms.len(), first_tag + tags.len());
    }

    /// A built-in rule reads as one atom what its condition says in
    /// several leaves: `linkedin.not-met` as "never met or only spoken".
    #[test]
    fn a_builtin_rule_reads_one_atom_per_fact() {
        fn atoms(formula: &Formula, out: &mut Vec<usize>) {
            match formula {
                Formula::Const(_) => {}
                Formula::Atom(atom) => out.push(*atom),
                Formula::And(list) | Formula::Or(list) => list.iter().for_each(|f| atoms(f, out)),
                Formula::Not(inner) => atoms(inner, out),
            }
        }
        let policy = Policy::default();
        let mut model = Model::new(&[&policy], None);
        let compiled = model.compile_policy(&policy, &mut Budget::new());
        let Ok(compiled) = compiled else {
            panic!("the default policy compiles");
        };
        let acquaintance = model.var(Fact::Acquaintance).unwrap_or(usize::MAX);
        for (rule, formula) in BuiltinRule::ALL.iter().zip(&compiled.builtin_rules) {
            let mut read = Vec::new();
            atoms(formula, &mut read);
            let mut vars: Vec<usize> = read.iter().map(|&a| model.atoms[a].var).collect();
            vars.sort_unstable();
            let count = vars.len();
            vars.dedup();
            assert_eq!(vars.len(), count, "{rule} reads a variable twice");
            if *rule == BuiltinRule::LinkedInNotMet {
                let on: Vec<u64> = read
                    .iter()
                    .map(|&a| &model.atoms[a])
                    .filter(|a| a.var == acquaintance)
                    .map(|a| a.mask[0])
                    .collect();
                let not_met =
                    (1 << Acquaintance::Never as u64) | (1 << Acquaintance::Spoken as u64);
                assert_eq!(on, [not_met]);
            }
        }
    }
}
