//! Class definitions: one per user class (and built-in exception class)
//! the program uses, with the attributes its instances carry.
//!
//! An attribute lives on the most general class it is accessed through,
//! as in the original RPython: reading `x.size` where `x` is a `Shape`
//! moves every `size` of Shape's subclasses up to Shape and unites their
//! types. Its annotation includes the class-level values of the name
//! (`sides = 0` in a class body) in the classes below it, and the values
//! stored in prebuilt instances.

use crate::diag::{AnnotationError, Site};
use crate::model::{ClassId, SomeValue};
use crate::{Annotator, Position};
use frontend::host::object::{BuiltinType, Object};
use frontend::host::{ObjRef, PyStr, Value};
use indexmap::IndexMap;
use std::collections::HashSet;

/// What the annotator knows about a class.
#[derive(Clone, Debug)]
pub struct ClassDef {
    /// The host class object.
    pub obj: ObjRef,
    pub name: String,
    /// The base class (single inheritance of data), if any besides
    /// `object`.
    pub base: Option<ClassId>,
    pub subclasses: Vec<ClassId>,
    /// Instance attributes that live on this class.
    pub attrs: IndexMap<String, AttrDef>,
    /// A built-in class (an exception class of the host).
    pub builtin: bool,
    /// The blocks that looked up a method on instances of this class: the
    /// methods found include the overrides in its subclasses, so they flow
    /// again when a subclass appears.
    pub method_readers: HashSet<Position>,
}

/// One attribute of a class's instances.
#[derive(Clone, Debug, Default)]
pub struct AttrDef {
    pub value: SomeValue,
    /// Never assigned on an instance: a class-level constant.
    pub readonly: bool,
    /// The first store of the current kind of value.
    pub origin: Option<Site>,
    pub readers: HashSet<Position>,
    /// Some instance may be read before it has the attribute (see
    /// `initialized.rs`): reads check, and raise `AttributeError`.
    pub maybe_unset: bool,
}

impl Annotator<'_> {
    /// The class definition of a host class, created (with its bases) on
    /// first use. Reports multiple inheritance of instance data.
    pub fn classdef(&mut self, cls: ObjRef) -> ClassId {
        if let Some(&id) = self.class_of_obj.get(&cls) {
            return id;
        }
        let (name, bases, builtin, span) = {
            let vm = self.vm();
            let Object::Class(c) = vm.heap.get(cls) else {
                unreachable!("classdef of a non-class")
            };
            (
                c.name.to_string(),
                c.bases.clone(),
                c.builtin != BuiltinType::Object,
                c.def_span,
            )
        };
        let object = self.vm().types.object;
        let real_bases: Vec<ObjRef> = bases.iter().copied().filter(|&b| b != object).collect();
        let mut data_bases: Vec<ObjRef> = if real_bases.len() > 1 {
            real_bases
                .iter()
                .copied()
                .filter(|&b| !self.is_mixin(b))
                .collect()
        } else {
            real_bases.clone()
        };
        if data_bases.is_empty() {
            data_bases = real_bases.into_iter().take(1).collect();
        }
        if data_bases.len() > 1 {
            let names: Vec<String> = data_bases.iter().map(|&b| self.class_name(b)).collect();
            let mut err = AnnotationError::new(format!(
                "class {name} uses multiple inheritance of instance data: its bases {} both define instances with attributes",
                names.join(" and ")
            ))
            .with_note("RPython allows one base class with data; other bases must be mixins that only contribute methods (`_mixin_ = True`)");
            if let Some(span) = span {
                err = err.at_span(span, "class defined here");
            }
            self.report(err);
        }
        let base = data_bases.first().map(|&b| self.classdef(b));
        let id = self.classes.push(ClassDef {
            obj: cls,
            name,
            base,
            subclasses: Vec::new(),
            attrs: IndexMap::new(),
            builtin,
            method_readers: HashSet::new(),
        });
        self.class_of_obj.insert(cls, id);
        if !builtin {
            self.refuse_ignored_special_methods(cls, &self.classes[id].name.clone());
        }
        if let Some(b) = base {
            self.classes[b].subclasses.push(id);
            // Method lookups on the ancestors may now find overrides.
            let mut k = Some(b);
            while let Some(c) = k {
                let readers = self.classes[c].method_readers.clone();
                self.schedule_all(&readers);
                k = self.classes[c].base;
            }
            self.merge_class_level_values(id);
        }
        id
    }

    /// A new subclass's class-level values of the attributes already
    /// located on its ancestors join them (`KIND = 'b'` overriding the
    /// base's `KIND = 'a'` makes the attribute no longer a constant), and
    /// their readers flow again.
    fn merge_class_level_values(&mut self, id: ClassId) {
        let obj = self.classes[id].obj;
        let mut k = self.classes[id].base;
        while let Some(c) = k {
            let names: Vec<String> = self.classes[c].attrs.keys().cloned().collect();
            for name in names {
                let Some(v) = self.own_class_attr(obj, &name) else {
                    continue;
                };
                if is_function_like(&self.vm(), &v) {
                    continue;
                }
                let s = self.immutable_value(&v);
                let old = self.classes[c].attrs[&name].value.clone();
                match self.union(&old, &s) {
                    Ok(new) if new != old => {
                        let attr = &mut self.classes[c].attrs[&name];
                        attr.value = new;
                        let readers = attr.readers.clone();
                        self.schedule_all(&readers);
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let class = self.classes[c].name.clone();
                        let sub = self.classes[id].name.clone();
                        self.report(AnnotationError::new(format!(
                            "attribute `{name}` of class {class} would hold both {} and {} (the class-level value in its subclass {sub})",
                            e.left, e.right
                        )));
                    }
                }
            }
            k = self.classes[c].base;
        }
    }

    /// Refuses the special methods of a class that CPython would call
    /// where the translated program would not (comparing, hashing, truth,
    /// attribute hooks, finalizers): a program defining one would behave
    /// differently, so it is refused at the definition. (The special
    /// methods the translator honours, and those it refuses where they are
    /// used, such as `__str__` or `__add__`, are not listed.)
    fn refuse_ignored_special_methods(&mut self, cls: ObjRef, class: &str) {
        let methods: Vec<(String, ObjRef)> = {
            let vm = self.vm();
            let Object::Class(c) = vm.heap.get(cls) else {
                return;
            };
            c.dict
                .iter()
                .filter(|(k, _)| IGNORED_SPECIAL_METHODS.contains(&k.as_str()))
                .filter_map(|(k, v)| match v {
                    Value::Ref(f) => Some((k.as_str().to_string(), *f)),
                    _ => None,
                })
                .collect()
        };
        for (name, func) in methods {
            let uses = special_method_use(&name);
            let site = self.def_site(func);
            self.report(
                AnnotationError::new(format!(
                    "the special method `{name}` of class {class} is not supported by the translator"
                ))
                .at(site, "defined here")
                .with_note(format!(
                    "CPython calls it for {uses}; the translated program would not, and would behave differently"
                )),
            );
        }
    }

    /// A class whose body says `_mixin_ = True`, or a base whose instances
    /// carry no attributes of their own (no methods assign `self.x`)
    /// contributes only methods.
    fn is_mixin(&self, cls: ObjRef) -> bool {
        let vm = self.vm();
        let Object::Class(c) = vm.heap.get(cls) else {
            return false;
        };
        if matches!(c.dict.get(&PyStr::new("_mixin_")), Some(Value::Bool(true))) {
            return true;
        }
        if c.builtin != BuiltinType::Object {
            return false;
        }
        // A class none of whose methods (in its whole MRO) stores an
        // attribute on `self` is data-free.
        !c.mro.iter().any(|&k| match vm.heap.get(k) {
            Object::Class(k) => k.dict.values().any(|v| stores_on_self(&vm, v)),
            _ => false,
        })
    }

    /// The host class's name.
    pub fn class_name(&self, cls: ObjRef) -> String {
        match self.vm().heap.get(cls) {
            Object::Class(c) => c.name.to_string(),
            _ => "?".into(),
        }
    }

    /// Whether `sub` is `sup` or one of its subclasses.
    pub fn is_subclass(&self, mut sub: ClassId, sup: ClassId) -> bool {
        loop {
            if sub == sup {
                return true;
            }
            match self.classes[sub].base {
                Some(b) => sub = b,
                None => return false,
            }
        }
    }

    /// The most specific class both derive from.
    pub fn common_base(&self, a: ClassId, b: ClassId) -> Option<ClassId> {
        let mut x = Some(a);
        while let Some(c) = x {
            if self.is_subclass(b, c) {
                return Some(c);
            }
            x = self.classes[c].base;
        }
        None
    }

    /// The class and its subclasses, recursively (preorder).
    pub fn subtree(&self, c: ClassId) -> Vec<ClassId> {
        let mut out = vec![c];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.classes[out[i]].subclasses.iter().copied());
            i += 1;
        }
        out
    }

    /// Looks `name` up in the host class's MRO (its class-level value).
    pub fn lookup_class_attr(&self, cls: ObjRef, name: &str) -> Option<(ObjRef, Value)> {
        let vm = self.vm();
        let Object::Class(c) = vm.heap.get(cls) else {
            return None;
        };
        let key = PyStr::new(name);
        for &k in &c.mro {
            if let Object::Class(kc) = vm.heap.get(k) {
                if let Some(v) = kc.dict.get(&key) {
                    return Some((k, v.clone()));
                }
            }
        }
        None
    }

    /// The value of `name` in the class's own dict.
    pub fn own_class_attr(&self, cls: ObjRef, name: &str) -> Option<Value> {
        match self.vm().heap.get(cls) {
            Object::Class(c) => c.dict.get(&PyStr::new(name)).cloned(),
            _ => None,
        }
    }

    /// The class where instance attribute `name` of `cd` lives, created if
    /// needed: on `cd`, after moving up the definitions of its subclasses.
    pub fn locate_attribute(&mut self, cd: ClassId, name: &str) -> ClassId {
        let mut c = Some(cd);
        while let Some(k) = c {
            if self.classes[k].attrs.contains_key(name) {
                return k;
            }
            c = self.classes[k].base;
        }
        // A class-level value in an ancestor places it there.
        let mut owner = cd;
        let mut c = self.classes[cd].base;
        while let Some(k) = c {
            if self.own_class_attr(self.classes[k].obj, name).is_some() {
                owner = k;
            }
            c = self.classes[k].base;
        }
        let mut attr = AttrDef {
            readonly: true,
            ..AttrDef::default()
        };
        let mut conflicts = Vec::new();
        for sub in self.subtree(owner) {
            if let Some(old) = self.classes[sub].attrs.shift_remove(name) {
                match self.union(&attr.value, &old.value) {
                    Ok(v) => attr.value = v,
                    Err(e) => conflicts.push((e, old.origin)),
                }
                attr.readonly &= old.readonly;
                attr.origin = attr.origin.or(old.origin);
                attr.readers.extend(old.readers);
            }
            let obj = self.classes[sub].obj;
            if let Some(v) = self.own_class_attr(obj, name) {
                if !is_function_like(&self.vm(), &v) {
                    let s = self.immutable_value(&v);
                    match self.union(&attr.value, &s) {
                        Ok(u) => attr.value = u,
                        Err(e) => conflicts.push((e, None)),
                    }
                }
            }
        }
        let readers = attr.readers.clone();
        self.classes[owner].attrs.insert(name.to_string(), attr);
        self.schedule_all(&readers);
        for (e, origin) in conflicts {
            let class = self.classes[owner].name.clone();
            let mut err = AnnotationError::new(format!(
                "attribute `{name}` of class {class} would hold both {} and {}",
                e.left, e.right
            ));
            if let Some(site) = origin {
                err = err.at(site, format!("{} here", e.right));
            }
            self.report(err);
        }
        owner
    }

    /// Reads instance attribute `name` through an instance of `cd`.
    pub fn read_attribute(&mut self, cd: ClassId, name: &str) -> SomeValue {
        let owner = self.locate_attribute(cd, name);
        let pos = self.current;
        let attr = &mut self.classes[owner].attrs[name];
        if let Some(pos) = pos {
            attr.readers.insert(pos);
        }
        attr.value.clone()
    }

    /// Stores `value` into attribute `name` of instances of `cd`.
    pub fn write_attribute(
        &mut self,
        cd: ClassId,
        name: &str,
        value: &SomeValue,
        site: Option<Site>,
        is_prebuilt: bool,
    ) -> Result<(), AnnotationError> {
        let owner = self.locate_attribute(cd, name);
        let old = self.classes[owner].attrs[name].value.clone();
        match self.union(&old, value) {
            Ok(new) => {
                let attr = &mut self.classes[owner].attrs[name];
                if !is_prebuilt {
                    attr.readonly = false;
                }
                if attr.origin.is_none() || old.is_impossible() {
                    attr.origin = site;
                }
                if new != old {
                    attr.value = new;
                    let readers = attr.readers.clone();
                    self.schedule_all(&readers);
                }
                Ok(())
            }
            Err(e) => {
                let class = self.classes[owner].name.clone();
                let origin = self.classes[owner].attrs[name].origin;
                let mut err = AnnotationError::new(format!(
                    "attribute `{name}` of class {class} would hold both {} and {}",
                    e.left, e.right
                ));
                if let Some(site) = site {
                    err = err.at(site, format!("{} here", e.right));
                }
                if let Some(o) = origin {
                    err = err.with_site(o, format!("{} here", e.left));
                }
                if let Some(r) = e.reason {
                    err = err.with_note(r);
                }
                Err(err)
            }
        }
    }
}

/// Whether a class-level value is a method (a function, a static or class
/// method) rather than data.
pub fn is_function_like(vm: &frontend::host::Vm, v: &Value) -> bool {
    match v {
        Value::Ref(r) => matches!(
            vm.heap.get(*r),
            Object::Function(_)
                | Object::StaticMethod(_)
                | Object::ClassMethod(_)
                | Object::Builtin(_)
                | Object::Property { .. }
        ),
        _ => false,
    }
}

/// Whether `v` is a function whose code stores an attribute on its first
/// argument (`self.x = ...`).
fn stores_on_self(vm: &frontend::host::Vm, v: &Value) -> bool {
    use frontend::bytecode::Instr;
    let Value::Ref(r) = v else { return false };
    let Object::Function(f) = vm.heap.get(*r) else {
        return false;
    };
    if f.code.total_args() == 0 {
        return false;
    }
    let instrs = &f.code.instrs;
    instrs
        .windows(2)
        .any(|w| matches!((&w[0], &w[1]), (Instr::LoadFast(0), Instr::StoreAttr(_))))
}

/// The special methods refused at their definition (see
/// `refuse_ignored_special_methods`).
const IGNORED_SPECIAL_METHODS: &[&str] = &[
    "__hash__",
    "__del__",
    "__new__",
    "__getattr__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__format__",
    "__index__",
];

fn special_method_use(name: &str) -> &'static str {
    match name {
        "__eq__" | "__ne__" => "`==` and `!=`, `in`, `list.index` and dict keys",
        "__lt__" | "__le__" | "__gt__" | "__ge__" => "comparisons and sorting",
        "__hash__" => "dict keys and set items",
        "__bool__" | "__len__" => "truth tests (`if obj:`) and `len()`",
        "__del__" => "finalization when the object dies",
        "__new__" => "making instances",
        "__format__" => "f-strings and `format()`",
        "__index__" => "indexing and slicing with the object",
        _ => "attribute access",
    }
}
