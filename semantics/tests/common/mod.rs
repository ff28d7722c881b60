//! Shared test support: the random program generator and helpers to run programs.

#![allow(dead_code)]

pub mod gen;

use proptest::prelude::*;
use tracelab_ir::wf::Checked;
use tracelab_ir::Program;
use tracelab_runtime::json::Json;

/// Choice bytes for the generator; proptest shrinks them toward shorter and smaller.
pub fn choices() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..200)
}

/// Random JSON inputs: numbers, strings, arrays and objects with the generator's fields.
pub fn input() -> impl Strategy<Value = Json> {
    json_input().prop_map(Json::from)
}

fn json_input() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        (-3i64..5).prop_map(serde_json::Value::from),
        Just(serde_json::json!(2.5)),
        prop_oneof![Just(""), Just("a"), Just("1"), Just("é")].prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::from),
            (inner.clone(), inner).prop_map(|(a, b)| serde_json::json!({"a": a, "b": b})),
        ]
    })
}

pub fn program(bytes: &[u8]) -> Checked {
    let p: Program = gen::Gen::new(bytes).program();
    match Checked::new(p.clone()) {
        Ok(c) => c,
        Err(errors) => panic!(
            "the generator made an ill-formed program: {errors:?}\n{}",
            tracelab_ir::print_program(&p)
        ),
    }
}

/// The random seed of the properties: fixed by default, so `cargo test` runs the same cases
/// every time (and CI's time is known); `TRACELAB_SEED=N` picks another, `TRACELAB_SEED=random`
/// a fresh one per run, for long campaigns with `TRACELAB_CASES`.
pub fn seed() -> proptest::test_runner::RngSeed {
    use proptest::test_runner::RngSeed;
    match std::env::var("TRACELAB_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => n
            .parse()
            .map(RngSeed::Fixed)
            .unwrap_or(RngSeed::Fixed(20261126)),
        Err(_) => RngSeed::Fixed(20261126),
    }
}

/// How many cases a property runs: `TRACELAB_CASES` scales them for long runs.
pub fn cases(default: u32) -> u32 {
    std::env::var("TRACELAB_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
