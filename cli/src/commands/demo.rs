//! `demo`: every bundled example through every engine built so far, in one table.
//!
//! Engines today: the machine, on core programs (the source semantics) and on hand-written
//! trace trees (the trace semantics), checked against `expected.jsonl`, which was recorded
//! from the real CPython / Node running the example's twin program. A trace may answer
//! `unknown` where the expected record is anything else (the safety property); nothing else
//! counts as agreement. The tracing, Rust and live-oracle columns join as those engines land.

use crate::examples::{self, Example};
use crate::load::{self, Failure};
use std::path::Path;
use std::process::ExitCode;
use tracelab_ir::Level;
use tracelab_semantics::outcome::records_agree;
use tracelab_semantics::rules::RuleDef;
use tracelab_semantics::{Limits, Machine, Outcome, OutcomeKind};

/// Runs an example on each of its inputs with the source semantics.
pub fn run_example(
    example: &Example,
    observe: &mut dyn FnMut(&'static RuleDef),
) -> Result<Vec<(serde_json::Value, Outcome)>, Failure> {
    Ok(run_example_at_level(example, observe)?.1)
}

/// Like [`run_example`], also telling whether the program is a trace.
pub fn run_example_at_level(
    example: &Example,
    observe: &mut dyn FnMut(&'static RuleDef),
) -> Result<(Level, Vec<(serde_json::Value, Outcome)>), Failure> {
    let loaded = load::program(&example.program)?;
    let level = loaded.program.level();
    let world = load::world(example.world.as_deref())?;
    let machine = Machine::new(
        &loaded.program,
        &world,
        Limits::default_for(loaded.program.program().dialect),
    );
    let inputs = load::inputs(&example.inputs)?;
    let results = inputs
        .into_iter()
        .map(|input| {
            let outcome = machine.run_observed(&input, &mut *observe);
            (input, outcome)
        })
        .collect();
    Ok((level, results))
}

/// Whether an outcome agrees with the expected record: equal, or `unknown` from a trace.
pub fn agrees(level: Level, expected: &str, outcome: &Outcome) -> bool {
    (level == Level::Trace && outcome.kind == OutcomeKind::Unknown)
        || records_agree(expected, &outcome.to_record())
}

pub fn demo(root: &Path) -> Result<ExitCode, Failure> {
    let all = examples::discover(root);
    if all.is_empty() {
        return Err(Failure::plain(format!(
            "no examples under `{}`",
            root.display()
        )));
    }
    let width = all.iter().map(|e| e.name.len()).max().unwrap_or(7).max(7);
    println!(
        "{:<width$}  {:<6}  {:>6}  {:>8}  {:>8}",
        "example", "engine", "inputs", "agree", "unknown"
    );
    let (mut agree_total, mut total, mut unknown_total) = (0, 0, 0);
    for example in &all {
        let (level, results) = run_example_at_level(example, &mut |_| {})?;
        let engine = match level {
            Level::Core => "source",
            Level::Trace => "trace",
        };
        let unknown = results
            .iter()
            .filter(|(_, o)| o.kind == OutcomeKind::Unknown)
            .count();
        unknown_total += unknown;
        let column = match &example.expected {
            None => "no oracle".to_string(),
            Some(path) => {
                let text = load::read_text(path)?;
                let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
                let agree = results
                    .iter()
                    .enumerate()
                    .filter(|(i, (_, outcome))| {
                        lines.get(*i).is_some_and(|l| agrees(level, l, outcome))
                    })
                    .count();
                let ok = agree == results.len() && lines.len() == results.len();
                agree_total += agree;
                total += results.len();
                format!("{agree}/{} {}", results.len(), if ok { "✓" } else { "✗" })
            }
        };
        println!(
            "{:<width$}  {engine:<6}  {:>6}  {column:>8}  {unknown:>8}",
            example.name,
            results.len()
        );
    }
    println!(
        "{agree_total}/{total} inputs agree with the outcome CPython/Node recorded ({unknown_total} answered unknown by a trace)"
    );
    Ok(if agree_total == total {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
