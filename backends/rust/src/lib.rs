//! `tracelab-backend-rust`: trace trees to safe Rust.
//!
//! [`module`] turns one well-formed trace into one Rust module over `tracelab-runtime`
//! (see [`gen`] for the scheme); [`krate`] puts modules into a crate with a library entry
//! point per trace and a binary that reads JSON Lines inputs and writes result records.
//! [`build`] writes, builds and runs such crates (the only I/O of the backend).
//! Only [`Checked`] traces get here, so ill-formed input was rejected with a diagnostic
//! before; code generation itself has no failure mode. Pure: the CLI writes the files and
//! runs cargo. Output is deterministic: the same trace gives byte-identical code.

pub mod build;
mod fast;
mod gen;
pub mod krate;
mod module;
mod scalar;
mod writer;

use tracelab_ir::wf::Checked;
use tracelab_ir::Span;

/// Where generated statements came from: the source file's name and text, for the
/// `// main.py:12` comments.
pub struct SourceMap {
    pub file: String,
    line_starts: Vec<usize>,
    len: usize,
}

impl SourceMap {
    /// `text` is the source the spans point into; without it, statements get no comments.
    pub fn new(file: &str, text: Option<&str>) -> SourceMap {
        let text = text.unwrap_or("");
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceMap {
            file: file.to_string(),
            line_starts,
            len: text.len(),
        }
    }

    fn line_comment(&self, span: Span) -> Option<String> {
        let start = span.start as usize;
        if self.len == 0 || start >= self.len {
            return None;
        }
        let line = self.line_starts.partition_point(|&s| s <= start);
        Some(format!("{}:{line}", self.file))
    }
}

/// How to generate code.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Unboxed fast paths for arithmetic and comparisons on numbers (see `fast::Fast`).
    pub specialise: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { specialise: true }
    }
}

/// The Rust module of a trace.
pub fn module(trace: &Checked, source: &SourceMap) -> String {
    module::module(trace, source, Options::default())
}

/// The Rust module of a trace, with explicit options (e.g. without fast paths, to measure them).
pub fn module_with(trace: &Checked, source: &SourceMap, options: Options) -> String {
    module::module(trace, source, options)
}
