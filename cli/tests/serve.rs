//! `tracelab serve`, end to end: the real binary on a loopback port, driven by a real HTTP
//! client. Every answer is checked against `tracelab run` on the same input (the source
//! semantics, itself held against CPython/Node by the example tests), so a client can never
//! tell which engine answered. Waits are bounded; nothing here asserts a duration.

mod common;

use common::root;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `tracelab serve`, killed when dropped.
struct Server {
    child: Child,
    base: String,
    client: reqwest::Client,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads a pipe into a shared string, line by line, on its own thread.
fn drain(pipe: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut text = into.lock().expect("no panics while holding it");
            text.push_str(&line);
            text.push('\n');
        }
    });
}

fn start(args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracelab"));
    command
        .arg("serve")
        .args(["--port", "0"])
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().expect("tracelab serve starts");
    let stdout = Arc::new(Mutex::new(String::new()));
    let stderr = Arc::new(Mutex::new(String::new()));
    drain(child.stdout.take().expect("piped"), stdout.clone());
    drain(child.stderr.take().expect("piped"), stderr.clone());
    let deadline = Instant::now() + Duration::from_secs(60);
    let base = loop {
        let said = stderr.lock().expect("lock").clone();
        if let Some(at) = said.find("listening on ") {
            let rest = &said[at + "listening on ".len()..];
            break rest.lines().next().expect("a line").trim().to_string();
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("tracelab serve ended ({status}): {said}");
        }
        assert!(
            Instant::now() < deadline,
            "the server did not start: {said}"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    Server {
        child,
        base,
        client: reqwest::Client::new(),
        stdout,
        stderr,
    }
}

impl Server {
    async fn send(&self, method: reqwest::Method, path: &str, body: &str) -> (u16, String) {
        let response = self
            .client
            .request(method, format!("{}{path}", self.base))
            .body(body.to_string())
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        (status, response.text().await.expect("a body"))
    }

    async fn post(&self, path: &str, body: &str) -> (u16, String) {
        self.send(reqwest::Method::POST, path, body).await
    }

    async fn put(&self, path: &str, body: &str) -> (u16, String) {
        self.send(reqwest::Method::PUT, path, body).await
    }

    async fn status(&self, name: &str) -> serde_json::Value {
        let (code, body) = self
            .send(reqwest::Method::GET, &format!("/functions/{name}"), "")
            .await;
        assert_eq!(code, 200, "{body}");
        serde_json::from_str(&body).expect("status is JSON")
    }

    /// Polls the status until `done` holds (at most three minutes: a cold build of the
    /// runtime in release mode takes about two).
    async fn wait_for(&self, name: &str, what: &str, done: impl Fn(&serde_json::Value) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            let status = self.status(name).await;
            if done(&status) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "`{name}` never got to {what}: {status}\n{}",
                self.stderr.lock().expect("lock")
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Invokes and checks the answer is `tracelab run`'s record for the same input.
    async fn invoke_checked(&self, name: &str, input: &str, expected: &str) {
        let (code, record) = self.post(&format!("/functions/{name}"), input).await;
        assert_eq!(code, 200, "{name} on {input}: {record}");
        assert_eq!(record, expected, "{name} on {input}");
    }
}

/// `tracelab run FILE --input INPUT [--world W] [--fuel F]`: the record the server must give.
fn run_record(file: &Path, input: &str, world: Option<&Path>, extra: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tracelab"));
    command
        .arg("run")
        .arg(file)
        .args(["--input", input])
        .args(extra);
    if let Some(w) = world {
        command.arg("--world").arg(w);
    }
    let out = command.current_dir(root()).output().expect("tracelab run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim_end()
        .to_string()
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .expect("readable")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn number(status: &serde_json::Value, key: &str) -> u64 {
    status[key].as_u64().unwrap_or(0)
}

/// The lifecycle of two examples (Python and JavaScript login, with their worlds), then the
/// metrics it left.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_function_goes_from_interpreted_to_compiled_and_answers_as_the_source_does() {
    let server = start(
        &[
            "--functions",
            "examples/py",
            "--compile-after",
            "3",
            "--settle-after",
            "100",
            "--recompile-backoff-ms",
            "50",
        ],
        &[],
    );
    // The Python login from `--functions`; the JavaScript one deployed over HTTP with its world.
    let py = root().join("examples/py/login");
    lifecycle(&server, "login", &py.join("main.py"), &py).await;
    let js = root().join("examples/js/login");
    let code = std::fs::read_to_string(js.join("main.js")).expect("main.js");
    let world = std::fs::read_to_string(js.join("world.json")).expect("world.json");
    let deployment = serde_json::json!({ "language": "javascript", "code": code,
        "world": serde_json::from_str::<serde_json::Value>(&world).expect("json") });
    let (code201, body) = server
        .put("/functions/js_login", &deployment.to_string())
        .await;
    assert_eq!(code201, 201, "{body}");
    lifecycle(&server, "js_login", &js.join("main.js"), &js).await;
    let (_, metrics) = server.send(reqwest::Method::GET, "/metrics", "").await;
    for needle in [
        "tracelab_request_duration_seconds_count{phase=\"compiled\"}",
        "tracelab_fallbacks_total",
        "tracelab_compile_duration_seconds_count",
    ] {
        assert!(metrics.contains(needle), "{needle} missing:\n{metrics}");
    }
}

/// One function's lifecycle, its example folder giving the inputs and the world: trained on
/// the first input only, it compiles; every input is then answered as `tracelab run` answers
/// it, some by falling back; after the recompile none falls back.
async fn lifecycle(server: &Server, name: &str, program: &Path, example: &Path) {
    let world = example.join("world.json");
    let inputs = lines(&example.join("inputs.jsonl"));
    let expected: Vec<String> = inputs
        .iter()
        .map(|i| run_record(program, i, Some(&world), &[]))
        .collect();
    assert_eq!(server.status(name).await["phase"], "interpreted");
    for _ in 0..3 {
        server.invoke_checked(name, &inputs[0], &expected[0]).await;
    }
    server
        .wait_for(name, "compiled", |s| s["phase"] == "compiled")
        .await;
    let before = server.status(name).await;
    for (input, record) in inputs.iter().zip(&expected) {
        server.invoke_checked(name, input, record).await;
    }
    let after = server.status(name).await;
    assert!(
        number(&after, "compiled_invocations") > number(&before, "compiled_invocations"),
        "the compiled code answered nothing: {after}"
    );
    assert!(
        number(&after, "fallbacks") > 0,
        "no input fell back: {after}"
    );
    // The fallbacks' traces merged: a recompile, then every path is known.
    server
        .wait_for(name, "a recompile", |s| {
            number(s, "compiles") >= 2 && s["recompile_pending"] == false
        })
        .await;
    let settled = server.status(name).await;
    for (input, record) in inputs.iter().zip(&expected) {
        server.invoke_checked(name, input, record).await;
    }
    let last = server.status(name).await;
    assert_eq!(
        number(&last, "fallbacks"),
        number(&settled, "fallbacks"),
        "an input fell back after the recompile: {last}"
    );
    assert!(number(&last, "last_compile_ms") > 0, "{last}");
}

fn branches() -> PathBuf {
    root().join("cli/tests/serve/functions/branches.py")
}

fn deployment_of(file: &Path, limits: Option<serde_json::Value>) -> String {
    let language = match file.extension().and_then(|e| e.to_str()) {
        Some("py") => "python",
        _ => "javascript",
    };
    let code = std::fs::read_to_string(file).expect("source");
    let mut d = serde_json::json!({ "language": language, "code": code });
    if let Some(l) = limits {
        d["limits"] = l;
    }
    d.to_string()
}

/// Eight clients send mixed inputs without pause while the function is recompiled twice: the
/// first wave reaches four paths, the second all eight. Every request is answered once, with
/// its own record (each answer carries its request's id).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn swaps_under_load_drop_and_confuse_no_request() {
    let server = Arc::new(start(
        &["--compile-after", "2", "--recompile-backoff-ms", "100"],
        &[],
    ));
    let (code, body) = server
        .put("/functions/branches", &deployment_of(&branches(), None))
        .await;
    assert_eq!(code, 201, "{body}");
    // The expected record of every (k, id) the clients send, from `tracelab run`.
    let ids = 12u64;
    let mut expected = std::collections::HashMap::new();
    for k in 0..8u64 {
        for id in 0..ids {
            let input = format!("{{\"k\": {k}, \"id\": {id}}}");
            expected.insert((k, id), run_record(&branches(), &input, None, &[]));
        }
    }
    let expected = Arc::new(expected);
    for id in 0..2 {
        let input = format!("{{\"k\": 0, \"id\": {id}}}");
        server
            .invoke_checked("branches", &input, &expected[&(0, id)])
            .await;
    }
    server
        .wait_for("branches", "compiled", |s| s["phase"] == "compiled")
        .await;
    // How many paths the clients use: 4, then 8; 0 stops them.
    let paths = Arc::new(std::sync::atomic::AtomicU64::new(4));
    let mut clients = Vec::new();
    for client in 0..8u64 {
        let (server, expected, paths) = (server.clone(), expected.clone(), paths.clone());
        clients.push(tokio::spawn(async move {
            let mut sent = 0u64;
            let mut n = client;
            loop {
                let width = paths.load(std::sync::atomic::Ordering::SeqCst);
                if width == 0 {
                    return sent;
                }
                n = n
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let (k, id) = ((n >> 33) % width, (n >> 40) % ids);
                let input = format!("{{\"k\": {k}, \"id\": {id}}}");
                server
                    .invoke_checked("branches", &input, &expected[&(k, id)])
                    .await;
                sent += 1;
            }
        }));
    }
    server
        .wait_for("branches", "a first recompile", |s| {
            number(s, "compiles") >= 2
        })
        .await;
    paths.store(8, std::sync::atomic::Ordering::SeqCst);
    server
        .wait_for("branches", "a second recompile", |s| {
            number(s, "compiles") >= 3
        })
        .await;
    // A while on the last version too.
    tokio::time::sleep(Duration::from_millis(500)).await;
    paths.store(0, std::sync::atomic::Ordering::SeqCst);
    let mut sent = 0;
    for client in clients {
        sent += client.await.expect("no client failed");
    }
    let status = server.status("branches").await;
    assert_eq!(
        number(&status, "invocations"),
        sent + 2,
        "every request was answered exactly once: {status}"
    );
    assert!(number(&status, "compiled_invocations") > 0, "{status}");
    let (_, metrics) = server.send(reqwest::Method::GET, "/metrics", "").await;
    assert!(
        metrics.contains("tracelab_server_errors_total 0"),
        "{metrics}"
    );
}

/// Bad requests get their status and a JSON error; a runaway function gets its `limit`
/// record while another function stays responsive.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_gets_its_status_and_runaways_end_in_their_limit() {
    let server = Arc::new(start(&["--no-compile", "--body-limit", "4096"], &[]));
    let dir = root().join("cli/tests/serve/functions");
    let error_of = |body: &str| -> String {
        let v: serde_json::Value = serde_json::from_str(body).expect("a JSON error");
        v["error"].as_str().expect("an error message").to_string()
    };
    // Deployment errors.
    let bad_deployments = [
        ("{\"language\": ", "not valid JSON"),
        ("[]", "a deployment is an object"),
        ("{\"language\": \"cobol\", \"code\": \"\"}", "unknown language"),
        ("{\"language\": \"python\"}", "`code` is missing"),
        (
            "{\"language\": \"python\", \"code\": \"def main(args):\\n  return 1\\n\", \"extra\": 1}",
            "unknown field `extra`",
        ),
        (
            "{\"language\": \"python\", \"code\": \"def main(args):\\n  return (1\\n\"}",
            "syntax error",
        ),
        (
            "{\"language\": \"python\", \"code\": \"class A:\\n  pass\\ndef main(args):\\n  return 1\\n\"}",
            "outside the tracelab subset",
        ),
        (
            "{\"language\": \"python\", \"code\": \"def main(args):\\n  return 1\\n\", \"world\": []}",
            "`world`",
        ),
        (
            "{\"language\": \"python\", \"code\": \"def main(args):\\n  return 1\\n\", \"limits\": {\"fuel\": -1}}",
            "`limits.fuel`",
        ),
    ];
    for (body, message) in bad_deployments {
        let (code, answer) = server.put("/functions/f", body).await;
        assert_eq!(code, 400, "{body}: {answer}");
        assert!(error_of(&answer).contains(message), "{body}: {answer}");
    }
    // Invocation errors.
    let (code, answer) = server.post("/functions/missing", "{}").await;
    assert_eq!((code, error_of(&answer).contains("missing")), (404, true));
    let (code, _) = server
        .put("/functions/branches", &deployment_of(&branches(), None))
        .await;
    assert_eq!(code, 201);
    let (code, answer) = server.post("/functions/branches", "{\"k\": 1,").await;
    assert_eq!(code, 400, "{answer}");
    assert!(error_of(&answer).contains("not valid JSON"), "{answer}");
    let big = format!("{{\"k\": 0, \"id\": 1, \"pad\": \"{}\"}}", "x".repeat(5000));
    let (code, answer) = server.post("/functions/branches", &big).await;
    assert_eq!(code, 413, "{answer}");
    assert!(error_of(&answer).contains("size limit"), "{answer}");
    // Runaways.
    let (code, _) = server
        .put(
            "/functions/hog",
            &deployment_of(
                &dir.join("hog.py"),
                Some(serde_json::json!({"memory": 10_000_000})),
            ),
        )
        .await;
    assert_eq!(code, 201);
    server
        .invoke_checked("hog", "{}", "{\"limit\": \"memory\"}")
        .await;
    let (code, _) = server
        .put(
            "/functions/spin",
            &deployment_of(&dir.join("spin.py"), None),
        )
        .await;
    assert_eq!(code, 201);
    let spinning = {
        let server = server.clone();
        tokio::spawn(async move { server.post("/functions/spin", "{}").await })
    };
    // While it spins, another function answers (many times over).
    let expected = run_record(&branches(), "{\"k\": 2, \"id\": 5}", None, &[]);
    let mut during = 0;
    for _ in 0..20 {
        server
            .invoke_checked("branches", "{\"k\": 2, \"id\": 5}", &expected)
            .await;
        if !spinning.is_finished() {
            during += 1;
        }
    }
    assert!(
        during > 0,
        "the other function did not answer while one spun"
    );
    let (code, record) = spinning.await.expect("the spinning request ends");
    assert_eq!((code, record.as_str()), (200, "{\"limit\": \"fuel\"}"));
    // Deletion.
    let (code, _) = server
        .send(reqwest::Method::DELETE, "/functions/spin", "")
        .await;
    assert_eq!(code, 204);
    let (code, _) = server.post("/functions/spin", "{}").await;
    assert_eq!(code, 404);
    let (code, list) = server.send(reqwest::Method::GET, "/functions", "").await;
    assert_eq!(code, 200);
    assert!(
        list.contains("\"branches\"") && !list.contains("\"spin\""),
        "{list}"
    );
}

/// A build that cannot run (no cargo) leaves the function interpreted, saying why, and its
/// answers right; a compiled worker that dies costs no request: that request is interpreted,
/// the version withdrawn.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_failures_and_crashed_workers_fall_back_to_the_interpreter() {
    let input = "{\"k\": 1, \"id\": 3}";
    let expected = run_record(&branches(), input, None, &[]);
    // No cargo.
    let server = start(
        &["--compile-after", "1"],
        &[("CARGO", "/nonexistent/cargo")],
    );
    let (code, _) = server
        .put("/functions/branches", &deployment_of(&branches(), None))
        .await;
    assert_eq!(code, 201);
    server.invoke_checked("branches", input, &expected).await;
    server
        .wait_for("branches", "giving up on compiling", |s| {
            s["interpreted_because"].is_string()
        })
        .await;
    let status = server.status("branches").await;
    assert_eq!(status["phase"], "interpreted", "{status}");
    let why = status["interpreted_because"].as_str().unwrap_or_default();
    assert!(why.contains("cargo"), "{status}");
    server.invoke_checked("branches", input, &expected).await;
    drop(server);

    // A worker killed under the server.
    let server = start(&["--compile-after", "1", "--workers", "1"], &[]);
    let (code, _) = server
        .put("/functions/branches", &deployment_of(&branches(), None))
        .await;
    assert_eq!(code, 201);
    server.invoke_checked("branches", input, &expected).await;
    server
        .wait_for("branches", "compiled", |s| s["phase"] == "compiled")
        .await;
    server.invoke_checked("branches", input, &expected).await;
    assert_eq!(
        number(&server.status("branches").await, "compiled_invocations"),
        1
    );
    let workers = children_of(server.child.id());
    assert!(!workers.is_empty(), "no worker process to kill");
    for pid in &workers {
        let killed = Command::new("kill").args(["-9", &pid.to_string()]).status();
        assert!(killed.is_ok_and(|s| s.success()), "kill {pid}");
    }
    // Reaped, so the pipe is closed when the next request writes.
    std::thread::sleep(Duration::from_millis(200));
    server.invoke_checked("branches", input, &expected).await;
    let status = server.status("branches").await;
    assert!(status["last_withdrawal"].is_string(), "{status}");
    assert_eq!(number(&status, "invocations"), 3, "{status}");
}

/// The processes whose parent is `pid` (Linux `/proc`).
fn children_of(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return found;
    };
    for task in tasks.flatten() {
        let text = std::fs::read_to_string(task.path().join("children")).unwrap_or_default();
        found.extend(
            text.split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok()),
        );
    }
    found
}

/// The cases of OpenWhisk's action-runtime conformance tests, for both languages.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openwhisk_action_protocol_is_served() {
    let dir = root().join("cli/tests/serve/openwhisk");
    let init = |file: &str, main: &str| {
        let code = std::fs::read_to_string(dir.join(file)).expect("source");
        serde_json::json!({"value": {"name": file, "main": main, "code": code,
            "binary": false, "env": {"SOME_VAR": "x"}}})
        .to_string()
    };
    let run = |value: serde_json::Value| {
        serde_json::json!({"value": value, "namespace": "guest", "action_name": "a",
            "activation_id": "0123", "deadline": "1700000000000", "api_key": "k",
            "transaction_id": "t"})
        .to_string()
    };
    for (language, identity) in [("py", "identity.py"), ("js", "identity.js")] {
        let server = start(&["--openwhisk", "--language", language], &[]);
        // Run before init.
        let (code, body) = server.post("/run", &run(serde_json::json!({}))).await;
        assert_ne!(code, 200, "{body}");
        assert!(body.contains("\"error\""), "{body}");
        // An empty init.
        let (code, body) = server.post("/init", "{}").await;
        assert_ne!(code, 200, "{body}");
        let (code, body) = server.post("/init", &init(identity, "main")).await;
        assert_eq!(code, 200, "{body}");
        // A second init is refused.
        let (code, body) = server.post("/init", &init(identity, "main")).await;
        assert_eq!(code, 403, "{body}");
        // Identity, with the activation context beside the parameters (not in them).
        let params = serde_json::json!({"a": 1, "nested": {"b": [true, null, 2.5]}, "s": "☃"});
        let (code, body) = server.post("/run", &run(params.clone())).await;
        assert_eq!(code, 200, "{body}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).expect("json"),
            params
        );
        // A payload over 1 MB, echoed whole.
        let big = serde_json::json!({"payload": "0123456789".repeat(120_000)});
        let (code, body) = server.post("/run", &run(big.clone())).await;
        assert_eq!(code, 200);
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&body).expect("json"),
            big
        );
        // Each activation ends with the marker on stdout and stderr.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let marker = "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX";
        let out = server.stdout.lock().expect("lock").clone();
        let err = server.stderr.lock().expect("lock").clone();
        assert_eq!(out.matches(marker).count(), 2, "{out}");
        assert!(err.matches(marker).count() >= 2, "{err}");
    }
    // Unicode in the log and the result.
    let server = start(&["--openwhisk", "--language", "py"], &[]);
    let (code, _) = server.post("/init", &init("unicode.py", "main")).await;
    assert_eq!(code, 200);
    let (code, body) = server
        .post("/run", &run(serde_json::json!({"delimiter": "❄"})))
        .await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&body).expect("json"),
        serde_json::json!({"winter": "❄ ☃ ❄"})
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let out = server.stdout.lock().expect("lock").clone();
    assert!(
        out.contains("❄ ☃ ❄\nXXX_THE_END_OF_A_WHISK_ACTIVATION_XXX"),
        "{out}"
    );
    // An entry point not named `main`.
    for (language, file) in [("py", "niam.py"), ("js", "niam.js")] {
        let server = start(&["--openwhisk", "--language", language], &[]);
        let (code, body) = server.post("/init", &init(file, "niam")).await;
        assert_eq!(code, 200, "{body}");
        let (code, body) = server
            .post("/run", &run(serde_json::json!({"name": "ow"})))
            .await;
        assert_eq!((code, body.as_str()), (200, "{\"greeting\":\"hello ow\"}"));
    }
    // A result that is not a JSON object.
    let server = start(&["--openwhisk", "--language", "py"], &[]);
    let (code, _) = server.post("/init", &init("not_object.py", "main")).await;
    assert_eq!(code, 200);
    let (code, body) = server.post("/run", &run(serde_json::json!({}))).await;
    assert_eq!(code, 502, "{body}");
    assert!(body.contains("did not return a dictionary"), "{body}");
}

/// `--live-world`: `containerless.get` reaches a real HTTP service on an allowed host, in the
/// interpreter and in compiled code (over the worker's pipes), and nothing else; the records
/// are `tracelab run`'s with a world file holding the service's answers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_live_world_reaches_the_named_hosts_only() {
    let service = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = service.local_addr().expect("bound").port();
    let ada = r#"{"name": "Ada", "visits": 123456789012345678901234567890}"#;
    std::thread::spawn(move || {
        for stream in service.incoming().map_while(Result::ok) {
            let mut stream = stream;
            let mut request = [0u8; 4096];
            let n = std::io::Read::read(&mut stream, &mut request).unwrap_or(0);
            let request = String::from_utf8_lossy(&request[..n]);
            let (status, body) = if request.starts_with("GET /users/ada ") {
                ("200 OK", ada)
            } else {
                ("404 Not Found", "not found")
            };
            let response = format!(
                "HTTP/1.0 {status}\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            let _ = std::io::Write::write_all(&mut stream, response.as_bytes());
        }
    });
    let allowed = format!("127.0.0.1:{port}");
    let server = start(&["--compile-after", "1", "--live-world", &allowed], &[]);
    let file = root().join("cli/tests/serve/functions/live.py");
    let (code, body) = server
        .put("/functions/live", &deployment_of(&file, None))
        .await;
    assert_eq!(code, 201, "{body}");
    // The oracle: `tracelab run` with the service's answers as a world file.
    let world = std::env::temp_dir().join(format!("tracelab-live-{}.json", std::process::id()));
    std::fs::write(
        &world,
        format!(
            r#"{{"get": {{"http://{allowed}/users/ada": {ada}, "http://{allowed}/users/zed": "not found"}}}}"#
        ),
    )
    .expect("world written");
    let inputs: Vec<String> = ["ada", "zed"]
        .iter()
        .map(|user| {
            format!(r#"{{"host": "{allowed}", "other": "localhost:{port}", "user": "{user}"}}"#)
        })
        .collect();
    let expected: Vec<String> = inputs
        .iter()
        .map(|i| run_record(&file, i, Some(&world), &[]))
        .collect();
    assert!(
        expected[0].contains("123456789012345678901234567890"),
        "{}",
        expected[0]
    );
    for (input, record) in inputs.iter().zip(&expected) {
        server.invoke_checked("live", input, record).await;
    }
    server
        .wait_for("live", "compiled", |s| s["phase"] == "compiled")
        .await;
    for (input, record) in inputs.iter().zip(&expected) {
        server.invoke_checked("live", input, record).await;
    }
    let status = server.status("live").await;
    assert_eq!(number(&status, "compiled_invocations"), 2, "{status}");
    assert_eq!(number(&status, "fallbacks"), 0, "{status}");
}
