//! Where each value of a JSON text is: byte ranges of the values of a text serde_json has
//! already accepted, so that diagnostics about an IR JSON file point into that file.

/// A JSON value's byte range and those of its items or members.
#[derive(Debug)]
pub(crate) struct Node {
    pub start: usize,
    pub end: usize,
    pub children: Children,
}

#[derive(Debug)]
pub(crate) enum Children {
    Scalar,
    Array(Vec<Node>),
    /// Members in order, keys unescaped; a repeated key appears twice (the last one counts,
    /// as in serde_json's `Value`).
    Object(Vec<(String, Node)>),
}

impl Node {
    pub fn member(&self, key: &str) -> Option<&Node> {
        match &self.children {
            Children::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|m| &m.1),
            _ => None,
        }
    }

    pub fn item(&self, i: usize) -> Option<&Node> {
        match &self.children {
            Children::Array(items) => items.get(i),
            _ => None,
        }
    }

    /// The node at a path as serde_path_to_error writes it (`body[1].items[0]`, `.` for the
    /// root).
    pub fn at_path(&self, path: &str) -> Option<&Node> {
        let mut node = self;
        let mut rest = path.trim_start_matches('.');
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let close = after.find(']')?;
                node = node.item(after[..close].parse().ok()?)?;
                rest = &after[close + 1..];
            } else {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                node = node.member(&rest[..end])?;
                rest = &rest[end..];
            }
            rest = rest.strip_prefix('.').unwrap_or(rest);
        }
        Some(node)
    }
}

/// The positions of a JSON text; `None` if it is not JSON after all.
pub(crate) fn scan(text: &str) -> Option<Node> {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let node = s.value(0)?;
    s.space();
    (s.pos == s.bytes.len()).then_some(node)
}

/// serde_json refuses deeper documents; so does this.
const MAX_DEPTH: usize = 128;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.space();
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.space();
        let start = self.pos;
        let children = match self.peek()? {
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                if self.eat(b']').is_none() {
                    loop {
                        items.push(self.value(depth + 1)?);
                        if self.eat(b',').is_none() {
                            self.eat(b']')?;
                            break;
                        }
                    }
                }
                Children::Array(items)
            }
            b'{' => {
                self.pos += 1;
                let mut members = Vec::new();
                if self.eat(b'}').is_none() {
                    loop {
                        self.space();
                        let key_start = self.pos;
                        self.string()?;
                        let key: String =
                            serde_json::from_str(&self.text[key_start..self.pos]).ok()?;
                        self.eat(b':')?;
                        members.push((key, self.value(depth + 1)?));
                        if self.eat(b',').is_none() {
                            self.eat(b'}')?;
                            break;
                        }
                    }
                }
                Children::Object(members)
            }
            b'"' => {
                self.string()?;
                Children::Scalar
            }
            _ => {
                // A number or a literal: up to the next delimiter.
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.pos += 1;
                }
                if self.pos == start {
                    return None;
                }
                Children::Scalar
            }
        };
        Some(Node {
            start,
            end: self.pos,
            children,
        })
    }

    /// At `"`: to just after the closing quote.
    fn string(&mut self) -> Option<()> {
        (self.peek() == Some(b'"')).then_some(())?;
        self.pos += 1;
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                b'\\' => self.pos += 2,
                _ => self.pos += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_lead_to_byte_ranges() {
        let text = r#"{"body": [1, {"kind": "x", "a\"b": [true]}], "body2": "s"}"#;
        let root = scan(text).expect("JSON");
        let at = |path: &str| root.at_path(path).map(|n| &text[n.start..n.end]);
        assert_eq!(at("."), Some(text));
        assert_eq!(at("body[0]"), Some("1"));
        assert_eq!(at("body[1]"), Some(r#"{"kind": "x", "a\"b": [true]}"#));
        assert_eq!(at("body[1].kind"), Some(r#""x""#));
        assert_eq!(
            root.at_path("body[1]")
                .and_then(|n| n.member("a\"b"))
                .map(|n| &text[n.start..n.end]),
            Some("[true]")
        );
        assert_eq!(at("body2"), Some(r#""s""#));
        assert_eq!(at("body[2]"), None);
        assert!(scan("[1,").is_none());
        assert!(scan("{\"a\" 1}").is_none());
    }
}
