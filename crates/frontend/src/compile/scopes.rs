//! Nested code objects: functions, lambdas and comprehensions. Each one
//! evaluates its defaults (or outermost iterable) in the enclosing scope,
//! compiles its body into a fresh unit, and emits `MakeFunction`; except
//! comprehensions inside functions, which run inline in the function's
//! code (PEP 709) so that the flow space sees plain loops over fast locals.

use super::{CResult, Compiler, ScopeId};
use crate::ast::{self, Expr};
use crate::bytecode::{CodeKind, Constant, Instr};
use ruff_text_size::Ranged;
use std::sync::Arc;

impl<'a> Compiler<'a> {
    /// Emits defaults, compiles the body with `body` in a new unit, and
    /// leaves the function object on the stack.
    pub(super) fn compile_function(
        &mut self,
        node: &impl Ranged,
        params: &ast::Parameters,
        kind: CodeKind,
        name: &str,
        qualname: Arc<str>,
        body: impl FnOnce(&mut Self) -> CResult,
    ) -> CResult {
        let positional: Vec<_> = params.posonlyargs.iter().chain(&params.args).collect();
        let mut ndefaults = 0;
        for p in &positional {
            if let Some(d) = &p.default {
                self.compile_expr(d)?;
                ndefaults += 1;
            }
        }
        if ndefaults > 0 {
            self.emit(Instr::BuildTuple(ndefaults));
        }
        let mut nkw = 0;
        for p in &params.kwonlyargs {
            if let Some(d) = &p.default {
                let key = self.mangle(p.name().as_str());
                self.load_const(Constant::Str(key.into()));
                self.compile_expr(d)?;
                nkw += 1;
            }
        }
        if nkw > 0 {
            self.emit(Instr::BuildMap(nkw));
        }
        let Some(scope) = self.table.scope_for(node.range()) else {
            return Err(self.error(node, "internal error: function scope not analysed", ""));
        };
        let span = self.span_of(node);
        self.push_unit(scope, kind, name, qualname, span);
        {
            let u = self.unit();
            u.argcount = positional.len() as u32;
            u.posonlyargcount = params.posonlyargs.len() as u32;
            u.kwonlyargcount = params.kwonlyargs.len() as u32;
            u.varargs = params.vararg.is_some();
            u.varkw = params.kwarg.is_some();
        }
        let r = self.with_span(span, body);
        let code = self.pop_unit(r)?;
        self.make_function(code, ndefaults > 0, nkw > 0);
        Ok(())
    }

    pub(super) fn compile_lambda(&mut self, l: &ast::ExprLambda) -> CResult {
        let empty = ast::Parameters::default();
        let params = l.parameters.as_deref().unwrap_or(&empty);
        let qualname = self.qualname_for("<lambda>");
        self.compile_function(l, params, CodeKind::Lambda, "<lambda>", qualname, |c| {
            c.compile_expr(&l.body)?;
            c.emit(Instr::ReturnValue);
            Ok(())
        })
    }

    /// A comprehension or generator expression. A list, set or dict
    /// comprehension the symbol table marked inlined runs in the code
    /// around it; the others are a nested code object called at once with
    /// the iterator of the outermost iterable.
    pub(super) fn compile_comprehension(&mut self, e: &Expr) -> CResult {
        let (name, generators, elts): (&str, &[ast::Comprehension], Vec<&Expr>) = match e {
            Expr::ListComp(c) => ("<listcomp>", &c.generators, vec![&*c.elt]),
            Expr::SetComp(c) => ("<setcomp>", &c.generators, vec![&*c.elt]),
            Expr::DictComp(c) => ("<dictcomp>", &c.generators, vec![&*c.key, &*c.value]),
            Expr::Generator(c) => ("<genexpr>", &c.generators, vec![&*c.elt]),
            _ => return Ok(()),
        };
        let Some(first) = generators.first() else {
            return Err(self.error(e, "comprehension without `for`", ""));
        };
        if generators.iter().any(|g| g.is_async) {
            return Err(self.unsupported(e, "an async comprehension"));
        }
        let Some(scope) = self.table.scope_for(e.range()) else {
            return Err(self.error(e, "internal error: comprehension scope not analysed", ""));
        };
        if self.table.scopes[scope].inlined {
            return self.compile_inlined_comprehension(e, scope, generators, &elts);
        }
        let qualname = self.qualname_for(name);
        let span = self.span_of(e);
        self.push_unit(scope, CodeKind::Comprehension, name, qualname, span);
        self.unit().argcount = 1;
        let r = self.compile_comprehension_body(e, generators, &elts);
        let code = self.pop_unit(r)?;
        self.make_function(code, false, false);
        self.compile_expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    /// PEP 709: `iterable -> container`, the comprehension's loops run
    /// right here with the container under the iterators. The variables
    /// the comprehension binds are hidden locals of this unit, so they
    /// neither leak nor clobber the enclosing function's own.
    fn compile_inlined_comprehension(
        &mut self,
        e: &Expr,
        scope: ScopeId,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
    ) -> CResult {
        let Some(first) = generators.first() else {
            return Err(self.error(e, "comprehension without `for`", ""));
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.compile_expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit_empty_container(e);
        self.emit(Instr::Swap(2));
        let u = self.unit();
        let prefix: Arc<str> = format!("$comp{}", u.inlined_count).into();
        u.inlined_count += 1;
        u.inlined.push((scope, prefix));
        let r = self.compile_comprehension_loops(e, generators, elts);
        self.unit().inlined.pop();
        r
    }

    /// The body of a comprehension's own code object: `.0` is the
    /// iterator of the outermost iterable.
    fn compile_comprehension_body(
        &mut self,
        e: &Expr,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
    ) -> CResult {
        self.emit_empty_container(e);
        let dot0 = self.local_idx(".0");
        self.emit(Instr::LoadFast(dot0));
        self.compile_comprehension_loops(e, generators, elts)?;
        if matches!(e, Expr::Generator(_)) {
            self.emit_return_none();
        } else {
            self.emit(Instr::ReturnValue);
        }
        Ok(())
    }

    /// `BuildList(0)`, `BuildSet(0)` or `BuildMap(0)` for a list, set or
    /// dict comprehension (nothing for a generator expression).
    fn emit_empty_container(&mut self, e: &Expr) {
        match e {
            Expr::ListComp(_) => self.emit(Instr::BuildList(0)),
            Expr::SetComp(_) => self.emit(Instr::BuildSet(0)),
            Expr::DictComp(_) => self.emit(Instr::BuildMap(0)),
            _ => {}
        }
    }

    /// The loops of a comprehension, entered with the iterator of the
    /// outermost iterable on top of the stack (over the container, if
    /// any); each element is appended to the container (or yielded).
    /// Inlined or not, the code is the same: only the names it resolves
    /// to differ.
    fn compile_comprehension_loops(
        &mut self,
        e: &Expr,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
    ) -> CResult {
        let depth = generators.len() as u32 + 1;
        let mut loops = Vec::new();
        for (i, g) in generators.iter().enumerate() {
            let (start, end) = (self.new_label(), self.new_label());
            if i > 0 {
                self.compile_expr(&g.iter)?;
                self.emit(Instr::GetIter);
            }
            self.bind(start);
            self.emit_jump(Instr::ForIter, end);
            self.compile_store(&g.target)?;
            for cond in &g.ifs {
                self.compile_jump_if(cond, false, start)?;
            }
            loops.push((start, end));
        }
        match (e, elts) {
            (Expr::DictComp(_), [k, v]) => {
                self.compile_expr(k)?;
                self.compile_expr(v)?;
                self.emit(Instr::MapAdd(depth));
            }
            (Expr::SetComp(_), [x]) => {
                self.compile_expr(x)?;
                self.emit(Instr::SetAdd(depth));
            }
            (Expr::ListComp(_), [x]) => {
                self.compile_expr(x)?;
                self.emit(Instr::ListAppend(depth));
            }
            (_, [x]) => {
                self.compile_expr(x)?;
                self.emit(Instr::YieldValue);
                self.emit(Instr::Pop);
            }
            _ => {}
        }
        for (start, end) in loops.into_iter().rev() {
            self.emit_jump(Instr::Jump, start);
            self.bind(end);
        }
        Ok(())
    }
}
