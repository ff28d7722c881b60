//! Building and running generated crates: the one part of the backend that does I/O
//! (writes files, runs cargo and the built binary); the CLI and the tests call it.
//!
//! Every generated crate builds into one shared target directory, so `tracelab-runtime` and
//! its dependencies compile once; builds run `cargo --offline` with the workspace's
//! `Cargo.lock`, so they use exactly the dependency versions the workspace was built with.

use crate::krate::{self, CrateSpec, TraceModule};
use crate::SourceMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use tracelab_ir::wf::Checked;

/// The workspace this crate was built from (for the runtime's path and the lock file).
fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("backends/rust/ is inside the workspace")
        .to_path_buf()
}

/// The `tracelab-runtime` crate generated crates depend on (`TRACELAB_RUNTIME` overrides).
pub fn runtime_path() -> PathBuf {
    std::env::var_os("TRACELAB_RUNTIME")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("runtime"))
}

/// The `tracelab-exec` crate generated crates depend on (`TRACELAB_EXEC` overrides).
pub fn exec_path() -> PathBuf {
    std::env::var_os("TRACELAB_EXEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("backends").join("exec"))
}

/// The shared target directory (`TRACELAB_RUST_TARGET` overrides).
pub fn target_dir() -> PathBuf {
    std::env::var_os("TRACELAB_RUST_TARGET")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target").join("generated"))
}

/// One trace's module.
pub fn module_of(trace: &Checked, file: &str, source: &str, name: &str) -> TraceModule {
    module_with(trace, file, source, name, crate::Options::default())
}

/// One trace's module, with explicit code-generation options.
pub fn module_with(
    trace: &Checked,
    file: &str,
    source: &str,
    name: &str,
    options: crate::Options,
) -> TraceModule {
    TraceModule {
        name: name.to_string(),
        code: crate::module_with(trace, &SourceMap::new(file, Some(source)), options),
    }
}

/// Writes a crate of `modules` into `dir`.
pub fn write_crate(dir: &Path, package: &str, modules: &[TraceModule]) -> Result<(), String> {
    let runtime = runtime_path();
    let runtime = runtime.to_str().ok_or("the runtime's path is not UTF-8")?;
    let exec = exec_path();
    let exec = exec.to_str().ok_or("the exec crate's path is not UTF-8")?;
    let spec = CrateSpec {
        package,
        runtime_path: runtime,
        exec_path: exec,
    };
    for (path, text) in krate::files(&spec, modules) {
        let path = dir.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        // Unchanged files keep their timestamps, so cargo rebuilds only what changed.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        }
    }
    let lock = dir.join("Cargo.lock");
    if !lock.exists() {
        if let Ok(text) = std::fs::read_to_string(workspace().join("Cargo.lock")) {
            std::fs::write(&lock, text)
                .map_err(|e| format!("cannot write `{}`: {e}", lock.display()))?;
        }
    }
    Ok(())
}

/// Builds the crate in `dir` (release) and returns its binary. A rustc failure on
/// generated code is a bug of the backend: the error names the crate and shows rustc's.
pub fn build(dir: &Path, package: &str) -> Result<PathBuf, String> {
    build_with(dir, package, Profile::Release)
}

/// How generated crates are compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// Optimised: what `compile`, `diff`, `demo` and `bench` run.
    Release,
    /// Unoptimised, about 2.5× faster to compile: for test volume, where builds dominate.
    Debug,
}

/// [`build`] with a profile.
pub fn build_with(dir: &Path, package: &str, profile: Profile) -> Result<PathBuf, String> {
    let target = target_dir();
    let (flag, folder) = match profile {
        Profile::Release => ("--release", "release"),
        Profile::Debug => ("--profile=dev", "debug"),
    };
    let output = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", flag, "--offline", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Generated code compiles without warnings (cargo replays them on a cached build too).
    let warned = stderr.lines().any(|l| l.starts_with("warning"));
    if !output.status.success() || warned {
        return Err(format!(
            "generated crate `{}` does not build cleanly (a backend bug):\n{stderr}",
            dir.display(),
        ));
    }
    Ok(target.join(folder).join(package))
}

/// Runs a built trace binary on input lines (JSON, one per line; with `--batch` in `extra`,
/// `{"trace", "input", "world"}` objects); one result record per line.
pub fn run_binary(
    binary: &Path,
    inputs: &[String],
    world: Option<&Path>,
    extra: &[String],
) -> Result<Vec<String>, String> {
    let mut command = Command::new(binary);
    if let Some(w) = world {
        command.arg("--world").arg(w);
    }
    command.args(extra);
    let stdin: String = inputs.iter().map(|i| format!("{i}\n")).collect();
    let output = run_with_stdin(command, &stdin)?;
    let records: Vec<String> = output.lines().map(str::to_string).collect();
    if records.len() != inputs.len() {
        return Err(format!(
            "`{}` wrote {} records for {} inputs",
            binary.display(),
            records.len(),
            inputs.len()
        ));
    }
    Ok(records)
}

fn run_with_stdin(mut command: Command, stdin: &str) -> Result<String, String> {
    use std::io::Write;
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run the generated binary: {e}"))?;
    let mut pipe = child.stdin.take().expect("stdin was piped");
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || pipe.write_all(text.as_bytes()));
    let output = child
        .wait_with_output()
        .map_err(|e| format!("the generated binary failed: {e}"))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(format!(
            "the generated binary failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    String::from_utf8(output.stdout)
        .map_err(|e| format!("the generated binary wrote non-UTF-8: {e}"))
}

/// A package name from a file name: `tracelab-trace-<stem>`.
pub fn package_for(file: &Path) -> String {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("program");
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("tracelab-trace-{}", stem.trim_matches('-'))
}

/// A stable name for a crate of generated code: a hash of its modules (FNV-1a).
pub fn content_hash(modules: &[TraceModule]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for m in modules {
        for b in m.name.bytes().chain(m.code.bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// The command-line arguments that give a generated binary these limits.
pub fn limit_args(fuel: u64, memory_bytes: usize, max_depth: u32) -> Vec<String> {
    vec![
        "--fuel".into(),
        fuel.to_string(),
        "--memory".into(),
        memory_bytes.to_string(),
        "--max-depth".into(),
        max_depth.to_string(),
    ]
}

/// A built batch: the crate's folder and binary.
pub struct Batch {
    pub dir: PathBuf,
    pub binary: PathBuf,
    names: Vec<String>,
}

/// Builds every module into one crate named `{prefix}-{hash}` (one cargo build).
pub fn build_batch(
    prefix: &str,
    modules: &[TraceModule],
    profile: Profile,
) -> Result<Batch, String> {
    let package = format!("{prefix}-{}", content_hash(modules));
    let dir = target_dir().join("crates").join(&package);
    write_crate(&dir, &package, modules)?;
    let binary = build_with(&dir, &package, profile)?;
    Ok(Batch {
        dir,
        binary,
        names: modules.iter().map(|m| m.name.clone()).collect(),
    })
}

impl Batch {
    /// Runs traces on inputs in one process: each `(module index, input lines, world JSON)`
    /// gives its records, in order.
    pub fn run(
        &self,
        runs: &[(usize, &[String], &str)],
        extra: &[String],
    ) -> Result<Vec<Vec<String>>, String> {
        let mut lines = Vec::new();
        for (trace, inputs, world) in runs {
            let name = &self.names[*trace];
            for input in inputs.iter() {
                lines.push(format!(
                    "{{\"trace\": \"{name}\", \"input\": {input}, \"world\": {world}}}"
                ));
            }
        }
        let mut args = vec!["--batch".to_string()];
        args.extend_from_slice(extra);
        let mut records = run_binary(&self.binary, &lines, None, &args)?.into_iter();
        Ok(runs
            .iter()
            .map(|(_, inputs, _)| records.by_ref().take(inputs.len()).collect())
            .collect())
    }
}
