//! The bytecode interpreter, generic over the object space.
//!
//! (Being written: the `Space` trait and the instruction loop.)

use crate::bytecode::{CodeObject, Label};
use super::value::ObjRef;
use std::sync::Arc;

/// An active exception handler (pushed by `SetupExcept`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Handler {
    pub target: Label,
    /// Stack depth to cut back to when the handler is entered.
    pub depth: u32,
}

/// Where `LoadName`/`StoreName` look (module and class bodies).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Function bodies: no name namespace (names are fast locals/globals).
    None,
    /// A module body: the module's own dict.
    Module(ObjRef),
    /// A class body: a fresh `Object::Dict` with str keys.
    ClassBody(ObjRef),
}

/// The state of one activation, over values `V` of the object space.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame<V> {
    pub code: Arc<CodeObject>,
    /// The module whose dict holds the globals.
    pub module: ObjRef,
    pub namespace: Namespace,
    /// Fast locals, one per `code.varnames`; `None` when unbound.
    pub locals: Vec<Option<V>>,
    /// Cells: `code.cellvars` then `code.freevars`.
    pub cells: Vec<V>,
    pub stack: Vec<V>,
    pub handlers: Vec<Handler>,
    /// The next instruction to execute.
    pub pc: u32,
}

/// Calls a Python function object (binding arguments to parameters, making
/// a generator for generator functions).
pub fn call_function(vm: &mut super::vm::Vm, func: ObjRef, args: super::object::Args) -> super::vm::PyResult<super::value::Value> {
    let _ = (vm, func, args);
    unimplemented!("call_function")
}
