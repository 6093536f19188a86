//! Generators: resumable graphs over a generator object.
//!
//! Calling a generator function runs nothing of its body: it returns a
//! generator object, a GC struct holding a resume number and slots for
//! the local variables that are live where the body stops (its start and
//! each `yield`). The function's low-level graph is that constructor; the
//! body becomes a second graph, `next(gen)`, in the manner of PyPy's
//! `flowspace/generator.py`:
//!
//! * its entry switches on the resume number: 0 starts the body with the
//!   arguments saved by the constructor, `k` continues after the k-th
//!   `yield` with the live locals saved there, anything else raises
//!   `StopIteration`;
//! * each `yield` saves the live locals and its resume number into the
//!   object and returns the yielded value (see [`Rtyper::translate_yield`],
//!   called by the graph translation, which threads the object through
//!   every block of the body);
//! * resuming sets the resume number to -1 first, so a `return`, falling
//!   off the end and an exception escaping the body all leave the
//!   generator finished; a `return` then raises `StopIteration`.
//!
//! So a generator is an iterator like the others of `iters.rs`: its
//! `next` raises `StopIteration` at the end. Everything is ordinary
//! low-level graphs, the same for every backend.
//!
//! Slots are shared between resume points by type (slot `k` of type `T`
//! holds the k-th live local of type `T` of whichever point saved last),
//! so the object grows with the largest set of live locals, not with the
//! number of `yield`s.

use std::collections::HashMap;

use annotator::{GraphId, IterKind, SomeValue};
use flowgraph::{ExitSwitch, OpKind};
use lltype::{Block, ConstValue, Constant, Exit, Field, FuncId, Link, LlOp, Operand, TypeId};

use crate::cx::{sanitize, RtypeError, Rtyper};
use crate::graph::GraphCx;
use crate::repr::Repr;

type FlowBlock = flowgraph::Block;
type FlowVar = flowgraph::Var;

/// Where a generator's body stops and what it saves there.
#[derive(Clone, Debug)]
pub struct GenLayout {
    /// The generator object's pointer type.
    pub ptr: TypeId,
    /// For each resume point (0: the start, `k`: after the k-th `yield`),
    /// the flow variables live there and the slot each is saved in
    /// (`None` for values without a run-time value).
    pub points: Vec<Vec<(FlowVar, Option<String>)>>,
    /// The resume number of each `yield`, by flow block and operation.
    pub yields: HashMap<(FlowBlock, usize), usize>,
}

/// The state of a generator body's translation: the object as seen by
/// the block being filled, and the blocks the entry dispatches to.
pub struct GenCx {
    /// The layout of the generator.
    pub layout: GenLayout,
    /// The current block's copy of the generator object.
    pub object: Operand,
    /// The block raising `StopIteration`, made on first use.
    pub stop: Option<Block>,
    /// The block continuing after each resume point translated so far.
    pub resumes: Vec<(usize, Block)>,
}

/// The name of the resume number's field.
const RESUME: &str = "resume";

impl Rtyper<'_, '_> {
    /// What calling graph `g` gives: a generator object for a generator,
    /// else its return value.
    pub fn graph_result(&self, g: GraphId) -> SomeValue {
        let info = &self.ann.graphs[g];
        if info.generator {
            SomeValue::Iterator(IterKind::Generator(g), std::sync::Arc::from([]))
        } else {
            info.return_value().clone()
        }
    }

    /// The representation of what generator `g` yields.
    pub fn generator_item(&mut self, g: GraphId) -> Repr {
        let y = self.ann.graphs[g].yields.clone();
        self.repr_of(&y)
    }

    /// The pointer type of generator `g`'s objects.
    pub fn generator_lltype(&mut self, g: GraphId) -> TypeId {
        let key = format!("generator:{}", g.as_u32());
        let base = format!("gen_{}", self.ann.graphs[g].name);
        let s = self.named_struct(&key, &base, |rt| rt.generator_fields(g));
        self.m.types.ptr(s).expect("a struct")
    }

    /// The layout of generator `g`.
    pub fn generator_layout(&mut self, g: GraphId) -> GenLayout {
        let ptr = self.generator_lltype(g);
        let mut layout = self.generators[&g].clone();
        layout.ptr = ptr;
        layout
    }

    /// Computes where generator `g` stops and what it saves there
    /// (remembered in `self.generators`), and returns the object's fields.
    fn generator_fields(&mut self, g: GraphId) -> Vec<Field> {
        let info = &self.ann.graphs[g];
        let fg = info.graph.clone();
        let reached = info.reached.clone();
        let mut points: Vec<Vec<FlowVar>> = vec![fg.args.clone()];
        let mut yields = HashMap::new();
        for b in fg.blocks_reachable() {
            if !reached.contains(&b) {
                continue;
            }
            for (i, op) in fg.blocks[b].ops.iter().enumerate() {
                if op.kind == OpKind::Yield {
                    yields.insert((b, i), points.len());
                    points.push(live_after(&fg, b, i));
                }
            }
        }
        let mut slots: Vec<TypeId> = Vec::new();
        let mut saved = Vec::new();
        for live in points {
            let mut used = vec![false; slots.len()];
            let mut point = Vec::new();
            for v in live {
                let r = self.var_repr(g, v);
                let ty = self.lltype(&r);
                if self.is_void(ty) {
                    point.push((v, None));
                    continue;
                }
                let k = match (0..slots.len()).find(|&k| slots[k] == ty && !used[k]) {
                    Some(k) => k,
                    None => {
                        slots.push(ty);
                        used.push(false);
                        slots.len() - 1
                    }
                };
                used[k] = true;
                point.push((v, Some(format!("slot{k}"))));
            }
            saved.push(point);
        }
        self.generators.insert(
            g,
            GenLayout {
                ptr: self.t.void,
                points: saved,
                yields,
            },
        );
        let mut fields = vec![Field {
            name: RESUME.into(),
            ty: self.t.signed,
        }];
        fields.extend(slots.into_iter().enumerate().map(|(k, ty)| Field {
            name: format!("slot{k}"),
            ty,
        }));
        fields
    }

    /// The low-level `next` of generator `g`: its body, resumable.
    pub fn generator_next(&mut self, g: GraphId) -> FuncId {
        if let Some(&f) = self.generator_bodies.get(&g) {
            return f;
        }
        // The constructor is what makes the graph reached.
        self.function_for_graph(g);
        let ptr = self.generator_lltype(g);
        let item = self.generator_item(g);
        let item_ty = self.lltype(&item);
        let ty = self.m.types.func(vec![ptr], item_ty);
        let name = format!("{}_next", sanitize(&self.ann.graphs[g].name));
        let f = self.declare_graph_function(g, &name, ty);
        self.generator_bodies.insert(g, f);
        f
    }

    /// The constructor of generator `g`: saves the arguments as resume
    /// point 0.
    pub fn generator_constructor(&mut self, g: GraphId) -> lltype::Graph {
        let layout = self.generator_layout(g);
        let params: Vec<TypeId> = {
            let f = self.function_for_graph(g);
            self.m.signature(f).0.to_vec()
        };
        let ptr = layout.ptr;
        self.build(&params, |rt, b| {
            let object = b.op(LlOp::Malloc, Vec::new(), ptr);
            let zero = b.int(0);
            b.setfield(object.clone(), RESUME, zero);
            for (i, (_, slot)) in layout.points[0].iter().enumerate() {
                if let Some(slot) = slot {
                    let p = b.param(i);
                    b.setfield(object.clone(), slot, p);
                }
            }
            let _ = rt;
            b.ret(object);
        })
    }

    /// A `yield` in a generator body: saves the live locals and the resume
    /// number, returns the value, and goes on translating in a new block,
    /// the one the entry dispatches to on the next resumption, which
    /// loads the locals back.
    pub fn translate_yield(
        &mut self,
        cx: &mut GraphCx,
        op: &flowgraph::Operation<frontend::host::Value>,
    ) -> Result<Operand, RtypeError> {
        let item = self.generator_item(cx.g);
        let value = self.operand_as(cx, &op.args[0], &item)?;
        let value = match &value {
            Operand::Var(_) if self.is_void(cx.ll.operand_type(&value)) => {
                Operand::Const(Constant::new(ConstValue::Void, self.t.void))
            }
            _ => value,
        };
        let Some(gen) = cx.gen.as_mut() else {
            return Err(cx.error("internal: a yield outside a generator body"));
        };
        let k = gen.layout.yields[&cx.at];
        let point = gen.layout.points[k].clone();
        let (object, ptr) = (gen.object.clone(), gen.layout.ptr);
        for (v, slot) in &point {
            let Some(slot) = slot else { continue };
            let saved = cx
                .vars
                .get(v)
                .cloned()
                .ok_or_else(|| cx.error("internal: a live variable without a value"))?;
            let name = self.name_const(slot);
            cx.emit(
                LlOp::SetField,
                vec![object.clone(), name, saved],
                self.t.void,
            );
        }
        self.set_resume(cx, object, k as i64);
        cx.ll.blocks[cx.block].exit = Exit::Return(value);
        // Resumption k continues here.
        let cont = cx.ll.new_block(&[ptr]);
        let object = Operand::Var(cx.ll.blocks[cont].params[0]);
        cx.block = cont;
        self.set_resume(cx, object.clone(), -1);
        for (v, slot) in &point {
            let r = self.var_repr(cx.g, *v);
            let ty = self.lltype(&r);
            let loaded = match slot {
                Some(slot) => {
                    let name = self.name_const(slot);
                    cx.emit(LlOp::GetField, vec![object.clone(), name], ty)
                }
                None => Operand::Const(Constant::new(ConstValue::Void, ty)),
            };
            cx.vars.insert(*v, loaded);
        }
        let gen = cx.gen.as_mut().expect("checked above");
        gen.object = object;
        gen.resumes.push((k, cont));
        Ok(self.void_const())
    }

    /// Stores the resume number.
    fn set_resume(&mut self, cx: &mut GraphCx, object: Operand, k: i64) {
        let name = self.name_const(RESUME);
        let k = Operand::Const(Constant::new(ConstValue::Int(k.into()), self.t.signed));
        cx.emit(LlOp::SetField, vec![object, name, k], self.t.void);
    }

    /// The block raising `StopIteration` (the generator is finished).
    pub fn generator_stop_block(&mut self, cx: &mut GraphCx) -> Block {
        if let Some(b) = cx.gen.as_ref().and_then(|g| g.stop) {
            return b;
        }
        let b = cx.ll.new_block(&[]);
        let raise = self.raise_stop_iteration();
        let saved = cx.block;
        cx.block = b;
        self.call_in(cx, raise, Vec::new());
        cx.block = saved;
        cx.ll.blocks[b].exit = Exit::Unreachable;
        if let Some(gen) = cx.gen.as_mut() {
            gen.stop = Some(b);
        }
        b
    }

    /// A helper raising `StopIteration`.
    pub fn raise_stop_iteration(&mut self) -> FuncId {
        let void = self.t.void;
        self.helper("raise_stop_iteration", &[], void, |rt, b| {
            rt.raise_builtin(b, "StopIteration", "")
        })
    }

    /// Makes the entry of a generator body (block `entry`, taking the
    /// object): it switches on the resume number to the start (block
    /// `start`, taking the arguments and the object), to the continuation
    /// of each `yield`, or to the end.
    pub fn generator_dispatch(&mut self, cx: &mut GraphCx, entry: Block, start: Block) {
        let gen = cx.gen.as_ref().expect("a generator body");
        let (ptr, args) = (gen.layout.ptr, gen.layout.points[0].clone());
        let mut resumes = gen.resumes.clone();
        let object = Operand::Var(cx.ll.blocks[entry].params[0]);
        // Resume point 0: the arguments.
        let first = cx.ll.new_block(&[ptr]);
        let p = Operand::Var(cx.ll.blocks[first].params[0]);
        cx.block = first;
        self.set_resume(cx, p.clone(), -1);
        let mut values = Vec::new();
        for (v, slot) in &args {
            let r = self.var_repr(cx.g, *v);
            let ty = self.lltype(&r);
            values.push(match slot {
                Some(slot) => {
                    let name = self.name_const(slot);
                    cx.emit(LlOp::GetField, vec![p.clone(), name], ty)
                }
                None => Operand::Const(Constant::new(ConstValue::Void, ty)),
            });
        }
        values.push(p);
        cx.ll.blocks[first].exit = Exit::Goto(Link {
            target: start,
            args: values,
        });
        resumes.insert(0, (0, first));
        let stop = self.generator_stop_block(cx);
        cx.block = entry;
        let name = self.name_const(RESUME);
        let k = cx.emit(LlOp::GetField, vec![object.clone(), name], self.t.signed);
        let link = |b: Block| Link {
            target: b,
            args: vec![object.clone()],
        };
        cx.ll.blocks[entry].exit = Exit::Switch {
            value: k,
            cases: resumes
                .iter()
                .map(|(k, b)| (*k as i128, link(*b)))
                .collect(),
            default: Link {
                target: stop,
                args: Vec::new(),
            },
        };
    }
}

/// The variables of flow block `b` read after its operation `i`: by later
/// operations, the exit switch or the links, and defined before.
fn live_after(fg: &frontend::flowspace::Graph, b: FlowBlock, i: usize) -> Vec<FlowVar> {
    let data = &fg.blocks[b];
    let mut defined_later = std::collections::HashSet::new();
    let mut live: Vec<FlowVar> = Vec::new();
    let mut read = |v: FlowVar, later: &std::collections::HashSet<FlowVar>| {
        if !later.contains(&v) && !live.contains(&v) {
            live.push(v);
        }
    };
    for op in &data.ops[i + 1..] {
        for a in &op.args {
            if let Some(v) = a.as_var() {
                read(v, &defined_later);
            }
        }
        defined_later.insert(op.result);
    }
    if let ExitSwitch::Value(v) = data.exitswitch {
        read(v, &defined_later);
    }
    for l in &data.exits {
        let bound: Vec<FlowVar> = l.bound_vars().collect();
        for a in &l.args {
            if let Some(v) = a.as_var() {
                if !bound.contains(&v) {
                    read(v, &defined_later);
                }
            }
        }
    }
    live
}
