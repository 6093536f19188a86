//! The helpers behind each dict and set operation, built on the table of
//! `dicttable.rs`: stores, lookups that raise `KeyError`, removal,
//! copies, bulk updates, conversion to lists and iteration.

use lltype::{ConstValue, FuncId, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

use crate::dicts::{DictLayout, FREE, INITIAL_SLOTS};

impl Rtyper<'_, '_> {
    /// `d[k] = v` (for a set, `s.add(k)`).
    pub fn dict_setitem(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("setitem", r);
        let resize = self.dict_resize(r);
        let lookup = self.dict_lookup(r);
        let (s, void) = (self.t.signed, self.t.void);
        let r = r.clone();
        let params = if self.is_void(l.value_ty) {
            vec![l.ptr, l.key_ty]
        } else {
            vec![l.ptr, l.key_ty, l.value_ty]
        };
        self.helper(&key, &params, void, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let v = if rt.is_void(l.value_ty) {
                b.konst(ConstValue::Void, l.value_ty)
            } else {
                b.param(2)
            };
            let (h, found) = rt.lookup_in(b, &r, d.clone(), k.clone());
            let zero = b.int(0);
            let present = b.int_op(LlOp::IntGe, found.clone(), zero);
            b.if_then(rt, present, |rt, b| {
                let e = rt.slot_entry(b, &l, d.clone(), found.clone());
                let entries = b.getfield(d.clone(), "entries", l.entries);
                rt.entry_set(b, entries, e, "value", v.clone());
                b.ret_void();
            });
            let minus = b.int(-1);
            let free = b.int_op(LlOp::IntSub, minus, found);
            let slot = b.local(free);
            let used = b.getfield(d.clone(), "num_used", s);
            let fill = b.getfield(d.clone(), "num_fill", s);
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let cap = b.op(LlOp::GetArraySize, vec![entries], s);
            let no_entry = b.int_op(LlOp::IntGe, used, cap.clone());
            let no_slot = b.int_op(LlOp::IntGe, fill, cap);
            let full = b.bool_or(no_entry, no_slot);
            b.if_then(rt, full, |rt, b| {
                rt.call(b, resize, vec![d.clone()]);
                let again = rt.call(b, lookup, vec![d.clone(), k.clone(), h.clone()]);
                let minus = b.int(-1);
                let free = b.int_op(LlOp::IntSub, minus, again);
                b.set(slot, free);
            });
            let e = b.getfield(d.clone(), "num_used", s);
            let entries = b.getfield(d.clone(), "entries", l.entries);
            rt.entry_set(b, entries.clone(), e.clone(), "key", k);
            rt.entry_set(b, entries.clone(), e.clone(), "value", v);
            rt.entry_set(b, entries.clone(), e.clone(), "hash", h);
            let yes = b.bool(true);
            rt.entry_set(b, entries, e.clone(), "live", yes);
            let indexes = b.getfield(d.clone(), "indexes", l.indexes);
            let two = b.int(2);
            let stored = b.int_op(LlOp::IntAdd, e.clone(), two);
            let sv = b.get(slot);
            let before = b.op(LlOp::GetArrayItem, vec![indexes.clone(), sv.clone()], s);
            b.effect(LlOp::SetArrayItem, vec![indexes, sv, stored]);
            let free_mark = b.int(FREE);
            let was_free = b.int_op(LlOp::IntEq, before, free_mark);
            b.if_then(rt, was_free, |_, b| {
                let fill = b.getfield(d.clone(), "num_fill", s);
                let one = b.int(1);
                let fill = b.int_op(LlOp::IntAdd, fill, one);
                b.setfield(d.clone(), "num_fill", fill);
            });
            let one = b.int(1);
            let used = b.int_op(LlOp::IntAdd, e, one.clone());
            b.setfield(d.clone(), "num_used", used);
            let n = b.getfield(d.clone(), "num_items", s);
            let n = b.int_op(LlOp::IntAdd, n, one);
            b.setfield(d, "num_items", n);
            b.ret_void();
        })
    }

    /// `d[k]`, or `KeyError`.
    pub fn dict_getitem(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("getitem", r);
        let r = r.clone();
        self.helper(&key, &[l.ptr, l.key_ty], l.value_ty, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let (_, found) = rt.lookup_in(b, &r, d.clone(), k.clone());
            let zero = b.int(0);
            let missing = b.int_op(LlOp::IntLt, found.clone(), zero);
            b.if_then(rt, missing, |rt, b| rt.raise_key_error(b, &l.key, k));
            let e = rt.slot_entry(b, &l, d.clone(), found);
            let entries = b.getfield(d, "entries", l.entries);
            let v = rt.entry_get(b, entries, e, "value", l.value_ty);
            rt.ret_value(b, v);
        })
    }

    /// Returns a value that may be `Void`.
    pub(crate) fn ret_value(&mut self, b: &mut FnBuilder, v: Operand) {
        if self.is_void(b.type_of(&v)) {
            b.ret_void();
        } else {
            b.ret(v);
        }
    }

    /// `d.get(k, default)` (also `k in d ? d[k] : default` for `pop`,
    /// removing the entry when `remove`).
    pub fn dict_get(&mut self, r: &Repr, remove: bool) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key(if remove { "pop_default" } else { "get" }, r);
        let r = r.clone();
        self.helper(&key, &[l.ptr, l.key_ty, l.value_ty], l.value_ty, |rt, b| {
            let (d, k, default) = (b.param(0), b.param(1), b.param(2));
            let (_, found) = rt.lookup_in(b, &r, d.clone(), k);
            let zero = b.int(0);
            let missing = b.int_op(LlOp::IntLt, found.clone(), zero);
            b.if_then(rt, missing, |rt, b| rt.ret_value(b, default));
            let e = rt.slot_entry(b, &l, d.clone(), found.clone());
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let v = rt.entry_get(b, entries, e, "value", l.value_ty);
            if remove {
                rt.remove_slot(b, &l, d, found);
            }
            rt.ret_value(b, v);
        })
    }

    /// `d.pop(k)` (and `del d[k]`), or `KeyError`.
    pub fn dict_pop(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("pop", r);
        let r = r.clone();
        self.helper(&key, &[l.ptr, l.key_ty], l.value_ty, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let (_, found) = rt.lookup_in(b, &r, d.clone(), k.clone());
            let zero = b.int(0);
            let missing = b.int_op(LlOp::IntLt, found.clone(), zero);
            b.if_then(rt, missing, |rt, b| rt.raise_key_error(b, &l.key, k));
            let e = rt.slot_entry(b, &l, d.clone(), found.clone());
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let v = rt.entry_get(b, entries, e, "value", l.value_ty);
            rt.remove_slot(b, &l, d, found);
            rt.ret_value(b, v);
        })
    }

    /// Removes a key if present; whether it was (`set.discard`).
    pub fn dict_discard(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("discard", r);
        let boolean = self.t.bool;
        let r = r.clone();
        self.helper(&key, &[l.ptr, l.key_ty], boolean, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let (_, found) = rt.lookup_in(b, &r, d.clone(), k);
            let zero = b.int(0);
            let missing = b.int_op(LlOp::IntLt, found.clone(), zero);
            b.if_then(rt, missing, |_, b| {
                let no = b.bool(false);
                b.ret(no);
            });
            rt.remove_slot(b, &l, d, found);
            let yes = b.bool(true);
            b.ret(yes);
        })
    }

    /// `s.remove(k)`: `KeyError` when absent.
    pub fn set_remove(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("remove", r);
        let discard = self.dict_discard(r);
        let (void, boolean) = (self.t.void, self.t.bool);
        self.helper(&key, &[l.ptr, l.key_ty], void, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let done = rt.call(b, discard, vec![d, k.clone()]);
            let missing = b.op(LlOp::BoolNot, vec![done], boolean);
            b.if_then(rt, missing, |rt, b| rt.raise_key_error(b, &l.key, k));
            b.ret_void();
        })
    }

    /// `k in d`.
    pub fn dict_contains(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("contains", r);
        let boolean = self.t.bool;
        let r = r.clone();
        self.helper(&key, &[l.ptr, l.key_ty], boolean, |rt, b| {
            let (d, k) = (b.param(0), b.param(1));
            let (_, found) = rt.lookup_in(b, &r, d, k);
            let zero = b.int(0);
            let present = b.int_op(LlOp::IntGe, found, zero);
            b.ret(present);
        })
    }

    /// `d.setdefault(k, default)`.
    pub fn dict_setdefault(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("setdefault", r);
        let get = self.dict_getitem(r);
        let set = self.dict_setitem(r);
        let contains = self.dict_contains(r);
        self.helper(&key, &[l.ptr, l.key_ty, l.value_ty], l.value_ty, |rt, b| {
            let (d, k, default) = (b.param(0), b.param(1), b.param(2));
            let present = rt.call(b, contains, vec![d.clone(), k.clone()]);
            b.if_then(rt, present, |rt, b| {
                let v = rt.call(b, get, vec![d.clone(), k.clone()]);
                rt.ret_value(b, v);
            });
            let mut args = vec![d, k];
            if !rt.is_void(l.value_ty) {
                args.push(default.clone());
            }
            rt.call(b, set, args);
            rt.ret_value(b, default);
        })
    }

    /// `d.clear()`.
    pub fn dict_clear(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("clear", r);
        let void = self.t.void;
        self.helper(&key, &[l.ptr], void, |rt, b| {
            let d = b.param(0);
            let slots = b.int(INITIAL_SLOTS);
            rt.dict_fresh_arrays(b, &l, d, slots);
            b.ret_void();
        })
    }

    /// `d.copy()`: the same entries and index in fresh arrays.
    pub fn dict_copy(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("copy", r);
        let (s, boolean) = (self.t.signed, self.t.bool);
        self.helper(&key, &[l.ptr], l.ptr, |rt, b| {
            let d = b.param(0);
            let c = b.op(LlOp::Malloc, Vec::new(), l.ptr);
            for f in ["num_items", "num_used", "num_fill"] {
                let v = b.getfield(d.clone(), f, s);
                b.setfield(c.clone(), f, v);
            }
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let n = b.op(LlOp::GetArraySize, vec![entries.clone()], s);
            let fresh = b.op(LlOp::MallocVarsize, vec![n.clone()], l.entries);
            let zero = b.int(0);
            b.for_range(rt, zero.clone(), n, |rt, b, e| {
                rt.entry_copy(b, &l, entries.clone(), e.clone(), fresh.clone(), e);
            });
            b.setfield(c.clone(), "entries", fresh);
            let indexes = b.getfield(d, "indexes", l.indexes);
            let missing = b.op(LlOp::PtrIsZero, vec![indexes.clone()], boolean);
            let has = b.op(LlOp::BoolNot, vec![missing], boolean);
            b.if_then(rt, has, |rt, b| {
                let n = b.op(LlOp::GetArraySize, vec![indexes.clone()], s);
                let fresh = b.op(LlOp::MallocVarsize, vec![n.clone()], l.indexes);
                b.for_range(rt, zero, n, |_, b, i| {
                    let v = b.op(LlOp::GetArrayItem, vec![indexes.clone(), i.clone()], s);
                    b.effect(LlOp::SetArrayItem, vec![fresh.clone(), i, v]);
                });
                b.setfield(c.clone(), "indexes", fresh);
            });
            b.ret(c);
        })
    }

    /// Runs `body(entries, e)` for every live entry of a dict, in order.
    pub fn for_each_entry(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        d: Operand,
        body: impl FnOnce(&mut Self, &mut FnBuilder, Operand, Operand),
    ) {
        let (s, boolean) = (self.t.signed, self.t.bool);
        let used = b.getfield(d.clone(), "num_used", s);
        let zero = b.int(0);
        let entries_ty = l.entries;
        b.for_range(self, zero, used, |rt, b, e| {
            // Re-read the array: the body may have rebuilt the table.
            let entries = b.getfield(d.clone(), "entries", entries_ty);
            let live = rt.entry_get(b, entries.clone(), e.clone(), "live", boolean);
            b.if_then(rt, live, |rt, b| body(rt, b, entries, e));
        });
    }

    /// `d.update(other)`, also `|=` on sets: stores every entry of
    /// `other` (a dict or set whose keys and values convert to `d`'s,
    /// [`Rtyper::item_convertible`]) into `d`.
    pub fn dict_update(&mut self, r: &Repr, other: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let lo = self.dict_layout(other);
        let key = format!("dict_update_{}_{}", l.ptr.as_u32(), lo.ptr.as_u32());
        let set = self.dict_setitem(r);
        let void = self.t.void;
        self.helper(&key, &[l.ptr, lo.ptr], void, |rt, b| {
            let (d, o) = (b.param(0), b.param(1));
            rt.for_each_entry(b, &lo, o, |rt, b, entries, e| {
                let k = rt.entry_get(b, entries.clone(), e.clone(), "key", lo.key_ty);
                let k = rt.convert_item(b, k, &lo.key, &l.key);
                let mut args = vec![d.clone(), k];
                if !rt.is_void(l.value_ty) {
                    let v = rt.entry_get(b, entries, e, "value", lo.value_ty);
                    let v = rt.convert_item(b, v, &lo.value, &l.value);
                    args.push(v);
                }
                rt.call(b, set, args);
            });
            b.ret_void();
        })
    }

    /// A new list (of representation `list`) of the keys, values or
    /// `(key, value)` tuples (`what`: 0, 1 or 2) of the live entries of a
    /// dict from entry `start` on (an iterator's position).
    pub fn dict_to_list(&mut self, r: &Repr, what: u8, list: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let from = match what {
            0 => l.key.clone(),
            1 => l.value.clone(),
            _ => Repr::Tuple(vec![l.key.clone(), l.value.clone()]),
        };
        let to = Self::list_item(list).clone();
        let list_ty = self.lltype(list);
        let key = format!("dict_to_list{what}_{}_{}", l.ptr.as_u32(), list_ty.as_u32());
        let (s, boolean) = (self.t.signed, self.t.bool);
        let list = list.clone();
        self.helper(&key, &[l.ptr, s], list_ty, |rt, b| {
            let (d, start) = (b.param(0), b.param(1));
            let used = b.getfield(d.clone(), "num_used", s);
            let entries = b.getfield(d, "entries", l.entries);
            let n = b.local(b.int(0));
            b.for_range(rt, start.clone(), used.clone(), |rt, b, e| {
                let live = rt.entry_get(b, entries.clone(), e, "live", boolean);
                b.if_then(rt, live, |_, b| {
                    let nv = b.get(n);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, nv, one);
                    b.set(n, next);
                });
            });
            let nv = b.get(n);
            let out = rt.list_alloc(b, &list, nv);
            let j = b.local(b.int(0));
            b.for_range(rt, start, used, |rt, b, e| {
                let live = rt.entry_get(b, entries.clone(), e.clone(), "live", boolean);
                b.if_then(rt, live, |rt, b| {
                    let item = rt.entry_item(b, &l, what, entries.clone(), e);
                    let item = rt.convert_item(b, item, &from, &to);
                    let jv = b.get(j);
                    rt.list_set(b, &list, out.clone(), jv.clone(), item);
                    let one = b.int(1);
                    let next = b.int_op(LlOp::IntAdd, jv, one);
                    b.set(j, next);
                });
            });
            b.ret(out);
        })
    }

    /// The key (0), value (1) or `(key, value)` tuple (2) of an entry.
    pub fn entry_item(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        what: u8,
        entries: Operand,
        e: Operand,
    ) -> Operand {
        match what {
            0 => self.entry_get(b, entries, e, "key", l.key_ty),
            1 => self.entry_get(b, entries, e, "value", l.value_ty),
            _ => {
                let t_ty = self.lltype(&Repr::Tuple(vec![l.key.clone(), l.value.clone()]));
                let t = b.op(LlOp::Malloc, Vec::new(), t_ty);
                let k = self.entry_get(b, entries.clone(), e.clone(), "key", l.key_ty);
                let v = self.entry_get(b, entries, e, "value", l.value_ty);
                if !self.is_void(l.key_ty) {
                    b.setfield(t.clone(), "item0", k);
                }
                if !self.is_void(l.value_ty) {
                    b.setfield(t.clone(), "item1", v);
                }
                t
            }
        }
    }

    /// `next()` of a dict iterator, in its helper: the next live entry's
    /// item, or `StopIteration`.
    pub fn dict_iter_next_body(&mut self, b: &mut FnBuilder, d_repr: &Repr, what: u8, it: Operand) {
        let l = self.dict_layout(d_repr);
        let (s, boolean) = (self.t.signed, self.t.bool);
        let d = b.getfield(it.clone(), "dict", l.ptr);
        // As CPython: a change of size since iteration began is an error
        // (once reported, for good), and so are more items than there
        // were (keys deleted and others added).
        let set = matches!(d_repr, Repr::Set(_));
        let size = b.getfield(it.clone(), "size", s);
        let now = b.getfield(d.clone(), "num_items", s);
        let changed = b.int_op(LlOp::IntNe, size, now);
        b.if_then(self, changed, |rt, b| {
            let sticky = b.int(-1);
            b.setfield(it.clone(), "size", sticky);
            let message = if set {
                "Set changed size during iteration"
            } else {
                "dictionary changed size during iteration"
            };
            rt.raise_builtin(b, "RuntimeError", message);
        });
        let start = b.getfield(it.clone(), "index", s);
        let i = b.local(start);
        let used = b.getfield(d.clone(), "num_used", s);
        let entries = b.getfield(d, "entries", l.entries);
        b.while_loop(
            self,
            |_, b| {
                let iv = b.get(i);
                b.int_op(LlOp::IntLt, iv, used.clone())
            },
            |rt, b| {
                let iv = b.get(i);
                let one = b.int(1);
                let next = b.int_op(LlOp::IntAdd, iv.clone(), one);
                let live = rt.entry_get(b, entries.clone(), iv.clone(), "live", boolean);
                b.if_then(rt, live, |rt, b| {
                    let left = b.getfield(it.clone(), "left", s);
                    let zero = b.int(0);
                    let none_left = b.int_op(LlOp::IntEq, left.clone(), zero);
                    if !set {
                        b.if_then(rt, none_left, |rt, b| {
                            rt.raise_builtin(
                                b,
                                "RuntimeError",
                                "dictionary keys changed during iteration",
                            )
                        });
                    }
                    let one = b.int(1);
                    let left = b.int_op(LlOp::IntSub, left, one);
                    b.setfield(it.clone(), "left", left);
                    b.setfield(it.clone(), "index", next.clone());
                    let item = rt.entry_item(b, &l, what, entries.clone(), iv);
                    rt.ret_value(b, item);
                });
                b.set(i, next);
            },
        );
        b.setfield(it, "index", used);
        self.raise_builtin(b, "StopIteration", "");
    }

    /// Raises `KeyError` with the key's repr as its message.
    pub(crate) fn raise_key_error(&mut self, b: &mut FnBuilder, r: &Repr, k: Operand) {
        let msg = match r {
            Repr::Int => {
                let f = self.int_to_str();
                self.call(b, f, vec![k])
            }
            Repr::Str | Repr::UniChar => {
                let s = if *r == Repr::UniChar {
                    let f = self.char_to_str();
                    self.call(b, f, vec![k])
                } else {
                    let f = self.str_or_none();
                    self.call(b, f, vec![k])
                };
                let concat = self.str_concat();
                let quote = Operand::Const(self.str_constant("'"));
                let s = self.call(b, concat, vec![quote.clone(), s]);
                self.call(b, concat, vec![s, quote])
            }
            _ => Operand::Const(self.str_constant("key not found")),
        };
        self.raise_with_message(b, "KeyError", msg);
    }

    /// Raises a new instance of a built-in exception whose message is a
    /// str computed at run time.
    pub(crate) fn raise_with_message(&mut self, b: &mut FnBuilder, class: &str, msg: Operand) {
        let Some(c) = self.builtin_class(class) else {
            panic!("the built-in exception {class} is laid out by setup_classes");
        };
        let info = self.classes[&c].clone();
        let inst = b.op(LlOp::Malloc, Vec::new(), info.ptr);
        let object = b.op(LlOp::CastPointer, vec![inst], self.t.object_ptr);
        let vt = Operand::Const(self.vtable_constant(c));
        b.setfield(object.clone(), "typeptr", vt.clone());
        // The message lives in the root class of the exception.
        let mut root = c;
        while let Some(base) = self.ann.classes[root].base {
            root = base;
        }
        let root_ptr = self.classes[&root].ptr;
        let as_root = b.op(LlOp::CastPointer, vec![object.clone()], root_ptr);
        b.setfield(as_root, "rpy_message", msg);
        b.raise(vt, object);
    }

    /// Whether [`Rtyper::convert_item`] converts values of `from` to `to`.
    pub fn item_convertible(&mut self, from: &Repr, to: &Repr) -> bool {
        if from == to || self.lltype(from) == self.lltype(to) {
            return true;
        }
        match (from, to) {
            (Repr::UniChar, Repr::Str)
            | (Repr::Instance(_), Repr::Instance(_))
            | (Repr::Bool, Repr::Int)
            | (Repr::Int, Repr::Float) => true,
            (Repr::Void, to) => {
                let ty = self.lltype(to);
                self.m.types.pointee(ty).is_some()
            }
            (Repr::Tuple(a), Repr::Tuple(c)) => {
                a.len() == c.len() && a.iter().zip(c).all(|(x, y)| self.item_convertible(x, y))
            }
            _ => false,
        }
    }

    /// Converts a value between item representations inside a helper
    /// (where a dict's keys or values go to a container whose items the
    /// annotator generalised: single characters into strs, instances of
    /// a subclass into their base class, tuples of those). The caller
    /// checked [`Rtyper::item_convertible`].
    pub fn convert_item(
        &mut self,
        b: &mut FnBuilder,
        v: Operand,
        from: &Repr,
        to: &Repr,
    ) -> Operand {
        let (tf, tt) = (self.lltype(from), self.lltype(to));
        if from == to || tf == tt {
            return v;
        }
        match (from, to) {
            (Repr::UniChar, Repr::Str) => {
                let f = self.char_to_str();
                self.call(b, f, vec![v])
            }
            (Repr::Instance(_), Repr::Instance(_)) => b.op(LlOp::CastPointer, vec![v], tt),
            (Repr::Bool, Repr::Int) => b.op(LlOp::CastPrimitive, vec![v], tt),
            (Repr::Int, Repr::Float) => b.op(LlOp::CastIntToFloat, vec![v], tt),
            (Repr::Void, _) => b.null(tt),
            (Repr::Tuple(a), Repr::Tuple(c)) => {
                let t = b.op(LlOp::Malloc, Vec::new(), tt);
                for (i, (x, y)) in a.iter().zip(c).enumerate() {
                    let (tx, ty) = (self.lltype(x), self.lltype(y));
                    if self.is_void(ty) {
                        continue;
                    }
                    let name = format!("item{i}");
                    let item = if self.is_void(tx) {
                        b.konst(lltype::ConstValue::Void, tx)
                    } else {
                        b.getfield(v.clone(), &name, tx)
                    };
                    let item = self.convert_item(b, item, x, y);
                    b.setfield(t.clone(), &name, item);
                }
                t
            }
            _ => unreachable!("item_convertible was checked"),
        }
    }

    /// `s in d` for a str `s` and a dict or set keyed by single
    /// characters: only a one-character str can be there.
    pub fn dict_contains_str(&mut self, r: &Repr) -> FuncId {
        let l = self.dict_layout(r);
        let key = self.dict_key("contains_str", r);
        let contains = self.dict_contains(r);
        let (sp, boolean) = (self.t.str_ptr, self.t.bool);
        self.helper(&key, &[l.ptr, sp], boolean, |rt, b| {
            let (d, s) = (b.param(0), b.param(1));
            let null = b.op(LlOp::PtrIsZero, vec![s.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let no = b.bool(false);
                b.ret(no);
            });
            let n = rt.str_len(b, s.clone());
            let one = b.int(1);
            let other = b.int_op(LlOp::IntNe, n, one);
            b.if_then(rt, other, |_, b| {
                let no = b.bool(false);
                b.ret(no);
            });
            let zero = b.int(0);
            let c = rt.str_get(b, s, zero);
            let found = rt.call(b, contains, vec![d, c]);
            b.ret(found);
        })
    }
}
