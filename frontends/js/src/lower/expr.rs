//! Expressions. Short-circuit operators become `if`s returning the operands; assignments
//! to fields and indices evaluate the object (and key) once, into temporaries.

use super::ir::*;
use super::{BindKind, Binding, Lowerer, Scope};
use crate::ast::{BinOp, Expr as JsExpr, ExprKind as K, Function, LogicOp, PropKey, UnaryOp};
use std::collections::HashMap;
use tracelab_ir::{Expr, ExprKind, Field, LValue, PrimOp, Span};

/// Where an assignment writes.
enum Place {
    Var(String),
    Const(String),
    /// A `let`/`const` read or written before its declaration.
    Dead(String),
    Undeclared(String),
    /// A global created by assignment: its IR name, its existence flag, its JS name.
    Implicit(String, String, String),
    /// A `let` written from a closure that may run before its initialisation.
    Checked(String, String, String),
    Field(Expr, String),
    Index(Expr, Expr),
}

/// Globals of Node that the subset does not model: naming them is `Unsupported`, not a
/// ReferenceError.
const UNMODELLED_GLOBALS: &[&str] = &[
    "Array",
    "Object",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "Promise",
    "Date",
    "RegExp",
    "Symbol",
    "BigInt",
    "process",
    "globalThis",
    "global",
    "window",
    "setTimeout",
    "setInterval",
    "clearTimeout",
    "arguments",
    "module",
    "exports",
    "eval",
    "Function",
    "Reflect",
    "Proxy",
    "Intl",
    "Buffer",
    "encodeURIComponent",
    "decodeURIComponent",
    "encodeURI",
    "decodeURI",
    "isFinite",
    "queueMicrotask",
    "structuredClone",
];

/// Library functions that may be used as values (`xs.map(Number)`): prelude wrappers.
const FUNCTION_VALUES: &[&str] = &[
    "Number",
    "String",
    "Boolean",
    "parseInt",
    "parseFloat",
    "isNaN",
];

/// The construct of a binary operator.
fn binop_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::Lt => "<",
        BinOp::Le => "<=",
        BinOp::Gt => ">",
        BinOp::Ge => ">=",
        BinOp::StrictEq => "===",
        BinOp::StrictNe => "!==",
        BinOp::LooseEq => "==",
        BinOp::LooseNe => "!=",
    }
}

pub(super) fn binop(op: BinOp) -> PrimOp {
    match op {
        BinOp::Add => PrimOp::JsAdd,
        BinOp::Sub => PrimOp::JsSub,
        BinOp::Mul => PrimOp::JsMul,
        BinOp::Div => PrimOp::JsDiv,
        BinOp::Mod => PrimOp::JsMod,
        BinOp::Pow => PrimOp::JsPow,
        BinOp::Lt => PrimOp::JsLt,
        BinOp::Le => PrimOp::JsLe,
        BinOp::Gt => PrimOp::JsGt,
        BinOp::Ge => PrimOp::JsGe,
        BinOp::StrictEq => PrimOp::JsStrictEq,
        BinOp::StrictNe => PrimOp::JsStrictNe,
        BinOp::LooseEq => PrimOp::JsLooseEq,
        BinOp::LooseNe => PrimOp::JsLooseNe,
    }
}

impl Lowerer<'_> {
    /// A condition: the expression's truthiness.
    pub(super) fn condition(&mut self, x: &JsExpr) -> Expr {
        let v = self.expr(x);
        truthy(v)
    }

    /// An expression evaluated for its effect only (an expression statement).
    pub(super) fn effect(&mut self, x: &JsExpr) -> Expr {
        match &x.kind {
            K::Assign(op, target, value) => self.assignment(*op, target, value, false, x.span),
            K::Update(inc, _, target) => self.update(*inc, true, target, false),
            K::Paren(inner) => self.effect(inner),
            _ => self.expr(x),
        }
    }

    /// The value of an initializer: function expressions take the variable's name.
    pub(super) fn named_value(&mut self, x: &JsExpr, name: &str) -> Expr {
        match &x.kind {
            K::Function(f) if f.name.is_none() => {
                self.construct("function expression");
                let fname = self.lower_function(f, Some(name));
                clos(&fname)
            }
            _ => self.expr(x),
        }
    }

    /// Whether a name is unbound by the program (so it names a global of Node).
    pub(super) fn is_global(&self, name: &str) -> bool {
        !self.scopes.iter().any(|s| s.vars.contains_key(name))
    }

    pub(super) fn expr(&mut self, x: &JsExpr) -> Expr {
        let span = x.span;
        let mut out = match &x.kind {
            K::Num(n) => {
                self.construct("number literal");
                num(*n)
            }
            K::Str(s) => {
                self.construct("string literal");
                string(s)
            }
            K::Bool(b) => {
                self.construct("boolean literal");
                boolean(*b)
            }
            K::Null => {
                self.construct("null");
                null()
            }
            K::Template(strs, exprs) => {
                self.construct("template literal");
                let mut parts = Vec::new();
                for (i, s) in strs.iter().enumerate() {
                    if !s.is_empty() {
                        parts.push(string(s));
                    }
                    if let Some(x) = exprs.get(i) {
                        parts.push(self.expr(x));
                    }
                }
                match parts.len() {
                    0 => string(""),
                    1 if matches!(parts[0].kind, ExprKind::Str { .. }) => parts.remove(0),
                    _ => prim(PrimOp::Concat, parts),
                }
            }
            K::Ident(name) => self.read_var(name, span),
            K::Array(items) => {
                self.construct("array literal");
                let items = items.iter().map(|i| self.expr(i)).collect();
                e(ExprKind::Array { items })
            }
            K::Object(props) => self.object(props),
            K::Function(f) => self.function_value(f),
            K::Member(o, field) => {
                if let K::Ident(g) = &o.kind {
                    if self.is_global(g) {
                        if let Some(v) = self.global_constant(g, &field.name, span) {
                            return v;
                        }
                    }
                }
                self.construct("member access");
                let o = self.expr(o);
                get(o, &field.name)
            }
            K::Index(o, i) => {
                self.construct("index");
                let o = self.expr(o);
                let i = self.expr(i);
                index(o, i)
            }
            K::Call(callee, args) => self.call_expr(callee, args, span),
            K::New(callee, args) => self.new_expr(callee, args, span),
            K::Unary(UnaryOp::Typeof, inner) if matches!(&inner.kind, K::Ident(n) if self.is_global(n) && !matches!(n.as_str(), "undefined" | "NaN" | "Infinity")) =>
            {
                let K::Ident(n) = &inner.kind else {
                    unreachable!("matched above")
                };
                self.construct("typeof of a global");
                let known = matches!(n.as_str(), "console" | "Math" | "JSON" | "require")
                    || FUNCTION_VALUES.contains(&n.as_str());
                string(if known {
                    if matches!(n.as_str(), "console" | "Math" | "JSON") {
                        "object"
                    } else {
                        "function"
                    }
                } else {
                    "undefined"
                })
            }
            K::Unary(UnaryOp::Typeof, inner) if matches!(&inner.kind, K::Ident(n) if self.implicit_flag(n).is_some()) =>
            {
                let K::Ident(n) = &inner.kind else {
                    unreachable!("matched above")
                };
                self.construct("typeof of a global");
                let (b, _) = self.resolve(n).expect("an implicit global is declared");
                let flag = b.implicit.expect("matched above");
                if_(
                    var(&flag),
                    vec![prim(PrimOp::JsTypeof, vec![var(&b.ir)])],
                    vec![string("undefined")],
                )
            }
            K::Unary(op, inner) => {
                let v = self.expr(inner);
                let (op, name) = match op {
                    UnaryOp::Neg => (PrimOp::JsNeg, "unary -"),
                    UnaryOp::Pos => (PrimOp::JsPos, "unary +"),
                    UnaryOp::Not => (PrimOp::JsNot, "!"),
                    UnaryOp::Typeof => (PrimOp::JsTypeof, "typeof"),
                };
                self.construct(name);
                prim(op, vec![v])
            }
            K::Update(inc, prefix, target) => self.update(*inc, *prefix, target, true),
            K::Binary(op, a, b) => {
                self.construct(binop_name(*op));
                let a = self.expr(a);
                let b = self.expr(b);
                prim(binop(*op), vec![a, b])
            }
            K::Logical(op, a, b) => {
                self.construct(match op {
                    LogicOp::And => "&&",
                    LogicOp::Or => "||",
                    LogicOp::Nullish => "??",
                });
                let t = self.temp("t");
                let a = self.expr(a);
                let b = self.expr(b);
                let node = match op {
                    LogicOp::And => if_(truthy(var(&t)), vec![b], vec![var(&t)]),
                    LogicOp::Or => if_(truthy(var(&t)), vec![var(&t)], vec![b]),
                    LogicOp::Nullish => if_(
                        prim(PrimOp::JsLooseEq, vec![var(&t), null()]),
                        vec![b],
                        vec![var(&t)],
                    ),
                };
                block(vec![let_(&t, a), node])
            }
            K::Cond(c, a, b) => {
                self.construct("conditional ?:");
                let c = self.condition(c);
                let a = self.expr(a);
                let b = self.expr(b);
                if_(c, vec![a], vec![b])
            }
            K::Assign(op, target, value) => self.assignment(*op, target, value, true, span),
            K::Seq(items) => {
                self.construct("comma operator");
                let n = items.len();
                let body = items
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        if i + 1 < n {
                            self.effect(x)
                        } else {
                            self.expr(x)
                        }
                    })
                    .collect();
                e(ExprKind::Block { body })
            }
            K::Paren(inner) => return self.expr(inner),
        };
        if out.span.is_none() {
            out.span = Some(span);
        }
        out
    }

    fn read_var(&mut self, name: &str, span: Span) -> Expr {
        let (construct, read) = match self.resolve(name) {
            Some((
                Binding {
                    ir,
                    implicit: Some(flag),
                    ..
                },
                _,
            )) => ("implicit global", implicit_read(&ir, &flag, name)),
            Some((b, false)) if b.tdz_flag.is_some() => (
                "temporal dead zone",
                initialised_read(&b.ir, b.tdz_flag.as_deref().unwrap_or_default(), name),
            ),
            Some((b, local)) => {
                if local && b.tdz_end.is_some_and(|end| (span.start as usize) < end) {
                    (
                        "temporal dead zone",
                        throw_error(
                            "ReferenceError",
                            &format!("Cannot access '{name}' before initialization"),
                        ),
                    )
                } else {
                    ("identifier", var(&b.ir))
                }
            }
            None => match name {
                "undefined" => ("undefined / NaN / Infinity", undef()),
                "NaN" => ("undefined / NaN / Infinity", num(f64::NAN)),
                "Infinity" => ("undefined / NaN / Infinity", num(f64::INFINITY)),
                _ if name.starts_with("$tl_") && self.src == super::PRELUDE => {
                    ("identifier", self.prelude(name))
                }
                _ if FUNCTION_VALUES.contains(&name) => (
                    "library function as a value",
                    self.prelude(&format!("$tl_{name}")),
                ),
                "console" | "Math" | "JSON" | "require" | "Error" | "TypeError" | "RangeError"
                | "ReferenceError" | "SyntaxError" => {
                    self.unsupported(&format!("using `{name}` as a value"), span);
                    ("identifier", undef())
                }
                _ if UNMODELLED_GLOBALS.contains(&name) => {
                    self.unsupported(&format!("`{name}`"), span);
                    ("identifier", undef())
                }
                _ => (
                    "undeclared name",
                    throw_error("ReferenceError", &format!("{name} is not defined")),
                ),
            },
        };
        self.construct(construct);
        read
    }

    fn function_value(&mut self, f: &Function) -> Expr {
        self.construct(if f.name.is_some() {
            "named function expression"
        } else {
            "function expression"
        });
        let Some(name) = &f.name else {
            let fname = self.lower_function(f, None);
            return clos(&fname);
        };
        // A named function expression sees its own name, bound in a scope of its own.
        let func = self.current_func();
        self.scopes.push(Scope {
            vars: HashMap::new(),
            func,
        });
        let ir = self.declare(&name.name, BindKind::Const, None, name.span);
        let fname = self.lower_function(f, None);
        self.scopes.pop();
        block(vec![
            let_(&ir, undef()),
            set_var(&ir, clos(&fname)),
            var(&ir),
        ])
    }

    fn object(&mut self, props: &[crate::ast::Prop]) -> Expr {
        let mut fields: Vec<Field> = Vec::new();
        let mut later: Vec<(Expr, Expr)> = Vec::new();
        for p in props {
            let value = match (&p.key, &p.value.kind) {
                (PropKey::Named(n), K::Function(f)) if f.name.is_none() => {
                    self.construct("function expression");
                    let fname = self.lower_function(f, Some(n));
                    clos(&fname)
                }
                _ => self.expr(&p.value),
            };
            match &p.key {
                PropKey::Named(n) if later.is_empty() && !fields.iter().any(|f| &f.name == n) => {
                    fields.push(Field {
                        name: n.clone(),
                        value,
                    });
                }
                PropKey::Named(n) => later.push((string(n), value)),
                PropKey::Computed(k) => {
                    let k = self.expr(k);
                    later.push((k, value));
                }
            }
        }
        self.construct("object literal");
        let object = e(ExprKind::Object { fields });
        if later.is_empty() {
            return object;
        }
        self.construct("object literal with computed or repeated keys");
        let o = self.temp("obj");
        let mut body = vec![let_(&o, object)];
        for (k, v) in later {
            body.push(set(
                LValue::Index {
                    object: Box::new(var(&o)),
                    index: Box::new(k),
                },
                v,
            ));
        }
        body.push(var(&o));
        block(body)
    }

    /// Resolves an assignment target; `pre` receives the temporaries it needs.
    fn place(&mut self, target: &JsExpr, pre: &mut Vec<Expr>) -> Place {
        match &target.kind {
            K::Paren(inner) => self.place(inner, pre),
            K::Ident(name) => match self.resolve(name) {
                Some((b, local))
                    if local
                        && b.tdz_end
                            .is_some_and(|end| (target.span.start as usize) < end) =>
                {
                    self.construct("temporal dead zone");
                    Place::Dead(name.clone())
                }
                Some((b, _)) if b.kind == BindKind::Const => {
                    self.construct("assignment to a const");
                    Place::Const(b.ir)
                }
                Some((
                    Binding {
                        ir,
                        implicit: Some(flag),
                        ..
                    },
                    _,
                )) => {
                    self.construct("implicit global");
                    Place::Implicit(ir, flag, name.clone())
                }
                Some((b, false)) if b.tdz_flag.is_some() && b.kind == BindKind::Let => {
                    let flag = b.tdz_flag.clone().unwrap_or_default();
                    self.construct("temporal dead zone");
                    Place::Checked(b.ir, flag, name.clone())
                }
                Some((b, _)) => Place::Var(b.ir),
                None => {
                    // Sloppy mode: the assignment creates a global (declared on a second pass).
                    self.construct("implicit global");
                    self.implicit_found.push(name.clone());
                    Place::Undeclared(name.clone())
                }
            },
            K::Member(o, f) => {
                self.construct("assignment to a field");
                let o = self.expr(o);
                let o = self.bind_temp(o, "o", pre);
                Place::Field(o, f.name.clone())
            }
            K::Index(o, k) => {
                self.construct("assignment to an index");
                let o = self.expr(o);
                let o = self.bind_temp(o, "o", pre);
                let k = self.expr(k);
                let k = self.bind_temp(k, "k", pre);
                Place::Index(o, k)
            }
            _ => unreachable!("the grammar only builds assignments to names, fields and indices"),
        }
    }

    pub(super) fn bind_temp(&mut self, x: Expr, hint: &str, pre: &mut Vec<Expr>) -> Expr {
        if is_pure(&x) {
            return x;
        }
        let t = self.temp(hint);
        pre.push(let_(&t, x));
        var(&t)
    }

    fn place_read(&self, place: &Place) -> Expr {
        match place {
            Place::Var(n) | Place::Const(n) => var(n),
            Place::Dead(n) => throw_error(
                "ReferenceError",
                &format!("Cannot access '{n}' before initialization"),
            ),
            Place::Undeclared(n) => throw_error("ReferenceError", &format!("{n} is not defined")),
            Place::Implicit(ir, flag, n) => implicit_read(ir, flag, n),
            Place::Checked(ir, flag, n) => initialised_read(ir, flag, n),
            Place::Field(o, f) => get(o.clone(), f),
            Place::Index(o, k) => index(o.clone(), k.clone()),
        }
    }

    fn place_write(&self, place: &Place, value: Expr) -> Expr {
        match place {
            Place::Var(n) => set_var(n, value),
            Place::Const(_) => block(vec![
                value,
                throw_error("TypeError", "Assignment to constant variable."),
            ]),
            Place::Dead(_) | Place::Undeclared(_) => block(vec![value, self.place_read(place)]),
            Place::Implicit(ir, flag, _) => {
                block(vec![set_var(ir, value), set_var(flag, boolean(true))])
            }
            // The value is computed first, then the binding checked, as in JavaScript.
            Place::Checked(ir, flag, n) => block(vec![
                let_("%checked", value),
                if_(
                    var(flag),
                    vec![set_var(ir, var("%checked"))],
                    vec![throw_error(
                        "ReferenceError",
                        &format!("Cannot access '{n}' before initialization"),
                    )],
                ),
            ]),
            Place::Field(o, f) => set(
                LValue::Field {
                    object: Box::new(o.clone()),
                    field: f.clone(),
                },
                value,
            ),
            Place::Index(o, k) => set(
                LValue::Index {
                    object: Box::new(o.clone()),
                    index: Box::new(k.clone()),
                },
                value,
            ),
        }
    }

    /// Writes an already lowered value to a target (for-of with an existing variable).
    pub(super) fn assign_to(&mut self, target: &JsExpr, value: Expr, _span: Span) -> Expr {
        let mut pre = Vec::new();
        let place = self.place(target, &mut pre);
        pre.push(self.place_write(&place, value));
        block(pre)
    }

    fn assignment(
        &mut self,
        op: Option<BinOp>,
        target: &JsExpr,
        value: &JsExpr,
        want: bool,
        span: Span,
    ) -> Expr {
        self.construct(if op.is_some() {
            "compound assignment"
        } else {
            "assignment"
        });
        let mut pre = Vec::new();
        let place = self.place(target, &mut pre);
        let rhs = match (&value.kind, &target.kind) {
            (K::Function(_), K::Ident(n)) if op.is_none() => self.named_value(value, n),
            _ => self.expr(value),
        };
        let new = match op {
            None => rhs,
            Some(op) => {
                // `x += v` reads x before evaluating v.
                let old = self.place_read(&place);
                let old = self.bind_temp(old, "old", &mut pre);
                prim(binop(op), vec![old, rhs])
            }
        };
        if want {
            let v = self.temp("v");
            pre.push(let_(&v, new));
            pre.push(self.place_write(&place, var(&v)));
            pre.push(var(&v));
        } else {
            pre.push(self.place_write(&place, new));
        }
        let mut b = block(pre);
        b.span = Some(span);
        b
    }

    fn update(&mut self, inc: bool, prefix: bool, target: &JsExpr, want: bool) -> Expr {
        self.construct("++ / --");
        let mut pre = Vec::new();
        let place = self.place(target, &mut pre);
        let old = self.temp("old");
        pre.push(let_(
            &old,
            prim(PrimOp::JsToNumber, vec![self.place_read(&place)]),
        ));
        let op = if inc { PrimOp::JsAdd } else { PrimOp::JsSub };
        let new = self.temp("new");
        pre.push(let_(&new, prim(op, vec![var(&old), num(1.0)])));
        pre.push(self.place_write(&place, var(&new)));
        if want {
            pre.push(var(if prefix { &new } else { &old }));
        }
        block(pre)
    }

    fn new_expr(&mut self, callee: &JsExpr, args: &[JsExpr], span: Span) -> Expr {
        if let K::Ident(name) = &callee.kind {
            if self.is_global(name) && is_error_class(name) {
                return self.error_value(name, args);
            }
        }
        self.unsupported("`new` (other than `new Error(…)` and its subclasses)", span);
        undef()
    }

    pub(super) fn error_value(&mut self, class: &str, args: &[JsExpr]) -> Expr {
        self.construct("error constructor");
        let mut lowered: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        let message = if lowered.is_empty() {
            string("")
        } else {
            let m = lowered.remove(0);
            let t = self.temp("msg");
            // `new Error(undefined)` has the empty message.
            block(vec![
                let_(&t, m),
                if_(
                    prim(PrimOp::JsStrictEq, vec![var(&t), undef()]),
                    vec![string("")],
                    vec![prim(PrimOp::JsToString, vec![var(&t)])],
                ),
            ])
        };
        let mut body = lowered;
        body.push(prim(PrimOp::ErrorNew, vec![string(class), message]));
        block(body)
    }

    fn implicit_flag(&self, name: &str) -> Option<String> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.vars.get(name))
            .and_then(|b| b.implicit.clone())
    }
}

/// Reading a `let`/`const` from a closure that may run before its initialisation.
fn initialised_read(ir: &str, flag: &str, name: &str) -> Expr {
    let message = format!("Cannot access '{name}' before initialization");
    if_(
        var(flag),
        vec![var(ir)],
        vec![throw_error("ReferenceError", &message)],
    )
}

/// Reading a global created by assignment: a ReferenceError until it exists.
fn implicit_read(ir: &str, flag: &str, name: &str) -> Expr {
    if_(
        var(flag),
        vec![var(ir)],
        vec![throw_error(
            "ReferenceError",
            &format!("{name} is not defined"),
        )],
    )
}

pub(super) fn is_error_class(name: &str) -> bool {
    matches!(
        name,
        "Error" | "TypeError" | "RangeError" | "ReferenceError" | "SyntaxError"
    )
}
