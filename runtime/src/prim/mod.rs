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
    let name = op.name();
    let v = if name.starts_with("js.") {
        js::apply(op, args, heap)
    } else if name.starts_with("py.") {
        py::apply(op, args, heap)
    } else {
        shared(op, args, heap, dialect)
    }?;
    // A string or big integer a primitive returns is counted against the memory limit, even
    // when it only lives in a variable: generated code keeps uncaptured variables in Rust
    // locals, which the heap does not see, and the budget must still bound what it builds.
    let big = matches!(&v, Value::Int(i) if i.big().is_some());
    if big || matches!(v, Value::Str(_)) {
        heap.charge(&v);
    }
    Ok(v)
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
