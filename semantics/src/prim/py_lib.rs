//! The Python library operators (string, array/list, dict, math methods) that
//! the py frontend lowers library calls to.

use super::errors::Error;
use crate::value::{Heap, Value};
use tracelab_ir::PrimOp;

pub fn apply(op: PrimOp, _args: &[Value], _heap: &mut Heap) -> Result<Value, Error> {
    unreachable!("py_lib::apply is dispatched on library operators only, not {op}")
}
