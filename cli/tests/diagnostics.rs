//! Bad input gets a diagnostic with a span and exit status 2, never a panic.
//!
//! The cases of `cli/tests/diagnostics/` (malformed and odd files, and misuse of the command
//! line) are the table [`CASES`]: each has its command, its exit status, the class of
//! message it must give, and a reviewed snapshot of everything the command printed. A
//! "syntax error" file must be refused by the real CPython / Node too, and a file that is
//! valid but outside the subset (or valid and odd, such as CR line endings) accepted.

mod common;

use common::{root, stderr, stdout, tool_available, tracelab};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tracelab-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write");
    path
}

/// Runs `tracelab check` on a file and returns the stderr with the temp path normalised.
fn check(name: &str, text: &str) -> String {
    let path = write_temp(name, text);
    let out = tracelab(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status for {name}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    stderr(&out).replace(path.to_str().expect("utf-8"), &format!("[TMP]/{name}"))
}

#[test]
fn syntax_error_after_non_ascii_text_points_at_the_right_column() {
    insta::assert_snapshot!(check(
        "bad.tl",
        "dialect js;\n// é ü 😀\nlet s = \"ü\";\nlet t = s +;\n"
    ));
}

#[test]
fn unterminated_string() {
    insta::assert_snapshot!(check("string.tl", "dialect py;\nlet s = \"never closed;\n"));
}

#[test]
fn ill_formed_program_names_the_problem() {
    insta::assert_snapshot!(check(
        "wf.tl",
        "dialect js;\nlet x = 1.0;\nbreak nowhere x;\nprim js.add(x);\ny\n"
    ));
}

#[test]
fn trace_only_forms_mixed_with_core_only_forms() {
    insta::assert_snapshot!(check(
        "mixed.tl",
        "dialect js;\nfun f(x) { x }\nregister get(\"u\", clos f);\nunknown\n"
    ));
}

#[test]
fn ill_formed_ir_json_names_the_json_path() {
    let err = check(
        "bad.json",
        r#"{"dialect": "js", "body": [{"kind": "int", "value": 1}, {"kind": "array", "items": [{"kind": "nope"}]}]}"#,
    );
    assert!(err.contains("body[1].items[0]"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unreadable_file_bad_input_and_unknown_extension_exit_2() {
    let out = tracelab(&["run", "does/not/exist.tl", "--input", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    let ok = write_temp("ok.tl", "dialect js;\ninput\n");
    let out = tracelab(&["run", ok.to_str().expect("utf-8"), "--input", "{not json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--input is not valid JSON"),
        "{}",
        stderr(&out)
    );
    let other = write_temp("prog.rb", "puts 1");
    let out = tracelab(&["run", other.to_str().expect("utf-8"), "--input", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tracelab(&["run"]);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
}

#[test]
fn a_program_error_is_a_record_and_exit_0() {
    let p = write_temp("boom.tl", "dialect py;\nprim py.floordiv(1, input)\n");
    let out = tracelab(&["run", p.to_str().expect("utf-8"), "--input", "0"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        r#"{"error": {"kind": "ZeroDivisionError", "message": "integer division or modulo by zero"}}"#
    );
}

#[test]
fn arbitrary_bytes_never_panic_the_cli() {
    let samples: [&[u8]; 5] = [
        b"\xff\xfe\x00",
        b"dialect js;\n\"\\u{110000}\"",
        b"dialect py;\n((((((((((",
        b"",
        b"dialect js;\n`unterminated",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let path = write_temp(&format!("bytes{i}.tl"), "");
        std::fs::write(&path, bytes).expect("write");
        let out = tracelab(&["run", path.to_str().expect("utf-8"), "--input", "null"]);
        assert_eq!(out.status.code(), Some(2), "sample {i}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "sample {i}: {}",
            stderr(&out)
        );
    }
}

/// A FIFO, a directory or a device given as a program, inputs or a world is refused at once
/// with what it is (reading a FIFO would block until a writer came, `/dev/urandom` never ends).
#[test]
fn files_that_are_not_regular_are_refused_without_reading() {
    let dir = std::env::temp_dir().join(format!("tracelab-special-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fifo = dir.join("program.py");
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let fifo = fifo.to_str().expect("utf-8");
    let folder = dir.to_str().expect("utf-8");
    let program = "cli/tests/diagnostics/echo_plus_one.py";
    let cases: [(&[&str], &str); 5] = [
        (&["check", fifo], "it is a FIFO, not a regular file"),
        (&["check", folder], "it is a directory, not a regular file"),
        (
            &["trace", program, "--inputs", "/dev/urandom"],
            "it is a character device, not a regular file",
        ),
        (
            &["run", program, "--input", "1", "--world", fifo],
            "it is a FIFO, not a regular file",
        ),
        (
            &["trace", program, "--inputs", fifo],
            "it is a FIFO, not a regular file",
        ),
    ];
    for (args, says) in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tracelab"))
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("tracelab runs");
        // Bounded: a blocking read would never end.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while child.try_wait().expect("wait").is_none() {
            if std::time::Instant::now() > deadline {
                let _ = child.kill();
                panic!("{args:?} blocked");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let out = child.wait_with_output().expect("output");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
}

/// How the real CPython 3.11 / Node 20 must judge a case's program.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Oracle {
    /// The case has no Python or JavaScript program to judge.
    None,
    /// Not valid Python / JavaScript: `compile()` / `node --check` refuse it too.
    Rejects,
    /// Valid Python / JavaScript (outside the subset, or in it but odd): both accept it.
    Accepts,
}

struct Case {
    /// The snapshot's name.
    name: &'static str,
    /// The command line, run in the workspace root.
    args: &'static [&'static str],
    exit: i32,
    /// What standard error (or, for exit status 0, standard output) must say.
    says: &'static str,
    oracle: Oracle,
}

const DIR: &str = "cli/tests/diagnostics";

macro_rules! case {
    ($name:literal, [$($arg:expr),* $(,)?], $exit:literal, $says:literal, $oracle:ident) => {
        Case { name: $name, args: &[$($arg),*], exit: $exit, says: $says, oracle: Oracle::$oracle }
    };
}

/// Every case of the folder (`every_file_of_the_folder_is_a_case` keeps the two in step).
const CASES: &[Case] = &[
    // JavaScript: syntax errors are syntax errors, valid JavaScript outside the subset is not.
    case!(
        "js_unterminated_comment",
        ["check", "cli/tests/diagnostics/js_unterminated_comment.js"],
        2,
        "syntax error: unterminated comment",
        Rejects
    ),
    case!(
        "js_stray_hash",
        ["check", "cli/tests/diagnostics/js_stray_hash.js"],
        2,
        "syntax error: invalid or unexpected token",
        Rejects
    ),
    case!(
        "js_private_name",
        ["check", "cli/tests/diagnostics/js_private_name.js"],
        2,
        "syntax error: private field `#count`",
        Rejects
    ),
    case!(
        "js_unterminated_regex",
        ["check", "cli/tests/diagnostics/js_unterminated_regex.js"],
        2,
        "syntax error: unterminated regular expression",
        Rejects
    ),
    case!(
        "js_bigint",
        ["check", "cli/tests/diagnostics/js_bigint.js"],
        2,
        "outside the tracelab subset: a BigInt literal `1n`",
        Accepts
    ),
    case!(
        "js_hashbang",
        [
            "run",
            "cli/tests/diagnostics/js_hashbang.js",
            "--input",
            "5"
        ],
        0,
        r#"{"ok": 6}"#,
        Accepts
    ),
    case!(
        "js_cr_line_endings",
        [
            "run",
            "cli/tests/diagnostics/js_cr_line_endings.js",
            "--input",
            "5"
        ],
        0,
        r#"{"ok": "one  two5"}"#,
        Accepts
    ),
    // Python, likewise; and the encodings and line endings CPython reads.
    case!(
        "py_yield_from",
        ["check", "cli/tests/diagnostics/py_yield_from.py"],
        2,
        "outside the tracelab subset: `yield from`",
        Accepts
    ),
    case!(
        "py_leading_zero",
        ["check", "cli/tests/diagnostics/py_leading_zero.py"],
        2,
        "syntax error: leading zeros in decimal integer literals are not permitted",
        Rejects
    ),
    case!(
        "py_bom",
        ["run", "cli/tests/diagnostics/py_bom.py", "--input", "5"],
        0,
        r#"{"ok": 6}"#,
        Accepts
    ),
    case!(
        "py_cr_line_endings",
        [
            "run",
            "cli/tests/diagnostics/py_cr_line_endings.py",
            "--input",
            "5"
        ],
        0,
        r#"{"ok": ["one\ntwo", 6]}"#,
        Accepts
    ),
    case!(
        "py_not_utf8",
        ["check", "cli/tests/diagnostics/py_not_utf8.py"],
        2,
        "is not UTF-8 text: invalid UTF-8 at byte 31 (0xE9)",
        Rejects
    ),
    // Positions inside an IR JSON file are places in that file.
    case!(
        "ir_json_unbound",
        ["check", "cli/tests/diagnostics/ir_unbound.json"],
        2,
        "ill-formed program: `y` is not bound",
        None
    ),
    // Inputs: JSON integers are arbitrary precision in Python, doubles in JavaScript.
    case!(
        "big_integer_input_py",
        [
            "run",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input",
            "123456789012345678901234567890"
        ],
        0,
        "[123456789012345678901234567890, 123456789012345678901234567891]",
        Accepts
    ),
    case!(
        "big_negative_integer_input_py",
        [
            "run",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input=-9223372036854775809"
        ],
        0,
        "[-9223372036854775809, -9223372036854775808]",
        Accepts
    ),
    case!(
        "big_integer_input_js",
        [
            "run",
            "cli/tests/diagnostics/echo_plus_one.js",
            "--input",
            "123456789012345678901234567890"
        ],
        0,
        "[1.2345678901234568e+29,1.2345678901234568e+29]",
        Accepts
    ),
    case!(
        "inputs_not_json",
        [
            "trace",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--inputs",
            "cli/tests/diagnostics/inputs_not_json.jsonl"
        ],
        2,
        "line 3 of `cli/tests/diagnostics/inputs_not_json.jsonl` is not valid JSON",
        None
    ),
    case!(
        "world_array",
        [
            "run",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input",
            "1",
            "--world",
            "cli/tests/diagnostics/world_array.json"
        ],
        2,
        "a world is an object",
        None
    ),
    case!(
        "world_wrong_table",
        [
            "run",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input",
            "1",
            "--world",
            "cli/tests/diagnostics/world_wrong_table.json"
        ],
        2,
        "at `post`",
        None
    ),
    // Misuse of the command line: exit status 2 and a message, never an empty result.
    case!(
        "bench_no_suite",
        ["bench", "--suite", "/nonexistent"],
        2,
        "cannot read the benchmark suite `/nonexistent`",
        None
    ),
    case!(
        "bench_without_programs",
        [
            "bench",
            "--suite",
            "cli/tests/diagnostics/bench_without_programs"
        ],
        2,
        "no benchmarks under",
        None
    ),
    case!(
        "rules_coverage_no_examples",
        ["rules", "--coverage", "--examples", "/nonexistent"],
        2,
        "cannot read the examples folder `/nonexistent`",
        None
    ),
    case!(
        "demo_no_examples",
        ["demo", "--examples", "/nonexistent"],
        2,
        "cannot read the examples folder `/nonexistent`",
        None
    ),
    case!(
        "demo_bad_expected",
        [
            "demo",
            "--examples",
            "cli/tests/diagnostics/demo_bad_expected"
        ],
        2,
        "line 2 of `cli/tests/diagnostics/demo_bad_expected/echo/expected.jsonl` is not valid JSON",
        None
    ),
    case!(
        "demo_stale_expected",
        [
            "demo",
            "--examples",
            "cli/tests/diagnostics/demo_stale_expected"
        ],
        2,
        "holds 2 records for the 3 inputs",
        None
    ),
];

/// What a case printed, as a user sees it (a debug build's note on `bench` left out).
fn transcript(case: &Case, out: &std::process::Output) -> String {
    let err: String = stderr(out)
        .lines()
        .filter(|l| !l.starts_with("note: this tracelab is a debug build"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut text = format!(
        "$ tracelab {}\nexit status {}\n",
        case.args.join(" "),
        out.status.code().map_or("none".into(), |c| c.to_string())
    );
    if !stdout(out).is_empty() {
        text.push_str(&format!("--- stdout\n{}", stdout(out)));
    }
    if !err.is_empty() {
        text.push_str(&format!("--- stderr\n{err}"));
    }
    text
}

#[test]
fn every_case_gives_its_class_of_message_and_exit_status() {
    for case in CASES {
        let out = tracelab(case.args);
        let shown = transcript(case, &out);
        assert_eq!(out.status.code(), Some(case.exit), "{shown}");
        let said = if case.exit == 0 {
            stdout(&out)
        } else {
            stderr(&out)
        };
        assert!(
            said.contains(case.says),
            "{}: expected `{}`\n{shown}",
            case.name,
            case.says
        );
        assert!(!shown.contains("panicked"), "{shown}");
        // A message about no file names no place: never an empty `-->` line.
        assert!(
            !shown.lines().any(|l| l.trim() == "-->"),
            "an empty location line:\n{shown}"
        );
        insta::assert_snapshot!(case.name, shown);
    }
}

/// The program file of a case, if it has a Python or JavaScript one.
fn program_of(case: &Case) -> Option<PathBuf> {
    case.args
        .iter()
        .find(|a| a.ends_with(".py") || a.ends_with(".js"))
        .map(|a| root().join(a))
}

fn is_python(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "py")
}

/// Whether the real CPython (`compile`, which also runs the checks after parsing) or Node
/// (`--check`) accepts the file.
fn oracle_accepts(path: &Path) -> bool {
    let out = if is_python(path) {
        Command::new("python3")
            .args([
                "-c",
                "import sys; compile(open(sys.argv[1], 'rb').read(), sys.argv[1], 'exec')",
            ])
            .arg(path)
            .output()
    } else {
        Command::new("node").arg("--check").arg(path).output()
    };
    out.expect("the oracle runs").status.success()
}

/// A syntax error for tracelab is one for CPython / Node; valid files are valid for them.
#[test]
fn cpython_and_node_judge_each_file_as_tracelab_does() {
    let python = tool_available("python3", "--version");
    let node = tool_available("node", "--version");
    let mut judged = 0;
    for case in CASES.iter().filter(|c| c.oracle != Oracle::None) {
        let program = program_of(case).expect("a case with an oracle has a program");
        if !(if is_python(&program) { python } else { node }) {
            continue;
        }
        let accepted = oracle_accepts(&program);
        assert_eq!(
            accepted,
            case.oracle == Oracle::Accepts,
            "{}: the oracle {} `{}`",
            case.name,
            if accepted { "accepts" } else { "rejects" },
            program.display()
        );
        judged += 1;
    }
    if python && node {
        assert!(judged >= 15, "only {judged} files judged");
    }
}

/// Valid odd files and big-integer inputs give the records the real CPython / Node give
/// (run by the oracle harness on the same input).
#[test]
fn runs_give_the_records_of_cpython_and_node() {
    let python = tool_available("python3", "--version");
    let node = tool_available("node", "--version");
    let dir = std::env::temp_dir().join(format!("tracelab-diag-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut compared = 0;
    for case in CASES.iter().filter(|c| c.args[0] == "run" && c.exit == 0) {
        let program = program_of(case).expect("a run case has a program");
        if !(if is_python(&program) { python } else { node }) {
            continue;
        }
        let input = case
            .args
            .iter()
            .enumerate()
            .find_map(|(i, a)| match a.strip_prefix("--input") {
                Some("") => case.args.get(i + 1).copied(),
                Some(rest) => rest.strip_prefix('='),
                None => None,
            })
            .expect("a run case has an --input");
        let inputs = dir.join(format!("{}.jsonl", case.name));
        std::fs::write(&inputs, format!("{input}\n")).expect("write");
        let mut oracle = if is_python(&program) {
            let mut c = Command::new("python3");
            c.arg(root().join("oracle/harness.py"))
                .env("PYTHONHASHSEED", "0");
            c
        } else {
            let mut c = Command::new("node");
            c.arg(root().join("oracle/harness.js"));
            c
        };
        let expected = oracle
            .arg(&program)
            .arg(&inputs)
            .output()
            .expect("the oracle runs");
        assert!(expected.status.success(), "{}", stderr(&expected));
        let ours = tracelab(case.args);
        assert!(
            tracelab_runtime::outcome::records_agree(
                stdout(&expected).trim(),
                stdout(&ours).trim()
            ),
            "{}: CPython / Node say {}, tracelab says {}",
            case.name,
            stdout(&expected).trim(),
            stdout(&ours).trim()
        );
        compared += 1;
    }
    if python && node {
        assert!(compared >= 7, "only {compared} runs compared");
    }
}

/// The folder holds nothing that no case uses.
#[test]
fn every_file_of_the_folder_is_a_case() {
    let mut stack = vec![root().join(DIR)];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("the folder exists")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if !entry.file_name().to_string_lossy().starts_with('.') {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 20, "{files:?}");
    for file in files {
        let relative = file.strip_prefix(root()).expect("inside the workspace");
        let used = CASES.iter().any(|c| {
            c.args
                .iter()
                .any(|a| a.contains('/') && relative.starts_with(a))
        });
        assert!(used, "no case uses `{}`", relative.display());
    }
}

/// A write error on standard output is an error (exit 2 and a message), not a success with
/// the output lost.
#[test]
fn a_full_disk_is_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("\n!!! SKIPPED: no /dev/full on this system !!!\n");
        return;
    };
    for args in [
        &[
            "step",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input",
            "1",
        ][..],
        &[
            "run",
            "cli/tests/diagnostics/echo_plus_one.py",
            "--input",
            "1",
        ],
        &["rules"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tracelab"))
            .args(args)
            .current_dir(root())
            .stdout(full.try_clone().expect("clone"))
            .output()
            .expect("tracelab runs");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).starts_with("error: cannot write to standard output: "),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// A reader that goes away (`tracelab rules | head -1`) ends the command quietly, exit 0.
#[test]
fn a_closed_pipe_ends_quietly() {
    // The reader closes before the command writes anything.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracelab"))
        .arg("rules")
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tracelab runs");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    // The reader closes after one line of a long listing.
    let mut child = Command::new(env!("CARGO_BIN_EXE_tracelab"))
        .args([
            "step",
            "examples/trace/loop_sum/main.tl",
            "--input",
            r#"{"n": 2000}"#,
        ])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tracelab runs");
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().expect("piped")),
        &mut first,
    )
    .expect("a line");
    assert!(first.contains("E-"), "{first}");
    let out = child.wait_with_output().expect("it ends");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}
