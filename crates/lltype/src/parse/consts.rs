//! Constants and initialisers: the literals the printer writes, each
//! with the type it has by default, and the initialisers of globals,
//! whose bare constants take their type from their place.
//!
//! A constant is printed bare when its literal says its type and as
//! `literal:Type` otherwise, so reading one means reading the literal,
//! then the `:Type` suffix if any, else taking the default. Inside an
//! initialiser the field or item type is known, so there the printer
//! never writes a suffix and the place gives the type.

use super::lex::{Token, TokenKind};
use super::{error_at, type_error, ParseError, Parser};
use crate::module::{ConstValue, Constant, Init, Symbolic};
use crate::types::{Prim, Type, TypeId};

/// The type a constant's literal gives it when neither a `:Type` suffix
/// nor its place says one.
enum DefaultType {
    Prim(Prim),
    /// A pointer to this container (`@g`, `&f`).
    PtrTo(TypeId),
    /// `null` says no type.
    Untyped,
}

impl Parser<'_, '_> {
    /// A constant: a literal, then `:Type` unless its type is `context`
    /// (in an initialiser) or the literal's default.
    pub(super) fn parse_constant(
        &mut self,
        context: Option<TypeId>,
    ) -> Result<Constant, ParseError> {
        let tok = self.peek().clone();
        let (value, default) = self.literal()?;
        let ty = if self.eat_punct(":").is_some() {
            self.parse_type()?
        } else if let Some(ty) = context {
            ty
        } else {
            match default {
                DefaultType::Prim(p) => self.module.types.prim(p),
                DefaultType::PtrTo(to) => {
                    self.module.types.ptr(to).map_err(|e| type_error(&tok, e))?
                }
                DefaultType::Untyped => {
                    let message = "`null` needs its type here: write `null:T`".into();
                    return Err(error_at(&tok, message));
                }
            }
        };
        Ok(Constant::new(value, ty))
    }

    /// A constant's literal, with the type it has by default.
    fn literal(&mut self) -> Result<(ConstValue, DefaultType), ParseError> {
        use DefaultType::Prim as P;
        let tok = self.peek().clone();
        if self.at_end() {
            return Err(self.unexpected("a constant"));
        }
        let found = match &tok.kind {
            TokenKind::Int(i) => (ConstValue::Int(*i), P(Prim::Signed)),
            TokenKind::Float(bits) => (ConstValue::Float(*bits), P(Prim::Float)),
            TokenKind::Char(c) => (ConstValue::Int(i128::from(*c)), P(Prim::Char)),
            TokenKind::Name(n) => (ConstValue::Name(n.clone()), P(Prim::Void)),
            TokenKind::GlobalRef(name) => {
                let Some(g) = self.module.global_named(name) else {
                    return Err(error_at(&tok, format!("unknown global `@{name}`")));
                };
                let to = self.module.globals[g].ty;
                (ConstValue::Global(g), DefaultType::PtrTo(to))
            }
            TokenKind::FuncRef(name) => {
                let Some(f) = self.module.function_named(name) else {
                    return Err(error_at(&tok, format!("unknown function `&{name}`")));
                };
                let to = self.module.functions[f].ty;
                (ConstValue::Func(f), DefaultType::PtrTo(to))
            }
            TokenKind::Ident(word) => match word.as_str() {
                "true" | "false" => (ConstValue::Bool(word == "true"), P(Prim::Bool)),
                "void" => (ConstValue::Void, P(Prim::Void)),
                "null" => (ConstValue::Null, DefaultType::Untyped),
                "inf" => (ConstValue::Float(f64::INFINITY.to_bits()), P(Prim::Float)),
                "nan" => {
                    self.next();
                    return Ok((ConstValue::Float(self.nan_bits()?), P(Prim::Float)));
                }
                "sizeof" | "offsetof" | "itemsoffset" | "itemsize" | "lengthoffset" => {
                    self.next();
                    let symbolic = self.symbolic(word)?;
                    return Ok((ConstValue::Symbolic(symbolic), P(Prim::Signed)));
                }
                _ => return Err(self.unexpected("a constant")),
            },
            _ => return Err(self.unexpected("a constant")),
        };
        self.next();
        Ok(found)
    }

    /// The bits of a NaN after `nan`: the default NaN, or `(0x...)`.
    fn nan_bits(&mut self) -> Result<u64, ParseError> {
        if self.eat_punct("(").is_none() {
            return Ok(f64::NAN.to_bits());
        }
        let tok = self.peek().clone();
        let bits = match tok.kind {
            TokenKind::Int(i) if !self.at_end() => u64::try_from(i).ok(),
            _ => None,
        };
        let Some(bits) = bits.filter(|b| f64::from_bits(*b).is_nan()) else {
            return Err(error_at(&tok, "expected the bits of a NaN, `0x...`".into()));
        };
        self.next();
        self.expect_punct(")")?;
        Ok(bits)
    }

    /// The rest of `sizeof(T)`, `offsetof(T, field)`, `itemsoffset(T)`,
    /// `itemsize(T)` or `lengthoffset(T)`.
    fn symbolic(&mut self, word: &str) -> Result<Symbolic, ParseError> {
        self.expect_punct("(")?;
        let type_tok = self.peek().clone();
        let ty = self.parse_type()?;
        let symbolic = match word {
            "sizeof" => Symbolic::SizeOf(ty),
            "itemsoffset" => Symbolic::ItemsOffset(ty),
            "itemsize" => Symbolic::ItemSize(ty),
            "lengthoffset" => Symbolic::LengthOffset(ty),
            _ => {
                self.expect_punct(",")?;
                let (field, field_tok) = self.expect_ident("a field name")?;
                let Some(s) = self.module.types.as_struct(ty) else {
                    let message = format!("`offsetof` takes a struct, not {}", self.display(ty));
                    return Err(error_at(&type_tok, message));
                };
                if s.field_index(&field).is_none() {
                    let message = format!("struct `{}` has no field `{field}`", s.name);
                    return Err(error_at(&field_tok, message));
                }
                Symbolic::OffsetOf(ty, field)
            }
        };
        self.expect_punct(")")?;
        Ok(symbolic)
    }

    /// The initialiser of a global container or a part of one, of type
    /// `ty`: `zero`, a string, `{ field: init, ... }`, `[init, ...]`, or a
    /// constant (whose type is `ty` unless it says another).
    pub(super) fn parse_init(&mut self, ty: TypeId) -> Result<Init, ParseError> {
        let tok = self.peek().clone();
        if self.at_end() {
            return Err(self.unexpected("an initialiser"));
        }
        match &tok.kind {
            TokenKind::Ident(w) if w == "zero" => {
                self.next();
                Ok(Init::Zero)
            }
            TokenKind::Str(bytes) => {
                self.next();
                Ok(Init::Bytes(bytes.clone()))
            }
            TokenKind::Punct("{") => self.struct_init(ty, &tok),
            TokenKind::Punct("[") => self.array_init(ty, &tok),
            _ => Ok(Init::Value(self.parse_constant(Some(ty))?)),
        }
    }

    /// `{ field: init, ... }`, naming every field of the struct in order.
    fn struct_init(&mut self, ty: TypeId, open: &Token) -> Result<Init, ParseError> {
        let Some(s) = self.module.types.as_struct(ty) else {
            let message = format!(
                "`{{` starts a struct, but the type here is {}",
                self.display(ty)
            );
            return Err(error_at(open, message));
        };
        let (struct_name, fields) = (s.name.clone(), s.fields.clone());
        self.next();
        let mut inits = Vec::new();
        let close = loop {
            if let Some(close) = self.eat_punct("}") {
                break close;
            }
            let (name, tok) = self.expect_ident("a field name")?;
            let field = match fields.get(inits.len()) {
                Some(field) if field.name == name => field,
                Some(field) => {
                    let message = format!(
                        "expected field `{}` of struct `{struct_name}`, found `{name}`",
                        field.name
                    );
                    return Err(error_at(&tok, message));
                }
                None => {
                    let message = format!("struct `{struct_name}` has no more fields");
                    return Err(error_at(&tok, message));
                }
            };
            self.expect_punct(":")?;
            inits.push(self.parse_init(field.ty)?);
            if let Some(close) = self.after_list_item("}")? {
                break close;
            }
        };
        if let Some(missing) = fields.get(inits.len()) {
            let message = format!("missing field `{}` of struct `{struct_name}`", missing.name);
            return Err(error_at(&close, message));
        }
        Ok(Init::Struct(inits))
    }

    /// `[init, ...]`, for an array or fixed-size array.
    fn array_init(&mut self, ty: TypeId, open: &Token) -> Result<Init, ParseError> {
        let item = match self.module.types.get(ty) {
            Type::Array { item, .. } | Type::FixedArray { item, .. } => *item,
            _ => {
                let message = format!(
                    "`[` starts an array, but the type here is {}",
                    self.display(ty)
                );
                return Err(error_at(open, message));
            }
        };
        self.next();
        let mut items = Vec::new();
        while self.eat_punct("]").is_none() {
            items.push(self.parse_init(item)?);
            if self.after_list_item("]")?.is_some() {
                break;
            }
        }
        Ok(Init::Array(items))
    }
}
