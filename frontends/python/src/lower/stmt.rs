//! Statements.

use super::{
    if_, int_lit, let_, prim, raise, set_var, sp, str_lit, truthy, var, Binding, Body, Lowerer,
};
use crate::ast::{self, Arg, ExprKind as A, StmtKind as S};
use tracelab_ir::{Catch, Expr, ExprKind, LValue, PrimOp, Span, RETURN_LABEL};

fn label(name: &str, body: Vec<Expr>) -> Expr {
    Expr::new(ExprKind::Label {
        name: name.to_string(),
        body,
    })
}

fn brk(name: &str, value: Expr) -> Expr {
    Expr::new(ExprKind::Break {
        label: name.to_string(),
        value: Box::new(value),
    })
}

fn null() -> Expr {
    Expr::new(ExprKind::Null)
}

impl Lowerer {
    pub(super) fn stmts(&mut self, body: &[ast::Stmt], out: &mut Vec<Expr>) {
        for s in body {
            self.stmt(s, out);
        }
    }

    /// Lowers statements in a nested, conditionally-run block.
    fn block(&mut self, body: &[ast::Stmt]) -> Vec<Expr> {
        let mut out = Vec::new();
        let saved = self.ctx().assigned.clone();
        self.stmts(body, &mut out);
        // What a conditionally-run block assigns is not certain after it.
        self.ctx().assigned = saved;
        out
    }

    fn stmt(&mut self, s: &ast::Stmt, out: &mut Vec<Expr>) {
        let span = s.span;
        match &s.kind {
            S::Expr(e) => {
                self.construct("expression statement");
                let v = self.expr(e, out);
                // A bare name or literal has no effect but its check; keep calls named.
                if !matches!(v.kind, ExprKind::Var { .. } | ExprKind::Null) {
                    out.push(v);
                }
            }
            S::Assign { targets, value } => {
                if targets.len() > 1 {
                    self.construct("chained assignment");
                }
                for t in targets {
                    match &t.kind {
                        A::Name(_) => self.construct("assignment"),
                        A::Subscript(..) => self.construct("subscript assignment"),
                        A::Tuple(_) | A::List(_) => self.construct("unpacking assignment"),
                        _ => {}
                    }
                }
                let v = self.expr(value, out);
                let v = if targets.len() > 1 {
                    self.bind_temp(v, "v", out)
                } else {
                    v
                };
                for t in targets {
                    self.assign(t, v.clone(), out);
                }
            }
            S::AugAssign { target, op, value } => self.aug_assign(target, *op, value, span, out),
            S::Def { name, params, body } => {
                self.construct("def");
                let defaults = self.defaults(name, params, out);
                let qual = self.qualname(name);
                let func = self.function(&qual, params, Body::Stmts(body), span);
                let clos = sp(ExprKind::Closure { func }, span);
                self.assign_name(name, clos, span, out);
                if let Some(d) = defaults {
                    self.ctx().defaults.insert(name.clone(), d);
                }
            }
            S::Return(e) => {
                self.construct("return");
                if self.depth() == 0 {
                    return self.invalid("'return' outside function", span);
                }
                let v = match e {
                    Some(e) => self.expr(e, out),
                    None => null(),
                };
                out.push(sp(
                    ExprKind::Break {
                        label: RETURN_LABEL.into(),
                        value: Box::new(v),
                    },
                    span,
                ));
            }
            S::If {
                cond,
                then,
                otherwise,
            } => {
                self.construct("if");
                let c = self.expr(cond, out);
                let then = self.block(then);
                let otherwise = self.block(otherwise);
                out.push(sp(
                    ExprKind::If {
                        cond: Box::new(truthy(c)),
                        then,
                        otherwise,
                    },
                    span,
                ));
            }
            S::While {
                cond,
                body,
                otherwise,
            } => {
                self.construct("while");
                if !otherwise.is_empty() {
                    self.construct("while … else");
                }
                let (b, c) = (self.temp("break"), self.temp("continue"));
                let mut cond_out = Vec::new();
                let cv = self.expr(cond, &mut cond_out);
                self.ctx().loops.push((b.clone(), c.clone()));
                let inner = self.block(body);
                self.ctx().loops.pop();
                let mut loop_body = Vec::new();
                let test = if cond_out.is_empty() {
                    truthy(cv)
                } else {
                    // The condition needs statements: test it inside `while true`.
                    self.construct("while with a call in its condition");
                    let end = self.temp("end");
                    loop_body.extend(cond_out);
                    loop_body.push(if_(truthy(cv), vec![], vec![brk(&end, null())]));
                    loop_body.push(label(&c, inner));
                    let w = sp(
                        ExprKind::While {
                            cond: Box::new(bool_lit(true)),
                            body: loop_body,
                        },
                        span,
                    );
                    let mut all = vec![label(&end, vec![w])];
                    all.extend(self.block(otherwise));
                    out.push(label(&b, all));
                    return;
                };
                loop_body.push(label(&c, inner));
                let mut all = vec![sp(
                    ExprKind::While {
                        cond: Box::new(test),
                        body: loop_body,
                    },
                    span,
                )];
                all.extend(self.block(otherwise));
                out.push(label(&b, all));
            }
            S::For {
                target,
                iter,
                body,
                otherwise,
            } => {
                self.construct("for");
                if !otherwise.is_empty() {
                    self.construct("for … else");
                }
                let (b, c) = (self.temp("break"), self.temp("continue"));
                self.ctx().loops.push((b.clone(), c.clone()));
                let lowered = self.for_loop(target, iter, span, out, &mut |l: &mut Lowerer,
                                                                           _out: &mut Vec<
                    Expr,
                >| {
                    vec![label(&c, l.block(body))]
                });
                self.ctx().loops.pop();
                let mut all = lowered;
                all.extend(self.block(otherwise));
                out.push(label(&b, all));
            }
            S::Break | S::Continue => match self.stack.last().and_then(|c| c.loops.last()).cloned()
            {
                Some((b, c)) => {
                    let target = if matches!(s.kind, S::Break) {
                        self.construct("break");
                        b
                    } else {
                        self.construct("continue");
                        c
                    };
                    out.push(sp(
                        ExprKind::Break {
                            label: target,
                            value: Box::new(null()),
                        },
                        span,
                    ));
                }
                None => {
                    let what = if matches!(s.kind, S::Break) {
                        "'break' outside loop"
                    } else {
                        "'continue' not properly in loop"
                    };
                    self.invalid(what, span)
                }
            },
            S::Pass => self.construct("pass"),
            S::Del(targets) => {
                for t in targets {
                    match &t.kind {
                        A::Subscript(o, i) if !matches!(i.kind, A::Slice(..)) => {
                            self.construct("del");
                            let o = self.atom(o, i.has_call(), out);
                            let i = self.expr(i, out);
                            out.push(sp(
                                ExprKind::Prim {
                                    op: PrimOp::PyDelItem,
                                    args: vec![o, i],
                                },
                                t.span,
                            ));
                        }
                        _ => self.unsupported("`del` of anything but a subscript", t.span),
                    }
                }
            }
            S::Raise(e) => self.raise(e.as_ref(), span, out),
            S::Try {
                body,
                handlers,
                otherwise,
                finally,
            } => self.try_stmt(body, handlers, otherwise, finally, span, out),
            S::Assert { test, message } => {
                self.construct("assert");
                let t = self.expr(test, out);
                let mut fail = Vec::new();
                let msg = match message {
                    Some(m) => {
                        let m = self.expr(m, &mut fail);
                        prim(PrimOp::PyStr, vec![m])
                    }
                    None => str_lit(""),
                };
                fail.push(Expr::new(ExprKind::Throw {
                    value: Box::new(prim(PrimOp::ErrorNew, vec![str_lit("AssertionError"), msg])),
                }));
                out.push(sp(
                    ExprKind::If {
                        cond: Box::new(truthy(t)),
                        then: vec![],
                        otherwise: fail,
                    },
                    span,
                ));
            }
            S::Global(names) | S::Nonlocal(names) => {
                if matches!(s.kind, S::Nonlocal(_)) {
                    self.construct("nonlocal");
                    if self.depth() == 0 {
                        self.invalid("nonlocal declaration not allowed at module level", span);
                    }
                } else {
                    self.construct("global");
                }
                let _ = names;
            }
            S::Import(modules) => {
                for (m, mspan) in modules {
                    if m == "containerless" && self.depth() == 0 {
                        self.construct("import containerless");
                        self.containerless = true;
                    } else {
                        self.unsupported(
                            &format!("`import {m}` (only `import containerless` at module level)"),
                            *mspan,
                        );
                    }
                }
            }
            S::Unsupported(what) => self.unsupported(what, span),
            S::Error => {}
        }
    }

    /// Evaluates default arguments once, at `def` time, into hidden cells.
    fn defaults(
        &mut self,
        name: &str,
        params: &[ast::Param],
        out: &mut Vec<Expr>,
    ) -> Option<Vec<Option<String>>> {
        if params.iter().all(|p| p.default.is_none()) {
            return None;
        }
        self.construct("def with defaults");
        let mut cells = Vec::new();
        for (i, p) in params.iter().enumerate() {
            match &p.default {
                Some(d) => {
                    let v = self.expr(d, out);
                    self.counter += 1;
                    let cell = format!("{name}$default{i}_{}", self.counter);
                    // Declared at the top of the scope: calls after an `if` still see it.
                    self.ctx().own.insert(cell.clone());
                    self.ctx().hoisted.push(cell.clone());
                    out.push(set_var(&cell, v));
                    cells.push(Some(cell));
                }
                None => cells.push(None),
            }
        }
        Some(cells)
    }

    pub(super) fn bind_temp(&mut self, v: Expr, hint: &str, out: &mut Vec<Expr>) -> Expr {
        if matches!(v.kind, ExprKind::Var { ref name } if name.starts_with('$'))
            || matches!(
                v.kind,
                ExprKind::Int { .. }
                    | ExprKind::Str { .. }
                    | ExprKind::Null
                    | ExprKind::Bool { .. }
                    | ExprKind::Float { .. }
            )
        {
            return v;
        }
        let t = self.temp(hint);
        out.push(let_(&t, v));
        var(&t)
    }

    /// Assigns a Python name.
    pub(super) fn assign_name(&mut self, name: &str, v: Expr, span: Span, out: &mut Vec<Expr>) {
        // Analysis binds every assigned name; only a `nonlocal` without binding (already
        // reported) resolves otherwise.
        if let Binding::Var { depth, core } = self.resolve(name) {
            self.use_core(&core, depth);
            if depth == self.depth() {
                self.ctx().assigned.insert(core.clone());
            }
            let target = LValue::Var { name: core };
            out.push(sp(
                ExprKind::Set {
                    target,
                    value: Box::new(v),
                },
                span,
            ));
        }
    }

    /// Assigns a value (already evaluated) to a target.
    pub(super) fn assign(&mut self, target: &ast::Expr, v: Expr, out: &mut Vec<Expr>) {
        match &target.kind {
            A::Name(n) => self.assign_name(n, v, target.span, out),
            A::Subscript(o, i) => {
                if matches!(i.kind, A::Slice(..)) {
                    return self.unsupported("slice assignment", target.span);
                }
                let o = self.atom(o, i.has_call(), out);
                let i = self.atom(i, false, out);
                let t = LValue::Index {
                    object: Box::new(o),
                    index: Box::new(i),
                };
                out.push(sp(
                    ExprKind::Set {
                        target: t,
                        value: Box::new(v),
                    },
                    target.span,
                ));
            }
            A::Tuple(items) | A::List(items) => {
                let v = self.bind_temp(v, "v", out);
                let parts = self.temp("parts");
                out.push(let_(
                    &parts,
                    prim(PrimOp::PyUnpack, vec![v, int_lit(items.len() as i64)]),
                ));
                for (k, item) in items.iter().enumerate() {
                    let e = Expr::new(ExprKind::Index {
                        object: Box::new(var(&parts)),
                        index: Box::new(int_lit(k as i64)),
                    });
                    self.assign(item, e, out);
                }
            }
            A::Attribute(..) => self.unsupported("attribute assignment", target.span),
            A::Unsupported(what) => self.unsupported(what, target.span),
            _ => self.invalid("cannot assign to expression", target.span),
        }
    }

    fn aug_assign(
        &mut self,
        target: &ast::Expr,
        op: ast::BinOp,
        value: &ast::Expr,
        span: Span,
        out: &mut Vec<Expr>,
    ) {
        match &target.kind {
            A::Name(n) => {
                self.construct("augmented assignment");
                let current = self.name(n, target.span, out);
                let current = if value.has_call() {
                    self.bind_temp(current, "cur", out)
                } else {
                    current
                };
                let v = self.atom(value, false, out);
                let r = self.binop(op, current, v, true, span);
                self.assign_name(n, r, target.span, out);
            }
            A::Subscript(o, i) if !matches!(i.kind, A::Slice(..)) => {
                self.construct("augmented subscript assignment");
                let o = self.atom(o, true, out);
                let i = self.atom(i, true, out);
                let current = Expr::new(ExprKind::Index {
                    object: Box::new(o.clone()),
                    index: Box::new(i.clone()),
                });
                let current = self.bind_temp(current, "cur", out);
                let v = self.atom(value, false, out);
                let r = self.binop(op, current, v, true, span);
                let t = LValue::Index {
                    object: Box::new(o),
                    index: Box::new(i),
                };
                out.push(sp(
                    ExprKind::Set {
                        target: t,
                        value: Box::new(r),
                    },
                    span,
                ));
            }
            _ => self.unsupported("this augmented assignment target", target.span),
        }
    }

    fn raise(&mut self, e: Option<&ast::Expr>, span: Span, out: &mut Vec<Expr>) {
        let Some(e) = e else {
            self.construct("bare raise");
            match self.stack.last().and_then(|c| c.handling.last()).cloned() {
                Some(h) => out.push(sp(
                    ExprKind::Throw {
                        value: Box::new(var(&h)),
                    },
                    span,
                )),
                None => out.push(raise("RuntimeError", "No active exception to reraise")),
            }
            return;
        };
        // `raise ValueError` raises an instance made without arguments.
        if let A::Name(n) = &e.kind {
            if matches!(self.resolve(n), Binding::Builtin(_)) && super::builtins::is_exception(n) {
                self.construct("raise ExceptionClass");
                let v = prim(PrimOp::ErrorNew, vec![str_lit(n), str_lit("")]);
                out.push(sp(ExprKind::Throw { value: Box::new(v) }, span));
                return;
            }
        }
        let is_class_call = matches!(&e.kind, A::Call(f, _)
            if matches!(&f.kind, A::Name(n) if super::builtins::is_exception(n) && matches!(self.resolve(n), Binding::Builtin(_))));
        let v = self.expr(e, out);
        if is_class_call {
            self.construct("raise ExceptionClass(…)");
            out.push(sp(ExprKind::Throw { value: Box::new(v) }, span));
            return;
        }
        self.construct("raise expression");
        let v = self.bind_temp(v, "exc", out);
        let test = prim(PrimOp::ErrorIs, vec![v.clone(), str_lit("BaseException")]);
        let ok = Expr::new(ExprKind::Throw { value: Box::new(v) });
        out.push(sp(
            ExprKind::If {
                cond: Box::new(test),
                then: vec![ok],
                otherwise: vec![raise(
                    "TypeError",
                    "exceptions must derive from BaseException",
                )],
            },
            span,
        ));
    }

    fn try_stmt(
        &mut self,
        body: &[ast::Stmt],
        handlers: &[ast::Handler],
        otherwise: &[ast::Stmt],
        finally: &Option<Vec<ast::Stmt>>,
        span: Span,
        out: &mut Vec<Expr>,
    ) {
        let mut inner = self.block(body);
        if !otherwise.is_empty() {
            self.construct("try … else");
        }
        let ok_flag = if !otherwise.is_empty() && !handlers.is_empty() {
            let f = self.temp("ok");
            inner.push(set_var(&f, bool_lit(true)));
            Some(f)
        } else {
            None
        };
        let mut core = Vec::new();
        if let Some(f) = &ok_flag {
            core.push(let_(f, bool_lit(false)));
        }
        if handlers.is_empty() {
            core.extend(inner);
        } else {
            self.construct("try … except");
            let exc = self.temp("exc");
            self.ctx().handling.push(exc.clone());
            // Handlers are tried in order; none matching re-raises.
            let mut chain = vec![Expr::new(ExprKind::Throw {
                value: Box::new(var(&exc)),
            })];
            for h in handlers.iter().rev() {
                let mut hbody = Vec::new();
                let saved = self.ctx().assigned.clone();
                if let Some(n) = &h.name {
                    self.construct("except … as name");
                    self.assign_name(n, var(&exc), h.span, &mut hbody);
                }
                hbody.extend(self.block(&h.body));
                self.ctx().assigned = saved;
                if let Some(n) = &h.name {
                    // CPython deletes the name when the handler ends.
                    self.assign_name(n, Expr::new(ExprKind::Undefined), h.span, &mut hbody);
                    self.ctx().assigned.remove(n);
                }
                chain = match &h.classes {
                    None => {
                        self.construct("bare except");
                        hbody
                    }
                    Some(classes) => {
                        let test = self.exception_test(&var(&exc), classes);
                        vec![sp(
                            ExprKind::If {
                                cond: Box::new(test),
                                then: hbody,
                                otherwise: chain,
                            },
                            h.span,
                        )]
                    }
                };
            }
            self.ctx().handling.pop();
            core.push(sp(
                ExprKind::Try {
                    body: inner,
                    catch: Some(Catch {
                        name: exc,
                        body: chain,
                    }),
                    finally: None,
                },
                span,
            ));
        }
        if let Some(f) = ok_flag {
            let els = self.block(otherwise);
            core.push(if_(var(&f), els, vec![]));
        } else if !otherwise.is_empty() {
            core.extend(self.block(otherwise));
        }
        match finally {
            Some(fin) => {
                self.construct("try … finally");
                let fin = self.block(fin);
                out.push(sp(
                    ExprKind::Try {
                        body: core,
                        catch: None,
                        finally: Some(fin),
                    },
                    span,
                ));
            }
            None => out.extend(core),
        }
    }

    /// `error.is(e, C)` for an `except C` / `except (C1, C2)` clause.
    fn exception_test(&mut self, e: &Expr, classes: &ast::Expr) -> Expr {
        let names: Vec<&ast::Expr> = match &classes.kind {
            A::Tuple(items) => {
                self.construct("except (A, B)");
                items.iter().collect()
            }
            _ => vec![classes],
        };
        let mut test: Option<Expr> = None;
        for c in names.into_iter().rev() {
            let t = match &c.kind {
                A::Name(n) if super::builtins::is_exception(n) => {
                    prim(PrimOp::ErrorIs, vec![e.clone(), str_lit(n)])
                }
                _ => {
                    self.unsupported(
                        "an `except` clause whose class is not a builtin exception name",
                        c.span,
                    );
                    bool_lit(false)
                }
            };
            test = Some(match test {
                None => t,
                Some(rest) => if_(t, vec![bool_lit(true)], vec![rest]),
            });
        }
        test.unwrap_or_else(|| bool_lit(false))
    }

    /// A `for` loop (or comprehension clause) without its labels: returns the statements
    /// that run it; `body` lowers the loop body once the target is assigned.
    pub(super) fn for_loop(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        span: Span,
        out: &mut Vec<Expr>,
        body: &mut dyn FnMut(&mut Lowerer, &mut Vec<Expr>) -> Vec<Expr>,
    ) -> Vec<Expr> {
        if let Some(r) = self.range_loop(target, iter, span, out, body) {
            return r;
        }
        let it = self.expr(iter, out);
        let seq = self.temp("seq");
        let i = self.temp("i");
        out.push(sp(
            ExprKind::Let {
                name: seq.clone(),
                value: Box::new(prim(PrimOp::PyIter, vec![it])),
            },
            iter.span,
        ));
        out.push(let_(&i, int_lit(0)));
        let cond = prim(
            PrimOp::PyLt,
            vec![var(&i), prim(PrimOp::PyLen, vec![var(&seq)])],
        );
        let item = self.temp("item");
        let mut w = vec![
            let_(
                &item,
                Expr::new(ExprKind::Index {
                    object: Box::new(var(&seq)),
                    index: Box::new(var(&i)),
                }),
            ),
            set_var(&i, prim(PrimOp::PyAdd, vec![var(&i), int_lit(1)])),
        ];
        let saved = self.ctx().assigned.clone();
        self.assign(target, var(&item), &mut w);
        let b = body(self, &mut w);
        self.ctx().assigned = saved;
        w.extend(b);
        vec![sp(
            ExprKind::While {
                cond: Box::new(cond),
                body: w,
            },
            span,
        )]
    }

    /// `for x in range(…)` with a literal (or absent) step counts without a list.
    fn range_loop(
        &mut self,
        target: &ast::Expr,
        iter: &ast::Expr,
        span: Span,
        out: &mut Vec<Expr>,
        body: &mut dyn FnMut(&mut Lowerer, &mut Vec<Expr>) -> Vec<Expr>,
    ) -> Option<Vec<Expr>> {
        let A::Call(f, args) = &iter.kind else {
            return None;
        };
        let A::Name(n) = &f.kind else { return None };
        if n != "range" || !matches!(self.resolve(n), Binding::Builtin(_)) {
            return None;
        }
        let pos: Vec<&ast::Expr> = args
            .iter()
            .filter_map(|a| {
                if let Arg::Positional(e) = a {
                    Some(e)
                } else {
                    None
                }
            })
            .collect();
        if pos.len() != args.len() || pos.is_empty() || pos.len() > 3 {
            return None;
        }
        let step: i64 = match pos.get(2) {
            None => 1,
            Some(e) => match &e.kind {
                A::Int(s) => s.parse().ok()?,
                A::Unary(ast::UnOp::Neg, x) => match &x.kind {
                    A::Int(s) => -s.parse::<i64>().ok()?,
                    _ => return None,
                },
                _ => return None,
            },
        };
        if step == 0 {
            return None;
        }
        self.construct("for … in range(…)");
        let index = |l: &mut Lowerer, e: &ast::Expr, out: &mut Vec<Expr>| {
            let v = l.expr(e, out);
            let checked = prim(PrimOp::PyBuiltin, vec![str_lit("range_arg"), v]);
            l.bind_temp(checked, "r", out)
        };
        let (start, stop) = if pos.len() == 1 {
            (int_lit(0), index(self, pos[0], out))
        } else {
            let a = index(self, pos[0], out);
            (a, index(self, pos[1], out))
        };
        let i = self.temp("i");
        out.push(let_(&i, start));
        let cmp = if step > 0 { PrimOp::PyLt } else { PrimOp::PyGt };
        let cond = prim(cmp, vec![var(&i), stop]);
        let item = self.temp("item");
        let mut w = vec![
            let_(&item, var(&i)),
            set_var(&i, prim(PrimOp::PyAdd, vec![var(&i), int_lit(step)])),
        ];
        let saved = self.ctx().assigned.clone();
        self.assign(target, var(&item), &mut w);
        let b = body(self, &mut w);
        self.ctx().assigned = saved;
        w.extend(b);
        Some(vec![sp(
            ExprKind::While {
                cond: Box::new(cond),
                body: w,
            },
            span,
        )])
    }
}

pub(super) fn bool_lit(b: bool) -> Expr {
    Expr::new(ExprKind::Bool { value: b })
}
