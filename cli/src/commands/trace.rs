//! `trace`: the trace tree of a program over inputs.

use crate::load::{self, Failure};
use crate::output::{out, outln};
use crate::{LimitArgs, TraceFormat};
use std::path::Path;
use std::process::ExitCode;
use tracelab_semantics::trace::{self, dot, stats};

pub fn trace(
    file: &Path,
    inputs: &Path,
    world: Option<&Path>,
    format: TraceFormat,
    output: Option<&Path>,
    with_stats: bool,
    limits: LimitArgs,
) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let world = load::world(world)?;
    let inputs = load::inputs(inputs)?;
    let limits = super::run::limits_for(loaded.program.program(), limits);
    let (_, tree) = trace::trace_tree(&loaded.program, &world, limits, &inputs)
        .map_err(|e| Failure::plain(format!("`{}`: {e}", loaded.path)))?;
    // A trace tree is itself a well-formed trace: checked before anyone runs or compiles it.
    if let Err(errors) = tracelab_ir::wf::Checked::new(tree.clone()) {
        unreachable!("tracing produced an ill-formed trace: {errors:?}");
    }
    let text = match format {
        TraceFormat::Text => tracelab_ir::print_program(&tree),
        TraceFormat::Json => tracelab_ir::json::program_to_json(&tree) + "\n",
        TraceFormat::Dot => dot::to_dot(&tree),
    };
    match output {
        Some(path) => std::fs::write(path, &text)
            .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))?,
        None if with_stats => {}
        None => out!("{text}")?,
    }
    if with_stats {
        let s = stats::stats(&tree);
        outln!("{}", serde_json::to_string(&s).expect("stats serialize"))?;
    }
    Ok(ExitCode::SUCCESS)
}
