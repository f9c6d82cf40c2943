//! `Policy::decision_table`: every request of the finite space matches
//! exactly one row, and that row's decision and rule are `evaluate`'s.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use acquaint::{
    Condition, Contact, DataRule, Decision, Direction, Platform, Policy, Request, View,
};
use common::{finite, rule_fn};

fn check_exact(make: impl Fn(bool) -> Policy, vocab: &finite::Vocab) -> usize {
    let policies = [make(false), make(true)];
    let contacts = vocab.contacts();
    let mut checked = 0;
    for platform in vocab.platforms() {
        let table = policies[0].decision_table(&platform).unwrap();
        // Job seeking is a column, so the setting does not change the table.
        assert_eq!(
            table.to_string(),
            policies[1].decision_table(&platform).unwrap().to_string()
        );
        let mut used = vec![false; table.rows().len()];
        for policy in &policies {
            for direction in Direction::ALL {
                for contact in &contacts {
                    let request = Request::new(contact, &platform, direction, policy.settings());
                    let rows: Vec<_> = table.matching(&request).collect();
                    assert_eq!(
                        rows.len(),
                        1,
                        "{contact:?} on {platform} ({direction})\n{table}"
                    );
                    let row = rows[0];
                    let verdict = policy.evaluate(contact, &platform, direction);
                    assert_eq!(
                        (row.decision(), row.rule_id()),
                        (verdict.decision(), verdict.rule_id()),
                        "{contact:?} on {platform} ({direction})\n{table}"
                    );
                    let index = table.rows().iter().position(|r| std::ptr::eq(r, row));
                    used[index.unwrap()] = true;
                    checked += 1;
                }
            }
        }
        assert!(used.iter().all(|u| *u), "a row matches no request\n{table}");
        // Requests on another platform match no row.
        if platform != Platform::Facebook {
            let ada = Contact::new("Ada");
            let request = Request::new(
                &ada,
                &Platform::Facebook,
                Direction::Incoming,
                policies[0].settings(),
            );
            assert_eq!(table.matching(&request).count(), 0);
        }
    }
    checked
}

#[test]
fn default_policy_tables_are_exact() {
    let n = check_exact(
        |js| Policy::builder().job_seeking(js).build().unwrap(),
        &finite::Vocab::default(),
    );
    assert_eq!(n, finite::Vocab::default().count() * 4 * 2 * 2);
}

fn busy_policy(js: bool) -> Policy {
    let mastodon: Platform = "mastodon".parse().unwrap();
    Policy::builder()
        .job_seeking(js)
        .profession("software engineer")
        .interesting_profession("designer")
        .passion("animals")
        .platform(mastodon.clone())
        .data_rule(DataRule::new(
            "vip",
            Condition::Tag("vip".into()),
            Decision::Accept,
            "",
        ))
        .data_rule(
            DataRule::new(
                "no-spam",
                Condition::Any(vec![
                    Condition::Tag("spam".into()),
                    Condition::MutualConnectionsAtLeast(100),
                ]),
                Decision::Decline,
                "",
            )
            .on(Platform::Twitter),
        )
        .data_rule(
            DataRule::new(
                "big-network",
                Condition::All(vec![
                    Condition::MutualConnectionsAtLeast(100),
                    Condition::MetInPerson(true),
                    Condition::Not(Box::new(Condition::MyView(View::Negative))),
                ]),
                Decision::Accept,
                "",
            )
            .on(Platform::LinkedIn),
        )
        .data_rule(
            DataRule::new(
                "animal-lovers",
                Condition::Any(vec![
                    Condition::SharesPassion(true),
                    Condition::Profession("designer".into()),
                ]),
                Decision::Accept,
                "",
            )
            .on(mastodon.clone()),
        )
        .data_rule(
            DataRule::new(
                "designers-meet-first",
                Condition::All(vec![
                    Condition::InterestingProfession(true),
                    Condition::Star(false),
                    Condition::Direction(Direction::Outgoing),
                ]),
                Decision::MeetFirst,
                "",
            )
            .on(Platform::Twitter),
        )
        .data_rule(
            DataRule::new(
                "job-hunt",
                Condition::All(vec![
                    Condition::JobSeeking(true),
                    Condition::Recruiter(true),
                ]),
                Decision::Accept,
                "",
            )
            .on(mastodon),
        )
        .disable("facebook.not-a-friend")
        .fallback(Decision::MeetFirst)
        .build()
        .unwrap()
}

#[test]
fn a_policy_with_user_rules_and_settings_has_exact_tables() {
    let vocab = finite::Vocab {
        professions: vec!["software engineer", "designer"],
        passions: vec!["animals"],
        tags: vec!["vip", "spam"],
        thresholds: vec![100],
        platforms: vec!["mastodon"],
        ..Default::default()
    };
    let n = check_exact(busy_policy, &vocab);
    assert_eq!(n, vocab.count() * 5 * 2 * 2);
}

#[test]
fn tables_read_as_markdown() {
    let policy = busy_policy(false);
    let table = policy.decision_table(&"mastodon".parse().unwrap()).unwrap();
    println!("{table}");
    assert_eq!(
        table.to_string(),
        "\
| I am job seeking | recruiter | profession   | passion: animals | tag: vip | decision   | rule            |
|------------------|-----------|--------------|------------------|----------|------------|-----------------|
| any              | any       | any          | any              | yes      | accept     | `vip`           |
| any              | any       | any          | yes              | no       | accept     | `animal-lovers` |
| any              | any       | designer     | no               | no       | accept     | `animal-lovers` |
| yes              | yes       | not designer | no               | no       | accept     | `job-hunt`      |
| yes              | no        | not designer | no               | no       | meet-first | `fallback`      |
| no               | any       | not designer | no               | no       | meet-first | `fallback`      |
"
    );
    let twitter = policy.decision_table(&Platform::Twitter).unwrap();
    println!("{twitter}");
    assert!(twitter.to_string().contains("| fewer than 100"));
    assert!(twitter.to_string().contains("| at least 100"));
}

#[test]
fn a_platform_nobody_names_has_only_the_fallback() {
    let table = Policy::default()
        .decision_table(&"github".parse().unwrap())
        .unwrap();
    assert_eq!(
        table.to_string(),
        "\
| decision | rule       |
|----------|------------|
| decline  | `fallback` |
"
    );
    assert_eq!(table.platform().as_str(), "github");
}

#[test]
fn rules_written_in_rust_are_left_out_and_named() {
    let policy = Policy::builder()
        .rule(rule_fn("opaque", |_| Some(Decision::Accept)))
        .build()
        .unwrap();
    let table = policy.decision_table(&Platform::Facebook).unwrap();
    assert!(
        table.to_string().ends_with(
            "\nLeft out: the rules written in Rust (`opaque`). The table shows the decision when none of them applies.\n"
        ),
        "{table}"
    );
    assert_eq!(table.rows().len(), 2);
}

#[test]
fn pipes_in_values_are_escaped() {
    let policy = Policy::builder()
        .data_rule(DataRule::new(
            "pipes",
            Condition::Tag("a|b".into()),
            Decision::Accept,
            "",
        ))
        .build()
        .unwrap();
    let text = policy
        .decision_table(&Platform::Facebook)
        .unwrap()
        .to_string();
    assert!(text.contains("| tag: a\\|b "), "{text}");
}

fn no_note_from_strangers(js: bool) -> Policy {
    Policy::builder()
        .job_seeking(js)
        .data_rule(
            DataRule::new(
                "no-note",
                Condition::All(vec![
                    Condition::HasMessage(false),
                    Condition::SpokeWith(false),
                ]),
                Decision::Decline,
                "A stranger who wrote no note",
            )
            .on(Platform::LinkedIn),
        )
        .build()
        .unwrap()
}

/// `has-message` is a fact of the table like the others, and the table is
/// exact over every contact with and without a note.
#[test]
fn has_message_is_a_column_of_exact_tables() {
    let vocab = finite::Vocab::default();
    let n = check_exact(no_note_from_strangers, &vocab);
    assert_eq!(n, vocab.count() * vocab.platforms().len() * 2 * 2);
    let table = no_note_from_strangers(false)
        .decision_table(&Platform::LinkedIn)
        .unwrap()
        .to_string();
    assert!(table.contains("| invitation with a note |"), "{table}");
    let noted: Vec<&str> = table.lines().filter(|l| l.contains("`no-note`")).collect();
    assert_eq!(noted.len(), 1, "{table}");
    assert!(
        noted[0].contains("| never spoken ") && noted[0].contains("| no "),
        "{table}"
    );
}
