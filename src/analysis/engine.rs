//! The finite space of requests a policy can tell apart, and an explorer
//! that cuts it into pieces on which the deciding rule is fixed.
//!
//! Every fact a rule looks at takes finitely many values that matter:
//! booleans, the acquaintance and the views are finite already; a profession
//! matters only as one of the professions the policy mentions or "any other
//! (or none)"; a passion or tag only as present or absent, for each one
//! mentioned; mutual connections only through the thresholds mentioned; a
//! platform as a built-in one, one the policy names, or any other. A *cell*
//! is a product of value sets, one per variable. Rule conditions compile to
//! formulas over atoms `variable ∈ set`, evaluated on a cell in three-valued
//! logic; the explorer splits a cell on an undetermined atom until the first
//! applying rule is the same for every request in it. The leaves partition
//! the space exactly, and each is non-empty.

use std::ops::ControlFlow;

use crate::contact::{Acquaintance, View};
use crate::platform::{Direction, Platform};
use crate::policy::{Policy, UserRule};
use crate::rules::{BuiltinRule, Condition, Request};

use super::AnalysisError;

pub(crate) const PLATFORM: usize = 0;
pub(crate) const DIRECTION: usize = 1;
pub(crate) const JOB_SEEKING: usize = 2;
pub(crate) const RECRUITER: usize = 3;
pub(crate) const ACQUAINTANCE: usize = 4;
pub(crate) const MY_VIEW: usize = 5;
pub(crate) const THEIR_VIEW: usize = 6;
pub(crate) const FRIEND: usize = 7;
pub(crate) const STAR: usize = 8;
pub(crate) const FACEBOOK_FRIEND: usize = 9;
pub(crate) const PROFESSION: usize = 10;
/// The first passion variable; tags follow the passions, and mutual
/// connections come last.
const FIRST_PASSION: usize = 11;

/// What a variable stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Platform,
    Direction,
    JobSeeking,
    Recruiter,
    Acquaintance,
    MyView,
    TheirView,
    Friend,
    Star,
    FacebookFriend,
    Profession,
    Passion(usize),
    Tag(usize),
    Mutual,
}

/// A cell: for each variable, the set of its values (a bit set) in the cell.
pub(crate) type Cell = Box<[u64]>;

/// Who decides: a user rule (by position), a built-in rule (by position in
/// [`BuiltinRule::ALL`]) or the fallback. The order is the order rules are
/// tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Who {
    User(usize),
    Builtin(usize),
    Fallback,
}

/// A formula over atoms.
#[derive(Debug, Clone)]
pub(crate) enum F {
    Const(bool),
    Atom(usize),
    And(Vec<F>),
    Or(Vec<F>),
    Not(Box<F>),
}

/// Three-valued truth on a cell; `Unknown` carries an atom that is itself
/// undetermined, to split on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tri {
    True,
    False,
    Unknown(usize),
}

struct Atom {
    var: usize,
    mask: Box<[u64]>,
}

/// Work allowed to one analysis, in atom evaluations: enough for any
/// policy a person writes by hand, and a bound on time for any other.
pub(crate) struct Budget {
    steps: u64,
}

impl Budget {
    pub(crate) const LIMIT: u64 = 20_000_000;

    pub(crate) fn new() -> Budget {
        Budget { steps: 0 }
    }

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
pub(crate) struct Model {
    pub(crate) platforms: Vec<Platform>,
    pub(crate) professions: Vec<Box<str>>,
    pub(crate) passions: Vec<Box<str>>,
    pub(crate) tags: Vec<Box<str>>,
    /// Sorted, without repeats, starting with 0.
    pub(crate) thresholds: Vec<u32>,
    kinds: Vec<Kind>,
    sizes: Vec<usize>,
    offsets: Vec<usize>,
    words: usize,
    atoms: Vec<Atom>,
    /// The compiled condition of each user rule, `None` for Rust rules.
    pub(crate) user: Vec<Option<F>>,
    /// The compiled condition of each built-in rule, platform included.
    pub(crate) builtin: Vec<F>,
}

fn push_unique<T: PartialEq>(list: &mut Vec<T>, item: T) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl Model {
    /// The space of `policy`'s requests, with `extra` among the platforms.
    pub(crate) fn new(policy: &Policy, extra: Option<&Platform>) -> Model {
        let settings = &policy.settings;
        let mut platforms = vec![Platform::LinkedIn, Platform::Twitter, Platform::Facebook];
        for p in &policy.platforms {
            push_unique(&mut platforms, p.clone());
        }
        let mut professions: Vec<Box<str>> = Vec::new();
        if let Some(p) = &settings.profession {
            push_unique(&mut professions, p.clone());
        }
        for p in &settings.interesting_professions {
            push_unique(&mut professions, p.clone());
        }
        let mut passions = settings.passions.clone();
        let mut tags = Vec::new();
        let mut thresholds = vec![0];
        for rule in policy.data_rules() {
            for p in rule.platforms.iter().flatten() {
                push_unique(&mut platforms, p.clone());
            }
            if let Some(when) = &rule.when {
                let mut stack = vec![when];
                while let Some(c) = stack.pop() {
                    match c {
                        Condition::All(list) | Condition::Any(list) => stack.extend(list),
                        Condition::Not(inner) => stack.push(inner),
                        Condition::Platform(p) => push_unique(&mut platforms, p.clone()),
                        Condition::Profession(s) => {
                            push_unique(&mut professions, s.as_str().into())
                        }
                        Condition::Passion(s) => push_unique(&mut passions, s.as_str().into()),
                        Condition::Tag(s) => push_unique(&mut tags, s.as_str().into()),
                        Condition::MutualConnectionsAtLeast(n) => thresholds.push(*n),
                        _ => {}
                    }
                }
            }
        }
        if let Some(p) = extra {
            push_unique(&mut platforms, p.clone());
        }
        thresholds.sort_unstable();
        thresholds.dedup();

        let mut kinds = vec![
            Kind::Platform,
            Kind::Direction,
            Kind::JobSeeking,
            Kind::Recruiter,
            Kind::Acquaintance,
            Kind::MyView,
            Kind::TheirView,
            Kind::Friend,
            Kind::Star,
            Kind::FacebookFriend,
            Kind::Profession,
        ];
        kinds.extend((0..passions.len()).map(Kind::Passion));
        kinds.extend((0..tags.len()).map(Kind::Tag));
        kinds.push(Kind::Mutual);
        let sizes: Vec<usize> = kinds
            .iter()
            .map(|k| match k {
                // The last value stands for every platform not named.
                Kind::Platform => platforms.len() + 1,
                Kind::Acquaintance => Acquaintance::ALL.len(),
                Kind::MyView | Kind::TheirView => View::ALL.len(),
                // The last value stands for any other profession, or none:
                // no condition tells those apart.
                Kind::Profession => professions.len() + 1,
                Kind::Mutual => thresholds.len(),
                _ => 2,
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
            kinds,
            sizes,
            offsets,
            words,
            atoms: Vec::new(),
            user: Vec::new(),
            builtin: Vec::new(),
        };
        let user = policy
            .rules
            .iter()
            .map(|rule| match rule {
                UserRule::Data(rule) => {
                    let covers = match &rule.platforms {
                        None => F::Const(true),
                        Some(list) => model.atom(PLATFORM, |m, i| {
                            m.platforms.get(i).is_some_and(|p| list.contains(p))
                        }),
                    };
                    let when = match &rule.when {
                        None => F::Const(true),
                        Some(c) => model.compile(c, policy),
                    };
                    Some(F::And(vec![covers, when]))
                }
                UserRule::Custom(_) => None,
            })
            .collect();
        model.user = user;
        model.builtin = BuiltinRule::ALL
            .into_iter()
            .map(|rule| model.compile_builtin(rule, policy))
            .collect();
        model
    }

    pub(crate) fn kind(&self, var: usize) -> Kind {
        self.kinds[var]
    }

    pub(crate) fn var_count(&self) -> usize {
        self.kinds.len()
    }

    pub(crate) fn size(&self, var: usize) -> usize {
        self.sizes[var]
    }

    fn var_words<'c>(&self, cell: &'c [u64], var: usize) -> &'c [u64] {
        let start = self.offsets[var];
        &cell[start..start + self.sizes[var].div_ceil(64)]
    }

    fn var_words_mut<'c>(&self, cell: &'c mut [u64], var: usize) -> &'c mut [u64] {
        let start = self.offsets[var];
        &mut cell[start..start + self.sizes[var].div_ceil(64)]
    }

    /// The cell holding every request.
    pub(crate) fn full(&self) -> Cell {
        let mut cell = vec![0; self.words].into_boxed_slice();
        for var in 0..self.kinds.len() {
            for value in 0..self.sizes[var] {
                set_bit(self.var_words_mut(&mut cell, var), value);
            }
        }
        cell
    }

    /// Keeps only `value` for `var`.
    pub(crate) fn restrict(&self, cell: &mut [u64], var: usize, value: usize) {
        let words = self.var_words_mut(cell, var);
        words.fill(0);
        set_bit(words, value);
    }

    /// Whether the cell holds this value of `var`.
    pub(crate) fn contains(&self, cell: &[u64], var: usize, value: usize) -> bool {
        let words = self.var_words(cell, var);
        words[value / 64] & (1 << (value % 64)) != 0
    }

    /// The values of `var` in the cell, in order.
    pub(crate) fn values<'c>(
        &self,
        cell: &'c [u64],
        var: usize,
    ) -> impl Iterator<Item = usize> + 'c {
        let words = self.var_words(cell, var);
        (0..self.sizes[var]).filter(move |v| words[v / 64] & (1 << (v % 64)) != 0)
    }

    /// Whether two cells hold the same values of `var`.
    pub(crate) fn same_var(&self, a: &[u64], b: &[u64], var: usize) -> bool {
        self.var_words(a, var) == self.var_words(b, var)
    }

    /// The cell with `var` cleared: the key that groups cells differing
    /// only in `var`.
    pub(crate) fn without(&self, cell: &[u64], var: usize) -> Cell {
        let mut key: Cell = cell.into();
        self.var_words_mut(&mut key, var).fill(0);
        key
    }

    /// Adds `from`'s values of `var` to `into`.
    pub(crate) fn unite(&self, into: &mut [u64], from: &[u64], var: usize) {
        let from = self.var_words(from, var);
        for (a, b) in self.var_words_mut(into, var).iter_mut().zip(from) {
            *a |= b;
        }
    }

    /// The value of `var` for a concrete request.
    pub(crate) fn value_of(&self, var: usize, r: &Request<'_>) -> usize {
        let c = r.contact;
        match self.kinds[var] {
            Kind::Platform => self
                .platforms
                .iter()
                .position(|p| p == r.platform)
                .unwrap_or(self.platforms.len()),
            Kind::Direction => usize::from(r.direction == Direction::Outgoing),
            Kind::JobSeeking => usize::from(r.settings.job_seeking),
            Kind::Recruiter => usize::from(c.recruiter),
            Kind::Acquaintance => c.acquaintance as usize,
            Kind::MyView => c.my_view as usize,
            Kind::TheirView => c.their_view as usize,
            Kind::Friend => usize::from(c.friend),
            Kind::Star => usize::from(c.star),
            Kind::FacebookFriend => usize::from(c.facebook_friend),
            Kind::Profession => c
                .profession
                .as_ref()
                .and_then(|p| self.professions.iter().position(|x| x == p))
                .unwrap_or(self.professions.len()),
            Kind::Passion(i) => usize::from(c.passions.contains(&self.passions[i])),
            Kind::Tag(i) => usize::from(c.tags.contains(&self.tags[i])),
            Kind::Mutual => self
                .thresholds
                .iter()
                .rposition(|t| *t <= c.mutual_connections)
                .unwrap_or(0),
        }
    }

    /// The atom `var ∈ {values where pred holds}`, or a constant when pred
    /// holds for all or none.
    fn atom(&mut self, var: usize, pred: impl Fn(&Model, usize) -> bool) -> F {
        let size = self.sizes[var];
        let mut mask = vec![0; size.div_ceil(64)].into_boxed_slice();
        let mut count = 0;
        for value in 0..size {
            if pred(self, value) {
                set_bit(&mut mask, value);
                count += 1;
            }
        }
        if count == 0 {
            return F::Const(false);
        }
        if count == size {
            return F::Const(true);
        }
        self.atoms.push(Atom { var, mask });
        F::Atom(self.atoms.len() - 1)
    }

    fn flag(&mut self, var: usize, b: bool) -> F {
        self.atom(var, |_, v| (v == 1) == b)
    }

    fn acquaintance(&mut self, pred: impl Fn(Acquaintance) -> bool) -> F {
        self.atom(ACQUAINTANCE, |_, v| pred(Acquaintance::ALL[v]))
    }

    fn view(&mut self, var: usize, view: View) -> F {
        self.atom(var, |_, v| View::ALL[v] == view)
    }

    /// Whether the profession value `v` is the user's own.
    fn is_my_profession(&self, v: usize, policy: &Policy) -> bool {
        match (self.professions.get(v), &policy.settings.profession) {
            (Some(p), Some(mine)) => p == mine,
            _ => false,
        }
    }

    fn is_interesting(&self, v: usize, policy: &Policy) -> bool {
        self.professions
            .get(v)
            .is_some_and(|p| policy.settings.interesting_professions.contains(p))
    }

    /// The contact shares one of the user's passions.
    fn shares_passion(&mut self, policy: &Policy) -> F {
        let vars: Vec<usize> = (0..self.passions.len())
            .filter(|i| policy.settings.passions.contains(&self.passions[*i]))
            .map(|i| FIRST_PASSION + i)
            .collect();
        F::Or(vars.into_iter().map(|var| self.flag(var, true)).collect())
    }

    fn compile(&mut self, c: &Condition, policy: &Policy) -> F {
        match c {
            Condition::All(list) => F::And(list.iter().map(|c| self.compile(c, policy)).collect()),
            Condition::Any(list) => F::Or(list.iter().map(|c| self.compile(c, policy)).collect()),
            Condition::Not(inner) => F::Not(Box::new(self.compile(inner, policy))),
            Condition::Platform(p) => {
                self.atom(PLATFORM, |m, v| m.platforms.get(v).is_some_and(|x| x == p))
            }
            Condition::Direction(d) => {
                let outgoing = *d == Direction::Outgoing;
                self.flag(DIRECTION, outgoing)
            }
            Condition::JobSeeking(b) => self.flag(JOB_SEEKING, *b),
            Condition::Acquaintance(a) => self.acquaintance(|x| x == *a),
            Condition::MetInPerson(b) => self.acquaintance(|x| x.met_in_person() == *b),
            Condition::WorkedTogether(b) => self.acquaintance(|x| x.worked_together() == *b),
            Condition::SpokeWith(b) => self.acquaintance(|x| x.spoke_with() == *b),
            Condition::MyView(v) => self.view(MY_VIEW, *v),
            Condition::TheirView(v) => self.view(THEIR_VIEW, *v),
            Condition::Recruiter(b) => self.flag(RECRUITER, *b),
            Condition::Friend(b) => self.flag(FRIEND, *b),
            Condition::FacebookFriend(b) => self.flag(FACEBOOK_FRIEND, *b),
            Condition::Star(b) => self.flag(STAR, *b),
            Condition::Profession(s) => self.atom(PROFESSION, |m, v| {
                m.professions.get(v).is_some_and(|p| **p == **s)
            }),
            Condition::SharesProfession(b) => {
                self.atom(PROFESSION, |m, v| m.is_my_profession(v, policy) == *b)
            }
            Condition::InterestingProfession(b) => {
                self.atom(PROFESSION, |m, v| m.is_interesting(v, policy) == *b)
            }
            Condition::Passion(s) => match self.passions.iter().position(|p| **p == **s) {
                Some(i) => self.flag(FIRST_PASSION + i, true),
                None => F::Const(false),
            },
            Condition::SharesPassion(b) => {
                let shares = self.shares_passion(policy);
                if *b { shares } else { F::Not(Box::new(shares)) }
            }
            Condition::Tag(s) => match self.tags.iter().position(|t| **t == **s) {
                Some(i) => self.flag(FIRST_PASSION + self.passions.len() + i, true),
                None => F::Const(false),
            },
            Condition::MutualConnectionsAtLeast(n) => {
                let mutual = self.kinds.len() - 1;
                self.atom(mutual, |m, v| m.thresholds[v] >= *n)
            }
        }
    }

    /// A built-in rule as a formula: it mirrors [`BuiltinRule::applies`],
    /// which the tests check on every request of the space.
    fn compile_builtin(&mut self, rule: BuiltinRule, policy: &Policy) -> F {
        let platform = rule.platform();
        let on = self.atom(PLATFORM, |m, v| m.platforms.get(v) == Some(&platform));
        let body = match rule {
            BuiltinRule::LinkedInRecruiterOverride => F::And(vec![
                self.flag(DIRECTION, false),
                self.flag(JOB_SEEKING, true),
                self.flag(RECRUITER, true),
                self.acquaintance(|a| a == Acquaintance::Never),
            ]),
            BuiltinRule::LinkedInReputationGuard => F::Or(vec![
                self.view(MY_VIEW, View::Negative),
                self.view(THEIR_VIEW, View::Negative),
            ]),
            BuiltinRule::LinkedInNotMet => self.acquaintance(|a| !a.has_met()),
            BuiltinRule::LinkedInCannotVouch => F::Or(vec![
                self.view(MY_VIEW, View::Unknown),
                self.view(THEIR_VIEW, View::Unknown),
            ]),
            BuiltinRule::LinkedInMutualVouch => F::And(vec![
                self.acquaintance(Acquaintance::has_met),
                self.view(MY_VIEW, View::Positive),
                self.view(THEIR_VIEW, View::Positive),
            ]),
            BuiltinRule::TwitterSharedPurpose => F::Or(vec![
                self.atom(PROFESSION, |m, v| {
                    m.is_my_profession(v, policy) || m.is_interesting(v, policy)
                }),
                self.flag(STAR, true),
                self.shares_passion(policy),
            ]),
            BuiltinRule::FacebookFriend => self.flag(FRIEND, true),
            BuiltinRule::TwitterNoPurpose | BuiltinRule::FacebookNotAFriend => F::Const(true),
        };
        F::And(vec![on, body])
    }

    /// The rules of `policy` in the order they are tried: the data rules
    /// (when `with_user`; rules written in Rust are left out, as if they
    /// never applied) and the enabled built-in rules.
    pub(crate) fn ordered<'m>(&'m self, policy: &Policy, with_user: bool) -> Vec<(&'m F, Who)> {
        let mut rules = Vec::new();
        if with_user {
            for (i, f) in self.user.iter().enumerate() {
                if let Some(f) = f {
                    rules.push((f, Who::User(i)));
                }
            }
        }
        for (i, rule) in BuiltinRule::ALL.into_iter().enumerate() {
            if policy.is_enabled(rule) {
                rules.push((&self.builtin[i], Who::Builtin(i)));
            }
        }
        rules
    }

    pub(crate) fn eval(&self, f: &F, cell: &[u64], budget: &mut Budget) -> Tri {
        match f {
            F::Const(true) => Tri::True,
            F::Const(false) => Tri::False,
            F::Atom(i) => {
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
                    (true, false) => Tri::True,
                    (false, _) => Tri::False,
                    (true, true) => Tri::Unknown(*i),
                }
            }
            F::And(list) => self.eval_list(list, Tri::False, cell, budget),
            F::Or(list) => self.eval_list(list, Tri::True, cell, budget),
            F::Not(inner) => match self.eval(inner, cell, budget) {
                Tri::True => Tri::False,
                Tri::False => Tri::True,
                unknown => unknown,
            },
        }
    }

    /// `all` (when `decisive` is false) or `any` (when it is true): one
    /// decisive child decides; otherwise the first unknown child leaves the
    /// list unknown, and with none the list is the opposite of `decisive`.
    fn eval_list(&self, list: &[F], decisive: Tri, cell: &[u64], budget: &mut Budget) -> Tri {
        let mut unknown = None;
        for x in list {
            match self.eval(x, cell, budget) {
                Tri::Unknown(a) => {
                    unknown.get_or_insert(a);
                }
                t if t == decisive => return decisive,
                _ => {}
            }
        }
        let otherwise = if decisive == Tri::True {
            Tri::False
        } else {
            Tri::True
        };
        unknown.map_or(otherwise, Tri::Unknown)
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
    pub(crate) fn explore(
        &self,
        start: Cell,
        rules: &[(&F, Who)],
        within: Option<&F>,
        budget: &mut Budget,
        mut leaf: impl FnMut(&Cell, Who) -> ControlFlow<()>,
    ) -> Result<(), AnalysisError> {
        let mut stack = vec![start];
        'cells: while let Some(cell) = stack.pop() {
            budget.check()?;
            if let Some(within) = within {
                match self.eval(within, &cell, budget) {
                    Tri::False => continue,
                    Tri::Unknown(atom) => {
                        self.push_split(&mut stack, cell, atom);
                        continue;
                    }
                    Tri::True => {}
                }
            }
            for (f, who) in rules {
                match self.eval(f, &cell, budget) {
                    Tri::False => {}
                    Tri::True => {
                        if leaf(&cell, *who).is_break() {
                            return Ok(());
                        }
                        continue 'cells;
                    }
                    Tri::Unknown(atom) => {
                        self.push_split(&mut stack, cell, atom);
                        continue 'cells;
                    }
                }
            }
            if leaf(&cell, Who::Fallback).is_break() {
                return Ok(());
            }
        }
        Ok(())
    }

    fn push_split(&self, stack: &mut Vec<Cell>, cell: Cell, atom: usize) {
        let (inside, outside) = self.split(cell, atom);
        // The part where the atom holds is explored first.
        stack.push(outside);
        stack.push(inside);
    }
}

fn set_bit(words: &mut [u64], bit: usize) {
    words[bit / 64] |= 1 << (bit % 64);
}
