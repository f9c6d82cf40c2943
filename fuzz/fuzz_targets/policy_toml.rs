//! A policy document in TOML: loads or fails with an error, never panics
//! or hangs; an error's position (`Policy::from_toml_str`) lies within the
//! text; when it loads, it serializes as a document that loads back to
//! the same policy.
#![no_main]

use acquaint::Policy;
use acquaint_fuzz::check_round_trip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = Policy::from_toml_str(text) {
        if let Some(at) = e.position(text) {
            assert!(
                text.get(at.span()).is_some(),
                "{:?} in {} bytes",
                at,
                text.len()
            );
            assert!(at.line() >= 1 && at.column() >= 1 && at.end_line() >= at.line());
        }
    }
    let Ok(policy) = toml::from_str::<Policy>(text) else {
        return;
    };
    check_round_trip(
        &policy,
        |p| toml::to_string(p).map_err(|e| e.to_string()),
        |text| toml::from_str::<Policy>(text).map_err(|e| e.to_string()),
    );
});
