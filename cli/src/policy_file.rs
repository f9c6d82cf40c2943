//! A policy document: the library's own format, in TOML, JSON or YAML
//! (chosen by the file's extension), read with where in the text each
//! mistake is.

use std::ops::Range;
use std::path::Path;

use acquaint::{LoadError, Policy, PolicyError};

use crate::error::{Error, line_column, one_line};

/// The formats a policy file may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyFormat {
    /// `.toml`
    Toml,
    /// `.json`
    Json,
    /// `.yaml` or `.yml`
    Yaml,
}

impl PolicyFormat {
    /// The format for a file name: `.toml`, `.json`, `.yaml` or `.yml`, in
    /// any case.
    pub fn from_path(path: &Path) -> Option<PolicyFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(PolicyFormat::Toml),
            "json" => Some(PolicyFormat::Json),
            "yaml" | "yml" => Some(PolicyFormat::Yaml),
            _ => None,
        }
    }
}

/// The message for a file whose name tells no format.
pub const UNKNOWN_FORMAT: &str = "unknown format: name the file `*.toml`, `*.json` or `*.yaml`";

/// Why a document did not load: what is wrong, and where in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    /// The mistake as acquaint reports it, when the document was read but
    /// is not a valid policy; `None` for a syntax error.
    pub error: Option<Box<PolicyError>>,
    /// What is wrong, on one line, without the position.
    pub message: String,
    /// The bytes of the text at fault, when the format tells where.
    pub span: Option<Range<usize>>,
    /// The byte the format names as the place of the mistake: the start of
    /// the span, but for JSON its last character, as serde_json says it.
    pub position: Option<usize>,
}

/// Reads a policy document written in `format`.
pub fn read_document(text: &str, format: PolicyFormat) -> Result<Policy, LoadFailure> {
    match format {
        PolicyFormat::Toml => {
            Policy::from_deserializer(toml::Deserializer::new(text)).map_err(|e| {
                // A mistake found once the whole document is read (a
                // duplicate rule id, say) spans the whole document: it has
                // no place of its own.
                let whole = |s: &Range<usize>| s.start == 0 && s.end >= text.trim_end().len();
                let span = e.format_error().span().filter(|s| !whole(s));
                let position = span.as_ref().map(|s| s.start);
                failure(e, |e| one_line(e.message()), span, position)
            })
        }
        PolicyFormat::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            Policy::from_deserializer(&mut de).map_err(|e| {
                let format = e.format_error();
                let (line, column) = (format.line(), format.column());
                let position = line_start(text, line).map(|start| start + column.saturating_sub(1));
                let span = json_span(text, line, column);
                failure(e, json_message, span, position)
            })
        }
        PolicyFormat::Yaml => {
            let mut options = serde_saphyr::Options::default();
            // The snippet is drawn here, with the rest of the diagnostic.
            options.with_snippet = false;
            // The closure must fail for the reader to stop where the
            // mistake is; the policy error is kept aside.
            let mut error = None;
            let read = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
                Policy::from_deserializer(de).map_err(|e| {
                    error = e.policy_error().cloned().map(Box::new);
                    match e {
                        LoadError::Invalid { format, .. } | LoadError::Format(format) => format,
                        // A kind of load error added later: its message.
                        other => serde::de::Error::custom(other.to_string()),
                    }
                })
            });
            read.map_err(|e| {
                let span = yaml_span(text, &e);
                let message = match &error {
                    Some(error) => error.to_string(),
                    None => yaml_message(&e),
                };
                LoadFailure {
                    error,
                    message,
                    position: span.as_ref().map(|s| s.start),
                    span,
                }
            })
        }
    }
}

/// serde-saphyr ends its message with " at line L, column C": the
/// position is said apart.
fn yaml_message(e: &serde_saphyr::Error) -> String {
    let full = one_line(&e.to_string());
    match full.rfind(" at line ") {
        Some(at) if e.location().is_some() => full[..at].to_owned(),
        _ => full,
    }
}

/// A failure from the library's load error: its policy error's message
/// when there is one, else the format's own.
fn failure<E>(
    e: LoadError<E>,
    message: impl Fn(&E) -> String,
    span: Option<Range<usize>>,
    position: Option<usize>,
) -> LoadFailure {
    let error = e.policy_error().cloned().map(Box::new);
    let message = match &error {
        Some(error) => error.to_string(),
        None => message(e.format_error()),
    };
    LoadFailure {
        error,
        message,
        span,
        position,
    }
}

/// serde_json ends its message with " at line L column C": the position
/// is said apart.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// The value that ends at line `line`, column `column` (both from 1, as
/// serde_json reports the place where it stopped reading: the last
/// character of the value at fault): a string from its opening quote, or a
/// word or number.
fn json_span(text: &str, line: usize, column: usize) -> Option<Range<usize>> {
    let start = line_start(text, line)?;
    let line_text = text[start..].split('\n').next().unwrap_or("");
    let end = start + column.min(line_text.len());
    let end = floor_char_boundary(text, end);
    let before = &text[start..end];
    let from = if let Some(inside) = before.strip_suffix('"') {
        // Back to the unescaped quote that opens the string.
        let mut open = None;
        for (i, _) in inside.match_indices('"') {
            let backslashes = inside[..i]
                .bytes()
                .rev()
                .take_while(|b| *b == b'\\')
                .count();
            if backslashes % 2 == 0 {
                open = Some(i);
            }
        }
        open.map_or(end - 1, |i| start + i)
    } else {
        let word = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '-' | '+' | '.' | '_'))
            .last();
        word.map_or(end.saturating_sub(1).max(start), |(i, _)| start + i)
    };
    (from < end).then_some(from..end)
}

/// Where YAML says the mistake is: its bytes when it knows them, else the
/// character at its line and column.
fn yaml_span(text: &str, e: &serde_saphyr::Error) -> Option<Range<usize>> {
    let location = e.location()?;
    let span = location.span();
    if let (Some(offset), Some(len)) = (span.byte_offset(), span.byte_len()) {
        let start = usize::try_from(offset).ok()?;
        let end = start.checked_add(usize::try_from(len).ok()?)?;
        if end > start && end <= text.len() && text.is_char_boundary(start) {
            return Some(start..floor_char_boundary(text, end));
        }
    }
    let start = line_start(text, usize::try_from(location.line()).ok()?)?;
    let column = usize::try_from(location.column()).ok()?.max(1);
    let at = text[start..]
        .char_indices()
        .nth(column - 1)
        .map(|(i, c)| start + i..start + i + c.len_utf8())?;
    Some(at)
}

/// The byte where line `line` (from 1) starts.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The policy to use: the one in `path` if given, else the built-in
/// philosophy; `job_seeking` turns job seeking on in either.
pub fn load_policy(path: Option<&Path>, job_seeking: bool) -> Result<Policy, Error> {
    let Some(path) = path else {
        return Policy::builder()
            .job_seeking(job_seeking)
            .build()
            .map_err(|e| Error::Policy {
                path: "(built-in)".into(),
                message: e.to_string(),
            });
    };
    let name = path.display().to_string();
    let format = PolicyFormat::from_path(path).ok_or_else(|| Error::Policy {
        path: name.clone(),
        message: UNKNOWN_FORMAT.into(),
    })?;
    let text = read_text(path)?;
    parse_policy(&text, format, &name, job_seeking)
}

/// The text of the policy file at `path`.
pub fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        what: "policy",
        path: path.display().to_string(),
        source,
    })
}

/// Parses a policy document; `path` names it in errors, which start with
/// the line and column of the mistake when the format tells them.
pub fn parse_policy(
    text: &str,
    format: PolicyFormat,
    path: &str,
    job_seeking: bool,
) -> Result<Policy, Error> {
    let mut policy = read_document(text, format).map_err(|failure| Error::Policy {
        path: path.to_owned(),
        message: match failure.position {
            Some(at) => format!("{}: {}", line_column(text, at), failure.message),
            None => failure.message,
        },
    })?;
    if job_seeking {
        policy.set_job_seeking(true);
    }
    Ok(policy)
}
