//! The policy document's JSON Schema, `policy.schema.json` at the root of
//! the repository, for editors (the README's "Help from your editor").
//!
//! Generated here, from the names the reader matches on and the limits it
//! checks, so that it cannot drift from what loads: every choice below is
//! a `match` without a catch-all arm over the vocabulary, and a new policy
//! field, rule field or condition key is a compiler error here until the
//! schema says what it holds. A test compares the committed file with the
//! generated one; `ACQUAINT_WRITE_SCHEMA=1 cargo test --lib schema` writes
//! it again.
//!
//! The schema is JSON Schema draft-07, which VS Code, the YAML language
//! server and Taplo all read, and it uses only keywords that mean the same
//! since draft-04, which is what Taplo documents.

use serde_json::{Map, Value, json};

use crate::builtin::{BuiltinRule, FALLBACK_ID};
use crate::condition::ValueType;
use crate::contact::{Acquaintance, View};
use crate::decision::Decision;
use crate::names::{
    ConditionKey, ContactField, ExampleField, Name, Placeholder, PolicyField, ReplyField, RuleField,
};
use crate::platform::{Direction, Platform, PlatformName};
use crate::policy::Policy;

/// The schema, as `policy.schema.json` holds it.
pub(super) fn policy_schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": "Generated from acquaint's vocabulary: do not edit. \
                     `ACQUAINT_WRITE_SCHEMA=1 cargo test --lib schema` writes it again.",
        "title": "acquaint policy document",
        "description": "A policy for acquaint: your settings, your rules and your replies. \
                        Names are written in lowercase.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties(PolicyField::ALL, policy_field),
        "definitions": {
            "rule": rule(),
            "condition": condition(),
            "example": example(),
            "contact": contact(),
            "platform": platform(),
            "decision": {
                "description": "Connect (`accept`), do not (`decline`), or propose meeting \
                                in person before connecting (`meet-first`).",
                "enum": Decision::ALL.map(Decision::as_str),
            },
        },
    })
}

/// A reference to one of the schema's definitions.
fn definition(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

/// The properties of a table whose keys are the names `N`, each with its
/// description.
fn properties<N: Name>(names: &[N], schema: impl Fn(N) -> Value) -> Value {
    let map: Map<String, Value> = names
        .iter()
        .map(|&name| {
            let value = described(schema(name), name.description());
            (name.name().to_owned(), value)
        })
        .collect();
    Value::Object(map)
}

/// `schema` with a description in front of the one it has. Draft-07
/// ignores the keywords beside a `$ref`, so a reference is wrapped in an
/// `allOf` to carry it.
fn described(schema: Value, description: &str) -> Value {
    match schema {
        Value::Object(mut map) if !map.contains_key("$ref") => {
            let text = match map.get("description").and_then(Value::as_str) {
                Some(more) => format!("{description} {more}"),
                None => description.to_owned(),
            };
            map.insert("description".into(), text.into());
            Value::Object(map)
        }
        other => json!({ "description": description, "allOf": [other] }),
    }
}

/// A string of at most `limit` characters.
fn text(limit: usize) -> Value {
    json!({ "type": "string", "maxLength": limit })
}

fn policy_field(field: PolicyField) -> Value {
    let list_of = |items: Value| json!({ "type": "array", "items": items });
    match field {
        PolicyField::Schema => json!({ "type": "string" }),
        PolicyField::JobSeeking => json!({ "type": "boolean" }),
        PolicyField::Profession => text(Policy::MAX_TEXT_LEN),
        PolicyField::InterestingProfessions | PolicyField::Passions => {
            list_of(text(Policy::MAX_TEXT_LEN))
        }
        PolicyField::Platforms => list_of(definition("platform")),
        PolicyField::Disable => list_of(json!({ "enum": BuiltinRule::ALL.map(BuiltinRule::id) })),
        PolicyField::Fallback => definition("decision"),
        PolicyField::Rules => json!({
            "type": "array",
            "maxItems": Policy::MAX_RULES,
            "items": definition("rule"),
        }),
        PolicyField::Replies => json!({
            "type": "object",
            "additionalProperties": false,
            "properties": properties(ReplyField::ALL, |_| template()),
        }),
        PolicyField::Examples => json!({
            "type": "array",
            "maxItems": Policy::MAX_EXAMPLES,
            "items": definition("example"),
        }),
    }
}

fn example() -> Value {
    let required: Vec<&str> = ExampleField::ALL
        .iter()
        .filter(|f| example_requires(**f))
        .map(|f| f.name())
        .collect();
    json!({
        "description": "A request and the decision you expect for it.",
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties(ExampleField::ALL, example_field),
    })
}

/// Whether an example must have the field, as the reader checks.
fn example_requires(field: ExampleField) -> bool {
    match field {
        ExampleField::Platform | ExampleField::Direction | ExampleField::Decision => true,
        ExampleField::Name
        | ExampleField::JobSeeking
        | ExampleField::Rule
        | ExampleField::Contact => false,
    }
}

fn example_field(field: ExampleField) -> Value {
    match field {
        ExampleField::Name => text(Policy::MAX_REASON_LEN),
        ExampleField::Platform => definition("platform"),
        ExampleField::Direction => json!({ "enum": Direction::ALL.map(Direction::as_str) }),
        ExampleField::JobSeeking => json!({ "type": "boolean" }),
        ExampleField::Decision => definition("decision"),
        // A user rule's id, a built-in rule's, or `fallback`.
        ExampleField::Rule => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": Policy::MAX_ID_LEN,
            "pattern": "^[A-Za-z0-9._-]*$",
        }),
        ExampleField::Contact => definition("contact"),
    }
}

fn contact() -> Value {
    json!({
        "description": "What you know of the other person; every field may be left out.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties(ContactField::ALL, contact_field),
    })
}

fn contact_field(field: ContactField) -> Value {
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    match field {
        ContactField::Name | ContactField::Profession | ContactField::Message => {
            json!({ "type": "string" })
        }
        ContactField::Acquaintance => {
            json!({ "enum": Acquaintance::ALL.map(Acquaintance::as_str) })
        }
        ContactField::MyView | ContactField::TheirView => {
            json!({ "enum": View::ALL.map(View::as_str) })
        }
        ContactField::Recruiter
        | ContactField::Friend
        | ContactField::Star
        | ContactField::FacebookFriend => json!({ "type": "boolean" }),
        ContactField::Passions | ContactField::Tags => strings,
        ContactField::MutualConnections => {
            json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX })
        }
    }
}

/// A reply template: placeholders in braces, `{{` for a brace.
fn template() -> Value {
    let names: Vec<&str> = Placeholder::names().collect();
    // "The first word of their name." reads as "the first word of their
    // name" in a list.
    let placeholders: Vec<String> = Placeholder::ALL
        .iter()
        .map(|p| {
            let text = p.description().trim_end_matches('.');
            let (first, rest) = text.split_at(text.chars().next().map_or(0, char::len_utf8));
            format!("`{{{}}}` ({}{rest})", p.name(), first.to_lowercase())
        })
        .collect();
    json!({
        "description": format!(
            "Placeholders: {}; `{{{{` and `}}}}` are braces.",
            placeholders.join(", ")
        ),
        "type": "string",
        // Templates are held to the length of a reason.
        "maxLength": Policy::MAX_REASON_LEN,
        // Characters other than braces, `{{`, `}}`, and known placeholders
        // in any case, with any space inside the braces: what
        // `Template::parse` reads without an error.
        "pattern": format!(
            "^(?:[^{{}}]|\\{{\\{{|\\}}\\}}|\\{{\\s*(?:{})\\s*\\}})*$",
            names.iter().map(|n| any_case(n)).collect::<Vec<_>>().join("|")
        ),
    })
}

fn rule() -> Value {
    let required: Vec<&str> = RuleField::ALL
        .iter()
        .filter(|f| required(**f))
        .map(|f| f.name())
        .collect();
    json!({
        "description": "A rule of your own.",
        "type": "object",
        "additionalProperties": false,
        "required": required,
        "properties": properties(RuleField::ALL, rule_field),
    })
}

/// Whether a rule must have the field, as the reader checks.
fn required(field: RuleField) -> bool {
    match field {
        RuleField::Id | RuleField::Decision | RuleField::Reason => true,
        RuleField::Platforms | RuleField::When => false,
    }
}

fn rule_field(field: RuleField) -> Value {
    match field {
        RuleField::Id => json!({
            "type": "string",
            "minLength": 1,
            "maxLength": Policy::MAX_ID_LEN,
            "pattern": "^[A-Za-z0-9._-]*$",
            "not": { "pattern": reserved_ids() },
        }),
        RuleField::Platforms => json!({
            "type": "array",
            "minItems": 1,
            "items": definition("platform"),
        }),
        RuleField::When => definition("condition"),
        RuleField::Decision => definition("decision"),
        RuleField::Reason => text(Policy::MAX_REASON_LEN),
    }
}

/// A pattern for the ids no user rule may take, in any case and after any
/// leading dots: `fallback` and the built-in rules' namespaces, by each
/// name and alias of their platforms (`x.` for Twitter).
fn reserved_ids() -> String {
    let mut alternatives = vec![format!("{}$", any_case(FALLBACK_ID))];
    for platform in Platform::BUILTIN {
        for name in [platform.as_str()]
            .into_iter()
            .chain(platform.aliases().iter().copied())
        {
            alternatives.push(any_case(&format!("{name}.")));
        }
    }
    format!("^\\.*(?:{})", alternatives.join("|"))
}

/// `s` as a pattern that matches it in any ASCII case: JSON Schema patterns
/// have no case-insensitive flag, so each letter is a class of its two
/// cases.
fn any_case(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' => format!("[{c}{}]", c.to_ascii_uppercase()),
            '.' => "\\.".to_owned(),
            _ => c.to_string(),
        })
        .collect()
}

fn condition() -> Value {
    json!({
        "description": "A condition: a table of one or more keys, all of which must hold.",
        "type": "object",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": properties(ConditionKey::ALL, |key| value(key.value_type())),
    })
}

/// What a condition key holds.
fn value(value_type: ValueType) -> Value {
    let names = |names: &[&str]| json!({ "enum": names });
    match value_type {
        ValueType::List(_) => json!({
            "type": "array",
            "minItems": 1,
            "items": definition("condition"),
        }),
        ValueType::Nested(_) => definition("condition"),
        ValueType::Bool(_) => json!({ "type": "boolean" }),
        // Not blank: the reader trims it and refuses an empty one.
        ValueType::Text(_) => json!({
            "type": "string",
            "pattern": "\\S",
            "maxLength": Policy::MAX_TEXT_LEN,
        }),
        ValueType::Count(_) => json!({ "type": "integer", "minimum": 0, "maximum": u32::MAX }),
        ValueType::Platform(_) => definition("platform"),
        ValueType::Direction(_) => names(&Direction::ALL.map(Direction::as_str)),
        ValueType::Acquaintance(_) => names(&Acquaintance::ALL.map(Acquaintance::as_str)),
        ValueType::View(_) => names(&View::ALL.map(View::as_str)),
    }
}

/// A built-in platform by its name, or one of the user's own.
fn platform() -> Value {
    let builtin = Platform::BUILTIN.each_ref().map(Platform::as_str);
    json!({
        "description": "A platform: a built-in one, or one of your own declared in `platforms`.",
        "anyOf": [
            { "enum": builtin },
            {
                "type": "string",
                "pattern": format!("^[a-z0-9._-]{{1,{}}}$", PlatformName::MAX_LEN),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::OnceLock;

    use serde_json::{Value, json};

    use super::policy_schema;
    use crate::names::{
        ConditionKey, ContactField, ExampleField, Name, Placeholder, PolicyField, ReplyField,
        RuleField,
    };
    use crate::policy::Policy;

    const ROOT: &str = env!("CARGO_MANIFEST_DIR");

    /// What the schema finds wrong with a document, one message a line.
    fn schema_errors(document: &Value) -> Vec<String> {
        static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
        let validator = VALIDATOR.get_or_init(|| {
            jsonschema::draft7::new(&policy_schema()).expect("the schema compiles")
        });
        validator
            .iter_errors(document)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect()
    }

    /// The policy a JSON document loads as, or the loader's message.
    fn load(document: &str) -> Result<Policy, String> {
        serde_json::from_str(document).map_err(|e| e.to_string())
    }

    #[test]
    fn committed_schema_is_the_generated_one() {
        let path = Path::new(ROOT).join("policy.schema.json");
        let generated = serde_json::to_string_pretty(&policy_schema()).unwrap() + "\n";
        if std::env::var_os("ACQUAINT_WRITE_SCHEMA").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "policy.schema.json is not the schema the crate generates: \
             run `ACQUAINT_WRITE_SCHEMA=1 cargo test --lib schema` and commit it"
        );
    }

    /// A name without a doc comment would show no description in the
    /// editor.
    #[test]
    fn every_name_has_a_description() {
        fn check<N: Name>() {
            for name in N::ALL {
                assert!(!name.description().is_empty(), "`{}`", name.name());
            }
        }
        check::<PolicyField>();
        check::<RuleField>();
        check::<ReplyField>();
        check::<ConditionKey>();
        check::<Placeholder>();
    }

    #[test]
    fn schema_is_a_draft_07_schema() {
        jsonschema::meta::validate(&policy_schema()).unwrap();
    }

    /// Taplo documents draft-04; VS Code and the YAML language server read
    /// draft-07. The schema keeps to the keywords both mean the same way
    /// (`$comment` aside, which draft-04 tools skip as unknown).
    #[test]
    fn schema_uses_only_keywords_every_editor_reads() {
        const KEYWORDS: &[&str] = &[
            "$schema",
            "$comment",
            "$ref",
            "title",
            "description",
            "type",
            "enum",
            "properties",
            "additionalProperties",
            "required",
            "minProperties",
            "items",
            "minItems",
            "maxItems",
            "minLength",
            "maxLength",
            "pattern",
            "minimum",
            "maximum",
            "anyOf",
            "allOf",
            "not",
            "definitions",
        ];
        fn walk(schema: &Value) {
            let Some(map) = schema.as_object() else {
                return;
            };
            for (key, value) in map {
                assert!(KEYWORDS.contains(&key.as_str()), "keyword `{key}`");
                match key.as_str() {
                    "properties" | "definitions" => value
                        .as_object()
                        .into_iter()
                        .flat_map(|m| m.values())
                        .for_each(walk),
                    "anyOf" | "allOf" => value.as_array().into_iter().flatten().for_each(walk),
                    "items" | "not" | "additionalProperties" => walk(value),
                    _ => {}
                }
            }
        }
        walk(&policy_schema());
    }

    /// The repository's files that are TOML, JSON or YAML but not policy
    /// documents, relative to its root.
    const NOT_POLICIES: &[&str] = &[
        "Cargo.toml",
        "clippy.toml",
        ".cargo/mutants.toml",
        "fuzz/Cargo.toml",
        "cli/Cargo.toml",
        "cli/sample/people.toml",
        "policy.schema.json",
    ];

    /// Folders whose files are not policy documents: build output, the
    /// people files the triage fuzz target reads, and the command's test
    /// cases (some hold policies that are wrong on purpose).
    const NOT_POLICY_FOLDERS: &[&str] = &[
        ".git",
        "target",
        "fuzz/target",
        "fuzz/corpus",
        "fuzz/artifacts",
        "fuzz/coverage",
        "fuzz/seeds/triage_people",
        "cli/tests/cmd",
    ];

    /// Every policy document in the repository: any TOML, JSON or YAML
    /// file not listed above, so that a new one is checked without being
    /// named here.
    fn policy_files() -> Vec<PathBuf> {
        fn walk(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            for path in entries {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy();
                let relative = relative.replace('\\', "/");
                if path.is_dir() {
                    // `mutants.out*`: cargo-mutants' output (README,
                    // "Mutation testing").
                    let skipped = NOT_POLICY_FOLDERS.contains(&relative.as_str())
                        || relative.starts_with("mutants.out");
                    if !skipped {
                        walk(root, &path, out);
                    }
                    continue;
                }
                let format = path.extension().and_then(|e| e.to_str());
                let data = matches!(format, Some("toml" | "json" | "yaml" | "yml"));
                if data && !NOT_POLICIES.contains(&relative.as_str()) {
                    out.push(path);
                }
            }
        }
        let mut out = Vec::new();
        walk(Path::new(ROOT), Path::new(ROOT), &mut out);
        out
    }

    /// A document in TOML, JSON or YAML (by the name of its format or
    /// extension), read as the JSON value the schema checks, and loaded as
    /// a policy by the same format.
    fn read_document(format: &str, text: &str) -> Option<(Value, Result<Policy, String>)> {
        Some(match format {
            "toml" => (
                toml::from_str(text).unwrap(),
                toml::from_str(text).map_err(|e| e.to_string()),
            ),
            "json" => (serde_json::from_str(text).unwrap(), load(text)),
            "yaml" | "yml" => (
                serde_saphyr::from_str(text).unwrap(),
                serde_saphyr::from_str(text).map_err(|e| e.to_string()),
            ),
            _ => return None,
        })
    }

    /// The README's documents under "In a policy file", in TOML, JSON and
    /// YAML, but Taplo's own configuration file.
    fn readme_policies() -> Vec<(Value, Result<Policy, String>)> {
        let readme = include_str!("../../README.md");
        let start = readme.find("### In a policy file").unwrap();
        let section = &readme[start..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        section
            .split("```")
            .skip(1)
            .step_by(2)
            .filter_map(|block| block.split_once('\n'))
            .filter(|(_, text)| !text.trim_start().starts_with("# .taplo.toml"))
            .filter_map(|(format, text)| read_document(format, text))
            .collect()
    }

    #[test]
    fn every_policy_file_in_the_repository_is_valid() {
        let files = policy_files();
        // examples/, benches/ and the fuzz seeds made from them.
        assert!(files.len() >= 9, "found only {files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let format = path.extension().and_then(|e| e.to_str()).unwrap();
            let (value, loaded) = read_document(format, &text).unwrap();
            let errors = schema_errors(&value);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            if let Err(e) = loaded {
                panic!("{}: {e}", path.display());
            }
        }
    }

    #[test]
    fn the_readme_policies_are_valid() {
        let policies = readme_policies();
        assert!(policies.len() >= 4, "only {} in the README", policies.len());
        for (value, loaded) in policies {
            assert_eq!(schema_errors(&value), Vec::<String>::new(), "{value}");
            assert!(loaded.is_ok(), "{value}: {loaded:?}");
        }
    }

    /// What a policy writes is a document the schema accepts: the default
    /// policy, the README's, and the default philosophy written as rules.
    #[test]
    fn written_policies_are_valid() {
        let default_toml = include_str!("../../examples/policies/default.toml");
        let mut policies = vec![Policy::default(), toml::from_str(default_toml).unwrap()];
        policies.extend(readme_policies().into_iter().map(|(_, p)| p.unwrap()));
        for policy in policies {
            let written = serde_json::to_value(&policy).unwrap();
            assert_eq!(schema_errors(&written), Vec::<String>::new(), "{written}");
        }
    }

    /// A rule with this condition, as a JSON document.
    fn rule_when(when: &str) -> String {
        format!(
            r#"{{"rules": [{{"id": "r", "when": {when}, "decision": "accept", "reason": "why"}}]}}"#
        )
    }

    /// A rule with these fields beside its condition-less defaults.
    fn rule_with(fields: &str) -> String {
        format!(r#"{{"rules": [{{{fields}}}]}}"#)
    }

    /// Small documents and whether they load: the schema must say the same
    /// of each, so that it is neither looser nor stricter than the loader.
    fn agreed() -> Vec<(String, bool)> {
        let long = |n: usize| "a".repeat(n);
        let mut cases: Vec<(String, bool)> = [
            ("{}", true),
            (r#"{"$schema": "./policy.schema.json", "job-seeking": true}"#, true),
            (r#"{"$schema": 7}"#, false),
            (r#"{"job-seekin": true}"#, false),
            (r#"{"job-seeking": "yes"}"#, false),
            (r#"{"fallback": "meet-first"}"#, true),
            (r#"{"fallback": "maybe"}"#, false),
            (r#"{"disable": ["linkedin.not-met", "facebook.friend"]}"#, true),
            (r#"{"disable": ["linkedin.not-mett"]}"#, false),
            (r#"{"platforms": ["mastodon", "linkedin", "x"]}"#, true),
            (r#"{"platforms": ["no spaces"]}"#, false),
            (r#"{"passions": ["animals", ""]}"#, true),
            (r#"{"rules": {}}"#, false),
            (r#"{"rules": []}"#, true),
            (
                r#"{"replies": {"incoming": "Hi {first-name} ({name}), {{coffee}} on {platform}?"}}"#,
                true,
            ),
            (r#"{"replies": {"outgoing": "a lone } is no brace"}}"#, false),
            (r#"{"replies": {"outgoing": "Hi { First-Name }, {{ and }}"}}"#, true),
            (r#"{"replies": {"incoming": "Hi {first-name, on {platform}"}}"#, false),
            (r#"{"replies": {"incoming": "Hi {firstname}"}}"#, false),
            (r#"{"replies": {"incoming": "Hi {first-name"}}"#, false),
            (r#"{"replies": {"sideways": "Hi"}}"#, false),
            (
                r#"{"examples": [{"name": "n", "platform": "twitter", "direction": "incoming",
                    "job-seeking": true, "decision": "decline", "rule": "twitter.no-purpose",
                    "contact": {"name": "Q", "acquaintance": "spoken", "my-view": "positive",
                    "tags": ["a"], "mutual-connections": 3, "message": "hi"}}]}"#,
                true,
            ),
            (r#"{"examples": [{"platform": "linkedin", "direction": "incoming"}]}"#, false),
            (
                r#"{"examples": [{"platform": "linkedin", "direction": "inbound", "decision": "accept"}]}"#,
                false,
            ),
            (
                r#"{"examples": [{"platform": "linkedin", "direction": "incoming", "decision": "accept",
                    "contact": {"nmae": "Q"}}]}"#,
                false,
            ),
            (
                r#"{"examples": [{"platform": "linkedin", "direction": "incoming", "decision": "accept",
                    "contact": {"acquaintance": "nevr"}}]}"#,
                false,
            ),
            (
                r#"{"examples": [{"platform": "linkedin", "direction": "incoming", "decision": "accept",
                    "expect": "accept"}]}"#,
                false,
            ),
        ]
        .map(|(doc, ok)| (doc.to_owned(), ok))
        .into();
        let rules = [
            (r#""id": "r", "decision": "accept", "reason": "why""#, true),
            (r#""id": "r", "decison": "accept", "reason": "why""#, false),
            (r#""id": "r", "decision": "maybe", "reason": "why""#, false),
            (r#""id": "r", "decision": "accept""#, false),
            (r#""decision": "accept", "reason": "why""#, false),
            (
                r#""id": "My_rule.2", "decision": "accept", "reason": "why""#,
                true,
            ),
            (r#""id": "", "decision": "accept", "reason": "why""#, false),
            (
                r#""id": "two words", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "fallback", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "FallBack", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "fallback-2", "decision": "accept", "reason": "why""#,
                true,
            ),
            (
                r#""id": "LinkedIn.mine", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "linkedin.not-met", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "linkedin-mine", "decision": "accept", "reason": "why""#,
                true,
            ),
            (
                r#""id": "X.fans", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "..linkedin.not-met", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": ".fallback", "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "xing.mine", "decision": "accept", "reason": "why""#,
                true,
            ),
            (
                r#""id": "r", "platforms": [], "decision": "accept", "reason": "why""#,
                false,
            ),
            (
                r#""id": "r", "platforms": ["twitter"], "decision": "accept", "reason": "why""#,
                true,
            ),
        ];
        cases.extend(rules.map(|(fields, ok)| (rule_with(fields), ok)));
        cases.push((
            rule_with(&format!(
                r#""id": "{}", "decision": "accept", "reason": "why""#,
                long(64)
            )),
            true,
        ));
        cases.push((
            rule_with(&format!(
                r#""id": "{}", "decision": "accept", "reason": "why""#,
                long(65)
            )),
            false,
        ));
        cases.push((
            rule_with(&format!(
                r#""id": "r", "decision": "accept", "reason": "{}""#,
                long(1000)
            )),
            true,
        ));
        cases.push((
            rule_with(&format!(
                r#""id": "r", "decision": "accept", "reason": "{}""#,
                long(1001)
            )),
            false,
        ));
        let reply = |n| format!(r#"{{"replies": {{"outgoing": "{}"}}}}"#, long(n));
        cases.push((reply(1000), true));
        cases.push((reply(1001), false));
        cases.push((format!(r#"{{"profession": "{}"}}"#, long(200)), true));
        cases.push((format!(r#"{{"profession": "{}"}}"#, long(201)), false));
        let conditions = [
            (r#"{"recruiter": true, "spoke-with": false}"#, true),
            (r#"{"recuiter": true}"#, false),
            (r#"{"recruiter": "yes"}"#, false),
            ("{}", false),
            (r#"{"all": []}"#, false),
            (
                r#"{"any": [{"star": true}, {"not": {"friend": true}}]}"#,
                true,
            ),
            (r#"{"not": [{"star": true}]}"#, false),
            (r#"{"platform": "facebook", "direction": "incoming"}"#, true),
            (r#"{"direction": "sideways"}"#, false),
            (
                r#"{"acquaintance": "worked-remotely", "my-view": "positive"}"#,
                true,
            ),
            (r#"{"acquaintance": "best-friends"}"#, false),
            (r#"{"their-view": "great"}"#, false),
            (
                r#"{"tag": "vip", "passion": "animals", "profession": "designer"}"#,
                true,
            ),
            (r#"{"tag": "  "}"#, false),
            (r#"{"mutual-connections-at-least": 4294967295}"#, true),
            (r#"{"mutual-connections-at-least": 4294967296}"#, false),
            (r#"{"mutual-connections-at-least": -1}"#, false),
            (r#"{"mutual-connections-at-least": 1.5}"#, false),
            (r#"{"has-message": true, "job-seeking": false}"#, true),
        ];
        cases.extend(conditions.map(|(when, ok)| (rule_when(when), ok)));
        cases.push((rule_when(&format!(r#"{{"tag": "{}"}}"#, long(200))), true));
        cases.push((rule_when(&format!(r#"{{"tag": "{}"}}"#, long(201))), false));
        cases
    }

    /// Whether the schema, then the loader, accept a JSON document; and
    /// what each said, for a failed assertion.
    fn judge(document: &str) -> ((bool, bool), String) {
        let errors = schema_errors(&serde_json::from_str(document).unwrap());
        let loaded = load(document);
        let said = format!(
            "{document}\nschema: {errors:#?}\nloader: {:?}",
            loaded.as_ref().err()
        );
        ((errors.is_empty(), loaded.is_ok()), said)
    }

    /// The format's page on docs.rs (`acquaint::policy_format`) names every
    /// key the loader reads, as the schema does.
    #[test]
    fn the_format_page_names_every_key() {
        let page = include_str!("format.md");
        let names = PolicyField::names()
            .chain(RuleField::names())
            .chain(ConditionKey::names())
            .chain(ReplyField::names())
            .chain(ExampleField::names())
            .chain(ContactField::names());
        for name in names {
            assert!(
                page.contains(&format!("`{name}`")),
                "the format page lacks `{name}`"
            );
        }
        for p in Placeholder::names() {
            assert!(
                page.contains(&format!("`{{{p}}}`")),
                "the format page lacks `{{{p}}}`"
            );
        }
    }

    #[test]
    fn schema_and_loader_agree() {
        for (document, loads) in agreed() {
            let (accepted, said) = judge(&document);
            assert_eq!(accepted, (loads, loads), "{said}");
        }
    }

    /// Where the schema and the loader differ, on purpose: what JSON Schema
    /// cannot say, and names in other cases than lowercase (README, "Help
    /// from your editor"). Each case is (document, the schema accepts it,
    /// the loader does).
    #[test]
    fn known_differences_between_schema_and_loader() {
        let deep = (0..Policy::MAX_DEPTH).fold(json!({"star": true}), |c, _| json!({"not": c}));
        let cases = [
            // The loader reads names in any case; the schema offers the
            // lowercase ones an editor should suggest.
            (r#"{"fallback": "Accept"}"#.to_owned(), false, true),
            (rule_when(r#"{"platform": "LinkedIn"}"#), false, true),
            // A platform of one's own must be declared: the schema cannot
            // look across the document.
            (rule_when(r#"{"platform": "mastodon"}"#), true, false),
            // Nor can it see two rules with one id...
            (
                rule_with(concat!(
                    r#""id": "r", "decision": "accept", "reason": "a"}, "#,
                    r#"{"id": "r", "decision": "decline", "reason": "b""#,
                )),
                true,
                false,
            ),
            // ...or count how deeply conditions nest.
            (rule_when(&deep.to_string()), true, false),
            // JSON Schema counts 10.0 as an integer; the loader reads a
            // count as written, a whole number.
            (
                rule_when(r#"{"mutual-connections-at-least": 10.0}"#),
                true,
                false,
            ),
        ];
        for (document, schema, loader) in cases {
            let (accepted, said) = judge(&document);
            assert_eq!(accepted, (schema, loader), "{said}");
        }
    }
}
