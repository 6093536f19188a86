//! Annotations of constants: the values computed at import time that the
//! graphs refer to. Prebuilt containers and instances are annotated once
//! (their contents feed the shared definitions); functions, classes and
//! frozen objects become descriptions.

use crate::model::{External, SomeInt, SomePbc, SomeStr, SomeValue};
use crate::{Annotator, Desc};
use frontend::host::object::{BuiltinType, Object};
use frontend::host::{ObjRef, PyStr, Value, Vm};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Qualified names of the host's built-in functions and classes: the
/// builtins module's names as they are (`len`), native modules' names
/// qualified (`math.sqrt`).
pub fn builtin_names(vm: &Vm) -> HashMap<ObjRef, Arc<str>> {
    let mut names = HashMap::new();
    let mut add = |vm: &Vm, module: ObjRef, prefix: &str| {
        if let Object::Module(_) = vm.heap.get(module) {
            for (k, v) in &vm.module_items(module) {
                if let Value::Ref(r) = v {
                    let native = match vm.heap.get(*r) {
                        Object::Builtin(_) => true,
                        Object::Class(c) => c.builtin != BuiltinType::Object,
                        _ => false,
                    };
                    if native {
                        names
                            .entry(*r)
                            .or_insert_with(|| Arc::from(format!("{prefix}{}", k.as_str())));
                    }
                }
            }
        }
    };
    add(vm, vm.builtins, "");
    for (name, &module) in &vm.modules {
        let native = matches!(vm.heap.get(module), Object::Module(m) if m.file.is_none());
        if native && name.as_str() != "builtins" {
            add(vm, module, &format!("{}.", name.as_str()));
        }
    }
    names
}

impl Annotator<'_> {
    /// The annotation of a constant.
    pub fn immutable_value(&mut self, v: &Value) -> SomeValue {
        match v {
            Value::None => SomeValue::None,
            Value::Bool(b) => SomeValue::Bool(Some(*b)),
            Value::Int(i) => SomeValue::Int(SomeInt {
                nonneg: *i >= 0,
                konst: Some(*i),
                ..SomeInt::SIGNED
            }),
            // Import-time code may compute big ints; at run time they are
            // only representable if they fit, so they annotate as ints and
            // the rtyper reports them.
            Value::BigInt(_) => SomeValue::int(),
            Value::Float(_) => SomeValue::Float,
            Value::Str(s) => SomeValue::Str(SomeStr {
                can_be_none: false,
                single_char: s.char_len() == 1,
                konst: Some(v.clone()),
            }),
            Value::Bytes(b) => SomeValue::Bytes(SomeStr {
                can_be_none: false,
                single_char: b.len() == 1,
                konst: Some(v.clone()),
            }),
            Value::Tuple(items) => {
                let items: Vec<SomeValue> = items.iter().map(|i| self.immutable_value(i)).collect();
                SomeValue::Tuple(items.into())
            }
            Value::Method(m) => {
                let receiver = self.immutable_value(&m.receiver);
                match (&m.func, &receiver) {
                    (Value::Ref(f), SomeValue::Pbc(p))
                        if p.descs.len() == 1
                            && matches!(self.vm().heap.get(*f), Object::Function(_)) =>
                    {
                        let d = *p.descs.iter().next().expect("one desc");
                        match self.descs[d] {
                            Desc::Frozen(receiver) => {
                                let d = self.desc(Desc::FrozenMethod { func: *f, receiver });
                                pbc(d)
                            }
                            _ => {
                                SomeValue::BuiltinMethod(Arc::from("?"), Box::new(receiver.clone()))
                            }
                        }
                    }
                    (Value::Ref(f), SomeValue::Instance(cd, _))
                        if matches!(self.vm().heap.get(*f), Object::Function(_)) =>
                    {
                        let d = self.desc(Desc::Method {
                            func: *f,
                            origin: *cd,
                            self_class: *cd,
                        });
                        pbc(d)
                    }
                    _ => {
                        let name = match &m.func {
                            Value::Ref(f) => match self.vm().heap.get(*f) {
                                Object::Builtin(b) => b.name.to_string(),
                                _ => "?".into(),
                            },
                            _ => "?".into(),
                        };
                        SomeValue::BuiltinMethod(Arc::from(name), Box::new(receiver))
                    }
                }
            }
            Value::Ellipsis | Value::NotImplemented => SomeValue::None,
            Value::Ref(r) => self.prebuilt_object(*r),
        }
    }

    fn prebuilt_object(&mut self, r: ObjRef) -> SomeValue {
        if let Some(s) = self.prebuilt.get(&r) {
            return s.clone();
        }
        if let Some(name) = self.builtin_names.get(&r).cloned() {
            let is_class = matches!(self.vm().heap.get(r), Object::Class(_));
            if !is_class || !self.is_exception_class(r) {
                return SomeValue::Builtin(name);
            }
        }
        enum Kind {
            List(Vec<Value>),
            Dict(Vec<(Value, Value)>),
            Set(Vec<Value>),
            Instance(ObjRef, Vec<(PyStr, Value)>),
            /// An instance of a subclass of a built-in type (`r_uint(5)`).
            Wrapped(ObjRef, Value),
            Function,
            Class,
            Builtin(String),
            Module,
            File,
            Other,
        }
        let kind = {
            let vm = self.vm();
            match vm.heap.get(r) {
                Object::List(items) => Kind::List(items.clone()),
                Object::Dict(d) => {
                    Kind::Dict(d.iter().map(|e| (e.key.clone(), e.value.clone())).collect())
                }
                Object::Set { items, .. } => {
                    Kind::Set(items.iter().map(|e| e.key.clone()).collect())
                }
                Object::Instance(i) if i.base_value.is_some() => {
                    Kind::Wrapped(i.class, i.base_value.clone().expect("checked"))
                }
                Object::Instance(i) => Kind::Instance(
                    i.class,
                    i.dict.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
                ),
                Object::Function(_) => Kind::Function,
                Object::Class(_) => Kind::Class,
                Object::Builtin(b) => Kind::Builtin(b.name.to_string()),
                Object::Module(_) => Kind::Module,
                Object::File(_) => Kind::File,
                _ => Kind::Other,
            }
        };
        let result = match kind {
            Kind::List(items) => {
                let s = self.new_list(SomeValue::Impossible, None);
                self.prebuilt.insert(r, s.clone());
                let SomeValue::List(id, _) = s else {
                    unreachable!()
                };
                let mut item = SomeValue::Impossible;
                for v in &items {
                    let a = self.immutable_value(v).generalized();
                    if self.reaches_list(&a, id) {
                        self.report_self_containing_prebuilt("list");
                        continue;
                    }
                    match self.union(&item, &a) {
                        Ok(u) => item = u,
                        Err(e) => self.report_prebuilt_conflict("list", &e),
                    }
                }
                let id = self.list(id);
                self.lists[id].item = item;
                return s;
            }
            Kind::Dict(entries) => {
                let id = self.new_dict(SomeValue::Impossible, SomeValue::Impossible);
                let s = SomeValue::Dict(id, false);
                self.prebuilt.insert(r, s.clone());
                self.fill_prebuilt_dict(id, entries);
                return s;
            }
            Kind::Set(items) => {
                let id = self.new_dict(SomeValue::Impossible, SomeValue::None);
                let s = SomeValue::Set(id, false);
                self.prebuilt.insert(r, s.clone());
                let entries = items.into_iter().map(|k| (k, Value::None)).collect();
                self.fill_prebuilt_dict(id, entries);
                return s;
            }
            Kind::Instance(cls, _) if self.is_address_class(cls) => SomeValue::Address,
            Kind::Instance(cls, attrs) => {
                if self.is_frozen_class(cls) {
                    let d = self.desc(Desc::Frozen(r));
                    pbc(d)
                } else {
                    let cd = self.classdef(cls);
                    let s = SomeValue::Instance(cd, false);
                    self.prebuilt.insert(r, s.clone());
                    for (k, v) in attrs {
                        let a = self.immutable_value(&v).generalized();
                        if let Err(e) = self.write_attribute(cd, k.as_str(), &a, None, true) {
                            self.report(e);
                        }
                    }
                    return s;
                }
            }
            Kind::Wrapped(cls, base) => {
                let plain = self.immutable_value(&base);
                match (self.special_object_name(cls), plain) {
                    (Some(name), SomeValue::Int(i)) => {
                        let unsigned = name.ends_with("r_uint")
                            || name.ends_with("r_uint64")
                            || name.ends_with("r_ulonglong");
                        SomeValue::Int(SomeInt {
                            kind: if unsigned {
                                crate::IntKind::Unsigned
                            } else {
                                crate::IntKind::Signed
                            },
                            nonneg: unsigned || i.nonneg,
                            konst: i.konst,
                        })
                    }
                    (_, plain) => plain,
                }
            }
            Kind::Function | Kind::Class if self.special_object_name(r).is_some() => {
                SomeValue::Builtin(Arc::from(self.special_object_name(r).unwrap_or_default()))
            }
            Kind::Function => {
                let d = self.desc(Desc::Function(r));
                pbc(d)
            }
            Kind::Class => {
                let cd = self.classdef(r);
                let d = self.desc(Desc::Class(cd));
                pbc(d)
            }
            Kind::Builtin(name) => SomeValue::Builtin(Arc::from(name)),
            Kind::Module => SomeValue::External(External::Module(r)),
            Kind::File => SomeValue::External(External::File { can_be_none: false }),
            Kind::Other => {
                let d = self.desc(Desc::Frozen(r));
                pbc(d)
            }
        };
        self.prebuilt.insert(r, result.clone());
        result
    }
}

impl Annotator<'_> {
    fn fill_prebuilt_dict(&mut self, id: crate::DictId, entries: Vec<(Value, Value)>) {
        let (mut key, mut value) = (SomeValue::Impossible, SomeValue::Impossible);
        for (k, v) in &entries {
            let a = self.immutable_value(k).generalized();
            match self.union(&key, &a) {
                Ok(u) => key = u,
                Err(e) => self.report_prebuilt_conflict("dict key", &e),
            }
            let b = self.immutable_value(v).generalized();
            let target = crate::containers::Container::Dict(self.dict(id));
            if self.reaches(&b, target) {
                self.report_self_containing_prebuilt("dict");
                continue;
            }
            match self.union(&value, &b) {
                Ok(u) => value = u,
                Err(e) => self.report_prebuilt_conflict("dict value", &e),
            }
        }
        let id = self.dict(id);
        self.dicts[id].key = key;
        self.dicts[id].value = value;
    }

    /// The qualified name of a support-package function or class that has
    /// a built-in rule.
    fn special_object_name(&self, r: ObjRef) -> Option<String> {
        let full = {
            let vm = self.vm();
            match vm.heap.get(r) {
                Object::Class(c) => format!("{}.{}", c.module.as_str(), c.qualname.as_str()),
                Object::Function(f) => match vm.heap.get(f.module) {
                    Object::Module(m) => format!("{}.{}", m.name.as_str(), f.qualname.as_str()),
                    _ => return None,
                },
                _ => return None,
            }
        };
        crate::builtins::is_special(&full).then_some(full)
    }

    /// Whether the class is `llmemory.Address`, whose prebuilt instances
    /// are address constants.
    pub fn is_address_class(&self, cls: ObjRef) -> bool {
        match self.vm().heap.get(cls) {
            Object::Class(c) => {
                c.module.as_str() == ADDRESS_MODULE && c.qualname.as_str() == "Address"
            }
            _ => false,
        }
    }

    /// Whether instances of the class are frozen: prebuilt, never created
    /// at run time, read-only (`_freeze_` returning true).
    fn is_frozen_class(&self, cls: ObjRef) -> bool {
        self.lookup_class_attr(cls, "_freeze_").is_some()
    }

    /// Whether the class is `BaseException` or derives from it.
    pub fn is_exception_class(&self, cls: ObjRef) -> bool {
        let vm = self.vm();
        let base = vm.types.base_exception;
        match vm.heap.get(cls) {
            Object::Class(c) => c.mro.contains(&base),
            _ => false,
        }
    }
}

/// The module of the address type and its operations.
pub const ADDRESS_MODULE: &str = "rpython.rtyper.lltypesystem.llmemory";

/// A set of one callable.
pub fn pbc(d: crate::DescId) -> SomeValue {
    SomeValue::Pbc(SomePbc {
        descs: BTreeSet::from([d]),
        can_be_none: false,
    })
}
