//! Collecting coverage: the machine runs the core program unchanged while an observer notes,
//! per context, which nodes it reached and which functions each call site entered.

use crate::machine::observe::Observer;
use crate::machine::Machine;
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::rc::Rc;
use tracelab_ir::wf::Checked;
use tracelab_ir::{Expr, ExprKind, LValue, Program, Ty};
use tracelab_runtime::json::Json;
use tracelab_runtime::outcome::Limits;
use tracelab_runtime::outcome::Outcome;
use tracelab_runtime::value::Value;
use tracelab_runtime::world::World;

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

/// The types of the values one place of the program saw, as a set: one bit per [`Ty`], one
/// for any other value, and one for a run that entered the place's expression and never
/// finished it (it raised or halted). A place is a `let`'s or a variable `set`'s value (slot
/// 0) or a call's argument (slot `i + 1`). Only a place that saw exactly one [`Ty`] and always
/// finished gets a type guard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Types(u8);

impl Types {
    const OTHER: u8 = 1 << 4;
    const UNFINISHED: u8 = 1 << 5;

    fn bit(ty: Ty) -> u8 {
        1 << (ty as u8)
    }

    pub fn of(v: &Value) -> Types {
        Types(v.ty().map_or(Types::OTHER, Types::bit))
    }

    pub fn unfinished() -> Types {
        Types(Types::UNFINISHED)
    }

    pub fn union(self, other: Types) -> Types {
        Types(self.0 | other.0)
    }

    /// The one type the place saw, if it saw only values of one type and always finished.
    pub fn single(self) -> Option<Ty> {
        Ty::ALL.into_iter().find(|t| self.0 == Types::bit(*t))
    }
}

/// What runs reached: mergeable by union, and rendered into a trace by [`super::render`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Nodes reached, by context and node id.
    pub reached: BTreeSet<(Ctx, u32)>,
    /// The functions each call site (or `register`) entered, by context and node id.
    pub callees: BTreeMap<(Ctx, u32), BTreeSet<Rc<str>>>,
    /// The types each place saw, by context, node id and slot (see [`Types`]).
    pub types: BTreeMap<(Ctx, u32, u32), Types>,
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
        for (key, ts) in &other.types {
            self.see(key.clone(), *ts);
        }
    }

    fn see(&mut self, key: (Ctx, u32, u32), ts: Types) {
        let entry = self.types.entry(key).or_default();
        *entry = entry.union(ts);
    }
}

/// The number of typed places of a node: a `let`'s or a variable `set`'s value, or a call's
/// arguments (after slot 0).
fn places(e: &Expr) -> Option<u32> {
    match &e.kind {
        ExprKind::Let { .. }
        | ExprKind::Set {
            target: LValue::Var { .. },
            ..
        } => Some(1),
        ExprKind::Call { args, .. } => Some(args.len() as u32 + 1),
        _ => None,
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

/// The observer of a traced run: the context of every event, and the coverage so far.
struct Collector<'a> {
    ids: &'a NodeIds,
    cov: Coverage,
    current: Ctx,
    /// The contexts of the open activations' callers, innermost last.
    callers: Vec<Ctx>,
    /// The call site and function of the last dispatch, with the context it happened in.
    dispatched: Option<(u32, Ctx, Option<Rc<str>>)>,
    /// Queued handlers: their `register` site and the context it ran in, first queued first.
    queue: VecDeque<(u32, Ctx)>,
    /// How often each typed place's node was entered and finished (its value written, its
    /// call dispatched), with its number of places: the difference marks it unfinished.
    entered: HashMap<(Ctx, u32), (u64, u64, u32)>,
}

impl<'p> Observer<'p> for Collector<'_> {
    fn reach(&mut self, node: &'p Expr) {
        let id = self.ids.of(node);
        self.cov.reached.insert((self.current.clone(), id));
        if let Some(n) = places(node) {
            self.entered
                .entry((self.current.clone(), id))
                .or_insert((0, 0, n))
                .0 += 1;
        }
    }

    fn write(&mut self, site: &'p Expr, v: &Value) {
        let id = self.ids.of(site);
        self.cov.see((self.current.clone(), id, 0), Types::of(v));
        self.finished(id);
    }

    fn dispatch(&mut self, site: &'p Expr, func: Option<&Rc<str>>, args: &[Value]) {
        // A `register` dispatches when its handler's turn starts, in the context it ran in.
        let (site, ctx) = if matches!(site.kind, ExprKind::Register { .. }) {
            self.queue
                .pop_front()
                .expect("every queued handler was reported")
        } else {
            let id = self.ids.of(site);
            for (i, arg) in args.iter().enumerate() {
                self.cov
                    .see((self.current.clone(), id, i as u32 + 1), Types::of(arg));
            }
            self.finished(id);
            (id, self.current.clone())
        };
        if let Some(f) = func {
            self.cov
                .callees
                .entry((ctx.clone(), site))
                .or_default()
                .insert(f.clone());
        }
        self.dispatched = Some((site, ctx, func.cloned()));
    }

    fn enter(&mut self) {
        let Some((site, ctx, Some(f))) = self.dispatched.take() else {
            unreachable!("only a closure's activation begins, right after its dispatch")
        };
        let (child, _) = ctx.enter(site, &f);
        self.callers
            .push(std::mem::replace(&mut self.current, child));
    }

    fn leave(&mut self) {
        self.current = self
            .callers
            .pop()
            .expect("an activation ends only after it began");
    }

    fn queue(&mut self, site: &'p Expr) {
        self.queue
            .push_back((self.ids.of(site), self.current.clone()));
    }
}

impl Collector<'_> {
    fn finished(&mut self, id: u32) {
        if let Some(counts) = self.entered.get_mut(&(self.current.clone(), id)) {
            counts.1 += 1;
        }
    }

    /// The coverage of the run: places entered more often than finished are unfinished.
    fn coverage(mut self) -> Coverage {
        for ((ctx, id), (entered, finished, n)) in std::mem::take(&mut self.entered) {
            if entered > finished {
                for slot in 0..n {
                    self.cov.see((ctx.clone(), id, slot), Types::unfinished());
                }
            }
        }
        self.cov
    }
}

/// Runs a checked core program on one input, observing coverage.
pub fn run(checked: &Checked, world: &World, limits: Limits, input: &Json) -> (Outcome, Coverage) {
    let ids = NodeIds::new(checked.program());
    let machine = Machine::new(checked, world, limits);
    let mut collector = Collector {
        ids: &ids,
        cov: Coverage::default(),
        current: Ctx::main(),
        callers: Vec::new(),
        dispatched: None,
        queue: VecDeque::new(),
        entered: HashMap::new(),
    };
    let outcome = machine.run_observed(input, &mut collector);
    (outcome, collector.coverage())
}
