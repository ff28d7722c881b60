//! The Apache OpenWhisk action-runtime protocol (`tracelab serve --openwhisk`), so that the
//! invoker runs as an action container: OpenWhisk's invoker starts the container, sends one
//! `POST /init` with the action's code, then `POST /run` per activation.
//!
//! - `POST /init` with `{"value": {"name", "main", "code", "binary", "env"}}`: 200
//!   `{"ok": true}`; a second init is refused (403); no code, binary (zip) code or a program
//!   that does not lower gets 502 with `{"error": …}`. `main` names the entry function when it
//!   is not `main`; `env` is accepted and not visible to programs (the subsets have no
//!   environment).
//! - `POST /run` with `{"value": PARAMS, …activation context}`: the function runs on `PARAMS`
//!   through the same lifecycle as `tracelab serve` (interpreted, compiled, fallback); a result
//!   that is a JSON object is the 200 response; anything else is 502 with `{"error": …}`.
//!   The function's printed lines go to stdout, and each activation ends with OpenWhisk's
//!   marker line on stdout and on stderr.

use crate::function::Deployment;
use crate::http::{error, json, JsonBody};
use crate::{lock, Server};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use std::io::Write;
use std::sync::{Arc, Mutex};
use tracelab_ir::Dialect;
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limits, World};

/// The line that ends an activation's output on stdout and stderr.
pub const END_MARKER: &str = "XXX_THE_END_OF_A_WHISK_ACTIVATION_XXX";

/// The name the one action is deployed under in the server.
const ACTION: &str = "action";

struct Container {
    server: Arc<Server>,
    dialect: Dialect,
    initialized: Mutex<bool>,
    /// Activations write their log and markers whole, one after another.
    output: Mutex<()>,
}

/// The routes of `tracelab serve --openwhisk`, for actions in `dialect`.
pub fn router(server: Arc<Server>, dialect: Dialect) -> Router {
    let limit = server.config.body_limit;
    let container = Arc::new(Container {
        server,
        dialect,
        initialized: Mutex::new(false),
        output: Mutex::new(()),
    });
    Router::new()
        .route("/init", post(init))
        .route("/run", post(run))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such route") })
        .layer(DefaultBodyLimit::max(limit))
        .with_state(container)
}

async fn init(State(container): State<Arc<Container>>, JsonBody(doc): JsonBody) -> Response {
    let mut initialized = lock(&container.initialized);
    if *initialized {
        return error(
            StatusCode::FORBIDDEN,
            "Cannot initialize the action more than once.",
        );
    }
    let value = doc.get("value").unwrap_or(&Json::Null);
    if value.get("binary") == Some(&Json::Bool(true)) {
        return error(
            StatusCode::BAD_GATEWAY,
            "binary (zip) actions are not supported: send the source text as `code`",
        );
    }
    let code = match value.get("code").and_then(Json::as_str) {
        Some(code) if !code.trim().is_empty() => code,
        _ => return error(StatusCode::BAD_GATEWAY, "Missing main/no code to execute."),
    };
    let entry = value.get("main").and_then(Json::as_str).unwrap_or("main");
    let source = match with_entry(code, entry, container.dialect) {
        Ok(s) => s,
        Err(why) => return error(StatusCode::BAD_GATEWAY, why),
    };
    let program = match container.server.load(container.dialect, &source) {
        Ok(p) => p,
        Err(diagnostics) => return error(StatusCode::BAD_GATEWAY, diagnostics),
    };
    container.server.deploy(
        ACTION,
        Deployment {
            dialect: container.dialect,
            program,
            world: World::default(),
            limits: Limits::default_for(container.dialect),
        },
    );
    *initialized = true;
    json(StatusCode::OK, "{\"ok\":true}".to_string())
}

/// The source with `main` bound to the entry function, when OpenWhisk names another one: an
/// assignment appended to the module, which is what the languages themselves would do.
fn with_entry(code: &str, entry: &str, dialect: Dialect) -> Result<String, String> {
    if entry == "main" {
        return Ok(code.to_string());
    }
    let identifier = entry
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && entry
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if !identifier {
        return Err(format!("the entry point `{entry}` is not a function name"));
    }
    Ok(match dialect {
        Dialect::Py => format!("{code}\n\nmain = {entry}\n"),
        Dialect::Js => format!("{code}\n;var main = {entry};\n"),
    })
}

async fn run(State(container): State<Arc<Container>>, JsonBody(doc): JsonBody) -> Response {
    let Some(function) = container.server.get(ACTION) else {
        return error(
            StatusCode::BAD_GATEWAY,
            "Cannot invoke an uninitialized action.",
        );
    };
    let params = match doc.get("value") {
        Some(v) => v.clone(),
        None => Json::Object(Default::default()),
    };
    let started = std::time::Instant::now();
    let answer = match function.invoke(params).await {
        Ok(a) => a,
        Err(why) => {
            container.server.metrics.server_error();
            end_activation(&container, &[]);
            return error(StatusCode::INTERNAL_SERVER_ERROR, why);
        }
    };
    let ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    container.server.metrics.request(answer.phase(), ns);
    let record = answer.record();
    let (response, log) = response_of(&record);
    end_activation(&container, &log);
    response
}

/// The response OpenWhisk expects for a result record, and the record's log lines.
fn response_of(record: &str) -> (Response, Vec<String>) {
    // Read as inputs are, so numbers keep the literals the language wrote.
    let Ok(Json::Object(members)) = Json::parse_with_non_finite(record) else {
        return (
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "unreadable result record",
            ),
            Vec::new(),
        );
    };
    let log = match members.get("log") {
        Some(Json::Array(lines)) => lines
            .iter()
            .map(|l| l.as_str().unwrap_or_default().to_string())
            .collect(),
        _ => Vec::new(),
    };
    let response = if let Some(result) = members.get("ok") {
        match result {
            Json::Object(_) => json(StatusCode::OK, result.to_string()),
            _ => error(
                StatusCode::BAD_GATEWAY,
                "The action did not return a dictionary.",
            ),
        }
    } else if let Some(e) = members.get("error") {
        let kind = e.get("kind").and_then(Json::as_str).unwrap_or("Error");
        let message = e.get("message").and_then(Json::as_str).unwrap_or("");
        error(StatusCode::BAD_GATEWAY, format!("{kind}: {message}"))
    } else if let Some(limit) = members.get("limit").and_then(Json::as_str) {
        error(
            StatusCode::BAD_GATEWAY,
            format!("the action ran out of {limit}"),
        )
    } else {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "unreadable result record",
        )
    };
    (response, log)
}

/// The activation's log on stdout, then the end marker on stdout and stderr. Write errors
/// (a closed stdout) are ignored: the response still goes out.
fn end_activation(container: &Container, log: &[String]) {
    let _whole = lock(&container.output);
    let mut out = std::io::stdout().lock();
    for line in log {
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(out, "{END_MARKER}");
    let _ = out.flush();
    let _ = writeln!(std::io::stderr().lock(), "{END_MARKER}");
}
