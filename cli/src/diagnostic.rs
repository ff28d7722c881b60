//! Diagnostics: errors as data with spans, rendered once, here, with ariadne.

use ariadne::{Config, IndexType, Label, Report, ReportKind, Source};
use std::ops::Range;

/// A problem to show the user: a message, an optional labelled span, an optional note.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub message: String,
    pub span: Option<(Range<usize>, String)>,
    pub note: Option<String>,
}

impl From<tracelab_ir::Diagnostic> for Diagnostic {
    fn from(d: tracelab_ir::Diagnostic) -> Diagnostic {
        Diagnostic {
            message: format!("{}: {}", d.kind.title(), d.message),
            span: Some((d.span.range(), d.label)),
            note: (!d.notes.is_empty()).then(|| d.notes.join("\n")),
        }
    }
}

impl Diagnostic {
    pub fn plain(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            span: None,
            note: None,
        }
    }

    /// Renders against the file's text. Spans are byte offsets (as logos and lalrpop give
    /// them), so ariadne is told to count bytes.
    pub fn render(&self, path: &str, source: &str, color: bool) -> String {
        let Some((span, label)) = &self.span else {
            // A problem with no file (a bad flag, an empty folder) names no place.
            let mut out = format!("error: {}\n", self.message);
            if !path.is_empty() {
                out.push_str(&format!("  --> {path}\n"));
            }
            if let Some(note) = &self.note {
                out.push_str(&format!("  note: {note}\n"));
            }
            return out;
        };
        let span = clamp(span.clone(), source);
        let config = Config::default()
            .with_color(color)
            .with_index_type(IndexType::Byte);
        let mut report = Report::build(ReportKind::Error, (path, span.clone()))
            .with_config(config)
            .with_message(&self.message)
            .with_label(Label::new((path, span)).with_message(label));
        if let Some(note) = &self.note {
            report = report.with_note(note);
        }
        let mut out = Vec::new();
        report
            .finish()
            .write((path, Source::from(source)), &mut out)
            .expect("writing a report into a Vec cannot fail");
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// Keeps a span inside the source and on character boundaries.
fn clamp(span: Range<usize>, source: &str) -> Range<usize> {
    let fix = |mut i: usize| {
        i = i.min(source.len());
        while !source.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (fix(span.start), fix(span.end));
    start..end.max(start)
}
