//! Text formatting with CPython's exact output: `repr(float)`, `%`
//! formatting, `format()` specs, and number parsing.
//!
//! The pure parts (float digits, spec parsing and layout, number parsing)
//! live in submodules and work on plain Rust values; this file connects
//! them to host values.

mod float;
mod parse;
mod percent;
pub mod spec;

pub use float::{float_body, FloatStyle};
pub use parse::{parse_float, parse_int};

use super::modules::support::{type_name, value_error};
use super::value::{PyStr, Value};
use super::vm::{PyResult, Vm};
use num_bigint::BigInt;
use spec::Spec;

/// `repr(x)` / `str(x)` of a float, exactly as CPython prints it
/// (shortest round-trip digits, `1e+16`, `inf`, `nan`, `-0.0`, `1.0`).
pub fn float_repr(x: f64) -> String {
    float::float_repr(x)
}

/// `fmt % args` for str (`args` a tuple, a single value, or a dict).
pub fn percent_format(vm: &mut Vm, fmt: &PyStr, args: &Value) -> PyResult<PyStr> {
    percent::percent_format(vm, fmt, args)
}

/// The int value of an int or bool, as a big integer.
pub(crate) fn int_value(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `format(v, spec)` with a format spec (`>10`, `.3f`, `08x`, `,d` ...).
pub fn format_with_spec(vm: &mut Vm, v: &Value, spec: &PyStr) -> PyResult<PyStr> {
    if spec.is_empty() {
        return vm.str(v);
    }
    let parsed = |vm: &mut Vm| Spec::parse(spec).map_err(|m| value_error(vm, &m));
    let text = match v {
        Value::Str(s) => {
            let sp = parsed(vm)?;
            spec::format_str(s, &sp)
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            let sp = parsed(vm)?;
            let n = int_value(v).unwrap_or_default();
            spec::format_int_any(&n, &sp)
        }
        Value::Float(x) => {
            let sp = parsed(vm)?;
            spec::format_float(*x, &sp)
        }
        _ => return format_object(vm, v, spec),
    };
    text.map(PyStr::from).map_err(|m| value_error(vm, &m))
}

/// `format(obj, spec)` for any other object: its own `__format__` if it
/// defines one in Python, else that of the built-in value it wraps, else a
/// TypeError (`object.__format__` only accepts an empty spec).
fn format_object(vm: &mut Vm, v: &Value, spec: &PyStr) -> PyResult<PyStr> {
    if let Some(result) = vm.call_special(v, "__format__", vec![Value::Str(spec.clone())])? {
        return match result {
            Value::Str(s) => Ok(s),
            other => {
                let msg = format!(
                    "__format__ must return a str, not {}",
                    type_name(vm, &other)
                );
                Err(super::modules::support::type_error(vm, &msg))
            }
        };
    }
    if let Some(base) = vm.base_value(v) {
        return format_with_spec(vm, &base, spec);
    }
    let msg = format!(
        "unsupported format string passed to {}.__format__",
        type_name(vm, v)
    );
    Err(super::modules::support::type_error(vm, &msg))
}
