//! The flow space: abstract interpretation of a function's bytecode into a
//! flow graph.
//!
//! The same instruction loop as the host interpreter ([`crate::host::interp`])
//! runs over [`FlowValue`]s: constants (host values computed at import time)
//! and variables (values only known at run time). Operations on constants
//! whose result cannot change at run time are folded by the host space;
//! everything else is recorded as an operation of the current block.
//!
//! Control flow follows PyPy's flow space:
//! * a branch on a variable forks the frame state ([`Step::Fork`]) and ends
//!   the block with a boolean exit switch;
//! * at every jump target the state is merged with the states already seen
//!   there: a state that fits an existing block links to it, otherwise the
//!   two are generalised (differing constants become variables) and the old
//!   block becomes a forwarding block to a more general one, which is
//!   flowed again; loops close this way;
//! * an operation that can raise, inside a `try`, ends its block with
//!   exception exits to the handler; a `raise` without a handler links to
//!   the graph's except block; exceptions are otherwise implicit (they
//!   propagate to the caller).
//!
//! [`Step::Fork`]: crate::host::interp::Step::Fork

mod builder;
mod discover;
mod dump;
mod space;

pub use builder::{build_flow_graph, build_flow_graph_relocatable};
pub use discover::{all_functions, reachable_graphs, FunctionGraph};
pub use dump::{describe_const, describe_loc, graph_to_dot, graph_to_text};
pub use space::WITH_EXIT_HINT;

use crate::diag::Diagnostic;
use crate::host::Value;
use flowgraph::Var;
use std::sync::Arc;

/// The flow graph type built by the frontend: constants are host values.
pub type Graph = flowgraph::FlowGraph<Value>;

/// A value in the flow space.
#[derive(Clone, Debug, PartialEq)]
pub enum FlowValue {
    /// Known only at run time.
    Var(Var),
    /// Known at translation time.
    Const(Value),
    /// An iterator over a constant sequence, at a position: loops over it
    /// are unrolled (each position is a distinct frame state).
    ConstIter(Arc<[Value]>, usize),
    /// Only in the cell slots of a frame: a cell variable not yet assigned.
    /// (In the flow space a cell variable's slot holds its value; closures
    /// capture values, since RPython forbids rebinding captured variables.)
    Unbound,
}

/// An exception in the flow space.
#[derive(Clone, Debug)]
pub enum FlowExc {
    /// A `raise` in the program: the exception's class and instance.
    Raise { etype: FlowValue, value: FlowValue },
    /// The function cannot be translated: the flow space stops with this.
    Error(Box<FlowError>),
}

/// Why a function's graph cannot be built. It names the instruction, not a
/// text position, so it stays valid when only the text around the function
/// moves; [`FlowError::to_diagnostic`] places it in the current code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlowError {
    /// The instruction at fault, or `None` for the function as a whole.
    pub pc: Option<u32>,
    pub message: String,
    /// The function, for the note.
    pub function: String,
}

impl FlowError {
    /// The diagnostic, with positions from `code` (the function's code).
    pub fn to_diagnostic(&self, code: &crate::bytecode::CodeObject) -> Diagnostic {
        let (span, label) = match self.pc {
            Some(pc) => (
                code.spans
                    .get(pc as usize)
                    .copied()
                    .unwrap_or(code.def_span),
                "here",
            ),
            None => (code.def_span, "in this function"),
        };
        Diagnostic::error(self.message.clone())
            .at(span, label)
            .with_note(format!(
                "while building the flow graph of `{}`",
                self.function
            ))
    }
}
