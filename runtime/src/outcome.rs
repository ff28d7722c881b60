//! Outcomes of an invocation and the result record (design.md, "Observables").

use std::rc::Rc;
use tracelab_ir::Dialect;

/// Resource limits. Fuel is charged once per loop iteration and once per call, so every
/// run that does not end is cut off; memory counts bytes allocated in the invocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub fuel: u64,
    pub memory_bytes: usize,
    /// Function activations before the language's own error (RecursionError / RangeError).
    pub max_depth: u32,
}

impl Limits {
    /// Generous enough for real functions (a 20 000-iteration loop uses 2% of the fuel).
    pub fn default_for(dialect: Dialect) -> Limits {
        Limits {
            fuel: 1_000_000,
            memory_bytes: 256 << 20,
            // CPython's default recursion limit; Node's stack holds about 10 800 frames.
            max_depth: match dialect {
                Dialect::Py => 1000,
                Dialect::Js => 10_000,
            },
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    Fuel,
    Memory,
}

impl Limit {
    pub fn name(self) -> &'static str {
        match self {
            Limit::Fuel => "fuel",
            Limit::Memory => "memory",
        }
    }
}

/// How an invocation ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutcomeKind {
    /// The result, already written as the language writes JSON (`json.dumps` /
    /// `JSON.stringify`), so `5.0` and `5` stay apart.
    Ok(String),
    /// An uncaught error: its class name as the real runtime names it, and its message.
    Error {
        kind: String,
        message: String,
    },
    /// The trace does not know this path.
    Unknown,
    Limit(Limit),
}

/// An outcome with the lines the function printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub kind: OutcomeKind,
    pub log: Vec<String>,
}

impl Outcome {
    /// An outcome with the lines logged so far.
    pub fn new<'a>(kind: OutcomeKind, log: impl IntoIterator<Item = &'a Rc<str>>) -> Outcome {
        Outcome {
            kind,
            log: log.into_iter().map(|l| l.to_string()).collect(),
        }
    }

    /// The result record: one JSON object on one line.
    pub fn to_record(&self) -> String {
        let mut out = String::from("{");
        match &self.kind {
            OutcomeKind::Ok(text) => {
                out.push_str("\"ok\": ");
                out.push_str(text);
            }
            OutcomeKind::Error { kind, message } => {
                out.push_str(&format!(
                    "\"error\": {{\"kind\": {}, \"message\": {}}}",
                    quote(kind),
                    quote(message)
                ));
            }
            OutcomeKind::Unknown => out.push_str("\"unknown\": true"),
            OutcomeKind::Limit(limit) => {
                out.push_str(&format!("\"limit\": {}", quote(limit.name())))
            }
        }
        if !self.log.is_empty() {
            let lines: Vec<String> = self.log.iter().map(|l| quote(l)).collect();
            out.push_str(&format!(", \"log\": [{}]", lines.join(", ")));
        }
        out.push('}');
        out
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings always serialize")
}

/// Two result records agree when they are the same JSON value with the same number literals:
/// `5.0` and `5` differ, and so do two big integers that would round to one float.
pub fn records_agree(a: &str, b: &str) -> bool {
    match (
        serde_json::from_str::<serde_json::Value>(a),
        serde_json::from_str::<serde_json::Value>(b),
    ) {
        (Ok(x), Ok(y)) => x == y && number_literals(a) == number_literals(b),
        _ => a == b,
    }
}

/// The number literals of a JSON text, in order (strings skipped).
fn number_literals(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let (mut out, mut i) = (Vec::new(), 0);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < bytes.len()
                    && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                out.push(&text[start..i]);
            }
            _ => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::records_agree;

    #[test]
    fn records_agree_only_on_the_same_json() {
        assert!(records_agree(
            r#"{"ok": {"a": 1, "b": [2.5]}}"#,
            r#"{"ok":{"a":1,"b":[2.5]}}"#
        ));
        assert!(!records_agree(r#"{"ok": 5.0}"#, r#"{"ok": 5}"#));
        assert!(!records_agree(
            r#"{"ok": 123456789012345678901234567890}"#,
            r#"{"ok": 123456789012345678901234567891}"#
        ));
        assert!(!records_agree(
            r#"{"ok": "x"}"#,
            r#"{"ok": "x", "log": ["1"]}"#
        ));
        assert!(records_agree(r#"{"ok": "a\"1"}"#, r#"{"ok":"a\"1"}"#));
    }
}
