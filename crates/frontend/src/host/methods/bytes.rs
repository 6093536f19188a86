//! Methods of `bytes`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
