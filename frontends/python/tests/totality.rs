//! The lexer, parser and lowering are total: no input panics, token spans are ordered
//! and in bounds, INDENT/DEDENT balance, and every lowered program is well-formed.

use proptest::prelude::*;
use tracelab_python::lexer::{Lexer, Tok};

fn check(src: &str) -> Result<(), TestCaseError> {
    let mut depth: i64 = 0;
    let mut last = 0;
    let mut lex_error = false;
    for t in Lexer::new(src) {
        match t {
            Ok((s, tok, e)) => {
                prop_assert!(s <= e && e <= src.len(), "span {s}..{e} out of bounds");
                prop_assert!(
                    s >= last || matches!(tok, Tok::Dedent | Tok::Newline),
                    "spans go backwards"
                );
                prop_assert!(src.is_char_boundary(s) && src.is_char_boundary(e));
                last = s;
                match tok {
                    Tok::Indent => depth += 1,
                    Tok::Dedent => depth -= 1,
                    _ => {}
                }
                prop_assert!(depth >= 0, "more DEDENTs than INDENTs");
            }
            Err(_) => lex_error = true,
        }
    }
    prop_assert!(depth == 0 || lex_error, "unbalanced indentation at the end");
    let _ = tracelab_python::parse(src);
    if let Ok(program) = tracelab_python::lower_program(src) {
        if let Err(errors) = tracelab_ir::wf::Checked::new(program) {
            return Err(TestCaseError::fail(format!(
                "ill-formed lowering of {src:?}: {errors:?}"
            )));
        }
    }
    Ok(())
}

/// Fragments of the subset (and outside it), glued at random.
fn soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "def ",
        "main",
        "(args)",
        ":",
        "\n",
        "    ",
        "\t",
        "if ",
        "else",
        "elif ",
        "while ",
        "for ",
        " in ",
        "return ",
        "x",
        " = ",
        "+",
        "-",
        "*",
        "/",
        "//",
        "%",
        "**",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        "1",
        "2.5",
        "'s'",
        "f'{x}'",
        "\"\"\"t\"\"\"",
        "lambda y: y",
        "try:",
        "except ",
        "finally:",
        "raise ",
        "break",
        "continue",
        "pass",
        "global x",
        "nonlocal x",
        "and ",
        "or ",
        "not ",
        "<",
        "==",
        "is ",
        "None",
        "True",
        "print(x)",
        "{'k': 1, 'k': 2}",
        "'k': ",
        "#c",
        "\\\n",
        "class ",
        "yield ",
        "import containerless",
        "x[1:2]",
        "del x[0]",
        "é",
        "\r\n",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode_never_panics(src in "\\PC{0,80}") {
        check(&src)?;
    }

    #[test]
    fn token_soups_never_panic(src in soup()) {
        check(&src)?;
    }

    #[test]
    fn programs_with_a_main_lower_to_well_formed_ir(body in soup()) {
        let src = format!("def main(args):\n    {body}\n");
        check(&src)?;
    }
}
