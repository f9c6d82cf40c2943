//! The names the rules tell apart, gathered in one pass over the policies:
//! platforms, professions, mutual-connection thresholds, and passions and
//! tags, those the rules only ever read together grouped into one variable
//! (see [`NameGroup`]).

use std::collections::HashMap;
use std::hash::Hash;

use crate::condition::{Condition, Value};
use crate::names::ConditionKey;
use crate::platform::Platform;
use crate::policy::Policy;

/// How a [`NameGroup`] of several names is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(in crate::analysis) enum GroupReading {
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
pub(in crate::analysis) struct NameGroup {
    /// The names, in the order the policy mentions them; at least one.
    pub(in crate::analysis) names: Vec<Box<str>>,
    /// Whether the variable is "has any of them" or "has all of them" (the
    /// same thing for a single name).
    pub(in crate::analysis) reading: GroupReading,
}

impl NameGroup {
    /// Whether a contact who has the names for which `has` is true has
    /// the group.
    pub(super) fn is_met(&self, has: impl Fn(&str) -> bool) -> bool {
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
/// space takes in [`Place::Any`] ([`Model::shares_passion`](super::Model::shares_passion) reads it as an
/// `any` list): `k`, since no list lives at so low an address. Each policy
/// has its own, so that passions only one policy's settings hold are told
/// apart from those of the other.
fn shared_passions(k: usize) -> usize {
    k
}

/// Every place each passion or tag is mentioned, names in the order first
/// mentioned.
pub(super) struct Mentions {
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
pub(super) struct Groups {
    /// The groups, in the order of their first names.
    pub(super) groups: Vec<NameGroup>,
    /// Each name's group.
    pub(super) group_of: HashMap<Box<str>, usize>,
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
    pub(super) fn into_groups(self) -> Groups {
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
pub(super) struct Numbered<T> {
    /// The items, in the order added.
    pub(super) items: Vec<T>,
    /// Each item's position in `items`.
    pub(super) index: HashMap<T, usize>,
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
pub(super) struct Vocabulary {
    pub(super) platforms: Numbered<Platform>,
    pub(super) professions: Numbered<Box<str>>,
    pub(super) passions: Mentions,
    pub(super) tags: Mentions,
    pub(super) thresholds: Vec<u32>,
}

impl Vocabulary {
    /// The platforms, professions, passions, tags and thresholds of
    /// `policies` (the names either mentions), with `extra` among the
    /// platforms.
    pub(super) fn collect(policies: &[&Policy], extra: Option<&Platform>) -> Vocabulary {
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
