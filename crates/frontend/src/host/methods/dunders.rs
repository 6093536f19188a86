//! The special methods of the data-holding built-in types as attributes:
//! `int.__add__`, `list.__repr__`, `super().__eq__(other)` ...
//!
//! The interpreter never calls these for the operators themselves (those
//! are native, see `ops/`); they are here for code that names them,
//! mostly subclasses that extend their base type's behaviour. Each works
//! on the built-in value of its receiver and operand (the value an
//! instance of a subclass wraps) and answers `NotImplemented` where the
//! built-in type does not handle the operand, so the other operand's
//! method gets its turn.
//!
//! [`install`] adds a table to a class without replacing the methods the
//! type's own table already has (`list.__getitem__` ...).

use super::MethodTable;
use crate::bytecode::{BinOp, CmpOp, UnaryOp};
use crate::host::args::positional;
use crate::host::object::{Args, Object};
use crate::host::value::{ObjRef, PyStr, Value};
use crate::host::vm::{PyResult, Vm};

/// Special methods of `int` and `float`.
pub const NUMBER: MethodTable = &[
    ("__add__", add),
    ("__radd__", radd),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__truediv__", truediv),
    ("__rtruediv__", rtruediv),
    ("__floordiv__", floordiv),
    ("__rfloordiv__", rfloordiv),
    ("__mod__", mod_),
    ("__rmod__", rmod),
    ("__pow__", pow),
    ("__rpow__", rpow),
    ("__lshift__", lshift),
    ("__rlshift__", rlshift),
    ("__rshift__", rshift),
    ("__rrshift__", rrshift),
    ("__and__", and),
    ("__rand__", rand),
    ("__or__", or),
    ("__ror__", ror),
    ("__xor__", xor),
    ("__rxor__", rxor),
    ("__neg__", neg),
    ("__pos__", pos),
    ("__invert__", invert),
    ("__abs__", abs),
    ("__bool__", truth),
    ("__int__", to_int),
    ("__float__", to_float),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__hash__", hash),
    ("__repr__", repr),
    ("__format__", format_spec),
];

/// Special methods of `str` and `bytes`.
pub const TEXT: MethodTable = &[
    ("__add__", add),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__mod__", mod_),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__hash__", hash),
    ("__repr__", repr),
    ("__str__", to_str),
    ("__format__", format_spec),
    ("__len__", len),
    ("__getitem__", getitem),
    ("__contains__", contains),
    ("__iter__", iter),
];

/// Special methods of `tuple` and `list`.
pub const SEQUENCE: MethodTable = &[
    ("__add__", add),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__repr__", repr),
    ("__len__", len),
    ("__getitem__", getitem),
    ("__contains__", contains),
    ("__iter__", iter),
];

/// `tuple.__hash__` (lists are unhashable).
pub const TUPLE: MethodTable = &[("__hash__", hash)];

/// In-place operators of `list`.
pub const LIST: MethodTable = &[
    ("__iadd__", iadd),
    ("__imul__", imul),
    ("__setitem__", setitem),
    ("__delitem__", delitem),
];

/// Special methods of `dict`.
pub const DICT: MethodTable = &[
    ("__eq__", eq),
    ("__ne__", ne),
    ("__or__", or),
    ("__ior__", ior),
    ("__repr__", repr),
    ("__len__", len),
    ("__getitem__", getitem),
    ("__contains__", contains),
    ("__iter__", iter),
];

/// Special methods of `set` and `frozenset`.
pub const SET: MethodTable = &[
    ("__or__", or),
    ("__and__", and),
    ("__sub__", sub),
    ("__xor__", xor),
    ("__eq__", eq),
    ("__ne__", ne),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__repr__", repr),
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
];

impl Vm {
    /// Adds the methods of `table` that `cls` does not have yet.
    pub(crate) fn install_dunders(&mut self, cls: ObjRef, table: MethodTable) {
        for &(name, func) in table {
            let key = PyStr::new(name);
            let present = match self.heap.get(cls) {
                Object::Class(c) => c.dict.contains_key(&key),
                _ => true,
            };
            if !present {
                let f = self.new_builtin(name, func);
                if let Object::Class(c) = self.heap.get_mut(cls) {
                    c.dict.insert(key, f);
                }
            }
        }
    }
}

/// The receiver and the other arguments of a special method, receiver
/// and operands replaced by the built-in values they wrap.
fn operands(vm: &mut Vm, args: Args, name: &str, n: usize) -> PyResult<Vec<Value>> {
    let a = positional(vm, name, args, n, n)?;
    Ok(a.iter().map(|v| vm.unwrap_base_value(v)).collect())
}

/// What decides whether two built-in values meet in an operator.
#[derive(PartialEq, Eq)]
enum Kind {
    Number,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    Other,
}

fn kind(vm: &Vm, v: &Value) -> Kind {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => Kind::Number,
        Value::Str(_) => Kind::Str,
        Value::Bytes(_) => Kind::Bytes,
        Value::Tuple(_) => Kind::Tuple,
        Value::Ref(r) => match vm.heap.get(*r) {
            Object::List(_) => Kind::List,
            Object::Dict(_) => Kind::Dict,
            Object::Set { .. } => Kind::Set,
            _ => Kind::Other,
        },
        _ => Kind::Other,
    }
}

/// `a.__op__(b)` (or `b.__rop__(a)` when `reflected`) for built-in values.
fn binary(vm: &mut Vm, args: Args, name: &str, op: BinOp, reflected: bool) -> PyResult<Value> {
    let a = operands(vm, args, name, 2)?;
    let (x, y) = if reflected {
        (&a[1], &a[0])
    } else {
        (&a[0], &a[1])
    };
    if vm.is_instance_value(x) || vm.is_instance_value(y) {
        return Ok(Value::NotImplemented);
    }
    Ok(vm.builtin_binop(op, x, y)?.unwrap_or(Value::NotImplemented))
}

fn compare(vm: &mut Vm, args: Args, name: &str, op: CmpOp) -> PyResult<Value> {
    let a = operands(vm, args, name, 2)?;
    if kind(vm, &a[0]) != kind(vm, &a[1]) || kind(vm, &a[0]) == Kind::Other {
        return Ok(Value::NotImplemented);
    }
    vm.rich_compare(op, &a[0], &a[1])
}

fn unary(vm: &mut Vm, args: Args, name: &str, op: UnaryOp) -> PyResult<Value> {
    let a = operands(vm, args, name, 1)?;
    vm.unary_op(op, a[0].clone())
}

macro_rules! binary_methods {
    ($($f:ident => $name:literal, $op:ident, $reflected:literal;)*) => {
        $(fn $f(vm: &mut Vm, args: Args) -> PyResult<Value> {
            binary(vm, args, $name, BinOp::$op, $reflected)
        })*
    };
}

binary_methods! {
    add => "__add__", Add, false;
    radd => "__radd__", Add, true;
    sub => "__sub__", Sub, false;
    rsub => "__rsub__", Sub, true;
    mul => "__mul__", Mul, false;
    rmul => "__rmul__", Mul, true;
    truediv => "__truediv__", TrueDiv, false;
    rtruediv => "__rtruediv__", TrueDiv, true;
    floordiv => "__floordiv__", FloorDiv, false;
    rfloordiv => "__rfloordiv__", FloorDiv, true;
    mod_ => "__mod__", Mod, false;
    rmod => "__rmod__", Mod, true;
    pow => "__pow__", Pow, false;
    rpow => "__rpow__", Pow, true;
    lshift => "__lshift__", LShift, false;
    rlshift => "__rlshift__", LShift, true;
    rshift => "__rshift__", RShift, false;
    rrshift => "__rrshift__", RShift, true;
    and => "__and__", And, false;
    rand => "__rand__", And, true;
    or => "__or__", Or, false;
    ror => "__ror__", Or, true;
    xor => "__xor__", Xor, false;
    rxor => "__rxor__", Xor, true;
}

macro_rules! compare_methods {
    ($($f:ident => $name:literal, $op:ident;)*) => {
        $(fn $f(vm: &mut Vm, args: Args) -> PyResult<Value> {
            compare(vm, args, $name, CmpOp::$op)
        })*
    };
}

compare_methods! {
    eq => "__eq__", Eq;
    ne => "__ne__", Ne;
    lt => "__lt__", Lt;
    le => "__le__", Le;
    gt => "__gt__", Gt;
    ge => "__ge__", Ge;
}

fn neg(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unary(vm, args, "__neg__", UnaryOp::Neg)
}

fn pos(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unary(vm, args, "__pos__", UnaryOp::Pos)
}

fn invert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    unary(vm, args, "__invert__", UnaryOp::Invert)
}

fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__abs__", 1)?;
    crate::host::builtins::numeric::builtin_abs(vm, Args::new(a))
}

fn truth(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__bool__", 1)?;
    Ok(Value::Bool(vm.is_true(&a[0])?))
}

fn to_int(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__int__", 1)?;
    vm.to_int(&a[0])
}

fn to_float(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__float__", 1)?;
    Ok(Value::Float(vm.to_float(&a[0])?))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__hash__", 1)?;
    Ok(Value::Int(vm.hash(&a[0])? as i64))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__repr__", 1)?;
    Ok(Value::Str(vm.repr(&a[0])?))
}

fn to_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__str__", 1)?;
    Ok(Value::Str(vm.str(&a[0])?))
}

fn format_spec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__format__", 2)?;
    let spec = vm.to_pystr(&a[1], "format spec")?;
    crate::host::format::format_with_spec(vm, &a[0], &spec).map(Value::Str)
}

fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__len__", 1)?;
    Ok(Value::Int(vm.len(&a[0])? as i64))
}

fn getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__getitem__", args, 2, 2)?;
    match vm.base_value(&a[0]) {
        Some(base) => vm.base_getitem(&a[0], &base, &a[1]),
        None => vm.getitem(&a[0], &a[1]),
    }
}

fn setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__setitem__", args, 3, 3)?;
    let target = vm.unwrap_base_value(&a[0]);
    vm.setitem(&target, &a[1], a[2].clone())?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__delitem__", args, 2, 2)?;
    let target = vm.unwrap_base_value(&a[0]);
    vm.delitem(&target, &a[1])?;
    Ok(Value::None)
}

fn contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "__contains__", args, 2, 2)?;
    let target = vm.unwrap_base_value(&a[0]);
    Ok(Value::Bool(vm.contains(&target, &a[1])?))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = operands(vm, args, "__iter__", 1)?;
    vm.iter(&a[0])
}

/// `x.__iop__(y)` on the list, dict or set of the receiver, which is
/// returned (itself, not the wrapped container).
fn inplace(vm: &mut Vm, args: Args, name: &str, op: BinOp) -> PyResult<Value> {
    let a = positional(vm, name, args, 2, 2)?;
    let target = vm.unwrap_base_value(&a[0]);
    let other = vm.unwrap_base_value(&a[1]);
    vm.inplace_op(op, target, other)?;
    Ok(a[0].clone())
}

fn iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    inplace(vm, args, "__iadd__", BinOp::Add)
}

fn imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    inplace(vm, args, "__imul__", BinOp::Mul)
}

fn ior(vm: &mut Vm, args: Args) -> PyResult<Value> {
    inplace(vm, args, "__ior__", BinOp::Or)
}
