//! The constructs of the JavaScript subset: one name per distinct case of the lowering
//! ([`crate::lower`]), so that coverage can tell which forms a set of programs exercised.
//! The lowering records the name of every case it takes for the user's program (not for
//! the prelude) into a set, which [`crate::lower_program_with_constructs`] returns.

use std::collections::BTreeSet;

/// The names of the constructs one program used (each one of [`CONSTRUCTS`]).
pub type Constructs = BTreeSet<&'static str>;

/// Every construct of the subset: statements, expressions, then the library calls the
/// lowering knows by name (methods dispatch on the receiver's type at run time).
pub const CONSTRUCTS: &[&str] = &[
    // declarations and statements
    "var declaration",
    "let declaration",
    "const declaration",
    "function declaration",
    "function declaration in a block",
    "expression statement",
    "if",
    "block",
    "while",
    "do … while",
    "for",
    "for with per-iteration bindings",
    "for … of",
    "labeled statement",
    "labeled break / continue",
    "return",
    "break",
    "continue",
    "throw",
    "try … catch",
    "catch without a binding",
    "try … finally",
    // names and literals
    "identifier",
    "undefined / NaN / Infinity",
    "undeclared name",
    "temporal dead zone",
    "implicit global",
    "number literal",
    "string literal",
    "template literal",
    "boolean literal",
    "null",
    "array literal",
    "object literal",
    "object literal with computed or repeated keys",
    "function expression",
    "named function expression",
    // operators
    "typeof",
    "typeof of a global",
    "unary -",
    "unary +",
    "!",
    "++ / --",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "<",
    "<=",
    ">",
    ">=",
    "===",
    "!==",
    "==",
    "!=",
    "&&",
    "||",
    "??",
    "conditional ?:",
    "comma operator",
    "assignment",
    "compound assignment",
    "assignment to a field",
    "assignment to an index",
    "assignment to a const",
    // access and calls
    "member access",
    "index",
    "call",
    "method call",
    "error constructor",
    "library function as a value",
    "library constant",
    // the host API
    "require('containerless')",
    "containerless.listen",
    "containerless.respond",
    "containerless.get",
    "containerless.post",
    // the global library
    "console.log(…)",
    "Math.max(…)",
    "Math.min(…)",
    "Math.floor(…)",
    "Math.ceil(…)",
    "Math.round(…)",
    "Math.abs(…)",
    "Math.sqrt(…)",
    "Math.trunc(…)",
    "Math.sign(…)",
    "Math.pow(…)",
    "JSON.stringify(…)",
    "JSON.parse(…)",
    "Object.keys(…)",
    "Object.values(…)",
    "Object.entries(…)",
    "Array.isArray(…)",
    "Number.isInteger(…)",
    "Number.parseFloat(…)",
    "Number.parseInt(…)",
    "Number(…)",
    "String(…)",
    "Boolean(…)",
    "parseInt(…)",
    "parseFloat(…)",
    "isNaN(…)",
    // array methods
    "array .push()",
    "array .pop()",
    "array .shift()",
    "array .unshift()",
    "array .indexOf()",
    "array .includes()",
    "array .join()",
    "array .slice()",
    "array .concat()",
    "array .reverse()",
    "array .sort()",
    "array .sort(compare)",
    "array .map()",
    "array .filter()",
    "array .forEach()",
    "array .find()",
    "array .findIndex()",
    "array .some()",
    "array .every()",
    "array .reduce()",
    "array .at()",
    "array .splice()",
    // string methods
    "string .charAt()",
    "string .charCodeAt()",
    "string .indexOf()",
    "string .includes()",
    "string .startsWith()",
    "string .endsWith()",
    "string .slice()",
    "string .substring()",
    "string .split()",
    "string .trim()",
    "string .trimStart()",
    "string .trimEnd()",
    "string .toUpperCase()",
    "string .toLowerCase()",
    "string .replace()",
    "string .replaceAll()",
    "string .repeat()",
    "string .padStart()",
    "string .padEnd()",
    "string .at()",
    "string .concat()",
    // number methods
    "number .toFixed()",
    ".toString()",
];

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

    #[test]
    fn names_are_distinct() {
        let set: BTreeSet<&str> = CONSTRUCTS.iter().copied().collect();
        assert_eq!(set.len(), CONSTRUCTS.len());
    }

    /// Each name is recorded by some case of the lowering: literally, or (library calls)
    /// built from a method or function name that the lowering matches on.
    #[test]
    fn every_construct_is_recorded_by_the_lowering() {
        let lowering = [
            include_str!("lower/mod.rs"),
            include_str!("lower/stmt.rs"),
            include_str!("lower/expr.rs"),
            include_str!("lower/library.rs"),
        ]
        .concat();
        for name in CONSTRUCTS {
            // `array .sort(compare)`, `Math.floor(…)`, `containerless.get`: the name after
            // the dot; `Number(…)`: the function's name.
            let member = name.rsplit_once('.').map(|(_, m)| {
                m.trim_end_matches("(…)")
                    .trim_end_matches("(compare)")
                    .trim_end_matches("()")
            });
            let function = name.strip_suffix("(…)");
            let quoted = |s: &str| lowering.contains(&format!("\"{s}\""));
            let recorded =
                quoted(name) || member.is_some_and(quoted) || function.is_some_and(quoted);
            assert!(recorded, "no case of the lowering records `{name}`");
        }
    }

    #[test]
    fn a_program_reports_what_it_uses_and_not_the_prelude() {
        let c = used(
            "function main(p) { const xs = [3, 1]; xs.push(2); let s = 0;\n for (const x of xs) { s += x; }\n return xs.map((v) => v * 2).concat([s]); }",
        );
        for name in [
            "function declaration",
            "const declaration",
            "let declaration",
            "array literal",
            "array .push()",
            "for … of",
            "compound assignment",
            "array .map()",
            "function expression",
            "*",
            "array .concat()",
            "return",
        ] {
            assert!(c.contains(name), "{name} missing from {c:?}");
        }
        // The prelude's `map` is written with a `for` loop, `<` and `++`.
        for name in ["for", "<", "++ / --"] {
            assert!(!c.contains(name), "{name} reported from the prelude: {c:?}");
        }
    }

    #[test]
    fn lower_program_is_unchanged() {
        let src = "function main(p) { let t = 0; t = p.a ?? 1; return t; }";
        let plain = crate::lower_program(src).expect("lowers");
        let (with, c) = crate::lower_program_with_constructs(src).expect("lowers");
        assert_eq!(plain, with);
        assert!(c.contains("??") && c.contains("member access") && c.contains("assignment"));
    }
}
