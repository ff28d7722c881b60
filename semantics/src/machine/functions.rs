//! Closures, calls and returns; the trace-only guard and alias.

use super::{alloc_cell, next, push_eval, Body, Config, Control, Env, Frame, Machine, Node, Step};
use crate::outcome::{Outcome, OutcomeKind};
use crate::prim::errors;
use crate::rules::RuleDef;
use crate::value::{HeapObj, Value};
use im::Vector;
use std::rc::Rc;
use tracelab_ir::{Dialect, ExprKind, RETURN_LABEL};

const G: &str = "Functions";

macro_rules! rule {
    ($id:ident, $name:literal, [$($p:literal),*], $c:literal, $prose:literal) => {
        pub const $id: RuleDef = RuleDef { name: $name, group: G, premises: &[$($p),*], conclusion: $c, prose: $prose };
    };
}

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
    r"\cfg{\kw{guard}\,e\,\kw{is}\,f}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{guard}\,f \cdot \kappa}{\sigma}",
    "A guard evaluates the callee it checks."
);
rule!(
    E_GUARD_PASS,
    "E-Guard-Pass",
    [r"\sigma(\ell) = \langle f, \_ \rangle"],
    r"\cfg{\ell}{\rho}{\fr{guard}\,f \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma}",
    "The callee is a closure of the function the trace inlined: go on."
);
rule!(
    E_GUARD_FAIL,
    "E-Guard-Fail",
    [r"v \text{ is not a closure of } f"],
    r"\cfg{v}{\rho}{\fr{guard}\,f \cdot \kappa}{\sigma} \to \kw{unknown}",
    "Another callee: the trace does not know this path."
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

pub const RULES: &[&RuleDef] = &[
    &E_CLOSURE,
    &E_CALL,
    &E_CALL_ARG,
    &E_CALL_ENTER,
    &E_CALL_ARITY,
    &E_CALL_NOT_FUNCTION,
    &E_CALL_DEPTH,
    &E_CALL_RETURN,
    &E_GUARD,
    &E_GUARD_PASS,
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
            ExprKind::Call { callee, args } => push_eval(
                cfg,
                Frame::Call {
                    args: Body(args),
                    done: Vector::new(),
                },
                callee,
                &E_CALL,
            ),
            ExprKind::Guard { callee, func } => {
                push_eval(cfg, Frame::Guard { func }, callee, &E_GUARD)
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
            Frame::Call { args, mut done } => {
                done.push_back(v);
                // done[0] is the callee; done[i + 1] the value of args[i].
                match args.0.get(done.len() - 1) {
                    Some(arg) => push_eval(cfg, Frame::Call { args, done }, arg, &E_CALL_ARG),
                    None => {
                        let callee = done.pop_front().expect("a call frame holds its callee");
                        self.enter(cfg, callee, done.into_iter().collect(), &E_CALL_ENTER)
                    }
                }
            }
            Frame::Return { env } => {
                cfg.env = env;
                cfg.host.depth -= 1;
                next(cfg, Control::Value(v), &E_CALL_RETURN)
            }
            Frame::Guard { func } => {
                let passes = matches!(&v, Value::Ref(loc)
                    if matches!(cfg.heap.get(*loc), Some(HeapObj::Closure { func: f, .. }) if **f == *func));
                if passes {
                    next(cfg, Control::Value(Value::Undefined), &E_GUARD_PASS)
                } else {
                    Step::Done(Outcome::new(OutcomeKind::Unknown, &cfg), &E_GUARD_FAIL)
                }
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
                    None => Step::Done(Outcome::new(OutcomeKind::Unknown, &cfg), &E_ALIAS_FAIL),
                }
            }
            _ => unreachable!("resume_function is dispatched on function frames only"),
        }
    }

    /// Enters the body of the closure `callee` with `args` (also used by event handlers).
    pub(super) fn enter(
        &self,
        mut cfg: Config<'p>,
        callee: Value,
        mut args: Vec<Value>,
        rule: &'static RuleDef,
    ) -> Step<'p> {
        let closure = match &callee {
            Value::Ref(loc) => match cfg.heap.get(*loc) {
                Some(HeapObj::Closure { func, captures }) => Some((func.clone(), captures.clone())),
                _ => None,
            },
            _ => None,
        };
        let Some((func, captures)) = closure else {
            let err = errors::not_callable(self.dialect(), &cfg.heap, &callee);
            return self.raise_error(cfg, err, &E_CALL_NOT_FUNCTION);
        };
        let def = self
            .function(&func)
            .expect("closures are made only of the program's functions");
        if args.len() != def.params.len() {
            match self.dialect() {
                Dialect::Js => args.resize(def.params.len(), Value::Undefined),
                Dialect::Py => {
                    let err = errors::arity(&def.name, &def.params, args.len());
                    return self.raise_error(cfg, err, &E_CALL_ARITY);
                }
            }
        }
        if cfg.host.depth >= self.limits.max_depth {
            let err = errors::too_deep(self.dialect());
            return self.raise_error(cfg, err, &E_CALL_DEPTH);
        }
        if let Some(done) = self.spend_fuel(&mut cfg) {
            return done;
        }
        let mut env = Env::new();
        for (param, arg) in def.params.iter().zip(args) {
            let loc = alloc_cell(&mut cfg, arg);
            env.insert(Rc::from(param.as_str()), loc);
        }
        for (name, loc) in captures {
            env.insert(name, loc);
        }
        let caller = std::mem::replace(&mut cfg.env, env.clone());
        cfg.kont.push_back(Frame::Return { env: caller });
        cfg.kont.push_back(Frame::Label {
            name: RETURN_LABEL,
            env,
        });
        cfg.host.depth += 1;
        next(cfg, Control::Block(Body(&def.body)), rule)
    }
}
