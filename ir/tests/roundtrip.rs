//! Round trips: text (print, then parse) and JSON (write, then read) for arbitrary programs.

mod common;

use proptest::prelude::*;
use tracelab_ir::json::{program_from_json, program_to_json};
use tracelab_ir::{
    parse_program, print_program, strip_spans, CaseBody, Catch, Dialect, EventKind, Expr, ExprKind,
    Field, Float, FunDef, GuardCase, LValue, PrimOp, Program, Span, Ty, EXPR_TAGS,
};

proptest! {
    #![proptest_config(common::config())]

    #[test]
    fn text_round_trip(p in common::program()) {
        let text = print_program(&p);
        let back = parse_program(&text).map(|q| strip_spans(&q));
        prop_assert_eq!(back, Ok(strip_spans(&p)), "printed:\n{}", text);
    }

    #[test]
    fn json_round_trip(p in common::program()) {
        let json = program_to_json(&p);
        prop_assert_eq!(program_from_json(&json), Ok(p), "json:\n{}", json);
    }
}

fn e(kind: ExprKind) -> Expr {
    Expr::with_span(kind, Span::new(1, 2))
}

fn b(kind: ExprKind) -> Box<Expr> {
    Box::new(e(kind))
}

fn var(name: &str) -> Box<Expr> {
    b(ExprKind::Var { name: name.into() })
}

/// One program with every expression form.
fn every_form() -> Program {
    let body = vec![
        e(ExprKind::Undefined),
        e(ExprKind::Null),
        e(ExprKind::Bool { value: true }),
        e(ExprKind::Int {
            value: "123456789012345678901234567890".parse().expect("literal"),
        }),
        e(ExprKind::Float {
            value: Float(f64::NAN),
        }),
        e(ExprKind::Str {
            value: "s\u{0}".into(),
        }),
        e(ExprKind::Let {
            name: "x".into(),
            value: var("y"),
        }),
        e(ExprKind::Set {
            target: LValue::Var { name: "x".into() },
            value: var("y"),
        }),
        e(ExprKind::Set {
            target: LValue::Field {
                object: var("o"),
                field: "f".into(),
            },
            value: var("y"),
        }),
        e(ExprKind::Set {
            target: LValue::Index {
                object: var("o"),
                index: var("i"),
            },
            value: var("y"),
        }),
        e(ExprKind::Block { body: vec![] }),
        e(ExprKind::If {
            cond: var("c"),
            then: vec![*var("a")],
            otherwise: vec![],
        }),
        e(ExprKind::While {
            cond: var("c"),
            body: vec![],
        }),
        e(ExprKind::Label {
            name: "l".into(),
            body: vec![e(ExprKind::Break {
                label: "l".into(),
                value: var("v"),
            })],
        }),
        e(ExprKind::Object {
            fields: vec![Field {
                name: "a b".into(),
                value: *var("v"),
            }],
        }),
        e(ExprKind::Array {
            items: vec![*var("v")],
        }),
        e(ExprKind::Get {
            object: var("o"),
            field: "f".into(),
        }),
        e(ExprKind::Index {
            object: var("o"),
            index: var("i"),
        }),
        e(ExprKind::Prim {
            op: PrimOp::JsAdd,
            args: vec![*var("a"), *var("b")],
        }),
        e(ExprKind::Call {
            callee: b(ExprKind::Closure { func: "f".into() }),
            args: vec![],
        }),
        e(ExprKind::Throw { value: var("v") }),
        e(ExprKind::Try {
            body: vec![],
            catch: Some(Catch {
                name: "err".into(),
                body: vec![],
            }),
            finally: Some(vec![]),
        }),
        e(ExprKind::Event {
            event: EventKind::Log,
            arg: var("v"),
        }),
        e(ExprKind::Register {
            event: EventKind::Get,
            arg: var("u"),
            callback: var("cb"),
        }),
        e(ExprKind::Unknown),
        e(ExprKind::Guard {
            callee: var("f"),
            args: vec![*var("a")],
            cases: vec![
                GuardCase {
                    func: "f".into(),
                    body: CaseBody::Call,
                },
                GuardCase {
                    func: "g".into(),
                    body: CaseBody::Inline {
                        clos: "c".into(),
                        params: vec!["p".into()],
                        body: vec![*var("p")],
                    },
                },
            ],
        }),
        e(ExprKind::Alias {
            name: "x".into(),
            closure: var("c"),
            capture: "x".into(),
        }),
        e(ExprKind::Callback {
            event: EventKind::Get,
            arg: var("u"),
            callback: var("cb"),
            clos: "c".into(),
            param: "p".into(),
            body: vec![],
        }),
        e(ExprKind::Typed {
            ty: Ty::Float,
            value: var("z"),
        }),
    ];
    let f = FunDef {
        name: "f".into(),
        params: vec!["a".into()],
        captures: vec!["b".into()],
        body: vec![],
        span: Some(Span::new(0, 3)),
    };
    Program {
        dialect: Dialect::Py,
        functions: vec![f],
        body,
    }
}

#[test]
fn every_tag_round_trips_through_json_and_text() {
    let p = every_form();
    let json = program_to_json(&p);
    assert_eq!(program_from_json(&json), Ok(p.clone()));
    for tag in EXPR_TAGS {
        assert!(
            json.contains(&format!("\"kind\": \"{tag}\"")),
            "tag `{tag}` missing from the JSON"
        );
    }
    let text = print_program(&p);
    assert_eq!(
        parse_program(&text).map(|q| strip_spans(&q)),
        Ok(strip_spans(&p)),
        "{text}"
    );
}
