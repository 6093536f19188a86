//! Methods of `int`.

use super::MethodTable;

pub const METHODS: MethodTable = &[];
