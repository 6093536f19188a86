//! The `sys` module: arguments, the standard streams, exiting, and the
//! interpreter limits programs query.

use super::super::args::bind;
use super::super::file::new_file_object;
use super::super::object::{Args, NativeFn};
use super::super::value::{ObjRef, Value};
use super::super::vm::{Exc, PyResult, Vm};

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exit", sys_exit),
    ("getrecursionlimit", sys_getrecursionlimit),
    ("setrecursionlimit", sys_setrecursionlimit),
    ("getdefaultencoding", sys_getdefaultencoding),
    ("_getframe", super::super::introspect::sys_getframe),
];

/// Builds `sys`. `sys.modules` is the VM's registry of loaded modules (see
/// `namespace.rs`).
pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let argv: Vec<Value> = vm.argv.iter().map(|a| Value::str(a)).collect();
    let argv = vm.new_list(argv);
    let path: Vec<Value> = vm
        .search_path
        .iter()
        .map(|p| Value::string(p.display().to_string()))
        .collect();
    let path = vm.new_list(path);
    let stdin = new_file_object(vm, 0, "<stdin>", "r", false);
    let stdout = new_file_object(vm, 1, "<stdout>", "w", false);
    let stderr = new_file_object(vm, 2, "<stderr>", "w", false);
    let modules = Value::Ref(vm.sys_modules);
    let version_info = Value::tuple(vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(0),
        Value::str("final"),
        Value::Int(0),
    ]);
    let values = vec![
        ("argv", argv),
        ("path", path),
        ("stdin", stdin.clone()),
        ("stdout", stdout.clone()),
        ("stderr", stderr.clone()),
        ("__stdin__", stdin),
        ("__stdout__", stdout),
        ("__stderr__", stderr),
        ("modules", modules.clone()),
        ("maxsize", Value::Int(i64::MAX)),
        ("maxunicode", Value::Int(0x10FFFF)),
        ("version_info", version_info),
        ("version", Value::str("3.11.0 (rpy host interpreter)")),
        ("platform", Value::str("linux")),
        ("byteorder", Value::str("little")),
        ("executable", Value::str("")),
    ];
    super::new_module(vm, "sys", FUNCTIONS, values)
}

/// `sys.exit(code=None)`: raises `SystemExit(code)`.
fn sys_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "exit", args, &["status"], 0)?;
    let cls = vm.types.system_exit;
    let args = match slots.into_iter().next().flatten() {
        Some(code) => vec![code],
        None => Vec::new(),
    };
    Err(Exc::new(vm.new_exception_value(cls, args)))
}

fn sys_getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bind(vm, "getrecursionlimit", args, &[], 0)?;
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "setrecursionlimit", args, &["limit"], 1)?;
    let limit = match &slots[0] {
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => vm.to_index(v)?,
        Some(v) => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
        None => return Ok(Value::None),
    };
    if limit < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    vm.recursion_limit = u32::try_from(limit).unwrap_or(u32::MAX);
    Ok(Value::None)
}

fn sys_getdefaultencoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    bind(vm, "getdefaultencoding", args, &[], 0)?;
    Ok(Value::str("utf-8"))
}
