//! Triage the invitations of a LinkedIn data export with acquaint: for each
//! one, accept, decline or meet first, the rule that decided and why, and a
//! reply to send to those you should meet first.
//!
//! ```sh
//! cargo run --example triage                       # the bundled sample export
//! cargo run --example triage -- --export ~/Downloads/Complete_LinkedInDataExport.zip \
//!     --write-people people.toml                   # then fill it in, and:
//! cargo run --example triage -- --export ~/Downloads/Complete_LinkedInDataExport.zip \
//!     --people people.toml --job-seeking --format json --why-not
//! cargo run --example triage -- --export ~/Downloads/Complete_LinkedInDataExport.zip --audit
//! cargo run --example triage -- --check-policy my-policy.toml --deny-warnings
//! cargo run --example triage -- --diff old-policy.toml my-policy.toml
//! ```
//!
//! Exit status: 0 on success, 1 on an error, 2 on a mistake in the flags;
//! with `--diff`, as `diff(1)`: 0 when the policies decide alike, 1 when
//! they differ, 2 on any error.
//!
//! The logic lives in modules that `tests/triage.rs` and
//! `tests/triage_export.rs` include and test: `archive` finds the files of
//! the export (folder or zip), `table` reads a CSV file by column name,
//! `export` reads `Invitations.csv`, `known` infers facts from the other
//! files, `people` reads the people file, `policy_file` the policy
//! document, `report` decides and prints, `template` writes a people file,
//! and `cli` ties them to the flags.

mod archive;
mod cli;
mod error;
mod export;
mod known;
mod people;
mod policy_file;
mod report;
mod table;
mod template;

use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

use cli::{Command, USAGE, check_policy, diff, diff_status, parse_args, run};

fn main() -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Triage(options)) => run(&options, &mut out),
        Ok(Command::CheckPolicy {
            path,
            deny_warnings,
        }) => check_policy(&path, deny_warnings, &mut out),
        Ok(Command::Diff { old, new, format }) => {
            let result = diff(&old, &new, format, &mut out);
            // Piped into `head`: nothing to say, but the comparison did not
            // finish, so the status is still that of an error.
            if let Err(e) = &result {
                if !matches!(e, error::Error::Write(e) if e.kind() == ErrorKind::BrokenPipe) {
                    drop(out);
                    eprintln!("triage: {e}");
                }
            }
            return ExitCode::from(diff_status(&result));
        }
        Ok(Command::Help) => out
            .write_all(USAGE.as_bytes())
            .and_then(|()| out.flush())
            .map_err(error::Error::from),
        Err(e) => {
            eprintln!("triage: {e}\nrun with `--help` for the options");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // Piped into `head`: the reader has what it wanted.
        Err(error::Error::Write(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            drop(out);
            eprintln!("triage: {e}");
            ExitCode::FAILURE
        }
    }
}
