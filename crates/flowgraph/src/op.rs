//! The one table of high-level operations.
//!
//! Every operation the flow space can record is declared once, in the
//! `op_table!` invocation below, with its printed name, its arity and whether
//! it may raise an exception. The macro turns the table into [`OpKind`] and
//! its property methods, so the annotator, the rtyper and the checker all
//! `match` on one exhaustive enum: adding a kind breaks every consumer that
//! forgot it. The set follows PyPy's `rpython/flowspace/operation.py`.
//!
//! A call with keywords or star-arguments ([`OpKind::CallArgs`]) carries its
//! [`CallShape`] inside the kind rather than as a constant operand: the shape
//! is static information about the call site, never a value the program
//! computes, and keeping it out of the constant type `C` lets the graph stay
//! generic over its constants.

use std::fmt;

/// How many arguments an operation takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arity {
    /// Exactly this many arguments.
    Exact(usize),
    /// At least this many arguments (a variadic operation).
    AtLeast(usize),
}

/// The argument layout of a `call_args` operation.
///
/// The operation's arguments are, in order: the callee, `npos` positional
/// arguments, one value per name in `keywords`, the `*args` sequence if
/// `star`, and the `**kwargs` mapping if `starstar`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct CallShape {
    /// Number of positional arguments passed one by one.
    pub npos: u32,
    /// Names of the keyword arguments, in the order their values appear.
    pub keywords: Vec<String>,
    /// Whether a `*args` sequence follows the keyword values.
    pub star: bool,
    /// Whether a `**kwargs` mapping comes last.
    pub starstar: bool,
}

impl CallShape {
    /// The number of operation arguments this shape requires, callee included.
    pub fn arg_count(&self) -> usize {
        1 + self.npos as usize
            + self.keywords.len()
            + usize::from(self.star)
            + usize::from(self.starstar)
    }
}

impl fmt::Display for CallShape {
    /// Prints the shape as `2 a= b= * **`: the positional count, each
    /// keyword name followed by `=`, then `*` and `**` when present.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.npos)?;
        for kw in &self.keywords {
            write!(f, " {kw}=")?;
        }
        if self.star {
            f.write_str(" *")?;
        }
        if self.starstar {
            f.write_str(" **")?;
        }
        Ok(())
    }
}

impl CallShape {
    /// Parses the text printed by the `Display` implementation.
    pub fn parse(text: &str) -> Option<CallShape> {
        let mut words = text.split_whitespace();
        let npos = words.next()?.parse().ok()?;
        let mut shape = CallShape {
            npos,
            ..CallShape::default()
        };
        for word in words {
            match word {
                "*" if !shape.star && !shape.starstar => shape.star = true,
                "**" if !shape.starstar => shape.starstar = true,
                _ => {
                    let name = word.strip_suffix('=')?;
                    let valid =
                        !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_');
                    if !valid || shape.star || shape.starstar {
                        return None;
                    }
                    shape.keywords.push(name.to_string());
                }
            }
        }
        Some(shape)
    }
}

/// Declares [`OpKind`] and its properties from one table. Each row is
/// `Variant = "name", arity, RAISES or SAFE, PURE or EFFECT, "doc";`.
macro_rules! op_table {
    ($( $variant:ident = $name:literal, $arity:expr, $raise:expr, $pure:expr, $doc:literal; )*) => {
        /// The kind of a high-level operation.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum OpKind {
            $(
                #[doc = concat!("`", $name, "`: ", $doc)]
                $variant,
            )*
            /// `call_args(f, args...)`: a call with keyword or star
            /// arguments, laid out as the [`CallShape`] says.
            CallArgs(CallShape),
        }

        impl OpKind {
            /// Every kind without a payload, in table order.
            pub const SIMPLE: &'static [OpKind] = &[$(OpKind::$variant),*];

            /// The operation's name as printed in graph dumps.
            pub fn name(&self) -> &'static str {
                match self {
                    $(OpKind::$variant => $name,)*
                    OpKind::CallArgs(_) => "call_args",
                }
            }

            /// The kind with this name, for kinds without a payload
            /// (`call_args` needs its shape and is not found here).
            pub fn from_name(name: &str) -> Option<OpKind> {
                match name {
                    $($name => Some(OpKind::$variant),)*
                    _ => None,
                }
            }

            /// How many arguments the operation takes.
            pub fn arity_rule(&self) -> Arity {
                match self {
                    $(OpKind::$variant => $arity,)*
                    OpKind::CallArgs(shape) => Arity::Exact(shape.arg_count()),
                }
            }

            /// Whether the operation may raise an exception, i.e. whether it
            /// may end a block whose exit switch is `LastException`.
            pub fn can_raise(&self) -> bool {
                match self {
                    $(OpKind::$variant => $raise,)*
                    OpKind::CallArgs(_) => true,
                }
            }

            /// Whether the operation has no effect besides computing its
            /// result and possibly raising. A pure operation that cannot
            /// raise may be dropped when its result is unused.
            pub fn is_pure(&self) -> bool {
                match self {
                    $(OpKind::$variant => $pure,)*
                    OpKind::CallArgs(_) => false,
                }
            }
        }
    };
}

use Arity::{AtLeast, Exact};

/// The operation may raise an exception.
const RAISES: bool = true;
/// The operation never raises.
const SAFE: bool = false;
/// The operation has no side effect besides raising.
const PURE: bool = true;
/// The operation has side effects (mutation, calls, control transfer) or
/// carries information that must stay in the graph.
const EFFECT: bool = false;

op_table! {
    IsTrue = "is_true", Exact(1), RAISES, PURE, "truth value, `bool(x)`.";
    Neg = "neg", Exact(1), RAISES, PURE, "unary `-x`.";
    Pos = "pos", Exact(1), RAISES, PURE, "unary `+x`.";
    Invert = "invert", Exact(1), RAISES, PURE, "`~x`.";
    BoolNot = "bool_not", Exact(1), RAISES, PURE, "`not x`.";
    Abs = "abs", Exact(1), RAISES, PURE, "`abs(x)`.";
    Hash = "hash", Exact(1), RAISES, PURE, "`hash(x)`.";
    Type = "type", Exact(1), SAFE, PURE, "`type(x)`.";
    Len = "len", Exact(1), RAISES, PURE, "`len(x)`.";
    Str = "str", Exact(1), RAISES, PURE, "`str(x)`.";
    Repr = "repr", Exact(1), RAISES, PURE, "`repr(x)`.";
    Iter = "iter", Exact(1), RAISES, PURE, "`iter(x)`.";
    Next = "next", Exact(1), RAISES, EFFECT, "`next(it)`; raises `StopIteration` at the end.";
    Add = "add", Exact(2), RAISES, PURE, "`a + b`.";
    Sub = "sub", Exact(2), RAISES, PURE, "`a - b`.";
    Mul = "mul", Exact(2), RAISES, PURE, "`a * b`.";
    MatMul = "matmul", Exact(2), RAISES, PURE, "`a @ b`.";
    TrueDiv = "truediv", Exact(2), RAISES, PURE, "`a / b`.";
    FloorDiv = "floordiv", Exact(2), RAISES, PURE, "`a // b`.";
    Mod = "mod", Exact(2), RAISES, PURE, "`a % b`.";
    Pow = "pow", Exact(2), RAISES, PURE, "`a ** b`.";
    LShift = "lshift", Exact(2), RAISES, PURE, "`a << b`.";
    RShift = "rshift", Exact(2), RAISES, PURE, "`a >> b`.";
    And = "and_", Exact(2), RAISES, PURE, "`a & b`.";
    Or = "or_", Exact(2), RAISES, PURE, "`a | b`.";
    Xor = "xor", Exact(2), RAISES, PURE, "`a ^ b`.";
    InplaceAdd = "inplace_add", Exact(2), RAISES, EFFECT, "`a += b`.";
    InplaceSub = "inplace_sub", Exact(2), RAISES, EFFECT, "`a -= b`.";
    InplaceMul = "inplace_mul", Exact(2), RAISES, EFFECT, "`a *= b`.";
    InplaceMatMul = "inplace_matmul", Exact(2), RAISES, EFFECT, "`a @= b`.";
    InplaceTrueDiv = "inplace_truediv", Exact(2), RAISES, EFFECT, "`a /= b`.";
    InplaceFloorDiv = "inplace_floordiv", Exact(2), RAISES, EFFECT, "`a //= b`.";
    InplaceMod = "inplace_mod", Exact(2), RAISES, EFFECT, "`a %= b`.";
    InplacePow = "inplace_pow", Exact(2), RAISES, EFFECT, "`a **= b`.";
    InplaceLShift = "inplace_lshift", Exact(2), RAISES, EFFECT, "`a <<= b`.";
    InplaceRShift = "inplace_rshift", Exact(2), RAISES, EFFECT, "`a >>= b`.";
    InplaceAnd = "inplace_and", Exact(2), RAISES, EFFECT, "`a &= b`.";
    InplaceOr = "inplace_or", Exact(2), RAISES, EFFECT, "`a |= b`.";
    InplaceXor = "inplace_xor", Exact(2), RAISES, EFFECT, "`a ^= b`.";
    Lt = "lt", Exact(2), RAISES, PURE, "`a < b`.";
    Le = "le", Exact(2), RAISES, PURE, "`a <= b`.";
    Eq = "eq", Exact(2), RAISES, PURE, "`a == b`.";
    Ne = "ne", Exact(2), RAISES, PURE, "`a != b`.";
    Gt = "gt", Exact(2), RAISES, PURE, "`a > b`.";
    Ge = "ge", Exact(2), RAISES, PURE, "`a >= b`.";
    Is = "is_", Exact(2), SAFE, PURE, "`a is b`.";
    IsNot = "is_not", Exact(2), SAFE, PURE, "`a is not b`.";
    Contains = "contains", Exact(2), RAISES, PURE, "`contains(container, item)`: `item in container`.";
    NotContains = "not_contains", Exact(2), RAISES, PURE, "`not_contains(container, item)`: `item not in container`.";
    ExceptionMatch = "exception_match", Exact(2), SAFE, PURE, "`exception_match(exc, cls)`: whether exception class `exc` is caught by `cls`.";
    GetAttr = "getattr", Exact(2), RAISES, PURE, "`getattr(obj, name)`.";
    SetAttr = "setattr", Exact(3), RAISES, EFFECT, "`setattr(obj, name, value)`.";
    DelAttr = "delattr", Exact(2), RAISES, EFFECT, "`delattr(obj, name)`.";
    GetItem = "getitem", Exact(2), RAISES, PURE, "`getitem(obj, key)`: `obj[key]`.";
    SetItem = "setitem", Exact(3), RAISES, EFFECT, "`setitem(obj, key, value)`: `obj[key] = value`.";
    DelItem = "delitem", Exact(2), RAISES, EFFECT, "`delitem(obj, key)`: `del obj[key]`.";
    NewSlice = "newslice", Exact(3), SAFE, PURE, "`newslice(start, stop, step)`.";
    SimpleCall = "simple_call", AtLeast(1), RAISES, EFFECT, "`simple_call(f, args...)`: a call with positional arguments only.";
    NewTuple = "newtuple", AtLeast(0), SAFE, PURE, "`newtuple(items...)`.";
    NewList = "newlist", AtLeast(0), SAFE, PURE, "`newlist(items...)`.";
    NewDict = "newdict", AtLeast(0), RAISES, PURE, "`newdict(k1, v1, k2, v2...)`: an even number of arguments.";
    NewSet = "newset", AtLeast(0), RAISES, PURE, "`newset(items...)`.";
    ListAppend = "list_append", Exact(2), SAFE, EFFECT, "`list_append(list, item)`.";
    ListExtend = "list_extend", Exact(2), RAISES, EFFECT, "`list_extend(list, iterable)`.";
    SetAdd = "set_add", Exact(2), RAISES, EFFECT, "`set_add(set, item)`.";
    Format = "format", Exact(2), RAISES, PURE, "`format(value, spec)`.";
    BuildStr = "buildstr", AtLeast(0), SAFE, PURE, "`buildstr(parts...)`: concatenation of strings (f-strings).";
    Yield = "yield_", Exact(1), SAFE, EFFECT, "`yield_(value)`: a generator's `yield`.";
    NewFunction = "newfunction", Exact(3), SAFE, PURE, "`newfunction(code, defaults, closure)`.";
    SameAs = "same_as", Exact(1), SAFE, PURE, "`same_as(x)`: a copy, removed by simplification.";
    Hint = "hint", AtLeast(1), SAFE, EFFECT, "`hint(x, ...)`: `x` with translation hints attached.";
}

impl OpKind {
    /// Whether the operation can be dropped when its result is unused: it
    /// is pure and cannot raise.
    pub fn is_removable(&self) -> bool {
        self.is_pure() && !self.can_raise()
    }

    /// The exact arity, or `None` for a variadic operation.
    pub fn arity(&self) -> Option<usize> {
        match self.arity_rule() {
            Arity::Exact(n) => Some(n),
            Arity::AtLeast(_) => None,
        }
    }

    /// Checks an argument count against the table, describing the mismatch.
    pub fn check_arg_count(&self, count: usize) -> Result<(), String> {
        let ok = match self.arity_rule() {
            Arity::Exact(n) => count == n,
            Arity::AtLeast(n) => count >= n,
        };
        if !ok {
            let expected = match self.arity_rule() {
                Arity::Exact(n) => format!("{n}"),
                Arity::AtLeast(n) => format!("at least {n}"),
            };
            return Err(format!(
                "{} takes {expected} arguments, got {count}",
                self.name()
            ));
        }
        if *self == OpKind::NewDict && !count.is_multiple_of(2) {
            return Err(format!(
                "newdict takes key/value pairs, got an odd count {count}"
            ));
        }
        Ok(())
    }
}

impl fmt::Display for OpKind {
    /// Prints the name, followed by the shape in brackets for `call_args`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpKind::CallArgs(shape) => write!(f, "call_args[{shape}]"),
            _ => f.write_str(self.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut seen = HashSet::new();
        for kind in OpKind::SIMPLE {
            assert!(seen.insert(kind.name()), "duplicate name {}", kind.name());
            assert_eq!(OpKind::from_name(kind.name()).as_ref(), Some(kind));
        }
        assert_eq!(OpKind::from_name("call_args"), None);
        assert_eq!(OpKind::from_name("nonsense"), None);
    }

    #[test]
    fn arities() {
        assert_eq!(OpKind::Add.arity(), Some(2));
        assert_eq!(OpKind::SimpleCall.arity(), None);
        assert!(OpKind::SimpleCall.check_arg_count(0).is_err());
        assert!(OpKind::NewDict.check_arg_count(3).is_err());
        assert!(OpKind::NewDict.check_arg_count(4).is_ok());
        let shape = CallShape {
            npos: 1,
            keywords: vec!["a".into()],
            star: true,
            starstar: false,
        };
        assert_eq!(OpKind::CallArgs(shape).arity(), Some(4));
    }

    #[test]
    fn call_shape_round_trips() {
        let shape = CallShape {
            npos: 2,
            keywords: vec!["a".into(), "b_2".into()],
            star: true,
            starstar: true,
        };
        let text = shape.to_string();
        assert_eq!(text, "2 a= b_2= * **");
        assert_eq!(CallShape::parse(&text), Some(shape));
        assert_eq!(CallShape::parse("0"), Some(CallShape::default()));
        assert_eq!(CallShape::parse("x"), None);
        assert_eq!(CallShape::parse("1 * a="), None);
    }
}
