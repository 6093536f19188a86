//! The prebuilt globals as C static initialisers, in a unit of their own.
//!
//! Every global is defined once here and declared `extern` in the shared
//! header, so globals may point to each other in any order, and a change
//! to a prebuilt constant recompiles this unit only. Initialisers use
//! designated members (`.next = &g_node2`), so a reader can match them to
//! the struct definitions; members that are zero are left out, as C
//! zeroes them. A pointer to a global seen as an ancestor is the address
//! of its first-field chain (`&g_sub.super`), an address constant.
//!
//! Varsize globals (arrays, strings) rely on a GNU C extension that GCC
//! and Clang share: a flexible array member of a static object may be
//! initialised, and the object is then as large as its items. Only the
//! outermost container may have items: a varsize struct nested in
//! another one (an inherited varsize parent) must be empty, or
//! [`EmitError::Unsupported`] is returned.

use std::fmt::Write;

use lltype::{Init, Type, TypeId};

use crate::database::{bytes_literal, Database};
use crate::function::comment_text;
use crate::header::HEADER_NAME;
use crate::EmitError;

/// The name of the globals' unit.
pub const GLOBALS_NAME: &str = "globals.c";

/// Writes the unit defining every global.
pub fn write_globals(db: &Database) -> Result<String, EmitError> {
    let mut out = String::new();
    out.push_str("/* The prebuilt globals of a translated program: generated, do not edit. */\n");
    let _ = writeln!(out, "#include \"{HEADER_NAME}\"\n");
    for (g, global) in db.m.globals.iter() {
        let decl = db.declare(global.ty, db.global_name(g));
        let note = if global.immutable { " immutable" } else { "" };
        let _ = writeln!(out, "/* @{}{note} */", comment_text(&global.name));
        match &global.init {
            Init::Zero => {
                let _ = writeln!(out, "{decl};");
            }
            init => {
                let text = Initialiser {
                    db,
                    global: &global.name,
                }
                .init(global.ty, init, false)?;
                let _ = writeln!(out, "{decl} = {text};");
            }
        }
    }
    Ok(out)
}

/// Renders the initialiser of one global.
struct Initialiser<'a> {
    db: &'a Database<'a>,
    global: &'a str,
}

impl Initialiser<'_> {
    /// The initialiser of a part of type `ty`; `nested` when the part is
    /// inside another container (where flexible arrays must be empty).
    fn init(&self, ty: TypeId, init: &Init, nested: bool) -> Result<String, EmitError> {
        let types = &self.db.m.types;
        match (init, types.get(ty)) {
            (Init::Zero, Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. }) => {
                Ok("{0}".into())
            }
            (Init::Zero, _) => Ok("0".into()),
            (Init::Value(c), _) => Ok(match types.pointee(ty) {
                Some(to) => match &c.value {
                    lltype::ConstValue::Global(g) => self.db.global_address(*g, to),
                    _ => self.db.constant(c),
                },
                None => self.db.constant(c),
            }),
            (Init::Struct(items), Type::Struct(s)) => {
                let names = self.db.struct_names(ty);
                let mut members = Vec::new();
                for (i, (field, item)) in s.fields.iter().zip(items).enumerate() {
                    let member = &names.fields[i];
                    if let Type::Array { item: item_ty, .. } = types.get(field.ty) {
                        let length = names.array_length.as_deref().expect("a trailing array");
                        self.flat_array(member, length, *item_ty, item, nested, &mut members)?;
                        continue;
                    }
                    if *item == Init::Zero {
                        continue;
                    }
                    let text = self.init(field.ty, item, true)?;
                    members.push(format!(".{member} = {text}"));
                }
                Ok(braces(&members))
            }
            (_, Type::Array { item, .. }) => {
                let mut members = Vec::new();
                self.flat_array("items", "length", *item, init, nested, &mut members)?;
                Ok(braces(&members))
            }
            (Init::Array(items), Type::FixedArray { item, .. }) => {
                let items = self.items(*item, items)?;
                Ok(format!("{{ .items = {} }}", braces(&items)))
            }
            (Init::Bytes(bytes), Type::FixedArray { .. }) => {
                Ok(format!("{{ .items = {} }}", bytes_literal(bytes)))
            }
            _ => unreachable!("a verified initialiser"),
        }
    }

    /// The length and items of an array ending a container: `.length = 3,
    /// .items = { 1, 2, 3 }`.
    fn flat_array(
        &self,
        items_member: &str,
        length_member: &str,
        item: TypeId,
        init: &Init,
        nested: bool,
        members: &mut Vec<String>,
    ) -> Result<(), EmitError> {
        let (length, items) = match init {
            Init::Zero => (0, None),
            Init::Bytes(bytes) => (bytes.len(), Some(bytes_literal(bytes))),
            Init::Array(items) => (items.len(), Some(braces(&self.items(item, items)?))),
            _ => unreachable!("a verified array initialiser"),
        };
        if length == 0 {
            return Ok(());
        }
        if nested {
            return Err(EmitError::Unsupported(format!(
                "global @{}: the items of a varsize struct nested in another container",
                self.global
            )));
        }
        members.push(format!(".{length_member} = {length}"));
        members.push(format!(".{items_member} = {}", items.expect("some items")));
        Ok(())
    }

    fn items(&self, item: TypeId, items: &[Init]) -> Result<Vec<String>, EmitError> {
        items.iter().map(|i| self.init(item, i, true)).collect()
    }
}

/// `{ a, b }`, or `{0}` when empty (an empty initialiser is not ISO C).
fn braces(parts: &[String]) -> String {
    if parts.is_empty() {
        "{0}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}
