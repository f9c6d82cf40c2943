//! `--write-people`: a people file for everyone triaged, to fill in and run
//! again. What is known is written out, each with its source as a comment;
//! what is not is there too, commented out, ready to be filled in.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use crate::error::Error;
use crate::triage::known::Fact;
use crate::triage::people::{People, name_key, url_key};
use crate::triage::report::{Triaged, clean};

/// The fields every entry shows, filled in or commented out, with what
/// each may be.
const FIELDS: [(&str, &str, &str); 5] = [
    (
        "acquaintance",
        "\"never\"",
        "never | spoken | met-in-person | worked-remotely | worked-in-person",
    ),
    (
        "my-view",
        "\"unknown\"",
        "what you would say of their work: positive | unknown | negative",
    ),
    (
        "their-view",
        "\"unknown\"",
        "what they would say of yours: positive | unknown | negative",
    ),
    ("recruiter", "false", "true if they recruit"),
    (
        "friend",
        "false",
        "a personal friend (changes nothing on LinkedIn)",
    ),
];

const HEADER: &str = "\
# What you know of the people triaged, written by `triage --write-people`.
# Facts inferred from your LinkedIn export are filled in, with their source;
# the others are commented out. Fill in what you know (remove the `#`), then
# run again with `--people` and this file. A fact written here always wins
# over what the export suggests. The fields are acquaint's contact fields:
# see the README's \"Triage your LinkedIn invitations\".
";

/// The template's text for `triaged`; one entry per person, in the
/// order they first appear.
pub fn people_template(triaged: &[Triaged], people: &People) -> String {
    let mut text = String::from(HEADER);
    let mut seen = HashSet::new();
    for t in triaged {
        let name = t.invitation.contact_name();
        let url = t.invitation.contact_url();
        // Keyed as the people file would match them: URL first; folded as
        // the people file folds its keys, so that none is listed twice.
        let key = if url_key(url).is_some() { url } else { name };
        let folded = match (url_key(key), name_key(key)) {
            (Some(url), _) => format!("url:{url}"),
            (None, Some(name)) => format!("name:{name}"),
            (None, None) => {
                let _ = writeln!(
                    text,
                    "\n# A row with neither a name nor a profile URL (line {}) is left out.",
                    t.invitation.line
                );
                continue;
            }
        };
        if !seen.insert(folded) {
            continue;
        }
        let _ = writeln!(
            text,
            "\n# {}: {} ({})",
            clean(name),
            t.record.decision,
            clean(&t.record.rule)
        );
        for line in t.known.not_inferred.iter().chain(&t.known.hints) {
            let _ = writeln!(text, "# {}", clean(line));
        }
        for line in &t.known.context {
            let _ = writeln!(text, "# {}", clean(line));
        }
        let _ = writeln!(text, "[people.{}]", quoted(key));
        if url_key(url).is_some() && !name.is_empty() {
            let _ = writeln!(text, "name = {}", quoted(name));
        }
        let entry = people.entry(name, url).map(|(e, _)| e);
        let mut written = HashSet::new();
        // Everything the people file says, as it says it.
        if let Some(entry) = entry {
            for (field, value) in &entry.values {
                let _ = writeln!(
                    text,
                    "{} = {value}   # from your people file",
                    bare_or_quoted(field)
                );
                written.insert(field.as_str());
            }
        }
        for fact in &t.known.facts {
            if written.contains(fact.fact.as_str()) {
                continue;
            }
            let _ = writeln!(text, "{}", inferred_line(fact));
            written.insert(fact.fact.as_str());
        }
        for (field, unknown, help) in FIELDS {
            if !written.contains(field) {
                let _ = writeln!(text, "# {field} = {unknown}   # {help}");
            }
        }
    }
    text
}

fn inferred_line(fact: &Fact) -> String {
    format!(
        "{} = {}   # from {}",
        bare_or_quoted(&fact.fact),
        quoted(&fact.value),
        clean(&fact.source)
    )
}

/// A TOML basic string on one line, as a key or a value. (The `toml`
/// crate would write a name with a line break as a multi-line string, which
/// a table header cannot hold.)
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be, else quoted.
fn bare_or_quoted(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { key.to_owned() } else { quoted(key) }
}

/// Writes the template to `path`; refuses to replace a file unless
/// `overwrite`. Returns how many people it holds.
pub fn write_people(
    path: &Path,
    triaged: &[Triaged],
    people: &People,
    overwrite: bool,
) -> Result<usize, Error> {
    let text = people_template(triaged, people);
    let shown = path.display().to_string();
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if overwrite {
        options.create(true).truncate(true);
    } else {
        // Checked and created in one step, so that nothing written between
        // a check and the write is lost.
        options.create_new(true);
    }
    let mut file = options.open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: shown.clone(),
            }
        } else {
            Error::Create {
                path: shown.clone(),
                source,
            }
        }
    })?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|source| Error::Create {
            path: shown,
            source,
        })?;
    Ok(text.matches("\n[people.").count())
}
