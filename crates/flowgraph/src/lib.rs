//! The high-level flow graph IR.
//!
//! The frontend's flow space abstractly interprets each reachable function
//! and records what it does as a [`FlowGraph`]: basic blocks in SSA form
//! whose operations ([`OpKind`]) are the Python-level operations of PyPy's
//! flow space, linked by [`Link`]s that pass values to the target block's
//! inputs and may catch exceptions. The annotator and the rtyper consume
//! these graphs.
//!
//! The crate deliberately knows nothing about the frontend: a graph is
//! generic over the type `C` of its constants (the frontend uses its host
//! `Value`), and source positions are opaque [`Loc`]s. Entities are ids in
//! arenas, so side data lives in `SecondaryMap`s beside the graph.
//!
//! Besides the model, the crate provides the tools every IR needs: a
//! [text dump](print_graph) and its [parser](parse_graph), a
//! [DOT export](graph_to_dot), an [invariant checker](check_graph) and the
//! [classic simplifications](simplify_graph).
//!
//! ```
//! use flowgraph::{check_graph, print_graph, ExitSwitch, FlowGraph, Link, OpKind, Operand, TextConst};
//!
//! // def double(x): return x + x
//! let mut graph: FlowGraph<TextConst> = FlowGraph::new("double", ["x"]);
//! let x = graph.args[0];
//! let start = graph.startblock;
//! let sum = graph.push_op(start, OpKind::Add, vec![Operand::Var(x), Operand::Var(x)], None);
//! let exit = Link::new(graph.returnblock, vec![Operand::Var(sum)]);
//! graph.close_block(start, ExitSwitch::None, vec![exit]);
//! assert_eq!(check_graph(&graph), Ok(()));
//! assert_eq!(
//!     print_graph(&graph, &TextConst::print, None),
//!     "graph double(x_0)\nblock0(x_0):\n    v0 = add(x_0, x_0)\n    -> return(v0)\n",
//! );
//! ```

#![deny(missing_docs)]

mod check;
mod dot;
mod model;
mod op;
mod parse;
mod print;
pub mod simplify;
mod text_const;

pub use check::check_graph;
pub use dot::graph_to_dot;
pub use model::{
    substitute_operands, Block, BlockData, ExitCase, ExitSwitch, FlowGraph, Link, Loc, Operand,
    Operation, Var, VarData,
};
pub use op::{Arity, CallShape, OpKind};
pub use parse::{parse_graph, ConstParser, ParseError};
pub use print::{
    print_graph, print_graph_with, ConstPrinter, LocPrinter, PrintOptions, VarNotePrinter,
};
pub use simplify::simplify_graph;
pub use text_const::TextConst;
