//! Calls of annotated graphs with Python's argument binding: positional
//! arguments, keywords (`f(x, sep=", ")`), `*args` tuples, and the
//! defaults of the parameters left out.
//!
//! The annotator bound the same arguments when it annotated the call, so
//! a binding that fails here is an internal error or an unsupported shape;
//! the low-level call always passes every parameter.

use annotator::{Desc, GraphId, SomeValue};
use flowgraph::CallShape;
use frontend::host::{Object, Value};
use lltype::{ConstValue, Constant, LlOp, Operand};

use crate::cx::{RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowOp = flowgraph::Operation<Value>;
type FlowOperand = flowgraph::Operand<Value>;

/// What binding arguments needs of a Python function.
#[derive(Default)]
pub struct PySignature {
    /// Parameter names (positional ones first, then keyword-only).
    pub names: Vec<String>,
    /// The number of positional parameters.
    pub npositional: usize,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Value>,
    /// Defaults of keyword-only parameters.
    pub kwdefaults: Vec<(String, Value)>,
    /// Takes `*args` or `**kwargs`.
    pub varargs: bool,
    /// For a nested function made at run time: its defaults, computed
    /// then (they replace `defaults`).
    pub runtime_defaults: Option<Vec<ArgSource>>,
}

/// Where one argument comes from.
#[derive(Clone, Debug)]
pub enum ArgSource {
    /// An operand of the call operation.
    Flow(FlowOperand),
    /// An item of a `*args` tuple already loaded.
    Value(Operand, Repr),
}

impl Rtyper<'_, '_> {
    /// `call_args`: a call with keywords or `*args`.
    pub fn call_args(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        shape: &CallShape,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        if shape.starstar {
            return Err(cx.error("not supported yet by the translator: `**kwargs` in a call"));
        }
        // Support-package functions with a built-in rule (the JIT
        // driver's `jit_merge_point(pc=..., ...)`) take their arguments in
        // call order.
        let callee = self.binding(cx, &op.args[0]);
        if let Some(name) = self.special_name(&callee) {
            if !shape.star {
                return self.call_special(cx, &name, &op.args[1..], result);
            }
        }
        let npos = shape.npos as usize;
        let mut positional: Vec<ArgSource> = op.args[1..1 + npos]
            .iter()
            .map(|a| ArgSource::Flow(a.clone()))
            .collect();
        let keywords: Vec<(String, ArgSource)> = shape
            .keywords
            .iter()
            .zip(&op.args[1 + npos..])
            .map(|(k, a)| (k.clone(), ArgSource::Flow(a.clone())))
            .collect();
        if shape.star {
            let star = &op.args[1 + npos + shape.keywords.len()];
            let r = self.operand_repr(cx, star);
            let Repr::Tuple(items) = &r else {
                return Err(cx.error(format!(
                    "not supported yet by the translator: `*args` of {r_desc}",
                    r_desc = self.describe_repr(&r)
                )));
            };
            let t = self.operand_as(cx, star, &r)?;
            for (i, item) in items.iter().enumerate() {
                let ty = self.lltype(item);
                let v = if self.is_void(ty) {
                    Operand::Const(Constant::new(ConstValue::Void, ty))
                } else {
                    let name = self.name_const(&format!("item{i}"));
                    cx.emit(LlOp::GetField, vec![t.clone(), name], ty)
                };
                positional.push(ArgSource::Value(v, item.clone()));
            }
        }
        let callee = self.binding(cx, &op.args[0]);
        if let SomeValue::Builtin(name) = &callee {
            if &**name == "print" {
                return self.print_kw(cx, &positional, &keywords);
            }
        }
        let sorting = match &callee {
            SomeValue::Builtin(name) => &**name == "sorted",
            SomeValue::BuiltinMethod(name, receiver) => {
                &**name == "sort" && matches!(**receiver, SomeValue::List(..))
            }
            _ => false,
        };
        if sorting && !shape.star {
            return self.sort_kw(cx, op, npos, &keywords, result);
        }
        let SomeValue::Pbc(p) = &callee else {
            return Err(cx.error(format!(
                "not supported yet by the translator: calling {} with keywords",
                self.ann.describe(&callee)
            )));
        };
        let descs: Vec<Desc> = p.descs.iter().map(|d| self.ann.descs[*d].clone()).collect();
        let targets = self.targets(cx)?;
        match (&descs[..], &targets[..]) {
            ([Desc::Function(_)], [g]) => {
                let closure = self.closure_value(cx, &op.args[0])?;
                self.call_graph_kw(cx, *g, &positional, &keywords, closure, result)
            }
            ([Desc::Class(c)], _) => self.instantiate_kw(cx, *c, &positional, &keywords, result),
            (ds, [g]) if ds.iter().all(|d| matches!(d, Desc::Method { .. })) => {
                let receiver = self.operand_repr(cx, &op.args[0]);
                let this = self.operand_as(cx, &op.args[0], &receiver)?;
                self.call_graph_kw(
                    cx,
                    *g,
                    &positional,
                    &keywords,
                    Some((this, receiver)),
                    result,
                )
            }
            (ds, _) if ds.iter().all(|d| matches!(d, Desc::Method { .. })) => {
                self.dispatch_call_kw(cx, &op.args[0], &positional, &keywords, result)
            }
            (ds, _) if ds.iter().all(|d| matches!(d, Desc::Function(_))) => {
                self.call_funcs_kw(cx, &op.args[0], &positional, &keywords, result)
            }
            _ => Err(cx.error(format!(
                "not supported yet by the translator: calling {} with keywords",
                self.ann.describe(&callee)
            ))),
        }
    }

    /// `l.sort(reverse=r)` and `sorted(x, reverse=r)`: sorted ascending,
    /// then, when `r` is true, sorted again as CPython does it (reversed,
    /// sorted, reversed), so that equal items keep their order.
    fn sort_kw(
        &mut self,
        cx: &mut GraphCx,
        op: &FlowOp,
        npos: usize,
        keywords: &[(String, ArgSource)],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let mut reverse = None;
        for (name, arg) in keywords {
            match (name.as_str(), arg) {
                ("reverse", ArgSource::Flow(a)) => reverse = Some(a.clone()),
                ("key", _) => {
                    return Err(cx.error(
                        "not supported yet by the translator: sorting with `key=` \
                         (sort a list of tuples (key, item) instead)",
                    ))
                }
                (other, _) => {
                    return Err(cx.error(format!(
                        "not supported yet by the translator: the keyword `{other}` of a sort"
                    )))
                }
            }
        }
        let plain = &op.args[..1 + npos];
        let callee = self.binding(cx, &op.args[0]);
        let (sorted, list_repr) = match &callee {
            SomeValue::BuiltinMethod(_, receiver) => {
                let receiver = self.repr_of(receiver);
                let this = self.operand_as(cx, &op.args[0], &receiver)?;
                self.call_method(cx, "sort", this.clone(), &receiver, &plain[1..], result)?;
                (this, receiver)
            }
            _ => {
                let v = self.call_builtin(cx, "sorted", &plain[1..], result)?;
                (v, result.clone())
            }
        };
        if let Some(flag) = reverse {
            let flag = self.truth(cx, &flag)?;
            let f = self.list_sort_reversed(&list_repr);
            self.call_in(cx, f, vec![sorted.clone(), flag]);
        }
        Ok(match callee {
            SomeValue::BuiltinMethod(..) => self.void_const(),
            _ => sorted,
        })
    }

    /// A direct call of graph `g`: the receiver (for a method) or the
    /// captured values (for a nested function, whose value is the tuple
    /// of them), then the positional arguments, the keywords by parameter
    /// name, and the defaults of the parameters not given.
    pub fn call_graph_kw(
        &mut self,
        cx: &mut GraphCx,
        g: GraphId,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        receiver: Option<(Operand, Repr)>,
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let f = self.function_for_graph(g);
        let params = self.ann.graphs[g].graph.args.clone();
        let sig = self.python_signature(g);
        if sig.varargs {
            return Err(
                cx.error("not supported yet by the translator: calling a function taking *args")
            );
        }
        let mut sig = sig;
        let ncaptured = params.len().saturating_sub(sig.names.len());
        // The values of the leading parameters.
        let mut values = Vec::new();
        match receiver {
            Some((t, Repr::Tuple(items))) if items.len() >= ncaptured && items.len() > 0 => {
                for (i, (item, p)) in items.iter().zip(&params).enumerate().take(ncaptured) {
                    let v = self.tuple_item(cx, t.clone(), i, item);
                    let want = self.var_repr(g, *p);
                    values.push(self.convert(cx, v, item, &want)?);
                }
                // The rest are the defaults computed when it was made.
                let mut defaults = Vec::new();
                for (i, item) in items.iter().enumerate().skip(ncaptured) {
                    let v = self.tuple_item(cx, t.clone(), i, item);
                    defaults.push(ArgSource::Value(v, item.clone()));
                }
                sig.runtime_defaults = Some(defaults);
            }
            _ if ncaptured > 0 => {
                return Err(
                    cx.error("internal: a call of a nested function without its captured values")
                )
            }
            Some((this, r)) => {
                let want = self.var_repr(g, params[0]);
                values.push(self.convert(cx, this, &r, &want)?);
            }
            None => {}
        }
        // Python parameter index of the first argument given.
        let k = values.len() - ncaptured;
        let want: Vec<Repr> = params[ncaptured + k..]
            .iter()
            .map(|p| self.var_repr(g, *p))
            .collect();
        values.extend(self.bind_args(cx, &sig, k, positional, keywords, &want)?);
        let ret = self.graph_result(g);
        let ret = self.repr_of(&ret);
        let v = self.call_raising(cx, f, values);
        self.convert(cx, v, &ret, result)
    }

    /// The values of the parameters of a Python signature after the first
    /// `skip`, in the representations `want`: from the positional
    /// arguments, the keywords, and the defaults.
    pub fn bind_args(
        &mut self,
        cx: &mut GraphCx,
        sig: &PySignature,
        skip: usize,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        want: &[Repr],
    ) -> Result<Vec<Operand>, RtypeError> {
        let bad =
            |cx: &GraphCx| cx.error("not supported yet by the translator: this call's arguments");
        let names = &sig.names;
        if sig.varargs || names.len() != skip + want.len() {
            return Err(bad(cx));
        }
        let mut slots: Vec<Option<ArgSource>> = vec![None; names.len()];
        for (i, a) in positional.iter().enumerate() {
            match slots.get_mut(skip + i) {
                Some(s) if skip + i < sig.npositional => *s = Some(a.clone()),
                _ => return Err(bad(cx)),
            }
        }
        for (name, a) in keywords {
            match names.iter().position(|n| n == name) {
                Some(i) if slots[i].is_none() && i >= skip => slots[i] = Some(a.clone()),
                _ => return Err(bad(cx)),
            }
        }
        let ndefaults = match &sig.runtime_defaults {
            Some(d) => d.len(),
            None => sig.defaults.len(),
        };
        let first_default = sig.npositional.saturating_sub(ndefaults);
        let mut values = Vec::new();
        for i in skip..names.len() {
            let want = &want[i - skip];
            let v = match slots[i].take() {
                Some(ArgSource::Flow(o)) => self.operand_as(cx, &o, want)?,
                Some(ArgSource::Value(v, r)) => self.convert(cx, v, &r, want)?,
                None if i < sig.npositional && i >= first_default => match &sig.runtime_defaults {
                    Some(d) => match d[i - first_default].clone() {
                        ArgSource::Value(v, r) => self.convert(cx, v, &r, want)?,
                        ArgSource::Flow(o) => self.operand_as(cx, &o, want)?,
                    },
                    None => {
                        let d = sig.defaults[i - first_default].clone();
                        self.constant(cx, &d, want)?
                    }
                },
                None => {
                    let d = sig
                        .kwdefaults
                        .iter()
                        .find(|(n, _)| *n == names[i])
                        .map(|(_, v)| v.clone());
                    match d {
                        Some(d) => self.constant(cx, &d, want)?,
                        None => return Err(bad(cx)),
                    }
                }
            };
            values.push(v);
        }
        Ok(values)
    }

    /// The Python-level signature of a graph's function.
    pub fn python_signature(&self, g: GraphId) -> PySignature {
        let func = self.ann.graphs[g].func;
        let vm = self.ann.vm();
        match vm.heap.get(func) {
            Object::Function(f) => {
                let code = &f.code;
                let total = (code.argcount + code.kwonlyargcount) as usize;
                PySignature {
                    names: code.varnames[..total.min(code.varnames.len())]
                        .iter()
                        .map(|n| n.to_string())
                        .collect(),
                    npositional: code.argcount as usize,
                    defaults: f.defaults.clone(),
                    kwdefaults: f
                        .kwdefaults
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                    varargs: code.varargs || code.varkw,
                    runtime_defaults: None,
                }
            }
            _ => PySignature::default(),
        }
    }

    /// `C(args, key=value)`: a new instance, initialised by `__init__`.
    pub fn instantiate_kw(
        &mut self,
        cx: &mut GraphCx,
        c: annotator::ClassId,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
        result: &Repr,
    ) -> Result<Operand, RtypeError> {
        let info = self.classes[&c].clone();
        let inst = cx.emit(LlOp::Malloc, Vec::new(), info.ptr);
        let obj = cx.emit(LlOp::CastPointer, vec![inst.clone()], self.t.object_ptr);
        let name = self.name_const("typeptr");
        let vt = Operand::Const(self.vtable_constant(c));
        cx.emit(LlOp::SetField, vec![obj, name, vt], self.t.void);
        self.init_class_level_fields(cx, c, inst.clone())?;
        let targets = self.ann.graphs[cx.g]
            .call_targets
            .get(&cx.at)
            .cloned()
            .unwrap_or_default();
        match targets[..] {
            [] => self.set_exception_message(cx, c, inst.clone(), positional)?,
            [init] => {
                let receiver = Some((inst.clone(), Repr::Instance(c)));
                self.call_graph_kw(cx, init, positional, keywords, receiver, &Repr::Void)?;
            }
            _ => {
                return Err(cx.error(
                    "not supported yet by the translator: several __init__ specialisations",
                ))
            }
        }
        self.convert(cx, inst, &Repr::Instance(c), result)
    }
}

impl Rtyper<'_, '_> {
    /// `SomeError("message")` of a built-in exception class (no Python
    /// `__init__`): the message goes to the root's `rpy_message`.
    fn set_exception_message(
        &mut self,
        cx: &mut GraphCx,
        c: annotator::ClassId,
        inst: Operand,
        positional: &[ArgSource],
    ) -> Result<(), RtypeError> {
        let mut root = c;
        while let Some(b) = self.ann.classes[root].base {
            root = b;
        }
        if !self.ann.classes[root].builtin {
            return Ok(());
        }
        if self.ann.is_os_error(c) && matches!(positional.len(), 2 | 3) {
            return self.set_os_error_fields(cx, c, inst, root, positional);
        }
        let class_name = self.ann.classes[c].name.clone();
        let unicode_error = match class_name.as_str() {
            "UnicodeDecodeError" => Some(("decode_error_message", Repr::Bytes)),
            "UnicodeEncodeError" => Some(("encode_error_message", Repr::Str)),
            _ => None,
        };
        let message = match (positional, unicode_error) {
            // `UnicodeDecodeError(encoding, object, start, end, reason)`:
            // CPython's wording, by the RPython helper.
            (
                [ArgSource::Flow(e), ArgSource::Flow(o), ArgSource::Flow(a), ArgSource::Flow(z), ArgSource::Flow(r)],
                Some((helper, object)),
            ) => {
                let args = vec![
                    self.operand_as(cx, e, &Repr::Str)?,
                    self.operand_as(cx, o, &object)?,
                    self.operand_as(cx, a, &Repr::Int)?,
                    self.operand_as(cx, z, &Repr::Int)?,
                    self.operand_as(cx, r, &Repr::Str)?,
                ];
                let f = self.rpython_helper(helper);
                self.call_in(cx, f, args)
            }
            ([], _) => Operand::Const(self.str_constant("")),
            ([ArgSource::Flow(o)], _)
                if matches!(self.operand_repr(cx, o), Repr::Str | Repr::UniChar)
                    && !self.is_key_error(c) =>
            {
                self.operand_as(cx, o, &Repr::Str)?
            }
            // CPython's `BaseException.__str__`: the str of a single
            // argument (its repr for `KeyError`), else the repr of the
            // tuple of them.
            (args, _) => {
                let mut texts = Vec::new();
                let single = args.len() == 1;
                let as_repr = !single || self.is_key_error(c);
                for a in args {
                    let ArgSource::Flow(o) = a else {
                        return Ok(());
                    };
                    let r = self.operand_repr(cx, o);
                    let v = if r == Repr::Void {
                        self.void_const()
                    } else {
                        self.operand_as(cx, o, &r)?
                    };
                    texts.push(self.text_value(cx, v, &r, as_repr)?);
                }
                if single {
                    texts.pop().expect("one")
                } else {
                    let mut parts = vec![Operand::Const(self.str_constant("("))];
                    for (i, t) in texts.into_iter().enumerate() {
                        if i > 0 {
                            parts.push(Operand::Const(self.str_constant(", ")));
                        }
                        parts.push(t);
                    }
                    parts.push(Operand::Const(self.str_constant(")")));
                    self.concat_parts(cx, parts)
                }
            }
        };
        let p = self.convert(cx, inst, &Repr::Instance(c), &Repr::Instance(root))?;
        let name = self.name_const("rpy_message");
        cx.emit(LlOp::SetField, vec![p, name, message], self.t.void);
        Ok(())
    }
}

impl Rtyper<'_, '_> {
    /// Whether `c` is `KeyError` or a subclass (whose str is the repr of
    /// its argument).
    fn is_key_error(&self, c: annotator::ClassId) -> bool {
        let mut k = Some(c);
        while let Some(class) = k {
            let def = &self.ann.classes[class];
            if def.builtin && def.name == "KeyError" {
                return true;
            }
            k = def.base;
        }
        false
    }

    /// `OSError(errno, strerror[, filename])` (or a subclass): the
    /// attributes, and CPython's message (`[Errno 2] No such file or
    /// directory: 'x'`).
    fn set_os_error_fields(
        &mut self,
        cx: &mut GraphCx,
        c: annotator::ClassId,
        inst: Operand,
        root: annotator::ClassId,
        positional: &[ArgSource],
    ) -> Result<(), RtypeError> {
        let flow = |i: usize| match positional.get(i) {
            Some(ArgSource::Flow(o)) => Some(o.clone()),
            _ => None,
        };
        let (Some(e), Some(m)) = (flow(0), flow(1)) else {
            return Ok(());
        };
        let errno = self.operand_as(cx, &e, &Repr::Int)?;
        let strerror = self.operand_as(cx, &m, &Repr::Str)?;
        let filename = match flow(2) {
            Some(f) => self.operand_as(cx, &f, &Repr::Str)?,
            None => Operand::Const(lltype::Constant::new(
                lltype::ConstValue::Null,
                self.t.str_ptr,
            )),
        };
        for (attr, value) in [
            ("errno", errno.clone()),
            ("strerror", strerror.clone()),
            ("filename", filename.clone()),
        ] {
            if let Some((owner, r)) = self.field_repr(c, attr) {
                let p =
                    self.convert(cx, inst.clone(), &Repr::Instance(c), &Repr::Instance(owner))?;
                let ty = self.lltype(&r);
                if !self.is_void(ty) {
                    let v = self.convert(
                        cx,
                        value,
                        if attr == "errno" {
                            &Repr::Int
                        } else {
                            &Repr::Str
                        },
                        &r,
                    )?;
                    let name = self.name_const(&format!("f_{attr}"));
                    cx.emit(LlOp::SetField, vec![p, name, v], self.t.void);
                }
            }
        }
        let f = self.rpython_helper("os_error_message");
        let message = self.call_in(cx, f, vec![errno, strerror, filename]);
        let p = self.convert(cx, inst, &Repr::Instance(c), &Repr::Instance(root))?;
        let name = self.name_const("rpy_message");
        cx.emit(LlOp::SetField, vec![p, name, message], self.t.void);
        Ok(())
    }

    /// `print(args..., sep=..., end=..., file=...)`: `file` must be
    /// `sys.stdout` or `sys.stderr`.
    fn print_kw(
        &mut self,
        cx: &mut GraphCx,
        positional: &[ArgSource],
        keywords: &[(String, ArgSource)],
    ) -> Result<Operand, RtypeError> {
        let mut sep = Operand::Const(self.str_constant(" "));
        let mut end = Operand::Const(self.str_constant("\n"));
        let mut fd = 1;
        for (name, a) in keywords {
            let ArgSource::Flow(o) = a else {
                return Err(cx.error("internal: a keyword from a tuple"));
            };
            match name.as_str() {
                "sep" | "end" => {
                    let v = match o {
                        FlowOperand::Const(Value::None) => continue,
                        _ => self.operand_as(cx, o, &Repr::Str)?,
                    };
                    if name == "sep" {
                        sep = v;
                    } else {
                        end = v;
                    }
                }
                "file" => {
                    let host_fd = match o {
                        FlowOperand::Const(Value::Ref(r)) => match self.ann.vm().heap.get(*r) {
                            Object::File(f) => Some(f.fd),
                            _ => None,
                        },
                        FlowOperand::Const(Value::None) => Some(1),
                        _ => None,
                    };
                    match host_fd {
                        Some(n @ (1 | 2)) => fd = n,
                        _ => {
                            return Err(cx.error(
                                "not supported yet by the translator: print() to a file other than sys.stdout or sys.stderr",
                            ))
                        }
                    }
                }
                "flush" => {}
                _ => {
                    return Err(cx.error(format!(
                        "print() got an unexpected keyword argument `{name}`"
                    )))
                }
            }
        }
        let out = Operand::Const(self.out_buffer(fd.into()));
        let write = self.buffer_write_str();
        for (i, a) in positional.iter().enumerate() {
            if i > 0 {
                self.call_in(cx, write, vec![out.clone(), sep.clone()]);
            }
            let s = match a {
                ArgSource::Flow(o) => self.to_str(cx, o)?,
                ArgSource::Value(..) => {
                    return Err(cx.error("not supported yet by the translator: print(*args)"))
                }
            };
            self.call_in(cx, write, vec![out.clone(), s]);
        }
        self.call_in(cx, write, vec![out, end]);
        Ok(Operand::Const(Constant::new(ConstValue::Void, self.t.void)))
    }
}

impl Rtyper<'_, '_> {
    /// `super().__init__(args)` reaching a built-in class (`object`, an
    /// exception): for an exception given a message, the message.
    pub fn call_builtin_init(
        &mut self,
        cx: &mut GraphCx,
        args: &[FlowOperand],
    ) -> Result<Operand, RtypeError> {
        let void = Operand::Const(Constant::new(ConstValue::Void, self.t.void));
        // The receiver: the `super(...)` the method was read from, in this
        // block.
        let block = &self.ann.graphs[cx.g].graph.blocks[cx.at.0];
        let callee = block.ops[cx.at.1].args[0].clone();
        let Some(getattr) = block.ops[..cx.at.1]
            .iter()
            .find(|o| FlowOperand::Var(o.result) == callee)
            .cloned()
        else {
            return Ok(void);
        };
        let SomeValue::Super(_, recv) = self.binding(cx, &getattr.args[0]) else {
            return Ok(void);
        };
        let positional: Vec<ArgSource> = args.iter().map(|a| ArgSource::Flow(a.clone())).collect();
        let this = self.operand_as(cx, &getattr.args[0], &Repr::Instance(recv))?;
        self.set_exception_message(cx, recv, this, &positional)?;
        Ok(void)
    }

    /// `str(x)` of an instance: the message of an exception.
    pub fn instance_to_str(
        &mut self,
        cx: &mut GraphCx,
        a: &FlowOperand,
        c: annotator::ClassId,
    ) -> Result<Operand, RtypeError> {
        let mut root = c;
        while let Some(b) = self.ann.classes[root].base {
            root = b;
        }
        if !self.ann.classes[root].builtin {
            return Err(cx.error(
                "not supported yet by the translator: str() of an instance (no __str__ support)",
            ));
        }
        let v = self.operand_as(cx, a, &Repr::Instance(c))?;
        let p = self.convert(cx, v, &Repr::Instance(c), &Repr::Instance(root))?;
        let name = self.name_const("rpy_message");
        let m = cx.emit(LlOp::GetField, vec![p, name], self.t.str_ptr);
        let f = self.str_or_empty();
        Ok(self.call_in(cx, f, vec![m]))
    }

    /// The str itself, or `""` for null (an exception made without a
    /// message).
    pub(crate) fn str_or_empty(&mut self) -> lltype::FuncId {
        let sp = self.t.str_ptr;
        self.helper("str_or_empty", &[sp], sp, |rt, b| {
            let s = b.param(0);
            let null = b.op(LlOp::PtrIsZero, vec![s.clone()], rt.t.bool);
            b.if_then(rt, null, |rt, b| {
                let e = Operand::Const(rt.str_constant(""));
                b.ret(e);
            });
            b.ret(s);
        })
    }
}
