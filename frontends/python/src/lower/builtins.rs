//! Calls: user functions (with default and keyword arguments filled in statically when
//! the callee is a name bound by a single `def`), builtins, methods, exception classes
//! and the `containerless` host API.

use super::{let_, prim, sp, str_lit, var, Binding, Lowerer};
use crate::ast::{self, Arg, ExprKind as A};
use tracelab_ir::{EventKind, Expr, ExprKind, Field, FunDef, PrimOp, Span};

const EXCEPTIONS: &[&str] = &[
    "BaseException",
    "Exception",
    "ArithmeticError",
    "AssertionError",
    "AttributeError",
    "IndexError",
    "KeyError",
    "LookupError",
    "MemoryError",
    "NameError",
    "NotImplementedError",
    "OverflowError",
    "RecursionError",
    "RuntimeError",
    "StopIteration",
    "TypeError",
    "UnboundLocalError",
    "ValueError",
    "ZeroDivisionError",
];

/// Builtins of the subset, called directly through `py.builtin`.
const VIA_BUILTIN: &[&str] = &[
    "int",
    "float",
    "abs",
    "round",
    "sum",
    "reversed",
    "range",
    "enumerate",
    "zip",
    "list",
    "dict",
    "tuple",
    "any",
    "all",
    "chr",
    "ord",
];

/// Builtins written in the prelude (they take callables).
const PRELUDE_FNS: &[&str] = &["sorted", "min", "max", "map", "filter", "list_sort"];

/// Other CPython builtins: recognised so that using them is a named diagnostic.
const OTHER: &[&str] = &[
    "set",
    "frozenset",
    "type",
    "open",
    "input",
    "iter",
    "next",
    "hash",
    "id",
    "hex",
    "bin",
    "oct",
    "divmod",
    "pow",
    "format",
    "getattr",
    "setattr",
    "hasattr",
    "delattr",
    "vars",
    "dir",
    "callable",
    "bytes",
    "bytearray",
    "object",
    "super",
    "property",
    "staticmethod",
    "classmethod",
    "globals",
    "locals",
    "exit",
    "quit",
    "issubclass",
    "memoryview",
    "slice",
    "complex",
    "ascii",
    "breakpoint",
    "compile",
    "eval",
    "exec",
    "help",
    "aiter",
    "anext",
    "__import__",
];

/// CPython's str/list/dict/tuple method names outside the subset: calling one is diagnosed
/// (a name no builtin type has stays a run-time AttributeError, as in CPython).
const OTHER_METHODS: &[&str] = &[
    "capitalize",
    "casefold",
    "center",
    "encode",
    "expandtabs",
    "format_map",
    "isalnum",
    "isascii",
    "isdecimal",
    "isidentifier",
    "islower",
    "isnumeric",
    "isprintable",
    "isspace",
    "istitle",
    "isupper",
    "ljust",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "splitlines",
    "swapcase",
    "title",
    "translate",
    "zfill",
    "fromkeys",
    "popitem",
];

const TYPES: &[&str] = &["int", "float", "str", "bool", "list", "dict", "tuple"];

pub fn is_exception(n: &str) -> bool {
    EXCEPTIONS.contains(&n)
}

pub fn prelude_has(n: &str) -> bool {
    PRELUDE_FNS.contains(&n)
}

pub fn is_builtin(n: &str) -> bool {
    is_exception(n)
        || VIA_BUILTIN.contains(&n)
        || OTHER.contains(&n)
        || PRELUDE_FNS[..5].contains(&n)
        || matches!(n, "len" | "str" | "repr" | "bool" | "print" | "isinstance")
}

/// Builtins that may be passed as values (`key=len`, `map(str, xs)`): one parameter.
const AS_VALUE: &[&str] = &[
    "len", "str", "repr", "bool", "int", "float", "abs", "list", "tuple", "sorted", "sum", "min",
    "max", "reversed",
];

impl Lowerer {
    /// A builtin used as a value: a closure of a wrapper function.
    /// `str.lower` used as a value (`key=str.lower`).
    pub(super) fn method_value(&mut self, ty: &str, m: &str, span: Span) -> Expr {
        if OTHER_METHODS.contains(&m) {
            self.unsupported(&format!("the method `{ty}.{m}`"), span);
            return Expr::new(ExprKind::Null);
        }
        let key = format!("{ty}.{m}");
        self.builtin_wrappers.insert(key.clone());
        sp(
            ExprKind::Closure {
                func: format!("$builtin_{key}"),
            },
            span,
        )
    }

    pub(super) fn builtin_value(&mut self, b: &str, span: Span, _out: &mut [Expr]) -> Expr {
        if AS_VALUE.contains(&b) {
            self.construct("builtin as a value");
            self.builtin_wrappers.insert(b.to_string());
            return sp(
                ExprKind::Closure {
                    func: format!("$builtin_{b}"),
                },
                span,
            );
        }
        self.unsupported(&format!("the builtin `{b}` used as a value"), span);
        Expr::new(ExprKind::Null)
    }

    /// `def $builtin_len(x): return len(x)`, lowered directly.
    pub(super) fn builtin_wrapper(&mut self, b: &str) {
        let x = "x".to_string();
        let body = match b {
            // `str.lower` as a value: the method of its one argument.
            _ if b.contains('.') => {
                let method = b.split_once('.').map(|(_, m)| m).unwrap_or(b);
                prim(PrimOp::PyMethod, vec![var(&x), str_lit(method)])
            }
            "len" => prim(PrimOp::PyLen, vec![var(&x)]),
            "str" => prim(PrimOp::PyStr, vec![var(&x)]),
            "repr" => prim(PrimOp::PyRepr, vec![var(&x)]),
            "bool" => prim(PrimOp::PyTruthy, vec![var(&x)]),
            "sorted" | "min" | "max" => {
                self.prelude_used.insert(b.to_string());
                let args = match b {
                    "sorted" => vec![
                        var(&x),
                        Expr::new(ExprKind::Null),
                        Expr::new(ExprKind::Bool { value: false }),
                    ],
                    _ => vec![
                        var(&x),
                        Expr::new(ExprKind::Null),
                        Expr::new(ExprKind::Bool { value: false }),
                        Expr::new(ExprKind::Null),
                    ],
                };
                Expr::new(ExprKind::Call {
                    callee: Box::new(Expr::new(ExprKind::Closure {
                        func: format!("${b}"),
                    })),
                    args,
                })
            }
            _ => prim(PrimOp::PyBuiltin, vec![str_lit(b), var(&x)]),
        };
        let name = format!("$builtin_{b}");
        self.names.insert(name.clone());
        self.functions.push(FunDef {
            name,
            params: vec![x],
            captures: vec![],
            body: vec![body],
            span: None,
        });
        if matches!(b, "sorted" | "min" | "max") {
            // The prelude may now be needed: lower it (again, for the new functions only).
            let wrappers = std::mem::take(&mut self.builtin_wrappers);
            self.prelude();
            self.builtin_wrappers = wrappers;
        }
    }

    /// Positional values in order, keyword values by name; star arguments are reported.
    fn arguments(&mut self, args: &[Arg], out: &mut Vec<Expr>) -> (Vec<Expr>, Vec<(String, Expr)>) {
        let mut pos = Vec::new();
        let mut kws = Vec::new();
        for (k, a) in args.iter().enumerate() {
            let later = args[k + 1..].iter().any(|a| match a {
                Arg::Positional(e) | Arg::Keyword(_, e) | Arg::Star(e) => e.has_call(),
            });
            match a {
                Arg::Positional(e) => {
                    self.genexp_ok = args.len() == 1;
                    let v = self.atom(e, later, out);
                    self.genexp_ok = false;
                    pos.push(v);
                }
                Arg::Keyword(n, e) => {
                    let v = self.atom(e, later, out);
                    kws.push((n.clone(), v));
                }
                Arg::Star(e) => self.unsupported("`*args` / `**kwargs` in calls", e.span),
            }
        }
        (pos, kws)
    }

    pub(super) fn call(
        &mut self,
        f: &ast::Expr,
        args: &[Arg],
        span: Span,
        out: &mut Vec<Expr>,
    ) -> Expr {
        match &f.kind {
            A::Name(n) => {
                if self.in_prelude {
                    if let Some(op) = n.strip_prefix("_prim_") {
                        let (pos, _) = self.arguments(args, out);
                        let op = PrimOp::from_name(&format!("py.{op}"));
                        let e = match op {
                            Some(op) => sp(ExprKind::Prim { op, args: pos }, span),
                            None => {
                                let mut a = vec![str_lit(&n["_prim_".len()..])];
                                a.extend(pos);
                                sp(
                                    ExprKind::Prim {
                                        op: PrimOp::PyBuiltin,
                                        args: a,
                                    },
                                    span,
                                )
                            }
                        };
                        return self.named(e, out);
                    }
                }
                match self.resolve(n) {
                    Binding::Builtin(b) => return self.builtin_call(&b, args, span, out),
                    Binding::Var { depth, core } => {
                        let sig = self.stack[depth].info.defs.get(n).cloned();
                        if let Some(sig) = sig.filter(|_| core == *n) {
                            let defaults = self.stack[depth].defaults.get(n).cloned();
                            return self.static_call(f, &sig, defaults, depth, args, span, out);
                        }
                    }
                    Binding::Missing => {}
                }
            }
            A::Attribute(o, m) => return self.method_call(o, m, args, span, out),
            _ => {}
        }
        self.construct("call");
        let callee = self.atom(f, args_have_call(args), out);
        let (pos, kws) = self.arguments(args, out);
        if let Some((k, _)) = kws.first() {
            self.unsupported(
                &format!("keyword argument `{k}` to a callee not known statically"),
                span,
            );
        }
        self.named(
            sp(
                ExprKind::Call {
                    callee: Box::new(callee),
                    args: pos,
                },
                span,
            ),
            out,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn static_call(
        &mut self,
        f: &ast::Expr,
        sig: &super::scope::Signature,
        defaults: Option<Vec<Option<String>>>,
        depth: usize,
        args: &[Arg],
        span: Span,
        out: &mut Vec<Expr>,
    ) -> Expr {
        let callee = self.atom(f, args_have_call(args), out);
        let (pos, kws) = self.arguments(args, out);
        let fname = match &f.kind {
            A::Name(n) => n.clone(),
            _ => String::new(),
        };
        if kws.is_empty() && defaults.is_none() {
            self.construct("call");
            return self.named(
                sp(
                    ExprKind::Call {
                        callee: Box::new(callee),
                        args: pos,
                    },
                    span,
                ),
                out,
            );
        }
        self.construct("call with keywords or defaults");
        let mut slots: Vec<Option<Expr>> = vec![None; sig.params.len().max(pos.len())];
        for (k, v) in pos.into_iter().enumerate() {
            slots[k] = Some(v);
        }
        for (k, v) in kws {
            match sig.params.iter().position(|p| *p == k) {
                Some(i) if slots[i].is_some() => {
                    out.push(super::raise(
                        "TypeError",
                        &format!("{fname}() got multiple values for argument '{k}'"),
                    ));
                }
                Some(i) => slots[i] = Some(v),
                None => out.push(super::raise(
                    "TypeError",
                    &format!("{fname}() got an unexpected keyword argument '{k}'"),
                )),
            }
        }
        let mut final_args = Vec::new();
        for (i, s) in slots.into_iter().enumerate() {
            match s {
                Some(v) => final_args.push(v),
                None => match defaults.as_ref().and_then(|d| d.get(i).cloned().flatten()) {
                    Some(cell) => {
                        self.use_core(&cell, depth);
                        final_args.push(var(&cell));
                    }
                    // A missing argument: stop here so the machine reports CPython's message.
                    None => break,
                },
            }
        }
        self.named(
            sp(
                ExprKind::Call {
                    callee: Box::new(callee),
                    args: final_args,
                },
                span,
            ),
            out,
        )
    }

    fn method_call(
        &mut self,
        o: &ast::Expr,
        m: &str,
        args: &[Arg],
        span: Span,
        out: &mut Vec<Expr>,
    ) -> Expr {
        if let A::Name(n) = &o.kind {
            if matches!(n.as_str(), "str" | "list" | "dict")
                && matches!(self.resolve(n), Binding::Builtin(_))
            {
                // `str.lower(s)`: the method called on its first argument.
                self.construct("str.method(s)");
                let (pos, kws) = self.arguments(args, out);
                if !kws.is_empty() || OTHER_METHODS.contains(&m) {
                    self.unsupported(&format!("`{n}.{m}(…)` with these arguments"), span);
                    return Expr::new(ExprKind::Null);
                }
                let Some((recv, rest)) = pos.split_first() else {
                    out.push(super::raise(
                        "TypeError",
                        &format!("unbound method {n}.{m}() needs an argument"),
                    ));
                    return Expr::new(ExprKind::Null);
                };
                let mut a = vec![recv.clone(), str_lit(m)];
                a.extend(rest.iter().cloned());
                return self.named(
                    sp(
                        ExprKind::Prim {
                            op: PrimOp::PyMethod,
                            args: a,
                        },
                        span,
                    ),
                    out,
                );
            }
            if n == "containerless"
                && self.containerless
                && matches!(self.resolve(n), Binding::Var { .. } | Binding::Missing)
            {
                let (pos, kws) = self.arguments(args, out);
                if !kws.is_empty() {
                    self.unsupported("keyword arguments to `containerless` calls", span);
                }
                let arg = match (m, pos.len()) {
                    ("get", 1) => pos[0].clone(),
                    ("post", 1 | 2) => {
                        let body = pos.get(1).cloned().unwrap_or(Expr::new(ExprKind::Null));
                        let field = |name: &str, value: Expr| Field {
                            name: name.into(),
                            value,
                        };
                        Expr::new(ExprKind::Object {
                            fields: vec![field("url", pos[0].clone()), field("body", body)],
                        })
                    }
                    _ => {
                        self.unsupported(
                            &format!("`containerless.{m}` with {} arguments", pos.len()),
                            span,
                        );
                        return Expr::new(ExprKind::Null);
                    }
                };
                self.construct(if m == "get" {
                    "containerless.get"
                } else {
                    "containerless.post"
                });
                let event = if m == "get" {
                    EventKind::Get
                } else {
                    EventKind::Post
                };
                return self.named(
                    sp(
                        ExprKind::Event {
                            event,
                            arg: Box::new(arg),
                        },
                        span,
                    ),
                    out,
                );
            }
        }
        if OTHER_METHODS.contains(&m) {
            self.unsupported(&format!("the method `.{m}()`"), span);
            return Expr::new(ExprKind::Null);
        }
        let recv = self.atom(o, args_have_call(args), out);
        let (pos, kws) = self.arguments(args, out);
        if m == "sort" && !kws.is_empty() {
            self.construct("list.sort(key=…, reverse=…)");
            let mut key = Expr::new(ExprKind::Null);
            let mut reverse = Expr::new(ExprKind::Bool { value: false });
            for (k, v) in kws {
                match k.as_str() {
                    "key" => key = v,
                    "reverse" => reverse = v,
                    _ => self.unsupported(&format!("keyword argument `{k}` to `sort`"), span),
                }
            }
            return self.prelude_call("list_sort", vec![recv, key, reverse], span, out);
        }
        if let Some((k, _)) = kws.first() {
            self.unsupported(&format!("keyword argument `{k}` to the method `{m}`"), span);
        }
        self.construct("method call");
        let mut a = vec![recv, str_lit(m)];
        a.extend(pos);
        self.named(
            sp(
                ExprKind::Prim {
                    op: PrimOp::PyMethod,
                    args: a,
                },
                span,
            ),
            out,
        )
    }

    fn prelude_call(
        &mut self,
        name: &str,
        args: Vec<Expr>,
        span: Span,
        out: &mut Vec<Expr>,
    ) -> Expr {
        self.prelude_used.insert(name.to_string());
        let callee = Expr::new(ExprKind::Closure {
            func: format!("${name}"),
        });
        self.named(
            sp(
                ExprKind::Call {
                    callee: Box::new(callee),
                    args,
                },
                span,
            ),
            out,
        )
    }

    fn builtin_call(&mut self, b: &str, args: &[Arg], span: Span, out: &mut Vec<Expr>) -> Expr {
        if OTHER.contains(&b) {
            self.unsupported(&format!("the builtin `{b}`"), span);
            return Expr::new(ExprKind::Null);
        }
        self.construct(crate::constructs::builtin(b, is_exception(b)));
        if b == "isinstance" {
            return self.isinstance(args, span, out);
        }
        let (mut pos, kws) = self.arguments(args, out);
        let null = || Expr::new(ExprKind::Null);
        let fls = || Expr::new(ExprKind::Bool { value: false });
        let kw = |l: &mut Lowerer, allowed: &[&str]| -> Vec<Option<Expr>> {
            let mut vals = vec![None; allowed.len()];
            for (k, v) in &kws {
                match allowed.iter().position(|a| a == k) {
                    Some(i) => vals[i] = Some(v.clone()),
                    None => l.unsupported(&format!("keyword argument `{k}` to `{b}`"), span),
                }
            }
            vals
        };
        if is_exception(b) {
            kw(self, &[]);
            let message = match pos.len() {
                0 => str_lit(""),
                1 if b == "KeyError" => prim(PrimOp::PyRepr, vec![pos[0].clone()]),
                1 => prim(PrimOp::PyStr, vec![pos[0].clone()]),
                _ => {
                    let t = prim(
                        PrimOp::PyBuiltin,
                        vec![str_lit("tuple"), Expr::new(ExprKind::Array { items: pos })],
                    );
                    let t = self.bind_temp(t, "args", out);
                    prim(PrimOp::PyStr, vec![t])
                }
            };
            let message = self.bind_temp(message, "msg", out);
            return sp(
                ExprKind::Prim {
                    op: PrimOp::ErrorNew,
                    args: vec![str_lit(b), message],
                },
                span,
            );
        }
        if b == "dict" && !kws.is_empty() && pos.is_empty() {
            // `dict(a=1)`: a dict literal.
            self.construct("dict(k=v)");
            let d = self.temp("dict");
            out.push(let_(&d, Expr::new(ExprKind::Object { fields: vec![] })));
            for (k, v) in &kws {
                let target = tracelab_ir::LValue::Index {
                    object: Box::new(var(&d)),
                    index: Box::new(str_lit(k)),
                };
                out.push(Expr::new(ExprKind::Set {
                    target,
                    value: Box::new(v.clone()),
                }));
            }
            return var(&d);
        }
        let direct = |op: PrimOp, pos: Vec<Expr>| sp(ExprKind::Prim { op, args: pos }, span);
        match b {
            "print" => {
                let k = kw(self, &["sep", "end"]);
                if k[1].is_some() {
                    self.unsupported("`print(…, end=…)`", span);
                }
                let sep = k[0].clone().unwrap_or_else(|| str_lit(" "));
                let mut parts = Vec::new();
                for (i, p) in pos.into_iter().enumerate() {
                    if i > 0 {
                        parts.push(sep.clone());
                    }
                    parts.push(p);
                }
                let line = self.bind_temp(prim(PrimOp::Concat, parts), "line", out);
                out.push(sp(
                    ExprKind::Event {
                        event: EventKind::Log,
                        arg: Box::new(line),
                    },
                    span,
                ));
                null()
            }
            "len" | "repr" if pos.len() == 1 && kws.is_empty() => direct(
                if b == "len" {
                    PrimOp::PyLen
                } else {
                    PrimOp::PyRepr
                },
                pos,
            ),
            "len" | "repr" if pos.len() != 1 || !kws.is_empty() => {
                let n = pos.len() + kws.len();
                out.push(super::raise(
                    "TypeError",
                    &format!("{b}() takes exactly one argument ({n} given)"),
                ));
                null()
            }
            "bool" if pos.len() + kws.len() > 1 => {
                let n = pos.len() + kws.len();
                out.push(super::raise(
                    "TypeError",
                    &format!("bool expected at most 1 argument, got {n}"),
                ));
                null()
            }
            "str" if pos.len() > 1 || !kws.is_empty() => {
                self.unsupported("`str` with an encoding", span);
                null()
            }
            "str" if pos.len() <= 1 && kws.is_empty() => match pos.pop() {
                Some(p) => direct(PrimOp::PyStr, vec![p]),
                None => str_lit(""),
            },
            "bool" if pos.len() <= 1 && kws.is_empty() => match pos.pop() {
                Some(p) => direct(PrimOp::PyTruthy, vec![p]),
                None => fls(),
            },
            "sorted" => {
                let k = kw(self, &["key", "reverse"]);
                if pos.len() != 1 {
                    self.unsupported("`sorted` with other than one positional argument", span);
                    return null();
                }
                let args = vec![
                    pos.remove(0),
                    k[0].clone().unwrap_or_else(null),
                    k[1].clone().unwrap_or_else(fls),
                ];
                self.prelude_call("sorted", args, span, out)
            }
            "min" | "max" => {
                let k = kw(self, &["key", "default"]);
                let items = match pos.len() {
                    0 => {
                        self.unsupported(&format!("`{b}()` without arguments"), span);
                        return null();
                    }
                    1 => pos.remove(0),
                    _ => {
                        let arr = Expr::new(ExprKind::Array { items: pos });
                        self.bind_temp(arr, "items", out)
                    }
                };
                let has_default = Expr::new(ExprKind::Bool {
                    value: k[1].is_some(),
                });
                let args = vec![
                    items,
                    k[0].clone().unwrap_or_else(null),
                    has_default,
                    k[1].clone().unwrap_or_else(null),
                ];
                self.prelude_call(b, args, span, out)
            }
            "map" | "filter" => {
                kw(self, &[]);
                if pos.len() != 2 {
                    self.unsupported(&format!("`{b}` with other than two arguments"), span);
                    return null();
                }
                self.prelude_call(b, pos, span, out)
            }
            _ => {
                let names: &[&str] = match b {
                    "enumerate" => &["start"],
                    "sum" => &["start"],
                    "round" => &["ndigits"],
                    "int" => &["base"],
                    _ => &[],
                };
                let k = kw(self, names);
                if let Some(Some(v)) = k.into_iter().next() {
                    if pos.len() == 1 {
                        pos.push(v);
                    }
                }
                let mut a = vec![str_lit(b)];
                a.extend(pos);
                sp(
                    ExprKind::Prim {
                        op: PrimOp::PyBuiltin,
                        args: a,
                    },
                    span,
                )
            }
        }
    }

    fn isinstance(&mut self, args: &[Arg], span: Span, out: &mut Vec<Expr>) -> Expr {
        let fls = || Expr::new(ExprKind::Bool { value: false });
        let (Some(Arg::Positional(x)), Some(Arg::Positional(classes)), 2) =
            (args.first(), args.get(1), args.len())
        else {
            self.unsupported(
                "`isinstance` with other than two positional arguments",
                span,
            );
            return fls();
        };
        let x = self.atom(x, false, out);
        let names: Vec<ast::Expr> = match &classes.kind {
            A::Tuple(items) => items.clone(),
            _ => vec![classes.clone()],
        };
        let mut test: Option<Expr> = None;
        for c in names.iter().rev() {
            let t = match &c.kind {
                A::Name(n) if is_exception(n) => prim(PrimOp::ErrorIs, vec![x.clone(), str_lit(n)]),
                A::Name(n) if TYPES.contains(&n.as_str()) => prim(
                    PrimOp::PyBuiltin,
                    vec![str_lit("isinstance"), x.clone(), str_lit(n)],
                ),
                _ => {
                    self.unsupported(
                        "`isinstance` with a class that is not a builtin type name",
                        c.span,
                    );
                    fls()
                }
            };
            test = Some(match test {
                None => t,
                Some(rest) => super::if_(
                    t,
                    vec![Expr::new(ExprKind::Bool { value: true })],
                    vec![rest],
                ),
            });
        }
        let r = test.unwrap_or_else(fls);
        Expr {
            span: Some(span),
            ..r
        }
    }
}

fn args_have_call(args: &[Arg]) -> bool {
    args.iter().any(|a| match a {
        Arg::Positional(e) | Arg::Keyword(_, e) | Arg::Star(e) => e.has_call(),
    })
}
