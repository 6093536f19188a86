//! The table of external functions: everything a translated program asks
//! of the world outside its own memory.
//!
//! This is the whole of what a backend implements by hand besides the
//! low-level operations (ARCHITECTURE.md, "Written once, for every
//! backend"): OS I/O, clocks, the program's arguments, libm and the C
//! library's float conversions. Keeping it one small table lets the
//! sandboxing transform replace every call to it, and lets a new backend
//! know exactly what to supply. A module declares the ones it uses as
//! `extern func` with these names and signatures; [`check_external`] says
//! whether a declaration matches the table. The verifier accepts any
//! external (hand-written test modules declare their own); each backend
//! refuses those outside the table, since it could not supply them.
//!
//! Conventions: buffers are passed as an [`Address`](crate::Prim::Address)
//! and a length in bytes; results that may fail are `Signed`, negative for
//! `-errno`.

/// One external function: its name and its signature in the text form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct External {
    /// The name modules declare it by.
    pub name: &'static str,
    /// Its signature, `func(...) -> T` in the text form.
    pub signature: &'static str,
    /// What it does.
    pub doc: &'static str,
}

macro_rules! externals {
    ($( $name:literal : $sig:literal, $doc:literal; )*) => {
        /// Every external function, in one table.
        pub const EXTERNALS: &[External] = &[
            $( External { name: $name, signature: $sig, doc: $doc }, )*
        ];
    };
}

externals! {
    "rpy_write": "func(Signed, Address, Signed) -> Signed", "writes bytes to a file descriptor; the count written or -errno.";
    "rpy_read": "func(Signed, Address, Signed) -> Signed", "reads up to n bytes from a file descriptor; the count read (0 at end) or -errno.";
    "rpy_open": "func(Address, Signed, Signed, Signed) -> Signed", "opens the file named by the bytes (path, length, flags, mode); a descriptor or -errno. The flags are Linux's `O_*` bits (the values of the translator's `os` module), mapped to the platform's; an unknown bit gives -EINVAL.";
    "rpy_fd_is_directory": "func(Signed) -> Signed", "1 if the descriptor is open on a directory, 0 if not, or -errno.";
    "rpy_close": "func(Signed) -> Signed", "closes a descriptor; 0 or -errno.";
    "rpy_time": "func() -> Float", "seconds since the epoch (`time.time()`).";
    "rpy_clock": "func() -> Float", "a monotonic clock in seconds (`time.perf_counter()`).";
    "rpy_argc": "func() -> Signed", "the number of command-line arguments, the program name included.";
    "rpy_arg_len": "func(Signed) -> Signed", "the length in bytes of argument i.";
    "rpy_arg_copy": "func(Signed, Address) -> Void", "copies the bytes of argument i to the address.";
    "rpy_getpid": "func() -> Signed", "the process id (`os.getpid()`).";
    "rpy_getenv_size": "func(Address, Signed, Signed) -> Signed", "the environment variable named by the bytes (name, length) as a size in bytes — decimal digits with an optional K, M or G suffix — or the third argument when it is unset or malformed (a collector's tuning, such as `RPY_GC_SPACE`).";
    "rpy_exit": "func(Signed) -> Void", "ends the process with this status, flushing nothing (`os._exit`).";
    "rpy_fatal": "func(Address, Signed) -> Void", "prints the message on stderr and aborts: an internal error of the translated program.";
    "rpy_stack_limit": "func() -> Address", "the lowest stack address the program may use before it must raise RecursionError.";
    "rpy_fmod": "func(Float, Float) -> Float", "C `fmod`.";
    "rpy_pow": "func(Float, Float) -> Float", "C `pow`.";
    "rpy_floor": "func(Float) -> Float", "C `floor`.";
    "rpy_ceil": "func(Float) -> Float", "C `ceil`.";
    "rpy_sqrt": "func(Float) -> Float", "C `sqrt`.";
    "rpy_exp": "func(Float) -> Float", "C `exp`.";
    "rpy_log": "func(Float) -> Float", "C `log`.";
    "rpy_log10": "func(Float) -> Float", "C `log10`.";
    "rpy_sin": "func(Float) -> Float", "C `sin`.";
    "rpy_cos": "func(Float) -> Float", "C `cos`.";
    "rpy_tan": "func(Float) -> Float", "C `tan`.";
    "rpy_atan": "func(Float) -> Float", "C `atan`.";
    "rpy_atan2": "func(Float, Float) -> Float", "C `atan2`.";
    "rpy_asin": "func(Float) -> Float", "C `asin`.";
    "rpy_acos": "func(Float) -> Float", "C `acos`.";
    "rpy_sinh": "func(Float) -> Float", "C `sinh`.";
    "rpy_cosh": "func(Float) -> Float", "C `cosh`.";
    "rpy_tanh": "func(Float) -> Float", "C `tanh`.";
    "rpy_asinh": "func(Float) -> Float", "C `asinh`.";
    "rpy_acosh": "func(Float) -> Float", "C `acosh`.";
    "rpy_atanh": "func(Float) -> Float", "C `atanh`.";
    "rpy_expm1": "func(Float) -> Float", "C `expm1`.";
    "rpy_log1p": "func(Float) -> Float", "C `log1p`.";
    "rpy_erf": "func(Float) -> Float", "C `erf`.";
    "rpy_erfc": "func(Float) -> Float", "C `erfc`.";
    "rpy_cbrt": "func(Float) -> Float", "C `cbrt`.";
    "rpy_exp2": "func(Float) -> Float", "C `exp2`.";
    "rpy_log2": "func(Float) -> Float", "C `log2`.";
    "rpy_fma": "func(Float, Float, Float) -> Float", "C `fma`: `x * y + z` rounded once.";
    "rpy_copysign": "func(Float, Float) -> Float", "C `copysign` (the sign of a NaN included).";
    "rpy_float_format": "func(Float, Char, Signed, Address, Signed) -> Signed", "formats a float as C `snprintf` with `%.*e`, `%.*f` or `%.*g` (the Char is the conversion, then the precision) into a buffer of the given size; the length written.";
    "rpy_float_parse": "func(Address, Signed, Address) -> Float", "parses the bytes as C `strtod`; stores at the third address (a Signed) the number of bytes consumed.";
}

/// The external function with this name.
pub fn external(name: &str) -> Option<&'static External> {
    EXTERNALS.iter().find(|e| e.name == name)
}

/// Whether a module's `extern func` declaration matches the table: its
/// name is there, with the same signature. Returns what is wrong.
pub fn check_external(m: &crate::Module, f: crate::FuncId) -> Result<&'static External, String> {
    let func = &m.functions[f];
    let Some(ext) = external(&func.name) else {
        return Err(format!(
            "`{}` is not in the table of external functions",
            func.name
        ));
    };
    let declared = m.types.display(func.ty);
    if declared != ext.signature {
        return Err(format!(
            "`{}` is declared as {declared}, but the table says {}",
            func.name, ext.signature
        ));
    }
    Ok(ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_signatures_parse() {
        for (i, e) in EXTERNALS.iter().enumerate() {
            assert!(
                EXTERNALS[..i].iter().all(|o| o.name != e.name),
                "{}",
                e.name
            );
            let text = format!("extern func {}{}\n", e.name, &e.signature[4..]);
            let m = crate::parse_module(&text).unwrap_or_else(|err| panic!("{text}: {err}"));
            let f = m.function_named(e.name).unwrap();
            assert_eq!(check_external(&m, f).map(|x| x.name), Ok(e.name));
        }
    }
}
