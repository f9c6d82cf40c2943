//! Tests of `acquaint triage` on a whole LinkedIn archive: what it infers
//! from the bundled sample export and what it refuses to infer (the README's
//! "What is inferred, and what is not"), where each fact came from, the
//! people-file template, the audit of connections, the zip and folder forms,
//! and an error naming the file and the line or column for each bad file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use acquaint_cli::triage::run as cli;
#[allow(unused_imports)]
use acquaint_cli::triage::{archive, export, known, people, report, table, template};
#[allow(unused_imports)]
use acquaint_cli::{error, policy_file};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use acquaint::Decision::{self, Accept, Decline, MeetFirst};
use proptest::prelude::*;

use acquaint_cli::Status;
use acquaint_cli::args::{CheckFormat, Format};
use acquaint_cli::commands::check::check_files;
use archive::{Archive, ExportFile};
use cli::{Options, run, sample_dir, sample_export};

/// `acquaint check` on one file, as text without colours.
fn check_policy(
    path: &Path,
    deny_warnings: bool,
    out: &mut Vec<u8>,
) -> Result<Status, error::Error> {
    check_files(&[path], CheckFormat::Text, deny_warnings, false, out)
}
use known::{Fact, Knowledge};
use people::Match;
use report::Triaged;

// ---- helpers --------------------------------------------------------------

fn options() -> Options {
    Options::default()
}

fn decide(options: &Options) -> Vec<Triaged> {
    cli::decide_all(options).unwrap().triaged
}

fn error(options: &Options) -> String {
    cli::decide_all(options).unwrap_err().to_string()
}

fn output(options: &Options) -> String {
    let mut out = Vec::new();
    run(options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn find<'a>(triaged: &'a [Triaged], name: &str) -> &'a Triaged {
    triaged
        .iter()
        .find(|t| t.invitation.contact_name() == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

fn fact(fact: &str, value: &str, source: &str) -> Fact {
    Fact {
        fact: fact.into(),
        value: value.into(),
        source: source.into(),
    }
}

/// An empty directory of this test's own.
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "acquaint-triage-export-{}-{test}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A copy of the sample export in a directory of this test's own, with
/// `changes` applied: a file's new contents, or `None` to remove it.
fn sample_copy(test: &str, changes: &[(&str, Option<&[u8]>)]) -> PathBuf {
    let dir = temp_dir(test);
    for entry in std::fs::read_dir(sample_export()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    for (name, contents) in changes {
        match contents {
            Some(bytes) => std::fs::write(dir.join(name), bytes).unwrap(),
            None => std::fs::remove_file(dir.join(name)).unwrap(),
        }
    }
    dir
}

fn export(dir: &Path) -> Options {
    Options {
        export: Some(dir.to_owned()),
        people: Some(sample_dir().join("people.toml")),
        ..options()
    }
}

/// The sample export with one file replaced, triaged: the error.
fn bad_file(test: &str, name: &str, contents: &str) -> (PathBuf, String) {
    let dir = sample_copy(test, &[(name, Some(contents.as_bytes()))]);
    let err = error(&Options {
        audit: name == "Connections.csv",
        ..export(&dir)
    });
    (dir.join(name), err)
}

/// The sample export as LinkedIn sends it: one `.zip`, deflated, written
/// here rather than committed so that the archive always matches the
/// folder.
fn sample_zip(test: &str, extra: &[(&str, &[u8])]) -> PathBuf {
    let path = temp_dir(test).join("Complete_LinkedInDataExport.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<_> = std::fs::read_dir(sample_export())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for file in names {
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        zip.start_file(name, deflated).unwrap();
        zip.write_all(&std::fs::read(&file).unwrap()).unwrap();
    }
    for (name, bytes) in extra {
        zip.start_file(*name, deflated).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
    path
}

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

// ---- what is inferred -----------------------------------------------------

#[test]
fn recommendations_both_ways_give_both_views() {
    let triaged = decide(&options());
    let grace = find(&triaged, "Grace Hopper");
    // Her people file says only that we worked together: the views come
    // from the recommendations, and together they accept.
    assert_eq!(
        grace.known.facts,
        [
            fact("acquaintance", "worked-in-person", "your people file"),
            fact("profession", "Software engineer", "your people file"),
            fact(
                "their-view",
                "positive",
                "Recommendations_Received.csv: they recommended you"
            ),
            fact(
                "my-view",
                "positive",
                "Recommendations_Given.csv: you recommended them"
            ),
        ]
    );
    assert_eq!(grace.record.decision, Accept);
    assert_eq!(grace.record.rule, "linkedin.mutual-vouch");
    // The people file says how we know each other: no hint to say it.
    assert!(grace.known.hints.is_empty());
}

#[test]
fn a_conversation_where_both_wrote_is_spoken_never_met() {
    let triaged = decide(&options());
    let anna = find(&triaged, "Анна Петрова");
    // A group conversation: she wrote, and so did I.
    assert_eq!(
        anna.known.facts,
        [fact(
            "acquaintance",
            "spoken",
            "messages.csv: you both wrote in 1 conversation, the last on 2025-11-03"
        )]
    );
    assert_eq!(anna.matched, Match::Stranger);
    // Messaging is not meeting: still meet first, and the table says why.
    assert_eq!(anna.record.decision, MeetFirst);
    assert_eq!(anna.short_reason, "only spoken or messaged, never met");
}

#[test]
fn i_am_known_by_name_when_invitations_carry_no_urls() {
    // An older `Invitations.csv` without the profile URL columns, beside a
    // `messages.csv` that gives every sender's URL: my own messages are
    // still mine.
    let sample = std::fs::read(sample_export().join("Invitations.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&sample[..]);
    let mut older = csv::Writer::from_writer(Vec::new());
    let header = reader.headers().unwrap().clone();
    older.write_record(header.iter().take(5)).unwrap();
    for record in reader.records() {
        older.write_record(record.unwrap().iter().take(5)).unwrap();
    }
    let older = older.into_inner().unwrap();
    let dir = sample_copy("older-invitations", &[("Invitations.csv", Some(&older))]);
    let triaged = decide(&export(&dir));
    let anna = find(&triaged, "Анна Петрова");
    assert_eq!(
        anna.known.facts,
        [fact(
            "acquaintance",
            "spoken",
            "messages.csv: you both wrote in 1 conversation, the last on 2025-11-03"
        )]
    );
}

#[test]
fn a_row_without_a_url_is_joined_by_its_unique_name() {
    // Her invitation has no profile URL; her messages do, and no one else
    // in the export has her name.
    let triaged = decide(&options());
    let layla = find(&triaged, "ليلى حداد");
    assert_eq!(layla.invitation.contact_url(), "");
    assert_eq!(
        layla.known.facts,
        [fact(
            "acquaintance",
            "spoken",
            "messages.csv: you both wrote in 1 conversation, the last on 2025-12-02"
        )]
    );
}

#[test]
fn a_recommendation_alone_gives_a_view_and_a_hint() {
    let triaged = decide(&options());
    let jordan = find(&triaged, "Jordan Reyes");
    assert_eq!(
        jordan.known.facts,
        [fact(
            "their-view",
            "positive",
            "Recommendations_Received.csv: they recommended you"
        )]
    );
    assert_eq!(
        jordan.known.hints,
        [
            "Jordan Reyes recommended you: a recommendation does not say whether you met or \
          worked together; if you did, say so in your people file"
        ]
    );
    // Never met, as far as anyone knows: meet first.
    assert_eq!(jordan.record.decision, MeetFirst);
}

// ---- what is not ----------------------------------------------------------

#[test]
fn one_sided_messages_infer_nothing_and_say_so() {
    let triaged = decide(&options());
    let sam = find(&triaged, "Sam Stranger");
    assert!(sam.known.facts.is_empty());
    assert_eq!(
        sam.known.not_inferred,
        [
            "messages.csv: only they wrote, in 1 conversation: messages you never answered are \
          not speaking"
        ]
    );
    assert_eq!(sam.short_reason, "never met");
    let riley = find(&triaged, "Riley Recruiter");
    assert_eq!(
        riley.known.facts,
        [fact("recruiter", "true", "your people file")]
    );
    assert_eq!(
        riley.known.not_inferred,
        [
            "messages.csv: only you wrote, in 1 conversation: messages never answered are not \
          speaking"
        ]
    );
}

#[test]
fn endorsements_are_context_only() {
    let triaged = decide(&options());
    let pat = find(&triaged, "Pat Pushy");
    assert_eq!(
        pat.known.context,
        [
            "endorsed you for Rust, Compilers (Endorsement_Received_Info.csv); endorsements \
          change no fact"
        ]
    );
    assert!(
        pat.known
            .facts
            .iter()
            .all(|f| f.source == "your people file")
    );
    assert_eq!(pat.record.decision, Decline);
    let kim = find(&triaged, "Kim Nguyen");
    assert_eq!(
        kim.known.context,
        [
            "you endorsed them for Photography (Endorsement_Given_Info.csv); endorsements change \
          no fact"
        ]
    );
    assert!(
        kim.known
            .facts
            .iter()
            .all(|f| f.source == "your people file")
    );
    assert_eq!(kim.short_reason, "neither of you knows the other's work");
}

#[test]
fn a_name_two_people_share_infers_nothing() {
    // Chris Lee (design) invited me; Chris Lee (ops) is a connection; a
    // Chris Lee recommended me, and the recommendation names no URL.
    let triaged = decide(&options());
    let chris = find(&triaged, "Chris Lee");
    assert!(chris.known.facts.is_empty());
    assert_eq!(
        chris.known.hints,
        [
            "several people in your export are named Chris Lee: rows that give only this name \
          (a recommendation, a message) are not used; if they are about this person, say so \
          in your people file"
        ]
    );
}

#[test]
fn the_people_file_wins_over_what_is_inferred() {
    let triaged = decide(&options());
    // We messaged, but the people file says we met: meeting it is.
    let taro = find(&triaged, "山田 太郎");
    assert_eq!(
        taro.known.facts,
        [
            fact("acquaintance", "met-in-person", "your people file"),
            fact("my-view", "positive", "your people file"),
        ]
    );
    assert_eq!(
        taro.known.not_inferred,
        [
            "acquaintance = spoken from messages.csv: you both wrote in 1 conversation, the last \
          on 2025-09-15: your people file says met-in-person, which wins"
        ]
    );

    // A people file that says Grace would speak badly of my work, whatever
    // her recommendation said.
    let dir = temp_dir("people-wins");
    let people = dir.join("people.toml");
    std::fs::write(
        &people,
        "[people.\"Grace Hopper\"]\nacquaintance = \"worked-in-person\"\ntheir-view = \"negative\"\n",
    )
    .unwrap();
    let triaged = decide(&Options {
        export: Some(sample_export()),
        people: Some(people),
        ..options()
    });
    let grace = find(&triaged, "Grace Hopper");
    assert_eq!(grace.record.rule, "linkedin.reputation-guard");
    assert!(
        grace.known.not_inferred.contains(
            &"their-view = positive from Recommendations_Received.csv: they recommended you: your \
          people file says negative, which wins"
                .to_owned()
        )
    );
}

#[test]
fn the_sample_decides_as_documented() {
    let triaged = decide(&options());
    let row = |n: &str, d: Decision, r: &str| (n.to_owned(), d, r.to_owned());
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
}

// ---- provenance in the output ---------------------------------------------

#[test]
fn json_lists_each_fact_with_its_source() {
    let out = output(&Options {
        format: Format::Json,
        ..options()
    });
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 13, "JSON only: no summary on stdout");
    let grace = &lines[0];
    assert_eq!(
        grace["facts"],
        serde_json::json!([
            {"fact": "acquaintance", "value": "worked-in-person", "source": "your people file"},
            {"fact": "profession", "value": "Software engineer", "source": "your people file"},
            {"fact": "their-view", "value": "positive",
             "source": "Recommendations_Received.csv: they recommended you"},
            {"fact": "my-view", "value": "positive",
             "source": "Recommendations_Given.csv: you recommended them"},
        ])
    );
    assert_eq!(
        grace["context"],
        serde_json::json!([
            "endorsed you for Compilers (Endorsement_Received_Info.csv); endorsements change no fact"
        ])
    );
    let jordan = lines.iter().find(|l| l["name"] == "Jordan Reyes").unwrap();
    assert_eq!(jordan["hints"].as_array().unwrap().len(), 1);
    let sam = &lines[1];
    assert_eq!(sam["facts"], serde_json::json!([]));
    assert!(sam.get("hints").is_none());
}

#[test]
fn the_table_shows_facts_under_facts_and_why_not_and_hints_always() {
    let plain = output(&options());
    assert!(!plain.contains("    fact: "));
    assert!(plain.contains("\n    hint: Jordan Reyes recommended you: "));
    for flag in [
        Options {
            facts: true,
            ..options()
        },
        Options {
            why_not: true,
            ..options()
        },
    ] {
        let out = output(&flag);
        assert!(out.contains(
            "\nАнна Петрова     outgoing    meet-first  linkedin.not-met           only spoken \
             or messaged, never met\n    fact: acquaintance = spoken (messages.csv: you both \
             wrote in 1 conversation, the last on 2025-11-03)\n"
        ));
        assert!(out.contains(
            "\n    not inferred: messages.csv: only they wrote, in 1 conversation: messages \
             you never answered are not speaking\n"
        ));
        assert!(out.contains(
            "\n    context: you endorsed them for Photography (Endorsement_Given_Info.csv); \
             endorsements change no fact\n"
        ));
    }
}

#[test]
fn the_summary_names_the_files_read_and_how_to_run_on_your_own() {
    let out = output(&options());
    assert!(out.contains(
        "\n13 invitations: 8 from people in your people file, 3 known from the export only, \
         2 from strangers:\n"
    ));
    assert!(out.contains(
        "\nRead from `cli/sample/export`:\n  Invitations.csv (13 rows)\n  messages.csv (11 \
         rows)\n  Recommendations_Received.csv (3 rows)\n  Recommendations_Given.csv (2 rows)\n  \
         Endorsement_Received_Info.csv (3 rows)\n  Endorsement_Given_Info.csv (1 row)\n  \
         Connections.csv (7 rows)\n  Positions.csv (2 rows)\n"
    ));
    assert!(out.contains("\nThis ran on the bundled sample export."));
    assert!(out.contains("\n  acquaint triage --export "));

    // Optional files may be missing: the summary says so.
    let dir = sample_copy(
        "missing-files",
        &[("messages.csv", None), ("Positions.csv", None)],
    );
    let out = output(&export(&dir));
    assert!(
        out.contains("\n  messages.csv (not in the export)\n"),
        "{out}"
    );
    assert!(
        out.contains("\n  Positions.csv (not in the export)\n"),
        "{out}"
    );
    assert!(!out.contains("bundled sample"));
    let triaged = decide(&export(&dir));
    assert!(find(&triaged, "Анна Петрова").known.facts.is_empty());
}

#[test]
fn devanagari_and_cjk_names_line_up_in_the_table() {
    use unicode_width::UnicodeWidthStr;
    let out = output(&options());
    let lines: Vec<&str> = out.lines().collect();
    let column = |name: &str| {
        let line = lines.iter().find(|l| l.starts_with(name)).unwrap();
        let at = line
            .find("  outgoing")
            .or_else(|| line.find("  incoming"))
            .unwrap();
        line[..at].width()
    };
    let sam = column("Sam Stranger");
    for name in ["प्रिया शर्मा", "山田 太郎", "ليلى حداد", "Анна Петрова"]
    {
        assert_eq!(column(name), sam, "{name}");
    }
}

// ---- the template: write, edit, run again ---------------------------------

#[test]
fn the_people_template_round_trip() {
    let dir = temp_dir("template");
    let path = dir.join("people.toml");
    let write = |overwrite: bool| {
        let mut out = Vec::new();
        run(
            &Options {
                write_people: Some(path.clone()),
                overwrite,
                ..options()
            },
            &mut out,
        )
        .map(|()| String::from_utf8(out).unwrap())
    };
    assert_eq!(
        write(false).unwrap(),
        format!(
            "Wrote 13 people to `{0}`. Fill in what you know, then run again with `--people \
             {0}`.\n",
            path.display()
        )
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(
        "\n# Анна Петрова: meet-first (linkedin.not-met)\n\
         [people.\"https://www.linkedin.com/in/anna-petrova\"]\n\
         name = \"Анна Петрова\"\n\
         acquaintance = \"spoken\"   # from messages.csv: you both wrote in 1 conversation, \
         the last on 2025-11-03\n\
         # my-view = \"unknown\"   # what you would say of their work: positive | unknown | \
         negative\n\
         # their-view = \"unknown\"   # what they would say of yours: positive | unknown | \
         negative\n"
    ));
    // Keyed by name when the export has no URL.
    assert!(text.contains("\n[people.\"ليلى حداد\"]\n"));
    assert!(text.contains(
        "their-view = \"positive\"   # from Recommendations_Received.csv: they recommended you\n"
    ));
    assert!(text.contains("# Jordan Reyes recommended you: a recommendation does not say"));

    // Never replaced unless asked.
    assert_eq!(
        write(false).unwrap_err().to_string(),
        format!(
            "`{}` already exists: choose another file, or add `--overwrite` to replace it",
            path.display()
        )
    );
    assert!(write(true).is_ok());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);

    // Run again with it: the same decisions.
    let with_template = Options {
        export: Some(sample_export()),
        people: Some(path.clone()),
        ..options()
    };
    assert_eq!(
        decisions(&decide(&with_template)),
        decisions(&decide(&options()))
    );

    // Fill in what I know of Анна: we have since met, and vouch for each
    // other.
    let edited = text.replace(
        "acquaintance = \"spoken\"   # from messages.csv: you both wrote in 1 conversation, \
         the last on 2025-11-03\n# my-view = \"unknown\"",
        "acquaintance = \"met-in-person\"\nmy-view = \"positive\"\ntheir-view = \"positive\"\n\
         # my-view = \"unknown\"",
    );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let triaged = decide(&with_template);
    let anna = find(&triaged, "Анна Петрова");
    assert_eq!(anna.record.decision, Accept);
    assert_eq!(anna.record.rule, "linkedin.mutual-vouch");
    assert_eq!(
        anna.known.not_inferred,
        [
            "acquaintance = spoken from messages.csv: you both wrote in 1 conversation, the last \
          on 2025-11-03: your people file says met-in-person, which wins"
        ]
    );
}

#[test]
fn a_template_is_valid_toml_for_any_name() {
    let csv = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
               \"Eve \"\"the\"\" \\\\ Mallory\nX\",Me,,,INCOMING,,\n\
               \"Eve \"\"the\"\" \\\\ Mallory\nX\",Me,,,INCOMING,,\n\
               ,Me,,,INCOMING,,\n\
               Bob,Me,,,INCOMING,https://www.linkedin.com/in/bob?x=\"],\n";
    let invitations = export::read_invitations(csv.as_bytes(), "Invitations.csv").unwrap();
    let people = people::People::empty();
    let triaged = report::triage(
        &acquaint::Policy::default(),
        &people,
        &Knowledge::empty(),
        invitations,
        |_| Vec::new(),
    );
    let text = template::people_template(&triaged, &people);
    // Listed once each, and read back as a people file.
    assert_eq!(text.matches("\n[people.").count(), 2, "{text}");
    assert!(text.contains("(line 6) is left out"), "{text}");
    people::People::parse(&text, "template.toml").unwrap();
}

// ---- the audit ------------------------------------------------------------

#[test]
fn the_audit_lists_connections_the_policy_would_not_accept() {
    let audit = Options {
        audit: true,
        ..options()
    };
    let triaged = decide(&audit);
    let row = |n: &str, d: Decision, r: &str| (n.to_owned(), d, r.to_owned());
    assert_eq!(
        decisions(&triaged),
        [
            row("Ines Duarte", Accept, "linkedin.mutual-vouch"),
            row("Victor Vance", Decline, "linkedin.reputation-guard"),
            row("Dana Whitfield", MeetFirst, "linkedin.not-met"),
            row("Chris Lee", MeetFirst, "linkedin.not-met"),
            row("Omar Haddad", MeetFirst, "linkedin.not-met"),
            row("Taylor Brooks", MeetFirst, "linkedin.not-met"),
            row("प्रिया शर्मा", MeetFirst, "linkedin.not-met"),
        ]
    );
    // The same inferences as for invitations.
    assert_eq!(
        find(&triaged, "Omar Haddad").known.facts,
        [fact(
            "acquaintance",
            "spoken",
            "messages.csv: you both wrote in 1 conversation, the last on 2025-11-03"
        )]
    );
    assert_eq!(
        find(&triaged, "Taylor Brooks").known.facts,
        [fact(
            "my-view",
            "positive",
            "Recommendations_Given.csv: you recommended them"
        )]
    );
    // A company I worked at is a hint, not a fact.
    let dana = find(&triaged, "Dana Whitfield");
    assert!(dana.known.facts.is_empty());
    assert_eq!(
        dana.known.hints,
        [
            "works at Initech, where you worked (Positions.csv): if you worked together, say so \
          in your people file"
        ]
    );
    assert_eq!(dana.connected_on.as_deref(), Some("2023-11-09"));

    let out = output(&audit);
    assert!(out.starts_with(
        "Connections the policy would not accept today (each decided as if they had just \
         invited you):\n\ndecline (1):\n"
    ));
    assert!(out.contains(
        "\nVictor Vance  2022-08-17  decline     linkedin.reputation-guard  you would speak \
         badly of their work\n    why-not: come to speak positively of each other's work → \
         accept (linkedin.mutual-vouch)\n\nmeet-first (5):\n"
    ));
    assert!(
        !out.contains("Ines Duarte"),
        "accepted connections are only counted"
    );
    assert!(out.contains(
        "\n7 connections:\n  accept         1\n  decline        1\n  meet-first     5\n"
    ));

    let json = output(&Options {
        format: Format::Json,
        ..audit
    });
    let lines: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[2]["name"], "Dana Whitfield");
    assert_eq!(lines[2]["connected-on"], "2023-11-09");
    assert_eq!(lines[2]["why-not"].as_array().unwrap().len(), 3);
    assert!(lines[0].get("why-not").is_none());
}

#[test]
fn the_audit_needs_connections_csv() {
    let dir = sample_copy("no-connections", &[("Connections.csv", None)]);
    assert_eq!(
        error(&Options {
            audit: true,
            ..export(&dir)
        }),
        format!(
            "`--audit` needs `Connections.csv`, and the export `{}` has none: request the \
             larger archive from LinkedIn",
            dir.display()
        )
    );
}

#[test]
fn the_audit_needs_an_export() {
    assert_eq!(
        error(&Options {
            audit: true,
            invitations: Some(sample_export().join("Invitations.csv")),
            ..options()
        }),
        "`--audit` needs `Connections.csv` from your LinkedIn data export: give it with \
         `--export`"
    );
}

#[test]
fn without_invitations_i_am_who_is_in_every_conversation() {
    let dir = sample_copy("no-invitations", &[("Invitations.csv", None)]);
    let triaged = decide(&Options {
        audit: true,
        ..export(&dir)
    });
    assert_eq!(
        find(&triaged, "Omar Haddad").known.facts,
        [fact(
            "acquaintance",
            "spoken",
            "messages.csv: you both wrote in 1 conversation, the last on 2025-11-03"
        )]
    );
    // Invitations are what triage decides: without them it stops.
    assert_eq!(
        error(&export(&dir)),
        format!(
            "`--export` needs `Invitations.csv`, and the export `{}` has none: request the \
             larger archive from LinkedIn",
            dir.display()
        )
    );
}

// ---- zip and folder -------------------------------------------------------

#[test]
fn the_zip_decides_as_the_folder_does() {
    let zip = sample_zip("zip", &[("Jobs/Job Applications.csv", b"x")]);
    let from_zip = cli::decide_all(&export(&zip)).unwrap();
    let from_folder = cli::decide_all(&export(&sample_export())).unwrap();
    assert_eq!(
        decisions(&from_zip.triaged),
        decisions(&from_folder.triaged)
    );
    for (z, f) in from_zip.triaged.iter().zip(&from_folder.triaged) {
        assert_eq!(z.known, f.known);
    }
    assert_eq!(from_zip.files, from_folder.files);
    let audit = |path: &Path| {
        decisions(&decide(&Options {
            audit: true,
            ..export(path)
        }))
    };
    assert_eq!(audit(&zip), audit(&sample_export()));
}

#[test]
fn a_bad_file_in_a_zip_is_named_inside_the_zip() {
    let zip = sample_zip("zip-dup", &[("MESSAGES.CSV", b"x")]);
    assert_eq!(
        error(&export(&zip)),
        format!(
            "cannot read the export `{}`: it holds `messages.csv` twice, as `messages.csv` and \
             as `MESSAGES.CSV`: keep one",
            zip.display()
        )
    );

    // Only the zip's own copy of the sample, with messages.csv broken.
    let path = temp_dir("zip-bad").join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Invitations.csv", options).unwrap();
    zip.write_all(b"From,To,Direction\nAda,Me,INCOMING\n")
        .unwrap();
    zip.start_file("messages.csv", options).unwrap();
    zip.write_all(b"CONVERSATION ID,FROM,TO,DATE\nc1,Ada,Me\n")
        .unwrap();
    zip.finish().unwrap();
    assert_eq!(
        error(&export(&path)),
        format!(
            "`{}/messages.csv`, line 2: expected 4 fields like the header, found 3 (a stray \
             comma, or a quote left open?)",
            path.display()
        )
    );
}

/// A zip of stored entries written byte by byte, so that it may hold two
/// entries of one name, which the zip crate's writer refuses.
fn raw_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &byte in data {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let (mut out, mut directory) = (Vec::new(), Vec::new());
    for (name, data) in entries {
        let offset = out.len() as u32;
        let (crc, size, name_len) = (crc32(data), data.len() as u32, name.len() as u16);
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&size.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        directory.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
        directory.extend_from_slice(&crc.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&size.to_le_bytes());
        directory.extend_from_slice(&name_len.to_le_bytes());
        directory.extend_from_slice(&[0; 12]);
        directory.extend_from_slice(&offset.to_le_bytes());
        directory.extend_from_slice(name.as_bytes());
    }
    let (start, size, count) = (
        out.len() as u32,
        directory.len() as u32,
        entries.len() as u16,
    );
    out.extend_from_slice(&directory);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[test]
fn a_zip_holding_a_file_twice_is_an_error_naming_it() {
    let invitations = b"From,To,Direction\nAda,Me,INCOMING\n";
    let path = temp_dir("zip-twice").join("export.zip");
    std::fs::write(
        &path,
        raw_zip(&[
            ("Invitations.csv", invitations),
            ("Invitations.csv", invitations),
        ]),
    )
    .unwrap();
    assert_eq!(
        error(&export(&path)),
        format!(
            "cannot read the export `{}`: it holds `Invitations.csv` twice, as `Invitations.csv` \
             and as `Invitations.csv`: keep one",
            path.display()
        )
    );
    // A comment holding an end record of its own: the names checked are
    // those of the directory the zip crate reads, whichever record it
    // takes, so one of the two entries is never triaged unseen.
    let mut zip = raw_zip(&[
        ("Invitations.csv", invitations),
        ("Invitations.csv", invitations),
    ]);
    let fake = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    let len = zip.len();
    zip[len - 2..].copy_from_slice(&(fake.len() as u16).to_le_bytes());
    zip.extend_from_slice(fake);
    std::fs::write(&path, zip).unwrap();
    assert!(cli::decide_all(&export(&path)).is_err());

    // One of them alone reads.
    std::fs::write(&path, raw_zip(&[("Invitations.csv", invitations)])).unwrap();
    assert_eq!(decide(&export(&path)).len(), 1);
}

#[test]
fn files_in_a_folder_of_the_zip_or_of_the_folder_are_found() {
    let path = temp_dir("zip-nested").join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for entry in std::fs::read_dir(sample_export()).unwrap() {
        let file = entry.unwrap().path();
        let name = file.file_name().unwrap().to_str().unwrap().to_owned();
        zip.start_file(format!("Basic_LinkedInDataExport/{name}"), options)
            .unwrap();
        zip.write_all(&std::fs::read(&file).unwrap()).unwrap();
    }
    zip.finish().unwrap();
    let folder = temp_dir("folder-nested");
    let inner = folder.join("export");
    std::fs::create_dir_all(&inner).unwrap();
    for entry in std::fs::read_dir(sample_export()).unwrap() {
        let file = entry.unwrap().path();
        std::fs::copy(&file, inner.join(file.file_name().unwrap())).unwrap();
    }
    let expected = decisions(&decide(&export(&sample_export())));
    assert_eq!(decisions(&decide(&export(&path))), expected);
    assert_eq!(decisions(&decide(&export(&folder))), expected);
}

#[test]
fn a_file_past_the_size_limit_is_refused_naming_the_flag() {
    // A thousandfold zip: 8 MB of one byte in a few kilobytes.
    let path = temp_dir("zip-bomb").join("export.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("Invitations.csv", deflated).unwrap();
    zip.write_all(b"From,To,Direction\nAda,Me,INCOMING\n")
        .unwrap();
    zip.start_file("messages.csv", deflated).unwrap();
    zip.write_all(b"CONVERSATION ID,FROM,TO,DATE\n").unwrap();
    zip.write_all(&vec![b'\n'; 8 << 20]).unwrap();
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 100_000);
    let small = Options {
        max_file_mb: Some(1),
        ..export(&path)
    };
    assert_eq!(
        error(&small),
        format!(
            "`{}/messages.csv` holds more than 1 MB once unzipped, the limit: refused rather \
             than read into memory; raise it with `--max-file-mb MB` if the file is yours",
            path.display()
        )
    );
    // The same from a folder, where the file's own size counts.
    let folder = sample_copy("folder-limit", &[]);
    let error = error(&Options {
        max_file_mb: Some(0),
        ..export(&folder)
    });
    assert!(
        error.contains("holds more than 0 MB once unzipped"),
        "{error}"
    );
    // Within the limit, read as before.
    assert_eq!(decide(&export(&path)).len(), 1);
}

#[test]
fn a_file_that_is_not_a_zip_is_named() {
    let path = temp_dir("not-zip").join("export.zip");
    std::fs::write(&path, "From,To\n").unwrap();
    let err = error(&export(&path));
    assert!(
        err.starts_with(&format!("cannot read the export `{}`: ", path.display())),
        "{err}"
    );
    assert!(
        err.ends_with("; give the `.zip` LinkedIn sent, or the folder it unzips to"),
        "{err}"
    );
    assert!(
        error(&export(Path::new("/nonexistent/export.zip")))
            .starts_with("cannot read the export file `/nonexistent/export.zip`: ")
    );
}

// ---- bad files ------------------------------------------------------------

#[test]
fn a_file_without_a_needed_column_is_named_with_the_column() {
    let (path, err) = bad_file(
        "messages-column",
        "messages.csv",
        "CONVERSATION ID,FROM,DATE\nc1,Ada,2023-06-11 15:33:58 UTC\n",
    );
    assert_eq!(
        err,
        format!(
            "`{}` has no `TO` column (its header is `CONVERSATION ID,FROM,DATE`); is it the \
             file of that name from your LinkedIn data export?",
            path.display()
        )
    );
    let (path, err) = bad_file(
        "recommendations-column",
        "Recommendations_Received.csv",
        "First,Last,Text\nAda,Lovelace,Great\n",
    );
    assert_eq!(
        err,
        format!(
            "`{}` has no `First Name` column (its header is `First,Last,Text`); is it the file \
             of that name from your LinkedIn data export?",
            path.display()
        )
    );
    let (path, err) = bad_file(
        "endorsements-column",
        "Endorsement_Given_Info.csv",
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name\n",
    );
    assert!(
        err.starts_with(&format!(
            "`{}` has no `Endorsee First Name` column",
            path.display()
        )),
        "{err}"
    );
    let (path, err) = bad_file("positions-column", "Positions.csv", "Company,Title\n");
    assert!(
        err.starts_with(&format!(
            "`{}` has no `Company Name` column",
            path.display()
        )),
        "{err}"
    );
    // After its notes, the line that came closest is named.
    let (path, err) = bad_file(
        "connections-column",
        "Connections.csv",
        "Notes:\n\"Some notes\"\n\nFirst Name,Last Name,Email Address,Connected On\n",
    );
    assert_eq!(
        err,
        format!(
            "`{}` has no `URL` column (its header is `First Name,Last Name,Email \
             Address,Connected On`); is it the file of that name from your LinkedIn data \
             export?",
            path.display()
        )
    );
}

#[test]
fn a_header_naming_a_column_twice_is_an_error_in_every_file() {
    for (file, header) in [
        ("Invitations.csv", "From,To,Direction,from"),
        ("messages.csv", "CONVERSATION ID,FROM,TO,From"),
        (
            "Recommendations_Given.csv",
            "First Name,Last Name,Body,First Name",
        ),
        (
            "Endorsement_Received_Info.csv",
            "Skill Name,Endorser First Name,Endorser Last Name,Skill Name",
        ),
        ("Positions.csv", "Company Name,Title,Company Name"),
        ("Connections.csv", "Notes:\n\nFirst Name,Last Name,URL,URL"),
    ] {
        let (path, err) = bad_file(&format!("dup-{file}"), file, &format!("\u{feff}{header}\n"));
        let line = if file == "Connections.csv" { 3 } else { 1 };
        let twice = header.rsplit(',').next().unwrap();
        assert_eq!(
            err,
            format!(
                "`{}`, line {line}: the header names the column `{twice}` twice",
                path.display()
            ),
            "{file}"
        );
    }
}

#[test]
fn a_broken_row_names_the_file_line_and_column() {
    let (path, err) = bad_file(
        "connected-on",
        "Connections.csv",
        "First Name,Last Name,URL,Connected On\r\nAda,Lovelace,https://www.linkedin.com/in/ada,\
         yesterday\r\n",
    );
    assert_eq!(
        err,
        format!(
            "`{}`, line 2: column `Connected On`: `yesterday` is not a date like `15 Jan 2024`",
            path.display()
        )
    );
    let dir = sample_copy(
        "latin1-bytes",
        &[(
            "Recommendations_Received.csv",
            Some(b"First Name,Last Name\nAda,Lovelace\nZo\xeb,X\n"),
        )],
    );
    assert_eq!(
        error(&export(&dir)),
        format!(
            "`{}`, line 3: field 1 is not valid UTF-8 (save the file as UTF-8)",
            dir.join("Recommendations_Received.csv").display()
        )
    );
    let (path, err) = bad_file(
        "quote-open",
        "messages.csv",
        "CONVERSATION ID,FROM,TO\r\nc1,\"Ada\r\nLovelace\",Me\r\n\r\nc2,Bob,Me,Extra\r\n",
    );
    assert_eq!(
        err,
        format!(
            "`{}`, line 5: expected 3 fields like the header, found 4 (a stray comma, or a \
             quote left open?)",
            path.display()
        )
    );
}

#[test]
fn headers_are_matched_in_any_case_with_older_names() {
    // The older recommendations header (`Title, Body, Created Date`) is in
    // the sample; here, the newer one for given, lowercase, with a BOM and
    // CRLF, and a message whose recipients have no URLs.
    let dir = sample_copy(
        "variants",
        &[
            (
                "Recommendations_Given.csv",
                Some(
                    "\u{feff}first name,LAST NAME,Company,Job Title,Text,Creation Date,Status\r\n\
                     Jordan,Reyes,Initrode,Manager,\"Two\r\nlines\",\"11/20/24, 04:40 PM\",VISIBLE\r\n"
                        .as_bytes(),
                ),
            ),
            (
                "messages.csv",
                Some(
                    b"conversation id,from,to,date\n\
                      c1,Jordan Reyes,Alex Morgan,2024-01-01 10:00:00 UTC\n\
                      c1,Alex Morgan,Jordan Reyes,2024-01-02 10:00:00 UTC\n",
                ),
            ),
        ],
    );
    let triaged = decide(&export(&dir));
    let jordan = find(&triaged, "Jordan Reyes");
    assert_eq!(
        jordan.known.facts,
        [
            fact(
                "acquaintance",
                "spoken",
                "messages.csv: you both wrote in 1 conversation, the last on 2024-01-02"
            ),
            fact(
                "their-view",
                "positive",
                "Recommendations_Received.csv: they recommended you"
            ),
            fact(
                "my-view",
                "positive",
                "Recommendations_Given.csv: you recommended them"
            ),
        ]
    );
    assert_eq!(
        jordan.known.hints,
        [
            "you and Jordan Reyes recommended each other: a recommendation does not say whether \
          you met or worked together; if you did, say so in your people file"
        ]
    );
}

#[test]
fn every_file_of_the_sample_is_read() {
    let archive = Archive::open(&sample_export(), archive::MAX_FILE_MB).unwrap();
    for file in ExportFile::ALL {
        assert!(archive.has(file), "{}", file.name());
    }
    let messages = std::fs::read(sample_export().join("messages.csv")).unwrap();
    assert!(
        messages.starts_with(b"\xef\xbb\xbfCONVERSATION ID,"),
        "a BOM"
    );
    assert!(messages.windows(2).any(|w| w == b"\r\n"), "CRLF line ends");
    let connections = std::fs::read_to_string(sample_export().join("Connections.csv")).unwrap();
    assert!(connections.starts_with("Notes:\r\n"));
}

// ---- check --deny-warnings ------------------------------------------------

#[test]
fn deny_warnings_makes_warnings_an_error() {
    let path = temp_dir("deny").join("shadowed.toml");
    std::fs::write(
        &path,
        "[[rules]]\nid = \"all\"\nplatforms = [\"linkedin\"]\ndecision = \"decline\"\n\
         reason = \"r\"\n",
    )
    .unwrap();
    let mut out = Vec::new();
    assert_eq!(check_policy(&path, false, &mut out).unwrap(), Status::Fine);
    let mut out = Vec::new();
    assert_eq!(
        check_policy(&path, true, &mut out).unwrap(),
        Status::Finding
    );
    let warnings = String::from_utf8(out).unwrap();
    let count = warnings.matches("warning: ").count();
    assert!(count > 0, "{warnings}");
    assert!(
        warnings.ends_with(&format!(
            "policy file `{}`: {count} warnings\n",
            path.display()
        )),
        "{warnings}"
    );
    let clean = sample_dir().join("policy.toml");
    assert_eq!(
        check_policy(&clean, true, &mut Vec::new()).unwrap(),
        Status::Fine
    );
}

// ---- no input makes it panic ----------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_bytes_in_any_file_of_the_export_never_panic(
        file in 0..ExportFile::ALL.len(),
        body in proptest::collection::vec(
            prop_oneof![
                Just(b','), Just(b'"'), Just(b'\n'), Just(b'\r'), Just(0xef), any::<u8>(),
                Just(b'a'), Just(b'/'), Just(b' '),
            ],
            0..160,
        ),
    ) {
        let file = ExportFile::ALL[file];
        let header: &[u8] = match file {
            ExportFile::Invitations => b"From,To,Direction,inviterProfileUrl\n",
            ExportFile::Messages => b"CONVERSATION ID,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE\n",
            ExportFile::RecommendationsReceived | ExportFile::RecommendationsGiven => b"First Name,Last Name\n",
            ExportFile::EndorsementsReceived => b"Skill Name,Endorser First Name,Endorser Last Name,Endorser Public Url\n",
            ExportFile::EndorsementsGiven => b"Skill Name,Endorsee First Name,Endorsee Last Name,Endorsee Public Url\n",
            ExportFile::Connections => b"Notes:\n\nFirst Name,Last Name,URL,Company,Connected On\n",
            ExportFile::Positions => b"Company Name\n",
        };
        let mut bytes = header.to_vec();
        bytes.extend_from_slice(&body);
        let dir = sample_copy("fuzz", &[(file.name(), Some(&bytes))]);
        for audit in [false, true] {
            let options = Options { audit, ..export(&dir) };
            if let Ok(decided) = cli::decide_all(&options) {
                let mut out = Vec::new();
                report::write_table(&mut out, &decided.triaged, true).unwrap();
                report::write_json(&mut out, &decided.triaged).unwrap();
                let text = template::people_template(&decided.triaged, &decided.people);
                prop_assert!(people::People::parse(&text, "t.toml").is_ok(), "{}", text);
            }
        }
    }
}

// ---- large archives -------------------------------------------------------

/// Writes a generated archive of `TRIAGE_ROWS` invitations and as many
/// messages (20,000 unless set), a tenth as many connections and a
/// hundredth as many recommendations, into `target/triage-scale-N/`, and
/// checks that it triages. Run by hand to time the example on it, as the
/// README's "Triage your LinkedIn invitations" section does; tests assert
/// no timing.
#[test]
#[ignore = "writes tens of megabytes; run by hand to measure"]
fn write_a_large_archive() {
    let n: usize = std::env::var("TRIAGE_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../target/triage-scale-{n}"));
    std::fs::create_dir_all(&dir).unwrap();
    let me = "Alex Morgan,https://www.linkedin.com/in/alex-morgan";
    let person = |i: usize| format!("Person {i},https://www.linkedin.com/in/person-{i}");
    let mut text = String::from(
        "\u{feff}From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n",
    );
    for i in 0..n {
        let (p, m) = (person(i), me);
        let (name, url) = p.split_once(',').unwrap();
        let (my_name, my_url) = m.split_once(',').unwrap();
        if i % 3 == 0 {
            text += &format!("{my_name},{name},\"1/29/26, 2:37 PM\",,OUTGOING,{my_url},{url}\r\n");
        } else {
            text += &format!(
                "{name},{my_name},\"1/29/26, 2:37 PM\",\"Hello,\r\nlet us connect\",INCOMING,\
                 {url},{my_url}\r\n"
            );
        }
    }
    std::fs::write(dir.join("Invitations.csv"), &text).unwrap();
    // Two messages a conversation: in one conversation of four only they
    // write; in the others, both do.
    let mut text = String::from(
        "\u{feff}CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT \
         PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\r\n",
    );
    for m in 0..n {
        let c = m / 2;
        let (from, to) = if m % 2 == 0 || c % 4 == 0 {
            (person(c), me.to_owned())
        } else {
            (me.to_owned(), person(c))
        };
        text += &format!(
            "conv-{c},,{from},{to},2023-06-11 15:33:58 UTC,,\"Hi,\r\nhow are you?\",INBOX\r\n"
        );
    }
    std::fs::write(dir.join("messages.csv"), &text).unwrap();
    let mut text = String::from(
        "Notes:\r\n\"Some notes\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,\
         Position,Connected On\r\n",
    );
    for i in 0..n / 10 {
        text += &format!(
            "Conn,{i},https://www.linkedin.com/in/conn-{i},,Initech,Engineer,15 Jan 2024\r\n"
        );
    }
    std::fs::write(dir.join("Connections.csv"), &text).unwrap();
    let mut text =
        String::from("First Name,Last Name,Company,Job Title,Text,Creation Date,Status\r\n");
    for i in (0..n).step_by(100) {
        text += &format!("Person,{i},Acme,Engineer,Great,06/11/23,VISIBLE\r\n");
    }
    std::fs::write(dir.join("Recommendations_Received.csv"), &text).unwrap();

    let decided = cli::decide_all(&Options {
        export: Some(dir.clone()),
        ..options()
    })
    .unwrap();
    assert_eq!(decided.triaged.len(), n);
    println!("wrote {}", dir.display());
}
