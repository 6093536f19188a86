//! The `os` module (descriptors, environment, process and filesystem
//! basics) and its `os.path` submodule.
//!
//! Descriptors live in the VM's [`FileTable`](crate::host::file::FileTable),
//! so `os.open` numbers are small ints like the real ones but are not the
//! process's own descriptors.

use super::super::args::positional;
use super::super::file::{os_error, strerror_text};
use super::super::object::{Args, NativeFn};
use super::super::value::{ObjRef, PyStr, Value};
use super::super::vm::{PyResult, Vm};

/// Linux's `open(2)` flags.
const O_RDONLY: i64 = 0;
const O_WRONLY: i64 = 0o1;
const O_RDWR: i64 = 0o2;
const O_CREAT: i64 = 0o100;
const O_EXCL: i64 = 0o200;
const O_TRUNC: i64 = 0o1000;
const O_APPEND: i64 = 0o2000;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("write", os_write),
    ("read", os_read),
    ("open", os_open),
    ("close", os_close),
    ("getpid", os_getpid),
    ("getcwd", os_getcwd),
    ("unlink", os_unlink),
    ("remove", os_unlink),
    ("strerror", os_strerror),
    ("listdir", os_listdir),
    ("mkdir", os_mkdir),
    ("rmdir", os_rmdir),
];

const PATH_FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exists", path_exists),
    ("isfile", path_isfile),
    ("isdir", path_isdir),
    ("getsize", path_getsize),
    ("join", path_join),
    ("basename", path_basename),
    ("dirname", path_dirname),
    ("split", path_split),
    ("splitext", path_splitext),
    ("isabs", path_isabs),
    ("abspath", path_abspath),
    ("normpath", path_normpath),
];

/// Builds `os`, registering `os.path` as well.
pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let environ = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        if let (Some(k), Some(v)) = (k.to_str(), v.to_str()) {
            // Str keys always hash.
            let _ = vm.dict_set(&environ, Value::str(k), Value::str(v));
        }
    }
    let path = create_path(vm);
    vm.register_module("os.path", path);
    let values = vec![
        ("environ", environ),
        ("path", Value::Ref(path)),
        ("name", Value::str("posix")),
        ("sep", Value::str("/")),
        ("linesep", Value::str("\n")),
        ("curdir", Value::str(".")),
        ("pardir", Value::str("..")),
        ("O_RDONLY", Value::Int(O_RDONLY)),
        ("O_WRONLY", Value::Int(O_WRONLY)),
        ("O_RDWR", Value::Int(O_RDWR)),
        ("O_CREAT", Value::Int(O_CREAT)),
        ("O_EXCL", Value::Int(O_EXCL)),
        ("O_TRUNC", Value::Int(O_TRUNC)),
        ("O_APPEND", Value::Int(O_APPEND)),
    ];
    super::new_module(vm, "os", FUNCTIONS, values)
}

/// Builds `os.path` (posixpath).
pub(super) fn create_path(vm: &mut Vm) -> ObjRef {
    if let Some(&m) = vm.modules.get(&PyStr::new("os.path")) {
        return m;
    }
    let values = vec![("sep", Value::str("/"))];
    super::new_module(vm, "posixpath", PATH_FUNCTIONS, values)
}

/// An int argument.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_index(v),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// A descriptor argument (fits in an `i32`).
fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let fd = int_arg(vm, v)?;
    i32::try_from(fd).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

/// A path argument: a str.
fn path_arg(vm: &mut Vm, fname: &str, v: &Value) -> PyResult<PyStr> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "{fname}: path should be string, bytes or os.PathLike, not {t}"
            )))
        }
    }
}

/// `os.write(fd, data)`: writes bytes, returns the count.
fn os_write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "write", args, 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let Value::Bytes(data) = &a[1] else {
        let t = vm.type_name(&a[1]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
    };
    if fd == 1 || fd == 2 {
        vm.flush_stdout();
    }
    let n = vm
        .files
        .write(fd, data)
        .map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::Int(n as i64))
}

/// `os.read(fd, n)`: at most `n` bytes; `b''` at end of file.
fn os_read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "read", args, 2, 2)?;
    let fd = fd_arg(vm, &a[0])?;
    let n = int_arg(vm, &a[1])?;
    if n < 0 {
        let e = std::io::Error::from_raw_os_error(22);
        return Err(os_error(vm, &e, None));
    }
    if fd == 0 {
        vm.flush_stdout();
    }
    let data = vm
        .files
        .read(fd, n as usize)
        .map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::bytes(&data))
}

/// `os.open(path, flags, mode=0o777)`: a new descriptor.
fn os_open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "open", args, 2, 3)?;
    let path = path_arg(vm, "open", &a[0])?;
    let flags = int_arg(vm, &a[1])?;
    let mode = match a.get(2) {
        Some(v) => int_arg(vm, v)?,
        None => 0o777,
    };
    let mut opts = std::fs::OpenOptions::new();
    let access = flags & 0o3;
    opts.read(access == O_RDONLY || access == O_RDWR)
        .write(access == O_WRONLY || access == O_RDWR)
        .append(flags & O_APPEND != 0)
        .truncate(flags & O_TRUNC != 0);
    if flags & O_CREAT != 0 && flags & O_EXCL != 0 {
        opts.create_new(true);
    } else {
        opts.create(flags & O_CREAT != 0);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode((mode & 0o7777) as u32);
    }
    #[cfg(not(unix))]
    let _ = mode;
    let file = opts
        .open(path.as_str())
        .map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    Ok(Value::Int(vm.files.insert(file) as i64))
}

fn os_close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "close", args, 1, 1)?;
    let fd = fd_arg(vm, &a[0])?;
    if fd == 1 {
        vm.flush_stdout();
    }
    vm.files.close(fd).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::None)
}

fn os_getpid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getpid", args, 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn os_getcwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    positional(vm, "getcwd", args, 0, 0)?;
    let cwd = std::env::current_dir().map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::string(cwd.display().to_string()))
}

fn os_unlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "unlink", args, 1, 1)?;
    let path = path_arg(vm, "unlink", &a[0])?;
    std::fs::remove_file(path.as_str()).map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    Ok(Value::None)
}

fn os_mkdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "mkdir", args, 1, 2)?;
    let path = path_arg(vm, "mkdir", &a[0])?;
    std::fs::create_dir(path.as_str()).map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    Ok(Value::None)
}

fn os_rmdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "rmdir", args, 1, 1)?;
    let path = path_arg(vm, "rmdir", &a[0])?;
    std::fs::remove_dir(path.as_str()).map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    Ok(Value::None)
}

/// `os.listdir(path='.')`: names in directory order (unsorted, as the OS
/// returns them).
fn os_listdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "listdir", args, 0, 1)?;
    let path = match a.first() {
        Some(v) => path_arg(vm, "listdir", v)?,
        None => PyStr::new("."),
    };
    let entries =
        std::fs::read_dir(path.as_str()).map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
        names.push(Value::string(
            entry.file_name().to_string_lossy().into_owned(),
        ));
    }
    Ok(vm.new_list(names))
}

fn os_strerror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "strerror", args, 1, 1)?;
    let code = int_arg(vm, &a[0])?;
    let code = i32::try_from(code).unwrap_or(i32::MAX);
    let e = std::io::Error::from_raw_os_error(code);
    Ok(Value::string(strerror_text(&e)))
}

// ---- os.path ------------------------------------------------------------

fn one_path(vm: &mut Vm, fname: &str, args: Args) -> PyResult<PyStr> {
    let a = positional(vm, fname, args, 1, 1)?;
    path_arg(vm, fname, &a[0])
}

fn path_exists(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "exists", args)?;
    Ok(Value::Bool(std::fs::metadata(p.as_str()).is_ok()))
}

fn path_isfile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "isfile", args)?;
    Ok(Value::Bool(
        std::fs::metadata(p.as_str()).is_ok_and(|m| m.is_file()),
    ))
}

fn path_isdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "isdir", args)?;
    Ok(Value::Bool(
        std::fs::metadata(p.as_str()).is_ok_and(|m| m.is_dir()),
    ))
}

fn path_getsize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "getsize", args)?;
    let m = std::fs::metadata(p.as_str()).map_err(|e| os_error(vm, &e, Some(p.as_str())))?;
    Ok(Value::Int(m.len() as i64))
}

fn path_isabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "isabs", args)?;
    Ok(Value::Bool(p.starts_with('/')))
}

fn path_join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = positional(vm, "join", args, 1, usize::MAX)?;
    let mut parts = Vec::with_capacity(a.len());
    for v in &a {
        parts.push(path_arg(vm, "join", v)?);
    }
    let parts: Vec<&str> = parts.iter().map(|p| p.as_str()).collect();
    Ok(Value::string(join(&parts)))
}

fn path_basename(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "basename", args)?;
    Ok(Value::str(split(&p).1))
}

fn path_dirname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "dirname", args)?;
    Ok(Value::str(split(&p).0))
}

fn path_split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "split", args)?;
    let (head, tail) = split(&p);
    Ok(Value::tuple(vec![Value::str(head), Value::str(tail)]))
}

fn path_splitext(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "splitext", args)?;
    let (root, ext) = splitext(&p);
    Ok(Value::tuple(vec![Value::str(root), Value::str(ext)]))
}

fn path_normpath(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "normpath", args)?;
    Ok(Value::string(normpath(&p)))
}

fn path_abspath(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, "abspath", args)?;
    if p.starts_with('/') {
        return Ok(Value::string(normpath(&p)));
    }
    let cwd = std::env::current_dir().map_err(|e| os_error(vm, &e, None))?;
    let cwd = cwd.display().to_string();
    Ok(Value::string(normpath(&join(&[&cwd, &p]))))
}

/// `posixpath.join`.
fn join(parts: &[&str]) -> String {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if part.starts_with('/') {
            out.clear();
        } else if i > 0 && !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(part);
    }
    out
}

/// `posixpath.split`: (head, tail) around the last slash; the head loses
/// its trailing slashes unless it is all slashes.
fn split(p: &str) -> (&str, &str) {
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let trimmed = head.trim_end_matches('/');
    (if trimmed.is_empty() { head } else { trimmed }, tail)
}

/// `posixpath.splitext`: the extension starts at the last dot of the last
/// component, unless that component is only dots before it.
fn splitext(p: &str) -> (&str, &str) {
    let name_start = p.rfind('/').map_or(0, |i| i + 1);
    if let Some(dot) = p.rfind('.') {
        if dot > name_start && p[name_start..dot].chars().any(|c| c != '.') {
            return p.split_at(dot);
        }
    }
    (p, "")
}

/// `posixpath.normpath`: collapses `.`, `..` and repeated slashes.
fn normpath(p: &str) -> String {
    if p.is_empty() {
        return ".".to_owned();
    }
    let initial = if p.starts_with("//") && !p.starts_with("///") {
        "//"
    } else if p.starts_with('/') {
        "/"
    } else {
        ""
    };
    let mut comps: Vec<&str> = Vec::new();
    for c in p.split('/') {
        match c {
            "" | "." => {}
            ".." if !initial.is_empty() && comps.is_empty() => {}
            ".." if comps.last().is_some_and(|l| *l != "..") => {
                comps.pop();
            }
            _ => comps.push(c),
        }
    }
    let out = format!("{initial}{}", comps.join("/"));
    if out.is_empty() {
        ".".to_owned()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_posixpath() {
        assert_eq!(join(&["a", "b"]), "a/b");
        assert_eq!(join(&["a/", "b"]), "a/b");
        assert_eq!(join(&["a", "/b", "c"]), "/b/c");
        assert_eq!(join(&["", "b"]), "b");
        assert_eq!(join(&["a", ""]), "a/");
    }

    #[test]
    fn splits_like_posixpath() {
        assert_eq!(split("/a/b"), ("/a", "b"));
        assert_eq!(split("/a"), ("/", "a"));
        assert_eq!(split("a"), ("", "a"));
        assert_eq!(split("a//b/"), ("a//b", ""));
        assert_eq!(split("//x"), ("//", "x"));
        assert_eq!(splitext("a/b.txt"), ("a/b", ".txt"));
        assert_eq!(splitext(".bashrc"), (".bashrc", ""));
        assert_eq!(splitext("a.b/c"), ("a.b/c", ""));
        assert_eq!(splitext("x.tar.gz"), ("x.tar", ".gz"));
    }

    #[test]
    fn normalises_like_posixpath() {
        assert_eq!(normpath("a/./b/../c"), "a/c");
        assert_eq!(normpath("/../a"), "/a");
        assert_eq!(normpath("../a"), "../a");
        assert_eq!(normpath("a/.."), ".");
        assert_eq!(normpath("//a//b"), "//a/b");
        assert_eq!(normpath("///a"), "/a");
    }
}
