//! The first phase of emission: every type, struct member, global and
//! function of the module gets its C name, before any C is written.
//!
//! Naming everything up front with one [`Namer`] is what keeps the second
//! phase simple: a function body, a static initialiser or a struct
//! definition only looks names up, so every file spells each entity the
//! same way, and the names do not depend on the order files are written
//! in. The [`Database`] also answers the questions every writer asks:
//! how a type is spelt in C, how a constant is written, where the items
//! and the length of a varsize container live.
//!
//! Layout: a struct is a C struct whose members are its fields, in
//! order, so first-field inheritance is C's "a pointer to a struct may be
//! converted to a pointer to its first member". An array is `struct {
//! int64_t length; T items[]; }`; a fixed-size array is `struct { T
//! items[N]; }` (a struct, so it can be assigned and pointed to like any
//! container). A struct ending in an array is flattened: the array's
//! length becomes a member of its own just before a C flexible array
//! member, so no struct with a flexible array is ever nested inside
//! another struct (which ISO C forbids and GCC cannot initialise
//! statically).

use std::collections::HashMap;

use lltype::{
    Body, ConstValue, Constant, FuncId, GlobalId, IntWidth, Module, ModuleInfo, Prim, Symbolic,
    Type, TypeId,
};

use crate::namer::Namer;
use crate::EmitError;

/// The C names of one struct's members.
#[derive(Debug, Clone)]
pub struct StructNames {
    /// One member per field, in field order.
    pub fields: Vec<String>,
    /// The member holding the length of a trailing inline array.
    pub array_length: Option<String>,
}

/// Where the items and the length of a varsize container are.
#[derive(Debug, Clone)]
pub struct VarsizeParts {
    /// The member designator of the flexible array (`items`, `chars`,
    /// `inner.chars`).
    pub items: String,
    /// The member designator of the stored length.
    pub length: String,
    /// The item type.
    pub item: TypeId,
}

/// Every name of the module, and how to spell things in C.
pub struct Database<'m> {
    /// The module being emitted.
    pub m: &'m Module,
    /// File-scope identifiers; each function names its locals in a child.
    pub namer: Namer<'static>,
    /// The typedef name of every container and function type.
    type_names: HashMap<TypeId, String>,
    /// The members of every struct.
    structs: HashMap<TypeId, StructNames>,
    /// Every global's C name.
    globals: HashMap<GlobalId, String>,
    /// Every emitted function's C name (externals keep their table name).
    functions: HashMap<FuncId, String>,
    /// The functions emitted: the reachable ones.
    pub reachable: Vec<FuncId>,
}

impl<'m> Database<'m> {
    /// Names everything the module contains.
    pub fn collect(m: &'m Module, info: &ModuleInfo) -> Result<Database<'m>, EmitError> {
        let mut namer = Namer::new();
        let mut reachable = info.reachable.clone();
        reachable.sort();
        // Externals first: their names are fixed by the runtime.
        let mut functions = HashMap::new();
        for &f in &reachable {
            let func = &m.functions[f];
            if func.body == Body::External {
                functions.insert(f, namer.claim(&func.name));
            }
        }
        let mut type_names = HashMap::new();
        let mut structs = HashMap::new();
        for (id, ty) in m.types.iter() {
            match ty {
                Type::Prim(_) | Type::Ptr(_) => {}
                Type::Struct(s) => {
                    type_names.insert(id, namer.fresh(&s.name));
                    structs.insert(id, name_members(m, id));
                }
                _ => {
                    type_names.insert(id, namer.fresh(&short_name(m, id)));
                }
            }
        }
        for &f in &reachable {
            let func = &m.functions[f];
            if func.body != Body::External {
                functions.insert(f, namer.fresh(&format!("f_{}", func.name)));
            }
        }
        let globals = m
            .globals
            .iter()
            .map(|(id, g)| (id, namer.fresh(&format!("g_{}", g.name))))
            .collect();
        Ok(Database {
            m,
            namer,
            type_names,
            structs,
            globals,
            functions,
            reachable,
        })
    }

    /// The C name of a container or function type.
    pub fn type_name(&self, ty: TypeId) -> &str {
        &self.type_names[&ty]
    }

    /// The members of a struct.
    pub fn struct_names(&self, ty: TypeId) -> &StructNames {
        &self.structs[&ty]
    }

    /// The C name of a global.
    pub fn global_name(&self, g: GlobalId) -> &str {
        &self.globals[&g]
    }

    /// The C name of a reachable function.
    pub fn function_name(&self, f: FuncId) -> &str {
        &self.functions[&f]
    }

    /// Whether a value of this type exists at run time (`Void` does not:
    /// its variables, parameters and arguments disappear in C).
    pub fn is_void(&self, ty: TypeId) -> bool {
        self.m.types.as_prim(ty) == Some(Prim::Void)
    }

    /// How a type is spelt in C where a value of it is declared.
    pub fn c_type(&self, ty: TypeId) -> String {
        match self.m.types.get(ty) {
            Type::Prim(p) => prim_c_type(*p).to_string(),
            Type::Ptr(to) => match self.m.types.get(*to) {
                // A function pointer typedef is already a pointer.
                Type::Func { .. } => self.type_names[to].clone(),
                _ => format!("{} *", self.type_names[to]),
            },
            _ => self.type_names[&ty].clone(),
        }
    }

    /// A declaration of `name` with type `ty`: `int64_t x`, `Node *p`.
    pub fn declare(&self, ty: TypeId, name: &str) -> String {
        let t = self.c_type(ty);
        if t.ends_with('*') {
            format!("{t}{name}")
        } else {
            format!("{t} {name}")
        }
    }

    /// The parameter and result types of a function type, without the
    /// `Void` parameters C does not see.
    pub fn c_signature(&self, func_ty: TypeId) -> (Vec<TypeId>, TypeId) {
        let Type::Func { params, result } = self.m.types.get(func_ty) else {
            panic!("a function whose type is not a function type");
        };
        let params = params
            .iter()
            .copied()
            .filter(|p| !self.is_void(*p))
            .collect();
        (params, *result)
    }

    /// The items and length of a varsize container.
    pub fn varsize_parts(&self, ty: TypeId) -> Option<VarsizeParts> {
        match self.m.types.get(ty) {
            Type::Array { item, .. } => Some(VarsizeParts {
                items: "items".into(),
                length: "length".into(),
                item: *item,
            }),
            Type::Struct(s) => {
                let last = s.fields.last()?;
                let names = &self.structs[&ty];
                let member = names.fields.last()?;
                match self.m.types.get(last.ty) {
                    Type::Array { item, .. } => Some(VarsizeParts {
                        items: member.clone(),
                        length: names.array_length.clone()?,
                        item: *item,
                    }),
                    Type::Struct(_) => {
                        let inner = self.varsize_parts(last.ty)?;
                        Some(VarsizeParts {
                            items: format!("{member}.{}", inner.items),
                            length: format!("{member}.{}", inner.length),
                            item: inner.item,
                        })
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A layout quantity as a C constant expression of type `int64_t`.
    pub fn symbolic(&self, s: &Symbolic) -> String {
        let types = &self.m.types;
        match s {
            Symbolic::SizeOf(t) => format!("(int64_t)sizeof({})", self.type_name(*t)),
            Symbolic::OffsetOf(t, f) => {
                let s = types.as_struct(*t).expect("a verified struct");
                let i = s.field_index(f).expect("a verified field");
                let names = &self.structs[t];
                // An inline array starts with its length.
                let member = match (&names.array_length, i + 1 == s.fields.len()) {
                    (Some(len), true) => len,
                    _ => &names.fields[i],
                };
                format!("(int64_t)offsetof({}, {member})", self.type_name(*t))
            }
            Symbolic::ItemsOffset(t) => {
                let parts = self.varsize_parts(*t).expect("a verified varsize type");
                format!("(int64_t)offsetof({}, {})", self.type_name(*t), parts.items)
            }
            Symbolic::ItemSize(t) => {
                let parts = self.varsize_parts(*t).expect("a verified varsize type");
                format!("(int64_t)sizeof({})", self.c_type(parts.item))
            }
            Symbolic::LengthOffset(t) => {
                let parts = self.varsize_parts(*t).expect("a verified varsize type");
                format!(
                    "(int64_t)offsetof({}, {})",
                    self.type_name(*t),
                    parts.length
                )
            }
        }
    }

    /// A constant as a C expression of its type.
    pub fn constant(&self, c: &Constant) -> String {
        match &c.value {
            ConstValue::Void | ConstValue::Name(_) => "/* void */".into(),
            ConstValue::Bool(b) => if *b { "true" } else { "false" }.into(),
            ConstValue::Int(i) => {
                let p = self.m.types.as_prim(c.ty).expect("a verified integer");
                int_literal(*i, p)
            }
            ConstValue::Float(bits) => float_literal(*bits),
            ConstValue::Symbolic(s) => self.symbolic(s),
            // A null address is a `char *`, so that address arithmetic on
            // it stays on `char *` rather than `void *`.
            ConstValue::Null if self.m.types.as_prim(c.ty) == Some(Prim::Address) => {
                "((char *)0)".into()
            }
            ConstValue::Null => "NULL".into(),
            ConstValue::Global(g) => match self.m.types.pointee(c.ty) {
                Some(to) => self.global_address(*g, to),
                // An address constant.
                None => format!("((char *)&{})", self.globals[g]),
            },
            ConstValue::Func(f) => self.functions[f].clone(),
        }
    }

    /// The address of global `g` seen as a pointer to `to`, its own type
    /// or an ancestor: `&g_x`, or `&g_x.super` through first fields (an
    /// address constant, so it also serves in static initialisers).
    pub fn global_address(&self, g: GlobalId, to: TypeId) -> String {
        let mut expr = format!("&{}", self.globals[&g]);
        let mut here = self.m.globals[g].ty;
        while here != to {
            match self.m.types.parent(here) {
                Some(parent) => {
                    expr.push('.');
                    expr.push_str(&self.structs[&here].fields[0]);
                    here = parent;
                }
                None => {
                    // The verifier allows nothing else; keep the C valid.
                    return format!("(({} *)&{})", self.type_name(to), self.globals[&g]);
                }
            }
        }
        expr
    }
}

/// The C spelling of a primitive.
pub fn prim_c_type(p: Prim) -> &'static str {
    match p {
        Prim::Void => "void",
        Prim::Bool => "bool",
        Prim::Signed => "int64_t",
        Prim::Unsigned => "uint64_t",
        Prim::Int(w, signed) => match (w, signed) {
            (IntWidth::W8, true) => "int8_t",
            (IntWidth::W16, true) => "int16_t",
            (IntWidth::W32, true) => "int32_t",
            (IntWidth::W64, true) => "int64_t",
            (IntWidth::W8, false) => "uint8_t",
            (IntWidth::W16, false) => "uint16_t",
            (IntWidth::W32, false) => "uint32_t",
            (IntWidth::W64, false) => "uint64_t",
        },
        Prim::Float => "double",
        Prim::Char => "unsigned char",
        Prim::UniChar => "uint32_t",
        Prim::Address => "char *",
    }
}

/// Names the members of a struct, in a scope of their own.
fn name_members(m: &Module, id: TypeId) -> StructNames {
    let s = m.types.as_struct(id).expect("a struct");
    let mut scope = Namer::new();
    let fields: Vec<String> = s.fields.iter().map(|f| scope.fresh(&f.name)).collect();
    let trailing_array = s
        .fields
        .last()
        .is_some_and(|f| matches!(m.types.get(f.ty), Type::Array { .. }));
    let array_length = trailing_array.then(|| {
        let last = fields.last().expect("a last field");
        scope.fresh(&format!("{last}_length"))
    });
    StructNames {
        fields,
        array_length,
    }
}

/// A readable suggestion for the typedef name of a structural type:
/// `GcArray_Char`, `Fixed4_Signed`, `Fn_Signed_Ptr_Node__Bool`.
fn short_name(m: &Module, id: TypeId) -> String {
    match m.types.get(id) {
        Type::Prim(p) => p.name(),
        Type::Struct(s) => s.name.clone(),
        Type::Array { item, gc } => {
            let gc = if *gc { "Gc" } else { "" };
            format!("{gc}Array_{}", short_name(m, *item))
        }
        Type::FixedArray { item, len } => format!("Fixed{len}_{}", short_name(m, *item)),
        Type::Func { params, result } => {
            let mut name = String::from("Fn");
            for p in params {
                name.push('_');
                name.push_str(&short_name(m, *p));
            }
            name.push_str("__");
            name.push_str(&short_name(m, *result));
            if name.len() > 48 {
                // Long signatures would make unreadable names; a number
                // from the type's id is as good.
                name = format!("Fn{}", id.as_u32());
            }
            name
        }
        Type::Opaque(name) => format!("Opaque_{name}"),
        Type::Ptr(to) => format!("Ptr_{}", short_name(m, *to)),
    }
}

/// An integer constant of a primitive type, as C reads it with that
/// type (or one that converts to it without change).
pub fn int_literal(i: i128, p: Prim) -> String {
    match p {
        Prim::Signed | Prim::Int(IntWidth::W64, true) => {
            if i == i64::MIN as i128 {
                "INT64_MIN".into()
            } else if (i32::MIN as i128..=i32::MAX as i128).contains(&i) {
                paren_negative(i.to_string())
            } else {
                format!("INT64_C({i})")
            }
        }
        Prim::Unsigned | Prim::Int(IntWidth::W64, false) => format!("UINT64_C({i})"),
        Prim::Int(IntWidth::W32, false) => format!("UINT32_C({i})"),
        Prim::Int(IntWidth::W32, true) if i == i32::MIN as i128 => "INT32_MIN".into(),
        Prim::Char if (0x20..0x7f).contains(&i) => match i as u8 {
            b'\'' => "'\\''".into(),
            b'\\' => "'\\\\'".into(),
            c => format!("'{}'", c as char),
        },
        Prim::Bool => if i != 0 { "true" } else { "false" }.into(),
        _ => paren_negative(i.to_string()),
    }
}

fn paren_negative(s: String) -> String {
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s
    }
}

/// A float constant, exactly: the shortest decimal that reads back as
/// the same double, or a builtin for infinities and NaNs.
pub fn float_literal(bits: u64) -> String {
    let f = f64::from_bits(bits);
    let sign = if bits >> 63 == 1 { "-" } else { "" };
    if f.is_nan() {
        let quiet = bits & (1 << 51) != 0;
        let payload = bits & ((1 << 51) - 1);
        let builtin = if quiet {
            "__builtin_nan"
        } else {
            "__builtin_nans"
        };
        let payload = if payload == 0 {
            String::new()
        } else {
            format!("0x{payload:x}")
        };
        format!("({sign}{builtin}(\"{payload}\"))")
    } else if f.is_infinite() {
        format!("({sign}__builtin_inf())")
    } else {
        paren_negative(format!("{f:?}"))
    }
}

/// A C string literal of arbitrary bytes: printable ASCII as itself,
/// everything else as a three-digit octal escape (never a hex escape,
/// which would swallow following hex digits).
pub fn bytes_literal(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'?' => out.push_str("\\?"),
            b'\n' => out.push_str("\\n"),
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03o}")),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_keep_their_values_and_types() {
        assert_eq!(int_literal(-5, Prim::Signed), "(-5)");
        assert_eq!(int_literal(1 << 40, Prim::Signed), "INT64_C(1099511627776)");
        assert_eq!(int_literal(i64::MIN as i128, Prim::Signed), "INT64_MIN");
        assert_eq!(int_literal(7, Prim::Unsigned), "UINT64_C(7)");
        assert_eq!(int_literal(b'a' as i128, Prim::Char), "'a'");
        assert_eq!(int_literal(200, Prim::Char), "200");
        assert_eq!(float_literal(1.5f64.to_bits()), "1.5");
        assert_eq!(float_literal((-0.0f64).to_bits()), "(-0.0)");
        assert_eq!(float_literal(1e300f64.to_bits()), "1e300");
        assert_eq!(float_literal(f64::INFINITY.to_bits()), "(__builtin_inf())");
        assert_eq!(float_literal(f64::NAN.to_bits()), "(__builtin_nan(\"\"))");
        assert_eq!(bytes_literal(b"a\"\x01?2\n"), "\"a\\\"\\001\\?2\\n\"");
    }
}
