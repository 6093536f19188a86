//! `str.format` and `str.format_map`: the format-string parser (pure) and
//! the evaluation of replacement fields against the arguments.

use crate::host::format::format_with_spec;
use crate::host::modules::support::ascii_escape;
use crate::host::object::Args;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};

/// A piece of a parsed format string.
#[derive(Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Literal(String),
    Field {
        /// The field name (`""`, `"0"`, `"name.attr[key]"`).
        name: &'a str,
        conversion: Option<char>,
        /// The raw spec, which may itself contain `{}` fields.
        spec: &'a str,
    },
}

const UNMATCHED: &str = "unmatched '{' in format spec";

/// Splits a format string into literals and replacement fields, with
/// CPython's ValueError messages.
pub fn parse(s: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'}' {
            if bytes.get(i + 1) == Some(&b'}') {
                lit.push('}');
                i += 2;
                continue;
            }
            return Err("Single '}' encountered in format string".into());
        }
        if c != b'{' {
            let ch = s[i..].chars().next().unwrap_or_default();
            lit.push(ch);
            i += ch.len_utf8();
            continue;
        }
        if bytes.get(i + 1) == Some(&b'{') {
            lit.push('{');
            i += 2;
            continue;
        }
        i += 1;
        if i == bytes.len() {
            return Err("Single '{' encountered in format string".into());
        }
        // The field name runs to '!', ':' or '}', skipping over [...].
        let name_start = i;
        while i < bytes.len() && !matches!(bytes[i], b'!' | b':' | b'}') {
            match bytes[i] {
                b'[' => {
                    while i < bytes.len() && bytes[i] != b']' {
                        i += 1;
                    }
                    if i < bytes.len() {
                        i += 1;
                    }
                }
                b'{' => return Err("unexpected '{' in field name".into()),
                _ => i += 1,
            }
        }
        let name = &s[name_start..i];
        if i >= bytes.len() {
            return Err("expected '}' before end of string".into());
        }
        let mut conversion = None;
        if bytes[i] == b'!' {
            let conv = s[i + 1..].chars().next();
            let Some(conv) = conv else {
                return Err("end of string while looking for conversion specifier".into());
            };
            i += 1 + conv.len_utf8();
            match bytes.get(i) {
                Some(b':') | Some(b'}') => {}
                None => return Err(UNMATCHED.into()),
                Some(_) => return Err("expected ':' after conversion specifier".into()),
            }
            conversion = Some(conv);
        }
        let mut spec = "";
        if bytes[i] == b':' {
            i += 1;
            let spec_start = i;
            let mut depth = 1;
            while i < bytes.len() {
                match bytes[i] {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            if i >= bytes.len() {
                return Err(UNMATCHED.into());
            }
            spec = &s[spec_start..i];
        }
        // bytes[i] is the closing '}'.
        i += 1;
        if !lit.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(&mut lit)));
        }
        pieces.push(Piece::Field {
            name,
            conversion,
            spec,
        });
    }
    if !lit.is_empty() {
        pieces.push(Piece::Literal(lit));
    }
    Ok(pieces)
}

/// The first part of a field name: an argument index or a keyword.
#[derive(Debug, PartialEq, Eq)]
pub enum FieldKey<'a> {
    Auto,
    Index(usize),
    Name(&'a str),
}

/// An accessor after the first part: `.attr` or `[key]`.
#[derive(Debug, PartialEq, Eq)]
pub enum Accessor<'a> {
    Attr(&'a str),
    Item(&'a str),
}

/// Parses a field name into its key and accessors.
pub fn parse_field_name(name: &str) -> Result<(FieldKey<'_>, Vec<Accessor<'_>>), String> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let key = if first.is_empty() {
        FieldKey::Auto
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        let n = first
            .parse()
            .map_err(|_| "Too many decimal digits in format string".to_string())?;
        FieldKey::Index(n)
    } else {
        FieldKey::Name(first)
    };
    let mut rest = &name[first_end..];
    let mut accessors = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return Err("Empty attribute in format string".into());
            }
            accessors.push(Accessor::Attr(&r[..end]));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err("Missing ']' in format string".into());
            };
            if end == 0 {
                return Err("Empty attribute in format string".into());
            }
            accessors.push(Accessor::Item(&r[..end]));
            rest = &r[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err("Only '.' or '[' may follow ']' in format field specifier".into());
            }
        } else {
            return Err("Only '.' or '[' may follow ']' in format field specifier".into());
        }
    }
    Ok((key, accessors))
}

/// Where keyword fields are looked up.
enum Keywords<'a> {
    Args(&'a [(PyStr, Value)]),
    Mapping(&'a Value),
}

/// The state of one `format` call: arguments and automatic numbering.
struct Formatter<'a> {
    positional: &'a [Value],
    keywords: Keywords<'a>,
    /// `Some(next)` once automatic numbering is used, `None` before.
    auto: Option<usize>,
    manual: bool,
}

impl Formatter<'_> {
    fn render(&mut self, vm: &mut Vm, fmt: &str, depth: usize) -> PyResult<String> {
        if depth > 2 {
            return Err(vm.value_error("Max string recursion exceeded"));
        }
        let pieces = parse(fmt).map_err(|m| vm.value_error(m))?;
        let mut out = String::with_capacity(fmt.len());
        for piece in pieces {
            match piece {
                Piece::Literal(l) => out.push_str(&l),
                Piece::Field {
                    name,
                    conversion,
                    spec,
                } => {
                    let value = self.field_value(vm, name)?;
                    let value = match conversion {
                        None => value,
                        Some('r') => Value::Str(vm.repr(&value)?),
                        Some('s') => Value::Str(vm.str(&value)?),
                        Some('a') => {
                            let r = vm.repr(&value)?;
                            Value::string(ascii_escape(&r))
                        }
                        Some(c) => {
                            return Err(vm.value_error(format!("Unknown conversion specifier {c}")));
                        }
                    };
                    let spec = if spec.contains('{') {
                        PyStr::from(self.render(vm, spec, depth + 1)?)
                    } else {
                        PyStr::new(spec)
                    };
                    out.push_str(&format_value(vm, &value, &spec)?);
                }
            }
        }
        Ok(out)
    }

    fn field_value(&mut self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        let (key, accessors) = parse_field_name(name).map_err(|m| vm.value_error(m))?;
        let mut value = match key {
            FieldKey::Auto => {
                if self.manual {
                    return Err(vm.value_error("cannot switch from manual field specification to automatic field numbering"));
                }
                let n = self.auto.unwrap_or(0);
                self.auto = Some(n + 1);
                self.positional_arg(vm, n)?
            }
            FieldKey::Index(n) => {
                if self.auto.is_some() {
                    return Err(vm.value_error("cannot switch from automatic field numbering to manual field specification"));
                }
                self.manual = true;
                self.positional_arg(vm, n)?
            }
            FieldKey::Name(k) => match &self.keywords {
                Keywords::Args(kw) => match kw.iter().find(|(n, _)| n.as_str() == k) {
                    Some((_, v)) => v.clone(),
                    None => return Err(vm.key_error(Value::str(k))),
                },
                Keywords::Mapping(m) => vm.getitem(m, &Value::str(k))?,
            },
        };
        for acc in accessors {
            value = match acc {
                Accessor::Attr(a) => vm.getattr(&value, &PyStr::new(a))?,
                Accessor::Item(k) => {
                    let key = if k.bytes().all(|b| b.is_ascii_digit()) {
                        k.parse().map(Value::Int).unwrap_or_else(|_| Value::str(k))
                    } else {
                        Value::str(k)
                    };
                    vm.getitem(&value, &key)?
                }
            };
        }
        Ok(value)
    }

    fn positional_arg(&self, vm: &mut Vm, n: usize) -> PyResult<Value> {
        if let Keywords::Mapping(_) = self.keywords {
            return Err(vm.value_error("Format string contains positional fields"));
        }
        match self.positional.get(n) {
            Some(v) => Ok(v.clone()),
            None => Err(vm.index_error(format!(
                "Replacement index {n} out of range for positional args tuple"
            ))),
        }
    }
}

/// `format(value, spec)`: a class's own `__format__` gets every spec,
/// even an empty one; built-in values use the format-spec mini-language.
fn format_value(vm: &mut Vm, value: &Value, spec: &PyStr) -> PyResult<PyStr> {
    match vm.call_special(value, "__format__", vec![Value::Str(spec.clone())])? {
        None => format_with_spec(vm, value, spec),
        Some(Value::Str(s)) => Ok(s),
        Some(other) => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!("__format__ must return a str, not {t}")))
        }
    }
}

/// `str.format(*args, **kwargs)`.
pub fn format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fmt = super::receiver(vm, &args, "format")?;
    let mut f = Formatter {
        positional: &args.args[1..],
        keywords: Keywords::Args(&args.kwargs),
        auto: None,
        manual: false,
    };
    f.render(vm, &fmt, 0).map(Value::string)
}

/// `str.format_map(mapping)`.
pub fn format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fmt = super::receiver(vm, &args, "format_map")?;
    let rest = Args {
        args: args.args[1..].to_vec(),
        kwargs: args.kwargs,
    };
    super::check_arity(vm, &rest, "str", "format_map", (1, 1), super::Arity::Clinic)?;
    let mut f = Formatter {
        positional: &[],
        keywords: Keywords::Mapping(&rest.args[0]),
        auto: None,
        manual: false,
    };
    f.render(vm, &fmt, 0).map(Value::string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fields() {
        let p = parse("a{}b{0!r:>{w}}c{{}}").unwrap();
        assert_eq!(
            p,
            vec![
                Piece::Literal("a".into()),
                Piece::Field {
                    name: "",
                    conversion: None,
                    spec: ""
                },
                Piece::Literal("b".into()),
                Piece::Field {
                    name: "0",
                    conversion: Some('r'),
                    spec: ">{w}"
                },
                Piece::Literal("c{}".into()),
            ]
        );
        assert_eq!(
            parse("{a[}]}").unwrap(),
            vec![Piece::Field {
                name: "a[}]",
                conversion: None,
                spec: ""
            }]
        );
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            parse("}").unwrap_err(),
            "Single '}' encountered in format string"
        );
        assert_eq!(
            parse("{").unwrap_err(),
            "Single '{' encountered in format string"
        );
        assert_eq!(
            parse("{0").unwrap_err(),
            "expected '}' before end of string"
        );
        assert_eq!(parse("{0!x").unwrap_err(), UNMATCHED);
        assert_eq!(parse("{0:x{y}z").unwrap_err(), UNMATCHED);
        assert_eq!(
            parse("{0!").unwrap_err(),
            "end of string while looking for conversion specifier"
        );
        assert_eq!(
            parse("{0!rx}").unwrap_err(),
            "expected ':' after conversion specifier"
        );
    }

    #[test]
    fn field_names() {
        let (k, a) = parse_field_name("0.x[key][1]").unwrap();
        assert_eq!(k, FieldKey::Index(0));
        assert_eq!(
            a,
            vec![
                Accessor::Attr("x"),
                Accessor::Item("key"),
                Accessor::Item("1")
            ]
        );
        assert_eq!(parse_field_name("").unwrap().0, FieldKey::Auto);
        assert_eq!(parse_field_name("name").unwrap().0, FieldKey::Name("name"));
        assert!(parse_field_name("a.").is_err());
        assert!(parse_field_name("a[0]x").is_err());
    }
}
