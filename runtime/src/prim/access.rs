//! Field and index access and assignment, per dialect.

use super::errors::Error;
use super::{js, py};
use crate::value::{Heap, HeapObj, Key, Props, Value, SLOT_BYTES};
use tracelab_ir::Dialect;

/// Growth of an array in one assignment past which the memory limit is deemed exceeded
/// without allocating (so `a[1e9] = 1` ends as `limit(memory)`, not a host crash).
const MAX_ARRAY_GROWTH: usize = 1 << 24;

pub fn get_field(
    heap: &Heap,
    dialect: Dialect,
    object: &Value,
    field: &str,
) -> Result<Value, Error> {
    match dialect {
        Dialect::Js => match object {
            // The common case, a named property of an object, without allocating its key.
            Value::Ref(loc) => match heap.get(*loc) {
                Some(HeapObj::Object { props, class: None }) => {
                    Ok(props.get_str(field).cloned().unwrap_or(Value::Undefined))
                }
                _ => js_get(heap, object, &Value::str(field)),
            },
            _ => js_get(heap, object, &Value::str(field)),
        },
        Dialect::Py => match object {
            Value::Ref(loc) => match heap.get(*loc) {
                Some(HeapObj::Object { props, .. }) => match props.get_str(field) {
                    Some(v) => Ok(v.clone()),
                    None => Err(no_attribute(heap, object, field)),
                },
                _ => Err(no_attribute(heap, object, field)),
            },
            _ => Err(no_attribute(heap, object, field)),
        },
    }
}

fn no_attribute(heap: &Heap, object: &Value, field: &str) -> Error {
    Error::new(
        "AttributeError",
        format!(
            "'{}' object has no attribute '{field}'",
            py::type_name(heap, object)
        ),
    )
}

pub fn get_index(
    heap: &Heap,
    dialect: Dialect,
    object: &Value,
    key: &Value,
) -> Result<Value, Error> {
    match dialect {
        Dialect::Js => js_get(heap, object, key),
        Dialect::Py => py_get(heap, object, key),
    }
}

/// The index of an element `key` names in a list, tuple or array of `len` elements when
/// it is in range: a Python `int` (negative counts from the end), a JavaScript integral
/// number. `None` for every other key, which the generic paths decide.
#[inline]
fn element_index(dialect: Dialect, len: usize, key: &Value) -> Option<usize> {
    let i = match (dialect, key) {
        (Dialect::Py, Value::Int(i)) => {
            let i = i.to_i64()?;
            usize::try_from(if i < 0 { i + len as i64 } else { i }).ok()?
        }
        // Also -0, whose property key is "0"; a float too large for an index saturates
        // beyond any length.
        (Dialect::Js, Value::Float(x)) if *x >= 0.0 && x.fract() == 0.0 => *x as usize,
        _ => return None,
    };
    (i < len).then_some(i)
}

/// `object[key]` for an element in range of a list, tuple or array: exactly what
/// [`get_index`] answers there, without its general dispatch (the common case of a loop
/// over an array). `None` where `get_index` must decide.
#[inline]
pub fn element(heap: &Heap, dialect: Dialect, object: &Value, key: &Value) -> Option<Value> {
    let Value::Ref(loc) = object else {
        return None;
    };
    let Some(HeapObj::Array { items, .. }) = heap.get(*loc) else {
        return None;
    };
    Some(items[element_index(dialect, items.len(), key)?].clone())
}

/// `object[key] = v` for an element in range of a Python list or a JavaScript array: what
/// [`set_index`] does there, charging the written value as it does. `v` comes back where
/// `set_index` must decide (and nothing changed).
#[inline]
pub fn set_element(
    heap: &mut Heap,
    dialect: Dialect,
    object: &Value,
    key: &Value,
    v: Value,
) -> Result<(), Value> {
    let Value::Ref(loc) = object else {
        return Err(v);
    };
    let i = match heap.get(*loc) {
        // Python tuples refuse assignment; JavaScript has no tuples.
        Some(HeapObj::Array {
            items,
            tuple: false,
        }) => match element_index(dialect, items.len(), key) {
            Some(i) => i,
            None => return Err(v),
        },
        _ => return Err(v),
    };
    heap.charge(&v);
    if let Some(HeapObj::Array { items, .. }) = heap.get_mut(*loc) {
        items[i] = v;
    }
    Ok(())
}

pub fn set_field(
    heap: &mut Heap,
    dialect: Dialect,
    object: &Value,
    field: &str,
    v: Value,
) -> Result<(), Error> {
    match dialect {
        Dialect::Js => js_set(heap, object, &Value::str(field), v),
        Dialect::Py => match object {
            Value::Ref(loc)
                if matches!(heap.get(*loc), Some(HeapObj::Object { class: Some(_), .. })) =>
            {
                insert_named(heap, *loc, field, v);
                Ok(())
            }
            _ => Err(Error::new(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '{field}'",
                    py::type_name(heap, object)
                ),
            )),
        },
    }
}

pub fn set_index(
    heap: &mut Heap,
    dialect: Dialect,
    object: &Value,
    key: &Value,
    v: Value,
) -> Result<(), Error> {
    match dialect {
        Dialect::Js => js_set(heap, object, key, v),
        Dialect::Py => py_set(heap, object, key, v),
    }
}

/// The URL of a `get`/`post` argument: a string, or an object with a string `url`.
pub fn url_of(heap: &Heap, arg: &Value) -> Option<String> {
    match arg {
        Value::Str(s) => Some(s.to_string()),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Object { props, .. }) => match props.get_str("url") {
                Some(Value::Str(s)) => Some(s.to_string()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The field `name` of an object argument (a `post`'s request `{url, body}`).
pub fn field_of(heap: &Heap, arg: &Value, name: &str) -> Option<Value> {
    match arg {
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Object { props, .. }) => props.get_str(name).cloned(),
            _ => None,
        },
        _ => None,
    }
}

/// JS property order: integer-like keys ascending, then the rest in insertion order.
pub fn js_ordered(props: &Props) -> Vec<(&Key, &Value, &Value)> {
    let mut indexed: Vec<(u32, (&Key, &Value, &Value))> = Vec::new();
    let mut named = Vec::new();
    for entry in props.entries() {
        match entry.0 {
            Key::Str(s) => match array_index(s) {
                Some(i) => indexed.push((i, entry)),
                None => named.push(entry),
            },
            _ => named.push(entry),
        }
    }
    indexed.sort_by_key(|(i, _)| *i);
    indexed.into_iter().map(|(_, e)| e).chain(named).collect()
}

/// A canonical array index: "0", "17", never "017" or "-1"; below 2^32 - 1.
pub fn array_index(s: &str) -> Option<u32> {
    if s.is_empty() || (s.len() > 1 && s.starts_with('0')) || !s.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse::<u32>().ok().filter(|&i| i != u32::MAX)
}

/// Writes the string key `name` (charged as [`insert`] charges it), without allocating the
/// key when it exists.
fn insert_named(heap: &mut Heap, loc: u32, name: &str, v: Value) {
    heap.charge(&v);
    heap.bytes = heap.bytes.saturating_add(SLOT_BYTES + name.len());
    if let Some(HeapObj::Object { props, .. }) = heap.get_mut(loc) {
        props.insert_str(name, v);
    }
}

fn insert(heap: &mut Heap, loc: u32, key: Key, key_value: Value, v: Value) {
    heap.charge(&v);
    heap.charge(&key_value);
    if let Some(HeapObj::Object { props, .. }) = heap.get_mut(loc) {
        props.insert(key, key_value, v);
    }
}

// ----- JavaScript

/// An index usable on arrays and strings: a number that is a non-negative integer.
fn js_array_index(heap: &Heap, key: &Value) -> Option<usize> {
    match key {
        Value::Float(x) if *x >= 0.0 && x.fract() == 0.0 && *x < 4294967295.0 => Some(*x as usize),
        Value::Int(i) => i.to_i64().and_then(|i| usize::try_from(i).ok()),
        Value::Str(s) => array_index(s).map(|i| i as usize),
        _ => {
            let _ = heap;
            None
        }
    }
}

fn js_get(heap: &Heap, object: &Value, key: &Value) -> Result<Value, Error> {
    let key_text = || js::to_property_key(heap, key);
    match object {
        Value::Undefined | Value::Null => Err(Error::new(
            "TypeError",
            format!(
                "Cannot read properties of {} (reading '{}')",
                js::to_string(heap, object),
                key_text()
            ),
        )),
        Value::Str(s) => {
            if let Some(i) = js_array_index(heap, key) {
                // ASCII: one code unit per byte, indexed directly instead of encoded.
                if s.is_ascii() {
                    return Ok(s.get(i..i + 1).map_or(Value::Undefined, Value::str));
                }
                return Ok(s
                    .encode_utf16()
                    .nth(i)
                    .map(|u| Value::str(&String::from_utf16_lossy(&[u])))
                    .unwrap_or(Value::Undefined));
            }
            Ok(if key_text() == "length" {
                Value::Float(js::utf16_len(s) as f64)
            } else {
                Value::Undefined
            })
        }
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => {
                if let Some(i) = js_array_index(heap, key) {
                    return Ok(items.get(i).cloned().unwrap_or(Value::Undefined));
                }
                Ok(if key_text() == "length" {
                    Value::Float(items.len() as f64)
                } else {
                    Value::Undefined
                })
            }
            Some(HeapObj::Object { class, props }) => {
                let found = match key {
                    Value::Str(name) => props.get_str(name),
                    _ => props.get_str(&key_text()),
                };
                match found {
                    Some(v) => Ok(v.clone()),
                    None if class.is_some() && key_text() == "name" => {
                        Ok(Value::Str(class.clone().expect("checked")))
                    }
                    None => Ok(Value::Undefined),
                }
            }
            _ => Ok(Value::Undefined),
        },
        _ => Ok(Value::Undefined),
    }
}

fn js_set(heap: &mut Heap, object: &Value, key: &Value, v: Value) -> Result<(), Error> {
    let Value::Ref(loc) = object else {
        return match object {
            Value::Undefined | Value::Null => Err(Error::new(
                "TypeError",
                format!(
                    "Cannot set properties of {} (setting '{}')",
                    js::to_string(heap, object),
                    js::to_property_key(heap, key)
                ),
            )),
            // Sloppy-mode Node ignores writes to primitives.
            _ => Ok(()),
        };
    };
    let index = js_array_index(heap, key);
    // The property key, borrowed when it is a string already.
    let owned;
    let name: &str = match key {
        Value::Str(s) => s,
        _ => {
            owned = js::to_property_key(heap, key);
            &owned
        }
    };
    match heap.get(*loc) {
        Some(HeapObj::Array { items, .. }) if name == "length" => {
            // `a.length = n` truncates or pads with holes (read as undefined).
            let n = js::to_number(heap, &v);
            if !(n >= 0.0 && n.fract() == 0.0 && n < 4294967296.0) {
                return Err(Error::new("RangeError", "Invalid array length"));
            }
            let (n, len) = (n as usize, items.len());
            if n > len && n - len > MAX_ARRAY_GROWTH {
                heap.bytes = usize::MAX;
                return Ok(());
            }
            heap.bytes = heap
                .bytes
                .saturating_add(n.saturating_sub(len) * SLOT_BYTES);
            if let Some(HeapObj::Array { items, .. }) = heap.get_mut(*loc) {
                if n < len {
                    items.truncate(n);
                } else {
                    items.extend(std::iter::repeat_n(Value::Undefined, n - len));
                }
            }
            Ok(())
        }
        Some(HeapObj::Array { items, .. }) => {
            let Some(i) = index else { return Ok(()) };
            let len = items.len();
            if i >= len && i - len > MAX_ARRAY_GROWTH {
                heap.bytes = usize::MAX;
                return Ok(());
            }
            heap.bytes = heap
                .bytes
                .saturating_add(i.saturating_sub(len) * SLOT_BYTES);
            heap.charge(&v);
            if let Some(HeapObj::Array { items, .. }) = heap.get_mut(*loc) {
                if i >= items.len() {
                    items.extend(std::iter::repeat_n(Value::Undefined, i + 1 - items.len()));
                }
                items[i] = v;
            }
            Ok(())
        }
        Some(HeapObj::Object { .. }) => {
            insert_named(heap, *loc, name, v);
            Ok(())
        }
        _ => Ok(()),
    }
}

// ----- Python

/// The dict key of a value (`1`, `1.0` and `True` are one key).
pub fn py_key(heap: &Heap, key: &Value) -> Result<Key, Error> {
    Ok(match key {
        Value::Str(s) => Key::Str(s.clone()),
        Value::Int(i) => match i.to_i64() {
            Some(n) => Key::Int(n),
            None => Key::int(i.to_bigint()),
        },
        Value::Bool(b) => Key::Int(*b as i64),
        Value::Float(x) if x.fract() == 0.0 && x.is_finite() => Key::int(py::float_to_bigint(*x)),
        Value::Float(x) => Key::Float(x.to_bits()),
        Value::Null | Value::Undefined => Key::Null,
        // CPython hashes tuples; `Key` has no tuple case, so say so rather than pretend.
        Value::Ref(loc) if matches!(heap.get(*loc), Some(HeapObj::Array { tuple: true, .. })) => {
            return Err(Error::new(
                "TypeError",
                "tuples as dict keys are outside the tracelab Python subset",
            ))
        }
        Value::Ref(_) => {
            return Err(Error::new(
                "TypeError",
                format!("unhashable type: '{}'", py::type_name(heap, key)),
            ))
        }
    })
}

/// A Python sequence index: ints and bools; negative counts from the end.
fn py_seq_index(
    heap: &Heap,
    container: &str,
    len: usize,
    key: &Value,
    assign: bool,
) -> Result<usize, Error> {
    let i = match key {
        Value::Int(i) => i.to_i64(),
        Value::Bool(b) => Some(*b as i64),
        _ => {
            let message = if container == "str" {
                format!(
                    "string indices must be integers, not '{}'",
                    py::type_name(heap, key)
                )
            } else {
                format!(
                    "{container} indices must be integers or slices, not {}",
                    py::type_name(heap, key)
                )
            };
            return Err(Error::new("TypeError", message));
        }
    };
    let len = len as i64;
    let out_of_range = || {
        let what = if container == "str" {
            "string"
        } else {
            container
        };
        let message = if assign {
            format!("{what} assignment index out of range")
        } else {
            format!("{what} index out of range")
        };
        Error::new("IndexError", message)
    };
    match i {
        Some(i) if i >= 0 && i < len => Ok(i as usize),
        Some(i) if i < 0 && i >= -len => Ok((len + i) as usize),
        _ => Err(out_of_range()),
    }
}

fn py_get(heap: &Heap, object: &Value, key: &Value) -> Result<Value, Error> {
    match object {
        Value::Str(s) if s.is_ascii() => {
            // One character per byte: indexed directly instead of collected.
            let i = py_seq_index(heap, "str", s.len(), key, false)?;
            Ok(Value::str(&s[i..i + 1]))
        }
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let i = py_seq_index(heap, "str", chars.len(), key, false)?;
            Ok(Value::str(&chars[i].to_string()))
        }
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, tuple }) => {
                let i = py_seq_index(
                    heap,
                    if *tuple { "tuple" } else { "list" },
                    items.len(),
                    key,
                    false,
                )?;
                Ok(items[i].clone())
            }
            Some(HeapObj::Object { class: None, props }) => {
                let k = py_key(heap, key)?;
                props
                    .get(&k)
                    .cloned()
                    .ok_or_else(|| Error::new("KeyError", py::repr(heap, key)))
            }
            _ => Err(not_subscriptable(heap, object)),
        },
        _ => Err(not_subscriptable(heap, object)),
    }
}

fn not_subscriptable(heap: &Heap, object: &Value) -> Error {
    Error::new(
        "TypeError",
        format!(
            "'{}' object is not subscriptable",
            py::type_name(heap, object)
        ),
    )
}

fn py_set(heap: &mut Heap, object: &Value, key: &Value, v: Value) -> Result<(), Error> {
    let no_assignment = |heap: &Heap| {
        Error::new(
            "TypeError",
            format!(
                "'{}' object does not support item assignment",
                py::type_name(heap, object)
            ),
        )
    };
    let Value::Ref(loc) = object else {
        return Err(no_assignment(heap));
    };
    match heap.get(*loc) {
        Some(HeapObj::Array {
            items,
            tuple: false,
        }) => {
            let i = py_seq_index(heap, "list", items.len(), key, true)?;
            heap.charge(&v);
            if let Some(HeapObj::Array { items, .. }) = heap.get_mut(*loc) {
                items[i] = v;
            }
            Ok(())
        }
        Some(HeapObj::Object { class: None, .. }) => {
            let k = py_key(heap, key)?;
            insert(heap, *loc, k, key.clone(), v);
            Ok(())
        }
        _ => Err(no_assignment(heap)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn js_array_length_assignment_truncates_and_pads() {
        let mut heap = Heap::default();
        let items = (1..=3).map(|i| Value::Float(i as f64)).collect();
        let a = Value::Ref(heap.alloc(HeapObj::Array {
            items,
            tuple: false,
        }));
        set_field(&mut heap, Dialect::Js, &a, "length", Value::Float(1.0)).expect("a valid length");
        assert_eq!(
            get_field(&heap, Dialect::Js, &a, "length"),
            Ok(Value::Float(1.0))
        );
        set_field(&mut heap, Dialect::Js, &a, "length", Value::Float(3.0)).expect("a valid length");
        assert_eq!(
            get_index(&heap, Dialect::Js, &a, &Value::Float(2.0)),
            Ok(Value::Undefined)
        );
        let err = set_field(&mut heap, Dialect::Js, &a, "length", Value::Float(-1.0)).unwrap_err();
        assert_eq!(
            (&*err.class, err.message.as_str()),
            ("RangeError", "Invalid array length")
        );
    }

    /// The element fast paths answer exactly what the generic paths answer wherever they
    /// answer, charge the same bytes, and decline everywhere else.
    #[test]
    fn element_fast_paths_agree_with_get_index_and_set_index() {
        let keys = [
            Value::int(0),
            Value::int(2),
            Value::int(3),
            Value::int(-1),
            Value::int(-3),
            Value::int(-4),
            Value::Bool(true),
            Value::Float(0.0),
            Value::Float(-0.0),
            Value::Float(2.0),
            Value::Float(3.0),
            Value::Float(1.5),
            Value::Float(-1.0),
            Value::Float(1e300),
            Value::Float(f64::NAN),
            Value::str("1"),
            Value::Null,
        ];
        let mut answered = 0;
        for dialect in [Dialect::Py, Dialect::Js] {
            for tuple in [false, true] {
                for key in &keys {
                    let mut heap = Heap::default();
                    let items = vec![Value::int(10), Value::str("x"), Value::Float(2.5)];
                    let a = Value::Ref(heap.alloc(HeapObj::Array { items, tuple }));
                    let (mut fast, mut generic) = (heap.clone(), heap.clone());
                    if let Some(v) = element(&heap, dialect, &a, key) {
                        assert_eq!(
                            Ok(v),
                            get_index(&heap, dialect, &a, key),
                            "{dialect:?} {key:?}"
                        );
                        answered += 1;
                    }
                    let v = Value::str("new");
                    if set_element(&mut fast, dialect, &a, key, v.clone()).is_ok() {
                        set_index(&mut generic, dialect, &a, key, v).expect("the generic path too");
                        assert_eq!(fast.bytes, generic.bytes, "{dialect:?} {key:?}");
                        assert_eq!(
                            fast.get(0).map(|o| format!("{o:?}")),
                            generic.get(0).map(|o| format!("{o:?}"))
                        );
                        answered += 1;
                    }
                }
            }
        }
        assert!(answered > 20, "only {answered} fast answers");
    }

    /// Indexing an ASCII string directly answers what indexing by characters (Python) and
    /// UTF-16 code units (JavaScript) answers, in range and out of it.
    #[test]
    fn ascii_string_indexing_agrees_with_indexing_by_characters() {
        let heap = Heap::default();
        let s = "ab c!";
        for i in -7i64..8 {
            let by_chars = {
                let chars: Vec<char> = s.chars().collect();
                let len = chars.len() as i64;
                let j = if i < 0 { i + len } else { i };
                (0..len)
                    .contains(&j)
                    .then(|| Value::str(&chars[j as usize].to_string()))
            };
            let got = get_index(&heap, Dialect::Py, &Value::str(s), &Value::int(i)).ok();
            assert_eq!(got, by_chars, "Python index {i}");
            let by_units = usize::try_from(i).ok().and_then(|j| {
                s.encode_utf16()
                    .nth(j)
                    .map(|u| Value::str(&String::from_utf16_lossy(&[u])))
            });
            let got = get_index(&heap, Dialect::Js, &Value::str(s), &Value::Float(i as f64));
            assert_eq!(
                got.ok().filter(|v| *v != Value::Undefined),
                by_units,
                "JavaScript index {i}"
            );
        }
        assert_eq!(
            get_field(&heap, Dialect::Js, &Value::str("héllo"), "length"),
            Ok(Value::Float(5.0))
        );
    }
}
