//! Policy documents read from TOML, JSON or YAML text (features `toml`,
//! `json`, `yaml`), each mistake with its [`SourcePosition`]: the one
//! place that knows how each format says where it stopped.

#[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
use std::ops::Range;

use crate::error::SourcePosition;
#[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
use crate::policy::Policy;

use super::LoadError;

/// A format's error that knows where in the text it is: implemented for
/// the errors of the formats acquaint reads from text (`toml::de::Error`,
/// `serde_json::Error` and `serde_saphyr::Error`, with the features
/// `toml`, `json` and `yaml`). Sealed: acquaint implements it.
pub trait SourceError: sealed::Sealed {
    /// Where in `text`, the document this error came from, the mistake is.
    fn position(&self, text: &str) -> Option<SourcePosition>;
}

mod sealed {
    pub trait Sealed {}
}

impl<E: SourceError> LoadError<E> {
    /// Where in `text`, the document that failed to load, the mistake is:
    /// a syntax error as well as a policy error.
    ///
    /// ```
    /// # #[cfg(feature = "toml")] {
    /// use acquaint::Policy;
    ///
    /// let text = "fallback = \"accept\"\nprofession = [1]\n";
    /// let err = Policy::from_toml_str(text).unwrap_err();
    /// let at = err.position(text).unwrap();
    /// assert_eq!((at.line(), at.column()), (2, 14));
    /// # }
    /// ```
    pub fn position(&self, text: &str) -> Option<SourcePosition> {
        match self {
            LoadError::Invalid { error, .. } if error.position().is_some() => {
                error.position().cloned()
            }
            LoadError::Invalid { format, .. } | LoadError::Format(format) => format.position(text),
        }
    }

    /// The same error, its policy error placed in `text`.
    #[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
    fn placed(self, text: &str) -> LoadError<E> {
        match self {
            LoadError::Invalid { error, format } => LoadError::Invalid {
                error: match format.position(text) {
                    Some(at) => error.with_position(at),
                    None => error,
                },
                format,
            },
            LoadError::Format(format) => LoadError::Format(format),
        }
    }
}

#[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
impl Policy {
    /// Loads a policy document written in TOML, each mistake with its
    /// position in `text` ([`PolicyError::position`](crate::PolicyError::position),
    /// [`LoadError::position`]).
    ///
    /// ```
    /// use acquaint::{Policy, PolicyErrorKind};
    ///
    /// let text = r#"
    /// [[rules]]
    /// id = "fans"
    /// when = { recuiter = true }
    /// decision = "accept"
    /// reason = "They like my work."
    /// "#;
    /// let err = Policy::from_toml_str(text).unwrap_err();
    /// let error = err.policy_error().unwrap();
    /// assert_eq!(error.rule_id(), Some("fans"));
    /// assert!(matches!(
    ///     error.kind(),
    ///     PolicyErrorKind::UnknownField { suggestion: Some("recruiter"), .. }
    /// ));
    /// let at = error.position().unwrap();
    /// assert_eq!((at.line(), at.column()), (4, 10));
    /// assert_eq!(&text[at.span()], "recuiter");
    /// ```
    ///
    /// # Errors
    ///
    /// [`LoadError::Invalid`] when the document is not a valid policy, and
    /// [`LoadError::Format`] when it is not TOML.
    #[cfg(feature = "toml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "toml")))]
    // The format's own error is this large; it is handed back as it is,
    // as `from_deserializer` does.
    #[allow(clippy::result_large_err)]
    pub fn from_toml_str(text: &str) -> Result<Policy, LoadError<toml::de::Error>> {
        Policy::from_deserializer(toml::Deserializer::new(text)).map_err(|e| e.placed(text))
    }

    /// Loads a policy document written in JSON, each mistake with its
    /// position in `text`, as [`Policy::from_toml_str`] does.
    ///
    /// ```
    /// use acquaint::Policy;
    ///
    /// let text = r#"{ "rules": [{ "id": "x", "decision": "maybe", "reason": "" }] }"#;
    /// let err = Policy::from_json_str(text).unwrap_err();
    /// let at = err.policy_error().unwrap().position().unwrap();
    /// assert_eq!(&text[at.span()], r#""maybe""#);
    /// ```
    ///
    /// # Errors
    ///
    /// [`LoadError::Invalid`] when the document is not a valid policy, and
    /// [`LoadError::Format`] when it is not JSON.
    #[cfg(feature = "json")]
    #[cfg_attr(docsrs, doc(cfg(feature = "json")))]
    pub fn from_json_str(text: &str) -> Result<Policy, LoadError<serde_json::Error>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let policy = Policy::from_deserializer(&mut de).map_err(|e| e.placed(text))?;
        // Text after the document is a mistake too.
        de.end().map_err(LoadError::Format)?;
        Ok(policy)
    }

    /// Loads a policy document written in YAML, each mistake with its
    /// position in `text`, as [`Policy::from_toml_str`] does.
    ///
    /// ```
    /// use acquaint::Policy;
    ///
    /// let text = "passions: [chess]\nfallback: maybe\n";
    /// let err = Policy::from_yaml_str(text).unwrap_err();
    /// let at = err.position(text).unwrap();
    /// assert_eq!((at.line(), at.column()), (2, 11));
    /// assert_eq!(&text[at.span()], "maybe");
    /// ```
    ///
    /// # Errors
    ///
    /// [`LoadError::Invalid`] when the document is not a valid policy, and
    /// [`LoadError::Format`] when it is not YAML.
    #[cfg(feature = "yaml")]
    #[cfg_attr(docsrs, doc(cfg(feature = "yaml")))]
    // The format's own error is this large; it is handed back as it is,
    // as `from_deserializer` does.
    #[allow(clippy::result_large_err)]
    pub fn from_yaml_str(text: &str) -> Result<Policy, LoadError<serde_saphyr::Error>> {
        let mut options = serde_saphyr::Options::default();
        // The position is data; a host draws its own snippet.
        options.with_snippet = false;
        // The reader stops where the mistake is only when the closure
        // fails: the policy error is kept aside meanwhile.
        let mut invalid = None;
        let read = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
            Policy::from_deserializer(de).map_err(|e| match e {
                LoadError::Invalid { error, format } => {
                    invalid = Some(error);
                    format
                }
                LoadError::Format(format) => format,
            })
        });
        read.map_err(|format| match invalid {
            Some(error) => LoadError::Invalid { error, format },
            None => LoadError::Format(format),
        })
        .map_err(|e| e.placed(text))
    }
}

/// The byte where line `line` (from 1) starts.
#[cfg(any(feature = "json", feature = "yaml"))]
fn line_start(text: &str, line: usize) -> Option<usize> {
    match line {
        0 => None,
        1 => Some(0),
        _ => text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1),
    }
}

#[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The position of `span` in `text`, unless it is the whole document: a
/// mistake found once the whole document is read (a duplicate rule id,
/// say) has no place of its own.
#[cfg(any(feature = "toml", feature = "json", feature = "yaml"))]
fn placed(text: &str, span: Range<usize>) -> Option<SourcePosition> {
    // An empty span (the end of the text, say) is a place too.
    let whole = span.start == 0 && span.end >= text.trim_end().len() && !text.trim().is_empty();
    if whole || span.start > span.end {
        return None;
    }
    let end = floor_char_boundary(text, span.end);
    SourcePosition::new(text, span.start..end)
}

#[cfg(feature = "toml")]
impl sealed::Sealed for toml::de::Error {}

#[cfg(feature = "toml")]
impl SourceError for toml::de::Error {
    fn position(&self, text: &str) -> Option<SourcePosition> {
        placed(text, self.span()?)
    }
}

#[cfg(feature = "json")]
impl sealed::Sealed for serde_json::Error {}

/// serde_json says where it stopped reading: the last character of the
/// value at fault, or for a mistake found once a table is read (a missing
/// field, or a top-level value checked after it was read) the character
/// after it. The position is that value: a string from its opening quote,
/// or a word or number; or that character.
#[cfg(feature = "json")]
impl SourceError for serde_json::Error {
    fn position(&self, text: &str) -> Option<SourcePosition> {
        let start = line_start(text, self.line())?;
        let line_text = text[start..].split('\n').next().unwrap_or("");
        let end = floor_char_boundary(text, start + self.column().min(line_text.len()));
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
        let from = floor_char_boundary(text, from);
        placed(text, from..end)
    }
}

#[cfg(feature = "yaml")]
impl sealed::Sealed for serde_saphyr::Error {}

/// YAML's bytes when it knows them, else the character at its line and
/// column.
#[cfg(feature = "yaml")]
impl SourceError for serde_saphyr::Error {
    fn position(&self, text: &str) -> Option<SourcePosition> {
        let location = self.location()?;
        let span = location.span();
        if let (Some(offset), Some(len)) = (span.byte_offset(), span.byte_len()) {
            let start = usize::try_from(offset).ok()?;
            let end = start.checked_add(usize::try_from(len).ok()?)?;
            if end > start && end <= text.len() && text.is_char_boundary(start) {
                return placed(text, start..end);
            }
        }
        let start = line_start(text, usize::try_from(location.line()).ok()?)?;
        let column = usize::try_from(location.column()).ok()?.max(1);
        let (i, c) = text[start..].char_indices().nth(column - 1)?;
        placed(text, start + i..start + i + c.len_utf8())
    }
}
