//! Argument parsing for native functions and methods.
//!
//! Native functions receive their arguments as an [`Args`]; these helpers
//! bind them to named parameters and convert them, raising the TypeErrors
//! CPython raises for wrong arity or unexpected keywords.

use super::object::Args;
use super::value::{PyStr, Value};
use super::vm::{PyResult, Vm};

impl Args {
    /// Removes and returns the keyword argument `name`, if given.
    pub fn take_kwarg(&mut self, name: &str) -> Option<Value> {
        let pos = self.kwargs.iter().position(|(k, _)| k.as_str() == name)?;
        Some(self.kwargs.remove(pos).1)
    }

    /// Arguments with the receiver prepended.
    pub fn with_self(mut self, receiver: Value) -> Args {
        self.args.insert(0, receiver);
        self
    }
}

/// Binds `args` to the parameters `names` (positional or keyword), of which
/// the first `required` are mandatory. Returns one slot per name.
pub fn bind(
    vm: &mut Vm,
    fname: &str,
    args: Args,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.args.len() > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} argument{} ({} given)",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            args.args.len()
        )));
    }
    let mut slots: Vec<Option<Value>> = vec![None; names.len()];
    for (slot, v) in slots.iter_mut().zip(args.args) {
        *slot = Some(v);
    }
    for (k, v) in args.kwargs {
        match names.iter().position(|n| *n == k.as_str()) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v),
            Some(_) => {
                return Err(vm.type_error(format!(
                    "{fname}() got multiple values for argument '{}'",
                    k.as_str()
                )));
            }
            None => {
                return Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{}'",
                    k.as_str()
                )));
            }
        }
    }
    if let Some(i) = slots[..required].iter().position(|s| s.is_none()) {
        return Err(vm.type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[i],
            i + 1
        )));
    }
    Ok(slots)
}

/// Checks that there are between `min` and `max` positional arguments and
/// no keyword arguments; returns the positional arguments.
pub fn positional(
    vm: &mut Vm,
    fname: &str,
    args: Args,
    min: usize,
    max: usize,
) -> PyResult<Vec<Value>> {
    if !args.kwargs.is_empty() {
        return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
    }
    let n = args.args.len();
    if n < min || n > max {
        let msg = if min == max {
            format!(
                "{fname}() takes exactly {min} argument{} ({n} given)",
                if min == 1 { "" } else { "s" }
            )
        } else if n < min {
            format!(
                "{fname}() takes at least {min} argument{} ({n} given)",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname}() takes at most {max} argument{} ({n} given)",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(args.args)
}

impl Vm {
    /// An int argument (bools count), as `i64`; TypeError otherwise.
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => {
                Err(self.overflow_error("Python int too large to convert to C ssize_t"))
            }
            _ => {
                if let Some(r) = self.index_value(v)? {
                    return self.to_index(&r);
                }
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// A str argument; TypeError naming `what` otherwise.
    pub fn to_pystr(&mut self, v: &Value, what: &str) -> PyResult<PyStr> {
        match v {
            Value::Str(s) => Ok(s.clone()),
            _ => {
                if let Some(Value::Str(s)) = self.base_value(v) {
                    return Ok(s);
                }
                let t = self.type_name(v);
                Err(self.type_error(format!("{what} must be str, not {t}")))
            }
        }
    }
}
