//! `diff`: every input through every engine — source semantics, trace tree (built from the
//! first `--train` inputs), generated Rust (not built yet) and the real CPython / Node.
//! Exit 0 only when every engine agrees with the source (the trace may say `unknown` on
//! inputs it was not built from) and the source agrees with the oracle.

use crate::load::{self, Failure};
use crate::{oracle, LimitArgs};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;
use tracelab_semantics::outcome::records_agree;
use tracelab_semantics::{trace, Machine, OutcomeKind};

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
    let oracle = match oracle::program_for(file) {
        None => Err("no oracle: a .tl program needs a twin.py or twin.js beside it".to_string()),
        Some(p) => oracle::run(&p, inputs_path, world_path),
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
                    (
                        line.clone(),
                        trace_unknown || records_agree(line, &src_record),
                    )
                }
                None => (
                    json!({"oracle failed": "no record for this input"}).to_string(),
                    true,
                ),
            },
            Err(why) => (skipped(why), true),
        };
        let rust = skipped("the Rust backend is not built yet");
        agree_all &= trace_ok && oracle_ok;
        if as_json {
            // Records are written as they are, so big integers and `5.0` survive.
            println!(
                "{{\"input\": {input}, \"source\": {src_record}, \"trace\": {trace_record}, \"rust\": {rust}, \"oracle\": {oracle_record}}}"
            );
        } else {
            let mark = |ok: bool| if ok { "✓" } else { "✗" };
            println!(
                "input {i}{}: {input}",
                if i < train { " (trained)" } else { "" }
            );
            println!("  source  {src_record}");
            println!("  trace   {} {trace_record}", mark(trace_ok));
            println!("  rust    {rust}");
            println!("  oracle  {} {oracle_record}", mark(oracle_ok));
        }
    }
    Ok(if agree_all {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn skipped(why: &str) -> String {
    json!({ "skipped": why }).to_string()
}
