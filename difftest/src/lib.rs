//! `tracelab-difftest`: differential testing at scale. Random programs in the Python and
//! JavaScript subsets ([`python`], [`javascript`]: choice-byte generators printing source
//! text) with random JSON inputs ([`inputs`]) run through the source semantics, the trace
//! tree and the real CPython / Node ([`oracle`]: one long-lived process per language), and
//! every pair of engines must agree ([`check`]). Known differences are listed, with their
//! reasons, in `exclusions.json` ([`exclusions`]); the generators avoid them.

pub mod check;
pub mod choice;
pub mod exclusions;
pub mod inputs;
pub mod javascript;
pub mod oracle;
pub mod python;
pub mod scope;

use check::Tally;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};
use std::cell::RefCell;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Py,
    Js,
}

impl Lang {
    pub fn interpreter(self) -> &'static str {
        match self {
            Lang::Py => "python3",
            Lang::Js => "node",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Lang::Py => "py",
            Lang::Js => "js",
        }
    }

    /// The program the choice bytes describe.
    pub fn program(self, bytes: &[u8]) -> String {
        match self {
            Lang::Py => python::program(bytes),
            Lang::Js => javascript::program(bytes),
        }
    }
}

/// The world every generated program runs against (`containerless.get`/`post`); a URL
/// outside it answers `None` / `undefined`.
pub const WORLD: &str =
    r#"{"get": {"u1": {"a": 1, "b": [2, 3]}, "u2": "caf\u00e9"}, "post": {"p": [1, "x"]}}"#;

/// Inputs per program; the first `TRAIN` build the trace tree, the rest are held back.
pub const INPUTS: usize = 5;
pub const TRAIN: usize = 3;

/// The seed: fixed by default so `cargo test` runs the same cases (as the semantics'
/// properties); `TRACELAB_SEED=N` picks another, `TRACELAB_SEED=random` a fresh one.
pub fn seed() -> RngSeed {
    match std::env::var("TRACELAB_SEED").as_deref() {
        Ok("random") => RngSeed::Random,
        Ok(n) => n.parse().map(RngSeed::Fixed).unwrap_or(RngSeed::Fixed(7)),
        Err(_) => RngSeed::Fixed(7),
    }
}

/// Runs `cases` random programs of `lang`; `Err` is the report of the shrunk failure.
pub fn run_suite(lang: Lang, cases: u32) -> Result<Tally, String> {
    let oracle = RefCell::new(oracle::Oracle::start(lang)?);
    let tally = RefCell::new(Tally::default());
    let config = Config {
        cases,
        rng_seed: seed(),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (
        vec(any::<u8>(), 0..400),
        vec(vec(any::<u8>(), 0..8), INPUTS),
    );
    let result = runner.run(&strategy, |(program_bytes, input_bytes)| {
        let source = lang.program(&program_bytes);
        let inputs: Vec<serde_json::Value> = input_bytes.iter().map(|b| inputs::input(b)).collect();
        let mut oracle = oracle.borrow_mut();
        match check::check(lang, &source, &inputs, TRAIN, &mut oracle) {
            Ok(t) => {
                *tally.borrow_mut() += t;
                Ok(())
            }
            Err(report) => Err(TestCaseError::fail(report)),
        }
    });
    match result {
        Ok(()) => Ok(tally.into_inner()),
        // The report of the minimal case itself, checked once more.
        Err(TestError::Fail(report, (program_bytes, input_bytes))) => {
            let source = lang.program(&program_bytes);
            let inputs: Vec<serde_json::Value> =
                input_bytes.iter().map(|b| inputs::input(b)).collect();
            match check::check(lang, &source, &inputs, TRAIN, &mut oracle.borrow_mut()) {
                Err(minimal) => Err(minimal),
                Ok(_) => Err(format!(
                    "(the minimal case passes on a re-run: flaky?)\n{report}"
                )),
            }
        }
        Err(TestError::Abort(why)) => Err(format!("proptest aborted: {why}")),
    }
}
