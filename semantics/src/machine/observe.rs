//! Observing a run: the machine reports what it does as typed events, so that tracing (and
//! rule coverage) learn what they need without reading the machine's frames.
//!
//! The events are derived from one step's configuration before and after: the node the
//! control evaluates, the callee and arguments a completed call frame (or the next queued
//! event) dispatches to, the values `let`s and `set`s write, handlers queued, and activations
//! opened and closed, which are exactly the changes of the call depth (an activation opens the depth it counts and gives it back on return,
//! raise or break, never otherwise).

use super::{Config, Control, Frame, Handler, Machine, Step};
use crate::rules::RuleDef;
use std::rc::Rc;
use tracelab_ir::Expr;
use tracelab_runtime::value::{HeapObj, Value};

/// What a run reports. Every method does nothing by default.
pub trait Observer<'p> {
    /// The step took this rule.
    fn rule(&mut self, _rule: &'static RuleDef) {}
    /// The machine starts evaluating `node`.
    fn reach(&mut self, _node: &'p Expr) {}
    /// A call site (`call` or `guard`), or the `register` or `callback` whose handler starts a
    /// turn, dispatches on its callee: a closure of `func`, or (`None`) not a closure, with
    /// the arguments (a turn's: none; its answer comes from the world).
    fn dispatch(&mut self, _site: &'p Expr, _func: Option<&Rc<str>>, _args: &[Value]) {}
    /// A `let`, or a `set` of a variable (`site`), writes `v` to its variable.
    fn write(&mut self, _site: &'p Expr, _v: &Value) {}
    /// The activation the last dispatch asked for has begun (its checks passed): later events
    /// happen inside it until the matching [`Observer::leave`].
    fn enter(&mut self) {}
    /// The innermost open activation has ended (it returned, raised or was broken out of).
    fn leave(&mut self) {}
    /// `site` (a `register` or `callback`) queued its handler, to run in a later turn; turns
    /// run in the order handlers were queued.
    fn queue(&mut self, _site: &'p Expr) {}
}

/// Rule coverage: any closure over the rules taken observes a run.
impl<'p, F: FnMut(&'static RuleDef) + ?Sized> Observer<'p> for F {
    fn rule(&mut self, rule: &'static RuleDef) {
        self(rule)
    }
}

impl<'p> Machine<'p> {
    /// One transition, reporting it to `observer`.
    pub fn step_observed(
        &self,
        cfg: Config<'p>,
        observer: &mut (impl Observer<'p> + ?Sized),
    ) -> Step<'p> {
        let depth = cfg.host.meter.depth;
        let queued = cfg.host.queue.len();
        if let Control::Expr(node) = &cfg.control {
            observer.reach(node.0);
        }
        if let Some((site, func, args)) = dispatching(&cfg) {
            observer.dispatch(site, func.as_ref(), &args);
        }
        if let (Control::Value(v), Some(Frame::Let { site, .. } | Frame::SetVar { site, .. })) =
            (&cfg.control, cfg.kont.last())
        {
            observer.write(site.0, v);
        }
        let step = self.step(cfg);
        match &step {
            Step::Next(next, rule) => {
                observer.rule(rule);
                if next.host.queue.len() > queued {
                    let pending = next.host.queue.back().expect("the queue just grew");
                    observer.queue(pending.site.0);
                }
                let now = next.host.meter.depth;
                if now > depth {
                    observer.enter();
                }
                for _ in now..depth {
                    observer.leave();
                }
            }
            Step::Done(_, rule) => observer.rule(rule),
        }
        step
    }
}

/// The call site about to dispatch in this configuration, with the callee's function and
/// the arguments: a call or guard frame with every argument evaluated, or the start of the
/// next turn.
#[allow(clippy::type_complexity)]
fn dispatching<'p>(cfg: &Config<'p>) -> Option<(&'p Expr, Option<Rc<str>>, Vec<Value>)> {
    let Control::Value(v) = &cfg.control else {
        return None;
    };
    match cfg.kont.last() {
        Some(Frame::Call { site, args, done }) if done.len() == args.0.len() => {
            // `done` holds the callee and the arguments before the last value, `v`.
            let mut values: Vec<Value> = done.iter().cloned().collect();
            values.push(v.clone());
            let callee = values.remove(0);
            Some((site.0, closure_func(cfg, &callee), values))
        }
        None => cfg.host.queue.front().map(|pending| {
            let func = match &pending.handler {
                Handler::Closure(callee) => closure_func(cfg, callee),
                Handler::Traced { .. } => None,
            };
            (pending.site.0, func, Vec::new())
        }),
        _ => None,
    }
}

/// The function of a closure value.
fn closure_func(cfg: &Config<'_>, v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Ref(loc) => match cfg.heap.get(*loc) {
            Some(HeapObj::Closure { func, .. }) => Some(func.clone()),
            _ => None,
        },
        _ => None,
    }
}
