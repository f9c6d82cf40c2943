//! Every public type is `Send + Sync` (and `Unpin`), so policies and verdicts
//! can be shared across threads; checked at compile time.

use acquaint::{
    Acquaintance, AnalysisError, BuiltinRule, Change, Condition, Contact, DataRule, Decision,
    DecisionTable, DiffRow, Direction, Example, ExampleFailure, FactCell, FactChange, FactValue,
    Location, NameKind, ParseError, Place, Platform, PlatformName, Policy, PolicyBuilder,
    PolicyDiff, PolicyError, PolicyErrorKind, Request, Rule, Settings, TableRow, Verdict,
    VerdictRecord, View, Warning,
};

fn assert_send_sync<T: Send + Sync + ?Sized>() {}
fn assert_unpin<T: Unpin>() {}
fn assert_static<T: 'static>() {}
/// For values of types that cannot be named (`impl Trait` results).
fn assert_value_send_sync<T: Send + Sync>(_: &T) {}

macro_rules! assert_auto_traits {
    ($($ty:ty),* $(,)?) => {
        $(
            assert_send_sync::<$ty>();
            assert_unpin::<$ty>();
            assert_static::<$ty>();
        )*
    };
}

#[test]
fn every_public_type_is_send_sync_unpin_and_static() {
    assert_auto_traits!(
        Acquaintance,
        AnalysisError,
        BuiltinRule,
        Change<'static>,
        Condition,
        Contact,
        DataRule,
        Decision,
        DecisionTable,
        DiffRow,
        Direction,
        Example,
        ExampleFailure<'static>,
        FactCell<'static>,
        FactChange,
        FactValue<'static>,
        Location,
        NameKind,
        ParseError,
        Platform,
        PlatformName,
        Policy,
        PolicyBuilder,
        Place,
        PolicyDiff,
        PolicyError,
        PolicyErrorKind,
        Request<'static>,
        Settings,
        TableRow,
        Verdict<'static>,
        VerdictRecord,
        View,
        Warning,
        Box<dyn Rule>,
    );
}

/// The `Rule` trait itself requires `Send + Sync`, so any rule a policy
/// holds is shareable.
#[test]
fn rule_trait_objects_are_send_sync() {
    assert_send_sync::<dyn Rule>();
    assert_send_sync::<&'static dyn Rule>();
}

/// Iterators and other `impl Trait` results keep the auto traits.
#[test]
fn returned_iterators_are_send_sync() {
    let policy = Policy::builder()
        .passion("animals")
        .interesting_profession("veterinarian")
        .build()
        .unwrap();
    let ada = Contact::new("Ada Nwosu")
        .with_passion("animals")
        .with_tag("vip");
    let requests = [(&ada, &Platform::Twitter, Direction::Incoming)];

    assert_value_send_sync(&policy.evaluate_all(requests));
    assert_value_send_sync(&policy.rule_ids());
    assert_value_send_sync(&policy.data_rules());
    assert_value_send_sync(&policy.settings().passions());
    assert_value_send_sync(&policy.settings().interesting_professions());
    assert_value_send_sync(&ada.passions());
    assert_value_send_sync(&ada.tags());
    assert_value_send_sync(&policy.evaluate(&ada, &Platform::Twitter, Direction::Incoming));
    let table = policy.decision_table(&Platform::Twitter).unwrap();
    assert_value_send_sync(&table.rows()[0].cells());
    assert_value_send_sync(&table.rows()[0].facts());
}

/// A policy can be shared by threads that evaluate at the same time.
#[test]
fn a_policy_is_shared_across_threads() {
    let policy = Policy::builder().job_seeking(true).build().unwrap();
    let jordan = Contact::new("Jordan Blake").with_recruiter(true);
    let (policy, jordan) = (&policy, &jordan);
    std::thread::scope(|s| {
        let handles: Vec<_> = Direction::ALL
            .into_iter()
            .map(|d| s.spawn(move || policy.evaluate(jordan, &Platform::LinkedIn, d).to_record()))
            .collect();
        let rules: Vec<String> = handles
            .into_iter()
            .map(|h| h.join().unwrap().rule)
            .collect();
        assert_eq!(rules, ["linkedin.recruiter-override", "linkedin.not-met"]);
    });
}
