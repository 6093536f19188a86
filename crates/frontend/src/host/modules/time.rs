//! The `time` module: wall clock, monotonic clocks, `sleep`.

use super::{new_module, to_f64};
use crate::host::modules::support::{check_arity, value_error};
use crate::host::object::Args;
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{PyResult, Vm};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub(super) fn create(vm: &mut Vm) -> ObjRef {
    new_module(
        vm,
        "time",
        &[
            ("time", time),
            ("perf_counter", perf_counter),
            ("monotonic", perf_counter),
            ("process_time", perf_counter),
            ("sleep", sleep),
        ],
        Vec::new(),
    )
}

fn time(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "time", &args, false, 0, 0)?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    Ok(Value::Float(now.as_secs_f64()))
}

/// Seconds since the first use of a clock in this process. Also serves
/// `process_time`, since CPU time is not available without libc.
fn perf_counter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "perf_counter", &args, false, 0, 0)?;
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    Ok(Value::Float(start.elapsed().as_secs_f64()))
}

fn sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "sleep", &args, false, 1, 1)?;
    let secs = to_f64(vm, &args.args[0])?;
    if secs < 0.0 || secs.is_nan() {
        return Err(value_error(vm, "sleep length must be non-negative"));
    }
    vm.flush_stdout();
    std::thread::sleep(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    Ok(Value::None)
}
