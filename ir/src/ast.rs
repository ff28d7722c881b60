//! The abstract syntax of the core and trace language.
//!
//! One type serves both languages because a trace *is* a core program with fewer forms:
//! tracing removes calls to non-recursive functions and adds `unknown`, callee guards,
//! capture aliases and traced callbacks. Which forms a program may use is checked by
//! [`crate::wf::check`] against a [`Level`], not by the type, so the machine runs both.
//!
//! Sequences are vectors (as in Containerless's trace IR): a `let` binds for the rest of its
//! block, and a block's value is the value of its last expression (`undefined` when empty).

use crate::prim::PrimOp;
use crate::span::Span;
use num_bigint::BigInt;
use serde::{Deserialize, Serialize};

/// A variable, label, function or field name.
pub type Name = String;

/// Which language's conventions a program follows where the core cannot stay neutral:
/// the value of a missing world entry (`undefined` vs `None`), how JSON inputs become
/// values (JS: every number is a float) and how results are written (`JSON.stringify`
/// vs `json.dumps`), and the behaviour of `get`/`index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dialect {
    Js,
    Py,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Js => "js",
            Dialect::Py => "py",
        }
    }
}

/// Which forms a program may contain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// Source programs: functions and calls, no `unknown`, guards, aliases or traced callbacks.
    Core,
    /// Trace trees: calls only to trace-level (recursive) functions, plus the trace-only forms.
    Trace,
}

/// A whole program: function definitions (closed by their capture lists) and a body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Program {
    pub dialect: Dialect,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<FunDef>,
    pub body: Vec<Expr>,
}

/// A function definition. Calling a closure of it binds `params` to fresh cells and
/// `captures` to the cells the closure captured, then runs `body` under the label
/// [`RETURN_LABEL`] (so `return e` is `break return e`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FunDef {
    pub name: Name,
    pub params: Vec<Name>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<Name>,
    pub body: Vec<Expr>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// The label every function body runs under; a function returns by breaking to it.
pub const RETURN_LABEL: &str = "return";

/// An expression with an optional source span (byte offsets into the file it came from).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Expr {
    #[serde(flatten)]
    pub kind: ExprKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Expr {
    pub fn new(kind: ExprKind) -> Expr {
        Expr { kind, span: None }
    }

    pub fn with_span(kind: ExprKind, span: Span) -> Expr {
        Expr {
            kind,
            span: Some(span),
        }
    }
}

impl From<ExprKind> for Expr {
    fn from(kind: ExprKind) -> Expr {
        Expr::new(kind)
    }
}

/// A float literal. Equality is bitwise, so `NaN == NaN` and `-0.0 != 0.0` as syntax.
#[derive(Clone, Copy, Debug)]
pub struct Float(pub f64);

impl PartialEq for Float {
    fn eq(&self, other: &Float) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

/// Events the host answers from the world (see design.md, "Host API").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The request itself: a `listen` callback receives the invocation's input.
    Listen,
    /// `get(url)`: the world's `get` entry for the URL.
    Get,
    /// `post({url, body})` / `post(url, body)`: the world's `post` entry for the URL.
    Post,
    /// `respond(v)`: the first response of an invocation is its result.
    Respond,
    /// `console.log` / `print`: appends a line to the log.
    Log,
}

impl EventKind {
    pub const ALL: [EventKind; 5] = [
        EventKind::Listen,
        EventKind::Get,
        EventKind::Post,
        EventKind::Respond,
        EventKind::Log,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventKind::Listen => "listen",
            EventKind::Get => "get",
            EventKind::Post => "post",
            EventKind::Respond => "respond",
            EventKind::Log => "log",
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|e| e.name() == name)
    }

    /// Events that may be registered with a callback (answered after the current turn).
    pub fn is_asynchronous(self) -> bool {
        matches!(self, EventKind::Listen | EventKind::Get | EventKind::Post)
    }
}

/// The target of an assignment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LValue {
    Var { name: Name },
    Field { object: Box<Expr>, field: Name },
    Index { object: Box<Expr>, index: Box<Expr> },
}

/// A field of an object literal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: Name,
    pub value: Expr,
}

/// One callee a guard knows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuardCase {
    pub func: Name,
    pub body: CaseBody,
}

/// What a guard does for a callee it knows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case", deny_unknown_fields)]
pub enum CaseBody {
    /// Call the (trace-level) function itself: recursion.
    Call,
    /// Run the inlined body with `clos` bound to the callee and `params` to the arguments;
    /// like a function body it sees only those names (captures come through `alias`).
    Inline {
        clos: Name,
        params: Vec<Name>,
        body: Vec<Expr>,
    },
}

/// The handler of a `try`: binds the thrown value to `name` while `body` runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catch {
    pub name: Name,
    pub body: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ExprKind {
    // ----- literals
    Undefined,
    Null,
    Bool {
        value: bool,
    },
    Int {
        #[serde(with = "crate::json::bigint")]
        value: BigInt,
    },
    Float {
        #[serde(with = "crate::json::float")]
        value: Float,
    },
    Str {
        value: String,
    },

    // ----- variables and control
    Var {
        name: Name,
    },
    /// Binds `name` to a fresh cell holding the value, for the rest of the enclosing block.
    Let {
        name: Name,
        value: Box<Expr>,
    },
    Set {
        target: LValue,
        value: Box<Expr>,
    },
    Block {
        body: Vec<Expr>,
    },
    /// The condition must be a boolean: frontends insert their language's truthiness.
    If {
        cond: Box<Expr>,
        then: Vec<Expr>,
        #[serde(rename = "else")]
        otherwise: Vec<Expr>,
    },
    While {
        cond: Box<Expr>,
        body: Vec<Expr>,
    },
    Label {
        name: Name,
        body: Vec<Expr>,
    },
    Break {
        label: Name,
        value: Box<Expr>,
    },

    // ----- data
    Object {
        fields: Vec<Field>,
    },
    Array {
        items: Vec<Expr>,
    },
    Get {
        object: Box<Expr>,
        field: Name,
    },
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    Prim {
        op: PrimOp,
        args: Vec<Expr>,
    },

    // ----- functions (calls: core, and trace-level functions in traces)
    /// A closure of the named function, capturing the current cells of its `captures`.
    Closure {
        func: Name,
    },
    Call {
        callee: Box<Expr>,
        args: Vec<Expr>,
    },

    // ----- errors
    Throw {
        value: Box<Expr>,
    },
    Try {
        body: Vec<Expr>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        catch: Option<Catch>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        finally: Option<Vec<Expr>>,
    },

    // ----- the host
    /// A synchronous event: answered at once (`get`/`post` give the world's entry).
    Event {
        event: EventKind,
        arg: Box<Expr>,
    },
    /// Registers `callback` (a closure of one parameter) for an asynchronous event; it runs
    /// with the answer after the current turn, in registration order.
    Register {
        event: EventKind,
        arg: Box<Expr>,
        callback: Box<Expr>,
    },

    // ----- trace only
    /// A path no traced run has taken.
    Unknown,
    /// A call site of the traced program with the bodies tracing saw it enter: evaluates
    /// `callee` and `args` as a call does; if the callee is a closure of a function that has a
    /// case, the case runs (an inlined body, or a real call of a trace-level function), with
    /// the same fuel, depth and arity checks as a call; a closure of any other function gives
    /// `unknown` (the guard on the callee's identity).
    Guard {
        callee: Box<Expr>,
        args: Vec<Expr>,
        cases: Vec<GuardCase>,
    },
    /// Binds `name` to the cell that the closure `closure` captured as `capture`
    /// (how an inlined body reaches its closure's variables).
    Alias {
        name: Name,
        closure: Box<Expr>,
        capture: Name,
    },
    /// A registered callback with its traced body: when the event fires, `clos` is bound
    /// to the callback closure and `param` to the answer, and `body` runs.
    Callback {
        event: EventKind,
        arg: Box<Expr>,
        callback: Box<Expr>,
        clos: Name,
        param: Name,
        body: Vec<Expr>,
    },
    /// A type guard: the value of `value` when it has the type `ty` (the only type the
    /// traced runs saw there), else `unknown`, exactly like an untaken branch. Tracing puts
    /// it on the values written to variables and passed as arguments, so that generated code
    /// may keep those variables unboxed.
    Typed {
        ty: Ty,
        value: Box<Expr>,
    },
}

/// The types a type guard checks: each is one representation of a value, so that generated
/// code can hold it unboxed (`f64`, `i64`, `bool`, a string).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ty {
    Bool,
    /// A Python `int` in the range of `i64`.
    Int,
    /// A JavaScript number or a Python `float`.
    Float,
    Str,
}

impl Ty {
    pub const ALL: [Ty; 4] = [Ty::Bool, Ty::Int, Ty::Float, Ty::Str];

    pub fn name(self) -> &'static str {
        match self {
            Ty::Bool => "bool",
            Ty::Int => "int",
            Ty::Float => "float",
            Ty::Str => "str",
        }
    }

    pub fn from_name(name: &str) -> Option<Ty> {
        Ty::ALL.into_iter().find(|t| t.name() == name)
    }
}

impl ExprKind {
    /// The `kind` tag, as in the JSON and in diagnostics.
    pub fn tag(&self) -> &'static str {
        match self {
            ExprKind::Undefined => "undefined",
            ExprKind::Null => "null",
            ExprKind::Bool { .. } => "bool",
            ExprKind::Int { .. } => "int",
            ExprKind::Float { .. } => "float",
            ExprKind::Str { .. } => "str",
            ExprKind::Var { .. } => "var",
            ExprKind::Let { .. } => "let",
            ExprKind::Set { .. } => "set",
            ExprKind::Block { .. } => "block",
            ExprKind::If { .. } => "if",
            ExprKind::While { .. } => "while",
            ExprKind::Label { .. } => "label",
            ExprKind::Break { .. } => "break",
            ExprKind::Object { .. } => "object",
            ExprKind::Array { .. } => "array",
            ExprKind::Get { .. } => "get",
            ExprKind::Index { .. } => "index",
            ExprKind::Prim { .. } => "prim",
            ExprKind::Closure { .. } => "closure",
            ExprKind::Call { .. } => "call",
            ExprKind::Throw { .. } => "throw",
            ExprKind::Try { .. } => "try",
            ExprKind::Event { .. } => "event",
            ExprKind::Register { .. } => "register",
            ExprKind::Unknown => "unknown",
            ExprKind::Guard { .. } => "guard",
            ExprKind::Alias { .. } => "alias",
            ExprKind::Callback { .. } => "callback",
            ExprKind::Typed { .. } => "typed",
        }
    }

    /// Forms that only trace trees may contain.
    pub fn is_trace_only(&self) -> bool {
        matches!(
            self,
            ExprKind::Unknown
                | ExprKind::Guard { .. }
                | ExprKind::Alias { .. }
                | ExprKind::Callback { .. }
                | ExprKind::Typed { .. }
        )
    }

    /// Forms that only core programs may contain.
    pub fn is_core_only(&self) -> bool {
        matches!(self, ExprKind::Register { .. })
    }
}

/// Every `kind` tag, for tests and documentation that must cover each node.
pub const EXPR_TAGS: [&str; 30] = [
    "undefined",
    "null",
    "bool",
    "int",
    "float",
    "str",
    "var",
    "let",
    "set",
    "block",
    "if",
    "while",
    "label",
    "break",
    "object",
    "array",
    "get",
    "index",
    "prim",
    "closure",
    "call",
    "throw",
    "try",
    "event",
    "register",
    "unknown",
    "guard",
    "alias",
    "callback",
    "typed",
];

impl Program {
    pub fn function(&self, name: &str) -> Option<&FunDef> {
        self.functions.iter().find(|f| f.name == name)
    }
}
