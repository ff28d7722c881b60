//! Unboxed fast paths of arithmetic and comparisons: the common case of an operator on
//! numbers of one representation (JavaScript numbers; Python floats, or ints that fit in
//! `i64` without overflow), computed without the generic primitive. Each answers exactly
//! what that primitive ([`crate::prim::apply`]) answers, or gives its operands back when the
//! primitive must decide, so generated code that tries them first (`match fast::py_add(a, b)
//! { Ok(v) => v, Err(args) => rt.prim(PyAdd, &args)? }`) gives the same record. Operands go
//! by value, never by reference: inlined into generated code, the values then stay in
//! registers, and a literal operand's check folds away.

use crate::value::{Heap, HeapObj, Value};
use tracelab_ir::PrimOp;
use tracelab_prims::py::Int;

#[inline(always)]
fn floats(a: &Value, b: &Value) -> Option<(f64, f64)> {
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => Some((*x, *y)),
        _ => None,
    }
}

#[inline(always)]
fn small_ints(a: &Value, b: &Value) -> Option<(i64, i64)> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some((x.to_i64()?, y.to_i64()?)),
        _ => None,
    }
}

/// The answer of a fast path, or its operands back for the generic primitive.
pub type Fast<const N: usize> = Result<Value, [Value; N]>;

/// A binary fast path taking its operands by value, from one on references.
macro_rules! by_value {
    ($name:ident, $inner:ident) => {
        #[inline(always)]
        pub fn $name(a: Value, b: Value) -> Fast<2> {
            match $inner(&a, &b) {
                Some(v) => Ok(v),
                None => Err([a, b]),
            }
        }
    };
}

macro_rules! js_arith {
    ($name:ident, $inner:ident, $op:tt) => {
        #[inline(always)]
        fn $inner(a: &Value, b: &Value) -> Option<Value> {
            floats(a, b).map(|(x, y)| Value::Float(x $op y))
        }
        by_value!($name, $inner);
    };
}

macro_rules! js_compare {
    ($name:ident, $inner:ident, $op:tt) => {
        #[inline(always)]
        fn $inner(a: &Value, b: &Value) -> Option<Value> {
            floats(a, b).map(|(x, y)| Value::Bool(x $op y))
        }
        by_value!($name, $inner);
    };
}

js_arith!(js_add, js_add_ref, +);
js_arith!(js_sub, js_sub_ref, -);
js_arith!(js_mul, js_mul_ref, *);
js_arith!(js_div, js_div_ref, /);
/// ECMAScript's `%` on numbers is C's `fmod` (the sign of the dividend, NaN for a zero
/// divisor or an infinite dividend), which Rust's `%` on `f64` is; on integers that floats
/// hold exactly, the integer remainder is the same number, and much cheaper than `fmod`.
#[inline(always)]
pub fn js_mod_f64(x: f64, y: f64) -> f64 {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if x.fract() == 0.0 && y.fract() == 0.0 && x.abs() <= EXACT && y.abs() <= EXACT && y != 0.0 {
        let r = (x as i64) % (y as i64);
        // A zero remainder keeps the dividend's sign (`-7 % 7` and `-0 % 7` are `-0`).
        return if r == 0 && x.is_sign_negative() {
            -0.0
        } else {
            r as f64
        };
    }
    x % y
}

#[inline(always)]
fn js_mod_ref(a: &Value, b: &Value) -> Option<Value> {
    floats(a, b).map(|(x, y)| Value::Float(js_mod_f64(x, y)))
}
by_value!(js_mod, js_mod_ref);
js_compare!(js_lt, js_lt_ref, <);
js_compare!(js_le, js_le_ref, <=);
js_compare!(js_gt, js_gt_ref, >);
js_compare!(js_ge, js_ge_ref, >=);
js_compare!(js_strict_eq, js_strict_eq_ref, ==);
js_compare!(js_strict_ne, js_strict_ne_ref, !=);

/// `Number(x)` of a number is the number.
#[inline(always)]
pub fn js_to_number(a: Value) -> Fast<1> {
    match a {
        Value::Float(_) => Ok(a),
        _ => Err([a]),
    }
}

/// `+x` of a number is the number.
#[inline(always)]
pub fn js_pos(a: Value) -> Fast<1> {
    js_to_number(a)
}

macro_rules! py_arith {
    ($name:ident, $inner:ident, $checked:ident, $op:tt) => {
        #[inline(always)]
        fn $inner(a: &Value, b: &Value) -> Option<Value> {
            if let Some((x, y)) = small_ints(a, b) {
                return x.$checked(y).map(|r| Value::Int(Int::from_i64(r)));
            }
            floats(a, b).map(|(x, y)| Value::Float(x $op y))
        }
        by_value!($name, $inner);
    };
}

macro_rules! py_compare {
    ($name:ident, $inner:ident, $op:tt) => {
        #[inline(always)]
        fn $inner(a: &Value, b: &Value) -> Option<Value> {
            if let Some((x, y)) = small_ints(a, b) {
                return Some(Value::Bool(x $op y));
            }
            floats(a, b).map(|(x, y)| Value::Bool(x $op y))
        }
        by_value!($name, $inner);
    };
}

py_arith!(py_add, py_add_ref, checked_add, +);
py_arith!(py_sub, py_sub_ref, checked_sub, -);
py_arith!(py_mul, py_mul_ref, checked_mul, *);
py_compare!(py_lt, py_lt_ref, <);
py_compare!(py_le, py_le_ref, <=);
py_compare!(py_gt, py_gt_ref, >);
py_compare!(py_ge, py_ge_ref, >=);
py_compare!(py_eq, py_eq_ref, ==);
py_compare!(py_ne, py_ne_ref, !=);

/// `x += y` on numbers is `x + y` (lists extend in place: the generic primitive).
#[inline(always)]
pub fn py_iadd(a: Value, b: Value) -> Fast<2> {
    py_add(a, b)
}

/// `x // y` on small ints, rounding toward negative infinity; a zero divisor (an error) and
/// `-1` (which overflows at `i64::MIN`) give `None`, for the generic primitive.
#[inline(always)]
pub fn py_floordiv_i64(x: i64, y: i64) -> Option<i64> {
    if y == 0 || y == -1 {
        return None;
    }
    let (q, r) = (x / y, x % y);
    Some(if r != 0 && ((r < 0) != (y < 0)) {
        q - 1
    } else {
        q
    })
}

#[inline(always)]
fn py_floordiv_ref(a: &Value, b: &Value) -> Option<Value> {
    let (x, y) = small_ints(a, b)?;
    py_floordiv_i64(x, y).map(Value::int)
}
by_value!(py_floordiv, py_floordiv_ref);

/// `x % y` on small ints: the sign of the divisor, as in Python; `None` as for `//`.
#[inline(always)]
pub fn py_mod_i64(x: i64, y: i64) -> Option<i64> {
    if y == 0 || y == -1 {
        return None;
    }
    let r = x % y;
    Some(if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    })
}

#[inline(always)]
fn py_mod_ref(a: &Value, b: &Value) -> Option<Value> {
    let (x, y) = small_ints(a, b)?;
    py_mod_i64(x, y).map(Value::int)
}
by_value!(py_mod, py_mod_ref);

/// The unboxed float of a value that passed `typed float`.
#[inline(always)]
pub fn float_of(v: Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(x),
        _ => None,
    }
}

/// The unboxed int of a value that passed `typed int`.
#[inline(always)]
pub fn int_of(v: Value) -> Option<i64> {
    match v {
        Value::Int(i) => i.to_i64(),
        _ => None,
    }
}

/// The unboxed boolean of a value that passed `typed bool`.
#[inline(always)]
pub fn bool_of(v: Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(b),
        _ => None,
    }
}

/// The string of a value that passed `typed str`.
#[inline(always)]
pub fn str_of(v: Value) -> Option<std::rc::Rc<str>> {
    match v {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// Python's `len` of a string (in code points), list, tuple or dict; `None` for any other
/// value (the generic `py.len` raises TypeError). The generic primitive calls this too.
#[inline]
pub fn py_len(heap: &Heap, v: &Value) -> Option<i64> {
    let n = match v {
        Value::Str(s) if s.is_ascii() => s.len(),
        Value::Str(s) => s.chars().count(),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => items.len(),
            Some(HeapObj::Object { class: None, props }) => props.len(),
            _ => return None,
        },
        _ => return None,
    };
    i64::try_from(n).ok()
}

/// Python's `ord` of a one-character string; `None` for anything else (the generic builtin
/// raises TypeError). The generic builtin calls this too.
#[inline]
pub fn py_ord(v: &Value) -> Option<i64> {
    match v {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(i64::from(u32::from(c))),
                _ => None,
            }
        }
        _ => None,
    }
}

/// JavaScript's `s.charCodeAt(i)` on a string and a number; `None` for other operands (the
/// generic primitive converts them first).
#[inline]
pub fn js_char_code_at(s: &Value, i: &Value) -> Option<f64> {
    match (s, i) {
        (Value::Str(s), Value::Float(i)) => Some(tracelab_prims::js::char_code_at(s, *i)),
        _ => None,
    }
}

/// The fast path of `op` on `args`, if it has one and it applies.
pub fn apply(op: PrimOp, args: &[Value]) -> Option<Value> {
    use PrimOp::*;
    let unary = |f: fn(Value) -> Fast<1>| f(args[0].clone()).ok();
    let binary = |f: fn(Value, Value) -> Fast<2>| f(args[0].clone(), args[1].clone()).ok();
    match (op, args.len()) {
        (JsToNumber, 1) => unary(js_to_number),
        (JsPos, 1) => unary(js_pos),
        (_, 2) => binary(match op {
            JsAdd => js_add,
            JsSub => js_sub,
            JsMul => js_mul,
            JsDiv => js_div,
            JsMod => js_mod,
            JsLt => js_lt,
            JsLe => js_le,
            JsGt => js_gt,
            JsGe => js_ge,
            JsStrictEq => js_strict_eq,
            JsStrictNe => js_strict_ne,
            PyAdd => py_add,
            PySub => py_sub,
            PyMul => py_mul,
            PyIAdd => py_iadd,
            PyFloorDiv => py_floordiv,
            PyMod => py_mod,
            PyLt => py_lt,
            PyLe => py_le,
            PyGt => py_gt,
            PyGe => py_ge,
            PyEq => py_eq,
            PyNe => py_ne,
            _ => return None,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    //! Every fast path agrees with the generic primitive wherever it answers.
    use super::*;
    use crate::value::Heap;
    use tracelab_ir::Dialect;

    fn values() -> Vec<Value> {
        let mut vs = vec![Value::Null, Value::Bool(true), Value::str("1")];
        for n in [
            0i64,
            1,
            -1,
            2,
            -2,
            3,
            -7,
            7,
            100,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ] {
            vs.push(Value::int(n));
        }
        for x in [
            0.0,
            -0.0,
            1.5,
            -2.5,
            7.0,
            -7.0,
            -14.0,
            9_007_199_254_740_992.0,
            -9_007_199_254_740_993.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            1e300,
        ] {
            vs.push(Value::Float(x));
        }
        vs
    }

    #[test]
    fn fast_paths_agree_with_the_generic_primitives() {
        let mut checked = 0;
        for op in PrimOp::ALL.iter().copied() {
            let dialect = if op.name().starts_with("js.") {
                Dialect::Js
            } else {
                Dialect::Py
            };
            if op.fast_path().is_none() {
                continue;
            }
            let cases: Vec<Vec<Value>> = if op.arity() == tracelab_ir::Arity::Exact(1) {
                values().into_iter().map(|a| vec![a]).collect()
            } else {
                let vs = values();
                vs.iter()
                    .flat_map(|a| vs.iter().map(move |b| vec![a.clone(), b.clone()]))
                    .collect()
            };
            for args in cases {
                if let Some(fast) = apply(op, &args) {
                    let mut heap = Heap::default();
                    let generic = crate::prim::apply(op, &args, &mut heap, dialect)
                        .unwrap_or_else(|e| panic!("{op:?}{args:?}: fast {fast:?}, generic {e:?}"));
                    assert_eq!(fast, generic, "{} on {args:?}", op.name());
                    checked += 1;
                }
            }
        }
        assert!(checked > 500, "only {checked} cases took a fast path");
    }

    #[test]
    fn every_fast_path_the_ir_names_is_here() {
        // A sample on which each fast path answers: it exists and is wired into `apply`.
        for op in PrimOp::ALL
            .iter()
            .copied()
            .filter(|op| op.fast_path().is_some())
        {
            let sample = if op.name().starts_with("js.") {
                Value::Float(6.0)
            } else {
                Value::int(6)
            };
            let args = match op.arity() {
                tracelab_ir::Arity::Exact(1) => vec![sample],
                _ => vec![sample.clone(), sample],
            };
            assert!(
                apply(op, &args).is_some(),
                "{} has no fast path here",
                op.name()
            );
        }
    }
}
