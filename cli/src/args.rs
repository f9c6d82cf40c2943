//! The command line: every command, flag and argument, with the help
//! `--help` prints for each.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use crate::format::{CheckFormat, Format};
use crate::triage::run::Options;

/// Decide whether to connect with a person on a network, and say why.
#[derive(Debug, Parser)]
#[command(
    name = "acquaint",
    version,
    after_help = "\
Examples:
  acquaint triage                                  # the bundled sample LinkedIn export
  echo '{\"platform\": \"linkedin\", \"direction\": \"incoming\", \"contact\": {\"name\": \"Sam\"}}' | acquaint eval
  acquaint check my-policy.toml

Exit status: 0 when all is well, 1 for a finding (a request that failed, a failing
example, a difference, warnings with --deny-warnings), 2 when the input could not be
read (a policy, an export, a file) or the command line is wrong."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide requests read as JSON lines, writing one verdict a line
    #[command(after_help = "\
Each input line is a request:
  {\"id\": ANY, \"platform\": \"linkedin\", \"direction\": \"incoming\", \"contact\": {...}}
`id` is optional and echoed back; `contact` has the fields of a contact (`name`,
`acquaintance`, `my-view`, `their-view`, `recruiter`, ...). Each output line has the
`id`, `name`, `platform`, `direction`, `decision`, `rule`, `explanation`, a `reply` for
meet-first, and `why-not` with --why-not. A request may list the facts not known yet,
\"unknown\": [\"acquaintance\", \"my-view\", ...] (contact fields, or \"job-seeking\"): its line
then has `ask`, the fewest questions that decide it (a tree of nodes; node 0 first).
A bad line gets {\"line\": N, \"error\": \"...\"} and the others go on; blank lines are skipped.

Exit status: 0 when every line was decided, 1 when a line failed, 2 when the policy
or the input could not be read.

Examples:
  acquaint eval requests.jsonl > verdicts.jsonl
  acquaint eval --policy my-policy.toml --why-not < requests.jsonl")]
    Eval(EvalArgs),
    /// Check policy files: load errors, warnings, then the examples
    #[command(after_help = "\
Load errors are shown as a compiler shows them: file:line:column, the line, a marker
under the value at fault, and a suggestion. Then the warnings (rules that can never
decide, built-in rules your rules make unreachable), then the policy's examples.

Exit status: 0 when all is well, 1 for a failing example (or warnings with
--deny-warnings), 2 when a file does not load.

Examples:
  acquaint check my-policy.toml
  acquaint check --deny-warnings --format json policies/*.toml")]
    Check(CheckArgs),
    /// Show where two policy files decide differently
    #[command(after_help = "\
For LinkedIn, Twitter, Facebook, each platform either file declares, and any other:
the requests the two decide differently, with the decision and rule before and after.

Exit status, as diff(1): 0 when they decide alike, 1 when they differ, 2 when a file
could not be read.

Examples:
  acquaint diff old-policy.toml my-policy.toml
  acquaint diff --format json old-policy.toml my-policy.toml")]
    Diff(DiffArgs),
    /// Print the decision table of a policy: everything it decides
    #[command(after_help = "\
Every request matches exactly one row; `any` marks a fact that does not matter.

Examples:
  acquaint table --platform linkedin
  acquaint table my-policy.toml --format json")]
    Table(TableArgs),
    /// Print the JSON Schema of policy documents, for editors
    #[command(after_help = "\
Name the schema at the top of a policy file and an editor completes and checks it
(the README's \"Help from your editor\").

Examples:
  acquaint schema > policy.schema.json")]
    Schema,
    /// Triage the invitations of a LinkedIn data export
    #[command(after_help = "\
Without --export or --invitations, triage runs on the bundled sample export.

Examples:
  acquaint triage
  acquaint triage --export ~/Downloads/Complete_LinkedInDataExport.zip --write-people people.toml
  acquaint triage --export ~/Downloads/Complete_LinkedInDataExport.zip --people people.toml
  acquaint triage --export ~/Downloads/Complete_LinkedInDataExport.zip --people people.toml --audit
  acquaint triage --export ~/Downloads/Complete_LinkedInDataExport.zip --ask    # writes people.toml")]
    Triage(Options),
}

/// `acquaint eval`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct EvalArgs {
    /// A policy document (.toml, .json or .yaml) [default: the built-in
    /// philosophy]
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// You are actively looking for a job (turns on the recruiter override)
    #[arg(long)]
    pub job_seeking: bool,
    /// For each request not accepted, the smallest changes that would get
    /// it accepted
    #[arg(long)]
    pub why_not: bool,
    /// `json`: one verdict a line; `table`: a Markdown table
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,
    /// The requests, one JSON object a line [default: standard input]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// `acquaint check`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct CheckArgs {
    /// Policy documents: .toml, .json, .yaml or .yml
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// `text`: diagnostics for a person; `json`: one object a file
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Exit with status 1 when there are warnings
    #[arg(long)]
    pub deny_warnings: bool,
}

/// `acquaint diff`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct DiffArgs {
    /// The policy before the edit
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The policy after it
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// `table`: Markdown tables; `json`: one object a platform
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// `acquaint table`.
#[derive(Debug, Clone, PartialEq, Eq, Args)]
pub struct TableArgs {
    /// A policy document [default: the built-in philosophy]
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Only this platform's table [default: LinkedIn, Twitter, Facebook and
    /// each platform the policy declares]
    #[arg(long, value_name = "PLATFORM")]
    pub platform: Option<String>,
    /// `table`: Markdown; `json`: one object a platform
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}
