//! Data-driven tests of the `.tl` syntax: every file under `syntax/ok` must parse and
//! round-trip through the printer; every file under `syntax/err` must fail. The snapshot
//! shows the source and the printed program or the errors.
//!
//! Regenerate with `INSTA_UPDATE=always cargo test -p tracelab-ir --test syntax` (or
//! `cargo insta test`), then read every changed `.snap` before committing it.

use std::fmt::Write;
use tracelab_ir::{parse_program, print_program, strip_spans};

#[test]
fn ok_cases() {
    insta::glob!("syntax/ok/*.tl", |path| {
        let src = std::fs::read_to_string(path).expect("test case is readable UTF-8");
        let program = match parse_program(&src) {
            Ok(p) => p,
            Err(errors) => panic!("{}: {errors:?}", path.display()),
        };
        let printed = print_program(&program);
        let reparsed = parse_program(&printed).map(|p| strip_spans(&p));
        assert_eq!(reparsed, Ok(strip_spans(&program)), "{}", path.display());
        // Printing is a fixed point once spans are gone.
        assert_eq!(print_program(&strip_spans(&program)), printed);
        insta::assert_snapshot!(format!("----- SOURCE\n{src}\n----- PRINTED\n{printed}"));
    });
}

#[test]
fn err_cases() {
    insta::glob!("syntax/err/*.tl", |path| {
        let src = std::fs::read_to_string(path).expect("test case is readable UTF-8");
        let errors = match parse_program(&src) {
            Ok(p) => panic!("{}: parsed, but should fail: {p:?}", path.display()),
            Err(errors) => errors,
        };
        let mut out = format!("----- SOURCE\n{src}\n----- ERRORS\n");
        for e in &errors {
            let range = e.span.range();
            let text = src
                .get(range.clone())
                .expect("error spans lie on char boundaries");
            writeln!(
                out,
                "{}..{} {:?}: {}",
                range.start, range.end, text, e.message
            )
            .unwrap();
            if !e.expected.is_empty() {
                writeln!(out, "  expected: {}", e.expected.join(" ")).unwrap();
            }
        }
        insta::assert_snapshot!(out);
    });
}
