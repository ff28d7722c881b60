//! The long-lived oracle processes: one `python3` / `node` per test run running
//! `difftest/oracle/server.{py,js}`, which evaluate many programs, each input in a fresh
//! module namespace / `vm` context through the harness of `oracle/`. The scripts are
//! embedded and written to a temporary folder, so the oracle runs from any directory
//! (`tracelab fuzz` too).

use crate::Lang;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

pub struct Oracle {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    /// The temporary folder holding the scripts.
    dir: PathBuf,
}

/// Why the oracle gave no records: counted as "oracle failed", never as a disagreement.
#[derive(Debug)]
pub struct OracleFailed(pub String);

/// The server and the harness it loads from `../../oracle/` (as in the source tree).
fn scripts(lang: Lang) -> [(&'static str, &'static str); 2] {
    match lang {
        Lang::Py => [
            (
                "difftest/oracle/server.py",
                include_str!("../oracle/server.py"),
            ),
            ("oracle/harness.py", include_str!("../../oracle/harness.py")),
        ],
        Lang::Js => [
            (
                "difftest/oracle/server.js",
                include_str!("../oracle/server.js"),
            ),
            ("oracle/harness.js", include_str!("../../oracle/harness.js")),
        ],
    }
}

/// Writes the scripts to a fresh temporary folder; returns it and the server's path.
fn install(lang: Lang) -> Result<(PathBuf, PathBuf), String> {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!(
        "tracelab-oracle-{}-{}-{n}",
        std::process::id(),
        lang.name()
    ));
    let scripts = scripts(lang);
    for (path, text) in scripts {
        let file = dir.join(path);
        let parent = file.parent().unwrap_or(&dir);
        std::fs::create_dir_all(parent)
            .and_then(|()| std::fs::write(&file, text))
            .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    let server = dir.join(scripts[0].0);
    Ok((dir, server))
}

impl Oracle {
    /// Starts the interpreter; `Err` when it is not installed.
    pub fn start(lang: Lang) -> Result<Oracle, String> {
        let (dir, server) = install(lang)?;
        let mut cmd = Command::new(lang.interpreter());
        cmd.arg(server)
            .env("PYTHONHASHSEED", "0")
            .env("PYTHONIOENCODING", "utf-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd.spawn().map_err(|e| {
            let _ = std::fs::remove_dir_all(&dir);
            format!("cannot start {}: {e}", lang.interpreter())
        })?;
        let stdin = child.stdin.take().ok_or("no stdin for the oracle")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout for the oracle")?);
        Ok(Oracle {
            child,
            stdin,
            stdout,
            dir,
        })
    }

    /// Whether the process still runs (a campaign restarts a dead oracle).
    pub fn alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Whether the interpreter runs at all (`--version`).
    pub fn available(lang: Lang) -> bool {
        Command::new(lang.interpreter())
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    }

    /// One result record per input, as JSON text.
    pub fn run(
        &mut self,
        source: &str,
        inputs: &[serde_json::Value],
    ) -> Result<Vec<String>, OracleFailed> {
        let world: serde_json::Value =
            serde_json::from_str(crate::WORLD).expect("the generators' world is valid JSON");
        let request = serde_json::json!({ "source": source, "inputs": inputs, "world": world });
        writeln!(self.stdin, "{request}")
            .and_then(|()| self.stdin.flush())
            .map_err(|e| OracleFailed(format!("cannot write to the oracle: {e}")))?;
        let mut line = String::new();
        match self.stdout.read_line(&mut line) {
            Ok(0) => return Err(OracleFailed("the oracle exited".into())),
            Ok(_) => {}
            Err(e) => return Err(OracleFailed(format!("cannot read the oracle: {e}"))),
        }
        match serde_json::from_str::<serde_json::Value>(&line) {
            Ok(serde_json::Value::Array(items)) if items.len() == inputs.len() => items
                .into_iter()
                .map(|r| match r {
                    serde_json::Value::String(s) => Ok(s),
                    other => Err(OracleFailed(format!("not a record: {other}"))),
                })
                .collect(),
            Ok(other) => Err(OracleFailed(other.to_string())),
            Err(e) => Err(OracleFailed(format!("unreadable reply {line:?}: {e}"))),
        }
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        // Closing stdin ends the server's loop; kill is the fallback.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
