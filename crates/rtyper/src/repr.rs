//! Representations: the low-level type chosen for each annotation.
//!
//! Two annotations with one representation are stored alike, so values
//! flow between them without conversion; where a link joins values of
//! different representations (a single character into a str, an instance
//! of a subclass into a variable of its base class), the graph
//! translation inserts a conversion ([`Rtyper::convert`]).

use annotator::{ClassId, IntKind, IterKind, SomeValue};
use lltype::{Field, TypeId};

use crate::cx::{sanitize, Rtyper};

/// How values of an annotation are represented.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Repr {
    /// No run-time value: `None`, a constant callable, a built-in
    /// function, code never reached.
    Void,
    /// `Bool`.
    Bool,
    /// `Signed`.
    Int,
    /// `Unsigned`.
    Uint,
    /// `Float`.
    Float,
    /// A str of exactly one character: its code point.
    UniChar,
    /// A bytes of exactly one byte.
    Char,
    /// A pointer to `rpy_str` (null for `None`).
    Str,
    /// A pointer to `rpy_bytes`.
    Bytes,
    /// A pointer to the struct of this class (or a subclass); null for
    /// `None`.
    Instance(ClassId),
    /// A class as a value: a pointer to its vtable.
    Class,
    /// One of several functions (or None) as a value: a pointer to a
    /// function with the signature of the family.
    Funcs(Vec<annotator::DescId>),
    /// A list whose length never changes: a pointer to a GC array.
    FixedList(Box<Repr>),
    /// A resizable list: a pointer to `{length, items}`.
    List(Box<Repr>),
    /// A tuple: a pointer to an immutable GC struct of its items.
    Tuple(Vec<Repr>),
    /// A `range` object: a pointer to `{start, stop, step}`.
    Range,
    /// A slice built by `newslice`: a pointer to `{start, stop, step}`,
    /// with `i64::MIN`/`i64::MAX` standing for an omitted start/stop.
    Slice,
    /// An iterator: a pointer to its state.
    Iter(IterRepr),
    /// A dict of keys to values: a pointer to an ordered hash table
    /// (see `dicts.rs`).
    Dict(Box<Repr>, Box<Repr>),
    /// A set: laid out as a dict of its items to nothing.
    Set(Box<Repr>),
    /// A file object: a pointer to `rpy_file`.
    File,
    /// A raw address (`llmemory`): `Address`.
    Address,
    /// A value the rtyper cannot represent yet; using it is an error.
    Unsupported(String),
}

/// What an iterator iterates over, which decides its state.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IterRepr {
    /// The items of a list or str: `{seq, index}`.
    Seq(Box<Repr>),
    /// A range: `{next, stop, step}`.
    Range,
    /// `enumerate(inner)`: `{inner, count}`.
    Enumerate(Box<IterRepr>),
    /// `zip(a, b, ...)`: one inner iterator each.
    Zip(Vec<IterRepr>),
    /// `reversed(list)`: `{seq, index}` counting down.
    Reversed(Box<Repr>),
    /// The keys of a dict (or items of a set) of this representation:
    /// `{dict, index}`, the index walking the entries in insertion order.
    DictKeys(Box<Repr>),
    /// The values of a dict: `{dict, index}`.
    DictValues(Box<Repr>),
    /// The `(key, value)` pairs of a dict: `{dict, index}`.
    DictItems(Box<Repr>),
    /// A generator object of this graph: its resume number and saved
    /// locals (see `generators.rs`).
    Generator(annotator::GraphId),
}

impl Rtyper<'_, '_> {
    /// A representation in the words of a diagnostic: the Python type it
    /// stands for, with class names, never the translator's own ids.
    pub fn describe_repr(&self, r: &Repr) -> String {
        match r {
            Repr::Void => "None".into(),
            Repr::Bool => "bool".into(),
            Repr::Int => "int".into(),
            Repr::Uint => "r_uint".into(),
            Repr::Float => "float".into(),
            Repr::Str => "str".into(),
            Repr::UniChar => "str (of one character)".into(),
            Repr::Bytes => "bytes".into(),
            Repr::Char => "bytes (of one byte)".into(),
            Repr::Instance(c) => format!("an instance of `{}`", self.ann.classes[*c].name),
            Repr::Class => "a class".into(),
            Repr::Funcs(_) => "a function".into(),
            Repr::List(item) => format!("a list of {}", self.describe_repr(item)),
            Repr::FixedList(item) => {
                format!("a list of {} (never resized)", self.describe_repr(item))
            }
            Repr::Tuple(items) => {
                let items: Vec<String> = items.iter().map(|i| self.describe_repr(i)).collect();
                format!("a tuple ({})", items.join(", "))
            }
            Repr::Range => "a range".into(),
            Repr::Slice => "a slice".into(),
            Repr::Iter(_) => "an iterator".into(),
            Repr::Dict(k, v) => format!(
                "a dict of {} to {}",
                self.describe_repr(k),
                self.describe_repr(v)
            ),
            Repr::Set(item) => format!("a set of {}", self.describe_repr(item)),
            Repr::File => "a file".into(),
            Repr::Address => "an address".into(),
            Repr::Unsupported(what) => what.clone(),
        }
    }

    /// Whether values of the representation are pointers (may be null).
    pub fn lltype_is_ptr(&mut self, r: &Repr) -> bool {
        let t = self.lltype(r);
        self.m.types.pointee(t).is_some()
    }

    /// The representation of an annotation.
    pub fn repr_of(&mut self, s: &SomeValue) -> Repr {
        match s {
            SomeValue::Impossible | SomeValue::None => Repr::Void,
            SomeValue::Bool(_) => Repr::Bool,
            SomeValue::Int(i) => match i.kind {
                IntKind::Signed => Repr::Int,
                IntKind::Unsigned => Repr::Uint,
            },
            SomeValue::Float => Repr::Float,
            SomeValue::Str(s) if s.single_char && !s.can_be_none => Repr::UniChar,
            SomeValue::Str(_) => Repr::Str,
            SomeValue::Bytes(s) if s.single_char && !s.can_be_none => Repr::Char,
            SomeValue::Bytes(_) => Repr::Bytes,
            SomeValue::Tuple(items) => Repr::Tuple(items.iter().map(|i| self.repr_of(i)).collect()),
            SomeValue::List(id, _) => {
                let id = self.ann.list(*id);
                let def = self.ann.lists[id].clone();
                let item = Box::new(self.repr_of(&def.item));
                if def.resized {
                    Repr::List(item)
                } else {
                    Repr::FixedList(item)
                }
            }
            SomeValue::Instance(c, _) => Repr::Instance(*c),
            SomeValue::Dict(id, _) | SomeValue::Set(id, _) => self.dict_repr_of(s, *id),
            SomeValue::Pbc(p) => self.pbc_repr(p, s),
            SomeValue::Super(_, recv) => Repr::Instance(*recv),
            SomeValue::Builtin(_) => Repr::Void,
            SomeValue::Range { .. } => Repr::Range,
            SomeValue::Slice => Repr::Slice,
            SomeValue::Iterator(kind, sources) => match self.iter_repr(kind, sources) {
                Some(i) => Repr::Iter(i),
                None => Repr::Unsupported(self.ann.describe(s)),
            },
            SomeValue::BuiltinMethod(_, receiver) => self.repr_of(receiver),
            SomeValue::External(annotator::External::Module(_)) => Repr::Void,
            SomeValue::External(annotator::External::File { .. }) => Repr::File,
            SomeValue::Address => Repr::Address,
        }
    }

    /// The iterator representation of an annotation's kind and sources.
    pub fn iter_repr(&mut self, kind: &IterKind, sources: &[SomeValue]) -> Option<IterRepr> {
        let source = |rt: &mut Self, s: &SomeValue| -> Option<IterRepr> {
            match rt.repr_of(s) {
                r @ (Repr::List(_) | Repr::FixedList(_) | Repr::Str | Repr::Bytes) => {
                    Some(IterRepr::Seq(Box::new(r)))
                }
                // A one-character str is iterated over as a str.
                Repr::UniChar => Some(IterRepr::Seq(Box::new(Repr::Str))),
                Repr::Range => Some(IterRepr::Range),
                Repr::Iter(i) => Some(i),
                r @ (Repr::Dict(..) | Repr::Set(_)) => Some(IterRepr::DictKeys(Box::new(r))),
                _ => None,
            }
        };
        match kind {
            IterKind::Items => source(self, sources.first()?),
            IterKind::Enumerate => Some(IterRepr::Enumerate(Box::new(source(
                self,
                sources.first()?,
            )?))),
            IterKind::Zip => {
                let inner: Option<Vec<IterRepr>> =
                    sources.iter().map(|s| source(self, s)).collect();
                Some(IterRepr::Zip(inner?))
            }
            IterKind::DictValues | IterKind::DictItems => {
                let d = self.repr_of(sources.first()?);
                if !matches!(d, Repr::Dict(..)) {
                    return None;
                }
                Some(if *kind == IterKind::DictValues {
                    IterRepr::DictValues(Box::new(d))
                } else {
                    IterRepr::DictItems(Box::new(d))
                })
            }
            IterKind::Generator(g) => Some(IterRepr::Generator(*g)),
            IterKind::Reversed => match self.repr_of(sources.first()?) {
                r @ (Repr::List(_) | Repr::FixedList(_) | Repr::Str) => {
                    Some(IterRepr::Reversed(Box::new(r)))
                }
                _ => None,
            },
        }
    }

    /// The low-level type of a representation.
    pub fn lltype(&mut self, r: &Repr) -> TypeId {
        let t = &self.t;
        match r {
            Repr::Void | Repr::Unsupported(_) => t.void,
            Repr::Bool => t.bool,
            Repr::Int => t.signed,
            Repr::Uint => t.unsigned,
            Repr::Float => t.float,
            Repr::Address => t.address,
            Repr::UniChar => t.unichar,
            Repr::Char => t.char,
            Repr::Str => t.str_ptr,
            Repr::Bytes => t.bytes_ptr,
            Repr::Class => t.vtable_ptr,
            Repr::Funcs(descs) => {
                let descs = descs.clone();
                self.funcs_signature(&descs).2
            }
            Repr::Instance(c) => match self.classes.get(c) {
                Some(info) => info.ptr,
                None => t.object_ptr,
            },
            Repr::FixedList(item) => {
                let item = self.array_item_type(item);
                let array = self.m.types.array(item, true).expect("a storable item");
                self.m.types.ptr(array).expect("an array")
            }
            Repr::List(item) => {
                let item_ty = self.array_item_type(item);
                let key = format!("list:{}", item_ty.as_u32());
                let s = self.named_struct(&key, "list", |rt| {
                    let array = rt.m.types.array(item_ty, true).expect("a storable item");
                    let items = rt.m.types.ptr(array).expect("an array");
                    vec![
                        Field {
                            name: "length".into(),
                            ty: rt.t.signed,
                        },
                        Field {
                            name: "items".into(),
                            ty: items,
                        },
                    ]
                });
                self.m.types.ptr(s).expect("a struct")
            }
            Repr::Dict(key, value) => self.dict_lltype(key, value),
            Repr::Set(key) => self.dict_lltype(key, &Repr::Void),
            Repr::File => {
                let f = self.file_struct();
                self.m.types.ptr(f).expect("a struct")
            }
            Repr::Range | Repr::Slice => {
                let signed = self.t.signed;
                let key = if *r == Repr::Range { "range" } else { "slice" };
                let s = self.named_struct(key, &format!("rpy_{key}"), |_| {
                    ["start", "stop", "step"]
                        .iter()
                        .map(|n| Field {
                            name: (*n).into(),
                            ty: signed,
                        })
                        .collect()
                });
                self.m.types.ptr(s).expect("a struct")
            }
            Repr::Iter(IterRepr::Generator(g)) => self.generator_lltype(*g),
            Repr::Iter(i) => {
                let i = i.clone();
                let key = format!("iter:{i:?}");
                let signed = self.t.signed;
                let s = self.named_struct(&key, "rpy_iter", |rt| {
                    let field = |name: &str, ty| Field {
                        name: name.into(),
                        ty,
                    };
                    match &i {
                        IterRepr::Seq(seq) | IterRepr::Reversed(seq) => {
                            let t = rt.lltype(seq);
                            vec![field("seq", t), field("index", signed)]
                        }
                        IterRepr::Range => vec![
                            field("next", signed),
                            field("stop", signed),
                            field("step", signed),
                        ],
                        IterRepr::Enumerate(inner) => {
                            let t = rt.lltype(&Repr::Iter((**inner).clone()));
                            vec![field("inner", t), field("count", signed)]
                        }
                        IterRepr::DictKeys(d)
                        | IterRepr::DictValues(d)
                        | IterRepr::DictItems(d) => {
                            // `size`: the dict's size when iteration
                            // began (-1 once a change was reported);
                            // `left`: how many items may still come.
                            let t = rt.lltype(d);
                            vec![
                                field("dict", t),
                                field("index", signed),
                                field("size", signed),
                                field("left", signed),
                            ]
                        }
                        IterRepr::Generator(_) => unreachable!("generators have their own layout"),
                        IterRepr::Zip(inner) => inner
                            .iter()
                            .enumerate()
                            .map(|(k, it)| {
                                let t = rt.lltype(&Repr::Iter(it.clone()));
                                field(&format!("it{k}"), t)
                            })
                            .collect(),
                    }
                });
                self.m.types.ptr(s).expect("a struct")
            }
            Repr::Tuple(items) => {
                let types: Vec<TypeId> = items.iter().map(|i| self.lltype(i)).collect();
                let key = format!(
                    "tuple:{}",
                    types
                        .iter()
                        .map(|t| t.as_u32().to_string())
                        .collect::<Vec<_>>()
                        .join(",")
                );
                let s = self.named_struct(&key, &format!("tuple{}", types.len()), |rt| {
                    types
                        .iter()
                        .enumerate()
                        .filter(|(_, t)| !rt.is_void(**t))
                        .map(|(i, t)| Field {
                            name: format!("item{i}"),
                            ty: *t,
                        })
                        .collect()
                });
                self.m.types.ptr(s).expect("a struct")
            }
        }
    }

    /// The type of the items of an array holding values of `item`: a list
    /// of values without a run-time value (None, one constant function)
    /// still has a length, so its array holds placeholder `Bool`s.
    pub fn array_item_type(&mut self, item: &Repr) -> TypeId {
        let t = self.lltype(item);
        if self.is_void(t) {
            self.t.bool
        } else {
            t
        }
    }

    /// A GC struct made once per key, named from `base`.
    pub(crate) fn named_struct(
        &mut self,
        key: &str,
        base: &str,
        fields: impl FnOnce(&mut Self) -> Vec<Field>,
    ) -> TypeId {
        if let Some(&t) = self.struct_memo.get(key) {
            return t;
        }
        let mut name = sanitize(base);
        let mut n = 1;
        while self.m.types.struct_named(&name).is_some() {
            name = format!("{}_{n}", sanitize(base));
            n += 1;
        }
        let s = self
            .m
            .types
            .declare_struct(&name, true)
            .expect("a fresh name");
        self.struct_memo.insert(key.to_string(), s);
        let fields = fields(self);
        self.m
            .types
            .define_struct(s, fields)
            .expect("storable fields");
        s
    }

    /// Whether a type is `Void`.
    pub fn is_void(&self, t: TypeId) -> bool {
        self.m.types.as_prim(t) == Some(lltype::Prim::Void)
    }
}
