//! The `builtins` module: built-in functions, classes, exceptions and
//! constants.
//!
//! Functions over iterables (`min`, `sorted`, `zip` ...) are in `seq.rs`,
//! numeric ones (`abs`, `divmod`, `round`, `hex` ...) in `numeric.rs`; this
//! file has the module itself and the object-level functions.

pub(crate) mod numeric;
mod seq;

use super::args::{bind, positional};
use super::object::{Args, AttrMap, NativeFn, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};

/// The native functions of the module.
const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", builtin_print),
    ("open", super::file::open),
    ("repr", builtin_repr),
    ("ascii", builtin_repr),
    ("format", builtin_format),
    ("hash", builtin_hash),
    ("id", builtin_id),
    ("isinstance", builtin_isinstance),
    ("issubclass", builtin_issubclass),
    ("getattr", builtin_getattr),
    ("setattr", builtin_setattr),
    ("hasattr", builtin_hasattr),
    ("delattr", builtin_delattr),
    ("callable", builtin_callable),
    ("vars", builtin_vars),
    ("globals", builtin_globals),
    ("locals", builtin_locals),
    ("dir", builtin_dir),
    ("len", seq::builtin_len),
    ("min", seq::builtin_min),
    ("max", seq::builtin_max),
    ("sum", seq::builtin_sum),
    ("sorted", seq::builtin_sorted),
    ("iter", seq::builtin_iter),
    ("next", seq::builtin_next),
    ("enumerate", seq::builtin_enumerate),
    ("reversed", seq::builtin_reversed),
    ("zip", seq::builtin_zip),
    ("map", seq::builtin_map),
    ("filter", seq::builtin_filter),
    ("any", seq::builtin_any),
    ("all", seq::builtin_all),
    ("abs", numeric::builtin_abs),
    ("divmod", numeric::builtin_divmod),
    ("pow", numeric::builtin_pow),
    ("round", numeric::builtin_round),
    ("ord", numeric::builtin_ord),
    ("chr", numeric::builtin_chr),
    ("hex", numeric::builtin_hex),
    ("oct", numeric::builtin_oct),
    ("bin", numeric::builtin_bin),
];

/// Builds the `builtins` module (called once by the bootstrap).
pub fn create_module(vm: &mut Vm) -> ObjRef {
    let mut dict = Vec::new();
    dict.push((PyStr::new("__name__"), Value::str("builtins")));
    for &(name, func) in FUNCTIONS {
        let f = vm.new_builtin(name, func);
        dict.push((PyStr::new(name), f));
    }
    let t = vm.types.clone();
    let classes = [
        t.object,
        t.type_,
        t.bool_,
        t.int,
        t.float,
        t.str_,
        t.bytes,
        t.tuple,
        t.list,
        t.dict,
        t.set,
        t.frozenset,
        t.range,
        t.slice,
        t.staticmethod,
        t.classmethod,
        t.property,
        t.super_,
    ];
    for cls in classes.into_iter().chain(t.exception_classes()) {
        let name = vm.class(cls).name.clone();
        dict.push((name, Value::Ref(cls)));
    }
    // Old names of OSError, as in CPython.
    for alias in ["IOError", "EnvironmentError"] {
        dict.push((PyStr::new(alias), Value::Ref(t.os_error)));
    }
    for (name, v) in [
        ("None", Value::None),
        ("True", Value::Bool(true)),
        ("False", Value::Bool(false)),
        ("NotImplemented", Value::NotImplemented),
        ("Ellipsis", Value::Ellipsis),
        ("__debug__", Value::Bool(true)),
    ] {
        dict.push((PyStr::new(name), v));
    }
    vm.new_module_object("builtins", dict, None)
}

fn builtin_print(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let sep = args.take_kwarg("sep").unwrap_or(Value::None);
    let end = args.take_kwarg("end").unwrap_or(Value::None);
    let file = args.take_kwarg("file").unwrap_or(Value::None);
    let flush = args.take_kwarg("flush").unwrap_or(Value::Bool(false));
    if let Some((k, _)) = args.kwargs.first() {
        return Err(vm.type_error(format!(
            "'{}' is an invalid keyword argument for print()",
            k.as_str()
        )));
    }
    let sep = match sep {
        Value::None => PyStr::new(" "),
        v => vm.to_pystr(&v, "sep")?,
    };
    let end = match end {
        Value::None => PyStr::new("\n"),
        v => vm.to_pystr(&v, "end")?,
    };
    let mut text = String::new();
    for (i, a) in args.args.iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        text.push_str(&vm.str(a)?);
    }
    text.push_str(&end);
    let fd = match &file {
        Value::None => Some(1),
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::File(f) if f.fd == 1 || f.fd == 2 => Some(f.fd),
            _ => None,
        },
        _ => None,
    };
    match fd {
        Some(1) => {
            vm.write_stdout(text.as_bytes());
            if vm.is_true(&flush)? {
                vm.flush_stdout();
            }
        }
        Some(_) => {
            use std::io::Write;
            vm.flush_stdout();
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(text.as_bytes());
            let _ = err.flush();
        }
        None => {
            let write = vm.intern("write");
            vm.call_method(&file, &write, Args::new(vec![Value::string(text)]))?;
        }
    }
    Ok(Value::None)
}

fn builtin_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "repr", args, 1, 1)?;
    Ok(Value::Str(vm.repr(&a[0])?))
}

fn builtin_format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "format", args, 1, 2)?;
    let spec = match a.get(1) {
        Some(s) => vm.to_pystr(s, "format() argument 2")?,
        None => PyStr::new(""),
    };
    Ok(Value::Str(vm.format_value(
        &a[0],
        crate::bytecode::Conversion::None,
        Some(&spec),
    )?))
}

fn builtin_hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "hash", args, 1, 1)?;
    Ok(Value::Int(vm.hash(&a[0])? as i64))
}

fn builtin_id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "id", args, 1, 1)?;
    Ok(Value::Int(match &a[0] {
        Value::Ref(r) => 0x7f00_0000_0000 + (r.0 as i64) * 0x40,
        Value::None => 0x1000,
        Value::Bool(b) => 0x1010 + *b as i64 * 0x10,
        other => 0x1_0000_0000 + (vm.hash(other).unwrap_or(0) & 0xffff_ffff) as i64 * 0x10,
    }))
}

/// `isinstance(v, spec)` where `spec` is a class or a tuple of specs.
pub fn isinstance_spec(vm: &mut Vm, v: &Value, spec: &Value, fname: &str) -> PyResult<bool> {
    match spec {
        Value::Tuple(items) => {
            for s in items.iter() {
                if isinstance_spec(vm, v, s, fname)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Ref(r) if matches!(vm.heap.get(*r), Object::Class(_)) => {
            Ok(if fname == "isinstance" {
                vm.isinstance(v, *r)
            } else {
                match v {
                    Value::Ref(c) if matches!(vm.heap.get(*c), Object::Class(_)) => {
                        vm.is_subclass(*c, *r)
                    }
                    _ => return Err(vm.type_error("issubclass() arg 1 must be a class")),
                }
            })
        }
        _ => Err(vm.type_error(format!(
            "{fname}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn builtin_isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "isinstance", args, 2, 2)?;
    isinstance_spec(vm, &a[0], &a[1], "isinstance").map(Value::Bool)
}

fn builtin_issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "issubclass", args, 2, 2)?;
    isinstance_spec(vm, &a[0], &a[1], "issubclass").map(Value::Bool)
}

fn builtin_getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "getattr", args, 2, 3)?;
    let name = vm.to_pystr(&a[1], "attribute name")?;
    match a.get(2) {
        None => vm.getattr(&a[0], &name),
        Some(default) => {
            let attr_error = vm.types.attribute_error;
            match vm.getattr_opt(&a[0], &name) {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Ok(default.clone()),
                Err(e) if vm.exc_is(&e, attr_error) => Ok(default.clone()),
                Err(e) => Err(e),
            }
        }
    }
}

fn builtin_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "setattr", args, 3, 3)?;
    let name = vm.to_pystr(&a[1], "attribute name")?;
    vm.setattr(&a[0], &name, a[2].clone())?;
    Ok(Value::None)
}

fn builtin_hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "hasattr", args, 2, 2)?;
    let name = vm.to_pystr(&a[1], "attribute name")?;
    let attr_error = vm.types.attribute_error;
    match vm.getattr_opt(&a[0], &name) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) if vm.exc_is(&e, attr_error) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "delattr", args, 2, 2)?;
    let name = vm.to_pystr(&a[1], "attribute name")?;
    vm.delattr(&a[0], &name)?;
    Ok(Value::None)
}

fn builtin_callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "callable", args, 1, 1)?;
    Ok(Value::Bool(vm.is_callable(&a[0])))
}

/// `globals()`: the namespace dict of the module of the running code.
fn builtin_globals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "globals", args, 0, 0)?;
    let module = vm.frames.last().map_or(vm.builtins, |f| f.module);
    Ok(vm.module_dict(module).map_or(Value::None, Value::Ref))
}

/// `locals()`: the namespace of a module or class body. A function's
/// locals live in the interpreter loop's frame, where this cannot see
/// them.
fn builtin_locals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "locals", args, 0, 0)?;
    current_namespace(vm, "locals()")
}

fn current_namespace(vm: &mut Vm, what: &str) -> PyResult<Value> {
    use super::interp::Namespace;
    match vm.frames.last().map(|f| f.namespace.clone()) {
        Some(Namespace::ClassBody(ns)) => Ok(Value::Ref(ns)),
        Some(Namespace::Module(m)) => Ok(vm.module_dict(m).map_or(Value::None, Value::Ref)),
        Some(Namespace::None) | None => Err(vm.runtime_error(format!(
            "{what} inside a function is not available in the import-time interpreter"
        ))),
    }
}

fn builtin_vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "vars", args, 0, 1)?;
    if a.is_empty() {
        return current_namespace(vm, "vars()");
    }
    let name = vm.intern("__dict__");
    match vm.getattr_opt(&a[0], &name)? {
        Some(d) => Ok(d),
        None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
    }
}

fn builtin_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "dir", args, &["object"], 0)?;
    let Some(obj) = slots[0].clone() else {
        // The names of the current scope.
        let ns = current_namespace(vm, "dir()")?;
        let mut names: Vec<Value> = vm.dict_items(&ns).into_iter().map(|(k, _)| k).collect();
        names.sort_by(|a, b| match (a, b) {
            (Value::Str(a), Value::Str(b)) => a.as_str().cmp(b.as_str()),
            _ => std::cmp::Ordering::Equal,
        });
        return Ok(vm.new_list(names));
    };
    let mut names: Vec<PyStr> = Vec::new();
    let add = |names: &mut Vec<PyStr>, map: &AttrMap| names.extend(map.keys().cloned());
    let cls = vm.type_of(&obj);
    if let Value::Ref(r) = &obj {
        match vm.heap.get(*r) {
            Object::Instance(i) => add(&mut names, &i.dict),
            Object::Module(_) => names.extend(vm.module_items(*r).into_iter().map(|(k, _)| k)),
            Object::Class(c) => {
                for &k in &c.mro {
                    add(&mut names, &vm.class(k).dict);
                }
            }
            _ => {}
        }
    }
    if !matches!(&obj, Value::Ref(r) if matches!(vm.heap.get(*r), Object::Module(_) | Object::Class(_)))
    {
        for &k in &vm.class(cls).mro {
            add(&mut names, &vm.class(k).dict);
        }
    }
    names.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    names.dedup();
    let items = names.into_iter().map(Value::Str).collect();
    Ok(vm.new_list(items))
}
