//! The limits that modules below the policy check (a rule id's length, a
//! name in a reply). [`Policy`]'s associated constants state them with
//! their values, so that the docs show the numbers, and a test keeps the
//! two equal; the other limits are `Policy`'s alone.
//!
//! [`Policy`]: crate::Policy

/// The longest rule id, in characters.
pub(crate) const MAX_ID_LEN: usize = 64;

/// The most characters of a contact's name a reply shows: a reply is at
/// most its template's length plus this many characters per placeholder.
pub(crate) const MAX_NAME_IN_REPLY: usize = 100;
