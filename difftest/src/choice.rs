//! Choice bytes: a generated program is a deterministic function of a byte vector, and
//! running out of bytes always picks the first (simplest) option, so proptest's shrinking of
//! the vector (shorter, smaller bytes) shrinks the program (the trick of
//! `semantics/tests/common/gen.rs`).

pub struct Choices<'a> {
    bytes: &'a [u8],
    pos: usize,
    fresh: u32,
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Choices<'a> {
        Choices {
            bytes,
            pos: 0,
            fresh: 0,
        }
    }

    /// A number in `0..n` (`n > 0`); 0 once the bytes run out.
    pub fn choose(&mut self, n: usize) -> usize {
        match self.bytes.get(self.pos) {
            None => 0,
            Some(&b) => {
                self.pos += 1;
                b as usize % n
            }
        }
    }

    /// One of `items` (non-empty).
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.choose(items.len())].clone()
    }

    /// True with probability about 1/n; false once the bytes run out.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.bytes.get(self.pos).is_some() && self.choose(n) == n - 1
    }

    /// A name never generated before in this program.
    pub fn fresh(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }
}
