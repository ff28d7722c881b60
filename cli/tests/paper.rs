//! `tracelab paper` writes LaTeX that compiles: the paper skeleton `paper/main.tex`
//! includes the tables from its `generated/` folder, and the results table of a
//! `tracelab bench --json` file (`cli/tests/paper/bench.json`: two benchmarks of a real run).

mod common;

use common::{stderr, tool_available, tracelab};

#[test]
fn paper_tables_compile_with_pdflatex() {
    let dir = std::env::temp_dir().join(format!("tracelab-paper-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let generated = dir.join("generated");
    let bench = common::root().join("cli/tests/paper/bench.json");
    let out = tracelab(&[
        "paper",
        "-o",
        generated.to_str().expect("utf-8"),
        "--results",
        bench.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["grammar.tex", "rules.tex", "rules.md", "results.tex"] {
        assert!(generated.join(file).is_file(), "{file} was not written");
    }
    let rules = std::fs::read_to_string(generated.join("rules.tex")).expect("rules.tex");
    assert!(
        rules.contains("E-If-True") && rules.contains("\\inferrule"),
        "{rules}"
    );
    let results = std::fs::read_to_string(generated.join("results.tex")).expect("results.tex");
    insta::assert_snapshot!(results);
    if !tool_available("pdflatex", "--version") {
        return;
    }
    std::fs::copy(common::root().join("paper/main.tex"), dir.join("main.tex"))
        .expect("copy the paper skeleton");
    let out = std::process::Command::new("pdflatex")
        .args(["-interaction=nonstopmode", "-halt-on-error", "main.tex"])
        .current_dir(&dir)
        .output()
        .expect("pdflatex runs");
    assert!(
        out.status.success(),
        "pdflatex failed:\n{}",
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .rev()
            .take(30)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(dir.join("main.pdf").is_file());
}

#[test]
fn a_results_file_that_is_not_from_bench_is_refused_and_nothing_is_written() {
    let dir = std::env::temp_dir().join(format!("tracelab-paper-bad-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "[1, 2]").expect("write");
    let generated = dir.join("generated");
    let out = tracelab(&[
        "paper",
        "-o",
        generated.to_str().expect("utf-8"),
        "--results",
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no `rows` list"), "{}", stderr(&out));
    assert!(!generated.exists(), "a bad results file must write nothing");
}
