//! The user's own settings: job seeking, and the purposes that make a
//! Twitter connection worth it.

use std::sync::Arc;

use crate::contact::Contact;
use crate::platform::Direction;
use crate::reply::Template;
use crate::text::FoldedSet;

/// The user's own settings: whether they are job seeking, and the purposes
/// that make a Twitter connection worth it.
///
/// Strings are stored trimmed and in lowercase, so that matching is
/// case-insensitive without work on every evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Settings {
    pub(crate) job_seeking: bool,
    pub(crate) profession: Option<Box<str>>,
    // Shared: settings are copied with one fact changed (job seeking, for
    // `Policy::what_would_change`), and a copy should not cost the length
    // of my lists.
    pub(crate) interesting_professions: Arc<FoldedSet>,
    pub(crate) passions: Arc<FoldedSet>,
    /// The user's reply templates, for incoming and outgoing invitations.
    pub(crate) replies: [Option<Template>; 2],
}

impl Settings {
    /// My reply template for meet-first verdicts in this direction, as
    /// written, if I set one.
    pub fn reply_template(&self, direction: Direction) -> Option<&str> {
        self.replies[direction as usize]
            .as_ref()
            .map(Template::text)
    }

    /// Whether I am actively looking for a job.
    pub fn job_seeking(&self) -> bool {
        self.job_seeking
    }

    /// My profession, trimmed and in lowercase.
    pub fn profession(&self) -> Option<&str> {
        self.profession.as_deref()
    }

    /// Professions that interest me, trimmed and in lowercase.
    pub fn interesting_professions(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.interesting_professions.iter()
    }

    /// My passions, trimmed and in lowercase.
    pub fn passions(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.passions.iter()
    }

    /// Whether the contact shares my profession.
    #[inline]
    pub fn shares_profession(&self, contact: &Contact) -> bool {
        matches!((self.profession.as_deref(), contact.profession()), (Some(a), Some(b)) if a == b)
    }

    /// Whether the contact works in a profession that interests me.
    #[inline]
    pub fn has_interesting_profession(&self, contact: &Contact) -> bool {
        contact
            .profession()
            .is_some_and(|p| self.interesting_professions.contains(p))
    }

    /// The first of my passions the contact shares.
    #[inline]
    pub fn shared_passion<'a>(&'a self, contact: &Contact) -> Option<&'a str> {
        // Looked up from the smaller side, so that a long list of mine costs
        // nothing for a contact with few passions, and the other way round.
        let theirs = contact.passion_set();
        if theirs.len() < self.passions.len() {
            let first = theirs
                .iter()
                .filter_map(|p| self.passions.position(p))
                .min()?;
            self.passions.get(first)
        } else {
            self.passions.iter().find(|p| theirs.contains(p))
        }
    }

    /// Every passion of mine the contact shares, in my order, found from
    /// the smaller side as [`Settings::shared_passion`] is.
    pub(crate) fn shared_passions<'a>(&'a self, contact: &Contact) -> Vec<&'a str> {
        let theirs = contact.passion_set();
        if theirs.len() < self.passions.len() {
            let mut at: Vec<usize> = theirs
                .iter()
                .filter_map(|p| self.passions.position(p))
                .collect();
            at.sort_unstable();
            at.into_iter()
                .filter_map(|i| self.passions.get(i))
                .collect()
        } else {
            self.passions
                .iter()
                .filter(|p| theirs.contains(p))
                .collect()
        }
    }

    /// Whether the contact serves one of my purposes on Twitter: shares my
    /// profession, works in one that interests me, is a star of their
    /// field, or shares one of my passions.
    #[inline]
    pub fn serves_purpose(&self, contact: &Contact) -> bool {
        self.shares_profession(contact)
            || self.has_interesting_profession(contact)
            || contact.star
            || self.shared_passion(contact).is_some()
    }
}
