//! Whole-tree traversals over the AST.

use crate::ast::{CaseBody, Catch, Expr, ExprKind, Field, GuardCase, LValue, Program};

/// The direct sub-expressions of an expression kind, in source order, shared by the shared
/// and the mutable traversal (`$iter` is `iter` or `iter_mut`; match ergonomics give `&` or
/// `&mut` bindings to match the scrutinee).
macro_rules! each_child {
    ($kind:expr, $f:expr, $iter:ident) => {{
        let f = $f;
        match $kind {
            ExprKind::Undefined
            | ExprKind::Null
            | ExprKind::Bool { .. }
            | ExprKind::Int { .. }
            | ExprKind::Float { .. }
            | ExprKind::Str { .. }
            | ExprKind::Var { .. }
            | ExprKind::Closure { .. }
            | ExprKind::Unknown => {}
            ExprKind::Let { value, .. }
            | ExprKind::Throw { value }
            | ExprKind::Typed { value, .. }
            | ExprKind::Break { value, .. } => f(value),
            ExprKind::Set { target, value } => {
                match target {
                    LValue::Var { .. } => {}
                    LValue::Field { object, .. } => f(object),
                    LValue::Index { object, index } => {
                        f(object);
                        f(index);
                    }
                }
                f(value);
            }
            ExprKind::Block { body }
            | ExprKind::Label { body, .. }
            | ExprKind::Array { items: body }
            | ExprKind::Prim { args: body, .. } => body.$iter().for_each(|c| f(c)),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                f(cond);
                then.$iter().for_each(|c| f(c));
                otherwise.$iter().for_each(|c| f(c));
            }
            ExprKind::While { cond, body } => {
                f(cond);
                body.$iter().for_each(|c| f(c));
            }
            ExprKind::Object { fields } => {
                for Field { value, .. } in fields.$iter() {
                    f(value);
                }
            }
            ExprKind::Get { object, .. } => f(object),
            ExprKind::Index { object, index } => {
                f(object);
                f(index);
            }
            ExprKind::Call { callee, args } => {
                f(callee);
                args.$iter().for_each(|c| f(c));
            }
            ExprKind::Try {
                body,
                catch,
                finally,
            } => {
                body.$iter().for_each(|c| f(c));
                if let Some(Catch { body, .. }) = catch {
                    body.$iter().for_each(|c| f(c));
                }
                if let Some(fin) = finally {
                    fin.$iter().for_each(|c| f(c));
                }
            }
            ExprKind::Event { arg, .. } => f(arg),
            ExprKind::Register { arg, callback, .. } => {
                f(arg);
                f(callback);
            }
            ExprKind::Guard {
                callee,
                args,
                cases,
            } => {
                f(callee);
                args.$iter().for_each(|c| f(c));
                for case in cases.$iter() {
                    if let GuardCase {
                        body: CaseBody::Inline { body, .. },
                        ..
                    } = case
                    {
                        body.$iter().for_each(|c| f(c));
                    }
                }
            }
            ExprKind::Alias { closure, .. } => f(closure),
            ExprKind::Callback {
                arg,
                callback,
                body,
                ..
            } => {
                f(arg);
                f(callback);
                body.$iter().for_each(|c| f(c));
            }
        }
    }};
}

/// Calls `f` on every direct sub-expression of `e`, in source order.
pub fn for_each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    each_child!(&e.kind, f, iter)
}

/// Calls `f` on every direct sub-expression of `e`, mutably, in source order.
pub fn for_each_child_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    each_child!(&mut e.kind, f, iter_mut)
}

fn clear_spans(e: &mut Expr) {
    e.span = None;
    for_each_child_mut(e, &mut clear_spans);
}

/// The same program with every span (expressions and functions) set to `None`.
pub fn strip_spans(p: &Program) -> Program {
    let mut p = p.clone();
    for f in &mut p.functions {
        f.span = None;
        f.body.iter_mut().for_each(clear_spans);
    }
    p.body.iter_mut().for_each(clear_spans);
    p
}
