//! Helpers shared by the integration tests: short constructors for
//! operands and one `check` helper that snapshots a graph before and after
//! simplification.

#![allow(dead_code)]

use flowgraph::{
    check_graph, parse_graph, print_graph, simplify_graph, FlowGraph, Loc, Operand, TextConst, Var,
};

/// The graphs of the tests use the text constant type.
pub type Graph = FlowGraph<TextConst>;

/// A variable operand.
pub fn v(var: Var) -> Operand<TextConst> {
    Operand::Var(var)
}

/// An integer constant operand.
pub fn int(n: i64) -> Operand<TextConst> {
    Operand::Const(TextConst::Int(n))
}

/// A named constant (a global, class or function).
pub fn name(n: &str) -> TextConst {
    TextConst::Name(n.to_string())
}

/// A named constant operand.
pub fn global(n: &str) -> Operand<TextConst> {
    Operand::Const(name(n))
}

/// Renders positions as `prog.py:START-END`.
pub fn render_loc(loc: Loc) -> String {
    format!("prog.py:{}-{}", loc.start, loc.end)
}

/// A position in `prog.py`.
pub fn loc(start: u32, end: u32) -> Option<Loc> {
    Some(Loc {
        file: 0,
        start,
        end,
    })
}

/// Prints a graph without positions.
pub fn dump(graph: &Graph) -> String {
    print_graph(graph, &TextConst::print, None)
}

/// Asserts a graph is valid, that its dump parses back to the same dump.
pub fn assert_valid(graph: &Graph) {
    if let Err(errors) = check_graph(graph) {
        panic!("invalid graph:\n{}\n{}", errors.join("\n"), dump(graph));
    }
    let text = dump(graph);
    let parsed = parse_graph(&text, &TextConst::parse)
        .unwrap_or_else(|e| panic!("dump does not parse: {e}\n{text}"));
    assert_eq!(dump(&parsed), text, "dump does not round-trip");
    check_graph(&parsed).expect("the parsed graph is valid");
}

/// Checks a graph, simplifies it, checks it again, and returns both dumps
/// for a snapshot.
pub fn before_and_after(mut graph: Graph) -> String {
    assert_valid(&graph);
    let before = print_graph(&graph, &TextConst::print, Some(&render_loc));
    simplify_graph(&mut graph);
    assert_valid(&graph);
    let after = print_graph(&graph, &TextConst::print, Some(&render_loc));
    format!("{before}\n--- after simplify_graph ---\n\n{after}")
}
