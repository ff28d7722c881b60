//! Diagnostics every frontend returns: errors as data with a span, rendered once at the
//! edge (the CLI, with ariadne). The kinds keep apart what a user must keep apart.

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiagnosticKind {
    /// Not valid Python / JavaScript / `.tl` at all.
    Syntax,
    /// Valid in the language, but outside the tracelab subset: the message names the
    /// construct ("`class` is outside the tracelab JavaScript subset").
    Unsupported,
    /// Valid syntax that the language itself rejects before running (e.g. a duplicate
    /// `let`, `break` outside a loop, `return` outside a function).
    Invalid,
}

impl DiagnosticKind {
    pub fn title(self) -> &'static str {
        match self {
            DiagnosticKind::Syntax => "syntax error",
            DiagnosticKind::Unsupported => "outside the tracelab subset",
            DiagnosticKind::Invalid => "invalid program",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: DiagnosticKind,
    pub message: String,
    /// Byte offsets into the source file.
    pub span: Span,
    /// The text under the span ("here", "`class` starts here").
    pub label: String,
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn new(
        kind: DiagnosticKind,
        message: impl Into<String>,
        span: Span,
        label: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            kind,
            message: message.into(),
            span,
            label: label.into(),
            notes: Vec::new(),
        }
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }
}

impl From<crate::text::SyntaxError> for Diagnostic {
    fn from(e: crate::text::SyntaxError) -> Diagnostic {
        let d = Diagnostic::new(DiagnosticKind::Syntax, e.message, e.span, "here");
        if e.expected.is_empty() {
            d
        } else {
            d.with_note(format!("expected one of: {}", e.expected.join(" ")))
        }
    }
}
