//! Statements: assignment forms, `if`, definitions, imports, `assert`,
//! `del`. Loops, `try`, `with` and the jumps out of them are in `unwind`.

use super::{CResult, Compiler};
use crate::ast::{self, Expr, Stmt};
use crate::bytecode::{CodeKind, Constant, Instr};
use crate::host::value::PyStr;
use std::sync::Arc;

impl<'a> Compiler<'a> {
    pub(super) fn compile_body(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    fn compile_stmt(&mut self, stmt: &'a Stmt) -> CResult {
        let span = self.span_of(stmt);
        self.with_span(span, |c| c.compile_stmt_inner(stmt))
    }

    fn compile_stmt_inner(&mut self, stmt: &'a Stmt) -> CResult {
        match stmt {
            Stmt::FunctionDef(f) => self.compile_function_def(f),
            Stmt::ClassDef(c) => self.compile_class_def(c),
            Stmt::Return(r) => self.compile_return(r),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.compile_expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Instr::Copy(1));
                    }
                    self.compile_store(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.compile_aug_assign(a),
            Stmt::AnnAssign(a) => match &a.value {
                Some(v) => {
                    self.compile_expr(v)?;
                    self.compile_store(&a.target)
                }
                None => Ok(()),
            },
            Stmt::For(f) => self.compile_for(f),
            Stmt::While(w) => self.compile_while(w),
            Stmt::If(i) => self.compile_if(i),
            Stmt::With(w) => self.compile_with(w),
            Stmt::Raise(r) => self.compile_raise(r),
            Stmt::Try(t) => self.compile_try(t),
            Stmt::Assert(a) => self.compile_assert(a),
            Stmt::Import(i) => self.compile_import(i),
            Stmt::ImportFrom(i) => self.compile_import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                self.compile_expr(&e.value)?;
                self.emit(Instr::Pop);
                Ok(())
            }
            Stmt::Break(_) => self.compile_break_continue(stmt, true),
            Stmt::Continue(_) => self.compile_break_continue(stmt, false),
            Stmt::Match(_) => Err(self.unsupported(stmt, "`match`")),
            Stmt::TypeAlias(_) => Err(self.unsupported(stmt, "`type` alias")),
            Stmt::IpyEscapeCommand(_) => Err(self.unsupported(stmt, "an IPython escape command")),
        }
    }

    fn compile_if(&mut self, stmt: &'a ast::StmtIf) -> CResult {
        let end = self.new_label();
        let mut next = self.new_label();
        self.compile_jump_if(&stmt.test, false, next)?;
        self.compile_body(&stmt.body)?;
        for clause in &stmt.elif_else_clauses {
            self.emit_jump(Instr::Jump, end);
            self.bind(next);
            next = self.new_label();
            let span = self.span_of(clause);
            let saved = std::mem::replace(&mut self.span, span);
            if let Some(test) = &clause.test {
                self.compile_jump_if(test, false, next)?;
            }
            self.compile_body(&clause.body)?;
            self.span = saved;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn compile_assert(&mut self, stmt: &ast::StmtAssert) -> CResult {
        let ok = self.new_label();
        self.compile_jump_if(&stmt.test, true, ok)?;
        self.emit(Instr::LoadAssertionError);
        if let Some(msg) = &stmt.msg {
            self.compile_expr(msg)?;
            self.emit(Instr::Call(1));
        }
        self.emit(Instr::Raise { cause: false });
        self.bind(ok);
        Ok(())
    }

    /// Stores the value on top of the stack into an assignment target.
    pub(super) fn compile_store(&mut self, target: &Expr) -> CResult {
        let span = self.span_of(target);
        self.with_span(span, |c| match target {
            Expr::Name(n) => {
                c.store_name(n.id.as_str());
                Ok(())
            }
            Expr::Attribute(a) => {
                c.compile_expr(&a.value)?;
                let i = c.attr_idx(a.attr.as_str());
                c.emit(Instr::StoreAttr(i));
                Ok(())
            }
            Expr::Subscript(s) => {
                c.compile_expr(&s.value)?;
                c.compile_expr(&s.slice)?;
                c.emit(Instr::StoreSubscr);
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                c.compile_unpack(target, elts)
            }
            Expr::Starred(_) => Err(c.error(
                target,
                "starred assignment target must be in a list or tuple",
                "write `*a, = ...`",
            )),
            _ => Err(c.error(
                target,
                "cannot assign to this expression",
                "assign to a name, attribute, item or tuple",
            )),
        })
    }

    fn compile_unpack(&mut self, target: &Expr, elts: &[Expr]) -> CResult {
        let stars: Vec<usize> = elts
            .iter()
            .enumerate()
            .filter(|(_, e)| e.is_starred_expr())
            .map(|(i, _)| i)
            .collect();
        match stars.as_slice() {
            [] => self.emit(Instr::UnpackSequence(elts.len() as u32)),
            [i] => self.emit(Instr::UnpackEx {
                before: *i as u32,
                after: (elts.len() - i - 1) as u32,
            }),
            _ => {
                return Err(self.error(
                    target,
                    "multiple starred expressions in assignment",
                    "use one `*name` at most",
                ));
            }
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.compile_store(&s.value)?,
                _ => self.compile_store(e)?,
            }
        }
        Ok(())
    }

    fn compile_delete(&mut self, target: &Expr) -> CResult {
        match target {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_idx(a.attr.as_str());
                self.emit(Instr::DeleteAttr(i));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.compile_delete(e)?;
                }
            }
            _ => {
                return Err(self.error(
                    target,
                    "cannot delete this expression",
                    "delete a name, attribute or item",
                ))
            }
        }
        Ok(())
    }

    fn compile_aug_assign(&mut self, stmt: &ast::StmtAugAssign) -> CResult {
        let op = super::expr::binop(stmt.op);
        match &*stmt.target {
            Expr::Name(n) => {
                self.load_name(n.id.as_str());
                self.compile_expr(&stmt.value)?;
                self.emit(Instr::InplaceBinary(op));
                self.store_name(n.id.as_str());
            }
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let i = self.attr_idx(a.attr.as_str());
                self.emit(Instr::Copy(1));
                self.emit(Instr::LoadAttr(i));
                self.compile_expr(&stmt.value)?;
                self.emit(Instr::InplaceBinary(op));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreAttr(i));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                self.emit(Instr::BinarySubscr);
                self.compile_expr(&stmt.value)?;
                self.emit(Instr::InplaceBinary(op));
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                self.emit(Instr::StoreSubscr);
            }
            t => {
                return Err(self.error(
                    t,
                    "illegal expression for augmented assignment",
                    "use a name, attribute or item",
                ))
            }
        }
        Ok(())
    }

    fn compile_import(&mut self, stmt: &ast::StmtImport) -> CResult {
        for alias in &stmt.names {
            let name = alias.name.as_str();
            let dotted = name.contains('.');
            match &alias.asname {
                Some(_) if dotted => self.load_const(Constant::Tuple(Arc::from([]))),
                _ => self.load_const(Constant::None),
            }
            let i = self.name_idx(name);
            self.emit(Instr::ImportName { name: i, level: 0 });
            match &alias.asname {
                Some(asname) => self.store_name(asname.as_str()),
                None => self.store_name(name.split('.').next().unwrap_or(name)),
            }
        }
        Ok(())
    }

    fn compile_import_from(&mut self, stmt: &ast::StmtImportFrom) -> CResult {
        let module = stmt.module.as_ref().map_or("", |m| m.as_str());
        let names: Vec<Constant> = stmt
            .names
            .iter()
            .map(|a| Constant::Str(a.name.as_str().into()))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
        let m = self.name_idx(module);
        self.emit(Instr::ImportName {
            name: m,
            level: stmt.level,
        });
        if stmt.names.len() == 1 && stmt.names[0].name.as_str() == "*" {
            if self.scope_kind() != super::ScopeKind::Module {
                return Err(self.error(
                    stmt,
                    "import * only allowed at module level",
                    "import the names you need",
                ));
            }
            self.emit(Instr::ImportStar);
            return Ok(());
        }
        for alias in &stmt.names {
            let i = self.name_idx(alias.name.as_str());
            self.emit(Instr::ImportFrom(i));
            self.store_name(alias.asname.as_ref().unwrap_or(&alias.name).as_str());
        }
        self.emit(Instr::Pop);
        Ok(())
    }

    fn compile_function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        if f.is_async {
            return Err(self.unsupported(f, "`async def`"));
        }
        if f.type_params.is_some() {
            return Err(self.unsupported(f, "a type parameter list"));
        }
        for d in &f.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let name = f.name.as_str();
        let qualname = self.qualname_for(name);
        self.compile_function(f, &f.parameters, CodeKind::Function, name, qualname, |c| {
            c.unit().doc = super::docstring(&f.body);
            c.compile_body(&f.body)?;
            c.emit_implicit_return(&f.body);
            Ok(())
        })?;
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(name);
        Ok(())
    }

    fn compile_class_def(&mut self, cls: &'a ast::StmtClassDef) -> CResult {
        if cls.type_params.is_some() {
            return Err(self.unsupported(cls, "a type parameter list"));
        }
        if let Some(k) = cls.arguments.as_ref().and_then(|a| a.keywords.first()) {
            return Err(self.error(
                k,
                "metaclasses are not supported",
                "class keywords such as `metaclass=` are not part of RPython",
            ));
        }
        for d in &cls.decorator_list {
            self.compile_expr(&d.expression)?;
        }
        let name = cls.name.as_str();
        let Some(scope) = self.table.scope_for(cls.range) else {
            return Err(self.error(cls, "internal error: class scope not analysed", ""));
        };
        let qualname = self.qualname_for(name);
        let span = self.span_of(cls);
        self.push_unit(scope, CodeKind::Class, name, qualname.clone(), span);
        let r = (|| {
            self.load_name("__name__");
            self.store_name("__module__");
            self.load_const(Constant::Str(PyStr::new(&qualname)));
            self.store_name("__qualname__");
            if let Some(doc) = super::docstring(&cls.body) {
                self.load_const(Constant::Str(doc));
                self.store_name("__doc__");
            }
            self.compile_body(&cls.body)?;
            if self.scope().needs_class_cell {
                let i = self.cell_idx("__class__");
                self.emit(Instr::LoadClosure(i));
                self.emit(Instr::ReturnValue);
            } else {
                self.emit_return_none();
            }
            Ok(())
        })();
        let code = self.pop_unit(r)?;
        self.make_function(code, false, false);
        self.load_const(Constant::Str(name.into()));
        let bases = cls.arguments.as_ref().map_or(&[][..], |a| &a.args[..]);
        for b in bases {
            if b.is_starred_expr() {
                return Err(self.unsupported(b, "a starred base class list"));
            }
            self.compile_expr(b)?;
        }
        self.emit(Instr::BuildClass {
            nbases: bases.len() as u32,
        });
        for _ in &cls.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.store_name(name);
        Ok(())
    }
}
