//! A generator of random well-formed core programs, driven by a sequence of choice bytes.
//!
//! The program is a deterministic function of the bytes, and running out of bytes always
//! picks the simplest option, so proptest's shrinking of the byte vector (shorter, smaller)
//! shrinks the program. Programs are well-formed by construction (the generator tracks the
//! variables and labels in scope); they may loop (bounded counters), recurse (bounded only
//! by fuel and depth), raise, catch, log, respond and touch the world.

#![allow(dead_code)]

use tracelab_ir::{
    Catch, Dialect, EventKind, Expr, ExprKind, Field, FunDef, LValue, PrimOp, Program,
};

pub const FIELDS: [&str; 3] = ["a", "b", "c"];
pub const URLS: [&str; 2] = ["u1", "u2"];

/// The world every generated program runs against, as a world file.
pub const WORLD_JSON: &str = r#"{"get": {"u1": {"a": 1, "b": [2, 3]}}, "post": {"u2": "posted"}}"#;

pub fn world() -> tracelab_runtime::World {
    tracelab_runtime::World::from_json(WORLD_JSON).expect("the generator's world is valid")
}

pub struct Gen<'a> {
    bytes: &'a [u8],
    pos: usize,
    fresh: u32,
    dialect: Dialect,
    scope: Vec<String>,
    labels: Vec<String>,
    /// Functions defined so far: name and arity.
    funcs: Vec<(String, usize)>,
    depth: u32,
}

impl<'a> Gen<'a> {
    pub fn new(bytes: &'a [u8]) -> Gen<'a> {
        Gen {
            bytes,
            pos: 0,
            fresh: 0,
            dialect: Dialect::Js,
            scope: vec![],
            labels: vec![],
            funcs: vec![],
            depth: 0,
        }
    }

    fn pick_funcs(&mut self) -> (String, usize) {
        let i = self.choose(self.funcs.len());
        self.funcs[i].clone()
    }

    fn pick_labels(&mut self) -> String {
        let i = self.choose(self.labels.len());
        self.labels[i].clone()
    }

    fn pick_scope(&mut self) -> String {
        let i = self.choose(self.scope.len());
        self.scope[i].clone()
    }

    fn choose(&mut self, n: usize) -> usize {
        match self.bytes.get(self.pos) {
            None => 0,
            Some(&b) => {
                self.pos += 1;
                b as usize % n
            }
        }
    }

    fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    /// A whole program: globals, functions closed over the globals, then a body.
    pub fn program(mut self) -> Program {
        self.dialect = if self.choose(2) == 0 {
            Dialect::Js
        } else {
            Dialect::Py
        };
        let globals = ["g0".to_string(), "g1".to_string()];
        let mut body = Vec::new();
        for g in &globals {
            let value = self.literal();
            body.push(e(ExprKind::Let {
                name: g.clone(),
                value: Box::new(value),
            }));
        }
        let nfuncs = self.choose(3);
        let mut functions = Vec::new();
        for i in 0..nfuncs {
            let name = format!("f{i}");
            let arity = self.choose(3);
            self.funcs.push((name.clone(), arity));
        }
        for i in 0..nfuncs {
            let (name, arity) = self.funcs[i].clone();
            let params: Vec<String> = (0..arity).map(|k| format!("p{k}")).collect();
            // Every function captures the globals and the cells of some functions (itself
            // for recursion, others for mutual recursion and plain calls).
            let mut captures: Vec<String> = globals.to_vec();
            for (other, _) in self.funcs.clone() {
                if self.choose(2) == 0 {
                    captures.push(other);
                }
            }
            self.scope = params.iter().chain(&captures).cloned().collect();
            self.labels = vec![tracelab_ir::RETURN_LABEL.to_string()];
            self.depth = 0;
            let mut fbody = self.block(3);
            let ret = self.expr();
            fbody.push(e(ExprKind::Break {
                label: tracelab_ir::RETURN_LABEL.into(),
                value: Box::new(ret),
            }));
            functions.push(FunDef {
                name,
                params,
                captures,
                body: fbody,
                span: None,
            });
        }
        self.scope = vec![tracelab_ir::wf::INPUT_VAR.to_string()];
        self.scope.extend(globals.iter().cloned());
        self.labels.clear();
        self.depth = 0;
        for (name, _) in self.funcs.clone() {
            body.push(e(ExprKind::Let {
                name: name.clone(),
                value: Box::new(e(ExprKind::Undefined)),
            }));
            self.scope.push(name);
        }
        for (name, _) in self.funcs.clone() {
            body.push(e(ExprKind::Set {
                target: LValue::Var { name: name.clone() },
                value: Box::new(e(ExprKind::Closure { func: name })),
            }));
        }
        body.extend(self.block(5));
        if self.dialect == Dialect::Js && !self.funcs.is_empty() && self.choose(3) == 0 {
            // An asynchronous event handled by a one-parameter closure, after the turn.
            let (name, _) = self.pick_funcs();
            let (event, url) = if self.choose(2) == 0 {
                (EventKind::Get, URLS[0])
            } else {
                (EventKind::Listen, "")
            };
            body.push(e(ExprKind::Register {
                event,
                arg: Box::new(str_lit(url)),
                callback: Box::new(e(ExprKind::Var { name })),
            }));
        }
        let result = if self.funcs.len() >= 2 && self.choose(2) == 0 {
            // A callee chosen by the input, as in Containerless's bug 1 (`fs[k](v)`).
            let items = self
                .funcs
                .iter()
                .map(|(f, _)| e(ExprKind::Var { name: f.clone() }))
                .collect();
            let index = self.input_bit();
            let table = e(ExprKind::Array { items });
            let arity = self.funcs[0].1;
            let args = (0..arity).map(|_| self.input_expr()).collect();
            e(ExprKind::Call {
                callee: Box::new(e(ExprKind::Index {
                    object: Box::new(table),
                    index: Box::new(index),
                })),
                args,
            })
        } else {
            self.expr()
        };
        body.push(result);
        Program {
            dialect: self.dialect,
            functions,
            body,
        }
    }

    /// Up to `max` block elements in a scope of their own.
    fn block(&mut self, max: usize) -> Vec<Expr> {
        let (vars, labels) = (self.scope.len(), self.labels.len());
        let n = self.choose(max + 1);
        let items = (0..n).map(|_| self.statement()).collect();
        self.scope.truncate(vars);
        self.labels.truncate(labels);
        items
    }

    fn statement(&mut self) -> Expr {
        if self.depth > 3 {
            return self.expr();
        }
        self.depth += 1;
        let s = match self.choose(10) {
            0 | 1 => {
                let name = self.fresh("x");
                let value = self.expr();
                self.scope.push(name.clone());
                e(ExprKind::Let {
                    name,
                    value: Box::new(value),
                })
            }
            2 => {
                let target = self.lvalue();
                let value = self.expr();
                e(ExprKind::Set {
                    target,
                    value: Box::new(value),
                })
            }
            3 => self.counted_loop(),
            4 => {
                let name = self.fresh("l");
                self.labels.push(name.clone());
                let body = self.block(3);
                self.labels.pop();
                e(ExprKind::Label { name, body })
            }
            5 if !self.labels.is_empty() => {
                let label = self.pick_labels();
                let value = self.expr();
                e(ExprKind::Break {
                    label,
                    value: Box::new(value),
                })
            }
            6 => {
                let body = self.block(2);
                let name = self.fresh("e");
                self.scope.push(name.clone());
                let handler = self.block(2);
                self.scope.pop();
                let catch = (self.choose(3) != 0).then_some(Catch {
                    name,
                    body: handler,
                });
                let finally = (catch.is_none() || self.choose(2) == 0).then(|| self.block(2));
                e(ExprKind::Try {
                    body,
                    catch,
                    finally,
                })
            }
            7 => {
                let msg = self.expr();
                let class = ["TypeError", "ValueError", "Error"][self.choose(3)];
                e(ExprKind::Throw {
                    value: Box::new(prim(
                        PrimOp::ErrorNew,
                        vec![str_lit(class), to_str(self.dialect, msg)],
                    )),
                })
            }
            8 => {
                let event = [
                    EventKind::Log,
                    EventKind::Respond,
                    EventKind::Get,
                    EventKind::Post,
                ][self.choose(4)];
                let arg = match event {
                    EventKind::Log => to_str(self.dialect, self.expr()),
                    EventKind::Get => str_lit(URLS[self.choose(2)]),
                    EventKind::Post => e(ExprKind::Object {
                        fields: vec![Field {
                            name: "url".into(),
                            value: str_lit(URLS[self.choose(2)]),
                        }],
                    }),
                    _ => self.expr(),
                };
                e(ExprKind::Event {
                    event,
                    arg: Box::new(arg),
                })
            }
            _ => self.expr(),
        };
        self.depth -= 1;
        s
    }

    /// `let c = 0; while c < k { set c = c + 1; body }` in a block of its own.
    fn counted_loop(&mut self) -> Expr {
        let counter = self.fresh("c");
        let bound = self.choose(4) as i64;
        let (lt, add) = match self.dialect {
            Dialect::Js => (PrimOp::JsLt, PrimOp::JsAdd),
            Dialect::Py => (PrimOp::PyLt, PrimOp::PyAdd),
        };
        let var = || {
            e(ExprKind::Var {
                name: counter.clone(),
            })
        };
        let init = e(ExprKind::Let {
            name: counter.clone(),
            value: Box::new(self.number(0)),
        });
        self.scope.push(counter.clone());
        let step = e(ExprKind::Set {
            target: LValue::Var {
                name: counter.clone(),
            },
            value: Box::new(prim(add, vec![var(), self.number(1)])),
        });
        let label = self.fresh("l");
        self.labels.push(label.clone());
        let mut body = vec![step];
        body.extend(self.block(3));
        self.labels.pop();
        self.scope.pop();
        let cond = prim(lt, vec![var(), self.number(bound)]);
        let lp = e(ExprKind::Label {
            name: label,
            body: vec![e(ExprKind::While {
                cond: Box::new(cond),
                body,
            })],
        });
        e(ExprKind::Block {
            body: vec![init, lp],
        })
    }

    fn lvalue(&mut self) -> LValue {
        match self.choose(3) {
            0 => {
                let object = self.expr();
                LValue::Field {
                    object: Box::new(object),
                    field: FIELDS[self.choose(3)].into(),
                }
            }
            1 => {
                let object = self.expr();
                let index = self.expr();
                LValue::Index {
                    object: Box::new(object),
                    index: Box::new(index),
                }
            }
            _ => LValue::Var {
                name: self.pick_scope(),
            },
        }
    }

    pub fn expr(&mut self) -> Expr {
        if self.depth > 4 {
            return self.leaf();
        }
        self.depth += 1;
        let x = match self.choose(12) {
            0..=2 => self.leaf(),
            3 | 4 => {
                let ops = ops(self.dialect);
                let op = ops[self.choose(ops.len())];
                let args = (0..arity(op)).map(|_| self.expr()).collect();
                prim(op, args)
            }
            5 => {
                let n = self.choose(3);
                let fields = (0..n)
                    .map(|i| Field {
                        name: FIELDS[i].into(),
                        value: self.expr(),
                    })
                    .collect();
                e(ExprKind::Object { fields })
            }
            6 => {
                let n = self.choose(3);
                e(ExprKind::Array {
                    items: (0..n).map(|_| self.expr()).collect(),
                })
            }
            7 => {
                let object = self.expr();
                if self.dialect == Dialect::Js && self.choose(2) == 0 {
                    e(ExprKind::Get {
                        object: Box::new(object),
                        field: FIELDS[self.choose(3)].into(),
                    })
                } else {
                    let index = if self.choose(2) == 0 {
                        str_lit(FIELDS[self.choose(3)])
                    } else {
                        self.expr()
                    };
                    e(ExprKind::Index {
                        object: Box::new(object),
                        index: Box::new(index),
                    })
                }
            }
            8 => {
                let cond = if self.choose(2) == 0 {
                    self.input_expr()
                } else {
                    self.expr()
                };
                let truthy = if self.dialect == Dialect::Js {
                    PrimOp::JsTruthy
                } else {
                    PrimOp::PyTruthy
                };
                let then = self.block(2);
                let otherwise = self.block(2);
                e(ExprKind::If {
                    cond: Box::new(prim(truthy, vec![cond])),
                    then,
                    otherwise,
                })
            }
            9 => {
                // A call of a function in scope, or of whatever a variable holds (higher-order
                // calls, and TypeErrors when it holds no function), or of a function picked
                // from an array by a computed index (a callee that differs between runs).
                let in_scope: Vec<(String, usize)> = self
                    .funcs
                    .iter()
                    .filter(|(f, _)| self.scope.contains(f))
                    .cloned()
                    .collect();
                let (callee, arity) = match self.choose(4) {
                    0 | 1 if !in_scope.is_empty() => {
                        let (f, arity) = in_scope[self.choose(in_scope.len())].clone();
                        (e(ExprKind::Var { name: f }), arity)
                    }
                    2 if in_scope.len() >= 2 => {
                        let items = in_scope
                            .iter()
                            .map(|(f, _)| e(ExprKind::Var { name: f.clone() }))
                            .collect();
                        // Which function depends on the input: held-back inputs meet guards.
                        let index = self.input_bit();
                        let table = e(ExprKind::Array { items });
                        (
                            e(ExprKind::Index {
                                object: Box::new(table),
                                index: Box::new(index),
                            }),
                            in_scope[0].1,
                        )
                    }
                    _ => (
                        e(ExprKind::Var {
                            name: self.pick_scope(),
                        }),
                        1,
                    ),
                };
                // Mostly the right arity; sometimes not (JS pads, Python raises).
                let n = if self.choose(4) == 0 {
                    self.choose(3)
                } else {
                    arity
                };
                let args = (0..n).map(|_| self.expr()).collect();
                e(ExprKind::Call {
                    callee: Box::new(callee),
                    args,
                })
            }
            10 => {
                let body = self.block(3);
                e(ExprKind::Block { body })
            }
            _ => self.leaf(),
        };
        self.depth -= 1;
        x
    }

    /// Something computed from the input (`input`, `input["a"]`, `input[0]`…).
    fn input_expr(&mut self) -> Expr {
        let input = e(ExprKind::Var {
            name: tracelab_ir::wf::INPUT_VAR.into(),
        });
        if !self.scope.iter().any(|v| v == tracelab_ir::wf::INPUT_VAR) {
            return self.literal();
        }
        match self.choose(4) {
            0 => input,
            1 => e(ExprKind::Index {
                object: Box::new(input),
                index: Box::new(str_lit(FIELDS[self.choose(2)])),
            }),
            2 => {
                let i = self.number(0);
                e(ExprKind::Index {
                    object: Box::new(input),
                    index: Box::new(i),
                })
            }
            _ => {
                let ops = ops(self.dialect);
                let comparisons: Vec<PrimOp> = ops
                    .into_iter()
                    .filter(|op| matches!(op.name(), "js.lt" | "js.strict_eq" | "py.eq" | "py.is"))
                    .collect();
                let op = comparisons[self.choose(comparisons.len())];
                let lit = self.literal();
                prim(op, vec![input, lit])
            }
        }
    }

    /// 0 or 1 depending on the input's truthiness, without a branch (so that a trace meets
    /// the difference at the guard that uses it, not at an `if`).
    fn input_bit(&mut self) -> Expr {
        let test = self.input_expr();
        match self.dialect {
            Dialect::Js => prim(PrimOp::JsToNumber, vec![prim(PrimOp::JsTruthy, vec![test])]),
            Dialect::Py => prim(PrimOp::PyTruthy, vec![test]),
        }
    }

    fn leaf(&mut self) -> Expr {
        if self.choose(3) == 0 {
            return self.input_expr();
        }
        if !self.scope.is_empty() && self.choose(2) == 0 {
            return e(ExprKind::Var {
                name: self.pick_scope(),
            });
        }
        self.literal()
    }

    fn literal(&mut self) -> Expr {
        match self.choose(8) {
            0 => {
                let n = self.choose(5) as i64 - 1;
                self.number(n)
            }
            1 => e(ExprKind::Float {
                value: tracelab_ir::Float([0.5, -0.0, 1e21, f64::NAN, 3.0][self.choose(5)]),
            }),
            2 => str_lit(["", "a", "héllo", "😀", "1"][self.choose(5)]),
            3 => e(ExprKind::Bool {
                value: self.choose(2) == 0,
            }),
            4 => e(ExprKind::Null),
            5 if self.dialect == Dialect::Js => e(ExprKind::Undefined),
            6 => e(ExprKind::Int {
                value: num_bigint::BigInt::from(1u64 << 62) * 4,
            }),
            _ => {
                let n = self.choose(3) as i64;
                self.number(n)
            }
        }
    }

    /// A number literal of the dialect: floats in JS, ints in Python.
    fn number(&self, n: i64) -> Expr {
        match self.dialect {
            Dialect::Js => e(ExprKind::Float {
                value: tracelab_ir::Float(n as f64),
            }),
            Dialect::Py => e(ExprKind::Int { value: n.into() }),
        }
    }
}

pub fn e(kind: ExprKind) -> Expr {
    Expr::new(kind)
}

fn str_lit(s: &str) -> Expr {
    e(ExprKind::Str { value: s.into() })
}

fn prim(op: PrimOp, args: Vec<Expr>) -> Expr {
    e(ExprKind::Prim { op, args })
}

fn to_str(dialect: Dialect, x: Expr) -> Expr {
    prim(
        if dialect == Dialect::Js {
            PrimOp::JsToString
        } else {
            PrimOp::PyStr
        },
        vec![x],
    )
}

fn arity(op: PrimOp) -> usize {
    match op.arity() {
        tracelab_ir::Arity::Exact(n) | tracelab_ir::Arity::AtLeast(n) => n,
    }
}

/// The pure scalar operators of a dialect that the generator uses.
fn ops(dialect: Dialect) -> Vec<PrimOp> {
    let prefix = match dialect {
        Dialect::Js => "js.",
        Dialect::Py => "py.",
    };
    PrimOp::ALL
        .iter()
        .copied()
        .filter(|op| op.name().starts_with(prefix) && arity(*op) <= 2 && is_core_op(*op))
        .collect()
}

/// The operators of the spine (the frontends add library operators the generator skips).
fn is_core_op(op: PrimOp) -> bool {
    let spine_end = match op.name().split('.').next() {
        Some("js") => PrimOp::JsToNumber,
        _ => PrimOp::PyLen,
    };
    op <= spine_end
}
