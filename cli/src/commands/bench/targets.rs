//! The speed targets the generated Rust is measured against, checked on a run's figures
//! (per call, without parsing the input) and printed after the tables, so that a run says
//! which hold and which do not, with the figures that decide.

use super::{Engine, Figures, Report};

/// The numeric micro-benchmarks, where the generated Rust is to be at least as fast as Node.
const NUMERIC: [&str; 8] = [
    "loop_for",
    "loop_while",
    "fib",
    "array_access",
    "array_pop",
    "array_shift",
    "sort_numbers",
    "matmul",
];

/// The benchmarks where the generated Rust is to be within 3× of the hand-written Rust.
const NEAR_REFERENCE: [&str; 2] = ["fib", "loop_for"];

/// One target: what it asks, whether it holds, and the figures.
struct Target {
    what: &'static str,
    met: bool,
    figures: String,
}

impl Report {
    /// `E`'s ratio per row of `lang`-or-any-language rows in `names` (all rows when empty).
    fn picked(&self, engine: Engine, lang: Option<&str>, names: &[&str]) -> Vec<(String, f64)> {
        self.rows
            .iter()
            .zip(self.ratios(engine, Figures::work))
            .filter(|((_, l, _), _)| lang.is_none_or(|x| x == *l))
            .filter(|((b, ..), _)| names.is_empty() || names.contains(&b.as_str()))
            .filter_map(|((b, l, _), r)| r.map(|r| (format!("{b}.{l}"), r)))
            .collect()
    }

    fn checked(&self) -> Vec<Target> {
        let list = |xs: &[(String, f64)]| {
            xs.iter()
                .map(|(name, r)| format!("{name} {}", super::ratio(*r)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // "k of n <verb>", then the ones that are, if any.
        let count = |some: &[(String, f64)], all: usize, verb: &str| {
            let head = format!("{} of {all} {verb}", some.len());
            if some.is_empty() {
                head
            } else {
                format!("{head}: {}", list(some))
            }
        };
        let mut targets = Vec::new();
        let cpython = self.picked(Engine::CPython, Some("py"), &[]);
        if !cpython.is_empty() {
            let g = super::geomean(cpython.iter().map(|(_, r)| *r)).unwrap_or(f64::NAN);
            targets.push(Target {
                what: "generated Rust ≥ 10× CPython (geometric mean)",
                met: g >= 10.0,
                figures: super::ratio(g),
            });
            let slower: Vec<(String, f64)> =
                cpython.iter().filter(|(_, r)| *r < 1.0).cloned().collect();
            targets.push(Target {
                what: "no benchmark slower than CPython",
                met: slower.is_empty(),
                figures: count(&slower, cpython.len(), "slower"),
            });
        }
        let node = self.picked(Engine::Node, Some("js"), &NUMERIC);
        if !node.is_empty() {
            let below: Vec<(String, f64)> =
                node.iter().filter(|(_, r)| *r < 1.0).cloned().collect();
            targets.push(Target {
                what: "generated Rust ≥ 1× Node on the numeric micro-benchmarks",
                met: below.is_empty(),
                figures: count(&below, node.len(), "below"),
            });
        }
        let reference = self.picked(Engine::Reference, None, &NEAR_REFERENCE);
        if !reference.is_empty() {
            targets.push(Target {
                what: "within 3× of the hand-written Rust on fib and loop_for",
                met: reference.iter().all(|(_, r)| *r <= 3.0),
                figures: list(&reference),
            });
        }
        targets
    }

    /// The targets as lines: `met` or `NOT MET`, what, and the figures.
    pub(super) fn targets(&self) -> String {
        let mut out = String::from("\ntargets (per call, without parsing)\n");
        for t in self.checked() {
            out += &format!(
                "  {:<8} {}: {}\n",
                if t.met { "met" } else { "NOT MET" },
                t.what,
                t.figures
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(ns: f64) -> Figures {
        Figures {
            per_call: vec![ns],
            parse: vec![0.0],
        }
    }

    #[test]
    fn targets_are_judged_on_the_figures() {
        let report = Report {
            engines: vec![
                Engine::Rust,
                Engine::CPython,
                Engine::Node,
                Engine::Reference,
            ],
            rows: vec![
                // Rust 10 ns; CPython 400 ns (40×); Node 5 ns (0.5×); reference 5 ns (2×).
                (
                    "fib".to_string(),
                    "py",
                    vec![
                        figures(10.0),
                        figures(400.0),
                        Figures::default(),
                        figures(5.0),
                    ],
                ),
                (
                    "fib".to_string(),
                    "js",
                    vec![
                        figures(10.0),
                        Figures::default(),
                        figures(5.0),
                        figures(5.0),
                    ],
                ),
                // CPython 50 ns (5×): the geometric mean is √200; loop_for is 4× the reference.
                (
                    "loop_for".to_string(),
                    "py",
                    vec![
                        figures(10.0),
                        figures(50.0),
                        Figures::default(),
                        figures(2.5),
                    ],
                ),
            ],
            rounds: 1,
        };
        let text = report.targets();
        assert!(
            text.contains("met      generated Rust ≥ 10× CPython (geometric mean): 14.14×"),
            "{text}"
        );
        assert!(
            text.contains("met      no benchmark slower than CPython: 0 of 2 slower\n"),
            "{text}"
        );
        assert!(text.contains("NOT MET  generated Rust ≥ 1× Node on the numeric micro-benchmarks: 1 of 1 below: fib.js 0.50×"), "{text}");
        assert!(text.contains("NOT MET  within 3× of the hand-written Rust on fib and loop_for: fib.py 2.00×, fib.js 2.00×, loop_for.py 4.00×"), "{text}");
    }
}
