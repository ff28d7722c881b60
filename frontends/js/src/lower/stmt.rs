//! Statements. Loops become `label brk { while c { label cont { body } update } }`, so
//! `break` and `continue` are breaks to those labels; `return e` is `break return e`.

use super::ir::*;
use super::{BindKind, LoopCtx, Lowerer, Scope};
use crate::ast::{self, DeclKind, Expr as JsExpr, ExprKind as K, Ident, Stmt, StmtKind};
use std::collections::HashMap;
use tracelab_ir::{Catch, DiagnosticKind, Expr, ExprKind, PrimOp, RETURN_LABEL};

impl Lowerer<'_> {
    pub(super) fn lower_stmt(&mut self, s: &Stmt, out: &mut Vec<Expr>) {
        match &s.kind {
            StmtKind::Empty => {}
            StmtKind::Function(f) => {
                // Annex B.3.3: a declaration in a block also sets the function's `var`.
                let name = &f.name.as_ref().expect("declarations are named").name;
                let func = self.current_func();
                let base = self
                    .scopes
                    .iter()
                    .find(|s| s.func == func)
                    .and_then(|s| s.vars.get(name));
                let inner = self.scopes.last().and_then(|s| s.vars.get(name));
                if let (Some(base), Some(inner)) = (base, inner) {
                    if base.ir != inner.ir && base.kind == BindKind::Var {
                        let (base, inner) = (base.ir.clone(), inner.ir.clone());
                        self.construct("function declaration in a block");
                        out.push(set_var(&base, var(&inner)));
                    }
                }
            }
            StmtKind::Decl(kind, decls) => {
                self.construct(match kind {
                    DeclKind::Var => "var declaration",
                    DeclKind::Let => "let declaration",
                    DeclKind::Const => "const declaration",
                });
                for d in decls {
                    let (binding, _) = self
                        .resolve(&d.name.name)
                        .expect("declarations are hoisted");
                    match (&d.init, kind) {
                        (Some(init), _) => {
                            let v = self.named_value(init, &d.name.name);
                            out.push(set_var(&binding.ir, v));
                        }
                        // `let x;` resets x to undefined each time it runs (in a loop body).
                        (None, DeclKind::Let) => out.push(set_var(&binding.ir, undef())),
                        (None, DeclKind::Const) => self.error(
                            DiagnosticKind::Invalid,
                            "Missing initializer in const declaration",
                            d.name.span,
                        ),
                        (None, DeclKind::Var) => {}
                    }
                    if let Some(flag) = &binding.tdz_flag {
                        out.push(set_var(flag, boolean(true)));
                    }
                }
            }
            StmtKind::Expr(x) => {
                self.construct("expression statement");
                let v = self.effect(x);
                out.push(v);
            }
            StmtKind::If(c, t, f) => {
                self.construct("if");
                let cond = self.condition(c);
                let then = self.sub_block(t);
                let otherwise = f.as_ref().map(|f| self.sub_block(f)).unwrap_or_default();
                out.push(if_(cond, then, otherwise));
            }
            StmtKind::Block(stmts) => {
                self.construct("block");
                let body = self.scoped(stmts);
                out.push(e(ExprKind::Block { body }));
            }
            StmtKind::While(..)
            | StmtKind::DoWhile(..)
            | StmtKind::For { .. }
            | StmtKind::ForOf { .. } => self.lower_loop(s, Vec::new(), out),
            StmtKind::Labeled(..) => {
                self.construct("labeled statement");
                let mut labels = Vec::new();
                let mut inner = s;
                while let StmtKind::Labeled(l, body) = &inner.kind {
                    labels.push(l.name.clone());
                    inner = body;
                }
                self.lower_loop(inner, labels, out);
            }
            StmtKind::Return(v) => {
                self.construct("return");
                let value = v.as_ref().map_or_else(undef, |v| self.expr(v));
                if !self.funcs.last().is_some_and(|f| f.is_function) {
                    self.error(DiagnosticKind::Invalid, "Illegal return statement", s.span);
                }
                out.push(break_(RETURN_LABEL, value));
            }
            StmtKind::Break(label) => {
                self.construct("break");
                if let Some(target) = self.jump_target(label.as_ref(), s, false) {
                    out.push(break_(&target, undef()));
                }
            }
            StmtKind::Continue(label) => {
                self.construct("continue");
                if let Some(target) = self.jump_target(label.as_ref(), s, true) {
                    out.push(break_(&target, undef()));
                }
            }
            StmtKind::Throw(x) => {
                self.construct("throw");
                let v = self.expr(x);
                out.push(throw(v));
            }
            StmtKind::Try {
                body,
                catch,
                finally,
            } => {
                let body = self.scoped(body);
                if catch.is_some() {
                    self.construct("try … catch");
                }
                if finally.is_some() {
                    self.construct("try … finally");
                }
                let catch = catch.as_ref().map(|(param, stmts)| {
                    let func = self.current_func();
                    self.scopes.push(Scope {
                        vars: HashMap::new(),
                        func,
                    });
                    let name = match param {
                        Some(p) => self.declare(&p.name, BindKind::Let, None, p.span),
                        None => {
                            self.construct("catch without a binding");
                            self.temp("exc")
                        }
                    };
                    let mut b = Vec::new();
                    self.lower_stmts(stmts, &mut b);
                    self.scopes.pop();
                    Catch { name, body: b }
                });
                let finally = finally.as_ref().map(|f| self.scoped(f));
                out.push(e(ExprKind::Try {
                    body,
                    catch,
                    finally,
                }));
            }
        }
    }

    /// A nested statement (an `if` arm, a loop body) in its own block scope.
    fn sub_block(&mut self, s: &Stmt) -> Vec<Expr> {
        match &s.kind {
            StmtKind::Block(stmts) => self.scoped(stmts),
            _ => self.scoped(std::slice::from_ref(s)),
        }
    }

    pub(super) fn scoped(&mut self, stmts: &[Stmt]) -> Vec<Expr> {
        let func = self.current_func();
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func,
        });
        let mut out = Vec::new();
        self.lower_stmts(stmts, &mut out);
        self.scopes.pop();
        out
    }

    /// The IR label a `break`/`continue` jumps to.
    fn jump_target(&mut self, label: Option<&Ident>, s: &Stmt, cont: bool) -> Option<String> {
        let loops = &self.funcs.last().expect("a function context is open").loops;
        let found = match label {
            None => loops.last(),
            Some(l) => loops.iter().rev().find(|c| c.labels.contains(&l.name)),
        }
        .map(|c| (c.brk.clone(), c.cont.clone()));
        if label.is_some() && found.is_some() {
            self.construct("labeled break / continue");
        }
        match (found, label) {
            (Some((brk, c)), _) => Some(if cont { c } else { brk }),
            (None, Some(l)) => {
                self.error(
                    DiagnosticKind::Invalid,
                    format!("Undefined label '{}'", l.name),
                    l.span,
                );
                None
            }
            (None, None) => {
                let what = if cont {
                    "Illegal continue statement: no surrounding iteration statement"
                } else {
                    "Illegal break statement"
                };
                self.error(DiagnosticKind::Invalid, what, s.span);
                None
            }
        }
    }

    fn push_loop(&mut self, labels: Vec<String>) -> (String, String) {
        let brk = self.temp("brk");
        let cont = self.temp("cont");
        self.funcs
            .last_mut()
            .expect("a function context is open")
            .loops
            .push(LoopCtx {
                labels,
                brk: brk.clone(),
                cont: cont.clone(),
            });
        (brk, cont)
    }

    fn pop_loop(&mut self) {
        self.funcs
            .last_mut()
            .expect("a function context is open")
            .loops
            .pop();
    }

    fn lower_loop(&mut self, s: &Stmt, labels: Vec<String>, out: &mut Vec<Expr>) {
        match &s.kind {
            StmtKind::While(c, body) => {
                self.construct("while");
                let (brk, cont) = self.push_loop(labels);
                let cond = self.condition(c);
                let body = self.sub_block(body);
                self.pop_loop();
                out.push(label(&brk, vec![while_(cond, vec![label(&cont, body)])]));
            }
            StmtKind::DoWhile(body, c) => {
                self.construct("do … while");
                let (brk, cont) = self.push_loop(labels);
                let body = self.sub_block(body);
                let cond = self.condition(c);
                self.pop_loop();
                let exit = if_(not(cond), vec![break_(&brk, undef())], vec![]);
                out.push(label(
                    &brk,
                    vec![while_(boolean(true), vec![label(&cont, body), exit])],
                ));
            }
            StmtKind::For {
                init,
                test,
                update,
                body,
            } => self.lower_for(
                init.as_deref(),
                test.as_ref(),
                update.as_ref(),
                body,
                labels,
                out,
            ),
            StmtKind::ForOf {
                decl,
                name,
                iter,
                body,
            } => self.lower_for_of(*decl, name, iter, body, labels, out),
            _ => unreachable!("the grammar puts labels on loops only"),
        }
    }

    fn lower_for(
        &mut self,
        init: Option<&Stmt>,
        test: Option<&JsExpr>,
        update: Option<&JsExpr>,
        body: &Stmt,
        labels: Vec<String>,
        out: &mut Vec<Expr>,
    ) {
        self.construct("for");
        let func = self.current_func();
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func,
        });
        let mut head = Vec::new();
        let lexical = matches!(
            init,
            Some(Stmt {
                kind: StmtKind::Decl(DeclKind::Let | DeclKind::Const, _),
                ..
            })
        );
        if let Some(init) = init {
            self.lower_stmts(std::slice::from_ref(init), &mut head);
        }
        // Per-iteration bindings (ECMAScript CreatePerIterationEnvironment) matter only when
        // a closure can capture them; otherwise one binding for the loop is the same.
        let per_iteration = lexical
            && (body_has_function(body)
                || test.is_some_and(has_function)
                || update.is_some_and(has_function));
        let (brk, cont) = self.push_loop(labels);
        if !per_iteration {
            let cond = test.map_or_else(|| boolean(true), |t| self.condition(t));
            let mut body = vec![label(&cont, self.sub_block(body))];
            if let Some(u) = update {
                body.push(self.effect(u));
            }
            self.pop_loop();
            self.scopes.pop();
            head.push(label(&brk, vec![while_(cond, body)]));
            out.push(e(ExprKind::Block { body: head }));
            return;
        }
        // Each iteration copies the loop variables into fresh cells, then updates them.
        self.construct("for with per-iteration bindings");
        let outer: Vec<(String, String)> = {
            let scope = self.scopes.last_mut().expect("pushed above");
            let mut v: Vec<(String, String)> = scope
                .vars
                .iter()
                .map(|(k, b)| (k.clone(), b.ir.clone()))
                .collect();
            v.sort();
            v
        };
        let first = self.temp("first");
        head.push(let_(&first, boolean(true)));
        let mut iteration = Vec::new();
        for (js, outer_ir) in &outer {
            let fresh = self.fresh_name(js);
            let scope = self.scopes.last_mut().expect("pushed above");
            if let Some(b) = scope.vars.get_mut(js) {
                b.ir = fresh.clone();
                b.tdz_end = None;
            }
            iteration.push(let_(&fresh, var(outer_ir)));
        }
        let step = update.map(|u| self.effect(u)).unwrap_or_else(undef);
        iteration.push(if_(
            var(&first),
            vec![set_var(&first, boolean(false))],
            vec![step],
        ));
        if let Some(t) = test {
            let c = self.condition(t);
            iteration.push(if_(not(c), vec![break_(&brk, undef())], vec![]));
        }
        iteration.push(label(&cont, self.sub_block(body)));
        for (js, outer_ir) in &outer {
            let inner = self
                .scopes
                .last()
                .and_then(|s| s.vars.get(js))
                .map(|b| b.ir.clone())
                .expect("bound above");
            iteration.push(set_var(outer_ir, var(&inner)));
        }
        self.pop_loop();
        self.scopes.pop();
        head.push(label(&brk, vec![while_(boolean(true), iteration)]));
        out.push(e(ExprKind::Block { body: head }));
    }

    fn lower_for_of(
        &mut self,
        decl: Option<DeclKind>,
        name: &Ident,
        iter: &JsExpr,
        body: &Stmt,
        labels: Vec<String>,
        out: &mut Vec<Expr>,
    ) {
        self.construct("for … of");
        let items = self.temp("items");
        let i = self.temp("i");
        let iterable = self.expr(iter);
        let mut head = vec![
            let_(&items, prim(PrimOp::JsIterable, vec![iterable])),
            let_(&i, num(0.0)),
        ];
        let (brk, cont) = self.push_loop(labels);
        let func = self.current_func();
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func,
        });
        let mut iteration = Vec::new();
        let item = index(var(&items), var(&i));
        match decl {
            Some(DeclKind::Let | DeclKind::Const) => {
                let kind = if decl == Some(DeclKind::Let) {
                    BindKind::Let
                } else {
                    BindKind::Const
                };
                let ir = self.declare(&name.name, kind, None, name.span);
                iteration.push(let_(&ir, item));
            }
            _ => {
                let target = JsExpr {
                    kind: K::Ident(name.name.clone()),
                    span: name.span,
                };
                let assign = self.assign_to(&target, item, name.span);
                iteration.push(assign);
            }
        }
        iteration.push(set_var(&i, prim(PrimOp::JsAdd, vec![var(&i), num(1.0)])));
        iteration.push(label(&cont, self.sub_block(body)));
        self.scopes.pop();
        self.pop_loop();
        let cond = prim(PrimOp::JsLt, vec![var(&i), get(var(&items), "length")]);
        head.push(label(&brk, vec![while_(cond, iteration)]));
        out.push(e(ExprKind::Block { body: head }));
    }
}

fn body_has_function(s: &Stmt) -> bool {
    let (mut found, mut declared) = (false, false);
    walk_stmt(
        s,
        &mut |x| found |= matches!(x.kind, K::Function(_)),
        &mut declared,
    );
    found || declared
}

fn has_function(x: &JsExpr) -> bool {
    let mut found = false;
    walk_expr(x, &mut |x| found |= matches!(x.kind, K::Function(_)));
    found
}

fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&JsExpr), fun: &mut bool) {
    match &s.kind {
        StmtKind::Function(_) => *fun = true,
        StmtKind::Decl(_, ds) => ds
            .iter()
            .filter_map(|d| d.init.as_ref())
            .for_each(|x| walk_expr(x, f)),
        StmtKind::Expr(x) | StmtKind::Throw(x) => walk_expr(x, f),
        StmtKind::Return(x) => x.iter().for_each(|x| walk_expr(x, f)),
        StmtKind::If(c, a, b) => {
            walk_expr(c, f);
            walk_stmt(a, f, fun);
            if let Some(b) = b {
                walk_stmt(b, f, fun);
            }
        }
        StmtKind::While(c, b) | StmtKind::DoWhile(b, c) => {
            walk_expr(c, f);
            walk_stmt(b, f, fun);
        }
        StmtKind::For {
            init,
            test,
            update,
            body,
        } => {
            if let Some(i) = init {
                walk_stmt(i, f, fun);
            }
            test.iter()
                .chain(update.iter())
                .for_each(|x| walk_expr(x, f));
            walk_stmt(body, f, fun);
        }
        StmtKind::ForOf { iter, body, .. } => {
            walk_expr(iter, f);
            walk_stmt(body, f, fun);
        }
        StmtKind::Labeled(_, b) => walk_stmt(b, f, fun),
        StmtKind::Block(b) => b.iter().for_each(|s| walk_stmt(s, f, fun)),
        StmtKind::Try {
            body,
            catch,
            finally,
        } => {
            body.iter().for_each(|s| walk_stmt(s, f, fun));
            if let Some((_, c)) = catch {
                c.iter().for_each(|s| walk_stmt(s, f, fun));
            }
            if let Some(fin) = finally {
                fin.iter().for_each(|s| walk_stmt(s, f, fun));
            }
        }
        StmtKind::Break(_) | StmtKind::Continue(_) | StmtKind::Empty => {}
    }
}

/// Visits an expression and its sub-expressions (not the bodies of nested functions).
fn walk_expr(x: &JsExpr, f: &mut dyn FnMut(&JsExpr)) {
    f(x);
    match &x.kind {
        K::Template(_, xs) | K::Array(xs) | K::Seq(xs) => xs.iter().for_each(|x| walk_expr(x, f)),
        K::Object(props) => props.iter().for_each(|p| {
            if let ast::PropKey::Computed(k) = &p.key {
                walk_expr(k, f);
            }
            walk_expr(&p.value, f);
        }),
        K::Member(o, _) | K::Unary(_, o) | K::Update(_, _, o) | K::Paren(o) => walk_expr(o, f),
        K::Index(a, b) | K::Binary(_, a, b) | K::Logical(_, a, b) | K::Assign(_, a, b) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        K::Call(c, args) | K::New(c, args) => {
            walk_expr(c, f);
            args.iter().for_each(|x| walk_expr(x, f));
        }
        K::Cond(a, b, c) => {
            walk_expr(a, f);
            walk_expr(b, f);
            walk_expr(c, f);
        }
        K::Num(_) | K::Str(_) | K::Bool(_) | K::Null | K::Ident(_) | K::Function(_) => {}
    }
}
