//! Triage a handful of invitations with the default policy and print each
//! decision with its rule and explanation.
//!
//! Run it with `cargo run --example triage`.

use acquaint::{Acquaintance, Contact, Direction, Platform, Policy, View};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let policy = Policy::builder()
        .job_seeking(true)
        .profession("software engineer")
        .interesting_profession("designer")
        .passion("animals")
        .build()?;

    let invitations = [
        (
            Contact::new("Grace Hopper")
                .with_acquaintance(Acquaintance::WorkedInPerson)
                .with_my_view(View::Positive)
                .with_their_view(View::Positive),
            Platform::LinkedIn,
            Direction::Incoming,
        ),
        (
            Contact::new("Sam Stranger").with_mutual_connections(312),
            Platform::LinkedIn,
            Direction::Incoming,
        ),
        (
            Contact::new("Riley Recruiter").with_recruiter(true),
            Platform::LinkedIn,
            Direction::Incoming,
        ),
        (
            Contact::new("Pat Pushy")
                .with_acquaintance(Acquaintance::MetInPerson)
                .with_my_view(View::Negative)
                .with_facebook_friend(true),
            Platform::LinkedIn,
            Direction::Incoming,
        ),
        (
            Contact::new("Dana Designer").with_profession("Designer"),
            Platform::Twitter,
            Direction::Outgoing,
        ),
        (
            Contact::new("Kim Friend").with_friend(true),
            Platform::Facebook,
            Direction::Incoming,
        ),
    ];

    for (contact, platform, direction) in &invitations {
        let verdict = policy.evaluate(contact, platform, *direction);
        println!(
            "{:<16} {:<9} {:<9} {:<11} {}",
            contact.name(),
            platform,
            direction,
            verdict.decision(),
            verdict.rule_id()
        );
        println!("    {}", verdict.explanation());
        if let Some(reply) = verdict.reply() {
            println!("    reply: {reply}");
        }
    }
    Ok(())
}
