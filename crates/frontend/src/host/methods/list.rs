//! Methods of `list`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
