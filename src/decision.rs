//! The three answers.

use std::fmt;
use std::str::FromStr;

use crate::error::{NameKind, ParseError};

/// What to do about a connection.
///
/// The philosophy has exactly three answers, and this enum is not
/// `#[non_exhaustive]`: match on it without a catch-all arm, and a fourth
/// answer, should one ever come, is a compiler error where it matters. In
/// data, a decision is written `accept`, `decline` or `meet-first`, and
/// read in any case.
///
/// ```
/// use acquaint::Decision;
///
/// assert_eq!("meet-first".parse::<Decision>()?, Decision::MeetFirst);
/// assert_eq!(Decision::MeetFirst.to_string(), "meet-first");
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Decision {
    /// Connect (accept their invitation, or send mine).
    Accept,
    /// Do not connect.
    #[default]
    Decline,
    /// Propose meeting in person before connecting.
    MeetFirst,
}

impl Decision {
    /// Every decision.
    pub const ALL: [Decision; 3] = [Decision::Accept, Decision::Decline, Decision::MeetFirst];

    /// The name as written in data: `accept`, `decline` or `meet-first`.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Accept => "accept",
            Decision::Decline => "decline",
            Decision::MeetFirst => "meet-first",
        }
    }
}

crate::names::serde_by_name!(Decision);

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        Decision::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ParseError::new(
                    NameKind::Decision,
                    s,
                    "`accept`, `decline` or `meet-first`",
                    Decision::ALL.map(Decision::as_str),
                )
            })
    }
}
