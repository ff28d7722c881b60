//! Each reference against CPython: the recorded result of the first (timed) input
//! (`bench/<name>/expected.json`, written by `bench/record.sh`), and, when `python3` is on
//! the PATH, every line of `inputs.jsonl` through the CPython timing worker.

use super::*;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn bench_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/reference sits inside bench/")
        .to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of `bench/<name>/inputs.jsonl`, as text.
fn input_lines(name: &str) -> Vec<String> {
    read(&bench_dir().join(name).join("inputs.jsonl"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn parse(text: &str, what: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

#[test]
fn every_benchmark_folder_has_a_reference() {
    let mut folders: Vec<String> = std::fs::read_dir(bench_dir())
        .expect("bench/ is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("inputs.jsonl").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    assert_eq!(folders, BENCHMARKS);
}

#[test]
fn an_unknown_benchmark_has_no_reference() {
    assert_eq!(run("no_such_benchmark", &json!({"n": 1})), None);
}

#[test]
fn a_missing_field_gives_none() {
    assert_eq!(run("fib", &json!({})), None);
    assert_eq!(run("matmul", &json!({"n": 3})), None);
}

#[test]
fn the_timed_inputs_give_the_recorded_cpython_results() {
    for name in BENCHMARKS {
        let first = &input_lines(name)[0];
        let input = parse(first, &format!("{name}: first input"));
        let path = bench_dir().join(name).join("expected.json");
        let expected = parse(&read(&path), &path.display().to_string());
        assert_eq!(
            run(name, &input),
            Some(expected),
            "{name}: the reference differs from {}",
            path.display()
        );
    }
}

/// The CPython timing worker, asked one request at a time.
struct Worker {
    child: std::process::Child,
    out: BufReader<std::process::ChildStdout>,
}

impl Worker {
    fn start() -> Option<Worker> {
        let mut child = Command::new("python3")
            .arg(bench_dir().join("workers").join("timer.py"))
            .env("PYTHONHASHSEED", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let out = BufReader::new(child.stdout.take()?);
        Some(Worker { child, out })
    }

    fn ask(&mut self, request: Value) -> Value {
        let stdin = self.child.stdin.as_mut().expect("the worker's stdin");
        writeln!(stdin, "{request}").expect("the worker reads requests");
        stdin.flush().expect("the worker reads requests");
        let mut line = String::new();
        self.out.read_line(&mut line).expect("the worker answers");
        parse(&line, &format!("the worker's answer to {request}"))
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(mut stdin) = self.child.stdin.take() {
            let _ = writeln!(stdin, r#"{{"op": "quit"}}"#);
        }
        let _ = self.child.wait();
    }
}

#[test]
fn every_input_gives_what_cpython_gives() {
    let Some(mut worker) = Worker::start() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "python3 is needed to check the references against CPython"
        );
        eprintln!(
            "SKIPPED: python3 is not on the PATH; the references are not checked against CPython"
        );
        return;
    };
    for name in BENCHMARKS {
        let file = bench_dir().join(name).join("main.py");
        let loaded = worker.ask(json!({"op": "load", "id": name, "file": file}));
        assert_eq!(loaded, json!({"ok": true}), "{name}: loading main.py");
        for (i, line) in input_lines(name).iter().enumerate() {
            let answer = worker.ask(json!({
                "op": "time", "id": name, "input": line, "calls": 1, "warmup": 0,
            }));
            let result = answer
                .get("result")
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{name} input {}: CPython answered {answer}", i + 1));
            let expected = parse(result, &format!("{name}: CPython's result"));
            let input = parse(line, &format!("{name}: input {}", i + 1));
            assert_eq!(
                run(name, &input),
                Some(expected),
                "{name}: input {} ({line:.80})",
                i + 1
            );
        }
    }
}
