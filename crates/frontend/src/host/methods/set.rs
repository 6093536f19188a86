//! Methods of `set` and `frozenset`.

use super::{arity, heap_receiver, MethodTable};
use crate::bytecode::BinOp;
use crate::host::object::{Args, Object};
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("add", add),
    ("discard", discard),
    ("remove", remove),
    ("pop", pop),
    ("clear", clear),
    ("copy", copy),
    ("update", update),
    ("intersection_update", intersection_update),
    ("difference_update", difference_update),
    ("union", union),
    ("intersection", intersection),
    ("difference", difference),
    ("symmetric_difference", symmetric_difference),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("isdisjoint", isdisjoint),
    ("__len__", len),
    ("__contains__", contains),
];

/// The read-only subset shared by `frozenset`.
pub const FROZEN_METHODS: MethodTable = &[
    ("copy", copy),
    ("union", union),
    ("intersection", intersection),
    ("difference", difference),
    ("symmetric_difference", symmetric_difference),
    ("issubset", issubset),
    ("issuperset", issuperset),
    ("isdisjoint", isdisjoint),
    ("__len__", len),
    ("__contains__", contains),
];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Value> {
    heap_receiver(vm, args, method, "set", |o| matches!(o, Object::Set { .. })).map(Value::Ref)
}

fn this_mutable(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Value> {
    heap_receiver(vm, args, method, "set", |o| {
        matches!(o, Object::Set { frozen: false, .. })
    })
    .map(Value::Ref)
}

/// An argument as a set (other iterables are converted).
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if vm.is_set(v) {
        return Ok(v.clone());
    }
    let items = vm.collect(v)?;
    vm.set_from(false, items)
}

fn add(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "add")?;
    arity(vm, &args, "set.add", 1, 1)?;
    vm.set_add(&s, args.args[0].clone())?;
    Ok(Value::None)
}

fn discard(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "discard")?;
    arity(vm, &args, "set.discard", 1, 1)?;
    vm.set_discard(&s, &args.args[0])?;
    Ok(Value::None)
}

fn remove(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "remove")?;
    arity(vm, &args, "set.remove", 1, 1)?;
    if vm.set_discard(&s, &args.args[0])? {
        Ok(Value::None)
    } else {
        Err(vm.key_error(args.args[0].clone()))
    }
}

fn pop(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "pop")?;
    arity(vm, &args, "set.pop", 0, 0)?;
    let first = vm.set_items(&s).into_iter().next();
    match first {
        Some(item) => {
            vm.set_discard(&s, &item)?;
            Ok(item)
        }
        None => {
            let cls = vm.types.key_error;
            Err(vm.new_exception(cls, "pop from an empty set"))
        }
    }
}

fn clear(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "clear")?;
    arity(vm, &args, "set.clear", 0, 0)?;
    if let Some(Object::Set { items, .. }) = s.as_ref().map(|r| vm.heap.get_mut(r)) {
        items.clear();
    }
    Ok(Value::None)
}

fn copy(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "copy")?;
    arity(vm, &args, "copy", 0, 0)?;
    let frozen = matches!(
        s.as_ref().map(|r| vm.heap.get(r)),
        Some(Object::Set { frozen: true, .. })
    );
    let items = vm.set_items(&s);
    vm.set_from(frozen, items)
}

fn update(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "update")?;
    for other in args.args {
        for item in vm.collect(&other)? {
            vm.set_add(&s, item)?;
        }
    }
    Ok(Value::None)
}

/// Replaces the contents of the mutable set `s` with `result`'s.
fn replace_contents(vm: &mut Vm, s: &Value, result: &Value) -> PyResult<()> {
    let items = vm.set_items(result);
    if let Some(Object::Set { items, .. }) = s.as_ref().map(|r| vm.heap.get_mut(r)) {
        items.clear();
    }
    for item in items {
        vm.set_add(s, item)?;
    }
    Ok(())
}

fn intersection_update(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "intersection_update")?;
    let result = fold(vm, s.clone(), args.args, BinOp::And)?;
    replace_contents(vm, &s, &result)?;
    Ok(Value::None)
}

fn difference_update(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this_mutable(vm, &mut args, "difference_update")?;
    let result = fold(vm, s.clone(), args.args, BinOp::Sub)?;
    replace_contents(vm, &s, &result)?;
    Ok(Value::None)
}

/// Applies `op` between `s` and each argument in turn (a new set).
fn fold(vm: &mut Vm, s: Value, others: Vec<Value>, op: BinOp) -> PyResult<Value> {
    let mut acc = s.clone();
    if others.is_empty() {
        let frozen = matches!(
            s.as_ref().map(|r| vm.heap.get(r)),
            Some(Object::Set { frozen: true, .. })
        );
        let items = vm.set_items(&s);
        return vm.set_from(frozen, items);
    }
    for other in others {
        let other = as_set(vm, &other)?;
        acc = vm.set_binop(op, &acc, &other)?;
    }
    Ok(acc)
}

fn union(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "union")?;
    fold(vm, s, args.args, BinOp::Or)
}

fn intersection(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "intersection")?;
    fold(vm, s, args.args, BinOp::And)
}

fn difference(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "difference")?;
    fold(vm, s, args.args, BinOp::Sub)
}

fn symmetric_difference(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "symmetric_difference")?;
    arity(vm, &args, "symmetric_difference", 1, 1)?;
    fold(vm, s, args.args, BinOp::Xor)
}

fn issubset(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "issubset")?;
    arity(vm, &args, "issubset", 1, 1)?;
    let other = as_set(vm, &args.args[0])?;
    vm.set_is_subset(&s, &other).map(Value::Bool)
}

fn issuperset(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "issuperset")?;
    arity(vm, &args, "issuperset", 1, 1)?;
    let other = as_set(vm, &args.args[0])?;
    vm.set_is_subset(&other, &s).map(Value::Bool)
}

fn isdisjoint(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "isdisjoint")?;
    arity(vm, &args, "isdisjoint", 1, 1)?;
    for item in vm.collect(&args.args[0])? {
        if vm.set_contains(&s, &item)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn len(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "__len__")?;
    Ok(Value::Int(vm.set_items(&s).len() as i64))
}

fn contains(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let s = this(vm, &mut args, "__contains__")?;
    arity(vm, &args, "__contains__", 1, 1)?;
    vm.set_contains(&s, &args.args[0]).map(Value::Bool)
}
