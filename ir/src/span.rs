//! Source spans: byte offsets into the file a node came from.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` in the source file. Serialized as `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        // Sources over 4 GiB are refused at read time, so offsets fit in u32.
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<(u32, u32)> for Span {
    fn from((start, end): (u32, u32)) -> Span {
        Span { start, end }
    }
}

impl From<Span> for (u32, u32) {
    fn from(s: Span) -> (u32, u32) {
        (s.start, s.end)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}
