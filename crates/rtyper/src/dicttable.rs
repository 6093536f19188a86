//! The hash table behind dicts and sets (the layout is described in
//! `dicts.rs`): allocation, probing, lookup, and rebuilding.

use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

use crate::dicts::{DictLayout, DELETED, FREE, INITIAL_SLOTS};

impl Rtyper<'_, '_> {
    /// Allocates the arrays of an empty table with `slots` index slots
    /// and stores them in `d`, with zero counts.
    pub(crate) fn dict_fresh_arrays(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        d: Operand,
        slots: Operand,
    ) {
        let two = b.int(2);
        let three = b.int(3);
        let cap = b.int_op(LlOp::IntMul, slots.clone(), two);
        let cap = b.int_op(LlOp::IntFloorDiv, cap, three);
        let entries = b.op(LlOp::MallocVarsize, vec![cap], l.entries);
        let indexes = b.op(LlOp::MallocVarsize, vec![slots], l.indexes);
        b.setfield(d.clone(), "entries", entries);
        b.setfield(d.clone(), "indexes", indexes);
        let zero = b.int(0);
        b.setfield(d.clone(), "num_items", zero.clone());
        b.setfield(d.clone(), "num_used", zero.clone());
        b.setfield(d, "num_fill", zero);
    }

    /// `{}`: a new empty dict.
    pub fn dict_new(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("new", r);
        self.helper(&key, &[], l.ptr, |rt, b| {
            let d = b.op(LlOp::Malloc, Vec::new(), l.ptr);
            let slots = b.int(INITIAL_SLOTS);
            rt.dict_fresh_arrays(b, &l, d.clone(), slots);
            b.ret(d);
        })
    }

    /// The first slot of a hash, and the perturbation it starts with.
    pub(crate) fn probe_start(
        &mut self,
        b: &mut FnBuilder,
        h: Operand,
        mask: Operand,
    ) -> (Operand, Operand) {
        let i = b.int_op(LlOp::IntAnd, h.clone(), mask);
        let p = b.op(LlOp::CastPrimitive, vec![h], self.t.unsigned);
        (i, p)
    }

    /// The next slot to probe: `perturb >>= 5; i = (5*i + perturb + 1) & mask`.
    pub(crate) fn probe_next(
        &mut self,
        b: &mut FnBuilder,
        i: Operand,
        perturb: Operand,
        mask: Operand,
    ) -> (Operand, Operand) {
        let (s, u) = (self.t.signed, self.t.unsigned);
        let five = b.int(5);
        let p = b.op(LlOp::UintRshift, vec![perturb, five], u);
        let ui = b.op(LlOp::CastPrimitive, vec![i], u);
        let five_u = b.konst(ConstValue::Int(5), u);
        let one_u = b.konst(ConstValue::Int(1), u);
        let next = b.op(LlOp::UintMul, vec![ui, five_u], u);
        let next = b.op(LlOp::UintAdd, vec![next, p.clone()], u);
        let next = b.op(LlOp::UintAdd, vec![next, one_u], u);
        let next = b.op(LlOp::CastPrimitive, vec![next], s);
        let next = b.int_op(LlOp::IntAnd, next, mask);
        (next, p)
    }

    /// Records entry `e` (of hash `h`) in the first free slot of an index
    /// that does not contain it.
    pub(crate) fn index_insert_clean(
        &mut self,
        b: &mut FnBuilder,
        indexes: Operand,
        h: Operand,
        e: Operand,
    ) {
        let s = self.t.signed;
        let size = b.op(LlOp::GetArraySize, vec![indexes.clone()], s);
        let one = b.int(1);
        let mask = b.int_op(LlOp::IntSub, size, one);
        let (i0, p0) = self.probe_start(b, h, mask.clone());
        let i = b.local(i0);
        let p = b.local(p0);
        b.while_loop(
            self,
            |_, b| {
                let iv = b.get(i);
                let slot = b.op(LlOp::GetArrayItem, vec![indexes.clone(), iv], s);
                let free = b.int(FREE);
                b.int_op(LlOp::IntNe, slot, free)
            },
            |rt, b| {
                let (iv, pv) = (b.get(i), b.get(p));
                let (ni, np) = rt.probe_next(b, iv, pv, mask.clone());
                b.set(i, ni);
                b.set(p, np);
            },
        );
        let iv = b.get(i);
        let two = b.int(2);
        let stored = b.int_op(LlOp::IntAdd, e, two);
        b.effect(LlOp::SetArrayItem, vec![indexes, iv, stored]);
    }

    /// Rebuilds the table with room for twice its live entries: the live
    /// entries compacted, in order, and a fresh index from their hashes.
    pub fn dict_resize(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("resize", r);
        let (s, void, boolean) = (self.t.signed, self.t.void, self.t.bool);
        self.helper(&key, &[l.ptr], void, |rt, b| {
            let d = b.param(0);
            let n = b.getfield(d.clone(), "num_items", s);
            let two = b.int(2);
            let one = b.int(1);
            let want = b.int_op(LlOp::IntMul, n, two.clone());
            let want = b.int_op(LlOp::IntAdd, want, one);
            let three = b.int(3);
            let want = b.int_op(LlOp::IntMul, want, three.clone());
            let slots = b.local(b.int(INITIAL_SLOTS));
            b.while_loop(
                rt,
                |_, b| {
                    let sv = b.get(slots);
                    let twice = b.int_op(LlOp::IntMul, sv, two.clone());
                    b.int_op(LlOp::IntLt, twice, want.clone())
                },
                |_, b| {
                    let sv = b.get(slots);
                    let twice = b.int_op(LlOp::IntMul, sv, two.clone());
                    b.set(slots, twice);
                },
            );
            let old = b.getfield(d.clone(), "entries", l.entries);
            let used = b.getfield(d.clone(), "num_used", s);
            let sv = b.get(slots);
            rt.dict_fresh_arrays(b, &l, d.clone(), sv);
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let indexes = b.getfield(d.clone(), "indexes", l.indexes);
            let j = b.local(b.int(0));
            let zero = b.int(0);
            b.for_range(rt, zero, used, |rt, b, e| {
                let live = rt.entry_get(b, old.clone(), e.clone(), "live", boolean);
                b.if_then(rt, live, |rt, b| {
                    let jv = b.get(j);
                    rt.entry_copy(b, &l, old.clone(), e.clone(), entries.clone(), jv.clone());
                    let h = rt.entry_get(b, old.clone(), e.clone(), "hash", s);
                    rt.index_insert_clean(b, indexes.clone(), h, jv.clone());
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, jv, one);
                    b.set(j, next);
                });
            });
            let jv = b.get(j);
            b.setfield(d.clone(), "num_items", jv.clone());
            b.setfield(d.clone(), "num_used", jv.clone());
            b.setfield(d, "num_fill", jv);
            b.ret_void();
        })
    }

    /// Builds the index of a prebuilt dict (null `indexes`): computes
    /// every hash, then rebuilds.
    pub fn dict_ensure_index(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("ensure_index", r);
        let resize = self.dict_resize(r);
        let (s, void, boolean) = (self.t.signed, self.t.void, self.t.bool);
        self.helper(&key, &[l.ptr], void, |rt, b| {
            let d = b.param(0);
            let indexes = b.getfield(d.clone(), "indexes", l.indexes);
            let missing = b.op(LlOp::PtrIsZero, vec![indexes], boolean);
            b.if_then(rt, missing, |rt, b| {
                let entries = b.getfield(d.clone(), "entries", l.entries);
                let used = b.getfield(d.clone(), "num_used", s);
                let zero = b.int(0);
                b.for_range(rt, zero, used, |rt, b, e| {
                    let k = rt.entry_get(b, entries.clone(), e.clone(), "key", l.key_ty);
                    let h = rt.key_hash(b, &l.key, k);
                    rt.entry_set(b, entries.clone(), e, "hash", h);
                });
                rt.call(b, resize, vec![d.clone()]);
            });
            b.ret_void();
        })
    }

    /// `lookup(d, key, hash)`: the slot holding the key, or `-1 - slot`
    /// for the slot where it would go.
    pub fn dict_lookup(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("lookup", r);
        let ensure = self.dict_ensure_index(r);
        let s = self.t.signed;
        self.helper(&key, &[l.ptr, l.key_ty, s], s, |rt, b| {
            let (d, k, h) = (b.param(0), b.param(1), b.param(2));
            // Only prebuilt dicts lack an index, until their first lookup.
            let boolean = rt.t.bool;
            let first = b.getfield(d.clone(), "indexes", l.indexes);
            let missing = b.op(LlOp::PtrIsZero, vec![first], boolean);
            b.if_then(rt, missing, |rt, b| {
                rt.call(b, ensure, vec![d.clone()]);
            });
            let indexes = b.getfield(d.clone(), "indexes", l.indexes);
            let entries = b.getfield(d, "entries", l.entries);
            let size = b.op(LlOp::GetArraySize, vec![indexes.clone()], s);
            let one = b.int(1);
            let mask = b.int_op(LlOp::IntSub, size, one);
            let (i0, p0) = rt.probe_start(b, h.clone(), mask.clone());
            let i = b.local(i0);
            let p = b.local(p0);
            let free = b.local(b.int(-1));
            b.while_loop(
                rt,
                |_, b| b.bool(true),
                |rt, b| {
                    let iv = b.get(i);
                    let slot = b.op(LlOp::GetArrayItem, vec![indexes.clone(), iv.clone()], s);
                    let free_mark = b.int(FREE);
                    let is_free = b.int_op(LlOp::IntEq, slot.clone(), free_mark);
                    b.if_then(rt, is_free, |rt, b| {
                        let f = b.get(free);
                        let zero = b.int(0);
                        let none = b.int_op(LlOp::IntLt, f.clone(), zero);
                        b.if_then(rt, none, |_, b| {
                            let minus = b.int(-1);
                            let r = b.int_op(LlOp::IntSub, minus, iv.clone());
                            b.ret(r);
                        });
                        let minus = b.int(-1);
                        let r = b.int_op(LlOp::IntSub, minus, f);
                        b.ret(r);
                    });
                    let deleted = b.int(DELETED);
                    let is_deleted = b.int_op(LlOp::IntEq, slot.clone(), deleted);
                    b.if_else(
                        rt,
                        is_deleted,
                        |rt, b| {
                            let f = b.get(free);
                            let zero = b.int(0);
                            let none = b.int_op(LlOp::IntLt, f, zero);
                            b.if_then(rt, none, |_, b| b.set(free, iv.clone()));
                        },
                        |rt, b| {
                            let two = b.int(2);
                            let e = b.int_op(LlOp::IntSub, slot.clone(), two);
                            let eh = rt.entry_get(b, entries.clone(), e.clone(), "hash", s);
                            let same = b.int_op(LlOp::IntEq, eh, h.clone());
                            b.if_then(rt, same, |rt, b| {
                                let ek = rt.entry_get(b, entries.clone(), e, "key", l.key_ty);
                                let eq = rt.key_eq(b, &l.key, ek, k.clone());
                                b.if_then(rt, eq, |_, b| b.ret(iv.clone()));
                            });
                        },
                    );
                    let (iv, pv) = (b.get(i), b.get(p));
                    let (ni, np) = rt.probe_next(b, iv, pv, mask.clone());
                    b.set(i, ni);
                    b.set(p, np);
                },
            );
            let minus = b.int(-1);
            b.ret(minus);
        })
    }

    /// Looks a key up in a helper: `(hash, slot)` as `dict_lookup` gives.
    pub(crate) fn lookup_in(
        &mut self,
        b: &mut FnBuilder,
        r: &Repr,
        d: Operand,
        k: Operand,
    ) -> (Operand, Operand) {
        let (key, _) = Self::dict_parts(r);
        let h = self.key_hash(b, &key, k.clone());
        let f = self.dict_lookup(r);
        let slot = self.call(b, f, vec![d, k, h.clone()]);
        (h, slot)
    }

    /// The entry a found slot points to.
    pub(crate) fn slot_entry(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        d: Operand,
        slot: Operand,
    ) -> Operand {
        let s = self.t.signed;
        let indexes = b.getfield(d, "indexes", l.indexes);
        let stored = b.op(LlOp::GetArrayItem, vec![indexes, slot], s);
        let two = b.int(2);
        b.int_op(LlOp::IntSub, stored, two)
    }

    /// Removes the entry of a found slot.
    pub(crate) fn remove_slot(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        d: Operand,
        slot: Operand,
    ) {
        let s = self.t.signed;
        let e = self.slot_entry(b, l, d.clone(), slot.clone());
        let indexes = b.getfield(d.clone(), "indexes", l.indexes);
        let deleted = b.int(DELETED);
        b.effect(LlOp::SetArrayItem, vec![indexes, slot, deleted]);
        let entries = b.getfield(d.clone(), "entries", l.entries);
        let no = b.bool(false);
        self.entry_set(b, entries.clone(), e.clone(), "live", no);
        let n = b.getfield(d.clone(), "num_items", s);
        let one = b.int(1);
        let n = b.int_op(LlOp::IntSub, n, one.clone());
        b.setfield(d.clone(), "num_items", n);
        // The last entry: drop it and the dead ones before it.
        let used = b.getfield(d.clone(), "num_used", s);
        let last = b.int_op(LlOp::IntSub, used, one);
        let is_last = b.int_op(LlOp::IntEq, e.clone(), last);
        let boolean = self.t.bool;
        b.if_then(self, is_last, |rt, b| {
            let u = b.local(e);
            b.while_loop(
                rt,
                |rt, b| {
                    let uv = b.get(u);
                    let zero = b.int(0);
                    let more = b.int_op(LlOp::IntGt, uv.clone(), zero);
                    let keep = b.local(b.bool(false));
                    b.if_then(rt, more, |rt, b| {
                        let one = b.int(1);
                        let before = b.int_op(LlOp::IntSub, uv, one);
                        let live = rt.entry_get(b, entries.clone(), before, "live", boolean);
                        let dead = b.op(LlOp::BoolNot, vec![live], boolean);
                        b.set(keep, dead);
                    });
                    b.get(keep)
                },
                |_, b| {
                    let uv = b.get(u);
                    let one = b.int(1);
                    let before = b.int_op(LlOp::IntSub, uv, one);
                    b.set(u, before);
                },
            );
            let uv = b.get(u);
            b.setfield(d, "num_used", uv);
        });
    }
}
