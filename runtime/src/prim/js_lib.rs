//! The JavaScript library operators (string, array, object, Math, JSON, number parsing)
//! that the js frontend lowers library calls to, with Node 20's results. Scalar string
//! and number work comes from `tracelab-prims`; what touches the heap is written here.
//! `util.format` (what `console.log` prints) is in [`super::js_inspect`].

use super::errors::Error;
use super::js::{self, strict_eq, to_number, to_string};
use crate::value::{Heap, HeapObj, Key, Value};

use tracelab_ir::{Dialect, PrimOp};
use tracelab_prims::js as prims;

fn opt_num(heap: &Heap, v: &Value) -> Option<f64> {
    match v {
        Value::Undefined => None,
        other => Some(to_number(heap, other)),
    }
}

/// ToIntegerOrInfinity.
fn integer(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.trunc()
    }
}

/// A relative index (`slice`, `indexOf`'s `from`): negative counts from the end.
fn relative(x: f64, len: usize) -> usize {
    let i = integer(x);
    if i < 0.0 {
        (len as f64 + i).max(0.0) as usize
    } else {
        i.min(len as f64) as usize
    }
}

fn new_array(heap: &mut Heap, items: Vec<Value>) -> Value {
    Value::Ref(heap.alloc(HeapObj::Array {
        items,
        tuple: false,
    }))
}

/// The items of an array, borrowed: a question about an array never copies it.
fn array_items<'h>(heap: &'h Heap, v: &Value) -> Option<&'h [Value]> {
    match v {
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => Some(items),
            _ => None,
        },
        _ => None,
    }
}

fn array_mut<'h>(heap: &'h mut Heap, v: &Value) -> Option<&'h mut Vec<Value>> {
    match v {
        Value::Ref(loc) => match heap.get_mut(*loc) {
            Some(HeapObj::Array { items, .. }) => Some(items),
            _ => None,
        },
        _ => None,
    }
}

/// Replaces an array's items (the receiver was checked to be an array by the caller).
fn store(heap: &mut Heap, v: &Value, new: Vec<Value>) {
    if let Value::Ref(loc) = v {
        if let Some(HeapObj::Array { items, .. }) = heap.get_mut(*loc) {
            *items = new;
        }
    }
}

fn not_array(op: PrimOp) -> Error {
    Error::new("TypeError", format!("`{op}` applies to arrays only"))
}

fn same_value_zero(a: &Value, b: &Value) -> bool {
    let nan = |v: &Value| matches!(v, Value::Float(x) if x.is_nan());
    strict_eq(a, b) || (nan(a) && nan(b))
}

pub fn apply(op: PrimOp, args: &[Value], heap: &mut Heap) -> Result<Value, Error> {
    use PrimOp::*;
    let text = |heap: &Heap, i: usize| to_string(heap, &args[i]);
    let number = |heap: &Heap, i: usize| to_number(heap, &args[i]);
    let v = match op {
        JsIsArray => Value::Bool(array_items(heap, &args[0]).is_some()),
        JsIsString => Value::Bool(matches!(args[0], Value::Str(_))),
        JsIterable => match &args[0] {
            Value::Str(s) => {
                let items = s.chars().map(Value::char).collect();
                new_array(heap, items)
            }
            v if array_items(heap, v).is_some() => v.clone(),
            v => {
                return Err(Error::new(
                    "TypeError",
                    format!("{} is not iterable", js::describe(heap, v)),
                ))
            }
        },
        JsFormat => Value::str(&super::js_inspect::format(heap, args)),

        // ----- arrays
        JsArrayPush | JsArrayUnshift => {
            // In place: a loop of pushes must stay linear.
            for v in &args[1..] {
                heap.charge(v);
            }
            let items = array_mut(heap, &args[0]).ok_or_else(|| not_array(op))?;
            if op == JsArrayPush {
                items.extend(args[1..].iter().cloned());
            } else {
                items.splice(0..0, args[1..].iter().cloned());
            }
            Value::Float(items.len() as f64)
        }
        JsArrayPop | JsArrayShift => {
            let items = array_mut(heap, &args[0]).ok_or_else(|| not_array(op))?;
            let v = if op == JsArrayPop {
                items.pop()
            } else {
                (!items.is_empty()).then(|| items.remove(0))
            };
            v.unwrap_or(Value::Undefined)
        }
        JsArrayIndexOf | JsArrayIncludes => {
            let items = array_items(heap, &args[0]).ok_or_else(|| not_array(op))?;
            let from = relative(to_number(heap, &args[2]), items.len());
            let found = items.iter().enumerate().skip(from).find(|(_, v)| {
                if op == JsArrayIndexOf {
                    strict_eq(v, &args[1])
                } else {
                    same_value_zero(v, &args[1])
                }
            });
            match op {
                JsArrayIndexOf => Value::Float(found.map_or(-1.0, |(i, _)| i as f64)),
                _ => Value::Bool(found.is_some()),
            }
        }
        JsArrayJoin => {
            let items = array_items(heap, &args[0]).ok_or_else(|| not_array(op))?;
            let sep = match &args[1] {
                Value::Undefined => ",".to_string(),
                v => to_string(heap, v),
            };
            let parts: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::Undefined | Value::Null => String::new(),
                    v => to_string(heap, v),
                })
                .collect();
            Value::str(&parts.join(&sep))
        }
        JsArraySlice => {
            let len = array_items(heap, &args[0])
                .ok_or_else(|| not_array(op))?
                .len();
            let from = relative(to_number(heap, &args[1]), len);
            let to = opt_num(heap, &args[2]).map_or(len, |e| relative(e, len));
            let items = array_items(heap, &args[0]).ok_or_else(|| not_array(op))?;
            let part = if from < to {
                items[from..to].to_vec()
            } else {
                Vec::new()
            };
            new_array(heap, part)
        }
        JsArrayConcat => {
            let mut items = array_items(heap, &args[0])
                .ok_or_else(|| not_array(op))?
                .to_vec();
            for v in &args[1..] {
                match array_items(heap, v) {
                    Some(more) => items.extend_from_slice(more),
                    None => items.push(v.clone()),
                }
            }
            new_array(heap, items)
        }
        JsArrayReverse => {
            array_mut(heap, &args[0])
                .ok_or_else(|| not_array(op))?
                .reverse();
            args[0].clone()
        }
        JsArraySort => {
            let items = array_items(heap, &args[0]).ok_or_else(|| not_array(op))?;
            let (mut defined, undefined): (Vec<Value>, Vec<Value>) = items
                .iter()
                .cloned()
                .partition(|v| !matches!(v, Value::Undefined));
            let mut keyed: Vec<(String, Value)> = defined
                .drain(..)
                .map(|v| (to_string(heap, &v), v))
                .collect();
            keyed.sort_by(|a, b| prims::compare_strings(&a.0, &b.0));
            let sorted = keyed.into_iter().map(|(_, v)| v).chain(undefined).collect();
            store(heap, &args[0], sorted);
            args[0].clone()
        }

        // ----- strings
        JsStrCharAt => Value::str(&prims::char_at(&text(heap, 0), number(heap, 1))),
        JsStrCharCodeAt => Value::Float(prims::char_code_at(&text(heap, 0), number(heap, 1))),
        JsStrIndexOf => {
            let from = opt_num(heap, &args[2]).unwrap_or(0.0);
            Value::Float(prims::index_of(
                &text(heap, 0),
                &text(heap, 1),
                integer(from),
            ))
        }
        JsStrIncludes => Value::Bool(prims::includes(
            &text(heap, 0),
            &text(heap, 1),
            opt_num(heap, &args[2]).map(integer),
        )),
        JsStrStartsWith => Value::Bool(prims::starts_with(
            &text(heap, 0),
            &text(heap, 1),
            opt_num(heap, &args[2]).map(integer),
        )),
        JsStrEndsWith => Value::Bool(prims::ends_with(
            &text(heap, 0),
            &text(heap, 1),
            opt_num(heap, &args[2]).map(integer),
        )),
        JsStrSlice => Value::str(&prims::slice(
            &text(heap, 0),
            integer(number(heap, 1)),
            opt_num(heap, &args[2]).map(integer),
        )),
        JsStrSubstring => Value::str(&prims::substring(
            &text(heap, 0),
            integer(number(heap, 1)),
            opt_num(heap, &args[2]).map(integer),
        )),
        JsStrSplit => {
            let sep = match &args[1] {
                Value::Undefined => None,
                v => Some(to_string(heap, v)),
            };
            let parts = prims::split(&text(heap, 0), sep.as_deref(), opt_num(heap, &args[2]));
            let items = parts.iter().map(|p| Value::str(p)).collect();
            new_array(heap, items)
        }
        JsStrTrim => Value::str(&prims::trim(&text(heap, 0))),
        JsStrTrimStart => Value::str(&prims::trim_start(&text(heap, 0))),
        JsStrTrimEnd => Value::str(&prims::trim_end(&text(heap, 0))),
        JsStrToUpperCase => Value::str(&prims::to_upper_case(&text(heap, 0))),
        JsStrToLowerCase => Value::str(&prims::to_lower_case(&text(heap, 0))),
        JsStrReplace | JsStrReplaceAll => {
            if matches!(js::type_of(heap, &args[2]), "function") {
                return Err(Error::new(
                    "TypeError",
                    "a replacement function is outside the tracelab JavaScript subset",
                ));
            }
            let (s, pattern, replacement) = (text(heap, 0), text(heap, 1), text(heap, 2));
            // Without `$` the replacement is inserted as it is, so the result's size is known
            // before it is built (`$&`, `$'` and `` $` `` expand to parts of `s`: those are
            // counted after, as before).
            let limit = if op == JsStrReplace { 1 } else { usize::MAX };
            let bound = super::replaced_bound(&s, &replacement);
            let exact = || super::replaced_len(&s, &pattern, &replacement, limit);
            if !replacement.contains('$') && !heap.admit(bound, exact) {
                return Ok(Value::Undefined);
            }
            Value::str(&if op == JsStrReplace {
                prims::replace_first(&s, &pattern, &replacement)
            } else {
                replace_all(&s, &pattern, &replacement)
            })
        }
        JsStrRepeat => Value::str(&prims::repeat(&text(heap, 0), number(heap, 1))?),
        JsStrPadStart | JsStrPadEnd => {
            let fill = match &args[2] {
                Value::Undefined => " ".to_string(),
                v => to_string(heap, v),
            };
            let (s, n) = (text(heap, 0), number(heap, 1));
            Value::str(&if op == JsStrPadStart {
                prims::pad_start(&s, n, &fill)?
            } else {
                prims::pad_end(&s, n, &fill)?
            })
        }
        JsNumToString => {
            let radix = opt_num(heap, &args[1]).map_or(10.0, integer);
            if !(2.0..=36.0).contains(&radix) {
                return Err(Error::new(
                    "RangeError",
                    "toString() radix must be between 2 and 36",
                ));
            }
            Value::str(&to_radix_string(number(heap, 0), radix as u32))
        }
        JsNumToFixed => Value::str(&to_fixed(
            number(heap, 0),
            opt_num(heap, &args[1]).map_or(0.0, integer),
        )?),

        // ----- Math
        JsMathMax | JsMathMin => {
            let mut acc = if op == JsMathMax {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            };
            for a in args {
                let x = to_number(heap, a);
                if x.is_nan() || acc.is_nan() {
                    acc = f64::NAN;
                } else if op == JsMathMax {
                    if x > acc || (x == 0.0 && acc == 0.0 && acc.is_sign_negative()) {
                        acc = x;
                    }
                } else if x < acc || (x == 0.0 && acc == 0.0 && x.is_sign_negative()) {
                    acc = x;
                }
            }
            Value::Float(acc)
        }
        JsMathFloor => Value::Float(number(heap, 0).floor()),
        JsMathCeil => Value::Float(number(heap, 0).ceil()),
        JsMathRound => Value::Float(round(number(heap, 0))),
        JsMathAbs => Value::Float(number(heap, 0).abs()),
        JsMathSqrt => Value::Float(number(heap, 0).sqrt()),
        JsMathTrunc => Value::Float(number(heap, 0).trunc()),
        JsMathSign => {
            let x = number(heap, 0);
            Value::Float(if x.is_nan() || x == 0.0 {
                x
            } else {
                x.signum()
            })
        }

        // ----- JSON, objects, numbers
        JsJsonStringify => json_stringify(heap, &args[0], &args[1])?,
        JsJsonParse => super::js_json::parse(heap, &text(heap, 0))?,
        JsObjectKeys | JsObjectValues | JsObjectEntries => object_parts(op, heap, &args[0])?,
        JsIsInteger => Value::Bool(
            matches!(args[0], Value::Float(x) if x.is_finite() && x.trunc() == x)
                || matches!(args[0], Value::Int(_)),
        ),
        JsParseInt => Value::Float(prims::parse_int(&text(heap, 0), opt_num(heap, &args[1]))),
        JsParseFloat => Value::Float(prims::parse_float(&text(heap, 0))),
        JsIsNan => Value::Bool(number(heap, 0).is_nan()),
        _ => unreachable!("js_lib::apply is dispatched on library operators only, not {op}"),
    };
    Ok(v)
}

fn replace_all(s: &str, pattern: &str, replacement: &str) -> String {
    if pattern.is_empty() {
        let units: Vec<String> = s.chars().map(|c| c.to_string()).collect();
        let sub = prims::replace_first("", "", replacement);
        return format!(
            "{sub}{}",
            units
                .iter()
                .map(|u| format!("{u}{sub}"))
                .collect::<String>()
        );
    }
    s.split(pattern)
        .collect::<Vec<_>>()
        .join(&prims::replace_first(pattern, pattern, replacement))
}

/// Number::toString(radix), as V8's DoubleToRadixCString: fraction digits only up to
/// the input's precision, rounded to even.
fn to_radix_string(value: f64, radix: u32) -> String {
    if radix == 10 || !value.is_finite() {
        return prims::number_to_string(value);
    }
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let r = f64::from(radix);
    let negative = value < 0.0;
    let value = value.abs();
    let mut integer = value.floor();
    let mut fraction = value - integer;
    let next_up = f64::from_bits(value.to_bits() + 1);
    let mut delta = (0.5 * (next_up - value)).max(f64::from_bits(1));
    let mut frac_digits: Vec<u32> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as u32;
            frac_digits.push(digit);
            fraction -= f64::from(digit);
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying through the digits already written.
                loop {
                    match frac_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) if d + 1 < radix => {
                            frac_digits.push(d + 1);
                            break;
                        }
                        Some(_) => {}
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }
    let mut int_digits: Vec<u8> = Vec::new();
    // Digits below the precision of a double are zeros.
    while integer / r >= 9007199254740992.0 {
        integer /= r;
        int_digits.push(b'0');
    }
    loop {
        let remainder = integer % r;
        int_digits.push(DIGITS[remainder as usize]);
        integer = (integer - remainder) / r;
        if integer <= 0.0 {
            break;
        }
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.extend(int_digits.iter().rev().map(|&b| b as char));
    if !frac_digits.is_empty() {
        out.push('.');
        out.extend(frac_digits.iter().map(|&d| DIGITS[d as usize] as char));
    }
    out
}

/// Math.round: halves round toward +Infinity; -0 and (-0.5, 0) give -0.
fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let r = x.floor();
    let out = if x - r >= 0.5 { r + 1.0 } else { r };
    if out == 0.0 && x < 0.0 {
        -0.0
    } else {
        out
    }
}

/// Number.prototype.toFixed: exact decimal expansion, ties away from zero.
fn to_fixed(x: f64, digits: f64) -> Result<String, Error> {
    if !(0.0..=100.0).contains(&digits) {
        return Err(Error::new(
            "RangeError",
            "toFixed() digits argument must be between 0 and 100",
        ));
    }
    if !x.is_finite() || x.abs() >= 1e21 {
        return Ok(prims::number_to_string(x));
    }
    let d = digits as usize;
    // Rust prints the exact binary value with enough digits; round it half up by hand.
    let exact = format!("{:.1100}", x.abs());
    let (int, frac) = exact
        .split_once('.')
        .expect("a fixed-point format has a point");
    let mut all: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().take(d))
        .map(|b| b - b'0')
        .collect();
    if frac.as_bytes().get(d).is_some_and(|&b| b >= b'5') {
        let mut i = all.len();
        loop {
            if i == 0 {
                all.insert(0, 1);
                break;
            }
            i -= 1;
            if all[i] == 9 {
                all[i] = 0;
            } else {
                all[i] += 1;
                break;
            }
        }
    }
    let int_len = all.len() - d;
    let digits: String = all.iter().map(|b| (b + b'0') as char).collect();
    let body = if d == 0 {
        digits
    } else {
        format!("{}.{}", &digits[..int_len], &digits[int_len..])
    };
    // The sign of any x < 0 stays, even when it rounds to zero: (-0.0001).toFixed(2) is
    // "-0.00" (ECMA-262 Number.prototype.toFixed, step "if x < 0"); -0 is not < 0.
    Ok(if x < 0.0 { format!("-{body}") } else { body })
}

fn json_stringify(heap: &mut Heap, v: &Value, indent: &Value) -> Result<Value, Error> {
    if matches!(v, Value::Undefined) || js::type_of(heap, v) == "function" {
        return Ok(Value::Undefined);
    }
    let compact = crate::json::to_json_text(heap, Dialect::Js, v)?;
    let gap = match indent {
        Value::Float(n) => " ".repeat(integer(*n).clamp(0.0, 10.0) as usize),
        Value::Str(s) => s.chars().take(10).collect(),
        _ => String::new(),
    };
    if gap.is_empty() {
        return Ok(Value::str(&compact));
    }
    let parsed: serde_json::Value = serde_json::from_str(&compact)
        .map_err(|e| Error::new("Error", format!("internal JSON error: {e}")))?;
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(gap.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(&parsed, &mut ser)
        .map_err(|e| Error::new("Error", format!("internal JSON error: {e}")))?;
    Ok(Value::str(&String::from_utf8_lossy(&out)))
}

fn object_parts(op: PrimOp, heap: &mut Heap, v: &Value) -> Result<Value, Error> {
    let pairs: Vec<(Value, Value)> = match v {
        Value::Undefined | Value::Null => {
            return Err(Error::new(
                "TypeError",
                "Cannot convert undefined or null to object",
            ));
        }
        Value::Str(s) => s
            .encode_utf16()
            .enumerate()
            .map(|(i, u)| {
                (
                    Value::str(&i.to_string()),
                    Value::str(&String::from_utf16_lossy(&[u])),
                )
            })
            .collect(),
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Array { items, .. }) => items
                .iter()
                .enumerate()
                .map(|(i, x)| (Value::str(&i.to_string()), x.clone()))
                .collect(),
            Some(HeapObj::Object { class: None, props }) => super::access::js_ordered(props)
                .into_iter()
                .map(|(k, kv, x)| {
                    let key = match k {
                        Key::Str(s) => Value::Str(s.clone()),
                        _ => Value::str(&js::key_string(kv)),
                    };
                    (key, x.clone())
                })
                .collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let items: Vec<Value> = match op {
        PrimOp::JsObjectKeys => pairs.into_iter().map(|(k, _)| k).collect(),
        PrimOp::JsObjectValues => pairs.into_iter().map(|(_, v)| v).collect(),
        _ => pairs
            .into_iter()
            .map(|(k, v)| new_array(heap, vec![k, v]))
            .collect(),
    };
    Ok(new_array(heap, items))
}
