//! Validating a policy: rule ids, lengths, declared platforms and
//! conditions, each mistake a [`PolicyError`] naming the rule and the
//! field. The builder checks what is built in code with it, and the
//! document reader what a policy document holds, as it reads it.

use std::collections::HashSet;

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::condition::{Condition, Value, ValueType};
use crate::error::{Location, PolicyError, PolicyErrorKind};
use crate::names::{ExampleField, Name, PolicyField, RuleField, nearest};
use crate::platform::Platform;
use crate::policy_example::Example;
use crate::rules::DataRule;
use crate::settings::Settings;
use crate::text::{cut, fold};

use super::Policy;

/// An id as echoed in an error: ids may come from a file of any size.
pub(crate) fn truncate(s: &str) -> String {
    cut(s, Policy::MAX_ID_LEN + 16)
}

/// The error for switching off `id`, which no built-in rule has: read
/// from a document or given to the builder alike.
pub(crate) fn unknown_builtin_rule(id: &str) -> PolicyErrorKind {
    PolicyErrorKind::UnknownBuiltinRule {
        id: truncate(id),
        suggestion: nearest(id, BuiltinRule::ALL.map(BuiltinRule::id)),
    }
}

/// The user-named platforms a policy declares, for checking the rules.
pub(crate) type Declared = HashSet<Platform>;

/// Checks a rule's id (well formed, not reserved, not taken by an earlier
/// rule in `seen`) and returns where the rule is, for later errors.
pub(crate) fn check_rule_id(
    id: &str,
    position: usize,
    seen: &mut HashSet<String>,
) -> Result<Location, PolicyError> {
    let field = RuleField::Id.name();
    let bad_char = invalid_id_char(id);
    if bad_char.is_some() || !valid_id(id) {
        // The rule is named by the id it has when that id is plain ASCII;
        // else by its position, so that no look-alike, invisible or
        // bidirectional character reaches the message.
        let at = if !id.is_empty() && id.chars().all(|c| c == ' ' || c.is_ascii_graphic()) {
            Location::Rule(truncate(id))
        } else {
            Location::RuleAt(position)
        };
        return Err(PolicyError::new(
            at,
            field,
            PolicyErrorKind::InvalidRuleId {
                character: bad_char,
            },
        ));
    }
    let at = Location::Rule(id.to_owned());
    if let Some(namespace) = reserved(id) {
        return Err(PolicyError::new(
            at,
            field,
            PolicyErrorKind::ReservedRuleId { namespace },
        ));
    }
    if !seen.insert(id.to_owned()) {
        return Err(PolicyError::new(
            at,
            field,
            PolicyErrorKind::DuplicateRuleId,
        ));
    }
    Ok(at)
}

/// Whether a user rule may have this id: 1 to [`Policy::MAX_ID_LEN`] ASCII
/// letters, digits, `-`, `_` or `.`, so that no id can look like another
/// (no homoglyphs, no invisible or bidirectional characters).
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= Policy::MAX_ID_LEN && invalid_id_char(id).is_none()
}

fn invalid_id_char(id: &str) -> Option<char> {
    id.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

/// Whether an id is reserved for the built-in rules, whatever its case and
/// however it spells the platform: `Some(None)` for a built-in rule's id or
/// `fallback`, `Some(namespace)` for another id in a built-in rule's
/// namespace, such as `linkedin.`, `x.` (Twitter's other name) or
/// `.facebook.` (leading dots read as none).
fn reserved(id: &str) -> Option<Option<&'static str>> {
    let id = id.trim_start_matches('.').to_ascii_lowercase();
    if id == FALLBACK_ID || BuiltinRule::from_id(&id).is_some() {
        return Some(None);
    }
    let (platform, _) = id.split_once('.')?;
    let platform = platform.parse::<Platform>().ok()?.builtin_index()?;
    BuiltinRule::NAMESPACES.get(platform).copied().map(Some)
}

pub(crate) fn check_len(
    s: &str,
    limit: usize,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<(), PolicyError> {
    // Count only as far as the limit: strings may be huge.
    if s.chars().nth(limit).is_some() {
        return Err(PolicyError::new(
            at.clone(),
            field(),
            PolicyErrorKind::TooLong { limit },
        ));
    }
    Ok(())
}

pub(super) fn check_settings(settings: &Settings) -> Result<(), PolicyError> {
    let at = Location::Policy;
    let limit = Policy::MAX_TEXT_LEN;
    if let Some(p) = &settings.profession {
        check_len(p, limit, &at, || PolicyField::Profession.name().into())?;
    }
    let lists = [
        (
            PolicyField::InterestingProfessions,
            &settings.interesting_professions,
        ),
        (PolicyField::Passions, &settings.passions),
    ];
    for (field, list) in lists {
        for (i, p) in list.iter().enumerate() {
            check_len(p, limit, &at, || format!("{}[{i}]", field.name()))?;
        }
    }
    Ok(())
}

/// Validates a data rule and folds its strings, once.
pub(crate) fn prepare_rule(
    rule: &mut DataRule,
    at: &Location,
    declared: Option<&Declared>,
) -> Result<(), PolicyError> {
    check_len(&rule.reason, Policy::MAX_REASON_LEN, at, || {
        RuleField::Reason.name().into()
    })?;
    let mut bits = 0;
    if let Some(list) = &mut rule.platforms {
        let field = RuleField::Platforms.name();
        if list.is_empty() {
            return Err(PolicyError::new(at.clone(), field, PolicyErrorKind::Empty));
        }
        let mut unique = HashSet::with_capacity(list.len());
        list.retain(|p| unique.insert(p.clone()));
        for (i, p) in list.iter().enumerate() {
            check_declared(p, declared, at, || format!("{field}[{i}]"))?;
            bits |= p.builtin_bit();
        }
    }
    rule.builtin_bits = bits;
    if let Some(when) = &mut rule.when {
        prepare_condition(when, at, RuleField::When.name(), declared)?;
    }
    Ok(())
}

/// Checks the examples: how many, their names, and that their platforms
/// are declared when `required`, or when an example was read alone. The
/// rule an example expects is checked with the example, by
/// `check_examples`: a policy loaded from a file may gain its Rust rules
/// later.
pub(super) fn check_examples(
    examples: &[Example],
    declared: &Declared,
    required: bool,
) -> Result<(), PolicyError> {
    if examples.len() > Policy::MAX_EXAMPLES {
        return Err(PolicyError::new(
            Location::Policy,
            PolicyField::Examples.name(),
            PolicyErrorKind::TooManyExamples {
                limit: Policy::MAX_EXAMPLES,
            },
        ));
    }
    for (i, example) in examples.iter().enumerate() {
        let at = Location::Example(i + 1);
        if let Some(name) = &example.name {
            check_len(name, Policy::MAX_REASON_LEN, &at, || {
                ExampleField::Name.name().into()
            })?;
        }
        let declared = (required || example.read_alone).then_some(declared);
        check_declared(&example.platform, declared, &at, || {
            ExampleField::Platform.name().into()
        })?;
    }
    Ok(())
}

pub(crate) fn check_declared(
    platform: &Platform,
    declared: Option<&Declared>,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<(), PolicyError> {
    match declared {
        Some(set) if platform.is_user_named() && !set.contains(platform) => Err(PolicyError::new(
            at.clone(),
            field(),
            PolicyErrorKind::UndeclaredPlatform {
                name: platform.to_string(),
                // The nearest name the user declared, or a built-in one.
                suggestion: nearest(
                    platform.as_str(),
                    set.iter().chain(&Platform::BUILTIN).map(Platform::as_str),
                )
                .map(str::to_owned),
            },
        )),
        Some(_) | None => Ok(()),
    }
}

/// Checks depth, emptiness, platforms and lengths, and folds strings, in
/// one walk that stops at the first mistake, so that even a condition built
/// deeper than [`Policy::MAX_DEPTH`] in code cannot overflow the stack.
/// `path` names `cond` in errors, such as `when`.
pub(crate) fn prepare_condition(
    cond: &mut Condition,
    at: &Location,
    path: &str,
    declared: Option<&Declared>,
) -> Result<(), PolicyError> {
    cond.try_walk_mut(|cond, steps| {
        // The field that names `cond`, such as `when.all[0].not`.
        let here = || {
            let mut field = path.to_owned();
            for step in steps {
                field.push('.');
                field.push_str(step.key.name());
                if let Some(i) = step.index {
                    field.push_str(&format!("[{i}]"));
                }
            }
            field
        };
        if steps.len() >= Policy::MAX_DEPTH {
            return Err(PolicyError::new(
                at.clone(),
                here(),
                PolicyErrorKind::TooDeep {
                    limit: Policy::MAX_DEPTH,
                },
            ));
        }
        let key = cond.condition_key();
        let field = || format!("{}.{}", here(), key.name());
        match cond.value() {
            Value::List([]) => {
                return Err(PolicyError::new(
                    at.clone(),
                    field(),
                    PolicyErrorKind::Empty,
                ));
            }
            Value::Platform(p) => check_declared(p, declared, at, field)?,
            Value::Text(text) => {
                // Measured once folded, as settings are: lowercasing may
                // lengthen a string, and the limit is on what is stored.
                let Some(folded) = fold(text) else {
                    return Err(PolicyError::new(
                        at.clone(),
                        field(),
                        PolicyErrorKind::Empty,
                    ));
                };
                check_len(&folded, Policy::MAX_TEXT_LEN, at, field)?;
                // The same condition, holding the folded text.
                if let ValueType::Text(with) = key.value_type() {
                    *cond = with(folded.into());
                }
            }
            // Their parts are visited on their own.
            Value::List(_) | Value::Nested(_) => {}
            // Nothing to check: a value read whole when it was given.
            Value::Bool(_)
            | Value::Count(_)
            | Value::Direction(_)
            | Value::Acquaintance(_)
            | Value::View(_) => {}
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Decision;

    #[test]
    fn builtin_ids_cannot_be_reused() {
        let rule = DataRule::always("linkedin.not-met", Decision::Accept, "");
        let err = Policy::builder().data_rule(rule).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "rule `linkedin.not-met`: field `id`: the id is reserved for a built-in rule"
        );
    }

    #[test]
    fn depth_limit_is_exact() {
        let mut cond = Condition::Star(true);
        for _ in 1..Policy::MAX_DEPTH {
            cond = Condition::Not(Box::new(cond));
        }
        let ok = DataRule::new("ok", cond.clone(), Decision::Accept, "");
        assert!(Policy::builder().data_rule(ok).build().is_ok());
        let deep = DataRule::new("deep", Condition::Not(Box::new(cond)), Decision::Accept, "");
        assert!(matches!(
            Policy::builder().data_rule(deep).build(),
            Err(e) if matches!(e.kind(), PolicyErrorKind::TooDeep { .. })
        ));
    }

    #[test]
    fn condition_strings_are_folded_at_build() {
        let rule = DataRule::new("t", Condition::Tag(" VIP ".into()), Decision::Accept, "");
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let rule = policy.data_rules().next().unwrap();
        assert_eq!(rule.condition(), Some(&Condition::Tag("vip".into())));
    }
}
