//! Methods of `dict`.
//!
//! `keys()`, `values()` and `items()` return live views, as CPython's:
//! iterating over one while the dict changes size raises `RuntimeError`.

use super::{arity, heap_receiver, MethodTable};
use crate::host::object::{Args, DictViewKind, Object};
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("get", get),
    ("keys", keys),
    ("values", values),
    ("items", items),
    ("pop", pop),
    ("setdefault", setdefault),
    ("update", update),
    ("copy", copy),
    ("clear", clear),
    ("popitem", popitem),
    ("__len__", len),
    ("__contains__", contains),
    ("__getitem__", getitem),
    ("__setitem__", setitem),
    ("__delitem__", delitem),
    ("__iter__", iter),
];

/// Class methods of `dict`.
pub const CLASS_METHODS: MethodTable = &[("fromkeys", fromkeys)];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Value> {
    heap_receiver(vm, args, method, "dict", |o| matches!(o, Object::Dict(_))).map(Value::Ref)
}

fn table<'a>(vm: &'a Vm, d: &Value) -> &'a crate::host::dict::Dict {
    match d.as_ref().map(|r| vm.heap.get(r)) {
        Some(Object::Dict(t)) => t,
        _ => unreachable!("receiver checked"),
    }
}

fn get(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "get")?;
    arity(vm, &args, "get", 1, 2)?;
    Ok(vm
        .dict_get(&d, &args.args[0])?
        .unwrap_or_else(|| args.args.get(1).cloned().unwrap_or(Value::None)))
}

fn keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(vm, args, "keys", DictViewKind::Keys)
}

fn values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(vm, args, "values", DictViewKind::Values)
}

fn items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    view(vm, args, "items", DictViewKind::Items)
}

/// `d.keys()` and friends: a live view of the dict.
fn view(vm: &mut Vm, mut args: Args, name: &str, kind: DictViewKind) -> PyResult<Value> {
    let d = this(vm, &mut args, name)?;
    arity(vm, &args, name, 0, 0)?;
    let Value::Ref(dict) = d else {
        unreachable!("a dict is on the heap")
    };
    Ok(vm.alloc(Object::DictView { dict, kind }))
}

fn pop(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "pop")?;
    arity(vm, &args, "pop", 1, 2)?;
    match vm.dict_remove(&d, &args.args[0])? {
        Some(v) => Ok(v),
        None => match args.args.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(args.args[0].clone())),
        },
    }
}

fn setdefault(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "setdefault")?;
    arity(vm, &args, "setdefault", 1, 2)?;
    if let Some(v) = vm.dict_get(&d, &args.args[0])? {
        return Ok(v);
    }
    let default = args.args.get(1).cloned().unwrap_or(Value::None);
    vm.dict_set(&d, args.args[0].clone(), default.clone())?;
    Ok(default)
}

fn update(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "update")?;
    let kwargs = std::mem::take(&mut args.kwargs);
    arity(vm, &args, "update", 0, 1)?;
    if let Some(src) = args.args.first() {
        vm.dict_update(&d, src)?;
    }
    for (k, v) in kwargs {
        vm.dict_set(&d, Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn copy(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "copy")?;
    arity(vm, &args, "copy", 0, 0)?;
    vm.dict_copy(&d)
}

fn clear(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "clear")?;
    arity(vm, &args, "clear", 0, 0)?;
    if let Some(Object::Dict(t)) = d.as_ref().map(|r| vm.heap.get_mut(r)) {
        t.clear();
    }
    Ok(Value::None)
}

fn popitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "popitem")?;
    arity(vm, &args, "popitem", 0, 0)?;
    let entry = match d.as_ref().map(|r| vm.heap.get_mut(r)) {
        Some(Object::Dict(t)) => t.pop_last(),
        _ => None,
    };
    match entry {
        Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
        None => {
            let cls = vm.types.key_error;
            Err(vm.new_exception(cls, "popitem(): dictionary is empty"))
        }
    }
}

fn len(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__len__")?;
    Ok(Value::Int(table(vm, &d).len() as i64))
}

fn contains(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__contains__")?;
    arity(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::Bool(vm.dict_get(&d, &args.args[0])?.is_some()))
}

fn getitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__getitem__")?;
    arity(vm, &args, "__getitem__", 1, 1)?;
    vm.getitem(&d, &args.args[0])
}

fn setitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__setitem__")?;
    arity(vm, &args, "__setitem__", 2, 2)?;
    let v = args.args.pop().unwrap_or(Value::None);
    vm.dict_set(&d, args.args[0].clone(), v)?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__delitem__")?;
    arity(vm, &args, "__delitem__", 1, 1)?;
    vm.delitem(&d, &args.args[0])?;
    Ok(Value::None)
}

fn iter(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let d = this(vm, &mut args, "__iter__")?;
    vm.iter(&d)
}

/// `dict.fromkeys(iterable, value=None)` (a classmethod: receives the class).
fn fromkeys(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if !args.args.is_empty() {
        args.args.remove(0);
    }
    arity(vm, &args, "fromkeys", 1, 2)?;
    let value = args.args.get(1).cloned().unwrap_or(Value::None);
    let d = vm.new_dict();
    for k in vm.collect(&args.args[0])? {
        vm.dict_set(&d, k, value.clone())?;
    }
    Ok(d)
}
