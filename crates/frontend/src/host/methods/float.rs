//! Methods of `float`.

use super::{arity, MethodTable};
use crate::host::object::Args;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};

pub const METHODS: MethodTable = &[
    ("is_integer", is_integer),
    ("conjugate", conjugate),
    ("as_integer_ratio", as_integer_ratio),
    ("__float__", conjugate),
];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<f64> {
    if args.args.is_empty() {
        return Err(vm.type_error(format!("unbound method float.{method}() needs an argument")));
    }
    let this = args.args.remove(0);
    match vm.unwrap_base_value(&this) {
        Value::Float(f) => Ok(f),
        _ => {
            let t = vm.type_name(&this);
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'float' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn is_integer(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let f = this(vm, &mut args, "is_integer")?;
    arity(vm, &args, "is_integer", 0, 0)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn conjugate(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let f = this(vm, &mut args, "conjugate")?;
    arity(vm, &args, "conjugate", 0, 0)?;
    Ok(Value::Float(f))
}

/// The exact ratio of a finite float, in lowest terms.
fn as_integer_ratio(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    use num_bigint::BigInt;
    use num_integer::Integer;
    let f = this(vm, &mut args, "as_integer_ratio")?;
    arity(vm, &args, "as_integer_ratio", 0, 0)?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let sign: i64 = if bits >> 63 == 0 { 1 } else { -1 };
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mantissa = if exp == 0 {
        (bits & 0xf_ffff_ffff_ffff) << 1
    } else {
        (bits & 0xf_ffff_ffff_ffff) | 0x10_0000_0000_0000
    };
    let e = exp - 1075;
    let (mut num, mut den) = (BigInt::from(mantissa) * sign, BigInt::from(1));
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = num.gcd(&den);
    if g > BigInt::from(0) {
        num /= &g;
        den /= &g;
    }
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}
