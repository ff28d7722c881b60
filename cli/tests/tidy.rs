//! Tidiness of the documentation: every file or folder a README or ARCHITECTURE.md names in
//! backquotes or links to exists, so that a newcomer following them never meets a stale path.
//!
//! A backquoted word is taken for a path when it has a `/` and either its first part is an
//! entry of the repository's top folder, or it ends with `/` or a file extension (so method
//! lists such as `padStart/padEnd` are not paths). It is resolved against the repository's
//! top folder, the document's folder, or (for the short forms ARCHITECTURE.md uses inside a
//! crate's paragraph) a crate's `src/` folder. `{a,b}` alternatives and `*` wildcards are
//! expanded. Paths that commands write (`target/`, `paper/generated/`) are not checked.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is inside the workspace")
        .to_path_buf()
}

/// The documents: README.md and ARCHITECTURE.md at the top, and every README.md below it
/// (outside `target/` and hidden folders).
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut docs = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') || name == "target" || name == "node_modules" {
                continue;
            }
            if path.is_dir() {
                todo.push(path);
            } else if name == "README.md" && dir != root {
                docs.push(path);
            }
        }
    }
    docs.sort();
    docs
}

/// Backquoted words and link targets of a Markdown text.
fn mentions(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 && !part.contains(char::is_whitespace) {
            out.push(part.to_string());
        }
    }
    for piece in text.split("](").skip(1) {
        if let Some(end) = piece.find(')') {
            let target = &piece[..end];
            if !target.contains("://") && !target.starts_with('#') {
                out.push(target.split('#').next().unwrap_or("").to_string());
            }
        }
    }
    out
}

/// `a/{b,c}.rs` → `a/b.rs`, `a/c.rs`.
fn expand_braces(word: &str) -> Vec<String> {
    match (word.find('{'), word.find('}')) {
        (Some(open), Some(close)) if open < close => word[open + 1..close]
            .split(',')
            .flat_map(|alt| expand_braces(&format!("{}{alt}{}", &word[..open], &word[close + 1..])))
            .collect(),
        _ => vec![word.to_string()],
    }
}

/// `bench/<name>/main.py` → `bench/*/main.py`.
fn placeholders(word: &str) -> String {
    let mut out = String::new();
    let mut rest = word;
    while let Some(open) = rest.find('<') {
        match rest[open..].find('>') {
            Some(close) => {
                out += &rest[..open];
                out.push('*');
                rest = &rest[open + close + 1..];
            }
            None => break,
        }
    }
    out + rest
}

/// Whether `pattern` (one path, `*` matching within a part) names something under `base`.
fn exists(base: &Path, pattern: &str) -> bool {
    let mut candidates = vec![base.to_path_buf()];
    for part in pattern.trim_end_matches('/').split('/') {
        let mut next = Vec::new();
        for dir in &candidates {
            if part.contains('*') {
                let Ok(entries) = std::fs::read_dir(dir) else {
                    continue;
                };
                for entry in entries.flatten() {
                    if glob_match(part, &entry.file_name().to_string_lossy()) {
                        next.push(entry.path());
                    }
                }
            } else if dir.join(part).exists() {
                next.push(dir.join(part));
            }
        }
        candidates = next;
    }
    !candidates.is_empty()
}

fn glob_match(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((head, tail)) => {
            name.len() >= head.len() + tail.len() && name.starts_with(head) && name.ends_with(tail)
        }
    }
}

fn looks_like_path(word: &str, top: &[String]) -> bool {
    if !word.contains('/') || word.starts_with('-') || word.contains("://") {
        return false;
    }
    let first = word.split('/').next().unwrap_or("");
    let last = word.rsplit('/').next().unwrap_or("");
    top.iter().any(|t| t == first)
        || word.ends_with('/')
        || last
            .rsplit_once('.')
            .is_some_and(|(stem, ext)| !stem.is_empty() && !ext.is_empty() && ext.len() <= 8)
}

#[test]
fn every_path_the_documentation_names_exists() {
    let root = root();
    let top: Vec<String> = std::fs::read_dir(&root)
        .expect("the repository's folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n != "target")
        .collect();
    // Crate folders and their sources, for ARCHITECTURE.md's short forms (`machine/…` in the
    // paragraph of `semantics`).
    let crate_srcs: Vec<PathBuf> = {
        let mut dirs = Vec::new();
        let mut todo = vec![root.clone()];
        while let Some(dir) = todo.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                if path.is_dir() && !name.starts_with('.') && name != "target" {
                    if path.join("Cargo.toml").exists() {
                        dirs.push(path.join("src"));
                        dirs.push(path.clone());
                    }
                    todo.push(path);
                }
            }
        }
        dirs
    };
    let mut stale = Vec::new();
    for doc in documents(&root) {
        let text = std::fs::read_to_string(&doc).expect("a readable document");
        let dir = doc.parent().expect("a document is in a folder");
        for word in mentions(&text) {
            let word = word.trim_start_matches("./").to_string();
            if !looks_like_path(&word, &top)
                || word.starts_with("target/")
                || word.starts_with("paper/generated")
            {
                continue;
            }
            // `<name>` stands for any one name.
            let word = placeholders(&word);
            for path in expand_braces(&word) {
                let found = exists(&root, &path)
                    || exists(dir, &path)
                    || crate_srcs.iter().any(|src| exists(src, &path));
                if !found {
                    stale.push(format!(
                        "{}: `{path}`",
                        doc.strip_prefix(&root).unwrap_or(&doc).display()
                    ));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "the documentation names paths that do not exist:\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_path_finder_tells_paths_from_method_lists() {
    let top = vec!["examples".to_string(), "cli".to_string()];
    assert!(looks_like_path("examples/trace/trace_guard", &top));
    assert!(looks_like_path("src/lexer.rs", &top));
    assert!(looks_like_path("prim/", &top));
    assert!(!looks_like_path("padStart/padEnd", &top));
    assert!(!looks_like_path("Object.keys/values", &top));
    assert!(!looks_like_path("try/catch/finally", &top));
    assert_eq!(
        expand_braces("regressions/{py,js}.txt"),
        ["regressions/py.txt", "regressions/js.txt"]
    );
    assert!(!exists(&root(), "cli/no/such/file.rs"));
    assert!(exists(&root(), "oracle/harness.*"));
    assert_eq!(placeholders("bench/<name>/main.py"), "bench/*/main.py");
}
