//! The GC transform: collected memory is allocated through the collector,
//! and every collected pointer a function holds across a call that may
//! collect is kept on a shadow stack, where the collector finds (and, as it
//! moves objects, updates) it.
//!
//! The collector is RPython translated with the program
//! (`lib/rpython/memory/gc/`): its functions are ordinary graphs of the
//! module, named by [`GcConfig`]. It reads what it needs to know about the
//! program through the four `gc_*` operations of `rpython.memory.gcdata`,
//! which this transform replaces by addresses of three globals it builds:
//!
//! - `rpy_gc_type_info`: per type id, the layout words described in
//!   `gcdata.py` ([`TYPE_INFO_WORDS`] of them), then the offsets of
//!   collected pointers they refer to;
//! - `rpy_gc_static_roots`: the prebuilt containers that may point to
//!   collected objects (with their type ids), ended by a null entry;
//! - `rpy_gc_root_stack`: the shadow stack's base, top and limit (the
//!   stack checks raise `RecursionError` when the top passes the limit,
//!   see [`GcState::shadow_stack`]).
//!
//! It runs in two steps: [`transform_gc_allocations`] before the stack
//! checks and the exception transform, since the collector's mallocs may
//! raise `MemoryError`, and [`insert_gc_roots`] after them and after
//! inlining, once every call of the program exists (the exception
//! transform adds the global holding the exception in flight, itself a
//! static root) and the small helpers are inlined: only the calls left,
//! such as the collector's slow path inside an inlined allocation, save
//! and reload roots. Nothing of the
//! rtyper changes with the collector: it emits `malloc` and
//! `malloc_varsize`, and a collector is chosen here.

use std::collections::{HashMap, HashSet};

use lltype::{
    Block, Body, ConstValue, Constant, Field, FuncId, Global, GlobalId, Graph, Init, LlOp, Module,
    Op, Operand, Symbolic, Type, TypeId, Var,
};

use crate::split::{for_each_exit_use, rename_exit_uses};

/// Words per type id in the type table (`gcdata.TYPE_INFO_WORDS`).
pub const TYPE_INFO_WORDS: usize = 8;
/// Word indexes inside a type's entry (`gcdata.TI_*`).
pub const TI_FIXED_SIZE: usize = 0;
/// The size of one item of a varsize type, else 0.
pub const TI_ITEM_SIZE: usize = 1;
/// The offset of the first item.
pub const TI_ITEMS_OFFSET: usize = 2;
/// The offset of the stored number of items.
pub const TI_LENGTH_OFFSET: usize = 3;
/// Where the fixed part's pointer offsets start in the table (a word index).
pub const TI_PTRS_START: usize = 4;
/// How many pointer offsets the fixed part has.
pub const TI_PTRS_COUNT: usize = 5;
/// Where the pointer offsets inside one item start.
pub const TI_ITEM_PTRS_START: usize = 6;
/// How many pointer offsets one item has.
pub const TI_ITEM_PTRS_COUNT: usize = 7;

/// Words per static root: the container's address and its type id
/// (`gcdata.STATIC_ROOT_WORDS`).
pub const STATIC_ROOT_WORDS: usize = 2;

/// The name of the shadow stack global.
pub const ROOT_STACK: &str = "rpy_gc_root_stack";
/// The name of the type table global.
pub const TYPE_INFO: &str = "rpy_gc_type_info";
/// The name of the static roots global.
pub const STATIC_ROOTS: &str = "rpy_gc_static_roots";

/// The collector's functions, as translated into the module.
#[derive(Clone, Debug)]
pub struct GcConfig {
    /// `setup()`: called first thing in the entry function.
    pub setup: FuncId,
    /// `malloc_fixed(typeid, size) -> Address`.
    pub malloc_fixed: FuncId,
    /// `malloc_varsize(typeid, length, size, itemsize, lengthofs) ->
    /// Address`.
    pub malloc_varsize: FuncId,
    /// `collect()`.
    pub collect: FuncId,
    /// `write_barrier(obj: Address)`, for a collector that needs to know
    /// where collected pointers are stored into collected objects (a
    /// generational one): called before each such store.
    pub write_barrier: Option<FuncId>,
}

/// Why the transform could not run: the translator's limits, not the
/// user's mistakes.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum GcError {
    /// A layout the type table cannot describe.
    #[error("the collector cannot trace type {0}: {1}")]
    Layout(String, String),
    /// The module already has the collector's globals.
    #[error("the module already went through the GC transform")]
    AlreadyTransformed,
    /// The collector's own code allocates collected memory (often by
    /// raising an exception: the collector must not call anything that
    /// can raise, except to raise a prebuilt MemoryError).
    #[error(
        "the collector allocates collected memory in {0}, which would recurse into the collector"
    )]
    CollectorAllocates(String),
    /// A `gc_*` operation in a program translated without a collector.
    #[error("`{0}` (in {1}) needs a collector: translate with --gc semispace")]
    NoCollector(String, String),
}

/// What the first step leaves for the second.
#[derive(Clone, Debug)]
pub struct GcState {
    config: GcConfig,
    type_ids: HashMap<TypeId, usize>,
    root_stack: GlobalId,
    type_info: GlobalId,
    static_roots: GlobalId,
    address: TypeId,
    signed: TypeId,
}

/// Step one: every `malloc` of a collected container becomes a call to the
/// collector, the `gc_*` operations become addresses of the collector's
/// globals, and the entry function calls `setup` first.
pub fn transform_gc_allocations(m: &mut Module, config: &GcConfig) -> Result<GcState, GcError> {
    if m.global_named(ROOT_STACK).is_some() {
        return Err(GcError::AlreadyTransformed);
    }
    let address = m.types.address();
    let signed = m.types.signed();
    let stack_ty = raw_struct(
        m,
        "rpy_gc_RootStack",
        &[("base", address), ("top", address), ("limit", address)],
    )?;
    let root_stack = add_global(m, ROOT_STACK, stack_ty, Init::Zero)?;
    let words = m.types.array(signed, false).expect("words fit an array");
    let type_info = add_global(m, TYPE_INFO, words, Init::Array(Vec::new()))?;
    let root_ty = raw_struct(
        m,
        "rpy_gc_StaticRoot",
        &[("adr", address), ("typeid", signed)],
    )?;
    let roots_ty = m.types.array(root_ty, false).expect("structs fit an array");
    let static_roots = add_global(m, STATIC_ROOTS, roots_ty, Init::Array(Vec::new()))?;
    let mut state = GcState {
        config: config.clone(),
        type_ids: HashMap::new(),
        root_stack,
        type_info,
        static_roots,
        address,
        signed,
    };
    each_graph(m, |m, f, g| {
        let blocks: Vec<Block> = g.blocks.keys().collect();
        for b in blocks {
            let ops = std::mem::take(&mut g.blocks[b].ops);
            let mut out = Vec::with_capacity(ops.len());
            for op in ops {
                state.lower_op(m, g, op, &mut out);
            }
            g.blocks[b].ops = out;
        }
        if Some(f) == m.entry {
            let void = m.types.void();
            let call = Op {
                op: LlOp::DirectCall,
                args: vec![func_const(m, config.setup)],
                result: g.new_var(void, None),
            };
            g.blocks[g.entry].ops.insert(0, call);
        }
    });
    check_collector_does_not_allocate(m, config)?;
    Ok(state)
}

/// Refuses a collector whose code reaches its own mallocs.
fn check_collector_does_not_allocate(m: &Module, config: &GcConfig) -> Result<(), GcError> {
    let mallocs = [config.malloc_fixed, config.malloc_varsize];
    let mut roots = vec![
        config.setup,
        config.malloc_fixed,
        config.malloc_varsize,
        config.collect,
    ];
    roots.extend(config.write_barrier);
    let mut collector: Vec<FuncId> = called_from(m, &roots).into_iter().collect();
    collector.sort();
    for f in collector {
        if direct_callees(m, f).any(|callee| mallocs.contains(&callee)) {
            return Err(GcError::CollectorAllocates(m.functions[f].name.clone()));
        }
    }
    Ok(())
}

/// The functions with a graph that `f` calls directly.
fn direct_callees(m: &Module, f: FuncId) -> impl Iterator<Item = FuncId> + '_ {
    let ops = match &m.functions[f].body {
        Body::Graph(g) => g.blocks.values().flat_map(|d| &d.ops).collect(),
        Body::External => Vec::new(),
    };
    ops.into_iter()
        .filter_map(move |op| match (op.op, op.args.first()) {
            (LlOp::DirectCall, Some(Operand::Const(c))) => match c.value {
                ConstValue::Func(callee) if matches!(m.functions[callee].body, Body::Graph(_)) => {
                    Some(callee)
                }
                _ => None,
            },
            _ => None,
        })
}

/// `roots` and every function they reach through direct calls.
fn called_from(m: &Module, roots: &[FuncId]) -> HashSet<FuncId> {
    let mut seen = HashSet::new();
    let mut work = roots.to_vec();
    while let Some(f) = work.pop() {
        if seen.insert(f) {
            work.extend(direct_callees(m, f));
        }
    }
    seen
}

/// Without a collector: the program must not use the collector interface.
pub fn check_no_gc_operations(m: &Module) -> Result<(), GcError> {
    for (_, f) in m.functions.iter() {
        let Body::Graph(g) = &f.body else { continue };
        for (_, data) in g.blocks.iter() {
            if let Some(op) = data.ops.iter().find(|op| is_gcdata_op(op.op)) {
                return Err(GcError::NoCollector(op.op.name().into(), f.name.clone()));
            }
        }
    }
    Ok(())
}

fn is_gcdata_op(op: LlOp) -> bool {
    matches!(
        op,
        LlOp::GcTypeInfoTable
            | LlOp::GcStaticRoots
            | LlOp::GcAdrOfRootStackBase
            | LlOp::GcAdrOfRootStackTop
            | LlOp::GcAdrOfRootStackLimit
    )
}

impl GcState {
    /// The shadow stack, for the stack checks to bound.
    pub fn shadow_stack(&self) -> crate::ShadowStack {
        crate::ShadowStack {
            global: self.root_stack,
        }
    }

    /// Appends the lowering of `op` to `out`.
    fn lower_op(&mut self, m: &mut Module, g: &mut Graph, op: Op, out: &mut Vec<Op>) {
        let (address, signed) = (self.address, self.signed);
        let int = |v: usize| Operand::Const(Constant::new(ConstValue::Int(v as i128), signed));
        let sym = |s: Symbolic| Operand::Const(Constant::new(ConstValue::Symbolic(s), signed));
        match op.op {
            LlOp::Malloc | LlOp::MallocVarsize => {
                let ptr = g.var_type(op.result);
                let container = m.types.pointee(ptr).expect("a verified malloc");
                if !m.types.is_gc_container(container) {
                    out.push(op);
                    return;
                }
                let typeid = self.type_id(container);
                let mut args = vec![int(typeid)];
                let callee = if op.op == LlOp::Malloc {
                    args.push(sym(Symbolic::SizeOf(container)));
                    self.config.malloc_fixed
                } else {
                    args.push(op.args[0].clone());
                    args.push(sym(Symbolic::ItemsOffset(container)));
                    args.push(sym(Symbolic::ItemSize(container)));
                    args.push(sym(Symbolic::LengthOffset(container)));
                    self.config.malloc_varsize
                };
                args.insert(0, func_const(m, callee));
                let adr = g.new_var(address, None);
                out.push(Op {
                    op: LlOp::DirectCall,
                    args,
                    result: adr,
                });
                out.push(Op {
                    op: LlOp::CastAdrToPtr,
                    args: vec![adr.into()],
                    result: op.result,
                });
            }
            LlOp::GcTypeInfoTable | LlOp::GcStaticRoots => {
                let global = if op.op == LlOp::GcTypeInfoTable {
                    self.type_info
                } else {
                    self.static_roots
                };
                let ty = m.globals[global].ty;
                let offset = sym(Symbolic::ItemsOffset(ty));
                self.global_address(g, global, offset, op.result, out);
            }
            LlOp::GcAdrOfRootStackBase
            | LlOp::GcAdrOfRootStackTop
            | LlOp::GcAdrOfRootStackLimit => {
                let field = match op.op {
                    LlOp::GcAdrOfRootStackBase => "base",
                    LlOp::GcAdrOfRootStackTop => "top",
                    _ => "limit",
                };
                let ty = m.globals[self.root_stack].ty;
                let offset = sym(Symbolic::OffsetOf(ty, field.into()));
                self.global_address(g, self.root_stack, offset, op.result, out);
            }
            LlOp::SetField | LlOp::SetArrayItem | LlOp::SetInterior => {
                if let Some(barrier) = self.config.write_barrier {
                    if self.needs_barrier(m, g, &op) {
                        let adr = g.new_var(address, None);
                        out.push(Op {
                            op: LlOp::CastPtrToAdr,
                            args: vec![op.args[0].clone()],
                            result: adr,
                        });
                        let void = m.types.void();
                        out.push(Op {
                            op: LlOp::DirectCall,
                            args: vec![func_const(m, barrier), adr.into()],
                            result: g.new_var(void, None),
                        });
                    }
                }
                out.push(op);
            }
            _ => out.push(op),
        }
    }

    /// Whether a store writes a collected pointer that may be young into a
    /// collected object (null and prebuilt values never are).
    fn needs_barrier(&self, m: &Module, g: &Graph, op: &Op) -> bool {
        let value = op.args.last().expect("a store has a value");
        let container = g.operand_type(&op.args[0]);
        let gc_container = m
            .types
            .pointee(container)
            .is_some_and(|t| m.types.is_gc_container(t));
        let young = match value {
            Operand::Var(v) => m.types.is_gc_ptr(g.var_type(*v)),
            Operand::Const(_) => false,
        };
        gc_container && young
    }

    /// `result = address of global + offset`.
    fn global_address(
        &self,
        g: &mut Graph,
        global: GlobalId,
        offset: Operand,
        result: Var,
        out: &mut Vec<Op>,
    ) {
        let address = self.address;
        let base = g.new_var(address, None);
        out.push(Op {
            op: LlOp::SameAs,
            args: vec![Operand::Const(Constant::new(
                ConstValue::Global(global),
                address,
            ))],
            result: base,
        });
        out.push(Op {
            op: LlOp::AdrAdd,
            args: vec![base.into(), offset],
            result,
        });
    }

    fn type_id(&mut self, ty: TypeId) -> usize {
        let next = self.type_ids.len() + 1;
        *self.type_ids.entry(ty).or_insert(next)
    }
}

/// Step two: the static roots and type tables are filled in, and in every
/// function each collected pointer live across a call that may collect is
/// pushed on the shadow stack before the call and reloaded after it.
/// Returns how many calls were wrapped.
pub fn insert_gc_roots(m: &mut Module, state: &mut GcState) -> Result<usize, GcError> {
    fill_static_roots(m, state);
    fill_type_info(m, state)?;
    let collecting = collecting_functions(m, &state.config);
    let stack_ptr = m
        .types
        .ptr(m.globals[state.root_stack].ty)
        .expect("a struct");
    let stack = Constant::new(ConstValue::Global(state.root_stack), stack_ptr);
    let mut wrapped = 0;
    each_graph(m, |m, _, g| {
        let blocks: Vec<Block> = g.blocks.keys().collect();
        for b in blocks {
            wrapped += push_roots(m, g, b, &collecting, &stack);
        }
    });
    Ok(wrapped)
}

/// The moving collector's rule, checked on the module [`insert_gc_roots`]
/// leaves: no address computed from a collected pointer is alive across a
/// call that may collect (see [`lltype::verify_gc_addresses`]). A failure
/// is a translator bug (a helper reading an object through a raw address
/// while it allocates), which would read freed memory at run time.
pub fn verify_gc_addresses(m: &Module, state: &GcState) -> Result<(), Vec<lltype::VerifyError>> {
    let collecting = collecting_functions(m, &state.config);
    lltype::verify_gc_addresses(m, &|op| call_may_collect(op, &collecting))
}

/// The functions that may run the collector: the collector's entry
/// points and every function they call (after inlining, a program may
/// call the collector's slow path directly), and every function calling
/// one of those, directly or through a function pointer.
pub fn collecting_functions(m: &Module, config: &GcConfig) -> HashSet<FuncId> {
    let entry_points = [config.malloc_fixed, config.malloc_varsize, config.collect];
    let mut collecting = called_from(m, &entry_points);
    loop {
        let mut changed = false;
        for (id, f) in m.functions.iter() {
            if collecting.contains(&id) {
                continue;
            }
            let Body::Graph(g) = &f.body else { continue };
            let calls = g
                .blocks
                .values()
                .flat_map(|d| &d.ops)
                .any(|op| call_may_collect(op, &collecting));
            if calls {
                collecting.insert(id);
                changed = true;
            }
        }
        if !changed {
            return collecting;
        }
    }
}

fn call_may_collect(op: &Op, collecting: &HashSet<FuncId>) -> bool {
    match op.op {
        LlOp::IndirectCall => true,
        LlOp::DirectCall => match op.args[0].as_const().map(|c| &c.value) {
            Some(ConstValue::Func(f)) => collecting.contains(f),
            _ => true,
        },
        _ => false,
    }
}

/// Wraps the collecting calls of one block; returns how many.
fn push_roots(
    m: &mut Module,
    g: &mut Graph,
    b: Block,
    collecting: &HashSet<FuncId>,
    stack: &Constant,
) -> usize {
    let data = &g.blocks[b];
    if !data.ops.iter().any(|op| call_may_collect(op, collecting)) {
        return 0;
    }
    // The collected pointers live after each operation, by original name.
    let mut live_after = vec![Vec::new(); data.ops.len()];
    let mut live: HashSet<Var> = HashSet::new();
    for_each_exit_use(&data.exit, |v| {
        live.insert(v);
    });
    for (i, op) in data.ops.iter().enumerate().rev() {
        if call_may_collect(op, collecting) {
            let mut roots: Vec<Var> = live
                .iter()
                .copied()
                .filter(|&v| v != op.result && m.types.is_gc_ptr(g.var_type(v)))
                .collect();
            roots.sort();
            live_after[i] = roots;
        }
        live.remove(&op.result);
        for a in &op.args {
            if let Operand::Var(v) = a {
                live.insert(*v);
            }
        }
    }
    let address = m.types.address();
    let signed = m.types.signed();
    let void = m.types.void();
    let word = |k: usize| Operand::Const(Constant::new(ConstValue::Int(8 * k as i128), signed));
    let stack_op = || Operand::Const(stack.clone());
    let top_name = Operand::Const(Constant::new(ConstValue::Name("top".into()), void));
    let ops = std::mem::take(&mut g.blocks[b].ops);
    let mut out = Vec::with_capacity(ops.len());
    let mut renames: HashMap<Var, Var> = HashMap::new();
    let mut wrapped = 0;
    for (i, mut op) in ops.into_iter().enumerate() {
        for a in &mut op.args {
            if let Operand::Var(v) = a {
                if let Some(n) = renames.get(v) {
                    *v = *n;
                }
            }
        }
        let roots = &live_after[i];
        if roots.is_empty() {
            out.push(op);
            continue;
        }
        wrapped += 1;
        let current = |v: &Var| *renames.get(v).unwrap_or(v);
        let top = g.new_var(address, Some("gcroots"));
        out.push(Op {
            op: LlOp::GetField,
            args: vec![stack_op(), top_name.clone()],
            result: top,
        });
        for (k, v) in roots.iter().enumerate() {
            let adr = g.new_var(address, None);
            out.push(Op {
                op: LlOp::CastPtrToAdr,
                args: vec![current(v).into()],
                result: adr,
            });
            out.push(Op {
                op: LlOp::RawStore,
                args: vec![top.into(), word(k), adr.into()],
                result: g.new_var(void, None),
            });
        }
        let new_top = g.new_var(address, None);
        out.push(Op {
            op: LlOp::AdrAdd,
            args: vec![top.into(), word(roots.len())],
            result: new_top,
        });
        out.push(Op {
            op: LlOp::SetField,
            args: vec![stack_op(), top_name.clone(), new_top.into()],
            result: g.new_var(void, None),
        });
        out.push(op);
        out.push(Op {
            op: LlOp::SetField,
            args: vec![stack_op(), top_name.clone(), top.into()],
            result: g.new_var(void, None),
        });
        for (k, v) in roots.iter().enumerate() {
            let adr = g.new_var(address, None);
            out.push(Op {
                op: LlOp::RawLoad,
                args: vec![top.into(), word(k)],
                result: adr,
            });
            let ty = g.var_type(*v);
            let name = g.vars[*v].name.clone();
            let reloaded = g.new_var(ty, name.as_deref());
            out.push(Op {
                op: LlOp::CastAdrToPtr,
                args: vec![adr.into()],
                result: reloaded,
            });
            renames.insert(*v, reloaded);
        }
    }
    let data = &mut g.blocks[b];
    data.ops = out;
    rename_exit_uses(&mut data.exit, &renames);
    wrapped
}

/// The layout of one type as the collector sees it.
struct TypeInfo {
    fixed_size: Symbolic,
    varsize: Option<TypeId>,
    ptrs: Vec<Offset>,
    item_ptrs: Vec<Offset>,
}

/// Where a collected pointer is inside its container or item.
enum Offset {
    /// At the start (an array item that is a pointer).
    Zero,
    /// At a field.
    Field(Symbolic),
}

fn fill_type_info(m: &mut Module, state: &GcState) -> Result<(), GcError> {
    let signed = m.types.signed();
    let mut by_id: Vec<(usize, TypeId)> = state.type_ids.iter().map(|(&t, &i)| (i, t)).collect();
    by_id.sort();
    let infos: Vec<TypeInfo> = by_id
        .iter()
        .map(|&(_, t)| type_info(m, t))
        .collect::<Result<_, _>>()?;
    let word = |v: i128| Init::Value(Constant::new(ConstValue::Int(v), signed));
    let sym = |s: Symbolic| Init::Value(Constant::new(ConstValue::Symbolic(s), signed));
    let offset = |o: Offset| match o {
        Offset::Zero => word(0),
        Offset::Field(s) => sym(s),
    };
    let mut table: Vec<Init> = (0..TYPE_INFO_WORDS).map(|_| word(0)).collect();
    let mut offsets: Vec<Init> = Vec::new();
    let first_offset = TYPE_INFO_WORDS * (infos.len() + 1);
    for info in infos {
        let mut entry: Vec<Init> = (0..TYPE_INFO_WORDS).map(|_| word(0)).collect();
        entry[TI_FIXED_SIZE] = sym(info.fixed_size);
        if let Some(t) = info.varsize {
            entry[TI_ITEM_SIZE] = sym(Symbolic::ItemSize(t));
            entry[TI_ITEMS_OFFSET] = sym(Symbolic::ItemsOffset(t));
            entry[TI_LENGTH_OFFSET] = sym(Symbolic::LengthOffset(t));
        }
        entry[TI_PTRS_START] = word((first_offset + offsets.len()) as i128);
        entry[TI_PTRS_COUNT] = word(info.ptrs.len() as i128);
        offsets.extend(info.ptrs.into_iter().map(offset));
        entry[TI_ITEM_PTRS_START] = word((first_offset + offsets.len()) as i128);
        entry[TI_ITEM_PTRS_COUNT] = word(info.item_ptrs.len() as i128);
        offsets.extend(info.item_ptrs.into_iter().map(offset));
        table.extend(entry);
    }
    table.extend(offsets);
    m.globals[state.type_info].init = Init::Array(table);
    m.globals[state.type_info].immutable = true;
    Ok(())
}

fn type_info(m: &Module, t: TypeId) -> Result<TypeInfo, GcError> {
    let types = &m.types;
    let bad = |why: &str| GcError::Layout(types.display(t), why.into());
    match types.get(t) {
        Type::Struct(_) => {
            let mut ptrs = Vec::new();
            struct_pointers(m, t, &mut ptrs).map_err(|why| bad(&why))?;
            let mut info = TypeInfo {
                fixed_size: Symbolic::SizeOf(t),
                varsize: None,
                ptrs,
                item_ptrs: Vec::new(),
            };
            if types.is_varsize(t) {
                let item = varsize_item(m, t).ok_or_else(|| bad("a nested varsize part"))?;
                info.fixed_size = Symbolic::ItemsOffset(t);
                info.varsize = Some(t);
                item_pointers(m, item, &mut info.item_ptrs).map_err(|why| bad(&why))?;
            }
            Ok(info)
        }
        Type::Array { item, .. } => {
            let mut item_ptrs = Vec::new();
            item_pointers(m, *item, &mut item_ptrs).map_err(|why| bad(&why))?;
            Ok(TypeInfo {
                fixed_size: Symbolic::ItemsOffset(t),
                varsize: Some(t),
                ptrs: Vec::new(),
                item_ptrs,
            })
        }
        _ => Err(bad("not a struct or array")),
    }
}

/// The item type of the array ending a varsize struct.
fn varsize_item(m: &Module, t: TypeId) -> Option<TypeId> {
    let s = m.types.as_struct(t)?;
    match m.types.get(s.fields.last()?.ty) {
        Type::Array { item, .. } => Some(*item),
        _ => None,
    }
}

/// The offsets of the collected pointers in the fixed part of struct `t`
/// (a parent struct in the first field sits at offset 0).
fn struct_pointers(m: &Module, t: TypeId, out: &mut Vec<Offset>) -> Result<(), String> {
    let types = &m.types;
    let s = types.as_struct(t).expect("a struct");
    for (i, f) in s.fields.iter().enumerate() {
        match types.get(f.ty) {
            _ if types.is_gc_ptr(f.ty) => {
                out.push(Offset::Field(Symbolic::OffsetOf(t, f.name.clone())))
            }
            Type::Struct(_) if i == 0 => struct_pointers(m, f.ty, out)?,
            Type::Struct(_) | Type::FixedArray { .. } if contains_gc_ptr(m, f.ty) => {
                return Err(format!(
                    "collected pointers inside the inlined field `{}`",
                    f.name
                ))
            }
            _ => {}
        }
    }
    Ok(())
}

/// The offsets of the collected pointers inside one array item.
fn item_pointers(m: &Module, item: TypeId, out: &mut Vec<Offset>) -> Result<(), String> {
    let types = &m.types;
    if types.is_gc_ptr(item) {
        out.push(Offset::Zero);
        return Ok(());
    }
    match types.get(item) {
        Type::Struct(_) => struct_pointers(m, item, out),
        _ if contains_gc_ptr(m, item) => Err("collected pointers inside nested arrays".into()),
        _ => Ok(()),
    }
}

/// Whether a part of a container holds collected pointers.
fn contains_gc_ptr(m: &Module, t: TypeId) -> bool {
    let types = &m.types;
    if types.is_gc_ptr(t) {
        return true;
    }
    match types.get(t) {
        Type::Struct(s) => s.fields.iter().any(|f| contains_gc_ptr(m, f.ty)),
        Type::Array { item, .. } | Type::FixedArray { item, .. } => contains_gc_ptr(m, *item),
        _ => false,
    }
}

fn fill_static_roots(m: &mut Module, state: &mut GcState) {
    let address = m.types.address();
    let signed = m.types.signed();
    let own = [state.root_stack, state.type_info, state.static_roots];
    let mut entries = Vec::new();
    let globals: Vec<GlobalId> = m.globals.keys().collect();
    for id in globals {
        let global = &m.globals[id];
        if global.immutable || own.contains(&id) || !contains_gc_ptr(m, global.ty) {
            continue;
        }
        let ty = global.ty;
        let typeid = state.type_id(ty);
        entries.push(Init::Struct(vec![
            Init::Value(Constant::new(ConstValue::Global(id), address)),
            Init::Value(Constant::new(ConstValue::Int(typeid as i128), signed)),
        ]));
    }
    entries.push(Init::Struct(vec![
        Init::Value(Constant::new(ConstValue::Null, address)),
        Init::Value(Constant::new(ConstValue::Int(0), signed)),
    ]));
    m.globals[state.static_roots].init = Init::Array(entries);
    m.globals[state.static_roots].immutable = true;
}

/// Runs `f` on the graph of every function, with the module at hand (the
/// graph is taken out of it meanwhile).
fn each_graph(m: &mut Module, mut f: impl FnMut(&mut Module, FuncId, &mut Graph)) {
    let ids: Vec<FuncId> = m.functions.keys().collect();
    for id in ids {
        let Body::Graph(mut g) = std::mem::replace(&mut m.functions[id].body, Body::External)
        else {
            continue;
        };
        f(m, id, &mut g);
        m.functions[id].body = Body::Graph(g);
    }
}

fn raw_struct(m: &mut Module, name: &str, fields: &[(&str, TypeId)]) -> Result<TypeId, GcError> {
    let ty = m
        .types
        .declare_struct(name, false)
        .map_err(|_| GcError::AlreadyTransformed)?;
    let fields = fields
        .iter()
        .map(|&(name, ty)| Field {
            name: name.into(),
            ty,
        })
        .collect();
    m.types
        .define_struct(ty, fields)
        .expect("words and addresses fit a raw struct");
    Ok(ty)
}

fn add_global(m: &mut Module, name: &str, ty: TypeId, init: Init) -> Result<GlobalId, GcError> {
    m.add_global(Global {
        name: name.into(),
        ty,
        init,
        immutable: false,
    })
    .map_err(|_| GcError::AlreadyTransformed)
}

fn func_const(m: &mut Module, f: FuncId) -> Operand {
    let ty = m.types.ptr(m.functions[f].ty).expect("a function type");
    Operand::Const(Constant::new(ConstValue::Func(f), ty))
}
