//! The annotation rule of every high-level operation.

use crate::diag::AnnotationError;
use crate::flow::Known;
use crate::model::{IntKind, IterKind, SomeInt, SomeStr, SomeValue};
use crate::{Annotator, GraphId};
use flowgraph::{OpKind, Operand, Operation, Var};
use frontend::host::Value;
use std::collections::HashMap;
use std::sync::Arc;

type OpResult = Result<SomeValue, AnnotationError>;

impl Annotator<'_> {
    /// The annotation of an operation's result, given its arguments'.
    pub(crate) fn consider_op(
        &mut self,
        g: GraphId,
        op: &Operation<Value>,
        known: &mut HashMap<Var, Known>,
    ) -> OpResult {
        let args: Vec<SomeValue> = op.args.iter().map(|a| self.operand(g, a)).collect();
        if args.iter().any(SomeValue::is_impossible) {
            return Ok(SomeValue::Impossible);
        }
        use OpKind as K;
        let result = match &op.kind {
            K::IsTrue => {
                if let Some(v) = op.args[0].as_var() {
                    if let Some(k) = known.get(&v).cloned() {
                        known.insert(op.result, k);
                    } else if args[0].can_be_none() {
                        known.insert(
                            op.result,
                            Known {
                                if_true: vec![(v, args[0].without_none())],
                                if_false: Vec::new(),
                            },
                        );
                    }
                }
                self.truth(&args[0])?
            }
            K::BoolNot => {
                if let Some(v) = op.args[0].as_var() {
                    if let Some(k) = known.get(&v).cloned() {
                        known.insert(op.result, k.negated());
                    } else if args[0].can_be_none() {
                        known.insert(
                            op.result,
                            Known {
                                if_true: Vec::new(),
                                if_false: vec![(v, args[0].without_none())],
                            },
                        );
                    }
                }
                match self.truth(&args[0])? {
                    SomeValue::Bool(Some(b)) => SomeValue::Bool(Some(!b)),
                    _ => SomeValue::bool(),
                }
            }
            K::Neg | K::Pos | K::Invert | K::Abs => self.unary_arith(&op.kind, &args[0])?,
            K::Hash => SomeValue::int(),
            K::Type => self.type_of(&args[0]),
            K::Len => self.len_of(&args[0])?,
            K::Str | K::Repr => self.stringify(&op.kind, &args[0])?,
            K::Iter => self.iter_of(&args[0])?,
            K::Next => self.next_of(&args[0])?,
            K::Add
            | K::Sub
            | K::Mul
            | K::MatMul
            | K::TrueDiv
            | K::FloorDiv
            | K::Mod
            | K::Pow
            | K::LShift
            | K::RShift
            | K::And
            | K::Or
            | K::Xor => self.binary(&op.kind, &args[0], &args[1], false)?,
            K::InplaceAdd
            | K::InplaceSub
            | K::InplaceMul
            | K::InplaceMatMul
            | K::InplaceTrueDiv
            | K::InplaceFloorDiv
            | K::InplaceMod
            | K::InplacePow
            | K::InplaceLShift
            | K::InplaceRShift
            | K::InplaceAnd
            | K::InplaceOr
            | K::InplaceXor => {
                let plain = inplace_to_plain(&op.kind);
                self.binary(&plain, &args[0], &args[1], true)?
            }
            K::Lt | K::Le | K::Gt | K::Ge | K::Eq | K::Ne => {
                self.compare(&op.kind, &args[0], &args[1])?
            }
            K::Is | K::IsNot => {
                let is = op.kind == K::Is;
                // `x is None` narrows x on both sides.
                for (i, j) in [(0, 1), (1, 0)] {
                    if let (Some(v), SomeValue::None) = (op.args[i].as_var(), &args[j]) {
                        if args[i].can_be_none() {
                            let without = (v, args[i].without_none());
                            let (if_true, if_false) = if is {
                                (Vec::new(), vec![without])
                            } else {
                                (vec![without], Vec::new())
                            };
                            known.insert(op.result, Known { if_true, if_false });
                        }
                    }
                }
                match (&args[0], &args[1]) {
                    (SomeValue::None, SomeValue::None) => SomeValue::Bool(Some(is)),
                    (SomeValue::None, x) | (x, SomeValue::None) if !x.can_be_none() => {
                        SomeValue::Bool(Some(!is))
                    }
                    _ => SomeValue::bool(),
                }
            }
            K::Contains | K::NotContains => {
                self.contains_check(&args[0], &args[1])?;
                SomeValue::bool()
            }
            K::ExceptionMatch => match op.args[0].as_var() {
                Some(t) => self.exception_match(g, op, t, known)?,
                None => SomeValue::bool(),
            },
            K::GetAttr => {
                let name =
                    const_name(&op.args[1]).ok_or_else(|| self.dynamic_attr(op, "getattr"))?;
                self.getattr(&args[0], &name)?
            }
            K::SetAttr => {
                let name =
                    const_name(&op.args[1]).ok_or_else(|| self.dynamic_attr(op, "setattr"))?;
                self.setattr(&args[0], &name, &args[2])?;
                SomeValue::None
            }
            K::DelAttr => SomeValue::None,
            K::GetItem => self.getitem(&args[0], &args[1])?,
            K::SetItem => {
                self.setitem(&args[0], &args[1], &args[2])?;
                SomeValue::None
            }
            K::DelItem => {
                self.delitem(&args[0], &args[1])?;
                SomeValue::None
            }
            K::NewSlice => SomeValue::Slice,
            K::SimpleCall => {
                self.call(g, &args[0], args[1..].to_vec(), Vec::new(), None, op, known)?
            }
            K::CallArgs(shape) => {
                let npos = shape.npos as usize;
                let positional = args[1..1 + npos].to_vec();
                let kw_start = 1 + npos;
                let keywords: Vec<(String, SomeValue)> = shape
                    .keywords
                    .iter()
                    .cloned()
                    .zip(
                        args[kw_start..kw_start + shape.keywords.len()]
                            .iter()
                            .cloned(),
                    )
                    .collect();
                let mut rest = kw_start + shape.keywords.len();
                let star = if shape.star {
                    rest += 1;
                    Some(args[rest - 1].clone())
                } else {
                    None
                };
                if shape.starstar {
                    let site = self.current_site;
                    let mut err = AnnotationError::new(
                        "a `**kwargs` call is not RPython: the keyword names must be known at translation time",
                    );
                    if let Some(s) = site {
                        err = err.at(s, "called here");
                    }
                    return Err(err);
                }
                let _ = rest;
                self.call(g, &args[0], positional, keywords, star, op, known)?
            }
            K::NewTuple => SomeValue::Tuple(args.iter().map(SomeValue::generalized).collect()),
            K::NewList => {
                let mut item = SomeValue::Impossible;
                for a in &args {
                    item = self
                        .union(&item, &a.generalized())
                        .map_err(|e| self.container_conflict("list", "items", &e))?;
                }
                let site = self.current_site;
                self.new_list(item, site)
            }
            K::NewDict => {
                let (mut key, mut value) = (SomeValue::Impossible, SomeValue::Impossible);
                for pair in args.chunks(2) {
                    key = self
                        .union(&key, &pair[0].generalized())
                        .map_err(|e| self.container_conflict("dict", "keys", &e))?;
                    value = self
                        .union(&value, &pair[1].generalized())
                        .map_err(|e| self.container_conflict("dict", "values", &e))?;
                }
                let id = self.new_dict(key, value);
                SomeValue::Dict(id, false)
            }
            K::NewSet => {
                let mut key = SomeValue::Impossible;
                for a in &args {
                    key = self
                        .union(&key, &a.generalized())
                        .map_err(|e| self.container_conflict("set", "items", &e))?;
                }
                let id = self.new_dict(key, SomeValue::None);
                SomeValue::Set(id, false)
            }
            K::ListAppend => {
                self.list_add_item(&args[0], &args[1], true)?;
                SomeValue::None
            }
            K::ListExtend => {
                let item = self.item_of_iterable(&args[1])?;
                self.list_add_item(&args[0], &item, true)?;
                SomeValue::None
            }
            K::SetAdd => {
                self.dict_add(&args[0], Some(&args[1]), None)?;
                SomeValue::None
            }
            K::Format => {
                // `f"{x}"` of an instance: `format(x, "")` is `str(x)`.
                let empty_spec = matches!(op.args.get(1), Some(Operand::Const(Value::Str(s))) if s.as_str().is_empty());
                if matches!(args[0], SomeValue::Instance(..)) && empty_spec {
                    self.stringify(&K::Str, &args[0])?;
                }
                SomeValue::str()
            }
            K::BuildStr => SomeValue::str(),
            K::Yield => {
                let y = self.graphs[g].yields.clone();
                let new = self.union(&y, &args[0].generalized()).map_err(|e| {
                    let mut err = AnnotationError::new(format!(
                        "generator `{}` would yield both {} and {}",
                        self.graphs[g].name, e.left, e.right
                    ));
                    if let Some(s) = self.current_site {
                        err = err.at(s, format!("{} yielded here", e.right));
                    }
                    err
                })?;
                if !self.same(&new, &y) {
                    self.graphs[g].yields = new;
                    let readers = self.graphs[g].yield_readers.clone();
                    self.schedule_all(&readers);
                }
                SomeValue::None
            }
            K::NewFunction => self.new_function(&op.args, &args)?,
            K::Hint if matches!(op.args.get(1), Some(Operand::Const(Value::Str(h))) if h.as_str() == frontend::flowspace::WITH_EXIT_HINT) =>
            {
                let suppresses = !matches!(
                    args[0],
                    SomeValue::None | SomeValue::Impossible | SomeValue::Bool(Some(false))
                );
                if suppresses {
                    let what = self.describe(&args[0]);
                    let mut err = AnnotationError::new(format!(
                        "`__exit__` may return a true value ({what}), which in CPython suppresses the exception of the `with` body"
                    ))
                    .with_note("a context manager that suppresses exceptions is not supported: return None or False from `__exit__`, and catch the exception with `try`");
                    if let Some(s) = self.current_site {
                        err = err.at(s, "the `with` statement");
                    }
                    return Err(err);
                }
                args[0].clone()
            }
            K::SameAs | K::Hint => args[0].clone(),
        };
        Ok(result)
    }

    /// The exception instance whose class `t` is being matched: paired
    /// with the class by an exception link, or the argument of the
    /// `type(x)` computing it.
    fn exception_instance(&self, g: GraphId, t: Var) -> Option<Var> {
        let from_type = self.current.and_then(|(_, b)| {
            self.graphs[g].graph.blocks[b]
                .ops
                .iter()
                .find(|o| o.result == t && o.kind == OpKind::Type)
                .and_then(|o| o.args[0].as_var())
        });
        from_type.or_else(|| self.graphs[g].exc_pairs.get(&t).copied())
    }

    /// `except C as e` or `except (A, B) as e`: the handler runs when the
    /// exception is an instance of one of the classes, and there `e` is an
    /// instance of their nearest common base (classes are
    /// single-inheritance here: an exception of an unrelated class never
    /// matches). Anything else in a tuple (a nested tuple too) makes
    /// CPython raise TypeError: refused.
    fn exception_match(
        &mut self,
        g: GraphId,
        op: &Operation<Value>,
        t: Var,
        known: &mut HashMap<Var, Known>,
    ) -> OpResult {
        let items: Vec<Value> = match op.args[1].as_const() {
            Some(Value::Tuple(items)) => items.to_vec(),
            Some(Value::Ref(r))
                if matches!(self.vm().heap.get(*r), frontend::host::Object::Class(_)) =>
            {
                vec![Value::Ref(*r)]
            }
            _ => return Ok(SomeValue::bool()),
        };
        let mut handlers = Vec::new();
        for v in items {
            match v {
                Value::Ref(r)
                    if matches!(self.vm().heap.get(r), frontend::host::Object::Class(_)) =>
                {
                    handlers.push(r)
                }
                other => {
                    let mut err = AnnotationError::new(format!(
                        "`except` with a tuple holding a value of type `{}`, which is not an exception class",
                        self.vm().type_name(&other)
                    ));
                    if let Some(s) = self.current_site {
                        err = err.at(s, "here");
                    }
                    return Err(err);
                }
            }
        }
        let Some(v) = self.exception_instance(g, t) else {
            return Ok(SomeValue::bool());
        };
        let classes: Vec<_> = handlers.into_iter().map(|r| self.classdef(r)).collect();
        let raised = match &self.graphs[g].bindings[v] {
            SomeValue::Instance(c, _) => Some(*c),
            _ => None,
        };
        // The classes an exception of the raised class may be caught by.
        let mut candidates = Vec::new();
        for &cd in &classes {
            match raised {
                Some(c) if self.is_subclass(c, cd) => return Ok(SomeValue::Bool(Some(true))),
                Some(c) if !self.is_subclass(cd, c) => {}
                _ => candidates.push(cd),
            }
        }
        let Some((&first, rest)) = candidates.split_first() else {
            return Ok(SomeValue::Bool(Some(false)));
        };
        let mut base = Some(first);
        for &cd in rest {
            base = base.and_then(|b| self.common_base(b, cd));
        }
        if let Some(base) = base {
            known.insert(
                op.result,
                Known {
                    if_true: vec![(v, SomeValue::Instance(base, false))],
                    if_false: Vec::new(),
                },
            );
        }
        Ok(SomeValue::bool())
    }

    fn dynamic_attr(&self, op: &Operation<Value>, what: &str) -> AnnotationError {
        let name = match &op.args[1] {
            Operand::Var(_) => "a name computed at run time".to_string(),
            Operand::Const(c) => format!("{c:?}"),
        };
        let mut err = AnnotationError::new(format!(
            "{what}() with {name} is not RPython: attribute names must be constants"
        ));
        if let Some(s) = self.current_site {
            err = err.at(s, "here");
        }
        err
    }

    /// An error for a new container whose items have no common type.
    pub(crate) fn container_conflict(
        &self,
        what: &str,
        part: &str,
        e: &crate::UnionError,
    ) -> AnnotationError {
        let mut err = AnnotationError::new(format!(
            "the {part} of a {what} would be both {} and {}",
            e.left, e.right
        ));
        if let Some(s) = self.current_site {
            err = err.at(s, "built here");
        }
        err
    }

    /// The truth value: constant where the annotation decides it.
    fn truth(&mut self, v: &SomeValue) -> OpResult {
        Ok(match v {
            SomeValue::Bool(b) => SomeValue::Bool(*b),
            SomeValue::Int(i) => SomeValue::Bool(i.konst.map(|k| k != 0)),
            SomeValue::None => SomeValue::Bool(Some(false)),
            SomeValue::Str(s) | SomeValue::Bytes(s) => match &s.konst {
                Some(Value::Str(t)) => SomeValue::Bool(Some(!t.is_empty())),
                Some(Value::Bytes(t)) => SomeValue::Bool(Some(!t.is_empty())),
                _ => SomeValue::bool(),
            },
            SomeValue::Instance(cd, nullable) => self.instance_truth(v, *cd, *nullable)?,
            SomeValue::Pbc(p) if !p.can_be_none => SomeValue::Bool(Some(true)),
            _ => SomeValue::bool(),
        })
    }

    fn unary_arith(&mut self, kind: &OpKind, v: &SomeValue) -> OpResult {
        match v {
            SomeValue::Int(_) | SomeValue::Bool(_) => {
                let i = int_of(v);
                Ok(SomeValue::Int(SomeInt {
                    kind: i.kind,
                    nonneg: match kind {
                        OpKind::Abs => true,
                        OpKind::Pos => i.nonneg,
                        _ => i.kind == IntKind::Unsigned,
                    },
                    konst: None,
                }))
            }
            SomeValue::Float if *kind != OpKind::Invert => Ok(SomeValue::Float),
            SomeValue::Instance(..) => {
                let name = match kind {
                    OpKind::Neg => "__neg__",
                    OpKind::Pos => "__pos__",
                    OpKind::Invert => "__invert__",
                    _ => "__abs__",
                };
                self.call_special_method(v, name, Vec::new())
            }
            _ => Err(self.type_error(&format!("bad operand for {}", kind.name()), &[v])),
        }
    }

    /// An error "cannot X: int and str", at the current operation.
    pub(crate) fn type_error(&self, what: &str, operands: &[&SomeValue]) -> AnnotationError {
        let kinds: Vec<String> = operands.iter().map(|o| self.describe(o)).collect();
        let message = if kinds.is_empty() {
            what.trim_end_matches(':').to_string()
        } else {
            format!("{what}: {}", kinds.join(" and "))
        };
        let mut err = AnnotationError::new(message);
        if let Some(s) = self.current_site {
            err = err.at(s, "here");
        }
        err
    }

    pub(crate) fn type_of(&mut self, v: &SomeValue) -> SomeValue {
        // The classes below grow as the program's classes are found.
        self.watch_subclasses(v);
        match v {
            SomeValue::Instance(cd, _) => {
                let descs = self
                    .subtree(*cd)
                    .into_iter()
                    .map(|c| self.desc(crate::Desc::Class(c)))
                    .collect();
                SomeValue::Pbc(crate::SomePbc {
                    descs,
                    can_be_none: false,
                })
            }
            _ => SomeValue::Builtin(Arc::from("type")),
        }
    }

    fn len_of(&mut self, v: &SomeValue) -> OpResult {
        match v {
            SomeValue::Str(_)
            | SomeValue::Bytes(_)
            | SomeValue::List(..)
            | SomeValue::Dict(..)
            | SomeValue::Set(..)
            | SomeValue::Tuple(_)
            | SomeValue::Range { .. } => Ok(SomeValue::nonneg()),
            SomeValue::Instance(..) => self.call_special_method(v, "__len__", Vec::new()),
            _ => Err(self.type_error("len() of an object without a length", &[v])),
        }
    }

    fn stringify(&mut self, kind: &OpKind, v: &SomeValue) -> OpResult {
        self.watch_subclasses(v);
        self.refuse_hash_ordered_sets(v, "printing")?;
        if let SomeValue::Instance(cd, _) = v {
            let obj = self.classes[*cd].obj;
            let name = if *kind == OpKind::Str {
                "__str__"
            } else {
                "__repr__"
            };
            let user = |a: &Self, n: &str| {
                a.lookup_class_attr(obj, n).is_some_and(|(_, f)| {
                    let function_like = crate::classdef::is_function_like(&a.vm(), &f);
                    function_like && !a.is_builtin_value(&f)
                })
            };
            let decisive: &[&str] = match kind {
                OpKind::Str if self.resolves_user_method(*cd, "__str__") => &[],
                OpKind::Str => &["__str__", "__repr__"],
                _ => &["__repr__"],
            };
            for &m in decisive {
                if let Some(sub) = self.partly_defined(*cd, m) {
                    return Err(self.unsupported_here(format_args!(
                        "{}() of an instance of class {}, whose subclass {} defines `{m}` when it does not",
                        if *kind == OpKind::Str { "str" } else { "repr" },
                        self.classes[*cd].name,
                        self.classes[sub].name
                    )));
                }
            }
            if user(self, name) {
                return self.call_special_method(v, name, Vec::new());
            }
            if *kind == OpKind::Str && user(self, "__repr__") {
                return self.call_special_method(v, "__repr__", Vec::new());
            }
        }
        Ok(SomeValue::str())
    }

    /// Refuses printing a set, or a container holding one, whose items
    /// CPython hashes the same in every run (ints, floats, bools, tuples
    /// of those): CPython lists them in the order of its hash table, which
    /// the translated program does not reproduce (it keeps insertion
    /// order). Sets of str, bytes or instances are hashed differently in
    /// every CPython run, so no order is promised there.
    pub(crate) fn refuse_hash_ordered_sets(
        &mut self,
        v: &SomeValue,
        what: &str,
    ) -> Result<(), AnnotationError> {
        fn deterministic(v: &SomeValue) -> bool {
            match v {
                SomeValue::Int(_) | SomeValue::Bool(_) | SomeValue::Float => true,
                SomeValue::Tuple(items) => items.iter().all(deterministic),
                _ => false,
            }
        }
        let mut pending = vec![v.clone()];
        let mut seen = 0;
        while let Some(v) = pending.pop() {
            seen += 1;
            if seen > 64 {
                break;
            }
            match &v {
                SomeValue::Set(id, _) => {
                    let key = self.read_dict(*id).0;
                    if deterministic(&key) {
                        let desc = self.describe(&v);
                        return Err(self
                            .unsupported_here(format_args!(
                                "{what} a {desc}: CPython visits its items in the order of its hash table, which the translated program does not reproduce"
                            ))
                            .with_note(
                                "go through `sorted(s)`, or keep the items in a list or a dict (both keep insertion order, as in CPython)",
                            ));
                    }
                }
                SomeValue::List(id, _) => pending.push(self.read_list(*id)),
                SomeValue::Dict(id, _) => {
                    let (k, val) = self.read_dict(*id);
                    pending.push(k);
                    pending.push(val);
                }
                SomeValue::Tuple(items) => pending.extend(items.iter().cloned()),
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether a class-level value is a native function (inherited from
    /// `object` or a built-in exception), not user code.
    pub(crate) fn is_builtin_value(&self, v: &Value) -> bool {
        match v {
            Value::Ref(r) => matches!(self.vm().heap.get(*r), frontend::host::Object::Builtin(_)),
            _ => true,
        }
    }

    /// `iter(x)`.
    pub(crate) fn iter_of(&mut self, v: &SomeValue) -> OpResult {
        match v {
            SomeValue::List(..)
            | SomeValue::Str(_)
            | SomeValue::Bytes(_)
            | SomeValue::Dict(..)
            | SomeValue::Set(..)
            | SomeValue::Range { .. } => Ok(SomeValue::Iterator(
                IterKind::Items,
                Arc::from([v.without_none()]),
            )),
            SomeValue::Tuple(items) => {
                let mut item = SomeValue::Impossible;
                for i in items.iter() {
                    item = self.union(&item, i).map_err(|e| {
                        let mut err = AnnotationError::new(format!(
                            "iterating over a tuple whose items are both {} and {}",
                            e.left, e.right
                        ));
                        if let Some(s) = self.current_site {
                            err = err.at(s, "here");
                        }
                        err.with_note("only tuples whose items all have one type can be iterated over at run time")
                    })?;
                }
                let list = self.new_list(item, None);
                Ok(SomeValue::Iterator(IterKind::Items, Arc::from([list])))
            }
            SomeValue::Iterator(..) => Ok(v.clone()),
            SomeValue::Instance(..) => self.call_special_method(v, "__iter__", Vec::new()),
            _ => Err(self.type_error("cannot iterate over", &[v])),
        }
    }

    /// `next(it)`: the item type of an iterator.
    pub(crate) fn next_of(&mut self, v: &SomeValue) -> OpResult {
        match v {
            SomeValue::Iterator(kind, sources) => self.iterator_item(kind, sources),
            SomeValue::Instance(..) => self.call_special_method(v, "__next__", Vec::new()),
            _ => Err(self.type_error("next() of a non-iterator", &[v])),
        }
    }

    fn iterator_item(&mut self, kind: &IterKind, sources: &[SomeValue]) -> OpResult {
        Ok(match kind {
            IterKind::Items | IterKind::Reversed => self.item_of_iterable(&sources[0])?,
            IterKind::DictValues => match &sources[0] {
                SomeValue::Dict(id, _) => self.read_dict(*id).1,
                _ => SomeValue::Impossible,
            },
            IterKind::DictItems => match &sources[0] {
                SomeValue::Dict(id, _) => {
                    let (k, v) = self.read_dict(*id);
                    if k.is_impossible() || v.is_impossible() {
                        SomeValue::Impossible
                    } else {
                        SomeValue::Tuple(Arc::from([k, v]))
                    }
                }
                _ => SomeValue::Impossible,
            },
            IterKind::Enumerate => {
                let item = self.next_of(&sources[0])?;
                if item.is_impossible() {
                    SomeValue::Impossible
                } else {
                    SomeValue::Tuple(Arc::from([SomeValue::nonneg(), item]))
                }
            }
            IterKind::Zip => {
                let mut items = Vec::new();
                for s in sources {
                    let item = self.next_of(s)?;
                    if item.is_impossible() {
                        return Ok(SomeValue::Impossible);
                    }
                    items.push(item);
                }
                SomeValue::Tuple(items.into())
            }
            IterKind::Generator(g) => {
                if let Some(pos) = self.current {
                    self.graphs[*g].yield_readers.insert(pos);
                }
                self.graphs[*g].yields.clone()
            }
        })
    }

    /// The items produced by iterating over a value.
    pub(crate) fn item_of_iterable(&mut self, v: &SomeValue) -> OpResult {
        Ok(match v {
            SomeValue::List(id, _) => self.read_list(*id),
            SomeValue::Str(_) => SomeValue::Str(SomeStr::CHAR),
            SomeValue::Bytes(_) => SomeValue::nonneg(),
            SomeValue::Dict(id, _) | SomeValue::Set(id, _) => self.read_dict(*id).0,
            SomeValue::Range { nonneg } => SomeValue::Int(SomeInt {
                nonneg: *nonneg,
                ..SomeInt::SIGNED
            }),
            SomeValue::Tuple(_) | SomeValue::Instance(..) => {
                let it = self.iter_of(v)?;
                self.next_of(&it)?
            }
            SomeValue::Iterator(..) => self.next_of(v)?,
            _ => return Err(self.type_error("cannot iterate over", &[v])),
        })
    }

    fn contains_check(
        &mut self,
        container: &SomeValue,
        item: &SomeValue,
    ) -> Result<(), AnnotationError> {
        match container {
            SomeValue::Str(_) if matches!(item, SomeValue::Str(_)) => Ok(()),
            SomeValue::Bytes(_) if item.is_int_like() || matches!(item, SomeValue::Bytes(_)) => {
                Ok(())
            }
            SomeValue::List(id, _) => {
                let items = self.read_list(*id);
                self.refuse_item_eq(&items, "`in`")
            }
            SomeValue::Dict(id, _) | SomeValue::Set(id, _) => {
                self.read_dict(*id);
                Ok(())
            }
            SomeValue::Tuple(items) => {
                for i in items.iter() {
                    self.refuse_item_eq(i, "`in`")?;
                }
                Ok(())
            }
            SomeValue::Range { .. } => Ok(()),
            SomeValue::Instance(..) => self
                .call_special_method(container, "__contains__", vec![item.clone()])
                .map(|_| ()),
            _ => Err(self.type_error("`in` is not supported between", &[item, container])),
        }
    }

    fn new_function(&mut self, operands: &[Operand<Value>], args: &[SomeValue]) -> OpResult {
        let Some(Value::Ref(template)) = operands[0].as_const() else {
            return Err(AnnotationError::new(
                "a nested function without a constant code template",
            ));
        };
        let template = *template;
        let desc = self.desc(crate::Desc::Function(template));
        let captured: Vec<SomeValue> = match &args[2] {
            SomeValue::Tuple(items) => items.to_vec(),
            _ => Vec::new(),
        };
        self.closures
            .insert(template, (captured.len(), args[1].clone()));
        if !captured.is_empty() {
            if let Some(g) = self.graph_for(desc, template, String::new(), self.caller()) {
                let mut bind = captured.clone();
                // The remaining parameters are bound by the calls.
                let params = self.graphs[g].graph.args.len();
                bind.resize(params, SomeValue::Impossible);
                self.bind_graph_args(g, bind, self.current_site);
            }
        }
        Ok(crate::constants::pbc(desc))
    }

    /// The caller position for a graph reached from the current operation.
    pub(crate) fn caller(&self) -> Option<(GraphId, crate::Site)> {
        match (self.current, self.current_site) {
            (Some((g, _)), Some(site)) => Some((g, site)),
            _ => None,
        }
    }
}

/// The constant attribute name of a `getattr`/`setattr` operation.
fn const_name(o: &Operand<Value>) -> Option<String> {
    match o {
        Operand::Const(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// The int view of an int or bool annotation.
pub(crate) fn int_of(v: &SomeValue) -> SomeInt {
    match v {
        SomeValue::Int(i) => *i,
        SomeValue::Bool(b) => SomeInt {
            kind: IntKind::Signed,
            nonneg: true,
            konst: b.map(i64::from),
        },
        _ => SomeInt::SIGNED,
    }
}

fn inplace_to_plain(kind: &OpKind) -> OpKind {
    use OpKind as K;
    match kind {
        K::InplaceAdd => K::Add,
        K::InplaceSub => K::Sub,
        K::InplaceMul => K::Mul,
        K::InplaceMatMul => K::MatMul,
        K::InplaceTrueDiv => K::TrueDiv,
        K::InplaceFloorDiv => K::FloorDiv,
        K::InplaceMod => K::Mod,
        K::InplacePow => K::Pow,
        K::InplaceLShift => K::LShift,
        K::InplaceRShift => K::RShift,
        K::InplaceAnd => K::And,
        K::InplaceOr => K::Or,
        K::InplaceXor => K::Xor,
        other => other.clone(),
    }
}
