//! `bench`: the time of one invocation of each example's trace, on the trace semantics (the
//! machine, in this process) and in its generated Rust (the demo's crate, timed inside its
//! binary so process start-up is not counted), side by side in one run, with the ratio.
//! A measurement, never an assertion; build tracelab with `--release` for a fair machine.

use crate::examples;
use crate::load::Failure;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tracelab_semantics::Machine;

pub fn bench(root: &Path, runs: u32) -> Result<ExitCode, Failure> {
    if cfg!(debug_assertions) {
        eprintln!("note: this tracelab is a debug build, so the machine is unoptimized; use `cargo run --release -p tracelab -- bench` for a fair comparison");
    }
    let runs = runs.max(1);
    let mut rows = Vec::new();
    let mut modules = Vec::new();
    for (i, example) in examples::discover(root).into_iter().enumerate() {
        let (row, module) = super::demo::prepare(example, i)?;
        rows.push(row);
        modules.push(module);
    }
    let batch = super::demo::build_all(&modules)?;
    let args = ["--time".to_string(), runs.to_string()];
    let timings = super::demo::run_rows(&batch, &rows, &args)?;
    let ns = |line: &String| {
        serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v["ns_per_run"].as_f64())
            .unwrap_or(f64::NAN)
    };
    let width = rows
        .iter()
        .map(|r| r.example.name.len())
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "{:<width$}  {:>6}  {:>12}  {:>12}  {:>8}",
        "example", "inputs", "trace µs", "rust µs", "speedup"
    );
    let mut log_sum = 0.0;
    for (row, timings) in rows.iter().zip(&timings) {
        let machine = Machine::new(&row.tree, &row.world, row.limits);
        let started = Instant::now();
        for _ in 0..runs {
            for input in &row.inputs {
                std::hint::black_box(machine.run(input));
            }
        }
        let n = row.inputs.len() as f64;
        let trace_us = started.elapsed().as_secs_f64() * 1e6 / (f64::from(runs) * n);
        let rust_us = timings.iter().map(ns).sum::<f64>() / n / 1e3;
        let speedup = trace_us / rust_us;
        log_sum += speedup.ln();
        println!(
            "{:<width$}  {:>6}  {trace_us:>12.1}  {rust_us:>12.2}  {speedup:>7.0}×",
            row.example.name,
            row.inputs.len()
        );
    }
    println!(
        "geometric mean speedup of generated Rust over the trace semantics: {:.0}× ({} examples, {runs} runs per input)",
        (log_sum / rows.len() as f64).exp(),
        rows.len()
    );
    Ok(ExitCode::SUCCESS)
}
