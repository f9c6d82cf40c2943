//! Tests of `acquaint triage`'s logic: which person gets which decision
//! on the bundled samples, what the outputs hold, and a clear error (never
//! a panic) for every kind of bad input.
//!
//! They call the library of the `acquaint` command, which its binary runs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acquaint_cli::triage::run as cli;
#[allow(unused_imports)]
use acquaint_cli::triage::{archive, export, known, people, report, table, template};
#[allow(unused_imports)]
use acquaint_cli::{error, policy_file};
use std::path::PathBuf;

use acquaint::{Decision, Direction, Policy};
use proptest::prelude::*;

use acquaint_cli::args::{CheckFormat, Cli, Command, Format};
use acquaint_cli::commands::check::check_files;
use acquaint_cli::commands::diff::{diff, diff_status};
use acquaint_cli::{Status, args};
use clap::Parser;
use cli::{Options, run, sample_dir, sample_export};
use error::Error;
use export::{Invitation, SentAt, read_invitations};
use known::{Knowledge, resolve};
use people::{Match, People, name_key, url_key};
use policy_file::{PolicyFormat, load_policy, parse_policy};
use report::{Extra, Triaged, counts, triage, write_json, write_table};

// ---- helpers --------------------------------------------------------------

fn options() -> Options {
    Options::default()
}

fn decide(options: &Options) -> Vec<Triaged> {
    cli::decide_all(options).unwrap().triaged
}

/// (name, decision, rule) for each invitation, in the export's order.
fn decisions(triaged: &[Triaged]) -> Vec<(String, Decision, String)> {
    triaged
        .iter()
        .map(|t| {
            (
                t.invitation.contact_name().to_owned(),
                t.record.decision,
                t.record.rule.clone(),
            )
        })
        .collect()
}

fn find<'a>(triaged: &'a [Triaged], name: &str) -> &'a Triaged {
    triaged
        .iter()
        .find(|t| t.invitation.contact_name() == name)
        .unwrap_or_else(|| panic!("no invitation from or to {name}"))
}

fn output(options: &Options) -> String {
    let mut out = Vec::new();
    run(options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn read(csv: &str) -> Result<Vec<Invitation>, Error> {
    read_invitations(csv.as_bytes(), "Invitations.csv")
}

/// A file in a directory of this test run's own.
fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("acquaint-triage-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

use Decision::{Accept, Decline, MeetFirst};

fn row(name: &str, decision: Decision, rule: &str) -> (String, Decision, String) {
    (name.to_owned(), decision, rule.to_owned())
}

// ---- the bundled samples --------------------------------------------------

#[test]
fn samples_with_the_default_policy() {
    let triaged = decide(&options());
    assert_eq!(
        decisions(&triaged),
        [
            row("Grace Hopper", Accept, "linkedin.mutual-vouch"),
            row("Sam Stranger", MeetFirst, "linkedin.not-met"),
            row("Riley Recruiter", MeetFirst, "linkedin.not-met"),
            row("Pat Pushy", Decline, "linkedin.reputation-guard"),
            row("山田 太郎", Decline, "linkedin.cannot-vouch"),
            row("Zoë Ødegård", Accept, "linkedin.mutual-vouch"),
            row("Анна Петрова", MeetFirst, "linkedin.not-met"),
            row("ليلى حداد", MeetFirst, "linkedin.not-met"),
            row("Kim Nguyen", Decline, "linkedin.cannot-vouch"),
            row("Morgan Talent", MeetFirst, "linkedin.not-met"),
            row("प्रिया शर्मा", Decline, "linkedin.reputation-guard"),
            row("Jordan Reyes", MeetFirst, "linkedin.not-met"),
            row("Chris Lee", MeetFirst, "linkedin.not-met"),
        ]
    );
    assert_eq!(
        counts(&triaged),
        [(Accept, 2), (Decline, 4), (MeetFirst, 7)]
    );
}

#[test]
fn samples_match_people_by_url_and_by_name() {
    let triaged = decide(&options());
    assert_eq!(find(&triaged, "Grace Hopper").matched, Match::Url);
    // Outgoing: the contact is `To`, found by the invitee's URL.
    assert_eq!(find(&triaged, "Zoë Ødegård").matched, Match::Url);
    assert_eq!(find(&triaged, "Pat Pushy").matched, Match::Name);
    assert_eq!(find(&triaged, "山田 太郎").matched, Match::Name);
    assert_eq!(find(&triaged, "Sam Stranger").matched, Match::Stranger);
    assert_eq!(find(&triaged, "Анна Петрова").matched, Match::Stranger);
}

#[test]
fn job_seeking_accepts_recruiters_never_met() {
    let triaged = decide(&Options {
        job_seeking: true,
        ..options()
    });
    for name in ["Riley Recruiter", "Morgan Talent"] {
        let t = find(&triaged, name);
        assert_eq!(t.record.decision, Accept, "{name}");
        assert_eq!(t.record.rule, "linkedin.recruiter-override", "{name}");
        assert_eq!(t.short_reason, "a recruiter, and you are job seeking");
    }
    // Strangers who are not recruiters are still asked to meet first.
    assert_eq!(find(&triaged, "Sam Stranger").record.decision, MeetFirst);
    assert_eq!(
        counts(&triaged),
        [(Accept, 4), (Decline, 4), (MeetFirst, 5)]
    );
}

#[test]
fn the_sample_policy_declines_agency_recruiters() {
    let triaged = decide(&Options {
        policy: Some(sample_dir().join("policy.toml")),
        ..options()
    });
    let morgan = find(&triaged, "Morgan Talent");
    assert_eq!(morgan.record.decision, Decline);
    assert_eq!(morgan.record.rule, "no-agency-recruiters");
    assert_eq!(
        morgan.record.explanation,
        "An agency recruiter who writes to everyone (they are a recruiter and they are tagged \
         `agency`)"
    );
    assert_eq!(
        morgan.short_reason,
        "An agency recruiter who writes to everyone"
    );
    // The policy is job seeking: other recruiters are accepted.
    assert_eq!(
        find(&triaged, "Riley Recruiter").record.rule,
        "linkedin.recruiter-override"
    );
    assert_eq!(
        counts(&triaged),
        [(Accept, 3), (Decline, 5), (MeetFirst, 5)]
    );
}

#[test]
fn being_nice_is_not_a_reason() {
    let triaged = decide(&options());
    // A Facebook friend with 88 mutual connections I would not vouch for.
    let pat = find(&triaged, "Pat Pushy");
    assert_eq!(pat.record.decision, Decline);
    assert_eq!(pat.short_reason, "you would speak badly of their work");
    // A personal friend whose work neither of us knows.
    let kim = find(&triaged, "Kim Nguyen");
    assert_eq!(kim.record.decision, Decline);
    assert_eq!(kim.short_reason, "neither of you knows the other's work");
}

#[test]
fn the_sample_export_shows_every_quirk() {
    let path = sample_export().join("Invitations.csv");
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbfFrom,To,"),
        "byte-order mark"
    );
    let invitations = export::read_invitations_file(&path).unwrap();
    assert_eq!(invitations.len(), 13);

    let grace = &invitations[0];
    assert_eq!(grace.from, "Grace Hopper", "the BOM is not part of `From`");
    assert_eq!(grace.line, 2);
    assert_eq!(
        grace.sent_at,
        Some(SentAt {
            year: 2026,
            month: 1,
            day: 29,
            hour: 14,
            minute: 37
        })
    );
    assert_eq!(
        grace.message,
        "Great working with you on the compiler, Alex. Let's stay in touch!"
    );
    assert_eq!(
        grace.contact_url(),
        "https://www.linkedin.com/in/grace-hopper"
    );

    let sam = &invitations[1];
    assert_eq!(
        sam.message,
        "Hi Alex,\nI see we have 312 mutual connections.\nWould love to connect!"
    );
    // Sam's message spans three lines: Riley's row starts on line 6.
    let riley = &invitations[2];
    assert_eq!(riley.line, 6);
    assert_eq!(
        riley.message,
        r#"I have an exciting "rockstar" role for you, interested?"#
    );
    assert_eq!(invitations[3].message, "", "empty message");

    let zoe = &invitations[5];
    assert_eq!(zoe.direction, Direction::Outgoing);
    assert_eq!(zoe.contact_name(), "Zoë Ødegård");
    assert_eq!(zoe.contact_url(), "https://www.linkedin.com/in/zoe-odegard");

    let layla = &invitations[7];
    assert_eq!(layla.contact_name(), "ليلى حداد");
    assert_eq!(layla.contact_url(), "", "empty URL");
    assert_eq!(
        invitations[10].sent_at.unwrap().to_string(),
        "2025-12-15 12:00"
    );
}

// ---- output ---------------------------------------------------------------

#[test]
fn json_has_one_object_per_invitation_with_the_documented_keys() {
    let out = output(&Options {
        format: Format::Json,
        ..options()
    });
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 13);
    for line in &lines {
        let object = line.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = vec![
            "decision",
            "direction",
            "explanation",
            "facts",
            "name",
            "platform",
            "rule",
        ];
        if line["decision"] == "meet-first" {
            expected.push("reply");
        }
        // Each present only when not empty.
        for key in ["context", "hints", "not-inferred"] {
            if line.get(key).is_some() {
                expected.push(key);
            }
        }
        expected.sort_unstable();
        assert_eq!(keys, expected, "{line}");
        assert_eq!(line["platform"], "linkedin");
    }
    // The reply's wording, its greeting included, is the library's
    // (`Verdict::reply`): here only that there is one.
    let mut sam = lines[1].clone();
    let reply = sam.as_object_mut().unwrap().remove("reply").unwrap();
    assert!(!reply.as_str().unwrap().is_empty());
    assert_eq!(
        sam,
        serde_json::json!({
            "name": "Sam Stranger",
            "direction": "incoming",
            "platform": "linkedin",
            "decision": "meet-first",
            "rule": "linkedin.not-met",
            "explanation": "LinkedIn is for people you have already met: you have never met them, \
                            so propose meeting first",
            "facts": [],
            "not-inferred": [
                "messages.csv: only they wrote, in 1 conversation: messages you never answered \
                 are not speaking"
            ],
        })
    );
    assert_eq!(lines[5]["name"], "Zoë Ødegård");
    assert_eq!(lines[5]["direction"], "outgoing");
    assert_eq!(lines[5]["decision"], "accept");
    assert_eq!(lines[5]["rule"], "linkedin.mutual-vouch");
    assert_eq!(lines[3]["decision"], "decline");
    let replies = lines.iter().filter(|l| l.get("reply").is_some()).count();
    assert_eq!(replies, 7);
}

#[test]
fn table_has_rows_counts_and_replies() {
    let out = output(&options());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["NAME", "DIRECTION", "DECISION", "RULE", "REASON"]
    );
    assert_eq!(
        lines[2].split_whitespace().collect::<Vec<_>>(),
        [
            "Sam",
            "Stranger",
            "incoming",
            "meet-first",
            "linkedin.not-met",
            "never",
            "met"
        ]
    );
    // Wide characters count as two columns, so the table stays aligned.
    let yamada = lines.iter().find(|l| l.starts_with("山田 太郎")).unwrap();
    let sam = lines[2];
    let column = |line: &str, word: &str| {
        use unicode_width::UnicodeWidthStr;
        line[..line.find(word).unwrap()].width()
    };
    assert_eq!(column(yamada, "incoming"), column(sam, "incoming"));

    assert!(out.contains(
        "\n13 invitations: 8 from people in your people file, 3 known from the export only, \
         2 from strangers:\n"
    ));
    let count = |decision: &str| {
        let line = lines
            .iter()
            .find(|l| l.trim_start().starts_with(decision) && !l.contains("linkedin."))
            .unwrap();
        line.split_whitespace()
            .nth(1)
            .unwrap()
            .parse::<usize>()
            .unwrap()
    };
    assert_eq!(
        (count("accept"), count("decline"), count("meet-first")),
        (2, 4, 7)
    );

    let replies = out.split("Suggested replies (meet first):").nth(1).unwrap();
    for name in [
        "Sam Stranger",
        "Riley Recruiter",
        "Анна Петрова",
        "ليلى حداد",
        "Morgan Talent",
    ] {
        // The greeting's wording is the library's (`Verdict::reply`).
        assert!(replies.contains(&format!("\n  {name} (")), "{name}");
    }
    assert!(replies.contains("Анна Петрова (you invited them):"));
    assert!(replies.contains("Sam Stranger (they invited you):"));
    assert!(!replies.contains("Grace Hopper"));
}

#[test]
fn table_of_no_invitations() {
    let mut out = Vec::new();
    write_table(&mut out, &[], false).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "No invitations in the export.\n"
    );
}

#[test]
fn extra_output_appears_under_its_row_and_as_a_json_key() {
    // The place a later `--why-not` fills in.
    let invitations = read("From,To,Sent At,Message,Direction\nAda,Me,,,INCOMING\n").unwrap();
    let triaged = triage(
        &Policy::default(),
        &People::empty(),
        &Knowledge::empty(),
        invitations,
        |v| {
            vec![Extra {
                key: "why-not",
                lines: vec![format!("{} decided", v.rule_id())],
                data: None,
            }]
        },
    );
    let mut table = Vec::new();
    write_table(&mut table, &triaged, false).unwrap();
    let table = String::from_utf8(table).unwrap();
    assert_eq!(
        table.lines().nth(2),
        Some("    why-not: linkedin.not-met decided")
    );
    let mut json = Vec::new();
    write_json(&mut json, &triaged).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        json["why-not"],
        serde_json::json!(["linkedin.not-met decided"])
    );
}

#[test]
fn names_cannot_draw_on_the_terminal() {
    let csv = "From,To,Sent At,Message,Direction\n\
               \"Eve\x1b[2J\u{202e}Mallory\nX\",Me,,,INCOMING\n";
    let triaged = triage(
        &Policy::default(),
        &People::empty(),
        &Knowledge::empty(),
        read(csv).unwrap(),
        |_| Vec::new(),
    );
    let mut out = Vec::new();
    write_table(&mut out, &triaged, false).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\x1b') && !out.contains('\u{202e}'));
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("Eve [2JMallory X  incoming")
    );
    // JSON escapes them instead, keeping the name as the export has it.
    let mut json = Vec::new();
    write_json(&mut json, &triaged).unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["name"], "Eve\x1b[2J\u{202e}Mallory\nX");
}

#[test]
fn long_and_wide_names_are_cut_to_fit() {
    assert_eq!(report::fit("Ada", 5), "Ada");
    assert_eq!(report::fit("Adalovelace", 5), "Adal…");
    assert_eq!(report::fit("山田太郎花子", 7), "山田太…");
}

// ---- the export: crafted files --------------------------------------------

#[test]
fn connections_csv_is_not_an_invitations_export() {
    let connections = "Notes:\n\"When exporting your connection data, you may notice that \
                       some of the email addresses are missing.\"\n\n\
                       First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
                       Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Analyst,01 Jan 2026\n";
    let err = read_invitations(connections.as_bytes(), "Connections.csv").unwrap_err();
    assert!(
        matches!(err, Error::NotAnExport { column: "From", .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "`Connections.csv` is not a LinkedIn invitations export: it has no `From` column \
         (its first line is `Notes:`); use the `Invitations.csv` of your data export"
    );

    // Without the notes, the header itself is named.
    let err =
        read("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n").unwrap_err();
    assert!(err.to_string().contains(
        "no `From` column (its first line is `First Name,Last Name,URL,Email Address,Company,\
         Position,Connected On`)"
    ));
    let err = read("From,To,Sent At,Message\nA,B,,\n").unwrap_err();
    assert!(
        matches!(
            err,
            Error::NotAnExport {
                column: "Direction",
                ..
            }
        ),
        "{err:?}"
    );
    let err = read("").unwrap_err();
    assert!(
        matches!(err, Error::NotAnExport { column: "From", .. }),
        "{err:?}"
    );
}

#[test]
fn a_malformed_row_names_the_file_and_line() {
    let csv = "From,To,Sent At,Message,Direction\n\
               Ada,Me,\"1/2/26, 3:04 PM\",\"two\nlines\",INCOMING\n\
               Bob,Me,\"1/2/26, 3:04 PM\",unquoted, comma,INCOMING\n";
    let err = read(csv).unwrap_err();
    assert!(matches!(err, Error::BadRow { line: 4, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "`Invitations.csv`, line 4: expected 5 fields like the header, found 6 \
         (a stray comma, or a quote left open?)"
    );

    let err = read("From,To,Sent At,Message,Direction\nAda,Me,,,SIDEWAYS\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Invitations.csv`, line 2: column `Direction`: `SIDEWAYS` is neither `INCOMING` \
         nor `OUTGOING`"
    );
    let err = read("From,To,Sent At,Message,Direction\nAda,Me,yesterday,,INCOMING\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Invitations.csv`, line 2: column `Sent At`: `yesterday` is not a time like \
         `1/29/26, 2:37 PM`"
    );
    // A quote left open swallows the rest of the file: the row where it
    // opened is named.
    let err =
        read("From,To,Sent At,Message,Direction\nAda,Me,,\"oops,INCOMING\nBob,Me,,,INCOMING\n")
            .unwrap_err();
    assert!(matches!(err, Error::BadRow { line: 2, .. }), "{err:?}");

    let mut latin1 = b"From,To,Sent At,Message,Direction\nAda,Me,,".to_vec();
    latin1.extend_from_slice(b"caf\xe9,INCOMING\n");
    let err = read_invitations(&latin1[..], "Invitations.csv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "`Invitations.csv`, line 2: field 4 is not valid UTF-8 (save the file as UTF-8)"
    );
}

#[test]
fn older_five_column_exports_are_read_by_name() {
    let csv = "From,To,Sent At,Message,Direction\n\
               Pat Pushy,Me,\"1/20/26, 4:12 PM\",,INCOMING\n\
               Me,Grace Hopper,\"1/21/26, 9:00 AM\",Hello,OUTGOING\n";
    let invitations = read(csv).unwrap();
    assert_eq!(invitations.len(), 2);
    assert_eq!(invitations[1].contact_name(), "Grace Hopper");
    assert_eq!(invitations[1].contact_url(), "");
    // Without URLs, people are found by name.
    let people = People::load(&sample_dir().join("people.toml")).unwrap();
    let triaged = triage(
        &Policy::default(),
        &people,
        &Knowledge::empty(),
        invitations,
        |_| Vec::new(),
    );
    assert_eq!(triaged[0].matched, Match::Name);
    assert_eq!(triaged[0].record.rule, "linkedin.reputation-guard");
    // Grace is keyed by URL only: here she is a stranger.
    assert_eq!(triaged[1].matched, Match::Stranger);
    assert_eq!(triaged[1].record.decision, MeetFirst);
}

#[test]
fn columns_in_any_order_with_a_bom_and_crlf() {
    let csv = "\u{feff}Direction,inviteeProfileUrl,Message,To,From,Sent At,inviterProfileUrl,Extra\r\n\
               OUTGOING,https://www.linkedin.com/in/zoe-odegard/,\"Line one,\r\n\"\"two\"\"\",Zoë Ødegård,Me,\"1/15/26, 8:00 AM\",,x\r\n";
    let invitations = read(csv).unwrap();
    assert_eq!(invitations.len(), 1);
    let zoe = &invitations[0];
    assert_eq!(zoe.direction, Direction::Outgoing);
    assert_eq!(zoe.contact_name(), "Zoë Ødegård");
    assert_eq!(zoe.message, "Line one,\r\n\"two\"");
    let people = People::load(&sample_dir().join("people.toml")).unwrap();
    let (contact, how) = contact_for(&people, zoe);
    assert_eq!(how, Match::Url, "a trailing slash does not matter");
    assert_eq!(contact.name(), "Zoë Ødegård");
    assert_eq!(contact.message(), Some("Line one,\r\n\"two\""));
}

#[test]
fn a_header_with_no_rows_is_an_empty_export() {
    assert_eq!(read("From,To,Sent At,Message,Direction\n").unwrap(), []);
}

#[test]
fn sent_at_as_linkedin_writes_it() {
    let at = |s: &str| SentAt::parse(s).map(|t| t.to_string());
    assert_eq!(at("1/29/26, 2:37 PM").as_deref(), Some("2026-01-29 14:37"));
    assert_eq!(
        at("12/15/25, 12:00 PM").as_deref(),
        Some("2025-12-15 12:00")
    );
    assert_eq!(at("1/1/26, 12:05 AM").as_deref(), Some("2026-01-01 00:05"));
    assert_eq!(at("1/1/26, 12:05 am").as_deref(), Some("2026-01-01 00:05"));
    assert_eq!(
        at("01/29/2026 14:37:59").as_deref(),
        Some("2026-01-29 14:37")
    );
    for bad in [
        "",
        "yesterday",
        "13/1/26, 1:00 PM",
        "1/32/26, 1:00 PM",
        "1/29/26, 13:00 PM",
        "1/29/26, 0:00 AM",
        "1/29/26, 2:60 PM",
        "1/29/126, 2:37 PM",
        "1/29/26",
        "1/29/26, 2:37 XM",
        "-1/29/26, 2:37 PM",
        "1/29/26/1, 2:37 PM",
    ] {
        assert_eq!(at(bad), None, "{bad:?}");
    }
}

// ---- the people file ------------------------------------------------------

fn people(text: &str) -> Result<People, Error> {
    People::parse(text, "people.toml")
}

#[test]
fn a_bad_people_file_names_the_file_person_and_field() {
    let err = people("[people.\"Ada Lovelace\"]\nacquaintance = \"met\"\n").unwrap_err();
    assert!(
        matches!(&err, Error::People { person: Some(p), field: Some(f), .. }
            if p == "Ada Lovelace" && f == "acquaintance"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "people file `people.toml`: person `Ada Lovelace`: field `acquaintance`: unknown \
         acquaintance `met`, expected `never`, `spoken`, `met-in-person`, `worked-remotely` or \
         `worked-in-person`"
    );

    let err = people("[people.\"Ada\"]\nfriend = true\nrecuiter = true\n").unwrap_err();
    assert!(
        err.to_string().starts_with(
            "people file `people.toml`: person `Ada`: field `recuiter`: unknown field `recuiter`"
        ),
        "{err}"
    );
    let err = people("[people.\"Ada\"]\nmy-view = true\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("people file `people.toml`: person `Ada`: field `my-view`: invalid type"),
        "{err}"
    );
    let err = people("[people.\"Ada\"]\npassions = \"animals\"\n").unwrap_err();
    assert!(
        err.to_string()
            .contains("person `Ada`: field `passions`: invalid type"),
        "{err}"
    );
}

#[test]
fn a_people_file_that_is_not_toml_names_the_line() {
    let err = people("[people.\"Ada\"]\nfriend = true\nstar = yes\n").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("people file `people.toml`: line 3, column 8: "),
        "{err}"
    );
    let err = people("[people.\"Ada\"\n").unwrap_err();
    assert!(!err.to_string().contains('\n'), "one line: {err}");
}

#[test]
fn a_people_file_has_only_people() {
    let err = people("[peeple.\"Ada\"]\nfriend = true\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "people file `people.toml`: field `peeple`: unknown field, expected \
         `[people.\"<profile URL or name>\"]` tables"
    );
    let err = people("people = 3\n").unwrap_err();
    assert!(err.to_string().contains("field `people`"), "{err}");
    let err = people("[people]\nAda = true\n").unwrap_err();
    assert!(
        err.to_string().contains("person `Ada`: expected a table"),
        "{err}"
    );
    let err = people("[people.\"  \"]\nfriend = true\n").unwrap_err();
    assert!(err.to_string().contains("the key is blank"), "{err}");
    // An empty file knows nobody.
    assert!(people("").is_ok());
}

#[test]
fn a_person_listed_twice_is_an_error() {
    let err = people("[people.\"Ada  Lovelace\"]\n[people.\"ada lovelace\"]\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "people file `people.toml`: person `ada lovelace`: listed twice: `Ada  Lovelace` is the \
         same name (ignoring case, spaces, and `https://www.` and a trailing `/` in URLs)"
    );
    let err = people(
        "[people.\"https://www.linkedin.com/in/ada\"]\n\
         [people.\"http://linkedin.com/in/Ada/\"]\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("is the same profile URL"), "{err}");
}

/// The contact decided on for an invitation, with nothing inferred.
fn contact_for(people: &People, invitation: &Invitation) -> (acquaint::Contact, Match) {
    let (contact, how, _) = resolve(
        people,
        &Knowledge::empty(),
        invitation.contact_name(),
        invitation.contact_url(),
        &invitation.message,
    );
    (contact, how)
}

fn invitation(name: &str, url: &str, direction: Direction) -> Invitation {
    let (from, to, inviter_url, invitee_url) = match direction {
        Direction::Incoming => (name, "Me", url, ""),
        Direction::Outgoing => ("Me", name, "", url),
    };
    Invitation {
        line: 2,
        from: from.into(),
        to: to.into(),
        sent_at: None,
        message: String::new(),
        direction,
        inviter_url: inviter_url.into(),
        invitee_url: invitee_url.into(),
    }
}

#[test]
fn a_namesake_from_another_profile_is_never_the_known_person() {
    let people = people("[people.\"Sam Lee\"]\nacquaintance = \"worked-in-person\"\n").unwrap();
    let invitations = vec![
        invitation(
            "Sam Lee",
            "https://www.linkedin.com/in/sam-lee-1",
            Direction::Incoming,
        ),
        invitation(
            "Sam Lee",
            "https://www.linkedin.com/in/sam-lee-2",
            Direction::Incoming,
        ),
    ];
    let knowledge = Knowledge::of_invitations(&invitations);
    for i in &invitations {
        let (contact, how, known) =
            resolve(&people, &knowledge, i.contact_name(), i.contact_url(), "");
        assert_eq!(how, Match::Stranger);
        assert_eq!(contact.acquaintance(), acquaint::Acquaintance::Never);
        assert_eq!(
            known.hints,
            [
                "people of the name `Sam Lee` invited you from different profiles: your people \
              file's entry `Sam Lee` applies to none of them; key it by profile URL"
            ]
        );
    }
    // One profile under that name: the entry is theirs.
    let one = Knowledge::of_invitations(&invitations[..1]);
    let i = &invitations[0];
    let (_, how, _) = resolve(&people, &one, i.contact_name(), i.contact_url(), "");
    assert_eq!(how, Match::Name);
}

#[test]
fn a_name_that_reads_as_a_url_finds_its_entry_again() {
    // `--write-people` keys someone without a profile URL by name; a name
    // that reads as a URL is then read back as a URL key.
    let people = people("[people.\"linkedin.com/in/ada\"]\nfriend = true\n").unwrap();
    let ada = invitation("linkedin.com/in/ada", "", Direction::Incoming);
    let (contact, how) = contact_for(&people, &ada);
    assert_eq!(how, Match::Name);
    assert!(contact.is_friend());
}

#[test]
fn people_are_found_by_url_first_then_by_name() {
    let people = people(
        "[people.\"https://www.linkedin.com/in/ada\"]\n\
         acquaintance = \"worked-in-person\"\nmy-view = \"positive\"\ntheir-view = \"positive\"\n\
         [people.\"Ada Lovelace\"]\nrecruiter = true\n\
         [people.\"ГРЕЙС  Хоппер\"]\nfriend = true\n",
    )
    .unwrap();
    let ada = invitation(
        "Ada Lovelace",
        "HTTPS://linkedin.com/in/ada/?trk=x",
        Direction::Incoming,
    );
    let (contact, how) = contact_for(&people, &ada);
    assert_eq!(how, Match::Url);
    assert!(!contact.is_recruiter());
    assert_eq!(contact.name(), "Ada Lovelace");

    let other_ada = invitation(
        "ada  lovelace ",
        "https://www.linkedin.com/in/ada-2",
        Direction::Outgoing,
    );
    let (contact, how) = contact_for(&people, &other_ada);
    assert_eq!(how, Match::Name);
    assert!(contact.is_recruiter());

    // Case folding works beyond ASCII.
    let grace = invitation("Грейс Хоппер", "", Direction::Incoming);
    let (contact, how) = contact_for(&people, &grace);
    assert_eq!(how, Match::Name);
    assert!(contact.is_friend());

    let (contact, how) = contact_for(&people, &invitation("", "", Direction::Incoming));
    assert_eq!(how, Match::Stranger);
    assert_eq!(contact.name(), "");
}

#[test]
fn the_export_names_the_contact() {
    let people = people(
        "[people.\"https://www.linkedin.com/in/ada\"]\nname = \"Countess\"\nmessage = \"old\"\n",
    )
    .unwrap();
    let mut ada = invitation(
        "Ada Lovelace",
        "https://www.linkedin.com/in/ada",
        Direction::Incoming,
    );
    let (contact, _) = contact_for(&people, &ada);
    assert_eq!(contact.name(), "Ada Lovelace");
    assert_eq!(
        contact.message(),
        Some("old"),
        "an empty message keeps the file's"
    );
    ada.message = "Hello, Alex".into();
    assert_eq!(contact_for(&people, &ada).0.message(), Some("Hello, Alex"));
}

#[test]
fn keys_are_folded_for_matching() {
    assert_eq!(
        url_key("https://www.linkedin.com/in/Ada-L/").as_deref(),
        Some("linkedin.com/in/ada-l")
    );
    assert_eq!(
        url_key("www.linkedin.com/in/ada?x=1#y").as_deref(),
        Some("linkedin.com/in/ada")
    );
    assert_eq!(url_key("Ada Lovelace"), None);
    assert_eq!(url_key(""), None);
    assert_eq!(name_key("  Zoë   ØDEGÅRD "), Some("zoë ødegård".into()));
    assert_eq!(name_key(" \t "), None);
}

// ---- the policy file ------------------------------------------------------

#[test]
fn a_bad_policy_file_names_the_file_rule_and_field() {
    let toml = "job-seeking = true\n\n[[rules]]\nid = \"x\"\nwhen = { recuiter = true }\n\
                decision = \"decline\"\nreason = \"r\"\n";
    let err = parse_policy(toml, PolicyFormat::Toml, "policy.toml", false).unwrap_err();
    // The line of the bad key, not of the rule's `[[rules]]` header.
    assert_eq!(
        err.to_string(),
        "policy file `policy.toml`: line 5, column 10: rule `x`: unknown field `when.recuiter`, \
         did you mean `recruiter`"
    );

    let json = r#"{"rules": [{"id": "x", "decision": "maybe", "reason": "r"}]}"#;
    let err = parse_policy(json, PolicyFormat::Json, "policy.json", false).unwrap_err();
    // Where the bad value starts, as for TOML.
    assert_eq!(
        err.to_string(),
        "policy file `policy.json`: line 1, column 36: rule `x`: field `decision`: unknown \
         decision `maybe`, expected `accept`, `decline` or `meet-first`"
    );

    let err = parse_policy(
        "disable = [\"linkedin.nope\"]\n",
        PolicyFormat::Toml,
        "p.toml",
        false,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy file `p.toml`: line 1, column 11: policy: field `disable`: no built-in rule has \
         the id `linkedin.nope`"
    );
    let err = parse_policy("job-seeking = ", PolicyFormat::Toml, "p.toml", false).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("policy file `p.toml`: line 1, column"),
        "{err}"
    );
}

#[test]
fn a_policy_file_needs_a_known_extension() {
    let path = temp_file("policy.ini", b"job-seeking = true\n");
    let err = load_policy(Some(&path), false).unwrap_err();
    assert!(
        err.to_string()
            .ends_with(": unknown format: name the file `*.toml`, `*.json` or `*.yaml`"),
        "{err}"
    );
    assert_eq!(
        PolicyFormat::from_path("a/B.JSON".as_ref()),
        Some(PolicyFormat::Json)
    );
    // YAML is read too.
    let path = temp_file("policy.yml", b"job-seeking: true\n");
    assert!(
        load_policy(Some(&path), false)
            .unwrap()
            .settings()
            .job_seeking()
    );
}

#[test]
fn job_seeking_turns_on_in_a_loaded_policy() {
    let toml = "profession = \"engineer\"\n[[rules]]\nid = \"agency\"\nwhen = { tag = \"agency\" }\n\
                decision = \"decline\"\nreason = \"r\"\n";
    let policy = parse_policy(toml, PolicyFormat::Toml, "p.toml", true).unwrap();
    assert!(policy.settings().job_seeking());
    assert_eq!(policy.settings().profession(), Some("engineer"));
    assert_eq!(policy.data_rules().count(), 1);
    let policy = parse_policy(toml, PolicyFormat::Toml, "p.toml", false).unwrap();
    assert!(!policy.settings().job_seeking());
    let policy = load_policy(None, true).unwrap();
    assert!(policy.settings().job_seeking());
}

// ---- --why-not and --check-policy ---------------------------------------------

const TO_ACCEPT_BY_MEETING: [&str; 3] = [
    "meet in person and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
    "work together remotely and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
    "work together in person and come to speak positively of each other's work → accept (linkedin.mutual-vouch)",
];

fn why_not_lines(t: &Triaged) -> Vec<String> {
    let blocks: Vec<&Extra> = t.extra.iter().filter(|e| e.key == "why-not").collect();
    match blocks.as_slice() {
        [] => Vec::new(),
        [one] => one.lines.clone(),
        _ => panic!("two why-not blocks for {}", t.invitation.contact_name()),
    }
}

#[test]
fn why_not_says_what_would_get_each_invitation_accepted() {
    let why = Options {
        why_not: true,
        ..options()
    };
    let triaged = decide(&why);
    for t in &triaged {
        let lines = why_not_lines(t);
        if t.record.decision == Accept {
            assert!(lines.is_empty(), "{}", t.invitation.contact_name());
        } else {
            assert!(!lines.is_empty(), "{}", t.invitation.contact_name());
            assert!(lines.iter().all(|l| l.contains("→ accept (")), "{lines:?}");
        }
    }
    assert_eq!(
        why_not_lines(find(&triaged, "Sam Stranger")),
        TO_ACCEPT_BY_MEETING
    );
    let riley = why_not_lines(find(&triaged, "Riley Recruiter"));
    assert_eq!(
        riley[0],
        "start looking for a job → accept (linkedin.recruiter-override)"
    );
    assert_eq!(riley[1..], TO_ACCEPT_BY_MEETING);
    assert_eq!(
        why_not_lines(find(&triaged, "Pat Pushy")),
        ["come to speak positively of each other's work → accept (linkedin.mutual-vouch)"]
    );
    // Without the flag there is no extra output.
    assert!(decide(&options()).iter().all(|t| t.extra.is_empty()));

    let table = output(&why);
    assert!(
        table.contains(
            "\n    why-not: start looking for a job → accept (linkedin.recruiter-override)\n"
        ),
        "{table}"
    );
    let json = output(&Options {
        format: Format::Json,
        ..why
    });
    for line in json.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let accepted = value["decision"] == "accept";
        assert_eq!(value.get("why-not").is_none(), accepted, "{line}");
        if value["name"] == "Riley Recruiter" {
            // Structured, as `Change` serializes: the facts, the decision
            // and the rule.
            assert_eq!(
                value["why-not"][0],
                serde_json::json!({
                    "facts": [{ "job-seeking": true }],
                    "decision": "accept",
                    "rule": "linkedin.recruiter-override"
                }),
                "{line}"
            );
        }
    }
}

#[test]
fn why_not_says_so_when_nothing_would_accept() {
    let policy = temp_file(
        "decline-all.toml",
        b"[[rules]]\nid = \"no-linkedin\"\nplatforms = [\"linkedin\"]\n\
          decision = \"decline\"\nreason = \"I left LinkedIn\"\n",
    );
    let triaged = decide(&Options {
        why_not: true,
        policy: Some(policy),
        ..options()
    });
    assert_eq!(
        why_not_lines(&triaged[0]),
        ["nothing you can change (meeting, working together, a view, job seeking) would accept it"]
    );
}

/// `acquaint check` on one file, as text without colours.
fn check_policy(
    path: &std::path::Path,
    deny_warnings: bool,
    out: &mut Vec<u8>,
) -> Result<Status, Error> {
    check_files(&[path], CheckFormat::Text, deny_warnings, false, out)
}

fn check(path: &std::path::Path) -> Result<String, Error> {
    let mut out = Vec::new();
    check_policy(path, false, &mut out)?;
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn check_policy_prints_the_warnings_of_a_policy_file() {
    let path = temp_file(
        "shadowed.toml",
        br#"
[[rules]]
id = "recruiters"
platforms = ["linkedin"]
when = { recruiter = true }
decision = "decline"
reason = "Not looking"

[[rules]]
id = "agency-recruiters"
platforms = ["linkedin"]
when = { recruiter = true, tag = "agency" }
decision = "decline"
reason = "Agencies write to everyone"

[[rules]]
id = "both-ways"
when = { all = [{ direction = "incoming" }, { direction = "outgoing" }] }
decision = "accept"
reason = "Never"
"#,
    );
    let name = path.display();
    assert_eq!(
        check(&path).unwrap(),
        format!(
            "warning: rule `agency-recruiters` can never decide: the earlier rule \
             `recruiters` decides every request it applies to\n  \
             --> {name}:10:6\n   |\n10 | id = \"agency-recruiters\"\n   |      \
             ^^^^^^^^^^^^^^^^^^^\n\n\
             warning: rule `both-ways` can never apply: its condition holds for no \
             request on its platforms\n  \
             --> {name}:17:6\n   |\n17 | id = \"both-ways\"\n   |      ^^^^^^^^^^^\n\n\
             warning: built-in rule `linkedin.recruiter-override` can never decide: the \
             user rule `recruiters` decides every request it would decide\n \
             --> {name}\n\n\
             policy file `{name}`: 3 warnings\n"
        )
    );
    assert!(
        check(&sample_dir().join("policy.toml"))
            .unwrap()
            .ends_with(": no warnings, every rule can decide\n")
    );
    let default = sample_dir().join("../../examples/policies/default.toml");
    let name = default.display();
    assert_eq!(
        check(&default).unwrap(),
        format!(
            "policy file `{name}`: no warnings, every rule can decide\n\
             policy file `{name}`: 11 examples, all hold\n"
        )
    );
    let missing = sample_dir().join("no-such-policy.toml");
    assert!(
        check(&missing)
            .unwrap_err()
            .to_string()
            .starts_with("cannot read the policy file `"),
    );
}

#[test]
fn check_policy_runs_the_examples_and_fails_on_a_failing_one() {
    let path = temp_file(
        "examples.toml",
        br#"
[[examples]]
name = "strangers meet first"
platform = "linkedin"
direction = "incoming"
decision = "meet-first"

[[examples]]
name = "a star on Twitter"
platform = "twitter"
direction = "outgoing"
decision = "decline"
rule = "twitter.no-purpose"
contact = { name = "Grace", star = true }
"#,
    );
    let name = path.display();
    let mut out = Vec::new();
    let status = check_policy(&path, false, &mut out).unwrap();
    assert_eq!(status, Status::Finding);
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "error: example #2 (a star on Twitter) on Twitter (outgoing): expected \
             decline by `twitter.no-purpose`, got accept by `twitter.shared-purpose`: Twitter \
             is for meeting people you would like to meet: they are a star of their field, so \
             accept\n \
             --> {name}\n\n\
             policy file `{name}`: no warnings, every rule can decide\n\
             policy file `{name}`: 1 of 2 examples fail\n"
        )
    );
    // Without the failing one, it passes.
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.rfind("[[examples]]").unwrap();
    let path = temp_file("one-example.toml", &text.as_bytes()[..cut]);
    assert!(check(&path).unwrap().ends_with(": 1 example, it holds\n"));
}

// ---- the command line -----------------------------------------------------

/// The command line, parsed as `acquaint` parses it.
fn parse_args<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<Command, clap::Error> {
    Cli::try_parse_from(std::iter::once("acquaint").chain(args)).map(|cli| cli.command)
}

#[test]
fn flags() {
    let Command::Triage(none) = parse_args(["triage"]).unwrap() else {
        panic!("not triage");
    };
    assert_eq!(none, Options::default());
    let Command::Triage(all) = parse_args([
        "triage",
        "--invitations",
        "I.csv",
        "--people=p.toml",
        "--policy",
        "pol.json",
        "--job-seeking",
        "--format",
        "json",
        "--why-not",
    ])
    .unwrap() else {
        panic!("not triage");
    };
    assert_eq!(
        all,
        Options {
            invitations: Some("I.csv".into()),
            people: Some("p.toml".into()),
            policy: Some("pol.json".into()),
            job_seeking: true,
            format: Format::Json,
            why_not: true,
            ..options()
        }
    );
    let Command::Check(check) = parse_args(["check", "mine.toml"]).unwrap() else {
        panic!("not check");
    };
    assert_eq!(check.files, [PathBuf::from("mine.toml")]);
    assert!(!check.deny_warnings);
    let help = parse_args(["triage", "-h"]).unwrap_err();
    assert_eq!(help.kind(), clap::error::ErrorKind::DisplayHelp);
    assert!(help.to_string().contains("--write-people <FILE>"), "{help}");
    let err = parse_args(["triage", "--format", "xml"]).unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    assert!(
        err.to_string().contains("[possible values: table, json]"),
        "{err}"
    );
    let err = parse_args(["triage", "--bogus"]).unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    let err = parse_args(["triage", "--people"]).unwrap_err();
    assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue);
    assert!(parse_args(["triage", "Invitations.csv"]).is_err());
    assert_eq!(err.exit_code(), 2);
}

#[test]
fn the_bundled_people_file_goes_with_the_bundled_export_only() {
    let inputs = cli::input_paths(&options());
    assert_eq!(inputs.export, Some(sample_export()));
    assert_eq!(inputs.invitations, None);
    assert_eq!(inputs.people, Some(sample_dir().join("people.toml")));
    assert!(inputs.sample);
    for own in [
        Options {
            invitations: Some("mine.csv".into()),
            ..options()
        },
        Options {
            export: Some("mine.zip".into()),
            ..options()
        },
    ] {
        let inputs = cli::input_paths(&own);
        assert_eq!(inputs.people, None);
        assert!(!inputs.sample);
    }
}

#[test]
fn a_real_export_without_a_people_file_is_all_strangers() {
    let path = temp_file(
        "Invitations.csv",
        "\u{feff}From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
         Grace Hopper,Me,\"1/29/26, 2:37 PM\",,INCOMING,https://www.linkedin.com/in/grace-hopper,\n"
            .as_bytes(),
    );
    let triaged = decide(&Options {
        invitations: Some(path),
        ..options()
    });
    assert_eq!(triaged[0].matched, Match::Stranger);
    assert_eq!(triaged[0].record.decision, MeetFirst);
}

#[test]
fn a_missing_file_is_named() {
    let err = cli::decide_all(&Options {
        invitations: Some("/nonexistent/Invitations.csv".into()),
        ..options()
    })
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot read the invitations file `/nonexistent/Invitations.csv`: "),
        "{err}"
    );
}

// ---- no input makes it panic ----------------------------------------------

proptest! {
    #[test]
    fn any_bytes_as_an_export_never_panic(
        body in proptest::collection::vec(
            prop_oneof![
                Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(0xef), Just(0xbb),
                Just(0xbf), any::<u8>(), Just(b'I'),
            ],
            0..200,
        ),
        header in prop_oneof![
            Just("From,To,Sent At,Message,Direction\n"),
            Just("From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"),
            Just(""),
        ],
    ) {
        let mut bytes = header.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        if let Ok(invitations) = read_invitations(&bytes[..], "fuzz.csv") {
            let triaged = triage(&Policy::default(), &People::empty(), &Knowledge::empty(), invitations, |_| Vec::new());
            write_table(&mut Vec::new(), &triaged, false).unwrap();
            write_json(&mut Vec::new(), &triaged).unwrap();
        }
    }

    #[test]
    fn any_text_as_a_people_file_never_panics(text in "[\\[\\]\"a-z=.\n 0-9]{0,80}") {
        let _ = People::parse(&text, "fuzz.toml");
    }

    #[test]
    fn any_text_as_sent_at_never_panics(text in "[0-9/:, APMapm]{0,24}") {
        let _ = SentAt::parse(&text);
    }
}

// ---- diff -----------------------------------------------------------------

fn run_diff(
    old: &std::path::Path,
    new: &std::path::Path,
    format: Format,
) -> (Result<bool, Error>, String) {
    let mut out = Vec::new();
    let result = diff(old, new, format, &mut out);
    (result, String::from_utf8(out).unwrap())
}

fn default_policy_file() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/policies/default.toml")
}

const FAMILY_POLICY: &[u8] = br#"
job-seeking = true
platforms = ["mastodon"]

[[rules]]
id = "family"
platforms = ["facebook", "mastodon"]
when = { tag = "family" }
decision = "accept"
reason = "Family"
"#;

#[test]
fn diff_flags() {
    let Command::Diff(args) = parse_args(["diff", "old.toml", "new.toml"]).unwrap() else {
        panic!("not diff");
    };
    assert_eq!(
        args,
        args::DiffArgs {
            old: "old.toml".into(),
            new: "new.toml".into(),
            format: Format::Table,
        }
    );
    let Command::Diff(args) =
        parse_args(["diff", "--format", "json", "old.toml", "new.json"]).unwrap()
    else {
        panic!("not diff");
    };
    assert_eq!(args.format, Format::Json);
    assert_eq!(
        parse_args(["diff", "old.toml"]).unwrap_err().kind(),
        clap::error::ErrorKind::MissingRequiredArgument
    );
    assert_eq!(
        parse_args(["diff", "a.toml", "b.toml", "c.toml"])
            .unwrap_err()
            .kind(),
        clap::error::ErrorKind::UnknownArgument
    );
}

#[test]
fn diff_of_the_same_decisions_prints_no_difference_and_succeeds() {
    let (result, out) = run_diff(
        &default_policy_file(),
        &default_policy_file(),
        Format::Table,
    );
    assert!(!result.unwrap());
    let name = default_policy_file().display().to_string();
    let none = "No difference: the two policies give every request on this platform the same \
                decision.\n";
    assert_eq!(
        out,
        format!(
            "What changes from `{name}` to `{name}`:\n\n\
             **LinkedIn**\n\n{none}\n**Twitter**\n\n{none}\n**Facebook**\n\n{none}\n\
             **Any other platform**\n\n{none}"
        )
    );
}

#[test]
fn diff_prints_a_table_for_each_platform_and_says_they_differ() {
    let new = temp_file("family.toml", FAMILY_POLICY);
    let (result, out) = run_diff(&default_policy_file(), &new, Format::Table);
    assert!(result.unwrap());
    assert!(
        out.contains(
            "**Facebook**\n\n\
             | personal friend | tag: family | before                               | after             |\n\
             |-----------------|-------------|--------------------------------------|-------------------|\n\
             | no              | yes         | decline (`my.facebook.not-a-friend`) | accept (`family`) |\n"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "**mastodon**\n\n\
             | tag: family | before               | after             |\n\
             |-------------|----------------------|-------------------|\n\
             | yes         | decline (`fallback`) | accept (`family`) |\n"
        ),
        "{out}"
    );
    assert!(out.ends_with(
        "\nJob seeking changes from no to yes. The tables compare the two policies both when \
         you are job seeking and when you are not, so this change shows in no row: with job \
         seeking on, the recruiter override and your rules that read it can apply.\n"
    ));
}

#[test]
fn diff_as_json_is_one_object_per_platform() {
    let new = temp_file("family-json.toml", FAMILY_POLICY);
    let (result, out) = run_diff(&default_policy_file(), &new, Format::Json);
    assert!(result.unwrap());
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let platforms: Vec<&str> = lines
        .iter()
        .map(|l| l["platform"].as_str().unwrap())
        .collect();
    assert_eq!(
        platforms,
        ["linkedin", "twitter", "facebook", "mastodon", "*"]
    );
    assert_eq!(
        lines[2]["rows"],
        serde_json::json!([{
            "facts": { "personal friend": "no", "tag: family": "yes" },
            "cells": [
                { "label": "personal friend", "key": "friend", "values": [false] },
                { "label": "tag: family", "key": "tag", "values": ["family"] },
            ],
            "before": { "decision": "decline", "rule": "my.facebook.not-a-friend" },
            "after": { "decision": "accept", "rule": "family" },
        }])
    );
    assert_eq!(
        lines[0]["job-seeking"],
        serde_json::json!({ "before": false, "after": true })
    );
}

#[test]
fn diff_exit_status_is_that_of_diff_1() {
    let new = temp_file("family-status.toml", FAMILY_POLICY);
    let same = run_diff(
        &default_policy_file(),
        &default_policy_file(),
        Format::Table,
    )
    .0;
    let differ = run_diff(&default_policy_file(), &new, Format::Table).0;
    let missing = run_diff(
        &default_policy_file(),
        &new.with_extension("missing.toml"),
        Format::Table,
    )
    .0;
    assert_eq!(diff_status(&same), 0);
    assert_eq!(diff_status(&differ), 1);
    assert_eq!(diff_status(&missing), 2);
    let bad = temp_file("bad-diff.toml", b"fallback = \"maybe\"\n");
    let result = run_diff(&default_policy_file(), &bad, Format::Table).0;
    assert_eq!(diff_status(&result), 2);
    assert!(
        result
            .unwrap_err()
            .to_string()
            .starts_with(&format!("policy file `{}`: ", bad.display()))
    );
}

#[test]
fn diff_of_the_job_seeking_setting_alone_is_a_difference() {
    let old = temp_file("not-seeking.toml", b"job-seeking = false\n");
    let new = temp_file("seeking.toml", b"job-seeking = true\n");
    let (result, out) = run_diff(&old, &new, Format::Table);
    assert_eq!(diff_status(&result), 1, "{out}");
    assert!(out.contains("Job seeking changes from no to yes."), "{out}");
    let (result, _) = run_diff(&new, &new, Format::Json);
    assert_eq!(diff_status(&result), 0);
}

#[test]
fn diff_names_a_platform_neither_declares_for_any_other() {
    // A policy may declare `other`: "any other platform" is `*`, which no
    // policy can declare.
    let old = temp_file(
        "declares-other.toml",
        b"platforms = [\"other\"]\nfallback = \"accept\"\n",
    );
    let (result, out) = run_diff(&old, &default_policy_file(), Format::Json);
    assert!(result.unwrap());
    let platforms: Vec<String> = out
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            value["platform"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(platforms, ["linkedin", "twitter", "facebook", "other", "*"]);
}

#[test]
fn a_diff_names_each_declared_platform_and_computes_the_unnamed_once() {
    let dir = std::env::temp_dir().join(format!("acquaint-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (old, new) = (dir.join("old.toml"), dir.join("new.toml"));
    let platforms = "platforms = [\"mastodon\", \"github\", \"gitlab\"]\n";
    std::fs::write(&old, platforms).unwrap();
    std::fs::write(
        &new,
        format!(
            "{platforms}[[rules]]\nid = \"stars\"\nplatforms = [\"github\"]\n\
             when = {{ star = true }}\ndecision = \"accept\"\nreason = \"\"\n"
        ),
    )
    .unwrap();
    let mut out = Vec::new();
    let differ =
        acquaint_cli::commands::diff::diff(&old, &new, acquaint_cli::args::Format::Json, &mut out)
            .unwrap();
    assert!(differ);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l["platform"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "linkedin", "twitter", "facebook", "mastodon", "github", "gitlab", "*"
        ]
    );
    // Only github, which the new rule names, differs; the platforms no rule
    // names share one diff, each under its own name.
    for line in &lines {
        let rows = line["rows"].as_array().unwrap().len();
        assert_eq!(rows > 0, line["platform"] == "github", "{line}");
    }
    assert_eq!(lines[3]["columns"], lines[5]["columns"]);
}

// ---- --ask ----------------------------------------------------------------

/// A directory of this test's own, emptied.
fn ask_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("acquaint-ask-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `acquaint triage --ask` on the bundled sample export with `people`,
/// the answers piped in; its standard output.
fn ask_with(people: &std::path::Path, answers: &str) -> String {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_acquaint"))
        .args(["triage", "--ask", "--people"])
        .arg(people)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let done = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    String::from_utf8(done.stdout).unwrap()
}

const ASK_PEOPLE: &str = "\
# My notes: kept by --ask.
[people.\"Pat Pushy\"]   # met at a meetup
acquaintance = \"met-in-person\"
my-view = \"negative\"
";

#[test]
fn ask_asks_only_what_decides_and_writes_each_answer_at_once() {
    let dir = ask_dir("scripted");
    let people = dir.join("people.toml");
    std::fs::write(&people, ASK_PEOPLE).unwrap();
    // Grace: only whether we met (the views are inferred), answered by
    // its value; Sam: by its words, a number, a line that is no answer,
    // then a number; then the input ends.
    let first = ask_with(&people, "worked-in-person\nWe met in person\n1\nmaybe\n1\n");
    // Pat is decided by the people file: listed, never asked about.
    assert!(first.starts_with("Decided by what is known (1):\n  Pat Pushy  decline     linkedin.reputation-guard: you would speak badly of their work\n"), "{first}");
    assert!(!first.contains("Have you met Pat"), "{first}");
    assert!(
        first.contains("12 invitations to ask about; each answer is written to"),
        "{first}"
    );
    assert!(first.contains(
        "[1/12] Grace Hopper (they invited you)\n    note: Great working with you on the compiler, Alex. Let's stay in touch!\n    fact: their-view = positive (Recommendations_Received.csv: they recommended you)\n"
    ), "{first}");
    assert!(first.contains(
        "  Have you met Grace in person, or worked together?\n    1  We have never spoken\n    2  We have only spoken or written\n    3  We met in person\n    4  We worked together remotely\n    5  We worked together in person\n  answer [1-5, s skip, q quit]: worked-in-person\n  → We worked together in person\n  decision: accept (linkedin.mutual-vouch): "
    ), "{first}");
    // Grace's views are known: not asked.
    assert!(!first.contains("about Grace's work"), "{first}");
    assert!(first.contains("  answer [1-3, s skip, q quit]: maybe\n  not an answer: give its number, its words or its value\n  answer [1-3, s skip, q quit]: 1\n  → They would vouch for it\n  decision: accept (linkedin.mutual-vouch)"), "{first}");
    assert!(first.contains("[3/12] Riley Recruiter"), "{first}");
    assert!(first.contains("(end of input)\n\nStopped.\n\n13 invitations: 1 by what was known, 2 by your answers, 10 left undecided.\n4 questions asked in all; the answers are in `"), "{first}");
    assert!(
        first.contains("Run the same command again to go on with the 10 undecided invitations"),
        "{first}"
    );

    // Written at once, the comments kept, nothing left beside it.
    let written = std::fs::read_to_string(&people).unwrap();
    assert!(written.starts_with(ASK_PEOPLE), "{written}");
    assert!(written.contains("[people.\"https://www.linkedin.com/in/grace-hopper\"]\nname = \"Grace Hopper\"\nacquaintance = \"worked-in-person\"   # answered in triage --ask\n"), "{written}");
    assert!(written.contains("[people.\"https://www.linkedin.com/in/sam-stranger-5b2a91\"]\nname = \"Sam Stranger\"\nacquaintance = \"met-in-person\"   # answered in triage --ask\nmy-view = \"positive\"   # answered in triage --ask\ntheir-view = \"positive\"   # answered in triage --ask\n"), "{written}");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files, ["people.toml"]);

    // A second run goes on: what was answered is known now.
    let second = ask_with(&people, "q\n");
    assert!(second.starts_with("Decided by what is known (3):\n  Grace Hopper  accept      linkedin.mutual-vouch: worked together, and you vouch for each other\n  Sam Stranger  accept      linkedin.mutual-vouch: met, and you vouch for each other\n  Pat Pushy     decline     linkedin.reputation-guard"), "{second}");
    assert!(!second.contains("Have you met Grace"), "{second}");
    assert!(!second.contains("Have you met Sam"), "{second}");
    assert!(second.contains("10 invitations to ask about"), "{second}");
    assert!(second.contains("[1/10] Riley Recruiter"), "{second}");
    assert!(second.contains("0 questions asked in all."), "{second}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ask_starts_a_people_file_and_a_second_run_asks_nothing() {
    let dir = ask_dir("new");
    let people = dir.join("people.toml");
    let first = ask_with(&people, &"1\n".repeat(100));
    assert!(first.contains("13 invitations: 0 by what was known, 13 by your answers, 0 left undecided.\n36 questions asked in all"), "{first}");
    let written = std::fs::read_to_string(&people).unwrap();
    assert!(
        written.starts_with("# What you know of people, for `acquaint triage --people`"),
        "{written}"
    );
    let second = ask_with(&people, "");
    assert!(
        second.contains("Nothing to ask: what is known decides every invitation."),
        "{second}"
    );
    assert!(second.contains("13 invitations: 13 by what was known, 0 by your answers, 0 left undecided.\n0 questions asked in all."), "{second}");
    assert_eq!(std::fs::read_to_string(&people).unwrap(), written);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ask_in_a_terminal_takes_one_key_each() {
    let have_tmux = std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_tmux {
        eprintln!("skipped: tmux is not installed (.ci/run installs it)");
        return;
    }
    let dir = ask_dir("tmux");
    std::fs::write(dir.join("people.toml"), ASK_PEOPLE).unwrap();
    let socket = format!("acquaint-ask-{}", std::process::id());
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .args(["-L", &socket])
            .args(args)
            .env_remove("TMUX")
            .output()
            .unwrap()
    };
    let command = format!(
        "cd '{}' && '{}' triage --ask; echo \"exit status $?\"; \
         echo \"tty: $(stty -a | tr -s ' ;' '\\n' | grep -E '^-?(isig|icanon|echo)$' | tr '\\n' ' ')\"; \
         sleep 60",
        dir.display(),
        env!("CARGO_BIN_EXE_acquaint")
    );
    let started = tmux(&["new-session", "-d", "-x", "200", "-y", "50", &command]);
    assert!(started.status.success(), "{started:?}");
    let screen = || String::from_utf8(tmux(&["capture-pane", "-p", "-S", "-200"]).stdout).unwrap();
    let wait_for = |text: &str| {
        for _ in 0..200 {
            let s = screen();
            if s.contains(text) {
                return s;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let s = screen();
        tmux(&["kill-server"]);
        panic!("never shown: {text:?}\n{s}");
    };
    wait_for("answer [1-5, s skip, q quit]:");
    // One key, no Enter: Grace, whose views are inferred, is decided.
    tmux(&["send-keys", "5"]);
    let s = wait_for("[2/12] Sam Stranger");
    assert!(s.contains("answer [1-5, s skip, q quit]: 5\n  → We worked together in person\n  decision: accept (linkedin.mutual-vouch)"), "{s}");
    // A key that is no answer is not taken; then `y` is not an answer to
    // this question either, `3` is.
    tmux(&["send-keys", "x"]);
    tmux(&["send-keys", "3"]);
    let s = wait_for("→ We met in person");
    assert!(
        s.contains("quit]: 3\n  → We met in person\n  What would you say about Sam's work"),
        "{s}"
    );
    // Ctrl-C stops, with the answers given so far written and the
    // terminal given back.
    tmux(&["send-keys", "C-c"]);
    let s = wait_for("tty: ");
    assert!(s.contains("exit status 0\ntty: isig icanon echo\n"), "{s}");
    assert!(s.contains("Stopped.\n\n13 invitations: 1 by what was known, 1 by your answers, 11 left undecided.\n2 questions asked in all"), "{s}");
    tmux(&["kill-server"]);
    let written = std::fs::read_to_string(dir.join("people.toml")).unwrap();
    assert!(
        written.contains("acquaintance = \"worked-in-person\"   # answered in triage --ask"),
        "{written}"
    );
    assert!(
        written.contains("acquaintance = \"met-in-person\"   # answered in triage --ask"),
        "{written}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn question(contact: &acquaint::Contact, unknown: &[acquaint::Fact]) -> acquaint::Question {
    let tree = Policy::default()
        .ask(
            contact,
            unknown,
            &acquaint::Platform::LinkedIn,
            Direction::Incoming,
        )
        .unwrap();
    match tree.root() {
        acquaint::AskNode::Question(q) => q.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn ask_reads_an_answer_by_number_words_or_value() {
    use acquaint::{Acquaintance, Contact, Fact, View};
    use acquaint_cli::triage::keys::{Reply, parse_reply};
    let met = question(
        &Contact::new("Sam")
            .with_my_view(View::Positive)
            .with_their_view(View::Positive),
        &[Fact::Acquaintance],
    );
    for said in [
        "3",
        " We met in person ",
        "we MET in person",
        "met-in-person",
    ] {
        assert_eq!(parse_reply(&met, said), Some(Reply::Answer(2)), "{said}");
    }
    for said in ["", "0", "6", "met", "y"] {
        assert_eq!(parse_reply(&met, said), None, "{said}");
    }
    assert_eq!(parse_reply(&met, "q"), Some(Reply::Quit));
    assert_eq!(parse_reply(&met, "skip"), Some(Reply::Skip));
    let recruiter = question(
        &Contact::new("Riley").with_acquaintance(Acquaintance::Never),
        &[Fact::Recruiter, Fact::JobSeeking],
    );
    assert_eq!(recruiter.text(), "Is Riley a recruiter?");
    for (said, index) in [
        ("y", 0),
        ("Yes", 0),
        ("true", 0),
        ("n", 1),
        ("no", 1),
        ("2", 1),
    ] {
        assert_eq!(
            parse_reply(&recruiter, said),
            Some(Reply::Answer(index)),
            "{said}"
        );
    }
}

#[test]
fn ask_unknown_facts_are_those_neither_the_people_file_nor_the_export_gives() {
    use acquaint::Fact;
    use acquaint_cli::triage::ask::unknown_facts;
    let triaged = decide(&options());
    let names = |name: &str| -> Vec<Fact> { unknown_facts(&find(&triaged, name).known) };
    // Grace: the people file gives acquaintance and profession, the export
    // both views.
    assert_eq!(
        names("Grace Hopper"),
        [
            Fact::Recruiter,
            Fact::Friend,
            Fact::FacebookFriend,
            Fact::Star,
            Fact::Passions,
            Fact::Tags,
            Fact::MutualConnections
        ]
    );
    // Анна: only messages, which say at least spoken: still asked.
    assert_eq!(
        names("Анна Петрова")[..3],
        [Fact::Acquaintance, Fact::MyView, Fact::TheirView]
    );
}

#[test]
fn ask_writes_into_the_entry_as_it_is_written_keeping_comments() {
    use acquaint::{AnswerValue, Fact, View};
    use acquaint_cli::triage::record::{Target, record};
    let dir = ask_dir("record");
    let path = dir.join("people.toml");
    let text = "# top\n[people]\n# Kim, inline\n\"Kim Nguyen\" = { friend = true } # a friend\n";
    std::fs::write(&path, text).unwrap();
    let target = Target {
        key: "Kim Nguyen",
        name: Some("Kim Nguyen"),
    };
    let people = record(
        &path,
        target,
        Fact::MyView,
        None,
        &AnswerValue::View(View::Unknown),
    )
    .unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        "# top\n[people]\n# Kim, inline\n\"Kim Nguyen\" = { friend = true, my-view = \"unknown\" } # a friend\n"
    );
    let (entry, _) = people.entry("Kim Nguyen", "").unwrap();
    assert_eq!(entry.contact.my_view(), View::Unknown);
    // A tag answered no still says the tags are known: an empty list.
    let target = Target {
        key: "https://www.linkedin.com/in/x",
        name: Some("X"),
    };
    record(
        &path,
        target,
        Fact::Tags,
        Some("agency"),
        &AnswerValue::Bool(false),
    )
    .unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.ends_with("[people.\"https://www.linkedin.com/in/x\"]\nname = \"X\"\ntags = []   # answered in triage --ask\n"), "{written}");
    let _ = std::fs::remove_dir_all(&dir);
}
