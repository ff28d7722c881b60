//! Shared test helpers: plain-text rendering of diagnostics (no ariadne in tests).

use tracelab_ir::Diagnostic;

/// `kind: message` then `line:col-line:col` and the source line with carets under the span.
pub fn render(d: &Diagnostic, source: &str) -> String {
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    let line_start = source[..start.min(source.len())]
        .rfind('\n')
        .map(|i| i + 1)
        .unwrap_or(0);
    let line_end = source[line_start..]
        .find('\n')
        .map(|i| i + line_start)
        .unwrap_or(source.len());
    let line_no = source[..line_start].matches('\n').count() + 1;
    let col = source[line_start..start.min(source.len())].chars().count() + 1;
    let line = source[line_start..line_end].trim_end_matches('\r');
    let width = source[start.min(source.len())..end.min(line_end).max(start.min(source.len()))]
        .chars()
        .count()
        .max(1);
    let mut out = format!(
        "{:?}: {}\n  at {line_no}:{col} (bytes {start}..{end}), label: {}\n",
        d.kind, d.message, d.label
    );
    out.push_str(&format!(
        "  | {line}\n  | {}{}\n",
        " ".repeat(col - 1),
        "^".repeat(width)
    ));
    for n in &d.notes {
        out.push_str(&format!("  note: {n}\n"));
    }
    out
}
