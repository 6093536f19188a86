//! Methods of `str`. Indices are code point indices; the text algorithms
//! are in [`text`], the `str.format` method in [`format_method`].

mod format_method;
pub mod text;

use super::MethodTable;
use crate::host::modules::support::{
    arg, check_arity, expect_int, expect_str, opt_index, recv_str, slice_bounds, type_error,
    type_name, value_error,
};
use crate::host::object::Args;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("split", split),
    ("rsplit", rsplit),
    ("join", join),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
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
    ("casefold", lower),
    ("capitalize", capitalize),
    ("title", title),
    ("swapcase", swapcase),
    ("isdigit", isdigit),
    ("isdecimal", isdecimal),
    ("isnumeric", isnumeric),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("isupper", isupper),
    ("islower", islower),
    ("isidentifier", isidentifier),
    ("encode", encode),
    ("center", center),
    ("ljust", ljust),
    ("rjust", rjust),
    ("zfill", zfill),
    ("splitlines", splitlines),
    ("partition", partition),
    ("rpartition", rpartition),
    ("expandtabs", expandtabs),
    ("format", format_method::format),
];

fn list_of(vm: &mut Vm, items: Vec<String>) -> Value {
    let values = items.into_iter().map(Value::string).collect();
    vm.new_list(values)
}

/// The optional `maxsplit` argument (-1 or absent: no limit).
fn maxsplit_arg(vm: &mut Vm, args: &Args) -> PyResult<Option<usize>> {
    match arg(args, 2, "maxsplit") {
        None => Ok(None),
        Some(v) => {
            let m = expect_int(vm, &v)?;
            Ok(usize::try_from(m).ok())
        }
    }
}

/// The optional separator of split/rsplit: `None` means whitespace.
fn sep_arg(vm: &mut Vm, args: &Args) -> PyResult<Option<PyStr>> {
    match arg(args, 1, "sep") {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let sep = expect_str(vm, &v, "sep")?;
            if sep.is_empty() {
                return Err(value_error(vm, "empty separator"));
            }
            Ok(Some(sep))
        }
    }
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "split")?;
    check_arity(vm, "split", &args, true, 0, 2)?;
    let (sep, max) = (sep_arg(vm, &args)?, maxsplit_arg(vm, &args)?);
    let parts = match sep {
        None => text::split_whitespace(&s, max),
        Some(sep) => text::split_sep(&s, &sep, max),
    };
    Ok(list_of(vm, parts))
}

fn rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "rsplit")?;
    check_arity(vm, "rsplit", &args, true, 0, 2)?;
    let (sep, max) = (sep_arg(vm, &args)?, maxsplit_arg(vm, &args)?);
    let parts = match sep {
        None => text::rsplit_whitespace(&s, max),
        Some(sep) => text::rsplit_sep(&s, &sep, max),
    };
    Ok(list_of(vm, parts))
}

fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "join")?;
    check_arity(vm, "join", &args, true, 1, 1)?;
    let items = vm.collect(&args.args[1])?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&s);
        }
        match item {
            Value::Str(p) => out.push_str(p),
            other => {
                let msg = format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(vm, other)
                );
                return Err(type_error(vm, &msg));
            }
        }
    }
    Ok(Value::string(out))
}

/// Shared body of strip/lstrip/rstrip.
fn strip_impl(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = recv_str(vm, &args, name)?;
    check_arity(vm, name, &args, true, 0, 1)?;
    let chars: Option<Vec<char>> = match args.args.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(expect_str(vm, v, &format!("{name} arg"))?.chars().collect()),
    };
    let pred = |c: char| match &chars {
        None => c.is_whitespace(),
        Some(set) => set.contains(&c),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    Ok(Value::str(t))
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

/// The receiver restricted to the optional `start`/`end` arguments at
/// positions 2 and 3: the text and its code point offset.
fn window(vm: &mut Vm, s: &PyStr, args: &Args) -> PyResult<(String, usize, bool)> {
    let start = opt_index(vm, args.args.get(2))?;
    let end = opt_index(vm, args.args.get(3))?;
    let (a, b) = slice_bounds(s.char_len(), start, end);
    if a > b {
        return Ok((String::new(), a, false));
    }
    Ok((s.substring(a, b).to_string(), a, true))
}

fn prefix_impl(vm: &mut Vm, args: Args, name: &str, at_start: bool) -> PyResult<Value> {
    let s = recv_str(vm, &args, name)?;
    check_arity(vm, name, &args, true, 1, 3)?;
    let (w, _, valid) = window(vm, &s, &args)?;
    let candidates: Vec<Value> = match &args.args[1] {
        Value::Tuple(items) => items.to_vec(),
        other => vec![other.clone()],
    };
    for c in candidates {
        let Value::Str(p) = c else {
            let msg = format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(vm, &args.args[1])
            );
            return Err(type_error(vm, &msg));
        };
        let hit = if at_start {
            w.starts_with(p.as_str())
        } else {
            w.ends_with(p.as_str())
        };
        if valid && hit {
            return Ok(Value::Bool(true));
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

/// Finds the substring argument within the window: code point index.
fn find_impl(vm: &mut Vm, args: &Args, name: &str, reverse: bool) -> PyResult<Option<usize>> {
    let s = recv_str(vm, args, name)?;
    check_arity(vm, name, args, true, 1, 3)?;
    let needle = expect_str(vm, &args.args[1], "")?;
    let (w, offset, valid) = window(vm, &s, args)?;
    if !valid {
        return Ok(None);
    }
    let found = if reverse {
        w.rfind(needle.as_str())
    } else {
        w.find(needle.as_str())
    };
    Ok(found.map(|b| offset + w[..b].chars().count()))
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
        None => Err(value_error(vm, "substring not found")),
    }
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(value_error(vm, "substring not found")),
    }
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "count")?;
    check_arity(vm, "count", &args, true, 1, 3)?;
    let needle = expect_str(vm, &args.args[1], "")?;
    let (w, _, valid) = window(vm, &s, &args)?;
    let n = if !valid {
        0
    } else if needle.is_empty() {
        w.chars().count() + 1
    } else {
        w.matches(needle.as_str()).count()
    };
    Ok(Value::Int(n as i64))
}

fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "replace")?;
    check_arity(vm, "replace", &args, true, 2, 3)?;
    let old = expect_str(vm, &args.args[1], "replace() argument 1")?;
    let new = expect_str(vm, &args.args[2], "replace() argument 2")?;
    let limit = match arg(&args, 3, "count") {
        Some(v) => usize::try_from(expect_int(vm, &v)?).ok(),
        None => None,
    };
    let out = match limit {
        Some(n) => s.replacen(old.as_str(), &new, n),
        None => s.replace(old.as_str(), &new),
    };
    Ok(Value::string(out))
}

/// Defines a method mapping the receiver text to a new text.
macro_rules! text_method {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let s = recv_str(vm, &args, stringify!($name))?;
            check_arity(vm, stringify!($name), &args, true, 0, 0)?;
            let f: fn(&str) -> String = $f;
            Ok(Value::string(f(&s)))
        }
    };
}

text_method!(upper, |s| s.to_uppercase());
text_method!(lower, |s| s.to_lowercase());
text_method!(capitalize, text::capitalize);
text_method!(title, text::title);
text_method!(swapcase, text::swapcase);

/// Defines a predicate method over the receiver text.
macro_rules! predicate {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let s = recv_str(vm, &args, stringify!($name))?;
            check_arity(vm, stringify!($name), &args, true, 0, 0)?;
            let f: fn(&str) -> bool = $f;
            Ok(Value::Bool(f(&s)))
        }
    };
}

predicate!(isdigit, |s| !s.is_empty()
    && s.chars().all(text::is_digit_char));
predicate!(isdecimal, |s| !s.is_empty()
    && s.chars().all(text::is_unicode_decimal));
predicate!(isnumeric, |s| !s.is_empty()
    && s.chars().all(char::is_numeric));
predicate!(isalpha, |s| !s.is_empty()
    && s.chars().all(char::is_alphabetic));
predicate!(isalnum, |s| !s.is_empty()
    && s.chars().all(|c| c.is_alphanumeric()));
predicate!(isspace, |s| !s.is_empty()
    && s.chars().all(char::is_whitespace));
predicate!(isupper, |s| s.chars().any(char::is_uppercase)
    && !s.chars().any(char::is_lowercase));
predicate!(islower, |s| s.chars().any(char::is_lowercase)
    && !s.chars().any(char::is_uppercase));
predicate!(isidentifier, text::is_identifier);

fn encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "encode")?;
    check_arity(vm, "encode", &args, true, 0, 2)?;
    let encoding = match arg(&args, 1, "encoding") {
        Some(v) => expect_str(vm, &v, "encode() argument 'encoding'")?.to_string(),
        None => "utf-8".into(),
    };
    let norm = encoding.to_ascii_lowercase().replace('_', "-");
    let limit = match norm.as_str() {
        "utf-8" | "utf8" => return Ok(Value::bytes(s.as_bytes())),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => 0x100,
        "ascii" | "us-ascii" => 0x80,
        _ => {
            let msg = format!("unknown encoding: {encoding}");
            return Err(vm.new_exception(vm.types.lookup_error, &msg));
        }
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        let n = c as u32;
        if n >= limit {
            let codec = if limit == 0x80 { "ascii" } else { "latin-1" };
            let msg = format!(
                "'{codec}' codec can't encode character '\\x{n:02x}' in position {i}: ordinal not in range({limit})"
            );
            let msg = if n > 0xff {
                msg.replace(&format!("\\x{n:02x}"), &format!("\\u{n:04x}"))
            } else {
                msg
            };
            return Err(vm.new_exception(vm.types.unicode_encode_error, &msg));
        }
        out.push(n as u8);
    }
    Ok(Value::bytes(&out))
}

/// Width and fill character arguments of center/ljust/rjust.
fn pad_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(PyStr, usize, char)> {
    let s = recv_str(vm, args, name)?;
    check_arity(vm, name, args, true, 1, 2)?;
    let width = usize::try_from(expect_int(vm, &args.args[1])?).unwrap_or(0);
    let fill = match args.args.get(2) {
        None => ' ',
        Some(Value::Str(f)) if f.char_len() == 1 => f.char_at(0),
        Some(_) => {
            return Err(type_error(
                vm,
                "The fill character must be exactly one character long",
            ))
        }
    };
    Ok((s, width, fill))
}

fn center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &args, "center")?;
    Ok(Value::string(text::center(&s, width, fill)))
}

fn ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &args, "ljust")?;
    let n = width.saturating_sub(s.char_len());
    Ok(Value::string(format!(
        "{}{}",
        s.as_str(),
        fill.to_string().repeat(n)
    )))
}

fn rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &args, "rjust")?;
    let n = width.saturating_sub(s.char_len());
    Ok(Value::string(format!(
        "{}{}",
        fill.to_string().repeat(n),
        s.as_str()
    )))
}

fn zfill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "zfill")?;
    check_arity(vm, "zfill", &args, true, 1, 1)?;
    let width = usize::try_from(expect_int(vm, &args.args[1])?).unwrap_or(0);
    Ok(Value::string(text::zfill(&s, width)))
}

fn splitlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "splitlines")?;
    check_arity(vm, "splitlines", &args, true, 0, 1)?;
    let keep = match arg(&args, 1, "keepends") {
        Some(v) => vm.is_true(&v)?,
        None => false,
    };
    Ok(list_of(vm, text::splitlines(&s, keep)))
}

fn partition_impl(vm: &mut Vm, args: Args, name: &str, reverse: bool) -> PyResult<Value> {
    let s = recv_str(vm, &args, name)?;
    check_arity(vm, name, &args, true, 1, 1)?;
    let sep = expect_str(vm, &args.args[1], "")?;
    if sep.is_empty() {
        return Err(value_error(vm, "empty separator"));
    }
    let found = if reverse {
        s.rfind(sep.as_str())
    } else {
        s.find(sep.as_str())
    };
    let parts = match found {
        Some(i) => [&s[..i], sep.as_str(), &s[i + sep.len()..]],
        None if reverse => ["", "", s.as_str()],
        None => [s.as_str(), "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

fn partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}

fn rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

fn expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = recv_str(vm, &args, "expandtabs")?;
    check_arity(vm, "expandtabs", &args, true, 0, 1)?;
    let size = match arg(&args, 1, "tabsize") {
        Some(v) => usize::try_from(expect_int(vm, &v)?).unwrap_or(0),
        None => 8,
    };
    Ok(Value::string(text::expandtabs(&s, size)))
}
