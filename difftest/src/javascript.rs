//! Random programs in the JavaScript subset: `function main(params) { … }`, printed as
//! source text while choice bytes are read (see [`crate::choice`]). Expressions are typed so
//! that failures are the ones the program means (a `throw`, a call of `undefined`); loops
//! count to a small constant or walk an array, recursion decreases a depth parameter, so
//! programs terminate by construction.
//!
//! What the generator stays away from (`exclusions.json`): string operations whose result
//! could split a surrogate pair (slicing, indexing; `charCodeAt` gives a number and is
//! used), reading methods as properties,
//! `console.log` of error objects, comparator sorts of long arrays, function declarations
//! inside blocks (Annex B).

use crate::choice::Choices;
use crate::scope::{Scope, Var};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Num,
    Str,
    Bool,
    /// An array of numbers.
    Arr,
}

const TYPES: [Ty; 4] = [Ty::Num, Ty::Str, Ty::Bool, Ty::Arr];

#[derive(Clone)]
struct Func {
    name: String,
    params: Vec<Ty>,
    ret: Ty,
    recursive: bool,
}

// Negative literals are parenthesised: `-1 ** 2` is a syntax error.
const NUMS: [&str; 12] = [
    "0",
    "(-0)",
    "1",
    "(-1)",
    "0.1",
    "1e21",
    "9007199254740993",
    "2.5e-7",
    "NaN",
    "Infinity",
    "123.456",
    "(-7.5)",
];
const STRS: [&str; 9] = [
    "\"\"",
    "\"a\"",
    "\"h\u{e9}llo\"",
    "\"\u{65e5}\u{672c}\"",
    "\"\u{1f600}x\"",
    "\"a,b\"",
    "\" sp \"",
    "\"\u{df}\"",
    "\"12\"",
];

pub struct JsGen<'a> {
    c: Choices<'a>,
    out: String,
    scope: Scope<Ty>,
    funcs: Vec<Func>,
    indent: usize,
    ret: Option<Ty>,
    defs: u32,
}

/// The program the bytes describe.
pub fn program(bytes: &[u8]) -> String {
    JsGen {
        c: Choices::new(bytes),
        out: String::new(),
        scope: Scope::default(),
        funcs: vec![],
        indent: 0,
        ret: None,
        defs: 0,
    }
    .main()
}

impl JsGen<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn main(mut self) -> String {
        self.line("const containerless = require('containerless');");
        self.line("function main(params) {");
        self.indent = 1;
        // `tick` logs its argument: calls of it in operand position show evaluation order.
        for l in [
            "const log = [];",
            "function tick(v) { log.push(v); return v; }",
            "const apply = (g, v) => g(v);",
            "let n = params.n;",
            "let x = params.x;",
            "let s = params.s;",
            "let xs = params.xs;",
        ] {
            self.line(l);
        }
        for (name, ty) in [
            ("n", Ty::Num),
            ("x", Ty::Num),
            ("s", Ty::Str),
            ("xs", Ty::Arr),
        ] {
            self.bind(name.to_string(), ty);
        }
        self.funcs.push(Func {
            name: "tick".into(),
            params: vec![Ty::Num],
            ret: Ty::Num,
            recursive: false,
        });
        self.block_items(6, true);
        let mut names: Vec<String> = self
            .visible()
            .into_iter()
            .filter(|v| v.local)
            .map(|v| v.name)
            .collect();
        names.push("log".into());
        self.line(&format!("return [{}];", names.join(", ")));
        self.indent = 0;
        self.line("}");
        self.out
    }

    fn bind(&mut self, name: String, ty: Ty) {
        self.scope.bind(name, ty);
    }

    fn visible(&self) -> Vec<Var<Ty>> {
        self.scope.visible()
    }

    fn vars_of(&self, ty: Ty) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| v.ty == ty)
            .map(|v| v.name)
            .collect()
    }

    /// `{ … }` with up to `max` statements, in a scope of its own.
    fn block(&mut self, max: usize) {
        self.indent += 1;
        let (vars, funcs) = (self.scope.mark(), self.funcs.len());
        self.block_items(max, false);
        self.scope.reset(vars);
        self.funcs.truncate(funcs);
        self.indent -= 1;
    }

    fn block_items(&mut self, max: usize, top: bool) {
        let n = self.c.choose(max + 1);
        for _ in 0..n {
            self.statement(top);
        }
    }

    fn statement(&mut self, top: bool) {
        let nested = self.indent > 6;
        match self.c.choose(if nested { 4 } else { 20 }) {
            // An event against the generated world; its callback runs after `main`'s turn,
            // and may respond (the first response is the result).
            15 if top && self.ret.is_none() => {
                let url = self.c.pick(&["\"u1\"", "\"u2\"", "\"p\"", "\"missing\""]);
                let r = self.c.fresh("r");
                if self.c.choose(2) == 0 {
                    self.line(&format!("containerless.get({url}, ({r}) => {{"));
                } else {
                    let body = self.expr(Ty::Num, 1);
                    self.line(&format!(
                        "containerless.post({{url: {url}, body: {body}}}, ({r}) => {{"
                    ));
                }
                self.line(&format!("  log.push({r});"));
                if self.c.choose(3) == 0 {
                    self.line(&format!("  containerless.respond([{r}, log.length]);"));
                }
                self.line("});");
            }
            0 => {
                let ty = self.c.pick(&TYPES);
                let name = self.c.fresh("v");
                let e = self.expr(ty, 3);
                self.line(&format!("let {name} = {e};"));
                self.bind(name, ty);
            }
            1 => {
                let ty = self.c.pick(&TYPES);
                let e = self.expr(ty, 2);
                self.line(&format!("log.push({e});"));
            }
            2 => {
                let locals: Vec<Var<Ty>> = self.visible().into_iter().filter(|v| v.local).collect();
                if locals.is_empty() {
                    return;
                }
                let v = self.c.pick(&locals);
                // A leaf only, and `+=` on numbers only: `s += s` in nested loops would
                // grow without bound.
                let op = if v.ty == Ty::Num {
                    self.c.pick(&["=", "+="])
                } else {
                    "="
                };
                let e = self.leaf(v.ty);
                self.line(&format!("{} {op} {e};", v.name));
            }
            3 => {
                let ty = self.c.pick(&[Ty::Num, Ty::Str, Ty::Bool]);
                let e = self.expr(ty, 2);
                self.line(&format!("console.log({e});"));
            }
            4 => {
                let cond = self.expr(Ty::Bool, 2);
                self.line(&format!("if ({cond}) {{"));
                self.block(3);
                if self.c.choose(2) == 0 {
                    self.line("} else {");
                    self.block(3);
                }
                self.line("}");
            }
            5 => {
                let i = self.c.fresh("i");
                let k = self.c.choose(5);
                self.line(&format!("for (let {i} = 0; {i} < {k}; {i}++) {{"));
                self.scope.push_binder(i, Ty::Num);
                self.jump(None);
                self.block(3);
                self.scope.pop();
                self.line("}");
            }
            6 => {
                let v = self.c.fresh("e");
                let l = self.expr(Ty::Arr, 2);
                self.line(&format!("for (const {v} of {l}) {{"));
                self.scope.push_binder(v, Ty::Num);
                self.block(3);
                self.scope.pop();
                self.line("}");
            }
            7 => {
                // An early return, or an error nobody catches.
                let cond = self.expr(Ty::Bool, 2);
                if self.c.choose(4) == 0 {
                    let msg = self.expr(Ty::Str, 1);
                    self.line(&format!("if ({cond}) {{ throw new RangeError({msg}); }}"));
                } else {
                    let e = self.ret_expr();
                    self.line(&format!("if ({cond}) {{ return {e}; }}"));
                }
            }
            8 => self.try_stmt(),
            9 if top && self.defs < 2 => self.def(),
            10 if top && self.defs < 2 => self.recursive_def(),
            11 => {
                let w = self.c.fresh("w");
                let k = self.c.choose(4);
                self.line(&format!("let {w} = 0;"));
                self.line(&format!("while ({w} < {k}) {{"));
                self.line(&format!("  {w}++;"));
                self.scope.push_binder(w, Ty::Num);
                self.jump(None);
                self.block(2);
                self.scope.pop();
                self.line("}");
            }
            16 => {
                // A counted `do … while`, which runs its body at least once.
                let w = self.c.fresh("w");
                let k = self.c.choose(4);
                self.line(&format!("let {w} = 0;"));
                self.line("do {");
                self.line(&format!("  {w}++;"));
                self.scope.push_binder(w.clone(), Ty::Num);
                self.jump(None);
                self.block(2);
                self.scope.pop();
                self.line(&format!("}} while ({w} < {k});"));
            }
            17 => {
                // Nested loops under a label: `break outer` / `continue outer`.
                let (l, e, i) = (self.c.fresh("outer"), self.c.fresh("e"), self.c.fresh("i"));
                let arr = self.expr(Ty::Arr, 1);
                let k = self.c.choose(4);
                self.line(&format!("{l}: for (const {e} of {arr}) {{"));
                self.scope.push_binder(e, Ty::Num);
                self.indent += 1;
                self.line(&format!("for (let {i} = 0; {i} < {k}; {i}++) {{"));
                self.scope.push_binder(i, Ty::Num);
                self.jump(Some(&l));
                self.block(2);
                self.scope.pop();
                self.line("}");
                self.indent -= 1;
                self.scope.pop();
                self.line("}");
            }
            18 => {
                // A block statement with a binding of its own.
                let name = self.c.fresh("v");
                let e = self.expr(Ty::Num, 2);
                self.line("{");
                self.line(&format!("  const {name} = {e};"));
                self.line(&format!("  log.push({name});"));
                self.line("}");
            }
            19 => {
                // An object's entries, and the constants of the library.
                let o = self.c.fresh("o");
                let (a, b) = (self.expr(Ty::Num, 1), self.expr(Ty::Str, 1));
                self.line(&format!("const {o} = {{n: {a}, s: {b}}};"));
                let k = self
                    .c
                    .pick(&["Math.PI", "Number.MAX_SAFE_INTEGER", "Number.EPSILON"]);
                self.line(&format!(
                    "log.push(JSON.stringify(Object.entries({o})), {k}, Number.isInteger({o}.n), Boolean({o}.s));"
                ));
            }
            12 => {
                // Evaluation order of an assignment to an element: JavaScript evaluates
                // the target's key before the right-hand side.
                let t = self.c.fresh("t");
                let (a, b) = (self.expr(Ty::Num, 1), self.expr(Ty::Num, 1));
                let op = self.c.pick(&["=", "+="]);
                self.line(&format!("const {t} = [0, 0, 0];"));
                self.line(&format!("{t}[tick({a}) % 3] {op} tick({b});"));
                self.line(&format!("log.push({t});"));
            }
            13 => {
                // An object with non-ASCII, computed and integer-like keys ("12" comes
                // first in Object.keys).
                let o = self.c.fresh("o");
                let (k, a, b) = (
                    self.expr(Ty::Str, 1),
                    self.expr(Ty::Num, 1),
                    self.expr(Ty::Num, 1),
                );
                self.line(&format!(
                    "const {o} = {{a: {a}, \"\u{e9}\": 1, [{k}]: {b}}};"
                ));
                let (k2, c) = (self.expr(Ty::Str, 1), self.expr(Ty::Num, 1));
                self.line(&format!("{o}[{k2}] = tick({c});"));
                self.line(&format!(
                    "log.push({o}, Object.keys({o}).join(\"|\"), JSON.stringify({o}));"
                ));
            }
            14 => {
                // Closures made in a `let` loop see one binding per iteration.
                let (cl, i) = (self.c.fresh("cl"), self.c.fresh("i"));
                let k = self.c.choose(4);
                self.line(&format!("const {cl} = [];"));
                self.line(&format!("for (let {i} = 0; {i} < {k}; {i}++) {{"));
                self.scope.push_binder(i.clone(), Ty::Num);
                let body = self.expr(Ty::Num, 1);
                self.scope.pop();
                self.line(&format!("  {cl}.push(() => {body});"));
                self.line("}");
                self.line(&format!("log.push({cl}.map((g) => g()));"));
            }
            _ => {
                let e = self.expr(Ty::Num, 2);
                self.line(&format!("tick({e});"));
            }
        }
    }

    /// Maybe a `break` or `continue` (to `label`, or the innermost loop) at the start of a
    /// loop body, under a condition.
    fn jump(&mut self, label: Option<&str>) {
        let kind = match self.c.choose(4) {
            0 => "break",
            1 => "continue",
            _ => return,
        };
        let cond = self.expr(Ty::Bool, 1);
        let target = label.map(|l| format!(" {l}")).unwrap_or_default();
        self.indent += 1;
        self.line(&format!("if ({cond}) {{ {kind}{target}; }}"));
        self.indent -= 1;
    }

    fn ret_expr(&mut self) -> String {
        let ty = match self.ret {
            Some(ty) => ty,
            None => self.c.pick(&TYPES),
        };
        self.expr(ty, 2)
    }

    fn try_stmt(&mut self) {
        let name = self.c.fresh("err");
        self.line("try {");
        self.indent += 1;
        let (vars, funcs) = (self.scope.mark(), self.funcs.len());
        self.block_items(2, false);
        self.scope.reset(vars);
        self.funcs.truncate(funcs);
        match self.c.choose(5) {
            0 => {
                let msg = self.expr(Ty::Str, 1);
                let class = self.c.pick(&["Error", "TypeError", "RangeError"]);
                self.line(&format!("throw new {class}({msg});"));
            }
            1 => {
                let v = self.expr(Ty::Num, 1);
                self.line(&format!("throw {v};"));
            }
            2 => {
                // Calling `undefined`: the runtime's own TypeError.
                self.line("const nothing = params.missing;");
                self.line("nothing(1);");
            }
            3 if self.c.choose(2) == 0 => {
                // Assigning a constant: the runtime's own TypeError.
                let k = self.c.fresh("k");
                self.line(&format!("const {k} = 1;"));
                self.line(&format!("{k} = 2;"));
            }
            _ => {
                let a = self.expr(Ty::Num, 1);
                self.line(&format!("tick({a});"));
            }
        }
        self.indent -= 1;
        if self.c.choose(4) == 0 {
            self.line("} catch {");
            self.line("  log.push(\"caught\");");
        } else {
            self.line(&format!("}} catch ({name}) {{"));
            self.line(&format!(
                "  log.push(typeof {name} === \"number\" ? {name} : {name}.name + \": \" + {name}.message);"
            ));
        }
        if self.c.choose(3) == 0 {
            self.line("} finally {");
            self.line("  log.push(\"finally\");");
        }
        self.line("}");
    }

    fn def(&mut self) {
        let name = self.c.fresh("f");
        let nparams = self.c.choose(3);
        let mut params: Vec<(String, Ty)> = Vec::new();
        let outer = self.visible();
        for _ in 0..nparams {
            let ty = self.c.pick(&TYPES);
            // Reuse an outer name (hygiene) or take a fresh one.
            let p = if !outer.is_empty() && self.c.choose(3) == 0 {
                self.c.pick(&outer).name
            } else {
                self.c.fresh("p")
            };
            if params.iter().any(|(q, _)| *q == p) {
                continue;
            }
            params.push((p, ty));
        }
        let ret = self.c.pick(&TYPES);
        let names: Vec<&str> = params.iter().map(|(p, _)| p.as_str()).collect();
        // An arrow, a declaration or a named function expression.
        let form = self.c.choose(3);
        let list = names.join(", ");
        match form {
            0 => self.line(&format!("const {name} = ({list}) => {{")),
            1 => self.line(&format!("function {name}({list}) {{")),
            _ => self.line(&format!("const {name} = function {name}_named({list}) {{")),
        }
        let saved_scope = self.scope.enter_function();
        let saved_ret = self.ret.replace(ret);
        for (p, ty) in &params {
            self.bind(p.clone(), *ty);
        }
        self.defs += 1;
        self.indent += 1;
        // Functions defined inside are local to this one.
        let funcs = self.funcs.len();
        self.block_items(3, true);
        let e = self.expr(ret, 2);
        self.line(&format!("return {e};"));
        self.indent -= 1;
        self.defs -= 1;
        self.funcs.truncate(funcs);
        self.scope = saved_scope;
        self.ret = saved_ret;
        self.line(if form == 1 { "}" } else { "};" });
        self.funcs.push(Func {
            name,
            params: params.iter().map(|(_, t)| *t).collect(),
            ret,
            recursive: false,
        });
    }

    fn recursive_def(&mut self) {
        let name = self.c.fresh("r");
        let ty = self.c.pick(&[Ty::Num, Ty::Str, Ty::Arr]);
        self.line(&format!("function {name}(d, acc) {{"));
        let saved_scope = self.scope.enter_function();
        self.bind("d".into(), Ty::Num);
        self.bind("acc".into(), ty);
        self.indent += 1;
        self.line("if (d <= 0) { return acc; }");
        let step = self.expr(ty, 2);
        self.line(&format!("return {name}(d - 1, {step});"));
        self.indent -= 1;
        self.line("}");
        self.scope = saved_scope;
        self.funcs.push(Func {
            name,
            params: vec![Ty::Num, ty],
            ret: ty,
            recursive: true,
        });
    }

    fn call_of(&mut self, ty: Ty, d: u32) -> Option<String> {
        let fs: Vec<Func> = self.funcs.iter().filter(|f| f.ret == ty).cloned().collect();
        if fs.is_empty() {
            return None;
        }
        let f = self.c.pick(&fs);
        let args: Vec<String> = if f.recursive {
            let depth = self.c.choose(6);
            vec![depth.to_string(), self.expr(f.params[1], d)]
        } else {
            f.params.iter().map(|t| self.expr(*t, d)).collect()
        };
        Some(format!("{}({})", f.name, args.join(", ")))
    }

    fn leaf(&mut self, ty: Ty) -> String {
        let vars = self.vars_of(ty);
        if !vars.is_empty() && self.c.choose(2) == 0 {
            return self.c.pick(&vars);
        }
        match ty {
            Ty::Num => self.c.pick(&NUMS).to_string(),
            Ty::Str => self.c.pick(&STRS).to_string(),
            Ty::Bool => self.c.pick(&["true", "false"]).to_string(),
            Ty::Arr => self
                .c
                .pick(&["[]", "[1, 2, 3]", "[-5, 0, 1e21, 0.5]", "[3, 10, 2]"])
                .to_string(),
        }
    }

    fn expr(&mut self, ty: Ty, d: u32) -> String {
        if d == 0 || self.c.choose(3) == 0 {
            return self.leaf(ty);
        }
        let d = d - 1;
        match ty {
            Ty::Num => self.num_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::Arr => self.arr_expr(d),
        }
    }

    fn num_expr(&mut self, d: u32) -> String {
        match self.c.choose(13) {
            0 | 1 => {
                let op = self.c.pick(&["+", "-", "*", "/", "%"]);
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} {op} {b})")
            }
            2 => {
                let x = self.expr(Ty::Num, d);
                // `** 2` and `Math.pow(…, 2)` only (V8's pow differs from fdlibm elsewhere).
                if self.c.choose(2) == 0 {
                    format!("({x} ** 2)")
                } else {
                    format!("Math.pow({x}, 2)")
                }
            }
            3 => format!("(-{})", self.expr(Ty::Num, d)),
            4 => {
                let f = self.c.pick(&[
                    "Math.floor",
                    "Math.abs",
                    "Math.round",
                    "Number",
                    "Math.ceil",
                    "Math.trunc",
                    "Math.sign",
                ]);
                format!("{f}({})", self.expr(Ty::Num, d))
            }
            5 => {
                let f = self.c.pick(&["Math.max", "Math.min"]);
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("{f}({a}, {b})")
            }
            6 if self.c.choose(3) == 0 => {
                let k = self.c.choose(3);
                format!("{}.charCodeAt({k})", self.expr(Ty::Str, d))
            }
            6 => format!("{}.length", self.expr(Ty::Str, d)),
            // `pop` of a non-empty array: a number.
            7 if self.c.choose(3) == 0 => format!("{}.concat([0]).pop()", self.expr(Ty::Arr, d)),
            7 => format!("{}.length", self.expr(Ty::Arr, d)),
            12 if self.c.choose(2) == 0 => {
                let f = self.c.pick(&[
                    "parseInt",
                    "parseFloat",
                    "Number",
                    "Number.parseInt",
                    "Number.parseFloat",
                ]);
                format!("{f}({})", self.expr(Ty::Str, d))
            }
            12 if self.c.choose(2) == 0 => {
                let (s, t) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("{s}.indexOf({t})")
            }
            // The comma operator: the first operand for its effect.
            8 if self.c.choose(3) == 0 => {
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("(tick({a}), {b})")
            }
            8 => format!("tick({})", self.expr(Ty::Num, d)),
            9 => {
                let (c, a, b) = (
                    self.expr(Ty::Bool, d),
                    self.expr(Ty::Num, d),
                    self.expr(Ty::Num, d),
                );
                format!("({c} ? {a} : {b})")
            }
            10 => {
                let l = self.expr(Ty::Arr, d);
                format!("{l}.reduce((acc, v) => acc + v, 0)")
            }
            11 => {
                let w = self.lambda_param();
                let body = self.with_var(&w, Ty::Num, |g| g.expr(Ty::Num, d));
                let arg = self.expr(Ty::Num, d);
                format!("apply(({w}) => {body}, {arg})")
            }
            _ => self
                .call_of(Ty::Num, d)
                .unwrap_or_else(|| self.leaf(Ty::Num)),
        }
    }

    fn str_expr(&mut self, d: u32) -> String {
        match self.c.choose(12) {
            9 => format!("String({})", self.expr(Ty::Arr, d)),
            10 => {
                let k = self.c.choose(4);
                format!("({}).toFixed({k})", self.leaf(Ty::Num))
            }
            11 => {
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Str, d));
                format!("({a} + {b})")
            }
            0 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("({a} + {b})")
            }
            // Number::toString through `+`, String() and templates.
            1 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Num, d));
                format!("({a} + {b})")
            }
            2 => format!("String({})", self.expr(Ty::Num, d)),
            3 => {
                let m =
                    self.c
                        .pick(&["toUpperCase", "toLowerCase", "trim", "trimStart", "trimEnd"]);
                format!("{}.{m}()", self.expr(Ty::Str, d))
            }
            4 => {
                let k = self.c.choose(3);
                format!("{}.repeat({k})", self.expr(Ty::Str, d))
            }
            5 => format!("{}.join(\",\")", self.expr(Ty::Arr, d)),
            6 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Num, d));
                format!("`<${{{a}}}|${{{b}}}>`")
            }
            7 => format!("JSON.stringify({})", self.expr(Ty::Arr, d)),
            _ => self
                .call_of(Ty::Str, d)
                .unwrap_or_else(|| self.leaf(Ty::Str)),
        }
    }

    fn bool_expr(&mut self, d: u32) -> String {
        match self.c.choose(8) {
            0 => {
                let op = self.c.pick(&["<", "<=", "===", "!==", ">", "=="]);
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} {op} {b})")
            }
            1 => {
                let op = self.c.pick(&["===", "<"]);
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("({a} {op} {b})")
            }
            2 => format!("(!{})", self.expr(Ty::Bool, d)),
            3 => {
                let op = self.c.pick(&["&&", "||"]);
                let (a, b) = (self.expr(Ty::Bool, d), self.expr(Ty::Bool, d));
                format!("({a} {op} {b})")
            }
            4 => {
                let (l, a) = (self.expr(Ty::Arr, d), self.expr(Ty::Num, d));
                format!("{l}.includes({a})")
            }
            5 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("{a}.includes({b})")
            }
            6 => format!("isNaN({})", self.expr(Ty::Num, d)),
            7 if self.c.choose(2) == 0 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Num, d));
                format!("({a} == {b})")
            }
            _ => format!("(tick({}) > 0)", self.expr(Ty::Num, d)),
        }
    }

    fn arr_expr(&mut self, d: u32) -> String {
        match self.c.choose(8) {
            0 => {
                let n = self.c.choose(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(Ty::Num, d)).collect();
                format!("[{}]", items.join(", "))
            }
            1 => {
                let (a, b) = (self.expr(Ty::Arr, d), self.expr(Ty::Arr, d));
                format!("{a}.concat({b})")
            }
            2 => {
                let l = self.expr(Ty::Arr, d);
                let w = self.lambda_param();
                let body = self.with_var(&w, Ty::Num, |g| g.expr(Ty::Num, d));
                format!("{l}.map(({w}) => {body})")
            }
            3 => {
                let l = self.expr(Ty::Arr, d);
                let w = self.lambda_param();
                let body = self.with_var(&w, Ty::Num, |g| g.expr(Ty::Bool, d));
                format!("{l}.filter(({w}) => {body})")
            }
            // The default sort compares strings: 10 before 2, 1e21 before 2.
            4 => format!("{}.concat([]).sort()", self.expr(Ty::Arr, d)),
            5 => format!("{}.slice(1)", self.expr(Ty::Arr, d)),
            6 => format!("{}.concat([]).reverse()", self.expr(Ty::Arr, d)),
            _ => self
                .call_of(Ty::Arr, d)
                .unwrap_or_else(|| self.leaf(Ty::Arr)),
        }
    }

    fn lambda_param(&mut self) -> String {
        let names: Vec<String> = self.visible().into_iter().map(|v| v.name).collect();
        if !names.is_empty() && self.c.choose(3) == 0 {
            self.c.pick(&names)
        } else {
            self.c.fresh("w")
        }
    }

    fn with_var(&mut self, name: &str, ty: Ty, f: impl FnOnce(&mut Self) -> String) -> String {
        self.scope.push_binder(name.to_string(), ty);
        let out = f(self);
        self.scope.pop();
        out
    }
}
