//! `Policy::decision_table`: every request of the finite space matches
//! exactly one row, and that row's decision and rule are `evaluate`'s; the
//! row's cells, read as a condition, hold for exactly its requests.

use crate::common::rows::{RowRules, host_condition};
use crate::common::{busy_policy, busy_vocab, finite, rule_fn};
use crate::strategies::{cases, contact, data_policy, holds, platform};
use acquaint::{
    Condition, Contact, DataRule, Decision, Direction, FactValue, Platform, Policy, Request,
};
use proptest::collection::vec;
use proptest::prelude::*;

/// Checks the tables of the policy `make` gives (with job seeking off and
/// on) on every request of `vocab`'s space: each matches exactly one row,
/// which gives `evaluate`'s decision and rule, and whose cells' keys and
/// values, read as a host reads them, and its own `condition()`, hold for
/// it and for no other row's requests. Returns the requests checked.
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
            let js = policy.settings().job_seeking();
            let hosts = RowRules::new(table.rows().iter().map(|r| host_condition(r.cells())), js);
            let own = RowRules::new(table.rows().iter().map(|r| r.condition()), js);
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
                    assert_eq!(
                        hosts.row(contact, &platform, direction),
                        index,
                        "{contact:?} on {platform} ({direction})\n{table}"
                    );
                    assert_eq!(
                        own.row(contact, &platform, direction),
                        index,
                        "{contact:?} on {platform} ({direction})\n{table}"
                    );
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

#[test]
fn a_policy_with_user_rules_and_settings_has_exact_tables() {
    let vocab = busy_vocab();
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

// ---- Names read together, and large policies ---------------------------------

/// Tags named only together in `any` lists (or only in `all` lists) are one
/// fact of the table; a tag named alone too keeps its own column.
fn grouped_tags(js: bool) -> Policy {
    Policy::builder()
        .job_seeking(js)
        .data_rule(DataRule::new(
            "blocked",
            Condition::Any(vec![
                Condition::Tag("spam".into()),
                Condition::Tag("scam".into()),
                Condition::Tag("spam".into()),
            ]),
            Decision::Decline,
            "",
        ))
        .data_rule(
            DataRule::new(
                "team",
                Condition::All(vec![
                    Condition::Tag("team".into()),
                    Condition::Friend(true),
                    Condition::Tag("staff".into()),
                ]),
                Decision::Accept,
                "",
            )
            .on(Platform::LinkedIn),
        )
        .data_rule(
            DataRule::new(
                "vip-or-star",
                Condition::Any(vec![Condition::Tag("vip".into()), Condition::Star(true)]),
                Decision::Accept,
                "",
            )
            .on(Platform::Twitter),
        )
        .data_rule(DataRule::new(
            "not-vip",
            Condition::Not(Box::new(Condition::Tag("vip".into()))),
            Decision::MeetFirst,
            "",
        ))
        .build()
        .unwrap()
}

#[test]
fn tags_read_together_are_one_column_of_exact_tables() {
    let vocab = finite::Vocab {
        tags: vec!["spam", "scam", "team", "staff", "vip"],
        ..Default::default()
    };
    let n = check_exact(grouped_tags, &vocab);
    assert_eq!(n, vocab.count() * vocab.platforms().len() * 2 * 2);
    let linkedin = grouped_tags(false)
        .decision_table(&Platform::LinkedIn)
        .unwrap()
        .to_string();
    let header = linkedin.lines().next().unwrap();
    assert!(
        header.ends_with(
            "| personal friend | tag: any of spam, scam | tag: all of team, staff | tag: vip | decision   | rule                          |"
        ),
        "{linkedin}"
    );
}

/// The user's passions are read together by `shares-passion` and the
/// built-in `twitter.shared-purpose`; one also named alone stands apart.
fn grouped_passions(js: bool) -> Policy {
    Policy::builder()
        .job_seeking(js)
        .passion("animals")
        .passion("chess")
        .passion("music")
        .data_rule(
            DataRule::new(
                "musicians",
                Condition::Passion("music".into()),
                Decision::MeetFirst,
                "",
            )
            .on(Platform::Facebook),
        )
        .data_rule(
            DataRule::new(
                "kindred",
                Condition::All(vec![
                    Condition::SharesPassion(true),
                    Condition::Passion("climbing".into()),
                ]),
                Decision::Accept,
                "",
            )
            .on(Platform::LinkedIn),
        )
        .build()
        .unwrap()
}

#[test]
fn passions_read_together_are_one_column_of_exact_tables() {
    let vocab = finite::Vocab {
        passions: vec!["animals", "chess", "music", "climbing"],
        ..Default::default()
    };
    let n = check_exact(grouped_passions, &vocab);
    assert_eq!(n, vocab.count() * vocab.platforms().len() * 2 * 2);
    // On Facebook, the rule on music reads music alone; on Twitter, where
    // that rule cannot apply, my passions are read together.
    let table = |platform| {
        grouped_passions(false)
            .decision_table(&platform)
            .unwrap()
            .to_string()
    };
    let facebook = table(Platform::Facebook);
    assert!(
        facebook.contains("| personal friend | passion: music | decision"),
        "{facebook}"
    );
    let twitter = table(Platform::Twitter);
    assert!(
        twitter.contains("| passion: any of animals, chess, music |"),
        "{twitter}"
    );
}

fn many_tags(n: usize) -> Vec<Condition> {
    (0..n).map(|i| Condition::Tag(format!("t{i}"))).collect()
}

/// A block list is one fact, however long: its table is the same as for a
/// list of two, and its header names the first few tags and the count.
#[test]
fn a_block_list_of_ten_thousand_tags_is_one_column() {
    let block = |n| {
        Policy::builder()
            .data_rule(DataRule::new(
                "blocked",
                Condition::Not(Box::new(Condition::Any(many_tags(n)))),
                Decision::Accept,
                "",
            ))
            .build()
            .unwrap()
    };
    let small = block(5).decision_table(&Platform::Twitter).unwrap();
    let policy = block(10_000);
    let large = policy.decision_table(&Platform::Twitter).unwrap();
    let shape = |table: &acquaint::DecisionTable| -> Vec<(Vec<String>, Decision, String)> {
        table
            .rows()
            .iter()
            .map(|row| {
                let values = row.facts().map(|(_, value)| value.to_owned()).collect();
                (values, row.decision(), row.rule_id().to_owned())
            })
            .collect()
    };
    assert_eq!(shape(&small), shape(&large));
    let header = large.to_string().lines().next().unwrap().to_owned();
    assert_eq!(
        header,
        "| star of their field | tag: any of t0, t1, t2, … (10,000 tags) | decision | rule                     |"
    );
    assert!(
        small
            .to_string()
            .starts_with("| star of their field | tag: any of t0, t1, t2, … (5 tags) | decision |"),
        "{small}"
    );
    // A count of a multiple of three digits gets no leading comma.
    let hundred = block(100).decision_table(&Platform::Twitter).unwrap();
    assert!(
        hundred
            .to_string()
            .starts_with("| star of their field | tag: any of t0, t1, t2, … (100 tags) |"),
        "{hundred}"
    );
    let four = block(4).decision_table(&Platform::Twitter).unwrap();
    assert!(
        four.to_string()
            .starts_with("| star of their field | tag: any of t0, t1, t2, t3 | decision |"),
        "{four}"
    );
    let spammer = Contact::new("Sam").with_tag("t9999");
    let request = Request::new(
        &spammer,
        &Platform::Twitter,
        Direction::Incoming,
        policy.settings(),
    );
    let rows: Vec<_> = large.matching(&request).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].rule_id(), "twitter.no-purpose");
}

/// Tags a rule names only on Facebook cost the LinkedIn table nothing: it
/// is the default policy's.
#[test]
fn tags_of_a_rule_for_another_platform_leave_the_table_as_it_was() {
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "facebook-tags",
                Condition::Any(many_tags(10_000)),
                Decision::Accept,
                "",
            )
            .on(Platform::Facebook),
        )
        .build()
        .unwrap();
    assert_eq!(
        policy
            .decision_table(&Platform::LinkedIn)
            .unwrap()
            .to_string(),
        Policy::default()
            .decision_table(&Platform::LinkedIn)
            .unwrap()
            .to_string()
    );
}

/// Long lists in the settings are tabulated, not refused.
#[test]
fn ten_thousand_platforms_professions_or_passions_are_tabulated() {
    let mut builder = Policy::builder().profession("pilot");
    for i in 0..10_000 {
        builder = builder
            .platform(format!("p{i}").parse().unwrap())
            .interesting_profession(format!("profession {i}"))
            .passion(format!("passion {i}"));
    }
    let policy = builder.build().unwrap();
    assert!(policy.analyze().unwrap().is_empty());
    let twitter = policy
        .decision_table(&Platform::Twitter)
        .unwrap()
        .to_string();
    assert!(
        twitter
            .contains("| passion: any of passion 0, passion 1, passion 2, … (10,000 passions) |"),
        "{twitter}"
    );
    assert!(
        twitter.contains("| pilot, profession 0, profession 1, … (10,001 professions) "),
        "{twitter}"
    );
    assert!(
        twitter.contains("| none of pilot, profession 0, profession 1, … (10,001 professions) "),
        "{twitter}"
    );
    let table = policy.decision_table(&"p42".parse().unwrap()).unwrap();
    assert_eq!(table.rows().len(), 1);
}

/// Mutual connections read as runs between the thresholds the rules name:
/// "fewer than 10", "10 to 49", "at least 50" (the rustdoc of the table's
/// values), and runs apart are joined with "or".
#[test]
fn mutual_connections_read_as_runs_between_thresholds() {
    let mastodon: Platform = "mastodon".parse().unwrap();
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "middle",
                Condition::All(vec![
                    Condition::MutualConnectionsAtLeast(10),
                    Condition::Not(Box::new(Condition::MutualConnectionsAtLeast(50))),
                ]),
                Decision::Decline,
                "",
            )
            .on(mastodon.clone()),
        )
        .fallback(Decision::Accept)
        .build()
        .unwrap();
    let table = policy.decision_table(&mastodon).unwrap();
    assert_eq!(
        table.to_string(),
        "\
| mutual connections           | decision | rule       |
|------------------------------|----------|------------|
| 10 to 49                     | decline  | `middle`   |
| fewer than 10 or at least 50 | accept   | `fallback` |
"
    );
    // Runs next to each other read as one.
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "few",
                Condition::Not(Box::new(Condition::MutualConnectionsAtLeast(50))),
                Decision::Decline,
                "",
            )
            .on(mastodon.clone()),
        )
        .data_rule(
            DataRule::new(
                "ten",
                Condition::MutualConnectionsAtLeast(10),
                Decision::Accept,
                "",
            )
            .on(mastodon.clone()),
        )
        .build()
        .unwrap();
    assert_eq!(
        policy.decision_table(&mastodon).unwrap().to_string(),
        "\
| mutual connections | decision | rule  |
|--------------------|----------|-------|
| fewer than 50      | decline  | `few` |
| at least 50        | accept   | `ten` |
"
    );
    // Its `Debug` shows the platform and the rows.
    let debug = format!("{table:?}");
    assert!(
        debug.starts_with("DecisionTable { platform: ")
            && debug.contains("mastodon")
            && debug.contains("rule_id: \"middle\""),
        "{debug}"
    );
}

/// A policy with one data rule, on Facebook only.
fn with_facebook_rule(id: &str, when: Condition) -> Policy {
    Policy::builder()
        .data_rule(DataRule::new(id, when, Decision::Accept, "").on(Platform::Facebook))
        .build()
        .unwrap()
}

/// Tables compare by what they show (README, "What a policy decides"), so
/// a host can tell whether an edit changed a platform's table.
#[test]
fn tables_compare_by_what_they_show() {
    let policy = Policy::default();
    let linkedin = policy.decision_table(&Platform::LinkedIn).unwrap();
    assert_eq!(
        linkedin,
        policy.decision_table(&Platform::LinkedIn).unwrap()
    );
    assert_eq!(
        linkedin,
        policy.clone().decision_table(&Platform::LinkedIn).unwrap()
    );
    // Another platform, another table.
    assert_ne!(linkedin, policy.decision_table(&Platform::Twitter).unwrap());
    // A rule on Facebook only leaves LinkedIn's table as it was, and
    // changes Facebook's.
    let tagged = with_facebook_rule(
        "close",
        Condition::Any(vec![
            Condition::Tag("family".into()),
            Condition::Tag("school".into()),
        ]),
    );
    assert_eq!(
        linkedin,
        tagged.decision_table(&Platform::LinkedIn).unwrap()
    );
    assert_ne!(
        policy.decision_table(&Platform::Facebook).unwrap(),
        tagged.decision_table(&Platform::Facebook).unwrap()
    );
    // The same decisions under another rule id are another table.
    let renamed = Policy::builder()
        .disable("facebook.friend")
        .data_rule(
            DataRule::new("friend", Condition::Friend(true), Decision::Accept, "")
                .on(Platform::Facebook),
        )
        .build()
        .unwrap();
    let (before, after) = (
        policy.decision_table(&Platform::Facebook).unwrap(),
        renamed.decision_table(&Platform::Facebook).unwrap(),
    );
    assert_eq!(before.rows().len(), after.rows().len());
    assert_ne!(before, after);
    assert_ne!(before.rows()[0], after.rows()[0]);
    assert_eq!(before.rows()[1], after.rows()[1]);
    // Rows with the same decision and rule differ by their facts.
    let table_for_tag = |tag: &str| {
        with_facebook_rule("x", Condition::Tag(tag.into()))
            .decision_table(&Platform::Facebook)
            .unwrap()
    };
    let (a, b) = (table_for_tag("a"), table_for_tag("b"));
    assert_eq!(a.rows()[0].rule_id(), b.rows()[0].rule_id());
    assert_ne!(a.rows()[0], b.rows()[0]);
    assert_eq!(a.rows()[0], table_for_tag("a").rows()[0]);
    // Also in the same columns, and they hash apart.
    let friend = |friend: bool| {
        with_facebook_rule("x", Condition::Friend(friend))
            .decision_table(&Platform::Facebook)
            .unwrap()
    };
    let (yes, no) = (friend(true), friend(false));
    assert_eq!(yes.columns(), ["personal friend"]);
    assert_eq!(yes.columns(), no.columns());
    let (yes, no) = (&yes.rows()[0], &no.rows()[0]);
    assert_eq!(
        (yes.decision(), yes.rule_id()),
        (no.decision(), no.rule_id())
    );
    assert_ne!(yes, no);
    let hash = |row: &acquaint::TableRow| {
        use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
        BuildHasherDefault::<DefaultHasher>::default().hash_one(row)
    };
    assert_ne!(hash(yes), hash(no));
    assert_eq!(hash(yes), hash(&friend(true).rows()[0]));
    // A rule written in Rust left out is part of the table.
    let with_rust = Policy::builder()
        .rule(rule_fn("mine", |_| None))
        .build()
        .unwrap();
    let rust_table = with_rust.decision_table(&Platform::LinkedIn).unwrap();
    assert_eq!(rust_table.rust_rules(), ["mine"]);
    assert_eq!(linkedin.rust_rules(), [] as [String; 0]);
    assert_eq!(rust_table.rows(), linkedin.rows());
    assert_ne!(rust_table, linkedin);
}

/// Each row's cells give the condition key of its column and the values
/// the row holds, as a policy document writes them: a group of tags read
/// in `any` lists gives its tags, one read in `all` lists needs all of
/// them, "no" is negated; mutual connections are ranges between the
/// thresholds; a list of names is given whole, however long.
#[test]
fn cells_give_condition_keys_and_values() {
    let table = grouped_tags(false)
        .decision_table(&Platform::LinkedIn)
        .unwrap();
    let row = table.rows().iter().find(|r| r.rule_id() == "team").unwrap();
    let cell = |label: &str| row.cells().find(|c| c.label() == label).unwrap();
    let team = cell("tag: all of team, staff");
    assert_eq!((team.key(), team.text()), ("tag", "yes"));
    assert_eq!(
        team.values(),
        [FactValue::Text("team"), FactValue::Text("staff")]
    );
    assert!(team.needs_all() && !team.is_negated());
    let spam = cell("tag: any of spam, scam");
    assert_eq!(
        spam.values(),
        [FactValue::Text("spam"), FactValue::Text("scam")]
    );
    assert!(spam.is_negated() && !spam.needs_all());
    assert_eq!(
        spam.condition(),
        Some(Condition::Not(Box::new(Condition::Any(vec![
            Condition::Tag("spam".into()),
            Condition::Tag("scam".into()),
        ]))))
    );
    let friend = cell("personal friend");
    assert_eq!(
        (friend.key(), friend.values()),
        ("friend", vec![FactValue::Bool(true)])
    );
    let direction = cell("direction");
    assert!(direction.is_any() && direction.values().is_empty());
    assert_eq!(direction.condition(), None);
    let keys: Vec<&str> = row.cells().map(|c| c.key()).collect();
    assert_eq!(
        keys,
        [
            "direction",
            "job-seeking",
            "recruiter",
            "acquaintance",
            "my-view",
            "their-view",
            "friend",
            "tag",
            "tag",
            "tag"
        ]
    );

    let mastodon: Platform = "mastodon".parse().unwrap();
    let policy = Policy::builder()
        .data_rule(
            DataRule::new(
                "middle",
                Condition::All(vec![
                    Condition::MutualConnectionsAtLeast(10),
                    Condition::Not(Box::new(Condition::MutualConnectionsAtLeast(50))),
                ]),
                Decision::Decline,
                "",
            )
            .on(mastodon.clone()),
        )
        .build()
        .unwrap();
    let table = policy.decision_table(&mastodon).unwrap();
    let values: Vec<Vec<FactValue<'_>>> = table
        .rows()
        .iter()
        .map(|row| row.cells().next().unwrap().values())
        .collect();
    let range = |at_least, below| FactValue::MutualConnections { at_least, below };
    assert_eq!(
        values,
        [
            vec![range(10, Some(50))],
            vec![range(0, Some(10)), range(50, None)]
        ]
    );
    assert_eq!(
        table.rows()[1].condition(),
        Some(Condition::Any(vec![
            Condition::Not(Box::new(Condition::MutualConnectionsAtLeast(10))),
            Condition::MutualConnectionsAtLeast(50),
        ]))
    );

    let mut builder = Policy::builder().profession("pilot");
    for i in 0..10_000 {
        builder = builder.interesting_profession(format!("profession {i}"));
    }
    let table = builder
        .build()
        .unwrap()
        .decision_table(&Platform::Twitter)
        .unwrap();
    let cells: Vec<_> = table
        .rows()
        .iter()
        .flat_map(|row| row.cells())
        .filter(|c| c.text().starts_with("none of pilot"))
        .collect();
    assert!(!cells.is_empty(), "{table}");
    for cell in cells {
        assert!(cell.is_negated());
        let values = cell.values();
        assert_eq!(values.len(), 10_001);
        assert_eq!(
            values[..2],
            [FactValue::Text("pilot"), FactValue::Text("profession 0")]
        );
    }
}

proptest! {
    #![proptest_config(cases(64))]

    /// For any policy of data rules, each row of a table, read from its
    /// cells' keys and values as a host reads them, holds for exactly the
    /// requests the row matches, by the plainly written model of
    /// conditions.
    #[test]
    fn any_tables_rows_read_from_their_cells_hold_for_their_requests(
        spec in data_policy(),
        contacts in vec(contact(), 1..16),
        platform in platform(),
        job_seeking in any::<bool>(),
    ) {
        let mut policy = spec.build();
        policy.set_job_seeking(job_seeking);
        // A policy too complex to tabulate has nothing to check.
        let Ok(table) = policy.decision_table(&platform) else {
            return Ok(());
        };
        let rows = table.rows();
        let conditions: Vec<Option<Condition>> =
            rows.iter().map(|row| host_condition(row.cells())).collect();
        for contact in &contacts {
            for direction in Direction::ALL {
                let settings = policy.settings();
                let request = Request::new(contact, &platform, direction, settings);
                let matched: Vec<usize> = table
                    .matching(&request)
                    .filter_map(|row| rows.iter().position(|r| std::ptr::eq(r, row)))
                    .collect();
                let holding: Vec<usize> = conditions
                    .iter()
                    .enumerate()
                    .filter(|(_, when)| {
                        when.as_ref()
                            .is_none_or(|c| holds(c, contact, &platform, direction, settings))
                    })
                    .map(|(i, _)| i)
                    .collect();
                prop_assert_eq!(&holding, &matched, "{:?} ({})\n{}", contact, direction, table);
                prop_assert_eq!(holding.len(), 1);
            }
        }
    }
}
