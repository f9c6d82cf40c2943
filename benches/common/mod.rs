//! What the `evaluate` and `parallel` benchmarks share: seeded random
//! requests, the policies they run, and the built-in philosophy written by
//! hand, the baseline every figure is a ratio to.
//!
//! Requests are distinct and drawn at random (not a short list repeated,
//! which a branch predictor learns), in two forms: contacts built
//! beforehand, and [`Record`]s of plain data from which a host builds each
//! `Contact` as it reads them.

// Each benchmark uses part of this module.
#![allow(dead_code)]

use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};

/// How many distinct requests the `evaluate` benchmarks run through.
pub const REQUESTS: usize = 16_384;
pub const SEED: u64 = 0x5eed_acc0_u64;

/// xorshift64*: enough randomness for a fixed, reproducible mix, without a
/// dependency.
pub struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() >> 32) as usize % n
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

// Mixed case on purpose: folding happens when the contact is built.
const PROFESSIONS: [&str; 8] = [
    "Software Engineer",
    "designer",
    "Biologist",
    "veterinarian",
    "accountant",
    "Data Scientist",
    "illustrator",
    "sales",
];
const PASSIONS: [&str; 6] = [
    "animals",
    "Climbing",
    "open source",
    "chess",
    "cooking",
    "Running",
];
const TAGS: [&str; 10] = [
    "conference-2026",
    "referred",
    "spam",
    "family",
    "team-alpha",
    "fediverse",
    "maintainer",
    "journalist",
    "blocked",
    "Alumni",
];
const VIEWS: [View; 6] = [
    View::Positive,
    View::Positive,
    View::Positive,
    View::Unknown,
    View::Unknown,
    View::Negative,
];

/// The platforms of the mix, by weight: mostly LinkedIn, then Twitter and
/// Facebook, and a few user-named ones that only user rules cover.
fn platforms() -> Vec<Platform> {
    let weights = [
        (Platform::LinkedIn, 8),
        (Platform::Twitter, 6),
        (Platform::Facebook, 4),
        ("mastodon".parse().unwrap(), 1),
        ("github".parse().unwrap(), 1),
    ];
    weights
        .into_iter()
        .flat_map(|(p, n)| std::iter::repeat_n(p, n))
        .collect()
}

/// One request as a host holds it before acquaint sees it: plain data, the
/// finite facts of a contact and the platform and direction. Strings are
/// left out: the built-in LinkedIn and Facebook rules never read them, and
/// a contact read from such a record needs no heap memory.
#[derive(Debug, Clone)]
pub struct Record {
    pub acquaintance: Acquaintance,
    pub my_view: View,
    pub their_view: View,
    pub recruiter: bool,
    pub friend: bool,
    pub star: bool,
    pub facebook_friend: bool,
    pub mutual_connections: u32,
    pub platform: Platform,
    pub direction: Direction,
}

impl Record {
    /// The contact, as a host builds it from the record.
    #[inline]
    pub fn contact(&self) -> Contact {
        Contact::default()
            .with_acquaintance(self.acquaintance)
            .with_my_view(self.my_view)
            .with_their_view(self.their_view)
            .with_recruiter(self.recruiter)
            .with_friend(self.friend)
            .with_star(self.star)
            .with_facebook_friend(self.facebook_friend)
            .with_mutual_connections(self.mutual_connections)
    }
}

fn record(rng: &mut Rng, platforms: &[Platform]) -> Record {
    Record {
        acquaintance: rng.pick(&Acquaintance::ALL),
        my_view: rng.pick(&VIEWS),
        their_view: rng.pick(&VIEWS),
        recruiter: rng.chance(15),
        friend: rng.chance(20),
        star: rng.chance(5),
        facebook_friend: rng.chance(30),
        mutual_connections: rng.below(500) as u32,
        platform: platforms[rng.below(platforms.len())].clone(),
        direction: rng.pick(&Direction::ALL),
    }
}

/// `len` seeded random records.
pub fn records(len: usize, seed: u64) -> Vec<Record> {
    let mut rng = Rng(seed);
    let platforms = platforms();
    (0..len).map(|_| record(&mut rng, &platforms)).collect()
}

/// `len` seeded random requests with contacts built beforehand: a record's
/// facts, a name, and for most a profession, passions and a tag.
pub fn requests(len: usize, seed: u64) -> Vec<(Contact, Platform, Direction)> {
    let mut rng = Rng(seed);
    let platforms = platforms();
    (0..len)
        .map(|i| {
            let r = record(&mut rng, &platforms);
            let mut c = r.contact().with_name(format!("Contact {i}"));
            if rng.chance(80) {
                c = c.with_profession(rng.pick(&PROFESSIONS));
            }
            for _ in 0..rng.below(3) {
                c = c.with_passion(rng.pick(&PASSIONS));
            }
            if rng.chance(30) {
                c = c.with_tag(rng.pick(&TAGS));
            }
            (c, r.platform, r.direction)
        })
        .collect()
}

/// The built-in philosophy with a user's settings, so that Twitter rules
/// compare professions and passions.
pub fn builtin_policy() -> Policy {
    Policy::builder()
        .job_seeking(true)
        .profession("software engineer")
        .interesting_profession("designer")
        .interesting_profession("biologist")
        .passion("animals")
        .passion("climbing")
        .build()
        .unwrap()
}

/// The philosophy as data rules (`examples/policies/default.toml`), with
/// the settings of [`builtin_policy`] written into the document.
pub fn default_toml_policy() -> Policy {
    let text = include_str!("../../examples/policies/default.toml").replace(
        "job-seeking = false\n# profession = \"software engineer\"\n\
         interesting-professions = []\npassions = []",
        "job-seeking = true\nprofession = \"software engineer\"\n\
         interesting-professions = [\"designer\", \"biologist\"]\n\
         passions = [\"animals\", \"climbing\"]",
    );
    assert!(text.contains("passions = [\"animals\""), "settings not set");
    toml::from_str(&text).unwrap()
}

/// 20 user rules from `benches/data/twenty-rules.toml`, then the built-in
/// rules.
pub fn twenty_rules_policy() -> Policy {
    toml::from_str(include_str!("../data/twenty-rules.toml")).unwrap()
}

/// The same settings, as plain data for the hand-written rules.
pub struct Mine {
    pub job_seeking: bool,
    pub profession: &'static str,
    pub interesting: [&'static str; 2],
    pub passions: [&'static str; 2],
}

pub const MINE: Mine = Mine {
    job_seeking: true,
    profession: "software engineer",
    interesting: ["designer", "biologist"],
    passions: ["animals", "climbing"],
};

/// The built-in LinkedIn rules written by hand as an if-chain.
#[inline(always)]
fn linkedin(
    me: &Mine,
    acquaintance: Acquaintance,
    mine: View,
    theirs: View,
    recruiter: bool,
    direction: Direction,
) -> (Decision, &'static str) {
    use Acquaintance::*;
    let met = matches!(acquaintance, MetInPerson | WorkedRemotely | WorkedInPerson);
    if direction == Direction::Incoming && me.job_seeking && recruiter && acquaintance == Never {
        (Decision::Accept, "linkedin.recruiter-override")
    } else if mine == View::Negative || theirs == View::Negative {
        (Decision::Decline, "linkedin.reputation-guard")
    } else if !met {
        (Decision::MeetFirst, "linkedin.not-met")
    } else if mine == View::Unknown || theirs == View::Unknown {
        (Decision::Decline, "linkedin.cannot-vouch")
    } else {
        (Decision::Accept, "linkedin.mutual-vouch")
    }
}

#[inline(always)]
fn twitter(purpose: bool) -> (Decision, &'static str) {
    if purpose {
        (Decision::Accept, "twitter.shared-purpose")
    } else {
        (Decision::Decline, "twitter.no-purpose")
    }
}

#[inline(always)]
fn facebook(friend: bool) -> (Decision, &'static str) {
    if friend {
        (Decision::Accept, "facebook.friend")
    } else {
        (Decision::Decline, "facebook.not-a-friend")
    }
}

/// The built-in philosophy written by hand as a plain `match`, over a
/// contact: the fastest the same decisions can be made from the same
/// contacts.
#[inline(never)]
pub fn hand_written(
    me: &Mine,
    c: &Contact,
    platform: &Platform,
    direction: Direction,
) -> (Decision, &'static str) {
    match platform {
        Platform::LinkedIn => linkedin(
            me,
            c.acquaintance(),
            c.my_view(),
            c.their_view(),
            c.is_recruiter(),
            direction,
        ),
        Platform::Twitter => {
            let profession = c.profession();
            twitter(
                profession == Some(me.profession)
                    || profession.is_some_and(|p| me.interesting.contains(&p))
                    || c.is_star()
                    || me.passions.iter().any(|p| c.passions().any(|x| x == *p)),
            )
        }
        Platform::Facebook => facebook(c.is_friend()),
        _ => (Decision::Decline, "fallback"),
    }
}

/// The same over a record, with no contact built: what a host would write
/// to decide straight from the data it reads.
#[inline(never)]
pub fn hand_written_record(me: &Mine, r: &Record) -> (Decision, &'static str) {
    match &r.platform {
        Platform::LinkedIn => linkedin(
            me,
            r.acquaintance,
            r.my_view,
            r.their_view,
            r.recruiter,
            r.direction,
        ),
        // A record has no profession nor passions: only stars serve a
        // purpose.
        Platform::Twitter => twitter(r.star),
        Platform::Facebook => facebook(r.friend),
        _ => (Decision::Decline, "fallback"),
    }
}

/// A decision and the id of the rule that made it, through acquaint.
#[inline(never)]
pub fn with_policy<'a>(
    policy: &'a Policy,
    c: &'a Contact,
    platform: &'a Platform,
    direction: Direction,
) -> (Decision, &'a str) {
    let verdict = policy.evaluate(c, platform, direction);
    (verdict.decision(), verdict.rule_id())
}

/// The built-in rule id a data rule of `default.toml` stands for.
pub fn builtin_id(data_id: &str) -> &str {
    data_id.strip_prefix("my.").unwrap_or(data_id)
}

/// Checks, before timing, that acquaint and the hand-written rules agree
/// on every request: otherwise a ratio of the two means nothing.
pub fn check_agreement(
    policy: &Policy,
    requests: &[(Contact, Platform, Direction)],
    records: &[Record],
) {
    for (c, p, d) in requests {
        let (decision, id) = with_policy(policy, c, p, *d);
        assert_eq!(
            (decision, builtin_id(id)),
            hand_written(&MINE, c, p, *d),
            "{c:?} on {p}"
        );
    }
    for r in records {
        let c = r.contact();
        let (decision, id) = with_policy(policy, &c, &r.platform, r.direction);
        assert_eq!(
            (decision, builtin_id(id)),
            hand_written_record(&MINE, r),
            "{r:?}"
        );
    }
}

/// The settings of `benches/data/twenty-rules.toml`, as plain data for
/// [`twenty_hand_written`].
const TWENTY: Mine = Mine {
    job_seeking: true,
    profession: "software engineer",
    interesting: ["designer", "biologist"],
    passions: ["animals", "climbing"],
};
/// The third interesting profession and passion of that document.
const TWENTY_INTERESTING_3: &str = "data scientist";
const TWENTY_PASSION_3: &str = "open source";

/// The 20 rules of `benches/data/twenty-rules.toml`, then the built-in
/// rules it leaves on, written by hand as a careful programmer would: one
/// if-chain per platform, holding the rules that cover it in the
/// document's order, over the contact's folded strings. The reference the
/// `twenty_rules` figure is a ratio to.
#[inline(never)]
pub fn twenty_hand_written(
    c: &Contact,
    platform: &Platform,
    direction: Direction,
) -> (Decision, &'static str) {
    use Decision::{Accept, Decline, MeetFirst};
    let me = &TWENTY;
    let tag = |t: &str| c.tags().any(|x| x == t);
    let passion = |p: &str| c.passions().any(|x| x == p);
    let profession = c.profession();
    let a = c.acquaintance();
    let (mine, theirs) = (c.my_view(), c.their_view());
    let incoming = direction == Direction::Incoming;
    let mutual = c.mutual_connections();
    let interesting =
        || profession.is_some_and(|p| me.interesting.contains(&p) || p == TWENTY_INTERESTING_3);
    let shares_passion = || {
        c.passions()
            .any(|p| me.passions.contains(&p) || p == TWENTY_PASSION_3)
    };
    let shares_profession = || profession == Some(me.profession);

    // `blocklist` and `spam` cover every platform.
    if tag("blocked") {
        return (Decline, "blocklist");
    }
    if tag("spam") || tag("scam") || tag("crypto-pitch") {
        return (Decline, "spam");
    }
    let cold_recruiter = || c.is_recruiter() && !a.spoke_with() && !tag("referred");
    let mass_networker = || mutual >= 450 && !a.spoke_with() && incoming;
    let press = || tag("journalist") && mine != View::Negative;
    let designer = || matches!(profession, Some("designer" | "illustrator" | "typographer"));
    let climber = || passion("climbing") && !tag("spam");
    let animal_person = || {
        (passion("animals") && c.is_friend()) || (profession == Some("veterinarian") && c.is_star())
    };
    let former_colleague = || a.worked_together() && mine == View::Positive;
    match platform {
        Platform::LinkedIn => {
            if c.is_recruiter() && incoming && me.job_seeking && (tag("referred") || mutual >= 50) {
                (MeetFirst, "warm-recruiters")
            } else if cold_recruiter() {
                (Decline, "cold-recruiters")
            } else if tag("conference-2026")
                && a.met_in_person()
                && mine != View::Negative
                && theirs != View::Negative
            {
                (Accept, "conference-speakers")
            } else if former_colleague() {
                (Accept, "former-colleagues")
            } else if a == Acquaintance::WorkedRemotely
                && theirs == View::Positive
                && tag("team-alpha")
            {
                (Accept, "remote-team")
            } else if mass_networker() {
                (Decline, "no-mass-networkers")
            } else if a.met_in_person()
                && (mine == View::Unknown || theirs == View::Unknown)
                && !tag("conference-2026")
            {
                (MeetFirst, "met-but-unsure")
            } else if press() {
                (MeetFirst, "press")
            } else if mine == View::Negative || theirs == View::Negative {
                // `linkedin.recruiter-override` is disabled.
                (Decline, "linkedin.reputation-guard")
            } else if !a.has_met() {
                (MeetFirst, "linkedin.not-met")
            } else if mine == View::Unknown || theirs == View::Unknown {
                (Decline, "linkedin.cannot-vouch")
            } else {
                (Accept, "linkedin.mutual-vouch")
            }
        }
        Platform::Twitter => {
            if cold_recruiter() {
                (Decline, "cold-recruiters")
            } else if designer() {
                (Accept, "designers-on-twitter")
            } else if climber() {
                (Accept, "climbers")
            } else if animal_person() {
                (Accept, "animal-people")
            } else if !incoming && c.is_star() && !c.is_recruiter() {
                (Accept, "stars-only-outgoing")
            } else if interesting() && mutual >= 5 {
                (Accept, "interesting-but-unknown")
            } else if mass_networker() {
                (Decline, "no-mass-networkers")
            } else if press() {
                (MeetFirst, "press")
            } else if shares_profession() || interesting() || c.is_star() || shares_passion() {
                (Accept, "twitter.shared-purpose")
            } else {
                (Decline, "twitter.no-purpose")
            }
        }
        Platform::Facebook => {
            if climber() {
                (Accept, "climbers")
            } else if tag("family") {
                (Accept, "family")
            } else if a.worked_together() && !c.is_friend() {
                (Decline, "facebook-no-colleagues")
            } else if c.is_friend() {
                (Accept, "facebook.friend")
            } else {
                (Decline, "facebook.not-a-friend")
            }
        }
        other => match other.as_str() {
            "mastodon" => {
                if former_colleague() {
                    (Accept, "former-colleagues")
                } else if designer() {
                    (Accept, "designers-on-twitter")
                } else if climber() {
                    (Accept, "climbers")
                } else if animal_person() {
                    (Accept, "animal-people")
                } else if tag("fediverse") || shares_passion() || shares_profession() {
                    (Accept, "fediverse")
                } else {
                    (Decline, "fallback")
                }
            }
            "github" => {
                if tag("maintainer") || passion("open source") {
                    (Accept, "github-maintainers")
                } else {
                    (Decline, "github-others")
                }
            }
            _ => (Decline, "fallback"),
        },
    }
}

/// Checks, before timing, that the 20-rule policy and
/// [`twenty_hand_written`] agree on every request.
pub fn check_twenty_agreement(policy: &Policy, requests: &[(Contact, Platform, Direction)]) {
    for (c, p, d) in requests {
        assert_eq!(
            with_policy(policy, c, p, *d),
            twenty_hand_written(c, p, *d),
            "{c:?} on {p}"
        );
    }
}
