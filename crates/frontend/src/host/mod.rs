//! The host object space: real Python values, computed at import time
//! (and by `rpy run`).

pub mod dict;
pub mod file;
pub mod format;
pub mod heap;
pub mod interp;
pub mod methods;
pub mod modules;
pub mod object;
pub mod ops;
pub mod types;
pub mod value;
pub mod vm;

pub use heap::Heap;
pub use object::{Args, Object};
pub use value::{ObjRef, PyStr, Value};
pub use vm::{Exc, PyResult, Vm};
