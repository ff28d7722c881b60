//! What random programs exercise, without an oracle: the rules of the semantics that the
//! source semantics and the trace semantics take on them, and the subset constructs the
//! frontend lowered (`tracelab rules --coverage` adds them to the examples').

use crate::case::Cases;
use crate::{Lang, TRAIN};
use tracelab_ir::wf::Checked;
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limits, World};
use tracelab_semantics::rules::RuleDef;
use tracelab_semantics::{trace, Machine};

/// What a batch of random programs did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Runs {
    pub programs: usize,
    /// Runs of the source semantics plus runs of the trace semantics.
    pub runs: usize,
}

/// Lowers and runs `programs` random programs of `seed`: every input through the source
/// semantics and through the trace tree of the training inputs. `rule` sees every rule
/// taken, `construct` every construct each program used. `Err` when a generated program
/// does not lower or trace (a generator bug).
pub fn random_runs(
    lang: Lang,
    programs: usize,
    seed: u64,
    rule: &mut dyn FnMut(&'static RuleDef),
    construct: &mut dyn FnMut(&'static str),
) -> Result<Runs, String> {
    let world = World::from_json(crate::WORLD).map_err(|e| format!("the world: {e:?}"))?;
    let mut stream = Cases::new(seed);
    let mut done = Runs::default();
    for _ in 0..programs {
        let case = stream.next_tree()?.current();
        let source = case.source(lang);
        let lowered = match lang {
            Lang::Py => tracelab_python::lower_program_with_constructs(&source),
            Lang::Js => tracelab_js::lower_program_with_constructs(&source),
        };
        let (program, used) =
            lowered.map_err(|d| format!("a generated program does not lower:\n{source}{d:?}"))?;
        used.iter().for_each(|c| construct(c));
        let checked = Checked::new(program)
            .map_err(|e| format!("the lowering is ill-formed:\n{source}{e:?}"))?;
        let limits = Limits::default_for(checked.program().dialect);
        let inputs: Vec<Json> = case.inputs().iter().map(Json::from).collect();
        let (_, tree) = trace::trace_tree(&checked, &world, limits, &inputs[..TRAIN])
            .map_err(|e| format!("cannot trace:\n{source}{e}"))?;
        let tree =
            Checked::new(tree).map_err(|e| format!("an ill-formed trace tree:\n{source}{e:?}"))?;
        let source_machine = Machine::new(&checked, &world, limits);
        let trace_machine = Machine::new(&tree, &world, limits);
        for input in &inputs {
            source_machine.run_observed(input, &mut *rule);
            trace_machine.run_observed(input, &mut *rule);
            done.runs += 2;
        }
        done.programs += 1;
    }
    Ok(done)
}
