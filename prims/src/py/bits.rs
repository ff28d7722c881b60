//! Exact conversions between `f64`, big integers and decimal digits. Both
//! languages need correctly rounded results where a naive cast would round
//! twice, so everything here works on exact integers.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, ToPrimitive};

/// `x * 2^e`, exact whenever the result is representable (including
/// subnormals), because every intermediate step stays a normal number.
pub(crate) fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * 2f64.powi(e as i32)
}

/// `|n|` correctly rounded to `f64` (ties to even); `None` on overflow.
pub(crate) fn biguint_to_f64(n: &BigUint) -> Option<f64> {
    let bits = n.bits();
    if bits <= 64 {
        return n.to_u64().map(|v| v as f64);
    }
    let shift = bits - 64;
    let top = (n >> shift).to_u64()?;
    // Below bit 10 of `top` nothing affects rounding except "is it zero",
    // so OR-ing a sticky bit into bit 0 keeps the cast correctly rounded.
    let sticky = n.trailing_zeros().is_some_and(|tz| tz < shift);
    let m = (top | u64::from(sticky)) as f64;
    let v = ldexp(m, shift as i64);
    v.is_finite().then_some(v)
}

/// `n` correctly rounded to `f64`; `None` on overflow.
pub(crate) fn bigint_to_f64(n: &BigInt) -> Option<f64> {
    let v = biguint_to_f64(n.magnitude())?;
    Some(if n.sign() == Sign::Minus { -v } else { v })
}

/// `x = m * 2^e` exactly, for finite `x` (sign dropped).
pub(crate) fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    }
}

/// The exact integer value of a finite, integral `x`.
pub(crate) fn integral_f64_to_bigint(x: f64) -> BigInt {
    let (m, e) = decompose(x);
    let mag = if e >= 0 {
        BigUint::from(m) << e as u64
    } else {
        BigUint::from(m) >> (-e) as u64
    };
    let n = BigInt::from(mag);
    if x < 0.0 {
        -n
    } else {
        n
    }
}

fn pow10(k: u64) -> BigUint {
    num_traits::pow(BigUint::from(10u32), k as usize)
}

/// `round_half_even(|x| * 10^p)` computed exactly, for finite `x`
/// (`p` may be negative). This is the core of `round()` and `%f`/`%e`.
pub(crate) fn scaled_round(x: f64, p: i64) -> BigUint {
    let (m, e) = decompose(x);
    let mut num = BigUint::from(m);
    let mut den = BigUint::one();
    if e >= 0 {
        num <<= e as u64;
    } else {
        den <<= (-e) as u64;
    }
    if p >= 0 {
        num *= pow10(p as u64);
    } else {
        den *= pow10(p.unsigned_abs());
    }
    let (q, r) = num.div_rem(&den);
    let twice = r << 1u32;
    if twice > den || (twice == den && q.is_odd()) {
        q + 1u32
    } else {
        q
    }
}

/// Digits of `|x|` rounded to `p + 1` significant digits, and the decimal
/// exponent of the first digit: `|x| ~= 0.d1d2... * 10^(exp + 1)`.
/// For zero the digits are all `0` and the exponent is 0.
pub(crate) fn sci_digits(x: f64, p: u64) -> (String, i64) {
    if x == 0.0 {
        return ("0".repeat(p as usize + 1), 0);
    }
    // The shortest representation's exponent is off by at most one.
    let s = format!("{:e}", x.abs());
    let mut exp: i64 = s
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    for _ in 0..4 {
        let n = scaled_round(x, p as i64 - exp);
        let digits = n.to_string();
        let want = p as usize + 1;
        match digits.len().cmp(&want) {
            std::cmp::Ordering::Equal => return (digits, exp),
            std::cmp::Ordering::Greater => exp += 1,
            std::cmp::Ordering::Less => exp -= 1,
        }
    }
    // Unreachable in practice; keep the function total.
    let n = scaled_round(x, p as i64 - exp);
    (n.to_string(), exp)
}

/// `|x|` with exactly `p` digits after the point, correctly rounded
/// (ties to even on the exact binary value, as CPython's dtoa does).
pub(crate) fn fixed_digits(x: f64, p: u64) -> String {
    let n = scaled_round(x, p as i64).to_string();
    let p = p as usize;
    if p == 0 {
        return n;
    }
    let n = if n.len() <= p {
        format!("{}{}", "0".repeat(p + 1 - n.len()), n)
    } else {
        n
    };
    let (int, frac) = n.split_at(n.len() - p);
    format!("{int}.{frac}")
}
