//! Generated Rust ≡ trace semantics, on random programs: every trace tree built by the
//! tracing tests' generator compiles, and its Rust code gives the very record the machine
//! gives, on the inputs it was built from and on held-back ones (where both may say
//! `unknown`). Batched: all traces go into one crate (a module each) and one cargo build,
//! and one process runs every input. Code generation is also checked to be deterministic.
//! `TRACELAB_CASES=N` and `TRACELAB_SEED` scale and vary it, as for the other properties.

mod common;

use common::gen;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, TestRunner};
use tracelab_backend_rust::build;
use tracelab_backend_rust::krate::TraceModule;
use tracelab_ir::wf::Checked;
use tracelab_runtime::json::Json;
use tracelab_runtime::Limits;
use tracelab_semantics::{trace, Machine};

const FUEL: u64 = 3_000;

struct Case {
    program: Checked,
    trace: Checked,
    inputs: Vec<Json>,
    trained: usize,
}

fn draw<S: Strategy>(runner: &mut TestRunner, s: S) -> S::Value {
    s.new_tree(runner)
        .expect("the strategies of the generator never reject")
        .current()
}

fn cases(n: u32) -> Vec<Case> {
    let mut runner = TestRunner::new(Config {
        rng_seed: common::seed(),
        ..Config::default()
    });
    let world = gen::world();
    (0..n)
        .map(|_| {
            let bytes = draw(&mut runner, common::choices());
            let program = common::program(&bytes);
            let train = draw(
                &mut runner,
                proptest::collection::vec(common::input(), 1..4),
            );
            let held = draw(
                &mut runner,
                proptest::collection::vec(common::input(), 1..3),
            );
            let limits = limits(&program);
            let (_, tree) = trace::trace_tree(&program, &world, limits, &train)
                .expect("generated programs are core programs");
            let trace = Checked::new(tree).expect("tracing makes well-formed traces");
            let trained = train.len();
            Case {
                program,
                trace,
                inputs: train.into_iter().chain(held).collect(),
                trained,
            }
        })
        .collect()
}

fn limits(p: &Checked) -> Limits {
    Limits {
        fuel: FUEL,
        ..Limits::default_for(p.program().dialect)
    }
}

#[test]
fn generated_rust_agrees_with_the_trace_semantics() {
    let cases = cases(common::cases(200));
    let world = gen::world();
    let modules: Vec<TraceModule> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let source = tracelab_backend_rust::SourceMap::new("generated.tl", None);
            let code = tracelab_backend_rust::module(&c.trace, &source);
            let again = tracelab_backend_rust::module(&c.trace, &source);
            assert_eq!(code, again, "code generation is not deterministic");
            TraceModule {
                name: format!("t{i}"),
                code,
            }
        })
        .collect();
    let batch = build::build_batch("tracelab-random", &modules, build::Profile::Debug)
        .unwrap_or_else(|e| panic!("{e}"));
    let inputs: Vec<Vec<String>> = cases
        .iter()
        .map(|c| c.inputs.iter().map(|i| i.to_string()).collect())
        .collect();
    let runs: Vec<(usize, &[String], &str)> = (0..cases.len())
        .map(|i| (i, inputs[i].as_slice(), gen::WORLD_JSON))
        .collect();
    // The dialect's default memory and depth bounds, as `limits` keeps them.
    let args = ["--fuel".to_string(), FUEL.to_string()];
    let records = batch.run(&runs, &args).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = Vec::new();
    let mut got = Vec::new();
    for (i, c) in cases.iter().enumerate() {
        let machine = Machine::new(&c.trace, &world, limits(&c.program));
        for (input, record) in c.inputs.iter().zip(&records[i]) {
            expected.push((i, input, machine.run(input).to_record()));
            got.push(record);
        }
    }
    let dir = &batch.dir;
    let mut unknown_held = 0;
    for ((i, input, want), got) in expected.iter().zip(got.iter().copied()) {
        let c = &cases[*i];
        if want.contains("\"unknown\"") {
            unknown_held += 1;
        }
        assert_eq!(
            got,
            want,
            "generated Rust disagrees with the trace semantics on input {input} (crate {}, module t{i})\n--- program\n{}--- trace\n{}",
            dir.display(),
            tracelab_ir::print_program(c.program.program()),
            tracelab_ir::print_program(c.trace.program()),
        );
    }
    // Not vacuous: held-back inputs reach `unknown` paths, and there are many inputs.
    let trained: usize = cases.iter().map(|c| c.trained).sum();
    assert!(
        expected.len() > trained && unknown_held > 0,
        "{unknown_held} unknowns over {} inputs",
        expected.len()
    );
    eprintln!(
        "{} traces, {} inputs ({trained} trained), {unknown_held} unknown: Rust ≡ trace",
        cases.len(),
        expected.len()
    );
    memory_is_a_refinement(&cases, &batch, &runs);
}

/// Budgets small enough that random programs reach them.
const TIGHT_MEMORY: [usize; 3] = [256, 1024, 4096];

/// Memory is a stated refinement, not an equality: generated code keeps a variable that no
/// closure captures in a Rust local and charges it nothing, and charges every other
/// allocation exactly as the machine does, so at every point of a run it has used at most
/// the machine's bytes (fuel and depth stay exact). Hence, at any budget B: Rust reaches the
/// memory limit only where the machine does; where the machine does not, the records are
/// equal; where it does, Rust's record is `limit: memory` too (having perhaps logged more before
/// it) or the machine's record with memory unbounded (ARCHITECTURE.md, "Memory").
fn memory_is_a_refinement(cases: &[Case], batch: &build::Batch, runs: &[(usize, &[String], &str)]) {
    // A record of the memory limit, with whatever the run logged before it.
    let memory_limit = |record: &str| record.starts_with(r#"{"limit": "memory""#);
    let world = gen::world();
    let (mut machine_hits, mut rust_hits, mut rust_finished) = (0, 0, 0);
    for budget in TIGHT_MEMORY {
        let tight = |p: &Checked| Limits {
            memory_bytes: budget,
            ..limits(p)
        };
        // Each dialect keeps its own depth bound, as in the first batch run.
        let args = ["--fuel", &FUEL.to_string(), "--memory", &budget.to_string()].map(String::from);
        let records = batch.run(runs, &args).unwrap_or_else(|e| panic!("{e}"));
        for (i, c) in cases.iter().enumerate() {
            let machine = Machine::new(&c.trace, &world, tight(&c.program));
            let unbounded = Machine::new(&c.trace, &world, limits(&c.program));
            for (input, got) in c.inputs.iter().zip(&records[i]) {
                let want = machine.run(input).to_record();
                let context = || {
                    format!(
                        "budget {budget} B, input {input}, module t{i} of {}\n--- trace\n{}",
                        batch.dir.display(),
                        tracelab_ir::print_program(c.trace.program())
                    )
                };
                if !memory_limit(&want) {
                    assert_eq!(got, &want, "{}", context());
                    continue;
                }
                machine_hits += 1;
                if memory_limit(got) {
                    rust_hits += 1;
                } else {
                    rust_finished += 1;
                    assert_eq!(got, &unbounded.run(input).to_record(), "{}", context());
                }
            }
        }
    }
    // Not vacuous: the machine reaches the limit, and Rust both does and does not.
    assert!(
        machine_hits > 0 && rust_hits > 0,
        "budgets {TIGHT_MEMORY:?}: machine hit the memory limit {machine_hits} times, Rust {rust_hits}"
    );
    eprintln!(
        "budgets {TIGHT_MEMORY:?} B: the machine reached the memory limit {machine_hits} times; \
         Rust too {rust_hits} times, and finished as with unbounded memory {rust_finished} times"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: common::cases(300),
        rng_seed: common::seed(),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// Code generation is total on well-formed traces (it returns, never panics) and
    /// deterministic, on traces of random programs over random inputs (no build: fast).
    #[test]
    fn code_generation_is_total_and_deterministic(
        bytes in common::choices(),
        train in proptest::collection::vec(common::input(), 1..4),
    ) {
        let program = common::program(&bytes);
        let (_, tree) = trace::trace_tree(&program, &gen::world(), limits(&program), &train)
            .expect("generated programs are core programs");
        let tree = Checked::new(tree).expect("tracing makes well-formed traces");
        let source = tracelab_backend_rust::SourceMap::new("generated.tl", None);
        let code = tracelab_backend_rust::module(&tree, &source);
        proptest::prop_assert!(code.contains("pub fn run("));
        proptest::prop_assert_eq!(code, tracelab_backend_rust::module(&tree, &source));
    }
}
