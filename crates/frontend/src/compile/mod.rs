//! The bytecode compiler: AST to [`CodeObject`]s.

use crate::bytecode::CodeObject;
use crate::diag::Diagnostic;
use crate::source::FileId;
use std::sync::Arc;

/// Compiles a parsed module into the code object of its body.
pub fn compile_module(
    file: FileId,
    module_name: &str,
    module: &crate::ast::ModModule,
) -> Result<Arc<CodeObject>, Diagnostic> {
    let _ = (file, module_name, module);
    Err(Diagnostic::error("the bytecode compiler is not written yet"))
}
