//! `demo`: every bundled example through every engine built so far, in one table.
//!
//! Engines today: the source semantics, checked against `expected.jsonl` (recorded from
//! an independent oracle). The trace, Rust and live-oracle columns join as those engines land.

use crate::examples::{self, Example};
use crate::load::{self, Failure};
use std::path::Path;
use std::process::ExitCode;
use tracelab_semantics::rules::RuleDef;
use tracelab_semantics::{Limits, Machine, Outcome};

/// Runs an example on each of its inputs with the source semantics.
pub fn run_example(
    example: &Example,
    observe: &mut dyn FnMut(&'static RuleDef),
) -> Result<Vec<(serde_json::Value, Outcome)>, Failure> {
    let loaded = load::program(&example.program)?;
    let world = load::world(example.world.as_deref())?;
    let machine = Machine::new(&loaded.program, &world, Limits::default_for(loaded.program.dialect));
    let inputs = load::inputs(&example.inputs)?;
    Ok(inputs.into_iter().map(|input| {
        let outcome = machine.run_observed(&input, &mut *observe);
        (input, outcome)
    }).collect())
}

/// Two result records agree when they are the same JSON (so `5.0` and `5` differ).
pub fn records_agree(a: &str, b: &str) -> bool {
    match (serde_json::from_str::<serde_json::Value>(a), serde_json::from_str::<serde_json::Value>(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

pub fn demo(root: &Path) -> Result<ExitCode, Failure> {
    let all = examples::discover(root);
    if all.is_empty() {
        return Err(Failure::plain(format!("no examples under `{}`", root.display())));
    }
    let width = all.iter().map(|e| e.name.len()).max().unwrap_or(7).max(7);
    println!("{:<width$}  {:>6}  {:>16}", "example", "inputs", "source=expected");
    let (mut agree_total, mut total) = (0, 0);
    for example in &all {
        let results = run_example(example, &mut |_| {})?;
        let expected = match &example.expected {
            Some(path) => Some(load::read_text(path)?.lines().filter(|l| !l.trim().is_empty()).map(String::from).collect::<Vec<_>>()),
            None => None,
        };
        let column = match &expected {
            None => "no oracle".to_string(),
            Some(lines) => {
                let agree = results
                    .iter()
                    .enumerate()
                    .filter(|(i, (_, outcome))| lines.get(*i).is_some_and(|l| records_agree(l, &outcome.to_record())))
                    .count();
                let ok = agree == results.len() && lines.len() == results.len();
                agree_total += agree;
                total += results.len();
                format!("{agree}/{} {}", results.len(), if ok { "✓" } else { "✗" })
            }
        };
        println!("{:<width$}  {:>6}  {:>16}", example.name, results.len(), column);
    }
    println!("{agree_total}/{total} inputs agree with their recorded oracle");
    Ok(if agree_total == total { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
