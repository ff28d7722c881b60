//! Python's primitive operations (CPython 3.11) over machine values.

use super::access::py_key;
use super::errors::Error;
use crate::value::{Heap, HeapObj, Value};
use num_bigint::BigInt;
use std::cmp::Ordering;
use tracelab_ir::PrimOp;
use tracelab_prims::py::{self as prims, Int, Number};

pub fn type_name(heap: &Heap, v: &Value) -> String {
    match v {
        Value::Undefined | Value::Null => "NoneType".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(_) => "int".into(),
        Value::Float(_) => "float".into(),
        Value::Str(_) => "str".into(),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { tuple: true, .. }) => "tuple".into(),
            Some(HeapObj::Array { tuple: false, .. }) => "list".into(),
            Some(HeapObj::Object { class: Some(c), .. }) => c.to_string(),
            Some(HeapObj::Object { class: None, .. }) => "dict".into(),
            Some(HeapObj::Closure { .. }) => "function".into(),
            Some(HeapObj::Cell(_)) | None => unreachable!("values never point at cells"),
        },
    }
}

/// An integral float as a big integer (the caller checked it is finite and integral).
pub fn float_to_bigint(x: f64) -> BigInt {
    use num_traits::FromPrimitive;
    BigInt::from_f64(x).unwrap_or_default()
}

/// `repr(v)`.
pub fn repr(heap: &Heap, v: &Value) -> String {
    show(heap, v, true, &mut Vec::new())
}

/// `str(v)`.
pub fn str(heap: &Heap, v: &Value) -> String {
    show(heap, v, false, &mut Vec::new())
}

fn show(heap: &Heap, v: &Value, quoted: bool, seen: &mut Vec<u32>) -> String {
    match v {
        Value::Undefined | Value::Null => "None".into(),
        Value::Bool(b) => (if *b { "True" } else { "False" }).into(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => prims::float_repr(*x),
        Value::Str(s) if quoted => prims::str_repr(s),
        Value::Str(s) => s.to_string(),
        Value::Ref(loc) => {
            let Some(obj) = heap.get(*loc) else {
                unreachable!("values point into the heap")
            };
            if seen.contains(loc) {
                return match obj {
                    HeapObj::Array { tuple: false, .. } => "[...]".into(),
                    _ => "{...}".into(),
                };
            }
            seen.push(*loc);
            let text = match obj {
                HeapObj::Array { items, tuple } => {
                    let parts: Vec<String> =
                        items.iter().map(|i| show(heap, i, true, seen)).collect();
                    match (tuple, parts.len()) {
                        (true, 1) => format!("({},)", parts[0]),
                        (true, _) => format!("({})", parts.join(", ")),
                        (false, _) => format!("[{}]", parts.join(", ")),
                    }
                }
                HeapObj::Object { class: None, props } => {
                    let parts: Vec<String> = props
                        .entries()
                        .map(|(_, k, v)| {
                            format!(
                                "{}: {}",
                                show(heap, k, true, seen),
                                show(heap, v, true, seen)
                            )
                        })
                        .collect();
                    format!("{{{}}}", parts.join(", "))
                }
                HeapObj::Object {
                    class: Some(class),
                    props,
                } => {
                    // The message is what `str(e)` prints; `repr(e)` is `Class('message')`.
                    let message = match props.get(&crate::value::Key::Str("message".into())) {
                        Some(Value::Str(m)) => m.to_string(),
                        _ => String::new(),
                    };
                    if quoted {
                        // KeyError keeps the key's repr as its message; no arguments shows `C()`.
                        if message.is_empty() {
                            format!("{class}()")
                        } else if class.as_ref() == "KeyError" {
                            format!("{class}({message})")
                        } else {
                            format!("{class}({})", prims::str_repr(&message))
                        }
                    } else {
                        message
                    }
                }
                HeapObj::Closure { func, .. } => format!("<function {func}>"),
                HeapObj::Cell(_) => unreachable!("values never point at cells"),
            };
            seen.pop();
            text
        }
    }
}

pub fn truthy(heap: &Heap, v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Int(i) => i.to_i64() != Some(0),
        Value::Float(x) => *x != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => !items.is_empty(),
            Some(HeapObj::Object { class: None, props }) => !props.is_empty(),
            _ => true,
        },
    }
}

/// A numeric view: bools are ints.
enum Num {
    Int(Int),
    Float(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Bool(b) => Some(Num::Int(Int::from_i64(*b as i64))),
        Value::Int(i) => Some(Num::Int(i.clone())),
        Value::Float(x) => Some(Num::Float(*x)),
        _ => None,
    }
}

fn num_value(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(x) => Value::Float(x),
    }
}

/// `==`: numbers by value across int/float/bool, containers structurally.
pub fn eq(heap: &Heap, a: &Value, b: &Value) -> bool {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return num_cmp(&x, &y) == Some(Ordering::Equal);
    }
    match (a, b) {
        (Value::Null | Value::Undefined, Value::Null | Value::Undefined) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Ref(x), Value::Ref(y)) if x == y => true,
        (Value::Ref(x), Value::Ref(y)) => match (heap.get(*x), heap.get(*y)) {
            (
                Some(HeapObj::Array { items: i, tuple: t }),
                Some(HeapObj::Array { items: j, tuple: u }),
            ) => {
                t == u && i.len() == j.len() && i.iter().zip(j.iter()).all(|(p, q)| eq(heap, p, q))
            }
            (
                Some(HeapObj::Object {
                    class: None,
                    props: p,
                }),
                Some(HeapObj::Object {
                    class: None,
                    props: q,
                }),
            ) => {
                p.len() == q.len()
                    && p.entries()
                        .all(|(k, _, v)| q.get(k).is_some_and(|w| eq(heap, v, w)))
            }
            _ => false,
        },
        _ => false,
    }
}

fn num_cmp(x: &Num, y: &Num) -> Option<Ordering> {
    match (x, y) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(b)),
        (Num::Float(a), Num::Float(b)) => a.partial_cmp(b),
        (Num::Int(a), Num::Float(b)) => prims::int_float_cmp(a, *b),
        (Num::Float(a), Num::Int(b)) => prims::int_float_cmp(b, *a).map(Ordering::reverse),
    }
}

/// Ordering for `<` and friends; `Ok(None)` when incomparable values (NaN) are involved.
pub fn compare(heap: &Heap, a: &Value, b: &Value, op: &str) -> Result<Option<Ordering>, Error> {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(num_cmp(&x, &y));
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => return Ok(Some(x.chars().cmp(y.chars()))),
        (Value::Ref(x), Value::Ref(y)) => {
            if let (
                Some(HeapObj::Array { items: i, tuple: t }),
                Some(HeapObj::Array { items: j, tuple: u }),
            ) = (heap.get(*x), heap.get(*y))
            {
                if t == u {
                    // Lexicographic: the first unequal pair decides, else the lengths.
                    for (p, q) in i.iter().zip(j.iter()) {
                        if !eq(heap, p, q) {
                            return compare(heap, p, q, op);
                        }
                    }
                    return Ok(Some(i.len().cmp(&j.len())));
                }
            }
        }
        _ => {}
    }
    Err(Error::new(
        "TypeError",
        format!(
            "'{op}' not supported between instances of '{}' and '{}'",
            type_name(heap, a),
            type_name(heap, b)
        ),
    ))
}

fn unsupported(heap: &Heap, op: &str, a: &Value, b: &Value) -> Error {
    Error::new(
        "TypeError",
        format!(
            "unsupported operand type(s) for {op}: '{}' and '{}'",
            type_name(heap, a),
            type_name(heap, b)
        ),
    )
}

fn sequence_items(heap: &Heap, v: &Value) -> Option<(Vec<Value>, bool)> {
    match v {
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, tuple }) => Some((items.clone(), *tuple)),
            _ => None,
        },
        _ => None,
    }
}

fn add(heap: &mut Heap, a: &Value, b: &Value) -> Result<Value, Error> {
    if let (Some(x), Some(y)) = (num(a), num(b)) {
        return Ok(match (x, y) {
            (Num::Int(p), Num::Int(q)) => Value::Int(p.add(&q)),
            (x, y) => Value::Float(as_float(&x)? + as_float(&y)?),
        });
    }
    match (a, b) {
        (Value::Str(x), Value::Str(y)) => Ok(Value::str(&format!("{x}{y}"))),
        (Value::Str(_), _) => Err(Error::new(
            "TypeError",
            format!(
                "can only concatenate str (not \"{}\") to str",
                type_name(heap, b)
            ),
        )),
        _ => match (sequence_items(heap, a), sequence_items(heap, b)) {
            (Some((mut i, t)), Some((j, u))) if t == u => {
                i.extend(j);
                Ok(Value::Ref(
                    heap.alloc(HeapObj::Array { items: i, tuple: t }),
                ))
            }
            (Some((_, t)), _) => {
                let kind = if t { "tuple" } else { "list" };
                Err(Error::new(
                    "TypeError",
                    format!(
                        "can only concatenate {kind} (not \"{}\") to {kind}",
                        type_name(heap, b)
                    ),
                ))
            }
            _ => Err(unsupported(heap, "+", a, b)),
        },
    }
}

fn as_float(n: &Num) -> Result<f64, Error> {
    match n {
        Num::Int(i) => Ok(i.to_f64()?),
        Num::Float(x) => Ok(*x),
    }
}

/// Arithmetic on two numbers, with int and float kept apart.
fn arith(heap: &Heap, op: PrimOp, a: &Value, b: &Value) -> Result<Value, Error> {
    let symbol = match op {
        PrimOp::PySub => "-",
        PrimOp::PyMul => "*",
        PrimOp::PyTrueDiv => "/",
        PrimOp::PyFloorDiv => "//",
        PrimOp::PyMod => "%",
        _ => "** or pow()",
    };
    let (Some(x), Some(y)) = (num(a), num(b)) else {
        return Err(unsupported(heap, symbol, a, b));
    };
    Ok(match (op, x, y) {
        (PrimOp::PySub, Num::Int(p), Num::Int(q)) => Value::Int(p.sub(&q)),
        (PrimOp::PyMul, Num::Int(p), Num::Int(q)) => Value::Int(p.mul(&q)),
        (PrimOp::PyTrueDiv, Num::Int(p), Num::Int(q)) => Value::Float(p.truediv(&q)?),
        (PrimOp::PyFloorDiv, Num::Int(p), Num::Int(q)) => Value::Int(p.floordiv(&q)?),
        (PrimOp::PyMod, Num::Int(p), Num::Int(q)) => Value::Int(p.modulo(&q)?),
        (PrimOp::PyPow, Num::Int(p), Num::Int(q)) => num_value(p.pow(&q)?),
        (op, x, y) => {
            let (p, q) = (as_float(&x)?, as_float(&y)?);
            Value::Float(match op {
                PrimOp::PySub => p - q,
                PrimOp::PyMul => p * q,
                PrimOp::PyTrueDiv => prims::float_truediv(p, q)?,
                PrimOp::PyFloorDiv => prims::float_floordiv(p, q)?,
                PrimOp::PyMod => prims::float_mod(p, q)?,
                _ => prims::float_pow(p, q)?,
            })
        }
    })
}

/// `a * b` where one side is a sequence and the other an int: repetition.
fn repeat(heap: &mut Heap, seq: &Value, count: &Value) -> Option<Result<Value, Error>> {
    let n = match count {
        Value::Int(i) => i.to_i64().unwrap_or(i64::MAX),
        Value::Bool(b) => *b as i64,
        _ => return None,
    }
    .max(0) as usize;
    let budget = |unit: usize| unit.saturating_mul(n) > (64 << 20);
    match seq {
        Value::Str(s) => Some(if budget(s.len()) {
            Err(Error::new("MemoryError", ""))
        } else {
            Ok(Value::str(&s.repeat(n)))
        }),
        _ => {
            let (items, tuple) = sequence_items(heap, seq)?;
            if budget(items.len()) {
                return Some(Err(Error::new("MemoryError", "")));
            }
            let mut out = Vec::new();
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            Some(Ok(Value::Ref(
                heap.alloc(HeapObj::Array { items: out, tuple }),
            )))
        }
    }
}

fn len(heap: &Heap, v: &Value) -> Result<Value, Error> {
    // One implementation with generated code's direct call.
    match crate::fast::py_len(heap, v) {
        Some(n) => Ok(Value::int(n)),
        None => Err(Error::new(
            "TypeError",
            format!("object of type '{}' has no len()", type_name(heap, v)),
        )),
    }
}

fn contains(heap: &Heap, needle: &Value, hay: &Value) -> Result<bool, Error> {
    match hay {
        Value::Str(s) => match needle {
            Value::Str(n) => Ok(s.contains(n.as_ref())),
            _ => Err(Error::new(
                "TypeError",
                format!(
                    "'in <string>' requires string as left operand, not {}",
                    type_name(heap, needle)
                ),
            )),
        },
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => Ok(items.iter().any(|i| eq(heap, needle, i))),
            Some(HeapObj::Object { class: None, props }) => {
                Ok(props.get(&py_key(heap, needle)?).is_some())
            }
            _ => Err(not_iterable(heap, hay)),
        },
        _ => Err(not_iterable(heap, hay)),
    }
}

fn not_iterable(heap: &Heap, v: &Value) -> Error {
    Error::new(
        "TypeError",
        format!("argument of type '{}' is not iterable", type_name(heap, v)),
    )
}

/// `is`: identity for objects, None and booleans; scalars by value (CPython's caching of
/// small ints and interned strings is an implementation detail the subset does not promise).
fn is(a: &Value, b: &Value) -> bool {
    a == b
}

/// The Python operators of [`PrimOp`].
pub fn apply(op: PrimOp, args: &[Value], heap: &mut Heap) -> Result<Value, Error> {
    let cmp = |heap: &Heap, symbol: &str, want: fn(Ordering) -> bool| -> Result<Value, Error> {
        Ok(Value::Bool(
            compare(heap, &args[0], &args[1], symbol)?.is_some_and(want),
        ))
    };
    match op {
        PrimOp::PyAdd => add(heap, &args[0], &args[1]),
        PrimOp::PyMul => {
            if let Some(r) =
                repeat(heap, &args[0], &args[1]).or_else(|| repeat(heap, &args[1], &args[0]))
            {
                return r;
            }
            // A sequence times anything but an int.
            for (seq, other) in [(&args[0], &args[1]), (&args[1], &args[0])] {
                let is_seq = matches!(seq, Value::Str(_)) || sequence_items(heap, seq).is_some();
                if is_seq && num(other).is_none_or(|n| matches!(n, Num::Float(_))) {
                    return Err(Error::new(
                        "TypeError",
                        format!(
                            "can't multiply sequence by non-int of type '{}'",
                            type_name(heap, other)
                        ),
                    ));
                }
            }
            arith(heap, op, &args[0], &args[1])
        }
        PrimOp::PySub | PrimOp::PyTrueDiv | PrimOp::PyFloorDiv | PrimOp::PyMod | PrimOp::PyPow => {
            arith(heap, op, &args[0], &args[1])
        }
        PrimOp::PyNeg | PrimOp::PyPos => match num(&args[0]) {
            Some(Num::Int(i)) => Ok(Value::Int(if op == PrimOp::PyNeg { i.neg() } else { i })),
            Some(Num::Float(x)) => Ok(Value::Float(if op == PrimOp::PyNeg { -x } else { x })),
            None => Err(Error::new(
                "TypeError",
                format!(
                    "bad operand type for unary {}: '{}'",
                    if op == PrimOp::PyNeg { "-" } else { "+" },
                    type_name(heap, &args[0])
                ),
            )),
        },
        PrimOp::PyNot => Ok(Value::Bool(!truthy(heap, &args[0]))),
        PrimOp::PyTruthy => Ok(Value::Bool(truthy(heap, &args[0]))),
        PrimOp::PyEq => Ok(Value::Bool(eq(heap, &args[0], &args[1]))),
        PrimOp::PyNe => Ok(Value::Bool(!eq(heap, &args[0], &args[1]))),
        PrimOp::PyLt => cmp(heap, "<", Ordering::is_lt),
        PrimOp::PyLe => cmp(heap, "<=", Ordering::is_le),
        PrimOp::PyGt => cmp(heap, ">", Ordering::is_gt),
        PrimOp::PyGe => cmp(heap, ">=", Ordering::is_ge),
        PrimOp::PyIs => Ok(Value::Bool(is(&args[0], &args[1]))),
        PrimOp::PyIn => Ok(Value::Bool(contains(heap, &args[0], &args[1])?)),
        PrimOp::PyStr => Ok(Value::str(&str(heap, &args[0]))),
        PrimOp::PyRepr => Ok(Value::str(&repr(heap, &args[0]))),
        PrimOp::PyLen => len(heap, &args[0]),
        _ => super::py_lib::apply(op, args, heap),
    }
}
