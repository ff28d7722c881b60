//! `tracelab-semantics`: the executable semantics of the tracelab core and trace language.
//!
//! Values and the heap ([`value`]), primitives per language ([`prim`]), the small-step
//! machine with named rules ([`machine`]), the rule table the paper typesets ([`rules`]),
//! JSON in and out ([`json`]), the world ([`world`]), outcomes ([`outcome`]) and tracing
//! ([`trace`]: coverage of runs, trace trees, merge, statistics, DOT).
//! Pure: no file, network, clock or environment access; the CLI does the I/O.

pub mod json;
pub mod machine;
pub mod outcome;
pub mod prim;
pub mod rules;
pub mod trace;
pub mod value;
pub mod world;

pub use machine::{Config, Limits, Machine, Step};
pub use outcome::{Limit, Outcome, OutcomeKind};
pub use world::World;
