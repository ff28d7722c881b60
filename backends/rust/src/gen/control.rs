//! Control: loops, labels and breaks, regions, `try`, guards and activations.

use super::{fun_name, ok, write_of, Check, Gen, Hoist, Label, Out, Region, Write};
use crate::scalar::Atom;
use std::collections::BTreeSet;
use tracelab_ir::{CaseBody, Expr, GuardCase, RETURN_LABEL};

impl<'p> Gen<'p> {
    pub(super) fn while_loop(&mut self, cond: &'p Expr, body: &'p [Expr]) -> Out {
        let id = self.fresh();
        let outer = std::mem::take(&mut self.w);
        let outer_hoist = self.hoist.replace(Hoist {
            depth: self.depth,
            declared: Vec::new(),
        });
        self.w = outer.nested();
        let c = self.condition(cond, "while");
        let hoisted =
            std::mem::replace(&mut self.hoist, outer_hoist).map_or(Vec::new(), |h| h.declared);
        // A literal condition needs no test (`while True`), and clippy rejects `!true`.
        match c.as_str() {
            "true" => {}
            "false" => self.w.line(&format!("break 'w{id};"), None),
            _ => {
                self.open(&format!("if !{c} {{"));
                self.w.line(&format!("break 'w{id};"), None);
                self.w.close("}");
            }
        }
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
    pub(super) fn label(&mut self, name: &'p str, body: &'p [Expr], lead: &str, tail: &str) {
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

    pub(super) fn break_to(&mut self, name: &str, v: &str) {
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
            self.stmt(&format!("return Err(Exit::brk({id}, {v}));"));
        }
    }

    /// Opens a region: `lead (|| -> R<Value> {`.
    pub(crate) fn open_region(&mut self, lead: &str) {
        self.open(&format!("{lead}(|| -> R<Value> {{"));
        self.regions.push(Region::default());
    }

    /// Closes a region with its value; returns the labels of outer regions it breaks to.
    pub(crate) fn close_region(&mut self, value: &str, tail: &str) -> BTreeSet<u32> {
        let value = ok(value);
        self.stmt(&value);
        self.w.close(&format!("}})(){tail}"));
        self.regions
            .pop()
            .map_or_else(BTreeSet::new, |r| r.escaping)
    }

    /// The value of a finished region's result `r`: `?` propagates raises and halts, and a
    /// break to a label of this region becomes `break 'l v` here.
    pub(crate) fn finish_region(&mut self, r: &str, escaping: BTreeSet<u32>) -> Out {
        let here = self.regions.len();
        let mut arms = Vec::new();
        for id in escaping {
            let local = self.labels.iter().any(|l| l.id == id && l.region == here);
            if local {
                self.used_labels.insert(id);
                arms.push(format!(
                    "Err(e) if e.breaks_to({id}) => break 'l{id} e.value(),"
                ));
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

    pub(super) fn try_catch(
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
            self.open_region("Err(e) => match e.caught() { Err(e) => Err(e), Ok(thrown) => ");
            let (vars, labels) = (self.vars.len(), self.labels.len());
            self.depth += 1;
            self.bind_value(
                &catch.name,
                Atom::boxed("thrown".into()),
                Write::Other,
                Check::Now,
            );
            let v = self.block(&catch.body);
            self.depth -= 1;
            self.vars.truncate(vars);
            self.labels.truncate(labels);
            escaping.extend(self.close_region(&v, " },"));
            self.stmt("other => other,");
            self.w.close("};");
        }
        if let Some(finally) = finally {
            // E-Finally-Enter / -Resume: the finally body runs on a value, a raise or a
            // break, and its own raise or break replaces the pending one; halts go by.
            self.open(&format!("let {r} = match {r} {{"));
            self.stmt("Err(e) if e.is_halt() => Err(e),");
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

    pub(super) fn guard(
        &mut self,
        callee: &'p Expr,
        args: &'p [Expr],
        cases: &'p [GuardCase],
    ) -> Out {
        let f = self.atom(callee);
        let tys: Vec<Write> = args.iter().map(write_of).collect();
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
                    let cell =
                        self.bind_value(clos, Atom::boxed(f.clone()), Write::Other, Check::Later);
                    let passed = self.arity(&def.name, &def.params, &args);
                    let v = self.activation(params, &passed, &tys, body, cell);
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
    pub(crate) fn arity(&mut self, func: &str, params: &[String], args: &[String]) -> Vec<String> {
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
    pub(crate) fn activation(
        &mut self,
        params: &'p [String],
        args: &[String],
        tys: &[Write],
        body: &'p [Expr],
        cells: bool,
    ) -> String {
        self.stmt("rt.enter()?;");
        let mut cells = cells;
        for (i, (p, a)) in params.iter().zip(args).enumerate() {
            let w = tys.get(i).copied().unwrap_or(Write::Other);
            cells |= self.bind_value(p, Atom::boxed(a.clone()), w, Check::Later);
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
