//! `triage --ask`: for each invitation that what is known does not decide,
//! what is known with its sources, then only the questions that decide it
//! (`Policy::ask`), each answer written to the people file at once
//! (`record`), then the decision, its explanation and the reply.
//!
//! A fact is known when the people file gives it for the person, or the
//! export shows it (a recommendation: a view). `acquaintance = "spoken"`
//! inferred from messages is only the least you know (you may have met
//! too), so it is asked. Whether you are job seeking is the policy's (or
//! `--job-seeking`), and whether the invitation has a note is the
//! export's: neither is asked.

use std::io::Write;
use std::path::PathBuf;

use unicode_width::UnicodeWidthStr;

use acquaint::{AskNode, AskTree, Contact, Decision, Direction, Fact, Platform, Policy};

use crate::error::{Error, excerpt};
use crate::triage::export::Invitation;
use crate::triage::keys::{Answers, Reply};
use crate::triage::known::{Knowledge, Known, PEOPLE_FILE, resolve};
use crate::triage::people::{Match, People, url_key};
use crate::triage::record::{Target, record};
use crate::triage::report::{clean, fit, short_reason, write_known};
use crate::triage::run::{ASK_PEOPLE, Loaded, Options, load};

/// The facts of a person to ask about: every fact of a contact but those
/// `known` gives (see the module's docs).
pub fn unknown_facts(known: &Known) -> Vec<Fact> {
    Fact::ALL
        .into_iter()
        .filter(|&fact| match fact {
            Fact::JobSeeking | Fact::Message => false,
            fact => !known.facts.iter().any(|f| {
                let at_least = f.fact == Fact::Acquaintance.name() && f.source != PEOPLE_FILE;
                f.fact == fact.name() && !at_least
            }),
        })
        .collect()
}

/// One invitation as the people file now knows it, and its questions.
struct State {
    contact: Contact,
    matched: Match,
    known: Known,
    tree: AskTree,
}

fn state(
    policy: &Policy,
    people: &People,
    knowledge: &Knowledge,
    invitation: &Invitation,
) -> Result<State, Error> {
    let (contact, matched, known) = resolve(
        people,
        knowledge,
        invitation.contact_name(),
        invitation.contact_url(),
        &invitation.message,
    );
    let unknown = unknown_facts(&known);
    let tree = policy
        .ask(
            &contact,
            &unknown,
            &Platform::LinkedIn,
            invitation.direction,
        )
        .map_err(|e| Error::Ask {
            name: excerpt(invitation.contact_name(), 80),
            message: e.to_string(),
        })?;
    Ok(State {
        contact,
        matched,
        known,
        tree,
    })
}

/// The people file's key for an answer about this person: their entry's,
/// else their profile URL, else their name.
fn target_key(people: &People, invitation: &Invitation, matched: Match) -> String {
    let (name, url) = (invitation.contact_name(), invitation.contact_url());
    match people.entry(name, url) {
        Some((entry, _)) if matched != Match::Stranger => entry.key.clone(),
        _ if url_key(url).is_some() => url.to_owned(),
        _ => name.to_owned(),
    }
}

/// How a session went, for its summary.
#[derive(Debug, Default)]
struct Tally {
    questions: usize,
    by_known: usize,
    by_answers: usize,
    skipped: usize,
    left: usize,
    decisions: Vec<Decision>,
}

/// Runs `triage --ask`, reading answers from `answers` and writing to
/// `out`.
pub fn run_ask(
    options: &Options,
    answers: &mut dyn Answers,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let Loaded {
        policy,
        mut people,
        knowledge,
        invitations,
        inputs,
        ..
    } = load(options)?;
    let path = inputs
        .people
        .clone()
        .unwrap_or_else(|| PathBuf::from(ASK_PEOPLE));
    let shown = path.display().to_string();
    let platform = Platform::LinkedIn;
    let mut tally = Tally::default();

    let mut open = Vec::new();
    let mut decided = Vec::new();
    for (i, invitation) in invitations.iter().enumerate() {
        let s = state(&policy, &people, &knowledge, invitation)?;
        if matches!(s.tree.root(), AskNode::Decided { .. }) {
            decided.push((i, s));
        } else {
            open.push(i);
        }
    }
    if invitations.is_empty() {
        writeln!(out, "No invitations in the export.")?;
        return Ok(());
    }
    if !decided.is_empty() {
        writeln!(out, "Decided by what is known ({}):", decided.len())?;
        let width = decided
            .iter()
            .map(|(i, _)| fit(invitations[*i].contact_name(), 28).width())
            .max()
            .unwrap_or(0);
        for (i, s) in &decided {
            let invitation = &invitations[*i];
            let verdict = policy.evaluate(&s.contact, &platform, invitation.direction);
            let name = fit(invitation.contact_name(), 28);
            let pad = " ".repeat(width.saturating_sub(name.width()));
            writeln!(
                out,
                "  {name}{pad}  {:<10}  {}: {}",
                verdict.decision(),
                verdict.rule_id(),
                clean(&short_reason(&policy, &verdict))
            )?;
            tally.by_known += 1;
            tally.decisions.push(verdict.decision());
        }
        writeln!(out)?;
    }
    if open.is_empty() {
        writeln!(
            out,
            "Nothing to ask: what is known decides every invitation."
        )?;
    } else {
        writeln!(
            out,
            "{} to ask about; each answer is written to `{shown}` at once.",
            plural(open.len(), "invitation")
        )?;
    }

    for (k, &i) in open.iter().enumerate() {
        let invitation = &invitations[i];
        let mut s = state(&policy, &people, &knowledge, invitation)?;
        let name = clean(invitation.contact_name());
        let how = match invitation.direction {
            Direction::Incoming => "they invited you",
            Direction::Outgoing => "you invited them",
        };
        writeln!(out)?;
        writeln!(out, "[{}/{}] {name} ({how})", k + 1, open.len())?;
        if !invitation.message.trim().is_empty() {
            writeln!(out, "    note: {}", fit(&invitation.message, 100))?;
        }
        if s.known.facts.is_empty() {
            writeln!(out, "    nothing known of them yet")?;
        }
        write_known(out, &s.known, true)?;
        let mut asked_here = 0;
        let mut node = 0;
        let mut stop = None;
        while let Some(AskNode::Question(question)) = s.tree.node(node) {
            writeln!(out, "  {}", clean(question.text()))?;
            for (n, answer) in question.answers().iter().enumerate() {
                writeln!(out, "    {}  {}", n + 1, clean(answer.text()))?;
            }
            match answers.answer(question, out)? {
                Reply::Answer(a) => {
                    let Some(answer) = question.answers().get(a) else {
                        continue;
                    };
                    let key = target_key(&people, invitation, s.matched);
                    let target = Target {
                        key: &key,
                        name: Some(invitation.contact_name()),
                    };
                    people = record(
                        &path,
                        target,
                        question.fact(),
                        question.about(),
                        answer.value(),
                    )?;
                    tally.questions += 1;
                    asked_here += 1;
                    node = answer.next();
                }
                reply => {
                    stop = Some(reply);
                    break;
                }
            }
        }
        match stop {
            Some(Reply::Quit) => {
                tally.left += open.len() - k;
                writeln!(out)?;
                writeln!(out, "Stopped.")?;
                break;
            }
            Some(_) => {
                tally.skipped += 1;
                continue;
            }
            None => {}
        }
        // Decided: by the people file as the answers left it.
        s = state(&policy, &people, &knowledge, invitation)?;
        let verdict = policy.evaluate(&s.contact, &platform, invitation.direction);
        if asked_here == 0 {
            writeln!(out, "  decided by your earlier answers")?;
        }
        writeln!(
            out,
            "  decision: {} ({}): {}",
            verdict.decision(),
            verdict.rule_id(),
            clean(&verdict.explanation())
        )?;
        if let Some(reply) = verdict.reply() {
            writeln!(out, "    reply: {}", clean(&reply))?;
        }
        tally.by_answers += 1;
        tally.decisions.push(verdict.decision());
    }

    writeln!(out)?;
    let undecided = tally.skipped + tally.left;
    writeln!(
        out,
        "{}: {} by what was known, {} by your answers, {undecided} left undecided.",
        plural(invitations.len(), "invitation"),
        tally.by_known,
        tally.by_answers,
    )?;
    writeln!(
        out,
        "{} asked in all{}",
        plural(tally.questions, "question"),
        if tally.questions > 0 {
            format!("; the answers are in `{shown}`.")
        } else {
            ".".to_owned()
        }
    )?;
    for decision in Decision::ALL {
        let n = tally.decisions.iter().filter(|d| **d == decision).count();
        writeln!(out, "  {:<10}  {n:>4}", decision)?;
    }
    if undecided > 0 {
        writeln!(
            out,
            "Run the same command again to go on with the {}: what you answered is known now.",
            plural(undecided, "undecided invitation")
        )?;
    }
    out.flush()?;
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
