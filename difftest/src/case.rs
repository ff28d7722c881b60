//! A test case: the choice bytes of a program and of its inputs. Cases come from a seeded
//! proptest strategy ([`Cases`]), shrink through proptest's value trees ([`shrink`]), and
//! are written as one line of hex in the regression files ([`Case::to_line`]).

use crate::{inputs, Lang, INPUTS};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub program: Vec<u8>,
    /// One byte vector per input ([`INPUTS`] of them).
    pub inputs: Vec<Vec<u8>>,
}

impl Case {
    /// The program's source text in `lang`.
    pub fn source(&self, lang: Lang) -> String {
        lang.program(&self.program)
    }

    /// The JSON inputs.
    pub fn inputs(&self) -> Vec<Value> {
        self.inputs.iter().map(|b| inputs::input(b)).collect()
    }

    /// `<program hex> <input hex>,<input hex>,…` (an empty input is an empty field).
    pub fn to_line(&self) -> String {
        let inputs: Vec<String> = self.inputs.iter().map(|i| hex(i)).collect();
        format!("{} {}", hex(&self.program), inputs.join(","))
    }

    /// Reads [`Case::to_line`]'s format.
    pub fn from_line(line: &str) -> Result<Case, String> {
        let mut fields = line.split_whitespace();
        let (Some(program), inputs, None) = (fields.next(), fields.next(), fields.next()) else {
            return Err(format!("expected `<program hex> <inputs hex>`: {line:?}"));
        };
        let inputs = match inputs {
            None => Vec::new(),
            Some(s) => s.split(',').map(unhex).collect::<Result<_, _>>()?,
        };
        Ok(Case {
            program: unhex(program)?,
            inputs,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Result<Vec<u8>, String> {
    s.as_bytes()
        .chunks(2)
        .map(|pair| match std::str::from_utf8(pair) {
            Ok(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u8::from_str_radix(p, 16).map_err(|e| format!("{s:?}: {e}"))
            }
            _ => Err(format!("not hex bytes: {s:?}")),
        })
        .collect()
}

/// Random cases: up to 400 program bytes, [`INPUTS`] inputs of up to 8 bytes.
pub fn strategy() -> BoxedStrategy<Case> {
    (
        vec(any::<u8>(), 0..400),
        vec(vec(any::<u8>(), 0..8), INPUTS),
    )
        .prop_map(|(program, inputs)| Case { program, inputs })
        .boxed()
}

/// The stream of random cases of one seed (the same seed gives the same cases).
pub struct Cases {
    runner: TestRunner,
    strategy: BoxedStrategy<Case>,
}

impl Cases {
    pub fn new(seed: u64) -> Cases {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
        Cases {
            runner: TestRunner::new_with_rng(Config::default(), rng),
            strategy: strategy(),
        }
    }

    /// The next case, as a value tree that can shrink it.
    pub fn next_tree(&mut self) -> Result<Box<dyn ValueTree<Value = Case>>, String> {
        self.strategy
            .new_tree(&mut self.runner)
            .map_err(|e| format!("cannot generate a case: {e}"))
    }
}

/// Shrinks a failing case: `fails` returns the failure report of a case, or `None` when
/// it passes. Proptest's shrinking of the value tree comes first, then [`minimize`]; each
/// may check `max_iters` cases. Returns the smallest failing case found and its report
/// (the tree's current case and `report` when nothing smaller fails).
pub fn shrink(
    tree: &mut dyn ValueTree<Value = Case>,
    report: String,
    max_iters: usize,
    fails: &mut dyn FnMut(&Case) -> Option<String>,
) -> (Case, String) {
    let mut best = (tree.current(), report);
    if tree.simplify() {
        for _ in 0..max_iters {
            let candidate = tree.current();
            let more = match fails(&candidate) {
                Some(r) => {
                    best = (candidate, r);
                    tree.simplify()
                }
                None => tree.complicate(),
            };
            if !more {
                break;
            }
        }
    }
    minimize(best.0, best.1, max_iters, fails)
}

/// Shrinks a failing case further on the bytes themselves. Proptest removes one byte at a
/// time; a program's choices shrink much better by deleting runs of bytes (what is left is
/// read in the same order, and running out picks the simplest option) and by lowering
/// bytes toward 0 (the first, simplest choice). Rounds go on while they make progress.
pub fn minimize(
    case: Case,
    report: String,
    max_iters: usize,
    fails: &mut dyn FnMut(&Case) -> Option<String>,
) -> (Case, String) {
    let mut best = (case, report);
    let budget = std::cell::Cell::new(max_iters);
    let mut attempt = |candidate: Case, best: &mut (Case, String)| -> bool {
        if budget.get() == 0 || candidate == best.0 {
            return false;
        }
        budget.set(budget.get() - 1);
        match fails(&candidate) {
            Some(r) => {
                *best = (candidate, r);
                true
            }
            None => false,
        }
    };
    loop {
        let before = best.0.clone();
        // Which byte vector: the program (usize::MAX), or input k.
        for which in std::iter::once(usize::MAX).chain(0..best.0.inputs.len()) {
            let bytes = |c: &Case| -> Vec<u8> {
                if which == usize::MAX {
                    c.program.clone()
                } else {
                    c.inputs[which].clone()
                }
            };
            let with = |c: &Case, b: Vec<u8>| -> Case {
                let mut c = c.clone();
                if which == usize::MAX {
                    c.program = b;
                } else {
                    c.inputs[which] = b;
                }
                c
            };
            // Delete runs of bytes, halving the run length.
            let mut size = bytes(&best.0).len().div_ceil(2);
            while size > 0 {
                let mut i = 0;
                while i < bytes(&best.0).len() {
                    let mut b = bytes(&best.0);
                    b.drain(i..(i + size).min(b.len()));
                    let candidate = with(&best.0, b);
                    if !attempt(candidate, &mut best) {
                        i += size;
                    }
                }
                size /= 2;
            }
            // Lower each byte: the smallest value that still fails, by bisection.
            for i in 0..bytes(&best.0).len() {
                let (mut lo, mut hi) = (0u8, bytes(&best.0)[i]);
                while lo < hi && budget.get() > 0 {
                    let mid = lo + (hi - lo) / 2;
                    let mut b = bytes(&best.0);
                    b[i] = mid;
                    if attempt(with(&best.0, b), &mut best) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
            }
        }
        if best.0 == before || budget.get() == 0 {
            return best;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip() {
        let c = Case {
            program: vec![0, 255, 16],
            inputs: vec![vec![], vec![1, 2], vec![], vec![9], vec![]],
        };
        assert_eq!(c.to_line(), "00ff10 ,0102,,09,");
        assert_eq!(Case::from_line(&c.to_line()), Ok(c));
        assert!(Case::from_line("0g 00").is_err());
        assert!(Case::from_line("0 00").is_err());
        assert!(Case::from_line("00 00 00").is_err());
    }

    #[test]
    fn a_seed_gives_the_same_cases() {
        let (mut a, mut b) = (Cases::new(3), Cases::new(3));
        for _ in 0..5 {
            let x = a.next_tree().expect("tree").current();
            let y = b.next_tree().expect("tree").current();
            assert_eq!(x, y);
            assert_eq!(x.inputs.len(), INPUTS);
        }
        let other = Cases::new(4).next_tree().expect("tree").current();
        assert_ne!(other, Cases::new(3).next_tree().expect("tree").current());
    }

    #[test]
    fn shrinking_finds_a_small_failing_case() {
        // Fails when some program byte is at least 200: the minimum is one byte, 200.
        let fails = |c: &Case| c.program.iter().any(|&b| b >= 200);
        let mut cases = Cases::new(1);
        let mut tree = loop {
            let t = cases.next_tree().expect("tree");
            if fails(&t.current()) {
                break t;
            }
        };
        let (min, report) = shrink(&mut *tree, "first".into(), 10_000, &mut |c| {
            fails(c).then(|| format!("{:?}", c.program))
        });
        assert_eq!(min.program, vec![200]);
        assert_eq!(report, "[200]");
        assert!(min.inputs.iter().all(Vec::is_empty));
    }

    #[test]
    fn minimizing_deletes_runs_and_lowers_bytes() {
        // Fails when the program has two bytes of at least 100 in a row, and an input has
        // a byte above 5: the minimum is [100, 100] and one input [6].
        let fails = |c: &Case| {
            c.program.windows(2).any(|w| w[0] >= 100 && w[1] >= 100)
                && c.inputs.iter().flatten().any(|&b| b > 5)
        };
        let case = Case {
            program: (0..=255u8).rev().chain(0..=255u8).collect(),
            inputs: vec![vec![1, 2, 3], vec![200, 0, 9], vec![], vec![7], vec![3]],
        };
        assert!(fails(&case));
        let (min, _) = minimize(case, String::new(), 100_000, &mut |c| {
            fails(c).then(String::new)
        });
        assert_eq!(min.program, vec![100, 100]);
        let bytes: Vec<u8> = min.inputs.iter().flatten().copied().collect();
        assert_eq!(bytes, vec![6]);
    }
}
