//! Unboxed fast paths: the type specialisation of arithmetic and comparisons in generated
//! code. Exact by construction: a guard that fails takes the generic primitive, never
//! `unknown`, so generated code still gives the trace semantics' very record.

/// An arithmetic or comparison operator with an unboxed fast path: when both operands are
/// numbers of one representation (JS numbers; Python floats, or ints that fit in `i64`),
/// generated code computes on the unboxed numbers; any other operands (or an overflowing
/// int) take the generic primitive. Both paths give the same value, so the guard never
/// needs to answer `unknown`.
#[derive(Clone, Copy)]
pub(crate) enum Fast {
    /// `Value::Float(a op b)` / `Value::Bool(a op b)` on two floats.
    Float { op: &'static str, boolean: bool },
    /// As `Float` on two floats, and on two small ints with `checked` (arithmetic, whose
    /// overflow falls back) or `cmp` (comparison).
    Py {
        op: &'static str,
        boolean: bool,
        checked: Option<&'static str>,
    },
}

pub(crate) fn specialised(op: tracelab_ir::PrimOp) -> Option<Fast> {
    use tracelab_ir::PrimOp::*;
    let float = |op, boolean| Some(Fast::Float { op, boolean });
    let py = |op, boolean, checked| {
        Some(Fast::Py {
            op,
            boolean,
            checked,
        })
    };
    match op {
        JsAdd => float("+", false),
        JsSub => float("-", false),
        JsMul => float("*", false),
        JsDiv => float("/", false),
        JsLt => float("<", true),
        JsLe => float("<=", true),
        JsGt => float(">", true),
        JsGe => float(">=", true),
        JsStrictEq => float("==", true),
        JsStrictNe => float("!=", true),
        PyAdd => py("+", false, Some("checked_add")),
        PySub => py("-", false, Some("checked_sub")),
        PyMul => py("*", false, Some("checked_mul")),
        PyLt => py("<", true, None),
        PyLe => py("<=", true, None),
        PyGt => py(">", true, None),
        PyGe => py(">=", true, None),
        PyEq => py("==", true, None),
        PyNe => py("!=", true, None),
        _ => None,
    }
}

impl Fast {
    /// The code of the operation on atoms `a` and `b`, falling back to `generic`.
    pub(crate) fn code(self, a: &str, b: &str, generic: &str) -> String {
        // A literal operand of another type rules a path out; with none left, no guard.
        const NO_FLOAT: &str = "None::<f64>";
        const NO_INT: &str = "None::<i64>";
        let floats = float_of(a) != NO_FLOAT && float_of(b) != NO_FLOAT;
        let ints = int_of(a) != NO_INT && int_of(b) != NO_INT;
        let possible = match self {
            Fast::Float { .. } => floats,
            Fast::Py { .. } => floats || ints,
        };
        if !possible {
            return generic.to_string();
        }
        let wrap = |boolean: bool, op: &str| {
            if boolean {
                format!("Value::Bool(x {op} y)")
            } else {
                format!("Value::Float(x {op} y)")
            }
        };
        match self {
            Fast::Float { op, boolean } => format!(
                "match ({}, {}) {{ (Some(x), Some(y)) => {}, _ => {generic} }}",
                float_of(a),
                float_of(b),
                wrap(boolean, op)
            ),
            Fast::Py {
                op,
                boolean,
                checked,
            } => {
                let ints = match checked {
                    Some(f) => {
                        format!("match x.{f}(y) {{ Some(r) => Value::int(r), None => {generic} }}")
                    }
                    None => format!("Value::Bool(x {op} y)"),
                };
                format!(
                    "match ({}, {}, {}, {}) {{ \
                     (Some(x), Some(y), _, _) => {ints}, (_, _, Some(x), Some(y)) => {}, _ => {generic} }}",
                    int_of(a),
                    int_of(b),
                    float_of(a),
                    float_of(b),
                    wrap(boolean, op)
                )
            }
        }
    }
}

/// The unboxed float of an operand: known for a literal, tested for a temporary.
fn float_of(atom: &str) -> String {
    match atom
        .strip_prefix("Value::Float(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(literal) => format!("Some({literal})"),
        None if atom.starts_with("Value::") => "None::<f64>".into(),
        None => format!("{atom}.as_float()"),
    }
}

/// The unboxed small int of an operand: known for a literal, tested for a temporary.
fn int_of(atom: &str) -> String {
    match atom
        .strip_prefix("Value::int(")
        .and_then(|r| r.strip_suffix(')'))
    {
        Some(literal) => format!("Some({literal}i64)"),
        None if atom.starts_with("Value::") => "None::<i64>".into(),
        None => format!("{atom}.as_small_int()"),
    }
}
