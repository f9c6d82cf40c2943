//! The engine behind [`Policy::analyze`], [`Policy::decision_table`] and
//! [`Policy::diff`]: the finite space of requests one or two policies can
//! tell apart, and an explorer that cuts it into pieces on which the
//! deciding rule (of each policy) is fixed.
//!
//! Every fact a rule looks at takes finitely many values that matter:
//! yes-or-no facts, the acquaintance and the views are finite already; a
//! profession matters only as one of the professions the policy mentions or
//! "any other (or none)"; passions and tags only as present or absent, for
//! each group of them the rules cannot tell apart (see [`NameGroup`]);
//! mutual connections only through the thresholds mentioned; a platform as
//! a built-in one, one the rules name, or any other. Each such fact is a
//! *variable* of the space, and a *cell* is a product of value sets, one
//! per variable. Rule conditions compile to formulas over atoms
//! `variable ∈ set`, evaluated on a cell in three-valued logic; the
//! explorer splits a cell on an undetermined atom until the first applying
//! rule is the same for every request in it. The leaves partition the space
//! exactly, and each is non-empty.
//!
//! **Cost.** Building the space costs about the size of the policy: names
//! are found through hash indexes, never by scanning a list, and each
//! distinct condition compiles once. A cell stores only the variables it
//! restricts, so its size is what the explorer split on to reach it, not
//! the number of variables; a block list of 10,000 tags is one variable.
//! Every phase (building, exploring, and the table's merge) spends from one
//! [`Budget`], so an analysis ends with [`AnalysisError::TooComplex`]
//! rather than running for minutes.
//!
//! The files follow those jobs: `space.rs` (the variables, cells and the
//! values of a request), `names.rs` (the names the rules tell apart, and
//! their groups), `formula.rs` (rules compiled to formulas, and their
//! truth on a cell) and `explore.rs` (cutting the space); this one holds
//! the model they share and the budget they spend.
//!
//! Everything here is private to the analysis folder.

use std::collections::HashMap;

use crate::platform::Platform;
use crate::policy::Policy;

use super::AnalysisError;

mod explore;
mod formula;
mod names;
mod space;

pub(super) use explore::DecidingRule;
pub(super) use formula::{Formula, RuleFormulas, Truth};
pub(super) use names::{GroupReading, NameGroup};
pub(super) use space::{Cell, Fact};

use formula::Atom;
use names::Vocabulary;
use space::Values;

/// Work allowed to one analysis, in steps: an atom evaluated, a word of a
/// bit set built, copied or hashed. Enough for any policy a person writes
/// by hand, and a bound on time for any other.
pub(super) struct Budget {
    /// Steps so far.
    steps: u64,
}

impl Budget {
    /// The most steps allowed.
    pub(super) const LIMIT: u64 = 20_000_000;

    /// A budget with nothing spent.
    pub(super) fn new() -> Budget {
        Budget { steps: 0 }
    }

    /// Records `steps` more work, and fails once the work done exceeds
    /// [`Budget::LIMIT`].
    pub(super) fn spend(&mut self, steps: u64) -> Result<(), AnalysisError> {
        self.steps += steps;
        self.check()
    }

    /// Fails once the work done exceeds [`Budget::LIMIT`].
    fn check(&self) -> Result<(), AnalysisError> {
        if self.steps > Budget::LIMIT {
            return Err(AnalysisError::TooComplex {
                limit: Budget::LIMIT,
            });
        }
        Ok(())
    }
}

/// The variables of one policy's space and its compiled rules.
#[derive(Clone)]
pub(super) struct Model {
    /// The platforms told apart: the built-in ones, then those the rules
    /// name (and the table's).
    pub(super) platforms: Vec<Platform>,
    /// Each platform's position in `platforms`.
    platform_index: HashMap<Platform, usize>,
    /// The professions told apart: the user's own, the interesting ones,
    /// then those the rules name.
    pub(super) professions: Vec<Box<str>>,
    /// Each profession's position in `professions`.
    profession_index: HashMap<Box<str>, usize>,
    /// The groups of passions told apart: the user's, then those the rules
    /// name.
    pub(super) passions: Vec<NameGroup>,
    /// Each passion's group.
    passion_group: HashMap<Box<str>, usize>,
    /// The groups that hold the user's passions in the policy being
    /// compiled (see [`Model::compile_policy`]), in order.
    shared_passions: Vec<usize>,
    /// The groups of tags the rules name.
    pub(super) tags: Vec<NameGroup>,
    /// Each tag's group.
    tag_group: HashMap<Box<str>, usize>,
    /// The mutual connection thresholds the rules name: sorted, without
    /// repeats, starting with 0.
    pub(super) thresholds: Vec<u32>,
    /// The atoms the formulas refer to.
    atoms: Vec<Atom>,
    /// The atom of [`Model::has_group`] for each passion and tag group,
    /// by variable (counted from the first passion's), once built.
    group_atoms: Vec<Option<usize>>,
    /// Each atom's position in `atoms`: an atom built twice is one atom,
    /// so that a list naming a group of tags many times reads it once.
    atom_index: HashMap<(usize, Values), usize>,
}

impl Model {
    /// The space of the requests `policies` tell apart (the names any of
    /// them mentions), with `extra` among the platforms; compile each
    /// policy's rules over it with [`Model::compile_policy`], which spends
    /// from the analysis's budget. Linear in the names.
    pub(super) fn new(policies: &[&Policy], extra: Option<&Platform>) -> Model {
        let Vocabulary {
            platforms,
            professions,
            passions,
            tags,
            thresholds,
        } = Vocabulary::collect(policies, extra);
        let passions = passions.into_groups();
        let tags = tags.into_groups();
        Model {
            platforms: platforms.items,
            platform_index: platforms.index,
            professions: professions.items,
            profession_index: professions.index,
            passions: passions.groups,
            passion_group: passions.group_of,
            shared_passions: Vec::new(),
            tags: tags.groups,
            tag_group: tags.group_of,
            thresholds,
            atoms: Vec::new(),
            group_atoms: Vec::new(),
            atom_index: HashMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_fails_once_spent_past_its_limit() {
        let mut budget = Budget::new();
        assert_eq!(budget.spend(Budget::LIMIT - 1), Ok(()));
        assert_eq!(budget.spend(1), Ok(()));
        assert_eq!(
            budget.spend(1),
            Err(AnalysisError::TooComplex {
                limit: Budget::LIMIT
            })
        );
    }

    /// A model whose rule names `professions` professions and the platform
    /// `mastodon`.
    pub(super) fn model_naming(professions: usize) -> Model {
        use crate::{Condition, DataRule, Decision};

        let when = Condition::Any(
            (0..professions)
                .map(|i| Condition::Profession(format!("p{i}")))
                .collect(),
        );
        let mastodon = Platform::named("mastodon").unwrap_or(Platform::LinkedIn);
        let policy = Policy::builder()
            .data_rule(DataRule::new("x", when, Decision::Accept, "").on(mastodon))
            .build()
            .unwrap_or_default();
        Model::new(&[&policy], None)
    }
}
