//! Methods of `str`, with CPython's semantics and error messages.
//!
//! Indices are code points. The text algorithms live in [`text`] (pure
//! functions), `str.format` in [`fmt`] and the codecs in [`codec`]; this
//! file unpacks arguments and builds result values.

pub mod codec;
mod fmt;
pub mod text;

use super::MethodTable;
use crate::host::args::bind;
use crate::host::modules::support::{expect_int, opt_index, type_name};
use crate::host::object::Args;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("join", join),
    ("split", split),
    ("rsplit", rsplit),
    ("splitlines", splitlines),
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
    ("capitalize", capitalize),
    ("title", title),
    ("swapcase", swapcase),
    ("casefold", casefold),
    ("isdigit", isdigit),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("isupper", isupper),
    ("islower", islower),
    ("isdecimal", isdecimal),
    ("isnumeric", isnumeric),
    ("isidentifier", isidentifier),
    ("isprintable", isprintable),
    ("isascii", isascii),
    ("istitle", istitle),
    ("center", center),
    ("ljust", ljust),
    ("rjust", rjust),
    ("zfill", zfill),
    ("partition", partition),
    ("rpartition", rpartition),
    ("expandtabs", expandtabs),
    ("encode", encode),
    ("format", fmt::format),
    ("format_map", fmt::format_map),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("maketrans", maketrans),
    ("translate", translate),
];

/// Splits the receiver (a str) off the arguments. Arguments that are
/// instances of str subclasses are replaced by their text, as the methods
/// of `str` only see the str they are.
fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<PyStr> {
    let s = receiver(vm, args, method)?;
    args.args.remove(0);
    let arguments = args
        .args
        .iter_mut()
        .chain(args.kwargs.iter_mut().map(|(_, v)| v));
    for v in arguments {
        if let Some(text @ Value::Str(_)) = vm.base_value(v) {
            *v = text;
        }
    }
    Ok(s)
}

/// The receiver of a str method (left in `args`), with CPython's errors
/// for an unbound call without one or with another type.
pub(crate) fn receiver(vm: &mut Vm, args: &Args, method: &str) -> PyResult<PyStr> {
    match args.args.first() {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => match vm.base_value(other) {
            Some(Value::Str(s)) => Ok(s),
            _ => Err(receiver_error(vm, "str", method, Some(other))),
        },
        None => Err(receiver_error(vm, "str", method, None)),
    }
}

/// The TypeError for a method of `type_name` called unbound on `got`.
pub(crate) fn receiver_error(
    vm: &mut Vm,
    type_name: &str,
    method: &str,
    got: Option<&Value>,
) -> crate::host::vm::Exc {
    match got {
        Some(other) => {
            let t = crate::host::modules::support::type_name(vm, other);
            vm.type_error(format!(
                "descriptor '{method}' for '{type_name}' objects doesn't apply to a '{t}' object"
            ))
        }
        None => vm.type_error(format!(
            "unbound method {type_name}.{method}() needs an argument"
        )),
    }
}

/// Binds the arguments after the receiver to `names` (for the methods
/// that accept keywords).
fn params(
    vm: &mut Vm,
    args: &mut Args,
    method: &str,
    names: &[&str],
    required: usize,
) -> PyResult<(PyStr, Vec<Option<Value>>)> {
    let s = this(vm, args, method)?;
    if let Some((k, _)) = args
        .kwargs
        .iter()
        .find(|(k, _)| !names.contains(&k.as_str()))
    {
        let msg = format!(
            "'{}' is an invalid keyword argument for {method}()",
            k.as_str()
        );
        return Err(vm.type_error(msg));
    }
    let rest = std::mem::take(args);
    let slots = bind(vm, method, rest, names, required)?;
    Ok((s, slots))
}

/// How a CPython method words its arity errors.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arity {
    /// Argument Clinic: `strip expected at most 1 argument, got 2`.
    Clinic,
    /// The older style: `find() takes at least 1 argument (0 given)`.
    Classic,
}

/// Checks the number of positional arguments (after the receiver) of the
/// method `method` of `type_name`, and that no keyword was given, with
/// CPython's messages.
pub(crate) fn check_arity(
    vm: &mut Vm,
    args: &Args,
    type_name: &str,
    method: &str,
    (min, max): (usize, usize),
    style: Arity,
) -> PyResult<()> {
    if !args.kwargs.is_empty() {
        return Err(vm.type_error(format!("{type_name}.{method}() takes no keyword arguments")));
    }
    let n = args.args.len();
    if (min..=max).contains(&n) {
        return Ok(());
    }
    let s = |k: usize| if k == 1 { "" } else { "s" };
    let msg = match (min, max, style) {
        (0, 0, _) => format!("{type_name}.{method}() takes no arguments ({n} given)"),
        (1, 1, _) => format!("{type_name}.{method}() takes exactly one argument ({n} given)"),
        (_, _, Arity::Clinic) if n < min => format!(
            "{method} expected at least {min} argument{}, got {n}",
            s(min)
        ),
        (_, _, Arity::Clinic) => format!(
            "{method} expected at most {max} argument{}, got {n}",
            s(max)
        ),
        (_, _, Arity::Classic) if n < min => format!(
            "{method}() takes at least {min} argument{} ({n} given)",
            s(min)
        ),
        (_, _, Arity::Classic) => format!(
            "{method}() takes at most {max} argument{} ({n} given)",
            s(max)
        ),
    };
    Err(vm.type_error(msg))
}

/// Positional-only parameters, worded as Argument Clinic does.
fn positional(
    vm: &mut Vm,
    args: &mut Args,
    method: &str,
    min: usize,
    max: usize,
) -> PyResult<(PyStr, Vec<Value>)> {
    let s = this(vm, args, method)?;
    check_arity(vm, args, "str", method, (min, max), Arity::Clinic)?;
    Ok((s, std::mem::take(&mut args.args)))
}

/// A str argument; `what` names it in the TypeError (may be empty).
fn str_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<PyStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let t = type_name(vm, other);
            let sp = if what.is_empty() { "" } else { " " };
            Err(vm.type_error(format!("{what}{sp}must be str, not {t}")))
        }
    }
}

/// An optional separator/chars argument: absent or None, else a str.
/// `Err(None)` when it has another type, for the caller's message.
fn opt_str(v: Option<&Value>) -> Result<Option<PyStr>, ()> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.clone())),
        Some(_) => Err(()),
    }
}

fn strs(vm: &mut Vm, pieces: Vec<&str>) -> Value {
    let items = pieces.into_iter().map(Value::str).collect();
    vm.new_list(items)
}

fn join(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (sep, vals) = positional(vm, &mut args, "join", 1, 1)?;
    let type_error = vm.types.type_error;
    let iter = match vm.iter(&vals[0]) {
        Ok(it) => it,
        Err(e) if vm.exc_is(&e, type_error) => {
            return Err(vm.type_error("can only join an iterable"))
        }
        Err(e) => return Err(e),
    };
    let items = vm.collect(&iter)?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match vm.unwrap_base_value(item) {
            Value::Str(s) => out.push_str(&s),
            other => {
                let t = type_name(vm, &other);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {t} found"
                )));
            }
        }
    }
    Ok(Value::string(out))
}

fn split_args(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<(PyStr, Option<PyStr>, i64)> {
    let (s, slots) = params(vm, args, method, &["sep", "maxsplit"], 0)?;
    let sep = match opt_str(slots[0].as_ref()) {
        Ok(sep) => sep,
        Err(()) => {
            let t = type_name(vm, slots[0].as_ref().unwrap_or(&Value::None));
            return Err(vm.type_error(format!("must be str or None, not {t}")));
        }
    };
    let maxsplit = match &slots[1] {
        Some(v) => expect_int(vm, v)?,
        None => -1,
    };
    if sep.as_ref().is_some_and(|p| p.is_empty()) {
        return Err(vm.value_error("empty separator"));
    }
    Ok((s, sep, maxsplit))
}

fn split(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, sep, maxsplit) = split_args(vm, &mut args, "split")?;
    let pieces = match &sep {
        None => text::split_whitespace(&s, maxsplit),
        Some(p) => text::split_sep(&s, p, maxsplit),
    };
    Ok(strs(vm, pieces))
}

fn rsplit(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, sep, maxsplit) = split_args(vm, &mut args, "rsplit")?;
    let pieces = match &sep {
        None => text::rsplit_whitespace(&s, maxsplit),
        Some(p) => text::rsplit_sep(&s, p, maxsplit),
    };
    Ok(strs(vm, pieces))
}

fn splitlines(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, slots) = params(vm, &mut args, "splitlines", &["keepends"], 0)?;
    let keep = match &slots[0] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    Ok(strs(vm, text::splitlines(&s, keep)))
}

fn strip_with(
    vm: &mut Vm,
    mut args: Args,
    method: &str,
    left: bool,
    right: bool,
) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, method, 0, 1)?;
    let Ok(chars) = opt_str(vals.first()) else {
        return Err(vm.type_error(format!("{method} arg must be None or str")));
    };
    let pred = |c: char| match &chars {
        None => text::is_space(c),
        Some(set) => set.contains(c),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    if t.len() == s.len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(t))
}

fn strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_with(vm, args, "strip", true, true)
}

fn lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_with(vm, args, "lstrip", true, false)
}

fn rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_with(vm, args, "rstrip", false, true)
}

/// The part of `s` between code points `a` and `b`, as a `&str`.
fn window(s: &PyStr, a: usize, b: usize) -> &str {
    &s[s.byte_offset(a)..s.byte_offset(b)]
}

/// The receiver, the searched-for argument and the resolved bounds
/// (`None` when start lies past end).
type SubRange = (PyStr, Value, Option<(usize, usize)>);

/// Unpacks `(sub[, start[, end]])`, resolving the bounds.
fn sub_range(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<SubRange> {
    let s = this(vm, args, method)?;
    check_arity(vm, args, "str", method, (1, 3), Arity::Classic)?;
    let vals = std::mem::take(&mut args.args);
    let start = opt_index(vm, vals.get(1))?;
    let end = opt_index(vm, vals.get(2))?;
    let bounds = text::search_bounds(s.char_len(), start, end);
    Ok((s, vals[0].clone(), bounds))
}

fn fix_affix(s: &str, affix: &str, prefix: bool) -> bool {
    if prefix {
        s.starts_with(affix)
    } else {
        s.ends_with(affix)
    }
}

fn starts_ends(vm: &mut Vm, mut args: Args, method: &str, prefix: bool) -> PyResult<Value> {
    let (s, sub, bounds) = sub_range(vm, &mut args, method)?;
    let affixes: Vec<Value> = match &sub {
        Value::Str(_) => vec![sub.clone()],
        Value::Tuple(t) => t.to_vec(),
        other => {
            let t = type_name(vm, other);
            return Err(vm.type_error(format!(
                "{method} first arg must be str or a tuple of str, not {t}"
            )));
        }
    };
    let Some((a, b)) = bounds else {
        return Ok(Value::Bool(false));
    };
    let hay = window(&s, a, b);
    for affix in &affixes {
        match affix {
            Value::Str(p) => {
                if fix_affix(hay, p, prefix) {
                    return Ok(Value::Bool(true));
                }
            }
            other => {
                let t = type_name(vm, other);
                return Err(
                    vm.type_error(format!("tuple for {method} must only contain str, not {t}"))
                );
            }
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    starts_ends(vm, args, "startswith", true)
}

fn endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    starts_ends(vm, args, "endswith", false)
}

/// The code-point index of `sub` in `s` within the bounds, searching from
/// the left or the right.
fn search(vm: &mut Vm, mut args: Args, method: &str, right: bool) -> PyResult<Option<usize>> {
    let (s, sub, bounds) = sub_range(vm, &mut args, method)?;
    let sub = match &sub {
        Value::Str(p) => p.clone(),
        other => {
            let t = type_name(vm, other);
            return Err(vm.type_error(format!("must be str, not {t}")));
        }
    };
    let Some((a, b)) = bounds else {
        return Ok(None);
    };
    let hay = window(&s, a, b);
    let found = if right {
        hay.rfind(sub.as_str())
    } else {
        hay.find(sub.as_str())
    };
    Ok(found.map(|p| a + hay[..p].chars().count()))
}

fn found_or(v: Option<usize>) -> Value {
    v.map_or(Value::Int(-1), |i| Value::Int(i as i64))
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    search(vm, args, "find", false).map(found_or)
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    search(vm, args, "rfind", true).map(found_or)
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match search(vm, args, "index", false)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match search(vm, args, "rindex", true)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn count(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, sub, bounds) = sub_range(vm, &mut args, "count")?;
    let sub = str_arg(vm, &sub, "")?;
    let n = match bounds {
        Some((a, b)) => text::count(window(&s, a, b), &sub),
        None => 0,
    };
    Ok(Value::Int(n as i64))
}

fn replace(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, "replace", 2, 3)?;
    let old = str_arg(vm, &vals[0], "replace() argument 1")?;
    let new = str_arg(vm, &vals[1], "replace() argument 2")?;
    let n = match vals.get(2) {
        Some(v) => expect_int(vm, v)?,
        None => -1,
    };
    let out = if n < 0 {
        s.replace(old.as_str(), &new)
    } else {
        s.replacen(old.as_str(), &new, n as usize)
    };
    Ok(Value::string(out))
}

/// A method without arguments mapping the text to new text.
fn map_text(vm: &mut Vm, mut args: Args, method: &str, f: fn(&str) -> String) -> PyResult<Value> {
    let (s, _) = positional(vm, &mut args, method, 0, 0)?;
    Ok(Value::string(f(&s)))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "upper", text::upper)
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "lower", text::lower)
}

fn capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "capitalize", text::capitalize)
}

fn title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "title", text::title)
}

fn swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "swapcase", text::swapcase)
}

fn casefold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_text(vm, args, "casefold", text::casefold)
}

/// A predicate method without arguments.
fn test_text(
    vm: &mut Vm,
    mut args: Args,
    method: &str,
    f: impl Fn(&str) -> bool,
) -> PyResult<Value> {
    let (s, _) = positional(vm, &mut args, method, 0, 0)?;
    Ok(Value::Bool(f(&s)))
}

fn isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isdigit", |s| text::all_chars(s, text::is_digit))
}

fn isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isalpha", |s| text::all_chars(s, text::is_alpha))
}

fn isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isalnum", |s| text::all_chars(s, text::is_alnum))
}

fn isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isspace", |s| text::all_chars(s, text::is_space))
}

fn isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isupper", text::is_upper)
}

fn islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "islower", text::is_lower)
}

fn isdecimal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isdecimal", |s| {
        text::all_chars(s, text::is_decimal)
    })
}

fn isnumeric(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isnumeric", |s| {
        text::all_chars(s, text::is_numeric)
    })
}

fn isidentifier(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isidentifier", text::is_identifier)
}

fn isprintable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isprintable", |s| {
        s.chars().all(crate::host::unicode::is_printable)
    })
}

fn isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "isascii", str::is_ascii)
}

fn istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_text(vm, args, "istitle", text::is_titlecased)
}

/// Unpacks `(width[, fillchar])` for the padding methods.
fn pad_args(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<(PyStr, usize, char)> {
    let (s, vals) = positional(vm, args, method, 1, 2)?;
    let width = expect_int(vm, &vals[0])?.max(0) as usize;
    let fill = match vals.get(1) {
        None => ' ',
        Some(Value::Str(f)) if f.char_len() == 1 => f.char_at(0),
        Some(Value::Str(_)) => {
            return Err(vm.type_error("The fill character must be exactly one character long"));
        }
        Some(other) => {
            let t = type_name(vm, other);
            return Err(vm.type_error(format!(
                "The fill character must be a unicode character, not {t}"
            )));
        }
    };
    Ok((s, width, fill))
}

fn padded(s: &PyStr, left: usize, right: usize, fill: char) -> Value {
    if left == 0 && right == 0 {
        return Value::Str(s.clone());
    }
    let mut out = String::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Value::string(out)
}

fn center(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &mut args, "center")?;
    let (l, r) = text::center_padding(s.char_len(), width);
    Ok(padded(&s, l, r, fill))
}

fn ljust(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &mut args, "ljust")?;
    Ok(padded(&s, 0, width.saturating_sub(s.char_len()), fill))
}

fn rjust(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, width, fill) = pad_args(vm, &mut args, "rjust")?;
    Ok(padded(&s, width.saturating_sub(s.char_len()), 0, fill))
}

fn zfill(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, "zfill", 1, 1)?;
    let width = expect_int(vm, &vals[0])?.max(0) as usize;
    Ok(Value::string(text::zfill(&s, width)))
}

fn partition_with(vm: &mut Vm, mut args: Args, method: &str, right: bool) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, method, 1, 1)?;
    let sep = str_arg(vm, &vals[0], "")?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        s.rfind(sep.as_str())
    } else {
        s.find(sep.as_str())
    };
    let parts = match found {
        Some(i) => [
            Value::str(&s[..i]),
            Value::Str(sep.clone()),
            Value::str(&s[i + sep.len()..]),
        ],
        None if right => [Value::str(""), Value::str(""), Value::Str(s.clone())],
        None => [Value::Str(s.clone()), Value::str(""), Value::str("")],
    };
    Ok(Value::tuple(parts.to_vec()))
}

fn partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_with(vm, args, "partition", false)
}

fn rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_with(vm, args, "rpartition", true)
}

fn expandtabs(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, slots) = params(vm, &mut args, "expandtabs", &["tabsize"], 0)?;
    let size = match &slots[0] {
        Some(v) => expect_int(vm, v)?,
        None => 8,
    };
    Ok(Value::string(text::expandtabs(&s, size)))
}

fn encode(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, slots) = params(vm, &mut args, "encode", &["encoding", "errors"], 0)?;
    let encoding = match &slots[0] {
        Some(v) => str_arg(vm, v, "encode() argument 'encoding'")?,
        None => PyStr::new("utf-8"),
    };
    let errors = match &slots[1] {
        Some(v) => str_arg(vm, v, "encode() argument 'errors'")?,
        None => PyStr::new("strict"),
    };
    codec::encode(vm, &s, &encoding, &errors).map(|b| Value::Bytes(b.into()))
}

fn removeprefix(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, "removeprefix", 1, 1)?;
    let p = str_arg(vm, &vals[0], "removeprefix() argument")?;
    Ok(match s.strip_prefix(p.as_str()) {
        Some(rest) if !p.is_empty() => Value::str(rest),
        _ => Value::Str(s),
    })
}

fn removesuffix(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, "removesuffix", 1, 1)?;
    let p = str_arg(vm, &vals[0], "removesuffix() argument")?;
    Ok(match s.strip_suffix(p.as_str()) {
        Some(rest) if !p.is_empty() => Value::str(rest),
        _ => Value::Str(s),
    })
}

/// `str.maketrans(x[, y[, z]])`. It is a static method in CPython; here
/// it sits in the class dict as a plain function, so `str.maketrans(...)`
/// works but calling it on an instance passes the instance as `x`.
fn maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let vals = crate::host::args::positional(vm, "maketrans", args, 1, 3)?;
    let table = vm.new_dict();
    if vals.len() == 1 {
        let items = match &vals[0] {
            Value::Ref(_) => vm.dict_items(&vals[0]),
            _ => {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            }
        };
        for (k, v) in items {
            let key = match &k {
                Value::Str(s) if s.char_len() == 1 => {
                    Value::Int(i64::from(u32::from(s.char_at(0))))
                }
                Value::Str(_) => {
                    return Err(
                        vm.value_error("string keys in translate table must be of length 1")
                    );
                }
                Value::Int(_) => k.clone(),
                _ => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            vm.dict_set(&table, key, v)?;
        }
        return Ok(table);
    }
    let x = str_arg(vm, &vals[0], "maketrans() argument 1")?;
    let y = str_arg(vm, &vals[1], "maketrans() argument 2")?;
    if x.char_len() != y.char_len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (a, b) in x.chars().zip(y.chars()) {
        vm.dict_set(
            &table,
            Value::Int(i64::from(u32::from(a))),
            Value::Int(i64::from(u32::from(b))),
        )?;
    }
    if let Some(z) = vals.get(2) {
        let z = str_arg(vm, z, "maketrans() argument 3")?;
        for c in z.chars() {
            vm.dict_set(&table, Value::Int(i64::from(u32::from(c))), Value::None)?;
        }
    }
    Ok(table)
}

fn translate(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let (s, vals) = positional(vm, &mut args, "translate", 1, 1)?;
    let table = vals[0].clone();
    let lookup_error = vm.types.lookup_error;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match vm.getitem(&table, &Value::Int(i64::from(u32::from(c)))) {
            Ok(Value::None) => {}
            Ok(Value::Str(r)) => out.push_str(&r),
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => return Err(vm.value_error("character mapping must be in range(0x110000)")),
            },
            Ok(_) => {
                return Err(vm.type_error("character mapping must return integer, None or str"))
            }
            Err(e) if vm.exc_is(&e, lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::string(out))
}
