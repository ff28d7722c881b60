use crate::ast::Stmt;
use tracelab_ir::{Diagnostic, Program};
pub fn lower(_src: &str, _stmts: &[Stmt]) -> Result<Program, Vec<Diagnostic>> { todo!() }
