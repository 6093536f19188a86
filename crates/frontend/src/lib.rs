//! The rpy frontend: Python source to flow graphs.
//!
//! `parse` wraps the parser crate, `compile` turns the AST into host
//! bytecode (`bytecode`), `host` runs it on real values at import time, and
//! the flow space runs the same bytecode on variables to build flow graphs.

pub mod bytecode;
pub mod compile;
pub mod diag;
pub mod dis;
pub mod flowspace;
pub mod host;
pub mod parse;
pub mod source;

/// The parser's AST, re-exported so only [`parse`] names the parser crate.
pub use ruff_python_ast as ast;
