//! Reading JSON as CPython's `json.loads` and V8's `JSON.parse` read it.
//!
//! serde_json, like most JSON libraries, reads an integer beyond 64 bits as a float; Python
//! reads it as an `int` (JSON integers are arbitrary precision there) and JavaScript as the
//! double nearest to it. So inputs and world files are read here, keeping each number's
//! literal, and each dialect turns the literal into a value as its language does
//! ([`super::from_json`]): both engines, the machine and generated code, read their inputs
//! through this module. Pure and panic-free on any text.

use indexmap::IndexMap;
use std::fmt;

/// A JSON document with its numbers as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(Number),
    Str(String),
    Array(Vec<Json>),
    /// Members in the order of first appearance; a repeated key keeps its last value, as a
    /// Python dict and a JavaScript object built by `JSON.parse` do.
    Object(IndexMap<String, Json>),
}

/// A number's literal (`-12`, `1.5e3`, `123456789012345678901234567890`), which matches
/// JSON's number grammar: only [`Json::parse`] and the conversion from serde_json make one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Number(Box<str>);

impl Number {
    pub fn literal(&self) -> &str {
        &self.0
    }

    /// Whether the literal is an integer (no fraction, no exponent): Python reads it as an
    /// `int`, anything else as a `float`.
    pub fn is_integer(&self) -> bool {
        let digits = self.0.strip_prefix('-').unwrap_or(&self.0);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    }

    /// The double nearest to the literal, as `JSON.parse` and Python's `float` read it
    /// (`1e400` is infinity, `-0` is negative zero).
    pub fn to_f64(&self) -> f64 {
        // Rust's parser rounds correctly and accepts every JSON number literal.
        self.0.parse().unwrap_or(f64::NAN)
    }
}

/// Why a text is not a JSON document, or not the document expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub message: String,
    /// The byte offset of the problem in the text, when the text is not JSON at all (a
    /// document of the wrong shape names its JSON path in the message instead).
    pub offset: Option<usize>,
}

impl JsonError {
    pub fn shape(message: impl Into<String>) -> JsonError {
        JsonError {
            message: message.into(),
            offset: None,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(at) => write!(f, "{} at byte {at}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Deeper documents are refused (as serde_json refuses them), so that reading, converting
/// and writing a document stay well within a thread's stack.
pub const MAX_DEPTH: usize = 128;

impl Json {
    /// Reads a JSON text (RFC 8259: no `NaN`, no trailing commas, no comments).
    pub fn parse(text: &str) -> Result<Json, JsonError> {
        Json::read(text, false)
    }

    /// Reads a JSON text as Python's `json.loads` does by default: also the `NaN`,
    /// `Infinity` and `-Infinity` that `json.dumps` writes (result records of Python).
    pub fn parse_with_non_finite(text: &str) -> Result<Json, JsonError> {
        Json::read(text, true)
    }

    fn read(text: &str, non_finite: bool) -> Result<Json, JsonError> {
        let mut r = Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
            non_finite,
        };
        let value = r.value()?;
        r.skip_space();
        if r.pos < r.bytes.len() {
            return Err(r.error("trailing characters after the JSON value"));
        }
        Ok(value)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// What kind of JSON value this is, for messages ("not an array").
    pub fn kind_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A serde_json value, whose numbers are already what serde_json made of them (an integer
/// beyond 64 bits is a float there): for callers that build inputs as serde_json values.
impl From<&serde_json::Value> for Json {
    fn from(value: &serde_json::Value) -> Json {
        use serde_json::Value as V;
        match value {
            V::Null => Json::Null,
            V::Bool(b) => Json::Bool(*b),
            // serde_json writes an integer as one and a float with a `.` or an exponent.
            V::Number(n) => Json::Number(Number(n.to_string().into())),
            V::String(s) => Json::Str(s.clone()),
            V::Array(items) => Json::Array(items.iter().map(Json::from).collect()),
            V::Object(members) => Json::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), Json::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<serde_json::Value> for Json {
    fn from(value: serde_json::Value) -> Json {
        Json::from(&value)
    }
}

/// Compact JSON, numbers as written (what the engines read back is what they were given).
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(n) => f.write_str(n.literal()),
            Json::Str(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Json::Object(members) => {
                f.write_str("{")?;
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write_string(f, key)?;
                    write!(f, ":{value}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// A JSON string, escaped as serde_json escapes it.
fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_str("\"")?;
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let escape = match c {
            '"' => "\\\"".to_string(),
            '\\' => "\\\\".to_string(),
            '\n' => "\\n".to_string(),
            '\r' => "\\r".to_string(),
            '\t' => "\\t".to_string(),
            '\u{8}' => "\\b".to_string(),
            '\u{c}' => "\\f".to_string(),
            c if u32::from(c) < 0x20 => format!("\\u{:04x}", u32::from(c)),
            _ => continue,
        };
        f.write_str(&s[plain..i])?;
        f.write_str(&escape)?;
        plain = i + c.len_utf8();
    }
    f.write_str(&s[plain..])?;
    f.write_str("\"")
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
    /// Whether `NaN`, `Infinity` and `-Infinity` are numbers.
    non_finite: bool,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> JsonError {
        self.error_at(message, self.pos)
    }

    fn error_at(&self, message: &str, at: usize) -> JsonError {
        JsonError {
            message: message.to_string(),
            offset: Some(at.min(self.bytes.len())),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Json, JsonError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.error("the text ends where a JSON value was expected")),
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::Str),
            Some(b'-' | b'0'..=b'9' | b'N' | b'I') => self.number(),
            Some(b'[') => self.nested(Reader::array),
            Some(b'{') => self.nested(Reader::object),
            Some(_) => Err(self.error("expected a JSON value")),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<Json, JsonError>,
    ) -> Result<Json, JsonError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "the document nests deeper than {MAX_DEPTH} arrays and objects"
            )));
        }
        self.depth += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// After `[`.
    fn array(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                None => return Err(self.error("the text ends inside an array")),
                _ => return Err(self.error("expected `,` or `]` after an array item")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Json, JsonError> {
        self.pos += 1;
        let mut members = IndexMap::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Json::Object(members));
        }
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("the text ends inside an object")),
                Some(_) => return Err(self.error("expected a string key")),
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after an object key"));
            }
            self.pos += 1;
            let value = self.value()?;
            members.insert(key, value);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(members));
                }
                None => return Err(self.error("the text ends inside an object")),
                _ => return Err(self.error("expected `,` or `}` after an object member")),
            }
        }
    }

    /// At `"`. Plain runs are copied whole: they end at ASCII bytes only (`"`, `\`, control
    /// characters), never inside a UTF-8 sequence.
    fn string(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut plain = self.pos;
        loop {
            match self.peek() {
                None => return Err(self.error_at("unterminated string", start)),
                Some(b'"') => {
                    out.push_str(&self.text[plain..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[plain..self.pos]);
                    self.escape(&mut out)?;
                    plain = self.pos;
                }
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character in a string (write it escaped)"))
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// At `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4(at)?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let low_at = self.pos;
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(self.lone_surrogate(at));
                        }
                        self.pos += 2;
                        let low = self.hex4(low_at)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.lone_surrogate(at));
                        }
                        0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => return Err(self.lone_surrogate(at)),
                    _ => u32::from(unit),
                };
                out.push(char::from_u32(code).ok_or_else(|| self.lone_surrogate(at))?);
                return Ok(());
            }
            _ => return Err(self.error_at("invalid escape in a string", at)),
        };
        self.pos += 1;
        out.push(c);
        Ok(())
    }

    fn lone_surrogate(&self, at: usize) -> JsonError {
        self.error_at(
            "a lone surrogate `\\uD800`–`\\uDFFF` (tracelab strings are Unicode text)",
            at,
        )
    }

    fn hex4(&mut self, escape_at: usize) -> Result<u16, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| self.error_at("`\\u` takes four hexadecimal digits", escape_at))?;
        self.pos += 4;
        u16::from_str_radix(digits, 16)
            .map_err(|_| self.error_at("`\\u` takes four hexadecimal digits", escape_at))
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, and with `non_finite`
    /// also `NaN`, `Infinity`, `-Infinity`.
    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.pos;
        if self.non_finite {
            for word in ["NaN", "Infinity", "-Infinity"] {
                if self.bytes[start..].starts_with(word.as_bytes()) {
                    self.pos += word.len();
                    return Ok(Json::Number(Number(word.into())));
                }
            }
        }
        if matches!(self.peek(), Some(b'N' | b'I')) {
            return Err(self.error("expected a JSON value"));
        }
        let digits = |r: &mut Self| {
            let from = r.pos;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.pos += 1;
            }
            r.pos > from
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error_at("a number with a leading zero", start));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            _ => return Err(self.error_at("invalid number", start)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !digits(self) {
                return Err(self.error_at("invalid number: no digits after `.`", start));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !digits(self) {
                return Err(self.error_at("invalid number: no digits in the exponent", start));
            }
        }
        Ok(Json::Number(Number(self.text[start..self.pos].into())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_literal() {
        let doc = Json::parse(" [123456789012345678901234567890, -0, 1.5e3, 1E400] ").unwrap();
        assert_eq!(
            doc.to_string(),
            "[123456789012345678901234567890,-0,1.5e3,1E400]"
        );
        let Json::Array(items) = doc else {
            panic!("an array")
        };
        let numbers: Vec<&Number> = items
            .iter()
            .map(|j| match j {
                Json::Number(n) => n,
                other => panic!("{other:?}"),
            })
            .collect();
        assert!(numbers[0].is_integer() && numbers[1].is_integer());
        assert!(!numbers[2].is_integer() && !numbers[3].is_integer());
        assert_eq!(numbers[0].to_f64(), 1.2345678901234568e29);
        assert!(numbers[1].to_f64().is_sign_negative());
        assert_eq!(numbers[3].to_f64(), f64::INFINITY);
    }

    #[test]
    fn python_writes_non_finite_numbers() {
        let text = "[NaN, Infinity, -Infinity, 1]";
        assert!(Json::parse(text).is_err());
        let doc = Json::parse_with_non_finite(text).expect("Python's JSON");
        assert_eq!(doc.to_string(), "[NaN,Infinity,-Infinity,1]");
        let Json::Array(items) = doc else {
            panic!("an array")
        };
        let n = |i: usize| match &items[i] {
            Json::Number(n) => n.clone(),
            other => panic!("{other:?}"),
        };
        assert!(n(0).to_f64().is_nan() && !n(0).is_integer());
        assert_eq!(n(1).to_f64(), f64::INFINITY);
        assert_eq!(n(2).to_f64(), f64::NEG_INFINITY);
        assert!(n(3).is_integer() && !n(2).is_integer());
        assert!(Json::parse_with_non_finite("Inf").is_err());
        assert!(Json::parse_with_non_finite("-NaN").is_err());
    }

    #[test]
    fn strings_objects_and_escapes() {
        let doc =
            Json::parse(r#"{"a": "x\"\\\/\n\u00e9\ud83d\ude00é", "b": [], "a": {}}"#).unwrap();
        assert_eq!(doc.get("a"), Some(&Json::Object(IndexMap::new())));
        assert_eq!(doc.to_string(), r#"{"a":{},"b":[]}"#);
        let s = Json::parse(r#""x\"\\\/\n\u00e9\ud83d\ude00é\u0001""#).unwrap();
        assert_eq!(s.as_str(), Some("x\"\\/\né😀é\u{1}"));
        assert_eq!(s.to_string(), r#""x\"\\/\né😀é\u0001""#);
    }

    /// Every text serde_json refuses is refused, at the offset of the problem.
    #[test]
    fn errors_name_the_offset() {
        let cases: [(&str, usize); 16] = [
            ("", 0),
            ("[1,]", 3),
            ("[1 2]", 3),
            ("{\"a\" 1}", 5),
            ("{a: 1}", 1),
            ("01", 0),
            ("1.", 0),
            ("1e", 0),
            ("-", 0),
            ("\"abc", 0),
            ("\"\\x\"", 1),
            ("\"\\ud800\"", 1),
            ("\"\\udc00x\"", 1),
            ("\"a\nb\"", 2),
            ("NaN", 0),
            ("[] []", 3),
        ];
        for (text, at) in cases {
            let e = Json::parse(text).expect_err(text);
            assert_eq!(e.offset, Some(at), "{text}: {e}");
            assert!(
                serde_json::from_str::<serde_json::Value>(text).is_err(),
                "{text}"
            );
        }
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(Json::parse(&deep).is_err());
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(Json::parse(&ok).is_ok());
    }

    #[test]
    fn serde_values_convert_with_their_numbers() {
        let v = serde_json::json!({"i": 5, "f": 5.0, "big": 1e300, "n": null, "s": "é"});
        let j = Json::from(&v);
        assert_eq!(
            j.to_string(),
            r#"{"i":5,"f":5.0,"big":1e+300,"n":null,"s":"é"}"#
        );
        assert_eq!(Json::parse(&j.to_string()), Ok(j));
    }
}
