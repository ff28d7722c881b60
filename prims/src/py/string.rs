//! Python `str` methods. Python strings are sequences of code points, which
//! is exactly what a Rust `char` is, so indices here count `char`s.
//!
//! Character classes (`isspace`, `isalpha`, `isdigit`, printable) come from
//! tables generated from CPython 3.11's own database (`unicode.rs`). Case
//! mapping uses Rust's tables (full mappings with final sigma, like
//! CPython); they may be a newer Unicode version than CPython 3.11's 14.0.

use super::unicode::{is_alpha, is_digit, is_printable, is_space};
use crate::PrimError;

/// `c.isspace()`: the whitespace of `str.split()` and `str.strip()`.
pub fn is_py_space(c: char) -> bool {
    is_space(c)
}

/// Whitespace that `int()` and `float()` strip: CPython maps non-ASCII
/// spaces to `' '` but then only strips the six C-locale ASCII spaces, so
/// `'\x1c'` (which `isspace()`) is not stripped.
pub(crate) fn is_number_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c')
    } else {
        is_space(c)
    }
}

/// `repr(s)`: single quotes unless the string contains `'` and no `"`;
/// non-printable characters become `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_ascii() || is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) <= 0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push(quote);
    out
}

fn strip_set(chars: Option<&str>) -> impl Fn(char) -> bool + '_ {
    move |c| match chars {
        None => is_space(c),
        Some(set) => set.contains(c),
    }
}

/// `s.strip(chars)`; `None` strips whitespace.
pub fn strip(s: &str, chars: Option<&str>) -> String {
    s.trim_matches(strip_set(chars)).to_string()
}

/// `s.lstrip(chars)`.
pub fn lstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_start_matches(strip_set(chars)).to_string()
}

/// `s.rstrip(chars)`.
pub fn rstrip(s: &str, chars: Option<&str>) -> String {
    s.trim_end_matches(strip_set(chars)).to_string()
}

fn empty_separator() -> PrimError {
    PrimError::new("ValueError", "empty separator")
}

/// `s.split(sep, maxsplit)`; `sep = None` splits on runs of whitespace and
/// drops empty strings; a negative `maxsplit` means no limit.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, PrimError> {
    let limit = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    match sep {
        Some("") => return Err(empty_separator()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < limit {
                match rest.find(sep) {
                    Some(p) => {
                        out.push(rest[..p].to_string());
                        rest = &rest[p + sep.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
        }
        None => {
            let mut rest = s.trim_start_matches(is_space);
            while !rest.is_empty() {
                if out.len() >= limit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(is_space).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(is_space);
            }
        }
    }
    Ok(out)
}

/// `s.rsplit(sep, maxsplit)`: like [`split`] but splitting from the right.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, PrimError> {
    let limit = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    match sep {
        Some("") => return Err(empty_separator()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < limit {
                match rest.rfind(sep) {
                    Some(p) => {
                        out.push(rest[p + sep.len()..].to_string());
                        rest = &rest[..p];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
        }
        None => {
            let mut rest = s.trim_end_matches(is_space);
            while !rest.is_empty() {
                if out.len() >= limit {
                    out.push(rest.to_string());
                    break;
                }
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|(_, c)| is_space(*c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                out.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(is_space);
            }
        }
    }
    out.reverse();
    Ok(out)
}

/// `s.replace(old, new, count)`; a negative `count` replaces all. An empty
/// `old` inserts `new` around every character, as CPython does.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    if old.is_empty() {
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < limit {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < limit {
            out.push_str(new);
        }
        return out;
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    let mut n = 0;
    while n < limit {
        match rest.find(old) {
            Some(p) => {
                out.push_str(&rest[..p]);
                out.push_str(new);
                rest = &rest[p + old.len()..];
                n += 1;
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

fn char_index(s: &str, byte: usize) -> i64 {
    s.get(..byte).map_or(0, |p| p.chars().count() as i64)
}

/// `s.find(sub)`: index in code points, -1 when absent.
pub fn find(s: &str, sub: &str) -> i64 {
    s.find(sub).map_or(-1, |b| char_index(s, b))
}

/// `s.rfind(sub)`: index of the last occurrence, -1 when absent.
pub fn rfind(s: &str, sub: &str) -> i64 {
    s.rfind(sub).map_or(-1, |b| char_index(s, b))
}

/// `s.index(sub)`: like [`find`] but raises when absent.
pub fn index(s: &str, sub: &str) -> Result<i64, PrimError> {
    match find(s, sub) {
        -1 => Err(PrimError::new("ValueError", "substring not found")),
        i => Ok(i),
    }
}

/// `s.count(sub)`: non-overlapping occurrences; `len + 1` for `""`.
pub fn count(s: &str, sub: &str) -> i64 {
    if sub.is_empty() {
        return char_len(s) as i64 + 1;
    }
    s.matches(sub).count() as i64
}

/// `s.startswith(prefix)`.
pub fn startswith(s: &str, prefix: &str) -> bool {
    s.starts_with(prefix)
}

/// `s.endswith(suffix)`.
pub fn endswith(s: &str, suffix: &str) -> bool {
    s.ends_with(suffix)
}

/// `s.isdigit()`: non-empty and every character a digit.
pub fn isdigit(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_digit)
}

/// `s.isalpha()`: non-empty and every character a letter.
pub fn isalpha(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_alpha)
}

/// `s.upper()`: full case mapping (`"ß"` becomes `"SS"`).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// `s.lower()`: full case mapping with final sigma.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// `sep.join(parts)`.
pub fn join<S: AsRef<str>>(sep: &str, parts: &[S]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

/// `len(s)`: code points.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `s[i]`, negative indices counting from the end.
pub fn char_at(s: &str, i: i64) -> Result<String, PrimError> {
    let len = char_len(s) as i64;
    let j = if i < 0 { i.saturating_add(len) } else { i };
    if j < 0 || j >= len {
        return Err(PrimError::new("IndexError", "string index out of range"));
    }
    Ok(s.chars()
        .nth(j as usize)
        .map(String::from)
        .unwrap_or_default())
}

/// The indices selected by `seq[start:stop:step]` on a sequence of length
/// `len`, as CPython's `slice.indices` computes them (for `str` and `list`).
pub fn slice_indices(
    len: i64,
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
) -> Result<Vec<usize>, PrimError> {
    let len = len.max(0);
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(PrimError::new("ValueError", "slice step cannot be zero"));
    }
    // CPython clamps the step to -PY_SSIZE_T_MAX so that it can be negated.
    let step = step.max(-i64::MAX);
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let adjust = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(v) if v < 0 => v.saturating_add(len).max(lower),
        Some(v) => v.min(upper),
    };
    let start = adjust(start, if step < 0 { upper } else { lower });
    let stop = adjust(stop, if step < 0 { lower } else { upper });
    let mut out = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        out.push(i as usize);
        match i.checked_add(step) {
            Some(n) => i = n,
            None => break,
        }
    }
    Ok(out)
}
