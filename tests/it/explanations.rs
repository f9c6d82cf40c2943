//! A data rule explains itself with the facts that made its condition
//! hold: every part of an `all` that held, the first part of an `any` that
//! held, and, under a `not`, the facts that made the inner condition fail.

use acquaint::{Contact, Direction, Platform, Policy};

/// The explanation of the one rule of `when`, for `contact` on LinkedIn.
fn explain(when: &str, contact: &Contact) -> String {
    let policy: Policy = toml::from_str(&format!(
        "profession = \"designer\"\npassions = [\"chess\", \"animals\"]\n\
         [[rules]]\nid = \"mine\"\nwhen = {when}\ndecision = \"accept\"\nreason = \"Mine\"\n"
    ))
    .unwrap();
    let verdict = policy.evaluate(contact, &Platform::LinkedIn, Direction::Incoming);
    assert_eq!(verdict.rule_id(), "mine", "the rule must apply: {when}");
    verdict.explanation()
}

#[test]
fn all_names_every_part() {
    let c = Contact::new("Ada").with_star(true).with_friend(true);
    assert_eq!(
        explain("{ all = [{ star = true }, { friend = true }] }", &c),
        "Mine (they are a star of their field and they are a personal friend)"
    );
}

#[test]
fn any_names_the_first_part_that_held() {
    let c = Contact::new("Ada").with_friend(true);
    assert_eq!(
        explain(
            "{ any = [{ star = true }, { friend = true }, { recruiter = false }] }",
            &c
        ),
        "Mine (they are a personal friend)"
    );
}

#[test]
fn not_any_names_every_part_that_failed() {
    let c = Contact::new("Ada");
    assert_eq!(
        explain(
            "{ not = { any = [{ recruiter = true }, { friend = true }] } }",
            &c
        ),
        "Mine (they are not a recruiter and they are not a personal friend)"
    );
}

#[test]
fn not_all_names_the_first_part_that_failed() {
    let c = Contact::new("Ada").with_recruiter(true);
    assert_eq!(
        explain(
            "{ not = { all = [{ recruiter = true }, { friend = true }, { star = true }] } }",
            &c
        ),
        "Mine (they are not a personal friend)"
    );
}

#[test]
fn a_fact_named_twice_is_told_once() {
    let c = Contact::new("Ada");
    assert_eq!(
        explain("{ spoke-with = false, met-in-person = false }", &c),
        "Mine (you have never met, spoken or worked together)"
    );
}

#[test]
fn professions_passions_and_tags_are_named_whichever_way_they_went() {
    let designer = Contact::new("Ada")
        .with_profession("Designer")
        .with_passion("Animals")
        .with_tag("VIP");
    let chef = Contact::new("Bob").with_profession("chef");
    assert_eq!(
        explain("{ profession = \"designer\" }", &designer),
        "Mine (their profession is designer)"
    );
    assert_eq!(
        explain("{ not = { profession = \"designer\" } }", &chef),
        "Mine (their profession is not designer)"
    );
    assert_eq!(
        explain(
            "{ shares-profession = true, shares-passion = true }",
            &designer
        ),
        "Mine (they share your profession and they share your passion for animals)"
    );
    assert_eq!(
        explain(
            "{ shares-profession = false, shares-passion = false }",
            &chef
        ),
        "Mine (they do not share your profession and they share none of your passions)"
    );
    assert_eq!(
        explain("{ passion = \"animals\", tag = \"vip\" }", &designer),
        "Mine (they have a passion for animals and they are tagged `vip`)"
    );
    assert_eq!(
        explain(
            "{ not = { any = [{ passion = \"chess\" }, { tag = \"vip\" }] } }",
            &chef
        ),
        "Mine (they have no passion for chess and they are not tagged `vip`)"
    );
}

/// Twitter's refusal names only the purposes the user has set.
#[test]
fn twitter_no_purpose_names_the_purposes_set() {
    let nobody = Contact::new("Sam");
    let explain = |policy: acquaint::PolicyBuilder| {
        let policy = policy.build().unwrap();
        let verdict = policy.evaluate(&nobody, &Platform::Twitter, Direction::Outgoing);
        assert_eq!(verdict.rule_id(), "twitter.no-purpose");
        verdict.explanation()
    };
    let start = "Twitter is for meeting people you would like to meet: they";
    assert_eq!(
        explain(Policy::builder()),
        format!(
            "{start} are not a star of their field (set your profession, interests or \
             passions for more reasons to follow), so decline"
        )
    );
    assert_eq!(
        explain(Policy::builder().passion("chess")),
        format!(
            "{start} share none of your passions and are not a star of their field, so decline"
        )
    );
    assert_eq!(
        explain(Policy::builder().interesting_profession("biologist")),
        format!(
            "{start} do not work in a profession that interests you and are not a star of \
             their field, so decline"
        )
    );
    assert_eq!(
        explain(
            Policy::builder()
                .profession("designer")
                .interesting_profession("biologist")
                .passion("chess")
        ),
        format!(
            "{start} do not share your profession, do not work in a profession that \
             interests you, share none of your passions and are not a star of their field, \
             so decline"
        )
    );
}

/// A block list explains itself in a line: the first ten facts, then how
/// many more.
#[test]
fn long_lists_name_ten_facts_and_count_the_rest() {
    let tags: Vec<String> = (0..30).map(|i| format!("{{ tag = \"t{i}\" }}")).collect();
    let when = format!("{{ not = {{ any = [{}] }} }}", tags.join(", "));
    let text = explain(&when, &Contact::new("Ada"));
    let named: Vec<String> = (0..10)
        .map(|i| format!("they are not tagged `t{i}`"))
        .collect();
    assert_eq!(
        text,
        format!("Mine ({} and 20 more facts)", named.join(", "))
    );
    // Exactly ten facts: all named, nothing counted.
    let when = format!("{{ not = {{ any = [{}] }} }}", tags[..10].join(", "));
    assert!(explain(&when, &Contact::new("Ada")).ends_with("they are not tagged `t9`)"));
}
