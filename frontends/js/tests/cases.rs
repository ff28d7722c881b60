//! Data-driven cases: every `cases/ok/*.js` lowers without diagnostics to a program the
//! well-formedness checker accepts; every `cases/err/*.js` gives diagnostics, snapshotted
//! rendered as plain text (kind, span, message, label, notes, and the source line).

use std::path::Path;
use tracelab_ir::{wf, Diagnostic};

fn render(source: &str, diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let start = d.span.start as usize;
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line_no = source[..start].matches('\n').count() + 1;
        let col = source[line_start..start].chars().count();
        let width = source[start..(d.span.end as usize).min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        out.push_str(&format!(
            "{:?} [{}..{}] {}\n",
            d.kind, d.span.start, d.span.end, d.message
        ));
        out.push_str(&format!(
            "  {line_no} | {}\n",
            &source[line_start..line_end]
        ));
        out.push_str(&format!(
            "  {} | {}{} {}\n",
            " ".repeat(line_no.to_string().len()),
            " ".repeat(col),
            "^".repeat(width),
            d.label
        ));
        for n in &d.notes {
            out.push_str(&format!("  note: {n}\n"));
        }
    }
    out
}

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(dir);
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("the cases folder exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "js"))
        .collect();
    v.sort();
    v
}

#[test]
fn ok_cases_lower_to_well_formed_programs() {
    let cases = files("ok");
    assert!(cases.len() >= 5);
    for path in cases {
        let source = std::fs::read_to_string(&path).expect("readable");
        match tracelab_js::lower_program(&source) {
            Ok(program) => {
                if let Err(errors) = wf::Checked::new(program) {
                    panic!("{}: ill-formed lowering: {errors:?}", path.display());
                }
            }
            Err(d) => panic!(
                "{}: unexpected diagnostics:\n{}",
                path.display(),
                render(&source, &d)
            ),
        }
    }
}

#[test]
fn err_cases_give_diagnostics() {
    let cases = files("err");
    assert!(cases.len() >= 10);
    for path in cases {
        let source = std::fs::read_to_string(&path).expect("readable");
        let diags = match tracelab_js::lower_program(&source) {
            Ok(_) => panic!("{}: expected diagnostics", path.display()),
            Err(d) => d,
        };
        for d in &diags {
            assert!(
                source.is_char_boundary(d.span.start as usize)
                    && source.is_char_boundary(d.span.end as usize)
            );
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a file name")
            .to_string();
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("err", render(&source, &diags));
        });
    }
}

/// The lowered IR of small programs, to review how constructs lower.
#[test]
fn lowered_ir_snapshots() {
    for name in ["openwhisk", "containerless"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cases/ok/{name}.js"));
        let source = std::fs::read_to_string(&path).expect("readable");
        let program = tracelab_js::lower_program(&source).expect("lowers");
        let text = tracelab_ir::print_program(&tracelab_ir::strip_spans(&program));
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("ir", text);
        });
    }
    let snippets = [
        (
            "for_let_closure",
            "let fs = [];\nfor (let i = 0; i < 2; i++) { fs.push(() => i); }\n",
        ),
        (
            "method_call",
            "function main(p) { return p.xs.indexOf(p.x); }\n",
        ),
        (
            "tdz_closure",
            "function f() { total += 1; return total; }\nf();\nlet total = 0;\n",
        ),
        (
            "tdz_and_logical",
            "function main(p) { let a = b; let b = p.x ?? 1; return a && b; }\n",
        ),
    ];
    for (name, source) in snippets {
        let program = tracelab_js::lower_program(source).expect("lowers");
        let text = tracelab_ir::print_program(&tracelab_ir::strip_spans(&program));
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("ir", text);
        });
    }
}

/// Every prelude function lowers to a well-formed program.
#[test]
fn the_whole_prelude_lowers() {
    let source = "function main(p) { let a = [3, 1, 2]; let f = x => x; \
        return [a.map(f), a.filter(f), a.forEach(f), a.find(f), a.findIndex(f), a.some(f), a.every(f), \
        a.reduce(f), a.reduce(f, 0), a.sort(f), a.sort(), a.map(Number), a.map(String), a.map(Boolean), \
        a.map(parseInt), a.map(parseFloat), a.map(isNaN)]; }";
    let program = tracelab_js::lower_program(source).expect("lowers");
    assert!(program.functions.iter().any(|f| f.name == "%map"));
    wf::Checked::new(program).expect("well-formed");
}
