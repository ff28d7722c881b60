//! `tracelab-difftest`: differential testing at scale. Random programs in the Python and
//! JavaScript subsets ([`python`], [`javascript`]: choice-byte generators printing source
//! text) with random JSON inputs ([`inputs`]) run through the source semantics, the trace
//! tree and the real CPython / Node ([`oracle`]: one long-lived process per language), and
//! every pair of engines must agree ([`check`]). Known differences are listed, with their
//! reasons, in `exclusions.json` ([`exclusions`]); the generators avoid them. A case is the
//! choice bytes of a program and its inputs ([`case`]: seeded generation, shrinking); the
//! suites re-run committed failing cases first ([`regressions`]); [`campaign`] is the loop
//! of `tracelab fuzz`, [`coverage`] the random runs of `tracelab rules --coverage`.

pub mod campaign;
pub mod case;
pub mod check;
pub mod choice;
pub mod coverage;
pub mod exclusions;
pub mod inputs;
pub mod javascript;
pub mod oracle;
pub mod python;
pub mod regressions;
pub mod rust;
pub mod scope;

use case::{Case, Cases};
use check::Tally;
use std::path::Path;

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

/// Checks of a failing case while shrinking it.
pub const MAX_SHRINK_ITERS: usize = 2000;

/// The seed: fixed by default so `cargo test` runs the same cases (as the semantics'
/// properties); `TRACELAB_SEED=N` picks another, `TRACELAB_SEED=random` a fresh one.
pub fn seed() -> u64 {
    match std::env::var("TRACELAB_SEED").as_deref() {
        Ok("random") => random_seed(),
        Ok(n) => n.parse().unwrap_or(7),
        Err(_) => 7,
    }
}

/// A seed from the clock, for campaigns that want new cases.
pub fn random_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(7)
}

/// Runs the committed regression cases of `lang`, then `cases` random programs, against
/// the real CPython / Node; then the first `rust_cases` programs that agreed through their
/// generated Rust, batched. `Err` is the report of the (shrunk) failure.
pub fn run_suite(lang: Lang, cases: u64, rust_cases: usize) -> Result<Tally, String> {
    let mut oracle = oracle::Oracle::start(lang)?;
    let seed = seed();
    let mut compiled: Vec<(Case, rust::Compiled)> = Vec::new();
    let mut check = |case: &Case| {
        let source = case.source(lang);
        let (tally, c) = check::check_compiled(lang, &source, &case.inputs(), TRAIN, &mut oracle)?;
        if let Some(c) = c.filter(|_| compiled.len() < rust_cases) {
            compiled.push((case.clone(), c));
        }
        Ok(tally)
    };
    let regressions = regressions::file(lang);
    let mut tally = run_cases(lang, cases, seed, &regressions, &mut check)?;
    let prefix = format!("tracelab-difftest-{}", lang.name());
    let items: Vec<rust::Compiled> = compiled.iter().map(|(_, c)| c.clone()).collect();
    match rust::check_all(&prefix, WORLD, &items) {
        Ok(agreed) => {
            tally.rust_inputs += agreed;
            Ok(tally)
        }
        Err(failure) => {
            let case = &compiled[failure.index].0;
            Err(shrink_rust(
                lang,
                case,
                failure.report,
                &prefix,
                &regressions,
                seed,
                &mut oracle,
            ))
        }
    }
}

/// Shrinks a case whose Rust code disagrees (each candidate builds a crate of its own, so
/// the budget is small), saves it as a regression case and reports it.
fn shrink_rust(
    lang: Lang,
    case: &Case,
    report: String,
    prefix: &str,
    regressions: &Path,
    seed: u64,
    oracle: &mut oracle::Oracle,
) -> String {
    let mut still_fails = |c: &Case| {
        let source = c.source(lang);
        match check::check_compiled(lang, &source, &c.inputs(), TRAIN, oracle) {
            Ok((_, Some(compiled))) => rust::check_one(prefix, WORLD, &compiled),
            _ => None,
        }
    };
    let (minimal, report) =
        case::minimize(case.clone(), report, RUST_SHRINK_ITERS, &mut still_fails);
    let first = report.lines().next().unwrap_or("a failure");
    let saved = match regressions::append(
        regressions,
        &minimal,
        &format!("{first} ({}, seed {seed})", lang.name()),
    ) {
        Ok(()) => format!("appended to {}: commit it", regressions.display()),
        Err(e) => format!("not saved: {e}"),
    };
    format!("{report}--- case ({saved}) ---\n{}\n", minimal.to_line())
}

/// Candidates tried when shrinking a Rust disagreement (each one is a cargo build).
pub const RUST_SHRINK_ITERS: usize = 40;

/// The suite's loop, with the check and the regression file as parameters: the cases of
/// `regressions` first, then `cases` random ones of `seed`. The first failure is shrunk,
/// appended to `regressions` and reported.
pub fn run_cases(
    lang: Lang,
    cases: u64,
    seed: u64,
    regressions: &Path,
    check: &mut dyn FnMut(&Case) -> Result<Tally, String>,
) -> Result<Tally, String> {
    let mut total = Tally::default();
    for (line, case) in regressions::load(regressions)? {
        match check(&case) {
            Ok(t) => total += t,
            Err(report) => {
                return Err(format!(
                    "the regression case of {}:{line} fails\n{report}",
                    regressions.display()
                ))
            }
        }
    }
    let mut stream = Cases::new(seed);
    for _ in 0..cases {
        let mut tree = stream.next_tree()?;
        let report = match check(&tree.current()) {
            Ok(t) => {
                total += t;
                continue;
            }
            Err(report) => report,
        };
        let (minimal, report) = case::shrink(&mut *tree, report, MAX_SHRINK_ITERS, &mut |c| {
            check(c).err()
        });
        let first = report.lines().next().unwrap_or("a failure");
        let saved = match regressions::append(
            regressions,
            &minimal,
            &format!("{first} ({}, seed {seed})", lang.name()),
        ) {
            Ok(()) => format!("appended to {}: commit it", regressions.display()),
            Err(e) => format!("not saved: {e}"),
        };
        return Err(format!(
            "{report}--- case ({saved}) ---\n{}\n",
            minimal.to_line()
        ));
    }
    Ok(total)
}
