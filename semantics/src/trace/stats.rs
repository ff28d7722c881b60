//! Statistics of a trace: how big, how deep, how many holes and guards.

use tracelab_ir::visit::for_each_child;
use tracelab_ir::{CaseBody, Expr, ExprKind, Program};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Expression nodes.
    pub size: usize,
    /// The longest chain of nested expressions.
    pub depth: usize,
    /// `unknown` holes: paths no traced run took.
    pub unknowns: usize,
    /// Guards (call sites) and the cases they hold.
    pub guards: usize,
    pub guard_cases: usize,
    /// Inlined bodies and calls of trace-level functions among the cases.
    pub inlined: usize,
    pub calls: usize,
    /// Trace-level functions with a traced body (recursion).
    pub trace_functions: usize,
    /// Type guards: places that saw one type only.
    pub typed: usize,
}

pub fn stats(program: &Program) -> Stats {
    let mut s = Stats::default();
    for f in &program.functions {
        if !matches!(f.body.as_slice(), [e] if matches!(e.kind, ExprKind::Unknown)) {
            s.trace_functions += 1;
        }
        for e in &f.body {
            visit(e, 1, &mut s);
        }
    }
    for e in &program.body {
        visit(e, 1, &mut s);
    }
    s
}

fn visit(e: &Expr, depth: usize, s: &mut Stats) {
    s.size += 1;
    s.depth = s.depth.max(depth);
    match &e.kind {
        ExprKind::Unknown => s.unknowns += 1,
        ExprKind::Typed { .. } => s.typed += 1,
        ExprKind::Guard { cases, .. } => {
            s.guards += 1;
            s.guard_cases += cases.len();
            for case in cases {
                match case.body {
                    CaseBody::Call => s.calls += 1,
                    CaseBody::Inline { .. } => s.inlined += 1,
                }
            }
        }
        _ => {}
    }
    for_each_child(e, &mut |c| visit(c, depth + 1, s));
}
