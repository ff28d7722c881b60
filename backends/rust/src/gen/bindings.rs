//! Variables: where each binding lives (a cell, a Rust local, an unboxed local) and what
//! the first pass learns about the values written to it.

use super::{snake, Gen, Out};
use crate::scalar::{unbox, Atom, Repr};
use tracelab_ir::{Expr, ExprKind, Ty};

/// Where a variable lives in generated code.
#[derive(Clone)]
pub(super) enum Storage {
    /// A heap cell (`Loc`): captured by a closure, or the cell of an alias or the input.
    Cell(String),
    /// A Rust local holding the value (`let mut x: Value`).
    Local(String),
    /// An unboxed Rust local (`f64`, `i64`, `bool`, `Rc<str>`): every value written to the
    /// variable passed a type guard of this type, or is `undefined` when `undefined` is true
    /// (the local is then an `Option`, `None` for `undefined`: frontends declare variables
    /// as `undefined` before their first assignment).
    Typed(String, Ty, bool),
}

/// What the values written to a variable are, as the first pass sees them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Write {
    /// Guarded by a type guard of this type.
    Typed(Ty),
    /// The literal `undefined`.
    Undefined,
    /// Anything else.
    Other,
}

/// The writes of a binding so far: the one type their guards check (if any), whether some
/// wrote `undefined`, and whether some wrote anything else (which keeps the variable boxed).
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Writes {
    ty: Option<Ty>,
    undefined: bool,
    boxed: bool,
}

impl Writes {
    fn add(&mut self, w: Write) {
        match w {
            Write::Typed(t) if self.ty.is_none_or(|u| u == t) => self.ty = Some(t),
            Write::Undefined => self.undefined = true,
            _ => self.boxed = true,
        }
    }

    /// The unboxed type of the variable and whether it may be `undefined`.
    fn unboxed(self) -> Option<(Ty, bool)> {
        match self.ty {
            Some(t) if !self.boxed => Some((t, self.undefined)),
            _ => None,
        }
    }
}

/// A variable in scope: its name, where it lives, and its binding site.
pub(super) struct Binding<'p> {
    pub(super) name: &'p str,
    pub(super) storage: Storage,
    pub(super) site: u32,
}

/// When a binding's cell, if it gets one, has its memory checked: by the binding's own step
/// (`let`, `catch`) or by a later check of the same step (an activation's parameters).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    Now,
    Later,
}

impl<'p> Gen<'p> {
    /// A Rust name for the cell of the variable `name`.
    pub(super) fn cell_name(&mut self, name: &str) -> String {
        let mut base = snake(name);
        if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
            base.insert(0, 'v');
        }
        format!("{base}_{}", self.fresh())
    }

    /// The code that stores the operand `a` in the local `storage` (not a cell).
    pub(super) fn store(&mut self, storage: &Storage, a: Atom) -> String {
        match storage {
            Storage::Local(x) | Storage::Typed(x, ..) => format!("{x} = {};", coerce(storage, a)),
            Storage::Cell(_) => unreachable!("cells are written by `rt.write`"),
        }
    }

    /// A read of a local: its value, unboxed when the local is.
    pub(super) fn read(storage: &Storage) -> Out {
        match storage {
            Storage::Cell(cell) => Out::call(format!("rt.read({cell})")),
            Storage::Local(x) => Out::call(format!("{x}.clone()")),
            Storage::Typed(x, ty, nullable) => {
                let code = if *ty == Ty::Str {
                    format!("{x}.clone()")
                } else {
                    x.clone()
                };
                Out::call(code).with(if *nullable {
                    Repr::Nullable(*ty)
                } else {
                    Repr::Scalar(*ty)
                })
            }
        }
    }

    pub(super) fn lookup(&self, name: &str) -> &Binding<'p> {
        match self.vars.iter().rev().find(|b| b.name == name) {
            Some(b) => b,
            None => unreachable!("well-formed traces bind `{name}` before using it"),
        }
    }

    /// The cell of a captured variable (closures capture cells only).
    pub(super) fn captured_cell(&mut self, name: &str) -> String {
        let (site, storage) = {
            let b = self.lookup(name);
            (b.site, b.storage.clone())
        };
        if self.analysing {
            self.captured.insert(site);
        }
        match storage {
            Storage::Cell(cell) => cell,
            Storage::Local(_) | Storage::Typed(..) => {
                unreachable!("the first pass made every captured variable a cell, not `{name}`")
            }
        }
    }

    pub(super) fn site(&mut self) -> u32 {
        self.next_site += 1;
        self.next_site
    }

    /// Emits `let x = init;`, or, for the `let`s of a `while` condition (which outlive the
    /// loop), an assignment to a variable declared before the loop.
    pub(super) fn declare(&mut self, rust: &str, mutable: bool, init: &str) {
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
    pub(super) fn bind_cell(&mut self, name: &'p str, init: &str) {
        let site = self.site();
        let cell = self.cell_name(name);
        self.declare(&cell, false, init);
        self.vars.push(Binding {
            name,
            storage: Storage::Cell(cell),
            site,
        });
    }

    /// Notes (in the first pass) a value written to the binding `site`.
    pub(super) fn note_write(&mut self, site: u32, w: Write) {
        if self.analysing {
            self.writes.entry(site).or_default().add(w);
        }
    }

    /// The type of an unboxed local for binding `site` (second pass), and whether it may be
    /// `undefined`: every value written to it passed a guard of that type (or is
    /// `undefined`), and no closure captures it.
    pub(super) fn typed_site(&self, site: u32) -> Option<(Ty, bool)> {
        if self.analysing || self.captured.contains(&site) {
            return None;
        }
        self.writes.get(&site).and_then(|w| w.unboxed())
    }

    /// Binds `name` to the value `v` (an atom; `w` says what its expression is): a Rust
    /// local (unboxed when every value written to it is guarded by one type), or a fresh
    /// cell when some closure captures it. Returns whether it made a cell.
    pub(super) fn bind_value(&mut self, name: &'p str, a: Atom, w: Write, check: Check) -> bool {
        let site = self.site();
        self.note_write(site, w);
        let rust = self.cell_name(name);
        let cell = self.analysing || self.captured.contains(&site);
        let storage = if cell {
            let v = a.value();
            let init = match check {
                Check::Now => format!("rt.cell({v})?"),
                Check::Later => format!("rt.cell_unchecked({v})"),
            };
            self.declare(&rust, false, &init);
            Storage::Cell(rust)
        } else if let Some((ty, undefined)) = self.typed_site(site) {
            let storage = Storage::Typed(rust.clone(), ty, undefined);
            let init = coerce(&storage, a);
            self.declare(&rust, true, &init);
            storage
        } else {
            self.declare(&rust, true, &a.value());
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
    pub(crate) fn clear_scope(&mut self) {
        self.vars.clear();
        self.labels.clear();
        self.regions.clear();
        self.hoist = None;
        self.depth = 0;
        self.line = None;
    }

    /// Binds `name` to an existing cell (the input's, a closure's capture).
    pub(crate) fn bind_existing(&mut self, name: &'p str, cell: String) {
        let site = self.site();
        self.vars.push(Binding {
            name,
            storage: Storage::Cell(cell),
            site,
        });
    }

    /// Binds `name` to a value for a new body (a callback's closure and argument), as
    /// [`Gen::bind_value`]; the caller checks memory after the step's cells.
    pub(crate) fn bind_param(&mut self, name: &'p str, v: &str) -> bool {
        self.bind_value(name, Atom::boxed(v.to_string()), Write::Other, Check::Later)
    }

    /// Turns this generator into the first pass: bindings are cells, closures record what
    /// they capture (in [`Gen::captured`]).
    pub(crate) fn analyse(&mut self) {
        self.analysing = true;
    }

    pub(crate) fn fresh_cell_name(&mut self, name: &str) -> String {
        self.cell_name(name)
    }
}

/// What an expression written to a variable is: a type guard or a literal of a type, the
/// literal `undefined`, or something else.
pub(super) fn write_of(e: &Expr) -> Write {
    match &e.kind {
        ExprKind::Typed { ty, .. } => Write::Typed(*ty),
        ExprKind::Bool { .. } => Write::Typed(Ty::Bool),
        ExprKind::Int { value } if i64::try_from(value).is_ok() => Write::Typed(Ty::Int),
        ExprKind::Float { .. } => Write::Typed(Ty::Float),
        ExprKind::Str { .. } => Write::Typed(Ty::Str),
        ExprKind::Undefined => Write::Undefined,
        _ => Write::Other,
    }
}

/// The code of the value a local `storage` holds after the operand `a` is written to it: a
/// `Value`, or the scalar (an `Option` of it when the local may be `undefined`). Every value
/// written to a typed local is guarded by its type or is `undefined` (see [`Writes`]).
pub(super) fn coerce(storage: &Storage, a: Atom) -> String {
    let Storage::Typed(_, ty, nullable) = storage else {
        return a.value();
    };
    let scalar = match a.repr {
        Repr::Scalar(t) if t == *ty => a.code,
        Repr::Nullable(t) if t == *ty && *nullable => return a.code,
        _ if *nullable && a.code == "Value::Undefined" => return "None".to_string(),
        _ => unbox(*ty, &a.value()),
    };
    if *nullable {
        format!("Some({scalar})")
    } else {
        scalar
    }
}
