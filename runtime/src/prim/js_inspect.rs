//! `util.format` and `util.inspect` of Node 20 with the default options (depth 2,
//! `compact: 3`, `breakLength: 80`, `maxArrayLength: 100`): the line `console.log` prints.
//! The layout rules (one line when short, grouping of long arrays of short items into
//! aligned columns, `[Object]` past depth 2, `<ref *1>` … `[Circular *1]`) follow
//! `lib/internal/util/inspect.js`.
//!
//! Deviations: error objects print as `Name: message` (Node prints their stack, which
//! names files and lines); string width is counted in UTF-16 units (Node counts East Asian
//! wide characters twice when grouping arrays); long strings are never split over lines.

use super::js;
use crate::value::{Heap, HeapObj, Key, Loc, Value};

const DEPTH: usize = 2;
const COMPACT: usize = 3;
const BREAK_LENGTH: usize = 80;
const MAX_ARRAY_LENGTH: usize = 100;

/// `util.format(...args)`.
pub fn format(heap: &Heap, args: &[Value]) -> String {
    let mut out = String::new();
    let mut rest = args;
    if let Some(Value::Str(f)) = args.first() {
        rest = &args[1..];
        let mut chars = f.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let Some(&d) = chars.peek() else {
                out.push('%');
                break;
            };
            if d == '%' {
                chars.next();
                out.push('%');
                continue;
            }
            if !"sdifjoOc".contains(d) || rest.is_empty() {
                out.push('%');
                continue;
            }
            chars.next();
            let arg = &rest[0];
            rest = &rest[1..];
            match d {
                's' => match arg {
                    Value::Str(s) => out.push_str(s),
                    Value::Float(_) | Value::Int(_) => {
                        out.push_str(&number(js::to_number(heap, arg)))
                    }
                    Value::Ref(_) if js::type_of(heap, arg) != "function" => {
                        out.push_str(&inspect_depth(heap, arg, 0))
                    }
                    _ => out.push_str(&js::to_string(heap, arg)),
                },
                'd' | 'i' | 'f' => {
                    let x = match arg {
                        Value::Ref(_) => f64::NAN,
                        _ => js::to_number(heap, arg),
                    };
                    let x = match d {
                        'i' => tracelab_prims::js::parse_int(&js::to_string(heap, arg), None),
                        'f' => tracelab_prims::js::parse_float(&js::to_string(heap, arg)),
                        _ => x,
                    };
                    out.push_str(&number(x));
                }
                'j' => match crate::json::to_json_text(heap, tracelab_ir::Dialect::Js, arg) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str("[Circular]"),
                },
                // `%o` is inspect with `showHidden` (arrays show `[length]`) and depth 4.
                'o' => {
                    let mut ctx = Ctx::new(heap, 4);
                    ctx.show_hidden = true;
                    out.push_str(&ctx.value(arg, 0));
                }
                'O' => out.push_str(&inspect(heap, arg)),
                _ => {} // %c: CSS, ignored by Node outside browsers
            }
        }
    }
    for (i, v) in rest.iter().enumerate() {
        if i > 0 || args.first().is_some_and(|f| matches!(f, Value::Str(_))) {
            out.push(' ');
        }
        match v {
            Value::Str(s) => out.push_str(s),
            other => out.push_str(&inspect(heap, other)),
        }
    }
    out
}

/// `util.inspect(v)`.
pub fn inspect(heap: &Heap, v: &Value) -> String {
    inspect_depth(heap, v, DEPTH)
}

fn inspect_depth(heap: &Heap, v: &Value, depth: usize) -> String {
    Ctx::new(heap, depth).value(v, 0)
}

fn number(x: f64) -> String {
    if x == 0.0 && x.is_sign_negative() {
        "-0".into()
    } else {
        tracelab_prims::js::number_to_string(x)
    }
}

fn width(s: &str) -> usize {
    s.encode_utf16().count()
}

struct Ctx<'h> {
    heap: &'h Heap,
    depth: usize,
    seen: Vec<Loc>,
    /// Objects found to be circular, numbered in order of discovery.
    circular: Vec<Loc>,
    indentation: usize,
    current_depth: usize,
    show_hidden: bool,
}

#[derive(PartialEq)]
enum Extras {
    Object,
    Array,
}

impl<'h> Ctx<'h> {
    fn new(heap: &'h Heap, depth: usize) -> Ctx<'h> {
        Ctx {
            heap,
            depth,
            seen: Vec::new(),
            circular: Vec::new(),
            indentation: 0,
            current_depth: 0,
            show_hidden: false,
        }
    }

    fn value(&mut self, v: &Value, recurse: usize) -> String {
        match v {
            Value::Undefined => "undefined".into(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Int(_) | Value::Float(_) => number(js::to_number(self.heap, v)),
            Value::Str(s) => quote(s),
            Value::Ref(loc) => self.object(*loc, recurse),
        }
    }

    fn object(&mut self, loc: Loc, recurse: usize) -> String {
        if self.seen.contains(&loc) {
            let n = match self.circular.iter().position(|&l| l == loc) {
                Some(i) => i + 1,
                None => {
                    self.circular.push(loc);
                    self.circular.len()
                }
            };
            return format!("[Circular *{n}]");
        }
        let heap = self.heap;
        let (output, braces, extras, items) = match heap.get(loc) {
            Some(HeapObj::Closure { func, .. }) => {
                let name = func.split('%').next().unwrap_or("");
                return if name.is_empty() || name == "anonymous" {
                    "[Function (anonymous)]".into()
                } else {
                    format!("[Function: {name}]")
                };
            }
            Some(HeapObj::Object {
                class: Some(class),
                props,
            }) => {
                let message = match props.get(&Key::Str("message".into())) {
                    Some(Value::Str(m)) if !m.is_empty() => format!("{class}: {m}"),
                    _ => class.to_string(),
                };
                return message;
            }
            Some(HeapObj::Array { items, .. }) => {
                if items.is_empty() {
                    return "[]".into();
                }
                if recurse > self.depth {
                    return "[Array]".into();
                }
                self.enter(loc, recurse);
                let mut output: Vec<String> = Vec::new();
                for item in items.iter().take(MAX_ARRAY_LENGTH) {
                    self.indentation += 2;
                    output.push(self.value(item, recurse + 1));
                    self.indentation -= 2;
                }
                if items.len() > MAX_ARRAY_LENGTH {
                    let more = items.len() - MAX_ARRAY_LENGTH;
                    output.push(format!(
                        "... {more} more item{}",
                        if more > 1 { "s" } else { "" }
                    ));
                }
                if self.show_hidden {
                    output.push(format!("[length]: {}", items.len()));
                }
                (output, ("[", "]"), Extras::Array, Some(items.clone()))
            }
            Some(HeapObj::Object { class: None, props }) => {
                if props.is_empty() {
                    return "{}".into();
                }
                if recurse > self.depth {
                    return "[Object]".into();
                }
                self.enter(loc, recurse);
                let mut output = Vec::new();
                for (k, kv, v) in super::access::js_ordered(props) {
                    let key = match k {
                        Key::Str(s) => s.to_string(),
                        _ => js::key_string(kv),
                    };
                    self.indentation += 2;
                    let value = self.value(v, recurse + 1);
                    self.indentation -= 2;
                    output.push(format!("{}: {value}", key_text(&key)));
                }
                (output, ("{", "}"), Extras::Object, None)
            }
            Some(HeapObj::Cell(_)) | None => return "undefined".into(),
        };
        self.seen.pop();
        let mut res = self.reduce(output, braces, extras, recurse + 1, items.as_deref());
        if let Some(i) = self.circular.iter().position(|&l| l == loc) {
            res = format!("<ref *{}> {res}", i + 1);
        }
        res
    }

    fn enter(&mut self, loc: Loc, recurse: usize) {
        self.seen.push(loc);
        self.current_depth = recurse + 1;
    }

    fn reduce(
        &self,
        mut output: Vec<String>,
        braces: (&str, &str),
        extras: Extras,
        recurse: usize,
        items: Option<&[Value]>,
    ) -> String {
        let entries = output.len();
        if extras == Extras::Array && entries > 6 {
            output = self.group(output, items);
        }
        if self.current_depth - recurse < COMPACT && entries == output.len() {
            let start = output.len() + self.indentation + braces.0.len() + 10;
            if self.below_break_length(&output, start) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    return format!("{} {joined} {}", braces.0, braces.1);
                }
            }
        }
        let indentation = format!("\n{}", " ".repeat(self.indentation));
        format!(
            "{}{indentation}  {}{indentation}{}",
            braces.0,
            output.join(&format!(",{indentation}  ")),
            braces.1
        )
    }

    fn below_break_length(&self, output: &[String], start: usize) -> bool {
        let mut total = output.len() + start;
        if total + output.len() > BREAK_LENGTH {
            return false;
        }
        for o in output {
            total += width(o);
            if total > BREAK_LENGTH {
                return false;
            }
        }
        true
    }

    /// `groupArrayElements`: lays out many short entries in aligned columns.
    fn group(&self, output: Vec<String>, items: Option<&[Value]>) -> Vec<String> {
        let mut total = 0;
        let mut max_len = 0;
        let separator = 2;
        let out_len = if output.len() > MAX_ARRAY_LENGTH {
            output.len() - 1
        } else {
            output.len()
        };
        let data: Vec<usize> = output.iter().take(out_len).map(|o| width(o)).collect();
        for &len in &data {
            total += len + separator;
            max_len = max_len.max(len);
        }
        let actual_max = max_len + separator;
        if actual_max * 3 + self.indentation < BREAK_LENGTH
            && (total as f64 / actual_max as f64 > 5.0 || max_len <= 6)
        {
            let average_bias = (actual_max as f64 - total as f64 / output.len() as f64).sqrt();
            let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
            let columns = ((2.5 * biased_max * out_len as f64).sqrt() / biased_max)
                .round()
                .min(((BREAK_LENGTH - self.indentation) / actual_max) as f64)
                .min((COMPACT * 4) as f64)
                .min(15.0) as usize;
            if columns <= 1 {
                return output;
            }
            let mut max_line = Vec::new();
            for i in 0..columns {
                let mut line = 0;
                let mut j = i;
                while j < output.len() {
                    if let Some(&d) = data.get(j) {
                        line = line.max(d);
                    }
                    j += columns;
                }
                max_line.push(line + separator);
            }
            let numbers = items.is_some_and(|items| {
                (0..output.len())
                    .all(|i| matches!(items.get(i), Some(Value::Float(_) | Value::Int(_))))
            });
            let mut tmp = Vec::new();
            let mut i = 0;
            while i < out_len {
                let max = (i + columns).min(out_len);
                let mut line = String::new();
                let mut j = i;
                while j + 1 < max {
                    let cell = format!("{}, ", output[j]);
                    line.push_str(&pad(&cell, max_line[j - i], numbers));
                    j += 1;
                }
                if numbers {
                    line.push_str(&pad(&output[j], max_line[j - i] - separator, true));
                } else {
                    line.push_str(&output[j]);
                }
                tmp.push(line);
                i += columns;
            }
            if output.len() > out_len {
                tmp.push(output[out_len].clone());
            }
            return tmp;
        }
        output
    }
}

fn pad(s: &str, to: usize, start: bool) -> String {
    let n = to.saturating_sub(width(s));
    if start {
        format!("{}{s}", " ".repeat(n))
    } else {
        format!("{s}{}", " ".repeat(n))
    }
}

fn key_text(key: &str) -> String {
    let mut chars = key.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ident {
        key.to_string()
    } else {
        quote(key)
    }
}

/// `strEscape`: single quotes unless the string contains them; escapes control characters.
fn quote(s: &str) -> String {
    let q = if !s.contains('\'') {
        '\''
    } else if !s.contains('"') {
        '"'
    } else if !s.contains('`') && !s.contains("${") {
        '`'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\u{b}' => out.push_str("\\x0B"),
            '\\' => out.push_str("\\\\"),
            '\'' if q == '\'' => out.push_str("\\'"),
            c if (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
