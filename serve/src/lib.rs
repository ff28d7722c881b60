//! `tracelab-serve`: the invoker, the third part of the accelerator.
//!
//! A [`Server`] hosts many functions in one process. Each function is deployed as source,
//! then goes through three phases (see [`function`]):
//! - **interpreted**: each request runs on the source semantics and is traced; its trace
//!   merges into the function's trace tree;
//! - **compiling**: after enough requests, or once the tree stops changing, the tree is
//!   compiled to Rust in the background while requests keep being interpreted;
//! - **compiled**: requests run in the compiled code, in long-lived worker processes of that
//!   version (see [`worker`]); a request the tree does not know (`unknown`) runs again on the
//!   source semantics, whose record is the answer, and a recompile is scheduled.
//!
//! The client never sees which engine answered: every response is the record `tracelab run`
//! prints for the same input. [`http`] serves the management and invocation API,
//! [`openwhisk`] the Apache OpenWhisk action-runtime protocol, [`metrics`] the Prometheus
//! counters. The crate reads programs through a [`Loader`] the caller supplies (the CLI,
//! which renders diagnostics as `tracelab check` does), so it does no rendering itself.

pub mod function;
pub mod http;
pub mod live;
pub mod metrics;
pub mod openwhisk;
pub mod worker;

use function::Function;
use indexmap::IndexMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tracelab_backend_rust::build::Profile;
use tracelab_ir::wf::Checked;
use tracelab_ir::Dialect;

/// Lowers and checks a function's source: the checked core program, or the diagnostics
/// rendered as text (what `tracelab check` prints for that source).
pub type Loader = Arc<dyn Fn(Dialect, &str) -> Result<Checked, String> + Send + Sync>;

/// How the server runs functions.
#[derive(Clone, Debug)]
pub struct Config {
    /// Compile once this many requests have been interpreted (K).
    pub compile_after: u32,
    /// …or once this many requests in a row left the trace tree unchanged (M).
    pub settle_after: u32,
    /// A function whose paths keep changing after this many recompiles stays interpreted.
    pub max_recompiles: u32,
    /// The wait before the first recompile; it doubles with each recompile, up to 30 s.
    pub recompile_backoff: Duration,
    /// Compiled worker processes per function version (concurrent compiled requests).
    pub workers: usize,
    /// Request bodies above this many bytes get 413.
    pub body_limit: usize,
    /// `false`: functions are only ever interpreted (no cargo needed).
    pub compile: bool,
    /// How generated crates are built.
    pub profile: Profile,
    /// Hosts (`host` or `host:port`) that `containerless.get`/`post` may reach over HTTP for
    /// URLs the world's tables lack (`--live-world`); empty: none.
    pub live_hosts: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            compile_after: 10,
            settle_after: 5,
            max_recompiles: 8,
            recompile_backoff: Duration::from_millis(200),
            workers: 2,
            body_limit: 16 << 20,
            compile: true,
            profile: Profile::Release,
            live_hosts: Vec::new(),
        }
    }
}

/// The functions of one server, with its configuration and counters.
pub struct Server {
    pub config: Config,
    loader: Loader,
    functions: RwLock<IndexMap<String, Arc<Function>>>,
    pub metrics: metrics::Metrics,
    /// The live world every function's world falls back to, if `live_hosts` names any.
    live: Option<Arc<dyn tracelab_runtime::world::Live>>,
}

impl Server {
    pub fn new(config: Config, loader: Loader) -> Arc<Server> {
        let live = (!config.live_hosts.is_empty()).then(|| {
            Arc::new(live::LiveHttp::new(config.live_hosts.clone()))
                as Arc<dyn tracelab_runtime::world::Live>
        });
        Arc::new(Server {
            config,
            live,
            loader,
            functions: RwLock::new(IndexMap::new()),
            metrics: metrics::Metrics::default(),
        })
    }

    /// Lowers and checks a function's source; `Err` holds the rendered diagnostics.
    pub fn load(&self, dialect: Dialect, source: &str) -> Result<Checked, String> {
        (self.loader)(dialect, source)
    }

    /// Deploys (or replaces) a function. A replaced function's compiled workers stop once the
    /// requests still running on them end.
    pub fn deploy(self: &Arc<Self>, name: &str, deployment: function::Deployment) {
        let function = Function::new(name, deployment, self.clone());
        let old = write(&self.functions).insert(name.to_string(), function);
        if let Some(old) = old {
            old.retire();
        }
    }

    pub fn get(&self, name: &str) -> Option<Arc<Function>> {
        read(&self.functions).get(name).cloned()
    }

    pub fn remove(&self, name: &str) -> bool {
        let removed = write(&self.functions).shift_remove(name);
        match removed {
            Some(f) => {
                f.retire();
                true
            }
            None => false,
        }
    }

    pub fn list(&self) -> Vec<Arc<Function>> {
        read(&self.functions).values().cloned().collect()
    }
}

/// Locks that a panicking holder poisoned stay usable: every critical section here leaves
/// the state consistent at each step (counters and a tree swapped whole), so the data is
/// good, and one failed request must not take the function down.
pub(crate) fn lock<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(crate) fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}
