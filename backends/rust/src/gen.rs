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
//! returns `Exit::brk(id, v)`, and the code after the region turns it back into
//! `break 'l v` (see [`Gen::finish_region`]).

mod bindings;
mod control;

use crate::scalar::{unbox, Atom, Repr, Want};
use crate::writer::Writer;
use crate::SourceMap;
use bindings::{write_of, Binding, Check, Storage, Write, Writes};
use std::collections::{BTreeSet, HashMap, HashSet};
use tracelab_ir::{EventKind, Expr, ExprKind, FunDef, LValue, PrimOp, Program, Ty};

/// A compiled expression: Rust code that evaluates it, to be used right away.
pub(crate) struct Out {
    pub code: String,
    /// A literal or a temporary: no effects, may be evaluated later.
    pub simple: bool,
    /// The source line of the expression, for the statement that uses `code`.
    pub line: Option<String>,
    /// How `code` holds the value (a `Value`, or unboxed).
    pub repr: Repr,
}

impl Out {
    fn simple(code: impl Into<String>) -> Out {
        Out {
            code: code.into(),
            simple: true,
            line: None,
            repr: Repr::Boxed,
        }
    }

    fn call(code: impl Into<String>) -> Out {
        Out {
            code: code.into(),
            simple: false,
            line: None,
            repr: Repr::Boxed,
        }
    }

    fn with(mut self, repr: Repr) -> Out {
        self.repr = repr;
        self
    }

    fn undefined() -> Out {
        Out::simple("Value::Undefined")
    }
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
    /// The first pass: for each binding site, what the values written to it are.
    pub(crate) writes: HashMap<u32, Writes>,
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
    /// The trace's string constants, in order of first use: each is made once per thread
    /// (`tl_str(i)`), not allocated at each evaluation.
    pub strings: Vec<&'p str>,
    string_ids: HashMap<&'p str, usize>,
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
            writes: HashMap::new(),
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
            strings: Vec::new(),
            string_ids: HashMap::new(),
        }
    }

    /// The index of the string constant `value`.
    fn string(&mut self, value: &'p str) -> usize {
        let next = self.strings.len();
        let i = *self.string_ids.entry(value).or_insert(next);
        if i == next {
            self.strings.push(value);
        }
        i
    }

    fn fresh(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    fn temp(&mut self) -> String {
        format!("t{}", self.fresh())
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
    fn bind(&mut self, out: Out) -> Atom {
        if out.simple {
            return Atom {
                code: out.code,
                repr: out.repr,
            };
        }
        let t = self.temp();
        self.stmt_at(&format!("let {t} = {};", out.code), out.line);
        Atom {
            code: t,
            repr: out.repr,
        }
    }

    /// A statement that ends the evaluation of an expression from `line`.
    fn stmt_at(&mut self, code: &str, line: Option<String>) {
        let line = line.or_else(|| self.line.clone());
        self.w.line(code, line.as_deref());
    }

    /// An expression evaluated now, as it holds its value (boxed or unboxed).
    fn operand(&mut self, e: &'p Expr) -> Atom {
        let out = self.expr(e);
        self.bind(out)
    }

    /// An expression evaluated now, as a `Value`.
    fn atom(&mut self, e: &'p Expr) -> String {
        self.operand(e).value()
    }

    fn atoms(&mut self, es: &'p [Expr]) -> Vec<String> {
        es.iter().map(|e| self.atom(e)).collect()
    }

    fn operands(&mut self, es: &'p [Expr]) -> Vec<Atom> {
        es.iter().map(|e| self.operand(e)).collect()
    }

    /// An expression whose value is not used.
    pub fn effect(&mut self, e: &'p Expr) {
        if let ExprKind::Var { name } = &e.kind {
            // Reading a local has no effect.
            if !matches!(self.lookup(name).storage, Storage::Cell(_)) {
                return;
            }
        }
        if let ExprKind::Set {
            target: LValue::Var { name },
            value,
        } = &e.kind
        {
            // A write to a local whose value is not used moves the value in.
            let (storage, site) = {
                let b = self.lookup(name);
                (b.storage.clone(), b.site)
            };
            if !matches!(storage, Storage::Cell(_)) {
                let saved = self.enter_span(e);
                self.note_write(site, write_of(value));
                let a = self.operand(value);
                let code = self.store(&storage, a);
                self.stmt(&code);
                self.line = saved;
                return;
            }
        }
        let out = self.expr(e);
        if !out.simple {
            // An unused scalar (an operation on scalars) has no effect to keep, but may still
            // hold a `?` that ends the run.
            let code = if out.repr == Repr::Boxed {
                format!("{};", out.code)
            } else {
                format!("let _ = {};", out.code)
            };
            self.stmt_at(&code, out.line);
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
                let out = self.expr(last);
                Atom {
                    code: out.code,
                    repr: out.repr,
                }
                .value()
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
            ExprKind::Bool { value } => Out::simple(value.to_string()).with(Repr::Scalar(Ty::Bool)),
            ExprKind::Int { value } => match i64::try_from(value) {
                Ok(n) => Out::simple(format!("{n}i64")).with(Repr::Scalar(Ty::Int)),
                Err(_) => Out::simple(format!("Value::big_literal(\"{value}\")")),
            },
            ExprKind::Float { value } => {
                let x = float(value.0);
                let x = if x.starts_with("f64::") {
                    x
                } else {
                    format!("{x}f64")
                };
                Out::simple(x).with(Repr::Scalar(Ty::Float))
            }
            ExprKind::Str { value } => Out::simple(format!("tl_str({})", self.string(value))),
            ExprKind::Var { name } => Self::read(&self.lookup(name).storage),
            ExprKind::Let { name, value } => {
                let a = self.operand(value);
                self.bind_value(name, a, write_of(value), Check::Now);
                Out::undefined()
            }
            ExprKind::Typed { ty, value } => self.typed(*ty, value),
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
                let c = self.condition(cond, "if");
                let t = self.temp();
                self.open(&format!("let {t} = if {c} {{"));
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
                    .map(|f| {
                        let v = self.atom(&f.value);
                        format!("(tl_key({}), {v})", self.string(&f.name))
                    })
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
            ExprKind::Prim { op, args: exprs } => {
                let args = self.operands(exprs);
                if let Some((code, ty)) = crate::scalar::certain(*op, &args) {
                    return Out::call(code).with(Repr::Scalar(ty));
                }
                let args: Vec<String> = args.iter().map(Atom::value).collect();
                Out::call(self.boxed_prim(*op, exprs, &args))
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

    /// A type guard (E-Typed-Pass / E-Typed-Fail): a scalar of the type, computed unboxed
    /// when the guarded value is an operation on scalars.
    /// The code of a primitive on boxed operands (`values`, the atoms of `exprs`): a direct
    /// call or the runtime's fast path where one applies, falling back to the generic
    /// primitive, which decides everything else.
    fn boxed_prim(&self, op: PrimOp, exprs: &[Expr], values: &[String]) -> String {
        let generic = format!("rt.prim(PrimOp::{op:?}, &[{}])?", values.join(", "));
        if !self.options.specialise {
            return generic;
        }
        let name = match exprs.first().map(|e| &e.kind) {
            Some(ExprKind::Str { value }) => Some(value.as_str()),
            _ => None,
        };
        crate::fast::direct(op, name, values)
            .or_else(|| crate::fast::code(op, values, &format!("rt.prim(PrimOp::{op:?}, &args)?")))
            .unwrap_or(generic)
    }

    fn typed(&mut self, ty: Ty, value: &'p Expr) -> Out {
        if let ExprKind::Prim { op, args: exprs } = &value.kind {
            let args = self.operands(exprs);
            let label = format!("f{}", self.fresh());
            if let Some(code) = crate::scalar::for_context(*op, &args, Want::Typed(ty), &label) {
                return Out::call(code).with(Repr::Scalar(ty));
            }
            let values: Vec<String> = args.iter().map(Atom::value).collect();
            let v = self.temp();
            let code = self.boxed_prim(*op, exprs, &values);
            self.stmt(&format!("let {v} = {code};"));
            return Out::call(unbox(ty, &v)).with(Repr::Scalar(ty));
        }
        let a = self.operand(value);
        let code = match a.repr {
            Repr::Scalar(t) if t == ty => return Out::simple(a.code).with(a.repr),
            Repr::Nullable(t) if t == ty => {
                format!(
                    "match {} {{ Some(x) => x, None => rt.unknown_of()? }}",
                    a.code
                )
            }
            _ => unbox(ty, &a.value()),
        };
        Out::call(code).with(Repr::Scalar(ty))
    }

    /// The code of a condition's `bool` (E-If-True / -False / -Not-Bool, and `while`'s).
    fn condition(&mut self, cond: &'p Expr, form: &'static str) -> String {
        if let ExprKind::Prim { op, args: exprs } = &cond.kind {
            let saved = self.enter_span(cond);
            let args = self.operands(exprs);
            let label = format!("f{}", self.fresh());
            let scalar = crate::scalar::for_context(*op, &args, Want::Condition(form), &label);
            if let Some(code) = scalar {
                let c = self.temp();
                self.stmt(&format!("let {c} = {code};"));
                self.line = saved;
                return c;
            }
            let values: Vec<String> = args.iter().map(Atom::value).collect();
            let code = self.boxed_prim(*op, exprs, &values);
            let v = self.temp();
            self.stmt(&format!("let {v} = {code};"));
            self.line = saved;
            return format!("rt.condition({v}, {form:?})?");
        }
        let a = self.operand(cond);
        match a.repr {
            Repr::Scalar(Ty::Bool) => a.code,
            _ => format!("rt.condition({}, {form:?})?", a.value()),
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
            LValue::Var { name } => {
                let (storage, site) = {
                    let b = self.lookup(name);
                    (b.storage.clone(), b.site)
                };
                self.note_write(site, write_of(value));
                let a = self.operand(value);
                match storage {
                    Storage::Cell(cell) => Out::call(format!("rt.write({cell}, {})?", a.value())),
                    Storage::Local(ref x) => {
                        let v = a.value();
                        self.stmt(&format!("{x} = {v}.clone();"));
                        Out::simple(v)
                    }
                    Storage::Typed(..) => {
                        // The value moves into the local; the expression's value is read back.
                        let code = self.store(&storage, a);
                        self.stmt(&code);
                        Self::read(&storage)
                    }
                }
            }
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
        // By its bits, not `f64::NAN`: comparing with that constant is a rustc warning
        // (`invalid_nan_comparisons`), and a generated crate must build without any.
        format!("f64::from_bits({:#x})", x.to_bits())
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

#[cfg(test)]
mod tests {
    use super::float;

    /// Every float literal reads back to its bits; NaN never as the constant `f64::NAN`,
    /// which rustc warns about in comparisons.
    #[test]
    fn float_literals_keep_their_bits() {
        let quiet = f64::NAN;
        let other = f64::from_bits(0x7ff8_0000_0000_0001);
        assert_eq!(float(quiet), "f64::from_bits(0x7ff8000000000000)");
        assert_eq!(float(other), "f64::from_bits(0x7ff8000000000001)");
        assert_eq!(float(-0.0), "-0.0");
        assert_eq!(float(1e21), "1e21");
        assert_eq!(float(f64::NEG_INFINITY), "f64::NEG_INFINITY");
    }
}
