//! `max`, `min` and `sum` of numbers: of several arguments, or of the
//! items of a list.
//!
//! As in CPython, `max(a, b)` keeps the first of equal values, and the
//! list forms raise `ValueError` on an empty list.

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `max(...)`, `min(...)`, `sum(...)`, or `None` if `name` is none
    /// of them.
    pub fn call_minmax_sum(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Option<Result<Operand, RtypeError>> {
        let is_max = match name {
            "max" => true,
            "min" => false,
            "sum" => return Some(self.sum(cx, args, result)),
            _ => return None,
        };
        Some(self.minmax(cx, is_max, args, result))
    }

    fn minmax(
        &mut self,
        cx: &mut GraphCx,
        is_max: bool,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let num = match result {
            Repr::Float => Repr::Float,
            Repr::Int | Repr::Bool => Repr::Int,
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: max()/min() giving {result_desc}",
                    result_desc = self.describe_repr(&result)
                )))
            }
        };
        if let [seq] = args {
            let (l, r) = self.seq_operand(cx, seq)?;
            if !matches!(r, Repr::List(_) | Repr::FixedList(_)) {
                return Err(cx.error(format!(
                    "not supported yet by the translator: max()/min() of {r_desc}",
                    r_desc = self.describe_repr(&r)
                )));
            }
            let f = self.minmax_list(&r, &num, is_max);
            let v = self.call_raising(cx, f, vec![l]);
            return self.convert(cx, v, &num, result);
        }
        let f = self.minmax_pair(&num, is_max);
        let mut acc = self.operand_as(cx, &args[0], &num)?;
        for a in &args[1..] {
            let v = self.operand_as(cx, a, &num)?;
            acc = self.call_in(cx, f, vec![acc, v]);
        }
        self.convert(cx, acc, &num, result)
    }

    fn sum(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let num = match result {
            Repr::Float => Repr::Float,
            Repr::Int | Repr::Bool => Repr::Int,
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: sum() giving {result_desc}",
                    result_desc = self.describe_repr(&result)
                )))
            }
        };
        let (seq, start) = match args {
            [seq] => (seq, None),
            [seq, start] => (seq, Some(start)),
            _ => return Err(cx.error("not supported yet by the translator: this call of sum()")),
        };
        let (l, r) = self.seq_operand(cx, seq)?;
        if !matches!(r, Repr::List(_) | Repr::FixedList(_)) {
            return Err(cx.error(format!(
                "not supported yet by the translator: sum() of {r_desc}",
                r_desc = self.describe_repr(&r)
            )));
        }
        let start = match start {
            Some(s) => self.operand_as(cx, s, &num)?,
            None => self.constant(cx, &Value::Int(0), &num)?,
        };
        let f = self.sum_list(&r, &num);
        let v = self.call_in(cx, f, vec![l, start]);
        self.convert(cx, v, &num, result)
    }

    /// The greater (or smaller) of two numbers, the first on a tie.
    fn minmax_pair(&mut self, num: &Repr, is_max: bool) -> FuncId {
        let ty = self.lltype(num);
        let key = format!("{}_{}", if is_max { "max" } else { "min" }, ty.as_u32());
        let num = num.clone();
        self.helper(&key, &[ty, ty], ty, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let better = rt.num_better(b, &num, is_max, y.clone(), x.clone());
            b.if_then(rt, better, |_, b| b.ret(y));
            b.ret(x);
        })
    }

    /// `y > x` (for max) or `y < x` (for min).
    fn num_better(
        &mut self,
        b: &mut crate::builder::FnBuilder,
        num: &Repr,
        is_max: bool,
        y: Operand,
        x: Operand,
    ) -> Operand {
        let op = match (num, is_max) {
            (Repr::Float, true) => LlOp::FloatGt,
            (Repr::Float, false) => LlOp::FloatLt,
            (_, true) => LlOp::IntGt,
            (_, false) => LlOp::IntLt,
        };
        b.op(op, vec![y, x], self.t.bool)
    }

    /// `max(list)` / `min(list)`: `ValueError` if empty.
    fn minmax_list(&mut self, r: &Repr, num: &Repr, is_max: bool) -> FuncId {
        let ty = self.lltype(r);
        let nty = self.lltype(num);
        let name = if is_max { "max" } else { "min" };
        let key = format!("{name}_list_{}_{}", ty.as_u32(), nty.as_u32());
        let (r, num) = (r.clone(), num.clone());
        let item = Self::list_item(&r).clone();
        self.helper(&key, &[ty], nty, |rt, b| {
            let l = b.param(0);
            let len = rt.sequence_len(b, &r, l.clone());
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, len.clone(), zero.clone());
            b.if_then(rt, empty, |rt, b| {
                rt.raise_builtin(
                    b,
                    "ValueError",
                    &format!("{name}() arg is an empty sequence"),
                );
            });
            let first = rt.list_get(b, &r, l.clone(), zero);
            let first = rt
                .convert_in_helper(b, first, &item, &num, false)
                .expect("numeric items");
            let best = b.local(first);
            let one = b.int(1);
            b.for_range(rt, one, len, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i);
                let x = rt
                    .convert_in_helper(b, x, &item, &num, false)
                    .expect("numeric items");
                let cur = b.get(best);
                let better = rt.num_better(b, &num, is_max, x.clone(), cur);
                b.if_then(rt, better, |_, b| b.set(best, x));
            });
            let v = b.get(best);
            b.ret(v);
        })
    }

    /// `sum(list, start)`.
    fn sum_list(&mut self, r: &Repr, num: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let nty = self.lltype(num);
        let key = format!("sum_list_{}_{}", ty.as_u32(), nty.as_u32());
        let (r, num) = (r.clone(), num.clone());
        let item = Self::list_item(&r).clone();
        self.helper(&key, &[ty, nty], nty, |rt, b| {
            let (l, start) = (b.param(0), b.param(1));
            let len = rt.sequence_len(b, &r, l.clone());
            let total = b.local(start);
            let zero = b.int(0);
            b.for_range(rt, zero, len, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i);
                let x = rt
                    .convert_in_helper(b, x, &item, &num, false)
                    .expect("numeric items");
                let cur = b.get(total);
                let op = if num == Repr::Float {
                    LlOp::FloatAdd
                } else {
                    LlOp::IntAdd
                };
                let s = b.op(op, vec![cur, x], rt.lltype(&num));
                b.set(total, s);
            });
            let v = b.get(total);
            b.ret(v);
        })
    }
}
