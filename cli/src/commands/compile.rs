//! `compile`: the trace tree of a program over inputs, as a Rust crate.

use crate::load::{self, Failure};
use crate::output::outln;
use crate::LimitArgs;
use std::path::Path;
use std::process::ExitCode;
use tracelab_backend_rust::build as rust;
use tracelab_ir::wf::Checked;
use tracelab_ir::Level;
use tracelab_semantics::trace;

/// The trace to compile: the tree built from `inputs`, or the program itself when it is
/// already a trace. `Err` says why there is none.
pub fn trace_for(
    loaded: &load::Loaded,
    world: &tracelab_runtime::World,
    limits: tracelab_runtime::Limits,
    inputs: &[tracelab_runtime::json::Json],
) -> Result<Checked, String> {
    if loaded.program.level() == Level::Trace {
        return Ok(loaded.program.clone());
    }
    let (_, tree) = trace::trace_tree(&loaded.program, world, limits, inputs)
        .map_err(|e| format!("`{}`: {e}", loaded.path))?;
    // A trace tree is itself a well-formed trace: checked before it is compiled.
    Checked::new(tree)
        .map_err(|errors| format!("tracing produced an ill-formed trace (a bug): {errors:?}"))
}

#[allow(clippy::too_many_arguments)]
pub fn compile(
    file: &Path,
    inputs: &Path,
    world: Option<&Path>,
    output: &Path,
    build: bool,
    limits: LimitArgs,
) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let world_value = load::world(world)?;
    let inputs = load::inputs(inputs)?;
    let limits = super::run::limits_for(loaded.program.program(), limits);
    let tree = trace_for(&loaded, &world_value, limits, &inputs).map_err(Failure::plain)?;
    let file_name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("program");
    let module = rust::module_of(&tree, file_name, &loaded.source, "trace");
    // Crates share one target folder, so a package name names its code, not only its folder.
    let modules = [module];
    let hash = rust::content_hash(&modules);
    let package = format!("{}-{}", rust::package_for(output), &hash[..8]);
    rust::write_crate(output, &package, &modules).map_err(Failure::plain)?;
    outln!("wrote the crate `{package}` to {}", output.display())?;
    if build {
        let binary = rust::build(output, &package).map_err(Failure::plain)?;
        outln!("built {}", binary.display())?;
    } else {
        outln!(
            "build it with: CARGO_TARGET_DIR={} cargo build --release --offline --manifest-path {}",
            rust::target_dir().display(),
            output.join("Cargo.toml").display()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
