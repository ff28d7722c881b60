//! The subcommands.

pub mod bench;
pub mod compile;
pub mod demo;
pub mod diff;
pub mod run;
pub mod trace;

use crate::examples;
use crate::load::{self, Failure};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tracelab_ir::{Level, PrimOp};
use tracelab_semantics::rules;

pub fn check(file: &Path, print: bool) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let level = match loaded.program.level() {
        Level::Core => "core program",
        Level::Trace => "trace",
    };
    if print {
        print!("{}", tracelab_ir::print_program(loaded.program.program()));
    }
    println!(
        "{}{}: a well-formed {} ({} dialect)",
        if print { "// " } else { "" },
        loaded.path,
        level,
        loaded.program.program().dialect.name()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn rules(coverage: bool, roots: &[PathBuf], json: bool) -> Result<ExitCode, Failure> {
    let table = rules::table();
    if !coverage {
        for rule in &table {
            println!("{:<24} {}", rule.name, rule.prose);
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut counts: BTreeMap<&'static str, u64> = table.iter().map(|r| (r.name, 0)).collect();
    let mut runs = 0;
    for root in roots {
        for example in examples::discover(root) {
            let results = demo::run_example(&example, &mut |rule| {
                *counts.entry(rule.name).or_default() += 1
            })?;
            runs += results.len();
        }
    }
    let uncovered = counts.values().filter(|&&n| n == 0).count();
    if json {
        let ordered: Vec<serde_json::Value> = table
            .iter()
            .map(|r| serde_json::json!({"rule": r.name, "count": counts[r.name]}))
            .collect();
        println!(
            "{}",
            serde_json::json!({"runs": runs, "uncovered": uncovered, "rules": ordered})
        );
    } else {
        for rule in &table {
            let n = counts[rule.name];
            println!(
                "{:<24} {:>10}{}",
                rule.name,
                n,
                if n == 0 { "   NOT COVERED" } else { "" }
            );
        }
        println!(
            "{} rules, {} covered, {} runs",
            table.len(),
            table.len() - uncovered,
            runs
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn paper(output: &Path) -> Result<ExitCode, Failure> {
    std::fs::create_dir_all(output)
        .map_err(|e| Failure::plain(format!("cannot create `{}`: {e}", output.display())))?;
    let prims: Vec<&str> = PrimOp::ALL.iter().map(|op| op.name()).collect();
    let files = [
        ("grammar.tex", tracelab_ir::forms::to_latex(&prims)),
        ("rules.tex", rules::to_latex()),
        ("rules.md", rules::to_markdown()),
    ];
    for (name, text) in files {
        let path = output.join(name);
        std::fs::write(&path, text)
            .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))?;
        println!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
