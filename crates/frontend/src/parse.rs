//! The parser adapter: the only module that calls the Python parser crate.
//!
//! It turns source text into the parser's AST and parse errors into our
//! diagnostics. The rest of the frontend reads the AST through
//! [`crate::ast`], and turns the parser's text ranges into [`Span`]s with
//! [`span_of`].

use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use ruff_text_size::{Ranged, TextRange};

/// Parses one module. A syntax error becomes a diagnostic at its position.
pub fn parse_module(file: FileId, text: &str) -> Result<crate::ast::ModModule, Diagnostic> {
    match ruff_python_parser::parse_module(text) {
        Ok(parsed) => Ok(parsed.into_syntax()),
        Err(err) => {
            let span = range_to_span(file, err.location);
            Err(Diagnostic::error(format!("syntax error: {}", err.error)).at(span, "here"))
        }
    }
}

/// The span of any AST node.
pub fn span_of(file: FileId, node: &impl Ranged) -> Span {
    range_to_span(file, node.range())
}

pub fn range_to_span(file: FileId, range: TextRange) -> Span {
    Span::new(file, range.start().to_u32(), range.end().to_u32())
}
