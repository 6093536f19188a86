//! `lltype`: low-level types and low-level graphs.
//!
//! This crate is the contract between the translator and every backend:
//! the rtyper produces a [`Module`] of typed low-level graphs, the
//! transforms rewrite it, and the backends (C, native, wasm, JVM) consume
//! it. It depends on nothing of the frontend or the annotator, so another
//! compiler can build modules (or write them as text, see [`parse`]) and
//! hand them to a backend directly. Nothing unverified reaches a backend:
//! [`verify`] type-checks every operation and returns the [`ModuleInfo`]
//! backends take.

#![deny(missing_docs)]

pub mod externals;
pub mod module;
pub mod ops;
pub mod parse;
pub mod print;
pub mod types;
pub mod verify;

pub use externals::{check_external, external, External, EXTERNALS};
pub use module::{
    Block, BlockData, Body, ConstValue, Constant, Exit, FuncId, Function, Global, GlobalId, Graph,
    Handler, Init, Inline, Link, Module, ModuleError, Op, Operand, Symbolic, Var, VarData,
};
pub use ops::{Arity, Effect, LlOp};
pub use parse::{parse_module, ParseError};
pub use print::{print_graph, print_module};
pub use types::{Field, IntWidth, Prim, StructType, Type, TypeError, TypeId, Types};
pub use verify::{verify, verify_gc_addresses, ModuleInfo, VerifyError};
