//! The default policy, checked exhaustively against a truth table written
//! out by hand in this file.
//!
//! Every combination of the finite facts (every finite contact: its
//! acquaintance, my view, their view, and whether they are a recruiter, a
//! friend, a star, a Facebook friend; then the direction, job seeking, the
//! Twitter purpose the contact serves, mutual connections, a message or
//! none) is evaluated on LinkedIn, Twitter and Facebook, and compared with
//! the tables below: the decision and the id of the rule that decided. The
//! expectations come from the wording of the README's "The philosophy"
//! section alone (the crate docs say the same); nothing here calls the
//! library's own rule code.

use std::collections::BTreeMap;

use crate::common::finite;
use acquaint::{Acquaintance, Contact, Decision, Direction, Platform, Policy, View};

// ---- The truth tables --------------------------------------------------

/// What the LinkedIn rules say, before the recruiter override, for each
/// acquaintance (rows) and each pair (my view, their view) (columns).
///
/// Columns, in order: my view / their view =
/// `N/N N/U N/P U/N U/U U/P P/N P/U P/P` (N negative, U unknown, P positive).
///
/// Codes: `G` reputation guard (decline), `M` not met (meet first),
/// `V` cannot vouch (decline), `A` mutual vouch (accept).
#[rustfmt::skip]
const LINKEDIN: [(Acquaintance, [char; 9]); 5] = [
    //                              N/N  N/U  N/P  U/N  U/U  U/P  P/N  P/U  P/P
    (Acquaintance::Never,          ['G', 'G', 'G', 'G', 'M', 'M', 'G', 'M', 'M']),
    (Acquaintance::Spoken,         ['G', 'G', 'G', 'G', 'M', 'M', 'G', 'M', 'M']),
    (Acquaintance::MetInPerson,    ['G', 'G', 'G', 'G', 'V', 'V', 'G', 'V', 'A']),
    (Acquaintance::WorkedRemotely, ['G', 'G', 'G', 'G', 'V', 'V', 'G', 'V', 'A']),
    (Acquaintance::WorkedInPerson, ['G', 'G', 'G', 'G', 'V', 'V', 'G', 'V', 'A']),
];

/// The column of [`LINKEDIN`] for a pair of views.
fn column(mine: View, theirs: View) -> usize {
    let index = |v: View| match v {
        View::Negative => 0,
        View::Unknown => 1,
        View::Positive => 2,
    };
    index(mine) * 3 + index(theirs)
}

/// What the contact has in common with my purposes on Twitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// Their profession is mine.
    SharesProfession,
    /// Their profession is one that interests me.
    InterestingProfession,
    /// They have one of my passions.
    SharesPassion,
    /// None of the above.
    Nothing,
}

const PURPOSES: [Purpose; 4] = [
    Purpose::SharesProfession,
    Purpose::InterestingProfession,
    Purpose::SharesPassion,
    Purpose::Nothing,
];

/// Twitter: (the purpose, whether they are a star) -> accept?
#[rustfmt::skip]
const TWITTER: [(Purpose, bool, bool); 8] = [
    (Purpose::SharesProfession, false, true),
    (Purpose::SharesProfession, true, true),
    (Purpose::InterestingProfession, false, true),
    (Purpose::InterestingProfession, true, true),
    (Purpose::SharesPassion, false, true),
    (Purpose::SharesPassion, true, true),
    (Purpose::Nothing, false, false),
    (Purpose::Nothing, true, true),
];

/// All the facts of one request.
#[derive(Debug, Clone)]
struct Facts {
    /// One of the finite contacts: acquaintance, views and the facts that
    /// are true or false.
    finite: Contact,
    direction: Direction,
    job_seeking: bool,
    purpose: Purpose,
    mutual_connections: u32,
    message: bool,
}

fn expected_linkedin(f: &Facts) -> (Decision, &'static str) {
    // The recruiter override: an incoming invitation, I am job seeking, a
    // recruiter, and we have never met, spoken or worked together.
    if f.direction == Direction::Incoming
        && f.job_seeking
        && f.finite.is_recruiter()
        && f.finite.acquaintance() == Acquaintance::Never
    {
        return (Decision::Accept, "linkedin.recruiter-override");
    }
    let row = LINKEDIN
        .iter()
        .find(|(a, _)| *a == f.finite.acquaintance())
        .expect("every acquaintance has a row");
    match row.1[column(f.finite.my_view(), f.finite.their_view())] {
        'G' => (Decision::Decline, "linkedin.reputation-guard"),
        'M' => (Decision::MeetFirst, "linkedin.not-met"),
        'V' => (Decision::Decline, "linkedin.cannot-vouch"),
        'A' => (Decision::Accept, "linkedin.mutual-vouch"),
        code => panic!("unknown code {code}"),
    }
}

fn expected_twitter(f: &Facts) -> (Decision, &'static str) {
    let accept = TWITTER
        .iter()
        .find(|(p, star, _)| *p == f.purpose && *star == f.finite.is_star())
        .expect("every purpose and star has a row")
        .2;
    if accept {
        (Decision::Accept, "twitter.shared-purpose")
    } else {
        (Decision::Decline, "twitter.no-purpose")
    }
}

fn expected_facebook(f: &Facts) -> (Decision, &'static str) {
    if f.finite.is_friend() {
        (Decision::Accept, "facebook.friend")
    } else {
        (Decision::Decline, "facebook.not-a-friend")
    }
}

// ---- Building the inputs -----------------------------------------------

/// My settings: a software engineer, curious about veterinarians, who loves
/// animals.
fn policy(job_seeking: bool) -> Policy {
    Policy::builder()
        .job_seeking(job_seeking)
        .profession("Software Engineer")
        .interesting_profession("Veterinarian")
        .interesting_profession("Marine Biologist")
        .passion("animals")
        .passion("sailing")
        .build()
        .unwrap()
}

fn contact(f: &Facts) -> Contact {
    let mut c = f
        .finite
        .clone()
        .with_name("Priya Raman")
        .with_mutual_connections(f.mutual_connections);
    c = match f.purpose {
        Purpose::SharesProfession => c.with_profession("software engineer").with_passion("chess"),
        Purpose::InterestingProfession => c.with_profession("veterinarian").with_passion("chess"),
        Purpose::SharesPassion => c.with_profession("accountant").with_passion("Animals"),
        Purpose::Nothing => c.with_profession("accountant").with_passion("chess"),
    };
    if f.message {
        c = c.with_message(
            "Dear Priya, I greatly admire your work and would be honoured to connect!",
        );
    }
    c
}

/// Every combination of the finite facts.
fn all_facts() -> Vec<Facts> {
    let bools = [false, true];
    let mut out = Vec::new();
    for base in finite::contacts() {
        for direction in Direction::ALL {
            for job_seeking in bools {
                for purpose in PURPOSES {
                    for mutual_connections in [0, 3, 500] {
                        for message in bools {
                            out.push(Facts {
                                finite: base.clone(),
                                direction,
                                job_seeking,
                                purpose,
                                mutual_connections,
                                message,
                            });
                        }
                    }
                }
            }
        }
    }
    out
}

/// Checks every combination on one platform, and returns how often each
/// rule decided.
fn check_platform(
    platform: &Platform,
    expected: fn(&Facts) -> (Decision, &'static str),
) -> BTreeMap<String, usize> {
    let policies = [policy(false), policy(true)];
    let mut hits = BTreeMap::new();
    let facts = all_facts();
    assert_eq!(facts.len(), finite::count() * 2 * 2 * 4 * 3 * 2);
    for f in &facts {
        let policy = &policies[usize::from(f.job_seeking)];
        let c = contact(f);
        let verdict = policy.evaluate(&c, platform, f.direction);
        let (decision, rule) = expected(f);
        assert_eq!(
            (verdict.decision(), verdict.rule_id()),
            (decision, rule),
            "{platform} with {f:?}"
        );
        assert!(!verdict.is_fallback(), "{platform} with {f:?}");
        assert_eq!(
            verdict.builtin_rule().map(|r| r.id()),
            Some(rule),
            "{platform} with {f:?}"
        );
        // Only meet-first comes with a reply.
        assert_eq!(
            verdict.reply().is_some(),
            decision == Decision::MeetFirst,
            "{platform} with {f:?}"
        );
        *hits.entry(rule.to_owned()).or_insert(0) += 1;
    }
    hits
}

// ---- The tests -----------------------------------------------------------

#[test]
fn linkedin_matches_the_truth_table() {
    let hits = check_platform(&Platform::LinkedIn, expected_linkedin);
    let rules: Vec<&str> = hits.keys().map(String::as_str).collect();
    assert_eq!(
        rules,
        [
            "linkedin.cannot-vouch",
            "linkedin.mutual-vouch",
            "linkedin.not-met",
            "linkedin.recruiter-override",
            "linkedin.reputation-guard",
        ],
        "every LinkedIn rule decides somewhere"
    );
}

#[test]
fn twitter_matches_the_truth_table() {
    let hits = check_platform(&Platform::Twitter, expected_twitter);
    let rules: Vec<&str> = hits.keys().map(String::as_str).collect();
    assert_eq!(rules, ["twitter.no-purpose", "twitter.shared-purpose"]);
}

#[test]
fn facebook_matches_the_truth_table() {
    let hits = check_platform(&Platform::Facebook, expected_facebook);
    let rules: Vec<&str> = hits.keys().map(String::as_str).collect();
    assert_eq!(rules, ["facebook.friend", "facebook.not-a-friend"]);
}

/// The same contacts with the default settings (no profession, interests
/// or passions): only stars serve a purpose on Twitter.
#[test]
fn default_settings_on_twitter_accept_only_stars() {
    let policy = Policy::default();
    for f in all_facts() {
        let c = contact(&f);
        let verdict = policy.evaluate(&c, &Platform::Twitter, f.direction);
        let expected = if f.finite.is_star() {
            (Decision::Accept, "twitter.shared-purpose")
        } else {
            (Decision::Decline, "twitter.no-purpose")
        };
        assert_eq!((verdict.decision(), verdict.rule_id()), expected, "{f:?}");
    }
}

/// `Policy::default()` is not job seeking: the recruiter override never
/// decides.
#[test]
fn default_policy_is_not_job_seeking() {
    let policy = Policy::default();
    for f in all_facts().into_iter().filter(|f| !f.job_seeking) {
        let c = contact(&f);
        let verdict = policy.evaluate(&c, &Platform::LinkedIn, f.direction);
        assert_eq!(
            (verdict.decision(), verdict.rule_id()),
            expected_linkedin(&f),
            "{f:?}"
        );
    }
}

#[test]
fn user_named_platform_falls_back_to_decline() {
    let policies = [Policy::default(), policy(false), policy(true)];
    for name in ["mastodon", "GitHub", "bluesky.social"] {
        let platform: Platform = name.parse().unwrap();
        for policy in &policies {
            for f in all_facts().iter().step_by(7) {
                let c = contact(f);
                let verdict = policy.evaluate(&c, &platform, f.direction);
                assert_eq!(verdict.decision(), Decision::Decline, "{name} with {f:?}");
                assert_eq!(verdict.rule_id(), "fallback", "{name} with {f:?}");
                assert!(verdict.is_fallback());
                assert_eq!(verdict.builtin_rule(), None);
                assert_eq!(verdict.reply(), None);
                let explanation = verdict.explanation();
                assert!(
                    explanation.contains(&name.to_lowercase()),
                    "the explanation names the platform: {explanation}"
                );
            }
        }
    }
    let policy = Policy::default();
    let priya = Contact::new("Priya Raman");
    let mastodon = Platform::named("mastodon").unwrap();
    let verdict = policy.evaluate(&priya, &mastodon, Direction::Incoming);
    assert_eq!(
        verdict.explanation(),
        "None of your rules applies on mastodon, so the policy's fallback decides: decline"
    );
}

#[test]
fn linkedin_mutual_vouch_explains_with_how_you_know_them() {
    let ada = Contact::new("Ada")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive);
    let policy = Policy::default();
    let verdict = policy.evaluate(&ada, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.mutual-vouch");
    assert_eq!(
        verdict.explanation(),
        "You have worked together in person, you would speak positively of their \
         professional ability and they of yours, so accept"
    );
}
