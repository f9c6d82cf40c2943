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

/// One person's entry in the people file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// What the entry says, as a contact.
    pub contact: Contact,
    /// The fields the entry writes (but `name`), each with its value as
    /// TOML writes it (strings unquoted): the facts that win over anything
    /// inferred, and what a template copies.
    pub written: Vec<(String, String)>,
    /// The same fields as TOML values, for writing them back.
    pub values: toml::Table,
}

/// What I know of people, ready to join with invitations.
#[derive(Debug, Default)]
pub struct People {
    // Folded key -> the entry.
    by_url: HashMap<String, Entry>,
    by_name: HashMap<String, Entry>,
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
                let mut values = match &facts {
                    toml::Value::Table(t) => t.clone(),
                    _ => toml::Table::new(),
                };
                let contact = parse_contact(&person, facts)
                    .map_err(|(field, message)| error(Some(&person), field.as_deref(), message))?;
                // The export's name is the one shown: `name` is not a fact.
                values.remove("name");
                let written = values
                    .iter()
                    .map(|(field, value)| {
                        let shown = match value {
                            toml::Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        (field.clone(), shown)
                    })
                    .collect();
                let entry = Entry {
                    key: person.clone(),
                    contact,
                    written,
                    values,
                };
                people
                    .insert(entry)
                    .map_err(|message| error(Some(&person), None, message))?;
            }
        }
        Ok(people)
    }

    fn insert(&mut self, entry: Entry) -> Result<(), String> {
        let key = entry.key.as_str();
        let (map, folded, what) = match url_key(key) {
            Some(url) => (&mut self.by_url, url, "profile URL"),
            None => match name_key(key) {
                Some(name) => (&mut self.by_name, name, "name"),
                None => return Err("the key is blank: use a profile URL or a name".into()),
            },
        };
        if let Some(other) = map.get(&folded) {
            return Err(format!(
                "listed twice: `{}` is the same {what} (ignoring case, spaces, \
                 and `https://www.` and a trailing `/` in URLs)",
                excerpt(&other.key, 80)
            ));
        }
        map.insert(folded, entry);
        Ok(())
    }

    /// The entry for the person named `name` with profile URL `url` (either
    /// may be empty): by URL first, then by name.
    pub fn entry(&self, name: &str, url: &str) -> Option<(&Entry, Match)> {
        if let Some(entry) = url_key(url).and_then(|u| self.by_url.get(&u)) {
            return Some((entry, Match::Url));
        }
        // A name that reads as a URL is keyed as one (so `--write-people`
        // writes it for someone without a profile URL): found that way too.
        let by_name = name_key(name).and_then(|n| self.by_name.get(&n));
        let entry = by_name.or_else(|| url_key(name).and_then(|u| self.by_url.get(&u)))?;
        Some((entry, Match::Name))
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
