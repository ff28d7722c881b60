//! Coverage: every rule of the semantics and every construct of each frontend is exercised
//! by the bundled examples plus a batch of random programs of the difftest generators
//! (`tracelab rules --coverage`, its default examples and random programs).

mod common;
use common::{stderr, stdout, tracelab};

fn names(list: &serde_json::Value) -> Vec<&str> {
    list.as_array()
        .expect("a list")
        .iter()
        .map(|n| n.as_str().expect("a name"))
        .collect()
}

#[test]
fn every_rule_and_construct_is_exercised_by_examples_and_random_programs() {
    let out = tracelab(&["rules", "--coverage", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");

    let rules = report["rules"].as_array().expect("rules");
    assert!(rules.len() > 80, "{report}");
    let uncovered_rules: Vec<&str> = rules
        .iter()
        .filter(|r| r["count"] == 0)
        .map(|r| r["rule"].as_str().expect("name"))
        .collect();
    assert_eq!(names(&report["uncovered_rules"]), uncovered_rules);
    // Random programs count: the rule counts add up, and they take rules of their own.
    for r in rules {
        let (e, x, n) = (&r["examples"], &r["random"], &r["count"]);
        let (e, x, n) = (e.as_u64(), x.as_u64(), n.as_u64());
        assert_eq!(e.zip(x).map(|(e, x)| e + x), n, "{r}");
    }
    assert!(
        rules.iter().any(|r| r["random"].as_u64() > Some(0)),
        "{report}"
    );

    let mut uncovered: Vec<String> = uncovered_rules
        .iter()
        .map(|r| format!("rule {r}"))
        .collect();
    for (lang, all) in [
        ("py", tracelab_python::CONSTRUCTS),
        ("js", tracelab_js::CONSTRUCTS),
    ] {
        let table = &report["constructs"][lang];
        let listed: Vec<&str> = table["constructs"]
            .as_array()
            .expect("constructs")
            .iter()
            .map(|c| c["construct"].as_str().expect("name"))
            .collect();
        assert_eq!(
            listed, all,
            "the {lang} table lists the frontend's CONSTRUCTS"
        );
        uncovered.extend(
            names(&table["uncovered"])
                .into_iter()
                .map(|c| format!("{lang} construct `{c}`")),
        );
    }
    assert!(
        uncovered.is_empty(),
        "never exercised by the examples and random programs (extend a generator in difftest/src or add an example):\n  {}",
        uncovered.join("\n  ")
    );
}

/// Constructs are counted per program that uses them: the example `js/control_flow` is the
/// one place a function is declared in a block, and without random programs nothing else
/// contributes.
#[test]
fn coverage_counts_examples_and_random_programs_separately() {
    let out = tracelab(&[
        "rules",
        "--coverage",
        "--json",
        "--examples",
        "examples/js/control_flow",
        "--random",
        "0",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let js = report["constructs"]["js"]["constructs"]
        .as_array()
        .expect("constructs");
    let annex_b = js
        .iter()
        .find(|c| c["construct"] == "function declaration in a block")
        .expect("listed");
    assert_eq!(
        (&annex_b["examples"], &annex_b["random"]),
        (&1.into(), &0.into())
    );
    let py_uncovered = names(&report["constructs"]["py"]["uncovered"]);
    assert_eq!(py_uncovered.len(), tracelab_python::CONSTRUCTS.len());
    assert_eq!(report["random"]["languages"]["py"]["programs"], 0);
}
