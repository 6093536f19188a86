//! The built-in modules usable by RPython programs: `sys`, `os`, `math`,
//! `time`. Each is created on first import.

pub(crate) mod support;

use super::value::ObjRef;
use super::vm::Vm;

/// Creates the built-in module `name`, or `None` if there is no such
/// built-in module.
pub fn create(vm: &mut Vm, name: &str) -> Option<ObjRef> {
    let _ = (vm, name);
    None
}
