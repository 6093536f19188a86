//! The `types` module: names for the classes of functions, methods,
//! modules, generators, code and frames, for import-time code that tests
//! or builds such objects (`isinstance(v, types.FunctionType)`,
//! `types.FunctionType(code, globals, ...)`).

use super::super::value::{ObjRef, Value};
use super::super::vm::Vm;

/// Builds `types`.
pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let t = vm.types.clone();
    let class = |r: ObjRef| Value::Ref(r);
    let values = vec![
        ("FunctionType", class(t.function)),
        ("LambdaType", class(t.function)),
        ("MethodType", class(t.method)),
        ("BuiltinFunctionType", class(t.builtin_function)),
        ("BuiltinMethodType", class(t.builtin_function)),
        ("ModuleType", class(t.module)),
        ("GeneratorType", class(t.generator)),
        ("CodeType", class(t.code)),
        ("FrameType", class(t.frame)),
        ("CellType", class(t.cell)),
        ("NoneType", class(t.none)),
        ("EllipsisType", class(t.ellipsis)),
        ("NotImplementedType", class(t.not_implemented)),
    ];
    super::new_module(vm, "types", &[], values)
}
