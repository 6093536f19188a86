//! Prebuilt callables and classes as values (PBCs): their
//! representations and calls through them.
//!
//! A single function or frozen object needs no run-time value (`Void`);
//! a set of classes is a pointer to one of their vtables; a bound method
//! is represented by its receiver, whichever of the methods it is.

use annotator::{Desc, DescId, SomePbc, SomeValue};
use frontend::host::Value;
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::calls::ArgSource;
use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

impl Rtyper<'_, '_> {
    /// The representation of a set of prebuilt callables or objects.
    pub fn pbc_repr(&mut self, p: &SomePbc, s: &SomeValue) -> Repr {
        let descs: Vec<Desc> = p.descs.iter().map(|d| self.ann.descs[*d].clone()).collect();
        if descs.is_empty() {
            return Repr::Void;
        }
        if descs.iter().all(|d| matches!(d, Desc::Class(_))) {
            return Repr::Class;
        }
        // A support-package method (a JIT driver's hint) needs no
        // receiver at run time.
        if let [Desc::Method { func, .. }] = &descs[..] {
            if self.ann.special_function_name(*func).is_some() {
                return Repr::Void;
            }
        }
        if descs.iter().all(|d| matches!(d, Desc::Method { .. })) {
            // A bound method is represented by its receiver alone, so all
            // must be the same method name (found through the receiver).
            let names: std::collections::HashSet<String> = descs
                .iter()
                .map(|d| match d {
                    Desc::Method { func, origin, .. } => self.method_name(*func, *origin),
                    _ => unreachable!("all methods"),
                })
                .collect();
            if names.len() > 1 {
                return Repr::Unsupported(self.ann.describe(s));
            }
            let mut common = None;
            for d in &descs {
                let Desc::Method { self_class, .. } = d else {
                    unreachable!("all methods")
                };
                common = match common {
                    None => Some(*self_class),
                    Some(c) => match self.ann.common_base(c, *self_class) {
                        Some(b) => Some(b),
                        None => return Repr::Unsupported(self.ann.describe(s)),
                    },
                };
            }
            return Repr::Instance(common.expect("one method at least"));
        }
        if descs.len() == 1 && !p.can_be_none {
            if let Desc::Function(f) = &descs[0] {
                if let Some(r) = self.closure_repr(*f) {
                    return r;
                }
            }
            if let Desc::Function(_) | Desc::Frozen(_) = &descs[0] {
                return Repr::Void;
            }
        }
        if descs.iter().all(|d| matches!(d, Desc::Function(_))) {
            return Repr::Funcs(p.descs.iter().copied().collect());
        }
        Repr::Unsupported(self.ann.describe(s))
    }

    /// A call of a value that may be one of several callables.
    pub fn call_pbc(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let callee = self.binding(cx, &op.args[0]);
        let SomeValue::Pbc(p) = &callee else {
            return Err(cx.error("internal: call_pbc of a non-PBC"));
        };
        let descs: Vec<Desc> = p.descs.iter().map(|d| self.ann.descs[*d].clone()).collect();
        if descs.iter().all(|d| matches!(d, Desc::Method { .. })) {
            let targets = self.targets(cx)?;
            if let [g] = targets[..] {
                let receiver = self.operand_repr(cx, &op.args[0]);
                let this = self.operand_as(cx, &op.args[0], &receiver)?;
                return self.call_graph(cx, g, &op.args[1..], Some((this, receiver)), result);
            }
            return self.dispatch_call(cx, &op.args[0], &op.args[1..], result);
        }
        if descs.iter().all(|d| matches!(d, Desc::Class(_))) {
            return self.call_class_value(cx, op, result);
        }
        if let Repr::Funcs(_) = self.operand_repr(cx, &op.args[0]) {
            return self.call_funcs(cx, op, result);
        }
        Err(cx.error(format!(
            "not supported yet by the translator: calling {}",
            self.ann.describe(&callee)
        )))
    }
}

impl Rtyper<'_, '_> {
    /// The built-ins about classes and objects: `isinstance`, `type`,
    /// `super`, `bool`.
    pub fn call_class_builtin(
        &mut self,
        cx: &mut GraphCx,
        name: &str,
        args: &[FlowOperand],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if let Some(r) = self.call_minmax_sum(cx, name, args, result) {
            return r;
        }
        match (name, args.len()) {
            ("object_method", _) => self.call_builtin_init(cx, args),
            ("isinstance", 2) => {
                let res = self.ann.graphs[cx.g].graph.blocks[cx.at.0].ops[cx.at.1].result;
                let s = self.ann.graphs[cx.g].bindings[res].clone();
                if let SomeValue::Bool(Some(b)) = s {
                    return Ok(self.bool_const(b));
                }
                let r = self.operand_repr(cx, &args[0]);
                let Repr::Instance(_) = r else {
                    // The annotator decides it for built-in types, except
                    // for a value that may be None: then it is `x is not
                    // None`.
                    let builtin_type = matches!(self.binding(cx, &args[1]), SomeValue::Builtin(_));
                    if builtin_type && self.lltype_is_ptr(&r) {
                        let x = self.operand_as(cx, &args[0], &r)?;
                        return Ok(cx.emit(LlOp::PtrNonZero, vec![x], self.t.bool));
                    }
                    return Err(cx.error(format!(
                        "not supported yet by the translator: isinstance() of {}",
                        self.describe_repr(&r)
                    )));
                };
                let x = self.operand_as(cx, &args[0], &r)?;
                let obj = cx.emit(LlOp::CastPointer, vec![x], self.t.object_ptr);
                let classes = self.class_operands(cx, &args[1])?;
                let f = self.isinstance_helper();
                let mut acc: Option<Operand> = None;
                for c in classes {
                    let v = self.call_in(cx, f, vec![obj.clone(), c]);
                    acc = Some(match acc {
                        None => v,
                        Some(a) => {
                            let ai = cx.emit(LlOp::CastPrimitive, vec![a], self.t.signed);
                            let vi = cx.emit(LlOp::CastPrimitive, vec![v], self.t.signed);
                            let o = cx.emit(LlOp::IntOr, vec![ai, vi], self.t.signed);
                            cx.emit(LlOp::IntIsTrue, vec![o], self.t.bool)
                        }
                    });
                }
                let v = acc.unwrap_or_else(|| self.bool_const(false));
                self.convert(cx, v, &Repr::Bool, result)
            }
            ("type", 1) => {
                let r = self.operand_repr(cx, &args[0]);
                let Repr::Instance(_) = r else {
                    return Err(
                        cx.error("not supported yet by the translator: type() of a non-instance")
                    );
                };
                let v = self.operand_as(cx, &args[0], &r)?;
                let obj = cx.emit(LlOp::CastPointer, vec![v], self.t.object_ptr);
                let name = self.name_const("typeptr");
                let t = cx.emit(LlOp::GetField, vec![obj, name], self.t.vtable_ptr);
                self.convert(cx, t, &Repr::Class, result)
            }
            ("super", 2) => self.operand_as(cx, &args[1], result),
            ("bool", 1) => {
                let v = self.truth(cx, &args[0])?;
                self.convert(cx, v, &Repr::Bool, result)
            }
            ("bool", 0) => Ok(self.bool_const(false)),
            _ => Err(cx.error(format!(
                "not supported yet by the translator: the built-in `{name}`"
            ))),
        }
    }

    /// A `Bool` constant.
    pub fn bool_const(&self, b: bool) -> Operand {
        Operand::Const(Constant::new(ConstValue::Bool(b), self.t.bool))
    }

    /// The classes `isinstance` tests against: one class value, or a
    /// constant tuple of classes.
    fn class_operands(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
    ) -> Result<Vec<Operand>, RtypeError> {
        if let FlowOperand::Const(Value::Tuple(items)) = o {
            let mut out = Vec::new();
            for i in items.iter() {
                out.push(self.constant(cx, i, &Repr::Class)?);
            }
            return Ok(out);
        }
        match self.operand_repr(cx, o) {
            Repr::Class => Ok(vec![self.operand_as(cx, o, &Repr::Class)?]),
            r => Err(cx.error(format!(
                "not supported yet by the translator: isinstance() against {r_desc}",
                r_desc = self.describe_repr(&r)
            ))),
        }
    }

    /// `isinstance(obj, cls)` for an instance pointer that may be null.
    fn isinstance_helper(&mut self) -> lltype::FuncId {
        let (op, vt, boolean) = (self.t.object_ptr, self.t.vtable_ptr, self.t.bool);
        self.helper("isinstance", &[op, vt], boolean, |rt, b| {
            let (obj, cls) = (b.param(0), b.param(1));
            let null = b.op(LlOp::PtrIsZero, vec![obj.clone()], boolean);
            b.if_then(rt, null, |_, b| {
                let f = b.bool(false);
                b.ret(f);
            });
            let t = b.getfield(obj, "typeptr", vt);
            let m = rt.class_matcher();
            let r = rt.call(b, m, vec![t, cls]);
            b.ret(r);
        })
    }
}

impl Rtyper<'_, '_> {
    /// A variable holding one known function has no run-time value; where
    /// it flows into a family of functions, it becomes the pointer to that
    /// function.
    pub fn known_pbc_as(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        have: &Repr,
        want: &Repr,
    ) -> Result<Option<Operand>, RtypeError> {
        if *have != Repr::Void || !matches!(want, Repr::Funcs(_)) {
            return Ok(None);
        }
        let s = self.binding(cx, o);
        let SomeValue::Pbc(p) = &s else {
            return Ok(None);
        };
        let [d] = p.descs.iter().copied().collect::<Vec<_>>()[..] else {
            return Ok(None);
        };
        let Desc::Function(f) = self.ann.descs[d] else {
            return Ok(None);
        };
        self.constant(cx, &Value::Ref(f), want).map(Some)
    }

    /// The signature shared by a set of functions used as one value: the
    /// parameters and result wide enough for each, and the pointer type.
    pub fn funcs_signature(&mut self, descs: &[DescId]) -> (Vec<Repr>, Repr, lltype::TypeId) {
        if let Some(s) = self.vtables.func_sigs.get(descs) {
            return s.clone();
        }
        let mut params: Option<Vec<Repr>> = None;
        let mut result: Option<Repr> = None;
        for d in descs {
            let Desc::Function(f) = self.ann.descs[*d] else {
                continue;
            };
            let Some(&g) = self.graphs_of(f).first() else {
                continue;
            };
            let args = self.ann.graphs[g].graph.args.clone();
            let reprs: Vec<Repr> = args.iter().map(|a| self.var_repr(g, *a)).collect();
            params = Some(match params {
                None => reprs,
                Some(old) if old.len() == reprs.len() => old
                    .iter()
                    .zip(&reprs)
                    .map(|(a, b)| self.unify_reprs(a, b).unwrap_or_else(|_| a.clone()))
                    .collect(),
                Some(old) => old,
            });
            let ret = self.graph_result(g);
            if ret.is_impossible() {
                continue;
            }
            let r = self.repr_of(&ret);
            result = Some(match result {
                None => r,
                Some(old) => self.unify_reprs(&old, &r).unwrap_or(old),
            });
        }
        let params = params.unwrap_or_default();
        let result = result.unwrap_or(Repr::Void);
        let types: Vec<lltype::TypeId> = params.iter().map(|r| self.lltype(r)).collect();
        let rt = self.lltype(&result);
        let fty = self.m.types.func(types, rt);
        let ptr = self.m.types.ptr(fty).expect("a function type");
        let sig = (params, result, ptr);
        self.vtables.func_sigs.insert(descs.to_vec(), sig.clone());
        sig
    }

    /// A pointer to function `func` in the family representation `want`.
    pub fn func_constant(
        &mut self,
        func: frontend::host::ObjRef,
        want: &Repr,
    ) -> Result<Constant, String> {
        let Repr::Funcs(descs) = want else {
            unreachable!("a family of functions")
        };
        let (params, result, ptr) = self.funcs_signature(&descs.clone());
        let Some(&g) = self.graphs_of(func).first() else {
            // Never called: no graph, and no call can reach it.
            return Ok(Constant::new(ConstValue::Null, ptr));
        };
        let fty = self.m.types.pointee(ptr).expect("a function pointer");
        let f = self.adapt(g, &params, &result, fty)?;
        Ok(Constant::new(ConstValue::Func(f), ptr))
    }

    /// A call through a function pointer of a family.
    pub fn call_funcs(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let positional: Vec<ArgSource> = op.args[1..]
            .iter()
            .map(|a| ArgSource::Flow(a.clone()))
            .collect();
        self.call_funcs_kw(cx, &op.args[0], &positional, &[], result)
    }

    /// A call through a function pointer of a family, with keywords;
    /// parameters left out take the defaults of the family's first
    /// function.
    pub fn call_funcs_kw(
        &mut self,
        cx: &mut GraphCx,
        callee: &FlowOperand,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let r = self.operand_repr(cx, callee);
        let Repr::Funcs(descs) = &r else {
            return Err(cx.error("internal: a call of functions without a family"));
        };
        let (params, ret, _) = self.funcs_signature(&descs.clone());
        let head = descs.iter().find_map(|d| match self.ann.descs[*d] {
            Desc::Function(f) => self.graphs_of(f).first().copied(),
            _ => None,
        });
        let Some(head) = head else {
            return Err(cx.error("internal: a family of functions without graphs"));
        };
        let sig = self.python_signature(head);
        if positional.len() + keywords.len() < params.len() {
            // Defaults come from the first function: all must agree.
            for d in descs.clone() {
                let Desc::Function(f) = self.ann.descs[d] else {
                    continue;
                };
                let Some(&g) = self.graphs_of(f).first() else {
                    continue;
                };
                let other = self.python_signature(g);
                if other.defaults != sig.defaults || other.kwdefaults != sig.kwdefaults {
                    return Err(cx.error(
                        "not supported yet by the translator: leaving out parameters whose defaults differ between the functions this value may be",
                    ));
                }
            }
        }
        let fp = self.operand_as(cx, callee, &r)?;
        let mut all = vec![fp];
        all.extend(self.bind_args(cx, &sig, 0, positional, keywords, &params)?);
        let result_ty = self.lltype(&ret);
        let v = cx.emit(LlOp::IndirectCall, all, result_ty);
        cx.mark_raising();
        self.convert(cx, v, &ret, result)
    }
}

impl Rtyper<'_, '_> {
    /// The captured values of a nested function made at run time
    /// (`newfunction`), if the callee is one: its value is the tuple of
    /// what it captured.
    pub fn closure_value(
        &mut self,
        cx: &mut GraphCx,
        callee: &FlowOperand,
    ) -> Result<Option<(Operand, Repr)>, RtypeError> {
        let r = self.operand_repr(cx, callee);
        if let Repr::Tuple(_) = r {
            let v = self.operand_as(cx, callee, &r)?;
            return Ok(Some((v, r)));
        }
        Ok(None)
    }

    /// `newfunction(code, defaults, captured)`: the function value is a
    /// tuple of the captured values, then the defaults computed at run
    /// time.
    pub fn new_function(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let Repr::Tuple(items) = result else {
            return Ok(Operand::Const(Constant::new(ConstValue::Void, self.t.void)));
        };
        // The values, from the captured tuple then the defaults tuple.
        let mut sources = Vec::new();
        for o in [&op.args[2], &op.args[1]] {
            match self.operand_repr(cx, o) {
                Repr::Tuple(have) => {
                    let t = self.operand_as(cx, o, &Repr::Tuple(have.clone()))?;
                    for (i, h) in have.iter().enumerate() {
                        let v = self.tuple_item(cx, t.clone(), i, h);
                        sources.push((v, h.clone()));
                    }
                }
                Repr::Void => {}
                r => return Err(cx.error(format!("internal: a nested function's values in {r:?}"))),
            }
        }
        if sources.len() != items.len() {
            return Err(
                cx.error("internal: a nested function's values do not fit its representation")
            );
        }
        let ty = self.lltype(result);
        let new = cx.emit(LlOp::Malloc, Vec::new(), ty);
        for (i, ((v, h), w)) in sources.into_iter().zip(items).enumerate() {
            let v = self.convert(cx, v, &h, w)?;
            let wt = self.lltype(w);
            if !self.is_void(wt) {
                let name = self.name_const(&format!("item{i}"));
                cx.emit(LlOp::SetField, vec![new.clone(), name, v], self.t.void);
            }
        }
        Ok(new)
    }

    /// The value of a nested function made at run time, as a tuple of its
    /// captured values and run-time defaults (`None` for a function that
    /// needs no run-time value).
    fn closure_repr(&mut self, func: frontend::host::ObjRef) -> Option<Repr> {
        let (ncaptured, defaults) = self.ann.closure_info(func)?;
        let ndefaults = match &defaults {
            SomeValue::Tuple(items) => items.len(),
            _ => 0,
        };
        if ncaptured + ndefaults == 0 {
            return None;
        }
        let graphs = self.graphs_of(func);
        let &[g] = &graphs[..] else { return None };
        let sig = self.python_signature(g);
        let params = self.ann.graphs[g].graph.args.clone();
        if !self.vtables.closures_in_progress.insert(func) {
            return Some(Repr::Unsupported(
                "a nested function capturing itself".into(),
            ));
        }
        let mut items: Vec<Repr> = params[..ncaptured]
            .iter()
            .map(|p| self.var_repr(g, *p))
            .collect();
        // A default's representation is its parameter's.
        let first_default = sig.npositional.saturating_sub(ndefaults);
        for j in 0..ndefaults {
            let r = match params.get(ncaptured + first_default + j) {
                Some(p) => self.var_repr(g, *p),
                None => Repr::Unsupported("a default without its parameter".into()),
            };
            items.push(r);
        }
        self.vtables.closures_in_progress.remove(&func);
        Some(Repr::Tuple(items))
    }
}

/// The constant an annotation stands for, if it is one.
pub fn known_constant(s: &SomeValue) -> Option<Value> {
    match s {
        SomeValue::Bool(Some(b)) => Some(Value::Bool(*b)),
        SomeValue::Int(i) => i.konst.map(Value::Int),
        SomeValue::Str(s) => s.konst.clone(),
        SomeValue::None => Some(Value::None),
        _ => None,
    }
}
