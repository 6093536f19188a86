//! Methods of `str`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
