pub fn lower_module(_m: &[crate::ast::Stmt]) -> Result<tracelab_ir::Program, Vec<tracelab_ir::Diagnostic>> { todo!() }
