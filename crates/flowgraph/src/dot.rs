//! Export of a graph in Graphviz DOT format, to look at a graph.
//!
//! Each live block is a box listing its inputs, operations and exit switch;
//! the return and except blocks are ellipses; each link is an edge labelled
//! with its exit case and arguments. Names are those of the text dump
//! ([`print_graph`](crate::print_graph)), so the two can be read side by
//! side.

use std::fmt::Write;

use crate::model::{ExitCase, ExitSwitch, FlowGraph};
use crate::print::{ConstPrinter, Namer};

/// Renders a graph as a DOT `digraph`.
pub fn graph_to_dot<C>(graph: &FlowGraph<C>, konst: ConstPrinter<'_, C>) -> String {
    let mut namer = Namer::new(graph);
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", escape(&graph.name));
    let _ = writeln!(out, "    node [shape=box, fontname=\"monospace\"];");
    for block in namer.order.clone() {
        let data = &graph.blocks[block];
        let name = namer.block(block);
        let inputs: Vec<String> = data.inputs.iter().map(|&v| namer.var(v)).collect();
        let mut label = format!("{name}({})\\l", escape(&inputs.join(", ")));
        for op in &data.ops {
            let args = namer.operands(&op.args, konst);
            let result = namer.var(op.result);
            let text = format!("{result} = {}({args})", op.kind);
            let _ = write!(label, "{}\\l", escape(&text));
        }
        match data.exitswitch {
            ExitSwitch::None => {}
            ExitSwitch::Value(v) => {
                let _ = write!(label, "exitswitch {}\\l", escape(&namer.var(v)));
            }
            ExitSwitch::LastException => label.push_str("exitswitch last_exception\\l"),
        }
        let _ = writeln!(out, "    {name} [label=\"{label}\"];");
        for link in &data.exits {
            let mut edge = match &link.exitcase {
                ExitCase::None => String::new(),
                ExitCase::Bool(b) => (if *b { "True" } else { "False" }).to_string(),
                ExitCase::Exception(cls) => format!("catch {}", konst(cls)),
            };
            let args = namer.operands(&link.args, konst);
            if !edge.is_empty() {
                edge.push('\n');
            }
            let _ = write!(edge, "({args})");
            let style = if matches!(link.exitcase, ExitCase::Exception(_)) {
                ", style=dashed"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    {name} -> {} [label=\"{}\"{style}];",
                namer.block(link.target),
                escape(&edge)
            );
        }
    }
    for (block, shape) in [(graph.returnblock, "return"), (graph.exceptblock, "raise")] {
        let inputs: Vec<String> = graph
            .blocks
            .get(block)
            .map(|data| data.inputs.iter().map(|&v| namer.var(v)).collect())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "    {shape} [shape=ellipse, label=\"{}({})\"];",
            shape,
            escape(&inputs.join(", "))
        );
    }
    out.push_str("}\n");
    out
}

/// Escapes text for a double-quoted DOT string.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out
}
