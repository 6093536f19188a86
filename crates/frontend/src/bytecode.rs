//! The host bytecode: one stack machine shared by the host interpreter
//! (import time and `rpy run`) and the flow space (graph building).
//!
//! This file is the single definition of the instruction set. The design
//! follows CPython's bytecode (3.8–3.11) with three deliberate choices that
//! make abstract interpretation in the flow space simple:
//!
//! * **One raising operation per instruction.** An instruction either
//!   completes, or fails before changing the frame. So the state at an
//!   instruction boundary is everything the flow space needs to model an
//!   exception edge (the handler sees the state from before the
//!   instruction, unwound to the handler's stack depth).
//! * **Exception handlers live on a block stack** pushed by
//!   [`Instr::SetupExcept`] and popped by [`Instr::PopBlock`]. `finally`
//!   bodies and the normal exits of `with` are *duplicated* by the compiler
//!   on every exit path (fall-through, `return`, `break`, `continue`), and
//!   once more in a handler that re-raises, so the only block kind is
//!   "exception handler".
//! * **Branches decide on a value at instruction boundaries**
//!   ([`Instr::PopJumpIfFalse`] and friends, [`Instr::ForIter`]), so the
//!   flow space forks the frame state there and nowhere else.
//!
//! Stack effects are written `before -> after`, top of stack last.
//!
//! An exception handler is entered with the stack cut to the depth it had
//! at `SetupExcept` time and the exception *instance* pushed. The compiler
//! stores it in a hidden local at once (`except E as e`, bare `raise`, and
//! `finally` re-raise read it from there).
//!
//! Function call protocol: positional arguments in order, then keyword
//! arguments; see [`Instr::Call`], [`Instr::CallKw`], [`Instr::CallEx`].

use crate::host::value::PyStr;
use crate::source::Span;
use num_bigint::BigInt;
use std::fmt;
use std::sync::Arc;

/// An index into [`CodeObject::consts`].
pub type ConstIdx = u32;
/// An index into [`CodeObject::names`].
pub type NameIdx = u32;
/// An index into [`CodeObject::varnames`].
pub type LocalIdx = u32;
/// An index into the frame's cells: `cellvars` first, then `freevars`.
pub type CellIdx = u32;
/// An instruction index into [`CodeObject::instrs`].
pub type Label = u32;

/// Binary operators (also used in augmented assignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    /// The operator as written in Python (`+`, `//`, ...).
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "**",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }

    /// The operation name used in flow graphs (`add`, `floordiv`, ...).
    pub fn opname(self) -> &'static str {
        match self {
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::MatMul => "matmul",
            BinOp::TrueDiv => "truediv",
            BinOp::FloorDiv => "floordiv",
            BinOp::Mod => "mod",
            BinOp::Pow => "pow",
            BinOp::LShift => "lshift",
            BinOp::RShift => "rshift",
            BinOp::And => "and_",
            BinOp::Or => "or_",
            BinOp::Xor => "xor",
        }
    }
}

/// Unary operators. `not` is [`UnaryOp::Not`] and always yields a bool.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

impl UnaryOp {
    pub fn opname(self) -> &'static str {
        match self {
            UnaryOp::Neg => "neg",
            UnaryOp::Pos => "pos",
            UnaryOp::Invert => "invert",
            UnaryOp::Not => "bool_not",
        }
    }
}

/// Comparison operators, including identity and membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }

    pub fn opname(self) -> &'static str {
        match self {
            CmpOp::Lt => "lt",
            CmpOp::Le => "le",
            CmpOp::Eq => "eq",
            CmpOp::Ne => "ne",
            CmpOp::Gt => "gt",
            CmpOp::Ge => "ge",
            CmpOp::Is => "is_",
            CmpOp::IsNot => "is_not",
            CmpOp::In => "contains",
            CmpOp::NotIn => "not_contains",
        }
    }
}

/// The conversion of an f-string replacement field (`!s`, `!r`, `!a`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Conversion {
    None,
    Str,
    Repr,
    Ascii,
}

/// One instruction. Operands are inline; jump targets are instruction
/// indexes ([`Label`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Instr {
    // ---- stack ----
    /// `-> ` (does nothing)
    Nop,
    /// `v ->`
    Pop,
    /// `... v(n) ... -> ... v(n) ... v(n)`: pushes a copy of the n-th item
    /// from the top, 1-based (`Copy(1)` duplicates the top).
    Copy(u32),
    /// Swaps the top with the n-th item from the top, 1-based (`Swap(2)`
    /// exchanges the two top items).
    Swap(u32),

    // ---- constants and variables ----
    /// `-> consts[i]`
    LoadConst(ConstIdx),
    /// `-> local`; raises UnboundLocalError if unbound.
    LoadFast(LocalIdx),
    /// `v ->`
    StoreFast(LocalIdx),
    /// Unbinds the local; UnboundLocalError if unbound.
    DeleteFast(LocalIdx),
    /// `-> cell contents`; NameError (free variable) if the cell is empty.
    LoadDeref(CellIdx),
    /// `v ->`
    StoreDeref(CellIdx),
    DeleteDeref(CellIdx),
    /// `-> cell` (the cell object itself, to build a closure tuple).
    LoadClosure(CellIdx),
    /// In class bodies: the class namespace first, then the cell.
    LoadClassDeref(CellIdx),
    /// `-> globals[name]` or else `builtins[name]`; NameError otherwise.
    LoadGlobal(NameIdx),
    /// `v ->` into the module's globals.
    StoreGlobal(NameIdx),
    DeleteGlobal(NameIdx),
    /// Module and class bodies: locals namespace, then globals, then builtins.
    LoadName(NameIdx),
    StoreName(NameIdx),
    DeleteName(NameIdx),

    // ---- attributes and items ----
    /// `obj -> obj.name`
    LoadAttr(NameIdx),
    /// `value obj ->` performs `obj.name = value`
    StoreAttr(NameIdx),
    /// `obj ->`
    DeleteAttr(NameIdx),
    /// `container index -> container[index]`
    BinarySubscr,
    /// `value container index ->` performs `container[index] = value`
    StoreSubscr,
    /// `container index ->`
    DeleteSubscr,
    /// `start stop -> slice` (argc 2) or `start stop step -> slice` (argc 3).
    BuildSlice(u32),

    // ---- operators ----
    /// `v -> op v`
    Unary(UnaryOp),
    /// `a b -> a op b`
    Binary(BinOp),
    /// `a b -> a op= b` (uses `__iadd__` etc. where defined, else `op`).
    InplaceBinary(BinOp),
    /// `a b -> a op b`
    Compare(CmpOp),
    /// `exc cls -> bool`: does the exception instance match `cls` (a class
    /// or a tuple of classes), as in an `except cls:` clause.
    ExcMatch,

    // ---- building containers ----
    /// `v1 .. vn -> (v1, .., vn)`
    BuildTuple(u32),
    /// `v1 .. vn -> [v1, .., vn]`
    BuildList(u32),
    /// `v1 .. vn -> {v1, .., vn}`
    BuildSet(u32),
    /// `k1 v1 .. kn vn -> {k1: v1, ..}`
    BuildMap(u32),
    /// `s1 .. sn -> s1 + .. + sn` (strings; f-strings)
    BuildString(u32),
    /// `list ... v -> list ...` appends `v` to the list at position `i`
    /// counted from the top after popping `v` (1 = the new top).
    ListAppend(u32),
    /// Like [`Instr::ListAppend`] for sets.
    SetAdd(u32),
    /// `dict ... k v -> dict ...`, the dict at `i` from the top after popping.
    MapAdd(u32),
    /// `list ... iterable -> list ...` extends the list (star in displays).
    ListExtend(u32),
    /// `set ... iterable -> set ...`
    SetUpdate(u32),
    /// `dict ... mapping -> dict ...` (`{**m}` and `f(**m)`).
    DictUpdate(u32),
    /// `list -> tuple`
    ListToTuple,
    /// `value [spec] -> str`: `format(conv(value), spec)` (f-strings).
    FormatValue {
        conversion: Conversion,
        has_spec: bool,
    },

    // ---- control flow ----
    Jump(Label),
    /// `v ->`, jumps if `v` is false.
    PopJumpIfFalse(Label),
    /// `v ->`, jumps if `v` is true.
    PopJumpIfTrue(Label),
    /// `v -> v` and jumps if false, else `v ->` and falls through.
    JumpIfFalseOrPop(Label),
    /// `v -> v` and jumps if true, else `v ->` and falls through.
    JumpIfTrueOrPop(Label),
    /// `iterable -> iterator`
    GetIter,
    /// `iterator -> iterator next` or, when exhausted, `iterator ->` and
    /// jump to the label.
    ForIter(Label),
    /// `seq -> vn .. v1` (v1 on top); ValueError on a length mismatch.
    UnpackSequence(u32),
    /// `a, *b, c = seq`: `seq -> v_last .. list .. v1`, with `before` items
    /// before the starred one and `after` items after it.
    UnpackEx {
        before: u32,
        after: u32,
    },
    /// `-> ` returns TOS: `v ->`
    ReturnValue,
    /// `v -> sent`: suspends a generator frame yielding `v`; on resume the
    /// sent value (None for `next`) is pushed.
    YieldValue,

    // ---- exceptions ----
    /// Pushes an exception handler: on an exception raised before the
    /// matching [`Instr::PopBlock`], cut the stack to its current depth,
    /// push the exception instance and jump to the label.
    SetupExcept(Label),
    /// Pops the innermost handler.
    PopBlock,
    /// `exc ->` raises (a class is instantiated with no arguments).
    /// With `cause`: `exc cause ->` for `raise exc from cause`.
    Raise {
        cause: bool,
    },
    /// `-> AssertionError` (the builtin class, not a global lookup).
    LoadAssertionError,
    /// `cm -> exit enter_result`: calls `cm.__enter__()`, pushes the bound
    /// `cm.__exit__` beneath its result.
    BeforeWith,
    /// `exit -> `: calls `exit(None, None, None)` and drops the result.
    WithExitNormal,
    /// `exit exc -> exit exc suppress`: calls `exit(type(exc), exc, None)`.
    WithExceptStart,

    // ---- calls and definitions ----
    /// `f a1 .. an -> f(a1, .., an)`
    Call(u32),
    /// `f a1 .. an k1 .. km -> f(a1, .., k1=.., ..)`: the `names` const is a
    /// tuple of the m keyword names; `argc` = n + m.
    CallKw {
        argc: u32,
        names: ConstIdx,
    },
    /// `f args_tuple [kwargs_dict] -> f(*args, **kwargs)`
    CallEx {
        has_kwargs: bool,
    },
    /// `[defaults] [kwdefaults] [closure] -> function`: makes a function
    /// from `consts[code]` (a [`Constant::Code`]). `defaults` is a tuple,
    /// `kwdefaults` a dict name -> value, `closure` a tuple of cells; each is
    /// present when its flag is set, in that order.
    MakeFunction {
        code: ConstIdx,
        defaults: bool,
        kwdefaults: bool,
        closure: bool,
    },
    /// `body_fn name base1 .. basen -> class`: runs `body_fn` (a function
    /// made from a class-body code object) with a fresh namespace, then
    /// creates the class. If the body returns a cell (`__class__`), the cell
    /// is set to the new class (for zero-argument `super()`).
    BuildClass {
        nbases: u32,
    },
    /// `fromlist -> module`: imports `names[name]` (`level` leading dots
    /// for a relative import; `fromlist` is None or a tuple of names). Like
    /// CPython, pushes the top package for `import a.b` when `fromlist` is
    /// None, and the submodule itself otherwise.
    ImportName {
        name: NameIdx,
        level: u32,
    },
    /// `module -> module module.name` (ImportError if missing).
    ImportFrom(NameIdx),
    /// `module ->` copies the public names into the current namespace.
    ImportStar,
}

/// A compile-time constant of a code object.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Ellipsis,
    Bool(bool),
    Int(i64),
    BigInt(Arc<BigInt>),
    Float(f64),
    Str(PyStr),
    Bytes(Arc<[u8]>),
    Tuple(Arc<[Constant]>),
    Code(Arc<CodeObject>),
}

/// What kind of body a code object holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeKind {
    Module,
    Class,
    Function,
    Lambda,
    /// A generator expression, or a list/set/dict comprehension that is
    /// not inlined (at module level, in a class body, or capturing its own
    /// variables in a closure); its single argument `.0` is the iterator of
    /// the outermost `for`. Comprehensions in functions are compiled inline
    /// (PEP 709) with hidden `$compN.name` locals.
    Comprehension,
}

/// A compiled body. Positions live in [`CodeObject::spans`] beside the
/// instructions, so comparing code without them is cheap (see
/// [`CodeObject::same_code`]).
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// The function, class or module name (`<lambda>`, `<listcomp>` ...).
    pub name: Arc<str>,
    /// Dotted path for messages, e.g. `Frame.run.<locals>.helper`.
    pub qualname: Arc<str>,
    pub kind: CodeKind,
    /// True if the body contains `yield`: calling it makes a generator.
    pub is_generator: bool,
    /// Number of positional parameters (positional-only included).
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    /// `*args` present: its local follows the positional and keyword-only
    /// parameters.
    pub varargs: bool,
    /// `**kwargs` present: its local follows `*args` (if any).
    pub varkw: bool,
    /// Local variable names: parameters first (positional, keyword-only,
    /// `*args`, `**kwargs`), then other locals, then hidden temporaries
    /// (names starting with `$`).
    pub varnames: Vec<Arc<str>>,
    /// Locals captured by inner functions. A parameter that is also a cell
    /// is copied into its cell at frame start (see `cell2arg`).
    pub cellvars: Vec<Arc<str>>,
    /// For each cellvar, the local index of the parameter it starts from.
    pub cell2arg: Vec<Option<LocalIdx>>,
    /// Variables of enclosing scopes, from the closure tuple.
    pub freevars: Vec<Arc<str>>,
    /// Global, attribute and imported names.
    pub names: Vec<PyStr>,
    pub consts: Vec<Constant>,
    pub instrs: Vec<Instr>,
    /// The source span of each instruction (same length as `instrs`).
    pub spans: Vec<Span>,
    /// The span of the whole definition (`def` line for functions).
    pub def_span: Span,
    /// The docstring of a function or module (`__doc__`); a class body
    /// stores its own into the class namespace.
    pub doc: Option<PyStr>,
}

impl CodeObject {
    /// Equal code ignoring positions: what a cache keyed on a function's
    /// behaviour should compare.
    pub fn same_code(&self, other: &CodeObject) -> bool {
        self.name == other.name
            && self.kind == other.kind
            && self.is_generator == other.is_generator
            && self.argcount == other.argcount
            && self.posonlyargcount == other.posonlyargcount
            && self.kwonlyargcount == other.kwonlyargcount
            && self.varargs == other.varargs
            && self.varkw == other.varkw
            && self.varnames == other.varnames
            && self.cellvars == other.cellvars
            && self.cell2arg == other.cell2arg
            && self.freevars == other.freevars
            && self.names == other.names
            && self.instrs == other.instrs
            && self.consts.len() == other.consts.len()
            && self
                .consts
                .iter()
                .zip(&other.consts)
                .all(|(a, b)| match (a, b) {
                    (Constant::Code(a), Constant::Code(b)) => a.same_code(b),
                    _ => a == b,
                })
    }

    /// The number of parameters, `*args` and `**kwargs` included.
    pub fn total_args(&self) -> u32 {
        self.argcount + self.kwonlyargcount + self.varargs as u32 + self.varkw as u32
    }

    /// The name of cell `i` (cellvars then freevars).
    pub fn cell_name(&self, i: CellIdx) -> &Arc<str> {
        let i = i as usize;
        if i < self.cellvars.len() {
            &self.cellvars[i]
        } else {
            &self.freevars[i - self.cellvars.len()]
        }
    }
}

impl fmt::Display for Constant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Constant::None => write!(f, "None"),
            Constant::Ellipsis => write!(f, "Ellipsis"),
            Constant::Bool(b) => write!(f, "{}", if *b { "True" } else { "False" }),
            Constant::Int(i) => write!(f, "{i}"),
            Constant::BigInt(i) => write!(f, "{i}"),
            Constant::Float(x) => write!(f, "{x:?}"),
            Constant::Str(s) => write!(f, "{:?}", s.as_str()),
            Constant::Bytes(b) => write!(f, "b{:?}", String::from_utf8_lossy(b)),
            Constant::Tuple(items) => {
                write!(f, "(")?;
                for (i, c) in items.iter().enumerate() {
                    if i > 0 {
                        write!(f, ", ")?;
                    }
                    write!(f, "{c}")?;
                }
                if items.len() == 1 {
                    write!(f, ",")?;
                }
                write!(f, ")")
            }
            Constant::Code(c) => write!(f, "<code {}>", c.qualname),
        }
    }
}
