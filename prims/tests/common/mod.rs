//! A minimal JSON reader for the oracle case files (the crate takes no
//! serde dependency) and helpers to decode the case encoding.
#![allow(dead_code)]

#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(kv) => kv.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn str(&self) -> &str {
        match self {
            Json::Str(s) => s,
            other => panic!("expected a string, got {other:?}"),
        }
    }
    pub fn arr(&self) -> &[Json] {
        match self {
            Json::Arr(a) => a,
            other => panic!("expected an array, got {other:?}"),
        }
    }
    pub fn opt_str(&self) -> Option<&str> {
        match self {
            Json::Null => None,
            other => Some(other.str()),
        }
    }
    /// A float encoded as `{"f": text}` (Python repr or JS String(x)).
    pub fn float(&self) -> f64 {
        let t = self
            .get("f")
            .unwrap_or_else(|| panic!("not a float: {self:?}"))
            .str();
        match t {
            "inf" | "Infinity" => f64::INFINITY,
            "-inf" | "-Infinity" => f64::NEG_INFINITY,
            "nan" | "NaN" => f64::NAN,
            _ => t.parse().unwrap_or_else(|_| panic!("bad float {t}")),
        }
    }
    pub fn opt_float(&self) -> Option<f64> {
        match self {
            Json::Null => None,
            other => Some(other.float()),
        }
    }
    /// An int encoded as `{"i": decimal}`.
    pub fn int_text(&self) -> &str {
        self.get("i")
            .unwrap_or_else(|| panic!("not an int: {self:?}"))
            .str()
    }
    pub fn bool(&self) -> bool {
        match self {
            Json::Bool(b) => *b,
            other => panic!("expected a bool, got {other:?}"),
        }
    }
}

/// Float equality that treats NaN as equal to NaN and -0 as distinct.
pub fn same_float(a: f64, b: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits()
}

pub fn parse(text: &str) -> Json {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value();
    p.ws();
    assert_eq!(p.i, p.s.len(), "trailing data in JSON");
    v
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, lit: &str) {
        assert!(
            self.s[self.i..].starts_with(lit.as_bytes()),
            "expected {lit} at {}",
            self.i
        );
        self.i += lit.len();
    }
    fn value(&mut self) -> Json {
        self.ws();
        match self.s[self.i] {
            b'n' => {
                self.eat("null");
                Json::Null
            }
            b't' => {
                self.eat("true");
                Json::Bool(true)
            }
            b'f' => {
                self.eat("false");
                Json::Bool(false)
            }
            b'"' => Json::Str(self.string()),
            b'[' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b']' {
                        self.i += 1;
                        return Json::Arr(out);
                    }
                    if !out.is_empty() {
                        self.eat(",");
                    }
                    out.push(self.value());
                }
            }
            b'{' => {
                self.i += 1;
                let mut out = Vec::new();
                loop {
                    self.ws();
                    if self.s[self.i] == b'}' {
                        self.i += 1;
                        return Json::Obj(out);
                    }
                    if !out.is_empty() {
                        self.eat(",");
                        self.ws();
                    }
                    let k = self.string();
                    self.ws();
                    self.eat(":");
                    let v = self.value();
                    out.push((k, v));
                }
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len() && b"+-.0123456789eE".contains(&self.s[self.i]) {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                Json::Num(t.parse().unwrap())
            }
        }
    }
    fn hex4(&mut self) -> u16 {
        let t = std::str::from_utf8(&self.s[self.i..self.i + 4]).unwrap();
        self.i += 4;
        u16::from_str_radix(t, 16).unwrap()
    }
    /// Decodes a string; lone surrogate escapes become U+FFFD, which is the
    /// documented deviation of `prims::js` for lone surrogates.
    fn string(&mut self) -> String {
        self.eat("\"");
        let mut units: Vec<u16> = Vec::new();
        let mut out = String::new();
        loop {
            let c = self.s[self.i];
            if c == b'\\' {
                self.i += 1;
                let e = self.s[self.i];
                self.i += 1;
                let simple = match e {
                    b'n' => Some('\n'),
                    b't' => Some('\t'),
                    b'r' => Some('\r'),
                    b'b' => Some('\u{8}'),
                    b'f' => Some('\u{c}'),
                    b'/' => Some('/'),
                    b'\\' => Some('\\'),
                    b'"' => Some('"'),
                    _ => None,
                };
                match simple {
                    Some(ch) => {
                        out.push_str(&String::from_utf16_lossy(&units));
                        units.clear();
                        out.push(ch);
                    }
                    None => units.push(self.hex4()),
                }
            } else {
                out.push_str(&String::from_utf16_lossy(&units));
                units.clear();
                if c == b'"' {
                    self.i += 1;
                    return out;
                }
                let len = match c {
                    0..=0x7f => 1,
                    0xc0..=0xdf => 2,
                    0xe0..=0xef => 3,
                    _ => 4,
                };
                out.push_str(std::str::from_utf8(&self.s[self.i..self.i + len]).unwrap());
                self.i += len;
            }
        }
    }
}
