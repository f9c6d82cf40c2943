//! Helpers shared by the fuzz targets: the requests a policy is tried on,
//! and the round-trip property of policy documents.
//!
//! Everything here uses acquaint's public API only.

use acquaint::{Acquaintance, Condition, Contact, Direction, Platform, Policy, View};

/// The platforms to try a policy on: the built-in ones and the policy's own.
pub fn platforms(policy: &Policy) -> Vec<Platform> {
    let mut all = vec![Platform::LinkedIn, Platform::Twitter, Platform::Facebook];
    all.extend(policy.platforms().iter().take(4).cloned());
    all
}

/// The strings a policy's conditions and settings name (professions,
/// passions, tags), so that the contacts tried can match them.
fn named_strings(policy: &Policy) -> (Vec<String>, Vec<String>, Vec<String>) {
    fn walk(c: &Condition, out: &mut (Vec<String>, Vec<String>, Vec<String>), depth: usize) {
        if depth > 64 {
            return;
        }
        match c {
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|c| walk(c, out, depth + 1));
            }
            Condition::Not(inner) => walk(inner, out, depth + 1),
            Condition::Profession(p) => out.0.push(p.clone()),
            Condition::Passion(p) => out.1.push(p.clone()),
            Condition::Tag(t) => out.2.push(t.clone()),
            _ => {}
        }
    }
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    let settings = policy.settings();
    out.0.extend(settings.profession().map(str::to_owned));
    out.0.extend(
        settings
            .interesting_professions()
            .take(2)
            .map(str::to_owned),
    );
    out.1.extend(settings.passions().take(2).map(str::to_owned));
    for rule in policy.data_rules().take(16) {
        if let Some(when) = rule.condition() {
            walk(when, &mut out, 0);
        }
    }
    for list in [&mut out.0, &mut out.1, &mut out.2] {
        list.truncate(4);
    }
    out
}

/// A few fixed contacts, plus ones carrying the strings `policy` names.
pub fn contacts(policy: &Policy) -> Vec<Contact> {
    let mut all = vec![
        Contact::new("Sam"),
        Contact::new("Ada")
            .with_acquaintance(Acquaintance::WorkedInPerson)
            .with_my_view(View::Positive)
            .with_their_view(View::Positive),
        Contact::new("Riley")
            .with_recruiter(true)
            .with_mutual_connections(500)
            .with_message("Hi!"),
        Contact::new("Kim")
            .with_friend(true)
            .with_facebook_friend(true)
            .with_acquaintance(Acquaintance::Spoken)
            .with_my_view(View::Negative),
        Contact::new("Grace")
            .with_star(true)
            .with_acquaintance(Acquaintance::MetInPerson)
            .with_their_view(View::Negative)
            .with_profession("software engineer")
            .with_passion("animals")
            .with_tag("vip"),
    ];
    let (professions, passions, tags) = named_strings(policy);
    for (i, profession) in professions.iter().enumerate() {
        let mut c = Contact::new(format!("P{i}"))
            .with_profession(profession)
            .with_acquaintance(Acquaintance::ALL[i % Acquaintance::ALL.len()]);
        for p in &passions {
            c = c.with_passion(p);
        }
        all.push(c);
    }
    let mut tagged = Contact::new("Tagged").with_mutual_connections(u32::MAX);
    for t in &tags {
        tagged = tagged.with_tag(t);
    }
    for p in &passions {
        tagged = tagged.with_passion(p);
    }
    all.push(tagged);
    all
}

/// Checks the documented round trip: a policy serializes as a policy
/// document that loads back to the same policy. `write` and `load` are one
/// serde format; the reloaded policy must write the same document again and
/// decide and explain every request tried as the original does.
pub fn check_round_trip<E: std::fmt::Debug>(
    policy: &Policy,
    write: impl Fn(&Policy) -> Result<String, E>,
    load: impl Fn(&str) -> Result<Policy, E>,
) {
    let document = match write(policy) {
        Ok(document) => document,
        Err(e) => panic!("a loaded policy does not serialize: {e:?}"),
    };
    let again = match load(&document) {
        Ok(again) => again,
        Err(e) => panic!("a serialized policy does not load: {e:?}\n{document}"),
    };
    match write(&again) {
        Ok(second) => assert_eq!(document, second, "the document changed on reloading"),
        Err(e) => panic!("a reloaded policy does not serialize: {e:?}"),
    }
    assert_eq!(policy.settings(), again.settings());
    assert_eq!(policy.fallback(), again.fallback());
    assert!(policy.rule_ids().eq(again.rule_ids()));
    assert!(policy.data_rules().eq(again.data_rules()));
    assert_eq!(policy.examples(), again.examples());
    // Checking examples runs every one: it must not panic, and says the same
    // of both.
    let failures = |p: &Policy| -> Vec<(usize, String)> {
        let list = p.check_examples();
        list.iter().map(|f| (f.position(), f.to_string())).collect()
    };
    assert_eq!(failures(policy), failures(&again));
    for platform in platforms(policy) {
        for contact in contacts(policy) {
            for direction in Direction::ALL {
                let a = policy.evaluate(&contact, &platform, direction);
                let b = again.evaluate(&contact, &platform, direction);
                assert_eq!(a.decision(), b.decision(), "{contact:?} on {platform}");
                assert_eq!(a.rule_id(), b.rule_id(), "{contact:?} on {platform}");
                assert_eq!(a.to_record(), b.to_record(), "{contact:?} on {platform}");
            }
        }
    }
}
