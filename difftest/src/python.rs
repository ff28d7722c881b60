//! Random programs in the Python subset: `def main(args): …`, printed as source text while
//! choice bytes are read (see [`crate::choice`]). Expressions are typed, so a program fails
//! only where it means to (a raise, an index out of range, a division by zero); every loop
//! is a `range` of a small constant or a list, every recursion has a decreasing depth
//! parameter, so programs terminate by construction.
//!
//! What the generator stays away from (`exclusions.json`): printing range/map objects,
//! tuples as dict keys, comprehensions whose target shadows a name of their iterable,
//! calls of function values with missing arguments, `print` of text with newlines.

use crate::choice::Choices;
use crate::scope::{Scope, Var};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Int,
    /// An int or a float.
    Num,
    Str,
    Bool,
    /// A list of ints.
    List,
}

const TYPES: [Ty; 5] = [Ty::Int, Ty::Num, Ty::Str, Ty::Bool, Ty::List];

#[derive(Clone)]
struct Func {
    name: String,
    params: Vec<Ty>,
    ret: Ty,
}

const INTS: [&str; 10] = [
    "0",
    "1",
    "-1",
    "7",
    "-3",
    "255",
    "9223372036854775808",
    "-18446744073709551616",
    "123456789012345678901234567890",
    "100000000000000000000",
];
const FLOATS: [&str; 9] = [
    "0.0",
    "-0.0",
    "1.5",
    "0.1",
    "1e16",
    "2.5e-05",
    "123456.789",
    "-7.25",
    "1e22",
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
    "\"Ab\"",
];

pub struct PyGen<'a> {
    c: Choices<'a>,
    out: String,
    scope: Scope<Ty>,
    funcs: Vec<Func>,
    indent: usize,
    /// The return type of the function being generated; `None` in `main`.
    ret: Option<Ty>,
    /// Nesting of `def`s, bounded so programs stay small.
    defs: u32,
}

/// The program the bytes describe.
pub fn program(bytes: &[u8]) -> String {
    PyGen {
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

impl PyGen<'_> {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn main(mut self) -> String {
        self.line("import containerless");
        self.line("");
        self.line("");
        self.line("def main(args):");
        self.indent = 1;
        // `tick` logs its argument: calls of it in operand position show evaluation order.
        for l in [
            "log = []",
            "def tick(v):",
            "    log.append(v)",
            "    return v",
            "def apply(g, v):",
            "    return g(v)",
            "n = args[\"n\"]",
            "x = args[\"x\"]",
            "s = args[\"s\"]",
            "xs = args[\"xs\"]",
        ] {
            self.line(l);
        }
        for (name, ty) in [
            ("n", Ty::Int),
            ("x", Ty::Num),
            ("s", Ty::Str),
            ("xs", Ty::List),
        ] {
            self.bind(name.to_string(), ty);
        }
        self.funcs.push(Func {
            name: "tick".into(),
            params: vec![Ty::Int],
            ret: Ty::Int,
        });
        self.block_items(6, true);
        let mut names: Vec<String> = self
            .visible()
            .into_iter()
            .filter(|v| v.local)
            .map(|v| v.name)
            .collect();
        names.push("log".into());
        self.line(&format!("return [{}]", names.join(", ")));
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
            .filter(|v| v.ty == ty || (ty == Ty::Num && v.ty == Ty::Int))
            .map(|v| v.name)
            .collect()
    }

    /// An indented block of up to `max` statements (at least `pass`).
    fn block(&mut self, max: usize) {
        self.indent += 1;
        let (vars, funcs) = (self.scope.mark(), self.funcs.len());
        let before = self.out.len();
        self.block_items(max, false);
        if self.out.len() == before {
            self.line("pass");
        }
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
        match self.c.choose(if nested { 4 } else { 16 }) {
            15 => {
                // The host API over the generated world.
                let url = self.c.pick(&["\"u1\"", "\"u2\"", "\"p\"", "\"missing\""]);
                if self.c.choose(2) == 0 {
                    self.line(&format!("log.append(containerless.get({url}))"));
                } else {
                    let body = self.expr(Ty::Int, 1);
                    self.line(&format!("log.append(containerless.post({url}, {body}))"));
                }
            }
            0 => {
                let ty = self.c.pick(&TYPES);
                let name = self.c.fresh("v");
                let e = self.expr(ty, 3);
                self.line(&format!("{name} = {e}"));
                self.bind(name, ty);
            }
            1 => {
                let ty = self.c.pick(&TYPES);
                let e = self.expr(ty, 2);
                self.line(&format!("log.append({e})"));
            }
            2 => {
                // Assign again a variable of this function, or augment an int one.
                let locals: Vec<Var<Ty>> = self.visible().into_iter().filter(|v| v.local).collect();
                if locals.is_empty() {
                    return;
                }
                let v = self.c.pick(&locals);
                // A leaf only: `v = v * v` in nested loops would grow without bound.
                let e = self.leaf(v.ty);
                if v.ty == Ty::Int && self.c.choose(2) == 0 {
                    self.line(&format!("{} += {e}", v.name));
                } else {
                    self.line(&format!("{} = {e}", v.name));
                }
            }
            3 => {
                let e = if self.c.choose(2) == 0 {
                    self.expr(Ty::Int, 2)
                } else {
                    self.expr(Ty::Str, 2)
                };
                self.line(&format!("print({e})"));
            }
            4 => {
                let cond = self.expr(Ty::Bool, 2);
                self.line(&format!("if {cond}:"));
                self.block(3);
                if self.c.choose(2) == 0 {
                    self.line("else:");
                    self.block(3);
                }
            }
            5 => {
                let i = self.c.fresh("i");
                let k = self.c.choose(5);
                self.line(&format!("for {i} in range({k}):"));
                self.scope.push_binder(i, Ty::Int);
                self.block(3);
                self.scope.pop();
            }
            6 => {
                let v = self.c.fresh("e");
                let l = self.expr(Ty::List, 2);
                self.line(&format!("for {v} in {l}:"));
                self.scope.push_binder(v, Ty::Int);
                self.block(3);
                self.scope.pop();
            }
            7 => {
                // An early return, or an error nobody catches.
                let cond = self.expr(Ty::Bool, 2);
                let stmt = if self.c.choose(4) == 0 {
                    format!("raise KeyError({})", self.expr(Ty::Str, 1))
                } else {
                    format!("return {}", self.ret_expr())
                };
                self.line(&format!("if {cond}:"));
                self.indent += 1;
                self.line(&stmt);
                self.indent -= 1;
            }
            8 => self.try_stmt(),
            9 if top && self.defs < 2 => self.def(),
            10 if top && self.defs < 2 => self.recursive_def(),
            11 => {
                // A counted `while` with an augmented assignment.
                let w = self.c.fresh("w");
                let k = self.c.choose(4);
                self.line(&format!("{w} = 0"));
                self.line(&format!("while {w} < {k}:"));
                self.indent += 1;
                self.line(&format!("{w} += 1"));
                self.indent -= 1;
                self.scope.push_binder(w, Ty::Int);
                self.block(2);
                self.scope.pop();
            }
            12 => {
                // Evaluation order of an assignment to a subscript: CPython evaluates
                // the right-hand side first, except for `+=`.
                let t = self.c.fresh("t");
                let (a, b) = (self.expr(Ty::Int, 1), self.expr(Ty::Int, 1));
                let op = self.c.pick(&["=", "+="]);
                self.line(&format!("{t} = [0, 0, 0]"));
                self.line(&format!("{t}[tick({a}) % 3] {op} tick({b})"));
                self.line(&format!("log.append({t})"));
            }
            13 => {
                // A dict with non-ASCII and computed keys, in insertion order.
                let dn = self.c.fresh("d");
                let (k, a, b) = (
                    self.expr(Ty::Str, 1),
                    self.expr(Ty::Int, 1),
                    self.expr(Ty::Int, 1),
                );
                if self.c.choose(3) == 0 {
                    self.line(&format!("{dn} = dict(a={a}, z={b})"));
                } else {
                    self.line(&format!("{dn} = {{\"a\": {a}, {k}: {b}}}"));
                }
                let (k2, c) = (self.expr(Ty::Str, 1), self.expr(Ty::Int, 1));
                self.line(&format!("{dn}[{k2}] = tick({c})"));
                let k3 = self.expr(Ty::Str, 1);
                self.line(&format!(
                    "log.append([{dn}, sorted({dn}), len({dn}), {dn}.get({k3}, -1), str({dn}), {k3} in {dn}])"
                ));
            }
            14 => {
                // Closures made in a loop share the loop variable (late binding).
                let (cl, i, g) = (self.c.fresh("cl"), self.c.fresh("i"), self.c.fresh("g"));
                let k = self.c.choose(4);
                self.line(&format!("{cl} = []"));
                self.line(&format!("for {i} in range({k}):"));
                self.scope.push_binder(i.clone(), Ty::Int);
                let body = self.expr(Ty::Int, 1);
                self.scope.pop();
                self.line(&format!("    {cl}.append(lambda: {body})"));
                self.line(&format!("log.append([{g}() for {g} in {cl}])"));
            }
            _ => {
                let e = self.expr(Ty::Int, 2);
                self.line(&format!("tick({e})"));
            }
        }
    }

    /// What a `return` gives here: the function's type, or anything in `main`.
    fn ret_expr(&mut self) -> String {
        let ty = match self.ret {
            Some(ty) => ty,
            None => self.c.pick(&TYPES),
        };
        self.expr(ty, 2)
    }

    fn try_stmt(&mut self) {
        // `None`: a bare `except:`.
        let (class, e) = self.c.pick(&[
            (Some("ValueError"), "e"),
            (Some("ZeroDivisionError"), "e"),
            (Some("IndexError"), "e"),
            (Some("Exception"), "e"),
            (None, "e"),
        ]);
        let name = self.c.fresh(e);
        self.line("try:");
        self.indent += 1;
        let (vars, funcs) = (self.scope.mark(), self.funcs.len());
        self.block_items(2, false);
        self.scope.reset(vars);
        self.funcs.truncate(funcs);
        match self.c.choose(4) {
            0 if self.c.choose(3) == 0 => {
                // An exception object made first, raised later.
                let (x, msg) = (self.c.fresh("x"), self.expr(Ty::Str, 1));
                self.line(&format!("{x} = ValueError({msg})"));
                self.line(&format!("raise {x}"));
            }
            0 => {
                let msg = self.expr(Ty::Str, 1);
                self.line(&format!("raise ValueError({msg})"));
            }
            1 => {
                let a = self.expr(Ty::Int, 1);
                self.line(&format!("tick({a} // (n - n))"));
            }
            2 => {
                let l = self.expr(Ty::List, 1);
                self.line(&format!("tick({l}[7])"));
            }
            _ => {
                let a = self.expr(Ty::Int, 1);
                self.line(&format!("tick({a})"));
            }
        }
        self.indent -= 1;
        match class {
            Some(class) => {
                self.line(&format!("except {class} as {name}:"));
                self.indent += 1;
                self.line(&format!("log.append(str({name}))"));
            }
            None => {
                self.line("except:");
                self.indent += 1;
                self.line("log.append(\"caught\")");
            }
        }
        self.indent -= 1;
        if self.c.choose(3) == 0 {
            self.line("finally:");
            self.indent += 1;
            self.line("log.append(\"finally\")");
            self.indent -= 1;
        }
    }

    /// A nested function whose parameters may shadow names of the enclosing scope.
    fn def(&mut self) {
        let name = self.c.fresh("f");
        let nparams = self.c.choose(3);
        let mut params = Vec::new();
        let outer = self.visible();
        for _ in 0..nparams {
            let ty = self.c.pick(&TYPES);
            // Reuse an outer name (hygiene) or take a fresh one.
            let p = if !outer.is_empty() && self.c.choose(3) == 0 {
                self.c.pick(&outer).name
            } else {
                self.c.fresh("p")
            };
            if params.iter().any(|(q, _): &(String, Ty)| *q == p) {
                continue;
            }
            params.push((p, ty));
        }
        let ret = self.c.pick(&TYPES);
        let names: Vec<&str> = params.iter().map(|(p, _)| p.as_str()).collect();
        self.line(&format!("def {name}({}):", names.join(", ")));
        // Outer variables are read-only inside: assigning one would make it local.
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
        self.line(&format!("return {e}"));
        self.indent -= 1;
        self.defs -= 1;
        self.funcs.truncate(funcs);
        self.scope = saved_scope;
        self.ret = saved_ret;
        self.funcs.push(Func {
            name,
            params: params.iter().map(|(_, t)| *t).collect(),
            ret,
        });
    }

    /// `def r(d, acc)`: recursion on a depth that decreases to 0.
    fn recursive_def(&mut self) {
        let name = self.c.fresh("r");
        let ty = self.c.pick(&[Ty::Int, Ty::Str, Ty::List]);
        self.line(&format!("def {name}(d, acc):"));
        let saved_scope = self.scope.enter_function();
        self.bind("d".into(), Ty::Int);
        self.bind("acc".into(), ty);
        self.indent += 1;
        self.line("if d <= 0:");
        self.line("    return acc");
        let step = self.expr(ty, 2);
        self.line(&format!("return {name}(d - 1, {step})"));
        self.indent -= 1;
        self.scope = saved_scope;
        self.funcs.push(Func {
            name,
            params: vec![Ty::Int, ty],
            ret: ty,
        });
    }

    fn call_of(&mut self, ty: Ty, d: u32) -> Option<String> {
        let fs: Vec<Func> = self
            .funcs
            .iter()
            .filter(|f| f.ret == ty || (ty == Ty::Num && f.ret == Ty::Int))
            .cloned()
            .collect();
        if fs.is_empty() {
            return None;
        }
        let f = self.c.pick(&fs);
        let args: Vec<String> = if f.name.starts_with('r') {
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
            Ty::Int => self.c.pick(&INTS).to_string(),
            Ty::Num => {
                if self.c.choose(2) == 0 {
                    self.c.pick(&FLOATS).to_string()
                } else {
                    self.c.pick(&INTS).to_string()
                }
            }
            Ty::Str => self.c.pick(&STRS).to_string(),
            Ty::Bool => self.c.pick(&["True", "False"]).to_string(),
            Ty::List => self
                .c
                .pick(&[
                    "[]",
                    "[1, 2, 3]",
                    "[-5, 0, 10000000000000000000000]",
                    "[3, 1, 2]",
                ])
                .to_string(),
        }
    }

    fn expr(&mut self, ty: Ty, d: u32) -> String {
        if d == 0 || self.c.choose(3) == 0 {
            return self.leaf(ty);
        }
        let d = d - 1;
        match ty {
            Ty::Int => self.int_expr(d),
            Ty::Num => self.num_expr(d),
            Ty::Str => self.str_expr(d),
            Ty::Bool => self.bool_expr(d),
            Ty::List => self.list_expr(d),
        }
    }

    fn int_expr(&mut self, d: u32) -> String {
        match self.c.choose(14) {
            0 => {
                let op = self.c.pick(&["+", "-", "*"]);
                let (a, b) = (self.expr(Ty::Int, d), self.expr(Ty::Int, d));
                format!("({a} {op} {b})")
            }
            1 => {
                // A divisor in 1..=5 whatever the operand.
                let op = self.c.pick(&["//", "%"]);
                let (a, b) = (self.expr(Ty::Int, d), self.expr(Ty::Int, d));
                format!("({a} {op} (({b} % 5) + 1))")
            }
            2 => {
                let sign = self.c.pick(&["-", "+"]);
                format!("({sign}{})", self.expr(Ty::Int, d))
            }
            3 => format!("abs({})", self.expr(Ty::Int, d)),
            4 => format!("len({})", self.expr(Ty::Str, d)),
            5 => format!("len({})", self.expr(Ty::List, d)),
            6 => {
                let f = self.c.pick(&["min", "max"]);
                let (a, b) = (self.expr(Ty::Int, d), self.expr(Ty::Int, d));
                format!("{f}({a}, {b})")
            }
            7 => format!("tick({})", self.expr(Ty::Int, d)),
            8 => {
                let (c, a, b) = (
                    self.expr(Ty::Bool, d),
                    self.expr(Ty::Int, d),
                    self.expr(Ty::Int, d),
                );
                format!("({a} if {c} else {b})")
            }
            9 => format!("sum({})", self.expr(Ty::List, d)),
            10 => {
                // Shadowing: the lambda's parameter may reuse an outer name.
                let w = self.lambda_param();
                let body = self.with_var(&w, Ty::Int, |g| g.expr(Ty::Int, d));
                let arg = self.expr(Ty::Int, d);
                format!("apply(lambda {w}: {body}, {arg})")
            }
            11 => format!("int({})", self.expr(Ty::Num, d)),
            12 => {
                let l = self.expr(Ty::List, d);
                format!("{l}[0]")
            }
            _ => self
                .call_of(Ty::Int, d)
                .unwrap_or_else(|| self.leaf(Ty::Int)),
        }
    }

    fn num_expr(&mut self, d: u32) -> String {
        match self.c.choose(7) {
            0 => {
                let op = self.c.pick(&["+", "-", "*"]);
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} {op} {b})")
            }
            1 => {
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} / (({b} % 5) + 1))")
            }
            2 => format!("float({})", self.expr(Ty::Int, d)),
            3 => format!("abs({})", self.expr(Ty::Num, d)),
            4 => {
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} // (({b} % 3) + 0.5))")
            }
            5 => self
                .call_of(Ty::Num, d)
                .unwrap_or_else(|| self.leaf(Ty::Num)),
            _ => self.expr(Ty::Int, d),
        }
    }

    fn str_expr(&mut self, d: u32) -> String {
        match self.c.choose(13) {
            10 => format!("repr({})", self.expr(Ty::Str, d)),
            11 => format!("str({})", self.expr(Ty::List, d)),
            12 => {
                let spec = self.c.pick(&[".3f", ">6", "g", ".2e", ",", "+"]);
                let v = self.leaf(Ty::Num);
                format!("f'{{{v}:{spec}}}'")
            }
            0 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("({a} + {b})")
            }
            1 => format!("str({})", self.expr(Ty::Num, d)),
            2 => {
                let m = self.c.pick(&["upper", "lower", "strip"]);
                format!("{}.{m}()", self.expr(Ty::Str, d))
            }
            3 => format!("{}[::-1]", self.expr(Ty::Str, d)),
            4 => {
                let k = self.c.choose(3);
                format!("({} * {k})", self.expr(Ty::Str, d))
            }
            5 => {
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("\",\".join([{a}, {b}])")
            }
            6 => format!("{}.replace(\"a\", \"\u{f6}\")", self.expr(Ty::Str, d)),
            7 => {
                // Leaves only: CPython 3.11 forbids the f-string's own quote inside it.
                let (a, b) = (self.leaf(Ty::Str), self.leaf(Ty::Num));
                format!("f'<{{{a}}}|{{{b}}}>'")
            }
            8 if self.c.choose(4) == 0 => "__name__".to_string(),
            8 => format!("{}[1:]", self.expr(Ty::Str, d)),
            _ => self
                .call_of(Ty::Str, d)
                .unwrap_or_else(|| self.leaf(Ty::Str)),
        }
    }

    fn bool_expr(&mut self, d: u32) -> String {
        match self.c.choose(8) {
            0 => {
                let op = self.c.pick(&["<", "<=", "==", "!=", ">"]);
                let (a, b) = (self.expr(Ty::Num, d), self.expr(Ty::Num, d));
                format!("({a} {op} {b})")
            }
            1 => {
                let op = self.c.pick(&["==", "<", "in"]);
                let (a, b) = (self.expr(Ty::Str, d), self.expr(Ty::Str, d));
                format!("({a} {op} {b})")
            }
            2 => format!("(not {})", self.expr(Ty::Bool, d)),
            3 => {
                let op = self.c.pick(&["and", "or"]);
                let (a, b) = (self.expr(Ty::Bool, d), self.expr(Ty::Bool, d));
                format!("({a} {op} {b})")
            }
            4 => {
                let (a, l) = (self.expr(Ty::Int, d), self.expr(Ty::List, d));
                format!("({a} in {l})")
            }
            // NaN compares unequal to everything, and never reaches the output.
            5 => format!("(float(\"nan\") < {})", self.expr(Ty::Num, d)),
            6 => format!("(tick({}) > 0)", self.expr(Ty::Int, d)),
            _ => format!("({} == {})", self.expr(Ty::List, d), self.expr(Ty::List, d)),
        }
    }

    fn list_expr(&mut self, d: u32) -> String {
        match self.c.choose(9) {
            0 => {
                let n = self.c.choose(4);
                let items: Vec<String> = (0..n).map(|_| self.expr(Ty::Int, d)).collect();
                format!("[{}]", items.join(", "))
            }
            1 => {
                let (a, b) = (self.expr(Ty::List, d), self.expr(Ty::List, d));
                format!("({a} + {b})")
            }
            2 => {
                // Comprehension targets are always fresh (README: `[x for x in x]`).
                let l = self.expr(Ty::List, d);
                let w = self.c.fresh("c");
                let body = self.with_var(&w, Ty::Int, |g| g.expr(Ty::Int, d));
                if self.c.choose(2) == 0 {
                    format!("[{body} for {w} in {l}]")
                } else {
                    format!("[{w} for {w} in {l} if {w} % 2 == 0]")
                }
            }
            3 => format!("sorted({})", self.expr(Ty::List, d)),
            4 => {
                let l = self.expr(Ty::List, d);
                let w = self.lambda_param();
                let key = self.with_var(&w, Ty::Int, |g| g.expr(Ty::Int, d));
                format!("sorted({l}, key=lambda {w}: {key})")
            }
            5 => {
                let l = self.expr(Ty::List, d);
                let w = self.lambda_param();
                let body = self.with_var(&w, Ty::Int, |g| g.expr(Ty::Int, d));
                format!("list(map(lambda {w}: {body}, {l}))")
            }
            6 => format!("{}[1:]", self.expr(Ty::List, d)),
            7 => format!("list(range({}))", self.c.choose(4)),
            _ => self
                .call_of(Ty::List, d)
                .unwrap_or_else(|| self.leaf(Ty::List)),
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

    /// Generates with one more variable in scope (a lambda or comprehension binder).
    fn with_var(&mut self, name: &str, ty: Ty, f: impl FnOnce(&mut Self) -> String) -> String {
        self.scope.push_binder(name.to_string(), ty);
        let out = f(self);
        self.scope.pop();
        out
    }
}
