//! Scalars: unboxed values in generated code.
//!
//! A type guard (`typed τ(e)`) lets generated code hold a value unboxed — an `f64`, an `i64`,
//! a `bool` or an `Rc<str>` — instead of a `Value`: variables whose every write is guarded by
//! one type are unboxed locals (an `Option` when a write may also be `undefined`, how
//! frontends declare variables before their first assignment), and operators on scalars
//! compute on them directly. A scalar operation answers exactly what the generic primitive
//! answers on the boxed operands; where it cannot (an `i64` overflow, a zero divisor, an
//! `undefined` operand), generated code boxes the operands and calls the generic primitive,
//! then converts its answer as the context needs (a type guard checks it, a condition tests
//! it), so the record is still the trace semantics' own.

use tracelab_ir::{PrimOp, Ty};

/// How an atom of generated code holds its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Repr {
    /// A `Value`.
    Boxed,
    /// The unboxed value of a value of this type.
    Scalar(Ty),
    /// `Some` unboxed value of this type, or `None` for `undefined`.
    Nullable(Ty),
}

/// An evaluated operand: code without effects (a literal or a temporary) and its repr.
pub(crate) struct Atom {
    pub code: String,
    pub repr: Repr,
}

impl Atom {
    pub fn boxed(code: String) -> Atom {
        Atom {
            code,
            repr: Repr::Boxed,
        }
    }

    /// The code of the atom's `Value`.
    pub fn value(&self) -> String {
        match self.repr {
            Repr::Boxed => self.code.clone(),
            Repr::Scalar(ty) => box_scalar(ty, &self.code),
            Repr::Nullable(ty) => format!(
                "match {}{} {{ Some(y) => {}, None => Value::Undefined }}",
                if ty == Ty::Str { "&" } else { "" },
                self.code,
                box_scalar(ty, if ty == Ty::Str { "y.clone()" } else { "y" })
            ),
        }
    }

    /// The code of an `Option` of the scalar (`Some` for a scalar), if the atom is unboxed.
    fn option(&self) -> Option<String> {
        match self.repr {
            Repr::Boxed => None,
            Repr::Scalar(_) => Some(format!("Some({})", self.code)),
            Repr::Nullable(_) => Some(self.code.clone()),
        }
    }

    fn ty(&self) -> Option<Ty> {
        match self.repr {
            Repr::Boxed => None,
            Repr::Scalar(t) | Repr::Nullable(t) => Some(t),
        }
    }
}

/// The `Value` of a scalar `x` of type `ty`.
pub(crate) fn box_scalar(ty: Ty, x: &str) -> String {
    match ty {
        Ty::Bool => format!("Value::Bool({x})"),
        Ty::Int => format!("Value::int({x})"),
        Ty::Float => format!("Value::Float({x})"),
        Ty::Str => format!("Value::Str({x})"),
    }
}

/// The scalar of the `Value` `v` when it has type `ty`, else `unknown` (a type guard).
pub(crate) fn unbox(ty: Ty, v: &str) -> String {
    let f = match ty {
        Ty::Bool => "bool_of",
        Ty::Int => "int_of",
        Ty::Float => "float_of",
        Ty::Str => "str_of",
    };
    format!("match tracelab_runtime::fast::{f}({v}) {{ Some(x) => x, None => rt.unknown_of()? }}")
}

/// What a scalar operation's result is needed for.
#[derive(Clone, Copy)]
pub(crate) enum Want {
    /// A type guard's value: a scalar of this type, or `unknown`.
    Typed(Ty),
    /// The condition of an `if` or `while` (the form's name): a `bool`, or TypeError.
    Condition(&'static str),
}

impl Want {
    /// Converts the generic primitive's `Value` `v` for the context.
    fn convert(self, v: &str) -> String {
        match self {
            Want::Typed(ty) => unbox(ty, v),
            Want::Condition(form) => format!("rt.condition({v}, {form:?})?"),
        }
    }

    fn result(self) -> Ty {
        match self {
            Want::Typed(ty) => ty,
            Want::Condition(_) => Ty::Bool,
        }
    }
}

/// A scalar implementation of an operator on operands of given types: its result type, the
/// code on the scalars, and whether that code gives an `Option` (`None`: the generic
/// primitive decides).
struct ScalarOp {
    result: Ty,
    code: String,
    fallible: bool,
}

fn scalar_op(op: PrimOp, args: &[(Ty, String)]) -> Option<ScalarOp> {
    use PrimOp::*;
    use Ty::{Bool, Float, Int};
    // Operands are atoms (temporaries and literals), so the infix form needs no parentheses
    // (and the code is only ever bound, broken with, or passed as an argument).
    let infix = |result: Ty, sym: &str| {
        Some(ScalarOp {
            result,
            code: format!("{} {sym} {}", args[0].1, args[1].1),
            fallible: false,
        })
    };
    let call = |result: Ty, f: &str, fallible: bool| {
        let xs: Vec<&str> = args.iter().map(|(_, x)| x.as_str()).collect();
        Some(ScalarOp {
            result,
            code: format!("{f}({})", xs.join(", ")),
            fallible,
        })
    };
    let types: Vec<Ty> = args.iter().map(|(t, _)| *t).collect();
    match (op, types.as_slice()) {
        (JsAdd, [Float, Float]) => infix(Float, "+"),
        (JsSub, [Float, Float]) => infix(Float, "-"),
        (JsMul, [Float, Float]) => infix(Float, "*"),
        (JsDiv, [Float, Float]) => infix(Float, "/"),
        (JsMod, [Float, Float]) => call(Float, "tracelab_runtime::fast::js_mod_f64", false),
        (JsLt, [Float, Float]) => infix(Bool, "<"),
        (JsLe, [Float, Float]) => infix(Bool, "<="),
        (JsGt, [Float, Float]) => infix(Bool, ">"),
        (JsGe, [Float, Float]) => infix(Bool, ">="),
        (JsStrictEq, [Float, Float]) => infix(Bool, "=="),
        (JsStrictNe, [Float, Float]) => infix(Bool, "!="),
        (JsToNumber | JsPos, [Float]) => Some(ScalarOp {
            result: Float,
            code: args[0].1.clone(),
            fallible: false,
        }),
        (PyAdd | PyIAdd, [Int, Int]) => call(Int, "i64::checked_add", true),
        (PySub, [Int, Int]) => call(Int, "i64::checked_sub", true),
        (PyMul, [Int, Int]) => call(Int, "i64::checked_mul", true),
        (PyFloorDiv, [Int, Int]) => call(Int, "tracelab_runtime::fast::py_floordiv_i64", true),
        (PyMod, [Int, Int]) => call(Int, "tracelab_runtime::fast::py_mod_i64", true),
        (PyAdd | PyIAdd, [Float, Float]) => infix(Float, "+"),
        (PySub, [Float, Float]) => infix(Float, "-"),
        (PyMul, [Float, Float]) => infix(Float, "*"),
        (PyLt, [Int, Int] | [Float, Float]) => infix(Bool, "<"),
        (PyLe, [Int, Int] | [Float, Float]) => infix(Bool, "<="),
        (PyGt, [Int, Int] | [Float, Float]) => infix(Bool, ">"),
        (PyGe, [Int, Int] | [Float, Float]) => infix(Bool, ">="),
        (PyEq, [Int, Int] | [Float, Float]) => infix(Bool, "=="),
        (PyNe, [Int, Int] | [Float, Float]) => infix(Bool, "!="),
        _ => None,
    }
}

/// The scalar code of `op` on scalar atoms that needs no fallback: every operand is a
/// scalar (never `undefined`) and the operation cannot fail. Its type is the result's.
pub(crate) fn certain(op: PrimOp, args: &[Atom]) -> Option<(String, Ty)> {
    let scalars: Vec<(Ty, String)> = args
        .iter()
        .map(|a| match a.repr {
            Repr::Scalar(t) if t != Ty::Str => Some((t, a.code.clone())),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let s = scalar_op(op, &scalars)?;
    (!s.fallible).then_some((s.code, s.result))
}

/// The scalar code of `op` on `args` for the context `want`: the scalar operation when every
/// operand is a scalar (or `Some`), else — and where the operation gives `None` — the
/// generic primitive on the boxed operands, converted for the context. `None` when the
/// operands' types have no scalar operation giving the wanted type. `label` names the
/// block the code breaks out of.
pub(crate) fn for_context(op: PrimOp, args: &[Atom], want: Want, label: &str) -> Option<String> {
    if let Some((code, ty)) = certain(op, args) {
        return (ty == want.result()).then_some(code);
    }
    let tys: Vec<Ty> = args.iter().map(Atom::ty).collect::<Option<_>>()?;
    if tys.contains(&Ty::Str) {
        return None;
    }
    let names: Vec<String> = (0..args.len()).map(|i| format!("x{i}")).collect();
    let scalars: Vec<(Ty, String)> = tys.iter().copied().zip(names.iter().cloned()).collect();
    let s = scalar_op(op, &scalars)?;
    if s.result != want.result() {
        return None;
    }
    let values: Vec<String> = args.iter().map(Atom::value).collect();
    let slow = format!(
        "let v = rt.prim(PrimOp::{op:?}, &[{}])?; {}",
        values.join(", "),
        want.convert("v")
    );
    let fast = if s.fallible {
        format!("if let Some(r) = {} {{ break '{label} r; }}", s.code)
    } else {
        format!("break '{label} {};", s.code)
    };
    let options: Vec<String> = args.iter().filter_map(Atom::option).collect();
    let patterns: Vec<String> = names.iter().map(|x| format!("Some({x})")).collect();
    Some(format!(
        "'{label}: {{ if let ({},) = ({},) {{ {fast} }} {slow} }}",
        patterns.join(", "),
        options.join(", ")
    ))
}
