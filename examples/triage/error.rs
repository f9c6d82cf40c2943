//! Everything that can go wrong, each with a message a person can act on:
//! which file, which line or field, and what was wrong.

use std::fmt;
use std::io;

/// Why triage stopped.
#[derive(Debug)]
pub enum Error {
    /// A file could not be opened or read.
    Read {
        /// Which file: `invitations`, `people`, `policy`, `export`, or the
        /// name of a file of the export.
        what: &'static str,
        path: String,
        source: io::Error,
    },
    /// The file has no column that every invitations export has.
    NotAnExport {
        path: String,
        column: &'static str,
        header: String,
    },
    /// A file of the export lacks a column it needs.
    MissingColumn {
        path: String,
        column: &'static str,
        header: String,
    },
    /// A header names a column twice.
    DuplicateColumn {
        path: String,
        line: u64,
        column: String,
    },
    /// The archive (a `.zip` or a folder) cannot be used.
    Archive { path: String, message: String },
    /// A flag needs a file that the export does not have.
    NeedsFile {
        flag: &'static str,
        file: &'static str,
        export: String,
    },
    /// A file could not be written.
    Create { path: String, source: io::Error },
    /// `--write-people` would overwrite a file.
    Exists { path: String },
    /// `--check-policy --deny-warnings` found warnings.
    Warnings { path: String, count: usize },
    /// `--check-policy` found examples the policy gets wrong.
    Examples {
        path: String,
        failed: usize,
        total: usize,
    },
    /// `--diff` could not compare the two policy files.
    Diff {
        old: String,
        new: String,
        message: String,
    },
    /// One row of the export is broken.
    BadRow {
        path: String,
        line: u64,
        message: String,
    },
    /// The people file is wrong; `person` and `field` say where, when known.
    People {
        path: String,
        person: Option<String>,
        field: Option<String>,
        message: String,
    },
    /// The policy file is wrong; the message names the rule and the field.
    Policy { path: String, message: String },
    /// The output could not be written.
    Write(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { what, path, source } => {
                write!(f, "cannot read the {what} file `{path}`: {source}")
            }
            Error::NotAnExport {
                path,
                column,
                header,
            } => write!(
                f,
                "`{path}` is not a LinkedIn invitations export: it has no `{column}` column \
                 (its first line is `{header}`); use the `Invitations.csv` of your data export"
            ),
            Error::MissingColumn {
                path,
                column,
                header,
            } => write!(
                f,
                "`{path}` has no `{column}` column (its header is `{header}`); \
                 is it the file of that name from your LinkedIn data export?"
            ),
            Error::DuplicateColumn { path, line, column } => write!(
                f,
                "`{path}`, line {line}: the header names the column `{column}` twice"
            ),
            Error::Archive { path, message } => {
                write!(f, "cannot read the export `{path}`: {message}")
            }
            Error::NeedsFile { flag, file, export } if export.is_empty() => write!(
                f,
                "`{flag}` needs `{file}` from your LinkedIn data export: give it with `--export`"
            ),
            Error::NeedsFile { flag, file, export } => write!(
                f,
                "`{flag}` needs `{file}`, and the export `{export}` has none: \
                 request the larger archive from LinkedIn"
            ),
            Error::Create { path, source } => write!(f, "cannot write `{path}`: {source}"),
            Error::Exists { path } => write!(
                f,
                "`{path}` already exists: choose another file, or add `--overwrite` to replace it"
            ),
            Error::Warnings { path, count } => write!(
                f,
                "policy file `{path}`: {count} warning{} and `--deny-warnings`",
                if *count == 1 { "" } else { "s" }
            ),
            Error::Examples {
                path,
                failed,
                total,
            } => write!(f, "policy file `{path}`: {failed} of {total} examples fail"),
            Error::BadRow {
                path,
                line,
                message,
            } => write!(f, "`{path}`, line {line}: {message}"),
            Error::People {
                path,
                person,
                field,
                message,
            } => {
                write!(f, "people file `{path}`: ")?;
                if let Some(person) = person {
                    write!(f, "person `{person}`: ")?;
                }
                if let Some(field) = field {
                    write!(f, "field `{field}`: ")?;
                }
                f.write_str(message)
            }
            Error::Policy { path, message } => write!(f, "policy file `{path}`: {message}"),
            Error::Diff { old, new, message } => {
                write!(f, "policy files `{old}` and `{new}`: {message}")
            }
            Error::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Create { source, .. } | Error::Write(source) => {
                Some(source)
            }
            _ => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Write(e)
    }
}

/// `line L, column C` for a byte offset into `text` (both counted from 1),
/// for errors from parsers that report where in the text they stopped.
pub fn line_column(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

/// Cuts text that came from a file, so that one huge field cannot flood a
/// message, and makes line breaks visible.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A parser's message on one line: some span several.
pub fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
