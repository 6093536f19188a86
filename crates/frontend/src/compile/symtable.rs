//! Scope analysis: which names of each scope are locals, cells, free
//! variables or globals, as CPython's `symtable` decides it.
//!
//! The compiler needs this before it emits a single instruction of a scope:
//! whether `x` compiles to `LoadFast`, `LoadDeref`, `LoadGlobal` or
//! `LoadName` depends on assignments that may come later in the body and on
//! uses in nested functions. The analysis runs in two passes: [`build`]
//! walks the AST recording how each scope uses each name, then a resolution
//! pass propagates free variables from inner scopes outwards, turning the
//! locals they capture into cells.
//!
//! Scopes are found again by the compiler from the text range of the node
//! that opened them (a `def`, `class`, `lambda` or comprehension).

use crate::ast::visitor::{self, Visitor};
use crate::ast::{self, Expr, Stmt};
use crate::diag::Diagnostic;
use crate::parse::span_of;
use crate::source::FileId;
use indexmap::IndexMap;
use ruff_text_size::{Ranged, TextRange};
use std::collections::HashMap;

/// An index into [`SymbolTable::scopes`].
pub type ScopeId = usize;

/// What opened a scope; decides how its names are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes keep their locals in fast slots.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

/// How one scope uses one name (the first pass).
#[derive(Clone, Copy, Debug, Default)]
struct Flags {
    assigned: bool,
    param: bool,
    used: bool,
    global: bool,
    nonlocal: bool,
    /// Where `nonlocal` declared it (for the diagnostic when unbound).
    decl: Option<TextRange>,
}

/// Where a name lives, as seen from one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// A local of a function scope (or a name of a module/class namespace).
    Local,
    /// A local of a function scope captured by an inner scope.
    Cell,
    /// A variable of an enclosing function scope.
    Free,
    /// Declared `global` in this scope.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
}

/// One scope and the resolution of its names.
#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub parent: Option<ScopeId>,
    /// Parameter names in frame order (positional, keyword-only, `*args`,
    /// `**kwargs`); `.0` for comprehensions.
    pub params: Vec<String>,
    /// True if the body (not a nested scope) contains `yield`.
    pub is_generator: bool,
    /// Class scopes: some method needs the implicit `__class__` cell.
    pub needs_class_cell: bool,
    /// Comprehension scopes: compiled inline in the enclosing function's
    /// code (PEP 709) rather than as a nested code object. Its bound names
    /// become hidden locals of that code; the names it only reads are
    /// reads of the enclosing function (they do not make cells there).
    pub inlined: bool,
    /// The name of the innermost enclosing class (or this class): private
    /// names `__x` are mangled to `_Class__x` within it.
    pub private: Option<String>,
    flags: IndexMap<String, Flags>,
    /// Filled by the resolution pass, in first-use order.
    pub symbols: IndexMap<String, Resolution>,
    /// Names free in this scope, in order (the closure tuple order).
    pub freevars: Vec<String>,
    /// Free names passed through a class scope to its methods.
    pub class_passthrough: Vec<String>,
    children: Vec<ScopeId>,
}

impl Scope {
    fn new(kind: ScopeKind, name: String, parent: Option<ScopeId>) -> Scope {
        Scope {
            kind,
            name,
            parent,
            params: Vec::new(),
            is_generator: false,
            needs_class_cell: false,
            inlined: false,
            private: None,
            flags: IndexMap::new(),
            symbols: IndexMap::new(),
            freevars: Vec::new(),
            class_passthrough: Vec::new(),
            children: Vec::new(),
        }
    }

    /// How `name` resolves in this scope (names never seen are implicit
    /// globals).
    pub fn resolve(&self, name: &str) -> Resolution {
        self.symbols
            .get(name)
            .copied()
            .unwrap_or(Resolution::GlobalImplicit)
    }

    /// The cellvars of this scope, in order.
    pub fn cellvars(&self) -> Vec<String> {
        let mut cells: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, r)| **r == Resolution::Cell)
            .map(|(n, _)| n.clone())
            .collect();
        if self.needs_class_cell {
            cells.push("__class__".to_string());
        }
        cells
    }

    /// The plain locals (neither parameters nor cells), in first-use order.
    pub fn plain_locals(&self) -> impl Iterator<Item = &String> {
        self.symbols
            .iter()
            .filter(|(n, r)| **r == Resolution::Local && !self.params.contains(n))
            .map(|(n, _)| n)
    }
}

/// Private-name mangling: `__x` inside class `C` is `_C__x` (names with
/// trailing `__` and dotted names are left alone, as in CPython).
pub fn mangle<'a>(private: Option<&str>, name: &'a str) -> std::borrow::Cow<'a, str> {
    let Some(class) = private else {
        return name.into();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.into();
    }
    let class = class.trim_start_matches('_');
    if class.is_empty() {
        return name.into();
    }
    format!("_{class}{name}").into()
}

/// The scopes of one module.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_range: HashMap<TextRange, ScopeId>,
}

impl SymbolTable {
    /// The scope opened by the node with this text range.
    pub fn scope_for(&self, range: TextRange) -> Option<ScopeId> {
        self.by_range.get(&range).copied()
    }
}

/// Builds and resolves the symbol table of a module.
pub fn build(file: FileId, module: &ast::ModModule) -> Result<SymbolTable, Diagnostic> {
    let mut b = Builder {
        file,
        scopes: vec![Scope::new(ScopeKind::Module, "<module>".into(), None)],
        by_range: HashMap::new(),
        current: 0,
        error: None,
    };
    b.by_range.insert(module.range, 0);
    b.visit_body(&module.body);
    if let Some(err) = b.error {
        return Err(err);
    }
    let mut table = SymbolTable {
        scopes: b.scopes,
        by_range: b.by_range,
    };
    resolve(&mut table, file, 0, &[])?;
    Ok(table)
}

struct Builder {
    file: FileId,
    scopes: Vec<Scope>,
    by_range: HashMap<TextRange, ScopeId>,
    current: ScopeId,
    error: Option<Diagnostic>,
}

impl Builder {
    fn fail(&mut self, node: &impl Ranged, message: &str, note: &str) {
        if self.error.is_none() {
            let span = span_of(self.file, node);
            self.error = Some(Diagnostic::error(message).at(span, "here").with_note(note));
        }
    }

    fn scope(&mut self) -> &mut Scope {
        &mut self.scopes[self.current]
    }

    /// The flags of `name` (after private-name mangling) in this scope.
    fn flags(&mut self, name: &str) -> &mut Flags {
        let name = self.mangle(name);
        self.scope().flags.entry(name).or_default()
    }

    fn mangle(&self, name: &str) -> String {
        mangle(self.scopes[self.current].private.as_deref(), name).into_owned()
    }

    fn push_scope(&mut self, kind: ScopeKind, name: &str, range: TextRange) -> ScopeId {
        let id = self.scopes.len();
        let mut scope = Scope::new(kind, name.to_string(), Some(self.current));
        scope.private = match kind {
            ScopeKind::Class => Some(name.to_string()),
            _ => self.scopes[self.current].private.clone(),
        };
        self.scopes.push(scope);
        self.scopes[self.current].children.push(id);
        self.by_range.insert(range, id);
        self.current = id;
        id
    }

    fn add_param(&mut self, node: &impl Ranged, name: &str) {
        let name = &self.mangle(name);
        if self.scope().params.iter().any(|p| p == name) {
            let msg = format!("duplicate argument '{name}' in function definition");
            self.fail(node, &msg, "rename one of the parameters");
        }
        self.scope().params.push(name.to_string());
        self.flags(name).param = true;
    }

    fn declare(&mut self, stmt: &Stmt, names: &[ast::Identifier], global: bool) {
        for name in names {
            let kind = if global { "global" } else { "nonlocal" };
            let mangled = self.mangle(name.as_str());
            if let Some(f) = self.scope().flags.get(&mangled).copied() {
                if f.param {
                    let msg = format!("name '{name}' is parameter and {kind}");
                    self.fail(name, &msg, "rename the parameter or the variable");
                } else if f.used || f.assigned {
                    let msg = format!("name '{name}' is used prior to {kind} declaration");
                    self.fail(
                        name,
                        &msg,
                        "move the declaration to the start of the function",
                    );
                }
            }
            if !global && self.scope().kind == ScopeKind::Module {
                self.fail(
                    stmt,
                    "nonlocal declaration not allowed at module level",
                    "use `global`",
                );
            }
            let f = self.flags(name.as_str());
            if global {
                f.global = true;
            } else {
                f.nonlocal = true;
                f.decl = Some(name.range);
            }
        }
    }

    fn visit_parameters_defaults(&mut self, params: &ast::Parameters) {
        for p in params.iter_non_variadic_params() {
            if let Some(d) = &p.default {
                self.visit_expr(d);
            }
        }
    }

    fn bind_parameters(&mut self, params: &ast::Parameters) {
        for p in params
            .posonlyargs
            .iter()
            .chain(&params.args)
            .chain(&params.kwonlyargs)
        {
            self.add_param(p, p.name().as_str());
        }
        if let Some(v) = &params.vararg {
            self.add_param(&**v, v.name.as_str());
        }
        if let Some(k) = &params.kwarg {
            self.add_param(&**k, k.name.as_str());
        }
    }

    fn comprehension(
        &mut self,
        expr: &Expr,
        name: &str,
        gens: &[ast::Comprehension],
        elts: &[&Expr],
    ) {
        let Some(first) = gens.first() else { return };
        if gens.iter().any(|g| g.is_async) {
            self.fail(
                expr,
                "async comprehensions are not supported",
                "use a plain `for`",
            );
            return;
        }
        self.visit_expr(&first.iter);
        let outer = self.current;
        self.push_scope(ScopeKind::Comprehension, name, expr.range());
        self.add_param(expr, ".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            self.visit_expr(&g.target);
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.current = outer;
    }

    /// A walrus inside a comprehension binds in the nearest enclosing
    /// non-comprehension scope (PEP 572).
    fn bind_walrus(&mut self, node: &Expr, name: &str) {
        let name = &self.mangle(name);
        if self.scope().kind != ScopeKind::Comprehension {
            self.flags(name).assigned = true;
            return;
        }
        let mut target = self.current;
        while self.scopes[target].kind == ScopeKind::Comprehension {
            if self.scopes[target]
                .flags
                .get(name)
                .is_some_and(|f| f.assigned)
            {
                let msg = format!(
                    "assignment expression cannot rebind comprehension iteration variable '{name}'"
                );
                self.fail(node, &msg, "use another name for the walrus target");
                return;
            }
            target = self.scopes[target].parent.unwrap_or(0);
        }
        match self.scopes[target].kind {
            ScopeKind::Class => self.fail(
                node,
                "assignment expression within a comprehension cannot be used in a class body",
                "assign before the comprehension",
            ),
            ScopeKind::Module => {
                self.scopes[target]
                    .flags
                    .entry(name.to_string())
                    .or_default()
                    .assigned = true;
                self.flags(name).global = true;
            }
            _ => {
                self.scopes[target]
                    .flags
                    .entry(name.to_string())
                    .or_default()
                    .assigned = true;
                self.flags(name).nonlocal = true;
            }
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_annotation(&mut self, _expr: &'a Expr) {}

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.visit_parameters_defaults(&f.parameters);
                self.flags(f.name.as_str()).assigned = true;
                let outer = self.current;
                self.push_scope(ScopeKind::Function, f.name.as_str(), f.range);
                self.bind_parameters(&f.parameters);
                self.visit_body(&f.body);
                self.current = outer;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    self.visit_arguments(args);
                }
                self.flags(c.name.as_str()).assigned = true;
                let outer = self.current;
                self.push_scope(ScopeKind::Class, c.name.as_str(), c.range);
                self.visit_body(&c.body);
                self.current = outer;
            }
            Stmt::Global(g) => self.declare(stmt, &g.names, true),
            Stmt::Nonlocal(n) => self.declare(stmt, &n.names, false),
            Stmt::Import(imp) => {
                for alias in &imp.names {
                    let bound = match &alias.asname {
                        Some(a) => a.as_str(),
                        None => alias.name.as_str().split('.').next().unwrap_or(""),
                    };
                    self.flags(bound).assigned = true;
                }
            }
            Stmt::ImportFrom(imp) => {
                for alias in &imp.names {
                    if alias.name.as_str() == "*" {
                        continue;
                    }
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.flags(bound.as_str()).assigned = true;
                }
            }
            Stmt::AnnAssign(a) => {
                // A bare annotation `x: int` still makes `x` local.
                if let Expr::Name(n) = &*a.target {
                    self.flags(n.id.as_str()).assigned = true;
                } else {
                    self.visit_expr(&a.target);
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(h) = handler;
        if let Some(name) = &h.name {
            self.flags(name.as_str()).assigned = true;
        }
        visitor::walk_except_handler(self, handler);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Name(n) => {
                let name = n.id.as_str();
                match n.ctx {
                    ast::ExprContext::Load => {
                        self.flags(name).used = true;
                        if name == "super" && self.scope().kind.is_function() {
                            self.flags("__class__").used = true;
                        }
                    }
                    _ => self.flags(name).assigned = true,
                }
            }
            Expr::Named(w) => {
                self.visit_expr(&w.value);
                if let Expr::Name(n) = &*w.target {
                    self.bind_walrus(expr, n.id.as_str());
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_parameters_defaults(p);
                }
                let outer = self.current;
                self.push_scope(ScopeKind::Lambda, "<lambda>", l.range);
                if let Some(p) = &l.parameters {
                    self.bind_parameters(p);
                }
                self.visit_expr(&l.body);
                self.current = outer;
            }
            Expr::ListComp(c) => self.comprehension(expr, "<listcomp>", &c.generators, &[&c.elt]),
            Expr::SetComp(c) => self.comprehension(expr, "<setcomp>", &c.generators, &[&c.elt]),
            Expr::DictComp(c) => {
                self.comprehension(expr, "<dictcomp>", &c.generators, &[&c.key, &c.value])
            }
            Expr::Generator(c) => {
                self.comprehension(expr, "<genexpr>", &c.generators, &[&c.elt]);
                if let Some(id) = self.by_range.get(&c.range).copied() {
                    self.scopes[id].is_generator = true;
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                match self.scope().kind {
                    ScopeKind::Function | ScopeKind::Lambda => self.scope().is_generator = true,
                    ScopeKind::Comprehension => {
                        self.fail(expr, "'yield' inside a comprehension", "use a plain loop")
                    }
                    _ => self.fail(expr, "'yield' outside function", "move it into a function"),
                }
                visitor::walk_expr(self, expr);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// The names a resolved scope takes from the scopes around it.
struct Escapes {
    /// Every name free in the scope, in order.
    free: Vec<String>,
    /// The free names some closure needs as a cell of the enclosing
    /// function. For an ordinary scope that is all of `free`; for an
    /// inlined comprehension only the names captured by the real closures
    /// nested in it (its own reads and walrus stores are plain accesses of
    /// the enclosing function's variables).
    needs_cell: Vec<String>,
}

/// Resolves the names of `id` given the names bound by enclosing function
/// scopes (`bound`), and returns the names free in it.
fn resolve(
    table: &mut SymbolTable,
    file: FileId,
    id: ScopeId,
    bound: &[String],
) -> Result<Escapes, Diagnostic> {
    let kind = table.scopes[id].kind;
    let flags: Vec<(String, Flags)> = table.scopes[id]
        .flags
        .iter()
        .map(|(n, f)| (n.clone(), *f))
        .collect();
    let mut symbols = IndexMap::new();
    let mut free = Vec::new();
    for (name, f) in &flags {
        let r = if f.global {
            Resolution::GlobalExplicit
        } else if f.nonlocal {
            if !bound.contains(name) {
                let scope_name = &table.scopes[id].name;
                let mut d = Diagnostic::error(format!("no binding for nonlocal '{name}' found"))
                    .with_note(format!(
                        "in `{scope_name}`; `nonlocal` needs a variable of an enclosing function"
                    ));
                if let Some(range) = f.decl {
                    d = d.at(crate::parse::range_to_span(file, range), "declared here");
                }
                return Err(d);
            }
            Resolution::Free
        } else if f.assigned || f.param {
            Resolution::Local
        } else if kind != ScopeKind::Module && bound.contains(name) {
            Resolution::Free
        } else {
            Resolution::GlobalImplicit
        };
        if r == Resolution::Free {
            free.push(name.clone());
        }
        symbols.insert(name.clone(), r);
    }

    // What inner scopes see as bound.
    let mut inner_bound: Vec<String> = bound
        .iter()
        .filter(|n| !matches!(symbols.get(*n), Some(Resolution::GlobalExplicit)))
        .cloned()
        .collect();
    match kind {
        ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension => {
            for (n, r) in &symbols {
                if *r == Resolution::Local && !inner_bound.contains(n) {
                    inner_bound.push(n.clone());
                }
            }
        }
        ScopeKind::Class => inner_bound.push("__class__".into()),
        ScopeKind::Module => inner_bound.clear(),
    }

    let children = table.scopes[id].children.clone();
    let mut passthrough = Vec::new();
    let mut needs_class_cell = false;
    // Free names of this scope that nested closures need as cells.
    let mut captured: Vec<String> = Vec::new();
    for child in children {
        let escapes = resolve(table, file, child, &inner_bound)?;
        for name in escapes.free {
            let cell = escapes.needs_cell.contains(&name);
            match (kind, symbols.get(&name).copied()) {
                (ScopeKind::Class, _) if name == "__class__" => needs_class_cell = true,
                (ScopeKind::Class, _) => {
                    if !free.contains(&name) && !passthrough.contains(&name) {
                        passthrough.push(name);
                    }
                }
                (_, Some(Resolution::Local) | Some(Resolution::Cell)) => {
                    if cell {
                        symbols.insert(name, Resolution::Cell);
                    }
                }
                _ => {
                    if cell && !captured.contains(&name) {
                        captured.push(name.clone());
                    }
                    if !free.contains(&name) {
                        free.push(name.clone());
                        symbols.entry(name).or_insert(Resolution::Free);
                    }
                }
            }
        }
    }
    let parent_kind = table.scopes[id].parent.map(|p| table.scopes[p].kind);
    let scope = &mut table.scopes[id];
    // PEP 709: a list/set/dict comprehension directly inside function-like
    // code runs inline in that code, unless a closure nested in it captures
    // one of its own variables (those would need cells of their own).
    let inlined = kind == ScopeKind::Comprehension
        && !scope.is_generator
        && parent_kind.is_some_and(ScopeKind::is_function)
        && !symbols.values().any(|r| *r == Resolution::Cell);
    scope.inlined = inlined;
    scope.symbols = symbols;
    scope.needs_class_cell = needs_class_cell;
    scope.class_passthrough = passthrough.clone();
    let mut all_free = free;
    all_free.extend(passthrough);
    scope.freevars = all_free.clone();
    let needs_cell = if inlined { captured } else { all_free.clone() };
    Ok(Escapes {
        free: all_free,
        needs_cell,
    })
}
