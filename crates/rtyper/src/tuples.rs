//! Tuples as sequences: membership (`op in ("+", "-")`) and `list(t)`.
//!
//! A tuple's items may each have their own representation, so both are
//! unrolled over the items at translation time.

use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// `x in t` for a tuple `t`: an equality test per item.
    pub fn tuple_contains(
        &mut self,
        cx: &mut GraphCx,
        container: &FlowOperand,
        x: &FlowOperand,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, container);
        let Repr::Tuple(items) = &r else {
            return Err(cx.error("internal: tuple_contains of a non-tuple"));
        };
        let xr = self.operand_repr(cx, x);
        let t = self.operand_as(cx, container, &r)?;
        let xv = self.operand_as(cx, x, &xr)?;
        let mut acc: Option<Operand> = None;
        for (i, item) in items.clone().iter().enumerate() {
            let v = self.tuple_item(cx, t.clone(), i, item);
            let eq = self.values_equal(cx, xv.clone(), &xr, v, item)?;
            acc = Some(match acc {
                None => eq,
                Some(a) => self.bool_or_in(cx, a, eq),
            });
        }
        Ok(acc.unwrap_or_else(|| self.bool_const(false)))
    }

    /// `list(t)` for a tuple whose items share a representation.
    pub fn tuple_to_list(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, a);
        let Repr::Tuple(items) = &r else {
            return Err(cx.error("internal: tuple_to_list of a non-tuple"));
        };
        let want = Self::list_item(result).clone();
        let t = self.operand_as(cx, a, &r)?;
        let mut values = Vec::new();
        for (i, item) in items.clone().iter().enumerate() {
            let v = self.tuple_item(cx, t.clone(), i, item);
            values.push(self.convert(cx, v, item, &want)?);
        }
        Ok(self.new_list_in(cx, result, values))
    }

    /// Item `i` of a tuple value.
    pub fn tuple_item(&mut self, cx: &mut GraphCx, t: Operand, i: usize, item: &Repr) -> Operand {
        let ty = self.lltype(item);
        if self.is_void(ty) {
            return Operand::Const(Constant::new(ConstValue::Void, ty));
        }
        let name = self.name_const(&format!("item{i}"));
        cx.emit(LlOp::GetField, vec![t, name], ty)
    }

    /// `a == b` for two values of scalar, str or pointer representations.
    pub fn values_equal(
        &mut self,
        cx: &mut GraphCx,
        a: Operand,
        ra: &Repr,
        b: Operand,
        rb: &Repr,
    ) -> Result<Operand, RtypeError> {
        let boolean = self.t.bool;
        let numeric = |r: &Repr| matches!(r, Repr::Int | Repr::Bool);
        Ok(match (ra, rb) {
            (x, y) if numeric(x) && numeric(y) => {
                let a = self.convert(cx, a, ra, &Repr::Int)?;
                let b = self.convert(cx, b, rb, &Repr::Int)?;
                cx.emit(LlOp::IntEq, vec![a, b], boolean)
            }
            (Repr::Float, _) | (_, Repr::Float) => {
                let a = self.convert(cx, a, ra, &Repr::Float)?;
                let b = self.convert(cx, b, rb, &Repr::Float)?;
                cx.emit(LlOp::FloatEq, vec![a, b], boolean)
            }
            (Repr::UniChar, Repr::UniChar) => cx.emit(LlOp::UniCharEq, vec![a, b], boolean),
            (Repr::Str | Repr::UniChar, Repr::Str | Repr::UniChar) => {
                let a = self.convert(cx, a, ra, &Repr::Str)?;
                let b = self.convert(cx, b, rb, &Repr::Str)?;
                let f = self.str_eq();
                self.call_in(cx, f, vec![a, b])
            }
            (Repr::Instance(x), Repr::Instance(y)) => {
                let Some(c) = self.ann.common_base(*x, *y) else {
                    return Ok(self.bool_const(false));
                };
                let a = self.convert(cx, a, ra, &Repr::Instance(c))?;
                let b = self.convert(cx, b, rb, &Repr::Instance(c))?;
                cx.emit(LlOp::PtrEq, vec![a, b], boolean)
            }
            (Repr::Class, Repr::Class) => cx.emit(LlOp::PtrEq, vec![a, b], boolean),
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: comparing {ra_desc} with {rb_desc}",
                    ra_desc = self.describe_repr(&ra),
                    rb_desc = self.describe_repr(&rb)
                )))
            }
        })
    }

    /// `a or b` on two `Bool`s, both evaluated.
    pub(crate) fn bool_or_in(&mut self, cx: &mut GraphCx, a: Operand, b: Operand) -> Operand {
        let s = self.t.signed;
        let ai = cx.emit(LlOp::CastPrimitive, vec![a], s);
        let bi = cx.emit(LlOp::CastPrimitive, vec![b], s);
        let o = cx.emit(LlOp::IntOr, vec![ai, bi], s);
        cx.emit(LlOp::IntIsTrue, vec![o], self.t.bool)
    }
}
