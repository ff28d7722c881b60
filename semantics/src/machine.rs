//! The small-step machine: configurations ⟨control ∣ environment ∣ continuation ∣ heap⟩
//! plus the host (world, log, response, event queue, fuel), and one `step` that names the
//! rule it took. The same machine runs core programs (the source semantics) and trace trees
//! (the trace semantics); only the forms differ.
//!
//! The rules are split by concern, each module holding the code of its rules and their
//! [`RuleDef`]s side by side: [`control`] (literals, variables, blocks, `if`, `while`,
//! labels), [`data`] (objects, arrays, fields, indices, primitives), [`functions`] (closures,
//! calls, guards, aliases), [`errors`] (throw, try/catch/finally) and [`events`] (the host,
//! the event queue, halting).

/// Defines a rule of the table in a module whose `G` names its group: the rule's static,
/// with its name, LaTeX premises and conclusion, and one line of prose.
macro_rules! rule {
    ($id:ident, $name:literal, [$($p:literal),*], $c:literal, $prose:literal) => {
        pub static $id: RuleDef = RuleDef { name: $name, group: G, premises: &[$($p),*], conclusion: $c, prose: $prose };
    };
}

pub mod control;
pub mod data;
pub mod errors;
pub mod events;
pub mod functions;
pub mod observe;
pub mod types;

use crate::rules::RuleDef;
use im::{HashMap, Vector};
use std::rc::Rc;
use tracelab_ir::wf::Checked;
use tracelab_ir::{Catch, Dialect, EventKind, Expr, Field, FunDef, PrimOp, Program, Ty};
use tracelab_runtime::json::Json;
use tracelab_runtime::meter::Meter;
use tracelab_runtime::outcome::{Limit, Limits, Outcome, OutcomeKind};
use tracelab_runtime::value::{Heap, HeapObj, Loc, Value};
use tracelab_runtime::world::World;

/// Names to cells.
pub type Env = HashMap<Rc<str>, Loc>;

/// A reference to an expression of the program, compared by identity.
#[derive(Clone, Copy, Debug)]
pub struct Node<'p>(pub &'p Expr);

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

/// A reference to a block (a slice of the program), compared by identity.
#[derive(Clone, Copy, Debug)]
pub struct Body<'p>(pub &'p [Expr]);

impl PartialEq for Body<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0.as_ptr(), other.0.as_ptr()) && self.0.len() == other.0.len()
    }
}

/// What the machine is doing: evaluating an expression or a block, or returning a
/// completion (a value, a raised value, a break) to the continuation.
#[derive(Clone, Debug, PartialEq)]
pub enum Control<'p> {
    Expr(Node<'p>),
    Block(Body<'p>),
    Value(Value),
    Raise(Value),
    Break(Rc<str>, Value),
}

/// Continuation frames: each is an evaluation context with a hole.
#[derive(Clone, Debug, PartialEq)]
pub enum Frame<'p> {
    /// The rest of a block; `env` is restored when the block ends.
    Seq {
        rest: Body<'p>,
        env: Env,
    },
    /// A `let` (`site`) waiting for its value.
    Let {
        name: &'p str,
        site: Node<'p>,
    },
    /// A `set` of a variable (`site`) waiting for its value.
    SetVar {
        name: &'p str,
        site: Node<'p>,
    },
    /// A type guard waiting for its value.
    Typed {
        ty: Ty,
    },
    SetFieldObject {
        field: &'p str,
        value: Node<'p>,
    },
    SetField {
        object: Value,
        field: &'p str,
    },
    SetIndexObject {
        index: Node<'p>,
        value: Node<'p>,
    },
    SetIndexKey {
        object: Value,
        value: Node<'p>,
    },
    SetIndex {
        object: Value,
        key: Value,
    },
    If {
        then: Body<'p>,
        otherwise: Body<'p>,
    },
    WhileCond {
        node: Node<'p>,
    },
    WhileBody {
        node: Node<'p>,
    },
    Label {
        name: &'p str,
        env: Env,
    },
    Break {
        label: &'p str,
    },
    Object {
        fields: &'p [Field],
        done: Vector<Value>,
    },
    Array {
        items: Body<'p>,
        done: Vector<Value>,
    },
    Get {
        field: &'p str,
    },
    IndexObject {
        index: Node<'p>,
    },
    IndexKey {
        object: Value,
    },
    Prim {
        op: PrimOp,
        args: Body<'p>,
        done: Vector<Value>,
    },
    /// Callee and arguments evaluated so far (`done[0]` is the callee) of the call or
    /// guard `site`.
    Call {
        site: Node<'p>,
        args: Body<'p>,
        done: Vector<Value>,
    },
    /// A running function body; the caller's environment comes back on return.
    Return {
        env: Env,
    },
    Throw,
    Try {
        catch: Option<&'p Catch>,
        finally: Option<Body<'p>>,
        env: Env,
    },
    /// A running `catch` body, with the `finally` still to run.
    Handler {
        finally: Option<Body<'p>>,
        env: Env,
    },
    /// A running `finally` body and the completion to resume after it.
    Finally {
        pending: Box<Control<'p>>,
    },
    Event {
        event: EventKind,
    },
    RegisterArg {
        site: Node<'p>,
        event: EventKind,
        callback: Node<'p>,
    },
    Register {
        site: Node<'p>,
        event: EventKind,
        arg: Value,
    },
    Alias {
        name: &'p str,
        capture: &'p str,
    },
    CallbackArg {
        node: Node<'p>,
    },
    CallbackClosure {
        node: Node<'p>,
        arg: Value,
    },
}

/// Who handles an event: a closure (core `register`) or a traced body (trace `callback`).
#[derive(Clone, Debug, PartialEq)]
pub enum Handler<'p> {
    Closure(Value),
    Traced {
        callback: Value,
        clos: &'p str,
        param: &'p str,
        body: Body<'p>,
    },
}

/// A registered event waiting for its turn.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending<'p> {
    /// The `register` or `callback` that queued it.
    pub site: Node<'p>,
    pub event: EventKind,
    pub arg: Value,
    pub handler: Handler<'p>,
}

/// The host's part of a configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Host<'p> {
    pub input: Value,
    pub log: Vector<Rc<str>>,
    /// The first `respond`; later ones are ignored.
    pub response: Option<Value>,
    /// The value of the program body (the first turn).
    pub main: Option<Value>,
    pub queue: Vector<Pending<'p>>,
    /// Fuel spent, and function activations on the continuation.
    pub meter: Meter,
}

/// A machine configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config<'p> {
    pub control: Control<'p>,
    pub env: Env,
    pub kont: Vector<Frame<'p>>,
    pub heap: Heap,
    pub host: Host<'p>,
}

/// What one step did.
// A step is moved once and consumed at once: boxing the configuration would allocate on
// every transition for nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Step<'p> {
    Next(Config<'p>, &'static RuleDef),
    Done(Outcome, &'static RuleDef),
}

/// The static part of a run: the program, its functions, the world and the limits.
pub struct Machine<'p> {
    pub program: &'p Program,
    pub world: &'p World,
    pub limits: Limits,
    functions: std::collections::HashMap<&'p str, &'p FunDef>,
}

impl<'p> Machine<'p> {
    /// A machine for a well-formed program: its invariants (every variable bound, every
    /// break inside its label, every closure of a defined function) hold for every program
    /// it runs, because only [`Checked`] programs get one.
    pub fn new(checked: &'p Checked, world: &'p World, limits: Limits) -> Machine<'p> {
        let program = checked.program();
        let functions = program
            .functions
            .iter()
            .map(|f| (f.name.as_str(), f))
            .collect();
        Machine {
            program,
            world,
            limits,
            functions,
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.program.dialect
    }

    pub fn function(&self, name: &str) -> Option<&'p FunDef> {
        self.functions.get(name).copied()
    }

    /// The initial configuration: the program body with `input` bound to the input.
    pub fn initial(&self, input: &Json) -> Config<'p> {
        let mut heap = Heap::with_budget(self.limits.memory_bytes);
        let input = tracelab_runtime::json::from_json(input, self.dialect(), &mut heap);
        let cell = heap.alloc(HeapObj::Cell(input.clone()));
        let env = Env::unit(Rc::from(tracelab_ir::wf::INPUT_VAR), cell);
        Config {
            control: Control::Block(Body(&self.program.body)),
            env,
            kont: Vector::new(),
            heap,
            host: Host {
                input,
                log: Vector::new(),
                response: None,
                main: None,
                queue: Vector::new(),
                meter: Meter::default(),
            },
        }
    }

    /// One transition, naming its rule.
    pub fn step(&self, mut cfg: Config<'p>) -> Step<'p> {
        let control = std::mem::replace(&mut cfg.control, Control::Value(Value::Undefined));
        let step = match control {
            Control::Expr(node) => self.eval(node, cfg),
            Control::Block(body) => control::enter_block(body, cfg),
            Control::Value(v) => match cfg.kont.pop_back() {
                None => self.turn_end(v, cfg),
                Some(frame) => self.resume(frame, v, cfg),
            },
            Control::Raise(v) => self.unwind_raise(v, cfg),
            Control::Break(label, v) => self.unwind_break(label, v, cfg),
        };
        match step {
            Step::Next(cfg, _) if cfg.heap.bytes > self.limits.memory_bytes => Step::Done(
                Outcome::new(OutcomeKind::Limit(Limit::Memory), &cfg.host.log),
                &events::E_LIMIT_MEMORY,
            ),
            step => step,
        }
    }

    /// Runs to an outcome, reporting every step to `observer` (a closure over the rules
    /// taken is one).
    pub fn run_observed(
        &self,
        input: &Json,
        observer: &mut (impl observe::Observer<'p> + ?Sized),
    ) -> Outcome {
        self.run_from_observed(self.initial(input), observer)
    }

    /// Runs a configuration to its outcome.
    pub fn run_from(&self, cfg: Config<'p>) -> Outcome {
        self.run_from_observed(cfg, &mut |_: &'static RuleDef| {})
    }

    /// Runs a configuration to its outcome, reporting every step to `observer`.
    pub fn run_from_observed(
        &self,
        mut cfg: Config<'p>,
        observer: &mut (impl observe::Observer<'p> + ?Sized),
    ) -> Outcome {
        loop {
            match self.step_observed(cfg, observer) {
                Step::Next(next, _) => cfg = next,
                Step::Done(outcome, _) => return outcome,
            }
        }
    }

    pub fn run(&self, input: &Json) -> Outcome {
        self.run_from(self.initial(input))
    }

    fn eval(&self, node: Node<'p>, cfg: Config<'p>) -> Step<'p> {
        use tracelab_ir::ExprKind as K;
        match &node.0.kind {
            K::Undefined
            | K::Null
            | K::Bool { .. }
            | K::Int { .. }
            | K::Float { .. }
            | K::Str { .. } => control::literal(node.0, cfg),
            K::Var { .. }
            | K::Let { .. }
            | K::Set { .. }
            | K::Block { .. }
            | K::If { .. }
            | K::While { .. }
            | K::Label { .. }
            | K::Break { .. } => self.eval_control(node, cfg),
            K::Object { .. }
            | K::Array { .. }
            | K::Get { .. }
            | K::Index { .. }
            | K::Prim { .. } => self.eval_data(node, cfg),
            K::Closure { .. } | K::Call { .. } | K::Guard { .. } | K::Alias { .. } => {
                self.eval_function(node, cfg)
            }
            K::Throw { .. } | K::Try { .. } => self.eval_error(node, cfg),
            K::Event { .. } | K::Register { .. } | K::Callback { .. } | K::Unknown => {
                self.eval_event(node, cfg)
            }
            K::Typed { .. } => self.eval_typed(node, cfg),
        }
    }

    /// A value meets the top frame of the continuation.
    fn resume(&self, frame: Frame<'p>, v: Value, cfg: Config<'p>) -> Step<'p> {
        match frame {
            Frame::Seq { .. }
            | Frame::Let { .. }
            | Frame::SetVar { .. }
            | Frame::If { .. }
            | Frame::WhileCond { .. }
            | Frame::WhileBody { .. }
            | Frame::Label { .. }
            | Frame::Break { .. } => self.resume_control(frame, v, cfg),
            Frame::SetFieldObject { .. }
            | Frame::SetField { .. }
            | Frame::SetIndexObject { .. }
            | Frame::SetIndexKey { .. }
            | Frame::SetIndex { .. }
            | Frame::Object { .. }
            | Frame::Array { .. }
            | Frame::Get { .. }
            | Frame::IndexObject { .. }
            | Frame::IndexKey { .. }
            | Frame::Prim { .. } => self.resume_data(frame, v, cfg),
            Frame::Call { .. } | Frame::Return { .. } | Frame::Alias { .. } => {
                self.resume_function(frame, v, cfg)
            }
            Frame::Throw | Frame::Try { .. } | Frame::Handler { .. } | Frame::Finally { .. } => {
                self.resume_error(frame, v, cfg)
            }
            Frame::Event { .. }
            | Frame::RegisterArg { .. }
            | Frame::Register { .. }
            | Frame::CallbackArg { .. }
            | Frame::CallbackClosure { .. } => self.resume_event(frame, v, cfg),
            Frame::Typed { ty } => self.resume_typed(ty, v, cfg),
        }
    }
}

/// Shorthand for a step to `control`.
pub(crate) fn next<'p>(
    mut cfg: Config<'p>,
    control: Control<'p>,
    rule: &'static RuleDef,
) -> Step<'p> {
    cfg.control = control;
    Step::Next(cfg, rule)
}

/// Shorthand for a step that pushes `frame` and evaluates `node`.
pub(crate) fn push_eval<'p>(
    mut cfg: Config<'p>,
    frame: Frame<'p>,
    node: &'p Expr,
    rule: &'static RuleDef,
) -> Step<'p> {
    cfg.kont.push_back(frame);
    next(cfg, Control::Expr(Node(node)), rule)
}

/// Allocates a fresh cell holding `v`.
pub(crate) fn alloc_cell(cfg: &mut Config<'_>, v: Value) -> Loc {
    cfg.heap.alloc(HeapObj::Cell(v))
}
