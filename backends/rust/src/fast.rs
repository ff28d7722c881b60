//! Unboxed fast paths: generated code tries the runtime's fast path of an operator
//! (`tracelab_runtime::fast`, named by [`PrimOp::fast_path`]) before the generic primitive.
//! A fast path answers exactly what the primitive answers, or `None` to let it decide, so
//! generated code still gives the trace semantics' very record; inlined, a literal operand's
//! type check folds away.

use tracelab_ir::PrimOp;

/// The code of `op` on the atoms `args`, trying its fast path before `generic` (which takes
/// the operands back as `args`).
pub(crate) fn code(op: PrimOp, args: &[String], generic: &str) -> Option<String> {
    let name = op.fast_path()?;
    Some(format!(
        "match tracelab_runtime::fast::{name}({}) {{ Ok(v) => v, Err(args) => {generic} }}",
        args.join(", ")
    ))
}

/// A direct call for a primitive the generic dispatch would find by name: `len` of a Python
/// string or container (`rt.py_len`), `ord` of a one-character string (the builtin named by a
/// literal), and JavaScript's string test and `charCodeAt`. Each answers exactly as the
/// generic primitive (it is the code the primitive itself calls), or `None` to let the generic
/// primitive decide (and raise). The operands are bound once, since an atom may move a value.
pub(crate) fn direct(op: PrimOp, name: Option<&str>, args: &[String]) -> Option<String> {
    let (call, wrap) = match (op, name, args.len()) {
        // `typeof a === "string"`, as the library's guards ask before every string method.
        (PrimOp::JsIsString, _, 1) => {
            return Some(format!("Value::Bool(matches!({}, Value::Str(_)))", args[0]))
        }
        (PrimOp::PyLen, _, 1) => ("rt.py_len(&x0)", "Value::int"),
        (PrimOp::PyBuiltin, Some("ord"), 2) => {
            ("tracelab_runtime::fast::py_ord(&x1)", "Value::int")
        }
        (PrimOp::JsStrCharCodeAt, _, 2) => (
            "tracelab_runtime::fast::js_char_code_at(&x0, &x1)",
            "Value::Float",
        ),
        _ => return None,
    };
    let names: Vec<String> = (0..args.len()).map(|i| format!("x{i}")).collect();
    let binds: String = names
        .iter()
        .zip(args)
        .map(|(x, a)| format!("let {x} = {a}; "))
        .collect();
    Some(format!(
        "{{ {binds}match {call} {{ Some(r) => {wrap}(r), None => rt.prim(PrimOp::{op:?}, &[{}])? }} }}",
        names.join(", ")
    ))
}
