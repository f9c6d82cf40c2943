//! The people file: what I know of each person, keyed by profile URL or by
//! name. Each entry is an `acquaint::Contact` as the crate's serde support
//! reads it, so the fields are the crate's own:
//!
//! ```toml
//! [people."https://www.linkedin.com/in/grace-hopper"]
//! acquaintance = "worked-in-person"   # never, spoken, met-in-person, worked-remotely, worked-in-person
//! my-view = "positive"                # what I would say of their work: positive, unknown, negative
//! their-view = "positive"             # what they would say of mine
//! recruiter = false
//! friend = false
//! star = false
//! profession = "software engineer"
//! passions = ["compilers"]
//! tags = ["ex-colleague"]
//!
//! [people."Ada Lovelace"]             # keyed by name, as the export writes it
//! acquaintance = "met-in-person"
//! ```
//!
//! Anyone not in the file is a stranger: never met, views unknown. A `name`
//! field may be given for the reader's sake; the name shown, and used in
//! replies, is the export's.

use std::collections::HashMap;
use std::path::Path;

use acquaint::Contact;

use crate::error::{Error, excerpt, line_column, one_line};
use crate::export::Invitation;

/// How an invitation was matched to an entry of the people file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// By the contact's profile URL.
    Url,
    /// By the contact's name.
    Name,
    /// Not in the file: a stranger.
    Stranger,
}

/// What I know of people, ready to join with invitations.
#[derive(Debug, Default)]
pub struct People {
    // Folded key -> (the key as written, what the file says).
    by_url: HashMap<String, (String, Contact)>,
    by_name: HashMap<String, (String, Contact)>,
}

impl People {
    /// Nobody: everyone is a stranger.
    pub fn empty() -> People {
        People::default()
    }

    /// Reads a people file.
    pub fn load(path: &Path) -> Result<People, Error> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
            what: "people",
            path: name.clone(),
            source,
        })?;
        People::parse(&text, &name)
    }

    /// Parses a people file; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<People, Error> {
        let error = |person: Option<&str>, field: Option<&str>, message: String| Error::People {
            path: path.to_owned(),
            person: person.map(|p| excerpt(p, 80)),
            field: field.map(|f| excerpt(f, 80)),
            message,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let message = one_line(e.message());
            let message = match e.span() {
                Some(span) => format!("{}: {message}", line_column(text, span.start)),
                None => message,
            };
            error(None, None, message)
        })?;

        let mut people = People::default();
        for (key, value) in table {
            if key != "people" {
                return Err(error(
                    None,
                    Some(&key),
                    "unknown field, expected `[people.\"<profile URL or name>\"]` tables".into(),
                ));
            }
            let toml::Value::Table(entries) = value else {
                return Err(error(
                    None,
                    Some("people"),
                    "expected tables of people".into(),
                ));
            };
            for (person, facts) in entries {
                let contact = parse_contact(&person, facts)
                    .map_err(|(field, message)| error(Some(&person), field.as_deref(), message))?;
                people
                    .insert(&person, contact)
                    .map_err(|message| error(Some(&person), None, message))?;
            }
        }
        Ok(people)
    }

    fn insert(&mut self, key: &str, contact: Contact) -> Result<(), String> {
        let (map, folded, what) = match url_key(key) {
            Some(url) => (&mut self.by_url, url, "profile URL"),
            None => match name_key(key) {
                Some(name) => (&mut self.by_name, name, "name"),
                None => return Err("the key is blank: use a profile URL or a name".into()),
            },
        };
        if let Some((other, _)) = map.get(&folded) {
            return Err(format!(
                "listed twice: `{}` is the same {what} (ignoring case, spaces, \
                 and `https://www.` and a trailing `/` in URLs)",
                excerpt(other, 80)
            ));
        }
        map.insert(folded, (key.to_owned(), contact));
        Ok(())
    }

    /// The contact to evaluate for an invitation: what the file says of
    /// them (by URL first, then by name), with the name and message of the
    /// invitation; a stranger when the file does not know them.
    pub fn contact_for(&self, invitation: &Invitation) -> (Contact, Match) {
        let name = invitation.contact_name();
        let by_url = url_key(invitation.contact_url()).and_then(|u| self.by_url.get(&u));
        let found = match by_url {
            Some((_, c)) => Some((c, Match::Url)),
            None => name_key(name)
                .and_then(|n| self.by_name.get(&n))
                .map(|(_, c)| (c, Match::Name)),
        };
        let (contact, how) = match found {
            Some((known, how)) => (known.clone().with_name(name), how),
            None => (Contact::new(name), Match::Stranger),
        };
        let contact = match invitation.message.as_str() {
            "" => contact,
            message => contact.with_message(message),
        };
        (contact, how)
    }
}

/// Reads one entry with the crate's own serde for contacts; on error, says
/// which field is at fault by reading the fields one at a time.
fn parse_contact(person: &str, facts: toml::Value) -> Result<Contact, (Option<String>, String)> {
    let toml::Value::Table(table) = facts else {
        return Err((
            None,
            format!(
                "expected a table of facts, such as `[people.\"{}\"]` followed by \
                 `acquaintance = \"met-in-person\"`",
                excerpt(person, 40)
            ),
        ));
    };
    match toml::Value::Table(table.clone()).try_into::<Contact>() {
        Ok(contact) => Ok(contact),
        Err(whole) => {
            for (field, value) in table {
                let mut one = toml::Table::new();
                one.insert(field.clone(), value);
                if let Err(e) = toml::Value::Table(one).try_into::<Contact>() {
                    return Err((Some(field), one_line(e.message())));
                }
            }
            Err((None, one_line(whole.message())))
        }
    }
}

/// A profile URL folded for matching: no scheme, no `www.`, no query or
/// trailing slash, lowercase. `None` when `key` is not a URL.
pub fn url_key(key: &str) -> Option<String> {
    let key = key.trim();
    let lower = key.to_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .or_else(|| lower.contains("linkedin.com/").then_some(lower.as_str()))?;
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let rest = rest.trim_end_matches('/');
    (!rest.is_empty()).then(|| rest.to_owned())
}

/// A name folded for matching: spaces collapsed, lowercase in any script.
/// `None` for a blank name.
pub fn name_key(name: &str) -> Option<String> {
    let folded = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!folded.is_empty()).then_some(folded)
}
