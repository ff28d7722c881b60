//! str, list and dict methods, `str.format`/`format()`, and sorting (CPython 3.11 messages).

use super::{arity, extend, int_arg, items_of, list, no_attribute, opt_str, str_arg, tuple};
use crate::prim::access::py_key;
use crate::prim::errors::Error;
use crate::prim::py::{self, type_name};
use crate::value::{Heap, HeapObj, Props, Value};

use std::cmp::Ordering;
use tracelab_prims::py::{self as prims, Int};

pub(super) fn str_method(
    heap: &mut Heap,
    recv: &Value,
    s: &str,
    name: &str,
    args: &[Value],
) -> Result<Value, Error> {
    let text = |t: String| Ok(Value::str(&t));
    match name {
        "upper" | "lower" | "isdigit" | "isalpha" => {
            arity(name, args, 0, 0)?;
            match name {
                "upper" => text(prims::upper(s)),
                "lower" => text(prims::lower(s)),
                "isdigit" => Ok(Value::Bool(prims::isdigit(s))),
                _ => Ok(Value::Bool(prims::isalpha(s))),
            }
        }
        "strip" | "lstrip" | "rstrip" => {
            arity(name, args, 0, 1)?;
            let chars = opt_str(heap, args.first(), &format!("{name} arg"))?;
            text(match name {
                "strip" => prims::strip(s, chars),
                "lstrip" => prims::lstrip(s, chars),
                _ => prims::rstrip(s, chars),
            })
        }
        "split" | "rsplit" => {
            arity(name, args, 0, 2)?;
            let sep = opt_str(heap, args.first(), "must be str or None").map_err(|_| {
                Error::new(
                    "TypeError",
                    format!("must be str or None, not {}", type_name(heap, &args[0])),
                )
            })?;
            let max = match args.get(1) {
                Some(v) => index_arg(heap, v)?,
                None => -1,
            };
            let parts = if name == "split" {
                prims::split(s, sep, max)?
            } else {
                prims::rsplit(s, sep, max)?
            };
            let items = parts.iter().map(|p| Value::str(p)).collect();
            Ok(list(heap, items))
        }
        "join" => {
            arity(name, args, 1, 1)?;
            let items = items_of(heap, &args[0])?;
            let mut parts = Vec::new();
            for (i, it) in items.iter().enumerate() {
                match it {
                    Value::Str(p) => parts.push(p.to_string()),
                    _ => {
                        return Err(Error::new(
                            "TypeError",
                            format!(
                                "sequence item {i}: expected str instance, {} found",
                                type_name(heap, it)
                            ),
                        ))
                    }
                }
            }
            text(prims::join(s, &parts))
        }
        "replace" => {
            arity(name, args, 2, 3)?;
            let old = str_arg(heap, &args[0], "replace() argument 1")?;
            let new = str_arg(heap, &args[1], "replace() argument 2")?;
            let count = args.get(2).and_then(int_arg).unwrap_or(-1);
            let limit = usize::try_from(count).unwrap_or(usize::MAX);
            let (bound, exact) = (super::super::replaced_bound(s, new), || {
                super::super::replaced_len(s, old, new, limit)
            });
            if !heap.admit(bound, exact) {
                return Ok(Value::Undefined);
            }
            text(prims::replace(s, old, new, count))
        }
        "startswith" | "endswith" | "find" | "index" | "count" => {
            arity(name, args, 1, 1)?;
            let sub = match &args[0] {
                Value::Str(t) => t.to_string(),
                v => {
                    let message = match name {
                        "startswith" | "endswith" => format!(
                            "{name} first arg must be str or a tuple of str, not {}",
                            type_name(heap, v)
                        ),
                        _ => format!("must be str, not {}", type_name(heap, v)),
                    };
                    return Err(Error::new("TypeError", message));
                }
            };
            Ok(match name {
                "startswith" => Value::Bool(prims::startswith(s, &sub)),
                "endswith" => Value::Bool(prims::endswith(s, &sub)),
                "find" => Value::int(prims::find(s, &sub)),
                "index" => Value::int(prims::index(s, &sub)?),
                _ => Value::int(prims::count(s, &sub)),
            })
        }
        "format" => text(str_format(heap, s, args)?),
        _ => Err(no_attribute(heap, recv, name)),
    }
}

/// `"…{}…{0:spec}…".format(args…)` (positional fields only).
pub(super) fn str_format(heap: &Heap, s: &str, args: &[Value]) -> Result<String, Error> {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    let mut auto = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '}' => {
                return Err(Error::new(
                    "ValueError",
                    "Single '}' encountered in format string",
                ))
            }
            '{' => {
                let mut field = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => field.push(c),
                        None => {
                            return Err(Error::new(
                                "ValueError",
                                "expected '}' before end of string",
                            ))
                        }
                    }
                }
                let (head, spec) = field.split_once(':').unwrap_or((&field, ""));
                let (head, conv) = head
                    .split_once('!')
                    .map(|(h, c)| (h, Some(c)))
                    .unwrap_or((head, None));
                let index = if head.is_empty() {
                    auto += 1;
                    auto - 1
                } else {
                    head.parse::<usize>()
                        .map_err(|_| Error::new("KeyError", prims::str_repr(head)))?
                };
                let v = args.get(index).ok_or_else(|| {
                    Error::new(
                        "IndexError",
                        format!("Replacement index {index} out of range for positional args tuple"),
                    )
                })?;
                let v = match conv {
                    Some("r") => Value::str(&py::repr(heap, v)),
                    Some("s") => Value::str(&py::str(heap, v)),
                    _ => v.clone(),
                };
                out.push_str(&format_value(heap, &v, spec)?);
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `format(v, spec)`.
pub fn format_value(heap: &Heap, v: &Value, spec: &str) -> Result<String, Error> {
    Ok(match v {
        Value::Bool(b) if spec.is_empty() => (if *b { "True" } else { "False" }).to_string(),
        Value::Bool(b) => prims::format_int(&Int::from_i64(*b as i64), spec)?,
        Value::Int(i) => prims::format_int(i, spec)?,
        Value::Float(x) => prims::format_float(*x, spec)?,
        Value::Str(s) => prims::format_str(s, spec)?,
        _ if spec.is_empty() => py::str(heap, v),
        _ => {
            return Err(Error::new(
                "TypeError",
                format!(
                    "unsupported format string passed to {}.__format__",
                    type_name(heap, v)
                ),
            ))
        }
    })
}

pub(super) fn seq_search(
    heap: &Heap,
    items: &[Value],
    name: &str,
    args: &[Value],
    kind: &str,
) -> Result<Value, Error> {
    arity(name, args, 1, 1)?;
    if name == "count" {
        return Ok(Value::int(
            items.iter().filter(|i| py::eq(heap, i, &args[0])).count() as i64,
        ));
    }
    match items.iter().position(|i| py::eq(heap, i, &args[0])) {
        Some(p) => Ok(Value::int(p as i64)),
        None if kind == "tuple" => Err(Error::new("ValueError", "tuple.index(x): x not in tuple")),
        None => Err(Error::new(
            "ValueError",
            format!("{} is not in list", py::repr(heap, &args[0])),
        )),
    }
}

pub(super) fn list_items(heap: &Heap, loc: u32) -> Vec<Value> {
    match heap.get(loc) {
        Some(HeapObj::Array { items, .. }) => items.clone(),
        _ => Vec::new(),
    }
}

/// An int argument where CPython wants an index (`pop`, `insert`, `split`'s count).
fn index_arg(heap: &Heap, v: &Value) -> Result<i64, Error> {
    int_arg(v).ok_or_else(|| {
        Error::new(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(heap, v)
            ),
        )
    })
}

fn list_len(heap: &Heap, loc: u32) -> usize {
    match heap.get(loc) {
        Some(HeapObj::Array { items, .. }) => items.len(),
        _ => 0,
    }
}

pub(super) fn set_items(heap: &mut Heap, loc: u32, new: Vec<Value>) {
    if let Some(HeapObj::Array { items, .. }) = heap.get_mut(loc) {
        *items = new;
    }
}

pub(super) fn list_method(
    heap: &mut Heap,
    recv: &Value,
    loc: u32,
    name: &str,
    args: &[Value],
) -> Result<Value, Error> {
    if name == "append" {
        // In place: a loop of appends must stay linear.
        arity(name, args, 1, 1)?;
        heap.charge(&args[0]);
        if let Some(HeapObj::Array { items, .. }) = heap.get_mut(loc) {
            items.push(args[0].clone());
        }
        return Ok(Value::Null);
    }
    if name == "pop" {
        // In place: popping in a loop must stay linear.
        arity(name, args, 0, 1)?;
        let len = list_len(heap, loc);
        if len == 0 {
            return Err(Error::new("IndexError", "pop from empty list"));
        }
        let len = len as i64;
        let i = match args.first() {
            Some(v) => index_arg(heap, v)?,
            None => -1,
        };
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            return Err(Error::new("IndexError", "pop index out of range"));
        }
        return Ok(match heap.get_mut(loc) {
            Some(HeapObj::Array { items, .. }) => items.remove(j as usize),
            _ => Value::Null,
        });
    }
    let mut items = list_items(heap, loc);
    match name {
        "extend" => {
            arity(name, args, 1, 1)?;
            let more = items_of(heap, &args[0])?;
            extend(heap, loc, more);
            return Ok(Value::Null);
        }
        "insert" => {
            arity(name, args, 2, 2)?;
            let len = items.len() as i64;
            let i = index_arg(heap, &args[0])?;
            let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
            heap.charge(&args[1]);
            items.insert(i as usize, args[1].clone());
        }
        "remove" => {
            arity(name, args, 1, 1)?;
            match items.iter().position(|i| py::eq(heap, i, &args[0])) {
                Some(p) => {
                    items.remove(p);
                }
                None => return Err(Error::new("ValueError", "list.remove(x): x not in list")),
            }
        }
        "index" | "count" => return seq_search(heap, &items, name, args, "list"),
        "sort" => {
            arity(name, args, 0, 0)?;
            let sorted = sort(heap, &items, None, false)?;
            items = sorted;
        }
        "reverse" => {
            arity(name, args, 0, 0)?;
            items = items.into_iter().rev().collect();
        }
        "copy" => {
            arity(name, args, 0, 0)?;
            return Ok(list(heap, items.into_iter().collect()));
        }
        "clear" => {
            arity(name, args, 0, 0)?;
            items = Vec::new();
        }
        _ => return Err(no_attribute(heap, recv, name)),
    }
    set_items(heap, loc, items);
    Ok(Value::Null)
}

/// A stable sort by `<` (on the keys when given); `reverse` keeps equal items in order.
pub(super) fn sort(
    heap: &Heap,
    items: &[Value],
    keys: Option<&[Value]>,
    reverse: bool,
) -> Result<Vec<Value>, Error> {
    let keys: Vec<Value> = keys.map(|k| k.to_vec()).unwrap_or_else(|| items.to_vec());
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    order.sort_by(|&a, &b| {
        if error.is_some() {
            return Ordering::Equal;
        }
        let (x, y) = if reverse {
            (&keys[b], &keys[a])
        } else {
            (&keys[a], &keys[b])
        };
        match lt(heap, x, y) {
            Ok(true) => Ordering::Less,
            Ok(false) => match lt(heap, y, x) {
                Ok(true) => Ordering::Greater,
                Ok(false) => Ordering::Equal,
                Err(e) => {
                    error = Some(e);
                    Ordering::Equal
                }
            },
            Err(e) => {
                error = Some(e);
                Ordering::Equal
            }
        }
    });
    if let Some(e) = error {
        return Err(e);
    }
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

pub(super) fn lt(heap: &Heap, a: &Value, b: &Value) -> Result<bool, Error> {
    Ok(py::compare(heap, a, b, "<")?.is_some_and(Ordering::is_lt))
}

/// The entries of a dict, borrowed: a question about a dict never copies it.
fn dict_ref(heap: &Heap, loc: u32) -> Option<&Props> {
    match heap.get(loc) {
        Some(HeapObj::Object { props, .. }) => Some(props),
        _ => None,
    }
}

fn dict_mut(heap: &mut Heap, loc: u32) -> Option<&mut Props> {
    match heap.get_mut(loc) {
        Some(HeapObj::Object { props, .. }) => Some(props),
        _ => None,
    }
}

pub(super) fn set_props(heap: &mut Heap, loc: u32, new: Props) {
    if let Some(props) = dict_mut(heap, loc) {
        *props = new;
    }
}

pub(super) fn dict_method(
    heap: &mut Heap,
    recv: &Value,
    loc: u32,
    name: &str,
    args: &[Value],
) -> Result<Value, Error> {
    let empty = Props::default();
    match name {
        "get" => {
            arity(name, args, 1, 2)?;
            let k = py_key(heap, &args[0])?;
            let found = dict_ref(heap, loc).unwrap_or(&empty).get(&k).cloned();
            Ok(found.unwrap_or_else(|| args.get(1).cloned().unwrap_or(Value::Null)))
        }
        "keys" | "values" | "items" => {
            arity(name, args, 0, 0)?;
            let entries: Vec<(Value, Value)> = dict_ref(heap, loc)
                .unwrap_or(&empty)
                .entries()
                .map(|(_, k, v)| (k.clone(), v.clone()))
                .collect();
            let items = entries
                .into_iter()
                .map(|(k, v)| match name {
                    "keys" => k,
                    "values" => v,
                    _ => tuple(heap, vec![k, v]),
                })
                .collect();
            Ok(list(heap, items))
        }
        "pop" => {
            arity(name, args, 1, 2)?;
            let k = py_key(heap, &args[0])?;
            match dict_mut(heap, loc).and_then(|props| props.remove(&k)) {
                Some(v) => Ok(v),
                None => args
                    .get(1)
                    .cloned()
                    .ok_or_else(|| Error::new("KeyError", py::repr(heap, &args[0]))),
            }
        }
        "setdefault" => {
            arity(name, args, 1, 2)?;
            let k = py_key(heap, &args[0])?;
            if let Some(v) = dict_ref(heap, loc).and_then(|props| props.get(&k)) {
                return Ok(v.clone());
            }
            let v = args.get(1).cloned().unwrap_or(Value::Null);
            heap.charge(&v);
            if let Some(props) = dict_mut(heap, loc) {
                props.insert(k, args[0].clone(), v.clone());
            }
            Ok(v)
        }
        "update" => {
            arity(name, args, 1, 1)?;
            let mut keyed = Vec::new();
            for (k, v) in pairs(heap, &args[0])? {
                heap.charge(&v);
                keyed.push((py_key(heap, &k)?, k, v));
            }
            if let Some(props) = dict_mut(heap, loc) {
                for (key, k, v) in keyed {
                    props.insert(key, k, v);
                }
            }
            Ok(Value::Null)
        }
        "copy" => {
            arity(name, args, 0, 0)?;
            let props = dict_ref(heap, loc).cloned().unwrap_or_default();
            Ok(Value::Ref(
                heap.alloc(HeapObj::Object { class: None, props }),
            ))
        }
        "clear" => {
            arity(name, args, 0, 0)?;
            set_props(heap, loc, Props::default());
            Ok(Value::Null)
        }
        _ => Err(no_attribute(heap, recv, name)),
    }
}

/// The (key, value) pairs of a dict, or of an iterable of pairs.
pub(super) fn pairs(heap: &Heap, v: &Value) -> Result<Vec<(Value, Value)>, Error> {
    if let Value::Ref(loc) = v {
        if let Some(HeapObj::Object { class: None, props }) = heap.get(*loc) {
            return Ok(props
                .entries()
                .map(|(_, k, v)| (k.clone(), v.clone()))
                .collect());
        }
    }
    let mut out = Vec::new();
    for (i, item) in items_of(heap, v)?.into_iter().enumerate() {
        let kv = items_of(heap, &item).map_err(|_| {
            Error::new(
                "TypeError",
                format!("cannot convert dictionary update sequence element #{i} to a sequence"),
            )
        })?;
        if kv.len() != 2 {
            return Err(Error::new(
                "ValueError",
                format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    kv.len()
                ),
            ));
        }
        out.push((kv[0].clone(), kv[1].clone()));
    }
    Ok(out)
}
