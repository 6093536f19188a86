//! Loops, `try` and `with`, and the statements that jump out of them.
//!
//! Our bytecode has a single kind of block, the exception handler, so every
//! way out of a `try ... finally` or `with` is compiled explicitly: the
//! compiler keeps a stack of [`FBlock`]s describing what encloses the code
//! being emitted, and `return`, `break` and `continue` walk it from the
//! innermost outwards, popping handlers, dropping loop iterators, calling
//! `with` exits and emitting a copy of each `finally` body on the way.

use super::{CResult, Compiler, LabelId};
use crate::ast::{self, Stmt};
use crate::bytecode::{Constant, Instr};

/// What encloses the code being compiled, as far as leaving it goes.
#[derive(Clone)]
pub(super) enum FBlock<'a> {
    /// A `while` loop: `continue` jumps to `start`, `break` to `end`.
    While { start: LabelId, end: LabelId },
    /// A `for` loop, with its iterator on the stack.
    For { start: LabelId, end: LabelId },
    /// The body of a `try` with `except` clauses: one handler to pop.
    TryExcept,
    /// The body of a `try ... finally`: pop the handler, run the body.
    Finally { body: &'a [Stmt] },
    /// The body of a `with`: pop the handler, call the exit (on the stack).
    With,
    /// Inside an `except` clause or a `finally` handler: the caught
    /// exception is in hidden local `exc`; `name` is unbound on exit.
    Handler { exc: u32, name: Option<String> },
}

impl<'a> Compiler<'a> {
    fn push_fblock(&mut self, b: FBlock<'a>) {
        self.unit().fblocks.push(b);
    }

    fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }

    /// Emits the exit actions of one block. `preserve_tos` means a return
    /// value sits on top of the stack and must stay there.
    fn unwind_one(&mut self, block: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match block {
            FBlock::While { .. } => {}
            FBlock::For { .. } => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::Pop);
            }
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::Finally { body } => {
                self.emit(Instr::PopBlock);
                self.compile_body(body)?;
            }
            FBlock::With => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::WithExitNormal);
            }
            FBlock::Handler { name, .. } => {
                if let Some(name) = name {
                    self.unbind_handler_name(name);
                }
            }
        }
        Ok(())
    }

    /// `name = None; del name`, as CPython does after `except E as name`.
    fn unbind_handler_name(&mut self, name: &str) {
        self.load_const(Constant::None);
        self.store_name(name);
        self.delete_name(name);
    }

    /// Unwinds every block from the innermost out, or up to (not including)
    /// the innermost loop if `to_loop`. Returns that loop, if any. While a
    /// block's exit code is emitted, the block is off the stack, so a
    /// `return` inside a duplicated `finally` body unwinds only the outer
    /// blocks.
    fn unwind(&mut self, preserve_tos: bool, to_loop: bool) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.unit_ref().fblocks.last().cloned() else {
            return Ok(None);
        };
        if to_loop && matches!(top, FBlock::While { .. } | FBlock::For { .. }) {
            return Ok(Some(top));
        }
        self.pop_fblock();
        let result = self
            .unwind_one(&top, preserve_tos)
            .and_then(|_| self.unwind(preserve_tos, to_loop));
        self.push_fblock(top);
        result
    }

    pub(super) fn compile_return(&mut self, stmt: &ast::StmtReturn) -> CResult {
        if !self.scope_kind().is_function() {
            return Err(self.error(
                stmt,
                "'return' outside function",
                "only functions can return",
            ));
        }
        match &stmt.value {
            Some(v) => self.compile_expr(v)?,
            None => self.load_const(Constant::None),
        }
        self.unwind(true, false)?;
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    pub(super) fn compile_break_continue(&mut self, stmt: &Stmt, is_break: bool) -> CResult {
        let word = if is_break { "break" } else { "continue" };
        let Some(lp) = self.unwind(false, true)? else {
            return Err(self.error(
                stmt,
                format!("'{word}' outside loop"),
                "it must be inside a `for` or `while` body",
            ));
        };
        match (lp, is_break) {
            (FBlock::While { end, .. }, true) => self.emit_jump(Instr::Jump, end),
            (FBlock::For { end, .. }, true) => {
                self.emit(Instr::Pop);
                self.emit_jump(Instr::Jump, end);
            }
            (FBlock::While { start, .. } | FBlock::For { start, .. }, false) => {
                self.emit_jump(Instr::Jump, start)
            }
            _ => {}
        }
        Ok(())
    }

    pub(super) fn compile_while(&mut self, stmt: &'a ast::StmtWhile) -> CResult {
        let (start, end, orelse) = (self.new_label(), self.new_label(), self.new_label());
        self.bind(start);
        self.compile_jump_if(&stmt.test, false, orelse)?;
        self.push_fblock(FBlock::While { start, end });
        let r = self.compile_body(&stmt.body);
        self.pop_fblock();
        r?;
        self.emit_jump(Instr::Jump, start);
        self.bind(orelse);
        self.compile_body(&stmt.orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(super) fn compile_for(&mut self, stmt: &'a ast::StmtFor) -> CResult {
        if stmt.is_async {
            return Err(self.unsupported(stmt, "`async for`"));
        }
        let (start, end, orelse) = (self.new_label(), self.new_label(), self.new_label());
        self.compile_expr(&stmt.iter)?;
        self.emit(Instr::GetIter);
        self.bind(start);
        self.emit_jump(Instr::ForIter, orelse);
        self.compile_store(&stmt.target)?;
        self.push_fblock(FBlock::For { start, end });
        let r = self.compile_body(&stmt.body);
        self.pop_fblock();
        r?;
        self.emit_jump(Instr::Jump, start);
        self.bind(orelse);
        self.compile_body(&stmt.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// Allocates the hidden local for the exception of a new handler.
    fn enter_handler(&mut self) -> u32 {
        let depth = self.unit_ref().handler_depth;
        self.unit().handler_depth += 1;
        self.hidden_local(&format!("$exc{depth}"))
    }

    fn leave_handler(&mut self) {
        self.unit().handler_depth -= 1;
    }

    pub(super) fn compile_try(&mut self, stmt: &'a ast::StmtTry) -> CResult {
        if stmt.is_star {
            return Err(self.unsupported(stmt, "`except*`"));
        }
        if stmt.finalbody.is_empty() {
            return self.compile_try_except(stmt);
        }
        let (handler, end) = (self.new_label(), self.new_label());
        let body: &'a [Stmt] = &stmt.finalbody;
        self.emit_jump(Instr::SetupExcept, handler);
        self.push_fblock(FBlock::Finally { body });
        let r = if stmt.handlers.is_empty() {
            self.compile_body(&stmt.body)
        } else {
            self.compile_try_except(stmt)
        };
        self.pop_fblock();
        r?;
        self.emit(Instr::PopBlock);
        self.compile_body(body)?;
        self.emit_jump(Instr::Jump, end);

        // The exceptional path: run the body, then re-raise.
        self.bind(handler);
        let exc = self.enter_handler();
        self.emit(Instr::StoreFast(exc));
        self.push_fblock(FBlock::Handler { exc, name: None });
        let r = self.compile_body(body);
        self.pop_fblock();
        r?;
        self.emit(Instr::LoadFast(exc));
        self.emit(Instr::Raise { cause: false });
        self.leave_handler();
        self.bind(end);
        Ok(())
    }

    /// `try: body except ...: ... else: ...` (no `finally`).
    fn compile_try_except(&mut self, stmt: &'a ast::StmtTry) -> CResult {
        let (handler, end) = (self.new_label(), self.new_label());
        self.emit_jump(Instr::SetupExcept, handler);
        self.push_fblock(FBlock::TryExcept);
        let r = self.compile_body(&stmt.body);
        self.pop_fblock();
        r?;
        self.emit(Instr::PopBlock);
        self.compile_body(&stmt.orelse)?;
        self.emit_jump(Instr::Jump, end);

        self.bind(handler);
        let exc = self.enter_handler();
        self.emit(Instr::StoreFast(exc));
        let mut caught_all = false;
        for (i, h) in stmt.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let span = self.span_of(h);
            let saved = std::mem::replace(&mut self.span, span);
            let next = self.new_label();
            match &h.type_ {
                Some(t) => {
                    self.emit(Instr::LoadFast(exc));
                    self.compile_expr(t)?;
                    self.emit(Instr::ExcMatch);
                    self.emit_jump(Instr::PopJumpIfFalse, next);
                }
                None if i + 1 < stmt.handlers.len() => {
                    return Err(self.error(
                        h,
                        "default 'except:' must be last",
                        "move it after the other clauses",
                    ));
                }
                None => caught_all = true,
            }
            let name = h.name.as_ref().map(|n| n.as_str().to_string());
            if let Some(n) = &name {
                self.emit(Instr::LoadFast(exc));
                self.store_name(n);
            }
            self.push_fblock(FBlock::Handler {
                exc,
                name: name.clone(),
            });
            let r = self.compile_body(&h.body);
            self.pop_fblock();
            r?;
            if let Some(n) = &name {
                self.unbind_handler_name(n);
            }
            self.emit_jump(Instr::Jump, end);
            self.bind(next);
            self.span = saved;
        }
        if !caught_all {
            self.emit(Instr::LoadFast(exc));
            self.emit(Instr::Raise { cause: false });
        }
        self.leave_handler();
        self.bind(end);
        Ok(())
    }

    /// `raise`, `raise X`, `raise X from Y`.
    pub(super) fn compile_raise(&mut self, stmt: &ast::StmtRaise) -> CResult {
        let Some(exc) = &stmt.exc else {
            let active = self.unit_ref().fblocks.iter().rev().find_map(|b| match b {
                FBlock::Handler { exc, .. } => Some(*exc),
                _ => None,
            });
            match active {
                Some(exc) => self.emit(Instr::LoadFast(exc)),
                None => {
                    let i = self.name_idx("RuntimeError");
                    self.emit(Instr::LoadGlobal(i));
                    self.load_const(Constant::Str("No active exception to reraise".into()));
                    self.emit(Instr::Call(1));
                }
            }
            self.emit(Instr::Raise { cause: false });
            return Ok(());
        };
        self.compile_expr(exc)?;
        if let Some(cause) = &stmt.cause {
            self.compile_expr(cause)?;
        }
        self.emit(Instr::Raise {
            cause: stmt.cause.is_some(),
        });
        Ok(())
    }

    pub(super) fn compile_with(&mut self, stmt: &'a ast::StmtWith) -> CResult {
        if stmt.is_async {
            return Err(self.unsupported(stmt, "`async with`"));
        }
        self.compile_with_items(&stmt.items, &stmt.body)
    }

    /// One `with` item around the rest: nested items nest the blocks.
    fn compile_with_items(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        let (handler, suppress, end) = (self.new_label(), self.new_label(), self.new_label());
        self.compile_expr(&item.context_expr)?;
        self.emit(Instr::BeforeWith);
        match &item.optional_vars {
            Some(target) => self.compile_store(target)?,
            None => self.emit(Instr::Pop),
        }
        self.emit_jump(Instr::SetupExcept, handler);
        self.push_fblock(FBlock::With);
        let r = self.compile_with_items(rest, body);
        self.pop_fblock();
        r?;
        self.emit(Instr::PopBlock);
        self.emit(Instr::WithExitNormal);
        self.emit_jump(Instr::Jump, end);
        self.bind(handler);
        self.emit(Instr::WithExceptStart);
        self.emit_jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Raise { cause: false });
        self.bind(suppress);
        self.emit(Instr::Pop);
        self.emit(Instr::Pop);
        self.bind(end);
        Ok(())
    }
}
