//! The parser of the text form: reads exactly what [`crate::print`]
//! prints, so transforms and backends can be tested from small
//! hand-written modules with no frontend (as Cranelift's `.clif` files).
//!
//! The module doc of [`crate::print`] describes the form. A module is a
//! sequence of items, each starting on a new line: `struct`, `global`,
//! `extern func`, `func` and `entry`. Items may refer to each other in
//! any order, so the parser makes two passes: the first declares every
//! struct, then defines them all (so a struct may point to itself or to a
//! later one), then reads the headers of the globals and functions; the
//! second reads the initialisers and bodies, where `@g` and `&f` may name
//! anything in the module.
//!
//! The parser builds the module; it does not type-check it. It checks
//! what it needs to build: names resolve (types, globals, functions,
//! fields of initialisers and `offsetof`, variables, blocks), each
//! variable and block is defined once, every block ends in an exit, the
//! types are well formed (through the [`crate::Types`] builders), and the entry
//! block takes the function's parameter types. Whether operations fit
//! their operands, and links their targets, is the verifier's business.
//!
//! Inside a function, names are local: a block label is any identifier,
//! and so is a variable. A variable named `hint_N` (ending in `_` and
//! digits) gets the naming hint `hint`, one named `vN` no hint, and any
//! other name is its own hint, so the printer renames variables but keeps
//! what they hold readable. Comments run from `#` to the end of the line.

mod body;
mod consts;
mod lex;

use crate::module::{Body, FuncId, Function, Global, GlobalId, Init, Inline, Module};
use crate::types::{Field, Prim, TypeError, TypeId};
pub(crate) use lex::{is_ident_char, is_ident_start, is_identifier};
use lex::{Token, TokenKind};

/// Why a text could not be read as a module.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct ParseError {
    /// The line of the offending text, from 1.
    pub line: u32,
    /// The column of the offending text, in characters from 1.
    pub column: u32,
    /// What is wrong.
    pub message: String,
}

/// Reads a module from its text form.
pub fn parse_module(text: &str) -> Result<Module, ParseError> {
    let tokens = lex::tokenize(text)?;
    let items = split_items(&tokens);
    let mut module = Module::new();

    let mut structs = Vec::new();
    for item in items.iter().filter(|i| i.kind == ItemKind::Struct) {
        let mut p = Parser::new(&tokens, item, &mut module);
        let (id, name_tok, fields_at) = p.struct_header()?;
        structs.push((item, id, name_tok, fields_at));
    }
    for (item, id, name_tok, fields_at) in structs {
        let mut p = Parser::new(&tokens, item, &mut module);
        p.pos = fields_at;
        p.struct_fields(id, &name_tok)?;
    }

    let mut globals = Vec::new();
    let mut bodies = Vec::new();
    for item in &items {
        let mut p = Parser::new(&tokens, item, &mut module);
        match item.kind {
            ItemKind::Global => globals.push((item, p.global_header()?)),
            ItemKind::Func => bodies.extend(p.function_header()?.map(|f| (item, f))),
            ItemKind::Struct | ItemKind::Entry | ItemKind::OnFatal => {}
            ItemKind::Unknown => {
                let first = p.peek();
                let message = format!(
                    "expected `struct`, `global`, `extern func`, `func`, `entry` or `on_fatal`, found {}",
                    first.describe()
                );
                return Err(error_at(first, message));
            }
        }
    }

    for (item, (id, init_at)) in globals {
        let mut p = Parser::new(&tokens, item, &mut module);
        p.pos = init_at;
        let ty = p.module.globals[id].ty;
        let init = p.parse_init(ty)?;
        p.expect_end()?;
        module.globals[id].init = init;
    }
    for (item, (id, body_at)) in bodies {
        let mut p = Parser::new(&tokens, item, &mut module);
        p.pos = body_at;
        let graph = body::parse_body(&mut p, id)?;
        module.functions[id].body = Body::Graph(graph);
    }
    for item in &items {
        match item.kind {
            ItemKind::Entry => Parser::new(&tokens, item, &mut module).entry()?,
            ItemKind::OnFatal => Parser::new(&tokens, item, &mut module).on_fatal()?,
            _ => {}
        }
    }
    Ok(module)
}

/// The kinds of top-level items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ItemKind {
    Struct,
    Global,
    /// A function, external or with a body.
    Func,
    Entry,
    /// `on_fatal NAME`.
    OnFatal,
    /// Not an item: reported in order with the errors of the headers.
    Unknown,
}

/// A top-level item: the tokens from one line start at bracket depth 0
/// to the next.
struct Item {
    kind: ItemKind,
    start: usize,
    end: usize,
}

/// Cuts the tokens into items, each starting at the first token of a
/// line outside any brackets, and tells their kinds by their keywords.
fn split_items(toks: &[Token]) -> Vec<Item> {
    let eof = toks.len() - 1;
    let mut starts = Vec::new();
    let mut depth = 0usize;
    for (i, t) in toks[..eof].iter().enumerate() {
        if t.line_start && depth == 0 {
            starts.push(i);
        }
        match t.kind {
            TokenKind::Punct("{" | "(" | "[") => depth += 1,
            TokenKind::Punct("}" | ")" | "]") => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let ends = starts.iter().skip(1).copied().chain([eof]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| {
            let kind = match &toks[start].kind {
                TokenKind::Ident(k) if k == "struct" => ItemKind::Struct,
                TokenKind::Ident(k) if k == "global" => ItemKind::Global,
                TokenKind::Ident(k) if k == "func" || k == "extern" => ItemKind::Func,
                TokenKind::Ident(k) if k == "entry" => ItemKind::Entry,
                TokenKind::Ident(k) if k == "on_fatal" => ItemKind::OnFatal,
                _ => ItemKind::Unknown,
            };
            Item { kind, start, end }
        })
        .collect()
}

/// The words that build types: a struct may not be named after them, or
/// its name would read as something else.
const TYPE_KEYWORDS: &[&str] = &["array", "gc", "func", "opaque"];

/// The words that start constants: a variable may not be named after
/// them, or a use of it would read as the constant.
const CONSTANT_KEYWORDS: &[&str] = &[
    "true",
    "false",
    "null",
    "void",
    "inf",
    "nan",
    "sizeof",
    "offsetof",
    "itemsoffset",
    "itemsize",
    "lengthoffset",
];

/// A type builder's error, at the token that built the type.
fn type_error(at: &Token, e: TypeError) -> ParseError {
    error_at(at, e.to_string())
}

fn error_at(tok: &Token, message: String) -> ParseError {
    ParseError {
        line: tok.line,
        column: tok.column,
        message,
    }
}

/// Reads one item: a cursor over its tokens, and the module being built.
///
/// The cursor sees no further than `end`: the item's end, or the end of
/// the current line while a body statement is read (see
/// [`Parser::start_line`]), so a statement cannot run into the next line
/// and a missing token is reported where the line ends.
struct Parser<'t, 'm> {
    toks: &'t [Token],
    pos: usize,
    end: usize,
    item_end: usize,
    module: &'m mut Module,
}

impl<'t, 'm> Parser<'t, 'm> {
    /// A parser of one item of `toks`.
    fn new(toks: &'t [Token], item: &Item, module: &'m mut Module) -> Parser<'t, 'm> {
        Parser {
            toks,
            pos: item.start,
            end: item.end,
            item_end: item.end,
            module,
        }
    }

    /// The next token; past the item's end, the token that follows it
    /// (which starts a line, or is the end of input).
    fn peek(&self) -> &Token {
        &self.toks[self.pos.min(self.end)]
    }

    /// The token `n` places ahead, within the item.
    fn peek_at(&self, n: usize) -> &Token {
        &self.toks[(self.pos + n).min(self.end)]
    }

    /// Whether the item's tokens are all read.
    fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    /// Consumes the next token (never one past the item's end).
    fn next(&mut self) -> Token {
        let tok = self.peek().clone();
        if self.pos < self.end {
            self.pos += 1;
        }
        tok
    }

    /// Limits the cursor to the rest of the current line.
    fn start_line(&mut self) {
        self.end = (self.pos + 1..self.item_end)
            .find(|&i| self.toks[i].line_start)
            .unwrap_or(self.item_end);
    }

    /// Checks that the current line is all read, and lifts the limit.
    fn end_line(&mut self) -> Result<(), ParseError> {
        self.expect_end()?;
        self.end = self.item_end;
        Ok(())
    }

    /// Ends the current line and starts the next.
    fn next_line(&mut self) -> Result<(), ParseError> {
        self.end_line()?;
        self.start_line();
        Ok(())
    }

    /// Whether the line after the current one starts with this keyword.
    fn next_line_starts_with(&self, keyword: &str) -> bool {
        self.end < self.item_end && self.toks[self.end].is_ident(keyword)
    }

    /// "expected X, found Y" at the next token, or where the line (or
    /// item) ends when nothing is left of it.
    fn unexpected(&self, expected: &str) -> ParseError {
        let tok = self.peek();
        if self.at_end() && self.pos > 0 {
            let prev = &self.toks[self.pos.min(self.end) - 1];
            let found = if matches!(tok.kind, TokenKind::Eof) {
                "end of input"
            } else {
                "end of line"
            };
            return ParseError {
                line: prev.line,
                column: prev.end_column,
                message: format!("expected {expected}, found {found}"),
            };
        }
        error_at(
            tok,
            format!("expected {expected}, found {}", tok.describe()),
        )
    }

    /// Consumes this punctuation if it comes next.
    fn eat_punct(&mut self, p: &str) -> Option<Token> {
        (!self.at_end() && self.peek().is_punct(p)).then(|| self.next())
    }

    /// Consumes this punctuation, or fails.
    fn expect_punct(&mut self, p: &str) -> Result<Token, ParseError> {
        self.eat_punct(p)
            .ok_or_else(|| self.unexpected(&format!("`{p}`")))
    }

    /// After an item of a list closed by `close`: consumes a `,`, or the
    /// `close` (which it returns).
    fn after_list_item(&mut self, close: &str) -> Result<Option<Token>, ParseError> {
        if self.eat_punct(",").is_some() {
            return Ok(None);
        }
        match self.eat_punct(close) {
            Some(tok) => Ok(Some(tok)),
            None => Err(self.unexpected(&format!("`,` or `{close}`"))),
        }
    }

    /// Consumes this keyword if it comes next.
    fn eat_keyword(&mut self, kw: &str) -> bool {
        let found = !self.at_end() && self.peek().is_ident(kw);
        if found {
            self.next();
        }
        found
    }

    /// Consumes this keyword, or fails.
    fn expect_keyword(&mut self, kw: &str) -> Result<(), ParseError> {
        if self.eat_keyword(kw) {
            Ok(())
        } else {
            Err(self.unexpected(&format!("`{kw}`")))
        }
    }

    /// Consumes an identifier (`what` names it in the error).
    fn expect_ident(&mut self, what: &str) -> Result<(String, Token), ParseError> {
        match &self.peek().kind {
            TokenKind::Ident(name) if !self.at_end() => {
                let name = name.clone();
                Ok((name, self.next()))
            }
            _ => Err(self.unexpected(what)),
        }
    }

    /// Checks that the item (or line) is all read.
    fn expect_end(&self) -> Result<(), ParseError> {
        if self.at_end() {
            Ok(())
        } else {
            Err(self.unexpected("end of line"))
        }
    }

    /// Whether the rest of the current line ends in `:` (a block header,
    /// as opposed to an operation or an exit).
    fn line_ends_with_colon(&self) -> bool {
        let line = (self.pos..self.end)
            .take_while(|&i| i == self.pos || !self.toks[i].line_start)
            .last();
        line.is_some_and(|i| self.toks[i].is_punct(":"))
    }

    /// `struct NAME [gc]`: declares the struct, and returns where its
    /// fields start.
    fn struct_header(&mut self) -> Result<(TypeId, Token, usize), ParseError> {
        self.next();
        let (name, tok) = self.expect_ident("a struct name")?;
        if Prim::from_name(&name).is_some() || TYPE_KEYWORDS.contains(&name.as_str()) {
            let message = format!("`{name}` names a type already and cannot name a struct");
            return Err(error_at(&tok, message));
        }
        let gc = self.eat_keyword("gc");
        let id = self
            .module
            .types
            .declare_struct(&name, gc)
            .map_err(|e| type_error(&tok, e))?;
        Ok((id, tok, self.pos))
    }

    /// `{ name: T, ... }`: defines a declared struct.
    fn struct_fields(&mut self, id: TypeId, struct_tok: &Token) -> Result<(), ParseError> {
        self.expect_punct("{")?;
        let mut fields = Vec::new();
        let mut name_toks = Vec::new();
        while self.eat_punct("}").is_none() {
            let (name, tok) = self.expect_ident("a field name")?;
            self.expect_punct(":")?;
            let ty = self.parse_type()?;
            fields.push(Field { name, ty });
            name_toks.push(tok);
            if self.after_list_item("}")?.is_some() {
                break;
            }
        }
        let names: Vec<String> = fields.iter().map(|f| f.name.clone()).collect();
        if let Err(e) = self.module.types.define_struct(id, fields) {
            let at = match &e {
                TypeError::DuplicateField(_, f) => names.iter().rposition(|n| n == f),
                TypeError::BadField(_, f, _) => names.iter().position(|n| n == f),
                _ => None,
            };
            let at = at.map_or(struct_tok, |i| &name_toks[i]);
            return Err(type_error(at, e));
        }
        self.expect_end()
    }

    /// A type: a primitive or struct name, `*T`, `array(T)`,
    /// `gc array(T)`, `[T; N]`, `func(T, ...) -> T` or `opaque(Name)`.
    fn parse_type(&mut self) -> Result<TypeId, ParseError> {
        let tok = self.peek().clone();
        let word = match &tok.kind {
            TokenKind::Ident(w) if !self.at_end() => w.as_str(),
            TokenKind::Punct("*") if !self.at_end() => {
                self.next();
                let to = self.parse_type()?;
                return self.module.types.ptr(to).map_err(|e| type_error(&tok, e));
            }
            TokenKind::Punct("[") if !self.at_end() => {
                self.next();
                let item = self.parse_type()?;
                self.expect_punct(";")?;
                let len = match self.peek().kind {
                    TokenKind::Int(n) if !self.at_end() => u32::try_from(n).ok(),
                    _ => None,
                };
                let Some(len) = len else {
                    return Err(self.unexpected("the array's length"));
                };
                self.next();
                self.expect_punct("]")?;
                return self
                    .module
                    .types
                    .fixed_array(item, len)
                    .map_err(|e| type_error(&tok, e));
            }
            _ => return Err(self.unexpected("a type")),
        };
        if let Some(p) = Prim::from_name(word) {
            self.next();
            return Ok(self.module.types.prim(p));
        }
        if let Some(id) = self.module.types.struct_named(word) {
            self.next();
            return Ok(id);
        }
        match word {
            "gc" | "array" => {
                let gc = word == "gc";
                self.next();
                if gc {
                    self.expect_keyword("array")?;
                }
                self.expect_punct("(")?;
                let item = self.parse_type()?;
                self.expect_punct(")")?;
                self.module
                    .types
                    .array(item, gc)
                    .map_err(|e| type_error(&tok, e))
            }
            "func" => {
                self.next();
                let params = self.type_list()?;
                self.expect_punct("->")?;
                let result = self.parse_type()?;
                Ok(self.module.types.func(params, result))
            }
            "opaque" => {
                self.next();
                self.expect_punct("(")?;
                let (name, _) = self.expect_ident("the opaque type's name")?;
                self.expect_punct(")")?;
                Ok(self.module.types.opaque(&name))
            }
            _ => Err(error_at(&tok, format!("unknown type `{word}`"))),
        }
    }

    /// `(T, ...)`.
    fn type_list(&mut self) -> Result<Vec<TypeId>, ParseError> {
        self.expect_punct("(")?;
        let mut types = Vec::new();
        while self.eat_punct(")").is_none() {
            types.push(self.parse_type()?);
            if self.after_list_item(")")?.is_some() {
                break;
            }
        }
        Ok(types)
    }

    /// `global @name: T [immutable] =`: adds the global, zeroed until its
    /// initialiser is read, and returns where that starts.
    fn global_header(&mut self) -> Result<(GlobalId, usize), ParseError> {
        self.next();
        let tok = self.peek().clone();
        let TokenKind::GlobalRef(name) = tok.kind.clone() else {
            return Err(self.unexpected("the global's name, `@name`"));
        };
        self.next();
        self.expect_punct(":")?;
        let ty = self.parse_type()?;
        let immutable = self.eat_keyword("immutable");
        self.expect_punct("=")?;
        let global = Global {
            name,
            ty,
            init: Init::Zero,
            immutable,
        };
        let id = self
            .module
            .add_global(global)
            .map_err(|e| error_at(&tok, e.to_string()))?;
        Ok((id, self.pos))
    }

    /// `[extern] func name(T, ...) -> T [in "unit"] [at "origin"]
    /// [inline always|never]`: adds
    /// the function and, unless it is external, returns where its body
    /// starts.
    fn function_header(&mut self) -> Result<Option<(FuncId, usize)>, ParseError> {
        let external = self.eat_keyword("extern");
        self.expect_keyword("func")?;
        let (name, tok) = self.expect_ident("the function's name")?;
        let params = self.type_list()?;
        self.expect_punct("->")?;
        let result = self.parse_type()?;
        let unit = match self.eat_keyword("in") {
            true => self.string("the unit's name")?,
            false => String::new(),
        };
        let origin = match self.eat_keyword("at") {
            true => Some(self.string("the origin")?),
            false => None,
        };
        let inline = match self.eat_keyword("inline") {
            false => Inline::Auto,
            true if self.eat_keyword("always") => Inline::Always,
            true if self.eat_keyword("never") => Inline::Never,
            true => return Err(self.unexpected("`always` or `never` after `inline`")),
        };
        let function = Function {
            name,
            ty: self.module.types.func(params, result),
            body: Body::External,
            unit,
            origin,
            inline,
        };
        let id = self
            .module
            .add_function(function)
            .map_err(|e| error_at(&tok, e.to_string()))?;
        if external {
            self.expect_end()?;
            return Ok(None);
        }
        if !self.peek().is_punct("{") || self.at_end() {
            return Err(self.unexpected("`{` starting the function's body"));
        }
        Ok(Some((id, self.pos)))
    }

    /// A string literal holding UTF-8 text.
    fn string(&mut self, what: &str) -> Result<String, ParseError> {
        let tok = self.peek().clone();
        let TokenKind::Str(bytes) = tok.kind.clone() else {
            return Err(self.unexpected(&format!("{what} as a string")));
        };
        self.next();
        String::from_utf8(bytes).map_err(|_| error_at(&tok, format!("{what} is not UTF-8")))
    }

    /// `entry name`.
    fn entry(&mut self) -> Result<(), ParseError> {
        let kw = self.next();
        let (name, tok) = self.expect_ident("the entry function's name")?;
        let Some(f) = self.module.function_named(&name) else {
            return Err(error_at(&tok, format!("unknown function `{name}`")));
        };
        if self.module.entry.is_some() {
            return Err(error_at(&kw, "the entry function is given twice".into()));
        }
        self.module.entry = Some(f);
        self.expect_end()
    }

    fn on_fatal(&mut self) -> Result<(), ParseError> {
        let kw = self.next();
        let (name, tok) = self.expect_ident("the name of the function run before a fatal error")?;
        let Some(f) = self.module.function_named(&name) else {
            return Err(error_at(&tok, format!("unknown function `{name}`")));
        };
        if self.module.on_fatal.is_some() {
            return Err(error_at(&kw, "`on_fatal` is given twice".into()));
        }
        self.module.on_fatal = Some(f);
        self.expect_end()
    }

    /// A type as messages show it.
    fn display(&self, ty: TypeId) -> String {
        format!("`{}`", self.module.types.display(ty))
    }
}
