//! The crate graph follows the layering of ARCHITECTURE.md: `ir` depends on no tracelab
//! crate, frontends and the code generator on `ir` only, the runtime on `ir` and `prims`,
//! the semantics on those and the runtime (whose values, heap and primitives it shares
//! with generated code), and nothing depends on the CLI. The differential-testing crate
//! sits beside the CLI: it uses the semantics, the frontends and the code generator, and
//! only the CLI (`rules --coverage`, `fuzz`) uses it. Also: every workspace crate is
//! described in ARCHITECTURE.md.

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
        "tracelab-semantics" => Some(&["tracelab-ir", "tracelab-prims", "tracelab-runtime"]),
        "tracelab-js" | "tracelab-python" | "tracelab-backend-rust" => Some(&["tracelab-ir"]),
        "tracelab-runtime" => Some(&["tracelab-ir", "tracelab-prims"]),
        "tracelab-difftest" => Some(&[
            "tracelab-ir",
            "tracelab-semantics",
            "tracelab-js",
            "tracelab-python",
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
