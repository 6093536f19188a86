//! `min`, `max` and `sum` beyond numbers in lists (which `minmax` does):
//! of strs and characters (as arguments or in a list), of the characters
//! of a str, of ranges, as CPython computes them: the first of equal
//! extremes wins, an empty sequence raises `ValueError`, `sum` adds from
//! its start. `key=` and `default=` are not done.

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// Whether `<` is done here for values of this representation.
    fn orderable(r: &Repr) -> bool {
        matches!(
            r,
            Repr::Int | Repr::Bool | Repr::Float | Repr::Str | Repr::UniChar
        )
    }

    /// `x < y` for two values of an orderable representation.
    fn less(&mut self, b: &mut FnBuilder, r: &Repr, x: Operand, y: Operand) -> Operand {
        let boolean = self.t.bool;
        match r {
            Repr::Int => b.int_op(LlOp::IntLt, x, y),
            Repr::Float => b.op(LlOp::FloatLt, vec![x, y], boolean),
            Repr::Str => {
                let f = self.str_cmp();
                let c = self.call(b, f, vec![x, y]);
                let zero = b.int(0);
                b.int_op(LlOp::IntLt, c, zero)
            }
            _ => {
                let (x, y) = (self.code(b, x), self.code(b, y));
                b.int_op(LlOp::IntLt, x, y)
            }
        }
    }

    /// `min2(a, b)` / `max2(a, b)`: `a` unless `b` is strictly beyond it.
    fn minmax2(&mut self, r: &Repr, max: bool) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("{}2_{}", if max { "max" } else { "min" }, ty.as_u32());
        let r = r.clone();
        self.helper(&key, &[ty, ty], ty, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let beyond = if max {
                rt.less(b, &r, x.clone(), y.clone())
            } else {
                rt.less(b, &r, y.clone(), x.clone())
            };
            b.if_then(rt, beyond, |_, b| b.ret(y.clone()));
            b.ret(x);
        })
    }

    /// The item of a sequence representation (a str's are characters).
    fn seq_item(r: &Repr) -> Option<Repr> {
        match r {
            Repr::List(i) | Repr::FixedList(i) => Some((**i).clone()),
            Repr::Str => Some(Repr::UniChar),
            Repr::Range => Some(Repr::Int),
            _ => None,
        }
    }

    /// Item `i` of a list, str or range.
    fn seq_get(&mut self, b: &mut FnBuilder, r: &Repr, s: Operand, i: Operand) -> Operand {
        match r {
            Repr::Str => self.str_get(b, s, i),
            Repr::Range => {
                let signed = self.t.signed;
                let start = b.getfield(s.clone(), "start", signed);
                let step = b.getfield(s, "step", signed);
                let off = b.int_op(LlOp::IntMul, i, step);
                b.int_op(LlOp::IntAdd, start, off)
            }
            _ => self.list_get(b, r, s, i),
        }
    }

    /// The length of a list, str or range.
    fn seq_length(&mut self, b: &mut FnBuilder, r: &Repr, s: Operand) -> Operand {
        match r {
            Repr::Range => {
                let f = self.range_len();
                self.call(b, f, vec![s])
            }
            _ => self.sequence_len(b, r, s),
        }
    }

    /// `min(seq)` / `max(seq)`.
    fn minmax_seq(&mut self, r: &Repr, max: bool) -> FuncId {
        let ty = self.lltype(r);
        let item = Self::seq_item(r).expect("a sequence");
        let item_ty = self.lltype(&item);
        let name = if max { "max" } else { "min" };
        let key = format!("{name}_seq_{}", ty.as_u32());
        let r = r.clone();
        self.helper(&key, &[ty], item_ty, |rt, b| {
            let s = b.param(0);
            let n = rt.seq_length(b, &r, s.clone());
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, n.clone(), zero.clone());
            b.if_then(rt, empty, |rt, b| {
                let message = if max {
                    "max() arg is an empty sequence"
                } else {
                    "min() arg is an empty sequence"
                };
                rt.raise_builtin(b, "ValueError", message)
            });
            let first = rt.seq_get(b, &r, s.clone(), zero);
            let best = b.local(first);
            let one = b.int(1);
            b.for_range(rt, one, n, |rt, b, i| {
                let x = rt.seq_get(b, &r, s.clone(), i);
                let cur = b.get(best);
                let beyond = if max {
                    rt.less(b, &item, cur, x.clone())
                } else {
                    rt.less(b, &item, x.clone(), cur)
                };
                b.if_then(rt, beyond, |_, b| b.set(best, x.clone()));
            });
            let v = b.get(best);
            b.ret(v);
        })
    }

    /// `sum(seq, start)` with items and start in `acc` (Int or Float).
    fn sum_seq(&mut self, r: &Repr, acc: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let acc_ty = self.lltype(acc);
        let item = Self::seq_item(r).expect("a sequence");
        let key = format!("sum_seq_{}_{}", ty.as_u32(), acc_ty.as_u32());
        let (r, acc) = (r.clone(), acc.clone());
        self.helper(&key, &[ty, acc_ty], acc_ty, |rt, b| {
            let (s, start) = (b.param(0), b.param(1));
            let n = rt.seq_length(b, &r, s.clone());
            let total = b.local(start);
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let x = rt.seq_get(b, &r, s.clone(), i);
                let x = match (&item, &acc) {
                    (Repr::Bool, _) => {
                        let v = b.op(LlOp::CastPrimitive, vec![x], rt.t.signed);
                        if acc == Repr::Float {
                            b.op(LlOp::CastIntToFloat, vec![v], rt.t.float)
                        } else {
                            v
                        }
                    }
                    (Repr::Int, Repr::Float) => b.op(LlOp::CastIntToFloat, vec![x], rt.t.float),
                    _ => x,
                };
                let t = b.get(total);
                let v = if acc == Repr::Float {
                    b.op(LlOp::FloatAdd, vec![t, x], rt.t.float)
                } else {
                    b.int_op(LlOp::IntAdd, t, x)
                };
                b.set(total, v);
            });
            let v = b.get(total);
            b.ret(v);
        })
    }

    /// `min(...)`, `max(...)`, `sum(...)`, if the arguments are ones done
    /// here.
    pub fn reduce_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        match (name, args) {
            ("min" | "max", [one]) => {
                let r = self.operand_repr(cx, one);
                let Some(item) = Self::seq_item(&r) else {
                    return Ok(None);
                };
                let numbers = matches!(item, Repr::Int | Repr::Bool | Repr::Float);
                let list = matches!(r, Repr::List(_) | Repr::FixedList(_));
                if !Self::orderable(&item) || (list && numbers) {
                    return Ok(None);
                }
                let s = self.operand_as(cx, one, &r)?;
                let f = self.minmax_seq(&r, name == "max");
                let v = self.call_raising(cx, f, vec![s]);
                self.convert(cx, v, &item, result).map(Some)
            }
            ("min" | "max", [_, _, ..]) => {
                if !matches!(result, Repr::Str | Repr::UniChar) {
                    return Ok(None);
                }
                let f = self.minmax2(result, name == "max");
                let mut acc = self.operand_as(cx, &args[0], result)?;
                for a in &args[1..] {
                    let v = self.operand_as(cx, a, result)?;
                    acc = self.call_in(cx, f, vec![acc, v]);
                }
                Ok(Some(acc))
            }
            ("sum", [seq] | [seq, _]) => {
                let r = self.operand_repr(cx, seq);
                if r != Repr::Range {
                    return Ok(None);
                }
                let Some(item) = Self::seq_item(&r) else {
                    return Ok(None);
                };
                let acc = match result {
                    Repr::Int | Repr::Float => result.clone(),
                    _ => return Ok(None),
                };
                if !matches!(item, Repr::Int | Repr::Bool | Repr::Float) {
                    return Ok(None);
                }
                let s = self.operand_as(cx, seq, &r)?;
                let start = match args.get(1) {
                    Some(a) => self.operand_as(cx, a, &acc)?,
                    None => {
                        let zero = Value::Int(0);
                        self.constant(cx, &zero, &acc)?
                    }
                };
                let f = self.sum_seq(&r, &acc);
                Ok(Some(self.call_in(cx, f, vec![s, start])))
            }
            _ => Ok(None),
        }
    }
}
