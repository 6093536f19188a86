//! Which instance attributes may be read before they are assigned.
//!
//! CPython raises `AttributeError` when a program reads an attribute an
//! instance does not have; a translated instance always has every field,
//! zero until assigned. Once annotation is complete, this module decides
//! for each attribute whether every instance that can exist has it:
//!
//! - an attribute read but assigned nowhere (no store, no class-level
//!   value, no prebuilt instance holding it) is refused: the program
//!   cannot mean it;
//! - otherwise, for every class below the one owning the attribute whose
//!   instances exist (made by a call, prebuilt, or made by `instantiate()`
//!   without `__init__`), the attribute must have a class-level value, or
//!   be assigned on every path through `__init__` that returns (following
//!   calls that receive `self`: `Base.__init__(self)`, `super().__init__()`,
//!   `self.setup()`), and be held by every prebuilt instance. Where that
//!   cannot be shown, [`AttrDef::maybe_unset`](crate::classdef::AttrDef)
//!   is set, and the rtyper keeps a flag beside the field so that a read
//!   before any store raises `AttributeError` as in CPython.
//!
//! The analysis is a "must" data flow over flow graphs; reads in
//! `__init__` itself before the store are not tracked (they get the check
//! like any read when the attribute is maybe unset, and read the zero
//! value otherwise).

use std::collections::{HashMap, HashSet};

use flowgraph::{Block, ExitCase, ExitSwitch, OpKind, Operand, Var};
use frontend::host::object::Object;
use frontend::host::{PyStr, Value};

use crate::classdef::is_function_like;
use crate::diag::AnnotationError;
use crate::model::ClassId;
use crate::{Annotator, GraphId};

/// Attribute names definitely assigned; `None` stands for every name
/// (the top of the lattice, before a block is first reached).
type Assigned = Option<HashSet<String>>;

fn meet(a: &Assigned, b: &Assigned) -> Assigned {
    match (a, b) {
        (None, x) | (x, None) => x.clone(),
        (Some(a), Some(b)) => Some(a.intersection(b).cloned().collect()),
    }
}

impl Annotator<'_> {
    /// Refuses attributes read but never assigned, and marks the ones an
    /// instance may lack when read.
    pub(crate) fn check_attribute_initialization(&mut self) {
        self.check_os_error_attributes();
        let mut memo: HashMap<GraphId, HashSet<String>> = HashMap::new();
        let classes: Vec<ClassId> = self.classes.keys().collect();
        for owner in classes {
            let names: Vec<String> = self.classes[owner].attrs.keys().cloned().collect();
            for name in names {
                let attr = &self.classes[owner].attrs[&name];
                if attr.value.is_impossible() {
                    // A read can only run on an instance: with none of
                    // these classes ever made, it is dead code.
                    if !attr.readers.is_empty()
                        && !self.has_class_value_below(owner, &name)
                        && self.subtree(owner).iter().any(|c| self.has_instances(*c))
                    {
                        self.report_never_assigned(owner, &name);
                    }
                    continue;
                }
                // A built-in exception's attributes are set by its
                // constructor (`OSError(errno, ...)`, checked above).
                if self.classes[owner].builtin {
                    continue;
                }
                let unset = self
                    .subtree(owner)
                    .into_iter()
                    .any(|c| !self.always_has(c, &name, &mut memo));
                self.classes[owner].attrs[&name].maybe_unset = unset;
            }
        }
    }

    /// An `OSError` made without an errno has `errno`, `strerror` and
    /// `filename` None in CPython: refused if the program reads them.
    fn check_os_error_attributes(&mut self) {
        let Some(&site) = self.os_error_without_errno.first() else {
            return;
        };
        let os_error = self.vm().types.os_error;
        let root = self.classdef(os_error);
        let read = self.subtree(root).into_iter().find_map(|c| {
            ["errno", "strerror", "filename"].into_iter().find(|a| {
                self.classes[c]
                    .attrs
                    .get(*a)
                    .is_some_and(|d| !d.readers.is_empty())
            })
        });
        if let Some(attr) = read {
            self.report(
                AnnotationError::new(format!(
                    "an OSError made without an errno, while the program reads `.{attr}` of OSErrors"
                ))
                .at(site, "made here")
                .with_note(
                    "CPython's `.errno`, `.strerror` and `.filename` are None for such an error, which an int cannot be; make it as OSError(errno, strerror) or OSError(errno, strerror, filename)",
                ),
            );
        }
    }

    /// Whether instances of exactly class `c` may exist: made by a call,
    /// `instantiate()`, prebuilt, or (a built-in exception) raised.
    pub(crate) fn has_instances(&self, c: ClassId) -> bool {
        // The built-in exceptions are also raised by the translated
        // program's own helpers (`KeyError`, `OSError` ...).
        let host_class = self.builtin_names.contains_key(&self.classes[c].obj);
        if host_class || self.instantiated.contains(&c) || self.created_bare.contains(&c) {
            return true;
        }
        let obj = self.classes[c].obj;
        let vm = self.vm();
        self.prebuilt
            .keys()
            .any(|&r| matches!(vm.heap.get(r), Object::Instance(i) if i.class == obj))
    }

    /// Whether a class in the subtree has a class-level value of `name`.
    fn has_class_value_below(&self, owner: ClassId, name: &str) -> bool {
        self.subtree(owner)
            .into_iter()
            .any(|c| self.class_value(c, name))
    }

    /// Whether `name` has a class-level value (data, not a method) in the
    /// MRO of class `c`.
    fn class_value(&self, c: ClassId, name: &str) -> bool {
        match self.lookup_class_attr(self.classes[c].obj, name) {
            Some((_, v)) => !is_function_like(&self.vm(), &v),
            None => false,
        }
    }

    /// Whether every instance of exactly class `c` that can exist has
    /// attribute `name` from the start.
    fn always_has(
        &mut self,
        c: ClassId,
        name: &str,
        memo: &mut HashMap<GraphId, HashSet<String>>,
    ) -> bool {
        if self.class_value(c, name) {
            return true;
        }
        if self.created_bare.contains(&c) {
            return false;
        }
        if self.instantiated.contains(&c) && !self.init_assigns(c, name, memo) {
            return false;
        }
        let obj = self.classes[c].obj;
        let vm = self.vm();
        self.prebuilt.keys().all(|&r| match vm.heap.get(r) {
            Object::Instance(i) if i.class == obj => i.dict.contains_key(&PyStr::new(name)),
            _ => true,
        })
    }

    /// Whether constructing an instance of `c` assigns `name` on every
    /// path: every annotated graph of its `__init__` does.
    fn init_assigns(
        &mut self,
        c: ClassId,
        name: &str,
        memo: &mut HashMap<GraphId, HashSet<String>>,
    ) -> bool {
        let Some((_, Value::Ref(init))) = self.lookup_class_attr(self.classes[c].obj, "__init__")
        else {
            return false;
        };
        let graphs: Vec<GraphId> = self
            .graphs
            .iter()
            .filter(|(_, info)| info.func == init)
            .map(|(g, _)| g)
            .collect();
        !graphs.is_empty()
            && graphs.into_iter().all(|g| {
                let mut active = HashSet::new();
                self.assigned_by(g, memo, &mut active).contains(name)
            })
    }

    /// The attributes a graph assigns on its first argument on every path
    /// that returns.
    fn assigned_by(
        &self,
        g: GraphId,
        memo: &mut HashMap<GraphId, HashSet<String>>,
        active: &mut HashSet<GraphId>,
    ) -> HashSet<String> {
        if let Some(s) = memo.get(&g) {
            return s.clone();
        }
        let info = &self.graphs[g];
        let graph = &info.graph;
        let Some(&this) = graph.args.first() else {
            return HashSet::new();
        };
        if !active.insert(g) {
            // Recursion: assume nothing.
            return HashSet::new();
        }
        let aliases = self_aliases(graph, this);
        let blocks: Vec<Block> = graph.blocks.keys().collect();
        let mut input: HashMap<Block, Assigned> = blocks.iter().map(|&b| (b, None)).collect();
        input.insert(graph.startblock, Some(HashSet::new()));
        // What each block assigns before its last operation, and in all.
        let mut gen: HashMap<Block, (HashSet<String>, HashSet<String>)> = HashMap::new();
        for &b in &blocks {
            let data = &graph.blocks[b];
            let mut before_last = HashSet::new();
            let mut all = HashSet::new();
            for (i, op) in data.ops.iter().enumerate() {
                let assigned = self.op_assigns(g, b, i, &aliases[&b], memo, active);
                if i + 1 < data.ops.len() {
                    before_last.extend(assigned.iter().cloned());
                }
                all.extend(assigned);
                let _ = op;
            }
            gen.insert(b, (before_last, all));
        }
        loop {
            let mut changed = false;
            for &b in &blocks {
                let Some(here) = input[&b].clone() else {
                    continue;
                };
                let data = &graph.blocks[b];
                for link in &data.exits {
                    let (before_last, all) = &gen[&b];
                    let raising = data.exitswitch == ExitSwitch::LastException
                        && matches!(link.exitcase, ExitCase::Exception(_));
                    let mut out = here.clone();
                    out.extend(if raising { before_last } else { all }.iter().cloned());
                    let merged = meet(&input[&link.target], &Some(out));
                    if merged != input[&link.target] {
                        input.insert(link.target, merged);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        active.remove(&g);
        let result = input[&graph.returnblock].clone().unwrap_or_default();
        memo.insert(g, result.clone());
        result
    }

    /// The attributes operation `i` of block `b` assigns on `self`: a
    /// store, or a call passing `self` on (as first argument, or as the
    /// receiver of a bound method).
    fn op_assigns(
        &self,
        g: GraphId,
        b: Block,
        i: usize,
        aliases: &HashSet<Var>,
        memo: &mut HashMap<GraphId, HashSet<String>>,
        active: &mut HashSet<GraphId>,
    ) -> HashSet<String> {
        let info = &self.graphs[g];
        let data = &info.graph.blocks[b];
        let op = &data.ops[i];
        let is_self = |o: &Operand<Value>| matches!(o, Operand::Var(v) if aliases.contains(v));
        match op.kind {
            OpKind::SetAttr if is_self(&op.args[0]) => match &op.args[1] {
                Operand::Const(Value::Str(s)) => HashSet::from([s.as_str().to_string()]),
                _ => HashSet::new(),
            },
            OpKind::SimpleCall | OpKind::CallArgs(_) => {
                let passes_self = op.args.get(1).is_some_and(is_self)
                    || bound_to_self(&data.ops[..i], &op.args[0], aliases);
                if !passes_self {
                    return HashSet::new();
                }
                let Some(targets) = info.call_targets.get(&(b, i)) else {
                    return HashSet::new();
                };
                let mut result: Assigned = None;
                for &t in targets {
                    let assigned = self.assigned_by(t, memo, active);
                    result = meet(&result, &Some(assigned));
                }
                result.unwrap_or_default()
            }
            _ => HashSet::new(),
        }
    }

    fn report_never_assigned(&mut self, owner: ClassId, name: &str) {
        let class = self.classes[owner].name.clone();
        let mut err = AnnotationError::new(format!(
            "attribute `{name}` of class {class} is read but never assigned"
        ))
        .with_note(format!(
            "no method assigns `self.{name}`, no class body gives it a value and no prebuilt instance has it; CPython would raise AttributeError"
        ));
        let mut readers: Vec<_> = self.classes[owner].attrs[name]
            .readers
            .iter()
            .copied()
            .collect();
        readers.sort();
        if let Some(site) = readers
            .into_iter()
            .find_map(|(g, b)| self.getattr_site(g, b, name))
        {
            err = err.at(site, "read here");
        }
        self.report(err);
    }

    /// The site of a read of attribute `name` in a block.
    fn getattr_site(&self, g: GraphId, b: Block, name: &str) -> Option<crate::diag::Site> {
        let data = &self.graphs[g].graph.blocks[b];
        data.ops
            .iter()
            .find_map(|op| match (&op.kind, op.args.get(1)) {
                (OpKind::GetAttr, Some(Operand::Const(Value::Str(s)))) if s.as_str() == name => {
                    self.site_at(g, op.loc)
                }
                _ => None,
            })
    }
}

/// The variables of each block that certainly hold the graph's first
/// argument: passed on every link reaching the block (greatest fixpoint).
fn self_aliases(graph: &flowgraph::FlowGraph<Value>, this: Var) -> HashMap<Block, HashSet<Var>> {
    let mut aliases: HashMap<Block, HashSet<Var>> = graph
        .blocks
        .iter()
        .map(|(b, data)| (b, data.inputs.iter().copied().collect()))
        .collect();
    aliases.insert(graph.startblock, HashSet::from([this]));
    let mut incoming: HashMap<Block, Vec<(Block, usize)>> = HashMap::new();
    for (b, data) in graph.blocks.iter() {
        for (k, link) in data.exits.iter().enumerate() {
            incoming.entry(link.target).or_default().push((b, k));
        }
    }
    loop {
        let mut changed = false;
        for (t, data) in graph.blocks.iter() {
            if t == graph.startblock {
                continue;
            }
            let links = incoming.get(&t).map(Vec::as_slice).unwrap_or(&[]);
            let keep: HashSet<Var> = data
                .inputs
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    !links.is_empty()
                        && links.iter().all(|&(b, k)| {
                            match &graph.blocks[b].exits[k].args.get(*i) {
                                Some(Operand::Var(v)) => aliases[&b].contains(v),
                                _ => false,
                            }
                        })
                })
                .map(|(_, &v)| v)
                .collect();
            if keep != aliases[&t] {
                aliases.insert(t, keep);
                changed = true;
            }
        }
        if !changed {
            return aliases;
        }
    }
}

/// Whether a callee operand is a method bound to `self`: the result of
/// `getattr(self, name)`, or of `getattr(super(...), name)` where the
/// `super` call receives `self`, earlier in the block.
fn bound_to_self(
    before: &[flowgraph::Operation<Value>],
    callee: &Operand<Value>,
    aliases: &HashSet<Var>,
) -> bool {
    let Operand::Var(callee) = callee else {
        return false;
    };
    let defined = |v: &Var| before.iter().find(|op| op.result == *v);
    let Some(get) = defined(callee) else {
        return false;
    };
    if get.kind != OpKind::GetAttr {
        return false;
    }
    match &get.args[0] {
        Operand::Var(r) if aliases.contains(r) => true,
        Operand::Var(r) => defined(r).is_some_and(|sup| {
            sup.kind == OpKind::SimpleCall
                && sup
                    .args
                    .iter()
                    .skip(1)
                    .any(|a| matches!(a, Operand::Var(v) if aliases.contains(v)))
                && matches!(&sup.args[0], Operand::Const(Value::Ref(_)))
        }),
        _ => false,
    }
}
