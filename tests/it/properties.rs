//! The philosophy's promises, as property tests: each test is named after
//! the part of the philosophy it protects.
//!
//! Case counts: `PROPTEST_CASES` when set (CI sets 64), else the count
//! given to `strategies::cases`.

use crate::strategies::*;
use acquaint::{
    Acquaintance, BuiltinRule, Contact, DataRule, Decision, Direction, Platform, Policy,
    VerdictRecord, View,
};
use proptest::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

const LINKEDIN: Platform = Platform::LinkedIn;

proptest! {
    #![proptest_config(cases(512))]

    /// Evaluation is pure: the same inputs give the same verdict, every
    /// time, through every entry point; and it never panics, whatever the
    /// policy, contact, platform and direction.
    #[test]
    fn evaluation_is_deterministic_and_never_panics(
        spec in policy(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = spec.build();
        let again = spec.build();
        let first = policy.evaluate(&contact, &platform, direction);
        let second = policy.evaluate(&contact, &platform, direction);
        let rebuilt = again.evaluate(&contact, &platform, direction);
        let free = acquaint::evaluate(&policy, &contact, &platform, direction);
        let batch: Vec<VerdictRecord> = policy
            .evaluate_all([(&contact, &platform, direction), (&contact, &platform, direction)])
            .map(|v| v.to_record())
            .collect();
        let record = first.to_record();
        prop_assert_eq!(&record, &second.to_record());
        prop_assert_eq!(&record, &rebuilt.to_record());
        prop_assert_eq!(&record, &free.to_record());
        prop_assert_eq!(&batch, &[record.clone(), record.clone()]);
        prop_assert_eq!(first.to_string(), second.to_string());
        prop_assert!(!record.explanation.trim().is_empty(), "empty explanation: {record:?}");
        prop_assert_eq!(record.reply.is_some(), record.decision == Decision::MeetFirst);
        prop_assert_eq!(first.is_fallback(), record.rule == "fallback");
        prop_assert_eq!(first.builtin_rule().map(BuiltinRule::id), BuiltinRule::from_id(&record.rule).map(BuiltinRule::id));
    }

    /// The policy decides as the plainly written model says: user rules
    /// first, in order (data and Rust alike), then the enabled built-in
    /// rules of the platform, then the fallback.
    #[test]
    fn the_first_rule_that_applies_decides(
        spec in policy(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = spec.build();
        let verdict = policy.evaluate(&contact, &platform, direction);
        let (id, decision) = model_decide(&spec, policy.settings(), &contact, &platform, direction);
        prop_assert_eq!(verdict.rule_id(), id.as_str());
        prop_assert_eq!(verdict.decision(), decision);
        if let Some(rule) = spec.rules.iter().find(|r| r.rule.id() == id && !r.in_rust) {
            // A data rule's explanation starts with its reason, or says
            // which rule applied when the reason is blank.
            let explanation = verdict.explanation();
            let reason = rule.rule.reason().trim();
            let opening = if reason.is_empty() { format!("Rule `{id}` applies") } else { reason.to_owned() };
            prop_assert!(explanation.starts_with(&opening), "{explanation:?} should start with {opening:?}");
        }
    }
}

proptest! {
    #![proptest_config(cases(256))]

    /// User rules come before the built-in ones: a rule placed first always
    /// decides when its condition holds on its platforms, and never when it
    /// does not.
    #[test]
    fn a_user_rule_placed_first_decides_when_its_condition_holds(
        spec in policy(),
        first in data_rule(99),
        in_rust in any::<bool>(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let mut spec = spec;
        spec.rules.insert(0, UserRuleSpec { rule: first.clone(), in_rust });
        let policy = spec.build();
        let verdict = policy.evaluate(&contact, &platform, direction);
        let applies = rule_applies(&first, &contact, &platform, direction, policy.settings());
        prop_assert_eq!(verdict.rule_id() == first.id(), applies);
        if applies {
            prop_assert_eq!(verdict.decision(), first.decision());
        }
    }

    /// Switching a built-in rule off means it never decides.
    #[test]
    fn a_switched_off_builtin_rule_never_decides(
        spec in policy(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = spec.build();
        for rule in BuiltinRule::ALL {
            prop_assert_eq!(policy.is_enabled(rule), !spec.disabled.contains(&rule));
        }
        let verdict = policy.evaluate(&contact, &platform, direction);
        for rule in &spec.disabled {
            prop_assert_ne!(verdict.rule_id(), rule.id());
            prop_assert_ne!(verdict.builtin_rule(), Some(*rule));
        }
    }

    /// Being nice is not a reason: Facebook friendship, the number of mutual
    /// connections, the invitation's message and tags (which no built-in
    /// rule names) never change a LinkedIn decision of the default policy,
    /// whatever the settings.
    #[test]
    fn being_nice_is_not_a_reason_on_linkedin(
        settings in settings(),
        base in contact_spec(),
        facebook_friend in any::<bool>(),
        mutual_connections in mutual_connections(),
        message in proptest::option::of(any_text()),
        tags in proptest::collection::vec(any_text(), 0..4),
        direction in direction(),
    ) {
        let policy = settings.default_policy();
        let nice = ContactSpec { facebook_friend, mutual_connections, message, tags, ..base.clone() };
        let (a, b) = (base.build(), nice.build());
        let before = policy.evaluate(&a, &LINKEDIN, direction);
        let after = policy.evaluate(&b, &LINKEDIN, direction);
        prop_assert_eq!(before.decision(), after.decision());
        prop_assert_eq!(before.rule_id(), after.rule_id());
    }

    /// LinkedIn is about professional ability: what makes a Twitter or
    /// Facebook connection worth it (being a friend, a star, a profession or
    /// a passion) never changes a LinkedIn decision of the default policy.
    #[test]
    fn linkedin_ignores_friendship_and_twitter_purposes(
        settings in settings(),
        base in contact_spec(),
        friend in any::<bool>(),
        star in any::<bool>(),
        profession in proptest::option::of(any_text()),
        passions in proptest::collection::vec(any_text(), 0..3),
        direction in direction(),
    ) {
        let policy = settings.default_policy();
        let other = ContactSpec { friend, star, profession, passions, ..base.clone() };
        let (a, b) = (base.build(), other.build());
        prop_assert_eq!(
            policy.evaluate(&a, &LINKEDIN, direction).rule_id(),
            policy.evaluate(&b, &LINKEDIN, direction).rule_id()
        );
    }

    /// Twitter is for meeting people you would like to meet: it never
    /// answers meet-first, and whether we have met, or what either of us
    /// thinks of the other's work, never changes its decision.
    #[test]
    fn twitter_never_asks_to_meet_and_ignores_acquaintance_and_views(
        settings in settings(),
        base in contact_spec(),
        acquaintance in acquaintance(),
        my_view in view(),
        their_view in view(),
        direction in direction(),
    ) {
        let policy = settings.default_policy();
        let other = ContactSpec { acquaintance, my_view, their_view, ..base.clone() };
        let (a, b) = (base.build(), other.build());
        let before = policy.evaluate(&a, &Platform::Twitter, direction);
        let after = policy.evaluate(&b, &Platform::Twitter, direction);
        prop_assert_ne!(before.decision(), Decision::MeetFirst);
        prop_assert_eq!(before.decision(), after.decision());
        prop_assert_eq!(before.rule_id(), after.rule_id());
    }

    /// The recruiter override decides exactly when the request is an
    /// incoming LinkedIn invitation, I am job seeking, the contact is a
    /// recruiter, and we have never met, spoken or worked together.
    #[test]
    fn the_recruiter_override_decides_exactly_when_its_facts_hold(
        settings in settings(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = settings.default_policy();
        let verdict = policy.evaluate(&contact, &platform, direction);
        let facts_hold = platform == Platform::LinkedIn
            && direction == Direction::Incoming
            && settings.job_seeking
            && contact.is_recruiter()
            && contact.acquaintance() == Acquaintance::Never;
        prop_assert_eq!(verdict.rule_id() == "linkedin.recruiter-override", facts_hold);
        if facts_hold {
            prop_assert_eq!(verdict.decision(), Decision::Accept);
        }
    }

    /// Flipping any one of the recruiter override's facts takes the
    /// decision away from it.
    #[test]
    fn flipping_any_recruiter_fact_takes_the_decision_from_the_override(
        settings in settings(),
        base in contact_spec(),
        met in acquaintance().prop_filter("met, spoken or worked", |a| *a != Acquaintance::Never),
        elsewhere in platform().prop_filter("not LinkedIn", |p| *p != Platform::LinkedIn),
    ) {
        let seeking = SettingsSpec { job_seeking: true, ..settings.clone() };
        let recruiter = ContactSpec { recruiter: true, acquaintance: Acquaintance::Never, ..base.clone() };
        let policy = seeking.default_policy();
        let c = recruiter.build();
        let decide = |policy: &Policy, c: &Contact, p: &Platform, d: Direction| {
            policy.evaluate(c, p, d).rule_id().to_owned()
        };
        let id = "linkedin.recruiter-override";
        prop_assert_eq!(decide(&policy, &c, &LINKEDIN, Direction::Incoming), id);

        let not_seeking = SettingsSpec { job_seeking: false, ..settings }.default_policy();
        let not_recruiter = ContactSpec { recruiter: false, ..recruiter.clone() }.build();
        let acquainted = ContactSpec { acquaintance: met, ..recruiter.clone() }.build();
        prop_assert_ne!(decide(&policy, &c, &LINKEDIN, Direction::Outgoing), id);
        prop_assert_ne!(decide(&policy, &c, &elsewhere, Direction::Incoming), id);
        prop_assert_ne!(decide(&not_seeking, &c, &LINKEDIN, Direction::Incoming), id);
        prop_assert_ne!(decide(&policy, &not_recruiter, &LINKEDIN, Direction::Incoming), id);
        prop_assert_ne!(decide(&policy, &acquainted, &LINKEDIN, Direction::Incoming), id);
    }

    /// Thinking better of someone, or being thought better of, never makes
    /// a LinkedIn decision worse (Decline < MeetFirst < Accept), all else
    /// fixed.
    #[test]
    fn raising_a_view_never_makes_a_linkedin_decision_worse(
        settings in settings(),
        base in contact_spec(),
        direction in direction(),
    ) {
        let policy = settings.default_policy();
        let rank_of = |spec: ContactSpec| rank(policy.evaluate(&spec.build(), &LINKEDIN, direction).decision());
        for (low, high) in [(0, 1), (1, 2), (0, 2)] {
            let (low, high) = (View::ALL[low], View::ALL[high]);
            for other in View::ALL {
                let mine = |v| ContactSpec { my_view: v, their_view: other, ..base.clone() };
                prop_assert!(rank_of(mine(low)) <= rank_of(mine(high)), "my view {low} -> {high}");
                let theirs = |v| ContactSpec { my_view: other, their_view: v, ..base.clone() };
                prop_assert!(rank_of(theirs(low)) <= rank_of(theirs(high)), "their view {low} -> {high}");
            }
        }
    }
}

// ---- Serde round trips ----------------------------------------------------

/// The parts of a policy a document holds, to compare two policies (a
/// `Policy` holds Rust rules, so it is not `PartialEq`).
fn parts(p: &Policy) -> impl PartialEq + std::fmt::Debug {
    (
        p.settings().clone(),
        p.platforms().to_vec(),
        p.data_rules().cloned().collect::<Vec<DataRule>>(),
        BuiltinRule::ALL.map(|r| p.is_enabled(r)),
        p.fallback(),
    )
}

/// A value written alone as JSON and as TOML, each read back.
fn read_back<T: Serialize + DeserializeOwned>(value: &T) -> Result<[T; 2], TestCaseError> {
    let json = serde_json::to_string(value).unwrap();
    let from_json =
        serde_json::from_str(&json).map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
    let text = toml::to_string(value).unwrap();
    let from_toml =
        toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    Ok([from_json, from_toml])
}

proptest! {
    #![proptest_config(cases(256))]

    /// A contact written as JSON or TOML reads back the same.
    #[test]
    fn contacts_round_trip_through_serde(contact in contact()) {
        let json = serde_json::to_string(&contact).unwrap();
        prop_assert_eq!(&serde_json::from_str::<Contact>(&json).unwrap(), &contact);
        let text = toml::to_string(&contact).unwrap();
        prop_assert_eq!(&toml::from_str::<Contact>(&text).unwrap(), &contact);
    }

    /// A policy written as a document loads back the same, in JSON and in
    /// TOML, and writes the same document again.
    #[test]
    fn policies_round_trip_through_serde(spec in data_policy()) {
        let policy = spec.build();
        // The policy holds what it was built from.
        let ids: Vec<&str> = spec.rules.iter().map(|r| r.rule.id()).collect();
        prop_assert_eq!(policy.data_rules().map(DataRule::id).collect::<Vec<_>>(), ids);
        prop_assert_eq!(policy.platforms(), spec.platforms.as_slice());
        prop_assert_eq!(policy.fallback(), spec.fallback);
        let json = serde_json::to_string(&policy).unwrap();
        let from_json: Policy = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(parts(&from_json), parts(&policy));
        prop_assert_eq!(serde_json::to_string(&from_json).unwrap(), json);

        let text = toml::to_string(&policy).unwrap();
        let from_toml: Policy = toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(parts(&from_toml), parts(&policy));
        prop_assert_eq!(toml::to_string(&from_toml).unwrap(), text);
    }

    /// A rule, a condition or an example written alone as JSON or TOML
    /// reads back as a policy built with it holds it (strings in
    /// conditions folded, platforms once each), and then reads back the
    /// same again.
    #[test]
    fn rules_conditions_and_examples_round_trip_alone(rule in data_rule(0), example in example()) {
        let spec = UserRuleSpec { rule: rule.clone(), in_rust: false };
        let mut builder = Policy::builder().platform(example.platform().clone());
        for platform in platforms_named_by(&[spec]) {
            builder = builder.platform(platform);
        }
        let policy = builder.data_rule(rule.clone()).example(example.clone()).build().unwrap();
        let held = policy.data_rules().next().unwrap();
        prop_assert_eq!(&policy.examples()[0], &example);

        for once in read_back(&rule)? {
            prop_assert_eq!(&once, held);
            for again in read_back(&once)? {
                prop_assert_eq!(&again, held);
            }
        }
        if let (Some(when), Some(held)) = (rule.condition(), held.condition()) {
            for once in read_back(when)? {
                prop_assert_eq!(&once, held);
                prop_assert_eq!(read_back(&once)?, [once.clone(), once]);
            }
        }
        prop_assert_eq!(read_back(&example)?, [example.clone(), example]);
    }

    /// A verdict's record written as JSON or TOML reads back the same, and a
    /// verdict serializes as its record.
    #[test]
    fn verdict_records_round_trip_through_serde(
        spec in policy(),
        contact in contact(),
        platform in platform(),
        direction in direction(),
    ) {
        let policy = spec.build();
        let verdict = policy.evaluate(&contact, &platform, direction);
        let record = verdict.to_record();
        let json = serde_json::to_string(&record).unwrap();
        prop_assert_eq!(&serde_json::to_string(&verdict).unwrap(), &json);
        prop_assert_eq!(&serde_json::from_str::<VerdictRecord>(&json).unwrap(), &record);
        let text = toml::to_string(&record).unwrap();
        prop_assert_eq!(&toml::from_str::<VerdictRecord>(&text).unwrap(), &record);
    }

    /// The names people type read back as what they name.
    #[test]
    fn names_round_trip_through_display_and_from_str(
        platform in platform(),
        acquaintance in acquaintance(),
        view in view(),
        direction in direction(),
        decision in decision(),
    ) {
        prop_assert_eq!(platform.to_string().parse::<Platform>().unwrap(), platform);
        prop_assert_eq!(acquaintance.to_string().parse::<Acquaintance>().unwrap(), acquaintance);
        prop_assert_eq!(view.to_string().parse::<View>().unwrap(), view);
        prop_assert_eq!(direction.to_string().parse::<Direction>().unwrap(), direction);
        prop_assert_eq!(decision.to_string().parse::<Decision>().unwrap(), decision);
    }
}
