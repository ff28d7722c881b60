//! Whole-tree traversals over the AST.

use crate::ast::{Expr, ExprKind, LValue, Program};

/// Calls `f` on every direct sub-expression of `e`, mutably, in source order.
pub fn for_each_child_mut(e: &mut Expr, f: &mut dyn FnMut(&mut Expr)) {
    let block = |b: &mut Vec<Expr>, f: &mut dyn FnMut(&mut Expr)| b.iter_mut().for_each(f);
    match &mut e.kind {
        ExprKind::Undefined
        | ExprKind::Null
        | ExprKind::Bool { .. }
        | ExprKind::Int { .. }
        | ExprKind::Float { .. }
        | ExprKind::Str { .. }
        | ExprKind::Var { .. }
        | ExprKind::Closure { .. }
        | ExprKind::Unknown => {}
        ExprKind::Let { value, .. } | ExprKind::Throw { value } | ExprKind::Break { value, .. } => {
            f(value)
        }
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
        ExprKind::Block { body } | ExprKind::Label { body, .. } => block(body, f),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            f(cond);
            block(then, f);
            block(otherwise, f);
        }
        ExprKind::While { cond, body } => {
            f(cond);
            block(body, f);
        }
        ExprKind::Object { fields } => fields.iter_mut().for_each(|fl| f(&mut fl.value)),
        ExprKind::Array { items } | ExprKind::Prim { args: items, .. } => block(items, f),
        ExprKind::Get { object, .. } => f(object),
        ExprKind::Index { object, index } => {
            f(object);
            f(index);
        }
        ExprKind::Call { callee, args } => {
            f(callee);
            block(args, f);
        }
        ExprKind::Try {
            body,
            catch,
            finally,
        } => {
            block(body, f);
            if let Some(c) = catch {
                block(&mut c.body, f);
            }
            if let Some(fin) = finally {
                block(fin, f);
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
            block(args, f);
            for case in cases {
                if let crate::ast::CaseBody::Inline { body, .. } = &mut case.body {
                    block(body, f);
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
            block(body, f);
        }
    }
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

/// Calls `f` on every direct sub-expression of `e`, in source order.
pub fn for_each_child<'a>(e: &'a Expr, f: &mut dyn FnMut(&'a Expr)) {
    let block = |b: &'a Vec<Expr>, f: &mut dyn FnMut(&'a Expr)| b.iter().for_each(f);
    match &e.kind {
        ExprKind::Undefined
        | ExprKind::Null
        | ExprKind::Bool { .. }
        | ExprKind::Int { .. }
        | ExprKind::Float { .. }
        | ExprKind::Str { .. }
        | ExprKind::Var { .. }
        | ExprKind::Closure { .. }
        | ExprKind::Unknown => {}
        ExprKind::Let { value, .. } | ExprKind::Throw { value } | ExprKind::Break { value, .. } => {
            f(value)
        }
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
        ExprKind::Block { body } | ExprKind::Label { body, .. } => block(body, f),
        ExprKind::If {
            cond,
            then,
            otherwise,
        } => {
            f(cond);
            block(then, f);
            block(otherwise, f);
        }
        ExprKind::While { cond, body } => {
            f(cond);
            block(body, f);
        }
        ExprKind::Object { fields } => fields.iter().for_each(|field| f(&field.value)),
        ExprKind::Array { items } => block(items, f),
        ExprKind::Get { object, .. } => f(object),
        ExprKind::Index { object, index } => {
            f(object);
            f(index);
        }
        ExprKind::Prim { args, .. } => block(args, f),
        ExprKind::Call { callee, args } => {
            f(callee);
            block(args, f);
        }
        ExprKind::Try {
            body,
            catch,
            finally,
        } => {
            block(body, f);
            if let Some(c) = catch {
                block(&c.body, f);
            }
            if let Some(fin) = finally {
                block(fin, f);
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
            block(args, f);
            for case in cases {
                if let crate::ast::CaseBody::Inline { body, .. } = &case.body {
                    block(body, f);
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
            block(body, f);
        }
    }
}
