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
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};
use tokio::sync::Semaphore;
use tracelab_ir::EventKind;
use tracelab_runtime::json::Json;
use tracelab_runtime::world::Live;

/// How to start a worker of one version.
#[derive(Clone)]
pub struct Spec {
    pub binary: PathBuf,
    pub args: Vec<String>,
    /// Answers the worker's `fetch` lines (started with `--live`).
    pub live: Option<Arc<dyn Live>>,
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
    live: Option<Arc<dyn Live>>,
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
            live: spec.live.clone(),
            stdin,
            stdout: BufReader::new(stdout),
            stderr,
        })
    }

    async fn call(&mut self, input: &str) -> Result<String, String> {
        let mut line = String::with_capacity(input.len() + 1);
        line.push_str(input);
        line.push('\n');
        loop {
            if self.stdin.write_all(line.as_bytes()).await.is_err() {
                return Err(self.why_it_died().await);
            }
            let mut reply = String::new();
            match self.stdout.read_line(&mut reply).await {
                Ok(n) if n > 0 && reply.ends_with('\n') => reply.pop(),
                Ok(_) | Err(_) => return Err(self.why_it_died().await),
            };
            if !reply.starts_with("{\"fetch\"") {
                return Ok(reply);
            }
            // The run asks the live world; its answer goes back on stdin and the run goes on.
            line = self.fetch(&reply).await;
        }
    }

    /// Answers a worker's `{"fetch": {"event", "url", "body"}}` line with `{"answer": JSON}`,
    /// or `{}` when there is no answer.
    async fn fetch(&self, request: &str) -> String {
        let answer = match (&self.live, Json::parse(request)) {
            (Some(live), Ok(request)) => {
                let live = live.clone();
                let fetch = request.get("fetch").cloned().unwrap_or(Json::Null);
                let event = match fetch.get("event").and_then(Json::as_str) {
                    Some("post") => EventKind::Post,
                    _ => EventKind::Get,
                };
                let url = fetch.get("url").and_then(Json::as_str).map(str::to_string);
                let body = fetch.get("body").and_then(Json::as_str).map(str::to_string);
                // A blocking request with time-outs: off the async threads.
                tokio::task::spawn_blocking(move || {
                    url.and_then(|url| live.answer(event, &url, body.as_deref()))
                })
                .await
                .ok()
                .flatten()
            }
            _ => None,
        };
        match answer {
            Some(json) => format!("{{\"answer\":{json}}}\n"),
            None => "{}\n".to_string(),
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
