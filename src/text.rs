//! Small helpers for the text acquaint stores and writes: folding names
//! for case-insensitive matching, and joining phrases into sentences.

/// Trims and lowercases a name so that matching is case-insensitive; `None`
/// when nothing is left.
pub(crate) fn fold(s: &str) -> Option<Box<str>> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_lowercase().into_boxed_str())
}

/// Adds `item`, folded, unless it is blank or already there.
pub(crate) fn push_folded(list: &mut Vec<Box<str>>, item: &str) {
    if let Some(item) = fold(item) {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// Joins phrases as "a", "a and b", "a, b and c".
pub(crate) fn join<S: AsRef<str>>(parts: &[S]) -> String {
    join_with(parts, " and ")
}

/// Joins phrases as "a", "a{last}b", "a, b{last}c".
pub(crate) fn join_with<S: AsRef<str>>(parts: &[S], last: &str) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == parts.len() { last } else { ", " });
        }
        out.push_str(part.as_ref());
    }
    out
}

/// The phrase with its first letter in uppercase.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// At most `n` characters of `s`: names echoed in messages may come from a
/// file of any size.
pub(crate) fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_reads_naturally() {
        let s = |v: &[&str]| join(v);
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["a"]), "a");
        assert_eq!(s(&["a", "b"]), "a and b");
        assert_eq!(s(&["a", "b", "c"]), "a, b and c");
    }
}
