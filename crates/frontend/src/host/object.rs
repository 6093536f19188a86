//! Heap objects: everything with identity or mutable state.

use super::dict::Dict;
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::bytecode::CodeObject;
use crate::host::interp::Frame;
use std::sync::Arc;

/// Attribute namespaces of classes, instances and modules: insertion
/// ordered, keyed by name (with a fast deterministic hasher).
pub type AttrMap = indexmap::IndexMap<PyStr, Value, super::hashing::BuildNameHasher>;

/// Arguments of a native call.
#[derive(Clone, Debug, Default)]
pub struct Args {
    pub args: Vec<Value>,
    pub kwargs: Vec<(PyStr, Value)>,
}

impl Args {
    pub fn new(args: Vec<Value>) -> Args {
        Args {
            args,
            kwargs: Vec::new(),
        }
    }
}

/// A function implemented in Rust. Receives `self` (for methods) as the
/// first positional argument.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult<Value>;

/// A native function or method.
#[derive(Clone)]
pub struct Builtin {
    pub name: PyStr,
    pub func: NativeFn,
    /// For a bound native method: the receiver, passed as first argument.
    pub bound_self: Option<Value>,
}

impl std::fmt::Debug for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<builtin {}>", self.name.as_str())
    }
}

/// A function written in Python.
#[derive(Clone, Debug)]
pub struct Function {
    pub code: Arc<CodeObject>,
    /// The module (an [`Object::Module`]) whose namespace is its globals.
    pub module: ObjRef,
    pub name: PyStr,
    pub qualname: PyStr,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(PyStr, Value)>,
    /// Cells, one per `code.freevars`.
    pub closure: Vec<ObjRef>,
    /// `__dict__` of the function (decorators sometimes set attributes).
    pub dict: AttrMap,
}

/// Marks classes implemented natively (int, str, list, ...), so the
/// interpreter knows the layout of their instances.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BuiltinType {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Cell,
    Generator,
    Iterator,
    Range,
    Slice,
    StaticMethod,
    ClassMethod,
    Property,
    Super,
    File,
    BaseException,
    Ellipsis,
    NotImplementedType,
    Frame,
    Code,
    DictView,
}

/// A class: user-defined or built in.
#[derive(Clone, Debug)]
pub struct Class {
    pub name: PyStr,
    pub qualname: PyStr,
    /// The module name, for `repr` (`__main__.Foo`).
    pub module: PyStr,
    pub bases: Vec<ObjRef>,
    /// The C3 linearisation, starting with the class itself.
    pub mro: Vec<ObjRef>,
    pub dict: AttrMap,
    /// The nearest built-in class in the MRO (`Object` for plain classes);
    /// decides the layout of instances (an exception, a list subclass ...).
    pub builtin: BuiltinType,
    /// The `class` statement that made it, for diagnostics (none for the
    /// built-in classes and classes made by calling `type`).
    pub def_span: Option<crate::source::Span>,
}

/// An instance of a user class (or of a built-in exception class).
#[derive(Clone, Debug)]
pub struct Instance {
    pub class: ObjRef,
    pub dict: AttrMap,
    /// For an instance of a user subclass of a data-holding built-in type
    /// (`int`, `float`, `str`, `bytes`, `tuple`, `list`, `dict`, `set`):
    /// the built-in value it stands for. Immutable values are held inline;
    /// a list, dict or set is a separate heap object (see `subclass.rs`).
    pub base_value: Option<Value>,
}

#[derive(Clone, Debug)]
pub struct Module {
    pub name: PyStr,
    /// The namespace (globals of its functions): an `Object::Dict` (see
    /// `namespace.rs`).
    pub dict: ObjRef,
    /// The file it was loaded from, if any.
    pub file: Option<crate::source::FileId>,
}

/// A Python frame being executed, as `sys._getframe` sees it: the code,
/// the module of its globals, and where `LoadName`/`StoreName` go.
#[derive(Clone, Debug)]
pub struct FrameInfo {
    pub code: Arc<CodeObject>,
    pub module: ObjRef,
    pub namespace: crate::host::interp::Namespace,
}

/// A frame object (`sys._getframe()`): a snapshot of the stack of frames
/// being executed when it was made, and its position in it (`f_back` is
/// the same snapshot one position further out).
#[derive(Clone, Debug)]
pub struct FrameObject {
    pub stack: Arc<[FrameInfo]>,
    pub index: usize,
}

/// A suspended generator.
#[derive(Clone, Debug)]
pub struct Generator {
    pub name: PyStr,
    /// `None` while running or once finished.
    pub frame: Option<Box<Frame<Value>>>,
    pub finished: bool,
}

/// The state of a built-in iterator.
#[derive(Clone, Debug)]
pub enum IterState {
    /// Over a list, by index (sees appends, as CPython does).
    List {
        list: ObjRef,
        index: usize,
    },
    /// Over any fixed sequence of values (tuple items, dict keys snapshot,
    /// characters of a string ...).
    Seq {
        items: Arc<[Value]>,
        index: usize,
    },
    Range {
        next: i64,
        stop: i64,
        step: i64,
    },
    /// `enumerate(it, start)`.
    Enumerate {
        inner: Value,
        count: i64,
    },
    /// `zip(a, b, ...)`.
    Zip {
        inners: Vec<Value>,
    },
    /// `map(f, it)` and `filter(f, it)`.
    Map {
        func: Value,
        inner: Value,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    /// Over the keys, values or items of a dict or the items of a set, by
    /// entry position. As CPython: a change of size since iteration began
    /// is an error (`size` becomes `usize::MAX` once reported), and so is
    /// an item more than `left` counts (keys deleted and others added).
    DictKeys {
        dict: ObjRef,
        pos: usize,
        size: usize,
        left: usize,
        kind: DictViewKind,
    },
    /// `map(f, a, b, ...)` with several iterables: `inner` is a zip
    /// iterator whose tuples are spread into the call.
    StarMap {
        func: Value,
        inner: Value,
    },
    /// `iter(callable, sentinel)` is not needed; `reversed(list)`:
    Reversed {
        list: ObjRef,
        index: usize,
    },
}

/// A file object (`open()`, `sys.stdin` ...). Writes go straight to the
/// descriptor (fd 1 through the VM's stdout buffer), so nothing is lost if
/// the program never closes it.
#[derive(Debug)]
pub struct File {
    pub fd: i32,
    pub name: PyStr,
    pub mode: PyStr,
    pub binary: bool,
    pub closed: bool,
    /// Read-ahead buffer for `readline`; bytes before `read_pos` were
    /// consumed already.
    pub read_buf: Vec<u8>,
    pub read_pos: usize,
}

/// Every kind of heap object.
#[derive(Debug)]
pub enum Object {
    List(Vec<Value>),
    Dict(Dict),
    /// A set or frozenset: a dict whose values are all `None`.
    Set {
        items: Dict,
        frozen: bool,
    },
    Instance(Instance),
    Function(Function),
    Builtin(Builtin),
    Class(Class),
    Module(Module),
    Cell(Option<Value>),
    Generator(Generator),
    Iterator(IterState),
    StaticMethod(Value),
    ClassMethod(Value),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        /// The `doc` argument (`None`: the getter's docstring).
        doc: Value,
    },
    /// `super(cls, obj)`: attribute lookup starts after `class` in the MRO of
    /// `type(obj)`.
    Super {
        class: ObjRef,
        obj: Value,
    },
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Slice {
        start: Value,
        stop: Value,
        step: Value,
    },
    File(File),
    Frame(FrameObject),
    /// A code object (`f.__code__`, `frame.f_code`).
    Code(Arc<CodeObject>),
    /// `d.keys()`, `d.values()` or `d.items()`: a live view of a dict.
    DictView {
        dict: ObjRef,
        kind: DictViewKind,
    },
}

/// What a dict view (and an iterator over a dict) yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictViewKind {
    Keys,
    Values,
    Items,
}

impl DictViewKind {
    /// The view's type name (`dict_keys` ...).
    pub fn type_name(self) -> &'static str {
        match self {
            DictViewKind::Keys => "dict_keys",
            DictViewKind::Values => "dict_values",
            DictViewKind::Items => "dict_items",
        }
    }
}
