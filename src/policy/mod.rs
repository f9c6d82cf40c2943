//! The policy: the user's settings, their rules, and evaluation. It is
//! built by [`PolicyBuilder`] (`builder.rs`), which checks it with
//! `validate.rs`, as the document reader does.
//!
//! `impl Policy` continues above this module, in the folder `analysis/`:
//! [`Policy::analyze`], [`Policy::what_would_change`] and
//! [`Policy::decision_table`]; and a policy document is read and written
//! in `document/`.

use std::fmt;
use std::sync::Arc;

use crate::builtin::{BuiltinRule, BuiltinSet};
use crate::compiled::{Candidates, RuleIndex};
use crate::condition::{Condition, MyList};
use crate::contact::Contact;
use crate::decision::Decision;
use crate::platform::{Direction, Platform};
use crate::policy_example::Example;
use crate::reach::RuleReach;
use crate::request::Request;
use crate::rules::{DataRule, Rule};
use crate::settings::Settings;
use crate::verdict::{Decider, Verdict};

mod builder;
pub(crate) mod validate;

pub use builder::{Place, PolicyBuilder};

/// A user rule: data or Rust.
#[derive(Clone)]
pub(crate) enum UserRule {
    Data(DataRule),
    /// A rule written in Rust, with its id as read once, when it was added:
    /// verdicts, tables and analyses show this id whatever `Rule::id`
    /// returns later, so a rule cannot take a reserved id after the check.
    Custom {
        id: Box<str>,
        rule: Arc<dyn Rule>,
    },
}

impl UserRule {
    pub(crate) fn custom(rule: Arc<dyn Rule>) -> UserRule {
        UserRule::Custom {
            id: rule.id().into(),
            rule,
        }
    }

    /// The rule as a data rule, or `None` when it is written in Rust.
    pub(crate) fn as_data(&self) -> Option<&DataRule> {
        match self {
            UserRule::Data(rule) => Some(rule),
            UserRule::Custom { .. } => None,
        }
    }

    pub(crate) fn id(&self) -> &str {
        match self {
            UserRule::Data(r) => &r.id,
            UserRule::Custom { id, .. } => id,
        }
    }
}

impl fmt::Debug for UserRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UserRule::Data(r) => r.fmt(f),
            UserRule::Custom { id, rule } => f
                .debug_struct("RustRule")
                .field("id", id)
                .field("rule", rule)
                .finish(),
        }
    }
}

/// The rules that decide, with the user's settings.
///
/// [`Policy::default()`] is the built-in philosophy: LinkedIn for people you
/// have met and could vouch for, Twitter for people you would like to meet,
/// Facebook for friends, and the recruiter override for job seekers. Build
/// your own with [`Policy::builder`], or load one from a policy file with any
/// serde format crate (the default `serde` feature).
///
/// A policy is validated when it is built or loaded, so
/// [`evaluate`](Policy::evaluate) never fails.
///
/// ```
/// use acquaint::{Contact, Decision, Direction, Platform, Policy};
///
/// let policy = Policy::builder()
///     .profession("software engineer")
///     .passion("animals")
///     .build()?;
/// let vet = Contact::new("Sam").with_passion("Animals");
/// let verdict = policy.evaluate(&vet, &Platform::Twitter, Direction::Outgoing);
/// assert_eq!(verdict.decision(), Decision::Accept);
/// assert_eq!(verdict.rule_id(), "twitter.shared-purpose");
/// # Ok::<(), acquaint::PolicyError>(())
/// ```
#[derive(Clone, Default)]
pub struct Policy {
    pub(crate) settings: Settings,
    pub(crate) platforms: Vec<Platform>,
    pub(crate) rules: Vec<UserRule>,
    pub(crate) disabled: BuiltinSet,
    pub(crate) fallback: Decision,
    /// Requests and the decisions the author expects; they never change a
    /// decision.
    pub(crate) examples: Vec<Example>,
    /// The data rules compiled when the policy was built; `None` when it
    /// holds a rule written in Rust, or rules too many or too large to
    /// compile (they are then tried one by one).
    pub(crate) rule_index: Option<Arc<RuleIndex>>,
    /// The user rules by the platforms they can apply on.
    pub(crate) reach: Arc<RuleReach>,
}

// The limits are written as numbers, so that the docs show them; two are
// checked below the policy with `limits`, and a test keeps those equal.
impl Policy {
    /// How deeply conditions may nest (`not`, `all` and `any` each add a
    /// level; a single fact is one level).
    pub const MAX_DEPTH: usize = 32;
    /// The longest rule id, in characters.
    pub const MAX_ID_LEN: usize = 64;
    /// The longest reason, in characters.
    pub const MAX_REASON_LEN: usize = 1000;
    /// The longest profession, passion or tag in settings or conditions, in
    /// characters, once trimmed and lowercased (as it is stored).
    pub const MAX_TEXT_LEN: usize = 200;
    /// The most user rules a policy may hold.
    pub const MAX_RULES: usize = 10_000;
    /// The most examples a policy may hold.
    pub const MAX_EXAMPLES: usize = 10_000;
    /// The most characters of a contact's name (or first name) a reply
    /// shows; a longer one is cut. So a reply is at most its template's
    /// length plus this many characters per placeholder.
    pub const MAX_NAME_IN_REPLY: usize = 100;

    /// This policy as it reads on `platform` alone: its user rules that can
    /// apply there, in order, and no examples. What one platform's analysis
    /// starts from, so that it costs the rules that can apply there rather
    /// than every rule of the policy.
    pub(crate) fn on_platform(&self, platform: &Platform) -> Policy {
        let rules: Vec<UserRule> = self
            .reach
            .on(platform)
            .into_iter()
            .filter_map(|i| self.rules.get(i).cloned())
            .collect();
        // My lists, when no rule that can apply reads them, are left out:
        // the tables of many platforms then cost their own rules alone.
        let builtin: Vec<Condition> = BuiltinRule::ALL
            .into_iter()
            .filter(|rule| rule.platform() == *platform && self.is_enabled(*rule))
            .filter_map(BuiltinRule::condition)
            .collect();
        let conditions = rules
            .iter()
            .filter_map(|rule| rule.as_data()?.condition())
            .chain(&builtin);
        let mut settings = self.settings.clone();
        let (mut passions, mut professions) = (false, false);
        for node in conditions.flat_map(Condition::nodes) {
            match node.my_list() {
                Some(MyList::Passions) => passions = true,
                Some(MyList::InterestingProfessions) => professions = true,
                None => {}
            }
        }
        if !passions {
            settings.passions = Arc::default();
        }
        if !professions {
            settings.interesting_professions = Arc::default();
        }
        Policy {
            settings,
            platforms: if platform.is_user_named() {
                vec![platform.clone()]
            } else {
                Vec::new()
            },
            rules,
            disabled: self.disabled,
            fallback: self.fallback,
            examples: Vec::new(),
            rule_index: None,
            reach: Arc::default(),
        }
    }

    /// Starts building a policy from the default philosophy.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// Decides whether to connect with `contact` on `platform`.
    ///
    /// User rules are tried first, in order, then the enabled built-in rules
    /// of the platform; the first that applies decides. When none applies,
    /// the policy's fallback decides. Pure, deterministic and
    /// allocation-free: the explanation is built only when asked for.
    ///
    /// # Panics
    ///
    /// Only if a rule written in Rust ([`Rule::decide`]) panics: the panic
    /// reaches the caller. acquaint's own rules and data rules never panic.
    ///
    /// ```
    /// use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};
    ///
    /// let policy = Policy::default();
    /// let stranger = Contact::new("Ada");
    /// let verdict = policy.evaluate(&stranger, &Platform::LinkedIn, Direction::Incoming);
    /// assert_eq!(verdict.decision(), Decision::MeetFirst);
    /// assert_eq!(verdict.rule_id(), "linkedin.not-met");
    /// assert!(verdict.reply().unwrap().starts_with("Hi Ada"));
    /// ```
    #[inline]
    pub fn evaluate<'a>(
        &'a self,
        contact: &'a Contact,
        platform: &'a Platform,
        direction: Direction,
    ) -> Verdict<'a> {
        let request = Request::new(contact, platform, direction, &self.settings);
        let decider = self.decide(&request);
        Verdict::new(decider, request)
    }

    #[inline]
    pub(crate) fn decide<'a>(&'a self, request: &Request<'_>) -> (Decision, Decider<'a>) {
        // The built-in rules alone, the usual case, test one length here.
        if !self.rules.is_empty() {
            if let Some(decided) = self.decide_by_user_rules(request) {
                return decided;
            }
        }
        match self.disabled.first_applying(request) {
            Some(rule) => (rule.decision(), Decider::Builtin(rule)),
            None => (self.fallback, Decider::Fallback),
        }
    }

    /// The first user rule that applies, through the compiled form when
    /// there is one.
    #[inline]
    fn decide_by_user_rules<'a>(
        &'a self,
        request: &Request<'_>,
    ) -> Option<(Decision, Decider<'a>)> {
        let Some(index) = &self.rule_index else {
            return self.interpret(request);
        };
        // Compiled policies hold data rules only.
        match index.candidates(request) {
            Candidates::None => {}
            Candidates::Sure(i) => {
                if let Some(UserRule::Data(r)) = self.rules.get(i) {
                    return Some((r.decision, Decider::Data(r)));
                }
            }
            Candidates::List(list) => {
                for (i, sure) in list {
                    if let Some(UserRule::Data(r)) = self.rules.get(i) {
                        if sure || r.condition_holds(request) {
                            return Some((r.decision, Decider::Data(r)));
                        }
                    }
                }
            }
        }
        None
    }

    /// The first user rule that applies, trying each in turn: for rules
    /// written in Rust, and for policies too large to compile.
    pub(crate) fn interpret<'a>(
        &'a self,
        request: &Request<'_>,
    ) -> Option<(Decision, Decider<'a>)> {
        for rule in &self.rules {
            match rule {
                UserRule::Data(r) => {
                    if r.applies(request) {
                        return Some((r.decision, Decider::Data(r)));
                    }
                }
                UserRule::Custom { id, rule } => {
                    if let Some(d) = rule.decide(request) {
                        return Some((d, Decider::Custom { id, rule: &**rule }));
                    }
                }
            }
        }
        None
    }

    /// Evaluates many requests at once, lazily: each item gives one
    /// verdict, in order, with no allocation per item.
    ///
    /// An item is a `(&Contact, &Platform, Direction)`, or a reference to an
    /// owned `(Contact, Platform, Direction)`, so a slice or `Vec` of
    /// requests can be passed as it is (see [`BatchItem`]).
    ///
    /// # Panics
    ///
    /// Only if a rule written in Rust panics: the iterator has then yielded
    /// the verdicts before that request, and the panic reaches the caller
    /// of `next`. A host that must go on past such a rule can evaluate each
    /// request under [`std::panic::catch_unwind`]: a policy holds no state
    /// that a panic could leave half-changed. `Policy` is not
    /// `RefUnwindSafe` (a rule written in Rust may hold anything), so wrap
    /// the call in [`AssertUnwindSafe`](std::panic::AssertUnwindSafe),
    /// which is sound here for that reason:
    ///
    /// ```
    /// use std::panic::{AssertUnwindSafe, catch_unwind};
    /// use acquaint::{Contact, Decision, Direction, Platform, Policy};
    ///
    /// let policy = Policy::default();
    /// let ada = Contact::new("Ada");
    /// let decided = catch_unwind(AssertUnwindSafe(|| {
    ///     policy.evaluate(&ada, &Platform::LinkedIn, Direction::Incoming).decision()
    /// }));
    /// assert_eq!(decided.ok(), Some(Decision::MeetFirst));
    /// ```
    ///
    /// ```
    /// use acquaint::{Contact, Decision, Direction, Platform, Policy};
    ///
    /// let policy = Policy::default();
    /// let people = [Contact::new("Ada"), Contact::new("Bob").with_friend(true)];
    /// let requests = people.iter().map(|c| (c, &Platform::Facebook, Direction::Incoming));
    /// let decisions: Vec<Decision> = policy.evaluate_all(requests).map(|v| v.decision()).collect();
    /// assert_eq!(decisions, [Decision::Decline, Decision::Accept]);
    ///
    /// let pending = vec![
    ///     (Contact::new("Cy"), Platform::LinkedIn, Direction::Incoming),
    ///     (Contact::new("Di").with_star(true), Platform::Twitter, Direction::Outgoing),
    /// ];
    /// let ids: Vec<&str> = policy.evaluate_all(&pending).map(|v| v.rule_id()).collect();
    /// assert_eq!(ids, ["linkedin.not-met", "twitter.shared-purpose"]);
    /// ```
    pub fn evaluate_all<'a, I>(&'a self, requests: I) -> impl Iterator<Item = Verdict<'a>> + 'a
    where
        I: IntoIterator,
        I::Item: BatchItem<'a>,
        I::IntoIter: 'a,
    {
        requests.into_iter().map(move |item| {
            let (contact, platform, direction) = item.parts();
            self.evaluate(contact, platform, direction)
        })
    }

    /// A builder holding everything this policy holds (settings, platforms,
    /// rules, switched-off built-in rules, fallback), to extend or change
    /// it: the way to add a rule written in Rust to a policy loaded from a
    /// file. The same as `PolicyBuilder::from(policy)`.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use acquaint::{Contact, Decision, Direction, Platform, Policy, Request, Rule};
    ///
    /// #[derive(Debug)]
    /// struct Colleagues;
    ///
    /// impl Rule for Colleagues {
    ///     fn id(&self) -> &str {
    ///         "colleagues"
    ///     }
    ///     fn decide(&self, request: &Request<'_>) -> Option<Decision> {
    ///         request.contact.has_tag("colleague").then_some(Decision::Accept)
    ///     }
    /// }
    ///
    /// let loaded: Policy = toml::from_str("job-seeking = true\ndisable = [\"facebook.not-a-friend\"]")?;
    /// let policy = loaded.into_builder().rule(Colleagues).build()?;
    /// assert!(policy.settings().job_seeking());
    /// let kim = Contact::new("Kim").with_tag("Colleague");
    /// let verdict = policy.evaluate(&kim, &Platform::LinkedIn, Direction::Incoming);
    /// assert_eq!(verdict.rule_id(), "colleagues");
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_builder(self) -> PolicyBuilder {
        PolicyBuilder::from(self)
    }

    /// Turns job seeking (and with it the recruiter override) on or off.
    ///
    /// The one setting that changes from week to week, so it can change
    /// without rebuilding or reloading the policy; nothing else depends on
    /// it when the policy is validated.
    ///
    /// ```
    /// use acquaint::{Contact, Decision, Direction, Platform, Policy};
    ///
    /// let mut policy = Policy::default();
    /// policy.set_job_seeking(true);
    /// let recruiter = Contact::new("Riley").with_recruiter(true);
    /// let verdict = policy.evaluate(&recruiter, &Platform::LinkedIn, Direction::Incoming);
    /// assert_eq!(verdict.rule_id(), "linkedin.recruiter-override");
    /// ```
    pub fn set_job_seeking(&mut self, job_seeking: bool) {
        self.settings.job_seeking = job_seeking;
    }

    /// The user's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The decision when no rule applies.
    pub fn fallback(&self) -> Decision {
        self.fallback
    }

    /// Whether a built-in rule is switched on.
    pub fn is_enabled(&self, rule: BuiltinRule) -> bool {
        !self.disabled.contains(rule)
    }

    /// The ids of the user rules, in the order they are tried.
    pub fn rule_ids(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.rules.iter().map(UserRule::id)
    }

    /// The data rules, in the order they are tried (Rust rules left out).
    pub fn data_rules(&self) -> impl Iterator<Item = &DataRule> + '_ {
        self.rules.iter().filter_map(|r| match r {
            UserRule::Data(d) => Some(d),
            UserRule::Custom { .. } => None,
        })
    }

    /// The user-named platforms the policy declares.
    pub fn platforms(&self) -> &[Platform] {
        &self.platforms
    }

    /// The policy's examples, in order: see
    /// [`check_examples`](Policy::check_examples).
    pub fn examples(&self) -> &[Example] {
        &self.examples
    }
}

/// One request in a batch for [`Policy::evaluate_all`]: the contact, the
/// platform and the direction, borrowed for as long as the verdicts live.
///
/// Implemented for `(&Contact, &Platform, Direction)` and for
/// `&(Contact, Platform, Direction)`; implement it for your own record type
/// to evaluate a slice of those directly.
///
/// ```
/// use acquaint::{BatchItem, Contact, Decision, Direction, Platform, Policy};
///
/// struct Invitation {
///     from: Contact,
///     on: Platform,
/// }
///
/// impl<'a> BatchItem<'a> for &'a Invitation {
///     fn parts(self) -> (&'a Contact, &'a Platform, Direction) {
///         (&self.from, &self.on, Direction::Incoming)
///     }
/// }
///
/// let inbox = [Invitation { from: Contact::new("Kim").with_friend(true), on: Platform::Facebook }];
/// let policy = Policy::default();
/// let verdict = policy.evaluate_all(&inbox).next();
/// assert_eq!(verdict.map(|v| v.decision()), Some(Decision::Accept));
/// ```
pub trait BatchItem<'a> {
    /// The contact, the platform and the direction of the request.
    fn parts(self) -> (&'a Contact, &'a Platform, Direction);
}

impl<'a> BatchItem<'a> for (&'a Contact, &'a Platform, Direction) {
    #[inline]
    fn parts(self) -> (&'a Contact, &'a Platform, Direction) {
        self
    }
}

impl<'a> BatchItem<'a> for &'a (Contact, Platform, Direction) {
    #[inline]
    fn parts(self) -> (&'a Contact, &'a Platform, Direction) {
        (&self.0, &self.1, self.2)
    }
}

/// Shows what a person would want to see: the settings, the rules by id,
/// the switched-off built-in rules and the fallback.
impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let disabled: Vec<BuiltinRule> = BuiltinRule::ALL
            .into_iter()
            .filter(|r| self.disabled.contains(*r))
            .collect();
        f.debug_struct("Policy")
            .field("settings", &self.settings)
            .field("platforms", &self.platforms)
            .field("rules", &self.rules)
            .field("disabled", &disabled)
            .field("fallback", &self.fallback)
            .field("examples", &self.examples.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits;

    #[test]
    fn the_documented_limits_are_the_ones_checked() {
        let pairs = [
            (Policy::MAX_ID_LEN, limits::MAX_ID_LEN),
            (Policy::MAX_NAME_IN_REPLY, limits::MAX_NAME_IN_REPLY),
        ];
        for (documented, checked) in pairs {
            assert_eq!(documented, checked);
        }
    }
    use crate::condition::Condition;

    #[test]
    fn data_rules_name_the_facts_behind_them() {
        use crate::contact::Acquaintance;
        let rule = DataRule::new(
            "cold-recruiters",
            Condition::All(vec![
                Condition::Recruiter(true),
                Condition::Not(Box::new(Condition::SpokeWith(true))),
                Condition::Any(vec![Condition::Star(true), Condition::Tag("spam".into())]),
            ]),
            Decision::Decline,
            "Recruiters I have never spoken to",
        );
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let c = Contact::new("R")
            .with_recruiter(true)
            .with_tag("Spam")
            .with_acquaintance(Acquaintance::Never);
        let v = policy.evaluate(&c, &Platform::LinkedIn, Direction::Incoming);
        assert_eq!(
            v.explanation(),
            "Recruiters I have never spoken to (they are a recruiter, you have never met, \
             spoken or worked together and they are tagged `spam`)"
        );
    }

    #[test]
    fn a_failing_all_under_not_names_the_part_that_failed() {
        let rule = DataRule::new(
            "not-both",
            Condition::Not(Box::new(Condition::All(vec![
                Condition::Friend(true),
                Condition::Star(true),
            ]))),
            Decision::Accept,
            "",
        );
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let c = Contact::new("S").with_friend(true);
        let v = policy.evaluate(&c, &Platform::Twitter, Direction::Outgoing);
        assert_eq!(
            v.explanation(),
            "Rule `not-both` applies: they are not a star of their field, so accept"
        );
    }
}
