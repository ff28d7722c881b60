//! `tracelab-js`: the JavaScript subset frontend. A logos lexer ([`lexer`]), a LALRPOP
//! grammar driven with automatic semicolon insertion ([`parse`]), an AST with spans
//! ([`ast`]), and the lowering to core IR ([`lower`]), which adds the parts of the
//! JavaScript prelude (`src/prelude.js`: library functions that call closures, written in
//! the subset) that the program uses.
//!
//! The program is a sloppy-mode script, as the oracle runs it: module code, then
//! `main(input)` when a global `main` is a function; `require('containerless')` gives the
//! host API (`listen`, `get`, `post`, `respond`), whose calls lower to core events.
//!
//! Known differences from Node 20 (everything else in the subset is meant to agree):
//! - strings are Unicode scalar values, so a lone surrogate (`"😀".slice(1)`) becomes U+FFFD;
//! - the callee named in "… is not a function" is rebuilt from the AST as V8's call
//!   printer does for names, members, indices and calls; V8 constant-folds some other
//!   expressions (`(1 + 2)()` is "3 is not a function", here "1 + 2 …");
//! - reading a method as a property (`[].push`, `o.toString`) gives `undefined`: methods
//!   exist only as calls;
//! - `console.log` of an error object prints `Name: message` (Node prints the stack);
//! - `sort` with a comparator on arrays of 64 elements or more calls the comparator in
//!   another order than V8's merges (same result for consistent comparators);
//! - `replace` with a function as the replacement raises a TypeError.

pub mod ast;
pub mod constructs;
pub mod lexer;
pub mod lower;
pub mod parse;

pub use constructs::{Constructs, CONSTRUCTS};
use tracelab_ir::{Diagnostic, Program};

/// Lowers a JavaScript source file to a core program.
pub fn lower_program(source: &str) -> Result<Program, Vec<Diagnostic>> {
    lower_program_with_constructs(source).map(|(p, _)| p)
}

/// Lowers a JavaScript source file to a core program, with the subset constructs it used
/// (names from [`CONSTRUCTS`]; the prelude's own code is not counted).
pub fn lower_program_with_constructs(
    source: &str,
) -> Result<(Program, Constructs), Vec<Diagnostic>> {
    let stmts = parse::parse(source).map_err(|d| vec![d])?;
    lower::lower_with_constructs(source, &stmts)
}
