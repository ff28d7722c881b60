//! `tracelab-runtime`: the base layer, under both the small-step machine and generated code,
//! so that both run one implementation of every primitive.
//!
//! Values and the arena heap ([`value`]), primitives per language ([`prim`]), JSON in and out
//! ([`json`]), the world ([`world`]), limits and outcomes ([`outcome`]), and the counters the
//! limits bound with the checks of an activation ([`meter`]). The execution context of
//! generated code is the backend's (`tracelab-exec`). Pure: no file, network, clock or
//! environment access.
#![forbid(unsafe_code)]

pub mod fast;
pub mod json;
pub mod meter;
pub mod outcome;
pub mod prim;
pub mod value;
pub mod world;

pub use meter::{Meter, Refusal};
pub use outcome::{Limit, Limits, Outcome, OutcomeKind};
/// Re-exported so that generated crates parse inputs with the same JSON as the runtime.
pub use serde_json;
pub use value::{Heap, HeapObj, Loc, Value};
pub use world::World;
