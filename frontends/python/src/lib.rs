//! `tracelab-python`: the Python subset frontend (being built).

use tracelab_ir::{Diagnostic, DiagnosticKind, Program, Span};

/// Lowers a Python source file to a core program.
pub fn lower_program(source: &str) -> Result<Program, Vec<Diagnostic>> {
    Err(vec![Diagnostic::new(
        DiagnosticKind::Unsupported,
        "the Python frontend is not built yet",
        Span::new(0, source.len().min(1)),
        "this file",
    )])
}
