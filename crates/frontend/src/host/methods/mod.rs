//! Methods of the built-in types, one table per type. The bootstrap in
//! `types.rs` installs each table into its class's dict.

pub mod bytes;
pub mod dict;
pub mod float;
pub mod int;
pub mod list;
pub mod set;
pub mod str;
pub mod tuple;

use super::object::NativeFn;

/// A method table: name and native implementation (receiver first).
pub type MethodTable = &'static [(&'static str, NativeFn)];
