//! The three answers.

use std::fmt;
use std::str::FromStr;

use crate::error::{NameKind, ParseError};

/// What to do about a connection.
///
/// ```
/// use acquaint::Decision;
///
/// assert_eq!("meet-first".parse::<Decision>()?, Decision::MeetFirst);
/// assert_eq!(Decision::MeetFirst.to_string(), "meet-first");
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
#[non_exhaustive]
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

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Decision {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "accept" => Ok(Decision::Accept),
            "decline" => Ok(Decision::Decline),
            "meet-first" => Ok(Decision::MeetFirst),
            _ => Err(ParseError::new(
                NameKind::Decision,
                s,
                "`accept`, `decline` or `meet-first`",
            )),
        }
    }
}
