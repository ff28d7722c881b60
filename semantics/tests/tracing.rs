//! The safety theorem, tested: replay, safety and coverage of trace trees over random core
//! programs and inputs, the lattice laws of merge, and the boundedness of traces.
//! `TRACELAB_CASES=N` scales the number of programs.

mod common;

use common::gen;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use tracelab_ir::wf::Checked;
use tracelab_ir::Program;
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limit, Limits, Outcome, OutcomeKind};
use tracelab_semantics::trace::{self, collect::Coverage, merge, render};
use tracelab_semantics::Machine;

fn limits(p: &Program) -> Limits {
    Limits {
        fuel: 3_000,
        ..Limits::default_for(p.dialect)
    }
}

fn run(p: &Checked, input: &Json) -> Outcome {
    Machine::new(p, &gen::world(), limits(p.program())).run(input)
}

/// A trace must itself be a well-formed trace program.
fn checked_trace(t: Program) -> Checked {
    match Checked::new(t.clone()) {
        Ok(c) => c,
        Err(e) => panic!(
            "tracing made an ill-formed trace: {e:?}\n{}",
            tracelab_ir::print_program(&t)
        ),
    }
}

fn show(p: &Checked, t: &Program) -> String {
    format!(
        "--- program\n{}--- trace\n{}",
        tracelab_ir::print_program(p.program()),
        tracelab_ir::print_program(t)
    )
}

/// The trace's outcome is the source's, or `unknown`, or (only) a memory limit: traced
/// guards and callbacks allocate a cell the source does not.
fn safe(source: &Outcome, traced: &Outcome) -> bool {
    traced == source
        || traced.kind == OutcomeKind::Unknown
        || traced.kind == OutcomeKind::Limit(Limit::Memory)
}

fn inputs() -> impl Strategy<Value = Vec<Json>> {
    proptest::collection::vec(common::input(), 1..5)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::cases(400),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/regressions/tracing.txt"))),
        rng_seed: common::seed(),
        ..ProptestConfig::default()
    })]

    /// Replay: the trace of a run, on the same input, gives the same outcome.
    #[test]
    fn replay(bytes in common::choices(), input in common::input()) {
        let p = common::program(&bytes);
        let world = gen::world();
        let (outcome, t) = trace::trace_run(&p, &world, limits(p.program()), &input).expect("core program");
        let t = checked_trace(t);
        let again = Machine::new(&t, &world, limits(p.program())).run(&input);
        prop_assert_eq!(&again, &outcome, "{}", show(&p, t.program()));
    }

    /// Safety: a trace tree built from some inputs gives, on any input, the source outcome or
    /// `unknown`; coverage: on the inputs it was built from, never `unknown`.
    #[test]
    fn safety_and_coverage(bytes in common::choices(), train in inputs(), held in inputs()) {
        let p = common::program(&bytes);
        let world = gen::world();
        let (outcomes, tree) = trace::trace_tree(&p, &world, limits(p.program()), &train).expect("core program");
        let tree = checked_trace(tree);
        let machine = Machine::new(&tree, &world, limits(p.program()));
        for (input, source) in train.iter().zip(&outcomes) {
            let traced = machine.run(input);
            prop_assert_eq!(&traced, source, "coverage fails on training input {}\n{}", input, show(&p, tree.program()));
        }
        for input in &held {
            let (source, traced) = (run(&p, input), machine.run(input));
            prop_assert!(safe(&source, &traced), "unsafe on {}: source {:?}, trace {:?}\n{}", input, source, traced, show(&p, tree.program()));
        }
    }

    /// Merge is commutative, associative and idempotent on traces of one program, a trace is
    /// below its merges, and the trace tree does not depend on the order of the inputs.
    #[test]
    fn merge_is_a_join(bytes in common::choices(), a in common::input(), b in common::input(), c in common::input()) {
        let p = common::program(&bytes);
        let world = gen::world();
        let lim = limits(p.program());
        let t = |i: &Json| trace::trace_run(&p, &world, lim, i).expect("core program").1;
        let (ta, tb, tc) = (t(&a), t(&b), t(&c));
        let m = |x: &Program, y: &Program| merge(x, y).expect("traces of one program merge");
        prop_assert_eq!(m(&ta, &tb), m(&tb, &ta));
        prop_assert_eq!(m(&m(&ta, &tb), &tc), m(&ta, &m(&tb, &tc)));
        prop_assert_eq!(m(&ta, &ta), ta.clone());
        let ab = m(&ta, &tb);
        prop_assert_eq!(m(&ta, &ab), ab.clone(), "t ⊑ t ⊔ u");
        let forward = trace::trace_tree(&p, &world, lim, &[a.clone(), b.clone(), c.clone()]).expect("core").1;
        let backward = trace::trace_tree(&p, &world, lim, &[c.clone(), b.clone(), a.clone()]).expect("core").1;
        prop_assert_eq!(&forward, &backward);
        // Merging traces is the same as rendering the union of the runs' coverage.
        let mut union = Coverage::default();
        for i in [&a, &b, &c] {
            union.union(&trace::cover(&p, &world, lim, i).expect("core").1);
        }
        prop_assert_eq!(render::render(p.program(), &union), forward);
    }

    /// Merging traces of different programs fails with a conflict, never a panic.
    #[test]
    fn merge_of_unrelated_traces_is_an_error_value(x in common::choices(), y in common::choices(), i in common::input()) {
        let (p, q) = (common::program(&x), common::program(&y));
        let world = gen::world();
        let tp = trace::trace_run(&p, &world, limits(p.program()), &i).expect("core").1;
        let tq = trace::trace_run(&q, &world, limits(q.program()), &i).expect("core").1;
        if let Ok(m) = merge(&tp, &tq) {
            // Only when one is below the other (or they are equal) may it succeed.
            prop_assert!(m == tp || m == tq || p.program() == q.program() || merge(&m, &tp).is_ok());
        }
    }
}

fn tl(source: &str) -> Checked {
    let p = tracelab_ir::parse_program(source).expect("test program parses");
    Checked::new(p).expect("test program is well-formed")
}

fn tree_size(p: &Checked, inputs: &[Json]) -> trace::stats::Stats {
    let world = tracelab_runtime::World::default();
    let (_, t) = trace::trace_tree(p, &world, Limits::default_for(p.program().dialect), inputs)
        .expect("core");
    trace::stats::stats(&t)
}

/// Naive Fibonacci traced at depth 20 gives no larger a trace than at depth 5.
#[test]
fn recursion_does_not_grow_the_trace() {
    let fib = tl("dialect py;
        fun fib(n) [fib] {
          if prim py.lt(n, 2) { break return n } else { };
          break return prim py.add(fib(prim py.sub(n, 1)), fib(prim py.sub(n, 2)))
        }
        let fib = undefined;
        set fib = clos fib;
        fib(input)");
    let shallow = tree_size(&fib, &[Json::from(serde_json::json!(5))]);
    let deep = tree_size(&fib, &[Json::from(serde_json::json!(20))]);
    assert!(
        deep.size <= shallow.size,
        "depth 20: {deep:?}, depth 5: {shallow:?}"
    );
    assert_eq!(deep, shallow);
    assert_eq!(deep.trace_functions, 1, "fib is a trace-level function");
    assert!(
        deep.calls >= 2,
        "recursive calls are calls, not inlined: {deep:?}"
    );
}

/// A loop traced for 10 or 10 000 iterations gives the same trace.
#[test]
fn loop_iterations_do_not_grow_the_trace() {
    let p = tl("dialect js;
        let i = 0.0; let acc = 0.0;
        while prim js.lt(i, input) {
          if prim js.strict_eq(prim js.mod(i, 2.0), 0.0) { set acc = prim js.add(acc, i) } else { set acc = prim js.sub(acc, 1.0) };
          set i = prim js.add(i, 1.0)
        };
        acc");
    let world = tracelab_runtime::World::default();
    let lim = Limits::default_for(p.program().dialect);
    let ten = trace::trace_tree(&p, &world, lim, &[Json::from(serde_json::json!(10))])
        .expect("core")
        .1;
    let many = trace::trace_tree(&p, &world, lim, &[Json::from(serde_json::json!(10_000))])
        .expect("core")
        .1;
    assert_eq!(ten, many);
    assert_eq!(
        trace::stats::stats(&ten).unknowns,
        0,
        "both branches were taken"
    );
}

/// Containerless's bug 1: a call through a function table traced with one callee must not
/// run that callee's body for another.
#[test]
fn another_callee_gives_unknown_not_a_wrong_answer() {
    let p = tl("dialect js;
        fun g(x) { break return prim js.mul(x, 2.0) }
        fun h(x) { break return prim js.add(x, 10.0) }
        let fs = [clos g, clos h];
        let f = fs[input.k];
        f(input.v)");
    let world = tracelab_runtime::World::default();
    let lim = Limits::default_for(p.program().dialect);
    let (_, tree) = trace::trace_tree(
        &p,
        &world,
        lim,
        &[Json::from(serde_json::json!({"k": 0, "v": 5}))],
    )
    .expect("core");
    let tree = Checked::new(tree).expect("well-formed");
    let out =
        Machine::new(&tree, &world, lim).run(&Json::from(serde_json::json!({"k": 1, "v": 1})));
    assert_eq!(out.kind, OutcomeKind::Unknown);
    let (_, both) = trace::trace_tree(
        &p,
        &world,
        lim,
        &[
            Json::from(serde_json::json!({"k": 0, "v": 5})),
            Json::from(serde_json::json!({"k": 1, "v": 1})),
        ],
    )
    .expect("core");
    let both = Checked::new(both).expect("well-formed");
    let out =
        Machine::new(&both, &world, lim).run(&Json::from(serde_json::json!({"k": 1, "v": 1})));
    assert_eq!(out.kind, OutcomeKind::Ok("11".into()));
}

#[test]
fn traces_are_not_traced_again() {
    let t = tl("dialect js;\nunknown");
    let world = tracelab_runtime::World::default();
    let r = trace::trace_run(
        &t,
        &world,
        Limits::default_for(t.program().dialect),
        &Json::from(serde_json::json!(1)),
    );
    assert_eq!(r.err(), Some(trace::TraceError::NotCore));
}

/// The random programs exercise what the properties are about: inlined calls, recursive
/// calls, guards that fail on held-back inputs, unknown branches, errors and events.
#[test]
fn generated_programs_exercise_tracing() {
    use proptest::strategy::ValueTree;
    let world = gen::world();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut inlined, mut calls, mut callbacks, mut held_unknown, mut errors, mut guard_misses) =
        (0, 0, 0, 0, 0, 0);
    for _ in 0..400 {
        let bytes = common::choices()
            .new_tree(&mut runner)
            .expect("strategy")
            .current();
        let train = inputs().new_tree(&mut runner).expect("strategy").current();
        let held = inputs().new_tree(&mut runner).expect("strategy").current();
        let p = common::program(&bytes);
        let lim = limits(p.program());
        let (outcomes, tree) = trace::trace_tree(&p, &world, lim, &train).expect("core");
        let s = trace::stats::stats(&tree);
        inlined += (s.inlined > 0) as u32;
        calls += (s.calls > 0) as u32;
        callbacks += tracelab_ir::print_program(&tree).contains("callback ") as u32;
        errors += outcomes
            .iter()
            .any(|o| matches!(o.kind, OutcomeKind::Error { .. })) as u32;
        let tree = checked_trace(tree);
        let mut rules = Vec::new();
        for input in &held {
            let out = Machine::new(&tree, &world, lim).run_observed(
                input,
                &mut |r: &'static tracelab_semantics::rules::RuleDef| rules.push(r.name),
            );
            held_unknown += (out.kind == OutcomeKind::Unknown) as u32;
        }
        guard_misses += rules.contains(&"E-Guard-Fail") as u32;
    }
    let counts = [
        ("inlined", inlined),
        ("calls", calls),
        ("callbacks", callbacks),
        ("held-back unknown", held_unknown),
        ("errors", errors),
        ("guard misses", guard_misses),
    ];
    eprintln!("out of 400 random programs: {counts:?}");
    for (what, n) in counts {
        assert!(n >= 5, "only {n} of 400 programs had {what}: {counts:?}");
    }
}
