//! Values and the heap.
//!
//! Scalars are values; arrays, objects, closures and variable cells live in the heap, an
//! arena of one invocation: a location is an index, nothing is freed before the invocation
//! ends, and every byte allocated or written is counted against the memory limit. The
//! small-step machine and generated code share this heap, so a heap primitive has one
//! implementation. Identity (`===`, `is`) is location equality.

use indexmap::{Equivalent, IndexMap};
use num_bigint::BigInt;
use rustc_hash::FxBuildHasher;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use tracelab_ir::Ty;
use tracelab_prims::py::Int;

/// A heap location.
pub type Loc = u32;

// A C layout with a word-sized tag: three aligned words, no padding, every payload at
// offset 8, so that a value is copied whole. With payloads at odd offsets (a `bool` at 1, a
// `Loc` at 4) or padding after a byte tag, generated code copied values in odd-sized
// pieces, which stalls the processor's store forwarding.
#[derive(Clone, Debug)]
#[repr(C, u64)]
pub enum Value {
    Undefined,
    /// JavaScript `null` and Python `None`.
    Null,
    Bool(bool),
    /// Python's int (JavaScript programs use floats only).
    Int(Int),
    Float(f64),
    Str(Rc<str>),
    /// An array, object or closure.
    Ref(Loc),
}

impl PartialEq for Value {
    /// Syntactic equality of values (floats bitwise): what the determinism and replay
    /// properties compare. Language equality is a primitive (`js.strict_eq`, `py.eq`).
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Ref(a), Value::Ref(b)) => a == b,
            _ => false,
        }
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        match s.as_bytes() {
            [b] if b.is_ascii() => Value::ascii_char(*b),
            _ => Value::Str(Rc::from(s)),
        }
    }

    /// A one-character string.
    pub fn char(c: char) -> Value {
        match u8::try_from(c) {
            Ok(b) if b.is_ascii() => Value::ascii_char(b),
            _ => Value::Str(Rc::from(c.encode_utf8(&mut [0; 4]) as &str)),
        }
    }

    /// The one-character ASCII strings are shared, allocated once per thread: iterating or
    /// indexing a string (`for ch in s`, `s[i]`) then allocates nothing per character.
    fn ascii_char(b: u8) -> Value {
        thread_local! {
            static ASCII: Vec<Rc<str>> =
                (0u8..128).map(|b| Rc::from((b as char).encode_utf8(&mut [0; 4]) as &str)).collect();
        }
        ASCII.with(|table| Value::Str(table[usize::from(b & 0x7f)].clone()))
    }

    #[inline]
    pub fn int(n: i64) -> Value {
        Value::Int(Int::from_i64(n))
    }

    /// The type a type guard (`typed τ(e)`) sees in this value, if it has one of them.
    #[inline]
    pub fn ty(&self) -> Option<Ty> {
        match self {
            Value::Bool(_) => Some(Ty::Bool),
            Value::Int(i) if i.to_i64().is_some() => Some(Ty::Int),
            Value::Float(_) => Some(Ty::Float),
            Value::Str(_) => Some(Ty::Str),
            _ => None,
        }
    }

    /// The number of a float value (generated code's unboxed fast paths).
    #[inline]
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(*x),
            _ => None,
        }
    }

    /// The number of an int value that fits in `i64` (generated code's unboxed fast paths).
    #[inline]
    pub fn as_small_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => i.to_i64(),
            _ => None,
        }
    }

    /// An integer literal of generated code too big for `i64`.
    pub fn big_literal(digits: &str) -> Value {
        let n: BigInt = digits
            .parse()
            .expect("generated code writes integer literals in decimal");
        Value::bigint(n)
    }

    pub fn bigint(n: BigInt) -> Value {
        Value::Int(Int::from_bigint(n))
    }
}

/// A key of an object or dict. JavaScript keys are strings; Python dict keys are hashable
/// scalars, compared by value (`1 == 1.0 == True` are one key; the first key written is kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Str(Rc<str>),
    /// Integral numbers and booleans (`True` is the key `1`) that fit in `i64`.
    Int(i64),
    /// Integral numbers beyond `i64` (never one that fits: keys are canonical).
    Big(BigInt),
    /// Non-integral floats, by bits (NaN keys are all distinct in CPython; here they are one).
    Float(u64),
    Null,
}

impl Key {
    /// The key of an integral number (canonical: `i64` when it fits).
    pub fn int(n: BigInt) -> Key {
        match i64::try_from(&n) {
            Ok(small) => Key::Int(small),
            Err(_) => Key::Big(n),
        }
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        match self {
            // As `StrKey` hashes, so that a `&str` finds its key without allocating one.
            Key::Str(s) => StrKey(s).hash(state),
            Key::Int(n) => {
                state.write_u8(1);
                n.hash(state)
            }
            Key::Big(n) => {
                state.write_u8(4);
                n.hash(state)
            }
            Key::Float(bits) => {
                state.write_u8(2);
                bits.hash(state)
            }
            Key::Null => state.write_u8(3),
        }
    }
}

/// A string key, borrowed: looks up a [`Key::Str`] without allocating it.
struct StrKey<'a>(&'a str);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u8(0);
        self.0.hash(state)
    }
}

impl Equivalent<Key> for StrKey<'_> {
    fn equivalent(&self, key: &Key) -> bool {
        matches!(key, Key::Str(s) if **s == *self.0)
    }
}

/// The properties of an object: a map with insertion order.
#[derive(Clone, Debug, Default)]
pub struct Props {
    map: IndexMap<Key, (Value, Value), FxBuildHasher>,
}

impl PartialEq for Props {
    /// Equal entries in the same order (insertion order is observable: keys, printing).
    fn eq(&self, other: &Props) -> bool {
        self.map.len() == other.map.len() && self.map.iter().eq(other.map.iter())
    }
}

impl Props {
    /// Empty, with room for `n` entries: an object literal or a JSON object knows its size,
    /// and growing the map entry by entry rehashes it several times.
    pub fn with_capacity(n: usize) -> Props {
        Props {
            map: IndexMap::with_capacity_and_hasher(n, FxBuildHasher),
        }
    }

    pub fn get(&self, key: &Key) -> Option<&Value> {
        self.map.get(key).map(|(_, v)| v)
    }

    /// The value of the string key `name`, without allocating a key.
    pub fn get_str(&self, name: &str) -> Option<&Value> {
        self.map.get(&StrKey(name)).map(|(_, v)| v)
    }

    /// Writes the string key `name`: an existing key keeps its place, a new one goes last.
    pub fn insert_str(&mut self, name: &str, value: Value) {
        match self.map.get_mut(&StrKey(name)) {
            Some(slot) => slot.1 = value,
            None => {
                let name: Rc<str> = Rc::from(name);
                self.map
                    .insert(Key::Str(name.clone()), (Value::Str(name), value));
            }
        }
    }

    /// Inserts or overwrites; a new key goes last, an existing one keeps its place and its
    /// original key value.
    pub fn insert(&mut self, key: Key, key_value: Value, value: Value) {
        match self.map.get_mut(&key) {
            Some(slot) => slot.1 = value,
            None => {
                self.map.insert(key, (key_value, value));
            }
        }
    }

    /// Removes a key, keeping the order of the others.
    pub fn remove(&mut self, key: &Key) -> Option<Value> {
        self.map.shift_remove(key).map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries in insertion order: (key, original key value, value).
    pub fn entries(&self) -> impl Iterator<Item = (&Key, &Value, &Value)> + '_ {
        self.map.iter().map(|(k, (kv, v))| (k, kv, v))
    }
}

/// Something that lives in the heap.
#[derive(Clone, Debug, PartialEq)]
pub enum HeapObj {
    /// A variable's cell: environments map names to cells, so closures share variables.
    Cell(Value),
    /// A JS array, or a Python list (`tuple: false`) or tuple (`tuple: true`).
    Array { items: Vec<Value>, tuple: bool },
    /// A JS object or Python dict; `class` is set on error objects (`TypeError`, ...).
    Object {
        class: Option<Rc<str>>,
        props: Props,
    },
    /// A closure of a function of the program, with the cells it captured.
    Closure {
        func: Rc<str>,
        captures: Vec<(Rc<str>, Loc)>,
    },
}

/// The heap: an arena that never frees inside an invocation; `bytes` counts every byte
/// allocated or written, which the memory limit bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Heap {
    objects: Vec<HeapObj>,
    pub bytes: usize,
    /// The invocation's memory limit, which primitives that build large values ask about
    /// before they build ([`Heap::admit`]).
    budget: usize,
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::with_budget(usize::MAX)
    }
}

/// Approximate sizes: what the memory limit counts.
pub const CELL_BYTES: usize = 32;
pub const SLOT_BYTES: usize = 16;
pub const OBJECT_BYTES: usize = 64;
pub const ENTRY_BYTES: usize = 48;

impl Heap {
    /// An empty heap for an invocation whose memory limit is `budget` bytes.
    pub fn with_budget(budget: usize) -> Heap {
        Heap {
            objects: Vec::new(),
            bytes: 0,
            budget,
        }
    }

    /// A primitive about to build a value asks first, giving a cheap upper bound of its size
    /// and the exact size (computed only when the bound does not fit). When the value would
    /// take the heap over its budget, its bytes are charged now and the answer is `false`: the
    /// primitive builds nothing and returns at once, and the check after every primitive (the
    /// machine's step, generated code's `rt.prim`) ends the run with the memory limit. So a
    /// string that would blow the budget is never built, and the host's memory stays bounded.
    pub fn admit(&mut self, upper_bound: usize, exact: impl FnOnce() -> usize) -> bool {
        let room = self.budget.saturating_sub(self.bytes);
        if upper_bound <= room {
            return true;
        }
        let size = exact();
        if size <= room {
            return true;
        }
        self.bytes = self.bytes.saturating_add(size);
        false
    }

    pub fn alloc(&mut self, obj: HeapObj) -> Loc {
        self.bytes = self.bytes.saturating_add(size_of_obj(&obj));
        // The memory limit (at most 4 GiB of 16-byte slots) keeps the count below 2^32.
        let loc = Loc::try_from(self.objects.len()).expect("the memory limit bounds the heap");
        self.objects.push(obj);
        loc
    }

    /// A fresh variable cell holding `v` (a `let`, a parameter, a `catch` binding).
    pub fn cell(&mut self, v: Value) -> Loc {
        self.alloc(HeapObj::Cell(v))
    }

    pub fn get(&self, loc: Loc) -> Option<&HeapObj> {
        self.objects.get(loc as usize)
    }

    /// Mutable access; the caller charges what it writes with [`Heap::charge`].
    pub fn get_mut(&mut self, loc: Loc) -> Option<&mut HeapObj> {
        self.objects.get_mut(loc as usize)
    }

    /// Counts a value written into an existing object.
    pub fn charge(&mut self, written: &Value) {
        self.bytes = self.bytes.saturating_add(size_of_value(written));
    }

    pub fn len(&self) -> usize {
        self.objects.len()
    }

    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

pub fn size_of_value(v: &Value) -> usize {
    match v {
        Value::Str(s) => SLOT_BYTES + s.len(),
        Value::Int(i) => SLOT_BYTES + i.big().map_or(0, |b| (b.bits() as usize) / 8),
        _ => SLOT_BYTES,
    }
}

fn size_of_obj(obj: &HeapObj) -> usize {
    match obj {
        HeapObj::Cell(v) => CELL_BYTES + size_of_value(v),
        HeapObj::Array { items, .. } => {
            OBJECT_BYTES + items.iter().map(size_of_value).sum::<usize>()
        }
        HeapObj::Object { props, .. } => {
            OBJECT_BYTES
                + props
                    .entries()
                    .map(|(_, k, v)| ENTRY_BYTES + size_of_value(k) + size_of_value(v))
                    .sum::<usize>()
        }
        HeapObj::Closure { captures, .. } => OBJECT_BYTES + captures.len() * SLOT_BYTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_strings_are_shared_and_equal_to_fresh_ones() {
        for c in ['a', ' ', '\0', '\u{7f}', 'é', '☃', '😀'] {
            let fresh = Value::Str(Rc::from(c.to_string().as_str()));
            assert_eq!(Value::char(c), fresh, "{c:?}");
            assert_eq!(Value::str(&c.to_string()), fresh, "{c:?}");
        }
        let (Value::Str(a), Value::Str(b)) = (Value::char('x'), Value::str("x")) else {
            unreachable!("both are strings");
        };
        assert!(Rc::ptr_eq(&a, &b), "ASCII characters come from one table");
        assert_eq!(Value::str("xy"), Value::Str(Rc::from("xy")));
    }
}
