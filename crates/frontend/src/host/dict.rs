//! Python dicts (and the storage of sets): insertion ordered, keyed by
//! Python equality and hash.
//!
//! The layout follows CPython's compact dict: entries live in a vector in
//! insertion order (deleted entries become holes), and an open-addressing
//! index maps hashes to entry positions. The table itself never calls
//! Python code: equality of keys may need `&mut Vm` (a user `__eq__`), so
//! [`Dict::lookup`] compares keys with a pure structural test and hands the
//! candidates back to the caller when that test cannot decide (see
//! `ops/dictops.rs`, which finishes the comparison outside any heap borrow).

use super::value::Value;

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

/// One key/value pair with the key's hash.
#[derive(Clone, Debug)]
pub struct Entry {
    pub hash: u64,
    pub key: Value,
    pub value: Value,
}

/// The outcome of a structural lookup.
#[derive(Debug)]
pub enum Lookup {
    /// The key is at this entry position.
    Found(usize),
    /// No key with equal hash compares equal.
    Missing,
    /// Entries with an equal hash whose equality needs Python code.
    Undecided(Vec<usize>),
}

/// An insertion-ordered hash map from Python keys to values.
#[derive(Clone, Debug, Default)]
pub struct Dict {
    /// Entries in insertion order; `None` marks a deleted entry.
    entries: Vec<Option<Entry>>,
    /// Open-addressing table of entry positions (`EMPTY`, `DELETED` or a
    /// position); its length is zero or a power of two.
    index: Vec<u32>,
    /// Live entries.
    len: usize,
    /// Bumped on every insertion or removal, so iterators can detect a
    /// change of size during iteration.
    pub version: u64,
}

impl Dict {
    pub fn new() -> Dict {
        Dict::default()
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The number of entry slots (live or deleted): positions are below it.
    pub fn capacity_positions(&self) -> usize {
        self.entries.len()
    }

    /// The entry at `pos`, if it is live.
    pub fn entry_at(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos).and_then(|e| e.as_ref())
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.entries.iter().flatten()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// Finds `key` (with hash `hash`) using structural equality.
    pub fn lookup(&self, hash: u64, key: &Value) -> Lookup {
        if self.index.is_empty() {
            return Lookup::Missing;
        }
        let mut undecided = Vec::new();
        let mask = self.index.len() - 1;
        let mut slot = (hash as usize) & mask;
        let mut perturb = hash;
        loop {
            match self.index[slot] {
                EMPTY => break,
                DELETED => {}
                pos => {
                    let entry = self.entries[pos as usize]
                        .as_ref()
                        .expect("index points at a live entry");
                    if entry.hash == hash {
                        match structural_eq(&entry.key, key) {
                            Some(true) => return Lookup::Found(pos as usize),
                            Some(false) => {}
                            None => undecided.push(pos as usize),
                        }
                    }
                }
            }
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
        if undecided.is_empty() {
            Lookup::Missing
        } else {
            Lookup::Undecided(undecided)
        }
    }

    /// Finds the str key `name` (with hash `hash`): the lookup of a name
    /// in a namespace, which needs no Python code. Keys that are not
    /// `str` values never match.
    pub fn find_str(&self, hash: u64, name: &str) -> Option<usize> {
        if self.index.is_empty() {
            return None;
        }
        let mask = self.index.len() - 1;
        let mut slot = (hash as usize) & mask;
        let mut perturb = hash;
        loop {
            match self.index[slot] {
                EMPTY => return None,
                DELETED => {}
                pos => {
                    let entry = self.entries[pos as usize]
                        .as_ref()
                        .expect("index points at a live entry");
                    if entry.hash == hash
                        && matches!(&entry.key, Value::Str(k) if k.as_str() == name)
                    {
                        return Some(pos as usize);
                    }
                }
            }
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
    }

    /// Replaces the value of the live entry at `pos`.
    pub fn set_value_at(&mut self, pos: usize, value: Value) {
        if let Some(e) = self.entries[pos].as_mut() {
            e.value = value;
        }
    }

    /// Appends a key known to be absent.
    pub fn insert_new(&mut self, hash: u64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.index.len() * 2 {
            self.rebuild();
        }
        let pos = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let slot = self.free_slot(hash);
        self.index[slot] = pos as u32;
        self.len += 1;
        self.version += 1;
    }

    /// Removes the live entry at `pos`, returning it.
    pub fn remove_at(&mut self, pos: usize) -> Option<Entry> {
        let entry = self.entries.get_mut(pos)?.take()?;
        let mask = self.index.len() - 1;
        let mut slot = (entry.hash as usize) & mask;
        let mut perturb = entry.hash;
        while self.index[slot] != pos as u32 {
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
        self.index[slot] = DELETED;
        self.len -= 1;
        self.version += 1;
        if self.len == 0 {
            self.clear();
        } else if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.rebuild();
        }
        Some(entry)
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let pos = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(pos)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        self.len = 0;
        self.version += 1;
    }

    /// Compacts the entries (dropping holes) and resizes the index.
    fn rebuild(&mut self) {
        self.entries.retain(|e| e.is_some());
        let mut size = 8;
        while size * 2 <= (self.entries.len() + 1) * 3 {
            size *= 2;
        }
        self.index = vec![EMPTY; size];
        for pos in 0..self.entries.len() {
            let hash = self.entries[pos].as_ref().map_or(0, |e| e.hash);
            let slot = self.free_slot(hash);
            self.index[slot] = pos as u32;
        }
    }

    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.index.len() - 1;
        let mut slot = (hash as usize) & mask;
        let mut perturb = hash;
        while self.index[slot] != EMPTY && self.index[slot] != DELETED {
            perturb >>= 5;
            slot = (slot * 5 + 1 + perturb as usize) & mask;
        }
        slot
    }
}

/// Python `==` between two keys when it needs no Python code: numbers
/// across int/bool/float, strings, bytes, None and tuples of those, and
/// identical heap objects. `None` when a heap object (which may define
/// `__eq__`) is involved.
pub fn structural_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => x == y,
        (Ref(x), Ref(y)) if x == y => true,
        (Ref(_), _) | (_, Ref(_)) => return Option::None,
        (Tuple(x), Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !structural_eq(p, q)? {
                    return Some(false);
                }
            }
            true
        }
        (Bytes(x), Bytes(y)) => x == y,
        (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => true,
        _ => match (
            crate::host::ops::num::as_number(a),
            crate::host::ops::num::as_number(b),
        ) {
            (Some(x), Some(y)) => crate::host::ops::num::num_eq(&x, &y),
            _ => false,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_delete_keeps_order() {
        let mut d = Dict::new();
        for i in 0..100i64 {
            d.insert_new(i as u64, Value::Int(i), Value::Int(i * 2));
        }
        for i in (0..100i64).step_by(2) {
            let Lookup::Found(pos) = d.lookup(i as u64, &Value::Int(i)) else {
                panic!("missing {i}")
            };
            d.remove_at(pos);
        }
        assert_eq!(d.len(), 50);
        let keys: Vec<i64> = d
            .keys()
            .iter()
            .map(|k| if let Value::Int(i) = k { *i } else { -1 })
            .collect();
        assert_eq!(keys, (1..100).step_by(2).collect::<Vec<_>>());
        assert!(matches!(d.lookup(4, &Value::Int(4)), Lookup::Missing));
    }
}
