//! Unboxed fast paths: generated code tries the runtime's fast path of an operator
//! (`tracelab_runtime::fast`, named by [`PrimOp::fast_path`]) before the generic primitive.
//! A fast path answers exactly what the primitive answers, or `None` to let it decide, so
//! generated code still gives the trace semantics' very record; inlined, a literal operand's
//! type check folds away.

use tracelab_ir::PrimOp;

/// The code of `op` on the atoms `args`, trying its fast path before `generic` (which takes
/// the operands back as `args`).
pub(crate) fn code(op: PrimOp, args: &[String], generic: &str) -> Option<String> {
    let name = op.fast_path()?;
    Some(format!(
        "match tracelab_runtime::fast::{name}({}) {{ Ok(v) => v, Err(args) => {generic} }}",
        args.join(", ")
    ))
}
