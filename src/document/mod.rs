//! The policy document: a policy read from and written to any serde
//! format, in three parts: [`read`] (checking every mistake as it is
//! read), [`write`], and [`values`] (plain values and their errors); and,
//! in the tests, `schema`, which generates the document's JSON Schema.
//!
//! Contacts, platforms and verdicts serialize beside their types.

use std::fmt;

use serde::Deserializer;

use crate::error::PolicyError;
use crate::policy::Policy;

pub use source::SourceError;

mod read;
#[cfg(test)]
mod schema;
mod source;
mod values;
mod write;

/// Why a policy document could not be loaded by
/// [`Policy::from_deserializer`]: the typed [`PolicyError`] when the
/// document was read but is not a valid policy, beside the format's own
/// error, which knows where in the document the mistake is.
///
/// Its `Display` is the format's message, which holds the policy error's
/// message and, for formats that track it, the line and column.
#[derive(Debug)]
#[non_exhaustive]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub enum LoadError<E> {
    /// The document is not a valid policy: `error` says what is wrong and
    /// where in the policy; `format` is the same mistake as the format
    /// reports it, with its position when the format tracks one (such as
    /// `serde_json::Error::line`, or `toml::de::Error::span`).
    Invalid {
        /// What is wrong, and where in the policy.
        error: PolicyError,
        /// The format's error for the same mistake.
        format: E,
    },
    /// The format could not read the document: a syntax error, say.
    Format(E),
}

impl<E> LoadError<E> {
    /// The policy error, when the document was read but is not a valid
    /// policy.
    pub fn policy_error(&self) -> Option<&PolicyError> {
        match self {
            LoadError::Invalid { error, .. } => Some(error),
            LoadError::Format(_) => None,
        }
    }

    /// The format's error, which knows where in the document the mistake
    /// is.
    pub fn format_error(&self) -> &E {
        match self {
            LoadError::Invalid { format, .. } | LoadError::Format(format) => format,
        }
    }
}

impl<E: fmt::Display> fmt::Display for LoadError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.format_error().fmt(f)
    }
}

/// A load error serializes as data: `{"kind": "invalid", "error": …,
/// "message": …}` with the [`PolicyError`] (its location, field and kind)
/// and the format's message, which holds the line and column when the
/// format tracks them; or `{"kind": "format", "message": …}`.
///
/// ```
/// use acquaint::Policy;
///
/// let doc = r#"{"fallback": "maybe"}"#;
/// let err = Policy::from_deserializer(&mut serde_json::Deserializer::from_str(doc))
///     .unwrap_err();
/// let data = serde_json::to_value(&err)?;
/// assert_eq!(data["kind"], "invalid");
/// assert_eq!(data["error"]["field"], "fallback");
/// assert_eq!(data["error"]["kind"]["kind"], "unknown-name");
/// assert_eq!(data["error"]["kind"]["name-kind"], "decision");
/// let message = data["message"].as_str().unwrap();
/// assert!(message.contains("policy: field `fallback`") && message.contains("line 1"), "{message}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<E: fmt::Display> serde::Serialize for LoadError<E> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        let mut map = s.serialize_map(None)?;
        match self {
            LoadError::Invalid { error, format } => {
                map.serialize_entry("kind", "invalid")?;
                map.serialize_entry("error", error)?;
                map.serialize_entry("message", &format.to_string())?;
            }
            LoadError::Format(format) => {
                map.serialize_entry("kind", "format")?;
                map.serialize_entry("message", &format.to_string())?;
            }
        }
        map.end()
    }
}

impl<E: std::error::Error + 'static> std::error::Error for LoadError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Invalid { error, .. } => Some(error),
            LoadError::Format(format) => Some(format),
        }
    }
}

impl Policy {
    /// Loads a policy document with any serde format, and gives back the
    /// typed [`PolicyError`] of a mistake, not only its message.
    ///
    /// `Deserialize for Policy` loads the same documents, but a format's
    /// error type keeps only the message of acquaint's error; this keeps
    /// both. Every key a document may hold, with the same policy in TOML,
    /// JSON and YAML, is in [`policy_format`](crate::policy_format).
    ///
    /// ```
    /// use acquaint::{Policy, PolicyErrorKind};
    ///
    /// let doc = r#"{
    ///   "rules": [{ "id": "x", "decision": "maybe", "reason": "" }]
    /// }"#;
    /// let err = Policy::from_deserializer(&mut serde_json::Deserializer::from_str(doc))
    ///     .unwrap_err();
    /// let policy_error = err.policy_error().unwrap();
    /// assert_eq!(policy_error.rule_id(), Some("x"));
    /// assert_eq!(policy_error.field(), "decision");
    /// assert!(matches!(policy_error.kind(), PolicyErrorKind::UnknownName(_)));
    /// assert_eq!(err.format_error().line(), 2);
    /// ```
    ///
    /// # Errors
    ///
    /// [`LoadError::Invalid`] when the document is not a valid policy, and
    /// [`LoadError::Format`] when the format cannot read it.
    #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
    pub fn from_deserializer<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Policy, LoadError<D::Error>> {
        values::forget_raised();
        let result = <Policy as serde::Deserialize>::deserialize(d);
        let raised = values::take_raised();
        result.map_err(|format| match raised {
            Some(error) => LoadError::Invalid { error, format },
            None => LoadError::Format(format),
        })
    }
}

// Direction and views parse through `FromStr` in conditions; make sure the
// derive and the parser agree on names.
#[cfg(test)]
mod tests {
    use crate::contact::{Acquaintance, View};
    use crate::decision::Decision;
    use crate::platform::Direction;

    #[test]
    fn derived_names_match_from_str() {
        for d in Direction::ALL {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{d}\""));
        }
        for v in View::ALL {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{v}\""));
        }
        for a in Acquaintance::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{a}\""));
        }
        for d in Decision::ALL {
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{d}\""));
        }
    }
}
