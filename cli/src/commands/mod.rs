//! The subcommands.

pub mod bench;
pub mod compile;
pub mod demo;
pub mod diff;
pub mod fuzz;
pub mod results;
pub mod rules;
pub mod run;
pub mod serve;
pub mod trace;

use crate::load::{self, Failure};
use crate::output::{out, outln};
use std::path::Path;
use std::process::ExitCode;
use tracelab_ir::{Level, PrimOp};
use tracelab_semantics::rules as rule_table;

pub fn check(file: &Path, print: bool) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let level = match loaded.program.level() {
        Level::Core => "core program",
        Level::Trace => "trace",
    };
    if print {
        out!("{}", tracelab_ir::print_program(loaded.program.program()))?;
    }
    outln!(
        "{}{}: a well-formed {} ({} dialect)",
        if print { "// " } else { "" },
        loaded.path,
        level,
        loaded.program.program().dialect.name()
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn paper(output: &Path, results: Option<&Path>) -> Result<ExitCode, Failure> {
    // Read the results first: a bad file writes nothing.
    let results = match results {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::plain(format!("cannot read `{}`: {e}", path.display())))?;
            let json: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Failure::plain(format!("`{}` is not JSON: {e}", path.display())))?;
            let table = results::to_latex(&json)
                .map_err(|e| Failure::plain(format!("`{}`: {e}", path.display())))?;
            Some(table)
        }
    };
    std::fs::create_dir_all(output)
        .map_err(|e| Failure::plain(format!("cannot create `{}`: {e}", output.display())))?;
    let prims: Vec<&str> = PrimOp::ALL.iter().map(|op| op.name()).collect();
    let mut files = vec![
        ("grammar.tex", tracelab_ir::forms::to_latex(&prims)),
        ("rules.tex", rule_table::to_latex()),
        ("rules.md", rule_table::to_markdown()),
    ];
    files.extend(results.map(|table| ("results.tex", table)));
    for (name, text) in files {
        let path = output.join(name);
        std::fs::write(&path, text)
            .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))?;
        outln!("wrote {}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}
