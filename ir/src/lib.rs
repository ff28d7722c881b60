//! `tracelab-ir`: the syntax of tracelab's core and trace language.
//!
//! Syntax only: the AST ([`ast`]), primitive names ([`prim`]), the JSON form ([`json`]),
//! the `.tl` text form ([`text`]: lexer, grammar, printer) and the well-formedness checker
//! ([`wf`]). It depends on no other tracelab crate; every other crate depends on it.

pub mod ast;
pub mod diagnostic;
pub mod forms;
pub mod json;
pub mod prim;
pub mod span;
pub mod text;
pub mod visit;
pub mod wf;

pub use ast::*;
pub use diagnostic::{Diagnostic, DiagnosticKind};
pub use prim::{Arity, PrimOp};
pub use span::Span;
pub use text::{parse_program, print_program, SyntaxError};
pub use visit::strip_spans;
