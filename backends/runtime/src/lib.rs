//! `tracelab-runtime`: what generated code links, and what the small-step machine shares
//! with it, so that both run one implementation of every primitive.
//!
//! Values and the arena heap ([`value`]), primitives per language ([`prim`]), JSON in and out
//! ([`json`]), the world ([`world`]), limits and outcomes ([`outcome`]), and the execution
//! context of generated code ([`exec`]: cells, fuel, depth, the event queue, raising).
//! Pure: no file, network, clock or environment access.
#![forbid(unsafe_code)]

pub mod exec;
pub mod json;
pub mod outcome;
pub mod prim;
pub mod value;
pub mod world;

pub use exec::{Exit, Halt, Rt, R};
pub use outcome::{Limit, Limits, Outcome, OutcomeKind};
/// Re-exported so that generated crates parse inputs with the same JSON as the runtime.
pub use serde_json;
pub use value::{Heap, HeapObj, Loc, Value};
pub use world::World;
