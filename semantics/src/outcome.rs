//! Outcomes of an invocation and the result record (design.md, "Observables").

use crate::machine::Config;

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
    pub fn new(kind: OutcomeKind, cfg: &Config<'_>) -> Outcome {
        Outcome {
            kind,
            log: cfg.host.log.iter().map(|l| l.to_string()).collect(),
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
