//! The built-in classes, created once when a [`Vm`](super::vm::Vm) starts.
//!
//! The bootstrap allocates every built-in class (with single-inheritance
//! MROs rooted at `object`, and the exception hierarchy of CPython), fills
//! their dicts with the native method tables, and builds the `builtins`
//! module. Everything it allocates gets an id below `Vm::builtin_limit`,
//! which is how the object model tells built-in classes from user ones.

use super::heap::Heap;
use super::object::{AttrMap, Builtin, BuiltinType, Class, NativeFn, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::Vm;

/// Every built-in class the interpreter or the library needs by name.
#[derive(Clone, Debug)]
pub struct Types {
    pub object: ObjRef,
    pub type_: ObjRef,
    pub none: ObjRef,
    pub bool_: ObjRef,
    pub int: ObjRef,
    pub float: ObjRef,
    pub str_: ObjRef,
    pub bytes: ObjRef,
    pub tuple: ObjRef,
    pub list: ObjRef,
    pub dict: ObjRef,
    pub set: ObjRef,
    pub frozenset: ObjRef,
    pub function: ObjRef,
    pub builtin_function: ObjRef,
    pub method: ObjRef,
    pub module: ObjRef,
    pub cell: ObjRef,
    pub generator: ObjRef,
    pub iterator: ObjRef,
    /// `dict_keys`, `dict_values`, `dict_items`.
    pub dict_views: [ObjRef; 3],
    pub range: ObjRef,
    pub slice: ObjRef,
    pub staticmethod: ObjRef,
    pub classmethod: ObjRef,
    pub property: ObjRef,
    pub super_: ObjRef,
    pub file: ObjRef,
    pub ellipsis: ObjRef,
    pub not_implemented: ObjRef,
    pub frame: ObjRef,
    pub code: ObjRef,
    // Exceptions.
    pub base_exception: ObjRef,
    pub exception: ObjRef,
    pub system_exit: ObjRef,
    pub keyboard_interrupt: ObjRef,
    pub stop_iteration: ObjRef,
    pub arithmetic_error: ObjRef,
    pub zero_division_error: ObjRef,
    pub overflow_error: ObjRef,
    pub assertion_error: ObjRef,
    pub attribute_error: ObjRef,
    pub lookup_error: ObjRef,
    pub index_error: ObjRef,
    pub key_error: ObjRef,
    pub name_error: ObjRef,
    pub unbound_local_error: ObjRef,
    pub type_error: ObjRef,
    pub value_error: ObjRef,
    pub unicode_error: ObjRef,
    pub unicode_decode_error: ObjRef,
    pub unicode_encode_error: ObjRef,
    pub runtime_error: ObjRef,
    pub recursion_error: ObjRef,
    pub not_implemented_error: ObjRef,
    pub import_error: ObjRef,
    pub module_not_found_error: ObjRef,
    pub os_error: ObjRef,
    pub file_not_found_error: ObjRef,
    /// The other subclasses of `OSError` CPython raises for an errno.
    pub os_error_subclasses: Vec<ObjRef>,
    pub eof_error: ObjRef,
    pub memory_error: ObjRef,
}

/// Allocates a built-in class with a single base.
fn new_class(
    heap: &mut Heap,
    name: &str,
    module: &str,
    base: Option<ObjRef>,
    builtin: BuiltinType,
) -> ObjRef {
    let mut mro = Vec::new();
    if let Some(b) = base {
        if let Object::Class(c) = heap.get(b) {
            mro = c.mro.clone();
        }
    }
    let r = heap.alloc(Object::Class(Class {
        name: PyStr::new(name),
        qualname: PyStr::new(name),
        module: PyStr::new(module),
        bases: base.into_iter().collect(),
        mro: Vec::new(),
        dict: AttrMap::default(),
        builtin,
        def_span: None,
    }));
    mro.insert(0, r);
    if let Object::Class(c) = heap.get_mut(r) {
        c.mro = mro;
    }
    r
}

impl Types {
    /// Creates every built-in class in `heap`.
    fn bootstrap(heap: &mut Heap) -> Types {
        use BuiltinType as B;
        let b = "builtins";
        let object = new_class(heap, "object", b, None, B::Object);
        let o = Some(object);
        let int = new_class(heap, "int", b, o, B::Int);
        let base_exception = new_class(heap, "BaseException", b, o, B::BaseException);
        let be = Some(base_exception);
        let exception = new_class(heap, "Exception", b, be, B::BaseException);
        let ex = Some(exception);
        let exc = |heap: &mut Heap, name: &str, base: ObjRef| {
            new_class(heap, name, b, Some(base), B::BaseException)
        };
        let arithmetic_error = exc(heap, "ArithmeticError", exception);
        let lookup_error = exc(heap, "LookupError", exception);
        let name_error = exc(heap, "NameError", exception);
        let value_error = exc(heap, "ValueError", exception);
        let unicode_error = exc(heap, "UnicodeError", value_error);
        let runtime_error = exc(heap, "RuntimeError", exception);
        let import_error = exc(heap, "ImportError", exception);
        let os_error = exc(heap, "OSError", exception);
        let _ = ex;
        Types {
            object,
            type_: new_class(heap, "type", b, o, B::Type),
            none: new_class(heap, "NoneType", b, o, B::NoneType),
            bool_: new_class(heap, "bool", b, Some(int), B::Bool),
            int,
            float: new_class(heap, "float", b, o, B::Float),
            str_: new_class(heap, "str", b, o, B::Str),
            bytes: new_class(heap, "bytes", b, o, B::Bytes),
            tuple: new_class(heap, "tuple", b, o, B::Tuple),
            list: new_class(heap, "list", b, o, B::List),
            dict: new_class(heap, "dict", b, o, B::Dict),
            set: new_class(heap, "set", b, o, B::Set),
            frozenset: new_class(heap, "frozenset", b, o, B::FrozenSet),
            function: new_class(heap, "function", b, o, B::Function),
            builtin_function: new_class(
                heap,
                "builtin_function_or_method",
                b,
                o,
                B::BuiltinFunction,
            ),
            method: new_class(heap, "method", b, o, B::Method),
            module: new_class(heap, "module", b, o, B::Module),
            cell: new_class(heap, "cell", b, o, B::Cell),
            generator: new_class(heap, "generator", b, o, B::Generator),
            iterator: new_class(heap, "iterator", b, o, B::Iterator),
            dict_views: ["dict_keys", "dict_values", "dict_items"]
                .map(|name| new_class(heap, name, b, o, B::DictView)),
            range: new_class(heap, "range", b, o, B::Range),
            slice: new_class(heap, "slice", b, o, B::Slice),
            staticmethod: new_class(heap, "staticmethod", b, o, B::StaticMethod),
            classmethod: new_class(heap, "classmethod", b, o, B::ClassMethod),
            property: new_class(heap, "property", b, o, B::Property),
            super_: new_class(heap, "super", b, o, B::Super),
            file: new_class(heap, "TextIOWrapper", "_io", o, B::File),
            ellipsis: new_class(heap, "ellipsis", b, o, B::Ellipsis),
            not_implemented: new_class(heap, "NotImplementedType", b, o, B::NotImplementedType),
            frame: new_class(heap, "frame", b, o, B::Frame),
            code: new_class(heap, "code", b, o, B::Code),
            base_exception,
            exception,
            system_exit: exc(heap, "SystemExit", base_exception),
            keyboard_interrupt: exc(heap, "KeyboardInterrupt", base_exception),
            stop_iteration: exc(heap, "StopIteration", exception),
            arithmetic_error,
            zero_division_error: exc(heap, "ZeroDivisionError", arithmetic_error),
            overflow_error: exc(heap, "OverflowError", arithmetic_error),
            assertion_error: exc(heap, "AssertionError", exception),
            attribute_error: exc(heap, "AttributeError", exception),
            lookup_error,
            index_error: exc(heap, "IndexError", lookup_error),
            key_error: exc(heap, "KeyError", lookup_error),
            name_error,
            unbound_local_error: exc(heap, "UnboundLocalError", name_error),
            type_error: exc(heap, "TypeError", exception),
            value_error,
            unicode_error,
            unicode_decode_error: exc(heap, "UnicodeDecodeError", unicode_error),
            unicode_encode_error: exc(heap, "UnicodeEncodeError", unicode_error),
            runtime_error,
            recursion_error: exc(heap, "RecursionError", runtime_error),
            not_implemented_error: exc(heap, "NotImplementedError", runtime_error),
            import_error,
            module_not_found_error: exc(heap, "ModuleNotFoundError", import_error),
            os_error,
            file_not_found_error: exc(heap, "FileNotFoundError", os_error),
            os_error_subclasses: {
                let connection = exc(heap, "ConnectionError", os_error);
                let mut v = vec![connection];
                for name in [
                    "BrokenPipeError",
                    "ConnectionAbortedError",
                    "ConnectionRefusedError",
                    "ConnectionResetError",
                ] {
                    v.push(exc(heap, name, connection));
                }
                for name in [
                    "FileExistsError",
                    "PermissionError",
                    "IsADirectoryError",
                    "NotADirectoryError",
                    "InterruptedError",
                    "BlockingIOError",
                    "ChildProcessError",
                    "ProcessLookupError",
                    "TimeoutError",
                ] {
                    v.push(exc(heap, name, os_error));
                }
                v
            },
            eof_error: exc(heap, "EOFError", exception),
            memory_error: exc(heap, "MemoryError", exception),
        }
    }

    /// Every exception class, for the `builtins` module.
    pub fn exception_classes(&self) -> Vec<ObjRef> {
        vec![
            self.base_exception,
            self.exception,
            self.system_exit,
            self.keyboard_interrupt,
            self.stop_iteration,
            self.arithmetic_error,
            self.zero_division_error,
            self.overflow_error,
            self.assertion_error,
            self.attribute_error,
            self.lookup_error,
            self.index_error,
            self.key_error,
            self.name_error,
            self.unbound_local_error,
            self.type_error,
            self.value_error,
            self.unicode_error,
            self.unicode_decode_error,
            self.unicode_encode_error,
            self.runtime_error,
            self.recursion_error,
            self.not_implemented_error,
            self.import_error,
            self.module_not_found_error,
            self.os_error,
            self.file_not_found_error,
            self.eof_error,
            self.memory_error,
        ]
        .into_iter()
        .chain(self.os_error_subclasses.iter().copied())
        .collect()
    }
}

impl Vm {
    /// Creates the VM: heap, built-in classes, `builtins` module.
    pub fn new(argv: Vec<String>) -> Vm {
        let mut heap = Heap::new();
        let types = Types::bootstrap(&mut heap);
        let mut vm = Vm {
            heap,
            types,
            builtins: ObjRef(0),
            modules: indexmap::IndexMap::new(),
            sys_modules: ObjRef(0),
            sources: crate::source::SourceMap::default(),
            search_path: Vec::new(),
            argv,
            stdout: Vec::new(),
            depth: 0,
            recursion_limit: 1000,
            translating: false,
            interned: hashbrown::HashMap::new(),
            repr_active: Vec::new(),
            frames: Vec::new(),
            builtin_limit: 0,
            pending_diagnostic: None,
            preloaded: std::collections::HashMap::new(),
            function_templates: std::collections::HashMap::new(),
            files: Default::default(),
        };
        vm.install_methods();
        vm.sys_modules = vm.heap.alloc(Object::Dict(Default::default()));
        vm.builtins = super::builtins::create_module(&mut vm);
        vm.register_module("builtins", vm.builtins);
        vm.builtin_limit = vm.heap.len() as u32;
        vm
    }

    /// A native function object (unbound).
    pub fn new_builtin(&mut self, name: &str, func: NativeFn) -> Value {
        self.alloc(Object::Builtin(Builtin {
            name: PyStr::new(name),
            func,
            bound_self: None,
        }))
    }

    /// Adds native methods to the dict of the class `cls`.
    pub fn install_methods_into(&mut self, cls: ObjRef, table: super::methods::MethodTable) {
        for &(name, func) in table {
            let f = self.new_builtin(name, func);
            self.class_dict_insert(cls, name, f);
        }
    }

    fn class_dict_insert(&mut self, cls: ObjRef, name: &str, v: Value) {
        if let Object::Class(c) = self.heap.get_mut(cls) {
            c.dict.insert(PyStr::new(name), v);
        }
    }

    /// Installs a native `__new__` (a staticmethod taking the class first).
    fn install_new(&mut self, cls: ObjRef, func: NativeFn) {
        let f = self.new_builtin("__new__", func);
        let sm = self.alloc(Object::StaticMethod(f));
        self.class_dict_insert(cls, "__new__", sm);
    }

    fn install_methods(&mut self) {
        use super::constructors as k;
        use super::methods as m;
        let t = self.types.clone();
        for (cls, table) in [
            (t.list, m::list::METHODS),
            (t.tuple, m::tuple::METHODS),
            (t.dict, m::dict::METHODS),
            (t.set, m::set::METHODS),
            (t.frozenset, m::set::FROZEN_METHODS),
            (t.int, m::int::METHODS),
            (t.float, m::float::METHODS),
            (t.str_, m::str::METHODS),
            (t.bytes, m::bytes::METHODS),
            (t.file, super::file::METHODS),
            (t.object, k::OBJECT_METHODS),
            (t.base_exception, k::EXCEPTION_METHODS),
            (t.property, k::PROPERTY_METHODS),
            (t.list, super::subclass::LIST_INIT),
            (t.dict, super::subclass::DICT_INIT),
            (t.set, super::subclass::SET_INIT),
        ] {
            self.install_methods_into(cls, table);
        }
        let d = m::dunders::NUMBER;
        for (cls, table) in [
            (t.int, d),
            (t.float, d),
            (t.str_, m::dunders::TEXT),
            (t.bytes, m::dunders::TEXT),
            (t.tuple, m::dunders::SEQUENCE),
            (t.tuple, m::dunders::TUPLE),
            (t.list, m::dunders::SEQUENCE),
            (t.list, m::dunders::LIST),
            (t.dict, m::dunders::DICT),
            (t.set, m::dunders::SET),
            (t.frozenset, m::dunders::SET),
        ] {
            self.install_dunders(cls, table);
        }
        for &(name, func) in m::dict::CLASS_METHODS {
            let f = self.new_builtin(name, func);
            let cm = self.alloc(Object::ClassMethod(f));
            self.class_dict_insert(t.dict, name, cm);
        }
        for &(name, func) in m::int::CLASS_METHODS {
            let f = self.new_builtin(name, func);
            let cm = self.alloc(Object::ClassMethod(f));
            self.class_dict_insert(t.int, name, cm);
        }
        let news: [(ObjRef, NativeFn); 22] = [
            (t.object, k::object_new),
            (t.base_exception, k::exception_new),
            (t.type_, k::type_new),
            (t.int, k::int_new),
            (t.bool_, k::bool_new),
            (t.float, k::float_new),
            (t.str_, k::str_new),
            (t.bytes, k::bytes_new),
            (t.tuple, k::tuple_new),
            (t.list, k::list_new),
            (t.dict, k::dict_new),
            (t.set, k::set_new),
            (t.frozenset, k::frozenset_new),
            (t.range, k::range_new),
            (t.slice, k::slice_new),
            (t.staticmethod, k::staticmethod_new),
            (t.classmethod, k::classmethod_new),
            (t.property, k::property_new),
            (t.super_, k::super_new),
            (t.function, super::introspect::function_new),
            (t.method, k::method_new),
            (t.module, k::module_new),
        ];
        for (cls, func) in news {
            self.install_new(cls, func);
        }
        for cls in [
            t.none,
            t.builtin_function,
            t.cell,
            t.generator,
            t.iterator,
            t.file,
            t.ellipsis,
            t.not_implemented,
            t.frame,
            t.code,
        ] {
            self.install_new(cls, k::no_new);
        }
        for cls in [t.iterator, t.generator] {
            self.install_methods_into(cls, k::ITERATOR_METHODS);
        }
        let _ = BuiltinType::Object;
    }
}
