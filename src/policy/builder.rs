//! Building a policy: [`PolicyBuilder`], which validates what it is given
//! (see `validate.rs`) and compiles the data rules (see `compiled.rs`).

use std::collections::HashSet;
use std::sync::Arc;

use crate::builtin::{BuiltinRule, BuiltinSet};
use crate::compiled::RuleIndex;
use crate::decision::Decision;
use crate::error::{Location, PolicyError, PolicyErrorKind};
use crate::names::{Name, PolicyField, nearest};
use crate::platform::{Direction, Platform};
use crate::policy_example::Example;
use crate::reach::RuleReach;
use crate::reply::{Template, template_path};
use crate::rules::{DataRule, Rule};
use crate::settings::Settings;
use crate::text::fold;

use super::validate::{
    Declared, check_examples, check_len, check_rule_id, check_settings, prepare_rule, truncate,
    unknown_builtin_rule,
};
use super::{Policy, UserRule};

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
    /// Rules to move, by id, in the order asked, when the builder builds.
    placements: Vec<(String, Place)>,
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
            rule_index: _,
            reach: _,
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
            placements: Vec::new(),
            // Its platforms were checked when it was built or loaded; rules
            // added in code need not declare theirs (rules read alone do).
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
        Arc::make_mut(&mut self.settings.interesting_professions).insert(profession.as_ref());
        self
    }

    /// Adds a passion of mine (blank strings and repeats are ignored).
    pub fn passion(mut self, passion: impl AsRef<str>) -> Self {
        Arc::make_mut(&mut self.settings.passions).insert(passion.as_ref());
        self
    }

    /// Declares a user-named platform. Needed only for what is read from
    /// a document (a policy file, or a rule or an example read alone),
    /// where it guards against typos; harmless in code. Built-in platforms
    /// and repeats are ignored.
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

    /// Moves the user rule with this id to `place` among the user rules, which
    /// are tried in order: a rule of the host's own, written in Rust, can go
    /// before the rules a loaded policy file holds. Moves apply in the order
    /// asked, when the policy is built; [`build`](PolicyBuilder::build)
    /// fails if no rule has the id, or none has the id `place` names.
    ///
    /// ```
    /// # #[cfg(feature = "serde")] {
    /// use acquaint::{Contact, Decision, Direction, Place, Platform, Policy, Request, Rule};
    ///
    /// #[derive(Debug)]
    /// struct Blocked;
    /// impl Rule for Blocked {
    ///     fn id(&self) -> &str { "blocked" }
    ///     fn decide(&self, r: &Request<'_>) -> Option<Decision> {
    ///         r.contact.has_tag("blocked").then_some(Decision::Decline)
    ///     }
    /// }
    ///
    /// let file: Policy = toml::from_str(r#"
    ///     [[rules]]
    ///     id = "stars"
    ///     when = { star = true }
    ///     decision = "accept"
    ///     reason = "stars are welcome"
    /// "#)?;
    /// let policy = file
    ///     .into_builder()
    ///     .rule(Blocked)
    ///     .place_rule("blocked", Place::First)
    ///     .build()?;
    /// let star = Contact::new("Mallory").with_star(true).with_tag("blocked");
    /// let verdict = policy.evaluate(&star, &Platform::Twitter, Direction::Incoming);
    /// assert_eq!(verdict.rule_id(), "blocked");
    /// # }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn place_rule(mut self, id: impl Into<String>, place: Place) -> Self {
        self.placements.push((id.into(), place));
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
    ///      did you mean `{first-name}`"
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
    /// [`Policy::MAX_DEPTH`], a string over its limit, or a platform of
    /// the user's own that the policy does not declare
    /// ([`platform`](PolicyBuilder::platform)) named by a rule or an
    /// example read from a document.
    pub fn build(self) -> Result<Policy, PolicyError> {
        let PolicyBuilder {
            mut settings,
            platforms,
            mut rules,
            disable,
            fallback,
            replies,
            examples,
            placements,
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
        for (id, place) in placements {
            place_rule(&mut rules, &id, &place)?;
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
                        unknown_builtin_rule(&id),
                    ));
                }
            }
        }
        let mut unique = Declared::with_capacity(platforms.len());
        let platforms: Vec<Platform> = platforms
            .into_iter()
            .filter(|p| unique.insert(p.clone()))
            .collect();
        let mut seen = HashSet::with_capacity(rules.len());
        for (i, rule) in rules.iter_mut().enumerate() {
            let at = check_rule_id(rule.id(), i + 1, &mut seen)?;
            if let UserRule::Data(rule) = rule {
                // What was read from a document names declared platforms.
                let declared = (require_declared_platforms || rule.read_alone).then_some(&unique);
                prepare_rule(rule, &at, declared)?;
            }
        }
        check_examples(&examples, &unique, require_declared_platforms)?;
        let reach = RuleReach::new(rules.iter().map(UserRule::as_data));
        let rule_index = compile(&rules, &reach);
        Ok(Policy {
            settings,
            platforms,
            rules,
            disabled,
            fallback,
            examples,
            rule_index,
            reach: Arc::new(reach),
        })
    }
}

/// Compiles a policy's data rules (see `compiled.rs`): done once, when the
/// policy is built or loaded, so that every evaluation finds its rule in a
/// few steps, and invisible but for speed. `None` when there is nothing to
/// compile, a rule is written in Rust, or the rules are too many or too
/// large for the compilation's budget.
fn compile(rules: &[UserRule], reach: &RuleReach) -> Option<Arc<RuleIndex>> {
    let data: Vec<&DataRule> = rules.iter().map(UserRule::as_data).collect::<Option<_>>()?;
    if data.is_empty() {
        return None;
    }
    RuleIndex::new(&data, reach).map(Arc::new)
}

/// Where [`PolicyBuilder::place_rule`] moves a rule among the user rules.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Place {
    /// Before every other user rule: tried first.
    First,
    /// After every other user rule: tried last, before the built-in rules.
    Last,
    /// Just before the rule with this id.
    Before(String),
    /// Just after the rule with this id.
    After(String),
}

/// Moves the rule `id` to `place`, or says which id no rule has.
fn place_rule(rules: &mut Vec<UserRule>, id: &str, place: &Place) -> Result<(), PolicyError> {
    let unknown = |rules: &[UserRule], id: &str| {
        PolicyError::new(
            Location::Policy,
            PolicyField::Rules.name(),
            PolicyErrorKind::UnknownRuleId {
                id: truncate(id),
                suggestion: nearest(id, rules.iter().map(UserRule::id)).map(str::to_owned),
            },
        )
    };
    let find = |rules: &[UserRule], id: &str| rules.iter().position(|r| r.id() == id);
    let from = find(rules, id).ok_or_else(|| unknown(rules, id))?;
    let rule = rules.remove(from);
    let to = match place {
        Place::First => 0,
        Place::Last => rules.len(),
        Place::Before(other) | Place::After(other) if other == id => from,
        Place::Before(other) => find(rules, other).ok_or_else(|| unknown(rules, other))?,
        Place::After(other) => find(rules, other).ok_or_else(|| unknown(rules, other))? + 1,
    };
    rules.insert(to, rule);
    Ok(())
}
