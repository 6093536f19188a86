//! Classes: instance structs, vtables, class ids, and exceptions.
//!
//! Every instance struct starts with its parent's (the root is
//! `rpy_object`, holding the vtable pointer), so a pointer to an instance
//! of a subclass is a valid pointer to its base class after a
//! `cast_pointer`. Classes are numbered in preorder over the hierarchy:
//! a class and its subclasses have the ids `min..max` recorded in its
//! vtable, so `isinstance` and exception matching are two comparisons
//! (as in PyPy's `rclass`).
//!
//! The exceptions the rtyper itself raises (`ZeroDivisionError`,
//! `IndexError`, ...) get class definitions even if the program never
//! names them, so they take part in the numbering.

use annotator::ClassId;
use lltype::{ConstValue, Constant, Field, FuncId, Init, LlOp, Operand};

use crate::builder::FnBuilder;
use crate::cx::{sanitize, ClassInfo, Rtyper};
use crate::repr::Repr;

/// The exceptions low-level helpers may raise.
pub const IMPLICIT_EXCEPTIONS: &[&str] = &[
    "ZeroDivisionError",
    "IndexError",
    "KeyError",
    "ValueError",
    "OverflowError",
    "RecursionError",
    "MemoryError",
    "StopIteration",
    "AssertionError",
    "TypeError",
    "OSError",
    "AttributeError",
    "UnicodeDecodeError",
    "UnicodeEncodeError",
];

impl Rtyper<'_, '_> {
    /// Lays out every class the annotator knows (and the implicit
    /// exceptions): numbering, instance structs, vtables.
    pub fn setup_classes(&mut self) {
        for name in IMPLICIT_EXCEPTIONS {
            let obj = {
                let vm = self.ann.vm();
                vm.module_get(vm.builtins, name).and_then(|v| v.as_ref())
            };
            if let Some(obj) = obj {
                self.ann.classdef(obj);
            }
        }
        // Preorder numbering.
        let roots: Vec<ClassId> = self
            .ann
            .classes
            .iter()
            .filter(|(_, c)| c.base.is_none())
            .map(|(id, _)| id)
            .collect();
        let mut order = Vec::new();
        let mut ranges = std::collections::HashMap::new();
        let mut next = 1i64;
        for root in roots {
            self.number(root, &mut next, &mut order, &mut ranges);
        }
        // Declare every struct first: fields may point to any class.
        for &c in &order {
            let name = self.fresh_struct_name(&self.ann.classes[c].name.clone());
            let s = self
                .m
                .types
                .declare_struct(&name, true)
                .expect("a fresh name");
            let ptr = self.m.types.ptr(s).expect("a struct");
            let (min, max) = ranges[&c];
            let class_name = self.ann.classes[c].name.clone();
            let short = class_name
                .rsplit('.')
                .next()
                .unwrap_or(&class_name)
                .to_string();
            let name_str = self.str_constant(&short);
            let base = vec![
                Init::Value(Constant::new(ConstValue::Int(min.into()), self.t.signed)),
                Init::Value(Constant::new(ConstValue::Int(max.into()), self.t.signed)),
                Init::Value(name_str),
            ];
            let vtable = self.declare_vtable(c, base, name.trim_start_matches("inst_"));
            self.classes.insert(
                c,
                ClassInfo {
                    struct_ty: s,
                    ptr,
                    vtable,
                    fields: Vec::new(),
                    flagged: Default::default(),
                },
            );
        }
        for &c in &order {
            let def = self.ann.classes[c].clone();
            let parent = match def.base {
                Some(b) => self.classes[&b].struct_ty,
                None => self.t.object,
            };
            let mut fields = vec![Field {
                name: "super".into(),
                ty: parent,
            }];
            let mut reprs = Vec::new();
            if def.base.is_none() && def.builtin {
                fields.push(Field {
                    name: "rpy_message".into(),
                    ty: self.t.str_ptr,
                });
            }
            let mut flagged = std::collections::HashSet::new();
            for (attr, a) in &def.attrs {
                if a.readonly && !a.maybe_unset && !self.readonly_needs_field(&a.value) {
                    continue;
                }
                let r = self.repr_of(&a.value);
                let ty = self.lltype(&r);
                if !self.is_void(ty) {
                    fields.push(Field {
                        name: format!("f_{}", sanitize(attr)),
                        ty,
                    });
                }
                if a.maybe_unset {
                    fields.push(Field {
                        name: unset_flag(attr),
                        ty: self.t.bool,
                    });
                    flagged.insert(attr.clone());
                }
                reprs.push((attr.clone(), r));
            }
            let s = self.classes[&c].struct_ty;
            self.m
                .types
                .define_struct(s, fields)
                .expect("storable fields");
            let info = self.classes.get_mut(&c).expect("declared");
            info.fields = reprs;
            info.flagged = flagged;
        }
    }

    fn number(
        &mut self,
        c: ClassId,
        next: &mut i64,
        order: &mut Vec<ClassId>,
        ranges: &mut std::collections::HashMap<ClassId, (i64, i64)>,
    ) {
        let min = *next;
        *next += 1;
        order.push(c);
        for sub in self.ann.classes[c].subclasses.clone() {
            self.number(sub, next, order, ranges);
        }
        ranges.insert(c, (min, *next));
    }

    fn fresh_struct_name(&self, base: &str) -> String {
        let base = format!("inst_{}", sanitize(base.rsplit('.').next().unwrap_or(base)));
        let mut name = base.clone();
        let mut n = 1;
        while self.m.types.struct_named(&name).is_some() {
            name = format!("{base}_{n}");
            n += 1;
        }
        name
    }

    /// A pointer constant to a class's vtable.
    pub fn vtable_constant(&self, c: ClassId) -> Constant {
        Constant::new(
            ConstValue::Global(self.classes[&c].vtable),
            self.t.vtable_ptr,
        )
    }

    /// The class definition of a built-in exception by name.
    pub fn builtin_class(&mut self, name: &str) -> Option<ClassId> {
        let obj = {
            let vm = self.ann.vm();
            vm.module_get(vm.builtins, name).and_then(|v| v.as_ref())
        }?;
        Some(self.ann.classdef(obj))
    }

    /// `matches(raised, handler)`: whether the raised class is the
    /// handler's class or one of its subclasses.
    pub fn class_matcher(&mut self) -> FuncId {
        let (vt, signed, boolean) = (self.t.vtable_ptr, self.t.signed, self.t.bool);
        self.helper("class_matches", &[vt, vt], boolean, |rt, b| {
            b.name_param(0, "raised");
            b.name_param(1, "handler");
            let (raised, handler) = (b.param(0), b.param(1));
            let id = b.getfield(raised, "subclassrange_min", signed);
            let lo = b.getfield(handler.clone(), "subclassrange_min", signed);
            let hi = b.getfield(handler, "subclassrange_max", signed);
            let above = b.int_op(LlOp::IntGe, id.clone(), lo);
            let no = b.bool(false);
            let result = b.local(no);
            b.if_then(rt, above, |_, b| {
                let below = b.int_op(LlOp::IntLt, id, hi);
                b.set(result, below);
            });
            let r = b.get(result);
            b.ret(r);
        })
    }

    /// A function taking nothing that raises `RecursionError`.
    pub fn stack_overflow_helper(&mut self) -> FuncId {
        let ty = self.m.types.func(Vec::new(), self.t.void);
        let f = self.declare_helper("rpy_stack_overflow", ty);
        let graph = self.build(&[], |rt, b| {
            rt.raise_builtin(b, "RecursionError", "maximum recursion depth exceeded");
        });
        self.m.functions[f].body = lltype::Body::Graph(graph);
        f
    }

    /// Declares a helper function (its body is set by the caller).
    pub fn declare_helper(&mut self, name: &str, ty: lltype::TypeId) -> FuncId {
        let name = self.m.fresh_function_name(name);
        self.m
            .add_function(lltype::Function {
                name,
                ty,
                body: lltype::Body::External,
                unit: "rpy_helpers".into(),
                origin: None,
                inline: lltype::Inline::Auto,
            })
            .expect("a fresh name")
    }

    /// Builds a graph: `body` gets the rtyper and a builder for a graph
    /// taking parameters of these types.
    pub fn build(
        &mut self,
        params: &[lltype::TypeId],
        body: impl FnOnce(&mut Self, &mut FnBuilder),
    ) -> lltype::Graph {
        let mut b = FnBuilder::new(&mut self.m, params);
        body(self, &mut b);
        b.finish()
    }

    /// Emits a raise of a new instance of a built-in exception with a
    /// message.
    pub fn raise_builtin(&mut self, b: &mut FnBuilder, class: &str, message: &str) {
        let Some(c) = self.builtin_class(class) else {
            panic!("the built-in exception {class} is laid out by setup_classes");
        };
        let info = self.classes[&c].clone();
        let inst = b.op(LlOp::Malloc, Vec::new(), info.ptr);
        let object = b.op(LlOp::CastPointer, vec![inst], self.t.object_ptr);
        let vt = Operand::Const(self.vtable_constant(c));
        b.setfield(object.clone(), "typeptr", vt.clone());
        let msg = Operand::Const(self.str_constant(message));
        let root = self.exception_root_ptr(c);
        let as_root = b.op(LlOp::CastPointer, vec![object.clone()], root);
        b.setfield(as_root, "rpy_message", msg);
        b.raise(vt, object);
    }

    /// The pointer type of the root class of an exception class (the one
    /// holding `rpy_message`).
    pub(crate) fn exception_root_ptr(&self, mut c: ClassId) -> lltype::TypeId {
        while let Some(b) = self.ann.classes[c].base {
            c = b;
        }
        self.classes[&c].ptr
    }

    /// Checks, where an attribute may not be set, that the instance has
    /// it: `AttributeError: 'C' object has no attribute 'name'` (with the
    /// instance's own class) otherwise.
    pub fn check_attribute_set(
        &mut self,
        cx: &mut crate::graph::GraphCx,
        owner: ClassId,
        p: Operand,
        attr: &str,
    ) {
        if !self.classes[&owner].flagged.contains(attr) {
            return;
        }
        let flag = self.name_const(&unset_flag(attr));
        let set = cx.emit(LlOp::GetField, vec![p.clone(), flag], self.t.bool);
        let object = cx.emit(LlOp::CastPointer, vec![p], self.t.object_ptr);
        let name = Operand::Const(self.str_constant(attr));
        let f = self.attribute_error_helper();
        self.call_raising(cx, f, vec![set, object, name]);
    }

    /// Marks a flagged attribute as set (after a store).
    pub fn mark_attribute_set(
        &mut self,
        cx: &mut crate::graph::GraphCx,
        owner: ClassId,
        p: Operand,
        attr: &str,
    ) {
        if !self.classes[&owner].flagged.contains(attr) {
            return;
        }
        let flag = self.name_const(&unset_flag(attr));
        let t = Operand::Const(Constant::new(ConstValue::Bool(true), self.t.bool));
        cx.emit(LlOp::SetField, vec![p, flag, t], self.t.void);
    }

    /// `check(set, obj, name)`: raises CPython's `AttributeError` unless
    /// `set`.
    fn attribute_error_helper(&mut self) -> FuncId {
        let (boolean, op, sp) = (self.t.bool, self.t.object_ptr, self.t.str_ptr);
        let concat = self.str_concat();
        let vt = self.t.vtable_ptr;
        self.helper(
            "check_attribute_set",
            &[boolean, op, sp],
            self.t.void,
            |rt, b| {
                let (set, obj, name) = (b.param(0), b.param(1), b.param(2));
                b.if_then(rt, set, |_, b| b.ret_void());
                let t = b.getfield(obj, "typeptr", vt);
                let class = b.getfield(t, "name", sp);
                let mut message = Operand::Const(rt.str_constant("'"));
                for piece in [
                    class,
                    Operand::Const(rt.str_constant("' object has no attribute '")),
                    name,
                    Operand::Const(rt.str_constant("'")),
                ] {
                    message = rt.call(b, concat, vec![message, piece]);
                }
                rt.raise_builtin_with(b, "AttributeError", message);
            },
        )
    }

    /// The representation of instances of a class, for fields.
    pub fn field_repr(&self, c: ClassId, attr: &str) -> Option<(ClassId, Repr)> {
        let mut k = Some(c);
        while let Some(cls) = k {
            if let Some((_, r)) = self.classes[&cls].fields.iter().find(|(n, _)| n == attr) {
                return Some((cls, r.clone()));
            }
            k = self.ann.classes[cls].base;
        }
        None
    }
}

/// The name of the flag field of an attribute an instance may lack.
pub fn unset_flag(attr: &str) -> String {
    format!("fs_{}", sanitize(attr))
}
