//! Lowering the AST to core IR (`dialect py`) in A-Normal Form (Fox & Hunhoff's three
//! rules, kept faithful to Python):
//!
//! 1. Variables are declared at the top of their scope — function-level for Python — as
//!    `let x = undefined`. `undefined` never arises from Python code in the `py` dialect
//!    (`None` is `null`), so it is the "not yet assigned" marker: a read that may precede
//!    the first assignment is guarded by `prim py.is(x, undefined)` and raises CPython's
//!    UnboundLocalError / NameError. A sentinel value costs no extra variable per local
//!    (a hidden boolean would double the cells) and nothing to capture. Parameters are
//!    never re-initialised.
//! 2. Loops are `while` loops under labels (`break`/`continue` break to them); `for`
//!    indexes the sequence (a list is indexed live, as CPython's list iterator does).
//! 3. Every call is named (`let $tN = call …`), and so is every compound operand, so the
//!    evaluation order is Python's left-to-right order.
//!
//! Functions are lambda-lifted to `FunDef`s named by their `__qualname__` (so the
//! machine's arity errors read as CPython's); captures are the cells of the enclosing
//! variables they use, so closures see later assignments (`nonlocal`, `global`).

mod builtins;
mod expr;
mod scope;
mod stmt;

use crate::ast::{Param, Stmt, StmtKind};
use scope::ScopeInfo;
use std::collections::{BTreeSet, HashMap, HashSet};
use tracelab_ir::{Diagnostic, DiagnosticKind, Dialect, Expr, ExprKind, FunDef, Program, Span};

const INPUT: &str = "$input";

/// A function body: statements (`def`) or one expression (`lambda`).
#[derive(Clone, Copy)]
pub(crate) enum Body<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a crate::ast::Expr),
}

pub(crate) const PRELUDE: &str = include_str!("lower/prelude.py");

/// Where a Python name lives, as seen from the function being lowered.
#[derive(Clone, Debug, PartialEq)]
enum Binding {
    /// A variable of the function at this depth of the context stack (0: the module).
    Var { depth: usize, core: String },
    /// A builtin function or class (not shadowed anywhere).
    Builtin(String),
    /// A name bound nowhere: reading it raises NameError.
    Missing,
}

/// The function (or module) being lowered.
struct Ctx {
    qualname: String,
    info: ScopeInfo,
    params: HashSet<String>,
    /// Core names bound in this function (parameters, lets).
    own: HashSet<String>,
    /// Core names used but bound outside, with the depth that binds them.
    free: HashMap<String, usize>,
    /// Locals certainly assigned at this point (no unbound check needed).
    assigned: HashSet<String>,
    /// Enclosing loops: (break label, continue label).
    loops: Vec<(String, String)>,
    /// Variables holding the exceptions being handled (for a bare `raise`).
    handling: Vec<String>,
    /// Comprehension targets renamed to fresh core names (innermost last).
    renamed: Vec<(String, String)>,
    /// Core names of default-argument cells of this scope's static `def`s.
    defaults: HashMap<String, Vec<Option<String>>>,
    /// Core names needing `let … = undefined` at the top of the function.
    hoisted: Vec<String>,
}

impl Ctx {
    fn new(qualname: String, info: ScopeInfo, params: &[Param]) -> Ctx {
        let params: HashSet<String> = params.iter().map(|p| p.name.clone()).collect();
        let mut own = params.clone();
        let mut hoisted = Vec::new();
        for l in &info.locals {
            if !params.contains(l) {
                own.insert(l.clone());
                hoisted.push(l.clone());
            }
        }
        Ctx {
            qualname,
            assigned: params.clone(),
            params,
            own,
            info,
            free: HashMap::new(),
            loops: Vec::new(),
            handling: Vec::new(),
            renamed: Vec::new(),
            defaults: HashMap::new(),
            hoisted,
        }
    }
}

pub(crate) struct Lowerer {
    stack: Vec<Ctx>,
    functions: Vec<FunDef>,
    names: HashSet<String>,
    counter: usize,
    diagnostics: Vec<Diagnostic>,
    /// Whether `import containerless` was seen.
    containerless: bool,
    /// Lowering the prelude: `_prim_x(…)` calls are primitives, functions are `$name`.
    in_prelude: bool,
    /// Prelude functions referenced so far.
    prelude_used: BTreeSet<String>,
    /// Builtins used as values: the wrapper functions made for them.
    builtin_wrappers: BTreeSet<String>,
    /// Prelude functions already lowered.
    prelude_done: BTreeSet<String>,
    /// Lowering a call's only argument: a generator expression is allowed (as a list).
    genexp_ok: bool,
    /// Module globals assigned before any module code can call a function: functions
    /// read them without an unbound check (nothing can unbind a global in the subset).
    safe_globals: HashSet<String>,
    /// The constructs of the user's program lowered so far.
    constructs: crate::Constructs,
}

/// Lowers a parsed module (and the prelude functions it uses) to a core program.
pub fn lower_module(module: &[Stmt]) -> Result<Program, Vec<Diagnostic>> {
    lower_module_with_constructs(module).map(|(p, _)| p)
}

/// Like [`lower_module`], also returning the constructs the module used.
pub fn lower_module_with_constructs(
    module: &[Stmt],
) -> Result<(Program, crate::Constructs), Vec<Diagnostic>> {
    let mut l = Lowerer {
        stack: Vec::new(),
        functions: Vec::new(),
        names: HashSet::new(),
        counter: 0,
        diagnostics: Vec::new(),
        containerless: false,
        in_prelude: false,
        prelude_used: BTreeSet::new(),
        builtin_wrappers: BTreeSet::new(),
        prelude_done: BTreeSet::new(),
        genexp_ok: false,
        safe_globals: HashSet::new(),
        constructs: crate::Constructs::new(),
    };
    let body = l.module(module);
    l.prelude();
    if l.diagnostics.is_empty() {
        let program = Program {
            dialect: Dialect::Py,
            functions: l.functions,
            body,
        };
        Ok((program, l.constructs))
    } else {
        Err(l.diagnostics)
    }
}

pub(crate) fn sp(kind: ExprKind, span: Span) -> Expr {
    Expr::with_span(kind, span)
}

impl Lowerer {
    fn ctx(&mut self) -> &mut Ctx {
        self.stack
            .last_mut()
            .expect("lowering always runs inside a scope")
    }

    fn depth(&self) -> usize {
        self.stack.len() - 1
    }

    /// Records that the user's program used a construct (see [`crate::constructs`]).
    fn construct(&mut self, name: &str) {
        if !self.in_prelude {
            if let Some(c) = crate::constructs::lookup(name) {
                self.constructs.insert(c);
            }
        }
    }

    fn temp(&mut self, hint: &str) -> String {
        self.counter += 1;
        let name = format!("${hint}{}", self.counter);
        self.ctx().own.insert(name.clone());
        name
    }

    fn unsupported(&mut self, what: &str, span: Span) {
        // "`class` is outside…", "set literals are outside…".
        let verb = if what.trim_end_matches([')', '`']).ends_with('s') && !what.ends_with('`') {
            "are"
        } else {
            "is"
        };
        self.diagnostics.push(Diagnostic::new(
            DiagnosticKind::Unsupported,
            format!("{what} {verb} outside the tracelab Python subset"),
            span,
            format!("{what} here"),
        ));
    }

    fn invalid(&mut self, message: impl Into<String>, span: Span) {
        self.diagnostics.push(Diagnostic::new(
            DiagnosticKind::Invalid,
            message,
            span,
            "here",
        ));
    }

    /// A unique FunDef name: the qualname, suffixed `#2`, `#3`… when already taken.
    fn fun_name(&mut self, qualname: &str) -> String {
        let mut name = qualname.to_string();
        let mut n = 1;
        while self.names.contains(&name) {
            n += 1;
            name = format!("{qualname}#{n}");
        }
        self.names.insert(name.clone());
        name
    }

    /// Records a use of a core name bound at `depth` by every function between.
    fn use_core(&mut self, core: &str, depth: usize) {
        let here = self.depth();
        for d in (depth + 1..=here).rev() {
            let ctx = &mut self.stack[d];
            if ctx.own.contains(core) {
                break;
            }
            ctx.free.insert(core.to_string(), depth);
        }
    }

    /// Resolves a Python name from the current function.
    fn resolve(&mut self, name: &str) -> Binding {
        let here = self.depth();
        if let Some((_, core)) = self.stack[here]
            .renamed
            .iter()
            .rev()
            .find(|(n, _)| n == name)
        {
            return Binding::Var {
                depth: here,
                core: core.clone(),
            };
        }
        let ctx = &self.stack[here];
        let module_binds = |l: &Lowerer| l.stack[0].info.locals.contains(name);
        if here > 0 && ctx.info.globals.contains(name) {
            return Binding::Var {
                depth: 0,
                core: name.to_string(),
            };
        }
        if !ctx.info.nonlocals.contains(name)
            && (ctx.info.locals.contains(name) || ctx.params.contains(name))
        {
            return Binding::Var {
                depth: here,
                core: name.to_string(),
            };
        }
        if here > 0 {
            for d in (0..here).rev() {
                if let Some((_, core)) = self.stack[d].renamed.iter().rev().find(|(n, _)| n == name)
                {
                    return Binding::Var {
                        depth: d,
                        core: core.clone(),
                    };
                }
                if d == 0 {
                    break;
                }
                let c = &self.stack[d];
                if c.info.globals.contains(name) {
                    return Binding::Var {
                        depth: 0,
                        core: name.to_string(),
                    };
                }
                if c.info.nonlocals.contains(name) {
                    continue;
                }
                if c.info.locals.contains(name) || c.params.contains(name) {
                    return Binding::Var {
                        depth: d,
                        core: name.to_string(),
                    };
                }
            }
            if self.stack[here].info.nonlocals.contains(name) {
                return Binding::Missing;
            }
        }
        if module_binds(self) {
            return Binding::Var {
                depth: 0,
                core: name.to_string(),
            };
        }
        if builtins::is_builtin(name) {
            return Binding::Builtin(name.to_string());
        }
        Binding::Missing
    }

    /// The module: hoisted globals, the module code, then the handler call.
    fn module(&mut self, module: &[Stmt]) -> Vec<Expr> {
        let mut info = ScopeInfo::analyse(&[], module);
        let mut declared = BTreeSet::new();
        scope::declared_global(module, &mut declared);
        for g in declared {
            // A function may rebind it: calls to it are not static.
            info.defs.remove(&g);
            info.locals.insert(g);
        }
        let handler_span = Span::new(0, 0);
        self.safe_globals = safe_prefix(module);
        let mut ctx = Ctx::new(String::new(), info, &[]);
        ctx.own.insert(tracelab_ir::wf::INPUT_VAR.to_string());
        ctx.own.insert(INPUT.to_string());
        self.stack.push(ctx);
        let mut body = Vec::new();
        self.stmts(module, &mut body);
        let ctx = self.stack.pop().expect("the module context");
        // The input moves to a hidden name: a module global may be called `input`.
        let mut out = vec![let_(INPUT, var(tracelab_ir::wf::INPUT_VAR))];
        out.extend(
            ctx.hoisted
                .iter()
                .map(|n| let_(n, Expr::new(ExprKind::Undefined))),
        );
        out.extend(body);
        let input = var(INPUT);
        let call = |f: &str, mut args: Vec<Expr>| {
            // Parameters with defaults beyond the handler's arguments get them.
            if let Some(cells) = ctx.defaults.get(f) {
                args.extend(
                    cells
                        .iter()
                        .skip(args.len())
                        .map_while(|c| c.as_deref().map(var)),
                );
            }
            let mut out = Vec::new();
            if !ctx.assigned.contains(f) {
                out.push(unbound_check(
                    f,
                    "NameError",
                    &format!("name '{f}' is not defined"),
                ));
            }
            out.push(Expr::new(ExprKind::Call {
                callee: Box::new(var(f)),
                args,
            }));
            out
        };
        if ctx.info.locals.contains("main") {
            self.construct("handler main(args)");
            out.extend(call("main", vec![input]));
        } else if ctx.info.locals.contains("lambda_handler") {
            self.construct("handler lambda_handler(event, context)");
            out.extend(call("lambda_handler", vec![input, lambda_context()]));
        } else if self.diagnostics.is_empty() {
            self.invalid(
                "no handler: define `def main(args)` (OpenWhisk) or `def lambda_handler(event, context)` (AWS)",
                handler_span,
            );
        }
        out
    }

    /// Lowers the prelude functions the program used (and those they use).
    fn prelude(&mut self) {
        if self.prelude_used.is_empty() && self.builtin_wrappers.is_empty() {
            return;
        }
        let (module, errors) = crate::parse(PRELUDE);
        debug_assert!(errors.is_empty(), "the prelude parses: {errors:?}");
        let saved = std::mem::take(&mut self.diagnostics);
        self.in_prelude = true;
        self.stack
            .push(Ctx::new(String::new(), ScopeInfo::default(), &[]));
        let mut done = std::mem::take(&mut self.prelude_done);
        loop {
            let todo: Vec<String> = self.prelude_used.difference(&done).cloned().collect();
            if todo.is_empty() {
                break;
            }
            for name in todo {
                done.insert(name.clone());
                let def = module
                    .iter()
                    .find(|s| matches!(&s.kind, StmtKind::Def { name: n, .. } if *n == name));
                if let Some(Stmt {
                    kind: StmtKind::Def { name, params, body },
                    span,
                }) = def
                {
                    self.function(&format!("${name}"), params, Body::Stmts(body), *span);
                }
            }
        }
        self.prelude_done = done;
        self.stack.pop();
        self.in_prelude = false;
        for w in std::mem::take(&mut self.builtin_wrappers) {
            self.builtin_wrapper(&w);
        }
        // A prelude problem is a frontend bug: keep it visible but never panic.
        self.diagnostics = saved
            .into_iter()
            .chain(self.diagnostics.drain(..))
            .collect();
    }

    /// Lowers a function body to a FunDef; returns its name and captures.
    fn function(&mut self, qualname: &str, params: &[Param], body: Body<'_>, span: Span) -> String {
        let info = match body {
            Body::Stmts(stmts) => ScopeInfo::analyse(params, stmts),
            Body::Expr(_) => ScopeInfo::analyse(params, &[]),
        };
        let name = self.fun_name(qualname);
        let mut seen = HashSet::new();
        for p in params {
            if !seen.insert(&p.name) {
                self.invalid(
                    format!("duplicate argument '{}' in function definition", p.name),
                    p.span,
                );
            }
        }
        for n in info.nonlocals.clone() {
            let found = (1..self.stack.len())
                .rev()
                .any(|d| self.stack[d].info.locals.contains(&n));
            if !found || self.stack.len() == 1 && !self.in_prelude {
                let at = match body {
                    Body::Stmts(stmts) => scope::find_nonlocal(stmts, &n).unwrap_or(span),
                    Body::Expr(_) => span,
                };
                self.invalid(format!("no binding for nonlocal '{n}' found"), at);
            }
        }
        self.stack
            .push(Ctx::new(qualname.to_string(), info, params));
        let mut out = Vec::new();
        match body {
            Body::Stmts(stmts) => {
                self.stmts(stmts, &mut out);
                out.push(Expr::new(ExprKind::Null));
            }
            Body::Expr(e) => {
                let v = self.expr(e, &mut out);
                out.push(v);
            }
        }
        let ctx = self.stack.pop().expect("pushed above");
        let mut full: Vec<Expr> = ctx
            .hoisted
            .iter()
            .map(|n| let_(n, Expr::new(ExprKind::Undefined)))
            .collect();
        full.extend(out);
        let mut captures: Vec<(String, usize)> = ctx.free.into_iter().collect();
        captures.sort();
        for (c, depth) in &captures {
            if self.stack.last().is_some_and(|p| p.own.contains(c)) && *depth != self.depth() {
                self.unsupported(
                    &format!(
                        "a `global {c}` declaration under a function that binds `{c}` locally"
                    ),
                    span,
                );
            }
            self.use_core(c, *depth);
        }
        self.functions.push(FunDef {
            name: name.clone(),
            params: params.iter().map(|p| p.name.clone()).collect(),
            captures: captures.into_iter().map(|(c, _)| c).collect(),
            body: full,
            span: Some(span),
        });
        name
    }

    /// The qualname of a function defined in the current scope.
    fn qualname(&self, name: &str) -> String {
        let parent = &self.stack.last().expect("inside a scope").qualname;
        if parent.is_empty() {
            name.to_string()
        } else {
            format!("{parent}.<locals>.{name}")
        }
    }
}

// ----- IR construction helpers

pub(crate) fn var(name: &str) -> Expr {
    Expr::new(ExprKind::Var {
        name: name.to_string(),
    })
}

pub(crate) fn let_(name: &str, value: Expr) -> Expr {
    Expr::new(ExprKind::Let {
        name: name.to_string(),
        value: Box::new(value),
    })
}

pub(crate) fn set_var(name: &str, value: Expr) -> Expr {
    Expr::new(ExprKind::Set {
        target: tracelab_ir::LValue::Var {
            name: name.to_string(),
        },
        value: Box::new(value),
    })
}

pub(crate) fn str_lit(s: &str) -> Expr {
    Expr::new(ExprKind::Str {
        value: s.to_string(),
    })
}

pub(crate) fn int_lit(n: i64) -> Expr {
    Expr::new(ExprKind::Int { value: n.into() })
}

pub(crate) fn prim(op: tracelab_ir::PrimOp, args: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Prim { op, args })
}

pub(crate) fn if_(cond: Expr, then: Vec<Expr>, otherwise: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::If {
        cond: Box::new(cond),
        then,
        otherwise,
    })
}

/// `bool(e)` as a condition; comparisons and `not` already give booleans.
pub(crate) fn truthy(e: Expr) -> Expr {
    use tracelab_ir::PrimOp as P;
    match &e.kind {
        ExprKind::Bool { .. } => e,
        ExprKind::Prim {
            op:
                P::PyEq
                | P::PyNe
                | P::PyLt
                | P::PyLe
                | P::PyGt
                | P::PyGe
                | P::PyIs
                | P::PyIn
                | P::PyNot
                | P::PyTruthy
                | P::ErrorIs,
            ..
        } => e,
        _ => prim(P::PyTruthy, vec![e]),
    }
}

/// `throw error.new(class, message)`.
pub(crate) fn raise(class: &str, message: &str) -> Expr {
    Expr::new(ExprKind::Throw {
        value: Box::new(prim(
            tracelab_ir::PrimOp::ErrorNew,
            vec![str_lit(class), str_lit(message)],
        )),
    })
}

/// `if py.is(x, undefined) { throw class(message) }`.
pub(crate) fn unbound_check(core: &str, class: &str, message: &str) -> Expr {
    let test = prim(
        tracelab_ir::PrimOp::PyIs,
        vec![var(core), Expr::new(ExprKind::Undefined)],
    );
    if_(test, vec![raise(class, message)], vec![])
}

/// The minimal AWS context object `oracle/harness.py` passes (a dict; attribute reads work).
fn lambda_context() -> Expr {
    let field = |name: &str, value: Expr| tracelab_ir::Field {
        name: name.to_string(),
        value,
    };
    Expr::new(ExprKind::Object {
        fields: vec![
            field("function_name", str_lit("tracelab")),
            field("memory_limit_in_mb", int_lit(128)),
            field("aws_request_id", str_lit("tracelab-request")),
        ],
    })
}

/// The module globals certainly assigned before module code can run a function: the
/// names bound by the leading run of `def`s, imports and call-free assignments.
fn safe_prefix(module: &[Stmt]) -> HashSet<String> {
    let mut safe = HashSet::new();
    for s in module {
        match &s.kind {
            StmtKind::Def { name, params, .. }
                if params
                    .iter()
                    .all(|p| p.default.as_ref().is_none_or(|d| !d.has_call())) =>
            {
                safe.insert(name.clone());
            }
            StmtKind::Assign { targets, value } if !value.has_call() => {
                for t in targets {
                    match &t.kind {
                        crate::ast::ExprKind::Name(n) => {
                            safe.insert(n.clone());
                        }
                        _ => return safe,
                    }
                }
            }
            StmtKind::Import(_) | StmtKind::Pass | StmtKind::Global(_) => {}
            _ => return safe,
        }
    }
    safe
}
