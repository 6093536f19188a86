//! The one table of low-level operations.
//!
//! Every operation a low-level graph may contain is declared once in the
//! `ll_op_table!` invocation below, with its printed name, its arity and
//! its properties. Every consumer — the verifier, the transforms, each
//! backend, the constant folder and later the JIT — matches on the
//! resulting [`LlOp`] exhaustively, so adding an operation breaks each one
//! that forgot it. The set follows PyPy's `lloperation.py`, trimmed to what
//! our rtyper and collectors emit.
//!
//! Only calls can raise: operations that fail in Python (division by zero,
//! overflow, an index out of range) are spelt by the rtyper as a check
//! followed by an explicit `raise`, so everything a backend implements by
//! hand is total and side-effect free unless marked otherwise. Type
//! arguments are not operands: the result variable's declared type says
//! what `malloc`, `cast_pointer` or `raw_load` produce. Field names are
//! `Void` constants (`.name`).

use std::fmt;

/// How many operands an operation takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Arity {
    /// Exactly this many.
    Exact(usize),
    /// At least this many.
    AtLeast(usize),
}

impl Arity {
    /// Whether `n` operands fit.
    pub fn accepts(self, n: usize) -> bool {
        match self {
            Arity::Exact(k) => n == k,
            Arity::AtLeast(k) => n >= k,
        }
    }
}

/// What an operation does besides computing its result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Nothing: with constant operands it may be computed at translation
    /// time, and it may be dropped when its result is unused.
    Fold,
    /// Nothing, but it reads memory, so it can neither be folded nor moved
    /// across writes; it may be dropped when unused.
    Read,
    /// It writes memory, allocates, performs I/O or carries information
    /// that must stay: never dropped.
    Write,
    /// A call: may do anything, including raise an exception.
    Call,
}

macro_rules! ll_op_table {
    ($( $variant:ident = $name:literal, $arity:expr, $effect:ident, $doc:literal; )*) => {
        /// A low-level operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum LlOp {
            $(
                #[doc = concat!("`", $name, "`: ", $doc)]
                $variant,
            )*
        }

        impl LlOp {
            /// Every operation, in table order.
            pub const ALL: &'static [LlOp] = &[$(LlOp::$variant),*];

            /// The name in the text form.
            pub fn name(self) -> &'static str {
                match self {
                    $(LlOp::$variant => $name,)*
                }
            }

            /// The operation with this name.
            pub fn from_name(name: &str) -> Option<LlOp> {
                match name {
                    $($name => Some(LlOp::$variant),)*
                    _ => None,
                }
            }

            /// How many operands it takes.
            pub fn arity(self) -> Arity {
                match self {
                    $(LlOp::$variant => $arity,)*
                }
            }

            /// What it does besides computing its result.
            pub fn effect(self) -> Effect {
                match self {
                    $(LlOp::$variant => Effect::$effect,)*
                }
            }
        }
    };
}

impl LlOp {
    /// Whether the operation may raise (only calls do).
    pub fn can_raise(self) -> bool {
        self.effect() == Effect::Call
    }

    /// Whether the constant folder may compute it from constant operands.
    pub fn can_fold(self) -> bool {
        self.effect() == Effect::Fold
    }
}

impl fmt::Display for LlOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

use Arity::{AtLeast, Exact};

ll_op_table! {
    SameAs = "same_as", Exact(1), Fold, "the operand itself (a copy under a new name).";
    CastPrimitive = "cast_primitive", Exact(1), Fold, "converts between integer-like types (words, sized integers, Bool, Char, UniChar), truncating or extending as C does.";
    CastIntToFloat = "cast_int_to_float", Exact(1), Fold, "a `Signed` as the nearest `Float`.";
    CastUintToFloat = "cast_uint_to_float", Exact(1), Fold, "an `Unsigned` as the nearest `Float`.";
    CastFloatToInt = "cast_float_to_int", Exact(1), Fold, "a `Float` truncated towards zero to `Signed`; the rtyper checks the range first.";
    CastFloatToUint = "cast_float_to_uint", Exact(1), Fold, "a `Float` truncated towards zero to `Unsigned`.";
    BoolNot = "bool_not", Exact(1), Fold, "logical negation.";

    IntAdd = "int_add", Exact(2), Fold, "wrapping addition of `Signed`.";
    IntSub = "int_sub", Exact(2), Fold, "wrapping subtraction.";
    IntMul = "int_mul", Exact(2), Fold, "wrapping multiplication.";
    IntFloorDiv = "int_floordiv", Exact(2), Fold, "C division, truncating towards zero; the divisor is neither zero nor -1 with the minimum dividend (the rtyper checks).";
    IntMod = "int_mod", Exact(2), Fold, "C remainder, with the sign of the dividend; same preconditions as `int_floordiv`.";
    IntLt = "int_lt", Exact(2), Fold, "`<` on `Signed`.";
    IntLe = "int_le", Exact(2), Fold, "`<=`.";
    IntEq = "int_eq", Exact(2), Fold, "`==`.";
    IntNe = "int_ne", Exact(2), Fold, "`!=`.";
    IntGt = "int_gt", Exact(2), Fold, "`>`.";
    IntGe = "int_ge", Exact(2), Fold, "`>=`.";
    IntAnd = "int_and", Exact(2), Fold, "bitwise and.";
    IntOr = "int_or", Exact(2), Fold, "bitwise or.";
    IntXor = "int_xor", Exact(2), Fold, "bitwise exclusive or.";
    IntLshift = "int_lshift", Exact(2), Fold, "left shift, by 0 to 63 bits.";
    IntRshift = "int_rshift", Exact(2), Fold, "arithmetic right shift, by 0 to 63 bits.";
    IntNeg = "int_neg", Exact(1), Fold, "wrapping negation.";
    IntAbs = "int_abs", Exact(1), Fold, "wrapping absolute value.";
    IntInvert = "int_invert", Exact(1), Fold, "bitwise complement.";
    IntIsTrue = "int_is_true", Exact(1), Fold, "`!= 0`, as a `Bool`.";
    IntAddOverflows = "int_add_overflows", Exact(2), Fold, "whether `int_add` would overflow.";
    IntSubOverflows = "int_sub_overflows", Exact(2), Fold, "whether `int_sub` would overflow.";
    IntMulOverflows = "int_mul_overflows", Exact(2), Fold, "whether `int_mul` would overflow.";
    IntLshiftOverflows = "int_lshift_overflows", Exact(2), Fold, "whether `int_lshift` loses bits (shift count 0 to 63).";

    UintAdd = "uint_add", Exact(2), Fold, "wrapping addition of `Unsigned`.";
    UintSub = "uint_sub", Exact(2), Fold, "wrapping subtraction.";
    UintMul = "uint_mul", Exact(2), Fold, "wrapping multiplication.";
    UintFloorDiv = "uint_floordiv", Exact(2), Fold, "division; the divisor is not zero.";
    UintMod = "uint_mod", Exact(2), Fold, "remainder; the divisor is not zero.";
    UintLt = "uint_lt", Exact(2), Fold, "`<` on `Unsigned`.";
    UintLe = "uint_le", Exact(2), Fold, "`<=`.";
    UintEq = "uint_eq", Exact(2), Fold, "`==`.";
    UintNe = "uint_ne", Exact(2), Fold, "`!=`.";
    UintGt = "uint_gt", Exact(2), Fold, "`>`.";
    UintGe = "uint_ge", Exact(2), Fold, "`>=`.";
    UintAnd = "uint_and", Exact(2), Fold, "bitwise and.";
    UintOr = "uint_or", Exact(2), Fold, "bitwise or.";
    UintXor = "uint_xor", Exact(2), Fold, "bitwise exclusive or.";
    UintLshift = "uint_lshift", Exact(2), Fold, "left shift by a `Signed` count of 0 to 63.";
    UintRshift = "uint_rshift", Exact(2), Fold, "logical right shift by a `Signed` count of 0 to 63.";
    UintInvert = "uint_invert", Exact(1), Fold, "bitwise complement.";
    UintIsTrue = "uint_is_true", Exact(1), Fold, "`!= 0`.";

    FloatAdd = "float_add", Exact(2), Fold, "IEEE addition.";
    FloatSub = "float_sub", Exact(2), Fold, "IEEE subtraction.";
    FloatMul = "float_mul", Exact(2), Fold, "IEEE multiplication.";
    FloatTrueDiv = "float_truediv", Exact(2), Fold, "IEEE division (the rtyper checks for zero).";
    FloatNeg = "float_neg", Exact(1), Fold, "negation.";
    FloatAbs = "float_abs", Exact(1), Fold, "absolute value.";
    FloatLt = "float_lt", Exact(2), Fold, "`<` (false with a NaN).";
    FloatLe = "float_le", Exact(2), Fold, "`<=`.";
    FloatEq = "float_eq", Exact(2), Fold, "`==`.";
    FloatNe = "float_ne", Exact(2), Fold, "`!=` (true with a NaN).";
    FloatGt = "float_gt", Exact(2), Fold, "`>`.";
    FloatGe = "float_ge", Exact(2), Fold, "`>=`.";
    FloatIsTrue = "float_is_true", Exact(1), Fold, "`!= 0.0`.";

    CharLt = "char_lt", Exact(2), Fold, "`<` on `Char` (as unsigned bytes).";
    CharLe = "char_le", Exact(2), Fold, "`<=`.";
    CharEq = "char_eq", Exact(2), Fold, "`==`.";
    CharNe = "char_ne", Exact(2), Fold, "`!=`.";
    CharGt = "char_gt", Exact(2), Fold, "`>`.";
    CharGe = "char_ge", Exact(2), Fold, "`>=`.";
    UniCharEq = "unichar_eq", Exact(2), Fold, "`==` on `UniChar`.";
    UniCharNe = "unichar_ne", Exact(2), Fold, "`!=`.";
    UniCharLt = "unichar_lt", Exact(2), Fold, "`<`.";

    Malloc = "malloc", Exact(0), Write, "a new zeroed fixed-size container; the result type says which (GC containers are collected, raw ones need `free`).";
    MallocVarsize = "malloc_varsize", Exact(1), Write, "a new zeroed array, or struct ending in an array, of this many items.";
    Free = "free", Exact(1), Write, "releases a raw container.";
    GetField = "getfield", Exact(2), Read, "reads a field: `getfield(p, .name)`.";
    SetField = "setfield", Exact(3), Write, "writes a field: `setfield(p, .name, value)`.";
    GetArrayItem = "getarrayitem", Exact(2), Read, "reads an array item (the index is in range: the rtyper checks).";
    SetArrayItem = "setarrayitem", Exact(3), Write, "writes an array item.";
    GetArraySize = "getarraysize", Exact(1), Read, "the length of an array.";
    GetInterior = "getinterior", AtLeast(2), Read, "reads through a path of fields and indexes inside one container: `getinterior(p, .chars, i)`, `getinterior(p, i, .key)`.";
    SetInterior = "setinterior", AtLeast(3), Write, "writes through a path: `setinterior(p, .chars, i, value)`.";
    GetInteriorSize = "getinteriorsize", AtLeast(2), Read, "the length of the array a path leads to: `getinteriorsize(p, .chars)`.";
    PtrEq = "ptr_eq", Exact(2), Fold, "pointer identity.";
    PtrNe = "ptr_ne", Exact(2), Fold, "pointer difference.";
    PtrIsZero = "ptr_iszero", Exact(1), Fold, "whether a pointer is null.";
    PtrNonZero = "ptr_nonzero", Exact(1), Fold, "whether a pointer is not null.";
    CastPointer = "cast_pointer", Exact(1), Fold, "the same object seen as its parent or child struct (first-field inheritance).";

    RawMalloc = "raw_malloc", Exact(1), Write, "allocates this many bytes of zeroed raw memory, or returns null.";
    RawFree = "raw_free", Exact(1), Write, "releases raw memory.";
    RawMemClear = "raw_memclear", Exact(2), Write, "zeroes `size` bytes at an address.";
    RawMemCopy = "raw_memcopy", Exact(3), Write, "copies `size` bytes from the first address to the second (not overlapping).";
    RawLoad = "raw_load", Exact(2), Read, "reads a value of the result type at address + offset.";
    RawStore = "raw_store", Exact(3), Write, "writes a value at address + offset.";
    AdrAdd = "adr_add", Exact(2), Fold, "address plus a byte offset.";
    AdrSub = "adr_sub", Exact(2), Fold, "address minus a byte offset.";
    AdrDelta = "adr_delta", Exact(2), Fold, "the byte distance from the second address to the first.";
    AdrEq = "adr_eq", Exact(2), Fold, "address equality.";
    AdrNe = "adr_ne", Exact(2), Fold, "address difference.";
    AdrLt = "adr_lt", Exact(2), Fold, "address order `<`.";
    AdrLe = "adr_le", Exact(2), Fold, "`<=`.";
    AdrGt = "adr_gt", Exact(2), Fold, "`>`.";
    AdrGe = "adr_ge", Exact(2), Fold, "`>=`.";
    CastPtrToAdr = "cast_ptr_to_adr", Exact(1), Fold, "the address of a container.";
    CastAdrToPtr = "cast_adr_to_ptr", Exact(1), Fold, "the container at an address, typed as the result.";
    CastAdrToInt = "cast_adr_to_int", Exact(1), Fold, "an address as a `Signed`.";
    CastIntToAdr = "cast_int_to_adr", Exact(1), Fold, "a `Signed` as an address.";

    GcTypeInfoTable = "gc_type_info_table", Exact(0), Read, "the address of the type table the collectors read (`rpython.memory.gcdata`); the GC transform replaces it.";
    GcStaticRoots = "gc_static_roots", Exact(0), Read, "the address of the table of static roots; the GC transform replaces it.";
    GcAdrOfRootStackBase = "gc_adr_of_root_stack_base", Exact(0), Read, "the address of the word holding the shadow stack's base; the GC transform replaces it.";
    GcAdrOfRootStackTop = "gc_adr_of_root_stack_top", Exact(0), Read, "the address of the word holding the shadow stack's top; the GC transform replaces it.";
    GcAdrOfRootStackLimit = "gc_adr_of_root_stack_limit", Exact(0), Read, "the address of the word holding the highest top the shadow stack may reach before the stack checks raise RecursionError; the GC transform replaces it.";

    DirectCall = "direct_call", AtLeast(1), Call, "calls a known function: `direct_call(&f, args...)`.";
    IndirectCall = "indirect_call", AtLeast(1), Call, "calls through a function pointer.";
    KeepAlive = "keepalive", Exact(1), Write, "keeps an object alive (and its address valid) up to this point.";
    StackCurrent = "stack_current", Exact(0), Read, "an address inside the current stack frame, for stack-depth checks.";
    JitMarker = "jit_marker", AtLeast(1), Write, "a JIT hint kept for the JIT generator: `jit_marker(.jit_merge_point, greens..., reds...)`.";
    JitPromote = "jit_promote", Exact(1), Fold, "the operand, which the JIT will treat as a constant.";
    DebugAssert = "debug_assert", Exact(2), Write, "aborts with the message if the Bool is false (debug builds of the translated program).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_only_calls_raise() {
        for &op in LlOp::ALL {
            assert_eq!(LlOp::from_name(op.name()), Some(op));
            assert_eq!(
                op.can_raise(),
                matches!(op, LlOp::DirectCall | LlOp::IndirectCall)
            );
        }
    }
}
