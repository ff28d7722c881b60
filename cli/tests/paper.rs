//! `tracelab paper` writes LaTeX that compiles: the paper skeleton `paper/main.tex`
//! includes both tables from its `generated/` folder.

mod common;

use common::{stderr, tool_available, tracelab};

#[test]
fn paper_tables_compile_with_pdflatex() {
    let dir = std::env::temp_dir().join(format!("tracelab-paper-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let generated = dir.join("generated");
    let out = tracelab(&["paper", "-o", generated.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["grammar.tex", "rules.tex", "rules.md"] {
        assert!(generated.join(file).is_file(), "{file} was not written");
    }
    let rules = std::fs::read_to_string(generated.join("rules.tex")).expect("rules.tex");
    assert!(
        rules.contains("E-If-True") && rules.contains("\\inferrule"),
        "{rules}"
    );
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
