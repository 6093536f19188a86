//! Methods of `dict`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
