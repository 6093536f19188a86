//! Module namespaces and the registry of loaded modules.
//!
//! A module's globals are an ordinary dict object (`Object::Dict`), as in
//! CPython: `globals()`, `module.__dict__`, `vars(module)`, `f_globals`
//! and `__globals__` all answer that very dict, so import-time code that
//! injects names through it (`globals()[name] = cls`) is seen by later
//! global loads, by `getattr(module, name)` and by the translator.
//!
//! The helpers here read and write names without running Python code: a
//! str key is found by its hash and a structural comparison. A key that
//! only compares equal through Python code (an instance of a str subclass)
//! is not a name.
//!
//! `sys.modules` is a dict too, created with the VM. Every module is
//! registered there and in [`Vm::modules`] together; `import` consults
//! `sys.modules` only, so what the program stores there or deletes from
//! it counts, as in CPython, while [`Vm::modules`] keeps every module
//! ever loaded for the translator.

use super::dict::Dict;
use super::object::{Module, Object};
use super::ops::dictops::str_hash;
use super::value::{ObjRef, PyStr, Value};
use super::vm::Vm;
use crate::source::FileId;

impl Vm {
    /// A new module named `name` whose namespace is a new dict holding
    /// `items` (in order).
    pub fn new_module_object(
        &mut self,
        name: &str,
        items: impl IntoIterator<Item = (PyStr, Value)>,
        file: Option<FileId>,
    ) -> ObjRef {
        let mut dict = Dict::new();
        for (k, v) in items {
            set_name(&mut dict, &k, v);
        }
        let dict = self.heap.alloc(Object::Dict(dict));
        self.module_with_dict(name, dict, file)
    }

    /// A new module named `name` whose namespace is the existing dict
    /// `dict`.
    pub fn module_with_dict(&mut self, name: &str, dict: ObjRef, file: Option<FileId>) -> ObjRef {
        self.heap.alloc(Object::Module(Module {
            name: PyStr::new(name),
            dict,
            file,
        }))
    }

    /// The namespace dict of `module` (`None` if it is not a module).
    pub fn module_dict(&self, module: ObjRef) -> Option<ObjRef> {
        match self.heap.get(module) {
            Object::Module(m) => Some(m.dict),
            _ => None,
        }
    }

    /// The name of `module` (empty if it is not a module).
    pub fn module_name(&self, module: ObjRef) -> PyStr {
        match self.heap.get(module) {
            Object::Module(m) => m.name.clone(),
            _ => PyStr::new(""),
        }
    }

    /// The global `name` of `module`.
    pub fn module_get(&self, module: ObjRef, name: &str) -> Option<Value> {
        self.module_get_hashed(module, name, str_hash(name))
    }

    /// [`Vm::module_get`] with the hash of `name` computed by the caller
    /// (a global load tries the module, then the builtins).
    pub(crate) fn module_get_hashed(&self, module: ObjRef, name: &str, hash: u64) -> Option<Value> {
        let dict = self.namespace(module)?;
        dict.find_str(hash, name)
            .and_then(|pos| dict.entry_at(pos).map(|e| e.value.clone()))
    }

    /// True if `module` defines `name`.
    pub fn module_has(&self, module: ObjRef, name: &str) -> bool {
        self.namespace(module)
            .is_some_and(|d| d.find_str(str_hash(name), name).is_some())
    }

    /// Sets the global `name` of `module`.
    pub fn module_set(&mut self, module: ObjRef, name: &PyStr, value: Value) {
        if let Some(dict) = self.namespace_mut(module) {
            set_name(dict, name, value);
        }
    }

    /// Removes the global `name` of `module`, returning its value.
    pub fn module_remove(&mut self, module: ObjRef, name: &str) -> Option<Value> {
        let dict = self.namespace_mut(module)?;
        let pos = dict.find_str(str_hash(name), name)?;
        dict.remove_at(pos).map(|e| e.value)
    }

    /// The globals of `module` whose names are strings, in order.
    pub fn module_items(&self, module: ObjRef) -> Vec<(PyStr, Value)> {
        let Some(dict) = self.namespace(module) else {
            return Vec::new();
        };
        dict.iter()
            .filter_map(|e| match &e.key {
                Value::Str(k) => Some((k.clone(), e.value.clone())),
                _ => None,
            })
            .collect()
    }

    /// Registers a loaded module under `name`, in [`Vm::modules`] and in
    /// `sys.modules`.
    pub fn register_module(&mut self, name: &str, module: ObjRef) {
        let key = PyStr::new(name);
        self.modules.insert(key.clone(), module);
        if let Object::Dict(d) = self.heap.get_mut(self.sys_modules) {
            set_name(d, &key, Value::Ref(module));
        }
    }

    /// Forgets the module `name` (its body failed).
    pub fn unregister_module(&mut self, name: &str) {
        self.modules.shift_remove(&PyStr::new(name));
        if let Object::Dict(d) = self.heap.get_mut(self.sys_modules) {
            if let Some(pos) = d.find_str(str_hash(name), name) {
                d.remove_at(pos);
            }
        }
    }

    /// The module `name` if `sys.modules` has it (possibly an object the
    /// program stored there itself).
    pub fn loaded_module(&self, name: &str) -> Option<ObjRef> {
        match self.heap.get(self.sys_modules) {
            Object::Dict(d) => d
                .find_str(str_hash(name), name)
                .and_then(|pos| d.entry_at(pos))
                .and_then(|e| e.value.as_ref()),
            _ => None,
        }
    }

    fn namespace(&self, module: ObjRef) -> Option<&Dict> {
        match self.heap.get(self.module_dict(module)?) {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }

    fn namespace_mut(&mut self, module: ObjRef) -> Option<&mut Dict> {
        let dict = self.module_dict(module)?;
        match self.heap.get_mut(dict) {
            Object::Dict(d) => Some(d),
            _ => None,
        }
    }
}

/// Sets the str key `name` of `dict`.
fn set_name(dict: &mut Dict, name: &PyStr, value: Value) {
    let hash = str_hash(name);
    match dict.find_str(hash, name) {
        Some(pos) => dict.set_value_at(pos, value),
        None => dict.insert_new(hash, Value::Str(name.clone()), value),
    }
}
