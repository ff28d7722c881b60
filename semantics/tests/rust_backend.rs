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
use tracelab_runtime::Limits;
use tracelab_semantics::{trace, Machine};

const FUEL: u64 = 3_000;

struct Case {
    program: Checked,
    trace: Checked,
    inputs: Vec<serde_json::Value>,
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
