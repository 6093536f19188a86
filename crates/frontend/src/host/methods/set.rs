//! Methods of `set`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
