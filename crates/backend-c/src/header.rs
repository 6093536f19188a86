//! The shared header every generated `.c` file includes.
//!
//! It holds, in this order: a forward typedef of every container type
//! (so pointers to any container can be written anywhere after), the
//! function pointer typedefs, the struct definitions in dependency order
//! (a struct is defined after every container it holds by value; pointers
//! need only the forward typedefs), the prototypes of the functions, and
//! `extern` declarations of the globals. Its text depends only on the
//! module's types, signatures and global names, never on function bodies,
//! so editing a body leaves it — and every other unit's object — unchanged.

use std::collections::HashMap;
use std::fmt::Write;

use lltype::{Body, Type, TypeId};

use crate::database::Database;
use crate::EmitError;

/// The name of the shared header.
pub const HEADER_NAME: &str = "rpy_module.h";

/// Writes the shared header.
pub fn write_header(db: &Database) -> Result<String, EmitError> {
    let m = db.m;
    let mut out = String::new();
    out.push_str("/* The shared header of a translated program: generated, do not edit. */\n");
    out.push_str("#ifndef RPY_MODULE_H\n#define RPY_MODULE_H\n\n#include \"rpy_runtime.h\"\n\n");

    out.push_str("/* Containers, declared so that pointers to them can be written anywhere. */\n");
    for (id, ty) in m.types.iter() {
        if matches!(
            ty,
            Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. } | Type::Opaque(_)
        ) {
            let name = db.type_name(id);
            let _ = writeln!(out, "typedef struct {name} {name};");
        }
    }

    let funcs = func_types_in_order(db);
    if !funcs.is_empty() {
        out.push_str("\n/* Function pointer types. */\n");
    }
    for id in funcs {
        let (params, result) = db.c_signature(id);
        let _ = writeln!(
            out,
            "typedef {} (*{})({});",
            db.c_type(result),
            db.type_name(id),
            param_list(db, &params)
        );
    }

    out.push_str("\n/* Container layouts, each after the containers it holds by value. */\n");
    for id in structs_in_order(db)? {
        write_definition(db, id, &mut out)?;
    }

    out.push_str("\n/* Functions. */\n");
    for &f in &db.reachable {
        let func = &m.functions[f];
        if func.body == Body::External {
            // Declared by rpy_runtime.h.
            continue;
        }
        let (params, result) = db.c_signature(func.ty);
        let _ = writeln!(
            out,
            "{}({});",
            db.declare(result, db.function_name(f)),
            param_list(db, &params)
        );
    }

    if !m.globals.is_empty() {
        out.push_str("\n/* Prebuilt globals, defined in globals.c. */\n");
    }
    for (g, global) in m.globals.iter() {
        let _ = writeln!(out, "extern {};", db.declare(global.ty, db.global_name(g)));
    }
    out.push_str("\n#endif /* RPY_MODULE_H */\n");
    Ok(out)
}

/// A prototype's parameter types: `int64_t, Node *`, or `void`.
pub fn param_list(db: &Database, params: &[TypeId]) -> String {
    if params.is_empty() {
        return "void".into();
    }
    let types: Vec<String> = params.iter().map(|p| db.c_type(*p)).collect();
    types.join(", ")
}

/// Function types, each after the function types its signature names
/// (a parameter may itself be a function pointer).
fn func_types_in_order(db: &Database) -> Vec<TypeId> {
    let m = db.m;
    let mut done = HashMap::new();
    let mut order = Vec::new();
    fn visit(db: &Database, id: TypeId, done: &mut HashMap<TypeId, ()>, order: &mut Vec<TypeId>) {
        if done.insert(id, ()).is_some() {
            return;
        }
        if let Type::Func { params, result } = db.m.types.get(id) {
            for t in params.iter().chain([result]) {
                if let Some(to) = db.m.types.pointee(*t) {
                    if matches!(db.m.types.get(to), Type::Func { .. }) {
                        visit(db, to, done, order);
                    }
                }
            }
            order.push(id);
        }
    }
    for (id, ty) in m.types.iter() {
        if matches!(ty, Type::Func { .. }) {
            visit(db, id, &mut done, &mut order);
        }
    }
    order
}

/// The containers a container holds by value.
fn value_dependencies(db: &Database, id: TypeId) -> Vec<TypeId> {
    let types = &db.m.types;
    let held = |t: TypeId| -> Vec<TypeId> {
        match types.get(t) {
            Type::Struct(_) | Type::FixedArray { .. } => vec![t],
            // A trailing inline array is flattened: its items are held.
            Type::Array { item, .. } => match types.get(*item) {
                Type::Struct(_) | Type::FixedArray { .. } => vec![*item],
                _ => vec![],
            },
            _ => vec![],
        }
    };
    match types.get(id) {
        Type::Struct(s) => s.fields.iter().flat_map(|f| held(f.ty)).collect(),
        Type::Array { item, .. } | Type::FixedArray { item, .. } => held(*item),
        _ => vec![],
    }
}

/// The containers with a definition, each after its value dependencies.
fn structs_in_order(db: &Database) -> Result<Vec<TypeId>, EmitError> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Visiting,
        Done,
    }
    fn visit(
        db: &Database,
        id: TypeId,
        marks: &mut HashMap<TypeId, Mark>,
        order: &mut Vec<TypeId>,
    ) -> Result<(), EmitError> {
        match marks.get(&id) {
            Some(Mark::Done) => return Ok(()),
            Some(Mark::Visiting) => {
                return Err(EmitError::Unsupported(format!(
                    "{} contains itself by value",
                    db.m.types.display(id)
                )))
            }
            None => {}
        }
        marks.insert(id, Mark::Visiting);
        for dep in value_dependencies(db, id) {
            visit(db, dep, marks, order)?;
        }
        marks.insert(id, Mark::Done);
        order.push(id);
        Ok(())
    }
    let mut marks = HashMap::new();
    let mut order = Vec::new();
    for (id, ty) in db.m.types.iter() {
        if matches!(
            ty,
            Type::Struct(_) | Type::Array { .. } | Type::FixedArray { .. }
        ) {
            visit(db, id, &mut marks, &mut order)?;
        }
    }
    Ok(order)
}

/// One `struct X { ... };`.
fn write_definition(db: &Database, id: TypeId, out: &mut String) -> Result<(), EmitError> {
    let types = &db.m.types;
    let name = db.type_name(id);
    match types.get(id) {
        Type::Struct(s) => {
            let names = db.struct_names(id);
            let gc = if s.gc { " /* gc */" } else { "" };
            let _ = writeln!(out, "struct {name} {{{gc}");
            for (i, (field, member)) in s.fields.iter().zip(&names.fields).enumerate() {
                let last = i + 1 == s.fields.len();
                match types.get(field.ty) {
                    Type::Array { item, .. } => {
                        let length = names.array_length.as_deref().expect("a trailing array");
                        let _ = writeln!(out, "    int64_t {length};");
                        let _ = writeln!(out, "    {};", db.declare(*item, &format!("{member}[]")));
                    }
                    Type::Struct(_) if types.is_varsize(field.ty) && !last => {
                        return Err(EmitError::Unsupported(format!(
                            "field `{}` of {}: a varsize struct inlined before the last field",
                            field.name, s.name
                        )));
                    }
                    _ => {
                        let _ = writeln!(out, "    {};", db.declare(field.ty, member));
                    }
                }
            }
            out.push_str("};\n");
        }
        Type::Array { item, gc } => {
            let gc = if *gc { " /* gc */" } else { "" };
            let _ = writeln!(
                out,
                "struct {name} {{{gc} int64_t length; {}; }};",
                db.declare(*item, "items[]")
            );
        }
        Type::FixedArray { item, len } => {
            let _ = writeln!(
                out,
                "struct {name} {{ {}; }};",
                db.declare(*item, &format!("items[{len}]"))
            );
        }
        _ => {}
    }
    Ok(())
}
