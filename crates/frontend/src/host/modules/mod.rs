//! The built-in modules usable by RPython programs: `sys`, `os` (with
//! `os.path`), `math`, `time`. Each is created on first import. Standard
//! modules that need no native code (`types`, `inspect`, `functools` ...)
//! are Python sources under `lib/stdlib`.

mod math;
mod math_int;
mod os;
pub(crate) mod support;
mod sys;
mod time;

use super::object::NativeFn;
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

/// A new module named `name` holding the native `functions` and the
/// `values`.
fn new_module(
    vm: &mut Vm,
    name: &str,
    functions: &[(&str, NativeFn)],
    values: Vec<(&str, Value)>,
) -> ObjRef {
    let mut items = vec![(PyStr::new("__name__"), Value::str(name))];
    for &(fname, func) in functions {
        let f = vm.new_builtin(fname, func);
        items.push((PyStr::new(fname), f));
    }
    for (vname, v) in values {
        items.push((PyStr::new(vname), v));
    }
    vm.new_module_object(name, items, None)
}
