//! Small constructors for core IR, so the lowering reads like the code it emits.

use tracelab_ir::{EventKind, Expr, ExprKind, Float, LValue, PrimOp};

pub fn e(kind: ExprKind) -> Expr {
    Expr::new(kind)
}

pub fn undef() -> Expr {
    e(ExprKind::Undefined)
}

pub fn null() -> Expr {
    e(ExprKind::Null)
}

pub fn boolean(value: bool) -> Expr {
    e(ExprKind::Bool { value })
}

pub fn num(x: f64) -> Expr {
    e(ExprKind::Float { value: Float(x) })
}

pub fn string(s: &str) -> Expr {
    e(ExprKind::Str {
        value: s.to_string(),
    })
}

pub fn var(name: &str) -> Expr {
    e(ExprKind::Var {
        name: name.to_string(),
    })
}

pub fn let_(name: &str, value: Expr) -> Expr {
    e(ExprKind::Let {
        name: name.to_string(),
        value: Box::new(value),
    })
}

pub fn set_var(name: &str, value: Expr) -> Expr {
    e(ExprKind::Set {
        target: LValue::Var {
            name: name.to_string(),
        },
        value: Box::new(value),
    })
}

pub fn set(target: LValue, value: Expr) -> Expr {
    e(ExprKind::Set {
        target,
        value: Box::new(value),
    })
}

pub fn block(body: Vec<Expr>) -> Expr {
    if body.len() == 1 && !matches!(body[0].kind, ExprKind::Let { .. }) {
        return body.into_iter().next().expect("one element");
    }
    e(ExprKind::Block { body })
}

pub fn if_(cond: Expr, then: Vec<Expr>, otherwise: Vec<Expr>) -> Expr {
    e(ExprKind::If {
        cond: Box::new(cond),
        then,
        otherwise,
    })
}

pub fn while_(cond: Expr, body: Vec<Expr>) -> Expr {
    e(ExprKind::While {
        cond: Box::new(cond),
        body,
    })
}

pub fn label(name: &str, body: Vec<Expr>) -> Expr {
    e(ExprKind::Label {
        name: name.to_string(),
        body,
    })
}

pub fn break_(label: &str, value: Expr) -> Expr {
    e(ExprKind::Break {
        label: label.to_string(),
        value: Box::new(value),
    })
}

pub fn prim(op: PrimOp, args: Vec<Expr>) -> Expr {
    e(ExprKind::Prim { op, args })
}

pub fn truthy(c: Expr) -> Expr {
    match c.kind {
        ExprKind::Bool { .. } => c,
        ExprKind::Prim { op, .. } if returns_bool(op) => c,
        _ => prim(PrimOp::JsTruthy, vec![c]),
    }
}

/// Operators whose result is already a boolean, so a condition needs no `js.truthy`.
fn returns_bool(op: PrimOp) -> bool {
    use PrimOp::*;
    matches!(
        op,
        JsNot
            | JsTruthy
            | JsStrictEq
            | JsStrictNe
            | JsLooseEq
            | JsLooseNe
            | JsLt
            | JsLe
            | JsGt
            | JsGe
            | JsIsArray
            | JsIsString
    )
}

pub fn not(c: Expr) -> Expr {
    prim(PrimOp::JsNot, vec![c])
}

pub fn get(object: Expr, field: &str) -> Expr {
    e(ExprKind::Get {
        object: Box::new(object),
        field: field.to_string(),
    })
}

pub fn index(object: Expr, idx: Expr) -> Expr {
    e(ExprKind::Index {
        object: Box::new(object),
        index: Box::new(idx),
    })
}

pub fn call(callee: Expr, args: Vec<Expr>) -> Expr {
    e(ExprKind::Call {
        callee: Box::new(callee),
        args,
    })
}

pub fn clos(func: &str) -> Expr {
    e(ExprKind::Closure {
        func: func.to_string(),
    })
}

pub fn throw(value: Expr) -> Expr {
    e(ExprKind::Throw {
        value: Box::new(value),
    })
}

/// `throw new Kind(message)`.
pub fn throw_error(kind: &str, message: &str) -> Expr {
    throw(prim(PrimOp::ErrorNew, vec![string(kind), string(message)]))
}

pub fn event(event: EventKind, arg: Expr) -> Expr {
    e(ExprKind::Event {
        event,
        arg: Box::new(arg),
    })
}

pub fn register(event: EventKind, arg: Expr, callback: Expr) -> Expr {
    e(ExprKind::Register {
        event,
        arg: Box::new(arg),
        callback: Box::new(callback),
    })
}

/// Whether evaluating the expression can have no effect and always gives the same value,
/// so it may be evaluated again instead of being bound to a temporary.
pub fn is_pure(x: &Expr) -> bool {
    matches!(
        x.kind,
        ExprKind::Undefined
            | ExprKind::Null
            | ExprKind::Bool { .. }
            | ExprKind::Float { .. }
            | ExprKind::Int { .. }
            | ExprKind::Str { .. }
    ) || matches!(&x.kind, ExprKind::Var { name } if name.starts_with('%'))
}
