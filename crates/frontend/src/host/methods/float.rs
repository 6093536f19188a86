//! Methods of `float`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
