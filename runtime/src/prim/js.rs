//! JavaScript's primitive operations (ECMAScript, as Node 20 runs them) over machine values.
//! Numbers are f64; a Python-style `Int` that reaches JS code is read as its f64 value.

use super::errors::Error;
use crate::value::{Heap, HeapObj, Key, Value};
use std::cmp::Ordering;
use tracelab_ir::PrimOp;
use tracelab_prims::js as prims;

pub use prims::utf16_len;

/// ToString.
pub fn to_string(heap: &Heap, v: &Value) -> String {
    to_string_guarded(heap, v, &mut Vec::new())
}

fn to_string_guarded(heap: &Heap, v: &Value, seen: &mut Vec<u32>) -> String {
    match v {
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => prims::number_to_string(i.to_f64().unwrap_or(f64::NAN)),
        Value::Float(x) => prims::number_to_string(*x),
        Value::Str(s) => s.to_string(),
        Value::Ref(loc) => match heap.get(*loc) {
            // Array.prototype.join: holes, undefined and null print as ""; a cycle prints "".
            Some(HeapObj::Array { items, .. }) => {
                if seen.contains(loc) {
                    return String::new();
                }
                seen.push(*loc);
                let parts: Vec<String> = items
                    .iter()
                    .map(|item| match item {
                        Value::Undefined | Value::Null => String::new(),
                        other => to_string_guarded(heap, other, seen),
                    })
                    .collect();
                seen.pop();
                parts.join(",")
            }
            // Error.prototype.toString: "Name: message", or the name alone.
            Some(HeapObj::Object {
                class: Some(class),
                props,
            }) => match props.get(&Key::Str("message".into())) {
                Some(Value::Str(m)) if !m.is_empty() => format!("{class}: {m}"),
                _ => class.to_string(),
            },
            Some(HeapObj::Object { class: None, .. }) => "[object Object]".into(),
            Some(HeapObj::Closure { func, .. }) => {
                format!("function {func}() {{ [tracelab closure] }}")
            }
            Some(HeapObj::Cell(_)) | None => unreachable!("values never point at cells"),
        },
    }
}

/// ToPropertyKey: what `o[k]` looks up.
pub fn to_property_key(heap: &Heap, v: &Value) -> String {
    to_string(heap, v)
}

/// A key as a string (JS keys are strings; Python keys shown as JS would).
pub fn key_string(key: &Value) -> String {
    match key {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => prims::number_to_string(*x),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        _ => "undefined".into(),
    }
}

/// ToPrimitive with the default hint: objects become their string form.
fn to_primitive(heap: &Heap, v: &Value) -> Value {
    match v {
        Value::Ref(_) => Value::str(&to_string(heap, v)),
        other => other.clone(),
    }
}

/// ToNumber.
pub fn to_number(heap: &Heap, v: &Value) -> f64 {
    match v {
        Value::Undefined => f64::NAN,
        Value::Null => 0.0,
        Value::Bool(b) => *b as u8 as f64,
        Value::Int(i) => i.to_f64().unwrap_or(f64::NAN),
        Value::Float(x) => *x,
        Value::Str(s) => prims::string_to_number(s),
        Value::Ref(_) => to_number(heap, &to_primitive(heap, v)),
    }
}

/// ToBoolean.
pub fn truthy(v: &Value) -> bool {
    match v {
        Value::Undefined | Value::Null => false,
        Value::Bool(b) => *b,
        Value::Int(i) => i.to_i64() != Some(0),
        Value::Float(x) => !(*x == 0.0 || x.is_nan()),
        Value::Str(s) => !s.is_empty(),
        Value::Ref(_) => true,
    }
}

pub fn type_of(heap: &Heap, v: &Value) -> &'static str {
    match v {
        Value::Undefined => "undefined",
        Value::Null => "object",
        Value::Bool(_) => "boolean",
        Value::Int(_) | Value::Float(_) => "number",
        Value::Str(_) => "string",
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Closure { .. }) => "function",
            _ => "object",
        },
    }
}

/// The constructor name Node reports for a thrown non-Error value.
pub fn constructor_name(heap: &Heap, v: &Value) -> &'static str {
    match v {
        Value::Undefined => "undefined",
        Value::Null => "null",
        Value::Bool(_) => "Boolean",
        Value::Int(_) | Value::Float(_) => "Number",
        Value::Str(_) => "String",
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { .. }) => "Array",
            Some(HeapObj::Closure { .. }) => "Function",
            _ => "Object",
        },
    }
}

/// How V8 names a value in "x is not a function" (approximated by its string form).
pub fn describe(heap: &Heap, v: &Value) -> String {
    match v {
        Value::Str(s) => format!("\"{s}\""),
        Value::Ref(loc) if matches!(heap.get(*loc), Some(HeapObj::Object { class: None, .. })) => {
            "object".into()
        }
        other => to_string(heap, other),
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Float(x) => Some(*x),
        Value::Int(i) => i.to_f64().ok(),
        _ => None,
    }
}

/// `===`.
pub fn strict_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Ref(x), Value::Ref(y)) => x == y,
        _ => match (number(a), number(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

/// `==` (IsLooselyEqual) over primitives, null/undefined and object identity.
pub fn loose_eq(heap: &Heap, a: &Value, b: &Value) -> bool {
    use Value as V;
    match (a, b) {
        (V::Undefined | V::Null, V::Undefined | V::Null) => true,
        (V::Undefined | V::Null, _) | (_, V::Undefined | V::Null) => false,
        (V::Ref(_), V::Ref(_)) => strict_eq(a, b),
        (V::Bool(_), _) => loose_eq(heap, &V::Float(to_number(heap, a)), b),
        (_, V::Bool(_)) => loose_eq(heap, a, &V::Float(to_number(heap, b))),
        (V::Ref(_), _) => loose_eq(heap, &to_primitive(heap, a), b),
        (_, V::Ref(_)) => loose_eq(heap, a, &to_primitive(heap, b)),
        (V::Str(_), V::Str(_)) => strict_eq(a, b),
        _ => to_number(heap, a) == to_number(heap, b),
    }
}

/// IsLessThan: `None` is ECMAScript's `undefined` (a NaN was involved).
fn less_than(heap: &Heap, a: &Value, b: &Value) -> Option<bool> {
    let (pa, pb) = (to_primitive(heap, a), to_primitive(heap, b));
    if let (Value::Str(x), Value::Str(y)) = (&pa, &pb) {
        return Some(prims::compare_strings(x, y) == Ordering::Less);
    }
    let (x, y) = (to_number(heap, &pa), to_number(heap, &pb));
    if x.is_nan() || y.is_nan() {
        None
    } else {
        Some(x < y)
    }
}

/// `+`: concatenation when either primitive is a string, else addition.
pub fn add(heap: &Heap, a: &Value, b: &Value) -> Value {
    let (pa, pb) = (to_primitive(heap, a), to_primitive(heap, b));
    if matches!(pa, Value::Str(_)) || matches!(pb, Value::Str(_)) {
        let mut s = to_string(heap, &pa);
        s.push_str(&to_string(heap, &pb));
        Value::str(&s)
    } else {
        Value::Float(to_number(heap, &pa) + to_number(heap, &pb))
    }
}

/// The JavaScript operators of [`PrimOp`].
pub fn apply(op: PrimOp, args: &[Value], heap: &mut Heap) -> Result<Value, Error> {
    let num = |i: usize| to_number(heap, &args[i]);
    let v = match op {
        PrimOp::JsAdd => add(heap, &args[0], &args[1]),
        PrimOp::JsSub => Value::Float(num(0) - num(1)),
        PrimOp::JsMul => Value::Float(num(0) * num(1)),
        PrimOp::JsDiv => Value::Float(num(0) / num(1)),
        PrimOp::JsMod => Value::Float(prims::modulo(num(0), num(1))),
        PrimOp::JsPow => Value::Float(prims::pow(num(0), num(1))),
        PrimOp::JsNeg => Value::Float(-num(0)),
        PrimOp::JsPos | PrimOp::JsToNumber => Value::Float(num(0)),
        PrimOp::JsNot => Value::Bool(!truthy(&args[0])),
        PrimOp::JsTruthy => Value::Bool(truthy(&args[0])),
        PrimOp::JsTypeof => Value::str(type_of(heap, &args[0])),
        PrimOp::JsStrictEq => Value::Bool(strict_eq(&args[0], &args[1])),
        PrimOp::JsStrictNe => Value::Bool(!strict_eq(&args[0], &args[1])),
        PrimOp::JsLooseEq => Value::Bool(loose_eq(heap, &args[0], &args[1])),
        PrimOp::JsLooseNe => Value::Bool(!loose_eq(heap, &args[0], &args[1])),
        PrimOp::JsLt => Value::Bool(less_than(heap, &args[0], &args[1]) == Some(true)),
        PrimOp::JsGt => Value::Bool(less_than(heap, &args[1], &args[0]) == Some(true)),
        PrimOp::JsLe => Value::Bool(less_than(heap, &args[1], &args[0]) == Some(false)),
        PrimOp::JsGe => Value::Bool(less_than(heap, &args[0], &args[1]) == Some(false)),
        PrimOp::JsToString => Value::str(&to_string(heap, &args[0])),
        _ => return super::js_lib::apply(op, args, heap),
    };
    Ok(v)
}
