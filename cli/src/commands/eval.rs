//! `acquaint eval`: requests in as JSON lines, verdicts out, one a line,
//! in input order.
//!
//! It streams: one line is read, decided and written at a time, through
//! buffers that are reused, so memory stays the same over any number of
//! lines. Output is flushed whenever the input has nothing more buffered,
//! so that a program writing one request and waiting for its verdict gets
//! it at once.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};

use acquaint::{AskNode, AskTree, Change, Contact, Decision, Direction, Fact, Platform, Policy};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::args::{EvalArgs, Format};
use crate::error::{Error, Status};
use crate::policy_file::load_policy;
use crate::triage::report::{accepting_changes, clean};

/// One line of input: a request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestLine<'a> {
    /// Anything, echoed back with the verdict.
    #[serde(default, borrow)]
    pub id: Option<&'a RawValue>,
    /// The network.
    pub platform: Platform,
    /// An invitation received, or a request of mine.
    pub direction: Direction,
    /// What I know of the person; left out, a stranger.
    #[serde(default)]
    pub contact: Contact,
    /// The facts not known yet (contact fields, or `job-seeking`): the
    /// answer is then the tree of questions that decide the request.
    #[serde(default)]
    pub unknown: Vec<Fact>,
}

/// What every output line says of its request, first: its `id` (when it
/// had one), the contact's name, the platform and the direction.
#[derive(Debug, Serialize)]
pub struct Echo<'a> {
    /// The request's `id`, as it was written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a RawValue>,
    /// The contact's name.
    pub name: &'a str,
    /// The network.
    pub platform: &'a Platform,
    /// The request's direction.
    pub direction: Direction,
}

impl<'a> Echo<'a> {
    fn of(request: &'a RequestLine<'a>) -> Echo<'a> {
        Echo {
            id: request.id,
            name: request.contact.name(),
            platform: &request.platform,
            direction: request.direction,
        }
    }

    /// The first cells of a Markdown table row: the line's number, then
    /// the request.
    fn cells(&self, number: u64) -> String {
        let id = self.id.map_or("", |id| id.get());
        format!(
            "| {number} | {} | {} | {} | {} |",
            cell(id),
            cell(self.name),
            self.platform,
            self.direction
        )
    }
}

/// One line of output for a request with facts not known yet: the fewest
/// questions that decide it, as `Policy::ask` gives them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct AskLine<'a> {
    /// The request the line answers.
    #[serde(flatten)]
    pub request: Echo<'a>,
    /// The questions, each answer leading to a decision or the next.
    pub ask: AskTree,
}

/// One line of output for a request that was decided.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct VerdictLine<'a> {
    /// The request the line answers.
    #[serde(flatten)]
    pub request: Echo<'a>,
    /// What to do.
    pub decision: Decision,
    /// The id of the rule that decided.
    pub rule: &'a str,
    /// Why, for a person to read.
    pub explanation: String,
    /// For `meet-first`, a reply proposing to meet in person.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reply: Option<String>,
    /// With `--why-not`, for a request not accepted: the smallest changes
    /// that would get it accepted (empty when nothing you can change
    /// would).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why_not: Option<Vec<Change<'a>>>,
}

/// One line of output for a line that could not be read as a request.
#[derive(Debug, Serialize)]
pub struct ErrorLine<'a> {
    /// The line of the input, from 1.
    pub line: u64,
    /// What is wrong with it, and where in the line.
    pub error: &'a str,
}

/// What `eval` is asked for, once the policy is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalOptions {
    /// Add `why-not` to each request not accepted.
    pub why_not: bool,
    /// JSON lines, or a Markdown table.
    pub format: Format,
}

/// Runs `acquaint eval`: loads the policy, then decides the lines of the
/// file, or of `stdin` when no file is given.
pub fn run(args: &EvalArgs, stdin: impl Read, out: &mut dyn Write) -> Result<Status, Error> {
    let policy = load_policy(args.policy.as_deref(), args.job_seeking)?;
    let options = EvalOptions {
        why_not: args.why_not,
        format: args.format,
    };
    match &args.file {
        Some(path) => {
            let file = File::open(path).map_err(|source| Error::Read {
                what: "requests",
                path: path.display().to_string(),
                source,
            })?;
            eval(&policy, options, file, out)
        }
        None => eval(&policy, options, stdin, out),
    }
}

/// Decides every line of `input` with `policy`, writing one line to `out`
/// for each: a finding when a line could not be read as a request.
pub fn eval(
    policy: &Policy,
    options: EvalOptions,
    input: impl Read,
    out: &mut dyn Write,
) -> Result<Status, Error> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let mut line = Vec::new();
    let mut written = Vec::new();
    let mut number = 0_u64;
    let mut failed = false;
    if options.format == Format::Table {
        writeln!(
            out,
            "| line | id | name | platform | direction | decision | rule | explanation |\n\
             |---|---|---|---|---|---|---|---|"
        )?;
    }
    loop {
        if input.buffer().is_empty() {
            // About to wait for input: whoever sent the lines so far gets
            // their verdicts now.
            out.flush()?;
        }
        line.clear();
        let read = input
            .read_until(b'\n', &mut line)
            .map_err(|source| Error::Read {
                what: "requests",
                path: "(input)".into(),
                source,
            })?;
        if read == 0 {
            break;
        }
        number += 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        written.clear();
        match serde_json::from_slice::<RequestLine<'_>>(&line) {
            Ok(request) if !request.unknown.is_empty() => match ask(policy, &request) {
                Ok(line) => match options.format {
                    Format::Json => {
                        serde_json::to_writer(&mut written, &line).map_err(io::Error::from)?
                    }
                    Format::Table => ask_row(&mut written, number, &line)?,
                },
                Err(e) => {
                    failed = true;
                    let error = e.to_string();
                    match options.format {
                        Format::Json => serde_json::to_writer(
                            &mut written,
                            &ErrorLine {
                                line: number,
                                error: &error,
                            },
                        )
                        .map_err(io::Error::from)?,
                        Format::Table => {
                            write!(written, "| {number} | | | | | error | | {} |", cell(&error))?
                        }
                    }
                }
            },
            Ok(request) => {
                let answer = decide(policy, &request, options.why_not);
                match options.format {
                    Format::Json => {
                        serde_json::to_writer(&mut written, &answer).map_err(io::Error::from)?
                    }
                    Format::Table => table_row(&mut written, number, &answer)?,
                }
            }
            Err(e) => {
                failed = true;
                let error = request_error(&e);
                match options.format {
                    Format::Json => serde_json::to_writer(
                        &mut written,
                        &ErrorLine {
                            line: number,
                            error: &error,
                        },
                    )
                    .map_err(io::Error::from)?,
                    Format::Table => {
                        write!(written, "| {number} | | | | | error | | {} |", cell(&error))?
                    }
                }
            }
        }
        written.push(b'\n');
        out.write_all(&written)?;
    }
    out.flush()?;
    Ok(Status::finding_if(failed))
}

/// The verdict on one request.
pub fn decide<'a>(
    policy: &'a Policy,
    request: &'a RequestLine<'a>,
    why_not: bool,
) -> VerdictLine<'a> {
    let verdict = policy.evaluate(&request.contact, &request.platform, request.direction);
    let why_not = (why_not && verdict.decision() != Decision::Accept)
        .then(|| accepting_changes(policy, &verdict));
    VerdictLine {
        request: Echo::of(request),
        decision: verdict.decision(),
        rule: verdict.rule_id(),
        explanation: verdict.explanation(),
        reply: verdict.reply(),
        why_not,
    }
}

/// The questions that decide a request with facts not known yet.
pub fn ask<'a>(
    policy: &Policy,
    request: &'a RequestLine<'a>,
) -> Result<AskLine<'a>, acquaint::AnalysisError> {
    let tree = policy.ask(
        &request.contact,
        &request.unknown,
        &request.platform,
        request.direction,
    )?;
    Ok(AskLine {
        request: Echo::of(request),
        ask: tree,
    })
}

/// A row of the Markdown table for a request with facts not known yet:
/// its decision when they cannot change it, else the first question.
fn ask_row(out: &mut Vec<u8>, number: u64, line: &AskLine<'_>) -> io::Result<()> {
    let (decision, rule, said) = match line.ask.root() {
        AskNode::Decided { decision, rule } => (
            decision.to_string(),
            rule.clone().unwrap_or_default(),
            "decided whatever the facts not known".to_owned(),
        ),
        AskNode::Question(q) => ("ask".to_owned(), String::new(), q.text().to_owned()),
        // A policy with rules written in Rust, and nothing to ask.
        _ => ("evaluate".to_owned(), String::new(), String::new()),
    };
    write!(
        out,
        "{} {decision} | {} | {} |",
        line.request.cells(number),
        if rule.is_empty() {
            String::new()
        } else {
            format!("`{}`", cell(&rule))
        },
        cell(&said)
    )
}

/// What is wrong with a line, as serde_json and the library say it, with
/// the column where reading stopped.
fn request_error(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    match e.column() {
        0 => message.to_owned(),
        column => format!("column {column}: {message}"),
    }
}

/// A row of the Markdown table.
fn table_row(out: &mut Vec<u8>, number: u64, answer: &VerdictLine<'_>) -> io::Result<()> {
    write!(
        out,
        "{} {} | `{}` | {} |",
        answer.request.cells(number),
        answer.decision,
        cell(answer.rule),
        cell(&answer.explanation)
    )
}

/// Text made safe for a table cell.
fn cell(text: &str) -> String {
    clean(text).replace('|', "\\|")
}
