//! Sets: dicts without values (see `dicts.rs` for the table), and the
//! helpers of set algebra.
//!
//! Every operation walks the live entries of one operand in insertion
//! order and probes the other, so the result's order is that of the
//! left operand (then the right one's for `|` and `^`). Order is not
//! observable in CPython anyway: programs print sets through `sorted`.

use lltype::{FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::{IterRepr, Repr};

/// A binary set operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetOp {
    Union,
    Intersection,
    Difference,
    SymmetricDifference,
}

impl SetOp {
    fn name(self) -> &'static str {
        match self {
            SetOp::Union => "union",
            SetOp::Intersection => "intersection",
            SetOp::Difference => "difference",
            SetOp::SymmetricDifference => "symdiff",
        }
    }
}

impl Rtyper<'_, '_> {
    /// `a op b` as a new set of representation `result`. The three
    /// representations have one key type.
    pub fn set_binary(&mut self, op: SetOp, a: &Repr, b_repr: &Repr, result: &Repr) -> FuncId {
        let (ta, tb, tr) = (self.lltype(a), self.lltype(b_repr), self.lltype(result));
        let key = format!(
            "set_{}_{}_{}_{}",
            op.name(),
            ta.as_u32(),
            tb.as_u32(),
            tr.as_u32()
        );
        let new = self.dict_new(result);
        let (a, b_repr, result) = (a.clone(), b_repr.clone(), result.clone());
        self.helper(&key, &[ta, tb], tr, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            let out = rt.call(b, new, Vec::new());
            match op {
                SetOp::Union => {
                    rt.add_filtered(b, &a, x, &result, out.clone(), None);
                    rt.add_filtered(b, &b_repr, y, &result, out.clone(), None);
                }
                SetOp::Intersection => {
                    rt.add_filtered(b, &a, x, &result, out.clone(), Some((&b_repr, y, true)));
                }
                SetOp::Difference => {
                    rt.add_filtered(b, &a, x, &result, out.clone(), Some((&b_repr, y, false)));
                }
                SetOp::SymmetricDifference => {
                    let (x2, y2) = (x.clone(), y.clone());
                    rt.add_filtered(b, &a, x, &result, out.clone(), Some((&b_repr, y, false)));
                    rt.add_filtered(b, &b_repr, y2, &result, out.clone(), Some((&a, x2, false)));
                }
            }
            b.ret(out);
        })
    }

    /// Adds to `out` every key of `src` that is (`Some((r, other, true))`)
    /// or is not (`false`) in `other`, or every key (`None`).
    fn add_filtered(
        &mut self,
        b: &mut FnBuilder,
        src_repr: &Repr,
        src: Operand,
        out_repr: &Repr,
        out: Operand,
        filter: Option<(&Repr, Operand, bool)>,
    ) {
        let l = self.dict_layout(src_repr);
        let out_key = Self::dict_parts(out_repr).0;
        let add = self.dict_setitem(out_repr);
        let filter = filter.map(|(r, o, keep)| {
            let other_key = Self::dict_parts(r).0;
            (self.dict_contains(r), o, keep, other_key)
        });
        let boolean = self.t.bool;
        self.for_each_entry(b, &l, src, |rt, b, entries, e| {
            let k = rt.entry_get(b, entries, e, "key", l.key_ty);
            let added = rt.convert_item(b, k.clone(), &l.key, &out_key);
            match filter {
                None => {
                    rt.call(b, add, vec![out, added]);
                }
                Some((contains, other, keep, other_key)) => {
                    let probe = rt.convert_item(b, k, &l.key, &other_key);
                    let found = rt.call(b, contains, vec![other, probe]);
                    let cond = if keep {
                        found
                    } else {
                        b.op(LlOp::BoolNot, vec![found], boolean)
                    };
                    b.if_then(rt, cond, |rt, b| {
                        rt.call(b, add, vec![out, added]);
                    });
                }
            }
        });
    }

    /// In-place `a &= b` (`keep` true) or `a -= b` (`keep` false): drops
    /// the keys of `a` that are not (are) in `b`.
    pub fn set_retain(&mut self, a: &Repr, b_repr: &Repr, keep: bool) -> FuncId {
        let (ta, tb) = (self.lltype(a), self.lltype(b_repr));
        let key = format!("set_retain_{keep}_{}_{}", ta.as_u32(), tb.as_u32());
        let l = self.dict_layout(a);
        let b_key = Self::dict_parts(b_repr).0;
        let contains = self.dict_contains(b_repr);
        let discard = self.dict_discard(a);
        let (void, boolean) = (self.t.void, self.t.bool);
        self.helper(&key, &[ta, tb], void, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            rt.for_each_entry(b, &l, x.clone(), |rt, b, entries, e| {
                let k = rt.entry_get(b, entries, e, "key", l.key_ty);
                let probe = rt.convert_item(b, k.clone(), &l.key, &b_key);
                let found = rt.call(b, contains, vec![y, probe]);
                let drop = if keep {
                    b.op(LlOp::BoolNot, vec![found], boolean)
                } else {
                    found
                };
                b.if_then(rt, drop, |rt, b| {
                    rt.call(b, discard, vec![x, k]);
                });
            });
            b.ret_void();
        })
    }

    /// In-place `a ^= b`.
    pub fn set_toggle(&mut self, a: &Repr, b_repr: &Repr) -> FuncId {
        let (ta, tb) = (self.lltype(a), self.lltype(b_repr));
        let key = format!("set_toggle_{}_{}", ta.as_u32(), tb.as_u32());
        let lb = self.dict_layout(b_repr);
        let a_key = Self::dict_parts(a).0;
        let discard = self.dict_discard(a);
        let add = self.dict_setitem(a);
        let (void, boolean) = (self.t.void, self.t.bool);
        self.helper(&key, &[ta, tb], void, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            rt.for_each_entry(b, &lb, y, |rt, b, entries, e| {
                let k = rt.entry_get(b, entries, e, "key", lb.key_ty);
                let k = rt.convert_item(b, k, &lb.key, &a_key);
                let removed = rt.call(b, discard, vec![x.clone(), k.clone()]);
                let absent = b.op(LlOp::BoolNot, vec![removed], boolean);
                b.if_then(rt, absent, |rt, b| {
                    rt.call(b, add, vec![x, k]);
                });
            });
            b.ret_void();
        })
    }

    /// `a.issubset(b)` (every key of `a` in `b`), or `a.isdisjoint(b)`
    /// (`disjoint`: no key of `a` in `b`).
    pub fn set_all_in(&mut self, a: &Repr, b_repr: &Repr, disjoint: bool) -> FuncId {
        let (ta, tb) = (self.lltype(a), self.lltype(b_repr));
        let key = format!("set_all_in_{disjoint}_{}_{}", ta.as_u32(), tb.as_u32());
        let l = self.dict_layout(a);
        let b_key = Self::dict_parts(b_repr).0;
        let contains = self.dict_contains(b_repr);
        let boolean = self.t.bool;
        self.helper(&key, &[ta, tb], boolean, |rt, b| {
            let (x, y) = (b.param(0), b.param(1));
            rt.for_each_entry(b, &l, x, |rt, b, entries, e| {
                let k = rt.entry_get(b, entries, e, "key", l.key_ty);
                let k = rt.convert_item(b, k, &l.key, &b_key);
                let found = rt.call(b, contains, vec![y, k]);
                let fails = if disjoint {
                    found
                } else {
                    b.op(LlOp::BoolNot, vec![found], boolean)
                };
                b.if_then(rt, fails, |_, b| {
                    let no = b.bool(false);
                    b.ret(no);
                });
            });
            let yes = b.bool(true);
            b.ret(yes);
        })
    }

    /// The items of a list or str.
    pub fn set_source_item(seq: &Repr) -> Repr {
        match seq {
            Repr::Str => Repr::UniChar,
            r => Self::list_item(r).clone(),
        }
    }

    /// Adds every item of a list or str to a set (the caller checked
    /// that they convert to its keys).
    pub fn set_add_seq(&mut self, r: &Repr, seq: &Repr) -> FuncId {
        let (tr, ts) = (self.lltype(r), self.lltype(seq));
        let key = format!("set_add_seq_{}_{}", tr.as_u32(), ts.as_u32());
        let add = self.dict_setitem(r);
        let void = self.t.void;
        let (from, to) = (Self::set_source_item(seq), Self::dict_parts(r).0);
        let seq = seq.clone();
        self.helper(&key, &[tr, ts], void, |rt, b| {
            let (d, s) = (b.param(0), b.param(1));
            let n = rt.sequence_len(b, &seq, s.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let v = match &seq {
                    Repr::Str => rt.str_get(b, s.clone(), i),
                    r => rt.list_get(b, r, s.clone(), i),
                };
                let v = rt.convert_item(b, v, &from, &to);
                rt.call(b, add, vec![d.clone(), v]);
            });
            b.ret_void();
        })
    }

    /// Adds every `(key, value)` tuple of a list to a dict.
    pub fn dict_add_pairs(&mut self, r: &Repr, seq: &Repr) -> FuncId {
        let (tr, ts) = (self.lltype(r), self.lltype(seq));
        let key = format!("dict_add_pairs_{}_{}", tr.as_u32(), ts.as_u32());
        let set = self.dict_setitem(r);
        let l = self.dict_layout(r);
        let void = self.t.void;
        let seq = seq.clone();
        self.helper(&key, &[tr, ts], void, |rt, b| {
            let (d, s) = (b.param(0), b.param(1));
            let n = rt.sequence_len(b, &seq, s.clone());
            let zero = b.int(0);
            b.for_range(rt, zero, n, |rt, b, i| {
                let t = rt.list_get(b, &seq, s.clone(), i);
                let mut args = vec![d.clone()];
                for (k, ty) in [("item0", l.key_ty), ("item1", l.value_ty)] {
                    if rt.is_void(ty) {
                        if k == "item0" {
                            args.push(b.konst(lltype::ConstValue::Void, ty));
                        }
                        continue;
                    }
                    args.push(b.getfield(t.clone(), k, ty));
                }
                rt.call(b, set, args);
            });
            b.ret_void();
        })
    }

    /// `s.pop()` (the last inserted key: CPython pops an arbitrary one)
    /// or `d.popitem()` (the last inserted `(key, value)`, as CPython
    /// does); `KeyError` when empty.
    pub fn dict_pop_any(&mut self, r: &Repr, item: bool) -> FuncId {
        let l = self.dict_layout(r);
        let key = format!("dict_pop_any_{item}_{}", l.ptr.as_u32());
        let discard = self.dict_discard(r);
        let result_repr = if item {
            Repr::Tuple(vec![l.key.clone(), l.value.clone()])
        } else {
            l.key.clone()
        };
        let result = self.lltype(&result_repr);
        let (s, boolean) = (self.t.signed, self.t.bool);
        self.helper(&key, &[l.ptr], result, |rt, b| {
            let d = b.param(0);
            let n = b.getfield(d.clone(), "num_items", s);
            let zero = b.int(0);
            let empty = b.int_op(LlOp::IntEq, n, zero.clone());
            let msg = if item {
                "popitem(): dictionary is empty"
            } else {
                "pop from an empty set"
            };
            b.if_then(rt, empty, |rt, b| rt.raise_builtin(b, "KeyError", msg));
            let used = b.getfield(d.clone(), "num_used", s);
            let entries = b.getfield(d.clone(), "entries", l.entries);
            // The last entry is live: removals drop trailing dead ones.
            let one = b.int(1);
            let first = b.int_op(LlOp::IntSub, used, one);
            let i = b.local(first);
            b.while_loop(
                rt,
                |rt, b| {
                    let iv = b.get(i);
                    let live = rt.entry_get(b, entries.clone(), iv, "live", boolean);
                    b.op(LlOp::BoolNot, vec![live], boolean)
                },
                |_, b| {
                    let iv = b.get(i);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntSub, iv, one);
                    b.set(i, next);
                },
            );
            let iv = b.get(i);
            let what = if item { 2 } else { 0 };
            let v = rt.entry_item(b, &l, what, entries.clone(), iv.clone());
            let k = rt.entry_get(b, entries, iv, "key", l.key_ty);
            rt.call(b, discard, vec![d, k]);
            b.ret(v);
        })
    }

    /// Stores every item an iterator yields into a set (or, for `(key,
    /// value)` tuples, a dict), converting them to its keys (and values):
    /// `set(it)`, `dict(zip(ks, vs))`, `s.update(it)`. The caller checked
    /// the conversions.
    pub fn fill_from_iter(&mut self, r: &Repr, it: &IterRepr) -> FuncId {
        let l = self.dict_layout(r);
        let it_ty = self.lltype(&Repr::Iter(it.clone()));
        let key = format!("fill_from_iter_{}_{}", l.ptr.as_u32(), it_ty.as_u32());
        let item = self.iter_item(it);
        let next = self.iter_next(it);
        let set = self.dict_setitem(r);
        let void = self.t.void;
        self.helper(&key, &[l.ptr, it_ty], void, |rt, b| {
            let (d, iter) = (b.param(0), b.param(1));
            rt.for_each_item(
                b,
                next,
                iter,
                |rt, b, v| {
                    let mut args = vec![d];
                    match (&item, rt.is_void(l.value_ty)) {
                        (_, true) => args.push(rt.convert_item(b, v, &item, &l.key)),
                        (Repr::Tuple(parts), false) => {
                            for (i, (part, want)) in
                                parts.iter().zip([&l.key, &l.value]).enumerate()
                            {
                                let ty = rt.lltype(part);
                                let x = if rt.is_void(ty) {
                                    b.konst(lltype::ConstValue::Void, ty)
                                } else {
                                    b.getfield(v.clone(), &format!("item{i}"), ty)
                                };
                                args.push(rt.convert_item(b, x, part, want));
                            }
                        }
                        _ => unreachable!("checked by the caller"),
                    }
                    rt.call(b, set, args);
                },
                |_, b| b.ret_void(),
            );
        })
    }

    /// Whether [`Rtyper::fill_from_iter`] can fill `r` from `it`.
    pub fn can_fill_from_iter(&mut self, r: &Repr, it: &IterRepr) -> bool {
        let item = self.iter_item(it);
        match r {
            Repr::Set(k) => self.item_convertible(&item, k),
            Repr::Dict(k, v) => match &item {
                Repr::Tuple(parts) if parts.len() == 2 => {
                    self.item_convertible(&parts[0], k) && self.item_convertible(&parts[1], v)
                }
                _ => false,
            },
            _ => false,
        }
    }
}
