//! Every example and rule case: agreement with the recorded oracle, freshness of the
//! recordings, rule coverage, step listings, and reviewed snapshots of every record.

mod common;

use common::{
    example_dirs, program_of, root, stderr, stdout, tool_available, tracelab, EXAMPLE_ROOTS,
};

#[test]
fn every_example_agrees_with_its_recorded_oracle() {
    for dir in EXAMPLE_ROOTS {
        let out = tracelab(&["demo", "--examples", dir]);
        assert!(
            out.status.success(),
            "`tracelab demo --examples {dir}` disagrees:\n{}{}",
            stdout(&out),
            stderr(&out)
        );
        assert!(!stdout(&out).contains('✗'), "{}", stdout(&out));
    }
}

/// The recordings in `expected.jsonl` are what the real CPython / Node print today.
#[test]
fn recorded_oracles_are_current() {
    let python = tool_available("python3", "--version");
    let node = tool_available("node", "--version");
    let mut checked = 0;
    for base in EXAMPLE_ROOTS {
        for dir in example_dirs(&root().join(base)) {
            let Some(program) = ["main.py", "main.js", "twin.py", "twin.js"]
                .iter()
                .map(|f| dir.join(f))
                .find(|p| p.is_file())
            else {
                continue;
            };
            let is_py = program.extension().is_some_and(|e| e == "py");
            if (is_py && !python) || (!is_py && !node) {
                continue;
            }
            let mut cmd = if is_py {
                let mut c = std::process::Command::new("python3");
                c.arg(root().join("oracle/harness.py"))
                    .env("PYTHONHASHSEED", "0");
                c
            } else {
                let mut c = std::process::Command::new("node");
                c.arg(root().join("oracle/harness.js"));
                c
            };
            cmd.arg(&program).arg(dir.join("inputs.jsonl"));
            if dir.join("world.json").is_file() {
                cmd.arg(dir.join("world.json"));
            }
            let out = cmd.output().expect("the oracle harness runs");
            assert!(
                out.status.success(),
                "oracle failed on {}: {}",
                dir.display(),
                stderr(&out)
            );
            let expected =
                std::fs::read_to_string(dir.join("expected.jsonl")).unwrap_or_else(|_| {
                    panic!(
                        "{} has a program but no expected.jsonl: run oracle/record",
                        dir.display()
                    )
                });
            assert_eq!(
                stdout(&out),
                expected,
                "{}: expected.jsonl is stale; run `oracle/record {base}`",
                dir.display()
            );
            checked += 1;
        }
    }
    if python && node {
        assert!(checked >= 15, "only {checked} examples have an oracle twin");
    }
}

/// `step` names a rule of the table on every line, for every example.
#[test]
fn step_shows_a_rule_name_on_every_step() {
    let rules_out = stdout(&tracelab(&["rules"]));
    let table: Vec<&str> = rules_out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(table.len() > 50, "{rules_out}");
    for base in EXAMPLE_ROOTS {
        for dir in example_dirs(&root().join(base)) {
            let program = program_of(&dir).expect("example program");
            let inputs = std::fs::read_to_string(dir.join("inputs.jsonl")).expect("inputs");
            let input = inputs.lines().next().expect("an input");
            let mut args = vec![
                "step",
                program.to_str().expect("utf-8 path"),
                "--input",
                input,
                "--json",
                "--max-steps",
                "3000",
            ];
            let world = dir.join("world.json");
            if world.is_file() {
                args.extend(["--world", world.to_str().expect("utf-8 path")]);
            }
            let out = tracelab(&args);
            assert!(out.status.success(), "{}: {}", dir.display(), stderr(&out));
            let text = stdout(&out);
            let lines: Vec<&str> = text.lines().collect();
            let (record, steps) = lines.split_last().expect("output");
            let is_record = ["{\"ok\"", "{\"error\"", "{\"unknown\"", "{\"limit\""]
                .iter()
                .any(|k| record.starts_with(k));
            assert!(is_record, "last line is the record: {record}");
            assert!(!steps.is_empty());
            for line in steps {
                let step: serde_json::Value = serde_json::from_str(line).expect("a JSON step");
                if step.get("note").is_some() {
                    continue;
                }
                let rule = step["rule"].as_str().expect("rule");
                assert!(
                    table.contains(&rule),
                    "{}: rule {rule} is not in the table",
                    dir.display()
                );
            }
        }
    }
}

/// One reviewed snapshot per example that has no oracle (limits, hand-written traces): each
/// input and its record, as a user sees it. Examples with an oracle are checked against it.
#[test]
fn records_of_examples_without_an_oracle() {
    for base in EXAMPLE_ROOTS {
        for dir in example_dirs(&root().join(base)) {
            let has_oracle = ["main.py", "main.js", "twin.py", "twin.js"]
                .iter()
                .any(|f| dir.join(f).is_file());
            if has_oracle {
                continue;
            }
            let program = program_of(&dir).expect("example program");
            let mut text = String::new();
            for input in std::fs::read_to_string(dir.join("inputs.jsonl"))
                .expect("inputs")
                .lines()
            {
                let mut args = vec!["run", program.to_str().expect("utf-8"), "--input", input];
                let world = dir.join("world.json");
                if world.is_file() {
                    args.extend(["--world", world.to_str().expect("utf-8")]);
                }
                let out = tracelab(&args);
                assert!(out.status.success(), "{}: {}", dir.display(), stderr(&out));
                text.push_str(&format!("{input}\n  → {}", stdout(&out)));
            }
            let name = dir
                .strip_prefix(root())
                .expect("inside the workspace")
                .display()
                .to_string()
                .replace('/', "__");
            insta::assert_snapshot!(name, text);
        }
    }
}

/// `diff` agrees on every example: the trace tree built from the first half of the inputs
/// gives the source outcome on those and the source outcome or `unknown` on the rest, and
/// the source agrees with the real CPython / Node run live (when installed). Each example
/// builds a crate of its own, so the quick tier runs `diff` on every fifth example (the
/// `demo` test puts every example through every engine in one crate, and the recorded
/// oracles are checked to be current); `TRACELAB_FULL=1` runs it on all of them.
#[test]
fn diff_agrees_on_every_example() {
    tool_available("python3", "--version");
    tool_available("node", "--version");
    let full = std::env::var("TRACELAB_FULL").is_ok_and(|v| v != "0" && !v.is_empty());
    let mut checked = 0;
    for base in EXAMPLE_ROOTS {
        for (i, dir) in example_dirs(&root().join(base)).into_iter().enumerate() {
            if !full && i % 5 != 0 {
                continue;
            }
            let program = program_of(&dir).expect("example program");
            let inputs = dir.join("inputs.jsonl");
            let n = std::fs::read_to_string(&inputs)
                .expect("inputs")
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            let train = n.div_ceil(2).to_string();
            let mut args = vec![
                "diff",
                program.to_str().expect("utf-8"),
                "--inputs",
                inputs.to_str().expect("utf-8"),
                "--train",
                &train,
                "--json",
            ];
            let world = dir.join("world.json");
            if world.is_file() {
                args.extend(["--world", world.to_str().expect("utf-8")]);
            }
            let out = tracelab(&args);
            assert!(
                out.status.success(),
                "{}: diff disagrees:\n{}{}",
                dir.display(),
                stdout(&out),
                stderr(&out)
            );
            // Python records may hold `NaN`/`Infinity` (as json.dumps writes them), so the
            // lines are checked for their columns, not parsed.
            let lines = stdout(&out);
            assert_eq!(
                lines.lines().count(),
                n,
                "{}: one line per input",
                dir.display()
            );
            for line in lines.lines() {
                for column in [
                    "{\"input\": ",
                    ", \"source\": ",
                    ", \"trace\": ",
                    ", \"rust\": ",
                    ", \"oracle\": ",
                ] {
                    assert!(
                        line.contains(column),
                        "{}: no `{column}` in {line}",
                        dir.display()
                    );
                }
            }
            checked += 1;
        }
    }
    let least = if full { 40 } else { 8 };
    assert!(checked >= least, "only {checked} examples");
}

/// Reviewed snapshots of the trace trees of the core `.tl` examples, and their DOT renders
/// with Graphviz.
#[test]
fn traces_of_the_trace_examples() {
    let dot = tool_available("dot", "-V");
    for dir in example_dirs(&root().join("examples/trace")) {
        let program = program_of(&dir).expect("example program");
        let check = stdout(&tracelab(&["check", program.to_str().expect("utf-8")]));
        if check.contains("a well-formed trace") {
            continue;
        }
        let inputs = dir.join("inputs.jsonl");
        let mut args = vec![
            "trace",
            program.to_str().expect("utf-8"),
            "--inputs",
            inputs.to_str().expect("utf-8"),
        ];
        let world = dir.join("world.json");
        if world.is_file() {
            args.extend(["--world", world.to_str().expect("utf-8")]);
        }
        let out = tracelab(&args);
        assert!(out.status.success(), "{}: {}", dir.display(), stderr(&out));
        let name = format!(
            "trace__{}",
            dir.file_name().expect("name").to_string_lossy()
        );
        insta::assert_snapshot!(name, stdout(&out));
        if dot {
            let mut with_dot = args.clone();
            with_dot.extend(["--format", "dot"]);
            let graph = tracelab(&with_dot);
            assert!(graph.status.success());
            let mut child = std::process::Command::new("dot")
                .arg("-Tsvg")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("dot runs");
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(&graph.stdout)
                .expect("write DOT");
            let svg = child.wait_with_output().expect("dot finishes");
            assert!(
                svg.status.success(),
                "{}: dot rejected the graph: {}",
                dir.display(),
                stderr(&svg)
            );
            assert!(
                String::from_utf8_lossy(&svg.stdout).contains("<svg"),
                "no SVG"
            );
        }
    }
}

/// `diff` gives the real CPython / Node a time-out derived from the fuel: an input that loops
/// forever is killed and recorded as `{"limit": "time"}` (agreeing with the source's fuel
/// limit), and the inputs after it are still answered.
#[test]
fn diff_gives_the_oracle_a_time_out() {
    let dir = root().join("cli/tests/oracle_time_out");
    for (program, interpreter) in [("spin.py", "python3"), ("spin.js", "node")] {
        if !tool_available(interpreter, "--version") {
            continue;
        }
        let out = tracelab(&[
            "diff",
            dir.join(program).to_str().expect("utf-8"),
            "--inputs",
            dir.join("inputs.jsonl").to_str().expect("utf-8"),
            "--fuel",
            "1000",
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{program}: {}", stderr(&out));
        let oracle: Vec<String> = stdout(&out)
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
                v["oracle"].to_string()
            })
            .collect();
        assert_eq!(
            oracle,
            [r#"{"ok":2}"#, r#"{"limit":"time"}"#, r#"{"ok":6}"#],
            "{program}"
        );
    }
}
