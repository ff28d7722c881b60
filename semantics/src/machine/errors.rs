//! Raising and handling errors: `throw`, `try`/`catch`/`finally`, uncaught errors.

use super::{next, push_eval, Body, Config, Control, Frame, Machine, Node, Step};
use crate::rules::RuleDef;
use std::rc::Rc;
use tracelab_ir::ExprKind;
use tracelab_runtime::outcome::{Outcome, OutcomeKind};
use tracelab_runtime::prim::errors::{self, Error};
use tracelab_runtime::value::Value;

const G: &str = "Errors";

rule!(
    E_THROW,
    "E-Throw",
    [],
    r"\cfg{\kw{throw}\,e}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{throw} \cdot \kappa}{\sigma}",
    "`throw` evaluates the value it throws."
);
rule!(
    E_THROW_VALUE,
    "E-Throw-Value",
    [],
    r"\cfg{v}{\rho}{\fr{throw} \cdot \kappa}{\sigma} \to \cfg{\raisev{v}}{\rho}{\kappa}{\sigma}",
    "Any value may be thrown; unwinding starts."
);
rule!(
    E_RAISE_POP,
    "E-Raise-Pop",
    [r"F \neq \fr{try}\,\_", r"F \neq \fr{handler}\,\_"],
    r"\cfg{\raisev{v}}{\rho}{F \cdot \kappa}{\sigma} \to \cfg{\raisev{v}}{\rho}{\kappa}{\sigma}",
    "A raised value discards frames up to the nearest handler."
);
rule!(
    E_RAISE_UNCAUGHT,
    "E-Raise-Uncaught",
    [r"\mathit{describe}_L(\sigma, v) = (k, m)"],
    r"\cfg{\raisev{v}}{\rho}{\cdot}{\sigma} \to \kw{error}(k, m)",
    "An uncaught error ends the invocation with the error's class name and message."
);
rule!(
    E_TRY,
    "E-Try",
    [],
    r"\cfg{\kw{try}\,b\,c\,b_f}{\rho}{\kappa}{\sigma} \to \cfg{b}{\rho}{\fr{try}\,c\,b_f\,\rho \cdot \kappa}{\sigma}",
    "`try` runs its body under a handler frame."
);
rule!(
    E_TRY_VALUE,
    "E-Try-Value",
    [],
    r"\cfg{v}{\rho'}{\fr{try}\,c\,\cdot\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    "A body that finishes normally gives the value of the `try` (no `finally`)."
);
rule!(
    E_TRY_CATCH,
    "E-Try-Catch",
    [
        r"c = \kw{catch}\,x\,b_c",
        r"\ell \notin \mathrm{dom}\,\sigma"
    ],
    r"\cfg{\raisev{v}}{\rho'}{\fr{try}\,c\,b_f\,\rho \cdot \kappa}{\sigma} \to \cfg{b_c}{\rho[x \mapsto \ell]}{\fr{handler}\,b_f\,\rho \cdot \kappa}{\sigma[\ell \mapsto v]}",
    "A raised value is caught: the handler runs with the value bound."
);
rule!(
    E_HANDLER_VALUE,
    "E-Handler-Value",
    [],
    r"\cfg{v}{\rho'}{\fr{handler}\,\cdot\,\rho \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    "A handler that finishes normally gives the value of the `try` (no `finally`)."
);
rule!(
    E_FINALLY_ENTER,
    "E-Finally-Enter",
    [
        r"F \in \{\fr{try}\,c\,b_f\,\rho, \fr{handler}\,b_f\,\rho\}",
        r"\gamma \in \{v, \raisev{v}, \brk{l}{v}\}",
        r"\gamma \text{ not caught by } F"
    ],
    r"\cfg{\gamma}{\rho'}{F \cdot \kappa}{\sigma} \to \cfg{b_f}{\rho}{\fr{finally}\,\gamma \cdot \kappa}{\sigma}",
    "However the body or handler ends, `finally` runs, remembering how it ended."
);
rule!(
    E_FINALLY_RESUME,
    "E-Finally-Resume",
    [],
    r"\cfg{v'}{\rho}{\fr{finally}\,\gamma \cdot \kappa}{\sigma} \to \cfg{\gamma}{\rho}{\kappa}{\sigma}",
    "After `finally` finishes normally, the remembered completion resumes."
);

pub static RULES: &[&RuleDef] = &[
    &E_THROW,
    &E_THROW_VALUE,
    &E_RAISE_POP,
    &E_RAISE_UNCAUGHT,
    &E_TRY,
    &E_TRY_VALUE,
    &E_TRY_CATCH,
    &E_HANDLER_VALUE,
    &E_FINALLY_ENTER,
    &E_FINALLY_RESUME,
];

impl<'p> Machine<'p> {
    pub(super) fn eval_error(&self, node: Node<'p>, mut cfg: Config<'p>) -> Step<'p> {
        match &node.0.kind {
            ExprKind::Throw { value } => push_eval(cfg, Frame::Throw, value, &E_THROW),
            ExprKind::Try {
                body,
                catch,
                finally,
            } => {
                let frame = Frame::Try {
                    catch: catch.as_ref(),
                    finally: finally.as_deref().map(Body),
                    env: cfg.env.clone(),
                };
                cfg.kont.push_back(frame);
                next(cfg, Control::Block(Body(body)), &E_TRY)
            }
            _ => unreachable!("eval_error is dispatched on error forms only"),
        }
    }

    pub(super) fn resume_error(&self, frame: Frame<'p>, v: Value, cfg: Config<'p>) -> Step<'p> {
        match frame {
            Frame::Throw => next(cfg, Control::Raise(v), &E_THROW_VALUE),
            Frame::Try { .. } | Frame::Handler { .. } => {
                self.complete_try(frame, Control::Value(v), cfg)
            }
            Frame::Finally { pending } => next(cfg, *pending, &E_FINALLY_RESUME),
            _ => unreachable!("resume_error is dispatched on error frames only"),
        }
    }

    /// A completion (value, raise or break) reaches a `try` or handler frame.
    pub(super) fn complete_try(
        &self,
        frame: Frame<'p>,
        completion: Control<'p>,
        mut cfg: Config<'p>,
    ) -> Step<'p> {
        let (catch, finally, env, is_handler) = match frame {
            Frame::Try {
                catch,
                finally,
                env,
            } => (catch, finally, env, false),
            Frame::Handler { finally, env } => (None, finally, env, true),
            _ => unreachable!("complete_try is called on try and handler frames only"),
        };
        if let (Some(catch), Control::Raise(thrown)) = (catch, &completion) {
            let cell = super::alloc_cell(&mut cfg, thrown.clone());
            cfg.env = env.clone();
            cfg.env.insert(Rc::from(catch.name.as_str()), cell);
            cfg.kont.push_back(Frame::Handler { finally, env });
            return next(cfg, Control::Block(Body(&catch.body)), &E_TRY_CATCH);
        }
        cfg.env = env;
        match (finally, completion) {
            (Some(body), completion) => {
                cfg.kont.push_back(Frame::Finally {
                    pending: Box::new(completion),
                });
                next(cfg, Control::Block(body), &E_FINALLY_ENTER)
            }
            (None, Control::Value(v)) => next(
                cfg,
                Control::Value(v),
                if is_handler {
                    &E_HANDLER_VALUE
                } else {
                    &E_TRY_VALUE
                },
            ),
            (None, Control::Raise(v)) => next(cfg, Control::Raise(v), &E_RAISE_POP),
            (None, Control::Break(l, v)) => {
                next(cfg, Control::Break(l, v), &super::control::E_BREAK_POP)
            }
            (None, other) => {
                unreachable!("completions are values, raises and breaks, not {other:?}")
            }
        }
    }

    /// A raised value meets the top frame.
    pub(super) fn unwind_raise(&self, v: Value, mut cfg: Config<'p>) -> Step<'p> {
        match cfg.kont.pop_back() {
            None => {
                let (kind, message) = errors::describe_thrown(&cfg.heap, self.dialect(), &v);
                Step::Done(
                    Outcome::new(OutcomeKind::Error { kind, message }, &cfg.host.log),
                    &E_RAISE_UNCAUGHT,
                )
            }
            Some(frame @ (Frame::Try { .. } | Frame::Handler { .. })) => {
                self.complete_try(frame, Control::Raise(v), cfg)
            }
            Some(frame) => {
                if matches!(frame, Frame::Return { .. }) {
                    cfg.host.meter.leave();
                }
                next(cfg, Control::Raise(v), &E_RAISE_POP)
            }
        }
    }

    /// Raises a fresh error object of the language (what the premises write `err(k, m)`).
    pub(crate) fn raise_error(
        &self,
        mut cfg: Config<'p>,
        err: Error,
        rule: &'static RuleDef,
    ) -> Step<'p> {
        let v = errors::alloc_error(&mut cfg.heap, &err);
        next(cfg, Control::Raise(v), rule)
    }
}
