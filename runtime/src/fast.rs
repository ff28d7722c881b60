//! Unboxed fast paths of arithmetic and comparisons: the common case of an operator on
//! numbers of one representation (JavaScript numbers; Python floats, or ints that fit in
//! `i64` without overflow), computed without the generic primitive. Each answers `None`
//! whenever the generic primitive ([`crate::prim::apply`]) must decide, and otherwise exactly
//! what that primitive answers, so generated code that tries them first (`match
//! fast::py_add(&a, &b) { Some(v) => v, None => rt.prim(..)? }`) gives the same record.
//! Inlined into generated code, a literal operand's check folds away.

use crate::value::Value;
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
        (Value::Int(Int::Small(x)), Value::Int(Int::Small(y))) => Some((*x, *y)),
        _ => None,
    }
}

macro_rules! js_arith {
    ($name:ident, $op:tt) => {
        #[inline(always)]
        pub fn $name(a: &Value, b: &Value) -> Option<Value> {
            floats(a, b).map(|(x, y)| Value::Float(x $op y))
        }
    };
}

macro_rules! js_compare {
    ($name:ident, $op:tt) => {
        #[inline(always)]
        pub fn $name(a: &Value, b: &Value) -> Option<Value> {
            floats(a, b).map(|(x, y)| Value::Bool(x $op y))
        }
    };
}

js_arith!(js_add, +);
js_arith!(js_sub, -);
js_arith!(js_mul, *);
js_arith!(js_div, /);
/// ECMAScript's `%` on numbers is C's `fmod` (the sign of the dividend, NaN for a zero
/// divisor or an infinite dividend), which Rust's `%` on `f64` is; on integers that floats
/// hold exactly, the integer remainder is the same number, and much cheaper than `fmod`.
#[inline(always)]
pub fn js_mod(a: &Value, b: &Value) -> Option<Value> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    let (x, y) = floats(a, b)?;
    if x.fract() == 0.0 && y.fract() == 0.0 && x.abs() <= EXACT && y.abs() <= EXACT && y != 0.0 {
        let r = (x as i64) % (y as i64);
        // A zero remainder keeps the dividend's sign (`-7 % 7` and `-0 % 7` are `-0`).
        let r = if r == 0 && x.is_sign_negative() {
            -0.0
        } else {
            r as f64
        };
        return Some(Value::Float(r));
    }
    Some(Value::Float(x % y))
}
js_compare!(js_lt, <);
js_compare!(js_le, <=);
js_compare!(js_gt, >);
js_compare!(js_ge, >=);
js_compare!(js_strict_eq, ==);
js_compare!(js_strict_ne, !=);

/// `Number(x)` of a number is the number.
#[inline(always)]
pub fn js_to_number(a: &Value) -> Option<Value> {
    match a {
        Value::Float(_) => Some(a.clone()),
        _ => None,
    }
}

/// `+x` of a number is the number.
#[inline(always)]
pub fn js_pos(a: &Value) -> Option<Value> {
    js_to_number(a)
}

macro_rules! py_arith {
    ($name:ident, $checked:ident, $op:tt) => {
        #[inline(always)]
        pub fn $name(a: &Value, b: &Value) -> Option<Value> {
            if let Some((x, y)) = small_ints(a, b) {
                return x.$checked(y).map(|r| Value::Int(Int::Small(r)));
            }
            floats(a, b).map(|(x, y)| Value::Float(x $op y))
        }
    };
}

macro_rules! py_compare {
    ($name:ident, $op:tt) => {
        #[inline(always)]
        pub fn $name(a: &Value, b: &Value) -> Option<Value> {
            if let Some((x, y)) = small_ints(a, b) {
                return Some(Value::Bool(x $op y));
            }
            floats(a, b).map(|(x, y)| Value::Bool(x $op y))
        }
    };
}

py_arith!(py_add, checked_add, +);
py_arith!(py_sub, checked_sub, -);
py_arith!(py_mul, checked_mul, *);
py_compare!(py_lt, <);
py_compare!(py_le, <=);
py_compare!(py_gt, >);
py_compare!(py_ge, >=);
py_compare!(py_eq, ==);
py_compare!(py_ne, !=);

/// `x += y` on numbers is `x + y` (lists extend in place: the generic primitive).
#[inline(always)]
pub fn py_iadd(a: &Value, b: &Value) -> Option<Value> {
    py_add(a, b)
}

/// `x // y` on small ints, rounding toward negative infinity; a zero divisor (an error) and
/// `-1` (which overflows at `i64::MIN`) take the generic primitive.
#[inline(always)]
pub fn py_floordiv(a: &Value, b: &Value) -> Option<Value> {
    let (x, y) = small_ints(a, b)?;
    if y == 0 || y == -1 {
        return None;
    }
    let (q, r) = (x / y, x % y);
    let q = if r != 0 && ((r < 0) != (y < 0)) {
        q - 1
    } else {
        q
    };
    Some(Value::Int(Int::Small(q)))
}

/// `x % y` on small ints: the sign of the divisor, as in Python.
#[inline(always)]
pub fn py_mod(a: &Value, b: &Value) -> Option<Value> {
    let (x, y) = small_ints(a, b)?;
    if y == 0 || y == -1 {
        return None;
    }
    let r = x % y;
    let r = if r != 0 && ((r < 0) != (y < 0)) {
        r + y
    } else {
        r
    };
    Some(Value::Int(Int::Small(r)))
}

/// The fast path of `op` on `args`, if it has one and it applies.
pub fn apply(op: PrimOp, args: &[Value]) -> Option<Value> {
    use PrimOp::*;
    match (op, args) {
        (_, [a]) => match op {
            JsToNumber => js_to_number(a),
            JsPos => js_pos(a),
            _ => None,
        },
        (_, [a, b]) => match op {
            JsAdd => js_add(a, b),
            JsSub => js_sub(a, b),
            JsMul => js_mul(a, b),
            JsDiv => js_div(a, b),
            JsMod => js_mod(a, b),
            JsLt => js_lt(a, b),
            JsLe => js_le(a, b),
            JsGt => js_gt(a, b),
            JsGe => js_ge(a, b),
            JsStrictEq => js_strict_eq(a, b),
            JsStrictNe => js_strict_ne(a, b),
            PyAdd => py_add(a, b),
            PySub => py_sub(a, b),
            PyMul => py_mul(a, b),
            PyIAdd => py_iadd(a, b),
            PyFloorDiv => py_floordiv(a, b),
            PyMod => py_mod(a, b),
            PyLt => py_lt(a, b),
            PyLe => py_le(a, b),
            PyGt => py_gt(a, b),
            PyGe => py_ge(a, b),
            PyEq => py_eq(a, b),
            PyNe => py_ne(a, b),
            _ => None,
        },
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
