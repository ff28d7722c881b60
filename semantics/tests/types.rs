//! Type guards: tracing puts one where every traced run saw a single type, merging runs that
//! saw different types drops it, and a trace answers `unknown` on a value of another type
//! (E-Typed-Fail) while the program answers on it.

use tracelab_ir::wf::Checked;
use tracelab_ir::{parse_program, print_program, Dialect};
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limits, OutcomeKind, World};
use tracelab_semantics::{trace, Machine};

/// `let x = input.v; let y = x; y`: the value of `x` is whatever the input holds.
const PROGRAM: &str = "dialect js;\nlet x = input.v;\nlet y = x;\ny\n";

fn inputs(texts: &[&str]) -> Vec<Json> {
    texts
        .iter()
        .map(|t| Json::parse(t).expect("test inputs are JSON"))
        .collect()
}

fn traced(texts: &[&str]) -> Checked {
    let program = Checked::new(parse_program(PROGRAM).expect("the program parses"))
        .expect("the program is well formed");
    let (_, tree) = trace::trace_tree(
        &program,
        &World::default(),
        Limits::default_for(Dialect::Js),
        &inputs(texts),
    )
    .expect("a core program traces");
    Checked::new(tree).expect("tracing makes well-formed traces")
}

fn run(trace: &Checked, input: &str) -> OutcomeKind {
    let world = World::default();
    let machine = Machine::new(trace, &world, Limits::default_for(Dialect::Js));
    machine.run(&inputs(&[input])[0]).kind
}

#[test]
fn one_type_seen_is_guarded() {
    let trace = traced(&[r#"{"v": 1}"#, r#"{"v": 2.5}"#]);
    let text = print_program(trace.program());
    assert!(text.contains("let x = typed float(input.v);"), "{text}");
    assert!(text.contains("let y = typed float(x);"), "{text}");
    let trace = traced(&[r#"{"v": "a"}"#]);
    let text = print_program(trace.program());
    assert!(text.contains("let x = typed str(input.v);"), "{text}");
}

#[test]
fn two_types_seen_are_not_guarded() {
    let trace = traced(&[r#"{"v": 1}"#, r#"{"v": "a"}"#]);
    let text = print_program(trace.program());
    assert!(!text.contains("typed"), "{text}");
    // Unguarded, the trace answers on both types, as the program does.
    assert!(matches!(run(&trace, r#"{"v": true}"#), OutcomeKind::Ok(_)));
}

#[test]
fn a_value_of_another_type_fails_the_guard() {
    let trace = traced(&[r#"{"v": 1}"#]);
    assert_eq!(run(&trace, r#"{"v": 7}"#), OutcomeKind::Ok("7".into()));
    assert_eq!(run(&trace, r#"{"v": "7"}"#), OutcomeKind::Unknown);
    assert_eq!(run(&trace, r#"{"v": null}"#), OutcomeKind::Unknown);
}

#[test]
fn merging_trees_keeps_a_guard_both_agree_on_and_drops_one_they_do_not() {
    let ints = traced(&[r#"{"v": 1}"#]);
    let more_ints = traced(&[r#"{"v": 5}"#]);
    let strings = traced(&[r#"{"v": "a"}"#]);
    let same =
        trace::merge(ints.program(), more_ints.program()).expect("traces of one program merge");
    assert!(print_program(&same).contains("let x = typed float(input.v);"));
    let mixed =
        trace::merge(ints.program(), strings.program()).expect("traces of one program merge");
    let text = print_program(&mixed);
    assert!(!text.contains("typed"), "{text}");
}
