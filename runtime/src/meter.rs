//! The counters an invocation's limits bound, and the checks of a function activation: one
//! implementation, used by the small-step machine (E-Call-Enter, E-Guard-Inline, E-While-*)
//! and by generated code, so that fuel, depth and arity errors agree between the engines by
//! construction.

use crate::outcome::{Limit, Limits};
use crate::prim::errors::{self, Error};
use crate::value::Value;
use tracelab_ir::Dialect;

/// Fuel spent and activations open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meter {
    /// Loop iterations plus activations so far.
    pub fuel_used: u64,
    /// Function activations open (the call depth).
    pub depth: u32,
}

/// Why an activation does not start.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Python's TypeError for a wrong number of arguments (E-Call-Arity).
    Arity(Error),
    /// The language's error for too deep a recursion (E-Call-Depth).
    Depth(Error),
    /// No fuel left.
    Limit(Limit),
}

impl Meter {
    /// One unit of fuel (a loop iteration, an activation), or the fuel limit.
    #[inline]
    pub fn spend_fuel(&mut self, limits: &Limits) -> Result<(), Limit> {
        if self.fuel_used >= limits.fuel {
            return Err(Limit::Fuel);
        }
        self.fuel_used += 1;
        Ok(())
    }

    /// The checks of an activation of `func` (declared with `params`) on `args`, in the
    /// semantics' order: [`Meter::arity`], then [`Meter::enter`]. On success the activation
    /// is open and `args` has one value per parameter; the caller binds them and calls
    /// [`Meter::leave`] however the body ends.
    pub fn activate<S: AsRef<str>>(
        &mut self,
        limits: &Limits,
        dialect: Dialect,
        func: &str,
        params: &[S],
        args: &mut Vec<Value>,
    ) -> Result<(), Refusal> {
        arity(dialect, func, params, args)?;
        self.enter(limits, dialect)
    }

    /// The checks of an activation after its arity: depth (the language's error at the
    /// bound), then one unit of fuel. On success the depth counts the activation.
    pub fn enter(&mut self, limits: &Limits, dialect: Dialect) -> Result<(), Refusal> {
        if self.depth >= limits.max_depth {
            return Err(Refusal::Depth(errors::too_deep(dialect)));
        }
        self.spend_fuel(limits).map_err(Refusal::Limit)?;
        self.depth += 1;
        Ok(())
    }

    /// The end of an activation.
    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }
}

/// The arity check of an activation: JavaScript pads missing arguments with `undefined` and
/// drops extra ones; Python raises TypeError (E-Call-Arity). Code generators that know the
/// number of arguments statically make the same decision at compile time with [`pads`].
pub fn arity<S: AsRef<str>>(
    dialect: Dialect,
    func: &str,
    params: &[S],
    args: &mut Vec<Value>,
) -> Result<(), Refusal> {
    match pads(dialect, params.len(), args.len()) {
        Some(n) => {
            args.resize(n, Value::Undefined);
            Ok(())
        }
        None => Err(Refusal::Arity(errors::arity(func, params, args.len()))),
    }
}

/// How many arguments an activation with `given` arguments of a function of `params`
/// parameters binds, or `None` when it raises the arity error.
pub fn pads(dialect: Dialect, params: usize, given: usize) -> Option<usize> {
    match dialect {
        _ if params == given => Some(params),
        Dialect::Js => Some(params),
        Dialect::Py => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(fuel: u64, max_depth: u32) -> Limits {
        Limits {
            fuel,
            memory_bytes: 1 << 20,
            max_depth,
        }
    }

    #[test]
    fn javascript_pads_and_drops_arguments() {
        let mut m = Meter::default();
        let mut args = vec![Value::int(1)];
        m.activate(&limits(10, 10), Dialect::Js, "f", &["a", "b"], &mut args)
            .unwrap();
        assert_eq!(args, vec![Value::int(1), Value::Undefined]);
        let mut args = vec![Value::int(1), Value::int(2), Value::int(3)];
        m.activate(&limits(10, 10), Dialect::Js, "f", &["a"], &mut args)
            .unwrap();
        assert_eq!(args, vec![Value::int(1)]);
        assert_eq!(
            m,
            Meter {
                fuel_used: 2,
                depth: 2
            }
        );
    }

    #[test]
    fn checks_come_in_the_semantics_order() {
        // Python arity before depth before fuel: each refusal leaves the meter unchanged.
        let mut m = Meter {
            fuel_used: 5,
            depth: 3,
        };
        let refused = m.activate(&limits(5, 3), Dialect::Py, "f", &["a"], &mut vec![]);
        assert!(matches!(refused, Err(Refusal::Arity(e)) if &*e.class == "TypeError"));
        let refused = m.activate(
            &limits(5, 3),
            Dialect::Py,
            "f",
            &["a"],
            &mut vec![Value::Null],
        );
        assert!(matches!(refused, Err(Refusal::Depth(e)) if &*e.class == "RecursionError"));
        let refused = m.activate(
            &limits(5, 4),
            Dialect::Py,
            "f",
            &["a"],
            &mut vec![Value::Null],
        );
        assert_eq!(refused, Err(Refusal::Limit(Limit::Fuel)));
        assert_eq!(
            m,
            Meter {
                fuel_used: 5,
                depth: 3
            }
        );
    }
}
