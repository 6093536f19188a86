//! Operations on host values, as the interpreter calls them.
//!
//! Each concern has its own file; all of them add methods to [`Vm`]:
//! `arith` (operators), `compare` (comparisons, `in`, truth), `dictops`
//! (hashing, dict and set storage), `item` (subscription and slices),
//! `iter` (the iteration protocol), `repr` (`repr`/`str`/f-strings) and
//! `call` (calling and instantiation). Attribute access and classes are in
//! `host/class.rs`, the bootstrap in `host/types.rs`.

mod arith;
mod call;
pub mod compare;
pub(crate) mod dictops;
pub mod item;
mod iter;
pub mod num;
pub mod repr;

use super::value::ObjRef;
use super::vm::Vm;

impl Vm {
    /// A new builtin module (`sys`, `os`, `math`, `time`), registered as
    /// loaded; `import` creates one when `sys.modules` has none.
    pub fn builtin_module(&mut self, name: &str) -> Option<ObjRef> {
        let m = super::modules::create(self, name)?;
        self.register_module(name, m);
        Some(m)
    }
}
