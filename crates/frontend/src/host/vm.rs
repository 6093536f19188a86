//! The host virtual machine: the heap, the built-in classes and modules,
//! the loaded modules, and the output buffers.
//!
//! Operations on values (`binary_op`, `getattr`, `call`, ...) are methods of
//! [`Vm`] spread over the modules of `host/`: this file has the state and
//! the exception plumbing.

use super::heap::Heap;
use super::object::Object;
use super::types::Types;
use super::value::{ObjRef, PyStr, Value};
use crate::source::{SourceMap, Span};
use std::path::PathBuf;

/// A Python exception in flight: the exception instance plus where it
/// passed (innermost first), for diagnostics about import-time failures.
#[derive(Clone, Debug)]
pub struct Exc(pub Box<ExcInfo>);

#[derive(Clone, Debug)]
pub struct ExcInfo {
    /// The exception instance.
    pub value: Value,
    /// Spans of the instructions the exception unwound through, innermost
    /// first.
    pub traceback: Vec<Span>,
}

impl Exc {
    pub fn new(value: Value) -> Exc {
        Exc(Box::new(ExcInfo {
            value,
            traceback: Vec::new(),
        }))
    }

    pub fn value(&self) -> &Value {
        &self.0.value
    }
}

pub type PyResult<T> = Result<T, Exc>;

/// The host interpreter's whole state.
pub struct Vm {
    pub heap: Heap,
    pub types: Types,
    /// The `builtins` module.
    pub builtins: ObjRef,
    /// Loaded modules by dotted name, in the order they were loaded (the
    /// modules of `sys.modules`; see `namespace.rs`).
    pub modules: indexmap::IndexMap<PyStr, ObjRef>,
    /// The dict `sys.modules`.
    pub sys_modules: ObjRef,
    /// Source files read so far.
    pub sources: SourceMap,
    /// Directories searched by `import`, in order.
    pub search_path: Vec<PathBuf>,
    /// `sys.argv` as given to the program.
    pub argv: Vec<String>,
    /// Buffered standard output (flushed before `os.write` and at exit).
    pub stdout: Vec<u8>,
    /// Current Python call depth, for RecursionError.
    pub depth: u32,
    /// The maximum call depth (`sys.getrecursionlimit()`).
    pub recursion_limit: u32,
    /// True when running the translator's import (not `rpy run`):
    /// `we_are_translated()` still answers False at import time.
    pub translating: bool,
    /// A diagnostic found while importing (a syntax error in an imported
    /// module), reported instead of the ImportError it caused.
    pub pending_diagnostic: Option<crate::diag::Diagnostic>,
    /// Modules compiled ahead of time by the driver's database, by path;
    /// `import` uses them instead of reading and compiling files.
    pub preloaded: std::collections::HashMap<PathBuf, PreloadedModule>,
    /// Interned attribute names used by the object model (`__init__` ...).
    pub interned: hashbrown::HashMap<&'static str, PyStr>,
    /// Containers whose `repr` is in progress (prints `[...]` on a cycle).
    pub repr_active: Vec<ObjRef>,
    /// The Python frames being executed, innermost last (what
    /// `sys._getframe` reads).
    pub frames: Vec<super::object::FrameInfo>,
    /// Every object allocated during bootstrap has an id below this: the
    /// built-in classes, their methods and the `builtins` module.
    pub builtin_limit: u32,
    /// Function objects standing for nested functions the flow space saw
    /// defined at run time, by code object address (see `flowspace`).
    pub function_templates: std::collections::HashMap<usize, ObjRef>,
    /// Files opened by the program (`open`, `os.open`), by descriptor.
    pub files: crate::host::file::FileTable,
}

/// A module compiled ahead of time (see [`Vm::preloaded`]).
#[derive(Clone, Debug)]
pub struct PreloadedModule {
    pub file: crate::source::FileId,
    pub text: std::sync::Arc<str>,
    pub code: Result<std::sync::Arc<crate::bytecode::CodeObject>, crate::diag::Diagnostic>,
}

impl Vm {
    /// Flushes buffered standard output to file descriptor 1.
    pub fn flush_stdout(&mut self) {
        use std::io::Write;
        if !self.stdout.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&self.stdout);
            let _ = out.flush();
            self.stdout.clear();
        }
    }

    /// Appends to buffered standard output.
    pub fn write_stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
        if self.stdout.len() > 1 << 16 {
            self.flush_stdout();
        }
    }

    /// Allocates a heap object and returns it as a value.
    pub fn alloc(&mut self, obj: Object) -> Value {
        Value::Ref(self.heap.alloc(obj))
    }

    pub fn new_list(&mut self, items: Vec<Value>) -> Value {
        self.alloc(Object::List(items))
    }

    /// The interned `PyStr` for a name the object model looks up often.
    pub fn intern(&mut self, name: &'static str) -> PyStr {
        self.interned
            .entry(name)
            .or_insert_with(|| PyStr::new(name))
            .clone()
    }
}
