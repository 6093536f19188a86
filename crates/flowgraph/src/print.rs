//! A readable, deterministic text dump of a graph.
//!
//! Blocks are numbered `block0`, `block1`, ... in the depth-first order of
//! [`FlowGraph::blocks_reachable`], and variables are renamed in order of
//! appearance (`x_0`, `x_1` for variables hinted `x`, `v0`, `v1` for the
//! others), so two graphs built in different orders print alike when they
//! have the same shape, and snapshots do not churn when ids shift. Dead
//! blocks are not printed. The format:
//!
//! ```text
//! graph f(x_0, y_0)
//! block0(x_0, y_0):
//!     v0 = lt(x_0, y_0)                       # prog.py:3:8
//!     exitswitch v0
//!     False -> block1(x_0)
//!     True -> return(y_0)
//! block1(x_1):
//!     v1 = simple_call(g, x_1)
//!     exitswitch last_exception
//!     -> return(v1)
//!     catch ValueError as (etype_0, evalue_0) -> raise(etype_0, evalue_0)
//! ```
//!
//! Links to the return block read `return(...)` and links to the except
//! block read `raise(...)`. Positions and notes about variables (the
//! annotator passes annotations, see [`print_graph_with`]) are comments. Constants are printed by a caller-supplied
//! function; the printed form must not look like a variable name for the
//! dump to be parsed back by [`parse_graph`](crate::parse_graph).

use std::collections::HashMap;
use std::fmt::Write;

use cranelift_entity::SecondaryMap;

use crate::model::{Block, ExitCase, ExitSwitch, FlowGraph, Link, Loc, Operand, Var};

/// Renders a constant.
pub type ConstPrinter<'a, C> = &'a dyn Fn(&C) -> String;
/// Renders a source position, e.g. as `interp.py:12:5`.
pub type LocPrinter<'a> = &'a dyn Fn(Loc) -> String;

/// Renders a note about a variable, such as its annotation.
pub type VarNotePrinter<'a> = &'a dyn Fn(Var) -> Option<String>;

/// The column at which trailing comments start.
const COMMENT_COLUMN: usize = 40;

/// How to print a graph.
pub struct PrintOptions<'a, C> {
    /// Renders constants.
    pub konst: ConstPrinter<'a, C>,
    /// Renders positions; without it positions are not shown.
    pub loc: Option<LocPrinter<'a>>,
    /// Renders a note about a variable (the annotator passes annotations);
    /// notes are shown in comments, so the dump still parses.
    pub note: Option<VarNotePrinter<'a>>,
}

/// Dumps a graph as text; positions are shown only if `loc` is given.
pub fn print_graph<C>(
    graph: &FlowGraph<C>,
    konst: ConstPrinter<'_, C>,
    loc: Option<LocPrinter<'_>>,
) -> String {
    print_graph_with(
        graph,
        &PrintOptions {
            konst,
            loc,
            note: None,
        },
    )
}

/// Dumps a graph as text with every option. Notes about block inputs go on
/// a comment line after the block header, notes about operation results
/// and positions in a comment after the operation, and notes about the
/// exception variables of a link in a comment after the link.
pub fn print_graph_with<C>(graph: &FlowGraph<C>, options: &PrintOptions<'_, C>) -> String {
    let konst = options.konst;
    let mut namer = Namer::new(graph);
    let mut out = String::new();
    let args: Vec<String> = graph.args.iter().map(|&v| namer.var(v)).collect();
    let _ = writeln!(out, "graph {}({})", graph.name, args.join(", "));
    for &block in namer.order.clone().iter() {
        let data = &graph.blocks[block];
        let inputs: Vec<String> = data.inputs.iter().map(|&v| namer.var(v)).collect();
        let _ = writeln!(out, "{}({}):", namer.block(block), inputs.join(", "));
        let notes = var_notes(&mut namer, options, &data.inputs);
        if !notes.is_empty() {
            let _ = writeln!(out, "    # {notes}");
        }
        for op in &data.ops {
            let args = namer.operands(&op.args, konst);
            let result = namer.var(op.result);
            let text = format!("{result} = {}({args})", op.kind);
            let mut comment: Vec<String> = Vec::new();
            if let Some(note) = options.note.and_then(|note| note(op.result)) {
                comment.push(note);
            }
            if let (Some(l), Some(render)) = (op.loc, options.loc) {
                comment.push(render(l));
            }
            write_with_comment(&mut out, &text, &comment.join("  "));
        }
        match data.exitswitch {
            ExitSwitch::None => {}
            ExitSwitch::Value(v) => {
                let _ = writeln!(out, "    exitswitch {}", namer.var(v));
            }
            ExitSwitch::LastException => {
                let _ = writeln!(out, "    exitswitch last_exception");
            }
        }
        for link in &data.exits {
            let text = namer.link(link, konst);
            let bound: Vec<Var> = link.bound_vars().collect();
            let notes = var_notes(&mut namer, options, &bound);
            write_with_comment(&mut out, &text, &notes);
        }
    }
    out
}

/// `name: note` for each variable that has a note, comma-separated.
fn var_notes<C>(namer: &mut Namer<'_, C>, options: &PrintOptions<'_, C>, vars: &[Var]) -> String {
    let Some(note) = options.note else {
        return String::new();
    };
    let notes: Vec<String> = vars
        .iter()
        .filter_map(|&v| note(v).map(|n| format!("{}: {n}", namer.var(v))))
        .collect();
    notes.join(", ")
}

/// Writes an indented line, followed by an aligned comment if any.
fn write_with_comment(out: &mut String, text: &str, comment: &str) {
    if comment.is_empty() {
        let _ = writeln!(out, "    {text}");
    } else {
        let width = COMMENT_COLUMN - 6;
        let _ = writeln!(out, "    {text:<width$}  # {comment}");
    }
}

/// Names blocks and variables for printing, in order of appearance.
pub(crate) struct Namer<'g, C> {
    graph: &'g FlowGraph<C>,
    /// The live blocks in print order.
    pub(crate) order: Vec<Block>,
    block_names: SecondaryMap<Block, Option<u32>>,
    var_names: HashMap<Var, String>,
    counters: HashMap<String, u32>,
}

impl<'g, C> Namer<'g, C> {
    /// A namer numbering the graph's reachable blocks.
    pub(crate) fn new(graph: &'g FlowGraph<C>) -> Self {
        let order = graph.blocks_reachable();
        let mut block_names = SecondaryMap::new();
        let mut next = 0;
        for &block in &order {
            if !graph.is_final(block) {
                block_names[block] = Some(next);
                next += 1;
            }
        }
        Namer {
            graph,
            order: order.into_iter().filter(|&b| !graph.is_final(b)).collect(),
            block_names,
            var_names: HashMap::new(),
            counters: HashMap::new(),
        }
    }

    /// The printed name of a block: `blockN`, `return`, `raise`, or the raw
    /// id for a dead block.
    pub(crate) fn block(&self, block: Block) -> String {
        if block == self.graph.returnblock {
            "return".to_string()
        } else if block == self.graph.exceptblock {
            "raise".to_string()
        } else {
            match self.block_names.get(block).copied().flatten() {
                Some(n) => format!("block{n}"),
                None => format!("dead_{block}"),
            }
        }
    }

    /// The printed name of a variable, assigned on first request.
    pub(crate) fn var(&mut self, v: Var) -> String {
        if let Some(name) = self.var_names.get(&v) {
            return name.clone();
        }
        let hint = self
            .graph
            .vars
            .get(v)
            .and_then(|data| data.name.as_deref())
            .map(sanitize);
        let name = match hint {
            Some(hint) => {
                let n = self.counters.entry(hint.clone()).or_insert(0);
                let name = format!("{hint}_{n}");
                *n += 1;
                name
            }
            None => {
                let n = self.counters.entry(String::new()).or_insert(0);
                let name = format!("v{n}");
                *n += 1;
                name
            }
        };
        self.var_names.insert(v, name.clone());
        name
    }

    /// Comma-separated operands.
    pub(crate) fn operands(&mut self, args: &[Operand<C>], konst: ConstPrinter<'_, C>) -> String {
        let parts: Vec<String> = args
            .iter()
            .map(|a| match a {
                Operand::Var(v) => self.var(*v),
                Operand::Const(c) => konst(c),
            })
            .collect();
        parts.join(", ")
    }

    /// A link as `case -> target(args)`.
    pub(crate) fn link(&mut self, link: &Link<C>, konst: ConstPrinter<'_, C>) -> String {
        let mut text = String::new();
        match &link.exitcase {
            ExitCase::None => {}
            ExitCase::Bool(b) => text.push_str(if *b { "True " } else { "False " }),
            ExitCase::Exception(cls) => {
                let _ = write!(text, "catch {}", konst(cls));
                if link.last_exception.is_some() || link.last_exc_value.is_some() {
                    let etype = self.optional_var(link.last_exception);
                    let evalue = self.optional_var(link.last_exc_value);
                    let _ = write!(text, " as ({etype}, {evalue})");
                }
                text.push(' ');
            }
        }
        let args = self.operands(&link.args, konst);
        let _ = write!(text, "-> {}({args})", self.block(link.target));
        text
    }

    fn optional_var(&mut self, v: Option<Var>) -> String {
        match v {
            Some(v) => self.var(v),
            None => "_".to_string(),
        }
    }
}

/// Turns a hint into an identifier: non-identifier characters become `_`,
/// and an empty hint or one starting with a digit is prefixed with `_`.
fn sanitize(hint: &str) -> String {
    let mut name: String = hint
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}
