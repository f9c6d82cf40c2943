//! A policy document: the library's own format, in TOML, JSON or YAML
//! (chosen by the file's extension), read with where in the text each
//! mistake is.

use std::ops::Range;
use std::path::Path;

use acquaint::{LoadError, Policy, PolicyError, SourceError};

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
}

/// Reads a policy document written in `format`.
pub fn read_document(text: &str, format: PolicyFormat) -> Result<Policy, LoadFailure> {
    match format {
        PolicyFormat::Toml => {
            Policy::from_toml_str(text).map_err(|e| failure(e, text, |e| one_line(e.message())))
        }
        PolicyFormat::Json => {
            Policy::from_json_str(text).map_err(|e| failure(e, text, json_message))
        }
        PolicyFormat::Yaml => {
            Policy::from_yaml_str(text).map_err(|e| failure(e, text, yaml_message))
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

/// serde_json ends its message with " at line L column C": the position
/// is said apart.
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix).unwrap_or(&full).to_owned()
}

/// A failure from the library's load error: its policy error's message
/// when there is one, else the format's own; and where in `text` it is.
fn failure<E: SourceError>(
    e: LoadError<E>,
    text: &str,
    message: impl Fn(&E) -> String,
) -> LoadFailure {
    let span = e.position(text).map(|at| at.span());
    let error = e.policy_error().cloned().map(Box::new);
    let message = match &error {
        Some(error) => error.to_string(),
        None => message(e.format_error()),
    };
    LoadFailure {
        error,
        message,
        span,
    }
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
        message: match failure.span.map(|s| s.start) {
            Some(at) => format!("{}: {}", line_column(text, at), failure.message),
            None => failure.message,
        },
    })?;
    if job_seeking {
        policy.set_job_seeking(true);
    }
    Ok(policy)
}
