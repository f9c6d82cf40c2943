//! `Policy::what_would_change`, checked against a brute-force oracle over
//! every starting point of the finite space.

use crate::common::{finite, rule_fn};
use acquaint::{
    Acquaintance, Condition, Contact, DataRule, Decision, Direction, FactChange, Platform, Policy,
    View,
};

/// The moves of acquaintance a person can make, written out by hand.
fn may_become(from: Acquaintance, to: Acquaintance) -> bool {
    use Acquaintance::*;
    matches!(
        (from, to),
        (
            Never,
            Spoken | MetInPerson | WorkedRemotely | WorkedInPerson
        ) | (Spoken, MetInPerson | WorkedRemotely | WorkedInPerson)
            | (MetInPerson, WorkedInPerson)
            | (WorkedRemotely, WorkedInPerson)
    )
}

type Answer = (Vec<FactChange>, Decision, String);

/// Tries every combination of the changeable facts, keeps those that change
/// the decision, then those with no smaller change set for the same
/// decision.
fn oracle(
    policies: &[Policy; 2],
    job_seeking: bool,
    contact: &Contact,
    platform: &Platform,
    direction: Direction,
) -> Vec<Answer> {
    let current = policies[usize::from(job_seeking)]
        .evaluate(contact, platform, direction)
        .decision();
    let mut found: Vec<Answer> = Vec::new();
    for a in Acquaintance::ALL {
        for mine in View::ALL {
            for theirs in View::ALL {
                for js in [false, true] {
                    let mut facts = Vec::new();
                    if a != contact.acquaintance() {
                        if !may_become(contact.acquaintance(), a) {
                            continue;
                        }
                        facts.push(FactChange::Acquaintance(a));
                    }
                    if mine != contact.my_view() {
                        if mine == View::Unknown {
                            continue;
                        }
                        facts.push(FactChange::MyView(mine));
                    }
                    if theirs != contact.their_view() {
                        if theirs == View::Unknown {
                            continue;
                        }
                        facts.push(FactChange::TheirView(theirs));
                    }
                    if js != job_seeking {
                        facts.push(FactChange::JobSeeking(js));
                    }
                    if facts.is_empty() {
                        continue;
                    }
                    let probe = contact
                        .clone()
                        .with_acquaintance(a)
                        .with_my_view(mine)
                        .with_their_view(theirs);
                    let verdict = policies[usize::from(js)].evaluate(&probe, platform, direction);
                    if verdict.decision() != current {
                        found.push((facts, verdict.decision(), verdict.rule_id().to_owned()));
                    }
                }
            }
        }
    }
    let minimal: Vec<Answer> = found
        .iter()
        .filter(|(facts, decision, _)| {
            !found.iter().any(|(other, d, _)| {
                d == decision && other != facts && other.iter().all(|f| facts.contains(f))
            })
        })
        .cloned()
        .collect();
    minimal
}

/// The documented order: decision (accept, decline, meet-first), number of
/// facts, then the facts by kind and value.
fn order_key(answer: &Answer) -> (usize, usize, Vec<(usize, usize)>) {
    let rank = match answer.1 {
        Decision::Accept => 0,
        Decision::Decline => 1,
        _ => 2,
    };
    let facts = answer
        .0
        .iter()
        .map(|f| match f {
            FactChange::Acquaintance(a) => (0, *a as usize),
            FactChange::MyView(v) => (1, *v as usize),
            FactChange::TheirView(v) => (2, *v as usize),
            FactChange::JobSeeking(b) => (3, usize::from(*b)),
            _ => unreachable!(),
        })
        .collect();
    (rank, answer.0.len(), facts)
}

fn check_everywhere(make: impl Fn(bool) -> Policy, vocab: &finite::Vocab) -> usize {
    let policies = [make(false), make(true)];
    let contacts = vocab.contacts();
    let mut checked = 0;
    for platform in vocab.platforms() {
        for direction in Direction::ALL {
            for js in [false, true] {
                let policy = &policies[usize::from(js)];
                for contact in &contacts {
                    let got: Vec<Answer> = policy
                        .what_would_change(contact, &platform, direction)
                        .iter()
                        .map(|c| (c.facts().to_vec(), c.decision(), c.rule_id().to_owned()))
                        .collect();
                    let mut want = oracle(&policies, js, contact, &platform, direction);
                    want.sort_by_key(order_key);
                    assert_eq!(
                        got, want,
                        "{contact:?} on {platform} ({direction}), job seeking {js}"
                    );
                    checked += 1;
                }
            }
        }
    }
    checked
}

#[test]
fn default_policy_matches_the_oracle_everywhere() {
    let n = check_everywhere(
        |js| Policy::builder().job_seeking(js).build().unwrap(),
        &finite::Vocab::default(),
    );
    assert_eq!(n, finite::Vocab::default().count() * 4 * 2 * 2);
}

#[test]
fn custom_policy_matches_the_oracle_everywhere() {
    let mastodon: Platform = "mastodon".parse().unwrap();
    let make = |js| {
        Policy::builder()
            .job_seeking(js)
            .platform(mastodon.clone())
            // Decline a recruiter I would speak negatively of, anywhere.
            .rule(rule_fn("no-bad-recruiters", |r| {
                (r.contact.is_recruiter() && r.contact.my_view() == View::Negative)
                    .then_some(Decision::Decline)
            }))
            .data_rule(
                DataRule::new(
                    "spoken-and-vouched",
                    Condition::All(vec![
                        Condition::Acquaintance(Acquaintance::Spoken),
                        Condition::MyView(View::Positive),
                        Condition::TheirView(View::Positive),
                    ]),
                    Decision::Accept,
                    "",
                )
                .on(Platform::LinkedIn),
            )
            .data_rule(
                DataRule::new(
                    "mastodon-met",
                    Condition::MetInPerson(true),
                    Decision::Accept,
                    "",
                )
                .on(mastodon.clone()),
            )
            .data_rule(
                DataRule::new(
                    "mastodon-job",
                    Condition::JobSeeking(true),
                    Decision::MeetFirst,
                    "",
                )
                .on(mastodon.clone()),
            )
            .fallback(Decision::MeetFirst)
            .build()
            .unwrap()
    };
    let vocab = finite::Vocab {
        platforms: vec!["mastodon"],
        ..Default::default()
    };
    assert_eq!(check_everywhere(make, &vocab), vocab.count() * 5 * 2 * 2);
}

fn lines(policy: &Policy, contact: &Contact, platform: &Platform) -> Vec<String> {
    policy
        .what_would_change(contact, platform, Direction::Incoming)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_stranger_is_told_to_meet_and_come_to_know_each_others_work() {
    let policy = Policy::default();
    assert_eq!(
        lines(&policy, &Contact::new("Sam"), &Platform::LinkedIn),
        [
            "meet in person and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
            "work together remotely and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
            "work together in person and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
            "meet in person → decline (linkedin.cannot-vouch)",
            "work together remotely → decline (linkedin.cannot-vouch)",
            "work together in person → decline (linkedin.cannot-vouch)",
            "come to speak negatively of their work → decline (linkedin.reputation-guard)",
            "they come to speak negatively of your work → decline (linkedin.reputation-guard)",
        ]
    );
}

#[test]
fn a_recruiter_is_accepted_by_starting_to_look_for_a_job() {
    let policy = Policy::default();
    let riley = Contact::new("Riley").with_recruiter(true);
    let got = lines(&policy, &riley, &Platform::LinkedIn);
    assert_eq!(
        got[0],
        "start looking for a job → accept (linkedin.recruiter-override)"
    );
    // Meeting and vouching still works, and is not hidden by the shorter way.
    assert!(got.contains(
        &"meet in person and come to speak positively of each other's work → accept (linkedin.mutual-vouch)"
            .to_owned()
    ));
}

#[test]
fn one_view_and_job_seeking_read_as_a_list() {
    let policy = Policy::builder().job_seeking(true).build().unwrap();
    let kim = Contact::new("Kim")
        .with_recruiter(true)
        .with_acquaintance(Acquaintance::Spoken)
        .with_my_view(View::Positive);
    let got = lines(&policy, &kim, &Platform::LinkedIn);
    assert!(got.contains(
        &"meet in person and they come to speak positively of your work → accept (linkedin.mutual-vouch)"
            .to_owned()
    ));
}

#[test]
fn accepted_contacts_can_only_be_lost_through_views() {
    let policy = Policy::default();
    let grace = Contact::new("Grace")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive);
    assert_eq!(
        lines(&policy, &grace, &Platform::LinkedIn),
        [
            "come to speak negatively of their work → decline (linkedin.reputation-guard)",
            "they come to speak negatively of your work → decline (linkedin.reputation-guard)",
        ]
    );
}

#[test]
fn nothing_a_person_can_change_moves_facebook() {
    let policy = Policy::default();
    assert!(lines(&policy, &Contact::new("Ada"), &Platform::Facebook).is_empty());
}

#[test]
fn fact_changes_read_as_phrases() {
    use FactChange::*;
    let cases = [
        (
            Acquaintance(acquaint::Acquaintance::Spoken),
            "speak or message",
        ),
        (
            MyView(View::Negative),
            "come to speak negatively of their work",
        ),
        (TheirView(View::Unknown), "they no longer know your work"),
        (JobSeeking(false), "stop looking for a job"),
    ];
    for (change, text) in cases {
        assert_eq!(change.to_string(), text);
    }
}

#[test]
fn different_views_read_as_two_phrases() {
    // `Change`'s `Display` merges the two views into "each other's work"
    // only when both become the same view (its rustdoc's example): a
    // positive view one way and a negative one the other read as two.
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "mixed",
                Condition::All(vec![
                    Condition::MyView(View::Positive),
                    Condition::TheirView(View::Negative),
                ]),
                Decision::Accept,
                "",
            )
            .on(Platform::LinkedIn),
        )
        .build()
        .unwrap();
    let got = lines(&policy, &Contact::new("Sam"), &Platform::LinkedIn);
    assert!(
        got.contains(
            &"come to speak positively of their work and they come to speak negatively of your work \
              → accept (mixed)"
                .to_owned()
        ),
        "{got:#?}"
    );
}
