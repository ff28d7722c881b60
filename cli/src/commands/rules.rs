//! `rules`: the rule table; with `--coverage`, how often the bundled examples and a batch
//! of random programs of the difftest generators take each rule (source and trace
//! semantics both count), and which constructs of each frontend they use.

use crate::commands::demo;
use crate::examples;
use crate::load::{self, Failure};
use crate::output::{out, outln};
use indexmap::IndexMap;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use tracelab_difftest::{coverage, Lang};
use tracelab_semantics::rules;

/// Uses of one rule or construct: by the examples, by the random programs.
#[derive(Clone, Copy, Default)]
struct Count {
    examples: u64,
    random: u64,
}

impl Count {
    fn total(self) -> u64 {
        self.examples + self.random
    }
}

/// What `--coverage` measured.
struct Coverage {
    rules: IndexMap<&'static str, Count>,
    /// Per frontend (`py`, `js`): programs using each construct.
    constructs: [(Lang, IndexMap<&'static str, Count>); 2],
    example_runs: usize,
    random: [(Lang, coverage::Runs); 2],
}

pub struct Options<'a> {
    pub roots: &'a [PathBuf],
    pub random: usize,
    pub seed: u64,
    pub json: bool,
}

pub fn list() -> Result<ExitCode, Failure> {
    for rule in &rules::table() {
        outln!("{:<24} {}", rule.name, rule.prose)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn coverage(opts: &Options) -> Result<ExitCode, Failure> {
    let c = measure(opts)?;
    if opts.json {
        outln!("{}", to_json(&c, opts))?;
    } else {
        out!("{}", to_text(&c, opts))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn constructs_of(lang: Lang) -> IndexMap<&'static str, Count> {
    let all = match lang {
        Lang::Py => tracelab_python::CONSTRUCTS,
        Lang::Js => tracelab_js::CONSTRUCTS,
    };
    all.iter().map(|c| (*c, Count::default())).collect()
}

fn measure(opts: &Options) -> Result<Coverage, Failure> {
    let mut c = Coverage {
        rules: rules::table()
            .iter()
            .map(|r| (r.name, Count::default()))
            .collect(),
        constructs: [
            (Lang::Py, constructs_of(Lang::Py)),
            (Lang::Js, constructs_of(Lang::Js)),
        ],
        example_runs: 0,
        random: [
            (Lang::Py, Default::default()),
            (Lang::Js, Default::default()),
        ],
    };
    for root in opts.roots {
        for example in examples::discover(root)? {
            let results = demo::run_example(&example, &mut |rule| {
                c.rules.entry(rule.name).or_default().examples += 1
            })?;
            c.example_runs += results.len();
            if let Some((lang, used)) = example_constructs(&example.program)? {
                let table = &mut c.constructs[usize::from(lang == Lang::Js)].1;
                for name in used {
                    table.entry(name).or_default().examples += 1;
                }
            }
        }
    }
    for (i, lang) in [Lang::Py, Lang::Js].into_iter().enumerate() {
        let (rules, constructs) = (&mut c.rules, &mut c.constructs[i].1);
        let runs = coverage::random_runs(
            lang,
            opts.random,
            opts.seed,
            &mut |rule| rules.entry(rule.name).or_default().random += 1,
            &mut |name| constructs.entry(name).or_default().random += 1,
        )
        .map_err(|e| Failure::plain(format!("random {} programs: {e}", lang.name())))?;
        c.random[i].1 = runs;
    }
    Ok(c)
}

/// The constructs a Python or JavaScript example uses (other programs have no frontend).
fn example_constructs(program: &Path) -> Result<Option<(Lang, Vec<&'static str>)>, Failure> {
    let (lang, lowered) = match program.extension().and_then(|e| e.to_str()) {
        Some("py") => {
            let source = load::read_text(program)?;
            (
                Lang::Py,
                tracelab_python::lower_program_with_constructs(&source),
            )
        }
        Some("js") => {
            let source = load::read_text(program)?;
            (
                Lang::Js,
                tracelab_js::lower_program_with_constructs(&source),
            )
        }
        _ => return Ok(None),
    };
    // An example that does not lower has already failed in `run_example`.
    Ok(lowered
        .ok()
        .map(|(_, used)| (lang, used.into_iter().collect())))
}

fn uncovered<'a>(table: &IndexMap<&'a str, Count>) -> Vec<&'a str> {
    table
        .iter()
        .filter(|(_, n)| n.total() == 0)
        .map(|(name, _)| *name)
        .collect()
}

fn to_json(c: &Coverage, opts: &Options) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = c
        .rules
        .iter()
        .map(|(rule, n)| {
            json!({"rule": rule, "count": n.total(), "examples": n.examples, "random": n.random})
        })
        .collect();
    let mut constructs = serde_json::Map::new();
    for (lang, table) in &c.constructs {
        let items: Vec<serde_json::Value> = table
            .iter()
            .map(|(name, n)| {
                json!({"construct": name, "count": n.total(), "examples": n.examples, "random": n.random})
            })
            .collect();
        constructs.insert(
            lang.name().to_string(),
            json!({"uncovered": uncovered(table), "constructs": items}),
        );
    }
    let random: serde_json::Map<String, serde_json::Value> = c
        .random
        .iter()
        .map(|(lang, r)| {
            (
                lang.name().to_string(),
                json!({"programs": r.programs, "runs": r.runs}),
            )
        })
        .collect();
    json!({
        "runs": c.example_runs,
        "random": {"seed": opts.seed, "per_language": opts.random, "languages": random},
        "uncovered": uncovered(&c.rules).len(),
        "uncovered_rules": uncovered(&c.rules),
        "rules": rules,
        "constructs": constructs,
    })
}

fn table(title: &str, rows: &IndexMap<&str, Count>) -> String {
    let width = rows
        .keys()
        .map(|k| k.chars().count())
        .max()
        .unwrap_or(0)
        .max(24);
    let mut out = format!(
        "{title:<width$} {:>10} {:>10} {:>10}\n",
        "examples", "random", "total"
    );
    for (name, n) in rows {
        let pad = width - name.chars().count();
        out.push_str(&format!(
            "{name}{:pad$} {:>10} {:>10} {:>10}{}\n",
            "",
            n.examples,
            n.random,
            n.total(),
            if n.total() == 0 { "   NOT COVERED" } else { "" }
        ));
    }
    let missing = uncovered(rows).len();
    out.push_str(&format!(
        "{} {title}s, {} covered\n\n",
        rows.len(),
        rows.len() - missing
    ));
    out
}

fn to_text(c: &Coverage, opts: &Options) -> String {
    let mut out = table("rule", &c.rules);
    for (lang, rows) in &c.constructs {
        out.push_str(&table(&format!("{} construct", lang.name()), rows));
    }
    let random: Vec<String> = c
        .random
        .iter()
        .map(|(lang, r)| format!("{} {} programs ({} runs)", r.programs, lang.name(), r.runs))
        .collect();
    out.push_str(&format!(
        "examples: {} runs; random (seed {}): {}\n",
        c.example_runs,
        opts.seed,
        random.join(", ")
    ));
    out
}
