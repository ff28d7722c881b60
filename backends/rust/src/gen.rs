//! Expressions to Rust statements.
//!
//! Each trace expression becomes straight-line Rust in A-normal form: its sub-expressions
//! are bound to temporaries (`t12`) in evaluation order, so generated code evaluates exactly
//! what the machine evaluates, in the same order, calling one runtime method per rule that
//! touches the heap or the host. A variable that some closure captures is a heap cell
//! (`x_4: Loc`), as in the machine, so that closures share it; every other variable is a
//! Rust local (`let mut x_4: Value`). Which bindings are captured is found by a first pass of
//! the same generator over the same trace ([`Gen::analyse`]): binding sites are numbered in
//! the order the generator meets them, which both passes share.
//!
//! Arithmetic and comparisons get unboxed fast paths ([`crate::fast`]).
//!
//! Control: a `label` is a labelled block, a `break` a `break 'l`; a `while` a labelled
//! `loop` that spends fuel per iteration. Parts that must see a completion go by (the body,
//! `catch` and `finally` of a `try`; an inlined or called function body, which gives its
//! depth back) are *regions*: closures called at once, returning `R<Value>`, so that `?`
//! propagates a raise or a halt out of the region. A `break` to a label outside its region
//! returns `Exit::Break(id, v)`, and the code after the region turns it back into
//! `break 'l v` (see [`Gen::finish_region`]).

use crate::writer::Writer;
use crate::SourceMap;
use std::collections::{BTreeSet, HashSet};
use tracelab_ir::{
    CaseBody, EventKind, Expr, ExprKind, FunDef, GuardCase, LValue, Program, RETURN_LABEL,
};

/// A compiled expression: Rust code that evaluates it, to be used right away.
pub(crate) struct Out {
    pub code: String,
    /// A literal or a temporary: no effects, may be evaluated later.
    pub simple: bool,
    /// The source line of the expression, for the statement that uses `code`.
    pub line: Option<String>,
}

impl Out {
    fn simple(code: impl Into<String>) -> Out {
        Out {
            code: code.into(),
            simple: true,
            line: None,
        }
    }

    fn call(code: impl Into<String>) -> Out {
        Out {
            code: code.into(),
            simple: false,
            line: None,
        }
    }

    fn undefined() -> Out {
        Out::simple("Value::Undefined")
    }
}

/// Where a variable lives in generated code.
#[derive(Clone)]
enum Storage {
    /// A heap cell (`Loc`): captured by a closure, or the cell of an alias or the input.
    Cell(String),
    /// A Rust local holding the value (`let mut x: Value`).
    Local(String),
}

/// A variable in scope: its name, where it lives, and its binding site.
struct Binding<'p> {
    name: &'p str,
    storage: Storage,
    site: u32,
}

/// When a binding's cell, if it gets one, has its memory checked: by the binding's own step
/// (`let`, `catch`) or by a later check of the same step (an activation's parameters).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    Now,
    Later,
}

struct Label<'p> {
    name: &'p str,
    id: u32,
    region: usize,
}

/// Labels of outer regions that a `break` in this region targets.
#[derive(Default)]
struct Region {
    escaping: BTreeSet<u32>,
}

/// A `callback` site: its body runs in a later turn, from the continuation enum.
pub(crate) struct CallbackSite<'p> {
    pub clos: &'p str,
    pub param: &'p str,
    pub body: &'p [Expr],
    pub line: Option<String>,
}

/// Lets of a `while` condition outlive the loop (they bind in the enclosing block), so
/// their cells are declared before it and assigned in it.
struct Hoist {
    depth: usize,
    declared: Vec<String>,
}

pub(crate) struct Gen<'p> {
    pub program: &'p Program,
    options: crate::Options,
    pub w: Writer,
    source: &'p SourceMap,
    next_id: u32,
    vars: Vec<Binding<'p>>,
    /// Binding sites met so far (the numbering both passes share).
    next_site: u32,
    /// The first pass: every binding is a cell, and closures record the sites they capture.
    analysing: bool,
    /// Sites some closure captures: found by the first pass, used by the second.
    pub captured: HashSet<u32>,
    labels: Vec<Label<'p>>,
    regions: Vec<Region>,
    used_labels: HashSet<u32>,
    hoist: Option<Hoist>,
    depth: usize,
    line: Option<String>,
    pub callbacks: Vec<CallbackSite<'p>>,
    /// Functions whose trace-level body is called (`=> call` cases, core calls).
    pub called: BTreeSet<&'p str>,
    /// A core `call` or `register` needs dispatch over every function.
    pub needs_call_any: bool,
    pub needs_closure_turn: bool,
}

impl<'p> Gen<'p> {
    pub fn new(program: &'p Program, source: &'p SourceMap, options: crate::Options) -> Gen<'p> {
        Gen {
            program,
            options,
            w: Writer::default(),
            source,
            next_id: 0,
            vars: Vec::new(),
            next_site: 0,
            analysing: false,
            captured: HashSet::new(),
            labels: Vec::new(),
            regions: Vec::new(),
            used_labels: HashSet::new(),
            hoist: None,
            depth: 0,
            line: None,
            callbacks: Vec::new(),
            called: BTreeSet::new(),
            needs_call_any: false,
            needs_closure_turn: false,
        }
    }

    fn fresh(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn temp(&mut self) -> String {
        format!("t{}", self.fresh())
    }

    /// A Rust name for the cell of the variable `name`.
    fn cell_name(&mut self, name: &str) -> String {
        let mut base = snake(name);
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert(0, 'v');
        }
        format!("{base}_{}", self.fresh())
    }

    fn stmt(&mut self, code: &str) {
        let line = self.line.clone();
        self.w.line(code, line.as_deref());
    }

    fn open(&mut self, code: &str) {
        let line = self.line.clone();
        self.w.open(code, line.as_deref());
    }

    /// Binds `out` to a fresh temporary unless it is already simple.
    fn bind(&mut self, out: Out) -> String {
        if out.simple {
            return out.code;
        }
        let t = self.temp();
        self.stmt_at(&format!("let {t} = {};", out.code), out.line);
        t
    }

    /// A statement that ends the evaluation of an expression from `line`.
    fn stmt_at(&mut self, code: &str, line: Option<String>) {
        let line = line.or_else(|| self.line.clone());
        self.w.line(code, line.as_deref());
    }

    fn atom(&mut self, e: &'p Expr) -> String {
        let out = self.expr(e);
        self.bind(out)
    }

    fn atoms(&mut self, es: &'p [Expr]) -> Vec<String> {
        es.iter().map(|e| self.atom(e)).collect()
    }

    /// An expression whose value is not used.
    pub fn effect(&mut self, e: &'p Expr) {
        if let ExprKind::Var { name } = &e.kind {
            // Reading a local has no effect.
            if let Storage::Local(_) = self.lookup(name).storage {
                return;
            }
        }
        if let ExprKind::Set {
            target: LValue::Var { name },
            value,
        } = &e.kind
        {
            // A write to a local whose value is not used moves the value in.
            if let Storage::Local(x) = self.lookup(name).storage.clone() {
                let saved = self.enter_span(e);
                let v = self.atom(value);
                self.stmt(&format!("{x} = {v};"));
                self.line = saved;
                return;
            }
        }
        let out = self.expr(e);
        if !out.simple {
            self.stmt_at(&format!("{};", out.code), out.line);
        }
    }

    /// The statements of a block in the current Rust block; returns the code of its value.
    pub fn block(&mut self, body: &'p [Expr]) -> String {
        let (vars, labels) = (self.vars.len(), self.labels.len());
        self.depth += 1;
        let value = match body.split_last() {
            None => Out::undefined().code,
            Some((last, init)) => {
                for e in init {
                    self.effect(e);
                }
                self.expr(last).code
            }
        };
        self.depth -= 1;
        self.vars.truncate(vars);
        self.labels.truncate(labels);
        value
    }

    /// A block as a Rust block expression bound to a temporary.
    fn nested_block(&mut self, lead: &str, body: &'p [Expr], tail: &str) {
        self.open(lead);
        let value = self.block(body);
        self.stmt(&value);
        self.w.close(tail);
    }

    fn lookup(&self, name: &str) -> &Binding<'p> {
        match self.vars.iter().rev().find(|b| b.name == name) {
            Some(b) => b,
            None => unreachable!("well-formed traces bind `{name}` before using it"),
        }
    }

    /// The cell of a captured variable (closures capture cells only).
    fn captured_cell(&mut self, name: &str) -> String {
        let (site, storage) = {
            let b = self.lookup(name);
            (b.site, b.storage.clone())
        };
        if self.analysing {
            self.captured.insert(site);
        }
        match storage {
            Storage::Cell(cell) => cell,
            Storage::Local(_) => {
                unreachable!("the first pass made every captured variable a cell, not `{name}`")
            }
        }
    }

    fn site(&mut self) -> u32 {
        self.next_site += 1;
        self.next_site
    }

    /// Emits `let x = init;`, or, for the `let`s of a `while` condition (which outlive the
    /// loop), an assignment to a variable declared before the loop.
    fn declare(&mut self, rust: &str, mutable: bool, init: &str) {
        match &mut self.hoist {
            Some(h) if h.depth == self.depth => {
                h.declared.push(rust.to_string());
                self.stmt(&format!("{rust} = {init};"));
            }
            _ if mutable => self.stmt(&format!("let mut {rust} = {init};")),
            _ => self.stmt(&format!("let {rust} = {init};")),
        }
    }

    /// Binds `name` to a cell that `init` (an expression of type `Loc`) gives: an alias.
    fn bind_cell(&mut self, name: &'p str, init: &str) {
        let site = self.site();
        let cell = self.cell_name(name);
        self.declare(&cell, false, init);
        self.vars.push(Binding {
            name,
            storage: Storage::Cell(cell),
            site,
        });
    }

    /// Binds `name` to the value `v` (an atom): a Rust local, or a fresh cell when some
    /// closure captures it. Returns whether it made a cell.
    fn bind_value(&mut self, name: &'p str, v: &str, check: Check) -> bool {
        let site = self.site();
        let rust = self.cell_name(name);
        let cell = self.analysing || self.captured.contains(&site);
        let storage = if cell {
            let init = match check {
                Check::Now => format!("rt.cell({v})?"),
                Check::Later => format!("rt.cell_unchecked({v})"),
            };
            self.declare(&rust, false, &init);
            Storage::Cell(rust)
        } else {
            self.declare(&rust, true, v);
            Storage::Local(rust)
        };
        self.vars.push(Binding {
            name,
            storage,
            site,
        });
        cell
    }

    /// Forgets every binding: a new function or callback body starts here.
    pub fn clear_scope(&mut self) {
        self.vars.clear();
        self.labels.clear();
        self.regions.clear();
        self.hoist = None;
        self.depth = 0;
        self.line = None;
    }

    /// Binds `name` to an existing cell (the input's, a closure's capture).
    pub fn bind_existing(&mut self, name: &'p str, cell: String) {
        let site = self.site();
        self.vars.push(Binding {
            name,
            storage: Storage::Cell(cell),
            site,
        });
    }

    /// Binds `name` to a value for a new body (a callback's closure and argument), as
    /// [`Gen::bind_value`]; the caller checks memory after the step's cells.
    pub fn bind_param(&mut self, name: &'p str, v: &str) -> bool {
        self.bind_value(name, v, Check::Later)
    }

    /// Turns this generator into the first pass: bindings are cells, closures record what
    /// they capture (in [`Gen::captured`]).
    pub fn analyse(&mut self) {
        self.analysing = true;
    }

    pub fn fresh_cell_name(&mut self, name: &str) -> String {
        self.cell_name(name)
    }

    /// The source line of `e`, for the comments of the statements it generates.
    fn enter_span(&mut self, e: &Expr) -> Option<String> {
        let saved = self.line.clone();
        if let Some(line) = e.span.and_then(|s| self.source.line_comment(s)) {
            self.line = Some(line);
        }
        saved
    }

    pub fn expr(&mut self, e: &'p Expr) -> Out {
        let saved = self.enter_span(e);
        let mut out = self.expr_kind(e);
        out.line = self.line.clone();
        self.line = saved;
        out
    }

    fn expr_kind(&mut self, e: &'p Expr) -> Out {
        match &e.kind {
            ExprKind::Undefined => Out::undefined(),
            ExprKind::Null => Out::simple("Value::Null"),
            ExprKind::Bool { value } => Out::simple(format!("Value::Bool({value})")),
            ExprKind::Int { value } => match i64::try_from(value) {
                Ok(n) => Out::simple(format!("Value::int({n})")),
                Err(_) => Out::simple(format!("Value::big_literal(\"{value}\")")),
            },
            ExprKind::Float { value } => Out::simple(format!("Value::Float({})", float(value.0))),
            ExprKind::Str { value } => Out::simple(format!("Value::str({value:?})")),
            ExprKind::Var { name } => Out::call(match &self.lookup(name).storage {
                Storage::Cell(cell) => format!("rt.read({cell})"),
                Storage::Local(x) => format!("{x}.clone()"),
            }),
            ExprKind::Let { name, value } => {
                let v = self.atom(value);
                self.bind_value(name, &v, Check::Now);
                Out::undefined()
            }
            ExprKind::Set { target, value } => self.set(target, value),
            ExprKind::Block { body } => {
                let t = self.temp();
                self.nested_block(&format!("let {t} = {{"), body, "};");
                Out::simple(t)
            }
            ExprKind::If {
                cond,
                then,
                otherwise,
            } => {
                let c = self.atom(cond);
                let t = self.temp();
                self.open(&format!("let {t} = if rt.condition(&{c}, \"if\")? {{"));
                let v = self.block(then);
                self.stmt(&v);
                self.w.reopen("} else {");
                let v = self.block(otherwise);
                self.stmt(&v);
                self.w.close("};");
                Out::simple(t)
            }
            ExprKind::While { cond, body } => self.while_loop(cond, body),
            ExprKind::Label { name, body } => {
                let t = self.temp();
                self.label(name, body, &format!("let {t} = "), ";");
                Out::simple(t)
            }
            ExprKind::Break { label, value } => {
                let v = self.atom(value);
                self.break_to(label, &v);
                Out::undefined()
            }
            ExprKind::Object { fields } => {
                let values: Vec<String> = fields
                    .iter()
                    .map(|f| format!("({:?}, {})", f.name, self.atom(&f.value)))
                    .collect();
                Out::call(format!("rt.object(vec![{}])?", values.join(", ")))
            }
            ExprKind::Array { items } => {
                let items = self.atoms(items);
                Out::call(format!("rt.array(vec![{}])?", items.join(", ")))
            }
            ExprKind::Get { object, field } => {
                let o = self.atom(object);
                Out::call(format!("rt.get_field(&{o}, {field:?})?"))
            }
            ExprKind::Index { object, index } => {
                let o = self.atom(object);
                let k = self.atom(index);
                Out::call(format!("rt.get_index(&{o}, &{k})?"))
            }
            ExprKind::Prim { op, args } => {
                let args = self.atoms(args);
                let generic = format!("rt.prim(PrimOp::{op:?}, &[{}])?", args.join(", "));
                let fast = crate::fast::code(*op, &args, &generic);
                Out::call(match fast.filter(|_| self.options.specialise) {
                    Some(fast) => fast,
                    None => generic,
                })
            }
            ExprKind::Closure { func } => {
                let def = self.function(func);
                let captures: Vec<String> = def
                    .captures
                    .iter()
                    .map(|c| format!("({c:?}, {})", self.captured_cell(c)))
                    .collect();
                Out::call(format!("rt.closure({func:?}, &[{}])?", captures.join(", ")))
            }
            ExprKind::Call { callee, args } => {
                let f = self.atom(callee);
                let args = self.atoms(args);
                self.needs_call_any = true;
                Out::call(format!("call_any(rt, {f}, vec![{}])?", args.join(", ")))
            }
            ExprKind::Guard {
                callee,
                args,
                cases,
            } => self.guard(callee, args, cases),
            ExprKind::Alias {
                name,
                closure,
                capture,
            } => {
                let c = self.atom(closure);
                self.bind_cell(name, &format!("rt.alias(&{c}, {capture:?})?"));
                Out::undefined()
            }
            ExprKind::Throw { value } => {
                let v = self.atom(value);
                Out::call(format!("rt.throw({v})?"))
            }
            ExprKind::Try {
                body,
                catch,
                finally,
            } => self.try_catch(body, catch.as_ref(), finally.as_deref()),
            ExprKind::Event { event, arg } => {
                let v = self.atom(arg);
                Out::call(format!("rt.event({}, {v})?", event_kind(*event)))
            }
            ExprKind::Register {
                event,
                arg,
                callback,
            } => {
                let a = self.atom(arg);
                let f = self.atom(callback);
                self.needs_call_any = true;
                self.needs_closure_turn = true;
                Out::call(format!(
                    "rt.enqueue({}, {a}, K::Closure({f}))",
                    event_kind(*event)
                ))
            }
            ExprKind::Callback {
                event,
                arg,
                callback,
                clos,
                param,
                body,
            } => {
                let a = self.atom(arg);
                let f = self.atom(callback);
                let site = self.callbacks.len();
                self.callbacks.push(CallbackSite {
                    clos,
                    param,
                    body,
                    line: self.line.clone(),
                });
                Out::call(format!(
                    "rt.enqueue({}, {a}, K::Callback{site}({f}))",
                    event_kind(*event)
                ))
            }
            ExprKind::Unknown => Out::call("rt.unknown()?"),
        }
    }

    fn function(&self, name: &str) -> &'p FunDef {
        match self.program.function(name) {
            Some(def) => def,
            None => unreachable!("well-formed traces name defined functions only, not `{name}`"),
        }
    }

    fn set(&mut self, target: &'p LValue, value: &'p Expr) -> Out {
        match target {
            LValue::Var { name } => match self.lookup(name).storage.clone() {
                Storage::Cell(cell) => {
                    let v = self.atom(value);
                    Out::call(format!("rt.write({cell}, {v})?"))
                }
                Storage::Local(x) => {
                    let v = self.atom(value);
                    self.stmt(&format!("{x} = {v}.clone();"));
                    Out::simple(v)
                }
            },
            LValue::Field { object, field } => {
                let o = self.atom(object);
                let v = self.atom(value);
                Out::call(format!("rt.set_field(&{o}, {field:?}, {v})?"))
            }
            LValue::Index { object, index } => {
                let o = self.atom(object);
                let k = self.atom(index);
                let v = self.atom(value);
                Out::call(format!("rt.set_index(&{o}, &{k}, {v})?"))
            }
        }
    }

    fn while_loop(&mut self, cond: &'p Expr, body: &'p [Expr]) -> Out {
        let id = self.fresh();
        let outer = std::mem::take(&mut self.w);
        let outer_hoist = self.hoist.replace(Hoist {
            depth: self.depth,
            declared: Vec::new(),
        });
        self.w = outer.nested();
        let c = self.atom(cond);
        let hoisted =
            std::mem::replace(&mut self.hoist, outer_hoist).map_or(Vec::new(), |h| h.declared);
        self.open(&format!("if !rt.condition(&{c}, \"while\")? {{"));
        self.w.line(&format!("break 'w{id};"), None);
        self.w.close("}");
        self.stmt("rt.fuel()?;");
        self.depth += 1;
        let (vars, labels) = (self.vars.len(), self.labels.len());
        for e in body {
            self.effect(e);
        }
        self.vars.truncate(vars);
        self.labels.truncate(labels);
        self.depth -= 1;
        let inner = std::mem::replace(&mut self.w, outer);
        for cell in hoisted {
            self.stmt(&format!("let mut {cell};"));
        }
        self.open(&format!("'w{id}: loop {{"));
        self.w.raw(inner);
        self.w.close("}");
        Out::undefined()
    }

    /// `lead 'l: { body } tail`, or a plain block when no `break` targets the label.
    fn label(&mut self, name: &'p str, body: &'p [Expr], lead: &str, tail: &str) {
        let id = self.fresh();
        self.labels.push(Label {
            name,
            id,
            region: self.regions.len(),
        });
        let outer = std::mem::take(&mut self.w);
        self.w = outer.nested();
        let value = self.block(body);
        self.stmt(&value);
        let inner = std::mem::replace(&mut self.w, outer);
        self.labels.pop();
        if self.used_labels.contains(&id) {
            self.open(&format!("{lead}'l{id}: {{"));
        } else {
            self.open(&format!("{lead}{{"));
        }
        self.w.raw(inner);
        self.w.close(&format!("}}{tail}"));
    }

    fn break_to(&mut self, name: &str, v: &str) {
        let Some(label) = self.labels.iter().rev().find(|l| l.name == name) else {
            unreachable!("well-formed traces break inside their label only, not `{name}`")
        };
        let id = label.id;
        if label.region == self.regions.len() {
            self.used_labels.insert(id);
            self.stmt(&format!("break 'l{id} {v};"));
        } else {
            if let Some(region) = self.regions.last_mut() {
                region.escaping.insert(id);
            }
            self.stmt(&format!("return Err(Exit::Break({id}, {v}));"));
        }
    }

    /// Opens a region: `lead (|| -> R<Value> {`.
    pub fn open_region(&mut self, lead: &str) {
        self.open(&format!("{lead}(|| -> R<Value> {{"));
        self.regions.push(Region::default());
    }

    /// Closes a region with its value; returns the labels of outer regions it breaks to.
    pub fn close_region(&mut self, value: &str, tail: &str) -> BTreeSet<u32> {
        let value = ok(value);
        self.stmt(&value);
        self.w.close(&format!("}})(){tail}"));
        self.regions
            .pop()
            .map_or_else(BTreeSet::new, |r| r.escaping)
    }

    /// The value of a finished region's result `r`: `?` propagates raises and halts, and a
    /// break to a label of this region becomes `break 'l v` here.
    pub fn finish_region(&mut self, r: &str, escaping: BTreeSet<u32>) -> Out {
        let here = self.regions.len();
        let mut arms = Vec::new();
        for id in escaping {
            let local = self.labels.iter().any(|l| l.id == id && l.region == here);
            if local {
                self.used_labels.insert(id);
                arms.push(format!("Err(Exit::Break({id}, v)) => break 'l{id} v,"));
            } else if let Some(region) = self.regions.last_mut() {
                region.escaping.insert(id);
            }
        }
        if arms.is_empty() {
            return Out::call(format!("{r}?"));
        }
        let t = self.temp();
        self.open(&format!("let {t} = match {r} {{"));
        self.stmt("Ok(v) => v,");
        for arm in arms {
            self.stmt(&arm);
        }
        self.stmt("Err(e) => return Err(e),");
        self.w.close("};");
        Out::simple(t)
    }

    fn try_catch(
        &mut self,
        body: &'p [Expr],
        catch: Option<&'p tracelab_ir::Catch>,
        finally: Option<&'p [Expr]>,
    ) -> Out {
        let r = format!("r{}", self.fresh());
        self.open_region(&format!("let {r} = "));
        let v = self.block(body);
        let mut escaping = self.close_region(&v, ";");
        if let Some(catch) = catch {
            // E-Try-Catch: only a raise is caught; breaks and halts go by.
            self.open(&format!("let {r} = match {r} {{"));
            self.open_region("Err(Exit::Throw(thrown)) => ");
            let (vars, labels) = (self.vars.len(), self.labels.len());
            self.depth += 1;
            self.bind_value(&catch.name, "thrown", Check::Now);
            let v = self.block(&catch.body);
            self.depth -= 1;
            self.vars.truncate(vars);
            self.labels.truncate(labels);
            escaping.extend(self.close_region(&v, ","));
            self.stmt("other => other,");
            self.w.close("};");
        }
        if let Some(finally) = finally {
            // E-Finally-Enter / -Resume: the finally body runs on a value, a raise or a
            // break, and its own raise or break replaces the pending one; halts go by.
            self.open(&format!("let {r} = match {r} {{"));
            self.stmt("Err(Exit::Halt(h)) => Err(Exit::Halt(h)),");
            self.open("pending => {");
            let f = format!("f{}", self.fresh());
            self.open_region(&format!("let {f} = "));
            let v = self.block(finally);
            escaping.extend(self.close_region(&v, ";"));
            self.stmt(&format!("{f}.and(pending)"));
            self.w.close("}");
            self.w.close("};");
        }
        self.finish_region(&r, escaping)
    }

    fn guard(&mut self, callee: &'p Expr, args: &'p [Expr], cases: &'p [GuardCase]) -> Out {
        let f = self.atom(callee);
        let args = self.atoms(args);
        let func = format!("f{}", self.fresh());
        self.stmt(&format!("let {func} = rt.callee(&{f})?;"));
        let t = self.temp();
        self.open(&format!("let {t} = match &*{func} {{"));
        for case in cases {
            let def = self.function(&case.func);
            self.open(&format!("{:?} => {{", case.func));
            match &case.body {
                CaseBody::Call => {
                    self.called.insert(&case.func);
                    let name = fun_name(self.program, &case.func);
                    let passed = self.arity(&def.name, &def.params, &args);
                    self.stmt(&format!("{name}(rt, &{f}, [{}])?", passed.join(", ")));
                }
                CaseBody::Inline { clos, params, body } => {
                    let outer_vars = std::mem::take(&mut self.vars);
                    let outer_labels = std::mem::take(&mut self.labels);
                    let outer_hoist = self.hoist.take();
                    // E-Guard-Inline: the closure's cell, if it has one, is allocated before
                    // the checks of the activation; its memory is checked with them.
                    let cell = self.bind_value(clos, &f, Check::Later);
                    let passed = self.arity(&def.name, &def.params, &args);
                    let v = self.activation(params, &passed, body, cell);
                    self.stmt(&v);
                    self.vars = outer_vars;
                    self.labels = outer_labels;
                    self.hoist = outer_hoist;
                }
            }
            self.w.close("}");
        }
        // E-Guard-Fail: a closure of a function no traced run called here.
        self.stmt("_ => rt.unknown()?,");
        self.w.close("};");
        Out::simple(t)
    }

    /// The arity check of a call of `func` (declared with `params`) on the atoms `args`:
    /// when the numbers differ, the runtime decides (`rt.arity`: JavaScript pads or drops,
    /// Python raises TypeError); returns the values bound to the parameters, padded with
    /// `undefined` or cut, as JavaScript binds them.
    pub fn arity(&mut self, func: &str, params: &[String], args: &[String]) -> Vec<String> {
        if args.len() == params.len() {
            return args.to_vec();
        }
        let names: Vec<String> = params.iter().map(|p| format!("{p:?}")).collect();
        self.stmt(&format!(
            "rt.arity({func:?}, &[{}], {})?;",
            names.join(", "),
            args.len()
        ));
        (0..params.len())
            .map(|i| {
                args.get(i)
                    .cloned()
                    .unwrap_or_else(|| "Value::Undefined".to_string())
            })
            .collect()
    }

    /// An activation after its arity check: depth and fuel (`rt.enter`), the parameters
    /// bound to `args` (with one memory check for the cells of the step, when there are any:
    /// `cells` says whether an earlier binding of the step made one), and the body under the
    /// `return` label in a region that gives the depth back; returns the code of its value.
    pub fn activation(
        &mut self,
        params: &'p [String],
        args: &[String],
        body: &'p [Expr],
        cells: bool,
    ) -> String {
        self.stmt("rt.enter()?;");
        let mut cells = cells;
        for (p, a) in params.iter().zip(args) {
            cells |= self.bind_value(p, a, Check::Later);
        }
        if cells {
            self.stmt("rt.check_memory()?;");
        }
        let r = format!("r{}", self.fresh());
        self.open_region(&format!("let {r} = "));
        self.label(RETURN_LABEL, body, "Ok(", ")");
        // The body is closed: no break leaves it but `return`, which is caught inside.
        self.regions.pop();
        self.w.close("})();");
        format!("rt.leave({r})?")
    }
}

/// A snake-case identifier part: ASCII letters and digits, single underscores between.
fn snake(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("_")
}

/// `Ok(x?)` is `x`: what a region or function returns when its value is a call.
pub(crate) fn ok(value: &str) -> String {
    match value.strip_suffix('?') {
        Some(call) => call.to_string(),
        None => format!("Ok({value})"),
    }
}

/// The Rust function of a trace-level function.
pub(crate) fn fun_name(program: &Program, func: &str) -> String {
    let i = program
        .functions
        .iter()
        .position(|f| f.name == func)
        .unwrap_or(0);
    format!("fun_{}_{i}", snake(func))
}

pub(crate) fn event_kind(event: EventKind) -> &'static str {
    match event {
        EventKind::Listen => "EventKind::Listen",
        EventKind::Get => "EventKind::Get",
        EventKind::Post => "EventKind::Post",
        EventKind::Respond => "EventKind::Respond",
        EventKind::Log => "EventKind::Log",
    }
}

/// A float literal that reads back to the same bits.
fn float(x: f64) -> String {
    if x.is_nan() {
        "f64::NAN".into()
    } else if x.is_infinite() {
        if x > 0.0 {
            "f64::INFINITY"
        } else {
            "f64::NEG_INFINITY"
        }
        .into()
    } else {
        let text = format!("{x:?}");
        match text.parse::<f64>() {
            Ok(back) if back.to_bits() == x.to_bits() => text,
            _ => format!("f64::from_bits({:#x})", x.to_bits()),
        }
    }
}
