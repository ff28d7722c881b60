//! Python `int`: arbitrary precision with an `i64` fast path.

use std::cmp::Ordering;
use std::fmt;
use std::rc::Rc;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::bits::{bigint_to_f64, integral_f64_to_bigint, ldexp};
use super::float::float_pow;
use super::string::{is_number_space, str_repr};
use super::unicode::decimal_value;
use crate::PrimError;

/// CPython 3.11's default `sys.get_int_max_str_digits()`.
pub const MAX_STR_DIGITS: usize = 4300;

/// Results of `**` above this many bits raise `MemoryError` here, where
/// CPython would spend unbounded time and memory computing them.
pub const MAX_POW_BITS: u64 = 100_000;

/// A Python `int`: `small` when it fits in `i64`, else `big` (and `small` is 0). Invariant:
/// `big` only holds values outside `i64`, so the derived equality is value equality.
///
/// A struct, not an enum of the two cases: a value holding an `Int` then has one
/// discriminant, not two nested ones, which keeps generated code's values in registers
/// (nested discriminants made rustc copy values through memory in odd-sized pieces). The
/// big case is shared, so that an `Int` stays two words and cheap to copy.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Int {
    small: i64,
    big: Option<Rc<BigInt>>,
}

/// Result of `**`, which is a float for negative exponents.
#[derive(Clone, Debug, PartialEq)]
pub enum Number {
    Int(Int),
    Float(f64),
}

fn zero_div() -> PrimError {
    PrimError::new("ZeroDivisionError", "integer division or modulo by zero")
}

fn digit_limit_error() -> PrimError {
    PrimError::new(
        "ValueError",
        format!(
            "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        ),
    )
}

impl Int {
    #[inline]
    pub const fn from_i64(v: i64) -> Int {
        Int {
            small: v,
            big: None,
        }
    }

    /// Normalises: values that fit `i64` are small.
    pub fn from_bigint(v: BigInt) -> Int {
        match v.to_i64() {
            Some(s) => Int::from_i64(s),
            None => Int {
                small: 0,
                big: Some(Rc::new(v)),
            },
        }
    }

    pub fn to_bigint(&self) -> BigInt {
        match &self.big {
            None => BigInt::from(self.small),
            Some(b) => (**b).clone(),
        }
    }

    /// The value, when it fits in `i64`.
    #[inline]
    pub fn to_i64(&self) -> Option<i64> {
        match self.big {
            None => Some(self.small),
            Some(_) => None,
        }
    }

    /// The value, when it does not fit in `i64`.
    pub fn big(&self) -> Option<&BigInt> {
        self.big.as_deref()
    }

    fn is_zero(&self) -> bool {
        self.to_i64() == Some(0)
    }

    fn is_negative(&self) -> bool {
        match &self.big {
            None => self.small < 0,
            Some(b) => b.is_negative(),
        }
    }

    pub fn add(&self, other: &Int) -> Int {
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if let Some(r) = a.checked_add(b) {
                return Int::from_i64(r);
            }
        }
        Int::from_bigint(self.to_bigint() + other.to_bigint())
    }

    pub fn sub(&self, other: &Int) -> Int {
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if let Some(r) = a.checked_sub(b) {
                return Int::from_i64(r);
            }
        }
        Int::from_bigint(self.to_bigint() - other.to_bigint())
    }

    pub fn mul(&self, other: &Int) -> Int {
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if let Some(r) = a.checked_mul(b) {
                return Int::from_i64(r);
            }
        }
        Int::from_bigint(self.to_bigint() * other.to_bigint())
    }

    pub fn neg(&self) -> Int {
        if let Some(a) = self.to_i64() {
            if let Some(r) = a.checked_neg() {
                return Int::from_i64(r);
            }
        }
        Int::from_bigint(-self.to_bigint())
    }

    pub fn abs(&self) -> Int {
        if self.is_negative() {
            self.neg()
        } else {
            self.clone()
        }
    }

    /// `a // b`: rounds toward negative infinity.
    pub fn floordiv(&self, other: &Int) -> Result<Int, PrimError> {
        if other.is_zero() {
            return Err(zero_div());
        }
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if b != -1 {
                return Ok(Int::from_i64(Integer::div_floor(&a, &b)));
            }
        }
        Ok(Int::from_bigint(
            self.to_bigint().div_floor(&other.to_bigint()),
        ))
    }

    /// `a % b`: the result has the divisor's sign.
    pub fn modulo(&self, other: &Int) -> Result<Int, PrimError> {
        if other.is_zero() {
            return Err(PrimError::new(
                "ZeroDivisionError",
                "integer modulo by zero",
            ));
        }
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if b == -1 {
                return Ok(Int::from_i64(0));
            }
            return Ok(Int::from_i64(Integer::mod_floor(&a, &b)));
        }
        Ok(Int::from_bigint(
            self.to_bigint().mod_floor(&other.to_bigint()),
        ))
    }

    /// `a ** b`. A negative exponent goes through float `**` as in CPython.
    ///
    /// Deviation: results estimated (`exp * log2|base|`) to need more than
    /// [`MAX_POW_BITS`] bits raise `MemoryError` (CPython would compute them).
    pub fn pow(&self, exp: &Int) -> Result<Number, PrimError> {
        if exp.is_negative() {
            return float_pow(self.to_f64()?, exp.to_f64()?).map(Number::Float);
        }
        let base = self.to_bigint();
        let mag = base.magnitude();
        if mag.is_zero() || mag.is_one() {
            let odd = exp.to_bigint().is_odd();
            let r = if exp.is_zero() {
                Int::from_i64(1)
            } else if mag.is_zero() || !base.is_negative() || odd {
                self.clone()
            } else {
                Int::from_i64(1)
            };
            return Ok(Number::Int(r));
        }
        let too_big = || {
            PrimError::new(
                "MemoryError",
                format!("tracelab: ** result exceeds {MAX_POW_BITS} bits"),
            )
        };
        let e = exp
            .to_i64()
            .filter(|e| *e <= MAX_POW_BITS as i64)
            .ok_or_else(too_big)?;
        // Estimated result size: e * log2|base| (exact enough for a cap).
        let log2 = if mag.bits() <= 1000 {
            mag.to_f64().map_or(mag.bits() as f64, f64::log2)
        } else {
            mag.bits() as f64
        };
        if e as f64 * log2 > MAX_POW_BITS as f64 {
            return Err(too_big());
        }
        Ok(Number::Int(Int::from_bigint(num_traits::pow(
            base, e as usize,
        ))))
    }

    /// `a / b`, correctly rounded like CPython's `long_true_divide`.
    pub fn truediv(&self, other: &Int) -> Result<f64, PrimError> {
        if other.is_zero() {
            return Err(PrimError::new("ZeroDivisionError", "division by zero"));
        }
        const EXACT: i64 = 1 << 53;
        if let (Some(a), Some(b)) = (self.to_i64(), other.to_i64()) {
            if (-EXACT..=EXACT).contains(&a) && (-EXACT..=EXACT).contains(&b) {
                return Ok(a as f64 / b as f64);
            }
        }
        let a = self.to_bigint();
        let b = other.to_bigint();
        let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
        let v = true_divide(a.magnitude(), b.magnitude()).ok_or_else(|| {
            PrimError::new(
                "OverflowError",
                "integer division result too large for a float",
            )
        })?;
        Ok(if negative { -v } else { v })
    }

    /// `float(n)`, correctly rounded.
    pub fn to_f64(&self) -> Result<f64, PrimError> {
        match &self.big {
            None => Ok(self.small as f64),
            Some(b) => bigint_to_f64(b).ok_or_else(|| {
                PrimError::new("OverflowError", "int too large to convert to float")
            }),
        }
    }

    /// `str(n)` with CPython 3.11's 4300-digit limit. (`Display` has no
    /// limit, for diagnostics.)
    pub fn to_str(&self) -> Result<String, PrimError> {
        if let Some(b) = &self.big {
            // A number below 2^(3.32 * 4300) certainly has few enough digits.
            if b.bits() > 14_300 {
                return Err(digit_limit_error());
            }
        }
        let s = self.to_string();
        let digits = s.trim_start_matches('-').len();
        if digits > MAX_STR_DIGITS {
            return Err(digit_limit_error());
        }
        Ok(s)
    }

    /// `int(s)` (base 10): surrounding whitespace, a sign, Unicode decimal
    /// digits and single underscores between digits.
    pub fn parse(s: &str) -> Result<Int, PrimError> {
        let invalid = || {
            let r: String = str_repr(s).chars().take(200).collect();
            PrimError::new(
                "ValueError",
                format!("invalid literal for int() with base 10: {r}"),
            )
        };
        let t = s.trim_matches(is_number_space);
        let (neg, body) = match t.chars().next() {
            Some('-') => (true, &t[1..]),
            Some('+') => (false, &t[1..]),
            _ => (false, t),
        };
        let mut digits = String::with_capacity(body.len());
        let mut prev_digit = false;
        for c in body.chars() {
            if c == '_' {
                if !prev_digit {
                    return Err(invalid());
                }
                prev_digit = false;
            } else if let Some(d) = decimal_value(c) {
                digits.push(char::from(b'0' + d));
                prev_digit = true;
            } else {
                return Err(invalid());
            }
        }
        if !prev_digit {
            return Err(invalid());
        }
        if digits.len() > MAX_STR_DIGITS {
            return Err(PrimError::new(
                "ValueError",
                format!(
                    "Exceeds the limit ({MAX_STR_DIGITS} digits) for integer string \
                     conversion: value has {} digits; use sys.set_int_max_str_digits() \
                     to increase the limit",
                    digits.len()
                ),
            ));
        }
        let mag = BigUint::parse_bytes(digits.as_bytes(), 10).ok_or_else(invalid)?;
        let v = BigInt::from(mag);
        Ok(Int::from_bigint(if neg { -v } else { v }))
    }
}

/// `a / b` for magnitudes, following CPython's `long_true_divide`: shift so
/// the quotient has 55+ bits, then round half to even using the remainder
/// as a sticky bit. `None` on overflow.
fn true_divide(a: &BigUint, b: &BigUint) -> Option<f64> {
    const MANT: i64 = 53;
    const MIN_EXP: i64 = -1021;
    const MAX_EXP: i64 = 1024;
    if a.is_zero() {
        return Some(0.0);
    }
    let diff = a.bits() as i64 - b.bits() as i64;
    if diff > MAX_EXP + 1 {
        return None;
    }
    if diff < MIN_EXP - MANT - 2 {
        return Some(0.0);
    }
    let shift = diff.max(MIN_EXP) - MANT - 2;
    let (x, mut inexact) = if shift < 0 {
        (a << (-shift) as u64, false)
    } else {
        let x = a >> shift as u64;
        let lost = a.trailing_zeros().is_some_and(|tz| tz < shift as u64);
        (x, lost)
    };
    let (q, r) = x.div_rem(b);
    if !r.is_zero() {
        inexact = true;
    }
    let q_bits = q.bits() as i64;
    let extra = (q_bits.max(MIN_EXP - shift) - MANT).max(0);
    let mut q = q;
    if extra > 0 {
        let half = BigUint::one() << (extra - 1) as u64;
        let mask = (BigUint::one() << extra as u64) - 1u32;
        let low = &q & &mask;
        let round_bit = !(&low & &half).is_zero();
        let rest = !(&low & (&half - 1u32)).is_zero();
        let odd = q.bit(extra as u64);
        q -= &low;
        if round_bit && (rest || inexact || odd) {
            q += BigUint::one() << extra as u64;
        }
    }
    let m = q.to_u64()? as f64;
    let v = ldexp(m, shift);
    v.is_finite().then_some(v)
}

/// Exact comparison of an int with a float (CPython never rounds here:
/// `2**53 + 1 != float(2**53 + 1)`). `None` when `f` is NaN.
pub fn int_float_cmp(i: &Int, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let ord = i.to_bigint().cmp(&integral_f64_to_bigint(fl));
    if fl == f || ord == Ordering::Greater {
        Some(ord)
    } else {
        // i <= floor(f) < f
        Some(Ordering::Less)
    }
}

impl PartialOrd for Int {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Int {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.to_i64(), other.to_i64()) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_bigint().cmp(&other.to_bigint()),
        }
    }
}

impl fmt::Display for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.big {
            None => write!(f, "{}", self.small),
            Some(b) => write!(f, "{b}"),
        }
    }
}

impl From<i64> for Int {
    fn from(v: i64) -> Int {
        Int::from_i64(v)
    }
}

/// `int(x)` for a float: truncation toward zero.
pub fn float_to_int(x: f64) -> Result<Int, PrimError> {
    if x.is_nan() {
        return Err(PrimError::new(
            "ValueError",
            "cannot convert float NaN to integer",
        ));
    }
    if x.is_infinite() {
        return Err(PrimError::new(
            "OverflowError",
            "cannot convert float infinity to integer",
        ));
    }
    Ok(Int::from_bigint(integral_f64_to_bigint(x.trunc())))
}
