//! The policy document: a policy read from and written to any serde
//! format, in three parts: [`read`] (checking every mistake as it is
//! read), [`write`], and [`values`] (plain values and their errors).
//!
//! Contacts, platforms and verdicts serialize beside their types.

mod read;
mod values;
mod write;

// Direction and views parse through `FromStr` in conditions; make sure the
// derive and the parser agree on names.
#[cfg(test)]
mod tests {
    use crate::contact::{Acquaintance, View};
    use crate::decision::Decision;
    use crate::platform::Direction;

    #[test]
    fn derived_names_match_from_str() {
        for d in Direction::ALL {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(json, format!("\"{d}\""));
        }
        for v in View::ALL {
            assert_eq!(serde_json::to_string(&v).unwrap(), format!("\"{v}\""));
        }
        for a in Acquaintance::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{a}\""));
        }
        for d in Decision::ALL {
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{d}\""));
        }
    }
}
