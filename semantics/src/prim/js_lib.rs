//! The JavaScript library operators (string, array/list, dict, math methods) that
//! the js frontend lowers library calls to.

use super::errors::Error;
use crate::value::{Heap, Value};
use tracelab_ir::PrimOp;

pub fn apply(op: PrimOp, _args: &[Value], _heap: &mut Heap) -> Result<Value, Error> {
    unreachable!("js_lib::apply is dispatched on library operators only, not {op}")
}
