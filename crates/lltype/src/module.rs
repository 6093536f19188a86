//! Low-level modules: types, prebuilt globals, and functions whose bodies
//! are low-level graphs.
//!
//! A graph is a set of basic blocks in SSA form, as in the flow graphs:
//! each block receives its values as typed parameters, defines each
//! variable once, and passes values to the next block on its exit links.
//! A variable is used only in the block that defines it (as a parameter or
//! an operation result) and on that block's exits. Every variable carries
//! its low-level type; constants carry theirs.
//!
//! Before the exception transform, a block whose last operation is a call
//! may end in [`Exit::Catch`]: the normal link, then handlers matched in
//! order against the raised exception's class, each binding the exception
//! type and value to fresh variables usable on its link. A block may also
//! end in [`Exit::Raise`]. After the transform neither appears.

use cranelift_entity::{entity_impl, EntityRef, PrimaryMap};
use std::collections::HashMap;

use crate::ops::LlOp;
use crate::types::{TypeId, Types};

/// A function of a module.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FuncId(u32);
entity_impl!(FuncId, "func");

/// A prebuilt global container of a module.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GlobalId(u32);
entity_impl!(GlobalId, "global");

/// A basic block of a graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Block(u32);
entity_impl!(Block, "block");

/// A variable of a graph.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Var(u32);
entity_impl!(Var, "v");

/// A symbolic integer: a layout quantity the backend knows and the
/// translator does not (each backend lays out memory its own way).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Symbolic {
    /// The size in bytes of a fixed-size container, or of the fixed part
    /// of a varsize one.
    SizeOf(TypeId),
    /// The byte offset of a field in a struct.
    OffsetOf(TypeId, String),
    /// The byte offset of the first item of an array, or of the items of
    /// the array ending a varsize struct, from the container's start.
    ItemsOffset(TypeId),
    /// The size of one item of an array (or of the array ending a struct).
    ItemSize(TypeId),
    /// The byte offset of the stored length of an array (or of the array
    /// ending a struct).
    LengthOffset(TypeId),
}

/// The value of a constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ConstValue {
    /// The only value of `Void`.
    Void,
    /// A `Bool`.
    Bool(bool),
    /// Any integer type, `Char` and `UniChar` (as their code).
    Int(i128),
    /// A `Float`, by its bits (so constants compare exactly).
    Float(u64),
    /// A layout quantity, of type `Signed`.
    Symbolic(Symbolic),
    /// The null pointer (of a pointer type) or address.
    Null,
    /// A pointer to a prebuilt global (or to one of its ancestors' parts:
    /// the constant's type may be a parent struct of the global's).
    Global(GlobalId),
    /// A pointer to a function.
    Func(FuncId),
    /// A name, of type `Void`: a field in `getfield` and interior paths,
    /// the kind of a JIT marker, a message.
    Name(String),
}

/// A typed constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Constant {
    /// The value.
    pub value: ConstValue,
    /// Its type.
    pub ty: TypeId,
}

impl Constant {
    /// A constant of this type.
    pub fn new(value: ConstValue, ty: TypeId) -> Constant {
        Constant { value, ty }
    }

    /// The float, if the constant is one.
    pub fn as_float(&self) -> Option<f64> {
        match self.value {
            ConstValue::Float(bits) => Some(f64::from_bits(bits)),
            _ => None,
        }
    }
}

/// An operand: a variable or a constant.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Operand {
    /// A variable of the graph.
    Var(Var),
    /// A constant.
    Const(Constant),
}

impl Operand {
    /// The variable, if the operand is one.
    pub fn as_var(&self) -> Option<Var> {
        match self {
            Operand::Var(v) => Some(*v),
            Operand::Const(_) => None,
        }
    }

    /// The constant, if the operand is one.
    pub fn as_const(&self) -> Option<&Constant> {
        match self {
            Operand::Var(_) => None,
            Operand::Const(c) => Some(c),
        }
    }
}

impl From<Var> for Operand {
    fn from(v: Var) -> Operand {
        Operand::Var(v)
    }
}

/// One operation: `result = op(args...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Op {
    /// What it computes.
    pub op: LlOp,
    /// Its operands.
    pub args: Vec<Operand>,
    /// The variable it defines (of type `Void` when there is no value).
    pub result: Var,
}

/// A transfer of control to a block, with the values of its parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The block jumped to.
    pub target: Block,
    /// One operand per parameter of `target`.
    pub args: Vec<Operand>,
}

/// One exception handler of [`Exit::Catch`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handler {
    /// The class matched: a pointer constant to its vtable; `None`
    /// matches every exception.
    pub class: Option<Constant>,
    /// Receives the exception's type (its vtable pointer); usable only in
    /// `link`'s arguments.
    pub etype: Var,
    /// Receives the exception instance; usable only in `link`'s arguments.
    pub evalue: Var,
    /// Where to go.
    pub link: Link,
}

/// How a block ends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Return a value (a `Void` constant for functions returning nothing).
    Return(Operand),
    /// Raise an exception: its type (vtable pointer) and instance.
    Raise {
        /// The exception's vtable pointer.
        etype: Operand,
        /// The exception instance.
        evalue: Operand,
    },
    /// Go to a block.
    Goto(Link),
    /// Two-way branch on a `Bool`.
    Branch {
        /// The condition.
        cond: Operand,
        /// Taken when true.
        if_true: Link,
        /// Taken when false.
        if_false: Link,
    },
    /// Multi-way branch on an integer, `Char` or `UniChar`.
    Switch {
        /// The value switched on.
        value: Operand,
        /// Distinct case values with their links.
        cases: Vec<(i128, Link)>,
        /// Taken when no case matches.
        default: Link,
    },
    /// The block's last operation is a call: continue on `normal` if it
    /// returns, or on the first handler matching what it raises (an
    /// exception no handler matches propagates to the caller).
    Catch {
        /// Taken when the call returns.
        normal: Link,
        /// Tried in order when it raises.
        handlers: Vec<Handler>,
    },
    /// Control never gets here (after a call known not to return).
    Unreachable,
}

impl Exit {
    /// The links leaving the block, in order.
    pub fn links(&self) -> Vec<&Link> {
        match self {
            Exit::Return(_) | Exit::Raise { .. } | Exit::Unreachable => Vec::new(),
            Exit::Goto(l) => vec![l],
            Exit::Branch {
                if_true, if_false, ..
            } => vec![if_true, if_false],
            Exit::Switch { cases, default, .. } => {
                cases.iter().map(|(_, l)| l).chain([default]).collect()
            }
            Exit::Catch { normal, handlers } => std::iter::once(normal)
                .chain(handlers.iter().map(|h| &h.link))
                .collect(),
        }
    }

    /// The links leaving the block, mutably.
    pub fn links_mut(&mut self) -> Vec<&mut Link> {
        match self {
            Exit::Return(_) | Exit::Raise { .. } | Exit::Unreachable => Vec::new(),
            Exit::Goto(l) => vec![l],
            Exit::Branch {
                if_true, if_false, ..
            } => vec![if_true, if_false],
            Exit::Switch { cases, default, .. } => cases
                .iter_mut()
                .map(|(_, l)| l)
                .chain(std::iter::once(default))
                .collect(),
            Exit::Catch { normal, handlers } => std::iter::once(normal)
                .chain(handlers.iter_mut().map(|h| &mut h.link))
                .collect(),
        }
    }
}

/// A basic block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockData {
    /// The values the block receives.
    pub params: Vec<Var>,
    /// Its operations, in order.
    pub ops: Vec<Op>,
    /// How it ends.
    pub exit: Exit,
}

/// What is known about a variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VarData {
    /// Its type.
    pub ty: TypeId,
    /// A naming hint (the Python variable it holds): printed as `hint_N`.
    pub name: Option<String>,
}

/// A low-level graph: the body of one function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Graph {
    /// The blocks; `entry` is where execution starts, with the function's
    /// arguments as its parameters.
    pub blocks: PrimaryMap<Block, BlockData>,
    /// The variables.
    pub vars: PrimaryMap<Var, VarData>,
    /// The first block.
    pub entry: Block,
}

impl Graph {
    /// A graph whose entry block takes parameters of these types and
    /// returns nothing yet (its exit is [`Exit::Unreachable`] until set).
    pub fn new(params: &[TypeId]) -> Graph {
        let mut g = Graph {
            blocks: PrimaryMap::new(),
            vars: PrimaryMap::new(),
            entry: Block::from_u32(0),
        };
        let params = params.iter().map(|&ty| g.new_var(ty, None)).collect();
        g.entry = g.blocks.push(BlockData {
            params,
            ops: Vec::new(),
            exit: Exit::Unreachable,
        });
        g
    }

    /// A fresh variable.
    pub fn new_var(&mut self, ty: TypeId, name: Option<&str>) -> Var {
        self.vars.push(VarData {
            ty,
            name: name.map(str::to_string),
        })
    }

    /// A fresh block with parameters of these types.
    pub fn new_block(&mut self, params: &[TypeId]) -> Block {
        let params = params.iter().map(|&ty| self.new_var(ty, None)).collect();
        self.blocks.push(BlockData {
            params,
            ops: Vec::new(),
            exit: Exit::Unreachable,
        })
    }

    /// The type of a variable.
    pub fn var_type(&self, v: Var) -> TypeId {
        self.vars[v].ty
    }

    /// The type of an operand.
    pub fn operand_type(&self, o: &Operand) -> TypeId {
        match o {
            Operand::Var(v) => self.vars[*v].ty,
            Operand::Const(c) => c.ty,
        }
    }

    /// Appends `result = op(args)` to a block, with a fresh result of type
    /// `ty`, and returns the result.
    pub fn push_op(&mut self, block: Block, op: LlOp, args: Vec<Operand>, ty: TypeId) -> Var {
        let result = self.new_var(ty, None);
        self.blocks[block].ops.push(Op { op, args, result });
        result
    }

    /// The blocks reachable from the entry, in depth-first preorder.
    pub fn reachable_blocks(&self) -> Vec<Block> {
        let mut seen = vec![false; self.blocks.len()];
        let mut order = Vec::new();
        let mut stack = vec![self.entry];
        while let Some(b) = stack.pop() {
            if std::mem::replace(&mut seen[b.index()], true) {
                continue;
            }
            order.push(b);
            let links = self.blocks[b].exit.links();
            for l in links.into_iter().rev() {
                if !seen[l.target.index()] {
                    stack.push(l.target);
                }
            }
        }
        order
    }
}

/// The body of a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// A low-level graph.
    Graph(Graph),
    /// A function of the external table, supplied by each backend's
    /// runtime (I/O, clock, libm): the sandboxing transform replaces
    /// calls to these.
    External,
}

/// A function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Function {
    /// Its name, unique in the module.
    pub name: String,
    /// Its type: a [`crate::Type::Func`].
    pub ty: TypeId,
    /// Its body.
    pub body: Body,
    /// The compilation unit it belongs to (the source module it came
    /// from), so a backend emits and compiles units separately.
    pub unit: String,
    /// Where it came from, `file.py:line`, for comments in generated code.
    pub origin: Option<String>,
    /// What the author asked of the inliner.
    pub inline: Inline,
}

/// An inlining hint (`objectmodel.always_inline`, `dont_inline`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Inline {
    /// The inliner decides by size.
    #[default]
    Auto,
    /// Inline every call, whatever the size (unless recursive).
    Always,
    /// Never inline.
    Never,
}

/// The initial value of a global container or of one of its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Init {
    /// A primitive or pointer value.
    Value(Constant),
    /// A struct, one initialiser per field.
    Struct(Vec<Init>),
    /// An array (its length is the number of items) or fixed-size array.
    Array(Vec<Init>),
    /// An array of `Char`, written as a string.
    Bytes(Vec<u8>),
    /// All zeros and nulls.
    Zero,
}

/// A prebuilt global container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Global {
    /// Its name, unique in the module.
    pub name: String,
    /// Its container type.
    pub ty: TypeId,
    /// Its contents.
    pub init: Init,
    /// Never written after start-up (strings, vtables): backends may put
    /// it in read-only memory.
    pub immutable: bool,
}

/// A low-level module: what the rtyper produces and every backend
/// consumes.
#[derive(Clone, Debug, Default)]
pub struct Module {
    /// Its types.
    pub types: Types,
    /// Its prebuilt containers.
    pub globals: PrimaryMap<GlobalId, Global>,
    /// Its functions.
    pub functions: PrimaryMap<FuncId, Function>,
    /// The function the program starts in: it takes the `argv` list and
    /// returns the exit status.
    pub entry: Option<FuncId>,
    /// A function taking and returning nothing that the program runs
    /// before it dies of a fatal error (an unreachable exit, a failed
    /// low-level assertion, the runtime out of memory): it writes out
    /// buffered output, so what the program printed is not lost. It must
    /// not raise; it may find the program in any state.
    pub on_fatal: Option<FuncId>,
    function_names: HashMap<String, FuncId>,
    global_names: HashMap<String, GlobalId>,
}

/// Why something could not be added to a module.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModuleError {
    /// Two functions with one name.
    #[error("a function named `{0}` already exists")]
    DuplicateFunction(String),
    /// Two globals with one name.
    #[error("a global named `{0}` already exists")]
    DuplicateGlobal(String),
}

impl Module {
    /// An empty module.
    pub fn new() -> Module {
        Module::default()
    }

    /// Adds a function.
    pub fn add_function(&mut self, f: Function) -> Result<FuncId, ModuleError> {
        if self.function_names.contains_key(&f.name) {
            return Err(ModuleError::DuplicateFunction(f.name));
        }
        let name = f.name.clone();
        let id = self.functions.push(f);
        self.function_names.insert(name, id);
        Ok(id)
    }

    /// Adds a global.
    pub fn add_global(&mut self, g: Global) -> Result<GlobalId, ModuleError> {
        if self.global_names.contains_key(&g.name) {
            return Err(ModuleError::DuplicateGlobal(g.name));
        }
        let name = g.name.clone();
        let id = self.globals.push(g);
        self.global_names.insert(name, id);
        Ok(id)
    }

    /// The function with this name.
    pub fn function_named(&self, name: &str) -> Option<FuncId> {
        self.function_names.get(name).copied()
    }

    /// The global with this name.
    pub fn global_named(&self, name: &str) -> Option<GlobalId> {
        self.global_names.get(name).copied()
    }

    /// A name not yet taken by a function, built from `base`.
    pub fn fresh_function_name(&self, base: &str) -> String {
        fresh(base, |n| self.function_names.contains_key(n))
    }

    /// A name not yet taken by a global, built from `base`.
    pub fn fresh_global_name(&self, base: &str) -> String {
        fresh(base, |n| self.global_names.contains_key(n))
    }

    /// The parameter and result types of a function.
    pub fn signature(&self, f: FuncId) -> (&[TypeId], TypeId) {
        match self.types.get(self.functions[f].ty) {
            crate::types::Type::Func { params, result } => (params, *result),
            _ => panic!("a function whose type is not a function type"),
        }
    }
}

fn fresh(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (1..)
        .map(|i| format!("{base}_{i}"))
        .find(|n| !taken(n))
        .expect("some suffix is free")
}
