//! `tracelab-python`: the Python subset frontend. Source text is lexed ([`lexer`]), parsed
//! ([`parse`], grammar in `grammar.lalrpop`) into an AST with spans ([`ast`]) and lowered
//! to core IR in A-Normal Form ([`lower`]). The library functions that take callables
//! (`sorted`, `min`/`max` with `key=`, `map`, `filter`) are written in Python in
//! `prelude.py` and lowered with every program, so tracing sees them.

pub mod ast;
pub mod constructs;
pub mod lexer;
pub mod lower;
pub mod parse;
pub mod strings;

pub use constructs::{Constructs, CONSTRUCTS};
pub use parse::{parse, parse_expr};
use tracelab_ir::{Diagnostic, Program};

/// Lowers a Python source file to a core program.
pub fn lower_program(source: &str) -> Result<Program, Vec<Diagnostic>> {
    lower_program_with_constructs(source).map(|(p, _)| p)
}

/// Lowers a Python source file to a core program, with the subset constructs it used
/// (names from [`CONSTRUCTS`]; the prelude's own code is not counted).
pub fn lower_program_with_constructs(
    source: &str,
) -> Result<(Program, Constructs), Vec<Diagnostic>> {
    let (module, mut diagnostics) = parse(source);
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    match lower::lower_module_with_constructs(&module) {
        Ok(p) => Ok(p),
        Err(mut d) => {
            diagnostics.append(&mut d);
            Err(diagnostics)
        }
    }
}
