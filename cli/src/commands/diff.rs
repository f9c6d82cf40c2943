//! `acquaint diff OLD NEW`: where two policy files decide differently.

use std::io::{self, Write};
use std::path::Path;

use std::collections::HashSet;

use acquaint::{Condition, Platform, Policy, PolicyDiff};

use crate::args::{DiffArgs, Format};
use crate::error::{Error, Status};
use crate::policy_file::load_policy;

/// Compares the two policy files, as `diff(1)` does: a difference is a
/// finding (exit status 1), and a file that cannot be read an error (2).
pub fn run(args: &DiffArgs, out: &mut dyn Write) -> Result<Status, Error> {
    diff(&args.old, &args.new, args.format, out).map(Status::finding_if)
}

/// The platforms `diff` compares: the built-in ones, those either policy
/// declares (a policy file must declare every platform its rules name),
/// and one that neither declares, standing for any other; each with its
/// heading.
/// The heading of the platforms neither policy declares.
const CATCH_ALL: &str = "Any other platform";

fn diff_platforms(old: &Policy, new: &Policy) -> Vec<(String, Platform)> {
    let mut platforms: Vec<(String, Platform)> = Platform::BUILTIN
        .into_iter()
        .map(|p| (p.label().to_owned(), p))
        .collect();
    let mut declared = std::collections::HashSet::new();
    for platform in old.platforms().iter().chain(new.platforms()) {
        if declared.insert(platform.clone()) {
            platforms.push((platform.label().to_owned(), platform.clone()));
        }
    }
    // A name neither declares decides as every platform neither names.
    let other = (0..)
        .map(|i| match i {
            0 => "other".to_owned(),
            i => format!("other-{i}"),
        })
        .filter_map(|name| name.parse::<Platform>().ok())
        .find(|p| !declared.contains(p));
    if let Some(other) = other {
        platforms.push((CATCH_ALL.to_owned(), other));
    }
    platforms
}

/// The platforms the rules of either policy name, in their lists of
/// platforms or in a condition.
fn named_platforms(old: &Policy, new: &Policy) -> HashSet<Platform> {
    fn walk(condition: &Condition, named: &mut HashSet<Platform>) {
        match condition {
            Condition::Platform(p) => {
                named.insert(p.clone());
            }
            Condition::All(list) | Condition::Any(list) => {
                for c in list {
                    walk(c, named);
                }
            }
            Condition::Not(inner) => walk(inner, named),
            // Every other leaf names no platform; `Condition` is
            // `#[non_exhaustive]`, so this arm is required outside the
            // library.
            _ => {}
        }
    }
    let mut named = HashSet::new();
    for rule in old.data_rules().chain(new.data_rules()) {
        named.extend(rule.platforms().into_iter().flatten().cloned());
        if let Some(when) = rule.condition() {
            walk(when, &mut named);
        }
    }
    named
}

/// Compares the policy files `old` and `new` and prints, for each platform
/// (see `diff_platforms`), where they decide differently: as Markdown
/// tables, or as JSON, one object per platform. Returns whether they
/// differ anywhere, the job-seeking setting included.
pub fn diff(old: &Path, new: &Path, format: Format, out: &mut dyn Write) -> Result<bool, Error> {
    let (before, after) = (
        load_policy(Some(old), false)?,
        load_policy(Some(new), false)?,
    );
    let (old, new) = (old.display().to_string(), new.display().to_string());
    let mut differ = false;
    let platforms = diff_platforms(&before, &after);
    // A declared platform that no rule of either policy names is decided
    // as any other platform is: its diff is computed once, so that the
    // cost is not the number of platforms times the policies' size.
    let named = named_platforms(&before, &after);
    let mut unnamed: Option<PolicyDiff> = None;
    for (n, (heading, platform)) in platforms.iter().enumerate() {
        let compute = || {
            before.diff(&after, platform).map_err(|e| Error::Diff {
                old: old.clone(),
                new: new.clone(),
                message: e.to_string(),
            })
        };
        let shared = platform.is_user_named() && !named.contains(platform);
        if shared && unnamed.is_none() {
            unnamed = Some(compute()?);
        }
        let fresh;
        let diff = match &unnamed {
            Some(diff) if shared => diff,
            _ => {
                fresh = compute()?;
                &fresh
            }
        };
        differ |= !diff.is_empty();
        match format {
            Format::Table => {
                if n == 0 {
                    writeln!(out, "What changes from `{old}` to `{new}`:")?;
                }
                write!(out, "\n**{heading}**\n\n{diff}")?;
            }
            Format::Json => {
                let line = serde_json::to_string(diff).map_err(io::Error::from)?;
                // The shared diff names the platform it was computed for,
                // its first key: each line names its own.
                let json_name = |p: &Platform| serde_json::to_string(p.as_str());
                // The catch-all platform is `*`, a name no policy can
                // declare; the others, their own.
                let own = if n + 1 == platforms.len() && heading == CATCH_ALL {
                    "\"*\"".to_owned()
                } else {
                    json_name(platform).map_err(io::Error::from)?
                };
                let computed_for = json_name(diff.platform()).map_err(io::Error::from)?;
                match line.strip_prefix(&format!("{{\"platform\":{computed_for}")) {
                    Some(rest) => write!(out, "{{\"platform\":{own}{rest}")?,
                    _ => out.write_all(line.as_bytes())?,
                }
                writeln!(out)?;
            }
        }
    }
    let (was, is) = (
        before.settings().job_seeking(),
        after.settings().job_seeking(),
    );
    differ |= was != is;
    if format == Format::Table && was != is {
        let word = |on: bool| if on { "yes" } else { "no" };
        writeln!(
            out,
            "\nJob seeking changes from {} to {}. The tables compare the two policies both \
             when you are job seeking and when you are not, so this change shows in no row: \
             with job seeking on, the recruiter override and your rules that read it can \
             apply.",
            word(was),
            word(is)
        )?;
    }
    out.flush()?;
    Ok(differ)
}

/// The exit status of `diff`, as `diff(1)` has it: 0 when the policies
/// decide alike on every platform, 1 when they differ (a change of the
/// job-seeking setting alone counts: it changes decisions, though no row
/// of the tables shows it), 2 when they could not be compared.
pub fn diff_status(result: &Result<bool, Error>) -> u8 {
    match result {
        Ok(differ) => Status::finding_if(*differ).code(),
        Err(_) => Error::STATUS,
    }
}
