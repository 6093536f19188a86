//! Numeric built-in functions.

use crate::bytecode::BinOp;
use crate::host::args::{bind, positional};
use crate::host::object::Args;
use crate::host::ops::num::{as_number, float_divmod, Num};
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

pub fn builtin_abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "abs", args, 1, 1)?;
    match &a[0] {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(v) => Value::Int(v),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::BigInt(b) => Ok(Value::from_bigint(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v => match vm.call_special(v, "__abs__", Vec::new())? {
            Some(r) => Ok(r),
            None if vm.base_value(v).is_some() => {
                let base = vm.unwrap_base_value(v);
                builtin_abs(vm, Args::new(vec![base]))
            }
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(format!("bad operand type for abs(): '{t}'")))
            }
        },
    }
}

pub fn builtin_divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "divmod", args, 2, 2)?;
    match (as_number(&a[0]), as_number(&a[1])) {
        (Some(x), Some(y)) => {
            if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) {
                let fx = crate::host::ops::num::int_to_float(vm, &x)?;
                let fy = crate::host::ops::num::int_to_float(vm, &y)?;
                if fy == 0.0 {
                    return Err(vm.zero_division("float divmod()"));
                }
                let (q, r) = float_divmod(fx, fy);
                return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
            }
            if matches!(y, Num::Int(0)) {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            let q = vm.binary_op(BinOp::FloorDiv, a[0].clone(), a[1].clone())?;
            let r = vm.binary_op(BinOp::Mod, a[0].clone(), a[1].clone())?;
            Ok(Value::tuple(vec![q, r]))
        }
        _ => {
            if let Some(v) = vm.call_special(&a[0], "__divmod__", vec![a[1].clone()])? {
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
            if let Some(v) = vm.call_special(&a[1], "__rdivmod__", vec![a[0].clone()])? {
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
            let (x, y) = (vm.base_value(&a[0]), vm.base_value(&a[1]));
            if x.is_some() || y.is_some() {
                let x = x.unwrap_or_else(|| a[0].clone());
                let y = y.unwrap_or_else(|| a[1].clone());
                if as_number(&x).is_some() && as_number(&y).is_some() {
                    return builtin_divmod(vm, Args::new(vec![x, y]));
                }
            }
            let (ta, tb) = (vm.type_name(&a[0]), vm.type_name(&a[1]));
            Err(vm.type_error(format!(
                "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
            )))
        }
    }
}

pub fn builtin_pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = bind(vm, "pow", args, &["base", "exp", "mod"], 2)?;
    let (base, exp) = (
        s[0].clone().unwrap_or(Value::None),
        s[1].clone().unwrap_or(Value::None),
    );
    let Some(m) = s[2].clone().filter(|m| !m.is_none()) else {
        return vm.binary_op(BinOp::Pow, base, exp);
    };
    // Three-argument pow goes to a Python `__pow__` of the base only.
    if let Some(v) = vm.call_special(&base, "__pow__", vec![exp.clone(), m.clone()])? {
        if !matches!(v, Value::NotImplemented) {
            return Ok(v);
        }
    }
    let (base, exp, m) = (
        vm.unwrap_base_value(&base),
        vm.unwrap_base_value(&exp),
        vm.unwrap_base_value(&m),
    );
    let to_big = |v: &Value| match as_number(v) {
        Some(Num::Int(i)) => Some(BigInt::from(i)),
        Some(Num::Big(b)) => Some(b.clone()),
        _ => None,
    };
    let (Some(b), Some(e), Some(m)) = (to_big(&base), to_big(&exp), to_big(&m)) else {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    if e.is_negative() {
        return Err(vm.value_error("base is not invertible for the given modulus"));
    }
    let r = b.modpow(&e, &m);
    // Python's result has the sign of the modulus.
    let r = if !r.is_zero() && (r.is_negative() != m.is_negative()) {
        r + &m
    } else {
        r
    };
    Ok(Value::from_bigint(r))
}

pub fn builtin_round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = bind(vm, "round", args, &["number", "ndigits"], 1)?;
    let x = s[0].clone().unwrap_or(Value::None);
    let nd = match s[1].clone().filter(|v| !v.is_none()) {
        Some(v) => Some(vm.to_index(&v)?),
        None => None,
    };
    match (&x, nd) {
        (Value::Float(f), None) => {
            let r = round_half_even(*f);
            vm.to_int(&Value::Float(r))
        }
        (Value::Float(f), Some(nd)) => match round_float(*f, nd) {
            Some(r) => Ok(Value::Float(r)),
            None => Err(vm.overflow_error("rounded value too large to represent")),
        },
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), None) => vm.to_int(&x),
        (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), Some(nd)) => {
            if nd >= 0 {
                return vm.to_int(&x);
            }
            let p = vm.binary_op(BinOp::Pow, Value::Int(10), Value::Int(-nd))?;
            let half = vm.binary_op(BinOp::FloorDiv, p.clone(), Value::Int(2))?;
            let q = vm.binary_op(BinOp::FloorDiv, x.clone(), p.clone())?;
            let r = vm.binary_op(BinOp::Mod, x.clone(), p.clone())?;
            let gt = vm.lt(&half, &r)?;
            let eq = vm.eq(&half, &r)?;
            let odd = vm.binary_op(BinOp::And, q.clone(), Value::Int(1))?;
            let up = gt || (eq && vm.is_true(&odd)?);
            let q = if up {
                vm.binary_op(BinOp::Add, q, Value::Int(1))?
            } else {
                q
            };
            vm.binary_op(BinOp::Mul, q, p)
        }
        _ => {
            let mut extra = Vec::new();
            if let Some(nd) = nd {
                extra.push(Value::Int(nd));
            }
            match vm.call_special(&x, "__round__", extra)? {
                Some(v) => Ok(v),
                None if vm.base_value(&x).is_some() => {
                    let mut args = vec![vm.unwrap_base_value(&x)];
                    args.extend(nd.map(Value::Int));
                    builtin_round(vm, Args::new(args))
                }
                None => {
                    let t = vm.type_name(&x);
                    Err(vm.type_error(format!("type {t} doesn't define __round__ method")))
                }
            }
        }
    }
}

/// Rounds to the nearest integer, ties to even.
fn round_half_even(f: f64) -> f64 {
    let r = f.round();
    if (f - f.trunc()).abs() == 0.5 {
        2.0 * (f / 2.0).round()
    } else {
        r
    }
}

/// `round(f, nd)`: the float nearest to the decimal value of `f`
/// correctly rounded (ties to even) at `nd` digits after the point, as
/// CPython's `double_round`; `None` when that overflows. Rust's exact
/// float formatting does the decimal rounding.
fn round_float(f: f64, nd: i64) -> Option<f64> {
    if !f.is_finite() || f == 0.0 || nd > 323 {
        return Some(f);
    }
    if nd < -308 {
        return Some(0.0 * f);
    }
    // The exponent of the first significant digit of the exact value.
    let exponent = |x: f64| -> i64 {
        let text = format!("{x:.30e}");
        text[text.find('e').map_or(text.len(), |i| i + 1)..]
            .parse()
            .unwrap_or(0)
    };
    let text = if nd >= 0 {
        format!("{:.*}", nd as usize, f)
    } else {
        let kept = exponent(f) + 1 + nd;
        if kept > 0 {
            format!("{:.*e}", (kept - 1) as usize, f)
        } else if kept < 0 {
            return Some(0.0 * f);
        } else {
            // The unit is just above the first digit: up when the exact
            // value is more than half of it.
            let exact = format!("{:.800e}", f.abs());
            let (mantissa, _) = exact.split_once('e').unwrap_or((&exact, ""));
            let first = mantissa.as_bytes()[0];
            let up = first > b'5' || (first == b'5' && mantissa[2..].bytes().any(|c| c != b'0'));
            if !up {
                return Some(0.0 * f);
            }
            let sign = if f < 0.0 { "-" } else { "" };
            format!("{sign}1e{}", exponent(f) + 1)
        }
    };
    let r: f64 = text.parse().unwrap_or(f);
    r.is_finite().then_some(r)
}

pub fn builtin_ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "ord", args, 1, 1)?;
    match &a[0] {
        Value::Str(s) if s.char_len() == 1 => Ok(Value::Int(s.char_at(0) as i64)),
        Value::Str(s) => {
            let n = s.char_len();
            Err(vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            )))
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        Value::Bytes(b) => {
            let n = b.len();
            Err(vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            )))
        }
        v => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("ord() expected string of length 1, but {t} found")))
        }
    }
}

pub fn builtin_chr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "chr", args, 1, 1)?;
    let i = vm.to_index(&a[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::string(c.to_string())),
        None if (0..0x110000).contains(&i) => {
            Err(vm.value_error("surrogate code points are not supported"))
        }
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

/// `hex`, `oct` and `bin`: sign, prefix, digits.
fn int_to_base(vm: &mut Vm, args: Args, name: &str, prefix: &str, radix: u32) -> PyResult<Value> {
    let a = positional(vm, name, args, 1, 1)?;
    let v = match &a[0] {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => a[0].clone(),
        other => match vm.index_value(other)? {
            Some(v) => v,
            None => {
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        },
    };
    let big = match as_number(&v) {
        Some(Num::Int(i)) => BigInt::from(i),
        Some(Num::Big(b)) => b.clone(),
        _ => BigInt::zero(),
    };
    let digits = big.abs().to_str_radix(radix);
    let sign = if big.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{digits}")))
}

pub fn builtin_hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_to_base(vm, args, "hex", "0x", 16)
}

pub fn builtin_oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_to_base(vm, args, "oct", "0o", 8)
}

pub fn builtin_bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    int_to_base(vm, args, "bin", "0b", 2)
}
