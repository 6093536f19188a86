//! Joining blocks: a block reached only by a `goto` from one other block
//! is appended to it.
//!
//! The rtyper, the exception transform and inlining all split blocks and
//! leave chains of jumps behind; joining them gives the backends (and the
//! people reading snapshots) straight-line code again. Nothing else
//! changes: operations keep their order, and a block's parameters are
//! replaced by the values its single predecessor passed.

use std::collections::HashMap;

use lltype::{Block, Body, Exit, Graph, Module, Operand, Var};

/// Joins blocks in every graph of the module; returns how many were
/// joined.
pub fn join_blocks(m: &mut Module) -> usize {
    let mut total = 0;
    for f in m.functions.values_mut() {
        if let Body::Graph(g) = &mut f.body {
            total += join_graph_blocks(g);
        }
    }
    total
}

/// Joins blocks of one graph.
pub fn join_graph_blocks(g: &mut Graph) -> usize {
    let mut joined = 0;
    loop {
        let blocks = g.reachable_blocks();
        let mut preds: HashMap<Block, usize> = HashMap::new();
        for &b in &blocks {
            for l in g.blocks[b].exit.links() {
                *preds.entry(l.target).or_default() += 1;
            }
        }
        let mut changed = false;
        for &a in &blocks {
            let Exit::Goto(link) = &g.blocks[a].exit else {
                continue;
            };
            let b = link.target;
            if b == a || b == g.entry || preds.get(&b) != Some(&1) {
                continue;
            }
            let link = link.clone();
            let data = std::mem::replace(
                &mut g.blocks[b],
                lltype::BlockData {
                    params: Vec::new(),
                    ops: Vec::new(),
                    exit: Exit::Unreachable,
                },
            );
            let subst: HashMap<Var, Operand> = data
                .params
                .iter()
                .copied()
                .zip(link.args.iter().cloned())
                .collect();
            let fix = |o: &mut Operand| {
                if let Operand::Var(v) = o {
                    if let Some(n) = subst.get(v) {
                        *o = n.clone();
                    }
                }
            };
            let mut ops = data.ops;
            for op in &mut ops {
                op.args.iter_mut().for_each(fix);
            }
            let mut exit = data.exit;
            crate::split::for_each_exit_operand(&mut exit, fix);
            // A value passed as a constant where an operation needs a
            // variable is fine: operands may be constants anywhere.
            g.blocks[a].ops.extend(ops);
            g.blocks[a].exit = exit;
            joined += 1;
            changed = true;
            break;
        }
        if !changed {
            return joined;
        }
    }
}
