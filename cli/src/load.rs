//! Reading what the user gives: programs (`.tl`, IR `.json`), inputs, worlds.

use crate::diagnostic::Diagnostic;
use std::ops::Range;
use std::path::Path;
use tracelab_ir::wf;
use tracelab_runtime::json::{Json, JsonError};
use tracelab_runtime::World;

/// Why a command could not do its job; all of these exit with status 2, except a closed
/// standard output (see [`crate::output`]).
pub struct Failure {
    pub path: String,
    pub source: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The reader of standard output went away (`tracelab rules | head -1`): the command
    /// stops without a message and exits 0, as Unix tools do.
    pub closed_pipe: bool,
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
            closed_pipe: false,
        }
    }

    pub fn closed_pipe() -> Failure {
        Failure {
            closed_pipe: true,
            ..Failure::in_file(String::new(), String::new(), Vec::new())
        }
    }

    pub fn render(&self, color: bool) -> String {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.path, &self.source, color))
            .collect()
    }
}

/// Reads a text file; bytes that are not UTF-8 are a diagnostic pointing at the first bad
/// byte (its byte offset, line and column in the file).
pub fn read_text(path: &Path) -> Result<String, Failure> {
    // A FIFO would block the read until a writer comes, a device may never end: only regular
    // files are read (the type is checked before opening, so nothing blocks).
    let metadata = std::fs::metadata(path)
        .map_err(|e| Failure::plain(format!("cannot read `{}`: {e}", path.display())))?;
    if !metadata.is_file() {
        return Err(Failure::plain(format!(
            "cannot read `{}`: it is {}, not a regular file",
            path.display(),
            file_kind(&metadata.file_type())
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Failure::plain(format!("cannot read `{}`: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| not_utf8(path, e))
}

/// What a file that is not a regular file is, in words.
fn file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() {
            return "a character device";
        }
        if kind.is_block_device() {
            return "a block device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if kind.is_dir() {
        "a directory"
    } else {
        "a special file"
    }
}

fn not_utf8(path: &Path, error: std::string::FromUtf8Error) -> Failure {
    let at = error.utf8_error().valid_up_to();
    let bytes = error.as_bytes();
    // `error_len` is `None` when the file ends inside a sequence: every byte left is bad.
    let truncated = error.utf8_error().error_len().is_none();
    let end = error
        .utf8_error()
        .error_len()
        .map_or(bytes.len(), |n| at + n);
    let shown: Vec<String> = bytes
        .get(at..end)
        .unwrap_or_default()
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect();
    // The text up to the bad byte is the file's own, so the offset and column shown are the
    // file's; the rest is shown with replacement characters.
    let source = String::from_utf8_lossy(bytes).into_owned();
    let what = if truncated {
        "the file ends inside a UTF-8 sequence"
    } else {
        "invalid UTF-8"
    };
    Failure::in_file(
        path.display().to_string(),
        source,
        vec![Diagnostic {
            message: format!(
                "`{}` is not UTF-8 text: {what} at byte {at} ({})",
                path.display(),
                shown.join(" ")
            ),
            // Offsets into the lossy text: the bad bytes are one U+FFFD there.
            span: Some((at..at + '\u{FFFD}'.len_utf8(), "here".to_string())),
            note: None,
        }],
    )
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
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    program_text(path.display().to_string(), extension, source)
}

/// A program from its text: `extension` (`tl`, `json`, `py`, `js`) says how to read it, and
/// `shown` is the name diagnostics give the text.
pub fn program_text(shown: String, extension: &str, source: String) -> Result<Loaded, Failure> {
    let fail = |diagnostics| Failure::in_file(shown.clone(), source.clone(), diagnostics);
    let program = match extension {
        "tl" => tracelab_ir::parse_program(&source).map_err(|errors| {
            fail(
                errors
                    .into_iter()
                    .map(|e| tracelab_ir::Diagnostic::from(e).into())
                    .collect(),
            )
        })?,
        // Spans are places in the `.json` file itself, so diagnostics point into it.
        "json" => tracelab_ir::json::program_from_json_file(&source).map_err(|e| {
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
        "js" => tracelab_js::lower_program(&source)
            .map_err(|errors| fail(errors.into_iter().map(Diagnostic::from).collect()))?,
        "py" => tracelab_python::lower_program(&source)
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

/// Reads JSON Lines with `parse`, one value per non-blank line; a line that is not JSON is a
/// diagnostic at the place in the file where it goes wrong.
fn json_values(
    path: &Path,
    text: &str,
    parse: fn(&str) -> Result<Json, JsonError>,
) -> Result<Vec<(usize, Range<usize>, Json)>, Failure> {
    json_lines(text)
        .map(|(n, range, line)| match parse(line) {
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
    Ok(json_values(path, &text, Json::parse)?
        .into_iter()
        .map(|(_, _, value)| value)
        .collect())
}

/// Reads recorded result records (`expected.jsonl`): one JSON object per non-blank line (as
/// Python's `json.dumps` writes it: `NaN` and `Infinity` are numbers). A line that is not
/// one makes the file bad (exit 2), never a disagreement.
pub fn records(path: &Path) -> Result<Vec<String>, Failure> {
    let text = read_text(path)?;
    json_values(path, &text, Json::parse_with_non_finite)?
        .into_iter()
        .map(|(n, range, value)| match value {
            Json::Object(_) => Ok(text[range].to_string()),
            other => Err(at(
                path,
                &text,
                format!(
                    "line {n} of `{}` is not a result record: a record is a JSON object, not {}",
                    path.display(),
                    other.kind_name()
                ),
                range,
                "this line",
            )),
        })
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
