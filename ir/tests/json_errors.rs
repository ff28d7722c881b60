//! Ill-formed IR JSON is reported with the JSON path of the innermost offending node.

use tracelab_ir::json::program_from_json;

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
