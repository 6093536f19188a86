//! Low-level types, interned once and compared by id.
//!
//! The model follows PyPy's `rpython/rtyper/lltypesystem/lltype.py`:
//! primitives (words, sized integers, float, characters, bool, void, raw
//! addresses), containers (structs, arrays, fixed-size arrays, function
//! types, opaque types) and pointers to containers. A pointer to a GC
//! container is a GC pointer: the collector manages what it points to. A
//! struct inherits from another by embedding it as its first field, so a
//! pointer to the child may be cast to a pointer to the parent and back
//! (`cast_pointer`). A struct whose last field is an array is *varsize*:
//! its length is chosen at allocation.
//!
//! Structs are nominal (two structs with the same fields are different
//! types, and a struct may point to itself), so they are declared first
//! and given their fields afterwards. Every other type is structural and
//! interned: building the same type twice yields the same [`TypeId`].

use cranelift_entity::{entity_impl, PrimaryMap};
use std::collections::HashMap;

/// A low-level type, interned in [`Types`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(u32);
entity_impl!(TypeId, "t");

/// A primitive type: a value that fits a machine register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Prim {
    /// No value at all (the result of `setfield`, a void argument).
    Void,
    /// `false` or `true`.
    Bool,
    /// A signed machine word (64 bits on every target we support).
    Signed,
    /// An unsigned machine word.
    Unsigned,
    /// A sized integer used for storage; arithmetic happens on words.
    Int(IntWidth, bool),
    /// A 64-bit IEEE float.
    Float,
    /// A byte character (`str` in RPython is a sequence of these).
    Char,
    /// A Unicode code point.
    UniChar,
    /// A raw machine address, for the collectors and the runtime.
    Address,
}

/// The width of a sized integer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IntWidth {
    /// 8 bits.
    W8,
    /// 16 bits.
    W16,
    /// 32 bits.
    W32,
    /// 64 bits.
    W64,
}

impl IntWidth {
    /// The width in bits.
    pub fn bits(self) -> u32 {
        match self {
            IntWidth::W8 => 8,
            IntWidth::W16 => 16,
            IntWidth::W32 => 32,
            IntWidth::W64 => 64,
        }
    }

    /// The width of this many bits, if it is one.
    pub fn from_bits(bits: u32) -> Option<IntWidth> {
        Some(match bits {
            8 => IntWidth::W8,
            16 => IntWidth::W16,
            32 => IntWidth::W32,
            64 => IntWidth::W64,
            _ => return None,
        })
    }
}

impl Prim {
    /// The name used in the text form.
    pub fn name(self) -> String {
        match self {
            Prim::Void => "Void".into(),
            Prim::Bool => "Bool".into(),
            Prim::Signed => "Signed".into(),
            Prim::Unsigned => "Unsigned".into(),
            Prim::Int(w, true) => format!("i{}", w.bits()),
            Prim::Int(w, false) => format!("u{}", w.bits()),
            Prim::Float => "Float".into(),
            Prim::Char => "Char".into(),
            Prim::UniChar => "UniChar".into(),
            Prim::Address => "Address".into(),
        }
    }

    /// The primitive with this text-form name.
    pub fn from_name(name: &str) -> Option<Prim> {
        Some(match name {
            "Void" => Prim::Void,
            "Bool" => Prim::Bool,
            "Signed" => Prim::Signed,
            "Unsigned" => Prim::Unsigned,
            "Float" => Prim::Float,
            "Char" => Prim::Char,
            "UniChar" => Prim::UniChar,
            "Address" => Prim::Address,
            _ => {
                let signed = match name.as_bytes().first()? {
                    b'i' => true,
                    b'u' => false,
                    _ => return None,
                };
                let bits: u32 = name[1..].parse().ok()?;
                if name[1..].starts_with('0') {
                    return None;
                }
                Prim::Int(IntWidth::from_bits(bits)?, signed)
            }
        })
    }

    /// Whether this is an integer type (words and sized integers).
    pub fn is_integer(self) -> bool {
        matches!(self, Prim::Signed | Prim::Unsigned | Prim::Int(..))
    }
}

/// One field of a struct.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Field {
    /// The field's name, unique within its struct.
    pub name: String,
    /// The field's type: a primitive, a pointer, or an inlined container
    /// (a struct, a fixed-size array, or — as the last field only — an
    /// array, which makes the struct varsize).
    pub ty: TypeId,
}

/// A struct type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct StructType {
    /// The struct's name, unique in its [`Types`].
    pub name: String,
    /// Managed by the collector (`GcStruct`).
    pub gc: bool,
    /// The fields in layout order. A first field of struct type is the
    /// parent this struct inherits from.
    pub fields: Vec<Field>,
    /// Whether the fields have been given (a struct is declared before it
    /// is defined, so it can point to itself).
    pub defined: bool,
}

impl StructType {
    /// The index of the field with this name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }
}

/// A low-level type.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    /// A primitive.
    Prim(Prim),
    /// A struct (nominal: identified by its id, named uniquely).
    Struct(StructType),
    /// An array of `item`, whose length is stored with it and chosen at
    /// allocation.
    Array {
        /// The item type.
        item: TypeId,
        /// Managed by the collector (`GcArray`).
        gc: bool,
    },
    /// An array of exactly `len` items, inlined where it appears.
    FixedArray {
        /// The item type.
        item: TypeId,
        /// The number of items.
        len: u32,
    },
    /// The type of a function: what `direct_call` and function pointers
    /// name.
    Func {
        /// The parameter types.
        params: Vec<TypeId>,
        /// The result type.
        result: TypeId,
    },
    /// A type whose layout only the backend knows (a C `FILE`, a jmpbuf).
    Opaque(String),
    /// A pointer to a container type (struct, array, fixed array,
    /// function or opaque). It is a GC pointer when the container is GC.
    Ptr(TypeId),
}

/// The arena of interned types of one module.
#[derive(Clone, Debug, Default)]
pub struct Types {
    types: PrimaryMap<TypeId, Type>,
    interned: HashMap<Type, TypeId>,
    structs_by_name: HashMap<String, TypeId>,
}

/// Why a type could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TypeError {
    /// Two structs with one name.
    #[error("a struct named `{0}` already exists")]
    DuplicateStruct(String),
    /// Fields given twice.
    #[error("struct `{0}` is already defined")]
    Redefined(String),
    /// Two fields with one name.
    #[error("struct `{0}` has two fields named `{1}`")]
    DuplicateField(String, String),
    /// A field whose type cannot be stored there.
    #[error("field `{1}` of struct `{0}`: {2}")]
    BadField(String, String, String),
    /// A pointer to something that is not a container.
    #[error("cannot point to {0}: only to structs, arrays, functions and opaque types")]
    BadPointee(String),
    /// An array item that cannot be stored in an array.
    #[error("cannot make an array of {0}")]
    BadItem(String),
}

impl Types {
    /// An empty arena.
    pub fn new() -> Types {
        Types::default()
    }

    /// The type behind an id.
    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id]
    }

    /// Every type, in creation order.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &Type)> {
        self.types.iter()
    }

    /// The number of types.
    pub fn len(&self) -> usize {
        self.types.len()
    }

    /// Whether there are no types yet.
    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        let id = self.types.push(ty.clone());
        self.interned.insert(ty, id);
        id
    }

    /// The id of a primitive type.
    pub fn prim(&mut self, p: Prim) -> TypeId {
        self.intern(Type::Prim(p))
    }

    /// `Void`.
    pub fn void(&mut self) -> TypeId {
        self.prim(Prim::Void)
    }

    /// `Bool`.
    pub fn bool(&mut self) -> TypeId {
        self.prim(Prim::Bool)
    }

    /// `Signed`.
    pub fn signed(&mut self) -> TypeId {
        self.prim(Prim::Signed)
    }

    /// `Unsigned`.
    pub fn unsigned(&mut self) -> TypeId {
        self.prim(Prim::Unsigned)
    }

    /// `Float`.
    pub fn float(&mut self) -> TypeId {
        self.prim(Prim::Float)
    }

    /// `Char`.
    pub fn char(&mut self) -> TypeId {
        self.prim(Prim::Char)
    }

    /// `Address`.
    pub fn address(&mut self) -> TypeId {
        self.prim(Prim::Address)
    }

    /// Declares a struct without fields yet; [`Types::define_struct`]
    /// gives them.
    pub fn declare_struct(&mut self, name: &str, gc: bool) -> Result<TypeId, TypeError> {
        if self.structs_by_name.contains_key(name) {
            return Err(TypeError::DuplicateStruct(name.to_string()));
        }
        let id = self.types.push(Type::Struct(StructType {
            name: name.to_string(),
            gc,
            fields: Vec::new(),
            defined: false,
        }));
        self.structs_by_name.insert(name.to_string(), id);
        Ok(id)
    }

    /// Gives a declared struct its fields, checking that each can be
    /// stored there: no void or function fields, a GC struct inlined only
    /// as the first field of a GC struct (inheritance), an array only as
    /// the last field.
    pub fn define_struct(&mut self, id: TypeId, fields: Vec<Field>) -> Result<(), TypeError> {
        let Type::Struct(s) = &self.types[id] else {
            panic!("define_struct on a type that is not a struct");
        };
        let (name, gc) = (s.name.clone(), s.gc);
        if s.defined {
            return Err(TypeError::Redefined(name));
        }
        for (i, f) in fields.iter().enumerate() {
            if fields[..i].iter().any(|g| g.name == f.name) {
                return Err(TypeError::DuplicateField(name, f.name.clone()));
            }
            let bad = |why: &str| TypeError::BadField(name.clone(), f.name.clone(), why.into());
            match &self.types[f.ty] {
                Type::Prim(Prim::Void) => return Err(bad("a field cannot be Void")),
                Type::Func { .. } | Type::Opaque(_) => {
                    return Err(bad("functions and opaque types are stored by pointer"))
                }
                Type::Struct(inner) if inner.gc && !(gc && i == 0) => return Err(bad(
                    "a GC struct is inlined only as the first field of a GC struct (its parent)",
                )),
                Type::Struct(inner) if !inner.gc && gc && i == 0 && !fields.is_empty() => {
                    // A raw struct as the head of a GC struct is allowed.
                }
                Type::Array { gc: true, .. } => {
                    return Err(bad("a GC array is stored by pointer, not inlined"))
                }
                Type::Array { gc: false, .. } if i + 1 != fields.len() => {
                    return Err(bad("an inlined array must be the last field"))
                }
                _ => {}
            }
        }
        let Type::Struct(s) = &mut self.types[id] else {
            unreachable!()
        };
        s.fields = fields;
        s.defined = true;
        Ok(())
    }

    /// The struct with this name.
    pub fn struct_named(&self, name: &str) -> Option<TypeId> {
        self.structs_by_name.get(name).copied()
    }

    /// An array type (`gc`: managed by the collector).
    pub fn array(&mut self, item: TypeId, gc: bool) -> Result<TypeId, TypeError> {
        self.check_item(item)?;
        Ok(self.intern(Type::Array { item, gc }))
    }

    /// A fixed-size array type.
    pub fn fixed_array(&mut self, item: TypeId, len: u32) -> Result<TypeId, TypeError> {
        self.check_item(item)?;
        Ok(self.intern(Type::FixedArray { item, len }))
    }

    fn check_item(&self, item: TypeId) -> Result<(), TypeError> {
        match &self.types[item] {
            Type::Prim(Prim::Void) | Type::Func { .. } | Type::Opaque(_) => {
                Err(TypeError::BadItem(self.display(item)))
            }
            Type::Struct(s) if s.gc || self.is_varsize(item) => {
                Err(TypeError::BadItem(self.display(item)))
            }
            Type::Array { .. } => Err(TypeError::BadItem(self.display(item))),
            _ => Ok(()),
        }
    }

    /// A function type.
    pub fn func(&mut self, params: Vec<TypeId>, result: TypeId) -> TypeId {
        self.intern(Type::Func { params, result })
    }

    /// An opaque type.
    pub fn opaque(&mut self, name: &str) -> TypeId {
        self.intern(Type::Opaque(name.to_string()))
    }

    /// A pointer to a container.
    pub fn ptr(&mut self, to: TypeId) -> Result<TypeId, TypeError> {
        match &self.types[to] {
            Type::Prim(_) | Type::Ptr(_) => Err(TypeError::BadPointee(self.display(to))),
            _ => Ok(self.intern(Type::Ptr(to))),
        }
    }

    /// The primitive, if `id` is one.
    pub fn as_prim(&self, id: TypeId) -> Option<Prim> {
        match self.types[id] {
            Type::Prim(p) => Some(p),
            _ => None,
        }
    }

    /// The struct, if `id` is one.
    pub fn as_struct(&self, id: TypeId) -> Option<&StructType> {
        match &self.types[id] {
            Type::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// What a pointer type points to.
    pub fn pointee(&self, id: TypeId) -> Option<TypeId> {
        match self.types[id] {
            Type::Ptr(to) => Some(to),
            _ => None,
        }
    }

    /// Whether a container is managed by the collector.
    pub fn is_gc_container(&self, id: TypeId) -> bool {
        match &self.types[id] {
            Type::Struct(s) => s.gc,
            Type::Array { gc, .. } => *gc,
            _ => false,
        }
    }

    /// Whether `id` is a pointer to a GC container.
    pub fn is_gc_ptr(&self, id: TypeId) -> bool {
        self.pointee(id).is_some_and(|to| self.is_gc_container(to))
    }

    /// Whether a container's size is chosen at allocation: an array, or a
    /// struct whose last field is (or ends in) an array.
    pub fn is_varsize(&self, id: TypeId) -> bool {
        match &self.types[id] {
            Type::Array { .. } => true,
            Type::Struct(s) => s.fields.last().is_some_and(|f| self.is_varsize(f.ty)),
            _ => false,
        }
    }

    /// The parent of a struct: the struct type of its first field.
    pub fn parent(&self, id: TypeId) -> Option<TypeId> {
        let s = self.as_struct(id)?;
        let first = s.fields.first()?;
        self.as_struct(first.ty).map(|_| first.ty)
    }

    /// Whether a pointer to `from` may be cast to a pointer to `to`: one
    /// is a (first-field) ancestor of the other, or they are equal.
    pub fn castable(&self, from: TypeId, to: TypeId) -> bool {
        self.is_ancestor(from, to) || self.is_ancestor(to, from)
    }

    /// Whether `ancestor` is `id` or reached from it through first fields.
    pub fn is_ancestor(&self, ancestor: TypeId, mut id: TypeId) -> bool {
        loop {
            if id == ancestor {
                return true;
            }
            match self.parent(id) {
                Some(p) => id = p,
                None => return false,
            }
        }
    }

    /// The type as written in the text form: a name for primitives and
    /// structs, a constructor for the others.
    pub fn display(&self, id: TypeId) -> String {
        match &self.types[id] {
            Type::Prim(p) => p.name(),
            Type::Struct(s) => s.name.clone(),
            Type::Array { item, gc } => {
                format!(
                    "{}array({})",
                    if *gc { "gc " } else { "" },
                    self.display(*item)
                )
            }
            Type::FixedArray { item, len } => format!("[{}; {len}]", self.display(*item)),
            Type::Func { params, result } => {
                let params: Vec<String> = params.iter().map(|p| self.display(*p)).collect();
                format!("func({}) -> {}", params.join(", "), self.display(*result))
            }
            Type::Opaque(name) => format!("opaque({name})"),
            Type::Ptr(to) => format!("*{}", self.display(*to)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structural_types_are_interned_and_structs_are_nominal() {
        let mut t = Types::new();
        let c = t.char();
        let a1 = t.array(c, true).unwrap();
        let a2 = t.array(c, true).unwrap();
        assert_eq!(a1, a2);
        let s1 = t.declare_struct("A", true).unwrap();
        let s2 = t.declare_struct("B", true).unwrap();
        assert_ne!(s1, s2);
        assert!(t.declare_struct("A", false).is_err());
        let p = t.ptr(s1).unwrap();
        t.define_struct(
            s1,
            vec![Field {
                name: "next".into(),
                ty: p,
            }],
        )
        .unwrap();
        assert_eq!(t.display(p), "*A");
        assert_eq!(t.display(a1), "gc array(Char)");
        assert!(t.is_gc_ptr(p));
    }

    #[test]
    fn inheritance_is_by_first_field() {
        let mut t = Types::new();
        let int = t.signed();
        let base = t.declare_struct("Base", true).unwrap();
        t.define_struct(
            base,
            vec![Field {
                name: "x".into(),
                ty: int,
            }],
        )
        .unwrap();
        let sub = t.declare_struct("Sub", true).unwrap();
        t.define_struct(
            sub,
            vec![
                Field {
                    name: "super".into(),
                    ty: base,
                },
                Field {
                    name: "y".into(),
                    ty: int,
                },
            ],
        )
        .unwrap();
        assert_eq!(t.parent(sub), Some(base));
        assert!(t.castable(sub, base) && t.castable(base, sub));
        let other = t.declare_struct("Other", true).unwrap();
        t.define_struct(
            other,
            vec![Field {
                name: "super".into(),
                ty: base,
            }],
        )
        .unwrap();
        assert!(!t.castable(sub, other));
        let bad = t.declare_struct("Bad", true).unwrap();
        assert!(t
            .define_struct(
                bad,
                vec![
                    Field {
                        name: "y".into(),
                        ty: int
                    },
                    Field {
                        name: "super".into(),
                        ty: base
                    },
                ],
            )
            .is_err());
    }

    #[test]
    fn varsize_structs_end_in_an_array() {
        let mut t = Types::new();
        let (int, c) = (t.signed(), t.char());
        let chars = t.array(c, false).unwrap();
        let s = t.declare_struct("Str", true).unwrap();
        t.define_struct(
            s,
            vec![
                Field {
                    name: "hash".into(),
                    ty: int,
                },
                Field {
                    name: "chars".into(),
                    ty: chars,
                },
            ],
        )
        .unwrap();
        assert!(t.is_varsize(s));
        assert!(t.array(s, false).is_err());
        assert_eq!(Prim::from_name("i32"), Some(Prim::Int(IntWidth::W32, true)));
        assert_eq!(Prim::from_name("u08"), None);
    }
}
