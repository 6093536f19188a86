"""Arbitrary-precision integers for RPython programs.

RPython's `int` is a machine word, so programs that need unbounded
integers (a Python interpreter's `long`, for instance) use `rbigint`
objects and call their methods explicitly: `a.add(b)`, `a.int_mul(3)`,
`a.lt(b)`, `a.str()`, ...

This version keeps the value as a Python int: it is exact and fast
untranslated, and it defines the API and its semantics (floor division
and modulo rounding towards minus infinity, as in Python). The
translatable implementation over an array of digits belongs to the
translation work and is not written yet; until then the translator
cannot compile programs that use this module.
"""

from rpython.rlib.rarithmetic import LONG_BIT, LONG_MASK, MAXINT, MININT, intmask, r_uint

_SHIFT = 63
"""Bits per digit of the translated representation (64-bit hosts)."""

_DIGIT_MASK = (1 << _SHIFT) - 1


def _value(x):
    """The Python int held by the rbigint `x`."""
    if not isinstance(x, rbigint):
        raise TypeError("expected an rbigint, got %s" % type(x).__name__)
    return x._value


def _host_int(n):
    """Check that `n` is an integer (of any size) and return it as an int."""
    if not isinstance(n, int):
        raise TypeError("expected an int, got %s" % type(n).__name__)
    return int(n)


def _machine_int(i):
    """Check that `i` is a machine integer: an int that fits a signed
    64-bit word (anything else is a bug in the caller, as in the original
    toolchain, hence `AssertionError`)."""
    i = _host_int(i)
    if not MININT <= i <= MAXINT:
        raise AssertionError("%d does not fit a machine integer" % (i,))
    return i


class rbigint:
    """An immutable arbitrary-precision integer. Build one with the
    `from*` static methods; `sign` is -1, 0 or 1."""

    def __init__(self, value=0):
        value = int(value)
        self._value = value
        if value > 0:
            self.sign = 1
        elif value < 0:
            self.sign = -1
        else:
            self.sign = 0

    # -- construction ------------------------------------------------------

    @staticmethod
    def fromint(i):
        """The rbigint equal to the machine integer `i`."""
        return rbigint(_machine_int(i))

    @staticmethod
    def frombool(b):
        """1 for True, 0 for False."""
        return rbigint(1 if b else 0)

    @staticmethod
    def fromlong(n):
        """The rbigint equal to the (host, unbounded) integer `n`."""
        return rbigint(_host_int(n))

    @staticmethod
    def fromrarith_int(n):
        """The rbigint equal to a sized integer such as an `r_uint`."""
        return rbigint(int(n))

    @staticmethod
    def fromfloat(f):
        """The integer part of the float `f`: `OverflowError` for an
        infinity, `ValueError` for a NaN."""
        if f != f:
            raise ValueError("cannot convert float NaN to integer")
        if f in (float("inf"), float("-inf")):
            raise OverflowError("cannot convert float infinity to integer")
        return rbigint(int(f))

    @staticmethod
    def fromstr(s, base=10):
        """Parse the string `s` (optional surrounding whitespace and sign)
        in `base` (2..36, or 0 to use a `0x`/`0o`/`0b` prefix). Invalid
        text raises `ValueError`."""
        if base != 0 and not 2 <= base <= 36:
            raise ValueError("base must be 0 or in 2..36")
        if "_" in s:
            raise ValueError("invalid literal for rbigint: %r" % (s,))
        return rbigint(int(s, base))

    @staticmethod
    def fromdecimalstr(s):
        """Parse a string of decimal digits with an optional sign."""
        return rbigint.fromstr(s, 10)

    @staticmethod
    def frombytes(s, byteorder, signed):
        """The integer represented by the bytes `s` (`byteorder` is
        `"big"` or `"little"`)."""
        return rbigint(int.from_bytes(s, byteorder, signed=signed))

    # -- conversion --------------------------------------------------------

    def toint(self):
        """The value as a machine integer; `OverflowError` if it does not
        fit in a signed 64-bit word."""
        v = self._value
        if not MININT <= v <= MAXINT:
            raise OverflowError("rbigint too large to convert to int")
        return v

    def touint(self):
        """The value as an `r_uint`: `ValueError` if negative,
        `OverflowError` if it needs more than 64 bits."""
        v = self._value
        if v < 0:
            raise ValueError("cannot convert negative integer to unsigned")
        if v >> LONG_BIT:
            raise OverflowError("rbigint too large to convert to unsigned int")
        return r_uint(v)

    def uintmask(self):
        """The low 64 bits of the value (two's complement) as an `r_uint`."""
        return r_uint(self._value)

    def intmask(self):
        """The low 64 bits of the value as a signed machine integer."""
        return intmask(self._value)

    def tofloat(self):
        """The nearest float; `OverflowError` if out of the float range."""
        return float(self._value)

    def tobool(self):
        """True unless the value is zero."""
        return self.sign != 0

    def tobytes(self, nbytes, byteorder, signed):
        """The value as `nbytes` bytes; `OverflowError` if it does not fit."""
        return self._value.to_bytes(nbytes, byteorder, signed=signed)

    def str(self):
        """Decimal representation, `-` for negative values."""
        return str(self._value)

    def repr(self):
        """Same as `str()` (no `L` suffix: this is Python 3)."""
        return str(self._value)

    def format(self, digits, prefix="", suffix=""):
        """Representation in base `len(digits)`, writing digit `d` as
        `digits[d]`, with `prefix` after the sign and `suffix` at the end:
        `format("0123456789abcdef", "0x")` gives hexadecimal."""
        base = len(digits)
        if base < 2:
            raise ValueError("format: need at least two digits")
        v = abs(self._value)
        out = []
        while True:
            v, d = divmod(v, base)
            out.append(digits[d])
            if v == 0:
                break
        out.reverse()
        sign = "-" if self.sign < 0 else ""
        return sign + prefix + "".join(out) + suffix

    def __repr__(self):
        return "rbigint(%d)" % (self._value,)

    # -- arithmetic with another rbigint -----------------------------------

    def add(self, other):
        """self + other."""
        return rbigint(self._value + _value(other))

    def sub(self, other):
        """self - other."""
        return rbigint(self._value - _value(other))

    def mul(self, other):
        """self * other."""
        return rbigint(self._value * _value(other))

    def floordiv(self, other):
        """self // other, rounding towards minus infinity;
        `ZeroDivisionError` if other is zero."""
        o = _value(other)
        if o == 0:
            raise ZeroDivisionError("long division or modulo by zero")
        return rbigint(self._value // o)

    div = floordiv

    def truediv(self, other):
        """self / other as a float."""
        o = _value(other)
        if o == 0:
            raise ZeroDivisionError("long division by zero")
        return self._value / o

    def mod(self, other):
        """self % other, with the sign of other; `ZeroDivisionError` if
        other is zero."""
        o = _value(other)
        if o == 0:
            raise ZeroDivisionError("long division or modulo by zero")
        return rbigint(self._value % o)

    def divmod(self, other):
        """The pair (self // other, self % other)."""
        o = _value(other)
        if o == 0:
            raise ZeroDivisionError("long division or modulo by zero")
        q, r = divmod(self._value, o)
        return rbigint(q), rbigint(r)

    def pow(self, other, modulus=None):
        """self ** other, or (self ** other) % modulus. A negative exponent
        raises `ValueError` (the result would not be an integer), as does
        a zero modulus."""
        e = _value(other)
        if e < 0:
            raise ValueError("bigint pow() with a negative exponent")
        if modulus is None:
            return rbigint(self._value ** e)
        m = _value(modulus)
        if m == 0:
            raise ValueError("pow() 3rd argument cannot be 0")
        return rbigint(pow(self._value, e, m))

    def neg(self):
        """-self."""
        return rbigint(-self._value)

    def abs(self):
        """abs(self)."""
        return rbigint(abs(self._value))

    def invert(self):
        """~self, that is -self - 1."""
        return rbigint(~self._value)

    def lshift(self, n):
        """self << n for a machine integer n >= 0 (`ValueError` if n < 0)."""
        n = _machine_int(n)
        if n < 0:
            raise ValueError("negative shift count")
        return rbigint(self._value << n)

    def rshift(self, n):
        """self >> n (arithmetic shift) for a machine integer n >= 0."""
        n = _machine_int(n)
        if n < 0:
            raise ValueError("negative shift count")
        return rbigint(self._value >> n)

    def and_(self, other):
        """self & other (two's complement semantics for negative values)."""
        return rbigint(self._value & _value(other))

    def or_(self, other):
        """self | other."""
        return rbigint(self._value | _value(other))

    def xor(self, other):
        """self ^ other."""
        return rbigint(self._value ^ _value(other))

    def gcd(self, other):
        """The non-negative greatest common divisor of self and other."""
        a = abs(self._value)
        b = abs(_value(other))
        while b:
            a, b = b, a % b
        return rbigint(a)

    # -- arithmetic with a machine integer ---------------------------------

    def int_add(self, i):
        """self + i for a machine integer i."""
        return rbigint(self._value + _machine_int(i))

    def int_sub(self, i):
        """self - i for a machine integer i."""
        return rbigint(self._value - _machine_int(i))

    def int_mul(self, i):
        """self * i for a machine integer i."""
        return rbigint(self._value * _machine_int(i))

    def int_floordiv(self, i):
        """self // i for a machine integer i."""
        return self.floordiv(rbigint.fromint(i))

    def int_mod(self, i):
        """self % i for a machine integer i."""
        return self.mod(rbigint.fromint(i))

    def int_divmod(self, i):
        """divmod(self, i) for a machine integer i."""
        return self.divmod(rbigint.fromint(i))

    def int_and_(self, i):
        """self & i for a machine integer i."""
        return rbigint(self._value & _machine_int(i))

    def int_or_(self, i):
        """self | i for a machine integer i."""
        return rbigint(self._value | _machine_int(i))

    def int_xor(self, i):
        """self ^ i for a machine integer i."""
        return rbigint(self._value ^ _machine_int(i))

    # -- comparisons -------------------------------------------------------

    def eq(self, other):
        """self == other."""
        return self._value == _value(other)

    def ne(self, other):
        """self != other."""
        return self._value != _value(other)

    def lt(self, other):
        """self < other."""
        return self._value < _value(other)

    def le(self, other):
        """self <= other."""
        return self._value <= _value(other)

    def gt(self, other):
        """self > other."""
        return self._value > _value(other)

    def ge(self, other):
        """self >= other."""
        return self._value >= _value(other)

    def int_eq(self, i):
        """self == i for a machine integer i."""
        return self._value == _machine_int(i)

    def int_ne(self, i):
        """self != i for a machine integer i."""
        return self._value != _machine_int(i)

    def int_lt(self, i):
        """self < i for a machine integer i."""
        return self._value < _machine_int(i)

    def int_le(self, i):
        """self <= i for a machine integer i."""
        return self._value <= _machine_int(i)

    def int_gt(self, i):
        """self > i for a machine integer i."""
        return self._value > _machine_int(i)

    def int_ge(self, i):
        """self >= i for a machine integer i."""
        return self._value >= _machine_int(i)

    # -- other queries -----------------------------------------------------

    def bit_length(self):
        """The number of bits needed for abs(self), 0 for zero."""
        return self._value.bit_length()

    def hash(self):
        """The hash of the value, as in the original toolchain: for a value
        that fits a machine integer it is that integer (the same as
        `compute_hash` of the int), otherwise the magnitude's 63-bit digits
        are folded by rotate-and-add modulo 2**64 - 1, and the sign
        applied."""
        magnitude = abs(self._value)
        digits = []
        while magnitude:
            digits.append(magnitude & _DIGIT_MASK)
            magnitude >>= _SHIFT
        x = 0
        for digit in reversed(digits):
            x = ((x << _SHIFT) | (x >> (LONG_BIT - _SHIFT))) & LONG_MASK
            x += digit
            if x > LONG_MASK:
                # end-around carry: keeps the value modulo 2**64 - 1
                x = (x + 1) & LONG_MASK
        return intmask(intmask(x) * self.sign)


NULLRBIGINT = rbigint(0)
"""The rbigint zero."""

ONERBIGINT = rbigint(1)
"""The rbigint one."""
