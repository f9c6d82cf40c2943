//! A policy's data rules compiled, when the policy is built, into a form
//! that finds the deciding rule in a few steps.
//!
//! Requests are split by platform into classes: LinkedIn, Twitter,
//! Facebook, each user-named platform a rule names, and every other
//! platform. For each class, the facts its rules read that have two to five
//! values (acquaintance, views, recruiter, friend, star, Facebook friend,
//! direction, job seeking, and whether they share my profession, work in
//! one that interests me, share a passion, or sent a note), and, while
//! there is room, whether the contact has any tag, passion or profession at
//! all (a rule naming one holds for no contact without any) are packed into
//! a key of at most [`MAX_KEY_BITS`] bits, and a table maps each key to the
//! short list of rules that may still apply, in order: rules that cannot
//! hold for that key are left out, and the list stops at the first rule
//! that must hold. A listed rule whose condition reads other facts (a
//! profession, passion or tag by name, mutual connections) is checked by
//! the interpreter on the real request, so every decision, rule id and
//! explanation is the interpreter's own.
//!
//! Compiling costs at most [`WORK_BUDGET`] steps beyond one pass over the
//! rules, and holds at most about as many list entries: past the budget a
//! class keeps only its list of rules, and past that the policy is left to
//! the interpreter, so the cost stays linear in the size of the policy.

use std::collections::HashMap;

use crate::condition::Condition;
use crate::contact::{Acquaintance, View};
use crate::platform::{Direction, Platform};
use crate::reach::RuleReach;
use crate::request::Request;
use crate::rules::DataRule;

/// The most bits a class's key may have: a table of at most 4,096 entries
/// (16 KiB).
pub(crate) const MAX_KEY_BITS: u32 = 12;

/// The most steps compiling may take (a rule's condition looked at for a
/// key counts its size), and about the most list entries it may keep.
pub(crate) const WORK_BUDGET: usize = 1 << 20;

// Where each fact sits in a fact word. Facts that rules usually read
// together sit side by side, so that a class's key is packed from few runs
// of bits (LinkedIn's rules read the first ten).
const ACQUAINTANCE: u32 = 0b111;
const MY_VIEW: u32 = 0b11 << 3;
const THEIR_VIEW: u32 = 0b11 << 5;
const RECRUITER: u32 = 1 << 7;
const DIRECTION: u32 = 1 << 8;
const JOB_SEEKING: u32 = 1 << 9;
const FRIEND: u32 = 1 << 10;
const FACEBOOK_FRIEND: u32 = 1 << 11;
const STAR: u32 = 1 << 12;
// Facts derived from the contact's strings and the user's settings: each
// computed only for the classes whose rules read it.
const SHARES_PROFESSION: u32 = 1 << 13;
const INTERESTING_PROFESSION: u32 = 1 << 14;
const SHARES_PASSION: u32 = 1 << 15;
const HAS_MESSAGE: u32 = 1 << 16;
// Whether the contact has any tag, passion or profession at all: a rule
// that names one (`tag = "blocked"`) holds for no contact without any, so
// for most contacts a block list is settled by the key rather than
// checked. These bits go in a class's key only when they fit
// ([`PRESENCE`]).
const HAS_TAGS: u32 = 1 << 17;
const HAS_PASSIONS: u32 = 1 << 18;
const HAS_PROFESSION: u32 = 1 << 19;
const DERIVED: u32 = SHARES_PROFESSION
    | INTERESTING_PROFESSION
    | SHARES_PASSION
    | HAS_MESSAGE
    | HAS_TAGS
    | HAS_PASSIONS
    | HAS_PROFESSION;
/// The presence bits, in the order a class keeps them when its key has
/// room for only some: a rule without them checks its names on the request.
const PRESENCE: [u32; 3] = [HAS_TAGS, HAS_PASSIONS, HAS_PROFESSION];

/// Ends a list of candidates in the pool; as a table entry, no rule
/// applies.
const END: u32 = u32::MAX;
/// A table entry with this bit is the index of the one rule that decides,
/// with no list to walk: the usual case when the rules read only keyed
/// facts.
const SURE: u32 = 1 << 31;

/// The facts of a request a class reads (`mask`), packed: the finite ones
/// always, the derived ones only when `mask` holds them.
#[inline]
fn fact_word(r: &Request<'_>, mask: u32) -> u32 {
    #[inline(always)]
    fn derived(mask: u32, bit: u32, fact: impl FnOnce() -> bool) -> u32 {
        if mask & bit != 0 && fact() { bit } else { 0 }
    }
    let (c, s) = (r.contact, r.settings);
    let finite = c.acquaintance as u32
        | (c.my_view as u32) << MY_VIEW.trailing_zeros()
        | (c.their_view as u32) << THEIR_VIEW.trailing_zeros()
        | u32::from(c.recruiter) << RECRUITER.trailing_zeros()
        | (r.direction as u32) << DIRECTION.trailing_zeros()
        | u32::from(s.job_seeking) << JOB_SEEKING.trailing_zeros()
        | u32::from(c.friend) << FRIEND.trailing_zeros()
        | u32::from(c.facebook_friend) << FACEBOOK_FRIEND.trailing_zeros()
        | u32::from(c.star) << STAR.trailing_zeros();
    if mask & DERIVED == 0 {
        return finite;
    }
    finite
        | derived(mask, SHARES_PROFESSION, || s.shares_profession(c))
        | derived(mask, INTERESTING_PROFESSION, || {
            s.has_interesting_profession(c)
        })
        | derived(mask, SHARES_PASSION, || s.shared_passion(c).is_some())
        | derived(mask, HAS_MESSAGE, || {
            c.message().is_some_and(|m| !m.trim().is_empty())
        })
        | derived(mask, HAS_TAGS, || c.tags().len() > 0)
        | derived(mask, HAS_PASSIONS, || c.passions().len() > 0)
        | derived(mask, HAS_PROFESSION, || c.profession().is_some())
}

/// A fact word, decoded: the finite facts it packs, for a word a request
/// can have.
#[derive(Clone, Copy)]
struct FactWord {
    acquaintance: Acquaintance,
    my_view: View,
    their_view: View,
    direction: Direction,
    word: u32,
    /// The bits the class's key holds: a presence bit outside it says
    /// nothing.
    mask: u32,
}

impl FactWord {
    fn decode(word: u32, mask: u32) -> Option<FactWord> {
        let field = |mask: u32| ((word & mask) >> mask.trailing_zeros()) as usize;
        Some(FactWord {
            acquaintance: *Acquaintance::ALL.get(field(ACQUAINTANCE))?,
            my_view: *View::ALL.get(field(MY_VIEW))?,
            their_view: *View::ALL.get(field(THEIR_VIEW))?,
            direction: *Direction::ALL.get(field(DIRECTION))?,
            word,
            mask,
        })
    }

    fn flag(self, mask: u32) -> bool {
        self.word & mask != 0
    }

    /// `Some(false)` when the key says the contact has no names of this
    /// kind (`presence` clear), so that no leaf naming one holds; `None`
    /// when that depends on the names themselves.
    fn none_named(self, presence: u32) -> Option<bool> {
        (self.mask & presence != 0 && !self.flag(presence)).then_some(false)
    }
}

/// The fact-word bits one condition reads itself, its parts aside.
fn fact_bits(cond: &Condition) -> u32 {
    match cond {
        // Their parts are walked on their own.
        Condition::All(_) | Condition::Any(_) | Condition::Not(_) => 0,
        Condition::Direction(_) => DIRECTION,
        Condition::JobSeeking(_) => JOB_SEEKING,
        Condition::Acquaintance(_)
        | Condition::MetInPerson(_)
        | Condition::WorkedTogether(_)
        | Condition::SpokeWith(_) => ACQUAINTANCE,
        Condition::MyView(_) => MY_VIEW,
        Condition::TheirView(_) => THEIR_VIEW,
        Condition::Recruiter(_) => RECRUITER,
        Condition::Friend(_) => FRIEND,
        Condition::FacebookFriend(_) => FACEBOOK_FRIEND,
        Condition::Star(_) => STAR,
        Condition::SharesProfession(_) => SHARES_PROFESSION,
        Condition::InterestingProfession(_) => INTERESTING_PROFESSION,
        Condition::SharesPassion(_) => SHARES_PASSION,
        Condition::HasMessage(_) => HAS_MESSAGE,
        // A name is checked on the request itself, unless the contact has
        // none of its kind.
        Condition::Profession(_) => HAS_PROFESSION,
        Condition::Passion(_) => HAS_PASSIONS,
        Condition::Tag(_) => HAS_TAGS,
        // The platform is the class's own; the count is checked on the
        // request itself.
        Condition::Platform(_) | Condition::MutualConnectionsAtLeast(_) => 0,
    }
}

/// How many nodes a condition has (the work of looking at it once) and
/// the fact-word bits it reads, with the platforms it names added to
/// `named`: one walk for all three.
fn survey(cond: &Condition, named: &mut Vec<Platform>) -> (usize, u32) {
    let (mut size, mut bits) = (0, 0);
    for node in cond.nodes() {
        size += 1;
        bits |= fact_bits(node);
        named.extend(node.named_platform().cloned());
    }
    (size, bits)
}

/// Whether `cond` holds for every request with these finite facts on this
/// platform (`Some(true)`), for none (`Some(false)`), or depends on facts
/// the key leaves out (`None`). `platform` is `None` for a user-named
/// platform no rule names.
fn holds_for(cond: &Condition, f: FactWord, platform: Option<&Platform>) -> Option<bool> {
    match cond {
        Condition::All(list) => {
            let mut known = Some(true);
            for c in list {
                match holds_for(c, f, platform) {
                    Some(false) => return Some(false),
                    Some(true) => {}
                    None => known = None,
                }
            }
            known
        }
        Condition::Any(list) => {
            let mut known = Some(false);
            for c in list {
                match holds_for(c, f, platform) {
                    Some(true) => return Some(true),
                    Some(false) => {}
                    None => known = None,
                }
            }
            known
        }
        Condition::Not(inner) => holds_for(inner, f, platform).map(|b| !b),
        Condition::Platform(p) => Some(platform == Some(p)),
        Condition::Direction(d) => Some(f.direction == *d),
        Condition::JobSeeking(b) => Some(f.flag(JOB_SEEKING) == *b),
        Condition::Acquaintance(a) => Some(f.acquaintance == *a),
        Condition::MetInPerson(b) => Some(f.acquaintance.met_in_person() == *b),
        Condition::WorkedTogether(b) => Some(f.acquaintance.worked_together() == *b),
        Condition::SpokeWith(b) => Some(f.acquaintance.spoke_with() == *b),
        Condition::MyView(v) => Some(f.my_view == *v),
        Condition::TheirView(v) => Some(f.their_view == *v),
        Condition::Recruiter(b) => Some(f.flag(RECRUITER) == *b),
        Condition::Friend(b) => Some(f.flag(FRIEND) == *b),
        Condition::FacebookFriend(b) => Some(f.flag(FACEBOOK_FRIEND) == *b),
        Condition::Star(b) => Some(f.flag(STAR) == *b),
        Condition::SharesProfession(b) => Some(f.flag(SHARES_PROFESSION) == *b),
        Condition::InterestingProfession(b) => Some(f.flag(INTERESTING_PROFESSION) == *b),
        Condition::SharesPassion(b) => Some(f.flag(SHARES_PASSION) == *b),
        Condition::HasMessage(b) => Some(f.flag(HAS_MESSAGE) == *b),
        Condition::Profession(_) => f.none_named(HAS_PROFESSION),
        Condition::Passion(_) => f.none_named(HAS_PASSIONS),
        Condition::Tag(_) => f.none_named(HAS_TAGS),
        Condition::MutualConnectionsAtLeast(_) => None,
    }
}

/// A run of adjacent bits of the fact word, moved into the key.
#[derive(Debug, Clone, Copy)]
struct Segment {
    shift: u8,
    mask: u32,
    to: u8,
}

/// The requests on one platform (or on any platform no rule names).
#[derive(Debug)]
struct Class {
    /// The facts its rules read.
    mask: u32,
    /// How to pack a fact word into this class's key; empty for a key of
    /// one value.
    segments: Box<[Segment]>,
    /// For each key, where its list of candidates starts in the pool, or
    /// [`SURE`] and the rule that decides, or [`END`].
    table: Box<[u32]>,
}

/// A policy's data rules, compiled; see the module documentation.
#[derive(Debug)]
pub(crate) struct RuleIndex {
    /// The user-named platforms the rules name, sorted: the classes of
    /// [`Platform::BUILTIN`] come first, then the class of each of these,
    /// then the class of every other user-named platform.
    named: Box<[Platform]>,
    classes: Box<[Class]>,
    /// Lists of candidates, each ended by [`END`]: a rule's index shifted
    /// left by one, the low bit set when the rule is sure to hold.
    pool: Box<[u32]>,
}

impl RuleIndex {
    /// Compiles the rules, in the order they are tried; `None` when they
    /// are too many or too large to compile within [`WORK_BUDGET`].
    pub(crate) fn new(rules: &[&DataRule], reach: &RuleReach) -> Option<RuleIndex> {
        // Indices and the markers must fit a pool entry.
        if rules.len() >= (SURE / 2) as usize {
            return None;
        }
        let mut named: Vec<Platform> = Vec::new();
        let mut sizes = Vec::with_capacity(rules.len());
        let mut bits = Vec::with_capacity(rules.len());
        for rule in rules {
            named.extend(rule.platforms().into_iter().flatten().cloned());
            let (size, read) = rule
                .condition()
                .map_or((1, 0), |when| survey(when, &mut named));
            sizes.push(size);
            bits.push(read);
        }
        named.retain(Platform::is_user_named);
        named.sort_unstable();
        named.dedup();

        let builtin = Platform::BUILTIN;
        let mut builder = Builder {
            rules,
            sizes: &sizes,
            bits: &bits,
            pool: Vec::new(),
            lists: HashMap::new(),
            work: rules.len(),
        };
        let mut classes = Vec::with_capacity(builtin.len() + named.len() + 1);
        let platforms = builtin.iter().chain(&named).map(Some).chain([None]);
        for platform in platforms {
            // The rules that can apply on every platform, merged with those
            // that can apply on the class's own.
            let covering = platform.map_or_else(|| reach.everywhere.clone(), |p| reach.on(p));
            builder.spend(covering.len())?;
            classes.push(builder.class(platform, &covering)?);
        }
        Some(RuleIndex {
            named: named.into(),
            classes: classes.into(),
            pool: builder.pool.into(),
        })
    }

    /// The rules that may decide `request`.
    #[inline]
    pub(crate) fn candidates(&self, request: &Request<'_>) -> Candidates<'_> {
        let class = class_of(request.platform, &self.named)
            .unwrap_or(Platform::BUILTIN.len() + self.named.len());
        let entry = self.classes.get(class).map_or(END, |class| {
            let mut key = 0;
            if !class.segments.is_empty() {
                let word = fact_word(request, class.mask);
                for s in &class.segments {
                    key |= ((word >> s.shift) & s.mask) << s.to;
                }
            }
            class.table.get(key as usize).copied().unwrap_or(END)
        });
        match entry {
            END => Candidates::None,
            sure if sure & SURE != 0 => Candidates::Sure((sure & !SURE) as usize),
            start => Candidates::List(List {
                pool: &self.pool,
                next: start as usize,
            }),
        }
    }
}

/// The class of `platform` among the built-in platforms and `named`
/// (sorted), or `None` for a platform no rule names.
#[inline]
fn class_of(platform: &Platform, named: &[Platform]) -> Option<usize> {
    match platform.builtin_index() {
        Some(i) => Some(i),
        None => named
            .binary_search(platform)
            .ok()
            .map(|i| Platform::BUILTIN.len() + i),
    }
}

/// The rules that may decide a request: see [`RuleIndex::candidates`].
pub(crate) enum Candidates<'a> {
    /// No user rule applies.
    None,
    /// This rule decides.
    Sure(usize),
    /// The first of these rules that applies decides.
    List(List<'a>),
}

/// Rules in order, as (index, sure to hold): a rule not sure to hold
/// decides if its condition holds.
pub(crate) struct List<'a> {
    pool: &'a [u32],
    next: usize,
}

impl Iterator for List<'_> {
    type Item = (usize, bool);

    #[inline]
    fn next(&mut self) -> Option<(usize, bool)> {
        let entry = *self.pool.get(self.next)?;
        if entry == END {
            return None;
        }
        self.next += 1;
        Some(((entry >> 1) as usize, entry & 1 == 1))
    }
}

struct Builder<'a> {
    rules: &'a [&'a DataRule],
    sizes: &'a [usize],
    /// The fact-word bits each rule's condition reads.
    bits: &'a [u32],
    pool: Vec<u32>,
    /// Each distinct list once: keys that leave the same rules share it.
    lists: HashMap<Vec<u32>, u32>,
    work: usize,
}

impl Builder<'_> {
    /// The class of requests on `platform` (`None`: a user-named platform
    /// no rule names), or `None` when the budget is spent.
    fn class(&mut self, platform: Option<&Platform>, covering: &[usize]) -> Option<Class> {
        let read = covering.iter().fold(0, |m, &i| m | self.bits[i]);
        let cost: usize = covering.iter().map(|&i| self.sizes[i]).sum();
        // The facts the rules need in the key, then each presence bit they
        // read while the key has room for it.
        let mut mask = PRESENCE.iter().fold(read, |m, bit| m & !bit);
        for bit in PRESENCE {
            let wider = mask | (read & bit);
            if self.affordable(wider, cost) {
                mask = wider;
            }
        }
        let keys = 1usize << mask.count_ones();
        if !self.affordable(mask, cost) {
            // Keep the class's rules, to be checked one by one.
            self.spend(covering.len())?;
            let list: Vec<u32> = covering.iter().map(|&i| entry(i, false)).collect();
            let start = self.list(&list);
            return Some(Class {
                mask: 0,
                segments: Box::new([]),
                table: Box::new([start]),
            });
        }
        self.spend(keys * cost)?;
        let segments = segments(mask);
        let mut table = Vec::with_capacity(keys);
        // One buffer for every key's list: most lists are met before, or
        // are one rule, and need no memory of their own.
        let mut list = Vec::new();
        for key in 0..keys as u32 {
            let Some(facts) = FactWord::decode(deposit(key, mask), mask) else {
                // No request has these facts: never looked up.
                table.push(END);
                continue;
            };
            list.clear();
            for &i in covering {
                let sure = match self.rules[i].condition() {
                    None => Some(true),
                    Some(when) => holds_for(when, facts, platform),
                };
                match sure {
                    Some(false) => {}
                    Some(true) => {
                        list.push(entry(i, true));
                        break;
                    }
                    None => list.push(entry(i, false)),
                }
            }
            let entry = self.list(&list);
            table.push(entry);
        }
        Some(Class {
            mask,
            segments: segments.into(),
            table: table.into(),
        })
    }

    /// Whether a key of `mask`'s bits fits [`MAX_KEY_BITS`], and filling
    /// its table for rules of total size `cost` fits the budget.
    fn affordable(&self, mask: u32, cost: usize) -> bool {
        mask.count_ones() <= MAX_KEY_BITS
            && (1usize << mask.count_ones())
                .checked_mul(cost)
                .is_some_and(|w| self.work.saturating_add(w) <= WORK_BUDGET)
    }

    fn spend(&mut self, work: usize) -> Option<()> {
        self.work = self.work.checked_add(work)?;
        (self.work <= WORK_BUDGET).then_some(())
    }

    /// The table entry for `list`: the rule itself when it is one sure
    /// rule, else where the list starts in the pool, adding it if new.
    fn list(&mut self, list: &[u32]) -> u32 {
        match *list {
            [] => return END,
            [only] if only & 1 == 1 => return (only >> 1) | SURE,
            _ => {}
        }
        if let Some(&start) = self.lists.get(list) {
            return start;
        }
        let start = self.pool.len() as u32;
        self.pool.extend_from_slice(list);
        self.pool.push(END);
        self.lists.insert(list.to_vec(), start);
        start
    }
}

/// A pool entry: rule `i`, and whether it is sure to hold in the low bit
/// (see `RuleIndex::pool`).
fn entry(i: usize, sure: bool) -> u32 {
    (i as u32) << 1 | u32::from(sure)
}

/// The runs of adjacent bits of `mask`, each moved next to the last.
fn segments(mask: u32) -> Vec<Segment> {
    let mut out = Vec::new();
    let (mut rest, mut to) = (mask, 0u32);
    while rest != 0 {
        let shift = rest.trailing_zeros();
        let width = (rest >> shift).trailing_ones();
        let bits = if width >= 32 {
            u32::MAX
        } else {
            (1 << width) - 1
        };
        out.push(Segment {
            shift: shift as u8,
            mask: bits,
            to: to as u8,
        });
        rest &= !(bits << shift);
        to += width;
    }
    out
}

/// The fact word whose `mask` bits are the bits of `key`, in order.
fn deposit(key: u32, mask: u32) -> u32 {
    let (mut word, mut rest, mut bit) = (0, mask, 0);
    while rest != 0 {
        let at = rest.trailing_zeros();
        if key >> bit & 1 == 1 {
            word |= 1 << at;
        }
        rest &= rest - 1;
        bit += 1;
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contact::{Contact, every_finite_contact};
    use crate::decision::Decision;
    use crate::policy::Policy;

    fn rule(id: impl Into<String>, when: Condition) -> DataRule {
        DataRule::new(id, when, Decision::Accept, "")
    }

    /// Every finite fact of a contact, on `platform`, decided by the
    /// compiled policy and by the interpreter.
    fn assert_as_interpreted(policy: &Policy, platform: &Platform) {
        // With no names, and with some: the key tells them apart.
        let contacts = every_finite_contact().flat_map(|c| {
            let named = c
                .clone()
                .with_tag("t-3")
                .with_passion("p")
                .with_profession("q");
            [c, named]
        });
        for c in contacts {
            for d in Direction::ALL {
                let r = Request::new(&c, platform, d, &policy.settings);
                let compiled = policy.decide(&r);
                let interpreted = policy.interpret(&r).unwrap_or_else(|| {
                    match policy.disabled.first_applying(&r) {
                        Some(b) => (b.decision(), crate::verdict::Decider::Builtin(b)),
                        None => (policy.fallback, crate::verdict::Decider::Fallback),
                    }
                });
                assert_eq!(compiled.0, interpreted.0);
                assert_eq!(compiled.1.id(), interpreted.1.id());
            }
        }
    }

    #[test]
    fn a_class_reading_too_many_facts_keeps_its_list_of_rules() {
        // 13 bits of facts: past MAX_KEY_BITS.
        let wide = Condition::All(vec![
            Condition::MyView(View::Positive),
            Condition::TheirView(View::Positive),
            Condition::Acquaintance(Acquaintance::MetInPerson),
            Condition::Recruiter(false),
            Condition::Friend(true),
            Condition::Star(false),
            Condition::FacebookFriend(true),
            Condition::Direction(Direction::Incoming),
            Condition::JobSeeking(true),
        ]);
        let policy = Policy::builder()
            .data_rule(rule("wide", wide).on(Platform::LinkedIn))
            .data_rule(rule("narrow", Condition::Friend(true)).on(Platform::Twitter))
            .build()
            .unwrap();
        let compiled = policy.rule_index.as_deref().unwrap();
        let [linkedin, twitter, ..] = &*compiled.classes else {
            panic!("three built-in classes at least");
        };
        assert!(linkedin.segments.is_empty() && linkedin.table.len() == 1);
        assert_eq!(twitter.table.len(), 2);
        for p in Platform::BUILTIN {
            assert_as_interpreted(&policy, &p);
        }
    }

    #[test]
    fn rules_on_a_platform_of_their_own_by_condition_are_compiled() {
        // Each class covers its own rule alone, whether a rule names its
        // platform in a list or in its condition.
        let mut b = Policy::builder();
        let platforms: Vec<Platform> = (0..1_000)
            .map(|i| format!("p{i}").parse().unwrap())
            .collect();
        for (i, p) in platforms.iter().enumerate() {
            let when = Condition::All(vec![
                Condition::Platform(p.clone()),
                Condition::Tag(format!("t{i}")),
            ]);
            b = b
                .platform(p.clone())
                .data_rule(rule(format!("on-{i}"), when));
        }
        let policy = b.build().unwrap();
        assert!(policy.rule_index.is_some());
        // `assert_as_interpreted` tries contacts tagged `t-3` among others.
        let some = platforms.iter().step_by(250).chain(platforms.get(3));
        for p in some.chain(&Platform::BUILTIN) {
            assert_as_interpreted(&policy, p);
        }
    }

    #[test]
    fn rules_too_many_to_compile_are_interpreted() {
        // Each of 300 named platforms would keep its own list of the 4,000
        // rules that cover every platform: past WORK_BUDGET.
        let mut b = Policy::builder();
        for i in 0..300 {
            let p: Platform = format!("p{i}").parse().unwrap();
            b = b
                .platform(p.clone())
                .data_rule(rule(format!("on-{i}"), Condition::Star(true)).on(p));
        }
        for i in 0..4_000 {
            b = b.data_rule(rule(format!("tag-{i}"), Condition::Tag(format!("t-{i}"))));
        }
        let policy = b.build().unwrap();
        assert!(policy.rule_index.is_none());
        assert_as_interpreted(&policy, &"p7".parse().unwrap());

        // A tenth of them compiles, each class a list of its rules.
        let mut b = Policy::builder();
        for i in 0..30 {
            let p: Platform = format!("p{i}").parse().unwrap();
            b = b
                .platform(p.clone())
                .data_rule(rule(format!("on-{i}"), Condition::Star(true)).on(p));
        }
        for i in 0..400 {
            b = b.data_rule(rule(format!("tag-{i}"), Condition::Tag(format!("t-{i}"))));
        }
        let policy = b.build().unwrap();
        assert!(policy.rule_index.is_some());
        assert_as_interpreted(&policy, &"p7".parse().unwrap());
        assert_as_interpreted(&policy, &"elsewhere".parse().unwrap());
    }

    /// The table of class `class` (LinkedIn, Twitter, Facebook, ...).
    fn table_of(policy: &Policy, class: usize) -> &[u32] {
        &policy.rule_index.as_deref().unwrap().classes[class].table
    }

    #[test]
    fn a_contact_without_names_settles_the_rules_that_name_one() {
        let policy = Policy::builder()
            .data_rule(rule("blocked", Condition::Tag("blocked".into())))
            .data_rule(rule("climber", Condition::Passion("climbing".into())))
            .data_rule(rule("vet", Condition::Profession("vet".into())))
            .build()
            .unwrap();
        let index = policy.rule_index.as_deref().unwrap();
        let request = |c: &Contact| -> Vec<(usize, bool)> {
            let r = Request::new(
                c,
                &Platform::LinkedIn,
                Direction::Incoming,
                &policy.settings,
            );
            match index.candidates(&r) {
                Candidates::None => vec![],
                Candidates::Sure(i) => vec![(i, true)],
                Candidates::List(list) => list.collect(),
            }
        };
        assert_eq!(request(&Contact::new("A")), []);
        assert_eq!(request(&Contact::new("A").with_tag("x")), [(0, false)]);
        assert_eq!(request(&Contact::new("A").with_passion("x")), [(1, false)]);
        assert_eq!(
            request(&Contact::new("A").with_profession("x")),
            [(2, false)]
        );
        assert_as_interpreted(&policy, &Platform::LinkedIn);
    }

    /// Facts that fill a key of [`MAX_KEY_BITS`] bits.
    fn twelve_bits_of_facts() -> Vec<Condition> {
        vec![
            Condition::Acquaintance(Acquaintance::MetInPerson),
            Condition::MyView(View::Positive),
            Condition::TheirView(View::Positive),
            Condition::Recruiter(false),
            Condition::Direction(Direction::Incoming),
            Condition::JobSeeking(false),
            Condition::Friend(true),
            Condition::Star(false),
        ]
    }

    #[test]
    fn a_presence_bit_without_room_in_the_key_is_left_out() {
        // Twelve bits of facts fill the key: the tag is checked on each
        // request instead.
        let mut wide = twelve_bits_of_facts();
        wide.push(Condition::Tag("t-3".into()));
        let wide = Condition::All(wide);
        let policy = Policy::builder()
            .data_rule(rule("wide", wide).on(Platform::LinkedIn))
            .build()
            .unwrap();
        assert_eq!(table_of(&policy, 0).len(), 1 << MAX_KEY_BITS);
        assert_as_interpreted(&policy, &Platform::LinkedIn);
    }

    #[test]
    fn a_key_that_settles_the_rule_needs_no_check() {
        let policy = Policy::builder()
            .data_rule(rule("skip", Condition::Star(true)).on(Platform::Twitter))
            .data_rule(rule("friend", Condition::Friend(true)).on(Platform::Twitter))
            .build()
            .unwrap();
        // Twitter's key is (friend, star), friend the low bit: star alone
        // decides, then friend; neither, no rule.
        assert_eq!(
            table_of(&policy, 1),
            [END, 1 | SURE, SURE, SURE],
            "each key names the deciding rule outright"
        );
        assert_eq!(table_of(&policy, 0), [END]);
    }

    #[test]
    fn a_class_reading_only_derived_facts_computes_them() {
        let all_four = Condition::All(vec![
            Condition::SharesProfession(true),
            Condition::InterestingProfession(true),
            Condition::SharesPassion(true),
            Condition::HasMessage(true),
        ]);
        let policy = Policy::builder()
            .profession("nurse")
            .interesting_profession("nurse")
            .passion("chess")
            .data_rule(rule("all-four", all_four).on(Platform::Twitter))
            .build()
            .unwrap();
        assert_eq!(
            policy.rule_index.as_deref().unwrap().classes[1].mask,
            SHARES_PROFESSION | INTERESTING_PROFESSION | SHARES_PASSION | HAS_MESSAGE
        );
        let c = Contact::new("A")
            .with_profession("Nurse")
            .with_passion("chess")
            .with_message("hi");
        let r = Request::new(
            &c,
            &Platform::Twitter,
            Direction::Incoming,
            &policy.settings,
        );
        assert_eq!(policy.decide(&r).1.id(), "all-four");
    }

    #[test]
    fn a_condition_costs_its_nodes_reads_its_facts_and_names_its_platforms() {
        let mut named = Vec::new();
        let p: Platform = "mastodon".parse().unwrap();
        let cond = Condition::Any(vec![
            Condition::Not(Box::new(Condition::Star(true))),
            Condition::All(vec![
                Condition::Platform(p.clone()),
                Condition::Friend(true),
            ]),
        ]);
        assert_eq!(survey(&cond, &mut named), (6, STAR | FRIEND));
        assert_eq!(named, [p]);
    }

    #[test]
    fn classes_share_one_budget() {
        // A rule on every platform reading twelve bits of facts, and 150
        // that read none: each built-in class costs 4,096 keys times 159
        // nodes, about 0.6 of WORK_BUDGET. LinkedIn's fits; Twitter's would
        // pass the budget, so it keeps its list of rules.
        let wide = Condition::All(twelve_bits_of_facts());
        let mut b = Policy::builder().data_rule(rule("wide", wide));
        for i in 0..150 {
            b = b.data_rule(rule(
                format!("mutual-{i}"),
                Condition::MutualConnectionsAtLeast(i),
            ));
        }
        let policy = b.build().unwrap();
        assert_eq!(table_of(&policy, 0).len(), 1 << MAX_KEY_BITS);
        assert_eq!(table_of(&policy, 1).len(), 1);
        for p in [Platform::LinkedIn, Platform::Twitter] {
            assert_as_interpreted(&policy, &p);
        }
    }

    #[test]
    fn a_list_yields_its_rules_in_order_and_stops_at_its_end() {
        let pool = [2 << 1, 5 << 1 | 1, END, 7 << 1];
        // `take`: a list that never ends fails here rather than hangs.
        let from = |next| List { pool: &pool, next }.take(4).collect::<Vec<_>>();
        assert_eq!(from(0), [(2, false), (5, true)]);
        assert_eq!(from(1), [(5, true)]);
        assert_eq!(from(2), []);
        assert_eq!(from(3), [(7, false)]);
    }

    #[test]
    fn fact_words_round_trip() {
        for (i, a) in Acquaintance::ALL.into_iter().enumerate() {
            assert_eq!(a as usize, i);
        }
        for (i, v) in View::ALL.into_iter().enumerate() {
            assert_eq!(v as usize, i);
        }
        for (i, d) in Direction::ALL.into_iter().enumerate() {
            assert_eq!(d as usize, i);
        }
        let mask = MY_VIEW | RECRUITER | DIRECTION | STAR | HAS_MESSAGE;
        let segs = segments(mask);
        assert_eq!(segs.len(), 4);
        for key in 0..1 << mask.count_ones() {
            let word = deposit(key, mask);
            assert_eq!(word & !mask, 0);
            let packed = segs
                .iter()
                .fold(0, |k, s| k | ((word >> s.shift) & s.mask) << s.to);
            assert_eq!(packed, key);
        }
    }
}
