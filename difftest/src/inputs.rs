//! Random JSON inputs `{"n": int, "x": number, "s": string, "xs": [int]}`, the shape every
//! generated program reads, from choice bytes.

use crate::choice::Choices;
use serde_json::{json, Value};

// Within 64 bits: inputs are serde_json values here, which hold no wider integer (the
// engines would read one exactly: runtime/src/json/read.rs).
const NS: [i64; 9] = [0, 1, -1, 3, 7, 42, -100, 9_007_199_254_740_993, 1 << 62];
const XS: [f64; 9] = [0.0, -0.0, 1.5, 0.1, 1e16, -3.0, 2.5, 1e-7, 100.0];
const SS: [&str; 8] = [
    "",
    "abc",
    "h\u{e9}llo",
    "\u{1f600}",
    "a,b",
    "\u{df}",
    " x ",
    "12",
];

pub fn input(bytes: &[u8]) -> Value {
    let mut c = Choices::new(bytes);
    let n = c.pick(&NS);
    // Half the numbers are ints, so `5` and `5.0` both reach the programs.
    let x = if c.choose(2) == 0 {
        json!(c.pick(&XS))
    } else {
        json!(c.pick(&NS[..7]))
    };
    let s = c.pick(&SS);
    let len = c.choose(4);
    let xs: Vec<i64> = (0..len).map(|_| c.pick(&NS[..7])).collect();
    json!({ "n": n, "x": x, "s": s, "xs": xs })
}
