//! Helpers written in RPython (`lib/rpython/rtyper/helpers/`).
//!
//! Most helpers are low-level graphs built in Rust with
//! [`crate::builder::FnBuilder`]. An algorithm with many cases (a
//! validating decoder, CPython's wording of an error) reads and tests
//! better in RPython: such a helper is an ordinary function of a support
//! module, imported and annotated with every program as a root, with the
//! argument types [`RPYTHON_HELPERS`] gives, and rtyped like the program's
//! own functions when the rtyper first calls it. Every backend receives it
//! as an ordinary graph, and under CPython its module's tests compare it
//! with CPython itself.

use annotator::GraphId;
use lltype::FuncId;

/// One helper: its name for the rtyper, the module and function defining
/// it, and its argument types (`i` an int, `b` a bytes, `s` a str, never
/// None, `S` a str or None, `f` a float).
#[derive(Clone, Copy, Debug)]
pub struct RpythonHelper {
    /// The name [`crate::cx::Rtyper::rpython_helper`] takes.
    pub name: &'static str,
    /// The module, imported from the library path.
    pub module: &'static str,
    /// The function of the module.
    pub function: &'static str,
    /// One letter per argument.
    pub args: &'static str,
}

const TEXT: &str = "rpython.rtyper.helpers.text";
const OSERROR: &str = "rpython.rtyper.helpers.oserror";
const MATHLIB: &str = "rpython.rtyper.helpers.mathlib";
const UNICODE: &str = "rpython.rtyper.helpers.unicodetext";

/// A helper of `unicodetext.py`, named `unicode_` and its function.
macro_rules! unicode_helper {
    ($function:literal, $args:literal) => {
        RpythonHelper {
            name: concat!("unicode_", $function),
            module: UNICODE,
            function: $function,
            args: $args,
        }
    };
}

/// Every helper written in RPython.
pub const RPYTHON_HELPERS: &[RpythonHelper] = &[
    RpythonHelper {
        name: "utf8_decode",
        module: TEXT,
        function: "utf8_decode",
        args: "biii",
    },
    RpythonHelper {
        name: "ascii_decode",
        module: TEXT,
        function: "ascii_decode",
        args: "bi",
    },
    RpythonHelper {
        name: "encode_error",
        module: TEXT,
        function: "encode_error",
        args: "ssiis",
    },
    RpythonHelper {
        name: "decode_error_message",
        module: TEXT,
        function: "decode_error_message",
        args: "sbiis",
    },
    RpythonHelper {
        name: "int_truediv",
        module: MATHLIB,
        function: "int_truediv",
        args: "ii",
    },
    RpythonHelper {
        name: "int_divmod",
        module: MATHLIB,
        function: "int_divmod",
        args: "ii",
    },
    RpythonHelper {
        name: "float_divmod",
        module: MATHLIB,
        function: "float_divmod",
        args: "ff",
    },
    RpythonHelper {
        name: "int_round",
        module: MATHLIB,
        function: "int_round",
        args: "ii",
    },
    RpythonHelper {
        name: "float_round",
        module: MATHLIB,
        function: "float_round",
        args: "fi",
    },
    RpythonHelper {
        name: "float_round_to_int",
        module: MATHLIB,
        function: "float_round_to_int",
        args: "f",
    },
    RpythonHelper {
        name: "int_hash",
        module: MATHLIB,
        function: "int_hash",
        args: "i",
    },
    RpythonHelper {
        name: "float_hash",
        module: MATHLIB,
        function: "float_hash",
        args: "f",
    },
    RpythonHelper {
        name: "hypot",
        module: MATHLIB,
        function: "hypot",
        args: "ff",
    },
    RpythonHelper {
        name: "raise_os_error",
        module: OSERROR,
        function: "raise_os_error",
        args: "iS",
    },
    RpythonHelper {
        name: "stdout_lost_text",
        module: OSERROR,
        function: "stdout_lost_text",
        args: "i",
    },
    RpythonHelper {
        name: "os_error_message",
        module: OSERROR,
        function: "os_error_message",
        args: "isS",
    },
    RpythonHelper {
        name: "encode_error_message",
        module: TEXT,
        function: "encode_error_message",
        args: "ssiis",
    },
    unicode_helper!("upper", "s"),
    unicode_helper!("lower", "s"),
    unicode_helper!("title", "s"),
    unicode_helper!("capitalize", "s"),
    unicode_helper!("swapcase", "s"),
    unicode_helper!("casefold", "s"),
    unicode_helper!("isalpha", "s"),
    unicode_helper!("isdecimal", "s"),
    unicode_helper!("isdigit", "s"),
    unicode_helper!("isnumeric", "s"),
    unicode_helper!("isalnum", "s"),
    unicode_helper!("isspace", "s"),
    unicode_helper!("isascii", "s"),
    unicode_helper!("isupper", "s"),
    unicode_helper!("islower", "s"),
    unicode_helper!("istitle", "s"),
    unicode_helper!("isprintable", "s"),
    unicode_helper!("isidentifier", "s"),
    unicode_helper!("char_isspace", "i"),
    unicode_helper!("str_repr", "S"),
    unicode_helper!("decimal_and_space_to_ascii", "s"),
];

/// The error handlers of codecs, numbered as in `text.py`.
pub const STRICT: i64 = 0;
/// U+FFFD (decoding) or `?` (encoding) for what does not convert.
pub const REPLACE: i64 = 1;
/// What does not convert is left out.
pub const IGNORE: i64 = 2;
/// Undecodable bytes become the lone surrogates U+DC80..U+DCFF, and back.
pub const SURROGATEESCAPE: i64 = 3;

/// The number of an error handler, by the name programs give it.
pub fn error_handler(name: &str) -> Option<i64> {
    Some(match name {
        "strict" => STRICT,
        "replace" => REPLACE,
        "ignore" => IGNORE,
        "surrogateescape" => SURROGATEESCAPE,
        _ => return None,
    })
}

/// A codec's canonical name (the one CPython's messages use), for the
/// spellings CPython accepts.
pub fn canonical_encoding(name: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase().replace('_', "-");
    Some(match n.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => "utf-8",
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819"
        | "iso-ir-100" => "latin-1",
        "ascii" | "us-ascii" | "646" | "us" => "ascii",
        _ => return None,
    })
}

impl crate::cx::Rtyper<'_, '_> {
    /// The function of a helper written in RPython.
    pub fn rpython_helper(&mut self, name: &str) -> FuncId {
        let graph: GraphId = *self.rpython_helpers.get(name).unwrap_or_else(|| {
            panic!("the RPython helper `{name}` is annotated with every program")
        });
        self.function_for_graph(graph)
    }
}
