//! Type guards (trace only): `typed τ(e)` is the value of `e` when it has type `τ`, the only
//! type the traced runs saw there, and `unknown` otherwise, exactly like an untaken branch.
//! Generated code relies on them to keep variables unboxed.

use super::{next, push_eval, Config, Control, Frame, Machine, Node, Step};
use crate::rules::RuleDef;
use tracelab_ir::{ExprKind, Ty};
use tracelab_runtime::outcome::{Outcome, OutcomeKind};
use tracelab_runtime::value::Value;

const G: &str = "Types";

rule!(
    E_TYPED,
    "E-Typed",
    [],
    r"\cfg{\kw{typed}\,\tau(e)}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{typed}\,\tau \cdot \kappa}{\sigma}",
    "A type guard evaluates its expression."
);
rule!(
    E_TYPED_PASS,
    "E-Typed-Pass",
    [r"v : \tau"],
    r"\cfg{v}{\rho}{\fr{typed}\,\tau \cdot \kappa}{\sigma} \to \cfg{v}{\rho}{\kappa}{\sigma}",
    "A value of the guard's type (a boolean, an int in the range of i64, a float, a string) passes unchanged."
);
rule!(
    E_TYPED_FAIL,
    "E-Typed-Fail",
    [r"v \mathrel{\not:} \tau"],
    r"\cfg{v}{\rho}{\fr{typed}\,\tau \cdot \kappa}{\sigma} \to \kw{unknown}",
    "A value of another type: no traced run saw one here, so the trace does not know this path."
);

pub static RULES: &[&RuleDef] = &[&E_TYPED, &E_TYPED_PASS, &E_TYPED_FAIL];

impl<'p> Machine<'p> {
    pub(super) fn eval_typed(&self, node: Node<'p>, cfg: Config<'p>) -> Step<'p> {
        let ExprKind::Typed { ty, value } = &node.0.kind else {
            unreachable!("eval_typed is dispatched on type guards only")
        };
        push_eval(cfg, Frame::Typed { ty: *ty }, value, &E_TYPED)
    }

    pub(super) fn resume_typed(&self, ty: Ty, v: Value, cfg: Config<'p>) -> Step<'p> {
        if v.ty() == Some(ty) {
            next(cfg, Control::Value(v), &E_TYPED_PASS)
        } else {
            Step::Done(
                Outcome::new(OutcomeKind::Unknown, &cfg.host.log),
                &E_TYPED_FAIL,
            )
        }
    }
}
