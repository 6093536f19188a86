//! Binary, in-place and unary operators.
//!
//! Order of dispatch: the machine-int fast path, then the built-in types
//! (numbers, sequences, sets, dicts), then the special methods of user
//! classes (`__add__`, then the reflected `__radd__` of the right operand).

use super::num::{as_number, int_binop, num_binop, Num};
use crate::bytecode::{BinOp, UnaryOp};
use crate::host::object::{Args, Object};
use crate::host::value::{ObjRef, Value};
use crate::host::vm::{PyResult, Vm};

/// The special method names of a binary operator: (normal, reflected,
/// in-place).
fn dunders(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

impl Vm {
    /// `a op b` (binary operators, with `__add__`/`__radd__` dispatch).
    pub fn binary_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
            return int_binop(self, op, *x, *y);
        }
        if let Some(v) = self.builtin_binop(op, &a, &b)? {
            return Ok(v);
        }
        self.user_binop(op, a, b)
    }

    /// `a op= b`.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
            return int_binop(self, op, *x, *y);
        }
        if let Value::Ref(r) = a {
            match self.heap.get(r) {
                Object::List(_) if op == BinOp::Add => {
                    let items = self.collect(&b)?;
                    if let Object::List(l) = self.heap.get_mut(r) {
                        l.extend(items);
                    }
                    return Ok(a);
                }
                Object::List(l) if op == BinOp::Mul => {
                    let len = l.len();
                    let n = self.repeat_count(&b)?;
                    if (len as u128) * (n as u128) > crate::host::constructors::MAX_ALLOC as u128 {
                        return Err(self.new_exception(self.types.memory_error, ""));
                    }
                    if let Object::List(l) = self.heap.get_mut(r) {
                        let orig = std::mem::take(l);
                        *l = repeat(&orig, n);
                    }
                    return Ok(a);
                }
                Object::Set { frozen: false, .. } if self.is_set(&b) => {
                    if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
                        let result = self.set_binop(op, &a, &b)?;
                        let items = self.set_items(&result);
                        self.set_clear(r);
                        for item in items {
                            self.set_add(&a, item)?;
                        }
                        return Ok(a);
                    }
                }
                Object::Dict(_) if op == BinOp::Or => {
                    self.dict_update(&a, &b)?;
                    return Ok(a);
                }
                Object::Instance(i) => {
                    let base = i.base_value.clone();
                    let iname = dunders(op).2;
                    if let Some(v) = self.call_special(&a, iname, vec![b.clone()])? {
                        if !matches!(v, Value::NotImplemented) {
                            return Ok(v);
                        }
                    } else if self.inplace_on_base(op, base, &b)? {
                        // A mutable base value (list, dict, set) changed in
                        // place: the result is the instance itself.
                        return Ok(a);
                    }
                }
                _ => {}
            }
        }
        self.binary_op(op, a, b)
    }

    /// `x op= b` on the list, dict or set wrapped by a subclass instance
    /// that does not define the in-place operator; false when the base
    /// value is not a container changed in place by `op`.
    fn inplace_on_base(&mut self, op: BinOp, base: Option<Value>, b: &Value) -> PyResult<bool> {
        let Some(base @ Value::Ref(r)) = base else {
            return Ok(false);
        };
        let in_place = match self.heap.get(r) {
            Object::List(_) => matches!(op, BinOp::Add | BinOp::Mul),
            Object::Set { frozen: false, .. } => {
                matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) && self.is_set(b)
            }
            Object::Dict(_) => op == BinOp::Or,
            _ => false,
        };
        if in_place {
            self.inplace_op(op, base, b.clone())?;
        }
        Ok(in_place)
    }

    pub fn unary_op(&mut self, op: UnaryOp, v: Value) -> PyResult<Value> {
        match (op, &v) {
            (UnaryOp::Not, _) => return Ok(Value::Bool(!self.is_true(&v)?)),
            (UnaryOp::Neg, Value::Int(i)) => {
                return Ok(match i.checked_neg() {
                    Some(n) => Value::Int(n),
                    None => Value::from_bigint(-num_bigint::BigInt::from(*i)),
                });
            }
            (UnaryOp::Neg, Value::Bool(b)) => return Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::BigInt(b)) => return Ok(Value::from_bigint(-(**b).clone())),
            (UnaryOp::Neg, Value::Float(f)) => return Ok(Value::Float(-f)),
            (UnaryOp::Pos, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => return Ok(v),
            (UnaryOp::Pos, Value::Bool(b)) => return Ok(Value::Int(*b as i64)),
            (UnaryOp::Invert, Value::Int(i)) => return Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::Bool(b)) => return Ok(Value::Int(!(*b as i64))),
            (UnaryOp::Invert, Value::BigInt(b)) => {
                return Ok(Value::from_bigint(-(**b).clone() - 1))
            }
            _ => {}
        }
        let name = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Not => unreachable!("handled above"),
        };
        if let Some(r) = self.call_special(&v, name, Vec::new())? {
            return Ok(r);
        }
        if let Some(base) = self.base_value(&v) {
            return self.unary_op(op, base);
        }
        let sym = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            _ => "~",
        };
        let t = self.type_name(&v);
        Err(self.type_error(format!("bad operand type for unary {sym}: '{t}'")))
    }

    /// Binary operators between built-in values; `None` when neither
    /// operand's built-in behaviour applies.
    pub(crate) fn builtin_binop(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (as_number(a), as_number(b)) {
            if let (Value::Bool(p), Value::Bool(q), BinOp::And | BinOp::Or | BinOp::Xor) =
                (a, b, op)
            {
                return Ok(Some(Value::Bool(match op {
                    BinOp::And => p & q,
                    BinOp::Or => p | q,
                    _ => p ^ q,
                })));
            }
            if matches!((&x, &y), (Num::Float(_), _) | (_, Num::Float(_)))
                && matches!(
                    op,
                    BinOp::LShift
                        | BinOp::RShift
                        | BinOp::And
                        | BinOp::Or
                        | BinOp::Xor
                        | BinOp::MatMul
                )
            {
                return Ok(None);
            }
            return num_binop(self, op, &x, &y).map(Some);
        }
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                if x.is_empty() {
                    return Ok(Some(b.clone()));
                }
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Ok(Some(Value::string(s)))
            }
            (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
                Ok(Some(Value::Bytes([&x[..], &y[..]].concat().into())))
            }
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => Ok(Some(Value::Tuple(
                x.iter().chain(y.iter()).cloned().collect::<Vec<_>>().into(),
            ))),
            (BinOp::Add, Value::Str(_) | Value::Bytes(_) | Value::Tuple(_), _)
                if !self.is_instance_value(b) =>
            {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(format!("can only concatenate {ta} (not \"{tb}\") to {ta}")))
            }
            (BinOp::Mul, Value::Str(_) | Value::Bytes(_) | Value::Tuple(_), _)
                if !self.is_instance_value(b) =>
            {
                self.repeat_seq(a, b).map(Some)
            }
            (BinOp::Mul, _, Value::Str(_) | Value::Bytes(_) | Value::Tuple(_))
                if as_number(a).is_some() =>
            {
                self.repeat_seq(b, a).map(Some)
            }
            (BinOp::Mod, Value::Str(fmt), _) => {
                crate::host::format::percent_format(self, fmt, b).map(|s| Some(Value::Str(s)))
            }
            (BinOp::Mod, Value::Bytes(fmt), _) => {
                let text: String = fmt.iter().map(|&c| c as char).collect();
                let args = self.bytes_args_as_latin1(b);
                let s = crate::host::format::percent_format(self, &text.into(), &args)?;
                let out: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
                Ok(Some(Value::Bytes(out.into())))
            }
            (_, Value::Ref(ra), _) => {
                let (ra, rb) = (*ra, b.as_ref());
                match (self.heap.get(ra), rb.map(|r| self.heap.get(r))) {
                    (Object::List(x), Some(Object::List(y))) if op == BinOp::Add => {
                        let items: Vec<Value> = x.iter().chain(y.iter()).cloned().collect();
                        Ok(Some(self.new_list(items)))
                    }
                    (Object::List(_), _) if op == BinOp::Add && !self.is_instance_value(b) => {
                        let tb = self.type_name(b);
                        Err(self.type_error(format!(
                            "can only concatenate list (not \"{tb}\") to list"
                        )))
                    }
                    (Object::List(_), _) if op == BinOp::Mul && !self.is_instance_value(b) => {
                        self.repeat_seq(a, b).map(Some)
                    }
                    (Object::Set { .. }, Some(Object::Set { .. })) => {
                        if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) {
                            self.set_binop(op, a, b).map(Some)
                        } else {
                            Ok(None)
                        }
                    }
                    (Object::Dict(_), Some(Object::Dict(_))) if op == BinOp::Or => {
                        let d = self.dict_copy(a)?;
                        self.dict_update(&d, b)?;
                        Ok(Some(d))
                    }
                    _ => Ok(None),
                }
            }
            (BinOp::Mul, _, Value::Ref(rb)) if as_number(a).is_some() => {
                if matches!(self.heap.get(*rb), Object::List(_)) {
                    self.repeat_seq(b, a).map(Some)
                } else {
                    Ok(None)
                }
            }
            _ => Ok(None),
        }
    }

    /// User-class dispatch: `a.__op__(b)`, then `b.__rop__(a)`, with
    /// CPython's exception that a right operand whose class is a subclass
    /// of the left one's and overrides `__rop__` goes first. An operand
    /// that wraps a built-in value (an `int` subclass instance ...) and has
    /// no Python method for the operator gets its base type's behaviour.
    fn user_binop(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        let (name, rname, _) = dunders(op);
        let (ta, tb) = (self.type_of(&a), self.type_of(&b));
        let mut reflected_tried = false;
        if ta != tb && self.is_subclass(tb, ta) && self.overrides(tb, ta, rname) {
            reflected_tried = true;
            if let Some(v) = self.call_special(&b, rname, vec![a.clone()])? {
                if !matches!(v, Value::NotImplemented) {
                    return Ok(v);
                }
            }
        }
        match self.call_special(&a, name, vec![b.clone()])? {
            Some(v) if !matches!(v, Value::NotImplemented) => return Ok(v),
            Some(_) => {}
            None => {
                if let Some(v) = self.base_binop(op, &a, &b)? {
                    return Ok(v);
                }
            }
        }
        if ta != tb && !reflected_tried {
            match self.call_special(&b, rname, vec![a.clone()])? {
                Some(v) if !matches!(v, Value::NotImplemented) => return Ok(v),
                Some(_) => {}
                None => {
                    if let Some(v) = self.base_binop(op, &a, &b)? {
                        return Ok(v);
                    }
                }
            }
        }
        let (na, nb) = (self.type_name(&a), self.type_name(&b));
        Err(self.type_error(format!(
            "unsupported operand type(s) for {}: '{na}' and '{nb}'",
            op.symbol()
        )))
    }

    /// True if `sub` (a subclass of `sup`) has a Python-defined `name`
    /// that is not the one `sup` has.
    fn overrides(&mut self, sub: ObjRef, sup: ObjRef, name: &'static str) -> bool {
        let name = self.intern(name);
        match self.lookup_user(sub, &name) {
            Some(m) => !self.lookup_user(sup, &name).is_some_and(|n| n.is(&m)),
            None => false,
        }
    }

    /// The built-in operator on the values wrapped by subclass instances
    /// (the other operand as it is when it wraps nothing); `None` when
    /// neither operand wraps a built-in value or the types do not mix.
    fn base_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let (ba, bb) = (self.base_value(a), self.base_value(b));
        if ba.is_none() && bb.is_none() {
            return Ok(None);
        }
        let x = ba.unwrap_or_else(|| a.clone());
        let y = bb.unwrap_or_else(|| b.clone());
        if self.is_instance_value(&x) || self.is_instance_value(&y) {
            return Ok(None);
        }
        if let (Value::Int(p), Value::Int(q)) = (&x, &y) {
            return int_binop(self, op, *p, *q).map(Some);
        }
        self.builtin_binop(op, &x, &y)
    }

    /// True if `v` is an instance of a user class (which may define
    /// reflected operators).
    pub(crate) fn is_instance_value(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Instance(_)))
    }

    /// The repeat count of `seq * n`.
    fn repeat_count(&mut self, n: &Value) -> PyResult<usize> {
        match n {
            Value::Int(_) | Value::Bool(_) => Ok(self.to_index(n)?.max(0) as usize),
            Value::BigInt(b) if num_traits::Signed::is_negative(&**b) => Ok(0),
            Value::BigInt(_) => Err(self.new_exception(self.types.memory_error, "")),
            _ => {
                let t = self.type_name(n);
                Err(self.type_error(format!("can't multiply sequence by non-int of type '{t}'")))
            }
        }
    }

    /// `seq * n` for str, bytes, tuple and list.
    fn repeat_seq(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = self.repeat_count(n)?;
        let len = match seq {
            Value::Str(s) => s.len(),
            Value::Bytes(b) => b.len(),
            Value::Tuple(t) => t.len(),
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(l) => l.len(),
                _ => 0,
            },
            _ => 0,
        };
        if (len as u128) * (n as u128) > crate::host::constructors::MAX_ALLOC as u128 {
            return Err(self.new_exception(self.types.memory_error, ""));
        }
        Ok(match seq {
            Value::Str(s) => Value::string(s.repeat(n)),
            Value::Bytes(b) => Value::Bytes(b.repeat(n).into()),
            Value::Tuple(t) => Value::Tuple(repeat(t, n).into()),
            Value::Ref(r) => {
                let items = match self.heap.get(*r) {
                    Object::List(l) => repeat(l, n),
                    _ => Vec::new(),
                };
                self.new_list(items)
            }
            _ => Value::None,
        })
    }

    /// The operand of `bytes % x` with bytes items turned into latin-1
    /// text, so `%s` inserts their contents.
    fn bytes_args_as_latin1(&self, v: &Value) -> Value {
        let conv = |v: &Value| match v {
            Value::Bytes(b) => Value::string(b.iter().map(|&c| c as char).collect()),
            other => other.clone(),
        };
        match v {
            Value::Tuple(items) => Value::Tuple(items.iter().map(conv).collect::<Vec<_>>().into()),
            other => conv(other),
        }
    }

    /// Calls `f(*args)` with positional arguments only.
    pub fn call_positional(&mut self, f: &Value, args: Vec<Value>) -> PyResult<Value> {
        self.call(f, Args::new(args))
    }
}

/// `items * n`.
fn repeat(items: &[Value], n: usize) -> Vec<Value> {
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(items);
    }
    out
}
