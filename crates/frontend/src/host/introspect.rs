//! Introspection: frame objects (`sys._getframe`), code objects, and the
//! function attributes and constructor that expose and reuse them
//! (`f.__code__`, `f.__globals__`, `f.__closure__`, `f.__kwdefaults__`,
//! `types.FunctionType(code, globals, name, defaults, closure)`).
//!
//! Import-time meta-programming needs these: `import_from_mixin` writes
//! into the namespace of the class body being executed through
//! `sys._getframe(1).f_locals`, and copies functions with `FunctionType`.
//!
//! What a frame object shows is limited by how the interpreter runs:
//! the frames being executed are recorded on `Vm::frames` (code, module,
//! namespace) while their locals live in the Rust frames of the
//! interpreter loop. So `f_locals` is the live namespace of a class or
//! module body, and not available for a function body; `f_globals` and
//! `__globals__` are the module's own dict (see `namespace.rs`).

use super::args::bind;
use super::interp::Namespace;
use super::object::{Args, FrameObject, Function, Object};
use super::ops::repr::fake_address;
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::bytecode::CodeObject;
use std::sync::Arc;

/// `sys._getframe(depth=0)`: the frame `depth` calls out from the caller.
pub fn sys_getframe(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(vm, "_getframe", args, &["depth"], 0)?;
    let depth = match &slots[0] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let n = vm.frames.len();
    if depth < 0 || depth as usize >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    let stack: Arc<[_]> = vm.frames.iter().cloned().collect();
    let index = n - 1 - depth as usize;
    Ok(vm.alloc(Object::Frame(FrameObject { stack, index })))
}

impl Vm {
    /// The attributes of a frame object.
    pub(crate) fn frame_attr(
        &mut self,
        frame: &FrameObject,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let info = &frame.stack[frame.index];
        Ok(Some(match name {
            "f_code" => {
                let code = info.code.clone();
                self.alloc(Object::Code(code))
            }
            "f_globals" => self.globals_dict(info.module),
            "f_locals" => match info.namespace {
                Namespace::ClassBody(ns) => Value::Ref(ns),
                Namespace::Module(m) => self.globals_dict(m),
                Namespace::None => {
                    return Err(self.runtime_error(
                        "the locals of a function frame (f_locals) are not available \
                         in the import-time interpreter",
                    ))
                }
            },
            "f_back" => match frame.index {
                0 => Value::None,
                i => self.alloc(Object::Frame(FrameObject {
                    stack: frame.stack.clone(),
                    index: i - 1,
                })),
            },
            "f_builtins" => {
                let b = self.builtins;
                self.globals_dict(b)
            }
            _ => return Ok(None),
        }))
    }

    /// The attributes of a code object.
    pub(crate) fn code_attr(&mut self, code: &CodeObject, name: &str) -> Option<Value> {
        let names = |v: &[Arc<str>]| Value::tuple(v.iter().map(|s| Value::str(s)).collect());
        // The compiler's hidden temporaries (`$...`) are not variables.
        let varnames: Vec<Arc<str>> = code
            .varnames
            .iter()
            .filter(|n| !n.starts_with('$'))
            .cloned()
            .collect();
        Some(match name {
            "co_name" => Value::str(&code.name),
            "co_qualname" => Value::str(&code.qualname),
            "co_filename" => Value::string(self.code_file(code)),
            "co_firstlineno" => Value::Int(self.code_line(code) as i64),
            "co_argcount" => Value::Int(code.argcount as i64),
            "co_posonlyargcount" => Value::Int(code.posonlyargcount as i64),
            "co_kwonlyargcount" => Value::Int(code.kwonlyargcount as i64),
            "co_nlocals" => Value::Int(varnames.len() as i64),
            "co_varnames" => names(&varnames),
            "co_flags" => Value::Int(code_flags(code)),
            "co_cellvars" => names(&code.cellvars),
            "co_freevars" => names(&code.freevars),
            "co_names" => Value::tuple(code.names.iter().map(|s| Value::Str(s.clone())).collect()),
            _ => return None,
        })
    }

    /// `<code object f at 0x..., file "x.py", line 3>`.
    pub(crate) fn code_repr(&self, r: ObjRef, code: &CodeObject) -> String {
        format!(
            "<code object {} at {}, file \"{}\", line {}>",
            code.name,
            fake_address(r),
            self.code_file(code),
            self.code_line(code)
        )
    }

    /// `<frame at 0x..., file 'x.py', code f>`.
    pub(crate) fn frame_repr(&self, r: ObjRef, frame: &FrameObject) -> String {
        let code = &frame.stack[frame.index].code;
        format!(
            "<frame at {}, file '{}', code {}>",
            fake_address(r),
            self.code_file(code),
            code.name
        )
    }

    /// The path of the file a code object comes from.
    fn code_file(&self, code: &CodeObject) -> String {
        let id = code.def_span.file;
        match self.sources.files().find(|(f, _)| *f == id) {
            Some((_, f)) => f.path.display().to_string(),
            None => "<unknown>".to_owned(),
        }
    }

    /// The line of a code object's definition.
    fn code_line(&self, code: &CodeObject) -> u32 {
        let id = code.def_span.file;
        match self.sources.files().find(|(f, _)| *f == id) {
            Some((_, f)) => f.line_col(code.def_span.start).0,
            None => 0,
        }
    }

    /// The namespace dict of a module: what `f_globals` and `__globals__`
    /// show.
    fn globals_dict(&self, module: ObjRef) -> Value {
        self.module_dict(module).map_or(Value::None, Value::Ref)
    }

    /// The function attributes that are not stored in its `__dict__`
    /// (beyond `__name__` and the like, which `class.rs` answers).
    pub(crate) fn function_attr(&mut self, func: ObjRef, name: &str) -> Option<Value> {
        let Object::Function(f) = self.heap.get(func) else {
            return None;
        };
        Some(match name {
            "__code__" => {
                let code = f.code.clone();
                self.alloc(Object::Code(code))
            }
            "__globals__" => {
                let m = f.module;
                self.globals_dict(m)
            }
            "__closure__" => {
                if f.closure.is_empty() {
                    Value::None
                } else {
                    Value::tuple(f.closure.iter().map(|&c| Value::Ref(c)).collect())
                }
            }
            "__kwdefaults__" => {
                if f.kwdefaults.is_empty() {
                    Value::None
                } else {
                    let items = f.kwdefaults.clone();
                    let d = self.new_dict();
                    for (k, v) in items {
                        let _ = self.dict_set(&d, Value::Str(k), v);
                    }
                    d
                }
            }
            _ => return None,
        })
    }

    /// Sets `__defaults__` or `__kwdefaults__` of a function; false for
    /// other names (stored in the function's `__dict__` by the caller).
    pub(crate) fn set_function_defaults(
        &mut self,
        func: ObjRef,
        name: &str,
        value: &Value,
    ) -> PyResult<bool> {
        match name {
            "__defaults__" => {
                let defaults = match value {
                    Value::None => Vec::new(),
                    Value::Tuple(t) => t.to_vec(),
                    _ => return Err(self.type_error("__defaults__ must be set to a tuple object")),
                };
                if let Object::Function(f) = self.heap.get_mut(func) {
                    f.defaults = defaults;
                }
                Ok(true)
            }
            "__kwdefaults__" => {
                let kwdefaults = match value {
                    Value::None => Vec::new(),
                    Value::Ref(_) if self.is_dict(value) => {
                        let mut out = Vec::new();
                        for (k, v) in self.dict_items(value) {
                            out.push((self.to_pystr(&k, "keyword-only default name")?, v));
                        }
                        out
                    }
                    _ => return Err(self.type_error("__kwdefaults__ must be set to a dict object")),
                };
                if let Object::Function(f) = self.heap.get_mut(func) {
                    f.kwdefaults = kwdefaults;
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn is_dict(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Dict(_)))
    }

    /// The module whose namespace is the dict `globals`: a loaded module,
    /// else a new module object sharing the dict.
    fn module_for_globals(&mut self, globals: &Value) -> PyResult<ObjRef> {
        let Some(dict) = globals.as_ref().filter(|_| self.is_dict(globals)) else {
            let t = self.type_name(globals);
            return Err(self.type_error(format!(
                "function() argument 'globals' must be dict, not {t}"
            )));
        };
        let loaded = self.modules.values().copied();
        if let Some(m) = loaded
            .into_iter()
            .find(|&m| self.module_dict(m) == Some(dict))
        {
            return Ok(m);
        }
        let name = match self.dict_get(globals, &Value::str("__name__"))? {
            Some(Value::Str(s)) => s,
            _ => PyStr::new("__main__"),
        };
        Ok(self.module_with_dict(&name, dict, None))
    }
}

/// `co_flags` as CPython computes it for the same code: optimized and
/// new locals for functions, `*args`, `**kwargs`, nested, generator.
fn code_flags(code: &CodeObject) -> i64 {
    use crate::bytecode::CodeKind;
    const OPTIMIZED_NEWLOCALS: i64 = 0x1 | 0x2;
    const VARARGS: i64 = 0x4;
    const VARKEYWORDS: i64 = 0x8;
    const NESTED: i64 = 0x10;
    const GENERATOR: i64 = 0x20;
    let mut flags = match code.kind {
        CodeKind::Module | CodeKind::Class => 0,
        CodeKind::Function | CodeKind::Lambda | CodeKind::Comprehension => OPTIMIZED_NEWLOCALS,
    };
    if code.varargs {
        flags |= VARARGS;
    }
    if code.varkw {
        flags |= VARKEYWORDS;
    }
    if code.qualname.contains("<locals>") {
        flags |= NESTED;
    }
    if code.is_generator {
        flags |= GENERATOR;
    }
    flags
}

/// `function(code, globals, name=None, argdefs=None, closure=None)`, the
/// constructor of `types.FunctionType`.
pub fn function_new(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    if !args.args.is_empty() {
        // The class.
        args.args.remove(0);
    }
    let names = ["code", "globals", "name", "argdefs", "closure"];
    let slots = bind(vm, "function", args, &names, 2)?;
    let code = match slots[0].as_ref().and_then(|c| c.as_ref()) {
        Some(r) => match vm.heap.get(r) {
            Object::Code(c) => c.clone(),
            _ => return Err(vm.type_error("function() argument 'code' must be code")),
        },
        None => return Err(vm.type_error("function() argument 'code' must be code")),
    };
    let globals = slots[1].clone().unwrap_or(Value::None);
    let module = vm.module_for_globals(&globals)?;
    let name = match &slots[2] {
        None | Some(Value::None) => PyStr::new(&code.name),
        Some(v) => vm.to_pystr(v, "arg 3 (name)")?,
    };
    let defaults = match &slots[3] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(_) => return Err(vm.type_error("arg 4 (defaults) must be None or tuple")),
    };
    let closure = match &slots[4] {
        None | Some(Value::None) => Vec::new(),
        Some(Value::Tuple(t)) => {
            let mut cells = Vec::with_capacity(t.len());
            for c in t.iter() {
                match c {
                    Value::Ref(r) if matches!(vm.heap.get(*r), Object::Cell(_)) => cells.push(*r),
                    _ => return Err(vm.type_error("arg 5 (closure) expected cell")),
                }
            }
            cells
        }
        Some(_) => return Err(vm.type_error("arg 5 (closure) must be tuple")),
    };
    if closure.len() != code.freevars.len() {
        return Err(vm.value_error(format!(
            "{} requires closure of length {}, not {}",
            code.name,
            code.freevars.len(),
            closure.len()
        )));
    }
    Ok(vm.alloc(Object::Function(Function {
        qualname: PyStr::new(&code.qualname),
        code,
        module,
        name,
        defaults,
        kwdefaults: Vec::new(),
        closure,
        dict: Default::default(),
    })))
}
