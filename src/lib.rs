//! Decide whether to connect with a person on a given network, and say why.
//!
//! acquaint encodes a professional-networking philosophy as a default
//! policy, answers each request with a [`Verdict`] (a [`Decision`], the id of
//! the rule that decided, and an explanation a person can read), and lets you
//! add rules of your own, in Rust or in a policy file.
//!
//! # The design on one screen
//!
//! - A [`Policy`] holds the user's settings and rules. [`Policy::default()`]
//!   is the philosophy; [`Policy::builder`] gives a [`PolicyBuilder`] to set
//!   your own, add [`Rule`]s written in Rust and [`DataRule`]s; a policy
//!   document loads with any serde format, and [`Policy::into_builder`]
//!   extends a loaded one.
//! - A [`Contact`] is what you know of the other person, built with
//!   chained `with_*` calls or read from data.
//! - [`Policy::evaluate`] (or the function [`evaluate`]) takes a contact, a
//!   [`Platform`] and a [`Direction`] and returns a [`Verdict`]: the
//!   decision and the rule's id at once, with no allocation; the
//!   explanation and a suggested reply when asked for.
//!   [`Policy::evaluate_all`] does the same for a batch, lazily.
//! - Thread safety: every public type is `Send + Sync`, and a policy never
//!   changes while it evaluates: build it once, share it (`Arc<Policy>`
//!   or `&Policy`), evaluate from any thread.
//! - JSON in and out (the default `serde` feature): contacts and policies
//!   deserialize, verdicts serialize through [`VerdictRecord`], and
//!   mistakes in a policy are typed [`PolicyError`]s, also through
//!   [`Policy::from_deserializer`] with its [`LoadError`].
//! - Facts not known yet: [`Policy::ask`] gives the fewest questions that
//!   decide an invitation, as an [`AskTree`] a program can drive.
//!
//! ```
//! use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};
//!
//! let policy = Policy::default();
//!
//! // Someone I worked with and would vouch for, and who would vouch for me.
//! let ada = Contact::new("Ada Lovelace")
//!     .with_acquaintance(Acquaintance::WorkedInPerson)
//!     .with_my_view(View::Positive)
//!     .with_their_view(View::Positive);
//! let verdict = policy.evaluate(&ada, &Platform::LinkedIn, Direction::Incoming);
//! assert_eq!(verdict.decision(), Decision::Accept);
//! assert_eq!(verdict.rule_id(), "linkedin.mutual-vouch");
//!
//! // A stranger: not refused, but asked to meet first.
//! let stranger = Contact::new("Bob").with_mutual_connections(250);
//! let verdict = policy.evaluate(&stranger, &Platform::LinkedIn, Direction::Incoming);
//! assert_eq!(verdict.decision(), Decision::MeetFirst);
//! println!("{}", verdict.explanation());
//! println!("{}", verdict.reply().unwrap_or_default());
//! ```
//!
//! # The philosophy
//!
//! Every network has a purpose, and the right answer depends on it.
//!
//! - **LinkedIn is for people you have already met** (in person, or by
//!   working together) **and could vouch for**: connect only if each of you
//!   would speak positively of the other's professional ability. A stranger
//!   is offered a meeting first; anyone either of you would speak badly of is
//!   declined. Being nice is not a reason: Facebook friendship, mutual
//!   connections and a polite message never change a LinkedIn decision.
//! - **The recruiter override**: while you are job seeking, accept a
//!   recruiter's invitation even though you have never met.
//! - **Twitter is for meeting people you would like to meet**: connect when
//!   they share your profession, work in one that interests you, are a star
//!   of their field, or share one of your passions.
//! - **Facebook is for friends.**
//!
//! Each of these is a [`BuiltinRule`] with a stable id (such as
//! `linkedin.not-met`), tried in order; the first that applies decides.
//!
//! # Your own rules
//!
//! User rules come before the built-in ones, and any built-in rule can be
//! switched off by its id. Write them in Rust by implementing [`Rule`], or as
//! data ([`DataRule`], [`Condition`]) in a policy file loaded with the serde
//! format crate of your choice:
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use acquaint::{Contact, Decision, Direction, Platform, Policy};
//!
//! let policy: Policy = toml::from_str(r#"
//!     job-seeking = false
//!     platforms = ["mastodon"]
//!     disable = ["linkedin.recruiter-override"]
//!
//!     [[rules]]
//!     id = "fediverse-friends"
//!     platforms = ["mastodon"]
//!     when = { any = [{ friend = true }, { tag = "fediverse" }] }
//!     decision = "accept"
//!     reason = "Mastodon is for friends and the fediverse crowd"
//! "#)?;
//!
//! let mastodon: Platform = "mastodon".parse()?;
//! let eve = Contact::new("Eve").with_tag("Fediverse");
//! let verdict = policy.evaluate(&eve, &mastodon, Direction::Outgoing);
//! assert_eq!(verdict.decision(), Decision::Accept);
//! assert_eq!(verdict.rule_id(), "fediverse-friends");
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A policy is validated when it is built or loaded: every mistake is a
//! [`PolicyError`] that names the rule and the field, and
//! [`evaluate`](Policy::evaluate) never fails.
//!
//! # Why not, and what would it take
//!
//! The facts acquaint decides on are few and finite, so it can answer
//! exactly, not by sampling:
//!
//! - [`Policy::what_would_change`]: the smallest changes a person can make
//!   (meeting, working together, a view, job seeking) that would give
//!   another decision, each a [`Change`] with that decision and its rule;
//! - [`Policy::analyze`]: [`Warning`]s for rules that can never decide;
//! - [`Policy::decision_table`]: a [`DecisionTable`] of everything a policy
//!   decides on a platform, as Markdown, its rows' facts also as data
//!   ([`FactCell`]s: the condition keys and values a policy document
//!   uses);
//! - [`Policy::diff`]: a [`PolicyDiff`] of where two policies decide
//!   differently on a platform (what an edit changes), as rows like the
//!   table's, each [`DiffRow`] with the decision and rule before and after.
//!
//! ```
//! use acquaint::{Contact, Direction, Platform, Policy};
//!
//! let policy = Policy::default();
//! let sam = Contact::new("Sam");
//! let changes = policy.what_would_change(&sam, &Platform::LinkedIn, Direction::Incoming);
//! assert_eq!(
//!     changes[0].to_string(),
//!     "meet in person and come to speak positively of each other's work \
//!      → accept (linkedin.mutual-vouch)"
//! );
//! assert!(policy.analyze()?.is_empty());
//! println!("{}", policy.decision_table(&Platform::LinkedIn)?);
//! # Ok::<(), acquaint::AnalysisError>(())
//! ```
//!
//! # Scope of this crate
//!
//! acquaint decides and explains; it does not talk to any network, read
//! exports or store contacts. It holds no state between calls: the program
//! embedding it gathers what it knows of each person into a [`Contact`].
//! It is not a general policy engine: its facts are the few that matter to
//! the philosophy, which is what lets it decide in nanoseconds.
//!
//! # Crate features
//!
//! - **`serde`** *(default)*: `Serialize`/`Deserialize` for contacts,
//!   decisions, verdict records and policies, and for one data rule,
//!   condition or example alone; loading policy documents with any serde
//!   format crate.
//! - **`toml`**, **`json`**, **`yaml`**: `Policy::from_toml_str`,
//!   `Policy::from_json_str` and `Policy::from_yaml_str`, which load a
//!   document from text and give each mistake its [`SourcePosition`]
//!   ([`PolicyError::position`]); each brings its format's reader.

// No unsafe code in the library; tests may opt out (see Cargo.toml).
#![forbid(unsafe_code)]
// On docs.rs, mark the items that need a feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

// Modules form layers; each imports only from the layers below it.
//
// 1. Vocabulary: `limits`, `names` (the names a policy document uses),
//    `text`, `error`, then `contact`, `platform`, `decision`, `reply`
//    (reply templates), `settings` (the user's own), `request` (what a
//    rule looks at) and `policy_example` (a request and the decision
//    expected for it, which a policy holds).
// 2. Rules: `condition` (with `condition/walk.rs`, the one walk over a
//    condition's tree), then `builtin` (the built-in rules, each also as
//    a condition, and their explanations) and `rules` (the `Rule` trait
//    and data rules).
// 3. `verdict`: the answer, and its explanation.
// 4. `reach` (which platforms each rule can apply on), `compiled` (a
//    policy's data rules compiled into a `RuleIndex` for evaluation), then
//    `policy`: the policy and its evaluation, with
//    `policy/builder.rs` and `policy/validate.rs`.
// 5. `document`: policy documents in any serde format; it validates with
//    `policy/validate.rs` as it reads. `policy_format` is its reference
//    for users, docs only (`document/format.md`, checked against the
//    vocabulary by a test).
// 6. `analysis`: what a policy decides over the whole space of facts, on
//    the engine in `analysis/engine/`; `check`: a policy against its own
//    examples.
mod limits;
mod names;
mod text;

mod contact;
mod decision;
mod error;
mod platform;
mod policy_example;
mod reply;
mod request;
mod settings;

mod builtin;
mod condition;
mod rules;

mod verdict;

mod compiled;
mod policy;
mod reach;

#[cfg(feature = "serde")]
mod document;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
#[doc = include_str!("document/format.md")]
pub mod policy_format {}

mod analysis;
mod check;

pub use analysis::{
    AnalysisError, Answer, AnswerValue, AskNode, AskTree, Change, DecisionTable, DiffRow, Fact,
    FactCell, FactChange, FactValue, PolicyDiff, Question, TableRow, Warning,
};
pub use builtin::BuiltinRule;
pub use check::ExampleFailure;
pub use condition::Condition;
pub use contact::{Acquaintance, Contact, View};
pub use decision::Decision;
#[cfg(feature = "serde")]
pub use document::{LoadError, SourceError};
pub use error::{Location, NameKind, ParseError, PolicyError, PolicyErrorKind, SourcePosition};
pub use platform::{Direction, Platform, PlatformName};
pub use policy::{BatchItem, Place, Policy, PolicyBuilder};
pub use policy_example::Example;
pub use request::Request;
pub use rules::{DataRule, Rule};
pub use settings::Settings;
pub use verdict::{Verdict, VerdictRecord};

/// Decides whether to connect with `contact` on `platform`; the same as
/// [`Policy::evaluate`].
///
/// Both exist on purpose: the method reads best in code that holds a
/// policy, and this function is the crate's one-line answer to its one
/// question, and a plain `fn` to pass where a function is expected.
///
/// ```
/// use acquaint::{evaluate, Contact, Decision, Direction, Platform, Policy};
///
/// let policy = Policy::default();
/// let friend = Contact::new("Kim").with_friend(true);
/// let verdict = evaluate(&policy, &friend, &Platform::Facebook, Direction::Incoming);
/// assert_eq!(verdict.decision(), Decision::Accept);
/// ```
#[inline]
pub fn evaluate<'a>(
    policy: &'a Policy,
    contact: &'a Contact,
    platform: &'a Platform,
    direction: Direction,
) -> Verdict<'a> {
    policy.evaluate(contact, platform, direction)
}

// Compile the README's examples as doctests, so the first code a user copies
// always works (it loads a policy file, so it needs serde).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
