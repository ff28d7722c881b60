//! Calls: the host API (`containerless.*`), the global library (`console.log`, `Math.*`,
//! `JSON.*`, `Object.keys`…), and method calls `o.m(args)`, which dispatch on the
//! receiver's type at run time (`if prim js.is_array(r) … else if prim js.is_string(r) …
//! else call r.m`) so that a trace records which one ran. Only the branches that exist for
//! the method's name are emitted. Methods that call closures come from the prelude.

use super::ir::*;
use super::Lowerer;
use crate::ast::{Expr as JsExpr, ExprKind as K, Ident};
use tracelab_ir::{EventKind, Expr, PrimOp, Span};

/// Array and string methods of Node that the subset does not implement: calling them is
/// reported, rather than failing at run time with "is not a function".
const UNIMPLEMENTED_METHODS: &[&str] = &[
    "fill",
    "flat",
    "flatMap",
    "findLast",
    "findLastIndex",
    "lastIndexOf",
    "keys",
    "values",
    "entries",
    "copyWithin",
    "reduceRight",
    "toSorted",
    "toReversed",
    "toSpliced",
    "with",
    "match",
    "matchAll",
    "search",
    "localeCompare",
    "normalize",
    "codePointAt",
    "toLocaleString",
    "toPrecision",
    "toExponential",
];

impl Lowerer<'_> {
    pub(super) fn call_expr(&mut self, callee: &JsExpr, args: &[JsExpr], span: Span) -> Expr {
        match &callee.kind {
            K::Member(obj, m) => {
                if let K::Ident(o) = &obj.kind {
                    if self.is_global(o) {
                        if let Some(x) = self.global_method(o, &m.name, args, callee.span) {
                            return x;
                        }
                    } else if self
                        .scopes
                        .iter()
                        .rev()
                        .find_map(|s| s.vars.get(o))
                        .is_some_and(|b| b.module)
                    {
                        return self.host_call(&m.name, args, callee.span);
                    }
                }
                self.method_call(obj, m, args, callee)
            }
            K::Ident(name) if self.is_global(name) => {
                match self.global_function(name, args, span) {
                    Some(x) => x,
                    None => self.plain_call(callee, args),
                }
            }
            K::Paren(inner) => self.call_expr(inner, args, span),
            _ => self.plain_call(callee, args),
        }
    }

    /// Lowers the arguments, binding those with effects to temporaries (so a callee check
    /// placed after them sees them evaluated, as in JavaScript).
    fn args(&mut self, args: &[JsExpr], pre: &mut Vec<Expr>) -> Vec<Expr> {
        args.iter()
            .map(|a| {
                let v = self.expr(a);
                self.bind_temp(v, "a", pre)
            })
            .collect()
    }

    /// `callee(args)` with V8's TypeError when the callee is not a function.
    fn plain_call(&mut self, callee: &JsExpr, args: &[JsExpr]) -> Expr {
        self.construct("call");
        let known_function = match &callee.kind {
            K::Ident(n) => self
                .scopes
                .iter()
                .rev()
                .find_map(|s| s.vars.get(n))
                .is_some_and(|b| b.kind == super::BindKind::Function),
            _ => false,
        };
        let f = self.expr(callee);
        if known_function {
            let args = args.iter().map(|a| self.expr(a)).collect();
            return call(f, args);
        }
        let mut pre = Vec::new();
        let ft = self.temp("f");
        pre.push(let_(&ft, f));
        let args = self.args(args, &mut pre);
        pre.push(self.check_function(var(&ft), callee));
        pre.push(call(var(&ft), args));
        block(pre)
    }

    /// How V8 names a callee in "… is not a function" (its CallPrinter): member chains as
    /// written, `o["k"]` as `o.k`, calls as `f(...)`; anything else as the source text.
    fn callee_text(&self, x: &JsExpr) -> String {
        match &x.kind {
            K::Ident(n) => n.clone(),
            K::Paren(inner) => self.callee_text(inner),
            K::Member(o, f) => format!("{}.{}", self.callee_text(o), f.name),
            K::Index(o, k) => match &k.kind {
                K::Str(s) if is_identifier(s) => format!("{}.{s}", self.callee_text(o)),
                _ => format!("{}[{}]", self.callee_text(o), self.callee_text(k)),
            },
            K::Call(f, _) => format!("{}(...)", self.callee_text(f)),
            _ => self.text(x.span).to_string(),
        }
    }

    fn check_function(&self, f: Expr, callee: &JsExpr) -> Expr {
        let message = format!("{} is not a function", self.callee_text(callee));
        let is_fn = prim(
            PrimOp::JsStrictEq,
            vec![prim(PrimOp::JsTypeof, vec![f]), string("function")],
        );
        if_(is_fn, vec![], vec![throw_error("TypeError", &message)])
    }

    fn method_call(&mut self, obj: &JsExpr, m: &Ident, args: &[JsExpr], callee: &JsExpr) -> Expr {
        let name = m.name.as_str();
        if UNIMPLEMENTED_METHODS.contains(&name) {
            self.unsupported(&format!("the method `{name}`"), m.span);
        }
        self.construct("method call");
        let mut pre = Vec::new();
        let r = self.expr(obj);
        let r = self.bind_temp(r, "r", &mut pre);
        let a = self.args(args, &mut pre);
        // The fallback: call the property, which must be a function.
        let generic = {
            let f = self.temp("m");
            block(vec![
                let_(&f, get(r.clone(), name)),
                self.check_function(var(&f), callee),
                call(var(&f), a.clone()),
            ])
        };
        let array = self.array_method(name, &r, &a);
        if array.is_some() {
            let sort = if name == "sort" && !a.is_empty() {
                "(compare)"
            } else {
                "()"
            };
            self.construct(&format!("array .{name}{sort}"));
        }
        let string_m = self.string_method(name, &r, &a);
        if string_m.is_some() {
            self.construct(&format!("string .{name}()"));
        }
        let number = match (name, a.len()) {
            ("toFixed", _) => Some(prim(PrimOp::JsNumToFixed, vec![r.clone(), arg(&a, 0)])),
            _ => None,
        };
        if number.is_some() {
            self.construct(&format!("number .{name}()"));
        }
        let mut node = generic;
        if let Some(n) = number {
            let is_number = prim(
                PrimOp::JsStrictEq,
                vec![prim(PrimOp::JsTypeof, vec![r.clone()]), string("number")],
            );
            node = if_(is_number, vec![n], vec![node]);
        }
        if let Some(s) = string_m {
            node = if_(
                prim(PrimOp::JsIsString, vec![r.clone()]),
                vec![s],
                vec![node],
            );
        }
        if let Some(x) = array {
            node = if_(
                prim(PrimOp::JsIsArray, vec![r.clone()]),
                vec![x],
                vec![node],
            );
        }
        if name == "toString" {
            self.construct(".toString()");
            // Every value but undefined and null has a toString; the `get` raises V8's error.
            let is_number = prim(
                PrimOp::JsStrictEq,
                vec![prim(PrimOp::JsTypeof, vec![r.clone()]), string("number")],
            );
            node = if_(
                is_number,
                vec![prim(PrimOp::JsNumToString, vec![r.clone(), arg(&a, 0)])],
                vec![
                    get(r.clone(), "toString"),
                    prim(PrimOp::JsToString, vec![r.clone()]),
                ],
            );
        }
        pre.push(node);
        block(pre)
    }

    fn array_method(&mut self, name: &str, r: &Expr, a: &[Expr]) -> Option<Expr> {
        use PrimOp::*;
        let with = |op: PrimOp, n: usize| {
            Some(prim(
                op,
                std::iter::once(r.clone())
                    .chain((0..n).map(|i| arg(a, i)))
                    .collect(),
            ))
        };
        let all = |op: PrimOp| {
            Some(prim(
                op,
                std::iter::once(r.clone())
                    .chain(a.iter().cloned())
                    .collect(),
            ))
        };
        match name {
            "push" => all(JsArrayPush),
            "pop" => with(JsArrayPop, 0),
            "shift" => with(JsArrayShift, 0),
            "unshift" => all(JsArrayUnshift),
            "indexOf" => with(JsArrayIndexOf, 2),
            "includes" => with(JsArrayIncludes, 2),
            "join" => with(JsArrayJoin, 1),
            "slice" => with(JsArraySlice, 2),
            "concat" => all(JsArrayConcat),
            "reverse" => with(JsArrayReverse, 0),
            "sort" if a.is_empty() => with(JsArraySort, 0),
            "map" | "filter" | "forEach" | "find" | "findIndex" | "some" | "every" | "sort" => {
                let f = self.prelude(&format!("$tl_{name}"));
                Some(call(f, vec![r.clone(), arg(a, 0)]))
            }
            "reduce" => {
                let (which, n) = if a.len() >= 2 {
                    ("$tl_reduce", 2)
                } else {
                    ("$tl_reduce1", 1)
                };
                let f = self.prelude(which);
                Some(call(
                    f,
                    std::iter::once(r.clone())
                        .chain((0..n).map(|i| arg(a, i)))
                        .collect(),
                ))
            }
            "at" => {
                let f = self.prelude("$tl_at");
                Some(call(f, vec![r.clone(), arg(a, 0)]))
            }
            "splice" => {
                let f = self.prelude("$tl_splice");
                let items = e(tracelab_ir::ExprKind::Array {
                    items: a.iter().skip(2).cloned().collect(),
                });
                Some(call(
                    f,
                    vec![r.clone(), num(a.len() as f64), arg(a, 0), arg(a, 1), items],
                ))
            }
            _ => None,
        }
    }

    fn string_method(&mut self, name: &str, r: &Expr, a: &[Expr]) -> Option<Expr> {
        use PrimOp::*;
        let with = |op: PrimOp, n: usize| {
            Some(prim(
                op,
                std::iter::once(r.clone())
                    .chain((0..n).map(|i| arg(a, i)))
                    .collect(),
            ))
        };
        match name {
            "charAt" => with(JsStrCharAt, 1),
            "charCodeAt" => with(JsStrCharCodeAt, 1),
            "indexOf" => with(JsStrIndexOf, 2),
            "includes" => with(JsStrIncludes, 2),
            "startsWith" => with(JsStrStartsWith, 2),
            "endsWith" => with(JsStrEndsWith, 2),
            "slice" => with(JsStrSlice, 2),
            "substring" => with(JsStrSubstring, 2),
            "split" => with(JsStrSplit, 2),
            "trim" => with(JsStrTrim, 0),
            "trimStart" => with(JsStrTrimStart, 0),
            "trimEnd" => with(JsStrTrimEnd, 0),
            "toUpperCase" => with(JsStrToUpperCase, 0),
            "toLowerCase" => with(JsStrToLowerCase, 0),
            "replace" => with(JsStrReplace, 2),
            "replaceAll" => with(JsStrReplaceAll, 2),
            "repeat" => with(JsStrRepeat, 1),
            "padStart" => with(JsStrPadStart, 2),
            "padEnd" => with(JsStrPadEnd, 2),
            "at" => {
                let f = self.prelude("$tl_at");
                Some(call(f, vec![r.clone(), arg(a, 0)]))
            }
            "concat" => Some(prim(
                Concat,
                std::iter::once(r.clone())
                    .chain(a.iter().cloned())
                    .collect(),
            )),
            _ => None,
        }
    }

    /// `containerless.m(args)` on the module object.
    fn host_call(&mut self, name: &str, args: &[JsExpr], span: Span) -> Expr {
        let mut lowered: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        let get_arg = |v: &mut Vec<Expr>| if v.is_empty() { undef() } else { v.remove(0) };
        if matches!(name, "listen" | "respond" | "get" | "post") {
            self.construct(&format!("containerless.{name}"));
        }
        match name {
            "listen" => {
                let cb = get_arg(&mut lowered);
                register(EventKind::Listen, undef(), cb)
            }
            "respond" => {
                let v = get_arg(&mut lowered);
                event(EventKind::Respond, v)
            }
            "get" | "post" => {
                let what = get_arg(&mut lowered);
                let cb = get_arg(&mut lowered);
                let kind = if name == "get" {
                    EventKind::Get
                } else {
                    EventKind::Post
                };
                register(kind, what, cb)
            }
            _ => {
                self.unsupported(&format!("`containerless.{name}`"), span);
                undef()
            }
        }
    }

    /// `Math.PI` and the like.
    pub(super) fn global_constant(&mut self, g: &str, field: &str, span: Span) -> Option<Expr> {
        let v = match (g, field) {
            ("Math", "PI") => std::f64::consts::PI,
            ("Math", "E") => std::f64::consts::E,
            ("Math", "LN2") => std::f64::consts::LN_2,
            ("Math", "LN10") => std::f64::consts::LN_10,
            ("Math", "SQRT2") => std::f64::consts::SQRT_2,
            ("Number", "MAX_SAFE_INTEGER") => 9007199254740991.0,
            ("Number", "MIN_SAFE_INTEGER") => -9007199254740991.0,
            ("Number", "EPSILON") => f64::EPSILON,
            ("Number", "MAX_VALUE") => f64::MAX,
            ("Number", "MIN_VALUE") => 5e-324,
            ("Number", "POSITIVE_INFINITY") => f64::INFINITY,
            ("Number", "NEGATIVE_INFINITY") => f64::NEG_INFINITY,
            ("Number", "NaN") => f64::NAN,
            ("Math" | "JSON" | "console" | "Object" | "Number" | "String" | "Array", _) => {
                self.unsupported(&format!("`{g}.{field}` as a value"), span);
                return Some(undef());
            }
            _ => return None,
        };
        self.construct("library constant");
        Some(num(v))
    }

    /// `Math.floor(x)`, `JSON.stringify(v)`, `console.log(…)`, `Object.keys(o)`….
    fn global_method(&mut self, g: &str, m: &str, args: &[JsExpr], span: Span) -> Option<Expr> {
        use PrimOp::*;
        let name = format!("{g}.{m}(…)");
        if crate::constructs::CONSTRUCTS.contains(&name.as_str()) {
            self.construct(&name);
        }
        let op = match (g, m) {
            ("console", "log") => {
                let a = args.iter().map(|a| self.expr(a)).collect();
                return Some(block(vec![
                    event(EventKind::Log, prim(JsFormat, a)),
                    undef(),
                ]));
            }
            ("Math", "max") | ("Math", "min") => {
                let a = args.iter().map(|a| self.expr(a)).collect();
                return Some(prim(if m == "max" { JsMathMax } else { JsMathMin }, a));
            }
            ("Math", "floor") => (JsMathFloor, 1),
            ("Math", "ceil") => (JsMathCeil, 1),
            ("Math", "round") => (JsMathRound, 1),
            ("Math", "abs") => (JsMathAbs, 1),
            ("Math", "sqrt") => (JsMathSqrt, 1),
            ("Math", "trunc") => (JsMathTrunc, 1),
            ("Math", "sign") => (JsMathSign, 1),
            ("Math", "pow") => (JsPow, 2),
            ("JSON", "stringify") => {
                if let Some(r) = args.get(1) {
                    if !matches!(r.kind, K::Null)
                        && !matches!(&r.kind, K::Ident(n) if n == "undefined")
                    {
                        self.unsupported("a replacer argument of `JSON.stringify`", r.span);
                    }
                }
                let mut pre = Vec::new();
                let a = self.args(args, &mut pre);
                pre.push(prim(JsJsonStringify, vec![arg(&a, 0), arg(&a, 2)]));
                return Some(block(pre));
            }
            ("JSON", "parse") => (JsJsonParse, 1),
            ("Object", "keys") => (JsObjectKeys, 1),
            ("Object", "values") => (JsObjectValues, 1),
            ("Object", "entries") => (JsObjectEntries, 1),
            ("Array", "isArray") => (JsIsArray, 1),
            ("Number", "isInteger") => (JsIsInteger, 1),
            ("Number", "parseFloat") => (JsParseFloat, 1),
            ("Number", "parseInt") => (JsParseInt, 2),
            ("Math" | "JSON" | "console" | "Object" | "Array" | "Number" | "String", _) => {
                self.unsupported(&format!("`{g}.{m}`"), span);
                return Some(undef());
            }
            _ => return None,
        };
        Some(self.fixed(op.0, op.1, args))
    }

    /// A primitive of fixed arity: missing arguments are `undefined`, extra ones are
    /// evaluated and dropped.
    fn fixed(&mut self, op: PrimOp, n: usize, args: &[JsExpr]) -> Expr {
        let mut pre = Vec::new();
        let a = if args.len() > n {
            self.args(args, &mut pre)
        } else {
            args.iter().map(|a| self.expr(a)).collect()
        };
        pre.push(prim(op, (0..n).map(|i| arg(&a, i)).collect()));
        block(pre)
    }

    /// `Number(x)`, `parseInt(s)`, `new`-less error constructors….
    fn global_function(&mut self, name: &str, args: &[JsExpr], span: Span) -> Option<Expr> {
        use PrimOp::*;
        let construct = format!("{name}(…)");
        if crate::constructs::CONSTRUCTS.contains(&construct.as_str()) {
            self.construct(&construct);
        }
        Some(match name {
            "Number" if args.is_empty() => num(0.0),
            "Number" => self.fixed(JsToNumber, 1, args),
            "String" if args.is_empty() => string(""),
            "String" => self.fixed(JsToString, 1, args),
            "Boolean" => self.fixed(JsTruthy, 1, args),
            "parseInt" => self.fixed(JsParseInt, 2, args),
            "parseFloat" => self.fixed(JsParseFloat, 1, args),
            "isNaN" => self.fixed(JsIsNan, 1, args),
            n if super::expr::is_error_class(n) => self.error_value(n, args),
            "require" => {
                self.construct("require('containerless')");
                match args {
                    [a] if matches!(&a.kind, K::Str(s) if s == "containerless") => {}
                    _ => self.unsupported("`require` of a module other than 'containerless'", span),
                }
                e(tracelab_ir::ExprKind::Object { fields: Vec::new() })
            }
            _ => return None,
        })
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

fn arg(a: &[Expr], i: usize) -> Expr {
    a.get(i).cloned().unwrap_or_else(undef)
}
