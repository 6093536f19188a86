//! The numeric tower: int (machine and big), bool as int, and float.
//!
//! Results are always normalised: an int that fits in 64 bits is a
//! `Value::Int`. Every operation takes the machine-int path first and only
//! falls back to `BigInt` on overflow, as CPython's unbounded ints behave.

use crate::bytecode::BinOp;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A borrowed view of a numeric value.
#[derive(Clone, Debug)]
pub enum Num<'a> {
    Int(i64),
    Big(&'a BigInt),
    Float(f64),
}

/// Views `v` as a number (bools are ints); `None` for other values.
pub fn as_number(v: &Value) -> Option<Num<'_>> {
    match v {
        Value::Int(i) => Some(Num::Int(*i)),
        Value::Bool(b) => Some(Num::Int(*b as i64)),
        Value::BigInt(b) => Some(Num::Big(b)),
        Value::Float(f) => Some(Num::Float(*f)),
        _ => None,
    }
}

/// The int as a `BigInt` (`None` for floats).
fn to_big(n: &Num<'_>) -> Option<BigInt> {
    match n {
        Num::Int(i) => Some(BigInt::from(*i)),
        Num::Big(b) => Some((*b).clone()),
        Num::Float(_) => None,
    }
}

/// Numeric equality across int, big int and float.
pub fn num_eq(a: &Num<'_>, b: &Num<'_>) -> bool {
    num_cmp(a, b) == Some(Ordering::Equal)
}

/// Numeric ordering across int, big int and float (`None` with a NaN).
pub fn num_cmp(a: &Num<'_>, b: &Num<'_>) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), _) => cmp_int_float(b, *x).map(Ordering::reverse),
        (_, Num::Float(y)) => cmp_int_float(a, *y),
        _ => Some(to_big(a)?.cmp(&to_big(b)?)),
    }
}

/// Compares an int with a float exactly (no rounding of big ints).
fn cmp_int_float(i: &Num<'_>, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if let Num::Int(x) = i {
        if x.unsigned_abs() < (1u64 << 53) {
            return (*x as f64).partial_cmp(&f);
        }
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let big = to_big(i)?;
    let floor = f.floor();
    let fb = float_to_big(floor)?;
    match big.cmp(&fb) {
        Ordering::Equal if f > floor => Some(Ordering::Less),
        o => Some(o),
    }
}

/// An integral finite float as a `BigInt`.
pub fn float_to_big(f: f64) -> Option<BigInt> {
    use num_traits::FromPrimitive;
    BigInt::from_f64(f.trunc())
}

/// An int as a float; OverflowError if too large.
pub fn int_to_float(vm: &mut Vm, n: &Num<'_>) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Float(f) => Ok(*f),
        Num::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
    }
}

/// `x op y` on machine ints: the fast path of every binary operation.
pub fn int_binop(vm: &mut Vm, op: BinOp, x: i64, y: i64) -> PyResult<Value> {
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::FloorDiv => {
            if y == 0 {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            x.checked_div(y).map(|q| {
                if (x % y != 0) && ((x < 0) != (y < 0)) {
                    q - 1
                } else {
                    q
                }
            })
        }
        BinOp::Mod => {
            if y == 0 {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            Some(match x.checked_rem(y) {
                Some(m) if m != 0 && ((m < 0) != (y < 0)) => m + y,
                Some(m) => m,
                None => 0,
            })
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Err(vm.zero_division("division by zero"));
            }
            return Ok(Value::Float(int_true_div(x, y)));
        }
        BinOp::Pow => {
            if y < 0 {
                if x == 0 {
                    return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
                }
                return Ok(Value::Float((x as f64).powf(y as f64)));
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        BinOp::LShift => {
            if y < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            if x == 0 {
                Some(0)
            } else if y < 63 && (x << y) >> y == x {
                Some(x << y)
            } else {
                None
            }
        }
        BinOp::RShift => {
            if y < 0 {
                return Err(vm.value_error("negative shift count"));
            }
            Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            })
        }
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"));
        }
    };
    match r {
        Some(v) => Ok(Value::Int(v)),
        None => big_binop(vm, op, BigInt::from(x), BigInt::from(y)),
    }
}

/// `x / y` for ints (`y` not 0): the double nearest the exact quotient,
/// ties to even, as CPython divides ints of any size. The same algorithm
/// as the translated programs' `int_truediv` helper
/// (`lib/rpython/rtyper/helpers/mathlib.py`).
fn int_true_div(x: i64, y: i64) -> f64 {
    let (a, b) = (x.unsigned_abs(), y.unsigned_abs());
    const TWO53: u64 = 1 << 53;
    if a == 0 || (a <= TWO53 && b <= TWO53) {
        // Both exact as doubles: one rounding, in the division.
        return x as f64 / y as f64;
    }
    let (mut q, mut r) = (a / b, a % b);
    // Long division until the quotient has 55 bits; the lowest one then
    // records whether anything is left over, so that converting to a
    // double rounds as the exact quotient would.
    let mut shift = 0;
    while q < TWO53 << 1 {
        r <<= 1;
        q <<= 1;
        if r >= b {
            q |= 1;
            r -= b;
        }
        shift += 1;
    }
    if r != 0 {
        q |= 1;
    }
    let magnitude = q as f64 * 2f64.powi(-shift);
    if (x < 0) != (y < 0) {
        -magnitude
    } else {
        magnitude
    }
}

/// `x op y` on big ints.
pub fn big_binop(vm: &mut Vm, op: BinOp, x: BigInt, y: BigInt) -> PyResult<Value> {
    Ok(Value::from_bigint(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::FloorDiv | BinOp::Mod => {
            if y.is_zero() {
                let msg = if op == BinOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return Err(vm.zero_division(msg));
            }
            let (q, m) = x.div_mod_floor(&y);
            if op == BinOp::FloorDiv {
                q
            } else {
                m
            }
        }
        BinOp::TrueDiv => {
            if y.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            let (fx, fy) = (
                x.to_f64().unwrap_or(f64::INFINITY),
                y.to_f64().unwrap_or(f64::INFINITY),
            );
            if !fx.is_finite() || !fy.is_finite() {
                return Err(vm.overflow_error("integer division result too large for a float"));
            }
            return Ok(Value::Float(fx / fy));
        }
        BinOp::Pow => {
            if y.is_negative() {
                let (fx, fy) = (
                    x.to_f64().unwrap_or(f64::INFINITY),
                    y.to_f64().unwrap_or(f64::NEG_INFINITY),
                );
                return float_binop(vm, BinOp::Pow, fx, fy);
            }
            match y.to_u32() {
                Some(e) if e <= 1 << 24 => num_traits::pow::Pow::pow(x, e),
                _ if x.abs() <= BigInt::from(1) => {
                    if x.is_negative() && y.is_odd() {
                        x
                    } else {
                        x.abs()
                    }
                }
                _ => return Err(vm.new_exception(vm.types.memory_error, "")),
            }
        }
        BinOp::LShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(s) if s < 1 << 26 => x << s,
                _ if x.is_zero() => x,
                _ => return Err(vm.overflow_error("too many digits in integer")),
            }
        }
        BinOp::RShift => {
            if y.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match y.to_usize() {
                Some(s) => x >> s,
                None => BigInt::from(if x.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::MatMul => {
            return Err(vm.type_error("unsupported operand type(s) for @: 'int' and 'int'"))
        }
    }))
}

/// Python's float `divmod`: (floor quotient, remainder with the divisor's
/// sign).
pub fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `x op y` on floats.
pub fn float_binop(vm: &mut Vm, op: BinOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(x, y).1
        }
        BinOp::Pow => float_pow(vm, x, y)?,
        _ => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'float' and 'float'",
                op.symbol()
            )));
        }
    }))
}

/// `x ** y` on floats with CPython's errors.
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    // CPython gives a complex number, which RPython has not.
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return Err(
            vm.value_error("math domain error: negative number raised to a fractional power")
        );
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(vm.overflow_error("(34, 'Numerical result out of range')"));
    }
    Ok(r)
}

/// `a op b` for two numbers of any numeric kind.
pub fn num_binop(vm: &mut Vm, op: BinOp, a: &Num<'_>, b: &Num<'_>) -> PyResult<Value> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => int_binop(vm, op, *x, *y),
        (Num::Float(_), _) | (_, Num::Float(_)) => {
            let (x, y) = (int_to_float(vm, a)?, int_to_float(vm, b)?);
            float_binop(vm, op, x, y)
        }
        _ => {
            let (x, y) = (to_big(a).unwrap_or_default(), to_big(b).unwrap_or_default());
            big_binop(vm, op, x, y)
        }
    }
}

/// The hash of a number: equal numbers hash equal across kinds (ints hash
/// to themselves modulo 2**61 - 1, like CPython).
pub fn num_hash(n: &Num<'_>) -> u64 {
    const MODULUS: i128 = (1 << 61) - 1;
    match n {
        // CPython reserves -1 as an error marker: hash(-1) == -2.
        Num::Int(i) => {
            let m = (i.unsigned_abs() as i128) % MODULUS;
            let h = if *i < 0 { -m } else { m };
            (if h == -1 { -2 } else { h }) as i64 as u64
        }
        Num::Big(b) => {
            let m: BigInt = b.abs() % BigInt::from(MODULUS);
            let m = m.to_i64().unwrap_or(0);
            (if b.is_negative() { -m } else { m }) as u64
        }
        Num::Float(f) => float_hash(*f) as u64,
    }
}

/// CPython's `_Py_HashDouble`: the float's exact value modulo 2**61 - 1
/// (so equal ints and floats hash the same); 314159 for infinity, and 0
/// for a NaN (which CPython hashes by identity).
pub fn float_hash(v: f64) -> i64 {
    const BITS: u32 = 61;
    const MODULUS: u64 = (1 << BITS) - 1;
    if v.is_infinite() {
        return if v > 0.0 { 314159 } else { -314159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 {
        m = -m;
        -1
    } else {
        1
    };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e as u32 % BITS
    } else {
        BITS - 1 - ((-1 - e) as u32 % BITS)
    };
    x = ((x << e) & MODULUS) | (x >> (BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `frexp`: a mantissa in [0.5, 1) (with the sign) and a power of two.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::powi(2.0, 64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}
