//! `String.prototype` methods, indexed in UTF-16 code units as JS does.
//!
//! Deviation: JS strings may hold lone surrogates, Rust strings cannot.
//! Whenever a result would contain a lone surrogate (a slice, `charAt` or a
//! split that cuts a surrogate pair in half), that half becomes U+FFFD.
//! Lengths and indices are still counted in UTF-16 units of the input.

use std::cmp::Ordering;

use super::number::to_integer_or_infinity;
use crate::PrimError;

/// V8's maximum string length (2^29 - 24 code units); longer results are a
/// `RangeError: Invalid string length`.
const MAX_STRING_LENGTH: f64 = 536_870_888.0;

/// JS `WhiteSpace` and `LineTerminator` (what `trim` and `Number(s)` skip).
pub(crate) fn is_js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\u{9}' | '\u{A}' | '\u{B}' | '\u{C}' | '\u{D}' | ' ' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

fn units(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Lone surrogates become U+FFFD (the documented deviation).
fn from_units(u: &[u16]) -> String {
    String::from_utf16_lossy(u)
}

/// Clamps a relative position (`slice`-style: negative counts from the end).
fn relative(pos: f64, len: usize) -> usize {
    let p = to_integer_or_infinity(pos);
    let len_f = len as f64;
    if p < 0.0 {
        (len_f + p).max(0.0) as usize
    } else {
        p.min(len_f) as usize
    }
}

/// Clamps an absolute position to `[0, len]`.
fn clamp(pos: f64, len: usize) -> usize {
    to_integer_or_infinity(pos).clamp(0.0, len as f64) as usize
}

fn find_units(hay: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(from);
    }
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// `s.length`.
pub fn utf16_len(s: &str) -> usize {
    // An ASCII string has one code unit per byte: no need to encode it (a loop over
    // `s.length` asks at every iteration).
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

/// `s.charAt(i)`: empty when out of range.
pub fn char_at(s: &str, i: f64) -> String {
    let u = units(s);
    let p = to_integer_or_infinity(i);
    if p < 0.0 || p >= u.len() as f64 {
        return String::new();
    }
    from_units(&u[p as usize..p as usize + 1])
}

/// `s.charCodeAt(i)`: the UTF-16 unit, NaN when out of range.
pub fn char_code_at(s: &str, i: f64) -> f64 {
    // An ASCII string's code units are its bytes: no need to encode it (a loop over
    // `s.charCodeAt(i)` asks at every iteration).
    if s.is_ascii() {
        let p = to_integer_or_infinity(i);
        if p < 0.0 || p >= s.len() as f64 {
            return f64::NAN;
        }
        return f64::from(s.as_bytes()[p as usize]);
    }
    let u = units(s);
    let p = to_integer_or_infinity(i);
    if p < 0.0 || p >= u.len() as f64 {
        return f64::NAN;
    }
    f64::from(u[p as usize])
}

/// `s.indexOf(search, from)`, in UTF-16 units; -1 when absent.
pub fn index_of(s: &str, search: &str, from: f64) -> f64 {
    let u = units(s);
    let start = clamp(from, u.len());
    find_units(&u, &units(search), start).map_or(-1.0, |p| p as f64)
}

/// `s.includes(search, from)`.
pub fn includes(s: &str, search: &str, from: Option<f64>) -> bool {
    index_of(s, search, from.unwrap_or(0.0)) >= 0.0
}

/// `s.startsWith(search, position)`.
pub fn starts_with(s: &str, search: &str, position: Option<f64>) -> bool {
    let u = units(s);
    let start = clamp(position.unwrap_or(0.0), u.len());
    let n = units(search);
    u.get(start..start + n.len()) == Some(&n[..])
}

/// `s.endsWith(search, endPosition)`.
pub fn ends_with(s: &str, search: &str, end_position: Option<f64>) -> bool {
    let u = units(s);
    let end = end_position.map_or(u.len(), |e| clamp(e, u.len()));
    let n = units(search);
    match end.checked_sub(n.len()) {
        Some(start) => u.get(start..end) == Some(&n[..]),
        None => false,
    }
}

/// `s.slice(start, end)`: negative positions count from the end.
pub fn slice(s: &str, start: f64, end: Option<f64>) -> String {
    let u = units(s);
    let from = relative(start, u.len());
    let to = end.map_or(u.len(), |e| relative(e, u.len()));
    if from >= to {
        return String::new();
    }
    from_units(&u[from..to])
}

/// `s.substring(start, end)`: positions clamped to `[0, len]` and swapped
/// when reversed.
pub fn substring(s: &str, start: f64, end: Option<f64>) -> String {
    let u = units(s);
    let a = clamp(start, u.len());
    let b = end.map_or(u.len(), |e| clamp(e, u.len()));
    from_units(&u[a.min(b)..a.max(b)])
}

/// `s.toUpperCase()`: full Unicode mapping (`"ß"` becomes `"SS"`).
/// Rust's tables may be a newer Unicode version than Node 20's ICU.
pub fn to_upper_case(s: &str) -> String {
    s.to_uppercase()
}

/// `s.toLowerCase()`: full Unicode mapping including final sigma.
pub fn to_lower_case(s: &str) -> String {
    s.to_lowercase()
}

/// `s.trim()`.
pub fn trim(s: &str) -> String {
    s.trim_matches(is_js_whitespace).to_string()
}

/// `s.trimStart()`.
pub fn trim_start(s: &str) -> String {
    s.trim_start_matches(is_js_whitespace).to_string()
}

/// `s.trimEnd()`.
pub fn trim_end(s: &str) -> String {
    s.trim_end_matches(is_js_whitespace).to_string()
}

fn invalid_length() -> PrimError {
    PrimError::new("RangeError", "Invalid string length")
}

/// `s.repeat(n)`. Results longer than V8's limit raise `RangeError`
/// "Invalid string length" instead of allocating.
pub fn repeat(s: &str, n: f64) -> Result<String, PrimError> {
    let count = to_integer_or_infinity(n);
    if count < 0.0 || count.is_infinite() {
        return Err(PrimError::new(
            "RangeError",
            format!("Invalid count value: {}", super::number_to_string(n)),
        ));
    }
    let len = utf16_len(s) as f64;
    if len == 0.0 || count == 0.0 {
        return Ok(String::new());
    }
    if len * count > MAX_STRING_LENGTH {
        return Err(invalid_length());
    }
    Ok(s.repeat(count as usize))
}

fn pad(s: &str, max_len: f64, fill: &str, at_start: bool) -> Result<String, PrimError> {
    let u = units(s);
    let target = to_integer_or_infinity(max_len);
    let len = u.len() as f64;
    if target <= len || fill.is_empty() {
        return Ok(s.to_string());
    }
    if target > MAX_STRING_LENGTH {
        return Err(invalid_length());
    }
    let need = target as usize - u.len();
    let f = units(fill);
    let padding: Vec<u16> = f.iter().copied().cycle().take(need).collect();
    let mut out = Vec::with_capacity(need + u.len());
    if at_start {
        out.extend_from_slice(&padding);
        out.extend_from_slice(&u);
    } else {
        out.extend_from_slice(&u);
        out.extend_from_slice(&padding);
    }
    Ok(from_units(&out))
}

/// `s.padStart(maxLength, fill)`. Returns `Result` (unlike JS's signature
/// in the brief) because a huge `maxLength` is V8's `RangeError`.
pub fn pad_start(s: &str, max_len: f64, fill: &str) -> Result<String, PrimError> {
    pad(s, max_len, fill, true)
}

/// `s.padEnd(maxLength, fill)`; see [`pad_start`].
pub fn pad_end(s: &str, max_len: f64, fill: &str) -> Result<String, PrimError> {
    pad(s, max_len, fill, false)
}

/// `s.split(sep, limit)` with a string separator (`None` is `undefined`).
/// An empty separator splits into UTF-16 units.
pub fn split(s: &str, sep: Option<&str>, limit: Option<f64>) -> Vec<String> {
    let lim = limit.map_or(u32::MAX, super::to_uint32) as usize;
    if lim == 0 {
        return Vec::new();
    }
    let Some(sep) = sep else {
        return vec![s.to_string()];
    };
    let u = units(s);
    let sep = units(sep);
    if sep.is_empty() {
        return u.iter().take(lim).map(|c| from_units(&[*c])).collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    while let Some(p) = find_units(&u, &sep, start) {
        out.push(from_units(&u[start..p]));
        if out.len() >= lim {
            return out;
        }
        start = p + sep.len();
    }
    out.push(from_units(&u[start..]));
    out
}

/// `s.replace(pattern, replacement)` with a string pattern: only the first
/// occurrence; `$$`, `$&`, `` $` `` and `$'` are expanded as in
/// `GetSubstitution` (other `$` sequences stay literal: there are no groups).
pub fn replace_first(s: &str, pattern: &str, replacement: &str) -> String {
    let u = units(s);
    let p = units(pattern);
    let Some(pos) = find_units(&u, &p, 0) else {
        return s.to_string();
    };
    let r = units(replacement);
    let mut out: Vec<u16> = u[..pos].to_vec();
    let mut i = 0;
    while i < r.len() {
        if r[i] == u16::from(b'$') && i + 1 < r.len() {
            let next = r[i + 1];
            if next == u16::from(b'$') {
                out.push(next);
                i += 2;
                continue;
            } else if next == u16::from(b'&') {
                out.extend_from_slice(&p);
                i += 2;
                continue;
            } else if next == u16::from(b'`') {
                out.extend_from_slice(&u[..pos]);
                i += 2;
                continue;
            } else if next == u16::from(b'\'') {
                out.extend_from_slice(&u[pos + p.len()..]);
                i += 2;
                continue;
            }
        }
        out.push(r[i]);
        i += 1;
    }
    out.extend_from_slice(&u[pos + p.len()..]);
    from_units(&out)
}

/// `a < b` ordering: lexicographic on UTF-16 code units, so an astral
/// character (a surrogate pair, 0xD800..) sorts before U+FFFF.
pub fn compare_strings(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}
