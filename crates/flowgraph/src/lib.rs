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
pub use print::{print_graph, ConstPrinter, LocPrinter};
pub use simplify::simplify_graph;
pub use text_const::TextConst;
