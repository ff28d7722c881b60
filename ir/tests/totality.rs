//! The parser is total: no input makes it panic, and every error span lies within the
//! input on character boundaries.

mod common;

use proptest::prelude::*;
use tracelab_ir::{parse_program, print_program};

/// Pieces of the syntax, so random sequences get past the lexer and deep into the grammar.
/// Every token of the syntax: its keywords and the rest.
fn tokens() -> Vec<&'static str> {
    tracelab_ir::text::lexer::KEYWORDS
        .iter()
        .chain(OTHER_TOKENS)
        .copied()
        .collect()
}

/// Tokens of the syntax besides its keywords ([`KEYWORDS`]), for token soups.
const OTHER_TOKENS: &[&str] = &[
    "dialect js;",
    "dialect py;",
    "js",
    "py",
    "-Infinity",
    ";",
    ",",
    ":",
    ".",
    "=",
    "->",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "x",
    "get",
    "log",
    "js.add",
    "str.concat",
    "py.is",
    "error.new",
    "1",
    "-2",
    "2.5",
    "1e21",
    "1.",
    "1e",
    "\"s\"",
    "\"\\u{41}\"",
    "\"\\q\"",
    "\"",
    "`a b`",
    "`",
    "é",
    "🎉",
    " ",
    "\n",
    "// c\n",
    "\\",
];

fn check(src: &str) -> Result<(), TestCaseError> {
    if let Err(errors) = parse_program(src) {
        prop_assert!(!errors.is_empty());
        for e in errors {
            let r = e.span.range();
            prop_assert!(
                r.start <= r.end && r.end <= src.len(),
                "{:?} out of bounds",
                e
            );
            prop_assert!(
                src.is_char_boundary(r.start) && src.is_char_boundary(r.end),
                "{:?}",
                e
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(common::config())]

    #[test]
    fn random_unicode(src in any::<String>()) {
        check(&src)?;
    }

    #[test]
    fn random_tokens(parts in prop::collection::vec(proptest::sample::select(tokens()), 0..40)) {
        check(&parts.join(" "))?;
        check(&parts.concat())?;
    }

    /// Printed programs, cut or spliced: nearly valid input that fails late.
    #[test]
    fn damaged_programs(p in common::program(), cut in any::<prop::sample::Index>(), junk in proptest::sample::select(tokens())) {
        let text = print_program(&p);
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        check(&text[..at])?;
        check(&format!("{}{junk}{}", &text[..at], &text[at..]))?;
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for open in ["(", "[", "{a: ", "throw ", "let x = ", "do { "] {
        let src = format!("dialect js; {}", open.repeat(100_000));
        let errors = parse_program(&src).expect_err("deep nesting is refused");
        assert!(errors[0].message.contains("nesting"), "{open}: {errors:?}");
    }
    let chain = format!("dialect js; x{}", ".f".repeat(100_000));
    assert!(parse_program(&chain).is_err());
}

#[test]
fn nesting_up_to_the_limit_parses_and_prints() {
    // One token per level is the worst case the nesting bound allows; the test thread's
    // small stack must still print, compare and drop it.
    let n = tracelab_ir::text::MAX_NESTING - 1;
    for src in [
        format!("dialect js; {}1{}", "[".repeat(n), "]".repeat(n)),
        format!("dialect js; {}1", "throw ".repeat(n)),
    ] {
        let p = parse_program(&src).expect("nesting within the limit parses");
        let stripped = tracelab_ir::strip_spans(&p);
        let back = parse_program(&print_program(&p)).map(|q| tracelab_ir::strip_spans(&q));
        assert_eq!(back, Ok(stripped));
    }
}
