//! The real CPython 3.11 / Node 20 as an oracle: runs the harness of `oracle/` (embedded in
//! the binary, so it works from any directory) on a program and JSON Lines inputs.

use std::path::Path;
use std::process::Command;

const PY_HARNESS: &str = include_str!("../../oracle/harness.py");
const JS_HARNESS: &str = include_str!("../../oracle/harness.js");

/// The result records the real runtime prints, one per input, or why there are none.
pub fn run(program: &Path, inputs: &Path, world: Option<&Path>) -> Result<Vec<String>, String> {
    let (interpreter, script, suffix) = match program.extension().and_then(|e| e.to_str()) {
        Some("py") => ("python3", PY_HARNESS, "py"),
        Some("js") => ("node", JS_HARNESS, "js"),
        _ => return Err("no oracle for this kind of file".into()),
    };
    let harness =
        std::env::temp_dir().join(format!("tracelab-harness-{}.{suffix}", std::process::id()));
    std::fs::write(&harness, script).map_err(|e| format!("cannot write the harness: {e}"))?;
    let mut cmd = Command::new(interpreter);
    cmd.arg(&harness)
        .arg(program)
        .arg(inputs)
        .env("PYTHONHASHSEED", "0");
    if let Some(w) = world {
        cmd.arg(w);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run `{interpreter}`: {e}"));
    let _ = std::fs::remove_file(&harness);
    let out = out?;
    if !out.status.success() {
        return Err(format!(
            "the {interpreter} harness failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(String::from)
        .collect())
}

/// The program the oracle runs for `file`: itself for `.py`/`.js`, the `twin.py`/`twin.js`
/// beside a `.tl` or `.json` program.
pub fn program_for(file: &Path) -> Option<std::path::PathBuf> {
    match file.extension().and_then(|e| e.to_str()) {
        Some("py") | Some("js") => Some(file.to_path_buf()),
        _ => {
            let dir = file.parent()?;
            ["twin.py", "twin.js"]
                .iter()
                .map(|t| dir.join(t))
                .find(|p| p.is_file())
        }
    }
}
