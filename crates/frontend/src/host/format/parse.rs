//! Number parsing with Python's syntax: `int(s, base)` and `float(s)`.

use crate::host::value::Value;
use num_bigint::BigInt;

/// Strips the whitespace Python's `int()`/`float()` accept around a
/// number, once [`crate::host::unicode::decimal_and_space_to_ascii`] made
/// any other whitespace a space: `\t \n \v \f \r` and the space.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' '))
}

/// Removes single underscores between digits; `None` if an underscore is
/// leading, trailing or doubled.
fn strip_underscores(digits: &str) -> Option<String> {
    if digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    Some(digits.replace('_', ""))
}

/// `int(s, base)` of ASCII text (a str goes through
/// [`crate::host::unicode::decimal_and_space_to_ascii`] first, as in
/// CPython; a bytes does not): an optional sign, underscores between digits, a `0x`/`0o`/
/// `0b` prefix when `base` is 0 or matches, surrounding whitespace. Base 0
/// rejects leading zeros in nonzero decimal numbers. `None` if invalid.
pub fn parse_int(s: &str, base: u32) -> Option<Value> {
    if base == 1 || base > 36 {
        return None;
    }
    let auto = base == 0;
    let t = trim(s);
    let (negative, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let prefix_base = match t.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (base, body) = match prefix_base {
        Some(p) if auto || p == base => {
            // One underscore may separate the prefix from the digits.
            let rest = &t[2..];
            (p, rest.strip_prefix('_').unwrap_or(rest))
        }
        _ if auto => (10, t),
        _ => (base, t),
    };
    if body.is_empty() {
        return None;
    }
    let digits = strip_underscores(body)?;
    if !digits.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    if auto && base == 10 && digits.starts_with('0') && digits.bytes().any(|c| c != b'0') {
        return None;
    }
    let n = match u64::from_str_radix(&digits, base) {
        Ok(n) => BigInt::from(n),
        Err(_) => BigInt::parse_bytes(digits.as_bytes(), base)?,
    };
    Some(Value::from_bigint(if negative { -n } else { n }))
}

/// `float(s)`: decimal digits of any script and Unicode whitespace made
/// ASCII first; then decimal or exponent notation, `inf`/`infinity`/`nan` in
/// any case, a sign, underscores between digits, surrounding whitespace.
/// `None` if invalid.
pub fn parse_float(s: &str) -> Option<f64> {
    let ascii = crate::host::unicode::decimal_and_space_to_ascii(s);
    let t = trim(&ascii);
    let (negative, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            if !valid_decimal(body) {
                return None;
            }
            body.replace('_', "").parse::<f64>().ok()?
        }
    };
    Some(if negative { -magnitude } else { magnitude })
}

/// Checks Python's float literal grammar: digits with an optional point
/// and fraction, an optional exponent; underscores only between digits.
fn valid_decimal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digit_run = |i: &mut usize| -> Option<usize> {
        let start = *i;
        while *i < b.len() && (b[*i].is_ascii_digit() || b[*i] == b'_') {
            if b[*i] == b'_' && (*i == start || *i + 1 >= b.len() || !b[*i + 1].is_ascii_digit()) {
                return None;
            }
            *i += 1;
        }
        Some(*i - start)
    };
    let Some(int_len) = digit_run(&mut i) else {
        return false;
    };
    let mut frac_len = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        match digit_run(&mut i) {
            Some(n) => frac_len = n,
            None => return false,
        }
    }
    if int_len == 0 && frac_len == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            i += 1;
        }
        match digit_run(&mut i) {
            Some(n) if n > 0 => {}
            _ => return false,
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str, base: u32) -> Option<i64> {
        match parse_int(s, base)? {
            Value::Int(i) => Some(i),
            _ => None,
        }
    }

    #[test]
    fn ints() {
        assert_eq!(int("  314  ", 10), Some(314));
        assert_eq!(int("+99", 10), Some(99));
        assert_eq!(int("-0", 10), Some(0));
        assert_eq!(int("ff", 16), Some(255));
        assert_eq!(int("FF", 16), Some(255));
        assert_eq!(int("-1a", 16), Some(-26));
        assert_eq!(int("zz", 36), Some(1295));
        assert_eq!(int("101101", 2), Some(45));
        assert_eq!(int("0x1f", 16), Some(31));
        assert_eq!(int("0x1f", 0), Some(31));
        assert_eq!(int("0o17", 0), Some(15));
        assert_eq!(int("0b_101", 0), Some(5));
        assert_eq!(int("1_000_000", 10), Some(1_000_000));
        assert_eq!(int("9223372036854775807", 10), Some(i64::MAX));
        assert_eq!(int("-9223372036854775808", 10), Some(i64::MIN));
        assert_eq!(int("000", 0), Some(0));
        assert_eq!(int("007", 10), Some(7));
        assert_eq!(int("007", 0), None);
        assert_eq!(int("0x1f", 10), None);
        assert_eq!(int("1__0", 10), None);
        assert_eq!(int("_1", 10), None);
        assert_eq!(int("1_", 10), None);
        assert_eq!(int("", 10), None);
        assert_eq!(int(" - 1", 10), None);
        assert_eq!(int("1.5", 10), None);
        assert_eq!(int("12", 2), None);
        // Other whitespace is made a space first, for strs only.
        assert_eq!(int("\u{2003}42\n", 10), None);
        assert_eq!(int(" 42\x0c", 10), Some(42));
        match parse_int("123456789012345678901234567890", 10) {
            Some(Value::BigInt(b)) => assert_eq!(b.to_string(), "123456789012345678901234567890"),
            other => panic!("{other:?}"),
        }
        match parse_int("-9223372036854775809", 10) {
            Some(Value::BigInt(b)) => assert_eq!(b.to_string(), "-9223372036854775809"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn floats() {
        assert_eq!(parse_float("2.5"), Some(2.5));
        assert_eq!(parse_float("-1e-3"), Some(-0.001));
        assert_eq!(parse_float("  3.5\n"), Some(3.5));
        assert_eq!(parse_float("1_000.5"), Some(1000.5));
        assert_eq!(parse_float(".5"), Some(0.5));
        assert_eq!(parse_float("5."), Some(5.0));
        assert_eq!(parse_float("1E5"), Some(1e5));
        assert_eq!(parse_float("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("inf"), Some(f64::INFINITY));
        assert!(parse_float("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_float("-0"), Some(-0.0));
        assert_eq!(parse_float("alpha"), None);
        assert_eq!(parse_float("3.5.1"), None);
        assert_eq!(parse_float(""), None);
        assert_eq!(parse_float("."), None);
        assert_eq!(parse_float("1e"), None);
        assert_eq!(parse_float("1_"), None);
        assert_eq!(parse_float("_1"), None);
        assert_eq!(parse_float("1._5"), None);
        assert_eq!(parse_float("infinit"), None);
        assert_eq!(parse_float("--flag"), None);
        assert_eq!(parse_float("0x10"), None);
    }
}
