//! Expressions: operators, conditions and jumps, displays, calls,
//! literals and f-strings. Nested code objects (functions, lambdas,
//! comprehensions) are in `scopes`.

use super::{CResult, Compiler, LabelId};
use crate::ast::{self, Expr};
use crate::bytecode::{BinOp, CmpOp, Constant, Conversion, Instr, UnaryOp};
use num_bigint::BigInt;
use std::sync::Arc;

/// The bytecode operator of an AST binary operator.
pub(super) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmpop(op: ast::CmpOp) -> CmpOp {
    use ast::CmpOp as C;
    match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::Ne,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::Le,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::Ge,
        C::Is => CmpOp::Is,
        C::IsNot => CmpOp::IsNot,
        C::In => CmpOp::In,
        C::NotIn => CmpOp::NotIn,
    }
}

/// The truth value of a constant, when it is known without running code.
fn truth_of(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Ellipsis => true,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(_) => true,
        Constant::Float(f) => *f != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) => !t.is_empty(),
        Constant::Code(_) => return None,
    })
}

impl<'a> Compiler<'a> {
    /// Compiles an expression, leaving its value on the stack.
    pub(super) fn compile_expr(&mut self, e: &Expr) -> CResult {
        let span = self.span_of(e);
        self.with_span(span, |c| c.compile_expr_inner(e))
    }

    fn compile_expr_inner(&mut self, e: &Expr) -> CResult {
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let jump: fn(u32) -> Instr = match b.op {
                    ast::BoolOp::And => Instr::JumpIfFalseOrPop,
                    ast::BoolOp::Or => Instr::JumpIfTrueOrPop,
                };
                let Some((last, init)) = b.values.split_last() else {
                    return Err(self.error(e, "malformed boolean operation", ""));
                };
                for v in init {
                    self.compile_expr(v)?;
                    self.emit_jump(jump, end);
                }
                self.compile_expr(last)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.compile_expr(&n.value)?;
                self.emit(Instr::Copy(1));
                self.compile_store(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.compile_expr(&b.left)?;
                self.compile_expr(&b.right)?;
                self.emit(Instr::Binary(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                };
                self.emit(Instr::Unary(op));
            }
            Expr::Lambda(l) => self.compile_lambda(l)?,
            Expr::If(i) => {
                let (orelse, end) = (self.new_label(), self.new_label());
                self.compile_jump_if(&i.test, false, orelse)?;
                self.compile_expr(&i.body)?;
                self.emit_jump(Instr::Jump, end);
                self.bind(orelse);
                self.compile_expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.compile_dict(d)?,
            Expr::Set(s) => self.compile_sequence(
                &s.elts,
                Instr::BuildSet,
                Instr::SetAdd(1),
                Instr::SetUpdate(1),
            )?,
            Expr::List(l) => self.compile_sequence(
                &l.elts,
                Instr::BuildList,
                Instr::ListAppend(1),
                Instr::ListExtend(1),
            )?,
            Expr::Tuple(t) => self.compile_tuple(&t.elts)?,
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                self.compile_comprehension(e)?
            }
            Expr::Await(_) => return Err(self.unsupported(e, "`await`")),
            Expr::YieldFrom(_) => return Err(self.unsupported(e, "`yield from`")),
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(Instr::YieldValue);
            }
            Expr::Compare(c) => self.compile_compare(c)?,
            Expr::Call(c) => self.compile_call(c)?,
            Expr::FString(f) => self.compile_fstring(f)?,
            Expr::TString(_) => return Err(self.unsupported(e, "a template string")),
            Expr::Starred(_) => {
                return Err(self.error(
                    e,
                    "can't use starred expression here",
                    "`*x` belongs in a call, display or assignment target",
                ))
            }
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_idx(a.attr.as_str());
                self.emit(Instr::LoadAttr(i));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::BinarySubscr);
            }
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.compile_expr(p)?,
                        None => self.load_const(Constant::None),
                    }
                }
                if let Some(step) = &s.step {
                    self.compile_expr(step)?;
                }
                self.emit(Instr::BuildSlice(if s.step.is_some() { 3 } else { 2 }));
            }
            Expr::IpyEscapeCommand(_) => {
                return Err(self.unsupported(e, "an IPython escape command"))
            }
            _ => {
                let Some(c) = self.constant_of(e)? else {
                    return Err(self.unsupported(e, "this expression"));
                };
                self.load_const(c);
            }
        }
        Ok(())
    }

    /// The constant value of a literal (or a tuple of literals), if `e`
    /// is one.
    fn constant_of(&self, e: &Expr) -> CResult<Option<Constant>> {
        Ok(Some(match e {
            Expr::StringLiteral(s) => Constant::Str(s.value.to_str().into()),
            Expr::BytesLiteral(b) => Constant::Bytes(b.value.bytes().collect::<Vec<u8>>().into()),
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Constant::Int(v),
                    None => Constant::BigInt(Arc::new(self.big_int(e, &i.to_string())?)),
                },
                ast::Number::Float(f) => Constant::Float(*f),
                ast::Number::Complex { .. } => return Err(self.unsupported(e, "a complex number")),
            },
            Expr::BooleanLiteral(b) => Constant::Bool(b.value),
            Expr::NoneLiteral(_) => Constant::None,
            Expr::EllipsisLiteral(_) => Constant::Ellipsis,
            Expr::Tuple(t) => {
                let mut items = Vec::with_capacity(t.elts.len());
                for x in &t.elts {
                    match self.constant_of(x)? {
                        Some(c) => items.push(c),
                        None => return Ok(None),
                    }
                }
                Constant::Tuple(items.into())
            }
            _ => return Ok(None),
        }))
    }

    /// Parses an integer literal too big for `i64` (`12345...`, `0x...`).
    fn big_int(&self, e: &Expr, text: &str) -> CResult<BigInt> {
        let t = text.replace('_', "").to_ascii_lowercase();
        let (digits, radix) = match t.get(..2) {
            Some("0x") => (&t[2..], 16),
            Some("0o") => (&t[2..], 8),
            Some("0b") => (&t[2..], 2),
            _ => (&t[..], 10),
        };
        BigInt::parse_bytes(digits.as_bytes(), radix)
            .ok_or_else(|| self.error(e, "invalid integer literal", ""))
    }

    /// Compiles a condition and jumps to `target` when its truth equals
    /// `when`; falls through otherwise. `not`, `and` and `or` become jumps.
    pub(super) fn compile_jump_if(&mut self, e: &Expr, when: bool, target: LabelId) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                self.compile_jump_if(&u.operand, !when, target)
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                let Some((last, init)) = b.values.split_last() else {
                    return Err(self.error(e, "malformed boolean operation", ""));
                };
                if is_and != when {
                    // `a and b` jumping when false / `a or b` jumping when true:
                    // every operand may jump to the target.
                    for v in init {
                        self.compile_jump_if(v, when, target)?;
                    }
                    self.compile_jump_if(last, when, target)
                } else {
                    let skip = self.new_label();
                    for v in init {
                        self.compile_jump_if(v, !when, skip)?;
                    }
                    self.compile_jump_if(last, when, target)?;
                    self.bind(skip);
                    Ok(())
                }
            }
            _ => {
                if let Some(truth) = self
                    .constant_of(e)
                    .ok()
                    .flatten()
                    .as_ref()
                    .and_then(truth_of)
                {
                    // A constant test (`while True:`) is decided at compile time.
                    if truth == when {
                        let span = self.span_of(e);
                        self.with_span(span, |c| c.emit_jump(Instr::Jump, target));
                    }
                    return Ok(());
                }
                self.compile_expr(e)?;
                let span = self.span_of(e);
                self.with_span(span, |c| {
                    c.emit_jump(
                        if when {
                            Instr::PopJumpIfTrue
                        } else {
                            Instr::PopJumpIfFalse
                        },
                        target,
                    )
                });
                Ok(())
            }
        }
    }

    /// `a < b < c`: each middle operand is evaluated once; a false link
    /// ends the chain through a cleanup that drops the saved operand.
    fn compile_compare(&mut self, c: &ast::ExprCompare) -> CResult {
        self.compile_expr(&c.left)?;
        let n = c.ops.len();
        if n == 0 || n != c.comparators.len() {
            return Err(self.error(c, "malformed comparison", ""));
        }
        if n == 1 {
            self.compile_expr(&c.comparators[0])?;
            self.emit(Instr::Compare(cmpop(c.ops[0])));
            return Ok(());
        }
        let (cleanup, end) = (self.new_label(), self.new_label());
        for i in 0..n - 1 {
            self.compile_expr(&c.comparators[i])?;
            self.emit(Instr::Swap(2));
            self.emit(Instr::Copy(2));
            self.emit(Instr::Compare(cmpop(c.ops[i])));
            self.emit_jump(Instr::JumpIfFalseOrPop, cleanup);
        }
        self.compile_expr(&c.comparators[n - 1])?;
        self.emit(Instr::Compare(cmpop(c.ops[n - 1])));
        self.emit_jump(Instr::Jump, end);
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::Pop);
        self.bind(end);
        Ok(())
    }

    /// Lists and sets: `Build*(n)`, or with starred items, the leading
    /// plain items built then each further item appended or merged.
    fn compile_sequence(
        &mut self,
        elts: &[Expr],
        build: fn(u32) -> Instr,
        add: Instr,
        extend: Instr,
    ) -> CResult {
        let lead = elts.iter().take_while(|e| !e.is_starred_expr()).count();
        for e in &elts[..lead] {
            self.compile_expr(e)?;
        }
        self.emit(build(lead as u32));
        for e in &elts[lead..] {
            match e {
                Expr::Starred(s) => {
                    self.compile_expr(&s.value)?;
                    self.emit(extend);
                }
                _ => {
                    self.compile_expr(e)?;
                    self.emit(add);
                }
            }
        }
        Ok(())
    }

    fn compile_tuple(&mut self, elts: &[Expr]) -> CResult {
        if elts.iter().any(|e| e.is_starred_expr()) {
            self.compile_sequence(
                elts,
                Instr::BuildList,
                Instr::ListAppend(1),
                Instr::ListExtend(1),
            )?;
            self.emit(Instr::ListToTuple);
            return Ok(());
        }
        let mut items = Vec::new();
        for e in elts {
            match self.constant_of(e)? {
                Some(c) => items.push(c),
                None => break,
            }
        }
        if items.len() == elts.len() {
            self.load_const(Constant::Tuple(items.into()));
            return Ok(());
        }
        for e in elts {
            self.compile_expr(e)?;
        }
        self.emit(Instr::BuildTuple(elts.len() as u32));
        Ok(())
    }

    fn compile_dict(&mut self, d: &ast::ExprDict) -> CResult {
        let lead = d.items.iter().take_while(|i| i.key.is_some()).count();
        for item in &d.items[..lead] {
            if let Some(k) = &item.key {
                self.compile_expr(k)?;
            }
            self.compile_expr(&item.value)?;
        }
        self.emit(Instr::BuildMap(lead as u32));
        for item in &d.items[lead..] {
            match &item.key {
                Some(k) => {
                    self.compile_expr(k)?;
                    self.compile_expr(&item.value)?;
                    self.emit(Instr::MapAdd(1));
                }
                None => {
                    self.compile_expr(&item.value)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn compile_call(&mut self, call: &ast::ExprCall) -> CResult {
        if self.try_compile_super(call)? {
            return Ok(());
        }
        self.compile_expr(&call.func)?;
        let args = &call.arguments;
        let variadic = args.args.iter().any(|a| a.is_starred_expr())
            || args.keywords.iter().any(|k| k.arg.is_none());
        if !variadic {
            for a in &args.args {
                self.compile_expr(a)?;
            }
            if args.keywords.is_empty() {
                self.emit(Instr::Call(args.args.len() as u32));
                return Ok(());
            }
            let mut names = Vec::new();
            for k in &args.keywords {
                self.compile_expr(&k.value)?;
                names.push(Constant::Str(
                    k.arg.as_ref().map_or("", |a| a.as_str()).into(),
                ));
            }
            let names = self.add_const(Constant::Tuple(names.into()));
            let argc = (args.args.len() + args.keywords.len()) as u32;
            self.emit(Instr::CallKw { argc, names });
            return Ok(());
        }
        self.compile_sequence(
            &args.args,
            Instr::BuildList,
            Instr::ListAppend(1),
            Instr::ListExtend(1),
        )?;
        self.emit(Instr::ListToTuple);
        let has_kwargs = !args.keywords.is_empty();
        if has_kwargs {
            self.emit(Instr::BuildMap(0));
            for k in args.keywords.iter() {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Constant::Str(name.as_str().into()));
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::MapAdd(1));
                    }
                    None => {
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::DictUpdate(1));
                    }
                }
            }
        }
        self.emit(Instr::CallEx { has_kwargs });
        Ok(())
    }

    /// Zero-argument `super()` in a method: `super(__class__, <first arg>)`.
    fn try_compile_super(&mut self, call: &ast::ExprCall) -> CResult<bool> {
        use super::symtable::Resolution;
        let Expr::Name(n) = &*call.func else {
            return Ok(false);
        };
        let scope = self.scope();
        let applies = n.id.as_str() == "super"
            && call.arguments.args.is_empty()
            && call.arguments.keywords.is_empty()
            && matches!(
                scope.kind,
                super::ScopeKind::Function | super::ScopeKind::Lambda
            )
            && matches!(
                self.resolve_name("super").0,
                Resolution::GlobalImplicit | Resolution::GlobalExplicit
            )
            && scope.resolve("__class__") == Resolution::Free
            && self.unit_ref().argcount > 0;
        if !applies {
            return Ok(false);
        }
        let first = scope.params[0].clone();
        // The method's own first argument, even inside an inlined
        // comprehension that binds a variable of the same name.
        let load_first = match scope.resolve(&first) {
            Resolution::Cell => Instr::LoadDeref(self.cell_idx(&first)),
            _ => Instr::LoadFast(self.local_idx(&first)),
        };
        self.load_name("super");
        let i = self.cell_idx("__class__");
        self.emit(Instr::LoadDeref(i));
        self.emit(load_first);
        self.emit(Instr::Call(2));
        Ok(true)
    }

    fn compile_fstring(&mut self, f: &ast::ExprFString) -> CResult {
        let mut n = 0;
        let mut pending = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(s) => pending.push_str(&s.value),
                ast::FStringPart::FString(fs) => {
                    self.compile_fstring_elements(&fs.elements, &mut pending, &mut n)?
                }
            }
        }
        if !pending.is_empty() || n == 0 {
            self.load_const(Constant::Str(pending.into()));
            n += 1;
        }
        if n > 1 {
            self.emit(Instr::BuildString(n));
        }
        Ok(())
    }

    /// Pushes the parts of an f-string, merging adjacent literal text in
    /// `pending`; counts the pushed strings in `n`.
    fn compile_fstring_elements(
        &mut self,
        elements: &ast::InterpolatedStringElements,
        pending: &mut String,
        n: &mut u32,
    ) -> CResult {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if i.debug_text.is_some() {
                        return Err(self.unsupported(i, "the f-string `=` specifier"));
                    }
                    if !pending.is_empty() {
                        self.load_const(Constant::Str(std::mem::take(pending).into()));
                        *n += 1;
                    }
                    self.compile_expr(&i.expression)?;
                    let conversion = match i.conversion {
                        ast::ConversionFlag::None => Conversion::None,
                        ast::ConversionFlag::Str => Conversion::Str,
                        ast::ConversionFlag::Repr => Conversion::Repr,
                        ast::ConversionFlag::Ascii => Conversion::Ascii,
                    };
                    let has_spec = i.format_spec.is_some();
                    if let Some(spec) = &i.format_spec {
                        let (mut spec_text, mut spec_n) = (String::new(), 0);
                        self.compile_fstring_elements(&spec.elements, &mut spec_text, &mut spec_n)?;
                        if !spec_text.is_empty() || spec_n == 0 {
                            self.load_const(Constant::Str(spec_text.into()));
                            spec_n += 1;
                        }
                        if spec_n > 1 {
                            self.emit(Instr::BuildString(spec_n));
                        }
                    }
                    let span = self.span_of(i);
                    self.with_span(span, |c| {
                        c.emit(Instr::FormatValue {
                            conversion,
                            has_spec,
                        })
                    });
                    *n += 1;
                }
            }
        }
        Ok(())
    }
}
