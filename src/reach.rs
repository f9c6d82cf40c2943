//! Which platforms each user rule can apply on, found once when a policy
//! is built: so that the compiled table and the analyses of one platform
//! look only at the rules that can apply there, and a policy of many
//! rules, each on a platform of its own, costs in proportion to its size
//! rather than its rules times its platforms.

use std::collections::{HashMap, HashSet};

use crate::condition::Condition;
use crate::platform::Platform;

use crate::rules::DataRule;

/// The user rules by the platforms they can apply on, as indices into the
/// policy's rules, each list in the order the rules are tried.
#[derive(Debug, Default)]
pub(crate) struct RuleReach {
    /// The rules that may apply on any platform (rules written in Rust
    /// among them: what they read is opaque).
    pub(crate) everywhere: Vec<usize>,
    /// For each platform, the rules that can apply only on a few platforms,
    /// this one among them.
    pub(crate) only: HashMap<Platform, Vec<usize>>,
}

impl RuleReach {
    /// Sorts a policy's user rules by reach, each a data rule or `None`
    /// for a rule written in Rust: linear in their size.
    pub(crate) fn new<'r>(rules: impl IntoIterator<Item = Option<&'r DataRule>>) -> RuleReach {
        let mut reach = RuleReach::default();
        for (i, rule) in rules.into_iter().enumerate() {
            let Some(rule) = rule else {
                reach.everywhere.push(i);
                continue;
            };
            let listed: Option<Vec<&Platform>> =
                rule.platforms.as_ref().map(|l| l.iter().collect());
            let possible = rule.when.as_ref().and_then(possible_platforms);
            // Both bounds hold: a rule reaches only the platforms of its
            // list (which the compiled table relies on) where its condition
            // can hold.
            let bound = match (listed, possible) {
                (Some(a), Some(b)) => Some(intersection(a, b)),
                (a, b) => a.or(b),
            };
            match bound {
                None => reach.everywhere.push(i),
                Some(platforms) => {
                    for platform in platforms {
                        let on = reach.only.entry(platform.clone()).or_default();
                        if on.last() != Some(&i) {
                            on.push(i);
                        }
                    }
                }
            }
        }
        reach
    }

    /// The rules that can apply on `platform`, in order: those on every
    /// platform merged with its own.
    pub(crate) fn on(&self, platform: &Platform) -> Vec<usize> {
        let own = self.only.get(platform).map_or(&[][..], Vec::as_slice);
        let mut out = Vec::with_capacity(self.everywhere.len() + own.len());
        let (mut a, mut b) = (self.everywhere.iter().peekable(), own.iter().peekable());
        while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
            if x < y {
                out.push(x);
                a.next();
            } else {
                out.push(y);
                b.next();
            }
        }
        out.extend(a.chain(b));
        out
    }
}

/// The platforms in both `a` and `b`, in the time of their lengths.
fn intersection<'p>(a: Vec<&'p Platform>, b: Vec<&'p Platform>) -> Vec<&'p Platform> {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let large: HashSet<&Platform> = large.into_iter().collect();
    small.into_iter().filter(|p| large.contains(p)).collect()
}

/// The platforms on which `condition` can hold, possibly with repeats and
/// some on which it cannot; `None` when it can hold on any platform. Linear
/// in the condition's size: `all` keeps its smallest bound rather than
/// intersecting them.
fn possible_platforms(condition: &Condition) -> Option<Vec<&Platform>> {
    match condition {
        Condition::Platform(platform) => Some(vec![platform]),
        Condition::All(list) => list
            .iter()
            .filter_map(possible_platforms)
            .min_by_key(Vec::len),
        Condition::Any(list) => {
            let mut union = Vec::new();
            for c in list {
                union.extend(possible_platforms(c)?);
            }
            Some(union)
        }
        // `not platform = x` holds on every other platform.
        Condition::Not(_)
        | Condition::Direction(_)
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
        | Condition::Profession(_)
        | Condition::SharesProfession(_)
        | Condition::InterestingProfession(_)
        | Condition::Passion(_)
        | Condition::SharesPassion(_)
        | Condition::Tag(_)
        | Condition::MutualConnectionsAtLeast(_)
        | Condition::HasMessage(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DataRule, Decision};

    fn platform(name: &str) -> Platform {
        name.parse().unwrap_or(Platform::LinkedIn)
    }

    fn rule(id: &str, when: Condition) -> DataRule {
        DataRule::new(id, when, Decision::Accept, "")
    }

    #[test]
    fn a_rule_reaches_the_platforms_its_condition_or_list_allows() {
        let (a, b) = (platform("alpha"), platform("beta"));
        let rules = [
            rule("any", Condition::Tag("t".into())),
            rule(
                "a",
                Condition::All(vec![
                    Condition::Tag("t".into()),
                    Condition::Platform(a.clone()),
                ]),
            ),
            rule(
                "not-a",
                Condition::Not(Box::new(Condition::Platform(a.clone()))),
            ),
            rule(
                "a-or-b",
                Condition::Any(vec![
                    Condition::Platform(a.clone()),
                    Condition::Platform(b.clone()),
                ]),
            ),
            rule(
                "a-or-tag",
                Condition::Any(vec![
                    Condition::Platform(a.clone()),
                    Condition::Tag("t".into()),
                ]),
            ),
            rule("listed-b", Condition::Platform(a.clone())).on(b.clone()),
            rule("nowhere", Condition::Any(vec![])),
        ];
        let reach = RuleReach::new(rules.iter().map(Some));
        assert_eq!(reach.on(&a), [0, 1, 2, 3, 4]);
        // `listed-b` is on beta alone, where it needs alpha: it reaches
        // neither.
        assert_eq!(reach.on(&b), [0, 2, 3, 4]);
        assert_eq!(reach.on(&Platform::Twitter), [0, 2, 4]);
    }
}
