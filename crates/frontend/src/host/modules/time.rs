//! The `time` module: wall-clock and monotonic clocks, and `sleep`.

use super::super::args::positional;
use super::super::object::{Args, NativeFn};
use super::super::value::{ObjRef, Value};
use super::super::vm::{PyResult, Vm};
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("time", time_time),
    ("time_ns", time_time_ns),
    ("perf_counter", time_monotonic),
    ("perf_counter_ns", time_monotonic_ns),
    ("monotonic", time_monotonic),
    ("monotonic_ns", time_monotonic_ns),
    ("process_time", time_monotonic),
    ("process_time_ns", time_monotonic_ns),
    ("sleep", time_sleep),
];

/// Builds `time`.
pub(super) fn create(vm: &mut Vm) -> ObjRef {
    // Start the monotonic clock so its values stay small.
    let _ = origin();
    super::new_module(vm, "time", FUNCTIONS, Vec::new())
}

/// The reference point of the monotonic clocks. `process_time` uses it
/// too: without libc there is no CPU clock, and for a single-threaded
/// interpreter elapsed time is an upper bound of it.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

fn time_time(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "time", args, 0, 0)?;
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_time_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "time_ns", args, 0, 0)?;
    Ok(Value::Int(since_epoch().as_nanos() as i64))
}

fn time_monotonic(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "monotonic", args, 0, 0)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn time_monotonic_ns(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "monotonic_ns", args, 0, 0)?;
    Ok(Value::Int(origin().elapsed().as_nanos() as i64))
}

fn time_sleep(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "sleep", args, 1, 1)?;
    let secs = match &a[0] {
        Value::Int(_) | Value::Bool(_) | Value::Float(_) | Value::BigInt(_) => {
            vm.to_float(&a[0])?
        }
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    vm.flush_stdout();
    std::thread::sleep(Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX));
    Ok(Value::None)
}
