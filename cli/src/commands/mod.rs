//! One module per command; [`run`] picks the one the command line names.

pub mod check;
pub mod diff;
pub mod eval;
pub mod schema;
pub mod table;

use std::io::{self, Write};

use crate::args::Command;
use crate::error::{Error, Status};
use crate::triage;

/// Runs `command`, writing its output to `out`; `eval` reads standard
/// input when it is given no file.
pub fn run(command: &Command, out: &mut dyn Write) -> Result<Status, Error> {
    match command {
        Command::Eval(args) => {
            let stdin = io::stdin();
            eval::run(args, stdin.lock(), out)
        }
        Command::Check(args) => check::run(args, out),
        Command::Diff(args) => diff::run(args, out),
        Command::Table(args) => table::run(args, out),
        Command::Schema => schema::run(out),
        Command::Triage(options) => triage::run::run(options, out).map(|()| Status::Fine),
    }
}
