//! `run` and `step`.

use crate::load::{self, Failure};
use crate::output::{self, outln};
use crate::LimitArgs;
use std::path::Path;
use std::process::ExitCode;
use tracelab_ir::{Expr, Program};
use tracelab_runtime::value::Value;
use tracelab_runtime::Limits;
use tracelab_semantics::machine::Control;
use tracelab_semantics::{Machine, Step};

pub fn limits_for(program: &Program, args: LimitArgs) -> Limits {
    let mut limits = Limits::default_for(program.dialect);
    if let Some(fuel) = args.fuel {
        limits.fuel = fuel;
    }
    if let Some(memory) = args.memory {
        limits.memory_bytes = memory;
    }
    limits
}

pub fn run(
    file: &Path,
    input: &str,
    world: Option<&Path>,
    limits: LimitArgs,
) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let input = load::json_value(input, "--input")?;
    let world = load::world(world)?;
    let machine = Machine::new(
        &loaded.program,
        &world,
        limits_for(loaded.program.program(), limits),
    );
    outln!("{}", machine.run(&input).to_record())?;
    Ok(ExitCode::SUCCESS)
}

pub fn step(
    file: &Path,
    input: &str,
    world: Option<&Path>,
    json: bool,
    max_steps: Option<u64>,
    limits: LimitArgs,
) -> Result<ExitCode, Failure> {
    let loaded = load::program(file)?;
    let input = load::json_value(input, "--input")?;
    let world = load::world(world)?;
    let program = loaded.program.program();
    let machine = Machine::new(&loaded.program, &world, limits_for(program, limits));
    let mut cfg = machine.initial(&input);
    let mut n = 0u64;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    use std::io::Write;
    loop {
        n += 1;
        if max_steps.is_some_and(|max| n > max) {
            let outcome = machine.run_from(cfg);
            let note = format!("… stopped printing after {} steps", n - 1);
            let note = if json {
                serde_json::json!({ "note": note }).to_string()
            } else {
                note
            };
            writeln!(out, "{note}\n{}", outcome.to_record())
                .and_then(|()| out.flush())
                .map_err(output::failure)?;
            return Ok(ExitCode::SUCCESS);
        }
        let before = describe(program, &cfg.control);
        match machine.step(cfg) {
            Step::Next(next, rule) => {
                let line = if json {
                    serde_json::json!({
                        "step": n, "rule": rule.name, "control": before,
                        "frames": next.kont.len(), "heap_bytes": next.heap.bytes,
                    })
                    .to_string()
                } else {
                    format!(
                        "{n:>6}  {:<22} {before}   [κ {} · σ {}B]",
                        rule.name,
                        next.kont.len(),
                        next.heap.bytes
                    )
                };
                // A closed pipe (`| head`) stops quietly; any other write error fails.
                writeln!(out, "{line}").map_err(output::failure)?;
                cfg = next;
            }
            Step::Done(outcome, rule) => {
                let line = if json {
                    serde_json::json!({ "step": n, "rule": rule.name, "control": before })
                        .to_string()
                } else {
                    format!("{n:>6}  {:<22} {before}", rule.name)
                };
                writeln!(out, "{line}\n{}", outcome.to_record())
                    .and_then(|()| out.flush())
                    .map_err(output::failure)?;
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
}

/// A one-line view of the control, for step listings.
fn describe(program: &Program, control: &Control<'_>) -> String {
    match control {
        Control::Expr(node) => format!("⟨{}⟩", one_line(program, std::slice::from_ref(node.0))),
        Control::Block(body) => format!("⟨{{{}}}⟩", one_line(program, body.0)),
        Control::Value(v) => format!("value {}", show_value(v)),
        Control::Raise(v) => format!("raise {}", show_value(v)),
        Control::Break(l, v) => format!("break {l} {}", show_value(v)),
    }
}

fn one_line(program: &Program, exprs: &[Expr]) -> String {
    let p = Program {
        dialect: program.dialect,
        functions: vec![],
        body: exprs.to_vec(),
    };
    let text = tracelab_ir::print_program(&p);
    let body = text.split_once('\n').map(|(_, rest)| rest).unwrap_or("");
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.strip_suffix(';').unwrap_or(&flat).to_string();
    if flat.chars().count() > 60 {
        format!("{}…", flat.chars().take(59).collect::<String>())
    } else {
        flat
    }
}

fn show_value(v: &Value) -> String {
    match v {
        Value::Undefined => "undefined".into(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(x) => format!("{x:?}"),
        Value::Str(s) => format!("{:?}", s.as_ref()),
        Value::Ref(loc) => format!("@{loc}"),
    }
}
