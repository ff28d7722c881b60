//! Observing a run: the machine reports what it does as typed events, so that tracing (and
//! rule coverage) learn what they need without reading the machine's frames.
//!
//! The events are derived from one step's configuration before and after: the node the
//! control evaluates, the callee a completed call frame (or the next queued event) dispatches
//! to, handlers queued, and activations opened and closed, which are exactly the changes of
//! the call depth (an activation opens the depth it counts and gives it back on return,
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
    /// turn, dispatches on its callee: a closure of `func`, or (`None`) not a closure.
    fn dispatch(&mut self, _site: &'p Expr, _func: Option<&Rc<str>>) {}
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
        if let Some((site, func)) = dispatching(&cfg) {
            observer.dispatch(site, func.as_ref());
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

/// The call site about to dispatch in this configuration, with the callee's function: a call
/// or guard frame with every argument evaluated, or the start of the next turn.
fn dispatching<'p>(cfg: &Config<'p>) -> Option<(&'p Expr, Option<Rc<str>>)> {
    let Control::Value(v) = &cfg.control else {
        return None;
    };
    match cfg.kont.last() {
        Some(Frame::Call { site, args, done }) if done.len() == args.0.len() => {
            let callee = done.front().unwrap_or(v);
            Some((site.0, closure_func(cfg, callee)))
        }
        None => cfg.host.queue.front().map(|pending| {
            let func = match &pending.handler {
                Handler::Closure(callee) => closure_func(cfg, callee),
                Handler::Traced { .. } => None,
            };
            (pending.site.0, func)
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
