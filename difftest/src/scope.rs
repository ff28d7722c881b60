//! The variables in scope while a program is generated, shared by the Python and JavaScript
//! generators (each with its own type enum `T`).

/// A variable in scope.
#[derive(Clone)]
pub struct Var<T> {
    pub name: String,
    pub ty: T,
    /// Bound in the function being generated, so it may be assigned again (loop and lambda
    /// binders, and variables of enclosing functions, are not).
    pub local: bool,
}

/// Bindings, innermost last.
#[derive(Clone)]
pub struct Scope<T> {
    vars: Vec<Var<T>>,
}

impl<T> Default for Scope<T> {
    fn default() -> Scope<T> {
        Scope { vars: Vec::new() }
    }
}

impl<T: Copy> Scope<T> {
    /// Binds a variable of the function being generated.
    pub fn bind(&mut self, name: String, ty: T) {
        self.vars.push(Var {
            name,
            ty,
            local: true,
        });
    }

    /// Binds a loop, lambda or comprehension binder; [`Scope::pop`] unbinds it.
    pub fn push_binder(&mut self, name: String, ty: T) {
        self.vars.push(Var {
            name,
            ty,
            local: false,
        });
    }

    pub fn pop(&mut self) {
        self.vars.pop();
    }

    /// Where the bindings stand now, to go back to with [`Scope::reset`] when a block ends.
    pub fn mark(&self) -> usize {
        self.vars.len()
    }

    pub fn reset(&mut self, mark: usize) {
        self.vars.truncate(mark);
    }

    /// The innermost binding of every name.
    pub fn visible(&self) -> Vec<Var<T>> {
        let mut out: Vec<Var<T>> = Vec::new();
        for v in &self.vars {
            out.retain(|o| o.name != v.name);
            out.push(v.clone());
        }
        out
    }

    /// Enters a nested function's body, where the enclosing variables are no longer its own;
    /// returns the scope to restore when the body ends.
    pub fn enter_function(&mut self) -> Scope<T> {
        let saved = self.clone();
        for v in &mut self.vars {
            v.local = false;
        }
        saved
    }
}
