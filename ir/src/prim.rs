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

impl PrimOp {
    /// The unboxed fast path of the operation, if it has one: the function of
    /// `tracelab_runtime::fast` (named after the operation) that generated code tries before
    /// the generic primitive. It answers exactly as the primitive does, or `None` to let the
    /// primitive decide.
    pub fn fast_path(self) -> Option<&'static str> {
        use PrimOp::*;
        Some(match self {
            JsAdd => "js_add",
            JsSub => "js_sub",
            JsMul => "js_mul",
            JsDiv => "js_div",
            JsMod => "js_mod",
            JsLt => "js_lt",
            JsLe => "js_le",
            JsGt => "js_gt",
            JsGe => "js_ge",
            JsStrictEq => "js_strict_eq",
            JsStrictNe => "js_strict_ne",
            JsToNumber => "js_to_number",
            JsPos => "js_pos",
            PyAdd => "py_add",
            PySub => "py_sub",
            PyMul => "py_mul",
            PyIAdd => "py_iadd",
            PyFloorDiv => "py_floordiv",
            PyMod => "py_mod",
            PyLt => "py_lt",
            PyLe => "py_le",
            PyGt => "py_gt",
            PyGe => "py_ge",
            PyEq => "py_eq",
            PyNe => "py_ne",
            _ => return None,
        })
    }
}

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
    JsIsArray = "js.is_array", Exact(1), "`Array.isArray(a)`; also the receiver test of method calls";
    JsIsString = "js.is_string", Exact(1), "whether `a` is a string (the receiver test of method calls)";
    JsIterable = "js.iterable", Exact(1), "what `for … of` walks: an array itself, a string's code points; TypeError otherwise";
    JsFormat = "js.format", AtLeast(0), "`util.format(...args)`: the line `console.log` prints";
    JsArrayPush = "js.array_push", AtLeast(1), "`a.push(...xs)`, the new length";
    JsArrayPop = "js.array_pop", Exact(1), "`a.pop()`";
    JsArrayShift = "js.array_shift", Exact(1), "`a.shift()`";
    JsArrayUnshift = "js.array_unshift", AtLeast(1), "`a.unshift(...xs)`, the new length";
    JsArrayIndexOf = "js.array_index_of", Exact(3), "`a.indexOf(x, from)` (strict equality)";
    JsArrayIncludes = "js.array_includes", Exact(3), "`a.includes(x, from)` (SameValueZero)";
    JsArrayJoin = "js.array_join", Exact(2), "`a.join(sep)` (`,` when `sep` is undefined)";
    JsArraySlice = "js.array_slice", Exact(3), "`a.slice(start, end)`";
    JsArrayConcat = "js.array_concat", AtLeast(1), "`a.concat(...xs)` (arrays spread one level)";
    JsArrayReverse = "js.array_reverse", Exact(1), "`a.reverse()` in place";
    JsArraySort = "js.array_sort", Exact(1), "`a.sort()` without comparator: by UTF-16 string order, undefined last, stable";
    JsStrCharAt = "js.str_char_at", Exact(2), "`s.charAt(i)`";
    JsStrCharCodeAt = "js.str_char_code_at", Exact(2), "`s.charCodeAt(i)`";
    JsStrIndexOf = "js.str_index_of", Exact(3), "`s.indexOf(t, from)`";
    JsStrIncludes = "js.str_includes", Exact(3), "`s.includes(t, from)`";
    JsStrStartsWith = "js.str_starts_with", Exact(3), "`s.startsWith(t, pos)`";
    JsStrEndsWith = "js.str_ends_with", Exact(3), "`s.endsWith(t, end)`";
    JsStrSlice = "js.str_slice", Exact(3), "`s.slice(start, end)` in UTF-16 units";
    JsStrSubstring = "js.str_substring", Exact(3), "`s.substring(start, end)`";
    JsStrSplit = "js.str_split", Exact(3), "`s.split(sep, limit)` (string separator)";
    JsStrTrim = "js.str_trim", Exact(1), "`s.trim()`";
    JsStrTrimStart = "js.str_trim_start", Exact(1), "`s.trimStart()`";
    JsStrTrimEnd = "js.str_trim_end", Exact(1), "`s.trimEnd()`";
    JsStrToUpperCase = "js.str_to_upper_case", Exact(1), "`s.toUpperCase()`";
    JsStrToLowerCase = "js.str_to_lower_case", Exact(1), "`s.toLowerCase()`";
    JsStrReplace = "js.str_replace", Exact(3), "`s.replace(pattern, replacement)` with a string pattern";
    JsStrReplaceAll = "js.str_replace_all", Exact(3), "`s.replaceAll(pattern, replacement)` with a string pattern";
    JsStrRepeat = "js.str_repeat", Exact(2), "`s.repeat(n)` (RangeError on a bad count)";
    JsStrPadStart = "js.str_pad_start", Exact(3), "`s.padStart(n, fill)`";
    JsStrPadEnd = "js.str_pad_end", Exact(3), "`s.padEnd(n, fill)`";
    JsNumToFixed = "js.num_to_fixed", Exact(2), "`x.toFixed(digits)`";
    JsNumToString = "js.num_to_string", Exact(2), "`x.toString(radix)` of a number (radix 10 when undefined)";
    JsMathMax = "js.math_max", AtLeast(0), "`Math.max(...xs)`";
    JsMathMin = "js.math_min", AtLeast(0), "`Math.min(...xs)`";
    JsMathFloor = "js.math_floor", Exact(1), "`Math.floor(x)`";
    JsMathCeil = "js.math_ceil", Exact(1), "`Math.ceil(x)`";
    JsMathRound = "js.math_round", Exact(1), "`Math.round(x)` (halves toward +Infinity)";
    JsMathAbs = "js.math_abs", Exact(1), "`Math.abs(x)`";
    JsMathSqrt = "js.math_sqrt", Exact(1), "`Math.sqrt(x)`";
    JsMathTrunc = "js.math_trunc", Exact(1), "`Math.trunc(x)`";
    JsMathSign = "js.math_sign", Exact(1), "`Math.sign(x)`";
    JsJsonStringify = "js.json_stringify", Exact(2), "`JSON.stringify(v, null, indent)`";
    JsJsonParse = "js.json_parse", Exact(1), "`JSON.parse(s)`";
    JsObjectKeys = "js.object_keys", Exact(1), "`Object.keys(o)`";
    JsObjectValues = "js.object_values", Exact(1), "`Object.values(o)`";
    JsObjectEntries = "js.object_entries", Exact(1), "`Object.entries(o)`";
    JsIsInteger = "js.is_integer", Exact(1), "`Number.isInteger(x)`";
    JsParseInt = "js.parse_int", Exact(2), "`parseInt(s, radix)`";
    JsParseFloat = "js.parse_float", Exact(1), "`parseFloat(s)`";
    JsIsNan = "js.is_nan", Exact(1), "`isNaN(x)` (after ToNumber)";

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
