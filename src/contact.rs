//! What I know about the other person.

use std::fmt;
use std::str::FromStr;

use crate::error::{NameKind, ParseError};
#[cfg(feature = "serde")]
use crate::names::{ContactField, Name};
#[cfg(feature = "serde")]
use crate::text::Folded;
use crate::text::{FoldedSet, fold};

/// How well we know each other: the closest we have come.
///
/// Working together in person implies having met in person; having met
/// implies having spoken.
///
/// ```
/// use acquaint::Acquaintance;
///
/// let a: Acquaintance = "worked-remotely".parse()?;
/// assert!(a.worked_together() && !a.met_in_person());
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Acquaintance {
    /// We have never met, spoken or worked together.
    #[default]
    Never,
    /// We have only spoken or messaged (this does not count as having met).
    Spoken,
    /// We have met in person: at an event, a meeting, a conference.
    MetInPerson,
    /// We have worked together remotely.
    WorkedRemotely,
    /// We have worked together in person.
    WorkedInPerson,
}

impl Acquaintance {
    /// Every acquaintance, from the weakest to the strongest.
    pub const ALL: [Acquaintance; 5] = [
        Acquaintance::Never,
        Acquaintance::Spoken,
        Acquaintance::MetInPerson,
        Acquaintance::WorkedRemotely,
        Acquaintance::WorkedInPerson,
    ];

    /// We have met in person (working together in person counts).
    #[inline]
    pub fn met_in_person(self) -> bool {
        matches!(
            self,
            Acquaintance::MetInPerson | Acquaintance::WorkedInPerson
        )
    }

    /// We have worked together, in person or remotely.
    #[inline]
    pub fn worked_together(self) -> bool {
        matches!(
            self,
            Acquaintance::WorkedRemotely | Acquaintance::WorkedInPerson
        )
    }

    /// We have at least spoken or messaged: anything but [`Acquaintance::Never`].
    #[inline]
    pub fn spoke_with(self) -> bool {
        self != Acquaintance::Never
    }

    /// Met in person or worked together (remotely too): what LinkedIn
    /// asks for, and so wider than [`Acquaintance::met_in_person`], which
    /// is false for `worked-remotely`. It is `met-in-person = true` or
    /// `worked-together = true` in a condition.
    ///
    /// ```
    /// use acquaint::Acquaintance;
    ///
    /// let remote = Acquaintance::WorkedRemotely;
    /// assert!(remote.has_met() && remote.worked_together() && !remote.met_in_person());
    /// ```
    #[inline]
    pub fn has_met(self) -> bool {
        self.met_in_person() || self.worked_together()
    }

    /// How a verdict's explanation says it, such as "you have met in
    /// person".
    pub(crate) fn phrase(self) -> &'static str {
        match self {
            Acquaintance::Never => "you have never met, spoken or worked together",
            Acquaintance::Spoken => "you have only spoken or messaged, which is not meeting",
            Acquaintance::MetInPerson => "you have met in person",
            Acquaintance::WorkedRemotely => "you have worked together remotely",
            Acquaintance::WorkedInPerson => "you have worked together in person",
        }
    }

    /// The name as written in data, such as `met-in-person`.
    pub fn as_str(self) -> &'static str {
        match self {
            Acquaintance::Never => "never",
            Acquaintance::Spoken => "spoken",
            Acquaintance::MetInPerson => "met-in-person",
            Acquaintance::WorkedRemotely => "worked-remotely",
            Acquaintance::WorkedInPerson => "worked-in-person",
        }
    }
}

crate::names::serde_by_name!(Acquaintance);

impl fmt::Display for Acquaintance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Acquaintance {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        Acquaintance::ALL
            .into_iter()
            .find(|a| a.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ParseError::new(
                    NameKind::Acquaintance,
                    s,
                    "`never`, `spoken`, `met-in-person`, `worked-remotely` or `worked-in-person`",
                    Acquaintance::ALL.map(Acquaintance::as_str),
                )
            })
    }
}

/// What one of us would say of the other's professional ability, if someone
/// asked.
///
/// ```
/// use acquaint::View;
///
/// assert_eq!("Positive".parse::<View>()?, View::Positive);
/// assert_eq!(View::default(), View::Unknown);
/// # Ok::<(), acquaint::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum View {
    /// Would speak negatively.
    Negative,
    /// Knows the name, not the work.
    #[default]
    Unknown,
    /// Would speak positively.
    Positive,
}

impl View {
    /// Every view, from the worst to the best.
    pub const ALL: [View; 3] = [View::Negative, View::Unknown, View::Positive];

    /// The name as written in data: `positive`, `unknown` or `negative`.
    pub fn as_str(self) -> &'static str {
        match self {
            View::Positive => "positive",
            View::Unknown => "unknown",
            View::Negative => "negative",
        }
    }
}

crate::names::serde_by_name!(View);

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for View {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim();
        View::ALL
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ParseError::new(
                    NameKind::View,
                    s,
                    "`positive`, `unknown` or `negative`",
                    View::ALL.map(View::as_str),
                )
            })
    }
}

/// What I know about the other person.
///
/// Build one with [`Contact::new`] and the chained `with_*` setters, or
/// deserialize one (with the default `serde` feature). Profession, passions
/// and tags are compared case-insensitively, so they are stored trimmed and
/// in lowercase when they are set, not on every evaluation.
///
/// # In data
///
/// With the `serde` feature a contact reads from and writes to any serde
/// format, with these fields, every one optional:
///
/// | field | value | default |
/// |---|---|---|
/// | `name` | their name, as given | `""` |
/// | `acquaintance` | `never`, `spoken`, `met-in-person`, `worked-remotely` or `worked-in-person` | `never` |
/// | `my-view`, `their-view` | `positive`, `unknown` or `negative` | `unknown` |
/// | `recruiter`, `friend`, `star`, `facebook-friend` | `true` or `false` | `false` |
/// | `profession` | a string | none |
/// | `passions`, `tags` | lists of strings | `[]` |
/// | `mutual-connections` | a whole number | `0` |
/// | `message` | the note with their invitation | none |
///
/// Names are read in any case and written in lowercase; an unknown field is
/// an error. A contact with no name is allowed: its verdicts read the same,
/// and a suggested reply then starts "Hi," with no name.
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use acquaint::{Acquaintance, Contact, View};
///
/// let grace: Contact = serde_json::from_str(r#"{
///     "name": "Grace Hopper",
///     "acquaintance": "worked-in-person",
///     "my-view": "positive",
///     "their-view": "positive",
///     "tags": ["Navy"]
/// }"#)?;
/// assert_eq!(grace.acquaintance(), Acquaintance::WorkedInPerson);
/// assert!(grace.has_tag("navy"));
/// assert!(serde_json::from_str::<Contact>(r#"{ "nmae": "Grace" }"#).is_err());
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// In code:
///
/// ```
/// use acquaint::{Acquaintance, Contact, View};
///
/// let ada = Contact::new("Ada Lovelace")
///     .with_acquaintance(Acquaintance::WorkedInPerson)
///     .with_my_view(View::Positive)
///     .with_their_view(View::Positive)
///     .with_profession("Mathematician")
///     .with_passion("Engines");
/// assert_eq!(ada.profession(), Some("mathematician"));
/// assert!(ada.has_passion("engines"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Contact {
    pub(crate) name: String,
    /// Kept in place, not in `extras`: Twitter's rules read it first, and
    /// a contact stays one cache line.
    profession: Option<Box<str>>,
    /// The lists and the message, boxed: most contacts a host builds carry
    /// none, and then a contact is 64 bytes, needs no heap memory, and
    /// dropping it checks three words. `None` whenever every one is unset,
    /// so that equal contacts compare and hash equal.
    extras: Option<Box<Extras>>,
    pub(crate) mutual_connections: u32,
    pub(crate) acquaintance: Acquaintance,
    pub(crate) my_view: View,
    pub(crate) their_view: View,
    pub(crate) recruiter: bool,
    pub(crate) friend: bool,
    pub(crate) star: bool,
    pub(crate) facebook_friend: bool,
}

/// The lists and message of a contact. Only made when something is added,
/// and nothing is ever removed, so an empty one never exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
struct Extras {
    passions: FoldedSet,
    tags: FoldedSet,
    message: Option<String>,
}

/// Read by contacts that carry no strings.
static NO_NAMES: FoldedSet = FoldedSet::new();

impl Contact {
    /// A stranger with this name: never met, views unknown, no other facts.
    pub fn new(name: impl Into<String>) -> Contact {
        Contact {
            name: name.into(),
            ..Contact::default()
        }
    }

    /// Sets their name, keeping every other fact.
    ///
    /// Useful when what you know of a person is kept apart from their name,
    /// as in a file keyed by profile URL: the name then comes from the
    /// invitation.
    ///
    /// ```
    /// use acquaint::{Acquaintance, Contact};
    ///
    /// let known: Contact = Contact::default().with_acquaintance(Acquaintance::MetInPerson);
    /// let ada = known.with_name("Ada Lovelace");
    /// assert_eq!(ada.name(), "Ada Lovelace");
    /// assert_eq!(ada.acquaintance(), Acquaintance::MetInPerson);
    /// ```
    #[must_use]
    pub fn with_name(mut self, name: impl Into<String>) -> Contact {
        self.name = name.into();
        self
    }

    /// Sets how we know each other.
    #[inline]
    #[must_use]
    pub fn with_acquaintance(mut self, acquaintance: Acquaintance) -> Contact {
        self.acquaintance = acquaintance;
        self
    }

    /// Sets what I would say of their professional ability.
    #[inline]
    #[must_use]
    pub fn with_my_view(mut self, view: View) -> Contact {
        self.my_view = view;
        self
    }

    /// Sets what they would say of my professional ability.
    #[inline]
    #[must_use]
    pub fn with_their_view(mut self, view: View) -> Contact {
        self.their_view = view;
        self
    }

    /// Sets whether they are a recruiter.
    #[inline]
    #[must_use]
    pub fn with_recruiter(mut self, recruiter: bool) -> Contact {
        self.recruiter = recruiter;
        self
    }

    /// Sets whether they are a personal friend.
    #[inline]
    #[must_use]
    pub fn with_friend(mut self, friend: bool) -> Contact {
        self.friend = friend;
        self
    }

    /// Sets whether they are a star of their field.
    #[inline]
    #[must_use]
    pub fn with_star(mut self, star: bool) -> Contact {
        self.star = star;
        self
    }

    /// Sets their profession, replacing any set before: a contact has one
    /// (a blank string clears it). Passions and tags, of which a contact
    /// has many, are added one at a time instead.
    ///
    /// ```
    /// use acquaint::Contact;
    ///
    /// let c = Contact::new("Ada").with_profession("Nurse").with_profession("Pilot");
    /// assert_eq!(c.profession(), Some("pilot"));
    /// let c = c.with_passion("chess").with_passion("climbing");
    /// assert_eq!(c.passions().collect::<Vec<_>>(), ["chess", "climbing"]);
    /// ```
    #[must_use]
    pub fn with_profession(mut self, profession: impl AsRef<str>) -> Contact {
        self.profession = fold(profession.as_ref());
        self
    }

    /// Adds a passion or interest of theirs to those set before (blank
    /// strings and repeats are ignored).
    #[must_use]
    pub fn with_passion(mut self, passion: impl AsRef<str>) -> Contact {
        if let Some(folded) = fold(passion.as_ref()) {
            self.extras_mut().passions.insert_folded(folded);
        }
        self
    }

    /// Adds a free-form tag for user rules to those set before (blank
    /// strings and repeats are ignored).
    #[must_use]
    pub fn with_tag(mut self, tag: impl AsRef<str>) -> Contact {
        if let Some(folded) = fold(tag.as_ref()) {
            self.extras_mut().tags.insert_folded(folded);
        }
        self
    }

    /// Sets whether we are friends on Facebook. This never sways a LinkedIn
    /// decision of the default policy.
    #[inline]
    #[must_use]
    pub fn with_facebook_friend(mut self, facebook_friend: bool) -> Contact {
        self.facebook_friend = facebook_friend;
        self
    }

    /// Sets how many connections we share. This never sways a LinkedIn
    /// decision of the default policy.
    #[inline]
    #[must_use]
    pub fn with_mutual_connections(mut self, count: u32) -> Contact {
        self.mutual_connections = count;
        self
    }

    /// Sets the message that came with their invitation. No built-in rule
    /// reads it: politeness is not a reason.
    #[must_use]
    pub fn with_message(mut self, message: impl Into<String>) -> Contact {
        self.extras_mut().message = Some(message.into());
        self
    }

    fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }

    /// Their name, as given.
    #[inline]
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How we know each other.
    #[inline]
    pub fn acquaintance(&self) -> Acquaintance {
        self.acquaintance
    }

    /// What I would say of their professional ability.
    #[inline]
    pub fn my_view(&self) -> View {
        self.my_view
    }

    /// What they would say of mine.
    #[inline]
    pub fn their_view(&self) -> View {
        self.their_view
    }

    /// Whether they are a recruiter.
    #[inline]
    pub fn is_recruiter(&self) -> bool {
        self.recruiter
    }

    /// Whether they are a personal friend.
    #[inline]
    pub fn is_friend(&self) -> bool {
        self.friend
    }

    /// Whether they are a star of their field.
    #[inline]
    pub fn is_star(&self) -> bool {
        self.star
    }

    /// Their profession, trimmed and in lowercase.
    #[inline]
    pub fn profession(&self) -> Option<&str> {
        self.profession.as_deref()
    }

    /// Their passions, trimmed and in lowercase, in the order added.
    #[inline]
    pub fn passions(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.passion_set().iter()
    }

    /// Their tags, trimmed and in lowercase, in the order added.
    #[inline]
    pub fn tags(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.tag_set().iter()
    }

    /// Whether they have this passion (case-insensitive).
    pub fn has_passion(&self, passion: &str) -> bool {
        self.passion_set().contains_any_case(passion)
    }

    /// Whether they carry this tag (case-insensitive).
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tag_set().contains_any_case(tag)
    }

    /// Whether we are friends on Facebook.
    #[inline]
    pub fn is_facebook_friend(&self) -> bool {
        self.facebook_friend
    }

    /// How many connections we share.
    #[inline]
    pub fn mutual_connections(&self) -> u32 {
        self.mutual_connections
    }

    /// The message that came with their invitation, if any.
    #[inline]
    pub fn message(&self) -> Option<&str> {
        self.extras.as_ref()?.message.as_deref()
    }

    /// Their passions, folded, for rules that match them.
    #[inline]
    pub(crate) fn passion_set(&self) -> &FoldedSet {
        self.extras.as_ref().map_or(&NO_NAMES, |e| &e.passions)
    }

    /// Their tags, folded, for rules that match them.
    #[inline]
    pub(crate) fn tag_set(&self) -> &FoldedSet {
        self.extras.as_ref().map_or(&NO_NAMES, |e| &e.tags)
    }
}

/// Every fact, as if each string were a field of the contact's own.
impl fmt::Debug for Contact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Every field named, so that a new one is a compiler error here;
        // the boxed strings show as fields of their own.
        let Contact {
            name,
            profession,
            extras: _,
            mutual_connections,
            acquaintance,
            my_view,
            their_view,
            recruiter,
            friend,
            star,
            facebook_friend,
        } = self;
        f.debug_struct("Contact")
            .field("name", name)
            .field("acquaintance", acquaintance)
            .field("my_view", my_view)
            .field("their_view", their_view)
            .field("recruiter", recruiter)
            .field("friend", friend)
            .field("star", star)
            .field("profession", &profession.as_deref())
            .field("passions", self.passion_set())
            .field("tags", self.tag_set())
            .field("facebook_friend", facebook_friend)
            .field("mutual_connections", mutual_connections)
            .field("message", &self.message())
            .finish()
    }
}

/// A contact serializes with the fields listed in [`Contact`]'s docs, in
/// that order; left out are a profession or a message it does not have.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl serde::Serialize for Contact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;

        let mut m = s.serialize_struct("Contact", ContactField::ALL.len())?;
        for field in ContactField::ALL {
            let key = field.name();
            match field {
                ContactField::Name => m.serialize_field(key, &self.name)?,
                ContactField::Acquaintance => m.serialize_field(key, &self.acquaintance)?,
                ContactField::MyView => m.serialize_field(key, &self.my_view)?,
                ContactField::TheirView => m.serialize_field(key, &self.their_view)?,
                ContactField::Recruiter => m.serialize_field(key, &self.recruiter)?,
                ContactField::Friend => m.serialize_field(key, &self.friend)?,
                ContactField::Star => m.serialize_field(key, &self.star)?,
                ContactField::Profession => match self.profession() {
                    Some(p) => m.serialize_field(key, p)?,
                    None => m.skip_field(key)?,
                },
                ContactField::Passions => m.serialize_field(key, self.passion_set())?,
                ContactField::Tags => m.serialize_field(key, self.tag_set())?,
                ContactField::FacebookFriend => m.serialize_field(key, &self.facebook_friend)?,
                ContactField::MutualConnections => {
                    m.serialize_field(key, &self.mutual_connections)?
                }
                ContactField::Message => match self.message() {
                    Some(text) => m.serialize_field(key, text)?,
                    None => m.skip_field(key)?,
                },
            }
        }
        m.end()
    }
}

/// A contact reads from a table of the fields listed in [`Contact`]'s docs,
/// every one optional; an unknown field or one given twice is an error.
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
impl<'de> serde::Deserialize<'de> for Contact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_struct("Contact", ContactField::NAMES, ContactVisitor)
    }
}

/// Where the values of a contact's fields come from: plain serde, or a
/// policy document, whose errors name the example and the field.
#[cfg(feature = "serde")]
pub(crate) trait ContactValues<'de> {
    type Error;

    /// The value of `field`.
    fn value<T: serde::Deserialize<'de>>(&mut self, field: ContactField) -> Result<T, Self::Error>;

    /// The name `field` holds (an acquaintance, a view), or `None` when the
    /// mistake in it was kept to be raised later.
    fn name<T>(&mut self, field: ContactField) -> Result<Option<T>, Self::Error>
    where
        T: FromStr<Err = ParseError> + serde::Deserialize<'de>;
}

#[cfg(feature = "serde")]
impl Contact {
    /// Reads the value of one field into the contact: the one place that
    /// says what each field holds.
    pub(crate) fn read_field<'de, V: ContactValues<'de>>(
        &mut self,
        field: ContactField,
        values: &mut V,
    ) -> Result<(), V::Error> {
        match field {
            ContactField::Name => self.name = values.value(field)?,
            ContactField::Acquaintance => {
                if let Some(a) = values.name(field)? {
                    self.acquaintance = a;
                }
            }
            ContactField::MyView => {
                if let Some(v) = values.name(field)? {
                    self.my_view = v;
                }
            }
            ContactField::TheirView => {
                if let Some(v) = values.name(field)? {
                    self.their_view = v;
                }
            }
            ContactField::Recruiter => self.recruiter = values.value(field)?,
            ContactField::Friend => self.friend = values.value(field)?,
            ContactField::Star => self.star = values.value(field)?,
            // Strings are folded as they are read: no copy before folding.
            ContactField::Profession => {
                self.profession = values.value::<Folded>(field)?.0;
            }
            ContactField::Passions => {
                let passions: FoldedSet = values.value(field)?;
                if !passions.is_empty() {
                    self.extras_mut().passions.append(passions);
                }
            }
            ContactField::Tags => {
                let tags: FoldedSet = values.value(field)?;
                if !tags.is_empty() {
                    self.extras_mut().tags.append(tags);
                }
            }
            ContactField::FacebookFriend => self.facebook_friend = values.value(field)?,
            ContactField::MutualConnections => self.mutual_connections = values.value(field)?,
            ContactField::Message => {
                if let Some(message) = values.value::<Option<String>>(field)? {
                    self.extras_mut().message = Some(message);
                }
            }
        }
        Ok(())
    }
}

/// A contact's values read with serde alone.
#[cfg(feature = "serde")]
struct PlainValues<'m, A>(&'m mut A);

#[cfg(feature = "serde")]
impl<'de, A: serde::de::MapAccess<'de>> ContactValues<'de> for PlainValues<'_, A> {
    type Error = A::Error;

    fn value<T: serde::Deserialize<'de>>(&mut self, _: ContactField) -> Result<T, A::Error> {
        self.0.next_value()
    }

    fn name<T>(&mut self, _: ContactField) -> Result<Option<T>, A::Error>
    where
        T: FromStr<Err = ParseError> + serde::Deserialize<'de>,
    {
        self.0.next_value().map(Some)
    }
}

#[cfg(feature = "serde")]
struct ContactVisitor;

#[cfg(feature = "serde")]
impl<'de> serde::de::Visitor<'de> for ContactVisitor {
    type Value = Contact;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a contact table")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Contact, A::Error> {
        use serde::de::Error;

        let mut c = Contact::default();
        let mut seen = [false; ContactField::ALL.len()];
        while let Some(FieldKey(field)) = map.next_key()? {
            if std::mem::replace(&mut seen[field as usize], true) {
                return Err(A::Error::duplicate_field(field.name()));
            }
            c.read_field(field, &mut PlainValues(&mut map))?;
        }
        Ok(c)
    }
}

/// A contact's field name, read from the string the format holds without
/// a copy of its own.
#[cfg(feature = "serde")]
struct FieldKey(ContactField);

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for FieldKey {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Key;
        impl serde::de::Visitor<'_> for Key {
            type Value = FieldKey;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a contact field")
            }

            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<FieldKey, E> {
                ContactField::from_name(key)
                    .map(FieldKey)
                    .ok_or_else(|| E::unknown_field(key, ContactField::NAMES))
            }
        }
        d.deserialize_identifier(Key)
    }
}

/// Every contact of finite facts: each acquaintance, pair of views and
/// combination of the four flags, named `A`; for tests that try them all.
#[cfg(test)]
pub(crate) fn every_finite_contact() -> impl Iterator<Item = Contact> {
    Acquaintance::ALL.into_iter().flat_map(|acquaintance| {
        View::ALL.into_iter().flat_map(move |mine| {
            View::ALL.into_iter().flat_map(move |theirs| {
                (0..16).map(move |flags| {
                    Contact::new("A")
                        .with_acquaintance(acquaintance)
                        .with_my_view(mine)
                        .with_their_view(theirs)
                        .with_recruiter(flags & 1 != 0)
                        .with_friend(flags & 2 != 0)
                        .with_star(flags & 4 != 0)
                        .with_facebook_friend(flags & 8 != 0)
                })
            })
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_folded_once() {
        let c = Contact::new("A")
            .with_profession("  Software Engineer ")
            .with_passion("Animals")
            .with_passion("animals ")
            .with_passion("   ")
            .with_tag("VIP");
        assert_eq!(c.profession(), Some("software engineer"));
        assert_eq!(c.passions().collect::<Vec<_>>(), ["animals"]);
        assert!(c.has_tag("vip") && c.has_tag(" Vip ") && !c.has_tag("vi"));
        assert!(c.has_passion("ANIMALS") && !c.has_tag("") && !c.has_tag("  "));
        // Only the passions it holds, and none without any.
        assert!(!c.has_passion("vip") && !c.has_passion("animal") && !c.has_passion(""));
        assert!(!Contact::new("C").has_passion("animals"));
        let c = Contact::new("B").with_tag("Straße").with_tag("ÉCOLE");
        // Full case folding: "ß" is "ss"; accents stay.
        assert!(c.has_tag("STRASSE") && c.has_tag("strasse"));
        assert_eq!(c.tags().collect::<Vec<_>>(), ["strasse", "école"]);
        assert!(c.has_tag("straße") && c.has_tag("École") && !c.has_tag("ecole"));
        assert_eq!(Contact::new("A").with_profession(" ").profession(), None);
    }

    #[test]
    fn a_contact_without_strings_holds_no_heap_memory() {
        // One cache line.
        assert!(std::mem::size_of::<Contact>() <= 64);
        let c = Contact::default()
            .with_recruiter(true)
            .with_profession("  ")
            .with_passion(" ")
            .with_tag("");
        assert!(c.extras.is_none() && c.profession.is_none());
        assert_eq!(c, Contact::default().with_recruiter(true));
    }

    #[test]
    fn acquaintance_predicates() {
        use Acquaintance::*;
        let met: Vec<_> = Acquaintance::ALL.iter().map(|a| a.has_met()).collect();
        assert_eq!(met, [false, false, true, true, true]);
        assert!(!WorkedRemotely.met_in_person());
        assert!(Spoken.spoke_with() && !Never.spoke_with());
    }
}
