//! The second phase for one function: its graph as a C function body.
//!
//! Each block becomes a label and each variable a C local declared at the
//! top of the function (the entry block's parameters are the C
//! parameters), so the SSA graph maps onto C without restructuring: a
//! link assigns the target block's parameters and jumps to its label.
//! Those assignments happen at once in the graph (a loop passing `b, a+b`
//! to its own parameters `a, b`), so they are sequenced here as a
//! parallel move, through a temporary when the moves form a cycle.
//! `Void` variables have no C local and `Void` values are never passed.
//!
//! The [`FunctionCx`] maps the graph's ids to C names for the one
//! function being written; the operations themselves are in `ops.rs`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use lltype::{Block, Exit, FuncId, Graph, Link, Operand, Var};

use crate::database::Database;
use crate::header::param_list;
use crate::namer::Namer;
use crate::ops::write_op;
use crate::Options;

/// What one function's body is written with.
pub struct FunctionCx<'a> {
    /// The module's names.
    pub db: &'a Database<'a>,
    /// The graph being written.
    pub g: &'a Graph,
    /// The function's name in the module, for messages.
    pub func_name: &'a str,
    /// The emission options.
    pub options: &'a Options,
    /// The locals' names, in a scope nested in the file scope.
    namer: Namer<'a>,
    /// The C local of every non-`Void` variable.
    locals: HashMap<Var, String>,
    /// The label of every block.
    labels: HashMap<Block, String>,
    /// The body written so far.
    pub out: String,
}

/// Writes the definition of function `f`, whose body is `g`.
pub fn write_function(db: &Database, f: FuncId, g: &Graph, options: &Options, out: &mut String) {
    let func = &db.m.functions[f];
    let mut cx = FunctionCx {
        db,
        g,
        func_name: &func.name,
        options,
        namer: db.namer.child(),
        locals: HashMap::new(),
        labels: HashMap::new(),
        out: String::new(),
    };
    let blocks = g.reachable_blocks();
    cx.name_locals(&blocks);

    match &func.origin {
        Some(origin) => {
            let _ = writeln!(out, "/* {} */", comment_text(origin));
        }
        None => {
            let _ = writeln!(out, "/* {} (no origin) */", comment_text(&func.name));
        }
    }
    let (_, result) = db.c_signature(func.ty);
    let params: Vec<String> = g.blocks[g.entry]
        .params
        .iter()
        .filter(|v| !db.is_void(g.var_type(**v)))
        .map(|v| db.declare(g.var_type(*v), &cx.locals[v]))
        .collect();
    let params = if params.is_empty() {
        param_list(db, &[])
    } else {
        params.join(", ")
    };
    let _ = writeln!(
        out,
        "{}({params})\n{{",
        db.declare(result, db.function_name(f))
    );

    // Every other variable is a local declared up front, so labels and
    // gotos never cross a declaration.
    let entry_params: HashSet<Var> = g.blocks[g.entry].params.iter().copied().collect();
    for &b in &blocks {
        let data = &g.blocks[b];
        let defined = data
            .params
            .iter()
            .copied()
            .chain(data.ops.iter().map(|op| op.result));
        for v in defined {
            if let Some(name) = cx.locals.get(&v) {
                if !entry_params.contains(&v) {
                    let _ = writeln!(out, "    {};", db.declare(g.var_type(v), name));
                }
            }
        }
    }

    let targeted = jump_targets(g, &blocks);
    for &b in &blocks {
        if targeted.contains(&b) {
            let _ = writeln!(cx.out, "  {}:", cx.labels[&b]);
        }
        for op in &g.blocks[b].ops {
            write_op(&mut cx, op);
        }
        cx.write_exit(&g.blocks[b].exit);
    }
    out.push_str(&cx.out);
    out.push_str("}\n");
}

/// Text that can sit inside a C comment.
pub fn comment_text(s: &str) -> String {
    s.replace("*/", "* /")
}

/// The blocks some link jumps to (the others need no label).
fn jump_targets(g: &Graph, blocks: &[Block]) -> HashSet<Block> {
    blocks
        .iter()
        .flat_map(|b| g.blocks[*b].exit.links())
        .map(|l| l.target)
        .collect()
}

/// A source of one move of a parallel assignment.
#[derive(Clone, PartialEq)]
enum Source {
    /// A variable's current value.
    Var(Var),
    /// A constant or a temporary: nothing assigned in the move changes it.
    Expr(String),
}

impl<'a> FunctionCx<'a> {
    /// Names every non-`Void` variable of the reachable blocks, and every
    /// block.
    fn name_locals(&mut self, blocks: &[Block]) {
        let g = self.g;
        for (i, &b) in blocks.iter().enumerate() {
            self.labels.insert(b, format!("block{i}"));
            let data = &g.blocks[b];
            for v in data
                .params
                .iter()
                .copied()
                .chain(data.ops.iter().map(|op| op.result))
            {
                if self.db.is_void(g.var_type(v)) {
                    continue;
                }
                let suggestion = match &g.vars[v].name {
                    Some(hint) => format!("{hint}_{}", v.as_u32()),
                    None => format!("v{}", v.as_u32()),
                };
                let name = self.namer.fresh(&suggestion);
                self.locals.insert(v, name);
            }
        }
    }

    /// The C local of a variable.
    pub fn local(&self, v: Var) -> &str {
        &self.locals[&v]
    }

    /// An operand as a C expression.
    pub fn operand(&self, o: &Operand) -> String {
        match o {
            Operand::Var(v) => self
                .locals
                .get(v)
                .cloned()
                .unwrap_or_else(|| "/* void */".into()),
            Operand::Const(c) => self.db.constant(c),
        }
    }

    /// Whether an operand has a run-time value.
    pub fn is_value(&self, o: &Operand) -> bool {
        !self.db.is_void(self.g.operand_type(o))
    }

    /// A fresh name for a temporary of this function.
    pub fn temp(&mut self) -> String {
        self.namer.fresh("tmp")
    }

    /// Appends one line of the body, indented by `depth` levels.
    pub fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn write_exit(&mut self, exit: &Exit) {
        match exit {
            Exit::Return(o) => {
                if self.is_value(o) {
                    let text = format!("return {};", self.operand(o));
                    self.line(1, &text);
                } else {
                    self.line(1, "return;");
                }
            }
            Exit::Goto(link) => self.write_link(1, link),
            Exit::Branch {
                cond,
                if_true,
                if_false,
            } => {
                let text = format!("if ({}) {{", self.operand(cond));
                self.line(1, &text);
                self.write_link(2, if_true);
                self.line(1, "} else {");
                self.write_link(2, if_false);
                self.line(1, "}");
            }
            Exit::Switch {
                value,
                cases,
                default,
            } => {
                let p = self.db.m.types.as_prim(self.g.operand_type(value));
                let p = p.expect("a verified switch on a primitive");
                let text = format!("switch ({}) {{", self.operand(value));
                self.line(1, &text);
                for (case, link) in cases {
                    let text = format!("case {}: {{", crate::database::int_literal(*case, p));
                    self.line(1, &text);
                    self.write_link(2, link);
                    self.line(1, "}");
                }
                self.line(1, "default: {");
                self.write_link(2, default);
                self.line(1, "}");
                self.line(1, "}");
            }
            Exit::Unreachable => {
                if self.options.debug_checks {
                    let where_ = crate::database::bytes_literal(self.func_name.as_bytes());
                    let text = format!("rpy_unreachable({where_});");
                    self.line(1, &text);
                }
                self.line(1, "__builtin_unreachable();");
            }
            Exit::Raise { .. } | Exit::Catch { .. } => {
                unreachable!("emit refuses modules whose exceptions are not lowered")
            }
        }
    }

    /// Assigns the target's parameters from the link's arguments, all at
    /// once, and jumps.
    fn write_link(&mut self, depth: usize, link: &Link) {
        let params = &self.g.blocks[link.target].params;
        let mut moves: Vec<(Var, Source)> = Vec::new();
        for (&p, a) in params.iter().zip(&link.args) {
            if self.db.is_void(self.g.var_type(p)) || a.as_var() == Some(p) {
                continue;
            }
            let source = match a {
                Operand::Var(v) => Source::Var(*v),
                Operand::Const(_) => Source::Expr(self.operand(a)),
            };
            moves.push((p, source));
        }
        let (lines, needs_block) = self.sequence_moves(moves);
        if needs_block {
            self.line(depth, "{");
        }
        let inner = depth + usize::from(needs_block);
        for l in lines {
            self.line(inner, &l);
        }
        if needs_block {
            self.line(depth, "}");
        }
        let text = format!("goto {};", self.labels[&link.target]);
        self.line(depth, &text);
    }

    /// Orders the moves of a parallel assignment so that no destination is
    /// overwritten while a later move still reads it; a cycle (a swap) is
    /// broken by saving one destination in a temporary first. Returns the
    /// statements, and whether they declare a temporary (and so need a
    /// block of their own).
    fn sequence_moves(&mut self, mut pending: Vec<(Var, Source)>) -> (Vec<String>, bool) {
        let mut lines = Vec::new();
        let mut temps = false;
        while !pending.is_empty() {
            let free = (0..pending.len()).find(|&i| {
                let dst = pending[i].0;
                pending
                    .iter()
                    .enumerate()
                    .all(|(j, (_, src))| j == i || *src != Source::Var(dst))
            });
            match free {
                Some(i) => {
                    let (dst, src) = pending.remove(i);
                    let src = match src {
                        Source::Var(v) => self.locals[&v].clone(),
                        Source::Expr(e) => e,
                    };
                    lines.push(format!("{} = {src};", self.locals[&dst]));
                }
                None => {
                    // Every destination is still read: save the first.
                    let dst = pending[0].0;
                    let tmp = self.temp();
                    temps = true;
                    let decl = self.db.declare(self.g.var_type(dst), &tmp);
                    lines.push(format!("{decl} = {};", self.locals[&dst]));
                    for (_, src) in &mut pending {
                        if *src == Source::Var(dst) {
                            *src = Source::Expr(tmp.clone());
                        }
                    }
                }
            }
        }
        (lines, temps)
    }
}
