//! Extends [`Policy`] with [`Policy::ask`]: the fewest questions that
//! decide an invitation when some facts are not known yet, as an
//! [`AskTree`] of [`Question`]s whose [`Answer`]s lead to a decision or to
//! the next question.
//!
//! It does not use the engine: it fills in the unknown facts every way the
//! policy tells apart and evaluates each, so that what it says holds for
//! the policy exactly as `evaluate` decides.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::builtin::BuiltinRule;
use crate::condition::Condition;
use crate::contact::{Acquaintance, Contact, View};
use crate::decision::Decision;
use crate::error::{NameKind, ParseError};
use crate::names::{ContactField, Name, PolicyField};
use crate::platform::{Direction, Platform};
use crate::policy::Policy;
use crate::reply::first_name;
use crate::text::{FoldedSet, join_with};

use super::AnalysisError;

/// A fact a person can be asked about: one of a contact's, named as a
/// contact field is, or my own `job-seeking` setting. The facts of
/// [`Policy::ask`] not known yet.
///
/// ```
/// use acquaint::Fact;
///
/// assert_eq!(Fact::MyView.to_string(), "my-view");
/// assert_eq!("Job-Seeking".parse::<Fact>(), Ok(Fact::JobSeeking));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Fact {
    /// How well we know each other.
    Acquaintance,
    /// What I would say of their work.
    MyView,
    /// What they would say of mine.
    TheirView,
    /// Whether they are a recruiter.
    Recruiter,
    /// Whether they are a personal friend.
    Friend,
    /// Whether they are a star of their field.
    Star,
    /// Their profession.
    Profession,
    /// Their passions.
    Passions,
    /// My tags for them.
    Tags,
    /// Whether we are friends on Facebook.
    FacebookFriend,
    /// How many connections we share.
    MutualConnections,
    /// Whether their invitation came with a note.
    Message,
    /// Whether I am looking for a job.
    JobSeeking,
}

impl Fact {
    /// Every fact, in the order questions about them are tried.
    pub const ALL: [Fact; 13] = [
        Fact::Acquaintance,
        Fact::MyView,
        Fact::TheirView,
        Fact::Recruiter,
        Fact::JobSeeking,
        Fact::Friend,
        Fact::FacebookFriend,
        Fact::Star,
        Fact::Profession,
        Fact::Passions,
        Fact::Tags,
        Fact::MutualConnections,
        Fact::Message,
    ];

    /// The fact's name, as a policy document names the contact field (or
    /// the setting, `job-seeking`).
    pub fn name(self) -> &'static str {
        match self {
            Fact::Acquaintance => ContactField::Acquaintance.name(),
            Fact::MyView => ContactField::MyView.name(),
            Fact::TheirView => ContactField::TheirView.name(),
            Fact::Recruiter => ContactField::Recruiter.name(),
            Fact::Friend => ContactField::Friend.name(),
            Fact::Star => ContactField::Star.name(),
            Fact::Profession => ContactField::Profession.name(),
            Fact::Passions => ContactField::Passions.name(),
            Fact::Tags => ContactField::Tags.name(),
            Fact::FacebookFriend => ContactField::FacebookFriend.name(),
            Fact::MutualConnections => ContactField::MutualConnections.name(),
            Fact::Message => ContactField::Message.name(),
            Fact::JobSeeking => PolicyField::JobSeeking.name(),
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Fact {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Fact, ParseError> {
        let name = s.trim();
        Fact::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                ParseError::new(
                    NameKind::Fact,
                    s,
                    "a contact field such as `acquaintance`, or `job-seeking`",
                    Fact::ALL.map(Fact::name),
                )
            })
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Fact {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Fact {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Fact, D::Error> {
        d.deserialize_str(crate::names::ByName(std::marker::PhantomData))
    }
}

/// What an [`Answer`] says, as a policy document writes the value: `true`
/// or `false`, an acquaintance or a view by name, a profession, `null` for
/// something the policy does not name, or a range of mutual connections.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(untagged, rename_all = "kebab-case"))]
#[non_exhaustive]
pub enum AnswerValue {
    /// Yes or no.
    Bool(bool),
    /// How well we know each other.
    Acquaintance(Acquaintance),
    /// A view of someone's work.
    View(View),
    /// A profession the policy names (or one of mine).
    Profession(String),
    /// None of the values the question names.
    SomethingElse,
    /// A number of mutual connections: at least `at_least`, fewer than
    /// `below` (no upper end when `None`).
    #[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
    MutualConnections {
        /// The least count of the range.
        at_least: u32,
        /// The first count past the range.
        below: Option<u32>,
    },
}

/// One answer to a [`Question`]: its words, its value, and the node of
/// the [`AskTree`] it leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct Answer {
    text: String,
    value: AnswerValue,
    next: usize,
}

impl Answer {
    /// The answer in a person's words, such as "We met in person".
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The answer as data.
    pub fn value(&self) -> &AnswerValue {
        &self.value
    }

    /// The node it leads to: see [`AskTree::node`].
    pub fn next(&self) -> usize {
        self.next
    }
}

/// What to ask next: a fact (and, for passions and tags, the one it is
/// about), the question in the philosophy's words with the contact's
/// first name, and its answers.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct Question {
    fact: Fact,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    about: Option<String>,
    text: String,
    answers: Vec<Answer>,
    /// For a question standing for a group (my interesting professions, my
    /// passions no rule names): who belongs, for [`Question::answer_for`].
    #[cfg_attr(feature = "serde", serde(skip))]
    group: Option<Arc<Group>>,
}

/// Names that answer alike: `members` but `except`.
#[derive(Debug, PartialEq, Eq)]
struct Group {
    members: Arc<FoldedSet>,
    except: HashSet<String>,
}

impl Group {
    fn holds(&self, name: &str) -> bool {
        self.members.contains(name) && !self.except.contains(name)
    }
}

impl Question {
    /// The fact asked about.
    pub fn fact(&self) -> Fact {
        self.fact
    }

    /// The passion or tag the question is about, for [`Fact::Passions`]
    /// and [`Fact::Tags`].
    pub fn about(&self) -> Option<&str> {
        self.about.as_deref()
    }

    /// The question, such as "Have you met Priya in person, or worked
    /// together?".
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Its answers, each leading on.
    pub fn answers(&self) -> &[Answer] {
        &self.answers
    }

    /// The answer that `contact`'s facts (and my job-seeking setting) give:
    /// for a host that learns a fact elsewhere, and to follow a tree with a
    /// contact known in full.
    pub fn answer_for(&self, contact: &Contact, job_seeking: bool) -> Option<&Answer> {
        let about = self.about.as_deref().unwrap_or("");
        let in_group = |name: &str| self.group.as_ref().is_some_and(|g| g.holds(name));
        let holds = |value: &AnswerValue| match (self.fact, value) {
            (Fact::Acquaintance, AnswerValue::Acquaintance(a)) => contact.acquaintance() == *a,
            (Fact::MyView, AnswerValue::View(v)) => contact.my_view() == *v,
            (Fact::TheirView, AnswerValue::View(v)) => contact.their_view() == *v,
            (Fact::Recruiter, AnswerValue::Bool(b)) => contact.is_recruiter() == *b,
            (Fact::Friend, AnswerValue::Bool(b)) => contact.is_friend() == *b,
            (Fact::Star, AnswerValue::Bool(b)) => contact.is_star() == *b,
            (Fact::FacebookFriend, AnswerValue::Bool(b)) => contact.is_facebook_friend() == *b,
            (Fact::Message, AnswerValue::Bool(b)) => has_note(contact) == *b,
            (Fact::JobSeeking, AnswerValue::Bool(b)) => job_seeking == *b,
            (Fact::Passions, AnswerValue::Bool(b)) => {
                let has = match &self.group {
                    Some(_) => contact.passions().any(in_group),
                    None => contact.has_passion(about),
                };
                has == *b
            }
            (Fact::Tags, AnswerValue::Bool(b)) => contact.has_tag(about) == *b,
            // The answer standing for the group is one of its members.
            (Fact::Profession, AnswerValue::Profession(p)) => {
                contact.profession() == Some(p.as_str())
                    || (in_group(p) && contact.profession().is_some_and(in_group))
            }
            (Fact::Profession, AnswerValue::SomethingElse) => true,
            (Fact::MutualConnections, AnswerValue::MutualConnections { at_least, below }) => {
                let n = contact.mutual_connections();
                n >= *at_least && below.is_none_or(|b| n < b)
            }
            // A value of another fact's kind: never one of this question's
            // answers, which `Policy::ask` builds for its fact.
            _ => false,
        };
        self.answers.iter().find(|answer| holds(&answer.value))
    }
}

/// A node of an [`AskTree`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "kind",
        rename_all = "kebab-case",
        rename_all_fields = "kebab-case"
    )
)]
#[non_exhaustive]
pub enum AskNode {
    /// Every way of filling in the facts still unknown gives this
    /// decision; `rule` is the rule that gives it when that is the same
    /// too.
    Decided {
        /// The decision.
        decision: Decision,
        /// The deciding rule's id, when it is the same whatever the rest.
        rule: Option<String>,
    },
    /// Ask this.
    Question(Question),
    /// Every unknown fact is answered: evaluate the contact with the
    /// answers. Only in the tree of a policy with rules written in Rust,
    /// which the tree cannot see into.
    Evaluate,
}

/// The questions that decide an invitation when some facts are not known:
/// a decision tree over exactly the unknown facts whose answers can change
/// the decision, asking as few as possible. Found by [`Policy::ask`].
///
/// Its nodes are numbered; the root is node 0, and each [`Answer`] names
/// the node it leads to. Paths that reach the same facts share nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "kebab-case"))]
pub struct AskTree {
    nodes: Vec<AskNode>,
    exact: bool,
    rust_rules: Vec<String>,
}

impl AskTree {
    /// The first node: a decision, or the first question.
    pub fn root(&self) -> &AskNode {
        &self.nodes[0]
    }

    /// Node `id`, as an [`Answer::next`] names it.
    pub fn node(&self, id: usize) -> Option<&AskNode> {
        self.nodes.get(id)
    }

    /// Every node; the root first.
    pub fn nodes(&self) -> &[AskNode] {
        &self.nodes
    }

    /// The most questions any path asks.
    pub fn depth(&self) -> usize {
        let mut depth = vec![0usize; self.nodes.len()];
        // Answers lead to nodes numbered after their question, so one pass
        // from the last node computes all.
        for (i, node) in self.nodes.iter().enumerate().rev() {
            if let AskNode::Question(q) = node {
                let deepest = q.answers.iter().filter_map(|a| depth.get(a.next)).max();
                depth[i] = 1 + deepest.copied().unwrap_or(0);
            }
        }
        depth[0]
    }

    /// Whether the tree's worst case is the least possible (`true`), or
    /// was found by the greedy rule of [`Policy::ask`] past its budget.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// The ids of the rules written in Rust, which the tree treats as
    /// reading every fact: each unknown fact is asked, then the contact is
    /// evaluated ([`AskNode::Evaluate`]).
    pub fn rust_rules(&self) -> &[String] {
        &self.rust_rules
    }
}

/// One unknown fact as the policy tells it apart: a question and its
/// possible answers.
struct Var {
    fact: Fact,
    about: Option<String>,
    values: Vec<(String, AnswerValue)>,
    text: String,
    group: Option<Arc<Group>>,
}

/// The names the rules that can apply on a platform read.
#[derive(Default)]
struct Named {
    professions: Names,
    passions: Names,
    tags: Names,
    thresholds: Vec<u32>,
}

/// Names in the order first met, each once, with a set to look them up:
/// a policy may name thousands.
#[derive(Default, Clone)]
struct Names {
    list: Vec<String>,
    set: HashSet<String>,
}

impl Names {
    fn push(&mut self, name: &str) {
        if self.set.insert(name.to_owned()) {
            self.list.push(name.to_owned());
        }
    }

    fn contains(&self, name: &str) -> bool {
        self.set.contains(name)
    }
}

impl Named {
    fn collect(conditions: &[&Condition]) -> Named {
        let mut named = Named::default();
        for node in conditions.iter().flat_map(|c| c.nodes()) {
            match node {
                Condition::Profession(p) => named.professions.push(p),
                Condition::Passion(p) => named.passions.push(p),
                Condition::Tag(t) => named.tags.push(t),
                Condition::MutualConnectionsAtLeast(n) => named.thresholds.push(*n),
                Condition::All(_)
                | Condition::Any(_)
                | Condition::Not(_)
                | Condition::Platform(_)
                | Condition::Direction(_)
                | Condition::JobSeeking(_)
                | Condition::Acquaintance(_)
                | Condition::MetInPerson(_)
                | Condition::WorkedTogether(_)
                | Condition::SpokeWith(_)
                | Condition::MyView(_)
                | Condition::TheirView(_)
                | Condition::Recruiter(_)
                | Condition::Friend(_)
                | Condition::FacebookFriend(_)
                | Condition::Star(_)
                | Condition::SharesProfession(_)
                | Condition::InterestingProfession(_)
                | Condition::SharesPassion(_)
                | Condition::HasMessage(_) => {}
            }
        }
        named.thresholds.retain(|n| *n > 0);
        named.thresholds.sort_unstable();
        named.thresholds.dedup();
        named
    }
}

fn has_note(contact: &Contact) -> bool {
    contact.message().is_some_and(|m| !m.trim().is_empty())
}

fn yes_no() -> Vec<(String, AnswerValue)> {
    vec![
        ("Yes".to_owned(), AnswerValue::Bool(true)),
        ("No".to_owned(), AnswerValue::Bool(false)),
    ]
}

/// The most ways of filling in the unknown facts [`Policy::ask`] tries.
const MAX_COMPLETIONS: usize = 1 << 20;
/// The work of the exact search (completions looked at), past which the
/// greedy rule takes over.
const EXACT_BUDGET: usize = 20_000_000;
/// The most nodes a tree may have.
const MAX_NODES: usize = 100_000;
/// The most work (completions looked at) of a whole call, the greedy rule
/// included.
const MAX_WORK: usize = 100_000_000;

/// A variable not fixed in a state of the search.
const FREE: u8 = u8::MAX;

impl Policy {
    /// The fewest questions that decide whether to connect with `contact`
    /// on `platform` when the facts in `unknown` are not known yet (what
    /// `contact` says of them is ignored): an [`AskTree`] whose root is the
    /// decision, when every way of filling them in gives the same one, or
    /// the first question, each answer leading to a decision or the next
    /// question.
    ///
    /// Only facts whose answer can change the decision are asked, and the
    /// tree asks as few as possible in the worst case: exactly, as long as
    /// the search stays within its budget (20,000,000 completions looked
    /// at); past it, each question is the one whose answers leave the
    /// fewest different decisions in the worst branch (ties: the fewest in
    /// all branches, then the order of [`Fact::ALL`]), and
    /// [`AskTree::is_exact`] says so. Passions and tags are asked one at a
    /// time, for those the rules name (and "one of your passions" for
    /// mine that none names); professions offer those the rules and my
    /// settings name, then "something else"; mutual connections offer the
    /// ranges between the thresholds the rules name.
    ///
    /// A policy with rules written in Rust is treated as reading every
    /// fact: each unknown fact is asked, in order, then the contact is to
    /// be evaluated ([`AskTree::rust_rules`] names those rules).
    ///
    /// ```
    /// use acquaint::{AskNode, Contact, Decision, Direction, Fact, Platform, Policy, View};
    ///
    /// let policy = Policy::default();
    /// // We would vouch for each other; the rest is not known yet.
    /// let priya = Contact::new("Priya Raman")
    ///     .with_my_view(View::Positive)
    ///     .with_their_view(View::Positive);
    /// let unknown = [Fact::Acquaintance, Fact::Recruiter];
    /// let tree = policy.ask(&priya, &unknown, &Platform::LinkedIn, Direction::Incoming)?;
    /// let AskNode::Question(first) = tree.root() else { panic!() };
    /// assert_eq!(first.text(), "Have you met Priya in person, or worked together?");
    /// // "Never" settles it: meet first.
    /// let never = &first.answers()[0];
    /// assert_eq!(never.text(), "We have never spoken");
    /// assert_eq!(
    ///     tree.node(never.next()),
    ///     Some(&AskNode::Decided {
    ///         decision: Decision::MeetFirst,
    ///         rule: Some("linkedin.not-met".into())
    ///     })
    /// );
    /// // Whether she is a recruiter cannot change it (I am not job
    /// // seeking): it is never asked.
    /// assert_eq!(tree.depth(), 1);
    /// # Ok::<(), acquaint::AnalysisError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`AnalysisError::TooManyUnknowns`] when the unknown facts can be
    /// filled in more than 1,048,576 ways the policy tells apart, and
    /// [`AnalysisError::TooComplex`] when the tree would have more than
    /// 100,000 nodes or cost more than 100,000,000 completions looked at.
    ///
    /// The cost is the number of ways the unknown facts can be filled in
    /// (each evaluated once) times the questions tried.
    pub fn ask(
        &self,
        contact: &Contact,
        unknown: &[Fact],
        platform: &Platform,
        direction: Direction,
    ) -> Result<AskTree, AnalysisError> {
        let unknown: Vec<Fact> = Fact::ALL
            .into_iter()
            .filter(|f| unknown.contains(f))
            .collect();
        let on = self.on_platform(platform);
        let builtin: Vec<Condition> = BuiltinRule::ALL
            .into_iter()
            .filter(|rule| rule.platform() == *platform && self.is_enabled(*rule))
            .filter_map(BuiltinRule::condition)
            .collect();
        let conditions: Vec<&Condition> = on
            .data_rules()
            .filter_map(|rule| rule.condition())
            .chain(&builtin)
            .collect();
        let named = Named::collect(&conditions);
        let vars = self.vars(contact, &unknown, &named);
        let rust_rules = super::table::rust_rules(&[self]);
        let base = known_part(contact, &unknown);
        if !rust_rules.is_empty() {
            return Ok(chain(vars, rust_rules));
        }
        let mut builder = Builder::new(self, &base, vars, platform, direction)?;
        let exact = builder.search();
        let root = builder.build()?;
        debug_assert_eq!(root, 0);
        Ok(AskTree {
            nodes: builder.nodes,
            exact,
            rust_rules,
        })
    }

    /// The unknown facts as the policy tells them apart, each with its
    /// question.
    fn vars(&self, contact: &Contact, unknown: &[Fact], named: &Named) -> Vec<Var> {
        let first = first_name(contact);
        let who = if first.is_empty() {
            "them".to_owned()
        } else {
            first.into_owned()
        };
        let whose = if who == "them" {
            "their".to_owned()
        } else {
            format!("{who}'s")
        };
        let settings = &self.settings;
        let mut vars = Vec::new();
        let var = |fact, text: String, values| Var {
            fact,
            about: None,
            values,
            text,
            group: None,
        };
        for &fact in unknown {
            match fact {
                Fact::Acquaintance => vars.push(var(
                    fact,
                    format!("Have you met {who} in person, or worked together?"),
                    Acquaintance::ALL
                        .into_iter()
                        .map(|a| {
                            (
                                acquaintance_words(a).to_owned(),
                                AnswerValue::Acquaintance(a),
                            )
                        })
                        .collect(),
                )),
                Fact::MyView => vars.push(var(
                    fact,
                    format!("What would you say about {whose} work if someone asked you?"),
                    views([
                        "I would vouch for it",
                        "I don't know their work",
                        "I would warn against it",
                    ]),
                )),
                Fact::TheirView => vars.push(var(
                    fact,
                    format!("What would {who} say about yours?"),
                    views([
                        "They would vouch for it",
                        "They don't know my work",
                        "They would warn against it",
                    ]),
                )),
                Fact::Recruiter => vars.push(var(fact, format!("Is {who} a recruiter?"), yes_no())),
                Fact::Friend => {
                    vars.push(var(fact, format!("Is {who} a personal friend?"), yes_no()))
                }
                Fact::Star => vars.push(var(
                    fact,
                    format!("Is {who} a star of their field?"),
                    yes_no(),
                )),
                Fact::FacebookFriend => vars.push(var(
                    fact,
                    format!("Are you and {who} friends on Facebook?"),
                    yes_no(),
                )),
                Fact::Message => vars.push(var(
                    fact,
                    format!("Did {who} write a note with the invitation?"),
                    yes_no(),
                )),
                Fact::JobSeeking => {
                    vars.push(var(fact, "Are you looking for a job?".to_owned(), yes_no()))
                }
                Fact::Profession => {
                    let mut listed = named.professions.clone();
                    if let Some(mine) = settings.profession.as_deref() {
                        listed.push(mine);
                    }
                    let mut values: Vec<(String, AnswerValue)> = listed
                        .list
                        .iter()
                        .map(|p| (p.clone(), AnswerValue::Profession(p.clone())))
                        .collect();
                    let interesting = &settings.interesting_professions;
                    let rep = interesting.iter().find(|p| !listed.contains(p));
                    let group = rep.map(|rep| {
                        values.push((
                            format!("{rep} or another profession you find interesting"),
                            AnswerValue::Profession(rep.to_owned()),
                        ));
                        Arc::new(Group {
                            members: Arc::clone(interesting),
                            except: listed.set.clone(),
                        })
                    });
                    values.push(("Something else".to_owned(), AnswerValue::SomethingElse));
                    vars.push(Var {
                        fact,
                        about: None,
                        values,
                        text: format!("What is {whose} profession?"),
                        group,
                    });
                }
                Fact::Passions => {
                    for p in &named.passions.list {
                        vars.push(Var {
                            fact,
                            about: Some(p.clone()),
                            values: yes_no(),
                            text: format!("Is {who} passionate about {p}?"),
                            group: None,
                        });
                    }
                    let mine = &settings.passions;
                    let others: Vec<&str> = mine
                        .iter()
                        .filter(|p| !named.passions.contains(p))
                        .collect();
                    if let Some(rep) = others.first() {
                        let shown: Vec<&str> = others.iter().take(3).copied().collect();
                        let more = if others.len() > 3 { ", …" } else { "" };
                        vars.push(Var {
                            fact,
                            about: Some((*rep).to_owned()),
                            values: yes_no(),
                            text: format!(
                                "Does {who} share one of your passions ({}{more})?",
                                join_with(&shown, " or ")
                            ),
                            group: Some(Arc::new(Group {
                                members: Arc::clone(mine),
                                except: named.passions.set.clone(),
                            })),
                        });
                    }
                }
                Fact::Tags => {
                    for t in &named.tags.list {
                        vars.push(Var {
                            fact,
                            about: Some(t.clone()),
                            values: yes_no(),
                            text: format!("Would you tag {who} as {t}?"),
                            group: None,
                        });
                    }
                }
                Fact::MutualConnections => {
                    let mut values = Vec::new();
                    let mut from = 0;
                    // Each threshold ends a range; the last range has no end.
                    let ends = named.thresholds.iter().copied().map(Some).chain([None]);
                    for below in ends {
                        let text = match (from, below) {
                            (0, Some(b)) => format!("Fewer than {b}"),
                            (a, Some(b)) => format!("{a} to {}", b - 1),
                            (a, None) => format!("{a} or more"),
                        };
                        values.push((
                            text,
                            AnswerValue::MutualConnections {
                                at_least: from,
                                below,
                            },
                        ));
                        from = below.unwrap_or(from);
                    }
                    if values.len() > 1 {
                        vars.push(var(
                            fact,
                            format!("How many connections do you and {who} share?"),
                            values,
                        ));
                    }
                }
            }
        }
        // A fact the policy tells nothing apart in has nothing to ask.
        vars.retain(|v| v.values.len() > 1);
        vars
    }
}

fn acquaintance_words(a: Acquaintance) -> &'static str {
    match a {
        Acquaintance::Never => "We have never spoken",
        Acquaintance::Spoken => "We have only spoken or written",
        Acquaintance::MetInPerson => "We met in person",
        Acquaintance::WorkedRemotely => "We worked together remotely",
        Acquaintance::WorkedInPerson => "We worked together in person",
    }
}

/// Answers about a view, in the order of [`View::ALL`] read from the best.
fn views(words: [&str; 3]) -> Vec<(String, AnswerValue)> {
    [View::Positive, View::Unknown, View::Negative]
        .into_iter()
        .zip(words)
        .map(|(v, w)| (w.to_owned(), AnswerValue::View(v)))
        .collect()
}

/// The contact with only its known facts: the unknown ones at their
/// defaults, to be filled in.
fn known_part(contact: &Contact, unknown: &[Fact]) -> Contact {
    let mut c = Contact::new(contact.name());
    for fact in Fact::ALL {
        if unknown.contains(&fact) {
            continue;
        }
        c = match fact {
            Fact::Acquaintance => c.with_acquaintance(contact.acquaintance()),
            Fact::MyView => c.with_my_view(contact.my_view()),
            Fact::TheirView => c.with_their_view(contact.their_view()),
            Fact::Recruiter => c.with_recruiter(contact.is_recruiter()),
            Fact::Friend => c.with_friend(contact.is_friend()),
            Fact::Star => c.with_star(contact.is_star()),
            Fact::FacebookFriend => c.with_facebook_friend(contact.is_facebook_friend()),
            Fact::Profession => match contact.profession() {
                Some(p) => c.with_profession(p),
                None => c,
            },
            Fact::Passions => contact.passions().fold(c, |c, p| c.with_passion(p)),
            Fact::Tags => contact.tags().fold(c, |c, t| c.with_tag(t)),
            Fact::MutualConnections => c.with_mutual_connections(contact.mutual_connections()),
            Fact::Message => match contact.message() {
                Some(m) => c.with_message(m),
                None => c,
            },
            // A setting, not the contact's.
            Fact::JobSeeking => c,
        };
    }
    c
}

/// `contact` with `value` of `var` filled in; job seeking goes to
/// `job_seeking`.
fn fill(
    contact: Contact,
    var: &Var,
    value: &AnswerValue,
    job_seeking: &mut Option<bool>,
) -> Contact {
    let about = var.about.as_deref().unwrap_or("");
    match (var.fact, value) {
        (Fact::Acquaintance, AnswerValue::Acquaintance(a)) => contact.with_acquaintance(*a),
        (Fact::MyView, AnswerValue::View(v)) => contact.with_my_view(*v),
        (Fact::TheirView, AnswerValue::View(v)) => contact.with_their_view(*v),
        (Fact::Recruiter, AnswerValue::Bool(b)) => contact.with_recruiter(*b),
        (Fact::Friend, AnswerValue::Bool(b)) => contact.with_friend(*b),
        (Fact::Star, AnswerValue::Bool(b)) => contact.with_star(*b),
        (Fact::FacebookFriend, AnswerValue::Bool(b)) => contact.with_facebook_friend(*b),
        (Fact::Message, AnswerValue::Bool(true)) => contact.with_message("(a note)"),
        (Fact::Passions, AnswerValue::Bool(true)) => contact.with_passion(about),
        (Fact::Tags, AnswerValue::Bool(true)) => contact.with_tag(about),
        (Fact::Profession, AnswerValue::Profession(p)) => contact.with_profession(p),
        (Fact::MutualConnections, AnswerValue::MutualConnections { at_least, .. }) => {
            contact.with_mutual_connections(*at_least)
        }
        (Fact::JobSeeking, AnswerValue::Bool(b)) => {
            *job_seeking = Some(*b);
            contact
        }
        // "No", "something else": the default the contact has already.
        _ => contact,
    }
}

/// The tree of a policy with rules written in Rust: every unknown fact in
/// order, then evaluate.
fn chain(vars: Vec<Var>, rust_rules: Vec<String>) -> AskTree {
    let last = vars.len();
    let mut nodes: Vec<AskNode> = vars
        .into_iter()
        .enumerate()
        .map(|(i, var)| {
            AskNode::Question(Question {
                fact: var.fact,
                about: var.about,
                text: var.text,
                answers: var
                    .values
                    .into_iter()
                    .map(|(text, value)| Answer {
                        text,
                        value,
                        next: i + 1,
                    })
                    .collect(),
                group: var.group,
            })
        })
        .collect();
    debug_assert_eq!(nodes.len(), last);
    nodes.push(AskNode::Evaluate);
    AskTree {
        nodes,
        exact: true,
        rust_rules,
    }
}

/// What every completion of a state gives: the decisions among them (a
/// bit each), and the one rule when all give the same.
#[derive(Clone, Copy)]
struct Summary {
    decisions: u8,
    rule: Option<u32>,
    rules_differ: bool,
}

impl Summary {
    fn decided(self) -> bool {
        self.decisions.count_ones() <= 1
    }
}

struct Builder {
    vars: Vec<Var>,
    /// Each completion's decision and rule (an index into `rule_ids`), in
    /// mixed radix over `vars`, the first the fastest.
    outcomes: Vec<(Decision, u32)>,
    rule_ids: Vec<String>,
    /// The variables whose answer can change the decision.
    relevant: Vec<usize>,
    /// Best depth and question of each state searched exactly.
    memo: HashMap<Vec<u8>, (usize, Option<usize>)>,
    work: usize,
    nodes: Vec<AskNode>,
    built: HashMap<Vec<u8>, usize>,
}

impl Builder {
    fn new(
        policy: &Policy,
        base: &Contact,
        vars: Vec<Var>,
        platform: &Platform,
        direction: Direction,
    ) -> Result<Builder, AnalysisError> {
        let total = vars
            .iter()
            .try_fold(1usize, |n, v| n.checked_mul(v.values.len()))
            .filter(|n| *n <= MAX_COMPLETIONS)
            .ok_or(AnalysisError::TooManyUnknowns {
                limit: MAX_COMPLETIONS,
            })?;
        let policies = [false, true].map(|js| {
            let mut p = policy.clone();
            p.set_job_seeking(js);
            p
        });
        let mut rule_ids: Vec<String> = Vec::new();
        let mut rule_index: HashMap<String, u32> = HashMap::new();
        let mut outcomes = Vec::with_capacity(total);
        let mut digits = vec![0usize; vars.len()];
        for _ in 0..total {
            let mut job_seeking = None;
            let mut contact = base.clone();
            for (var, &d) in vars.iter().zip(&digits) {
                contact = fill(contact, var, &var.values[d].1, &mut job_seeking);
            }
            let p = &policies[usize::from(job_seeking.unwrap_or(policy.settings.job_seeking))];
            let verdict = p.evaluate(&contact, platform, direction);
            let id = verdict.rule_id();
            let next = rule_ids.len() as u32;
            let rule = *rule_index.entry(id.to_owned()).or_insert_with(|| {
                rule_ids.push(id.to_owned());
                next
            });
            outcomes.push((verdict.decision(), rule));
            for (d, var) in digits.iter_mut().zip(&vars) {
                *d += 1;
                if *d < var.values.len() {
                    break;
                }
                *d = 0;
            }
        }
        let strides: Vec<usize> = vars
            .iter()
            .scan(1, |s, v| {
                let here = *s;
                *s *= v.values.len();
                Some(here)
            })
            .collect();
        // A variable is relevant when changing it alone changes a decision.
        let relevant = (0..vars.len())
            .filter(|&v| {
                let (stride, size) = (strides[v], vars[v].values.len());
                (0..total).any(|i| {
                    let digit = (i / stride) % size;
                    digit + 1 < size && outcomes[i].0 != outcomes[i + stride].0
                })
            })
            .collect();
        Ok(Builder {
            vars,
            outcomes,
            rule_ids,
            relevant,
            memo: HashMap::new(),
            work: 0,
            nodes: Vec::new(),
            built: HashMap::new(),
        })
    }

    /// The decisions and rule of every completion of `state`.
    fn scan(&mut self, state: &[u8]) -> Summary {
        let mut summary = Summary {
            decisions: 0,
            rule: None,
            rules_differ: false,
        };
        let mut digits: Vec<usize> = state
            .iter()
            .map(|&s| if s == FREE { 0 } else { usize::from(s) })
            .collect();
        loop {
            let mut index = 0;
            let mut stride = 1;
            for (var, &d) in self.vars.iter().zip(&digits) {
                index += d * stride;
                stride *= var.values.len();
            }
            self.work += 1;
            let (decision, rule) = self.outcomes[index];
            summary.decisions |= 1 << (decision as u8);
            match summary.rule {
                None => summary.rule = Some(rule),
                Some(r) if r != rule => summary.rules_differ = true,
                Some(_) => {}
            }
            // The next completion: the free digits counted up.
            let mut carried = true;
            for (v, d) in digits.iter_mut().enumerate() {
                if state[v] != FREE {
                    continue;
                }
                *d += 1;
                if *d < self.vars[v].values.len() {
                    carried = false;
                    break;
                }
                *d = 0;
            }
            if carried {
                return summary;
            }
        }
    }

    /// Searches for the least worst-case depth from the start; `false`
    /// when the budget ran out (the greedy rule then builds the tree).
    fn search(&mut self) -> bool {
        let mut state = vec![FREE; self.vars.len()];
        let found = self.exact(&mut state).is_some();
        if !found {
            self.memo.clear();
        }
        found
    }

    /// The least worst-case number of questions from `state`, recording
    /// the best question in `memo`; `None` past the budget.
    fn exact(&mut self, state: &mut Vec<u8>) -> Option<usize> {
        if let Some(&(depth, _)) = self.memo.get(state.as_slice()) {
            return Some(depth);
        }
        if self.work > EXACT_BUDGET {
            return None;
        }
        if self.scan(state).decided() {
            self.memo.insert(state.clone(), (0, None));
            return Some(0);
        }
        let mut best = (usize::MAX, None);
        for v in self.relevant.clone() {
            if state[v] != FREE {
                continue;
            }
            let mut worst = 0;
            for a in 0..self.vars[v].values.len() {
                state[v] = a as u8;
                let depth = self.exact(state);
                state[v] = FREE;
                worst = worst.max(depth?);
                if worst + 1 >= best.0 {
                    break;
                }
            }
            if worst + 1 < best.0 {
                best = (worst + 1, Some(v));
            }
        }
        self.memo.insert(state.clone(), best);
        Some(best.0)
    }

    /// The question to ask in `state`: the exact search's, else the greedy
    /// rule's.
    fn choose(&mut self, state: &mut [u8]) -> Option<usize> {
        if let Some(&(_, choice)) = self.memo.get(&*state) {
            return choice;
        }
        let mut best: Option<((u32, u32), usize)> = None;
        for v in self.relevant.clone() {
            if state[v] != FREE {
                continue;
            }
            let (mut worst, mut all) = (0, 0);
            for a in 0..self.vars[v].values.len() {
                state[v] = a as u8;
                let n = self.scan(state).decisions.count_ones();
                worst = worst.max(n);
                all += n;
            }
            state[v] = FREE;
            if best.is_none_or(|(key, _)| (worst, all) < key) {
                best = Some(((worst, all), v));
            }
        }
        best.map(|(_, v)| v)
    }

    /// Builds the node of the start state and all it leads to; answers'
    /// nodes come after their question.
    fn build(&mut self) -> Result<usize, AnalysisError> {
        let mut state = vec![FREE; self.vars.len()];
        self.node(&mut state)
    }

    fn node(&mut self, state: &mut Vec<u8>) -> Result<usize, AnalysisError> {
        if let Some(&id) = self.built.get(state.as_slice()) {
            return Ok(id);
        }
        if self.nodes.len() >= MAX_NODES {
            return Err(AnalysisError::TooComplex {
                limit: MAX_NODES as u64,
            });
        }
        if self.work > MAX_WORK {
            return Err(AnalysisError::TooComplex {
                limit: MAX_WORK as u64,
            });
        }
        let summary = self.scan(state);
        let id = self.nodes.len();
        self.built.insert(state.clone(), id);
        if summary.decided() {
            let (decision, rule) = self.outcome_of(summary);
            self.nodes.push(AskNode::Decided { decision, rule });
            return Ok(id);
        }
        let Some(v) = self.choose(state) else {
            // Not reached: an undecided state has a relevant free variable.
            self.nodes.push(AskNode::Evaluate);
            return Ok(id);
        };
        self.nodes.push(AskNode::Evaluate);
        let mut answers = Vec::with_capacity(self.vars[v].values.len());
        for a in 0..self.vars[v].values.len() {
            state[v] = a as u8;
            let next = self.node(state)?;
            state[v] = FREE;
            let (text, value) = self.vars[v].values[a].clone();
            answers.push(Answer { text, value, next });
        }
        let var = &self.vars[v];
        self.nodes[id] = AskNode::Question(Question {
            fact: var.fact,
            about: var.about.clone(),
            text: var.text.clone(),
            answers,
            group: var.group.clone(),
        });
        Ok(id)
    }

    fn outcome_of(&self, summary: Summary) -> (Decision, Option<String>) {
        let decision = Decision::ALL
            .into_iter()
            .find(|d| summary.decisions & (1 << (*d as u8)) != 0)
            .unwrap_or(Decision::MeetFirst);
        let rule = summary
            .rule
            .filter(|_| !summary.rules_differ)
            .and_then(|r| self.rule_ids.get(r as usize).cloned());
        (decision, rule)
    }
}
