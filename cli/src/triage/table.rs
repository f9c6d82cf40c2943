//! Reading one CSV file of the export, row by row, with its columns found
//! by name: any case, any order, the names of older export versions too.
//! Rows stream through one reused record, so a file of any size is read
//! in memory that does not grow with it.

use std::collections::{HashMap, VecDeque};
use std::io::Read;

use crate::error::{Error, excerpt};

/// A column the reader looks for: its name as LinkedIn writes it now, and
/// the names it had in other export versions.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its name as LinkedIn writes it now.
    pub name: &'static str,
    /// Its names in other export versions.
    pub also: &'static [&'static str],
    /// Without it the file cannot be used: its absence is an error.
    pub required: bool,
}

impl Column {
    /// A column the file must have.
    pub const fn required(name: &'static str) -> Column {
        Column {
            name,
            also: &[],
            required: true,
        }
    }

    /// A column read when the file has it.
    pub const fn optional(name: &'static str) -> Column {
        Column {
            name,
            also: &[],
            required: false,
        }
    }

    /// The same column, also found under these names.
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
    csv: csv::Reader<LineEnds<R>>,
    path: String,
    record: csv::StringRecord,
    /// The line where the current row starts.
    line: u64,
    width: usize,
    // For each wanted column, in the order given, its index in the file.
    at: Vec<Option<usize>>,
}

impl<R> std::fmt::Debug for Table<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Table")
            .field("path", &self.path)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

/// A column a file lacks, found while looking for its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The column.
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
            .from_reader(LineEnds::new(reader));
        let mut record = csv::StringRecord::new();
        // The candidate that came closest: most required columns present.
        let mut best: Option<(usize, Missing)> = None;
        for _ in 0..=notes {
            match csv.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = line_of(&mut csv, e.position());
                    return Err(Err(csv_error(e, path, line)));
                }
            }
            let line = line_of(&mut csv, record.position());
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
                    line,
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
        let read = self.csv.read_record(&mut self.record);
        let at = match &read {
            Ok(_) => self.record.position(),
            Err(e) => e.position(),
        };
        self.line = line_of(&mut self.csv, at);
        match read {
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
            Err(e) => Err(csv_error(e, &self.path, self.line)),
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
        self.line
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
fn csv_error(e: csv::Error, path: &str, line: u64) -> Error {
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

/// The line where a record starts, from the byte where csv says it does.
fn line_of<R: Read>(csv: &mut csv::Reader<LineEnds<R>>, at: Option<&csv::Position>) -> u64 {
    match at {
        Some(at) => csv.get_mut().line_at(at.byte()),
        None => 0,
    }
}

/// A reader that notes where each line end is, so that a row's line can be
/// told exactly. The csv crate's own line count starts a record where the
/// previous one ended, before the `\n` of a CRLF and any blank lines it
/// then skips, so with LinkedIn's CRLF files it is one line short.
///
/// It keeps the bytes read and not yet passed (as many as the csv reader
/// has read ahead, or as a single row holds), each once, and counts their
/// line ends when a row's line is asked for: memory does not grow with the
/// number of line breaks in a field.
struct LineEnds<R> {
    inner: R,
    offset: u64,
    // The bytes read but not yet passed, each chunk from the offset where
    // it starts, with how far `line_at` has looked into the first.
    ahead: VecDeque<(u64, Vec<u8>)>,
    looked: usize,
    // `\n`s already passed.
    lines: u64,
}

impl<R> LineEnds<R> {
    fn new(inner: R) -> LineEnds<R> {
        LineEnds {
            inner,
            offset: 0,
            ahead: VecDeque::new(),
            looked: 0,
            lines: 0,
        }
    }

    /// The line (from 1) of the first byte at or after `at` that is not a
    /// line end. Called with `at` never decreasing.
    fn line_at(&mut self, at: u64) -> u64 {
        let mut next = at;
        while let Some((start, bytes)) = self.ahead.front() {
            while let Some(&b) = bytes.get(self.looked) {
                let offset = start + self.looked as u64;
                if offset > next {
                    return self.lines + 1;
                }
                if b == b'\n' || b == b'\r' {
                    if offset == next {
                        // A line end right where the record is said to
                        // start: it belongs before the record.
                        next += 1;
                    }
                    self.lines += u64::from(b == b'\n');
                }
                self.looked += 1;
            }
            self.ahead.pop_front();
            self.looked = 0;
        }
        self.lines + 1
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            self.ahead.push_back((self.offset, buf[..n].to_vec()));
        }
        self.offset += n as u64;
        Ok(n)
    }
}
