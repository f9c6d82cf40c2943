//! A message about a place in a file, shown as a compiler shows it:
//! `file:line:column`, the line, a marker under the text at fault, and a
//! suggestion; or as data, for scripts and editors.

use std::ops::Range;

use acquaint::SourcePosition;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How bad it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The file does not load, or an example fails.
    Error,
    /// The file loads, but something in it is likely a mistake.
    Warning,
}

/// One message about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// What is wrong, on one line.
    pub message: String,
    /// What to do about it: a name that was likely meant, or the names
    /// expected.
    pub help: Option<String>,
    /// The bytes of the file at fault, when known.
    pub span: Option<Range<usize>>,
}

impl Diagnostic {
    /// A diagnostic whose message may end with a suggestion, as acquaint's
    /// messages do (``…, did you mean `recruiter` ``, ``…, expected one of
    /// `a`, `b` ``): the suggestion becomes the help.
    pub fn new(severity: Severity, message: &str, span: Option<Range<usize>>) -> Diagnostic {
        let (message, help) = split_suggestion(message);
        Diagnostic {
            severity,
            message: message.to_owned(),
            help,
            span,
        }
    }

    /// The diagnostic as a compiler prints it, about the file `path` whose
    /// text is `text`; with colours when `styled`.
    pub fn render(&self, path: &str, text: &str, styled: bool) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(&self.message);
        let mut group = match self.span.clone().filter(|s| s.end <= text.len()) {
            Some(span) => title.element(
                Snippet::source(text)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            ),
            None => title.element(Origin::path(path)),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help));
        }
        let report: [Group<'_>; 1] = [group];
        let renderer = if styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&report)
    }

    /// Where the span is: its bytes, and the line and column (from 1,
    /// columns in characters) where it starts and where it ends.
    pub fn position(&self, text: &str) -> Option<SourcePosition> {
        SourcePosition::new(text, self.span.clone()?)
    }
}

/// Splits the suggestion off the end of a message.
fn split_suggestion(message: &str) -> (&str, Option<String>) {
    for marker in [", did you mean ", ", expected "] {
        if let Some(at) = message.find(marker) {
            let help = &message[at + 2..];
            return (&message[..at], Some(help.to_owned()));
        }
    }
    (message, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_suggestion_becomes_the_help() {
        let d = Diagnostic::new(
            Severity::Error,
            "rule `x`: unknown field `when.recuiter`, did you mean `recruiter`",
            None,
        );
        assert_eq!(d.message, "rule `x`: unknown field `when.recuiter`");
        assert_eq!(d.help.as_deref(), Some("did you mean `recruiter`"));
        let d = Diagnostic::new(Severity::Warning, "no suggestion here", None);
        assert_eq!(d.help, None);
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = \"x\"\n";
        let d = Diagnostic::new(Severity::Error, "m", Some(12..15));
        let at = d.position(text).unwrap();
        assert_eq!((at.line(), at.column()), (2, 6));
        assert_eq!((at.end_line(), at.end_column()), (2, 9));
    }
}
