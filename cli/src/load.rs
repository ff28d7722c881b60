//! Reading what the user gives: programs (`.tl`, IR `.json`), inputs, worlds.

use crate::diagnostic::Diagnostic;
use std::path::Path;
use tracelab_ir::wf;
use tracelab_runtime::World;

/// Why a command could not do its job; all of these exit with status 2.
pub struct Failure {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn plain(message: impl Into<String>) -> Failure {
        Failure {
            path: String::new(),
            source: String::new(),
            diagnostics: vec![Diagnostic::plain(message)],
        }
    }

    pub fn render(&self, color: bool) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.path, &self.source, color))
            .collect()
    }
}

pub fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path)
        .map_err(|e| Failure::plain(format!("cannot read `{}`: {e}", path.display())))
}

/// A program with its text, checked for well-formedness.
pub struct Loaded {
    pub program: wf::Checked,
    pub path: String,
    /// The file's text, which the program's spans point into.
    pub source: String,
}

pub fn program(path: &Path) -> Result<Loaded, Failure> {
    let source = read_text(path)?;
    let shown = path.display().to_string();
    let fail = |diagnostics| Failure {
        path: shown.clone(),
        source: source.clone(),
        diagnostics,
    };
    let program = match path.extension().and_then(|e| e.to_str()) {
        Some("tl") => tracelab_ir::parse_program(&source).map_err(|errors| {
            fail(
                errors
                    .into_iter()
                    .map(|e| tracelab_ir::Diagnostic::from(e).into())
                    .collect(),
            )
        })?,
        // Spans are places in the `.json` file itself, so diagnostics point into it.
        Some("json") => tracelab_ir::json::program_from_json_file(&source).map_err(|e| {
            let span = match e.span {
                Some(node) => (node, format!("`{}`", e.path)),
                None => {
                    let at = offset_of(&source, e.line, e.column);
                    (at..at, "here".to_string())
                }
            };
            fail(vec![Diagnostic {
                message: format!("ill-formed IR JSON at `{}`: {}", e.path, e.message),
                span: Some(span),
                note: None,
            }])
        })?,
        Some("js") => tracelab_js::lower_program(&source)
            .map_err(|errors| fail(errors.into_iter().map(Diagnostic::from).collect()))?,
        Some("py") => tracelab_python::lower_program(&source)
            .map_err(|errors| fail(errors.into_iter().map(Diagnostic::from).collect()))?,
        _ => {
            return Err(Failure::plain(format!(
                "`{shown}`: expected a `.tl`, `.json`, `.py` or `.js` file"
            )))
        }
    };
    match wf::Checked::new(program) {
        Ok(program) => Ok(Loaded {
            program,
            path: shown,
            source,
        }),
        Err(errors) => Err(fail(
            errors
                .into_iter()
                .map(|e| Diagnostic {
                    message: format!("ill-formed program: {}", e.message),
                    span: e.span.map(|s| (s.range(), format!("in {}", e.context))),
                    note: None,
                })
                .collect(),
        )),
    }
}

pub fn json_value(text: &str, what: &str) -> Result<serde_json::Value, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::plain(format!("{what} is not valid JSON: {e}")))
}

pub fn world(path: Option<&Path>) -> Result<World, Failure> {
    match path {
        None => Ok(World::default()),
        Some(p) => {
            let text = read_text(p)?;
            World::from_json(&text)
                .map_err(|e| Failure::plain(format!("`{}` is not a world file: {e}", p.display())))
        }
    }
}

/// Reads JSON Lines; blank lines are skipped.
pub fn inputs(path: &Path) -> Result<Vec<serde_json::Value>, Failure> {
    let text = read_text(path)?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| json_value(l, &format!("line {} of `{}`", i + 1, path.display())))
        .collect()
}

/// The byte offset of a 1-based line and column as serde_json reports them (the column
/// counts bytes; clamped to the text).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}
