//! Calls: functions (with argument binding and specialisation), methods,
//! classes as constructors, families of callables, built-ins.

use crate::diag::AnnotationError;
use crate::flow::Known;
use crate::model::{IterKind, SomeValue};
use crate::{Annotator, ClassId, Desc, DescId, GraphId};
use flowgraph::{Operation, Var};
use frontend::host::object::Object;
use frontend::host::{ObjRef, PyStr, Value};
use std::collections::HashMap;
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;
/// Keyword arguments of a call, by name.
type Keywords = Vec<(String, SomeValue)>;

/// What the annotator needs of a function's signature.
struct Signature {
    name: String,
    params: Vec<String>,
    /// Number of positional parameters (positional-or-keyword included).
    npositional: usize,
    defaults: Vec<Value>,
    kwdefaults: Vec<(PyStr, Value)>,
    varargs: bool,
    varkw: bool,
    special: Option<String>,
}

impl Annotator<'_> {
    /// A call operation: `callee(args..., keywords..., *star)`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn call(
        &mut self,
        _g: GraphId,
        callee: &SomeValue,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
        star: Option<SomeValue>,
        op: &Operation<Value>,
        known: &mut HashMap<Var, Known>,
    ) -> OpResult {
        if let SomeValue::Builtin(name) = callee {
            if &**name == "isinstance" && args.len() == 2 {
                if let Some(v) = op.args[1].as_var() {
                    if let Some(narrowed) = self.isinstance_narrowing(&args[0], &args[1]) {
                        known.insert(
                            op.result,
                            Known {
                                if_true: vec![(v, narrowed)],
                                if_false: Vec::new(),
                            },
                        );
                    }
                }
            }
        }
        self.call_value(callee, args, keywords, star)
    }

    /// Calls whatever `callee` may be, uniting the results.
    pub(crate) fn call_value(
        &mut self,
        callee: &SomeValue,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
        star: Option<SomeValue>,
    ) -> OpResult {
        let (args, keywords) = self.spread_star(args, keywords, star)?;
        match callee {
            SomeValue::Pbc(p) => {
                let descs: Vec<DescId> = p.descs.iter().copied().collect();
                let family = descs.len() > 1;
                let mut result = SomeValue::Impossible;
                for d in &descs {
                    let r = self.call_desc(*d, args.clone(), keywords.clone());
                    let r = match r {
                        Ok(r) => r,
                        Err(mut e) if family => {
                            let names: Vec<String> =
                                descs.iter().map(|d| self.desc_name(*d)).collect();
                            e.message = format!(
                                "{}; the functions called through this variable ({}) must accept the same arguments",
                                e.message,
                                names.join(", ")
                            );
                            return Err(e);
                        }
                        Err(e) => return Err(e),
                    };
                    result = self.union(&result, &r).map_err(|e| {
                        self.type_error(
                            &format!(
                                "the functions called here return both {} and {}",
                                e.left, e.right
                            ),
                            &[callee],
                        )
                    })?;
                }
                Ok(result)
            }
            SomeValue::Builtin(name) => {
                let name = name.clone();
                self.call_builtin(&name, args, keywords)
            }
            SomeValue::BuiltinMethod(name, receiver) => {
                let (name, receiver) = (name.clone(), (**receiver).clone());
                self.call_method(&receiver, &name, args, keywords)
            }
            SomeValue::Instance(..) => self.call_special_method(callee, "__call__", args),
            _ => Err(self.type_error("this object is not callable", &[callee])),
        }
    }

    /// Spreads a `*args` tuple into the positional arguments; a list has no
    /// length known at translation time.
    fn spread_star(
        &mut self,
        mut args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
        star: Option<SomeValue>,
    ) -> Result<(Vec<SomeValue>, Keywords), AnnotationError> {
        match star {
            None => {}
            Some(SomeValue::Tuple(items)) => args.extend(items.iter().cloned()),
            Some(other) => {
                let what = self.describe(&other);
                let mut err = AnnotationError::new(format!(
                    "a `*args` call needs a tuple of known length, but the args here are a {what} whose length is only known at run time"
                ));
                if let Some(s) = self.current_site {
                    err = err.at(s, format!("*args of a {what}"));
                }
                return Err(err.with_note("pass the arguments one by one, or a tuple"));
            }
        }
        Ok((args, keywords))
    }

    /// The name of a description, for messages.
    pub fn desc_name(&self, d: DescId) -> String {
        let vm = self.vm();
        match &self.descs[d] {
            Desc::Function(f)
            | Desc::Method { func: f, .. }
            | Desc::FrozenMethod { func: f, .. } => match vm.heap.get(*f) {
                Object::Function(func) => func.qualname.to_string(),
                _ => "?".into(),
            },
            Desc::Class(c) => self.classes[*c].name.clone(),
            Desc::Frozen(r) => frontend::flowspace::describe_const(&vm, &Value::Ref(*r)),
        }
    }

    fn call_desc(
        &mut self,
        d: DescId,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        match self.descs[d].clone() {
            Desc::Function(f) => self.call_function(d, f, args, keywords),
            Desc::Method {
                func, self_class, ..
            } => {
                let mut full = vec![SomeValue::Instance(self_class, false)];
                full.extend(args);
                let fd = self.desc(Desc::Function(func));
                self.call_function(fd, func, full, keywords)
            }
            Desc::Class(cd) => self.instantiate(cd, args, keywords),
            Desc::FrozenMethod { func, receiver } => {
                let frozen = self.desc(Desc::Frozen(receiver));
                let mut full = vec![crate::constants::pbc(frozen)];
                full.extend(args);
                let fd = self.desc(Desc::Function(func));
                self.call_function(fd, func, full, keywords)
            }
            Desc::Frozen(_) => {
                Err(self.type_error("this object is not callable", &[&crate::constants::pbc(d)]))
            }
        }
    }

    /// `C(args...)`: an instance, initialised by `__init__`.
    fn instantiate(
        &mut self,
        cd: ClassId,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        let instance = SomeValue::Instance(cd, false);
        self.instantiated.insert(cd);
        let obj = self.classes[cd].obj;
        match self.lookup_class_attr(obj, "__init__") {
            Some((_, Value::Ref(f))) if matches!(self.vm().heap.get(f), Object::Function(_)) => {
                let mut full = vec![instance.clone()];
                full.extend(args);
                let fd = self.desc(Desc::Function(f));
                let r = self.call_function(fd, f, full, keywords)?;
                if r.is_impossible() {
                    // `__init__` not annotated yet: the instance exists anyway.
                    return Ok(instance);
                }
                Ok(instance)
            }
            _ if self.is_os_error(cd) => {
                self.os_error_attributes(cd, &args)?;
                Ok(instance)
            }
            _ => {
                if !self.classes[cd].builtin && !args.is_empty() {
                    let name = self.classes[cd].name.clone();
                    return Err(self.type_error(
                        &format!("class {name} takes no arguments (it has no `__init__`)"),
                        &[],
                    ));
                }
                Ok(instance)
            }
        }
    }

    fn signature(&self, func: ObjRef) -> Option<Signature> {
        let vm = self.vm();
        let Object::Function(f) = vm.heap.get(func) else {
            return None;
        };
        let code = &f.code;
        let npositional = code.argcount as usize;
        let total = (code.argcount + code.kwonlyargcount) as usize;
        let special = match f.dict.get(&PyStr::new("_annspecialcase_")) {
            Some(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        Some(Signature {
            name: f.qualname.to_string(),
            params: code.varnames[..total]
                .iter()
                .map(|n| n.to_string())
                .collect(),
            npositional,
            defaults: f.defaults.clone(),
            kwdefaults: f.kwdefaults.clone(),
            varargs: code.varargs,
            varkw: code.varkw,
            special,
        })
    }

    /// Calls a Python function: binds the arguments to its parameters,
    /// chooses the specialisation, and returns its return annotation.
    pub(crate) fn call_function(
        &mut self,
        desc: DescId,
        func: ObjRef,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
    ) -> OpResult {
        if let Some(name) = self.special_function_name(func) {
            return self.call_builtin(&name, args, keywords);
        }
        let Some(sig) = self.signature(func) else {
            return Err(AnnotationError::new("call of a function without code"));
        };
        let (captured, closure_defaults) = match self.closures.get(&func) {
            Some((n, d)) => (*n, Some(d.clone())),
            None => (0, None),
        };
        let bound = self.bind_arguments(&sig, args, keywords, closure_defaults)?;
        let key = self.specialization_key(&sig, &bound)?;
        if let Some(result) = key.memo {
            return Ok(result);
        }
        let caller = self.caller();
        let Some(g) = self.graph_for(desc, func, key.key, caller) else {
            return Ok(SomeValue::Impossible);
        };
        let mut full = Vec::with_capacity(captured + bound.len());
        for i in 0..captured {
            let param = self.graphs[g].graph.args[i];
            full.push(self.graphs[g].bindings[param].clone());
        }
        full.extend(bound);
        if let (Some((caller_graph, block)), Some(op)) = (self.current, self.current_op) {
            let targets = self.graphs[caller_graph]
                .call_targets
                .entry((block, op))
                .or_default();
            if !targets.contains(&g) {
                targets.push(g);
            }
        }
        let site = self.current_site;
        self.bind_graph_args(g, full, site);
        if let Some(pos) = self.current {
            self.graphs[g].return_readers.insert(pos);
        }
        if self.graphs[g].generator {
            return Ok(SomeValue::Iterator(IterKind::Generator(g), Arc::from([])));
        }
        Ok(self.graphs[g].return_value().clone())
    }

    /// Matches arguments to parameters as Python does, with defaults.
    fn bind_arguments(
        &mut self,
        sig: &Signature,
        args: Vec<SomeValue>,
        keywords: Vec<(String, SomeValue)>,
        closure_defaults: Option<SomeValue>,
    ) -> Result<Vec<SomeValue>, AnnotationError> {
        let nparams = sig.params.len();
        let mut slots: Vec<Option<SomeValue>> = vec![None; nparams];
        let site = self.current_site;
        let fail = |a: &Self, msg: String| {
            let mut err = AnnotationError::new(msg);
            if let Some(s) = site {
                err = err.at(s, "called here");
            }
            let _ = a;
            err
        };
        let given = args.len();
        let mut extra = Vec::new();
        for (i, a) in args.into_iter().enumerate() {
            if i < sig.npositional {
                slots[i] = Some(a);
            } else {
                extra.push(a);
            }
        }
        if !extra.is_empty() && !sig.varargs {
            let plural = if sig.npositional == 1 { "" } else { "s" };
            return Err(fail(
                self,
                format!(
                    "`{}` takes {} positional argument{plural} but {given} were given",
                    sig.name, sig.npositional
                ),
            ));
        }
        for (name, value) in keywords {
            match sig.params.iter().position(|p| *p == name) {
                Some(i) if slots[i].is_none() => slots[i] = Some(value),
                Some(_) => {
                    return Err(fail(
                        self,
                        format!("`{}` got multiple values for argument `{name}`", sig.name),
                    ))
                }
                None => {
                    return Err(fail(
                        self,
                        format!("`{}` got an unexpected keyword argument `{name}`", sig.name),
                    ))
                }
            }
        }
        let defaults: Vec<SomeValue> = match closure_defaults {
            Some(SomeValue::Tuple(items)) => items.to_vec(),
            _ => sig
                .defaults
                .iter()
                .map(|d| self.immutable_value(d))
                .collect(),
        };
        let first_default = sig.npositional - defaults.len().min(sig.npositional);
        for i in 0..nparams {
            if slots[i].is_some() {
                continue;
            }
            if i < sig.npositional && i >= first_default {
                slots[i] = Some(defaults[i - first_default].clone());
            } else if i >= sig.npositional {
                let name = &sig.params[i];
                if let Some((_, v)) = sig.kwdefaults.iter().find(|(k, _)| k.as_str() == name) {
                    let v = v.clone();
                    slots[i] = Some(self.immutable_value(&v));
                }
            }
            if slots[i].is_none() {
                return Err(fail(
                    self,
                    format!(
                        "`{}` is missing a value for its argument `{}`",
                        sig.name, sig.params[i]
                    ),
                ));
            }
        }
        let mut bound: Vec<SomeValue> = slots.into_iter().map(|s| s.expect("checked")).collect();
        if sig.varargs {
            bound.push(SomeValue::Tuple(extra.into()));
        }
        if sig.varkw {
            return Err(fail(
                self,
                format!(
                    "`{}` takes `**kwargs`, which is not RPython at run time",
                    sig.name
                ),
            ));
        }
        Ok(bound)
    }

    /// Whether `isinstance(x, cls)` narrows `x`, and to what.
    fn isinstance_narrowing(&mut self, x: &SomeValue, cls: &SomeValue) -> Option<SomeValue> {
        let SomeValue::Instance(cd, _) = x else {
            return None;
        };
        let SomeValue::Pbc(p) = cls else { return None };
        let [d] = p.descs.iter().copied().collect::<Vec<_>>()[..] else {
            return None;
        };
        let Desc::Class(target) = self.descs[d] else {
            return None;
        };
        if self.is_subclass(target, *cd) {
            Some(SomeValue::Instance(target, false))
        } else if self.is_subclass(*cd, target) {
            Some(SomeValue::Instance(*cd, false))
        } else {
            None
        }
    }
}

/// A specialisation: the graph key, or the result computed at
/// translation time (`specialize.memo`).
pub(crate) struct SpecKey {
    pub key: String,
    pub memo: Option<SomeValue>,
}

impl Annotator<'_> {
    fn specialization_key(
        &mut self,
        sig: &Signature,
        args: &[SomeValue],
    ) -> Result<SpecKey, AnnotationError> {
        let plain = SpecKey {
            key: String::new(),
            memo: None,
        };
        let Some(tag) = sig.special.as_deref() else {
            return Ok(plain);
        };
        let Some(rest) = tag.strip_prefix("specialize:") else {
            return Ok(plain);
        };
        let (kind, indexes) = match rest.find('(') {
            Some(p) => {
                let inner = rest[p + 1..].trim_end_matches(')');
                let idx: Vec<usize> = inner
                    .split(',')
                    .filter_map(|s| s.trim().parse().ok())
                    .collect();
                (&rest[..p], idx)
            }
            None => (rest, Vec::new()),
        };
        match kind {
            "arg" | "arg_or_var" => {
                let mut parts = Vec::new();
                for i in indexes {
                    let Some(a) = args.get(i) else { continue };
                    match self.constant_key(a) {
                        Some(k) => parts.push(k),
                        None if kind == "arg_or_var" => parts.push("var".into()),
                        None => {
                            let mut err = AnnotationError::new(format!(
                                "`{}` is specialised on argument {i} (`{}`), which must be a constant at every call, but here it is a {}",
                                sig.name,
                                sig.params.get(i).map(String::as_str).unwrap_or("?"),
                                self.describe(a)
                            ));
                            if let Some(s) = self.current_site {
                                err = err.at(s, "called here");
                            }
                            return Err(err);
                        }
                    }
                }
                Ok(SpecKey {
                    key: parts.join(","),
                    memo: None,
                })
            }
            "argtype" => {
                let parts: Vec<String> = indexes
                    .iter()
                    .filter_map(|&i| args.get(i))
                    .map(|a| self.type_key(a))
                    .collect();
                Ok(SpecKey {
                    key: parts.join(","),
                    memo: None,
                })
            }
            "call_location" => {
                let site = self.current_site;
                let key = match site {
                    Some(s) => format!("call@{}:{}", s.func.0, s.pc),
                    None => "call".into(),
                };
                Ok(SpecKey { key, memo: None })
            }
            "memo" => {
                let mut parts = Vec::new();
                for a in args {
                    match self.constant_key(a) {
                        Some(k) => parts.push(k),
                        None => {
                            let mut err = AnnotationError::new(format!(
                                "`{}` is specialised with `specialize.memo`, so its arguments must be constants, but one is a {}",
                                sig.name,
                                self.describe(a)
                            ));
                            if let Some(s) = self.current_site {
                                err = err.at(s, "called here");
                            }
                            return Err(err);
                        }
                    }
                }
                Ok(SpecKey {
                    key: format!("memo:{}", parts.join(",")),
                    memo: None,
                })
            }
            _ => Ok(plain),
        }
    }

    /// A text key for a constant argument, or `None` if it is not one.
    fn constant_key(&self, a: &SomeValue) -> Option<String> {
        match a {
            SomeValue::Int(i) => i.konst.map(|k| k.to_string()),
            SomeValue::Bool(Some(b)) => Some(b.to_string()),
            SomeValue::Str(s) => match &s.konst {
                Some(Value::Str(k)) => Some(format!("{:?}", k.as_str())),
                _ => None,
            },
            SomeValue::None => Some("None".into()),
            SomeValue::Pbc(p) if p.descs.len() == 1 && !p.can_be_none => {
                p.descs.iter().next().map(|d| self.desc_name(*d))
            }
            _ => None,
        }
    }

    /// A text key for the type of an argument.
    fn type_key(&self, a: &SomeValue) -> String {
        match a {
            SomeValue::Instance(c, _) => self.classes[*c].name.clone(),
            other => other.kind_name().to_string(),
        }
    }

    /// The built-in rule name of a function of the support package that the
    /// annotator implements itself (`intmask`, `ovfcheck`, ...).
    pub fn special_function_name(&self, func: ObjRef) -> Option<String> {
        let vm = self.vm();
        let Object::Function(f) = vm.heap.get(func) else {
            return None;
        };
        let Object::Module(m) = vm.heap.get(f.module) else {
            return None;
        };
        let module = m.name.as_str();
        if !module.starts_with("rpython.rlib.") {
            return None;
        }
        let full = format!("{module}.{}", f.qualname.as_str());
        crate::builtins::is_special(&full).then_some(full)
    }
}

impl Annotator<'_> {
    /// Whether a class is `OSError` or one of its subclasses.
    pub fn is_os_error(&mut self, cd: ClassId) -> bool {
        let os_error = self.vm().types.os_error;
        let root = self.classdef(os_error);
        self.is_subclass(cd, root)
    }

    /// `OSError(errno, strerror[, filename])` sets the attributes `errno`
    /// (an int), `strerror` (a str) and `filename` (a str or None); any
    /// other arguments leave `errno` None in CPython, which an int cannot
    /// be: such constructions are remembered, and refused if the program
    /// reads the attributes (see `initialized.rs`).
    fn os_error_attributes(
        &mut self,
        cd: ClassId,
        args: &[SomeValue],
    ) -> Result<(), AnnotationError> {
        let site = self.current_site;
        let filename = match args {
            [e, SomeValue::Str(_)] if e.is_int_like() => SomeValue::None,
            [e, SomeValue::Str(_), f @ (SomeValue::Str(_) | SomeValue::None)]
                if e.is_int_like() =>
            {
                f.clone()
            }
            _ => {
                if let Some(site) = site {
                    self.os_error_without_errno.push(site);
                }
                return Ok(());
            }
        };
        self.write_attribute(cd, "errno", &SomeValue::int(), site, false)?;
        self.write_attribute(cd, "strerror", &SomeValue::str(), site, false)?;
        let filename = self.union(&filename, &SomeValue::None).unwrap_or(filename);
        self.write_attribute(cd, "filename", &filename, site, false)
    }
}
