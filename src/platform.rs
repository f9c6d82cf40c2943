//! Networks and the direction of a request.

use std::fmt;
use std::str::FromStr;

use crate::error::{NameKind, ParseError};

/// A network on which a connection is asked for.
///
/// The three built-in platforms have their own rules in the default policy;
/// any other is named by the user and only the user's own rules apply to it.
/// Names are case-insensitive, and `x` is another name for Twitter.
///
/// ```
/// use acquaint::Platform;
///
/// assert_eq!("LinkedIn".parse::<Platform>()?, Platform::LinkedIn);
/// assert_eq!("x".parse::<Platform>()?, Platform::Twitter);
/// let mastodon: Platform = "Mastodon".parse()?;
/// assert_eq!(mastodon.to_string(), "mastodon");
/// assert!(mastodon.is_user_named());
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Platform {
    /// LinkedIn: for people you have met and could vouch for.
    LinkedIn,
    /// Twitter (X): for meeting people you would like to meet.
    Twitter,
    /// Facebook: for personal friends.
    Facebook,
    /// A platform named by the user, such as `mastodon` or `github`.
    Other(PlatformName),
}

/// The name of a user-named platform: 1 to [`PlatformName::MAX_LEN`]
/// ASCII letters, digits, `-`, `_` or `.`, stored in lowercase, and not the
/// name of a built-in platform.
///
/// ASCII only, like rule ids, so that no name can look like another
/// (`lіnkedin` with a Cyrillic `і` is refused, not a new platform).
///
/// ```
/// use acquaint::{Platform, PlatformName};
///
/// let name = PlatformName::new("Mastodon")?;
/// assert_eq!(name.to_string(), "mastodon");
/// assert_eq!(format!("[{name:>10}]"), "[  mastodon]");
/// let mastodon = Platform::Other(name);
/// assert_eq!(mastodon, "mastodon".parse()?);
/// assert!(PlatformName::new("linkedin").is_err());
/// assert!(PlatformName::new("l\u{0456}nkedin").is_err());
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlatformName(Box<str>);

impl PlatformName {
    /// The longest name allowed, in characters.
    pub const MAX_LEN: usize = 64;

    /// A name for a platform of the user's own, in any case.
    ///
    /// # Errors
    ///
    /// When the name is blank, longer than [`PlatformName::MAX_LEN`], holds
    /// a character other than an ASCII letter, a digit, `-`, `_` or `.`, or
    /// names a built-in platform (`linkedin`, `twitter`, `x`, `facebook`).
    pub fn new(name: &str) -> Result<PlatformName, ParseError> {
        let lower = name.trim().to_ascii_lowercase();
        let valid = !lower.is_empty()
            && lower.len() <= PlatformName::MAX_LEN
            && lower
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
            && builtin(&lower).is_none();
        if !valid {
            return Err(ParseError::new(
                NameKind::Platform,
                name,
                PLATFORM_EXPECTED,
                Platform::BUILTIN
                    .iter()
                    .flat_map(|p| std::iter::once(p.as_str()).chain(p.aliases().iter().copied())),
            ));
        }
        Ok(PlatformName(lower.into_boxed_str()))
    }

    /// The name, in lowercase.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The built-in platform with this name or alias, in any ASCII case.
fn builtin(name: &str) -> Option<Platform> {
    Platform::BUILTIN.into_iter().find(|p| {
        p.as_str().eq_ignore_ascii_case(name)
            || p.aliases().iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

impl fmt::Display for PlatformName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(&self.0)
    }
}

/// What a platform name may be: every built-in name and alias (a test
/// checks them against [`Platform::BUILTIN`]), or a name of the user's own.
const PLATFORM_EXPECTED: &str = "`linkedin`, `twitter`, `x`, `facebook` or a name of ASCII letters, \
     digits, `-`, `_` and `.`";

impl Platform {
    /// The built-in platforms, each with rules of its own in the default
    /// policy; every other platform is [`Platform::Other`].
    ///
    /// ```
    /// use acquaint::{BuiltinRule, Platform};
    ///
    /// let names: Vec<&str> = Platform::BUILTIN.iter().map(Platform::as_str).collect();
    /// assert_eq!(names, ["linkedin", "twitter", "facebook"]);
    /// assert!(Platform::BUILTIN.iter().all(|p| !p.is_user_named()));
    /// // Every built-in rule belongs to one of them.
    /// assert!(BuiltinRule::ALL.iter().all(|r| Platform::BUILTIN.contains(&r.platform())));
    /// ```
    pub const BUILTIN: [Platform; 3] = [Platform::LinkedIn, Platform::Twitter, Platform::Facebook];

    /// Parses a platform name; the same as [`str::parse`].
    ///
    /// ```
    /// use acquaint::Platform;
    ///
    /// let github = Platform::named("GitHub")?;
    /// assert_eq!(github.as_str(), "github");
    /// assert!(Platform::named("no spaces").is_err());
    /// # Ok::<(), acquaint::ParseError>(())
    /// ```
    pub fn named(name: &str) -> Result<Platform, ParseError> {
        name.parse()
    }

    /// The platform's name as written in data: `linkedin`, `twitter`,
    /// `facebook`, or the user's name for it.
    pub fn as_str(&self) -> &str {
        match self {
            Platform::LinkedIn => "linkedin",
            Platform::Twitter => "twitter",
            Platform::Facebook => "facebook",
            Platform::Other(name) => name.as_str(),
        }
    }

    /// The name to show a person: `LinkedIn`, `Twitter`, `Facebook`, or the
    /// user's name for it.
    pub fn label(&self) -> &str {
        match self {
            Platform::LinkedIn => "LinkedIn",
            Platform::Twitter => "Twitter",
            Platform::Facebook => "Facebook",
            Platform::Other(name) => name.as_str(),
        }
    }

    /// Whether this is a platform named by the user rather than a built-in
    /// one.
    pub fn is_user_named(&self) -> bool {
        matches!(self, Platform::Other(_))
    }

    /// Other names of the platform, which read as it: `x` for Twitter.
    pub(crate) fn aliases(&self) -> &'static [&'static str] {
        match self {
            Platform::Twitter => &["x"],
            Platform::LinkedIn | Platform::Facebook | Platform::Other(_) => &[],
        }
    }

    /// The platform's position in [`Platform::BUILTIN`], `None` for a
    /// user-named one.
    #[inline]
    pub(crate) const fn builtin_index(&self) -> Option<usize> {
        match self {
            Platform::LinkedIn => Some(0),
            Platform::Twitter => Some(1),
            Platform::Facebook => Some(2),
            Platform::Other(_) => None,
        }
    }

    /// A bit for each built-in platform, `0` for user-named ones.
    #[inline]
    pub(crate) fn builtin_bit(&self) -> u8 {
        self.builtin_index().map_or(0, |i| 1 << i)
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Platform {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match builtin(s.trim()) {
            Some(platform) => Ok(platform),
            None => PlatformName::new(s).map(Platform::Other),
        }
    }
}

crate::names::serde_by_name!(Platform);

/// Who asked for the connection.
///
/// ```
/// use acquaint::Direction;
///
/// assert_eq!("incoming".parse::<Direction>()?, Direction::Incoming);
/// assert_eq!(Direction::Outgoing.to_string(), "outgoing");
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Direction {
    /// They invited me.
    Incoming,
    /// I am thinking of inviting them.
    Outgoing,
}

impl Direction {
    /// Both directions, incoming first.
    pub const ALL: [Direction; 2] = [Direction::Incoming, Direction::Outgoing];

    /// The name as written in data: `incoming` or `outgoing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Incoming => "incoming",
            Direction::Outgoing => "outgoing",
        }
    }
}

crate::names::serde_by_name!(Direction);

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Direction {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        Direction::ALL
            .into_iter()
            .find(|d| d.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ParseError::new(
                    NameKind::Direction,
                    s,
                    "`incoming` or `outgoing`",
                    Direction::ALL.map(Direction::as_str),
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in ["linkedin", "twitter", "facebook", "mastodon", "git-hub.io"] {
            let p: Platform = name.parse().unwrap();
            assert_eq!(p.to_string(), name);
        }
    }

    #[test]
    fn the_builtin_platforms_know_their_places_and_names() {
        let mut names = Vec::new();
        for (i, p) in Platform::BUILTIN.iter().enumerate() {
            assert_eq!(p.builtin_index(), Some(i), "{p}");
            assert_eq!(p.builtin_bit(), 1 << i, "{p}");
            for name in [p.as_str()].iter().chain(p.aliases()) {
                assert_eq!(builtin(name).as_ref(), Some(p), "{name}");
                names.push(*name);
            }
        }
        let listed: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        let listed = format!("{} or a name", listed.join(", "));
        assert!(
            PLATFORM_EXPECTED.starts_with(&listed),
            "PLATFORM_EXPECTED should start with {listed}"
        );
    }

    #[test]
    fn bad_names_are_rejected() {
        for name in ["", "  ", "two words", "a/b", &"x".repeat(65)] {
            assert!(name.parse::<Platform>().is_err(), "{name:?}");
        }
    }
}
