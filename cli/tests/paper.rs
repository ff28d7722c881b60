//! `tracelab paper` writes LaTeX that compiles: a small document includes both tables.

mod common;

use common::{stderr, tool_available, tracelab};

#[test]
fn paper_tables_compile_with_pdflatex() {
    let dir = std::env::temp_dir().join(format!("tracelab-paper-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = tracelab(&["paper", "-o", dir.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    for file in ["grammar.tex", "rules.tex", "rules.md"] {
        assert!(dir.join(file).is_file(), "{file} was not written");
    }
    let rules = std::fs::read_to_string(dir.join("rules.tex")).expect("rules.tex");
    assert!(
        rules.contains("E-If-True") && rules.contains("\\inferrule"),
        "{rules}"
    );
    if !tool_available("pdflatex", "--version") {
        return;
    }
    let doc = "\\documentclass{article}\n\\usepackage{amsmath,amssymb,mathpartir}\n\\usepackage[margin=1.5cm]{geometry}\n\
               \\begin{document}\n\\input{grammar.tex}\n\\input{rules.tex}\n\\end{document}\n";
    std::fs::write(dir.join("doc.tex"), doc).expect("write doc.tex");
    let out = std::process::Command::new("pdflatex")
        .args(["-interaction=nonstopmode", "-halt-on-error", "doc.tex"])
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
    assert!(dir.join("doc.pdf").is_file());
}
