//! `acquaint table`: everything a policy decides on a platform, as a
//! decision table.

use std::collections::HashSet;
use std::io::{self, Write};

use acquaint::{Platform, Policy};

use crate::args::{Format, TableArgs};
use crate::error::{Error, Status};
use crate::policy_file::load_policy;

/// Prints the decision table of the policy for the platform asked for, or
/// for LinkedIn, Twitter, Facebook and each platform the policy declares.
pub fn run(args: &TableArgs, out: &mut dyn Write) -> Result<Status, Error> {
    let policy = load_policy(args.file.as_deref(), false)?;
    let name = match &args.file {
        Some(path) => path.display().to_string(),
        None => "(built-in)".to_owned(),
    };
    let platforms = match &args.platform {
        Some(platform) => vec![platform.parse::<Platform>().map_err(|e| Error::Policy {
            path: name.clone(),
            message: format!("`--platform`: {e}"),
        })?],
        None => platforms(&policy),
    };
    for (n, platform) in platforms.iter().enumerate() {
        let table = policy.decision_table(platform).map_err(|e| Error::Policy {
            path: name.clone(),
            message: e.to_string(),
        })?;
        match args.format {
            Format::Table => {
                if n > 0 {
                    writeln!(out)?;
                }
                write!(out, "**{}**\n\n{table}", platform.label())?;
            }
            Format::Json => {
                serde_json::to_writer(&mut *out, &table).map_err(io::Error::from)?;
                writeln!(out)?;
            }
        }
    }
    Ok(Status::Fine)
}

/// The built-in platforms, then the platforms the policy declares.
fn platforms(policy: &Policy) -> Vec<Platform> {
    let mut seen: HashSet<&Platform> = Platform::BUILTIN.iter().collect();
    Platform::BUILTIN
        .iter()
        .chain(policy.platforms().iter().filter(|p| seen.insert(p)))
        .cloned()
        .collect()
}
