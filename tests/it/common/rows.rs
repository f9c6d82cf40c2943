//! A decision table's or a diff's rows as rules, read as a host reads
//! them: [`host_condition`] builds a row's condition from its cells' keys
//! and values alone (not from `TableRow::condition`), and [`RowRules`]
//! says which row's condition holds for a request, checking that no other
//! does.

use acquaint::{
    Condition, Contact, DataRule, Decision, Direction, FactCell, FactValue, Platform, Policy,
};

/// A cell as a condition, from its key, its values and whether it is
/// negated or needs all of them, as a program reading the JSON builds
/// one; `None` when the fact does not matter for the row.
pub fn cell_condition(cell: &FactCell<'_>) -> Option<Condition> {
    if cell.is_any() {
        assert!(cell.values().is_empty(), "{cell:?}");
        return None;
    }
    let key = cell.key();
    let values: Vec<Condition> = cell
        .values()
        .into_iter()
        .map(|value| match (key, value) {
            ("platform", FactValue::Platform(p)) => Condition::Platform(p.clone()),
            ("direction", FactValue::Direction(d)) => Condition::Direction(d),
            ("job-seeking", FactValue::Bool(b)) => Condition::JobSeeking(b),
            ("recruiter", FactValue::Bool(b)) => Condition::Recruiter(b),
            ("friend", FactValue::Bool(b)) => Condition::Friend(b),
            ("star", FactValue::Bool(b)) => Condition::Star(b),
            ("facebook-friend", FactValue::Bool(b)) => Condition::FacebookFriend(b),
            ("has-message", FactValue::Bool(b)) => Condition::HasMessage(b),
            ("acquaintance", FactValue::Acquaintance(a)) => Condition::Acquaintance(a),
            ("my-view", FactValue::View(v)) => Condition::MyView(v),
            ("their-view", FactValue::View(v)) => Condition::TheirView(v),
            ("profession", FactValue::Text(t)) => Condition::Profession(t.into()),
            ("passion", FactValue::Text(t)) => Condition::Passion(t.into()),
            ("tag", FactValue::Text(t)) => Condition::Tag(t.into()),
            ("mutual-connections-at-least", FactValue::MutualConnections { at_least, below }) => {
                let mut range = vec![Condition::MutualConnectionsAtLeast(at_least)];
                if let Some(below) = below {
                    let reached = Condition::MutualConnectionsAtLeast(below);
                    range.push(Condition::Not(Box::new(reached)));
                }
                Condition::All(range)
            }
            (key, value) => panic!("{value:?} is not a value of `{key}`"),
        })
        .collect();
    assert!(!values.is_empty(), "{cell:?}");
    let joined = if cell.needs_all() {
        Condition::All(values)
    } else {
        Condition::Any(values)
    };
    Some(if cell.is_negated() {
        Condition::Not(Box::new(joined))
    } else {
        joined
    })
}

/// A row as a condition, from its cells as [`cell_condition`] reads them:
/// `None` when every fact is `any`.
pub fn host_condition<'r>(cells: impl Iterator<Item = FactCell<'r>>) -> Option<Condition> {
    let all: Vec<Condition> = cells.filter_map(|c| cell_condition(&c)).collect();
    (!all.is_empty()).then_some(Condition::All(all))
}

/// Two policies whose rules are rows' conditions, `row-0`, `row-1`, ...,
/// one trying them first to last and the other last to first, so that
/// together they tell which row's condition holds for a request and
/// whether another does too.
pub struct RowRules {
    forward: Policy,
    backward: Policy,
}

impl RowRules {
    /// Policies for the conditions of rows, in order, with job seeking
    /// `js` (a row may read it).
    pub fn new(conditions: impl IntoIterator<Item = Option<Condition>>, js: bool) -> RowRules {
        let rules: Vec<DataRule> = conditions
            .into_iter()
            .enumerate()
            .map(|(i, condition)| {
                let id = format!("row-{i}");
                match condition {
                    Some(when) => DataRule::new(id, when, Decision::Accept, ""),
                    None => DataRule::always(id, Decision::Accept, ""),
                }
            })
            .collect();
        let policy = |rules: Vec<DataRule>| {
            let mut builder = Policy::builder().job_seeking(js);
            for rule in rules {
                builder = builder.data_rule(rule);
            }
            builder.build().unwrap()
        };
        RowRules {
            forward: policy(rules.clone()),
            backward: policy(rules.into_iter().rev().collect()),
        }
    }

    /// The row whose condition holds for the request, if one does; panics
    /// when several do.
    pub fn row(
        &self,
        contact: &Contact,
        platform: &Platform,
        direction: Direction,
    ) -> Option<usize> {
        let row = |policy: &Policy| {
            let verdict = policy.evaluate(contact, platform, direction);
            let id = verdict.rule_id().strip_prefix("row-")?;
            Some(id.parse::<usize>().unwrap())
        };
        let (first, last) = (row(&self.forward), row(&self.backward));
        assert_eq!(
            first, last,
            "the conditions of rows {first:?} and {last:?} both hold for {contact:?} on {platform} ({direction})"
        );
        first
    }
}
