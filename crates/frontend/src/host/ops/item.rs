//! Subscription: `x[i]`, `x[i] = v`, `del x[i]`, and slices.

use super::compare::range_len;
use crate::host::object::Object;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};

/// A slice resolved against a sequence length: `start`, `step` and the
/// number of items it selects.
#[derive(Clone, Copy, Debug)]
pub struct SliceIndices {
    pub start: i64,
    pub step: i64,
    pub len: usize,
}

impl SliceIndices {
    /// The indexes selected, in order.
    pub fn indices(self) -> impl Iterator<Item = usize> {
        (0..self.len).map(move |k| (self.start + k as i64 * self.step) as usize)
    }
}

impl Vm {
    pub fn getitem(&mut self, obj: &Value, index: &Value) -> PyResult<Value> {
        match (obj, index) {
            (Value::Ref(r), Value::Int(i)) => {
                if let Object::List(l) = self.heap.get(*r) {
                    let n = l.len() as i64;
                    let k = if *i < 0 { i + n } else { *i };
                    if (0..n).contains(&k) {
                        return Ok(l[k as usize].clone());
                    }
                    return Err(self.index_error("list index out of range"));
                }
            }
            (Value::Tuple(t), Value::Int(_) | Value::Bool(_)) => {
                let k = self.seq_index(index, t.len(), "tuple index out of range")?;
                return Ok(t[k].clone());
            }
            (Value::Str(s), Value::Int(_) | Value::Bool(_)) => {
                let k = self.seq_index(index, s.char_len(), "string index out of range")?;
                return Ok(Value::string(s.char_at(k).to_string()));
            }
            (Value::Bytes(b), Value::Int(_) | Value::Bool(_)) => {
                let k = self.seq_index(index, b.len(), "index out of range")?;
                return Ok(Value::Int(b[k] as i64));
            }
            _ => {}
        }
        if let Some(sl) = self.as_slice(index) {
            match obj {
                Value::Str(s) => {
                    let ix = self.slice_indices(sl, s.char_len())?;
                    if ix.step == 1 {
                        let start = ix.start as usize;
                        return Ok(Value::Str(s.substring(start, start + ix.len)));
                    }
                    let text: String = ix.indices().map(|k| s.char_at(k)).collect();
                    return Ok(Value::string(text));
                }
                Value::Bytes(b) => {
                    let ix = self.slice_indices(sl, b.len())?;
                    return Ok(Value::Bytes(
                        ix.indices().map(|k| b[k]).collect::<Vec<_>>().into(),
                    ));
                }
                Value::Tuple(t) => {
                    let ix = self.slice_indices(sl, t.len())?;
                    return Ok(Value::Tuple(
                        ix.indices()
                            .map(|k| t[k].clone())
                            .collect::<Vec<_>>()
                            .into(),
                    ));
                }
                Value::Ref(r) => match self.heap.get(*r) {
                    Object::List(l) => {
                        let len = l.len();
                        let ix = self.slice_indices(sl, len)?;
                        let Object::List(l) = self.heap.get(*r) else {
                            unreachable!()
                        };
                        let items: Vec<Value> = ix.indices().map(|k| l[k].clone()).collect();
                        return Ok(self.new_list(items));
                    }
                    Object::Range { start, step, stop } => {
                        let (start, stop, step) = (*start, *stop, *step);
                        let n = range_len(start, stop, step) as usize;
                        let ix = self.slice_indices(sl, n)?;
                        let new_start = start + ix.start * step;
                        let new_step = step.saturating_mul(ix.step);
                        let new_stop =
                            new_start.saturating_add((ix.len as i64).saturating_mul(new_step));
                        return Ok(self.alloc(Object::Range {
                            start: new_start,
                            stop: new_stop,
                            step: new_step,
                        }));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        if self.is_instance_value(index) && !self.is_mapping_like(obj) {
            // An index given by `__index__` or an int subclass instance.
            if let Some(i) = self.index_value(index)? {
                return self.getitem(obj, &i);
            }
        }
        match obj {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(_) => {
                    let t = self.type_name(index);
                    Err(self
                        .type_error(format!("list indices must be integers or slices, not {t}")))
                }
                Object::Dict(_) => match self.dict_get(obj, index)? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(index.clone())),
                },
                Object::Range { start, stop, step } => {
                    let (start, stop, step) = (*start, *stop, *step);
                    let n = range_len(start, stop, step) as usize;
                    let k = self.seq_index(index, n, "range object index out of range")?;
                    Ok(Value::Int(start + k as i64 * step))
                }
                Object::Instance(i) => {
                    let base = i.base_value.clone();
                    match self.call_special(obj, "__getitem__", vec![index.clone()])? {
                        Some(v) => Ok(v),
                        None => match base {
                            Some(base) => self.base_getitem(obj, &base, index),
                            None => self.not_subscriptable(obj),
                        },
                    }
                }
                Object::Class(_) => {
                    // `list[int]` and friends (annotations evaluated at import).
                    if let Some(v) =
                        self.call_special(obj, "__class_getitem__", vec![index.clone()])?
                    {
                        return Ok(v);
                    }
                    Ok(obj.clone())
                }
                _ => self.not_subscriptable(obj),
            },
            Value::Str(_) | Value::Tuple(_) | Value::Bytes(_) => {
                let t = self.type_name(obj);
                let it = self.type_name(index);
                let what = if t == "str" { "string" } else { &t };
                Err(self.type_error(format!(
                    "{what} indices must be integers or slices, not {it}"
                )))
            }
            _ => self.not_subscriptable(obj),
        }
    }

    /// `obj[index]` for a subclass instance that leaves it to its base
    /// value; a missing dict key goes to the subclass's `__missing__`.
    pub(crate) fn base_getitem(
        &mut self,
        obj: &Value,
        base: &Value,
        index: &Value,
    ) -> PyResult<Value> {
        let is_dict = matches!(base, Value::Ref(r) if matches!(self.heap.get(*r), Object::Dict(_)));
        if is_dict {
            if let Some(v) = self.dict_get(base, index)? {
                return Ok(v);
            }
            if let Some(v) = self.call_special(obj, "__missing__", vec![index.clone()])? {
                return Ok(v);
            }
            return Err(self.key_error(index.clone()));
        }
        self.getitem(base, index)
    }

    /// True if `obj` is looked up by key rather than by position (a dict,
    /// or an instance that may define its own `__getitem__`).
    fn is_mapping_like(&self, obj: &Value) -> bool {
        match obj {
            Value::Ref(r) => matches!(self.heap.get(*r), Object::Dict(_) | Object::Instance(_)),
            _ => false,
        }
    }

    fn not_subscriptable<T>(&mut self, obj: &Value) -> PyResult<T> {
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{t}' object is not subscriptable")))
    }

    pub fn setitem(&mut self, obj: &Value, index: &Value, value: Value) -> PyResult<()> {
        if let Value::Ref(r) = obj {
            match self.heap.get(*r) {
                Object::List(l) => {
                    let len = l.len();
                    if let Some(sl) = self.as_slice(index) {
                        let items = self.collect(&value)?;
                        return self.list_assign_slice(*r, sl, len, items);
                    }
                    let k = self.seq_index(index, len, "list assignment index out of range")?;
                    if let Object::List(l) = self.heap.get_mut(*r) {
                        l[k] = value;
                    }
                    return Ok(());
                }
                Object::Dict(_) => return self.dict_set(obj, index.clone(), value),
                Object::Instance(i) => {
                    let base = i.base_value.clone();
                    if !self.has_special(obj, "__setitem__") {
                        if let Some(base @ Value::Ref(_)) = base {
                            return self.setitem(&base, index, value);
                        }
                    }
                    // A guard cannot call into the VM while the heap is borrowed.
                    #[allow(clippy::collapsible_match)]
                    if self
                        .call_special(obj, "__setitem__", vec![index.clone(), value])?
                        .is_some()
                    {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{t}' object does not support item assignment")))
    }

    pub fn delitem(&mut self, obj: &Value, index: &Value) -> PyResult<()> {
        if let Value::Ref(r) = obj {
            match self.heap.get(*r) {
                Object::List(l) => {
                    let len = l.len();
                    if let Some(sl) = self.as_slice(index) {
                        let ix = self.slice_indices(sl, len)?;
                        let doomed: Vec<usize> = ix.indices().collect();
                        if let Object::List(l) = self.heap.get_mut(*r) {
                            let mut k = 0;
                            let mut i = 0;
                            let mut sorted = doomed;
                            sorted.sort_unstable();
                            l.retain(|_| {
                                let drop = k < sorted.len() && sorted[k] == i;
                                if drop {
                                    k += 1;
                                }
                                i += 1;
                                !drop
                            });
                        }
                        return Ok(());
                    }
                    let k = self.seq_index(index, len, "list assignment index out of range")?;
                    if let Object::List(l) = self.heap.get_mut(*r) {
                        l.remove(k);
                    }
                    return Ok(());
                }
                Object::Dict(_) => {
                    return match self.dict_remove(obj, index)? {
                        Some(_) => Ok(()),
                        None => Err(self.key_error(index.clone())),
                    };
                }
                Object::Instance(i) => {
                    let base = i.base_value.clone();
                    if !self.has_special(obj, "__delitem__") {
                        if let Some(base @ Value::Ref(_)) = base {
                            return self.delitem(&base, index);
                        }
                    }
                    #[allow(clippy::collapsible_match)]
                    if self
                        .call_special(obj, "__delitem__", vec![index.clone()])?
                        .is_some()
                    {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.type_error(format!("'{t}' object doesn't support item deletion")))
    }

    /// Resolves an int index against a sequence of `len` items.
    pub fn seq_index(&mut self, index: &Value, len: usize, msg: &str) -> PyResult<usize> {
        let i = match index {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::BigInt(_) => {
                return Err(self.index_error("cannot fit 'int' into an index-sized integer"))
            }
            _ => self.to_index(index)?,
        };
        let n = len as i64;
        let k = if i < 0 { i + n } else { i };
        if (0..n).contains(&k) {
            Ok(k as usize)
        } else {
            Err(self.index_error(msg))
        }
    }

    /// The (start, stop, step) of a slice object.
    fn as_slice(&self, v: &Value) -> Option<(Value, Value, Value)> {
        match v {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Slice { start, stop, step } => {
                    Some((start.clone(), stop.clone(), step.clone()))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `slice.indices(len)`, as CPython clamps them.
    pub fn slice_indices(
        &mut self,
        (start, stop, step): (Value, Value, Value),
        len: usize,
    ) -> PyResult<SliceIndices> {
        let step = if step.is_none() {
            1
        } else {
            self.slice_bound(&step)?
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let n = len as i64;
        let clamp = |v: Option<i64>, default: i64| -> i64 {
            match v {
                None => default,
                Some(i) if i < 0 => {
                    let k = i + n;
                    if k < 0 {
                        if step < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        k
                    }
                }
                Some(i) if i >= n => {
                    if step < 0 {
                        n - 1
                    } else {
                        n
                    }
                }
                Some(i) => i,
            }
        };
        let start = if start.is_none() {
            None
        } else {
            Some(self.slice_bound(&start)?)
        };
        let stop = if stop.is_none() {
            None
        } else {
            Some(self.slice_bound(&stop)?)
        };
        let (start, stop) = if step > 0 {
            (clamp(start, 0), clamp(stop, n))
        } else {
            (clamp(start, n - 1), clamp(stop, -1))
        };
        let count = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok(SliceIndices {
            start,
            step,
            len: count as usize,
        })
    }

    fn slice_bound(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::BigInt(b) => Ok(if num_traits::Signed::is_negative(&**b) {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }),
            Value::Int(_) | Value::Bool(_) => self.to_index(v),
            _ => {
                if self.is_instance_value(v) {
                    return self.to_index(v);
                }
                Err(self.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        }
    }

    /// `l[a:b:c] = items`.
    fn list_assign_slice(
        &mut self,
        r: crate::host::value::ObjRef,
        sl: (Value, Value, Value),
        len: usize,
        items: Vec<Value>,
    ) -> PyResult<()> {
        let step_is_one = matches!(sl.2, Value::None | Value::Int(1));
        let ix = self.slice_indices(sl, len)?;
        if step_is_one {
            let start = ix.start.clamp(0, len as i64) as usize;
            let end = start + ix.len;
            if let Object::List(l) = self.heap.get_mut(r) {
                l.splice(start..end, items);
            }
            return Ok(());
        }
        if items.len() != ix.len {
            return Err(self.value_error(format!(
                "attempt to assign sequence of size {} to extended slice of size {}",
                items.len(),
                ix.len
            )));
        }
        if let Object::List(l) = self.heap.get_mut(r) {
            for (k, v) in ix.indices().zip(items) {
                l[k] = v;
            }
        }
        Ok(())
    }
}
