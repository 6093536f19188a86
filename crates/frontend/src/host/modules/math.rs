//! The `math` module: constants, float functions with CPython's domain
//! and range errors, and the exact integer functions.

use super::{new_module, to_f64};
use crate::host::format::int_value;
use crate::host::modules::support::{check_arity, type_error, type_name, value_error};
use crate::host::object::Args;
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{Exc, PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, One, Signed, ToPrimitive, Zero};

pub(super) fn create(vm: &mut Vm) -> ObjRef {
    use std::f64::consts;
    new_module(
        vm,
        "math",
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("pow", pow),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("atan2", atan2),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("hypot", hypot),
            ("degrees", degrees),
            ("radians", radians),
            ("fabs", fabs),
            ("copysign", copysign),
            ("fmod", fmod),
            ("isnan", isnan),
            ("isinf", isinf),
            ("isfinite", isfinite),
            ("floor", floor),
            ("ceil", ceil),
            ("trunc", trunc),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("gcd", gcd),
            ("factorial", factorial),
            ("isqrt", isqrt),
            ("comb", comb),
            ("perm", perm),
        ],
        vec![
            ("pi", Value::Float(consts::PI)),
            ("e", Value::Float(consts::E)),
            ("tau", Value::Float(consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
        ],
    )
}

fn domain_error(vm: &mut Vm) -> Exc {
    value_error(vm, "math domain error")
}

fn range_error(vm: &mut Vm) -> Exc {
    vm.new_exception(vm.types.overflow_error, "math range error")
}

/// Checks a one-argument float function's result as CPython does: a nan
/// from a non-nan argument is a domain error, an infinity from a finite
/// argument a range error.
fn checked(vm: &mut Vm, x: f64, r: f64) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        Err(domain_error(vm))
    } else if r.is_infinite() && x.is_finite() {
        Err(range_error(vm))
    } else {
        Ok(Value::Float(r))
    }
}

fn one_float(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    check_arity(vm, name, args, false, 1, 1)?;
    to_f64(vm, &args.args[0])
}

fn two_floats(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    check_arity(vm, name, args, false, 2, 2)?;
    Ok((to_f64(vm, &args.args[0])?, to_f64(vm, &args.args[1])?))
}

/// Defines a one-argument float function with CPython's error checks.
macro_rules! unary {
    ($name:ident, $f:expr) => {
        fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
            let x = one_float(vm, &args, stringify!($name))?;
            let f: fn(f64) -> f64 = $f;
            checked(vm, x, f(x))
        }
    };
}

unary!(exp, f64::exp);
unary!(sin, f64::sin);
unary!(cos, f64::cos);
unary!(tan, f64::tan);
unary!(asin, f64::asin);
unary!(acos, f64::acos);
unary!(atan, f64::atan);
unary!(sinh, f64::sinh);
unary!(cosh, f64::cosh);
unary!(tanh, f64::tanh);
unary!(degrees, f64::to_degrees);
unary!(radians, f64::to_radians);
unary!(fabs, f64::abs);

fn sqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "sqrt")?;
    if x < 0.0 {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(x.sqrt()))
}

/// The natural log of a positive int or float (big ints too).
fn ln(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Value::BigInt(b) = v {
        if b.is_positive() {
            let bits = b.bits();
            let shift = bits.saturating_sub(64);
            let top = (&**b >> shift).to_f64().unwrap_or(f64::INFINITY);
            return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
        }
        return Err(domain_error(vm));
    }
    let x = to_f64(vm, v)?;
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(x.ln())
}

fn log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "log", &args, false, 1, 2)?;
    let num = ln(vm, &args.args[0])?;
    match args.args.get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = ln(vm, b)?;
            if den == 0.0 {
                return Err(
                    vm.new_exception(vm.types.zero_division_error, "float division by zero")
                );
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "log2", &args, false, 1, 1)?;
    match &args.args[0] {
        Value::BigInt(_) => Ok(Value::Float(
            ln(vm, &args.args[0])? / std::f64::consts::LN_2,
        )),
        v => {
            let x = to_f64(vm, v)?;
            if x <= 0.0 {
                return Err(domain_error(vm));
            }
            Ok(Value::Float(x.log2()))
        }
    }
}

fn log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "log10", &args, false, 1, 1)?;
    match &args.args[0] {
        Value::BigInt(_) => Ok(Value::Float(
            ln(vm, &args.args[0])? / std::f64::consts::LN_10,
        )),
        v => {
            let x = to_f64(vm, v)?;
            if x <= 0.0 {
                return Err(domain_error(vm));
            }
            Ok(Value::Float(x.log10()))
        }
    }
}

fn pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "pow")?;
    let r = x.powf(y);
    if x == 0.0 && y < 0.0 {
        return Err(domain_error(vm));
    }
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_floats(vm, &args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut acc: f64 = 0.0;
    for v in &args.args {
        let x = to_f64(vm, v)?;
        acc = acc.hypot(x);
    }
    Ok(Value::Float(acc))
}

fn copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "fmod")?;
    if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(x % y))
}

fn isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isnan")?.is_nan()))
}

fn isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isinf")?.is_infinite()))
}

fn isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isfinite")?.is_finite()))
}

/// Converts an integral float to an int value, with CPython's errors for
/// infinities and nan.
fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(value_error(vm, "cannot convert float NaN to integer"));
    }
    match BigInt::from_f64(x) {
        Some(n) => Ok(Value::from_bigint(n)),
        None => Err(vm.new_exception(
            vm.types.overflow_error,
            "cannot convert float infinity to integer",
        )),
    }
}

/// Shared body of floor/ceil/trunc: ints are returned unchanged.
fn rounding(vm: &mut Vm, args: Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    check_arity(vm, name, &args, false, 1, 1)?;
    if let Some(n) = int_value(&args.args[0]) {
        return Ok(Value::from_bigint(n));
    }
    let x = to_f64(vm, &args.args[0])?;
    float_to_int(vm, f(x))
}

fn floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounding(vm, args, "floor", f64::floor)
}

fn ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounding(vm, args, "ceil", f64::ceil)
}

fn trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    rounding(vm, args, "trunc", f64::trunc)
}

fn modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "modf")?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![
            Value::Float(0.0f64.copysign(x)),
            Value::Float(x),
        ]));
    }
    let int = x.trunc();
    Ok(Value::tuple(vec![
        Value::Float((x - int).copysign(x)),
        Value::Float(int),
    ]))
}

/// `frexp(x)`: mantissa in [0.5, 1) and exponent with `x == m * 2**e`.
pub fn frexp_f64(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    if exp_bits == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp_f64(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp_bits - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

fn frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "frexp")?;
    let (m, e) = frexp_f64(x);
    Ok(Value::tuple(vec![
        Value::Float(m),
        Value::Int(i64::from(e)),
    ]))
}

fn ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "ldexp", &args, false, 2, 2)?;
    let x = to_f64(vm, &args.args[0])?;
    let Some(e) = int_value(&args.args[1]) else {
        return Err(type_error(
            vm,
            "Expected an int as second argument to ldexp.",
        ));
    };
    let e = e
        .to_i32()
        .unwrap_or(if e.is_negative() { i32::MIN } else { i32::MAX })
        .clamp(-2200, 2200);
    // Two steps keep intermediate powers of two representable.
    let half = e / 2;
    let r = x * 2f64.powi(half) * 2f64.powi(e - half);
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match int_value(v) {
        Some(n) => Ok(n),
        None => {
            let msg = format!(
                "'{}' object cannot be interpreted as an integer",
                type_name(vm, v)
            );
            Err(type_error(vm, &msg))
        }
    }
}

fn gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut acc = BigInt::zero();
    for v in &args.args {
        let n = int_arg(vm, v)?;
        acc = acc.gcd(&n);
    }
    Ok(Value::from_bigint(acc))
}

fn factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "factorial", &args, false, 1, 1)?;
    if let Value::Float(_) = args.args[0] {
        return Err(type_error(
            vm,
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = int_arg(vm, &args.args[0])?;
    if n.is_negative() {
        return Err(value_error(
            vm,
            "factorial() not defined for negative values",
        ));
    }
    let n = n.to_u64().unwrap_or(u64::MAX);
    let mut acc = BigInt::one();
    for k in 2..=n {
        acc *= k;
    }
    Ok(Value::from_bigint(acc))
}

fn isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "isqrt", &args, false, 1, 1)?;
    let n = int_arg(vm, &args.args[0])?;
    if n.is_negative() {
        return Err(value_error(vm, "isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

/// Arguments of comb/perm: non-negative ints.
fn nk(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(BigInt, BigInt)> {
    check_arity(vm, name, args, false, 2, 2)?;
    let n = int_arg(vm, &args.args[0])?;
    let k = int_arg(vm, &args.args[1])?;
    if n.is_negative() {
        return Err(value_error(vm, "n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(value_error(vm, "k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = nk(vm, &args, "perm")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut acc = BigInt::one();
    let mut f = n.clone();
    let stop = &n - &k;
    while f > stop {
        acc *= &f;
        f -= 1;
    }
    Ok(Value::from_bigint(acc))
}

fn comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (n, k) = nk(vm, &args, "comb")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let mut acc = BigInt::one();
    let mut i = BigInt::zero();
    while i < k {
        acc = acc * (&n - &i) / (&i + 1);
        i += 1;
    }
    Ok(Value::from_bigint(acc))
}

#[cfg(test)]
mod tests {
    use super::frexp_f64;

    #[test]
    fn frexp_values() {
        assert_eq!(frexp_f64(8.0), (0.5, 4));
        assert_eq!(frexp_f64(-3.0), (-0.75, 2));
        assert_eq!(frexp_f64(0.0), (0.0, 0));
        assert_eq!(frexp_f64(5e-324), (0.5, -1073));
    }
}
