//! The grammar the paper prints (`ir/src/forms.rs`) matches the parser and the AST: one form
//! per `kind` tag, and every form's example parses to an expression of that tag.

use tracelab_ir::forms::FORMS;
use tracelab_ir::{parse_program, ExprKind, EXPR_TAGS};

#[test]
fn one_form_per_tag() {
    let mut tags: Vec<&str> = FORMS.iter().map(|f| f.tag).collect();
    tags.sort();
    let mut expected = EXPR_TAGS.to_vec();
    expected.sort();
    assert_eq!(tags, expected);
}

#[test]
fn every_example_parses_to_its_form() {
    for form in FORMS {
        let program = parse_program(&format!("dialect js;\n{};\n", form.example))
            .unwrap_or_else(|e| panic!("the example of `{}` does not parse: {e:?}", form.tag));
        let [e] = program.body.as_slice() else {
            panic!("`{}`: one expression expected", form.tag)
        };
        // Operators bind tighter than keyword forms: the outermost node is the form.
        let tag = match &e.kind {
            ExprKind::Block { body } if form.tag != "block" => body[0].kind.tag(),
            k => k.tag(),
        };
        assert_eq!(tag, form.tag, "example `{}`", form.example);
    }
}

#[test]
fn the_latex_grammar_lists_every_form_and_operator() {
    let ops: Vec<&str> = tracelab_ir::PrimOp::ALL
        .iter()
        .map(|op| op.name())
        .collect();
    let tex = tracelab_ir::forms::to_latex(&ops);
    for form in FORMS {
        assert!(tex.contains(form.bnf), "{} missing", form.tag);
    }
    assert!(tex.contains("js.strict\\_eq") && tex.contains("py.floordiv"));
}
