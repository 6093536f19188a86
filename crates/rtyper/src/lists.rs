//! Lists: fixed-size ones are GC arrays, resizable ones a length and a GC
//! array of items with spare capacity.

use lltype::{FuncId, LlOp};

use crate::cx::Rtyper;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// `l[i]` with Python's negative indexes and `IndexError`.
    pub fn list_getitem(&mut self, r: &Repr) -> FuncId {
        let (Repr::List(item) | Repr::FixedList(item)) = r else {
            unreachable!("list_getitem of a list");
        };
        let ty = self.lltype(r);
        let item_ty = self.lltype(item);
        let key = format!("list_getitem_{}", ty.as_u32());
        let r = r.clone();
        let signed = self.t.signed;
        self.helper(&key, &[ty, signed], item_ty, |rt, b| {
            let (l, i) = (b.param(0), b.param(1));
            let len = rt.sequence_len(b, &r, l.clone());
            let index = b.local(i.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, i.clone(), zero.clone());
            b.if_then(rt, negative, |_, b| {
                let wrapped = b.int_op(LlOp::IntAdd, i.clone(), len.clone());
                b.set(index, wrapped);
            });
            let at = b.get(index);
            let low = b.int_op(LlOp::IntLt, at.clone(), zero);
            let high = b.int_op(LlOp::IntGe, at.clone(), len);
            let out = b.bool_or(low, high);
            b.if_then(rt, out, |rt, b| {
                rt.raise_builtin(b, "IndexError", "list index out of range");
            });
            let at = b.get(index);
            let v = match &r {
                Repr::FixedList(_) => b.op(LlOp::GetArrayItem, vec![l, at], item_ty),
                _ => {
                    let array_ty = {
                        let s = rt.m.types.pointee(ty).expect("a pointer");
                        rt.m.types.as_struct(s).expect("a struct").fields[1].ty
                    };
                    let items = b.getfield(l, "items", array_ty);
                    b.op(LlOp::GetArrayItem, vec![items, at], item_ty)
                }
            };
            b.ret(v);
        })
    }
}
