//! The grammar of the trace language as the paper shows it: one entry per AST form, with its
//! BNF (LaTeX), the level it belongs to and an instance in `.tl` syntax. A test parses every
//! instance with the real parser and checks it yields the form's tag, so the typeset grammar
//! and the parser cannot drift apart.

/// Where a form may appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormLevel {
    Both,
    CoreOnly,
    TraceOnly,
}

/// One production of the expression grammar.
#[derive(Debug)]
pub struct Form {
    /// The JSON `kind` tag of the AST node.
    pub tag: &'static str,
    /// The production's right-hand side in LaTeX math mode.
    pub bnf: &'static str,
    pub level: FormLevel,
    /// An expression of this form in `.tl` syntax (inside `dialect js;`).
    pub example: &'static str,
}

use FormLevel::{Both, CoreOnly, TraceOnly};

pub const FORMS: &[Form] = &[
    Form {
        tag: "undefined",
        bnf: r"\kw{undefined}",
        level: Both,
        example: "undefined",
    },
    Form {
        tag: "null",
        bnf: r"\kw{null}",
        level: Both,
        example: "null",
    },
    Form {
        tag: "bool",
        bnf: r"\kw{true} \mid \kw{false}",
        level: Both,
        example: "true",
    },
    Form {
        tag: "int",
        bnf: r"n",
        level: Both,
        example: "42",
    },
    Form {
        tag: "float",
        bnf: r"r",
        level: Both,
        example: "2.5",
    },
    Form {
        tag: "str",
        bnf: r"s",
        level: Both,
        example: "\"hi\"",
    },
    Form {
        tag: "var",
        bnf: r"x",
        level: Both,
        example: "x",
    },
    Form {
        tag: "let",
        bnf: r"\kw{let}\ x = e",
        level: Both,
        example: "let x = 1",
    },
    Form {
        tag: "set",
        bnf: r"\kw{set}\ x = e \mid \kw{set}\ e.f = e \mid \kw{set}\ e[e] = e",
        level: Both,
        example: "set x.f = 1",
    },
    Form {
        tag: "block",
        bnf: r"\kw{do}\ \{ \vec e \}",
        level: Both,
        example: "do { 1; 2 }",
    },
    Form {
        tag: "if",
        bnf: r"\kw{if}\ e\ \{ \vec e \}\ \kw{else}\ \{ \vec e \}",
        level: Both,
        example: "if true { 1 } else { 2 }",
    },
    Form {
        tag: "while",
        bnf: r"\kw{while}\ e\ \{ \vec e \}",
        level: Both,
        example: "while false { 1 }",
    },
    Form {
        tag: "label",
        bnf: r"\kw{label}\ l\ \{ \vec e \}",
        level: Both,
        example: "label l { 1 }",
    },
    Form {
        tag: "break",
        bnf: r"\kw{break}\ l\ e",
        level: Both,
        example: "break l 1",
    },
    Form {
        tag: "object",
        bnf: r"\{ f{:}\,e, \ldots \}",
        level: Both,
        example: "{ a: 1 }",
    },
    Form {
        tag: "array",
        bnf: r"[ e, \ldots ]",
        level: Both,
        example: "[1, 2]",
    },
    Form {
        tag: "get",
        bnf: r"e.f",
        level: Both,
        example: "x.f",
    },
    Form {
        tag: "index",
        bnf: r"e[e]",
        level: Both,
        example: "x[0]",
    },
    Form {
        tag: "prim",
        bnf: r"\kw{prim}\ o(\vec e)",
        level: Both,
        example: "prim js.add(1, 2)",
    },
    Form {
        tag: "closure",
        bnf: r"\kw{clos}\ f",
        level: Both,
        example: "clos f",
    },
    Form {
        tag: "call",
        bnf: r"e(\vec e)",
        level: Both,
        example: "f(1)",
    },
    Form {
        tag: "throw",
        bnf: r"\kw{throw}\ e",
        level: Both,
        example: "throw 1",
    },
    Form {
        tag: "try",
        bnf: r"\kw{try}\ \{ \vec e \}\ [\kw{catch}\ (x)\ \{ \vec e \}]\ [\kw{finally}\ \{ \vec e \}]",
        level: Both,
        example: "try { 1 } catch (e) { 2 } finally { 3 }",
    },
    Form {
        tag: "event",
        bnf: r"\kw{event}\ k(e)",
        level: Both,
        example: "event get(\"u\")",
    },
    Form {
        tag: "register",
        bnf: r"\kw{register}\ k(e, e)",
        level: CoreOnly,
        example: "register get(\"u\", f)",
    },
    Form {
        tag: "unknown",
        bnf: r"\kw{unknown}",
        level: TraceOnly,
        example: "unknown",
    },
    Form {
        tag: "guard",
        bnf: r"\kw{guard}\,(e)(\vec e)\ \{ f \Rightarrow \kw{call} \mid f \Rightarrow \kw{inline}\,(x, \vec x)\,\{ \vec e \}, \ldots \}",
        level: TraceOnly,
        example: "guard (g)(1) { f => call, h => inline (c, x) { x } }",
    },
    Form {
        tag: "alias",
        bnf: r"\kw{alias}\ x = e \mathbin{\texttt{->}} y",
        level: TraceOnly,
        example: "alias x = c -> y",
    },
    Form {
        tag: "callback",
        bnf: r"\kw{callback}\ k(e, e)\ (x, x)\ \{ \vec e \}",
        level: TraceOnly,
        example: "callback get(\"u\", f) (c, r) { r }",
    },
    Form {
        tag: "typed",
        bnf: r"\kw{typed}\ \tau(e) \qquad \tau ::= \kw{bool} \mid \kw{int} \mid \kw{float} \mid \kw{str}",
        level: TraceOnly,
        example: "typed float(x)",
    },
];

/// The rest of the grammar: programs, functions, operators, events.
pub const PROGRAM_BNF: &[(&str, &str)] = &[
    (r"P", r"\kw{dialect}\ L;\ \vec{d}\ \vec e"),
    (r"L", r"\kw{js} \mid \kw{py}"),
    (r"d", r"\kw{fun}\ f(\vec x)\ [\vec y]\ \{ \vec e \}"),
    (
        r"k",
        r"\kw{listen} \mid \kw{get} \mid \kw{post} \mid \kw{respond} \mid \kw{log}",
    ),
];

/// The grammar as LaTeX (a `\begin{array}` of productions), for `tracelab paper`.
pub fn to_latex(prim_names: &[&str]) -> String {
    let mut out = String::from(
        "% Generated by `tracelab paper` from ir/src/forms.rs; do not edit.\n\\providecommand{\\kw}[1]{\\mathsf{#1}}\n\\[\n\\begin{array}{rcl@{\\qquad}l}\n",
    );
    for (lhs, rhs) in PROGRAM_BNF {
        out.push_str(&format!("{lhs} & ::= & {rhs} & \\\\\n"));
    }
    for (i, form) in FORMS.iter().enumerate() {
        let lhs = if i == 0 { "e" } else { "" };
        let sep = if i == 0 { "::=" } else { "\\mid" };
        let note = match form.level {
            FormLevel::Both => "",
            FormLevel::CoreOnly => "\\text{core only}",
            FormLevel::TraceOnly => "\\text{trace only}",
        };
        out.push_str(&format!("{lhs} & {sep} & {} & {note} \\\\\n", form.bnf));
    }
    let ops: Vec<String> = prim_names
        .iter()
        .map(|n| format!("\\texttt{{{}}}", n.replace('_', "\\_")))
        .collect();
    out.push_str(&format!("o & ::= & \\multicolumn{{2}}{{l}}{{\\parbox[t]{{0.7\\linewidth}}{{\\raggedright ${}$}}}} \\\\\n", ops.join(r" \mid ")));
    out.push_str("\\end{array}\n\\]\n");
    out
}
