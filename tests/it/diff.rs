//! `Policy::diff`: checked against brute force over the finite space. For
//! every request, the two policies give different decisions exactly when a
//! row of the diff matches it, and that row's before and after are what
//! `evaluate` gives with each policy (README, "What an edit changes"); the
//! row's cells, read as a condition, hold for exactly its requests.

use std::time::{Duration, Instant};

use crate::common::rows::{RowRules, host_condition};
use crate::common::{busy_policy, busy_vocab, finite, rule_fn};
use acquaint::{
    AnalysisError, Condition, DataRule, Decision, Direction, Platform, Policy, PolicyDiff, Request,
};

/// Checks `before.diff(&after, platform)` on every request of `vocab`'s
/// space, with job seeking on and off in both (the diff compares both
/// values, as a decision table does); and that each row's cells, read as a
/// host reads them, and its `condition()` hold for exactly the requests
/// the row matches. Returns the requests checked.
fn check_exact(before: &Policy, after: &Policy, vocab: &finite::Vocab) -> usize {
    let contacts = vocab.contacts();
    let mut checked = 0;
    for platform in vocab.platforms() {
        let diff = before.diff(after, &platform).unwrap();
        let mut used = vec![false; diff.rows().len()];
        for job_seeking in [false, true] {
            let (mut was, mut is) = (before.clone(), after.clone());
            was.set_job_seeking(job_seeking);
            is.set_job_seeking(job_seeking);
            let rows = diff.rows();
            let hosts = RowRules::new(rows.iter().map(|r| host_condition(r.cells())), job_seeking);
            let own = RowRules::new(rows.iter().map(|r| r.condition()), job_seeking);
            for direction in Direction::ALL {
                for contact in &contacts {
                    let old = was.evaluate(contact, &platform, direction);
                    let new = is.evaluate(contact, &platform, direction);
                    let request = Request::new(contact, &platform, direction, was.settings());
                    let rows: Vec<_> = diff.matching(&request).collect();
                    let context = || {
                        format!(
                            "{contact:?} on {platform} ({direction}, job seeking {job_seeking})\n{diff}"
                        )
                    };
                    let by_cells = hosts.row(contact, &platform, direction);
                    assert_eq!(by_cells, own.row(contact, &platform, direction));
                    if old.decision() == new.decision() {
                        assert!(rows.is_empty(), "{}", context());
                        assert_eq!(by_cells, None, "{}", context());
                    } else {
                        assert_eq!(rows.len(), 1, "{}", context());
                        let row = rows[0];
                        assert_eq!(
                            row.before(),
                            (old.decision(), old.rule_id()),
                            "{}",
                            context()
                        );
                        assert_eq!(
                            row.after(),
                            (new.decision(), new.rule_id()),
                            "{}",
                            context()
                        );
                        let index = diff.rows().iter().position(|r| std::ptr::eq(r, row));
                        used[index.unwrap()] = true;
                        assert_eq!(by_cells, index, "{}", context());
                    }
                    checked += 1;
                }
            }
        }
        assert!(used.iter().all(|u| *u), "a row matches no request\n{diff}");
        // A diff says nothing of another platform.
        if platform != Platform::Facebook {
            let ada = finite::contacts().swap_remove(0);
            let request = Request::new(
                &ada,
                &Platform::Facebook,
                Direction::Incoming,
                before.settings(),
            );
            assert_eq!(diff.matching(&request).count(), 0);
        }
    }
    checked
}

/// Both ways round: the diff of `a` and `b`, and of `b` and `a`.
fn check_both_ways(a: &Policy, b: &Policy, vocab: &finite::Vocab) {
    let n = check_exact(a, b, vocab);
    assert_eq!(n, vocab.count() * vocab.platforms().len() * 2 * 2);
    check_exact(b, a, vocab);
}

fn rule(id: &str, when: Condition, decision: Decision) -> DataRule {
    DataRule::new(id, when, decision, "")
}

fn tag(name: &str) -> Condition {
    Condition::Tag(name.into())
}

fn mastodon() -> Platform {
    "mastodon".parse().unwrap()
}

#[test]
fn identical_policies_have_an_empty_diff() {
    for policy in [Policy::default(), busy_policy(false), busy_policy(true)] {
        for platform in busy_vocab().platforms() {
            let diff = policy.diff(&policy, &platform).unwrap();
            assert!(diff.is_empty(), "{diff}");
            assert!(policy.diff(&policy.clone(), &platform).unwrap().is_empty());
            assert_eq!(diff.columns(), [] as [String; 0]);
        }
    }
    check_both_ways(&busy_policy(false), &busy_policy(false), &busy_vocab());
}

#[cfg(feature = "serde")]
#[test]
fn the_default_policy_file_and_the_default_policy_have_an_empty_diff() {
    let file: Policy =
        toml::from_str(include_str!("../../examples/policies/default.toml")).unwrap();
    let platforms = [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        mastodon(),
    ];
    for platform in &platforms {
        for (before, after) in [(&file, &Policy::default()), (&Policy::default(), &file)] {
            let diff = before.diff(after, platform).unwrap();
            assert!(diff.is_empty(), "on {platform}:\n{diff}");
        }
    }
    // The rules keep the built-in ids under `my.`: the decisions are the
    // same, the rules are not, and only decisions count.
    let table = file.decision_table(&Platform::LinkedIn).unwrap();
    assert!(table.rows()[0].rule_id().starts_with("my."));
}

#[test]
fn adding_rules_shows_where_they_decide_otherwise() {
    check_both_ways(&Policy::default(), &busy_policy(false), &busy_vocab());
    check_both_ways(&busy_policy(true), &Policy::default(), &busy_vocab());
}

#[test]
fn a_rule_added_reads_as_a_table() {
    let after = Policy::builder()
        .data_rule(rule("family", tag("family"), Decision::Accept).on(Platform::Facebook))
        .build()
        .unwrap();
    let diff = Policy::default().diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(
        diff.to_string(),
        "\
| personal friend | tag: family | before                            | after             |
|-----------------|-------------|-----------------------------------|-------------------|
| no              | yes         | decline (`facebook.not-a-friend`) | accept (`family`) |
"
    );
    let row = &diff.rows()[0];
    assert_eq!(
        row.facts().collect::<Vec<_>>(),
        [("personal friend", "no"), ("tag: family", "yes")]
    );
    assert_eq!(row.before(), (Decision::Decline, "facebook.not-a-friend"));
    assert_eq!(row.after(), (Decision::Accept, "family"));
    assert_eq!(diff.columns(), ["personal friend", "tag: family"]);
    assert_eq!(diff.platform(), &Platform::Facebook);
    // Its `Debug` shows the platform and the rows.
    let debug = format!("{diff:?}");
    assert!(
        debug.starts_with("PolicyDiff { platform: Facebook, rows: [DiffRow {")
            && debug.contains("\"family\"")
            && debug.ends_with(", .. }"),
        "{debug}"
    );
    // On LinkedIn the rule never applies.
    assert!(
        Policy::default()
            .diff(&after, &Platform::LinkedIn)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn switching_a_builtin_rule_off_shows_who_falls_through() {
    let after = Policy::builder()
        .disable("linkedin.not-met")
        .disable("twitter.no-purpose")
        .fallback(Decision::MeetFirst)
        .build()
        .unwrap();
    check_both_ways(&Policy::default(), &after, &finite::Vocab::default());
    let diff = Policy::default().diff(&after, &Platform::Twitter).unwrap();
    assert_eq!(
        diff.to_string(),
        "\
| star of their field | before                         | after                   |
|---------------------|--------------------------------|-------------------------|
| no                  | decline (`twitter.no-purpose`) | meet-first (`fallback`) |
"
    );
}

#[test]
fn changed_settings_are_compared_over_the_names_of_both() {
    let before = Policy::builder()
        .profession("software engineer")
        .interesting_profession("designer")
        .passion("animals")
        .build()
        .unwrap();
    let after = Policy::builder()
        .profession("designer")
        .interesting_profession("biologist")
        .passion("animals")
        .passion("chess")
        .platform(mastodon())
        .build()
        .unwrap();
    let vocab = finite::Vocab {
        professions: vec!["software engineer", "designer", "biologist"],
        passions: vec!["animals", "chess"],
        ..Default::default()
    };
    check_both_ways(&before, &after, &vocab);
    let diff = before.diff(&after, &Platform::Twitter).unwrap();
    assert!(!diff.is_empty());
    // Only Twitter reads these settings; a declared platform no rule
    // names decides as any other.
    for platform in [Platform::LinkedIn, Platform::Facebook, mastodon()] {
        assert!(before.diff(&after, &platform).unwrap().is_empty());
    }
}

#[test]
fn passions_only_one_policy_holds_are_told_apart() {
    // The same passions in other settings: "chess" alone must count, not
    // "any of animals and chess".
    let before = Policy::builder().passion("animals").build().unwrap();
    let after = Policy::builder()
        .passion("chess")
        .passion("animals")
        .build()
        .unwrap();
    let diff = before.diff(&after, &Platform::Twitter).unwrap();
    assert_eq!(diff.rows().len(), 1, "{diff}");
    assert_eq!(
        diff.rows()[0].facts().collect::<Vec<_>>(),
        [
            ("star of their field", "no"),
            ("passion: animals", "no"),
            ("passion: chess", "yes")
        ]
    );
    let vocab = finite::Vocab {
        passions: vec!["animals", "chess"],
        ..Default::default()
    };
    check_both_ways(&before, &after, &vocab);
}

#[test]
fn reordered_rules_show_where_the_first_now_wins() {
    let first = rule("vip", tag("vip"), Decision::Accept);
    let second = rule(
        "no-recruiters",
        Condition::Recruiter(true),
        Decision::Decline,
    );
    let before = Policy::builder()
        .data_rule(first.clone())
        .data_rule(second.clone())
        .build()
        .unwrap();
    let after = Policy::builder()
        .data_rule(second)
        .data_rule(first)
        .build()
        .unwrap();
    let vocab = finite::Vocab {
        tags: vec!["vip"],
        ..Default::default()
    };
    check_both_ways(&before, &after, &vocab);
    for platform in vocab.platforms() {
        let diff = before.diff(&after, &platform).unwrap();
        assert_eq!(diff.rows().len(), 1, "{diff}");
        assert_eq!(
            diff.rows()[0].facts().collect::<Vec<_>>(),
            [("recruiter", "yes"), ("tag: vip", "yes")]
        );
        assert_eq!(diff.rows()[0].before(), (Decision::Accept, "vip"));
        assert_eq!(diff.rows()[0].after(), (Decision::Decline, "no-recruiters"));
    }
}

#[test]
fn platforms_each_policy_names_are_all_in_the_space() {
    let github: Platform = "github".parse().unwrap();
    let before = Policy::builder()
        .platform(mastodon())
        .data_rule(rule("fedi", tag("fediverse"), Decision::Accept).on(mastodon()))
        .build()
        .unwrap();
    let after = Policy::builder()
        .platform(github.clone())
        .fallback(Decision::MeetFirst)
        .data_rule(rule("coders", Condition::Star(true), Decision::Accept).on(github))
        .build()
        .unwrap();
    let vocab = finite::Vocab {
        tags: vec!["fediverse"],
        platforms: vec!["mastodon", "github"],
        ..Default::default()
    };
    check_both_ways(&before, &after, &vocab);
}

#[test]
fn a_changed_job_seeking_setting_alone_leaves_the_diff_empty_and_is_reported() {
    let before = Policy::default();
    let after = Policy::builder().job_seeking(true).build().unwrap();
    let diff = before.diff(&after, &Platform::LinkedIn).unwrap();
    assert!(diff.is_empty());
    assert_eq!(diff.job_seeking(), (false, true));
    assert_eq!(
        diff.to_string(),
        "No difference: the two policies give every request on this platform the same decision.\n"
    );
    // A rule for when I am job seeking shows, whatever the setting.
    let after = Policy::builder()
        .data_rule(rule(
            "hunting",
            Condition::JobSeeking(true),
            Decision::Accept,
        ))
        .build()
        .unwrap();
    let diff = before.diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(
        diff.rows()[0].facts().collect::<Vec<_>>(),
        [("I am job seeking", "yes"), ("personal friend", "no")]
    );
    check_both_ways(&before, &after, &finite::Vocab::default());
}

#[test]
fn rules_written_in_rust_are_left_out_and_named() {
    let after = Policy::builder()
        .rule(rule_fn("opaque", |_| Some(Decision::Accept)))
        .disable("facebook.friend")
        .build()
        .unwrap();
    let diff = Policy::default().diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(diff.rust_rules(), ["opaque"]);
    assert_eq!(diff.rows().len(), 1);
    assert!(
        diff.to_string().ends_with(
            "\nLeft out: the rules written in Rust (`opaque`). The diff shows where the \
             policies differ when none of them applies.\n"
        ),
        "{diff}"
    );
    // Named once, when both policies hold it.
    let diff = after.diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(diff.rust_rules(), ["opaque"]);
}

fn block_list(n: usize) -> Policy {
    let tags = (0..n).map(|i| tag(&format!("tag-{i}"))).collect();
    Policy::builder()
        .data_rule(rule(
            "not-blocked",
            Condition::Not(Box::new(Condition::Any(tags))),
            Decision::Accept,
        ))
        .build()
        .unwrap()
}

#[test]
fn a_long_block_list_with_one_more_tag_is_one_row() {
    let before = block_list(10_000);
    let mut builder = block_list(10_000).into_builder();
    builder = builder.disable("facebook.not-a-friend");
    let after = builder.build().unwrap();
    let diff = before.diff(&after, &Platform::Facebook).unwrap();
    assert!(diff.is_empty(), "{diff}");

    let after = block_list(10_001);
    let diff = before.diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(diff.rows().len(), 1, "{diff}");
    assert_eq!(
        diff.rows()[0].facts().collect::<Vec<_>>(),
        [
            ("personal friend", "no"),
            ("tag: any of tag-0, tag-1, tag-2, … (10,000 tags)", "no"),
            ("tag: tag-10000", "yes")
        ]
    );
}

/// Rules that each split the space on another tag, with decisions that
/// alternate: past the budget or the row limit for any platform.
fn combinatorial(tags: usize) -> Policy {
    let mut builder = Policy::builder();
    for i in 0..tags {
        let decision = if i % 2 == 0 {
            Decision::Accept
        } else {
            Decision::Decline
        };
        builder = builder.data_rule(rule(
            &format!("r{i}"),
            Condition::All(vec![
                tag(&format!("a{i}")),
                Condition::Not(Box::new(tag(&format!("b{i}")))),
            ]),
            decision,
        ));
    }
    builder.build().unwrap()
}

#[test]
fn a_huge_diff_ends_with_an_error_quickly() {
    let before = combinatorial(3_000);
    let after = Policy::default();
    let started = Instant::now();
    let err = before.diff(&after, &Platform::LinkedIn).unwrap_err();
    assert!(
        matches!(
            err,
            AnalysisError::TooComplex { .. } | AnalysisError::DiffTooLarge { .. }
        ),
        "{err}"
    );
    // Generous for a debug build on a busy machine: the budget bounds it.
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn too_many_rows_is_an_error_naming_the_limit() {
    let err = AnalysisError::DiffTooLarge {
        limit: PolicyDiff::MAX_ROWS,
    };
    assert_eq!(
        err.to_string(),
        "policies: more than 10000 rows of requests decided differently"
    );
}

#[cfg(feature = "serde")]
#[test]
fn a_diff_serializes_as_data() {
    let after = Policy::builder()
        .disable("facebook.friend")
        .build()
        .unwrap();
    let diff = Policy::default().diff(&after, &Platform::Facebook).unwrap();
    assert_eq!(
        serde_json::to_value(&diff).unwrap(),
        serde_json::json!({
            "platform": "facebook",
            "columns": ["personal friend"],
            "rows": [{
                "facts": { "personal friend": "yes" },
                "cells": [{ "label": "personal friend", "key": "friend", "values": [true] }],
                "before": { "decision": "accept", "rule": "facebook.friend" },
                "after": { "decision": "decline", "rule": "facebook.not-a-friend" },
            }],
            "rust-rules": [],
            "job-seeking": { "before": false, "after": false },
        })
    );
}

/// Diffs compare by what they show (README, "What an edit changes").
#[test]
fn diffs_compare_by_what_they_show() {
    let before = Policy::default();
    let off = Policy::builder()
        .disable("facebook.friend")
        .build()
        .unwrap();
    let diff = before.diff(&off, &Platform::Facebook).unwrap();
    assert_eq!(diff, before.diff(&off, &Platform::Facebook).unwrap());
    assert_ne!(diff, off.diff(&before, &Platform::Facebook).unwrap());
    // Empty diffs are equal, unless the job-seeking settings differ.
    let same = before.diff(&before, &Platform::LinkedIn).unwrap();
    assert_eq!(same, off.diff(&off, &Platform::LinkedIn).unwrap());
    let seeking = Policy::builder().job_seeking(true).build().unwrap();
    let seeking_diff = before.diff(&seeking, &Platform::LinkedIn).unwrap();
    assert!(seeking_diff.is_empty());
    assert_ne!(same, seeking_diff);
    assert_eq!(same.job_seeking(), (false, false));
    assert_eq!(seeking_diff.job_seeking(), (false, true));
    let back = seeking.diff(&before, &Platform::LinkedIn).unwrap();
    assert_eq!(back.job_seeking(), (true, false));
    assert_ne!(back, seeking_diff);
    assert_eq!(
        seeking
            .diff(&seeking, &Platform::LinkedIn)
            .unwrap()
            .job_seeking(),
        (true, true)
    );
    // Another platform with the same (empty) rows is another diff.
    assert_ne!(same, before.diff(&before, &Platform::Twitter).unwrap());
}
