//! The graph model: blocks, variables, operations and links.
//!
//! A [`FlowGraph`] is a set of basic blocks in SSA form, in the style of
//! PyPy's `rpython/flowspace/model.py`. Every entity lives in an arena of the
//! graph and is named by a `u32` id ([`Block`], [`Var`]), so side tables kept
//! by later passes (annotations, low-level types, positions) are
//! `SecondaryMap`s indexed by the same ids.
//!
//! The invariants (each variable defined once, and used only in the block
//! that defines it or on that block's exit links; link arities; the shape of
//! the exits for each kind of [`ExitSwitch`]) are stated on the types below
//! and enforced by [`check_graph`](crate::check_graph). The construction
//! methods do not check them, because the flow space builds blocks
//! piecemeal.
//!
//! Blocks are never removed from the arena: a block that no link reaches any
//! more is simply dead, and [`FlowGraph::blocks_reachable`] is the canonical
//! way to walk the live part of a graph.

use cranelift_entity::{entity_impl, PrimaryMap, SecondaryMap};
use std::collections::HashMap;

use crate::op::OpKind;

/// A basic block of a graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(u32);
entity_impl!(Block, "block");

/// A variable of a graph, defined exactly once.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(u32);
entity_impl!(Var, "v");

/// An opaque source position, converted from the frontend's spans.
///
/// The graph never interprets it; printers take a callback to render it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// The source file, as the frontend numbers them.
    pub file: u32,
    /// Byte offset of the start of the range.
    pub start: u32,
    /// Byte offset of the end of the range.
    pub end: u32,
}

/// What is known about a variable besides its id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VarData {
    /// A naming hint such as the Python variable it holds; printers show a
    /// variable as `x_3` with a hint and `v3` without one.
    pub name: Option<String>,
}

/// An operation argument or link argument: a variable or a constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand<C> {
    /// A variable of the graph.
    Var(Var),
    /// A constant of the caller's constant type.
    Const(C),
}

impl<C> Operand<C> {
    /// The variable, if this operand is one.
    pub fn as_var(&self) -> Option<Var> {
        match self {
            Operand::Var(v) => Some(*v),
            Operand::Const(_) => None,
        }
    }

    /// The constant, if this operand is one.
    pub fn as_const(&self) -> Option<&C> {
        match self {
            Operand::Var(_) => None,
            Operand::Const(c) => Some(c),
        }
    }
}

impl<C> From<Var> for Operand<C> {
    fn from(v: Var) -> Self {
        Operand::Var(v)
    }
}

/// One operation of a block: `result = kind(args...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation<C> {
    /// What the operation does.
    pub kind: OpKind,
    /// Its arguments, as many as the kind's arity allows.
    pub args: Vec<Operand<C>>,
    /// The variable it defines.
    pub result: Var,
    /// Where in the source it comes from, if known.
    pub loc: Option<Loc>,
}

/// How a block chooses among its exits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExitSwitch {
    /// No choice: exactly one exit, or none for the return and except blocks.
    None,
    /// A boolean switch on a variable defined in the block: exactly two
    /// exits, with exit cases `Bool(false)` then `Bool(true)`.
    Value(Var),
    /// The block's last operation may raise. The first exit, with exit case
    /// `None`, is taken when it does not; the others have exit cases
    /// `Exception(cls)` and are tried in order, the first whose class
    /// matches the raised exception wins.
    LastException,
}

/// The condition under which a link is followed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ExitCase<C> {
    /// The only exit, or the normal exit of a `LastException` block.
    None,
    /// One side of a boolean switch.
    Bool(bool),
    /// An exception handler: the constant is the exception class caught.
    Exception(C),
}

/// An edge from a block to another, passing values for its inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link<C> {
    /// The block jumped to.
    pub target: Block,
    /// One value per input of the target block.
    pub args: Vec<Operand<C>>,
    /// When the link is followed.
    pub exitcase: ExitCase<C>,
    /// On an exception link, a variable defined by the link holding the
    /// class of the exception caught; it may be used in `args`.
    pub last_exception: Option<Var>,
    /// On an exception link, a variable defined by the link holding the
    /// exception instance caught; it may be used in `args`.
    pub last_exc_value: Option<Var>,
    /// Where in the source the link is taken (the last instruction of its
    /// source block), if known: diagnostics cite it for the values the
    /// link passes, such as a constant assigned just before a join.
    pub loc: Option<Loc>,
}

impl<C> Link<C> {
    /// A link with exit case `None` and no exception variables.
    pub fn new(target: Block, args: Vec<Operand<C>>) -> Self {
        Link::with_case(target, args, ExitCase::None)
    }

    /// A link with the given exit case and no exception variables.
    pub fn with_case(target: Block, args: Vec<Operand<C>>, exitcase: ExitCase<C>) -> Self {
        Link {
            target,
            args,
            exitcase,
            last_exception: None,
            last_exc_value: None,
            loc: None,
        }
    }

    /// An exception link catching `cls`, binding the caught exception's
    /// class and value to the given variables.
    pub fn catch(
        target: Block,
        args: Vec<Operand<C>>,
        cls: C,
        last_exception: Option<Var>,
        last_exc_value: Option<Var>,
    ) -> Self {
        Link {
            target,
            args,
            exitcase: ExitCase::Exception(cls),
            last_exception,
            last_exc_value,
            loc: None,
        }
    }

    /// The same link, located at `loc`.
    pub fn at(mut self, loc: Option<Loc>) -> Self {
        self.loc = loc;
        self
    }

    /// The variables this link defines (its exception variables).
    pub fn bound_vars(&self) -> impl Iterator<Item = Var> {
        self.last_exception.into_iter().chain(self.last_exc_value)
    }
}

/// The contents of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockData<C> {
    /// The variables the block receives from each incoming link.
    pub inputs: Vec<Var>,
    /// The operations, in execution order.
    pub ops: Vec<Operation<C>>,
    /// How the exit is chosen.
    pub exitswitch: ExitSwitch,
    /// The outgoing links, in the order the exit switch prescribes.
    pub exits: Vec<Link<C>>,
}

impl<C> BlockData<C> {
    /// An open block with these inputs and nothing else.
    pub fn new(inputs: Vec<Var>) -> Self {
        BlockData {
            inputs,
            ops: Vec::new(),
            exitswitch: ExitSwitch::None,
            exits: Vec::new(),
        }
    }
}

/// A function body as a graph of blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowGraph<C> {
    /// The function's name, for dumps and diagnostics.
    pub name: String,
    /// Every block ever created; some may be dead (unreachable).
    pub blocks: PrimaryMap<Block, BlockData<C>>,
    /// Every variable ever created.
    pub vars: PrimaryMap<Var, VarData>,
    /// The entry block; its inputs are `args`.
    pub startblock: Block,
    /// The block a function returns through: one input (the return value),
    /// no operations, no exits.
    pub returnblock: Block,
    /// The block a function raises through: two inputs (the exception class
    /// and the exception value), no operations, no exits.
    pub exceptblock: Block,
    /// The function's parameters, equal to the start block's inputs.
    pub args: Vec<Var>,
}

impl<C> FlowGraph<C> {
    /// A graph with an empty, open start block taking one variable per
    /// argument name, and the return and except blocks.
    pub fn new<S: AsRef<str>>(
        name: impl Into<String>,
        arg_names: impl IntoIterator<Item = S>,
    ) -> Self {
        let mut graph = FlowGraph {
            name: name.into(),
            blocks: PrimaryMap::new(),
            vars: PrimaryMap::new(),
            startblock: Block(0),
            returnblock: Block(0),
            exceptblock: Block(0),
            args: Vec::new(),
        };
        let args: Vec<Var> = arg_names
            .into_iter()
            .map(|n| graph.new_var(Some(n.as_ref())))
            .collect();
        graph.startblock = graph.new_block(args.clone());
        graph.args = args;
        let result = graph.new_var(None);
        graph.returnblock = graph.new_block(vec![result]);
        let etype = graph.new_var(Some("etype"));
        let evalue = graph.new_var(Some("evalue"));
        graph.exceptblock = graph.new_block(vec![etype, evalue]);
        graph
    }

    /// A fresh variable with an optional naming hint.
    pub fn new_var(&mut self, hint: Option<&str>) -> Var {
        self.vars.push(VarData {
            name: hint.map(str::to_string),
        })
    }

    /// A fresh variable with the same naming hint as `v`.
    pub fn copy_var(&mut self, v: Var) -> Var {
        let data = self.vars[v].clone();
        self.vars.push(data)
    }

    /// A fresh open block with these inputs.
    pub fn new_block(&mut self, inputs: Vec<Var>) -> Block {
        self.blocks.push(BlockData::new(inputs))
    }

    /// Appends `kind(args)` to a block and returns the fresh result variable.
    pub fn push_op(
        &mut self,
        block: Block,
        kind: OpKind,
        args: Vec<Operand<C>>,
        loc: Option<Loc>,
    ) -> Var {
        let result = self.new_var(None);
        self.blocks[block].ops.push(Operation {
            kind,
            args,
            result,
            loc,
        });
        result
    }

    /// Sets the exits of an open block.
    pub fn close_block(&mut self, block: Block, exitswitch: ExitSwitch, exits: Vec<Link<C>>) {
        debug_assert!(
            self.blocks[block].exits.is_empty(),
            "{block} is already closed"
        );
        self.reclose_block(block, exitswitch, exits);
    }

    /// Replaces the exits of a block, closed or not.
    pub fn reclose_block(&mut self, block: Block, exitswitch: ExitSwitch, exits: Vec<Link<C>>) {
        let data = &mut self.blocks[block];
        data.exitswitch = exitswitch;
        data.exits = exits;
    }

    /// Drops the operations and exits of a block, keeping its inputs; used
    /// when the flow space re-flows a block from more general inputs.
    pub fn clear_block(&mut self, block: Block) {
        let data = &mut self.blocks[block];
        data.ops.clear();
        data.exits.clear();
        data.exitswitch = ExitSwitch::None;
    }

    /// Whether the block is the return block or the except block.
    pub fn is_final(&self, block: Block) -> bool {
        block == self.returnblock || block == self.exceptblock
    }

    /// The blocks reachable from the start block, in depth-first preorder
    /// following exits in order, the return and except blocks included when
    /// a link reaches them. Links to blocks outside the arena are skipped
    /// (the checker reports them).
    pub fn blocks_reachable(&self) -> Vec<Block> {
        let mut seen: SecondaryMap<Block, bool> = SecondaryMap::new();
        let mut order = Vec::new();
        let mut stack = vec![self.startblock];
        while let Some(block) = stack.pop() {
            if seen[block] || !self.blocks.is_valid(block) {
                continue;
            }
            seen[block] = true;
            order.push(block);
            for link in self.blocks[block].exits.iter().rev() {
                if !seen[link.target] {
                    stack.push(link.target);
                }
            }
        }
        order
    }

    /// For every block, the links entering it from reachable blocks, as
    /// `(source block, exit index)` pairs in `blocks_reachable` order.
    pub fn predecessors(&self) -> SecondaryMap<Block, Vec<(Block, usize)>> {
        let mut preds: SecondaryMap<Block, Vec<(Block, usize)>> = SecondaryMap::new();
        for block in self.blocks_reachable() {
            for (index, link) in self.blocks[block].exits.iter().enumerate() {
                preds[link.target].push((block, index));
            }
        }
        preds
    }

    /// The variables a block defines, in order: inputs, operation results,
    /// then the exception variables of its links.
    pub fn block_defs(&self, block: Block) -> Vec<Var> {
        let data = &self.blocks[block];
        let mut defs = data.inputs.clone();
        defs.extend(data.ops.iter().map(|op| op.result));
        for link in &data.exits {
            defs.extend(link.bound_vars());
        }
        defs
    }
}

impl<C: Clone> FlowGraph<C> {
    /// Replaces uses of variables in a block: operation arguments, link
    /// arguments and the exit switch. Definitions are left alone.
    ///
    /// An exit switch can only name a variable, so a switch variable mapped
    /// to a constant is left unchanged; callers must avoid that case (the
    /// checker would then report a use of an undefined variable).
    pub fn substitute_in_block(&mut self, block: Block, map: &HashMap<Var, Operand<C>>) {
        if map.is_empty() {
            return;
        }
        let data = &mut self.blocks[block];
        for op in &mut data.ops {
            substitute_operands(&mut op.args, map);
        }
        for link in &mut data.exits {
            substitute_operands(&mut link.args, map);
        }
        if let ExitSwitch::Value(v) = data.exitswitch {
            if let Some(Operand::Var(w)) = map.get(&v) {
                data.exitswitch = ExitSwitch::Value(*w);
            }
        }
    }
}

/// Replaces each variable of `operands` found in `map` by its image.
pub fn substitute_operands<C: Clone>(operands: &mut [Operand<C>], map: &HashMap<Var, Operand<C>>) {
    for operand in operands {
        if let Operand::Var(v) = operand {
            if let Some(new) = map.get(v) {
                *operand = new.clone();
            }
        }
    }
}
