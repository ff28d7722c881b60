//! `tracelab`: the command line (design.md, "Command line"). Exit status: 0 when the command
//! did its job, 1 for a disagreement, 2 for a bad command line, an unreadable file or a
//! diagnostic (and an error writing standard output; a closed pipe ends quietly with 0).

mod commands;
mod diagnostic;
mod examples;
mod load;
mod oracle;
mod output;

use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "tracelab",
    version,
    about = "A workbench for trace-based compilation of serverless functions"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Resource limits; each defaults to the dialect's default.
#[derive(Args, Clone, Copy)]
pub struct LimitArgs {
    /// Loop iterations plus calls before `limit(fuel)`.
    #[arg(long)]
    fuel: Option<u64>,
    /// Bytes allocated before `limit(memory)`.
    #[arg(long)]
    memory: Option<usize>,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum TraceFormat {
    /// The `.tl` text syntax.
    Text,
    /// IR JSON.
    Json,
    /// Graphviz DOT.
    Dot,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Against {
    Cpython,
    Node,
    /// The hand-written Rust of bench/reference.
    Rust,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FuzzLang {
    Py,
    Js,
}

#[derive(Subcommand)]
enum Command {
    /// Run a program on one input with the source semantics; print one result record.
    Run {
        file: PathBuf,
        /// The input, as JSON.
        #[arg(long)]
        input: String,
        /// The world file (`{"get": {URL: JSON}, "post": {URL: JSON}}`).
        #[arg(long)]
        world: Option<PathBuf>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print every step of a run with the name of the rule it took.
    Step {
        file: PathBuf,
        #[arg(long)]
        input: String,
        #[arg(long)]
        world: Option<PathBuf>,
        /// One JSON object per step, for machines.
        #[arg(long)]
        json: bool,
        /// Print at most this many steps (the run still goes on to its outcome).
        #[arg(long)]
        max_steps: Option<u64>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Trace a program on inputs and print the trace tree (the merge of every run's trace).
    Trace {
        file: PathBuf,
        /// JSON Lines, one input per line.
        #[arg(long)]
        inputs: PathBuf,
        #[arg(long)]
        world: Option<PathBuf>,
        #[arg(long, value_enum, default_value = "text")]
        format: TraceFormat,
        /// Write the trace here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print the trace's statistics (size, depth, holes, guards) as JSON on standard output.
        #[arg(long)]
        stats: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Trace a program on inputs and write the trace tree as a Rust crate.
    Compile {
        file: PathBuf,
        #[arg(long)]
        inputs: PathBuf,
        #[arg(long)]
        world: Option<PathBuf>,
        /// The crate's folder.
        #[arg(short, long)]
        output: PathBuf,
        /// Also build it (release, offline, in the shared target folder).
        #[arg(long)]
        build: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Every input through every engine: source, trace tree, Rust, and the real CPython/Node.
    Diff {
        file: PathBuf,
        #[arg(long)]
        inputs: PathBuf,
        #[arg(long)]
        world: Option<PathBuf>,
        /// Build the trace tree from the first N inputs (default: all).
        #[arg(long)]
        train: Option<usize>,
        /// One JSON line per input: {"input", "source", "trace", "rust", "oracle"}.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Check a program: syntax, well-formedness, subset.
    Check {
        file: PathBuf,
        /// Also print the core program (what a frontend lowered the file to), as `.tl` text.
        #[arg(long)]
        print: bool,
    },
    /// List the rules of the semantics; with --coverage, how often the examples and random
    /// programs take each, and which constructs of each frontend they use.
    Rules {
        #[arg(long)]
        coverage: bool,
        /// Folders of examples to run for --coverage.
        #[arg(long = "examples", default_values = ["examples", "semantics/tests/cases"])]
        roots: Vec<PathBuf>,
        /// Random programs per language (difftest's generators) for --coverage.
        #[arg(long, default_value_t = 300)]
        random: usize,
        /// The seed of the random programs.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Write the LaTeX tables (grammar.tex, rules.tex) and a Markdown rule table; with
    /// --results, also the results table (results.tex) of a `tracelab bench --json` file.
    Paper {
        #[arg(short, long, default_value = "paper/generated")]
        output: PathBuf,
        /// A file written by `tracelab bench --json`.
        #[arg(long)]
        results: Option<PathBuf>,
    },
    /// A differential campaign: random programs through the source semantics, the trace
    /// tree and the real CPython / Node, with a progress bar and a summary.
    Fuzz {
        #[arg(long, value_enum)]
        lang: FuzzLang,
        /// Programs to generate.
        #[arg(long, default_value_t = 10_000)]
        cases: u64,
        /// The seed of the programs (default: a new one, printed).
        #[arg(long)]
        seed: Option<u64>,
        /// Also run the first N agreeing programs through their generated Rust (400 to a
        /// crate, one build each, about a minute per crate).
        #[arg(long, default_value_t = 0)]
        rust: u64,
        /// Also write the summary here, as JSON.
        #[arg(long)]
        summary: Option<PathBuf>,
    },
    /// Run every bundled example on its inputs and show one agreement table.
    Demo {
        #[arg(long, default_value = "examples")]
        examples: PathBuf,
    },
    /// Time the benchmark suite on the trace semantics and generated Rust, and with
    /// --against on CPython, Node and hand-written Rust, side by side.
    Bench {
        /// The suite: folders with main.py / main.js and inputs.jsonl (first line timed).
        #[arg(long, default_value = "bench")]
        suite: PathBuf,
        /// Other engines: cpython, node, rust (the hand-written Rust of bench/reference).
        #[arg(long, value_delimiter = ',', value_enum)]
        against: Vec<Against>,
        /// Only these benchmarks (comma-separated names).
        #[arg(long, value_delimiter = ',')]
        only: Vec<String>,
        /// Rounds; each engine keeps its median round.
        #[arg(long, default_value_t = 5)]
        rounds: u32,
        /// The least time of one measurement, in milliseconds.
        #[arg(long, default_value_t = 40.0)]
        target_ms: f64,
        /// Also write the figures here, as JSON (`tracelab paper --results FILE` typesets them).
        #[arg(long)]
        json: Option<PathBuf>,
    },
    /// Serve functions over HTTP: interpret and trace them, compile their trace trees in the
    /// background, then run the compiled code, falling back to the interpreter on unknown paths.
    Serve(ServeArgs),
}

#[derive(Args)]
struct ServeArgs {
    /// The address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// The port (0: any free port; the address is printed on standard error).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Deploy the functions of this folder at start: `NAME.py`/`NAME.js` (with
    /// `NAME.world.json`) or `NAME/main.py`/`NAME/main.js` (with `NAME/world.json`). Repeatable.
    #[arg(long)]
    functions: Vec<PathBuf>,
    /// Serve the Apache OpenWhisk action-runtime protocol (`/init`, `/run`) instead.
    #[arg(long)]
    openwhisk: bool,
    /// The language of the OpenWhisk action.
    #[arg(long, value_enum, default_value = "js", requires = "openwhisk")]
    language: FuzzLang,
    /// Compile a function once this many requests have been interpreted.
    #[arg(long, default_value_t = 10)]
    compile_after: u32,
    /// …or once this many requests in a row left its trace tree unchanged.
    #[arg(long, default_value_t = 5)]
    settle_after: u32,
    /// A function whose trace tree still changes after this many recompiles stays interpreted.
    #[arg(long, default_value_t = 8)]
    max_recompiles: u32,
    /// The wait before the first recompile, in milliseconds; it doubles with each recompile.
    #[arg(long, default_value_t = 200)]
    recompile_backoff_ms: u64,
    /// Compiled worker processes per function version.
    #[arg(long, default_value_t = 2)]
    workers: usize,
    /// Request bodies over this many bytes get 413.
    #[arg(long, default_value_t = 16 << 20)]
    body_limit: usize,
    /// Never compile: every request is interpreted.
    #[arg(long)]
    no_compile: bool,
    /// Build generated crates unoptimised (faster builds, slower code; for tests).
    #[arg(long)]
    debug_build: bool,
    /// Make `containerless.get`/`post` real HTTP requests for URLs the world lacks, to these
    /// hosts only (`host` or `host:port`; plain `http://`).
    #[arg(long, num_args = 1..)]
    live_world: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run {
            file,
            input,
            world,
            limits,
        } => commands::run::run(&file, &input, world.as_deref(), limits),
        Command::Step {
            file,
            input,
            world,
            json,
            max_steps,
            limits,
        } => commands::run::step(&file, &input, world.as_deref(), json, max_steps, limits),
        Command::Trace {
            file,
            inputs,
            world,
            format,
            output,
            stats,
            limits,
        } => commands::trace::trace(
            &file,
            &inputs,
            world.as_deref(),
            format,
            output.as_deref(),
            stats,
            limits,
        ),
        Command::Compile {
            file,
            inputs,
            world,
            output,
            build,
            limits,
        } => commands::compile::compile(&file, &inputs, world.as_deref(), &output, build, limits),
        Command::Diff {
            file,
            inputs,
            world,
            train,
            json,
            limits,
        } => commands::diff::diff(&file, &inputs, world.as_deref(), train, json, limits),
        Command::Check { file, print } => commands::check(&file, print),
        Command::Rules {
            coverage: false, ..
        } => commands::rules::list(),
        Command::Rules {
            coverage: true,
            roots,
            random,
            seed,
            json,
        } => commands::rules::coverage(&commands::rules::Options {
            roots: &roots,
            random,
            seed,
            json,
        }),
        Command::Fuzz {
            lang,
            cases,
            seed,
            rust,
            summary,
        } => commands::fuzz::fuzz(lang, cases, seed, rust, summary.as_deref()),
        Command::Paper { output, results } => commands::paper(&output, results.as_deref()),
        Command::Demo { examples } => commands::demo::demo(&examples),
        Command::Bench {
            suite,
            against,
            only,
            rounds,
            target_ms,
            json,
        } => {
            use commands::bench::Engine;
            let against = against
                .into_iter()
                .map(|a| match a {
                    Against::Cpython => Engine::CPython,
                    Against::Node => Engine::Node,
                    Against::Rust => Engine::Reference,
                })
                .collect();
            commands::bench::bench(&commands::bench::Options {
                suite,
                against,
                only,
                rounds,
                target_ms,
                json,
            })
        }
        Command::Serve(a) => {
            let config = tracelab_serve::Config {
                compile_after: a.compile_after,
                settle_after: a.settle_after,
                max_recompiles: a.max_recompiles,
                recompile_backoff: std::time::Duration::from_millis(a.recompile_backoff_ms),
                workers: a.workers,
                body_limit: a.body_limit,
                compile: !a.no_compile,
                profile: if a.debug_build {
                    tracelab_backend_rust::build::Profile::Debug
                } else {
                    tracelab_backend_rust::build::Profile::Release
                },
                live_hosts: a.live_world,
            };
            let dialect = match a.language {
                FuzzLang::Py => tracelab_ir::Dialect::Py,
                FuzzLang::Js => tracelab_ir::Dialect::Js,
            };
            commands::serve::serve(commands::serve::Options {
                host: a.host,
                port: a.port,
                functions: a.functions,
                openwhisk: a.openwhisk.then_some(dialect),
                config,
            })
        }
    };
    match result {
        Ok(code) => code,
        Err(failure) if failure.closed_pipe => ExitCode::SUCCESS,
        Err(failure) => {
            eprint!("{}", failure.render(std::io::stderr().is_terminal()));
            ExitCode::from(2)
        }
    }
}
