//! Splitting a block in two, keeping the graph in SSA form.
//!
//! Variables are local to their block, so the values the second half
//! uses from the first travel as parameters of the new block, under fresh
//! names.

use std::collections::HashMap;

use lltype::{Block, BlockData, Exit, Graph, Link, Operand, Var};

/// Splits `block` after its operation `index`: operations up to and
/// including `index` stay, the rest and the exit move to a new block,
/// which the old one now reaches with `goto`. Returns the new block.
pub fn split_block(g: &mut Graph, block: Block, index: usize) -> Block {
    let data = &mut g.blocks[block];
    let suffix = data.ops.split_off(index + 1);
    let exit = std::mem::replace(&mut data.exit, Exit::Unreachable);
    let mut defined: Vec<Var> = data.params.clone();
    defined.extend(data.ops.iter().map(|op| op.result));
    let mut moved = BlockData {
        params: Vec::new(),
        ops: suffix,
        exit,
    };
    let mut used = Vec::new();
    for_each_use(&moved, |v| used.push(v));
    let mut renames: HashMap<Var, Var> = HashMap::new();
    let mut passed = Vec::new();
    for v in used {
        if defined.contains(&v) && !renames.contains_key(&v) {
            let data = g.vars[v].clone();
            let fresh = g.vars.push(data);
            renames.insert(v, fresh);
            moved.params.push(fresh);
            passed.push(Operand::Var(v));
        }
    }
    rename_uses(&mut moved, &renames);
    let new = g.blocks.push(moved);
    g.blocks[block].exit = Exit::Goto(Link {
        target: new,
        args: passed,
    });
    new
}

/// Calls `f` on every variable a block uses (operands of its operations
/// and of its exit, link arguments), in order.
pub fn for_each_use(data: &BlockData, mut f: impl FnMut(Var)) {
    for op in &data.ops {
        for a in &op.args {
            if let Operand::Var(v) = a {
                f(*v)
            }
        }
    }
    for_each_exit_use(&data.exit, f);
}

/// Calls `f` on every variable a block's exit uses (its operands and link
/// arguments), in order.
pub fn for_each_exit_use(exit: &Exit, mut f: impl FnMut(Var)) {
    let mut visit = |o: &Operand| {
        if let Operand::Var(v) = o {
            f(*v)
        }
    };
    match exit {
        Exit::Return(o) => visit(o),
        Exit::Raise { etype, evalue } => {
            visit(etype);
            visit(evalue);
        }
        Exit::Branch { cond, .. } => visit(cond),
        Exit::Switch { value, .. } => visit(value),
        _ => {}
    }
    for l in exit.links() {
        l.args.iter().for_each(&mut visit);
    }
}

/// Replaces uses of variables by their renamings.
pub fn rename_uses(data: &mut BlockData, renames: &HashMap<Var, Var>) {
    for op in &mut data.ops {
        op.args.iter_mut().for_each(|o| rename(o, renames));
    }
    rename_exit_uses(&mut data.exit, renames);
}

/// Replaces uses of variables in a block's exit by their renamings.
pub fn rename_exit_uses(exit: &mut Exit, renames: &HashMap<Var, Var>) {
    for_each_exit_operand(exit, |o| rename(o, renames));
}

/// Calls `f` on every operand of a block's exit (its own operands and its
/// links' arguments), mutably.
pub fn for_each_exit_operand(exit: &mut Exit, mut f: impl FnMut(&mut Operand)) {
    match exit {
        Exit::Return(o) => f(o),
        Exit::Raise { etype, evalue } => {
            f(etype);
            f(evalue);
        }
        Exit::Branch { cond, .. } => f(cond),
        Exit::Switch { value, .. } => f(value),
        _ => {}
    }
    for l in exit.links_mut() {
        l.args.iter_mut().for_each(&mut f);
    }
}

fn rename(o: &mut Operand, renames: &HashMap<Var, Var>) {
    if let Operand::Var(v) = o {
        if let Some(n) = renames.get(v) {
            *v = *n;
        }
    }
}
