//! Helpers for the CLI's integration tests.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is inside the workspace")
        .to_path_buf()
}

/// Runs the `tracelab` binary in the workspace root.
pub fn tracelab(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tracelab"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("tracelab runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether an external tool (an oracle, a prover) can run. Missing tools fail the test under
/// `CI=true`; locally the test skips with a loud message.
pub fn tool_available(program: &str, version_arg: &str) -> bool {
    let ok = Command::new(program)
        .arg(version_arg)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("`{program}` is required when CI=true but is not installed");
        }
        eprintln!("\n!!! SKIPPED: `{program}` is not installed; this test did not run !!!\n");
    }
    ok
}

/// Every example folder (a program and `inputs.jsonl`) below `dir`, sorted.
pub fn example_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            }
        }
        if d.join("inputs.jsonl").is_file() {
            found.push(d);
        }
    }
    found.sort();
    found
}

pub fn program_of(dir: &Path) -> Option<PathBuf> {
    ["main.tl", "main.json", "main.py", "main.js"]
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

pub const EXAMPLE_ROOTS: [&str; 2] = ["examples", "semantics/tests/cases"];
