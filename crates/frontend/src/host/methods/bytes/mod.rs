//! Methods of `bytes`, with CPython's semantics and error messages.
//!
//! Character classes are ASCII only, as in CPython. The codecs are shared
//! with `str.encode` (see [`super::str::codec`]).

mod text;

use super::str::text::{center_padding, search_bounds};
use super::str::{check_arity, Arity};
use super::MethodTable;
use crate::host::args::{bind, positional};
use crate::host::modules::support::{expect_int, opt_index, type_name};
use crate::host::object::Args;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};
use std::sync::Arc;
use text::{
    find_bytes, from_hex, is_space, occurrences, rfind_bytes, rsplit_bytes, split_bytes,
    title_bytes, to_hex,
};

pub const METHODS: MethodTable = &[
    ("decode", decode),
    ("split", split),
    ("rsplit", rsplit),
    ("splitlines", splitlines),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("join", join),
    ("startswith", startswith),
    ("endswith", endswith),
    ("find", find),
    ("rfind", rfind),
    ("index", index),
    ("rindex", rindex),
    ("count", count),
    ("replace", replace),
    ("upper", upper),
    ("lower", lower),
    ("title", title),
    ("capitalize", capitalize),
    ("swapcase", swapcase),
    ("zfill", zfill),
    ("isascii", isascii),
    ("isdigit", isdigit),
    ("isalpha", isalpha),
    ("isspace", isspace),
    ("isalnum", isalnum),
    ("isupper", isupper),
    ("islower", islower),
    ("hex", hex),
    ("fromhex", fromhex),
    ("center", center),
    ("ljust", ljust),
    ("rjust", rjust),
    ("partition", partition),
    ("rpartition", rpartition),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Arc<[u8]>> {
    let got = args.args.first().map(|v| vm.unwrap_base_value(v));
    match got {
        Some(Value::Bytes(b)) => {
            args.args.remove(0);
            Ok(b)
        }
        _ => Err(super::str::receiver_error(
            vm,
            "bytes",
            method,
            args.args.first(),
        )),
    }
}

fn pos(
    vm: &mut Vm,
    args: &mut Args,
    method: &str,
    min: usize,
    max: usize,
) -> PyResult<(Arc<[u8]>, Vec<Value>)> {
    let b = this(vm, args, method)?;
    check_arity(vm, args, "bytes", method, (min, max), Arity::Clinic)?;
    Ok((b, std::mem::take(&mut args.args)))
}

/// A bytes-like argument (bytes only: there is no bytearray here).
fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Arc<[u8]>> {
    match v {
        Value::Bytes(b) => Ok(b.clone()),
        other => {
            let t = type_name(vm, other);
            Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
        }
    }
}

fn opt_bytes(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Arc<[u8]>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => bytes_arg(vm, v).map(Some),
    }
}

fn list_of(vm: &mut Vm, pieces: Vec<&[u8]>) -> Value {
    let items = pieces.into_iter().map(Value::bytes).collect();
    vm.new_list(items)
}

fn decode(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let b = this(vm, &mut args, "decode")?;
    let slots = bind(
        vm,
        "decode",
        std::mem::take(&mut args),
        &["encoding", "errors"],
        0,
    )?;
    let mut names = Vec::new();
    for (slot, default, what) in [
        (&slots[0], "utf-8", "encoding"),
        (&slots[1], "strict", "errors"),
    ] {
        names.push(match slot {
            None => PyStr::new(default),
            Some(Value::Str(s)) => s.clone(),
            Some(other) => {
                let t = type_name(vm, other);
                return Err(
                    vm.type_error(format!("decode() argument '{what}' must be str, not {t}"))
                );
            }
        });
    }
    let text = super::str::codec::decode(vm, &b, &names[0], &names[1])?;
    Ok(Value::string(text))
}

fn split_common(vm: &mut Vm, mut args: Args, method: &str, right: bool) -> PyResult<Value> {
    let b = this(vm, &mut args, method)?;
    let slots = bind(
        vm,
        method,
        std::mem::take(&mut args),
        &["sep", "maxsplit"],
        0,
    )?;
    let sep = opt_bytes(vm, slots[0].as_ref())?;
    let maxsplit = match &slots[1] {
        Some(v) => expect_int(vm, v)?,
        None => -1,
    };
    if sep.as_ref().is_some_and(|s| s.is_empty()) {
        return Err(vm.value_error("empty separator"));
    }
    let pieces = if right {
        rsplit_bytes(&b, sep.as_deref(), maxsplit)
    } else {
        split_bytes(&b, sep.as_deref(), maxsplit)
    };
    Ok(list_of(vm, pieces))
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_common(vm, args, "split", false)
}

fn rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_common(vm, args, "rsplit", true)
}

fn splitlines(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let b = this(vm, &mut args, "splitlines")?;
    let slots = bind(
        vm,
        "splitlines",
        std::mem::take(&mut args),
        &["keepends"],
        0,
    )?;
    let keep = match &slots[0] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            let mut end = i + 1;
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                end += 1;
            }
            out.push(&b[start..if keep { end } else { i }]);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(&b[start..]);
    }
    Ok(list_of(vm, out))
}

fn strip_common(
    vm: &mut Vm,
    mut args: Args,
    method: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, method, 0, 1)?;
    let chars = opt_bytes(vm, vals.first())?;
    let strip = |c: u8| chars.as_ref().map_or(is_space(c), |set| set.contains(&c));
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(b[e - 1]) {
            e -= 1;
        }
    }
    Ok(Value::bytes(&b[s..e]))
}

fn strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_common(vm, args, "strip", true, true)
}

fn lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_common(vm, args, "lstrip", true, false)
}

fn rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_common(vm, args, "rstrip", false, true)
}

fn join(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (sep, vals) = pos(vm, &mut args, "join", 1, 1)?;
    let items = vm.collect(&vals[0])?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match item {
            Value::Bytes(b) => out.extend_from_slice(b),
            other => {
                let t = type_name(vm, other);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {t} found"
                )));
            }
        }
    }
    Ok(Value::Bytes(out.into()))
}

/// The receiver, the searched-for argument and the resolved bounds
/// (`None` when start lies past end).
type SubRange = (Arc<[u8]>, Value, Option<(usize, usize)>);

/// Unpacks `(sub[, start[, end]])`; `sub` may be bytes or an int.
fn sub_range(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<SubRange> {
    let b = this(vm, args, method)?;
    check_arity(vm, args, "bytes", method, (1, 3), Arity::Classic)?;
    let vals = std::mem::take(&mut args.args);
    let start = opt_index(vm, vals.get(1))?;
    let end = opt_index(vm, vals.get(2))?;
    let bounds = search_bounds(b.len(), start, end);
    Ok((b, vals[0].clone(), bounds))
}

fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(n) => match u8::try_from(*n) {
            Ok(byte) => Ok(vec![byte]),
            Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        },
        Value::Bytes(b) => Ok(b.to_vec()),
        other => {
            let t = type_name(vm, other);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{t}'"
            )))
        }
    }
}

fn affix(vm: &mut Vm, mut args: Args, method: &str, prefix: bool) -> PyResult<Value> {
    let (b, sub, bounds) = sub_range(vm, &mut args, method)?;
    let candidates: Vec<Value> = match &sub {
        Value::Bytes(_) => vec![sub.clone()],
        Value::Tuple(t) => t.to_vec(),
        other => {
            let t = type_name(vm, other);
            return Err(vm.type_error(format!(
                "{method} first arg must be bytes or a tuple of bytes, not {t}"
            )));
        }
    };
    let Some((a, e)) = bounds else {
        return Ok(Value::Bool(false));
    };
    let hay = &b[a..e];
    for c in &candidates {
        let p = bytes_arg(vm, c)?;
        let hit = if prefix {
            hay.starts_with(&p)
        } else {
            hay.ends_with(&p)
        };
        if hit {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "startswith", true)
}

fn endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "endswith", false)
}

fn search(vm: &mut Vm, mut args: Args, method: &str, right: bool) -> PyResult<Option<usize>> {
    let (b, sub, bounds) = sub_range(vm, &mut args, method)?;
    let sub = needle(vm, &sub)?;
    let Some((a, e)) = bounds else {
        return Ok(None);
    };
    let hay = &b[a..e];
    let found = if right {
        rfind_bytes(hay, &sub)
    } else {
        find_bytes(hay, &sub)
    };
    Ok(found.map(|p| a + p))
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        search(vm, args, "find", false)?.map_or(-1, |i| i as i64),
    ))
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        search(vm, args, "rfind", true)?.map_or(-1, |i| i as i64),
    ))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match search(vm, args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match search(vm, args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn count(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, sub, bounds) = sub_range(vm, &mut args, "count")?;
    let sub = needle(vm, &sub)?;
    let n = match bounds {
        None => 0,
        Some((a, e)) if sub.is_empty() => e - a + 1,
        Some((a, e)) => occurrences(&b[a..e], &sub).len(),
    };
    Ok(Value::Int(n as i64))
}

fn replace(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, "replace", 2, 3)?;
    let old = bytes_arg(vm, &vals[0])?;
    let new = bytes_arg(vm, &vals[1])?;
    let limit = match vals.get(2) {
        Some(v) => expect_int(vm, v)?,
        None => -1,
    };
    let limit = if limit < 0 {
        usize::MAX
    } else {
        limit as usize
    };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &byte) in b.iter().enumerate() {
            if n < limit {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(byte);
            if i + 1 == b.len() && n < limit {
                out.extend_from_slice(&new);
            }
        }
        if b.is_empty() && limit > 0 {
            out.extend_from_slice(&new);
        }
    } else {
        let mut start = 0;
        for p in occurrences(&b, &old).into_iter().take(limit) {
            out.extend_from_slice(&b[start..p]);
            out.extend_from_slice(&new);
            start = p + old.len();
        }
        out.extend_from_slice(&b[start..]);
    }
    Ok(Value::Bytes(out.into()))
}

fn map_bytes(vm: &mut Vm, mut args: Args, method: &str, f: fn(&u8) -> u8) -> PyResult<Value> {
    let (b, _) = pos(vm, &mut args, method, 0, 0)?;
    Ok(Value::Bytes(b.iter().map(f).collect::<Vec<u8>>().into()))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "upper", u8::to_ascii_uppercase)
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "lower", u8::to_ascii_lowercase)
}

fn title(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, _) = pos(vm, &mut args, "title", 0, 0)?;
    Ok(Value::Bytes(title_bytes(&b).into()))
}

fn capitalize(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, _) = pos(vm, &mut args, "capitalize", 0, 0)?;
    let out: Vec<u8> = b
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(Value::Bytes(out.into()))
}

fn swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "swapcase", |c| {
        if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            c.to_ascii_uppercase()
        }
    })
}

fn zfill(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, "zfill", 1, 1)?;
    let width = expect_int(vm, &vals[0])?.max(0) as usize;
    if b.len() >= width {
        return Ok(Value::Bytes(b));
    }
    let zeros = width - b.len();
    let mut out = Vec::with_capacity(width);
    let rest = match b.first() {
        Some(&sign @ (b'+' | b'-')) => {
            out.push(sign);
            &b[1..]
        }
        _ => &b[..],
    };
    out.extend(std::iter::repeat_n(b'0', zeros));
    out.extend_from_slice(rest);
    Ok(Value::Bytes(out.into()))
}

fn isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isascii", |b| b.is_ascii())
}

fn test_bytes(vm: &mut Vm, mut args: Args, method: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let (b, _) = pos(vm, &mut args, method, 0, 0)?;
    Ok(Value::Bool(f(&b)))
}

fn isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isdigit", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_digit)
    })
}

fn isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isalpha", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)
    })
}

fn isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isspace", |b| {
        !b.is_empty() && b.iter().all(|&c| is_space(c))
    })
}

fn isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isalnum", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)
    })
}

fn isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isupper", |b| {
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
    })
}

fn islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "islower", |b| {
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
    })
}

fn hex(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, _) = pos(vm, &mut args, "hex", 0, 0)?;
    Ok(Value::string(to_hex(&b)))
}

/// `bytes.fromhex(s)`. A classmethod in CPython; here it sits in the class
/// dict as a plain function, so `bytes.fromhex(s)` works (calling it on an
/// instance does not).
fn fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let vals = positional(vm, "fromhex", args, 1, 1)?;
    let s = match &vals[0] {
        Value::Str(s) => s.clone(),
        other => {
            let t = type_name(vm, other);
            return Err(vm.type_error(format!("fromhex() argument must be str, not {t}")));
        }
    };
    match from_hex(&s) {
        Ok(b) => Ok(Value::Bytes(b.into())),
        Err(i) => Err(vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))),
    }
}

fn pad(vm: &mut Vm, mut args: Args, method: &str) -> PyResult<(Arc<[u8]>, usize, u8)> {
    let (b, vals) = pos(vm, &mut args, method, 1, 2)?;
    let width = expect_int(vm, &vals[0])?.max(0) as usize;
    let fill = match vals.get(1) {
        None => b' ',
        Some(Value::Bytes(f)) if f.len() == 1 => f[0],
        Some(other) => {
            let t = type_name(vm, other);
            let msg = format!("{method}() argument 2 must be a byte string of length 1, not {t}");
            return Err(vm.type_error(msg));
        }
    };
    Ok((b, width, fill))
}

fn padded(b: &[u8], left: usize, right: usize, fill: u8) -> Value {
    let mut out = vec![fill; left];
    out.extend_from_slice(b);
    out.extend(std::iter::repeat_n(fill, right));
    Value::Bytes(out.into())
}

fn center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (b, width, fill) = pad(vm, args, "center")?;
    let (l, r) = center_padding(b.len(), width);
    Ok(padded(&b, l, r, fill))
}

fn ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (b, width, fill) = pad(vm, args, "ljust")?;
    Ok(padded(&b, 0, width.saturating_sub(b.len()), fill))
}

fn rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (b, width, fill) = pad(vm, args, "rjust")?;
    Ok(padded(&b, width.saturating_sub(b.len()), 0, fill))
}

fn partition_common(vm: &mut Vm, mut args: Args, method: &str, right: bool) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, method, 1, 1)?;
    let sep = bytes_arg(vm, &vals[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        rfind_bytes(&b, &sep)
    } else {
        find_bytes(&b, &sep)
    };
    let parts = match found {
        Some(i) => [
            Value::bytes(&b[..i]),
            Value::Bytes(sep.clone()),
            Value::bytes(&b[i + sep.len()..]),
        ],
        None if right => [Value::bytes(b""), Value::bytes(b""), Value::Bytes(b)],
        None => [Value::Bytes(b), Value::bytes(b""), Value::bytes(b"")],
    };
    Ok(Value::tuple(parts.to_vec()))
}

fn partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_common(vm, args, "partition", false)
}

fn rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_common(vm, args, "rpartition", true)
}

fn removeprefix(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, "removeprefix", 1, 1)?;
    let p = bytes_arg(vm, &vals[0])?;
    Ok(match b.strip_prefix(&p[..]) {
        Some(rest) => Value::bytes(rest),
        None => Value::Bytes(b),
    })
}

fn removesuffix(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (b, vals) = pos(vm, &mut args, "removesuffix", 1, 1)?;
    let p = bytes_arg(vm, &vals[0])?;
    Ok(match b.strip_suffix(&p[..]) {
        Some(rest) => Value::bytes(rest),
        None => Value::Bytes(b),
    })
}
