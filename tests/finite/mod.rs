//! The finite space of requests, enumerated plainly for brute-force oracles.
#![allow(dead_code, clippy::unwrap_used)]

use acquaint::{Acquaintance, Contact, Direction, Platform, View};

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
    /// Every contact the policy can tell apart.
    pub fn contacts(&self) -> Vec<Contact> {
        let mut professions: Vec<Option<&str>> = vec![None, Some("zz-other-profession")];
        professions.extend(self.professions.iter().map(|p| Some(*p)));
        let mut mutual = vec![0];
        mutual.extend(&self.thresholds);
        let mut out = Vec::new();
        for a in Acquaintance::ALL {
            for mine in View::ALL {
                for theirs in View::ALL {
                    let flags = if self.facebook_friends { 16u8 } else { 8 };
                    for flags in 0..flags {
                        for profession in &professions {
                            for passions in subsets(&self.passions) {
                                for tags in subsets(&self.tags) {
                                    for n in &mutual {
                                        let mut c = Contact::new("Pat")
                                            .with_acquaintance(a)
                                            .with_my_view(mine)
                                            .with_their_view(theirs)
                                            .with_recruiter(flags & 1 != 0)
                                            .with_friend(flags & 2 != 0)
                                            .with_star(flags & 4 != 0)
                                            .with_facebook_friend(flags & 8 != 0)
                                            .with_profession(profession.unwrap_or(""))
                                            .with_mutual_connections(*n);
                                        for p in &passions {
                                            c = c.with_passion(p);
                                        }
                                        for t in &tags {
                                            c = c.with_tag(t);
                                        }
                                        out.push(c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        out
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

pub const DIRECTIONS: [Direction; 2] = Direction::ALL;
