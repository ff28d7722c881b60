//! Rendering coverage as a trace program: the program pruned to what was reached in each
//! context, with call sites turned into guards and registrations into traced callbacks.

use super::collect::{Coverage, Ctx, NodeIds};
use tracelab_ir::{CaseBody, Catch, Expr, ExprKind, Field, FunDef, GuardCase, LValue, Program};

/// The name tracing binds a callee to in an inlined body (`#` keeps it apart from source names).
pub fn clos_name(func: &str) -> String {
    format!("{func}#clos")
}

/// Names a traced callback binds: the callback closure and the event's answer.
pub const CALLBACK_CLOS: &str = "callback#clos";
pub const CALLBACK_ANSWER: &str = "callback#answer";

pub fn render(program: &Program, coverage: &Coverage) -> Program {
    let r = Renderer {
        program,
        coverage,
        ids: NodeIds::new(program),
    };
    let functions = program
        .functions
        .iter()
        .map(|f| FunDef {
            body: r.block(&f.body, &Ctx::function(&f.name)),
            ..f.clone()
        })
        .collect();
    Program {
        dialect: program.dialect,
        functions,
        body: r.block(&program.body, &Ctx::main()),
    }
}

struct Renderer<'a> {
    program: &'a Program,
    coverage: &'a Coverage,
    ids: NodeIds,
}

fn unknown() -> Expr {
    Expr::new(ExprKind::Unknown)
}

impl Renderer<'_> {
    fn reached(&self, e: &Expr, ctx: &Ctx) -> bool {
        self.coverage
            .reached
            .contains(&(ctx.clone(), self.ids.of(e)))
    }

    /// A block up to its first unreached element, which becomes `unknown` (blocks run in
    /// order, so nothing after it was reached either).
    fn block(&self, body: &[Expr], ctx: &Ctx) -> Vec<Expr> {
        let mut out = Vec::with_capacity(body.len());
        for e in body {
            if !self.reached(e, ctx) {
                out.push(unknown());
                break;
            }
            out.push(self.reached_expr(e, ctx));
        }
        out
    }

    fn expr(&self, e: &Expr, ctx: &Ctx) -> Expr {
        if self.reached(e, ctx) {
            self.reached_expr(e, ctx)
        } else {
            unknown()
        }
    }

    fn boxed(&self, e: &Expr, ctx: &Ctx) -> Box<Expr> {
        Box::new(self.expr(e, ctx))
    }

    fn exprs(&self, es: &[Expr], ctx: &Ctx) -> Vec<Expr> {
        es.iter().map(|e| self.expr(e, ctx)).collect()
    }

    /// `value` (rendered) under a type guard when place `slot` of `site` saw one type only.
    /// A literal goes unguarded: its type is already certain.
    fn typed(&self, value: Expr, site: &Expr, slot: u32, ctx: &Ctx) -> Expr {
        let key = (ctx.clone(), self.ids.of(site), slot);
        let certain = matches!(
            value.kind,
            ExprKind::Unknown
                | ExprKind::Bool { .. }
                | ExprKind::Int { .. }
                | ExprKind::Float { .. }
                | ExprKind::Str { .. }
        );
        match self.coverage.types.get(&key).and_then(|t| t.single()) {
            Some(ty) if !certain => {
                let span = value.span;
                Expr {
                    kind: ExprKind::Typed {
                        ty,
                        value: Box::new(value),
                    },
                    span,
                }
            }
            _ => value,
        }
    }

    fn reached_expr(&self, e: &Expr, ctx: &Ctx) -> Expr {
        let kind = match &e.kind {
            ExprKind::Let { name, value } => ExprKind::Let {
                name: name.clone(),
                value: Box::new(self.typed(self.expr(value, ctx), e, 0, ctx)),
            },
            ExprKind::Set { target, value } => {
                let target = match target {
                    LValue::Var { name } => LValue::Var { name: name.clone() },
                    LValue::Field { object, field } => LValue::Field {
                        object: self.boxed(object, ctx),
                        field: field.clone(),
                    },
                    LValue::Index { object, index } => LValue::Index {
                        object: self.boxed(object, ctx),
                        index: self.boxed(index, ctx),
                    },
                };
                let value = self.expr(value, ctx);
                let value = match target {
                    LValue::Var { .. } => self.typed(value, e, 0, ctx),
                    _ => value,
                };
                ExprKind::Set {
                    target,
                    value: Box::new(value),
                }
            }
            ExprKind::Block { body } => ExprKind::Block {
                body: self.block(body, ctx),
            },
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => ExprKind::If {
                cond: self.boxed(cond, ctx),
                then: self.block(then, ctx),
                otherwise: self.block(otherwise, ctx),
            },
            ExprKind::While { cond, body } => ExprKind::While {
                cond: self.boxed(cond, ctx),
                body: self.block(body, ctx),
            },
            ExprKind::Label { name, body } => ExprKind::Label {
                name: name.clone(),
                body: self.block(body, ctx),
            },
            ExprKind::Break { label, value } => ExprKind::Break {
                label: label.clone(),
                value: self.boxed(value, ctx),
            },
            ExprKind::Object { fields } => ExprKind::Object {
                fields: fields
                    .iter()
                    .map(|f| Field {
                        name: f.name.clone(),
                        value: self.expr(&f.value, ctx),
                    })
                    .collect(),
            },
            ExprKind::Array { items } => ExprKind::Array {
                items: self.exprs(items, ctx),
            },
            ExprKind::Get { object, field } => ExprKind::Get {
                object: self.boxed(object, ctx),
                field: field.clone(),
            },
            ExprKind::Index { object, index } => ExprKind::Index {
                object: self.boxed(object, ctx),
                index: self.boxed(index, ctx),
            },
            ExprKind::Prim { op, args } => ExprKind::Prim {
                op: *op,
                args: self.exprs(args, ctx),
            },
            ExprKind::Throw { value } => ExprKind::Throw {
                value: self.boxed(value, ctx),
            },
            ExprKind::Try {
                body,
                catch,
                finally,
            } => ExprKind::Try {
                body: self.block(body, ctx),
                catch: catch.as_ref().map(|c| Catch {
                    name: c.name.clone(),
                    body: self.block(&c.body, ctx),
                }),
                finally: finally.as_ref().map(|f| self.block(f, ctx)),
            },
            ExprKind::Event { event, arg } => ExprKind::Event {
                event: *event,
                arg: self.boxed(arg, ctx),
            },
            ExprKind::Call { callee, args } => ExprKind::Guard {
                callee: self.boxed(callee, ctx),
                args: args
                    .iter()
                    .enumerate()
                    .map(|(i, a)| self.typed(self.expr(a, ctx), e, i as u32 + 1, ctx))
                    .collect(),
                cases: self.cases(e, ctx),
            },
            ExprKind::Register {
                event,
                arg,
                callback,
            } => {
                let dispatch = ExprKind::Guard {
                    callee: Box::new(Expr::new(ExprKind::Var {
                        name: CALLBACK_CLOS.into(),
                    })),
                    args: vec![Expr::new(ExprKind::Var {
                        name: CALLBACK_ANSWER.into(),
                    })],
                    cases: self.cases(e, ctx),
                };
                ExprKind::Callback {
                    event: *event,
                    arg: self.boxed(arg, ctx),
                    callback: self.boxed(callback, ctx),
                    clos: CALLBACK_CLOS.into(),
                    param: CALLBACK_ANSWER.into(),
                    body: vec![Expr::new(dispatch)],
                }
            }
            // Leaves, and forms tracing never meets in a core program, stay as they are.
            other => other.clone(),
        };
        Expr { kind, span: e.span }
    }

    /// The cases of a guard at call site `site`: one per function the runs entered there.
    fn cases(&self, site: &Expr, ctx: &Ctx) -> Vec<GuardCase> {
        let id = self.ids.of(site);
        let Some(funcs) = self.coverage.callees.get(&(ctx.clone(), id)) else {
            return Vec::new();
        };
        funcs
            .iter()
            .map(|f| {
                let def = self
                    .program
                    .function(f)
                    .expect("callees are functions of the program");
                let (child, inline) = ctx.enter(id, f);
                let body = if inline {
                    let clos = clos_name(f);
                    let mut body: Vec<Expr> = def
                        .captures
                        .iter()
                        .map(|c| {
                            Expr::new(ExprKind::Alias {
                                name: c.clone(),
                                closure: Box::new(Expr::new(ExprKind::Var { name: clos.clone() })),
                                capture: c.clone(),
                            })
                        })
                        .collect();
                    body.extend(self.block(&def.body, &child));
                    CaseBody::Inline {
                        clos,
                        params: def.params.clone(),
                        body,
                    }
                } else {
                    CaseBody::Call
                };
                GuardCase {
                    func: f.to_string(),
                    body,
                }
            })
            .collect()
    }
}
