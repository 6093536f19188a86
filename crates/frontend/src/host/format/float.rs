//! Float to text conversions with CPython's exact digits.
//!
//! Rust's formatter already produces the shortest round-trip digits (`{:e}`)
//! and correctly rounded fixed and exponent forms (`{:.N}`, `{:.Ne}`, round
//! half to even on the exact binary value), which are the digits CPython's
//! `dtoa` produces. This module only re-lays those digits out the way
//! CPython presents them: exponent thresholds, `e+05` style exponents,
//! trailing-zero removal for `g`, `.0` for integral values.

/// The presentation of a float, after the format type has been resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatStyle {
    /// `repr()`: shortest round-trip digits, scientific when the decimal
    /// exponent is < -4 or >= 16, `.0` added to integral values.
    Repr,
    /// `f`/`F`: fixed point with the given number of decimals.
    Fixed,
    /// `e`/`E`: one digit, the given number of decimals, an exponent.
    Exp,
    /// `g`/`G`: the given number of significant digits.
    General,
    /// No type letter but a precision: like `g`, but fixed-point results
    /// keep at least one decimal and scientific is used from exponent
    /// `precision - 1` on.
    GeneralDot0,
}

/// `repr(x)` of a float, exactly as CPython prints it.
pub fn float_repr(x: f64) -> String {
    let mut out = String::new();
    if x.is_sign_negative() && !x.is_nan() {
        out.push('-');
    }
    out.push_str(&float_body(x.abs(), FloatStyle::Repr, 0, false, false));
    out
}

/// The text of a non-negative float (the sign is the caller's business)
/// in the given style. `precision` is ignored for [`FloatStyle::Repr`];
/// `alt` is the `#` flag; `upper` selects `E`, `INF`, `NAN`.
pub fn float_body(x: f64, style: FloatStyle, precision: usize, alt: bool, upper: bool) -> String {
    let text = if x.is_nan() {
        "nan".to_string()
    } else if x.is_infinite() {
        "inf".to_string()
    } else {
        match style {
            FloatStyle::Repr => repr_body(x),
            FloatStyle::Fixed => {
                let mut s = format!("{:.*}", precision, x);
                if alt && precision == 0 {
                    s.push('.');
                }
                s
            }
            FloatStyle::Exp => exp_body(x, precision, alt),
            FloatStyle::General => general_body(x, precision, alt, false),
            FloatStyle::GeneralDot0 => general_body(x, precision, alt, true),
        }
    };
    if upper {
        text.to_ascii_uppercase()
    } else {
        text
    }
}

/// Splits Rust's `{:e}` output (`1.2345e-7`) into the digits without the
/// point (`12345`) and the decimal exponent (`-7`).
fn split_exp(s: &str) -> (String, i32) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// Writes a decimal exponent as CPython does: a sign and at least two
/// digits.
fn push_exponent(out: &mut String, exp: i32) {
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    out.push_str(&e.to_string());
}

/// Lays out `digits` (significant digits, first one nonzero unless the
/// value is zero) with decimal exponent `exp` in scientific notation.
fn scientific(digits: &str, exp: i32, force_point: bool) -> String {
    let mut out = String::new();
    out.push_str(&digits[..1]);
    if digits.len() > 1 || force_point {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    push_exponent(&mut out, exp);
    out
}

/// Lays out `digits` with decimal exponent `exp` in positional notation,
/// without any trailing zeros after the point (and no point if none are
/// left).
fn positional(digits: &str, exp: i32) -> String {
    let n = digits.len() as i32;
    if exp < 0 {
        let zeros = (-exp - 1) as usize;
        format!("0.{}{}", "0".repeat(zeros), digits)
    } else if exp + 1 >= n {
        format!("{}{}", digits, "0".repeat((exp + 1 - n) as usize))
    } else {
        let point = (exp + 1) as usize;
        format!("{}.{}", &digits[..point], &digits[point..])
    }
}

fn repr_body(x: f64) -> String {
    let (digits, exp) = split_exp(&format!("{:e}", x));
    if !(-4..16).contains(&exp) {
        scientific(&digits, exp, false)
    } else {
        let mut s = positional(&digits, exp);
        if !s.contains('.') {
            s.push_str(".0");
        }
        s
    }
}

fn exp_body(x: f64, precision: usize, alt: bool) -> String {
    let (digits, exp) = split_exp(&format!("{:.*e}", precision, x));
    scientific(&digits, exp, alt)
}

/// `g` formatting: `precision` significant digits (0 means 1).
fn general_body(x: f64, precision: usize, alt: bool, add_dot_0: bool) -> String {
    let p = precision.max(1);
    let (digits, exp) = split_exp(&format!("{:.*e}", p - 1, x));
    let sci_from = if add_dot_0 { p as i32 - 1 } else { p as i32 };
    let use_sci = exp < -4 || exp >= sci_from;
    if alt {
        // Keep the trailing zeros, always show the point.
        if use_sci {
            return scientific(&digits, exp, true);
        }
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let mut s = format!("{:.*}", decimals, x);
        if !s.contains('.') {
            s.push('.');
        }
        return s;
    }
    let trimmed = digits.trim_end_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    if use_sci {
        scientific(trimmed, exp, false)
    } else {
        let mut s = positional(trimmed, exp);
        if add_dot_0 && !s.contains('.') {
            s.push_str(".0");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values printed by CPython 3.11 (`repr(x)`).
    #[test]
    fn repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (3.0, "3.0"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e22, "1e+22"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"),
            (123456789.0, "123456789.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e-7, "1e-07"),
            (1.5e-5, "1.5e-05"),
            (1.5e300, "1.5e+300"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (3.5, "3.5"),
            (-3.5, "-3.5"),
            (2.0, "2.0"),
            (std::f64::consts::SQRT_2, "1.4142135623730951"),
            (std::f64::consts::PI, "3.141592653589793"),
            (std::f64::consts::E, "2.718281828459045"),
            (7.0, "7.0"),
            (-12.0, "-12.0"),
            (2.5, "2.5"),
            (-1e-3, "-0.001"),
            (0.9999999999999999, "0.9999999999999999"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (1e100, "1e+100"),
            (10.25, "10.25"),
            (100.25, "100.25"),
            (1000.25, "1000.25"),
            (10000.25, "10000.25"),
            (100000.25, "100000.25"),
            (1000000.25, "1000000.25"),
            (10000000.25, "10000000.25"),
            (100000000.25, "100000000.25"),
            (1234567.891, "1234567.891"),
            (0.000123456, "0.000123456"),
            (1e-10, "1e-10"),
            (6.02e23, "6.02e+23"),
            (-273.15, "-273.15"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"),
            (12345678901234567.0, "1.2345678901234568e+16"),
            (0.3, "0.3"),
            (1.1 * 3.0, "3.3000000000000003"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "repr of {x:e}");
        }
    }

    #[test]
    fn styles() {
        assert_eq!(float_body(2.5, FloatStyle::Fixed, 0, true, false), "2.");
        assert_eq!(float_body(2.5, FloatStyle::Exp, 0, true, false), "2.e+00");
        assert_eq!(
            float_body(1.0, FloatStyle::General, 6, true, false),
            "1.00000"
        );
        assert_eq!(float_body(0.0, FloatStyle::General, 6, false, false), "0");
        assert_eq!(
            float_body(100.0, FloatStyle::GeneralDot0, 3, false, false),
            "1e+02"
        );
        assert_eq!(
            float_body(10.0, FloatStyle::GeneralDot0, 3, false, false),
            "10.0"
        );
        assert_eq!(
            float_body(1e15, FloatStyle::GeneralDot0, 16, false, false),
            "1e+15"
        );
        assert_eq!(
            float_body(f64::INFINITY, FloatStyle::Fixed, 2, false, true),
            "INF"
        );
    }
}
