//! Committed regression cases: `difftest/regressions/{py,js}.txt`, one failing case per
//! line ([`Case::to_line`], then an optional `# comment`), `#` lines are comments. The
//! differential suites check every case of their file before any random one, and append
//! the shrunk case of a new failure to it, so that committing the file keeps the case.

use crate::case::Case;
use crate::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The committed regression file of a language.
pub fn file(lang: Lang) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("regressions")
        .join(format!("{}.txt", lang.name()))
}

/// The cases of a regression file, each with its line number; a missing file has none.
pub fn load(path: &Path) -> Result<Vec<(usize, Case)>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    let mut cases = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let data = line.split('#').next().unwrap_or("").trim();
        if data.is_empty() {
            continue;
        }
        let case =
            Case::from_line(data).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))?;
        cases.push((i + 1, case));
    }
    Ok(cases)
}

/// Appends a failing case, with a comment (its first line is kept).
pub fn append(path: &Path, case: &Case, comment: &str) -> Result<(), String> {
    let comment = comment.lines().next().unwrap_or("").trim();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    writeln!(f, "{} # {comment}", case.to_line())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
