//! The host object space: real Python values, computed at import time
//! (and by `rpy run`).

pub mod args;
pub mod bind;
pub mod builtins;
pub mod class;
pub mod constructors;
pub mod dict;
pub mod exceptions;
pub mod exec;
pub mod file;
pub mod format;
pub mod hashing;
pub mod heap;
pub mod import;
pub mod interp;
pub mod introspect;
pub mod methods;
pub mod modules;
pub mod namespace;
pub mod object;
pub mod ops;
pub mod run;
pub mod space;
pub mod subclass;
pub mod types;
pub mod unicode;
pub mod value;
pub mod vm;

#[cfg(test)]
mod tests;

pub use heap::Heap;
pub use object::{Args, Object};
pub use value::{ObjRef, PyStr, Value};
pub use vm::{Exc, PreloadedModule, PyResult, Vm};
