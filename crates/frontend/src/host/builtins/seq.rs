//! Built-in functions over sequences and iterables.

use crate::bytecode::CmpOp;
use crate::host::args::{bind, positional};
use crate::host::methods::list::sort_values;
use crate::host::object::{Args, IterState, Object};
use crate::host::ops::compare::{range_len, range_len_wide};
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};

impl Vm {
    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        let n = match v {
            Value::Str(s) => s.char_len(),
            Value::Bytes(b) => b.len(),
            Value::Tuple(t) => t.len(),
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(l) => l.len(),
                Object::Dict(d) => d.len(),
                Object::DictView { dict, .. } => match self.heap.get(*dict) {
                    Object::Dict(d) => d.len(),
                    _ => 0,
                },
                Object::Set { items, .. } => items.len(),
                Object::Range { start, stop, step } => {
                    let n = range_len_wide(*start, *stop, *step);
                    if n > i64::MAX as i128 {
                        return Err(
                            self.overflow_error("Python int too large to convert to C ssize_t")
                        );
                    }
                    n as usize
                }
                Object::Instance(_) => match self.call_special(v, "__len__", Vec::new())? {
                    Some(n) => {
                        let n = self.to_index(&n)?;
                        if n < 0 {
                            return Err(self.value_error("__len__() should return >= 0"));
                        }
                        n as usize
                    }
                    None => match self.base_value(v) {
                        Some(base) => return self.len(&base),
                        None => return Err(self.no_len(v)),
                    },
                },
                _ => return Err(self.no_len(v)),
            },
            _ => return Err(self.no_len(v)),
        };
        Ok(n)
    }

    fn no_len(&mut self, v: &Value) -> crate::host::vm::Exc {
        let t = self.type_name(v);
        self.type_error(format!("object of type '{t}' has no len()"))
    }
}

pub fn builtin_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "len", args, 1, 1)?;
    Ok(Value::Int(vm.len(&a[0])? as i64))
}

/// `min` and `max`: `op` is the comparison that makes a new item win.
fn min_max(vm: &mut Vm, mut args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let key = args.take_kwarg("key").filter(|k| !k.is_none());
    let default = args.take_kwarg("default");
    if let Some((k, _)) = args.kwargs.first() {
        return Err(vm.type_error(format!(
            "'{}' is an invalid keyword argument for {name}()",
            k.as_str()
        )));
    }
    let items = match args.args.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.collect(&args.args[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.args
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call_positional(f, vec![item.clone()])?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                let wins = vm.rich_compare(op, &k, &bk)?;
                if vm.is_true(&wins)? {
                    (k, item)
                } else {
                    (bk, bv)
                }
            }
        });
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub fn builtin_min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", CmpOp::Lt)
}

pub fn builtin_max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", CmpOp::Gt)
}

pub fn builtin_sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = bind(vm, "sum", args, &["iterable", "start"], 1)?;
    let start = s[1].clone().unwrap_or(Value::Int(0));
    if matches!(start, Value::Str(_)) {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if matches!(start, Value::Bytes(_)) {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    let iterable = s[0].clone().unwrap_or(Value::None);
    let it = vm.iter(&iterable)?;
    let mut acc = start;
    while let Some(v) = vm.next(&it)? {
        acc = vm.binary_op(crate::bytecode::BinOp::Add, acc, v)?;
    }
    Ok(acc)
}

pub fn builtin_sorted(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let key = args.take_kwarg("key").filter(|k| !k.is_none());
    let reverse = match args.take_kwarg("reverse") {
        Some(r) => vm.is_true(&r)?,
        None => false,
    };
    let a = positional(vm, "sorted", args, 1, 1)?;
    let mut items = vm.collect(&a[0])?;
    sort_values(vm, &mut items, key, reverse)?;
    Ok(vm.new_list(items))
}

pub fn builtin_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "iter", args, 1, 1)?;
    vm.iter(&a[0])
}

pub fn builtin_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "next", args, 1, 2)?;
    match vm.next(&a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration()),
        },
    }
}

pub fn builtin_enumerate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = bind(vm, "enumerate", args, &["iterable", "start"], 1)?;
    let inner = vm.iter(s[0].as_ref().unwrap_or(&Value::None))?;
    let count = match &s[1] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    Ok(vm.alloc(Object::Iterator(IterState::Enumerate { inner, count })))
}

pub fn builtin_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "reversed", args, 1, 1)?;
    let seq = &a[0];
    let items: Vec<Value> = match seq {
        Value::Tuple(t) => t.iter().rev().cloned().collect(),
        Value::Str(s) => s
            .chars()
            .rev()
            .map(|c| Value::string(c.to_string()))
            .collect(),
        Value::Bytes(b) => b.iter().rev().map(|&c| Value::Int(c as i64)).collect(),
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::List(l) => {
                let index = l.len();
                return Ok(vm.alloc(Object::Iterator(IterState::Reversed { list: *r, index })));
            }
            Object::Range { start, stop, step } => {
                let (start, step) = (*start, *step);
                let n = range_len(start, *stop, step);
                let state = if n == 0 {
                    IterState::Range {
                        next: 0,
                        stop: 0,
                        step: 1,
                    }
                } else {
                    // Items lie between start and stop, so the last one fits.
                    let last = start + (n - 1) * step;
                    IterState::Range {
                        next: last,
                        stop: start.saturating_sub(step),
                        step: step.saturating_neg(),
                    }
                };
                return Ok(vm.alloc(Object::Iterator(state)));
            }
            Object::Dict(d) => d.keys().into_iter().rev().collect(),
            Object::Instance(_) => {
                if let Some(v) = vm.call_special(seq, "__reversed__", Vec::new())? {
                    return Ok(v);
                }
                let n = vm.len(seq)?;
                let mut out = Vec::with_capacity(n);
                for i in (0..n).rev() {
                    out.push(vm.getitem(seq, &Value::Int(i as i64))?);
                }
                out
            }
            _ => return Err(not_reversible(vm, seq)),
        },
        _ => return Err(not_reversible(vm, seq)),
    };
    Ok(vm.seq_iter(items))
}

fn not_reversible(vm: &mut Vm, v: &Value) -> crate::host::vm::Exc {
    let t = vm.type_name(v);
    vm.type_error(format!("'{t}' object is not reversible"))
}

pub fn builtin_zip(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    args.take_kwarg("strict");
    let a = positional(vm, "zip", args, 0, usize::MAX)?;
    let mut inners = Vec::with_capacity(a.len());
    for v in &a {
        inners.push(vm.iter(v)?);
    }
    Ok(vm.alloc(Object::Iterator(IterState::Zip { inners })))
}

pub fn builtin_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "map", args, 2, usize::MAX)?;
    let func = a[0].clone();
    if a.len() == 2 {
        let inner = vm.iter(&a[1])?;
        return Ok(vm.alloc(Object::Iterator(IterState::Map { func, inner })));
    }
    let mut inners = Vec::with_capacity(a.len() - 1);
    for v in &a[1..] {
        inners.push(vm.iter(v)?);
    }
    let inner = vm.alloc(Object::Iterator(IterState::Zip { inners }));
    Ok(vm.alloc(Object::Iterator(IterState::StarMap { func, inner })))
}

pub fn builtin_filter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "filter", args, 2, 2)?;
    let inner = vm.iter(&a[1])?;
    Ok(vm.alloc(Object::Iterator(IterState::Filter {
        func: a[0].clone(),
        inner,
    })))
}

pub fn builtin_any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "any", args, 1, 1)?;
    let it = vm.iter(&a[0])?;
    while let Some(v) = vm.next(&it)? {
        if vm.is_true(&v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

pub fn builtin_all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "all", args, 1, 1)?;
    let it = vm.iter(&a[0])?;
    while let Some(v) = vm.next(&it)? {
        if !vm.is_true(&v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}
