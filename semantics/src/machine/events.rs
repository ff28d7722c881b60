//! The host: synchronous events, registered callbacks and their turns, `unknown`, halting
//! and the resource limits.

use super::{
    alloc_cell, next, push_eval, Body, Config, Control, Env, Frame, Handler, Machine, Node,
    Pending, Step,
};
use crate::rules::RuleDef;
use std::rc::Rc;
use tracelab_ir::{EventKind, ExprKind};
use tracelab_runtime::outcome::{Limit, Outcome, OutcomeKind};
use tracelab_runtime::prim::display;
use tracelab_runtime::value::Value;

const G: &str = "Events, the host and halting";

rule!(
    E_EVENT,
    "E-Event",
    [],
    r"\cfg{\kw{event}\,k(e)}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{event}\,k \cdot \kappa}{\sigma}",
    "A synchronous event evaluates its argument."
);
rule!(E_EVENT_WORLD, "E-Event-World", [r"k \in \{\kw{get}, \kw{post}\}", r"w_k(\mathit{url}(v)) = v' \text{ (or } \bot_L)"],
    r"\cfg{v}{\rho}{\fr{event}\,k \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma'}",
    "`get`/`post` answer from the world file; a URL it lacks answers `undefined` (JS) or `None` (Python).");
rule!(
    E_RESPOND_FIRST,
    "E-Respond-First",
    [r"h.\mathit{response} = \bot"],
    r"\cfg{v}{\rho}{\fr{event}\,\kw{respond} \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma},\ h.\mathit{response} := v",
    "The first response of an invocation is its result."
);
rule!(
    E_RESPOND_AGAIN,
    "E-Respond-Again",
    [r"h.\mathit{response} \neq \bot"],
    r"\cfg{v}{\rho}{\fr{event}\,\kw{respond} \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma}",
    "Later responses are ignored."
);
rule!(
    E_LOG,
    "E-Log",
    [r"s = \mathit{display}_L(\sigma, v)"],
    r"\cfg{v}{\rho}{\fr{event}\,\kw{log} \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma},\ h.\mathit{log} := h.\mathit{log} \cdot s",
    "Printing appends a line to the log."
);
rule!(
    E_REGISTER,
    "E-Register",
    [],
    r"\cfg{\kw{register}\,k(e_1, e_2)}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{reg}\,k\,\square\,e_2 \cdot \kappa}{\sigma}",
    "Registering a callback evaluates the event's argument, then the callback."
);
rule!(
    E_REGISTER_CALLBACK,
    "E-Register-Callback",
    [],
    r"\cfg{v}{\rho}{\fr{reg}\,k\,\square\,e \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{reg}\,k\,v\,\square \cdot \kappa}{\sigma}",
    "The callback after the argument."
);
rule!(
    E_REGISTER_QUEUE,
    "E-Register-Queue",
    [],
    r"\cfg{v_c}{\rho}{\fr{reg}\,k\,v\,\square \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma},\ h.q := h.q \cdot (k, v, v_c)",
    "The event joins the back of the queue; it fires after the current turn."
);
rule!(
    E_CALLBACK,
    "E-Callback",
    [],
    r"\cfg{\kw{callback}\,k(e_1, e_2)(c, x)\,b}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{cb}\,\square\,e_2 \cdot \kappa}{\sigma}",
    "A traced callback evaluates the event's argument, then the callback closure."
);
rule!(
    E_CALLBACK_CLOSURE,
    "E-Callback-Closure",
    [],
    r"\cfg{v}{\rho}{\fr{cb}\,\square\,e \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{cb}\,v\,\square \cdot \kappa}{\sigma}",
    "The closure after the argument."
);
rule!(
    E_CALLBACK_QUEUE,
    "E-Callback-Queue",
    [],
    r"\cfg{v_c}{\rho}{\fr{cb}\,v\,\square \cdot \kappa}{\sigma} \to \cfg{\kw{undefined}}{\rho}{\kappa}{\sigma},\ h.q := h.q \cdot (k, v, (v_c, c, x, b))",
    "The traced body joins the queue with its closure."
);
rule!(E_TURN_NEXT, "E-Turn-Next", [r"h.q = (k, v, \eta) \cdot q'", r"a = \mathit{answer}(w, k, v)"],
    r"\cfg{v'}{\rho}{\cdot}{\sigma} \to \cfg{\eta(a)}{\rho_\eta}{\cdot}{\sigma'},\ h.q := q'",
    "When a turn ends, the oldest registered event fires: its handler runs with the answer (`listen` answers the input).");
rule!(E_HALT, "E-Halt", [r"h.q = \cdot", r"r = h.\mathit{response} \text{ if set, else the body's value}"],
    r"\cfg{v}{\rho}{\cdot}{\sigma} \to \kw{ok}(\mathit{json}_L(\sigma, r))",
    "With no events left, the invocation's result is the first response, or else the program body's value.");
rule!(E_HALT_UNSERIALIZABLE, "E-Halt-Unserializable", [r"\mathit{json}_L(\sigma, r) = \mathit{err}(k, m)"],
    r"\cfg{v}{\rho}{\cdot}{\sigma} \to \kw{error}(k, m)",
    "A result the language cannot write as JSON is an error, as `json.dumps` / `JSON.stringify` raise.");
rule!(
    E_UNKNOWN,
    "E-Unknown",
    [],
    r"\cfg{\kw{unknown}}{\rho}{\kappa}{\sigma} \to \kw{unknown}",
    "A path no traced run took: the trace does not know the answer."
);
rule!(
    E_LIMIT_FUEL,
    "E-Limit-Fuel",
    [r"h.\mathit{fuel} = 0"],
    r"\cfg{\gamma}{\rho}{\kappa}{\sigma} \to \kw{limit}(\kw{fuel})",
    "A loop iteration or call with no fuel left ends the invocation."
);
rule!(
    E_LIMIT_MEMORY,
    "E-Limit-Memory",
    [r"|\sigma| > \mathit{memory}"],
    r"\cfg{\gamma}{\rho}{\kappa}{\sigma} \to \kw{limit}(\kw{memory})",
    "A heap grown past the memory limit ends the invocation."
);

pub static RULES: &[&RuleDef] = &[
    &E_EVENT,
    &E_EVENT_WORLD,
    &E_RESPOND_FIRST,
    &E_RESPOND_AGAIN,
    &E_LOG,
    &E_REGISTER,
    &E_REGISTER_CALLBACK,
    &E_REGISTER_QUEUE,
    &E_CALLBACK,
    &E_CALLBACK_CLOSURE,
    &E_CALLBACK_QUEUE,
    &E_TURN_NEXT,
    &E_HALT,
    &E_HALT_UNSERIALIZABLE,
    &E_UNKNOWN,
    &E_LIMIT_FUEL,
    &E_LIMIT_MEMORY,
];

impl<'p> Machine<'p> {
    pub(super) fn eval_event(&self, node: Node<'p>, cfg: Config<'p>) -> Step<'p> {
        match &node.0.kind {
            ExprKind::Event { event, arg } => {
                push_eval(cfg, Frame::Event { event: *event }, arg, &E_EVENT)
            }
            ExprKind::Register {
                event,
                arg,
                callback,
            } => push_eval(
                cfg,
                Frame::RegisterArg {
                    site: node,
                    event: *event,
                    callback: Node(callback),
                },
                arg,
                &E_REGISTER,
            ),
            ExprKind::Callback { arg, .. } => {
                push_eval(cfg, Frame::CallbackArg { node }, arg, &E_CALLBACK)
            }
            ExprKind::Unknown => Step::Done(
                Outcome::new(OutcomeKind::Unknown, &cfg.host.log),
                &E_UNKNOWN,
            ),
            _ => unreachable!("eval_event is dispatched on host forms only"),
        }
    }

    pub(super) fn resume_event(&self, frame: Frame<'p>, v: Value, mut cfg: Config<'p>) -> Step<'p> {
        match frame {
            Frame::Event { event } => match event {
                EventKind::Get | EventKind::Post | EventKind::Listen => {
                    let answer = self.answer(event, &v, &mut cfg);
                    next(cfg, Control::Value(answer), &E_EVENT_WORLD)
                }
                EventKind::Respond => {
                    let rule = if cfg.host.response.is_none() {
                        cfg.host.response = Some(v);
                        &E_RESPOND_FIRST
                    } else {
                        &E_RESPOND_AGAIN
                    };
                    next(cfg, Control::Value(Value::Undefined), rule)
                }
                EventKind::Log => {
                    let line = display(&cfg.heap, self.dialect(), &v);
                    cfg.host.log.push_back(Rc::from(line));
                    next(cfg, Control::Value(Value::Undefined), &E_LOG)
                }
            },
            Frame::RegisterArg {
                site,
                event,
                callback,
            } => push_eval(
                cfg,
                Frame::Register {
                    site,
                    event,
                    arg: v,
                },
                callback.0,
                &E_REGISTER_CALLBACK,
            ),
            Frame::Register { site, event, arg } => {
                cfg.host.queue.push_back(Pending {
                    site,
                    event,
                    arg,
                    handler: Handler::Closure(v),
                });
                next(cfg, Control::Value(Value::Undefined), &E_REGISTER_QUEUE)
            }
            Frame::CallbackArg { node } => {
                let ExprKind::Callback { callback, .. } = &node.0.kind else {
                    unreachable!("CallbackArg frames hold callbacks")
                };
                push_eval(
                    cfg,
                    Frame::CallbackClosure { node, arg: v },
                    callback,
                    &E_CALLBACK_CLOSURE,
                )
            }
            Frame::CallbackClosure { node, arg } => {
                let ExprKind::Callback {
                    event,
                    clos,
                    param,
                    body,
                    ..
                } = &node.0.kind
                else {
                    unreachable!("CallbackClosure frames hold callbacks")
                };
                let handler = Handler::Traced {
                    callback: v,
                    clos,
                    param,
                    body: Body(body),
                };
                cfg.host.queue.push_back(Pending {
                    site: node,
                    event: *event,
                    arg,
                    handler,
                });
                next(cfg, Control::Value(Value::Undefined), &E_CALLBACK_QUEUE)
            }
            _ => unreachable!("resume_event is dispatched on host frames only"),
        }
    }

    /// The continuation is empty: the turn is over.
    pub(super) fn turn_end(&self, v: Value, mut cfg: Config<'p>) -> Step<'p> {
        if cfg.host.main.is_none() {
            cfg.host.main = Some(v);
        }
        match cfg.host.queue.pop_front() {
            Some(Pending {
                event,
                arg,
                handler,
                ..
            }) => {
                let answer = self.answer(event, &arg, &mut cfg);
                match handler {
                    Handler::Closure(callee) => self.enter(cfg, callee, vec![answer], &E_TURN_NEXT),
                    Handler::Traced {
                        callback,
                        clos,
                        param,
                        body,
                    } => {
                        let clos_cell = alloc_cell(&mut cfg, callback);
                        let param_cell = alloc_cell(&mut cfg, answer);
                        let mut env = Env::new();
                        env.insert(Rc::from(clos), clos_cell);
                        env.insert(Rc::from(param), param_cell);
                        cfg.env = env;
                        next(cfg, Control::Block(body), &E_TURN_NEXT)
                    }
                }
            }
            None => {
                let result = cfg
                    .host
                    .response
                    .clone()
                    .or_else(|| cfg.host.main.clone())
                    .unwrap_or(Value::Undefined);
                match tracelab_runtime::json::to_json_text(&cfg.heap, self.dialect(), &result) {
                    Ok(text) => {
                        Step::Done(Outcome::new(OutcomeKind::Ok(text), &cfg.host.log), &E_HALT)
                    }
                    Err(err) => {
                        let err = err.into_data();
                        let kind = OutcomeKind::Error {
                            kind: err.class.to_string(),
                            message: err.message,
                        };
                        Step::Done(Outcome::new(kind, &cfg.host.log), &E_HALT_UNSERIALIZABLE)
                    }
                }
            }
        }
    }

    /// The world's answer to an event (`listen` answers the invocation's input).
    fn answer(&self, event: EventKind, arg: &Value, cfg: &mut Config<'p>) -> Value {
        match event {
            EventKind::Listen => cfg.host.input.clone(),
            EventKind::Get | EventKind::Post => {
                self.world.answer(event, arg, self.dialect(), &mut cfg.heap)
            }
            EventKind::Respond | EventKind::Log => Value::Undefined,
        }
    }

    /// Spends one unit of fuel; `Some(done)` when there was none left.
    pub(super) fn spend_fuel(&self, cfg: &mut Config<'p>) -> Option<Step<'p>> {
        match cfg.host.meter.spend_fuel(&self.limits) {
            Ok(()) => None,
            Err(limit) => Some(self.limit(cfg, limit)),
        }
    }

    /// The run ends with a limit.
    pub(super) fn limit(&self, cfg: &Config<'p>, limit: Limit) -> Step<'p> {
        let rule = match limit {
            Limit::Fuel => &E_LIMIT_FUEL,
            Limit::Memory => &E_LIMIT_MEMORY,
        };
        Step::Done(Outcome::new(OutcomeKind::Limit(limit), &cfg.host.log), rule)
    }
}
