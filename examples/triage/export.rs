//! Reading `Invitations.csv` from a LinkedIn data export.
//!
//! The header is `From,To,Sent At,Message,Direction,inviterProfileUrl,
//! inviteeProfileUrl`; older exports stop after `Direction`. Columns are
//! found by name, so their order and any extra columns do not matter.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use acquaint::Direction;

use crate::error::{Error, excerpt};

/// One row of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    /// The line of the file where the row starts (a message may span lines).
    pub line: u64,
    /// Who sent the invitation.
    pub from: String,
    /// Who received it.
    pub to: String,
    /// When it was sent; `None` when the export left it empty.
    pub sent_at: Option<SentAt>,
    /// The message that came with it; often empty.
    pub message: String,
    /// `Incoming` when someone invited me, `Outgoing` when I invited them.
    pub direction: Direction,
    /// The sender's profile URL; empty in older exports.
    pub inviter_url: String,
    /// The receiver's profile URL; empty in older exports.
    pub invitee_url: String,
}

impl Invitation {
    /// The other person's name: the sender of an incoming invitation, the
    /// receiver of an outgoing one.
    pub fn contact_name(&self) -> &str {
        match self.direction {
            Direction::Incoming => &self.from,
            Direction::Outgoing => &self.to,
        }
    }

    /// The other person's profile URL, or `""` when the export has none.
    pub fn contact_url(&self) -> &str {
        match self.direction {
            Direction::Incoming => &self.inviter_url,
            Direction::Outgoing => &self.invitee_url,
        }
    }
}

/// A `Sent At` time as LinkedIn writes it: `1/29/26, 2:37 PM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentAt {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    pub minute: u8,
}

impl SentAt {
    /// Parses `M/D/YY, H:MM AM` (also a four-digit year, no comma, seconds,
    /// or a 24-hour time without AM/PM); `None` when it is not such a time.
    pub fn parse(s: &str) -> Option<SentAt> {
        let s = s.trim();
        let (date, time) = s.split_once([',', ' '])?;
        let mut d = date.split('/');
        let (month, day, year) = (d.next()?, d.next()?, d.next()?);
        if d.next().is_some() {
            return None;
        }
        let year: u16 = match (year.len(), number(year)?) {
            (2, y) => 2000 + y,
            (4, y) => y,
            _ => return None,
        };
        let (month, day) = (
            u8::try_from(number(month)?).ok()?,
            u8::try_from(number(day)?).ok()?,
        );

        let time = time.trim_start_matches([',', ' ']).trim();
        let (clock, half) = match time.rsplit_once(' ') {
            Some((clock, half)) => (clock.trim(), Some(half.to_ascii_uppercase())),
            None => (time, None),
        };
        let mut t = clock.split(':');
        let (hour, minute) = (number(t.next()?)?, number(t.next()?)?);
        if let Some(seconds) = t.next() {
            if number(seconds)? > 59 || t.next().is_some() {
                return None;
            }
        }
        let hour = match half.as_deref() {
            None if hour <= 23 => hour,
            Some("AM") if (1..=12).contains(&hour) => hour % 12,
            Some("PM") if (1..=12).contains(&hour) => hour % 12 + 12,
            _ => return None,
        };
        let valid = (1..=12).contains(&month) && (1..=31).contains(&day) && minute <= 59;
        valid.then_some(SentAt {
            year,
            month,
            day,
            hour: u8::try_from(hour).ok()?,
            minute: u8::try_from(minute).ok()?,
        })
    }
}

/// Digits only: no sign, no spaces, at most four of them.
fn number(s: &str) -> Option<u16> {
    let ok = !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

/// `2026-01-29 14:37`
impl fmt::Display for SentAt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02} {:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

/// Where each column is; `None` for the columns older exports lack.
struct Columns {
    from: usize,
    to: usize,
    direction: usize,
    sent_at: Option<usize>,
    message: Option<usize>,
    inviter_url: Option<usize>,
    invitee_url: Option<usize>,
}

impl Columns {
    fn find(header: &csv::StringRecord, path: &str) -> Result<Columns, Error> {
        let position = |name: &str| {
            header.iter().position(|h| {
                // The csv crate strips a byte-order mark; trim one anyway in
                // case a file carries it twice or after spaces.
                h.trim()
                    .trim_start_matches('\u{feff}')
                    .eq_ignore_ascii_case(name)
            })
        };
        let required = |name: &'static str| {
            position(name).ok_or_else(|| Error::NotAnExport {
                path: path.to_owned(),
                column: name,
                header: excerpt(&header.iter().collect::<Vec<_>>().join(","), 120),
            })
        };
        Ok(Columns {
            from: required("From")?,
            to: required("To")?,
            direction: required("Direction")?,
            sent_at: position("Sent At"),
            message: position("Message"),
            inviter_url: position("inviterProfileUrl"),
            invitee_url: position("inviteeProfileUrl"),
        })
    }
}

/// Reads an export from a file.
pub fn read_invitations_file(path: &Path) -> Result<Vec<Invitation>, Error> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| Error::Read {
        what: "invitations",
        path: name.clone(),
        source,
    })?;
    read_invitations(file, &name)
}

/// Reads an export; `path` names it in errors.
pub fn read_invitations(reader: impl Read, path: &str) -> Result<Vec<Invitation>, Error> {
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(true)
        // Every row must have as many fields as the header: a short row is
        // a broken file, not a row to guess at.
        .flexible(false)
        .from_reader(reader);
    let header = csv.headers().map_err(|e| csv_error(e, path))?.clone();
    let columns = Columns::find(&header, path)?;

    let mut invitations = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|e| csv_error(e, path))?;
        let line = record.position().map_or(0, |p| p.line());
        invitations.push(parse_row(&record, &columns, path, line)?);
    }
    Ok(invitations)
}

fn parse_row(
    record: &csv::StringRecord,
    columns: &Columns,
    path: &str,
    line: u64,
) -> Result<Invitation, Error> {
    let field = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
    let optional = |i: Option<usize>| i.map(field).unwrap_or_default();
    let bad = |message: String| Error::BadRow {
        path: path.to_owned(),
        line,
        message,
    };

    let direction = field(columns.direction);
    let direction = if direction.eq_ignore_ascii_case("INCOMING") {
        Direction::Incoming
    } else if direction.eq_ignore_ascii_case("OUTGOING") {
        Direction::Outgoing
    } else {
        return Err(bad(format!(
            "column `Direction`: `{}` is neither `INCOMING` nor `OUTGOING`",
            excerpt(&direction, 40)
        )));
    };
    let sent_at = optional(columns.sent_at);
    let sent_at = match sent_at.as_str() {
        "" => None,
        text => Some(SentAt::parse(text).ok_or_else(|| {
            bad(format!(
                "column `Sent At`: `{}` is not a time like `1/29/26, 2:37 PM`",
                excerpt(text, 40)
            ))
        })?),
    };
    Ok(Invitation {
        line,
        from: field(columns.from),
        to: field(columns.to),
        sent_at,
        message: optional(columns.message),
        direction,
        inviter_url: optional(columns.inviter_url),
        invitee_url: optional(columns.invitee_url),
    })
}

fn csv_error(e: csv::Error, path: &str) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let text = e.to_string();
    let bad = |message: String| Error::BadRow {
        path: path.to_owned(),
        line,
        message,
    };
    match e.into_kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => bad(format!(
            "expected {expected_len} fields like the header, found {len} \
             (a stray comma, or a quote left open?)"
        )),
        csv::ErrorKind::Utf8 { err, .. } => bad(format!(
            "field {} is not valid UTF-8 (save the file as UTF-8)",
            err.field() + 1
        )),
        csv::ErrorKind::Io(source) => Error::Read {
            what: "invitations",
            path: path.to_owned(),
            source,
        },
        _ => bad(text),
    }
}
