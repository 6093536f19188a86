//! Attribute access: instance attributes and methods, class attributes,
//! attributes of frozen prebuilt objects and modules, methods of built-in
//! types.

use crate::diag::AnnotationError;
use crate::model::{External, SomePbc, SomeValue};
use crate::{Annotator, ClassId, Desc};
use frontend::host::object::Object;
use frontend::host::{ObjRef, PyStr, Value};
use std::collections::BTreeSet;
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;

impl Annotator<'_> {
    /// `obj.name`.
    pub(crate) fn getattr(&mut self, obj: &SomeValue, name: &str) -> OpResult {
        match obj {
            SomeValue::Instance(cd, _) => self.instance_getattr(*cd, name),
            SomeValue::Pbc(p) => self.pbc_getattr(p, name),
            SomeValue::External(External::Module(m)) => {
                let value = self.vm().module_get(*m, name);
                match value {
                    Some(v) => Ok(self.immutable_value(&v)),
                    None => {
                        Err(self.type_error(&format!("module has no attribute `{name}`"), &[obj]))
                    }
                }
            }
            SomeValue::Super(class, recv) => self.super_getattr(*class, *recv, name),
            SomeValue::Builtin(_) if name == "__name__" => Ok(SomeValue::str()),
            SomeValue::None => Err(self.type_error(&format!("attribute `{name}` of None"), &[obj])),
            SomeValue::Str(_)
            | SomeValue::Bytes(_)
            | SomeValue::List(..)
            | SomeValue::Dict(..)
            | SomeValue::Set(..)
            | SomeValue::Int(_)
            | SomeValue::Bool(_)
            | SomeValue::Float
            | SomeValue::External(External::File { .. })
            | SomeValue::Iterator(..)
            | SomeValue::Tuple(_) => {
                if crate::methods::has_builtin_method(obj, name) {
                    Ok(SomeValue::BuiltinMethod(
                        Arc::from(name),
                        Box::new(obj.without_none()),
                    ))
                } else {
                    Err(self.type_error(&format!("no attribute `{name}` on"), &[obj]))
                }
            }
            _ => Err(self.type_error(&format!("no attribute `{name}` on"), &[obj])),
        }
    }

    /// `obj.name = value`.
    pub(crate) fn setattr(
        &mut self,
        obj: &SomeValue,
        name: &str,
        value: &SomeValue,
    ) -> Result<(), AnnotationError> {
        match obj {
            SomeValue::Instance(cd, _) => {
                let obj = self.classes[*cd].obj;
                if let Some((_, v)) = self.lookup_class_attr(obj, name) {
                    if self.is_data_descriptor(&v) {
                        let class = self.classes[*cd].name.clone();
                        return Err(self
                            .type_error(
                                &format!(
                                    "not supported yet by the translator: setting `{name}` \
                                     on an instance of `{class}`, which calls a property \
                                     setter or `__set__`"
                                ),
                                &[],
                            )
                            .with_note(
                                "properties and other descriptors work at import time only",
                            ));
                    }
                }
                let site = self.current_site;
                if let Err(e) = self.write_attribute(*cd, name, value, site, false) {
                    // Reported here so the code after it is still annotated.
                    self.report(e);
                }
                Ok(())
            }
            _ => Err(self
                .type_error(
                    &format!("cannot set attribute `{name}` at run time on"),
                    &[obj],
                )
                .with_note(
                    "only instances of user classes have attributes that change at run time",
                )),
        }
    }

    fn instance_getattr(&mut self, cd: ClassId, name: &str) -> OpResult {
        if let Some(pos) = self.current {
            self.classes[cd].method_readers.insert(pos);
        }
        let methods = self.method_descs(cd, name);
        if !methods.is_empty() {
            return Ok(SomeValue::Pbc(SomePbc {
                descs: methods,
                can_be_none: false,
            }));
        }
        let obj = self.classes[cd].obj;
        if let Some((_, v)) = self.lookup_class_attr(obj, name) {
            if let Some(inner) = self.static_method_function(&v) {
                return Ok(self.immutable_value(&inner));
            }
            if let Some(what) = self.descriptor_kind(&v) {
                let class = self.classes[cd].name.clone();
                return Err(self
                    .type_error(
                        &format!(
                            "not supported yet by the translator: reading `{name}` on an \
                             instance of `{class}`, which calls {what}"
                        ),
                        &[],
                    )
                    .with_note(
                        "properties and other descriptors work at import time only; \
                         read a plain attribute or call a method at run time",
                    ));
            }
        }
        if self.classes[cd].builtin && name == "args" {
            let item = SomeValue::str();
            return Ok(self.new_list(item, None));
        }
        Ok(self.read_attribute(cd, name))
    }

    /// What reading a class attribute through an instance would call, when
    /// the attribute is a descriptor the translator does not follow: a
    /// property (`namedtuple` fields are properties too), or an instance
    /// of a class defining `__get__` (`functools.cached_property` ...).
    fn descriptor_kind(&mut self, v: &Value) -> Option<String> {
        let Value::Ref(r) = v else { return None };
        let vm = self.vm();
        match vm.heap.get(*r) {
            Object::Property { .. } => Some("a property getter".to_string()),
            Object::Instance(i) => {
                let cls = i.class;
                let get = PyStr::new("__get__");
                vm.lookup_user(cls, &get)?;
                Some(format!("`{}.__get__`", vm.class(cls).name.as_str()))
            }
            _ => None,
        }
    }

    /// Whether a class attribute is a property or an instance of a class
    /// defining `__set__` or `__delete__`.
    fn is_data_descriptor(&mut self, v: &Value) -> bool {
        let Value::Ref(r) = v else { return false };
        let vm = self.vm();
        match vm.heap.get(*r) {
            Object::Property { .. } => true,
            Object::Instance(i) => {
                let cls = i.class;
                ["__set__", "__delete__"]
                    .iter()
                    .any(|n| vm.lookup_user(cls, &PyStr::new(n)).is_some())
            }
            _ => false,
        }
    }

    /// The methods `name` may resolve to on an instance of `cd`: the one
    /// `cd` inherits or defines, and every override below it.
    pub(crate) fn method_descs(&mut self, cd: ClassId, name: &str) -> BTreeSet<crate::DescId> {
        let mut descs = BTreeSet::new();
        for c in self.subtree(cd) {
            let obj = self.classes[c].obj;
            let Some((_, Value::Ref(f))) = self.lookup_class_attr(obj, name) else {
                continue;
            };
            if !matches!(self.vm().heap.get(f), Object::Function(_)) {
                continue;
            }
            // The highest class of c's chain that still resolves to f.
            let mut origin = c;
            while let Some(b) = self.classes[origin].base {
                let bobj = self.classes[b].obj;
                match self.lookup_class_attr(bobj, name) {
                    Some((_, Value::Ref(g))) if g == f => origin = b,
                    _ => break,
                }
            }
            let self_class = if self.is_subclass(cd, origin) {
                cd
            } else {
                origin
            };
            descs.insert(self.desc(Desc::Method {
                func: f,
                origin,
                self_class,
            }));
        }
        descs
    }

    /// `super(class, obj).name`: the method found after `class` in its MRO,
    /// bound to `obj`.
    fn super_getattr(&mut self, class: ClassId, recv: ClassId, name: &str) -> OpResult {
        let obj = self.classes[class].obj;
        let mro: Vec<ObjRef> = match self.vm().heap.get(obj) {
            Object::Class(c) => c.mro.clone(),
            _ => Vec::new(),
        };
        for &k in mro.iter().skip(1) {
            let Some(v) = self.own_class_attr(k, name) else {
                continue;
            };
            let Value::Ref(f) = v else { break };
            if !matches!(self.vm().heap.get(f), Object::Function(_)) {
                if self.is_builtin_value(&v) {
                    // `object.__init__` and friends: nothing to do.
                    return Ok(SomeValue::Builtin(Arc::from("object_method")));
                }
                return Ok(self.immutable_value(&v));
            }
            let origin = match self.class_of_obj.get(&k) {
                Some(&c) => c,
                None => self.classes[class].base.unwrap_or(class),
            };
            let d = self.desc(Desc::Method {
                func: f,
                origin,
                self_class: recv,
            });
            return Ok(crate::constants::pbc(d));
        }
        Err(self.type_error(
            &format!("super() has no attribute `{name}` for"),
            &[&SomeValue::Instance(class, false)],
        ))
    }

    /// The function inside a `staticmethod`.
    fn static_method_function(&self, v: &Value) -> Option<Value> {
        match v {
            Value::Ref(r) => match self.vm().heap.get(*r) {
                Object::StaticMethod(f) => Some(f.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn pbc_getattr(&mut self, p: &SomePbc, name: &str) -> OpResult {
        if name == "__name__" {
            return Ok(SomeValue::str());
        }
        let mut result = SomeValue::Impossible;
        for &d in &p.descs {
            let value = match self.descs[d].clone() {
                Desc::Class(cd) => {
                    let obj = self.classes[cd].obj;
                    match self.lookup_class_attr(obj, name) {
                        Some((_, v)) => match self.static_method_function(&v) {
                            Some(inner) => Some(inner),
                            None => Some(v),
                        },
                        None => None,
                    }
                }
                Desc::Frozen(r) => self.frozen_attr(r, name),
                Desc::Function(f) => match self.vm().heap.get(f) {
                    Object::Function(func) => func.dict.get(&PyStr::new(name)).cloned(),
                    _ => None,
                },
                Desc::Method { .. } | Desc::FrozenMethod { .. } => None,
            };
            let Some(value) = value else {
                return Err(self.type_error(
                    &format!("no attribute `{name}` on"),
                    &[&SomeValue::Pbc(p.clone())],
                ));
            };
            let s = self.immutable_value(&value);
            result = self.union(&result, &s).map_err(|e| {
                self.type_error(
                    &format!(
                        "attribute `{name}` would be both {} and {}",
                        e.left, e.right
                    ),
                    &[&SomeValue::Pbc(p.clone())],
                )
            })?;
        }
        Ok(result)
    }

    /// An attribute of a frozen prebuilt object, read at translation time.
    fn frozen_attr(&self, r: ObjRef, name: &str) -> Option<Value> {
        let vm = self.vm();
        match vm.heap.get(r) {
            Object::Instance(i) => {
                if let Some(v) = i.dict.get(&PyStr::new(name)) {
                    return Some(v.clone());
                }
                let cls = i.class;
                drop(vm);
                let (_, v) = self.lookup_class_attr(cls, name)?;
                match &v {
                    Value::Ref(f) if matches!(self.vm().heap.get(*f), Object::Function(_)) => Some(
                        Value::Method(Arc::new(frontend::host::value::BoundMethod {
                            func: v.clone(),
                            receiver: Value::Ref(r),
                        })),
                    ),
                    _ => Some(v),
                }
            }
            Object::Module(_) => vm.module_get(r, name),
            _ => None,
        }
    }

    /// Calls `obj.name(args...)` on an instance (operator overloading,
    /// `__iter__`, `__len__`, ...).
    pub(crate) fn call_special_method(
        &mut self,
        obj: &SomeValue,
        name: &str,
        args: Vec<SomeValue>,
    ) -> OpResult {
        let SomeValue::Instance(cd, _) = obj else {
            return Err(self.type_error(&format!("no method `{name}` on"), &[obj]));
        };
        let methods = self.method_descs(*cd, name);
        if methods.is_empty() {
            return Err(self.type_error(&format!("class does not define `{name}`"), &[obj]));
        }
        let callee = SomeValue::Pbc(SomePbc {
            descs: methods,
            can_be_none: false,
        });
        self.call_value(&callee, args, Vec::new(), None)
    }
}
