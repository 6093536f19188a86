//! `str.format(*args, **kwargs)`: replacement fields `{}`, `{0}`,
//! `{name}`, attribute and index access (`{0.x}`, `{0[1]}`), conversions
//! (`!r`, `!s`, `!a`) and specs (`{:>8}`, with nested `{}` fields).

use crate::host::format::format_with_spec;
use crate::host::modules::support::{ascii_escape, recv_str, value_error};
use crate::host::object::Args;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};

/// The state of automatic field numbering.
struct Fields<'a> {
    args: &'a Args,
    auto: usize,
    used_auto: bool,
    used_manual: bool,
}

pub(super) fn format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fmt = recv_str(vm, &args, "format")?;
    let mut fields = Fields {
        args: &args,
        auto: 1,
        used_auto: false,
        used_manual: false,
    };
    let out = render(vm, &fmt, &mut fields, 2)?;
    Ok(Value::string(out))
}

fn render(vm: &mut Vm, fmt: &str, fields: &mut Fields, depth: u32) -> PyResult<String> {
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error(vm, "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching close brace (specs may nest one level).
        let mut level = 1;
        let mut j = i + 1;
        while j < chars.len() {
            match chars[j] {
                '{' => level += 1,
                '}' => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(value_error(vm, "expected '}' before end of string"));
        }
        let field: String = chars[i + 1..j].iter().collect();
        out.push_str(&replace_field(vm, &field, fields, depth)?);
        i = j + 1;
    }
    Ok(out)
}

fn replace_field(vm: &mut Vm, field: &str, fields: &mut Fields, depth: u32) -> PyResult<String> {
    // field_name [! conversion] [: spec]; the name part ends at the first
    // '!' or ':' outside brackets.
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (k, c) in field.char_indices() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let rest = &field[name_end..];
    let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
        let mut it = r.chars();
        let conv = it.next();
        let after = it.as_str();
        match after.strip_prefix(':') {
            Some(spec) => (conv, spec),
            None if after.is_empty() => (conv, ""),
            None => return Err(value_error(vm, "expected ':' after conversion specifier")),
        }
    } else {
        (None, rest.strip_prefix(':').unwrap_or(""))
    };
    let value = lookup(vm, name, fields)?;
    let value = match conv {
        None => value,
        Some('s') => Value::Str(vm.str(&value)?),
        Some('r') => Value::Str(vm.repr(&value)?),
        Some('a') => Value::string(ascii_escape(&vm.repr(&value)?)),
        Some(c) => {
            let msg = format!("Unknown conversion specifier {c}");
            return Err(value_error(vm, &msg));
        }
    };
    let spec = if spec.contains('{') {
        if depth == 0 {
            return Err(value_error(vm, "Max string recursion exceeded"));
        }
        render(vm, spec, fields, depth - 1)?
    } else {
        spec.to_string()
    };
    Ok(format_with_spec(vm, &value, &PyStr::from(spec))?.to_string())
}

/// Resolves `0`, `name`, `` (automatic), then `.attr` and `[key]` parts.
fn lookup(vm: &mut Vm, name: &str, fields: &mut Fields) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        if fields.used_manual {
            return Err(value_error(
                vm,
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        fields.used_auto = true;
        let k = fields.auto;
        fields.auto += 1;
        positional(vm, fields.args, k)?
    } else if let Ok(n) = first.parse::<usize>() {
        if fields.used_auto {
            return Err(value_error(
                vm,
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        fields.used_manual = true;
        positional(vm, fields.args, n + 1)?
    } else {
        match fields.args.kwargs.iter().find(|(k, _)| k.as_str() == first) {
            Some((_, v)) => v.clone(),
            None => return Err(vm.new_exception(vm.types.key_error, &format!("'{first}'"))),
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            value = vm.getattr(&value, &PyStr::new(&r[..end]))?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err(value_error(vm, "Missing ']' in format string"));
            };
            let key = &r[..end];
            let key = match key.parse::<i64>() {
                Ok(n) => Value::Int(n),
                Err(_) => Value::str(key),
            };
            value = vm.getitem(&value, &key)?;
            rest = &r[end + 1..];
        } else {
            return Err(value_error(
                vm,
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

fn positional(vm: &mut Vm, args: &Args, k: usize) -> PyResult<Value> {
    match args.args.get(k) {
        Some(v) => Ok(v.clone()),
        None => {
            let msg = format!(
                "Replacement index {} out of range for positional args tuple",
                k - 1
            );
            Err(vm.new_exception(vm.types.index_error, &msg))
        }
    }
}
