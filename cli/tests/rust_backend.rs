//! The Rust backend from the command line: limits end generated code with the expected
//! outcome inside its bounds and the process lives; `compile` writes deterministic,
//! reviewed code (insta snapshots of examples' generated modules); generated crates are
//! clippy-clean.

mod common;

use common::{root, stderr, stdout, tracelab};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Compiles `file` traced on `inputs` into `dir` and builds it; returns the binary.
fn compile_and_build(file: &str, inputs: &[&str], dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).expect("the test folder is writable");
    let inputs_file = dir.join("inputs.jsonl");
    std::fs::write(&inputs_file, inputs.join("\n")).expect("the inputs are written");
    let out = tracelab(&[
        "compile",
        root().join(file).to_str().expect("UTF-8 path"),
        "--inputs",
        inputs_file.to_str().expect("UTF-8 path"),
        "-o",
        dir.join("crate").to_str().expect("UTF-8 path"),
        "--build",
    ]);
    assert!(
        out.status.success(),
        "compile failed:\n{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    let built = text
        .lines()
        .find_map(|l| l.strip_prefix("built "))
        .unwrap_or_else(|| panic!("compile --build names its binary:\n{text}"));
    PathBuf::from(built)
}

/// Runs the binary on one input under an address-space bound (KiB) the limits must keep it in.
fn run_bounded(
    binary: &Path,
    input: &str,
    args: &[&str],
    address_space_kib: Option<u64>,
) -> String {
    let mut command = match address_space_kib {
        Some(kib) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
                .arg(binary);
            c
        }
        None => Command::new(binary),
    };
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the generated binary starts");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        writeln!(stdin, "{input}").expect("the input is written");
    }
    let out = child.wait_with_output().expect("the generated binary ends");
    assert!(
        out.status.success(),
        "the generated binary died ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn scratch(name: &str) -> PathBuf {
    root().join("target").join("test-rust-backend").join(name)
}

#[test]
fn an_infinite_loop_ends_with_the_fuel_limit() {
    let bin = compile_and_build(
        "examples/trace/limits_fuel/main.tl",
        &["1"],
        &scratch("fuel"),
    );
    let record = run_bounded(&bin, "1", &["--fuel", "50000"], Some(1 << 20));
    assert_eq!(record, r#"{"limit": "fuel"}"#);
}

#[test]
fn allocation_bombs_end_with_the_memory_limit_inside_the_bound() {
    // 4 MB of heap allowed, 1 GiB of address space: without the limit, both bombs would
    // run into the address-space bound and the process would die.
    // The replacements would build 10^10 bytes: they are refused before they allocate, in
    // generated code here and in the machine below.
    for (file, input) in [
        ("examples/trace/limits_memory/main.tl", r#""ab""#),
        ("cli/tests/limits/array_bomb.tl", "null"),
        ("cli/tests/limits/replace_bomb.py", "null"),
        ("cli/tests/limits/replace_bomb.js", "null"),
    ] {
        let name = file.replace(['/', '.'], "-");
        let bin = compile_and_build(file, &[input], &scratch(&format!("memory-{name}")));
        let record = run_bounded(
            &bin,
            input,
            &["--memory", "4000000", "--fuel", "100000000"],
            Some(1 << 20),
        );
        assert_eq!(record, r#"{"limit": "memory"}"#, "{file}");
    }
    for file in [
        "cli/tests/limits/replace_bomb.py",
        "cli/tests/limits/replace_bomb.js",
    ] {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "ulimit -v {} && exec \"$0\" run {file} --input null",
                2u64 << 20
            ))
            .arg(env!("CARGO_BIN_EXE_tracelab"))
            .current_dir(root())
            .output()
            .expect("tracelab runs");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            r#"{"limit": "memory"}"#,
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn unbounded_recursion_is_the_languages_error_never_a_stack_overflow() {
    let py = compile_and_build(
        "examples/trace/recursion_depth/main.tl",
        &[r#"{"n": 10}"#],
        &scratch("recursion-py"),
    );
    assert_eq!(
        run_bounded(&py, r#"{"n": 100000}"#, &[], None),
        r#"{"error": {"kind": "RecursionError", "message": "maximum recursion depth exceeded"}}"#
    );
    let js = compile_and_build(
        "examples/trace/js_stack/main.tl",
        &[r#"{"n": 10}"#],
        &scratch("recursion-js"),
    );
    assert_eq!(
        run_bounded(&js, r#"{"n": 1000000}"#, &[], None),
        r#"{"error": {"kind": "RangeError", "message": "Maximum call stack size exceeded"}}"#
    );
    // A depth bound far beyond the host's default stack: the invocation's thread is sized
    // for it, so 200 000 nested activations still end as the language's error.
    assert_eq!(
        run_bounded(
            &js,
            r#"{"n": 1000000}"#,
            &["--max-depth", "200000", "--fuel", "10000000"],
            None
        ),
        r#"{"error": {"kind": "RangeError", "message": "Maximum call stack size exceeded"}}"#
    );
}

/// A depth bound whose stack the host cannot give is a clear error of the binary (exit 2),
/// never a panic.
#[test]
fn an_impossible_depth_bound_is_an_error_not_a_panic() {
    let js = compile_and_build(
        "examples/trace/js_stack/main.tl",
        &[r#"{"n": 10}"#],
        &scratch("impossible-depth"),
    );
    // 2³²−1 activations need 64 TiB of stack; 10⁶ need 16 GiB, beyond an 8 GiB address space.
    for (depth, address_space_kib) in [("4294967295", None), ("1000000", Some(8u64 << 20))] {
        let limit = address_space_kib.map_or(String::new(), |kib| format!("ulimit -v {kib} && "));
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!(
                "{limit}echo '{{\"n\": 3}}' | exec \"$0\" --max-depth {depth}"
            ))
            .arg(&js)
            .output()
            .expect("the generated binary starts");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "--max-depth {depth}: {stderr}");
        assert!(
            stderr.contains("--max-depth") && stderr.contains("cannot start a thread"),
            "--max-depth {depth}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// The generated module of an example, traced on its inputs.
fn generated(example: &str) -> String {
    let dir = root().join("examples").join(example);
    let program = common::program_of(&dir).expect("the example has a program");
    let out_dir = scratch(&format!("snapshot-{}", example.replace('/', "-")));
    let mut args = vec![
        "compile".to_string(),
        program.display().to_string(),
        "--inputs".into(),
        dir.join("inputs.jsonl").display().to_string(),
        "-o".into(),
        out_dir.display().to_string(),
    ];
    if dir.join("world.json").is_file() {
        args.push("--world".into());
        args.push(dir.join("world.json").display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = tracelab(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::read_to_string(out_dir.join("src").join("trace.rs")).expect("the module is written")
}

#[test]
fn generated_code_of_examples() {
    for example in [
        "trace/trace_guard",
        "trace/trace_callback",
        "trace/labels_breaks",
        "trace/recursion_depth",
        "py/exceptions",
        "js/banking",
    ] {
        let code = generated(example);
        assert_eq!(
            code,
            generated(example),
            "{example}: generated code is not deterministic"
        );
        insta::assert_snapshot!(example.replace('/', "__"), code);
    }
}

/// Clippy-clean on code of every kind: exceptions and regions (`exceptions`), unboxed ints
/// in loops and list indexing (`array_access`), unboxed and `Option` floats with a comparator
/// callback (`sort_numbers` in JavaScript), `while True` (`f8_while_traced`).
#[test]
fn generated_crates_are_clippy_clean() {
    let programs = [
        ("examples/py/exceptions/main.py", r#"{"kind": "key"}"#),
        ("bench/array_access/main.py", r#"{"n": 25}"#),
        ("bench/sort_numbers/main.js", r#"{"n": 50, "seed": 7}"#),
        ("examples/py/f8_while_traced/main.py", r#"{"x": 5}"#),
    ];
    let target = std::env::var_os("TRACELAB_RUST_TARGET")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target").join("generated"));
    for (i, (file, input)) in programs.into_iter().enumerate() {
        let dir = scratch(&format!("clippy-{i}"));
        let bin = compile_and_build(file, &[input], &dir);
        assert!(bin.is_file());
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["clippy", "--offline", "--release", "--manifest-path"])
            .arg(dir.join("crate").join("Cargo.toml"))
            .args(["--", "-D", "warnings"])
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .expect("cargo clippy runs");
        assert!(
            out.status.success(),
            "clippy on the code generated for {file}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn an_ill_formed_trace_is_rejected_before_code_generation() {
    let dir = scratch("ill-formed");
    std::fs::create_dir_all(&dir).expect("the test folder is writable");
    // `y` is not bound in the inlined body: the checker must refuse it, with a span.
    let file = dir.join("bad.tl");
    std::fs::write(
        &file,
        "dialect js;\nfun g(x) { break return x }\nlet g = clos g;\n\
         guard (g)(1.0) { g => inline (g#clos, x) { break return y } }\n",
    )
    .expect("the trace is written");
    let inputs = dir.join("inputs.jsonl");
    std::fs::write(&inputs, "null\n").expect("the inputs are written");
    let out_dir = dir.join("crate");
    let _ = std::fs::remove_dir_all(&out_dir);
    let out = tracelab(&[
        "compile",
        file.to_str().expect("UTF-8 path"),
        "--inputs",
        inputs.to_str().expect("UTF-8 path"),
        "-o",
        out_dir.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("ill-formed program") && err.contains("`y` is not bound"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !out_dir.exists(),
        "no crate is written for an ill-formed trace"
    );
}
