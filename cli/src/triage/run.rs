//! `acquaint triage`: its flags, and running the triage they describe.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::format::Format;
use crate::policy_file::load_policy;
use crate::triage::archive::{Archive, ExportFile, MAX_FILE_MB};
use crate::triage::export::{Invitation, read_invitations, read_invitations_file};
use crate::triage::keys::{Keys, Lines};
use crate::triage::known::{Knowledge, resolve};
use crate::triage::people::People;
use crate::triage::report::{
    Extra, Triaged, short_reason, triage, why_not, write_audit, write_json, write_table,
};
use crate::triage::template::write_people;

/// The bundled samples, found from the crate's root so that the command
/// runs from any directory.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample")
}

/// The bundled sample archive.
pub fn sample_export() -> PathBuf {
    sample_dir().join("export")
}

/// The people file `--ask` writes without `--people`: in the current
/// directory.
pub const ASK_PEOPLE: &str = "people.toml";

/// What the flags of `acquaint triage` ask for.
#[derive(Debug, Clone, PartialEq, Eq, Default, clap::Args)]
pub struct Options {
    /// Your LinkedIn data archive: the downloaded .zip, or the folder it
    /// unzips to; its messages, recommendations, endorsements, connections
    /// and positions fill in facts [default: the bundled sample]
    #[arg(long, value_name = "PATH")]
    pub export: Option<PathBuf>,
    /// An Invitations.csv to triage (instead of the export's)
    #[arg(long, value_name = "FILE")]
    pub invitations: Option<PathBuf>,
    /// What you know of each person (TOML), keyed by profile URL or name;
    /// it wins over anything inferred [default: nobody, or the bundled
    /// sample's people file with the bundled sample; with --ask,
    /// people.toml in the current directory]
    #[arg(long, value_name = "FILE")]
    pub people: Option<PathBuf>,
    /// A policy document (.toml, .json or .yaml) [default: the built-in
    /// philosophy]
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// You are actively looking for a job (turns on the recruiter override)
    #[arg(long)]
    pub job_seeking: bool,
    /// `table`: a table with hints, counts, replies and the files read;
    /// `json`: one object a line
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// For each invitation not accepted, what would get it accepted: the
    /// smallest changes you could make (meet, work together, a view, job
    /// seeking) and the rule; also shows the facts, as --facts does
    #[arg(long)]
    pub why_not: bool,
    /// Under each row, the facts decided on and where each came from, what
    /// the export holds but infers nothing, and endorsements
    #[arg(long)]
    pub facts: bool,
    /// Triage your existing connections (Connections.csv) instead: which
    /// ones the policy would not accept today
    #[arg(long)]
    pub audit: bool,
    /// Write a people file for everyone triaged, inferred facts filled in,
    /// the rest commented out, instead of the table; fill it in and run
    /// again with --people FILE
    #[arg(long, value_name = "FILE")]
    pub write_people: Option<PathBuf>,
    /// Let --write-people replace an existing file
    #[arg(long)]
    pub overwrite: bool,
    /// Ask you, for each invitation that what is known does not decide,
    /// only the questions that decide it (one key each in a terminal, one
    /// line each from a pipe), writing each answer to the people file at
    /// once; a second run goes on where the first stopped. The people
    /// file is --people FILE [default: people.toml in the current
    /// directory, created at the first answer]
    #[arg(long, conflicts_with_all = ["audit", "write_people", "format", "why_not"])]
    pub ask: bool,
    /// The most a file of the export may hold once unzipped, in megabytes;
    /// a larger one is refused, not read [default: 256]
    #[arg(long, value_name = "MB")]
    pub max_file_mb: Option<u64>,
}

/// Where the input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inputs {
    /// The archive, if any.
    pub export: Option<PathBuf>,
    /// An `Invitations.csv` given apart from the archive.
    pub invitations: Option<PathBuf>,
    /// The people file, if any.
    pub people: Option<PathBuf>,
    /// Whether these are the bundled samples (no input was given).
    pub sample: bool,
}

/// The files to read: the given ones, or the bundled samples when neither
/// an export nor invitations are given.
pub fn input_paths(options: &Options) -> Inputs {
    // `--ask` writes its answers: never into the bundled sample.
    let people = match &options.people {
        None if options.ask => Some(PathBuf::from(ASK_PEOPLE)),
        people => people.clone(),
    };
    if options.export.is_some() || options.invitations.is_some() {
        return Inputs {
            export: options.export.clone(),
            invitations: options.invitations.clone(),
            people,
            sample: false,
        };
    }
    // The sample people file describes the sample export's people only.
    Inputs {
        export: Some(sample_export()),
        invitations: None,
        people: Some(people.unwrap_or_else(|| sample_dir().join("people.toml"))),
        sample: true,
    }
}

/// Everything a run decided, and what it read.
#[derive(Debug)]
pub struct Decided {
    /// The invitations, or with `--audit` the connections.
    pub triaged: Vec<Triaged>,
    /// The people file as read.
    pub people: People,
    /// The files read.
    pub inputs: Inputs,
    /// One line per file of the export: read (with its rows) or missing.
    pub files: Vec<String>,
    /// Notes on the export as a whole.
    pub notes: Vec<String>,
}

/// Everything read before deciding: the policy, the people file, the
/// export and its invitations.
#[derive(Debug)]
pub struct Loaded {
    /// The policy, with `--job-seeking` applied.
    pub policy: acquaint::Policy,
    /// The people file as read (empty when `--ask` starts a new one).
    pub people: People,
    /// What the export says about people.
    pub knowledge: Knowledge,
    /// The invitations, in the export's order.
    pub invitations: Vec<Invitation>,
    /// The files read.
    pub inputs: Inputs,
    /// One line per file of the export: read (with its rows) or missing.
    pub files: Vec<String>,
}

/// Reads the policy, the people file and the export. With `--ask`, a
/// people file that does not exist yet is an empty one: the answers will
/// start it.
pub fn load(options: &Options) -> Result<Loaded, Error> {
    let inputs = input_paths(options);
    let policy = load_policy(options.policy.as_deref(), options.job_seeking)?;
    let people = match &inputs.people {
        Some(path) if options.ask && !path.exists() => People::empty(),
        Some(path) => People::load(path)?,
        None => People::empty(),
    };
    let limit_mb = options.max_file_mb.unwrap_or(MAX_FILE_MB);
    let archive = inputs
        .export
        .as_deref()
        .map(|path| Archive::open(path, limit_mb))
        .transpose()?;

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
    if options.audit {
        let export = archive.as_ref().map(|a| a.path().display().to_string());
        if !archive
            .as_ref()
            .is_some_and(|a| a.has(ExportFile::Connections))
        {
            return Err(Error::NeedsFile {
                flag: "--audit",
                file: ExportFile::Connections.name(),
                export: export.unwrap_or_default(),
            });
        }
    }
    let knowledge = match &archive {
        Some(archive) => Knowledge::read(archive, &invitations)?,
        None => Knowledge::of_invitations(&invitations),
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
    Ok(Loaded {
        policy,
        people,
        knowledge,
        invitations,
        inputs,
        files,
    })
}

/// Reads the inputs and decides every invitation (or connection).
pub fn decide_all(options: &Options) -> Result<Decided, Error> {
    let Loaded {
        policy,
        people,
        knowledge,
        invitations,
        inputs,
        files,
    } = load(options)?;
    let why = options.why_not || options.audit;
    let extra = |verdict: &acquaint::Verdict<'_>| {
        if !why || verdict.decision() == acquaint::Decision::Accept {
            return Vec::new();
        }
        vec![why_not(&policy, verdict)]
    };
    let triaged = if options.audit {
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
    if options.ask {
        use std::io::IsTerminal;
        let stdin = std::io::stdin();
        return if stdin.is_terminal() {
            crate::triage::ask::run_ask(options, &mut Keys, out)
        } else {
            crate::triage::ask::run_ask(options, &mut Lines::new(stdin.lock()), out)
        };
    }
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
        // The sample is named as the README names it, from the root of the
        // repository.
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent();
        let relative = root.and_then(|root| export.strip_prefix(root).ok());
        let shown = match relative {
            Some(relative) if decided.inputs.sample => relative.display().to_string(),
            _ => export.display().to_string(),
        };
        writeln!(out, "Read from `{shown}`:")?;
        for line in &decided.files {
            writeln!(out, "  {line}")?;
        }
        for note in &decided.notes {
            writeln!(out, "  {}", crate::triage::report::clean(note))?;
        }
    }
    if decided.inputs.sample {
        writeln!(out)?;
        writeln!(
            out,
            "This ran on the bundled sample export. For your own, download your LinkedIn data \
             (the larger archive) and run:\n  acquaint triage --export \
             ~/Downloads/Complete_LinkedInDataExport.zip --write-people people.toml\n  \
             acquaint triage --export ~/Downloads/Complete_LinkedInDataExport.zip \
             --people people.toml"
        )?;
    }
    Ok(())
}
