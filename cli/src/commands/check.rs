//! `acquaint check FILE…`: for each policy file, its load error as a
//! compiler shows one, or its warnings and then its examples.

use std::io::{self, IsTerminal, Write};
use std::ops::Range;
use std::path::Path;

use acquaint::{Policy, PolicyError, SourcePosition, Warning};
use serde::Serialize;

use crate::args::{CheckArgs, CheckFormat};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Error, Status};
use crate::policy_file::{PolicyFormat, UNKNOWN_FORMAT, read_document, read_text};
use crate::triage::report::clean;

/// What was found in one file.
#[derive(Debug)]
pub struct Checked {
    /// The file, as given.
    pub path: String,
    /// Its text (empty when it could not be read).
    pub text: String,
    /// Whether it loaded as a policy.
    pub loaded: bool,
    /// The load error, or the warnings then the failing examples.
    pub diagnostics: Vec<Found>,
    /// How many warnings.
    pub warnings: usize,
    /// How many examples the policy holds, and how many fail.
    pub examples: (usize, usize),
}

/// One diagnostic, with the library's error or warning it came from.
#[derive(Debug)]
pub struct Found {
    /// What to show.
    pub diagnostic: Diagnostic,
    /// The load error as data, when the document was read but is not a
    /// valid policy.
    pub error: Option<Box<PolicyError>>,
    /// The warning as data.
    pub warning: Option<Warning>,
}

/// Checks each file and prints what it found, as text (in colour on a
/// terminal, unless `NO_COLOR` is set) or as JSON.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let styled = args.format == CheckFormat::Text
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    check_files(&args.files, args.format, args.deny_warnings, styled, out)
}

/// Checks each file and prints what it found: a finding for a failing
/// example, or for a warning when `deny_warnings`; an error when a file
/// does not load, once every file is checked.
pub fn check_files(
    paths: &[impl AsRef<Path>],
    format: CheckFormat,
    deny_warnings: bool,
    styled: bool,
    out: &mut dyn Write,
) -> Result<Status, Error> {
    let mut status = Status::Fine;
    let mut not_loaded = 0;
    for path in paths {
        let checked = check_file(path.as_ref())?;
        match format {
            CheckFormat::Text => write_text(out, &checked, styled)?,
            CheckFormat::Json => write_json(out, &checked)?,
        }
        if !checked.loaded {
            not_loaded += 1;
        }
        let (_, failed) = checked.examples;
        status = status.and(Status::finding_if(
            failed > 0 || (deny_warnings && checked.warnings > 0),
        ));
    }
    if not_loaded > 0 {
        return Err(Error::NotLoaded {
            failed: not_loaded,
            total: paths.len(),
        });
    }
    Ok(status)
}

/// Reads, loads and checks one file. A file that cannot be read is an
/// error; one that does not load is a diagnostic.
pub fn check_file(path: &Path) -> Result<Checked, Error> {
    let name = path.display().to_string();
    let Some(format) = PolicyFormat::from_path(path) else {
        return Err(Error::Policy {
            path: name,
            message: UNKNOWN_FORMAT.into(),
        });
    };
    let text = read_text(path)?;
    let policy = match read_document(&text, format) {
        Ok(policy) => policy,
        Err(failure) => {
            let diagnostic = Diagnostic::new(Severity::Error, &failure.message, failure.span);
            return Ok(Checked {
                path: name,
                text,
                loaded: false,
                diagnostics: vec![Found {
                    diagnostic,
                    error: failure.error,
                    warning: None,
                }],
                warnings: 0,
                examples: (0, 0),
            });
        }
    };
    let mut diagnostics = Vec::new();
    let warnings = policy.analyze().map_err(|e| Error::Policy {
        path: name.clone(),
        message: e.to_string(),
    })?;
    for warning in &warnings {
        let span = find_rule_id(&text, warning.rule_id());
        diagnostics.push(Found {
            diagnostic: Diagnostic {
                severity: Severity::Warning,
                message: clean(&warning.to_string()),
                help: None,
                span,
            },
            error: None,
            warning: Some(warning.clone()),
        });
    }
    let examples = example_diagnostics(&policy);
    let failed = examples.len();
    diagnostics.extend(examples);
    Ok(Checked {
        path: name,
        text,
        loaded: true,
        diagnostics,
        warnings: warnings.len(),
        examples: (policy.examples().len(), failed),
    })
}

/// The examples the policy gets wrong, each an error.
fn example_diagnostics(policy: &Policy) -> Vec<Found> {
    policy
        .check_examples()
        .iter()
        .map(|failure| Found {
            diagnostic: Diagnostic {
                severity: Severity::Error,
                message: clean(&failure.to_string()),
                help: None,
                span: None,
            },
            error: None,
            warning: None,
        })
        .collect()
}

/// Where the rule `id` is named in the document: its id as a quoted
/// string (TOML, JSON, YAML), or bare after `id:` (YAML).
fn find_rule_id(text: &str, id: &str) -> Option<Range<usize>> {
    if id.is_empty() {
        return None;
    }
    text.match_indices(id).find_map(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + id.len()..].chars().next();
        match (before, after) {
            (Some(q @ ('"' | '\'')), Some(a)) if a == q => Some(at - 1..at + id.len() + 1),
            _ => {
                let key = text[..at].trim_end_matches(' ');
                let bare = key.ends_with("id:") && matches!(after, None | Some('\n' | '\r' | ' '));
                bare.then_some(at..at + id.len())
            }
        }
    })
}

/// The diagnostics, then a summary of the warnings and of the examples.
fn write_text(out: &mut dyn Write, checked: &Checked, styled: bool) -> io::Result<()> {
    for found in &checked.diagnostics {
        let rendered = found
            .diagnostic
            .render(&checked.path, &checked.text, styled);
        writeln!(out, "{rendered}\n")?;
    }
    let name = &checked.path;
    if !checked.loaded {
        return writeln!(out, "policy file `{name}`: does not load");
    }
    match checked.warnings {
        0 => writeln!(
            out,
            "policy file `{name}`: no warnings, every rule can decide"
        )?,
        1 => writeln!(out, "policy file `{name}`: 1 warning")?,
        n => writeln!(out, "policy file `{name}`: {n} warnings")?,
    }
    match checked.examples {
        (0, _) => {}
        (1, 0) => writeln!(out, "policy file `{name}`: 1 example, it holds")?,
        (n, 0) => writeln!(out, "policy file `{name}`: {n} examples, all hold")?,
        (n, failed) => writeln!(out, "policy file `{name}`: {failed} of {n} examples fail")?,
    }
    Ok(())
}

/// One JSON object for the file.
fn write_json(out: &mut dyn Write, checked: &Checked) -> io::Result<()> {
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct FileLine<'a> {
        file: &'a str,
        loaded: bool,
        warnings: usize,
        examples: usize,
        failed_examples: usize,
        diagnostics: Vec<DiagnosticLine<'a>>,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "kebab-case")]
    struct DiagnosticLine<'a> {
        severity: Severity,
        message: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        help: Option<&'a str>,
        #[serde(flatten, skip_serializing_if = "Option::is_none")]
        position: Option<SourcePosition>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<&'a PolicyError>,
        #[serde(skip_serializing_if = "Option::is_none")]
        warning: Option<&'a Warning>,
    }
    let line = FileLine {
        file: &checked.path,
        loaded: checked.loaded,
        warnings: checked.warnings,
        examples: checked.examples.0,
        failed_examples: checked.examples.1,
        diagnostics: checked
            .diagnostics
            .iter()
            .map(|found| DiagnosticLine {
                severity: found.diagnostic.severity,
                message: &found.diagnostic.message,
                help: found.diagnostic.help.as_deref(),
                position: found.diagnostic.position(&checked.text),
                error: found.error.as_deref(),
                warning: found.warning.as_ref(),
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)
}
