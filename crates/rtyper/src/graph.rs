//! Translating one annotated flow graph into a low-level graph.
//!
//! Each reached flow block becomes a low-level block whose parameters are
//! its inputs in their representations; each operation becomes low-level
//! operations in the same block ([`crate::ops`]); each link passes its
//! values converted to the target's representations, through a block of
//! its own when a conversion needs operations. A block whose last
//! operation may raise ends in a `catch` when that operation became a call
//! that may raise, and in a plain jump otherwise.

use std::collections::HashMap;

use annotator::{GraphId, SomeValue};
use flowgraph::{ExitCase, ExitSwitch};
use frontend::host::Value;
use lltype::{Block, ConstValue, Constant, Exit, Graph, Handler, Link, LlOp, Operand, TypeId, Var};

use crate::cx::{RtypeError, Rtyper};
use crate::repr::Repr;

type FlowBlock = flowgraph::Block;
type FlowVar = flowgraph::Var;
type FlowOperand = flowgraph::Operand<Value>;

/// The state of one graph's translation.
pub struct GraphCx {
    /// The annotated graph.
    pub g: GraphId,
    /// The graph being built.
    pub ll: Graph,
    /// The low-level value of each flow variable.
    pub vars: HashMap<FlowVar, Operand>,
    /// The low-level block being filled.
    pub block: Block,
    /// The indices in the current block of the calls that may raise,
    /// made for the operation being translated.
    pub raising_calls: Vec<usize>,
    /// The operation being translated ends a block whose exceptions a
    /// `try` catches: every call it makes gets the handlers, since any of
    /// them may raise, if only MemoryError when it allocates.
    pub catching: bool,
    /// The position of the operation being translated.
    pub loc: Option<flowgraph::Loc>,
    /// The flow block and operation index being translated.
    pub at: (FlowBlock, usize),
    name: String,
    /// The function object (for source positions).
    func: frontend::host::ObjRef,
    /// Arithmetic operations checked for overflow (their result reaches
    /// an `ovfcheck()`).
    pub ovf_sites: std::collections::HashSet<(FlowBlock, usize)>,
    /// In the body of a generator: its object and resume points.
    pub gen: Option<crate::generators::GenCx>,
}

impl GraphCx {
    /// Records that the last operation of the current block is a call
    /// that may raise: the block's `catch`, if any, applies to it.
    pub fn mark_raising(&mut self) {
        let last = self.ll.blocks[self.block].ops.len() - 1;
        if self.raising_calls.last() != Some(&last) {
            self.raising_calls.push(last);
        }
    }

    /// Appends an operation to the current block.
    pub fn emit(&mut self, op: LlOp, args: Vec<Operand>, ty: TypeId) -> Operand {
        Operand::Var(self.ll.push_op(self.block, op, args, ty))
    }

    /// An error at the operation being translated.
    pub fn error(&self, message: impl Into<String>) -> RtypeError {
        RtypeError {
            message: message.into(),
            function: Some(self.name.clone()),
            site: self.loc.map(|l| annotator::Site {
                func: self.func,
                pc: l.start,
            }),
        }
    }
}

impl Rtyper<'_, '_> {
    /// Translates the annotated graph `g`.
    pub fn translate_graph(&mut self, g: GraphId) -> Result<Graph, RtypeError> {
        let info = &self.ann.graphs[g];
        let fg = info.graph.clone();
        let reached = info.reached.clone();
        let name = info.name.clone();
        let func = info.func;
        // A generator's body is its `next`, taking the generator object.
        let generator = info.generator;
        let f = if generator {
            self.generator_next(g)
        } else {
            self.function_for_graph(g)
        };
        let (params, result) = {
            let (p, r) = self.m.signature(f);
            (p.to_vec(), r)
        };
        let gen = if generator {
            let layout = self.generator_layout(g);
            Some(crate::generators::GenCx {
                layout,
                object: Operand::Const(Constant::new(ConstValue::Void, self.t.void)),
                stop: None,
                resumes: Vec::new(),
            })
        } else {
            None
        };
        let gen_ptr = gen.as_ref().map(|gen| gen.layout.ptr);
        let ll = Graph::new(&params);
        let entry = ll.entry;
        let mut cx = GraphCx {
            g,
            ll,
            vars: HashMap::new(),
            block: entry,
            raising_calls: Vec::new(),
            catching: false,
            loc: None,
            at: (fg.startblock, 0),
            name,
            func,
            ovf_sites: std::collections::HashSet::new(),
            gen,
        };
        cx.ovf_sites = self.ovfcheck_sites(g, &cx.name.clone());
        // One low-level block per reached flow block.
        // In a generator's body, every block also takes the object (its
        // entry dispatches to the start block).
        let mut blocks: HashMap<FlowBlock, Block> = HashMap::new();
        if !generator {
            blocks.insert(fg.startblock, entry);
        }
        let mut order: Vec<FlowBlock> = fg.blocks_reachable();
        order.retain(|b| reached.contains(b) && *b != fg.returnblock && *b != fg.exceptblock);
        for &b in &order {
            if blocks.contains_key(&b) {
                continue;
            }
            let mut types: Vec<TypeId> = fg.blocks[b]
                .inputs
                .iter()
                .map(|v| {
                    let r = self.var_repr(g, *v);
                    self.lltype(&r)
                })
                .collect();
            types.extend(gen_ptr);
            blocks.insert(b, cx.ll.new_block(&types));
        }
        let mut unreachable: Option<Block> = None;
        for &b in &order {
            let llb = blocks[&b];
            cx.block = llb;
            let params = cx.ll.blocks[llb].params.clone();
            if let (Some(gen), Some(p)) = (cx.gen.as_mut(), params.last()) {
                gen.object = Operand::Var(*p);
            }
            for (v, p) in fg.blocks[b].inputs.iter().zip(params) {
                cx.vars.insert(*v, Operand::Var(p));
                if let Some(name) = &fg.vars[*v].name {
                    cx.ll.vars[p].name = Some(name.clone());
                }
            }
            let nops = fg.blocks[b].ops.len();
            let mut dead = false;
            for (i, op) in fg.blocks[b].ops.iter().enumerate() {
                cx.loc = op.loc;
                cx.at = (b, i);
                cx.raising_calls.clear();
                cx.catching = i + 1 == nops && fg.blocks[b].exitswitch == ExitSwitch::LastException;
                let translated = if cx.gen.is_some() && op.kind == flowgraph::OpKind::Yield {
                    self.translate_yield(&mut cx, op)
                } else {
                    self.translate_op(&mut cx, op)
                };
                let value = match translated {
                    Ok(v) => v,
                    Err(e) if std::env::var_os("RPY_ALL_ERRORS").is_some() => {
                        self.errors.push(e);
                        let r = self.var_repr(g, op.result);
                        let t = self.lltype(&r);
                        let v = match self.m.types.as_prim(t) {
                            Some(lltype::Prim::Void) => ConstValue::Void,
                            Some(lltype::Prim::Bool) => ConstValue::Bool(false),
                            Some(lltype::Prim::Float) => ConstValue::Float(0),
                            Some(_) => ConstValue::Int(0),
                            None => ConstValue::Null,
                        };
                        Operand::Const(Constant::new(v, t))
                    }
                    Err(e) => return Err(e),
                };
                cx.vars.insert(op.result, value);
                // A call that never returns (the annotator found no
                // return value): what follows is never reached.
                let never = self.ann.graphs[g].bindings[op.result].is_impossible();
                let last_may_raise =
                    i + 1 == nops && fg.blocks[b].exitswitch == ExitSwitch::LastException;
                if never && !last_may_raise {
                    dead = true;
                    break;
                }
            }
            // A `yield` continues in a block of its own.
            let last = cx.block;
            if dead {
                cx.ll.blocks[last].exit = Exit::Unreachable;
                continue;
            }
            let data = &fg.blocks[b];
            let only_exit = data.exitswitch == ExitSwitch::None;
            let mut link_to = |rt: &mut Self,
                               cx: &mut GraphCx,
                               l: &flowgraph::Link<Value>,
                               extra: &HashMap<FlowVar, Operand>| {
                rt.emit_link(
                    cx,
                    &fg,
                    l,
                    &blocks,
                    extra,
                    result,
                    &mut unreachable,
                    only_exit,
                )
            };
            let exit = match data.exitswitch {
                ExitSwitch::None => {
                    let l = &data.exits[0];
                    link_to(self, &mut cx, l, &HashMap::new())?
                }
                ExitSwitch::Value(v) => {
                    let cond = self.operand_as(&mut cx, &FlowOperand::Var(v), &Repr::Bool)?;
                    let (mut if_false, mut if_true) = (None, None);
                    for l in &data.exits {
                        let target = link_to(self, &mut cx, l, &HashMap::new())?;
                        match l.exitcase {
                            ExitCase::Bool(true) => if_true = Some(target),
                            _ => if_false = Some(target),
                        }
                    }
                    let as_link = |e: Exit| match e {
                        Exit::Goto(l) => l,
                        _ => unreachable!("links become gotos"),
                    };
                    Exit::Branch {
                        cond,
                        if_true: as_link(if_true.expect("a true exit")),
                        if_false: as_link(if_false.expect("a false exit")),
                    }
                }
                ExitSwitch::LastException => {
                    let raises = !cx.raising_calls.is_empty();
                    let normal = link_to(self, &mut cx, &data.exits[0], &HashMap::new())?;
                    if !raises {
                        normal
                    } else {
                        let Exit::Goto(normal) = normal else {
                            unreachable!("links become gotos")
                        };
                        let mut handlers = Vec::new();
                        for l in &data.exits[1..] {
                            let class = match &l.exitcase {
                                ExitCase::Exception(Value::Ref(cls)) => {
                                    let c = self.ann.classdef(*cls);
                                    Some(self.vtable_constant(c))
                                }
                                _ => None,
                            };
                            let root = Repr::Instance(self.root_exception_class());
                            let root_ty = self.lltype(&root);
                            let etype = cx.ll.new_var(self.t.vtable_ptr, Some("etype"));
                            let evalue = cx.ll.new_var(root_ty, Some("evalue"));
                            let mut extra = HashMap::new();
                            if let Some(v) = l.last_exception {
                                extra.insert(v, Operand::Var(etype));
                            }
                            if let Some(v) = l.last_exc_value {
                                extra.insert(v, Operand::Var(evalue));
                            }
                            let Exit::Goto(link) = link_to(self, &mut cx, l, &extra)? else {
                                unreachable!("links become gotos")
                            };
                            handlers.push(Handler {
                                class,
                                etype,
                                evalue,
                                link,
                            });
                        }
                        Exit::Catch { normal, handlers }
                    }
                }
            };
            cx.ll.blocks[last].exit = exit;
            if data.exitswitch == ExitSwitch::LastException {
                split_after_raising_calls(&mut cx.ll, last, &cx.raising_calls);
            }
        }
        if cx.gen.is_some() {
            let start = blocks[&fg.startblock];
            self.generator_dispatch(&mut cx, entry, start);
        }
        Ok(cx.ll)
    }

    /// The representation of a flow variable.
    pub fn var_repr(&mut self, g: GraphId, v: FlowVar) -> Repr {
        let s = self.ann.graphs[g].bindings[v].clone();
        self.repr_of(&s)
    }

    /// The annotation of an operand.
    pub fn binding(&mut self, cx: &GraphCx, o: &FlowOperand) -> SomeValue {
        match o {
            FlowOperand::Var(v) => self.ann.graphs[cx.g].bindings[*v].clone(),
            FlowOperand::Const(_) => self.ann.operand(cx.g, o),
        }
    }

    /// The representation of an operand.
    pub fn operand_repr(&mut self, cx: &GraphCx, o: &FlowOperand) -> Repr {
        let s = self.binding(cx, o);
        self.repr_of(&s)
    }

    /// An operand's low-level value in the representation `want`.
    pub fn operand_as(
        &mut self,
        cx: &mut GraphCx,
        o: &FlowOperand,
        want: &Repr,
    ) -> Result<Operand, RtypeError> {
        match o {
            FlowOperand::Var(v) => {
                let have = self.var_repr(cx.g, *v);
                if let Some(c) = self.known_pbc_as(cx, o, &have, want)? {
                    return Ok(c);
                }
                let value =
                    cx.vars.get(v).cloned().ok_or_else(|| {
                        cx.error("internal: a variable used before its definition")
                    })?;
                self.convert(cx, value, &have, want)
            }
            FlowOperand::Const(c) => self.constant(cx, c, want),
        }
    }

    /// Converts a value between representations.
    pub fn convert(
        &mut self,
        cx: &mut GraphCx,
        value: Operand,
        from: &Repr,
        to: &Repr,
    ) -> Result<Operand, RtypeError> {
        if from == to {
            return Ok(value);
        }
        let from_ty = self.lltype(from);
        let to_ty = self.lltype(to);
        if from_ty == to_ty {
            return Ok(value);
        }
        let t = &self.t;
        let (signed, float, boolean) = (t.signed, t.float, t.bool);
        Ok(match (from, to) {
            (Repr::Bool, Repr::Int)
            | (Repr::Int, Repr::Uint)
            | (Repr::Uint, Repr::Int)
            | (Repr::Bool, Repr::Uint) => cx.emit(LlOp::CastPrimitive, vec![value], to_ty),
            (Repr::Int, Repr::Float) => cx.emit(LlOp::CastIntToFloat, vec![value], float),
            (Repr::Uint, Repr::Float) => cx.emit(LlOp::CastUintToFloat, vec![value], float),
            (Repr::Bool, Repr::Float) => {
                let i = cx.emit(LlOp::CastPrimitive, vec![value], signed);
                cx.emit(LlOp::CastIntToFloat, vec![i], float)
            }
            (Repr::Int, Repr::Bool) => cx.emit(LlOp::IntIsTrue, vec![value], boolean),
            (Repr::UniChar, Repr::Str) => {
                let f = self.char_to_str();
                self.call_in(cx, f, vec![value])
            }
            (Repr::Instance(_), Repr::Instance(_)) => {
                cx.emit(LlOp::CastPointer, vec![value], to_ty)
            }
            (Repr::Tuple(a), Repr::Tuple(b)) if a.len() == b.len() => {
                // Item by item, into a new tuple (a one-character str item
                // becomes a str, an int a float...).
                let (a, b) = (a.clone(), b.clone());
                let out = cx.emit(LlOp::Malloc, Vec::new(), to_ty);
                for (i, (x, y)) in a.iter().zip(&b).enumerate() {
                    let y_ty = self.lltype(y);
                    if self.is_void(y_ty) {
                        continue;
                    }
                    let x_ty = self.lltype(x);
                    let name = self.name_const(&format!("item{i}"));
                    let item = if self.is_void(x_ty) {
                        Operand::Const(Constant::new(ConstValue::Void, x_ty))
                    } else {
                        cx.emit(LlOp::GetField, vec![value.clone(), name.clone()], x_ty)
                    };
                    let item = self.convert(cx, item, x, y)?;
                    cx.emit(LlOp::SetField, vec![out.clone(), name, item], self.t.void);
                }
                out
            }
            (Repr::Void, _) if self.m.types.pointee(to_ty).is_some() => {
                Operand::Const(Constant::new(ConstValue::Null, to_ty))
            }
            (_, Repr::Void) => Operand::Const(Constant::new(ConstValue::Void, self.t.void)),
            _ if self.text_convert(cx, value.clone(), from, to).is_some() => {
                return Ok(self.text_convert(cx, value, from, to).expect("checked"));
            }
            _ => {
                return Err(cx.error(format!(
                    "not supported yet by the translator: converting {from_desc} to {to_desc}",
                    from_desc = self.describe_repr(&from),
                    to_desc = self.describe_repr(&to)
                )))
            }
        })
    }

    /// Calls a low-level function from the graph being translated.
    pub fn call_in(&mut self, cx: &mut GraphCx, f: lltype::FuncId, args: Vec<Operand>) -> Operand {
        let result = self.m.signature(f).1;
        let callee = crate::builder::func_ptr(&mut self.m, f);
        let mut all = vec![callee];
        all.extend(args);
        let r = cx.emit(LlOp::DirectCall, all, result);
        if cx.catching {
            cx.mark_raising();
        }
        r
    }

    /// Calls a function that may raise: the block's `catch`, if any,
    /// applies to it.
    pub fn call_raising(
        &mut self,
        cx: &mut GraphCx,
        f: lltype::FuncId,
        args: Vec<Operand>,
    ) -> Operand {
        let r = self.call_in(cx, f, args);
        cx.mark_raising();
        r
    }

    /// The exit passing a link's values to its target, converted.
    #[allow(clippy::too_many_arguments)]
    fn emit_link(
        &mut self,
        cx: &mut GraphCx,
        fg: &frontend::flowspace::Graph,
        l: &flowgraph::Link<Value>,
        blocks: &HashMap<FlowBlock, Block>,
        extra: &HashMap<FlowVar, Operand>,
        result: TypeId,
        unreachable: &mut Option<Block>,
        only_exit: bool,
    ) -> Result<Exit, RtypeError> {
        // Values and their representations, as the source has them.
        let mut values = Vec::new();
        for a in &l.args {
            let (value, repr) = match a {
                FlowOperand::Var(v) => {
                    let r = self.var_repr(cx.g, *v);
                    match extra.get(v).or_else(|| cx.vars.get(v)) {
                        Some(x) => {
                            let r = if extra.contains_key(v) {
                                if Some(*v) == l.last_exception {
                                    Repr::Class
                                } else {
                                    Repr::Instance(self.root_exception_class())
                                }
                            } else {
                                r
                            };
                            (Some(x.clone()), r)
                        }
                        None => (None, r),
                    }
                }
                FlowOperand::Const(_) => (None, Repr::Void),
            };
            values.push((a.clone(), value, repr));
        }
        let to_block = l.target != fg.returnblock && l.target != fg.exceptblock;
        // In a generator's body the object goes along to every block.
        let object = cx.gen.as_ref().map(|gen| gen.object.clone());
        let object = object.filter(|_| to_block);
        let target_reprs: Vec<Repr> = if l.target == fg.returnblock {
            let ret = self.ann.graphs[cx.g].return_value().clone();
            vec![self.repr_of(&ret)]
        } else if l.target == fg.exceptblock {
            vec![Repr::Class, Repr::Instance(self.root_exception_class())]
        } else {
            fg.blocks[l.target]
                .inputs
                .iter()
                .map(|v| self.var_repr(cx.g, *v))
                .collect()
        };
        // Conversions happen in a block of their own: the source block
        // may end in a branch or a catch.
        let mut src_types: Vec<TypeId> = values
            .iter()
            .filter_map(|(_, v, _)| v.as_ref().map(|v| cx.ll.operand_type(v)))
            .collect();
        src_types.extend(object.as_ref().map(|o| cx.ll.operand_type(o)));
        let mid = cx.ll.new_block(&src_types);
        let mid_params = cx.ll.blocks[mid].params.clone();
        let saved = (cx.block, std::mem::take(&mut cx.raising_calls));
        cx.block = mid;
        let mut args = Vec::new();
        let mut k = 0;
        for ((flow, value, repr), want) in values.iter().zip(&target_reprs) {
            let converted = match value {
                Some(_) => {
                    let p = Operand::Var(mid_params[k]);
                    k += 1;
                    match self.known_pbc_as(cx, flow, repr, want)? {
                        Some(c) => c,
                        None => self.convert(cx, p, repr, want)?,
                    }
                }
                None => match flow {
                    FlowOperand::Const(c) => self.constant(cx, c, want)?,
                    FlowOperand::Var(_) => {
                        return Err(cx.error("internal: a link passes an undefined variable"))
                    }
                },
            };
            args.push(converted);
        }
        if object.is_some() {
            args.push(Operand::Var(*mid_params.last().expect("the object")));
        }
        let exit = if l.target == fg.returnblock && cx.gen.is_some() {
            // Returning from a generator finishes it.
            let stop = self.generator_stop_block(cx);
            Exit::Goto(Link {
                target: stop,
                args: Vec::new(),
            })
        } else if l.target == fg.returnblock {
            let v = args.pop().expect("one value");
            let v = if self.is_void(result) {
                Operand::Const(Constant::new(ConstValue::Void, result))
            } else {
                v
            };
            Exit::Return(v)
        } else if l.target == fg.exceptblock {
            let evalue = args.pop().expect("two values");
            let etype = args.pop().expect("two values");
            Exit::Raise { etype, evalue }
        } else {
            match blocks.get(&l.target) {
                Some(&target) => Exit::Goto(Link { target, args }),
                None => {
                    let b = *unreachable.get_or_insert_with(|| {
                        let b = cx.ll.new_block(&[]);
                        cx.ll.blocks[b].exit = Exit::Unreachable;
                        b
                    });
                    Exit::Goto(Link {
                        target: b,
                        args: Vec::new(),
                    })
                }
            }
        };
        (cx.block, cx.raising_calls) = saved;
        let mut passed: Vec<Operand> = values.into_iter().filter_map(|(_, v, _)| v).collect();
        passed.extend(object);
        let direct_ok = matches!(exit, Exit::Goto(_)) || only_exit;
        if cx.ll.blocks[mid].ops.is_empty() && direct_ok {
            // No conversion needed an operation: jump straight there.
            let subst = |o: Operand| match o {
                Operand::Var(v) => match mid_params.iter().position(|p| *p == v) {
                    Some(i) => passed[i].clone(),
                    None => Operand::Var(v),
                },
                c => c,
            };
            return Ok(match exit {
                Exit::Goto(Link { target, args }) => Exit::Goto(Link {
                    target,
                    args: args.into_iter().map(subst).collect(),
                }),
                Exit::Return(v) => Exit::Return(subst(v)),
                Exit::Raise { etype, evalue } => Exit::Raise {
                    etype: subst(etype),
                    evalue: subst(evalue),
                },
                other => other,
            });
        }
        cx.ll.blocks[mid].exit = exit;
        Ok(Exit::Goto(Link {
            target: mid,
            args: passed,
        }))
    }

    /// The root of the exception hierarchy (`BaseException`).
    pub fn root_exception_class(&mut self) -> annotator::ClassId {
        let c = self
            .builtin_class("BaseException")
            .expect("BaseException exists in the host");
        c
    }
}

/// Gives every call that may raise of a block ending in a `catch` the
/// block's handlers: the block is split after each of those calls
/// (`calls`, indices of its operations in order), each part ending in a
/// `catch` with copies of the handlers whose normal link goes on to the
/// next part, and what follows the last call goes with the normal link.
/// One high-level operation may become several calls that may raise (a
/// generator's items collected, then summed), and the `try` around it
/// applies to each.
fn split_after_raising_calls(g: &mut Graph, block: Block, calls: &[usize]) {
    let Exit::Catch { normal, handlers } = g.blocks[block].exit.clone() else {
        return;
    };
    let Some(&last_call) = calls.last() else {
        return;
    };
    if calls.len() == 1 && last_call + 1 == g.blocks[block].ops.len() {
        return;
    }
    // The current copy of each variable of the original block.
    let mut copies: HashMap<Var, Var> = HashMap::new();
    let current = |copies: &HashMap<Var, Var>, o: &Operand| match o {
        Operand::Var(v) => Operand::Var(*copies.get(v).unwrap_or(v)),
        c => c.clone(),
    };
    let mut normal = normal;
    let mut part = block;
    let mut done = 0;
    for (k, &call) in calls.iter().enumerate() {
        let is_last = k + 1 == calls.len();
        let tail = g.blocks[part].ops.split_off(call + 1 - done);
        done = call + 1;
        // This part's handlers: copies with exception variables of their
        // own, reading this part's copies.
        let mut own = Vec::new();
        for h in &handlers {
            let (etype, evalue) = if part == block {
                (h.etype, h.evalue)
            } else {
                let (te, tv) = (g.vars[h.etype].ty, g.vars[h.evalue].ty);
                (g.new_var(te, Some("etype")), g.new_var(tv, Some("evalue")))
            };
            let mut exc = copies.clone();
            exc.insert(h.etype, etype);
            exc.insert(h.evalue, evalue);
            let args = h.link.args.iter().map(|a| current(&exc, a)).collect();
            own.push(Handler {
                class: h.class.clone(),
                etype,
                evalue,
                link: Link {
                    target: h.link.target,
                    args,
                },
            });
        }
        if is_last && tail.is_empty() {
            g.blocks[part].exit = Exit::Catch {
                normal,
                handlers: own,
            };
            return;
        }
        // What the rest reads of this part's variables goes along.
        let mut defined: Vec<Var> = g.blocks[part].params.clone();
        defined.extend(g.blocks[part].ops.iter().map(|op| op.result));
        let mut reads: Vec<Var> = Vec::new();
        let mut read = |o: &Operand| {
            if let Operand::Var(v) = o {
                if defined.contains(v) && !reads.contains(v) {
                    reads.push(*v);
                }
            }
        };
        tail.iter().flat_map(|op| &op.args).for_each(&mut read);
        normal.args.iter().for_each(&mut read);
        if !is_last {
            for h in &handlers {
                for a in &h.link.args {
                    read(&current(&copies, a));
                }
            }
        }
        let types: Vec<TypeId> = reads.iter().map(|v| g.vars[*v].ty).collect();
        let next = g.new_block(&types);
        let params = g.blocks[next].params.clone();
        let renamed: HashMap<Var, Var> =
            reads.iter().copied().zip(params.iter().copied()).collect();
        for (p, v) in params.iter().zip(&reads) {
            g.vars[*p].name = g.vars[*v].name.clone();
        }
        g.blocks[part].exit = Exit::Catch {
            normal: Link {
                target: next,
                args: reads.iter().map(|v| Operand::Var(*v)).collect(),
            },
            handlers: own,
        };
        let rename = |o: &Operand| current(&renamed, o);
        let mut tail = tail;
        for op in &mut tail {
            op.args = op.args.iter().map(rename).collect();
        }
        normal.args = normal.args.iter().map(rename).collect();
        for v in copies.values_mut() {
            if let Some(n) = renamed.get(v) {
                *v = *n;
            }
        }
        for (v, n) in &renamed {
            copies.entry(*v).or_insert(*n);
        }
        g.blocks[next].ops = tail;
        part = next;
        if is_last {
            g.blocks[next].exit = Exit::Goto(normal);
            return;
        }
    }
}
