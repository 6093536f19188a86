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
        Ok(parsed) => {
            let module = parsed.into_syntax();
            check_string_literals(file, text, &module)?;
            Ok(module)
        }
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

/// Refuses string literals holding a lone surrogate (`"\\ud800"`): the
/// parser's strings are UTF-8, where a surrogate cannot be, and it
/// replaces one with U+FFFD, which would silently change the program.
fn check_string_literals(
    file: FileId,
    text: &str,
    module: &crate::ast::ModModule,
) -> Result<(), Diagnostic> {
    use crate::ast::visitor::{self, Visitor};
    struct Check<'t> {
        text: &'t str,
        found: Option<TextRange>,
    }
    impl Check<'_> {
        fn literal(&mut self, value: &str, range: TextRange) {
            if self.found.is_none()
                && value.contains('\u{FFFD}')
                && has_surrogate_escape(&self.text[range])
            {
                self.found = Some(range);
            }
        }
    }
    impl<'a> Visitor<'a> for Check<'_> {
        fn visit_string_literal(&mut self, s: &'a ruff_python_ast::StringLiteral) {
            self.literal(&s.value, s.range);
        }
        fn visit_interpolated_string_element(
            &mut self,
            e: &'a ruff_python_ast::InterpolatedStringElement,
        ) {
            if let ruff_python_ast::InterpolatedStringElement::Literal(l) = e {
                self.literal(&l.value, l.range);
            }
            visitor::walk_interpolated_string_element(self, e);
        }
    }
    let mut check = Check { text, found: None };
    check.visit_body(&module.body);
    match check.found {
        None => Ok(()),
        Some(range) => Err(Diagnostic::error(
            "a lone surrogate (U+D800..U+DFFF) in a string literal is not supported",
        )
        .at(range_to_span(file, range), "here")
        .with_note("build it at run time instead, for example with chr(0xdc80)")),
    }
}

/// Whether source text has an escape `\\uD800`..`\\uDFFF` (or its
/// `\\U0000....` form) whose backslash is not itself escaped.
fn has_surrogate_escape(source: &str) -> bool {
    let b = source.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let digits = match b.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => {
                i += 2;
                continue;
            }
        };
        let hex = source.get(i + 2..i + 2 + digits);
        if let Some(v) = hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
            if (0xD800..=0xDFFF).contains(&v) {
                return true;
            }
        }
        i += 2;
    }
    false
}
