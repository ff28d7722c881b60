//! The management and invocation API: JSON over HTTP.
//!
//! | route | does |
//! |---|---|
//! | `PUT /functions/{name}` | deploys `{"language", "code", "world"?, "limits"?}`: 201, or 400 with the diagnostics |
//! | `POST /functions/{name}` | runs the body as the input: 200 with the result record |
//! | `GET /functions/{name}` | the function's phase, counters and trace statistics |
//! | `DELETE /functions/{name}` | removes it: 204 |
//! | `GET /functions` | every function with its language and phase |
//! | `GET /metrics` | Prometheus text |
//!
//! Errors are `{"error": MESSAGE}`: 400 for a body that is not JSON or not a deployment, 404
//! for an unknown function, 413 for a body over the limit, 500 if the server itself failed.

use crate::function::{language_name, Deployment};
use crate::Server;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Instant;
use tracelab_ir::Dialect;
use tracelab_runtime::json::Json;
use tracelab_runtime::{Limits, World};

/// The routes of `tracelab serve`.
pub fn router(server: Arc<Server>) -> Router {
    let limit = server.config.body_limit;
    Router::new()
        .route(
            "/functions/{name}",
            get(status).put(deploy).post(invoke).delete(remove),
        )
        .route("/functions", get(list))
        .route("/metrics", get(metrics))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such route") })
        .layer(DefaultBodyLimit::max(limit))
        .with_state(server)
}

/// A JSON response.
pub(crate) fn json(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// `{"error": message}` with a status.
pub(crate) fn error(status: StatusCode, message: impl Into<String>) -> Response {
    json(
        status,
        serde_json::json!({ "error": message.into() }).to_string(),
    )
}

/// A request body read as a JSON document, as inputs are read (numbers keep their literals).
/// Refused as a JSON error: 413 over the body limit, 400 when it is not UTF-8 JSON.
pub(crate) struct JsonBody(pub Json);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<JsonBody, Response> {
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                let status = rejection.status();
                let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    "the request body is over the size limit".to_string()
                } else {
                    format!("cannot read the request body: {}", rejection.body_text())
                };
                error(status, message)
            })?;
        let bad = |message: String| error(StatusCode::BAD_REQUEST, message);
        let text = std::str::from_utf8(&bytes)
            .map_err(|e| bad(format!("the request body is not UTF-8 text: {e}")))?;
        Json::parse(text)
            .map(JsonBody)
            .map_err(|e| bad(format!("the request body is not valid JSON: {e}")))
    }
}

async fn deploy(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    JsonBody(doc): JsonBody,
) -> Response {
    if name.is_empty() || name.len() > 200 {
        return error(
            StatusCode::BAD_REQUEST,
            "a function's name is 1 to 200 bytes",
        );
    }
    match deployment(&server, &doc) {
        Ok(d) => {
            let language = language_name(d.dialect);
            server.deploy(&name, d);
            json(
                StatusCode::CREATED,
                serde_json::json!({ "name": name, "language": language, "phase": "interpreted" })
                    .to_string(),
            )
        }
        Err(message) => error(StatusCode::BAD_REQUEST, message),
    }
}

/// Reads a deployment document; `Err` says what is wrong with it (for a program that does not
/// lower, the diagnostics as `tracelab check` prints them).
pub fn deployment(server: &Server, doc: &Json) -> Result<Deployment, String> {
    let Json::Object(members) = doc else {
        return Err(format!(
            "a deployment is an object {{\"language\", \"code\", \"world\"?, \"limits\"?}}, not {}",
            doc.kind_name()
        ));
    };
    if let Some(key) = members
        .keys()
        .find(|k| !["language", "code", "world", "limits"].contains(&k.as_str()))
    {
        return Err(format!(
            "unknown field `{key}`: a deployment has `language`, `code`, `world` and `limits`"
        ));
    }
    let dialect = match members.get("language").and_then(Json::as_str) {
        Some(language) => parse_language(language)?,
        None => return Err("`language` is missing: \"python\" or \"javascript\"".into()),
    };
    let Some(code) = members.get("code").and_then(Json::as_str) else {
        return Err("`code` is missing: the function's source text, as a string".into());
    };
    let world = match members.get("world") {
        None | Some(Json::Null) => World::default(),
        Some(doc) => World::from_doc(doc).map_err(|e| format!("`world`: {e}"))?,
    };
    let limits = match members.get("limits") {
        None | Some(Json::Null) => Limits::default_for(dialect),
        Some(doc) => limits(doc, dialect)?,
    };
    let program = server.load(dialect, code)?;
    Ok(Deployment {
        dialect,
        program,
        world,
        limits,
    })
}

pub fn parse_language(language: &str) -> Result<Dialect, String> {
    match language {
        "python" | "py" => Ok(Dialect::Py),
        "javascript" | "js" => Ok(Dialect::Js),
        other => Err(format!(
            "unknown language `{other}`: \"python\" or \"javascript\""
        )),
    }
}

/// `{"fuel"?, "memory"?, "max_depth"?}` over the language's defaults, within what one
/// invocation may take of the host.
fn limits(doc: &Json, dialect: Dialect) -> Result<Limits, String> {
    let Json::Object(members) = doc else {
        return Err(format!(
            "`limits` is an object {{\"fuel\"?, \"memory\"?, \"max_depth\"?}}, not {}",
            doc.kind_name()
        ));
    };
    let mut limits = Limits::default_for(dialect);
    for (key, value) in members {
        let (max, what): (u64, &str) = match key.as_str() {
            "fuel" => (u64::MAX, "fuel"),
            "memory" => (4 << 30, "memory (bytes, at most 4 GiB)"),
            "max_depth" => (100_000, "max_depth (at most 100000)"),
            other => {
                return Err(format!(
                    "unknown limit `{other}`: the limits are `fuel`, `memory` and `max_depth`"
                ))
            }
        };
        let n = match value {
            Json::Number(n) => n.literal().parse::<u64>().ok(),
            _ => None,
        }
        .filter(|&n| n > 0 && n <= max)
        .ok_or_else(|| format!("`limits.{key}`: expected a positive integer for {what}"))?;
        match key.as_str() {
            "fuel" => limits.fuel = n,
            "memory" => limits.memory_bytes = usize::try_from(n).unwrap_or(usize::MAX),
            _ => limits.max_depth = u32::try_from(n).unwrap_or(u32::MAX),
        }
    }
    Ok(limits)
}

async fn invoke(
    State(server): State<Arc<Server>>,
    Path(name): Path<String>,
    JsonBody(input): JsonBody,
) -> Response {
    let started = Instant::now();
    let Some(function) = server.get(&name) else {
        return error(
            StatusCode::NOT_FOUND,
            format!("no function is named `{name}`"),
        );
    };
    match function.invoke(input).await {
        Ok(answer) => {
            let ns = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
            server.metrics.request(answer.phase(), ns);
            json(StatusCode::OK, answer.record())
        }
        Err(why) => {
            server.metrics.server_error();
            error(StatusCode::INTERNAL_SERVER_ERROR, why)
        }
    }
}

async fn status(State(server): State<Arc<Server>>, Path(name): Path<String>) -> Response {
    match server.get(&name) {
        Some(f) => json(StatusCode::OK, f.status().to_string()),
        None => error(
            StatusCode::NOT_FOUND,
            format!("no function is named `{name}`"),
        ),
    }
}

async fn remove(State(server): State<Arc<Server>>, Path(name): Path<String>) -> Response {
    if server.remove(&name) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        error(
            StatusCode::NOT_FOUND,
            format!("no function is named `{name}`"),
        )
    }
}

async fn list(State(server): State<Arc<Server>>) -> Response {
    let functions: Vec<serde_json::Value> = server
        .list()
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name, "language": language_name(f.dialect), "phase": f.phase(),
            })
        })
        .collect();
    json(
        StatusCode::OK,
        serde_json::json!({ "functions": functions }).to_string(),
    )
}

async fn metrics(State(server): State<Arc<Server>>) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        server.metrics.render(),
    )
        .into_response()
}
