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
//! Everything here is private to the analysis folder.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::ops::ControlFlow;

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::condition::{Condition, Value};
use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::names::ConditionKey;
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};
use crate::request::Request;

use super::AnalysisError;

/// A yes-or-no fact about a request: its description, its column header in
/// a decision table and its value for a request are all here.
///
/// A new yes-or-no condition takes edits in this file only: a variant here
/// and its arms in [`Flag::header`] and [`Flag::of`]; its place in
/// [`FIXED_FACTS`] (which fixes its table column); and the condition
/// compiled with [`Model::flag`] in [`Model::compile`] (a yes-or-no value
/// names nothing [`Vocabulary::collect`] must gather). The compiler points at every
/// one but [`FIXED_FACTS`], and the check in [`Model::var`] names that one
/// in any test that compiles the condition.
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
    /// Whether they have the group of passions at this position in
    /// [`Model::passions`] (one passion, or any or all of several; see
    /// [`NameGroup`]): no (0) or yes (1).
    Passion(usize),
    /// Whether they have the group of tags at this position in
    /// [`Model::tags`], as for passions: no (0) or yes (1).
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

/// The values of one variable in a cell, as a bit set.
type Values = Box<[u64]>;

/// A cell: a product of value sets, one per variable.
///
/// Only the variables restricted to some of their values are stored, in
/// increasing order of variable; every other variable takes all its
/// values. So a cell costs what the explorer split on to reach it, however
/// many variables the space has. A stored set is never empty and never
/// full, which makes equal cells equal as values (the table's merge hashes
/// them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(super) struct Cell {
    /// The restricted variables and their values, by variable.
    restricted: Vec<(usize, Values)>,
}

impl Cell {
    /// The values of `var`, or `None` when it takes all of them.
    fn get(&self, var: usize) -> Option<&[u64]> {
        self.restricted
            .binary_search_by_key(&var, |(v, _)| *v)
            .ok()
            .map(|i| &*self.restricted[i].1)
    }

    /// The variables the cell restricts, in increasing order.
    pub(super) fn restricted_vars(&self) -> impl Iterator<Item = usize> + '_ {
        self.restricted.iter().map(|(var, _)| *var)
    }

    /// Words stored: what copying or hashing the cell costs.
    fn words(&self) -> u64 {
        self.restricted
            .iter()
            .map(|(_, values)| values.len() as u64 + 1)
            .sum()
    }

    /// Sets `var`'s values; `None` lifts the restriction.
    fn set(&mut self, var: usize, values: Option<Values>) {
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
#[derive(Clone)]
struct Atom {
    /// The variable's position in the model.
    var: usize,
    /// The values for which the atom holds, as a bit set: never empty,
    /// never all of the variable's values (those are constants).
    mask: Values,
}

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

/// How a [`NameGroup`] of several names is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum GroupReading {
    /// Yes when they have any of the names.
    AnyOf,
    /// Yes when they have all of the names.
    AllOf,
}

/// Passions or tags that no rule can tell apart, as one yes-or-no variable.
///
/// Names mentioned only as items of `any` lists, and each in exactly the
/// same lists, are only ever read together: each of those lists holds when
/// any of them is present, so "has any of these" is all the space needs to
/// know; the same goes for `all` lists and "has all of these". A block list
/// `not = { any = [10,000 tags] }` is then one variable, not 10,000. A name
/// mentioned anywhere else (alone, under `not`, in both kinds of list) is a
/// group of its own. The passions that `shares-passion` and the built-in
/// rule `twitter.shared-purpose` read count as one `any` list.
#[derive(Debug, Clone)]
pub(super) struct NameGroup {
    /// The names, in the order the policy mentions them; at least one.
    pub(super) names: Vec<Box<str>>,
    /// Whether the variable is "has any of them" or "has all of them" (the
    /// same thing for a single name).
    pub(super) reading: GroupReading,
}

impl NameGroup {
    /// Whether a contact who has the names for which `has` is true has
    /// the group.
    fn is_met(&self, has: impl Fn(&str) -> bool) -> bool {
        match self.reading {
            GroupReading::AnyOf => self.names.iter().any(|name| has(name)),
            GroupReading::AllOf => self.names.iter().all(|name| has(name)),
        }
    }
}

/// Where a passion or tag is mentioned, as far as grouping goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Place {
    /// An item of the `any` list with this identity.
    Any(usize),
    /// An item of the `all` list with this identity.
    All(usize),
    /// Anywhere else.
    Alone,
}

/// The identity of a condition list while the policy is borrowed: its
/// address. Two lists are never at the same address (they are never
/// empty), and compiling finds the same address again without numbering
/// the lists in the same order twice.
fn list_identity(list: &[Condition]) -> usize {
    list.as_ptr() as usize
}

/// Where `parent` places a condition directly inside it: in its `all` or
/// `any` list, or alone (under `not`, or no parent at all).
fn place(parent: Option<&Condition>) -> Place {
    if let Some(Condition::All(list)) = parent {
        return Place::All(list_identity(list));
    }
    if let Some(Condition::Any(list)) = parent {
        return Place::Any(list_identity(list));
    }
    Place::Alone
}

/// The identity the list of the user's passions in the `k`-th policy of a
/// space takes in [`Place::Any`] ([`Model::shares_passion`] reads it as an
/// `any` list): `k`, since no list lives at so low an address. Each policy
/// has its own, so that passions only one policy's settings hold are told
/// apart from those of the other.
fn shared_passions(k: usize) -> usize {
    k
}

/// Every place each passion or tag is mentioned, names in the order first
/// mentioned.
struct Mentions {
    /// The names, numbered in the order first mentioned.
    names: Numbered<Box<str>>,
    /// Each mention: the name's number and where.
    at: Vec<(usize, Place)>,
}

/// The names the policies mention for each condition key that holds one
/// (`profession`, `passion`, `tag`), and where: the user's own among them.
#[derive(Default)]
struct Texts(HashMap<ConditionKey, Mentions>);

impl Texts {
    /// Records that `name`, a value of `key`, is mentioned at `place`.
    fn add(&mut self, key: ConditionKey, name: &str, place: Place) {
        self.0
            .entry(key)
            .or_insert_with(Mentions::new)
            .add(name, place);
    }

    /// The mentions of `key`'s values.
    fn take(&mut self, key: ConditionKey) -> Mentions {
        self.0.remove(&key).unwrap_or_else(Mentions::new)
    }
}

/// The groups of passions or tags the rules cannot tell apart.
struct Groups {
    /// The groups, in the order of their first names.
    groups: Vec<NameGroup>,
    /// Each name's group.
    group_of: HashMap<Box<str>, usize>,
}

impl Mentions {
    fn new() -> Mentions {
        Mentions {
            names: Numbered::new(),
            at: Vec::new(),
        }
    }

    /// Records that `name` is mentioned at `place`.
    fn add(&mut self, name: &str, place: Place) {
        let name = self.names.insert(name.into());
        self.at.push((name, place));
    }

    /// The groups of names the rules cannot tell apart (see [`NameGroup`]).
    ///
    /// Linear in the mentions, with no hashing of names: the mentions are
    /// bucketed by name number, and the index of names becomes the index of
    /// groups in place.
    fn into_groups(self) -> Groups {
        let Mentions { names, at } = self;
        let Numbered { items, mut index } = names;
        // Where each name's places start in `places`: a counting sort.
        let mut start = vec![0; items.len() + 1];
        for (name, _) in &at {
            start[name + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut next = start.clone();
        let mut places = vec![Place::Alone; at.len()];
        for (name, place) in at {
            places[next[name]] = place;
            next[name] += 1;
        }
        let mut groups: Vec<NameGroup> = Vec::new();
        let mut group_of_name = Vec::with_capacity(items.len());
        let mut by_places: HashMap<&[Place], usize> = HashMap::new();
        let mut rest: &mut [Place] = &mut places;
        for (name, item) in items.into_iter().enumerate() {
            let (mine, after) = rest.split_at_mut(start[name + 1] - start[name]);
            rest = after;
            let mine = sorted_unique(mine);
            let reading = match (mine.first(), mine.last()) {
                (Some(Place::Any(_)), Some(Place::Any(_))) => Some(GroupReading::AnyOf),
                (Some(Place::All(_)), Some(Place::All(_))) => Some(GroupReading::AllOf),
                // Alone somewhere, or in both kinds of list: read alone.
                _ => None,
            };
            let group = match reading.and_then(|_| by_places.get(mine).copied()) {
                Some(group) => {
                    groups[group].names.push(item);
                    group
                }
                None => {
                    let group = groups.len();
                    groups.push(NameGroup {
                        names: vec![item],
                        reading: reading.unwrap_or(GroupReading::AnyOf),
                    });
                    if reading.is_some() {
                        by_places.insert(mine, group);
                    }
                    group
                }
            };
            group_of_name.push(group);
        }
        for number in index.values_mut() {
            *number = group_of_name[*number];
        }
        Groups {
            groups,
            group_of: index,
        }
    }
}

/// Sorts `places` and moves its distinct items to its start; returns
/// those.
fn sorted_unique(places: &mut [Place]) -> &[Place] {
    places.sort_unstable();
    let mut kept = 0;
    for i in 0..places.len() {
        if kept == 0 || places[i] != places[kept - 1] {
            places[kept] = places[i];
            kept += 1;
        }
    }
    &places[..kept]
}

/// Distinct items, each numbered by its position, with an index so that
/// adding or finding one costs the same however many there are.
#[derive(Debug, Clone)]
struct Numbered<T> {
    /// The items, in the order added.
    items: Vec<T>,
    /// Each item's position in `items`.
    index: HashMap<T, usize>,
}

impl<T: Clone + Eq + Hash> Numbered<T> {
    fn new() -> Numbered<T> {
        Numbered {
            items: Vec::new(),
            index: HashMap::new(),
        }
    }

    /// Adds `item` unless it is there already, and gives its number.
    fn insert(&mut self, item: T) -> usize {
        let next = self.items.len();
        let number = *self.index.entry(item.clone()).or_insert(next);
        if number == next {
            self.items.push(item);
        }
        number
    }
}

/// The values the rules of a policy tell apart, gathered in one pass over
/// them.
struct Vocabulary {
    platforms: Numbered<Platform>,
    professions: Numbered<Box<str>>,
    passions: Mentions,
    tags: Mentions,
    thresholds: Vec<u32>,
}

impl Vocabulary {
    /// The platforms, professions, passions, tags and thresholds of
    /// `policies` (the names either mentions), with `extra` among the
    /// platforms.
    fn collect(policies: &[&Policy], extra: Option<&Platform>) -> Vocabulary {
        let mut named_platforms: Numbered<Platform> = Numbered::new();
        let mut texts = Texts::default();
        for (k, policy) in policies.iter().enumerate() {
            let settings = &policy.settings;
            // The user's professions are values of their profession too.
            if let Some(profession) = &settings.profession {
                texts.add(ConditionKey::Profession, profession, Place::Alone);
            }
            for profession in settings.interesting_professions.iter() {
                texts.add(ConditionKey::Profession, profession, Place::Alone);
            }
            for passion in settings.passions.iter() {
                let place = Place::Any(shared_passions(k));
                texts.add(ConditionKey::Passion, passion, place);
            }
        }
        let mut thresholds = vec![0];
        for rule in policies.iter().flat_map(|policy| policy.data_rules()) {
            for platform in rule.platforms.iter().flatten() {
                named_platforms.insert(platform.clone());
            }
            let Some(when) = &rule.when else { continue };
            // Walked in the order written, so that values, columns and the
            // names of a group read in that order.
            for (condition, parent) in when.walk() {
                match condition.value() {
                    Value::Platform(p) => {
                        named_platforms.insert(p.clone());
                    }
                    Value::Text(name) => texts.add(condition.condition_key(), name, place(parent)),
                    // Mutual connections: the one count a condition holds.
                    Value::Count(n) => thresholds.push(n),
                    // Their parts are walked on their own.
                    Value::List(_) | Value::Nested(_) => {}
                    // Few values, each a value of the space already.
                    Value::Bool(_)
                    | Value::Direction(_)
                    | Value::Acquaintance(_)
                    | Value::View(_) => {}
                }
            }
        }
        // A declared platform no rule names behaves as any other platform
        // does, so it needs no value of its own; those the rules name keep
        // the order of the declaration.
        let mut platforms = Numbered::new();
        for platform in Platform::BUILTIN {
            platforms.insert(platform);
        }
        for platform in policies.iter().flat_map(|policy| &policy.platforms) {
            if named_platforms.index.contains_key(platform) {
                platforms.insert(platform.clone());
            }
        }
        for platform in named_platforms.items {
            platforms.insert(platform);
        }
        if let Some(platform) = extra {
            platforms.insert(platform.clone());
        }
        thresholds.sort_unstable();
        thresholds.dedup();
        Vocabulary {
            platforms,
            professions: texts.take(ConditionKey::Profession).names,
            passions: texts.take(ConditionKey::Passion),
            tags: texts.take(ConditionKey::Tag),
            thresholds,
        }
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

/// The rules of one policy, compiled to formulas over a [`Model`]'s atoms.
#[derive(Clone)]
pub(super) struct Compiled {
    /// The compiled condition of each user rule, `None` for Rust rules.
    pub(super) user_rules: Vec<Option<Formula>>,
    /// The compiled condition of each built-in rule, platform included, in
    /// the order of [`BuiltinRule::ALL`].
    pub(super) builtin_rules: Vec<Formula>,
}

impl Compiled {
    /// The rules of `policy` (the policy these were compiled from) in the
    /// order they are tried: the data rules (when `with_user`; rules
    /// written in Rust are left out, as if they never applied) and the
    /// enabled built-in rules.
    pub(super) fn ordered(
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

    /// The rules of `policy`, one of the policies the model was built
    /// from, compiled over its space.
    pub(super) fn compile_policy(
        &mut self,
        policy: &Policy,
        budget: &mut Budget,
    ) -> Result<Compiled, AnalysisError> {
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
        Ok(Compiled {
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

    /// The fact variable `var` stands for: the facts of [`FIXED_FACTS`],
    /// then the passion groups, the tag groups and mutual connections.
    pub(super) fn fact(&self, var: usize) -> Fact {
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
    fn var(&self, fact: Fact) -> Option<usize> {
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
    pub(super) fn var_count(&self) -> usize {
        FIXED_FACTS.len() + self.passions.len() + self.tags.len() + 1
    }

    /// The number of values of `var`.
    pub(super) fn size(&self, var: usize) -> usize {
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
    fn all_values(&self, var: usize) -> Values {
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
    fn restriction(&self, var: usize, values: Values) -> Option<Values> {
        let count: usize = values.iter().map(|w| w.count_ones() as usize).sum();
        (count < self.size(var)).then_some(values)
    }

    /// The cell holding every request.
    pub(super) fn full(&self) -> Cell {
        Cell::default()
    }

    /// Keeps only the requests on `platform`.
    pub(super) fn restrict_platform(&self, cell: &mut Cell, platform: &Platform) {
        if let Some(var) = self.var(Fact::Platform) {
            let mut words = vec![0; self.size(var).div_ceil(64)].into_boxed_slice();
            set_bit(&mut words, self.platform_value(platform));
            cell.set(var, Some(words));
        }
    }

    /// Whether the cell holds this value of `var`.
    pub(super) fn contains(&self, cell: &Cell, var: usize, value: usize) -> bool {
        cell.get(var)
            .is_none_or(|words| words[value / 64] & (1 << (value % 64)) != 0)
    }

    /// The values of `var` in the cell, in order.
    pub(super) fn values<'c>(
        &'c self,
        cell: &'c Cell,
        var: usize,
    ) -> impl Iterator<Item = usize> + 'c {
        (0..self.size(var)).filter(move |&v| self.contains(cell, var, v))
    }

    /// Whether two cells hold the same values of `var`.
    pub(super) fn same_var(&self, a: &Cell, b: &Cell, var: usize) -> bool {
        a.get(var) == b.get(var)
    }

    /// The cell with `var` unrestricted: the key that groups cells
    /// differing only in `var`. Spends what copying the cell costs.
    pub(super) fn without(
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
    pub(super) fn unite(&self, into: &mut Cell, from: &Cell, var: usize) {
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
    pub(super) fn value_of(&self, var: usize, request: &Request<'_>) -> usize {
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

    /// The atom "`fact` takes one of `values`" (or, when `listed` is false,
    /// "one of the others"), or a constant when that is every value or
    /// none. Builds a bit set the size of the variable, from the values
    /// given rather than by testing each value, and spends its size.
    fn atom_of(
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
    pub(super) fn eval(&self, formula: &Formula, cell: &Cell, budget: &mut Budget) -> Truth {
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
    pub(super) fn explore(
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
    pub(super) fn explore_jointly(
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

/// The bits set in a bit set, in order.
fn ones(words: &[u64]) -> impl Iterator<Item = usize> + '_ {
    (0..words.len() * 64).filter(|bit| words[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Sets bit `bit` of a bit set.
fn set_bit(words: &mut [u64], bit: usize) {
    words[bit / 64] |= 1 << (bit % 64);
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

    /// A model whose rule names `professions` professions and the platform
    /// `mastodon`.
    fn model_naming(professions: usize) -> Model {
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
        let cell = Cell {
            restricted: vec![(direction, vec![1].into())],
        };
        let (before, mut stack) = (budget.steps, Vec::new());
        model.push_split(&mut stack, cell, atom, &mut budget);
        assert_eq!(stack.len(), 2);
        assert_eq!(budget.steps - before, 2 + 1);
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
