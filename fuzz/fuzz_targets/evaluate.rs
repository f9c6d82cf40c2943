//! Arbitrary policies built in code (settings, data rules with nested
//! conditions, disabled built-ins, a fallback, user platforms, sometimes a
//! rule written in Rust) and arbitrary contacts, through every way of
//! asking a policy something: `evaluate`, `explanation`, `reply`,
//! `to_record`, `what_would_change`, `analyze` and `decision_table`.
//!
//! Properties checked, besides "nothing panics or hangs":
//! - every change `what_would_change` offers gives another decision, and
//!   making it (on the contact, or the job-seeking setting) gives exactly
//!   that decision and rule;
//! - a request matches exactly one row of its platform's decision table and
//!   none of another platform's, and with no Rust rule in the policy the
//!   row's decision and rule are the verdict's;
//! - a rule `analyze` says can never decide does not decide;
//! - a policy without Rust rules serializes as JSON that loads back to the
//!   same policy;
//! - `ask`, with some facts of a contact taken as unknown, leads the
//!   contact's own answers to the decision `evaluate` gives it.
#![no_main]

use acquaint::{
    Acquaintance, AskNode, BuiltinRule, Condition, Contact, DataRule, Decision, Direction, Fact,
    FactChange, Platform, Policy, PolicyBuilder, Request, Rule, View, Warning,
};
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

/// Conditions nest at most this deep; a little over `Policy::MAX_DEPTH`,
/// so that the depth limit is reached too.
const MAX_DEPTH: usize = Policy::MAX_DEPTH + 2;
/// At most this many entries in a list (`all`, `any`, rules, contacts...).
const MAX_LIST: usize = 6;

/// A word from a small vocabulary, so that rules, settings and contacts
/// name the same things often; now and then any string (a blank one is
/// refused by `build`).
#[derive(Arbitrary, Debug)]
enum Word {
    Known(u8),
    Any(String),
}

const WORDS: [&str; 8] = [
    "software engineer",
    "Software Engineer ",
    "animals",
    "vip",
    "VIP",
    "compilers",
    " Compilers",
    "biologist",
];

impl Word {
    fn text(&self) -> &str {
        match self {
            Word::Known(i) => WORDS[usize::from(*i) % WORDS.len()],
            Word::Any(s) => s,
        }
    }
}

#[derive(Arbitrary, Debug)]
enum ArbPlatform {
    LinkedIn,
    Twitter,
    Facebook,
    Mastodon,
    GitHub,
    Named(String),
}

impl ArbPlatform {
    fn platform(&self) -> Option<Platform> {
        match self {
            ArbPlatform::LinkedIn => Some(Platform::LinkedIn),
            ArbPlatform::Twitter => Some(Platform::Twitter),
            ArbPlatform::Facebook => Some(Platform::Facebook),
            ArbPlatform::Mastodon => Platform::named("mastodon").ok(),
            ArbPlatform::GitHub => Platform::named("GitHub").ok(),
            ArbPlatform::Named(name) => Platform::named(name).ok(),
        }
    }
}

fn pick<T: Copy, const N: usize>(all: [T; N], i: u8) -> T {
    all[usize::from(i) % N]
}

/// Mirrors `acquaint::Condition`, with the enums as indices.
#[derive(Arbitrary, Debug)]
enum ArbCondition {
    All(Vec<ArbCondition>),
    Any(Vec<ArbCondition>),
    Not(Box<ArbCondition>),
    Platform(ArbPlatform),
    Direction(u8),
    JobSeeking(bool),
    Acquaintance(u8),
    MetInPerson(bool),
    WorkedTogether(bool),
    SpokeWith(bool),
    MyView(u8),
    TheirView(u8),
    Recruiter(bool),
    Friend(bool),
    FacebookFriend(bool),
    Star(bool),
    Profession(Word),
    SharesProfession(bool),
    InterestingProfession(bool),
    Passion(Word),
    SharesPassion(bool),
    Tag(Word),
    MutualConnectionsAtLeast(u32),
    HasMessage(bool),
}

impl ArbCondition {
    fn condition(&self, depth: usize) -> Condition {
        // An empty `all` or `any` is refused by `build`; one in a deep
        // tree would make most policies fail to build, so lists have at
        // least one condition.
        let list = |list: &[ArbCondition]| -> Vec<Condition> {
            let mut out: Vec<Condition> = list
                .iter()
                .take(MAX_LIST)
                .map(|c| c.condition(depth + 1))
                .collect();
            if out.is_empty() {
                out.push(Condition::Star(true));
            }
            out
        };
        if depth >= MAX_DEPTH {
            return Condition::Friend(true);
        }
        match self {
            ArbCondition::All(l) => Condition::All(list(l)),
            ArbCondition::Any(l) => Condition::Any(list(l)),
            ArbCondition::Not(c) => Condition::Not(Box::new(c.condition(depth + 1))),
            ArbCondition::Platform(p) => match p.platform() {
                Some(p) => Condition::Platform(p),
                None => Condition::Platform(Platform::LinkedIn),
            },
            ArbCondition::Direction(i) => Condition::Direction(pick(Direction::ALL, *i)),
            ArbCondition::JobSeeking(b) => Condition::JobSeeking(*b),
            ArbCondition::Acquaintance(i) => Condition::Acquaintance(pick(Acquaintance::ALL, *i)),
            ArbCondition::MetInPerson(b) => Condition::MetInPerson(*b),
            ArbCondition::WorkedTogether(b) => Condition::WorkedTogether(*b),
            ArbCondition::SpokeWith(b) => Condition::SpokeWith(*b),
            ArbCondition::MyView(i) => Condition::MyView(pick(View::ALL, *i)),
            ArbCondition::TheirView(i) => Condition::TheirView(pick(View::ALL, *i)),
            ArbCondition::Recruiter(b) => Condition::Recruiter(*b),
            ArbCondition::Friend(b) => Condition::Friend(*b),
            ArbCondition::FacebookFriend(b) => Condition::FacebookFriend(*b),
            ArbCondition::Star(b) => Condition::Star(*b),
            ArbCondition::Profession(w) => Condition::Profession(w.text().to_owned()),
            ArbCondition::SharesProfession(b) => Condition::SharesProfession(*b),
            ArbCondition::InterestingProfession(b) => Condition::InterestingProfession(*b),
            ArbCondition::Passion(w) => Condition::Passion(w.text().to_owned()),
            ArbCondition::SharesPassion(b) => Condition::SharesPassion(*b),
            ArbCondition::Tag(w) => Condition::Tag(w.text().to_owned()),
            ArbCondition::MutualConnectionsAtLeast(n) => Condition::MutualConnectionsAtLeast(*n),
            ArbCondition::HasMessage(b) => Condition::HasMessage(*b),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct ArbRule {
    /// `None` for a rule that always applies on its platforms.
    when: Option<ArbCondition>,
    /// `None` for every platform.
    platforms: Option<Vec<ArbPlatform>>,
    decision: u8,
    reason: Word,
}

/// A rule written in Rust: decides when the contact carries a tag.
#[derive(Debug)]
struct TagRule {
    tag: String,
    decision: Decision,
}

impl Rule for TagRule {
    fn id(&self) -> &str {
        "rust-rule"
    }

    fn decide(&self, request: &Request<'_>) -> Option<Decision> {
        request.contact.has_tag(&self.tag).then_some(self.decision)
    }

    fn explain(&self, request: &Request<'_>) -> String {
        format!("{} is tagged `{}`", request.contact.name(), self.tag)
    }
}

#[derive(Arbitrary, Debug)]
struct ArbContact {
    name: String,
    acquaintance: u8,
    my_view: u8,
    their_view: u8,
    recruiter: bool,
    friend: bool,
    star: bool,
    facebook_friend: bool,
    profession: Option<Word>,
    passions: Vec<Word>,
    tags: Vec<Word>,
    mutual_connections: u32,
    message: Option<String>,
}

impl ArbContact {
    fn contact(&self) -> Contact {
        let mut c = Contact::new(self.name.as_str())
            .with_acquaintance(pick(Acquaintance::ALL, self.acquaintance))
            .with_my_view(pick(View::ALL, self.my_view))
            .with_their_view(pick(View::ALL, self.their_view))
            .with_recruiter(self.recruiter)
            .with_friend(self.friend)
            .with_star(self.star)
            .with_facebook_friend(self.facebook_friend)
            .with_mutual_connections(self.mutual_connections);
        if let Some(p) = &self.profession {
            c = c.with_profession(p.text());
        }
        for p in self.passions.iter().take(MAX_LIST) {
            c = c.with_passion(p.text());
        }
        for t in self.tags.iter().take(MAX_LIST) {
            c = c.with_tag(t.text());
        }
        if let Some(m) = &self.message {
            c = c.with_message(m.as_str());
        }
        c
    }
}

#[derive(Arbitrary, Debug)]
struct Input {
    job_seeking: bool,
    profession: Option<Word>,
    interesting_professions: Vec<Word>,
    passions: Vec<Word>,
    platforms: Vec<ArbPlatform>,
    rules: Vec<ArbRule>,
    /// A Rust rule (its tag, its decision) and where it goes among the
    /// data rules.
    rust_rule: Option<(Word, u8, u8)>,
    disable: Vec<u8>,
    fallback: u8,
    contacts: Vec<ArbContact>,
    platform: ArbPlatform,
    /// The facts `ask` takes as unknown, a bit each in `Fact::ALL`.
    unknown: u16,
}

impl Input {
    fn builder(&self, job_seeking: bool) -> PolicyBuilder {
        let mut b = Policy::builder()
            .job_seeking(job_seeking)
            .fallback(pick(Decision::ALL, self.fallback));
        if let Some(p) = &self.profession {
            b = b.profession(p.text());
        }
        for p in self.interesting_professions.iter().take(MAX_LIST) {
            b = b.interesting_profession(p.text());
        }
        for p in self.passions.iter().take(MAX_LIST) {
            b = b.passion(p.text());
        }
        for p in self.platforms.iter().take(MAX_LIST) {
            if let Some(p) = p.platform() {
                b = b.platform(p);
            }
        }
        for &i in self.disable.iter().take(BuiltinRule::ALL.len()) {
            b = b.disable(pick(BuiltinRule::ALL, i).id());
        }
        let rules = &self.rules[..self.rules.len().min(MAX_LIST)];
        let rust_at = self
            .rust_rule
            .as_ref()
            .map(|(_, _, at)| usize::from(*at) % (rules.len() + 1));
        for (i, r) in rules.iter().enumerate() {
            if rust_at == Some(i) {
                b = self.add_rust_rule(b);
            }
            let id = format!("rule-{i}");
            let decision = pick(Decision::ALL, r.decision);
            let mut rule = match &r.when {
                Some(when) => DataRule::new(id, when.condition(1), decision, r.reason.text()),
                None => DataRule::always(id, decision, r.reason.text()),
            };
            for p in r.platforms.iter().flatten().take(MAX_LIST) {
                if let Some(p) = p.platform() {
                    rule = rule.on(p);
                }
            }
            b = b.data_rule(rule);
        }
        if rust_at == Some(rules.len()) {
            b = self.add_rust_rule(b);
        }
        b
    }

    fn add_rust_rule(&self, b: PolicyBuilder) -> PolicyBuilder {
        match &self.rust_rule {
            Some((tag, decision, _)) => b.rule(TagRule {
                tag: tag.text().trim().to_lowercase(),
                decision: pick(Decision::ALL, *decision),
            }),
            None => b,
        }
    }
}

/// `contact` with the facts of `change` made.
fn changed(contact: &Contact, facts: &[FactChange]) -> (Contact, Option<bool>) {
    let mut c = contact.clone();
    let mut job_seeking = None;
    for fact in facts {
        match *fact {
            FactChange::Acquaintance(a) => c = c.with_acquaintance(a),
            FactChange::MyView(v) => c = c.with_my_view(v),
            FactChange::TheirView(v) => c = c.with_their_view(v),
            FactChange::JobSeeking(b) => job_seeking = Some(b),
            other => panic!("a fact change this target does not know: {other:?}"),
        }
    }
    (c, job_seeking)
}

fuzz_target!(|input: Input| {
    let Ok(policy) = input.builder(input.job_seeking).build() else {
        return;
    };
    let has_rust_rule = input.rust_rule.is_some();
    let platform = input.platform.platform().unwrap_or(Platform::LinkedIn);
    let other_platform = if platform == Platform::Facebook {
        Platform::Twitter
    } else {
        Platform::Facebook
    };
    let contacts: Vec<Contact> = input
        .contacts
        .iter()
        .take(MAX_LIST)
        .map(ArbContact::contact)
        .collect();

    // Rules the analysis says can never decide.
    let never: Vec<String> = match policy.analyze() {
        Ok(warnings) => warnings
            .iter()
            .filter_map(|w| {
                let _ = w.to_string();
                match w {
                    Warning::Unsatisfiable { rule } | Warning::Shadowed { rule, .. } => {
                        Some(rule.clone())
                    }
                    Warning::BuiltinUnreachable { rule, .. } => Some(rule.id().to_owned()),
                    // A rule written in Rust: the analysis says nothing of
                    // when it decides.
                    Warning::NotAnalysed { .. } => None,
                    other => Some(other.rule_id().to_owned()),
                }
            })
            .collect(),
        Err(e) => {
            let _ = e.to_string();
            Vec::new()
        }
    };
    let table = match policy.decision_table(&platform) {
        Ok(table) => {
            let _ = table.to_string();
            Some(table)
        }
        Err(e) => {
            let _ = e.to_string();
            None
        }
    };
    let other_table = policy.decision_table(&other_platform).ok();
    // The same policy with the job-seeking setting flipped, to check the
    // changes that flip it.
    let flipped = input.builder(!input.job_seeking).build().ok();

    for contact in &contacts {
        for direction in Direction::ALL {
            let verdict = policy.evaluate(contact, &platform, direction);
            let record = verdict.to_record();
            assert_eq!(record.decision, verdict.decision());
            assert_eq!(record.rule, verdict.rule_id());
            assert_eq!(record.explanation, verdict.explanation());
            assert_eq!(record.reply, verdict.reply());
            assert_eq!(
                verdict.reply().is_some(),
                verdict.decision() == Decision::MeetFirst
            );
            let _ = verdict.to_string();
            assert!(
                !never.iter().any(|id| id == verdict.rule_id()),
                "analyze says `{}` never decides, but it decides {contact:?} on {platform} ({direction})",
                verdict.rule_id()
            );

            for change in policy.what_would_change(contact, &platform, direction) {
                let _ = change.to_string();
                assert_ne!(
                    change.decision(),
                    verdict.decision(),
                    "{change:?} gives the current decision"
                );
                assert!(!change.facts().is_empty());
                let (probe, job_seeking) = changed(contact, change.facts());
                let deciding = match job_seeking {
                    Some(js) if js != input.job_seeking => match &flipped {
                        Some(p) => p,
                        None => continue,
                    },
                    _ => &policy,
                };
                let after = deciding.evaluate(&probe, &platform, direction);
                assert_eq!(
                    after.decision(),
                    change.decision(),
                    "{change:?} for {contact:?}"
                );
                assert_eq!(
                    after.rule_id(),
                    change.rule_id(),
                    "{change:?} for {contact:?}"
                );
            }

            let unknown: Vec<Fact> = Fact::ALL
                .into_iter()
                .enumerate()
                .filter(|(i, _)| input.unknown & (1 << i) != 0)
                .map(|(_, f)| f)
                .collect();
            if let Ok(tree) = policy.ask(contact, &unknown, &platform, direction) {
                let _ = serde_json::to_string(&tree);
                let mut node = tree.root();
                let mut steps = 0;
                while let AskNode::Question(q) = node {
                    let answer = q
                        .answer_for(contact, input.job_seeking)
                        .unwrap_or_else(|| panic!("no answer for {contact:?} to {q:?}"));
                    node = tree.node(answer.next()).unwrap();
                    steps += 1;
                    assert!(steps <= tree.nodes().len());
                }
                match node {
                    AskNode::Decided { decision, rule } => {
                        assert_eq!(*decision, verdict.decision(), "{contact:?}: {tree:?}");
                        if let Some(rule) = rule {
                            assert_eq!(rule, verdict.rule_id());
                        }
                    }
                    AskNode::Evaluate => assert!(has_rust_rule),
                    other => panic!("{other:?}"),
                }
            }

            let request = Request::new(contact, &platform, direction, policy.settings());
            if let Some(table) = &table {
                let rows: Vec<_> = table.matching(&request).collect();
                assert_eq!(rows.len(), 1, "{contact:?} on {platform} ({direction})");
                if !has_rust_rule {
                    assert_eq!(
                        rows[0].decision(),
                        verdict.decision(),
                        "{contact:?} on {platform}"
                    );
                    assert_eq!(
                        rows[0].rule_id(),
                        verdict.rule_id(),
                        "{contact:?} on {platform}"
                    );
                }
            }
            if let Some(other) = &other_table {
                assert_eq!(other.matching(&request).count(), 0);
            }
        }
    }

    // Built in code, the policy still writes a document that loads back.
    if !has_rust_rule {
        acquaint_fuzz::check_round_trip(&policy, serde_json::to_string, |text| {
            serde_json::from_str::<Policy>(text)
        });
    }
});
