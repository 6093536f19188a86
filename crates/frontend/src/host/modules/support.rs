//! Small helpers shared by the native library (str and bytes methods,
//! formatting, files, built-in modules): argument unpacking, type names
//! for messages, and exception construction.
//!
//! They only use the public operations of the [`Vm`], so they work with
//! whatever object model implements them.

use crate::host::object::Object;
use crate::host::ops::repr::str_repr;
use crate::host::value::{ObjRef, PyStr, Value};
use crate::host::vm::{Exc, PyResult, Vm};

/// The class name of a value, for error messages (`int`, `str`, `Foo`).
pub(crate) fn type_name(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "NoneType".into(),
        Value::Bool(_) => "bool".into(),
        Value::Int(_) | Value::BigInt(_) => "int".into(),
        Value::Float(_) => "float".into(),
        Value::Str(_) => "str".into(),
        Value::Bytes(_) => "bytes".into(),
        Value::Tuple(_) => "tuple".into(),
        Value::Ellipsis => "ellipsis".into(),
        Value::NotImplemented => "NotImplementedType".into(),
        Value::Method(_) => "method".into(),
        Value::Ref(_) => class_name(vm, vm.type_of(v)),
    }
}

/// The name of a class object.
pub(crate) fn class_name(vm: &Vm, cls: ObjRef) -> String {
    match vm.heap.get(cls) {
        Object::Class(c) => c.name.to_string(),
        _ => "object".into(),
    }
}

pub(crate) fn type_error(vm: &mut Vm, msg: &str) -> Exc {
    vm.new_exception(vm.types.type_error, msg)
}

pub(crate) fn value_error(vm: &mut Vm, msg: &str) -> Exc {
    vm.new_exception(vm.types.value_error, msg)
}

/// An int argument that fits in 64 bits (bools count).
pub(crate) fn expect_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::BigInt(_) => Err(vm.new_exception(
            vm.types.overflow_error,
            "Python int too large to convert to C ssize_t",
        )),
        other => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, other)
            );
            Err(type_error(vm, &msg))
        }
    }
}

/// An optional int argument where `None` means absent (slice bounds).
pub(crate) fn opt_index(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Int(i)) => Ok(Some(*i)),
        Some(Value::Bool(b)) => Ok(Some(i64::from(*b))),
        Some(Value::BigInt(b)) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        Some(_) => Err(type_error(
            vm,
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// `ascii(x)` of a repr: escapes every non-ASCII character.
pub(crate) fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Creates an `OSError` (or `FileNotFoundError` for `ENOENT`) from an I/O
/// error, with CPython's message (`[Errno 2] No such file or directory:
/// 'x'`) and the `errno`, `strerror` and `filename` attributes.
pub(crate) fn os_error(vm: &mut Vm, err: &std::io::Error, filename: Option<&str>) -> Exc {
    let errno = err.raw_os_error();
    let text = err.to_string();
    // std appends " (os error N)" to the C library's message.
    let strerror = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text.clone(),
    };
    let msg = match (errno, filename) {
        (Some(n), Some(f)) => format!("[Errno {n}] {strerror}: {}", str_repr(f)),
        (Some(n), None) => format!("[Errno {n}] {strerror}"),
        (None, _) => strerror.clone(),
    };
    let cls = os_error_class(vm, errno.unwrap_or(0));
    let exc = vm.new_exception(cls, &msg);
    let value = exc.value().clone();
    let errno_value = errno.map_or(Value::None, |n| Value::Int(i64::from(n)));
    // The attributes are a convenience: a failure to set them must not
    // hide the error itself.
    let _ = vm.setattr(&value, &PyStr::new("errno"), errno_value);
    let _ = vm.setattr(&value, &PyStr::new("strerror"), Value::string(strerror));
    let fname = filename.map_or(Value::None, Value::str);
    let _ = vm.setattr(&value, &PyStr::new("filename"), fname);
    exc
}

/// The subclass of `OSError` CPython raises for an errno (Linux's
/// numbers), as `OSError(errno, ...)` itself picks.
pub(crate) fn os_error_class(vm: &Vm, errno: i32) -> ObjRef {
    let name = match errno {
        2 => "FileNotFoundError",
        17 => "FileExistsError",
        1 | 13 => "PermissionError",
        21 => "IsADirectoryError",
        20 => "NotADirectoryError",
        32 | 108 => "BrokenPipeError",
        103 => "ConnectionAbortedError",
        111 => "ConnectionRefusedError",
        104 => "ConnectionResetError",
        4 => "InterruptedError",
        11 | 114 | 115 => "BlockingIOError",
        10 => "ChildProcessError",
        3 => "ProcessLookupError",
        110 => "TimeoutError",
        _ => return vm.types.os_error,
    };
    if name == "FileNotFoundError" {
        return vm.types.file_not_found_error;
    }
    vm.types
        .os_error_subclasses
        .iter()
        .copied()
        .find(|&c| vm.class(c).name.as_str() == name)
        .unwrap_or(vm.types.os_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_of_str() {
        assert_eq!(str_repr("é"), "'é'");
        assert_eq!(str_repr("tab\there"), "'tab\\there'");
        assert_eq!(str_repr("quote'q"), "\"quote'q\"");
        assert_eq!(str_repr("dq\"x"), "'dq\"x'");
        assert_eq!(str_repr("both'\""), "'both\\'\"'");
        assert_eq!(str_repr("nl\n\x00\u{a0}"), "'nl\\n\\x00\\xa0'");
    }

    #[test]
    fn escapes() {
        assert_eq!(ascii_escape("aé€𝄞"), "a\\xe9\\u20ac\\U0001d11e");
    }
}
