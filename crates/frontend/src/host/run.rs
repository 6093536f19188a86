//! Loading a target program and running it untranslated (`rpy run`).
//!
//! The target module is imported under its own name (not `__main__`), as
//! the translator imports it, so the `if __name__ == "__main__":` block does
//! not run; the entry point is then called with `argv`, exactly what the
//! translated program will do.

use super::import::load_source_module;
use super::object::{Args, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{Exc, Vm};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};

/// Why a program could not be loaded or did not finish normally.
#[derive(Debug)]
pub enum RunError {
    /// A mistake found before running (syntax, missing file, ...).
    Diagnostic(Diagnostic),
    /// A Python exception nobody caught.
    Exception(Exc),
}

/// The module name of a target file: its file stem.
pub fn module_name_of(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "main".to_string(), |s| s.to_string_lossy().into_owned())
}

/// Sets up the search path (the target's directory, then `lib_dirs`, then
/// the `stdlib/` directory of each: the pure-Python standard modules, see
/// `lib/stdlib`) and imports the target module.
pub fn load_program(vm: &mut Vm, path: &Path, lib_dirs: &[PathBuf]) -> Result<ObjRef, RunError> {
    if !path.is_file() && !vm.preloaded.contains_key(path) {
        return Err(RunError::Diagnostic(Diagnostic::error(format!(
            "no such file: {}",
            path.display()
        ))));
    }
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    let stdlib_dirs = lib_dirs
        .iter()
        .map(|d| d.join("stdlib"))
        .filter(|d| d.is_dir());
    vm.search_path = std::iter::once(dir)
        .chain(lib_dirs.iter().cloned())
        .chain(stdlib_dirs)
        .collect();
    let name = module_name_of(path);
    match load_source_module(vm, &name, path, None) {
        Ok(m) => Ok(m),
        Err(e) => Err(match vm.pending_diagnostic.take() {
            Some(d) => RunError::Diagnostic(d),
            None => RunError::Exception(e),
        }),
    }
}

/// The entry point of a loaded target: `target(*args)` returning the entry
/// point (or a tuple starting with it), else `entry_point`, else `main`.
pub fn find_entry_point(vm: &mut Vm, module: ObjRef) -> Result<Value, RunError> {
    let lookup = |vm: &Vm, name: &str| vm.module_get(module, name);
    if let Some(target) = lookup(vm, "target") {
        let result = vm
            .call(&target, Args::default())
            .map_err(RunError::Exception)?;
        return Ok(match result {
            Value::Tuple(items) if !items.is_empty() => items[0].clone(),
            other => other,
        });
    }
    for name in ["entry_point", "main"] {
        if let Some(f) = lookup(vm, name) {
            return Ok(f);
        }
    }
    let file = match vm.heap.get(module) {
        Object::Module(m) => m.file,
        _ => None,
    };
    let mut d = Diagnostic::error("the target defines no entry point").with_note(
        "define `entry_point(argv)`, `main(argv)`, or `target(*args)` returning the entry point",
    );
    if let Some(f) = file {
        d = d.at(crate::source::Span::new(f, 0, 0), "in this module");
    }
    Err(RunError::Diagnostic(d))
}

/// The entry point as a Python function object: what translation starts
/// from.
pub fn find_entry_function(vm: &mut Vm, module: ObjRef) -> Result<ObjRef, RunError> {
    match find_entry_point(vm, module)? {
        Value::Ref(f) if matches!(vm.heap.get(f), Object::Function(_)) => Ok(f),
        _ => Err(RunError::Diagnostic(Diagnostic::error(
            "the entry point is not a Python function",
        ))),
    }
}

/// The diagnostic a user sees for a failed load or run.
pub fn run_error_diagnostic(vm: &mut Vm, err: RunError) -> Diagnostic {
    match err {
        RunError::Diagnostic(d) => d,
        RunError::Exception(e) => exception_diagnostic(vm, &e),
    }
}

/// Runs a program untranslated: imports it, calls its entry point with
/// `argv`, and returns the exit status. Uncaught exceptions are printed
/// like CPython's tracebacks (on stderr) and give status 1.
pub fn run_program(
    path: &Path,
    argv: Vec<String>,
    lib_dirs: &[PathBuf],
) -> Result<i32, Box<(Vm, RunError)>> {
    let mut vm = Vm::new(argv.clone());
    let outcome = load_program(&mut vm, path, lib_dirs).and_then(|m| {
        let entry = find_entry_point(&mut vm, m)?;
        let argv_list = argv.iter().map(|a| Value::str(a)).collect();
        let argv_list = vm.new_list(argv_list);
        vm.call(&entry, Args::new(vec![argv_list]))
            .map_err(RunError::Exception)
    });
    let status = match outcome {
        Ok(Value::Int(status)) => status as i32,
        Ok(Value::Bool(b)) => b as i32,
        Ok(Value::None) => 0,
        Ok(_) => 1,
        Err(RunError::Exception(e)) => match exit_status_of(&mut vm, &e) {
            Some(status) => status,
            None => {
                vm.flush_stdout();
                eprint!("{}", format_traceback(&mut vm, &e));
                1
            }
        },
        Err(err) => {
            vm.flush_stdout();
            return Err(Box::new((vm, err)));
        }
    };
    vm.flush_stdout();
    Ok(status)
}

/// The status of a `SystemExit`, or `None` for any other exception.
pub fn exit_status_of(vm: &mut Vm, e: &Exc) -> Option<i32> {
    let system_exit = Value::Ref(vm.types.system_exit);
    if !vm.exc_match(e.value(), &system_exit).unwrap_or(false) {
        return None;
    }
    let code = vm
        .getattr(e.value(), &PyStr::new("code"))
        .unwrap_or(Value::None);
    Some(match code {
        Value::None => 0,
        Value::Int(i) => i as i32,
        Value::Bool(b) => b as i32,
        other => {
            let text = vm.str(&other).map(|s| s.to_string()).unwrap_or_default();
            vm.flush_stdout();
            eprintln!("{text}");
            1
        }
    })
}

/// `TypeName: message` for an exception.
pub fn describe_exception(vm: &mut Vm, e: &Exc) -> String {
    let cls = vm.type_of(e.value());
    let name = match vm.heap.get(cls) {
        Object::Class(c) => c.name.to_string(),
        _ => "Exception".to_string(),
    };
    let msg = vm.str(e.value()).map(|s| s.to_string()).unwrap_or_default();
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// A CPython-style traceback (outermost call first).
pub fn format_traceback(vm: &mut Vm, e: &Exc) -> String {
    let mut out = String::from("Traceback (most recent call last):\n");
    for span in e.0.traceback.iter().rev() {
        let f = vm.sources.get(span.file);
        let (line, _) = f.line_col(span.start);
        out.push_str(&format!("  File \"{}\", line {}\n", f.path.display(), line));
        let range = f.line_range(line);
        if let Some(text) = f.text.get(range) {
            out.push_str(&format!("    {}\n", text.trim()));
        }
    }
    out.push_str(&describe_exception(vm, e));
    out.push('\n');
    out
}

/// A diagnostic for an exception that escaped import-time code: where it
/// was raised, and the chain of calls that led there.
pub fn exception_diagnostic(vm: &mut Vm, e: &Exc) -> Diagnostic {
    let mut d = Diagnostic::error(format!(
        "exception raised at import time: {}",
        describe_exception(vm, e)
    ));
    let mut spans = e.0.traceback.iter();
    if let Some(&innermost) = spans.next() {
        d = d.at(innermost, "raised here");
    }
    // Runs of the same call site (a recursion) are told once, with their
    // count, as CPython's traceback says "[Previous line repeated N more
    // times]".
    let mut runs: Vec<(_, usize)> = Vec::new();
    for &span in spans {
        match runs.last_mut() {
            Some((last, n)) if *last == span => *n += 1,
            _ => runs.push((span, 1)),
        }
    }
    let mut labelled = Vec::new();
    for &(span, _) in &runs {
        if !labelled.contains(&span) {
            labelled.push(span);
            d = d.with_label(span, "called from here");
        }
    }
    if !runs.is_empty() {
        let chain: Vec<String> = runs
            .iter()
            .map(|&(s, n)| match n {
                1 => vm.sources.describe(s),
                n => format!("{} ({n} times in a row)", vm.sources.describe(s)),
            })
            .collect();
        d = d.with_note(format!("called from {}", chain.join(", called from ")));
    }
    d
}
