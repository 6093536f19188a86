//! Classes: creation (C3 MRO, layout), attribute lookup with descriptors,
//! and special-method dispatch.
//!
//! Attribute lookup on an instance follows CPython: data descriptors
//! (properties) in the class MRO win, then the instance dict, then other
//! class attributes, where functions bind into bound methods, native
//! methods bind their receiver, and staticmethod/classmethod unwrap.
//! Instances of user classes defining `__get__` are descriptors too (data
//! descriptors when they also define `__set__` or `__delete__`).
//! Special methods (`__add__`, `__eq__` ...) are looked up on the type
//! only, skipping the built-in classes whose behaviour is native.

use super::object::{BuiltinType, Class, Instance, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::host::value::BoundMethod;
use std::sync::Arc;

impl Vm {
    /// The class of a value.
    pub fn type_of(&self, v: &Value) -> ObjRef {
        let t = &self.types;
        match v {
            Value::None => t.none,
            Value::Ellipsis => t.ellipsis,
            Value::NotImplemented => t.not_implemented,
            Value::Bool(_) => t.bool_,
            Value::Int(_) | Value::BigInt(_) => t.int,
            Value::Float(_) => t.float,
            Value::Str(_) => t.str_,
            Value::Bytes(_) => t.bytes,
            Value::Tuple(_) => t.tuple,
            Value::Method(m) => match &m.func {
                // A native method bound to its receiver, like `[].append`.
                Value::Ref(f) if matches!(self.heap.get(*f), Object::Builtin(_)) => {
                    t.builtin_function
                }
                _ => t.method,
            },
            Value::Ref(r) => match self.heap.get(*r) {
                Object::List(_) => t.list,
                Object::Dict(_) => t.dict,
                Object::Set { frozen: false, .. } => t.set,
                Object::Set { frozen: true, .. } => t.frozenset,
                Object::Instance(i) => i.class,
                Object::Function(_) => t.function,
                Object::Builtin(_) => t.builtin_function,
                Object::Class(_) => t.type_,
                Object::Module(_) => t.module,
                Object::Cell(_) => t.cell,
                Object::Generator(_) => t.generator,
                Object::Iterator(_) => t.iterator,
                Object::StaticMethod(_) => t.staticmethod,
                Object::ClassMethod(_) => t.classmethod,
                Object::Property { .. } => t.property,
                Object::Super { .. } => t.super_,
                Object::Range { .. } => t.range,
                Object::Slice { .. } => t.slice,
                Object::File(_) => t.file,
                Object::Frame(_) => t.frame,
                Object::Code(_) => t.code,
                Object::DictView { kind, .. } => t.dict_views[*kind as usize],
            },
        }
    }

    /// The class object at `r` (which must be a class).
    pub fn class(&self, r: ObjRef) -> &Class {
        match self.heap.get(r) {
            Object::Class(c) => c,
            other => unreachable!("expected a class, found {other:?}"),
        }
    }

    /// True if `v` is a class.
    pub fn is_class(&self, v: &Value) -> bool {
        matches!(v, Value::Ref(r) if matches!(self.heap.get(*r), Object::Class(_)))
    }

    /// `issubclass(sub, sup)` for two classes.
    pub fn is_subclass(&self, sub: ObjRef, sup: ObjRef) -> bool {
        sub == sup || self.class(sub).mro.contains(&sup)
    }

    /// `isinstance(v, cls)` for one class.
    pub fn isinstance(&self, v: &Value, cls: ObjRef) -> bool {
        self.is_subclass(self.type_of(v), cls)
    }

    /// Looks `name` up in the MRO of `cls` (no binding).
    pub fn lookup(&self, cls: ObjRef, name: &PyStr) -> Option<Value> {
        let c = self.class(cls);
        for &k in &c.mro {
            if let Some(v) = self.class(k).dict.get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Like [`Vm::lookup`] but skipping built-in classes: finds special
    /// methods defined in Python.
    pub fn lookup_user(&self, cls: ObjRef, name: &PyStr) -> Option<Value> {
        if cls.0 < self.builtin_limit {
            return None;
        }
        let c = self.class(cls);
        for &k in &c.mro {
            if k.0 < self.builtin_limit {
                continue;
            }
            if let Some(v) = self.class(k).dict.get(name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// True if the type of `v` defines the special method `name` in Python.
    pub fn has_special(&mut self, v: &Value, name: &'static str) -> bool {
        let cls = self.type_of(v);
        let name = self.intern(name);
        self.lookup_user(cls, &name).is_some()
    }

    /// Calls the Python-defined special method `name` of `v`'s type with
    /// `args`; `None` if the type does not define it.
    pub fn call_special(
        &mut self,
        v: &Value,
        name: &'static str,
        args: Vec<Value>,
    ) -> PyResult<Option<Value>> {
        let cls = self.type_of(v);
        if cls.0 < self.builtin_limit {
            return Ok(None);
        }
        let name = self.intern(name);
        let Some(attr) = self.lookup_user(cls, &name) else {
            return Ok(None);
        };
        let bound = self.bind(attr, v.clone(), cls)?;
        let mut full = args;
        match bound {
            Bound::Unbound(f) => {
                full.insert(0, v.clone());
                self.call_positional(&f, full).map(Some)
            }
            Bound::Value(f) => self.call_positional(&f, full).map(Some),
        }
    }

    /// Applies the descriptor protocol to a class attribute found for
    /// `obj` (an instance of `cls`). Plain functions are returned as
    /// [`Bound::Unbound`] so hot paths can call them without allocating a
    /// bound method.
    fn bind(&mut self, attr: Value, obj: Value, cls: ObjRef) -> PyResult<Bound> {
        let Value::Ref(r) = attr else {
            return Ok(Bound::Value(attr));
        };
        Ok(match self.heap.get(r) {
            Object::Function(_) => Bound::Unbound(attr),
            Object::Builtin(b) if b.bound_self.is_none() => Bound::Unbound(attr),
            Object::StaticMethod(f) => Bound::Value(f.clone()),
            Object::ClassMethod(f) => {
                let f = f.clone();
                Bound::Value(Value::Method(Arc::new(BoundMethod {
                    func: f,
                    receiver: Value::Ref(cls),
                })))
            }
            Object::Property { fget, .. } => {
                let fget = fget.clone();
                if fget.is_none() {
                    return Err(self.attribute_error("unreadable attribute"));
                }
                Bound::Value(self.call_positional(&fget, vec![obj])?)
            }
            Object::Instance(_) => match self.descriptor_method(&attr, "__get__") {
                Some(get) => {
                    Bound::Value(self.call_positional(&get, vec![attr, obj, Value::Ref(cls)])?)
                }
                None => Bound::Value(attr),
            },
            _ => Bound::Value(attr),
        })
    }

    /// Materialises a binding as a value (allocating the bound method).
    fn bound_value(&mut self, b: Bound, obj: Value) -> Value {
        match b {
            Bound::Value(v) => v,
            Bound::Unbound(f) => self.bind_method(f, obj),
        }
    }

    /// `f` bound to `obj`: a bound method, or a native method with its
    /// receiver.
    pub fn bind_method(&mut self, f: Value, obj: Value) -> Value {
        Value::Method(Arc::new(BoundMethod {
            func: f,
            receiver: obj,
        }))
    }

    /// `obj.name(*args)` without allocating a bound method when possible.
    pub fn call_method(
        &mut self,
        obj: &Value,
        name: &PyStr,
        args: super::object::Args,
    ) -> PyResult<Value> {
        let cls = self.type_of(obj);
        let in_dict = match obj {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Instance(i) => i.dict.contains_key(name),
                Object::Class(_) | Object::Module(_) => true,
                _ => false,
            },
            _ => false,
        };
        if !in_dict {
            if let Some(attr) = self.lookup(cls, name) {
                return match self.bind(attr, obj.clone(), cls)? {
                    Bound::Unbound(f) => self.call(&f, args.with_self(obj.clone())),
                    Bound::Value(f) => self.call(&f, args),
                };
            }
        }
        let f = self.getattr(obj, name)?;
        self.call(&f, args)
    }

    pub fn getattr(&mut self, obj: &Value, name: &PyStr) -> PyResult<Value> {
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    fn no_attribute(&mut self, obj: &Value, name: &PyStr) -> super::vm::Exc {
        let msg = match obj {
            Value::Ref(r) => match self.heap.get(*r) {
                Object::Class(c) => format!(
                    "type object '{}' has no attribute '{}'",
                    c.name.as_str(),
                    name.as_str()
                ),
                Object::Module(m) => format!(
                    "module '{}' has no attribute '{}'",
                    m.name.as_str(),
                    name.as_str()
                ),
                _ => format!(
                    "'{}' object has no attribute '{}'",
                    self.type_name(obj),
                    name.as_str()
                ),
            },
            _ => format!(
                "'{}' object has no attribute '{}'",
                self.type_name(obj),
                name.as_str()
            ),
        };
        self.attribute_error(msg)
    }

    /// `getattr(obj, name)`, or `None` when the attribute does not exist.
    pub fn getattr_opt(&mut self, obj: &Value, name: &PyStr) -> PyResult<Option<Value>> {
        if let Value::Method(m) = obj {
            return match name.as_str() {
                "__self__" => Ok(Some(m.receiver.clone())),
                "__func__" => Ok(Some(m.func.clone())),
                _ => {
                    let func = m.func.clone();
                    self.getattr_opt(&func, name)
                }
            };
        }
        if let Value::Ref(r) = obj {
            let r = *r;
            match self.heap.get(r) {
                Object::Instance(inst) => {
                    let cls = inst.class;
                    let class_attr = self.lookup(cls, name);
                    if let Some(a) = &class_attr {
                        if self.is_data_descriptor(a) {
                            let b = self.bind(a.clone(), obj.clone(), cls)?;
                            return Ok(Some(self.bound_value(b, obj.clone())));
                        }
                    }
                    if let Object::Instance(inst) = self.heap.get(r) {
                        if let Some(v) = inst.dict.get(name) {
                            return Ok(Some(v.clone()));
                        }
                    }
                    if let Some(attr) = class_attr {
                        let b = self.bind(attr, obj.clone(), cls)?;
                        return Ok(Some(self.bound_value(b, obj.clone())));
                    }
                    if let Some(v) = self.special_attr(obj, name)? {
                        return Ok(Some(v));
                    }
                    let ga = self.intern("__getattr__");
                    if let Some(f) = self.lookup_user(cls, &ga) {
                        let attr_error = self.types.attribute_error;
                        return match self
                            .call_positional(&f, vec![obj.clone(), Value::Str(name.clone())])
                        {
                            Ok(v) => Ok(Some(v)),
                            Err(e) if self.exc_is(&e, attr_error) => Ok(None),
                            Err(e) => Err(e),
                        };
                    }
                    return Ok(None);
                }
                Object::Class(c) => {
                    let mut found = None;
                    for &k in &c.mro {
                        if let Some(v) = self.class(k).dict.get(name) {
                            found = Some(v.clone());
                            break;
                        }
                    }
                    if let Some(attr) = found {
                        return self.class_attr_binding(attr, r).map(Some);
                    }
                    return self.special_attr(obj, name);
                }
                Object::Module(_) => {
                    if let Some(v) = self.module_get(r, name) {
                        return Ok(Some(v));
                    }
                    return self.special_attr(obj, name);
                }
                Object::Function(f) => {
                    if let Some(v) = f.dict.get(name) {
                        return Ok(Some(v.clone()));
                    }
                    return self.special_attr(obj, name);
                }
                Object::Super { class, obj: target } => {
                    let (class, target) = (*class, target.clone());
                    return self.super_getattr(class, target, name);
                }
                _ => {}
            }
        }
        // Built-in values: methods from the type, then special attributes.
        let cls = self.type_of(obj);
        if let Some(attr) = self.lookup(cls, name) {
            let b = self.bind(attr, obj.clone(), cls)?;
            return Ok(Some(self.bound_value(b, obj.clone())));
        }
        self.special_attr(obj, name)
    }

    /// A class attribute read through the class: classmethods bind the
    /// class, staticmethods unwrap, everything else is returned as is.
    fn class_attr_binding(&mut self, attr: Value, cls: ObjRef) -> PyResult<Value> {
        if let Value::Ref(a) = &attr {
            match self.heap.get(*a) {
                Object::StaticMethod(f) => return Ok(f.clone()),
                Object::ClassMethod(f) => {
                    let f = f.clone();
                    return Ok(Value::Method(Arc::new(BoundMethod {
                        func: f,
                        receiver: Value::Ref(cls),
                    })));
                }
                Object::Instance(_) => {
                    if let Some(get) = self.descriptor_method(&attr, "__get__") {
                        return self
                            .call_positional(&get, vec![attr, Value::None, Value::Ref(cls)]);
                    }
                }
                _ => {}
            }
        }
        Ok(attr)
    }

    /// The method `name` (`__get__`, `__set__`, `__delete__`) of the class
    /// of `attr` when `attr` is an instance of a user class defining it.
    fn descriptor_method(&mut self, attr: &Value, name: &'static str) -> Option<Value> {
        let Value::Ref(a) = attr else { return None };
        let Object::Instance(i) = self.heap.get(*a) else {
            return None;
        };
        let cls = i.class;
        let name = self.intern(name);
        self.lookup_user(cls, &name)
    }

    /// A class attribute that takes precedence over the instance dict: a
    /// property or a user data descriptor.
    fn is_data_descriptor(&mut self, attr: &Value) -> bool {
        match attr {
            Value::Ref(a) => match self.heap.get(*a) {
                Object::Property { .. } => true,
                Object::Instance(_) => {
                    self.descriptor_method(attr, "__set__").is_some()
                        || self.descriptor_method(attr, "__delete__").is_some()
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// `super(class, target).name`.
    fn super_getattr(
        &mut self,
        class: ObjRef,
        target: Value,
        name: &PyStr,
    ) -> PyResult<Option<Value>> {
        let (start_type, is_class) = match &target {
            Value::Ref(t) if matches!(self.heap.get(*t), Object::Class(_)) => (*t, true),
            _ => (self.type_of(&target), false),
        };
        let mro = self.class(start_type).mro.clone();
        let pos = mro
            .iter()
            .position(|&k| k == class)
            .map_or(mro.len(), |p| p + 1);
        for &k in &mro[pos..] {
            if let Some(attr) = self.class(k).dict.get(name).cloned() {
                if is_class {
                    return self.class_attr_binding(attr, start_type).map(Some);
                }
                let b = self.bind(attr, target.clone(), start_type)?;
                return Ok(Some(self.bound_value(b, target)));
            }
        }
        Ok(None)
    }

    /// Attributes every object of a kind has without storing them:
    /// `__class__`, `__name__`, `__dict__`, `args` ...
    fn special_attr(&mut self, obj: &Value, name: &PyStr) -> PyResult<Option<Value>> {
        let n = name.as_str();
        if n == "__class__" {
            return Ok(Some(Value::Ref(self.type_of(obj))));
        }
        let Value::Ref(r) = obj else {
            return Ok(match (obj, n) {
                (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "real" | "numerator") => {
                    Some(match obj {
                        Value::Bool(b) => Value::Int(*b as i64),
                        _ => obj.clone(),
                    })
                }
                (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "imag") => Some(Value::Int(0)),
                (Value::Int(_) | Value::Bool(_) | Value::BigInt(_), "denominator") => {
                    Some(Value::Int(1))
                }
                (Value::Float(_), "real") => Some(obj.clone()),
                (Value::Float(_), "imag") => Some(Value::Float(0.0)),
                _ => None,
            });
        };
        let r = *r;
        let v = match self.heap.get(r) {
            Object::Class(c) => match n {
                "__name__" => Value::Str(c.name.clone()),
                "__qualname__" => Value::Str(c.qualname.clone()),
                "__module__" => Value::Str(c.module.clone()),
                "__mro__" => Value::tuple(c.mro.iter().map(|&k| Value::Ref(k)).collect()),
                "__bases__" => Value::tuple(c.bases.iter().map(|&k| Value::Ref(k)).collect()),
                "__base__" => c.bases.first().map_or(Value::None, |&b| Value::Ref(b)),
                "__doc__" => Value::None,
                "__dict__" => {
                    let items: Vec<(PyStr, Value)> =
                        c.dict.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    return self.snapshot_dict(items).map(Some);
                }
                _ => return Ok(None),
            },
            Object::Instance(i) => match n {
                "__dict__" => {
                    let items: Vec<(PyStr, Value)> =
                        i.dict.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    return self.snapshot_dict(items).map(Some);
                }
                "args" if self.is_exception_instance(obj) => Value::tuple(Vec::new()),
                "__doc__" => Value::None,
                "__module__" => Value::Str(self.class(i.class).module.clone()),
                _ if self.is_exception_instance(obj) => match self.exception_attr(obj, n) {
                    Some(v) => v,
                    None => return Ok(None),
                },
                _ => return Ok(None),
            },
            Object::Module(m) => match n {
                "__name__" => Value::Str(m.name.clone()),
                "__dict__" => Value::Ref(m.dict),
                _ => return Ok(None),
            },
            Object::Function(f) => match n {
                "__name__" => Value::Str(f.name.clone()),
                "__qualname__" => Value::Str(f.qualname.clone()),
                "__doc__" => f.code.doc.clone().map_or(Value::None, Value::Str),
                "__module__" => {
                    let m = f.module;
                    match self.heap.get(m) {
                        Object::Module(m) => Value::Str(m.name.clone()),
                        _ => Value::None,
                    }
                }
                "__defaults__" => {
                    if f.defaults.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.defaults.clone())
                    }
                }
                "__dict__" => {
                    let items: Vec<(PyStr, Value)> =
                        f.dict.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                    return self.snapshot_dict(items).map(Some);
                }
                _ => return Ok(self.function_attr(r, n)),
            },
            Object::Frame(frame) => {
                let frame = frame.clone();
                return self.frame_attr(&frame, n);
            }
            Object::Code(code) => {
                let code = code.clone();
                return Ok(self.code_attr(&code, n));
            }
            Object::Builtin(b) => match n {
                "__name__" | "__qualname__" => Value::Str(b.name.clone()),
                "__self__" => b.bound_self.clone().unwrap_or(Value::None),
                "__doc__" => Value::None,
                _ => return Ok(None),
            },
            Object::StaticMethod(f) | Object::ClassMethod(f) => match n {
                "__func__" | "__wrapped__" => f.clone(),
                _ => return Ok(None),
            },
            Object::Property {
                fget,
                fset,
                fdel,
                doc,
            } => match n {
                "fget" => fget.clone(),
                "fset" => fset.clone(),
                "fdel" => fdel.clone(),
                "__doc__" if doc.is_none() && !fget.is_none() => {
                    let fget = fget.clone();
                    let name = self.intern("__doc__");
                    return self.getattr_opt(&fget, &name);
                }
                "__doc__" => doc.clone(),
                _ => return Ok(None),
            },
            Object::Range { start, stop, step } => match n {
                "start" => Value::Int(*start),
                "stop" => Value::Int(*stop),
                "step" => Value::Int(*step),
                _ => return Ok(None),
            },
            Object::Slice { start, stop, step } => match n {
                "start" => start.clone(),
                "stop" => stop.clone(),
                "step" => step.clone(),
                _ => return Ok(None),
            },
            Object::Generator(g) => match n {
                "__name__" => Value::Str(g.name.clone()),
                _ => return Ok(None),
            },
            Object::File(f) => match n {
                "name" => Value::Str(f.name.clone()),
                "mode" => Value::Str(f.mode.clone()),
                "closed" => Value::Bool(f.closed),
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// A new dict with str keys (a snapshot of a namespace).
    fn snapshot_dict(&mut self, items: Vec<(PyStr, Value)>) -> PyResult<Value> {
        let d = self.new_dict();
        for (k, v) in items {
            self.dict_set(&d, Value::Str(k), v)?;
        }
        Ok(d)
    }

    pub fn setattr(&mut self, obj: &Value, name: &PyStr, value: Value) -> PyResult<()> {
        if let Value::Ref(r) = obj {
            if let Object::Instance(i) = self.heap.get(*r) {
                let cls = i.class;
                let sa = self.intern("__setattr__");
                if let Some(f) = self.lookup_user(cls, &sa) {
                    self.call_positional(&f, vec![obj.clone(), Value::Str(name.clone()), value])?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, name, value)
    }

    /// `object.__setattr__`: properties, then the instance dict.
    pub fn generic_setattr(&mut self, obj: &Value, name: &PyStr, value: Value) -> PyResult<()> {
        if let Value::Ref(r) = obj {
            let r = *r;
            match self.heap.get(r) {
                Object::Instance(i) => {
                    let cls = i.class;
                    if let Some(attr) = self.lookup(cls, name) {
                        if let Some(set) = self.descriptor_method(&attr, "__set__") {
                            self.call_positional(&set, vec![attr, obj.clone(), value])?;
                            return Ok(());
                        }
                    }
                    if let Some(Value::Ref(p)) = self.lookup(cls, name) {
                        if let Object::Property { fset, .. } = self.heap.get(p) {
                            let fset = fset.clone();
                            if fset.is_none() {
                                let t = self.type_name(obj);
                                return Err(self.attribute_error(format!(
                                    "property '{}' of '{t}' object has no setter",
                                    name.as_str()
                                )));
                            }
                            self.call_positional(&fset, vec![obj.clone(), value])?;
                            return Ok(());
                        }
                    }
                    if let Object::Instance(i) = self.heap.get_mut(r) {
                        i.dict.insert(name.clone(), value);
                    }
                    return Ok(());
                }
                Object::Class(_) => {
                    if r.0 < self.builtin_limit {
                        let cname = self.class(r).name.as_str().to_owned();
                        return Err(self.type_error(format!(
                            "cannot set '{}' attribute of immutable type '{cname}'",
                            name.as_str()
                        )));
                    }
                    if let Object::Class(c) = self.heap.get_mut(r) {
                        match name.as_str() {
                            "__name__" => {
                                c.name = self_str(&value).unwrap_or_else(|| c.name.clone())
                            }
                            "__qualname__" => {
                                c.qualname = self_str(&value).unwrap_or_else(|| c.qualname.clone())
                            }
                            "__module__" => {
                                c.module = self_str(&value).unwrap_or_else(|| c.module.clone());
                                c.dict.insert(name.clone(), value);
                            }
                            _ => {
                                c.dict.insert(name.clone(), value);
                            }
                        }
                    }
                    return Ok(());
                }
                Object::Module(_) => {
                    self.module_set(r, name, value);
                    return Ok(());
                }
                Object::Function(_) => {
                    if self.set_function_defaults(r, name, &value)? {
                        return Ok(());
                    }
                    if let Object::Function(f) = self.heap.get_mut(r) {
                        match name.as_str() {
                            "__name__" => {
                                f.name = self_str(&value).unwrap_or_else(|| f.name.clone())
                            }
                            "__qualname__" => {
                                f.qualname = self_str(&value).unwrap_or_else(|| f.qualname.clone())
                            }
                            _ => {
                                f.dict.insert(name.clone(), value);
                            }
                        }
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        let t = self.type_name(obj);
        Err(self.attribute_error(format!("'{t}' object has no attribute '{}'", name.as_str())))
    }

    pub fn delattr(&mut self, obj: &Value, name: &PyStr) -> PyResult<()> {
        if let Value::Ref(r) = obj {
            let r = *r;
            let removed = match self.heap.get(r) {
                Object::Instance(i) => {
                    if let Some(attr) = self.lookup(i.class, name) {
                        if let Some(delete) = self.descriptor_method(&attr, "__delete__") {
                            self.call_positional(&delete, vec![attr, obj.clone()])?;
                            return Ok(());
                        }
                    }
                    let Object::Instance(i) = self.heap.get(r) else {
                        unreachable!("checked above")
                    };
                    if let Some(Value::Ref(p)) = self.lookup(i.class, name) {
                        if let Object::Property { fdel, .. } = self.heap.get(p) {
                            let fdel = fdel.clone();
                            if !fdel.is_none() {
                                self.call_positional(&fdel, vec![obj.clone()])?;
                                return Ok(());
                            }
                        }
                    }
                    match self.heap.get_mut(r) {
                        Object::Instance(i) => i.dict.shift_remove(name).is_some(),
                        _ => false,
                    }
                }
                Object::Class(_) if r.0 >= self.builtin_limit => match self.heap.get_mut(r) {
                    Object::Class(c) => c.dict.shift_remove(name).is_some(),
                    _ => false,
                },
                Object::Module(_) => self.module_remove(r, name).is_some(),
                Object::Function(_) => match self.heap.get_mut(r) {
                    Object::Function(f) => f.dict.shift_remove(name).is_some(),
                    _ => false,
                },
                _ => false,
            };
            if removed {
                return Ok(());
            }
        }
        Err(self.no_attribute(obj, name))
    }

    /// Creates a class (the `BuildClass` instruction and `type(n, b, d)`).
    pub fn make_class(
        &mut self,
        name: PyStr,
        bases: Vec<Value>,
        namespace: Value,
    ) -> PyResult<Value> {
        let mut base_refs = Vec::with_capacity(bases.len());
        for b in &bases {
            match b {
                Value::Ref(r) if matches!(self.heap.get(*r), Object::Class(_)) => {
                    base_refs.push(*r)
                }
                _ => {
                    let t = self.type_name(b);
                    return Err(self.type_error(format!("bases must be types, not {t}")));
                }
            }
        }
        if base_refs.is_empty() {
            base_refs.push(self.types.object);
        }
        let builtin = self.solid_layout(&base_refs)?;
        let mro = self.c3_mro(&base_refs)?;
        let mut dict = super::object::AttrMap::default();
        if let Value::Ref(ns) = namespace {
            for (k, v) in self.dict_items(&Value::Ref(ns)) {
                match k {
                    Value::Str(s) => {
                        dict.insert(s, v);
                    }
                    _ => return Err(self.type_error("class namespace keys must be strings")),
                }
            }
        }
        let module_key = self.intern("__module__");
        let qualname_key = self.intern("__qualname__");
        let doc_key = self.intern("__doc__");
        if !dict.contains_key(&module_key) {
            // Like CPython: the module of the code calling `type()`.
            let caller = self.frames.last().map(|f| f.module);
            if let Some(Value::Str(m)) = caller.and_then(|m| self.module_get(m, "__name__")) {
                dict.insert(module_key.clone(), Value::Str(m));
            }
        }
        // Not inherited: a class without a docstring has `__doc__ = None`.
        dict.entry(doc_key).or_insert(Value::None);
        let module = match dict.get(&module_key) {
            Some(Value::Str(s)) => s.clone(),
            _ => PyStr::new("__main__"),
        };
        let qualname = match dict.shift_remove(&qualname_key) {
            Some(Value::Str(s)) => s,
            _ => name.clone(),
        };
        let r = self.heap.alloc(Object::Class(Class {
            name,
            qualname,
            module,
            bases: base_refs,
            mro: Vec::new(),
            dict,
            builtin,
            def_span: None,
        }));
        if let Object::Class(c) = self.heap.get_mut(r) {
            c.mro = std::iter::once(r).chain(mro).collect();
        }
        self.class_created_hooks(r)?;
        Ok(Value::Ref(r))
    }

    /// After a class is made: `__set_name__` of its attributes, then the
    /// `__init_subclass__` of its parents (an implicit classmethod).
    fn class_created_hooks(&mut self, cls: ObjRef) -> PyResult<()> {
        let attrs: Vec<(PyStr, Value)> = self
            .class(cls)
            .dict
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (name, value) in attrs {
            if self.is_instance_value(&value) {
                self.call_special(
                    &value,
                    "__set_name__",
                    vec![Value::Ref(cls), Value::Str(name)],
                )?;
            }
        }
        let hook = self.intern("__init_subclass__");
        let parents: Vec<ObjRef> = self.class(cls).mro[1..].to_vec();
        for k in parents {
            if k.0 < self.builtin_limit {
                continue;
            }
            if let Some(f) = self.class(k).dict.get(&hook).cloned() {
                let f = match &f {
                    Value::Ref(fr) => match self.heap.get(*fr) {
                        Object::ClassMethod(inner) => inner.clone(),
                        _ => f,
                    },
                    _ => f,
                };
                self.call_positional(&f, vec![Value::Ref(cls)])?;
                break;
            }
        }
        Ok(())
    }

    /// The built-in layout instances of a class with these bases get.
    fn solid_layout(&mut self, bases: &[ObjRef]) -> PyResult<BuiltinType> {
        let mut layout = BuiltinType::Object;
        for &b in bases {
            let c = self.class(b);
            let l = c.builtin;
            if b.0 < self.builtin_limit
                && matches!(
                    l,
                    BuiltinType::Bool
                        | BuiltinType::NoneType
                        | BuiltinType::Function
                        | BuiltinType::BuiltinFunction
                        | BuiltinType::Method
                        | BuiltinType::Generator
                        | BuiltinType::Range
                        | BuiltinType::Slice
                        | BuiltinType::Ellipsis
                        | BuiltinType::NotImplementedType
                        | BuiltinType::Cell
                        | BuiltinType::Super
                        | BuiltinType::Frame
                        | BuiltinType::Code
                )
            {
                let n = c.name.as_str().to_owned();
                return Err(self.type_error(format!("type '{n}' is not an acceptable base type")));
            }
            if l == BuiltinType::Object || l == layout {
                continue;
            }
            if layout != BuiltinType::Object {
                return Err(self.type_error("multiple bases have instance lay-out conflict"));
            }
            layout = l;
        }
        Ok(layout)
    }

    /// The C3 linearisation of the bases (without the class itself).
    fn c3_mro(&mut self, bases: &[ObjRef]) -> PyResult<Vec<ObjRef>> {
        let mut seqs: Vec<Vec<ObjRef>> = bases.iter().map(|&b| self.class(b).mro.clone()).collect();
        seqs.push(bases.to_vec());
        let mut out = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(out);
            }
            let head = seqs
                .iter()
                .map(|s| s[0])
                .find(|&h| !seqs.iter().any(|s| s[1..].contains(&h)));
            let Some(head) = head else {
                let names: Vec<String> = bases
                    .iter()
                    .map(|&b| self.class(b).name.as_str().to_owned())
                    .collect();
                return Err(self.type_error(format!(
                    "Cannot create a consistent method resolution order (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            out.push(head);
            for s in &mut seqs {
                if s[0] == head {
                    s.remove(0);
                }
            }
        }
    }

    /// A new bare instance of `cls` (exception classes get `args`).
    pub fn new_instance(&mut self, cls: ObjRef, args: &[Value]) -> Value {
        let mut dict = super::object::AttrMap::default();
        if self.class(cls).builtin == BuiltinType::BaseException {
            dict.insert(self.intern("args"), Value::tuple(args.to_vec()));
        }
        self.alloc(Object::Instance(Instance {
            class: cls,
            dict,
            base_value: None,
        }))
    }
}

/// The result of the descriptor protocol.
enum Bound {
    /// A function that still needs its receiver prepended.
    Unbound(Value),
    /// The final attribute value.
    Value(Value),
}

fn self_str(v: &Value) -> Option<PyStr> {
    v.as_str().cloned()
}
