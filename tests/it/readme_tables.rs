//! The README's philosophy tables are generated from `Policy::default()`:
//! this test fails when they differ, and prints the text to paste.

use acquaint::{Platform, Policy};

const START: &str = "<!-- decision-tables:start -->\n";
const END: &str = "<!-- decision-tables:end -->";

fn generated() -> String {
    let policy = Policy::default();
    let sections: Vec<String> = [
        ("LinkedIn", Platform::LinkedIn),
        ("Twitter", Platform::Twitter),
        ("Facebook", Platform::Facebook),
    ]
    .iter()
    .map(|(label, platform)| {
        let table = policy.decision_table(platform).unwrap();
        format!("**{label}**\n\n{table}")
    })
    .collect();
    sections.join("\n")
}

#[test]
fn readme_tables_are_generated_from_the_default_policy() {
    let readme = include_str!("../../README.md");
    let start = readme.find(START).expect("README has the start marker") + START.len();
    let end = readme.find(END).expect("README has the end marker");
    let expected = generated();
    assert!(
        readme[start..end] == expected,
        "the README's decision tables differ from the default policy's; \
         paste this between the markers:\n\n{START}{expected}{END}\n"
    );
}
