//! `acquaint`: decide connection requests from JSON lines, check and
//! compare policy files, and triage a LinkedIn data export. The commands
//! live in the `acquaint_cli` library; see `acquaint --help`.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = acquaint_cli::Cli::parse();
    ExitCode::from(acquaint_cli::run(&cli))
}
