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

/// Statements of the subset, as lines of `main`'s body (nested lines indented further).
fn statement() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "x = 1",
        "y = x + 2.5",
        "if x:\n        y = x\n    elif y:\n        pass\n    else:\n        x = -x",
        "for i in range(3):\n        x += i\n        if i == 1:\n            continue",
        "for k, v in {'a': 1}.items():\n        y = k * v",
        "def g(a, b=2):\n        return a + b + x",
        "y = g(1) if x else 0",
        "try:\n        x = [1][2]\n    except IndexError as e:\n        x = str(e)\n    finally:\n        y = 0",
        "while x < 3:\n        x += 1\n        if x == 2:\n            break\n    else:\n        y = 1",
        "print(x, y, sep=',')",
        "z = [v * 2 for v in range(3) if v]",
        "w = {'a': x, 'b': [1, 2]}",
        "x, y = y, x",
        "del w['a']",
        "f = lambda q: q + y",
        "s = f'{x!r:>4} {y}'",
        "assert x != 5, 'five'",
        "raise ValueError('no')",
        "m = max([x, y], key=abs)",
        "def h():\n        nonlocal x\n        x = 2\n    h()",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn subset_programs_lower_to_well_formed_ir(stmts in prop::collection::vec(statement(), 0..8)) {
        let body: String = stmts.iter().map(|s| format!("    {s}\n")).collect();
        let src = format!("def main(args):\n    x = 0\n    y = 0\n{body}    return x\n");
        let program = tracelab_python::lower_program(&src)
            .map_err(|d| TestCaseError::fail(format!("{src}\n{d:?}")))?;
        if let Err(errors) = tracelab_ir::wf::Checked::new(program) {
            return Err(TestCaseError::fail(format!("{src}\n{errors:?}")));
        }
    }
}
