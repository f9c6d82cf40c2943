//! The command line: flags, and running the triage they describe.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use acquaint::{Platform, Policy};

use crate::archive::{Archive, ExportFile};
use crate::error::Error;
use crate::export::{Invitation, read_invitations, read_invitations_file};
use crate::known::{Knowledge, resolve};
use crate::people::People;
use crate::policy_file::load_policy;
use crate::report::{
    Extra, Triaged, short_reason, triage, why_not, write_audit, write_json, write_table,
};
use crate::template::write_people;

pub const USAGE: &str = "\
Triage the invitations of a LinkedIn data export: accept, decline, or meet first.

Usage: cargo run --example triage -- [OPTIONS]

Options:
  --export PATH       your LinkedIn data archive: the downloaded .zip, or the
                      folder it unzips to; its messages, recommendations,
                      endorsements, connections and positions fill in facts
                      [default: the bundled sample, examples/data/export]
  --invitations FILE  an Invitations.csv to triage (instead of the export's)
  --people FILE       what you know of each person (TOML), keyed by profile URL
                      or name; it wins over anything inferred [default: nobody,
                      or examples/data/people.toml with the bundled sample]
  --policy FILE       a policy document (.toml or .json) [default: the built-in
                      philosophy]
  --job-seeking       you are actively looking for a job (turns on the
                      recruiter override)
  --format FORMAT     `table` (default) or `json` (one object per line)
  --why-not           for each invitation not accepted, what would get it
                      accepted: the smallest changes you could make (meet,
                      work together, a view, job seeking) and the rule; also
                      shows the facts, as --facts does
  --facts             under each row, the facts decided on and where each
                      came from, what the export holds but infers nothing,
                      and endorsements
  --audit             triage your existing connections (Connections.csv)
                      instead: which ones the policy would not accept today
  --write-people FILE write a people file for everyone triaged, inferred
                      facts filled in, the rest commented out, instead of
                      the table; fill it in and run again with --people FILE
  --overwrite         let --write-people replace an existing file
  --check-policy FILE analyse a policy document and print its warnings
                      (rules that can never decide), and check its examples;
                      exit with an error if an example fails; instead of
                      triaging
  --deny-warnings     with --check-policy: exit with an error if there are
                      warnings
  --diff OLD NEW      compare two policy documents instead of triaging: for
                      LinkedIn, Twitter, Facebook, each platform they declare
                      and any other, the requests they decide differently,
                      with the decision and rule before and after (with
                      --format json, one object per platform); exits with 0
                      when they decide alike, 1 when they differ, 2 on an
                      error, like diff(1)
  -h, --help          print this help
";

/// The bundled samples, found from the crate's root so that the example
/// runs from any directory.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data")
}

/// The bundled sample archive.
pub fn sample_export() -> PathBuf {
    sample_dir().join("export")
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
    pub export: Option<PathBuf>,
    pub invitations: Option<PathBuf>,
    pub people: Option<PathBuf>,
    pub policy: Option<PathBuf>,
    pub job_seeking: bool,
    pub format: Format,
    pub why_not: bool,
    pub facts: bool,
    pub audit: bool,
    pub write_people: Option<PathBuf>,
    pub overwrite: bool,
}

/// What to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Triage(Options),
    /// Analyse this policy file and print its warnings; with
    /// `deny_warnings`, fail when there are some.
    CheckPolicy {
        path: PathBuf,
        deny_warnings: bool,
    },
    /// Print where the policy files `old` and `new` decide differently.
    Diff {
        old: PathBuf,
        new: PathBuf,
        format: Format,
    },
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
    let mut deny_warnings = false;
    let mut diff = None;
    let mut parser = lexopt::Parser::from_args(args);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("export") => options.export = Some(parser.value()?.into()),
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
            Long("facts") => options.facts = true,
            Long("audit") => options.audit = true,
            Long("write-people") => options.write_people = Some(parser.value()?.into()),
            Long("overwrite") => options.overwrite = true,
            Long("check-policy") => check_policy = Some(parser.value()?.into()),
            Long("deny-warnings") => deny_warnings = true,
            Long("diff") => {
                let mut files = parser.values()?;
                let (Some(old), Some(new)) = (files.next(), files.next()) else {
                    return Err("`--diff` takes two policy files: OLD NEW".to_owned().into());
                };
                diff = Some((old.into(), new.into()));
            }
            Short('h') | Long("help") => return Ok(Command::Help),
            _ => return Err(arg.unexpected()),
        }
    }
    Ok(match (check_policy, diff) {
        (Some(_), Some(_)) => {
            return Err("`--check-policy` and `--diff` do one thing each: give one"
                .to_owned()
                .into());
        }
        (Some(path), None) => Command::CheckPolicy {
            path,
            deny_warnings,
        },
        (None, Some((old, new))) => Command::Diff {
            old,
            new,
            format: options.format,
        },
        (None, None) => Command::Triage(options),
    })
}

/// Where the input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The archive, if any.
    pub export: Option<PathBuf>,
    /// An `Invitations.csv` given apart from the archive.
    pub invitations: Option<PathBuf>,
    pub people: Option<PathBuf>,
    /// Whether these are the bundled samples (no input was given).
    pub sample: bool,
}

/// The files to read: the given ones, or the bundled samples when neither
/// an export nor invitations are given.
pub fn input_paths(options: &Options) -> Inputs {
    if options.export.is_some() || options.invitations.is_some() {
        return Inputs {
            export: options.export.clone(),
            invitations: options.invitations.clone(),
            people: options.people.clone(),
            sample: false,
        };
    }
    // The sample people file describes the sample export's people only.
    Inputs {
        export: Some(sample_export()),
        invitations: None,
        people: Some(
            options
                .people
                .clone()
                .unwrap_or_else(|| sample_dir().join("people.toml")),
        ),
        sample: true,
    }
}

/// Everything a run decided, and what it read.
#[derive(Debug)]
pub struct Decided {
    /// The invitations, or with `--audit` the connections.
    pub triaged: Vec<Triaged>,
    pub people: People,
    pub inputs: Inputs,
    /// One line per file of the export: read (with its rows) or missing.
    pub files: Vec<String>,
    /// Notes on the export as a whole.
    pub notes: Vec<String>,
}

/// Reads the inputs and decides every invitation (or connection).
pub fn decide_all(options: &Options) -> Result<Decided, Error> {
    let inputs = input_paths(options);
    let policy = load_policy(options.policy.as_deref(), options.job_seeking)?;
    let people = match &inputs.people {
        Some(path) => People::load(path)?,
        None => People::empty(),
    };
    let archive = inputs.export.as_deref().map(Archive::open).transpose()?;

    let invitations: Vec<Invitation> = match (&inputs.invitations, &archive) {
        (Some(path), _) => read_invitations_file(path)?,
        (None, Some(archive)) => archive
            .read_file(ExportFile::Invitations, |reader, path| {
                read_invitations(reader, path)
            })?
            .unwrap_or_default(),
        (None, None) => Vec::new(),
    };
    if let (None, Some(archive)) = (&inputs.invitations, &archive) {
        if !options.audit && !archive.has(ExportFile::Invitations) {
            return Err(Error::NeedsFile {
                flag: "--export",
                file: ExportFile::Invitations.name(),
                export: archive.path().display().to_string(),
            });
        }
    }
    let knowledge = match &archive {
        Some(archive) => Knowledge::read(archive, &invitations)?,
        None => Knowledge::empty(),
    };
    let files = match &archive {
        Some(archive) => ExportFile::ALL
            .into_iter()
            .map(|file| match knowledge.rows.get(&file) {
                Some(1) => format!("{} (1 row)", file.name()),
                Some(rows) => format!("{} ({rows} rows)", file.name()),
                None if archive.has(file) => format!("{} (not read)", file.name()),
                None => format!("{} (not in the export)", file.name()),
            })
            .collect(),
        None => Vec::new(),
    };

    let why = options.why_not || options.audit;
    let extra = |verdict: &acquaint::Verdict<'_>| {
        if !why || verdict.decision() == acquaint::Decision::Accept {
            return Vec::new();
        }
        vec![why_not(&policy, verdict)]
    };
    let triaged = if options.audit {
        let Some(archive) = &archive else {
            return Err(Error::NeedsFile {
                flag: "--audit",
                file: ExportFile::Connections.name(),
                export: String::new(),
            });
        };
        if !archive.has(ExportFile::Connections) {
            return Err(Error::NeedsFile {
                flag: "--audit",
                file: ExportFile::Connections.name(),
                export: archive.path().display().to_string(),
            });
        }
        audit(&policy, &people, &knowledge, extra)
    } else {
        triage(&policy, &people, &knowledge, invitations, extra)
    };
    Ok(Decided {
        triaged,
        people,
        inputs,
        files,
        notes: knowledge.notes.clone(),
    })
}

/// Decides every connection as if they had just invited you: would the
/// policy accept them today?
fn audit(
    policy: &acquaint::Policy,
    people: &People,
    knowledge: &Knowledge,
    mut extra: impl FnMut(&acquaint::Verdict<'_>) -> Vec<Extra>,
) -> Vec<Triaged> {
    let platform = acquaint::Platform::LinkedIn;
    knowledge
        .connections
        .iter()
        .map(|c| {
            let (contact, matched, known) = resolve(people, knowledge, &c.name, &c.url, "");
            let verdict = policy.evaluate(&contact, &platform, acquaint::Direction::Incoming);
            let invitation = Invitation {
                line: c.line,
                from: c.name.clone(),
                to: String::new(),
                sent_at: None,
                message: String::new(),
                direction: acquaint::Direction::Incoming,
                inviter_url: c.url.clone(),
                invitee_url: String::new(),
            };
            Triaged {
                invitation,
                matched,
                known,
                connected_on: c.connected_on.clone(),
                record: verdict.to_record(),
                short_reason: short_reason(policy, &verdict),
                extra: extra(&verdict),
            }
        })
        .collect()
}

/// Runs the triage and prints it to `out`.
pub fn run(options: &Options, out: &mut dyn Write) -> Result<(), Error> {
    let decided = decide_all(options)?;
    if let Some(path) = &options.write_people {
        let n = write_people(path, &decided.triaged, &decided.people, options.overwrite)?;
        writeln!(
            out,
            "Wrote {n} people to `{}`. Fill in what you know, then run again with \
             `--people {}`.",
            path.display(),
            path.display()
        )?;
        out.flush()?;
        return Ok(());
    }
    let facts = options.facts || options.why_not;
    match (options.format, options.audit) {
        (Format::Table, false) => write_table(out, &decided.triaged, facts)?,
        (Format::Table, true) => write_audit(out, &decided.triaged, facts)?,
        (Format::Json, _) => write_json(out, &decided.triaged)?,
    }
    if options.format == Format::Table {
        write_footer(out, &decided)?;
    }
    out.flush()?;
    Ok(())
}

/// Which files were read, and how to run on your own export.
fn write_footer(out: &mut dyn Write, decided: &Decided) -> Result<(), Error> {
    if let Some(export) = &decided.inputs.export {
        writeln!(out)?;
        // The sample is named as the README names it, from the crate root.
        let shown = match export.strip_prefix(env!("CARGO_MANIFEST_DIR")) {
            Ok(relative) if decided.inputs.sample => relative.display().to_string(),
            _ => export.display().to_string(),
        };
        writeln!(out, "Read from `{shown}`:")?;
        for line in &decided.files {
            writeln!(out, "  {line}")?;
        }
        for note in &decided.notes {
            writeln!(out, "  {}", crate::report::clean(note))?;
        }
    }
    if decided.inputs.sample {
        writeln!(out)?;
        writeln!(
            out,
            "This ran on the bundled sample export. For your own, download your LinkedIn data \
             (the larger archive) and run:\n  cargo run --example triage -- --export \
             ~/Downloads/Complete_LinkedInDataExport.zip --write-people people.toml\n  \
             cargo run --example triage -- --export \
             ~/Downloads/Complete_LinkedInDataExport.zip --people people.toml"
        )?;
    }
    Ok(())
}

/// Analyses the policy file at `path` and prints its warnings, one a line,
/// then checks its examples and prints those that fail. Warnings are not
/// errors: the policy loads and works; with `deny_warnings`, any warning
/// makes it an error, for scripts and CI. A failing example is an error.
pub fn check_policy(path: &Path, deny_warnings: bool, out: &mut dyn Write) -> Result<(), Error> {
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
    let failures = policy.check_examples();
    let total = policy.examples().len();
    match (failures.len(), total) {
        (_, 0) => {}
        (0, 1) => writeln!(out, "policy file `{name}`: 1 example, it holds")?,
        (0, n) => writeln!(out, "policy file `{name}`: {n} examples, all hold")?,
        (failed, n) => writeln!(out, "policy file `{name}`: {failed} of {n} examples fail")?,
    }
    for failure in &failures {
        writeln!(
            out,
            "  failed: {}",
            crate::report::clean(&failure.to_string())
        )?;
    }
    out.flush()?;
    if !failures.is_empty() {
        return Err(Error::Examples {
            path: name,
            failed: failures.len(),
            total,
        });
    }
    if deny_warnings && !warnings.is_empty() {
        return Err(Error::Warnings {
            path: name,
            count: warnings.len(),
        });
    }
    Ok(())
}

/// The exit status of `--diff`, as `diff(1)` has it: 0 when the policies
/// decide alike on every platform, 1 when they differ (a change of the
/// job-seeking setting alone counts: it changes decisions, though no row
/// of the tables shows it), 2 when they could not be compared.
pub fn diff_status(result: &Result<bool, Error>) -> u8 {
    match result {
        Ok(false) => 0,
        Ok(true) => 1,
        Err(_) => 2,
    }
}

/// The platforms `--diff` compares: the built-in ones, those either policy
/// declares (a policy file must declare every platform its rules name),
/// and one that neither declares, standing for any other; each with its
/// heading.
fn diff_platforms(old: &Policy, new: &Policy) -> Vec<(String, Platform)> {
    let mut platforms: Vec<(String, Platform)> =
        [Platform::LinkedIn, Platform::Twitter, Platform::Facebook]
            .into_iter()
            .map(|p| (p.label().to_owned(), p))
            .collect();
    let mut declared = std::collections::HashSet::new();
    for platform in old.platforms().iter().chain(new.platforms()) {
        if declared.insert(platform.clone()) {
            platforms.push((platform.label().to_owned(), platform.clone()));
        }
    }
    // A name neither declares decides as every platform neither names.
    let other = (0..)
        .map(|i| match i {
            0 => "other".to_owned(),
            i => format!("other-{i}"),
        })
        .filter_map(|name| name.parse::<Platform>().ok())
        .find(|p| !declared.contains(p));
    if let Some(other) = other {
        platforms.push(("Any other platform".to_owned(), other));
    }
    platforms
}

/// Compares the policy files `old` and `new` and prints, for each platform
/// (see [`diff_platforms`]), where they decide differently: as Markdown
/// tables, or as JSON, one object per platform. Returns whether they
/// differ anywhere, the job-seeking setting included.
pub fn diff(old: &Path, new: &Path, format: Format, out: &mut dyn Write) -> Result<bool, Error> {
    let (before, after) = (
        load_policy(Some(old), false)?,
        load_policy(Some(new), false)?,
    );
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let mut differ = false;
    let platforms = diff_platforms(&before, &after);
    for (n, (heading, platform)) in platforms.iter().enumerate() {
        let diff = before.diff(&after, platform).map_err(|e| Error::Diff {
            old: old.clone(),
            new: new.clone(),
            message: e.to_string(),
        })?;
        differ |= !diff.is_empty();
        match format {
            Format::Table => {
                if n == 0 {
                    writeln!(out, "What changes from `{old}` to `{new}`:")?;
                }
                write!(out, "\n**{heading}**\n\n{diff}")?;
            }
            Format::Json => {
                serde_json::to_writer(&mut *out, &diff).map_err(io::Error::from)?;
                writeln!(out)?;
            }
        }
    }
    let (was, is) = (
        before.settings().job_seeking(),
        after.settings().job_seeking(),
    );
    differ |= was != is;
    if format == Format::Table && was != is {
        let word = |on: bool| if on { "yes" } else { "no" };
        writeln!(
            out,
            "\nJob seeking changes from {} to {}. The tables compare the two policies both \
             when you are job seeking and when you are not, so this change shows in no row: \
             with job seeking on, the recruiter override and your rules that read it can \
             apply.",
            word(was),
            word(is)
        )?;
    }
    out.flush()?;
    Ok(differ)
}
