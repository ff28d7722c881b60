//! Primitive operations: names and arities.
//!
//! Operators whose meaning differs between languages are qualified (`js.add` vs `py.add`,
//! `js.truthy` vs `py.truthy`); a frontend picks its own. The semantics crate gives each a
//! meaning; this crate only knows the name, the arity and the JSON/text spelling.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many arguments an operation takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arity {
    Exact(usize),
    AtLeast(usize),
}

impl Arity {
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exact(k) => n == k,
            Arity::AtLeast(k) => n >= k,
        }
    }
}

impl std::fmt::Display for Arity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arity::Exact(1) => write!(f, "1 argument"),
            Arity::Exact(k) => write!(f, "{k} arguments"),
            Arity::AtLeast(k) => write!(f, "at least {k} arguments"),
        }
    }
}

macro_rules! prim_ops {
    ($( $variant:ident = $name:literal, $arity:expr, $doc:literal; )*) => {
        /// A primitive operation (see the module documentation).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum PrimOp { $( #[doc = $doc] $variant, )* }

        impl PrimOp {
            /// Every operation, in declaration order.
            pub const ALL: &'static [PrimOp] = &[ $( PrimOp::$variant, )* ];

            /// The qualified name, as written in JSON and `.tl` files.
            pub fn name(self) -> &'static str {
                match self { $( PrimOp::$variant => $name, )* }
            }

            pub fn arity(self) -> Arity {
                match self { $( PrimOp::$variant => $arity, )* }
            }

            /// One line on what the operation does, for documentation.
            pub fn doc(self) -> &'static str {
                match self { $( PrimOp::$variant => $doc, )* }
            }

            pub fn from_name(name: &str) -> Option<PrimOp> {
                match name { $( $name => Some(PrimOp::$variant), )* _ => None }
            }
        }
    };
}

use Arity::{AtLeast, Exact};

prim_ops! {
    // ----- JavaScript (ECMAScript semantics on one f64 number type)
    JsAdd = "js.add", Exact(2), "`a + b`: numeric addition or string concatenation";
    JsSub = "js.sub", Exact(2), "`a - b` after ToNumber";
    JsMul = "js.mul", Exact(2), "`a * b` after ToNumber";
    JsDiv = "js.div", Exact(2), "`a / b` after ToNumber (IEEE division)";
    JsMod = "js.mod", Exact(2), "`a % b`: remainder with the sign of the dividend";
    JsPow = "js.pow", Exact(2), "`a ** b`";
    JsNeg = "js.neg", Exact(1), "unary `-a`";
    JsPos = "js.pos", Exact(1), "unary `+a` (ToNumber)";
    JsNot = "js.not", Exact(1), "`!a`";
    JsTruthy = "js.truthy", Exact(1), "ToBoolean";
    JsTypeof = "js.typeof", Exact(1), "`typeof a`";
    JsStrictEq = "js.strict_eq", Exact(2), "`a === b`";
    JsStrictNe = "js.strict_ne", Exact(2), "`a !== b`";
    JsLooseEq = "js.loose_eq", Exact(2), "`a == b` (abstract equality)";
    JsLooseNe = "js.loose_ne", Exact(2), "`a != b`";
    JsLt = "js.lt", Exact(2), "`a < b`";
    JsLe = "js.le", Exact(2), "`a <= b`";
    JsGt = "js.gt", Exact(2), "`a > b`";
    JsGe = "js.ge", Exact(2), "`a >= b`";
    JsToString = "js.to_string", Exact(1), "`String(a)`";
    JsToNumber = "js.to_number", Exact(1), "`Number(a)`";
    // ----- JavaScript library (frontends/js adds its operators below this line)

    // ----- Python (CPython 3.11 semantics: int and float apart, arbitrary-precision int)
    PyAdd = "py.add", Exact(2), "`a + b`";
    PySub = "py.sub", Exact(2), "`a - b`";
    PyMul = "py.mul", Exact(2), "`a * b` (also sequence repetition)";
    PyTrueDiv = "py.truediv", Exact(2), "`a / b` (always a float)";
    PyFloorDiv = "py.floordiv", Exact(2), "`a // b` (rounds toward negative infinity)";
    PyMod = "py.mod", Exact(2), "`a % b` (sign of the divisor)";
    PyPow = "py.pow", Exact(2), "`a ** b` (int with a negative exponent gives a float)";
    PyNeg = "py.neg", Exact(1), "unary `-a`";
    PyPos = "py.pos", Exact(1), "unary `+a`";
    PyNot = "py.not", Exact(1), "`not a`";
    PyTruthy = "py.truthy", Exact(1), "`bool(a)`";
    PyEq = "py.eq", Exact(2), "`a == b` (structural, int/float compare by value)";
    PyNe = "py.ne", Exact(2), "`a != b`";
    PyLt = "py.lt", Exact(2), "`a < b` (TypeError across unordered types)";
    PyLe = "py.le", Exact(2), "`a <= b`";
    PyGt = "py.gt", Exact(2), "`a > b`";
    PyGe = "py.ge", Exact(2), "`a >= b`";
    PyIs = "py.is", Exact(2), "`a is b`";
    PyIn = "py.in", Exact(2), "`a in b` (list membership, dict keys, substring)";
    PyStr = "py.str", Exact(1), "`str(a)`";
    PyRepr = "py.repr", Exact(1), "`repr(a)`";
    PyLen = "py.len", Exact(1), "`len(a)`";
    // ----- Python library (frontends/python adds its operators below this line)
    PyMethod = "py.method", AtLeast(2), "`recv.name(args…)`: a str/list/dict method (receiver, name as a string, arguments)";
    PyBuiltin = "py.builtin", AtLeast(1), "a builtin function without callables (`int`, `round`, `zip`…), named by its first argument";
    PyIter = "py.iter", Exact(1), "the sequence a `for` indexes: a list itself, else a new list of the items (dict keys, chars)";
    PySlice = "py.slice", Exact(4), "`a[start:stop:step]` (None for an omitted bound)";
    PyDelItem = "py.delitem", Exact(2), "`del a[k]`";
    PyIAdd = "py.iadd", Exact(2), "`a += b` (extends a list in place, else `a + b`)";
    PyUnpack = "py.unpack", Exact(2), "the items of an iterable unpacked into `n` targets (ValueError on a count mismatch)";
    PyFormat = "py.format", Exact(2), "`format(v, spec)` (f-string fields with a format spec)";

    // ----- errors, shared by both languages
    ErrorNew = "error.new", Exact(2), "an error object of class `kind` (a string) with a message";
    ErrorKind = "error.kind", Exact(1), "the class name of a thrown value";
    ErrorMessage = "error.message", Exact(1), "the message of an error object";
    ErrorIs = "error.is", Exact(2), "whether a thrown value is an error of the class named (or a subclass)";

    // ----- host-neutral helpers
    Concat = "str.concat", AtLeast(0), "concatenation of strings (template literals, f-strings)";
}

impl std::fmt::Display for PrimOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for PrimOp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for PrimOp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PrimOp, D::Error> {
        let name = String::deserialize(d)?;
        PrimOp::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown primitive operation `{name}`"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &op in PrimOp::ALL {
            assert!(seen.insert(op.name()), "duplicate name {}", op.name());
            assert_eq!(PrimOp::from_name(op.name()), Some(op));
        }
        assert_eq!(PrimOp::from_name("js.nonsense"), None);
    }
}
