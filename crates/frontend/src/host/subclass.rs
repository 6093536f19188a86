//! Instances of user subclasses of the data-holding built-in types: `int`,
//! `float`, `str`, `bytes`, `tuple`, `list`, `dict` and `set`.
//!
//! Such an instance is an ordinary [`Instance`] (a class and an attribute
//! dict) that also carries the built-in value it stands for in
//! [`Instance::base_value`]: the number, string, bytes or tuple itself, or
//! a separate heap list, dict or set for the mutable types, so that the
//! native methods and operations of the base type can work on it as they
//! are. Special methods written in Python by the subclass are dispatched
//! first, as for every user class; what the subclass leaves to its base
//! type, the operations in `ops/` do on the wrapped value, asking
//! [`Vm::base_value`] as their last resort (`r_uint(3) == 3`,
//! `"%d" % r_uint(3)`, `len(MyList())`, hashing, indexing ...).
//!
//! Construction follows CPython: the `__new__` of an immutable base type
//! builds the value and wraps it for the subclass; the `__new__` of a
//! mutable one wraps an empty container that the base type's `__init__`
//! fills.

use super::args::positional;
use super::methods::MethodTable;
use super::object::{Args, Instance, Object};
use super::value::{ObjRef, Value};
use super::vm::{PyResult, Vm};

impl Vm {
    /// The built-in value wrapped by `v` when it is an instance of a user
    /// subclass of a data-holding built-in type.
    pub fn base_value(&self, v: &Value) -> Option<Value> {
        match v {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Instance(i) => i.base_value.clone(),
                _ => None,
            },
            _ => None,
        }
    }

    /// `v` itself, or the built-in value it wraps.
    pub fn unwrap_base_value(&self, v: &Value) -> Value {
        self.base_value(v).unwrap_or_else(|| v.clone())
    }

    /// The result of the built-in constructor `base_type.__new__(cls, ...)`
    /// once it has computed `value`: `value` itself when `cls` is the
    /// built-in type, else a new instance of `cls` wrapping it.
    pub fn wrap_base_value(&mut self, cls: ObjRef, base_type: ObjRef, value: Value) -> Value {
        if cls == base_type {
            return value;
        }
        self.alloc(Object::Instance(Instance {
            class: cls,
            dict: Default::default(),
            base_value: Some(value),
        }))
    }

    /// Checks that `cls` (the first argument of `base_type.__new__`) is
    /// `base_type` or a subclass of it.
    pub fn check_subtype(&mut self, cls: ObjRef, base_type: ObjRef) -> PyResult<()> {
        if self.is_subclass(cls, base_type) {
            return Ok(());
        }
        let base = self.class(base_type).name.as_str().to_owned();
        let name = self.class(cls).name.as_str().to_owned();
        Err(self.type_error(format!(
            "{base}.__new__({name}): {name} is not a subtype of {base}"
        )))
    }

    /// The int an object stands for as an index: the result of a
    /// Python-defined `__index__`, or the value of an int subclass
    /// instance; `None` for other objects.
    pub fn index_value(&mut self, v: &Value) -> PyResult<Option<Value>> {
        if let Some(r) = self.call_special(v, "__index__", Vec::new())? {
            return Ok(Some(r));
        }
        Ok(match self.base_value(v) {
            Some(b @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))) => Some(b),
            _ => None,
        })
    }
}

/// `__init__` of `list`, `dict` and `set`: what fills the container of a
/// subclass instance (`list.__new__` leaves it empty). Installed on the
/// built-in classes, which never run it for their exact instances.
pub const LIST_INIT: MethodTable = &[("__init__", list_init)];
pub const DICT_INIT: MethodTable = &[("__init__", dict_init)];
pub const SET_INIT: MethodTable = &[("__init__", set_init)];

/// The heap container behind the receiver of an `__init__`: the object
/// itself or the container wrapped by a subclass instance.
fn container(
    vm: &mut Vm,
    this: &Value,
    type_name: &str,
    is_kind: fn(&Object) -> bool,
) -> PyResult<ObjRef> {
    let target = vm.unwrap_base_value(this);
    match target {
        Value::Ref(r) if is_kind(vm.heap.get(r)) => Ok(r),
        _ => {
            let t = vm.type_name(this);
            Err(vm.type_error(format!(
                "descriptor '__init__' requires a '{type_name}' object but received a '{t}'"
            )))
        }
    }
}

fn list_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "list", args, 1, 2)?;
    let r = container(vm, &a[0], "list", |o| matches!(o, Object::List(_)))?;
    let items = match a.get(1) {
        Some(src) => vm.collect(src)?,
        None => Vec::new(),
    };
    if let Object::List(l) = vm.heap.get_mut(r) {
        *l = items;
    }
    Ok(Value::None)
}

fn dict_init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let kwargs = std::mem::take(&mut args.kwargs);
    let a = positional(vm, "dict", args, 1, 2)?;
    let r = container(vm, &a[0], "dict", |o| matches!(o, Object::Dict(_)))?;
    let d = Value::Ref(r);
    if let Some(src) = a.get(1) {
        vm.dict_update(&d, src)?;
    }
    for (k, v) in kwargs {
        vm.dict_set(&d, Value::Str(k), v)?;
    }
    Ok(Value::None)
}

fn set_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "set", args, 1, 2)?;
    let r = container(vm, &a[0], "set", |o| {
        matches!(o, Object::Set { frozen: false, .. })
    })?;
    let set = Value::Ref(r);
    vm.set_clear(r);
    if let Some(src) = a.get(1) {
        for item in vm.collect(src)? {
            vm.set_add(&set, item)?;
        }
    }
    Ok(Value::None)
}
