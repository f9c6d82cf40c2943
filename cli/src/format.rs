//! How commands print what they found: for a person, or for a program.

use clap::ValueEnum;

/// How `eval`, `diff`, `table` and `triage` print what they found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Markdown tables, for a person.
    #[default]
    Table,
    /// JSON, one object a line, for a program.
    Json,
}

/// How `check` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics as a compiler prints them, for a person.
    #[default]
    Text,
    /// One JSON object a file, for scripts and editors.
    Json,
}
