//! Scalar primitives of JavaScript (Node 20) and Python (CPython 3.11).
//!
//! Both the small-step machine and the Rust runtime call these functions so
//! that the two agree with each other and with the real runtimes. Every
//! function is total: failures the real language raises are returned as a
//! [`PrimError`], never as a panic. Expected values in the tests come from the
//! real interpreters (see `tests/oracle/`).

pub mod js;
pub mod py;

/// An exception the real runtime would raise: the class name as the runtime
/// names it (`"RangeError"`, `"ZeroDivisionError"`, ...) and its message
/// exactly as CPython 3.11 / Node 20 print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrimError {
    pub kind: &'static str,
    pub message: String,
}

impl PrimError {
    pub fn new(kind: &'static str, message: impl Into<String>) -> Self {
        PrimError {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for PrimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

impl std::error::Error for PrimError {}
