//! `tracelab-semantics`: the executable semantics of the tracelab core and trace language.
//!
//! The small-step machine with named rules ([`machine`]), the rule table the paper typesets
//! ([`rules`]) and tracing ([`trace`]: coverage of runs, trace trees, merge, statistics,
//! DOT). Values, the heap, the primitives, JSON, the world and outcomes are the base layer,
//! `tracelab-runtime`, which generated code links too: the machine and generated code run one
//! implementation of every primitive.
//! Pure: no file, network, clock or environment access; the CLI does the I/O.

pub mod machine;
pub mod rules;
pub mod trace;

pub use machine::{Config, Machine, Step};
