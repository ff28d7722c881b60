//! The regression mechanism of the differential suites (`run_cases`), with a stand-in
//! check so that it runs without CPython or Node: committed cases run first, a new
//! failure is shrunk and appended, and the appended case fails the next run first.

use std::path::PathBuf;
use tracelab_difftest::case::Case;
use tracelab_difftest::check::Tally;
use tracelab_difftest::{regressions, run_cases, Lang, INPUTS};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tracelab-regressions-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join(name);
    let _ = std::fs::remove_file(&file);
    file
}

fn pass() -> Result<Tally, String> {
    Ok(Tally {
        programs: 1,
        ..Tally::default()
    })
}

#[test]
fn regression_cases_run_before_random_ones_and_fail_the_suite() {
    let file = scratch("first.txt");
    let case = Case {
        program: vec![1, 2, 3],
        inputs: vec![vec![]; INPUTS],
    };
    std::fs::write(
        &file,
        format!("# a comment\n\n{} # known bad\n", case.to_line()),
    )
    .expect("write");
    let mut seen = Vec::new();
    let result = run_cases(Lang::Py, 10, 7, &file, &mut |c| {
        seen.push(c.clone());
        if *c == case {
            Err("the stand-in check fails this case\n".into())
        } else {
            pass()
        }
    });
    let err = result.expect_err("the regression case fails");
    assert!(err.contains(":3 fails"), "{err}");
    assert_eq!(
        seen,
        vec![case],
        "no random case runs after a failing regression case"
    );

    // Once the bug is fixed, the regression case passes and the random cases follow.
    let mut n = 0;
    let tally = run_cases(Lang::Js, 10, 7, &file, &mut |_| {
        n += 1;
        pass()
    })
    .expect("everything passes");
    assert_eq!((n, tally.programs), (11, 11));
}

#[test]
fn a_new_failure_is_shrunk_appended_and_rerun_first() {
    let file = scratch("new.txt");
    // The stand-in bug: any program byte of 200 or more.
    let bad = |c: &Case| c.program.iter().any(|&b| b >= 200);
    let result = run_cases(Lang::Py, 1000, 7, &file, &mut |c| {
        if bad(c) {
            Err(format!("bad bytes {:?}\n", c.program))
        } else {
            pass()
        }
    });
    let err = result.expect_err("random cases hit the stand-in bug");
    assert!(err.starts_with("bad bytes [200]\n"), "{err}");
    let saved = regressions::load(&file).expect("the file reads");
    assert_eq!(saved.len(), 1, "{saved:?}");
    let (_, minimal) = &saved[0];
    assert_eq!(minimal.program, vec![200]);
    assert!(err.contains(&minimal.to_line()), "{err}");

    // The next run checks the saved case first, before any random case.
    let mut first = None;
    let _ = run_cases(Lang::Py, 0, 99, &file, &mut |c| {
        first.get_or_insert_with(|| c.clone());
        if bad(c) {
            Err("still bad\n".into())
        } else {
            pass()
        }
    });
    assert_eq!(first.as_ref(), Some(minimal));
}

#[test]
fn the_committed_regression_files_are_well_formed() {
    for lang in [Lang::Py, Lang::Js] {
        let file = regressions::file(lang);
        assert!(file.is_file(), "{} is committed", file.display());
        for (line, case) in regressions::load(&file).expect("well-formed") {
            assert_eq!(case.inputs.len(), INPUTS, "{}:{line}", file.display());
        }
    }
}
