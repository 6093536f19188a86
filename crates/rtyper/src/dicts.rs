//! Dicts (and the tables behind sets): ordered hash tables built from
//! low-level helper graphs, in the manner of CPython 3.7+ and PyPy's
//! `rordereddict`.
//!
//! A dict is a pointer to a GC struct
//! `{num_items, num_used, entries, indexes}`:
//!
//! - `entries` is a GC array of inline entry structs
//!   `{key, value, hash, live}`, in insertion order. Deleting marks an
//!   entry dead (`live` false) and leaves it in place, so iteration —
//!   which walks `entries[0..num_used]` skipping dead ones — yields the
//!   insertion order CPython guarantees. A set is a dict whose entries
//!   have no value field (its value representation is `Void`).
//! - `indexes` is a GC array of `Signed`, a power of two long, probed
//!   with CPython's perturbation scheme (`i = 5*i + perturb + 1`,
//!   `perturb >>= 5`). A slot holds 0 when free, 1 when its entry was
//!   deleted, and `k + 2` for entry `k`; zero is free so a fresh array
//!   from `malloc_varsize` is an empty index.
//! - `entries` holds two thirds as many entries as `indexes` has slots.
//!   A slot is never freed again (only marked deleted) and `num_used`
//!   counts every entry ever appended, so used slots never outnumber
//!   `num_used` and the index is at most two thirds full: probing always
//!   ends. When `entries` is full, the table is rebuilt (live entries
//!   compacted, the index recomputed from the stored hashes) with room for
//!   twice the live entries.
//!
//! Hashes only need to be consistent with key equality: iteration follows
//! insertion order, so no output depends on their values. Ints hash to
//! themselves; a str's hash is computed once and cached in its `hash`
//! field (0: not computed yet; prebuilt strs get theirs at translation
//! time, [`str_hash_value`], as they may live in read-only memory);
//! tuples combine their items' hashes; classes hash by the address of
//! their (static, never moving) vtable.
//!
//! Instances hash by identity. Their address would do with today's
//! non-moving collectors but not with a moving one, so each object has an
//! `rpy_hash` field in `rpy_object`, 0 until the object is first hashed,
//! then set from a global counter. (A GC with identity hashes stored in
//! its header, like PyPy's, would let us drop that word.)
//!
//! Prebuilt dicts (built at import time) become globals holding their
//! entries in order and a null `indexes`: the first lookup computes the
//! hashes and builds the index ([`Rtyper::dict_ensure_index`]), which is
//! why every index user goes through the lookup helper.
//!
//! Not done: mutation during iteration is not detected (CPython raises
//! `RuntimeError`), dead entries keep their key and value alive until the
//! next rebuild, and float keys are not supported.

use annotator::{DictId, SomeValue};
use lltype::{ConstValue, Field, FuncId, Global, Init, LlOp, Operand, TypeId};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

/// Slot markers in `indexes`.
const FREE: i64 = 0;
const DELETED: i64 = 1;
/// The number of index slots of a new dict.
const INITIAL_SLOTS: i64 = 8;

/// The types of one dict representation.
#[derive(Clone, Debug)]
pub struct DictLayout {
    /// The pointer to the dict struct.
    pub ptr: TypeId,
    /// The pointer to the entries array.
    pub entries: TypeId,
    /// The pointer to the indexes array.
    pub indexes: TypeId,
    pub key: Repr,
    pub value: Repr,
    pub key_ty: TypeId,
    pub value_ty: TypeId,
}

/// The hash of a prebuilt str, as the run-time helper computes it.
pub fn str_hash_value(text: &str) -> i64 {
    let points: Vec<u64> = text.chars().map(|c| c as u64).collect();
    let mut x: u64 = match points.first() {
        Some(c) => c << 7,
        None => 0,
    };
    for c in &points {
        x = x.wrapping_mul(1_000_003) ^ c;
    }
    x ^= points.len() as u64;
    if x == 0 {
        1
    } else {
        x as i64
    }
}

impl Rtyper<'_, '_> {
    /// The representation of a dict or set annotation.
    pub fn dict_repr_of(&mut self, s: &SomeValue, id: DictId) -> Repr {
        let id = self.ann.dict(id);
        let def = self.ann.dicts[id].clone();
        let key = self.repr_of(&def.key);
        if !Self::hashable(&key) {
            return Repr::Unsupported(self.ann.describe(s));
        }
        match s {
            SomeValue::Set(..) => Repr::Set(Box::new(key)),
            _ => {
                let value = self.repr_of(&def.value);
                if let Repr::Unsupported(_) = value {
                    return Repr::Unsupported(self.ann.describe(s));
                }
                Repr::Dict(Box::new(key), Box::new(value))
            }
        }
    }

    /// Whether keys of this representation can be hashed.
    pub fn hashable(r: &Repr) -> bool {
        match r {
            Repr::Int
            | Repr::Bool
            | Repr::Uint
            | Repr::UniChar
            | Repr::Char
            | Repr::Str
            | Repr::Instance(_)
            | Repr::Class
            | Repr::Void => true,
            Repr::Tuple(items) => items.iter().all(Self::hashable),
            _ => false,
        }
    }

    /// The key and value representations of a dict or set representation.
    pub fn dict_parts(r: &Repr) -> (Repr, Repr) {
        match r {
            Repr::Dict(k, v) => ((**k).clone(), (**v).clone()),
            Repr::Set(k) => ((**k).clone(), Repr::Void),
            _ => unreachable!("a dict representation"),
        }
    }

    /// The pointer type of a dict of these keys and values.
    pub fn dict_lltype(&mut self, key: &Repr, value: &Repr) -> TypeId {
        let key_ty = self.lltype(key);
        let value_ty = self.lltype(value);
        let memo = format!("dict:{}:{}", key_ty.as_u32(), value_ty.as_u32());
        let signed = self.t.signed;
        let boolean = self.t.bool;
        let s = self.named_struct(&memo, "rpy_dict", |rt| {
            let mut fields = Vec::new();
            let field = |name: &str, ty| Field {
                name: name.into(),
                ty,
            };
            if !rt.is_void(key_ty) {
                fields.push(field("key", key_ty));
            }
            if !rt.is_void(value_ty) {
                fields.push(field("value", value_ty));
            }
            fields.push(field("hash", signed));
            fields.push(field("live", boolean));
            let mut name = "rpy_dictentry".to_string();
            let mut n = 1;
            while rt.m.types.struct_named(&name).is_some() {
                name = format!("rpy_dictentry_{n}");
                n += 1;
            }
            let entry = rt.m.types.declare_struct(&name, false).expect("fresh");
            rt.m.types.define_struct(entry, fields).expect("storable fields");
            let entries = rt.m.types.array(entry, true).expect("an array of entries");
            let indexes = rt.m.types.array(signed, true).expect("an array of words");
            vec![
                field("num_items", signed),
                field("num_used", signed),
                field("entries", rt.m.types.ptr(entries).expect("an array")),
                field("indexes", rt.m.types.ptr(indexes).expect("an array")),
            ]
        });
        self.m.types.ptr(s).expect("a struct")
    }

    /// The types of a dict representation.
    pub fn dict_layout(&mut self, r: &Repr) -> DictLayout {
        let (key, value) = Self::dict_parts(r);
        let ptr = self.lltype(r);
        let st = self.m.types.pointee(ptr).expect("a pointer");
        let fields = self.m.types.as_struct(st).expect("a struct").fields.clone();
        let key_ty = self.lltype(&key);
        let value_ty = self.lltype(&value);
        DictLayout {
            ptr,
            entries: fields[2].ty,
            indexes: fields[3].ty,
            key,
            value,
            key_ty,
            value_ty,
        }
    }

    // ---- entries -------------------------------------------------------

    /// Reads field `name` of entry `e`; `Void` fields read as a constant.
    pub fn entry_get(
        &mut self,
        b: &mut FnBuilder,
        entries: Operand,
        e: Operand,
        name: &str,
        ty: TypeId,
    ) -> Operand {
        if self.is_void(ty) {
            return b.konst(ConstValue::Void, ty);
        }
        let n = b.name(name);
        b.op(LlOp::GetInterior, vec![entries, e, n], ty)
    }

    /// Writes field `name` of entry `e` (nothing for a `Void` field).
    pub fn entry_set(
        &mut self,
        b: &mut FnBuilder,
        entries: Operand,
        e: Operand,
        name: &str,
        v: Operand,
    ) {
        if self.is_void(b.type_of(&v)) {
            return;
        }
        let n = b.name(name);
        b.effect(LlOp::SetInterior, vec![entries, e, n, v]);
    }

    /// Copies entry `from` of `src` to entry `to` of `dst`.
    fn entry_copy(
        &mut self,
        b: &mut FnBuilder,
        l: &DictLayout,
        src: Operand,
        from: Operand,
        dst: Operand,
        to: Operand,
    ) {
        let (s, boolean) = (self.t.signed, self.t.bool);
        for (name, ty) in [
            ("key", l.key_ty),
            ("value", l.value_ty),
            ("hash", s),
            ("live", boolean),
        ] {
            if self.is_void(ty) {
                continue;
            }
            let v = self.entry_get(b, src.clone(), from.clone(), name, ty);
            self.entry_set(b, dst.clone(), to.clone(), name, v);
        }
    }

    fn dict_key(&mut self, what: &str, r: &Repr) -> String {
        let ty = self.lltype(r);
        format!("dict_{what}_{}", ty.as_u32())
    }

    // ---- hashing and equality -----------------------------------------

    /// The hash of a key, as a `Signed`.
    pub fn key_hash(&mut self, b: &mut FnBuilder, r: &Repr, k: Operand) -> Operand {
        let (s, u) = (self.t.signed, self.t.unsigned);
        match r {
            Repr::Int => k,
            Repr::Bool | Repr::Uint | Repr::UniChar | Repr::Char => {
                b.op(LlOp::CastPrimitive, vec![k], s)
            }
            Repr::Void => b.int(0),
            Repr::Str => {
                let f = self.str_hash();
                self.call(b, f, vec![k])
            }
            Repr::Instance(_) => {
                let obj = b.op(LlOp::CastPointer, vec![k], self.t.object_ptr);
                let f = self.instance_hash();
                self.call(b, f, vec![obj])
            }
            Repr::Class => {
                let a = b.op(LlOp::CastPtrToAdr, vec![k], self.t.address);
                b.op(LlOp::CastAdrToInt, vec![a], s)
            }
            Repr::Tuple(items) => {
                // CPython's tuple hash before 3.8, on unsigned words.
                let uk = |b: &mut FnBuilder, x: i64| b.konst(ConstValue::Int(x.into()), u);
                let mut x = uk(b, 0x345678);
                let mut mult = uk(b, 1_000_003);
                let step = uk(b, 82520 + 2 * items.len() as i64);
                for (i, item) in items.iter().enumerate() {
                    let ty = self.lltype(item);
                    let v = if self.is_void(ty) {
                        b.konst(ConstValue::Void, ty)
                    } else {
                        b.getfield(k.clone(), &format!("item{i}"), ty)
                    };
                    let h = self.key_hash(b, item, v);
                    let h = b.op(LlOp::CastPrimitive, vec![h], u);
                    let mixed = b.op(LlOp::UintXor, vec![x, h], u);
                    x = b.op(LlOp::UintMul, vec![mixed, mult.clone()], u);
                    mult = b.op(LlOp::UintAdd, vec![mult, step.clone()], u);
                }
                let tail = uk(b, 97531);
                let x = b.op(LlOp::UintAdd, vec![x, tail], u);
                b.op(LlOp::CastPrimitive, vec![x], s)
            }
            _ => unreachable!("hashable keys only"),
        }
    }

    /// `x == y` for two keys of one representation.
    pub fn key_eq(&mut self, b: &mut FnBuilder, r: &Repr, x: Operand, y: Operand) -> Operand {
        let boolean = self.t.bool;
        match r {
            Repr::Void => b.bool(true),
            Repr::Class => b.op(LlOp::PtrEq, vec![x, y], boolean),
            Repr::Tuple(items) => {
                let mut all = b.bool(true);
                for (i, item) in items.iter().enumerate() {
                    let ty = self.lltype(item);
                    if self.is_void(ty) {
                        continue;
                    }
                    let name = format!("item{i}");
                    let a = b.getfield(x.clone(), &name, ty);
                    let c = b.getfield(y.clone(), &name, ty);
                    let eq = self.key_eq(b, item, a, c);
                    all = b.bool_and(all, eq);
                }
                all
            }
            _ => self.item_eq(b, r, x, y),
        }
    }

    /// `hash(s)` for a str, cached in the str (null hashes to 0).
    pub fn str_hash(&mut self) -> FuncId {
        let (sp, s, u, boolean) = (self.t.str_ptr, self.t.signed, self.t.unsigned, self.t.bool);
        self.helper("str_hash", &[sp], s, |rt, b| {
            let p = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![p.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let zero = b.int(0);
                b.ret(zero);
            });
            let cached = b.getfield(p.clone(), "hash", s);
            let zero = b.int(0);
            let known = b.int_op(LlOp::IntNe, cached.clone(), zero.clone());
            b.if_then(rt, known, |_, b| b.ret(cached));
            let n = rt.str_len(b, p.clone());
            let x = b.local(b.konst(ConstValue::Int(0), u));
            let empty = b.int_op(LlOp::IntEq, n.clone(), zero.clone());
            let not_empty = b.op(LlOp::BoolNot, vec![empty], boolean);
            b.if_then(rt, not_empty, |rt, b| {
                let zero = b.int(0);
                let c = rt.str_get(b, p.clone(), zero);
                let c = b.op(LlOp::CastPrimitive, vec![c], u);
                let seven = b.int(7);
                let v = b.op(LlOp::UintLshift, vec![c, seven], u);
                b.set(x, v);
            });
            b.for_range(rt, zero, n.clone(), |rt, b, i| {
                let c = rt.str_get(b, p.clone(), i);
                let c = b.op(LlOp::CastPrimitive, vec![c], u);
                let m = b.konst(ConstValue::Int(1_000_003), u);
                let xv = b.get(x);
                let v = b.op(LlOp::UintMul, vec![xv, m], u);
                let v = b.op(LlOp::UintXor, vec![v, c], u);
                b.set(x, v);
            });
            let un = b.op(LlOp::CastPrimitive, vec![n], u);
            let xv = b.get(x);
            let v = b.op(LlOp::UintXor, vec![xv, un], u);
            let h = b.op(LlOp::CastPrimitive, vec![v], s);
            let result = b.local(h.clone());
            let zero = b.int(0);
            let is_zero = b.int_op(LlOp::IntEq, h, zero);
            b.if_then(rt, is_zero, |_, b| {
                let one = b.int(1);
                b.set(result, one);
            });
            let h = b.get(result);
            b.setfield(p, "hash", h.clone());
            b.ret(h);
        })
    }

    /// The identity hash of an object (null hashes to 0): a number from a
    /// global counter, stored in the object when first asked for.
    pub fn instance_hash(&mut self) -> FuncId {
        let (op, s, boolean) = (self.t.object_ptr, self.t.signed, self.t.bool);
        let counter = self.hash_counter();
        self.helper("instance_hash", &[op], s, |rt, b| {
            let p = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![p.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let zero = b.int(0);
                b.ret(zero);
            });
            let h = b.getfield(p.clone(), "rpy_hash", s);
            let zero = b.int(0);
            let known = b.int_op(LlOp::IntNe, h.clone(), zero);
            b.if_then(rt, known, |_, b| b.ret(h));
            let last = b.getfield(counter.clone(), "last", s);
            let one = b.int(1);
            let next = b.int_op(LlOp::IntAdd, last, one);
            b.setfield(counter, "last", next.clone());
            b.setfield(p, "rpy_hash", next.clone());
            b.ret(next);
        })
    }

    /// The global counter of identity hashes handed out.
    fn hash_counter(&mut self) -> Operand {
        let ty = match self.m.types.struct_named("rpy_hash_counter") {
            Some(t) => t,
            None => {
                let t = self
                    .m
                    .types
                    .declare_struct("rpy_hash_counter", false)
                    .expect("fresh");
                let field = Field {
                    name: "last".into(),
                    ty: self.t.signed,
                };
                self.m.types.define_struct(t, vec![field]).expect("a field");
                t
            }
        };
        let ptr = self.m.types.ptr(ty).expect("a struct");
        let g = match self.m.global_named("rpy_hash_counter") {
            Some(g) => g,
            None => self
                .m
                .add_global(Global {
                    name: "rpy_hash_counter".into(),
                    ty,
                    init: Init::Zero,
                    immutable: false,
                })
                .expect("a fresh name"),
        };
        Operand::Const(lltype::Constant::new(ConstValue::Global(g), ptr))
    }

    // ---- the table -----------------------------------------------------

    /// Allocates the arrays of an empty table with `slots` index slots
    /// and stores them in `d`, with zero counts.
    fn dict_fresh_arrays(&mut self, b: &mut FnBuilder, l: &DictLayout, d: Operand, slots: Operand) {
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
        b.setfield(d, "num_used", zero);
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
    fn probe_start(&mut self, b: &mut FnBuilder, h: Operand, mask: Operand) -> (Operand, Operand) {
        let i = b.int_op(LlOp::IntAnd, h.clone(), mask);
        let p = b.op(LlOp::CastPrimitive, vec![h], self.t.unsigned);
        (i, p)
    }

    /// The next slot to probe: `perturb >>= 5; i = (5*i + perturb + 1) & mask`.
    fn probe_next(
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
    fn index_insert_clean(&mut self, b: &mut FnBuilder, indexes: Operand, h: Operand, e: Operand) {
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
            b.setfield(d, "num_used", jv);
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
            rt.call(b, ensure, vec![d.clone()]);
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
    fn lookup_in(
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
    fn slot_entry(&mut self, b: &mut FnBuilder, l: &DictLayout, d: Operand, slot: Operand) -> Operand {
        let s = self.t.signed;
        let indexes = b.getfield(d, "indexes", l.indexes);
        let stored = b.op(LlOp::GetArrayItem, vec![indexes, slot], s);
        let two = b.int(2);
        b.int_op(LlOp::IntSub, stored, two)
    }

    /// Removes the entry of a found slot.
    fn remove_slot(&mut self, b: &mut FnBuilder, l: &DictLayout, d: Operand, slot: Operand) {
        let s = self.t.signed;
        let e = self.slot_entry(b, l, d.clone(), slot.clone());
        let indexes = b.getfield(d.clone(), "indexes", l.indexes);
        let deleted = b.int(DELETED);
        b.effect(LlOp::SetArrayItem, vec![indexes, slot, deleted]);
        let entries = b.getfield(d.clone(), "entries", l.entries);
        let no = b.bool(false);
        self.entry_set(b, entries, e, "live", no);
        let n = b.getfield(d.clone(), "num_items", s);
        let one = b.int(1);
        let n = b.int_op(LlOp::IntSub, n, one);
        b.setfield(d, "num_items", n);
    }

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
            let entries = b.getfield(d.clone(), "entries", l.entries);
            let cap = b.op(LlOp::GetArraySize, vec![entries], s);
            let full = b.int_op(LlOp::IntGe, used, cap);
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
            b.effect(LlOp::SetArrayItem, vec![indexes, sv, stored]);
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
    fn ret_value(&mut self, b: &mut FnBuilder, v: Operand) {
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
            for f in ["num_items", "num_used"] {
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
    /// `other` (a dict or set of the same key type) into `d`.
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
                let mut args = vec![d.clone(), k];
                if !rt.is_void(l.value_ty) {
                    let v = rt.entry_get(b, entries, e, "value", lo.value_ty);
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
    fn raise_key_error(&mut self, b: &mut FnBuilder, r: &Repr, k: Operand) {
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
    fn raise_with_message(&mut self, b: &mut FnBuilder, class: &str, msg: Operand) {
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

    /// A prebuilt dict or set: globals for the dict and its entries, in
    /// the host dict's order, with no index yet (built on first lookup).
    pub fn prebuilt_dict(
        &mut self,
        obj: frontend::host::ObjRef,
        want: &Repr,
    ) -> Result<lltype::Constant, String> {
        let l = self.dict_layout(want);
        if let Some(&(g, ty)) = self.prebuilt_dicts.get(&obj) {
            if ty == l.ptr {
                return Ok(lltype::Constant::new(ConstValue::Global(g), ty));
            }
        }
        let entries: Vec<(frontend::host::Value, frontend::host::Value)> = {
            let vm = self.ann.vm();
            match vm.heap.get(obj) {
                frontend::host::Object::Dict(d) => {
                    d.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
                }
                frontend::host::Object::Set { items, .. } => items
                    .iter()
                    .map(|e| (e.key.clone(), frontend::host::Value::None))
                    .collect(),
                _ => return Err("internal: a prebuilt dict that is not a dict".into()),
            }
        };
        let dict_struct = self.m.types.pointee(l.ptr).expect("a pointer");
        let entries_array = self.m.types.pointee(l.entries).expect("a pointer");
        let name = self.m.fresh_global_name("dict");
        // Declared first (zeroed), so a dict that contains itself works.
        let g = self
            .m
            .add_global(Global {
                name,
                ty: dict_struct,
                init: Init::Zero,
                immutable: false,
            })
            .expect("a fresh name");
        self.prebuilt_dicts.insert(obj, (g, l.ptr));
        let mut inits = Vec::new();
        for (k, v) in &entries {
            let mut fields = Vec::new();
            if !self.is_void(l.key_ty) {
                fields.push(Init::Value(self.constant_value(k, &l.key)?));
            }
            if !self.is_void(l.value_ty) {
                fields.push(Init::Value(self.constant_value(v, &l.value)?));
            }
            fields.push(Init::Value(lltype::Constant::new(ConstValue::Int(0), self.t.signed)));
            fields.push(Init::Value(lltype::Constant::new(ConstValue::Bool(true), self.t.bool)));
            inits.push(Init::Struct(fields));
        }
        let ename = self.m.fresh_global_name("dict_entries");
        let eg = self
            .m
            .add_global(Global {
                name: ename,
                ty: entries_array,
                init: Init::Array(inits),
                immutable: false,
            })
            .expect("a fresh name");
        let n = lltype::Constant::new(ConstValue::Int(entries.len() as i128), self.t.signed);
        self.m.globals[g].init = Init::Struct(vec![
            Init::Value(n.clone()),
            Init::Value(n),
            Init::Value(lltype::Constant::new(ConstValue::Global(eg), l.entries)),
            Init::Value(lltype::Constant::new(ConstValue::Null, l.indexes)),
        ]);
        Ok(lltype::Constant::new(ConstValue::Global(g), l.ptr))
    }
}
