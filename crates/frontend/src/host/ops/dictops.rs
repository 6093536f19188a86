//! Hashing, and dict and set operations keyed by Python equality.
//!
//! A lookup runs in two phases because a user `__eq__` needs `&mut Vm`:
//! the table answers structurally when it can ([`Dict::lookup`]), and the
//! few undecided candidates are compared here, outside any heap borrow.

use super::num::{as_number, num_hash};
use crate::bytecode::BinOp;
use crate::host::dict::{Dict, Lookup};
use crate::host::object::Object;
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{PyResult, Vm};
use std::hash::{Hash, Hasher};

/// Where a key was found (or not) in the dict or set at a heap reference.
enum Slot {
    Found(usize),
    Missing(u64),
}

fn std_hash<T: Hash + ?Sized>(t: &T) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    t.hash(&mut h);
    h.finish()
}

impl Vm {
    /// `hash(v)`; TypeError for unhashable values.
    pub fn hash(&mut self, v: &Value) -> PyResult<u64> {
        if let Some(n) = as_number(v) {
            return Ok(num_hash(&n));
        }
        match v {
            Value::Str(s) => Ok(str_hash(s)),
            Value::Bytes(b) => Ok(std_hash(&b[..])),
            Value::None => Ok(0x1234_5678),
            Value::Ellipsis => Ok(0x2345_6789),
            Value::NotImplemented => Ok(0x3456_789a),
            Value::Tuple(items) => {
                // CPython's tuplehash: xxHash's round over the items' hashes.
                const P1: u64 = 11400714785074694791;
                const P2: u64 = 14029467366897019727;
                const P5: u64 = 2870177450012600261;
                let mut acc: u64 = P5;
                for item in items.iter() {
                    let lane = self.hash(item)?;
                    acc = acc.wrapping_add(lane.wrapping_mul(P2));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(P1);
                }
                acc = acc.wrapping_add(items.len() as u64 ^ (P5 ^ 3527539));
                Ok(if acc == u64::MAX { 1546275796 } else { acc })
            }
            Value::Ref(r) => {
                let r = *r;
                match self.heap.get(r) {
                    Object::List(_) | Object::Dict(_) | Object::Set { frozen: false, .. } => {
                        let t = self.type_name(v);
                        Err(self.type_error(format!("unhashable type: '{t}'")))
                    }
                    Object::Set {
                        items,
                        frozen: true,
                    } => {
                        let mut acc: u64 = 0x9e37_79b9;
                        for e in items.iter() {
                            acc ^= e.hash.wrapping_mul(0x5851_f42d_4c95_7f2d);
                        }
                        Ok(acc)
                    }
                    Object::Instance(_) => {
                        let cls = self.type_of(v);
                        let hname = self.intern("__hash__");
                        match self.lookup_user(cls, &hname) {
                            Some(Value::None) => {
                                let t = self.type_name(v);
                                Err(self.type_error(format!("unhashable type: '{t}'")))
                            }
                            Some(_) => {
                                let h = self
                                    .call_special(v, "__hash__", Vec::new())?
                                    .unwrap_or(Value::Int(0));
                                match as_number(&h) {
                                    Some(
                                        n @ (super::num::Num::Int(_) | super::num::Num::Big(_)),
                                    ) => Ok(num_hash(&n)),
                                    _ => {
                                        Err(self
                                            .type_error("__hash__ method should return an integer"))
                                    }
                                }
                            }
                            None => {
                                let ename = self.intern("__eq__");
                                if self.lookup_user(cls, &ename).is_some() {
                                    let t = self.type_name(v);
                                    Err(self.type_error(format!("unhashable type: '{t}'")))
                                } else if let Some(base) = self.base_value(v) {
                                    self.hash(&base)
                                } else {
                                    Ok(identity_hash(r))
                                }
                            }
                        }
                    }
                    Object::Builtin(b) => {
                        let receiver = match &b.bound_self {
                            Some(Value::Ref(x)) => identity_hash(*x),
                            _ => 0,
                        };
                        Ok(std_hash(b.name.as_str()) ^ receiver)
                    }
                    _ => Ok(identity_hash(r)),
                }
            }
            _ => Ok(0),
        }
    }

    fn table(&self, r: ObjRef) -> &Dict {
        match self.heap.get(r) {
            Object::Dict(d) => d,
            Object::Set { items, .. } => items,
            _ => unreachable!("dict operation on a non-dict object"),
        }
    }

    fn table_mut(&mut self, r: ObjRef) -> &mut Dict {
        match self.heap.get_mut(r) {
            Object::Dict(d) => d,
            Object::Set { items, .. } => items,
            _ => unreachable!("dict operation on a non-dict object"),
        }
    }

    /// Finds `key` in the dict or set `r`.
    fn find_slot(&mut self, r: ObjRef, key: &Value) -> PyResult<Slot> {
        let hash = self.hash(key)?;
        match self.table(r).lookup(hash, key) {
            Lookup::Found(pos) => Ok(Slot::Found(pos)),
            Lookup::Missing => Ok(Slot::Missing(hash)),
            Lookup::Undecided(candidates) => {
                for pos in candidates {
                    let Some(stored) = self.table(r).entry_at(pos).map(|e| e.key.clone()) else {
                        continue;
                    };
                    if self.eq(&stored, key)? {
                        return Ok(Slot::Found(pos));
                    }
                }
                Ok(Slot::Missing(hash))
            }
        }
    }

    fn expect_table(&self, v: &Value) -> ObjRef {
        match v {
            Value::Ref(r) if matches!(self.heap.get(*r), Object::Dict(_) | Object::Set { .. }) => {
                *r
            }
            _ => unreachable!("expected a dict or set, got {v:?}"),
        }
    }

    /// `d.get(key)` for a dict value: `None` if missing.
    pub fn dict_get(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        let r = self.expect_table(d);
        Ok(match self.find_slot(r, key)? {
            Slot::Found(pos) => self.table(r).entry_at(pos).map(|e| e.value.clone()),
            Slot::Missing(_) => None,
        })
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, d: &Value, key: Value, value: Value) -> PyResult<()> {
        let r = self.expect_table(d);
        match self.find_slot(r, &key)? {
            Slot::Found(pos) => self.table_mut(r).set_value_at(pos, value),
            Slot::Missing(hash) => self.table_mut(r).insert_new(hash, key, value),
        }
        Ok(())
    }

    /// Removes `key`, returning its value (`None` if missing).
    pub fn dict_remove(&mut self, d: &Value, key: &Value) -> PyResult<Option<Value>> {
        let r = self.expect_table(d);
        Ok(match self.find_slot(r, key)? {
            Slot::Found(pos) => self.table_mut(r).remove_at(pos).map(|e| e.value),
            Slot::Missing(_) => None,
        })
    }

    /// The (key, value) pairs of a dict, in order.
    pub fn dict_items(&self, d: &Value) -> Vec<(Value, Value)> {
        self.table(self.expect_table(d)).items()
    }

    /// A new dict with the items of `d`.
    pub fn dict_copy(&mut self, d: &Value) -> PyResult<Value> {
        let copy = self.table(self.expect_table(d)).clone();
        Ok(self.alloc(Object::Dict(copy)))
    }

    /// `d.update(other)`: `other` a dict, an object with `keys()`, or an
    /// iterable of pairs.
    pub fn dict_update(&mut self, d: &Value, other: &Value) -> PyResult<()> {
        if let Value::Ref(r) = other {
            if let Object::Dict(src) = self.heap.get(*r) {
                for (k, v) in src.items() {
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            if self.is_instance_value(other) {
                let keys_name = self.intern("keys");
                if let Some(keys) = self.getattr_opt(other, &keys_name)? {
                    let keys = self.call_positional(&keys, Vec::new())?;
                    for k in self.collect(&keys)? {
                        let v = self.getitem(other, &k)?;
                        self.dict_set(d, k, v)?;
                    }
                    return Ok(());
                }
            }
        }
        let items = self.collect(other)?;
        for (i, item) in items.into_iter().enumerate() {
            let pair = self.collect(&item).map_err(|_| {
                let t = self.type_name(&item);
                self.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence ({t})"
                ))
            })?;
            if pair.len() != 2 {
                return Err(self.value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            let mut pair = pair.into_iter();
            let (k, v) = (
                pair.next().unwrap_or(Value::None),
                pair.next().unwrap_or(Value::None),
            );
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    /// A new empty dict (`BuildMap`).
    pub fn new_dict(&mut self) -> Value {
        self.alloc(Object::Dict(Dict::new()))
    }

    /// A new empty set or frozenset.
    pub fn new_set(&mut self, frozen: bool) -> Value {
        self.alloc(Object::Set {
            items: Dict::new(),
            frozen,
        })
    }

    /// Adds `item` to a set (also used while building frozensets).
    pub fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        let r = self.expect_table(set);
        if let Slot::Missing(hash) = self.find_slot(r, &item)? {
            self.table_mut(r).insert_new(hash, item, Value::None);
        }
        Ok(())
    }

    /// `item in set`.
    pub fn set_contains(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        let r = self.expect_table(set);
        Ok(matches!(self.find_slot(r, item)?, Slot::Found(_)))
    }

    /// Removes `item`; returns whether it was present.
    pub fn set_discard(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        Ok(self.dict_remove(set, item)?.is_some())
    }

    /// The items of a set (or keys of a dict), in order.
    pub fn set_items(&self, set: &Value) -> Vec<Value> {
        self.table(self.expect_table(set)).keys()
    }

    pub(crate) fn set_clear(&mut self, r: ObjRef) {
        self.table_mut(r).clear();
    }

    /// True for set and frozenset values.
    pub fn is_set(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Set { .. }))
    }

    fn is_frozen(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Set { frozen: true, .. }))
    }

    /// Every item of `a` is in `b` (`b` a set).
    pub fn set_is_subset(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        for item in self.set_items(a) {
            if !self.set_contains(b, &item)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// A new set (of the kind of `a`) with the items of `items`.
    pub fn set_from(&mut self, frozen: bool, items: Vec<Value>) -> PyResult<Value> {
        let s = self.new_set(frozen);
        for item in items {
            self.set_add(&s, item)?;
        }
        Ok(s)
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` for sets (`b` any set).
    pub fn set_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        let frozen = self.is_frozen(a);
        let (xa, xb) = (self.set_items(a), self.set_items(b));
        let mut out = Vec::new();
        match op {
            BinOp::Or => {
                out = xa;
                out.extend(xb);
            }
            BinOp::And => {
                for x in xa {
                    if self.set_contains(b, &x)? {
                        out.push(x);
                    }
                }
            }
            BinOp::Sub => {
                for x in xa {
                    if !self.set_contains(b, &x)? {
                        out.push(x);
                    }
                }
            }
            _ => {
                for x in xa {
                    if !self.set_contains(b, &x)? {
                        out.push(x);
                    }
                }
                for x in xb {
                    if !self.set_contains(a, &x)? {
                        out.push(x);
                    }
                }
            }
        }
        self.set_from(frozen, out)
    }
}

/// The hash of a str (the same for every str value with this text).
pub fn str_hash(s: &str) -> u64 {
    std_hash(s)
}

/// The hash of an object compared by identity.
fn identity_hash(r: ObjRef) -> u64 {
    (r.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 4
}
