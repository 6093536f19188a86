//! Inlining small functions into their callers.
//!
//! Helpers such as a bounds-checked list read are a few operations each,
//! but the C compiler cannot inline them: they live in another
//! compilation unit. Inlining them at the low level helps every backend.
//!
//! The pass runs after the exception transform, where a graph has no
//! `raise` or `catch` left: an inlined callee's error paths set the
//! exception state and "return" a dummy value like any other, and the
//! caller's test after the call site is still there to see it. Functions
//! on a cycle of the call graph are never inlined (that would not end),
//! nor is a function into itself.
//!
//! Variables are local to their block, so the caller's values that are
//! needed after the call travel through the inlined blocks as extra
//! parameters.

use std::collections::{HashMap, HashSet};

use lltype::{
    Block, BlockData, Body, ConstValue, Exit, FuncId, Graph, Link, LlOp, Module, Operand, Var,
};

use crate::split::{rename_uses, split_block};

/// Inlines every direct call to a function of at most `max_ops`
/// operations that is not on a call-graph cycle, or marked to be inlined
/// always (and never one marked never); returns how many call sites were
/// inlined.
///
/// Functions are processed callees first, and a function's size is taken
/// after what was inlined into it: a small function calling a large one
/// stays small (the collector's allocation fast path is inlined, its
/// collection is called), and no inlined body is expanded again.
pub fn inline_small_functions(m: &mut Module, max_ops: usize) -> usize {
    let recursive: HashSet<FuncId> = crate::recursive_functions(m).into_iter().collect();
    let mut candidates: HashMap<FuncId, Graph> = HashMap::new();
    let mut count = 0;
    for f in callees_first(m) {
        let Body::Graph(mut g) = std::mem::replace(&mut m.functions[f].body, Body::External) else {
            continue;
        };
        count += inline_into(&mut g, f, &candidates);
        let small = match m.functions[f].inline {
            lltype::Inline::Auto => hot_size(m, &g) <= max_ops,
            lltype::Inline::Always => true,
            lltype::Inline::Never => false,
        };
        if !recursive.contains(&f) && small && lowered(&g) {
            candidates.insert(f, g.clone());
        }
        m.functions[f].body = Body::Graph(g);
    }
    count
}

/// Every function, each after the functions it calls directly (on a
/// cycle, in some order).
fn callees_first(m: &Module) -> Vec<FuncId> {
    let mut order = Vec::with_capacity(m.functions.len());
    let mut state: HashMap<FuncId, bool> = HashMap::new();
    for root in m.functions.keys() {
        if state.contains_key(&root) {
            continue;
        }
        // Iterative post-order: (function, whether its callees are done).
        let mut stack = vec![(root, false)];
        while let Some((f, done)) = stack.pop() {
            if done {
                state.insert(f, true);
                order.push(f);
                continue;
            }
            if state.contains_key(&f) {
                continue;
            }
            state.insert(f, false);
            stack.push((f, true));
            if let Body::Graph(g) = &m.functions[f].body {
                for op in g.blocks.values().flat_map(|d| &d.ops) {
                    if op.op != LlOp::DirectCall {
                        continue;
                    }
                    if let Some(ConstValue::Func(callee)) = op.args[0].as_const().map(|c| &c.value)
                    {
                        if !state.contains_key(callee) {
                            stack.push((*callee, false));
                        }
                    }
                }
            }
        }
    }
    order
}

/// Whether a graph has no `raise` or `catch` left (the pass needs the
/// exception transform to have run).
fn lowered(g: &Graph) -> bool {
    g.reachable_blocks()
        .iter()
        .all(|b| !matches!(g.blocks[*b].exit, Exit::Raise { .. } | Exit::Catch { .. }))
}

/// The number of operations of a graph's reachable blocks that are not
/// on an exception path: raising (allocating the exception included) and
/// propagating cost nothing on the paths that matter, so a helper whose
/// error path allocates an IndexError stays small.
fn hot_size(m: &Module, g: &Graph) -> usize {
    let cold = exception_paths(m, g);
    g.reachable_blocks()
        .iter()
        .filter(|b| !cold.contains(b))
        .map(|b| g.blocks[*b].ops.len())
        .sum()
}

/// The blocks only on the way of an exception, after the exception
/// transform: those raising (writing the exception state), those taken
/// when a call's test finds an exception, and the blocks from which every
/// path goes through such blocks, or that only such blocks reach.
fn exception_paths(m: &Module, g: &Graph) -> HashSet<Block> {
    let Some(exc) = m.global_named(crate::exceptions::EXC_DATA) else {
        return HashSet::new();
    };
    let is_exc_data = |o: &Operand| matches!(o.as_const().map(|c| &c.value), Some(ConstValue::Global(x)) if *x == exc);
    let blocks = g.reachable_blocks();
    let mut cold: HashSet<Block> = HashSet::new();
    let mut preds: HashMap<Block, Vec<Block>> = HashMap::new();
    for &b in &blocks {
        let data = &g.blocks[b];
        for l in data.exit.links() {
            preds.entry(l.target).or_default().push(b);
        }
        let raises = data.ops.iter().any(|op| {
            op.op == LlOp::SetField
                && is_exc_data(&op.args[0])
                && !matches!(
                    op.args[2].as_const().map(|c| &c.value),
                    Some(ConstValue::Null)
                )
        });
        if raises {
            cold.insert(b);
        }
        // `if ptr_nonzero(getfield(@rpy_exc_data, .exc_type))`: the true
        // side handles an exception.
        if let Exit::Branch {
            cond: Operand::Var(c),
            if_true,
            ..
        } = &data.exit
        {
            let test = data.ops.iter().find(|op| op.result == *c);
            let read = test.and_then(|t| match (t.op, &t.args[..]) {
                (LlOp::PtrNonZero, [Operand::Var(v)]) => data.ops.iter().find(|op| op.result == *v),
                _ => None,
            });
            if read.is_some_and(|r| r.op == LlOp::GetField && is_exc_data(&r.args[0])) {
                cold.insert(if_true.target);
            }
        }
    }
    loop {
        let mut changed = false;
        for &b in &blocks {
            if cold.contains(&b) || b == g.entry {
                continue;
            }
            let links = g.blocks[b].exit.links();
            let all_succ = !links.is_empty() && links.iter().all(|l| cold.contains(&l.target));
            let all_pred = preds
                .get(&b)
                .is_some_and(|p| p.iter().all(|x| cold.contains(x)));
            if all_succ || all_pred {
                cold.insert(b);
                changed = true;
            }
        }
        if !changed {
            return cold;
        }
    }
}

fn inline_into(g: &mut Graph, me: FuncId, candidates: &HashMap<FuncId, Graph>) -> usize {
    let mut count = 0;
    if !lowered(g) {
        return 0;
    }
    let mut work = g.reachable_blocks();
    while let Some(b) = work.pop() {
        let site = g.blocks[b].ops.iter().position(|op| {
            op.op == LlOp::DirectCall
                && matches!(op.args[0].as_const().map(|c| &c.value),
                    Some(ConstValue::Func(callee)) if *callee != me && candidates.contains_key(callee))
        });
        let Some(i) = site else { continue };
        let Some(ConstValue::Func(callee)) = g.blocks[b].ops[i].args[0]
            .as_const()
            .map(|c| c.value.clone())
        else {
            unreachable!("found above")
        };
        let rest = split_block(g, b, i);
        work.push(rest);
        let call = g.blocks[b].ops.pop().expect("the call ends the block");
        let Exit::Goto(to_rest) = std::mem::replace(&mut g.blocks[b].exit, Exit::Unreachable)
        else {
            unreachable!("split_block ends in goto")
        };
        // What the caller passes on besides the result.
        let carried: Vec<Var> = to_rest
            .args
            .iter()
            .filter_map(|a| a.as_var())
            .filter(|v| *v != call.result)
            .collect();
        let carried_types: Vec<_> = carried.iter().map(|v| g.var_type(*v)).collect();
        let callee_graph = &candidates[&callee];
        // Copy the callee's blocks, each with the carried values appended.
        let mut block_map: HashMap<Block, Block> = HashMap::new();
        let mut var_map: HashMap<Var, Var> = HashMap::new();
        let mut carried_in: HashMap<Block, Vec<Var>> = HashMap::new();
        let callee_blocks = callee_graph.reachable_blocks();
        for &cb in &callee_blocks {
            let params: Vec<Var> = callee_graph.blocks[cb]
                .params
                .iter()
                .map(|p| {
                    let n = g.vars.push(callee_graph.vars[*p].clone());
                    var_map.insert(*p, n);
                    n
                })
                .collect();
            let extra: Vec<Var> = carried_types.iter().map(|t| g.new_var(*t, None)).collect();
            let mut all = params;
            all.extend(extra.iter().copied());
            let nb = g.blocks.push(BlockData {
                params: all,
                ops: Vec::new(),
                exit: Exit::Unreachable,
            });
            block_map.insert(cb, nb);
            carried_in.insert(nb, extra);
        }
        for &cb in &callee_blocks {
            let data = &callee_graph.blocks[cb];
            let mut ops = Vec::with_capacity(data.ops.len());
            for op in &data.ops {
                let result = g.vars.push(callee_graph.vars[op.result].clone());
                var_map.insert(op.result, result);
                let mut copy = op.clone();
                copy.result = result;
                ops.push(copy);
            }
            // Rename the callee's variables first: the caller's values
            // added below live in another numbering.
            let mut copy = BlockData {
                params: Vec::new(),
                ops,
                exit: data.exit.clone(),
            };
            rename_uses(&mut copy, &var_map);
            let nb = block_map[&cb];
            let extra: Vec<Operand> = carried_in[&nb].iter().map(|v| Operand::Var(*v)).collect();
            let exit = match copy.exit {
                Exit::Return(v) => {
                    // On to the caller's continuation, with the result in
                    // the call's place.
                    let mut k = 0;
                    let args = to_rest
                        .args
                        .iter()
                        .map(|a| match a {
                            Operand::Var(x) if *x == call.result => v.clone(),
                            Operand::Var(_) => {
                                k += 1;
                                extra[k - 1].clone()
                            }
                            c => c.clone(),
                        })
                        .collect();
                    Exit::Goto(Link {
                        target: to_rest.target,
                        args,
                    })
                }
                mut other => {
                    for l in other.links_mut() {
                        l.target = block_map[&l.target];
                        l.args.extend(extra.iter().cloned());
                    }
                    other
                }
            };
            g.blocks[nb].ops = copy.ops;
            g.blocks[nb].exit = exit;
        }
        // The caller jumps into the copy of the callee's entry.
        let mut args: Vec<Operand> = call.args[1..].to_vec();
        args.extend(carried.iter().map(|v| Operand::Var(*v)));
        g.blocks[b].exit = Exit::Goto(Link {
            target: block_map[&callee_graph.entry],
            args,
        });
        count += 1;
    }
    count
}
