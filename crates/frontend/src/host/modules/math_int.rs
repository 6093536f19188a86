//! The integer functions of `math`: rounding to int, gcd/lcm, factorial,
//! integer square root, combinations, products.

use super::super::args::{bind, positional};
use super::super::object::Args;
use super::super::value::Value;
use super::super::vm::{PyResult, Vm};
use crate::bytecode::BinOp;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

/// An int argument (bools count) as a big integer.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        other => match vm.index_value(other)? {
            Some(i) => int_arg(vm, &i),
            None => {
                let t = vm.type_name(other);
                Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
            }
        },
    }
}

/// `floor`/`ceil`/`trunc`: ints pass through; floats are rounded by
/// `round` and converted (NaN and infinities raise as `int()` does).
fn to_int_by(vm: &mut Vm, name: &str, args: Args, round: fn(f64) -> f64) -> PyResult<Value> {
    let a = positional(vm, name, args, 1, 1)?;
    match &a[0] {
        Value::Int(_) | Value::BigInt(_) => Ok(a[0].clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => vm.to_int(&Value::Float(round(*f))),
        other => {
            let special = format!("__{name}__");
            let t = vm.type_of(other);
            let key = crate::host::PyStr::from_string(special);
            if let Some(f) = vm.lookup(t, &key) {
                return vm.call(&f, Args::new(vec![other.clone()]));
            }
            let x = super::math::real(vm, other)?;
            vm.to_int(&Value::Float(round(x)))
        }
    }
}

pub(super) fn floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    to_int_by(vm, "floor", args, f64::floor)
}

pub(super) fn ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    to_int_by(vm, "ceil", args, f64::ceil)
}

pub(super) fn trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    to_int_by(vm, "trunc", args, f64::trunc)
}

fn int_args(vm: &mut Vm, name: &str, args: Args) -> PyResult<Vec<BigInt>> {
    let a = positional(vm, name, args, 0, usize::MAX)?;
    a.iter().map(|v| int_arg(vm, v)).collect()
}

pub(super) fn gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let xs = int_args(vm, "gcd", args)?;
    let g = xs.iter().fold(BigInt::zero(), |g, x| g.gcd(x));
    Ok(Value::from_bigint(g))
}

pub(super) fn lcm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let xs = int_args(vm, "lcm", args)?;
    let l = xs.iter().fold(BigInt::one(), |l, x| l.lcm(x));
    Ok(Value::from_bigint(l))
}

/// A non-negative int argument.
fn natural(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    let n = int_arg(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error(format!("{what} must be a non-negative integer")));
    }
    Ok(n)
}

/// A count small enough to loop over.
fn small(vm: &mut Vm, n: &BigInt, name: &str) -> PyResult<u64> {
    u64::try_from(n)
        .ok()
        .filter(|&n| n <= 1 << 24)
        .ok_or_else(|| vm.overflow_error(format!("{name}() argument should not exceed 16777216")))
}

pub(super) fn factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "factorial", args, 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let n = small(vm, &n, "factorial")?;
    Ok(Value::from_bigint(falling(n, n)))
}

/// `n * (n-1) * ... * (n-k+1)`.
fn falling(n: u64, k: u64) -> BigInt {
    (n - k + 1..=n).fold(BigInt::one(), |p, i| p * i)
}

pub(super) fn isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "isqrt", args, 1, 1)?;
    let n = int_arg(vm, &a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

pub(super) fn comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "comb", args, 2, 2)?;
    let n = natural(vm, &a[0], "n")?;
    let k = natural(vm, &a[1], "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = (&n - &k).min(k);
    let k = small(vm, &k, "comb")?;
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(r))
}

pub(super) fn perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "perm", args, 1, 2)?;
    let n = natural(vm, &a[0], "n")?;
    let k = match a.get(1) {
        None | Some(Value::None) => n.clone(),
        Some(v) => natural(vm, v, "k")?,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = small(vm, &k, "perm")?;
    let mut r = BigInt::one();
    for i in 0..k {
        r *= &n - i;
    }
    Ok(Value::from_bigint(r))
}

/// `prod(iterable, *, start=1)`, with the `*` operator of the items.
pub(super) fn prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "prod", args, &["iterable", "start"], 1)?;
    let mut acc = slots[1].clone().unwrap_or(Value::Int(1));
    let items = match &slots[0] {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    for item in items {
        acc = vm.binary_op(BinOp::Mul, acc, item)?;
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falling_factorials() {
        assert_eq!(falling(5, 5), BigInt::from(120));
        assert_eq!(falling(0, 0), BigInt::from(1));
        assert_eq!(falling(10, 3), BigInt::from(720));
        assert_eq!(falling(25, 25).to_string(), "15511210043330985984000000");
    }
}
