//! Proptest strategies for every public input of acquaint, and a plainly
//! written model of how a policy decides, shared by the property tests.
//!
//! The strategies generate every condition key and vary every contact
//! field of the policy format; `vocabulary` checks it against
//! `policy.schema.json`, so a key added to the format and not here fails
//! a test that names it. The model's rules written in Rust come from
//! `common::rule_fn`.

// Without serde, most of the tests that use these are not compiled.
#![cfg_attr(not(feature = "serde"), allow(dead_code))]

use acquaint::{
    Acquaintance, BuiltinRule, Condition, Contact, DataRule, Decision, Direction, Example,
    Platform, Policy, PolicyBuilder, Rule, Settings, View,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::{Config, FileFailurePersistence};

use crate::common::rule_fn;

// ---- Case counts -----------------------------------------------------------

/// A proptest config with `cases` cases, unless `PROPTEST_CASES` says
/// otherwise: CI sets it low to stay within its budget, and
/// `Config::with_cases` alone would ignore it.
pub fn cases(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(cases);
    Config {
        // Failing cases are kept next to the test file, to be run first
        // next time.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("regressions"))),
        ..Config::with_cases(cases)
    }
}

// ---- Text ------------------------------------------------------------------

/// Words that settings, contacts and conditions share, so that generated
/// professions, passions and tags match each other often enough to matter.
/// Some fold in surprising ways (`ß`, `İ`, `ǅ`).
const WORDS: &[&str] = &[
    "software engineer",
    "designer",
    "biologist",
    "animals",
    "chess",
    "vip",
    "conference-2026",
    "Straße",
    "İstanbul",
    "ǅemal",
    "日本語",
];

/// One of [`WORDS`], in any case and padded with spaces: matching is
/// case-insensitive and trims.
pub fn word() -> impl Strategy<Value = String> {
    (select(WORDS), 0..4u8, "[ \t]{0,2}", "[ \t]{0,2}").prop_map(|(w, case, pre, post)| {
        let w = match case {
            0 => w.to_owned(),
            1 => w.to_uppercase(),
            2 => w.to_lowercase(),
            _ => w
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_uppercase().collect::<String>()
                    } else {
                        c.to_string()
                    }
                })
                .collect(),
        };
        format!("{pre}{w}{post}")
    })
}

/// Any text a person might type or a file might hold: shared words, empty
/// and blank strings, arbitrary Unicode, and very long strings.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => word(),
        3 => any::<String>(),
        1 => Just(String::new()),
        1 => "\\s{1,4}",
        1 => "\\PC{200,600}",
    ]
}

/// Text within [`Policy::MAX_TEXT_LEN`], possibly blank: for settings.
pub fn setting_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => word(),
        2 => any::<String>(),
        1 => Just(String::new()),
        1 => "\\PC{150,200}",
    ]
    // The limit is on the stored text, trimmed and case-folded: folding
    // can lengthen it (`ß` becomes `ss`).
    .prop_filter("within the text limit", |s| {
        fold(s).chars().count() <= Policy::MAX_TEXT_LEN
    })
}

/// Non-blank text within [`Policy::MAX_TEXT_LEN`]: for conditions, which
/// must name something.
pub fn condition_text() -> impl Strategy<Value = String> {
    prop_oneof![5 => word(), 1 => "\\PC{1,40}", 1 => any::<String>()]
        .prop_filter("non-blank and within the text limit", |s| {
            !s.trim().is_empty() && fold(s).chars().count() <= Policy::MAX_TEXT_LEN
        })
}

/// Text for the facts rules match (profession, passions, tags): mostly
/// shared words, so that conditions and settings match them often.
pub fn fact_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => word(), 1 => any_text()]
}

/// Trims and folds the case by Unicode's full case folding, as the README
/// says acquaint does to every name it matches.
pub fn fold(s: &str) -> String {
    caseless::default_case_fold_str(s.trim())
}

// ---- Finite facts ----------------------------------------------------------

pub fn acquaintance() -> impl Strategy<Value = Acquaintance> {
    select(Acquaintance::ALL.to_vec())
}

pub fn view() -> impl Strategy<Value = View> {
    select(View::ALL.to_vec())
}

pub fn direction() -> impl Strategy<Value = Direction> {
    select(Direction::ALL.to_vec())
}

pub fn decision() -> impl Strategy<Value = Decision> {
    select(Decision::ALL.to_vec())
}

/// A user-named platform: ASCII or any Unicode letters and digits.
pub fn user_platform() -> impl Strategy<Value = Platform> {
    prop_oneof![
        select(vec!["mastodon", "github", "bluesky", "git-hub.io", "x_2"]).prop_map(String::from),
        "[a-z0-9._-]{1,64}",
        "[\\p{L}\\p{N}._-]{1,20}",
    ]
    .prop_filter_map("a user-named platform", |name| {
        name.parse::<Platform>()
            .ok()
            .filter(Platform::is_user_named)
    })
}

/// Any platform, the built-in ones most often.
pub fn platform() -> impl Strategy<Value = Platform> {
    prop_oneof![
        3 => Just(Platform::LinkedIn),
        2 => Just(Platform::Twitter),
        2 => Just(Platform::Facebook),
        2 => user_platform(),
    ]
}

pub fn mutual_connections() -> impl Strategy<Value = u32> {
    prop_oneof![0..20u32, any::<u32>(), Just(u32::MAX)]
}

/// The note that came with an invitation: none, empty, blank (spaces, tabs,
/// line breaks, Unicode spaces) or not blank, so that `has-message`, true
/// only for a note that is not blank, is often true and often false.
pub fn message() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        1 => Just(Some(String::new())),
        1 => "[ \t\r\n\u{85}\u{a0}\u{2003}\u{3000}]{1,4}".prop_map(Some),
        3 => any_text().prop_map(Some),
    ]
}

// ---- Contacts --------------------------------------------------------------

/// Everything a [`Contact`] holds, as plain data that tests can vary one
/// field at a time.
#[derive(Debug, Clone)]
pub struct ContactSpec {
    pub name: String,
    pub acquaintance: Acquaintance,
    pub my_view: View,
    pub their_view: View,
    pub recruiter: bool,
    pub friend: bool,
    pub star: bool,
    pub profession: Option<String>,
    pub passions: Vec<String>,
    pub tags: Vec<String>,
    pub facebook_friend: bool,
    pub mutual_connections: u32,
    pub message: Option<String>,
}

impl ContactSpec {
    pub fn build(&self) -> Contact {
        let mut c = Contact::new(self.name.clone())
            .with_acquaintance(self.acquaintance)
            .with_my_view(self.my_view)
            .with_their_view(self.their_view)
            .with_recruiter(self.recruiter)
            .with_friend(self.friend)
            .with_star(self.star)
            .with_facebook_friend(self.facebook_friend)
            .with_mutual_connections(self.mutual_connections);
        if let Some(p) = &self.profession {
            c = c.with_profession(p);
        }
        for p in &self.passions {
            c = c.with_passion(p);
        }
        for t in &self.tags {
            c = c.with_tag(t);
        }
        if let Some(m) = &self.message {
            c = c.with_message(m.clone());
        }
        c
    }
}

pub fn contact_spec() -> impl Strategy<Value = ContactSpec> {
    (
        (
            any_text(),
            acquaintance(),
            view(),
            view(),
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
        ),
        (
            option::of(fact_text()),
            vec(fact_text(), 0..4),
            vec(fact_text(), 0..4),
            any::<bool>(),
            mutual_connections(),
            message(),
        ),
    )
        .prop_map(
            |(
                (name, acquaintance, my_view, their_view, recruiter, friend, star),
                (profession, passions, tags, facebook_friend, mutual_connections, message),
            )| ContactSpec {
                name,
                acquaintance,
                my_view,
                their_view,
                recruiter,
                friend,
                star,
                profession,
                passions,
                tags,
                facebook_friend,
                mutual_connections,
                message,
            },
        )
}

pub fn contact() -> impl Strategy<Value = Contact> {
    contact_spec().prop_map(|c| c.build())
}

// ---- Settings --------------------------------------------------------------

/// The user's settings, as plain data: set on a builder, or written into a
/// policy document.
#[derive(Debug, Clone, Default)]
pub struct SettingsSpec {
    pub job_seeking: bool,
    pub profession: Option<String>,
    pub interesting_professions: Vec<String>,
    pub passions: Vec<String>,
}

impl SettingsSpec {
    pub fn apply(&self, mut b: PolicyBuilder) -> PolicyBuilder {
        b = b.job_seeking(self.job_seeking);
        if let Some(p) = &self.profession {
            b = b.profession(p);
        }
        for p in &self.interesting_professions {
            b = b.interesting_profession(p);
        }
        for p in &self.passions {
            b = b.passion(p);
        }
        b
    }

    /// The default policy with these settings.
    pub fn default_policy(&self) -> Policy {
        self.apply(Policy::builder()).build().unwrap()
    }

    /// The settings as the top-level keys of a TOML policy document.
    pub fn to_toml(&self) -> toml::Table {
        let mut t = toml::Table::new();
        t.insert("job-seeking".into(), self.job_seeking.into());
        if let Some(p) = &self.profession {
            t.insert("profession".into(), p.clone().into());
        }
        let list = |v: &[String]| toml::Value::Array(v.iter().map(|s| s.clone().into()).collect());
        t.insert(
            "interesting-professions".into(),
            list(&self.interesting_professions),
        );
        t.insert("passions".into(), list(&self.passions));
        t
    }
}

pub fn settings() -> impl Strategy<Value = SettingsSpec> {
    (
        any::<bool>(),
        option::of(setting_text()),
        vec(setting_text(), 0..3),
        vec(setting_text(), 0..3),
    )
        .prop_map(
            |(job_seeking, profession, interesting_professions, passions)| SettingsSpec {
                job_seeking,
                profession,
                interesting_professions,
                passions,
            },
        )
}

// ---- Conditions and data rules ---------------------------------------------

/// A single fact, of every kind a condition can name.
pub fn leaf_condition() -> impl Strategy<Value = Condition> {
    prop_oneof![
        platform().prop_map(Condition::Platform),
        direction().prop_map(Condition::Direction),
        any::<bool>().prop_map(Condition::JobSeeking),
        acquaintance().prop_map(Condition::Acquaintance),
        any::<bool>().prop_map(Condition::MetInPerson),
        any::<bool>().prop_map(Condition::WorkedTogether),
        any::<bool>().prop_map(Condition::SpokeWith),
        view().prop_map(Condition::MyView),
        view().prop_map(Condition::TheirView),
        any::<bool>().prop_map(Condition::Recruiter),
        any::<bool>().prop_map(Condition::Friend),
        any::<bool>().prop_map(Condition::FacebookFriend),
        any::<bool>().prop_map(Condition::Star),
        condition_text().prop_map(Condition::Profession),
        any::<bool>().prop_map(Condition::SharesProfession),
        any::<bool>().prop_map(Condition::InterestingProfession),
        condition_text().prop_map(Condition::Passion),
        any::<bool>().prop_map(Condition::SharesPassion),
        condition_text().prop_map(Condition::Tag),
        mutual_connections().prop_map(Condition::MutualConnectionsAtLeast),
        any::<bool>().prop_map(Condition::HasMessage),
    ]
}

/// A condition of any shape: facts combined with `all`, `any` and `not`,
/// at most 7 levels deep, well within [`Policy::MAX_DEPTH`].
pub fn condition() -> impl Strategy<Value = Condition> {
    leaf_condition().prop_recursive(6, 48, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 1..4).prop_map(Condition::All),
            vec(inner.clone(), 1..4).prop_map(Condition::Any),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

/// How deeply a condition nests, counted as [`Policy::MAX_DEPTH`] counts.
pub fn depth(c: &Condition) -> usize {
    match c {
        Condition::All(list) | Condition::Any(list) => {
            1 + list.iter().map(depth).max().unwrap_or(0)
        }
        Condition::Not(inner) => 1 + depth(inner),
        _ => 1,
    }
}

/// A rule id that is valid, not reserved, and unique given a unique `n`:
/// ASCII letters, digits, `-`, `_` and `.` (the README's Limits).
pub fn rule_id(n: usize) -> impl Strategy<Value = String> {
    "[A-Za-z0-9._-]{0,12}".prop_map(move |tail| format!("r{n}-{tail}"))
}

/// A data rule: on every platform or on some, with or without a condition.
pub fn data_rule(n: usize) -> impl Strategy<Value = DataRule> {
    (
        rule_id(n),
        option::of(vec(platform(), 1..4)),
        option::weighted(0.9, condition()),
        decision(),
        prop_oneof![any_text(), "\\PC{900,1000}"],
    )
        .prop_map(|(id, platforms, when, decision, reason)| {
            let mut rule = match when {
                Some(when) => DataRule::new(id, when, decision, reason),
                None => DataRule::always(id, decision, reason),
            };
            for p in platforms.into_iter().flatten() {
                rule = rule.on(p);
            }
            rule
        })
}

/// An example: any contact, platform, direction and decision, with or
/// without a name, its own `job-seeking` and the rule it expects.
pub fn example() -> impl Strategy<Value = Example> {
    let name = any_text().prop_filter("within the name limit", |s| {
        s.chars().count() <= Policy::MAX_REASON_LEN
    });
    let rule = prop_oneof![
        rule_id(0),
        select(BuiltinRule::ALL.map(BuiltinRule::id).to_vec()).prop_map(String::from),
        Just("fallback".to_owned()),
    ];
    (
        (contact(), platform(), direction(), decision()),
        (
            option::of(name),
            option::of(any::<bool>()),
            option::of(rule),
        ),
    )
        .prop_map(
            |((contact, platform, direction, decision), (name, job_seeking, rule))| {
                let mut example = Example::new(contact, platform, direction, decision);
                if let Some(name) = name {
                    example = example.named(name);
                }
                if let Some(job_seeking) = job_seeking {
                    example = example.with_job_seeking(job_seeking);
                }
                if let Some(rule) = rule {
                    example = example.with_rule(rule);
                }
                example
            },
        )
}

// ---- Rules in Rust ---------------------------------------------------------

/// A rule written in Rust that decides as a data rule would, by the model:
/// lets generated policies mix Rust rules with data rules.
pub fn model_rule(rule: DataRule) -> impl Rule {
    let id = rule.id().to_owned();
    let explanation = format!("the Rust rule {id} applies");
    rule_fn(id, move |r| {
        rule_applies(&rule, r.contact, r.platform, r.direction, r.settings)
            .then_some(rule.decision())
    })
    .explained(move |_| explanation.clone())
}

// ---- Policies --------------------------------------------------------------

/// A user rule: data, or the same rule written in Rust.
#[derive(Debug, Clone)]
pub struct UserRuleSpec {
    pub rule: DataRule,
    pub in_rust: bool,
}

/// Everything a policy holds, as plain data.
#[derive(Debug, Clone, Default)]
pub struct PolicySpec {
    pub settings: SettingsSpec,
    pub platforms: Vec<Platform>,
    pub rules: Vec<UserRuleSpec>,
    pub disabled: Vec<BuiltinRule>,
    pub fallback: Decision,
}

impl PolicySpec {
    /// The builder for this policy: settings, then platforms, rules,
    /// switched-off rules and fallback.
    pub fn builder(&self) -> PolicyBuilder {
        let mut b = self.settings.apply(Policy::builder());
        for p in &self.platforms {
            b = b.platform(p.clone());
        }
        for r in &self.rules {
            b = if r.in_rust {
                b.rule(model_rule(r.rule.clone()))
            } else {
                b.data_rule(r.rule.clone())
            };
        }
        for d in &self.disabled {
            b = b.disable(d.id());
        }
        b.fallback(self.fallback)
    }

    /// The policy; generated specs are always valid.
    pub fn build(&self) -> Policy {
        match self.builder().build() {
            Ok(p) => p,
            Err(e) => panic!("a generated policy must build: {e}\n{self:#?}"),
        }
    }
}

fn user_named_in(c: &Condition, out: &mut Vec<Platform>) {
    match c {
        Condition::All(list) | Condition::Any(list) => {
            list.iter().for_each(|c| user_named_in(c, out))
        }
        Condition::Not(inner) => user_named_in(inner, out),
        Condition::Platform(p) if p.is_user_named() => out.push(p.clone()),
        _ => {}
    }
}

/// Every user-named platform the rules name, so a spec can declare them and
/// round-trip through a policy document unchanged.
pub fn platforms_named_by(rules: &[UserRuleSpec]) -> Vec<Platform> {
    let mut out = Vec::new();
    for r in rules {
        out.extend(r.rule.platforms().into_iter().flatten().cloned());
        if let Some(c) = r.rule.condition() {
            user_named_in(c, &mut out);
        }
    }
    out.retain(Platform::is_user_named);
    out
}

fn user_rules(in_rust: bool) -> impl Strategy<Value = Vec<UserRuleSpec>> {
    (0..6usize).prop_flat_map(move |n| {
        let rules: Vec<_> = (0..n)
            .map(|i| {
                let rust = if in_rust {
                    prop_oneof![3 => Just(false), 1 => Just(true)].boxed()
                } else {
                    Just(false).boxed()
                };
                (data_rule(i), rust).prop_map(|(rule, in_rust)| UserRuleSpec { rule, in_rust })
            })
            .collect();
        rules
    })
}

fn policy_with(in_rust: bool) -> impl Strategy<Value = PolicySpec> {
    (
        settings(),
        vec(user_platform(), 0..3),
        user_rules(in_rust),
        subsequence(BuiltinRule::ALL.to_vec(), 0..=BuiltinRule::ALL.len()),
        decision(),
    )
        .prop_map(|(settings, extra, rules, disabled, fallback)| {
            let mut platforms = Vec::new();
            for p in extra.into_iter().chain(platforms_named_by(&rules)) {
                if !platforms.contains(&p) {
                    platforms.push(p);
                }
            }
            PolicySpec {
                settings,
                platforms,
                rules,
                disabled,
                fallback,
            }
        })
}

/// Any policy: settings, declared platforms, user rules in data and in
/// Rust, switched-off built-in rules and a fallback.
pub fn policy() -> impl Strategy<Value = PolicySpec> {
    policy_with(true)
}

/// Any policy that a policy document can hold: data rules only.
pub fn data_policy() -> impl Strategy<Value = PolicySpec> {
    policy_with(false)
}

// ---- The model -------------------------------------------------------------

/// Whether a condition holds, written plainly from the README's description
/// of each key.
pub fn holds(
    c: &Condition,
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
    settings: &Settings,
) -> bool {
    let a = contact.acquaintance();
    let profession = contact.profession();
    let has_passion = |p: &str| contact.passions().any(|x| x == p);
    match c {
        Condition::All(list) => list
            .iter()
            .all(|c| holds(c, contact, platform, direction, settings)),
        Condition::Any(list) => list
            .iter()
            .any(|c| holds(c, contact, platform, direction, settings)),
        Condition::Not(inner) => !holds(inner, contact, platform, direction, settings),
        Condition::Platform(p) => p == platform,
        Condition::Direction(d) => *d == direction,
        Condition::JobSeeking(b) => settings.job_seeking() == *b,
        Condition::Acquaintance(x) => a == *x,
        Condition::MetInPerson(b) => {
            matches!(a, Acquaintance::MetInPerson | Acquaintance::WorkedInPerson) == *b
        }
        Condition::WorkedTogether(b) => {
            matches!(
                a,
                Acquaintance::WorkedRemotely | Acquaintance::WorkedInPerson
            ) == *b
        }
        Condition::SpokeWith(b) => (a != Acquaintance::Never) == *b,
        Condition::MyView(v) => contact.my_view() == *v,
        Condition::TheirView(v) => contact.their_view() == *v,
        Condition::Recruiter(b) => contact.is_recruiter() == *b,
        Condition::Friend(b) => contact.is_friend() == *b,
        Condition::FacebookFriend(b) => contact.is_facebook_friend() == *b,
        Condition::Star(b) => contact.is_star() == *b,
        Condition::Profession(p) => profession == Some(fold(p).as_str()),
        Condition::SharesProfession(b) => {
            (profession.is_some() && profession == settings.profession()) == *b
        }
        Condition::InterestingProfession(b) => {
            profession.is_some_and(|p| settings.interesting_professions().any(|x| x == p)) == *b
        }
        Condition::Passion(p) => has_passion(&fold(p)),
        Condition::SharesPassion(b) => settings.passions().any(has_passion) == *b,
        Condition::Tag(t) => contact.tags().any(|x| x == fold(t)),
        Condition::MutualConnectionsAtLeast(n) => contact.mutual_connections() >= *n,
        Condition::HasMessage(b) => {
            contact
                .message()
                .is_some_and(|m| m.chars().any(|c| !c.is_whitespace()))
                == *b
        }
        // `Condition` is `#[non_exhaustive]`, so this arm must be here; the
        // `vocabulary` tests make every key of the format reach this match.
        other => panic!(
            "the model does not know the condition key `{}` ({other:?}): add it to `holds`",
            other.key()
        ),
    }
}

/// Whether a data rule applies: it covers the platform and its condition
/// (if any) holds.
pub fn rule_applies(
    rule: &DataRule,
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
    settings: &Settings,
) -> bool {
    rule.platforms().is_none_or(|list| list.contains(platform))
        && rule
            .condition()
            .is_none_or(|c| holds(c, contact, platform, direction, settings))
}

/// The built-in rules of a platform, in order, each with whether it applies:
/// the philosophy as the README's tables state it.
pub fn builtin_model(
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
    settings: &Settings,
) -> Vec<(BuiltinRule, bool)> {
    use BuiltinRule::*;
    let a = contact.acquaintance();
    let met = matches!(
        a,
        Acquaintance::MetInPerson | Acquaintance::WorkedRemotely | Acquaintance::WorkedInPerson
    );
    let (mine, theirs) = (contact.my_view(), contact.their_view());
    let purpose = contact.is_star()
        || contact.profession().is_some_and(|p| {
            settings.profession() == Some(p) || settings.interesting_professions().any(|x| x == p)
        })
        || settings
            .passions()
            .any(|p| contact.passions().any(|x| x == p));
    match platform {
        Platform::LinkedIn => vec![
            (
                LinkedInRecruiterOverride,
                direction == Direction::Incoming
                    && settings.job_seeking()
                    && contact.is_recruiter()
                    && a == Acquaintance::Never,
            ),
            (
                LinkedInReputationGuard,
                mine == View::Negative || theirs == View::Negative,
            ),
            (LinkedInNotMet, !met),
            (
                LinkedInCannotVouch,
                mine == View::Unknown || theirs == View::Unknown,
            ),
            (
                LinkedInMutualVouch,
                met && mine == View::Positive && theirs == View::Positive,
            ),
        ],
        Platform::Twitter => vec![(TwitterSharedPurpose, purpose), (TwitterNoPurpose, true)],
        Platform::Facebook => vec![
            (FacebookFriend, contact.is_friend()),
            (FacebookNotAFriend, true),
        ],
        _ => vec![],
    }
}

/// What the model says a policy decides: the deciding rule's id and the
/// decision.
pub fn model_decide(
    spec: &PolicySpec,
    settings: &Settings,
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
) -> (String, Decision) {
    for r in &spec.rules {
        if rule_applies(&r.rule, contact, platform, direction, settings) {
            return (r.rule.id().to_owned(), r.rule.decision());
        }
    }
    for (rule, applies) in builtin_model(contact, platform, direction, settings) {
        if applies && !spec.disabled.contains(&rule) {
            return (rule.id().to_owned(), rule.decision());
        }
    }
    ("fallback".to_owned(), spec.fallback)
}

/// Decline < MeetFirst < Accept: how good a decision is for the connection.
pub fn rank(d: Decision) -> u8 {
    match d {
        Decision::Decline => 0,
        Decision::MeetFirst => 1,
        Decision::Accept => 2,
    }
}
