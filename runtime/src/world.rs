//! The world file: what `get` and `post` answer (design.md, "Host API").

use crate::json::{Json, JsonError};
use indexmap::IndexMap;
use tracelab_ir::EventKind;

/// `{"get": {URL: JSON}, "post": {URL: JSON}}`; a URL it lacks answers `undefined`/`None`.
/// Answers are read like inputs ([`Json`]), so each language reads their numbers as it would.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct World {
    pub get: IndexMap<String, Json>,
    pub post: IndexMap<String, Json>,
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

    pub fn lookup(&self, event: EventKind, url: &str) -> Option<&Json> {
        match event {
            EventKind::Get => self.get.get(url),
            EventKind::Post => self.post.get(url),
            _ => None,
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
