//! One walk over a condition's tree, for every job that visits its parts
//! without caring how they combine: with a stack of its own rather than
//! recursion, so that no depth can overflow the stack.
//!
//! The shape of the tree is said in two small matches, which conditions
//! hold others ([`Condition::children`]) and the same to change or take
//! them apart ([`Condition::children_mut`]), both tested against what each
//! condition key holds. A job that differs per kind of fact matches on the
//! condition, or on its [`Value`], itself.

use crate::names::ConditionKey;
use crate::platform::Platform;

use super::{Condition, Value};

impl Condition {
    /// The conditions directly inside this one: the items of `all` and
    /// `any`, the condition of `not`; none for a fact.
    pub(crate) fn children(&self) -> &[Condition] {
        match self.value() {
            Value::List(list) => list,
            Value::Nested(inner) => std::slice::from_ref(inner),
            // A fact's value: a bool, a count, a name. A new kind of value
            // that holds conditions fails the test below that walks a
            // condition of every key.
            _ => &[],
        }
    }

    /// [`Condition::children`], to change or take them.
    pub(crate) fn children_mut(&mut self) -> &mut [Condition] {
        match self {
            Condition::All(list) | Condition::Any(list) => list,
            Condition::Not(inner) => std::slice::from_mut(inner),
            // A fact, as `children` says: a test holds the two to agree for
            // every key.
            _ => &mut [],
        }
    }

    /// Every condition within this one, itself first, in the order
    /// written, each with the condition it is directly inside (`None` for
    /// this one).
    pub(crate) fn walk(&self) -> Walk<'_> {
        Walk {
            stack: vec![(self, None)],
        }
    }

    /// Every condition within this one, itself first, in the order
    /// written.
    pub(crate) fn nodes(&self) -> impl Iterator<Item = &Condition> {
        self.walk().map(|(node, _)| node)
    }

    /// The platform this condition names, if it is `platform = ...`.
    pub(crate) fn named_platform(&self) -> Option<&Platform> {
        if let Condition::Platform(platform) = self {
            Some(platform)
        } else {
            None
        }
    }

    /// Visits every condition within this one, itself first, in the order
    /// written, each with the [`Step`]s that lead to it from this one;
    /// stops at the first error `visit` returns. `visit` may change a
    /// condition: the walk goes on into its children as they then are.
    pub(crate) fn try_walk_mut<E>(
        &mut self,
        mut visit: impl FnMut(&mut Condition, &[Step]) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut trail: Vec<Step> = Vec::new();
        // Each condition to visit, with how many steps lead to it and the
        // last of them.
        let mut stack: Vec<(&mut Condition, usize, Option<Step>)> = vec![(self, 0, None)];
        while let Some((node, depth, step)) = stack.pop() {
            trail.truncate(depth.saturating_sub(1));
            trail.extend(step);
            visit(node, &trail)?;
            let key = node.condition_key();
            let listed = matches!(node.value(), Value::List(_));
            let children = node.children_mut();
            for (i, child) in children.iter_mut().enumerate().rev() {
                let step = Step {
                    key,
                    index: listed.then_some(i),
                };
                stack.push((child, depth + 1, Some(step)));
            }
        }
        Ok(())
    }
}

/// A step from a condition into one of its children: the key of the
/// condition (`all`, `any`, `not`) and, in a list, the child's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub(crate) key: ConditionKey,
    pub(crate) index: Option<usize>,
}

/// The walk of [`Condition::walk`].
#[derive(Debug)]
pub(crate) struct Walk<'a> {
    /// The conditions still to visit, the next on top, each with its parent.
    stack: Vec<(&'a Condition, Option<&'a Condition>)>,
}

impl<'a> Iterator for Walk<'a> {
    type Item = (&'a Condition, Option<&'a Condition>);

    fn next(&mut self) -> Option<Self::Item> {
        let (node, parent) = self.stack.pop()?;
        let children = node.children().iter().rev();
        self.stack.extend(children.map(|child| (child, Some(node))));
        Some((node, parent))
    }
}

/// Dropping takes apart nested conditions with the stack of a walk rather
/// than by recursion, so that a condition built in code millions of levels
/// deep (which no policy accepts) can still be dropped without overflowing
/// the stack.
impl Drop for Condition {
    fn drop(&mut self) {
        let mut stack: Vec<Condition> = Vec::new();
        take_nested(self, &mut stack);
        while let Some(mut condition) = stack.pop() {
            take_nested(&mut condition, &mut stack);
            // `condition` now holds no condition with children of its own,
            // so dropping it recurses at most one level.
        }
    }
}

/// Moves the children of `condition` that have children of their own into
/// `stack`; a leaf, which holds no heap memory, takes each one's place.
fn take_nested(condition: &mut Condition, stack: &mut Vec<Condition>) {
    for child in condition.children_mut() {
        if !child.children().is_empty() {
            stack.push(std::mem::replace(child, Condition::Star(false)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::Name;

    /// `children` and `children_mut` find the conditions a condition of
    /// every key holds, and `walk` visits a tree in the order written.
    #[test]
    fn the_walk_visits_every_condition_in_order() {
        use super::super::ValueType;
        for key in ConditionKey::ALL {
            let mut one = match key.value_type() {
                ValueType::List(make) => make(vec![Condition::Star(true), Condition::Friend(true)]),
                ValueType::Nested(make) => make(Box::new(Condition::Star(true))),
                ValueType::Bool(make) => make(true),
                ValueType::Text(make) => make("x".into()),
                ValueType::Count(make) => make(1),
                ValueType::Platform(make) => make(Platform::LinkedIn),
                ValueType::Direction(make) => make(crate::platform::Direction::Incoming),
                ValueType::Acquaintance(make) => make(crate::contact::Acquaintance::Never),
                ValueType::View(make) => make(crate::contact::View::Unknown),
            };
            let held = match key.value_type() {
                ValueType::List(_) => 2,
                ValueType::Nested(_) => 1,
                _ => 0,
            };
            assert_eq!(one.children().len(), held, "{}", key.name());
            assert_eq!(one.children_mut().len(), held, "{}", key.name());
        }
        let tree = Condition::Any(vec![
            Condition::Not(Box::new(Condition::Star(true))),
            Condition::All(vec![Condition::Friend(true), Condition::Tag("t".into())]),
        ]);
        let keys: Vec<&str> = tree.nodes().map(Condition::key).collect();
        assert_eq!(keys, ["any", "not", "star", "all", "friend", "tag"]);
        let parents: Vec<Option<&str>> = tree.walk().map(|(_, p)| p.map(Condition::key)).collect();
        assert_eq!(
            parents,
            [
                None,
                Some("any"),
                Some("not"),
                Some("any"),
                Some("all"),
                Some("all")
            ]
        );
    }

    /// The mutable walk gives each condition the steps that lead to it.
    #[test]
    fn the_mutable_walk_knows_the_way_to_each_condition() {
        let mut tree = Condition::Any(vec![
            Condition::Not(Box::new(Condition::Star(true))),
            Condition::All(vec![Condition::Friend(true), Condition::Tag("t".into())]),
        ]);
        let mut seen = Vec::new();
        let done: Result<(), ()> = tree.try_walk_mut(|node, trail| {
            let path: String = trail
                .iter()
                .map(|s| match s.index {
                    Some(i) => format!(".{}[{i}]", s.key.name()),
                    None => format!(".{}", s.key.name()),
                })
                .collect();
            seen.push(format!("{}{path}", node.key()));
            Ok(())
        });
        assert_eq!(done, Ok(()));
        assert_eq!(
            seen,
            [
                "any",
                "not.any[0]",
                "star.any[0].not",
                "all.any[1]",
                "friend.any[1].all[0]",
                "tag.any[1].all[1]"
            ]
        );
        let stopped =
            tree.try_walk_mut(|node, _| if node.key() == "not" { Err(()) } else { Ok(()) });
        assert_eq!(stopped, Err(()));
    }
}
