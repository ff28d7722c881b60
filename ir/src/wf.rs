//! The well-formedness checker. It never fails: it returns every problem it finds as data.
//!
//! A well-formed program at a [`Level`]:
//! - uses only the forms of that level (no `unknown`, guards, aliases or traced callbacks in
//!   core programs; no `register` in traces);
//! - has `unknown` only as the last expression of a block;
//! - breaks only to a label that encloses the break in the same function body
//!   (every function body is under [`RETURN_LABEL`]);
//! - reads and assigns only bound identifiers (a `let` binds for the rest of its block; the
//!   program body starts with `input` bound; a function body with its parameters and
//!   captures; a callback body with its `clos` and `param`; a handler with its error name);
//! - applies every primitive to as many arguments as it takes;
//! - names functions that exist (closures, guard cases), once each, with distinct parameters
//!   (an inlined case binds as many as its function), and
//!   creates a closure only where everything it captures is bound;
//! - registers callbacks only for asynchronous events.

use crate::ast::{
    CaseBody, Catch, EventKind, Expr, ExprKind, FunDef, LValue, Level, Program, RETURN_LABEL,
};
use crate::span::Span;
use std::collections::HashSet;

/// The name bound to the invocation's input at the start of a program body.
pub const INPUT_VAR: &str = "input";

/// One well-formedness problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WfError {
    pub message: String,
    pub span: Option<Span>,
    /// Where in the program: `body`, `function f`, `callback`.
    pub context: String,
}

impl std::fmt::Display for WfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (in {})", self.message, self.context)
    }
}

/// Checks a program; an empty vector means well-formed.
pub fn check(program: &Program, level: Level) -> Vec<WfError> {
    let mut checker = Checker {
        program,
        level,
        errors: Vec::new(),
        context: String::new(),
    };
    checker.program();
    checker.errors
}

struct Checker<'p> {
    program: &'p Program,
    level: Level,
    errors: Vec<WfError>,
    context: String,
}

/// Lexical scope: bound variables (innermost last) and enclosing labels.
#[derive(Clone, Default)]
struct Scope {
    vars: Vec<String>,
    labels: Vec<String>,
}

impl Scope {
    fn binds(&self, name: &str) -> bool {
        self.vars.iter().any(|v| v == name)
    }
}

impl<'p> Checker<'p> {
    fn error(&mut self, span: Option<Span>, message: impl Into<String>) {
        self.errors.push(WfError {
            message: message.into(),
            span,
            context: self.context.clone(),
        });
    }

    fn program(&mut self) {
        let mut names = HashSet::new();
        for f in &self.program.functions {
            if !names.insert(f.name.as_str()) {
                self.context = format!("function {}", f.name);
                self.error(f.span, format!("function `{}` is defined twice", f.name));
            }
        }
        for f in &self.program.functions {
            self.function(f);
        }
        self.context = "body".into();
        let mut scope = Scope {
            vars: vec![INPUT_VAR.into()],
            labels: vec![],
        };
        self.block(&self.program.body, &mut scope);
    }

    fn function(&mut self, f: &FunDef) {
        self.context = format!("function {}", f.name);
        let mut seen = HashSet::new();
        for p in f.params.iter().chain(&f.captures) {
            if !seen.insert(p.as_str()) {
                self.error(
                    f.span,
                    format!("`{p}` is bound twice among the parameters and captures"),
                );
            }
        }
        let vars = f.params.iter().chain(&f.captures).cloned().collect();
        let mut scope = Scope {
            vars,
            labels: vec![RETURN_LABEL.into()],
        };
        self.block(&f.body, &mut scope);
    }

    /// Checks a block in its own scope (its lets do not escape).
    fn block(&mut self, body: &[Expr], scope: &mut Scope) {
        let (vars, labels) = (scope.vars.len(), scope.labels.len());
        for (i, e) in body.iter().enumerate() {
            if matches!(e.kind, ExprKind::Unknown) && i + 1 != body.len() {
                self.error(e.span, "`unknown` must be the last expression of its block");
            }
            self.expr(e, scope);
        }
        scope.vars.truncate(vars);
        scope.labels.truncate(labels);
    }

    fn nested_block(&mut self, body: &[Expr], scope: &Scope) {
        let mut inner = scope.clone();
        self.block(body, &mut inner);
    }

    fn expr(&mut self, e: &Expr, scope: &mut Scope) {
        let span = e.span;
        if self.level == Level::Core && e.kind.is_trace_only() {
            self.error(
                span,
                format!("`{}` may appear only in traces", e.kind.tag()),
            );
        }
        if self.level == Level::Trace && e.kind.is_core_only() {
            self.error(
                span,
                format!("`{}` may appear only in core programs", e.kind.tag()),
            );
        }
        match &e.kind {
            ExprKind::Undefined
            | ExprKind::Null
            | ExprKind::Bool { .. }
            | ExprKind::Int { .. }
            | ExprKind::Float { .. }
            | ExprKind::Str { .. }
            | ExprKind::Unknown => {}
            ExprKind::Var { name } => self.read(name, span, scope),
            ExprKind::Let { name, value } => {
                self.expr(value, scope);
                scope.vars.push(name.clone());
            }
            ExprKind::Typed { value, .. } => self.expr(value, scope),
            ExprKind::Set { target, value } => {
                match target {
                    LValue::Var { name } => self.read(name, span, scope),
                    LValue::Field { object, .. } => self.expr(object, scope),
                    LValue::Index { object, index } => {
                        self.expr(object, scope);
                        self.expr(index, scope);
                    }
                }
                self.expr(value, scope);
            }
            ExprKind::Block { body } => self.nested_block(body, scope),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                self.expr(cond, scope);
                self.nested_block(then, scope);
                self.nested_block(otherwise, scope);
            }
            ExprKind::While { cond, body } => {
                self.expr(cond, scope);
                self.nested_block(body, scope);
            }
            ExprKind::Label { name, body } => {
                let mut inner = scope.clone();
                inner.labels.push(name.clone());
                self.block(body, &mut inner);
            }
            ExprKind::Break { label, value } => {
                self.expr(value, scope);
                if !scope.labels.contains(label) {
                    self.error(
                        span,
                        format!("`break {label}` is not inside a label `{label}`"),
                    );
                }
            }
            ExprKind::Object { fields } => {
                let mut names = HashSet::new();
                for field in fields {
                    if !names.insert(field.name.as_str()) {
                        self.error(
                            span,
                            format!("field `{}` appears twice in an object literal", field.name),
                        );
                    }
                    self.expr(&field.value, scope);
                }
            }
            ExprKind::Array { items } => self.exprs(items, scope),
            ExprKind::Get { object, .. } => self.expr(object, scope),
            ExprKind::Index { object, index } => {
                self.expr(object, scope);
                self.expr(index, scope);
            }
            ExprKind::Prim { op, args } => {
                if !op.arity().accepts(args.len()) {
                    self.error(
                        span,
                        format!("`{op}` takes {}, not {}", op.arity(), args.len()),
                    );
                }
                self.exprs(args, scope);
            }
            ExprKind::Closure { func } => {
                match self.program.function(func) {
                    None => self.error(span, format!("no function is named `{func}`")),
                    Some(f) => {
                        for c in &f.captures {
                            if !scope.binds(c) {
                                self.error(span, format!("closure of `{func}` captures `{c}`, which is not bound here"));
                            }
                        }
                    }
                }
            }
            ExprKind::Call { callee, args } => {
                self.expr(callee, scope);
                self.exprs(args, scope);
            }
            ExprKind::Throw { value } => self.expr(value, scope),
            ExprKind::Try {
                body,
                catch,
                finally,
            } => {
                if catch.is_none() && finally.is_none() {
                    self.error(span, "`try` needs a `catch` or a `finally`");
                }
                self.nested_block(body, scope);
                if let Some(Catch { name, body }) = catch {
                    let mut inner = scope.clone();
                    inner.vars.push(name.clone());
                    self.block(body, &mut inner);
                }
                if let Some(body) = finally {
                    self.nested_block(body, scope);
                }
            }
            ExprKind::Event { event, arg } => {
                if *event == EventKind::Listen {
                    self.error(
                        span,
                        "`listen` is asynchronous: use `register` or `callback`",
                    );
                }
                self.expr(arg, scope);
            }
            ExprKind::Register {
                event,
                arg,
                callback,
            } => {
                self.asynchronous(*event, span);
                self.expr(arg, scope);
                self.expr(callback, scope);
            }
            ExprKind::Guard {
                callee,
                args,
                cases,
            } => {
                self.expr(callee, scope);
                self.exprs(args, scope);
                let mut seen = HashSet::new();
                for case in cases {
                    if !seen.insert(case.func.as_str()) {
                        self.error(span, format!("guard has two cases for `{}`", case.func));
                    }
                    let Some(def) = self.program.function(&case.func) else {
                        self.error(span, format!("no function is named `{}`", case.func));
                        continue;
                    };
                    if let CaseBody::Inline { clos, params, body } = &case.body {
                        if params.len() != def.params.len() {
                            self.error(
                                span,
                                format!(
                                    "the inlined `{}` binds {} parameters, the function has {}",
                                    case.func,
                                    params.len(),
                                    def.params.len()
                                ),
                            );
                        }
                        // Like a function body: only the closure and the parameters are bound.
                        let vars = std::iter::once(clos).chain(params).cloned().collect();
                        let mut inner = Scope {
                            vars,
                            labels: vec![RETURN_LABEL.into()],
                        };
                        self.block(body, &mut inner);
                    }
                }
            }
            ExprKind::Alias { name, closure, .. } => {
                self.expr(closure, scope);
                scope.vars.push(name.clone());
            }
            ExprKind::Callback {
                event,
                arg,
                callback,
                clos,
                param,
                body,
            } => {
                self.asynchronous(*event, span);
                self.expr(arg, scope);
                self.expr(callback, scope);
                // The body runs later, in an environment of its own: only `clos` and `param`.
                let mut inner = Scope {
                    vars: vec![clos.clone(), param.clone()],
                    labels: vec![],
                };
                self.block(body, &mut inner);
            }
        }
    }

    fn exprs(&mut self, es: &[Expr], scope: &mut Scope) {
        for e in es {
            self.expr(e, scope);
        }
    }

    fn read(&mut self, name: &str, span: Option<Span>, scope: &Scope) {
        if !scope.binds(name) {
            self.error(span, format!("`{name}` is not bound"));
        }
    }

    fn asynchronous(&mut self, event: EventKind, span: Option<Span>) {
        if !event.is_asynchronous() {
            self.error(
                span,
                format!("`{}` is not an asynchronous event", event.name()),
            );
        }
    }
}

/// The level a program needs: `Trace` when it uses a trace-only form, else `Core`.
pub fn required_level(program: &Program) -> Level {
    fn has_trace_form(e: &Expr) -> bool {
        let mut found = e.kind.is_trace_only();
        crate::visit::for_each_child(e, &mut |c| found = found || has_trace_form(c));
        found
    }
    let bodies = program
        .functions
        .iter()
        .map(|f| &f.body)
        .chain(std::iter::once(&program.body));
    if bodies.flatten().any(has_trace_form) {
        Level::Trace
    } else {
        Level::Core
    }
}

/// A program that passed [`check`] at the level it needs. Only a `Checked` program runs on
/// the machine, so the machine may rely on well-formedness instead of re-checking it.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    program: Program,
    level: Level,
}

impl Checked {
    /// Checks a program at [`required_level`].
    pub fn new(program: Program) -> Result<Checked, Vec<WfError>> {
        let level = required_level(&program);
        let errors = check(&program, level);
        if errors.is_empty() {
            Ok(Checked { program, level })
        } else {
            Err(errors)
        }
    }

    pub fn program(&self) -> &Program {
        &self.program
    }

    pub fn level(&self) -> Level {
        self.level
    }

    pub fn into_program(self) -> Program {
        self.program
    }
}
