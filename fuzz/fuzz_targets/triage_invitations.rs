//! The `Invitations.csv` reader of `acquaint triage`, from the command's
//! library: any bytes give invitations or an error that renders,
//! never a panic or a hang.
#![no_main]

use acquaint_cli::triage::export;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match export::read_invitations(data, "Invitations.csv") {
        Ok(invitations) => {
            for invitation in &invitations {
                let _ = invitation.contact_name();
                let _ = invitation.contact_url();
                if let Some(at) = invitation.sent_at {
                    // A parsed time prints as `YYYY-MM-DD HH:MM` and is a
                    // real clock time.
                    let shown = at.to_string();
                    assert_eq!(shown.len(), 16, "{shown}");
                    assert!(at.hour <= 23 && at.minute <= 59, "{at:?}");
                    assert!((1..=12).contains(&at.month) && (1..=31).contains(&at.day));
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    // The time parser on its own, on the same bytes as text.
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(at) = export::SentAt::parse(text)
    {
        assert!(at.hour <= 23 && at.minute <= 59, "{at:?}");
    }
});
