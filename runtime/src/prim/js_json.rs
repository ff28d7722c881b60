//! `JSON.parse` with V8's error messages (Node 20), positions counted in UTF-16 units.

use super::errors::Error;
use crate::value::{Heap, HeapObj, Key, Props, Value};
use std::rc::Rc;

/// Parses JSON text to a value, or the SyntaxError Node raises.
pub fn parse(heap: &mut Heap, source: &str) -> Result<Value, Error> {
    let units: Vec<u16> = source.encode_utf16().collect();
    let mut p = Parser {
        src: &units,
        pos: 0,
        heap,
    };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.pos < units.len() {
        let message = format!(
            "Unexpected non-whitespace character after JSON at position {}",
            p.pos
        );
        return Err(syntax(message));
    }
    Ok(v)
}

/// Deeper nesting is refused (V8 would overflow its stack much later).
const MAX_DEPTH: usize = 1000;

struct Parser<'a> {
    src: &'a [u16],
    pos: usize,
    heap: &'a mut Heap,
}

fn syntax(message: String) -> Error {
    Error::new("SyntaxError", message)
}

impl Parser<'_> {
    fn peek(&self) -> Option<u16> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(0x20 | 0x09 | 0x0a | 0x0d)) {
            self.pos += 1;
        }
    }

    fn at(&self, what: &str) -> Error {
        syntax(format!("{what} in JSON at position {}", self.pos))
    }

    /// The error for an unexpected character (or the end of the input) where a token began.
    fn unexpected(&self) -> Error {
        let Some(&u) = self.src.get(self.pos) else {
            return syntax("Unexpected end of JSON input".into());
        };
        let text = String::from_utf16_lossy(self.src);
        if matches!(
            text.as_str(),
            "undefined" | "NaN" | "Infinity" | "[object Object]"
        ) {
            return syntax(format!("\"{text}\" is not valid JSON"));
        }
        if matches!(u, 0x30..=0x39) {
            return self.at("Unexpected number");
        }
        if u == 0x22 {
            return self.at("Unexpected string");
        }
        let token = String::from_utf16_lossy(&[u]);
        if self.src.len() <= 20 {
            return syntax(format!(
                "Unexpected token '{token}', \"{text}\" is not valid JSON"
            ));
        }
        let start = self.pos.saturating_sub(10);
        let end = (self.pos + 10).min(self.src.len());
        let context = String::from_utf16_lossy(&self.src[start..end]);
        let before = if start > 0 { "..." } else { "" };
        let after = if end < self.src.len() { "..." } else { "" };
        syntax(format!(
            "Unexpected token '{token}', {before}\"{context}\"{after} is not valid JSON"
        ))
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, Error> {
        for w in word.encode_utf16() {
            if self.peek() != Some(w) {
                return Err(self.unexpected());
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        if depth > MAX_DEPTH {
            return Err(Error::new("RangeError", "Maximum call stack size exceeded"));
        }
        match self.peek() {
            Some(0x7b) => self.object(depth),
            Some(0x5b) => self.array(depth),
            Some(0x22) => self.string().map(|s| Value::str(&s)),
            Some(0x74) => self.literal("true", Value::Bool(true)),
            Some(0x66) => self.literal("false", Value::Bool(false)),
            Some(0x6e) => self.literal("null", Value::Null),
            Some(0x2d | 0x30..=0x39) => self.number(),
            _ => Err(self.unexpected()),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(0x30..=0x39)) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, Error> {
        let start = self.pos;
        if self.peek() == Some(0x2d) {
            self.pos += 1;
            if !matches!(self.peek(), Some(0x30..=0x39)) {
                return Err(self.at("No number after minus sign"));
            }
        }
        if self.peek() == Some(0x30) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x30..=0x39)) {
                return Err(self.at("Unexpected number"));
            }
        } else {
            self.digits();
        }
        if self.peek() == Some(0x2e) {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.at("Unterminated fractional number"));
            }
        }
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.pos += 1;
            if matches!(self.peek(), Some(0x2b | 0x2d)) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.at("Exponent part is missing a number"));
            }
        }
        let text = String::from_utf16_lossy(&self.src[start..self.pos]);
        Ok(Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)))
    }

    fn string(&mut self) -> Result<String, Error> {
        self.pos += 1; // the opening quote
        let mut out: Vec<u16> = Vec::new();
        loop {
            let Some(u) = self.peek() else {
                return Err(self.at("Unterminated string"));
            };
            match u {
                0x22 => {
                    self.pos += 1;
                    return Ok(String::from_utf16_lossy(&out));
                }
                0x5c => {
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(syntax("Unexpected end of JSON input".into()));
                    };
                    let simple = match e {
                        0x22 => Some(0x22),
                        0x5c => Some(0x5c),
                        0x2f => Some(0x2f),
                        0x62 => Some(0x08),
                        0x66 => Some(0x0c),
                        0x6e => Some(0x0a),
                        0x72 => Some(0x0d),
                        0x74 => Some(0x09),
                        _ => None,
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        self.pos += 1;
                    } else if e == 0x75 {
                        self.pos += 1;
                        let mut code = 0u16;
                        for _ in 0..4 {
                            let digit = self
                                .peek()
                                .and_then(|h| char::from_u32(u32::from(h)))
                                .and_then(|c| c.to_digit(16));
                            match digit {
                                Some(d) => code = code * 16 + d as u16,
                                None if self.peek().is_none() => {
                                    return Err(syntax("Unexpected end of JSON input".into()))
                                }
                                None => return Err(self.at("Bad Unicode escape")),
                            }
                            self.pos += 1;
                        }
                        out.push(code);
                    } else {
                        return Err(self.at("Bad escaped character"));
                    }
                }
                u if u < 0x20 => return Err(self.at("Bad control character in string literal")),
                u => {
                    out.push(u);
                    self.pos += 1;
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(0x5d) {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                items.push(self.value(depth + 1)?);
                self.skip_ws();
                match self.peek() {
                    Some(0x2c) => self.pos += 1,
                    Some(0x5d) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.at("Expected ',' or ']' after array element")),
                }
            }
        }
        Ok(Value::Ref(self.heap.alloc(HeapObj::Array {
            items,
            tuple: false,
        })))
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        let mut props = Props::default();
        self.skip_ws();
        if self.peek() == Some(0x7d) {
            self.pos += 1;
        } else {
            let mut first = true;
            loop {
                self.skip_ws();
                if self.peek() != Some(0x22) {
                    let what = if first {
                        "Expected property name or '}'"
                    } else {
                        "Expected double-quoted property name"
                    };
                    return Err(self.at(what));
                }
                first = false;
                let key = self.string()?;
                self.skip_ws();
                if self.peek() != Some(0x3a) {
                    return Err(self.at("Expected ':' after property name"));
                }
                self.pos += 1;
                self.skip_ws();
                let v = self.value(depth + 1)?;
                let k: Rc<str> = Rc::from(key.as_str());
                props.insert(Key::Str(k.clone()), Value::Str(k), v);
                self.skip_ws();
                match self.peek() {
                    Some(0x2c) => self.pos += 1,
                    Some(0x7d) => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.at("Expected ',' or '}' after property value")),
                }
            }
        }
        Ok(Value::Ref(
            self.heap.alloc(HeapObj::Object { class: None, props }),
        ))
    }
}
