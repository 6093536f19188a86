//! A parser for the text dump of [`print_graph`](crate::print_graph).
//!
//! Passes that consume flow graphs are tested from graphs written as text,
//! without running the frontend. The parser reads exactly the format the
//! printer writes (position comments are ignored) and builds a graph through
//! the ordinary construction API, without checking it: run
//! [`check_graph`](crate::check_graph) on the result, which also lets tests
//! write deliberately broken graphs.
//!
//! A name in operand position is a variable if a variable of that name was
//! defined earlier in the text, and a constant otherwise, read by the
//! caller's constant parser. Variable hints are recovered from names, so
//! `x_3` gets the hint `x` and `v3` none, and printing a parsed graph gives
//! back the same text.

use std::collections::HashMap;
use std::fmt;

use crate::model::{Block, ExitCase, ExitSwitch, FlowGraph, Link, Operand, Operation, Var};
use crate::op::{CallShape, OpKind};

/// Reads a constant at the start of the text, returning it and the number
/// of bytes it spans.
pub type ConstParser<'a, C> = &'a dyn Fn(&str) -> Option<(C, usize)>;

/// A syntax error in a graph dump.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses one graph in the dump format.
pub fn parse_graph<C>(text: &str, konst: ConstParser<'_, C>) -> Result<FlowGraph<C>, ParseError> {
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let Some((line, header)) = lines.next() else {
        return Err(ParseError {
            line: 1,
            message: "expected `graph NAME(ARGS)`".into(),
        });
    };
    let mut parser =
        Parser::from_header(header, konst).map_err(|message| ParseError { line, message })?;
    for (line, text) in lines {
        parser
            .line(text)
            .map_err(|message| ParseError { line, message })?;
    }
    parser.finish().map_err(|message| ParseError {
        line: text.lines().count(),
        message,
    })
}

struct Parser<'a, C> {
    graph: FlowGraph<C>,
    konst: ConstParser<'a, C>,
    vars: HashMap<String, Var>,
    /// Every block label seen, and whether its header has been read.
    blocks: HashMap<String, (Block, bool)>,
    /// The block whose body is being read.
    current: Option<Block>,
}

impl<'a, C> Parser<'a, C> {
    fn from_header(header: &str, konst: ConstParser<'a, C>) -> Result<Self, String> {
        let mut cur = Cursor::new(header);
        cur.keyword("graph")?;
        cur.skip_ws();
        let open = cur
            .rest()
            .find('(')
            .ok_or("expected `(` after the graph name")?;
        let name = cur.rest()[..open].trim().to_string();
        cur.pos += open;
        let names = cur.name_list()?;
        cur.end()?;
        let hints: Vec<Option<String>> = names.iter().map(|n| hint_of(n)).collect();
        let mut graph = FlowGraph::new(name, Vec::<&str>::new());
        let args: Vec<Var> = hints.iter().map(|h| graph.new_var(h.as_deref())).collect();
        graph.blocks[graph.startblock].inputs = args.clone();
        graph.args = args.clone();
        let mut parser = Parser {
            graph,
            konst,
            vars: HashMap::new(),
            blocks: HashMap::new(),
            current: None,
        };
        for (name, var) in names.into_iter().zip(args) {
            parser.bind(name, var)?;
        }
        Ok(parser)
    }

    fn line(&mut self, text: &str) -> Result<(), String> {
        if !text.starts_with([' ', '\t']) {
            return self.block_header(text);
        }
        let block = self
            .current
            .ok_or("an indented line comes before any block")?;
        let mut cur = Cursor::new(text);
        cur.skip_ws();
        if cur.eat_word("exitswitch") {
            cur.skip_ws();
            let switch = if cur.eat_word("last_exception") {
                ExitSwitch::LastException
            } else {
                ExitSwitch::Value(self.use_var(&mut cur)?)
            };
            cur.end()?;
            self.graph.blocks[block].exitswitch = switch;
            return Ok(());
        }
        if cur.rest().starts_with("->")
            || cur.starts_with_word("True")
            || cur.starts_with_word("False")
            || cur.starts_with_word("catch")
        {
            let link = self.link(&mut cur)?;
            self.graph.blocks[block].exits.push(link);
            return Ok(());
        }
        let op = self.operation(&mut cur)?;
        self.graph.blocks[block].ops.push(op);
        Ok(())
    }

    fn block_header(&mut self, text: &str) -> Result<(), String> {
        let mut cur = Cursor::new(text);
        let label = cur
            .ident()
            .ok_or("expected a block header `blockN(ARGS):`")?;
        if label == "return" || label == "raise" {
            return Err(format!(
                "`{label}` is reserved for the return and except blocks"
            ));
        }
        let names = cur.name_list()?;
        cur.skip_ws();
        if !cur.eat(":") {
            return Err("expected `:` after the block header".into());
        }
        cur.end()?;
        let first = self.current.is_none();
        let block = if first {
            let start = self.graph.startblock;
            if self.blocks.contains_key(&label) {
                return Err(format!(
                    "block `{label}` is referenced before the start block"
                ));
            }
            let expected: Vec<Var> = names
                .iter()
                .filter_map(|n| self.vars.get(n).copied())
                .collect();
            if expected != self.graph.args || names.len() != expected.len() {
                return Err("the start block's inputs must be the graph's arguments".into());
            }
            start
        } else {
            let block = self.block_ref(&label);
            for name in names {
                let var = self.define(name)?;
                self.graph.blocks[block].inputs.push(var);
            }
            block
        };
        let seen = self.blocks.entry(label.clone()).or_insert((block, false));
        if seen.1 {
            return Err(format!("block `{label}` is defined twice"));
        }
        seen.1 = true;
        self.current = Some(block);
        Ok(())
    }

    fn operation(&mut self, cur: &mut Cursor<'_>) -> Result<Operation<C>, String> {
        let result_name = cur.ident().ok_or("expected `VAR = OP(ARGS)`")?;
        cur.skip_ws();
        if !cur.eat("=") {
            return Err("expected `=` after the result variable".into());
        }
        cur.skip_ws();
        let name = cur.ident().ok_or("expected an operation name")?;
        let kind = if name == "call_args" {
            if !cur.eat("[") {
                return Err("expected `[shape]` after call_args".into());
            }
            let close = cur.rest().find(']').ok_or("unclosed call shape")?;
            let shape = CallShape::parse(&cur.rest()[..close]).ok_or("bad call shape")?;
            cur.pos += close + 1;
            OpKind::CallArgs(shape)
        } else {
            OpKind::from_name(&name).ok_or_else(|| format!("unknown operation `{name}`"))?
        };
        let args = self.operands(cur)?;
        cur.end()
            .map_err(|_| format!("unexpected `{}` after the operation", cur.rest()))?;
        let result = self.define(result_name)?;
        Ok(Operation {
            kind,
            args,
            result,
            loc: None,
        })
    }

    fn link(&mut self, cur: &mut Cursor<'_>) -> Result<Link<C>, String> {
        let mut link_vars = (None, None);
        let exitcase = if cur.eat_word("True") {
            ExitCase::Bool(true)
        } else if cur.eat_word("False") {
            ExitCase::Bool(false)
        } else if cur.eat_word("catch") {
            cur.skip_ws();
            let (cls, len) = (self.konst)(cur.rest()).ok_or("expected an exception class")?;
            cur.pos += len;
            cur.skip_ws();
            if cur.eat_word("as") {
                cur.skip_ws();
                let names = cur.name_list()?;
                let [etype, evalue] = names.as_slice() else {
                    return Err("expected `as (etype, evalue)`".into());
                };
                link_vars = (self.define_optional(etype)?, self.define_optional(evalue)?);
            }
            ExitCase::Exception(cls)
        } else {
            ExitCase::None
        };
        cur.skip_ws();
        if !cur.eat("->") {
            return Err("expected `->` in a link".into());
        }
        cur.skip_ws();
        let label = cur.ident().ok_or("expected a link target")?;
        let target = match label.as_str() {
            "return" => self.graph.returnblock,
            "raise" => self.graph.exceptblock,
            _ => self.block_ref(&label),
        };
        let args = self.operands(cur)?;
        cur.end()?;
        Ok(Link {
            target,
            args,
            exitcase,
            last_exception: link_vars.0,
            last_exc_value: link_vars.1,
            loc: None,
        })
    }

    fn operands(&mut self, cur: &mut Cursor<'_>) -> Result<Vec<Operand<C>>, String> {
        if !cur.eat("(") {
            return Err("expected `(`".into());
        }
        let mut args = Vec::new();
        cur.skip_ws();
        if cur.eat(")") {
            return Ok(args);
        }
        loop {
            cur.skip_ws();
            args.push(self.operand(cur)?);
            cur.skip_ws();
            if cur.eat(")") {
                return Ok(args);
            }
            if !cur.eat(",") {
                return Err("expected `,` or `)` after an operand".into());
            }
        }
    }

    fn operand(&mut self, cur: &mut Cursor<'_>) -> Result<Operand<C>, String> {
        let save = cur.pos;
        if let Some(name) = cur.ident() {
            let at_boundary = !cur.rest().starts_with(['.', '\'']);
            if let (Some(&var), true) = (self.vars.get(&name), at_boundary) {
                return Ok(Operand::Var(var));
            }
        }
        cur.pos = save;
        let (konst, len) = (self.konst)(cur.rest())
            .ok_or_else(|| format!("expected an operand at `{}`", cur.rest()))?;
        cur.pos += len;
        Ok(Operand::Const(konst))
    }

    fn use_var(&mut self, cur: &mut Cursor<'_>) -> Result<Var, String> {
        let name = cur.ident().ok_or("expected a variable")?;
        self.vars
            .get(&name)
            .copied()
            .ok_or_else(|| format!("unknown variable `{name}`"))
    }

    fn define(&mut self, name: String) -> Result<Var, String> {
        let var = self.graph.new_var(hint_of(&name).as_deref());
        self.bind(name, var)?;
        Ok(var)
    }

    fn define_optional(&mut self, name: &str) -> Result<Option<Var>, String> {
        if name == "_" {
            return Ok(None);
        }
        self.define(name.to_string()).map(Some)
    }

    fn bind(&mut self, name: String, var: Var) -> Result<(), String> {
        if self.vars.insert(name.clone(), var).is_some() {
            return Err(format!("variable `{name}` is defined twice"));
        }
        Ok(())
    }

    fn block_ref(&mut self, label: &str) -> Block {
        if let Some(&(block, _)) = self.blocks.get(label) {
            return block;
        }
        let block = self.graph.new_block(Vec::new());
        self.blocks.insert(label.to_string(), (block, false));
        block
    }

    fn finish(self) -> Result<FlowGraph<C>, String> {
        let mut missing: Vec<&String> = self
            .blocks
            .iter()
            .filter(|(_, (_, defined))| !defined)
            .map(|(label, _)| label)
            .collect();
        missing.sort();
        if let Some(label) = missing.first() {
            return Err(format!("block `{label}` is used but never defined"));
        }
        if self.current.is_none() {
            return Err("the graph has no blocks".into());
        }
        Ok(self.graph)
    }
}

/// The naming hint behind a printed variable name: `x_3` → `x`, `v3` → none.
fn hint_of(name: &str) -> Option<String> {
    let is_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = name.strip_prefix('v') {
        if is_digits(rest) {
            return None;
        }
    }
    match name.rsplit_once('_') {
        Some((hint, n)) if is_digits(n) && !hint.is_empty() => Some(hint.to_string()),
        _ => Some(name.to_string()),
    }
}

/// A position in one line of text.
struct Cursor<'t> {
    text: &'t str,
    pos: usize,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Self {
        Cursor { text, pos: 0 }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, token: &str) -> bool {
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn starts_with_word(&self, word: &str) -> bool {
        self.rest()
            .strip_prefix(word)
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.starts_with_word(word);
        if found {
            self.pos += word.len();
        }
        found
    }

    fn keyword(&mut self, word: &str) -> Result<(), String> {
        if self.eat_word(word) {
            Ok(())
        } else {
            Err(format!("expected `{word}`"))
        }
    }

    fn ident(&mut self) -> Option<String> {
        let rest = self.rest();
        if !rest.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        Some(rest[..len].to_string())
    }

    /// `(name, name, ...)`, possibly empty.
    fn name_list(&mut self) -> Result<Vec<String>, String> {
        if !self.eat("(") {
            return Err("expected `(`".into());
        }
        let mut names = Vec::new();
        self.skip_ws();
        if self.eat(")") {
            return Ok(names);
        }
        loop {
            self.skip_ws();
            names.push(self.ident().ok_or("expected a variable name")?);
            self.skip_ws();
            if self.eat(")") {
                return Ok(names);
            }
            if !self.eat(",") {
                return Err("expected `,` or `)` in a name list".into());
            }
        }
    }

    /// The end of the line, or a trailing comment.
    fn end(&mut self) -> Result<(), String> {
        self.skip_ws();
        if self.rest().is_empty() || self.rest().starts_with('#') {
            Ok(())
        } else {
            Err(format!("unexpected `{}`", self.rest()))
        }
    }
}
