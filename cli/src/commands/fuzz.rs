//! `fuzz`: a long differential campaign with the difftest crate's machinery (generators,
//! long-lived oracle, the check, the exclusion manifest). A progress bar on standard error;
//! each disagreement's shrunk report and the summary on standard output; the summary as
//! JSON with `--summary`. Exit status 1 when some program disagreed.

use crate::load::Failure;
use crate::output::{out, outln};
use crate::FuzzLang;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use tracelab_difftest::campaign::{self, Summary};
use tracelab_difftest::Lang;

/// Without a terminal, a progress line every this many programs.
const PLAIN_EVERY: u64 = 5000;

pub fn fuzz(
    lang: FuzzLang,
    cases: u64,
    seed: Option<u64>,
    rust: u64,
    summary_file: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let lang = match lang {
        FuzzLang::Py => Lang::Py,
        FuzzLang::Js => Lang::Js,
    };
    // A summary file that cannot be written fails now, not after hours of campaign.
    let summary_out = summary_file
        .map(|path| {
            std::fs::File::create(path)
                .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))
        })
        .transpose()?;
    let seed = seed.unwrap_or_else(tracelab_difftest::random_seed);
    eprintln!(
        "fuzz {}: {cases} programs, seed {seed} (rerun with --seed {seed})",
        lang.name()
    );
    let terminal = std::io::stderr().is_terminal();
    let bar = if terminal {
        ProgressBar::new(cases)
    } else {
        ProgressBar::hidden()
    };
    let style = ProgressStyle::with_template(
        "{elapsed_precise} [{bar:30}] {pos}/{len} programs, {per_sec}, eta {eta} {msg}",
    )
    .map_err(|e| Failure::plain(format!("progress bar: {e}")))?
    .progress_chars("=> ");
    bar.set_style(style);
    let mut progress = |s: &Summary| {
        bar.set_position(s.programs);
        if every(s.programs, 100) || s.disagreements > 0 {
            bar.set_message(status(s));
        }
        if !terminal && every(s.programs, PLAIN_EVERY) {
            eprintln!(
                "{}/{cases} programs, {:.0}s: {}",
                s.programs,
                s.seconds,
                status(s)
            );
        }
    };
    // A campaign runs for hours: a failed write of a report does not stop it, but the
    // command fails at the end (after the summary file is written).
    let mut write_failed: Option<Failure> = None;
    let mut report = |text: &str| {
        if write_failed.is_none() {
            write_failed = bar.suspend(|| outln!("{text}")).err();
        }
    };
    let summary = campaign::run(lang, cases, seed, rust, &mut progress, &mut report)
        .map_err(|e| Failure::plain(format!("fuzz {}: {e}", lang.name())))?;
    bar.finish_and_clear();
    let written = match (summary_out, summary_file) {
        (Some(mut out), Some(path)) => {
            writeln!(out, "{:#}", summary.to_json())
                .map_err(|e| Failure::plain(format!("cannot write `{}`: {e}", path.display())))?;
            Some(path)
        }
        _ => None,
    };
    if let Some(failure) = write_failed {
        return Err(failure);
    }
    out!("{}", summary.to_text())?;
    if let Some(path) = written {
        outln!("summary written to {}", path.display())?;
    }
    Ok(if summary.disagreements == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

// `u64::is_multiple_of` needs Rust 1.87; the workspace MSRV is 1.85.
#[allow(clippy::manual_is_multiple_of)]
fn every(n: u64, k: u64) -> bool {
    n % k == 0
}

fn status(s: &Summary) -> String {
    format!(
        "{} disagreements, {} unknowns, {} oracle failures, {} exclusions",
        s.disagreements, s.unknowns, s.oracle_failures, s.exclusions_hit
    )
}
