//! The exclusion manifest `difftest/exclusions.json`: known, deliberate differences from the
//! real runtimes, each with a reason, `permanent` (outside the subset) or `temporary` (a
//! bug or gap to fix). The generators stay away from all of them. An entry may carry a
//! `signature` (substrings of the program, the oracle's record and tracelab's record that
//! all occur when the difference shows): a disagreement with the oracle that matches one
//! is counted as that exclusion hit, not as a disagreement.

use serde_json::Value;

pub const MANIFEST: &str = include_str!("../exclusions.json");

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub id: String,
    pub lang: String,
    pub status: String,
    pub reason: String,
    pub avoided_by: String,
    pub signature: Option<Signature>,
}

/// Substrings that identify an exclusion in a disagreement; an absent one matches anything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    pub source: Option<String>,
    pub oracle: Option<String>,
    pub tracelab: Option<String>,
}

impl Signature {
    pub fn matches(&self, source: &str, oracle: &str, tracelab: &str) -> bool {
        let has =
            |part: &Option<String>, text: &str| part.as_ref().is_none_or(|p| text.contains(p));
        has(&self.source, source) && has(&self.oracle, oracle) && has(&self.tracelab, tracelab)
    }
}

/// The exclusion of `lang` (`py`/`js`) whose signature a disagreement with the oracle
/// matches, if any.
pub fn hit<'a>(
    all: &'a [Exclusion],
    lang: &str,
    source: &str,
    oracle: &str,
    tracelab: &str,
) -> Option<&'a Exclusion> {
    all.iter().find(|e| {
        e.lang == lang
            && e.signature
                .as_ref()
                .is_some_and(|s| s.matches(source, oracle, tracelab))
    })
}

/// The manifest's entries, read once (none if it is malformed, which its test reports).
pub fn all() -> &'static [Exclusion] {
    static ALL: std::sync::OnceLock<Vec<Exclusion>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| load().unwrap_or_default())
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
            let signature = match item.get("signature") {
                None => None,
                Some(sig) => {
                    let part = |k: &str| match sig.get(k) {
                        None => Ok(None),
                        Some(Value::String(s)) if !s.is_empty() => Ok(Some(s.clone())),
                        Some(other) => Err(format!(
                            "exclusions.json: `signature.{k}` must be a non-empty string: {other}"
                        )),
                    };
                    let s = Signature {
                        source: part("source")?,
                        oracle: part("oracle")?,
                        tracelab: part("tracelab")?,
                    };
                    if s == Signature::default() {
                        return Err(format!("exclusions.json: an empty signature: {item}"));
                    }
                    Some(s)
                }
            };
            Ok(Exclusion {
                id: field("id")?,
                lang: field("lang")?,
                status,
                reason: field("reason")?,
                avoided_by: field("avoided_by")?,
                signature,
            })
        })
        .collect()
}
