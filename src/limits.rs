//! The limits on what a policy may hold, stated once: [`Policy`]'s
//! associated constants and the error messages both read them from here.
//!
//! [`Policy`]: crate::Policy

/// How deeply conditions may nest.
pub(crate) const MAX_DEPTH: usize = 32;
/// The longest rule id, in characters.
pub(crate) const MAX_ID_LEN: usize = 64;
/// The longest reason, in characters.
pub(crate) const MAX_REASON_LEN: usize = 1000;
/// The longest profession, passion or tag, in characters.
pub(crate) const MAX_TEXT_LEN: usize = 200;
/// The most user rules a policy may hold.
pub(crate) const MAX_RULES: usize = 10_000;

/// The most examples a policy may hold.
pub(crate) const MAX_EXAMPLES: usize = 10_000;

/// The most characters of a contact's name a reply shows: a reply is at
/// most its template's length plus this many characters per placeholder.
pub(crate) const MAX_NAME_IN_REPLY: usize = 100;
