//! The parser adapter: the only module that calls the Python parser crate.
//!
//! It turns source text into the parser's AST and parse errors into our
//! diagnostics. The rest of the frontend reads the AST through
//! [`crate::ast`], and turns the parser's text ranges into [`Span`]s with
//! [`span_of`].

use crate::diag::Diagnostic;
use crate::source::{FileId, Span};
use ruff_text_size::{Ranged, TextRange};

/// Parses one module as CPython 3.11 does. A syntax error becomes a
/// diagnostic at its position, and so does syntax of later Pythons (the
/// parser knows the version each form was added in), and the limits of
/// CPython's tokenizer and compiler.
pub fn parse_module(file: FileId, text: &str) -> Result<crate::ast::ModModule, Diagnostic> {
    let options = ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module)
        .with_target_version(ruff_python_ast::PythonVersion::PY311);
    let parsed = ruff_python_parser::parse_unchecked(text, options)
        .try_into_module()
        .expect("parsed in module mode");
    match parsed.errors().first() {
        None => {
            if let Some(err) = parsed.unsupported_syntax_errors().first() {
                let span = range_to_span(file, err.range);
                return Err(Diagnostic::error(format!("syntax error: {err}"))
                    .at(span, "here")
                    .with_note("rpy accepts the syntax of Python 3.11"));
            }
            check_token_nesting(file, parsed.tokens())?;
            check_indentation(file, text, parsed.tokens())?;
            let module = parsed.into_syntax();
            check_expression_depth(file, &module)?;
            check_string_literals(file, text, &module)?;
            Ok(module)
        }
        Some(err) => {
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

/// CPython's tokenizer refuses a 201st level of open brackets.
const MAX_BRACKET_NESTING: usize = 200;
/// CPython's tokenizer refuses a 100th level of indentation.
const MAX_INDENT_LEVELS: usize = 99;
/// CPython 3.11's compiler (its symbol table pass) counts the nesting of
/// statements and expressions and raises `RecursionError` past 3000 levels
/// (the recursion limit of 1000 times its frame scale of 3, for a module
/// compiled at the bottom of the stack).
const MAX_SYNTAX_DEPTH: usize = 3000;

/// Refuses the nesting CPython's tokenizer refuses: more than 200 levels
/// of `(`, `[` and `{`, or 100 levels of indentation. Python 3.11 parses
/// the expression of an f-string's replacement field on its own, so its
/// brackets are counted from the field's `{`.
fn check_token_nesting(
    file: FileId,
    tokens: &ruff_python_ast::token::Tokens,
) -> Result<(), Diagnostic> {
    use ruff_python_ast::token::TokenKind;
    let mut brackets = 0usize;
    let mut outer: Vec<usize> = Vec::new();
    let mut indents = 0usize;
    let mut iter = tokens.iter().peekable();
    while let Some(token) = iter.next() {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                brackets += 1;
                if brackets > MAX_BRACKET_NESTING {
                    return Err(
                        Diagnostic::error("syntax error: too many nested parentheses")
                            .at(
                                range_to_span(file, token.range()),
                                "the 201st level of brackets",
                            )
                            .with_note(
                                "CPython refuses more than 200 nested levels of `(`, `[` and `{`",
                            ),
                    );
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                brackets = brackets.saturating_sub(1);
            }
            TokenKind::FStringStart | TokenKind::TStringStart => {
                outer.push(brackets);
                brackets = 0;
            }
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                brackets = outer.pop().unwrap_or(0);
            }
            TokenKind::Indent => {
                indents += 1;
                if indents > MAX_INDENT_LEVELS {
                    // Point at the statement, not at its leading spaces.
                    let at = iter.peek().map_or(token.range(), |t| t.range());
                    return Err(Diagnostic::error(
                        "indentation error: too many levels of indentation",
                    )
                    .at(range_to_span(file, at), "the 100th level")
                    .with_note("CPython refuses 100 or more nested levels of indentation"));
                }
            }
            TokenKind::Dedent => indents = indents.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Measures indentation as CPython's tokenizer does and refuses what it
/// refuses. Every logical line's indentation is measured twice, with tabs
/// to the next multiple of 8 and with tabs as one column: both measures
/// must order the lines the same way (else `TabError`), and a dedent must
/// return to an enclosing level (else `IndentationError`). The parser's
/// own indent and dedent tokens must then agree with CPython's reading:
/// where they would not, the program would mean something else here.
fn check_indentation(
    file: FileId,
    text: &str,
    tokens: &ruff_python_ast::token::Tokens,
) -> Result<(), Diagnostic> {
    use ruff_python_ast::token::TokenKind;
    // (columns with tabs of 8, columns with tabs of 1) of the open blocks.
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut at_line_start = true;
    // The parser's indents minus dedents since the last logical line.
    let mut parser_change = 0isize;
    for token in tokens.iter() {
        match token.kind() {
            TokenKind::Newline => {
                at_line_start = true;
                parser_change = 0;
                continue;
            }
            TokenKind::Indent => {
                parser_change += 1;
                continue;
            }
            TokenKind::Dedent => {
                parser_change -= 1;
                continue;
            }
            TokenKind::NonLogicalNewline | TokenKind::Comment | TokenKind::EndOfFile => continue,
            _ if !at_line_start => continue,
            _ => at_line_start = false,
        }
        let start = token.start().to_usize();
        let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let (mut col, mut alt) = (0usize, 0usize);
        for c in text[line_start..start].chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
        }
        let span = Span::new(file, line_start as u32, start as u32);
        let tab_error = || {
            Diagnostic::error("tab error: inconsistent use of tabs and spaces in indentation")
                .at(span, "this indentation")
                .with_note(
                    "its depth relative to the lines before depends on how wide a tab is; \
                     CPython refuses it (indent with spaces only)",
                )
        };
        let &(top, top_alt) = stack.last().expect("the outermost level stays");
        let change = if col > top {
            if alt <= top_alt {
                return Err(tab_error());
            }
            stack.push((col, alt));
            1
        } else {
            let depth = stack.len();
            while stack.len() > 1 && col < stack.last().expect("not empty").0 {
                stack.pop();
            }
            let &(top, top_alt) = stack.last().expect("the outermost level stays");
            if col != top {
                return Err(Diagnostic::error(
                    "indentation error: unindent does not match any outer indentation level",
                )
                .at(span, "this indentation"));
            }
            if alt != top_alt {
                return Err(tab_error());
            }
            stack.len() as isize - depth as isize
        };
        if change != parser_change {
            return Err(
                Diagnostic::error("indentation error: inconsistent indentation")
                    .at(span, "this indentation")
                    .with_note(
                        "with tabs at every 8 columns, as CPython reads them, this line is \
                     not indented as the parser read it (indent with spaces only)",
                    ),
            );
        }
    }
    Ok(())
}

/// Refuses statements and expressions nested more deeply than CPython's
/// compiler accepts (a long chain `1 + 1 + ... + 1`, `- - - x`, nested
/// conditional expressions or lambdas), counted as CPython counts them.
/// The walk stops at the limit, so its own depth is bounded.
fn check_expression_depth(file: FileId, module: &crate::ast::ModModule) -> Result<(), Diagnostic> {
    use crate::ast::visitor::{self, Visitor};
    use ruff_python_ast::{Expr, InterpolatedStringElement, Stmt};
    struct Depth {
        depth: usize,
        found: Option<TextRange>,
    }
    impl Depth {
        /// Enters one level; false (and the place recorded) past the limit.
        fn enter(&mut self, range: TextRange) -> bool {
            if self.found.is_some() {
                return false;
            }
            self.depth += 1;
            if self.depth > MAX_SYNTAX_DEPTH {
                self.found = Some(range);
                self.depth -= 1;
                return false;
            }
            true
        }
    }
    impl<'a> Visitor<'a> for Depth {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.enter(stmt.range()) {
                visitor::walk_stmt(self, stmt);
                self.depth -= 1;
            }
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            if self.enter(expr.range()) {
                visitor::walk_expr(self, expr);
                self.depth -= 1;
            }
        }
        // A replacement field is a `FormattedValue` node of its own in
        // CPython's tree.
        fn visit_interpolated_string_element(&mut self, e: &'a InterpolatedStringElement) {
            match e {
                InterpolatedStringElement::Literal(_) => {}
                InterpolatedStringElement::Interpolation(i) => {
                    if self.enter(i.range) {
                        visitor::walk_interpolated_string_element(self, e);
                        self.depth -= 1;
                    }
                }
            }
        }
    }
    let mut depth = Depth {
        depth: 0,
        found: None,
    };
    depth.visit_body(&module.body);
    match depth.found {
        None => Ok(()),
        Some(range) => Err(Diagnostic::error(
            "too deeply nested: CPython's compiler raises RecursionError on this program",
        )
        .at(
            range_to_span(file, range),
            "more than 3000 levels of nesting here",
        )
        .with_note(
            "CPython 3.11 compiles at most 3000 nested statements and expressions; \
             split the expression, for example into a loop or several assignments",
        )),
    }
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
