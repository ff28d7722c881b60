//! The meaning of primitive operations (δ in the rules) and of heap access, per language.
//! Scalar arithmetic, number formatting and string operations come from `tracelab-prims`,
//! which the Rust runtime shares; what touches the heap is written here.

pub mod access;
pub mod errors;
pub mod js;
pub mod js_inspect;
pub mod js_json;
pub mod js_lib;
pub mod py;
pub mod py_lib;

use crate::value::{Heap, HeapObj, Value};
use errors::Error;
use tracelab_ir::{Dialect, PrimOp};

/// The bytes of `s` with up to `limit` non-overlapping occurrences of `old` replaced by `new`
/// (an empty `old` matches between characters and at both ends), as `replace` builds it.
pub(crate) fn replaced_len(s: &str, old: &str, new: &str, limit: usize) -> usize {
    let n = if old.is_empty() {
        s.chars().count().saturating_add(1).min(limit)
    } else {
        s.matches(old).take(limit).count()
    };
    (s.len() - n * old.len()).saturating_add(n.saturating_mul(new.len()))
}

/// A cheap upper bound of [`replaced_len`]: every byte (and both ends) an occurrence.
pub(crate) fn replaced_bound(s: &str, new: &str) -> usize {
    s.len()
        .saturating_add(s.len().saturating_add(1).saturating_mul(new.len()))
}

/// Applies a primitive. Arity was checked by the well-formedness checker; the machine
/// only applies operations to as many values as they take.
pub fn apply(
    op: PrimOp,
    args: &[Value],
    heap: &mut Heap,
    dialect: Dialect,
) -> Result<Value, Error> {
    if !op.arity().accepts(args.len()) {
        return Err(Error::new(
            "TypeError",
            format!("`{op}` takes {}, not {}", op.arity(), args.len()),
        ));
    }
    let v = match in_place(op, args, heap) {
        Some(v) => v,
        None => {
            let name = op.name();
            if name.starts_with("js.") {
                js::apply(op, args, heap)
            } else if name.starts_with("py.") {
                py::apply(op, args, heap)
            } else {
                shared(op, args, heap, dialect)
            }?
        }
    };
    // A string or big integer a primitive returns is counted against the memory limit, even
    // when it only lives in a variable: generated code keeps uncaptured variables in Rust
    // locals, which the heap does not see, and the budget must still bound what it builds.
    let big = matches!(&v, Value::Int(i) if i.big().is_some());
    if big || matches!(v, Value::Str(_)) {
        heap.charge(&v);
    }
    Ok(v)
}

/// The common in-place operations on lists and arrays, answered directly: Python
/// `list.append(x)` and `list.pop()` of a non-empty list, JavaScript `push(x)` and `pop()`.
/// Each does exactly what the general dispatch does for these arguments (charging a pushed
/// value as it does); `None` for anything else, which the general dispatch decides. A loop
/// of appends or pops thus skips the dispatch on the operator's and the method's name.
#[inline]
fn in_place(op: PrimOp, args: &[Value], heap: &mut Heap) -> Option<Value> {
    let (Value::Ref(loc), rest) = args.split_first()? else {
        return None;
    };
    let loc = *loc;
    let list = |heap: &Heap| match heap.get(loc) {
        Some(HeapObj::Array {
            tuple: false,
            items,
        }) => Some(items.len()),
        _ => None,
    };
    let push = |heap: &mut Heap, v: &Value| {
        heap.charge(v);
        if let Some(HeapObj::Array { items, .. }) = heap.get_mut(loc) {
            items.push(v.clone());
        }
    };
    let pop = |heap: &mut Heap| match heap.get_mut(loc) {
        Some(HeapObj::Array { items, .. }) => items.pop(),
        _ => None,
    };
    match (op, rest) {
        (PrimOp::PyMethod, [Value::Str(name), x]) if &**name == "append" => {
            list(heap)?;
            push(heap, x);
            Some(Value::Null)
        }
        (PrimOp::PyMethod, [Value::Str(name)]) if &**name == "pop" => {
            if list(heap)? == 0 {
                return None;
            }
            pop(heap)
        }
        (PrimOp::JsArrayPush, [x]) => {
            let len = list(heap)?;
            push(heap, x);
            Some(Value::Float((len + 1) as f64))
        }
        (PrimOp::JsArrayPop, []) => {
            list(heap)?;
            Some(pop(heap).unwrap_or(Value::Undefined))
        }
        _ => None,
    }
}

fn shared(op: PrimOp, args: &[Value], heap: &mut Heap, dialect: Dialect) -> Result<Value, Error> {
    match op {
        PrimOp::ErrorNew => {
            let class = text(heap, dialect, &args[0]);
            let message = text(heap, dialect, &args[1]);
            Ok(errors::alloc_error(heap, &Error::new(&class, message)))
        }
        PrimOp::ErrorKind => Ok(Value::str(
            &errors::describe_thrown(heap, dialect, &args[0]).0,
        )),
        PrimOp::ErrorMessage => Ok(Value::str(
            &errors::describe_thrown(heap, dialect, &args[0]).1,
        )),
        PrimOp::ErrorIs => {
            let class = text(heap, dialect, &args[1]);
            let is_error = matches!(&args[0], Value::Ref(loc) if matches!(heap.get(*loc), Some(HeapObj::Object { class: Some(_), .. })));
            let kind = errors::describe_thrown(heap, dialect, &args[0]).0;
            Ok(Value::Bool(
                is_error && errors::is_subclass(dialect, &kind, &class),
            ))
        }
        PrimOp::Concat => {
            let mut out = String::new();
            for a in args {
                out.push_str(&text(heap, dialect, a));
            }
            Ok(Value::str(&out))
        }
        _ => unreachable!("shared() is dispatched on language-neutral operators only, not {op}"),
    }
}

/// A value as text: `String(v)` in JS, `str(v)` in Python.
fn text(heap: &Heap, dialect: Dialect, v: &Value) -> String {
    match dialect {
        Dialect::Js => js::to_string(heap, v),
        Dialect::Py => py::str(heap, v),
    }
}

/// What `console.log(v)` / `print(v)` writes for one value. Strings print bare; other JS
/// values print as `String(v)` would, which differs from Node's `util.inspect` for objects
/// and arrays (frontends format those before logging).
pub fn display(heap: &Heap, dialect: Dialect, v: &Value) -> String {
    text(heap, dialect, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The in-place operations leave the heap exactly as the general dispatch does and
    /// answer the same, wherever they answer.
    #[test]
    fn in_place_operations_agree_with_the_general_dispatch() {
        let receivers = |heap: &mut Heap| {
            let items = vec![Value::int(1), Value::str("two")];
            vec![
                Value::Ref(heap.alloc(HeapObj::Array {
                    items: items.clone(),
                    tuple: false,
                })),
                Value::Ref(heap.alloc(HeapObj::Array {
                    items: vec![],
                    tuple: false,
                })),
                Value::Ref(heap.alloc(HeapObj::Array { items, tuple: true })),
                Value::Ref(heap.alloc(HeapObj::Object {
                    class: None,
                    props: Default::default(),
                })),
                Value::str("s"),
            ]
        };
        let x = Value::str("x");
        let mut answered = 0;
        let mut base = Heap::default();
        let count = receivers(&mut base).len();
        for i in 0..count {
            let calls: Vec<(PrimOp, Vec<Value>)> = {
                let r = receivers(&mut Heap::default())[i].clone();
                vec![
                    (
                        PrimOp::PyMethod,
                        vec![r.clone(), Value::str("append"), x.clone()],
                    ),
                    (PrimOp::PyMethod, vec![r.clone(), Value::str("pop")]),
                    (
                        PrimOp::PyMethod,
                        vec![r.clone(), Value::str("pop"), Value::int(0)],
                    ),
                    (PrimOp::JsArrayPush, vec![r.clone(), x.clone()]),
                    (PrimOp::JsArrayPush, vec![r.clone(), x.clone(), x.clone()]),
                    (PrimOp::JsArrayPop, vec![r.clone()]),
                ]
            };
            for (op, args) in calls {
                let mut fast = Heap::default();
                receivers(&mut fast);
                let mut generic = fast.clone();
                let Some(v) = in_place(op, &args, &mut fast) else {
                    continue;
                };
                let want = if op.name().starts_with("js.") {
                    js::apply(op, &args, &mut generic)
                } else {
                    py::apply(op, &args, &mut generic)
                };
                assert_eq!(Ok(v), want, "{op:?} on receiver {i}");
                assert_eq!(fast, generic, "{op:?} on receiver {i}");
                answered += 1;
            }
        }
        assert!(answered >= 6, "only {answered} in-place answers");
    }
}
