//! Everything that can go wrong, each with a message a person can act on:
//! which file, which line or field, and what was wrong.

use std::fmt;
use std::io;

/// Why triage stopped.
#[derive(Debug)]
pub enum Error {
    /// A file could not be opened or read.
    Read {
        /// Which file: `invitations`, `people` or `policy`.
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
            Error::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write(source) => Some(source),
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
