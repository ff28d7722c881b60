//! `bench`: the time of one invocation of each example's trace, on the trace semantics (the
//! machine, in this process), in generated Rust without the unboxed fast paths, and in
//! generated Rust with them (the demo's crate), the Rust timed inside its binary so process
//! start-up is not counted; side by side in one run, with the ratios. A measurement, never
//! an assertion; build tracelab with `--release` for a fair machine.

use crate::examples;
use crate::load::Failure;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use tracelab_semantics::Machine;

/// Alternating runs of the two crates; each input keeps its fastest.
const ROUNDS: usize = 3;

fn keep_fastest(best: &mut Vec<Vec<f64>>, round: Vec<Vec<String>>) {
    let round: Vec<Vec<f64>> = round
        .iter()
        .map(|r| r.iter().map(|l| ns(l)).collect())
        .collect();
    if best.is_empty() {
        *best = round;
        return;
    }
    for (b, r) in best.iter_mut().zip(round) {
        for (x, y) in b.iter_mut().zip(r) {
            *x = x.min(y);
        }
    }
}

fn ns(line: &str) -> f64 {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v["ns_per_run"].as_f64())
        .unwrap_or(f64::NAN)
}

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
    let generic_modules: Vec<_> = rows
        .iter()
        .zip(&modules)
        .map(|(row, m)| {
            let options = tracelab_backend_rust::Options { specialise: false };
            tracelab_backend_rust::build::module_with(
                &row.tree,
                &row.file,
                &row.program_text,
                &m.name,
                options,
            )
        })
        .collect();
    let batch = super::demo::build_all("tracelab-demo", &modules)?;
    let generic = super::demo::build_all("tracelab-bench-generic", &generic_modules)?;
    // Per-process noise (allocator state, frequency) is large next to small examples: the
    // two crates run alternately, ROUNDS times, and each input keeps its fastest time.
    let args = ["--time".to_string(), runs.to_string()];
    let (mut timings, mut generic_timings) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        keep_fastest(&mut timings, super::demo::run_rows(&batch, &rows, &args)?);
        keep_fastest(
            &mut generic_timings,
            super::demo::run_rows(&generic, &rows, &args)?,
        );
    }
    let width = rows
        .iter()
        .map(|r| r.example.name.len())
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "{:<width$}  {:>6}  {:>11}  {:>11}  {:>11}  {:>8}  {:>8}",
        "example", "inputs", "trace µs", "generic µs", "rust µs", "speedup", "fast ×"
    );
    let (mut log_speedup, mut log_fast) = (0.0, 0.0);
    for ((row, timings), generic) in rows.iter().zip(&timings).zip(&generic_timings) {
        let machine = Machine::new(&row.tree, &row.world, row.limits);
        let started = Instant::now();
        for _ in 0..runs {
            for input in &row.inputs {
                std::hint::black_box(machine.run(input));
            }
        }
        let n = row.inputs.len() as f64;
        let trace_us = started.elapsed().as_secs_f64() * 1e6 / (f64::from(runs) * n);
        let rust_us = timings.iter().sum::<f64>() / n / 1e3;
        let generic_us = generic.iter().sum::<f64>() / n / 1e3;
        let speedup = trace_us / rust_us;
        let fast = generic_us / rust_us;
        log_speedup += speedup.ln();
        log_fast += fast.ln();
        println!(
            "{:<width$}  {:>6}  {trace_us:>11.1}  {generic_us:>11.2}  {rust_us:>11.2}  {speedup:>7.0}×  {fast:>7.2}×",
            row.example.name,
            row.inputs.len()
        );
    }
    let k = rows.len() as f64;
    println!(
        "geometric means over {} examples ({runs} runs per input): generated Rust is {:.1}× the \
         speed of the trace semantics; the unboxed fast paths make it {:.2}× faster than generic \
         Rust",
        rows.len(),
        (log_speedup / k).exp(),
        (log_fast / k).exp()
    );
    Ok(ExitCode::SUCCESS)
}
