//! Methods of the built-in types, one table per type. The bootstrap in
//! `types.rs` installs each table into its class's dict.

pub mod bytes;
pub mod dict;
pub mod dunders;
pub mod float;
pub mod int;
pub mod list;
pub mod set;
pub mod str;
pub mod tuple;

use super::object::NativeFn;

/// A method table: name and native implementation (receiver first).
pub type MethodTable = &'static [(&'static str, NativeFn)];

use super::object::{Args, Object};
use super::value::{ObjRef, Value};
use super::vm::{PyResult, Vm};

/// Splits the receiver off a method call, checking that it is a heap
/// object accepted by `is_kind`; `type_name` names the class in the error.
pub(crate) fn heap_receiver(
    vm: &mut Vm,
    args: &mut Args,
    method: &str,
    type_name: &str,
    is_kind: fn(&Object) -> bool,
) -> PyResult<ObjRef> {
    if args.args.is_empty() {
        return Err(vm.type_error(format!(
            "unbound method {type_name}.{method}() needs an argument"
        )));
    }
    let this = args.args.remove(0);
    match vm.unwrap_base_value(&this) {
        Value::Ref(r) if is_kind(vm.heap.get(r)) => Ok(r),
        _ => {
            let t = vm.type_name(&this);
            Err(vm.type_error(format!(
                "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

/// Checks the number of (non-receiver) positional arguments of a method
/// and that no keywords were given.
pub(crate) fn arity(
    vm: &mut Vm,
    args: &Args,
    method: &str,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if !args.kwargs.is_empty() {
        return Err(vm.type_error(format!("{method}() takes no keyword arguments")));
    }
    let n = args.args.len();
    if n < min || n > max {
        let msg = if min == max && min == 0 {
            format!("{method}() takes no arguments ({n} given)")
        } else if min == max {
            format!(
                "{method}() takes exactly {min} argument{} ({n} given)",
                if min == 1 { "" } else { "s" }
            )
        } else if n < min {
            format!(
                "{method} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{method} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}
