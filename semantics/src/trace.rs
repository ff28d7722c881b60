//! Tracing: a run of a core program records its trace; traces merge into a trace tree.
//!
//! The scheme. A trace is the program *pruned* to what runs reached, with calls inlined:
//! - every expression a run never reached becomes `unknown` (an untaken branch, the rest of a
//!   block after an expression that never finished, a loop body that never ran);
//! - every call site becomes a `guard` listing the functions the runs called there: a function
//!   not active in the current inlining context is inlined under the label `return` (its
//!   captures reached through `alias`es of the closure's cells); a function that is already
//!   active (recursion, direct or mutual) is *called*, and its body is traced once more as a
//!   trace-level function merged over all such activations, so a trace's size does not grow
//!   with the depth of recursion; a callee the runs never called there gives `unknown`;
//! - every `register` becomes a `callback` whose body is a guard on the callback's function.
//!
//! Where a node sits is its *context*: the chain of (call site, function) inlinings from the
//! program body or from a trace-level function. Running the machine with an observer
//! ([`collect`]) gathers, per context, the nodes reached and the callees of each call site;
//! [`render`] turns that coverage into a trace program; [`merge`] joins two traces with
//! `unknown` as bottom. Because a context, and whether a case is inlined or called, depends
//! only on the context chain and never on which inputs were traced, traces of one program
//! always merge.
//!
//! Hygiene needs no renaming: a function body refers only to its parameters, its captures
//! (bound by `alias`) and its own `let`s, arguments are values before the parameters are
//! bound, and the only binder tracing introduces, `f#clos`, contains `#`, which no source
//! language allows in a name.

pub mod collect;
pub mod dot;
pub mod merge;
pub mod render;
pub mod stats;

use collect::Coverage;
use tracelab_ir::wf::Checked;
use tracelab_ir::{Level, Program};
use tracelab_runtime::json::Json;
use tracelab_runtime::outcome::Limits;
use tracelab_runtime::outcome::Outcome;
use tracelab_runtime::world::World;

pub use merge::{merge, MergeConflict};

/// Why a program cannot be traced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceError {
    /// Only core programs are traced; a trace is traced no further.
    NotCore,
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::NotCore => {
                f.write_str("only core programs can be traced; this file is already a trace")
            }
        }
    }
}

/// Runs a core program on one input, returning the outcome and the run's trace.
pub fn trace_run(
    checked: &Checked,
    world: &World,
    limits: Limits,
    input: &Json,
) -> Result<(Outcome, Program), TraceError> {
    let (outcome, coverage) = cover(checked, world, limits, input)?;
    Ok((outcome, render::render(checked.program(), &coverage)))
}

/// The coverage of one run (mergeable by union; see [`render`]).
pub fn cover(
    checked: &Checked,
    world: &World,
    limits: Limits,
    input: &Json,
) -> Result<(Outcome, Coverage), TraceError> {
    if checked.level() != Level::Core {
        return Err(TraceError::NotCore);
    }
    Ok(collect::run(checked, world, limits, input))
}

/// The trace tree of a program over several inputs: the merge of their traces, with the
/// outcome of each run.
pub fn trace_tree(
    checked: &Checked,
    world: &World,
    limits: Limits,
    inputs: &[Json],
) -> Result<(Vec<Outcome>, Program), TraceError> {
    let mut tree = render::render(checked.program(), &Coverage::default());
    let mut outcomes = Vec::new();
    for input in inputs {
        let (outcome, trace) = trace_run(checked, world, limits, input)?;
        outcomes.push(outcome);
        tree = merge(&tree, &trace).unwrap_or_else(|conflict| {
            unreachable!("traces of one program always merge, but: {conflict}")
        });
    }
    Ok((outcomes, tree))
}
