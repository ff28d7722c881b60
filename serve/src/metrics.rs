//! `GET /metrics`: request counts and latency histograms per phase, fallbacks, compiles and
//! compile times, in the Prometheus text exposition format (version 0.0.4).

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

/// Which engine answered a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Interpreted,
    Compiled,
    /// The compiled code did not know the path; the interpreter answered.
    Fallback,
}

impl Phase {
    const ALL: [Phase; 3] = [Phase::Interpreted, Phase::Compiled, Phase::Fallback];

    fn label(self) -> &'static str {
        match self {
            Phase::Interpreted => "interpreted",
            Phase::Compiled => "compiled",
            Phase::Fallback => "fallback",
        }
    }
}

/// Upper bounds of the request-latency buckets, in seconds (10 µs … 10 s).
const LATENCY_BOUNDS: [f64; 13] = [
    1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 5e-3, 1e-2, 5e-2, 0.1, 1.0, 10.0,
];

/// Upper bounds of the compile-time buckets, in seconds.
const COMPILE_BOUNDS: [f64; 8] = [0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 60.0, 300.0];

/// A histogram with fixed buckets (cumulative counts are computed when printed).
struct Histogram<const N: usize> {
    bounds: &'static [f64; N],
    buckets: [AtomicU64; N],
    count: AtomicU64,
    /// The sum, in nanoseconds (an integer, so that it can be atomic).
    sum_ns: AtomicU64,
}

impl<const N: usize> Histogram<N> {
    fn new(bounds: &'static [f64; N]) -> Histogram<N> {
        Histogram {
            bounds,
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            count: AtomicU64::new(0),
            sum_ns: AtomicU64::new(0),
        }
    }

    fn observe(&self, ns: u64) {
        let seconds = ns as f64 / 1e9;
        if let Some(i) = self.bounds.iter().position(|&b| seconds <= b) {
            self.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        self.count.fetch_add(1, Ordering::Relaxed);
        self.sum_ns.fetch_add(ns, Ordering::Relaxed);
    }

    fn write(&self, out: &mut String, name: &str, labels: &str) {
        let mut cumulative = 0;
        let sep = if labels.is_empty() { "" } else { "," };
        for (bound, bucket) in self.bounds.iter().zip(&self.buckets) {
            cumulative += bucket.load(Ordering::Relaxed);
            let _ = writeln!(
                out,
                "{name}_bucket{{{labels}{sep}le=\"{bound}\"}} {cumulative}"
            );
        }
        let count = self.count.load(Ordering::Relaxed);
        let sum = self.sum_ns.load(Ordering::Relaxed) as f64 / 1e9;
        let braces = |extra: &str| {
            if labels.is_empty() && extra.is_empty() {
                String::new()
            } else {
                format!(
                    "{{{labels}{}{extra}}}",
                    if extra.is_empty() { "" } else { sep }
                )
            }
        };
        let _ = writeln!(out, "{name}_bucket{} {count}", braces("le=\"+Inf\""));
        let _ = writeln!(out, "{name}_sum{} {sum}", braces(""));
        let _ = writeln!(out, "{name}_count{} {count}", braces(""));
    }
}

/// The server's counters.
pub struct Metrics {
    latency: [Histogram<13>; 3],
    compile_seconds: Histogram<8>,
    errors: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics {
            latency: std::array::from_fn(|_| Histogram::new(&LATENCY_BOUNDS)),
            compile_seconds: Histogram::new(&COMPILE_BOUNDS),
            errors: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    /// A request answered in `ns` nanoseconds by the engine of `phase`.
    pub fn request(&self, phase: Phase, ns: u64) {
        let i = Phase::ALL.iter().position(|&p| p == phase).unwrap_or(0);
        self.latency[i].observe(ns);
    }

    /// A request the server could not answer (500).
    pub fn server_error(&self) {
        self.errors.fetch_add(1, Ordering::Relaxed);
    }

    /// A build that took `ms` milliseconds.
    pub fn compiled(&self, ms: u64) {
        self.compile_seconds.observe(ms.saturating_mul(1_000_000));
    }

    /// The exposition text.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP tracelab_request_duration_seconds Time to answer an invocation, by the engine that answered.\n\
             # TYPE tracelab_request_duration_seconds histogram\n",
        );
        for (phase, histogram) in Phase::ALL.iter().zip(&self.latency) {
            let labels = format!("phase=\"{}\"", phase.label());
            histogram.write(&mut out, "tracelab_request_duration_seconds", &labels);
        }
        let fallbacks = self.latency[2].count.load(Ordering::Relaxed);
        let _ = write!(
            out,
            "# HELP tracelab_fallbacks_total Compiled requests that met an unknown path and were interpreted.\n\
             # TYPE tracelab_fallbacks_total counter\n\
             tracelab_fallbacks_total {fallbacks}\n"
        );
        let compiles = self.compile_seconds.count.load(Ordering::Relaxed);
        let _ = write!(
            out,
            "# HELP tracelab_compiles_total Trace trees compiled to Rust.\n\
             # TYPE tracelab_compiles_total counter\n\
             tracelab_compiles_total {compiles}\n\
             # HELP tracelab_compile_duration_seconds Time to generate and build a trace tree's crate.\n\
             # TYPE tracelab_compile_duration_seconds histogram\n"
        );
        self.compile_seconds
            .write(&mut out, "tracelab_compile_duration_seconds", "");
        let errors = self.errors.load(Ordering::Relaxed);
        let _ = write!(
            out,
            "# HELP tracelab_server_errors_total Invocations the server failed to answer (500).\n\
             # TYPE tracelab_server_errors_total counter\n\
             tracelab_server_errors_total {errors}\n"
        );
        out
    }
}
