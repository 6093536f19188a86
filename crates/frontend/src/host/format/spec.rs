//! The format-spec mini-language (`format(v, spec)`, f-strings and
//! `str.format`) for the built-in types, as pure functions over parsed
//! specs so they can be tested without a VM.

use super::float::{float_body, FloatStyle};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// A parsed format spec:
/// `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    pub fill: Option<char>,
    pub align: Option<char>,
    pub sign: Option<char>,
    /// `z`: negative zero is shown as zero.
    pub coerce_zero: bool,
    /// `#`: alternate form (`0x` prefixes, a point that is always shown).
    pub alt: bool,
    /// The `0` flag before the width.
    pub zero: bool,
    pub width: usize,
    /// `,` or `_`.
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

impl Spec {
    /// Parses a spec; the error is the ValueError message.
    pub fn parse(spec: &str) -> Result<Spec, String> {
        let chars: Vec<char> = spec.chars().collect();
        let mut s = Spec::default();
        let mut i = 0;
        let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
        if chars.len() >= 2 && is_align(chars[1]) {
            s.fill = Some(chars[0]);
            s.align = Some(chars[1]);
            i = 2;
        } else if !chars.is_empty() && is_align(chars[0]) {
            s.align = Some(chars[0]);
            i = 1;
        }
        if let Some(&c @ ('+' | '-' | ' ')) = chars.get(i) {
            s.sign = Some(c);
            i += 1;
        }
        if chars.get(i) == Some(&'z') {
            s.coerce_zero = true;
            i += 1;
        }
        if chars.get(i) == Some(&'#') {
            s.alt = true;
            i += 1;
        }
        if chars.get(i) == Some(&'0') {
            s.zero = true;
            i += 1;
        }
        let (width, next) = read_number(&chars, i)?;
        s.width = width.unwrap_or(0);
        i = next;
        if let Some(&c @ (',' | '_')) = chars.get(i) {
            s.grouping = Some(c);
            i += 1;
            if let Some(&(',' | '_')) = chars.get(i) {
                return Err("Cannot specify both ',' and '_'.".into());
            }
        }
        if chars.get(i) == Some(&'.') {
            let (precision, next) = read_number(&chars, i + 1)?;
            match precision {
                Some(p) => s.precision = Some(p),
                None => return Err("Format specifier missing precision".into()),
            }
            i = next;
        }
        if i < chars.len() {
            if i + 1 < chars.len() {
                return Err("Invalid format specifier".into());
            }
            s.ty = Some(chars[i]);
        }
        if s.zero && s.fill.is_none() {
            s.fill = Some('0');
        }
        Ok(s)
    }

    /// The alignment of numbers: as given, else `=` with the `0` flag,
    /// else right.
    fn numeric_align(&self) -> char {
        self.align.unwrap_or(if self.zero { '=' } else { '>' })
    }

    /// Whether numbers get zeros inserted between sign and digits (which
    /// then take part in digit grouping).
    fn zero_padded(&self) -> bool {
        self.numeric_align() == '=' && self.fill == Some('0')
    }

    fn fill_char(&self) -> char {
        self.fill.unwrap_or(' ')
    }

    fn grouping_error(&self, kind: &str) -> String {
        let g = self.grouping.unwrap_or(',');
        format!("Cannot specify '{g}' with '{kind}'.")
    }
}

fn read_number(chars: &[char], mut i: usize) -> Result<(Option<usize>, usize), String> {
    let start = i;
    let mut n: usize = 0;
    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(d as usize))
            .ok_or_else(|| "Too many decimal digits in format string".to_string())?;
        i += 1;
    }
    Ok(((i > start).then_some(n), i))
}

/// Pads `body` (everything but sign and prefix) to the spec's width.
/// `default_align` is `>` for numbers and `<` for strings; the `=`
/// alignment puts the padding between `prefix` (sign and `0x`) and body.
pub fn pad(spec: &Spec, prefix: &str, body: &str, default_align: char) -> String {
    let len = prefix.chars().count() + body.chars().count();
    let fill = spec.fill_char();
    if len >= spec.width {
        return format!("{prefix}{body}");
    }
    let n = spec.width - len;
    let fills = |k: usize| fill.to_string().repeat(k);
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{prefix}{body}{}", fills(n)),
        '^' => format!("{}{prefix}{body}{}", fills(n / 2), fills(n - n / 2)),
        '=' => format!("{prefix}{}{body}", fills(n)),
        _ => format!("{}{prefix}{body}", fills(n)),
    }
}

/// Inserts `sep` every `group` digits from the right of `digits`. With
/// `min_width`, zeros are added in front (with separators) until the
/// result is at least that long, never starting with a separator.
pub fn group_digits(digits: &str, sep: char, group: usize, min_width: usize) -> String {
    let mut out: Vec<char> = Vec::with_capacity(digits.len() * 2);
    let mut count = 0;
    let mut pending = digits.chars().rev().collect::<Vec<_>>().into_iter();
    loop {
        let c = match pending.next() {
            Some(c) => c,
            None if out.len() < min_width => '0',
            None => break,
        };
        if count == group {
            out.push(sep);
            count = 0;
        }
        out.push(c);
        count += 1;
    }
    if out.last() == Some(&sep) {
        out.push('0');
    }
    out.iter().rev().collect()
}

fn sign_str(negative: bool, sign: Option<char>) -> &'static str {
    match (negative, sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    }
}

/// Formats an int with a spec of type `b c d o x X n` or none (float
/// types are handled by the caller, which converts to float first).
pub fn format_int(v: &BigInt, spec: &Spec) -> Result<String, String> {
    let ty = spec.ty.unwrap_or('d');
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err("Sign not allowed with integer format specifier 'c'".into());
        }
        if spec.alt {
            return Err("Alternate form (#) not allowed with integer format specifier 'c'".into());
        }
        let c = v
            .to_u32()
            .filter(|&n| n <= 0x10ffff)
            .and_then(char::from_u32)
            .ok_or_else(|| "%c arg not in range(0x110000)".to_string())?;
        return Ok(pad(spec, "", &c.to_string(), '<'));
    }
    let (radix, alt_prefix) = match ty {
        'd' | 'n' => (10, ""),
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => {
            return Err(format!(
                "Unknown format code '{ty}' for object of type 'int'"
            ))
        }
    };
    if ty == 'n' && spec.grouping.is_some() {
        return Err(spec.grouping_error("n"));
    }
    if spec.grouping == Some(',') && radix != 10 {
        return Err(spec.grouping_error(&ty.to_string()));
    }
    let mut digits = v.abs().to_str_radix(radix);
    if ty == 'X' {
        digits = digits.to_ascii_uppercase();
    }
    let mut prefix = sign_str(v.is_negative(), spec.sign).to_string();
    if spec.alt {
        prefix.push_str(alt_prefix);
    }
    let body = match spec.grouping {
        Some(sep) => {
            let group = if radix == 10 { 3 } else { 4 };
            let min = if spec.zero_padded() {
                spec.width.saturating_sub(prefix.chars().count())
            } else {
                0
            };
            group_digits(&digits, sep, group, min)
        }
        None => digits,
    };
    Ok(pad(spec, &prefix, &body, spec.numeric_align()))
}

/// Formats a float with a spec of type `e E f F g G n %` or none.
pub fn format_float(x: f64, spec: &Spec) -> Result<String, String> {
    let ty = spec.ty;
    let (style, precision, upper) = match ty {
        None => match spec.precision {
            None => (FloatStyle::Repr, 0, false),
            Some(p) => (FloatStyle::GeneralDot0, p, false),
        },
        Some(c @ ('e' | 'E')) => (FloatStyle::Exp, spec.precision.unwrap_or(6), c == 'E'),
        Some(c @ ('f' | 'F' | '%')) => (FloatStyle::Fixed, spec.precision.unwrap_or(6), c == 'F'),
        Some(c @ ('g' | 'G' | 'n')) => (FloatStyle::General, spec.precision.unwrap_or(6), c == 'G'),
        Some(c) => {
            return Err(format!(
                "Unknown format code '{c}' for object of type 'float'"
            ))
        }
    };
    if ty == Some('n') && spec.grouping.is_some() {
        return Err(spec.grouping_error("n"));
    }
    let value = if ty == Some('%') { x * 100.0 } else { x };
    let mut body = float_body(value.abs(), style, precision, spec.alt, upper);
    let mut negative = value.is_sign_negative() && !value.is_nan();
    if negative
        && spec.coerce_zero
        && body
            .chars()
            .all(|c| matches!(c, '0' | '.' | 'e' | 'E' | '+' | '-'))
    {
        negative = false;
    }
    if ty == Some('%') {
        body.push('%');
    }
    let prefix = sign_str(negative, spec.sign);
    if let Some(sep) = spec.grouping {
        if value.is_finite() {
            let int_len = body
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(body.len());
            let min = if spec.zero_padded() {
                let rest = body.chars().count() - int_len;
                spec.width.saturating_sub(prefix.len() + rest)
            } else {
                0
            };
            body = format!(
                "{}{}",
                group_digits(&body[..int_len], sep, 3, min),
                &body[int_len..]
            );
        }
    }
    Ok(pad(spec, prefix, &body, spec.numeric_align()))
}

/// Formats a str with a spec of type `s` or none.
pub fn format_str(s: &str, spec: &Spec) -> Result<String, String> {
    match spec.ty {
        None | Some('s') => {}
        Some(c) => {
            return Err(format!(
                "Unknown format code '{c}' for object of type 'str'"
            ))
        }
    }
    if spec.sign.is_some() {
        return Err("Sign not allowed in string format specifier".into());
    }
    if spec.alt {
        return Err("Alternate form (#) not allowed in string format specifier".into());
    }
    if spec.align == Some('=') {
        return Err("'=' alignment not allowed in string format specifier".into());
    }
    if spec.grouping.is_some() {
        return Err(spec.grouping_error("s"));
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(spec, "", &body, '<'))
}

/// Whether a spec type asks for float formatting (ints convert first).
pub fn is_float_type(ty: Option<char>) -> bool {
    matches!(ty, Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%'))
}

/// Formats an int with any spec, converting to float for float types.
pub fn format_int_any(v: &BigInt, spec: &Spec) -> Result<String, String> {
    if is_float_type(spec.ty) {
        let x = v.to_f64().filter(|x| x.is_finite() || v.is_zero());
        match x {
            Some(x) => format_float(x, spec),
            None => Err("int too large to convert to float".into()),
        }
    } else {
        format_int(v, spec)
    }
}

#[cfg(test)]
// The tests print decimal approximations of pi on purpose.
#[allow(clippy::approx_constant, clippy::type_complexity)]
mod tests {
    use super::*;

    fn fi(v: i64, spec: &str) -> String {
        format_int_any(&BigInt::from(v), &Spec::parse(spec).unwrap()).unwrap()
    }

    fn ff(v: f64, spec: &str) -> String {
        format_float(v, &Spec::parse(spec).unwrap()).unwrap()
    }

    fn fs(v: &str, spec: &str) -> String {
        format_str(v, &Spec::parse(spec).unwrap()).unwrap()
    }

    /// Expected values printed by CPython 3.11 (`format(v, spec)`).
    #[test]
    fn ints_match_cpython() {
        let cases: &[(i64, &str, &str)] = &[
            (36, "5d", "   36"),
            (36, "<5d", "36   "),
            (36, "05d", "00036"),
            (-36, "6d", "   -36"),
            (-36, "06d", "-00036"),
            (255, "x", "ff"),
            (4096, "8x", "    1000"),
            (255, "#010x", "0x000000ff"),
            (255, "#_b", "0b1111_1111"),
            (12345678, "_x", "bc_614e"),
            (1234, "08,", "0,001,234"),
            (1234, "09,", "0,001,234"),
            (1234567, ",", "1,234,567"),
            (-1234567, "_", "-1_234_567"),
            (42, "+d", "+42"),
            (42, " d", " 42"),
            (-42, "=+8", "-     42"),
            (42, "^7", "  42   "),
            (42, "*^8", "***42***"),
            (65, "c", "A"),
            (8, "#o", "0o10"),
            (-255, "X", "-FF"),
            (5, "<05", "50000"),
            (5, ".2f", "5.00"),
            (7, "e", "7.000000e+00"),
            (3, "%", "300.000000%"),
            (0, "b", "0"),
        ];
        for &(v, spec, want) in cases {
            assert_eq!(fi(v, spec), want, "format({v}, {spec:?})");
        }
    }

    /// Expected values printed by CPython 3.11 (`format(v, spec)`).
    #[test]
    fn floats_match_cpython() {
        let cases: &[(f64, &str, &str)] = &[
            (1.685, ".1f", "1.7"),
            (1.685, "8.3f", "   1.685"),
            (1.685, "<8.2f", "1.69    "),
            (1.685, "e", "1.685000e+00"),
            (1.685, ".2e", "1.69e+00"),
            (1.685, "g", "1.685"),
            (2.0 / 3.0, ".3f", "0.667"),
            (2.0 / 3.0, ".10f", "0.6666666667"),
            (-0.0, ".3f", "-0.000"),
            (-0.0, "z.1f", "0.0"),
            (1e100, ".2e", "1.00e+100"),
            (1e16, "", "1e+16"),
            (100.0, ".3", "1e+02"),
            (10.0, ".3", "10.0"),
            (1234.5, ".2", "1.2e+03"),
            (12345678.0, ".10", "12345678.0"),
            (0.0001, ".3", "0.0001"),
            (1e-5, ".3", "1e-05"),
            (1.5, "010", "00000001.5"),
            (-1.5, "=+10", "-      1.5"),
            (f64::NAN, "010", "0000000nan"),
            (f64::INFINITY, "+", "+inf"),
            (f64::INFINITY, "F", "INF"),
            (-1234.5678, ",.2f", "-1,234.57"),
            (1234567.0, ",", "1,234,567.0"),
            (1e20, ",", "1e+20"),
            (1234567.891, "g", "1.23457e+06"),
            (0.000123456, "g", "0.000123456"),
            (1e-10, ".2g", "1e-10"),
            (6.02e23, "9.2f", "601999999999999995805696.00"),
            (-273.15, ">12.5e", "-2.73150e+02"),
            (0.5, ".0f", "0"),
            (1.5, ".0f", "2"),
            (2.5, ".0f", "2"),
            (0.25, ".1f", "0.2"),
            (0.35, ".1f", "0.3"),
            (1e15, ".16", "1e+15"),
            (99.5, ".1%", "9950.0%"),
            (2.5, "#.0f", "2."),
            (1.0, "#g", "1.00000"),
            (123456.0, "g", "123456"),
            (3.14159, ".4g", "3.142"),
            (1234.5, "010,.1f", "0,001,234.5"),
            (0.1, "^9", "   0.1   "),
            (1.0, "G", "1"),
            (1e-9, "G", "1E-09"),
        ];
        for &(v, spec, want) in cases {
            assert_eq!(ff(v, spec), want, "format({v:e}, {spec:?})");
        }
    }

    #[test]
    fn strs_and_errors() {
        assert_eq!(fs("Ada", "8s"), "Ada     ");
        assert_eq!(fs("Ada", ">8s"), "     Ada");
        assert_eq!(fs("Ada", "^7"), "  Ada  ");
        assert_eq!(fs("truncated", ".3"), "tru");
        assert_eq!(fs("ab", "05"), "ab000");
        assert_eq!(fs("é€", "-^6"), "--é€--");
        let spec = Spec::parse("=5").unwrap();
        assert!(format_str("x", &spec).is_err());
        assert!(format_int(&BigInt::from(3), &Spec::parse(".2").unwrap()).is_err());
        assert!(format_float(1.0, &Spec::parse("d").unwrap()).is_err());
        assert!(Spec::parse(",_").is_err());
        assert!(Spec::parse("10xx").is_err());
        assert_eq!(group_digits("1", ',', 3, 0), "1");
        assert_eq!(group_digits("1234567", '_', 3, 0), "1_234_567");
    }
}
