//! Triage the invitations of a LinkedIn data export with acquaint: for each
//! one, accept, decline or meet first, the rule that decided and why, and a
//! reply to send to those you should meet first.
//!
//! ```sh
//! cargo run --example triage                       # the bundled samples
//! cargo run --example triage -- --invitations ~/Downloads/Invitations.csv \
//!     --people people.toml --job-seeking --format json --why-not
//! cargo run --example triage -- --check-policy my-policy.toml
//! ```
//!
//! The logic lives in modules that `tests/triage.rs` includes and tests:
//! `export` reads `Invitations.csv`, `people` the people file,
//! `policy_file` the policy document, `report` decides and prints, and `cli`
//! ties them to the flags.

mod cli;
mod error;
mod export;
mod people;
mod policy_file;
mod report;

use std::io::{self, ErrorKind, Write};
use std::process::ExitCode;

use cli::{Command, USAGE, check_policy, parse_args, run};

fn main() -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    let result = match parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Triage(options)) => run(&options, &mut out),
        Ok(Command::CheckPolicy(path)) => check_policy(&path, &mut out),
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
