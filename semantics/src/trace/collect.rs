//! Collecting coverage: the machine runs the core program unchanged while an observer notes,
//! per context, which nodes it reached and which functions each call site entered.

use crate::machine::{functions, Control, Frame, Machine, Step};
use crate::outcome::Limits;
use crate::outcome::Outcome;
use crate::value::{Heap, HeapObj, Value};
use crate::world::World;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;
use tracelab_ir::wf::Checked;
use tracelab_ir::{Expr, ExprKind, Program};

/// Where a node runs: the chain of (call site, function) inlinings from the program body
/// (`root: None`) or from the body of the trace-level function `root`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ctx {
    pub root: Option<Rc<str>>,
    pub path: Vec<(u32, Rc<str>)>,
}

impl Ctx {
    pub fn main() -> Ctx {
        Ctx {
            root: None,
            path: Vec::new(),
        }
    }

    pub fn function(f: &str) -> Ctx {
        Ctx {
            root: Some(Rc::from(f)),
            path: Vec::new(),
        }
    }

    /// Whether an activation of `f` encloses this context.
    pub fn is_active(&self, f: &str) -> bool {
        self.root.as_deref() == Some(f) || self.path.iter().any(|(_, g)| &**g == f)
    }

    /// The context of `f`'s body entered from `site` here, and whether it is inlined there
    /// (else `f` is recursive here, and its body is the trace-level function's).
    pub fn enter(&self, site: u32, f: &str) -> (Ctx, bool) {
        if self.is_active(f) {
            (Ctx::function(f), false)
        } else {
            let mut path = self.path.clone();
            path.push((site, Rc::from(f)));
            (
                Ctx {
                    root: self.root.clone(),
                    path,
                },
                true,
            )
        }
    }
}

/// What runs reached: mergeable by union, and rendered into a trace by [`super::render`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Nodes reached, by context and node id.
    pub reached: BTreeSet<(Ctx, u32)>,
    /// The functions each call site (or `register`) entered, by context and node id.
    pub callees: BTreeMap<(Ctx, u32), BTreeSet<Rc<str>>>,
}

impl Coverage {
    pub fn union(&mut self, other: &Coverage) {
        self.reached.extend(other.reached.iter().cloned());
        for (key, fs) in &other.callees {
            self.callees
                .entry(key.clone())
                .or_default()
                .extend(fs.iter().cloned());
        }
    }
}

/// Stable ids for the nodes of a program: their pre-order position (functions first).
pub struct NodeIds {
    ids: HashMap<*const Expr, u32>,
}

impl NodeIds {
    pub fn new(program: &Program) -> NodeIds {
        let mut ids = HashMap::new();
        let mut next = 0u32;
        let mut visit = |e: &Expr| {
            ids.insert(e as *const Expr, next);
            next += 1;
        };
        for f in &program.functions {
            f.body.iter().for_each(|e| walk(e, &mut visit));
        }
        program.body.iter().for_each(|e| walk(e, &mut visit));
        NodeIds { ids }
    }

    pub fn of(&self, e: &Expr) -> u32 {
        *self
            .ids
            .get(&(e as *const Expr))
            .expect("every node of the program has an id")
    }
}

/// Pre-order walk over every expression (the order ids are given in).
pub fn walk<'a>(e: &'a Expr, f: &mut impl FnMut(&'a Expr)) {
    f(e);
    tracelab_ir::visit::for_each_child(e, &mut |c| walk(c, f));
}

/// The function of a closure value.
fn closure_func(heap: &Heap, v: &Value) -> Option<Rc<str>> {
    match v {
        Value::Ref(loc) => match heap.get(*loc) {
            Some(HeapObj::Closure { func, .. }) => Some(func.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Runs a checked core program on one input, observing coverage.
pub fn run(
    checked: &Checked,
    world: &World,
    limits: Limits,
    input: &serde_json::Value,
) -> (Outcome, Coverage) {
    let ids = NodeIds::new(checked.program());
    let machine = Machine::new(checked, world, limits);
    let mut cfg = machine.initial(input);
    let mut cov = Coverage::default();
    let mut current = Ctx::main();
    // Contexts to restore, with the continuation index of the `ret` frame of each activation.
    let mut stack: Vec<(usize, Ctx)> = Vec::new();
    // `register`s being evaluated, by the index of their frame; then the registered events.
    let mut registering: HashMap<usize, (u32, Ctx)> = HashMap::new();
    let mut queue: VecDeque<(u32, Ctx)> = VecDeque::new();
    loop {
        // The call site (or register) about to dispatch on a callee, if this step does.
        let mut dispatch: Option<(u32, Ctx, Option<Rc<str>>)> = None;
        match &cfg.control {
            Control::Expr(node) => {
                let id = ids.of(node.0);
                cov.reached.insert((current.clone(), id));
                if matches!(node.0.kind, ExprKind::Register { .. }) {
                    registering.insert(cfg.kont.len(), (id, current.clone()));
                }
            }
            Control::Value(v) => match cfg.kont.last() {
                Some(Frame::Call { site, args, done }) if done.len() == args.0.len() => {
                    let callee = done.front().unwrap_or(v);
                    dispatch = Some((
                        ids.of(site.0),
                        current.clone(),
                        closure_func(&cfg.heap, callee),
                    ));
                }
                Some(Frame::Register { .. }) => {
                    if let Some(entry) = registering.remove(&(cfg.kont.len() - 1)) {
                        queue.push_back(entry);
                    }
                }
                None => {
                    if let Some(pending) = cfg.host.queue.front() {
                        let (site, ctx) = queue
                            .pop_front()
                            .expect("every registered event was observed");
                        let func = match &pending.handler {
                            crate::machine::Handler::Closure(callee) => {
                                closure_func(&cfg.heap, callee)
                            }
                            crate::machine::Handler::Traced { .. } => None,
                        };
                        dispatch = Some((site, ctx, func));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        if let Some((site, ctx, Some(f))) = &dispatch {
            cov.callees
                .entry((ctx.clone(), *site))
                .or_default()
                .insert(f.clone());
        }
        match machine.step(cfg) {
            Step::Done(outcome, _) => return (outcome, cov),
            Step::Next(next, rule) => {
                while stack.last().is_some_and(|(i, _)| *i >= next.kont.len()) {
                    current = stack.pop().expect("checked non-empty").1;
                }
                let entered = std::ptr::eq(rule, &functions::E_CALL_ENTER)
                    || std::ptr::eq(rule, &crate::machine::events::E_TURN_NEXT);
                if let (true, Some((site, ctx, Some(f)))) = (entered, dispatch) {
                    if matches!(next.kont.iter().rev().nth(1), Some(Frame::Return { .. })) {
                        let (child, _) = ctx.enter(site, &f);
                        stack.push((next.kont.len() - 2, std::mem::replace(&mut current, child)));
                    }
                }
                cfg = next;
            }
        }
    }
}
