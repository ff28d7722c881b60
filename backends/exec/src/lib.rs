//! `tracelab-exec`: the execution context of generated code: one invocation's heap, host
//! state, fuel and depth, with one method per step of the semantics that touches them.
//!
//! Generated code mirrors the machine's rules step for step, so each method here does what
//! one rule (or one group of rules) does, in the same order, with the same allocations:
//! that is what makes byte accounting, and so the `memory` limit, agree exactly. The one
//! place order matters beyond that is the memory check: the machine checks after every
//! step that continues, never after a step that halts, so the allocations of a step that may
//! end with the fuel limit (an activation, a turn) are checked after its fuel check.

#![forbid(unsafe_code)]

use std::collections::VecDeque;
use std::rc::Rc;
pub use tracelab_ir::{Dialect, EventKind, PrimOp, Ty};
use tracelab_runtime::json;
use tracelab_runtime::meter::{self, Meter, Refusal};
use tracelab_runtime::outcome::{Limit, Limits, Outcome, OutcomeKind};
use tracelab_runtime::prim::{self, access, errors};
use tracelab_runtime::value::{Heap, HeapObj, Key, Loc, Props, Value};
use tracelab_runtime::world::World;

/// The result of generated code: a value, or an [`Exit`].
pub type R<T> = Result<T, Exit>;

/// How a region of generated code ends without a value ([`Escape`]), boxed: an `R<Value>`
/// is then no bigger than a `Value`, and the common path, a value, moves whole. (Inline, a
/// `Break` made every result of generated code a 40-byte union copied in pieces.)
#[derive(Debug)]
pub struct Exit(Box<Escape>);

/// The ways a region ends without a value.
#[derive(Debug)]
pub enum Escape {
    /// A raised value, unwinding to the nearest `catch`.
    Throw(Value),
    /// A `break` to the label with this id, crossing a region (a `try` part or an inlined
    /// body) that must see it go by (a `finally` runs, a depth is given back).
    Break(u32, Value),
    /// The invocation stops here.
    Halt(Halt),
}

impl Exit {
    #[cold]
    pub fn throw(v: Value) -> Exit {
        Exit(Box::new(Escape::Throw(v)))
    }

    /// A `break` to the label `id` with the value `v`.
    #[cold]
    pub fn brk(id: u32, v: Value) -> Exit {
        Exit(Box::new(Escape::Break(id, v)))
    }

    #[cold]
    pub fn halt(h: Halt) -> Exit {
        Exit(Box::new(Escape::Halt(h)))
    }

    pub fn escape(self) -> Escape {
        *self.0
    }

    /// Whether this is a `break` to the label `id`.
    pub fn breaks_to(&self, id: u32) -> bool {
        matches!(*self.0, Escape::Break(label, _) if label == id)
    }

    pub fn is_halt(&self) -> bool {
        matches!(*self.0, Escape::Halt(_))
    }

    /// The value a `break` carries or a `throw` raised (`undefined` for a halt).
    pub fn value(self) -> Value {
        match *self.0 {
            Escape::Throw(v) | Escape::Break(_, v) => v,
            Escape::Halt(_) => Value::Undefined,
        }
    }

    /// The raised value, for a `catch`; any other exit comes back.
    pub fn caught(self) -> Result<Value, Exit> {
        match *self.0 {
            Escape::Throw(v) => Ok(v),
            other => Err(Exit(Box::new(other))),
        }
    }
}

/// Outcomes that stop the invocation at once, whatever `try`s are active.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Halt {
    Unknown,
    Limit(Limit),
}

/// One invocation. `K` is the generated continuation type of registered callbacks: one
/// variant per callback site, carrying what the callback's body will run with.
pub struct Rt<'w, K> {
    pub heap: Heap,
    dialect: Dialect,
    limits: Limits,
    world: &'w World,
    input: Value,
    log: Vec<Rc<str>>,
    response: Option<Value>,
    queue: VecDeque<(EventKind, Value, K)>,
    meter: Meter,
}

impl<'w, K> Rt<'w, K> {
    /// The initial state: the input converted, as the machine's initial configuration does.
    /// Returns the state and the input's cell.
    pub fn new(
        dialect: Dialect,
        input: &json::Json,
        world: &'w World,
        limits: Limits,
    ) -> (Rt<'w, K>, Loc) {
        let mut heap = Heap::with_budget(limits.memory_bytes);
        let input = json::from_json(input, dialect, &mut heap);
        let cell = heap.alloc(HeapObj::Cell(input.clone()));
        let rt = Rt {
            heap,
            dialect,
            limits,
            world,
            input,
            log: Vec::new(),
            response: None,
            queue: VecDeque::new(),
            meter: Meter::default(),
        };
        (rt, cell)
    }

    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Runs an invocation: the program body (`main`, given the input's cell), then every
    /// queued callback in order (`turn`), then the result record, as E-Halt writes it.
    pub fn invoke(
        mut self,
        input_cell: Loc,
        main: impl FnOnce(&mut Self, Loc) -> R<Value>,
        turn: impl Fn(&mut Self, K, Value) -> R<Value>,
    ) -> Outcome {
        let ended = self
            .check_memory()
            .and_then(|()| main(&mut self, input_cell));
        let main_value = match ended {
            Ok(v) => v,
            Err(exit) => return self.outcome_of(exit),
        };
        while let Some((event, arg, k)) = self.queue.pop_front() {
            // The world's answer is allocated in the step that starts the turn; the turn
            // checks memory once it has passed its fuel check (see the module comment).
            let answer = self.answer(event, &arg);
            if let Err(exit) = turn(&mut self, k, answer) {
                return self.outcome_of(exit);
            }
        }
        let result = self.response.clone().unwrap_or(main_value);
        let kind = match json::to_json_text(&self.heap, self.dialect, &result) {
            Ok(text) => OutcomeKind::Ok(text),
            Err(err) => {
                let err = err.into_data();
                OutcomeKind::Error {
                    kind: err.class.to_string(),
                    message: err.message,
                }
            }
        };
        Outcome::new(kind, &self.log)
    }

    fn outcome_of(&self, exit: Exit) -> Outcome {
        let kind = match exit.escape() {
            Escape::Throw(v) => {
                let (kind, message) = errors::describe_thrown(&self.heap, self.dialect, &v);
                OutcomeKind::Error { kind, message }
            }
            Escape::Halt(Halt::Unknown) => OutcomeKind::Unknown,
            Escape::Halt(Halt::Limit(limit)) => OutcomeKind::Limit(limit),
            Escape::Break(label, _) => {
                unreachable!("generated code catches every break at its label ({label})")
            }
        };
        Outcome::new(kind, &self.log)
    }

    // ----- the limits

    /// The memory check the machine makes after every step that continues.
    pub fn check_memory(&self) -> R<()> {
        if self.heap.bytes > self.limits.memory_bytes {
            Err(Exit::halt(Halt::Limit(Limit::Memory)))
        } else {
            Ok(())
        }
    }

    /// One unit of fuel (a loop iteration, an activation).
    #[inline]
    pub fn fuel(&mut self) -> R<()> {
        self.meter
            .spend_fuel(&self.limits)
            .map_err(|limit| Exit::halt(Halt::Limit(limit)))
    }

    fn refused(&mut self, refusal: Refusal) -> Exit {
        match refusal {
            Refusal::Arity(err) | Refusal::Depth(err) => self.raise(err),
            Refusal::Limit(limit) => Exit::halt(Halt::Limit(limit)),
        }
    }

    /// The arity check of a call whose number of arguments differs from its function's
    /// parameters (generated code binds the arguments as [`meter::pads`] says): JavaScript
    /// goes on, Python raises TypeError (E-Call-Arity).
    pub fn arity(&mut self, func: &str, params: &[&str], given: usize) -> R<()> {
        match meter::pads(self.dialect, params.len(), given) {
            Some(_) => Ok(()),
            None => Err(self.raise(errors::arity(func, params, given))),
        }
    }

    /// The arguments of a call of any closure (a core `call`, a core handler), checked and
    /// bound as [`Meter::activate`] binds them: one per parameter.
    pub fn call_args<const N: usize>(
        &mut self,
        func: &str,
        params: [&str; N],
        mut args: Vec<Value>,
    ) -> R<[Value; N]> {
        if let Err(refusal) = meter::arity(self.dialect, func, &params, &mut args) {
            return Err(self.refused(refusal));
        }
        Ok(args.try_into().unwrap_or_else(|_: Vec<Value>| {
            unreachable!("the arity check binds one argument per parameter")
        }))
    }

    /// The checks of an activation after its arity (E-Call-Enter, E-Guard-Inline): depth,
    /// then fuel ([`Meter::enter`]). The caller binds the parameters, runs the body and
    /// calls [`Rt::leave`].
    pub fn enter(&mut self) -> R<()> {
        match self.meter.enter(&self.limits, self.dialect) {
            Ok(()) => Ok(()),
            Err(refusal) => Err(self.refused(refusal)),
        }
    }

    /// The end of an activation, however its body ended.
    pub fn leave<T>(&mut self, ended: R<T>) -> R<T> {
        self.meter.leave();
        ended
    }

    /// Unknown: the trace does not know this path.
    pub fn unknown(&self) -> R<Value> {
        Err(Exit::halt(Halt::Unknown))
    }

    /// Unknown, where generated code needs a value of another type (an unboxed local).
    pub fn unknown_of<T>(&self) -> R<T> {
        Err(Exit::halt(Halt::Unknown))
    }

    /// A type guard (E-Typed-Pass / E-Typed-Fail): the value when it has type `ty`, else
    /// unknown.
    #[inline]
    pub fn check_type(&self, ty: Ty, v: Value) -> R<Value> {
        if v.ty() == Some(ty) {
            Ok(v)
        } else {
            Err(Exit::halt(Halt::Unknown))
        }
    }

    // ----- cells (variables)

    /// A fresh cell (E-Let-Bind, parameters, `catch` bindings).
    pub fn cell(&mut self, v: Value) -> R<Loc> {
        let loc = self.heap.alloc(HeapObj::Cell(v));
        self.check_memory()?;
        Ok(loc)
    }

    /// A fresh cell whose memory is checked later by the same step (see the module comment).
    pub fn cell_unchecked(&mut self, v: Value) -> Loc {
        self.heap.alloc(HeapObj::Cell(v))
    }

    pub fn read(&self, cell: Loc) -> Value {
        match self.heap.get(cell) {
            Some(HeapObj::Cell(v)) => v.clone(),
            other => unreachable!("generated code reads cells only, found {other:?}"),
        }
    }

    /// E-Set-Var-Write: the value written is charged, and is the expression's value.
    pub fn write(&mut self, cell: Loc, v: Value) -> R<Value> {
        self.heap.charge(&v);
        if let Some(slot) = self.heap.get_mut(cell) {
            *slot = HeapObj::Cell(v.clone());
        }
        self.check_memory()?;
        Ok(v)
    }

    // ----- data

    /// E-Object-Alloc: fields in the order written.
    /// E-Object-Alloc; the field names are the trace's string constants, shared, not copied.
    pub fn object(&mut self, fields: Vec<(Rc<str>, Value)>) -> R<Value> {
        let mut props = Props::with_capacity(fields.len());
        for (name, value) in fields {
            props.insert(Key::Str(name.clone()), Value::Str(name), value);
        }
        let loc = self.heap.alloc(HeapObj::Object { class: None, props });
        self.check_memory()?;
        Ok(Value::Ref(loc))
    }

    /// E-Array-Alloc.
    pub fn array(&mut self, items: Vec<Value>) -> R<Value> {
        let loc = self.heap.alloc(HeapObj::Array {
            items,
            tuple: false,
        });
        self.check_memory()?;
        Ok(Value::Ref(loc))
    }

    pub fn get_field(&mut self, object: &Value, field: &str) -> R<Value> {
        let found = access::get_field(&self.heap, self.dialect, object, field);
        found.map_err(|err| self.raise(err))
    }

    /// Python's `len(v)` without the generic dispatch (`None`: the generic path raises).
    #[inline]
    pub fn py_len(&self, v: &Value) -> Option<i64> {
        tracelab_runtime::fast::py_len(&self.heap, v)
    }

    /// `object[key]`: an element in range directly, anything else by the generic path.
    #[inline]
    pub fn get_index(&mut self, object: &Value, key: &Value) -> R<Value> {
        match access::element(&self.heap, self.dialect, object, key) {
            Some(v) => Ok(v),
            None => self.get_index_generic(object, key),
        }
    }

    fn get_index_generic(&mut self, object: &Value, key: &Value) -> R<Value> {
        let found = access::get_index(&self.heap, self.dialect, object, key);
        found.map_err(|err| self.raise(err))
    }

    pub fn set_field(&mut self, object: &Value, field: &str, v: Value) -> R<Value> {
        match access::set_field(&mut self.heap, self.dialect, object, field, v.clone()) {
            Ok(()) => self.check_memory().map(|()| v),
            Err(err) => Err(self.raise(err)),
        }
    }

    /// `object[key] = v`: an element in range directly, anything else by the generic path.
    #[inline]
    pub fn set_index(&mut self, object: &Value, key: &Value, v: Value) -> R<Value> {
        match access::set_element(&mut self.heap, self.dialect, object, key, v.clone()) {
            Ok(()) => self.check_memory().map(|()| v),
            Err(v) => self.set_index_generic(object, key, v),
        }
    }

    fn set_index_generic(&mut self, object: &Value, key: &Value, v: Value) -> R<Value> {
        match access::set_index(&mut self.heap, self.dialect, object, key, v.clone()) {
            Ok(()) => self.check_memory().map(|()| v),
            Err(err) => Err(self.raise(err)),
        }
    }

    /// E-Prim-Apply / E-Prim-Raise.
    pub fn prim(&mut self, op: PrimOp, args: &[Value]) -> R<Value> {
        match prim::apply(op, args, &mut self.heap, self.dialect) {
            Ok(v) => self.check_memory().map(|()| v),
            Err(err) => Err(self.raise(err)),
        }
    }

    /// The condition of `if` / `while`: a boolean, or TypeError (E-If-Not-Bool).
    #[inline]
    pub fn condition(&mut self, v: Value, form: &str) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(b),
            _ => Err(self.not_a_condition(form)),
        }
    }

    #[cold]
    fn not_a_condition(&mut self, form: &str) -> Exit {
        self.raise(errors::Error::new(
            "TypeError",
            format!("the condition of `{form}` is not a boolean"),
        ))
    }

    // ----- raising

    /// A fresh error object of the language, raised (or the memory limit, if allocating it
    /// went over).
    pub fn raise(&mut self, err: errors::Error) -> Exit {
        let v = errors::alloc_error(&mut self.heap, &err);
        match self.check_memory() {
            Ok(()) => Exit::throw(v),
            Err(limit) => limit,
        }
    }

    /// `throw v`, typed as an expression so that code after it still type-checks.
    pub fn throw(&self, v: Value) -> R<Value> {
        Err(Exit::throw(v))
    }

    // ----- functions

    /// E-Closure: the closure captures the cells, in the function's capture order.
    pub fn closure(&mut self, func: &str, captures: &[(&str, Loc)]) -> R<Value> {
        let captures = captures.iter().map(|&(n, l)| (Rc::from(n), l)).collect();
        let loc = self.heap.alloc(HeapObj::Closure {
            func: Rc::from(func),
            captures,
        });
        self.check_memory()?;
        Ok(Value::Ref(loc))
    }

    /// The function of a callee, or TypeError (E-Call-Not-Function).
    pub fn callee(&mut self, v: &Value) -> R<Rc<str>> {
        if let Value::Ref(loc) = v {
            if let Some(HeapObj::Closure { func, .. }) = self.heap.get(*loc) {
                return Ok(func.clone());
            }
        }
        Err(self.raise(errors::not_callable(self.dialect, &self.heap, v)))
    }

    /// The `i`th captured cell of a closure of a known function.
    pub fn capture(&self, closure: &Value, i: usize) -> Loc {
        match closure {
            Value::Ref(loc) => match self.heap.get(*loc) {
                Some(HeapObj::Closure { captures, .. }) => captures[i].1,
                other => unreachable!("a dispatched callee is a closure, found {other:?}"),
            },
            other => unreachable!("a dispatched callee is a closure, found {other:?}"),
        }
    }

    /// E-Alias-Bind / E-Alias-Fail: the cell a closure captured under `name`.
    pub fn alias(&self, closure: &Value, name: &str) -> R<Loc> {
        if let Value::Ref(loc) = closure {
            if let Some(HeapObj::Closure { captures, .. }) = self.heap.get(*loc) {
                if let Some((_, cell)) = captures.iter().find(|(n, _)| **n == *name) {
                    return Ok(*cell);
                }
            }
        }
        Err(Exit::halt(Halt::Unknown))
    }

    // ----- the host

    /// A synchronous event (E-Event-World, E-Respond-*, E-Log).
    pub fn event(&mut self, event: EventKind, v: Value) -> R<Value> {
        match event {
            EventKind::Get | EventKind::Post | EventKind::Listen => {
                let answer = self.answer(event, &v);
                self.check_memory()?;
                Ok(answer)
            }
            EventKind::Respond => {
                if self.response.is_none() {
                    self.response = Some(v);
                }
                Ok(Value::Undefined)
            }
            EventKind::Log => {
                let line = prim::display(&self.heap, self.dialect, &v);
                self.log.push(Rc::from(line));
                Ok(Value::Undefined)
            }
        }
    }

    /// E-Callback-Queue / E-Register-Queue: the handler runs in a later turn.
    pub fn enqueue(&mut self, event: EventKind, arg: Value, handler: K) -> Value {
        self.queue.push_back((event, arg, handler));
        Value::Undefined
    }

    /// The world's answer to an event (`listen` answers the invocation's input).
    fn answer(&mut self, event: EventKind, arg: &Value) -> Value {
        match event {
            EventKind::Listen => self.input.clone(),
            EventKind::Get | EventKind::Post => {
                self.world.answer(event, arg, self.dialect, &mut self.heap)
            }
            EventKind::Respond | EventKind::Log => Value::Undefined,
        }
    }
}

/// Runs `f` on a thread with a stack deep enough for `limits.max_depth` activations of
/// generated code, so that deep recursion ends as the language's error, never as a stack
/// overflow of the host. `Err` when the host cannot give that thread its stack (a depth bound
/// far beyond what memory allows): the caller reports it, nothing panics.
pub fn with_deep_stack<T: Send>(limits: Limits, f: impl FnOnce() -> T + Send) -> Result<T, String> {
    // An activation of generated code takes a few KiB of stack optimised, several times that
    // unoptimised (every temporary has its own slot); the stack is reserved, not committed,
    // so a generous margin is cheap.
    let per_activation = if cfg!(debug_assertions) {
        64 << 10
    } else {
        16 << 10
    };
    let stack = (limits.max_depth as usize)
        .saturating_mul(per_activation)
        .max(16 << 20);
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(stack)
            .spawn_scoped(scope, f)
            .map_err(|e| {
                format!(
                    "cannot start a thread with a stack for {} activations ({} MiB): {e}",
                    limits.max_depth,
                    stack >> 20
                )
            })?;
        match worker.join() {
            Ok(v) => Ok(v),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}
