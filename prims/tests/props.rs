//! Property tests: round trips, agreement with exact BigInt arithmetic, and
//! totality (no panics) on arbitrary inputs.

use num_bigint::BigInt;
use num_integer::Integer;
use proptest::prelude::*;
use tracelab_prims::py::{Int, Number};
use tracelab_prims::{js, py};

fn any_int() -> impl Strategy<Value = Int> {
    prop_oneof![
        any::<i64>().prop_map(Int::from_i64),
        prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(-1), Just(0), Just(1)]
            .prop_map(Int::from_i64),
        (any::<i64>(), any::<i64>(), 0u32..3)
            .prop_map(|(a, b, k)| Int::from_bigint(BigInt::from(a) * BigInt::from(b).pow(k) + b)),
    ]
}

fn any_pos() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        (-5i32..40).prop_map(f64::from),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        (-5.0f64..40.0),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn float_repr_round_trips(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let r = py::float_repr(x);
        prop_assert_eq!(r.parse::<f64>().unwrap().to_bits(), x.to_bits(), "{}", r);
        prop_assert_eq!(py::float_parse(&r).unwrap().to_bits(), x.to_bits());
    }

    #[test]
    fn js_number_to_string_round_trips(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let s = js::number_to_string(x);
        let back = js::string_to_number(&s);
        prop_assert!(back == x, "{} -> {}", s, back);
    }

    #[test]
    fn int_ops_agree_with_bigint(a in any_int(), b in any_int()) {
        let (x, y) = (a.to_bigint(), b.to_bigint());
        prop_assert_eq!(a.add(&b).to_bigint(), &x + &y);
        prop_assert_eq!(a.sub(&b).to_bigint(), &x - &y);
        prop_assert_eq!(a.mul(&b).to_bigint(), &x * &y);
        prop_assert_eq!(a.neg().to_bigint(), -&x);
        prop_assert_eq!(a.cmp(&b), x.cmp(&y));
        if y != BigInt::from(0) {
            prop_assert_eq!(a.floordiv(&b).unwrap().to_bigint(), x.div_floor(&y));
            prop_assert_eq!(a.modulo(&b).unwrap().to_bigint(), x.mod_floor(&y));
        } else {
            prop_assert!(a.floordiv(&b).is_err() && a.modulo(&b).is_err() && a.truediv(&b).is_err());
        }
        // normalisation: Big only outside i64
        for r in [a.add(&b), a.sub(&b), a.mul(&b)] {
            if let Some(v) = r.big() {
                prop_assert!(i64::try_from(v).is_err());
            }
        }
        prop_assert_eq!(Int::parse(&a.to_string()).unwrap(), a.clone());
    }

    #[test]
    fn int_pow_is_total(a in any_int(), e in -3i64..200) {
        match a.pow(&Int::from_i64(e)) {
            Ok(Number::Int(r)) => prop_assert_eq!(r.to_bigint(), a.to_bigint().pow(e as u32)),
            Ok(Number::Float(_)) => prop_assert!(e < 0),
            Err(err) => prop_assert!(["MemoryError", "ZeroDivisionError", "OverflowError"].contains(&err.kind)),
        }
    }

    #[test]
    fn int_float_cmp_is_exact(a in any::<i64>(), f in any::<f64>()) {
        let got = py::int_float_cmp(&Int::from_i64(a), f);
        if f.is_nan() {
            prop_assert!(got.is_none());
        } else if f.is_finite() {
            // i128 holds every i64 and every integral float below 2^127
            if f.abs() < 1e30 {
                let fl = f.floor() as i128;
                let want = if (a as i128) <= fl && f.floor() != f { std::cmp::Ordering::Less }
                    else { (a as i128).cmp(&fl) };
                prop_assert_eq!(got, Some(want));
            }
        }
    }

    #[test]
    fn js_strings_never_panic(s in "\\PC{0,12}", t in "\\PC{0,3}", p in any_pos(), q in any_pos()) {
        let _ = js::char_at(&s, p);
        let _ = js::char_code_at(&s, p);
        let _ = js::index_of(&s, &t, p);
        let _ = js::includes(&s, &t, Some(p));
        let _ = js::starts_with(&s, &t, Some(p));
        let _ = js::ends_with(&s, &t, Some(p));
        let sl = js::slice(&s, p, Some(q));
        prop_assert!(js::utf16_len(&sl) <= js::utf16_len(&s));
        let _ = js::substring(&s, p, Some(q));
        let _ = js::repeat(&s, p);
        let _ = js::pad_start(&s, p, &t);
        let _ = js::pad_end(&s, q, &t);
        let _ = js::split(&s, Some(&t), Some(p));
        let _ = js::replace_first(&s, &t, "$&$$$'");
        let _ = js::parse_int(&s, Some(p));
        let _ = js::parse_float(&s);
        let _ = js::string_to_number(&s);
    }

    #[test]
    fn py_strings_never_panic(s in "\\PC{0,12}", t in "\\PC{0,3}", i in any::<i64>(), j in any::<i64>()) {
        let _ = py::char_at(&s, i);
        let _ = py::split(&s, Some(&t), i);
        let _ = py::rsplit(&s, None, j);
        let _ = py::replace(&s, &t, "x", i % 5);
        let _ = py::find(&s, &t);
        let _ = py::rfind(&s, &t);
        let _ = py::str_repr(&s);
        let _ = py::float_parse(&s);
        let _ = Int::parse(&s);
        let _ = py::format_str(&t, &s);
        let _ = py::format_float(1.5, &s);
        let _ = py::format_int(&Int::from_i64(i), &s);
        let n = (i % 50).abs();
        let idx = py::slice_indices(n, Some(i % 60), Some(j % 60), Some(j % 7));
        if let Ok(v) = idx {
            prop_assert!(v.iter().all(|k| (*k as i64) < n));
        }
    }

    #[test]
    fn slice_indices_extremes_are_total(len in 0i64..20, a in any::<Option<i64>>(), b in any::<Option<i64>>(), c in any::<Option<i64>>()) {
        if let Ok(v) = py::slice_indices(len, a, b, c) {
            prop_assert!(v.len() <= len as usize);
        }
    }

    #[test]
    fn py_float_ops_never_panic(a in any::<f64>(), b in any::<f64>(), nd in -400i64..400) {
        let _ = py::float_floordiv(a, b);
        let _ = py::float_mod(a, b);
        let _ = py::float_pow(a, b);
        let _ = py::round_half_even(a, Some(nd));
        let _ = py::round_half_even(a, None);
        let _ = py::format_float(a, ".3e");
        let _ = py::format_float(a, ",.2f");
        let _ = py::format_float(a, "g");
    }
}
