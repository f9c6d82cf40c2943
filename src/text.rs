//! Small helpers for the text acquaint stores and writes: folding names
//! for case-insensitive matching, and joining phrases into sentences.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Trims a name and folds its case by Unicode's full case folding
/// (`CaseFolding.txt`), so that matching is case-insensitive the way a
/// person reads it: `Straße` is `STRASSE`, `ﬁlm` is `FILM`; `None` when
/// nothing is left.
pub(crate) fn fold(s: &str) -> Option<Box<str>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    // ASCII folds to its lowercase, without the tables.
    let folded = if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(s)
    };
    Some(folded.into_boxed_str())
}

/// Names folded for case-insensitive matching, without repeats, in the
/// order they were added.
///
/// A small set is searched in place; past [`FoldedSet::INDEXED`] names it
/// keeps a hash index too, so that adding or finding among `n` names costs
/// about `n` in all, not `n²`, and an empty set holds no heap memory.
#[derive(Clone, Default)]
pub(crate) struct FoldedSet {
    items: Vec<Box<str>>,
    // Boxed: a set too small to need an index, the usual case, costs one
    // word here rather than a whole empty `HashSet`.
    #[allow(clippy::box_collection)]
    /// Each name's place in `items`.
    index: Option<Box<HashMap<Box<str>, usize>>>,
}

impl FoldedSet {
    /// How many names a set searches in place before it keeps an index.
    const INDEXED: usize = 16;

    /// An empty set, which holds no heap memory.
    pub(crate) const fn new() -> FoldedSet {
        FoldedSet {
            items: Vec::new(),
            index: None,
        }
    }

    /// Adds `item`, folded, unless it is blank or already there.
    pub(crate) fn insert(&mut self, item: &str) {
        if let Some(item) = fold(item) {
            self.insert_folded(item);
        }
    }

    /// Adds an item already folded, unless it is already there.
    pub(crate) fn insert_folded(&mut self, item: Box<str>) {
        if self.contains(&item) {
            return;
        }
        let at = self.items.len();
        match &mut self.index {
            Some(index) => {
                index.insert(item.clone(), at);
            }
            None if at >= Self::INDEXED => {
                let mut index: HashMap<Box<str>, usize> = self
                    .items
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, x)| (x, i))
                    .collect();
                index.insert(item.clone(), at);
                self.index = Some(Box::new(index));
            }
            None => {}
        }
        self.items.push(item);
    }

    /// Whether the set holds `item`, which must be folded already.
    #[inline]
    pub(crate) fn contains(&self, item: &str) -> bool {
        self.position(item).is_some()
    }

    /// Where the set holds `item`, which must be folded already, in the
    /// order added.
    #[inline]
    pub(crate) fn position(&self, item: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(item).copied(),
            None => self.items.iter().position(|x| **x == *item),
        }
    }

    /// The name at `at`, in the order added.
    #[inline]
    pub(crate) fn get(&self, at: usize) -> Option<&str> {
        self.items.get(at).map(|x| &**x)
    }

    /// Whether the set holds `item`, in any case and with any surrounding
    /// space, without allocating when both are small and ASCII.
    pub(crate) fn contains_any_case(&self, item: &str) -> bool {
        let item = item.trim();
        if item.is_ascii() && self.index.is_none() {
            return self.items.iter().any(|x| x.eq_ignore_ascii_case(item));
        }
        fold(item).is_some_and(|item| self.contains(&item))
    }

    /// The names, in the order added.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.items.iter().map(|x| &**x)
    }

    /// Adds every name of `other`, in order, unless already there.
    #[cfg(feature = "serde")]
    pub(crate) fn append(&mut self, other: FoldedSet) {
        if self.items.is_empty() {
            *self = other;
        } else {
            for item in other.items {
                self.insert_folded(item);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    #[cfg(feature = "serde")]
    pub(crate) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

// The index only speeds up lookups: two sets are the same when their names
// are, in the same order.
impl PartialEq for FoldedSet {
    fn eq(&self, other: &Self) -> bool {
        self.items == other.items
    }
}

impl Eq for FoldedSet {}

impl Hash for FoldedSet {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.items.hash(state);
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for FoldedSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Reads a list of names straight into a set, folding each from the string
/// the format holds: one allocation per name, as a `Vec<String>` makes.
#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FoldedSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Names;
        impl<'de> serde::de::Visitor<'de> for Names {
            type Value = FoldedSet;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<FoldedSet, A::Error> {
                let mut set = FoldedSet::new();
                while let Some(Folded(name)) = seq.next_element()? {
                    if let Some(name) = name {
                        set.insert_folded(name);
                    }
                }
                Ok(set)
            }
        }
        d.deserialize_seq(Names)
    }
}

/// A name read and folded without a copy of its own (see [`fold`]): `None`
/// when blank.
#[cfg(feature = "serde")]
pub(crate) struct Folded(pub(crate) Option<Box<str>>);

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Folded {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl serde::de::Visitor<'_> for Name {
            type Value = Folded;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Folded, E> {
                Ok(Folded(fold(name)))
            }
        }
        d.deserialize_str(Name)
    }
}

impl fmt::Debug for FoldedSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
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

/// Text from a contact as the library writes it into its own: without the
/// bidirectional controls that could reorder the text after it, at most
/// `max` characters, and empty when no character of it is visible.
pub(crate) fn inert(text: &str, max: usize) -> Cow<'_, str> {
    let text = text.trim();
    if !visible(text) {
        return Cow::Borrowed("");
    }
    let short = match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].trim_end(),
        None => text,
    };
    if short.chars().any(bidi_control) {
        Cow::Owned(short.chars().filter(|c| !bidi_control(*c)).collect())
    } else {
        Cow::Borrowed(short)
    }
}

/// Whether any character of `text` shows.
pub(crate) fn visible(text: &str) -> bool {
    text.chars().any(|c| !invisible(c))
}

/// The controls that change the direction of the text around them.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether a character shows nothing: white space, or one of Unicode's
/// default-ignorable code points (zero-width spaces and joiners, format
/// and bidirectional controls, variation selectors, fillers, tags).
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'..='\u{1160}'
                | '\u{17B4}'..='\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFF8}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
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

    #[test]
    fn folded_sets_keep_order_and_find_past_the_index_threshold() {
        let mut small = FoldedSet::default();
        let mut large = FoldedSet::default();
        for i in 0..100 {
            large.insert(&format!(" Tag{i} "));
            large.insert(&format!("TAG{i}"));
            if i < 3 {
                small.insert(&format!("Tag{i}"));
            }
        }
        assert_eq!(large.len(), 100);
        assert!(large.index.is_some() && small.index.is_none());
        assert_eq!(large.iter().nth(42), Some("tag42"));
        for set in [&small, &large] {
            assert!(set.contains("tag2") && !set.contains("Tag2") && !set.contains("tag"));
            assert!(set.contains_any_case(" TAG2 ") && !set.contains_any_case("  "));
        }
        let mut again = FoldedSet::default();
        for name in large.iter() {
            again.insert(name);
        }
        assert_eq!(again, large);
    }
}
