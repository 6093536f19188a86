//! `sum`, `min` and `max` over lists (and `min`/`max` of several
//! arguments), and `==` between lists: the built-ins that reduce or
//! compare whole sequences, as helpers over the items.

use flowgraph::OpKind;
use frontend::host::Value;
use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `sum(list)`, `min(...)`, `max(...)`; `None` for other calls.
    pub fn seq_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Option<Result<Operand, RtypeError>> {
        match name {
            "sum" if args.len() == 1 => Some(self.sum_op(cx, &args[0], result)),
            "min" | "max" if !args.is_empty() => Some(self.minmax_op(cx, name == "max", args, result)),
            _ => None,
        }
    }

    fn sum_op(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        let item = match &r {
            Repr::List(item) | Repr::FixedList(item) => (**item).clone(),
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: sum() of {r:?}"
                )))
            }
        };
        if !matches!(result, Repr::Int | Repr::Float) || !matches!(item, Repr::Int | Repr::Bool | Repr::Float) {
            return Err(cx.error(format!(
                "not supported yet by the translator: sum() of {r:?}"
            )));
        }
        let l = self.operand_as(cx, a, &r)?;
        let f = self.list_sum(&r, result);
        Ok(self.call_in(cx, f, vec![l]))
    }

    /// `sum(l)` of a list of numbers, as `result` (`Int` or `Float`).
    fn list_sum(&mut self, r: &Repr, result: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let res_ty = self.lltype(result);
        let key = format!("list_sum_{}_{}", ty.as_u32(), res_ty.as_u32());
        let item = Self::list_item(r).clone();
        let (r, result) = (r.clone(), result.clone());
        let (s, f) = (self.t.signed, self.t.float);
        self.helper(&key, &[ty], res_ty, |rt, b| {
            let l = b.param(0);
            let zero = if result == Repr::Float {
                b.konst(ConstValue::Float(0f64.to_bits()), f)
            } else {
                b.int(0)
            };
            let total = b.local(zero);
            let n = rt.sequence_len(b, &r, l.clone());
            let start = b.int(0);
            b.for_range(rt, start, n, |rt, b, i| {
                let v = rt.list_get(b, &r, l.clone(), i);
                let v = match (&item, &result) {
                    (Repr::Bool, _) => {
                        let v = b.op(LlOp::CastPrimitive, vec![v], s);
                        if result == Repr::Float {
                            b.op(LlOp::CastIntToFloat, vec![v], f)
                        } else {
                            v
                        }
                    }
                    (Repr::Int, Repr::Float) => b.op(LlOp::CastIntToFloat, vec![v], f),
                    _ => v,
                };
                let t = b.get(total);
                let sum = if result == Repr::Float {
                    b.op(LlOp::FloatAdd, vec![t, v], f)
                } else {
                    b.int_op(LlOp::IntAdd, t, v)
                };
                b.set(total, sum);
            });
            let t = b.get(total);
            b.ret(t);
        })
    }

    fn minmax_op(
        &mut self,
        cx: &mut GraphCx,
        is_max: bool,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if !Self::item_lt_supported(result) {
            return Err(cx.error(format!(
                "not supported yet by the translator: min() or max() giving {result:?}"
            )));
        }
        if let [a] = args {
            let r = self.operand_repr(cx, a);
            let item = match &r {
                Repr::List(item) | Repr::FixedList(item) => (**item).clone(),
                _ => {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: min() or max() of {r:?}"
                    )))
                }
            };
            let l = self.operand_as(cx, a, &r)?;
            let f = self.list_minmax(&r, is_max);
            let v = self.call_raising(cx, f, vec![l]);
            return self.convert(cx, v, &item, result);
        }
        let f = self.minmax2(result, is_max);
        let mut best = self.operand_as(cx, &args[0], result)?;
        for a in &args[1..] {
            let v = self.operand_as(cx, a, result)?;
            best = self.call_in(cx, f, vec![best, v]);
        }
        Ok(best)
    }

    /// `min(a, b)` or `max(a, b)`: the first argument on ties, as
    /// CPython keeps the first extreme item.
    fn minmax2(&mut self, r: &Repr, is_max: bool) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("minmax2_{is_max}_{}", ty.as_u32());
        let r = r.clone();
        self.helper(&key, &[ty, ty], ty, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let better = if is_max {
                rt.item_lt(b, &r, x.clone(), y.clone())
            } else {
                rt.item_lt(b, &r, y.clone(), x.clone())
            };
            b.if_then(rt, better, |_, b| b.ret(y));
            b.ret(x);
        })
    }

    /// `min(l)` or `max(l)`; `ValueError` when empty.
    fn list_minmax(&mut self, r: &Repr, is_max: bool) -> FuncId {
        let ty = self.lltype(r);
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        let key = format!("list_minmax_{is_max}_{}", ty.as_u32());
        let r = r.clone();
        self.helper(&key, &[ty], item_ty, |rt, b| {
            let l = b.param(0);
            let n = rt.sequence_len(b, &r, l.clone());
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, n.clone(), zero.clone());
            let msg = if is_max {
                "max() arg is an empty sequence"
            } else {
                "min() arg is an empty sequence"
            };
            b.if_then(rt, empty, |rt, b| rt.raise_builtin(b, "ValueError", msg));
            let first = rt.list_get(b, &r, l.clone(), zero);
            let best = b.local(first);
            let one = b.int(1);
            b.for_range(rt, one, n, |rt, b, i| {
                let v = rt.list_get(b, &r, l.clone(), i);
                let cur = b.get(best);
                let better = if is_max {
                    rt.item_lt(b, &item, cur, v.clone())
                } else {
                    rt.item_lt(b, &item, v.clone(), cur)
                };
                b.if_then(rt, better, |_, b| b.set(best, v));
            });
            let v = b.get(best);
            b.ret(v);
        })
    }

    /// `a == b` and `a != b` between two lists; `None` when the operands
    /// are not both lists.
    pub fn list_compare(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
    ) -> Option<Result<Operand, RtypeError>> {
        let ra = self.operand_repr(cx, &op.args[0]);
        let rb = self.operand_repr(cx, &op.args[1]);
        let is_list = |r: &Repr| matches!(r, Repr::List(_) | Repr::FixedList(_));
        if !is_list(&ra) || !is_list(&rb) || !matches!(op.kind, OpKind::Eq | OpKind::Ne) {
            return None;
        }
        Some(self.list_eq_op(cx, op, &ra, &rb))
    }

    fn list_eq_op(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        ra: &Repr,
        rb: &Repr,
    ) -> Result<Operand, RtypeError> {
        let (ia, ib) = (Self::list_item(ra).clone(), Self::list_item(rb).clone());
        let (ta, tb) = (self.lltype(&ia), self.lltype(&ib));
        if ta != tb || !Self::hashable(&ia) && !self.item_eq_supported(&ia) {
            return Err(cx.error(format!(
                "not supported yet by the translator: `==` between {ra:?} and {rb:?}"
            )));
        }
        let a = self.operand_as(cx, &op.args[0], ra)?;
        let b = self.operand_as(cx, &op.args[1], rb)?;
        let f = self.list_eq(ra, rb);
        let eq = self.call_in(cx, f, vec![a, b]);
        Ok(if op.kind == OpKind::Ne {
            cx.emit(LlOp::BoolNot, vec![eq], self.t.bool)
        } else {
            eq
        })
    }

    /// Whether two lists (either may be null: `None`) hold equal items.
    fn list_eq(&mut self, ra: &Repr, rb: &Repr) -> FuncId {
        let (ta, tb) = (self.lltype(ra), self.lltype(rb));
        let key = format!("list_eq_{}_{}", ta.as_u32(), tb.as_u32());
        let item = Self::list_item(ra).clone();
        let boolean = self.t.bool;
        let (ra, rb) = (ra.clone(), rb.clone());
        self.helper(&key, &[ta, tb], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let xnull = b.op(LlOp::PtrIsZero, vec![x.clone()], boolean);
            let ynull = b.op(LlOp::PtrIsZero, vec![y.clone()], boolean);
            let either = b.bool_or(xnull.clone(), ynull.clone());
            b.if_then(rt, either, |_, b| {
                let both = b.bool_and(xnull, ynull);
                b.ret(both);
            });
            let lx = rt.sequence_len(b, &ra, x.clone());
            let ly = rt.sequence_len(b, &rb, y.clone());
            let differ = b.int_op(LlOp::IntNe, lx.clone(), ly);
            b.if_then(rt, differ, |_, b| {
                let no = b.bool(false);
                b.ret(no);
            });
            let zero = b.int(0);
            b.for_range(rt, zero, lx, |rt, b, i| {
                let u = rt.list_get(b, &ra, x.clone(), i.clone());
                let v = rt.list_get(b, &rb, y.clone(), i);
                let eq = rt.key_eq(b, &item, u, v);
                let ne = b.op(LlOp::BoolNot, vec![eq], boolean);
                b.if_then(rt, ne, |_, b| {
                    let no = b.bool(false);
                    b.ret(no);
                });
            });
            let yes = b.bool(true);
            b.ret(yes);
        })
    }
}
