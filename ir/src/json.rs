//! The JSON form of the IR: serde helpers for literals JSON cannot carry directly, and
//! reading with errors that name the JSON path of the offending node.

mod positions;

use crate::ast::{Expr, LValue, Program};
use std::ops::Range;

/// An ill-formed IR document: what was wrong and where (`body[2].value.kind`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub path: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    /// The byte range of the offending node, when the text is JSON but not IR (a text
    /// that is not JSON at all has only the line and column where reading stopped).
    pub span: Option<Range<usize>>,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "at `{}` (line {}, column {}): {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Reads a program from IR JSON.
pub fn program_from_json(text: &str) -> Result<Program, JsonError> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let mut error = JsonError {
            path,
            message: strip_position(&inner.to_string()),
            line: inner.line(),
            column: inner.column(),
            span: None,
        };
        refine(text, &mut error);
        error.span = positions::scan(text)
            .and_then(|root| root.at_path(&error.path).map(|n| n.start..n.end));
        error
    })
}

/// Reads a program from an IR JSON *file*: as [`program_from_json`], but every expression's
/// and function's span becomes the byte range of its object in this text, since spans are
/// offsets into the file a node came from. (A document written by `tracelab trace --format
/// json` carries the spans of the source it was traced from, which would point at the wrong
/// places of the `.json` file.)
pub fn program_from_json_file(text: &str) -> Result<Program, JsonError> {
    let program = program_from_json(text)?;
    let (Ok(mut value), Some(root)) = (
        serde_json::from_str::<serde_json::Value>(text),
        positions::scan(text),
    ) else {
        return Ok(program);
    };
    place(&mut value, &root, None);
    // The same document with a `span` on nodes that have one: it reads as before.
    Ok(serde_json::from_value(value).unwrap_or(program))
}

/// Sets the `span` of every expression (an object with a `kind`, except an assignment
/// target) and every function (an item of the top-level `functions`) to its byte range.
fn place(value: &mut serde_json::Value, node: &positions::Node, key: Option<&str>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let is_expr = map.contains_key("kind") && key != Some("target");
            for (k, child) in map.iter_mut() {
                if let Some(child_node) = node.member(k) {
                    place(child, child_node, Some(k));
                }
            }
            if is_expr {
                map.insert("span".into(), serde_json::json!([node.start, node.end]));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                if let Some(item_node) = node.item(i) {
                    place(item, item_node, None);
                    match item {
                        Value::Object(function) if key == Some("functions") => {
                            let span = serde_json::json!([item_node.start, item_node.end]);
                            function.insert("span".into(), span);
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
}

/// `Expr` flattens its `kind`, so serde buffers each expression whole and
/// serde_path_to_error's path stops at the outermost expression (`body[1]`) whatever lies
/// wrong inside it. This walks the document again to the innermost node that fails on its
/// own (`body[1].value.items[3]`) and reports its path and message. Line and column stay
/// serde's (the end of the outermost expression), since a `Value` has no positions.
fn refine(text: &str, error: &mut JsonError) {
    let Ok(root) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    if let Some((path, message)) = innermost_bad_node(&root, String::new(), false) {
        if path.starts_with(&error.path) && path.len() > error.path.len() {
            error.path = path;
            error.message = message;
        }
    }
}

/// The first (in document order) innermost node with a `kind` that fails to read: as an
/// `LValue` under a `target` key, as an `Expr` elsewhere.
fn innermost_bad_node(
    v: &serde_json::Value,
    path: String,
    is_target: bool,
) -> Option<(String, String)> {
    use serde_json::Value;
    let own_error = match v {
        Value::Object(map) if map.contains_key("kind") => {
            let result = if is_target {
                serde_json::from_value::<LValue>(v.clone()).map(drop)
            } else {
                serde_json::from_value::<Expr>(v.clone()).map(drop)
            };
            match result {
                Ok(()) => return None,
                Err(e) => Some(strip_position(&e.to_string())),
            }
        }
        _ => None,
    };
    let deeper = match v {
        Value::Object(map) => map.iter().find_map(|(key, child)| {
            let sep = if path.is_empty() { "" } else { "." };
            innermost_bad_node(child, format!("{path}{sep}{key}"), key == "target")
        }),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, child)| innermost_bad_node(child, format!("{path}[{i}]"), false)),
        _ => None,
    };
    deeper.or_else(|| own_error.map(|message| (path, message)))
}

/// Writes a program as pretty IR JSON.
pub fn program_to_json(program: &Program) -> String {
    serde_json::to_string_pretty(program)
        .expect("IR serialization cannot fail: no maps with non-string keys")
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Arbitrary-precision integers: a JSON number when it fits in i64, else a decimal string.
pub mod bigint {
    use num_bigint::BigInt;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &BigInt, s: S) -> Result<S::Ok, S::Error> {
        match i64::try_from(value) {
            Ok(small) => s.serialize_i64(small),
            Err(_) => s.serialize_str(&value.to_string()),
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Small(i64),
        Big(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<BigInt, D::Error> {
        match Repr::deserialize(d)? {
            Repr::Small(n) => Ok(BigInt::from(n)),
            Repr::Big(text) => text
                .parse()
                .map_err(|_| de::Error::custom(format!("`{text}` is not a decimal integer"))),
        }
    }
}

/// Floats: a JSON number when finite, else `"NaN"`, `"Infinity"` or `"-Infinity"`.
pub mod float {
    use crate::ast::Float;
    use serde::{de, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Float, s: S) -> Result<S::Ok, S::Error> {
        let x = value.0;
        if x.is_nan() {
            s.serialize_str("NaN")
        } else if x.is_infinite() {
            s.serialize_str(if x > 0.0 { "Infinity" } else { "-Infinity" })
        } else {
            s.serialize_f64(x)
        }
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Number(f64),
        Special(String),
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Float, D::Error> {
        match Repr::deserialize(d)? {
            Repr::Number(x) => Ok(Float(x)),
            Repr::Special(s) => match s.as_str() {
                "NaN" => Ok(Float(f64::NAN)),
                "Infinity" => Ok(Float(f64::INFINITY)),
                "-Infinity" => Ok(Float(f64::NEG_INFINITY)),
                _ => Err(de::Error::custom(format!("`{s}` is not a float"))),
            },
        }
    }
}
