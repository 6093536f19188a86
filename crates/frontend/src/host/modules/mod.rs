//! The built-in modules usable by RPython programs: `sys`, `os`, `math`,
//! `time`. Each is created on first import.

mod math;
mod os;
pub(crate) mod support;
mod sys;
mod time;

use super::object::{AttrMap, Builtin, Module, NativeFn, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::Vm;

/// Creates the built-in module `name`, or `None` if there is no such
/// built-in module.
pub fn create(vm: &mut Vm, name: &str) -> Option<ObjRef> {
    match name {
        "sys" => Some(sys::create(vm)),
        "os" => Some(os::create(vm)),
        "os.path" => Some(os::create_path(vm)),
        "math" => Some(math::create(vm)),
        "time" => Some(time::create(vm)),
        _ => None,
    }
}

/// Builds a module object from native functions and constants.
fn new_module(
    vm: &mut Vm,
    name: &str,
    funcs: &[(&str, NativeFn)],
    consts: Vec<(&str, Value)>,
) -> ObjRef {
    let mut dict = AttrMap::default();
    dict.insert(PyStr::new("__name__"), Value::str(name));
    for &(fname, func) in funcs {
        let f = vm.alloc(Object::Builtin(Builtin {
            name: PyStr::new(fname),
            func,
            bound_self: None,
        }));
        dict.insert(PyStr::new(fname), f);
    }
    for (cname, value) in consts {
        dict.insert(PyStr::new(cname), value);
    }
    vm.heap.alloc(Object::Module(Module {
        name: PyStr::new(name),
        dict,
        file: None,
    }))
}

/// A float argument (ints convert), with CPython's TypeError otherwise.
fn to_f64(vm: &mut Vm, v: &Value) -> super::vm::PyResult<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(b) => match num_traits::ToPrimitive::to_f64(&**b).filter(|x| x.is_finite()) {
            Some(x) => Ok(x),
            None => {
                Err(vm.new_exception(vm.types.overflow_error, "int too large to convert to float"))
            }
        },
        other => {
            let msg = format!("must be real number, not {}", support::type_name(vm, other));
            Err(support::type_error(vm, &msg))
        }
    }
}
