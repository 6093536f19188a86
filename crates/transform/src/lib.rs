//! Low-level passes: the translation aspects woven into every program.
//!
//! Each pass is one file with one public verb, takes a verified
//! [`lltype::Module`] and leaves it verified; which passes run, and in
//! which order, is decided in one place by the driver.

#![deny(missing_docs)]

pub mod exceptions;
pub mod gc;
pub mod inline;
pub mod simplify;
pub mod split;
pub mod stackcheck;

pub use exceptions::{transform_exceptions, ExceptionConfig, ExceptionError};
pub use gc::{
    check_no_gc_operations, insert_gc_roots, transform_gc_allocations, verify_gc_addresses,
    GcConfig, GcError, GcState,
};
pub use inline::inline_small_functions;
pub use simplify::join_blocks;
pub use stackcheck::{insert_stack_checks, recursive_functions, ShadowStack};
