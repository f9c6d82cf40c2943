//! Joining invitations with what I know of people, deciding, and printing
//! the decisions as a table or as JSON lines.

use std::collections::BTreeMap;
use std::io::{self, Write};

use acquaint::{
    Acquaintance, BuiltinRule, Decision, Direction, Platform, Policy, Verdict, VerdictRecord, View,
};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::triage::export::Invitation;
use crate::triage::known::{Fact, Knowledge, Known, resolve};
use crate::triage::people::{Match, People};

/// One triaged invitation.
#[derive(Debug, Clone)]
pub struct Triaged {
    /// The row of the export.
    pub invitation: Invitation,
    /// How the people file knew them.
    pub matched: Match,
    /// The facts decided on, each with its source, and what the export
    /// says that infers nothing.
    pub known: Known,
    /// For a connection (`--audit`): the day you connected.
    pub connected_on: Option<String>,
    /// The decision, its rule, the explanation and any reply.
    pub record: VerdictRecord,
    /// A few words for the table.
    pub short_reason: String,
    /// Extra output for this invitation, shown under its row in the table
    /// and as extra keys in JSON. Empty unless a flag asks for more: this
    /// is where a `--why-not` puts what would change the decision.
    pub extra: Vec<Extra>,
}

/// A block of extra output for one invitation.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    /// Its label in the table and its key in JSON, such as `why-not`.
    pub key: &'static str,
    /// Its lines, in the table.
    pub lines: Vec<String>,
    /// Its value in JSON, as data; `None` writes the lines.
    pub data: Option<serde_json::Value>,
}

/// Decides every invitation. `extra` is called with each verdict and
/// returns the extra output to show for it (see [`Triaged::extra`]).
pub fn triage(
    policy: &Policy,
    people: &People,
    knowledge: &Knowledge,
    invitations: Vec<Invitation>,
    mut extra: impl FnMut(&Verdict<'_>) -> Vec<Extra>,
) -> Vec<Triaged> {
    let platform = Platform::LinkedIn;
    invitations
        .into_iter()
        .map(|invitation| {
            let (contact, matched, known) = resolve(
                people,
                knowledge,
                invitation.contact_name(),
                invitation.contact_url(),
                &invitation.message,
            );
            let verdict = policy.evaluate(&contact, &platform, invitation.direction);
            let record = verdict.to_record();
            let short_reason = short_reason(policy, &verdict);
            let extra = extra(&verdict);
            Triaged {
                invitation,
                matched,
                known,
                connected_on: None,
                record,
                short_reason,
                extra,
            }
        })
        .collect()
}

/// For `--why-not`: what would get an invitation accepted. In the table,
/// one change a line (`meet in person and ... → accept
/// (linkedin.mutual-vouch)`), or a line saying that nothing you can change
/// would; in JSON, the changes as data (`{"facts": [{"acquaintance":
/// "met-in-person"}, ...], "decision": "accept", "rule": ...}`), an empty
/// list when nothing would.
pub fn why_not(policy: &Policy, verdict: &Verdict<'_>) -> Extra {
    let changes = accepting_changes(policy, verdict);
    let mut lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    if lines.is_empty() {
        lines.push("nothing you can change (meeting, working together, a view, job seeking) would accept it".into());
    }
    Extra {
        key: "why-not",
        lines,
        data: serde_json::to_value(&changes).ok(),
    }
}

/// The smallest changes a person could make that would get the request
/// of `verdict` accepted (none when nothing they can change would).
pub fn accepting_changes<'p>(
    policy: &'p Policy,
    verdict: &Verdict<'_>,
) -> Vec<acquaint::Change<'p>> {
    let r = verdict.request();
    policy
        .what_would_change(r.contact, r.platform, r.direction)
        .into_iter()
        .filter(|change| change.decision() == Decision::Accept)
        .collect()
}

/// How many invitations got each decision, in the order of `Decision::ALL`.
pub fn counts(triaged: &[Triaged]) -> Vec<(Decision, usize)> {
    Decision::ALL
        .into_iter()
        .map(|d| (d, triaged.iter().filter(|t| t.record.decision == d).count()))
        .collect()
}

/// A few words on why, for the table; the full explanation is in JSON.
pub fn short_reason(policy: &Policy, verdict: &Verdict<'_>) -> String {
    let c = verdict.request().contact;
    let Some(rule) = verdict.builtin_rule() else {
        if verdict.is_fallback() {
            return "no rule applies".into();
        }
        // A user rule: its reason, in the user's own words, without the
        // facts the full explanation adds; a rule in Rust only explains.
        let data_rule = policy.data_rules().find(|r| r.id() == verdict.rule_id());
        return match data_rule {
            Some(rule) if !rule.reason().trim().is_empty() => shorten(rule.reason(), 60),
            _ => shorten(&verdict.explanation(), 60),
        };
    };
    let said = match rule {
        BuiltinRule::LinkedInRecruiterOverride => "a recruiter, and you are job seeking",
        BuiltinRule::LinkedInReputationGuard => match (c.my_view(), c.their_view()) {
            (View::Negative, View::Negative) => "you would speak badly of each other",
            (View::Negative, _) => "you would speak badly of their work",
            _ => "they would speak badly of yours",
        },
        BuiltinRule::LinkedInNotMet => match c.acquaintance() {
            Acquaintance::Spoken => "only spoken or messaged, never met",
            _ => "never met",
        },
        BuiltinRule::LinkedInCannotVouch => match (c.my_view(), c.their_view()) {
            (View::Unknown, View::Unknown) => "neither of you knows the other's work",
            (View::Unknown, _) => "you do not know their work",
            _ => "they do not know your work",
        },
        BuiltinRule::LinkedInMutualVouch => {
            let how = match c.acquaintance() {
                Acquaintance::WorkedInPerson => "worked together",
                Acquaintance::WorkedRemotely => "worked together remotely",
                _ => "met",
            };
            return format!("{how}, and you vouch for each other");
        }
        BuiltinRule::TwitterSharedPurpose => "serves one of your purposes",
        BuiltinRule::TwitterNoPurpose => "serves none of your purposes",
        BuiltinRule::FacebookFriend => "a personal friend",
        BuiltinRule::FacebookNotAFriend => "not a personal friend",
        _ => return shorten(&verdict.explanation(), 60),
    };
    said.into()
}

/// Whether a row is someone the export or the people file knows something
/// of, and which.
fn is_stranger(t: &Triaged) -> bool {
    t.matched == Match::Stranger && t.known.facts.is_empty()
}

/// Prints the table, the count per decision, and the replies to send.
/// `facts` adds, under each row, the facts decided on with their sources,
/// what was not inferred and why, and the endorsements; hints are always
/// shown.
pub fn write_table(out: &mut dyn Write, triaged: &[Triaged], facts: bool) -> io::Result<()> {
    if triaged.is_empty() {
        writeln!(out, "No invitations in the export.")?;
        return Ok(());
    }
    let rows: Vec<&Triaged> = triaged.iter().collect();
    write_rows(out, &rows, facts, true)?;

    writeln!(out)?;
    let strangers = triaged.iter().filter(|t| is_stranger(t)).count();
    let in_file = triaged
        .iter()
        .filter(|t| t.matched != Match::Stranger)
        .count();
    writeln!(
        out,
        "{} invitations: {in_file} from people in your people file, {} known from the export \
         only, {strangers} from strangers:",
        triaged.len(),
        triaged.len() - in_file - strangers
    )?;
    for (decision, n) in counts(triaged) {
        writeln!(out, "  {:<10}  {n:>4}", decision)?;
    }

    let meet_first: Vec<&Triaged> = triaged
        .iter()
        .filter(|t| t.record.decision == Decision::MeetFirst)
        .collect();
    if !meet_first.is_empty() {
        writeln!(out)?;
        writeln!(out, "Suggested replies (meet first):")?;
        for t in meet_first {
            let Some(reply) = &t.record.reply else {
                continue;
            };
            let to = match t.invitation.direction {
                Direction::Incoming => "they invited you",
                Direction::Outgoing => "you invited them",
            };
            writeln!(out)?;
            writeln!(
                out,
                "  {} ({to}):",
                clean(&display_name(t.invitation.contact_name()))
            )?;
            writeln!(out, "  {}", clean(reply))?;
        }
    }
    Ok(())
}

/// The rows of a table, each followed by what it knows and its extras;
/// `direction` adds the invitation's direction column.
fn write_rows(
    out: &mut dyn Write,
    rows: &[&Triaged],
    facts: bool,
    direction: bool,
) -> io::Result<()> {
    const NAME_MAX: usize = 28;
    let names: Vec<String> = rows
        .iter()
        .map(|t| fit(&display_name(t.invitation.contact_name()), NAME_MAX))
        .collect();
    let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0).max(4);
    let rule_w = rows
        .iter()
        .map(|t| t.record.rule.width())
        .max()
        .unwrap_or(0);
    let rule_w = rule_w.clamp(4, 40);
    let second = if direction { "DIRECTION" } else { "CONNECTED" };
    writeln!(
        out,
        "{}  {:<10}  {:<10}  {}  REASON",
        pad("NAME", name_w),
        second,
        "DECISION",
        pad("RULE", rule_w)
    )?;
    for (t, name) in rows.iter().zip(&names) {
        let second = if direction {
            t.invitation.direction.to_string()
        } else {
            t.connected_on.clone().unwrap_or_default()
        };
        writeln!(
            out,
            "{}  {:<10}  {:<10}  {}  {}",
            pad(name, name_w),
            second,
            t.record.decision,
            pad(&fit(&t.record.rule, rule_w), rule_w),
            clean(&t.short_reason)
        )?;
        write_known(out, &t.known, facts)?;
        for extra in &t.extra {
            for line in &extra.lines {
                writeln!(out, "    {}: {}", extra.key, clean(line))?;
            }
        }
    }
    Ok(())
}

/// Under a row: with `facts`, the facts decided on with their sources,
/// what was not inferred and why, and the context; always the hints.
pub fn write_known(out: &mut dyn Write, known: &Known, facts: bool) -> io::Result<()> {
    if facts {
        for f in &known.facts {
            writeln!(
                out,
                "    fact: {} = {} ({})",
                clean(&f.fact),
                clean(&f.value),
                clean(&f.source)
            )?;
        }
        for line in &known.not_inferred {
            writeln!(out, "    not inferred: {}", clean(line))?;
        }
        for line in &known.context {
            writeln!(out, "    context: {}", clean(line))?;
        }
    }
    for line in &known.hints {
        writeln!(out, "    hint: {}", clean(line))?;
    }
    Ok(())
}

/// For `--audit`: the connections the policy would not accept today,
/// grouped by decision, then the count of each decision.
pub fn write_audit(out: &mut dyn Write, audited: &[Triaged], facts: bool) -> io::Result<()> {
    if audited.is_empty() {
        writeln!(out, "No connections in the export.")?;
        return Ok(());
    }
    writeln!(
        out,
        "Connections the policy would not accept today (each decided as if they had just \
         invited you):"
    )?;
    for decision in Decision::ALL {
        if decision == Decision::Accept {
            continue;
        }
        let rows: Vec<&Triaged> = audited
            .iter()
            .filter(|t| t.record.decision == decision)
            .collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{decision} ({}):", rows.len())?;
        write_rows(out, &rows, facts, false)?;
    }
    writeln!(out)?;
    writeln!(out, "{} connections:", audited.len())?;
    for (decision, n) in counts(audited) {
        writeln!(out, "  {:<10}  {n:>4}", decision)?;
    }
    Ok(())
}

/// One JSON object per line.
pub fn write_json(out: &mut dyn Write, triaged: &[Triaged]) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        name: &'a str,
        direction: Direction,
        platform: Platform,
        decision: Decision,
        rule: &'a str,
        explanation: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        reply: Option<&'a str>,
        #[serde(rename = "connected-on", skip_serializing_if = "Option::is_none")]
        connected_on: Option<&'a str>,
        facts: &'a [Fact],
        #[serde(rename = "not-inferred", skip_serializing_if = "<[_]>::is_empty")]
        not_inferred: &'a [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        hints: &'a [String],
        #[serde(skip_serializing_if = "<[_]>::is_empty")]
        context: &'a [String],
        #[serde(flatten)]
        extra: BTreeMap<&'static str, serde_json::Value>,
    }
    for t in triaged {
        let line = Line {
            name: t.invitation.contact_name(),
            direction: t.invitation.direction,
            platform: Platform::LinkedIn,
            decision: t.record.decision,
            rule: &t.record.rule,
            explanation: &t.record.explanation,
            reply: t.record.reply.as_deref(),
            connected_on: t.connected_on.as_deref(),
            facts: &t.known.facts,
            not_inferred: &t.known.not_inferred,
            hints: &t.known.hints,
            context: &t.known.context,
            extra: t
                .extra
                .iter()
                .map(|e| {
                    let value = match &e.data {
                        Some(data) => data.clone(),
                        None => serde_json::Value::from(e.lines.clone()),
                    };
                    (e.key, value)
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
}

fn display_name(name: &str) -> String {
    if name.trim().is_empty() {
        "(no name)".into()
    } else {
        name.into()
    }
}

/// Text from the export made safe for a terminal: control characters
/// (escape sequences, line breaks) and bidirectional overrides, which could
/// redraw or reorder the table, become spaces or are dropped.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Cleans and cuts text to at most `max` terminal columns, marking a cut
/// with `…`. Wide characters (CJK) count as two columns.
pub fn fit(text: &str, max: usize) -> String {
    let text = clean(text);
    if text.width() <= max {
        return text;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Pads to `width` terminal columns, counting wide characters as two.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

fn shorten(text: &str, max: usize) -> String {
    fit(text.trim(), max)
}
