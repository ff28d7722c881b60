//! Closures, calls and returns; the trace-only guard and alias.

use super::{alloc_cell, next, push_eval, Body, Config, Control, Env, Frame, Machine, Node, Step};
use crate::rules::RuleDef;
use im::Vector;
use std::rc::Rc;
use tracelab_ir::{CaseBody, ExprKind, GuardCase, RETURN_LABEL};
use tracelab_runtime::meter::Refusal;
use tracelab_runtime::outcome::{Outcome, OutcomeKind};
use tracelab_runtime::prim::errors;
use tracelab_runtime::value::{HeapObj, Value};

const G: &str = "Functions";

rule!(
    E_CLOSURE,
    "E-Closure",
    [
        r"\mathit{fun}\,f(\vec x)\,[\vec y]\,b \in P",
        r"\ell \notin \mathrm{dom}\,\sigma"
    ],
    r"\cfg{\kw{clos}\,f}{\rho}{\kappa}{\sigma} \to \cfg{\ell}{\rho}{\kappa}{\sigma[\ell \mapsto \langle f, \vec y \mapsto \rho(\vec y) \rangle]}",
    "A closure captures the cells (not the values) of the variables its function lists."
);
rule!(
    E_CALL,
    "E-Call",
    [],
    r"\cfg{e(\vec e)}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{call}\,\cdot\,\vec e \cdot \kappa}{\sigma}",
    "A call evaluates the callee, then the arguments left to right."
);
rule!(
    E_CALL_ARG,
    "E-Call-Arg",
    [],
    r"\cfg{v}{\rho}{\fr{call}\,\vec v\,(e, \vec e) \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{call}\,\vec v v\,\vec e \cdot \kappa}{\sigma}",
    "Each value is kept and the next argument evaluated."
);
rule!(E_CALL_ENTER, "E-Call-Enter",
    [r"\sigma(\ell_f) = \langle f, \vec y \mapsto \vec \ell \rangle", r"\mathit{fun}\,f(\vec x)\,[\vec y]\,b \in P",
     r"\vec \ell_x \text{ fresh}", r"\rho' = [\vec x \mapsto \vec \ell_x, \vec y \mapsto \vec \ell]", r"h.\mathit{fuel} > 0"],
    r"\cfg{v_n}{\rho}{\fr{call}\,\ell_f\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{b}{\rho'}{\fr{label}\,\kw{return}\,\rho' \cdot \fr{ret}\,\rho \cdot \kappa}{\sigma[\vec \ell_x \mapsto \vec v v_n]}",
    "A call binds the parameters to fresh cells and the captures to the closure's cells, and runs the body under the `return` label (one unit of fuel). JS pads missing arguments with `undefined`.");
rule!(
    E_CALL_ARITY,
    "E-Call-Arity",
    [r"|\vec x| \neq |\vec v|", r"L = \kw{py}"],
    r"\cfg{v_n}{\rho}{\fr{call}\,\ell_f\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto \kw{TypeError}(m)]}",
    "Python raises TypeError when the number of arguments is wrong."
);
rule!(
    E_CALL_NOT_FUNCTION,
    "E-Call-Not-Function",
    [r"\sigma(v_f) \text{ is not a closure}"],
    r"\cfg{v_n}{\rho}{\fr{call}\,v_f\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto \kw{TypeError}(m)]}",
    "Calling a value that is not a function raises TypeError."
);
rule!(E_CALL_DEPTH, "E-Call-Depth", [r"h.\mathit{depth} = \mathit{max}"],
    r"\cfg{v_n}{\rho}{\fr{call}\,\ell_f\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto \mathit{err}_L]}",
    "Too deep a recursion raises the language's error (RecursionError / RangeError), never a host crash.");
rule!(
    E_CALL_RETURN,
    "E-Call-Return",
    [],
    r"\cfg{v}{\rho'}{\fr{ret}\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    "The body's value returns to the caller, whose environment comes back."
);
rule!(
    E_GUARD,
    "E-Guard",
    [],
    r"\cfg{\kw{guard}\,(e)(\vec e)\,\vec c}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{guard}\,\cdot\,\vec e\,\vec c \cdot \kappa}{\sigma}",
    "A guard evaluates its call site's callee, then its arguments, as a call does."
);
rule!(
    E_GUARD_ARG,
    "E-Guard-Arg",
    [],
    r"\cfg{v}{\rho}{\fr{guard}\,\vec v\,(e, \vec e)\,\vec c \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{guard}\,\vec v v\,\vec e\,\vec c \cdot \kappa}{\sigma}",
    "Each value is kept and the next argument evaluated."
);
rule!(
    E_GUARD_INLINE,
    "E-Guard-Inline",
    [r"\sigma(\ell_f) = \langle f, \_ \rangle", r"(f \Rightarrow \kw{inline}\,(x_c, \vec x)\,b) \in \vec c",
     r"\vec \ell \text{ fresh}", r"\rho' = \rho[x_c \mapsto \ell_c, \vec x \mapsto \vec \ell]", r"h.\mathit{fuel} > 0"],
    r"\cfg{v_n}{\rho}{\fr{guard}\,\ell_f\,\vec v\,\cdot\,\vec c \cdot \kappa}{\sigma} \to \cfg{b}{\rho'}{\fr{label}\,\kw{return}\,\rho' \cdot \fr{ret}\,\rho \cdot \kappa}{\sigma[\ell_c \mapsto \ell_f, \vec \ell \mapsto \vec v v_n]}",
    "A callee the trace inlined runs the inlined body, with the checks, fuel and depth of the call it replaces."
);
rule!(
    E_GUARD_CALL,
    "E-Guard-Call",
    [
        r"\sigma(\ell_f) = \langle f, \_ \rangle",
        r"(f \Rightarrow \kw{call}) \in \vec c"
    ],
    r"\cfg{v_n}{\rho}{\fr{guard}\,\ell_f\,\vec v\,\cdot\,\vec c \cdot \kappa}{\sigma} \to \cfg{v_n}{\rho}{\fr{call}\,\ell_f\,\vec v\,\cdot \cdot \kappa}{\sigma}",
    "A recursive callee is called: its body is the trace-level function's merged trace."
);
rule!(
    E_GUARD_FAIL,
    "E-Guard-Fail",
    [
        r"\sigma(\ell_f) = \langle g, \_ \rangle",
        r"g \notin \vec c"
    ],
    r"\cfg{v_n}{\rho}{\fr{guard}\,\ell_f\,\vec v\,\cdot\,\vec c \cdot \kappa}{\sigma} \to \kw{unknown}",
    "A closure of a function no traced run called here: the trace does not know this path."
);
rule!(
    E_ALIAS,
    "E-Alias",
    [],
    r"\cfg{\kw{alias}\,x = e \mathbin{\to} y}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{alias}\,x\,y \cdot \kappa}{\sigma}",
    "An alias evaluates the closure whose variable it names."
);
rule!(
    E_ALIAS_BIND,
    "E-Alias-Bind",
    [r"\sigma(\ell_c) = \langle f, y \mapsto \ell, \ldots \rangle"],
    r"\cfg{\ell_c}{\rho}{\fr{alias}\,x\,y \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho[x \mapsto \ell]}{\kappa}{\sigma}",
    "The name is bound to the very cell the closure captured, so updates are shared."
);
rule!(
    E_ALIAS_FAIL,
    "E-Alias-Fail",
    [r"v \text{ has no capture } y"],
    r"\cfg{v}{\rho}{\fr{alias}\,x\,y \cdot \kappa}{\sigma} \to \kw{unknown}",
    "A value without that capture: the trace does not know this path."
);

pub static RULES: &[&RuleDef] = &[
    &E_CLOSURE,
    &E_CALL,
    &E_CALL_ARG,
    &E_CALL_ENTER,
    &E_CALL_ARITY,
    &E_CALL_NOT_FUNCTION,
    &E_CALL_DEPTH,
    &E_CALL_RETURN,
    &E_GUARD,
    &E_GUARD_ARG,
    &E_GUARD_INLINE,
    &E_GUARD_CALL,
    &E_GUARD_FAIL,
    &E_ALIAS,
    &E_ALIAS_BIND,
    &E_ALIAS_FAIL,
];

impl<'p> Machine<'p> {
    pub(super) fn eval_function(&self, node: Node<'p>, mut cfg: Config<'p>) -> Step<'p> {
        match &node.0.kind {
            ExprKind::Closure { func } => {
                let Some(def) = self.function(func) else {
                    unreachable!("well-formed programs close over defined functions only")
                };
                let captures = def
                    .captures
                    .iter()
                    .map(|name| (Rc::from(name.as_str()), super::control::lookup(&cfg, name)))
                    .collect();
                let loc = cfg.heap.alloc(HeapObj::Closure {
                    func: Rc::from(func.as_str()),
                    captures,
                });
                next(cfg, Control::Value(Value::Ref(loc)), &E_CLOSURE)
            }
            ExprKind::Call { callee, args } | ExprKind::Guard { callee, args, .. } => {
                let rule = if matches!(node.0.kind, ExprKind::Call { .. }) {
                    &E_CALL
                } else {
                    &E_GUARD
                };
                push_eval(
                    cfg,
                    Frame::Call {
                        site: node,
                        args: Body(args),
                        done: Vector::new(),
                    },
                    callee,
                    rule,
                )
            }
            ExprKind::Alias {
                name,
                closure,
                capture,
            } => push_eval(cfg, Frame::Alias { name, capture }, closure, &E_ALIAS),
            _ => unreachable!("eval_function is dispatched on function forms only"),
        }
    }

    pub(super) fn resume_function(
        &self,
        frame: Frame<'p>,
        v: Value,
        mut cfg: Config<'p>,
    ) -> Step<'p> {
        match frame {
            Frame::Call {
                site,
                args,
                mut done,
            } => {
                done.push_back(v);
                let cases = match &site.0.kind {
                    ExprKind::Guard { cases, .. } => Some(cases),
                    _ => None,
                };
                // done[0] is the callee; done[i + 1] the value of args[i].
                match args.0.get(done.len() - 1) {
                    Some(arg) => {
                        let rule = if cases.is_some() {
                            &E_GUARD_ARG
                        } else {
                            &E_CALL_ARG
                        };
                        push_eval(cfg, Frame::Call { site, args, done }, arg, rule)
                    }
                    None => {
                        let callee = done.pop_front().expect("a call frame holds its callee");
                        let args = done.into_iter().collect();
                        match cases {
                            None => self.enter(cfg, callee, args, &E_CALL_ENTER),
                            Some(cases) => self.dispatch(cfg, callee, args, cases),
                        }
                    }
                }
            }
            Frame::Return { env } => {
                cfg.env = env;
                cfg.host.meter.leave();
                next(cfg, Control::Value(v), &E_CALL_RETURN)
            }
            Frame::Alias { name, capture } => {
                let cell = match &v {
                    Value::Ref(loc) => match cfg.heap.get(*loc) {
                        Some(HeapObj::Closure { captures, .. }) => captures
                            .iter()
                            .find(|(n, _)| **n == *capture)
                            .map(|(_, l)| *l),
                        _ => None,
                    },
                    _ => None,
                };
                match cell {
                    Some(loc) => {
                        cfg.env.insert(Rc::from(name), loc);
                        next(cfg, Control::Value(Value::Undefined), &E_ALIAS_BIND)
                    }
                    None => Step::Done(
                        Outcome::new(OutcomeKind::Unknown, &cfg.host.log),
                        &E_ALIAS_FAIL,
                    ),
                }
            }
            _ => unreachable!("resume_function is dispatched on function frames only"),
        }
    }

    /// Enters the body of the closure `callee` with `args` (also used by event handlers).
    pub(super) fn enter(
        &self,
        cfg: Config<'p>,
        callee: Value,
        args: Vec<Value>,
        rule: &'static RuleDef,
    ) -> Step<'p> {
        let Some((func, captures)) = closure_of(&cfg, &callee) else {
            let err = errors::not_callable(self.dialect(), &cfg.heap, &callee);
            return self.raise_error(cfg, err, &E_CALL_NOT_FUNCTION);
        };
        let def = self
            .function(&func)
            .expect("closures are made only of the program's functions");
        let mut env = Env::new();
        for (name, loc) in captures {
            env.insert(name, loc);
        }
        self.activate(cfg, env, &def.params, args, &func, Body(&def.body), rule)
    }

    /// A guard's dispatch on the callee's function.
    fn dispatch(
        &self,
        cfg: Config<'p>,
        callee: Value,
        args: Vec<Value>,
        cases: &'p [GuardCase],
    ) -> Step<'p> {
        let Some((func, _)) = closure_of(&cfg, &callee) else {
            let err = errors::not_callable(self.dialect(), &cfg.heap, &callee);
            return self.raise_error(cfg, err, &E_CALL_NOT_FUNCTION);
        };
        match cases.iter().find(|c| *c.func == *func) {
            None => Step::Done(
                Outcome::new(OutcomeKind::Unknown, &cfg.host.log),
                &E_GUARD_FAIL,
            ),
            Some(GuardCase {
                body: CaseBody::Call,
                ..
            }) => self.enter(cfg, callee, args, &E_GUARD_CALL),
            Some(GuardCase {
                body: CaseBody::Inline { clos, params, body },
                ..
            }) => {
                // The inlined body sees the caller's bindings shadowed by its own (renamed)
                // closure and parameters; it refers to nothing else.
                let mut env = cfg.env.clone();
                let mut cfg = cfg;
                let cell = alloc_cell(&mut cfg, callee);
                env.insert(Rc::from(clos.as_str()), cell);
                self.activate(cfg, env, params, args, &func, Body(body), &E_GUARD_INLINE)
            }
        }
    }

    /// The common part of a call: the checks of [`Meter::activate`] (arity, depth, fuel),
    /// then the body under the `return` label with the parameters bound in `env`.
    #[allow(clippy::too_many_arguments)]
    fn activate(
        &self,
        mut cfg: Config<'p>,
        mut env: Env,
        params: &[String],
        mut args: Vec<Value>,
        func: &str,
        body: Body<'p>,
        rule: &'static RuleDef,
    ) -> Step<'p> {
        let def = self
            .function(func)
            .expect("closures are made only of the program's functions");
        let checked = cfg.host.meter.activate(
            &self.limits,
            self.dialect(),
            &def.name,
            &def.params,
            &mut args,
        );
        match checked {
            Ok(()) => {}
            Err(Refusal::Arity(err)) => return self.raise_error(cfg, err, &E_CALL_ARITY),
            Err(Refusal::Depth(err)) => return self.raise_error(cfg, err, &E_CALL_DEPTH),
            Err(Refusal::Limit(limit)) => return self.limit(&cfg, limit),
        }
        for (param, arg) in params.iter().zip(args) {
            let loc = cfg.heap.cell(arg);
            env.insert(Rc::from(param.as_str()), loc);
        }
        let caller = std::mem::replace(&mut cfg.env, env.clone());
        cfg.kont.push_back(Frame::Return { env: caller });
        cfg.kont.push_back(Frame::Label {
            name: RETURN_LABEL,
            env,
        });
        next(cfg, Control::Block(body), rule)
    }
}

/// A closure's captured cells, by name.
type Captures = Vec<(Rc<str>, tracelab_runtime::value::Loc)>;

/// The function and captured cells of a closure value.
fn closure_of(cfg: &Config<'_>, v: &Value) -> Option<(Rc<str>, Captures)> {
    match v {
        Value::Ref(loc) => match cfg.heap.get(*loc) {
            Some(HeapObj::Closure { func, captures }) => Some((func.clone(), captures.clone())),
            _ => None,
        },
        _ => None,
    }
}
