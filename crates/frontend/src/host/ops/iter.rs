//! The iteration protocol: `iter()`, `next()` and collecting an iterable.
//!
//! Built-in iterables get an [`IterState`] heap object; list iteration is
//! by index so it sees appends, as in CPython. Dicts and sets iterate over
//! a snapshot of their keys. Generators are resumed by the interpreter.

use crate::host::object::{DictViewKind, IterState, Object};
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use std::sync::Arc;

impl Vm {
    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let state = match v {
            Value::Tuple(t) => IterState::Seq {
                items: t.clone(),
                index: 0,
            },
            Value::Str(s) => {
                let chars: Vec<Value> = s.chars().map(|c| Value::string(c.to_string())).collect();
                IterState::Seq {
                    items: chars.into(),
                    index: 0,
                }
            }
            Value::Bytes(b) => {
                let ints: Vec<Value> = b.iter().map(|&c| Value::Int(c as i64)).collect();
                IterState::Seq {
                    items: ints.into(),
                    index: 0,
                }
            }
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(_) => IterState::List { list: *r, index: 0 },
                Object::Dict(d) => IterState::DictKeys {
                    dict: *r,
                    pos: 0,
                    size: d.len(),
                    left: d.len(),
                    kind: DictViewKind::Keys,
                },
                Object::Set { items, .. } => IterState::DictKeys {
                    dict: *r,
                    pos: 0,
                    size: items.len(),
                    left: items.len(),
                    kind: DictViewKind::Keys,
                },
                Object::DictView { dict, kind } => {
                    let len = match self.heap.get(*dict) {
                        Object::Dict(d) => d.len(),
                        _ => 0,
                    };
                    IterState::DictKeys {
                        dict: *dict,
                        pos: 0,
                        size: len,
                        left: len,
                        kind: *kind,
                    }
                }
                Object::Range { start, stop, step } => IterState::Range {
                    next: *start,
                    stop: *stop,
                    step: *step,
                },
                Object::Iterator(_) | Object::Generator(_) => return Ok(v.clone()),
                Object::Instance(_) => {
                    if let Some(it) = self.call_special(v, "__iter__", Vec::new())? {
                        return Ok(it);
                    }
                    if let Some(base) = self.base_value(v) {
                        return self.iter(&base);
                    }
                    if self.has_special(v, "__getitem__") {
                        let items = self.collect_by_getitem(v)?;
                        IterState::Seq {
                            items: items.into(),
                            index: 0,
                        }
                    } else {
                        return Err(self.not_iterable(v));
                    }
                }
                Object::File(_) => {
                    let readlines = self.intern("readlines");
                    let f = self.getattr(v, &readlines)?;
                    let lines = self.call_positional(&f, Vec::new())?;
                    return self.iter(&lines);
                }
                _ => return Err(self.not_iterable(v)),
            },
            _ => return Err(self.not_iterable(v)),
        };
        Ok(self.alloc(Object::Iterator(state)))
    }

    fn not_iterable(&mut self, v: &Value) -> crate::host::vm::Exc {
        let t = self.type_name(v);
        self.type_error(format!("'{t}' object is not iterable"))
    }

    /// Old-style iteration over `__getitem__` until IndexError.
    fn collect_by_getitem(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        let mut out = Vec::new();
        let index_error = self.types.index_error;
        let stop = self.types.stop_iteration;
        for i in 0.. {
            match self.getitem(v, &Value::Int(i)) {
                Ok(x) => out.push(x),
                Err(e) if self.exc_is(&e, index_error) || self.exc_is(&e, stop) => break,
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// `next(it)`: `None` when exhausted (StopIteration is not raised).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        let Value::Ref(r) = it else {
            return Err(self.not_an_iterator(it));
        };
        let r = *r;
        let state = match self.heap.get_mut(r) {
            Object::Iterator(state) => state,
            Object::Generator(_) => return crate::host::interp::resume_generator(self, r),
            Object::File(_) => {
                let stop = self.types.stop_iteration;
                let name = self.intern("__next__");
                let method = self.getattr(it, &name)?;
                return match self.call(&method, crate::host::object::Args::default()) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.exc_is(&e, stop) => Ok(None),
                    Err(e) => Err(e),
                };
            }
            Object::Instance(_) => {
                let stop = self.types.stop_iteration;
                return match self.call_special(it, "__next__", Vec::new()) {
                    Ok(Some(v)) => Ok(Some(v)),
                    Ok(None) => Err(self.not_an_iterator(it)),
                    Err(e) if self.exc_is(&e, stop) => Ok(None),
                    Err(e) => Err(e),
                };
            }
            _ => return Err(self.not_an_iterator(it)),
        };
        // Simple states advance in place.
        match state {
            IterState::Seq { items, index } => {
                let v = items.get(*index).cloned();
                if v.is_some() {
                    *index += 1;
                }
                return Ok(v);
            }
            IterState::Range { next, stop, step } => {
                let cur = *next;
                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                    *next = cur.saturating_add(*step);
                    return Ok(Some(Value::Int(cur)));
                }
                return Ok(None);
            }
            IterState::List { list, index } => {
                let (list, i) = (*list, *index);
                let item = match self.heap.get(list) {
                    Object::List(l) => l.get(i).cloned(),
                    _ => None,
                };
                if let (Some(_), Object::Iterator(IterState::List { index, .. })) =
                    (&item, self.heap.get_mut(r))
                {
                    *index += 1;
                }
                return Ok(item);
            }
            IterState::DictKeys {
                dict,
                pos,
                size,
                left,
                kind,
            } => {
                let (dict, start, size, left, kind) = (*dict, *pos, *size, *left, *kind);
                let (table, is_set) = match self.heap.get(dict) {
                    Object::Dict(d) => (d, false),
                    Object::Set { items, .. } => (items, true),
                    _ => return Ok(None),
                };
                let what = if is_set { "Set" } else { "dictionary" };
                if table.len() != size {
                    if let Object::Iterator(IterState::DictKeys { size, .. }) = self.heap.get_mut(r)
                    {
                        *size = usize::MAX;
                    }
                    return Err(self.runtime_error(format!("{what} changed size during iteration")));
                }
                let mut p = start;
                let mut found = None;
                while p < table.capacity_positions() {
                    if let Some(e) = table.entry_at(p) {
                        found = Some(match kind {
                            DictViewKind::Keys => e.key.clone(),
                            DictViewKind::Values => e.value.clone(),
                            DictViewKind::Items => {
                                Value::tuple(vec![e.key.clone(), e.value.clone()])
                            }
                        });
                        p += 1;
                        break;
                    }
                    p += 1;
                }
                if found.is_some() && left == 0 && !is_set {
                    return Err(self.runtime_error(format!("{what} keys changed during iteration")));
                }
                if let Object::Iterator(IterState::DictKeys { pos, left, .. }) =
                    self.heap.get_mut(r)
                {
                    *pos = p;
                    if found.is_some() {
                        *left = left.saturating_sub(1);
                    }
                }
                return Ok(found);
            }
            IterState::Reversed { list, index } => {
                let (list, i) = (*list, *index);
                if i == 0 {
                    return Ok(None);
                }
                let item = match self.heap.get(list) {
                    Object::List(l) => l.get(i - 1).cloned(),
                    _ => None,
                };
                if let Object::Iterator(IterState::Reversed { index, .. }) = self.heap.get_mut(r) {
                    *index = if item.is_some() { i - 1 } else { 0 };
                }
                return Ok(item);
            }
            _ => {}
        }
        // States that call back into the VM.
        let state = match self.heap.get(r) {
            Object::Iterator(s) => s.clone(),
            _ => unreachable!("checked above"),
        };
        match state {
            IterState::Enumerate { inner, count } => {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                if let Object::Iterator(IterState::Enumerate { count, .. }) = self.heap.get_mut(r) {
                    *count += 1;
                }
                Ok(Some(Value::tuple(vec![Value::Int(count), v])))
            }
            IterState::Zip { inners } => {
                let mut items = Vec::with_capacity(inners.len());
                for inner in &inners {
                    match self.next(inner)? {
                        Some(v) => items.push(v),
                        None => return Ok(None),
                    }
                }
                if items.is_empty() {
                    return Ok(None);
                }
                Ok(Some(Value::tuple(items)))
            }
            IterState::Map { func, inner } => match self.next(&inner)? {
                Some(v) => self.call_positional(&func, vec![v]).map(Some),
                None => Ok(None),
            },
            IterState::StarMap { func, inner } => match self.next(&inner)? {
                Some(Value::Tuple(args)) => self.call_positional(&func, args.to_vec()).map(Some),
                Some(v) => self.call_positional(&func, vec![v]).map(Some),
                None => Ok(None),
            },
            IterState::Filter { func, inner } => loop {
                let Some(v) = self.next(&inner)? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    self.is_true(&v)?
                } else {
                    let t = self.call_positional(&func, vec![v.clone()])?;
                    self.is_true(&t)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            _ => Ok(None),
        }
    }

    fn not_an_iterator(&mut self, v: &Value) -> crate::host::vm::Exc {
        let t = self.type_name(v);
        self.type_error(format!("'{t}' object is not an iterator"))
    }

    /// Iterates `iterable` and collects the items (list(), unpacking, `*`).
    pub fn collect(&mut self, iterable: &Value) -> PyResult<Vec<Value>> {
        match iterable {
            Value::Tuple(t) => return Ok(t.to_vec()),
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(l) => return Ok(l.clone()),
                Object::Dict(d) => return Ok(d.keys()),
                Object::Set { items, .. } => return Ok(items.keys()),
                _ => {}
            },
            _ => {}
        }
        let it = self.iter(iterable)?;
        let mut out = Vec::new();
        while let Some(v) = self.next(&it)? {
            out.push(v);
        }
        Ok(out)
    }

    /// A new iterator object over a fixed sequence of values.
    pub fn seq_iter(&mut self, items: Vec<Value>) -> Value {
        let items: Arc<[Value]> = items.into();
        self.alloc(Object::Iterator(IterState::Seq { items, index: 0 }))
    }
}
