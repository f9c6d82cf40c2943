//! One test per built-in rule of the README's "The philosophy" section,
//! with realistic contacts, and the behaviour of user rules: order,
//! switching off, user-named platforms, the fallback, batches. Public API
//! only.

use crate::common::{blocklist, finite, rule_fn};
use acquaint::{
    Acquaintance, BuiltinRule, Condition, Contact, DataRule, Decision, Direction, Platform, Policy,
    Rule, Verdict, View,
};

/// Me: a software engineer, curious about veterinarians, who loves animals.
fn my_policy(job_seeking: bool) -> Policy {
    Policy::builder()
        .job_seeking(job_seeking)
        .profession("software engineer")
        .interesting_profession("veterinarian")
        .passion("animals")
        .build()
        .unwrap()
}

/// Asserts the decision and the rule, and that the explanation holds every
/// one of `facts`.
#[track_caller]
fn assert_verdict(verdict: &Verdict<'_>, decision: Decision, rule: &str, facts: &[&str]) {
    assert_eq!(verdict.decision(), decision, "{verdict}");
    assert_eq!(verdict.rule_id(), rule, "{verdict}");
    let explanation = verdict.explanation();
    for fact in facts {
        assert!(
            explanation.contains(fact),
            "the explanation of `{rule}` should name {fact:?}: {explanation}"
        );
    }
    assert_eq!(verdict.reply().is_some(), decision == Decision::MeetFirst);
    let record = verdict.to_record();
    assert_eq!(
        (record.decision, record.rule.as_str(), record.explanation),
        (decision, rule, explanation)
    );
    assert_eq!(record.reply, verdict.reply());
}

// ---- LinkedIn ------------------------------------------------------------

#[test]
fn linkedin_recruiter_override() {
    let policy = my_policy(true);
    let jordan = Contact::new("Jordan Blake")
        .with_recruiter(true)
        .with_profession("technical recruiter")
        .with_message("Hi! I have a senior backend role that matches your profile.");
    let verdict = policy.evaluate(&jordan, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "linkedin.recruiter-override",
        &["looking for a job", "recruiter", "never met"],
    );
    assert_eq!(
        verdict.builtin_rule(),
        Some(BuiltinRule::LinkedInRecruiterOverride)
    );

    // Take away any one of the four facts and the override does not apply.
    let not_seeking = my_policy(false);
    let verdict = not_seeking.evaluate(&jordan, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
    let verdict = policy.evaluate(&jordan, &Platform::LinkedIn, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
    let spoken = jordan.clone().with_acquaintance(Acquaintance::Spoken);
    let verdict = policy.evaluate(&spoken, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
    let not_recruiter = jordan.clone().with_recruiter(false);
    let verdict = policy.evaluate(&not_recruiter, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
    // It is a LinkedIn rule only.
    let verdict = policy.evaluate(&jordan, &Platform::Twitter, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "twitter.no-purpose");
}

#[test]
fn linkedin_reputation_guard() {
    let policy = my_policy(false);
    // Met at a meetup, took credit for a colleague's talk; lots in common
    // otherwise, which must not matter.
    let kevin = Contact::new("Kevin Marsh")
        .with_acquaintance(Acquaintance::MetInPerson)
        .with_my_view(View::Negative)
        .with_their_view(View::Positive)
        .with_facebook_friend(true)
        .with_mutual_connections(312)
        .with_message("Great to meet you at RustConf! Let's stay in touch.");
    let verdict = policy.evaluate(&kevin, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.reputation-guard",
        &["you would speak negatively of their professional ability"],
    );
    assert!(
        !verdict
            .explanation()
            .contains("they would speak negatively")
    );

    // What they would say of me matters just as much.
    let lena = Contact::new("Lena Fischer")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Negative);
    let verdict = policy.evaluate(&lena, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.reputation-guard",
        &["they would speak negatively of yours"],
    );

    // Both, and a stranger: the guard comes before meeting first.
    let both = Contact::new("Rob Tanner")
        .with_my_view(View::Negative)
        .with_their_view(View::Negative);
    let verdict = policy.evaluate(&both, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.reputation-guard",
        &[
            "you would speak negatively of their professional ability",
            "they would speak negatively of yours",
        ],
    );
}

#[test]
fn linkedin_not_met_proposes_meeting_first() {
    let policy = my_policy(false);
    let marcus = Contact::new("Marcus Chen")
        .with_profession("product manager")
        .with_facebook_friend(true)
        .with_mutual_connections(48)
        .with_message("Hi, I'd love to add you to my professional network.");
    let verdict = policy.evaluate(&marcus, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::MeetFirst,
        "linkedin.not-met",
        &["already met", "never met"],
    );
    let reply = verdict.reply().unwrap();
    assert!(reply.starts_with("Hi Marcus,"), "{reply}");
    for words in [
        "meet",
        "in person",
        "your experience",
        "what you are looking for",
    ] {
        assert!(
            reply.contains(words),
            "the reply should say {words:?}: {reply}"
        );
    }

    // Having only spoken or messaged is not meeting.
    let aisha = Contact::new("Aisha Okafor")
        .with_acquaintance(Acquaintance::Spoken)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive);
    let verdict = policy.evaluate(&aisha, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::MeetFirst,
        "linkedin.not-met",
        &["only spoken or messaged"],
    );
    let reply = verdict.reply().unwrap();
    assert!(reply.starts_with("Hi Aisha,"), "{reply}");
    for words in [
        "meet",
        "in person",
        "your experience",
        "what you are looking for",
    ] {
        assert!(
            reply.contains(words),
            "the reply should say {words:?}: {reply}"
        );
    }
}

#[test]
fn linkedin_cannot_vouch() {
    let policy = my_policy(false);
    // Worked together remotely; I know his work, he barely knows mine.
    let tomas = Contact::new("Tomás Herrera")
        .with_acquaintance(Acquaintance::WorkedRemotely)
        .with_my_view(View::Positive)
        .with_their_view(View::Unknown)
        .with_mutual_connections(150);
    let verdict = policy.evaluate(&tomas, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.cannot-vouch",
        &[
            "worked together remotely",
            "you do not know what they would say of your professional ability",
        ],
    );

    // Met at a conference, I know only her name and where she sits.
    let yuki = Contact::new("Yuki Tanaka")
        .with_acquaintance(Acquaintance::MetInPerson)
        .with_my_view(View::Unknown)
        .with_their_view(View::Positive);
    let verdict = policy.evaluate(&yuki, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.cannot-vouch",
        &[
            "met in person",
            "you do not know their professional ability",
        ],
    );

    let both = yuki.with_their_view(View::Unknown);
    let verdict = policy.evaluate(&both, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "linkedin.cannot-vouch",
        &["neither of you knows the other's professional ability"],
    );
}

#[test]
fn linkedin_mutual_vouch() {
    let policy = my_policy(false);
    let grace = Contact::new("Grace Liu")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive);
    let verdict = policy.evaluate(&grace, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "linkedin.mutual-vouch",
        &[
            "worked together in person",
            "you would speak positively of their professional ability",
            "they of yours",
        ],
    );
    assert_eq!(
        verdict.explanation(),
        "You have worked together in person, you would speak positively of their \
         professional ability and they of yours, so accept"
    );

    // Seeing someone show their skill at meetups counts: no need to have
    // worked together.
    let omar = Contact::new("Omar Haddad")
        .with_acquaintance(Acquaintance::MetInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive);
    let verdict = policy.evaluate(&omar, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "linkedin.mutual-vouch",
        &["met in person"],
    );
}

// ---- Twitter -------------------------------------------------------------

#[test]
fn twitter_shared_purpose() {
    let policy = my_policy(false);
    let cases = [
        (
            Contact::new("Dana Whitfield").with_profession("Software Engineer"),
            "they share your profession (software engineer)",
        ),
        (
            Contact::new("Dr. Ines Moreau").with_profession("Veterinarian"),
            "they work as veterinarian, a profession that interests you",
        ),
        (
            Contact::new("Katie Bouman")
                .with_profession("astronomer")
                .with_star(true),
            "they are a star of their field",
        ),
        (
            Contact::new("Sam Rivera")
                .with_profession("accountant")
                .with_passion("Animals")
                .with_passion("hiking"),
            "they share your passion for animals",
        ),
    ];
    for (contact, fact) in &cases {
        for direction in Direction::ALL {
            let verdict = policy.evaluate(contact, &Platform::Twitter, direction);
            assert_verdict(
                &verdict,
                Decision::Accept,
                "twitter.shared-purpose",
                &["Twitter is for meeting people you would like to meet", fact],
            );
        }
    }

    // No prior meeting needed, and a bad view of them changes nothing.
    let star = Contact::new("Katie Bouman")
        .with_star(true)
        .with_my_view(View::Negative);
    let verdict = policy.evaluate(&star, &Platform::Twitter, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "twitter.shared-purpose");
}

#[test]
fn twitter_no_purpose() {
    let policy = my_policy(false);
    // A colleague I would vouch for, but with nothing in common with my
    // purposes: Twitter is not LinkedIn.
    let pat = Contact::new("Pat Kowalski")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive)
        .with_friend(true)
        .with_profession("accountant")
        .with_passion("golf")
        .with_mutual_connections(90);
    let verdict = policy.evaluate(&pat, &Platform::Twitter, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "twitter.no-purpose",
        &[
            "do not share your profession",
            "share none of your passions",
            "profession that interests you",
            "not a star of their field",
        ],
    );
}

#[test]
fn twitter_purpose_matching_ignores_case_and_whitespace() {
    let policy = Policy::builder()
        .profession("  Software ENGINEER ")
        .interesting_profession("\tVeterinarian  ")
        .passion(" ANIMALS")
        .build()
        .unwrap();
    assert_eq!(policy.settings().profession(), Some("software engineer"));
    let accepted = [
        Contact::new("Dana").with_profession("software engineer  "),
        Contact::new("Dana").with_profession("SOFTWARE Engineer"),
        Contact::new("Ines").with_profession("  veterinarian"),
        Contact::new("Ines").with_profession("VETERINARIAN\n"),
        Contact::new("Sam").with_passion("animals "),
        Contact::new("Sam").with_passion("  AnImAlS"),
    ];
    for c in &accepted {
        let verdict = policy.evaluate(c, &Platform::Twitter, Direction::Outgoing);
        assert_eq!(verdict.rule_id(), "twitter.shared-purpose", "{c:?}");
    }
    // Case and whitespace aside, the match is exact.
    let declined = [
        Contact::new("Dana").with_profession("software engineering"),
        Contact::new("Ines").with_profession("vet"),
        Contact::new("Sam").with_passion("animal"),
        Contact::new("Sam").with_passion("  "),
        Contact::new("Sam").with_profession("  "),
    ];
    for c in &declined {
        let verdict = policy.evaluate(c, &Platform::Twitter, Direction::Outgoing);
        assert_eq!(verdict.rule_id(), "twitter.no-purpose", "{c:?}");
    }
}

// ---- Facebook ------------------------------------------------------------

#[test]
fn facebook_friend() {
    let policy = my_policy(false);
    // A childhood friend whose work I know nothing about.
    let maya = Contact::new("Maya Goldberg")
        .with_friend(true)
        .with_my_view(View::Unknown);
    let verdict = policy.evaluate(&maya, &Platform::Facebook, Direction::Incoming);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "facebook.friend",
        &["Facebook is for friends", "they are a personal friend"],
    );
    // Friendship says nothing about work: on LinkedIn she is a stranger.
    let verdict = policy.evaluate(&maya, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
    // Being friends on Facebook is another fact than being friends.
    assert!(maya.is_friend() && !maya.is_facebook_friend());
    let on_facebook = maya.with_friend(false).with_facebook_friend(true);
    assert!(!on_facebook.is_friend() && on_facebook.is_facebook_friend());
}

#[test]
fn facebook_not_a_friend() {
    let policy = my_policy(false);
    // A valued colleague, but not a personal friend.
    let grace = Contact::new("Grace Liu")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Positive)
        .with_star(true)
        .with_facebook_friend(true);
    let verdict = policy.evaluate(&grace, &Platform::Facebook, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "facebook.not-a-friend",
        &["Facebook is for friends", "not a personal friend"],
    );
}

#[test]
fn every_builtin_rule_has_a_test_above() {
    let ids: Vec<&str> = BuiltinRule::ALL.iter().map(|r| r.id()).collect();
    assert_eq!(
        ids,
        [
            "linkedin.recruiter-override",
            "linkedin.reputation-guard",
            "linkedin.not-met",
            "linkedin.cannot-vouch",
            "linkedin.mutual-vouch",
            "twitter.shared-purpose",
            "twitter.no-purpose",
            "facebook.friend",
            "facebook.not-a-friend",
        ]
    );
    for rule in BuiltinRule::ALL {
        assert_eq!(BuiltinRule::from_id(rule.id()), Some(rule));
        assert_eq!(rule.to_string(), rule.id());
    }
}

// ---- User rules ----------------------------------------------------------

/// Accept alumni on LinkedIn. It has no explanation of its own, so the
/// trait's default explains it.
fn alumni_network() -> impl Rule {
    rule_fn("alumni", |r| {
        (*r.platform == Platform::LinkedIn && r.contact.has_tag("alumni"))
            .then_some(Decision::Accept)
    })
}

fn conference_rule() -> DataRule {
    DataRule::new(
        "rustconf-speakers",
        Condition::Tag("RustConf 2026 speaker".into()),
        Decision::Accept,
        "I saw them speak at RustConf 2026",
    )
    .on(Platform::LinkedIn)
}

#[test]
fn user_rules_come_before_builtin_rules_and_the_first_decides() {
    let policy = Policy::builder()
        .rule(blocklist())
        .data_rule(conference_rule())
        .rule(alumni_network())
        .build()
        .unwrap();
    assert_eq!(
        policy.rule_ids().collect::<Vec<_>>(),
        ["blocklist", "rustconf-speakers", "alumni"]
    );

    // A stranger to the built-in rules, but I saw her speak.
    let speaker = Contact::new("Niamh O'Brien").with_tag("rustconf 2026 speaker");
    let verdict = policy.evaluate(&speaker, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "rustconf-speakers",
        &[
            "I saw them speak at RustConf 2026",
            "they are tagged `rustconf 2026 speaker`",
        ],
    );
    assert_eq!(verdict.builtin_rule(), None);
    assert!(!verdict.is_fallback());
    assert_eq!(
        verdict.explanation(),
        "I saw them speak at RustConf 2026 (they are tagged `rustconf 2026 speaker`)"
    );

    // The Rust rule before it wins when both apply.
    let blocked = speaker.clone().with_tag("Blocked").with_tag("alumni");
    let verdict = policy.evaluate(&blocked, &Platform::LinkedIn, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Decline,
        "blocklist",
        &["Niamh O'Brien is on my blocklist"],
    );

    // The data rule before the later Rust rule wins too.
    let both = speaker.clone().with_tag("alumni");
    let verdict = policy.evaluate(&both, &Platform::LinkedIn, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "rustconf-speakers");

    // A Rust rule with the default explanation.
    let alum = Contact::new("Ben Adler").with_tag("alumni");
    let verdict = policy.evaluate(&alum, &Platform::LinkedIn, Direction::Incoming);
    assert_verdict(&verdict, Decision::Accept, "alumni", &[]);
    assert_eq!(verdict.explanation(), "rule `alumni` applies");

    // A user rule beats even a built-in rule that would apply.
    let friend = Contact::new("Maya Goldberg")
        .with_friend(true)
        .with_tag("blocked");
    let verdict = policy.evaluate(&friend, &Platform::Facebook, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "blocklist");

    // When no user rule applies, the built-in rules decide; the data rule
    // is limited to LinkedIn.
    let verdict = policy.evaluate(&speaker, &Platform::Twitter, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "twitter.no-purpose");
    let verdict = policy.evaluate(&alum, &Platform::Facebook, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "facebook.not-a-friend");
}

#[test]
fn user_rules_from_a_box_and_a_blank_reason() {
    let boxed: Box<dyn Rule> = Box::new(blocklist());
    let silent = DataRule::new("quiet", Condition::Recruiter(true), Decision::Decline, "  ");
    let policy = Policy::builder()
        .boxed_rule(boxed)
        .data_rule(silent)
        .build()
        .unwrap();
    let riley = Contact::new("Riley Brooks").with_recruiter(true);
    let verdict = policy.evaluate(&riley, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "quiet");
    assert_eq!(
        verdict.explanation(),
        "Rule `quiet` applies: they are a recruiter, so decline"
    );
    let blocked = riley.clone().with_tag("blocked");
    let verdict = policy.evaluate(&blocked, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.explanation(), "Riley Brooks is on my blocklist");
}

#[test]
fn data_rules_read_every_fact() {
    let met = Contact::new("Grace Liu")
        .with_acquaintance(Acquaintance::WorkedInPerson)
        .with_my_view(View::Positive)
        .with_their_view(View::Unknown)
        .with_recruiter(true)
        .with_friend(true)
        .with_star(true)
        .with_profession("Veterinarian")
        .with_passion("Animals")
        .with_tag("Conference-2026")
        .with_facebook_friend(true)
        .with_mutual_connections(12);
    let stranger = Contact::new("Sam Rivera").with_profession("accountant");
    // (condition, holds for `met`, holds for `stranger`), on LinkedIn,
    // incoming, while job seeking.
    let cases: Vec<(Condition, bool, bool)> = vec![
        (Condition::Platform(Platform::LinkedIn), true, true),
        (Condition::Platform(Platform::Twitter), false, false),
        (Condition::Direction(Direction::Incoming), true, true),
        (Condition::Direction(Direction::Outgoing), false, false),
        (Condition::JobSeeking(true), true, true),
        (Condition::JobSeeking(false), false, false),
        (
            Condition::Acquaintance(Acquaintance::WorkedInPerson),
            true,
            false,
        ),
        (Condition::Acquaintance(Acquaintance::Never), false, true),
        (Condition::MetInPerson(true), true, false),
        (Condition::WorkedTogether(true), true, false),
        (Condition::SpokeWith(true), true, false),
        (Condition::SpokeWith(false), false, true),
        (Condition::MyView(View::Positive), true, false),
        (Condition::TheirView(View::Unknown), true, true),
        (Condition::TheirView(View::Negative), false, false),
        (Condition::Recruiter(true), true, false),
        (Condition::Friend(true), true, false),
        (Condition::FacebookFriend(true), true, false),
        (Condition::Star(true), true, false),
        (Condition::Profession(" VETERINARIAN ".into()), true, false),
        (Condition::Profession("Accountant".into()), false, true),
        (Condition::SharesProfession(true), false, false),
        (Condition::InterestingProfession(true), true, false),
        (Condition::Passion("animals".into()), true, false),
        (Condition::SharesPassion(true), true, false),
        (Condition::SharesPassion(false), false, true),
        (Condition::Tag("conference-2026".into()), true, false),
        (Condition::Tag("conference".into()), false, false),
        (Condition::MutualConnectionsAtLeast(12), true, false),
        (Condition::MutualConnectionsAtLeast(13), false, false),
        (Condition::MutualConnectionsAtLeast(0), true, true),
        (
            Condition::All(vec![Condition::Star(true), Condition::Friend(true)]),
            true,
            false,
        ),
        (
            Condition::All(vec![Condition::Star(true), Condition::Recruiter(false)]),
            false,
            false,
        ),
        (
            Condition::Any(vec![
                Condition::Star(true),
                Condition::Profession("accountant".into()),
            ]),
            true,
            true,
        ),
        (
            Condition::Any(vec![Condition::Star(false), Condition::Friend(false)]),
            false,
            true,
        ),
        (
            Condition::Not(Box::new(Condition::SpokeWith(true))),
            false,
            true,
        ),
        (
            Condition::Not(Box::new(Condition::Not(Box::new(Condition::Star(true))))),
            true,
            false,
        ),
    ];
    for (condition, for_met, for_stranger) in cases {
        let rule = DataRule::new("probe", condition.clone(), Decision::Accept, "probe");
        let policy = Policy::builder()
            .job_seeking(true)
            .profession("Software Engineer")
            .interesting_profession("veterinarian")
            .passion("animals")
            .data_rule(rule)
            .build()
            .unwrap();
        for (contact, holds) in [(&met, for_met), (&stranger, for_stranger)] {
            let verdict = policy.evaluate(contact, &Platform::LinkedIn, Direction::Incoming);
            assert_eq!(
                verdict.rule_id() == "probe",
                holds,
                "{condition:?} for {}",
                contact.name()
            );
        }
    }
}

#[test]
fn switching_off_a_builtin_rule_by_id() {
    let stranger = Contact::new("Marcus Chen");
    let policy = Policy::builder()
        .disable("linkedin.not-met")
        .build()
        .unwrap();
    assert!(!policy.is_enabled(BuiltinRule::LinkedInNotMet));
    assert!(policy.is_enabled(BuiltinRule::LinkedInCannotVouch));
    // The next rule in line decides.
    let verdict = policy.evaluate(&stranger, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.decision(), Decision::Decline);
    assert_eq!(verdict.rule_id(), "linkedin.cannot-vouch");

    // Not job hunting after all: recruiters are strangers like anyone.
    let policy = Policy::builder()
        .job_seeking(true)
        .disable("linkedin.recruiter-override")
        .build()
        .unwrap();
    let jordan = Contact::new("Jordan Blake").with_recruiter(true);
    let verdict = policy.evaluate(&jordan, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");

    // With every rule of a platform off, the fallback decides.
    let policy = Policy::builder()
        .disable("facebook.friend")
        .disable("facebook.not-a-friend")
        .build()
        .unwrap();
    let maya = Contact::new("Maya Goldberg").with_friend(true);
    let verdict = policy.evaluate(&maya, &Platform::Facebook, Direction::Incoming);
    assert_eq!(verdict.decision(), Decision::Decline);
    assert_eq!(verdict.rule_id(), "fallback");
    assert!(verdict.is_fallback());
    assert_eq!(
        verdict.explanation(),
        "No enabled rule applies on Facebook, so the policy's fallback decides: decline"
    );

    // A switched-off rule never appears in a verdict.
    let policy = Policy::builder()
        .disable("linkedin.mutual-vouch")
        .build()
        .unwrap();
    for c in finite::contacts() {
        let verdict = policy.evaluate(&c, &Platform::LinkedIn, Direction::Incoming);
        assert_ne!(verdict.rule_id(), "linkedin.mutual-vouch", "{c:?}");
    }
}

#[test]
fn user_named_platforms_with_data_rules() {
    let mastodon = Platform::named("Mastodon").unwrap();
    let github = Platform::named("github").unwrap();
    let policy = Policy::builder()
        .platform(mastodon.clone())
        .data_rule(
            DataRule::new(
                "fediverse-friends",
                Condition::Any(vec![
                    Condition::Friend(true),
                    Condition::Tag("fediverse".into()),
                ]),
                Decision::Accept,
                "Mastodon is for friends and the fediverse crowd",
            )
            .on(mastodon.clone()),
        )
        .data_rule(DataRule::new(
            "github-collaborators",
            Condition::All(vec![
                Condition::Platform(github.clone()),
                Condition::WorkedTogether(true),
            ]),
            Decision::Accept,
            "We have worked together: follow their code",
        ))
        .data_rule(
            DataRule::always("mastodon-default", Decision::MeetFirst, "Say hello first")
                .on(mastodon.clone()),
        )
        .build()
        .unwrap();
    assert_eq!(policy.platforms(), std::slice::from_ref(&mastodon));

    let eve = Contact::new("Eve Laurent").with_tag("Fediverse");
    let verdict = policy.evaluate(&eve, &mastodon, Direction::Outgoing);
    assert_verdict(
        &verdict,
        Decision::Accept,
        "fediverse-friends",
        &["Mastodon is for friends"],
    );

    let stranger = Contact::new("Hugo Brandt");
    let verdict = policy.evaluate(&stranger, &mastodon, Direction::Incoming);
    assert_verdict(&verdict, Decision::MeetFirst, "mastodon-default", &[]);
    assert!(verdict.reply().unwrap().starts_with("Hi Hugo,"));

    // A platform the rules do not cover falls back.
    let verdict = policy.evaluate(&eve, &github, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "fallback");
    assert_eq!(
        verdict.explanation(),
        "None of your rules applies on github, so the policy's fallback decides: decline"
    );

    // A rule for every platform that tests the platform in its condition;
    // it works without declaring the platform in code.
    let colleague = Contact::new("Tomás Herrera").with_acquaintance(Acquaintance::WorkedRemotely);
    let verdict = policy.evaluate(&colleague, &github, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "github-collaborators");
    let verdict = policy.evaluate(&colleague, &Platform::LinkedIn, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "linkedin.cannot-vouch");

    // Rules for mastodon stay off the built-in platforms.
    let verdict = policy.evaluate(&eve, &Platform::Twitter, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "twitter.no-purpose");
    let verdict = policy.evaluate(&stranger, &Platform::LinkedIn, Direction::Outgoing);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");
}

#[test]
fn fallback_decision_is_configurable() {
    let bluesky = Platform::named("bluesky").unwrap();
    let ada = Contact::new("Ada Nwosu");
    for decision in Decision::ALL {
        let policy = Policy::builder().fallback(decision).build().unwrap();
        assert_eq!(policy.fallback(), decision);
        let verdict = policy.evaluate(&ada, &bluesky, Direction::Incoming);
        assert_eq!(verdict.decision(), decision);
        assert_eq!(verdict.rule_id(), "fallback");
        assert_eq!(
            verdict.explanation(),
            format!(
                "None of your rules applies on bluesky, so the policy's fallback decides: {decision}"
            )
        );
        assert_eq!(verdict.reply().is_some(), decision == Decision::MeetFirst);
        // The built-in platforms keep their own rules.
        let verdict = policy.evaluate(&ada, &Platform::Facebook, Direction::Incoming);
        assert_eq!(verdict.rule_id(), "facebook.not-a-friend");
    }
    assert_eq!(Policy::default().fallback(), Decision::Decline);

    let policy = Policy::builder()
        .fallback(Decision::MeetFirst)
        .build()
        .unwrap();
    let verdict = policy.evaluate(&ada, &bluesky, Direction::Incoming);
    let reply = verdict.reply().unwrap();
    assert!(reply.starts_with("Hi Ada,"), "{reply}");
}

#[test]
fn evaluate_all_gives_the_same_verdicts_as_evaluate_in_order() {
    let policy = Policy::builder()
        .job_seeking(true)
        .profession("software engineer")
        .passion("animals")
        .rule(blocklist())
        .data_rule(conference_rule())
        .build()
        .unwrap();
    let mastodon = Platform::named("mastodon").unwrap();
    let people = [
        Contact::new("Jordan Blake").with_recruiter(true),
        Contact::new("Grace Liu")
            .with_acquaintance(Acquaintance::WorkedInPerson)
            .with_my_view(View::Positive)
            .with_their_view(View::Positive),
        Contact::new("Niamh O'Brien").with_tag("RustConf 2026 speaker"),
        Contact::new("Kevin Marsh").with_tag("blocked"),
        Contact::new("Sam Rivera").with_passion("animals"),
        Contact::new("Maya Goldberg").with_friend(true),
        Contact::new("Marcus Chen"),
    ];
    let platforms = [
        Platform::LinkedIn,
        Platform::Twitter,
        Platform::Facebook,
        mastodon,
    ];
    let mut requests = Vec::new();
    for c in &people {
        for p in &platforms {
            for d in Direction::ALL {
                requests.push((c, p, d));
            }
        }
    }
    let batch: Vec<_> = policy
        .evaluate_all(requests.iter().copied())
        .map(|v| v.to_record())
        .collect();
    let one_by_one: Vec<_> = requests
        .iter()
        .map(|&(c, p, d)| policy.evaluate(c, p, d).to_record())
        .collect();
    let free_function: Vec<_> = requests
        .iter()
        .map(|&(c, p, d)| acquaint::evaluate(&policy, c, p, d).to_record())
        .collect();
    assert_eq!(batch.len(), people.len() * 4 * 2);
    assert_eq!(batch, one_by_one);
    assert_eq!(batch, free_function);
    // The batch answered each request, not some other one.
    let verdicts: Vec<Verdict<'_>> = policy.evaluate_all(requests.iter().copied()).collect();
    for (verdict, (c, p, d)) in verdicts.iter().zip(&requests) {
        assert_eq!(verdict.request().contact.name(), c.name());
        assert_eq!(verdict.request().platform, *p);
        assert_eq!(verdict.request().direction, *d);
    }
    // Every kind of decider shows up in the batch.
    let rules: std::collections::BTreeSet<&str> = batch.iter().map(|r| r.rule.as_str()).collect();
    for rule in [
        "linkedin.recruiter-override",
        "linkedin.mutual-vouch",
        "rustconf-speakers",
        "blocklist",
        "twitter.shared-purpose",
        "facebook.friend",
        "linkedin.not-met",
        "fallback",
    ] {
        assert!(rules.contains(rule), "{rule} in {rules:?}");
    }
}

#[test]
fn verdict_display_reads_as_one_line() {
    let policy = Policy::default();
    let maya = Contact::new("Maya Goldberg").with_friend(true);
    let verdict = policy.evaluate(&maya, &Platform::Facebook, Direction::Incoming);
    assert_eq!(
        verdict.to_string(),
        "accept (facebook.friend): Facebook is for friends: they are a personal friend, so accept"
    );
}

// ---- has-message -------------------------------------------------------------

/// The README's condition keys: `has-message` holds when the invitation
/// carries a note, that is a message that is not blank.
#[test]
fn has_message_reads_whether_the_invitation_carries_a_note() {
    let rule = DataRule::new(
        "no-note",
        Condition::HasMessage(false),
        Decision::Decline,
        "No note, no connection",
    )
    .on(Platform::LinkedIn);
    let policy = Policy::builder().data_rule(rule).build().unwrap();
    let silent = Contact::new("Sam");
    let blank = Contact::new("Sam").with_message(" \n ");
    let polite = Contact::new("Sam").with_message("We met at RustConf");
    for contact in [&silent, &blank] {
        let verdict = policy.evaluate(contact, &Platform::LinkedIn, Direction::Incoming);
        assert_eq!(verdict.rule_id(), "no-note");
        assert_eq!(
            verdict.explanation(),
            "No note, no connection (their invitation carries no note)"
        );
    }
    let verdict = policy.evaluate(&polite, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "linkedin.not-met");

    let rule = DataRule::new(
        "noted",
        Condition::HasMessage(true),
        Decision::MeetFirst,
        "",
    );
    let policy = Policy::builder().data_rule(rule).build().unwrap();
    let verdict = policy.evaluate(&polite, &Platform::Twitter, Direction::Incoming);
    assert_eq!(
        verdict.explanation(),
        "Rule `noted` applies: their invitation carries a note, so meet-first"
    );
}

// ---- Rules written in Rust that panic ------------------------------------------

/// The `# Panics` sections of `evaluate`, `evaluate_all`, `explanation` and
/// `what_would_change`: a panic in a Rust rule reaches the caller, the
/// verdicts before it in a batch were given, and the policy stays usable.
#[test]
fn a_panicking_rust_rule_reaches_the_caller_and_leaves_the_policy_usable() {
    use std::panic::{AssertUnwindSafe, catch_unwind};
    let policy = Policy::builder()
        .rule(
            rule_fn("fragile", |r| {
                if r.contact.has_tag("boom") {
                    panic!("the rule broke");
                }
                r.contact.has_tag("quiet").then_some(Decision::Accept)
            })
            .explained(|_| panic!("no words")),
        )
        .build()
        .unwrap();
    let boom = Contact::new("B").with_tag("boom");
    let quiet = Contact::new("Q").with_tag("quiet");
    let plain = Contact::new("P");
    let evaluate = |c: &Contact| {
        catch_unwind(AssertUnwindSafe(|| {
            policy
                .evaluate(c, &Platform::LinkedIn, Direction::Incoming)
                .decision()
        }))
    };
    assert!(evaluate(&boom).is_err());
    assert_eq!(evaluate(&plain).unwrap(), Decision::MeetFirst);

    let batch = [&plain, &boom, &quiet].map(|c| (c, &Platform::LinkedIn, Direction::Incoming));
    let mut verdicts = policy.evaluate_all(batch);
    assert_eq!(
        verdicts.next().map(|v| v.rule_id()),
        Some("linkedin.not-met")
    );
    assert!(catch_unwind(AssertUnwindSafe(|| verdicts.next().map(|v| v.decision()))).is_err());

    let verdict = policy.evaluate(&quiet, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "fragile");
    assert!(catch_unwind(AssertUnwindSafe(|| verdict.explanation())).is_err());
    assert!(catch_unwind(AssertUnwindSafe(|| verdict.to_record())).is_err());
    assert!(
        catch_unwind(AssertUnwindSafe(|| {
            policy.what_would_change(&boom, &Platform::LinkedIn, Direction::Incoming)
        }))
        .is_err()
    );
    // Still usable after every panic.
    assert_eq!(evaluate(&quiet).unwrap(), Decision::Accept);
}

/// Verdicts compare as data: the same decision by the same rule for equal
/// requests.
#[test]
fn verdicts_compare_by_decision_rule_and_request() {
    let policy = Policy::default();
    let (a, b) = (Contact::new("Ada"), Contact::new("Ada"));
    let first = policy.evaluate(&a, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(
        first,
        policy.evaluate(&b, &Platform::LinkedIn, Direction::Incoming)
    );
    assert_ne!(
        first,
        policy.evaluate(&a, &Platform::LinkedIn, Direction::Outgoing)
    );
    assert_ne!(
        first,
        policy.evaluate(&a, &Platform::Facebook, Direction::Incoming)
    );
}

/// A contact's `Debug` shows its passions and tags, as stored (trimmed and
/// in lowercase), and its `PartialEq` and `Hash` read them: contacts that
/// differ only there are not equal, and hash apart.
#[test]
fn contacts_show_compare_and_hash_their_tags_and_passions() {
    use std::hash::{BuildHasher, RandomState};

    let plain = Contact::new("Zoë");
    let tagged = plain.clone().with_tag(" VIP ").with_passion("Chess");
    let debug = format!("{tagged:?}");
    assert!(
        debug.contains(r#"passions: ["chess"]"#) && debug.contains(r#"tags: ["vip"]"#),
        "{debug}"
    );
    assert_eq!(tagged, tagged.clone());
    assert_eq!(tagged, plain.clone().with_tag("vip").with_passion(" CHESS"));
    assert_ne!(plain, tagged);
    assert_ne!(plain.clone().with_tag("a"), plain.clone().with_tag("b"));
    let hasher = RandomState::new();
    assert_ne!(hasher.hash_one(&plain), hasher.hash_one(&tagged));
    assert_ne!(
        hasher.hash_one(&plain),
        hasher.hash_one(plain.clone().with_tag("vip"))
    );
    // Both with tags: only the tags themselves tell them apart.
    assert_ne!(
        hasher.hash_one(plain.clone().with_tag("a")),
        hasher.hash_one(plain.clone().with_tag("b"))
    );
}
