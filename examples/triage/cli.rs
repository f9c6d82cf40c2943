//! The command line: flags, and running the triage they describe.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::export::read_invitations_file;
use crate::people::People;
use crate::policy_file::load_policy;
use crate::report::{Extra, Triaged, triage, why_not, write_json, write_table};

pub const USAGE: &str = "\
Triage the invitations of a LinkedIn data export: accept, decline, or meet first.

Usage: cargo run --example triage -- [OPTIONS]

Options:
  --invitations FILE  Invitations.csv from your LinkedIn data export
                      [default: the bundled sample, examples/data/Invitations.csv]
  --people FILE       what you know of each person (TOML), keyed by profile URL
                      or name; anyone not in it is a stranger [default: nobody,
                      or examples/data/people.toml with the bundled sample]
  --policy FILE       a policy document (.toml or .json) [default: the built-in
                      philosophy]
  --job-seeking       you are actively looking for a job (turns on the
                      recruiter override)
  --format FORMAT     `table` (default) or `json` (one object per line)
  --why-not           for each invitation not accepted, what would get it
                      accepted: the smallest changes you could make (meet,
                      work together, a view, job seeking) and the rule
  --check-policy FILE analyse a policy document and print its warnings
                      (rules that can never decide), instead of triaging
  -h, --help          print this help
";

/// The bundled samples, found from the crate's root so that the example
/// runs from any directory.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data")
}

/// How to print the decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
}

/// What the flags ask for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    pub invitations: Option<PathBuf>,
    pub people: Option<PathBuf>,
    pub policy: Option<PathBuf>,
    pub job_seeking: bool,
    pub format: Format,
    pub why_not: bool,
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Triage(Options),
    /// Analyse this policy file and print its warnings.
    CheckPolicy(PathBuf),
    Help,
}

/// Reads the flags (without the program name).
pub fn parse_args<I>(args: I) -> Result<Command, lexopt::Error>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::prelude::*;

    let mut options = Options::default();
    let mut check_policy = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("invitations") => options.invitations = Some(parser.value()?.into()),
            Long("people") => options.people = Some(parser.value()?.into()),
            Long("policy") => options.policy = Some(parser.value()?.into()),
            Long("job-seeking") => options.job_seeking = true,
            Long("format") => {
                options.format = parser.value()?.parse_with(|s| match s {
                    "table" => Ok(Format::Table),
                    "json" => Ok(Format::Json),
                    _ => Err("`--format` is `table` or `json`"),
                })?
            }
            Long("why-not") => options.why_not = true,
            Long("check-policy") => check_policy = Some(parser.value()?.into()),
            Short('h') | Long("help") => return Ok(Command::Help),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(match check_policy {
        Some(path) => Command::CheckPolicy(path),
        None => Command::Triage(options),
    })
}

/// The files to read: the given ones, or the bundled samples when no
/// export is given.
pub fn input_paths(options: &Options) -> (PathBuf, Option<PathBuf>) {
    match &options.invitations {
        Some(invitations) => (invitations.clone(), options.people.clone()),
        // The sample people file describes the sample export's people only.
        None => (
            sample_dir().join("Invitations.csv"),
            Some(
                options
                    .people
                    .clone()
                    .unwrap_or_else(|| sample_dir().join("people.toml")),
            ),
        ),
    }
}

/// Reads the inputs and decides every invitation.
pub fn decide(options: &Options) -> Result<Vec<Triaged>, Error> {
    let (invitations, people) = input_paths(options);
    let policy = load_policy(options.policy.as_deref(), options.job_seeking)?;
    let people = match people {
        Some(path) => People::load(&path)?,
        None => People::empty(),
    };
    let invitations = read_invitations_file(&invitations)?;
    let extra = |verdict: &acquaint::Verdict<'_>| {
        if !options.why_not || verdict.decision() == acquaint::Decision::Accept {
            return Vec::new();
        }
        vec![Extra {
            key: "why-not",
            lines: why_not(&policy, verdict),
        }]
    };
    Ok(triage(&policy, &people, invitations, extra))
}

/// Runs the triage and prints it to `out`.
pub fn run(options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let triaged = decide(options)?;
    match options.format {
        Format::Table => write_table(out, &triaged)?,
        Format::Json => write_json(out, &triaged)?,
    }
    out.flush()?;
    Ok(())
}

/// Analyses the policy file at `path` and prints its warnings, one a line.
/// Warnings are not errors: the policy loads and works.
pub fn check_policy(path: &Path, out: &mut dyn Write) -> Result<(), Error> {
    let policy = load_policy(Some(path), false)?;
    let name = path.display().to_string();
    let warnings = policy.analyze().map_err(|e| Error::Policy {
        path: name.clone(),
        message: e.to_string(),
    })?;
    match warnings.len() {
        0 => writeln!(
            out,
            "policy file `{name}`: no warnings, every rule can decide"
        )?,
        1 => writeln!(out, "policy file `{name}`: 1 warning")?,
        n => writeln!(out, "policy file `{name}`: {n} warnings")?,
    }
    for warning in &warnings {
        writeln!(
            out,
            "  warning: {}",
            crate::report::clean(&warning.to_string())
        )?;
    }
    out.flush()?;
    Ok(())
}
