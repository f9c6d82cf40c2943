//! `acquaint schema`: the JSON Schema of policy documents, for an editor
//! that has no copy of the repository.

use std::io::Write;

use crate::error::{Error, Status};

/// `policy.schema.json` at the root of the repository. The library
/// generates it from its vocabulary and a library test keeps the committed
/// file the generated one, so the command prints that file; the library
/// offers no function that returns it.
pub const POLICY_SCHEMA: &str = include_str!("../../../policy.schema.json");

/// Prints the schema.
pub fn run(out: &mut dyn Write) -> Result<Status, Error> {
    out.write_all(POLICY_SCHEMA.as_bytes())?;
    Ok(Status::Fine)
}
