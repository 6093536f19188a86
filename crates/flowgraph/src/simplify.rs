//! The classic cleanups of a freshly built flow graph.
//!
//! The flow space produces many trivial blocks: one per bytecode join
//! point, forwarding blocks that only pass their inputs on, and copies made
//! while merging states. [`simplify_graph`] removes them so that the
//! annotator and the rtyper see a small graph:
//!
//! 1. `same_as` copies are dropped by renaming their result to their
//!    argument;
//! 2. forwarding blocks (no operations, one exit) are short-circuited;
//! 3. a block is merged into its predecessor when it is that predecessor's
//!    only exit and has no other predecessor;
//! 4. block inputs whose value is never needed are removed, along with the
//!    matching link arguments, and so are operations that are pure, cannot
//!    raise and whose result is never needed;
//! 5. blocks no longer reachable from the start block are emptied.
//!
//! Every step keeps the graph valid. It deliberately leaves alone anything
//! that needs to know what a constant means (folding a switch on a
//! constant) since the graph is generic over its constants, and it keeps
//! unused operations that may raise: an RPython program may rely on an
//! exception propagating to its caller.

use std::collections::{HashMap, HashSet};

use cranelift_entity::SecondaryMap;

use crate::model::{substitute_operands, Block, BlockData, ExitSwitch, FlowGraph, Operand, Var};
use crate::op::OpKind;

/// Runs all the cleanups on a valid graph until none applies any more, so
/// that simplifying twice gives the same graph.
pub fn simplify_graph<C: Clone>(graph: &mut FlowGraph<C>) {
    loop {
        let mut changed = remove_same_as(graph);
        changed |= eliminate_forwarding_blocks(graph);
        changed |= join_blocks(graph);
        changed |= remove_dead_values(graph);
        if !changed {
            break;
        }
    }
    clear_unreachable_blocks(graph);
}

/// Drops `x2 = same_as(x1)` and renames `x2` to `x1` in the block.
///
/// A copy is kept when it is the last operation of a block switching on the
/// last exception, or when it feeds an exit switch with a constant.
/// Returns whether anything changed.
pub fn remove_same_as<C: Clone>(graph: &mut FlowGraph<C>) -> bool {
    let mut changed = false;
    for block in graph.blocks_reachable() {
        let mut index = 0;
        while index < graph.blocks[block].ops.len() {
            let data = &graph.blocks[block];
            let op = &data.ops[index];
            let removable = op.kind == OpKind::SameAs
                && op.args.len() == 1
                && !(data.exitswitch == ExitSwitch::LastException && index + 1 == data.ops.len())
                && !(data.exitswitch == ExitSwitch::Value(op.result)
                    && op.args[0].as_var().is_none());
            if !removable {
                index += 1;
                continue;
            }
            let op = graph.blocks[block].ops.remove(index);
            let map = HashMap::from([(op.result, op.args[0].clone())]);
            graph.substitute_in_block(block, &map);
            changed = true;
        }
    }
    changed
}

/// Short-circuits blocks that have no operations and a single exit: every
/// link entering such a block is redirected to the block's successor, with
/// the block's inputs replaced by the link's arguments, and located where
/// the (first) bypassed block's exit was. Returns whether anything changed.
pub fn eliminate_forwarding_blocks<C: Clone>(graph: &mut FlowGraph<C>) -> bool {
    let mut changed = false;
    // Kept up to date as links move, so one sweep handles whole chains.
    let mut preds = graph.predecessors();
    // Links already given the location of a bypassed block keep it: the
    // first block bypassed is the closest to where the values were set.
    let mut relocated: HashSet<(Block, usize)> = HashSet::new();
    for block in graph.blocks_reachable() {
        if preds[block].is_empty() || !is_forwarding(graph, block) {
            continue;
        }
        changed = true;
        let exit = graph.blocks[block].exits[0].clone();
        let inputs = graph.blocks[block].inputs.clone();
        let incoming = std::mem::take(&mut preds[block]);
        for &(pred, index) in &incoming {
            let link = &mut graph.blocks[pred].exits[index];
            let map: HashMap<Var, Operand<C>> = inputs
                .iter()
                .copied()
                .zip(link.args.iter().cloned())
                .collect();
            let mut args = exit.args.clone();
            substitute_operands(&mut args, &map);
            link.target = exit.target;
            link.args = args;
            // The bypassed block's exit is the more precise place (a
            // `return x` after a branch, a constant assigned before a join).
            if relocated.insert((pred, index)) {
                link.loc = exit.loc.or(link.loc);
            }
        }
        let successor = &mut preds[exit.target];
        successor.retain(|&(pred, _)| pred != block);
        successor.extend(incoming);
    }
    changed
}

/// Whether a block only passes its inputs on to a single successor.
fn is_forwarding<C>(graph: &FlowGraph<C>, block: Block) -> bool {
    let data = &graph.blocks[block];
    let [exit] = data.exits.as_slice() else {
        return false;
    };
    block != graph.startblock
        && !graph.is_final(block)
        && data.ops.is_empty()
        && data.exitswitch == ExitSwitch::None
        && exit.target != block
        && exit.args.len() == graph.blocks[exit.target].inputs.len()
        // Every use must be an input: anything else would dangle once the
        // block is bypassed.
        && exit
            .args
            .iter()
            .filter_map(Operand::as_var)
            .all(|v| data.inputs.contains(&v))
}

/// Merges a block into its predecessor when the predecessor's only exit
/// leads to it and no other link does. Returns whether anything changed.
pub fn join_blocks<C: Clone>(graph: &mut FlowGraph<C>) -> bool {
    let mut changed = false;
    // Merging moves links from the absorbed block to its predecessor, which
    // leaves the number of links entering every other block unchanged.
    let preds = graph.predecessors();
    let mut absorbed_blocks: HashSet<Block> = HashSet::new();
    for block in graph.blocks_reachable() {
        if absorbed_blocks.contains(&block) {
            continue;
        }
        while let Some(next) = joinable_successor(graph, &preds, block) {
            changed = true;
            absorbed_blocks.insert(next);
            let link = graph.blocks[block].exits.remove(0);
            let map: HashMap<Var, Operand<C>> = graph.blocks[next]
                .inputs
                .iter()
                .copied()
                .zip(link.args)
                .collect();
            graph.substitute_in_block(next, &map);
            let absorbed = std::mem::replace(&mut graph.blocks[next], BlockData::new(Vec::new()));
            let data = &mut graph.blocks[block];
            data.ops.extend(absorbed.ops);
            data.exitswitch = absorbed.exitswitch;
            data.exits = absorbed.exits;
        }
    }
    changed
}

/// The successor a block can absorb: its only exit leads there, and no
/// other link does.
fn joinable_successor<C>(
    graph: &FlowGraph<C>,
    preds: &SecondaryMap<Block, Vec<(Block, usize)>>,
    block: Block,
) -> Option<Block> {
    let data = &graph.blocks[block];
    if data.exitswitch != ExitSwitch::None {
        return None;
    }
    let [link] = data.exits.as_slice() else {
        return None;
    };
    let next = link.target;
    let next_data = &graph.blocks[next];
    let switch_on_constant = match next_data.exitswitch {
        ExitSwitch::Value(v) => next_data
            .inputs
            .iter()
            .position(|&input| input == v)
            .and_then(|i| link.args.get(i))
            .is_some_and(|arg| arg.as_var().is_none()),
        _ => false,
    };
    let ok = next != block
        && next != graph.startblock
        && !graph.is_final(next)
        && preds[next].len() == 1
        && link.args.len() == next_data.inputs.len()
        && !switch_on_constant;
    ok.then_some(next)
}

/// Removes the values nobody needs: block inputs whose value never reaches
/// an operation, an exit switch, or the start, return or except blocks
/// (with the link arguments feeding them), and operations that are pure,
/// cannot raise ([`OpKind::is_removable`]) and whose result is unneeded.
///
/// A value is needed if a kept operation or an exit switch uses it, if it
/// enters the start, return or except block, or if it feeds a needed input
/// or a needed removable operation; loops are handled by computing this as
/// a fixpoint, so a variable merely carried around a loop is removed.
/// Returns whether anything changed.
pub fn remove_dead_values<C: Clone>(graph: &mut FlowGraph<C>) -> bool {
    let mut changed = false;
    let reachable = graph.blocks_reachable();
    let preds = graph.predecessors();
    // Where each variable comes from: a block input or a removable operation.
    let mut input_of: HashMap<Var, (Block, usize)> = HashMap::new();
    let mut removable_op: HashMap<Var, (Block, usize)> = HashMap::new();
    let mut needed: HashSet<Var> = HashSet::new();
    let mut work: Vec<Var> = Vec::new();
    for &block in &reachable {
        let data = &graph.blocks[block];
        if block == graph.startblock || graph.is_final(block) {
            work.extend(data.inputs.iter().copied());
        }
        for (i, &v) in data.inputs.iter().enumerate() {
            input_of.insert(v, (block, i));
        }
        for (i, op) in data.ops.iter().enumerate() {
            let raises_here =
                data.exitswitch == ExitSwitch::LastException && i + 1 == data.ops.len();
            if op.kind.is_removable() && !raises_here {
                removable_op.insert(op.result, (block, i));
            } else {
                work.extend(op.args.iter().filter_map(Operand::as_var));
            }
        }
        if let ExitSwitch::Value(v) = data.exitswitch {
            work.push(v);
        }
    }
    while let Some(v) = work.pop() {
        if !needed.insert(v) {
            continue;
        }
        if let Some(&(block, i)) = input_of.get(&v) {
            for &(pred, index) in &preds[block] {
                let args = &graph.blocks[pred].exits[index].args;
                work.extend(args.get(i).and_then(Operand::as_var));
            }
        }
        if let Some(&(block, i)) = removable_op.get(&v) {
            let args = &graph.blocks[block].ops[i].args;
            work.extend(args.iter().filter_map(Operand::as_var));
        }
    }
    for &block in &reachable {
        let ops = &mut graph.blocks[block].ops;
        let before = ops.len();
        ops.retain(|op| needed.contains(&op.result) || !removable_op.contains_key(&op.result));
        changed |= ops.len() != before;
        if block == graph.startblock || graph.is_final(block) {
            continue;
        }
        let keep: Vec<bool> = graph.blocks[block]
            .inputs
            .iter()
            .map(|v| needed.contains(v))
            .collect();
        if keep.iter().all(|&k| k) {
            continue;
        }
        changed = true;
        retain_by_mask(&mut graph.blocks[block].inputs, &keep);
        for &(pred, index) in &preds[block] {
            let args = &mut graph.blocks[pred].exits[index].args;
            if args.len() == keep.len() {
                retain_by_mask(args, &keep);
            }
        }
    }
    changed
}

/// Keeps the elements whose mask entry is true.
fn retain_by_mask<T>(items: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    items.retain(|_| flags.next().copied().unwrap_or(true));
}

/// Empties every block no longer reachable from the start block, so that
/// dead code holds on to nothing. The return and except blocks are kept.
pub fn clear_unreachable_blocks<C>(graph: &mut FlowGraph<C>) {
    let reachable: HashSet<Block> = graph.blocks_reachable().into_iter().collect();
    let dead: Vec<Block> = graph
        .blocks
        .keys()
        .filter(|b| !reachable.contains(b) && !graph.is_final(*b))
        .collect();
    for block in dead {
        graph.clear_block(block);
        graph.blocks[block].inputs.clear();
    }
}
