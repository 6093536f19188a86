//! Methods of `tuple`.

use super::{arity, MethodTable};
use crate::host::object::Args;
use crate::host::value::Value;
use crate::host::vm::{PyResult, Vm};
use std::sync::Arc;

pub const METHODS: MethodTable = &[("index", index), ("count", count), ("__len__", len)];

fn this(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Arc<[Value]>> {
    if args.args.is_empty() {
        return Err(vm.type_error(format!("unbound method tuple.{method}() needs an argument")));
    }
    let this = args.args.remove(0);
    match vm.unwrap_base_value(&this) {
        Value::Tuple(t) => Ok(t),
        _ => {
            let t = vm.type_name(&this);
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'tuple' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn index(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let t = this(vm, &mut args, "index")?;
    arity(vm, &args, "index", 1, 3)?;
    let (start, stop) = super::list::clamp_bounds(vm, &args.args, t.len())?;
    for (i, item) in t.iter().enumerate().take(stop).skip(start) {
        if item.is(&args.args[0]) || vm.eq(item, &args.args[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

fn count(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let t = this(vm, &mut args, "count")?;
    arity(vm, &args, "count", 1, 1)?;
    let mut n = 0;
    for item in t.iter() {
        if item.is(&args.args[0]) || vm.eq(item, &args.args[0])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn len(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let t = this(vm, &mut args, "__len__")?;
    Ok(Value::Int(t.len() as i64))
}
