//! The README's Python script, which drives `acquaint eval` through
//! `subprocess`, run as it is written when `python3` is here.

use std::path::Path;
use std::process::Command;

/// The first `python` block of the README.
fn readme_script() -> String {
    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
    let text = std::fs::read_to_string(readme).unwrap_or_default();
    let start = text.find("```python\n").map(|at| at + "```python\n".len());
    let script = start.and_then(|start| {
        let end = text[start..].find("```")?;
        Some(text[start..start + end].to_owned())
    });
    script.unwrap_or_default()
}

#[test]
fn the_readme_python_script_drives_eval() {
    let script = readme_script();
    assert!(
        script.contains("subprocess"),
        "no Python script in the README"
    );
    assert!(
        script.lines().count() <= 12,
        "the script should stay short:\n{script}"
    );
    if Command::new("python3").arg("--version").output().is_err() {
        println!("skipped: python3 is not installed, so the README's script was not run");
        return;
    }
    // `acquaint` found on the PATH, as after `cargo install --path cli`.
    let bin = Path::new(env!("CARGO_BIN_EXE_acquaint"));
    let dir = bin.parent().unwrap_or(Path::new("."));
    let path = std::env::join_paths(std::iter::once(dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap_or_default();
    let output = Command::new("python3")
        .arg("-c")
        .arg(&script)
        .env("PATH", path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3: {e}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}{stderr}");
    assert_eq!(
        stdout, "1 meet-first linkedin.not-met\n2 accept twitter.shared-purpose\n",
        "{stderr}"
    );
}
