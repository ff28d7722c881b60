//! The exclusion manifest `difftest/exclusions.json`: known, deliberate differences from the
//! real runtimes, each with a reason, `permanent` (outside the subset) or `temporary` (a
//! bug or gap to fix). The generators stay away from all of them.

use serde_json::Value;

pub const MANIFEST: &str = include_str!("../exclusions.json");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub id: String,
    pub lang: String,
    pub status: String,
    pub reason: String,
    pub avoided_by: String,
}

/// The manifest's entries; `Err` names what is malformed.
pub fn load() -> Result<Vec<Exclusion>, String> {
    let v: Value = serde_json::from_str(MANIFEST).map_err(|e| format!("exclusions.json: {e}"))?;
    let items = v
        .get("exclusions")
        .and_then(Value::as_array)
        .ok_or("exclusions.json: no `exclusions` array")?;
    items
        .iter()
        .map(|item| {
            let field = |k: &str| {
                item.get(k)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| format!("exclusions.json: an entry lacks `{k}`: {item}"))
            };
            let status = field("status")?;
            if status != "permanent" && status != "temporary" {
                return Err(format!("exclusions.json: bad status {status:?}"));
            }
            Ok(Exclusion {
                id: field("id")?,
                lang: field("lang")?,
                status,
                reason: field("reason")?,
                avoided_by: field("avoided_by")?,
            })
        })
        .collect()
}
