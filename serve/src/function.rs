//! One deployed function and its lifecycle: interpreted → compiling → compiled.
//!
//! The state that decides the phase is one `State` behind a mutex (counters, the trace tree,
//! whether a compile runs); the version that answers compiled requests is an
//! `Arc<Version>` behind a lock of its own, swapped whole. A request clones that `Arc` once,
//! when it starts, and runs to its end on that version: a swap never splits a request, and a
//! replaced version's workers end when the last request holding it drops it.

use crate::metrics::Phase;
use crate::worker::{Pool, Spec};
use crate::{lock, read, write, Server};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock, Weak};
use std::time::{Duration, Instant};
use tracelab_backend_rust::build;
use tracelab_ir::wf::Checked;
use tracelab_ir::{Dialect, Program};
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limits, Outcome, World};
use tracelab_semantics::trace::{self, stats};

/// What a client deploys.
pub struct Deployment {
    pub dialect: Dialect,
    pub program: Checked,
    pub world: World,
    pub limits: Limits,
}

/// A deployed function.
pub struct Function {
    pub name: String,
    pub dialect: Dialect,
    program: Arc<Checked>,
    world: Arc<World>,
    limits: Limits,
    // Weak: the server owns its functions, and a background compile of a deleted function
    // must not keep the server's table alive.
    server: Weak<Server>,
    state: Mutex<State>,
    current: RwLock<Option<Arc<Version>>>,
}

/// A compiled version: the workers of one build of the trace tree.
pub struct Version {
    pub number: u64,
    pool: Pool,
}

impl Drop for Version {
    fn drop(&mut self) {
        self.pool.close();
    }
}

#[derive(Default)]
struct State {
    /// The merge of every traced run's trace.
    tree: Option<Program>,
    /// Bumped each time a merge changes the tree; a build is of one generation.
    generation: u64,
    /// Requests in a row whose trace left the tree unchanged.
    unchanged: u32,
    invocations: u64,
    compiled_invocations: u64,
    fallbacks: u64,
    compiles: u64,
    last_compile_ms: Option<u64>,
    /// A compile (with its backoff wait) is running.
    compiling: bool,
    /// Why the function stays interpreted for good (a build failure, paths that never settle).
    interpreted_because: Option<String>,
    /// The last compiled version withdrawn because it misbehaved, and why.
    last_withdrawal: Option<String>,
    retired: bool,
}

/// Which engine answered a request.
pub enum Answer {
    Interpreted(Outcome),
    Compiled(String),
    /// The compiled code did not know the path (or failed); the source semantics answered.
    Fallback(Outcome),
}

impl Answer {
    /// The result record, as `tracelab run` prints it.
    pub fn record(&self) -> String {
        match self {
            Answer::Interpreted(o) | Answer::Fallback(o) => o.to_record(),
            Answer::Compiled(record) => record.clone(),
        }
    }

    pub fn phase(&self) -> Phase {
        match self {
            Answer::Interpreted(_) => Phase::Interpreted,
            Answer::Compiled(_) => Phase::Compiled,
            Answer::Fallback(_) => Phase::Fallback,
        }
    }
}

impl Function {
    pub(crate) fn new(name: &str, mut d: Deployment, server: Arc<Server>) -> Arc<Function> {
        d.world.live = server.live.clone();
        Arc::new(Function {
            name: name.to_string(),
            dialect: d.dialect,
            program: Arc::new(d.program),
            world: Arc::new(d.world),
            limits: d.limits,
            server: Arc::downgrade(&server),
            state: Mutex::new(State::default()),
            current: RwLock::new(None),
        })
    }

    /// Runs one request to its record. `Err` is a failure of the server, not of the
    /// function (the interpreter panicked): the client gets a 500.
    pub async fn invoke(self: &Arc<Self>, input: Json) -> Result<Answer, String> {
        let version = read(&self.current).clone();
        if let Some(version) = version {
            match version.pool.call(&input.to_string()).await {
                Ok(record) if !is_unknown(&record) => {
                    let mut st = lock(&self.state);
                    st.invocations += 1;
                    st.compiled_invocations += 1;
                    return Ok(Answer::Compiled(record));
                }
                Ok(_) => {}
                Err(why) => self.withdraw(&version, why),
            }
            let outcome = self.interpret(input, true).await?;
            return Ok(Answer::Fallback(outcome));
        }
        Ok(Answer::Interpreted(self.interpret(input, false).await?))
    }

    /// Runs the source semantics with tracing and merges the run's trace into the tree.
    async fn interpret(self: &Arc<Self>, input: Json, fallback: bool) -> Result<Outcome, String> {
        let (program, world, limits) = (self.program.clone(), self.world.clone(), self.limits);
        let run =
            tokio::task::spawn_blocking(move || trace::trace_run(&program, &world, limits, &input));
        let (outcome, trace) = run
            .await
            .map_err(|e| format!("the interpreter failed: {e}"))?
            .map_err(|e| e.to_string())?;
        let compile_now = {
            let mut st = lock(&self.state);
            st.invocations += 1;
            if fallback {
                st.fallbacks += 1;
            }
            let merged = match &st.tree {
                None => Ok(trace),
                Some(tree) => trace::merge(tree, &trace),
            };
            match merged {
                Ok(tree) if st.tree.as_ref() == Some(&tree) => st.unchanged += 1,
                Ok(tree) => {
                    st.tree = Some(tree);
                    st.generation += 1;
                    st.unchanged = 0;
                }
                // Traces of one program always merge (see `trace`); should that ever fail,
                // the function stays interpreted, with the reason, and keeps answering.
                Err(conflict) => {
                    st.interpreted_because = Some(format!("traces did not merge: {conflict}"));
                }
            }
            self.should_compile(&st)
        };
        if compile_now {
            self.start_compile();
        }
        Ok(outcome)
    }

    fn should_compile(&self, st: &State) -> bool {
        let Some(server) = self.server.upgrade() else {
            return false;
        };
        let config = &server.config;
        if !config.compile || st.compiling || st.retired || st.interpreted_because.is_some() {
            return false;
        }
        match read(&self.current).as_ref() {
            // Compiled: the tree grew after a fallback (or while the build ran).
            Some(_) => st.compiles > 0 && st.unchanged == 0,
            None => {
                st.invocations >= u64::from(config.compile_after)
                    || st.unchanged >= config.settle_after
            }
        }
    }

    /// Starts the background compile (with a backoff wait before a recompile).
    fn start_compile(self: &Arc<Self>) {
        {
            let mut st = lock(&self.state);
            if st.compiling {
                return;
            }
            st.compiling = true;
        }
        let function = self.clone();
        tokio::spawn(async move { function.compile_loop().await });
    }

    async fn compile_loop(self: Arc<Self>) {
        loop {
            let Some(server) = self.server.upgrade() else {
                return;
            };
            let config = server.config.clone();
            let (tree, generation, compiles) = {
                let st = lock(&self.state);
                (st.tree.clone(), st.generation, st.compiles)
            };
            drop(server);
            if compiles > 0 {
                if compiles > u64::from(config.max_recompiles) {
                    let why = format!(
                        "its paths did not settle: the tree still changed after {} recompiles",
                        config.max_recompiles
                    );
                    self.stay_interpreted(why);
                    return;
                }
                let doubling = 1u32 << (compiles - 1).min(8);
                let wait = (config.recompile_backoff * doubling).min(Duration::from_secs(30));
                tokio::time::sleep(wait).await;
            }
            let Some(tree) = tree else {
                lock(&self.state).compiling = false;
                return;
            };
            let started = Instant::now();
            let (world, limits, workers) = (self.world.clone(), self.limits, config.workers);
            let profile = config.profile;
            let built =
                tokio::task::spawn_blocking(move || build_version(&tree, &world, limits, profile))
                    .await
                    .unwrap_or_else(|e| Err(format!("the build panicked: {e}")));
            let spec = match built {
                Ok(spec) => spec,
                Err(why) => {
                    self.stay_interpreted(format!("the compile failed: {why}"));
                    return;
                }
            };
            let ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let pool = Pool::new(spec, workers);
            if let Err(why) = pool.warm().await {
                self.stay_interpreted(format!("the compiled code does not start: {why}"));
                return;
            }
            let again = {
                let mut st = lock(&self.state);
                if st.retired {
                    st.compiling = false;
                    return;
                }
                st.compiles += 1;
                st.last_compile_ms = Some(ms);
                let version = Arc::new(Version {
                    number: st.compiles,
                    pool,
                });
                *write(&self.current) = Some(version);
                // The tree changed while this build ran: build again (after the backoff).
                let again = st.generation != generation;
                st.compiling = again;
                again
            };
            if let Some(server) = self.server.upgrade() {
                server.metrics.compiled(ms);
            }
            if !again {
                return;
            }
        }
    }

    /// Withdraws the compiled code for good: requests are interpreted from now on.
    fn stay_interpreted(&self, why: String) {
        let mut st = lock(&self.state);
        st.compiling = false;
        st.interpreted_because = Some(why);
        *write(&self.current) = None;
    }

    /// A version that crashed or answered garbage is withdrawn (if it is still current);
    /// the tree is unchanged, so the next compile builds it anew.
    fn withdraw(self: &Arc<Self>, version: &Arc<Version>, why: String) {
        {
            let mut current = write(&self.current);
            if current.as_ref().is_some_and(|v| Arc::ptr_eq(v, version)) {
                *current = None;
            }
        }
        version.pool.close();
        let mut st = lock(&self.state);
        st.last_withdrawal = Some(format!("version {} withdrawn: {why}", version.number));
    }

    /// The function was deleted or replaced: no more compiles, no more workers.
    pub(crate) fn retire(&self) {
        lock(&self.state).retired = true;
        *write(&self.current) = None;
    }

    /// `GET /functions/{name}`.
    pub fn status(&self) -> serde_json::Value {
        let st = lock(&self.state);
        let current = read(&self.current).clone();
        let phase = phase_name(current.is_some(), st.compiling);
        let trace = st.tree.as_ref().map(stats::stats).unwrap_or_default();
        serde_json::json!({
            "name": self.name,
            "language": language_name(self.dialect),
            "phase": phase,
            "invocations": st.invocations,
            "compiled_invocations": st.compiled_invocations,
            "fallbacks": st.fallbacks,
            "compiles": st.compiles,
            "last_compile_ms": st.last_compile_ms,
            "version": current.map(|v| v.number),
            "recompile_pending": st.compiling && phase == "compiled",
            "interpreted_because": st.interpreted_because,
            "last_withdrawal": st.last_withdrawal,
            "trace": trace,
        })
    }

    /// The phase, for `GET /functions`.
    pub fn phase(&self) -> &'static str {
        let compiling = lock(&self.state).compiling;
        phase_name(read(&self.current).is_some(), compiling)
    }
}

/// A version answers: compiled (even while a recompile runs); none, but a build runs:
/// compiling; otherwise interpreted.
fn phase_name(compiled: bool, compiling: bool) -> &'static str {
    match (compiled, compiling) {
        (true, _) => "compiled",
        (false, true) => "compiling",
        (false, false) => "interpreted",
    }
}

/// The name clients use for a language.
pub fn language_name(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Py => "python",
        Dialect::Js => "javascript",
    }
}

/// A record that says the trace does not know the path.
fn is_unknown(record: &str) -> bool {
    record.starts_with("{\"unknown\"")
}

/// Checks the tree, generates its crate, builds it and writes the world file next to it: how
/// to start workers of this version. Runs on a blocking thread (cargo takes seconds).
fn build_version(
    tree: &Program,
    world: &World,
    limits: Limits,
    profile: build::Profile,
) -> Result<Spec, String> {
    let checked = Checked::new(tree.clone())
        .map_err(|errors| format!("the trace tree is ill-formed (a tracing bug): {errors:?}"))?;
    let module = build::module_of(&checked, "", "", "handler");
    let batch = build::build_batch("tracelab-serve", std::slice::from_ref(&module), profile)?;
    // Functions with the same tree share a crate, not necessarily a world: the world file is
    // named by its content, and written whole (renamed into place) so no worker reads half.
    let text = world.to_doc().to_string();
    let mut hasher = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&text, &mut hasher);
    let name = format!("world-{:016x}.json", std::hash::Hasher::finish(&hasher));
    let world_file: PathBuf = batch.dir.join(&name);
    if !world_file.exists() {
        let partial = batch.dir.join(format!("{name}.{}", std::process::id()));
        std::fs::write(&partial, &text)
            .and_then(|()| std::fs::rename(&partial, &world_file))
            .map_err(|e| format!("cannot write `{}`: {e}", world_file.display()))?;
    }
    let mut args = vec!["--world".to_string(), world_file.display().to_string()];
    if world.live.is_some() {
        args.push("--live".to_string());
    }
    args.extend(build::limit_args(
        limits.fuel,
        limits.memory_bytes,
        limits.max_depth,
    ));
    Ok(Spec {
        binary: batch.binary,
        args,
        live: world.live.clone(),
    })
}
