//! `bench`: the benchmark suite (`bench/`) through every engine, side by side in one run.
//!
//! Each benchmark folder holds a Python and a JavaScript program and `inputs.jsonl`, whose
//! first line is the timed input (the other lines only check agreement). The engines:
//! the trace semantics (the machine on the trace tree of every input, in this process), the
//! generated Rust of that tree (every trace in one crate, whose binary is a timing worker),
//! and, with `--against`, CPython 3.11 and Node 20 (the timing workers of `bench/workers/`)
//! and the hand-written Rust of `bench/reference` (in this process). One call is the same
//! work everywhere: parse the input's JSON text, run the function, write the result as JSON.
//! Engines alternate within each round, and each keeps its median round; every engine's
//! result must agree with the source semantics' before any figure is printed. A measurement,
//! never an assertion: build tracelab with `--release` for a fair machine.

mod targets;

use crate::load::{self, Failure};
use crate::output::out;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitCode, Stdio};
use std::time::Instant;
use tracelab_backend_rust::build as rust;
use tracelab_backend_rust::krate::TraceModule;
use tracelab_ir::wf::Checked;
use tracelab_runtime::json::Json;
use tracelab_runtime::outcome::records_agree;
use tracelab_runtime::{Limits, World};
use tracelab_semantics::Machine;

/// An engine of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The trace semantics: the machine on the trace tree.
    Trace,
    /// The generated Rust of the trace tree.
    Rust,
    CPython,
    Node,
    /// The hand-written Rust of `bench/reference`.
    Reference,
}

impl Engine {
    pub fn name(self) -> &'static str {
        match self {
            Engine::Trace => "trace",
            Engine::Rust => "rust",
            Engine::CPython => "cpython",
            Engine::Node => "node",
            Engine::Reference => "reference",
        }
    }
}

/// What `bench` runs.
pub struct Options {
    pub suite: PathBuf,
    /// Engines besides tracelab's own (`cpython`, `node`, `rust` = the hand-written Rust).
    pub against: Vec<Engine>,
    /// Only these benchmarks (all when empty).
    pub only: Vec<String>,
    pub rounds: u32,
    /// The least time one engine's measurement of one benchmark takes in a round.
    pub target_ms: f64,
    pub json: Option<PathBuf>,
}

/// One benchmark in one language.
struct Row {
    bench: String,
    lang: &'static str,
    /// The timed input, as JSON text.
    text: String,
    /// The trace tree of every input of the benchmark.
    tree: Checked,
    limits: Limits,
    /// The source semantics' record on the timed input: what every engine must give.
    expected: String,
    program: PathBuf,
}

/// One engine's figures for one row: nanoseconds per call and per parse alone, per round.
#[derive(Clone, Default)]
struct Figures {
    per_call: Vec<f64>,
    parse: Vec<f64>,
}

fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

impl Figures {
    fn call(&self) -> f64 {
        median(&self.per_call)
    }
    fn parse(&self) -> f64 {
        median(&self.parse)
    }
    /// Per call without parsing the input (NaN when the engine did not run).
    fn work(&self) -> f64 {
        let (call, parse) = (self.call(), self.parse());
        if call.is_nan() {
            call
        } else {
            (call - parse).max(0.0)
        }
    }
}

/// A timing worker: a child process speaking the JSON Lines protocol of `bench/README.md`.
struct Worker {
    what: String,
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    fn start(what: &str, command: &mut Command) -> Result<Worker, Failure> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| Failure::plain(format!("cannot start the {what} worker: {e}")))?;
        let stdin = child.stdin.take().expect("stdin was piped");
        let stdout = BufReader::new(child.stdout.take().expect("stdout was piped"));
        Ok(Worker {
            what: what.to_string(),
            child,
            stdin,
            stdout,
        })
    }

    fn request(&mut self, request: &serde_json::Value) -> Result<serde_json::Value, Failure> {
        let lost = |e: std::io::Error| {
            Failure::plain(format!("the {} worker stopped answering: {e}", self.what))
        };
        writeln!(self.stdin, "{request}").map_err(lost)?;
        self.stdin.flush().map_err(lost)?;
        let mut line = String::new();
        let n = self.stdout.read_line(&mut line).map_err(lost)?;
        if n == 0 {
            return Err(Failure::plain(format!("the {} worker exited", self.what)));
        }
        let answer: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            Failure::plain(format!("the {} worker answered `{line}`: {e}", self.what))
        })?;
        match answer.get("error") {
            Some(err) => Err(Failure::plain(format!(
                "the {} worker failed: {}",
                self.what,
                err.as_str().unwrap_or(&err.to_string())
            ))),
            None => Ok(answer),
        }
    }

    /// Times `calls` calls of program `id` on `text` after `warmup` untimed ones.
    fn time(&mut self, id: &str, text: &str, calls: u64, warmup: u64) -> Result<Timed, Failure> {
        let answer = self.request(&serde_json::json!({
            "op": "time", "id": id, "input": text, "calls": calls, "warmup": warmup
        }))?;
        let number = |k: &str| answer.get(k).and_then(serde_json::Value::as_f64);
        match (
            number("ns_per_call"),
            number("ns_parse"),
            answer.get("result"),
        ) {
            (Some(per_call), Some(parse), Some(serde_json::Value::String(result))) => Ok(Timed {
                per_call,
                parse,
                result: result.clone(),
            }),
            _ => Err(Failure::plain(format!(
                "the {} worker answered `{answer}`",
                self.what
            ))),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = writeln!(self.stdin, "{{\"op\": \"quit\"}}");
        let _ = self.stdin.flush();
        let _ = self.child.wait();
    }
}

/// One measurement: the mean time per call and per parse over the calls, and the last
/// call's result (a result record for tracelab's engines, the result's JSON text otherwise).
struct Timed {
    per_call: f64,
    parse: f64,
    result: String,
}

/// Times an engine that runs in this process; `parse` is its parse of the input alone.
fn time_here(
    calls: u64,
    warmup: u64,
    text: &str,
    parse: impl Fn(&str),
    call: impl Fn(&str) -> String,
) -> Timed {
    let mut result = String::new();
    for _ in 0..warmup {
        result = call(text);
    }
    let started = Instant::now();
    for _ in 0..calls {
        result = std::hint::black_box(call(text));
    }
    let per_call = started.elapsed().as_nanos() as f64 / calls as f64;
    let started = Instant::now();
    for _ in 0..calls {
        parse(std::hint::black_box(text));
    }
    let parse = started.elapsed().as_nanos() as f64 / calls as f64;
    Timed {
        per_call,
        parse,
        result,
    }
}

/// The benchmarks of the suite: folders with `inputs.jsonl` and `main.py` / `main.js`.
fn discover(suite: &Path, only: &[String]) -> Result<Vec<(String, PathBuf)>, Failure> {
    let entries = std::fs::read_dir(suite).map_err(|e| {
        Failure::plain(format!(
            "cannot read the benchmark suite `{}`: {e}",
            suite.display()
        ))
    })?;
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.join("inputs.jsonl").is_file()
                && (p.join("main.py").is_file() || p.join("main.js").is_file())
        })
        .filter_map(|p| Some((p.file_name()?.to_str()?.to_string(), p)))
        .filter(|(name, _)| only.is_empty() || only.contains(name))
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(Failure::plain(format!(
            "no benchmarks{} under `{}` (folders with inputs.jsonl and main.py / main.js)",
            if only.is_empty() {
                ""
            } else {
                " of those named"
            },
            suite.display()
        )));
    }
    Ok(found)
}

fn prepare(bench: &str, dir: &Path, lang: &'static str) -> Result<Option<Row>, Failure> {
    let program = dir.join(format!("main.{lang}"));
    if !program.is_file() {
        return Ok(None);
    }
    let loaded = load::program(&program)?;
    let inputs = load::inputs(&dir.join("inputs.jsonl"))?;
    let Some(input) = inputs.first().cloned() else {
        return Err(Failure::plain(format!(
            "`{}` has no input to time",
            dir.join("inputs.jsonl").display()
        )));
    };
    let world = World::default();
    let limits = Limits::default_for(loaded.program.program().dialect);
    let tree =
        super::compile::trace_for(&loaded, &world, limits, &inputs).map_err(Failure::plain)?;
    let expected = Machine::new(&loaded.program, &world, limits)
        .run(&input)
        .to_record();
    Ok(Some(Row {
        bench: bench.to_string(),
        lang,
        text: input.to_string(),
        tree,
        limits,
        expected,
        program,
    }))
}

/// Whether an engine's result agrees with the row's expected record.
fn agrees(engine: Engine, row: &Row, result: &str) -> bool {
    match engine {
        Engine::Trace | Engine::Rust => records_agree(&row.expected, result),
        Engine::CPython | Engine::Node | Engine::Reference => {
            records_agree(&row.expected, &format!("{{\"ok\": {result}}}"))
        }
    }
}

/// The engines with their workers, and how to time one of them on one row.
struct Engines {
    list: Vec<Engine>,
    generated: Worker,
    cpython: Option<Worker>,
    node: Option<Worker>,
}

impl Engines {
    fn time(
        &mut self,
        engine: Engine,
        index: usize,
        row: &Row,
        calls: u64,
        warmup: u64,
    ) -> Result<Timed, Failure> {
        let id = format!("b{index}");
        match engine {
            Engine::Trace => {
                let world = World::default();
                let machine = Machine::new(&row.tree, &world, row.limits);
                let parse = |text: &str| {
                    std::hint::black_box(Json::parse(text).ok());
                };
                Ok(time_here(calls, warmup, &row.text, parse, |text| {
                    let input = Json::parse(text).unwrap_or(Json::Null);
                    machine.run(&input).to_record()
                }))
            }
            Engine::Rust => self.generated.time(&id, &row.text, calls, warmup),
            Engine::CPython | Engine::Node => {
                let worker = if engine == Engine::CPython {
                    self.cpython.as_mut()
                } else {
                    self.node.as_mut()
                };
                let worker = worker.expect("a worker runs for every engine compared");
                worker.time(&id, &row.text, calls, warmup)
            }
            Engine::Reference => {
                let bench = row.bench.clone();
                // The hand-written Rust reads its input with serde_json.
                let input: serde_json::Value =
                    serde_json::from_str(&row.text).unwrap_or(serde_json::Value::Null);
                if tracelab_bench_reference::run(&bench, &input).is_none() {
                    return Err(Failure::plain(format!("bench/reference has no `{bench}`")));
                }
                let parse = |text: &str| {
                    std::hint::black_box(serde_json::from_str::<serde_json::Value>(text).ok());
                };
                Ok(time_here(calls, warmup, &row.text, parse, |text| {
                    let input: serde_json::Value =
                        serde_json::from_str(text).unwrap_or(serde_json::Value::Null);
                    tracelab_bench_reference::run(&bench, &input)
                        .map(|v| v.to_string())
                        .unwrap_or_default()
                }))
            }
        }
    }
}

fn start_script_worker(
    engine: Engine,
    suite: &Path,
    rows: &[Row],
) -> Result<Option<Worker>, Failure> {
    let (interpreter, script, lang) = match engine {
        Engine::CPython => ("python3", "timer.py", "py"),
        Engine::Node => ("node", "timer.js", "js"),
        _ => return Ok(None),
    };
    let path = suite.join("workers").join(script);
    let mut command = Command::new(interpreter);
    command.arg(&path);
    if engine == Engine::CPython {
        command.env("PYTHONHASHSEED", "0");
    }
    let mut worker = Worker::start(engine.name(), &mut command)?;
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| r.lang == lang) {
        let file = std::fs::canonicalize(&row.program).unwrap_or_else(|_| row.program.clone());
        worker.request(&serde_json::json!({
            "op": "load", "id": format!("b{i}"), "file": file
        }))?;
    }
    Ok(Some(worker))
}

/// Whether `engine` runs `row` (CPython runs the Python programs, Node the JavaScript ones).
fn runs(engine: Engine, row: &Row) -> bool {
    match engine {
        Engine::CPython => row.lang == "py",
        Engine::Node => row.lang == "js",
        _ => true,
    }
}

pub fn bench(options: &Options) -> Result<ExitCode, Failure> {
    if cfg!(debug_assertions) {
        eprintln!("note: this tracelab is a debug build, so the trace semantics is unoptimised; use `cargo run --release -p tracelab -- bench` for a fair comparison");
    }
    let mut rows = Vec::new();
    for (bench, dir) in discover(&options.suite, &options.only)? {
        for lang in ["py", "js"] {
            if let Some(row) = prepare(&bench, &dir, lang)? {
                rows.push(row);
            }
        }
    }
    let modules: Vec<TraceModule> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let source = load::read_text(&row.program)?;
            let file = format!("main.{}", row.lang);
            Ok(rust::module_of(&row.tree, &file, &source, &format!("b{i}")))
        })
        .collect::<Result<_, Failure>>()?;
    let batch = super::demo::build_all("tracelab-bench", &modules)?;
    let generated = Worker::start(
        "generated Rust",
        Command::new(&batch.binary).arg("--worker"),
    )?;
    let mut list = vec![Engine::Trace, Engine::Rust];
    list.extend(options.against.iter().copied());
    let mut engines = Engines {
        cpython: if list.contains(&Engine::CPython) {
            start_script_worker(Engine::CPython, &options.suite, &rows)?
        } else {
            None
        },
        node: if list.contains(&Engine::Node) {
            start_script_worker(Engine::Node, &options.suite, &rows)?
        } else {
            None
        },
        list,
        generated,
    };

    // Calibration: a call count per (row, engine) so that a measurement takes the target
    // time, and a check that every engine agrees with the source semantics.
    let target_ns = options.target_ms * 1e6;
    let mut calls = vec![vec![0u64; engines.list.len()]; rows.len()];
    for (i, row) in rows.iter().enumerate() {
        for (k, engine) in engines.list.clone().into_iter().enumerate() {
            if !runs(engine, row) {
                continue;
            }
            let probe = engines.time(engine, i, row, 1, 1)?;
            if !agrees(engine, row, &probe.result) {
                return Err(Failure::plain(format!(
                    "{} ({}) on {}: {} answered `{}`, the source semantics `{}`",
                    row.bench,
                    row.lang,
                    row.text.chars().take(80).collect::<String>(),
                    engine.name(),
                    probe.result,
                    row.expected
                )));
            }
            calls[i][k] = ((target_ns / probe.per_call.max(1.0)).ceil() as u64).clamp(1, 1_000_000);
        }
        eprint!("\rcalibrated {}/{}", i + 1, rows.len());
    }
    eprintln!();

    let mut figures = vec![vec![Figures::default(); engines.list.len()]; rows.len()];
    let k = engines.list.len();
    for round in 0..options.rounds.max(1) {
        for (i, row) in rows.iter().enumerate() {
            // Engines alternate: each round starts with a different one.
            for j in 0..k {
                let e = (j + round as usize) % k;
                let engine = engines.list[e];
                if !runs(engine, row) {
                    continue;
                }
                let n = calls[i][e];
                let warmup = if round == 0 {
                    n.max(10)
                } else {
                    (n / 4).max(1)
                };
                let t = engines.time(engine, i, row, n, warmup)?;
                figures[i][e].per_call.push(t.per_call);
                figures[i][e].parse.push(t.parse);
            }
        }
        eprint!("\rround {}/{}", round + 1, options.rounds.max(1));
    }
    eprintln!();
    let report = Report {
        engines: engines.list.clone(),
        rows: rows
            .iter()
            .zip(&figures)
            .map(|(r, f)| (r.bench.clone(), r.lang, f.clone()))
            .collect(),
        rounds: options.rounds.max(1),
    };
    out!("{}", report.table())?;
    out!("{}", report.targets())?;
    if let Some(path) = &options.json {
        std::fs::write(path, report.json().to_string() + "\n")
            .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

/// The figures of a run, printed as a table and written as JSON.
struct Report {
    engines: Vec<Engine>,
    rows: Vec<(String, &'static str, Vec<Figures>)>,
    rounds: u32,
}

/// The column header of a comparison.
fn versus_header(engine: Engine) -> String {
    match engine {
        Engine::Reference => "rust/ref".to_string(),
        other => format!("×{}", other.name()),
    }
}

fn ratio(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}×")
    } else if x >= 0.1 {
        format!("{x:.2}×")
    } else {
        format!("{x:.4}×")
    }
}

/// The engines generated Rust is compared with: speed-ups (`other time / rust time`) over
/// the trace semantics, CPython and Node, and the slowdown (`rust time / reference time`)
/// against the hand-written Rust.
const VERSUS: [Engine; 4] = [
    Engine::Trace,
    Engine::CPython,
    Engine::Node,
    Engine::Reference,
];

/// The geometric mean of ratios (`None` for none): what the tables, the targets and the
/// paper's results table average.
pub fn geomean(xs: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = xs.fold((0.0, 0u32), |(s, n), x| (s + x.ln(), n + 1));
    (n > 0).then(|| (sum / f64::from(n)).exp())
}

impl Report {
    fn index(&self, engine: Engine) -> Option<usize> {
        self.engines.iter().position(|e| *e == engine)
    }

    /// `other / rust` per row, for rows that both engines ran.
    fn ratios(&self, other: Engine, measure: fn(&Figures) -> f64) -> Vec<Option<f64>> {
        let (Some(r), Some(o)) = (self.index(Engine::Rust), self.index(other)) else {
            return vec![None; self.rows.len()];
        };
        self.rows
            .iter()
            .map(|(_, _, f)| {
                let (rust, them) = (measure(&f[r]), measure(&f[o]));
                let ok = rust.is_finite() && them.is_finite() && rust > 0.0 && them > 0.0;
                ok.then(|| {
                    if other == Engine::Reference {
                        rust / them
                    } else {
                        them / rust
                    }
                })
            })
            .collect()
    }

    fn table(&self) -> String {
        let mut out = String::new();
        for (title, measure) in [
            (
                "per call, parsing the input included (µs)",
                Figures::call as fn(&Figures) -> f64,
            ),
            ("per call, without parsing the input (µs)", Figures::work),
        ] {
            out += &format!(
                "\n{title}; ×E is E's time over generated Rust's, rust/ref generated Rust's over the hand-written Rust's\n"
            );
            let mut header = format!("{:<16} {:<4}", "benchmark", "lang");
            for e in &self.engines {
                header += &format!(" {:>11}", e.name());
            }
            let versus: Vec<Engine> = VERSUS
                .into_iter()
                .filter(|e| self.index(*e).is_some())
                .collect();
            for e in &versus {
                header += &format!(" {:>11}", versus_header(*e));
            }
            out += &header;
            out.push('\n');
            let ratios: Vec<Vec<Option<f64>>> =
                versus.iter().map(|e| self.ratios(*e, measure)).collect();
            for (i, (bench, lang, figures)) in self.rows.iter().enumerate() {
                let mut line = format!("{bench:<16} {lang:<4}");
                for f in figures {
                    let t = measure(f) / 1e3;
                    line += &if t.is_finite() {
                        format!(" {t:>11.2}")
                    } else {
                        format!(" {:>11}", "—")
                    };
                }
                for r in &ratios {
                    line += &match r[i] {
                        Some(x) => format!(" {:>11}", ratio(x)),
                        None => format!(" {:>11}", "—"),
                    };
                }
                out += &line;
                out.push('\n');
            }
            for lang in ["py", "js"] {
                let mut line = format!("{:<16} {lang:<4}", "geometric mean");
                line += &" ".repeat(12 * self.engines.len());
                for r in &ratios {
                    let g = geomean(
                        self.rows
                            .iter()
                            .zip(r)
                            .filter(|((_, l, _), _)| *l == lang)
                            .filter_map(|(_, x)| *x),
                    );
                    line += &match g {
                        Some(x) => format!(" {:>11}", ratio(x)),
                        None => format!(" {:>11}", "—"),
                    };
                }
                out += &line;
                out.push('\n');
            }
        }
        out += &format!(
            "\nmedians of {} rounds; engines alternate within each round; every engine's result agreed with the source semantics\n",
            self.rounds
        );
        out
    }

    fn json(&self) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|(bench, lang, figures)| {
                let engines: serde_json::Map<String, serde_json::Value> = self
                    .engines
                    .iter()
                    .zip(figures)
                    .filter(|(_, f)| !f.per_call.is_empty())
                    .map(|(e, f)| {
                        (
                            e.name().to_string(),
                            serde_json::json!({
                                "ns_per_call": f.call(),
                                "ns_parse": f.parse(),
                                "ns_without_parse": f.work(),
                                "rounds_ns_per_call": f.per_call,
                            }),
                        )
                    })
                    .collect();
                serde_json::json!({"benchmark": bench, "lang": lang, "engines": engines})
            })
            .collect();
        let mut geomeans = serde_json::Map::new();
        for (name, measure) in [
            ("with_parse", Figures::call as fn(&Figures) -> f64),
            ("without_parse", Figures::work),
        ] {
            let mut per = serde_json::Map::new();
            for e in VERSUS.into_iter().filter(|e| self.index(*e).is_some()) {
                let r = self.ratios(e, measure);
                for lang in ["py", "js"] {
                    let g = geomean(
                        self.rows
                            .iter()
                            .zip(&r)
                            .filter(|((_, l, _), _)| *l == lang)
                            .filter_map(|(_, x)| *x),
                    );
                    let key = match e {
                        Engine::Reference => format!("rust_slowdown_vs_reference_{lang}"),
                        _ => format!("rust_speedup_vs_{}_{lang}", e.name()),
                    };
                    per.insert(key, serde_json::json!(g));
                }
            }
            geomeans.insert(name.to_string(), serde_json::Value::Object(per));
        }
        serde_json::json!({
            "rounds": self.rounds,
            "engines": self.engines.iter().map(|e| e.name()).collect::<Vec<_>>(),
            "rows": rows,
            "geometric_means": geomeans,
        })
    }
}
