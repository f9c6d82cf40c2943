//! Everything that can go wrong, each with a message a person can act on:
//! which file, which line or field, and what was wrong; and the exit
//! status a command ends with.

use std::fmt;
use std::io;

/// How a command ended, as its exit status tells a script. A command
/// that could not read its input ends with an [`Error`] instead, whose
/// status is 2.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// All is well: exit status 0.
    Fine,
    /// Something was found: a request that failed, a failing example, a
    /// difference, or warnings with `--deny-warnings`: exit status 1.
    Finding,
}

impl Status {
    /// The exit status: 0 or 1.
    pub fn code(self) -> u8 {
        match self {
            Status::Fine => 0,
            Status::Finding => 1,
        }
    }

    /// A finding if `found`, else fine.
    pub fn finding_if(found: bool) -> Status {
        if found { Status::Finding } else { Status::Fine }
    }

    /// The worse of two: a finding in either is a finding.
    pub fn and(self, other: Status) -> Status {
        Status::finding_if(self == Status::Finding || other == Status::Finding)
    }
}

/// Why a command stopped: its input could not be read or used, or its
/// output could not be written.
#[derive(Debug)]
pub enum Error {
    /// A file could not be opened or read.
    Read {
        /// Which file: `invitations`, `people`, `policy`, `export`, or the
        /// name of a file of the export.
        what: &'static str,
        /// The file, as named on the command line or in the export.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// The file has no column that every invitations export has.
    NotAnExport {
        /// The file, as named on the command line or in the export.
        path: String,
        /// The column.
        column: &'static str,
        /// The line taken for the header, cut to fit a message.
        header: String,
    },
    /// A file of the export lacks a column it needs.
    MissingColumn {
        /// The file, as named on the command line or in the export.
        path: String,
        /// The column.
        column: &'static str,
        /// The line taken for the header, cut to fit a message.
        header: String,
    },
    /// A header names a column twice.
    DuplicateColumn {
        /// The file, as named on the command line or in the export.
        path: String,
        /// The line, from 1.
        line: u64,
        /// The column, as the header names it.
        column: String,
    },
    /// The archive (a `.zip` or a folder) cannot be used.
    Archive {
        /// The archive, as given.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// A file of the export holds more than the limit once unzipped.
    TooLarge {
        /// The file, as found in the export.
        path: String,
        /// The limit, in megabytes.
        limit_mb: u64,
        /// The flag that raises it.
        flag: &'static str,
    },
    /// A flag needs a file that the export does not have.
    NeedsFile {
        /// The flag.
        flag: &'static str,
        /// The file it needs.
        file: &'static str,
        /// The export given, or empty when none was.
        export: String,
    },
    /// A file could not be written.
    Create {
        /// The file.
        path: String,
        /// Why.
        source: io::Error,
    },
    /// `--write-people` would overwrite a file.
    Exists {
        /// The file.
        path: String,
    },
    /// `check`: policy files that do not load (each shown already).
    NotLoaded {
        /// How many do not load.
        failed: usize,
        /// How many were checked.
        total: usize,
    },
    /// `diff` could not compare the two policy files.
    Diff {
        /// The policy before.
        old: String,
        /// The policy after.
        new: String,
        /// What is wrong.
        message: String,
    },
    /// One row of the export is broken.
    BadRow {
        /// The file, as named on the command line or in the export.
        path: String,
        /// The line, from 1.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// The people file is wrong; `person` and `field` say where, when known.
    People {
        /// The file, as named on the command line or in the export.
        path: String,
        /// The person whose entry is wrong.
        person: Option<String>,
        /// The field at fault.
        field: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The policy file is wrong; the message names the rule and the field.
    Policy {
        /// The file, or `(built-in)`.
        path: String,
        /// What is wrong, naming the rule and the field.
        message: String,
    },
    /// `triage --ask` could not work out the questions for a person.
    Ask {
        /// The person, as the export names them.
        name: String,
        /// Why, from `Policy::ask`.
        message: String,
    },
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
            Error::TooLarge {
                path,
                limit_mb,
                flag,
            } => write!(
                f,
                "`{path}` holds more than {limit_mb} MB once unzipped, the limit: refused \
                 rather than read into memory; raise it with `{flag} MB` if the file is yours"
            ),
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
            Error::NotLoaded { failed, total } => {
                write!(f, "{failed} of {total} policy files do not load")
            }
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
            Error::Ask { name, message } => {
                write!(f, "cannot work out what to ask about `{name}`: {message}")
            }
            Error::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl Error {
    /// The exit status of every error: 2, the input could not be read or
    /// used (a policy, an export, a file), or the output not written; as
    /// for a mistake in the command line.
    pub const STATUS: u8 = 2;
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
