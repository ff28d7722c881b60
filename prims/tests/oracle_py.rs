//! Checks `prims::py` against cases evaluated by the real CPython 3.11.
//! Regenerate the cases with:
//!     python3 prims/tests/oracle/gen_py.py > prims/tests/oracle/py_cases.json

mod common;

use std::cmp::Ordering;
use std::str::FromStr;

use common::{same_float, Json};
use num_bigint::BigInt;
use tracelab_prims::py::{self, Int, Number};
use tracelab_prims::PrimError;

#[derive(Debug)]
enum Actual {
    F(f64),
    I(Int),
    I64(i64),
    S(String),
    B(bool),
    Strs(Vec<String>),
    Idx(Vec<usize>),
    Cmp(Option<Ordering>),
}

fn int(j: &Json) -> Int {
    Int::from_bigint(BigInt::from_str(j.int_text()).expect("int"))
}

fn i64_arg(j: &Json) -> i64 {
    j.int_text().parse().expect("i64")
}

fn opt_i64(j: &Json) -> Option<i64> {
    match j {
        Json::Null => None,
        other => Some(i64_arg(other)),
    }
}

fn number(n: Number) -> Actual {
    match n {
        Number::Int(i) => Actual::I(i),
        Number::Float(f) => Actual::F(f),
    }
}

fn run(op: &str, a: &[Json]) -> Result<Actual, PrimError> {
    use Actual::*;
    let s = |k: usize| a[k].str();
    Ok(match op {
        "int_add" => I(int(&a[0]).add(&int(&a[1]))),
        "int_sub" => I(int(&a[0]).sub(&int(&a[1]))),
        "int_mul" => I(int(&a[0]).mul(&int(&a[1]))),
        "int_floordiv" => I(int(&a[0]).floordiv(&int(&a[1]))?),
        "int_mod" => I(int(&a[0]).modulo(&int(&a[1]))?),
        "int_truediv" => F(int(&a[0]).truediv(&int(&a[1]))?),
        "int_pow" => number(int(&a[0]).pow(&int(&a[1]))?),
        "int_cmp" => Cmp(Some(int(&a[0]).cmp(&int(&a[1])))),
        "int_neg" => I(int(&a[0]).neg()),
        "int_abs" => I(int(&a[0]).abs()),
        "int_to_float" => F(int(&a[0]).to_f64()?),
        "int_str" => S(int(&a[0]).to_str()?),
        "int_parse" => I(Int::parse(s(0))?),
        "int_float_cmp" => Cmp(py::int_float_cmp(&int(&a[0]), a[1].float())),
        "float_repr" => S(py::float_repr(a[0].float())),
        "float_to_int" => I(py::float_to_int(a[0].float())?),
        "round" => number(py::round_half_even(a[0].float(), opt_i64(&a[1]))?),
        "float_floordiv" => F(py::float_floordiv(a[0].float(), a[1].float())?),
        "float_mod" => F(py::float_mod(a[0].float(), a[1].float())?),
        "float_truediv" => F(py::float_truediv(a[0].float(), a[1].float())?),
        "float_pow" => F(py::float_pow(a[0].float(), a[1].float())?),
        "float_parse" => F(py::float_parse(s(0))?),
        "str_repr" => S(py::str_repr(s(0))),
        "upper" => S(py::upper(s(0))),
        "lower" => S(py::lower(s(0))),
        "isdigit" => B(py::isdigit(s(0))),
        "isalpha" => B(py::isalpha(s(0))),
        "char_len" => I64(py::char_len(s(0)) as i64),
        "strip" => S(py::strip(s(0), a[1].opt_str())),
        "lstrip" => S(py::lstrip(s(0), a[1].opt_str())),
        "rstrip" => S(py::rstrip(s(0), a[1].opt_str())),
        "split" => Strs(py::split(s(0), a[1].opt_str(), i64_arg(&a[2]))?),
        "rsplit" => Strs(py::rsplit(s(0), a[1].opt_str(), i64_arg(&a[2]))?),
        "replace" => S(py::replace(s(0), s(1), s(2), i64_arg(&a[3]))),
        "find" => I64(py::find(s(0), s(1))),
        "rfind" => I64(py::rfind(s(0), s(1))),
        "index" => I64(py::index(s(0), s(1))?),
        "count" => I64(py::count(s(0), s(1))),
        "startswith" => B(py::startswith(s(0), s(1))),
        "endswith" => B(py::endswith(s(0), s(1))),
        "join" => {
            let parts: Vec<&str> = a[1].arr().iter().map(Json::str).collect();
            S(py::join(s(0), &parts))
        }
        "char_at" => S(py::char_at(s(0), i64_arg(&a[1]))?),
        "slice_indices" => Idx(py::slice_indices(
            i64_arg(&a[0]),
            opt_i64(&a[1]),
            opt_i64(&a[2]),
            opt_i64(&a[3]),
        )?),
        "format_float" => S(py::format_float(a[0].float(), s(1))?),
        "format_int" => S(py::format_int(&int(&a[0]), s(1))?),
        "format_str" => S(py::format_str(s(0), s(1))?),
        other => panic!("unknown op {other}"),
    })
}

fn matches(expected: &Json, actual: &Actual) -> bool {
    match actual {
        Actual::F(x) => expected.get("f").is_some() && same_float(expected.float(), *x),
        Actual::I(i) => expected.get("i").is_some() && expected.int_text() == i.to_string(),
        Actual::I64(i) => expected.get("i").is_some() && expected.int_text() == i.to_string(),
        Actual::S(s) => matches!(expected, Json::Str(e) if e == s),
        Actual::B(b) => matches!(expected, Json::Bool(e) if e == b),
        Actual::Strs(v) => {
            matches!(expected, Json::Arr(e) if e.len() == v.len()
                && e.iter().zip(v).all(|(e, s)| matches!(e, Json::Str(t) if t == s)))
        }
        Actual::Idx(v) => {
            matches!(expected, Json::Arr(e) if e.len() == v.len()
                && e.iter().zip(v).all(|(e, i)| e.get("i").is_some() && e.int_text() == i.to_string()))
        }
        Actual::Cmp(c) => {
            let want = match c {
                None => None,
                Some(Ordering::Less) => Some("lt"),
                Some(Ordering::Equal) => Some("eq"),
                Some(Ordering::Greater) => Some("gt"),
            };
            expected.opt_str() == want
        }
    }
}

#[test]
fn python_oracle_cases() {
    let text = include_str!("oracle/py_cases.json");
    let cases = common::parse(text);
    let mut failures = Vec::new();
    let mut deviations = 0;
    for case in cases.arr() {
        let op = case.get("op").expect("op").str();
        let args = case.get("args").expect("args").arr();
        let got = run(op, args);
        if case.get("deviation").is_some() {
            deviations += 1;
        }
        let ok = match (case.get("ok"), case.get("err"), &got) {
            (Some(e), _, Ok(a)) => matches(e, a),
            (_, Some(e), Err(err)) => {
                e.arr()[0].str() == err.kind && e.arr()[1].str() == err.message
            }
            _ => false,
        };
        if !ok {
            let short = |s: String| s.chars().take(300).collect::<String>();
            failures.push(format!(
                "{op}{}\n    expected {}\n    got      {}",
                short(format!("{args:?}")),
                short(format!("{:?}", case.get("ok").or(case.get("err")))),
                short(format!("{got:?}"))
            ));
        }
    }
    let n = cases.arr().len();
    assert!(
        failures.is_empty(),
        "{} of {n} Python oracle cases failed ({deviations} are documented deviations):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
