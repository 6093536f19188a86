//! The `math` module: float functions with CPython's error behaviour
//! (`ValueError("math domain error")` for arguments outside the domain,
//! `OverflowError("math range error")` for results too large), plus the
//! integer functions in `math_int.rs`.

use super::super::args::{bind, positional};
use super::super::object::{Args, NativeFn};
use super::super::value::{ObjRef, Value};
use super::super::vm::{Exc, PyResult, Vm};
use super::math_int;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("sqrt", math_sqrt),
    ("exp", math_exp),
    ("expm1", math_expm1),
    ("exp2", math_exp2),
    ("cbrt", math_cbrt),
    ("log", math_log),
    ("log2", math_log2),
    ("log10", math_log10),
    ("log1p", math_log1p),
    ("pow", math_pow),
    ("sin", math_sin),
    ("cos", math_cos),
    ("tan", math_tan),
    ("asin", math_asin),
    ("acos", math_acos),
    ("atan", math_atan),
    ("atan2", math_atan2),
    ("sinh", math_sinh),
    ("cosh", math_cosh),
    ("tanh", math_tanh),
    ("asinh", math_asinh),
    ("acosh", math_acosh),
    ("atanh", math_atanh),
    ("fabs", math_fabs),
    ("degrees", math_degrees),
    ("radians", math_radians),
    ("hypot", math_hypot),
    ("dist", math_dist),
    ("isnan", math_isnan),
    ("isinf", math_isinf),
    ("isfinite", math_isfinite),
    ("isclose", math_isclose),
    ("copysign", math_copysign),
    ("fmod", math_fmod),
    ("modf", math_modf),
    ("frexp", math_frexp),
    ("ldexp", math_ldexp),
    ("fsum", math_fsum),
    ("floor", math_int::floor),
    ("ceil", math_int::ceil),
    ("trunc", math_int::trunc),
    ("gcd", math_int::gcd),
    ("lcm", math_int::lcm),
    ("factorial", math_int::factorial),
    ("isqrt", math_int::isqrt),
    ("comb", math_int::comb),
    ("perm", math_int::perm),
    ("prod", math_int::prod),
];

/// Builds `math`.
pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let values = vec![
        ("pi", Value::Float(std::f64::consts::PI)),
        ("e", Value::Float(std::f64::consts::E)),
        ("tau", Value::Float(std::f64::consts::TAU)),
        ("inf", Value::Float(f64::INFINITY)),
        ("nan", Value::Float(f64::NAN)),
    ];
    super::new_module(vm, "math", FUNCTIONS, values)
}

pub(super) fn domain_error(vm: &mut Vm) -> Exc {
    vm.value_error("math domain error")
}

pub(super) fn range_error(vm: &mut Vm) -> Exc {
    vm.overflow_error("math range error")
}

/// A real-number argument (int, bool or float, or an object with
/// `__float__` or wrapping a number) as a float.
pub(super) fn real(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_float(v),
        other if vm.is_instance_value(other) => vm.to_float(other),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("must be real number, not {t}")))
        }
    }
}

/// Checks a result as CPython's `math_1` does: NaN from a non-NaN
/// argument is a domain error; an infinity from a finite argument is a
/// range error if the function `can_overflow`, else a domain error.
fn check(vm: &mut Vm, x: f64, r: f64, can_overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

/// A one-argument float function.
fn unary(
    vm: &mut Vm,
    name: &str,
    args: Args,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    let a = positional(vm, name, args, 1, 1)?;
    let x = real(vm, &a[0])?;
    check(vm, x, f(x), can_overflow)
}

/// Two float arguments.
fn binary_args(vm: &mut Vm, name: &str, args: Args) -> PyResult<(f64, f64)> {
    let a = positional(vm, name, args, 2, 2)?;
    Ok((real(vm, &a[0])?, real(vm, &a[1])?))
}

macro_rules! unary_fns {
    ($($name:ident => $py:literal, $f:expr, $overflow:expr;)*) => {
        $(fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            unary(vm, $py, args, $f, $overflow)
        })*
    };
}

unary_fns! {
    math_sqrt => "sqrt", f64::sqrt, false;
    math_exp => "exp", f64::exp, true;
    math_expm1 => "expm1", f64::exp_m1, true;
    math_exp2 => "exp2", f64::exp2, true;
    math_cbrt => "cbrt", f64::cbrt, false;
    math_log2 => "log2", f64::log2, false;
    math_log10 => "log10", f64::log10, false;
    math_log1p => "log1p", f64::ln_1p, false;
    math_sin => "sin", f64::sin, false;
    math_cos => "cos", f64::cos, false;
    math_tan => "tan", f64::tan, false;
    math_asin => "asin", f64::asin, false;
    math_acos => "acos", f64::acos, false;
    math_atan => "atan", f64::atan, false;
    math_sinh => "sinh", f64::sinh, true;
    math_cosh => "cosh", f64::cosh, true;
    math_tanh => "tanh", f64::tanh, false;
    math_asinh => "asinh", f64::asinh, false;
    math_acosh => "acosh", f64::acosh, false;
    math_atanh => "atanh", f64::atanh, false;
    math_fabs => "fabs", f64::abs, false;
    math_degrees => "degrees", f64::to_degrees, true;
    math_radians => "radians", f64::to_radians, false;
}

/// `log(x)` with CPython's domain: x must be positive.
fn ln_checked(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Value::BigInt(b) = v {
        // Too large for a float: log(m * 2**e) = log(m) + e*log(2).
        if b.sign() != num_bigint::Sign::Minus {
            let bits = b.bits();
            let shift = bits.saturating_sub(60);
            let top: &num_bigint::BigInt = b;
            let mant = vm.to_float(&Value::from_bigint(top >> shift))?;
            return Ok(mant.ln() + shift as f64 * std::f64::consts::LN_2);
        }
    }
    let x = real(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(x.ln())
}

fn math_log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "log", args, 1, 2)?;
    let num = ln_checked(vm, &a[0])?;
    let Some(base) = a.get(1) else {
        return Ok(Value::Float(num));
    };
    let den = ln_checked(vm, base)?;
    if den == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(Value::Float(num / den))
}

fn math_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = binary_args(vm, "pow", args)?;
    let r = x.powf(y);
    if x.is_finite() && y.is_finite() {
        if x == 0.0 && y < 0.0 {
            return Err(domain_error(vm));
        }
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(range_error(vm));
        }
    }
    Ok(Value::Float(r))
}

fn math_atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = binary_args(vm, "atan2", args)?;
    Ok(Value::Float(y.atan2(x)))
}

fn math_copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = binary_args(vm, "copysign", args)?;
    Ok(Value::Float(x.copysign(y)))
}

fn math_fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = binary_args(vm, "fmod", args)?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

/// `hypot(*coordinates)`: the Euclidean norm, scaled to avoid overflow.
fn math_hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "hypot", args, 0, usize::MAX)?;
    let mut xs = Vec::with_capacity(a.len());
    for v in &a {
        xs.push(real(vm, v)?);
    }
    Ok(Value::Float(norm(&xs)))
}

/// `dist(p, q)`: the distance between two points of the same dimension.
fn math_dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "dist", args, 2, 2)?;
    let p = vm.collect(&a[0])?;
    let q = vm.collect(&a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    for (x, y) in p.iter().zip(&q) {
        diffs.push(real(vm, x)? - real(vm, y)?);
    }
    Ok(Value::Float(norm(&diffs)))
}

/// The Euclidean norm of `xs` (infinity wins over NaN, as in CPython).
pub fn norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match xs {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let sum: f64 = fsum(xs.iter().map(|x| (x / max) * (x / max)));
            max * sum.sqrt()
        }
    }
}

fn math_isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "isnan", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &a[0])?.is_nan()))
}

fn math_isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "isinf", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &a[0])?.is_infinite()))
}

fn math_isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "isfinite", args, 1, 1)?;
    Ok(Value::Bool(real(vm, &a[0])?.is_finite()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`.
fn math_isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "isclose", args, &["a", "b", "rel_tol", "abs_tol"], 2)?;
    let mut nums = [0.0, 0.0, 1e-9, 0.0];
    for (slot, n) in slots.iter().zip(nums.iter_mut()) {
        if let Some(v) = slot {
            *n = real(vm, v)?;
        }
    }
    let [a, b, rel_tol, abs_tol] = nums;
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    Ok(Value::Bool(isclose(a, b, rel_tol, abs_tol)))
}

/// PEP 485 closeness.
pub fn isclose(a: f64, b: f64, rel_tol: f64, abs_tol: f64) -> bool {
    if a == b {
        return true;
    }
    if a.is_infinite() || b.is_infinite() {
        return false;
    }
    let diff = (b - a).abs();
    diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol
}

fn math_modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "modf", args, 1, 1)?;
    let x = real(vm, &a[0])?;
    let (frac, whole) = modf(x);
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(whole)]))
}

/// `modf`: fractional and integral parts, both with the sign of `x`.
pub fn modf(x: f64) -> (f64, f64) {
    if x.is_infinite() {
        return (0.0f64.copysign(x), x);
    }
    let whole = x.trunc();
    ((x - whole).copysign(x), whole)
}

fn math_frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "frexp", args, 1, 1)?;
    let x = real(vm, &a[0])?;
    let (m, e) = frexp(x);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

/// `frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (or `m == x`, `e == 0`
/// for zero, infinities and NaN).
pub fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022 + bias)
}

fn math_ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "ldexp", args, 2, 2)?;
    let x = real(vm, &a[0])?;
    let e = match &a[1] {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(b) => {
            if b.sign() == num_bigint::Sign::Minus {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "Expected an int as second argument to ldexp, not {t}"
            )));
        }
    };
    let r = ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// `ldexp`: `x * 2**e` without intermediate overflow.
pub fn ldexp(x: f64, e: i64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let mut e = e.clamp(-2200, 2200) as i32;
    let mut r = x;
    // Scale in steps that keep each factor a normal float.
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
    }
    if e < -1000 + 52 && r.abs() < 1.0 {
        // Keep a single rounding step for results that end up subnormal.
        let (m, me) = frexp(r);
        return m * 2f64.powi(me + e);
    }
    r * 2f64.powi(e)
}

fn math_fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "fsum", args, 1, 1)?;
    let items = vm.collect(&a[0])?;
    let mut xs = Vec::with_capacity(items.len());
    for v in &items {
        xs.push(real(vm, v)?);
    }
    if xs.iter().any(|x| !x.is_finite()) {
        let s: f64 = xs.iter().sum();
        if s.is_nan() && !xs.iter().any(|x| x.is_nan()) {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(s));
    }
    let r = fsum(xs.into_iter());
    if r.is_infinite() {
        return Err(vm.overflow_error("intermediate overflow in fsum"));
    }
    Ok(Value::Float(r))
}

/// An exactly rounded sum of finite floats: keeps a list of
/// non-overlapping partial sums (each addition split into its rounded sum
/// and the exact error term), then adds them from the largest, fixing the
/// final half-way rounding case.
pub fn fsum(xs: impl Iterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for mut x in xs {
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let Some(mut hi) = partials.pop() else {
        return 0.0;
    };
    let mut lo = 0.0;
    while let Some(y) = partials.pop() {
        let x = hi;
        hi = x + y;
        let yr = hi - x;
        lo = y - yr;
        if lo != 0.0 {
            break;
        }
    }
    // If the rest points the same way as the last error, the sum was a
    // half-way case rounded the wrong way.
    if let Some(&next) = partials.last() {
        if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frexp_and_ldexp_round_trip() {
        assert_eq!(frexp(48.0), (0.75, 6));
        assert_eq!(frexp(-1.0), (-0.5, 1));
        assert_eq!(frexp(0.0), (0.0, 0));
        assert_eq!(frexp(5e-324), (0.5, -1073));
        assert_eq!(ldexp(0.75, 6), 48.0);
        assert_eq!(ldexp(0.5, -1073), 5e-324);
        assert_eq!(ldexp(1.0, 1024), f64::INFINITY);
        assert_eq!(ldexp(1.0, 2000 - 1990), 1024.0);
        for x in [1.5, 3.0e300, 7.0e-310, -0.1] {
            let (m, e) = frexp(x);
            assert_eq!(ldexp(m, e as i64), x);
        }
    }

    #[test]
    fn fsum_is_exact() {
        assert_eq!(fsum([0.1; 10].into_iter()), 1.0);
        assert_eq!(fsum([1e100, 1.0, -1e100, 1e-100].into_iter()), 1.0);
        assert_eq!(fsum(std::iter::empty()), 0.0);
        assert_eq!(fsum([1.0, 1e-16, 1e-16].into_iter()), 1.0000000000000002);
    }

    #[test]
    fn modf_keeps_signs() {
        assert_eq!(modf(3.75), (0.75, 3.0));
        let (f, w) = modf(-3.0);
        assert!(f == 0.0 && f.is_sign_negative() && w == -3.0);
        assert_eq!(modf(f64::INFINITY), (0.0, f64::INFINITY));
    }

    #[test]
    fn closeness_and_norms() {
        assert!(isclose(1.0, 1.0 + 1e-10, 1e-9, 0.0));
        assert!(!isclose(1.0, 1.1, 1e-9, 0.0));
        assert!(isclose(0.0, 1e-12, 1e-9, 1e-10));
        assert!(!isclose(f64::INFINITY, 1e308, 1e-9, 0.0));
        assert_eq!(norm(&[3.0, 4.0]), 5.0);
        assert_eq!(norm(&[2.0, 3.0, 6.0]), 7.0);
        assert_eq!(norm(&[f64::NAN, f64::INFINITY]), f64::INFINITY);
    }
}
