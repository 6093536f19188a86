//! Methods of `tuple`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
