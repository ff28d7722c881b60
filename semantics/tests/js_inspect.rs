//! `util.format` (what `console.log` prints) against cases recorded from Node 20:
//!     node semantics/tests/oracle/gen_inspect.js > semantics/tests/oracle/js_inspect_cases.json

use std::rc::Rc;
use tracelab_runtime::prim::js_inspect::format;
use tracelab_runtime::value::{Heap, HeapObj, Key, Props, Value};

/// JSON with the generator's markers for values JSON lacks.
fn decode(j: &serde_json::Value, heap: &mut Heap) -> Value {
    use serde_json::Value as J;
    match j {
        J::Null => Value::Null,
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => Value::Float(n.as_f64().expect("a JSON number is a float")),
        J::String(s) => Value::str(s),
        J::Array(items) => {
            let items = items.iter().map(|i| decode(i, heap)).collect();
            Value::Ref(heap.alloc(HeapObj::Array {
                items,
                tuple: false,
            }))
        }
        J::Object(fields) => {
            if fields.contains_key("$u") {
                return Value::Undefined;
            }
            if fields.contains_key("$neg0") {
                return Value::Float(-0.0);
            }
            if fields.contains_key("$nan") {
                return Value::Float(f64::NAN);
            }
            if let Some(sign) = fields.get("$inf").and_then(|s| s.as_f64()) {
                return Value::Float(sign * f64::INFINITY);
            }
            if let Some(name) = fields.get("$fn").and_then(|s| s.as_str()) {
                return Value::Ref(heap.alloc(HeapObj::Closure {
                    func: Rc::from(name),
                    captures: Default::default(),
                }));
            }
            let mut props = Props::default();
            for (k, v) in fields {
                let v = decode(v, heap);
                let key: Rc<str> = Rc::from(k.as_str());
                props.insert(Key::Str(key.clone()), Value::Str(key), v);
            }
            Value::Ref(heap.alloc(HeapObj::Object { class: None, props }))
        }
    }
}

#[test]
fn format_agrees_with_node() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/oracle/js_inspect_cases.json"
    );
    let text = std::fs::read_to_string(path).expect("the recorded cases exist");
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).expect("valid JSON");
    let mut failures = Vec::new();
    for case in &cases {
        let mut heap = Heap::default();
        let args: Vec<Value> = case["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| decode(a, &mut heap))
            .collect();
        let expected = case["expected"].as_str().expect("expected");
        let got = format(&heap, &args);
        if got != expected {
            failures.push(format!(
                "args {}\n  node:     {expected:?}\n  tracelab: {got:?}",
                case["args"]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn cycles_are_marked() {
    let mut heap = Heap::default();
    let loc = heap.alloc(HeapObj::Object {
        class: None,
        props: Props::default(),
    });
    let key: Rc<str> = Rc::from("self");
    if let Some(HeapObj::Object { props, .. }) = heap.get_mut(loc) {
        props.insert(Key::Str(key.clone()), Value::Str(key), Value::Ref(loc));
    }
    assert_eq!(
        format(&heap, &[Value::Ref(loc)]),
        "<ref *1> { self: [Circular *1] }"
    );
}
