//! `demo`: every bundled example through every engine, in one table.
//!
//! For each example: the source semantics (the machine on the program) against the record
//! the real CPython / Node wrote (`expected.jsonl`, recorded by `oracle/record`); the trace
//! tree built from the first half of the inputs, against the source on every input (`unknown`
//! allowed on the held-back half only); and the Rust code of that tree, which must give the
//! trace's very record. A hand-written trace is its own trace: `unknown` counts as agreement
//! with the oracle (the safety property), and its Rust code must match it exactly. Every
//! trace goes into one crate (a module each), built once, and one process runs every input.

use crate::examples::{self, Example};
use crate::load::{self, Failure};
use crate::output::outln;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use tracelab_backend_rust::build as rust;
use tracelab_backend_rust::krate::TraceModule;
use tracelab_ir::wf::Checked;
use tracelab_ir::Level;
use tracelab_runtime::json::Json;
use tracelab_runtime::outcome::records_agree;
use tracelab_runtime::{Limits, Outcome, OutcomeKind};
use tracelab_semantics::rules::RuleDef;
use tracelab_semantics::Machine;

/// Runs an example on each of its inputs with the source semantics.
pub fn run_example(
    example: &Example,
    observe: &mut dyn FnMut(&'static RuleDef),
) -> Result<Vec<(Json, Outcome)>, Failure> {
    let loaded = load::program(&example.program)?;
    let world = load::world(example.world.as_deref())?;
    let machine = Machine::new(
        &loaded.program,
        &world,
        Limits::default_for(loaded.program.program().dialect),
    );
    let inputs = load::inputs(&example.inputs)?;
    Ok(inputs
        .into_iter()
        .map(|input| {
            let outcome = machine.run_observed(&input, &mut *observe);
            (input, outcome)
        })
        .collect())
}

/// Whether an outcome agrees with the expected record: equal, or `unknown` from a trace.
pub fn agrees(level: Level, expected: &str, outcome: &Outcome) -> bool {
    (level == Level::Trace && outcome.kind == OutcomeKind::Unknown)
        || records_agree(expected, &outcome.to_record())
}

/// One example, run through the machine: source and trace records, ready for the Rust run.
pub(crate) struct Row {
    pub example: Example,
    level: Level,
    pub inputs: Vec<Json>,
    /// The world the Rust run is given, as the machine read it.
    pub world_json: Json,
    source: Vec<Outcome>,
    /// The trace's outcomes (the source's, for a hand-written trace).
    trace: Vec<Outcome>,
    trained: usize,
    expected: Option<Vec<String>>,
}

pub(crate) fn prepare(example: Example, index: usize) -> Result<(Row, TraceModule), Failure> {
    let loaded = load::program(&example.program)?;
    let world = load::world(example.world.as_deref())?;
    let world_json = world.to_doc();
    let inputs = load::inputs(&example.inputs)?;
    let limits = Limits::default_for(loaded.program.program().dialect);
    let level = loaded.program.level();
    let trained = inputs.len().div_ceil(2);
    let source_machine = Machine::new(&loaded.program, &world, limits);
    let source: Vec<Outcome> = inputs.iter().map(|i| source_machine.run(i)).collect();
    let tree = super::compile::trace_for(&loaded, &world, limits, &inputs[..trained])
        .map_err(Failure::plain)?;
    let trace: Vec<Outcome> = match level {
        Level::Trace => source.clone(),
        Level::Core => {
            let machine = Machine::new(&tree, &world, limits);
            inputs.iter().map(|i| machine.run(i)).collect()
        }
    };
    let expected = match &example.expected {
        None => None,
        Some(path) => {
            let records = load::records(path)?;
            // A recording of other inputs is a stale file, not a disagreement.
            if records.len() != inputs.len() {
                return Err(Failure::plain(format!(
                    "`{}` holds {} records for the {} inputs of `{}`: record it again with \
                     `oracle/record`",
                    path.display(),
                    records.len(),
                    inputs.len(),
                    example.inputs.display()
                )));
            }
            Some(records)
        }
    };
    let file = example
        .program
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("main")
        .to_string();
    let module = rust_module(&tree, &file, &loaded.source, index);
    let row = Row {
        example,
        level,
        inputs,
        world_json,
        source,
        trace,
        trained,
        expected,
    };
    Ok((row, module))
}

fn rust_module(tree: &Checked, file: &str, source: &str, index: usize) -> TraceModule {
    rust::module_of(tree, file, source, &format!("e{index}"))
}

/// Builds one crate for every trace, showing that it is building.
pub(crate) fn build_all(prefix: &str, modules: &[TraceModule]) -> Result<rust::Batch, Failure> {
    let started = std::time::Instant::now();
    let done = std::sync::atomic::AtomicBool::new(false);
    let built = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| {
                let frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
                let mut i = 0;
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    eprint!(
                        "\r{} building the Rust crate of {} traces ({}s)",
                        frames[i % frames.len()],
                        modules.len(),
                        started.elapsed().as_secs()
                    );
                    i += 1;
                    std::thread::sleep(std::time::Duration::from_millis(120));
                }
                eprint!("\r\x1b[2K");
            });
        } else {
            eprintln!("building the Rust crate of {} traces…", modules.len());
        }
        let built = rust::build_batch(prefix, modules, rust::Profile::Release);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        built
    });
    let batch = built.map_err(Failure::plain)?;
    eprintln!(
        "built {} traces into `{}` in {:.1} s",
        modules.len(),
        batch.dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(batch)
}

/// The demo's batch run: every example's inputs through its trace's Rust code.
pub(crate) fn run_rows(
    batch: &rust::Batch,
    rows: &[Row],
    extra: &[String],
) -> Result<Vec<Vec<String>>, Failure> {
    let inputs: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.inputs.iter().map(|i| i.to_string()).collect())
        .collect();
    let worlds: Vec<String> = rows.iter().map(|r| r.world_json.to_string()).collect();
    let runs: Vec<(usize, &[String], &str)> = (0..rows.len())
        .map(|i| (i, inputs[i].as_slice(), worlds[i].as_str()))
        .collect();
    batch.run(&runs, extra).map_err(Failure::plain)
}

pub fn demo(root: &Path) -> Result<ExitCode, Failure> {
    let all = examples::discover(root)?;
    let mut rows = Vec::new();
    let mut modules = Vec::new();
    for (i, example) in all.into_iter().enumerate() {
        let (row, module) = prepare(example, i)?;
        rows.push(row);
        modules.push(module);
    }
    let batch = build_all("tracelab-demo", &modules)?;
    let records = run_rows(&batch, &rows, &[])?;
    print_table(&rows, &records)
}

fn print_table(rows: &[Row], records: &[Vec<String>]) -> Result<ExitCode, Failure> {
    let width = rows
        .iter()
        .map(|r| r.example.name.len())
        .max()
        .unwrap_or(7)
        .max(7);
    outln!(
        "{:<width$}  {:>6}  {:>10}  {:>10}  {:>10}  {:>7}",
        "example",
        "inputs",
        "source",
        "trace",
        "rust",
        "unknown"
    )?;
    let mut all_ok = true;
    let (mut inputs_total, mut unknown_total) = (0, 0);
    for (row, records) in rows.iter().zip(records) {
        let n = row.inputs.len();
        let mark = |agree: usize| format!("{agree}/{n} {}", if agree == n { "✓" } else { "✗" });
        let source = match &row.expected {
            None => "no oracle".to_string(),
            Some(expected) => {
                let agree = (0..n)
                    .filter(|&i| {
                        expected
                            .get(i)
                            .is_some_and(|l| agrees(row.level, l, &row.source[i]))
                    })
                    .count();
                all_ok &= agree == n;
                mark(agree)
            }
        };
        let trace = match row.level {
            Level::Trace => "is a trace".to_string(),
            Level::Core => {
                let agree = (0..n)
                    .filter(|&i| {
                        row.trace[i] == row.source[i]
                            || (i >= row.trained && row.trace[i].kind == OutcomeKind::Unknown)
                    })
                    .count();
                all_ok &= agree == n;
                mark(agree)
            }
        };
        let rust_agree = row
            .trace
            .iter()
            .zip(records)
            .filter(|(t, r)| t.to_record() == **r)
            .count();
        all_ok &= rust_agree == n;
        let unknown = row
            .trace
            .iter()
            .filter(|t| t.kind == OutcomeKind::Unknown)
            .count();
        inputs_total += n;
        unknown_total += unknown;
        outln!(
            "{:<width$}  {n:>6}  {source:>10}  {trace:>10}  {:>10}  {unknown:>7}",
            row.example.name,
            mark(rust_agree)
        )?;
    }
    outln!(
        "{} examples, {inputs_total} inputs: source vs the recorded CPython/Node, trace (built from \
         the first half of each example's inputs) vs source, Rust vs trace; {unknown_total} \
         answered unknown by a trace",
        rows.len()
    )?;
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
