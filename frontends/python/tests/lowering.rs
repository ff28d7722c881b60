//! Snapshots of the core IR of a few small programs (printed as `.tl` text).

fn lowered(source: &str) -> String {
    let program = tracelab_python::lower_program(source).expect("the program lowers");
    let text = tracelab_ir::print_program(&program);
    tracelab_ir::wf::Checked::new(program).expect("the lowering is well-formed");
    text
}

#[test]
fn unbound_local_check_and_early_return() {
    insta::assert_snapshot!(lowered(
        "def main(args):\n    if args['a']:\n        x = 1\n    return x\n"
    ));
}

#[test]
fn for_over_list_with_else_and_named_calls() {
    insta::assert_snapshot!(lowered(
        "def f(v):\n    return v * 2\n\ndef main(args):\n    for x in args['xs']:\n        if f(x) > 3:\n            break\n    else:\n        return None\n    return x\n"
    ));
}

#[test]
fn closure_with_nonlocal_and_defaults() {
    insta::assert_snapshot!(lowered(
        "def main(args, k=2):\n    n = 0\n    def inc():\n        nonlocal n\n        n += k\n    inc()\n    return n\n"
    ));
}

#[test]
fn try_except_finally_and_fstring() {
    insta::assert_snapshot!(lowered(
        "def main(args):\n    try:\n        v = args['k']\n    except KeyError as e:\n        v = f'missing {e!r:>8}'\n    finally:\n        print('done', 1)\n    return v\n"
    ));
}

/// Every example lowers, passes the checker, and its `.tl` text parses back to the same
/// program (the printer quotes the frontend's `$t` and qualname names).
#[test]
fn examples_round_trip_through_the_text_form() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/py");
    let mut seen = 0;
    for entry in std::fs::read_dir(root).expect("examples/py exists") {
        let path = entry.expect("readable entry").path().join("main.py");
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let program = tracelab_python::lower_program(&source)
            .unwrap_or_else(|d| panic!("{}: {d:?}", path.display()));
        let text = tracelab_ir::print_program(&program);
        let back = tracelab_ir::parse_program(&text)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        assert_eq!(
            tracelab_ir::strip_spans(&program),
            tracelab_ir::strip_spans(&back),
            "{}",
            path.display()
        );
        tracelab_ir::wf::Checked::new(program)
            .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        seen += 1;
    }
    assert!(seen >= 15, "only {seen} examples");
}

/// Fox & Hunhoff's `double_absolute_value` example, for comparison with their ANF.
#[test]
fn fox_double_absolute_value_example() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/py");
    let source = std::fs::read_to_string(root.join("fox_double_absolute_value/main.py"))
        .expect("example exists");
    insta::assert_snapshot!(lowered(&source));
}

#[test]
fn login_example_uses_events_and_prelude_free_ir() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/py");
    let source = std::fs::read_to_string(root.join("login/main.py")).expect("example exists");
    insta::assert_snapshot!(lowered(&source));
}
