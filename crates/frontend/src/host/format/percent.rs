//! `str % args`: printf-style formatting with CPython's conversions,
//! flags and error messages.

use super::float::{float_body, FloatStyle};
use super::int_value;
use super::spec::{pad, Spec};
use crate::host::modules::support::{ascii_escape, type_error, type_name, value_error};
use crate::host::object::Object;
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed};

/// One parsed `%` directive.
#[derive(Default)]
struct Directive {
    key: Option<String>,
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
    conv: char,
}

/// Where the values of the directives come from.
struct Source<'a> {
    items: Vec<Value>,
    next: usize,
    mapping: Option<&'a Value>,
}

impl Source<'_> {
    fn next_value(&mut self, vm: &mut Vm) -> PyResult<Value> {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(type_error(vm, "not enough arguments for format string")),
        }
    }

    fn next_int(&mut self, vm: &mut Vm) -> PyResult<i64> {
        match self.next_value(vm)? {
            Value::Int(i) => Ok(i),
            Value::Bool(b) => Ok(i64::from(b)),
            _ => Err(type_error(vm, "* wants int")),
        }
    }
}

pub fn percent_format(vm: &mut Vm, fmt: &PyStr, args: &Value) -> PyResult<PyStr> {
    // A dict or tuple subclass instance counts as its base value here.
    let base = vm.unwrap_base_value(args);
    let is_mapping = matches!(base.as_ref().map(|r| vm.heap.get(r)), Some(Object::Dict(_)));
    let mut src = Source {
        items: match &base {
            Value::Tuple(items) => items.to_vec(),
            other => vec![other.clone()],
        },
        next: 0,
        mapping: is_mapping.then_some(args),
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let start = i - 1;
        let d = parse_directive(vm, &chars, &mut i, &mut src)?;
        if d.conv == '%' {
            out.push('%');
            continue;
        }
        let value = match &d.key {
            Some(key) => match src.mapping {
                Some(m) => vm.getitem(m, &Value::str(key))?,
                None => return Err(type_error(vm, "format requires a mapping")),
            },
            None => src.next_value(vm)?,
        };
        let text = convert(vm, &d, &value, start)?;
        out.push_str(&text);
    }
    if src.mapping.is_none() && src.next < src.items.len() {
        return Err(type_error(
            vm,
            "not all arguments converted during string formatting",
        ));
    }
    Ok(PyStr::from(out))
}

fn parse_directive(
    vm: &mut Vm,
    chars: &[char],
    i: &mut usize,
    src: &mut Source,
) -> PyResult<Directive> {
    let mut d = Directive::default();
    let incomplete = |vm: &mut Vm| value_error(vm, "incomplete format");
    if chars.get(*i) == Some(&'(') {
        let mut depth = 1;
        let begin = *i + 1;
        *i += 1;
        while *i < chars.len() && depth > 0 {
            match chars[*i] {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            *i += 1;
        }
        if depth > 0 {
            return Err(value_error(vm, "incomplete format key"));
        }
        d.key = Some(chars[begin..*i - 1].iter().collect());
    }
    while let Some(&c) = chars.get(*i) {
        match c {
            '-' => d.left = true,
            '+' => d.plus = true,
            ' ' => d.space = true,
            '#' => d.alt = true,
            '0' => d.zero = true,
            _ => break,
        }
        *i += 1;
    }
    if chars.get(*i) == Some(&'*') {
        *i += 1;
        // A negative width aligns left.
        let w = src.next_int(vm)?;
        if w < 0 {
            d.left = true;
        }
        d.width = w.unsigned_abs() as usize;
    } else {
        while let Some(n) = chars.get(*i).and_then(|c| c.to_digit(10)) {
            d.width = d.width.saturating_mul(10).saturating_add(n as usize);
            *i += 1;
        }
    }
    if chars.get(*i) == Some(&'.') {
        *i += 1;
        if chars.get(*i) == Some(&'*') {
            *i += 1;
            // A negative precision counts as 0.
            d.precision = Some(src.next_int(vm)?.max(0) as usize);
        } else {
            let mut p = 0usize;
            while let Some(n) = chars.get(*i).and_then(|c| c.to_digit(10)) {
                p = p.saturating_mul(10).saturating_add(n as usize);
                *i += 1;
            }
            d.precision = Some(p);
        }
    }
    while matches!(chars.get(*i), Some('h' | 'l' | 'L')) {
        *i += 1;
    }
    match chars.get(*i) {
        Some(&c) => {
            d.conv = c;
            *i += 1;
            Ok(d)
        }
        None => Err(incomplete(vm)),
    }
}

/// The padding spec of a directive: `-` aligns left, `0` pads numbers
/// with zeros after the sign.
fn layout(d: &Directive, numeric: bool) -> Spec {
    let zero = numeric && d.zero && !d.left;
    Spec {
        fill: Some(if zero { '0' } else { ' ' }),
        align: Some(if d.left {
            '<'
        } else if zero {
            '='
        } else {
            '>'
        }),
        width: d.width,
        ..Spec::default()
    }
}

fn sign_of(d: &Directive, negative: bool) -> &'static str {
    if negative {
        "-"
    } else if d.plus {
        "+"
    } else if d.space {
        " "
    } else {
        ""
    }
}

fn convert(vm: &mut Vm, d: &Directive, v: &Value, start: usize) -> PyResult<String> {
    // The numeric conversions see the value an int (or float, str)
    // subclass instance wraps.
    let unwrapped;
    let v = if matches!(d.conv, 's' | 'r' | 'a') {
        v
    } else {
        unwrapped = vm.unwrap_base_value(v);
        &unwrapped
    };
    match d.conv {
        's' | 'r' | 'a' => {
            let s = match d.conv {
                's' => vm.str(v)?.to_string(),
                'r' => vm.repr(v)?.to_string(),
                _ => ascii_escape(&vm.repr(v)?),
            };
            let body: String = match d.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s,
            };
            Ok(pad(&layout(d, false), "", &body, '>'))
        }
        'd' | 'i' | 'u' => {
            let n = match (int_value(v), v) {
                (Some(n), _) => n,
                (None, Value::Float(x)) => float_to_int(vm, *x)?,
                _ => {
                    let msg = format!(
                        "%{} format: a real number is required, not {}",
                        d.conv,
                        type_name(vm, v)
                    );
                    return Err(type_error(vm, &msg));
                }
            };
            Ok(int_text(d, &n, 10, ""))
        }
        'x' | 'X' | 'o' => {
            let Some(n) = int_value(v) else {
                let msg = format!(
                    "%{} format: an integer is required, not {}",
                    d.conv,
                    type_name(vm, v)
                );
                return Err(type_error(vm, &msg));
            };
            let (radix, prefix) = match d.conv {
                'x' => (16, "0x"),
                'X' => (16, "0X"),
                _ => (8, "0o"),
            };
            Ok(int_text(d, &n, radix, prefix))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match v {
                Value::Float(x) => *x,
                other => match int_value(other) {
                    Some(n) => num_traits::ToPrimitive::to_f64(&n).unwrap_or(f64::INFINITY),
                    None => {
                        let msg = format!("must be real number, not {}", type_name(vm, other));
                        return Err(type_error(vm, &msg));
                    }
                },
            };
            let style = match d.conv {
                'e' | 'E' => FloatStyle::Exp,
                'f' | 'F' => FloatStyle::Fixed,
                _ => FloatStyle::General,
            };
            let upper = d.conv.is_ascii_uppercase();
            let body = float_body(x.abs(), style, d.precision.unwrap_or(6), d.alt, upper);
            let sign = sign_of(d, x.is_sign_negative() && !x.is_nan());
            Ok(pad(&layout(d, true), sign, &body, '>'))
        }
        'c' => {
            let ch = match v {
                Value::Str(s) if s.char_len() == 1 => s.to_string(),
                Value::Str(_) => return Err(type_error(vm, "%c requires int or char")),
                other => match int_value(other) {
                    Some(n) => {
                        let c = num_traits::ToPrimitive::to_u32(&n).and_then(char::from_u32);
                        match c {
                            Some(c) => c.to_string(),
                            None => {
                                return Err(vm.new_exception(
                                    vm.types.overflow_error,
                                    "%c arg not in range(0x110000)",
                                ))
                            }
                        }
                    }
                    None => return Err(type_error(vm, "%c requires int or char")),
                },
            };
            Ok(pad(&layout(d, false), "", &ch, '>'))
        }
        c => {
            let msg = format!(
                "unsupported format character '{c}' (0x{:x}) at index {}",
                c as u32,
                start + 1
            );
            Err(value_error(vm, &msg))
        }
    }
}

/// `%d`/`%x`/`%o` text: sign, `#` prefix, digits zero-extended to the
/// precision, padded to the width.
fn int_text(d: &Directive, n: &BigInt, radix: u32, alt_prefix: &str) -> String {
    let mut digits = n.abs().to_str_radix(radix);
    if d.conv == 'X' {
        digits = digits.to_ascii_uppercase();
    }
    if let Some(p) = d.precision {
        if digits.len() < p {
            digits = format!("{}{}", "0".repeat(p - digits.len()), digits);
        }
    }
    let mut prefix = sign_of(d, n.is_negative()).to_string();
    if d.alt {
        prefix.push_str(alt_prefix);
    }
    pad(&layout(d, true), &prefix, &digits, '>')
}

/// `int(x)` for `%d` of a float: truncation, errors for nan and inf.
fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<BigInt> {
    if x.is_nan() {
        return Err(value_error(vm, "cannot convert float NaN to integer"));
    }
    match BigInt::from_f64(x.trunc()) {
        Some(n) => Ok(n),
        None => Err(vm.new_exception(
            vm.types.overflow_error,
            "cannot convert float infinity to integer",
        )),
    }
}

#[cfg(test)]
// The tests print decimal approximations of pi on purpose.
#[allow(clippy::approx_constant, clippy::type_complexity)]
mod tests {
    use super::*;

    fn directive(flags: &str, width: usize, precision: Option<usize>, conv: char) -> Directive {
        Directive {
            key: None,
            left: flags.contains('-'),
            plus: flags.contains('+'),
            space: flags.contains(' '),
            alt: flags.contains('#'),
            zero: flags.contains('0'),
            width,
            precision,
            conv,
        }
    }

    fn float_text(d: &Directive, x: f64) -> String {
        let style = match d.conv {
            'e' => FloatStyle::Exp,
            'f' => FloatStyle::Fixed,
            _ => FloatStyle::General,
        };
        let body = float_body(x.abs(), style, d.precision.unwrap_or(6), d.alt, false);
        pad(
            &layout(d, true),
            sign_of(d, x.is_sign_negative()),
            &body,
            '>',
        )
    }

    /// Expected values printed by CPython 3.11 (`fmt % value`).
    #[test]
    fn ints_match_cpython() {
        let cases: &[(&str, usize, Option<usize>, char, i64, &str)] = &[
            ("", 0, None, 'd', 7, "7"),
            ("", 6, None, 'd', -7, "    -7"),
            ("-", 6, None, 'd', 7, "7     "),
            ("0", 6, None, 'd', -7, "-00007"),
            ("+", 0, None, 'd', 7, "+7"),
            (" ", 0, None, 'd', 7, " 7"),
            ("", 0, None, 'x', 255, "ff"),
            ("0", 6, None, 'x', 255, "0000ff"),
            ("", 0, None, 'x', -255, "-ff"),
            ("#", 0, None, 'x', 255, "0xff"),
            ("#", 0, None, 'o', 8, "0o10"),
            ("", 0, Some(3), 'd', 5, "005"),
            ("", 0, None, 'X', 3735928559, "DEADBEEF"),
        ];
        for &(flags, width, precision, conv, v, want) in cases {
            let d = directive(flags, width, precision, conv);
            let (radix, prefix) = match conv {
                'x' => (16, "0x"),
                'X' => (16, "0X"),
                'o' => (8, "0o"),
                _ => (10, ""),
            };
            assert_eq!(
                int_text(&d, &BigInt::from(v), radix, prefix),
                want,
                "%{flags}{width}{conv} % {v}"
            );
        }
    }

    /// Expected values printed by CPython 3.11 (`fmt % value`).
    #[test]
    fn floats_match_cpython() {
        let cases: &[(&str, usize, Option<usize>, char, f64, &str)] = &[
            ("", 0, None, 'f', 2.0, "2.000000"),
            ("", 0, Some(0), 'f', 2.5, "2"),
            ("", 0, Some(1), 'f', 2.25, "2.2"),
            ("", 8, Some(3), 'f', -1.0005, "  -1.000"),
            ("-", 8, Some(3), 'f', 3.14159, "3.142   "),
            ("0", 10, Some(4), 'f', -1.5, "-0001.5000"),
            ("", 0, None, 'e', 12345.6789, "1.234568e+04"),
            ("", 0, Some(2), 'e', 0.00012, "1.20e-04"),
            ("", 12, Some(2), 'e', 6.02e23, "    6.02e+23"),
            ("", 0, None, 'g', 12345.6789, "12345.7"),
            ("", 0, Some(4), 'g', 3.14159, "3.142"),
            ("", 0, None, 'g', 1e-9, "1e-09"),
            ("", 0, None, 'g', 1e16, "1e+16"),
            ("", 0, None, 'g', 0.0001, "0.0001"),
            ("", 0, None, 'g', 100.0, "100"),
            ("", 10, Some(4), 'g', 1234567.891, " 1.235e+06"),
            ("", 0, None, 'f', f64::INFINITY, "inf"),
            ("-", 10, None, 'f', f64::NAN, "nan       "),
        ];
        for &(flags, width, precision, conv, v, want) in cases {
            let d = directive(flags, width, precision, conv);
            assert_eq!(float_text(&d, v), want, "%{flags}{width}{conv} % {v:e}");
        }
    }
}
