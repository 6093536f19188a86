//! The bytecode interpreter, generic over the object space.
//!
//! One instruction loop serves both spaces, as in the original RPython
//! design: the host space ([`Vm`]) computes on real values, the flow space
//! computes on variables and records operations. The loop owns everything
//! about the *frame* (the value stack, locals, cells, handler blocks, the
//! program counter); the space owns everything about *values*.
//!
//! [`step`] executes one instruction. Because every instruction performs at
//! most one operation that can fail, and fails before changing the frame, a
//! frame at an instruction boundary is a complete description of the
//! computation: the flow space snapshots it there to build exception edges
//! and forks it at branches ([`Step::Fork`]).

use super::value::{ObjRef, PyStr};
use crate::bytecode::{BinOp, CmpOp, CodeObject, Constant, Conversion, Instr, Label, UnaryOp};
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

impl<V> Frame<V> {
    /// A frame at the first instruction with all locals unbound.
    pub fn new(
        code: Arc<CodeObject>,
        module: ObjRef,
        namespace: Namespace,
        cells: Vec<V>,
    ) -> Frame<V> {
        let nlocals = code.varnames.len();
        Frame {
            code,
            module,
            namespace,
            locals: (0..nlocals).map(|_| None).collect(),
            cells,
            stack: Vec::new(),
            handlers: Vec::new(),
            pc: 0,
        }
    }

    /// The span of the instruction at `pc` (or the last one).
    pub fn span_at(&self, pc: u32) -> crate::source::Span {
        let i = (pc as usize).min(self.code.spans.len().saturating_sub(1));
        self.code
            .spans
            .get(i)
            .copied()
            .unwrap_or(self.code.def_span)
    }

    fn pop(&mut self) -> V {
        self.stack
            .pop()
            .expect("bytecode verified: stack underflow")
    }

    fn top(&self) -> &V {
        self.stack.last().expect("bytecode verified: empty stack")
    }

    /// Drops the `n` top values.
    fn popn(&mut self, n: u32) {
        let at = self.stack.len() - n as usize;
        self.stack.truncate(at);
    }

    fn name(&self, i: u32) -> PyStr {
        self.code.names[i as usize].clone()
    }
}

/// The answer of a space to "is this value true?".
pub enum Truth<V> {
    Known(bool),
    /// Only known at run time (flow space): the frame forks on this value.
    Unknown(V),
}

/// The answer of a space to "next item of this iterator?".
pub enum IterStep<V> {
    Item(V),
    Exhausted,
    /// Only known at run time (flow space): `item` is the result of a
    /// `next` operation that may also signal exhaustion.
    Unknown(V),
}

/// What kind of decision a [`Step::Fork`] waits for.
pub enum ForkOn<V> {
    /// A boolean: `if_true` is the frame taken when the value is true.
    Bool(V),
    /// The last `next` operation: `if_true` continues with the item,
    /// `if_false` is the frame after exhaustion.
    Iteration,
}

/// The outcome of one instruction.
pub enum Step<V, E> {
    Continue,
    Return(V),
    /// A generator suspends; the frame resumes at the next instruction.
    Yield(V),
    /// The instruction raised; the frame is unchanged (pc still on it).
    Raise(E),
    /// The outcome depends on a value only known at run time.
    Fork {
        on: ForkOn<V>,
        if_true: Box<Frame<V>>,
        if_false: Box<Frame<V>>,
    },
}

/// An object space: what the interpreter loop needs of values.
///
/// Every method either computes (host) or records an operation (flow). The
/// `E` type is an exception in flight.
pub trait Space {
    type V: Clone + std::fmt::Debug;
    type E;

    fn constant(&mut self, c: &Constant) -> Self::V;
    /// The exception instance of `e`, pushed when a handler is entered.
    fn exception_value(&mut self, e: &Self::E) -> Self::V;
    fn unbound_local(&mut self, name: &str) -> Self::E;
    fn unbound_free(&mut self, name: &str) -> Self::E;
    fn name_error(&mut self, name: &str) -> Self::E;

    fn load_global(&mut self, module: ObjRef, name: &PyStr) -> Result<Self::V, Self::E>;
    fn store_global(&mut self, module: ObjRef, name: &PyStr, v: Self::V) -> Result<(), Self::E>;
    fn delete_global(&mut self, module: ObjRef, name: &PyStr) -> Result<(), Self::E>;
    /// `LoadName`: the namespace, then globals, then builtins.
    fn load_name(&mut self, frame: &Frame<Self::V>, name: &PyStr) -> Result<Self::V, Self::E>;
    /// Looks a name up in a class-body namespace only.
    fn load_class_local(
        &mut self,
        frame: &Frame<Self::V>,
        name: &PyStr,
    ) -> Result<Option<Self::V>, Self::E>;
    fn store_name(
        &mut self,
        frame: &Frame<Self::V>,
        name: &PyStr,
        v: Self::V,
    ) -> Result<(), Self::E>;
    fn delete_name(&mut self, frame: &Frame<Self::V>, name: &PyStr) -> Result<(), Self::E>;

    /// The content of cell `i` of the frame (cellvars, then freevars);
    /// `None` if the cell is empty.
    fn load_cell(&mut self, frame: &Frame<Self::V>, i: u32) -> Result<Option<Self::V>, Self::E>;
    /// Sets (or, with `None`, empties) cell `i` of the frame.
    fn store_cell(
        &mut self,
        frame: &mut Frame<Self::V>,
        i: u32,
        v: Option<Self::V>,
    ) -> Result<(), Self::E>;

    fn getattr(&mut self, obj: Self::V, name: &PyStr) -> Result<Self::V, Self::E>;
    fn setattr(&mut self, obj: Self::V, name: &PyStr, v: Self::V) -> Result<(), Self::E>;
    fn delattr(&mut self, obj: Self::V, name: &PyStr) -> Result<(), Self::E>;
    fn getitem(&mut self, obj: Self::V, index: Self::V) -> Result<Self::V, Self::E>;
    fn setitem(&mut self, obj: Self::V, index: Self::V, v: Self::V) -> Result<(), Self::E>;
    fn delitem(&mut self, obj: Self::V, index: Self::V) -> Result<(), Self::E>;
    fn new_slice(
        &mut self,
        start: Self::V,
        stop: Self::V,
        step: Self::V,
    ) -> Result<Self::V, Self::E>;

    fn unary(&mut self, op: UnaryOp, v: Self::V) -> Result<Self::V, Self::E>;
    fn binary(&mut self, op: BinOp, a: Self::V, b: Self::V) -> Result<Self::V, Self::E>;
    fn inplace(&mut self, op: BinOp, a: Self::V, b: Self::V) -> Result<Self::V, Self::E>;
    fn compare(&mut self, op: CmpOp, a: Self::V, b: Self::V) -> Result<Self::V, Self::E>;
    fn exc_match(&mut self, exc: Self::V, cls: Self::V) -> Result<Self::V, Self::E>;
    fn truth(&mut self, v: &Self::V) -> Result<Truth<Self::V>, Self::E>;

    fn new_tuple(&mut self, items: Vec<Self::V>) -> Result<Self::V, Self::E>;
    fn new_list(&mut self, items: Vec<Self::V>) -> Result<Self::V, Self::E>;
    fn new_set(&mut self, items: Vec<Self::V>) -> Result<Self::V, Self::E>;
    fn new_dict(&mut self, items: Vec<(Self::V, Self::V)>) -> Result<Self::V, Self::E>;
    fn build_string(&mut self, parts: Vec<Self::V>) -> Result<Self::V, Self::E>;
    fn list_append(&mut self, list: &Self::V, item: Self::V) -> Result<(), Self::E>;
    fn list_extend(&mut self, list: &Self::V, items: Self::V) -> Result<(), Self::E>;
    fn set_add(&mut self, set: &Self::V, item: Self::V) -> Result<(), Self::E>;
    fn set_update(&mut self, set: &Self::V, items: Self::V) -> Result<(), Self::E>;
    fn dict_update(&mut self, dict: &Self::V, other: Self::V) -> Result<(), Self::E>;
    fn list_to_tuple(&mut self, list: Self::V) -> Result<Self::V, Self::E>;
    fn format_value(
        &mut self,
        v: Self::V,
        conv: Conversion,
        spec: Option<Self::V>,
    ) -> Result<Self::V, Self::E>;

    fn get_iter(&mut self, v: Self::V) -> Result<Self::V, Self::E>;
    /// The next item; may advance `it` in place (an unrolled iterator).
    fn next(&mut self, it: &mut Self::V) -> Result<IterStep<Self::V>, Self::E>;
    /// Unpacks exactly `n` items (ValueError otherwise).
    fn unpack(&mut self, seq: Self::V, n: u32) -> Result<Vec<Self::V>, Self::E>;
    /// Unpacks `before` items, a list of the middle, and `after` items.
    fn unpack_ex(&mut self, seq: Self::V, before: u32, after: u32)
        -> Result<Vec<Self::V>, Self::E>;

    fn call(
        &mut self,
        f: Self::V,
        args: Vec<Self::V>,
        kwargs: Vec<(PyStr, Self::V)>,
    ) -> Result<Self::V, Self::E>;
    /// `f(*args, **kwargs)` with a tuple and an optional dict.
    fn call_ex(
        &mut self,
        f: Self::V,
        args: Self::V,
        kwargs: Option<Self::V>,
    ) -> Result<Self::V, Self::E>;
    fn make_function(
        &mut self,
        frame: &Frame<Self::V>,
        code: &Arc<CodeObject>,
        defaults: Option<Self::V>,
        kwdefaults: Option<Self::V>,
        closure: Option<Self::V>,
    ) -> Result<Self::V, Self::E>;
    fn build_class(
        &mut self,
        body: Self::V,
        name: Self::V,
        bases: Vec<Self::V>,
    ) -> Result<Self::V, Self::E>;
    fn import_name(
        &mut self,
        frame: &Frame<Self::V>,
        name: &PyStr,
        level: u32,
        fromlist: Self::V,
    ) -> Result<Self::V, Self::E>;
    fn import_from(&mut self, module: &Self::V, name: &PyStr) -> Result<Self::V, Self::E>;
    fn import_star(&mut self, frame: &Frame<Self::V>, module: Self::V) -> Result<(), Self::E>;

    /// The exception to raise for `raise v [from cause]`.
    fn raise(&mut self, v: Self::V, cause: Option<Self::V>) -> Self::E;
    fn assertion_error(&mut self) -> Self::V;
    /// `cm.__enter__()`: returns `(bound __exit__, result of __enter__)`.
    fn before_with(&mut self, cm: Self::V) -> Result<(Self::V, Self::V), Self::E>;
    fn with_exit_normal(&mut self, exit: Self::V) -> Result<(), Self::E>;
    fn with_except_start(&mut self, exit: &Self::V, exc: &Self::V) -> Result<Self::V, Self::E>;
}

/// Enters the innermost handler with the exception value `exc`: cuts the
/// stack, pushes `exc`, jumps. Returns false if the frame has no handler.
pub fn enter_handler<V>(frame: &mut Frame<V>, exc: V) -> bool {
    match frame.handlers.pop() {
        Some(h) => {
            frame.stack.truncate(h.depth as usize);
            frame.stack.push(exc);
            frame.pc = h.target;
            true
        }
        None => false,
    }
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return Step::Raise(e),
        }
    };
}

/// Executes the instruction at `frame.pc`.
///
/// On [`Step::Raise`] the frame is left exactly as before the instruction:
/// the caller decides whether a handler takes the exception
/// ([`enter_handler`]) or it leaves the frame.
pub fn step<S: Space>(space: &mut S, frame: &mut Frame<S::V>) -> Step<S::V, S::E> {
    let pc = frame.pc;
    let instr = frame.code.instrs[pc as usize];
    let next = pc + 1;
    // Instructions that can fail compute their result first and only then
    // change the frame, so a failure leaves the frame untouched.
    match instr {
        Instr::Nop => {}
        Instr::Pop => {
            frame.pop();
        }
        Instr::Copy(n) => {
            let v = frame.stack[frame.stack.len() - n as usize].clone();
            frame.stack.push(v);
        }
        Instr::Swap(n) => {
            let len = frame.stack.len();
            frame.stack.swap(len - 1, len - n as usize);
        }
        Instr::LoadConst(i) => {
            let c = &frame.code.consts[i as usize];
            let v = space.constant(c);
            frame.stack.push(v);
        }
        Instr::LoadFast(i) => match &frame.locals[i as usize] {
            Some(v) => {
                let v = v.clone();
                frame.stack.push(v);
            }
            None => {
                let name = frame.code.varnames[i as usize].clone();
                return Step::Raise(space.unbound_local(&name));
            }
        },
        Instr::StoreFast(i) => {
            let v = frame.pop();
            frame.locals[i as usize] = Some(v);
        }
        Instr::DeleteFast(i) => {
            if frame.locals[i as usize].is_none() {
                let name = frame.code.varnames[i as usize].clone();
                return Step::Raise(space.unbound_local(&name));
            }
            frame.locals[i as usize] = None;
        }
        Instr::LoadDeref(i) => match tri!(space.load_cell(frame, i)) {
            Some(v) => frame.stack.push(v),
            None => {
                let name = frame.code.cell_name(i).clone();
                return Step::Raise(if (i as usize) < frame.code.cellvars.len() {
                    space.unbound_local(&name)
                } else {
                    space.unbound_free(&name)
                });
            }
        },
        Instr::StoreDeref(i) => {
            let v = frame.top().clone();
            tri!(space.store_cell(frame, i, Some(v)));
            frame.pop();
        }
        Instr::DeleteDeref(i) => tri!(space.store_cell(frame, i, None)),
        Instr::LoadClosure(i) => {
            let cell = frame.cells[i as usize].clone();
            frame.stack.push(cell);
        }
        Instr::LoadClassDeref(i) => {
            let name = PyStr::new(frame.code.cell_name(i));
            let v = match tri!(space.load_class_local(frame, &name)) {
                Some(v) => v,
                None => match tri!(space.load_cell(frame, i)) {
                    Some(v) => v,
                    None => return Step::Raise(space.unbound_free(&name)),
                },
            };
            frame.stack.push(v);
        }
        Instr::LoadGlobal(i) => {
            let v = tri!(space.load_global(frame.module, &frame.name(i)));
            frame.stack.push(v);
        }
        Instr::StoreGlobal(i) => {
            let v = frame.top().clone();
            tri!(space.store_global(frame.module, &frame.name(i), v));
            frame.pop();
        }
        Instr::DeleteGlobal(i) => tri!(space.delete_global(frame.module, &frame.name(i))),
        Instr::LoadName(i) => {
            let v = tri!(space.load_name(frame, &frame.name(i)));
            frame.stack.push(v);
        }
        Instr::StoreName(i) => {
            let v = frame.top().clone();
            tri!(space.store_name(frame, &frame.name(i), v));
            frame.pop();
        }
        Instr::DeleteName(i) => tri!(space.delete_name(frame, &frame.name(i))),
        Instr::LoadAttr(i) => {
            let obj = frame.top().clone();
            let v = tri!(space.getattr(obj, &frame.name(i)));
            frame.pop();
            frame.stack.push(v);
        }
        Instr::StoreAttr(i) => {
            let n = frame.stack.len();
            let (v, obj) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            tri!(space.setattr(obj, &frame.name(i), v));
            frame.popn(2);
        }
        Instr::DeleteAttr(i) => {
            let obj = frame.top().clone();
            tri!(space.delattr(obj, &frame.name(i)));
            frame.pop();
        }
        Instr::BinarySubscr => {
            let n = frame.stack.len();
            let (c, i) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            let v = tri!(space.getitem(c, i));
            frame.popn(2);
            frame.stack.push(v);
        }
        Instr::StoreSubscr => {
            let n = frame.stack.len();
            let (v, c, i) = (
                frame.stack[n - 3].clone(),
                frame.stack[n - 2].clone(),
                frame.stack[n - 1].clone(),
            );
            tri!(space.setitem(c, i, v));
            frame.popn(3);
        }
        Instr::DeleteSubscr => {
            let n = frame.stack.len();
            let (c, i) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            tri!(space.delitem(c, i));
            frame.popn(2);
        }
        Instr::BuildSlice(argc) => {
            let n = frame.stack.len();
            let items: Vec<S::V> = frame.stack[n - argc as usize..].to_vec();
            let (start, stop, step_v) = if argc == 3 {
                (items[0].clone(), items[1].clone(), items[2].clone())
            } else {
                (
                    items[0].clone(),
                    items[1].clone(),
                    space.constant(&Constant::None),
                )
            };
            let v = tri!(space.new_slice(start, stop, step_v));
            frame.popn(argc);
            frame.stack.push(v);
        }
        Instr::Unary(op) => {
            let a = frame.top().clone();
            let v = tri!(space.unary(op, a));
            frame.pop();
            frame.stack.push(v);
        }
        Instr::Binary(op) | Instr::InplaceBinary(op) => {
            let n = frame.stack.len();
            let (a, b) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            let v = if matches!(instr, Instr::Binary(_)) {
                tri!(space.binary(op, a, b))
            } else {
                tri!(space.inplace(op, a, b))
            };
            frame.popn(2);
            frame.stack.push(v);
        }
        Instr::Compare(op) => {
            let n = frame.stack.len();
            let (a, b) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            let v = tri!(space.compare(op, a, b));
            frame.popn(2);
            frame.stack.push(v);
        }
        Instr::ExcMatch => {
            let n = frame.stack.len();
            let (exc, cls) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            let v = tri!(space.exc_match(exc, cls));
            frame.popn(2);
            frame.stack.push(v);
        }
        Instr::BuildTuple(n) | Instr::BuildList(n) | Instr::BuildSet(n) | Instr::BuildString(n) => {
            let items = frame.stack[frame.stack.len() - n as usize..].to_vec();
            let v = tri!(match instr {
                Instr::BuildTuple(_) => space.new_tuple(items),
                Instr::BuildList(_) => space.new_list(items),
                Instr::BuildSet(_) => space.new_set(items),
                _ => space.build_string(items),
            });
            frame.popn(n);
            frame.stack.push(v);
        }
        Instr::BuildMap(n) => {
            let flat = &frame.stack[frame.stack.len() - 2 * n as usize..];
            let pairs = flat
                .chunks(2)
                .map(|kv| (kv[0].clone(), kv[1].clone()))
                .collect();
            let v = tri!(space.new_dict(pairs));
            frame.popn(2 * n);
            frame.stack.push(v);
        }
        Instr::ListAppend(i)
        | Instr::SetAdd(i)
        | Instr::ListExtend(i)
        | Instr::SetUpdate(i)
        | Instr::DictUpdate(i) => {
            let len = frame.stack.len();
            let item = frame.stack[len - 1].clone();
            let target = frame.stack[len - 1 - i as usize].clone();
            match instr {
                Instr::ListAppend(_) => tri!(space.list_append(&target, item)),
                Instr::SetAdd(_) => tri!(space.set_add(&target, item)),
                Instr::ListExtend(_) => tri!(space.list_extend(&target, item)),
                Instr::SetUpdate(_) => tri!(space.set_update(&target, item)),
                _ => tri!(space.dict_update(&target, item)),
            }
            frame.pop();
        }
        Instr::MapAdd(i) => {
            let len = frame.stack.len();
            let (k, v) = (frame.stack[len - 2].clone(), frame.stack[len - 1].clone());
            let target = frame.stack[len - 2 - i as usize].clone();
            tri!(space.setitem(target, k, v));
            frame.popn(2);
        }
        Instr::ListToTuple => {
            let list = frame.top().clone();
            let v = tri!(space.list_to_tuple(list));
            frame.pop();
            frame.stack.push(v);
        }
        Instr::FormatValue {
            conversion,
            has_spec,
        } => {
            let n = frame.stack.len();
            let (v, spec, k) = if has_spec {
                (
                    frame.stack[n - 2].clone(),
                    Some(frame.stack[n - 1].clone()),
                    2,
                )
            } else {
                (frame.stack[n - 1].clone(), None, 1)
            };
            let s = tri!(space.format_value(v, conversion, spec));
            frame.popn(k);
            frame.stack.push(s);
        }
        Instr::Jump(target) => {
            frame.pc = target;
            return Step::Continue;
        }
        Instr::PopJumpIfFalse(target) | Instr::PopJumpIfTrue(target) => {
            let v = frame.top().clone();
            let jump_when = matches!(instr, Instr::PopJumpIfTrue(_));
            match tri!(space.truth(&v)) {
                Truth::Known(b) => {
                    frame.pop();
                    frame.pc = if b == jump_when { target } else { next };
                    return Step::Continue;
                }
                Truth::Unknown(cond) => {
                    let mut taken = frame.clone();
                    taken.pop();
                    taken.pc = target;
                    let mut fallthrough = taken.clone();
                    fallthrough.pc = next;
                    let (if_true, if_false) = if jump_when {
                        (taken, fallthrough)
                    } else {
                        (fallthrough, taken)
                    };
                    return Step::Fork {
                        on: ForkOn::Bool(cond),
                        if_true: Box::new(if_true),
                        if_false: Box::new(if_false),
                    };
                }
            }
        }
        Instr::JumpIfFalseOrPop(target) | Instr::JumpIfTrueOrPop(target) => {
            let v = frame.top().clone();
            let jump_when = matches!(instr, Instr::JumpIfTrueOrPop(_));
            match tri!(space.truth(&v)) {
                Truth::Known(b) => {
                    if b == jump_when {
                        frame.pc = target;
                    } else {
                        frame.pop();
                        frame.pc = next;
                    }
                    return Step::Continue;
                }
                Truth::Unknown(cond) => {
                    let mut taken = frame.clone();
                    taken.pc = target;
                    let mut fallthrough = frame.clone();
                    fallthrough.pop();
                    fallthrough.pc = next;
                    let (if_true, if_false) = if jump_when {
                        (taken, fallthrough)
                    } else {
                        (fallthrough, taken)
                    };
                    return Step::Fork {
                        on: ForkOn::Bool(cond),
                        if_true: Box::new(if_true),
                        if_false: Box::new(if_false),
                    };
                }
            }
        }
        Instr::GetIter => {
            let v = frame.top().clone();
            let it = tri!(space.get_iter(v));
            frame.pop();
            frame.stack.push(it);
        }
        Instr::ForIter(target) => {
            let mut it = frame.top().clone();
            let outcome = tri!(space.next(&mut it));
            *frame.stack.last_mut().expect("ForIter has an iterator") = it;
            match outcome {
                IterStep::Item(v) => frame.stack.push(v),
                IterStep::Exhausted => {
                    frame.pop();
                    frame.pc = target;
                    return Step::Continue;
                }
                IterStep::Unknown(v) => {
                    let mut more = frame.clone();
                    more.stack.push(v);
                    more.pc = next;
                    let mut done = frame.clone();
                    done.pop();
                    done.pc = target;
                    return Step::Fork {
                        on: ForkOn::Iteration,
                        if_true: Box::new(more),
                        if_false: Box::new(done),
                    };
                }
            }
        }
        Instr::UnpackSequence(n) => {
            let seq = frame.top().clone();
            let items = tri!(space.unpack(seq, n));
            frame.pop();
            frame.stack.extend(items.into_iter().rev());
        }
        Instr::UnpackEx { before, after } => {
            let seq = frame.top().clone();
            let items = tri!(space.unpack_ex(seq, before, after));
            frame.pop();
            frame.stack.extend(items.into_iter().rev());
        }
        Instr::ReturnValue => {
            let v = frame.pop();
            return Step::Return(v);
        }
        Instr::YieldValue => {
            let v = frame.pop();
            // `send` is not supported: the value of a yield expression is
            // always None, pushed now so that resuming needs no argument.
            let none = space.constant(&Constant::None);
            frame.stack.push(none);
            frame.pc = next;
            return Step::Yield(v);
        }
        Instr::SetupExcept(target) => {
            let depth = frame.stack.len() as u32;
            frame.handlers.push(Handler { target, depth });
        }
        Instr::PopBlock => {
            frame.handlers.pop();
        }
        Instr::Raise { cause } => {
            let n = frame.stack.len();
            let e = if cause {
                let (v, c) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
                space.raise(v, Some(c))
            } else {
                let v = frame.stack[n - 1].clone();
                space.raise(v, None)
            };
            return Step::Raise(e);
        }
        Instr::LoadAssertionError => {
            let v = space.assertion_error();
            frame.stack.push(v);
        }
        Instr::BeforeWith => {
            let cm = frame.top().clone();
            let (exit, entered) = tri!(space.before_with(cm));
            frame.pop();
            frame.stack.push(exit);
            frame.stack.push(entered);
        }
        Instr::WithExitNormal => {
            let exit = frame.top().clone();
            tri!(space.with_exit_normal(exit));
            frame.pop();
        }
        Instr::WithExceptStart => {
            let n = frame.stack.len();
            let (exit, exc) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
            let v = tri!(space.with_except_start(&exit, &exc));
            frame.stack.push(v);
        }
        Instr::Call(argc) => {
            let n = frame.stack.len();
            let f = frame.stack[n - 1 - argc as usize].clone();
            let args = frame.stack[n - argc as usize..].to_vec();
            let v = tri!(space.call(f, args, Vec::new()));
            frame.popn(argc + 1);
            frame.stack.push(v);
        }
        Instr::CallKw { argc, names } => {
            let n = frame.stack.len();
            let f = frame.stack[n - 1 - argc as usize].clone();
            let Constant::Tuple(names) = &frame.code.consts[names as usize] else {
                unreachable!("bytecode verified: CallKw names is a tuple")
            };
            let nkw = names.len();
            let all = &frame.stack[n - argc as usize..];
            let args = all[..all.len() - nkw].to_vec();
            let kwargs = names
                .iter()
                .zip(&all[all.len() - nkw..])
                .map(|(k, v)| match k {
                    Constant::Str(s) => (s.clone(), v.clone()),
                    _ => unreachable!("bytecode verified: keyword names are str"),
                })
                .collect();
            let v = tri!(space.call(f, args, kwargs));
            frame.popn(argc + 1);
            frame.stack.push(v);
        }
        Instr::CallEx { has_kwargs } => {
            let n = frame.stack.len();
            let k = if has_kwargs { 3 } else { 2 };
            let f = frame.stack[n - k].clone();
            let args = frame.stack[n - k + 1].clone();
            let kwargs = has_kwargs.then(|| frame.stack[n - 1].clone());
            let v = tri!(space.call_ex(f, args, kwargs));
            frame.popn(k as u32);
            frame.stack.push(v);
        }
        Instr::MakeFunction {
            code,
            defaults,
            kwdefaults,
            closure,
        } => {
            let Constant::Code(code) = &frame.code.consts[code as usize] else {
                unreachable!("bytecode verified: MakeFunction takes a code constant")
            };
            let code = code.clone();
            let k = defaults as usize + kwdefaults as usize + closure as usize;
            let mut parts = frame.stack[frame.stack.len() - k..].iter().cloned();
            let d = if defaults { parts.next() } else { None };
            let kd = if kwdefaults { parts.next() } else { None };
            let c = if closure { parts.next() } else { None };
            let v = tri!(space.make_function(frame, &code, d, kd, c));
            frame.popn(k as u32);
            frame.stack.push(v);
        }
        Instr::BuildClass { nbases } => {
            let n = frame.stack.len();
            let body = frame.stack[n - 2 - nbases as usize].clone();
            let name = frame.stack[n - 1 - nbases as usize].clone();
            let bases = frame.stack[n - nbases as usize..].to_vec();
            let v = tri!(space.build_class(body, name, bases));
            frame.popn(nbases + 2);
            frame.stack.push(v);
        }
        Instr::ImportName { name, level } => {
            let fromlist = frame.top().clone();
            let v = tri!(space.import_name(frame, &frame.name(name), level, fromlist));
            frame.pop();
            frame.stack.push(v);
        }
        Instr::ImportFrom(name) => {
            let module = frame.top().clone();
            let v = tri!(space.import_from(&module, &frame.name(name)));
            frame.stack.push(v);
        }
        Instr::ImportStar => {
            let module = frame.top().clone();
            tri!(space.import_star(frame, module));
            frame.pop();
        }
    }
    frame.pc = next;
    Step::Continue
}

pub use super::exec::{call_function, resume_generator};
