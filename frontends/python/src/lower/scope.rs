//! Python's scoping, decided before lowering: which names a function (or the module)
//! binds, which it declares `global`/`nonlocal`, and which it binds only by one `def`
//! (so that calls to it can fill in default and keyword arguments statically).

use crate::ast::{Expr, ExprKind, Param, Stmt, StmtKind};
use std::collections::{BTreeSet, HashMap};
use tracelab_ir::Span;

/// A `def`'s signature, for static calls.
#[derive(Clone, Debug)]
pub struct Signature {
    pub params: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct ScopeInfo {
    /// Names bound in the scope (assignment, `for`, `def`, `except … as`, parameters).
    pub locals: BTreeSet<String>,
    pub globals: BTreeSet<String>,
    pub nonlocals: BTreeSet<String>,
    /// How many statements bind each name (a `def` counts as one).
    pub bind_count: HashMap<String, usize>,
    /// Names bound only by a single `def`: their signature.
    pub defs: HashMap<String, Signature>,
    /// Names of `except … as` clauses: CPython unbinds them when the handler ends.
    pub handler_names: BTreeSet<String>,
}

impl ScopeInfo {
    pub fn analyse(params: &[Param], body: &[Stmt]) -> ScopeInfo {
        let mut info = ScopeInfo::default();
        for p in params {
            info.bind(&p.name);
        }
        info.stmts(body);
        for g in info
            .globals
            .clone()
            .iter()
            .chain(info.nonlocals.clone().iter())
        {
            info.locals.remove(g);
        }
        let counts = info.bind_count.clone();
        info.defs.retain(|name, _| counts.get(name) == Some(&1));
        info
    }

    fn bind(&mut self, name: &str) {
        self.locals.insert(name.to_string());
        *self.bind_count.entry(name.to_string()).or_default() += 1;
    }

    fn target(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.bind(n),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().for_each(|i| self.target(i))
            }
            _ => {}
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Assign { targets, .. } => targets.iter().for_each(|t| self.target(t)),
            StmtKind::AugAssign { target, .. } => self.target(target),
            StmtKind::Def { name, params, .. } => {
                self.bind(name);
                let sig = Signature {
                    params: params.iter().map(|p| p.name.clone()).collect(),
                };
                self.defs.insert(name.clone(), sig);
            }
            StmtKind::If {
                then, otherwise, ..
            } => {
                self.stmts(then);
                self.stmts(otherwise);
            }
            StmtKind::While {
                body, otherwise, ..
            } => {
                self.stmts(body);
                self.stmts(otherwise);
            }
            StmtKind::For {
                target,
                body,
                otherwise,
                ..
            } => {
                self.target(target);
                self.stmts(body);
                self.stmts(otherwise);
            }
            StmtKind::Try {
                body,
                handlers,
                otherwise,
                finally,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(n) = &h.name {
                        self.bind(n);
                        self.handler_names.insert(n.clone());
                    }
                    self.stmts(&h.body);
                }
                self.stmts(otherwise);
                if let Some(f) = finally {
                    self.stmts(f);
                }
            }
            StmtKind::Global(names) => self.globals.extend(names.iter().cloned()),
            StmtKind::Nonlocal(names) => self.nonlocals.extend(names.iter().cloned()),
            _ => {}
        }
    }
}

/// Every name some function anywhere declares `global` (the module binds them too).
pub fn declared_global(body: &[Stmt], out: &mut BTreeSet<String>) {
    for s in body {
        match &s.kind {
            StmtKind::Global(names) => out.extend(names.iter().cloned()),
            StmtKind::Def { body, .. } => declared_global(body, out),
            StmtKind::If {
                then: a,
                otherwise: b,
                ..
            }
            | StmtKind::While {
                body: a,
                otherwise: b,
                ..
            }
            | StmtKind::For {
                body: a,
                otherwise: b,
                ..
            } => {
                declared_global(a, out);
                declared_global(b, out);
            }
            StmtKind::Try {
                body,
                handlers,
                otherwise,
                finally,
            } => {
                declared_global(body, out);
                handlers.iter().for_each(|h| declared_global(&h.body, out));
                declared_global(otherwise, out);
                if let Some(f) = finally {
                    declared_global(f, out);
                }
            }
            _ => {}
        }
    }
}

/// The span of the `nonlocal` statement declaring `name` (not looking into nested defs).
pub fn find_nonlocal(body: &[Stmt], name: &str) -> Option<Span> {
    body.iter().find_map(|s| match &s.kind {
        StmtKind::Nonlocal(names) if names.iter().any(|n| n == name) => Some(s.span),
        StmtKind::If {
            then: a,
            otherwise: b,
            ..
        }
        | StmtKind::While {
            body: a,
            otherwise: b,
            ..
        }
        | StmtKind::For {
            body: a,
            otherwise: b,
            ..
        } => find_nonlocal(a, name).or_else(|| find_nonlocal(b, name)),
        StmtKind::Try {
            body,
            handlers,
            otherwise,
            finally,
        } => find_nonlocal(body, name)
            .or_else(|| handlers.iter().find_map(|h| find_nonlocal(&h.body, name)))
            .or_else(|| find_nonlocal(otherwise, name))
            .or_else(|| finally.as_ref().and_then(|f| find_nonlocal(f, name))),
        _ => None,
    })
}
