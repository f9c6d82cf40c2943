//! The names a person types in a policy document, each defined once: the
//! policy's fields, a rule's fields and the condition keys.
//!
//! Every place that parses, prints, describes or suggests one of these
//! names goes through the enums here, and matches on them without a
//! catch-all arm, so that adding a name is a list of compiler errors.

/// Serializes a name type as its name, in lowercase, and reads it in any
/// case and with any surrounding space, through `as_str` and `FromStr`: one
/// rule for every name, in policy files, contacts and verdicts alike.
macro_rules! serde_by_name {
    ($($ty:ty),+) => {$(
        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        #[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_str($crate::names::ByName(std::marker::PhantomData))
            }
        }
    )+};
}

/// Reads a name from the string the format holds, borrowed or not, with
/// no copy of its own: a contact read from JSON allocates nothing for its
/// acquaintance or views.
#[cfg(feature = "serde")]
pub(crate) struct ByName<T>(pub(crate) std::marker::PhantomData<T>);

#[cfg(feature = "serde")]
impl<T> serde::de::Visitor<'_> for ByName<T>
where
    T: std::str::FromStr<Err = crate::error::ParseError>,
{
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<T, E> {
        name.parse().map_err(E::custom)
    }
}
pub(crate) use serde_by_name;

/// A vocabulary of names a person types.
pub(crate) trait Name: Copy + PartialEq + 'static {
    /// Every name, in the order documents and messages list them.
    const ALL: &'static [Self];

    /// Every name as written, in the same order: what serde's
    /// `deserialize_struct` and `unknown_field` take.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // Used by serde impls.
    const NAMES: &'static [&'static str];

    /// The name as written in a policy document.
    fn name(self) -> &'static str;

    /// What the name means, from its doc comment: the description the
    /// policy document's JSON Schema shows in an editor.
    #[cfg(all(test, feature = "serde"))]
    fn description(self) -> &'static str;

    /// The one with this name, as written in a policy document.
    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|n| n.name() == name)
    }

    /// Every name, as written.
    fn names() -> impl Iterator<Item = &'static str> + Clone {
        Self::ALL.iter().map(|n| n.name())
    }
}

/// Defines a name enum, implementing [`Name`]. A variant's doc comment is
/// its description.
macro_rules! name_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $enum:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $enum {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl Name for $enum {
            const ALL: &'static [$enum] = &[$($enum::$variant),+];
            const NAMES: &'static [&'static str] = &[$($text),+];

            fn name(self) -> &'static str {
                match self {
                    $($enum::$variant => $text,)+
                }
            }

            // Each line of a doc comment is one literal, starting with a
            // space: joined, they read as one paragraph.
            #[cfg(all(test, feature = "serde"))]
            fn description(self) -> &'static str {
                match self {
                    $($enum::$variant => concat!($($doc),*).trim_ascii_start(),)+
                }
            }
        }
    };
}

name_enum! {
    /// A field at the top level of a policy document.
    pub(crate) enum PolicyField {
        /// The JSON Schema the document follows, for editors; the loader
        /// ignores it.
        Schema = "$schema",
        /// Whether you are actively looking for a job: LinkedIn's recruiter
        /// override needs it.
        JobSeeking = "job-seeking",
        /// Your profession: on Twitter, someone who shares it serves one of
        /// your purposes.
        Profession = "profession",
        /// Professions that interest you: on Twitter, someone who works in
        /// one serves one of your purposes.
        InterestingProfessions = "interesting-professions",
        /// Your passions: on Twitter, someone who shares one serves one of
        /// your purposes.
        Passions = "passions",
        /// Your own platforms (Mastodon, GitHub, ...), declared so that rules
        /// can name them.
        Platforms = "platforms",
        /// The ids of the built-in rules to switch off.
        Disable = "disable",
        /// The decision when no rule applies (`decline` when left out).
        Fallback = "fallback",
        /// Your own rules, tried in order before the built-in ones: the first
        /// that applies decides.
        Rules = "rules",
        /// Meet-first replies in your own words.
        Replies = "replies",
        /// Requests and the decisions you expect for them, checked by
        /// `acquaint check`; they never change a decision.
        Examples = "examples",
    }
}

name_enum! {
    /// A field of an example in a policy document: a request and the
    /// decision its author expects.
    pub(crate) enum ExampleField {
        /// What the example shows, for reports.
        Name = "name",
        /// The platform of the request.
        Platform = "platform",
        /// Who asked: `incoming` (they invited you) or `outgoing`.
        Direction = "direction",
        /// The `job-seeking` setting for this example alone (the policy's
        /// own when left out).
        JobSeeking = "job-seeking",
        /// The decision you expect.
        Decision = "decision",
        /// The id of the rule you expect to decide (any rule when left
        /// out).
        Rule = "rule",
        /// What you know of the other person (a stranger when left out).
        Contact = "contact",
    }
}

name_enum! {
    /// A field of a contact, in a policy document's examples and wherever
    /// a contact is read or written.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))] // Contacts are data with serde.
    pub(crate) enum ContactField {
        /// Their name, as given.
        Name = "name",
        /// How well you know each other: `never`, `spoken`,
        /// `met-in-person`, `worked-remotely` or `worked-in-person`.
        Acquaintance = "acquaintance",
        /// What you would say of their professional ability.
        MyView = "my-view",
        /// What they would say of yours.
        TheirView = "their-view",
        /// Whether they are a recruiter.
        Recruiter = "recruiter",
        /// Whether they are a friend.
        Friend = "friend",
        /// Whether they are a star of their field.
        Star = "star",
        /// Their profession.
        Profession = "profession",
        /// Their passions.
        Passions = "passions",
        /// Your own tags for them.
        Tags = "tags",
        /// Whether you are friends on Facebook.
        FacebookFriend = "facebook-friend",
        /// How many connections you share.
        MutualConnections = "mutual-connections",
        /// The note that came with their invitation.
        Message = "message",
    }
}

impl PolicyField {
    /// Whether the field is there for editors, not for the policy: an
    /// error message does not offer it among the fields a typo may have
    /// meant.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn for_editors(self) -> bool {
        match self {
            PolicyField::Schema => true,
            PolicyField::JobSeeking
            | PolicyField::Profession
            | PolicyField::InterestingProfessions
            | PolicyField::Passions
            | PolicyField::Platforms
            | PolicyField::Disable
            | PolicyField::Fallback
            | PolicyField::Rules
            | PolicyField::Replies
            | PolicyField::Examples => false,
        }
    }
}

name_enum! {
    /// A key of the policy's `replies` table: which invitations a reply
    /// template answers.
    pub(crate) enum ReplyField {
        /// The reply to an invitation you received.
        Incoming = "incoming",
        /// The reply when you would invite them.
        Outgoing = "outgoing",
    }
}

name_enum! {
    /// A placeholder of a reply template, written in braces:
    /// `{first-name}`.
    pub(crate) enum Placeholder {
        /// The first word of their name.
        FirstName = "first-name",
        /// Their name.
        Name = "name",
        /// The platform's name, such as LinkedIn.
        Platform = "platform",
    }
}

name_enum! {
    /// A field of a rule in a policy document.
    pub(crate) enum RuleField {
        /// The rule's id, named in verdicts: unique, of ASCII letters,
        /// digits, `-`, `_` and `.`.
        Id = "id",
        /// The platforms the rule applies to; leave it out for every
        /// platform.
        Platforms = "platforms",
        /// The rule's condition; without it the rule decides every request on
        /// its platforms.
        When = "when",
        /// What the rule decides.
        Decision = "decision",
        /// Why, as the explanation of a verdict says it.
        Reason = "reason",
    }
}

name_enum! {
    /// A key of a condition table, naming one kind of
    /// [`Condition`](crate::Condition).
    pub(crate) enum ConditionKey {
        /// Every condition of the list holds.
        All = "all",
        /// At least one condition of the list holds.
        Any = "any",
        /// The condition does not hold.
        Not = "not",
        /// The request is on this platform.
        Platform = "platform",
        /// The request goes this way: `incoming` when they invited you.
        Direction = "direction",
        /// You are actively looking for a job.
        JobSeeking = "job-seeking",
        /// Your acquaintance is exactly this one.
        Acquaintance = "acquaintance",
        /// You have met in person, working together in person included.
        MetInPerson = "met-in-person",
        /// You have worked together, in person or remotely.
        WorkedTogether = "worked-together",
        /// You have at least spoken or messaged.
        SpokeWith = "spoke-with",
        /// What you would say of their professional ability.
        MyView = "my-view",
        /// What they would say of yours.
        TheirView = "their-view",
        /// They are a recruiter.
        Recruiter = "recruiter",
        /// They are a personal friend.
        Friend = "friend",
        /// You are friends on Facebook.
        FacebookFriend = "facebook-friend",
        /// They are a star of their field.
        Star = "star",
        /// Their profession is this one, in any case.
        Profession = "profession",
        /// They share your profession.
        SharesProfession = "shares-profession",
        /// Their profession is one that interests you.
        InterestingProfession = "interesting-profession",
        /// They have this passion, in any case.
        Passion = "passion",
        /// They share one of your passions.
        SharesPassion = "shares-passion",
        /// They carry this tag, in any case.
        Tag = "tag",
        /// You share at least this many connections.
        MutualConnectionsAtLeast = "mutual-connections-at-least",
        /// Their invitation carries a note that is not blank.
        HasMessage = "has-message",
    }
}

/// The name in `names` nearest to `typo`, if it is within two edits: what a
/// typo was probably meant to be. The one suggestion function: every "did
/// you mean" of a message or an error's data comes from here.
pub(crate) fn nearest<'n>(typo: &str, names: impl IntoIterator<Item = &'n str>) -> Option<&'n str> {
    // A typo longer than every name by more than two edits matches none;
    // skipping it keeps the cost bounded for huge keys, and a name whose
    // length is more than two away is skipped before it costs its edits.
    if typo.chars().nth(64).is_some() {
        return None;
    }
    // Names are read in any case.
    let typo = &typo.trim().to_lowercase();
    let len = typo.chars().count();
    names
        .into_iter()
        .filter(|name| name.len() <= 4 * (len + 2) && name.chars().count().abs_diff(len) <= 2)
        .map(|name| (edit_distance(typo, name), name))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, name)| name)
}

/// Levenshtein distance, for suggesting the name a typo was meant to be.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("recuiter", "recruiter"), 1);
        assert_eq!(edit_distance("spoke-wiht", "spoke-with"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn names_round_trip() {
        for key in ConditionKey::ALL {
            assert_eq!(ConditionKey::from_name(key.name()), Some(*key));
        }
        for field in PolicyField::ALL {
            assert_eq!(PolicyField::from_name(field.name()), Some(*field));
        }
        for field in RuleField::ALL {
            assert_eq!(RuleField::from_name(field.name()), Some(*field));
        }
        assert_eq!(ConditionKey::from_name("Recruiter"), None);
        // The document reader keeps the keys of a table as bits of a u64.
        assert!(ConditionKey::ALL.len() <= 64 && PolicyField::ALL.len() <= 64);
        assert!(RuleField::ALL.len() <= 64);
    }

    #[test]
    fn nearest_suggests_within_two_edits() {
        let keys = ConditionKey::names();
        assert_eq!(nearest("recuiter", keys.clone()), Some("recruiter"));
        assert_eq!(nearest("zzzzzz", keys.clone()), None);
        assert_eq!(nearest(&"a".repeat(100_000), keys), None);
    }

    /// The README lists every condition key a policy file may use.
    #[test]
    fn readme_lists_every_condition_key() {
        let readme = include_str!("../README.md");
        let start = readme
            .find("Conditions combine `all`, `any` and `not` over:")
            .expect("the README's list of condition keys");
        let list = &readme[start..];
        let list = &list[..list.find("A table with several keys").unwrap_or(list.len())];
        let listed: Vec<&str> = list.split('`').skip(1).step_by(2).collect();
        let keys: Vec<&str> = ConditionKey::names().collect();
        assert_eq!(
            listed, keys,
            "the README's list of condition keys is out of step"
        );
    }
}
