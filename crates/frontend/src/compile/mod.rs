//! The bytecode compiler: AST to [`CodeObject`]s.
//!
//! [`compile_module`] first runs the scope analysis ([`symtable`]), then
//! walks the AST once, emitting instructions into one [`Unit`] per code
//! object being built (module, class bodies, functions, lambdas,
//! comprehensions). Statements live in `stmt`, expressions in `expr`,
//! and the exits that cross `try`/`with`/loops (where `finally` bodies and
//! `with` exits are duplicated) in `unwind`.
//!
//! Everything the user can get wrong is a [`Diagnostic`]; the compiler
//! never panics on user input.

mod expr;
mod scopes;
mod stmt;
pub mod symtable;
mod unwind;

use crate::bytecode::{CodeKind, CodeObject, Constant, Instr, Label};
use crate::diag::Diagnostic;
use crate::host::value::PyStr;
use crate::source::{FileId, Span};
use indexmap::IndexSet;
use ruff_text_size::Ranged;
use std::sync::Arc;
use symtable::{Resolution, ScopeId, ScopeKind, SymbolTable};
use unwind::FBlock;

/// Compiles a parsed module into the code object of its body.
pub fn compile_module(
    file: FileId,
    module_name: &str,
    module: &crate::ast::ModModule,
) -> Result<Arc<CodeObject>, Diagnostic> {
    let table = symtable::build(file, module)?;
    let mut c = Compiler {
        file,
        table,
        units: Vec::new(),
        span: Span::new(file, 0, 0),
    };
    let span = c.span_of(module);
    c.span = span;
    c.push_unit(0, CodeKind::Module, "<module>", module_name.into(), span);
    c.unit().doc = docstring(&module.body);
    let r = c.compile_body(&module.body);
    c.emit_implicit_return(&module.body);
    Ok(Arc::new(c.pop_unit(r)?))
}

/// The docstring of a body: its first statement when that is a string
/// literal.
fn docstring(body: &[crate::ast::Stmt]) -> Option<PyStr> {
    match body.first()? {
        crate::ast::Stmt::Expr(e) => match &*e.value {
            crate::ast::Expr::StringLiteral(s) => Some(PyStr::new(s.value.to_str())),
            _ => None,
        },
        _ => None,
    }
}

/// The result type of compiler steps.
type CResult<T = ()> = Result<T, Diagnostic>;

/// A forward-referenceable jump target. Jumps hold the label id until the
/// unit is finished, then the index of the instruction it was bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LabelId(u32);

/// A code object under construction.
struct Unit<'a> {
    scope: ScopeId,
    kind: CodeKind,
    name: Arc<str>,
    qualname: Arc<str>,
    def_span: Span,
    instrs: Vec<Instr>,
    spans: Vec<Span>,
    consts: Vec<Constant>,
    names: IndexSet<Arc<str>>,
    varnames: IndexSet<Arc<str>>,
    cellvars: Vec<Arc<str>>,
    doc: Option<PyStr>,
    freevars: Vec<Arc<str>>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    varargs: bool,
    varkw: bool,
    /// Label id -> bound instruction index.
    labels: Vec<Option<u32>>,
    /// The active exits (loops, handlers, `finally`, `with`), innermost last.
    fblocks: Vec<FBlock<'a>>,
    /// How many `except`/`finally` handlers enclose the code being emitted
    /// (names the hidden local holding each one's exception).
    handler_depth: u32,
    /// The comprehensions being compiled inline in this unit, innermost
    /// last: each one's scope and the prefix of its hidden locals.
    inlined: Vec<(ScopeId, Arc<str>)>,
    /// How many comprehensions were inlined in this unit so far (numbers
    /// the hidden-local prefixes `$comp0`, `$comp1`, ...).
    inlined_count: u32,
}

/// The compiler state for one module.
struct Compiler<'a> {
    file: FileId,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
    /// The span given to emitted instructions.
    span: Span,
}

impl<'a> Compiler<'a> {
    fn span_of(&self, node: &impl Ranged) -> Span {
        crate::parse::span_of(self.file, node)
    }

    /// A diagnostic at `node`.
    fn error(&self, node: &impl Ranged, message: impl Into<String>, note: &str) -> Diagnostic {
        let mut d = Diagnostic::error(message).at(self.span_of(node), "here");
        if !note.is_empty() {
            d = d.with_note(note);
        }
        d
    }

    fn unsupported(&self, node: &impl Ranged, what: &str) -> Diagnostic {
        self.error(
            node,
            format!("{what} is not supported"),
            "rpy accepts a subset of Python 3; see docs/language.md",
        )
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        self.units
            .last_mut()
            .expect("a unit is always open while compiling")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units
            .last()
            .expect("a unit is always open while compiling")
    }

    fn scope(&self) -> &symtable::Scope {
        &self.table.scopes[self.unit_ref().scope]
    }

    /// Opens a code object for `scope`, laying out its parameters, locals
    /// and cells from the symbol table.
    fn push_unit(
        &mut self,
        scope: ScopeId,
        kind: CodeKind,
        name: &str,
        qualname: Arc<str>,
        def_span: Span,
    ) {
        let s = &self.table.scopes[scope];
        let mut varnames = IndexSet::new();
        if s.kind.is_function() {
            for p in &s.params {
                varnames.insert(Arc::from(p.as_str()));
            }
            for l in s.plain_locals() {
                varnames.insert(Arc::from(l.as_str()));
            }
        }
        let cellvars = s.cellvars().iter().map(|n| Arc::from(n.as_str())).collect();
        let freevars = s.freevars.iter().map(|n| Arc::from(n.as_str())).collect();
        self.units.push(Unit {
            scope,
            kind,
            name: name.into(),
            qualname,
            def_span,
            instrs: Vec::new(),
            spans: Vec::new(),
            consts: Vec::new(),
            names: IndexSet::new(),
            varnames,
            cellvars,
            freevars,
            doc: None,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varargs: false,
            varkw: false,
            labels: Vec::new(),
            fblocks: Vec::new(),
            handler_depth: 0,
            inlined: Vec::new(),
            inlined_count: 0,
        });
    }

    /// Closes the innermost unit: on success (`body` is the result of
    /// compiling it) resolves its labels into a code object; on failure
    /// drops it and passes the diagnostic on.
    fn pop_unit(&mut self, body: CResult) -> CResult<CodeObject> {
        let u = self.units.pop().expect("pop_unit without push_unit");
        body?;
        let s = &self.table.scopes[u.scope];
        let mut unbound = false;
        let instrs = u
            .instrs
            .iter()
            .map(|i| {
                map_label(*i, |l| {
                    u.labels[l as usize].unwrap_or_else(|| {
                        unbound = true;
                        0
                    })
                })
            })
            .collect();
        if unbound {
            return Err(Diagnostic::error(format!(
                "internal compiler error: unbound jump label in `{}`",
                u.qualname
            ))
            .at(u.def_span, "while compiling this"));
        }
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                s.params
                    .iter()
                    .position(|p| p.as_str() == &**c)
                    .map(|i| i as u32)
            })
            .collect();
        Ok(CodeObject {
            name: u.name,
            qualname: u.qualname,
            kind: u.kind,
            is_generator: s.is_generator,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            varargs: u.varargs,
            varkw: u.varkw,
            varnames: u.varnames.into_iter().collect(),
            cellvars: u.cellvars,
            cell2arg,
            freevars: u.freevars,
            names: u.names.iter().map(|n| PyStr::new(n)).collect(),
            consts: u.consts,
            instrs,
            spans: u.spans,
            def_span: u.def_span,
            doc: u.doc,
        })
    }

    /// The qualified name of a new definition named `name` in this unit.
    fn qualname_for(&self, name: &str) -> Arc<str> {
        let u = self.unit_ref();
        match u.kind {
            CodeKind::Module => name.into(),
            CodeKind::Class => format!("{}.{name}", u.qualname).into(),
            _ => format!("{}.<locals>.{name}", u.qualname).into(),
        }
    }

    // ---- emitting ----

    fn emit(&mut self, instr: Instr) {
        let span = self.span;
        let u = self.unit();
        u.instrs.push(instr);
        u.spans.push(span);
    }

    fn new_label(&mut self) -> LabelId {
        let u = self.unit();
        u.labels.push(None);
        LabelId(u.labels.len() as u32 - 1)
    }

    fn bind(&mut self, label: LabelId) {
        let u = self.unit();
        u.labels[label.0 as usize] = Some(u.instrs.len() as u32);
    }

    /// Emits a jump-like instruction to `label` (`make` receives the label
    /// id, replaced by the real index in [`Compiler::pop_unit`]).
    fn emit_jump(&mut self, make: fn(Label) -> Instr, label: LabelId) {
        self.emit(make(label.0));
    }

    fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.unit();
        if !matches!(c, Constant::Code(_)) {
            if let Some(i) = u.consts.iter().position(|k| same_const(k, &c)) {
                return i as u32;
            }
        }
        u.consts.push(c);
        u.consts.len() as u32 - 1
    }

    fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    fn emit_return_none(&mut self) {
        self.load_const(Constant::None);
        self.emit(Instr::ReturnValue);
    }

    /// `name` after private-name mangling in this unit.
    fn mangle(&self, name: &str) -> String {
        symtable::mangle(self.scope().private.as_deref(), name).into_owned()
    }

    /// The name index of an attribute (mangled like a variable).
    fn attr_idx(&mut self, name: &str) -> u32 {
        let name = self.mangle(name);
        self.name_idx(&name)
    }

    /// `return None` at the end of a body, with the span of its last
    /// statement (where execution falls off).
    fn emit_implicit_return(&mut self, body: &[crate::ast::Stmt]) {
        let span = body.last().map_or(self.span, |s| self.span_of(s));
        self.with_span(span, |c| c.emit_return_none());
    }

    fn name_idx(&mut self, name: &str) -> u32 {
        let (i, _) = self.unit().names.insert_full(Arc::from(name));
        i as u32
    }

    fn local_idx(&mut self, name: &str) -> u32 {
        let (i, _) = self.unit().varnames.insert_full(Arc::from(name));
        i as u32
    }

    /// The index of a cell (cellvars first, then freevars).
    fn cell_idx(&mut self, name: &str) -> u32 {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| &**c == name) {
            return i as u32;
        }
        if let Some(i) = u.freevars.iter().position(|c| &**c == name) {
            return (u.cellvars.len() + i) as u32;
        }
        // The symbol table guarantees every Cell/Free name has a slot.
        let u = self.unit();
        u.freevars.push(Arc::from(name));
        (u.cellvars.len() + u.freevars.len() - 1) as u32
    }

    /// A hidden local of this unit (names starting with `$`).
    fn hidden_local(&mut self, name: &str) -> u32 {
        self.local_idx(name)
    }

    // ---- names ----

    fn scope_kind(&self) -> ScopeKind {
        self.scope().kind
    }

    /// How the (mangled) `name` resolves where code is being emitted, and
    /// its local name in this unit: a variable bound by a comprehension
    /// being inlined is the hidden local `$compN.name`; every other name
    /// resolves in the unit's own scope.
    fn resolve_name(&self, name: &str) -> (Resolution, String) {
        let u = self.unit_ref();
        for (scope, prefix) in u.inlined.iter().rev() {
            // An inlined comprehension has no cells; its free names and
            // implicit globals are those of the code around it.
            if let Resolution::Local | Resolution::Cell = self.table.scopes[*scope].resolve(name) {
                return (Resolution::Local, format!("{prefix}.{name}"));
            }
        }
        (self.scope().resolve(name), name.to_string())
    }

    fn load_name(&mut self, name: &str) {
        let mangled = self.mangle(name);
        let (resolution, local) = self.resolve_name(&mangled);
        let (name, local) = (&*mangled, &*local);
        let kind = self.scope_kind();
        let instr = match resolution {
            Resolution::Local if kind.is_function() => Instr::LoadFast(self.local_idx(local)),
            Resolution::Local => Instr::LoadName(self.name_idx(name)),
            Resolution::Cell => Instr::LoadDeref(self.cell_idx(name)),
            Resolution::Free if kind == ScopeKind::Class => {
                Instr::LoadClassDeref(self.cell_idx(name))
            }
            Resolution::Free => Instr::LoadDeref(self.cell_idx(name)),
            Resolution::GlobalExplicit => Instr::LoadGlobal(self.name_idx(name)),
            Resolution::GlobalImplicit if kind.is_function() => {
                Instr::LoadGlobal(self.name_idx(name))
            }
            Resolution::GlobalImplicit => Instr::LoadName(self.name_idx(name)),
        };
        self.emit(instr);
    }

    fn store_name(&mut self, name: &str) {
        let mangled = self.mangle(name);
        let (resolution, local) = self.resolve_name(&mangled);
        let (name, local) = (&*mangled, &*local);
        let kind = self.scope_kind();
        let instr = match resolution {
            Resolution::Local if kind.is_function() => Instr::StoreFast(self.local_idx(local)),
            Resolution::Cell | Resolution::Free => Instr::StoreDeref(self.cell_idx(name)),
            Resolution::GlobalExplicit => Instr::StoreGlobal(self.name_idx(name)),
            Resolution::GlobalImplicit if kind.is_function() => {
                Instr::StoreGlobal(self.name_idx(name))
            }
            Resolution::Local | Resolution::GlobalImplicit => Instr::StoreName(self.name_idx(name)),
        };
        self.emit(instr);
    }

    fn delete_name(&mut self, name: &str) {
        let mangled = self.mangle(name);
        let (resolution, local) = self.resolve_name(&mangled);
        let (name, local) = (&*mangled, &*local);
        let kind = self.scope_kind();
        let instr = match resolution {
            Resolution::Local if kind.is_function() => Instr::DeleteFast(self.local_idx(local)),
            Resolution::Cell | Resolution::Free => Instr::DeleteDeref(self.cell_idx(name)),
            Resolution::GlobalExplicit => Instr::DeleteGlobal(self.name_idx(name)),
            Resolution::GlobalImplicit if kind.is_function() => {
                Instr::DeleteGlobal(self.name_idx(name))
            }
            Resolution::Local | Resolution::GlobalImplicit => {
                Instr::DeleteName(self.name_idx(name))
            }
        };
        self.emit(instr);
    }

    /// Runs `f` with `span` as the span of emitted instructions.
    fn with_span<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.span, span);
        let r = f(self);
        self.span = saved;
        r
    }

    /// Emits the closure tuple and `MakeFunction` for a finished code
    /// object; `defaults`/`kwdefaults` are already on the stack if set.
    fn make_function(&mut self, code: CodeObject, defaults: bool, kwdefaults: bool) {
        let closure = !code.freevars.is_empty();
        if closure {
            let free = code.freevars.clone();
            for name in &free {
                let i = self.cell_idx(name);
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(free.len() as u32));
        }
        let code = self.add_const(Constant::Code(Arc::new(code)));
        self.emit(Instr::MakeFunction {
            code,
            defaults,
            kwdefaults,
            closure,
        });
    }
}

/// Rewrites the jump target of a jump-like instruction.
fn map_label(instr: Instr, mut f: impl FnMut(Label) -> Label) -> Instr {
    match instr {
        Instr::Jump(l) => Instr::Jump(f(l)),
        Instr::PopJumpIfFalse(l) => Instr::PopJumpIfFalse(f(l)),
        Instr::PopJumpIfTrue(l) => Instr::PopJumpIfTrue(f(l)),
        Instr::JumpIfFalseOrPop(l) => Instr::JumpIfFalseOrPop(f(l)),
        Instr::JumpIfTrueOrPop(l) => Instr::JumpIfTrueOrPop(f(l)),
        Instr::ForIter(l) => Instr::ForIter(f(l)),
        Instr::SetupExcept(l) => Instr::SetupExcept(f(l)),
        other => other,
    }
}

/// Constant equality for deduplication: floats by bits (so `0.0` and
/// `-0.0` stay apart), tuples item by item.
fn same_const(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| same_const(a, b))
        }
        (Constant::Code(_), _) | (_, Constant::Code(_)) => false,
        _ => a == b,
    }
}
