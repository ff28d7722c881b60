//! The check of one program on its inputs: source semantics ≡ oracle on every input; the
//! trace tree built from the training inputs ≡ source on them, and ≡ source or `unknown`
//! on the held-back inputs. A failure is a report with everything needed to reproduce it.

use crate::exclusions;
use crate::oracle::{Oracle, OracleFailed};
use crate::rust::Compiled;
use crate::Lang;
use serde_json::Value;
use tracelab_ir::wf::Checked;
use tracelab_runtime::json::Json;
use tracelab_runtime::outcome::records_agree;
use tracelab_runtime::{Limits, OutcomeKind, World};
use tracelab_semantics::{trace, Machine};

/// What one program did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub programs: usize,
    pub inputs: usize,
    /// Held-back inputs on which the trace answered `unknown`.
    pub unknowns: usize,
    pub oracle_failed: usize,
    /// Inputs whose generated Rust gave the trace's very record.
    pub rust_inputs: usize,
    /// Programs whose disagreement with the oracle matched an exclusion's signature.
    pub exclusions_hit: usize,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.programs += o.programs;
        self.inputs += o.inputs;
        self.unknowns += o.unknowns;
        self.oracle_failed += o.oracle_failed;
        self.rust_inputs += o.rust_inputs;
        self.exclusions_hit += o.exclusions_hit;
    }
}

/// Lowers, runs and compares; `Err` is the failure report.
pub fn check(
    lang: Lang,
    source: &str,
    inputs: &[Value],
    train: usize,
    oracle: &mut Oracle,
) -> Result<Tally, String> {
    check_compiled(lang, source, inputs, train, oracle).map(|(tally, _)| tally)
}

/// [`check`], also giving what the Rust column needs of a program that agreed everywhere
/// (its trace tree and the trace semantics' records).
pub fn check_compiled(
    lang: Lang,
    source: &str,
    inputs: &[Value],
    train: usize,
    oracle: &mut Oracle,
) -> Result<(Tally, Option<Compiled>), String> {
    let lowered = match lang {
        Lang::Py => tracelab_python::lower_program(source),
        Lang::Js => tracelab_js::lower_program(source),
    };
    let program = lowered.map_err(|d| {
        format!("the frontend rejected a generated program (generator outside the subset?):\n{source}\n{d:#?}")
    })?;
    let checked = Checked::new(program)
        .map_err(|e| format!("the lowering is ill-formed:\n{source}\n{e:?}"))?;
    let world = World::from_json(crate::WORLD).expect("the generators' world is valid");
    let limits = Limits::default_for(checked.program().dialect);
    let train = train.min(inputs.len());
    // The engines read each input as the oracle does: from the JSON text it is given.
    let engine_inputs: Vec<Json> = inputs.iter().map(Json::from).collect();
    let (_, tree) = trace::trace_tree(&checked, &world, limits, &engine_inputs[..train])
        .map_err(|e| format!("cannot trace: {e}"))?;
    let tree = Checked::new(tree)
        .map_err(|e| format!("tracing produced an ill-formed trace: {e:?}\n{source}"))?;
    let oracle_records = match oracle.run(source, inputs) {
        Ok(r) => r,
        Err(OracleFailed(why)) => {
            eprintln!("oracle failed (not counted): {why}");
            return Ok(oracle_failed());
        }
    };
    let source_machine = Machine::new(&checked, &world, limits);
    let trace_machine = Machine::new(&tree, &world, limits);
    let mut tally = Tally {
        programs: 1,
        ..Tally::default()
    };
    let (mut records, mut source_records) = (Vec::new(), Vec::new());
    for (i, (input, oracle_record)) in engine_inputs.iter().zip(&oracle_records).enumerate() {
        let src = source_machine.run(input);
        let tr = trace_machine.run(input);
        let held_back = i >= train;
        let unknown = tr.kind == OutcomeKind::Unknown;
        let trace_ok = tr == src || (held_back && unknown);
        let src_record = src.to_record();
        let oracle_ok = records_agree(oracle_record, &src_record);
        if !oracle_ok && !oracle_agrees_with_itself(oracle, source, inputs, &oracle_records) {
            eprintln!("oracle failed (not counted): it disagrees with itself on\n{source}");
            return Ok(oracle_failed());
        }
        if trace_ok && !oracle_ok {
            let known = exclusions::hit(
                exclusions::all(),
                lang.name(),
                source,
                oracle_record,
                &src_record,
            );
            if let Some(e) = known {
                eprintln!("exclusion {} hit (not counted as a disagreement)", e.id);
                return Ok((
                    Tally {
                        programs: 1,
                        exclusions_hit: 1,
                        ..Tally::default()
                    },
                    None,
                ));
            }
        }
        if !(trace_ok && oracle_ok) {
            return Err(report(
                source,
                &inputs[i],
                held_back,
                &src_record,
                &tr.to_record(),
                oracle_record,
                &tracelab_ir::print_program(tree.program()),
            ));
        }
        tally.inputs += 1;
        tally.unknowns += usize::from(unknown);
        records.push(tr.to_record());
        source_records.push(src_record);
    }
    let compiled = Compiled {
        source: source.to_string(),
        tree,
        inputs: inputs.to_vec(),
        records,
        source_records,
        oracle_records,
    };
    Ok((tally, Some(compiled)))
}

/// A program the oracle failed on: counted apart, not checked further.
fn oracle_failed() -> (Tally, Option<Compiled>) {
    let tally = Tally {
        programs: 1,
        oracle_failed: 1,
        ..Tally::default()
    };
    (tally, None)
}

/// Before a disagreement with the oracle counts, the oracle must give the same records on
/// a re-run (λJS's "third party failed" otherwise).
fn oracle_agrees_with_itself(
    oracle: &mut Oracle,
    source: &str,
    inputs: &[Value],
    first: &[String],
) -> bool {
    match oracle.run(source, inputs) {
        Ok(again) => again == first,
        Err(_) => false,
    }
}

fn report(
    source: &str,
    input: &Value,
    held_back: bool,
    src: &str,
    tr: &str,
    oracle: &str,
    trace: &str,
) -> String {
    format!(
        "DISAGREEMENT\n--- program ---\n{source}--- input ({}) ---\n{input}\n--- records ---\n  source  {src}\n  trace   {tr}\n  rust    (runs once source, trace and oracle agree)\n  oracle  {oracle}\n--- trace tree ---\n{trace}",
        if held_back { "held back" } else { "training" }
    )
}
