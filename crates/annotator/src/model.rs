//! The annotation lattice: what the annotator knows about a value.
//!
//! A [`SomeValue`] describes the set of run-time values a variable may
//! hold, in the style of PyPy's `SomeObject` family. The lattice is
//! ordered by inclusion; [`Annotator::union`](crate::Annotator::union)
//! computes least upper bounds and fails (a [`UnionError`]) where RPython
//! has no common representation, such as an int and a str.
//!
//! Mutable containers (lists, dicts, sets) are described by identity: a
//! [`ListId`] or [`DictId`] names a definition in the annotator's arenas
//! whose item types are shared by every variable that may hold the same
//! container; when two such definitions meet they are merged (union-find).
//! Instances name a [`ClassId`], callables a set of [`DescId`]s.

use cranelift_entity::entity_impl;
use frontend::host::Value;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A user class (or built-in exception class) known to the annotator.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(u32);
entity_impl!(ClassId, "class");

/// The definition of a list's items, shared by every list it describes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ListId(u32);
entity_impl!(ListId, "list");

/// The definition of a dict's (or set's) keys and values.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DictId(u32);
entity_impl!(DictId, "dict");

/// A callable or frozen prebuilt object: a function, a class, a method.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DescId(u32);
entity_impl!(DescId, "desc");

/// One annotated graph: a function, or one specialisation of it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GraphId(u32);
entity_impl!(GraphId, "graph");

/// Machine integer kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntKind {
    /// A signed machine word (`int`, `r_int64` on a 64-bit target).
    Signed,
    /// An unsigned machine word (`r_uint`, `r_uint64`).
    Unsigned,
}

/// An integer (or bool) annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SomeInt {
    pub kind: IntKind,
    /// Known to be `>= 0` (lets the rtyper drop negative-index checks).
    pub nonneg: bool,
    /// The value, when it is a constant.
    pub konst: Option<i64>,
}

impl SomeInt {
    /// Any signed int.
    pub const SIGNED: SomeInt = SomeInt {
        kind: IntKind::Signed,
        nonneg: false,
        konst: None,
    };
    /// A non-negative signed int (lengths, indexes from `range(n)`).
    pub const NONNEG: SomeInt = SomeInt {
        kind: IntKind::Signed,
        nonneg: true,
        konst: None,
    };
    /// Any unsigned int.
    pub const UNSIGNED: SomeInt = SomeInt {
        kind: IntKind::Unsigned,
        nonneg: true,
        konst: None,
    };
}

/// A str or bytes annotation.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SomeStr {
    /// The value may also be `None`.
    pub can_be_none: bool,
    /// Every value is exactly one character (or byte) long.
    pub single_char: bool,
    /// The value, when it is a constant.
    pub konst: Option<Value>,
}

impl SomeStr {
    /// Any string, never `None`.
    pub const ANY: SomeStr = SomeStr {
        can_be_none: false,
        single_char: false,
        konst: None,
    };
    /// A single character.
    pub const CHAR: SomeStr = SomeStr {
        can_be_none: false,
        single_char: true,
        konst: None,
    };
}

/// A set of callables (or frozen objects) a variable may hold.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SomePbc {
    pub descs: BTreeSet<DescId>,
    /// The value may also be `None`.
    pub can_be_none: bool,
}

/// What kind of iteration an iterator performs over its sources.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IterKind {
    /// The items of a sequence: a list, str, bytes, tuple, range, or the
    /// keys of a dict or items of a set.
    Items,
    /// The values of a dict.
    DictValues,
    /// The `(key, value)` pairs of a dict.
    DictItems,
    /// `enumerate(source)`: `(index, item)` pairs.
    Enumerate,
    /// `zip(sources...)`: tuples of one item of each.
    Zip,
    /// `reversed(list)`.
    Reversed,
    /// The values a generator graph yields.
    Generator(GraphId),
}

/// The value of `sys.stdout` and friends, modules and other host objects
/// that are usable only through their methods.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum External {
    /// A file object: `open()`, `sys.stdout`, ...; may be `None`.
    File { can_be_none: bool },
    /// A module, used as a namespace.
    Module(frontend::host::ObjRef),
}

/// An annotation: the set of values a variable may hold at run time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum SomeValue {
    /// No value at all: code not reached yet, or a call that never returns.
    #[default]
    Impossible,
    /// A bool, constant or not.
    Bool(Option<bool>),
    Int(SomeInt),
    Float,
    Str(SomeStr),
    Bytes(SomeStr),
    /// The constant `None` and nothing else.
    None,
    /// A tuple of fixed length, one annotation per position.
    Tuple(Arc<[SomeValue]>),
    /// A list (or `None` if the flag says so).
    List(ListId, bool),
    /// A dict (or `None`).
    Dict(DictId, bool),
    /// A set (or `None`): a dict definition whose values are unused.
    Set(DictId, bool),
    /// An instance of the class or one of its subclasses (or `None`).
    Instance(ClassId, bool),
    /// Functions, classes, methods and frozen objects.
    Pbc(SomePbc),
    /// A built-in function of the host (`len`, `math.sqrt`, ...), by its
    /// qualified name.
    Builtin(Arc<str>),
    /// A method of a built-in type bound to its receiver (`lst.append`).
    BuiltinMethod(Arc<str>, Box<SomeValue>),
    /// An iterator; the sources decide the item type.
    Iterator(IterKind, Arc<[SomeValue]>),
    /// A `range` object; `nonneg` if every value it yields is `>= 0`.
    Range {
        nonneg: bool,
    },
    /// A slice object built by `newslice` (only used by slicing).
    Slice,
    /// `super(C, obj)`: attribute lookup starts after class `C` in the
    /// MRO; `obj` is an instance of the second class.
    Super(ClassId, ClassId),
    /// A host object usable only through its methods.
    External(External),
    /// A raw machine address (`rpython.rtyper.lltypesystem.llmemory`):
    /// what collectors compute with.
    Address,
}

impl SomeValue {
    /// Any signed int.
    pub fn int() -> SomeValue {
        SomeValue::Int(SomeInt::SIGNED)
    }

    /// A non-negative signed int.
    pub fn nonneg() -> SomeValue {
        SomeValue::Int(SomeInt::NONNEG)
    }

    /// Any bool.
    pub fn bool() -> SomeValue {
        SomeValue::Bool(None)
    }

    /// Any str.
    pub fn str() -> SomeValue {
        SomeValue::Str(SomeStr::ANY)
    }

    /// Any bytes.
    pub fn bytes() -> SomeValue {
        SomeValue::Bytes(SomeStr::ANY)
    }

    /// Whether nothing can flow here yet.
    pub fn is_impossible(&self) -> bool {
        matches!(self, SomeValue::Impossible)
    }

    /// Whether the annotation allows `None`.
    pub fn can_be_none(&self) -> bool {
        match self {
            SomeValue::None => true,
            SomeValue::Str(s) | SomeValue::Bytes(s) => s.can_be_none,
            SomeValue::List(_, n)
            | SomeValue::Dict(_, n)
            | SomeValue::Set(_, n)
            | SomeValue::Instance(_, n) => *n,
            SomeValue::Pbc(p) => p.can_be_none,
            SomeValue::External(External::File { can_be_none }) => *can_be_none,
            _ => false,
        }
    }

    /// The same annotation without `None`.
    pub fn without_none(&self) -> SomeValue {
        let mut v = self.clone();
        match &mut v {
            SomeValue::None => return SomeValue::Impossible,
            SomeValue::Str(s) | SomeValue::Bytes(s) => s.can_be_none = false,
            SomeValue::List(_, n)
            | SomeValue::Dict(_, n)
            | SomeValue::Set(_, n)
            | SomeValue::Instance(_, n) => *n = false,
            SomeValue::Pbc(p) => p.can_be_none = false,
            SomeValue::External(External::File { can_be_none }) => *can_be_none = false,
            _ => {}
        }
        v
    }

    /// Whether this is an int or a bool (bools are ints).
    pub fn is_int_like(&self) -> bool {
        matches!(self, SomeValue::Int(_) | SomeValue::Bool(_))
    }

    /// Whether this is a number (int, bool or float).
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            SomeValue::Int(_) | SomeValue::Bool(_) | SomeValue::Float
        )
    }

    /// The constant int value, if known (bools count).
    pub fn const_int(&self) -> Option<i64> {
        match self {
            SomeValue::Int(i) => i.konst,
            SomeValue::Bool(Some(b)) => Some(i64::from(*b)),
            _ => None,
        }
    }

    /// The constant str, if known.
    pub fn const_str(&self) -> Option<&str> {
        match self {
            SomeValue::Str(SomeStr {
                konst: Some(Value::Str(s)),
                ..
            }) => Some(s.as_str()),
            _ => None,
        }
    }

    /// The annotation with constants forgotten (what a variable holding
    /// several values keeps).
    pub fn generalized(&self) -> SomeValue {
        match self {
            SomeValue::Bool(_) => SomeValue::Bool(None),
            SomeValue::Int(i) => SomeValue::Int(SomeInt { konst: None, ..*i }),
            SomeValue::Str(s) => SomeValue::Str(SomeStr {
                konst: None,
                ..s.clone()
            }),
            SomeValue::Bytes(s) => SomeValue::Bytes(SomeStr {
                konst: None,
                ..s.clone()
            }),
            SomeValue::Tuple(items) => {
                SomeValue::Tuple(items.iter().map(SomeValue::generalized).collect())
            }
            other => other.clone(),
        }
    }

    /// A short name of the annotation's kind, as diagnostics say it
    /// ("int", "str", "None", "list", "instance of Foo" is done by the
    /// annotator, which knows class names).
    pub fn kind_name(&self) -> &'static str {
        match self {
            SomeValue::Impossible => "nothing",
            SomeValue::Bool(_) => "bool",
            SomeValue::Int(i) if i.kind == IntKind::Unsigned => "r_uint",
            SomeValue::Int(_) => "int",
            SomeValue::Float => "float",
            SomeValue::Str(_) => "str",
            SomeValue::Bytes(_) => "bytes",
            SomeValue::None => "None",
            SomeValue::Tuple(_) => "tuple",
            SomeValue::List(..) => "list",
            SomeValue::Dict(..) => "dict",
            SomeValue::Set(..) => "set",
            SomeValue::Instance(..) => "instance",
            SomeValue::Pbc(_) => "function or class",
            SomeValue::Builtin(_) => "built-in function",
            SomeValue::BuiltinMethod(..) => "built-in method",
            SomeValue::Iterator(..) => "iterator",
            SomeValue::Range { .. } => "range",
            SomeValue::Slice => "slice",
            SomeValue::Super(..) => "super object",
            SomeValue::External(External::File { .. }) => "file",
            SomeValue::External(External::Module(_)) => "module",
            SomeValue::Address => "address",
        }
    }
}

/// Why two annotations have no union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnionError {
    /// What each side is, as a user would say it ("int", "str").
    pub left: String,
    pub right: String,
    /// An explanation when the kinds alone do not say it.
    pub reason: Option<String>,
}
