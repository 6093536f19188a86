"""Machine-integer arithmetic for RPython programs.

In a translated program every `int` is a signed machine word (64 bits
here) and arithmetic wraps silently. Untranslated, Python integers never
overflow, so code that relies on wrapping must say so explicitly:

- `intmask(x)` wraps an integer into the signed 64-bit range;
- `ovfcheck(x op y)` marks an operation whose overflow must be detected
  (translated: the operation raises `OverflowError` instead of wrapping);
- `r_uint` is an unsigned machine word whose arithmetic wraps modulo
  2**64, both untranslated (this class) and translated.

`r_int64` and `r_uint64` are the explicitly sized types. As in the
original toolchain on a 64-bit host they are the same classes as `r_int`
and `r_uint`. Untranslated, a *signed* sized integer does not wrap: a
result outside its range raises `OverflowError`, which catches the bug
early (translated code would wrap silently). Only unsigned arithmetic
wraps untranslated.
"""

LONG_BIT = 64
"""Number of bits of a machine word (`int`) in a translated program."""

LONG_MASK = (1 << LONG_BIT) - 1
"""All bits of a machine word set, as a positive Python int."""

LONG_TEST = 1 << (LONG_BIT - 1)
"""The first value too large for a signed machine word."""

MAXINT = LONG_TEST - 1
"""The largest signed machine word (`sys.maxsize` on a 64-bit host)."""

MININT = -LONG_TEST
"""The smallest signed machine word."""


def intmask(n):
    """Wrap the integer `n` into the signed 64-bit range (two's complement)
    and return it as a plain `int`. Floats are truncated first. In a
    translated program this is a no-op cast."""
    if isinstance(n, float):
        n = int(n)
    n = int(n) & LONG_MASK
    if n >= LONG_TEST:
        n -= 1 << LONG_BIT
    return n


def is_valid_int(r):
    """True if `r` is an integer (of any RPython integer type) whose value
    fits a signed machine word."""
    return isinstance(r, int) and MININT <= r <= MAXINT


def ovfcheck(r):
    """Return `r` unchanged if it fits a signed machine word, else raise
    `OverflowError`. Wrap an arithmetic expression in it (`ovfcheck(a + b)`)
    to make the translated operation detect overflow. Checking an unsigned
    value is a programming error (`AssertionError`), as in the original."""
    assert not isinstance(r, r_uint), "unexpected ovfcheck() on an unsigned value"
    if isinstance(r, int) and not is_valid_int(r):
        raise OverflowError("signed integer expression did overflow")
    return r


def widen(n):
    """Widen a small integer type to a full machine word. All integer types
    this package provides are already word-sized, so this returns `n`."""
    return n


def _result_class(a, b):
    """The class of the result of a binary operation between the sized
    integers (or plain ints) `a` and `b`: a plain int takes the other
    operand's type; of two sized types the wider wins, unsigned on a tie."""
    ta = type(a)
    tb = type(b)
    if not isinstance(a, base_int):
        return tb
    if not isinstance(b, base_int) or ta is tb:
        return ta
    if ta.BITS != tb.BITS:
        return ta if ta.BITS > tb.BITS else tb
    return tb if ta.SIGNED else ta


class base_int(int):
    """Common base of the sized integer types. Arithmetic with another
    integer converts the exact result to the class chosen by
    `_result_class`; arithmetic with a float gives a float."""

    BITS = LONG_BIT
    SIGNED = True
    MASK = LONG_MASK

    def _wrap(self, other, value):
        return _result_class(self, other)(value)

    def _binop(self, other, value):
        if isinstance(other, float):
            return float(value)
        return self._wrap(other, value)

    def __add__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, int(self) + other)

    __radd__ = __add__

    def __sub__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, int(self) - other)

    def __rsub__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, other - int(self))

    def __mul__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, int(self) * other)

    __rmul__ = __mul__

    def __floordiv__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, int(self) // other)

    def __rfloordiv__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, other // int(self))

    def __mod__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, int(self) % other)

    def __rmod__(self, other):
        if not isinstance(other, (int, float)):
            return NotImplemented
        return self._binop(other, other % int(self))

    def __divmod__(self, other):
        return (self.__floordiv__(other), self.__mod__(other))

    def __rdivmod__(self, other):
        return (self.__rfloordiv__(other), self.__rmod__(other))

    def __truediv__(self, other):
        return int(self) / other

    def __rtruediv__(self, other):
        return other / int(self)

    def __lshift__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) << int(other))

    def __rlshift__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, other << int(self))

    def __rshift__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self.__class__(int(self) >> int(other))

    def __rrshift__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, other >> int(self))

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, int(self) & int(other))

    __rand__ = __and__

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, int(self) | int(other))

    __ror__ = __or__

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, int(self) ^ int(other))

    __rxor__ = __xor__

    def __pow__(self, other, modulo=None):
        if isinstance(other, float):
            return float(self) ** other
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, pow(int(self), int(other), modulo))

    def __rpow__(self, other, modulo=None):
        if isinstance(other, float):
            return other ** float(self)
        if not isinstance(other, int):
            return NotImplemented
        return self._wrap(other, pow(int(other), int(self), modulo))

    def __neg__(self):
        return self.__class__(-int(self))

    def __pos__(self):
        return self

    def __abs__(self):
        return self.__class__(abs(int(self)))

    def __invert__(self):
        return self.__class__(~int(self))


class signed_int(base_int):
    """A signed sized integer. Untranslated, a value outside the type's
    range raises `OverflowError` (construction or arithmetic result)."""

    SIGNED = True

    def __new__(cls, value=0):
        value = int(value)
        limit = 1 << (cls.BITS - 1)
        if value >= limit or value < -limit:
            raise OverflowError(
                "%d does not fit in signed %d-bit integer" % (value, cls.BITS)
            )
        return int.__new__(cls, value)


class unsigned_int(base_int):
    """An unsigned sized integer: every value is reduced modulo 2**BITS,
    so arithmetic wraps around like the machine operation."""

    SIGNED = False

    def __new__(cls, value=0):
        return int.__new__(cls, int(value) & cls.MASK)


class r_int(signed_int):
    """A signed machine word as an explicit type (see `signed_int`)."""

    BITS = LONG_BIT
    MASK = LONG_MASK


class r_uint(unsigned_int):
    """An unsigned machine word: arithmetic wraps modulo 2**64, and mixing
    it with a plain `int` gives an `r_uint`."""

    BITS = LONG_BIT
    MASK = LONG_MASK


r_longlong = r_int
"""Signed 64-bit integer: the same class as `r_int` on a 64-bit host."""

r_ulonglong = r_uint
"""Unsigned 64-bit integer: the same class as `r_uint` on a 64-bit host."""

r_int64 = r_longlong
"""Signed 64-bit integer (alias of `r_int`)."""

r_uint64 = r_ulonglong
"""Unsigned 64-bit integer (alias of `r_uint`)."""



LONGLONG_BIT = 64
"""Number of bits of `r_longlong`."""


def longlongmask(n):
    """Wrap the integer `n` into the signed 64-bit range, as an
    `r_longlong`."""
    return r_longlong(intmask(n))


def int_between(n, m, p):
    """`n <= m < p`, which the translator turns into a single unsigned
    comparison."""
    return n <= m < p


def ovfcheck_float_to_int(x):
    """Truncate the float `x` towards zero into a machine integer;
    `OverflowError` if the result does not fit (or `x` is NaN or an
    infinity)."""
    if x != x:
        raise OverflowError("cannot convert float NaN to integer")
    if -9223372036854775808.0 <= x < 9223372036854775808.0:
        return int(x)
    raise OverflowError("float too large to convert to integer")
