//! Data-driven cases: `cases/ok/*.py` must lower without diagnostics (and pass the
//! well-formedness checker); `cases/err/*.py` must give diagnostics. Each case has one
//! snapshot: the token stream (indentation cases) or the diagnostics rendered.
//! Regenerate with `cargo insta test -p tracelab-python` and review with `cargo insta review`.

mod common;

use std::fmt::Write;
use tracelab_python::lexer::{Lexer, Tok};

fn tokens(source: &str) -> String {
    let mut out = String::new();
    for t in Lexer::new(source) {
        match t {
            Ok((s, tok, e)) => {
                let shown = match tok {
                    Tok::Newline => "NEWLINE".to_string(),
                    Tok::Indent => "INDENT".to_string(),
                    Tok::Dedent => "DEDENT".to_string(),
                    other => format!("{other:?}"),
                };
                writeln!(out, "{s}..{e} {shown}").unwrap();
            }
            Err(e) => writeln!(out, "error {:?}: {}", e.span, e.message).unwrap(),
        }
    }
    out
}

#[test]
fn corpus() {
    insta::glob!("cases/**/*.py", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let expect_ok = path.components().any(|c| c.as_os_str() == "ok");
        let mut out = String::new();
        match tracelab_python::lower_program(&source) {
            Ok(program) => {
                assert!(expect_ok, "{} lowered without diagnostics", path.display());
                if let Err(errors) = tracelab_ir::wf::Checked::new(program) {
                    panic!("{}: ill-formed lowering: {errors:?}", path.display());
                }
                writeln!(out, "--- tokens\n{}", tokens(&source)).unwrap();
            }
            Err(diagnostics) => {
                assert!(!expect_ok, "{}: {diagnostics:?}", path.display());
                writeln!(out, "--- diagnostics").unwrap();
                for d in &diagnostics {
                    out.push_str(&common::render(d, &source));
                }
            }
        }
        insta::assert_snapshot!(out);
    });
}
