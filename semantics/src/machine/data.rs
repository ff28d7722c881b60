//! Objects, arrays, field and index access and assignment, primitive application.

use super::{next, push_eval, Body, Config, Control, Frame, Machine, Node, Step};
use crate::rules::RuleDef;
use im::Vector;
use std::rc::Rc;
use tracelab_ir::ExprKind;
use tracelab_runtime::prim::{self, access};
use tracelab_runtime::value::{HeapObj, Key, Props, Value};

const G: &str = "Data and primitives";

rule!(
    E_OBJECT,
    "E-Object",
    [],
    r"\cfg{\{f_1{:}e_1, \vec f{:}\vec e\}}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{obj}\,\cdot\,\vec f{:}\vec e \cdot \kappa}{\sigma}",
    "An object literal evaluates its fields left to right."
);
rule!(
    E_OBJECT_FIELD,
    "E-Object-Field",
    [],
    r"\cfg{v}{\rho}{\fr{obj}\,\vec v\,(f{:}e, \vec f{:}\vec e) \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{obj}\,\vec v v\,\vec f{:}\vec e \cdot \kappa}{\sigma}",
    "Each field's value is kept and the next field evaluated."
);
rule!(
    E_OBJECT_ALLOC,
    "E-Object-Alloc",
    [r"\ell \notin \mathrm{dom}\,\sigma"],
    r"\cfg{v_n}{\rho}{\fr{obj}\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\ell}{\rho}{\kappa}{\sigma[\ell \mapsto \{\vec f{:}\vec v v_n\}]}",
    "With every field evaluated, the object is allocated (keys in insertion order)."
);
rule!(
    E_ARRAY,
    "E-Array",
    [],
    r"\cfg{[e_1, \vec e]}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{arr}\,\cdot\,\vec e \cdot \kappa}{\sigma}",
    "An array literal evaluates its items left to right."
);
rule!(
    E_ARRAY_ITEM,
    "E-Array-Item",
    [],
    r"\cfg{v}{\rho}{\fr{arr}\,\vec v\,(e, \vec e) \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{arr}\,\vec v v\,\vec e \cdot \kappa}{\sigma}",
    "Each item's value is kept and the next item evaluated."
);
rule!(
    E_ARRAY_ALLOC,
    "E-Array-Alloc",
    [r"\ell \notin \mathrm{dom}\,\sigma"],
    r"\cfg{v_n}{\rho}{\fr{arr}\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\ell}{\rho}{\kappa}{\sigma[\ell \mapsto [\vec v v_n]]}",
    "With every item evaluated, the array is allocated."
);
rule!(
    E_GET,
    "E-Get",
    [],
    r"\cfg{e.f}{\rho}{\kappa}{\sigma} \to \cfg{e}{\rho}{\fr{get}\,f \cdot \kappa}{\sigma}",
    "A field access evaluates the object."
);
rule!(
    E_GET_READ,
    "E-Get-Read",
    [r"\mathit{get}_L(\sigma, v, f) = v'"],
    r"\cfg{v}{\rho}{\fr{get}\,f \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma}",
    "The field is read with the dialect's rules (JS: a missing field is `undefined`)."
);
rule!(
    E_GET_ERROR,
    "E-Get-Error",
    [r"\mathit{get}_L(\sigma, v, f) = \mathit{err}(k, m)"],
    r"\cfg{v}{\rho}{\fr{get}\,f \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto k(m)]}",
    "Reading a field of a value that has none raises the language's error."
);
rule!(
    E_INDEX,
    "E-Index",
    [],
    r"\cfg{e_1[e_2]}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{idx}\,\square[e_2] \cdot \kappa}{\sigma}",
    "An index expression evaluates the object first."
);
rule!(
    E_INDEX_KEY,
    "E-Index-Key",
    [],
    r"\cfg{v}{\rho}{\fr{idx}\,\square[e] \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{idx}\,v[\square] \cdot \kappa}{\sigma}",
    "Then the index."
);
rule!(
    E_INDEX_READ,
    "E-Index-Read",
    [r"\mathit{index}_L(\sigma, v, k) = v'"],
    r"\cfg{k}{\rho}{\fr{idx}\,v[\square] \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma}",
    "The element is read with the dialect's rules (negative Python indices, JS strings)."
);
rule!(
    E_INDEX_ERROR,
    "E-Index-Error",
    [r"\mathit{index}_L(\sigma, v, k) = \mathit{err}(k', m)"],
    r"\cfg{k}{\rho}{\fr{idx}\,v[\square] \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto k'(m)]}",
    "A missing key or index raises the language's error (KeyError, IndexError, TypeError)."
);
rule!(
    E_SET_FIELD,
    "E-Set-Field",
    [],
    r"\cfg{\kw{set}\,e_1.f = e_2}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{setf}\,\square.f = e_2 \cdot \kappa}{\sigma}",
    "Field assignment evaluates the object first."
);
rule!(
    E_SET_FIELD_VALUE,
    "E-Set-Field-Value",
    [],
    r"\cfg{v}{\rho}{\fr{setf}\,\square.f = e \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{setf}\,v.f = \square \cdot \kappa}{\sigma}",
    "Then the value."
);
rule!(
    E_SET_FIELD_WRITE,
    "E-Set-Field-Write",
    [r"\mathit{setf}_L(\sigma, v, f, v') = \sigma'"],
    r"\cfg{v'}{\rho}{\fr{setf}\,v.f = \square \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma'}",
    "The field is written (added last if new)."
);
rule!(
    E_SET_FIELD_ERROR,
    "E-Set-Field-Error",
    [r"\mathit{setf}_L(\sigma, v, f, v') = \mathit{err}(k, m)"],
    r"\cfg{v'}{\rho}{\fr{setf}\,v.f = \square \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto k(m)]}",
    "Writing a field of a value that has none raises the language's error."
);
rule!(
    E_SET_INDEX,
    "E-Set-Index",
    [],
    r"\cfg{\kw{set}\,e_1[e_2] = e_3}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{seti}\,\square[e_2] = e_3 \cdot \kappa}{\sigma}",
    "Index assignment evaluates the object, the index, then the value."
);
rule!(
    E_SET_INDEX_KEY,
    "E-Set-Index-Key",
    [],
    r"\cfg{v}{\rho}{\fr{seti}\,\square[e_2] = e_3 \cdot \kappa}{\sigma} \to \cfg{e_2}{\rho}{\fr{seti}\,v[\square] = e_3 \cdot \kappa}{\sigma}",
    "The index after the object."
);
rule!(
    E_SET_INDEX_VALUE,
    "E-Set-Index-Value",
    [],
    r"\cfg{k}{\rho}{\fr{seti}\,v[\square] = e \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{seti}\,v[k] = \square \cdot \kappa}{\sigma}",
    "The value after the index."
);
rule!(
    E_SET_INDEX_WRITE,
    "E-Set-Index-Write",
    [r"\mathit{seti}_L(\sigma, v, k, v') = \sigma'"],
    r"\cfg{v'}{\rho}{\fr{seti}\,v[k] = \square \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma'}",
    "The element is written with the dialect's rules."
);
rule!(
    E_SET_INDEX_ERROR,
    "E-Set-Index-Error",
    [r"\mathit{seti}_L(\sigma, v, k, v') = \mathit{err}(k', m)"],
    r"\cfg{v'}{\rho}{\fr{seti}\,v[k] = \square \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto k'(m)]}",
    "An index out of range or of the wrong type raises the language's error."
);
rule!(
    E_PRIM,
    "E-Prim",
    [],
    r"\cfg{\kw{prim}\,o(e_1, \vec e)}{\rho}{\kappa}{\sigma} \to \cfg{e_1}{\rho}{\fr{prim}\,o\,\cdot\,\vec e \cdot \kappa}{\sigma}",
    "A primitive application evaluates its arguments left to right."
);
rule!(
    E_PRIM_ARG,
    "E-Prim-Arg",
    [],
    r"\cfg{v}{\rho}{\fr{prim}\,o\,\vec v\,(e, \vec e) \cdot \kappa}{\sigma} \to \cfg{e}{\rho}{\fr{prim}\,o\,\vec v v\,\vec e \cdot \kappa}{\sigma}",
    "Each argument's value is kept and the next evaluated."
);
rule!(
    E_PRIM_APPLY,
    "E-Prim-Apply",
    [r"\delta_o(\sigma, \vec v) = (v', \sigma')"],
    r"\cfg{v_n}{\rho}{\fr{prim}\,o\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{v'}{\rho}{\kappa}{\sigma'}",
    "The primitive is applied (δ is the language's meaning of the operator)."
);
rule!(
    E_PRIM_RAISE,
    "E-Prim-Raise",
    [r"\delta_o(\sigma, \vec v) = \mathit{err}(k, m)"],
    r"\cfg{v_n}{\rho}{\fr{prim}\,o\,\vec v\,\cdot \cdot \kappa}{\sigma} \to \cfg{\raisev{\ell}}{\rho}{\kappa}{\sigma[\ell \mapsto k(m)]}",
    "A primitive that fails raises the error the real runtime raises."
);

pub static RULES: &[&RuleDef] = &[
    &E_OBJECT,
    &E_OBJECT_FIELD,
    &E_OBJECT_ALLOC,
    &E_ARRAY,
    &E_ARRAY_ITEM,
    &E_ARRAY_ALLOC,
    &E_GET,
    &E_GET_READ,
    &E_GET_ERROR,
    &E_INDEX,
    &E_INDEX_KEY,
    &E_INDEX_READ,
    &E_INDEX_ERROR,
    &E_SET_FIELD,
    &E_SET_FIELD_VALUE,
    &E_SET_FIELD_WRITE,
    &E_SET_FIELD_ERROR,
    &E_SET_INDEX,
    &E_SET_INDEX_KEY,
    &E_SET_INDEX_VALUE,
    &E_SET_INDEX_WRITE,
    &E_SET_INDEX_ERROR,
    &E_PRIM,
    &E_PRIM_ARG,
    &E_PRIM_APPLY,
    &E_PRIM_RAISE,
];

impl<'p> Machine<'p> {
    pub(super) fn eval_data(&self, node: Node<'p>, mut cfg: Config<'p>) -> Step<'p> {
        match &node.0.kind {
            ExprKind::Object { fields } => match fields.first() {
                None => self.alloc_object(cfg, &[], Vector::new(), &E_OBJECT),
                Some(first) => push_eval(
                    cfg,
                    Frame::Object {
                        fields,
                        done: Vector::new(),
                    },
                    &first.value,
                    &E_OBJECT,
                ),
            },
            ExprKind::Array { items } => match items.first() {
                None => {
                    let loc = cfg.heap.alloc(HeapObj::Array {
                        items: Vec::new(),
                        tuple: false,
                    });
                    next(cfg, Control::Value(Value::Ref(loc)), &E_ARRAY)
                }
                Some(first) => push_eval(
                    cfg,
                    Frame::Array {
                        items: Body(items),
                        done: Vector::new(),
                    },
                    first,
                    &E_ARRAY,
                ),
            },
            ExprKind::Get { object, field } => push_eval(cfg, Frame::Get { field }, object, &E_GET),
            ExprKind::Index { object, index } => push_eval(
                cfg,
                Frame::IndexObject { index: Node(index) },
                object,
                &E_INDEX,
            ),
            ExprKind::Prim { op, args } => match args.first() {
                None => self.apply_prim(cfg, *op, Vector::new(), &E_PRIM),
                Some(first) => push_eval(
                    cfg,
                    Frame::Prim {
                        op: *op,
                        args: Body(args),
                        done: Vector::new(),
                    },
                    first,
                    &E_PRIM,
                ),
            },
            _ => unreachable!("eval_data is dispatched on data forms only"),
        }
    }

    pub(super) fn resume_data(&self, frame: Frame<'p>, v: Value, mut cfg: Config<'p>) -> Step<'p> {
        let dialect = self.dialect();
        match frame {
            Frame::Object { fields, mut done } => {
                done.push_back(v);
                match fields.get(done.len()) {
                    Some(field) => push_eval(
                        cfg,
                        Frame::Object { fields, done },
                        &field.value,
                        &E_OBJECT_FIELD,
                    ),
                    None => self.alloc_object(cfg, fields, done, &E_OBJECT_ALLOC),
                }
            }
            Frame::Array { items, mut done } => {
                done.push_back(v);
                match items.0.get(done.len()) {
                    Some(item) => push_eval(cfg, Frame::Array { items, done }, item, &E_ARRAY_ITEM),
                    None => {
                        let loc = cfg.heap.alloc(HeapObj::Array {
                            items: done.into_iter().collect(),
                            tuple: false,
                        });
                        next(cfg, Control::Value(Value::Ref(loc)), &E_ARRAY_ALLOC)
                    }
                }
            }
            Frame::Get { field } => match access::get_field(&cfg.heap, dialect, &v, field) {
                Ok(found) => next(cfg, Control::Value(found), &E_GET_READ),
                Err(err) => self.raise_error(cfg, err, &E_GET_ERROR),
            },
            Frame::IndexObject { index } => {
                push_eval(cfg, Frame::IndexKey { object: v }, index.0, &E_INDEX_KEY)
            }
            Frame::IndexKey { object } => {
                match access::get_index(&cfg.heap, dialect, &object, &v) {
                    Ok(found) => next(cfg, Control::Value(found), &E_INDEX_READ),
                    Err(err) => self.raise_error(cfg, err, &E_INDEX_ERROR),
                }
            }
            Frame::SetFieldObject { field, value } => push_eval(
                cfg,
                Frame::SetField { object: v, field },
                value.0,
                &E_SET_FIELD_VALUE,
            ),
            Frame::SetField { object, field } => {
                match access::set_field(&mut cfg.heap, dialect, &object, field, v.clone()) {
                    Ok(()) => next(cfg, Control::Value(v), &E_SET_FIELD_WRITE),
                    Err(err) => self.raise_error(cfg, err, &E_SET_FIELD_ERROR),
                }
            }
            Frame::SetIndexObject { index, value } => push_eval(
                cfg,
                Frame::SetIndexKey { object: v, value },
                index.0,
                &E_SET_INDEX_KEY,
            ),
            Frame::SetIndexKey { object, value } => push_eval(
                cfg,
                Frame::SetIndex { object, key: v },
                value.0,
                &E_SET_INDEX_VALUE,
            ),
            Frame::SetIndex { object, key } => {
                match access::set_index(&mut cfg.heap, dialect, &object, &key, v.clone()) {
                    Ok(()) => next(cfg, Control::Value(v), &E_SET_INDEX_WRITE),
                    Err(err) => self.raise_error(cfg, err, &E_SET_INDEX_ERROR),
                }
            }
            Frame::Prim { op, args, mut done } => {
                done.push_back(v);
                match args.0.get(done.len()) {
                    Some(arg) => push_eval(cfg, Frame::Prim { op, args, done }, arg, &E_PRIM_ARG),
                    None => self.apply_prim(cfg, op, done, &E_PRIM_APPLY),
                }
            }
            _ => unreachable!("resume_data is dispatched on data frames only"),
        }
    }

    fn alloc_object(
        &self,
        mut cfg: Config<'p>,
        fields: &[tracelab_ir::Field],
        values: Vector<Value>,
        rule: &'static RuleDef,
    ) -> Step<'p> {
        let mut props = Props::default();
        for (field, value) in fields.iter().zip(values) {
            let name: Rc<str> = Rc::from(field.name.as_str());
            props.insert(Key::Str(name.clone()), Value::Str(name), value);
        }
        let loc = cfg.heap.alloc(HeapObj::Object { class: None, props });
        next(cfg, Control::Value(Value::Ref(loc)), rule)
    }

    fn apply_prim(
        &self,
        mut cfg: Config<'p>,
        op: tracelab_ir::PrimOp,
        args: Vector<Value>,
        ok_rule: &'static RuleDef,
    ) -> Step<'p> {
        let args: Vec<Value> = args.into_iter().collect();
        match prim::apply(op, &args, &mut cfg.heap, self.dialect()) {
            Ok(v) => next(cfg, Control::Value(v), ok_rule),
            Err(err) => self.raise_error(cfg, err, &E_PRIM_RAISE),
        }
    }
}
