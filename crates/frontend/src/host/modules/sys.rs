//! The `sys` module: `argv`, the standard streams, `exit`, recursion
//! limit and interpreter facts.

use super::new_module;
use crate::host::file::new_file;
use crate::host::modules::support::{check_arity, expect_int, value_error};
use crate::host::object::Args;
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{Exc, PyResult, Vm};

pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let argv: Vec<Value> = vm.argv.iter().map(|a| Value::str(a)).collect();
    let argv = vm.new_list(argv);
    let path: Vec<Value> = vm
        .search_path
        .iter()
        .map(|p| Value::string(p.display().to_string()))
        .collect();
    let path = vm.new_list(path);
    let stdin = new_file(vm, 0, "<stdin>", "r", false);
    let stdout = new_file(vm, 1, "<stdout>", "w", false);
    let stderr = new_file(vm, 2, "<stderr>", "w", false);
    let version_info = Value::tuple(vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(0),
        Value::str("final"),
        Value::Int(0),
    ]);
    new_module(
        vm,
        "sys",
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
        ],
        vec![
            ("argv", argv),
            ("path", path),
            ("stdin", stdin),
            ("stdout", stdout),
            ("stderr", stderr),
            ("maxsize", Value::Int(i64::MAX)),
            ("version_info", version_info),
            ("version", Value::str("3.11.0 (rpy host interpreter)")),
            ("platform", Value::str(std::env::consts::OS)),
            (
                "byteorder",
                Value::str(if cfg!(target_endian = "little") {
                    "little"
                } else {
                    "big"
                }),
            ),
        ],
    )
}

/// `sys.exit([code])`: raises SystemExit with the code.
fn exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "exit", &args, false, 0, 1)?;
    let cls = Value::Ref(vm.types.system_exit);
    let exc = vm.call(&cls, Args::new(args.args.clone()))?;
    Err(Exc::new(exc))
}

fn getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "getrecursionlimit", &args, false, 0, 0)?;
    Ok(Value::Int(i64::from(vm.recursion_limit)))
}

fn setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "setrecursionlimit", &args, false, 1, 1)?;
    let n = expect_int(vm, &args.args[0])?;
    if n < 1 {
        return Err(value_error(
            vm,
            "recursion limit must be greater or equal than 1",
        ));
    }
    vm.recursion_limit = u32::try_from(n).unwrap_or(u32::MAX);
    Ok(Value::None)
}
