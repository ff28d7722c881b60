//! `tracelab-js`: the JavaScript subset frontend. A logos lexer ([`lexer`]), a LALRPOP
//! grammar driven with automatic semicolon insertion ([`parse`]), an AST with spans
//! ([`ast`]), and the lowering to core IR ([`lower`]), which adds the parts of the
//! JavaScript prelude ([`prelude`]) that the program uses.

pub mod ast;
pub mod lexer;
pub mod lower;
pub mod parse;

use tracelab_ir::{Diagnostic, Program};

/// Lowers a JavaScript source file to a core program.
pub fn lower_program(source: &str) -> Result<Program, Vec<Diagnostic>> {
    let stmts = parse::parse(source).map_err(|d| vec![d])?;
    lower::lower(source, &stmts)
}
