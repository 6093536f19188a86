//! Prebuilt containers and instances: host objects the program reads as
//! constants (module-level tables, tuples of constants, prebuilt
//! instances of user classes) become globals initialised with their
//! contents.
//!
//! A host object with an identity (a list, an instance) gets one global
//! per low-level type, made once, so two reads of the same object give the
//! same pointer and a mutation through one is seen through the other. The
//! global is registered before its contents are computed, so cyclic
//! structures (an instance whose field points back to it) terminate.
//! Tuples have no identity; equal tuples share a global anyway.

use std::collections::HashMap;

use frontend::host::{ObjRef, Object, PyStr, Value};
use lltype::{ConstValue, Constant, Global, GlobalId, Init, TypeId};

use crate::cx::Rtyper;
use crate::repr::Repr;

/// What a prebuilt global is made from, copied out of the host heap.
enum HostObj {
    List(Vec<Value>),
    Instance(ObjRef, frontend::host::object::AttrMap),
    Other,
}

/// The globals made for host values.
#[derive(Default)]
pub struct Prebuilt {
    /// Per host object and low-level pointer type.
    objects: HashMap<(ObjRef, TypeId), GlobalId>,
    /// Per tuple value and low-level pointer type.
    tuples: HashMap<(Value, TypeId), GlobalId>,
}

impl Rtyper<'_, '_> {
    /// A pointer constant to the global holding host value `v` in the
    /// representation `want`.
    pub fn prebuilt(&mut self, v: &Value, want: &Repr) -> Result<Constant, String> {
        let ptr = self.lltype(want);
        let described = self.describe_host_value(v);
        let wanted = self.describe_repr(want);
        let unsupported =
            || format!("not supported yet by the translator: the constant {described} as {wanted}");
        match (want, v) {
            (Repr::Bytes, Value::Bytes(b)) => Ok(self.prebuilt_bytes(b)),
            (Repr::Char, Value::Bytes(b)) if b.len() == 1 => {
                Ok(Constant::new(ConstValue::Int(b[0].into()), self.t.char))
            }
            (Repr::Funcs(_), Value::None) => Ok(Constant::new(ConstValue::Null, ptr)),
            (Repr::Funcs(_), Value::Ref(f)) => self.func_constant(*f, want),
            (Repr::Tuple(items), Value::Tuple(values)) if items.len() == values.len() => {
                if let Some(&g) = self.prebuilt.tuples.get(&(v.clone(), ptr)) {
                    return Ok(Constant::new(ConstValue::Global(g), ptr));
                }
                let mut inits = Vec::new();
                for (r, x) in items.iter().zip(values.iter()) {
                    let t = self.lltype(r);
                    if self.is_void(t) {
                        continue;
                    }
                    inits.push(Init::Value(self.constant_value(x, r)?));
                }
                let g = self.new_global("tuple", ptr, Init::Struct(inits), true);
                self.prebuilt.tuples.insert((v.clone(), ptr), g);
                Ok(Constant::new(ConstValue::Global(g), ptr))
            }
            (Repr::FixedList(_) | Repr::List(_) | Repr::Instance(_), Value::Ref(r)) => {
                if let Some(&g) = self.prebuilt.objects.get(&(*r, ptr)) {
                    return Ok(Constant::new(ConstValue::Global(g), ptr));
                }
                let obj = {
                    let vm = self.ann.vm();
                    match vm.heap.get(*r) {
                        Object::List(items) => HostObj::List(items.clone()),
                        Object::Instance(i) => HostObj::Instance(i.class, i.dict.clone()),
                        _ => HostObj::Other,
                    }
                };
                match (want, obj) {
                    (Repr::FixedList(item), HostObj::List(values)) => {
                        let g = self.new_global("list", ptr, Init::Zero, false);
                        self.prebuilt.objects.insert((*r, ptr), g);
                        let init = self.array_init(item, &values)?;
                        self.m.globals[g].init = init;
                        Ok(Constant::new(ConstValue::Global(g), ptr))
                    }
                    (Repr::List(item), HostObj::List(values)) => {
                        let g = self.new_global("list", ptr, Init::Zero, false);
                        self.prebuilt.objects.insert((*r, ptr), g);
                        let array = self.lltype(&Repr::FixedList(item.clone()));
                        let items = self.array_init(item, &values)?;
                        let a = self.new_global("items", array, items, false);
                        let n = Constant::new(ConstValue::Int(values.len() as i128), self.t.signed);
                        self.m.globals[g].init = Init::Struct(vec![
                            Init::Value(n),
                            Init::Value(Constant::new(ConstValue::Global(a), array)),
                        ]);
                        Ok(Constant::new(ConstValue::Global(g), ptr))
                    }
                    (Repr::Instance(_), HostObj::Instance(class, dict)) => {
                        // Keyed by the exact class: one global whatever
                        // base class the reader sees it as.
                        let c = self.ann.classdef(class);
                        let exact = self.classes[&c].ptr;
                        if let Some(&g) = self.prebuilt.objects.get(&(*r, exact)) {
                            return Ok(Constant::new(ConstValue::Global(g), ptr));
                        }
                        let g = self.new_global("inst", exact, Init::Zero, false);
                        self.prebuilt.objects.insert((*r, exact), g);
                        let init = self.instance_init(c, c, &dict)?;
                        self.m.globals[g].init = init;
                        Ok(Constant::new(ConstValue::Global(g), ptr))
                    }
                    _ => Err(unsupported()),
                }
            }
            _ => Err(unsupported()),
        }
    }

    /// A host value as a diagnostic names it: heap objects by kind and
    /// class rather than by heap id.
    fn describe_host_value(&self, v: &Value) -> String {
        let r = match v {
            Value::Ref(r) => r,
            Value::None => return "None".into(),
            Value::Bool(b) => return if *b { "True".into() } else { "False".into() },
            Value::Int(i) => return format!("the int {i}"),
            Value::BigInt(i) => return format!("the int {i} (it does not fit in 64 bits)"),
            Value::Float(f) => return format!("the float {f:?}"),
            Value::Str(s) => return format!("the str {:?}", s.as_str()),
            Value::Bytes(_) => return "a bytes".into(),
            Value::Tuple(items) => {
                let inner: Vec<String> =
                    items.iter().map(|i| self.describe_host_value(i)).collect();
                return format!("a tuple ({})", inner.join(", "));
            }
            Value::Method(_) => return "a bound method".into(),
            Value::Ellipsis | Value::NotImplemented => return format!("{v:?}"),
        };
        let vm = self.ann.vm();
        match vm.heap.get(*r) {
            Object::Instance(i) => {
                let c = vm.class(i.class);
                let base = match &i.base_value {
                    Some(b) => format!(" (a subclass of {})", vm.type_name(b)),
                    None => String::new(),
                };
                format!(
                    "a prebuilt `{}.{}` instance{base}",
                    c.module.as_str(),
                    c.qualname.as_str()
                )
            }
            Object::Module(m) => format!("the module `{}`", m.name.as_str()),
            Object::Class(c) => format!("the class `{}`", c.name.as_str()),
            _ => format!("a prebuilt `{}`", vm.type_name(v)),
        }
    }

    /// A bytes constant: an immutable `rpy_bytes` global, shared by equal
    /// constants.
    fn prebuilt_bytes(&mut self, b: &[u8]) -> Constant {
        let key = (true, b.iter().map(|&c| u32::from(c)).collect::<Vec<_>>());
        let ptr = self.t.bytes_ptr;
        if let Some(&g) = self.strings.get(&key) {
            return Constant::new(ConstValue::Global(g), ptr);
        }
        let init = Init::Struct(vec![
            Init::Value(Constant::new(ConstValue::Int(0), self.t.signed)),
            Init::Bytes(b.to_vec()),
        ]);
        let g = self.new_global("bytes", ptr, init, true);
        self.strings.insert(key, g);
        Constant::new(ConstValue::Global(g), ptr)
    }

    /// The items of a prebuilt array.
    fn array_init(&mut self, item: &Repr, values: &[Value]) -> Result<Init, String> {
        let t = self.lltype(item);
        let mut inits = Vec::new();
        for x in values {
            inits.push(if self.is_void(t) {
                Init::Value(Constant::new(ConstValue::Bool(false), self.t.bool))
            } else {
                Init::Value(self.constant_value(x, item)?)
            });
        }
        Ok(Init::Array(inits))
    }

    /// The part of a prebuilt instance of class `exact` that is the
    /// struct of class `c`, from the instance's attributes.
    fn instance_init(
        &mut self,
        c: annotator::ClassId,
        exact: annotator::ClassId,
        dict: &frontend::host::object::AttrMap,
    ) -> Result<Init, String> {
        let def = self.ann.classes[c].clone();
        let parent = match def.base {
            Some(b) => self.instance_init(b, exact, dict)?,
            // `rpy_object`: the vtable, and no identity hash yet (dicthash.rs).
            None => Init::Struct(vec![Init::Value(self.vtable_constant(exact)), Init::Zero]),
        };
        let mut items = vec![parent];
        if def.base.is_none() && def.builtin {
            let message = match dict.get(&PyStr::new("args")) {
                Some(Value::Tuple(args)) => match args.first() {
                    Some(Value::Str(s)) => self.str_constant(s.as_str()),
                    _ => self.str_constant(""),
                },
                _ => self.str_constant(""),
            };
            items.push(Init::Value(message));
        }
        let fields = self.classes[&c].fields.clone();
        for (attr, r) in fields {
            let t = self.lltype(&r);
            let value = match dict.get(&PyStr::new(&attr)) {
                Some(v) => Some(v.clone()),
                None => {
                    let cls = self.ann.classes[exact].obj;
                    self.ann.lookup_class_attr(cls, &attr).map(|(_, v)| v)
                }
            };
            if !self.is_void(t) {
                items.push(match &value {
                    Some(v) => Init::Value(self.constant_value(v, &r)?),
                    None => Init::Zero,
                });
            }
            if self.classes[&c].flagged.contains(&attr) {
                let set = Constant::new(ConstValue::Bool(value.is_some()), self.t.bool);
                items.push(Init::Value(set));
            }
        }
        Ok(Init::Struct(items))
    }

    /// A new global holding the pointee of pointer type `ptr`.
    fn new_global(&mut self, base: &str, ptr: TypeId, init: Init, immutable: bool) -> GlobalId {
        let ty = self.m.types.pointee(ptr).expect("a pointer type");
        let name = self.m.fresh_global_name(&format!("pre_{base}"));
        self.m
            .add_global(Global {
                name,
                ty,
                init,
                immutable,
            })
            .expect("a fresh name")
    }
}

impl Rtyper<'_, '_> {
    /// Whether an attribute never assigned at run time still needs an
    /// instance field: its value differs between classes or prebuilt
    /// instances (it is not one constant). Such a field is filled from
    /// the class-level value when an instance is made.
    pub fn readonly_needs_field(&mut self, s: &annotator::SomeValue) -> bool {
        use annotator::SomeValue;
        match s {
            SomeValue::Impossible | SomeValue::None => false,
            SomeValue::Pbc(_) => {
                let r = self.repr_of(s);
                let t = self.lltype(&r);
                !self.is_void(t)
            }
            SomeValue::Bool(Some(_)) => false,
            SomeValue::Int(i) => i.konst.is_none(),
            SomeValue::Str(s) => s.konst.is_none(),
            _ => true,
        }
    }

    /// The class-level values of the fields of a new instance of class
    /// `c` (attributes with a value in the class body or a base's): the
    /// class owning each field, the attribute, its value (none for a
    /// field of no storage).
    pub fn class_level_values(
        &mut self,
        c: annotator::ClassId,
    ) -> Result<Vec<(annotator::ClassId, String, Option<Constant>)>, String> {
        let cls = self.ann.classes[c].obj;
        let mut out = Vec::new();
        let mut k = Some(c);
        while let Some(owner) = k {
            let fields = self.classes[&owner].fields.clone();
            for (attr, r) in fields {
                let t = self.lltype(&r);
                // Instances see the class-level value until they assign
                // their own.
                let Some((_, v)) = self.ann.lookup_class_attr(cls, &attr) else {
                    continue;
                };
                if self.is_void(t) {
                    out.push((owner, attr, None));
                    continue;
                }
                if let Value::Ref(o) = &v {
                    // Data (a prebuilt instance, list, dict, set...) is
                    // stored; a method found in the class is not a value of
                    // the field, unless the field holds functions.
                    let data = match self.ann.vm().heap.get(*o) {
                        Object::Function(_) => matches!(r, Repr::Funcs(_)),
                        Object::Builtin(_)
                        | Object::StaticMethod(_)
                        | Object::ClassMethod(_)
                        | Object::Property { .. } => false,
                        _ => true,
                    };
                    if !data {
                        continue;
                    }
                }
                let value = self.constant_value(&v, &r)?;
                out.push((owner, attr, Some(value)));
            }
            k = self.ann.classes[owner].base;
        }
        Ok(out)
    }

    /// Stores the class-level values of the fields into a new instance of
    /// class `c`.
    pub fn init_class_level_fields(
        &mut self,
        cx: &mut crate::graph::GraphCx,
        c: annotator::ClassId,
        inst: lltype::Operand,
    ) -> Result<(), crate::cx::RtypeError> {
        let values = self.class_level_values(c).map_err(|m| cx.error(m))?;
        for (owner, attr, value) in values {
            let p = self.convert(cx, inst.clone(), &Repr::Instance(c), &Repr::Instance(owner))?;
            if let Some(value) = value {
                let name = self.name_const(&format!("f_{}", crate::cx::sanitize(&attr)));
                let value = lltype::Operand::Const(value);
                cx.emit(
                    lltype::LlOp::SetField,
                    vec![p.clone(), name, value],
                    self.t.void,
                );
            }
            self.mark_attribute_set(cx, owner, p, &attr);
        }
        Ok(())
    }
}
