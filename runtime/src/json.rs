//! JSON in and out: inputs and world answers become values; results are written as the
//! language writes JSON (`JSON.stringify` for JS, `json.dumps` with its defaults for Python).
//! Inputs are read by [`read`], which keeps each number's literal so that each dialect reads
//! it as its language does.

mod read;

pub use read::{Json, JsonError, Number, MAX_DEPTH};

use crate::prim::errors::Error;
use crate::value::{Heap, HeapObj, Key, Props, Value};
use num_bigint::BigInt;
use std::rc::Rc;
use tracelab_ir::Dialect;
use tracelab_prims::{js, py};

/// Converts a JSON value as the language reads it: JavaScript (`JSON.parse`) makes every
/// number the nearest double; Python (`json.loads`) makes an integer literal an `int` of any
/// size and any other number a `float`.
pub fn from_json(json: &Json, dialect: Dialect, heap: &mut Heap) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => number(n, dialect),
        Json::Str(s) => Value::str(s),
        Json::Array(items) => {
            let items = items.iter().map(|j| from_json(j, dialect, heap)).collect();
            Value::Ref(heap.alloc(HeapObj::Array {
                items,
                tuple: false,
            }))
        }
        Json::Object(fields) => {
            let mut props = Props::with_capacity(fields.len());
            for (k, j) in fields {
                let v = from_json(j, dialect, heap);
                let key: Rc<str> = Rc::from(k.as_str());
                props.insert(Key::Str(key.clone()), Value::Str(key), v);
            }
            Value::Ref(heap.alloc(HeapObj::Object { class: None, props }))
        }
    }
}

fn number(n: &Number, dialect: Dialect) -> Value {
    if dialect == Dialect::Py && n.is_integer() {
        let literal = n.literal();
        if let Ok(small) = literal.parse::<i64>() {
            return Value::int(small);
        }
        // A JSON integer literal is a decimal integer, which BigInt reads.
        if let Ok(big) = literal.parse::<BigInt>() {
            return Value::bigint(big);
        }
    }
    Value::Float(n.to_f64())
}

/// What a world lookup that misses answers.
pub fn missing(dialect: Dialect) -> Value {
    match dialect {
        Dialect::Js => Value::Undefined,
        Dialect::Py => Value::Null,
    }
}

/// Writes a result. A top-level JS `undefined` (for which `JSON.stringify` returns
/// `undefined`, not a string) is written `null`.
pub fn to_json_text(heap: &Heap, dialect: Dialect, v: &Value) -> Result<String, Error> {
    write_capped(heap, dialect, v, MAX_JSON_BYTES)
}

fn write_capped(heap: &Heap, dialect: Dialect, v: &Value, max: usize) -> Result<String, Error> {
    let mut out = String::new();
    let mut writer = Writer {
        heap,
        dialect,
        out: &mut out,
        stack: Vec::new(),
        max,
    };
    match dialect {
        Dialect::Js => {
            if !writer.js(v)? {
                writer.out.push_str("null");
            }
        }
        Dialect::Py => writer.py(v)?,
    }
    Ok(out)
}

struct Writer<'a> {
    heap: &'a Heap,
    dialect: Dialect,
    out: &'a mut String,
    /// Objects being written, to detect cycles.
    stack: Vec<u32>,
    max: usize,
}

/// The longest JSON text written (V8's longest string is 2^29 - 24 code units): shared
/// structure can make a small heap print exponentially long, and the host must not run out
/// of memory writing it.
pub const MAX_JSON_BYTES: usize = (1 << 29) - 24;

impl Writer<'_> {
    fn enter(&mut self, loc: u32) -> Result<(), Error> {
        if self.out.len() > self.max {
            return Err(match self.dialect {
                Dialect::Js => Error::new("RangeError", "Invalid string length"),
                Dialect::Py => Error::new("MemoryError", ""),
            });
        }
        if self.stack.contains(&loc) {
            return Err(match self.dialect {
                Dialect::Js => Error::new("TypeError", "Converting circular structure to JSON"),
                Dialect::Py => Error::new("ValueError", "Circular reference detected"),
            });
        }
        self.stack.push(loc);
        Ok(())
    }

    /// JSON.stringify: returns false when the value writes nothing (undefined, functions).
    fn js(&mut self, v: &Value) -> Result<bool, Error> {
        match v {
            Value::Undefined => return Ok(false),
            Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => self.js_number(i.to_f64().unwrap_or(f64::NAN)),
            Value::Float(x) => self.js_number(*x),
            Value::Str(s) => json_string(self.out, s, false),
            Value::Ref(loc) => match self.heap.get(*loc) {
                Some(HeapObj::Array { items, .. }) => {
                    self.enter(*loc)?;
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push(',');
                        }
                        if !self.js(item)? {
                            self.out.push_str("null");
                        }
                    }
                    self.out.push(']');
                    self.stack.pop();
                }
                Some(HeapObj::Object { class, props }) => {
                    self.enter(*loc)?;
                    self.out.push('{');
                    let mut first = true;
                    // An error object's message is not enumerable: `JSON.stringify(new Error("m"))` is `{}`.
                    if class.is_none() {
                        for (_, key, value) in crate::prim::access::js_ordered(props) {
                            let mark = self.out.len();
                            if !first {
                                self.out.push(',');
                            }
                            json_string(self.out, &crate::prim::js::key_string(key), false);
                            self.out.push(':');
                            if self.js(value)? {
                                first = false;
                            } else {
                                self.out.truncate(mark);
                            }
                        }
                    }
                    self.out.push('}');
                    self.stack.pop();
                }
                Some(HeapObj::Closure { .. }) => return Ok(false),
                Some(HeapObj::Cell(_)) | None => unreachable!("values never point at cells"),
            },
        }
        Ok(true)
    }

    fn js_number(&mut self, x: f64) {
        if x.is_finite() {
            self.out.push_str(&js::number_to_string(x));
        } else {
            self.out.push_str("null");
        }
    }

    /// json.dumps with default separators (", ", ": ") and ensure_ascii.
    fn py(&mut self, v: &Value) -> Result<(), Error> {
        match v {
            Value::Undefined | Value::Null => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::Float(x) => self.out.push_str(&py_float_json(*x)),
            Value::Str(s) => json_string(self.out, s, true),
            Value::Ref(loc) => match self.heap.get(*loc) {
                Some(HeapObj::Array { items, .. }) => {
                    self.enter(*loc)?;
                    self.out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        self.py(item)?;
                    }
                    self.out.push(']');
                    self.stack.pop();
                }
                Some(HeapObj::Object { class: None, props }) => {
                    self.enter(*loc)?;
                    self.out.push('{');
                    for (i, (_, key, value)) in props.entries().enumerate() {
                        if i > 0 {
                            self.out.push_str(", ");
                        }
                        let key = py_json_key(key)?;
                        json_string(self.out, &key, true);
                        self.out.push_str(": ");
                        self.py(value)?;
                    }
                    self.out.push('}');
                    self.stack.pop();
                }
                Some(HeapObj::Object {
                    class: Some(class), ..
                }) => {
                    return Err(Error::new(
                        "TypeError",
                        format!("Object of type {class} is not JSON serializable"),
                    ))
                }
                Some(HeapObj::Closure { .. }) => {
                    return Err(Error::new(
                        "TypeError",
                        "Object of type function is not JSON serializable",
                    ))
                }
                Some(HeapObj::Cell(_)) | None => unreachable!("values never point at cells"),
            },
        }
        Ok(())
    }
}

/// json.dumps of a float: `repr`, with `NaN`, `Infinity`, `-Infinity` for the rest.
fn py_float_json(x: f64) -> String {
    if x.is_nan() {
        "NaN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        py::float_repr(x)
    }
}

/// json.dumps converts str, int, float, bool and None keys to strings.
fn py_json_key(key: &Value) -> Result<String, Error> {
    Ok(match key {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => py_float_json(*x),
        Value::Bool(b) => (if *b { "true" } else { "false" }).into(),
        Value::Null | Value::Undefined => "null".into(),
        Value::Ref(_) => {
            return Err(Error::new(
                "TypeError",
                "keys must be str, int, float, bool or None, not tuple",
            ))
        }
    })
}

/// A JSON string literal; `ascii` escapes everything outside ASCII as json.dumps does.
fn json_string(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) == 0x7f) => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if ascii && !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{:04x}", unit));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `json.dumps(json.loads(D))` prints in CPython 3.11 and
    /// `JSON.stringify(JSON.parse(D))` in Node 20, and `Object.is(JSON.parse("-0"), -0)`.
    #[test]
    fn each_language_reads_numbers_as_it_does() {
        let doc = Json::parse(
            "[123456789012345678901234567890, -9223372036854775809, 9223372036854775808, 7, \
             -0, 1.0, 1E2, 1e400, 0.1]",
        )
        .expect("valid JSON");
        let mut heap = Heap::default();
        let py = from_json(&doc, Dialect::Py, &mut heap);
        assert_eq!(
            to_json_text(&heap, Dialect::Py, &py).as_deref(),
            Ok(
                "[123456789012345678901234567890, -9223372036854775809, 9223372036854775808, \
                7, 0, 1.0, 100.0, Infinity, 0.1]"
            )
        );
        let js = from_json(&doc, Dialect::Js, &mut heap);
        assert_eq!(
            to_json_text(&heap, Dialect::Js, &js).as_deref(),
            Ok(
                "[1.2345678901234568e+29,-9223372036854776000,9223372036854776000,7,0,1,100,\
                null,0.1]"
            )
        );
        let minus_zero = from_json(&Json::parse("-0").expect("JSON"), Dialect::Js, &mut heap);
        assert!(matches!(minus_zero, Value::Float(x) if x == 0.0 && x.is_sign_negative()));
    }

    /// A list that holds itself twice, 40 levels deep, prints as 2^40 leaves: the writer
    /// stops with the language's error instead of exhausting the host's memory.
    #[test]
    fn exponentially_shared_structure_is_an_error_not_a_crash() {
        for dialect in [Dialect::Js, Dialect::Py] {
            let mut heap = Heap::default();
            let mut v = Value::str("x");
            for _ in 0..40 {
                let items: Vec<Value> = [v.clone(), v.clone()].into_iter().collect();
                v = Value::Ref(heap.alloc(HeapObj::Array {
                    items,
                    tuple: false,
                }));
            }
            // The same mechanism as the 512 MiB cap, with a cap a debug test reaches quickly.
            let err = write_capped(&heap, dialect, &v, 1 << 20).expect_err("too long to write");
            assert!(
                err.class.as_ref() == "RangeError" || err.class.as_ref() == "MemoryError",
                "{err:?}"
            );
        }
    }
}
