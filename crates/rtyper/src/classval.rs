//! Classes as values: calling a class that is only known at run time
//! (`cls(text)` where `cls` came from a table of classes).
//!
//! The common base of the classes gets a vtable slot `new<n>` per number
//! of arguments: a function making an instance of the class whose vtable
//! it is, running its `__init__` with those arguments (and its defaults
//! for the rest). The call loads the slot from the class pointer and
//! calls it.

use annotator::{ClassId, Desc, SomeValue};
use frontend::host::{Object, Value};
use lltype::{FuncId, LlOp, Operand, TypeId};

use crate::cx::{sanitize, RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::methods::Slot;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;

impl Rtyper<'_, '_> {
    /// `cls(args...)` for a class value that may be one of several.
    pub fn call_class_value(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let s = self.binding(cx, &op.args[0]);
        let SomeValue::Pbc(p) = &s else {
            return Err(cx.error("internal: a class call without classes"));
        };
        let classes: Vec<ClassId> = p
            .descs
            .iter()
            .filter_map(|d| match self.ann.descs[*d] {
                Desc::Class(c) => Some(c),
                _ => None,
            })
            .collect();
        let mut owner = classes[0];
        for &c in &classes[1..] {
            owner = match self.ann.common_base(owner, c) {
                Some(b) => b,
                None => {
                    return Err(cx.error(
                        "not supported yet by the translator: calling a value that may be one of several unrelated classes",
                    ))
                }
            };
        }
        let args = &op.args[1..];
        let slot = self
            .new_slot(owner, &classes, args.len())
            .map_err(|m| cx.error(m))?;
        let cls = self.operand_as(cx, &op.args[0], &Repr::Class)?;
        let vt_ty = self.vtables.types[&owner];
        let vt_ptr = self.m.types.ptr(vt_ty).expect("a struct");
        let vt = cx.emit(LlOp::CastPointer, vec![cls], vt_ptr);
        let name = self.name_const(&slot.field);
        let fp = cx.emit(LlOp::GetField, vec![vt, name], slot.ptr_ty);
        let mut all = vec![fp];
        for (a, r) in args.iter().zip(&slot.params) {
            all.push(self.operand_as(cx, a, r)?);
        }
        let ty = self.lltype(&slot.result);
        let v = cx.emit(LlOp::IndirectCall, all, ty);
        cx.mark_raising();
        self.convert(cx, v, &slot.result, result)
    }

    /// The `new<n>` slot of `owner`, filled for `classes` (and for the
    /// classes an earlier call site filled it for).
    fn new_slot(&mut self, owner: ClassId, classes: &[ClassId], n: usize) -> Result<Slot, String> {
        let field = format!("new{n}");
        let existing = self
            .vtables
            .slots
            .get(&owner)
            .and_then(|v| v.iter().position(|s| s.field == field));
        let mut slot = match existing {
            Some(i) => self.vtables.slots[&owner][i].clone(),
            None => {
                let mut params: Vec<Repr> = Vec::new();
                for &c in classes {
                    let Some(g) = self.init_graph(c) else {
                        continue;
                    };
                    let args = self.ann.graphs[g].graph.args.clone();
                    for (i, a) in args.iter().skip(1).take(n).enumerate() {
                        let r = self.var_repr(g, *a);
                        if params.len() <= i {
                            params.push(r);
                        } else {
                            params[i] = self.unify_reprs(&params[i], &r)?;
                        }
                    }
                }
                if params.len() != n {
                    return Err("not supported yet by the translator: a class value called with arguments its classes do not take".into());
                }
                let types: Vec<TypeId> = params.iter().map(|r| self.lltype(r)).collect();
                let result = Repr::Instance(owner);
                let rt = self.lltype(&result);
                let fty = self.m.types.func(types, rt);
                let ptr_ty = self.m.types.ptr(fty).expect("a function type");
                Slot {
                    field: field.clone(),
                    ptr_ty,
                    params,
                    result,
                    fills: Default::default(),
                    consts: Default::default(),
                }
            }
        };
        for &c in classes {
            if slot.fills.contains_key(&c) {
                continue;
            }
            let f = self.new_instance_function(c, owner, &slot.params)?;
            slot.fills.insert(c, f);
        }
        let list = self.vtables.slots.entry(owner).or_default();
        match list.iter().position(|s| s.field == field) {
            Some(i) => list[i] = slot.clone(),
            None => list.push(slot.clone()),
        }
        Ok(slot)
    }

    /// The `__init__` graph of a class, if it has one.
    fn init_graph(&self, c: ClassId) -> Option<annotator::GraphId> {
        let obj = self.ann.classes[c].obj;
        match self.ann.lookup_class_attr(obj, "__init__") {
            Some((_, Value::Ref(f)))
                if matches!(self.ann.vm().heap.get(f), Object::Function(_)) =>
            {
                self.graphs_of(f).first().copied()
            }
            _ => None,
        }
    }

    /// A function making an instance of `c` from arguments of the
    /// representations `params`, returned as an instance of `owner`.
    fn new_instance_function(
        &mut self,
        c: ClassId,
        owner: ClassId,
        params: &[Repr],
    ) -> Result<FuncId, String> {
        let types: Vec<TypeId> = params.iter().map(|r| self.lltype(r)).collect();
        let result_ty = self.lltype(&Repr::Instance(owner));
        let info = self.classes[&c].clone();
        let values = self.class_level_values(c)?;
        let vt = self.vtable_constant(c);
        // The `__init__` call: its function, parameters and defaults.
        let init = match self.init_graph(c) {
            Some(g) => {
                let f = self.function_for_graph(g);
                let args = self.ann.graphs[g].graph.args.clone();
                let reprs: Vec<Repr> = args.iter().map(|a| self.var_repr(g, *a)).collect();
                let func = self.ann.graphs[g].func;
                let defaults = match self.ann.vm().heap.get(func) {
                    Object::Function(f) => f.defaults.clone(),
                    _ => Vec::new(),
                };
                let given = params.len() + 1;
                if given > reprs.len() || reprs.len() - given > defaults.len() {
                    return Err("not supported yet by the translator: a class value called with arguments its __init__ does not take".into());
                }
                let mut consts = Vec::new();
                let first = defaults.len() - (reprs.len() - given);
                for (d, r) in defaults[first..].iter().zip(&reprs[given..]) {
                    consts.push(self.constant_value(d, r)?);
                }
                Some((f, reprs, consts))
            }
            None if params.is_empty() => None,
            None => {
                return Err(
                    "not supported yet by the translator: arguments to a class without __init__"
                        .into(),
                )
            }
        };
        let key = format!(
            "new_{}_{}_{}",
            info.ptr.as_u32(),
            result_ty.as_u32(),
            params.len()
        );
        let name = self.ann.classes[c].name.clone();
        let params = params.to_vec();
        let mut failed = false;
        let f = self.helper(&key, &types, result_ty, |rt, b| {
            let inst = b.op(LlOp::Malloc, Vec::new(), info.ptr);
            let obj = b.op(LlOp::CastPointer, vec![inst.clone()], rt.t.object_ptr);
            b.setfield(obj, "typeptr", Operand::Const(vt));
            for (k, attr, value) in values {
                let kptr = rt.classes[&k].ptr;
                let p = b.op(LlOp::CastPointer, vec![inst.clone()], kptr);
                if let Some(value) = value {
                    b.setfield(
                        p.clone(),
                        &format!("f_{}", sanitize(&attr)),
                        Operand::Const(value),
                    );
                }
                if rt.classes[&k].flagged.contains(&attr) {
                    let t = b.bool(true);
                    b.setfield(p, &crate::classes::unset_flag(&attr), t);
                }
            }
            if let Some((f, reprs, consts)) = init {
                let this = b.op(LlOp::CastPointer, vec![inst.clone()], rt.lltype(&reprs[0]));
                let mut args = vec![this];
                for (i, (from, to)) in params.iter().zip(&reprs[1..]).enumerate() {
                    let p = b.param(i);
                    match rt.convert_in_helper(b, p, from, to, true) {
                        Some(v) => args.push(v),
                        None => failed = true,
                    }
                }
                args.extend(consts.into_iter().map(Operand::Const));
                if !failed {
                    rt.call(b, f, args);
                }
            }
            let r = b.op(LlOp::CastPointer, vec![inst], result_ty);
            b.ret(r);
        });
        if failed {
            return Err(format!(
                "not supported yet by the translator: making an instance of {name} from a class value"
            ));
        }
        Ok(f)
    }
}

impl Rtyper<'_, '_> {
    /// `cls.attr` for a class value: a constant if the annotator knows
    /// it, else a field of the vtable holding each class's value.
    pub fn class_getattr(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        attr: &str,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let res = self.ann.graphs[cx.g].bindings[op.result].clone();
        if let Some(v) = crate::pbc::known_constant(&res) {
            return self.constant(cx, &v, result);
        }
        let s = self.binding(cx, &op.args[0]);
        let SomeValue::Pbc(p) = &s else {
            return Err(cx.error("internal: a class attribute without classes"));
        };
        let classes: Vec<ClassId> = p
            .descs
            .iter()
            .filter_map(|d| match self.ann.descs[*d] {
                Desc::Class(c) => Some(c),
                _ => None,
            })
            .collect();
        let mut owner = classes[0];
        for &c in &classes[1..] {
            owner = self.ann.common_base(owner, c).ok_or_else(|| {
                cx.error("not supported yet by the translator: attributes of unrelated classes")
            })?;
        }
        let field = format!("c_{}", crate::cx::sanitize(attr));
        let existing = self
            .vtables
            .slots
            .get(&owner)
            .and_then(|v| v.iter().find(|s| s.field == field))
            .cloned();
        let slot = match existing {
            Some(s) => s,
            None => {
                let ty = self.lltype(result);
                let mut consts = std::collections::HashMap::new();
                for k in self.ann.subtree(owner) {
                    let obj = self.ann.classes[k].obj;
                    // `__name__` is the type's, not an entry of the class
                    // dict.
                    let found = if attr == "__name__" {
                        Some(Value::str(&self.ann.class_name(obj)))
                    } else {
                        self.ann.lookup_class_attr(obj, attr).map(|(_, v)| v)
                    };
                    let Some(v) = found else {
                        continue;
                    };
                    let function_like = match &v {
                        Value::Ref(r) => !matches!(
                            self.ann.vm().heap.get(*r),
                            Object::Instance(_) | Object::List(_) | Object::Class(_)
                        ),
                        _ => false,
                    };
                    if function_like {
                        continue;
                    }
                    let c = self.constant_value(&v, result).map_err(|m| cx.error(m))?;
                    consts.insert(k, c);
                }
                let slot = Slot {
                    field: field.clone(),
                    ptr_ty: ty,
                    params: Vec::new(),
                    result: result.clone(),
                    fills: Default::default(),
                    consts,
                };
                self.vtables
                    .slots
                    .entry(owner)
                    .or_default()
                    .push(slot.clone());
                slot
            }
        };
        let cls = self.operand_as(cx, &op.args[0], &Repr::Class)?;
        let vt_ty = self.vtables.types[&owner];
        let vt_ptr = self.m.types.ptr(vt_ty).expect("a struct");
        let vt = cx.emit(LlOp::CastPointer, vec![cls], vt_ptr);
        let name = self.name_const(&slot.field);
        let v = cx.emit(LlOp::GetField, vec![vt, name], slot.ptr_ty);
        self.convert(cx, v, &slot.result, result)
    }
}
