//! Files for the host interpreter: the descriptor table behind `os.open`
//! and `os.read`/`os.write`, and the file objects made by the `open`
//! builtin (also `sys.stdin`/`sys.stdout`/`sys.stderr`).
//!
//! The interpreter uses no `unsafe` and no libc, so descriptors are not
//! the process's own: [`FileTable`] maps small ints to [`std::fs::File`]s,
//! with 0, 1 and 2 standing for the standard streams. Output to fd 1 goes
//! through the VM's stdout buffer so `print` and `sys.stdout.write` keep
//! their order.

use super::args::bind;
use super::object::{Args, File, NativeFn, Object};
use super::value::{ObjRef, PyStr, Value};
use super::vm::{PyResult, Vm};
pub(crate) use crate::host::modules::support::os_error;
use std::collections::BTreeMap;
use std::io::{Read, Write};

/// `EBADF`, raised for descriptors that are not open.
const EBADF: i32 = 9;
/// `EISDIR`: `open()` refuses directories, as CPython does.
const EISDIR: i32 = 21;

/// The open file descriptors of the interpreted program. Descriptors 0, 1
/// and 2 are the standard streams and are never in the map.
#[derive(Debug, Default)]
pub struct FileTable {
    files: BTreeMap<i32, std::fs::File>,
}

impl FileTable {
    /// Registers `file` under the lowest free descriptor (at least 3).
    pub fn insert(&mut self, file: std::fs::File) -> i32 {
        let mut fd = 3;
        while self.files.contains_key(&fd) {
            fd += 1;
        }
        self.files.insert(fd, file);
        fd
    }

    /// Closes `fd`. Closing a standard stream is accepted and does nothing.
    pub fn close(&mut self, fd: i32) -> std::io::Result<()> {
        if (0..=2).contains(&fd) || self.files.remove(&fd).is_some() {
            Ok(())
        } else {
            Err(std::io::Error::from_raw_os_error(EBADF))
        }
    }

    /// Reads at most `n` bytes from `fd` (fewer at end of file).
    pub fn read(&mut self, fd: i32, n: usize) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0; n];
        let got = match fd {
            0 => std::io::stdin().lock().read(&mut buf)?,
            _ => self.get(fd)?.read(&mut buf)?,
        };
        buf.truncate(got);
        Ok(buf)
    }

    /// Writes all of `data` to `fd` (unbuffered; the caller flushes the
    /// VM's stdout buffer first when `fd` is 1).
    pub fn write(&mut self, fd: i32, data: &[u8]) -> std::io::Result<usize> {
        match fd {
            1 => {
                let mut out = std::io::stdout().lock();
                out.write_all(data)?;
                out.flush()?;
            }
            2 => {
                let mut err = std::io::stderr().lock();
                err.write_all(data)?;
                err.flush()?;
            }
            _ => self.get(fd)?.write_all(data)?,
        }
        Ok(data.len())
    }

    fn get(&mut self, fd: i32) -> std::io::Result<&mut std::fs::File> {
        self.files
            .get_mut(&fd)
            .ok_or_else(|| std::io::Error::from_raw_os_error(EBADF))
    }
}

/// The C library's message for an OS error ("No such file or directory"),
/// which Rust renders as "No such file or directory (os error 2)".
pub fn strerror_text(err: &std::io::Error) -> String {
    let text = err.to_string();
    match text.rfind(" (os error ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    }
}

/// How a mode string opens a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenMode {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    pub create: bool,
    pub truncate: bool,
    pub exclusive: bool,
    pub binary: bool,
}

/// Parses an `open()` mode (`r w a x`, optionally `+`, `b` or `t`);
/// the error is CPython's ValueError message.
pub fn parse_mode(mode: &str) -> Result<OpenMode, String> {
    let mut m = OpenMode {
        read: false,
        write: false,
        append: false,
        create: false,
        truncate: false,
        exclusive: false,
        binary: false,
    };
    let mut kinds = 0;
    let mut text = false;
    let invalid = || format!("invalid mode: '{mode}'");
    for (i, c) in mode.char_indices() {
        if mode[..i].contains(c) {
            return Err(invalid());
        }
        match c {
            'r' => {
                kinds += 1;
                m.read = true;
            }
            'w' => {
                kinds += 1;
                m.write = true;
                m.create = true;
                m.truncate = true;
            }
            'a' => {
                kinds += 1;
                m.write = true;
                m.append = true;
                m.create = true;
            }
            'x' => {
                kinds += 1;
                m.write = true;
                m.create = true;
                m.exclusive = true;
            }
            '+' => {
                m.read = true;
                m.write = true;
            }
            'b' => m.binary = true,
            't' => text = true,
            _ => return Err(invalid()),
        }
    }
    if m.binary && text {
        return Err("can't have text and binary mode at once".to_owned());
    }
    if kinds != 1 {
        return Err("must have exactly one of create/read/write/append mode".to_owned());
    }
    Ok(m)
}

/// True for the spellings of UTF-8 (and ASCII, a subset) that `open`
/// accepts as `encoding=`.
fn is_utf8_name(enc: &str) -> bool {
    let norm: String = enc
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect();
    matches!(norm.as_str(), "utf8" | "ascii" | "usascii")
}

/// A file object for the descriptor `fd` (the standard streams, or one
/// just opened).
pub fn new_file_object(vm: &mut Vm, fd: i32, name: &str, mode: &str, binary: bool) -> Value {
    vm.alloc(Object::File(File {
        fd,
        name: PyStr::new(name),
        mode: PyStr::new(mode),
        binary,
        closed: false,
        read_buf: Vec::new(),
        read_pos: 0,
    }))
}

/// The `open(file, mode='r', buffering=-1, encoding=None, ...)` builtin.
pub fn open(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let slots = bind(
        vm,
        "open",
        args,
        &["file", "mode", "buffering", "encoding", "errors", "newline"],
        1,
    )?;
    let path = match &slots[0] {
        Some(Value::Str(s)) => s.clone(),
        other => {
            let t = other
                .as_ref()
                .map_or("NoneType".to_owned(), |v| vm.type_name(v));
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {t}"
            )));
        }
    };
    let mode = match &slots[1] {
        Some(v) => vm.to_pystr(v, "open() argument 'mode'")?,
        None => PyStr::new("r"),
    };
    let m = parse_mode(&mode).map_err(|msg| vm.value_error(msg))?;
    if let Some(enc) = slots[3].as_ref().filter(|e| !e.is_none()) {
        if m.binary {
            return Err(vm.value_error("binary mode doesn't take an encoding argument"));
        }
        let enc = vm.to_pystr(enc, "open() argument 'encoding'")?;
        if !is_utf8_name(&enc) {
            return Err(vm.value_error(format!(
                "open(): only UTF-8 text files are supported, not encoding '{}'",
                enc.as_str()
            )));
        }
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(m.read)
        .write(m.write && !m.append)
        .append(m.append)
        .truncate(m.truncate);
    if m.exclusive {
        opts.create_new(true);
    } else {
        opts.create(m.create);
    }
    let file = opts
        .open(path.as_str())
        .map_err(|e| os_error(vm, &e, Some(path.as_str())))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        let e = std::io::Error::from_raw_os_error(EISDIR);
        return Err(os_error(vm, &e, Some(path.as_str())));
    }
    let fd = vm.files.insert(file);
    Ok(new_file_object(vm, fd, &path, &mode, m.binary))
}

/// Methods of file objects, installed on `vm.types.file`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("read", file_read),
    ("readline", file_readline),
    ("readlines", file_readlines),
    ("write", file_write),
    ("writelines", file_writelines),
    ("close", file_close),
    ("flush", file_flush),
    ("fileno", file_fileno),
    ("isatty", file_isatty),
    ("__enter__", file_enter),
    ("__exit__", file_exit),
    ("__iter__", file_iter),
    ("__next__", file_next),
];

/// What a method needs to know about its receiver.
struct Receiver {
    this: ObjRef,
    fd: i32,
    binary: bool,
}

/// Splits off the receiver, checking it is an open file.
fn receiver(vm: &mut Vm, args: &mut Args, method: &str) -> PyResult<Receiver> {
    let this = super::methods::heap_receiver(vm, args, method, "TextIOWrapper", |o| {
        matches!(o, Object::File(_))
    })?;
    let Object::File(f) = vm.heap.get(this) else {
        return Err(vm.type_error("not a file"));
    };
    if f.closed {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(Receiver {
        this,
        fd: f.fd,
        binary: f.binary,
    })
}

fn file_mut(vm: &mut Vm, r: ObjRef) -> Option<&mut File> {
    match vm.heap.get_mut(r) {
        Object::File(f) => Some(f),
        _ => None,
    }
}

/// Reads one more chunk from the descriptor into the receiver's buffer;
/// false at end of file.
fn fill(vm: &mut Vm, r: &Receiver) -> PyResult<bool> {
    let chunk = vm
        .files
        .read(r.fd, 1 << 16)
        .map_err(|e| os_error(vm, &e, None))?;
    if chunk.is_empty() {
        return Ok(false);
    }
    if let Some(f) = file_mut(vm, r.this) {
        f.read_buf.drain(..f.read_pos);
        f.read_pos = 0;
        f.read_buf.extend_from_slice(&chunk);
    }
    Ok(true)
}

/// The bytes read ahead and not consumed yet.
fn buffered<'a>(vm: &'a Vm, r: &Receiver) -> &'a [u8] {
    match vm.heap.get(r.this) {
        Object::File(f) => &f.read_buf[f.read_pos..],
        _ => &[],
    }
}

/// Consumes and returns the first `n` unconsumed bytes of the buffer.
fn take_buffered(vm: &mut Vm, r: &Receiver, n: usize) -> Vec<u8> {
    match file_mut(vm, r.this) {
        Some(f) => {
            let start = f.read_pos;
            let end = (start + n).min(f.read_buf.len());
            let data = f.read_buf[start..end].to_vec();
            if end == f.read_buf.len() {
                f.read_buf.clear();
                f.read_pos = 0;
            } else {
                f.read_pos = end;
            }
            data
        }
        None => Vec::new(),
    }
}

/// Converts bytes read to the value a read method returns: `bytes` in
/// binary mode, UTF-8 decoded `str` otherwise.
fn to_value(vm: &mut Vm, r: &Receiver, data: Vec<u8>) -> PyResult<Value> {
    if r.binary {
        return Ok(Value::bytes(&data));
    }
    match String::from_utf8(data) {
        Ok(s) => Ok(Value::string(s)),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[pos];
            let cls = vm.types.unicode_decode_error;
            Err(vm.new_exception(
                cls,
                &format!("'utf-8' codec can't decode byte {byte:#04x} in position {pos}: invalid start byte"),
            ))
        }
    }
}

/// The length of the longest prefix of `buf` holding at most `n`
/// characters of UTF-8 (continuation bytes of a character are kept with
/// it), and how many characters that is.
fn utf8_prefix(buf: &[u8], n: usize) -> (usize, usize) {
    let mut chars = 0;
    for (i, &b) in buf.iter().enumerate() {
        if b & 0xC0 != 0x80 {
            if chars == n {
                return (i, chars);
            }
            chars += 1;
        }
    }
    (buf.len(), chars)
}

fn file_read(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "read")?;
    let slots = bind(vm, "read", args, &["size"], 0)?;
    let size = match &slots[0] {
        None | Some(Value::None) => -1,
        Some(v) => vm.to_index(v)?,
    };
    if size < 0 {
        while fill(vm, &r)? {}
        let n = buffered(vm, &r).len();
        let data = take_buffered(vm, &r, n);
        return to_value(vm, &r, data);
    }
    let size = size as usize;
    loop {
        let buf = buffered(vm, &r);
        let enough = if r.binary {
            Some(size).filter(|&n| n <= buf.len())
        } else {
            let (len, chars) = utf8_prefix(buf, size);
            // The last character needs all its continuation bytes.
            Some(len).filter(|&len| {
                chars == size && (len < buf.len() || utf8_tail_complete(&buf[..len]))
            })
        };
        let n = match enough {
            Some(n) => n,
            None if fill(vm, &r)? => continue,
            None => buffered(vm, &r).len(),
        };
        let data = take_buffered(vm, &r, n);
        return to_value(vm, &r, data);
    }
}

/// True if `buf` does not end inside a multi-byte UTF-8 character.
fn utf8_tail_complete(buf: &[u8]) -> bool {
    let Some(start) = buf.iter().rposition(|&b| b & 0xC0 != 0x80) else {
        return true;
    };
    let lead = buf[start];
    let need = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    buf.len() - start >= need
}

/// Reads up to and including the next newline (or to end of file).
fn read_line(vm: &mut Vm, r: &Receiver) -> PyResult<Value> {
    let mut scanned = 0;
    loop {
        let buf = buffered(vm, r);
        if let Some(i) = buf[scanned..].iter().position(|&b| b == b'\n') {
            let data = take_buffered(vm, r, scanned + i + 1);
            return to_value(vm, r, data);
        }
        scanned = buf.len();
        if !fill(vm, r)? {
            let data = take_buffered(vm, r, scanned);
            return to_value(vm, r, data);
        }
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Str(s) => s.is_empty(),
        Value::Bytes(b) => b.is_empty(),
        _ => true,
    }
}

fn file_readline(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "readline")?;
    super::methods::arity(vm, &args, "readline", 0, 1)?;
    read_line(vm, &r)
}

fn file_readlines(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "readlines")?;
    super::methods::arity(vm, &args, "readlines", 0, 1)?;
    let mut lines = Vec::new();
    loop {
        let line = read_line(vm, &r)?;
        if is_empty(&line) {
            return Ok(vm.new_list(lines));
        }
        lines.push(line);
    }
}

/// Writes `data` to the receiver's descriptor; fd 1 goes through the
/// VM's stdout buffer, fd 2 flushes it first.
fn write_fd(vm: &mut Vm, fd: i32, data: &[u8]) -> PyResult<()> {
    match fd {
        1 => {
            vm.write_stdout(data);
            Ok(())
        }
        _ => {
            if fd == 2 {
                vm.flush_stdout();
            }
            vm.files
                .write(fd, data)
                .map(|_| ())
                .map_err(|e| os_error(vm, &e, None))
        }
    }
}

/// Checks the type of one `write` argument; returns its bytes and the
/// length `write` reports (characters for text, bytes for binary).
fn write_data(vm: &mut Vm, r: &Receiver, v: &Value) -> PyResult<(Vec<u8>, usize)> {
    let base = vm.unwrap_base_value(v);
    match (r.binary, &base) {
        (false, Value::Str(s)) => Ok((s.as_bytes().to_vec(), s.char_len())),
        (true, Value::Bytes(b)) => Ok((b.to_vec(), b.len())),
        (false, other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("write() argument must be str, not {t}")))
        }
        (true, other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
        }
    }
}

fn file_write(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "write")?;
    super::methods::arity(vm, &args, "write", 1, 1)?;
    let (data, n) = write_data(vm, &r, &args.args[0])?;
    write_fd(vm, r.fd, &data)?;
    Ok(Value::Int(n as i64))
}

fn file_writelines(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "writelines")?;
    super::methods::arity(vm, &args, "writelines", 1, 1)?;
    let items = vm.collect(&args.args[0])?;
    let mut all = Vec::new();
    for item in &items {
        all.extend(write_data(vm, &r, item)?.0);
    }
    write_fd(vm, r.fd, &all)?;
    Ok(Value::None)
}

fn file_close(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let this = super::methods::heap_receiver(vm, &mut args, "close", "TextIOWrapper", |o| {
        matches!(o, Object::File(_))
    })?;
    let Some(f) = file_mut(vm, this) else {
        return Ok(Value::None);
    };
    if f.closed {
        return Ok(Value::None);
    }
    f.closed = true;
    f.read_buf.clear();
    f.read_pos = 0;
    let fd = f.fd;
    if fd == 1 {
        vm.flush_stdout();
    }
    if fd > 2 {
        vm.files.close(fd).map_err(|e| os_error(vm, &e, None))?;
    }
    Ok(Value::None)
}

fn file_flush(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "flush")?;
    if r.fd == 1 {
        vm.flush_stdout();
    }
    Ok(Value::None)
}

fn file_fileno(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "fileno")?;
    Ok(Value::Int(r.fd as i64))
}

fn file_isatty(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    use std::io::IsTerminal;
    let r = receiver(vm, &mut args, "isatty")?;
    Ok(Value::Bool(match r.fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => false,
    }))
}

fn file_enter(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "__enter__")?;
    Ok(Value::Ref(r.this))
}

fn file_exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let this = args.args.first().cloned().unwrap_or(Value::None);
    file_close(vm, Args::new(vec![this]))?;
    Ok(Value::Bool(false))
}

fn file_iter(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "__iter__")?;
    Ok(Value::Ref(r.this))
}

fn file_next(vm: &mut Vm, mut args: Args) -> PyResult<Value> {
    let r = receiver(vm, &mut args, "__next__")?;
    let line = read_line(vm, &r)?;
    if is_empty(&line) {
        return Err(vm.stop_iteration());
    }
    Ok(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        let r = parse_mode("r").unwrap();
        assert!(r.read && !r.write && !r.binary);
        let wb = parse_mode("wb").unwrap();
        assert!(wb.write && wb.truncate && wb.binary && !wb.read);
        let rp = parse_mode("r+").unwrap();
        assert!(rp.read && rp.write && !rp.truncate);
        assert!(parse_mode("a").unwrap().append);
        assert!(parse_mode("x").unwrap().exclusive);
        assert!(parse_mode("rw").unwrap_err().contains("exactly one"));
        assert_eq!(parse_mode("q").unwrap_err(), "invalid mode: 'q'");
        assert_eq!(parse_mode("rr").unwrap_err(), "invalid mode: 'rr'");
        assert!(parse_mode("bt").unwrap_err().contains("text and binary"));
        assert!(parse_mode("").is_err());
    }

    #[test]
    fn encoding_names() {
        assert!(is_utf8_name("utf-8"));
        assert!(is_utf8_name("UTF8"));
        assert!(is_utf8_name("utf_8"));
        assert!(is_utf8_name("ascii"));
        assert!(!is_utf8_name("latin-1"));
    }

    #[test]
    fn utf8_prefixes() {
        let s = "héllo".as_bytes();
        assert_eq!(utf8_prefix(s, 2), (3, 2));
        assert_eq!(utf8_prefix(s, 10), (6, 5));
        assert!(utf8_tail_complete(s));
        assert!(!utf8_tail_complete(&s[..2]));
    }

    #[test]
    fn strerror_strips_suffix() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(strerror_text(&e), "No such file or directory");
    }

    #[test]
    fn table_reuses_lowest_fd() {
        let mut t = FileTable::default();
        let f = || std::fs::File::open("/dev/null").unwrap();
        assert_eq!(t.insert(f()), 3);
        assert_eq!(t.insert(f()), 4);
        t.close(3).unwrap();
        assert_eq!(t.insert(f()), 3);
        assert!(t.close(17).is_err());
    }
}
