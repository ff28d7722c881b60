//! The Python library operators (str/list/dict methods, builtins without callables,
//! iteration, slices, formatting) that the py frontend lowers library calls to.
//! Messages are CPython 3.11's.

use super::access::py_key;
use super::errors::Error;
use super::py::{self, type_name};
use crate::value::{Heap, HeapObj, Props, Value};
use tracelab_ir::PrimOp;
use tracelab_prims::py::{self as prims, Int, Number};

mod methods;

pub use methods::format_value;
use methods::{
    dict_method, list_items, list_method, pairs, seq_search, set_items, sort, str_method,
};

/// Lists longer than this are refused as CPython would run out of memory long before
/// the machine's memory limit notices (`range(10**12)`).
const MAX_ITEMS: usize = 1 << 24;

pub fn apply(op: PrimOp, args: &[Value], heap: &mut Heap) -> Result<Value, Error> {
    match op {
        PrimOp::PyMethod => {
            let Value::Str(name) = &args[1] else {
                return Err(Error::new("TypeError", "method name must be a string"));
            };
            method(heap, &args[0], name, &args[2..])
        }
        PrimOp::PyBuiltin => {
            let Value::Str(name) = &args[0] else {
                return Err(Error::new("TypeError", "builtin name must be a string"));
            };
            builtin(heap, name, &args[1..])
        }
        PrimOp::PyIter => match &args[0] {
            Value::Ref(loc)
                if matches!(heap.get(*loc), Some(HeapObj::Array { tuple: false, .. })) =>
            {
                Ok(args[0].clone())
            }
            v => {
                let items = items_of(heap, v)?;
                Ok(list(heap, items))
            }
        },
        PrimOp::PySlice => slice(heap, &args[0], &args[1], &args[2], &args[3]),
        PrimOp::PyDelItem => delitem(heap, &args[0], &args[1]),
        PrimOp::PyIAdd => match &args[0] {
            Value::Ref(loc)
                if matches!(heap.get(*loc), Some(HeapObj::Array { tuple: false, .. })) =>
            {
                let more = items_of(heap, &args[1])?;
                extend(heap, *loc, more);
                Ok(args[0].clone())
            }
            _ => py::apply(PrimOp::PyAdd, args, heap),
        },
        PrimOp::PyUnpack => {
            let n = int_arg(&args[1]).unwrap_or(0);
            let items = match items_of(heap, &args[0]) {
                Ok(items) => items,
                Err(_) => {
                    return Err(Error::new(
                        "TypeError",
                        format!(
                            "cannot unpack non-iterable {} object",
                            type_name(heap, &args[0])
                        ),
                    ))
                }
            };
            let got = items.len() as i64;
            if got > n {
                return Err(Error::new(
                    "ValueError",
                    format!("too many values to unpack (expected {n})"),
                ));
            }
            if got < n {
                return Err(Error::new(
                    "ValueError",
                    format!("not enough values to unpack (expected {n}, got {got})"),
                ));
            }
            Ok(list(heap, items))
        }
        PrimOp::PyFormat => {
            let spec = match &args[1] {
                Value::Str(s) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::str(&format_value(heap, &args[0], &spec)?))
        }
        _ => unreachable!("py_lib::apply is dispatched on library operators only, not {op}"),
    }
}

fn list(heap: &mut Heap, items: Vec<Value>) -> Value {
    Value::Ref(heap.alloc(HeapObj::Array {
        items: items.into_iter().collect(),
        tuple: false,
    }))
}

fn tuple(heap: &mut Heap, items: Vec<Value>) -> Value {
    Value::Ref(heap.alloc(HeapObj::Array {
        items: items.into_iter().collect(),
        tuple: true,
    }))
}

fn extend(heap: &mut Heap, loc: u32, more: Vec<Value>) {
    for v in &more {
        heap.charge(v);
    }
    if let Some(HeapObj::Array { items, .. }) = heap.get_mut(loc) {
        items.extend(more);
    }
}

fn int_arg(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => i.to_i64(),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// The items an iteration over `v` produces (dict keys, characters of a str).
pub fn items_of(heap: &Heap, v: &Value) -> Result<Vec<Value>, Error> {
    match v {
        Value::Str(s) => Ok(s.chars().map(Value::char).collect()),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => Ok(items.to_vec()),
            Some(HeapObj::Object { class: None, props }) => {
                Ok(props.entries().map(|(_, k, _)| k.clone()).collect())
            }
            _ => Err(not_iterable(heap, v)),
        },
        _ => Err(not_iterable(heap, v)),
    }
}

fn not_iterable(heap: &Heap, v: &Value) -> Error {
    Error::new(
        "TypeError",
        format!("'{}' object is not iterable", type_name(heap, v)),
    )
}

fn no_attribute(heap: &Heap, v: &Value, name: &str) -> Error {
    Error::new(
        "AttributeError",
        format!("'{}' object has no attribute '{name}'", type_name(heap, v)),
    )
}

/// CPython's arity messages for methods ("append() takes exactly one argument (0 given)").
fn arity(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), Error> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    let message = match (min, max) {
        (0, 0) => format!("{name}() takes no arguments ({n} given)"),
        (1, 1) => format!("{name}() takes exactly one argument ({n} given)"),
        _ if n < min => format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        ),
        _ => format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        ),
    };
    Err(Error::new("TypeError", message))
}

fn str_arg<'a>(heap: &Heap, v: &'a Value, what: &str) -> Result<&'a str, Error> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(Error::new(
            "TypeError",
            format!("{what} must be str, not {}", type_name(heap, v)),
        )),
    }
}

fn opt_str<'a>(heap: &Heap, v: Option<&'a Value>, what: &str) -> Result<Option<&'a str>, Error> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => str_arg(heap, v, what).map(Some),
    }
}

fn method(heap: &mut Heap, recv: &Value, name: &str, args: &[Value]) -> Result<Value, Error> {
    match recv {
        Value::Str(s) => str_method(heap, recv, s, name, args),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { tuple: false, .. }) => list_method(heap, recv, *loc, name, args),
            Some(HeapObj::Array { tuple: true, items }) => {
                let items = items.clone();
                match name {
                    "index" | "count" => seq_search(heap, &items, name, args, "tuple"),
                    _ => Err(no_attribute(heap, recv, name)),
                }
            }
            Some(HeapObj::Object { class: None, .. }) => dict_method(heap, recv, *loc, name, args),
            _ => Err(no_attribute(heap, recv, name)),
        },
        _ => Err(no_attribute(heap, recv, name)),
    }
}

fn slice(heap: &mut Heap, seq: &Value, a: &Value, b: &Value, c: &Value) -> Result<Value, Error> {
    let bound = |v: &Value| -> Result<Option<i64>, Error> {
        match v {
            Value::Null => Ok(None),
            Value::Int(i) => Ok(Some(i.to_i64().unwrap_or(
                if i.to_bigint().sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                },
            ))),
            Value::Bool(b) => Ok(Some(*b as i64)),
            _ => Err(Error::new(
                "TypeError",
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    };
    let (start, stop, step) = (bound(a)?, bound(b)?, bound(c)?);
    match seq {
        Value::Str(s) => {
            let chars: Vec<char> = s.chars().collect();
            let idx = prims::slice_indices(chars.len() as i64, start, stop, step)?;
            Ok(Value::str(
                &idx.into_iter().map(|i| chars[i]).collect::<String>(),
            ))
        }
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, tuple }) => {
                let is_tuple = *tuple;
                let idx = prims::slice_indices(items.len() as i64, start, stop, step)?;
                let out: Vec<Value> = idx.into_iter().map(|i| items[i].clone()).collect();
                Ok(if is_tuple {
                    tuple_of(heap, out)
                } else {
                    list(heap, out)
                })
            }
            _ => Err(Error::new(
                "TypeError",
                format!("'{}' object is not subscriptable", type_name(heap, seq)),
            )),
        },
        _ => Err(Error::new(
            "TypeError",
            format!("'{}' object is not subscriptable", type_name(heap, seq)),
        )),
    }
}

fn tuple_of(heap: &mut Heap, items: Vec<Value>) -> Value {
    tuple(heap, items)
}

fn delitem(heap: &mut Heap, o: &Value, k: &Value) -> Result<Value, Error> {
    if let Value::Ref(loc) = o {
        match heap.get(*loc) {
            Some(HeapObj::Array {
                tuple: false,
                items,
            }) => {
                let len = items.len() as i64;
                let i = int_arg(k).ok_or_else(|| {
                    Error::new(
                        "TypeError",
                        format!(
                            "list indices must be integers or slices, not {}",
                            type_name(heap, k)
                        ),
                    )
                })?;
                let j = if i < 0 { i + len } else { i };
                if j < 0 || j >= len {
                    return Err(Error::new(
                        "IndexError",
                        "list assignment index out of range",
                    ));
                }
                let mut items = items.clone();
                items.remove(j as usize);
                set_items(heap, *loc, items);
                return Ok(Value::Null);
            }
            Some(HeapObj::Object { class: None, .. }) => {
                let key = py_key(heap, k)?;
                let removed = match heap.get_mut(*loc) {
                    Some(HeapObj::Object { props, .. }) => props.remove(&key),
                    _ => None,
                };
                if removed.is_none() {
                    return Err(Error::new("KeyError", py::repr(heap, k)));
                }
                return Ok(Value::Null);
            }
            _ => {}
        }
    }
    Err(Error::new(
        "TypeError",
        format!(
            "'{}' object doesn't support item deletion",
            type_name(heap, o)
        ),
    ))
}

fn number_of(v: &Value) -> Option<Number> {
    match v {
        Value::Int(i) => Some(Number::Int(i.clone())),
        Value::Bool(b) => Some(Number::Int(Int::from_i64(*b as i64))),
        Value::Float(x) => Some(Number::Float(*x)),
        _ => None,
    }
}

fn from_number(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(x) => Value::Float(x),
    }
}

fn builtin(heap: &mut Heap, name: &str, args: &[Value]) -> Result<Value, Error> {
    let one = |what: &str| -> Result<(), Error> {
        if args.len() == 1 {
            Ok(())
        } else {
            Err(Error::new(
                "TypeError",
                format!("{what}() takes exactly one argument ({} given)", args.len()),
            ))
        }
    };
    match name {
        "int" => {
            if args.len() > 1 {
                return Err(Error::new(
                    "TypeError",
                    "int() with a base is outside the tracelab subset",
                ));
            }
            match args.first() {
                None => Ok(Value::int(0)),
                Some(Value::Int(i)) => Ok(Value::Int(i.clone())),
                Some(Value::Bool(b)) => Ok(Value::int(*b as i64)),
                Some(Value::Float(x)) => Ok(Value::Int(prims::float_to_int(*x)?)),
                Some(Value::Str(s)) => Ok(Value::Int(Int::parse(s)?)),
                Some(v) => Err(Error::new(
                    "TypeError",
                    format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", type_name(heap, v)),
                )),
            }
        }
        "float" => match args.first() {
            None => Ok(Value::Float(0.0)),
            Some(Value::Float(x)) => Ok(Value::Float(*x)),
            Some(Value::Int(i)) => Ok(Value::Float(i.to_f64()?)),
            Some(Value::Bool(b)) => Ok(Value::Float(*b as i64 as f64)),
            Some(Value::Str(s)) => Ok(Value::Float(prims::float_parse(s)?)),
            Some(v) => Err(Error::new(
                "TypeError",
                format!(
                    "float() argument must be a string or a real number, not '{}'",
                    type_name(heap, v)
                ),
            )),
        },
        "abs" => {
            one("abs")?;
            match number_of(&args[0]) {
                Some(Number::Int(i)) => Ok(Value::Int(i.abs())),
                Some(Number::Float(x)) => Ok(Value::Float(x.abs())),
                None => Err(Error::new(
                    "TypeError",
                    format!(
                        "bad operand type for abs(): '{}'",
                        type_name(heap, &args[0])
                    ),
                )),
            }
        }
        "round" => {
            let nd = match args.get(1) {
                None | Some(Value::Null) => None,
                Some(v) => Some(int_arg(v).ok_or_else(|| {
                    Error::new(
                        "TypeError",
                        format!(
                            "'{}' object cannot be interpreted as an integer",
                            type_name(heap, v)
                        ),
                    )
                })?),
            };
            match number_of(&args[0]) {
                Some(Number::Float(x)) => Ok(from_number(prims::round_half_even(x, nd)?)),
                Some(Number::Int(i)) if nd.is_none_or(|n| n >= 0) => Ok(Value::Int(i)),
                Some(Number::Int(_)) => Err(Error::new(
                    "TypeError",
                    "round() of an int to negative digits is outside the tracelab subset",
                )),
                None => Err(Error::new(
                    "TypeError",
                    format!(
                        "type {} doesn't define __round__ method",
                        type_name(heap, &args[0])
                    ),
                )),
            }
        }
        "sum" => {
            let mut acc = args.get(1).cloned().unwrap_or(Value::int(0));
            if let Value::Str(_) = acc {
                return Err(Error::new(
                    "TypeError",
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            for v in items_of(heap, &args[0])? {
                acc = py::apply(PrimOp::PyAdd, &[acc, v], heap)?;
            }
            Ok(acc)
        }
        "reversed" => {
            one("reversed")?;
            match &args[0] {
                Value::Ref(loc)
                    if matches!(heap.get(*loc), Some(HeapObj::Object { class: None, .. })) =>
                {
                    Err(Error::new("TypeError", "'dict' object is not reversible"))
                }
                v => {
                    let mut items = items_of(heap, v).map_err(|_| {
                        Error::new(
                            "TypeError",
                            format!("'{}' object is not reversible", type_name(heap, v)),
                        )
                    })?;
                    items.reverse();
                    Ok(list(heap, items))
                }
            }
        }
        "range" | "range_arg" => {
            let mut ints = Vec::new();
            for v in args {
                match v {
                    Value::Int(i) => ints.push(i.to_i64().unwrap_or(i64::MAX)),
                    Value::Bool(b) => ints.push(*b as i64),
                    _ => {
                        return Err(Error::new(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                type_name(heap, v)
                            ),
                        ))
                    }
                }
            }
            if name == "range_arg" {
                return Ok(args[0].clone());
            }
            let (start, stop, step) = match ints.as_slice() {
                [b] => (0, *b, 1),
                [a, b] => (*a, *b, 1),
                [a, b, c] => (*a, *b, *c),
                _ => {
                    return Err(Error::new(
                        "TypeError",
                        format!("range expected at most 3 arguments, got {}", ints.len()),
                    ))
                }
            };
            if step == 0 {
                return Err(Error::new("ValueError", "range() arg 3 must not be zero"));
            }
            let count = if step > 0 {
                (stop.saturating_sub(start).max(0) as u64).div_ceil(step as u64)
            } else {
                (start.saturating_sub(stop).max(0) as u64).div_ceil(step.unsigned_abs())
            };
            if count as usize > MAX_ITEMS {
                return Err(Error::new("MemoryError", ""));
            }
            let items = (0..count as i64)
                .map(|k| Value::int(start + k * step))
                .collect();
            Ok(list(heap, items))
        }
        "enumerate" => {
            let start = args.get(1).and_then(int_arg).unwrap_or(0);
            let items = items_of(heap, &args[0])?;
            let out = items
                .into_iter()
                .enumerate()
                .map(|(i, v)| tuple(heap, vec![Value::int(start + i as i64), v]))
                .collect();
            Ok(list(heap, out))
        }
        "zip" => {
            let mut seqs = Vec::new();
            for (i, a) in args.iter().enumerate() {
                seqs.push(items_of(heap, a).map_err(|_| {
                    Error::new(
                        "TypeError",
                        format!("zip argument #{} must support iteration", i + 1),
                    )
                })?);
            }
            let n = seqs.iter().map(Vec::len).min().unwrap_or(0);
            let out = (0..n)
                .map(|k| tuple(heap, seqs.iter().map(|s| s[k].clone()).collect()))
                .collect();
            Ok(list(heap, out))
        }
        "list" | "tuple" => {
            let items = match args.first() {
                None => Vec::new(),
                Some(v) => items_of(heap, v)?,
            };
            Ok(if name == "list" {
                list(heap, items)
            } else {
                tuple(heap, items)
            })
        }
        "dict" => {
            let mut props = Props::default();
            if let Some(v) = args.first() {
                for (k, v) in pairs(heap, v)? {
                    props.insert(py_key(heap, &k)?, k, v);
                }
            }
            Ok(Value::Ref(
                heap.alloc(HeapObj::Object { class: None, props }),
            ))
        }
        "any" | "all" => {
            one(name)?;
            let items = items_of(heap, &args[0])?;
            let want = name == "any";
            Ok(Value::Bool(if want {
                items.iter().any(|v| py::truthy(heap, v))
            } else {
                items.iter().all(|v| py::truthy(heap, v))
            }))
        }
        "chr" => match int_arg(&args[0]) {
            Some(i) => u32::try_from(i)
                .ok()
                .and_then(char::from_u32)
                .map(Value::char)
                .ok_or_else(|| Error::new("ValueError", "chr() arg not in range(0x110000)")),
            None => Err(Error::new(
                "TypeError",
                format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(heap, &args[0])
                ),
            )),
        },
        // One implementation with generated code's direct call.
        "ord" => match (&args[0], crate::fast::py_ord(&args[0])) {
            (_, Some(code)) => Ok(Value::int(code)),
            (Value::Str(s), None) => Err(Error::new(
                "TypeError",
                format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ),
            )),
            (v, None) => Err(Error::new(
                "TypeError",
                format!(
                    "ord() expected string of length 1, but {} found",
                    type_name(heap, v)
                ),
            )),
        },
        "isinstance" => {
            let Value::Str(t) = &args[1] else {
                return Ok(Value::Bool(false));
            };
            let actual = type_name(heap, &args[0]);
            Ok(Value::Bool(
                actual == t.as_ref() || (t.as_ref() == "int" && actual == "bool"),
            ))
        }
        "sort" | "sort_keys" => {
            let Value::Ref(loc) = &args[0] else {
                return Err(no_attribute(heap, &args[0], "sort"));
            };
            if !matches!(heap.get(*loc), Some(HeapObj::Array { tuple: false, .. })) {
                return Err(no_attribute(heap, &args[0], "sort"));
            }
            let items = list_items(heap, *loc);
            let (keys, reverse) = if name == "sort" {
                (None, py::truthy(heap, &args[1]))
            } else {
                let Value::Ref(k) = &args[1] else {
                    return Err(Error::new("TypeError", "sort keys must be a list"));
                };
                (Some(list_items(heap, *k)), py::truthy(heap, &args[2]))
            };
            let sorted = sort(heap, &items, keys.as_deref(), reverse)?;
            set_items(heap, *loc, sorted);
            Ok(Value::Null)
        }
        _ => Err(Error::new(
            "NameError",
            format!("name '{name}' is not defined"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prim::errors::alloc_error;

    fn s(x: &str) -> Value {
        Value::str(x)
    }

    fn py(op: PrimOp, args: &[Value], heap: &mut Heap) -> Result<Value, Error> {
        crate::prim::apply(op, args, heap, tracelab_ir::Dialect::Py)
    }

    #[test]
    fn error_reprs_follow_cpython() {
        let mut heap = Heap::default();
        let key = alloc_error(&mut heap, &Error::new("KeyError", "'missing'"));
        let empty = alloc_error(&mut heap, &Error::new("ValueError", ""));
        let plain = alloc_error(&mut heap, &Error::new("ValueError", "bad"));
        assert_eq!(py::repr(&heap, &key), "KeyError('missing')");
        assert_eq!(py::repr(&heap, &empty), "ValueError()");
        assert_eq!(py::repr(&heap, &plain), "ValueError('bad')");
    }

    #[test]
    fn sequence_times_non_int_names_the_type() {
        let mut heap = Heap::default();
        let e = py(PrimOp::PyMul, &[s("a"), s("b")], &mut heap).unwrap_err();
        assert_eq!(
            e.message,
            "can't multiply sequence by non-int of type 'str'"
        );
        let e = py(PrimOp::PyMul, &[s("a"), Value::Float(2.0)], &mut heap).unwrap_err();
        assert_eq!(
            e.message,
            "can't multiply sequence by non-int of type 'float'"
        );
        assert_eq!(
            py(PrimOp::PyMul, &[Value::int(2), s("ab")], &mut heap).unwrap(),
            s("abab")
        );
    }

    #[test]
    fn reverse_sort_is_stable_and_keys_decide() {
        let mut heap = Heap::default();
        let items = list(&mut heap, vec![s("bb"), s("a"), s("cc"), s("d")]);
        let keys = list(
            &mut heap,
            vec![Value::int(2), Value::int(1), Value::int(2), Value::int(1)],
        );
        py(
            PrimOp::PyBuiltin,
            &[s("sort_keys"), items.clone(), keys, Value::Bool(true)],
            &mut heap,
        )
        .unwrap();
        assert_eq!(py::repr(&heap, &items), "['bb', 'cc', 'a', 'd']");
    }

    #[test]
    fn unpacking_and_slices_raise_cpython_errors() {
        let mut heap = Heap::default();
        let xs = list(&mut heap, vec![Value::int(1), Value::int(2), Value::int(3)]);
        let e = py(PrimOp::PyUnpack, &[xs.clone(), Value::int(2)], &mut heap).unwrap_err();
        assert_eq!(e.message, "too many values to unpack (expected 2)");
        let e = py(PrimOp::PyUnpack, &[Value::int(5), Value::int(2)], &mut heap).unwrap_err();
        assert_eq!(e.message, "cannot unpack non-iterable int object");
        let r = py(
            PrimOp::PySlice,
            &[xs, Value::Null, Value::Null, Value::int(-1)],
            &mut heap,
        )
        .unwrap();
        assert_eq!(py::repr(&heap, &r), "[3, 2, 1]");
        let parts = py(PrimOp::PyMethod, &[s(" a  b "), s("split")], &mut heap).unwrap();
        assert_eq!(py::repr(&heap, &parts), "['a', 'b']");
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn tuple_keys_are_named_as_outside_the_subset() {
        let mut heap = Heap::default();
        let t = tuple(&mut heap, vec![Value::int(1)]);
        let l = list(&mut heap, vec![]);
        assert_eq!(
            py_key(&heap, &t).unwrap_err().message,
            "tuples as dict keys are outside the tracelab Python subset"
        );
        assert_eq!(
            py_key(&heap, &l).unwrap_err().message,
            "unhashable type: 'list'"
        );
    }
}
