//! Python `float` operations with CPython 3.11's special cases.

use super::bits::scaled_round;
use super::int::{float_to_int, Number};
use super::string::{is_number_space, str_repr};
use super::unicode::decimal_value;
use crate::PrimError;

/// `repr(x)` / `str(x)`: shortest round-trip digits; scientific notation
/// when the decimal exponent is below -4 or at least 16.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf" } else { "-inf" }.into();
    }
    let (digits, exp) = shortest_digits(x.abs());
    let sign = if x.is_sign_negative() { "-" } else { "" };
    format!("{sign}{}", place_digits(&digits, exp, false))
}

/// The shortest round-trip digits of a finite `x >= 0` and the decimal exponent of the
/// first one. From ryu-js rather than Rust's `{:e}`: when two shortest candidates are
/// equally near (`1551590380134458.25`), CPython's dtoa and ECMAScript pick the even
/// digit (`…458.2`), Rust's `{:e}` the upper one (`…458.3`); found by difftest.
fn shortest_digits(x: f64) -> (String, i64) {
    let mut buf = ryu_js::Buffer::new();
    let s = buf.format(x);
    if let Some((mant, exp)) = s.split_once('e') {
        let digits: String = mant.chars().filter(|c| *c != '.').collect();
        return (digits, exp.parse().unwrap_or(0));
    }
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int == "0" {
        let zeros = frac.len() - frac.trim_start_matches('0').len();
        if frac.len() == zeros {
            return ("0".into(), 0);
        }
        return (frac[zeros..].to_string(), -(zeros as i64) - 1);
    }
    let all = format!("{int}{frac}");
    let digits = all.trim_end_matches('0');
    (digits.to_string(), int.len() as i64 - 1)
}

/// Lays out significant `digits` (first digit at 10^exp) as CPython's
/// `repr` does; with `strip_dot0` a fixed-point integer gets no `.0`.
fn place_digits(digits: &str, exp: i64, strip_dot0: bool) -> String {
    let n = digits.len() as i64;
    if (-4..16).contains(&exp) {
        if exp < 0 {
            format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
        } else if n > exp + 1 {
            let (a, b) = digits.split_at((exp + 1) as usize);
            format!("{a}.{b}")
        } else {
            let zeros = "0".repeat((exp + 1 - n) as usize);
            if strip_dot0 {
                format!("{digits}{zeros}")
            } else {
                format!("{digits}{zeros}.0")
            }
        }
    } else {
        let (a, b) = digits.split_at(1);
        let mant = if b.is_empty() {
            a.to_string()
        } else {
            format!("{a}.{b}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{mant}e{esign}{:02}", exp.unsigned_abs())
    }
}

/// `a / b` for floats.
pub fn float_truediv(a: f64, b: f64) -> Result<f64, PrimError> {
    if b == 0.0 {
        return Err(PrimError::new(
            "ZeroDivisionError",
            "float division by zero",
        ));
    }
    Ok(a / b)
}

/// `divmod(a, b)` for floats, step by step as CPython's `float_divmod`
/// (this fixes the signs of zero results).
fn divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

/// `a // b` for floats.
pub fn float_floordiv(a: f64, b: f64) -> Result<f64, PrimError> {
    if b == 0.0 {
        return Err(PrimError::new(
            "ZeroDivisionError",
            "float floor division by zero",
        ));
    }
    Ok(divmod(a, b).0)
}

/// `a % b` for floats: the result has the divisor's sign.
pub fn float_mod(a: f64, b: f64) -> Result<f64, PrimError> {
    if b == 0.0 {
        return Err(PrimError::new("ZeroDivisionError", "float modulo"));
    }
    Ok(divmod(a, b).1)
}

fn is_odd_integer(x: f64) -> bool {
    x.is_finite() && (x % 2.0).abs() == 1.0
}

/// `a ** b` for floats, with CPython's `float_pow` special cases.
///
/// Deviation: a negative base with a non-integral exponent has a complex
/// result in CPython; tracelab has no complex numbers and raises
/// `ValueError` "complex result is outside the tracelab subset".
pub fn float_pow(iv: f64, iw: f64) -> Result<f64, PrimError> {
    if iw == 0.0 {
        return Ok(1.0);
    }
    if iv.is_nan() {
        return Ok(iv);
    }
    if iw.is_nan() {
        return Ok(if iv == 1.0 { 1.0 } else { iw });
    }
    if iw.is_infinite() {
        let a = iv.abs();
        return Ok(if a == 1.0 {
            1.0
        } else if (iw > 0.0) == (a > 1.0) {
            iw.abs()
        } else {
            0.0
        });
    }
    if iv.is_infinite() {
        let odd = is_odd_integer(iw);
        return Ok(if iw > 0.0 {
            if odd {
                iv
            } else {
                iv.abs()
            }
        } else if odd {
            0f64.copysign(iv)
        } else {
            0.0
        });
    }
    if iv == 0.0 {
        if iw < 0.0 {
            return Err(PrimError::new(
                "ZeroDivisionError",
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(if is_odd_integer(iw) { iv } else { 0.0 });
    }
    let mut base = iv;
    let mut negate = false;
    if iv < 0.0 {
        if iw != iw.floor() {
            return Err(PrimError::new(
                "ValueError",
                "complex result is outside the tracelab subset",
            ));
        }
        base = -iv;
        negate = is_odd_integer(iw);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(iw);
    if r.is_infinite() {
        return Err(PrimError::new(
            "OverflowError",
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(if negate { -r } else { r })
}

/// `float(s)`: whitespace, sign, digits with single underscores between
/// them, optional fraction and exponent, or `inf`/`infinity`/`nan` in any
/// case. Unicode decimal digits count as digits, as in CPython.
pub fn float_parse(s: &str) -> Result<f64, PrimError> {
    let invalid = || {
        PrimError::new(
            "ValueError",
            format!("could not convert string to float: {}", str_repr(s)),
        )
    };
    let t = s.trim_matches(is_number_space);
    let (neg, body) = match t.chars().next() {
        Some('-') => (true, &t[1..]),
        Some('+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let v = if lower == "inf" || lower == "infinity" {
        f64::INFINITY
    } else if lower == "nan" {
        f64::NAN
    } else {
        let ascii = normalise_decimal(body).ok_or_else(invalid)?;
        ascii.parse::<f64>().map_err(|_| invalid())?
    };
    Ok(if neg { -v } else { v })
}

/// Checks the float literal grammar and returns it with ASCII digits and
/// no underscores, or `None` when it is not a float literal.
fn normalise_decimal(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut prev_digit = false;
    let mut int_digits = 0;
    let mut frac_digits = 0;
    let mut exp_digits = 0;
    // 0: integer part, 1: fraction, 2: exponent
    let mut part = 0;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = decimal_value(c) {
            out.push(char::from(b'0' + d));
            prev_digit = true;
            match part {
                0 => int_digits += 1,
                1 => frac_digits += 1,
                _ => exp_digits += 1,
            }
        } else if c == '_' {
            let next_digit = chars.peek().is_some_and(|n| decimal_value(*n).is_some());
            if !prev_digit || !next_digit {
                return None;
            }
            prev_digit = false;
        } else if c == '.' && part == 0 {
            out.push('.');
            part = 1;
            prev_digit = false;
        } else if (c == 'e' || c == 'E') && part < 2 && int_digits + frac_digits > 0 {
            out.push('e');
            part = 2;
            prev_digit = false;
            if let Some(sign) = chars.next_if(|n| *n == '+' || *n == '-') {
                out.push(sign);
            }
        } else {
            return None;
        }
    }
    let ok = int_digits + frac_digits > 0 && (part < 2 || exp_digits > 0);
    ok.then_some(out)
}

/// `round(x)` / `round(x, ndigits)`: ties to even on the exact binary
/// value, as CPython's dtoa-based `float.__round__`. Without `ndigits` the
/// result is an `Int`.
pub fn round_half_even(x: f64, ndigits: Option<i64>) -> Result<Number, PrimError> {
    let Some(nd) = ndigits else {
        return float_to_int(x.round_ties_even()).map(Number::Int);
    };
    if !x.is_finite() || x == 0.0 {
        return Ok(Number::Float(x));
    }
    // CPython's NDIGITS_MAX / NDIGITS_MIN: beyond them the answer is known.
    if nd > 323 {
        return Ok(Number::Float(x));
    }
    if nd < -308 {
        return Ok(Number::Float(0f64.copysign(x)));
    }
    let n = scaled_round(x, nd);
    let sign = if x < 0.0 { "-" } else { "" };
    let r: f64 = format!("{sign}{n}e{}", -nd).parse().unwrap_or(f64::NAN);
    if r.is_infinite() {
        return Err(PrimError::new(
            "OverflowError",
            "rounded value too large to represent",
        ));
    }
    Ok(Number::Float(r))
}

#[cfg(test)]
mod tests {
    use super::float_repr;

    #[test]
    fn repr_breaks_ties_between_shortest_candidates_to_even() {
        // 7757951900672291.0 / 5 is exactly …458.25: CPython prints …458.2.
        assert_eq!(float_repr(7757951900672291.0 / 5.0), "1551590380134458.2");
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(123000.0), "123000.0");
        assert_eq!(float_repr(0.00012), "0.00012");
        assert_eq!(float_repr(2.5e-05), "2.5e-05");
    }
}
