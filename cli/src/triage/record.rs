//! `triage --ask`: each answer written into the people file at once. The
//! file is edited, not rewritten: its comments, order and layout stay as
//! they are. The new text is written to a file beside it, then renamed
//! over it, so that a crash or Ctrl-C leaves either the old file or the
//! new one, never half of one.

use std::io::Write as _;
use std::path::Path;

use acquaint::{AnswerValue, Fact};
use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::error::{Error, line_column, one_line};
use crate::triage::people::People;

const HEADER: &str = "\
# What you know of people, for `acquaint triage --people`: started by
# `triage --ask`, which writes each answer here as you give it. Edit it
# freely: a fact written here always wins over what the export suggests,
# and is not asked again. See the README's \"Triage your LinkedIn
# invitations\".
";

/// Where an answer goes in the people file.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The entry's key: the person's entry when the file has one, else
    /// their profile URL, else their name.
    pub key: &'a str,
    /// The export's name, written as `name` in a new entry keyed by URL.
    pub name: Option<&'a str>,
}

/// Writes `value`, the answer about `fact` (and the passion or tag
/// `about`), into the entry `target` of the people file at `path`,
/// creating the file or the entry as needed; returns the people file as
/// it now reads.
pub fn record(
    path: &Path,
    target: Target<'_>,
    fact: Fact,
    about: Option<&str>,
    value: &AnswerValue,
) -> Result<People, Error> {
    let shown = path.display().to_string();
    let (text, new_file) = match std::fs::read_to_string(path) {
        Ok(text) => (text, false),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (String::new(), true),
        Err(source) => {
            return Err(Error::Read {
                what: "people",
                path: shown,
                source,
            });
        }
    };
    let people_error = |message: String| Error::People {
        path: shown.clone(),
        person: None,
        field: None,
        message,
    };
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let message = one_line(e.message());
        match e.span() {
            Some(span) => people_error(format!("{}: {message}", line_column(&text, span.start))),
            None => people_error(message),
        }
    })?;
    let people = doc
        .entry("people")
        .or_insert_with(|| {
            let mut t = Table::new();
            t.set_implicit(true);
            Item::Table(t)
        })
        .as_table_mut()
        .ok_or_else(|| people_error("`people` is not a table".into()))?;
    let item = people.entry(target.key).or_insert_with(|| {
        let mut t = Table::new();
        if let Some(name) = target.name.filter(|n| *n != target.key && !n.is_empty()) {
            t.insert("name", toml_edit::value(name));
        }
        Item::Table(t)
    });
    // An inline entry (`"Kim" = { friend = true }`) is edited in place.
    let inline = item.is_inline_table();
    let entry = item
        .as_table_like_mut()
        .ok_or_else(|| people_error(format!("person `{}` is not a table", target.key)))?;
    let field = fact.name();
    let new: Value = match (fact, value) {
        // Settings and the invitation's own note: never asked by `--ask`.
        (Fact::JobSeeking | Fact::Message, _) => return People::parse(&text, &shown),
        (Fact::Acquaintance, AnswerValue::Acquaintance(a)) => a.as_str().into(),
        (Fact::MyView | Fact::TheirView, AnswerValue::View(v)) => v.as_str().into(),
        (Fact::Passions | Fact::Tags, AnswerValue::Bool(has)) => {
            let mut list: Array = match entry.get(field).and_then(Item::as_array) {
                Some(list) => list.clone(),
                None => Array::new(),
            };
            let about = about.unwrap_or("");
            let listed = list
                .iter()
                .any(|v| v.as_str().is_some_and(|s| s.eq_ignore_ascii_case(about)));
            if *has && !listed && !about.is_empty() {
                list.push(about);
            }
            Value::Array(list)
        }
        (_, AnswerValue::Bool(b)) => (*b).into(),
        (_, AnswerValue::Profession(p)) => p.as_str().into(),
        // None the policy names: an empty profession is known, and names
        // none.
        (_, AnswerValue::SomethingElse) => "".into(),
        (_, AnswerValue::MutualConnections { at_least, .. }) => i64::from(*at_least).into(),
        // Not a value any question gives.
        (_, _) => return People::parse(&text, &shown),
    };
    let mut new = new;
    // An inline table cannot hold a comment, nor a line break.
    if !inline {
        new.decor_mut().set_suffix("   # answered in triage --ask");
    }
    entry.insert(field, Item::Value(new));
    if inline {
        // Spaced as `{ a = 1, b = 2 }` again after the new field.
        entry.fmt();
    }

    let mut text = doc.to_string();
    if new_file {
        text.insert_str(0, &format!("{HEADER}\n"));
    }
    // What is written must read back: checked before it replaces anything.
    let people = People::parse(&text, &shown)?;
    write_atomically(path, &text).map_err(|source| Error::Create {
        path: shown.clone(),
        source,
    })?;
    Ok(people)
}

/// Writes `text` to a file beside `path`, flushed to the disk, then renames
/// it over `path`: a reader sees the old file or the new one, whole.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "people.toml".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        if let Ok(meta) = std::fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}
