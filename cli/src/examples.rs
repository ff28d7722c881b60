//! Bundled examples: a folder with a program (`main.tl`, IR `main.json`, `main.py` or
//! `main.js`), `inputs.jsonl`, an optional `world.json` and `expected.jsonl`: one result
//! record per input, recorded by `oracle/record` from the real CPython / Node running the
//! Python or JavaScript program itself, or the folder's `twin.py` / `twin.js` for a `.tl`.

use crate::load::Failure;
use std::path::{Path, PathBuf};

pub struct Example {
    pub name: String,
    pub dir: PathBuf,
    pub program: PathBuf,
    pub inputs: PathBuf,
    pub world: Option<PathBuf>,
    pub expected: Option<PathBuf>,
}

const PROGRAM_FILES: &[&str] = &["main.tl", "main.json", "main.py", "main.js"];

/// Every example folder below `root`, sorted by path. A folder that cannot be read, or that
/// holds no example, is a mistake of the command line (`--examples /nonexistent`), not an
/// empty result.
pub fn discover(root: &Path) -> Result<Vec<Example>, Failure> {
    if let Err(e) = std::fs::read_dir(root) {
        return Err(Failure::plain(format!(
            "cannot read the examples folder `{}`: {e}",
            root.display()
        )));
    }
    let mut found = Vec::new();
    walk(root, root, &mut found);
    found.sort_by(|a, b| a.dir.cmp(&b.dir));
    if found.is_empty() {
        return Err(Failure::plain(format!(
            "no examples under `{}` (folders with inputs.jsonl and main.tl, main.json, main.py \
             or main.js)",
            root.display()
        )));
    }
    Ok(found)
}

fn walk(root: &Path, dir: &Path, found: &mut Vec<Example>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    subdirs.sort();
    if let Some(program) = PROGRAM_FILES
        .iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
    {
        let inputs = dir.join("inputs.jsonl");
        if inputs.is_file() {
            let optional = |name: &str| Some(dir.join(name)).filter(|p| p.is_file());
            let name = dir.strip_prefix(root).unwrap_or(dir).display().to_string();
            found.push(Example {
                name: if name.is_empty() {
                    dir.display().to_string()
                } else {
                    name
                },
                dir: dir.to_path_buf(),
                program,
                inputs,
                world: optional("world.json"),
                expected: optional("expected.jsonl"),
            });
        }
    }
    for sub in subdirs {
        walk(root, &sub, found);
    }
}
