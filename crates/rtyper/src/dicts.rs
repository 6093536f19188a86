//! Dicts (and the tables behind sets): ordered hash tables built from
//! low-level helper graphs, in the manner of CPython 3.7+ and PyPy's
//! `rordereddict`.
//!
//! A dict is a pointer to a GC struct
//! `{num_items, num_used, entries, indexes, num_fill}`:
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
//!   A slot is never freed again (only marked deleted); `num_fill` counts
//!   the slots in use or deleted. When `entries` is full, or `num_fill`
//!   reaches the entries' capacity (two thirds of the slots), the table
//!   is rebuilt (live entries compacted, the index recomputed from the
//!   stored hashes) with room for twice the live entries; so the index
//!   always has free slots and probing ends.
//! - Deleting the last entry also drops the dead entries before it from
//!   `num_used` (as CPython and PyPy do), so `popitem` and `set.pop`,
//!   which take the last entry, stay amortised constant time.
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
//! The code: this file has the layout and prebuilt dicts; `dicthash.rs`
//! hashing and key equality; `dicttable.rs` the table itself (probing,
//! lookup, rebuilding); `dictfns.rs` a helper per operation; `dictops.rs`
//! the translation of the operations, methods and built-ins of dicts and
//! sets in graphs; `sets.rs` set algebra.
//!
//! Not done: mutation during iteration is not detected (CPython raises
//! `RuntimeError`), dead entries keep their key and value alive until the
//! next rebuild.

use annotator::{DictId, SomeValue};
use lltype::{ConstValue, Field, Global, Init, LlOp, Operand, TypeId};

use crate::builder::FnBuilder;
use crate::cx::Rtyper;
use crate::repr::Repr;

/// Slot markers in `indexes`.
pub(crate) const FREE: i64 = 0;
pub(crate) const DELETED: i64 = 1;
/// The number of index slots of a new dict.
pub(crate) const INITIAL_SLOTS: i64 = 8;

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

impl Rtyper<'_, '_> {
    /// The representation of a dict or set annotation.
    pub fn dict_repr_of(&mut self, s: &SomeValue, id: DictId) -> Repr {
        let id = self.ann.dict(id);
        let def = self.ann.dicts[id].clone();
        let key = self.repr_of(&def.key);
        if !Self::hashable(&key) {
            let what = self.ann.describe(s);
            return Repr::Unsupported(format!("{what}, whose keys cannot be hashed yet"));
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
            | Repr::Float
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
            rt.m.types
                .define_struct(entry, fields)
                .expect("storable fields");
            let entries = rt.m.types.array(entry, true).expect("an array of entries");
            let indexes = rt.m.types.array(signed, true).expect("an array of words");
            vec![
                field("num_items", signed),
                field("num_used", signed),
                field("entries", rt.m.types.ptr(entries).expect("an array")),
                field("indexes", rt.m.types.ptr(indexes).expect("an array")),
                field("num_fill", signed),
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
    pub(crate) fn entry_copy(
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

    pub(crate) fn dict_key(&mut self, what: &str, r: &Repr) -> String {
        let ty = self.lltype(r);
        format!("dict_{what}_{}", ty.as_u32())
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
            fields.push(Init::Value(lltype::Constant::new(
                ConstValue::Int(0),
                self.t.signed,
            )));
            fields.push(Init::Value(lltype::Constant::new(
                ConstValue::Bool(true),
                self.t.bool,
            )));
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
            Init::Value(lltype::Constant::new(ConstValue::Int(0), self.t.signed)),
        ]);
        Ok(lltype::Constant::new(ConstValue::Global(g), l.ptr))
    }
}
