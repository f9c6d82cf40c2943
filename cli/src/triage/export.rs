//! Reading `Invitations.csv` from a LinkedIn data export.
//!
//! The header is `From,To,Sent At,Message,Direction,inviterProfileUrl,
//! inviteeProfileUrl`; older exports stop after `Direction`. Columns are
//! found by name, so their order and any extra columns do not matter; a
//! column named twice is an error.

use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use acquaint::Direction;

use crate::error::{Error, excerpt};
use crate::triage::table::{Column, Table};

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
    /// The year.
    pub year: u16,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// The minute.
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

/// The columns read, in the order `COLUMNS` lists them.
const FROM: usize = 0;
const TO: usize = 1;
const DIRECTION: usize = 2;
const SENT_AT: usize = 3;
const MESSAGE: usize = 4;
const INVITER_URL: usize = 5;
const INVITEE_URL: usize = 6;
const COLUMNS: [Column; 7] = [
    Column::required("From"),
    Column::required("To"),
    Column::required("Direction"),
    // Older exports stop after `Direction`.
    Column::optional("Sent At"),
    Column::optional("Message"),
    Column::optional("inviterProfileUrl"),
    Column::optional("inviteeProfileUrl"),
];

/// Reads an export from a file.
pub fn read_invitations_file(path: &Path) -> Result<Vec<Invitation>, Error> {
    let name = path.display().to_string();
    let file = File::open(path).map_err(|source| Error::Read {
        what: "invitations",
        path: name.clone(),
        source,
    })?;
    read_invitations(std::io::BufReader::new(file), &name)
}

/// Reads an export; `path` names it in errors.
pub fn read_invitations(reader: impl Read, path: &str) -> Result<Vec<Invitation>, Error> {
    let mut table = Table::open(reader, path, &COLUMNS, 0).map_err(|e| match e {
        Ok(missing) => Error::NotAnExport {
            path: path.to_owned(),
            column: missing.column,
            header: missing.header,
        },
        Err(e) => e,
    })?;
    let mut invitations = Vec::new();
    while table.next_row()? {
        invitations.push(parse_row(&table)?);
    }
    Ok(invitations)
}

fn parse_row<R>(table: &Table<R>) -> Result<Invitation, Error> {
    let field = |i: usize| table.get(i).to_owned();
    let direction = table.get(DIRECTION);
    let direction = if direction.eq_ignore_ascii_case("INCOMING") {
        Direction::Incoming
    } else if direction.eq_ignore_ascii_case("OUTGOING") {
        Direction::Outgoing
    } else {
        return Err(table.bad(
            "Direction",
            format_args!(
                "`{}` is neither `INCOMING` nor `OUTGOING`",
                excerpt(direction, 40)
            ),
        ));
    };
    let sent_at = match table.get(SENT_AT) {
        "" => None,
        text => Some(SentAt::parse(text).ok_or_else(|| {
            table.bad(
                "Sent At",
                format_args!(
                    "`{}` is not a time like `1/29/26, 2:37 PM`",
                    excerpt(text, 40)
                ),
            )
        })?),
    };
    Ok(Invitation {
        line: table.line(),
        from: field(FROM),
        to: field(TO),
        sent_at,
        message: field(MESSAGE),
        direction,
        inviter_url: field(INVITER_URL),
        invitee_url: field(INVITEE_URL),
    })
}
