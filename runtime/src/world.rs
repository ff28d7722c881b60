//! The world: what `get` and `post` answer — the tables of a world file, and optionally a
//! live world that answers from outside (real HTTP requests, made by the host at the edge).

use crate::json::{self, Json, JsonError};
use crate::prim::access;
use crate::value::{Heap, Value};
use indexmap::IndexMap;
use std::borrow::Cow;
use std::sync::Arc;
use tracelab_ir::{Dialect, EventKind};

/// `{"get": {URL: JSON}, "post": {URL: JSON}}`; a URL it lacks answers `undefined`/`None`,
/// unless a [`Live`] world answers it. Answers are read like inputs ([`Json`]), so each
/// language reads their numbers as it would.
#[derive(Clone, Default)]
pub struct World {
    pub get: IndexMap<String, Json>,
    pub post: IndexMap<String, Json>,
    /// Asked for the URLs the tables lack (`tracelab serve --live-world`).
    pub live: Option<Arc<dyn Live>>,
}

/// A world that answers from outside the run: the host implements it (the runtime itself does
/// no I/O). `None` is no answer: the URL is not one it serves, or the request failed.
pub trait Live: Send + Sync {
    /// `body` is the JSON text of a `post`'s body, when the request object has one.
    fn answer(&self, event: EventKind, url: &str, body: Option<&str>) -> Option<Json>;
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("World")
            .field("get", &self.get)
            .field("post", &self.post)
            .field("live", &self.live.is_some())
            .finish()
    }
}

/// Worlds are equal when their tables are and they share the same live world (or none).
impl PartialEq for World {
    fn eq(&self, other: &World) -> bool {
        let live = match (&self.live, &other.live) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        live && self.get == other.get && self.post == other.post
    }
}

impl World {
    /// Reads a world file. A text that is not JSON gives the byte offset of the problem; a
    /// document of another shape (`[]`, an unknown key) names what is wrong and where.
    pub fn from_json(text: &str) -> Result<World, JsonError> {
        World::from_doc(&Json::parse(text)?)
    }

    /// A world from a JSON document already read.
    pub fn from_doc(doc: &Json) -> Result<World, JsonError> {
        let Json::Object(members) = doc else {
            return Err(JsonError::shape(format!(
                "a world is an object {{\"get\": {{URL: answer}}, \"post\": {{URL: answer}}}}, \
                 not {}",
                doc.kind_name()
            )));
        };
        let mut world = World::default();
        for (key, table) in members {
            let entries = match key.as_str() {
                "get" => &mut world.get,
                "post" => &mut world.post,
                other => {
                    return Err(JsonError::shape(format!(
                        "unknown field `{other}`: a world has `get` and `post`"
                    )))
                }
            };
            let Json::Object(answers) = table else {
                return Err(JsonError::shape(format!(
                    "at `{key}`: the answers are an object {{URL: answer}}, not {}",
                    table.kind_name()
                )));
            };
            *entries = answers.clone();
        }
        Ok(world)
    }

    /// The tables' answer to a URL.
    pub fn lookup(&self, event: EventKind, url: &str) -> Option<&Json> {
        match event {
            EventKind::Get => self.get.get(url),
            EventKind::Post => self.post.get(url),
            _ => None,
        }
    }

    /// The answer to a `get` or `post` event whose argument is `arg` (a URL, or a request
    /// object `{url, body?}`), as a value of the run: the tables first, then the live world;
    /// with no answer, `undefined` / `None`. The machine and generated code both call this.
    pub fn answer(
        &self,
        event: EventKind,
        arg: &Value,
        dialect: Dialect,
        heap: &mut Heap,
    ) -> Value {
        let Some(url) = access::url_of(heap, arg) else {
            return json::missing(dialect);
        };
        let answer = match self.lookup(event, &url) {
            Some(json) => Some(Cow::Borrowed(json)),
            None => self.live.as_ref().and_then(|live| {
                let body = access::field_of(heap, arg, "body")
                    .and_then(|b| json::to_json_text(heap, dialect, &b).ok());
                live.answer(event, &url, body.as_deref()).map(Cow::Owned)
            }),
        };
        match answer {
            Some(json) => json::from_json(&json, dialect, heap),
            None => json::missing(dialect),
        }
    }

    /// The world file's JSON (the engines read back exactly this world).
    pub fn to_doc(&self) -> Json {
        Json::Object(IndexMap::from([
            ("get".to_string(), Json::Object(self.get.clone())),
            ("post".to_string(), Json::Object(self.post.clone())),
        ]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_world_is_an_object_of_two_tables() {
        let w = World::from_json(r#"{"get": {"u": 123456789012345678901234567890}}"#).unwrap();
        assert_eq!(
            w.lookup(EventKind::Get, "u")
                .map(Json::to_string)
                .as_deref(),
            Some("123456789012345678901234567890")
        );
        assert_eq!(World::from_doc(&w.to_doc()), Ok(w));
        assert_eq!(World::from_json("{}"), Ok(World::default()));
        for (text, says) in [
            ("[]", "not an array"),
            ("null", "not null"),
            (r#"{"gets": {}}"#, "unknown field `gets`"),
            (r#"{"get": []}"#, "at `get`"),
            ("{", "ends"),
        ] {
            let e = World::from_json(text).expect_err(text);
            assert!(e.to_string().contains(says), "{text}: {e}");
        }
    }
}
