//! The text form of low-level modules.
//!
//! The printer and [`crate::parse`] agree exactly: parsing a printed
//! module and printing it again gives the same text, so transforms and
//! backends are tested from small hand-written modules, and snapshot
//! diffs read like code. Variables and blocks are renumbered in the order
//! they are printed, so the text does not depend on the order a pass
//! happened to create them in.
//!
//! ```text
//! struct Node gc { next: *Node, value: Signed }
//! global @empty: Node = { next: null, value: 0 }
//! extern func write(Signed, Address, Signed) -> Signed
//! func length(*Node) -> Signed in "list" at "list.py:3" {
//! block0(p_0: *Node):
//!     goto block1(p_0, 0)
//! block1(p_1: *Node, n_2: Signed):
//!     v3: Bool = ptr_nonzero(p_1)
//!     if v3 then block2(p_1, n_2) else block3(n_2)
//! ...
//! }
//! entry main
//! ```
//!
//! A constant is printed bare when its literal says its type (`3` is
//! `Signed`, `'a'` `Char`, `1.5` `Float`, `true` `Bool`, `@g` a pointer to
//! the global's type, `&f` a pointer to the function's type, `.name` and
//! `void` `Void`, layout symbolics `Signed`) and as `literal:Type`
//! otherwise (`3:Unsigned`, `null:*Node`, `@g:*Parent`). A name that is
//! not an identifier, such as a message, is quoted: `."index out of range"`.
//!
//! A variable with a naming hint prints as `hint_N`, where `N` numbers
//! the variables in print order; characters of the hint that cannot be in
//! an identifier print as `_`, so every name reads back.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use crate::module::{
    Block, Body, ConstValue, Constant, Exit, Graph, Init, Link, Module, Operand, Symbolic, Var,
};
use crate::parse::{is_ident_char, is_ident_start, is_identifier};
use crate::types::{Prim, Type, TypeId, Types};

/// The whole module as text.
pub fn print_module(m: &Module) -> String {
    let mut out = String::new();
    for (id, ty) in m.types.iter() {
        if let Type::Struct(s) = ty {
            let fields: Vec<String> = s
                .fields
                .iter()
                .map(|f| format!("{}: {}", f.name, m.types.display(f.ty)))
                .collect();
            let gc = if s.gc { " gc" } else { "" };
            let _ = id;
            if fields.is_empty() {
                let _ = writeln!(out, "struct {}{gc} {{}}", s.name);
            } else {
                let _ = writeln!(out, "struct {}{gc} {{ {} }}", s.name, fields.join(", "));
            }
        }
    }
    for g in m.globals.values() {
        let imm = if g.immutable { " immutable" } else { "" };
        let _ = writeln!(
            out,
            "global @{}: {}{imm} = {}",
            g.name,
            m.types.display(g.ty),
            init_text(m, g.ty, &g.init)
        );
    }
    for f in m.functions.values() {
        if f.body == Body::External {
            let _ = writeln!(out, "extern {}", header(m, f));
        }
    }
    for f in m.functions.values() {
        if let Body::Graph(g) = &f.body {
            out.push_str(&header(m, f));
            out.push_str(" {\n");
            out.push_str(&print_graph(m, g));
            out.push_str("}\n");
        }
    }
    if let Some(e) = m.entry {
        let _ = writeln!(out, "entry {}", m.functions[e].name);
    }
    if let Some(f) = m.on_fatal {
        let _ = writeln!(out, "on_fatal {}", m.functions[f].name);
    }
    out
}

fn header(m: &Module, f: &crate::module::Function) -> String {
    let Type::Func { params, result } = m.types.get(f.ty) else {
        return format!("func {}(?)", f.name);
    };
    let params: Vec<String> = params.iter().map(|p| m.types.display(*p)).collect();
    let mut s = format!(
        "func {}({}) -> {}",
        f.name,
        params.join(", "),
        m.types.display(*result)
    );
    if !f.unit.is_empty() {
        let _ = write!(s, " in {}", quote(&f.unit));
    }
    if let Some(o) = &f.origin {
        let _ = write!(s, " at {}", quote(o));
    }
    match f.inline {
        crate::Inline::Auto => {}
        crate::Inline::Always => s.push_str(" inline always"),
        crate::Inline::Never => s.push_str(" inline never"),
    }
    s
}

/// A string literal with escapes, as the parser reads it.
pub fn quote(s: &str) -> String {
    bytes_literal(s.as_bytes())
}

fn bytes_literal(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

fn char_literal(b: u8) -> String {
    match b {
        b'\'' => "'\\''".into(),
        b'\\' => "'\\\\'".into(),
        b'\n' => "'\\n'".into(),
        b'\t' => "'\\t'".into(),
        0x20..=0x7e => format!("'{}'", b as char),
        _ => format!("'\\x{b:02x}'"),
    }
}

fn init_text(m: &Module, ty: TypeId, init: &Init) -> String {
    match init {
        Init::Zero => "zero".into(),
        Init::Bytes(b) => bytes_literal(b),
        Init::Value(c) => const_literal(m, &c.value, c.ty),
        Init::Struct(fields) => {
            let names = m.types.as_struct(ty).map(|s| &s.fields[..]).unwrap_or(&[]);
            let parts: Vec<String> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| match names.get(i) {
                    Some(field) => format!("{}: {}", field.name, init_text(m, field.ty, f)),
                    None => format!("?: {}", init_text(m, ty, f)),
                })
                .collect();
            format!("{{ {} }}", parts.join(", "))
        }
        Init::Array(items) => {
            let item_ty = match m.types.get(ty) {
                Type::Array { item, .. } | Type::FixedArray { item, .. } => *item,
                _ => ty,
            };
            let parts: Vec<String> = items.iter().map(|i| init_text(m, item_ty, i)).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

/// The literal of a constant value (without its type), as it would be
/// read when its type is known from context.
fn const_literal(m: &Module, value: &ConstValue, ty: TypeId) -> String {
    match value {
        ConstValue::Void => "void".into(),
        ConstValue::Bool(b) => b.to_string(),
        ConstValue::Int(i) => match m.types.as_prim(ty) {
            Some(Prim::Char) if (0..256).contains(i) => char_literal(*i as u8),
            _ => i.to_string(),
        },
        ConstValue::Float(bits) => float_literal(*bits),
        ConstValue::Symbolic(s) => symbolic_text(&m.types, s),
        ConstValue::Null => "null".into(),
        ConstValue::Global(g) => format!("@{}", m.globals[*g].name),
        ConstValue::Func(f) => format!("&{}", m.functions[*f].name),
        ConstValue::Name(n) if is_identifier(n) => format!(".{n}"),
        ConstValue::Name(n) => format!(".{}", quote(n)),
    }
}

fn float_literal(bits: u64) -> String {
    let f = f64::from_bits(bits);
    if f.is_nan() {
        if bits == f64::NAN.to_bits() {
            "nan".into()
        } else {
            format!("nan(0x{bits:016x})")
        }
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{f:?}")
    }
}

fn symbolic_text(types: &Types, s: &Symbolic) -> String {
    match s {
        Symbolic::SizeOf(t) => format!("sizeof({})", types.display(*t)),
        Symbolic::OffsetOf(t, f) => format!("offsetof({}, {f})", types.display(*t)),
        Symbolic::ItemsOffset(t) => format!("itemsoffset({})", types.display(*t)),
        Symbolic::ItemSize(t) => format!("itemsize({})", types.display(*t)),
        Symbolic::LengthOffset(t) => format!("lengthoffset({})", types.display(*t)),
    }
}

/// The type a literal has when printed bare, if it says one.
fn default_type(m: &Module, value: &ConstValue) -> Option<Type> {
    Some(match value {
        ConstValue::Void | ConstValue::Name(_) => Type::Prim(Prim::Void),
        ConstValue::Bool(_) => Type::Prim(Prim::Bool),
        ConstValue::Int(_) | ConstValue::Symbolic(_) => Type::Prim(Prim::Signed),
        ConstValue::Float(_) => Type::Prim(Prim::Float),
        ConstValue::Null => return None,
        ConstValue::Global(g) => Type::Ptr(m.globals[*g].ty),
        ConstValue::Func(f) => Type::Ptr(m.functions[*f].ty),
    })
}

/// A constant as an operand: its literal, with `:Type` when the literal
/// does not say it.
pub fn constant_text(m: &Module, c: &Constant) -> String {
    let ty = m.types.get(c.ty);
    let is_char = matches!(ty, Type::Prim(Prim::Char));
    let literal = const_literal(m, &c.value, c.ty);
    let char_literal = is_char && literal.starts_with('\'');
    if char_literal || default_type(m, &c.value).as_ref() == Some(ty) {
        literal
    } else {
        format!("{literal}:{}", m.types.display(c.ty))
    }
}

/// Names variables and blocks in print order.
struct Namer<'g> {
    graph: &'g Graph,
    vars: HashMap<Var, String>,
    blocks: HashMap<Block, String>,
}

impl<'g> Namer<'g> {
    fn new(graph: &'g Graph) -> Namer<'g> {
        let order = graph.reachable_blocks();
        let blocks = order
            .iter()
            .enumerate()
            .map(|(i, b)| (*b, format!("block{i}")))
            .collect();
        Namer {
            graph,
            vars: HashMap::new(),
            blocks,
        }
    }

    /// Names a variable at its definition.
    fn define(&mut self, v: Var) -> String {
        let n = self.vars.len();
        let name = match &self.graph.vars[v].name {
            Some(hint) => format!("{}_{n}", identifier_hint(hint)),
            None => format!("v{n}"),
        };
        self.vars.insert(v, name.clone());
        name
    }

    fn var(&self, v: Var) -> String {
        self.vars
            .get(&v)
            .cloned()
            .unwrap_or_else(|| format!("?{}", v.as_u32()))
    }

    fn block(&self, b: Block) -> String {
        self.blocks
            .get(&b)
            .cloned()
            .unwrap_or_else(|| format!("?block{}", b.as_u32()))
    }
}

/// A naming hint as the start of an identifier: characters that cannot
/// be in one become `_`, and a `_` goes before a leading digit.
fn identifier_hint(hint: &str) -> String {
    let mut out = String::new();
    if hint.starts_with(|c: char| !is_ident_start(c)) {
        out.push('_');
    }
    out.extend(hint.chars().map(|c| if is_ident_char(c) { c } else { '_' }));
    out
}

/// One graph's blocks as text (the body between a function's braces).
pub fn print_graph(m: &Module, g: &Graph) -> String {
    let mut namer = Namer::new(g);
    let used = used_vars(g);
    let mut out = String::new();
    for b in g.reachable_blocks() {
        let data = &g.blocks[b];
        let params: Vec<String> = data
            .params
            .iter()
            .map(|&v| {
                let n = namer.define(v);
                format!("{n}: {}", m.types.display(g.vars[v].ty))
            })
            .collect();
        if params.is_empty() {
            let _ = writeln!(out, "{}:", namer.block(b));
        } else {
            let _ = writeln!(out, "{}({}):", namer.block(b), params.join(", "));
        }
        for op in &data.ops {
            let args: Vec<String> = op.args.iter().map(|a| operand(m, &namer, a)).collect();
            let ty = g.vars[op.result].ty;
            let void = matches!(m.types.get(ty), Type::Prim(Prim::Void));
            if void && !used.contains(&op.result) {
                let _ = writeln!(out, "    {}({})", op.op.name(), args.join(", "));
            } else {
                let n = namer.define(op.result);
                let _ = writeln!(
                    out,
                    "    {n}: {} = {}({})",
                    m.types.display(ty),
                    op.op.name(),
                    args.join(", ")
                );
            }
        }
        print_exit(m, &mut namer, &data.exit, &mut out);
    }
    out
}

/// The variables used in the blocks that are printed (the reachable
/// ones): a `Void` result used only in a block that is not printed prints
/// bare, as it will be read back.
fn used_vars(g: &Graph) -> HashSet<Var> {
    let mut used = HashSet::new();
    let mut add = |o: &Operand| {
        if let Some(v) = o.as_var() {
            used.insert(v);
        }
    };
    for data in g.reachable_blocks().into_iter().map(|b| &g.blocks[b]) {
        for op in &data.ops {
            op.args.iter().for_each(&mut add);
        }
        match &data.exit {
            Exit::Return(o) => add(o),
            Exit::Raise { etype, evalue } => {
                add(etype);
                add(evalue);
            }
            Exit::Branch { cond, .. } => add(cond),
            Exit::Switch { value, .. } => add(value),
            _ => {}
        }
        for l in data.exit.links() {
            l.args.iter().for_each(&mut add);
        }
    }
    used
}

fn operand(m: &Module, namer: &Namer, o: &Operand) -> String {
    match o {
        Operand::Var(v) => namer.var(*v),
        Operand::Const(c) => constant_text(m, c),
    }
}

fn link_text(m: &Module, namer: &Namer, l: &Link) -> String {
    let args: Vec<String> = l.args.iter().map(|a| operand(m, namer, a)).collect();
    format!("{}({})", namer.block(l.target), args.join(", "))
}

fn print_exit(m: &Module, namer: &mut Namer, exit: &Exit, out: &mut String) {
    match exit {
        Exit::Return(o) => {
            let _ = writeln!(out, "    return {}", operand(m, namer, o));
        }
        Exit::Raise { etype, evalue } => {
            let _ = writeln!(
                out,
                "    raise {}, {}",
                operand(m, namer, etype),
                operand(m, namer, evalue)
            );
        }
        Exit::Goto(l) => {
            let _ = writeln!(out, "    goto {}", link_text(m, namer, l));
        }
        Exit::Branch {
            cond,
            if_true,
            if_false,
        } => {
            let _ = writeln!(
                out,
                "    if {} then {} else {}",
                operand(m, namer, cond),
                link_text(m, namer, if_true),
                link_text(m, namer, if_false)
            );
        }
        Exit::Switch {
            value,
            cases,
            default,
        } => {
            let _ = writeln!(out, "    switch {} {{", operand(m, namer, value));
            for (case, l) in cases {
                let _ = writeln!(out, "        {case} => {}", link_text(m, namer, l));
            }
            let _ = writeln!(out, "        default => {}", link_text(m, namer, default));
            let _ = writeln!(out, "    }}");
        }
        Exit::Catch { normal, handlers } => {
            let _ = writeln!(out, "    catch goto {}", link_text(m, namer, normal));
            for h in handlers {
                let class = match &h.class {
                    Some(c) => constant_text(m, c),
                    None => "*".into(),
                };
                let et = namer.define(h.etype);
                let ev = namer.define(h.evalue);
                let g = namer.graph;
                let _ = writeln!(
                    out,
                    "      except {class} ({et}: {}, {ev}: {}) goto {}",
                    m.types.display(g.vars[h.etype].ty),
                    m.types.display(g.vars[h.evalue].ty),
                    link_text(m, namer, &h.link)
                );
            }
        }
        Exit::Unreachable => out.push_str("    unreachable\n"),
    }
}
