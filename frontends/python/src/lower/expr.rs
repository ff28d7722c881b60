//! Expressions, in A-Normal Form: compound operands and every call are bound to `$t`
//! temporaries in evaluation order.

use super::stmt::bool_lit;
use super::{
    if_, let_, prim, raise, sp, str_lit, truthy, unbound_check, var, Binding, Body, Lowerer,
};
use crate::ast::{self, BinOp, CmpOp, ExprKind as A, UnOp};
use crate::strings::{decode, Piece};
use num_bigint::BigInt;
use tracelab_ir::{Expr, ExprKind, Float, PrimOp, Span};

impl Lowerer {
    /// Lowers an expression and makes it an atom (a variable or literal). When a later
    /// operand may run code, a variable read is copied so that it keeps its value.
    pub(super) fn atom(
        &mut self,
        e: &ast::Expr,
        later_has_call: bool,
        out: &mut Vec<Expr>,
    ) -> Expr {
        let v = self.expr(e, out);
        match &v.kind {
            ExprKind::Var { name } if name.starts_with('$') || !later_has_call => v,
            ExprKind::Int { .. }
            | ExprKind::Float { .. }
            | ExprKind::Str { .. }
            | ExprKind::Bool { .. }
            | ExprKind::Null => v,
            _ => {
                let t = self.temp("t");
                out.push(let_(&t, v));
                var(&t)
            }
        }
    }

    /// A call, named.
    pub(super) fn named(&mut self, call: Expr, out: &mut Vec<Expr>) -> Expr {
        let t = self.temp("t");
        out.push(let_(&t, call));
        var(&t)
    }

    /// Reads a Python name.
    pub(super) fn name(&mut self, n: &str, span: Span, out: &mut Vec<Expr>) -> Expr {
        match self.resolve(n) {
            Binding::Var { depth, core } => {
                self.construct("name");
                self.use_core(&core, depth);
                let here = self.depth();
                // An enclosing variable assigned before this function was defined stays
                // assigned: nothing in the subset unbinds a variable.
                let certain = self.stack[depth].assigned.contains(&core)
                    && (depth == here || !self.stack[depth].info.handler_names.contains(&core))
                    || core.starts_with('$')
                    || depth == 0
                        && here > 0
                        && self.safe_globals.contains(&core)
                        && !self.stack[0].info.handler_names.contains(&core)
                        && !self.in_prelude;
                if !certain {
                    let (class, message) = if depth == 0 {
                        ("NameError", format!("name '{n}' is not defined"))
                    } else if depth == here {
                        ("UnboundLocalError", format!("cannot access local variable '{n}' where it is not associated with a value"))
                    } else {
                        ("NameError", format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"))
                    };
                    out.push(Expr {
                        span: Some(span),
                        ..unbound_check(&core, class, &message)
                    });
                }
                sp(ExprKind::Var { name: core }, span)
            }
            Binding::Builtin(b) => self.builtin_value(&b, span, out),
            // The oracle harness runs the module as `__tracelab__` (so `if __name__ ==
            // "__main__":` blocks do not run).
            Binding::Missing if n == "__name__" => {
                self.construct("__name__");
                sp(
                    ExprKind::Str {
                        value: "__tracelab__".into(),
                    },
                    span,
                )
            }
            Binding::Missing => {
                if self.in_prelude && super::builtins::prelude_has(n) {
                    self.prelude_used.insert(n.to_string());
                    return sp(
                        ExprKind::Closure {
                            func: format!("${n}"),
                        },
                        span,
                    );
                }
                self.construct("unbound name");
                out.push(Expr {
                    span: Some(span),
                    ..raise("NameError", &format!("name '{n}' is not defined"))
                });
                Expr::new(ExprKind::Null)
            }
        }
    }

    pub(super) fn expr(&mut self, e: &ast::Expr, out: &mut Vec<Expr>) -> Expr {
        let span = e.span;
        match &e.kind {
            A::Name(n) => self.name(n, span, out),
            A::Int(s) => {
                self.construct("int literal");
                sp(
                    ExprKind::Int {
                        value: parse_int(s),
                    },
                    span,
                )
            }
            A::Float(s) => {
                self.construct("float literal");
                let x: f64 = s.replace('_', "").parse().unwrap_or(f64::NAN);
                sp(ExprKind::Float { value: Float(x) }, span)
            }
            A::Str(parts) => self.string(parts, span, out),
            A::True | A::False => {
                self.construct("True / False");
                sp(
                    ExprKind::Bool {
                        value: matches!(e.kind, A::True),
                    },
                    span,
                )
            }
            A::None => {
                self.construct("None");
                sp(ExprKind::Null, span)
            }
            A::List(items) => {
                self.construct("list display");
                let items = self.atoms(items, out);
                sp(ExprKind::Array { items }, span)
            }
            A::Tuple(items) => {
                self.construct("tuple display");
                let items = self.atoms(items, out);
                let arr = Expr::new(ExprKind::Array { items });
                sp(
                    ExprKind::Prim {
                        op: PrimOp::PyBuiltin,
                        args: vec![str_lit("tuple"), arr],
                    },
                    span,
                )
            }
            // Plain string keys: an object literal (insertion order and a repeated key's
            // first place are the same as a dict display's).
            A::Dict(kvs) if distinct_plain_keys(kvs) => {
                self.construct("dict display");
                let mut fields = Vec::new();
                for (k, (key, v)) in kvs.iter().enumerate() {
                    let later = kvs[k + 1..].iter().any(|(_, v)| v.has_call());
                    let value = self.atom(v, later, out);
                    fields.push(tracelab_ir::Field {
                        name: plain_str(key).unwrap_or_default(),
                        value,
                    });
                }
                sp(ExprKind::Object { fields }, span)
            }
            A::Dict(kvs) => {
                self.construct("dict display with computed keys");
                let d = self.temp("dict");
                out.push(let_(&d, sp(ExprKind::Object { fields: vec![] }, span)));
                for (k, v) in kvs {
                    let kv = self.atom(k, v.has_call(), out);
                    let vv = self.atom(v, false, out);
                    let target = tracelab_ir::LValue::Index {
                        object: Box::new(var(&d)),
                        index: Box::new(kv),
                    };
                    out.push(sp(
                        ExprKind::Set {
                            target,
                            value: Box::new(vv),
                        },
                        k.span,
                    ));
                }
                var(&d)
            }
            A::ListComp(elt, gens) => {
                self.construct("list comprehension");
                self.comprehension(
                    gens,
                    span,
                    out,
                    &mut |l, acc, out| {
                        let v = l.atom(elt, false, out);
                        out.push(prim(PrimOp::PyMethod, vec![var(acc), str_lit("append"), v]));
                    },
                    false,
                )
            }
            A::GenExp(elt, gens) => {
                if !self.genexp_ok {
                    self.unsupported(
                        "generator expressions (except as a call's only argument)",
                        span,
                    );
                    return Expr::new(ExprKind::Null);
                }
                self.construct("generator expression argument");
                self.comprehension(
                    gens,
                    span,
                    out,
                    &mut |l, acc, out| {
                        let v = l.atom(elt, false, out);
                        out.push(prim(PrimOp::PyMethod, vec![var(acc), str_lit("append"), v]));
                    },
                    false,
                )
            }
            A::DictComp(k, v, gens) => {
                self.construct("dict comprehension");
                self.comprehension(
                    gens,
                    span,
                    out,
                    &mut |l, acc, out| {
                        let kv = l.atom(k, v.has_call(), out);
                        let vv = l.atom(v, false, out);
                        let target = tracelab_ir::LValue::Index {
                            object: Box::new(var(acc)),
                            index: Box::new(kv),
                        };
                        out.push(Expr::new(ExprKind::Set {
                            target,
                            value: Box::new(vv),
                        }));
                    },
                    true,
                )
            }
            A::Lambda(params, body) => {
                self.construct("lambda");
                for p in params {
                    if p.default.is_some() {
                        self.unsupported("default arguments of `lambda`", p.span);
                    }
                }
                let qual = self.qualname("<lambda>");
                let func = self.function(&qual, params, Body::Expr(body), span);
                sp(ExprKind::Closure { func }, span)
            }
            A::IfExp {
                cond,
                then,
                otherwise,
            } => {
                self.construct("conditional expression");
                let c = self.expr(cond, out);
                let mut t = Vec::new();
                let tv = self.expr(then, &mut t);
                t.push(tv);
                let mut o = Vec::new();
                let ov = self.expr(otherwise, &mut o);
                o.push(ov);
                sp(
                    ExprKind::If {
                        cond: Box::new(truthy(c)),
                        then: t,
                        otherwise: o,
                    },
                    span,
                )
            }
            A::And(a, b) | A::Or(a, b) => {
                self.construct(if matches!(e.kind, A::And(..)) {
                    "and"
                } else {
                    "or"
                });
                let av = self.atom(a, true, out);
                let mut rest = Vec::new();
                let bv = self.expr(b, &mut rest);
                rest.push(bv);
                let (then, otherwise) = if matches!(e.kind, A::And(..)) {
                    (rest, vec![av.clone()])
                } else {
                    (vec![av.clone()], rest)
                };
                sp(
                    ExprKind::If {
                        cond: Box::new(truthy(av)),
                        then,
                        otherwise,
                    },
                    span,
                )
            }
            A::Unary(op, a) => {
                if let (UnOp::Neg, A::Int(s)) = (op, &a.kind) {
                    self.construct("negative literal");
                    return sp(
                        ExprKind::Int {
                            value: -parse_int(s),
                        },
                        span,
                    );
                }
                if let (UnOp::Neg, A::Float(s)) = (op, &a.kind) {
                    self.construct("negative literal");
                    let x: f64 = s.replace('_', "").parse().unwrap_or(f64::NAN);
                    return sp(ExprKind::Float { value: Float(-x) }, span);
                }
                let v = self.atom(a, false, out);
                let (op, name) = match op {
                    UnOp::Neg => (PrimOp::PyNeg, "unary -"),
                    UnOp::Pos => (PrimOp::PyPos, "unary +"),
                    UnOp::Not => (PrimOp::PyNot, "not"),
                };
                self.construct(name);
                sp(ExprKind::Prim { op, args: vec![v] }, span)
            }
            A::Binary(op, a, b) => {
                if *op == BinOp::Mod && matches!(a.kind, A::Str(_)) {
                    self.unsupported("`%` string formatting", span);
                }
                self.construct(match op {
                    BinOp::Add => "binary +",
                    BinOp::Sub => "binary -",
                    BinOp::Mul => "binary *",
                    BinOp::Div => "binary /",
                    BinOp::FloorDiv => "binary //",
                    BinOp::Mod => "binary %",
                    BinOp::Pow => "binary **",
                });
                let av = self.atom(a, b.has_call(), out);
                let bv = self.atom(b, false, out);
                self.binop(*op, av, bv, false, span)
            }
            A::Compare(first, rest) => self.compare(first, rest, span, out),
            A::Call(f, args) => self.call(f, args, span, out),
            A::Attribute(o, name) => {
                if let A::Name(m) = &o.kind {
                    if matches!(m.as_str(), "str" | "list" | "dict")
                        && matches!(self.resolve(m), Binding::Builtin(_))
                    {
                        self.construct("str.method as a value");
                        return self.method_value(m, name, span);
                    }
                    if m == "containerless" && self.containerless {
                        self.unsupported(
                            "`containerless` attributes other than calls to `get` and `post`",
                            span,
                        );
                        return Expr::new(ExprKind::Null);
                    }
                }
                self.construct("attribute");
                let ov = self.atom(o, false, out);
                sp(
                    ExprKind::Get {
                        object: Box::new(ov),
                        field: name.clone(),
                    },
                    span,
                )
            }
            A::Subscript(o, i) => {
                if let A::Slice(a, b, c) = &i.kind {
                    self.construct("slice");
                    let later = i.has_call();
                    let ov = self.atom(o, later, out);
                    let mut parts = vec![ov];
                    for p in [a, b, c] {
                        parts.push(match p {
                            Some(p) => self.atom(p, later, out),
                            None => Expr::new(ExprKind::Null),
                        });
                    }
                    return sp(
                        ExprKind::Prim {
                            op: PrimOp::PySlice,
                            args: parts,
                        },
                        span,
                    );
                }
                self.construct("subscript");
                let ov = self.atom(o, i.has_call(), out);
                let iv = self.atom(i, false, out);
                sp(
                    ExprKind::Index {
                        object: Box::new(ov),
                        index: Box::new(iv),
                    },
                    span,
                )
            }
            A::Slice(..) => {
                self.invalid("a slice outside a subscript", span);
                Expr::new(ExprKind::Null)
            }
            A::Unsupported(what) => {
                self.unsupported(what, span);
                Expr::new(ExprKind::Null)
            }
        }
    }

    pub(super) fn atoms(&mut self, items: &[ast::Expr], out: &mut Vec<Expr>) -> Vec<Expr> {
        let mut vs = Vec::new();
        for (k, item) in items.iter().enumerate() {
            let later = items[k + 1..].iter().any(ast::Expr::has_call);
            vs.push(self.atom(item, later, out));
        }
        vs
    }

    pub(super) fn binop(&mut self, op: BinOp, a: Expr, b: Expr, inplace: bool, span: Span) -> Expr {
        let op = match op {
            BinOp::Add if inplace => PrimOp::PyIAdd,
            BinOp::Add => PrimOp::PyAdd,
            BinOp::Sub => PrimOp::PySub,
            BinOp::Mul => PrimOp::PyMul,
            BinOp::Div => PrimOp::PyTrueDiv,
            BinOp::FloorDiv => PrimOp::PyFloorDiv,
            BinOp::Mod => PrimOp::PyMod,
            BinOp::Pow => PrimOp::PyPow,
        };
        sp(
            ExprKind::Prim {
                op,
                args: vec![a, b],
            },
            span,
        )
    }

    fn compare(
        &mut self,
        first: &ast::Expr,
        rest: &[(CmpOp, ast::Expr)],
        span: Span,
        out: &mut Vec<Expr>,
    ) -> Expr {
        if rest.len() > 1 {
            self.construct("chained comparison");
        }
        for (op, _) in rest {
            self.construct(match op {
                CmpOp::Eq => "==",
                CmpOp::Ne => "!=",
                CmpOp::Lt => "<",
                CmpOp::Le => "<=",
                CmpOp::Gt => ">",
                CmpOp::Ge => ">=",
                CmpOp::Is => "is",
                CmpOp::IsNot => "is not",
                CmpOp::In => "in",
                CmpOp::NotIn => "not in",
            });
        }
        let later = rest.iter().any(|(_, e)| e.has_call());
        let mut left = self.atom(first, later, out);
        // Built innermost-last: each link runs only when the previous ones held.
        let mut links: Vec<(Vec<Expr>, Expr)> = Vec::new();
        for (k, (op, right)) in rest.iter().enumerate() {
            let mut stmts = Vec::new();
            let later = rest[k + 1..].iter().any(|(_, e)| e.has_call());
            let r = if k + 1 < rest.len() {
                self.atom(right, true, &mut stmts)
            } else {
                self.atom(right, later, &mut stmts)
            };
            let r = if k + 1 < rest.len() {
                self.bind_temp(r, "c", &mut stmts)
            } else {
                r
            };
            let test = cmp(*op, left, r.clone());
            links.push((stmts, test));
            left = r;
        }
        let mut result: Option<Expr> = None;
        for (stmts, test) in links.into_iter().rev() {
            let e = match result {
                None => out_extend_or(stmts, test),
                Some(next) => {
                    let t = self.temp("cmp");
                    let mut b = stmts;
                    b.push(let_(&t, test));
                    b.push(if_(var(&t), vec![next], vec![var(&t)]));
                    Expr::new(ExprKind::Block { body: b })
                }
            };
            result = Some(e);
        }
        let r = result.unwrap_or_else(|| bool_lit(true));
        // Hoist the first link's statements into `out` (they always run).
        match r.kind {
            ExprKind::Block { mut body } => {
                let last = body.pop().unwrap_or_else(|| bool_lit(true));
                out.extend(body);
                Expr {
                    span: Some(span),
                    ..last
                }
            }
            kind => sp(kind, span),
        }
    }

    fn comprehension(
        &mut self,
        gens: &[ast::Comprehension],
        span: Span,
        out: &mut Vec<Expr>,
        each: &mut dyn FnMut(&mut Lowerer, &str, &mut Vec<Expr>),
        dict: bool,
    ) -> Expr {
        let acc = self.temp("acc");
        let init = if dict {
            ExprKind::Object { fields: vec![] }
        } else {
            ExprKind::Array { items: vec![] }
        };
        out.push(let_(&acc, sp(init, span)));
        let saved = self.ctx().renamed.len();
        self.comp_level(gens, &acc, span, out, each);
        self.ctx().renamed.truncate(saved);
        var(&acc)
    }

    fn comp_level(
        &mut self,
        gens: &[ast::Comprehension],
        acc: &str,
        span: Span,
        out: &mut Vec<Expr>,
        each: &mut dyn FnMut(&mut Lowerer, &str, &mut Vec<Expr>),
    ) {
        let Some((g, rest)) = gens.split_first() else {
            each(self, acc, out);
            return;
        };
        // The target is local to the comprehension: bind it under fresh names.
        let mut names = Vec::new();
        collect_names(&g.target, &mut names);
        let fresh: Vec<(String, String)> = names
            .iter()
            .map(|n| (n.clone(), self.temp(&format!("{n}_"))))
            .collect();
        for (_, core) in &fresh {
            out.push(let_(core, Expr::new(ExprKind::Undefined)));
        }
        // The first iterable is evaluated in the enclosing scope, before the renaming.
        let iter = g.iter.clone();
        let target = g.target.clone();
        let conds = g.conds.clone();
        let loop_ = {
            let fresh = fresh.clone();
            let mut body = |l: &mut Lowerer, _w: &mut Vec<Expr>| -> Vec<Expr> {
                let mut inner = Vec::new();
                l.comp_conds(&conds, rest, acc, span, &mut inner, each);
                inner
            };
            // Rename while assigning the target and lowering the body.
            self.ctx().renamed.extend(fresh);
            self.for_loop(&target, &iter, span, out, &mut body)
        };
        out.extend(loop_);
    }

    fn comp_conds(
        &mut self,
        conds: &[ast::Expr],
        rest: &[ast::Comprehension],
        acc: &str,
        span: Span,
        out: &mut Vec<Expr>,
        each: &mut dyn FnMut(&mut Lowerer, &str, &mut Vec<Expr>),
    ) {
        match conds.split_first() {
            None => self.comp_level(rest, acc, span, out, each),
            Some((c, more)) => {
                self.construct("comprehension if");
                let cv = self.expr(c, out);
                let mut then = Vec::new();
                self.comp_conds(more, rest, acc, span, &mut then, each);
                out.push(if_(truthy(cv), then, vec![]));
            }
        }
    }

    fn string(&mut self, parts: &[(String, usize)], span: Span, out: &mut Vec<Expr>) -> Expr {
        let mut pieces = Vec::new();
        for (raw, offset) in parts {
            match decode(raw, *offset) {
                Ok(p) => pieces.extend(p),
                Err(d) => {
                    self.diagnostics.push(d);
                    return Expr::new(ExprKind::Null);
                }
            }
        }
        // Whether a later field may run code, per field (popped from the back).
        let fields: Vec<bool> = pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Expr { text, offset, .. } => Some(
                    crate::parse::parse_expr(text, *offset)
                        .map(|e| e.has_call())
                        .unwrap_or(true),
                ),
                Piece::Lit(_) => None,
            })
            .collect();
        let mut later_calls: Vec<bool> = (0..fields.len())
            .map(|k| fields[k + 1..].iter().any(|c| *c))
            .rev()
            .collect();
        let mut args: Vec<Expr> = Vec::new();
        let mut lit = String::new();
        let mut any_expr = false;
        for p in pieces {
            match p {
                Piece::Lit(s) => lit.push_str(&s),
                Piece::Expr {
                    text,
                    offset,
                    conversion,
                    spec,
                } => {
                    any_expr = true;
                    if !lit.is_empty() {
                        args.push(str_lit(&std::mem::take(&mut lit)));
                    }
                    let e = match crate::parse::parse_expr(&text, offset) {
                        Ok(e) => e,
                        Err(d) => {
                            self.diagnostics.push(d);
                            return Expr::new(ExprKind::Null);
                        }
                    };
                    let later = later_calls.pop().unwrap_or(true);
                    let mut v = self.atom(&e, later, out);
                    if conversion.is_some() {
                        self.construct("f-string conversion");
                    }
                    v = match conversion {
                        Some('r') | Some('a') => {
                            self.bind_temp(prim(PrimOp::PyRepr, vec![v]), "f", out)
                        }
                        Some(_) => self.bind_temp(prim(PrimOp::PyStr, vec![v]), "f", out),
                        None => v,
                    };
                    if !spec.is_empty() {
                        self.construct("f-string format spec");
                        v = self.bind_temp(
                            prim(PrimOp::PyFormat, vec![v, str_lit(&spec)]),
                            "f",
                            out,
                        );
                    }
                    args.push(v);
                }
            }
        }
        if !any_expr {
            self.construct("string literal");
            return sp(ExprKind::Str { value: lit }, span);
        }
        self.construct("f-string");
        if !lit.is_empty() {
            args.push(str_lit(&lit));
        }
        sp(
            ExprKind::Prim {
                op: PrimOp::Concat,
                args,
            },
            span,
        )
    }
}

fn out_extend_or(stmts: Vec<Expr>, test: Expr) -> Expr {
    if stmts.is_empty() {
        test
    } else {
        let mut b = stmts;
        b.push(test);
        Expr::new(ExprKind::Block { body: b })
    }
}

fn cmp(op: CmpOp, a: Expr, b: Expr) -> Expr {
    let p = |op, args| prim(op, args);
    match op {
        CmpOp::Eq => p(PrimOp::PyEq, vec![a, b]),
        CmpOp::Ne => p(PrimOp::PyNe, vec![a, b]),
        CmpOp::Lt => p(PrimOp::PyLt, vec![a, b]),
        CmpOp::Le => p(PrimOp::PyLe, vec![a, b]),
        CmpOp::Gt => p(PrimOp::PyGt, vec![a, b]),
        CmpOp::Ge => p(PrimOp::PyGe, vec![a, b]),
        CmpOp::Is => p(PrimOp::PyIs, vec![a, b]),
        CmpOp::IsNot => p(PrimOp::PyNot, vec![p(PrimOp::PyIs, vec![a, b])]),
        CmpOp::In => p(PrimOp::PyIn, vec![a, b]),
        CmpOp::NotIn => p(PrimOp::PyNot, vec![p(PrimOp::PyIn, vec![a, b])]),
    }
}

fn collect_names(e: &ast::Expr, out: &mut Vec<String>) {
    match &e.kind {
        A::Name(n) => out.push(n.clone()),
        A::Tuple(items) | A::List(items) => items.iter().for_each(|i| collect_names(i, out)),
        _ => {}
    }
}

/// An int literal (decimal, hex, octal, binary; underscores allowed).
pub(super) fn parse_int(s: &str) -> BigInt {
    let s = s.replace('_', "");
    let (digits, radix) = match s.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => (&s[2..], 16),
        Some("0o") => (&s[2..], 8),
        Some("0b") => (&s[2..], 2),
        _ => (&s[..], 10),
    };
    BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default()
}

/// The value of a string literal without escapes or f-string fields (a dict key).
fn plain_str(e: &ast::Expr) -> Option<String> {
    let A::Str(parts) = &e.kind else { return None };
    let mut out = String::new();
    for (raw, offset) in parts {
        match decode(raw, *offset).ok()?.as_slice() {
            [Piece::Lit(s)] => out.push_str(s),
            [] => {}
            _ => return None,
        }
    }
    Some(out)
}

/// Whether every key is a plain string literal, each different (an object literal names
/// each field once).
fn distinct_plain_keys(kvs: &[(ast::Expr, ast::Expr)]) -> bool {
    let mut seen = std::collections::HashSet::new();
    kvs.iter()
        .all(|(k, _)| plain_str(k).is_some_and(|s| seen.insert(s)))
}
