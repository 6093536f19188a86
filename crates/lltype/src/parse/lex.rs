//! The lexer of the text form: turns the text into tokens that know their
//! line and column.
//!
//! The text form is line-oriented (one operation or exit per line, one
//! switch case or handler per line), but only at statement boundaries:
//! struct definitions and initialisers may span lines. So the lexer does
//! not produce newline tokens; it marks each token that begins a line, and
//! the parser checks line ends where a statement must end. Comments run
//! from `#` to the end of the line and are dropped here.

use super::ParseError;

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum TokenKind {
    /// A name: a keyword, a type, a variable, a block, an operation.
    Ident(String),
    /// An integer literal (decimal, or hexadecimal after `0x`), with its
    /// sign.
    Int(i128),
    /// A float literal with a decimal point or an exponent, by its bits.
    /// `inf` and `nan` are identifiers; `-inf` is lexed as a float.
    Float(u64),
    /// A string literal, as bytes after escapes.
    Str(Vec<u8>),
    /// A character literal, as its code.
    Char(u32),
    /// `@name`: a global.
    GlobalRef(String),
    /// `&name`: a function.
    FuncRef(String),
    /// `.name` or `."any text"`: a `Void` name constant.
    Name(String),
    /// One of `{ } ( ) [ ] , : ; = => -> *`.
    Punct(&'static str),
    /// The end of the text.
    Eof,
}

/// A token and where it is.
#[derive(Clone, Debug)]
pub(super) struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// Its first character's line, from 1.
    pub line: u32,
    /// Its first character's column in characters, from 1.
    pub column: u32,
    /// The column just after its last character.
    pub end_column: u32,
    /// Whether it is the first token of its line.
    pub line_start: bool,
}

impl Token {
    /// The token as a message names it.
    pub fn describe(&self) -> String {
        match &self.kind {
            TokenKind::Ident(s) => format!("`{s}`"),
            TokenKind::Int(i) => format!("`{i}`"),
            TokenKind::Float(bits) => format!("`{:?}`", f64::from_bits(*bits)),
            TokenKind::Str(_) => "a string".into(),
            TokenKind::Char(_) => "a character literal".into(),
            TokenKind::GlobalRef(s) => format!("`@{s}`"),
            TokenKind::FuncRef(s) => format!("`&{s}`"),
            TokenKind::Name(s) => format!("`.{s}`"),
            TokenKind::Punct(p) => format!("`{p}`"),
            TokenKind::Eof => "end of input".into(),
        }
    }

    /// Whether the token is this punctuation.
    pub fn is_punct(&self, p: &str) -> bool {
        matches!(self.kind, TokenKind::Punct(q) if q == p)
    }

    /// Whether the token is this identifier.
    pub fn is_ident(&self, name: &str) -> bool {
        matches!(&self.kind, TokenKind::Ident(s) if s == name)
    }
}

/// Punctuation, longest first so `=>` wins over `=`.
const PUNCTS: &[&str] = &[
    "=>", "->", "{", "}", "(", ")", "[", "]", ",", ":", ";", "=", "*",
];

/// The tokens of a text, ending with one [`TokenKind::Eof`].
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer {
        chars: text.chars().collect(),
        pos: 0,
        line: 1,
        column: 1,
        line_has_token: false,
        tokens: Vec::new(),
    };
    lexer.run()?;
    Ok(lexer.tokens)
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: u32,
    column: u32,
    line_has_token: bool,
    tokens: Vec<Token>,
}

/// Whether `c` may start an identifier.
pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Whether `c` may continue an identifier.
pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `s` reads as one identifier (the printer quotes names that
/// do not).
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_ident_start) && chars.all(is_ident_char)
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
            self.line_has_token = false;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn error(&self, line: u32, column: u32, message: String) -> ParseError {
        ParseError {
            line,
            column,
            message,
        }
    }

    fn run(&mut self) -> Result<(), ParseError> {
        loop {
            match self.peek() {
                None => break,
                Some('#') => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some(_) => {
                    let (line, column) = (self.line, self.column);
                    let kind = self.token()?;
                    self.tokens.push(Token {
                        kind,
                        line,
                        column,
                        end_column: self.column,
                        line_start: !self.line_has_token,
                    });
                    self.line_has_token = true;
                }
            }
        }
        self.tokens.push(Token {
            kind: TokenKind::Eof,
            line: self.line,
            column: self.column,
            end_column: self.column,
            line_start: true,
        });
        Ok(())
    }

    /// Lexes the token starting at the current character.
    fn token(&mut self) -> Result<TokenKind, ParseError> {
        let (line, column) = (self.line, self.column);
        let c = self.peek().expect("not at the end");
        if is_ident_start(c) {
            return Ok(TokenKind::Ident(self.ident()));
        }
        if c.is_ascii_digit() || (c == '-' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) {
            return self.number();
        }
        if c == '-' && self.starts_with("-inf") && !self.peek_at(4).is_some_and(is_ident_char) {
            for _ in 0..4 {
                self.bump();
            }
            return Ok(TokenKind::Float(f64::NEG_INFINITY.to_bits()));
        }
        if c == '.' && self.peek_at(1) == Some('"') {
            self.bump();
            let TokenKind::Str(bytes) = self.string()? else {
                unreachable!("string() lexes a string")
            };
            return match String::from_utf8(bytes) {
                Ok(name) => Ok(TokenKind::Name(name)),
                Err(_) => Err(self.error(line, column, "a name must be UTF-8".into())),
            };
        }
        if let Some(sigil) = ['@', '&', '.'].into_iter().find(|&s| s == c) {
            self.bump();
            if !self.peek().is_some_and(is_ident_start) {
                let message = format!("expected a name after `{sigil}`");
                return Err(self.error(line, column, message));
            }
            let name = self.ident();
            return Ok(match sigil {
                '@' => TokenKind::GlobalRef(name),
                '&' => TokenKind::FuncRef(name),
                _ => TokenKind::Name(name),
            });
        }
        if c == '"' {
            return self.string();
        }
        if c == '\'' {
            return self.char_literal();
        }
        if let Some(p) = PUNCTS.iter().find(|p| self.starts_with(p)) {
            for _ in 0..p.len() {
                self.bump();
            }
            return Ok(TokenKind::Punct(p));
        }
        Err(self.error(line, column, format!("unexpected character `{c}`")))
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    fn ident(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|&c| is_ident_char(c)) {
            s.push(c);
            self.bump();
        }
        s
    }

    /// An integer or float literal: `-12`, `0x7f`, `1.5`, `1e100`,
    /// `-2.5e-8`.
    fn number(&mut self) -> Result<TokenKind, ParseError> {
        let (line, column) = (self.line, self.column);
        let mut text = String::new();
        if self.peek() == Some('-') {
            text.push('-');
            self.bump();
        }
        let hex = self.peek() == Some('0') && matches!(self.peek_at(1), Some('x' | 'X'));
        let mut is_float = false;
        if hex {
            self.bump();
            self.bump();
            while let Some(c) = self.peek().filter(|c| c.is_ascii_hexdigit()) {
                text.push(c);
                self.bump();
            }
        } else {
            self.digits(&mut text);
            if self.peek() == Some('.') && self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) {
                is_float = true;
                text.push('.');
                self.bump();
                self.digits(&mut text);
            }
            if matches!(self.peek(), Some('e' | 'E')) {
                let sign = matches!(self.peek_at(1), Some('+' | '-'));
                let digit_at = if sign { 2 } else { 1 };
                if self.peek_at(digit_at).is_some_and(|c| c.is_ascii_digit()) {
                    is_float = true;
                    for _ in 0..digit_at {
                        text.push(self.bump().expect("checked above"));
                    }
                    self.digits(&mut text);
                }
            }
        }
        if self.peek().is_some_and(is_ident_char)
            || (hex && text.trim_start_matches('-').is_empty())
        {
            return Err(self.error(line, column, "malformed number".into()));
        }
        if is_float {
            let f: f64 = text.parse().expect("the lexer checked the float's form");
            return Ok(TokenKind::Float(f.to_bits()));
        }
        let radix = if hex { 16 } else { 10 };
        match i128::from_str_radix(&text, radix) {
            Ok(i) => Ok(TokenKind::Int(i)),
            Err(_) => Err(self.error(line, column, "integer literal out of range".into())),
        }
    }

    fn digits(&mut self, text: &mut String) {
        while let Some(c) = self.peek().filter(|c| c.is_ascii_digit()) {
            text.push(c);
            self.bump();
        }
    }

    /// One escape after a backslash: `\n`, `\t`, `\\`, `\'`, `\"` or
    /// `\xNN`, as a byte.
    fn escape(&mut self) -> Result<u8, ParseError> {
        let (line, column) = (self.line, self.column);
        self.bump();
        let byte = match self.bump() {
            Some('n') => b'\n',
            Some('t') => b'\t',
            Some('\\') => b'\\',
            Some('\'') => b'\'',
            Some('"') => b'"',
            Some('x') => {
                let hex: String = (0..2).filter_map(|i| self.peek_at(i)).collect();
                match u8::from_str_radix(&hex, 16) {
                    Ok(b) if hex.len() == 2 && hex.chars().all(|c| c.is_ascii_hexdigit()) => {
                        self.bump();
                        self.bump();
                        b
                    }
                    _ => {
                        let message = "`\\x` takes two hexadecimal digits".into();
                        return Err(self.error(line, column, message));
                    }
                }
            }
            Some(c) if c != '\n' => {
                return Err(self.error(line, column, format!("unknown escape `\\{c}`")))
            }
            _ => return Err(self.error(line, column, "unfinished escape".into())),
        };
        Ok(byte)
    }

    fn string(&mut self) -> Result<TokenKind, ParseError> {
        let (line, column) = (self.line, self.column);
        self.bump();
        let mut bytes = Vec::new();
        loop {
            match self.peek() {
                None | Some('\n') => {
                    return Err(self.error(line, column, "unterminated string".into()))
                }
                Some('"') => {
                    self.bump();
                    return Ok(TokenKind::Str(bytes));
                }
                Some('\\') => bytes.push(self.escape()?),
                Some(c) => {
                    let mut buf = [0; 4];
                    bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    self.bump();
                }
            }
        }
    }

    fn char_literal(&mut self) -> Result<TokenKind, ParseError> {
        let (line, column) = (self.line, self.column);
        self.bump();
        let code = match self.peek() {
            Some('\\') => u32::from(self.escape()?),
            Some(c) if c != '\'' && c != '\n' => {
                self.bump();
                u32::from(c)
            }
            _ => return Err(self.error(line, column, "empty character literal".into())),
        };
        if self.peek() != Some('\'') {
            return Err(self.error(line, column, "unterminated character literal".into()));
        }
        self.bump();
        Ok(TokenKind::Char(code))
    }
}
