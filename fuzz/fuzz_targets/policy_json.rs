//! A policy document in JSON: loads or fails with an error, never panics
//! or hangs; when it loads, it serializes as a document that loads back to
//! the same policy.
#![no_main]

use acquaint::Policy;
use acquaint_fuzz::check_round_trip;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(policy) = serde_json::from_slice::<Policy>(data) else {
        return;
    };
    check_round_trip(&policy, serde_json::to_string, |text| {
        serde_json::from_str::<Policy>(text)
    });
});
