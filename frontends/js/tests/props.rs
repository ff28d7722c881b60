//! Totality: no text makes the lexer, parser or lowering panic, and every program that
//! lowers passes the well-formedness checker.

use proptest::prelude::*;
use tracelab_ir::wf;

const TOKENS: &[&str] = &[
    "let",
    "const",
    "var",
    "function",
    "return",
    "if",
    "else",
    "while",
    "do",
    "for",
    "of",
    "break",
    "continue",
    "try",
    "catch",
    "finally",
    "throw",
    "new",
    "typeof",
    "true",
    "false",
    "null",
    "undefined",
    "x",
    "y",
    "f",
    "main",
    "input",
    "console",
    "log",
    "Math",
    "floor",
    "require",
    "'containerless'",
    "containerless",
    "listen",
    "respond",
    "push",
    "map",
    "reduce",
    "length",
    "0",
    "1",
    "2.5",
    "\"s\"",
    "'é'",
    "`t${x}`",
    "`",
    "${",
    "}",
    "{",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    ".",
    ":",
    "?",
    "??",
    "=>",
    "=",
    "+=",
    "-=",
    "==",
    "===",
    "!=",
    "!==",
    "<",
    "<=",
    ">",
    ">=",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "++",
    "--",
    "!",
    "&&",
    "||",
    "\n",
    "class",
    "this",
    "...",
    "lbl:",
    "/*c*/",
    "// c\n",
    "é",
    "😀",
];

fn check(source: &str) {
    if let Ok(program) = tracelab_js::lower_program(source) {
        if let Err(errors) = wf::Checked::new(program) {
            panic!("ill-formed lowering of {source:?}: {errors:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,80}") {
        check(&source);
    }

    #[test]
    fn token_soup_never_panics(tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..40)) {
        check(&tokens.join(" "));
    }

    #[test]
    fn statement_soup_never_panics(stmts in prop::collection::vec(prop::sample::select(&[
        "let x = 1;", "x = x + 1;", "function f(a) { return a + x; }", "const g = (a) => f(a) * 2;",
        "if (x) { x++; } else { x--; }", "while (x < 3) { x += 1; if (x === 2) break; }",
        "for (let i = 0; i < 2; i++) { console.log(i, [i], {i}); }", "for (const c of 'ab') { continue; }",
        "try { throw new Error('e'); } catch (e) { x = e.message; } finally { x = 0; }",
        "function main(p) { return [x, p, f(1)]; }", "let o = { a: [1, 2], [x]: 3 };", "o.a.push(o.a.length);",
        "x = typeof y;", "let s = `v=${x}`.slice(1);", "{ let x = 2; }", "y = 1;", "let y;",
    ][..]), 0..12)) {
        check(&stmts.join("\n"));
    }
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("let x = {}1{};", "(".repeat(5000), ")".repeat(5000));
    assert!(tracelab_js::lower_program(&deep).is_err());
    let deep_unary = format!("let x = {}1;", "-".repeat(5000));
    check(&deep_unary);
}

#[test]
fn long_programs_without_semicolons_are_accepted() {
    let body: String = (0..300)
        .map(|i| format!("  let v{i} = x + {i}\n  x = v{i} * 2\n"))
        .collect();
    let source = format!("function main(p) {{\n  let x = 1\n{body}  return x\n}}\n");
    let program =
        tracelab_js::lower_program(&source).expect("a long function without semicolons lowers");
    wf::Checked::new(program).expect("well-formed");
}
