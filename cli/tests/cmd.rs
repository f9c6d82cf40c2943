//! The `acquaint` binary run as a user runs it: every command of
//! `tests/cmd/*.md` and of the README's `console` blocks, with its output
//! and exit status checked (`TRYCMD=overwrite cargo test -p acquaint-cli
//! --test cmd` writes the outputs again).

#[test]
fn commands_as_a_user_runs_them() {
    // Commands are written as run from the root of the repository, as the
    // README shows them.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::env::set_current_dir(&root).unwrap_or_else(|e| panic!("cannot enter the root: {e}"));
    trycmd::TestCases::new()
        .case("cli/tests/cmd/*.md")
        .case("README.md");
}
