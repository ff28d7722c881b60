//! Checks `prims::js` against cases evaluated by the real Node 20.
//! Regenerate the cases with:
//!     node prims/tests/oracle/gen_js.js > prims/tests/oracle/js_cases.json

mod common;

use std::cmp::Ordering;

use common::{same_float, Json};
use tracelab_prims::js;
use tracelab_prims::PrimError;

#[derive(Debug)]
enum Actual {
    F(f64),
    S(String),
    B(bool),
    Strs(Vec<String>),
    Cmp(Ordering),
}

fn run(op: &str, a: &[Json]) -> Result<Actual, PrimError> {
    use Actual::*;
    let s = |k: usize| a[k].str();
    let f = |k: usize| a[k].float();
    let of = |k: usize| a.get(k).and_then(Json::opt_float);
    Ok(match op {
        "number_to_string" => S(js::number_to_string(f(0))),
        "to_int32" => F(f64::from(js::to_int32(f(0)))),
        "to_uint32" => F(f64::from(js::to_uint32(f(0)))),
        "modulo" => F(js::modulo(f(0), f(1))),
        "pow" => F(js::pow(f(0), f(1))),
        "string_to_number" => F(js::string_to_number(s(0))),
        "parse_float" => F(js::parse_float(s(0))),
        "parse_int" => F(js::parse_int(s(0), of(1))),
        "utf16_len" => F(js::utf16_len(s(0)) as f64),
        "to_upper_case" => S(js::to_upper_case(s(0))),
        "to_lower_case" => S(js::to_lower_case(s(0))),
        "trim" => S(js::trim(s(0))),
        "trim_start" => S(js::trim_start(s(0))),
        "trim_end" => S(js::trim_end(s(0))),
        "char_at" => S(js::char_at(s(0), f(1))),
        "char_code_at" => F(js::char_code_at(s(0), f(1))),
        // `undefined` start is 0 for both
        "slice" => S(js::slice(s(0), of(1).unwrap_or(0.0), of(2))),
        "substring" => S(js::substring(s(0), of(1).unwrap_or(0.0), of(2))),
        "index_of" => F(js::index_of(s(0), s(1), of(2).unwrap_or(0.0))),
        "includes" => B(js::includes(s(0), s(1), of(2))),
        "starts_with" => B(js::starts_with(s(0), s(1), of(2))),
        "ends_with" => B(js::ends_with(s(0), s(1), of(2))),
        "repeat" => S(js::repeat(s(0), f(1))?),
        "pad_start" => S(js::pad_start(s(0), f(1), s(2))?),
        "pad_end" => S(js::pad_end(s(0), f(1), s(2))?),
        "split" => Strs(js::split(s(0), a[1].opt_str(), of(2))),
        "replace_first" => S(js::replace_first(s(0), s(1), s(2))),
        "compare_strings" => Cmp(js::compare_strings(s(0), s(1))),
        other => panic!("unknown op {other}"),
    })
}

fn matches(expected: &Json, actual: &Actual) -> bool {
    match actual {
        Actual::F(x) => match expected.get("f").map(Json::str) {
            // "-0" is how the generator keeps the sign of zero
            Some("-0") => x.to_bits() == (-0.0f64).to_bits(),
            Some(_) => same_float(expected.float(), *x),
            None => false,
        },
        Actual::S(s) => matches!(expected, Json::Str(e) if e == s),
        Actual::B(b) => matches!(expected, Json::Bool(e) if e == b),
        Actual::Strs(v) => {
            matches!(expected, Json::Arr(e) if e.len() == v.len()
                && e.iter().zip(v).all(|(e, s)| matches!(e, Json::Str(t) if t == s)))
        }
        Actual::Cmp(c) => {
            let want = match c {
                Ordering::Less => "lt",
                Ordering::Equal => "eq",
                Ordering::Greater => "gt",
            };
            expected.opt_str() == Some(want)
        }
    }
}

#[test]
fn javascript_oracle_cases() {
    let text = include_str!("oracle/js_cases.json");
    let cases = common::parse(text);
    let mut failures = Vec::new();
    let mut pow_ulp_deviations = 0;
    for case in cases.arr() {
        let op = case.get("op").expect("op").str();
        let args = case.get("args").expect("args").arr();
        let got = run(op, args);
        let ok = match (case.get("ok"), case.get("err"), &got) {
            // Documented deviation of `js::pow`: V8's fdlibm pow may differ
            // from the platform pow in the last bit.
            (Some(e), _, Ok(Actual::F(x))) if op == "pow" && !matches(e, &Actual::F(*x)) => {
                let want = e.float();
                let ulps = want.to_bits().abs_diff(x.to_bits());
                pow_ulp_deviations += usize::from(ulps == 1);
                ulps == 1
            }
            (Some(e), _, Ok(a)) => matches(e, a),
            (_, Some(e), Err(err)) => {
                e.arr()[0].str() == err.kind && e.arr()[1].str() == err.message
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{op}{args:?}\n    expected {:?}\n    got      {got:?}",
                case.get("ok").or(case.get("err"))
            ));
        }
    }
    let n = cases.arr().len();
    assert!(
        pow_ulp_deviations <= 8,
        "{pow_ulp_deviations} pow results off by one ulp"
    );
    assert!(
        failures.is_empty(),
        "{} of {n} JavaScript oracle cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
