//! File objects (`open()`, `sys.stdin/stdout/stderr`) and the table of
//! open file descriptors behind them and behind `os.open`/`os.read`/
//! `os.write`.
//!
//! Descriptors are the real OS descriptors of `std::fs::File`s kept in a
//! [`FileTable`] in the VM; 0, 1 and 2 are the process's standard streams.
//! Standard output written by `print`/`sys.stdout.write` goes through the
//! VM's buffer, which is flushed before anything else writes to fd 1 or 2.

use crate::host::modules::support::{
    arg, check_arity, expect_int, expect_str, os_error, type_error, type_name, value_error,
};
use crate::host::object::{Args, File, Object};
use crate::host::value::{PyStr, Value};
use crate::host::vm::{PyResult, Vm};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::AsRawFd;

/// The files opened by the program, by descriptor.
#[derive(Debug, Default)]
pub struct FileTable {
    files: HashMap<i32, std::fs::File>,
}

impl FileTable {
    /// Registers an open file and returns its descriptor.
    pub fn insert(&mut self, f: std::fs::File) -> i32 {
        let fd = f.as_raw_fd();
        self.files.insert(fd, f);
        fd
    }

    /// Closes a descriptor; false if it was not open.
    pub fn close(&mut self, fd: i32) -> bool {
        self.files.remove(&fd).is_some()
    }
}

fn bad_fd() -> std::io::Error {
    std::io::Error::from_raw_os_error(9)
}

/// Reads at most `n` bytes from a descriptor (an empty result at end of
/// file).
pub fn read_fd(vm: &mut Vm, fd: i32, n: usize) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let got = match fd {
        0 => std::io::stdin().lock().read(&mut buf)?,
        _ => match vm.files.files.get_mut(&fd) {
            Some(f) => f.read(&mut buf)?,
            None => return Err(bad_fd()),
        },
    };
    buf.truncate(got);
    Ok(buf)
}

/// Writes all of `data` to a descriptor, bypassing the stdout buffer
/// (which is flushed first so output stays in order).
pub fn write_fd(vm: &mut Vm, fd: i32, data: &[u8]) -> std::io::Result<usize> {
    match fd {
        1 => {
            vm.flush_stdout();
            let mut out = std::io::stdout().lock();
            out.write_all(data)?;
            out.flush()?;
        }
        2 => {
            vm.flush_stdout();
            std::io::stderr().lock().write_all(data)?;
        }
        _ => match vm.files.files.get_mut(&fd) {
            Some(f) => f.write_all(data)?,
            None => return Err(bad_fd()),
        },
    }
    Ok(data.len())
}

/// A new file object over an open descriptor.
pub fn new_file(vm: &mut Vm, fd: i32, name: &str, mode: &str, binary: bool) -> Value {
    vm.alloc(Object::File(File {
        fd,
        name: PyStr::new(name),
        mode: PyStr::new(mode),
        binary,
        closed: false,
        read_buf: Vec::new(),
        write_buf: Vec::new(),
    }))
}

/// The `closed`, `name` and `mode` attributes of a file object, for the
/// object model's `getattr`.
pub fn file_attr(file: &File, name: &str) -> Option<Value> {
    match name {
        "closed" => Some(Value::Bool(file.closed)),
        "name" => Some(Value::Str(file.name.clone())),
        "mode" => Some(Value::Str(file.mode.clone())),
        _ => None,
    }
}

/// The `open(path, mode='r', encoding=None)` builtin.
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "open", &args, false, 1, 3)?;
    let path = expect_str(vm, &args.args[0], "open() argument 'file'")?;
    let mode = match arg(&args, 1, "mode") {
        Some(v) => expect_str(vm, &v, "open() argument 'mode'")?.to_string(),
        None => "r".into(),
    };
    if let Some(Value::Str(enc)) = arg(&args, 2, "encoding") {
        let e = enc.to_ascii_lowercase().replace('_', "-");
        if !matches!(e.as_str(), "utf-8" | "utf8") {
            let msg = format!("open(): only utf-8 is supported, not {}", enc.as_str());
            return Err(value_error(vm, &msg));
        }
    }
    let binary = mode.contains('b');
    let plus = mode.contains('+');
    let mut opts = std::fs::OpenOptions::new();
    match mode.chars().find(|c| matches!(c, 'r' | 'w' | 'a' | 'x')) {
        Some('r') if mode.chars().all(|c| "rbt+".contains(c)) => opts.read(true).write(plus),
        Some('w') if mode.chars().all(|c| "wbt+".contains(c)) => {
            opts.write(true).create(true).truncate(true).read(plus)
        }
        Some('a') if mode.chars().all(|c| "abt+".contains(c)) => {
            opts.append(true).create(true).read(plus)
        }
        Some('x') if mode.chars().all(|c| "xbt+".contains(c)) => {
            opts.write(true).create_new(true).read(plus)
        }
        _ => return Err(value_error(vm, &format!("invalid mode: '{mode}'"))),
    };
    let f = opts
        .open(path.as_str())
        .map_err(|e| os_error(vm, &e, Some(&path)))?;
    let fd = vm.files.insert(f);
    Ok(new_file(vm, fd, &path, &mode, binary))
}

/// Methods of file objects.
pub const METHODS: crate::host::methods::MethodTable = &[
    ("read", read),
    ("readline", readline),
    ("readlines", readlines),
    ("write", write),
    ("close", close),
    ("flush", flush),
    ("fileno", fileno),
    ("__enter__", enter),
    ("__exit__", exit),
    ("__iter__", enter),
    ("__next__", next),
];

/// The receiver's descriptor, binary flag and read buffer (taken out of
/// the object; give it back with [`put_buf`]). Fails on closed files.
fn take(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(i32, bool, Vec<u8>)> {
    let r = args.args.first().and_then(Value::as_ref);
    if let Some(r) = r {
        if let Object::File(f) = vm.heap.get_mut(r) {
            if f.closed {
                return Err(value_error(vm, "I/O operation on closed file."));
            }
            return Ok((f.fd, f.binary, std::mem::take(&mut f.read_buf)));
        }
    }
    Err(type_error(
        vm,
        &format!("descriptor '{name}' requires a file object"),
    ))
}

fn put_buf(vm: &mut Vm, args: &Args, buf: Vec<u8>) {
    if let Some(r) = args.args.first().and_then(Value::as_ref) {
        if let Object::File(f) = vm.heap.get_mut(r) {
            f.read_buf = buf;
        }
    }
}

const CHUNK: usize = 8192;

/// Reads through the buffer until `done(buf)` says where to cut (or end
/// of file); returns the bytes up to the cut.
fn read_until(
    vm: &mut Vm,
    fd: i32,
    buf: &mut Vec<u8>,
    done: impl Fn(&[u8]) -> Option<usize>,
) -> std::io::Result<Vec<u8>> {
    loop {
        if let Some(n) = done(buf) {
            let rest = buf.split_off(n);
            return Ok(std::mem::replace(buf, rest));
        }
        let chunk = read_fd(vm, fd, CHUNK)?;
        if chunk.is_empty() {
            return Ok(std::mem::take(buf));
        }
        buf.extend_from_slice(&chunk);
    }
}

/// Turns bytes read into the value a file returns: bytes, or str decoded
/// from UTF-8 in text mode.
fn to_value(vm: &mut Vm, binary: bool, data: Vec<u8>) -> PyResult<Value> {
    if binary {
        return Ok(Value::bytes(&data));
    }
    match String::from_utf8(data) {
        Ok(s) => Ok(Value::string(s)),
        Err(e) => crate::host::methods::str::codec::decode(vm, e.as_bytes(), "utf-8", "strict")
            .map(Value::string),
    }
}

/// The byte length of the first `n` characters of UTF-8 text, if the
/// buffer holds that many complete characters.
fn utf8_prefix(buf: &[u8], n: usize) -> Option<usize> {
    let mut count = 0;
    for (i, &b) in buf.iter().enumerate() {
        if b & 0xc0 != 0x80 {
            if count == n {
                return Some(i);
            }
            count += 1;
        }
    }
    let complete = std::str::from_utf8(buf).is_ok();
    (count == n && complete).then_some(buf.len())
}

fn read(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "read", &args, true, 0, 1)?;
    let (fd, binary, mut buf) = take(vm, &args, "read")?;
    let size = match args.args.get(1) {
        None | Some(Value::None) => -1,
        Some(v) => expect_int(vm, v)?,
    };
    let result = if size < 0 {
        read_until(vm, fd, &mut buf, |_| None)
    } else if binary {
        let n = size as usize;
        read_until(vm, fd, &mut buf, |b| (b.len() >= n).then_some(n))
    } else {
        read_until(vm, fd, &mut buf, |b| utf8_prefix(b, size as usize))
    };
    put_buf(vm, &args, buf);
    let data = result.map_err(|e| os_error(vm, &e, None))?;
    to_value(vm, binary, data)
}

fn line_end(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'\n').map(|i| i + 1)
}

fn readline(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "readline", &args, true, 0, 1)?;
    let (fd, binary, mut buf) = take(vm, &args, "readline")?;
    let result = read_until(vm, fd, &mut buf, line_end);
    put_buf(vm, &args, buf);
    let data = result.map_err(|e| os_error(vm, &e, None))?;
    to_value(vm, binary, data)
}

fn readlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut lines = Vec::new();
    loop {
        let line = readline(vm, Args::new(vec![args.args[0].clone()]))?;
        let empty = match &line {
            Value::Str(s) => s.is_empty(),
            Value::Bytes(b) => b.is_empty(),
            _ => true,
        };
        if empty {
            break;
        }
        lines.push(line);
    }
    Ok(vm.new_list(lines))
}

fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let line = readline(vm, args)?;
    let empty = match &line {
        Value::Str(s) => s.is_empty(),
        Value::Bytes(b) => b.is_empty(),
        _ => true,
    };
    if empty {
        return Err(vm.new_exception(vm.types.stop_iteration, ""));
    }
    Ok(line)
}

fn write(vm: &mut Vm, args: Args) -> PyResult<Value> {
    check_arity(vm, "write", &args, true, 1, 1)?;
    let (fd, binary, buf) = take(vm, &args, "write")?;
    put_buf(vm, &args, buf);
    let (data, count) = match (&args.args[1], binary) {
        (Value::Str(s), false) => (s.as_bytes().to_vec(), s.char_len()),
        (Value::Bytes(b), true) => (b.to_vec(), b.len()),
        (other, _) => {
            let want = if binary { "a bytes-like object" } else { "str" };
            let msg = format!(
                "write() argument must be {want}, not {}",
                type_name(vm, other)
            );
            return Err(type_error(vm, &msg));
        }
    };
    if fd == 1 {
        vm.write_stdout(&data);
    } else {
        write_fd(vm, fd, &data).map_err(|e| os_error(vm, &e, None))?;
    }
    Ok(Value::Int(count as i64))
}

fn close(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Some(r) = args.args.first().and_then(Value::as_ref) {
        if let Object::File(f) = vm.heap.get_mut(r) {
            if !f.closed {
                f.closed = true;
                let fd = f.fd;
                if fd > 2 {
                    vm.files.close(fd);
                }
            }
            return Ok(Value::None);
        }
    }
    Err(type_error(vm, "descriptor 'close' requires a file object"))
}

fn flush(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (fd, _, buf) = take(vm, &args, "flush")?;
    put_buf(vm, &args, buf);
    if fd == 1 {
        vm.flush_stdout();
    }
    Ok(Value::None)
}

fn fileno(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (fd, _, buf) = take(vm, &args, "fileno")?;
    put_buf(vm, &args, buf);
    Ok(Value::Int(i64::from(fd)))
}

fn enter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (_, _, buf) = take(vm, &args, "__enter__")?;
    put_buf(vm, &args, buf);
    Ok(args.args[0].clone())
}

fn exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    close(vm, Args::new(vec![args.args[0].clone()]))?;
    Ok(Value::Bool(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_prefixes() {
        assert_eq!(utf8_prefix(b"abc", 2), Some(2));
        assert_eq!(utf8_prefix("é€x".as_bytes(), 2), Some(5));
        assert_eq!(utf8_prefix(b"ab", 3), None);
        assert_eq!(utf8_prefix(&"é".as_bytes()[..1], 1), None);
        assert_eq!(line_end(b"ab\ncd"), Some(3));
    }
}
