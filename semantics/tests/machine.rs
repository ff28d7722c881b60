//! Properties of the machine over random well-formed programs and inputs.

mod common;

use common::gen;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::FileFailurePersistence;
use tracelab_runtime::{Limit, Limits, OutcomeKind};
use tracelab_semantics::rules::{self, RuleDef};
use tracelab_semantics::{Machine, Step};

fn small_limits(dialect: tracelab_ir::Dialect, fuel: u64) -> Limits {
    Limits {
        fuel,
        ..Limits::default_for(dialect)
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: common::cases(300),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("tests/regressions/machine.txt"))),
        rng_seed: common::seed(),
        ..ProptestConfig::default()
    })]

    /// `step` is a function: the same configuration steps to equal configurations by the same
    /// rule (compared in full for the first steps), and two runs take the same rules to the
    /// same outcome.
    #[test]
    fn step_is_deterministic(bytes in common::choices(), input in common::input()) {
        let checked = common::program(&bytes);
        let world = gen::world();
        let machine = Machine::new(&checked, &world, small_limits(checked.program().dialect, 2_000));
        let mut cfg = machine.initial(&input);
        for _ in 0..300 {
            match (machine.step(cfg.clone()), machine.step(cfg.clone())) {
                (Step::Next(a, ra), Step::Next(b, rb)) => {
                    prop_assert_eq!(ra.name, rb.name);
                    prop_assert!(a == b, "configurations differ after {}", ra.name);
                    cfg = a;
                }
                (Step::Done(a, ra), Step::Done(b, rb)) => {
                    prop_assert_eq!(ra.name, rb.name);
                    prop_assert_eq!(a, b);
                    break;
                }
                _ => prop_assert!(false, "one step finished and the other did not"),
            }
        }
        let (mut first, mut second) = (Vec::new(), Vec::new());
        let a = machine.run_observed(&input, &mut |r: &'static RuleDef| first.push(r.name));
        let b = machine.run_observed(&input, &mut |r: &'static RuleDef| second.push(r.name));
        prop_assert_eq!(first, second);
        prop_assert_eq!(a, b);
    }

    /// More fuel never changes an outcome that finished without running out of fuel.
    #[test]
    fn fuel_is_monotone(bytes in common::choices(), input in common::input(), fuel in 1u64..400) {
        let checked = common::program(&bytes);
        let world = gen::world();
        let dialect = checked.program().dialect;
        let little = Machine::new(&checked, &world, small_limits(dialect, fuel)).run(&input);
        let more = Machine::new(&checked, &world, small_limits(dialect, fuel * 3 + 100)).run(&input);
        if little.kind != OutcomeKind::Limit(Limit::Fuel) {
            prop_assert_eq!(little, more);
        }
    }

    /// Every rule the machine takes is in the rule table.
    #[test]
    fn every_rule_taken_is_in_the_table(bytes in common::choices(), input in common::input()) {
        let checked = common::program(&bytes);
        let world = gen::world();
        let machine = Machine::new(&checked, &world, small_limits(checked.program().dialect, 2_000));
        let mut missing = None;
        machine.run_observed(&input, &mut |rule: &'static RuleDef| {
            if rules::lookup(rule.name) != Some(rule) {
                missing = Some(rule.name);
            }
        });
        prop_assert_eq!(missing, None);
    }

    /// The generator only makes well-formed programs whose text and JSON forms round-trip.
    #[test]
    fn generated_programs_round_trip(bytes in common::choices()) {
        let checked = common::program(&bytes);
        let p = checked.program();
        let text = tracelab_ir::print_program(p);
        let back = tracelab_ir::parse_program(&text).map(|q| tracelab_ir::strip_spans(&q));
        prop_assert_eq!(back, Ok(p.clone()));
        let json = tracelab_ir::json::program_to_json(p);
        prop_assert_eq!(tracelab_ir::json::program_from_json(&json), Ok(p.clone()));
    }
}

/// The generator reaches every kind of outcome, so the properties above are not vacuous.
#[test]
fn generated_programs_reach_every_outcome() {
    use std::collections::BTreeSet;
    let world = gen::world();
    let mut seen = BTreeSet::new();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..3000 {
        let bytes = common::choices()
            .new_tree(&mut runner)
            .expect("strategy")
            .current();
        let input = common::input()
            .new_tree(&mut runner)
            .expect("strategy")
            .current();
        let checked = common::program(&bytes);
        let outcome = Machine::new(
            &checked,
            &world,
            small_limits(checked.program().dialect, 300),
        )
        .run(&input);
        seen.insert(match outcome.kind {
            OutcomeKind::Ok(_) => "ok",
            OutcomeKind::Error { .. } => "error",
            OutcomeKind::Unknown => "unknown",
            OutcomeKind::Limit(Limit::Fuel) => "fuel",
            OutcomeKind::Limit(Limit::Memory) => "memory",
        });
    }
    for kind in ["ok", "error", "fuel"] {
        assert!(
            seen.contains(kind),
            "no generated program ended in {kind}: {seen:?}"
        );
    }
}
