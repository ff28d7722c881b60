//! `serve`: the invoker over HTTP (see `tracelab-serve`), with the functions of `--functions`
//! folders deployed at start.

use crate::load::{self, Failure};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use tracelab_ir::Dialect;
use tracelab_runtime::Limits;
use tracelab_serve::function::Deployment;
use tracelab_serve::{Config, Loader, Server};

pub struct Options {
    pub host: String,
    pub port: u16,
    pub functions: Vec<PathBuf>,
    /// Serve the OpenWhisk action protocol for one action in this language.
    pub openwhisk: Option<Dialect>,
    pub config: Config,
}

pub fn serve(options: Options) -> Result<ExitCode, Failure> {
    // The server reads programs as `tracelab check` does, and its 400s carry the same text.
    let loader: Loader = Arc::new(|dialect, code| {
        let extension = extension(dialect);
        load::program_text(format!("main.{extension}"), extension, code.to_string())
            .map(|loaded| loaded.program)
            .map_err(|failure| failure.render(false))
    });
    let server = Server::new(options.config, loader);
    for folder in &options.functions {
        for (name, file, world) in functions_in(folder)? {
            let loaded = load::program(&file)?;
            let world = load::world(world.as_deref())?;
            let dialect = loaded.program.program().dialect;
            if server.get(&name).is_some() {
                return Err(Failure::plain(format!(
                    "two functions are named `{name}` (the second is `{}`)",
                    file.display()
                )));
            }
            server.deploy(
                &name,
                Deployment {
                    dialect,
                    program: loaded.program,
                    world,
                    limits: Limits::default_for(dialect),
                },
            );
            eprintln!("tracelab serve: deployed `{name}` from {}", file.display());
        }
    }
    let router = match options.openwhisk {
        Some(dialect) => tracelab_serve::openwhisk::router(server, dialect),
        None => tracelab_serve::http::router(server),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // Interpreted runs happen on blocking threads; a generous stack is reserved, not used.
        .thread_stack_size(64 << 20)
        .build()
        .map_err(|e| Failure::plain(format!("cannot start the server's runtime: {e}")))?;
    let served = runtime.block_on(async {
        let address = format!("{}:{}", options.host, options.port);
        let listener = tokio::net::TcpListener::bind(&address)
            .await
            .map_err(|e| Failure::plain(format!("cannot listen on {address}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Failure::plain(format!("cannot listen on {address}: {e}")))?;
        eprintln!("tracelab serve: listening on http://{bound}");
        axum::serve(listener, router)
            .with_graceful_shutdown(shutdown())
            .await
            .map_err(|e| Failure::plain(format!("the server failed: {e}")))
    });
    // A background build still running does not hold the exit up: its cargo is abandoned.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served?;
    Ok(ExitCode::SUCCESS)
}

fn extension(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Py => "py",
        Dialect::Js => "js",
    }
}

/// Ends on Ctrl-C or SIGTERM (how container runtimes stop a server).
async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}

/// The functions of a folder, by name: `NAME.py` / `NAME.js` with `NAME.world.json`, and
/// folders `NAME/` holding `main.py` or `main.js` with `world.json` (the layout of
/// `examples/`). Sorted by name.
fn functions_in(folder: &Path) -> Result<Vec<(String, PathBuf, Option<PathBuf>)>, Failure> {
    let entries = std::fs::read_dir(folder)
        .map_err(|e| Failure::plain(format!("cannot read `{}`: {e}", folder.display())))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut found = Vec::new();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.is_dir() {
            let main = ["main.py", "main.js"]
                .iter()
                .map(|m| path.join(m))
                .find(|m| m.is_file());
            if let Some(main) = main {
                let world = Some(path.join("world.json")).filter(|w| w.is_file());
                found.push((stem.to_string(), main, world));
            }
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("py" | "js")) {
            let world = Some(folder.join(format!("{stem}.world.json"))).filter(|w| w.is_file());
            found.push((stem.to_string(), path, world));
        }
    }
    if found.is_empty() {
        return Err(Failure::plain(format!(
            "`{}` holds no function (`NAME.py`, `NAME.js`, or `NAME/main.py`, `NAME/main.js`)",
            folder.display()
        )));
    }
    Ok(found)
}
