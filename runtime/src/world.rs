//! The world file: what `get` and `post` answer (design.md, "Host API").

use indexmap::IndexMap;
use serde::Deserialize;
use tracelab_ir::EventKind;

/// `{"get": {URL: JSON}, "post": {URL: JSON}}`; a URL it lacks answers `undefined`/`None`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct World {
    #[serde(default)]
    pub get: IndexMap<String, serde_json::Value>,
    #[serde(default)]
    pub post: IndexMap<String, serde_json::Value>,
}

impl World {
    /// Reads a world file; the error names the JSON path that is wrong.
    pub fn from_json(text: &str) -> Result<World, String> {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de)
            .map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))
    }

    pub fn lookup(&self, event: EventKind, url: &str) -> Option<&serde_json::Value> {
        match event {
            EventKind::Get => self.get.get(url),
            EventKind::Post => self.post.get(url),
            _ => None,
        }
    }
}
