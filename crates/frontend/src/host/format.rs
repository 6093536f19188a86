//! Text formatting with CPython's exact output: `repr(float)`, `%`
//! formatting, `format()` specs, and number parsing.
//!
//! (Signatures fixed; bodies are filled in by the library work.)

use super::value::{PyStr, Value};
use super::vm::{PyResult, Vm};

/// `repr(x)` / `str(x)` of a float, exactly as CPython prints it
/// (shortest round-trip digits, `1e+16`, `inf`, `nan`, `-0.0`, `1.0`).
pub fn float_repr(x: f64) -> String {
    let _ = x;
    unimplemented!("float_repr")
}

/// `fmt % args` for str (`args` a tuple, a single value, or a dict).
pub fn percent_format(vm: &mut Vm, fmt: &PyStr, args: &Value) -> PyResult<PyStr> {
    let _ = (vm, fmt, args);
    unimplemented!("percent_format")
}

/// `format(v, spec)` with a format spec (`>10`, `.3f`, `08x`, `,d` ...).
pub fn format_with_spec(vm: &mut Vm, v: &Value, spec: &PyStr) -> PyResult<PyStr> {
    let _ = (vm, v, spec);
    unimplemented!("format_with_spec")
}

/// `int(s, base)` parsing: Python syntax (sign, underscores, whitespace,
/// `0x` prefixes when base is 0 or matches). `None` if invalid.
pub fn parse_int(s: &str, base: u32) -> Option<Value> {
    let _ = (s, base);
    unimplemented!("parse_int")
}

/// `float(s)` parsing (`inf`, `nan`, `1e5`, whitespace). `None` if invalid.
pub fn parse_float(s: &str) -> Option<f64> {
    let _ = s;
    unimplemented!("parse_float")
}
