//! Reading what the user gives: programs (`.tl`, IR `.json`), inputs, worlds.

use crate::diagnostic::Diagnostic;
use std::ops::Range;
use std::path::Path;
use tracelab_ir::wf;
use tracelab_runtime::json::Json;
use tracelab_runtime::World;

/// Why a command could not do its job; all of these exit with status 2.
pub struct Failure {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Failure {
    pub fn plain(message: impl Into<String>) -> Failure {
        Failure::in_file(
            String::new(),
            String::new(),
            vec![Diagnostic::plain(message)],
        )
    }

    /// Diagnostics whose spans are byte offsets into `source`, the text of the file `path`.
    pub fn in_file(path: String, source: String, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure {
            path,
            source,
            diagnostics,
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

/// Reads a JSON value given on the command line (`--input`).
pub fn json_value(text: &str, what: &str) -> Result<Json, Failure> {
    Json::parse(text).map_err(|e| Failure::plain(format!("{what} is not valid JSON: {e}")))
}

/// A diagnostic at a byte range of a file.
fn at(path: &Path, text: &str, message: String, span: Range<usize>, label: &str) -> Failure {
    Failure::in_file(
        path.display().to_string(),
        text.to_string(),
        vec![Diagnostic {
            message,
            span: Some((span, label.to_string())),
            note: None,
        }],
    )
}

pub fn world(path: Option<&Path>) -> Result<World, Failure> {
    let Some(path) = path else {
        return Ok(World::default());
    };
    let text = read_text(path)?;
    World::from_json(&text).map_err(|e| {
        let message = format!("`{}` is not a world file: {}", path.display(), e.message);
        match e.offset {
            Some(offset) => at(path, &text, message, offset..offset, "here"),
            None => Failure::in_file(
                path.display().to_string(),
                text.clone(),
                vec![Diagnostic::plain(message)],
            ),
        }
    })
}

/// The non-blank lines of a JSON Lines text: 1-based line number, byte range, text.
fn json_lines(text: &str) -> impl Iterator<Item = (usize, Range<usize>, &str)> {
    let mut start = 0;
    text.split_inclusive('\n')
        .enumerate()
        .map(move |(i, raw)| {
            let line = raw.trim_end_matches(['\n', '\r']);
            let range = start..start + line.len();
            start += raw.len();
            (i + 1, range, line)
        })
        .filter(|(_, _, line)| !line.trim().is_empty())
}

/// Reads JSON Lines, one value per non-blank line; a line that is not JSON is a diagnostic
/// at the place in the file where it goes wrong.
fn json_values(path: &Path, text: &str) -> Result<Vec<(usize, Range<usize>, Json)>, Failure> {
    json_lines(text)
        .map(|(n, range, line)| match Json::parse(line) {
            Ok(value) => Ok((n, range, value)),
            Err(e) => {
                let offset = range.start + e.offset.unwrap_or(0);
                Err(at(
                    path,
                    text,
                    format!(
                        "line {n} of `{}` is not valid JSON: {}",
                        path.display(),
                        e.message
                    ),
                    offset..offset,
                    "here",
                ))
            }
        })
        .collect()
}

/// Reads inputs: JSON Lines, blank lines skipped.
pub fn inputs(path: &Path) -> Result<Vec<Json>, Failure> {
    let text = read_text(path)?;
    Ok(json_values(path, &text)?
        .into_iter()
        .map(|(_, _, value)| value)
        .collect())
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
