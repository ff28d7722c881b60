//! Python primitives as CPython 3.11 implements them.

pub(crate) mod bits;
mod float;
mod format;
mod int;
mod string;
mod unicode;

pub use float::*;
pub use format::*;
pub use int::*;
pub use string::*;
