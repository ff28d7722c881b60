//! Bad input gets a diagnostic with a span and exit status 2, never a panic.

mod common;

use common::{stderr, stdout, tracelab};
use std::io::Write;

fn write_temp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tracelab-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write");
    path
}

/// Runs `tracelab check` on a file and returns the stderr with the temp path normalised.
fn check(name: &str, text: &str) -> String {
    let path = write_temp(name, text);
    let out = tracelab(&["check", path.to_str().expect("utf-8")]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "exit status for {name}: {}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    stderr(&out).replace(path.to_str().expect("utf-8"), &format!("[TMP]/{name}"))
}

#[test]
fn syntax_error_after_non_ascii_text_points_at_the_right_column() {
    insta::assert_snapshot!(check(
        "bad.tl",
        "dialect js;\n// é ü 😀\nlet s = \"ü\";\nlet t = s +;\n"
    ));
}

#[test]
fn unterminated_string() {
    insta::assert_snapshot!(check("string.tl", "dialect py;\nlet s = \"never closed;\n"));
}

#[test]
fn ill_formed_program_names_the_problem() {
    insta::assert_snapshot!(check(
        "wf.tl",
        "dialect js;\nlet x = 1.0;\nbreak nowhere x;\nprim js.add(x);\ny\n"
    ));
}

#[test]
fn trace_only_forms_mixed_with_core_only_forms() {
    insta::assert_snapshot!(check(
        "mixed.tl",
        "dialect js;\nfun f(x) { x }\nregister get(\"u\", clos f);\nunknown\n"
    ));
}

#[test]
fn ill_formed_ir_json_names_the_json_path() {
    let err = check(
        "bad.json",
        r#"{"dialect": "js", "body": [{"kind": "int", "value": 1}, {"kind": "array", "items": [{"kind": "nope"}]}]}"#,
    );
    assert!(err.contains("body[1].items[0]"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn unreadable_file_bad_input_and_unknown_extension_exit_2() {
    let out = tracelab(&["run", "does/not/exist.tl", "--input", "1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read"), "{}", stderr(&out));
    let ok = write_temp("ok.tl", "dialect js;\ninput\n");
    let out = tracelab(&["run", ok.to_str().expect("utf-8"), "--input", "{not json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--input is not valid JSON"),
        "{}",
        stderr(&out)
    );
    let other = write_temp("prog.rb", "puts 1");
    let out = tracelab(&["run", other.to_str().expect("utf-8"), "--input", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let out = tracelab(&["run"]);
    assert_eq!(out.status.code(), Some(2), "clap usage errors exit 2");
}

#[test]
fn a_program_error_is_a_record_and_exit_0() {
    let p = write_temp("boom.tl", "dialect py;\nprim py.floordiv(1, input)\n");
    let out = tracelab(&["run", p.to_str().expect("utf-8"), "--input", "0"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        r#"{"error": {"kind": "ZeroDivisionError", "message": "integer division or modulo by zero"}}"#
    );
}

#[test]
fn arbitrary_bytes_never_panic_the_cli() {
    let samples: [&[u8]; 5] = [
        b"\xff\xfe\x00",
        b"dialect js;\n\"\\u{110000}\"",
        b"dialect py;\n((((((((((",
        b"",
        b"dialect js;\n`unterminated",
    ];
    for (i, bytes) in samples.iter().enumerate() {
        let path = write_temp(&format!("bytes{i}.tl"), "");
        std::fs::write(&path, bytes).expect("write");
        let out = tracelab(&["run", path.to_str().expect("utf-8"), "--input", "null"]);
        assert_eq!(out.status.code(), Some(2), "sample {i}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "sample {i}: {}",
            stderr(&out)
        );
    }
}
