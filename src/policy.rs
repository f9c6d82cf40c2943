//! The policy: the user's settings, their rules, and evaluation.
//!
//! `impl Policy` continues above this module, in the folder `analysis/`:
//! [`Policy::analyze`], [`Policy::what_would_change`] and
//! [`Policy::decision_table`]; and a policy document is read and written
//! in `document/`.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use crate::builtin::{BuiltinRule, BuiltinSet, FALLBACK_ID};
use crate::compiled::{Candidates, Compiled};
use crate::condition::{Condition, Value, ValueType};
use crate::contact::Contact;
use crate::decision::Decision;
use crate::error::{Location, PolicyError, PolicyErrorKind};
use crate::example::Example;
use crate::limits;
use crate::names::{ExampleField, Name, PolicyField, RuleField};
use crate::platform::{Direction, Platform};
use crate::reply::{Template, template_path};
use crate::request::{Request, Settings};
use crate::rules::{DataRule, Rule};
use crate::text::{cut, fold};
use crate::verdict::{Decider, Verdict};

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
    pub(crate) compiled: Option<Arc<Compiled>>,
}

impl Policy {
    /// How deeply conditions may nest (`not`, `all` and `any` each add a
    /// level; a single fact is one level).
    pub const MAX_DEPTH: usize = limits::MAX_DEPTH;
    /// The longest rule id, in characters.
    pub const MAX_ID_LEN: usize = limits::MAX_ID_LEN;
    /// The longest reason, in characters.
    pub const MAX_REASON_LEN: usize = limits::MAX_REASON_LEN;
    /// The longest profession, passion or tag in settings or conditions, in
    /// characters, once trimmed and lowercased (as it is stored).
    pub const MAX_TEXT_LEN: usize = limits::MAX_TEXT_LEN;
    /// The most user rules a policy may hold.
    pub const MAX_RULES: usize = limits::MAX_RULES;
    /// The most examples a policy may hold.
    pub const MAX_EXAMPLES: usize = limits::MAX_EXAMPLES;

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
        let Some(compiled) = &self.compiled else {
            return self.interpret(request);
        };
        // Compiled policies hold data rules only.
        match compiled.candidates(request) {
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
    /// that a panic could leave half-changed.
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

/// Builds a [`Policy`]: settings, user rules, switched-off built-in rules
/// and the fallback decision. [`build`](PolicyBuilder::build) validates it.
///
/// ```
/// use acquaint::{Decision, Platform, Policy};
///
/// let policy = Policy::builder()
///     .job_seeking(true)
///     .profession("Data Scientist")
///     .interesting_profession("Biologist")
///     .passion("animals")
///     .disable("facebook.not-a-friend")
///     .fallback(Decision::MeetFirst)
///     .build()?;
/// assert_eq!(policy.settings().profession(), Some("data scientist"));
/// # Ok::<(), acquaint::PolicyError>(())
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct PolicyBuilder {
    settings: Settings,
    platforms: Vec<Platform>,
    rules: Vec<UserRule>,
    disable: Vec<String>,
    fallback: Decision,
    /// Reply templates as written, for incoming and outgoing invitations;
    /// checked by `build`.
    replies: [Option<String>; 2],
    examples: Vec<Example>,
    /// Policy files must declare their own platforms, so that a misspelt
    /// `linkdin` is an error rather than a rule that never applies.
    pub(crate) require_declared_platforms: bool,
}

impl From<Policy> for PolicyBuilder {
    fn from(policy: Policy) -> PolicyBuilder {
        let Policy {
            settings,
            platforms,
            rules,
            disabled,
            fallback,
            examples,
            // Compiled again when the builder builds.
            compiled: _,
        } = policy;
        let disable = BuiltinRule::ALL
            .into_iter()
            .filter(|rule| disabled.contains(*rule))
            .map(|rule| rule.id().to_owned())
            .collect();
        let replies = settings
            .replies
            .each_ref()
            .map(|template| template.as_ref().map(|t| t.text().to_owned()));
        PolicyBuilder {
            settings,
            replies,
            platforms,
            rules,
            disable,
            fallback,
            examples,
            // Its platforms were checked when it was built or loaded; rules
            // added in code need not declare theirs.
            require_declared_platforms: false,
        }
    }
}

impl PolicyBuilder {
    /// Sets whether I am actively looking for a job (the recruiter override).
    pub fn job_seeking(mut self, job_seeking: bool) -> Self {
        self.settings.job_seeking = job_seeking;
        self
    }

    /// Sets my profession (a blank string clears it).
    pub fn profession(mut self, profession: impl AsRef<str>) -> Self {
        self.settings.profession = fold(profession.as_ref());
        self
    }

    /// Adds a profession that interests me (blank strings and repeats are
    /// ignored).
    pub fn interesting_profession(mut self, profession: impl AsRef<str>) -> Self {
        self.settings
            .interesting_professions
            .insert(profession.as_ref());
        self
    }

    /// Adds a passion of mine (blank strings and repeats are ignored).
    pub fn passion(mut self, passion: impl AsRef<str>) -> Self {
        self.settings.passions.insert(passion.as_ref());
        self
    }

    /// Declares a user-named platform. Needed only in policy files, where
    /// it guards against typos; harmless in code. Built-in platforms and
    /// repeats are ignored.
    pub fn platform(mut self, platform: Platform) -> Self {
        if platform.is_user_named() {
            // Repeats are dropped when the policy is built, in one pass.
            self.platforms.push(platform);
        }
        self
    }

    /// Adds a rule written in Rust, after the user rules added so far.
    ///
    /// The rule's [`id`](Rule::id) is read once, here: the policy checks it
    /// when it is built and shows it in every verdict, table and analysis.
    pub fn rule(self, rule: impl Rule + 'static) -> Self {
        self.shared_rule(Arc::new(rule))
    }

    /// Adds a boxed rule written in Rust, after the user rules added so far.
    pub fn boxed_rule(self, rule: Box<dyn Rule>) -> Self {
        self.shared_rule(Arc::from(rule))
    }

    /// Adds a rule written in Rust that other policies may share, after the
    /// user rules added so far.
    pub fn shared_rule(mut self, rule: Arc<dyn Rule>) -> Self {
        self.rules.push(UserRule::custom(rule));
        self
    }

    /// Adds a data rule, after the user rules added so far.
    pub fn data_rule(mut self, rule: DataRule) -> Self {
        self.rules.push(UserRule::Data(rule));
        self
    }

    /// Switches off the built-in rule with this id, such as
    /// `linkedin.not-met`. [`build`](PolicyBuilder::build) fails if no
    /// built-in rule has the id.
    pub fn disable(mut self, id: impl Into<String>) -> Self {
        self.disable.push(id.into());
        self
    }

    /// Sets the decision when no rule applies (default: decline).
    pub fn fallback(mut self, decision: Decision) -> Self {
        self.fallback = decision;
        self
    }

    /// Sets my own reply to meet-first verdicts for invitations in this
    /// direction, in place of acquaint's. Placeholders in braces are filled
    /// in: `{first-name}` (the first word of their name), `{name}` and
    /// `{platform}`; `{{` and `}}` are braces. [`build`](PolicyBuilder::build) fails
    /// on an unknown placeholder or an unclosed brace, naming where it is.
    ///
    /// ```
    /// use acquaint::{Contact, Direction, Platform, Policy};
    ///
    /// let policy = Policy::builder()
    ///     .reply(Direction::Incoming, "Hello {first-name}! Coffee before we connect on {platform}?")
    ///     .build()?;
    /// let sam = Contact::new("Sam Stranger");
    /// let verdict = policy.evaluate(&sam, &Platform::LinkedIn, Direction::Incoming);
    /// assert_eq!(
    ///     verdict.reply().as_deref(),
    ///     Some("Hello Sam! Coffee before we connect on LinkedIn?")
    /// );
    ///
    /// let err = Policy::builder().reply(Direction::Outgoing, "Hi {firstname}").build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "policy: field `replies.outgoing`: unknown placeholder `{firstname}` at character 4, \
    ///      expected `{first-name}`, `{name}` or `{platform}`"
    /// );
    /// # Ok::<(), acquaint::PolicyError>(())
    /// ```
    pub fn reply(mut self, direction: Direction, template: impl Into<String>) -> Self {
        self.replies[direction as usize] = Some(template.into());
        self
    }

    /// Adds an example: a request and the decision I expect, checked by
    /// [`Policy::check_examples`], never changing a decision.
    ///
    /// ```
    /// use acquaint::{Contact, Decision, Direction, Example, Platform, Policy};
    ///
    /// let recruiter = Contact::new("Riley").with_recruiter(true);
    /// let policy = Policy::builder()
    ///     .example(
    ///         Example::new(recruiter, Platform::LinkedIn, Direction::Incoming, Decision::Accept)
    ///             .with_job_seeking(true)
    ///             .with_rule("linkedin.recruiter-override"),
    ///     )
    ///     .build()?;
    /// assert_eq!(policy.examples().len(), 1);
    /// assert!(policy.check_examples().is_empty());
    /// # Ok::<(), acquaint::PolicyError>(())
    /// ```
    pub fn example(mut self, example: Example) -> Self {
        self.examples.push(example);
        self
    }

    /// Validates the policy and prepares it for evaluation.
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] naming the rule and the field at fault: an invalid,
    /// reserved or repeated rule id, an unknown built-in id to switch off,
    /// an empty `all`/`any`/`platforms` list, a condition deeper than
    /// [`Policy::MAX_DEPTH`], a string over its limit, or an example on a
    /// platform the policy does not declare.
    pub fn build(self) -> Result<Policy, PolicyError> {
        let PolicyBuilder {
            mut settings,
            platforms,
            mut rules,
            disable,
            fallback,
            replies,
            examples,
            require_declared_platforms,
        } = self;
        check_settings(&settings)?;
        for direction in Direction::ALL {
            if let Some(text) = &replies[direction as usize] {
                let field = template_path(direction);
                check_len(text, Policy::MAX_REASON_LEN, &Location::Policy, || {
                    field.clone()
                })?;
                let template = Template::parse(text, &Location::Policy, &field)?;
                settings.replies[direction as usize] = Some(template);
            }
        }
        if rules.len() > Policy::MAX_RULES {
            return Err(PolicyError::new(
                Location::Policy,
                PolicyField::Rules.name(),
                PolicyErrorKind::TooManyRules {
                    limit: Policy::MAX_RULES,
                },
            ));
        }
        let mut disabled = BuiltinSet::default();
        for id in disable {
            match BuiltinRule::from_id(&id) {
                Some(rule) => disabled.insert(rule),
                None => {
                    return Err(PolicyError::new(
                        Location::Policy,
                        PolicyField::Disable.name(),
                        PolicyErrorKind::UnknownBuiltinRule { id: truncate(&id) },
                    ));
                }
            }
        }
        let mut unique = Declared::with_capacity(platforms.len());
        let platforms: Vec<Platform> = platforms
            .into_iter()
            .filter(|p| unique.insert(p.clone()))
            .collect();
        let declared = require_declared_platforms.then_some(&unique);
        let mut seen = HashSet::with_capacity(rules.len());
        for (i, rule) in rules.iter_mut().enumerate() {
            let at = check_rule_id(rule.id(), i + 1, &mut seen)?;
            if let UserRule::Data(rule) = rule {
                prepare_rule(rule, &at, declared)?;
            }
        }
        check_examples(&examples, declared)?;
        let compiled = compile(&rules);
        Ok(Policy {
            settings,
            platforms,
            rules,
            disabled,
            fallback,
            examples,
            compiled,
        })
    }
}

/// Compiles a policy's data rules (see `compiled.rs`): done once, when the
/// policy is built or loaded, so that every evaluation finds its rule in a
/// few steps, and invisible but for speed. `None` when there is nothing to
/// compile, a rule is written in Rust, or the rules are too many or too
/// large for the compilation's budget.
fn compile(rules: &[UserRule]) -> Option<Arc<Compiled>> {
    let data: Vec<&DataRule> = rules
        .iter()
        .map(|r| match r {
            UserRule::Data(d) => Some(d),
            UserRule::Custom { .. } => None,
        })
        .collect::<Option<_>>()?;
    if data.is_empty() {
        return None;
    }
    Compiled::new(&data).map(Arc::new)
}

/// An id as echoed in an error: ids may come from a file of any size.
pub(crate) fn truncate(s: &str) -> String {
    cut(s, Policy::MAX_ID_LEN + 16)
}

/// The user-named platforms a policy declares, for checking the rules.
pub(crate) type Declared = HashSet<Platform>;

/// Checks a rule's id (well formed, not reserved, not taken by an earlier
/// rule in `seen`) and returns where the rule is, for later errors.
pub(crate) fn check_rule_id(
    id: &str,
    position: usize,
    seen: &mut HashSet<String>,
) -> Result<Location, PolicyError> {
    let field = RuleField::Id.name();
    let bad_char = invalid_id_char(id);
    if bad_char.is_some() || !valid_id(id) {
        return Err(PolicyError::new(
            Location::RuleAt(position),
            field,
            PolicyErrorKind::InvalidRuleId {
                character: bad_char,
            },
        ));
    }
    let at = Location::Rule(id.to_owned());
    if let Some(namespace) = reserved(id) {
        return Err(PolicyError::new(
            at,
            field,
            PolicyErrorKind::ReservedRuleId { namespace },
        ));
    }
    if !seen.insert(id.to_owned()) {
        return Err(PolicyError::new(
            at,
            field,
            PolicyErrorKind::DuplicateRuleId,
        ));
    }
    Ok(at)
}

/// Whether a user rule may have this id: 1 to [`Policy::MAX_ID_LEN`] ASCII
/// letters, digits, `-`, `_` or `.`, so that no id can look like another
/// (no homoglyphs, no invisible or bidirectional characters).
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= Policy::MAX_ID_LEN && invalid_id_char(id).is_none()
}

fn invalid_id_char(id: &str) -> Option<char> {
    id.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
}

/// Whether an id is reserved for the built-in rules, whatever its case:
/// `Some(None)` for a built-in rule's id or `fallback`, `Some(namespace)`
/// for another id in a built-in rule's namespace, such as `linkedin.`.
fn reserved(id: &str) -> Option<Option<&'static str>> {
    let id = id.to_ascii_lowercase();
    if id == FALLBACK_ID || BuiltinRule::from_id(&id).is_some() {
        return Some(None);
    }
    BuiltinRule::NAMESPACES
        .into_iter()
        .find(|namespace| id.starts_with(namespace))
        .map(Some)
}

pub(crate) fn check_len(
    s: &str,
    limit: usize,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<(), PolicyError> {
    // Count only as far as the limit: strings may be huge.
    if s.chars().nth(limit).is_some() {
        return Err(PolicyError::new(
            at.clone(),
            field(),
            PolicyErrorKind::TooLong { limit },
        ));
    }
    Ok(())
}

fn check_settings(settings: &Settings) -> Result<(), PolicyError> {
    let at = Location::Policy;
    let limit = Policy::MAX_TEXT_LEN;
    if let Some(p) = &settings.profession {
        check_len(p, limit, &at, || PolicyField::Profession.name().into())?;
    }
    let lists = [
        (
            PolicyField::InterestingProfessions,
            &settings.interesting_professions,
        ),
        (PolicyField::Passions, &settings.passions),
    ];
    for (field, list) in lists {
        for (i, p) in list.iter().enumerate() {
            check_len(p, limit, &at, || format!("{}[{i}]", field.name()))?;
        }
    }
    Ok(())
}

/// Validates a data rule and folds its strings, once.
pub(crate) fn prepare_rule(
    rule: &mut DataRule,
    at: &Location,
    declared: Option<&Declared>,
) -> Result<(), PolicyError> {
    check_len(&rule.reason, Policy::MAX_REASON_LEN, at, || {
        RuleField::Reason.name().into()
    })?;
    let mut bits = 0;
    if let Some(list) = &mut rule.platforms {
        let field = RuleField::Platforms.name();
        if list.is_empty() {
            return Err(PolicyError::new(at.clone(), field, PolicyErrorKind::Empty));
        }
        let mut unique = HashSet::with_capacity(list.len());
        list.retain(|p| unique.insert(p.clone()));
        for (i, p) in list.iter().enumerate() {
            check_declared(p, declared, at, || format!("{field}[{i}]"))?;
            bits |= p.builtin_bit();
        }
    }
    rule.builtin_bits = bits;
    if let Some(when) = &mut rule.when {
        prepare_condition(when, at, RuleField::When.name(), declared)?;
    }
    Ok(())
}

/// Checks the examples: how many, their names, and that their platforms
/// are declared. The rule an example expects is checked with the example,
/// by `check_examples`: a policy loaded from a file may gain its Rust rules
/// later.
fn check_examples(examples: &[Example], declared: Option<&Declared>) -> Result<(), PolicyError> {
    if examples.len() > Policy::MAX_EXAMPLES {
        return Err(PolicyError::new(
            Location::Policy,
            PolicyField::Examples.name(),
            PolicyErrorKind::TooManyExamples {
                limit: Policy::MAX_EXAMPLES,
            },
        ));
    }
    for (i, example) in examples.iter().enumerate() {
        let at = Location::Example(i + 1);
        if let Some(name) = &example.name {
            check_len(name, Policy::MAX_REASON_LEN, &at, || {
                ExampleField::Name.name().into()
            })?;
        }
        check_declared(&example.platform, declared, &at, || {
            ExampleField::Platform.name().into()
        })?;
    }
    Ok(())
}

pub(crate) fn check_declared(
    platform: &Platform,
    declared: Option<&Declared>,
    at: &Location,
    field: impl FnOnce() -> String,
) -> Result<(), PolicyError> {
    match declared {
        Some(set) if platform.is_user_named() && !set.contains(platform) => Err(PolicyError::new(
            at.clone(),
            field(),
            PolicyErrorKind::UndeclaredPlatform {
                name: platform.to_string(),
            },
        )),
        Some(_) | None => Ok(()),
    }
}

/// Checks depth, emptiness, platforms and lengths, and folds strings, in
/// one walk that stops at the first mistake, so that even a condition built
/// deeper than [`Policy::MAX_DEPTH`] in code cannot overflow the stack.
/// `path` names `cond` in errors, such as `when`.
fn prepare_condition(
    cond: &mut Condition,
    at: &Location,
    path: &str,
    declared: Option<&Declared>,
) -> Result<(), PolicyError> {
    cond.try_walk_mut(|cond, steps| {
        // The field that names `cond`, such as `when.all[0].not`.
        let here = || {
            let mut field = path.to_owned();
            for step in steps {
                field.push('.');
                field.push_str(step.key.name());
                if let Some(i) = step.index {
                    field.push_str(&format!("[{i}]"));
                }
            }
            field
        };
        if steps.len() >= Policy::MAX_DEPTH {
            return Err(PolicyError::new(
                at.clone(),
                here(),
                PolicyErrorKind::TooDeep {
                    limit: Policy::MAX_DEPTH,
                },
            ));
        }
        let key = cond.condition_key();
        let field = || format!("{}.{}", here(), key.name());
        match cond.value() {
            Value::List([]) => {
                return Err(PolicyError::new(
                    at.clone(),
                    field(),
                    PolicyErrorKind::Empty,
                ));
            }
            Value::Platform(p) => check_declared(p, declared, at, field)?,
            Value::Text(text) => {
                // Measured once folded, as settings are: lowercasing may
                // lengthen a string, and the limit is on what is stored.
                let Some(folded) = fold(text) else {
                    return Err(PolicyError::new(
                        at.clone(),
                        field(),
                        PolicyErrorKind::Empty,
                    ));
                };
                check_len(&folded, Policy::MAX_TEXT_LEN, at, field)?;
                // The same condition, holding the folded text.
                if let ValueType::Text(with) = key.value_type() {
                    *cond = with(folded.into());
                }
            }
            // Their parts are visited on their own.
            Value::List(_) | Value::Nested(_) => {}
            // Nothing to check: a value read whole when it was given.
            Value::Bool(_)
            | Value::Count(_)
            | Value::Direction(_)
            | Value::Acquaintance(_)
            | Value::View(_) => {}
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_ids_cannot_be_reused() {
        let rule = DataRule::always("linkedin.not-met", Decision::Accept, "");
        let err = Policy::builder().data_rule(rule).build().unwrap_err();
        assert_eq!(
            err.to_string(),
            "rule `linkedin.not-met`: field `id`: the id is reserved for a built-in rule"
        );
    }

    #[test]
    fn depth_limit_is_exact() {
        let mut cond = Condition::Star(true);
        for _ in 1..Policy::MAX_DEPTH {
            cond = Condition::Not(Box::new(cond));
        }
        let ok = DataRule::new("ok", cond.clone(), Decision::Accept, "");
        assert!(Policy::builder().data_rule(ok).build().is_ok());
        let deep = DataRule::new("deep", Condition::Not(Box::new(cond)), Decision::Accept, "");
        assert!(matches!(
            Policy::builder().data_rule(deep).build(),
            Err(e) if matches!(e.kind(), PolicyErrorKind::TooDeep { .. })
        ));
    }

    #[test]
    fn condition_strings_are_folded_at_build() {
        let rule = DataRule::new("t", Condition::Tag(" VIP ".into()), Decision::Accept, "");
        let policy = Policy::builder().data_rule(rule).build().unwrap();
        let rule = policy.data_rules().next().unwrap();
        assert_eq!(rule.condition(), Some(&Condition::Tag("vip".into())));
    }

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
