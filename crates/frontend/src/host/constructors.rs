//! Constructors (`__new__`) of the built-in classes, and the native
//! methods of `object`, `BaseException`, `property` and iterators.
//!
//! Every constructor receives the class first. For a user subclass of a
//! data-holding built-in type the constructor wraps the built-in value in
//! an instance of the subclass (see `subclass.rs`).

use super::args::{bind, positional};
use super::methods::MethodTable;
use super::object::{Args, BuiltinType, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};

/// The largest number of items a native constructor or repetition
/// allocates before raising MemoryError.
pub const MAX_ALLOC: i64 = 1 << 32;

/// Splits the class off the front of a constructor's arguments.
fn take_class(vm: &mut Vm, args: &mut Args) -> PyResult<ObjRef> {
    if args.args.is_empty() {
        return Err(vm.type_error("__new__(): not enough arguments"));
    }
    match args.args.remove(0) {
        Value::Ref(r) if matches!(vm.heap.get(r), Object::Class(_)) => Ok(r),
        other => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!("__new__(X): X is not a type object ({t})")))
        }
    }
}

pub fn object_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let layout = vm.class(cls).builtin;
    if !matches!(layout, BuiltinType::Object | BuiltinType::BaseException) {
        // The instance needs the layout its built-in base's `__new__`
        // makes: CPython names the nearest class whose `__new__` is not
        // written in Python.
        let new = vm.intern("__new__");
        let limit = vm.builtin_limit;
        let mro = vm.class(cls).mro.clone();
        let native = mro
            .into_iter()
            .find(|&k| k.0 < limit || !vm.class(k).dict.contains_key(&new));
        let base = native.map_or_else(String::new, |k| vm.class(k).name.to_string());
        let name = vm.class(cls).name.as_str().to_owned();
        return Err(vm.type_error(format!(
            "object.__new__({name}) is not safe, use {base}.__new__()"
        )));
    }
    if !args.args.is_empty() || !args.kwargs.is_empty() {
        let init = vm.intern("__init__");
        if vm.lookup_user(cls, &init).is_none() {
            let name = vm.class(cls).name.as_str().to_owned();
            return Err(vm.type_error(format!("{name}() takes no arguments")));
        }
    }
    Ok(vm.new_instance(cls, &args.args))
}

pub fn exception_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    Ok(vm.new_instance(cls, &args.args))
}

pub fn no_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let name = vm.class(cls).name.as_str().to_owned();
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

/// `types.MethodType(function, instance)`: a bound method.
pub fn method_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "method", args, 2, 2)?;
    let mut a = a.into_iter();
    let (func, receiver) = (
        a.next().unwrap_or(Value::None),
        a.next().unwrap_or(Value::None),
    );
    if !vm.is_callable(&func) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if receiver.is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    Ok(Value::Method(std::sync::Arc::new(
        super::value::BoundMethod { func, receiver },
    )))
}

/// `types.ModuleType(name, doc=None)`: a new, empty module.
pub fn module_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let slots = bind(vm, "module", args, &["name", "doc"], 1)?;
    let name = match &slots[0] {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!(
                "module.__init__() argument 'name' must be str, not {t}"
            )));
        }
        None => return Err(vm.type_error("module() missing required argument 'name' (pos 1)")),
    };
    let doc = slots[1].clone().unwrap_or(Value::None);
    let items = [
        (PyStr::new("__name__"), Value::Str(name.clone())),
        (PyStr::new("__doc__"), doc),
        (PyStr::new("__package__"), Value::None),
        (PyStr::new("__loader__"), Value::None),
        (PyStr::new("__spec__"), Value::None),
    ];
    Ok(Value::Ref(vm.new_module_object(&name, items, None)))
}

pub fn type_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    match args.args.len() {
        1 => Ok(Value::Ref(vm.type_of(&args.args[0]))),
        3 => {
            let mut it = args.args.into_iter();
            let (name, bases, ns) = (
                it.next().unwrap_or(Value::None),
                it.next().unwrap_or(Value::None),
                it.next().unwrap_or(Value::None),
            );
            let name = vm.to_pystr(&name, "type.__new__() argument 1")?;
            let bases = match bases {
                Value::Tuple(t) => t.to_vec(),
                _ => return Err(vm.type_error("type.__new__() argument 2 must be tuple")),
            };
            let ns = vm.dict_copy(&ns)?;
            vm.make_class(name, bases, ns)
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

pub fn int_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let int = vm.types.int;
    vm.check_subtype(cls, int)?;
    let value = int_from_args(vm, args)?;
    Ok(vm.wrap_base_value(cls, int, value))
}

/// `int(x=0, base=10)` without the class.
fn int_from_args(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "int", args, &["x", "base"], 0)?;
    let (x, base) = (slots[0].clone(), slots[1].clone());
    let Some(x) = x else { return Ok(Value::Int(0)) };
    if let Some(base) = base {
        let b = vm.to_index(&base)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        return match &x {
            Value::Str(s) => parse_str_int_or_error(vm, s.as_str(), b as u32),
            Value::Bytes(bs) => {
                let s: String = bs.iter().map(|&c| c as char).collect();
                parse_int_or_error(vm, &s, b as u32)
            }
            _ => Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
    }
    vm.to_int(&x)
}

fn parse_int_or_error(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    match super::format::parse_int(s, base) {
        Some(v) => Ok(v),
        None => {
            let r = super::ops::repr::str_repr(s);
            Err(vm.value_error(format!("invalid literal for int() with base {base}: {r}")))
        }
    }
}

/// `int(s, base)` of a str: its decimal digits of any script and its
/// Unicode whitespace made ASCII first, as CPython does; the error quotes
/// the text itself.
fn parse_str_int_or_error(vm: &mut Vm, s: &str, base: u32) -> PyResult<Value> {
    let ascii = super::unicode::decimal_and_space_to_ascii(s);
    match super::format::parse_int(&ascii, base) {
        Some(v) => Ok(v),
        None => {
            let r = super::ops::repr::str_repr(s);
            Err(vm.value_error(format!("invalid literal for int() with base {base}: {r}")))
        }
    }
}

impl Vm {
    /// `int(x)` for one argument.
    pub fn to_int(&mut self, x: &Value) -> PyResult<Value> {
        match x {
            Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            Value::Float(f) => {
                if f.is_nan() {
                    return Err(self.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(self.overflow_error("cannot convert float infinity to integer"));
                }
                let t = f.trunc();
                if t.abs() < 9.0e18 {
                    Ok(Value::Int(t as i64))
                } else {
                    Ok(super::ops::num::float_to_big(t)
                        .map(Value::from_bigint)
                        .unwrap_or(Value::Int(0)))
                }
            }
            Value::Str(s) => parse_str_int_or_error(self, s.as_str(), 10),
            Value::Bytes(bs) => {
                let s: String = bs.iter().map(|&c| c as char).collect();
                parse_int_or_error(self, &s, 10)
            }
            _ => {
                for name in ["__int__", "__index__", "__trunc__"] {
                    if let Some(v) = self.call_special(x, name, Vec::new())? {
                        return Ok(v);
                    }
                }
                if let Some(b) = self.base_value(x) {
                    return self.to_int(&b);
                }
                let t = self.type_name(x);
                Err(self.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                )))
            }
        }
    }

    /// `float(x)`.
    pub fn to_float(&mut self, x: &Value) -> PyResult<f64> {
        if let Some(n) = super::ops::num::as_number(x) {
            return super::ops::num::int_to_float(self, &n);
        }
        match x {
            Value::Str(s) => match super::format::parse_float(s.as_str()) {
                Some(f) => Ok(f),
                None => {
                    let r = super::ops::repr::str_repr(s);
                    Err(self.value_error(format!("could not convert string to float: {r}")))
                }
            },
            _ => {
                if let Some(Value::Float(f)) = self.call_special(x, "__float__", Vec::new())? {
                    return Ok(f);
                }
                if let Some(b) = self.base_value(x) {
                    return self.to_float(&b);
                }
                let t = self.type_name(x);
                Err(self.type_error(format!(
                    "float() argument must be a string or a real number, not '{t}'"
                )))
            }
        }
    }
}

pub fn bool_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "bool", args, 0, 1)?;
    match a.first() {
        None => Ok(Value::Bool(false)),
        Some(v) => Ok(Value::Bool(vm.is_true(v)?)),
    }
}

pub fn float_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let float = vm.types.float;
    vm.check_subtype(cls, float)?;
    let a = positional(vm, "float", args, 0, 1)?;
    let value = match a.first() {
        None => 0.0,
        Some(v) => vm.to_float(v)?,
    };
    Ok(vm.wrap_base_value(cls, float, Value::Float(value)))
}

pub fn str_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let str_ = vm.types.str_;
    vm.check_subtype(cls, str_)?;
    let value = str_from_args(vm, args)?;
    Ok(vm.wrap_base_value(cls, str_, value))
}

/// `str(object='', encoding, errors)` without the class.
fn str_from_args(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "str", args, &["object", "encoding", "errors"], 0)?;
    let Some(obj) = slots[0].clone() else {
        return Ok(Value::str(""));
    };
    if slots[1].is_none() && slots[2].is_none() {
        return Ok(Value::Str(vm.str(&obj)?));
    }
    if !matches!(obj, Value::Bytes(_)) {
        return Err(vm.type_error("decoding str is not supported"));
    }
    let extra: Vec<Value> = slots[1..].iter().flatten().cloned().collect();
    let decode = vm.intern("decode");
    vm.call_method(&obj, &decode, Args::new(extra))
}

pub fn bytes_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let bytes = vm.types.bytes;
    vm.check_subtype(cls, bytes)?;
    let value = bytes_from_args(vm, args)?;
    Ok(vm.wrap_base_value(cls, bytes, value))
}

/// `bytes(source, encoding, errors)` without the class.
fn bytes_from_args(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "bytes", args, &["source", "encoding", "errors"], 0)?;
    let Some(src) = slots[0].clone() else {
        return Ok(Value::bytes(b""));
    };
    match &src {
        Value::Str(_) => {
            if slots[1].is_none() {
                return Err(vm.type_error("string argument without an encoding"));
            }
            let extra: Vec<Value> = slots[1..].iter().flatten().cloned().collect();
            let encode = vm.intern("encode");
            vm.call_method(&src, &encode, Args::new(extra))
        }
        Value::Bytes(_) => Ok(src),
        Value::Int(n) => {
            if *n < 0 {
                return Err(vm.value_error("negative count"));
            }
            if *n > MAX_ALLOC {
                return Err(vm.new_exception(vm.types.memory_error, ""));
            }
            Ok(Value::Bytes(vec![0u8; *n as usize].into()))
        }
        _ => {
            let items = vm.collect(&src)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let i = vm.to_index(&item)?;
                if !(0..256).contains(&i) {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                out.push(i as u8);
            }
            Ok(Value::Bytes(out.into()))
        }
    }
}

pub fn tuple_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let tuple = vm.types.tuple;
    vm.check_subtype(cls, tuple)?;
    let a = positional(vm, "tuple", args, 0, 1)?;
    let value = match a.first() {
        None => Value::tuple(Vec::new()),
        Some(Value::Tuple(t)) => Value::Tuple(t.clone()),
        Some(v) => Value::tuple(vm.collect(v)?),
    };
    Ok(vm.wrap_base_value(cls, tuple, value))
}

pub fn list_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let list = vm.types.list;
    if cls != list {
        // `list.__init__` fills the list of a subclass instance.
        vm.check_subtype(cls, list)?;
        let empty = vm.new_list(Vec::new());
        return Ok(vm.wrap_base_value(cls, list, empty));
    }
    let a = positional(vm, "list", args, 0, 1)?;
    let items = match a.first() {
        None => Vec::new(),
        Some(v) => vm.collect(v)?,
    };
    Ok(vm.new_list(items))
}

pub fn dict_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let dict = vm.types.dict;
    if cls != dict {
        // `dict.__init__` fills the dict of a subclass instance.
        vm.check_subtype(cls, dict)?;
        let empty = vm.new_dict();
        return Ok(vm.wrap_base_value(cls, dict, empty));
    }
    let kwargs = std::mem::take(&mut args.kwargs);
    let a = positional(vm, "dict", args, 0, 1)?;
    let d = vm.new_dict();
    if let Some(src) = a.first() {
        vm.dict_update(&d, src)?;
    }
    for (k, v) in kwargs {
        vm.dict_set(&d, Value::Str(k), v)?;
    }
    Ok(d)
}

pub fn set_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let set = vm.types.set;
    if cls != set {
        // `set.__init__` fills the set of a subclass instance.
        vm.check_subtype(cls, set)?;
        let empty = vm.set_from(false, Vec::new())?;
        return Ok(vm.wrap_base_value(cls, set, empty));
    }
    let a = positional(vm, "set", args, 0, 1)?;
    let items = match a.first() {
        None => Vec::new(),
        Some(v) => vm.collect(v)?,
    };
    vm.set_from(false, items)
}

pub fn frozenset_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let cls = take_class(vm, &mut args)?;
    let frozenset = vm.types.frozenset;
    vm.check_subtype(cls, frozenset)?;
    let a = positional(vm, "frozenset", args, 0, 1)?;
    let items = match a.first() {
        None => Vec::new(),
        Some(v) => vm.collect(v)?,
    };
    let value = vm.set_from(true, items)?;
    Ok(vm.wrap_base_value(cls, frozenset, value))
}

pub fn range_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "range", args, 1, 3)?;
    let mut ints = Vec::with_capacity(3);
    for v in &a {
        ints.push(vm.to_index(v)?);
    }
    let (start, stop, step) = match ints[..] {
        [stop] => (0, stop, 1),
        [start, stop] => (start, stop, 1),
        [start, stop, step] => (start, stop, step),
        _ => unreachable!("arity checked"),
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(vm.alloc(Object::Range { start, stop, step }))
}

pub fn slice_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "slice", args, 1, 3)?;
    let (start, stop, step) = match &a[..] {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => unreachable!("arity checked"),
    };
    Ok(vm.alloc(Object::Slice { start, stop, step }))
}

pub fn staticmethod_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "staticmethod", args, 1, 1)?;
    Ok(vm.alloc(Object::StaticMethod(a[0].clone())))
}

pub fn classmethod_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "classmethod", args, 1, 1)?;
    Ok(vm.alloc(Object::ClassMethod(a[0].clone())))
}

pub fn property_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let s = bind(vm, "property", args, &["fget", "fset", "fdel", "doc"], 0)?;
    let get = |i: usize| s[i].clone().unwrap_or(Value::None);
    Ok(vm.alloc(Object::Property {
        fget: get(0),
        fset: get(1),
        fdel: get(2),
        doc: get(3),
    }))
}

pub fn super_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    take_class(vm, &mut args)?;
    let a = positional(vm, "super", args, 0, 2)?;
    match &a[..] {
        [Value::Ref(c), obj] if matches!(vm.heap.get(*c), Object::Class(_)) => {
            let ok = match obj {
                Value::Ref(o) if matches!(vm.heap.get(*o), Object::Class(_)) => {
                    vm.is_subclass(*o, *c)
                }
                _ => vm.isinstance(obj, *c),
            };
            if !ok {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            Ok(vm.alloc(Object::Super {
                class: *c,
                obj: obj.clone(),
            }))
        }
        [] => Err(vm.runtime_error("super(): no arguments")),
        _ => Err(vm.type_error("super() argument 1 must be a type")),
    }
}

/// Methods of `object`.
pub const OBJECT_METHODS: MethodTable = &[
    ("__init__", object_init),
    ("__repr__", object_repr),
    ("__str__", object_str),
    ("__eq__", object_eq),
    ("__ne__", object_ne),
    ("__hash__", object_hash),
    ("__setattr__", object_setattr),
    ("__format__", object_format),
];

fn object_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.args.is_empty() {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    }
    if args.args.len() > 1 || !args.kwargs.is_empty() {
        // Extra arguments are for a `__new__` other than `object`'s.
        let new = vm.intern("__new__");
        let cls = vm.type_of(&args.args[0]);
        let object_new = vm.class(vm.types.object).dict.get(&new).cloned();
        let found = vm.lookup(cls, &new);
        let overridden = matches!((found, object_new), (Some(f), Some(o)) if !f.is(&o));
        if !overridden {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
    }
    Ok(Value::None)
}

fn object_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__repr__", args, 1, 1)?;
    Ok(Value::string(vm.object_default_repr(&a[0])))
}

fn object_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__str__", args, 1, 1)?;
    Ok(Value::Str(vm.repr(&a[0])?))
}

fn object_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__eq__", args, 2, 2)?;
    Ok(if a[0].is(&a[1]) {
        Value::Bool(true)
    } else {
        Value::NotImplemented
    })
}

fn object_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__ne__", args, 2, 2)?;
    Ok(if a[0].is(&a[1]) {
        Value::Bool(false)
    } else {
        Value::NotImplemented
    })
}

fn object_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__hash__", args, 1, 1)?;
    Ok(Value::Int(match &a[0] {
        Value::Ref(r) => (r.0 as i64) << 4,
        other => vm.hash(other)? as i64,
    }))
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__setattr__", args, 3, 3)?;
    let name = vm.to_pystr(&a[1], "attribute name")?;
    vm.generic_setattr(&a[0], &name, a[2].clone())?;
    Ok(Value::None)
}

fn object_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__format__", args, 2, 2)?;
    match &a[1] {
        Value::Str(s) if s.is_empty() => Ok(Value::Str(vm.str(&a[0])?)),
        _ => {
            let t = vm.type_name(&a[0]);
            Err(vm.type_error(format!(
                "unsupported format string passed to {t}.__format__"
            )))
        }
    }
}

/// Methods of `BaseException`.
pub const EXCEPTION_METHODS: MethodTable = &[
    ("__init__", exception_init),
    ("__str__", exception_str),
    ("__repr__", exception_repr),
    ("with_traceback", exception_with_traceback),
];

fn exception_init(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if args.args.is_empty() {
        return Err(
            vm.type_error("descriptor '__init__' of 'BaseException' object needs an argument")
        );
    }
    let this = args.args.remove(0);
    let name = vm.intern("args");
    if let Value::Ref(r) = this {
        if let Object::Instance(i) = vm.heap.get_mut(r) {
            i.dict.insert(name, Value::tuple(args.args));
        }
    }
    Ok(Value::None)
}

fn exception_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__str__", args, 1, 1)?;
    Ok(Value::Str(vm.exception_str(&a[0])?))
}

fn exception_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__repr__", args, 1, 1)?;
    Ok(Value::Str(vm.exception_repr(&a[0])?))
}

fn exception_with_traceback(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "with_traceback", args, 2, 2)?;
    Ok(a[0].clone())
}

/// Methods of `property` (the decorator chain `@x.setter`).
pub const PROPERTY_METHODS: MethodTable = &[
    ("getter", property_getter),
    ("setter", property_setter),
    ("deleter", property_deleter),
    ("__get__", property_get),
];

fn property_with(vm: &mut Vm, args: Args, name: &str, which: usize) -> PyResult<Value> {
    let a = positional(vm, name, args, 2, 2)?;
    let (mut fget, mut fset, mut fdel, doc) = match &a[0] {
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::Property {
                fget,
                fset,
                fdel,
                doc,
            } => (fget.clone(), fset.clone(), fdel.clone(), doc.clone()),
            _ => return Err(vm.type_error("descriptor requires a 'property' object")),
        },
        _ => return Err(vm.type_error("descriptor requires a 'property' object")),
    };
    match which {
        0 => fget = a[1].clone(),
        1 => fset = a[1].clone(),
        _ => fdel = a[1].clone(),
    }
    Ok(vm.alloc(Object::Property {
        fget,
        fset,
        fdel,
        doc,
    }))
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, "getter", 0)
}

fn property_setter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, "setter", 1)
}

fn property_deleter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, "deleter", 2)
}

fn property_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__get__", args, 2, 3)?;
    if a[1].is_none() {
        return Ok(a[0].clone());
    }
    let fget = match &a[0] {
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::Property { fget, .. } => fget.clone(),
            _ => Value::None,
        },
        _ => Value::None,
    };
    vm.call_positional(&fget, vec![a[1].clone()])
}

/// Methods of iterators and generators.
pub const ITERATOR_METHODS: MethodTable =
    &[("__iter__", iterator_iter), ("__next__", iterator_next)];

fn iterator_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__iter__", args, 1, 1)?;
    Ok(a[0].clone())
}

fn iterator_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__next__", args, 1, 1)?;
    match vm.next(&a[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration()),
    }
}
