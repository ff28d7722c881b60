//! Errors the machine and the primitives raise, as the real runtimes name them.

use crate::value::{Heap, HeapObj, Key, Props, Value};
use std::rc::Rc;
use tracelab_ir::Dialect;
use tracelab_prims::PrimError;

/// An error to raise: its class name and message ([`ErrorData`]), boxed so that a
/// `Result<Value, Error>` is no bigger than a `Value`. The successful path, the common one,
/// then moves values whole; with the error inline, every primitive's answer was copied
/// field by field in pieces that stall the processor's store forwarding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<ErrorData>);

/// The class name and message of an [`Error`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorData {
    pub class: Rc<str>,
    pub message: String,
}

impl Error {
    #[cold]
    pub fn new(class: &str, message: impl Into<String>) -> Error {
        Error(Box::new(ErrorData {
            class: Rc::from(class),
            message: message.into(),
        }))
    }
}

impl Error {
    /// The class and message, moved out of the box.
    pub fn into_data(self) -> ErrorData {
        *self.0
    }
}

impl std::ops::Deref for Error {
    type Target = ErrorData;

    fn deref(&self) -> &ErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut ErrorData {
        &mut self.0
    }
}

impl From<PrimError> for Error {
    fn from(e: PrimError) -> Error {
        Error::new(e.kind, e.message)
    }
}

/// Allocates an error object: an object whose class is set, with a `message` field.
pub fn alloc_error(heap: &mut Heap, err: &Error) -> Value {
    let mut props = Props::default();
    let key: Rc<str> = Rc::from("message");
    props.insert(
        Key::Str(key.clone()),
        Value::Str(key),
        Value::str(&err.message),
    );
    Value::Ref(heap.alloc(HeapObj::Object {
        class: Some(err.class.clone()),
        props,
    }))
}

/// The class of a thrown value and its message, for the result record. Error objects give
/// their class; JS may throw any value, which Node reports by its constructor's name.
pub fn describe_thrown(heap: &Heap, dialect: Dialect, v: &Value) -> (String, String) {
    if let Value::Ref(loc) = v {
        if let Some(HeapObj::Object {
            class: Some(class),
            props,
        }) = heap.get(*loc)
        {
            let message = match props.get(&Key::Str(Rc::from("message"))) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            return (class.to_string(), message);
        }
    }
    match dialect {
        Dialect::Js => (
            super::js::constructor_name(heap, v).to_string(),
            super::js::to_string(heap, v),
        ),
        Dialect::Py => (
            "TypeError".into(),
            "exceptions must derive from BaseException".into(),
        ),
    }
}

/// Whether `class` is `ancestor` or one of its subclasses.
pub fn is_subclass(dialect: Dialect, class: &str, ancestor: &str) -> bool {
    let mut current = Some(class);
    while let Some(c) = current {
        if c == ancestor {
            return true;
        }
        current = parent(dialect, c);
    }
    false
}

fn parent(dialect: Dialect, class: &str) -> Option<&'static str> {
    match dialect {
        Dialect::Js => match class {
            "Error" => None,
            _ => Some("Error"),
        },
        Dialect::Py => Some(match class {
            "BaseException" => return None,
            "Exception" => "BaseException",
            "KeyError" | "IndexError" => "LookupError",
            "ZeroDivisionError" | "OverflowError" => "ArithmeticError",
            "UnboundLocalError" => "NameError",
            "RecursionError" | "NotImplementedError" => "RuntimeError",
            _ => "Exception",
        }),
    }
}

pub fn not_callable(dialect: Dialect, heap: &Heap, v: &Value) -> Error {
    match dialect {
        Dialect::Js => Error::new(
            "TypeError",
            format!("{} is not a function", super::js::describe(heap, v)),
        ),
        Dialect::Py => Error::new(
            "TypeError",
            format!("'{}' object is not callable", super::py::type_name(heap, v)),
        ),
    }
}

/// CPython's messages for a wrong number of positional arguments.
pub fn arity<S: AsRef<str>>(name: &str, params: &[S], given: usize) -> Error {
    let expected = params.len();
    let message = if given < expected {
        let missing = &params[given..];
        let quoted: Vec<String> = missing
            .iter()
            .map(|p| format!("'{}'", p.as_ref()))
            .collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let noun = if missing.len() == 1 {
            "argument"
        } else {
            "arguments"
        };
        format!(
            "{name}() missing {} required positional {noun}: {list}",
            missing.len()
        )
    } else {
        let noun = if expected == 1 {
            "argument"
        } else {
            "arguments"
        };
        let verb = if given == 1 { "was" } else { "were" };
        format!("{name}() takes {expected} positional {noun} but {given} {verb} given")
    };
    Error::new("TypeError", message)
}

pub fn too_deep(dialect: Dialect) -> Error {
    match dialect {
        Dialect::Js => Error::new("RangeError", "Maximum call stack size exceeded"),
        Dialect::Py => Error::new("RecursionError", "maximum recursion depth exceeded"),
    }
}
