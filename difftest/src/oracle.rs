//! The long-lived oracle processes: one `python3` / `node` per test run running
//! `difftest/oracle/server.{py,js}`, which evaluate many programs, each input in a fresh
//! module namespace / `vm` context through the harness of `oracle/`.

use crate::Lang;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

pub struct Oracle {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

/// Why the oracle gave no records: counted as "oracle failed", never as a disagreement.
#[derive(Debug)]
pub struct OracleFailed(pub String);

fn server(lang: Lang) -> PathBuf {
    let file = match lang {
        Lang::Py => "server.py",
        Lang::Js => "server.js",
    };
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("oracle")
        .join(file)
}

impl Oracle {
    /// Starts the interpreter; `Err` when it is not installed.
    pub fn start(lang: Lang) -> Result<Oracle, String> {
        let mut cmd = Command::new(lang.interpreter());
        cmd.arg(server(lang))
            .env("PYTHONHASHSEED", "0")
            .env("PYTHONIOENCODING", "utf-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", lang.interpreter()))?;
        let stdin = child.stdin.take().ok_or("no stdin for the oracle")?;
        let stdout = BufReader::new(child.stdout.take().ok_or("no stdout for the oracle")?);
        Ok(Oracle {
            child,
            stdin,
            stdout,
        })
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
    }
}
