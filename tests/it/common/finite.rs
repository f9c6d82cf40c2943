//! The finite space of requests, enumerated plainly for exhaustive tests
//! and brute-force oracles.
//!
//! [`contacts`] is every finite contact: each acquaintance, each pair of
//! views and each [`Flag`] true or false. It is the one place that knows
//! which facts a contact has: a test that needs every contact starts from
//! it and adds its own strings and counts, and counts what it checked with
//! [`count`], so that a fact added to `Contact` is a [`Flag`] here and
//! every such test covers it.

use acquaint::{Acquaintance, Contact, Platform, View};

/// A fact of a contact that is either true or false.
///
/// To add one: a variant here, in [`Flag::ALL`], and its arm in
/// [`Flag::set`]. Every exhaustive test then varies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    Recruiter,
    Friend,
    Star,
    FacebookFriend,
    /// Their invitation carries a note (`has-message`).
    HasMessage,
}

impl Flag {
    pub const ALL: [Flag; 5] = [
        Flag::Recruiter,
        Flag::Friend,
        Flag::Star,
        Flag::FacebookFriend,
        Flag::HasMessage,
    ];

    /// The contact with this fact set. `Contact::new` starts with every
    /// flag false.
    pub fn set(self, contact: Contact, on: bool) -> Contact {
        match self {
            Flag::Recruiter => contact.with_recruiter(on),
            Flag::Friend => contact.with_friend(on),
            Flag::Star => contact.with_star(on),
            Flag::FacebookFriend => contact.with_facebook_friend(on),
            Flag::HasMessage if on => contact.with_message("Hi, I would like to connect"),
            Flag::HasMessage => contact,
        }
    }
}

/// Every finite contact: each acquaintance, each pair (my view, their
/// view), and each [`Flag`] true or false. Everything else (profession,
/// passions, tags, mutual connections, message) is as `Contact::new` leaves
/// it, for the test to add.
pub fn contacts() -> Vec<Contact> {
    contacts_holding(&[])
}

/// [`contacts`] with the flags in `held` left false, for tests whose
/// policies never read them: each one held halves the space.
pub fn contacts_holding(held: &[Flag]) -> Vec<Contact> {
    let varied: Vec<Flag> = Flag::ALL
        .into_iter()
        .filter(|f| !held.contains(f))
        .collect();
    let mut out = Vec::with_capacity(count_holding(held));
    for acquaintance in Acquaintance::ALL {
        for mine in View::ALL {
            for theirs in View::ALL {
                for bits in 0..1u32 << varied.len() {
                    let mut c = Contact::new("Ada")
                        .with_acquaintance(acquaintance)
                        .with_my_view(mine)
                        .with_their_view(theirs);
                    for (i, flag) in varied.iter().enumerate() {
                        c = flag.set(c, bits & 1 << i != 0);
                    }
                    out.push(c);
                }
            }
        }
    }
    out
}

/// How many contacts [`contacts`] gives, from the sizes of the facts.
pub fn count() -> usize {
    count_holding(&[])
}

/// How many contacts [`contacts_holding`] gives, from the sizes of the
/// facts.
pub fn count_holding(held: &[Flag]) -> usize {
    let varied = Flag::ALL.iter().filter(|f| !held.contains(f)).count();
    (Acquaintance::ALL.len() * View::ALL.len() * View::ALL.len()) << varied
}

/// The strings, thresholds and platforms a policy mentions; every other
/// value behaves like one of the "other" values added here.
#[derive(Default)]
pub struct Vocab {
    pub professions: Vec<&'static str>,
    pub passions: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub thresholds: Vec<u32>,
    pub platforms: Vec<&'static str>,
    /// Whether to vary Facebook friendship too; no rule of these tests
    /// reads it, so by default every contact is not one, halving the space.
    pub facebook_friends: bool,
}

/// Every subset of `items`.
fn subsets<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    (0..1usize << items.len())
        .map(|mask| {
            items
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, x)| x.clone())
                .collect()
        })
        .collect()
}

impl Vocab {
    /// The flags held false.
    fn held(&self) -> &'static [Flag] {
        if self.facebook_friends {
            &[]
        } else {
            &[Flag::FacebookFriend]
        }
    }

    /// The professions: none, one nobody names, and those mentioned.
    fn professions(&self) -> Vec<Option<&'static str>> {
        let mut out = vec![None, Some("zz-other-profession")];
        out.extend(self.professions.iter().map(|p| Some(*p)));
        out
    }

    /// The mutual connection counts: none, and each threshold.
    fn mutual(&self) -> Vec<u32> {
        let mut out = vec![0];
        out.extend(&self.thresholds);
        out
    }

    /// Every contact the policy can tell apart: each finite contact with
    /// each profession, set of passions, set of tags and count.
    pub fn contacts(&self) -> Vec<Contact> {
        let (professions, mutual) = (self.professions(), self.mutual());
        let (passions, tags) = (subsets(&self.passions), subsets(&self.tags));
        let mut out = Vec::with_capacity(self.count());
        for base in contacts_holding(self.held()) {
            for profession in &professions {
                for passions in &passions {
                    for tags in &tags {
                        for n in &mutual {
                            let mut c = base
                                .clone()
                                .with_profession(profession.unwrap_or(""))
                                .with_mutual_connections(*n);
                            for p in passions {
                                c = c.with_passion(p);
                            }
                            for t in tags {
                                c = c.with_tag(t);
                            }
                            out.push(c);
                        }
                    }
                }
            }
        }
        out
    }

    /// How many contacts [`Vocab::contacts`] gives, from the sizes of the
    /// facts.
    pub fn count(&self) -> usize {
        count_holding(self.held())
            * self.professions().len()
            * (1 << self.passions.len())
            * (1 << self.tags.len())
            * self.mutual().len()
    }

    /// The built-in platforms, the ones mentioned, and one nobody names.
    pub fn platforms(&self) -> Vec<Platform> {
        let mut out = vec![Platform::LinkedIn, Platform::Twitter, Platform::Facebook];
        for name in self.platforms.iter().copied().chain(["zz-other-platform"]) {
            out.push(name.parse().unwrap());
        }
        out
    }
}
