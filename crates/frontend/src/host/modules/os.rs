//! The `os` module: raw descriptor I/O (`open`, `read`, `write`,
//! `close`), the environment, `getpid`, file removal, and a minimal
//! `os.path`.

use super::new_module;
use crate::host::file::{read_fd, write_fd};
use crate::host::modules::support::{
    check_arity, expect_int, expect_str, os_error, type_error, type_name,
};
use crate::host::object::Args;
use crate::host::value::{ObjRef, PyStr, Value};
use crate::host::vm::{PyResult, Vm};
use std::os::unix::fs::OpenOptionsExt;

const O_RDONLY: i64 = 0;
const O_WRONLY: i64 = 1;
const O_RDWR: i64 = 2;
const O_CREAT: i64 = 0o100;
const O_EXCL: i64 = 0o200;
const O_TRUNC: i64 = 0o1000;
const O_APPEND: i64 = 0o2000;

pub(super) fn create(vm: &mut Vm) -> ObjRef {
    let environ = vm.new_dict();
    for (k, v) in std::env::vars_os() {
        let (Some(k), Some(v)) = (k.to_str(), v.to_str()) else {
            continue;
        };
        // A failing insert into a fresh dict of str keys cannot happen;
        // skip the variable if it does.
        let _ = vm.setitem(&environ, &Value::str(k), Value::str(v));
    }
    let path = create_path(vm);
    new_module(
        vm,
        "os",
        &[
            ("write", write),
            ("read", read),
            ("open", open),
            ("close", close),
            ("getpid", getpid),
            ("unlink", unlink),
            ("remove", unlink),
            ("strerror", strerror),
            ("getcwd", getcwd),
        ],
        vec![
            ("O_RDONLY", Value::Int(O_RDONLY)),
            ("O_WRONLY", Value::Int(O_WRONLY)),
            ("O_RDWR", Value::Int(O_RDWR)),
            ("O_CREAT", Value::Int(O_CREAT)),
            ("O_EXCL", Value::Int(O_EXCL)),
            ("O_TRUNC", Value::Int(O_TRUNC)),
            ("O_APPEND", Value::Int(O_APPEND)),
            ("environ", environ),
            ("path", Value::Ref(path)),
            ("sep", Value::str("/")),
            ("linesep", Value::str("\n")),
            ("name", Value::str("posix")),
        ],
    )
}

/// The `os.path` module.
pub(super) fn create_path(vm: &mut Vm) -> ObjRef {
    new_module(
        vm,
        "os.path",
        &[
            ("exists", exists),
            ("isfile", isfile),
            ("isdir", isdir),
            ("join", join),
            ("basename", basename),
            ("dirname", dirname),
        ],
        vec![("sep", Value::str("/"))],
    )
}

fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = expect_int(vm, v)?;
    i32::try_from(n)
        .map_err(|_| vm.new_exception(vm.types.overflow_error, "fd is greater than maximum"))
}

/// `os.write(fd, data)`: the number of bytes written.
fn write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "write", &args, false, 2, 2)?;
    let fd = fd_arg(vm, &args.args[0])?;
    let data = match &args.args[1] {
        Value::Bytes(b) => b.clone(),
        other => {
            let msg = format!(
                "a bytes-like object is required, not '{}'",
                type_name(vm, other)
            );
            return Err(type_error(vm, &msg));
        }
    };
    let n = write_fd(vm, fd, &data).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::Int(n as i64))
}

/// `os.read(fd, n)`: at most `n` bytes, empty at end of file.
fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "read", &args, false, 2, 2)?;
    let fd = fd_arg(vm, &args.args[0])?;
    let n = expect_int(vm, &args.args[1])?;
    let n = usize::try_from(n)
        .map_err(|_| vm.new_exception(vm.types.value_error, "negative length"))?;
    let data = read_fd(vm, fd, n).map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::bytes(&data))
}

/// `os.open(path, flags, mode=0o777)`: a new descriptor.
fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "open", &args, false, 2, 3)?;
    let path = expect_str(vm, &args.args[0], "open() argument 'path'")?;
    let flags = expect_int(vm, &args.args[1])?;
    let mode = match args.args.get(2) {
        Some(v) => expect_int(vm, v)?,
        None => 0o777,
    };
    let mut opts = std::fs::OpenOptions::new();
    match flags & 3 {
        O_WRONLY => opts.write(true),
        O_RDWR => opts.read(true).write(true),
        _ => opts.read(true),
    };
    // The creation flags pass through as custom flags.
    let extra = (flags & !3) as i32;
    opts.custom_flags(extra).mode(mode as u32);
    if flags & O_APPEND != 0 {
        opts.append(true);
    }
    let f = opts
        .open(path.as_str())
        .map_err(|e| os_error(vm, &e, Some(&path)))?;
    Ok(Value::Int(i64::from(vm.files.insert(f))))
}

fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "close", &args, false, 1, 1)?;
    let fd = fd_arg(vm, &args.args[0])?;
    if !vm.files.close(fd) {
        let e = std::io::Error::from_raw_os_error(9);
        return Err(os_error(vm, &e, None));
    }
    Ok(Value::None)
}

fn getpid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "getpid", &args, false, 0, 0)?;
    Ok(Value::Int(i64::from(std::process::id())))
}

fn unlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "unlink", &args, false, 1, 1)?;
    let path = expect_str(vm, &args.args[0], "unlink() argument 'path'")?;
    std::fs::remove_file(path.as_str()).map_err(|e| os_error(vm, &e, Some(&path)))?;
    Ok(Value::None)
}

fn strerror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "strerror", &args, false, 1, 1)?;
    let code = expect_int(vm, &args.args[0])?;
    let text = std::io::Error::from_raw_os_error(code as i32).to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    Ok(Value::string(text))
}

fn getcwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "getcwd", &args, false, 0, 0)?;
    let cwd = std::env::current_dir().map_err(|e| os_error(vm, &e, None))?;
    Ok(Value::string(cwd.display().to_string()))
}

fn path_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<PyStr> {
    check_arity(vm, name, args, false, 1, 1)?;
    expect_str(vm, &args.args[0], &format!("{name}() argument"))
}

fn exists(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = path_arg(vm, &args, "exists")?;
    Ok(Value::Bool(std::path::Path::new(p.as_str()).exists()))
}

fn isfile(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = path_arg(vm, &args, "isfile")?;
    Ok(Value::Bool(std::path::Path::new(p.as_str()).is_file()))
}

fn isdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = path_arg(vm, &args, "isdir")?;
    Ok(Value::Bool(std::path::Path::new(p.as_str()).is_dir()))
}

/// `os.path.join(a, *p)`: an absolute part restarts the path.
fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "join", &args, false, 1, usize::MAX)?;
    let mut out = String::new();
    for v in &args.args {
        let part = expect_str(vm, v, "join() argument")?;
        if part.starts_with('/') {
            out.clear();
        } else if !out.is_empty() && !out.ends_with('/') {
            out.push('/');
        }
        out.push_str(&part);
    }
    Ok(Value::string(out))
}

fn basename(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = path_arg(vm, &args, "basename")?;
    Ok(Value::str(p.rsplit('/').next().unwrap_or("")))
}

fn dirname(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = path_arg(vm, &args, "dirname")?;
    let head = match p.rfind('/') {
        Some(i) => &p[..i + 1],
        None => "",
    };
    let trimmed = head.trim_end_matches('/');
    Ok(Value::str(if trimmed.is_empty() { head } else { trimmed }))
}
