//! Proptest strategies for arbitrary programs, shared by the property tests.

use num_bigint::{BigInt, Sign};
use proptest::prelude::*;
use tracelab_ir::{
    CaseBody, Catch, Dialect, EventKind, Expr, ExprKind, Field, Float, FunDef, GuardCase, LValue,
    PrimOp, Program, Span, Ty,
};

/// Case count: modest by default, `PROPTEST_CASES` overrides it.
pub fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

use tracelab_ir::text::lexer::KEYWORDS;

const WEIRD: &[&str] = &[
    "",
    " ",
    "'ret",
    "a b",
    "héllo",
    "`",
    "\\",
    "a`b\\c",
    "🎉",
    "\n",
    "\u{0}",
    "-Infinity",
    "1x",
    "x.y",
    "//",
    "\"",
    "\u{7f}",
    "\u{2028}",
    "é",
];

pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z_$][A-Za-z0-9_$#]{0,5}",
        1 => proptest::sample::select(KEYWORDS.to_vec()).prop_map(String::from),
        1 => proptest::sample::select(WEIRD).prop_map(String::from),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z \"\\\\]{0,8}",
        proptest::sample::select(WEIRD).prop_map(String::from),
        any::<String>(),
    ]
}

fn int() -> impl Strategy<Value = BigInt> {
    prop_oneof![
        any::<i64>().prop_map(BigInt::from),
        (any::<bool>(), prop::collection::vec(any::<u32>(), 0..5)).prop_map(|(neg, digits)| {
            BigInt::new(if neg { Sign::Minus } else { Sign::Plus }, digits)
        }),
    ]
}

fn float() -> impl Strategy<Value = f64> {
    let edges = [
        0.0,
        -0.0,
        5e-324,
        -5e-324,
        1e21,
        1e-7,
        0.1,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
    ];
    // Only the canonical NaN: neither the text nor the JSON form carries NaN payloads.
    prop_oneof![
        any::<f64>().prop_map(|x| if x.is_nan() { f64::NAN } else { x }),
        proptest::sample::select(edges.to_vec()),
    ]
}

fn span() -> impl Strategy<Value = Option<Span>> {
    proptest::option::of((0u32..1000, 0u32..1000).prop_map(|(a, b)| Span {
        start: a.min(b),
        end: a.max(b),
    }))
}

fn event() -> impl Strategy<Value = EventKind> {
    proptest::sample::select(EventKind::ALL.to_vec())
}

fn leaf() -> impl Strategy<Value = ExprKind> {
    prop_oneof![
        Just(ExprKind::Undefined),
        Just(ExprKind::Null),
        any::<bool>().prop_map(|value| ExprKind::Bool { value }),
        int().prop_map(|value| ExprKind::Int { value }),
        float().prop_map(|x| ExprKind::Float { value: Float(x) }),
        string().prop_map(|value| ExprKind::Str { value }),
        name().prop_map(|name| ExprKind::Var { name }),
        name().prop_map(|func| ExprKind::Closure { func }),
        Just(ExprKind::Unknown),
    ]
}

fn with_span(kind: impl Strategy<Value = ExprKind>) -> impl Strategy<Value = Expr> {
    (kind, span()).prop_map(|(kind, span)| Expr { kind, span })
}

pub fn expr() -> impl Strategy<Value = Expr> {
    with_span(leaf()).prop_recursive(4, 48, 3, |e| {
        let block = prop::collection::vec(e.clone(), 0..3);
        let lvalue = prop_oneof![
            name().prop_map(|name| LValue::Var { name }),
            (e.clone(), name()).prop_map(|(o, field)| LValue::Field {
                object: Box::new(o),
                field
            }),
            (e.clone(), e.clone()).prop_map(|(o, i)| LValue::Index {
                object: Box::new(o),
                index: Box::new(i)
            }),
        ];
        let kind = prop_oneof![
            (name(), e.clone()).prop_map(|(name, v)| ExprKind::Let {
                name,
                value: Box::new(v)
            }),
            (lvalue, e.clone()).prop_map(|(target, v)| ExprKind::Set {
                target,
                value: Box::new(v)
            }),
            block.clone().prop_map(|body| ExprKind::Block { body }),
            (e.clone(), block.clone(), block.clone()).prop_map(|(c, then, otherwise)| {
                ExprKind::If {
                    cond: Box::new(c),
                    then,
                    otherwise,
                }
            }),
            (e.clone(), block.clone()).prop_map(|(c, body)| ExprKind::While {
                cond: Box::new(c),
                body
            }),
            (name(), block.clone()).prop_map(|(name, body)| ExprKind::Label { name, body }),
            (name(), e.clone()).prop_map(|(label, v)| ExprKind::Break {
                label,
                value: Box::new(v)
            }),
            prop::collection::vec((name(), e.clone()), 0..3).prop_map(|fs| ExprKind::Object {
                fields: fs
                    .into_iter()
                    .map(|(name, value)| Field { name, value })
                    .collect()
            }),
            block.clone().prop_map(|items| ExprKind::Array { items }),
            (e.clone(), name()).prop_map(|(o, field)| ExprKind::Get {
                object: Box::new(o),
                field
            }),
            (e.clone(), e.clone()).prop_map(|(o, i)| ExprKind::Index {
                object: Box::new(o),
                index: Box::new(i)
            }),
            (proptest::sample::select(PrimOp::ALL), block.clone())
                .prop_map(|(op, args)| ExprKind::Prim { op, args }),
            (e.clone(), block.clone()).prop_map(|(c, args)| ExprKind::Call {
                callee: Box::new(c),
                args
            }),
            e.clone()
                .prop_map(|v| ExprKind::Throw { value: Box::new(v) }),
            (
                block.clone(),
                proptest::option::of((name(), block.clone())),
                proptest::option::of(block.clone())
            )
                .prop_map(|(body, catch, finally)| ExprKind::Try {
                    body,
                    catch: catch.map(|(name, body)| Catch { name, body }),
                    finally
                }),
            (event(), e.clone()).prop_map(|(event, a)| ExprKind::Event {
                event,
                arg: Box::new(a)
            }),
            (event(), e.clone(), e.clone()).prop_map(|(event, a, c)| ExprKind::Register {
                event,
                arg: Box::new(a),
                callback: Box::new(c)
            }),
            (
                e.clone(),
                block.clone(),
                prop::collection::vec(
                    (
                        name(),
                        prop::option::of((
                            name(),
                            prop::collection::vec(name(), 0..3),
                            block.clone()
                        ))
                    ),
                    0..3
                )
            )
                .prop_map(|(c, args, cases)| ExprKind::Guard {
                    callee: Box::new(c),
                    args,
                    cases: cases
                        .into_iter()
                        .map(|(func, inline)| GuardCase {
                            func,
                            body: match inline {
                                None => CaseBody::Call,
                                Some((clos, params, body)) =>
                                    CaseBody::Inline { clos, params, body },
                            },
                        })
                        .collect(),
                }),
            (prop::sample::select(Ty::ALL.to_vec()), e.clone()).prop_map(|(ty, v)| {
                ExprKind::Typed {
                    ty,
                    value: Box::new(v),
                }
            }),
            (name(), e.clone(), name()).prop_map(|(name, c, capture)| ExprKind::Alias {
                name,
                closure: Box::new(c),
                capture
            }),
            (event(), e.clone(), e.clone(), name(), name(), block).prop_map(
                |(event, a, c, clos, param, body)| ExprKind::Callback {
                    event,
                    arg: Box::new(a),
                    callback: Box::new(c),
                    clos,
                    param,
                    body
                }
            ),
        ];
        with_span(kind)
    })
}

fn fundef() -> impl Strategy<Value = FunDef> {
    (
        name(),
        prop::collection::vec(name(), 0..3),
        prop::collection::vec(name(), 0..3),
        prop::collection::vec(expr(), 0..3),
        span(),
    )
        .prop_map(|(name, params, captures, body, span)| FunDef {
            name,
            params,
            captures,
            body,
            span,
        })
}

pub fn program() -> impl Strategy<Value = Program> {
    (
        prop_oneof![Just(Dialect::Js), Just(Dialect::Py)],
        prop::collection::vec(fundef(), 0..3),
        prop::collection::vec(expr(), 0..4),
    )
        .prop_map(|(dialect, functions, body)| Program {
            dialect,
            functions,
            body,
        })
}
