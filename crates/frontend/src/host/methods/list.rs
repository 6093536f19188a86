//! Methods of `list`, and the stable sort shared with `sorted()`.

use super::{arity, heap_receiver, MethodTable};
use crate::host::object::{Args, Object};
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("append", append),
    ("extend", extend),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("index", index),
    ("count", count),
    ("sort", sort),
    ("reverse", reverse),
    ("copy", copy),
    ("clear", clear),
    ("__len__", len),
    ("__contains__", contains),
    ("__getitem__", getitem),
    ("__setitem__", setitem),
    ("__iter__", iter),
];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<ObjRef> {
    heap_receiver(vm, args, method, "list", |o| matches!(o, Object::List(_)))
}

fn items_mut(vm: &mut Vm, r: ObjRef) -> &mut Vec<Value> {
    match vm.heap.get_mut(r) {
        Object::List(l) => l,
        _ => unreachable!("receiver checked"),
    }
}

fn items(vm: &Vm, r: ObjRef) -> &Vec<Value> {
    match vm.heap.get(r) {
        Object::List(l) => l,
        _ => unreachable!("receiver checked"),
    }
}

fn append(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "append")?;
    arity(vm, &args, "list.append", 1, 1)?;
    let v = args.args.pop().unwrap_or(Value::None);
    items_mut(vm, r).push(v);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "extend")?;
    arity(vm, &args, "list.extend", 1, 1)?;
    let new = vm.collect(&args.args[0])?;
    items_mut(vm, r).extend(new);
    Ok(Value::None)
}

fn insert(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "insert")?;
    arity(vm, &args, "insert", 2, 2)?;
    let i = vm.to_index(&args.args[0])?;
    let v = args.args.pop().unwrap_or(Value::None);
    let l = items_mut(vm, r);
    let n = l.len() as i64;
    let k = if i < 0 { (i + n).max(0) } else { i.min(n) };
    l.insert(k as usize, v);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "pop")?;
    arity(vm, &args, "pop", 0, 1)?;
    let n = items(vm, r).len();
    if n == 0 {
        return Err(vm.index_error("pop from empty list"));
    }
    let k = match args.args.first() {
        None => n - 1,
        Some(i) => vm.seq_index(i, n, "pop index out of range")?,
    };
    Ok(items_mut(vm, r).remove(k))
}

/// The position of the first item equal to `v`.
fn position(
    vm: &mut Vm,
    r: ObjRef,
    v: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    loop {
        let item = match items(vm, r).get(i) {
            Some(x) if i < stop => x.clone(),
            _ => return Ok(None),
        };
        if item.is(v) || vm.eq(&item, v)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn remove(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "remove")?;
    arity(vm, &args, "list.remove", 1, 1)?;
    match position(vm, r, &args.args[0], 0, usize::MAX)? {
        Some(k) => {
            items_mut(vm, r).remove(k);
            Ok(Value::None)
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

/// Resolves optional `start`/`stop` arguments of `index` like slice bounds.
pub(crate) fn clamp_bounds(vm: &mut Vm, args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let mut bound = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let i = match v {
            None => default,
            Some(v) => vm.to_index(v)?,
        };
        let k = if i < 0 { (i + n).max(0) } else { i.min(n) };
        Ok(k as usize)
    };
    Ok((bound(args.get(1), 0)?, bound(args.get(2), n)?))
}

fn index(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "index")?;
    arity(vm, &args, "index", 1, 3)?;
    let len = items(vm, r).len();
    let (start, stop) = clamp_bounds(vm, &args.args, len)?;
    match position(vm, r, &args.args[0], start, stop)? {
        Some(k) => Ok(Value::Int(k as i64)),
        None => {
            let s = vm.repr(&args.args[0])?;
            Err(vm.value_error(format!("{} is not in list", s.as_str())))
        }
    }
}

fn count(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "count")?;
    arity(vm, &args, "count", 1, 1)?;
    let all = items(vm, r).clone();
    let mut n = 0;
    for item in &all {
        if item.is(&args.args[0]) || vm.eq(item, &args.args[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn sort(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "sort")?;
    let key = args.take_kwarg("key").filter(|k| !k.is_none());
    let reverse = match args.take_kwarg("reverse") {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    arity(vm, &args, "sort", 0, 0)?;
    // Sort a copy; an emptied list during the sort shows concurrent changes.
    let mut work = std::mem::take(items_mut(vm, r));
    let result = sort_values(vm, &mut work, key, reverse);
    let during = std::mem::replace(items_mut(vm, r), work);
    result?;
    if !during.is_empty() {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

fn reverse(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "reverse")?;
    arity(vm, &args, "reverse", 0, 0)?;
    items_mut(vm, r).reverse();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "copy")?;
    arity(vm, &args, "copy", 0, 0)?;
    let c = items(vm, r).clone();
    Ok(vm.new_list(c))
}

fn clear(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "clear")?;
    arity(vm, &args, "clear", 0, 0)?;
    items_mut(vm, r).clear();
    Ok(Value::None)
}

fn len(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "__len__")?;
    Ok(Value::Int(items(vm, r).len() as i64))
}

fn contains(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "__contains__")?;
    arity(vm, &args, "__contains__", 1, 1)?;
    vm.contains(&Value::Ref(r), &args.args[0]).map(Value::Bool)
}

fn getitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "__getitem__")?;
    arity(vm, &args, "__getitem__", 1, 1)?;
    vm.getitem(&Value::Ref(r), &args.args[0])
}

fn setitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "__setitem__")?;
    arity(vm, &args, "__setitem__", 2, 2)?;
    let v = args.args.pop().unwrap_or(Value::None);
    vm.setitem(&Value::Ref(r), &args.args[0], v)?;
    Ok(Value::None)
}

fn iter(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = this(vm, &mut args, "__iter__")?;
    vm.iter(&Value::Ref(r))
}

/// Sorts `items` in place, stably, using only `<` (as CPython does), with
/// an optional key function; `reverse` keeps equal items in order.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let keys = match &key {
        Some(f) => {
            let mut ks = Vec::with_capacity(items.len());
            for item in items.iter() {
                ks.push(vm.call_positional(f, vec![item.clone()])?);
            }
            ks
        }
        None => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    if reverse {
        order.reverse();
    }
    let mut buf = order.clone();
    merge_sort(vm, &keys, &mut order, &mut buf)?;
    if reverse {
        order.reverse();
    }
    let sorted: Vec<Value> = order.iter().map(|&i| items[i].clone()).collect();
    *items = sorted;
    Ok(())
}

/// Top-down merge sort of the indexes `idx` by `keys`, with a fallible
/// `<`. Never panics, whatever the comparison answers.
fn merge_sort(vm: &mut Vm, keys: &[Value], idx: &mut [usize], buf: &mut [usize]) -> PyResult<()> {
    let n = idx.len();
    if n <= 1 {
        return Ok(());
    }
    if n <= 8 {
        // Insertion sort for short runs.
        for i in 1..n {
            let mut j = i;
            while j > 0 && vm.lt(&keys[idx[j]], &keys[idx[j - 1]])? {
                idx.swap(j, j - 1);
                j -= 1;
            }
        }
        return Ok(());
    }
    let mid = n / 2;
    {
        let (left, right) = idx.split_at_mut(mid);
        let (bl, br) = buf.split_at_mut(mid);
        merge_sort(vm, keys, left, bl)?;
        merge_sort(vm, keys, right, br)?;
    }
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < mid && j < n {
        // Take from the right only if strictly smaller: stability.
        if vm.lt(&keys[idx[j]], &keys[idx[i]])? {
            buf[k] = idx[j];
            j += 1;
        } else {
            buf[k] = idx[i];
            i += 1;
        }
        k += 1;
    }
    while i < mid {
        buf[k] = idx[i];
        i += 1;
        k += 1;
    }
    while j < n {
        buf[k] = idx[j];
        j += 1;
        k += 1;
    }
    idx.copy_from_slice(&buf[..n]);
    Ok(())
}
