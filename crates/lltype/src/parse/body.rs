//! Function bodies: blocks of operations, each ending in an exit.
//!
//! Names are local to the function. Blocks may be used (on links) before
//! their header appears, so a label makes its block on first mention and
//! the end of the body checks that every mentioned label was defined.
//! Variables are defined before use in the order the text gives them, the
//! order the printer names them in: a block's parameters, then each
//! operation's result after its operands, then each handler's two
//! variables before its link.

use std::collections::HashMap;

use cranelift_entity::{EntityRef, PrimaryMap};

use super::lex::{Token, TokenKind};
use super::{error_at, ParseError, Parser, CONSTANT_KEYWORDS};
use crate::module::{Block, BlockData, Exit, FuncId, Graph, Handler, Link, Op, Operand, Var};
use crate::ops::LlOp;
use crate::types::TypeId;

/// The words that start an exit.
const EXIT_KEYWORDS: &[&str] = &[
    "return",
    "raise",
    "goto",
    "if",
    "switch",
    "catch",
    "unreachable",
];

/// The words that start a top-level item: at the start of a line inside a
/// body, they mean its `}` is missing.
const ITEM_KEYWORDS: &[&str] = &["struct", "global", "extern", "func", "entry"];

/// Reads the body of function `func`, from its `{` to its `}`.
pub(super) fn parse_body(p: &mut Parser, func: FuncId) -> Result<Graph, ParseError> {
    let body = BodyParser {
        p,
        func,
        graph: Graph {
            blocks: PrimaryMap::new(),
            vars: PrimaryMap::new(),
            entry: Block::new(0),
        },
        vars: HashMap::new(),
        labels: HashMap::new(),
        mentioned: Vec::new(),
        entry_defined: false,
    };
    body.run()
}

/// A block label seen in the body.
struct Label {
    block: Block,
    /// Whether its header has been read.
    defined: bool,
}

/// The block whose operations are being read.
struct Current {
    block: Block,
    label: Token,
    ended: bool,
}

struct BodyParser<'a, 't, 'm> {
    p: &'a mut Parser<'t, 'm>,
    func: FuncId,
    graph: Graph,
    vars: HashMap<String, Var>,
    labels: HashMap<String, Label>,
    /// Each label with the token that first mentioned it, in order.
    mentioned: Vec<(String, Token)>,
    /// Whether the first block header, the entry's, has been read.
    entry_defined: bool,
}

impl BodyParser<'_, '_, '_> {
    fn run(mut self) -> Result<Graph, ParseError> {
        self.p.start_line();
        self.p.expect_punct("{")?;
        self.p.end_line()?;
        let mut current: Option<Current> = None;
        let close = loop {
            let tok = self.p.peek().clone();
            if let Some(close) = self.p.eat_punct("}") {
                break close;
            }
            let is_header = self.p.line_ends_with_colon();
            self.p.start_line();
            if is_header {
                finish_block(current.as_ref())?;
                current = Some(self.block_header()?);
                self.p.end_line()?;
                continue;
            }
            // A line that starts an item (and does not define a variable
            // of that name) means the body's `}` is missing: the error
            // points at the end of the line before.
            let fname = &self.p.module.functions[self.func].name;
            let item = matches!(&tok.kind, TokenKind::Ident(w) if ITEM_KEYWORDS.contains(&w.as_str()))
                && !self.p.peek_at(1).is_punct(":");
            if self.p.at_end() || item {
                self.p.end = self.p.pos;
                return Err(self
                    .p
                    .unexpected(&format!("`}}` closing function `{fname}`")));
            }
            let Some(cur) = current.as_mut() else {
                let message = format!(
                    "expected a block header such as `block0:`, found {}",
                    tok.describe()
                );
                return Err(error_at(&tok, message));
            };
            if cur.ended {
                let message = format!(
                    "expected a block header after the exit of block `{}`, found {}",
                    label_name(&cur.label),
                    tok.describe()
                );
                return Err(error_at(&tok, message));
            }
            let exit =
                matches!(&tok.kind, TokenKind::Ident(w) if EXIT_KEYWORDS.contains(&w.as_str()));
            if exit && !self.p.peek_at(1).is_punct(":") {
                self.graph.blocks[cur.block].exit = self.exit()?;
                cur.ended = true;
            } else {
                self.op(cur.block)?;
            }
            self.p.end_line()?;
        };
        finish_block(current.as_ref())?;
        if !self.entry_defined {
            let fname = &self.p.module.functions[self.func].name;
            return Err(error_at(
                &close,
                format!("function `{fname}` has no blocks"),
            ));
        }
        for (name, tok) in &self.mentioned {
            if !self.labels[name].defined {
                let message = format!("block `{name}` is used but never defined");
                return Err(error_at(tok, message));
            }
        }
        self.p.expect_end()?;
        Ok(self.graph)
    }

    /// The block a label names, made on its first mention.
    fn label(&mut self, name: &str, tok: &Token) -> Block {
        if let Some(l) = self.labels.get(name) {
            return l.block;
        }
        let block = self.graph.blocks.push(BlockData {
            params: Vec::new(),
            ops: Vec::new(),
            exit: Exit::Unreachable,
        });
        let label = Label {
            block,
            defined: false,
        };
        self.labels.insert(name.to_string(), label);
        self.mentioned.push((name.to_string(), tok.clone()));
        block
    }

    /// `label:` or `label(name: T, ...):`. The first block is the entry
    /// and takes the function's parameters.
    fn block_header(&mut self) -> Result<Current, ParseError> {
        let (name, label_tok) = self.p.expect_ident("a block label")?;
        let mut params = Vec::new();
        if self.p.eat_punct("(").is_some() {
            while self.p.eat_punct(")").is_none() {
                let (var, tok) = self.p.expect_ident("a parameter name")?;
                self.p.expect_punct(":")?;
                params.push((var, tok, self.p.parse_type()?));
                if self.p.after_list_item(")")?.is_some() {
                    break;
                }
            }
        }
        self.p.expect_punct(":")?;
        let first = !std::mem::replace(&mut self.entry_defined, true);
        let block = self.label(&name, &label_tok);
        let label = self.labels.get_mut(&name).expect("just made");
        if std::mem::replace(&mut label.defined, true) {
            return Err(error_at(
                &label_tok,
                format!("block `{name}` is defined twice"),
            ));
        }
        if first {
            let (expected, _) = self.p.module.signature(self.func);
            let got: Vec<TypeId> = params.iter().map(|(_, _, ty)| *ty).collect();
            if got != expected {
                let message = format!(
                    "the entry block takes ({}) but function `{}` takes ({})",
                    self.type_list(&got),
                    self.p.module.functions[self.func].name,
                    self.type_list(expected),
                );
                return Err(error_at(&label_tok, message));
            }
            self.graph.entry = block;
        }
        for (var, tok, ty) in params {
            let v = self.define_var(&var, &tok, ty)?;
            self.graph.blocks[block].params.push(v);
        }
        Ok(Current {
            block,
            label: label_tok,
            ended: false,
        })
    }

    fn type_list(&self, types: &[TypeId]) -> String {
        let names: Vec<String> = types
            .iter()
            .map(|t| self.p.module.types.display(*t))
            .collect();
        names.join(", ")
    }

    /// Defines a variable, giving it the hint its name carries.
    fn define_var(&mut self, name: &str, tok: &Token, ty: TypeId) -> Result<Var, ParseError> {
        if CONSTANT_KEYWORDS.contains(&name) {
            let message = format!("`{name}` is a constant and cannot name a variable");
            return Err(error_at(tok, message));
        }
        if self.vars.contains_key(name) {
            return Err(error_at(tok, format!("variable `{name}` is defined twice")));
        }
        let v = self.graph.new_var(ty, hint_of(name));
        self.vars.insert(name.to_string(), v);
        Ok(v)
    }

    /// `name: T = op(args)`, or `op(args)` whose result is a fresh `Void`
    /// variable.
    fn op(&mut self, block: Block) -> Result<(), ParseError> {
        let mut result = None;
        if self.p.peek_at(1).is_punct(":") {
            let (name, tok) = self.p.expect_ident("a variable name")?;
            self.p.expect_punct(":")?;
            let ty = self.p.parse_type()?;
            self.p.expect_punct("=")?;
            result = Some((name, tok, ty));
        }
        let (name, tok) = self.p.expect_ident("an operation")?;
        let Some(op) = LlOp::from_name(&name) else {
            return Err(error_at(&tok, format!("unknown operation `{name}`")));
        };
        self.p.expect_punct("(")?;
        let args = self.operands(")")?;
        let result = match result {
            Some((name, tok, ty)) => self.define_var(&name, &tok, ty)?,
            None => {
                let void = self.p.module.types.void();
                self.graph.new_var(void, None)
            }
        };
        self.graph.blocks[block].ops.push(Op { op, args, result });
        Ok(())
    }

    /// Operands separated by commas, up to `close`.
    fn operands(&mut self, close: &str) -> Result<Vec<Operand>, ParseError> {
        let mut args = Vec::new();
        while self.p.eat_punct(close).is_none() {
            args.push(self.operand()?);
            if self.p.after_list_item(close)?.is_some() {
                break;
            }
        }
        Ok(args)
    }

    /// A variable or a constant.
    fn operand(&mut self) -> Result<Operand, ParseError> {
        let tok = self.p.peek().clone();
        match &tok.kind {
            TokenKind::Ident(name)
                if !self.p.at_end() && !CONSTANT_KEYWORDS.contains(&name.as_str()) =>
            {
                self.p.next();
                match self.vars.get(name) {
                    Some(v) => Ok(Operand::Var(*v)),
                    None => Err(error_at(&tok, format!("unknown variable `{name}`"))),
                }
            }
            _ => Ok(Operand::Const(self.p.parse_constant(None)?)),
        }
    }

    /// `label(args)`, or `label` alone when there are none.
    fn link(&mut self) -> Result<Link, ParseError> {
        let (name, tok) = self.p.expect_ident("a block label")?;
        let target = self.label(&name, &tok);
        let args = match self.p.eat_punct("(") {
            Some(_) => self.operands(")")?,
            None => Vec::new(),
        };
        Ok(Link { target, args })
    }

    /// An exit (the keyword is next).
    fn exit(&mut self) -> Result<Exit, ParseError> {
        let (keyword, _) = self.p.expect_ident("an exit")?;
        Ok(match keyword.as_str() {
            "return" => Exit::Return(self.operand()?),
            "raise" => {
                let etype = self.operand()?;
                self.p.expect_punct(",")?;
                let evalue = self.operand()?;
                Exit::Raise { etype, evalue }
            }
            "goto" => Exit::Goto(self.link()?),
            "if" => {
                let cond = self.operand()?;
                self.p.expect_keyword("then")?;
                let if_true = self.link()?;
                self.p.expect_keyword("else")?;
                let if_false = self.link()?;
                Exit::Branch {
                    cond,
                    if_true,
                    if_false,
                }
            }
            "switch" => self.switch()?,
            "catch" => self.catch()?,
            _ => Exit::Unreachable,
        })
    }

    /// The rest of `switch x {`, then a line per case `N => link`, the
    /// line `default => link`, and the line `}`.
    fn switch(&mut self) -> Result<Exit, ParseError> {
        let value = self.operand()?;
        self.p.expect_punct("{")?;
        let mut cases = Vec::new();
        let default = loop {
            self.p.next_line()?;
            if self.p.eat_keyword("default") {
                self.p.expect_punct("=>")?;
                break self.link()?;
            }
            let case = match self.p.peek().kind {
                TokenKind::Int(i) if !self.p.at_end() => i,
                _ => return Err(self.p.unexpected("a case value or `default`")),
            };
            self.p.next();
            self.p.expect_punct("=>")?;
            cases.push((case, self.link()?));
        };
        self.p.next_line()?;
        self.p.expect_punct("}")?;
        Ok(Exit::Switch {
            value,
            cases,
            default,
        })
    }

    /// The rest of `catch goto link`, and the lines after it of the form
    /// `except CLASS (etype: T, evalue: T) goto link` (`*` for a class
    /// matches every exception).
    fn catch(&mut self) -> Result<Exit, ParseError> {
        self.p.expect_keyword("goto")?;
        let normal = self.link()?;
        let mut handlers = Vec::new();
        while self.p.next_line_starts_with("except") {
            self.p.next_line()?;
            self.p.next();
            let class = match self.p.eat_punct("*") {
                Some(_) => None,
                None => Some(self.p.parse_constant(None)?),
            };
            self.p.expect_punct("(")?;
            let etype = self.handler_var()?;
            self.p.expect_punct(",")?;
            let evalue = self.handler_var()?;
            self.p.expect_punct(")")?;
            self.p.expect_keyword("goto")?;
            let link = self.link()?;
            handlers.push(Handler {
                class,
                etype,
                evalue,
                link,
            });
        }
        Ok(Exit::Catch { normal, handlers })
    }

    /// `name: T` in a handler.
    fn handler_var(&mut self) -> Result<Var, ParseError> {
        let (name, tok) = self.p.expect_ident("a variable name")?;
        self.p.expect_punct(":")?;
        let ty = self.p.parse_type()?;
        self.define_var(&name, &tok, ty)
    }
}

/// Checks that a finished block has its exit.
fn finish_block(current: Option<&Current>) -> Result<(), ParseError> {
    match current {
        Some(cur) if !cur.ended => {
            let message = format!("block `{}` has no exit", label_name(&cur.label));
            Err(error_at(&cur.label, message))
        }
        _ => Ok(()),
    }
}

fn label_name(tok: &Token) -> &str {
    match &tok.kind {
        TokenKind::Ident(name) => name,
        _ => "?",
    }
}

/// The naming hint a variable's name carries: `x_3` holds `x`, `v3`
/// nothing, and any other name itself.
fn hint_of(name: &str) -> Option<&str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if name.strip_prefix('v').is_some_and(digits) {
        return None;
    }
    match name.rsplit_once('_') {
        Some((hint, n)) if digits(n) => Some(hint),
        _ => Some(name),
    }
}
