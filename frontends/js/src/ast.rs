//! The JavaScript AST of the subset, with byte spans. The grammar builds it; the lowering
//! reads it. Cover forms (an expression parsed where an arrow's parameters or an assignment
//! target turn out to be) are checked when they are converted, with a span to point at.

use tracelab_ir::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclKind {
    Var,
    Let,
    Const,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Declarator {
    pub name: Ident,
    pub init: Option<Expr>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Decl(DeclKind, Vec<Declarator>),
    Function(Box<Function>),
    Expr(Expr),
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    While(Expr, Box<Stmt>),
    DoWhile(Box<Stmt>, Expr),
    For {
        init: Option<Box<Stmt>>,
        test: Option<Expr>,
        update: Option<Expr>,
        body: Box<Stmt>,
    },
    ForOf {
        decl: Option<DeclKind>,
        name: Ident,
        iter: Expr,
        body: Box<Stmt>,
    },
    Block(Vec<Stmt>),
    Return(Option<Expr>),
    Break(Option<Ident>),
    Continue(Option<Ident>),
    Throw(Expr),
    Try {
        body: Vec<Stmt>,
        catch: Option<(Option<Ident>, Vec<Stmt>)>,
        finally: Option<Vec<Stmt>>,
    },
    Labeled(Ident, Box<Stmt>),
    Empty,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Block(Vec<Stmt>),
    Expr(Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: Option<Ident>,
    pub params: Vec<Ident>,
    pub body: Body,
    pub arrow: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    StrictEq,
    StrictNe,
    LooseEq,
    LooseNe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogicOp {
    And,
    Or,
    Nullish,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Typeof,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PropKey {
    Named(String),
    Computed(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Prop {
    pub key: PropKey,
    pub value: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Num(f64),
    Str(String),
    /// Cooked string pieces (one more than the substitutions) and the substitutions.
    Template(Vec<String>, Vec<Expr>),
    Bool(bool),
    Null,
    Ident(String),
    Array(Vec<Expr>),
    Object(Vec<Prop>),
    Function(Box<Function>),
    Member(Box<Expr>, Ident),
    Index(Box<Expr>, Box<Expr>),
    Call(Box<Expr>, Vec<Expr>),
    New(Box<Expr>, Vec<Expr>),
    Unary(UnaryOp, Box<Expr>),
    /// `++x` / `x--`: increment (true for `++`), prefix, target.
    Update(bool, bool, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    Logical(LogicOp, Box<Expr>, Box<Expr>),
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `a = b` (no operator) or `a op= b`.
    Assign(Option<BinOp>, Box<Expr>, Box<Expr>),
    /// The comma operator, and the cover of an arrow's parameter list.
    Seq(Vec<Expr>),
    /// `(e)`: kept so that `(a, b) => …` and `(x) = 1` can be told apart.
    Paren(Box<Expr>),
}

impl Expr {
    pub fn new(kind: ExprKind, l: usize, r: usize) -> Expr {
        Expr {
            kind,
            span: Span::new(l, r),
        }
    }
}

impl Stmt {
    pub fn new(kind: StmtKind, l: usize, r: usize) -> Stmt {
        Stmt {
            kind,
            span: Span::new(l, r),
        }
    }
}

impl Ident {
    pub fn new(name: String, l: usize, r: usize) -> Ident {
        Ident {
            name,
            span: Span::new(l, r),
        }
    }
}
