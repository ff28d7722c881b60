//! Literals, variables, `let`/`set` of variables, blocks, `if`, `while`, labels and breaks.

use super::{alloc_cell, next, push_eval, Body, Config, Control, Frame, Machine, Node, Step};
use crate::rules::RuleDef;
use std::rc::Rc;
use tracelab_ir::{Expr, ExprKind, LValue};
use tracelab_runtime::prim::errors;
use tracelab_runtime::value::{HeapObj, Value};

const G: &str = "Variables, blocks and control";

pub static E_LIT: RuleDef = RuleDef {
    name: "E-Lit",
    group: G,
    premises: &[],
    conclusion: r"\cfg{c}{\rho}{\kappa}{\sigma} \to \cfg{\llbracket c \rrbracket}{\rho}{\kappa}{\sigma}",
    prose: "A literal evaluates to its value.",
};
pub static E_VAR: RuleDef = RuleDef {
    name: "E-Var",
    group: G,
    premises: &[r"\rho(x) = \ell", r"\sigma(\ell) = v"],
    conclusion: r"\cfg{x}{\rho}{\kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    prose: "A variable reads the cell the environment maps it to.",
};
pub static E_LET: RuleDef = RuleDef {
    name: "E-Let",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{let}\,x = e}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{let}\,x \cdot \kappa}{\sigma}",
    prose: "`let` evaluates its right-hand side first.",
};
pub static E_LET_BIND: RuleDef = RuleDef {
    name: "E-Let-Bind",
    group: G,
    premises: &[r"\ell \notin \mathrm{dom}\,\sigma"],
    conclusion: r"\cfg{v}{\rho}{\fr{let}\,x \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho[x \mapsto \ell]}{\kappa}{\sigma[\ell \mapsto v]}",
    prose: "`let` binds the name to a fresh cell for the rest of the block.",
};
pub static E_SET_VAR: RuleDef = RuleDef {
    name: "E-Set-Var",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{set}\,x = e}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{set}\,x \cdot \kappa}{\sigma}",
    prose: "Assignment to a variable evaluates the right-hand side.",
};
pub static E_SET_VAR_WRITE: RuleDef = RuleDef {
    name: "E-Set-Var-Write",
    group: G,
    premises: &[r"\rho(x) = \ell"],
    conclusion: r"\cfg{v}{\rho}{\fr{set}\,x \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma[\ell \mapsto v]}",
    prose: "The variable's cell is overwritten; the assignment's value is the value assigned.",
};
pub static E_BLOCK_EMPTY: RuleDef = RuleDef {
    name: "E-Block-Empty",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\{\}}{\rho}{\kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma}",
    prose: "An empty block is `undefined`.",
};
pub static E_BLOCK: RuleDef = RuleDef {
    name: "E-Block",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\{e; \vec e\}}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{seq}\,\vec e\,\rho \cdot \kappa}{\sigma}",
    prose: "A block evaluates its first expression, remembering the rest and the environment.",
};
pub static E_SEQ_NEXT: RuleDef = RuleDef {
    name: "E-Seq-Next",
    group: G,
    premises: &[],
    conclusion: r"\cfg{v}{\rho'}{\fr{seq}\,(e; \vec e)\,\rho \cdot \kappa}{\sigma} \to \cfg{e}{\rho'}{\fr{seq}\,\vec e\,\rho \cdot \kappa}{\sigma}",
    prose: "The value of a non-final expression is dropped; later expressions see earlier lets.",
};
pub static E_SEQ_LAST: RuleDef = RuleDef {
    name: "E-Seq-Last",
    group: G,
    premises: &[],
    conclusion: r"\cfg{v}{\rho'}{\fr{seq}\,\cdot\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    prose: "A block's value is its last expression's; its lets go out of scope.",
};
pub static E_IF: RuleDef = RuleDef {
    name: "E-If",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{if}\,e\,b_1\,b_2}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{if}\,b_1\,b_2 \cdot \kappa}{\sigma}",
    prose: "`if` evaluates its condition.",
};
pub static E_IF_TRUE: RuleDef = RuleDef {
    name: "E-If-True",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{true}}{\rho}{\fr{if}\,b_1\,b_2 \cdot \kappa}{\sigma} \to \cfg{b_1}{\rho}{\kappa}{\sigma}",
    prose: "A true condition takes the first branch.",
};
pub static E_IF_FALSE: RuleDef = RuleDef {
    name: "E-If-False",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{false}}{\rho}{\fr{if}\,b_1\,b_2 \cdot \kappa}{\sigma} \to \cfg{b_2}{\rho}{\kappa}{\sigma}",
    prose: "A false condition takes the second branch.",
};
pub static E_IF_NOT_BOOL: RuleDef = RuleDef {
    name: "E-If-Not-Bool",
    group: G,
    premises: &[
        r"v \notin \{\kw{true}, \kw{false}\}",
        r"\ell = \mathit{err}(\kw{TypeError})",
    ],
    conclusion: r"\cfg{v}{\rho}{\fr{if}\,b_1\,b_2 \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma'}",
    prose: "A condition must be a boolean (frontends apply their language's truthiness first).",
};
pub static E_WHILE: RuleDef = RuleDef {
    name: "E-While",
    group: G,
    premises: &[],
    conclusion: r"\cfg{w}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{cond}\,w \cdot \kappa}{\sigma} \quad (w = \kw{while}\,e\,b)",
    prose: "A loop evaluates its condition.",
};
pub static E_WHILE_TRUE: RuleDef = RuleDef {
    name: "E-While-True",
    group: G,
    premises: &[r"h.\mathit{fuel} > 0"],
    conclusion: r"\cfg{\kw{true}}{\rho}{\fr{cond}\,w \cdot \kappa}{\sigma} \to \cfg{b}{\rho}{\fr{body}\,w \cdot \kappa}{\sigma}",
    prose: "A true condition runs the body once, spending one unit of fuel.",
};
pub static E_WHILE_FALSE: RuleDef = RuleDef {
    name: "E-While-False",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{false}}{\rho}{\fr{cond}\,w \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma}",
    prose: "A false condition ends the loop.",
};
pub static E_WHILE_NOT_BOOL: RuleDef = RuleDef {
    name: "E-While-Not-Bool",
    group: G,
    premises: &[
        r"v \notin \{\kw{true}, \kw{false}\}",
        r"\ell = \mathit{err}(\kw{TypeError})",
    ],
    conclusion: r"\cfg{v}{\rho}{\fr{cond}\,w \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma'}",
    prose: "A loop condition must be a boolean.",
};
pub static E_WHILE_AGAIN: RuleDef = RuleDef {
    name: "E-While-Again",
    group: G,
    premises: &[],
    conclusion: r"\cfg{v}{\rho}{\fr{body}\,w \cdot \kappa}{\sigma} \to \cfg{w}{\rho}{\kappa}{\sigma}",
    prose: "After the body, the loop starts over.",
};
pub static E_LABEL: RuleDef = RuleDef {
    name: "E-Label",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{label}\,l\,b}{\rho}{\kappa}{\sigma} \to \cfg{b}{\rho}{\fr{label}\,l\,\rho \cdot \kappa}{\sigma}",
    prose: "A label runs its body, marking the continuation.",
};
pub static E_LABEL_VALUE: RuleDef = RuleDef {
    name: "E-Label-Value",
    group: G,
    premises: &[],
    conclusion: r"\cfg{v}{\rho'}{\fr{label}\,l\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    prose: "A body that finishes normally gives the label's value.",
};
pub static E_BREAK: RuleDef = RuleDef {
    name: "E-Break",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\kw{break}\,l\,e}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{break}\,l \cdot \kappa}{\sigma}",
    prose: "`break` evaluates the value it carries.",
};
pub static E_BREAK_VALUE: RuleDef = RuleDef {
    name: "E-Break-Value",
    group: G,
    premises: &[],
    conclusion: r"\cfg{v}{\rho}{\fr{break}\,l \cdot \kappa}{\sigma} \to \cfg{\brk{l}{v}}{\rho}{\kappa}{\sigma}",
    prose: "The break starts unwinding with its value.",
};
pub static E_BREAK_POP: RuleDef = RuleDef {
    name: "E-Break-Pop",
    group: G,
    premises: &[
        r"F \neq \fr{label}\,l\,\_",
        r"F \neq \fr{try}\,\_",
        r"F \neq \fr{handler}\,\_",
    ],
    conclusion: r"\cfg{\brk{l}{v}}{\rho}{F \cdot \kappa}{\sigma} \to \cfg{\brk{l}{v}}{\rho}{\kappa}{\sigma}",
    prose: "A break discards frames until its label (a `finally` on the way still runs).",
};
pub static E_BREAK_LABEL: RuleDef = RuleDef {
    name: "E-Break-Label",
    group: G,
    premises: &[],
    conclusion: r"\cfg{\brk{l}{v}}{\rho'}{\fr{label}\,l\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    prose: "A break to a label gives the label's value.",
};

pub static RULES: &[&RuleDef] = &[
    &E_LIT,
    &E_VAR,
    &E_LET,
    &E_LET_BIND,
    &E_SET_VAR,
    &E_SET_VAR_WRITE,
    &E_BLOCK_EMPTY,
    &E_BLOCK,
    &E_SEQ_NEXT,
    &E_SEQ_LAST,
    &E_IF,
    &E_IF_TRUE,
    &E_IF_FALSE,
    &E_IF_NOT_BOOL,
    &E_WHILE,
    &E_WHILE_TRUE,
    &E_WHILE_FALSE,
    &E_WHILE_NOT_BOOL,
    &E_WHILE_AGAIN,
    &E_LABEL,
    &E_LABEL_VALUE,
    &E_BREAK,
    &E_BREAK_VALUE,
    &E_BREAK_POP,
    &E_BREAK_LABEL,
];

pub(crate) fn literal<'p>(e: &'p Expr, cfg: Config<'p>) -> Step<'p> {
    let v = match &e.kind {
        ExprKind::Undefined => Value::Undefined,
        ExprKind::Null => Value::Null,
        ExprKind::Bool { value } => Value::Bool(*value),
        ExprKind::Int { value } => Value::bigint(value.clone()),
        ExprKind::Float { value } => Value::Float(value.0),
        ExprKind::Str { value } => Value::str(value),
        _ => unreachable!("literal() is called on literals only"),
    };
    next(cfg, Control::Value(v), &E_LIT)
}

pub(crate) fn enter_block<'p>(body: Body<'p>, mut cfg: Config<'p>) -> Step<'p> {
    match body.0.split_first() {
        None => next(cfg, Control::Value(Value::Undefined), &E_BLOCK_EMPTY),
        Some((first, rest)) => {
            cfg.kont.push_back(Frame::Seq {
                rest: Body(rest),
                env: cfg.env.clone(),
            });
            next(cfg, Control::Expr(Node(first)), &E_BLOCK)
        }
    }
}

impl<'p> Machine<'p> {
    pub(super) fn eval_control(&self, node: Node<'p>, mut cfg: Config<'p>) -> Step<'p> {
        match &node.0.kind {
            ExprKind::Var { name } => {
                let loc = lookup(&cfg, name);
                let v = match cfg.heap.get(loc) {
                    Some(HeapObj::Cell(v)) => v.clone(),
                    other => unreachable!("environments map names to cells, found {other:?}"),
                };
                next(cfg, Control::Value(v), &E_VAR)
            }
            ExprKind::Let { name, value } => {
                push_eval(cfg, Frame::Let { name, site: node }, value, &E_LET)
            }
            ExprKind::Set { target, value } => match target {
                LValue::Var { name } => {
                    push_eval(cfg, Frame::SetVar { name, site: node }, value, &E_SET_VAR)
                }
                LValue::Field { object, field } => push_eval(
                    cfg,
                    Frame::SetFieldObject {
                        field,
                        value: Node(value),
                    },
                    object,
                    &super::data::E_SET_FIELD,
                ),
                LValue::Index { object, index } => push_eval(
                    cfg,
                    Frame::SetIndexObject {
                        index: Node(index),
                        value: Node(value),
                    },
                    object,
                    &super::data::E_SET_INDEX,
                ),
            },
            ExprKind::Block { body } => enter_block(Body(body), cfg),
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => push_eval(
                cfg,
                Frame::If {
                    then: Body(then),
                    otherwise: Body(otherwise),
                },
                cond,
                &E_IF,
            ),
            ExprKind::While { cond, .. } => {
                push_eval(cfg, Frame::WhileCond { node }, cond, &E_WHILE)
            }
            ExprKind::Label { name, body } => {
                cfg.kont.push_back(Frame::Label {
                    name,
                    env: cfg.env.clone(),
                });
                next(cfg, Control::Block(Body(body)), &E_LABEL)
            }
            ExprKind::Break { label, value } => {
                push_eval(cfg, Frame::Break { label }, value, &E_BREAK)
            }
            _ => unreachable!("eval_control is dispatched on control forms only"),
        }
    }

    pub(super) fn resume_control(
        &self,
        frame: Frame<'p>,
        v: Value,
        mut cfg: Config<'p>,
    ) -> Step<'p> {
        match frame {
            Frame::Seq { rest, env } => match rest.0.split_first() {
                Some((first, more)) => {
                    cfg.kont.push_back(Frame::Seq {
                        rest: Body(more),
                        env,
                    });
                    next(cfg, Control::Expr(Node(first)), &E_SEQ_NEXT)
                }
                None => {
                    cfg.env = env;
                    next(cfg, Control::Value(v), &E_SEQ_LAST)
                }
            },
            Frame::Let { name, .. } => {
                let loc = alloc_cell(&mut cfg, v);
                cfg.env.insert(Rc::from(name), loc);
                next(cfg, Control::Value(Value::Undefined), &E_LET_BIND)
            }
            Frame::SetVar { name, .. } => {
                let loc = lookup(&cfg, name);
                cfg.heap.charge(&v);
                if let Some(cell) = cfg.heap.get_mut(loc) {
                    *cell = HeapObj::Cell(v.clone());
                }
                next(cfg, Control::Value(v), &E_SET_VAR_WRITE)
            }
            Frame::If { then, otherwise } => match v {
                Value::Bool(true) => next(cfg, Control::Block(then), &E_IF_TRUE),
                Value::Bool(false) => next(cfg, Control::Block(otherwise), &E_IF_FALSE),
                _ => self.raise_error(cfg, not_bool("if"), &E_IF_NOT_BOOL),
            },
            Frame::WhileCond { node } => match v {
                Value::Bool(true) => {
                    if let Some(done) = self.spend_fuel(&mut cfg) {
                        return done;
                    }
                    let ExprKind::While { body, .. } = &node.0.kind else {
                        unreachable!("WhileCond frames hold while loops")
                    };
                    cfg.kont.push_back(Frame::WhileBody { node });
                    next(cfg, Control::Block(Body(body)), &E_WHILE_TRUE)
                }
                Value::Bool(false) => next(cfg, Control::Value(Value::Undefined), &E_WHILE_FALSE),
                _ => self.raise_error(cfg, not_bool("while"), &E_WHILE_NOT_BOOL),
            },
            Frame::WhileBody { node } => next(cfg, Control::Expr(node), &E_WHILE_AGAIN),
            Frame::Label { env, .. } => {
                cfg.env = env;
                next(cfg, Control::Value(v), &E_LABEL_VALUE)
            }
            Frame::Break { label } => next(cfg, Control::Break(Rc::from(label), v), &E_BREAK_VALUE),
            _ => unreachable!("resume_control is dispatched on control frames only"),
        }
    }

    /// A break meets the top frame.
    pub(super) fn unwind_break(&self, label: Rc<str>, v: Value, mut cfg: Config<'p>) -> Step<'p> {
        match cfg.kont.pop_back() {
            None => unreachable!("well-formed programs break only inside their label"),
            Some(Frame::Label { name, env }) if *name == *label => {
                cfg.env = env;
                next(cfg, Control::Value(v), &E_BREAK_LABEL)
            }
            Some(frame @ (Frame::Try { .. } | Frame::Handler { .. })) => {
                self.complete_try(frame, Control::Break(label, v), cfg)
            }
            Some(frame) => {
                if matches!(frame, Frame::Return { .. }) {
                    cfg.host.meter.leave();
                }
                next(cfg, Control::Break(label, v), &E_BREAK_POP)
            }
        }
    }
}

/// The cell of a variable. The machine runs only well-formed programs (see
/// [`Machine::new`]), in which every variable read or written is bound.
pub(crate) fn lookup(cfg: &Config<'_>, name: &str) -> tracelab_runtime::value::Loc {
    match cfg.env.get(name) {
        Some(&loc) => loc,
        None => unreachable!("well-formed programs use bound variables only, `{name}` is not"),
    }
}

fn not_bool(form: &str) -> errors::Error {
    errors::Error::new(
        "TypeError",
        format!("the condition of `{form}` is not a boolean"),
    )
}
