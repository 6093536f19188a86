//! The fixpoint over blocks: flowing a block's operations, following its
//! links, widening the inputs of the blocks they enter.

use crate::diag::{AnnotationError, Site};
use crate::model::{GraphId, SomeValue};
use crate::{Annotator, Desc, DescId, GraphInfo, Position};
use cranelift_entity::SecondaryMap;
use flowgraph::{Block, ExitCase, ExitSwitch, Link, OpKind, Operand, Var};
use frontend::host::{ObjRef, Value};
use std::collections::{HashMap, HashSet};

/// What a bool variable tells about other variables when it is true or
/// false (`isinstance(x, C)`, `x is None`).
#[derive(Clone, Debug, Default)]
pub struct Known {
    pub if_true: Vec<(Var, SomeValue)>,
    pub if_false: Vec<(Var, SomeValue)>,
}

impl Known {
    /// The same facts for the negated condition.
    pub fn negated(&self) -> Known {
        Known {
            if_true: self.if_false.clone(),
            if_false: self.if_true.clone(),
        }
    }
}

impl Annotator<'_> {
    /// The graph annotating `func` under specialisation `key`, created (its
    /// flow graph requested) on first use. `None` if the flow graph cannot
    /// be built; the error is reported.
    pub fn graph_for(
        &mut self,
        desc: DescId,
        func: ObjRef,
        key: String,
        caller: Option<(GraphId, Site)>,
    ) -> Option<GraphId> {
        if let Some(&g) = self.graph_index.get(&(func, key.clone())) {
            return Some(g);
        }
        if self.failed_functions.contains_key(&func) {
            return None;
        }
        let built = (self.source)(func);
        let graph = match built {
            Ok(graph) => graph,
            Err(e) => {
                self.failed_functions.insert(func, ());
                let mut err = AnnotationError::new(e.message.clone())
                    .with_note(format!("while building the flow graph of `{}`", e.function));
                err = match e.pc {
                    Some(pc) => err.at(Site { func, pc }, "here"),
                    None => err.at_def(func, "in this function"),
                };
                if let Some((g, _)) = caller {
                    let saved = self.current;
                    self.current = Some((g, Block::from_u32(0)));
                    self.report(err);
                    self.current = saved;
                } else {
                    self.report(err);
                }
                return None;
            }
        };
        let qualname = match self.vm().heap.get(func) {
            frontend::host::Object::Function(f) => f.qualname.to_string(),
            _ => graph.name.clone(),
        };
        let name = if key.is_empty() {
            qualname
        } else {
            format!("{qualname}[{key}]")
        };
        let generator = graph
            .blocks
            .values()
            .any(|b| b.ops.iter().any(|op| op.kind == OpKind::Yield));
        let g = self.graphs.push(GraphInfo {
            func,
            desc,
            name,
            graph,
            bindings: SecondaryMap::new(),
            origins: SecondaryMap::new(),
            reached: HashSet::new(),
            failed: HashSet::new(),
            block_errors: HashMap::new(),
            return_readers: HashSet::new(),
            generator,
            yields: SomeValue::Impossible,
            yield_readers: HashSet::new(),
            first_caller: caller,
            call_targets: HashMap::new(),
            exc_pairs: HashMap::new(),
        });
        self.graph_index.insert((func, key), g);
        Some(g)
    }

    /// Unites the annotations of a call's arguments into the graph's
    /// parameters; the start block is flowed again if they widen.
    pub fn bind_graph_args(&mut self, g: GraphId, args: Vec<SomeValue>, site: Option<Site>) {
        let graph = self.graphs[g].graph.clone();
        let start = graph.startblock;
        let mut changed = !self.graphs[g].reached.contains(&start);
        for (&param, arg) in graph.args.iter().zip(&args) {
            let old = self.graphs[g].bindings[param].clone();
            match self.union(&old, arg) {
                Ok(new) => {
                    if !self.same(&new, &old) {
                        self.graphs[g].bindings[param] = new;
                        if old.is_impossible() {
                            self.graphs[g].origins[param] = site;
                        }
                        changed = true;
                    }
                }
                Err(e) => {
                    let name = graph.vars[param].name.clone().unwrap_or_else(|| "?".into());
                    let mut err = AnnotationError::new(format!(
                        "argument `{name}` of `{}` would be both {} and {}",
                        self.graphs[g].name, e.left, e.right
                    ));
                    if let Some(s) = site {
                        err = err.at(s, format!("{} passed here", e.right));
                    }
                    if let Some(o) = self.graphs[g].origins[param] {
                        err = err.with_site(o, format!("{} passed here", e.left));
                    }
                    if let Some(r) = e.reason {
                        err = err.with_note(r);
                    }
                    self.report(err);
                }
            }
        }
        if changed {
            self.schedule((g, start));
        }
    }

    /// The annotation of an operand in graph `g`.
    pub fn operand(&mut self, g: GraphId, operand: &Operand<Value>) -> SomeValue {
        match operand {
            Operand::Var(v) => self.graphs[g].bindings[*v].clone(),
            Operand::Const(c) => self.immutable_value(c),
        }
    }

    /// Flows one block: its operations, then its exits.
    pub(crate) fn flow_block(&mut self, pos: Position) {
        let (g, b) = pos;
        let graph = self.graphs[g].graph.clone();
        self.graphs[g].reached.insert(b);
        self.graphs[g].failed.remove(&b);
        self.graphs[g].block_errors.remove(&b);
        if graph.is_final(b) {
            return;
        }
        self.current = Some(pos);
        let data = &graph.blocks[b];
        let mut known: HashMap<Var, Known> = HashMap::new();
        let last = data.ops.len().checked_sub(1);
        let mut only_exceptions = false;
        for (i, op) in data.ops.iter().enumerate() {
            self.current_site = self.site_at(g, op.loc);
            self.current_op = Some(i);
            match self.consider_op(g, op, &mut known) {
                Ok(s) => {
                    if s.is_impossible() {
                        let raising_end =
                            Some(i) == last && data.exitswitch == ExitSwitch::LastException;
                        if raising_end {
                            only_exceptions = true;
                            break;
                        }
                        self.current = None;
                        return;
                    }
                    let old = self.graphs[g].bindings[op.result].clone();
                    let new = self.union(&old, &s).unwrap_or(s);
                    self.graphs[g].bindings[op.result] = new;
                }
                Err(mut e) => {
                    e.graph.get_or_insert(g);
                    self.graphs[g].block_errors.insert(b, e);
                    self.graphs[g].failed.insert(b);
                    self.current = None;
                    return;
                }
            }
        }
        let switch_value = match data.exitswitch {
            ExitSwitch::Value(v) => Some((v, self.graphs[g].bindings[v].clone())),
            _ => None,
        };
        for (index, link) in data.exits.iter().enumerate() {
            let mut narrow: Vec<(Var, SomeValue)> = Vec::new();
            match (&link.exitcase, &switch_value) {
                (ExitCase::Bool(c), Some((v, s))) => {
                    if let SomeValue::Bool(Some(k)) = s {
                        if k != c {
                            continue;
                        }
                    }
                    if let Some(facts) = known.get(v) {
                        narrow = if *c {
                            facts.if_true.clone()
                        } else {
                            facts.if_false.clone()
                        };
                    }
                }
                _ => {
                    if only_exceptions && index == 0 {
                        continue;
                    }
                }
            }
            self.follow_link(g, b, link, &narrow);
        }
        self.current = None;
    }

    /// Passes a link's arguments to its target's inputs.
    fn follow_link(
        &mut self,
        g: GraphId,
        from: Block,
        link: &Link<Value>,
        narrow: &[(Var, SomeValue)],
    ) {
        let graph = self.graphs[g].graph.clone();
        let target = link.target;
        let inputs = &graph.blocks[target].inputs;
        let exc_class = match &link.exitcase {
            ExitCase::Exception(Value::Ref(cls)) => Some(*cls),
            _ => None,
        };
        let link_site = self.site_at(g, link.loc);
        let mut changed = !self.graphs[g].reached.contains(&target);
        let mut return_changed = false;
        for (arg, &input) in link.args.iter().zip(inputs) {
            let s = match arg {
                Operand::Var(v) if Some(*v) == link.last_exception => match exc_class {
                    Some(cls) => self.exception_class_value(cls),
                    None => SomeValue::Impossible,
                },
                Operand::Var(v) if Some(*v) == link.last_exc_value => match exc_class {
                    Some(cls) => {
                        let cd = self.classdef(cls);
                        SomeValue::Instance(cd, false)
                    }
                    None => SomeValue::Impossible,
                },
                Operand::Var(v) => match narrow.iter().find(|(n, _)| n == v) {
                    Some((_, s)) => s.clone(),
                    None => self.graphs[g].bindings[*v].clone(),
                },
                Operand::Const(c) => self.immutable_value(c),
            };
            let site = match arg {
                Operand::Var(v) => graph.blocks[from]
                    .ops
                    .iter()
                    .find(|op| op.result == *v)
                    .and_then(|op| self.site_at(g, op.loc))
                    .or(link_site),
                Operand::Const(_) => link_site,
            };
            let old = self.graphs[g].bindings[input].clone();
            match self.union(&old, &s) {
                Ok(new) => {
                    if !self.same(&new, &old) {
                        self.graphs[g].bindings[input] = new;
                        if old.is_impossible() {
                            self.graphs[g].origins[input] = site;
                        }
                        changed = true;
                        if target == graph.returnblock {
                            return_changed = true;
                        }
                    }
                }
                Err(e) => {
                    let err = self.variable_conflict(g, input, &e, site);
                    self.report(err);
                }
            }
        }
        self.pair_exception_inputs(g, link, inputs);
        if changed {
            self.schedule((g, target));
        }
        if return_changed {
            let readers = self.graphs[g].return_readers.clone();
            self.schedule_all(&readers);
        }
    }

    /// Records which inputs of the link's target hold an exception class and
    /// its instance: those bound by an exception link, and pairs passed on.
    fn pair_exception_inputs(&mut self, g: GraphId, link: &Link<Value>, inputs: &[Var]) {
        let position = |v: Var| link.args.iter().position(|a| a.as_var() == Some(v));
        let mut pairs = Vec::new();
        if let (Some(t), Some(v)) = (link.last_exception, link.last_exc_value) {
            pairs.push((t, v));
        }
        pairs.extend(self.graphs[g].exc_pairs.iter().map(|(a, b)| (*a, *b)));
        for (t, v) in pairs {
            if let (Some(i), Some(j)) = (position(t), position(v)) {
                self.graphs[g].exc_pairs.insert(inputs[i], inputs[j]);
            }
        }
    }

    /// "variable `x` would hold both int and str", citing where each came
    /// from.
    fn variable_conflict(
        &self,
        g: GraphId,
        input: Var,
        e: &crate::UnionError,
        site: Option<Site>,
    ) -> AnnotationError {
        let graph = &self.graphs[g].graph;
        let what = if graph.blocks[graph.returnblock].inputs[0] == input {
            format!("the return value of `{}`", self.graphs[g].name)
        } else {
            match &graph.vars[input].name {
                Some(n) if !n.starts_with('$') => format!("variable `{n}`"),
                _ => "a value".to_string(),
            }
        };
        let origin = self.graphs[g].origins[input];
        // The later of the two sites (in the function's order) is the one
        // that conflicts with what came before: it is the primary label.
        let swap = match (site, origin) {
            (Some(s), Some(o)) => s.func == o.func && o.pc > s.pc,
            _ => false,
        };
        let (first, second) = if swap {
            (&e.right, &e.left)
        } else {
            (&e.left, &e.right)
        };
        let mut err = AnnotationError::new(format!("{what} would hold both {first} and {second}"));
        let (primary, secondary) = if swap { (origin, site) } else { (site, origin) };
        if let Some(s) = primary {
            err = err.at(s, format!("{second} here"));
        }
        if let Some(o) = secondary {
            err = err.with_site(o, format!("{first} here"));
        }
        if let Some(r) = &e.reason {
            err = err.with_note(r.clone());
        }
        err
    }

    /// The annotation of an exception class caught by a link.
    fn exception_class_value(&mut self, cls: ObjRef) -> SomeValue {
        let cd = self.classdef(cls);
        let d = self.desc(Desc::Class(cd));
        crate::constants::pbc(d)
    }
}
