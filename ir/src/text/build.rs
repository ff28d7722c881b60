//! Helpers for the grammar's actions: node construction and the checks the grammar
//! cannot express (primitive and event names, assignment targets).

use super::lexer::{LexError, Tok};
use crate::ast::{CaseBody, Dialect, EventKind, Expr, ExprKind, Float, GuardCase, LValue, Ty};
use crate::prim::PrimOp;
use crate::span::Span;
use lalrpop_util::ParseError;

pub type Error = ParseError<usize, Tok, LexError>;

fn error(message: String, l: usize, r: usize) -> Error {
    ParseError::User {
        error: LexError {
            message,
            span: l..r,
        },
    }
}

pub fn node(l: usize, r: usize, kind: ExprKind) -> Expr {
    Expr::with_span(kind, Span::new(l, r))
}

pub fn float(l: usize, r: usize, x: f64) -> Expr {
    node(l, r, ExprKind::Float { value: Float(x) })
}

pub fn dialect(name: &str, l: usize, r: usize) -> Result<Dialect, Error> {
    match name {
        "js" => Ok(Dialect::Js),
        "py" => Ok(Dialect::Py),
        _ => Err(error(
            format!("unknown dialect `{name}` (expected `js` or `py`)"),
            l,
            r,
        )),
    }
}

pub fn ty(name: &str, l: usize, r: usize) -> Result<Ty, Error> {
    Ty::from_name(name).ok_or_else(|| {
        error(
            format!("unknown type `{name}` (expected `bool`, `int`, `float` or `str`)"),
            l,
            r,
        )
    })
}

pub fn prim(ns: &str, op: &str, l: usize, r: usize) -> Result<PrimOp, Error> {
    let name = format!("{ns}.{op}");
    PrimOp::from_name(&name).ok_or_else(|| error(format!("unknown primitive `{name}`"), l, r))
}

pub fn event(name: &str, l: usize, r: usize) -> Result<EventKind, Error> {
    EventKind::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = EventKind::ALL.iter().map(|e| e.name()).collect();
        error(
            format!(
                "unknown event `{name}` (expected one of {})",
                known.join(", ")
            ),
            l,
            r,
        )
    })
}

/// `set` parses its target as a postfix expression, then keeps only assignable forms.
pub fn set(target: Expr, value: Expr, l: usize, r: usize) -> Result<Expr, Error> {
    let span = target.span.unwrap_or(Span::new(l, r));
    let target = match target.kind {
        ExprKind::Var { name } => LValue::Var { name },
        ExprKind::Get { object, field } => LValue::Field { object, field },
        ExprKind::Index { object, index } => LValue::Index { object, index },
        other => {
            let message = format!(
                "invalid assignment target: a `{}` expression (expected a variable, a field or an index)",
                other.tag()
            );
            return Err(error(message, span.start as usize, span.end as usize));
        }
    };
    Ok(node(
        l,
        r,
        ExprKind::Set {
            target,
            value: Box::new(value),
        },
    ))
}

pub fn call_case(func: String, mode: &str, l: usize, r: usize) -> Result<GuardCase, Error> {
    match mode {
        "call" => Ok(GuardCase {
            func,
            body: CaseBody::Call,
        }),
        _ => Err(error(
            format!("expected `call` or `inline (…) {{…}}`, found `{mode}`"),
            l,
            r,
        )),
    }
}

pub fn inline_case(
    func: String,
    mode: &str,
    clos: String,
    params: Vec<String>,
    body: Vec<Expr>,
    l: usize,
    r: usize,
) -> Result<GuardCase, Error> {
    match mode {
        "inline" => Ok(GuardCase {
            func,
            body: CaseBody::Inline { clos, params, body },
        }),
        _ => Err(error(format!("expected `inline`, found `{mode}`"), l, r)),
    }
}
