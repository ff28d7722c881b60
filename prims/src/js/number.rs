//! Number operations: `Number::toString`, `StringToNumber`, `%`, `**`,
//! `ToInt32`/`ToUint32`, `parseInt` and `parseFloat`.

use num_bigint::BigUint;

use super::string::is_js_whitespace;
use crate::py::bits::biguint_to_f64;

/// `Number::toString(x)` in radix 10: shortest round-trip digits with the JS
/// exponent rules (`1e+21`, `1e-7`), `-0` prints as `0`.
pub fn number_to_string(x: f64) -> String {
    let mut buf = ryu_js::Buffer::new();
    buf.format(x).to_string()
}

/// `StringToNumber(s)`, the conversion behind `Number(s)` and unary `+`.
pub fn string_to_number(s: &str) -> f64 {
    let t = s.trim_matches(is_js_whitespace);
    if t.is_empty() {
        return 0.0;
    }
    let b = t.as_bytes();
    if b.len() > 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return digits_to_f64(&t[2..], radix).unwrap_or(f64::NAN);
        }
    }
    match decimal_prefix(t) {
        Some(n) if n == t.len() => parse_decimal(t),
        _ => f64::NAN,
    }
}

/// Value of a string made only of digits in `radix`, correctly rounded;
/// `None` when empty or when a character is not a digit.
fn digits_to_f64(s: &str, radix: u32) -> Option<f64> {
    if s.is_empty() || !s.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let n = BigUint::parse_bytes(s.as_bytes(), radix)?;
    Some(biguint_to_f64(&n).unwrap_or(f64::INFINITY))
}

/// Length in bytes of the longest prefix of `s` that is a
/// `StrDecimalLiteral` (sign, `Infinity` or digits/point/exponent).
fn decimal_prefix(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    if s[i..].starts_with("Infinity") {
        return Some(i + 8);
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut ndigits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if ndigits > 0 || j > frac_start {
            ndigits += j - frac_start;
            i = j;
        }
    }
    if ndigits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let exp_start = j;
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        if j > exp_start {
            i = j;
        }
    }
    Some(i)
}

/// Parses a validated `StrDecimalLiteral` (Rust's parser is correctly
/// rounded; only `Infinity` needs translating).
fn parse_decimal(t: &str) -> f64 {
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let v = if body == "Infinity" {
        f64::INFINITY
    } else {
        body.parse::<f64>().unwrap_or(f64::NAN)
    };
    if neg {
        -v
    } else {
        v
    }
}

/// `a % b`: truncated remainder, result has the sign of the dividend
/// (the C `fmod`, which is what Rust's `%` on `f64` is).
pub fn modulo(a: f64, b: f64) -> f64 {
    a % b
}

/// `a ** b` (`Number::exponentiate`). Unlike C `pow`, `1 ** NaN` and
/// `(±1) ** ±Infinity` are NaN.
///
/// Deviation: the core is the platform `pow` (glibc's is correctly
/// rounded), while V8 uses fdlibm's `pow`, which can differ in the last
/// bit for non-integral exponents (Node: `2 ** 5.5` is
/// `45.25483399593904`, here `45.254833995939045`).
pub fn pow(a: f64, b: f64) -> f64 {
    if b.is_nan() {
        return f64::NAN;
    }
    if b == 0.0 {
        return 1.0;
    }
    if b.is_infinite() && a.abs() == 1.0 {
        return f64::NAN;
    }
    // fdlibm's special cases, which V8 keeps: glibc's pow is off by one bit on
    // `27021597764222972 ** 2` where `x * x` is correctly rounded (found by difftest).
    if b == 2.0 {
        return a * a;
    }
    if b == 0.5 && a.is_sign_positive() && a.is_finite() {
        return a.sqrt();
    }
    a.powf(b)
}

/// `ToInt32`: modulo 2^32, reinterpreted as signed; NaN/±Infinity give 0.
pub fn to_int32(x: f64) -> i32 {
    to_uint32(x) as i32
}

/// `ToUint32`: truncate, then modulo 2^32; NaN/±Infinity give 0.
pub fn to_uint32(x: f64) -> u32 {
    if !x.is_finite() {
        return 0;
    }
    let t = x.trunc();
    // `rem_euclid` is exact for f64, and the result is in [0, 2^32).
    t.rem_euclid(4_294_967_296.0) as u32
}

/// `ToIntegerOrInfinity`: NaN gives 0, otherwise truncation toward zero.
pub(crate) fn to_integer_or_infinity(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.trunc() + 0.0
    }
}

/// The global `parseInt(s, radix)`; `radix` is `None` for `undefined`.
/// Radix 10 and powers of two are correctly rounded; other radices use
/// V8's approximation (the spec allows one), see [`v8_generic_radix`].
pub fn parse_int(s: &str, radix: Option<f64>) -> f64 {
    let t = s.trim_start_matches(is_js_whitespace);
    let (neg, mut t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut r = radix.map_or(0, to_int32);
    let mut strip_prefix = true;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return f64::NAN;
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    if strip_prefix && (t.starts_with("0x") || t.starts_with("0X")) {
        t = &t[2..];
        r = 16;
    }
    let radix = r as u32;
    let end = t.find(|c: char| !c.is_digit(radix)).unwrap_or(t.len());
    let digits = &t[..end];
    if digits.is_empty() {
        return f64::NAN;
    }
    let v = if radix == 10 {
        digits.parse::<f64>().unwrap_or(f64::NAN)
    } else if radix.is_power_of_two() {
        digits_to_f64(digits, radix).unwrap_or(f64::NAN)
    } else {
        v8_generic_radix(digits, radix)
    };
    if neg {
        -v
    } else {
        v
    }
}

/// V8's `parseInt` for radices that are neither 10 nor powers of two: digits
/// are gathered into 32-bit chunks and accumulated in a double, which can
/// round differently from the exact value beyond 2^53; reproduced so that
/// results match Node bit for bit. `digits` are all valid in `radix`.
fn v8_generic_radix(digits: &str, radix: u32) -> f64 {
    const MAX_MULTIPLIER: u32 = u32::MAX / 36;
    let ds: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(radix)).collect();
    let mut number = 0.0f64;
    let mut i = 0;
    while i < ds.len() {
        let (mut part, mut multiplier) = (0u32, 1u32);
        while i < ds.len() {
            let m = multiplier * radix;
            if m > MAX_MULTIPLIER {
                break;
            }
            part = part * radix + ds[i];
            multiplier = m;
            i += 1;
        }
        number = number * f64::from(multiplier) + f64::from(part);
    }
    number
}

/// The global `parseFloat(s)`: the longest `StrDecimalLiteral` prefix after
/// leading whitespace (no hex), NaN when there is none.
pub fn parse_float(s: &str) -> f64 {
    let t = s.trim_start_matches(is_js_whitespace);
    match decimal_prefix(t) {
        Some(n) => parse_decimal(&t[..n]),
        None => f64::NAN,
    }
}

#[cfg(test)]
mod pow_tests {
    use super::pow;

    #[test]
    fn squares_and_square_roots_are_correctly_rounded_as_in_v8() {
        // Node 20: 27021597764222972 ** 2 === 7.3016674573146e+32 (glibc: …598e+32).
        assert_eq!(pow(27021597764222972.0, 2.0), 7.3016674573146e32);
        assert_eq!(pow(2.0, 0.5), std::f64::consts::SQRT_2);
        assert!(pow(-0.0, 0.5) == 0.0 && pow(-0.0, 0.5).is_sign_positive());
        assert_eq!(pow(f64::INFINITY, 0.5), f64::INFINITY);
    }
}
