//! Methods of `int` (and so of `bool`).

use super::{arity, MethodTable};
use crate::host::args::bind;
use crate::host::object::Args;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::Signed;

pub const METHODS: MethodTable = &[
    ("bit_length", bit_length),
    ("conjugate", conjugate),
    ("to_bytes", to_bytes),
    ("__index__", conjugate),
    ("__int__", conjugate),
];

/// Class methods of `int`.
pub const CLASS_METHODS: MethodTable = &[("from_bytes", from_bytes)];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<BigInt> {
    if args.args.is_empty() {
        return Err(vm.type_error(format!("unbound method int.{method}() needs an argument")));
    }
    let this = args.args.remove(0);
    match vm.unwrap_base_value(&this) {
        Value::Int(i) => Ok(BigInt::from(i)),
        Value::Bool(b) => Ok(BigInt::from(b as i64)),
        Value::BigInt(b) => Ok((*b).clone()),
        _ => {
            let t = vm.type_name(&this);
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'int' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn bit_length(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let i = this(vm, &mut args, "bit_length")?;
    arity(vm, &args, "bit_length", 0, 0)?;
    Ok(Value::Int(i.abs().bits() as i64))
}

fn conjugate(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let i = this(vm, &mut args, "conjugate")?;
    arity(vm, &args, "conjugate", 0, 0)?;
    Ok(Value::from_bigint(i))
}

fn byteorder_is_little(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_str() == "big" => Ok(false),
        Some(Value::Str(s)) if s.as_str() == "little" => Ok(true),
        Some(_) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn to_bytes(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let i = this(vm, &mut args, "to_bytes")?;
    let s = bind(vm, "to_bytes", args, &["length", "byteorder", "signed"], 0)?;
    let length = match &s[0] {
        Some(v) => vm.to_index(v)?,
        None => 1,
    };
    let little = byteorder_is_little(vm, s[1].as_ref())?;
    let signed = match &s[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    if i.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        i.to_signed_bytes_le()
    } else {
        i.to_bytes_le().1
    };
    if i == BigInt::from(0) {
        bytes.clear();
    }
    let length = length.max(0) as usize;
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if i.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(Value::Bytes(bytes.into()))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`.
fn from_bytes(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if !args.args.is_empty() {
        args.args.remove(0);
    }
    let s = bind(vm, "from_bytes", args, &["bytes", "byteorder", "signed"], 1)?;
    let data = match &s[0] {
        Some(Value::Bytes(b)) => b.to_vec(),
        Some(other) => {
            let items = vm.collect(other)?;
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(vm.to_index(&item)? as u8);
            }
            out
        }
        None => Vec::new(),
    };
    let little = byteorder_is_little(vm, s[1].as_ref())?;
    let signed = match &s[2] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let value = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    Ok(Value::from_bigint(value))
}
