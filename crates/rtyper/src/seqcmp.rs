//! `==` and `!=` between lists and between tuples (item by item, with
//! the item equality of [`Rtyper::item_eq`]), and `list(s)` of a str
//! (`list(t)` of a tuple is `tuple_to_list`'s).

use frontend::host::Value;
use lltype::{FuncId, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `a == b` for two lists with items of one representation.
    pub(crate) fn list_eq(&mut self, ra: &Repr, rb: &Repr) -> FuncId {
        let (ta, tb) = (self.lltype(ra), self.lltype(rb));
        let key = format!("list_eq_{}_{}", ta.as_u32(), tb.as_u32());
        let boolean = self.t.bool;
        let item = Self::list_item(ra).clone();
        let (ra, rb) = (ra.clone(), rb.clone());
        self.helper(&key, &[ta, tb], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let lx = rt.sequence_len(b, &ra, x.clone());
            let ly = rt.sequence_len(b, &rb, y.clone());
            let differ = b.int_op(LlOp::IntNe, lx.clone(), ly);
            b.if_then(rt, differ, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let zero = b.int(0);
            b.for_range(rt, zero, lx, |rt, b, i| {
                let u = rt.list_get(b, &ra, x.clone(), i.clone());
                let v = rt.list_get(b, &rb, y.clone(), i);
                let eq = rt.item_eq(b, &item, u, v);
                let ne = b.op(LlOp::BoolNot, vec![eq], boolean);
                b.if_then(rt, ne, |_, b| {
                    let f = b.bool(false);
                    b.ret(f);
                });
            });
            let t = b.bool(true);
            b.ret(t);
        })
    }

    /// `a == b` (or `!=`) between two lists or two tuples, if done here.
    pub fn seq_equality(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        b: &FlowOperand,
        negate: bool,
    ) -> Result<Option<Operand>, RtypeError> {
        let ra = self.operand_repr(cx, a);
        let rb = self.operand_repr(cx, b);
        let boolean = self.t.bool;
        let eq = match (&ra, &rb) {
            (Repr::List(i) | Repr::FixedList(i), Repr::List(j) | Repr::FixedList(j))
                if i == j && self.item_eq_supported(i) =>
            {
                let x = self.operand_as(cx, a, &ra)?;
                let y = self.operand_as(cx, b, &rb)?;
                let f = self.list_eq(&ra, &rb);
                self.call_in(cx, f, vec![x, y])
            }
            (Repr::Tuple(i), Repr::Tuple(j))
                if i == j && i.iter().all(|r| self.item_eq_supported(r)) =>
            {
                let f = self.tuple_eq(&ra);
                let x = self.operand_as(cx, a, &ra)?;
                let y = self.operand_as(cx, b, &rb)?;
                self.call_in(cx, f, vec![x, y])
            }
            _ => return Ok(None),
        };
        Ok(Some(if negate {
            cx.emit(LlOp::BoolNot, vec![eq], boolean)
        } else {
            eq
        }))
    }

    /// `list(s)` of a str: its characters.
    pub fn list_of(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        result: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        let r = self.operand_repr(cx, a);
        let item = match result {
            Repr::List(i) | Repr::FixedList(i) => (**i).clone(),
            _ => return Ok(None),
        };
        match &r {
            Repr::Str if matches!(item, Repr::UniChar | Repr::Str) => {
                let s = self.operand_as(cx, a, &r)?;
                let ty = self.lltype(result);
                let sp = self.t.str_ptr;
                let key = format!("list_of_str_{}", ty.as_u32());
                let result = result.clone();
                let f = self.helper(&key, &[sp], ty, |rt, b| {
                    let x = b.param(0);
                    let n = rt.str_len(b, x.clone());
                    let l = rt.list_alloc(b, &result, n.clone());
                    let zero = b.int(0);
                    let to_str = rt.char_to_str();
                    b.for_range(rt, zero, n, |rt, b, i| {
                        let c = rt.str_get(b, x.clone(), i.clone());
                        let v = if item == Repr::Str {
                            rt.call(b, to_str, vec![c])
                        } else {
                            c
                        };
                        rt.list_set(b, &result, l.clone(), i, v);
                    });
                    b.ret(l);
                });
                Ok(Some(self.call_in(cx, f, vec![s])))
            }
            Repr::Bytes if matches!(item, Repr::Int) => {
                // `list(b)`: the byte values, as ints.
                let x = self.operand_as(cx, a, &r)?;
                let ty = self.lltype(result);
                let (bp, signed, ch) = (self.t.bytes_ptr, self.t.signed, self.t.char);
                let key = format!("list_of_bytes_{}", ty.as_u32());
                let result = result.clone();
                let f = self.helper(&key, &[bp], ty, |rt, b| {
                    let x = b.param(0);
                    let n = rt.bytes_len(b, x.clone());
                    let l = rt.list_alloc(b, &result, n.clone());
                    let zero = b.int(0);
                    b.for_range(rt, zero, n, |rt, b, i| {
                        let chars = b.name("chars");
                        let c = b.op(LlOp::GetInterior, vec![x.clone(), chars, i.clone()], ch);
                        let v = b.op(LlOp::CastPrimitive, vec![c], signed);
                        rt.list_set(b, &result, l.clone(), i, v);
                    });
                    b.ret(l);
                });
                Ok(Some(self.call_in(cx, f, vec![x])))
            }
            _ => Ok(None),
        }
    }
}
