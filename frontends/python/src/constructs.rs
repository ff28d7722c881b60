//! The constructs of the Python subset: one name per distinct case of the lowering
//! ([`crate::lower`]), so that coverage can tell which forms a set of programs exercised.
//! The lowering records the name of every case it takes for the user's program (not for
//! the prelude) into a set, which [`crate::lower_program_with_constructs`] returns.

use std::collections::BTreeSet;

/// The names of the constructs one program used (each one of [`CONSTRUCTS`]).
pub type Constructs = BTreeSet<&'static str>;

/// Every construct of the subset, statements first, in the order of the lowering.
pub const CONSTRUCTS: &[&str] = &[
    // module
    "handler main(args)",
    "handler lambda_handler(event, context)",
    "import containerless",
    // statements
    "expression statement",
    "assignment",
    "chained assignment",
    "subscript assignment",
    "unpacking assignment",
    "augmented assignment",
    "augmented subscript assignment",
    "def",
    "def with defaults",
    "return",
    "if",
    "while",
    "while with a call in its condition",
    "while … else",
    "for",
    // A `for` or comprehension clause over `range` with a literal step: counted, no list.
    "for … in range(…)",
    "for … else",
    "break",
    "continue",
    "pass",
    "del",
    "raise expression",
    "raise ExceptionClass",
    "raise ExceptionClass(…)",
    "bare raise",
    "try … except",
    "except … as name",
    "bare except",
    "except (A, B)",
    "try … else",
    "try … finally",
    "assert",
    "global",
    "nonlocal",
    // names and literals
    "name",
    "unbound name",
    "__name__",
    "int literal",
    "negative literal",
    "float literal",
    "string literal",
    "f-string",
    "f-string conversion",
    "f-string format spec",
    "True / False",
    "None",
    // displays and comprehensions
    "list display",
    "tuple display",
    "dict display",
    "dict display with computed keys",
    "list comprehension",
    "generator expression argument",
    "dict comprehension",
    "comprehension if",
    "lambda",
    "conditional expression",
    // operators
    "and",
    "or",
    "unary -",
    "unary +",
    "not",
    "binary +",
    "binary -",
    "binary *",
    "binary /",
    "binary //",
    "binary %",
    "binary **",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "is",
    "is not",
    "in",
    "not in",
    "chained comparison",
    // calls
    "call",
    "call with keywords or defaults",
    "method call",
    "list.sort(key=…, reverse=…)",
    "str.method(s)",
    "str.method as a value",
    "builtin as a value",
    "containerless.get",
    "containerless.post",
    "print(…)",
    "len(…) / repr(…)",
    "str(…)",
    "bool(…)",
    "sorted(…)",
    "min(…) / max(…)",
    "map(…) / filter(…)",
    "isinstance(…)",
    "dict(k=v)",
    "exception constructor",
    "builtin call",
    // access
    "attribute",
    "subscript",
    "slice",
];

/// The construct of a call of the builtin `b` (the cases of the lowering's `builtin_call`).
pub(crate) fn builtin(b: &str, exception: bool) -> &'static str {
    match b {
        _ if exception => "exception constructor",
        "print" => "print(…)",
        "len" | "repr" => "len(…) / repr(…)",
        "str" => "str(…)",
        "bool" => "bool(…)",
        "sorted" => "sorted(…)",
        "min" | "max" => "min(…) / max(…)",
        "map" | "filter" => "map(…) / filter(…)",
        "isinstance" => "isinstance(…)",
        _ => "builtin call",
    }
}

/// The entry of [`CONSTRUCTS`] called `name`.
pub(crate) fn lookup(name: &str) -> Option<&'static str> {
    let found = CONSTRUCTS.iter().copied().find(|c| *c == name);
    debug_assert!(found.is_some(), "`{name}` is not in CONSTRUCTS");
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(source: &str) -> Constructs {
        match crate::lower_program_with_constructs(source) {
            Ok((_, c)) => c,
            Err(d) => panic!("{source}\n{d:?}"),
        }
    }

    /// Each name is recorded by some case of the lowering (a name in the list only would
    /// never be exercised; a recorded name missing from the list fails `lookup`).
    #[test]
    fn every_construct_is_recorded_by_the_lowering() {
        let own = include_str!("constructs.rs");
        let helpers = &own[own.find("pub(crate) fn builtin").expect("the helper")..];
        let lowering = [
            include_str!("lower.rs"),
            include_str!("lower/stmt.rs"),
            include_str!("lower/expr.rs"),
            include_str!("lower/builtins.rs"),
            helpers,
        ]
        .concat();
        for name in CONSTRUCTS {
            assert!(
                lowering.contains(&format!("\"{name}\"")),
                "no case of the lowering records `{name}`"
            );
        }
    }

    #[test]
    fn names_are_distinct() {
        let set: BTreeSet<&str> = CONSTRUCTS.iter().copied().collect();
        assert_eq!(set.len(), CONSTRUCTS.len());
    }

    #[test]
    fn a_program_reports_what_it_uses_and_not_the_prelude() {
        let c = used("def main(args):\n    xs = [3, 1]\n    xs.append(2)\n    for i in range(2):\n        xs[i] += 1\n    return sorted(xs, key=lambda v: -v)\n");
        for name in [
            "handler main(args)",
            "def",
            "assignment",
            "list display",
            "method call",
            // A `for` or comprehension clause over `range` with a literal step: counted, no list.
            "for … in range(…)",
            "augmented subscript assignment",
            "sorted(…)",
            "lambda",
            "unary -",
            "return",
        ] {
            assert!(c.contains(name), "{name} missing from {c:?}");
        }
        // The prelude's `sorted` is written with `if`, `is` and a comprehension.
        for name in ["if", "is", "list comprehension"] {
            assert!(!c.contains(name), "{name} reported from the prelude: {c:?}");
        }
    }

    #[test]
    fn lower_program_is_unchanged() {
        let src = "def main(args):\n    return [x * 2 for x in args if x]\n";
        let plain = crate::lower_program(src).expect("lowers");
        let (with, c) = crate::lower_program_with_constructs(src).expect("lowers");
        assert_eq!(plain, with);
        assert!(c.contains("list comprehension") && c.contains("comprehension if"));
    }
}
