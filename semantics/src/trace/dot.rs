//! A trace tree as Graphviz DOT: one box per node, `unknown` holes in red, guards with their
//! callees, so a researcher can put a trace in a paper (`dot -Tsvg`).

use tracelab_ir::visit::for_each_child;
use tracelab_ir::{CaseBody, Expr, ExprKind, LValue, Program};

pub fn to_dot(program: &Program) -> String {
    let mut d = Dot {
        out: String::new(),
        next: 0,
    };
    d.out.push_str("digraph trace {\n  node [shape=box, fontname=\"monospace\", fontsize=10];\n  edge [arrowsize=0.6];\n");
    let root = d.node("program", "shape=ellipse");
    for (i, f) in program.functions.iter().enumerate() {
        if matches!(f.body.as_slice(), [e] if matches!(e.kind, ExprKind::Unknown)) {
            continue;
        }
        let fun = d.node(
            &format!("fun {}({})", f.name, f.params.join(", ")),
            "shape=ellipse",
        );
        d.edge(root, fun, &format!("f{i}"));
        d.block(fun, &f.body);
    }
    let body = d.node("body", "shape=ellipse");
    d.edge(root, body, "");
    d.block(body, &program.body);
    d.out.push_str("}\n");
    d.out
}

struct Dot {
    out: String,
    next: usize,
}

impl Dot {
    fn node(&mut self, label: &str, style: &str) -> usize {
        let id = self.next;
        self.next += 1;
        let label = label.replace('\\', "\\\\").replace('"', "\\\"");
        self.out.push_str(&format!(
            "  n{id} [label=\"{label}\"{}{style}];\n",
            if style.is_empty() { "" } else { ", " }
        ));
        id
    }

    fn edge(&mut self, from: usize, to: usize, label: &str) {
        if label.is_empty() {
            self.out.push_str(&format!("  n{from} -> n{to};\n"));
        } else {
            self.out
                .push_str(&format!("  n{from} -> n{to} [label=\"{label}\"];\n"));
        }
    }

    fn block(&mut self, parent: usize, body: &[Expr]) {
        for (i, e) in body.iter().enumerate() {
            let child = self.expr(e);
            self.edge(parent, child, &i.to_string());
        }
    }

    fn expr(&mut self, e: &Expr) -> usize {
        let (label, style) = describe(e);
        let id = self.node(&label, style);
        if let ExprKind::Guard {
            callee,
            args,
            cases,
        } = &e.kind
        {
            let c = self.expr(callee);
            self.edge(id, c, "callee");
            for a in args {
                let child = self.expr(a);
                self.edge(id, child, "arg");
            }
            for case in cases {
                let label = match &case.body {
                    CaseBody::Call => format!("{} ⇒ call", case.func),
                    CaseBody::Inline { params, .. } => {
                        format!("{} ⇒ inline ({})", case.func, params.join(", "))
                    }
                };
                let k = self.node(&label, "style=rounded");
                self.edge(id, k, "case");
                if let CaseBody::Inline { body, .. } = &case.body {
                    self.block(k, body);
                }
            }
            return id;
        }
        let mut children = Vec::new();
        for_each_child(e, &mut |c| children.push(c));
        for c in children {
            let child = self.expr(c);
            self.edge(id, child, "");
        }
        id
    }
}

fn describe(e: &Expr) -> (String, &'static str) {
    let label = match &e.kind {
        ExprKind::Unknown => {
            return (
                "unknown".into(),
                "style=filled, fillcolor=\"#f4c7c3\", color=\"#c0392b\"",
            )
        }
        ExprKind::Int { value } => value.to_string(),
        ExprKind::Float { value } => format!("{:?}", value.0),
        ExprKind::Str { value } => format!("{value:?}"),
        ExprKind::Bool { value } => value.to_string(),
        ExprKind::Var { name } => name.clone(),
        ExprKind::Let { name, .. } => format!("let {name}"),
        ExprKind::Set {
            target: LValue::Var { name },
            ..
        } => format!("set {name}"),
        ExprKind::Set {
            target: LValue::Field { field, .. },
            ..
        } => format!("set .{field}"),
        ExprKind::Label { name, .. } => format!("label {name}"),
        ExprKind::Break { label, .. } => format!("break {label}"),
        ExprKind::Get { field, .. } => format!(".{field}"),
        ExprKind::Prim { op, .. } => op.name().to_string(),
        ExprKind::Closure { func } => format!("clos {func}"),
        ExprKind::Event { event, .. } => format!("event {}", event.name()),
        ExprKind::Register { event, .. } => format!("register {}", event.name()),
        ExprKind::Callback { event, .. } => format!("callback {}", event.name()),
        ExprKind::Alias { name, capture, .. } => format!("alias {name} = ->{capture}"),
        ExprKind::Typed { ty, .. } => format!("typed {}", ty.name()),
        ExprKind::Guard { .. } => return ("guard".into(), "style=filled, fillcolor=\"#fdebd0\""),
        other => other.tag().to_string(),
    };
    (label, "")
}
