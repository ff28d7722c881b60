//! The Rust column: the trace trees of many checked programs compile into one crate (a
//! module each, [`CHUNK`] programs per crate, one cargo build per crate), one process runs
//! every input, and each record must be exactly the trace semantics' record.

use serde_json::Value;
use tracelab_backend_rust::build::{self, Batch};
use tracelab_backend_rust::krate::TraceModule;
use tracelab_backend_rust::SourceMap;
use tracelab_ir::wf::Checked;

/// Programs per generated crate: big enough that cargo's fixed cost is shared, small enough
/// that one crate compiles in about a minute (unoptimised: builds dominate test time).
pub const CHUNK: usize = 400;

/// A program that passed the other checks, with what its Rust code must reproduce.
#[derive(Clone)]
pub struct Compiled {
    pub source: String,
    pub tree: Checked,
    pub inputs: Vec<Value>,
    /// The trace semantics' record for each input.
    pub records: Vec<String>,
    /// The source semantics' and the oracle's records, for the report.
    pub source_records: Vec<String>,
    pub oracle_records: Vec<String>,
}

/// The index of the first disagreeing program and its report.
pub struct RustFailure {
    pub index: usize,
    pub report: String,
}

fn module(c: &Compiled, name: String) -> TraceModule {
    let file = "generated";
    TraceModule {
        name,
        code: tracelab_backend_rust::module(&c.tree, &SourceMap::new(file, Some(&c.source))),
    }
}

/// Builds and runs `items` in chunks; the number of inputs that agreed, or the first
/// disagreement (a build failure names the crate).
pub fn check_all(prefix: &str, world: &str, items: &[Compiled]) -> Result<usize, RustFailure> {
    let mut agreed = 0;
    for (chunk_index, chunk) in items.chunks(CHUNK).enumerate() {
        let base = chunk_index * CHUNK;
        let modules: Vec<TraceModule> = chunk
            .iter()
            .enumerate()
            .map(|(i, c)| module(c, format!("p{}", base + i)))
            .collect();
        let fail_all = |why: String| RustFailure {
            index: base,
            report: why,
        };
        let batch =
            build::build_batch(prefix, &modules, build::Profile::Debug).map_err(fail_all)?;
        let results = run(&batch, chunk, world).map_err(fail_all)?;
        for (i, (c, got)) in chunk.iter().zip(&results).enumerate() {
            if let Some(report) = compare(c, got, &batch) {
                return Err(RustFailure {
                    index: base + i,
                    report,
                });
            }
            agreed += c.inputs.len();
        }
    }
    Ok(agreed)
}

/// Checks one program alone (for shrinking): `Some(report)` when its Rust code disagrees.
pub fn check_one(prefix: &str, world: &str, item: &Compiled) -> Option<String> {
    let modules = [module(item, "p0".into())];
    let batch = match build::build_batch(prefix, &modules, build::Profile::Debug) {
        Ok(b) => b,
        Err(why) => return Some(why),
    };
    match run(&batch, std::slice::from_ref(item), world) {
        Ok(results) => compare(item, &results[0], &batch),
        Err(why) => Some(why),
    }
}

fn run(batch: &Batch, items: &[Compiled], world: &str) -> Result<Vec<Vec<String>>, String> {
    let inputs: Vec<Vec<String>> = items
        .iter()
        .map(|c| c.inputs.iter().map(Value::to_string).collect())
        .collect();
    let runs: Vec<(usize, &[String], &str)> = inputs
        .iter()
        .enumerate()
        .map(|(i, lines)| (i, lines.as_slice(), world))
        .collect();
    batch.run(&runs, &[])
}

fn compare(c: &Compiled, got: &[String], batch: &Batch) -> Option<String> {
    let (i, (want, got)) = c
        .records
        .iter()
        .zip(got)
        .enumerate()
        .find(|(_, (want, got))| want != got)?;
    Some(format!(
        "DISAGREEMENT (Rust)\n--- program ---\n{}--- input ---\n{}\n--- records ---\n  source  {}\n  trace   {want}\n  rust    {got}\n  oracle  {}\n--- trace tree ---\n{}--- crate ---\n{}\n",
        c.source,
        c.inputs[i],
        c.source_records[i],
        c.oracle_records[i],
        tracelab_ir::print_program(c.tree.program()),
        batch.dir.display()
    ))
}
