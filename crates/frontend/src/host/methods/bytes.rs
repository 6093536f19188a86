//! Methods of `bytes`, plus the byte-level algorithms behind them.

use super::MethodTable;
use crate::host::modules::support::{
    arg, check_arity, expect_int, opt_index, slice_bounds, type_error, type_name, value_error,
};
use crate::host::object::Args;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use std::sync::Arc;

pub const METHODS: MethodTable = &[
    ("decode", decode),
    ("split", split),
    ("join", join),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("startswith", startswith),
    ("endswith", endswith),
    ("find", find),
    ("rfind", rfind),
    ("index", index),
    ("count", count),
    ("replace", replace),
    ("upper", upper),
    ("lower", lower),
    ("isdigit", isdigit),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("hex", hex),
];

fn recv(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Arc<[u8]>> {
    match args.args.first() {
        Some(Value::Bytes(b)) => Ok(b.clone()),
        _ => Err(type_error(
            vm,
            &format!("descriptor '{name}' requires a 'bytes' object"),
        )),
    }
}

fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Arc<[u8]>> {
    match v {
        Value::Bytes(b) => Ok(b.clone()),
        other => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, other)
            );
            Err(type_error(vm, &msg))
        }
    }
}

/// Finds `needle` in `hay` (first or last occurrence).
pub fn find_bytes(hay: &[u8], needle: &[u8], reverse: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let mut positions = 0..=hay.len() - needle.len();
    let hit = |&i: &usize| &hay[i..i + needle.len()] == needle;
    if reverse {
        positions.rev().find(hit)
    } else {
        positions.find(hit)
    }
}

/// Splits on a non-empty separator, at most `max` times.
pub fn split_bytes(hay: &[u8], sep: &[u8], max: Option<usize>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = hay;
    while max.is_none_or(|m| out.len() < m) {
        match find_bytes(rest, sep, false) {
            Some(i) => {
                out.push(rest[..i].to_vec());
                rest = &rest[i + sep.len()..];
            }
            None => break,
        }
    }
    out.push(rest.to_vec());
    out
}

/// Splits on runs of ASCII whitespace.
pub fn split_bytes_whitespace(hay: &[u8], max: Option<usize>) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < hay.len() {
        while i < hay.len() && hay[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= hay.len() {
            break;
        }
        if max.is_some_and(|m| out.len() >= m) {
            let mut end = hay.len();
            while end > i && hay[end - 1].is_ascii_whitespace() {
                end -= 1;
            }
            out.push(hay[i..end].to_vec());
            break;
        }
        let start = i;
        while i < hay.len() && !hay[i].is_ascii_whitespace() {
            i += 1;
        }
        out.push(hay[start..i].to_vec());
    }
    out
}

/// Replaces occurrences of `old` (at most `count`).
pub fn replace_bytes(hay: &[u8], old: &[u8], new: &[u8], count: Option<usize>) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut done = 0;
    let mut i = 0;
    while i <= hay.len() {
        if count.is_some_and(|c| done >= c) {
            break;
        }
        if old.is_empty() {
            out.extend_from_slice(new);
            done += 1;
            if i < hay.len() {
                out.push(hay[i]);
            }
            i += 1;
            continue;
        }
        match find_bytes(&hay[i..], old, false) {
            Some(k) => {
                out.extend_from_slice(&hay[i..i + k]);
                out.extend_from_slice(new);
                i += k + old.len();
                done += 1;
            }
            None => break,
        }
    }
    if i < hay.len() {
        out.extend_from_slice(&hay[i..]);
    }
    out
}

/// Decodes UTF-8 with CPython's error message for the first bad byte.
pub fn decode_utf8(b: &[u8]) -> Result<String, String> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let pos = e.valid_up_to();
            let reason = match e.error_len() {
                None => "unexpected end of data",
                Some(_) if b[pos] >= 0x80 && b[pos] < 0xc2 || b[pos] > 0xf4 => "invalid start byte",
                Some(_) => "invalid continuation byte",
            };
            Err(format!(
                "'utf-8' codec can't decode byte 0x{:02x} in position {pos}: {reason}",
                b[pos]
            ))
        }
    }
}

fn decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "decode")?;
    check_arity(vm, "decode", &args, true, 0, 2)?;
    let encoding = match arg(&args, 1, "encoding") {
        Some(Value::Str(s)) => s.to_string(),
        Some(_) => return Err(type_error(vm, "decode() argument 'encoding' must be str")),
        None => "utf-8".into(),
    };
    match encoding.to_ascii_lowercase().replace('_', "-").as_str() {
        "utf-8" | "utf8" => match decode_utf8(&b) {
            Ok(s) => Ok(Value::string(s)),
            Err(msg) => Err(vm.new_exception(vm.types.unicode_decode_error, &msg)),
        },
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
            Ok(Value::string(b.iter().map(|&c| char::from(c)).collect()))
        }
        "ascii" | "us-ascii" => match b.iter().position(|&c| c >= 0x80) {
            None => Ok(Value::string(b.iter().map(|&c| char::from(c)).collect())),
            Some(pos) => {
                let msg = format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    b[pos]
                );
                Err(vm.new_exception(vm.types.unicode_decode_error, &msg))
            }
        },
        _ => {
            let msg = format!("unknown encoding: {encoding}");
            Err(vm.new_exception(vm.types.lookup_error, &msg))
        }
    }
}

fn list_of(vm: &mut Vm, parts: Vec<Vec<u8>>) -> Value {
    let items = parts.iter().map(|p| Value::bytes(p)).collect();
    vm.new_list(items)
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "split")?;
    check_arity(vm, "split", &args, true, 0, 2)?;
    let max = match arg(&args, 2, "maxsplit") {
        Some(v) => usize::try_from(expect_int(vm, &v)?).ok(),
        None => None,
    };
    let parts = match arg(&args, 1, "sep") {
        None | Some(Value::None) => split_bytes_whitespace(&b, max),
        Some(v) => {
            let sep = bytes_arg(vm, &v)?;
            if sep.is_empty() {
                return Err(value_error(vm, "empty separator"));
            }
            split_bytes(&b, &sep, max)
        }
    };
    Ok(list_of(vm, parts))
}

fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = recv(vm, &args, "join")?;
    check_arity(vm, "join", &args, true, 1, 1)?;
    let items = vm.collect(&args.args[1])?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match item {
            Value::Bytes(p) => out.extend_from_slice(p),
            other => {
                let msg = format!(
                    "sequence item {i}: expected a bytes-like object, {} found",
                    type_name(vm, other)
                );
                return Err(type_error(vm, &msg));
            }
        }
    }
    Ok(Value::bytes(&out))
}

fn strip_impl(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let b = recv(vm, &args, name)?;
    check_arity(vm, name, &args, true, 0, 1)?;
    let set: Option<Arc<[u8]>> = match args.args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(vm, v)?),
    };
    let strip_me = |c: &u8| match &set {
        None => c.is_ascii_whitespace() || *c == 0x0b,
        Some(s) => s.contains(c),
    };
    let mut start = 0;
    let mut end = b.len();
    if left {
        while start < end && strip_me(&b[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && strip_me(&b[end - 1]) {
            end -= 1;
        }
    }
    Ok(Value::bytes(&b[start..end]))
}

fn strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}

fn lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}

fn rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

/// The receiver restricted to the optional start/end arguments.
fn window(vm: &mut Vm, b: &[u8], args: &Args) -> PyResult<(usize, usize)> {
    let start = opt_index(vm, args.args.get(2))?;
    let end = opt_index(vm, args.args.get(3))?;
    Ok(slice_bounds(b.len(), start, end))
}

fn prefix_impl(vm: &mut Vm, args: Args, name: &str, at_start: bool) -> PyResult<Value> {
    let b = recv(vm, &args, name)?;
    check_arity(vm, name, &args, true, 1, 3)?;
    let (a, e) = window(vm, &b, &args)?;
    let candidates: Vec<Value> = match &args.args[1] {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    for c in candidates {
        let p = bytes_arg(vm, &c)?;
        if a <= e {
            let w = &b[a..e];
            if (at_start && w.starts_with(&p)) || (!at_start && w.ends_with(&p)) {
                return Ok(Value::Bool(true));
            }
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    prefix_impl(vm, args, "startswith", true)
}

fn endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    prefix_impl(vm, args, "endswith", false)
}

/// The needle: bytes or an int in range(256).
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(i) => match u8::try_from(*i) {
            Ok(c) => Ok(vec![c]),
            Err(_) => Err(value_error(vm, "byte must be in range(0, 256)")),
        },
        other => Ok(bytes_arg(vm, other)?.to_vec()),
    }
}

fn find_impl(vm: &mut Vm, args: &Args, name: &str, reverse: bool) -> PyResult<Option<usize>> {
    let b = recv(vm, args, name)?;
    check_arity(vm, name, args, true, 1, 3)?;
    let n = needle(vm, &args.args[1])?;
    let (a, e) = window(vm, &b, args)?;
    if a > e {
        return Ok(None);
    }
    Ok(find_bytes(&b[a..e], &n, reverse).map(|i| i + a))
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, &args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        find_impl(vm, &args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error(vm, "subsection not found")),
    }
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "count")?;
    check_arity(vm, "count", &args, true, 1, 3)?;
    let n = needle(vm, &args.args[1])?;
    let (a, e) = window(vm, &b, &args)?;
    if a > e {
        return Ok(Value::Int(0));
    }
    let total = if n.is_empty() {
        e - a + 1
    } else {
        split_bytes(&b[a..e], &n, None).len() - 1
    };
    Ok(Value::Int(total as i64))
}

fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "replace")?;
    check_arity(vm, "replace", &args, true, 2, 3)?;
    let old = bytes_arg(vm, &args.args[1])?;
    let new = bytes_arg(vm, &args.args[2])?;
    let limit = match args.args.get(3) {
        Some(v) => usize::try_from(expect_int(vm, v)?).ok(),
        None => None,
    };
    Ok(Value::bytes(&replace_bytes(&b, &old, &new, limit)))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "upper")?;
    Ok(Value::bytes(&b.to_ascii_uppercase()))
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "lower")?;
    Ok(Value::bytes(&b.to_ascii_lowercase()))
}

/// Defines a predicate over all bytes (false when empty).
macro_rules! predicate {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let b = recv(vm, &args, stringify!($name))?;
            let f: fn(&u8) -> bool = $f;
            Ok(Value::Bool(!b.is_empty() && b.iter().all(f)))
        }
    };
}

predicate!(isdigit, u8::is_ascii_digit);
predicate!(isalpha, u8::is_ascii_alphabetic);
predicate!(isalnum, u8::is_ascii_alphanumeric);
predicate!(isspace, |c| c.is_ascii_whitespace() || *c == 0x0b);

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = recv(vm, &args, "hex")?;
    Ok(Value::string(
        b.iter().map(|c| format!("{c:02x}")).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_algorithms() {
        assert_eq!(find_bytes(b"The Quick Brown", b"Brown", false), Some(10));
        assert_eq!(find_bytes(b"abcabc", b"bc", true), Some(4));
        assert_eq!(find_bytes(b"ab", b"abc", false), None);
        assert_eq!(split_bytes(b"line1\nline2\nline3", b"\n", None).len(), 3);
        assert_eq!(
            split_bytes(b"a,b,c", b",", Some(1)),
            vec![b"a".to_vec(), b"b,c".to_vec()]
        );
        assert_eq!(
            split_bytes_whitespace(b"  a  b ", None),
            vec![b"a".to_vec(), b"b".to_vec()]
        );
        assert_eq!(
            replace_bytes(b"foo boo", b"o", b"0", None),
            b"f00 b00".to_vec()
        );
        assert_eq!(
            replace_bytes(b"foo boo", b"o", b"0", Some(3)),
            b"f00 b0o".to_vec()
        );
        assert_eq!(replace_bytes(b"ab", b"", b"-", None), b"-a-b-".to_vec());
        assert_eq!(decode_utf8(b"caf\xc3\xa9").unwrap(), "café");
        assert_eq!(
            decode_utf8(b"ab\xff").unwrap_err(),
            "'utf-8' codec can't decode byte 0xff in position 2: invalid start byte"
        );
        assert_eq!(
            decode_utf8(b"ab\xc3").unwrap_err(),
            "'utf-8' codec can't decode byte 0xc3 in position 2: unexpected end of data"
        );
    }
}
