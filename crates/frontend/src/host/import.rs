//! `import` at import time: finding, compiling and running modules.
//!
//! Modules are searched in `vm.search_path` (the target's directory, then
//! `lib/`, then `lib/stdlib/`, which holds pure-Python versions of standard
//! modules such as `inspect` and `collections`); `sys`, `os`, `math` and
//! `time` are built in. A module that fails
//! to parse or compile leaves its diagnostic in `vm.pending_diagnostic` and
//! raises ImportError, so the driver can show the real problem.

use super::exec::run_to_return;
use super::interp::{Frame, Namespace};
use super::object::Object;
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `ImportName` instruction.
pub fn import_name(
    vm: &mut Vm,
    current: ObjRef,
    name: &PyStr,
    level: u32,
    fromlist: &Value,
) -> PyResult<Value> {
    let absolute = resolve_name(vm, current, name, level)?;
    let module = import_module(vm, &absolute)?;
    if fromlist.is_none() && level == 0 {
        let top = absolute.split('.').next().unwrap_or(&absolute);
        let top = vm.loaded_module(top).unwrap_or(module);
        return Ok(Value::Ref(top));
    }
    Ok(Value::Ref(module))
}

/// The `ImportFrom` instruction: an attribute, or else a submodule.
pub fn import_from(vm: &mut Vm, module: &Value, name: &PyStr) -> PyResult<Value> {
    if let Some(m) = module.as_ref() {
        if let Object::Module(md) = vm.heap.get(m) {
            let module_name = md.name.clone();
            if let Some(v) = vm.module_get(m, name) {
                return Ok(v);
            }
            let full = format!("{}.{}", module_name.as_str(), name.as_str());
            let is_package = vm.module_has(m, "__path__");
            if is_package {
                return import_module(vm, &full).map(Value::Ref);
            }
            let cls = vm.types.import_error;
            let msg = format!(
                "cannot import name '{}' from '{}'",
                name.as_str(),
                module_name.as_str()
            );
            return Err(vm.new_exception(cls, &msg));
        }
    }
    vm.getattr(module, name)
}

/// The `ImportStar` instruction: copies public names into `target`.
pub fn import_star(vm: &mut Vm, target: ObjRef, module: &Value) -> PyResult<()> {
    let Some(m) = module
        .as_ref()
        .filter(|&r| matches!(vm.heap.get(r), Object::Module(_)))
    else {
        return Ok(());
    };
    let names: Vec<(PyStr, Value)> = match vm.module_get(m, "__all__") {
        Some(all @ (Value::Tuple(_) | Value::Ref(_))) => {
            let mut names = Vec::new();
            for n in vm.collect(&all)? {
                let n = vm.to_pystr(&n, "__all__ item")?;
                match vm.module_get(m, &n) {
                    Some(v) => names.push((n, v)),
                    None => {
                        let module_name = vm.module_name(m);
                        return Err(vm.attribute_error(format!(
                            "module '{}' has no attribute '{}'",
                            module_name.as_str(),
                            n.as_str()
                        )));
                    }
                }
            }
            names
        }
        _ => vm
            .module_items(m)
            .into_iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .collect(),
    };
    for (k, v) in names {
        vm.module_set(target, &k, v);
    }
    Ok(())
}

/// Turns a possibly relative module name into an absolute one.
fn resolve_name(vm: &mut Vm, current: ObjRef, name: &PyStr, level: u32) -> PyResult<String> {
    if level == 0 {
        return Ok(name.to_string());
    }
    let package = match vm.module_get(current, "__package__") {
        Some(Value::Str(p)) => p.to_string(),
        _ => String::new(),
    };
    let mut parts: Vec<&str> = if package.is_empty() {
        Vec::new()
    } else {
        package.split('.').collect()
    };
    for _ in 1..level {
        parts.pop();
    }
    if parts.is_empty() {
        let cls = vm.types.import_error;
        return Err(vm.new_exception(
            cls,
            "attempted relative import with no known parent package",
        ));
    }
    let mut base = parts.join(".");
    if !name.is_empty() {
        base.push('.');
        base.push_str(name);
    }
    Ok(base)
}

/// Imports a module by absolute dotted name (importing its parents first).
pub fn import_module(vm: &mut Vm, name: &str) -> PyResult<ObjRef> {
    if let Some(m) = vm.loaded_module(name) {
        return Ok(m);
    }
    let (parent, search_dirs) = match name.rsplit_once('.') {
        Some((parent_name, _)) => {
            let parent = import_module(vm, parent_name)?;
            // Importing the parent may have registered this module already
            // (`os` registers `os.path`).
            if let Some(m) = vm.loaded_module(name) {
                return Ok(m);
            }
            let dirs = match vm.module_get(parent, "__path__") {
                Some(Value::Str(p)) => vec![PathBuf::from(p.as_str())],
                _ => Vec::new(),
            };
            (Some(parent), dirs)
        }
        None => {
            if let Some(m) = vm.builtin_module(name) {
                return Ok(m);
            }
            (None, vm.search_path.clone())
        }
    };
    let last = name.rsplit('.').next().unwrap_or(name);
    let Some((path, package_dir)) = find_module(vm, &search_dirs, last) else {
        let cls = vm.types.module_not_found_error;
        return Err(vm.new_exception(cls, &format!("No module named '{name}'")));
    };
    let module = load_source_module(vm, name, &path, package_dir)?;
    if let Some(parent) = parent {
        vm.module_set(parent, &PyStr::new(last), Value::Ref(module));
    }
    Ok(module)
}

/// `name.py`, or `name/__init__.py` (a package), in the first directory
/// that has one.
fn find_module(vm: &Vm, dirs: &[PathBuf], name: &str) -> Option<(PathBuf, Option<PathBuf>)> {
    let exists = |p: &Path| vm.preloaded.contains_key(p) || p.is_file();
    for dir in dirs {
        let file = dir.join(format!("{name}.py"));
        if exists(&file) {
            return Some((file, None));
        }
        let package = dir.join(name);
        let init = package.join("__init__.py");
        if exists(&init) {
            return Some((init, Some(package)));
        }
    }
    None
}

/// Reads, compiles and runs a source module, registering it under `name`
/// before its body runs (so circular imports see the partial module).
pub fn load_source_module(
    vm: &mut Vm,
    name: &str,
    path: &Path,
    package_dir: Option<PathBuf>,
) -> PyResult<ObjRef> {
    let code = match compile_file(vm, name, path) {
        Ok(code) => code,
        Err(diag) => {
            vm.pending_diagnostic.get_or_insert(diag);
            let cls = vm.types.import_error;
            return Err(vm.new_exception(cls, &format!("cannot compile module '{name}'")));
        }
    };
    let file = vm.sources.find(path);
    let doc = code.doc.clone().map_or(Value::None, Value::Str);
    let mut dict = vec![
        (PyStr::new("__name__"), Value::str(name)),
        (PyStr::new("__doc__"), doc),
        (
            PyStr::new("__file__"),
            Value::string(path.display().to_string()),
        ),
    ];
    let package = match &package_dir {
        Some(_) => name.to_string(),
        None => name
            .rsplit_once('.')
            .map_or(String::new(), |(p, _)| p.to_string()),
    };
    dict.push((PyStr::new("__package__"), Value::string(package)));
    if let Some(dir) = &package_dir {
        dict.push((
            PyStr::new("__path__"),
            Value::string(dir.display().to_string()),
        ));
    }
    dict.push((PyStr::new("__builtins__"), Value::Ref(vm.builtins)));
    let module = vm.new_module_object(name, dict, file);
    vm.register_module(name, module);
    let mut frame = Frame::new(code, module, Namespace::Module(module), Vec::new());
    match run_to_return(vm, &mut frame) {
        Ok(_) => Ok(module),
        Err(e) => {
            vm.unregister_module(name);
            Err(e)
        }
    }
}

/// Reads and compiles a file, registering its text in `vm.sources`.
pub fn compile_file(
    vm: &mut Vm,
    name: &str,
    path: &Path,
) -> Result<Arc<crate::bytecode::CodeObject>, Diagnostic> {
    if let Some(pre) = vm.preloaded.get(path).cloned() {
        vm.sources.insert(pre.file, path.to_path_buf(), pre.text);
        return pre.code;
    }
    let text = std::fs::read_to_string(path)
        .map_err(|e| Diagnostic::error(format!("cannot read {}: {e}", path.display())))?;
    let file = vm.sources.add(path.to_path_buf(), Arc::from(text.as_str()));
    let ast = crate::parse::parse_module(file, &text)?;
    crate::compile::compile_module(file, name, &ast)
}
