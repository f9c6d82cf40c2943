//! Reading one CSV file of the export, row by row, with its columns found
//! by name: any case, any order, the names of older export versions too.
//! Rows stream through one reused record, so a file of any size is read
//! in memory that does not grow with it.

use std::collections::HashMap;
use std::io::Read;

use crate::error::{Error, excerpt};

/// A column the reader looks for: its name as LinkedIn writes it now, and
/// the names it had in other export versions.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub also: &'static [&'static str],
    /// Without it the file cannot be used: its absence is an error.
    pub required: bool,
}

impl Column {
    pub const fn required(name: &'static str) -> Column {
        Column {
            name,
            also: &[],
            required: true,
        }
    }

    pub const fn optional(name: &'static str) -> Column {
        Column {
            name,
            also: &[],
            required: false,
        }
    }

    pub const fn or(self, also: &'static [&'static str]) -> Column {
        Column { also, ..self }
    }

    fn matches(&self, header: &str) -> bool {
        let header = header.trim().trim_start_matches('\u{feff}').trim();
        std::iter::once(&self.name)
            .chain(self.also)
            .any(|n| n.eq_ignore_ascii_case(header))
    }
}

/// A CSV file being read: where each wanted column is, and the current row.
pub struct Table<R> {
    csv: csv::Reader<R>,
    path: String,
    record: csv::StringRecord,
    width: usize,
    // For each wanted column, in the order given, its index in the file.
    at: Vec<Option<usize>>,
}

/// A column a file lacks, found while looking for its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub column: &'static str,
    /// The line that was taken for the header, cut to fit a message.
    pub header: String,
}

impl<R: Read> Table<R> {
    /// Opens a file and finds its header: the first line, or, for files
    /// that LinkedIn starts with notes (`Connections.csv`), the first of
    /// the first `notes + 1` lines that has every required column.
    ///
    /// A missing required column is `Err(Ok(Missing))`, so that each
    /// caller can say what the file should have been; any other problem is
    /// `Err(Err(Error))`.
    pub fn open(
        reader: R,
        path: &str,
        columns: &[Column],
        notes: usize,
    ) -> Result<Table<R>, Result<Missing, Error>> {
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            // Row lengths are checked against the header below, once the
            // header is found among the notes.
            .flexible(true)
            .from_reader(reader);
        let mut record = csv::StringRecord::new();
        // The candidate that came closest: most required columns present.
        let mut best: Option<(usize, Missing)> = None;
        for _ in 0..=notes {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => return Err(Err(csv_error(e, path))),
            }
            let line = record.position().map_or(0, |p| p.line());
            let missing: Vec<&Column> = columns
                .iter()
                .filter(|c| c.required && !record.iter().any(|h| c.matches(h)))
                .collect();
            let Some(first) = missing.first() else {
                check_duplicates(&record, path, line).map_err(Err)?;
                let at = columns
                    .iter()
                    .map(|c| record.iter().position(|h| c.matches(h)))
                    .collect();
                return Ok(Table {
                    csv,
                    path: path.to_owned(),
                    width: record.len(),
                    record,
                    at,
                });
            };
            let found = columns.iter().filter(|c| c.required).count() - missing.len();
            if best.as_ref().is_none_or(|(n, _)| found > *n) {
                let header = record.iter().collect::<Vec<_>>().join(",");
                best = Some((
                    found,
                    Missing {
                        column: first.name,
                        header: excerpt(header.trim_start_matches('\u{feff}'), 120),
                    },
                ));
            }
        }
        let missing = best.map_or_else(
            || Missing {
                column: columns.iter().find(|c| c.required).map_or("", |c| c.name),
                header: String::new(),
            },
            |(_, m)| m,
        );
        Err(Ok(missing))
    }

    /// Moves to the next row; `false` at the end of the file.
    pub fn next_row(&mut self) -> Result<bool, Error> {
        match self.csv.read_record(&mut self.record) {
            Ok(false) => Ok(false),
            Ok(true) if self.record.len() == self.width => Ok(true),
            Ok(true) => Err(Error::BadRow {
                path: self.path.clone(),
                line: self.line(),
                message: format!(
                    "expected {} fields like the header, found {} \
                     (a stray comma, or a quote left open?)",
                    self.width,
                    self.record.len()
                ),
            }),
            Err(e) => Err(csv_error(e, &self.path)),
        }
    }
}

impl<R> Table<R> {
    /// The current row's value in the `i`-th wanted column, trimmed; `""`
    /// when the file has no such column.
    pub fn get(&self, i: usize) -> &str {
        self.at
            .get(i)
            .copied()
            .flatten()
            .and_then(|at| self.record.get(at))
            .unwrap_or("")
            .trim()
    }

    /// The line where the current row starts (a field may span lines).
    pub fn line(&self) -> u64 {
        self.record.position().map_or(0, |p| p.line())
    }

    /// An error about the current row's `column`.
    pub fn bad(&self, column: &str, message: impl std::fmt::Display) -> Error {
        Error::BadRow {
            path: self.path.clone(),
            line: self.line(),
            message: format!("column `{column}`: {message}"),
        }
    }
}

/// A header naming a column twice is refused: which of the two LinkedIn
/// meant cannot be told, and reading the first would silently drop the
/// other.
fn check_duplicates(header: &csv::StringRecord, path: &str, line: u64) -> Result<(), Error> {
    let mut seen = HashMap::new();
    for name in header.iter() {
        let folded = name
            .trim()
            .trim_start_matches('\u{feff}')
            .trim()
            .to_lowercase();
        // Blank names come from trailing commas: nothing reads them.
        if folded.is_empty() {
            continue;
        }
        if seen.insert(folded, ()).is_some() {
            return Err(Error::DuplicateColumn {
                path: path.to_owned(),
                line,
                column: excerpt(name.trim().trim_start_matches('\u{feff}'), 60),
            });
        }
    }
    Ok(())
}

/// A csv error as a message naming the file and the line.
pub fn csv_error(e: csv::Error, path: &str) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let text = e.to_string();
    let bad = |message: String| Error::BadRow {
        path: path.to_owned(),
        line,
        message,
    };
    match e.into_kind() {
        csv::ErrorKind::Utf8 { err, .. } => bad(format!(
            "field {} is not valid UTF-8 (save the file as UTF-8)",
            err.field() + 1
        )),
        csv::ErrorKind::Io(source) => Error::Read {
            what: "export",
            path: path.to_owned(),
            source,
        },
        _ => bad(text),
    }
}
