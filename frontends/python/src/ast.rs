//! The Python subset's abstract syntax, with byte spans.
//!
//! Constructs outside the subset still parse (so that the user gets a diagnostic naming
//! them, not a syntax error): they become [`Stmt::Unsupported`] / [`Expr::Unsupported`].

use tracelab_ir::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Handler {
    /// The classes caught (`None`: a bare `except`).
    pub classes: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `t1 = t2 = … = value`.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    Def {
        name: String,
        params: Vec<Param>,
        body: Vec<Stmt>,
    },
    Return(Option<Expr>),
    If {
        cond: Expr,
        then: Vec<Stmt>,
        otherwise: Vec<Stmt>,
    },
    While {
        cond: Expr,
        body: Vec<Stmt>,
        otherwise: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        otherwise: Vec<Stmt>,
    },
    Break,
    Continue,
    Pass,
    Del(Vec<Expr>),
    Raise(Option<Expr>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<Handler>,
        otherwise: Vec<Stmt>,
        finally: Option<Vec<Stmt>>,
    },
    Assert {
        test: Expr,
        message: Option<Expr>,
    },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    /// `import a, b` (only `containerless` is in the subset).
    Import(Vec<(String, Span)>),
    /// A construct outside the subset: its name (`class`, `with`…).
    Unsupported(&'static str),
    /// A statement the parser could not read (its error is recorded separately).
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Positional(Expr),
    Keyword(String, Expr),
    /// `*a` / `**k`: outside the subset.
    Star(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub conds: Vec<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Name(String),
    Int(String),
    Float(String),
    /// Adjacent string literals, raw (prefix and quotes included), each with its start offset.
    Str(Vec<(String, usize)>),
    True,
    False,
    None,
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    Dict(Vec<(Expr, Expr)>),
    ListComp(Box<Expr>, Vec<Comprehension>),
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// A generator expression (lowered as a list comprehension when it is a call's only argument).
    GenExp(Box<Expr>, Vec<Comprehension>),
    Lambda(Vec<Param>, Box<Expr>),
    IfExp {
        cond: Box<Expr>,
        then: Box<Expr>,
        otherwise: Box<Expr>,
    },
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    Call(Box<Expr>, Vec<Arg>),
    Attribute(Box<Expr>, String),
    Subscript(Box<Expr>, Box<Expr>),
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Unsupported(&'static str),
}

impl Expr {
    pub fn new(kind: ExprKind, l: usize, r: usize) -> Expr {
        Expr {
            kind,
            span: Span::new(l, r),
        }
    }

    /// Whether evaluating the expression can run user code or an event (a call).
    pub fn has_call(&self) -> bool {
        use ExprKind as E;
        match &self.kind {
            E::Call(..) | E::ListComp(..) | E::DictComp(..) | E::GenExp(..) => true,
            E::Str(parts) => parts
                .iter()
                .any(|(p, _)| p.chars().take(2).any(|c| c == 'f' || c == 'F')),
            E::Name(_) | E::Int(_) | E::Float(_) | E::True | E::False | E::None => false,
            E::Lambda(..) | E::Unsupported(_) => false,
            E::List(xs) | E::Tuple(xs) => xs.iter().any(Expr::has_call),
            E::Dict(kvs) => kvs.iter().any(|(k, v)| k.has_call() || v.has_call()),
            E::IfExp {
                cond,
                then,
                otherwise,
            } => cond.has_call() || then.has_call() || otherwise.has_call(),
            E::And(a, b) | E::Or(a, b) | E::Binary(_, a, b) | E::Subscript(a, b) => {
                a.has_call() || b.has_call()
            }
            E::Unary(_, a) | E::Attribute(a, _) => a.has_call(),
            E::Compare(a, rest) => a.has_call() || rest.iter().any(|(_, e)| e.has_call()),
            E::Slice(a, b, c) => [a, b, c]
                .iter()
                .any(|x| x.as_ref().is_some_and(|e| e.has_call())),
        }
    }
}
