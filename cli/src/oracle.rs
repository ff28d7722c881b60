//! The real CPython 3.11 / Node 20 as an oracle: runs the harness of `oracle/` (embedded in
//! the binary, so it works from any directory) on a program and JSON Lines inputs.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const PY_HARNESS: &str = include_str!("../../oracle/harness.py");
const JS_HARNESS: &str = include_str!("../../oracle/harness.js");

/// The record given for an input on which the real runtime did not finish in time.
pub const TIMED_OUT: &str = "{\"limit\": \"time\"}";

/// The result records the real runtime prints, one per input, or why there are none. An
/// input the runtime does not answer within `per_input` is killed and recorded as
/// [`TIMED_OUT`] (an infinite loop must not hang `diff`); the inputs after it run in a fresh
/// harness.
pub fn run(
    program: &Path,
    inputs: &Path,
    world: Option<&Path>,
    per_input: Duration,
) -> Result<Vec<String>, String> {
    let (interpreter, script, suffix) = match program.extension().and_then(|e| e.to_str()) {
        Some("py") => ("python3", PY_HARNESS, "py"),
        Some("js") => ("node", JS_HARNESS, "js"),
        _ => return Err("no oracle for this kind of file".into()),
    };
    let text =
        std::fs::read_to_string(inputs).map_err(|e| format!("cannot read the inputs: {e}"))?;
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let scratch = std::env::temp_dir().join(format!("tracelab-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).map_err(|e| format!("cannot write the harness: {e}"))?;
    let harness = scratch.join(format!("harness.{suffix}"));
    let rest = scratch.join("inputs.jsonl");
    let result = (|| {
        std::fs::write(&harness, script).map_err(|e| format!("cannot write the harness: {e}"))?;
        let mut records = Vec::new();
        while records.len() < lines.len() {
            let remaining: String = lines[records.len()..]
                .iter()
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(&rest, remaining)
                .map_err(|e| format!("cannot write the inputs: {e}"))?;
            let mut cmd = Command::new(interpreter);
            cmd.arg(&harness)
                .arg(program)
                .arg(&rest)
                .env("PYTHONHASHSEED", "0");
            if let Some(w) = world {
                cmd.arg(w);
            }
            let before = records.len();
            match run_harness(cmd, interpreter, per_input, &mut records)? {
                Ended::AllAnswered => {}
                Ended::TimedOut => records.push(TIMED_OUT.to_string()),
            }
            if records.len() == before && records.len() < lines.len() {
                return Err(format!("the {interpreter} harness wrote no record"));
            }
        }
        Ok(records)
    })();
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

enum Ended {
    AllAnswered,
    TimedOut,
}

/// Runs one harness process, appending each record as it comes; kills it when no record came
/// within `per_input`.
fn run_harness(
    mut cmd: Command,
    interpreter: &str,
    per_input: Duration,
    records: &mut Vec<String>,
) -> Result<Ended, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run `{interpreter}`: {e}"))?;
    let (Some(stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(format!("cannot read `{interpreter}`'s output"));
    };
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if send.send(line).is_err() {
                return;
            }
        }
    });
    let complaint = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    loop {
        match receive.recv_timeout(per_input) {
            Ok(line) => records.push(line),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                let _ = child.wait();
                return Ok(Ended::TimedOut);
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("the {interpreter} harness failed: {e}"))?;
    if !status.success() {
        let said = complaint.join().unwrap_or_default();
        return Err(format!("the {interpreter} harness failed: {}", said.trim()));
    }
    Ok(Ended::AllAnswered)
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
