//! The engine behind [`Policy::analyze`] and [`Policy::decision_table`]:
//! the finite space of requests a policy can tell apart, and an explorer
//! that cuts it into pieces on which the deciding rule is fixed.
//!
//! Every fact a rule looks at takes finitely many values that matter:
//! yes-or-no facts, the acquaintance and the views are finite already; a
//! profession matters only as one of the professions the policy mentions or
//! "any other (or none)"; a passion or tag only as present or absent, for
//! each one mentioned; mutual connections only through the thresholds
//! mentioned; a platform as a built-in one, one the policy names, or any
//! other. Each such fact is a *variable* of the space, and a *cell* is a
//! product of value sets, one per variable. Rule conditions compile to
//! formulas over atoms `variable ∈ set`, evaluated on a cell in three-valued
//! logic; the explorer splits a cell on an undetermined atom until the first
//! applying rule is the same for every request in it. The leaves partition
//! the space exactly, and each is non-empty.
//!
//! Everything here is private to the analysis folder.

use std::ops::ControlFlow;

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};
use crate::request::Request;

use super::AnalysisError;

/// A yes-or-no fact about a request: its description, its column header in
/// a decision table and its value for a request are all here.
///
/// A new yes-or-no condition takes edits in this file only: a variant here
/// and its arms in [`Flag::header`] and [`Flag::of`]; its place in
/// [`FIXED_FACTS`] (which fixes its table column); the condition listed
/// with those naming no value in [`Model::new`], and compiled with
/// [`Model::flag`] in [`Model::compile`]. The compiler points at every one
/// but [`FIXED_FACTS`], and the check in [`Model::atom`] names that one in
/// any test that compiles the condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flag {
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
    pub(super) fn header(self) -> &'static str {
        match self {
            Flag::JobSeeking => "I am job seeking",
            Flag::Recruiter => "recruiter",
            Flag::Friend => "personal friend",
            Flag::Star => "star of their field",
            Flag::FacebookFriend => "Facebook friend",
            Flag::HasMessage => "invitation with a note",
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
pub(super) enum Fact {
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
    /// Whether they have the passion at this position in
    /// [`Model::passions`]: no (0) or yes (1).
    Passion(usize),
    /// Whether they have the tag at this position in [`Model::tags`]: no
    /// (0) or yes (1).
    Tag(usize),
    /// Their number of mutual connections, as the interval starting at each
    /// of [`Model::thresholds`].
    MutualConnections,
}

/// The facts every space has, in the order of a decision table's columns;
/// the passions, tags and mutual connections follow, as many as the policy
/// mentions.
const FIXED_FACTS: [Fact; 12] = [
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

/// A cell: for each variable, the set of its values (a bit set) in the cell.
pub(super) type Cell = Box<[u64]>;

/// The rule that decides the requests of a cell: a user rule (by position
/// in the policy), a built-in rule (by position in [`BuiltinRule::ALL`]) or
/// the fallback. The order is the order rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum DecidingRule {
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
    pub(super) fn outcome(self, policy: &Policy) -> (Decision, &str) {
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

/// A formula over the atoms of a [`Model`].
#[derive(Debug, Clone)]
pub(super) enum Formula {
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
pub(super) enum Truth {
    /// Holds for every request of the cell.
    Yes,
    /// Holds for none.
    No,
    /// Holds for some only; carries an atom that is itself undetermined on
    /// the cell, to split it on.
    Unknown(usize),
}

/// An atom: the variable `var` takes one of the values in `mask`.
struct Atom {
    /// The variable's position in the model.
    var: usize,
    /// The values for which the atom holds, as a bit set.
    mask: Box<[u64]>,
}

/// Work allowed to one analysis, in atom evaluations: enough for any
/// policy a person writes by hand, and a bound on time for any other.
pub(super) struct Budget {
    /// Atom evaluations so far.
    steps: u64,
}

impl Budget {
    /// The most atom evaluations allowed.
    pub(super) const LIMIT: u64 = 20_000_000;

    /// A budget with nothing spent.
    pub(super) fn new() -> Budget {
        Budget { steps: 0 }
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
pub(super) struct Model {
    /// The platforms told apart: the built-in ones, then those the policy
    /// names.
    pub(super) platforms: Vec<Platform>,
    /// The professions told apart: the user's own, the interesting ones,
    /// then those the rules name.
    pub(super) professions: Vec<Box<str>>,
    /// The passions told apart: the user's, then those the rules name.
    pub(super) passions: Vec<Box<str>>,
    /// The tags the rules name.
    pub(super) tags: Vec<Box<str>>,
    /// The mutual connection thresholds the rules name: sorted, without
    /// repeats, starting with 0.
    pub(super) thresholds: Vec<u32>,
    /// The fact each variable stands for.
    facts: Vec<Fact>,
    /// The number of values of each variable.
    sizes: Vec<usize>,
    /// Where each variable's words start in a cell.
    offsets: Vec<usize>,
    /// The number of words in a cell.
    words: usize,
    /// The atoms the formulas refer to.
    atoms: Vec<Atom>,
    /// The compiled condition of each user rule, `None` for Rust rules.
    pub(super) user_rules: Vec<Option<Formula>>,
    /// The compiled condition of each built-in rule, platform included, in
    /// the order of [`BuiltinRule::ALL`].
    pub(super) builtin_rules: Vec<Formula>,
}

/// Appends `item` unless the list holds it already.
fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl Model {
    /// The space of `policy`'s requests, with `extra` among the platforms.
    pub(super) fn new(policy: &Policy, extra: Option<&Platform>) -> Model {
        let settings = &policy.settings;
        let mut platforms = vec![Platform::LinkedIn, Platform::Twitter, Platform::Facebook];
        for platform in &policy.platforms {
            push_unique(&mut platforms, platform.clone());
        }
        let mut professions: Vec<Box<str>> = Vec::new();
        if let Some(profession) = &settings.profession {
            push_unique(&mut professions, profession.clone());
        }
        for profession in settings.interesting_professions.iter() {
            push_unique(&mut professions, profession.into());
        }
        let mut passions: Vec<Box<str>> = settings.passions.iter().map(Box::from).collect();
        let mut tags = Vec::new();
        let mut thresholds = vec![0];
        for rule in policy.data_rules() {
            for platform in rule.platforms.iter().flatten() {
                push_unique(&mut platforms, platform.clone());
            }
            if let Some(when) = &rule.when {
                let mut stack = vec![when];
                while let Some(condition) = stack.pop() {
                    match condition {
                        Condition::All(list) | Condition::Any(list) => stack.extend(list),
                        Condition::Not(inner) => stack.push(inner),
                        Condition::Platform(p) => push_unique(&mut platforms, p.clone()),
                        Condition::Profession(s) => {
                            push_unique(&mut professions, s.as_str().into())
                        }
                        Condition::Passion(s) => push_unique(&mut passions, s.as_str().into()),
                        Condition::Tag(s) => push_unique(&mut tags, s.as_str().into()),
                        Condition::MutualConnectionsAtLeast(n) => thresholds.push(*n),
                        // These name no value the space must tell apart.
                        Condition::Direction(_)
                        | Condition::JobSeeking(_)
                        | Condition::Acquaintance(_)
                        | Condition::MetInPerson(_)
                        | Condition::WorkedTogether(_)
                        | Condition::SpokeWith(_)
                        | Condition::MyView(_)
                        | Condition::TheirView(_)
                        | Condition::Recruiter(_)
                        | Condition::Friend(_)
                        | Condition::FacebookFriend(_)
                        | Condition::Star(_)
                        | Condition::SharesProfession(_)
                        | Condition::InterestingProfession(_)
                        | Condition::SharesPassion(_)
                        | Condition::HasMessage(_) => {}
                    }
                }
            }
        }
        if let Some(platform) = extra {
            push_unique(&mut platforms, platform.clone());
        }
        thresholds.sort_unstable();
        thresholds.dedup();

        let mut facts = FIXED_FACTS.to_vec();
        facts.extend((0..passions.len()).map(Fact::Passion));
        facts.extend((0..tags.len()).map(Fact::Tag));
        facts.push(Fact::MutualConnections);
        let sizes: Vec<usize> = facts
            .iter()
            .map(|fact| match fact {
                Fact::Platform => platforms.len() + 1,
                Fact::Direction | Fact::Flag(_) | Fact::Passion(_) | Fact::Tag(_) => 2,
                Fact::Acquaintance => Acquaintance::ALL.len(),
                Fact::MyView | Fact::TheirView => View::ALL.len(),
                Fact::Profession => professions.len() + 1,
                Fact::MutualConnections => thresholds.len(),
            })
            .collect();
        let mut offsets = Vec::with_capacity(sizes.len());
        let mut words = 0;
        for size in &sizes {
            offsets.push(words);
            words += size.div_ceil(64);
        }
        let mut model = Model {
            platforms,
            professions,
            passions,
            tags,
            thresholds,
            facts,
            sizes,
            offsets,
            words,
            atoms: Vec::new(),
            user_rules: Vec::new(),
            builtin_rules: Vec::new(),
        };
        let user_rules = policy
            .rules
            .iter()
            .map(|rule| match rule {
                UserRule::Data(rule) => {
                    let covers = match &rule.platforms {
                        None => Formula::Const(true),
                        Some(list) => model.atom(Fact::Platform, |model, value| {
                            model.platforms.get(value).is_some_and(|p| list.contains(p))
                        }),
                    };
                    let when = match &rule.when {
                        None => Formula::Const(true),
                        Some(condition) => model.compile(condition, policy),
                    };
                    Some(Formula::And(vec![covers, when]))
                }
                UserRule::Custom { .. } => None,
            })
            .collect();
        model.user_rules = user_rules;
        model.builtin_rules = BuiltinRule::ALL
            .into_iter()
            .map(|rule| model.compile_builtin(rule, policy))
            .collect();
        model
    }

    /// The fact variable `var` stands for.
    pub(super) fn fact(&self, var: usize) -> Fact {
        self.facts[var]
    }

    /// The variable that stands for `fact`, if the space has one.
    fn var(&self, fact: Fact) -> Option<usize> {
        self.facts.iter().position(|f| *f == fact)
    }

    /// The number of variables.
    pub(super) fn var_count(&self) -> usize {
        self.facts.len()
    }

    /// The number of values of `var`.
    pub(super) fn size(&self, var: usize) -> usize {
        self.sizes[var]
    }

    /// The words of `cell` that hold `var`'s values.
    fn var_words<'c>(&self, cell: &'c [u64], var: usize) -> &'c [u64] {
        let start = self.offsets[var];
        &cell[start..start + self.sizes[var].div_ceil(64)]
    }

    /// The words of `cell` that hold `var`'s values, to change.
    fn var_words_mut<'c>(&self, cell: &'c mut [u64], var: usize) -> &'c mut [u64] {
        let start = self.offsets[var];
        &mut cell[start..start + self.sizes[var].div_ceil(64)]
    }

    /// The cell holding every request.
    pub(super) fn full(&self) -> Cell {
        let mut cell = vec![0; self.words].into_boxed_slice();
        for var in 0..self.facts.len() {
            for value in 0..self.sizes[var] {
                set_bit(self.var_words_mut(&mut cell, var), value);
            }
        }
        cell
    }

    /// Keeps only the requests on `platform`.
    pub(super) fn restrict_platform(&self, cell: &mut [u64], platform: &Platform) {
        let value = self.platform_value(platform);
        if let Some(var) = self.var(Fact::Platform) {
            let words = self.var_words_mut(cell, var);
            words.fill(0);
            set_bit(words, value);
        }
    }

    /// Whether the cell holds this value of `var`.
    pub(super) fn contains(&self, cell: &[u64], var: usize, value: usize) -> bool {
        let words = self.var_words(cell, var);
        words[value / 64] & (1 << (value % 64)) != 0
    }

    /// The values of `var` in the cell, in order.
    pub(super) fn values<'c>(
        &self,
        cell: &'c [u64],
        var: usize,
    ) -> impl Iterator<Item = usize> + 'c {
        let words = self.var_words(cell, var);
        (0..self.sizes[var]).filter(move |v| words[v / 64] & (1 << (v % 64)) != 0)
    }

    /// Whether two cells hold the same values of `var`.
    pub(super) fn same_var(&self, a: &[u64], b: &[u64], var: usize) -> bool {
        self.var_words(a, var) == self.var_words(b, var)
    }

    /// The cell with `var` cleared: the key that groups cells differing
    /// only in `var`.
    pub(super) fn without(&self, cell: &[u64], var: usize) -> Cell {
        let mut key: Cell = cell.into();
        self.var_words_mut(&mut key, var).fill(0);
        key
    }

    /// Adds `from`'s values of `var` to `into`.
    pub(super) fn unite(&self, into: &mut [u64], from: &[u64], var: usize) {
        let from = self.var_words(from, var);
        for (a, b) in self.var_words_mut(into, var).iter_mut().zip(from) {
            *a |= b;
        }
    }

    /// The value of the platform variable for `platform`.
    fn platform_value(&self, platform: &Platform) -> usize {
        self.platforms
            .iter()
            .position(|p| p == platform)
            .unwrap_or(self.platforms.len())
    }

    /// The value of `var` for a concrete request.
    pub(super) fn value_of(&self, var: usize, request: &Request<'_>) -> usize {
        let contact = request.contact;
        match self.facts[var] {
            Fact::Platform => self.platform_value(request.platform),
            Fact::Direction => usize::from(request.direction == Direction::Outgoing),
            Fact::Flag(flag) => usize::from(flag.of(request)),
            Fact::Acquaintance => contact.acquaintance as usize,
            Fact::MyView => contact.my_view as usize,
            Fact::TheirView => contact.their_view as usize,
            Fact::Profession => contact
                .profession
                .as_ref()
                .and_then(|p| self.professions.iter().position(|x| x == p))
                .unwrap_or(self.professions.len()),
            Fact::Passion(i) => usize::from(contact.passions.contains(&self.passions[i])),
            Fact::Tag(i) => usize::from(contact.tags.contains(&self.tags[i])),
            Fact::MutualConnections => self
                .thresholds
                .iter()
                .rposition(|t| *t <= contact.mutual_connections)
                .unwrap_or(0),
        }
    }

    /// The atom `fact ∈ {values where holds}`, or a constant when `holds`
    /// is true for all values or none.
    fn atom(&mut self, fact: Fact, holds: impl Fn(&Model, usize) -> bool) -> Formula {
        // Model::new makes a variable of every fact a condition compiles
        // to; a fact missing here is one left out of FIXED_FACTS.
        debug_assert!(
            self.facts.contains(&fact),
            "{fact:?} is not a variable of the space: add it to FIXED_FACTS"
        );
        let Some(var) = self.var(fact) else {
            return Formula::Const(false);
        };
        let size = self.sizes[var];
        let mut mask = vec![0; size.div_ceil(64)].into_boxed_slice();
        let mut count = 0;
        for value in 0..size {
            if holds(self, value) {
                set_bit(&mut mask, value);
                count += 1;
            }
        }
        if count == 0 {
            return Formula::Const(false);
        }
        if count == size {
            return Formula::Const(true);
        }
        self.atoms.push(Atom { var, mask });
        Formula::Atom(self.atoms.len() - 1)
    }

    /// The atom "this yes-or-no fact is `value`".
    fn yes_no(&mut self, fact: Fact, value: bool) -> Formula {
        self.atom(fact, |_, v| (v == 1) == value)
    }

    /// The atom "this flag is `value`".
    fn flag(&mut self, flag: Flag, value: bool) -> Formula {
        self.yes_no(Fact::Flag(flag), value)
    }

    /// The atom "our acquaintance is one for which `holds` is true".
    fn acquaintance(&mut self, holds: impl Fn(Acquaintance) -> bool) -> Formula {
        self.atom(Fact::Acquaintance, |_, v| holds(Acquaintance::ALL[v]))
    }

    /// The atom "the view (`Fact::MyView` or `Fact::TheirView`) is `view`".
    fn view(&mut self, fact: Fact, view: View) -> Formula {
        self.atom(fact, |_, v| View::ALL[v] == view)
    }

    /// Whether the profession value `v` is the user's own.
    fn is_my_profession(&self, v: usize, policy: &Policy) -> bool {
        match (self.professions.get(v), &policy.settings.profession) {
            (Some(p), Some(mine)) => p == mine,
            _ => false,
        }
    }

    /// Whether the profession value `v` is one the user finds interesting.
    fn is_interesting(&self, v: usize, policy: &Policy) -> bool {
        self.professions
            .get(v)
            .is_some_and(|p| policy.settings.interesting_professions.contains(p))
    }

    /// The contact shares one of the user's passions.
    fn shares_passion(&mut self, policy: &Policy) -> Formula {
        let facts: Vec<Fact> = (0..self.passions.len())
            .filter(|i| policy.settings.passions.contains(&self.passions[*i]))
            .map(Fact::Passion)
            .collect();
        Formula::Or(
            facts
                .into_iter()
                .map(|fact| self.yes_no(fact, true))
                .collect(),
        )
    }

    /// A user rule's condition as a formula.
    fn compile(&mut self, condition: &Condition, policy: &Policy) -> Formula {
        match condition {
            Condition::All(list) => {
                Formula::And(list.iter().map(|c| self.compile(c, policy)).collect())
            }
            Condition::Any(list) => {
                Formula::Or(list.iter().map(|c| self.compile(c, policy)).collect())
            }
            Condition::Not(inner) => Formula::Not(Box::new(self.compile(inner, policy))),
            Condition::Platform(platform) => self.atom(Fact::Platform, |model, v| {
                model.platforms.get(v).is_some_and(|p| p == platform)
            }),
            Condition::Direction(direction) => {
                let outgoing = *direction == Direction::Outgoing;
                self.yes_no(Fact::Direction, outgoing)
            }
            Condition::JobSeeking(b) => self.flag(Flag::JobSeeking, *b),
            Condition::Acquaintance(a) => self.acquaintance(|x| x == *a),
            Condition::MetInPerson(b) => self.acquaintance(|x| x.met_in_person() == *b),
            Condition::WorkedTogether(b) => self.acquaintance(|x| x.worked_together() == *b),
            Condition::SpokeWith(b) => self.acquaintance(|x| x.spoke_with() == *b),
            Condition::MyView(view) => self.view(Fact::MyView, *view),
            Condition::TheirView(view) => self.view(Fact::TheirView, *view),
            Condition::Recruiter(b) => self.flag(Flag::Recruiter, *b),
            Condition::Friend(b) => self.flag(Flag::Friend, *b),
            Condition::FacebookFriend(b) => self.flag(Flag::FacebookFriend, *b),
            Condition::Star(b) => self.flag(Flag::Star, *b),
            Condition::Profession(name) => self.atom(Fact::Profession, |model, v| {
                model.professions.get(v).is_some_and(|p| **p == **name)
            }),
            Condition::SharesProfession(b) => self.atom(Fact::Profession, |model, v| {
                model.is_my_profession(v, policy) == *b
            }),
            Condition::InterestingProfession(b) => self.atom(Fact::Profession, |model, v| {
                model.is_interesting(v, policy) == *b
            }),
            Condition::Passion(name) => match self.passions.iter().position(|p| **p == **name) {
                Some(i) => self.yes_no(Fact::Passion(i), true),
                None => Formula::Const(false),
            },
            Condition::SharesPassion(b) => {
                let shares = self.shares_passion(policy);
                if *b {
                    shares
                } else {
                    Formula::Not(Box::new(shares))
                }
            }
            Condition::Tag(name) => match self.tags.iter().position(|t| **t == **name) {
                Some(i) => self.yes_no(Fact::Tag(i), true),
                None => Formula::Const(false),
            },
            Condition::MutualConnectionsAtLeast(n) => self
                .atom(Fact::MutualConnections, |model, v| {
                    model.thresholds[v] >= *n
                }),
            Condition::HasMessage(b) => self.flag(Flag::HasMessage, *b),
        }
    }

    /// A built-in rule as a formula: it mirrors [`BuiltinRule::applies`],
    /// which the tests check on every request of the space.
    fn compile_builtin(&mut self, rule: BuiltinRule, policy: &Policy) -> Formula {
        let platform = rule.platform();
        let on = self.atom(Fact::Platform, |model, v| {
            model.platforms.get(v) == Some(&platform)
        });
        let body = match rule {
            BuiltinRule::LinkedInRecruiterOverride => Formula::And(vec![
                self.yes_no(Fact::Direction, false),
                self.flag(Flag::JobSeeking, true),
                self.flag(Flag::Recruiter, true),
                self.acquaintance(|a| a == Acquaintance::Never),
            ]),
            BuiltinRule::LinkedInReputationGuard => Formula::Or(vec![
                self.view(Fact::MyView, View::Negative),
                self.view(Fact::TheirView, View::Negative),
            ]),
            BuiltinRule::LinkedInNotMet => self.acquaintance(|a| !a.has_met()),
            BuiltinRule::LinkedInCannotVouch => Formula::Or(vec![
                self.view(Fact::MyView, View::Unknown),
                self.view(Fact::TheirView, View::Unknown),
            ]),
            BuiltinRule::LinkedInMutualVouch => Formula::And(vec![
                self.acquaintance(Acquaintance::has_met),
                self.view(Fact::MyView, View::Positive),
                self.view(Fact::TheirView, View::Positive),
            ]),
            BuiltinRule::TwitterSharedPurpose => Formula::Or(vec![
                self.atom(Fact::Profession, |model, v| {
                    model.is_my_profession(v, policy) || model.is_interesting(v, policy)
                }),
                self.flag(Flag::Star, true),
                self.shares_passion(policy),
            ]),
            BuiltinRule::FacebookFriend => self.flag(Flag::Friend, true),
            BuiltinRule::TwitterNoPurpose | BuiltinRule::FacebookNotAFriend => Formula::Const(true),
        };
        Formula::And(vec![on, body])
    }

    /// The rules of `policy` in the order they are tried: the data rules
    /// (when `with_user`; rules written in Rust are left out, as if they
    /// never applied) and the enabled built-in rules.
    pub(super) fn ordered<'m>(
        &'m self,
        policy: &Policy,
        with_user: bool,
    ) -> Vec<(&'m Formula, DecidingRule)> {
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

    /// The truth of `formula` on `cell`, each atom evaluated charged to
    /// `budget`.
    pub(super) fn eval(&self, formula: &Formula, cell: &[u64], budget: &mut Budget) -> Truth {
        match formula {
            Formula::Const(true) => Truth::Yes,
            Formula::Const(false) => Truth::No,
            Formula::Atom(i) => {
                budget.steps += 1;
                let atom = &self.atoms[*i];
                let words = self.var_words(cell, atom.var);
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
        cell: &[u64],
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

    /// Splits a cell on an atom: the part where it holds, and the rest.
    fn split(&self, cell: Cell, atom: usize) -> (Cell, Cell) {
        let atom = &self.atoms[atom];
        let mut inside = cell.clone();
        let mut outside = cell;
        for (w, m) in self
            .var_words_mut(&mut inside, atom.var)
            .iter_mut()
            .zip(atom.mask.iter())
        {
            *w &= m;
        }
        for (w, m) in self
            .var_words_mut(&mut outside, atom.var)
            .iter_mut()
            .zip(atom.mask.iter())
        {
            *w &= !m;
        }
        (inside, outside)
    }

    /// Cuts `start` (restricted to where `within` holds) into cells on each
    /// of which the first applying rule of `rules` (or the fallback) is
    /// fixed, and calls `leaf` with each, in a deterministic order, until it
    /// breaks.
    pub(super) fn explore(
        &self,
        start: Cell,
        rules: &[(&Formula, DecidingRule)],
        within: Option<&Formula>,
        budget: &mut Budget,
        mut leaf: impl FnMut(&Cell, DecidingRule) -> ControlFlow<()>,
    ) -> Result<(), AnalysisError> {
        let mut stack = vec![start];
        'cells: while let Some(cell) = stack.pop() {
            budget.check()?;
            if let Some(within) = within {
                match self.eval(within, &cell, budget) {
                    Truth::No => continue,
                    Truth::Unknown(atom) => {
                        self.push_split(&mut stack, cell, atom);
                        continue;
                    }
                    Truth::Yes => {}
                }
            }
            for (condition, rule) in rules {
                match self.eval(condition, &cell, budget) {
                    Truth::No => {}
                    Truth::Yes => {
                        if leaf(&cell, *rule).is_break() {
                            return Ok(());
                        }
                        continue 'cells;
                    }
                    Truth::Unknown(atom) => {
                        self.push_split(&mut stack, cell, atom);
                        continue 'cells;
                    }
                }
            }
            if leaf(&cell, DecidingRule::Fallback).is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    /// Splits `cell` on `atom` and pushes both parts to explore next.
    fn push_split(&self, stack: &mut Vec<Cell>, cell: Cell, atom: usize) {
        let (inside, outside) = self.split(cell, atom);
        // The part where the atom holds is explored first.
        stack.push(outside);
        stack.push(inside);
    }
}

/// Sets bit `bit` of a bit set.
fn set_bit(words: &mut [u64], bit: usize) {
    words[bit / 64] |= 1 << (bit % 64);
}
