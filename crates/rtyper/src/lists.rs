//! Lists: fixed-size ones are GC arrays, resizable ones a length and a GC
//! array of items with spare capacity (grown by about an eighth, as
//! CPython does, so appending is amortised constant time).
//!
//! Every helper is made once per list type; those that index raise
//! `IndexError` exactly where CPython does.

use lltype::{ConstValue, FuncId, LlOp, Operand, TypeId};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// The item representation of a list representation.
    pub fn list_item(r: &Repr) -> &Repr {
        match r {
            Repr::List(item) | Repr::FixedList(item) => item,
            _ => unreachable!("a list representation"),
        }
    }

    /// The type of the items array of a resizable list.
    fn items_array(&mut self, list_ty: TypeId) -> TypeId {
        let s = self.m.types.pointee(list_ty).expect("a pointer");
        self.m.types.as_struct(s).expect("a struct").fields[1].ty
    }

    /// The array holding the items (for a fixed list, the list itself).
    pub fn list_array(&mut self, b: &mut FnBuilder, r: &Repr, l: Operand) -> Operand {
        match r {
            Repr::FixedList(_) => l,
            _ => {
                let ty = self.lltype(r);
                let array = self.items_array(ty);
                b.getfield(l, "items", array)
            }
        }
    }

    /// A new list of this length; items are zero until set.
    pub fn list_alloc(&mut self, b: &mut FnBuilder, r: &Repr, len: Operand) -> Operand {
        let ty = self.lltype(r);
        match r {
            Repr::FixedList(_) => b.op(LlOp::MallocVarsize, vec![len], ty),
            _ => {
                let array = self.items_array(ty);
                let l = b.op(LlOp::Malloc, Vec::new(), ty);
                let items = b.op(LlOp::MallocVarsize, vec![len.clone()], array);
                b.setfield(l.clone(), "length", len);
                b.setfield(l.clone(), "items", items);
                l
            }
        }
    }

    /// Item `i` (in range).
    pub fn list_get(&mut self, b: &mut FnBuilder, r: &Repr, l: Operand, i: Operand) -> Operand {
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        if self.is_void(item_ty) {
            return b.konst(lltype::ConstValue::Void, item_ty);
        }
        let array = self.list_array(b, r, l);
        b.op(LlOp::GetArrayItem, vec![array, i], item_ty)
    }

    /// Sets item `i` (in range).
    pub fn list_set(&mut self, b: &mut FnBuilder, r: &Repr, l: Operand, i: Operand, v: Operand) {
        let item_ty = self.lltype(Self::list_item(r));
        if self.is_void(item_ty) {
            return;
        }
        let array = self.list_array(b, r, l);
        b.effect(LlOp::SetArrayItem, vec![array, i, v]);
    }

    fn key(&mut self, what: &str, r: &Repr) -> String {
        let ty = self.lltype(r);
        format!("{what}_{}", ty.as_u32())
    }

    /// A normalised index: negative ones count from the end; out of range
    /// raises `IndexError` with `message`.
    pub fn checked_index(
        &mut self,
        b: &mut FnBuilder,
        i: Operand,
        len: Operand,
        message: &'static str,
    ) -> Operand {
        let index = b.local(i.clone());
        let zero = b.int(0);
        let negative = b.int_op(LlOp::IntLt, i.clone(), zero.clone());
        b.if_then(self, negative, |_, b| {
            let wrapped = b.int_op(LlOp::IntAdd, i, len.clone());
            b.set(index, wrapped);
        });
        let at = b.get(index);
        let low = b.int_op(LlOp::IntLt, at.clone(), zero);
        let high = b.int_op(LlOp::IntGe, at.clone(), len);
        let out = b.bool_or(low, high);
        b.if_then(self, out, |rt, b| {
            rt.raise_builtin(b, "IndexError", message)
        });
        b.get(index)
    }

    /// `l[i]` with Python's negative indexes and `IndexError`.
    pub fn list_getitem(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let item_ty = self.lltype(Self::list_item(r));
        let key = self.key("list_getitem", r);
        let r = r.clone();
        let signed = self.t.signed;
        self.helper(&key, &[ty, signed], item_ty, |rt, b| {
            let (l, i) = (b.param(0), b.param(1));
            let len = rt.sequence_len(b, &r, l.clone());
            let at = rt.checked_index(b, i, len, "list index out of range");
            let v = rt.list_get(b, &r, l, at);
            b.ret(v);
        })
    }

    /// `l[i] = v`.
    pub fn list_setitem(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let item_ty = self.lltype(Self::list_item(r));
        let key = self.key("list_setitem", r);
        let r = r.clone();
        let (signed, void) = (self.t.signed, self.t.void);
        self.helper(&key, &[ty, signed, item_ty], void, |rt, b| {
            let (l, i, v) = (b.param(0), b.param(1), b.param(2));
            let len = rt.sequence_len(b, &r, l.clone());
            let at = rt.checked_index(b, i, len, "list assignment index out of range");
            rt.list_set(b, &r, l, at, v);
            b.ret_void();
        })
    }

    /// Makes room for `new_len` items in a resizable list and sets its
    /// length.
    pub fn list_resize(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = self.key("list_resize", r);
        let (signed, void) = (self.t.signed, self.t.void);
        let array = self.items_array(ty);
        let item_ty = self.array_item_type(Self::list_item(r));
        self.helper(&key, &[ty, signed], void, |rt, b| {
            let (l, n) = (b.param(0), b.param(1));
            let items = b.getfield(l.clone(), "items", array);
            let cap = b.op(LlOp::GetArraySize, vec![items.clone()], signed);
            let grow = b.int_op(LlOp::IntGt, n.clone(), cap);
            b.if_then(rt, grow, |rt, b| {
                let three = b.int(3);
                let extra = b.int_op(LlOp::IntRshift, n.clone(), three);
                let six = b.int(6);
                let extra = b.int_op(LlOp::IntAdd, extra, six);
                let new_cap = b.int_op(LlOp::IntAdd, n.clone(), extra);
                let fresh = b.op(LlOp::MallocVarsize, vec![new_cap], array);
                let old_len = b.getfield(l.clone(), "length", signed);
                let zero = b.int(0);
                b.for_range(rt, zero, old_len, |_, b, i| {
                    let v = b.op(LlOp::GetArrayItem, vec![items.clone(), i.clone()], item_ty);
                    b.effect(LlOp::SetArrayItem, vec![fresh.clone(), i, v]);
                });
                b.setfield(l.clone(), "items", fresh);
            });
            b.setfield(l, "length", n);
            b.ret_void();
        })
    }

    /// `l.append(v)`.
    pub fn list_append(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let item_ty = self.lltype(Self::list_item(r));
        let key = self.key("list_append", r);
        let resize = self.list_resize(r);
        let (signed, void) = (self.t.signed, self.t.void);
        let r = r.clone();
        self.helper(&key, &[ty, item_ty], void, |rt, b| {
            let (l, v) = (b.param(0), b.param(1));
            let len = b.getfield(l.clone(), "length", signed);
            let one = b.int(1);
            let n = b.int_op(LlOp::IntAdd, len.clone(), one);
            rt.call(b, resize, vec![l.clone(), n]);
            rt.list_set(b, &r, l, len, v);
            b.ret_void();
        })
    }

    /// `l.pop(i)` (`l.pop()` is `l.pop(-1)`).
    pub fn list_pop(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let item_ty = self.lltype(Self::list_item(r));
        let key = self.key("list_pop", r);
        let resize = self.list_resize(r);
        let signed = self.t.signed;
        let r = r.clone();
        self.helper(&key, &[ty, signed], item_ty, |rt, b| {
            let (l, i) = (b.param(0), b.param(1));
            let len = b.getfield(l.clone(), "length", signed);
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, len.clone(), zero);
            b.if_then(rt, empty, |rt, b| {
                rt.raise_builtin(b, "IndexError", "pop from empty list")
            });
            let at = rt.checked_index(b, i, len.clone(), "pop index out of range");
            let v = rt.list_get(b, &r, l.clone(), at.clone());
            let one = b.int(1);
            let last = b.int_op(LlOp::IntSub, len, one.clone());
            let _ = one;
            b.for_range(rt, at.clone(), last.clone(), |rt, b, k| {
                let one = b.int(1);
                let next = b.int_op(LlOp::IntAdd, k.clone(), one);
                let x = rt.list_get(b, &r, l.clone(), next);
                rt.list_set(b, &r, l.clone(), k, x);
            });
            rt.call(b, resize, vec![l, last]);
            b.ret(v);
        })
    }

    /// `l.insert(i, v)`: indexes are clamped, as in CPython.
    pub fn list_insert(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let item_ty = self.lltype(Self::list_item(r));
        let key = self.key("list_insert", r);
        let resize = self.list_resize(r);
        let (signed, void) = (self.t.signed, self.t.void);
        let r = r.clone();
        self.helper(&key, &[ty, signed, item_ty], void, |rt, b| {
            let (l, i, v) = (b.param(0), b.param(1), b.param(2));
            let len = b.getfield(l.clone(), "length", signed);
            let at = b.local(i.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, i.clone(), zero.clone());
            b.if_then(rt, negative, |_, b| {
                let w = b.int_op(LlOp::IntAdd, i.clone(), len.clone());
                b.set(at, w);
            });
            let a = b.get(at);
            let low = b.int_op(LlOp::IntLt, a.clone(), zero.clone());
            b.if_then(rt, low, |_, b| b.set(at, zero.clone()));
            let a = b.get(at);
            let high = b.int_op(LlOp::IntGt, a, len.clone());
            b.if_then(rt, high, |_, b| b.set(at, len.clone()));
            let one = b.int(1);
            let n = b.int_op(LlOp::IntAdd, len.clone(), one);
            rt.call(b, resize, vec![l.clone(), n]);
            // Shift the tail up by one, from the end.
            let k = b.local(len);
            let a = b.get(at);
            b.while_loop(
                rt,
                |_, b| {
                    let kv = b.get(k);
                    b.int_op(LlOp::IntGt, kv, a.clone())
                },
                |rt, b| {
                    let kv = b.get(k);
                    let one = b.int(1);
                    let prev = b.int_op(LlOp::IntSub, kv.clone(), one);
                    let x = rt.list_get(b, &r, l.clone(), prev.clone());
                    rt.list_set(b, &r, l.clone(), kv, x);
                    b.set(k, prev);
                },
            );
            let a = b.get(at);
            rt.list_set(b, &r, l, a, v);
            b.ret_void();
        })
    }

    /// `del l[i]`.
    pub fn list_delitem(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = self.key("list_delitem", r);
        let pop = self.list_pop(r);
        let (signed, void) = (self.t.signed, self.t.void);
        self.helper(&key, &[ty, signed], void, |rt, b| {
            let (l, i) = (b.param(0), b.param(1));
            let len = b.getfield(l.clone(), "length", signed);
            // Check with the deletion's message, then remove.
            rt.checked_index(b, i.clone(), len, "list assignment index out of range");
            rt.call(b, pop, vec![l, i]);
            b.ret_void();
        })
    }

    /// `l.extend(other)` for any list of the same item type.
    pub fn list_extend(&mut self, r: &Repr, other: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let other_ty = self.lltype(other);
        let key = format!("list_extend_{}_{}", ty.as_u32(), other_ty.as_u32());
        let resize = self.list_resize(r);
        let (signed, void) = (self.t.signed, self.t.void);
        let (r, other) = (r.clone(), other.clone());
        self.helper(&key, &[ty, other_ty], void, |rt, b| {
            let (l, o) = (b.param(0), b.param(1));
            let len = b.getfield(l.clone(), "length", signed);
            // Read the other's length first: it may be the list itself.
            let n = rt.sequence_len(b, &other, o.clone());
            let total = b.int_op(LlOp::IntAdd, len.clone(), n.clone());
            rt.call(b, resize, vec![l.clone(), total]);
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let x = rt.list_get(b, &other, o.clone(), i.clone());
                let at = b.int_op(LlOp::IntAdd, len.clone(), i);
                rt.list_set(b, &r, l.clone(), at, x);
            });
            b.ret_void();
        })
    }

    /// A copy of items `start..stop` (clamped) of a list as a new list of
    /// representation `dst`.
    pub fn list_slice(&mut self, src: &Repr, dst: &Repr) -> FuncId {
        let src_ty = self.lltype(src);
        let dst_ty = self.lltype(dst);
        let key = format!("list_slice_{}_{}", src_ty.as_u32(), dst_ty.as_u32());
        let signed = self.t.signed;
        let (src, dst) = (src.clone(), dst.clone());
        self.helper(&key, &[src_ty, signed, signed], dst_ty, |rt, b| {
            let (l, start, stop) = (b.param(0), b.param(1), b.param(2));
            let len = rt.sequence_len(b, &src, l.clone());
            let (start, stop) = rt.clamp_slice(b, start, stop, len);
            let n = b.int_op(LlOp::IntSub, stop, start.clone());
            let out = rt.list_alloc(b, &dst, n.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let from = b.int_op(LlOp::IntAdd, start.clone(), i.clone());
                let x = rt.list_get(b, &src, l.clone(), from);
                rt.list_set(b, &dst, out.clone(), i, x);
            });
            b.ret(out);
        })
    }

    /// Python's clamping of slice bounds (step 1) to `0..=len`, with
    /// `stop >= start`. `i64::MIN` stands for an omitted start, `i64::MAX`
    /// for an omitted stop.
    pub fn clamp_slice(
        &mut self,
        b: &mut FnBuilder,
        start: Operand,
        stop: Operand,
        len: Operand,
    ) -> (Operand, Operand) {
        let clamp = |rt: &mut Self, b: &mut FnBuilder, v: Operand| {
            let out = b.local(v.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, v.clone(), zero.clone());
            b.if_then(rt, negative, |rt, b| {
                let w = b.int_op(LlOp::IntAdd, v.clone(), len.clone());
                b.set(out, w.clone());
                let still = b.int_op(LlOp::IntLt, w, zero.clone());
                b.if_then(rt, still, |_, b| b.set(out, zero.clone()));
            });
            let o = b.get(out);
            let over = b.int_op(LlOp::IntGt, o, len.clone());
            b.if_then(rt, over, |_, b| b.set(out, len.clone()));
            b.get(out)
        };
        let s = clamp(self, b, start);
        let e = clamp(self, b, stop);
        let e_local = b.local(e.clone());
        let backwards = b.int_op(LlOp::IntLt, e, s.clone());
        b.if_then(self, backwards, |_, b| b.set(e_local, s.clone()));
        let e = b.get(e_local);
        (s, e)
    }

    /// `l * n` as a new list of representation `dst`.
    pub fn list_repeat(&mut self, src: &Repr, dst: &Repr) -> FuncId {
        let src_ty = self.lltype(src);
        let dst_ty = self.lltype(dst);
        let key = format!("list_repeat_{}_{}", src_ty.as_u32(), dst_ty.as_u32());
        let signed = self.t.signed;
        let (src, dst) = (src.clone(), dst.clone());
        self.helper(&key, &[src_ty, signed], dst_ty, |rt, b| {
            let (l, times) = (b.param(0), b.param(1));
            let len = rt.sequence_len(b, &src, l.clone());
            let count = b.local(times.clone());
            let zero = b.int(0);
            let negative = b.int_op(LlOp::IntLt, times, zero.clone());
            b.if_then(rt, negative, |_, b| b.set(count, zero.clone()));
            let c = b.get(count);
            let total = b.int_op(LlOp::IntMul, len.clone(), c.clone());
            let out = rt.list_alloc(b, &dst, total);
            b.for_range(rt, zero.clone(), c, |rt, b, k| {
                let base = b.int_op(LlOp::IntMul, k, len.clone());
                b.for_range(rt, zero.clone(), len.clone(), |rt, b, i| {
                    let x = rt.list_get(b, &src, l.clone(), i.clone());
                    let x = rt.convert_list_item(b, x, &src, &dst);
                    let at = b.int_op(LlOp::IntAdd, base.clone(), i);
                    rt.list_set(b, &dst, out.clone(), at, x);
                });
            });
            b.ret(out);
        })
    }

    /// An item of a list of representation `from` as an item of a list of
    /// representation `to` (`[None] * n` filling a list of instances).
    fn convert_list_item(
        &mut self,
        b: &mut FnBuilder,
        v: Operand,
        from: &Repr,
        to: &Repr,
    ) -> Operand {
        match (from, to) {
            (Repr::List(x) | Repr::FixedList(x), Repr::List(y) | Repr::FixedList(y)) => {
                let (x, y) = ((**x).clone(), (**y).clone());
                let (tx, ty) = (self.lltype(&x), self.lltype(&y));
                if self.is_void(tx) && !self.is_void(ty) {
                    // Items with no run-time value (None, or a list that is
                    // always empty): the zero of the destination.
                    return self.zero_of(b, ty);
                }
                if self.item_convertible(&x, &y) {
                    self.convert_item(b, v, &x, &y)
                } else {
                    // The verifier reports what is left unconverted.
                    v
                }
            }
            _ => v,
        }
    }

    /// The zero value of a low-level type: null, 0, 0.0 or false.
    pub(crate) fn zero_of(&mut self, b: &mut FnBuilder, ty: lltype::TypeId) -> Operand {
        use lltype::{Prim, Type};
        let value = match self.m.types.get(ty) {
            Type::Prim(Prim::Float) => ConstValue::Float(0f64.to_bits()),
            Type::Prim(Prim::Bool) => ConstValue::Bool(false),
            Type::Prim(Prim::Address) => ConstValue::Null,
            Type::Prim(_) => ConstValue::Int(0),
            _ => ConstValue::Null,
        };
        b.konst(value, ty)
    }

    /// `a + b` as a new list of representation `dst`.
    pub fn list_concat(&mut self, a: &Repr, b_repr: &Repr, dst: &Repr) -> FuncId {
        let (ta, tb, td) = (self.lltype(a), self.lltype(b_repr), self.lltype(dst));
        let key = format!(
            "list_concat_{}_{}_{}",
            ta.as_u32(),
            tb.as_u32(),
            td.as_u32()
        );
        let (a, b_repr, dst) = (a.clone(), b_repr.clone(), dst.clone());
        self.helper(&key, &[ta, tb], td, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let lx = rt.sequence_len(b, &a, x.clone());
            let ly = rt.sequence_len(b, &b_repr, y.clone());
            let total = b.int_op(LlOp::IntAdd, lx.clone(), ly.clone());
            let out = rt.list_alloc(b, &dst, total);
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), lx.clone(), |rt, b, i| {
                let v = rt.list_get(b, &a, x.clone(), i.clone());
                let v = rt.convert_list_item(b, v, &a, &dst);
                rt.list_set(b, &dst, out.clone(), i, v);
            });
            b.for_range(rt, zero, ly, |rt, b, i| {
                let v = rt.list_get(b, &b_repr, y.clone(), i.clone());
                let v = rt.convert_list_item(b, v, &b_repr, &dst);
                let at = b.int_op(LlOp::IntAdd, lx.clone(), i);
                rt.list_set(b, &dst, out.clone(), at, v);
            });
            b.ret(out);
        })
    }

    /// `l.reverse()`.
    pub fn list_reverse(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = self.key("list_reverse", r);
        let void = self.t.void;
        let r = r.clone();
        self.helper(&key, &[ty], void, |rt, b| {
            let l = b.param(0);
            let len = rt.sequence_len(b, &r, l.clone());
            let lo = b.local(b.int(0));
            let one = b.int(1);
            let last = b.int_op(LlOp::IntSub, len, one);
            let hi = b.local(last);
            b.while_loop(
                rt,
                |_, b| {
                    let (x, y) = (b.get(lo), b.get(hi));
                    b.int_op(LlOp::IntLt, x, y)
                },
                |rt, b| {
                    let (x, y) = (b.get(lo), b.get(hi));
                    let vx = rt.list_get(b, &r, l.clone(), x.clone());
                    let vy = rt.list_get(b, &r, l.clone(), y.clone());
                    rt.list_set(b, &r, l.clone(), x.clone(), vy);
                    rt.list_set(b, &r, l.clone(), y.clone(), vx);
                    let one = b.int(1);
                    let x1 = b.int_op(LlOp::IntAdd, x, one.clone());
                    let y1 = b.int_op(LlOp::IntSub, y, one);
                    b.set(lo, x1);
                    b.set(hi, y1);
                },
            );
            b.ret_void();
        })
    }

    /// The index of the first item equal to `v`, or -1.
    pub fn list_find(&mut self, r: &Repr) -> Option<FuncId> {
        let ty = self.lltype(r);
        let item = Self::list_item(r).clone();
        let item_ty = self.lltype(&item);
        self.item_eq_supported(&item).then_some(())?;
        let key = self.key("list_find", r);
        let signed = self.t.signed;
        let r = r.clone();
        Some(self.helper(&key, &[ty, item_ty], signed, |rt, b| {
            let (l, v) = (b.param(0), b.param(1));
            let len = rt.sequence_len(b, &r, l.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, len, |rt, b, i| {
                let x = rt.list_get(b, &r, l.clone(), i.clone());
                let eq = rt.item_eq(b, &item, x, v.clone());
                b.if_then(rt, eq, |_, b| b.ret(i.clone()));
            });
            let minus = b.int(-1);
            b.ret(minus);
        }))
    }

    /// Whether `==` on items of this representation is supported.
    pub fn item_eq_supported(&self, r: &Repr) -> bool {
        match r {
            Repr::Tuple(items) => return items.iter().all(|i| self.item_eq_supported(i)),
            Repr::List(item) | Repr::FixedList(item) => return self.item_eq_supported(item),
            _ => {}
        }
        matches!(
            r,
            Repr::Int
                | Repr::Bool
                | Repr::Uint
                | Repr::Float
                | Repr::UniChar
                | Repr::Char
                | Repr::Str
                | Repr::Instance(_)
        )
    }

    /// `a == b` for two items of one representation.
    pub fn item_eq(&mut self, b: &mut FnBuilder, r: &Repr, x: Operand, y: Operand) -> Operand {
        let boolean = self.t.bool;
        match r {
            Repr::Int => b.int_op(LlOp::IntEq, x, y),
            Repr::Bool => {
                let s = self.t.signed;
                let x = b.op(LlOp::CastPrimitive, vec![x], s);
                let y = b.op(LlOp::CastPrimitive, vec![y], s);
                b.int_op(LlOp::IntEq, x, y)
            }
            Repr::Uint => b.op(LlOp::UintEq, vec![x, y], boolean),
            Repr::Float => b.op(LlOp::FloatEq, vec![x, y], boolean),
            Repr::UniChar => b.op(LlOp::UniCharEq, vec![x, y], boolean),
            Repr::Char => b.op(LlOp::CharEq, vec![x, y], boolean),
            Repr::Str => {
                let f = self.str_eq();
                self.call(b, f, vec![x, y])
            }
            Repr::Instance(_) => b.op(LlOp::PtrEq, vec![x, y], boolean),
            Repr::Tuple(_) => {
                let f = self.tuple_eq(r);
                self.call(b, f, vec![x, y])
            }
            Repr::List(_) | Repr::FixedList(_) => {
                let f = self.list_item_eq(r);
                self.call(b, f, vec![x, y])
            }
            _ => unreachable!("item_eq_supported was checked"),
        }
    }

    /// `a == b` for lists held as items (either may be None): the same
    /// list (or both None), else two lists with equal items.
    fn list_item_eq(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("list_item_eq_{}", ty.as_u32());
        let eq = self.list_eq(r, r);
        let boolean = self.t.bool;
        self.helper(&key, &[ty, ty], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let same = b.op(LlOp::PtrEq, vec![x.clone(), y.clone()], boolean);
            b.if_then(rt, same, |_, b| {
                let yes = b.bool(true);
                b.ret(yes);
            });
            for v in [x.clone(), y.clone()] {
                let null = b.op(LlOp::PtrIsZero, vec![v], boolean);
                b.if_then(rt, null, |_, b| {
                    let no = b.bool(false);
                    b.ret(no);
                });
            }
            let v = rt.call(b, eq, vec![x, y]);
            b.ret(v);
        })
    }

    /// `a == b` for tuples: item by item.
    pub(crate) fn tuple_eq(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("tuple_eq_{}", ty.as_u32());
        let boolean = self.t.bool;
        let Repr::Tuple(items) = r.clone() else {
            unreachable!("a tuple")
        };
        self.helper(&key, &[ty, ty], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            for (i, item) in items.iter().enumerate() {
                let item_ty = rt.lltype(item);
                if rt.is_void(item_ty) {
                    continue;
                }
                let name = format!("item{i}");
                let a = b.getfield(x.clone(), &name, item_ty);
                let c = b.getfield(y.clone(), &name, item_ty);
                let eq = rt.item_eq(b, item, a, c);
                let ne = b.op(LlOp::BoolNot, vec![eq], boolean);
                b.if_then(rt, ne, |_, b| {
                    let no = b.bool(false);
                    b.ret(no);
                });
            }
            let yes = b.bool(true);
            b.ret(yes);
        })
    }
}
