//! `Policy::ask` against brute force, as the README's "Ask only what
//! decides" and the docs of `Policy::ask` promise: following the tree with
//! any contact's facts reaches the decision `evaluate` gives it; every
//! question asked has answers that lead to different outcomes; and the
//! tree asks as few questions as possible in the worst case.

use acquaint::*;
use proptest::prelude::*;
use proptest::sample::subsequence;

use crate::strategies::{self, ContactSpec, cases};

/// The node a contact's facts (and the job-seeking setting) lead to.
fn walk<'t>(tree: &'t AskTree, contact: &Contact, job_seeking: bool) -> &'t AskNode {
    let mut node = tree.root();
    let mut steps = 0;
    while let AskNode::Question(q) = node {
        let answer = q
            .answer_for(contact, job_seeking)
            .unwrap_or_else(|| panic!("no answer to {q:?} for {contact:?}"));
        node = tree.node(answer.next()).unwrap();
        steps += 1;
        assert!(steps <= tree.nodes().len(), "a loop in {tree:?}");
    }
    node
}

/// `known` with the facts in `unknown` taken from `other`.
fn mix(known: &ContactSpec, other: &ContactSpec, unknown: &[Fact]) -> ContactSpec {
    let mut c = known.clone();
    for fact in unknown {
        match fact {
            Fact::Acquaintance => c.acquaintance = other.acquaintance,
            Fact::MyView => c.my_view = other.my_view,
            Fact::TheirView => c.their_view = other.their_view,
            Fact::Recruiter => c.recruiter = other.recruiter,
            Fact::Friend => c.friend = other.friend,
            Fact::Star => c.star = other.star,
            Fact::Profession => c.profession = other.profession.clone(),
            Fact::Passions => c.passions = other.passions.clone(),
            Fact::Tags => c.tags = other.tags.clone(),
            Fact::FacebookFriend => c.facebook_friend = other.facebook_friend,
            Fact::MutualConnections => c.mutual_connections = other.mutual_connections,
            Fact::Message => c.message = other.message.clone(),
            // The setting: see `check`.
            _ => {}
        }
    }
    c
}

/// Decided means every completion gives that decision (and rule, when the
/// tree names one); every question's answers lead to different outcomes.
fn check(
    policy: &Policy,
    known: &ContactSpec,
    completions: &[(ContactSpec, bool)],
    unknown: &[Fact],
    platform: &Platform,
    direction: Direction,
) {
    let tree = match policy.ask(&known.build(), unknown, platform, direction) {
        Ok(tree) => tree,
        Err(AnalysisError::TooManyUnknowns { .. }) => return,
        Err(e) => panic!("{e}"),
    };
    for (other, other_js) in completions {
        let contact = mix(known, other, unknown).build();
        let js = if unknown.contains(&Fact::JobSeeking) {
            *other_js
        } else {
            policy.settings().job_seeking()
        };
        let mut p = policy.clone();
        p.set_job_seeking(js);
        let verdict = p.evaluate(&contact, platform, direction);
        match walk(&tree, &contact, js) {
            AskNode::Decided { decision, rule } => {
                assert_eq!(*decision, verdict.decision(), "{contact:?} {js}\n{tree:#?}");
                if let Some(rule) = rule {
                    assert_eq!(rule, verdict.rule_id());
                }
            }
            AskNode::Evaluate => assert!(!tree.rust_rules().is_empty()),
            other => panic!("{other:?}"),
        }
    }
    for node in tree.nodes() {
        let AskNode::Question(q) = node else { continue };
        let mut outcomes = q.answers().iter().map(|a| tree.node(a.next()).unwrap());
        let first = outcomes.next().unwrap();
        let all_same_decision = matches!(first, AskNode::Decided { .. })
            && outcomes.all(|o| match (o, first) {
                (AskNode::Decided { decision: a, .. }, AskNode::Decided { decision: b, .. }) => {
                    a == b
                }
                _ => false,
            });
        assert!(!all_same_decision || !tree.rust_rules().is_empty(), "{q:?}");
        assert!(q.answers().len() >= 2);
    }
}

fn default_toml() -> Policy {
    toml::from_str(include_str!("../../examples/policies/default.toml")).unwrap()
}

fn completions() -> impl Strategy<Value = Vec<(ContactSpec, bool)>> {
    prop::collection::vec((strategies::contact_spec(), any::<bool>()), 24)
}

fn unknown() -> impl Strategy<Value = Vec<Fact>> {
    subsequence(Fact::ALL.to_vec(), 0..=Fact::ALL.len())
}

proptest! {
    #![proptest_config(cases(64))]

    #[test]
    fn the_default_policies_decide_as_their_trees_say(
        toml in any::<bool>(),
        known in strategies::contact_spec(),
        completions in completions(),
        unknown in unknown(),
        platform in strategies::platform(),
        direction in strategies::direction(),
        js in any::<bool>(),
    ) {
        let mut policy = if toml { default_toml() } else { Policy::default() };
        policy.set_job_seeking(js);
        check(&policy, &known, &completions, &unknown, &platform, direction);
    }

    #[test]
    fn any_policy_decides_as_its_tree_says(
        spec in strategies::policy(),
        known in strategies::contact_spec(),
        completions in completions(),
        unknown in unknown(),
        platform in strategies::platform(),
        direction in strategies::direction(),
    ) {
        let policy = spec.build();
        check(&policy, &known, &completions, &unknown, &platform, direction);
    }
}

/// One answer to a fact: it sets the contact's fact, or job seeking.
type Setter = Box<dyn Fn(&mut ContactSpec, &mut bool)>;

/// The facts with the same answers in the library and here, for the brute
/// force below.
fn domain(fact: Fact) -> Vec<Setter> {
    fn each<T: Copy + 'static>(
        values: &[T],
        set: fn(&mut ContactSpec, &mut bool, T),
    ) -> Vec<Setter> {
        values
            .iter()
            .map(|&v| Box::new(move |c: &mut ContactSpec, js: &mut bool| set(c, js, v)) as _)
            .collect()
    }
    match fact {
        Fact::Acquaintance => each(&Acquaintance::ALL, |c, _, v| c.acquaintance = v),
        Fact::MyView => each(&View::ALL, |c, _, v| c.my_view = v),
        Fact::TheirView => each(&View::ALL, |c, _, v| c.their_view = v),
        Fact::Recruiter => each(&[false, true], |c, _, v| c.recruiter = v),
        Fact::Friend => each(&[false, true], |c, _, v| c.friend = v),
        Fact::Star => each(&[false, true], |c, _, v| c.star = v),
        Fact::FacebookFriend => each(&[false, true], |c, _, v| c.facebook_friend = v),
        Fact::JobSeeking => each(&[false, true], |_, js, v| *js = v),
        _ => unreachable!(),
    }
}

/// The least worst-case number of questions over `facts`, by trying every
/// order of questions: 0 when every completion decides alike.
fn least_depth(
    policy: &Policy,
    contact: &ContactSpec,
    js: bool,
    facts: &[Fact],
    platform: &Platform,
    direction: Direction,
) -> usize {
    let decisions = |c: &ContactSpec, js: bool| {
        let mut p = policy.clone();
        p.set_job_seeking(js);
        p.evaluate(&c.build(), platform, direction).decision()
    };
    // Every completion's decision.
    fn all(
        c: &ContactSpec,
        js: bool,
        facts: &[Fact],
        out: &mut Vec<Decision>,
        decide: &dyn Fn(&ContactSpec, bool) -> Decision,
    ) {
        let Some((first, rest)) = facts.split_first() else {
            out.push(decide(c, js));
            return;
        };
        for set in domain(*first) {
            let (mut c, mut js) = (c.clone(), js);
            set(&mut c, &mut js);
            all(&c, js, rest, out, decide);
        }
    }
    let mut out = Vec::new();
    all(contact, js, facts, &mut out, &decisions);
    if out.iter().all(|d| *d == out[0]) {
        return 0;
    }
    (0..facts.len())
        .map(|i| {
            let rest: Vec<Fact> = facts
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != i)
                .map(|(_, f)| *f)
                .collect();
            1 + domain(facts[i])
                .iter()
                .map(|set| {
                    let (mut c, mut js) = (contact.clone(), js);
                    set(&mut c, &mut js);
                    least_depth(policy, &c, js, &rest, platform, direction)
                })
                .max()
                .unwrap_or(0)
        })
        .min()
        .unwrap_or(0)
}

proptest! {
    #![proptest_config(cases(48))]

    /// Where the space is small, the tree's worst case is the least any
    /// order of questions has.
    #[test]
    fn the_tree_asks_the_fewest_questions(
        spec in strategies::data_policy(),
        default in any::<bool>(),
        known in strategies::contact_spec(),
        facts in subsequence(
            vec![
                Fact::Acquaintance,
                Fact::MyView,
                Fact::TheirView,
                Fact::Recruiter,
                Fact::JobSeeking,
                Fact::Friend,
                Fact::FacebookFriend,
                Fact::Star,
            ],
            0..=4,
        ),
        platform in strategies::platform(),
        direction in strategies::direction(),
    ) {
        let policy = if default { Policy::default() } else { spec.build() };
        let tree = policy.ask(&known.build(), &facts, &platform, direction).unwrap();
        prop_assert!(tree.is_exact());
        let js = policy.settings().job_seeking();
        let least = least_depth(&policy, &known, js, &facts, &platform, direction);
        prop_assert_eq!(tree.depth(), least);
    }
}

/// The README's example: on LinkedIn, with nothing known but the name,
/// acquaint asks whether we met first, and "never" decides at once unless a
/// view could decline.
#[test]
fn a_stranger_on_linkedin_is_asked_whether_we_met_first() {
    let policy = Policy::default();
    let tree = policy
        .ask(
            &Contact::new("Priya Raman"),
            &Fact::ALL,
            &Platform::LinkedIn,
            Direction::Incoming,
        )
        .unwrap();
    assert!(tree.is_exact());
    let AskNode::Question(first) = tree.root() else {
        panic!("{tree:?}")
    };
    // Only the facts LinkedIn's rules read are ever asked: whether she is
    // a recruiter matters only if I am looking for a job.
    for node in tree.nodes() {
        if let AskNode::Question(q) = node {
            assert!(
                matches!(
                    q.fact(),
                    Fact::Acquaintance
                        | Fact::MyView
                        | Fact::TheirView
                        | Fact::Recruiter
                        | Fact::JobSeeking
                ),
                "{q:?}"
            );
        }
    }
    assert!(first.text().contains("Priya"), "{first:?}");
    assert_eq!(tree.depth(), 5);
}

/// A policy with a rule written in Rust asks every unknown fact, then
/// evaluates, and says which rule made it so.
#[test]
fn rules_written_in_rust_are_read_as_reading_every_fact() {
    let policy = Policy::builder()
        .rule(crate::common::rule_fn("mine", |_| None))
        .build()
        .unwrap();
    let tree = policy
        .ask(
            &Contact::new("Sam"),
            &[Fact::Star, Fact::Recruiter],
            &Platform::Twitter,
            Direction::Incoming,
        )
        .unwrap();
    assert_eq!(tree.rust_rules(), ["mine"]);
    assert_eq!(tree.depth(), 2);
    assert_eq!(tree.nodes().last(), Some(&AskNode::Evaluate));
}

/// A host drives the questions from JSON: every node, question and answer
/// is data, with the fact named as a policy document names it.
#[test]
fn the_tree_serializes_for_a_page_or_a_command() {
    let policy = Policy::builder().passion("chess").build().unwrap();
    let tree = policy
        .ask(
            &Contact::new("Priya"),
            &[Fact::Star, Fact::Passions, Fact::Profession],
            &Platform::Twitter,
            Direction::Incoming,
        )
        .unwrap();
    let json = serde_json::to_value(&tree).unwrap();
    let root = &json["nodes"][0];
    assert_eq!(root["kind"], "question");
    assert_eq!(root["fact"], "star");
    assert_eq!(root["text"], "Is Priya a star of their field?");
    assert_eq!(root["answers"][0]["value"], true);
    let yes = root["answers"][0]["next"].as_u64().unwrap() as usize;
    assert_eq!(
        json["nodes"][yes],
        serde_json::json!({ "kind": "decided", "decision": "accept", "rule": "twitter.shared-purpose" })
    );
    // Then my passions, named.
    let no = root["answers"][1]["next"].as_u64().unwrap() as usize;
    assert_eq!(json["nodes"][no]["fact"], "passions");
    assert_eq!(
        json["nodes"][no]["text"],
        "Does Priya share one of your passions (chess)?"
    );
    assert_eq!(json["exact"], true);
}

/// Thousands of names in a policy are refused at once, or answered within
/// the budget: never a search without end.
#[test]
fn many_named_tags_are_refused_with_the_limit() {
    let rules = (0..100).map(|i| {
        DataRule::new(
            format!("t{i}"),
            Condition::Tag(format!("tag{i}")),
            Decision::Decline,
            "",
        )
    });
    let policy = rules
        .fold(Policy::builder(), |b, r| b.data_rule(r))
        .build()
        .unwrap();
    let error = policy
        .ask(
            &Contact::new("Sam"),
            &[Fact::Tags],
            &Platform::Twitter,
            Direction::Incoming,
        )
        .unwrap_err();
    assert_eq!(error, AnalysisError::TooManyUnknowns { limit: 1 << 20 });
}

/// The largest count is a threshold like any other: the range from it has
/// no end, and a contact with that many connections answers it.
#[test]
fn the_largest_threshold_starts_the_last_range() {
    let policy = Policy::builder()
        .data_rule(DataRule::new(
            "all-of-them",
            Condition::MutualConnectionsAtLeast(u32::MAX),
            Decision::Accept,
            "",
        ))
        .build()
        .unwrap();
    let tree = policy
        .ask(
            &Contact::new("Sam"),
            &[Fact::MutualConnections],
            &Platform::Twitter,
            Direction::Incoming,
        )
        .unwrap();
    let everyone = Contact::new("Sam").with_mutual_connections(u32::MAX);
    let AskNode::Question(q) = tree.root() else {
        panic!("{tree:?}")
    };
    let answer = q.answer_for(&everyone, false).unwrap();
    assert_eq!(
        answer.value(),
        &AnswerValue::MutualConnections {
            at_least: u32::MAX,
            below: None
        }
    );
    assert!(matches!(
        tree.node(answer.next()),
        Some(AskNode::Decided {
            decision: Decision::Accept,
            ..
        })
    ));
}

/// My interesting professions that no rule names are one answer: any of
/// them answers it, and the question lists each profession the policy
/// names, then "something else".
#[test]
fn interesting_professions_are_one_answer() {
    let policy = Policy::builder()
        .profession("software engineer")
        .interesting_profession("designer")
        .interesting_profession("painter")
        .build()
        .unwrap();
    let tree = policy
        .ask(
            &Contact::new("Ada"),
            &[Fact::Profession],
            &Platform::Twitter,
            Direction::Incoming,
        )
        .unwrap();
    let AskNode::Question(q) = tree.root() else {
        panic!("{tree:?}")
    };
    let words: Vec<&str> = q.answers().iter().map(Answer::text).collect();
    assert_eq!(
        words,
        [
            "software engineer",
            "designer or another profession you find interesting",
            "Something else"
        ]
    );
    let painter = Contact::new("Ada").with_profession("Painter");
    let answer = q.answer_for(&painter, false).unwrap();
    assert_eq!(answer.text(), words[1]);
    let baker = Contact::new("Ada").with_profession("baker");
    assert_eq!(
        q.answer_for(&baker, false).unwrap().text(),
        "Something else"
    );
}
