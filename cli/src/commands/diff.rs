//! `diff`: every input through every engine — source semantics, trace tree (built from the
//! first `--train` inputs), the Rust crate generated from that trace, and the real CPython /
//! Node. Exit 0 only when every engine agrees with the source (the trace may say `unknown`
//! on inputs it was not built from), the Rust code says exactly what the trace says, and
//! the source agrees with the oracle.

use crate::load::{self, Failure};
use crate::output::outln;
use crate::{oracle, LimitArgs};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;
use tracelab_backend_rust::build as rust;
use tracelab_runtime::outcome::records_agree;
use tracelab_runtime::OutcomeKind;
use tracelab_semantics::{trace, Machine};

/// How long the real runtime may take on one input: generous next to what the fuel allows
/// (CPython runs a million loop iterations in a fraction of a second), so that only a run
/// that would never end is cut off.
fn oracle_time_out(limits: tracelab_runtime::Limits) -> std::time::Duration {
    std::time::Duration::from_secs(5)
        + std::time::Duration::from_micros(5)
            .saturating_mul(u32::try_from(limits.fuel).unwrap_or(u32::MAX))
}

pub fn diff(
    file: &Path,
    inputs_path: &Path,
    world_path: Option<&Path>,
    train: Option<usize>,
    as_json: bool,
    limits: LimitArgs,
) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let world = load::world(world_path)?;
    let inputs = load::inputs(inputs_path)?;
    let limits = super::run::limits_for(loaded.program.program(), limits);
    let train = train.unwrap_or(inputs.len()).min(inputs.len());
    let source = Machine::new(&loaded.program, &world, limits);
    let tree = match trace::trace_tree(&loaded.program, &world, limits, &inputs[..train]) {
        Ok((_, tree)) => Some(
            tracelab_ir::wf::Checked::new(tree)
                .unwrap_or_else(|e| unreachable!("tracing produced an ill-formed trace: {e:?}")),
        ),
        Err(_) => None,
    };
    // The Rust code of the trace tree (or of the program, when it is a trace already).
    let compiled = match &tree {
        Some(t) => Some(t),
        None if loaded.program.level() == tracelab_ir::Level::Trace => Some(&loaded.program),
        None => None,
    };
    let rust_records = match compiled {
        Some(t) => run_rust(t, &loaded, &inputs, world_path, limits),
        None => Err("the program could not be traced".to_string()),
    };
    let oracle = match oracle::program_for(file) {
        None => Err("no oracle: a .tl program needs a twin.py or twin.js beside it".to_string()),
        Some(p) => oracle::run(&p, inputs_path, world_path, oracle_time_out(limits)),
    };
    let mut agree_all = true;
    for (i, input) in inputs.iter().enumerate() {
        let src = source.run(input);
        let src_record = src.to_record();
        let (trace_record, trace_ok) = match &tree {
            Some(t) => {
                let out = Machine::new(t, &world, limits).run(input);
                let ok = out == src || (i >= train && out.kind == OutcomeKind::Unknown);
                (out.to_record(), ok)
            }
            None => (skipped("the program is already a trace"), true),
        };
        let (oracle_record, oracle_ok) = match &oracle {
            Ok(lines) => match lines.get(i) {
                // A hand-written trace may itself answer `unknown` (the safety property).
                Some(line) => {
                    let trace_unknown = loaded.program.level() == tracelab_ir::Level::Trace
                        && src.kind == OutcomeKind::Unknown;
                    // Neither finished: the source ran out of fuel, the oracle of time.
                    let both_ran_out = line == oracle::TIMED_OUT
                        && src.kind == OutcomeKind::Limit(tracelab_runtime::Limit::Fuel);
                    (
                        line.clone(),
                        trace_unknown || both_ran_out || records_agree(line, &src_record),
                    )
                }
                None => (
                    json!({"oracle failed": "no record for this input"}).to_string(),
                    true,
                ),
            },
            Err(why) => (skipped(why), true),
        };
        // Generated code must say exactly what the trace semantics says.
        let wanted = if tree.is_some() {
            &trace_record
        } else {
            &src_record
        };
        let (rust, rust_ok) = match &rust_records {
            Ok(records) => (records[i].clone(), records[i] == *wanted),
            Err(why) => (json!({ "rust failed": why }).to_string(), false),
        };
        agree_all &= trace_ok && oracle_ok && rust_ok;
        if as_json {
            // Records are written as they are, so big integers and `5.0` survive.
            outln!(
                "{{\"input\": {input}, \"source\": {src_record}, \"trace\": {trace_record}, \"rust\": {rust}, \"oracle\": {oracle_record}}}"
            )?;
        } else {
            let mark = |ok: bool| if ok { "✓" } else { "✗" };
            outln!(
                "input {i}{}: {input}",
                if i < train { " (trained)" } else { "" }
            )?;
            outln!("  source  {src_record}")?;
            outln!("  trace   {} {trace_record}", mark(trace_ok))?;
            outln!("  rust    {} {rust}", mark(rust_ok))?;
            outln!("  oracle  {} {oracle_record}", mark(oracle_ok))?;
        }
    }
    Ok(if agree_all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Compiles the trace, builds it, and runs every input through the binary.
fn run_rust(
    trace: &tracelab_ir::wf::Checked,
    loaded: &load::Loaded,
    inputs: &[tracelab_runtime::json::Json],
    world: Option<&Path>,
    limits: tracelab_runtime::Limits,
) -> Result<Vec<String>, String> {
    let file = Path::new(&loaded.path)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("program");
    let modules = [rust::module_of(trace, file, &loaded.source, "trace")];
    let package = format!("tracelab-gen-{}", rust::content_hash(&modules));
    let dir = rust::target_dir().join("crates").join(&package);
    rust::write_crate(&dir, &package, &modules)?;
    let binary = rust::build(&dir, &package)?;
    let lines: Vec<String> = inputs.iter().map(|i| i.to_string()).collect();
    let limits = rust::limit_args(limits.fuel, limits.memory_bytes, limits.max_depth);
    rust::run_binary(&binary, &lines, world, &limits)
}

fn skipped(why: &str) -> String {
    json!({ "skipped": why }).to_string()
}
