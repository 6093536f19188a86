//! The invariant checker of flow graphs.
//!
//! Run after the flow space and after every pass in tests. A failure is a
//! bug of whoever built or transformed the graph, never a user error, so
//! the result is a list of plain messages naming raw ids (`block3`, `v7`).
//!
//! The invariants, over the blocks reachable from the start block plus the
//! return and except blocks:
//!
//! - every variable is defined exactly once, as a block input, an operation
//!   result or an exception variable bound by a link;
//! - within a block, a variable is used only after its definition in that
//!   block; link arguments may use the source block's variables and the
//!   link's own exception variables;
//! - every link passes as many arguments as its target has inputs;
//! - the exits have the shape the [`ExitSwitch`] prescribes;
//! - the return block has one input, the except block two, and neither has
//!   operations or exits; every other block has at least one exit;
//! - the start block's inputs are the graph's arguments;
//! - every id refers to an entry of the graph's arenas;
//! - operation argument counts match the operation table.

use std::collections::HashSet;

use cranelift_entity::SecondaryMap;

use crate::model::{Block, ExitCase, ExitSwitch, FlowGraph, Link, Operand, Var};

/// Checks every invariant of the graph, returning all violations found.
pub fn check_graph<C>(graph: &FlowGraph<C>) -> Result<(), Vec<String>> {
    let mut checker = Checker {
        graph,
        errors: Vec::new(),
        defined_in: SecondaryMap::new(),
    };
    checker.check_special_blocks();
    let mut blocks = graph.blocks_reachable();
    for special in [graph.returnblock, graph.exceptblock] {
        if graph.blocks.is_valid(special) && !blocks.contains(&special) {
            blocks.push(special);
        }
    }
    for &block in &blocks {
        checker.collect_definitions(block);
    }
    for &block in &blocks {
        checker.check_block(block);
    }
    if checker.errors.is_empty() {
        Ok(())
    } else {
        Err(checker.errors)
    }
}

struct Checker<'g, C> {
    graph: &'g FlowGraph<C>,
    errors: Vec<String>,
    /// The block defining each variable seen so far.
    defined_in: SecondaryMap<Var, Option<Block>>,
}

impl<C> Checker<'_, C> {
    fn error(&mut self, message: String) {
        self.errors.push(message);
    }

    fn check_special_blocks(&mut self) {
        let g = self.graph;
        for (what, block) in [
            ("start", g.startblock),
            ("return", g.returnblock),
            ("except", g.exceptblock),
        ] {
            if !g.blocks.is_valid(block) {
                self.error(format!("the {what} block {block} is not in the graph"));
            }
        }
        if g.returnblock == g.exceptblock {
            self.error("the return and except blocks are the same block".to_string());
        }
        if g.is_final(g.startblock) {
            self.error("the start block is a return or except block".to_string());
        }
        if let Some(start) = g.blocks.get(g.startblock) {
            if start.inputs != g.args {
                self.error(format!(
                    "start block {} has inputs {} but the graph args are {}",
                    g.startblock,
                    list(&start.inputs),
                    list(&g.args)
                ));
            }
        }
        for (what, block, count) in [("return", g.returnblock, 1), ("except", g.exceptblock, 2)] {
            let Some(data) = g.blocks.get(block) else {
                continue;
            };
            if data.inputs.len() != count {
                self.error(format!(
                    "{what} block {block} has {} inputs, expected {count}",
                    data.inputs.len()
                ));
            }
            if !data.ops.is_empty() {
                self.error(format!("{what} block {block} has operations"));
            }
            if !data.exits.is_empty() || data.exitswitch != ExitSwitch::None {
                self.error(format!("{what} block {block} has exits"));
            }
        }
    }

    /// Records the variables a block defines, reporting redefinitions.
    fn collect_definitions(&mut self, block: Block) {
        for v in self.graph.block_defs(block) {
            if !self.graph.vars.is_valid(v) {
                self.error(format!("{block}: {v} is not in the graph"));
                continue;
            }
            match self.defined_in[v] {
                Some(first) if first == block => {
                    self.error(format!("{v} is defined twice in {block}"));
                }
                Some(first) => {
                    self.error(format!("{v} is defined in both {first} and {block}"));
                }
                None => self.defined_in[v] = Some(block),
            }
        }
    }

    fn check_block(&mut self, block: Block) {
        let g = self.graph;
        let data = &g.blocks[block];
        let mut scope: HashSet<Var> = data.inputs.iter().copied().collect();
        for (index, op) in data.ops.iter().enumerate() {
            let what = format!("{block}: op {index} ({} -> {})", op.kind.name(), op.result);
            if let Err(message) = op.kind.check_arg_count(op.args.len()) {
                self.error(format!("{what}: {message}"));
            }
            self.check_uses(&what, &op.args, &scope);
            scope.insert(op.result);
        }
        if !g.is_final(block) {
            if data.exits.is_empty() {
                self.error(format!("{block} has no exits"));
            }
            self.check_exit_shape(block, &scope);
        }
        for (index, link) in data.exits.iter().enumerate() {
            self.check_link(block, index, link, &scope);
        }
    }

    fn check_exit_shape(&mut self, block: Block, scope: &HashSet<Var>) {
        let data = &self.graph.blocks[block];
        let cases: Vec<&ExitCase<C>> = data.exits.iter().map(|l| &l.exitcase).collect();
        match data.exitswitch {
            ExitSwitch::None => {
                if data.exits.len() > 1 {
                    self.error(format!(
                        "{block}: {} exits without an exit switch",
                        data.exits.len()
                    ));
                }
                if !cases.iter().all(|c| matches!(c, ExitCase::None)) {
                    self.error(format!("{block}: an unswitched exit has an exit case"));
                }
            }
            ExitSwitch::Value(v) => {
                if !scope.contains(&v) {
                    self.error(format!(
                        "{block}: the exit switch {v} is not defined in this block"
                    ));
                }
                let shape_ok = matches!(
                    cases.as_slice(),
                    [ExitCase::Bool(false), ExitCase::Bool(true)]
                );
                if !shape_ok {
                    self.error(format!(
                        "{block}: a boolean switch needs exits False then True"
                    ));
                }
            }
            ExitSwitch::LastException => match data.ops.last() {
                None => self.error(format!(
                    "{block}: switches on the last exception but has no operations"
                )),
                Some(op) if !op.kind.can_raise() => self.error(format!(
                    "{block}: switches on the last exception but its last op {} cannot raise",
                    op.kind.name()
                )),
                Some(_) => {
                    let shape_ok = match cases.split_first() {
                        Some((ExitCase::None, rest)) => {
                            !rest.is_empty()
                                && rest.iter().all(|c| matches!(c, ExitCase::Exception(_)))
                        }
                        _ => false,
                    };
                    if !shape_ok {
                        self.error(format!(
                            "{block}: a last-exception switch needs a normal exit then exception exits"
                        ));
                    }
                }
            },
        }
        for (index, link) in data.exits.iter().enumerate() {
            let is_catch = matches!(link.exitcase, ExitCase::Exception(_));
            if !is_catch && link.bound_vars().next().is_some() {
                self.error(format!(
                    "{block}: exit {index} binds exception variables but is not an exception exit"
                ));
            }
        }
    }

    fn check_link(&mut self, block: Block, index: usize, link: &Link<C>, scope: &HashSet<Var>) {
        let g = self.graph;
        let what = format!("{block}: exit {index}");
        let Some(target) = g.blocks.get(link.target) else {
            self.error(format!(
                "{what}: target {} is not in the graph",
                link.target
            ));
            return;
        };
        if target.inputs.len() != link.args.len() {
            self.error(format!(
                "{what}: passes {} arguments to {} which has {} inputs",
                link.args.len(),
                link.target,
                target.inputs.len()
            ));
        }
        let mut link_scope = scope.clone();
        link_scope.extend(link.bound_vars());
        self.check_uses(&what, &link.args, &link_scope);
    }

    fn check_uses(&mut self, what: &str, args: &[Operand<C>], scope: &HashSet<Var>) {
        for v in args.iter().filter_map(Operand::as_var) {
            if scope.contains(&v) {
                continue;
            }
            let message = match self.defined_in.get(v).copied().flatten() {
                _ if !self.graph.vars.is_valid(v) => format!("{what}: {v} is not in the graph"),
                Some(def) => format!("{what}: uses {v} which is defined in {def}, not before here"),
                None => format!("{what}: uses {v} which is never defined"),
            };
            self.error(message);
        }
    }
}

fn list(vars: &[Var]) -> String {
    let names: Vec<String> = vars.iter().map(Var::to_string).collect();
    format!("({})", names.join(", "))
}
