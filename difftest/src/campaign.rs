//! A long differential campaign (`tracelab fuzz`): random cases of one seed through the
//! check of [`crate::check`] against a long-lived oracle, going on after a disagreement
//! (each one shrunk and reported), with a running [`Summary`].

use crate::case::{self, Case, Cases};
use crate::check::{self, Tally};
use crate::oracle::Oracle;
use crate::rust;
use crate::{Lang, INPUTS, MAX_SHRINK_ITERS, TRAIN};
use std::time::Instant;

/// What a campaign did so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub lang: Lang,
    pub seed: u64,
    pub programs: u64,
    /// Inputs run through every engine (those of programs the oracle failed on are not).
    pub inputs: u64,
    /// Inputs on which every engine agreed (all inputs of the programs that agreed).
    pub agreements: u64,
    /// Held-back inputs of agreeing programs on which the trace answered `unknown`.
    pub unknowns: u64,
    /// Programs the oracle failed on (its own error, or disagreeing with itself).
    pub oracle_failures: u64,
    /// Programs whose disagreement matched an exclusion's signature.
    pub exclusions_hit: u64,
    pub disagreements: u64,
    /// Inputs whose generated Rust gave the trace's very record (`--rust`), and programs
    /// whose Rust code disagreed (also counted in `disagreements`).
    pub rust_inputs: u64,
    pub rust_disagreements: u64,
    pub seconds: f64,
    /// The shrunk cases of the disagreements, as regression lines.
    pub failures: Vec<String>,
}

impl Summary {
    fn new(lang: Lang, seed: u64) -> Summary {
        Summary {
            lang,
            seed,
            programs: 0,
            inputs: 0,
            agreements: 0,
            unknowns: 0,
            oracle_failures: 0,
            exclusions_hit: 0,
            disagreements: 0,
            rust_inputs: 0,
            rust_disagreements: 0,
            seconds: 0.0,
            failures: Vec::new(),
        }
    }

    fn add(&mut self, t: &Tally) {
        self.programs += 1;
        if t.oracle_failed > 0 {
            self.oracle_failures += 1;
        } else if t.exclusions_hit > 0 {
            self.exclusions_hit += 1;
            self.inputs += INPUTS as u64;
        } else {
            self.inputs += t.inputs as u64;
            self.agreements += t.inputs as u64;
            self.unknowns += t.unknowns as u64;
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "lang": self.lang.name(),
            "seed": self.seed,
            "programs": self.programs,
            "inputs": self.inputs,
            "agreements": self.agreements,
            "unknowns": self.unknowns,
            "oracle_failures": self.oracle_failures,
            "exclusions_hit": self.exclusions_hit,
            "disagreements": self.disagreements,
            "rust_inputs": self.rust_inputs,
            "rust_disagreements": self.rust_disagreements,
            "seconds": (self.seconds * 10.0).round() / 10.0,
            "failures": self.failures,
        })
    }

    /// The summary as lines of text.
    pub fn to_text(&self) -> String {
        let rate = if self.seconds > 0.0 {
            self.programs as f64 / self.seconds
        } else {
            0.0
        };
        format!(
            "fuzz {} (seed {}): {} programs, {} inputs ({TRAIN} training + {} held back each)\n  agreements       {}\n  unknowns         {} (held-back inputs the trace did not cover)\n  oracle failures  {} programs (not counted)\n  exclusions hit   {} programs (known differences, not counted)\n  disagreements    {}\n  rust             {} inputs ≡ trace, {} programs disagreed\n  time             {:.1}s ({:.0} programs/s)\n",
            self.lang.name(),
            self.seed,
            self.programs,
            self.inputs,
            INPUTS - TRAIN,
            self.agreements,
            self.unknowns,
            self.oracle_failures,
            self.exclusions_hit,
            self.disagreements,
            self.rust_inputs,
            self.rust_disagreements,
            self.seconds,
            rate,
        )
    }
}

/// Runs `cases` random programs of `seed`; the first `rust` programs that agree also go
/// through their generated Rust, [`rust::CHUNK`] to a crate. `progress` sees the summary
/// after every program; `report` gets the (shrunk) report of every disagreement. `Err`
/// when the oracle cannot start.
pub fn run(
    lang: Lang,
    cases: u64,
    seed: u64,
    rust: u64,
    progress: &mut dyn FnMut(&Summary),
    report: &mut dyn FnMut(&str),
) -> Result<Summary, String> {
    let mut pending: Vec<rust::Compiled> = Vec::new();
    let mut taken = 0;
    let prefix = format!("tracelab-fuzz-{}", lang.name());
    let flush =
        |pending: &mut Vec<rust::Compiled>, summary: &mut Summary, report: &mut dyn FnMut(&str)| {
            match rust::check_all(&prefix, crate::WORLD, pending) {
                Ok(agreed) => summary.rust_inputs += agreed as u64,
                Err(failure) => {
                    summary.rust_disagreements += 1;
                    summary.disagreements += 1;
                    report(&failure.report);
                }
            }
            pending.clear();
        };
    let start = Instant::now();
    let mut oracle = Oracle::start(lang)?;
    let mut stream = Cases::new(seed);
    let mut summary = Summary::new(lang, seed);
    for _ in 0..cases {
        if !oracle.alive() {
            oracle = Oracle::start(lang)?;
        }
        let mut tree = stream.next_tree()?;
        let current = tree.current();
        let source = current.source(lang);
        let checked = check::check_compiled(lang, &source, &current.inputs(), TRAIN, &mut oracle);
        let mut check = |case: &Case| {
            let source = case.source(lang);
            check::check(lang, &source, &case.inputs(), TRAIN, &mut oracle)
        };
        match checked {
            Ok((t, compiled)) => {
                summary.add(&t);
                if let Some(c) = compiled.filter(|_| taken < rust) {
                    taken += 1;
                    pending.push(c);
                    if pending.len() == rust::CHUNK {
                        flush(&mut pending, &mut summary, report);
                    }
                }
            }
            Err(first) => {
                summary.programs += 1;
                summary.inputs += INPUTS as u64;
                summary.disagreements += 1;
                let (minimal, text) =
                    case::shrink(&mut *tree, first, MAX_SHRINK_ITERS, &mut |c| check(c).err());
                report(&format!(
                    "{text}--- case (add this line to difftest/regressions/{}.txt) ---\n{}\n",
                    lang.name(),
                    minimal.to_line()
                ));
                summary.failures.push(minimal.to_line());
            }
        }
        summary.seconds = start.elapsed().as_secs_f64();
        progress(&summary);
    }
    if !pending.is_empty() {
        flush(&mut pending, &mut summary, report);
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}
