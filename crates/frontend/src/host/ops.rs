//! Operations on host values, as the interpreter calls them.
//!
//! (Signatures fixed; bodies are filled in by the object-model work.)

use super::object::Args;
use super::value::{ObjRef, PyStr, Value};
use super::vm::{Exc, PyResult, Vm};
use crate::bytecode::{BinOp, CmpOp, Conversion, UnaryOp};

#[allow(unused_variables)]
impl Vm {
    /// Creates the VM: heap, built-in classes, `builtins` module.
    pub fn new(argv: Vec<String>) -> Vm {
        unimplemented!("Vm::new")
    }
    /// `a op b` (binary operators, with `__add__`/`__radd__` dispatch).
    pub fn binary_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        unimplemented!()
    }
    /// `a op= b`.
    pub fn inplace_op(&mut self, op: BinOp, a: Value, b: Value) -> PyResult<Value> {
        unimplemented!()
    }
    pub fn unary_op(&mut self, op: UnaryOp, v: Value) -> PyResult<Value> {
        unimplemented!()
    }
    /// Comparisons including `is`, `in`; returns a value (`bool` for the
    /// built-in types; whatever `__eq__` & co. return for instances).
    pub fn compare(&mut self, op: CmpOp, a: Value, b: Value) -> PyResult<Value> {
        unimplemented!()
    }
    /// `bool(v)`.
    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        unimplemented!()
    }
    /// `isinstance(exc, cls)` for an except clause (`cls` a class or tuple).
    pub fn exc_match(&mut self, exc: &Value, cls: &Value) -> PyResult<bool> {
        unimplemented!()
    }
    pub fn getattr(&mut self, obj: &Value, name: &PyStr) -> PyResult<Value> {
        unimplemented!()
    }
    pub fn setattr(&mut self, obj: &Value, name: &PyStr, value: Value) -> PyResult<()> {
        unimplemented!()
    }
    pub fn delattr(&mut self, obj: &Value, name: &PyStr) -> PyResult<()> {
        unimplemented!()
    }
    pub fn getitem(&mut self, obj: &Value, index: &Value) -> PyResult<Value> {
        unimplemented!()
    }
    pub fn setitem(&mut self, obj: &Value, index: &Value, value: Value) -> PyResult<()> {
        unimplemented!()
    }
    pub fn delitem(&mut self, obj: &Value, index: &Value) -> PyResult<()> {
        unimplemented!()
    }
    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        unimplemented!()
    }
    /// `next(it)`: `None` when exhausted (StopIteration is not raised).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        unimplemented!()
    }
    /// `f(*args, **kwargs)` for every callable kind.
    pub fn call(&mut self, f: &Value, args: Args) -> PyResult<Value> {
        unimplemented!()
    }
    pub fn repr(&mut self, v: &Value) -> PyResult<PyStr> {
        unimplemented!()
    }
    pub fn str(&mut self, v: &Value) -> PyResult<PyStr> {
        unimplemented!()
    }
    /// `format(conv(v), spec)` for f-strings.
    pub fn format_value(&mut self, v: &Value, conv: Conversion, spec: Option<&PyStr>) -> PyResult<PyStr> {
        unimplemented!()
    }
    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> ObjRef {
        unimplemented!()
    }
    /// Creates a class (the `BuildClass` instruction and `type(n, b, d)`).
    pub fn make_class(&mut self, name: PyStr, bases: Vec<Value>, namespace: Value) -> PyResult<Value> {
        unimplemented!()
    }
    /// Instantiates the exception class `cls` with one message argument.
    pub fn new_exception(&mut self, cls: ObjRef, msg: &str) -> Exc {
        unimplemented!()
    }
    /// Turns the operand of `raise` into an exception (instantiating a
    /// class); a TypeError if it is neither.
    pub fn make_raisable(&mut self, v: Value) -> Exc {
        unimplemented!()
    }
    /// A new empty dict (`BuildMap`), set, and dict/set item operations.
    pub fn new_dict(&mut self) -> Value {
        unimplemented!()
    }
    pub fn new_set(&mut self, frozen: bool) -> Value {
        unimplemented!()
    }
    pub fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        unimplemented!()
    }
    /// Iterates `iterable` and collects the items (list(), unpacking, `*`).
    pub fn collect(&mut self, iterable: &Value) -> PyResult<Vec<Value>> {
        unimplemented!()
    }
    /// A builtin module (`sys`, `os`, `math`, `time`), created on first use.
    pub fn builtin_module(&mut self, name: &str) -> Option<ObjRef> {
        unimplemented!()
    }
}
