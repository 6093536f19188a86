//! Host values: what the import-time interpreter computes with.
//!
//! Immutable values (numbers, strings, bytes, tuples) are held inline or
//! behind an `Arc` and compared structurally; everything with identity or
//! mutable state (lists, dicts, instances, classes, functions, modules ...)
//! lives in the [`Heap`](super::heap::Heap) and is referred to by an
//! [`ObjRef`]. Values are `Send + Sync`, hashable and comparable, so flow
//! graphs can carry them as constants and the salsa database can cache
//! anything that holds them.

use num_bigint::BigInt;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A reference to a heap object. Ids are allocated deterministically, so
/// running the same module body twice yields the same ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjRef(pub u32);

impl ObjRef {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// An immutable Python `str`. Knows whether it is pure ASCII, so indexing
/// and slicing by code point are O(1) in the common case.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PyStr(Arc<StrData>);

#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
struct StrData {
    text: Box<str>,
    /// The length in code points.
    char_len: usize,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr(Arc::new(StrData {
            char_len: s.chars().count(),
            text: s.into(),
        }))
    }

    pub fn from_string(s: String) -> PyStr {
        PyStr(Arc::new(StrData {
            char_len: s.chars().count(),
            text: s.into_boxed_str(),
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The length in code points, as `len()` reports it.
    pub fn char_len(&self) -> usize {
        self.0.char_len
    }

    pub fn is_ascii(&self) -> bool {
        self.0.char_len == self.0.text.len()
    }

    /// The code point at index `i` (0-based, in range).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.0.text.as_bytes()[i] as char
        } else {
            self.0.text.chars().nth(i).expect("index checked by caller")
        }
    }

    /// The byte offset of code point `i` (`i == char_len()` gives the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() {
            i
        } else {
            self.0
                .text
                .char_indices()
                .nth(i)
                .map_or(self.0.text.len(), |(b, _)| b)
        }
    }

    /// Code points `start..end` (0-based, `start <= end <= char_len`).
    pub fn substring(&self, start: usize, end: usize) -> PyStr {
        let (a, b) = (self.byte_offset(start), self.byte_offset(end));
        PyStr::new(&self.0.text[a..b])
    }

    pub fn ptr_eq(a: &PyStr, b: &PyStr) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for PyStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.text
    }
}

impl fmt::Debug for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

impl From<String> for PyStr {
    fn from(s: String) -> PyStr {
        PyStr::from_string(s)
    }
}

/// A host value.
#[derive(Clone, Debug)]
pub enum Value {
    None,
    Ellipsis,
    NotImplemented,
    Bool(bool),
    /// An int that fits in 64 bits. Ints are always normalised: a result
    /// that fits is an `Int`, never a `BigInt`.
    Int(i64),
    /// An int outside the i64 range (import-time code may compute these).
    BigInt(Arc<BigInt>),
    Float(f64),
    Str(PyStr),
    Bytes(Arc<[u8]>),
    Tuple(Arc<[Value]>),
    /// A bound method: immutable, so it lives outside the heap and is freed
    /// when the last reference goes (method calls allocate one each).
    Method(Arc<BoundMethod>),
    /// Everything else lives in the heap.
    Ref(ObjRef),
}

/// A function (Python or native) bound to its receiver.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BoundMethod {
    pub func: Value,
    pub receiver: Value,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(PyStr::new(s))
    }

    pub fn string(s: String) -> Value {
        Value::Str(PyStr::from_string(s))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(items.into())
    }

    pub fn bytes(b: &[u8]) -> Value {
        Value::Bytes(b.into())
    }

    /// Normalises a big integer to `Int` when it fits.
    pub fn from_bigint(i: BigInt) -> Value {
        match i64::try_from(&i) {
            Ok(v) => Value::Int(v),
            Err(_) => Value::BigInt(Arc::new(i)),
        }
    }

    pub fn as_ref(&self) -> Option<ObjRef> {
        match self {
            Value::Ref(r) => Some(*r),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&PyStr> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`): heap objects by id, `None`/`True`/... by value,
    /// ints and floats by value (as CPython's small-int cache makes most
    /// such comparisons true), strings/bytes/tuples by pointer.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => PyStr::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Bytes(a), Value::Bytes(b)) => Arc::ptr_eq(a, b),
            (Value::Tuple(a), Value::Tuple(b)) => {
                Arc::ptr_eq(a, b) || (a.is_empty() && b.is_empty())
            }
            (Value::Ref(a), Value::Ref(b)) => a == b,
            (Value::Method(a), Value::Method(b)) => {
                Arc::ptr_eq(a, b) || (a.func.is(&b.func) && a.receiver.is(&b.receiver))
            }
            _ => false,
        }
    }
}

/// Structural equality for use as a *constant* (flow graphs, caches): two
/// values are the same constant if they are the same heap object or equal
/// immutable values of the same type. This is not Python's `==`
/// (`1 == 1.0` but the constants differ).
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::BigInt(a), Value::BigInt(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (Value::Tuple(a), Value::Tuple(b)) => a == b,
            (Value::Ref(a), Value::Ref(b)) => a == b,
            (Value::Method(a), Value::Method(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Value {}

impl Hash for Value {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Value::None | Value::Ellipsis | Value::NotImplemented => {}
            Value::Bool(b) => b.hash(state),
            Value::Int(i) => i.hash(state),
            Value::BigInt(i) => i.hash(state),
            Value::Float(f) => f.to_bits().hash(state),
            Value::Str(s) => s.hash(state),
            Value::Bytes(b) => b.hash(state),
            Value::Tuple(t) => t.hash(state),
            Value::Ref(r) => r.hash(state),
            Value::Method(m) => m.hash(state),
        }
    }
}
