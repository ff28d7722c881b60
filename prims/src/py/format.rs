//! `format(value, spec)` for `float`, `int` and `str`, i.e. what f-string
//! replacement fields do with a format spec.
//!
//! Supported: `[[fill]align][sign][z][#][0][width][,|_][.precision][type]`
//! with types `s`; `d b o x X`; `e E f F g G %` and none. Not supported
//! (ValueError "Unknown format code ..."): `n` and `c`.
//! Digits are computed exactly (ties to even on the binary value), as
//! CPython's dtoa does.

use super::bits::{fixed_digits, sci_digits};
use super::float::float_repr;
use super::int::Int;
use crate::PrimError;

/// Precisions above this are refused (CPython accepts up to `INT_MAX` but
/// the output would be gigantic).
const MAX_PRECISION: usize = 10_000;

#[derive(Debug, Default)]
struct Spec {
    fill: Option<char>,
    align: Option<char>,
    sign: Option<char>,
    no_neg_zero: bool,
    alternate: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    ty: Option<char>,
}

fn value_error(msg: impl Into<String>) -> PrimError {
    PrimError::new("ValueError", msg)
}

/// `kind` (the Python type name) decides what the `0` flag means: sign-aware padding (`=`)
/// for numbers, only a fill character for strings.
fn parse_spec(spec: &str, kind: &str) -> Result<Spec, PrimError> {
    let numeric = kind != "str";
    let chars: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: char| matches!(c, '<' | '>' | '=' | '^');
    if chars.len() >= 2 && is_align(chars[1]) {
        s.fill = Some(chars[0]);
        s.align = Some(chars[1]);
        i = 2;
    } else if chars.first().is_some_and(|c| is_align(*c)) {
        s.align = Some(chars[0]);
        i = 1;
    }
    if let Some(c @ ('+' | '-' | ' ')) = chars.get(i) {
        s.sign = Some(*c);
        i += 1;
    }
    if chars.get(i) == Some(&'z') {
        s.no_neg_zero = true;
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        s.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') {
        if s.fill.is_none() {
            s.fill = Some('0');
        }
        if s.align.is_none() && numeric {
            s.align = Some('=');
        }
        i += 1;
    }
    let too_big = || value_error("Too many decimal digits in format string");
    let digits = |i: &mut usize| -> Result<Option<usize>, PrimError> {
        let start = *i;
        let mut n: usize = 0;
        while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(d as usize))
                .ok_or_else(too_big)?;
            *i += 1;
        }
        Ok((*i > start).then_some(n))
    };
    s.width = digits(&mut i)?.unwrap_or(0);
    if let Some(c @ (',' | '_')) = chars.get(i) {
        s.grouping = Some(*c);
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        s.precision =
            Some(digits(&mut i)?.ok_or_else(|| value_error("Format specifier missing precision"))?);
    }
    if chars.len() > i + 1 {
        return Err(value_error(format!(
            "Invalid format specifier '{spec}' for object of type '{kind}'"
        )));
    }
    s.ty = chars.get(i).copied();
    if s.width > MAX_PRECISION || s.precision.is_some_and(|p| p > MAX_PRECISION) {
        return Err(too_big());
    }
    Ok(s)
}

fn unknown_code(ty: char, kind: &str) -> PrimError {
    value_error(format!(
        "Unknown format code '{ty}' for object of type '{kind}'"
    ))
}

/// Inserts `sep` every `every` digits from the right of `digits`; with
/// `min_len` the digits are first zero-extended (the `0` flag with
/// grouping pads inside the grouped number, as CPython does).
// `usize::is_multiple_of` needs Rust 1.87; the workspace MSRV is 1.85.
#[allow(clippy::manual_is_multiple_of)]
fn group(digits: &str, sep: char, every: usize, min_len: usize) -> String {
    let mut d: Vec<char> = digits.chars().collect();
    let grouped_len = |n: usize| n + n.saturating_sub(1) / every;
    while grouped_len(d.len()) < min_len {
        d.insert(0, '0');
    }
    let mut out = String::new();
    for (k, c) in d.iter().enumerate() {
        if k > 0 && (d.len() - k) % every == 0 {
            out.push(sep);
        }
        out.push(*c);
    }
    out
}

/// Pads `sign + body` to the spec's width. `int_part`/`rest` split the
/// body so that grouping and `=` zero padding can be applied to digits.
fn layout(
    spec: &Spec,
    sign: &str,
    int_part: &str,
    rest: &str,
    every: usize,
    default_align: char,
) -> String {
    let fill = spec.fill.unwrap_or(' ');
    let align = spec.align.unwrap_or(default_align);
    let count = |s: &str| s.chars().count();
    let int_part = match spec.grouping {
        // `inf` and `nan` have no digits to group.
        Some(sep) if !int_part.is_empty() => {
            let min = if align == '=' && fill == '0' {
                spec.width.saturating_sub(count(sign) + count(rest))
            } else {
                0
            };
            group(int_part, sep, every, min)
        }
        _ => int_part.to_string(),
    };
    let len = count(sign) + count(&int_part) + count(rest);
    let pad = spec.width.saturating_sub(len);
    let fills = |n: usize| fill.to_string().repeat(n);
    match align {
        '<' => format!("{sign}{int_part}{rest}{}", fills(pad)),
        '^' => format!(
            "{}{sign}{int_part}{rest}{}",
            fills(pad / 2),
            fills(pad - pad / 2)
        ),
        '=' => format!("{sign}{}{int_part}{rest}", fills(pad)),
        _ => format!("{}{sign}{int_part}{rest}", fills(pad)),
    }
}

fn sign_str(spec: &Spec, negative: bool) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Splits a formatted magnitude into integer digits and the rest (point,
/// fraction, exponent, suffix).
fn split_int(body: &str) -> (&str, &str) {
    let end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    body.split_at(end)
}

/// Removes trailing zeros of the fraction (and a bare point), keeping any
/// exponent: what `g` does without `#`.
fn strip_zeros(body: &str) -> String {
    let (mant, exp) = match body.find('e') {
        Some(p) => body.split_at(p),
        None => (body, ""),
    };
    if !mant.contains('.') {
        return body.to_string();
    }
    let mant = mant.trim_end_matches('0').trim_end_matches('.');
    format!("{mant}{exp}")
}

fn exp_form(x: f64, p: usize, alternate: bool) -> String {
    let (digits, exp) = sci_digits(x, p as u64);
    let (a, b) = digits.split_at(1.min(digits.len()));
    let point = if b.is_empty() && !alternate { "" } else { "." };
    let esign = if exp < 0 { '-' } else { '+' };
    format!("{a}{point}{b}e{esign}{:02}", exp.unsigned_abs())
}

/// `g` formatting of `|x|` with `p` significant digits. `add_dot0` is the
/// no-type-with-precision variant: it switches to exponent form one digit
/// earlier and keeps a `.0` on integers (CPython's `Py_DTSF_ADD_DOT_0`).
fn general(x: f64, p: usize, alternate: bool, add_dot0: bool) -> String {
    let p = p.max(1);
    let (_, exp) = sci_digits(x, p as u64 - 1);
    let limit = if add_dot0 { p as i64 - 1 } else { p as i64 };
    let body = if -4 <= exp && exp < limit {
        let frac = (p as i64 - 1 - exp) as u64;
        let b = fixed_digits(x, frac);
        if alternate && frac == 0 {
            format!("{b}.")
        } else {
            b
        }
    } else {
        exp_form(x, p - 1, alternate)
    };
    let mut body = if alternate { body } else { strip_zeros(&body) };
    if add_dot0 && !body.contains(['.', 'e']) {
        body.push_str(".0");
    }
    body
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> Result<String, PrimError> {
    let s = parse_spec(spec, "float")?;
    if s.ty.is_some_and(|t| !"eEfFgG%".contains(t)) {
        return Err(unknown_code(s.ty.unwrap_or(' '), "float"));
    }
    float_with(&s, x)
}

fn float_with(s: &Spec, x: f64) -> Result<String, PrimError> {
    let ty = s.ty;
    let upper = ty.is_some_and(|t| t.is_ascii_uppercase());
    let mut v = if ty == Some('%') { x * 100.0 } else { x };
    let prec = s.precision.unwrap_or(6);
    let mut body = if v.is_nan() {
        "nan".to_string()
    } else if v.is_infinite() {
        "inf".to_string()
    } else {
        match ty {
            None if s.precision.is_none() => float_repr(v.abs()),
            None => general(v, prec, s.alternate, true),
            Some('f' | 'F' | '%') => {
                let b = fixed_digits(v, prec as u64);
                if s.alternate && prec == 0 {
                    format!("{b}.")
                } else {
                    b
                }
            }
            Some('e' | 'E') => exp_form(v, prec, s.alternate),
            _ => general(v, prec, s.alternate, false),
        }
    };
    if s.no_neg_zero
        && body
            .chars()
            .all(|c| matches!(c, '0' | '.' | 'e' | '+' | '-'))
    {
        v = v.abs();
    }
    if upper {
        body = body.to_uppercase();
    }
    if ty == Some('%') {
        body.push('%');
    }
    let sign = sign_str(s, v.is_sign_negative() && !v.is_nan());
    let (int_part, rest) = if v.is_finite() {
        split_int(&body)
    } else {
        ("", body.as_str())
    };
    Ok(layout(s, sign, int_part, rest, 3, '>'))
}

/// `format(n, spec)` for an int. Float presentation types convert to float
/// first (and raise `OverflowError` when it does not fit).
pub fn format_int(n: &Int, spec: &str) -> Result<String, PrimError> {
    let s = parse_spec(spec, "int")?;
    match s.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => return float_with(&s, n.to_f64()?),
        None | Some('d' | 'b' | 'o' | 'x' | 'X') => {}
        Some(t) => return Err(unknown_code(t, "int")),
    }
    if s.precision.is_some() {
        return Err(value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    let big = n.to_bigint();
    let mag = big.magnitude();
    let (digits, prefix, every) = match s.ty {
        Some('b') => (mag.to_str_radix(2), "0b", 4),
        Some('o') => (mag.to_str_radix(8), "0o", 4),
        Some('x') => (mag.to_str_radix(16), "0x", 4),
        Some('X') => (mag.to_str_radix(16).to_uppercase(), "0X", 4),
        _ => {
            let d = n.abs().to_str()?;
            (d, "", 3)
        }
    };
    if every == 4 && s.grouping == Some(',') {
        return Err(value_error(format!(
            "Cannot specify ',' with '{}'.",
            s.ty.unwrap_or('d')
        )));
    }
    let sign = sign_str(&s, n < &Int::from_i64(0));
    let sign = if s.alternate {
        format!("{sign}{prefix}")
    } else {
        sign.to_string()
    };
    Ok(layout(&s, &sign, &digits, "", every, '>'))
}

/// `format(s, spec)` for a str: precision truncates, default alignment is
/// left.
pub fn format_str(text: &str, spec: &str) -> Result<String, PrimError> {
    let s = parse_spec(spec, "str")?;
    if let Some(t) = s.ty.filter(|t| *t != 's') {
        return Err(unknown_code(t, "str"));
    }
    if s.sign.is_some() {
        return Err(value_error("Sign not allowed in string format specifier"));
    }
    if s.alternate {
        return Err(value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if let Some(g) = s.grouping {
        return Err(value_error(format!("Cannot specify '{g}' with 's'.")));
    }
    if s.align == Some('=') {
        return Err(value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let body: String = match s.precision {
        Some(p) => text.chars().take(p).collect(),
        None => text.to_string(),
    };
    Ok(layout(&s, "", "", &body, 3, '<'))
}
