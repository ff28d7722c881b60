//! Compiled code in the running server: long-lived worker processes per function version.
//!
//! A version is a generated crate's binary started with `--serve`: it reads one input per
//! line on stdin and writes one result record per line on stdout, flushed at once. Each
//! version keeps a small pool of such processes, so that that many compiled requests of one
//! function run at a time. Why processes rather than a library loaded into the server: the
//! generated code and the runtime stay `#![forbid(unsafe_code)]` and so does the server (no
//! `dlopen`), a crash or abort of compiled code ends one process, not the server, and a
//! withdrawn version is unloaded by ending its processes. The price is a pipe round trip per
//! request (measured in ARCHITECTURE.md, "Performance").

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Mutex;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};
use tokio::sync::Semaphore;

/// How to start a worker of one version.
#[derive(Clone, Debug)]
pub struct Spec {
    pub binary: PathBuf,
    pub args: Vec<String>,
}

/// The worker processes of one version.
pub struct Pool {
    spec: Spec,
    idle: Mutex<Vec<Worker>>,
    slots: Semaphore,
}

/// A running worker process.
struct Worker {
    // Dropping the child kills the process (`kill_on_drop`).
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: ChildStderr,
}

impl Pool {
    pub fn new(spec: Spec, size: usize) -> Pool {
        Pool {
            spec,
            idle: Mutex::new(Vec::new()),
            slots: Semaphore::new(size.max(1)),
        }
    }

    /// Starts one worker now, so that the first compiled request does not pay for it.
    pub async fn warm(&self) -> Result<(), String> {
        let worker = Worker::start(&self.spec)?;
        crate::lock(&self.idle).push(worker);
        Ok(())
    }

    /// Runs one input (a compact JSON text, one line) and returns the worker's record line.
    /// `Err` means the worker died or wrote something that is not a line: the caller treats
    /// the version as broken.
    pub async fn call(&self, input: &str) -> Result<String, String> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| "the version was withdrawn".to_string())?;
        let idle = crate::lock(&self.idle).pop();
        let mut worker = match idle {
            Some(w) => w,
            None => Worker::start(&self.spec)?,
        };
        // If this future is dropped midway (the client went away), `worker` is dropped with
        // it and its process killed: a worker with a request half-answered never returns to
        // the pool.
        let record = worker.call(input).await?;
        crate::lock(&self.idle).push(worker);
        Ok(record)
    }

    /// Stops accepting requests; idle workers end now, busy ones when their request ends.
    pub fn close(&self) {
        self.slots.close();
        crate::lock(&self.idle).clear();
    }
}

impl Worker {
    fn start(spec: &Spec) -> Result<Worker, String> {
        let mut child = Command::new(&spec.binary)
            .args(&spec.args)
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("cannot start `{}`: {e}", spec.binary.display()))?;
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err("the worker's pipes were not set up".to_string());
        };
        Ok(Worker {
            _child: child,
            stdin,
            stdout: BufReader::new(stdout),
            stderr,
        })
    }

    async fn call(&mut self, input: &str) -> Result<String, String> {
        let mut line = String::with_capacity(input.len() + 1);
        line.push_str(input);
        line.push('\n');
        let written = self.stdin.write_all(line.as_bytes()).await;
        let mut record = String::new();
        let read = match written {
            Ok(()) => self.stdout.read_line(&mut record).await,
            Err(e) => Err(e),
        };
        match read {
            Ok(n) if n > 0 && record.ends_with('\n') => {
                record.pop();
                Ok(record)
            }
            Ok(_) | Err(_) => Err(self.why_it_died().await),
        }
    }

    /// What the worker said before it ended (a panic message, an abort), for the status.
    async fn why_it_died(&mut self) -> String {
        let mut said = String::new();
        let read = self.stderr.read_to_string(&mut said);
        // The process is ending; do not wait on a stuck one.
        let _ = tokio::time::timeout(Duration::from_secs(1), read).await;
        let said = said.trim();
        if said.is_empty() {
            "the compiled worker ended without answering".to_string()
        } else {
            let last: Vec<&str> = said.lines().rev().take(3).collect();
            format!(
                "the compiled worker ended without answering: {}",
                last.into_iter().rev().collect::<Vec<_>>().join(" / ")
            )
        }
    }
}
