//! Lowering of the JavaScript AST to core IR (`dialect js`).
//!
//! Names: every JavaScript binding gets an IR name unique in the program (`x`, then `x%2`
//! for the next binding called `x`), so shadowing, hoisting and lambda lifting need no
//! care about capture. Temporaries start with `%` and cannot clash with JavaScript names.
//!
//! Scopes: each block pre-declares its `let`/`const`/`function` bindings at its start, and
//! each function its `var`s (hoisted as `undefined`), so that a closure created anywhere in
//! the scope captures the binding's cell (functions are hoisted: their closures are made at
//! the start of the scope). A read of a `let`/`const` that is textually before the end of its
//! declaration in the same function is a ReferenceError (the temporal dead zone), decided
//! statically; a binding that a closure created before its declaration may read gets a
//! run-time flag, set by the declaration and checked by that closure's reads and writes.
//!
//! Functions are lambda-lifted: each becomes a `FunDef` whose captures are the bindings of
//! enclosing functions it (or a function nested in it) uses.

mod expr;
mod ir;
mod library;
mod stmt;

use crate::ast::{Body, DeclKind, Function, Stmt, StmtKind};
use std::collections::HashMap;
use tracelab_ir::{Diagnostic, DiagnosticKind, Dialect, Expr, FunDef, PrimOp, Program, Span};

use ir::*;

/// The JavaScript prelude: library functions that call closures, written in the subset.
pub const PRELUDE: &str = include_str!("../prelude.js");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BindKind {
    Var,
    Let,
    Const,
    Function,
    Param,
}

#[derive(Clone, Debug)]
struct Binding {
    ir: String,
    kind: BindKind,
    /// For `let`/`const`: the end of the declaration; reads before it (in the same
    /// function) are in the temporal dead zone.
    tdz_end: Option<usize>,
    /// Bound to `require('containerless')`: member calls on it are host events.
    module: bool,
    /// For a global created by assigning an undeclared name (sloppy mode): the IR flag
    /// telling whether it exists yet (reading it before is a ReferenceError).
    implicit: Option<String>,
    /// For a `let`/`const` that a closure created before its declaration may read: the IR
    /// flag telling whether it is initialised (reads before are a ReferenceError).
    tdz_flag: Option<String>,
}

struct Scope {
    vars: HashMap<String, Binding>,
    /// Index into `Lowerer::funcs` of the function the scope belongs to.
    func: usize,
}

struct LoopCtx {
    labels: Vec<String>,
    brk: String,
    cont: String,
}

struct FunCtx {
    /// Where the function starts in the source: a closure created before a declaration
    /// may run while the binding is uninitialised.
    start: usize,
    captures: Vec<String>,
    loops: Vec<LoopCtx>,
    /// False for module code, where `return` is not allowed.
    is_function: bool,
}

pub struct Lowerer<'s> {
    src: &'s str,
    functions: Vec<FunDef>,
    diags: Vec<Diagnostic>,
    /// How many bindings of each JavaScript name exist (for unique IR names).
    names: HashMap<String, usize>,
    fun_names: HashMap<String, usize>,
    temps: usize,
    scopes: Vec<Scope>,
    funcs: Vec<FunCtx>,
    /// Prelude functions already lowered: JavaScript name → FunDef name.
    prelude_done: HashMap<String, String>,
    /// Undeclared names the program assigns: globals in sloppy mode.
    implicit_found: Vec<String>,
    /// What a first lowering finds and a second one prepares for (see [`Seed`]).
    seed: Seed,
    found: Seed,
    /// The constructs of the user's program lowered so far.
    constructs: crate::Constructs,
}

/// What a lowering pass learns late and the next pass declares up front: globals created
/// by assignment, and `let`/`const` bindings (name, end of declaration) that need a
/// run-time initialisation flag.
#[derive(Clone, Default, PartialEq)]
struct Seed {
    implicit: Vec<String>,
    tdz: Vec<(String, usize)>,
}

/// Lowers a parsed program.
pub fn lower(src: &str, stmts: &[Stmt]) -> Result<Program, Vec<Diagnostic>> {
    lower_with_constructs(src, stmts).map(|(p, _)| p)
}

/// Like [`lower`], also returning the constructs the program used (those of the last pass).
pub fn lower_with_constructs(
    src: &str,
    stmts: &[Stmt],
) -> Result<(Program, crate::Constructs), Vec<Diagnostic>> {
    // Implicit globals and run-time TDZ checks are found by a first lowering, then
    // declared up front in a second one (which finds nothing new).
    let mut seed = Seed::default();
    for _ in 0..3 {
        match lower_with(src, stmts, &seed) {
            Ok(result) => return result,
            Err(found) => seed = found,
        }
    }
    Err(vec![Diagnostic::new(
        DiagnosticKind::Invalid,
        "internal error: the lowering did not settle",
        Span::default(),
        "here",
    )])
}

/// Lowers with what `seed` declares; `Err` with a larger seed when the pass found more.
fn lower_with(
    src: &str,
    stmts: &[Stmt],
    seed: &Seed,
) -> Result<Result<(Program, crate::Constructs), Vec<Diagnostic>>, Seed> {
    let mut l = Lowerer {
        src,
        functions: Vec::new(),
        diags: Vec::new(),
        // `input` is the IR variable holding the invocation's input.
        names: HashMap::from([("input".to_string(), 1)]),
        fun_names: HashMap::new(),
        temps: 0,
        scopes: Vec::new(),
        funcs: Vec::new(),
        prelude_done: HashMap::new(),
        implicit_found: Vec::new(),
        seed: seed.clone(),
        found: seed.clone(),
        constructs: crate::Constructs::new(),
    };
    l.funcs.push(FunCtx {
        start: 0,
        captures: Vec::new(),
        loops: Vec::new(),
        is_function: false,
    });
    l.scopes.push(Scope {
        vars: HashMap::new(),
        func: 0,
    });
    let mut body = Vec::new();
    for name in &seed.implicit {
        let ir = l.declare(name, BindKind::Var, None, Span::default());
        let flag = format!("{ir}%exists");
        if let Some(b) = l.scopes[0].vars.get_mut(name) {
            b.implicit = Some(flag.clone());
        }
        body.push(let_(&ir, undef()));
        body.push(let_(&flag, boolean(false)));
    }
    l.hoist_vars(stmts, &mut body);
    l.lower_stmts(stmts, &mut body);
    let mut found = l.found;
    found.implicit.extend(l.implicit_found);
    found.implicit.sort();
    found.implicit.dedup();
    found.tdz.sort();
    found.tdz.dedup();
    if found != *seed {
        return Err(found);
    }
    // OpenWhisk style: the value of the program is `main(input)` when `main` is a function.
    let main = l.scopes[0].vars.get("main").map(|b| b.ir.clone());
    body.push(match main {
        Some(m) => if_(
            prim(
                PrimOp::JsStrictEq,
                vec![prim(PrimOp::JsTypeof, vec![var(&m)]), string("function")],
            ),
            vec![call(var(&m), vec![var("input")])],
            vec![undef()],
        ),
        None => undef(),
    });
    if l.diags.is_empty() {
        let program = Program {
            dialect: Dialect::Js,
            functions: l.functions,
            body,
        };
        Ok(Ok((program, l.constructs)))
    } else {
        l.diags.sort_by_key(|d| (d.span.start, d.span.end));
        Ok(Err(l.diags))
    }
}

impl<'s> Lowerer<'s> {
    fn error(&mut self, kind: DiagnosticKind, message: impl Into<String>, span: Span) {
        let label = match kind {
            DiagnosticKind::Unsupported => "not supported",
            _ => "here",
        };
        self.diags.push(Diagnostic::new(kind, message, span, label));
    }

    fn unsupported(&mut self, what: &str, span: Span) {
        self.error(
            DiagnosticKind::Unsupported,
            format!("{what} is outside the tracelab JavaScript subset"),
            span,
        );
    }

    /// Records that the user's program used a construct (see [`crate::constructs`]).
    fn construct(&mut self, name: &str) {
        if self.src != PRELUDE {
            if let Some(c) = crate::constructs::lookup(name) {
                self.constructs.insert(c);
            }
        }
    }

    fn text(&self, span: Span) -> &'s str {
        self.src.get(span.range()).unwrap_or("")
    }

    fn temp(&mut self, hint: &str) -> String {
        self.temps += 1;
        format!("%{hint}{}", self.temps)
    }

    fn fresh_name(&mut self, js: &str) -> String {
        let n = self.names.entry(js.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            js.to_string()
        } else {
            format!("{js}%{n}")
        }
    }

    fn fresh_fun_name(&mut self, js: &str) -> String {
        let n = self.fun_names.entry(js.to_string()).or_insert(0);
        *n += 1;
        if *n == 1 {
            js.to_string()
        } else {
            format!("{js}%{n}")
        }
    }

    /// Declares a binding in the innermost scope and returns its IR name.
    fn declare(
        &mut self,
        name: &str,
        kind: BindKind,
        tdz_end: Option<usize>,
        span: Span,
    ) -> String {
        let scope = self.scopes.last().expect("a scope is always open");
        if let Some(old) = scope.vars.get(name).cloned() {
            let redeclarable = matches!(
                old.kind,
                BindKind::Var | BindKind::Function | BindKind::Param
            ) && matches!(kind, BindKind::Var | BindKind::Function);
            if redeclarable {
                return old.ir.clone();
            }
            self.error(
                DiagnosticKind::Invalid,
                format!("Identifier '{name}' has already been declared"),
                span,
            );
            return old.ir;
        }
        let ir = self.fresh_name(name);
        let binding = Binding {
            ir: ir.clone(),
            kind,
            tdz_end,
            module: false,
            implicit: None,
            tdz_flag: None,
        };
        self.scopes
            .last_mut()
            .expect("a scope is always open")
            .vars
            .insert(name.to_string(), binding);
        ir
    }

    fn current_func(&self) -> usize {
        self.funcs.len() - 1
    }

    /// Resolves a name, recording it as a capture of every function between its scope
    /// and the current one. Returns the binding and whether it lives in this function.
    fn resolve(&mut self, name: &str) -> Option<(Binding, bool)> {
        let (binding, owner) = self
            .scopes
            .iter()
            .rev()
            .find_map(|s| s.vars.get(name).map(|b| (b.clone(), s.func)))?;
        let current = self.current_func();
        if let (Some(end), None) = (binding.tdz_end, &binding.tdz_flag) {
            if owner < current && self.funcs[owner + 1].start < end {
                self.found.tdz.push((name.to_string(), end));
            }
        }
        for f in owner + 1..=current {
            let flags = binding.implicit.iter().chain(binding.tdz_flag.iter());
            for name in std::iter::once(&binding.ir).chain(flags) {
                if !self.funcs[f].captures.contains(name) {
                    self.funcs[f].captures.push(name.clone());
                }
            }
        }
        Some((binding, owner == current))
    }

    /// Declares the `var`s of a function body (or of the module) as `undefined`.
    fn hoist_vars(&mut self, stmts: &[Stmt], out: &mut Vec<Expr>) {
        let (mut names, mut annex) = (Vec::new(), Vec::new());
        for s in stmts {
            collect_vars(s, &mut names, &mut annex, false);
        }
        // An Annex B binding is skipped where a top-level `let`/`const` has the name.
        let lexical: Vec<&str> = stmts
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::Decl(DeclKind::Let | DeclKind::Const, ds) => Some(ds),
                _ => None,
            })
            .flatten()
            .map(|d| d.name.name.as_str())
            .collect();
        names.extend(
            annex
                .into_iter()
                .filter(|(n, _)| !lexical.contains(&n.as_str())),
        );
        for (name, span) in names {
            let existed = self
                .scopes
                .last()
                .is_some_and(|s| s.vars.contains_key(&name));
            let ir = self.declare(&name, BindKind::Var, None, span);
            if !existed {
                out.push(let_(&ir, undef()));
            }
        }
    }

    /// Lowers the statements of a block whose scope is already open: its lexical
    /// declarations first (as `undefined`), then its hoisted functions, then the code.
    fn lower_stmts(&mut self, stmts: &[Stmt], out: &mut Vec<Expr>) {
        let mut functions = Vec::new();
        for s in stmts {
            match &s.kind {
                StmtKind::Decl(kind @ (DeclKind::Let | DeclKind::Const), decls) => {
                    let bkind = if *kind == DeclKind::Let {
                        BindKind::Let
                    } else {
                        BindKind::Const
                    };
                    for d in decls {
                        let end = d.init.as_ref().map_or(d.name.span.end, |i| i.span.end) as usize;
                        let ir = self.declare(&d.name.name, bkind, Some(end), d.name.span);
                        if is_require(d.init.as_ref(), "containerless") {
                            self.mark_module(&d.name.name);
                        }
                        out.push(let_(&ir, undef()));
                        if self.seed.tdz.contains(&(d.name.name.clone(), end)) {
                            let flag = format!("{ir}%init");
                            if let Some(b) = self
                                .scopes
                                .last_mut()
                                .and_then(|s| s.vars.get_mut(&d.name.name))
                            {
                                b.tdz_flag = Some(flag.clone());
                            }
                            out.push(let_(&flag, boolean(false)));
                        }
                    }
                }
                StmtKind::Decl(DeclKind::Var, decls) => {
                    for d in decls {
                        if is_require(d.init.as_ref(), "containerless") {
                            self.mark_module(&d.name.name);
                        }
                    }
                }
                StmtKind::Function(f) => {
                    let name = f.name.as_ref().expect("declarations are named");
                    let existed = self
                        .scopes
                        .last()
                        .is_some_and(|s| s.vars.contains_key(&name.name));
                    let ir = self.declare(&name.name, BindKind::Function, None, name.span);
                    if !existed {
                        out.push(let_(&ir, undef()));
                    }
                    self.construct("function declaration");
                    functions.push((ir, f));
                }
                _ => {}
            }
        }
        for (ir, f) in functions {
            let fname = self.lower_function(f, None);
            out.push(set_var(&ir, clos(&fname)));
        }
        for s in stmts {
            self.lower_stmt(s, out);
        }
    }

    fn mark_module(&mut self, name: &str) {
        for s in self.scopes.iter_mut().rev() {
            if let Some(b) = s.vars.get_mut(name) {
                b.module = true;
                return;
            }
        }
    }

    /// Lambda-lifts a function; returns the name of its `FunDef`.
    fn lower_function(&mut self, f: &Function, hint: Option<&str>) -> String {
        let js_name = f
            .name
            .as_ref()
            .map(|n| n.name.as_str())
            .or(hint)
            .unwrap_or("anonymous");
        let fname = self.fresh_fun_name(js_name);
        self.lower_function_as(f, fname)
    }

    fn lower_function_as(&mut self, f: &Function, fname: String) -> String {
        let func = self.funcs.len();
        self.funcs.push(FunCtx {
            start: f.span.start as usize,
            captures: Vec::new(),
            loops: Vec::new(),
            is_function: true,
        });
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func,
        });
        let params: Vec<String> = f
            .params
            .iter()
            .map(|p| self.declare(&p.name, BindKind::Param, None, p.span))
            .collect();
        let mut body = Vec::new();
        match &f.body {
            Body::Block(stmts) => {
                self.hoist_vars(stmts, &mut body);
                self.lower_stmts(stmts, &mut body);
                body.push(undef());
            }
            Body::Expr(x) => {
                let v = self.expr(x);
                body.push(v);
            }
        }
        self.scopes.pop();
        let ctx = self.funcs.pop().expect("pushed above");
        self.functions.push(FunDef {
            name: fname.clone(),
            params,
            captures: ctx.captures,
            body,
            span: Some(f.span),
        });
        fname
    }

    /// A closure of a prelude function, lowering it on first use.
    fn prelude(&mut self, name: &str) -> Expr {
        if let Some(f) = self.prelude_done.get(name) {
            return clos(f);
        }
        let stmts =
            crate::parse::parse(PRELUDE).expect("the prelude is valid JavaScript of the subset");
        let Some(f) = stmts.iter().find_map(|s| match &s.kind {
            StmtKind::Function(f) if f.name.as_ref().is_some_and(|n| n.name == name) => {
                Some(f.clone())
            }
            _ => None,
        }) else {
            unreachable!("the prelude defines `{name}`")
        };
        // Prelude functions see only globals: lower them outside the user's scopes.
        let scopes = std::mem::take(&mut self.scopes);
        let funcs = std::mem::take(&mut self.funcs);
        let src = std::mem::replace(&mut self.src, PRELUDE);
        self.funcs.push(FunCtx {
            start: 0,
            captures: Vec::new(),
            loops: Vec::new(),
            is_function: false,
        });
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func: 0,
        });
        // Named with a `%`, which no JavaScript function name contains; recorded before
        // lowering so that a recursive prelude function finds itself.
        let fname = format!("%{}", name.trim_start_matches("$tl_"));
        self.prelude_done.insert(name.to_string(), fname.clone());
        let lowered = self.lower_function_as(&f, fname);
        self.scopes = scopes;
        self.funcs = funcs;
        self.src = src;
        clos(&lowered)
    }
}

fn is_require(init: Option<&crate::ast::Expr>, module: &str) -> bool {
    use crate::ast::ExprKind as K;
    match init.map(|e| &e.kind) {
        Some(K::Call(callee, args)) => {
            matches!(&callee.kind, K::Ident(n) if n == "require")
                && matches!(args.as_slice(), [a] if matches!(&a.kind, K::Str(s) if s == module))
        }
        _ => false,
    }
}

/// The `var` declarations of a function body, not looking into nested functions.
/// `annex` receives the function declarations nested in blocks: sloppy-mode JavaScript
/// (ECMAScript Annex B.3.3) also binds them as `var`s of the enclosing function.
fn collect_vars(
    s: &Stmt,
    out: &mut Vec<(String, Span)>,
    annex: &mut Vec<(String, Span)>,
    nested: bool,
) {
    match &s.kind {
        StmtKind::Decl(DeclKind::Var, decls) => {
            out.extend(decls.iter().map(|d| (d.name.name.clone(), d.name.span)));
        }
        StmtKind::If(_, a, b) => {
            collect_vars(a, out, annex, true);
            if let Some(b) = b {
                collect_vars(b, out, annex, true);
            }
        }
        StmtKind::While(_, b) | StmtKind::DoWhile(b, _) | StmtKind::Labeled(_, b) => {
            collect_vars(b, out, annex, true)
        }
        StmtKind::For { init, body, .. } => {
            if let Some(i) = init {
                collect_vars(i, out, annex, true);
            }
            collect_vars(body, out, annex, true);
        }
        StmtKind::ForOf {
            decl, name, body, ..
        } => {
            if *decl == Some(DeclKind::Var) {
                out.push((name.name.clone(), name.span));
            }
            collect_vars(body, out, annex, true);
        }
        StmtKind::Function(f) if nested => {
            if let Some(n) = &f.name {
                annex.push((n.name.clone(), n.span));
            }
        }
        StmtKind::Block(b) => b.iter().for_each(|s| collect_vars(s, out, annex, true)),
        StmtKind::Try {
            body,
            catch,
            finally,
        } => {
            body.iter().for_each(|s| collect_vars(s, out, annex, true));
            if let Some((_, c)) = catch {
                c.iter().for_each(|s| collect_vars(s, out, annex, true));
            }
            if let Some(f) = finally {
                f.iter().for_each(|s| collect_vars(s, out, annex, true));
            }
        }
        _ => {}
    }
}
