//! The optional policy document: the crate's own format, in TOML or JSON
//! (chosen by the file's extension).

use std::path::Path;

use acquaint::Policy;

use crate::error::{Error, line_column, one_line};

/// The formats a policy file may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyFormat {
    Toml,
    Json,
}

impl PolicyFormat {
    /// The format for a file name: `.toml` or `.json`, in any case.
    pub fn from_path(path: &Path) -> Option<PolicyFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(PolicyFormat::Toml),
            "json" => Some(PolicyFormat::Json),
            _ => None,
        }
    }
}

/// The policy to triage with: the one in `path` if given, else the
/// built-in philosophy; `job_seeking` turns job seeking on in either.
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
        message: "unknown format: name the file `*.toml` or `*.json`".into(),
    })?;
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        what: "policy",
        path: name.clone(),
        source,
    })?;
    parse_policy(&text, format, &name, job_seeking)
}

/// Parses a policy document; `path` names it in errors.
pub fn parse_policy(
    text: &str,
    format: PolicyFormat,
    path: &str,
    job_seeking: bool,
) -> Result<Policy, Error> {
    let error = |message: String| Error::Policy {
        path: path.to_owned(),
        message,
    };
    let policy: Policy = match format {
        PolicyFormat::Toml => toml::from_str(text).map_err(|e| {
            let message = one_line(e.message());
            // A mistake found once the whole document is read (a duplicate
            // rule id, say) spans the whole document: its message says where.
            let whole = |s: &std::ops::Range<usize>| s.start == 0 && s.end >= text.trim_end().len();
            error(match e.span() {
                Some(span) if !whole(&span) => {
                    format!("{}: {message}", line_column(text, span.start))
                }
                _ => message,
            })
        })?,
        PolicyFormat::Json => serde_json::from_str(text).map_err(|e| {
            // serde_json ends its message with " at line L column C": put
            // the place first, as for TOML.
            let full = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = full.strip_suffix(&suffix).unwrap_or(&full);
            error(format!(
                "line {}, column {}: {message}",
                e.line(),
                e.column()
            ))
        })?,
    };
    let mut policy = policy;
    if job_seeking {
        policy.set_job_seeking(true);
    }
    Ok(policy)
}
