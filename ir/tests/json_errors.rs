//! Ill-formed IR JSON is reported with the JSON path of the innermost offending node.

use tracelab_ir::json::{program_from_json, program_from_json_file};
use tracelab_ir::{ExprKind, Span};

fn error_at(doc: &str) -> (String, String) {
    let e = program_from_json(doc).expect_err("the document is ill-formed");
    (e.path, e.message)
}

#[test]
fn unknown_kind_deep_in_the_body() {
    let doc = r#"{"dialect": "js", "body": [
        {"kind": "int", "value": 1},
        {"kind": "let", "name": "x", "value":
            {"kind": "array", "items": [{"kind": "null"}, {"kind": "bogus"}]}}
    ]}"#;
    let (path, message) = error_at(doc);
    assert_eq!(path, "body[1].value.items[1]");
    assert!(message.contains("unknown variant `bogus`"), "{message}");
}

#[test]
fn unknown_assignment_target_in_a_function() {
    let doc = r#"{"dialect": "py", "functions": [{"name": "f", "params": [], "body": [
        {"kind": "if", "cond": {"kind": "var", "name": "c"}, "then": [], "else": [
            {"kind": "set", "target": {"kind": "nope", "name": "x"}, "value": {"kind": "null"}}]}]}],
      "body": []}"#;
    let (path, message) = error_at(doc);
    assert_eq!(path, "functions[0].body[0].else[0].target");
    assert!(message.contains("unknown variant `nope`"), "{message}");
}

#[test]
fn missing_field_names_its_node() {
    let doc =
        r#"{"dialect": "js", "body": [{"kind": "throw", "value": {"kind": "let", "name": "x"}}]}"#;
    let (path, message) = error_at(doc);
    assert_eq!(path, "body[0].value");
    assert!(message.contains("missing field `value`"), "{message}");
}

#[test]
fn errors_outside_expressions_keep_serde_paths() {
    let doc = r#"{"dialect": "rust", "body": []}"#;
    assert_eq!(error_at(doc).0, "dialect");
    let doc = r#"{"dialect": "js", "functions": [{"name": "f", "body": []}], "body": []}"#;
    assert_eq!(error_at(doc).0, "functions[0]");
}

#[test]
fn the_offending_node_has_its_byte_range() {
    let doc = r#"{"dialect": "js", "body": [{"kind": "array", "items": [{"kind": "bogus"}]}]}"#;
    let e = program_from_json(doc).expect_err("ill-formed");
    let span = e.span.expect("the document is JSON");
    assert_eq!(&doc[span], r#"{"kind": "bogus"}"#);
    let e = program_from_json(r#"{"dialect": "rust", "body": []}"#).expect_err("ill-formed");
    assert_eq!(e.span, Some(12..18));
    // Not JSON at all: only serde's line and column.
    let e = program_from_json(r#"{"dialect": "#).expect_err("not JSON");
    assert_eq!(e.span, None);
}

/// A file's spans are places in that file, whatever spans the document carried (a trace
/// written as JSON carries those of its source).
#[test]
fn a_json_file_spans_its_own_text() {
    let doc = r#"{"dialect": "py", "functions": [
  {"name": "f", "params": ["x"], "body": [{"kind": "var", "name": "x", "span": [900, 901]}], "span": [1, 2]}
], "body": [
  {"kind": "let", "name": "y", "span": [500, 600], "value": {"kind": "int", "value": 1}},
  {"kind": "set", "target": {"kind": "var", "name": "y"}, "value": {"kind": "null"}}
]}"#;
    let text_of = |span: Option<Span>| span.map(|s| &doc[s.range()]);
    let p = program_from_json_file(doc).expect("well-formed");
    assert_eq!(
        text_of(p.functions[0].span),
        Some(
            r#"{"name": "f", "params": ["x"], "body": [{"kind": "var", "name": "x", "span": [900, 901]}], "span": [1, 2]}"#
        )
    );
    assert_eq!(
        text_of(p.functions[0].body[0].span),
        Some(r#"{"kind": "var", "name": "x", "span": [900, 901]}"#)
    );
    assert_eq!(
        text_of(p.body[0].span),
        Some(
            r#"{"kind": "let", "name": "y", "span": [500, 600], "value": {"kind": "int", "value": 1}}"#
        )
    );
    let ExprKind::Let { value, .. } = &p.body[0].kind else {
        panic!("a let")
    };
    assert_eq!(text_of(value.span), Some(r#"{"kind": "int", "value": 1}"#));
    assert_eq!(
        text_of(p.body[1].span),
        Some(
            r#"{"kind": "set", "target": {"kind": "var", "name": "y"}, "value": {"kind": "null"}}"#
        )
    );
    // Without the file's positions, the document's own spans.
    let plain = program_from_json(doc).expect("well-formed");
    assert_eq!(plain.body[0].span, Some(Span::new(500, 600)));
}
