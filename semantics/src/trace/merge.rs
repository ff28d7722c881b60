//! Merge: the join of two traces, with `unknown` as bottom.
//!
//! `unknown ⊔ t = t ⊔ unknown = t`; a block that ends in `unknown` stands for "this prefix,
//! then anything", so it joins any block that extends the prefix; guards join case by case
//! (the union of the callees, sorted by function); every other node joins when its own data
//! (names, operators, literals) agree, child by child. Anything else is a conflict, returned
//! as a value naming where both sides disagree — merge is a pure function and never leaves a
//! half-merged tree. Traces of one program never conflict (see the module `trace`).

use tracelab_ir::{CaseBody, Catch, Expr, ExprKind, Field, FunDef, GuardCase, LValue, Program};

/// Two traces that cannot be joined, with the path where they disagree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeConflict {
    pub path: String,
    pub left: String,
    pub right: String,
}

impl std::fmt::Display for MergeConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "traces disagree at `{}`: {} vs {}",
            self.path, self.left, self.right
        )
    }
}

type Merged<T> = Result<T, MergeConflict>;

pub fn merge(a: &Program, b: &Program) -> Merged<Program> {
    if a.dialect != b.dialect {
        return conflict("dialect", a.dialect.name(), b.dialect.name());
    }
    if a.functions.len() != b.functions.len() {
        return conflict(
            "functions",
            &a.functions.len().to_string(),
            &b.functions.len().to_string(),
        );
    }
    let functions = a
        .functions
        .iter()
        .zip(&b.functions)
        .enumerate()
        .map(|(i, (f, g))| {
            let path = format!("functions[{i}]");
            if f.name != g.name || f.params != g.params || f.captures != g.captures {
                return conflict(&path, &f.name, &g.name);
            }
            Ok(FunDef {
                body: block(&f.body, &g.body, &format!("{path}.body"))?,
                ..f.clone()
            })
        })
        .collect::<Merged<Vec<_>>>()?;
    Ok(Program {
        dialect: a.dialect,
        functions,
        body: block(&a.body, &b.body, "body")?,
    })
}

fn conflict<T>(path: &str, left: &str, right: &str) -> Merged<T> {
    Err(MergeConflict {
        path: path.to_string(),
        left: left.to_string(),
        right: right.to_string(),
    })
}

fn is_unknown(e: &Expr) -> bool {
    matches!(e.kind, ExprKind::Unknown)
}

/// Joins two blocks; a final `unknown` on either side gives way to the other's rest.
pub fn block(a: &[Expr], b: &[Expr], path: &str) -> Merged<Vec<Expr>> {
    let mut out = Vec::with_capacity(a.len().max(b.len()));
    for i in 0.. {
        match (a.get(i), b.get(i)) {
            (None, None) => break,
            // A final `unknown` is "the rest, whatever it is": the other side's rest (which may
            // be empty) is at least as defined.
            (Some(x), _) if is_unknown(x) && i + 1 == a.len() => {
                out.extend(b[i.min(b.len())..].iter().cloned());
                break;
            }
            (_, Some(y)) if is_unknown(y) && i + 1 == b.len() => {
                out.extend(a[i.min(a.len())..].iter().cloned());
                break;
            }
            (Some(x), Some(y)) => out.push(expr(x, y, &format!("{path}[{i}]"))?),
            (Some(_), None) | (None, Some(_)) => {
                return conflict(
                    path,
                    &format!("{} elements", a.len()),
                    &format!("{} elements", b.len()),
                )
            }
        }
    }
    Ok(out)
}

fn exprs(a: &[Expr], b: &[Expr], path: &str) -> Merged<Vec<Expr>> {
    if a.len() != b.len() {
        return conflict(
            path,
            &format!("{} items", a.len()),
            &format!("{} items", b.len()),
        );
    }
    a.iter()
        .zip(b)
        .enumerate()
        .map(|(i, (x, y))| expr(x, y, &format!("{path}[{i}]")))
        .collect()
}

fn boxed(a: &Expr, b: &Expr, path: &str) -> Merged<Box<Expr>> {
    expr(a, b, path).map(Box::new)
}

fn same<T: PartialEq + std::fmt::Debug>(x: &T, y: &T, path: &str) -> Merged<()> {
    if x == y {
        Ok(())
    } else {
        conflict(path, &format!("{x:?}"), &format!("{y:?}"))
    }
}

pub fn expr(a: &Expr, b: &Expr, path: &str) -> Merged<Expr> {
    use ExprKind as K;
    if is_unknown(a) {
        return Ok(b.clone());
    }
    if is_unknown(b) {
        return Ok(a.clone());
    }
    let p = |field: &str| format!("{path}.{field}");
    // Type guards join as a lattice: the same type on both sides stays; two types, or a
    // guard against an unguarded expression (a place that saw several types), lose it.
    match (&a.kind, &b.kind) {
        (K::Typed { ty: s, value: v }, K::Typed { ty: t, value: w }) if s == t => {
            return Ok(Expr {
                kind: K::Typed {
                    ty: *s,
                    value: boxed(v, w, &p("value"))?,
                },
                span: a.span,
            })
        }
        (K::Typed { value: v, .. }, _) => return expr(v, b, path),
        (_, K::Typed { value: w, .. }) => return expr(a, w, path),
        _ => {}
    }
    let kind = match (&a.kind, &b.kind) {
        (K::Let { name: n, value: v }, K::Let { name: m, value: w }) => {
            same(n, m, &p("name"))?;
            K::Let {
                name: n.clone(),
                value: boxed(v, w, &p("value"))?,
            }
        }
        (
            K::Set {
                target: s,
                value: v,
            },
            K::Set {
                target: t,
                value: w,
            },
        ) => {
            let target = match (s, t) {
                (LValue::Var { name: n }, LValue::Var { name: m }) => {
                    same(n, m, &p("target"))?;
                    LValue::Var { name: n.clone() }
                }
                (
                    LValue::Field {
                        object: o,
                        field: f,
                    },
                    LValue::Field {
                        object: q,
                        field: g,
                    },
                ) => {
                    same(f, g, &p("target.field"))?;
                    LValue::Field {
                        object: boxed(o, q, &p("target.object"))?,
                        field: f.clone(),
                    }
                }
                (
                    LValue::Index {
                        object: o,
                        index: i,
                    },
                    LValue::Index {
                        object: q,
                        index: j,
                    },
                ) => LValue::Index {
                    object: boxed(o, q, &p("target.object"))?,
                    index: boxed(i, j, &p("target.index"))?,
                },
                _ => return conflict(&p("target"), &format!("{s:?}"), &format!("{t:?}")),
            };
            K::Set {
                target,
                value: boxed(v, w, &p("value"))?,
            }
        }
        (K::Block { body: x }, K::Block { body: y }) => K::Block {
            body: block(x, y, &p("body"))?,
        },
        (
            K::If {
                cond: c,
                then: t,
                otherwise: o,
            },
            K::If {
                cond: d,
                then: u,
                otherwise: q,
            },
        ) => K::If {
            cond: boxed(c, d, &p("cond"))?,
            then: block(t, u, &p("then"))?,
            otherwise: block(o, q, &p("else"))?,
        },
        (K::While { cond: c, body: x }, K::While { cond: d, body: y }) => K::While {
            cond: boxed(c, d, &p("cond"))?,
            body: block(x, y, &p("body"))?,
        },
        (K::Label { name: n, body: x }, K::Label { name: m, body: y }) => {
            same(n, m, &p("name"))?;
            K::Label {
                name: n.clone(),
                body: block(x, y, &p("body"))?,
            }
        }
        (K::Break { label: l, value: v }, K::Break { label: k, value: w }) => {
            same(l, k, &p("label"))?;
            K::Break {
                label: l.clone(),
                value: boxed(v, w, &p("value"))?,
            }
        }
        (K::Object { fields: f }, K::Object { fields: g }) => {
            if f.len() != g.len() {
                return conflict(&p("fields"), &f.len().to_string(), &g.len().to_string());
            }
            let fields = f
                .iter()
                .zip(g)
                .enumerate()
                .map(|(i, (x, y))| {
                    same(&x.name, &y.name, &format!("{path}.fields[{i}].name"))?;
                    Ok(Field {
                        name: x.name.clone(),
                        value: expr(&x.value, &y.value, &format!("{path}.fields[{i}]"))?,
                    })
                })
                .collect::<Merged<Vec<_>>>()?;
            K::Object { fields }
        }
        (K::Array { items: x }, K::Array { items: y }) => K::Array {
            items: exprs(x, y, &p("items"))?,
        },
        (
            K::Get {
                object: o,
                field: f,
            },
            K::Get {
                object: q,
                field: g,
            },
        ) => {
            same(f, g, &p("field"))?;
            K::Get {
                object: boxed(o, q, &p("object"))?,
                field: f.clone(),
            }
        }
        (
            K::Index {
                object: o,
                index: i,
            },
            K::Index {
                object: q,
                index: j,
            },
        ) => K::Index {
            object: boxed(o, q, &p("object"))?,
            index: boxed(i, j, &p("index"))?,
        },
        (K::Prim { op, args: x }, K::Prim { op: op2, args: y }) => {
            same(op, op2, &p("op"))?;
            K::Prim {
                op: *op,
                args: exprs(x, y, &p("args"))?,
            }
        }
        (K::Call { callee: c, args: x }, K::Call { callee: d, args: y }) => K::Call {
            callee: boxed(c, d, &p("callee"))?,
            args: exprs(x, y, &p("args"))?,
        },
        (K::Throw { value: v }, K::Throw { value: w }) => K::Throw {
            value: boxed(v, w, &p("value"))?,
        },
        (
            K::Try {
                body: x,
                catch: c,
                finally: f,
            },
            K::Try {
                body: y,
                catch: d,
                finally: g,
            },
        ) => {
            let catch = match (c, d) {
                (None, None) => None,
                (Some(c), Some(d)) => {
                    same(&c.name, &d.name, &p("catch.name"))?;
                    Some(Catch {
                        name: c.name.clone(),
                        body: block(&c.body, &d.body, &p("catch.body"))?,
                    })
                }
                _ => return conflict(&p("catch"), &format!("{c:?}"), &format!("{d:?}")),
            };
            let finally = match (f, g) {
                (None, None) => None,
                (Some(f), Some(g)) => Some(block(f, g, &p("finally"))?),
                _ => return conflict(&p("finally"), &format!("{f:?}"), &format!("{g:?}")),
            };
            K::Try {
                body: block(x, y, &p("body"))?,
                catch,
                finally,
            }
        }
        (K::Event { event: e, arg: v }, K::Event { event: f, arg: w }) => {
            same(e, f, &p("event"))?;
            K::Event {
                event: *e,
                arg: boxed(v, w, &p("arg"))?,
            }
        }
        (
            K::Register {
                event: e,
                arg: v,
                callback: c,
            },
            K::Register {
                event: f,
                arg: w,
                callback: d,
            },
        ) => {
            same(e, f, &p("event"))?;
            K::Register {
                event: *e,
                arg: boxed(v, w, &p("arg"))?,
                callback: boxed(c, d, &p("callback"))?,
            }
        }
        (
            K::Guard {
                callee: c,
                args: x,
                cases: s,
            },
            K::Guard {
                callee: d,
                args: y,
                cases: t,
            },
        ) => K::Guard {
            callee: boxed(c, d, &p("callee"))?,
            args: exprs(x, y, &p("args"))?,
            cases: cases(s, t, &p("cases"))?,
        },
        (
            K::Alias {
                name: n,
                closure: c,
                capture: k,
            },
            K::Alias {
                name: m,
                closure: d,
                capture: l,
            },
        ) => {
            same(n, m, &p("name"))?;
            same(k, l, &p("capture"))?;
            K::Alias {
                name: n.clone(),
                closure: boxed(c, d, &p("closure"))?,
                capture: k.clone(),
            }
        }
        (
            K::Callback {
                event: e,
                arg: v,
                callback: c,
                clos: n,
                param: q,
                body: x,
            },
            K::Callback {
                event: f,
                arg: w,
                callback: d,
                clos: m,
                param: r,
                body: y,
            },
        ) => {
            same(e, f, &p("event"))?;
            same(n, m, &p("clos"))?;
            same(q, r, &p("param"))?;
            K::Callback {
                event: *e,
                arg: boxed(v, w, &p("arg"))?,
                callback: boxed(c, d, &p("callback"))?,
                clos: n.clone(),
                param: q.clone(),
                body: block(x, y, &p("body"))?,
            }
        }
        // Leaves (literals, variables, closures) join when they are the same node.
        (x, y) if x == y => x.clone(),
        (x, y) => return conflict(path, x.tag(), y.tag()),
    };
    Ok(Expr {
        kind,
        span: a.span.or(b.span),
    })
}

/// The union of two guards' cases, by function name (both sides are sorted the same way).
fn cases(a: &[GuardCase], b: &[GuardCase], path: &str) -> Merged<Vec<GuardCase>> {
    let mut out: Vec<GuardCase> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x.func == y.func => {
                let here = format!("{path}.{}", x.func);
                let body = match (&x.body, &y.body) {
                    (CaseBody::Call, CaseBody::Call) => CaseBody::Call,
                    (
                        CaseBody::Inline {
                            clos: c,
                            params: ps,
                            body: s,
                        },
                        CaseBody::Inline {
                            clos: d,
                            params: qs,
                            body: t,
                        },
                    ) => {
                        same(c, d, &format!("{here}.clos"))?;
                        same(ps, qs, &format!("{here}.params"))?;
                        CaseBody::Inline {
                            clos: c.clone(),
                            params: ps.clone(),
                            body: block(s, t, &format!("{here}.body"))?,
                        }
                    }
                    _ => return conflict(&here, "call", "inline"),
                };
                out.push(GuardCase {
                    func: x.func.clone(),
                    body,
                });
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x.func < y.func => {
                out.push(x.clone());
                i += 1;
            }
            (Some(_), Some(y)) | (None, Some(y)) => {
                out.push(y.clone());
                j += 1;
            }
            (Some(x), None) => {
                out.push(x.clone());
                i += 1;
            }
            (None, None) => unreachable!("the loop runs while a side has cases"),
        }
    }
    Ok(out)
}
