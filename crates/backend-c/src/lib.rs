//! `backend-c`: a verified low-level module as a C program, and its build.
//!
//! [`emit`] writes the C in two phases (STYLE.md, "Emit in two phases"):
//! the database (`database.rs`) first names every type, struct member,
//! global and function with one namer, then each function is written with
//! a per-function context. The program is split into files so that the C
//! compiler redoes as little as possible after an edit: one shared header
//! (types, prototypes, `extern` globals — nothing that a function body
//! changes), one `.c` per compilation unit of the module
//! ([`lltype::Function::unit`]), one `.c` for the globals' initialisers,
//! the `main` glue, and the hand-written runtime, which implements every
//! entry of [`lltype::EXTERNALS`] with libc and libm only.
//!
//! [`build()`] compiles the units in parallel with the system C compiler,
//! caching each object by a hash of everything that determines it, and
//! links a standalone executable.
//!
//! What this backend requires of a module beyond [`lltype::verify()`]:
//! exceptions lowered (no `catch`/`raise` exits), external functions taken
//! from the table with its signatures, and an entry function `func() ->
//! Signed` whose result becomes the exit status.

#![deny(missing_docs)]

mod build;
mod database;
mod function;
mod globals;
mod header;
mod namer;
mod ops;

use std::fmt::Write;

use lltype::{Body, Module, ModuleInfo, Prim, Type};

pub use build::{build, default_cache_dir, BuildError, BuildOptions, BuildReport, Progress};

use database::Database;
use header::HEADER_NAME;

/// The runtime's header, included by every generated file.
pub const RUNTIME_HEADER: &str = include_str!("runtime/rpy_runtime.h");
/// The runtime's implementation of the external functions.
pub const RUNTIME_SOURCE: &str = include_str!("runtime/rpy_runtime.c");

/// How to emit.
#[derive(Clone, Debug)]
pub struct Options {
    /// Check at run time what the graphs promise: `debug_assert` aborts
    /// with its message, and reaching an `unreachable` exit is a fatal
    /// error instead of undefined behaviour.
    pub debug_checks: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options { debug_checks: true }
    }
}

/// What kind of file a [`CFile`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CFileKind {
    /// A header, included by sources.
    Header,
    /// A source file, compiled to one object.
    Source,
}

/// One file of a C program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CFile {
    /// Its name, relative to the build directory.
    pub name: String,
    /// Header or source.
    pub kind: CFileKind,
    /// Its text.
    pub text: String,
}

/// A whole C program: headers and sources, the runtime included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CProgram {
    /// Every file, headers first.
    pub files: Vec<CFile>,
}

impl CProgram {
    /// The file with this name.
    pub fn file(&self, name: &str) -> Option<&CFile> {
        self.files.iter().find(|f| f.name == name)
    }

    /// The source files, each compiled on its own.
    pub fn sources(&self) -> impl Iterator<Item = &CFile> {
        self.files.iter().filter(|f| f.kind == CFileKind::Source)
    }

    /// The generated files without the runtime: what a reviewer reads.
    pub fn generated(&self) -> impl Iterator<Item = &CFile> {
        self.files
            .iter()
            .filter(|f| !f.name.starts_with("rpy_runtime."))
    }
}

/// Why a module cannot be written as C.
#[derive(Debug, thiserror::Error)]
pub enum EmitError {
    /// A graph still raises or catches exceptions.
    #[error("the exception transform has not run: graphs still raise or catch exceptions")]
    ExceptionsNotLowered,
    /// An external function the runtime does not provide: not in the
    /// table, or declared with another signature.
    #[error("extern func {name}: {reason}")]
    BadExternal {
        /// The function.
        name: String,
        /// What is wrong, from [`lltype::check_external`].
        reason: String,
    },
    /// The module names no entry function.
    #[error("the module has no entry function")]
    NoEntry,
    /// The entry function does not take nothing and return `Signed`.
    #[error("the entry function {name} is `{found}`, not `func() -> Signed`")]
    EntrySignature {
        /// The entry function.
        name: String,
        /// Its signature.
        found: String,
    },
    /// Something valid in lltype that this backend cannot write yet.
    #[error("not supported by the C backend: {0}")]
    Unsupported(String),
}

/// Writes the C program of a verified module.
pub fn emit(module: &Module, info: &ModuleInfo, options: &Options) -> Result<CProgram, EmitError> {
    check_module(module, info)?;
    let db = Database::collect(module, info)?;
    let mut files = vec![
        CFile {
            name: "rpy_runtime.h".into(),
            kind: CFileKind::Header,
            text: RUNTIME_HEADER.into(),
        },
        CFile {
            name: HEADER_NAME.into(),
            kind: CFileKind::Header,
            text: header::write_header(&db)?,
        },
        CFile {
            name: "rpy_runtime.c".into(),
            kind: CFileKind::Source,
            text: RUNTIME_SOURCE.into(),
        },
        CFile {
            name: globals::GLOBALS_NAME.into(),
            kind: CFileKind::Source,
            text: globals::write_globals(&db)?,
        },
        CFile {
            name: "main.c".into(),
            kind: CFileKind::Source,
            text: write_main(&db),
        },
    ];
    files.extend(write_units(&db, options));
    Ok(CProgram { files })
}

/// Refuses what this backend cannot translate.
fn check_module(m: &Module, info: &ModuleInfo) -> Result<(), EmitError> {
    if !info.exceptions_lowered {
        return Err(EmitError::ExceptionsNotLowered);
    }
    for (id, f) in m.functions.iter() {
        if f.body == Body::External {
            lltype::check_external(m, id).map_err(|reason| EmitError::BadExternal {
                name: f.name.clone(),
                reason,
            })?;
        }
    }
    let entry = m.entry.ok_or(EmitError::NoEntry)?;
    let func = &m.functions[entry];
    let ok = match m.types.get(func.ty) {
        Type::Func { params, result } => {
            params.is_empty() && m.types.as_prim(*result) == Some(Prim::Signed)
        }
        _ => false,
    };
    if !ok || func.body == Body::External {
        return Err(EmitError::EntrySignature {
            name: func.name.clone(),
            found: m.types.display(func.ty),
        });
    }
    Ok(())
}

/// One source file per compilation unit of the module, named after it.
/// Within a unit, functions follow the module's order, so a unit's text
/// does not depend on what the other units contain.
fn write_units(db: &Database, options: &Options) -> Vec<CFile> {
    let m = db.m;
    let mut units: Vec<(&str, Vec<lltype::FuncId>)> = Vec::new();
    for &f in &db.reachable {
        if m.functions[f].body == Body::External {
            continue;
        }
        let unit = m.functions[f].unit.as_str();
        match units.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, funcs)) => funcs.push(f),
            None => units.push((unit, vec![f])),
        }
    }
    units.sort_by(|a, b| a.0.cmp(b.0));
    let mut file_names = FileNames::default();
    units
        .into_iter()
        .map(|(unit, funcs)| {
            let name = file_names.fresh(unit);
            let mut text = String::new();
            let _ = writeln!(
                text,
                "/* Unit {}: generated, do not edit. */",
                function::comment_text(&format!("{unit:?}"))
            );
            let _ = writeln!(text, "#include \"{HEADER_NAME}\"");
            for f in funcs {
                let Body::Graph(g) = &m.functions[f].body else {
                    unreachable!("externals are skipped")
                };
                text.push('\n');
                function::write_function(db, f, g, options, &mut text);
            }
            CFile {
                name,
                kind: CFileKind::Source,
                text,
            }
        })
        .collect()
}

/// Names the source files of units: readable, distinct even on a file
/// system that ignores case, and clear of the fixed files.
#[derive(Default)]
struct FileNames {
    taken: std::collections::HashSet<String>,
}

impl FileNames {
    fn fresh(&mut self, unit: &str) -> String {
        if self.taken.is_empty() {
            for fixed in ["main", "globals", "rpy_runtime", "rpy_module"] {
                self.taken.insert(fixed.into());
            }
        }
        let mut stem: String = unit
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '_' | '-' | '.' => c,
                _ => '_',
            })
            .collect();
        if stem.is_empty() || stem.starts_with('.') || stem.starts_with('-') {
            stem.insert_str(0, "unit");
        }
        let mut name = stem.clone();
        let mut i = 1;
        while !self.taken.insert(name.to_lowercase()) {
            name = format!("{stem}_{i}");
            i += 1;
        }
        format!("{name}.c")
    }
}

/// The C `main`: hands the arguments to the runtime, calls the entry
/// function and returns its result as the exit status; and the hook the
/// runtime calls before a fatal error (the module's `on_fatal`, which
/// writes out the program's buffered output).
fn write_main(db: &Database) -> String {
    let entry = db.m.entry.expect("checked");
    let mut out = String::new();
    out.push_str("/* The entry glue of a translated program: generated, do not edit. */\n");
    let _ = writeln!(out, "#include \"{HEADER_NAME}\"\n");
    // The runtime calls this before dying of a fatal error.
    out.push_str("void rpy_before_fatal(void)\n{\n");
    if let Some(f) = db.m.on_fatal {
        let _ = writeln!(out, "    {}();", db.function_name(f));
    }
    out.push_str("}\n\n");
    out.push_str("int main(int argc, char **argv)\n{\n");
    out.push_str("    rpy_startup(argc, argv);\n");
    let _ = writeln!(out, "    return (int){}();", db.function_name(entry));
    out.push_str("}\n");
    out
}
