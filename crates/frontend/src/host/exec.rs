//! Running host frames: Python function calls, generators and class
//! bodies on top of the generic instruction loop.

use super::interp::{enter_handler, step, Frame, Namespace, Step};
use super::object::{Args, FrameInfo, Function, Generator, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::bytecode::CodeObject;
use std::sync::Arc;

/// How a host frame stopped.
pub enum FrameExit {
    Return(Value),
    Yield(Value),
}

/// Runs a frame until it returns, yields, or lets an exception escape.
/// The frame is on `vm.frames` meanwhile.
pub fn run_frame(vm: &mut Vm, frame: &mut Frame<Value>) -> PyResult<FrameExit> {
    vm.frames.push(FrameInfo {
        code: frame.code.clone(),
        module: frame.module,
        namespace: frame.namespace,
    });
    let result = run_steps(vm, frame);
    vm.frames.pop();
    result
}

fn run_steps(vm: &mut Vm, frame: &mut Frame<Value>) -> PyResult<FrameExit> {
    loop {
        match step(vm, frame) {
            Step::Continue => {}
            Step::Return(v) => return Ok(FrameExit::Return(v)),
            Step::Yield(v) => return Ok(FrameExit::Yield(v)),
            Step::Raise(mut e) => {
                e.0.traceback.push(frame.span_at(frame.pc));
                let value = e.value().clone();
                if !enter_handler(frame, value) {
                    return Err(e);
                }
            }
            Step::Fork { .. } => unreachable!("the host space always knows truth values"),
        }
    }
}

/// Runs a frame that cannot yield (module, class and function bodies).
pub fn run_to_return(vm: &mut Vm, frame: &mut Frame<Value>) -> PyResult<Value> {
    match run_frame(vm, frame)? {
        FrameExit::Return(v) => Ok(v),
        FrameExit::Yield(_) => unreachable!("only generator frames yield"),
    }
}

/// What every call needs of a function object (defaults are read in place,
/// and only when arguments need binding).
struct Callee {
    code: Arc<CodeObject>,
    module: ObjRef,
    name: PyStr,
    closure: Vec<ObjRef>,
}

fn callee(vm: &Vm, func: ObjRef) -> Callee {
    match vm.heap.get(func) {
        Object::Function(Function {
            code,
            module,
            name,
            closure,
            ..
        }) => Callee {
            code: code.clone(),
            module: *module,
            name: name.clone(),
            closure: closure.clone(),
        },
        other => unreachable!("call_function on {other:?}"),
    }
}

/// Calls a Python function object: binds the arguments, creates the cells,
/// and runs the body (or returns a generator for generator functions).
pub fn call_function(vm: &mut Vm, func: ObjRef, args: Args) -> PyResult<Value> {
    let f = callee(vm, func);
    let code = &f.code;
    let simple = args.kwargs.is_empty()
        && !code.varargs
        && !code.varkw
        && code.kwonlyargcount == 0
        && args.args.len() == code.argcount as usize;
    let locals = if simple {
        let mut locals: Vec<Option<Value>> = args.args.into_iter().map(Some).collect();
        locals.resize(code.varnames.len(), None);
        locals
    } else {
        let Object::Function(fobj) = vm.heap.get(func) else {
            unreachable!("checked by callee")
        };
        let bound = super::bind::bind_arguments(
            code,
            &f.name,
            args.args,
            args.kwargs,
            &fobj.defaults,
            &fobj.kwdefaults,
        );
        let bound = match bound {
            Ok(b) => b,
            Err(msg) => {
                let cls = vm.types.type_error;
                return Err(vm.new_exception(cls, &msg));
            }
        };
        let mut locals = bound.locals;
        let mut slot = (code.argcount + code.kwonlyargcount) as usize;
        if code.varargs {
            locals[slot] = Some(Value::tuple(bound.varargs));
            slot += 1;
        }
        if code.varkw {
            let dict = vm.new_dict();
            for (k, v) in bound.varkw {
                vm.setitem(&dict, &Value::Str(k), v)?;
            }
            locals[slot] = Some(dict);
        }
        locals
    };
    let mut cells = Vec::with_capacity(code.cellvars.len() + code.freevars.len());
    for arg in &code.cell2arg {
        let content = arg.and_then(|a| locals[a as usize].clone());
        cells.push(vm.alloc(Object::Cell(content)));
    }
    cells.extend(f.closure.iter().map(|&c| Value::Ref(c)));
    let mut frame = Frame::new(f.code.clone(), f.module, Namespace::None, cells);
    frame.locals = locals;
    if f.code.is_generator {
        let gen = Generator {
            name: f.name.clone(),
            frame: Some(Box::new(frame)),
            finished: false,
        };
        return Ok(vm.alloc(Object::Generator(gen)));
    }
    if vm.depth >= vm.recursion_limit {
        let cls = vm.types.recursion_error;
        return Err(vm.new_exception(cls, "maximum recursion depth exceeded"));
    }
    vm.depth += 1;
    let result = run_to_return(vm, &mut frame);
    vm.depth -= 1;
    result
}

/// Resumes a generator: `Some(value)` for the next yielded value, `None`
/// once it has returned.
pub fn resume_generator(vm: &mut Vm, gen: ObjRef) -> PyResult<Option<Value>> {
    let frame = match vm.heap.get_mut(gen) {
        Object::Generator(g) => {
            if g.finished {
                return Ok(None);
            }
            g.frame.take()
        }
        other => unreachable!("resume_generator on {other:?}"),
    };
    let Some(mut frame) = frame else {
        let cls = vm.types.value_error;
        return Err(vm.new_exception(cls, "generator already executing"));
    };
    if vm.depth >= vm.recursion_limit {
        let cls = vm.types.recursion_error;
        return Err(vm.new_exception(cls, "maximum recursion depth exceeded"));
    }
    vm.depth += 1;
    let result = run_frame(vm, &mut frame);
    vm.depth -= 1;
    let Object::Generator(g) = vm.heap.get_mut(gen) else {
        unreachable!()
    };
    match result {
        Ok(FrameExit::Yield(v)) => {
            g.frame = Some(frame);
            Ok(Some(v))
        }
        Ok(FrameExit::Return(_)) => {
            g.finished = true;
            Ok(None)
        }
        Err(e) => {
            g.finished = true;
            Err(e)
        }
    }
}

/// The `BuildClass` instruction: runs the class body in a fresh namespace
/// and creates the class; fills the `__class__` cell the body returns.
pub fn build_class(vm: &mut Vm, body: &Value, name: &Value, bases: Vec<Value>) -> PyResult<Value> {
    let Some(func) = body
        .as_ref()
        .filter(|r| matches!(vm.heap.get(*r), Object::Function(_)))
    else {
        let cls = vm.types.type_error;
        return Err(vm.new_exception(cls, "class body is not a function"));
    };
    let Value::Str(name) = name else {
        let cls = vm.types.type_error;
        return Err(vm.new_exception(cls, "class name must be a string"));
    };
    let f = callee(vm, func);
    let namespace = vm.new_dict();
    let module_name = match vm.heap.get(f.module) {
        Object::Module(m) => m.name.clone(),
        _ => PyStr::new("__main__"),
    };
    vm.setitem(
        &namespace,
        &Value::str("__module__"),
        Value::Str(module_name),
    )?;
    vm.setitem(
        &namespace,
        &Value::str("__qualname__"),
        Value::str(&f.code.qualname),
    )?;
    let mut cells: Vec<Value> = Vec::new();
    for _ in &f.code.cellvars {
        cells.push(vm.alloc(Object::Cell(None)));
    }
    cells.extend(f.closure.iter().map(|&c| Value::Ref(c)));
    let ns_ref = namespace.as_ref().expect("new_dict returns a heap dict");
    let mut frame = Frame::new(
        f.code.clone(),
        f.module,
        Namespace::ClassBody(ns_ref),
        cells,
    );
    let returned = run_to_return(vm, &mut frame)?;
    let class = vm.make_class(name.clone(), bases, namespace)?;
    if let Some(Object::Class(c)) = class.as_ref().map(|r| vm.heap.get_mut(r)) {
        c.def_span = Some(f.code.def_span);
    }
    if let Some(cell) = returned.as_ref() {
        if let Object::Cell(content) = vm.heap.get_mut(cell) {
            *content = Some(class.clone());
        }
    }
    Ok(class)
}
