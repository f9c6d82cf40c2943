//! The people-file reader of `acquaint triage`, from the command's
//! library: any text gives people or an error that renders, never a
//! panic or a hang; every person it reads is found again by profile URL or
//! by name.
#![no_main]

use libfuzzer_sys::fuzz_target;

use acquaint_cli::triage::people::{Match, People, name_key, url_key};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The key folding on its own: folding is idempotent.
    if let Some(name) = name_key(text) {
        assert_eq!(name_key(&name).as_deref(), Some(name.as_str()));
    }
    let _ = url_key(text);

    let people = match People::parse(text, "people.toml") {
        Ok(people) => people,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    // Every key of the file finds its person, by URL or by name.
    let Ok(toml::Value::Table(table)) = toml::from_str::<toml::Value>(text) else {
        panic!("the people file loaded, but is not a TOML table");
    };
    if let Some(toml::Value::Table(entries)) = table.get("people") {
        for key in entries.keys().take(64) {
            let found = if url_key(key).is_some() {
                people.entry("Someone Else", key)
            } else {
                people.entry(key, "")
            };
            let Some((entry, how)) = found else {
                panic!("`{key}` is in the file");
            };
            assert_ne!(how, Match::Stranger, "`{key}` is in the file");
            let _ = entry.contact.name();
        }
    }
    assert!(people.entry("", "").is_none());
});
