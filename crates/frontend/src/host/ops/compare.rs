//! Comparisons, membership and truth.
//!
//! Built-in values compare structurally (numbers across kinds, sequences
//! lexicographically, dicts and sets by contents); instances of user
//! classes go through `__eq__`/`__lt__`/... with the reflected method of
//! the right operand as fallback, and identity for `==` when neither
//! defines it.

use super::num::{as_number, num_cmp};
use crate::bytecode::CmpOp;
use crate::host::object::Object;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use std::cmp::Ordering;

/// The special method of a rich comparison and that of its reflection.
fn cmp_dunders(op: CmpOp) -> (&'static str, &'static str) {
    match op {
        CmpOp::Lt => ("__lt__", "__gt__"),
        CmpOp::Le => ("__le__", "__ge__"),
        CmpOp::Gt => ("__gt__", "__lt__"),
        CmpOp::Ge => ("__ge__", "__le__"),
        CmpOp::Eq => ("__eq__", "__eq__"),
        _ => ("__ne__", "__ne__"),
    }
}

fn ordering_matches(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
        CmpOp::Eq => o == Ordering::Equal,
        _ => o != Ordering::Equal,
    }
}

impl Vm {
    /// Comparisons including `is`, `in`; returns a value (`bool` for the
    /// built-in types; whatever `__eq__` & co. return for instances).
    pub fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
            if !matches!(op, CmpOp::In | CmpOp::NotIn) {
                return Ok(Value::Bool(match op {
                    CmpOp::Lt => x < y,
                    CmpOp::Le => x <= y,
                    CmpOp::Gt => x > y,
                    CmpOp::Ge => x >= y,
                    CmpOp::Eq | CmpOp::Is => x == y,
                    _ => x != y,
                }));
            }
        }
        match op {
            CmpOp::Is => Ok(Value::Bool(a.is(&b))),
            CmpOp::IsNot => Ok(Value::Bool(!a.is(&b))),
            CmpOp::In => Ok(Value::Bool(self.contains(&b, &a)?)),
            CmpOp::NotIn => Ok(Value::Bool(!self.contains(&b, &a)?)),
            _ => self.rich_compare(op, &a, &b),
        }
    }

    /// `a == b` as a Rust bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) && !matches!(a, Value::Float(f) if f.is_nan()) {
            return Ok(true);
        }
        if let Some(r) = crate::host::dict::structural_eq(a, b) {
            return Ok(r);
        }
        let v = self.rich_compare(CmpOp::Eq, a, b)?;
        self.is_true(&v)
    }

    /// `a < b` as a Rust bool (sorting, `min`, `max`).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
            _ => {
                let v = self.rich_compare(CmpOp::Lt, a, b)?;
                self.is_true(&v)
            }
        }
    }

    /// A rich comparison (`< <= == != > >=`).
    pub fn rich_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        if self.is_instance_value(a) || self.is_instance_value(b) {
            return self.user_compare(op, a, b);
        }
        if matches!(op, CmpOp::Eq | CmpOp::Ne) {
            let eq = self.builtin_eq(a, b)?;
            return Ok(Value::Bool(eq == (op == CmpOp::Eq)));
        }
        match self.builtin_order(op, a, b)? {
            Some(r) => Ok(Value::Bool(r)),
            None => Err(self.compare_error(op, a, b)),
        }
    }

    fn compare_error(&mut self, op: CmpOp, a: &Value, b: &Value) -> crate::host::vm::Exc {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        self.type_error(format!(
            "'{}' not supported between instances of '{ta}' and '{tb}'",
            op.symbol()
        ))
    }

    fn user_compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        let (name, rname) = cmp_dunders(op);
        if let Some(v) = self.call_special(a, name, vec![b.clone()])? {
            if !matches!(v, Value::NotImplemented) {
                return Ok(v);
            }
        } else if op == CmpOp::Ne {
            if let Some(v) = self.call_special(a, "__eq__", vec![b.clone()])? {
                if !matches!(v, Value::NotImplemented) {
                    return Ok(Value::Bool(!self.is_true(&v)?));
                }
            }
        }
        if let Some(v) = self.call_special(b, rname, vec![a.clone()])? {
            if !matches!(v, Value::NotImplemented) {
                return Ok(v);
            }
        }
        // Instances of subclasses of built-in types compare as their base
        // values unless they define the comparison themselves.
        let (ba, bb) = (self.base_value(a), self.base_value(b));
        if ba.is_some() || bb.is_some() {
            let x = ba.unwrap_or_else(|| a.clone());
            let y = bb.unwrap_or_else(|| b.clone());
            return self.rich_compare(op, &x, &y);
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(a.is(b))),
            CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => Err(self.compare_error(op, a, b)),
        }
    }

    /// `==` between built-in values (items may be instances).
    fn builtin_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(num_cmp(&x, &y) == Some(Ordering::Equal));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(x == y),
            (Value::Bytes(x), Value::Bytes(y)) => Ok(x == y),
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(&x.clone(), &y.clone()),
            (Value::Ref(x), Value::Ref(y)) => {
                if x == y {
                    return Ok(true);
                }
                match (self.heap.get(*x), self.heap.get(*y)) {
                    (Object::List(p), Object::List(q)) => {
                        let (p, q) = (p.clone(), q.clone());
                        self.seq_eq(&p, &q)
                    }
                    (Object::Dict(p), Object::Dict(q)) => {
                        if p.len() != q.len() {
                            return Ok(false);
                        }
                        for (k, v) in p.items() {
                            match self.dict_get(b, &k)? {
                                Some(w) if self.eq(&v, &w)? => {}
                                _ => return Ok(false),
                            }
                        }
                        Ok(true)
                    }
                    (Object::Set { items: p, .. }, Object::Set { items: q, .. }) => {
                        if p.len() != q.len() {
                            return Ok(false);
                        }
                        self.set_is_subset(a, b)
                    }
                    (Object::Builtin(b1), Object::Builtin(b2)) => Ok(b1.func as usize
                        == b2.func as usize
                        && b1.name == b2.name
                        && match (&b1.bound_self, &b2.bound_self) {
                            (Some(p), Some(q)) => p.is(q),
                            (None, None) => true,
                            _ => false,
                        }),
                    (
                        Object::Range { start, stop, step },
                        Object::Range {
                            start: s2,
                            stop: e2,
                            step: t2,
                        },
                    ) => {
                        let (p, q) = (
                            range_items_key(*start, *stop, *step),
                            range_items_key(*s2, *e2, *t2),
                        );
                        Ok(p == q)
                    }
                    _ => Ok(false),
                }
            }
            _ => Ok(false),
        }
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// An ordering comparison between built-in values; `None` when the
    /// types do not support it.
    fn builtin_order(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            return Ok(Some(
                num_cmp(&x, &y).is_some_and(|o| ordering_matches(op, o)),
            ));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => {
                Ok(Some(ordering_matches(op, x.as_str().cmp(y.as_str()))))
            }
            (Value::Bytes(x), Value::Bytes(y)) => Ok(Some(ordering_matches(op, x.cmp(y)))),
            (Value::Tuple(x), Value::Tuple(y)) => {
                self.seq_order(op, &x.clone(), &y.clone()).map(Some)
            }
            (Value::Ref(x), Value::Ref(y)) => match (self.heap.get(*x), self.heap.get(*y)) {
                (Object::List(p), Object::List(q)) => {
                    let (p, q) = (p.clone(), q.clone());
                    self.seq_order(op, &p, &q).map(Some)
                }
                (Object::Set { items: p, .. }, Object::Set { items: q, .. }) => {
                    let (lp, lq) = (p.len(), q.len());
                    Ok(Some(match op {
                        CmpOp::Le => self.set_is_subset(a, b)?,
                        CmpOp::Lt => lp < lq && self.set_is_subset(a, b)?,
                        CmpOp::Ge => self.set_is_subset(b, a)?,
                        _ => lq < lp && self.set_is_subset(b, a)?,
                    }))
                }
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// Lexicographic ordering of sequences.
    fn seq_order(&mut self, op: CmpOp, x: &[Value], y: &[Value]) -> PyResult<bool> {
        for (p, q) in x.iter().zip(y.iter()) {
            if !self.eq(p, q)? {
                let v = self.rich_compare(op, p, q)?;
                return self.is_true(&v);
            }
        }
        Ok(ordering_matches(op, x.len().cmp(&y.len())))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match self.unwrap_base_value(item) {
                Value::Str(sub) => Ok(s.contains(sub.as_str())),
                _ => {
                    let t = self.type_name(item);
                    Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {t}"
                    )))
                }
            },
            Value::Bytes(bs) => match item {
                Value::Bytes(sub) => {
                    Ok(sub.is_empty() || bs.windows(sub.len()).any(|w| w == &sub[..]))
                }
                Value::Int(i) if (0..256).contains(i) => Ok(bs.contains(&(*i as u8))),
                Value::Int(_) => Err(self.value_error("byte must be in range(0, 256)")),
                _ => {
                    let t = self.type_name(item);
                    Err(self.type_error(format!("a bytes-like object is required, not '{t}'")))
                }
            },
            Value::Tuple(items) => {
                let items = items.clone();
                self.seq_contains(&items, item)
            }
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(_) => {
                    // Index-based: the list may change while `__eq__` runs.
                    let mut i = 0;
                    loop {
                        let v = match self.heap.get(*r) {
                            Object::List(l) if i < l.len() => l[i].clone(),
                            _ => return Ok(false),
                        };
                        if v.is(item) || self.eq(&v, item)? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                }
                Object::Dict(_) => Ok(self.dict_get(container, item)?.is_some()),
                Object::DictView { dict, kind } => {
                    let (dict, kind) = (Value::Ref(*dict), *kind);
                    match kind {
                        crate::host::object::DictViewKind::Keys => {
                            Ok(self.dict_get(&dict, item)?.is_some())
                        }
                        crate::host::object::DictViewKind::Items => match item {
                            Value::Tuple(kv) if kv.len() == 2 => {
                                match self.dict_get(&dict, &kv[0])? {
                                    Some(v) => Ok(v.is(&kv[1]) || self.eq(&v, &kv[1])?),
                                    None => Ok(false),
                                }
                            }
                            _ => Ok(false),
                        },
                        crate::host::object::DictViewKind::Values => {
                            let values = self.collect(container)?;
                            self.seq_contains(&values, item)
                        }
                    }
                }
                Object::Set { .. } => self.set_contains(container, item),
                Object::Range { start, stop, step } => {
                    let (start, stop, step) = (*start, *stop, *step);
                    let item = self.unwrap_base_value(item);
                    let Some(i) = as_number(&item) else {
                        return Ok(false);
                    };
                    let i = match i {
                        super::num::Num::Int(i) => i,
                        super::num::Num::Float(f) if f.fract() == 0.0 && f.abs() < 9e18 => f as i64,
                        _ => return Ok(false),
                    };
                    let inside = if step > 0 {
                        start <= i && i < stop
                    } else {
                        stop < i && i <= start
                    };
                    Ok(inside && (i - start) % step == 0)
                }
                Object::Instance(i) => {
                    let base = i.base_value.clone();
                    if let Some(v) =
                        self.call_special(container, "__contains__", vec![item.clone()])?
                    {
                        return self.is_true(&v);
                    }
                    match base {
                        Some(base) => self.contains(&base, item),
                        None => self.iter_contains(container, item),
                    }
                }
                _ => self.iter_contains(container, item),
            },
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(format!("argument of type '{t}' is not iterable")))
            }
        }
    }

    fn seq_contains(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for v in items {
            if v.is(item) || self.eq(v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn iter_contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = self.iter(container)?;
        while let Some(v) = self.next(&it)? {
            if v.is(item) || self.eq(&v, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `bool(v)`.
    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::None => false,
            Value::Ellipsis | Value::NotImplemented => true,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Method(_) => true,
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(l) => !l.is_empty(),
                Object::Dict(d) => !d.is_empty(),
                Object::Set { items, .. } => !items.is_empty(),
                Object::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
                Object::Instance(_) => {
                    if let Some(b) = self.call_special(v, "__bool__", Vec::new())? {
                        return match b {
                            Value::Bool(b) => Ok(b),
                            _ => {
                                let t = self.type_name(&b);
                                Err(self.type_error(format!(
                                    "__bool__ should return bool, returned {t}"
                                )))
                            }
                        };
                    }
                    if let Some(n) = self.call_special(v, "__len__", Vec::new())? {
                        return Ok(self.to_index(&n)? != 0);
                    }
                    match self.base_value(v) {
                        Some(base) => return self.is_true(&base),
                        None => true,
                    }
                }
                _ => true,
            },
        })
    }
}

/// The number of items of `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    range_len_wide(start, stop, step) as i64
}

/// The length of a range, which may not fit in a word.
pub fn range_len_wide(start: i64, stop: i64, step: i64) -> i128 {
    let (start, stop, step) = (start as i128, stop as i128, step as i128);
    let n = if step > 0 && start < stop {
        (stop - start - 1) / step + 1
    } else if step < 0 && start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    n
}

/// What decides the equality of two ranges: their length, first item and
/// step (when there are at least two items).
fn range_items_key(start: i64, stop: i64, step: i64) -> (i64, i64, i64) {
    match range_len(start, stop, step) {
        0 => (0, 0, 0),
        1 => (1, start, 0),
        n => (n, start, step),
    }
}
