//! Method dispatch through vtables.
//!
//! A call whose receiver may be an instance of several classes that define
//! the method differently (`animal.describe()` where `Dog` overrides
//! `describe`) loads the method from the receiver's vtable. Every class has
//! a vtable struct of its own that starts with its parent's (first-field
//! inheritance, as instances), so a pointer to a subclass's vtable is a
//! valid pointer to any ancestor's. A method gets a slot — a function
//! pointer field — in the vtable of the highest class where the name
//! resolves, and every class below fills it with the graph its lookup
//! finds, as in PyPy's `rclass`.
//!
//! Slots are found while the graphs are translated (a call site asks for
//! one), so the vtable structs and their initialisers are completed only
//! at the end ([`Rtyper::finish_vtables`]). All the graphs of one slot get
//! one signature: the receiver as the slot's class, the other parameters
//! and the result in representations wide enough for every graph. A graph
//! whose own signature differs is reached through a small adapter that
//! casts the receiver and converts the rest. A call leaving out
//! parameters that have defaults uses a slot of that arity
//! (`m_<name>_<n>`), whose adapters supply each function's own defaults.
//!
//! The same vtables hold the other per-class values the rtyper needs at
//! run time: constructors for calling a class value (`new<n>`, see
//! `classval.rs`) and class attributes read through a class value
//! (`c_<attr>`).

use std::collections::HashMap;

use annotator::{ClassId, Desc, GraphId, SomeValue};
use frontend::host::{Object, Value};
use lltype::{ConstValue, Constant, Field, FuncId, GlobalId, Init, LlOp, Operand, TypeId};

use crate::builder::FnBuilder;
use crate::calls::ArgSource;
use crate::cx::{sanitize, RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOperand = flowgraph::Operand<Value>;

/// The vtables: per class its struct, and the slots classes own.
#[derive(Default)]
pub struct Vtables {
    /// The vtable struct of each class (non-GC, first field its parent's).
    pub types: HashMap<ClassId, TypeId>,
    /// The root part of each class's vtable: class-id range and name.
    pub base_init: HashMap<ClassId, Vec<Init>>,
    /// Classes in preorder.
    pub order: Vec<ClassId>,
    /// The slots each class adds to its parent's vtable.
    pub slots: HashMap<ClassId, Vec<Slot>>,
    /// The signature of each set of functions used as one value.
    pub func_sigs: HashMap<Vec<annotator::DescId>, (Vec<Repr>, Repr, TypeId)>,
    /// Nested functions whose representation is being computed.
    pub closures_in_progress: std::collections::HashSet<frontend::host::ObjRef>,
}

/// One function-pointer field of a vtable.
#[derive(Clone, Debug)]
pub struct Slot {
    /// The field name (`m_<method>`, or `instantiate`).
    pub field: String,
    /// The pointer-to-function type of the field.
    pub ptr_ty: TypeId,
    /// Parameter representations (the receiver first, for methods).
    pub params: Vec<Repr>,
    /// The result representation.
    pub result: Repr,
    /// The function each class stores (absent: null).
    pub fills: HashMap<ClassId, FuncId>,
    /// For a slot holding a class attribute: each class's value.
    pub consts: HashMap<ClassId, Constant>,
}

impl Rtyper<'_, '_> {
    /// Declares the vtable struct and global of a class (the struct's
    /// fields and the global's initialiser come at the end).
    pub fn declare_vtable(&mut self, c: ClassId, base: Vec<Init>, struct_name: &str) -> GlobalId {
        let name = format!("vtable_{struct_name}");
        let ty = self
            .m
            .types
            .declare_struct(&name, false)
            .expect("a fresh name");
        let vt_name = self.m.fresh_global_name(&format!("vt_{struct_name}"));
        let g = self
            .m
            .add_global(lltype::Global {
                name: vt_name,
                ty,
                init: Init::Zero,
                immutable: true,
            })
            .expect("a fresh name");
        self.vtables.types.insert(c, ty);
        self.vtables.base_init.insert(c, base);
        self.vtables.order.push(c);
        g
    }

    /// Defines every vtable struct (parent part, then slots) and fills
    /// every vtable global.
    pub fn finish_vtables(&mut self) {
        let order = self.vtables.order.clone();
        for &c in &order {
            let parent = match self.ann.classes[c].base {
                Some(b) => self.vtables.types[&b],
                None => self.t.vtable,
            };
            let mut fields = vec![Field {
                name: "super".into(),
                ty: parent,
            }];
            for s in self.vtables.slots.get(&c).into_iter().flatten() {
                fields.push(Field {
                    name: s.field.clone(),
                    ty: s.ptr_ty,
                });
            }
            let ty = self.vtables.types[&c];
            self.m
                .types
                .define_struct(ty, fields)
                .expect("storable fields");
        }
        for &c in &order {
            let init = self.vtable_init(c, c);
            let g = self.classes[&c].vtable;
            self.m.globals[g].init = init;
        }
    }

    /// The initialiser of the part of `k`'s vtable that is `c`'s struct.
    fn vtable_init(&mut self, c: ClassId, k: ClassId) -> Init {
        let parent = match self.ann.classes[c].base {
            Some(b) => self.vtable_init(b, k),
            None => Init::Struct(self.vtables.base_init[&k].clone()),
        };
        let mut items = vec![parent];
        for s in self.vtables.slots.get(&c).cloned().into_iter().flatten() {
            items.push(match (s.fills.get(&k), s.consts.get(&k)) {
                (Some(&f), _) => Init::Value(Constant::new(ConstValue::Func(f), s.ptr_ty)),
                (None, Some(c)) => Init::Value(c.clone()),
                (None, None) => Init::Zero,
            });
        }
        Init::Struct(items)
    }

    /// The name a method is known by in its class (the key of the class
    /// dict holding it), or the function's own name.
    pub fn method_name(&self, func: frontend::host::ObjRef, origin: ClassId) -> String {
        let vm = self.ann.vm();
        let obj = self.ann.classes[origin].obj;
        if let Object::Class(c) = vm.heap.get(obj) {
            for &k in &c.mro {
                if let Object::Class(kc) = vm.heap.get(k) {
                    for (key, v) in kc.dict.iter() {
                        if *v == Value::Ref(func) {
                            return key.as_str().to_string();
                        }
                    }
                }
            }
        }
        match vm.heap.get(func) {
            Object::Function(f) => f.name.to_string(),
            _ => "?".into(),
        }
    }

    /// The function `name` resolves to on class `k`, if it is a Python
    /// function.
    fn resolve_method(&self, k: ClassId, name: &str) -> Option<frontend::host::ObjRef> {
        let obj = self.ann.classes[k].obj;
        match self.ann.lookup_class_attr(obj, name) {
            Some((_, Value::Ref(f)))
                if matches!(self.ann.vm().heap.get(f), Object::Function(_)) =>
            {
                Some(f)
            }
            _ => None,
        }
    }

    /// The annotated graphs of a function.
    pub fn graphs_of(&self, func: frontend::host::ObjRef) -> Vec<GraphId> {
        self.ann
            .graphs
            .iter()
            .filter(|(_, info)| info.func == func)
            .map(|(g, _)| g)
            .collect()
    }

    /// The class owning the slot of method `name` for receivers of class
    /// `cd`: the highest ancestor where the name resolves.
    fn slot_owner(&self, cd: ClassId, name: &str) -> ClassId {
        let mut owner = cd;
        let mut k = Some(cd);
        while let Some(c) = k {
            if self.resolve_method(c, name).is_some() {
                owner = c;
            }
            k = self.ann.classes[c].base;
        }
        owner
    }

    /// The slot of method `name` in the vtable of `owner`, made on first
    /// request with the graph of every class below.
    fn method_slot(
        &mut self,
        cx: &GraphCx,
        owner: ClassId,
        name: &str,
        given: Option<usize>,
    ) -> Result<Slot, RtypeError> {
        // A call leaving out parameters with defaults gets a slot of its
        // own, whose functions each supply their own defaults.
        let field = match given {
            Some(n) => format!("m_{}_{n}", sanitize(name)),
            None => format!("m_{}", sanitize(name)),
        };
        if let Some(s) = self
            .vtables
            .slots
            .get(&owner)
            .and_then(|v| v.iter().find(|s| s.field == field))
        {
            return Ok(s.clone());
        }
        // The graph of each class.
        let mut per_class: Vec<(ClassId, GraphId)> = Vec::new();
        for k in self.ann.subtree(owner) {
            let Some(f) = self.resolve_method(k, name) else {
                continue;
            };
            match self.graphs_of(f)[..] {
                [] => {}
                [g] => per_class.push((k, g)),
                _ => {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: calling the specialised method `{name}` through an instance"
                    )))
                }
            }
        }
        let Some(&(_, first)) = per_class.first() else {
            return Err(cx.error(format!("internal: no graph for the method `{name}`")));
        };
        let nparams = self.ann.graphs[first].graph.args.len();
        let mut params = vec![Repr::Instance(owner)];
        let mut result: Option<Repr> = None;
        for &(_, g) in &per_class {
            let args = self.ann.graphs[g].graph.args.clone();
            if args.len() != nparams {
                return Err(cx.error(format!(
                    "not supported yet by the translator: overrides of `{name}` with different numbers of parameters"
                )));
            }
            for (i, a) in args.iter().enumerate().skip(1) {
                let r = self.var_repr(g, *a);
                if params.len() <= i {
                    params.push(r);
                } else {
                    params[i] = self.unify_reprs(&params[i], &r).map_err(|m| cx.error(m))?;
                }
            }
            let ret = self.graph_result(g);
            if ret.is_impossible() {
                // Never returns (always raises): no say in the result.
                continue;
            }
            let r = self.repr_of(&ret);
            result = Some(match result {
                None => r,
                Some(old) => self.unify_reprs(&old, &r).map_err(|m| cx.error(m))?,
            });
        }
        let result = result.unwrap_or(Repr::Void);
        if let Some(n) = given {
            params.truncate(1 + n);
        }
        let types: Vec<TypeId> = params.iter().map(|r| self.lltype(r)).collect();
        let result_ty = self.lltype(&result);
        let fty = self.m.types.func(types, result_ty);
        let ptr_ty = self.m.types.ptr(fty).expect("a function type");
        let mut fills = HashMap::new();
        let mut adapted: HashMap<GraphId, FuncId> = HashMap::new();
        for &(k, g) in &per_class {
            let f = match adapted.get(&g) {
                Some(&f) => f,
                None => {
                    let f = self
                        .adapt(g, &params, &result, fty)
                        .map_err(|m| cx.error(m))?;
                    adapted.insert(g, f);
                    f
                }
            };
            fills.insert(k, f);
        }
        let slot = Slot {
            field,
            ptr_ty,
            params,
            result,
            fills,
            consts: HashMap::new(),
        };
        self.vtables
            .slots
            .entry(owner)
            .or_default()
            .push(slot.clone());
        Ok(slot)
    }

    /// A representation wide enough for values of both.
    pub fn unify_reprs(&mut self, a: &Repr, b: &Repr) -> Result<Repr, String> {
        if a == b {
            return Ok(a.clone());
        }
        Ok(match (a, b) {
            (Repr::Instance(x), Repr::Instance(y)) => match self.ann.common_base(*x, *y) {
                Some(c) => Repr::Instance(c),
                None => {
                    return Err(
                        "not supported yet by the translator: instances of unrelated classes in one family of callables".into(),
                    )
                }
            },
            (Repr::UniChar, Repr::Str) | (Repr::Str, Repr::UniChar) => Repr::Str,
            (Repr::Bool, Repr::Int) | (Repr::Int, Repr::Bool) => Repr::Int,
            (Repr::Int | Repr::Bool, Repr::Float) | (Repr::Float, Repr::Int | Repr::Bool) => {
                Repr::Float
            }
            (Repr::Void, other) | (other, Repr::Void) => {
                let t = self.lltype(other);
                if self.m.types.pointee(t).is_some() {
                    other.clone()
                } else {
                    return Err(format!(
                        "not supported yet by the translator: a family of callables with both None and {other_desc}", other_desc = self.describe_repr(&other)
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "not supported yet by the translator: a family of callables with both {a_desc} and {b_desc}", a_desc = self.describe_repr(&a), b_desc = self.describe_repr(&b)
                ))
            }
        })
    }

    /// The function of graph `g`, or an adapter to it with the signature
    /// `fty` (parameters `params`, result `result`).
    pub fn adapt(
        &mut self,
        g: GraphId,
        params: &[Repr],
        result: &Repr,
        fty: TypeId,
    ) -> Result<FuncId, String> {
        let f = self.function_for_graph(g);
        if self.m.functions[f].ty == fty {
            return Ok(f);
        }
        let args = self.ann.graphs[g].graph.args.clone();
        let own: Vec<Repr> = args.iter().map(|a| self.var_repr(g, *a)).collect();
        let ret = self.graph_result(g);
        let never_returns = ret.is_impossible();
        let own_ret = self.repr_of(&ret);
        // The parameters the signature leaves out take this function's
        // own defaults.
        let mut defaults = Vec::new();
        if params.len() < own.len() {
            let sig = self.python_signature(g);
            let first_default = sig.npositional.saturating_sub(sig.defaults.len());
            let captured = own.len() - sig.names.len();
            for (i, r) in own.iter().enumerate().skip(params.len()) {
                let k = i - captured;
                if k < first_default || k >= sig.npositional {
                    return Err(format!(
                        "not supported yet by the translator: calling {} without its parameter `{}`",
                        self.m.functions[f].name,
                        sig.names.get(k).map(String::as_str).unwrap_or("?")
                    ));
                }
                let d = sig.defaults[k - first_default].clone();
                defaults.push(self.constant_value(&d, r)?);
            }
        }
        let types: Vec<TypeId> = params.iter().map(|r| self.lltype(r)).collect();
        let result_ty = self.lltype(result);
        let key = format!("adapt_{}_{}", f.as_u32(), fty.as_u32());
        let name = self.m.functions[f].name.clone();
        let mut failed = false;
        let params = params.to_vec();
        let result = result.clone();
        let a = self.helper(&key, &types, result_ty, |rt, b| {
            let mut values = Vec::new();
            for (i, (from, to)) in params.iter().zip(&own).enumerate() {
                let p = b.param(i);
                match rt.convert_in_helper(b, p, from, to, true) {
                    Some(v) => values.push(v),
                    None => failed = true,
                }
            }
            if failed {
                let z = b.null_or_zero(result_ty, rt);
                b.ret(z);
                return;
            }
            values.extend(defaults.into_iter().map(Operand::Const));
            let r = rt.call(b, f, values);
            if never_returns {
                let z = b.null_or_zero(result_ty, rt);
                b.ret(z);
                return;
            }
            match rt.convert_in_helper(b, r, &own_ret, &result, false) {
                Some(v) => b.ret(v),
                None => {
                    failed = true;
                    let z = b.null_or_zero(result_ty, rt);
                    b.ret(z);
                }
            }
        });
        if failed {
            return Err(format!(
                "not supported yet by the translator: the function {name} in a family of callables with other types"
            ));
        }
        self.m.functions[a].origin = self.m.functions[f].origin.clone();
        Ok(a)
    }

    /// Converts a value inside a helper; `narrow` allows the conversions
    /// from a family's wide parameter to one graph's own.
    pub fn convert_in_helper(
        &mut self,
        b: &mut FnBuilder,
        v: Operand,
        from: &Repr,
        to: &Repr,
        narrow: bool,
    ) -> Option<Operand> {
        if from == to {
            return Some(v);
        }
        let from_ty = self.lltype(from);
        let to_ty = self.lltype(to);
        if from_ty == to_ty {
            return Some(v);
        }
        Some(match (from, to) {
            (Repr::Instance(_), Repr::Instance(_)) => b.op(LlOp::CastPointer, vec![v], to_ty),
            (_, Repr::Void) => b.konst(ConstValue::Void, to_ty),
            (Repr::Void, _) if self.m.types.pointee(to_ty).is_some() => b.null(to_ty),
            (Repr::UniChar, Repr::Str) => {
                let f = self.char_to_str();
                self.call(b, f, vec![v])
            }
            (Repr::Bool, Repr::Int) => b.op(LlOp::CastPrimitive, vec![v], to_ty),
            (Repr::Int, Repr::Float) => b.op(LlOp::CastIntToFloat, vec![v], to_ty),
            (Repr::Int, Repr::Bool) if narrow => b.op(LlOp::IntIsTrue, vec![v], to_ty),
            _ => return None,
        })
    }

    /// A call through the receiver's vtable: `callee` is the bound method
    /// (represented by its instance), `args` the positional arguments.
    pub fn dispatch_call(
        &mut self,
        cx: &mut GraphCx,
        callee: &FlowOperand,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let positional: Vec<ArgSource> = args.iter().map(|a| ArgSource::Flow(a.clone())).collect();
        self.dispatch_call_kw(cx, callee, &positional, &[], result)
    }

    /// A call through the receiver's vtable, with keywords; parameters
    /// left out take the defaults of the method of the slot's class.
    pub fn dispatch_call_kw(
        &mut self,
        cx: &mut GraphCx,
        callee: &FlowOperand,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let s = self.binding(cx, callee);
        let SomeValue::Pbc(p) = &s else {
            return Err(cx.error("internal: a method call without methods"));
        };
        let (func, origin) = match p.descs.iter().map(|d| self.ann.descs[*d].clone()).next() {
            Some(Desc::Method { func, origin, .. }) => (func, origin),
            _ => return Err(cx.error("internal: a method call without methods")),
        };
        let name = self.method_name(func, origin);
        let receiver = self.operand_repr(cx, callee);
        let Repr::Instance(cd) = receiver else {
            return Err(cx.error("internal: a method without a receiver"));
        };
        let this = self.operand_as(cx, callee, &receiver)?;
        self.call_method_by_name(cx, this, cd, &name, positional, keywords, result)
    }

    /// `this.name(...)` through the vtable of `this`, an instance of class
    /// `cd` (every class below which has the method): a method call, or
    /// a special method an operator calls (`__eq__`, `__len__` ...).
    #[allow(clippy::too_many_arguments)]
    pub fn call_method_by_name(
        &mut self,
        cx: &mut GraphCx,
        this: Operand,
        cd: ClassId,
        name: &str,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let name = name.to_string();
        let receiver = Repr::Instance(cd);
        let owner = self.slot_owner(cd, &name);
        // The signature calls are bound against: the slot class's method.
        let head = self.ann.subtree(owner).into_iter().find_map(|k| {
            self.resolve_method(k, &name)
                .and_then(|f| self.graphs_of(f).first().copied())
        });
        let Some(head) = head else {
            return Err(cx.error(format!("internal: no graph for the method `{name}`")));
        };
        let sig = self.python_signature(head);
        // Parameters given by the call: a prefix of them, or all.
        let mut given = positional.len();
        for (kw, _) in keywords {
            let i = sig.names.iter().position(|n| n == kw).unwrap_or(usize::MAX);
            given = given.max(i);
        }
        let full = sig.names.len().saturating_sub(1);
        let given = (given < full).then_some(given);
        let slot = self.method_slot(cx, owner, &name, given)?;
        let this = self.convert(cx, this, &receiver, &Repr::Instance(owner))?;
        let mut values = vec![this.clone()];
        let mut bound =
            self.bind_args(cx, &sig, 1, positional, keywords, &full_params(&slot, full))?;
        bound.truncate(slot.params.len() - 1);
        values.extend(bound);
        let fp = self.vtable_field(cx, this, owner, &slot.field, slot.ptr_ty);
        let result_ty = self.lltype(&slot.result);
        let mut all = vec![fp];
        all.extend(values);
        let r = cx.emit(LlOp::IndirectCall, all, result_ty);
        cx.mark_raising();
        self.convert(cx, r, &slot.result, result)
    }

    /// Reads a field of the vtable of instance `this` (of class `owner`,
    /// where the field is).
    pub fn vtable_field(
        &mut self,
        cx: &mut GraphCx,
        this: Operand,
        owner: ClassId,
        field: &str,
        ty: TypeId,
    ) -> Operand {
        let obj = cx.emit(LlOp::CastPointer, vec![this], self.t.object_ptr);
        let typeptr = self.name_const("typeptr");
        let vt = cx.emit(LlOp::GetField, vec![obj, typeptr], self.t.vtable_ptr);
        let vt_ty = self.vtables.types[&owner];
        let vt_ptr = self.m.types.ptr(vt_ty).expect("a struct");
        let vt = cx.emit(LlOp::CastPointer, vec![vt], vt_ptr);
        let name = self.name_const(field);
        cx.emit(LlOp::GetField, vec![vt, name], ty)
    }
}

impl FnBuilder {
    /// A zero or null of a type (for code that is never reached).
    fn null_or_zero(&self, ty: TypeId, rt: &Rtyper) -> Operand {
        let value = match rt.m.types.as_prim(ty) {
            Some(lltype::Prim::Void) => ConstValue::Void,
            Some(lltype::Prim::Bool) => ConstValue::Bool(false),
            Some(lltype::Prim::Float) => ConstValue::Float(0),
            Some(_) => ConstValue::Int(0),
            None => ConstValue::Null,
        };
        self.konst(value, ty)
    }
}

/// The representations of all the parameters after the receiver for
/// binding a call against a slot that may take only a prefix of them
/// (the rest are bound to placeholders and dropped).
fn full_params(slot: &Slot, full: usize) -> Vec<Repr> {
    let mut v: Vec<Repr> = slot.params[1..].to_vec();
    v.resize(full, Repr::Void);
    v
}
