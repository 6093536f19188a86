//! Building one function's flow graph: blocks, joins, forks and exception
//! edges around the generic instruction loop.

use super::{FlowError, FlowExc, FlowValue, Graph};
use crate::bytecode::{CodeObject, Instr};
use crate::diag::Diagnostic;
use crate::host::interp::{enter_handler, step, ForkOn, Frame, Namespace, Step};
use crate::host::object::Object;
use crate::host::{ObjRef, Value, Vm};
use crate::source::FileId;
use flowgraph::{Block, ExitCase, ExitSwitch, Link, Loc, OpKind, Operand, Var};
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::Arc;

/// Graphs larger than this are refused (a loop that never stabilises would
/// otherwise run forever).
const MAX_BLOCKS: usize = 20_000;

/// The state of a graph under construction; also the flow [`Space`].
///
/// [`Space`]: crate::host::interp::Space
pub(super) struct Builder<'vm> {
    pub(super) vm: &'vm mut Vm,
    pub(super) graph: Graph,
    /// The block whose operations are being recorded.
    current: Block,
    /// The file of the function's code (operations' locations name it).
    file: FileId,
    /// The index of the instruction being interpreted: operations record it
    /// as their location, so graphs do not depend on where the text sits.
    pc: u32,
    /// Set when the current instruction recorded an operation that can raise.
    raised_op: bool,
    /// Blocks waiting to be flowed, with their entry states.
    pending: VecDeque<(Block, Frame<FlowValue>)>,
    /// For each join point (a jump target), the blocks starting there.
    joinpoints: HashMap<u32, Vec<(Block, Frame<FlowValue>)>>,
    join_pcs: HashSet<u32>,
    /// Blocks replaced by more general ones: they forward to the new block.
    forwards: Vec<(Block, Link<Value>)>,
    dead: HashSet<Block>,
    function: String,
}

/// Builds the flow graph of a Python function object.
pub fn build_flow_graph(vm: &mut Vm, func: ObjRef) -> Result<Graph, Diagnostic> {
    let Object::Function(f) = vm.heap.get(func) else {
        return Err(Diagnostic::error("not a Python function"));
    };
    let code = f.code.clone();
    build_flow_graph_relocatable(vm, func).map_err(|e| e.to_diagnostic(&code))
}

/// Like [`build_flow_graph`], with the error kept free of text positions
/// (what the incremental database caches).
pub fn build_flow_graph_relocatable(vm: &mut Vm, func: ObjRef) -> Result<Graph, FlowError> {
    let Object::Function(f) = vm.heap.get(func) else {
        return Err(FlowError {
            pc: None,
            message: "not a Python function".into(),
            function: String::new(),
        });
    };
    let (code, module, closure, qualname) = (
        f.code.clone(),
        f.module,
        f.closure.clone(),
        f.qualname.to_string(),
    );
    // A function defined at run time (a template: no cells of its own)
    // receives the values it captured as leading arguments.
    let captured: Vec<String> = if closure.len() < code.freevars.len() {
        code.freevars.iter().map(|n| n.to_string()).collect()
    } else {
        Vec::new()
    };
    let nargs = code.total_args() as usize;
    let arg_names: Vec<String> = captured
        .iter()
        .cloned()
        .chain(code.varnames[..nargs].iter().map(|n| n.to_string()))
        .collect();
    let graph = Graph::new(qualname.clone(), arg_names);
    let (captured_args, params) = graph.args.split_at(captured.len());
    let mut cells: Vec<FlowValue> = code
        .cell2arg
        .iter()
        .map(|arg| match arg {
            Some(a) => FlowValue::Var(params[*a as usize]),
            None => FlowValue::Unbound,
        })
        .collect();
    if captured.is_empty() {
        cells.extend(closure.iter().map(|&c| FlowValue::Const(Value::Ref(c))));
    } else {
        cells.extend(captured_args.iter().map(|&v| FlowValue::Var(v)));
    }
    let mut frame = Frame::new(code.clone(), module, Namespace::None, cells);
    for (i, &arg) in params.iter().enumerate() {
        frame.locals[i] = Some(FlowValue::Var(arg));
    }
    let start = graph.startblock;
    let mut builder = Builder {
        vm,
        graph,
        current: start,
        file: code.def_span.file,
        pc: 0,
        raised_op: false,
        pending: VecDeque::from([(start, frame)]),
        joinpoints: HashMap::new(),
        join_pcs: join_points(&code),
        forwards: Vec::new(),
        dead: HashSet::new(),
        function: qualname,
    };
    while let Some((block, frame)) = builder.pending.pop_front() {
        if builder.dead.contains(&block) {
            continue;
        }
        if builder.graph.blocks.len() > MAX_BLOCKS {
            return Err(FlowError {
                pc: None,
                message: format!(
                    "the flow graph of `{}` grows without bound",
                    builder.function
                ),
                function: builder.function.clone(),
            });
        }
        builder.flow_block(block, frame).map_err(|e| match e {
            FlowExc::Error(e) => *e,
            FlowExc::Raise { .. } => unreachable!("raises are turned into links"),
        })?;
    }
    let mut graph = builder.graph;
    flowgraph::simplify_graph(&mut graph);
    Ok(graph)
}

/// Instruction indexes where control flow joins: every jump target.
fn join_points(code: &CodeObject) -> HashSet<u32> {
    code.instrs
        .iter()
        .filter_map(|i| match *i {
            Instr::Jump(t)
            | Instr::PopJumpIfFalse(t)
            | Instr::PopJumpIfTrue(t)
            | Instr::JumpIfFalseOrPop(t)
            | Instr::JumpIfTrueOrPop(t)
            | Instr::ForIter(t)
            | Instr::SetupExcept(t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A frame state flattened for merging: locals, cells, then the stack.
/// Unbound locals and cells are `None`.
fn slots(frame: &Frame<FlowValue>) -> Vec<Option<FlowValue>> {
    let cells = frame.cells.iter().map(|c| match c {
        FlowValue::Unbound => None,
        v => Some(v.clone()),
    });
    frame
        .locals
        .iter()
        .cloned()
        .chain(cells)
        .chain(frame.stack.iter().cloned().map(Some))
        .collect()
}

fn with_slots(template: &Frame<FlowValue>, slots: Vec<Option<FlowValue>>) -> Frame<FlowValue> {
    let (nlocals, ncells) = (template.locals.len(), template.cells.len());
    let mut frame = template.clone();
    let mut it = slots.into_iter();
    frame.locals = it.by_ref().take(nlocals).collect();
    frame.cells = it
        .by_ref()
        .take(ncells)
        .map(|c| c.unwrap_or(FlowValue::Unbound))
        .collect();
    frame.stack = it
        .map(|v| v.expect("stack slots are always bound"))
        .collect();
    frame
}

/// The variable name for slot `i` of a frame's state (locals and cells).
fn slot_name(frame: &Frame<FlowValue>, i: usize) -> Option<String> {
    let nlocals = frame.locals.len();
    if i < nlocals {
        Some(frame.code.varnames[i].to_string())
    } else if i < nlocals + frame.cells.len() {
        Some(frame.code.cell_name((i - nlocals) as u32).to_string())
    } else {
        None
    }
}

/// Whether two states are at the same place with the same shape.
fn same_shape(a: &Frame<FlowValue>, b: &Frame<FlowValue>) -> bool {
    a.pc == b.pc && a.stack.len() == b.stack.len() && a.handlers == b.handlers
}

impl Builder<'_> {
    /// A diagnostic at the current instruction.
    pub(super) fn error(&self, message: &str) -> FlowExc {
        FlowExc::Error(Box::new(FlowError {
            pc: Some(self.pc),
            message: message.to_string(),
            function: self.function.clone(),
        }))
    }

    /// Records an operation in the current block.
    pub(super) fn record(
        &mut self,
        kind: OpKind,
        args: Vec<FlowValue>,
    ) -> Result<FlowValue, FlowExc> {
        let operands = args
            .into_iter()
            .map(|a| self.operand(a))
            .collect::<Result<Vec<_>, _>>()?;
        if kind.can_raise() {
            self.raised_op = true;
        }
        let loc = self.here();
        Ok(FlowValue::Var(self.graph.push_op(
            self.current,
            kind,
            operands,
            Some(loc),
        )))
    }

    /// The location of the instruction being interpreted.
    fn here(&self) -> Loc {
        Loc {
            file: self.file.0,
            start: self.pc,
            end: self.pc,
        }
    }

    fn operand(&self, v: FlowValue) -> Result<Operand<Value>, FlowExc> {
        match v {
            FlowValue::Var(v) => Ok(Operand::Var(v)),
            FlowValue::Const(c) => Ok(Operand::Const(c)),
            FlowValue::ConstIter(..) => {
                Err(self.error("an iterator over constants is used as a value"))
            }
            FlowValue::Unbound => Err(self.error("an unassigned variable is used as a value")),
        }
    }

    /// The items of an `unrolling_iterable` constant, if `v` is one.
    pub(super) fn unrolling_items(&self, v: &FlowValue) -> Option<Arc<[Value]>> {
        let FlowValue::Const(Value::Ref(r)) = v else {
            return None;
        };
        let Object::Instance(inst) = self.vm.heap.get(*r) else {
            return None;
        };
        let Object::Class(cls) = self.vm.heap.get(inst.class) else {
            return None;
        };
        if cls.name.as_str() != "unrolling_iterable" {
            return None;
        }
        match inst.dict.get(&crate::host::PyStr::new("_items")) {
            Some(Value::Tuple(items)) => Some(items.clone()),
            _ => None,
        }
    }

    /// Interprets from the entry state of `block` until the block ends.
    fn flow_block(&mut self, block: Block, mut frame: Frame<FlowValue>) -> Result<(), FlowExc> {
        self.current = block;
        let mut first = true;
        loop {
            if !first && self.join_pcs.contains(&frame.pc) {
                let link = self.link_to(frame)?;
                return self.close(ExitSwitch::None, vec![link]);
            }
            first = false;
            self.pc = frame.pc;
            self.raised_op = false;
            let snapshot = (!frame.handlers.is_empty()).then(|| frame.clone());
            match step(self, &mut frame) {
                Step::Continue => {
                    let last_raises = self.graph.blocks[block]
                        .ops
                        .last()
                        .is_some_and(|op| op.kind.can_raise());
                    if let (true, true, Some(snapshot)) = (self.raised_op, last_raises, snapshot) {
                        let normal = self.link_to(frame)?;
                        let exc = self.exception_link(snapshot)?;
                        return self.close(ExitSwitch::LastException, vec![normal, exc]);
                    }
                }
                Step::Yield(v) => {
                    self.record(OpKind::Yield, vec![v])?;
                }
                Step::Return(v) => {
                    let link = Link::new(self.graph.returnblock, vec![self.operand(v)?]);
                    return self.close(ExitSwitch::None, vec![link]);
                }
                Step::Raise(FlowExc::Error(d)) => return Err(FlowExc::Error(d)),
                Step::Raise(FlowExc::Raise { etype, value }) => {
                    if enter_handler(&mut frame, value.clone()) {
                        continue;
                    }
                    let args = vec![self.operand(etype)?, self.operand(value)?];
                    let link = Link::new(self.graph.exceptblock, args);
                    return self.close(ExitSwitch::None, vec![link]);
                }
                Step::Fork {
                    on: ForkOn::Bool(cond),
                    if_true,
                    if_false,
                } => {
                    let FlowValue::Var(cond) = cond else {
                        unreachable!("forks are on variables")
                    };
                    let mut no = self.link_to(*if_false)?;
                    no.exitcase = ExitCase::Bool(false);
                    let mut yes = self.link_to(*if_true)?;
                    yes.exitcase = ExitCase::Bool(true);
                    return self.close(ExitSwitch::Value(cond), vec![no, yes]);
                }
                Step::Fork {
                    on: ForkOn::Iteration,
                    if_true,
                    if_false,
                } => {
                    let more = self.link_to(*if_true)?;
                    let mut done = self.link_to(*if_false)?;
                    done.exitcase = ExitCase::Exception(Value::Ref(self.vm.types.stop_iteration));
                    let mut exits = vec![more, done];
                    if let Some(snapshot) = snapshot {
                        exits.push(self.exception_link(snapshot)?);
                    }
                    return self.close(ExitSwitch::LastException, exits);
                }
            }
        }
    }

    /// Closes the current block, then turns replaced blocks into forwards.
    /// The exits are located at the last instruction interpreted.
    fn close(&mut self, switch: ExitSwitch, exits: Vec<Link<Value>>) -> Result<(), FlowExc> {
        let here = self.here();
        let exits = exits.into_iter().map(|l| l.at(Some(here))).collect();
        self.graph.close_block(self.current, switch, exits);
        for (old, link) in std::mem::take(&mut self.forwards) {
            self.graph.clear_block(old);
            self.graph.reclose_block(old, ExitSwitch::None, vec![link]);
            self.dead.insert(old);
        }
        Ok(())
    }

    /// The exception exit of the current block: to the innermost handler of
    /// `before` (the state before the raising instruction), passing the
    /// exception instance the link binds.
    fn exception_link(&mut self, mut before: Frame<FlowValue>) -> Result<Link<Value>, FlowExc> {
        let etype = self.graph.new_var(Some("last_exception"));
        let evalue = self.graph.new_var(Some("last_exc_value"));
        enter_handler(&mut before, FlowValue::Var(evalue));
        let mut link = self.link_to(before)?;
        link.exitcase = ExitCase::Exception(Value::Ref(self.vm.types.exception));
        link.last_exception = Some(etype);
        link.last_exc_value = Some(evalue);
        Ok(link)
    }

    /// A link to a block that continues from `frame`: an existing block at a
    /// join point when one fits, else a new (possibly generalised) block.
    fn link_to(&mut self, frame: Frame<FlowValue>) -> Result<Link<Value>, FlowExc> {
        let pc = frame.pc;
        if !self.join_pcs.contains(&pc) {
            let (block, entry, args) = self.fresh_block(&frame);
            self.pending.push_back((block, entry));
            return Ok(Link::new(block, args));
        }
        let candidates = self.joinpoints.get(&pc).cloned().unwrap_or_default();
        for (block, state) in &candidates {
            if let Some(args) = self.matches(*block, state, &frame) {
                return Ok(Link::new(*block, args));
            }
        }
        for (i, (block, state)) in candidates.iter().enumerate() {
            if let Some((general, inputs, old_args, new_args)) = self.union(state, &frame) {
                let new_block = self.graph.new_block(inputs);
                self.forwards.push((*block, Link::new(new_block, old_args)));
                self.dead.insert(*block);
                self.pending.push_back((new_block, general.clone()));
                self.joinpoints.get_mut(&pc).expect("candidates exist")[i] = (new_block, general);
                if *block != self.current {
                    // Not the block being recorded: forward it right away.
                    let (old, link) = self.forwards.pop().expect("just pushed");
                    self.graph.clear_block(old);
                    self.graph.reclose_block(old, ExitSwitch::None, vec![link]);
                }
                return Ok(Link::new(new_block, new_args));
            }
        }
        let (block, entry, args) = self.fresh_block(&frame);
        self.pending.push_back((block, entry.clone()));
        self.joinpoints.entry(pc).or_default().push((block, entry));
        Ok(Link::new(block, args))
    }

    /// A new block entered with `frame`'s values: every distinct variable
    /// becomes a fresh input variable. Returns the block, its entry state and
    /// the link arguments.
    fn fresh_block(
        &mut self,
        frame: &Frame<FlowValue>,
    ) -> (Block, Frame<FlowValue>, Vec<Operand<Value>>) {
        let mut renamed: HashMap<Var, Var> = HashMap::new();
        let mut inputs = Vec::new();
        let mut args = Vec::new();
        let new_slots: Vec<Option<FlowValue>> = slots(frame)
            .into_iter()
            .enumerate()
            .map(|(i, slot)| match slot {
                Some(FlowValue::Var(v)) => {
                    let fresh = *renamed.entry(v).or_insert_with(|| {
                        let hint = slot_name(frame, i).or_else(|| self.graph.vars[v].name.clone());
                        let fresh = self.graph.new_var(hint.as_deref());
                        inputs.push(fresh);
                        args.push(Operand::Var(v));
                        fresh
                    });
                    Some(FlowValue::Var(fresh))
                }
                other => other,
            })
            .collect();
        let block = self.graph.new_block(inputs);
        (block, with_slots(frame, new_slots), args)
    }

    /// If `state` (the entry state of `block`) is at least as general as
    /// `frame`, the link arguments that enter `block` from `frame`.
    fn matches(
        &self,
        block: Block,
        state: &Frame<FlowValue>,
        frame: &Frame<FlowValue>,
    ) -> Option<Vec<Operand<Value>>> {
        if !same_shape(state, frame) {
            return None;
        }
        let mut bound: HashMap<Var, FlowValue> = HashMap::new();
        for (s, f) in slots(state).into_iter().zip(slots(frame)) {
            match (s, f) {
                (None, _) => {}
                (Some(FlowValue::Var(v)), Some(f)) => {
                    if matches!(f, FlowValue::ConstIter(..)) {
                        return None;
                    }
                    match bound.get(&v) {
                        Some(prev) if *prev != f => return None,
                        _ => {
                            bound.insert(v, f);
                        }
                    }
                }
                (Some(s), Some(f)) if s == f => {}
                _ => return None,
            }
        }
        self.graph.blocks[block]
            .inputs
            .iter()
            .map(|v| match bound.get(v)? {
                FlowValue::Var(x) => Some(Operand::Var(*x)),
                FlowValue::Const(c) => Some(Operand::Const(c.clone())),
                FlowValue::ConstIter(..) | FlowValue::Unbound => None,
            })
            .collect()
    }

    /// Generalises two states at one join point: equal constants stay,
    /// everything else becomes a fresh variable. Returns the general state,
    /// its input variables, and the link arguments from each of the two.
    #[allow(clippy::type_complexity)]
    fn union(
        &mut self,
        state: &Frame<FlowValue>,
        frame: &Frame<FlowValue>,
    ) -> Option<(
        Frame<FlowValue>,
        Vec<Var>,
        Vec<Operand<Value>>,
        Vec<Operand<Value>>,
    )> {
        if !same_shape(state, frame) {
            return None;
        }
        let (a, b) = (slots(state), slots(frame));
        // Iterators over constants never generalise (unrolled loops).
        for (x, y) in a.iter().zip(&b) {
            let unrolled = matches!(x, Some(FlowValue::ConstIter(..)))
                || matches!(y, Some(FlowValue::ConstIter(..)));
            if unrolled && x != y {
                return None;
            }
        }
        let (mut inputs, mut old_args, mut new_args) = (Vec::new(), Vec::new(), Vec::new());
        let mut pairs: HashMap<(Operand<Value>, Operand<Value>), Var> = HashMap::new();
        let mut general = Vec::with_capacity(a.len());
        for (i, (x, y)) in a.into_iter().zip(b).enumerate() {
            let slot = match (x, y) {
                (None, _) | (_, None) => None,
                (Some(x), Some(y)) if x == y && !matches!(x, FlowValue::Var(_)) => Some(x),
                (Some(x), Some(y)) => {
                    let (ox, oy) = (self.operand(x).ok()?, self.operand(y).ok()?);
                    let var = match pairs.get(&(ox.clone(), oy.clone())) {
                        Some(&v) => v,
                        None => {
                            let hint = slot_name(state, i);
                            let v = self.graph.new_var(hint.as_deref());
                            inputs.push(v);
                            old_args.push(ox.clone());
                            new_args.push(oy.clone());
                            pairs.insert((ox, oy), v);
                            v
                        }
                    };
                    Some(FlowValue::Var(var))
                }
            };
            general.push(slot);
        }
        Some((with_slots(state, general), inputs, old_args, new_args))
    }
}
