//! The crate graph follows the layering of ARCHITECTURE.md: `ir` depends on no tracelab
//! crate, frontends and the code generator on `ir` only; the runtime is the base layer of
//! execution, on `ir` and `prims` only; the semantics and the execution context of generated
//! code (`tracelab-exec`) both stand on the runtime, and nothing under the semantics belongs
//! to a backend; nothing depends on the CLI. The differential-testing crate sits beside the
//! CLI: it uses the semantics, the frontends and the code generator, and only the CLI
//! (`rules --coverage`, `fuzz`) uses it. Also: every workspace crate is described in
//! ARCHITECTURE.md.

use std::collections::BTreeMap;
use std::process::Command;

fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("cli/ is inside the workspace")
        .to_path_buf()
}

/// Each workspace crate and the tracelab crates it depends on (normal and build dependencies).
fn internal_edges() -> BTreeMap<String, Vec<String>> {
    let output = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let meta: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = meta["packages"].as_array().expect("packages");
    let names: Vec<String> = packages
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect();
    packages
        .iter()
        .map(|p| {
            let deps = p["dependencies"]
                .as_array()
                .expect("dependencies")
                .iter()
                .filter(|d| d["kind"].as_str() != Some("dev"))
                .filter_map(|d| d["name"].as_str())
                .filter(|d| names.iter().any(|n| n == d))
                .map(String::from)
                .collect();
            (p["name"].as_str().expect("name").to_string(), deps)
        })
        .collect()
}

/// Which tracelab crates a crate may depend on; `None` means any (but never the CLI).
fn allowed(krate: &str) -> Option<&'static [&'static str]> {
    match krate {
        "tracelab-ir" | "tracelab-prims" => Some(&[]),
        "tracelab-semantics" => Some(&["tracelab-ir", "tracelab-runtime"]),
        "tracelab-exec" => Some(&["tracelab-ir", "tracelab-runtime"]),
        "tracelab-js" | "tracelab-python" | "tracelab-backend-rust" => Some(&["tracelab-ir"]),
        "tracelab-runtime" => Some(&["tracelab-ir", "tracelab-prims"]),
        "tracelab-difftest" => Some(&[
            "tracelab-ir",
            "tracelab-runtime",
            "tracelab-semantics",
            "tracelab-js",
            "tracelab-python",
            "tracelab-backend-rust",
        ]),
        // The invoker reads programs through a loader the CLI gives it: no frontend below it.
        "tracelab-serve" => Some(&[
            "tracelab-ir",
            "tracelab-runtime",
            "tracelab-semantics",
            "tracelab-backend-rust",
        ]),
        _ => None,
    }
}

#[test]
fn dependencies_point_toward_ir() {
    let edges = internal_edges();
    assert!(
        edges.contains_key("tracelab-ir") && edges.contains_key("tracelab"),
        "workspace crates: {edges:?}"
    );
    let mut violations = Vec::new();
    for (krate, deps) in &edges {
        for dep in deps {
            if dep == "tracelab" {
                violations.push(format!("{krate} depends on the CLI"));
            } else if dep == "tracelab-difftest" && krate != "tracelab" {
                violations.push(format!("{krate} depends on difftest (only the CLI may)"));
            } else if let Some(ok) = allowed(krate) {
                if !ok.contains(&dep.as_str()) {
                    violations.push(format!("{krate} depends on {dep}"));
                }
            }
        }
    }
    assert!(
        violations.is_empty(),
        "dependencies against the layering: {violations:?}"
    );
}

/// Every tracelab crate `krate` depends on, directly or not.
fn closure(edges: &BTreeMap<String, Vec<String>>, krate: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    let mut todo = vec![krate.to_string()];
    while let Some(k) = todo.pop() {
        for dep in edges.get(&k).into_iter().flatten() {
            if !seen.contains(dep) {
                seen.push(dep.clone());
                todo.push(dep.clone());
            }
        }
    }
    seen.sort();
    seen
}

#[test]
fn the_runtime_is_the_base_and_no_backend_is_under_the_semantics() {
    let edges = internal_edges();
    assert_eq!(
        closure(&edges, "tracelab-runtime"),
        ["tracelab-ir", "tracelab-prims"],
        "the runtime stands on the syntax and the scalar primitives only"
    );
    let under = closure(&edges, "tracelab-semantics");
    assert!(
        under.contains(&"tracelab-runtime".to_string()),
        "the semantics runs on the runtime: {under:?}"
    );
    let backends: Vec<&String> = under
        .iter()
        .filter(|k| k.contains("backend") || k.as_str() == "tracelab-exec")
        .collect();
    assert!(
        backends.is_empty(),
        "backend crates under the semantics: {backends:?}"
    );
}

#[test]
fn every_crate_has_a_paragraph_in_architecture_md() {
    let text =
        std::fs::read_to_string(workspace_root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    for krate in internal_edges().keys() {
        assert!(
            text.contains(&format!("`{krate}`")),
            "ARCHITECTURE.md does not describe `{krate}`"
        );
    }
}
