//! Sorting: `sorted(x)` and `l.sort()` without `key=` or `reverse=`.
//!
//! A bottom-up merge sort through a scratch array: stable, as Python's
//! sort is, and `O(n log n)` comparisons. Items compare with `<` of their
//! representation: numbers, characters, strs (by code point) and tuples
//! of those (lexicographically).

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

impl Rtyper<'_, '_> {
    /// Whether `<` on items of this representation is supported.
    pub fn item_lt_supported(r: &Repr) -> bool {
        match r {
            Repr::Int | Repr::Bool | Repr::Uint | Repr::Float | Repr::UniChar | Repr::Char => true,
            Repr::Str => true,
            Repr::Tuple(items) => items.iter().all(Self::item_lt_supported),
            _ => false,
        }
    }

    /// `x < y` for two items of one representation.
    pub fn item_lt(&mut self, b: &mut FnBuilder, r: &Repr, x: Operand, y: Operand) -> Operand {
        let (s, boolean) = (self.t.signed, self.t.bool);
        match r {
            Repr::Int => b.int_op(LlOp::IntLt, x, y),
            Repr::Bool => {
                let x = b.op(LlOp::CastPrimitive, vec![x], s);
                let y = b.op(LlOp::CastPrimitive, vec![y], s);
                b.int_op(LlOp::IntLt, x, y)
            }
            Repr::Uint => b.op(LlOp::UintLt, vec![x, y], boolean),
            Repr::Float => b.op(LlOp::FloatLt, vec![x, y], boolean),
            Repr::UniChar => b.op(LlOp::UniCharLt, vec![x, y], boolean),
            Repr::Char => b.op(LlOp::CharLt, vec![x, y], boolean),
            Repr::Str => {
                let f = self.str_lt();
                self.call(b, f, vec![x, y])
            }
            Repr::Tuple(_) => {
                let f = self.tuple_lt(r);
                self.call(b, f, vec![x, y])
            }
            _ => unreachable!("item_lt_supported was checked"),
        }
    }

    /// `a < b` for strs: by code point, then by length.
    pub fn str_lt(&mut self) -> FuncId {
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        self.helper("str_lt", &[sp, sp], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let lx = rt.str_len(b, x.clone());
            let ly = rt.str_len(b, y.clone());
            let shorter = b.int_op(LlOp::IntLt, lx.clone(), ly.clone());
            let n = b.local(ly.clone());
            b.if_then(rt, shorter, |_, b| b.set(n, lx.clone()));
            let nv = b.get(n);
            let zero = b.int(0);
            b.for_range(rt, zero, nv, |rt, b, i| {
                let cx = rt.str_get(b, x.clone(), i.clone());
                let cy = rt.str_get(b, y.clone(), i);
                let ne = b.op(LlOp::UniCharNe, vec![cx.clone(), cy.clone()], boolean);
                b.if_then(rt, ne, |_, b| {
                    let lt = b.op(LlOp::UniCharLt, vec![cx, cy], boolean);
                    b.ret(lt);
                });
            });
            let lt = b.int_op(LlOp::IntLt, lx, ly);
            b.ret(lt);
        })
    }

    /// `a < b` for tuples: lexicographic.
    fn tuple_lt(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("tuple_lt_{}", ty.as_u32());
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
                let lt = rt.item_lt(b, item, a.clone(), c.clone());
                b.if_then(rt, lt, |_, b| {
                    let yes = b.bool(true);
                    b.ret(yes);
                });
                let gt = rt.item_lt(b, item, c, a);
                b.if_then(rt, gt, |_, b| {
                    let no = b.bool(false);
                    b.ret(no);
                });
            }
            let no = b.bool(false);
            b.ret(no);
        })
    }

    /// `l.sort()` for a list (fixed or resizable) of sortable items.
    pub fn list_sort(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("list_sort_{}", ty.as_u32());
        let item = Self::list_item(r).clone();
        let scratch = Repr::FixedList(Box::new(item.clone()));
        let void = self.t.void;
        let r = r.clone();
        self.helper(&key, &[ty], void, |rt, b| {
            let l = b.param(0);
            let n = rt.sequence_len(b, &r, l.clone());
            let tmp = rt.list_alloc(b, &scratch, n.clone());
            let width = b.local(b.int(1));
            b.while_loop(
                rt,
                |_, b| {
                    let w = b.get(width);
                    b.int_op(LlOp::IntLt, w, n.clone())
                },
                |rt, b| {
                    let w = b.get(width);
                    let lo = b.local(b.int(0));
                    b.while_loop(
                        rt,
                        |_, b| {
                            let v = b.get(lo);
                            b.int_op(LlOp::IntLt, v, n.clone())
                        },
                        |rt, b| {
                            let lov = b.get(lo);
                            let mid = b.int_op(LlOp::IntAdd, lov.clone(), w.clone());
                            let mid = rt.min_int(b, mid, n.clone());
                            let hi = b.int_op(LlOp::IntAdd, mid.clone(), w.clone());
                            let hi = rt.min_int(b, hi, n.clone());
                            rt.merge_runs(
                                b,
                                &r,
                                &scratch,
                                l.clone(),
                                tmp.clone(),
                                &item,
                                [lov, mid, hi.clone()],
                            );
                            b.set(lo, hi);
                        },
                    );
                    let zero = b.int(0);
                    b.for_range(rt, zero, n.clone(), |rt, b, i| {
                        let v = rt.list_get(b, &scratch, tmp.clone(), i.clone());
                        rt.list_set(b, &r, l.clone(), i, v);
                    });
                    let two = b.int(2);
                    let w2 = b.int_op(LlOp::IntMul, w, two);
                    b.set(width, w2);
                },
            );
            b.ret_void();
        })
    }

    /// When `flag` is true, re-sorts an ascending list into descending
    /// order keeping equal items in their order: reversed, sorted,
    /// reversed, as CPython's `reverse=True`.
    pub fn list_sort_reversed(&mut self, r: &Repr) -> FuncId {
        let ty = self.lltype(r);
        let key = format!("list_sort_reversed_{}", ty.as_u32());
        let (sort, reverse) = (self.list_sort(r), self.list_reverse(r));
        let (boolean, void) = (self.t.bool, self.t.void);
        self.helper(&key, &[ty, boolean], void, |rt, b| {
            let (l, flag) = (b.param(0), b.param(1));
            b.if_then(rt, flag, |rt, b| {
                rt.call(b, reverse, vec![l.clone()]);
                rt.call(b, sort, vec![l.clone()]);
                rt.call(b, reverse, vec![l.clone()]);
            });
            b.ret_void();
        })
    }

    /// `min(a, b)` of two `Signed`s.
    fn min_int(&mut self, b: &mut FnBuilder, x: Operand, y: Operand) -> Operand {
        let m = b.local(x.clone());
        let over = b.int_op(LlOp::IntGt, x, y.clone());
        b.if_then(self, over, |_, b| b.set(m, y));
        b.get(m)
    }

    /// Merges the sorted runs `l[lo:mid]` and `l[mid:hi]` into
    /// `tmp[lo:hi]`, taking from the left run on ties (stability).
    #[allow(clippy::too_many_arguments)]
    fn merge_runs(
        &mut self,
        b: &mut FnBuilder,
        r: &Repr,
        scratch: &Repr,
        l: Operand,
        tmp: Operand,
        item: &Repr,
        [lo, mid, hi]: [Operand; 3],
    ) {
        let boolean = self.t.bool;
        let i = b.local(lo.clone());
        let j = b.local(mid.clone());
        b.for_range(self, lo, hi.clone(), |rt, b, k| {
            let (iv, jv) = (b.get(i), b.get(j));
            let take_left = b.local(b.bool(false));
            let left_has = b.int_op(LlOp::IntLt, iv.clone(), mid.clone());
            b.if_then(rt, left_has, |rt, b| {
                let right_done = b.int_op(LlOp::IntGe, jv.clone(), hi.clone());
                b.set(take_left, right_done.clone());
                let right_has = b.op(LlOp::BoolNot, vec![right_done], boolean);
                b.if_then(rt, right_has, |rt, b| {
                    let x = rt.list_get(b, r, l.clone(), iv.clone());
                    let y = rt.list_get(b, r, l.clone(), jv.clone());
                    let lt = rt.item_lt(b, item, y, x);
                    let ge = b.op(LlOp::BoolNot, vec![lt], boolean);
                    b.set(take_left, ge);
                });
            });
            let tl = b.get(take_left);
            b.if_else(
                rt,
                tl,
                |rt, b| {
                    let iv = b.get(i);
                    let v = rt.list_get(b, r, l.clone(), iv.clone());
                    rt.list_set(b, scratch, tmp.clone(), k.clone(), v);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, iv, one);
                    b.set(i, next);
                },
                |rt, b| {
                    let jv = b.get(j);
                    let v = rt.list_get(b, r, l.clone(), jv.clone());
                    rt.list_set(b, scratch, tmp.clone(), k.clone(), v);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, jv, one);
                    b.set(j, next);
                },
            );
        });
    }
}
