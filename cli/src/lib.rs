//! The `acquaint` command: the [acquaint] library for tooling in any
//! language and for a person at a terminal.
//!
//! - `acquaint eval`: JSON lines of requests in, JSON lines of verdicts out,
//!   streaming, one error line per bad request;
//! - `acquaint check`: a policy file's load errors shown as a compiler shows
//!   them, then its warnings, then its examples;
//! - `acquaint diff`, `acquaint table`, `acquaint schema`: what an edit
//!   changes, everything a policy decides, and the policy document's JSON
//!   Schema;
//! - `acquaint triage`: the invitations of a LinkedIn data export.
//!
//! Exit status: 0 when all is well, 1 for a finding (a line that failed, a
//! failing example, a difference, warnings with `--deny-warnings`), 2 when
//! the input could not be read (a policy or a file), as the README's
//! "Command line" section says.
//!
//! This crate is the command's library, so that its tests and fuzz targets
//! import the code the binary runs; `main.rs` only parses the arguments
//! and calls [`run`].

// Modules form layers; each imports only from the layers below it.
//
// 1. `error` (what can go wrong, and the exit status it gives), `format`
//    (for a person or a program), `diagnostic` (a message about a place
//    in a file) and `policy_file` (a policy document in TOML, JSON or
//    YAML, with where in the file a mistake is).
// 2. `triage`: reading a LinkedIn data export and deciding its
//    invitations.
// 3. `commands`: one module per command, and `args`, the command line
//    they are chosen by.
pub mod diagnostic;
pub mod error;
pub mod format;
pub mod policy_file;

pub mod triage;

pub mod args;
pub mod commands;

use std::io::{self, ErrorKind, Write};

pub use args::{Cli, Command};
pub use error::{Error, Status};

/// Runs the command `cli` describes, writing its output to standard output
/// and its errors to standard error, and returns the exit status.
pub fn run(cli: &Cli) -> u8 {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = commands::run(&cli.command, &mut out).and_then(|status| {
        out.flush()?;
        Ok(status)
    });
    match result {
        Ok(status) => status.code(),
        // Piped into `head`: the reader has what it wanted.
        Err(Error::Write(e)) if e.kind() == ErrorKind::BrokenPipe => Status::Fine.code(),
        Err(e) => {
            // What was written before the error comes first.
            let _ = out.flush();
            drop(out);
            eprintln!("acquaint: {e}");
            Error::STATUS
        }
    }
}
