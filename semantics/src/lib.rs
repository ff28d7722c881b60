//! `tracelab-semantics`: the executable semantics of the tracelab core and trace language.
//!
//! The small-step machine with named rules ([`machine`]), the rule table the paper typesets
//! ([`rules`]) and tracing ([`trace`]: coverage of runs, trace trees, merge, statistics,
//! DOT). Values, the heap, the primitives, JSON, the world and outcomes come from
//! `tracelab-runtime`, which generated code links too, and are re-exported under their old
//! paths: the machine and generated code run one implementation of every primitive.
//! Pure: no file, network, clock or environment access; the CLI does the I/O.

pub mod machine;
pub mod rules;
pub mod trace;
pub use tracelab_runtime::{json, outcome, prim, value, world};

pub use machine::{Config, Machine, Step};
pub use outcome::{Limit, Limits, Outcome, OutcomeKind};
pub use world::World;
