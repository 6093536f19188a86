//! Simplification on many pseudo-random valid graphs: the result must stay
//! valid, be a fixpoint (simplifying again changes nothing), and its dump
//! must round-trip through the parser.

mod common;

use common::*;
use flowgraph::{
    check_graph, simplify_graph, Block, ExitCase, ExitSwitch, FlowGraph, Link, OpKind, Operand,
    TextConst, Var,
};

/// A small deterministic generator (a 64-bit LCG), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn operand(rng: &mut Rng, scope: &[Var]) -> Operand<TextConst> {
    if scope.is_empty() || rng.chance(20) {
        int(rng.below(10) as i64)
    } else {
        v(scope[rng.below(scope.len())])
    }
}

fn operands(rng: &mut Rng, scope: &[Var], n: usize) -> Vec<Operand<TextConst>> {
    (0..n).map(|_| operand(rng, scope)).collect()
}

fn random_graph(seed: u64) -> Graph {
    let mut rng = Rng(seed);
    let nargs = rng.below(3);
    let names = ["a", "b", "c"];
    let mut g: Graph = FlowGraph::new(format!("g{seed}"), &names[..nargs]);
    let mut blocks = vec![g.startblock];
    for _ in 0..1 + rng.below(7) {
        let inputs = (0..rng.below(4))
            .map(|i| g.new_var(Some(names[i])))
            .collect();
        blocks.push(g.new_block(inputs));
    }
    for &block in &blocks {
        let mut scope = g.blocks[block].inputs.clone();
        for _ in 0..rng.below(4) {
            let (kind, arity) = match rng.below(6) {
                0 => (OpKind::Add, 2),
                1 => (OpKind::Neg, 1),
                2 => (OpKind::NewTuple, rng.below(3)),
                3 => (OpKind::SameAs, 1),
                4 => (OpKind::Is, 2),
                _ => (OpKind::ListAppend, 2),
            };
            let args = operands(&mut rng, &scope, arity);
            scope.push(g.push_op(block, kind, args, None));
        }
        let link_to = |g: &mut Graph, rng: &mut Rng, scope: &[Var], case| {
            let target = match rng.below(10) {
                0 => g.returnblock,
                1 => g.exceptblock,
                _ => blocks[rng.below(blocks.len())],
            };
            let arity = g.blocks[target].inputs.len();
            Link::with_case(target, operands(rng, scope, arity), case)
        };
        let (switch, exits) = match rng.below(3) {
            0 if !scope.is_empty() => {
                let var = scope[rng.below(scope.len())];
                let no = link_to(&mut g, &mut rng, &scope, ExitCase::Bool(false));
                let yes = link_to(&mut g, &mut rng, &scope, ExitCase::Bool(true));
                (ExitSwitch::Value(var), vec![no, yes])
            }
            1 => {
                let call = g.push_op(block, OpKind::SimpleCall, vec![global("f")], None);
                scope.push(call);
                let mut exits = vec![link_to(&mut g, &mut rng, &scope, ExitCase::None)];
                for class in ["ValueError", "Exception"].iter().take(1 + rng.below(2)) {
                    let etype = rng.chance(50).then(|| g.new_var(Some("etype")));
                    let evalue = rng.chance(50).then(|| g.new_var(Some("evalue")));
                    let mut link_scope = scope.clone();
                    link_scope.extend(etype.into_iter().chain(evalue));
                    let mut link = link_to(&mut g, &mut rng, &link_scope, ExitCase::None);
                    link.exitcase = ExitCase::Exception(name(class));
                    link.last_exception = etype;
                    link.last_exc_value = evalue;
                    exits.push(link);
                }
                (ExitSwitch::LastException, exits)
            }
            _ => (
                ExitSwitch::None,
                vec![link_to(&mut g, &mut rng, &scope, ExitCase::None)],
            ),
        };
        g.close_block(block, switch, exits);
    }
    g
}

#[test]
fn simplify_random_graphs() {
    let mut blocks_before = 0;
    let mut blocks_after = 0;
    for seed in 0..2000 {
        let mut g = random_graph(seed);
        if let Err(errors) = check_graph(&g) {
            panic!("seed {seed}: generator bug: {errors:?}\n{}", dump(&g));
        }
        let before = dump(&g);
        blocks_before += g.blocks_reachable().len();
        simplify_graph(&mut g);
        blocks_after += g.blocks_reachable().len();
        if let Err(errors) = check_graph(&g) {
            panic!(
                "seed {seed}: {errors:?}\nbefore:\n{before}\nafter:\n{}",
                dump(&g)
            );
        }
        assert_valid(&g);
        let once = dump(&g);
        simplify_graph(&mut g);
        assert_eq!(
            dump(&g),
            once,
            "seed {seed}: not a fixpoint\nbefore:\n{before}"
        );
    }
    // The generator makes plenty of trivial blocks: simplification must
    // remove a good share of them.
    assert!(
        blocks_after * 10 < blocks_before * 9,
        "{blocks_before} -> {blocks_after}"
    );
}

/// Dead blocks keep their ids but are emptied.
#[test]
fn dead_blocks_are_emptied() {
    for seed in 0..200 {
        let mut g = random_graph(seed);
        simplify_graph(&mut g);
        let live: Vec<Block> = g.blocks_reachable();
        for (block, data) in g.blocks.iter() {
            if !live.contains(&block) && !g.is_final(block) {
                assert!(data.ops.is_empty() && data.exits.is_empty() && data.inputs.is_empty());
            }
        }
    }
}

/// Long chains of forwarding and joinable blocks collapse in one call,
/// without quadratic work per block.
#[test]
fn long_chains_collapse() {
    let mut g: Graph = FlowGraph::new("chain", ["x"]);
    let mut current = g.startblock;
    let mut value = g.args[0];
    for i in 0..4000 {
        let input = g.new_var(Some("x"));
        let next = g.new_block(vec![input]);
        let arg = if i % 2 == 0 {
            v(g.push_op(current, OpKind::Neg, vec![v(value)], None))
        } else {
            v(value)
        };
        g.close_block(current, ExitSwitch::None, vec![Link::new(next, vec![arg])]);
        current = next;
        value = input;
    }
    g.close_block(
        current,
        ExitSwitch::None,
        vec![Link::new(g.returnblock, vec![v(value)])],
    );
    check_graph(&g).expect("valid before");
    simplify_graph(&mut g);
    check_graph(&g).expect("valid after");
    assert_eq!(g.blocks_reachable(), vec![g.startblock, g.returnblock]);
    assert_eq!(g.blocks[g.startblock].ops.len(), 2000);
}
