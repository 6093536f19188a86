"""Functions of `math` whose CPython results come from CPython's own
algorithms rather than the C library's (which differ in the last digits),
written once for every backend.

`hypot` is CPython's `vector_norm` for two coordinates: the coordinates
scaled to below 1 by a power of two, their squares summed without rounding
error (products split exactly with a fused multiply-add, sums with a
two-sum), a square root, then one step of correction.
"""

import math

from rpython.rlib.rarithmetic import intmask, r_uint
from rpython.rlib.rfloat import fma

DBL_MIN = 2.2250738585072014e-308


def _norm(x, y, biggest):
    """The norm of two finite, non-negative coordinates at most
    `biggest`, which is positive."""
    mantissa, exponent = math.frexp(biggest)
    if exponent < -1023:
        # Subnormal: scaling by 2 ** -exponent would overflow.
        return DBL_MIN * _norm(x / DBL_MIN, y / DBL_MIN, biggest / DBL_MIN)
    scale = math.ldexp(1.0, -exponent)
    csum = 1.0
    frac1 = 0.0
    frac2 = 0.0
    for v in [x, y]:
        v = v * scale
        hi = v * v
        lo = fma(v, v, -hi)
        total = csum + hi
        frac2 += (csum - total) + hi
        csum = total
        frac1 += lo
    h = math.sqrt(csum - 1.0 + (frac1 + frac2))
    hi = -h * h
    lo = fma(-h, h, -hi)
    total = csum + hi
    frac2 += (csum - total) + hi
    csum = total
    frac1 += lo
    correction = csum - 1.0 + (frac1 + frac2)
    h += correction / (2.0 * h)
    return h / scale


def hypot(x, y):
    """`math.hypot(x, y)`, exactly as CPython computes it."""
    x = math.fabs(x)
    y = math.fabs(y)
    if math.isinf(x) or math.isinf(y):
        return math.inf
    if math.isnan(x) or math.isnan(y):
        return math.nan
    biggest = x if x > y else y
    if biggest == 0.0:
        return biggest
    return _norm(x, y, biggest)


# `int / int`: the correctly rounded quotient, as CPython computes it for
# ints of any size (not float(a) / float(b), which rounds twice once an
# operand has more than 53 bits).

def _magnitude(a):
    """|a| as an unsigned int (exact for the most negative int too)."""
    if a < 0:
        return r_uint(0) - r_uint(a)
    return r_uint(a)


def int_truediv(a, b):
    """`a / b` for ints: ZeroDivisionError for b == 0, else the float
    nearest to the exact quotient (ties to even)."""
    if b == 0:
        raise ZeroDivisionError("division by zero")
    ua = _magnitude(a)
    ub = _magnitude(b)
    two53 = r_uint(1) << 53
    if ua == 0 or (ua <= two53 and ub <= two53):
        # Both exact as floats: one rounding, in the division (and a zero
        # dividend gives a zero of the quotient's sign).
        return float(a) / float(b)
    q = ua // ub
    r = ua - q * ub
    # Long division until the quotient has 55 bits: 53 kept, a rounding
    # bit, and a lowest bit that records whether anything is left over
    # (so a tie is told from a value just above or below it).
    shift = 0
    while q < two53 << 1:
        r = r << 1
        q = q << 1
        if r >= ub:
            q = q | r_uint(1)
            r = r - ub
        shift += 1
    if r != 0:
        q = q | r_uint(1)
    result = math.ldexp(float(q), -shift)
    if (a < 0) != (b < 0):
        return -result
    return result


# `divmod` and `round`, as CPython computes them.

def int_divmod(x, y):
    """`divmod(x, y)` for ints: floor division and the matching modulo."""
    return (x // y, x % y)


def float_divmod(x, y):
    """`divmod(x, y)` for floats, with CPython's ZeroDivisionError."""
    if y == 0.0:
        raise ZeroDivisionError("float divmod()")
    return (x // y, x % y)


def float_round_to_int(x):
    """`round(x)` for a float: the nearest int, ties to even; CPython's
    errors for infinities and NaN."""
    if math.isnan(x):
        raise ValueError("cannot convert float NaN to integer")
    if math.isinf(x):
        raise OverflowError("cannot convert float infinity to integer")
    if abs(x) >= 4503599627370496.0:
        return int(x)  # 2 ** 52 and beyond: already an integer
    y = math.floor(x)
    rest = x - y
    if rest > 0.5 or (rest == 0.5 and y % 2 == 1):
        y += 1
    return y


def _decimal_exponent(x):
    """The exponent of the first significant digit of a finite, non-zero
    float's exact decimal value."""
    text = '%.30e' % x
    return int(text[text.index('e') + 1:])


def float_round(x, ndigits):
    """`round(x, ndigits)` for a float: the float nearest to the decimal
    value of `x` correctly rounded (ties to even) to `ndigits` digits
    after the point, as CPython's `double_round` computes it."""
    if math.isinf(x) or math.isnan(x) or x == 0.0:
        return x
    if ndigits > 323:
        return x
    if ndigits < -308:
        return 0.0 * x
    if ndigits >= 0:
        text = '%.*f' % (ndigits, x)
    else:
        # Keep the digits above 10 ** -ndigits: as many significant ones
        # as the exponent leaves.
        kept = _decimal_exponent(x) + 1 + ndigits
        if kept > 0:
            text = '%.*e' % (kept - 1, x)
        elif kept < 0:
            return 0.0 * x
        else:
            # The unit is just above the first digit: up when the exact
            # value is more than half of it, down (to 0, which is even)
            # when at most half.
            exact = '%.800e' % abs(x)
            first = exact[0]
            up = first > '5'
            if first == '5':
                digits = exact[2:exact.index('e')]
                up = digits.strip('0') != ''
            if not up:
                return 0.0 * x
            text = '1e%d' % (_decimal_exponent(x) + 1)
            if x < 0.0:
                text = '-' + text
    result = float(text)
    if math.isinf(result):
        raise OverflowError("rounded value too large to represent")
    return result


def int_round(x, ndigits):
    """`round(x, ndigits)` for an int: unchanged for ndigits >= 0, else
    the nearest multiple of 10 ** -ndigits, ties to even (a result beyond
    64 bits wraps, as int arithmetic does)."""
    if ndigits >= 0:
        return x
    if ndigits < -19:
        return 0
    if ndigits == -19:
        # The unit 10 ** 19 is beyond 64 bits: |x| < 10 ** 19 rounds to 0
        # or to one unit.
        # (10 ** 19 wraps to 10 ** 19 - 2 ** 64, and its negation to
        # 2 ** 64 - 10 ** 19.)
        half = 5000000000000000000
        if x > half:
            return -8446744073709551616
        if x < -half:
            return 8446744073709551616
        return 0
    unit = 1
    for i in range(-ndigits):
        unit *= 10
    q = x // unit
    r = x - q * unit
    if 2 * r > unit or (2 * r == unit and q % 2 == 1):
        q += 1
    return intmask(r_uint(q) * r_uint(unit))


# `hash()` of numbers, as CPython computes it: the value modulo the
# Mersenne prime 2 ** 61 - 1, with the sign (and -1, the C API's error
# value, replaced by -2), so that equal ints and floats hash the same.

HASH_BITS = 61
HASH_MODULUS = (1 << 61) - 1
HASH_INF = 314159


def int_hash(x):
    """`hash(x)` for an int."""
    if x >= 0:
        return x % HASH_MODULUS
    h = intmask((r_uint(0) - r_uint(x)) % r_uint(HASH_MODULUS))
    if h == 1:
        return -2
    return -h


def float_hash(x):
    """`hash(x)` for a float (CPython's `_Py_HashDouble`; a NaN, which
    CPython hashes by identity, gives 0)."""
    if math.isinf(x):
        if x > 0.0:
            return HASH_INF
        return -HASH_INF
    if math.isnan(x):
        return 0
    m, e = math.frexp(x)
    sign = 1
    if m < 0.0:
        sign = -1
        m = -m
    modulus = r_uint(HASH_MODULUS)
    acc = r_uint(0)
    while m != 0.0:
        acc = ((acc << 28) & modulus) | (acc >> (HASH_BITS - 28))
        m *= 268435456.0
        e -= 28
        y = int(m)
        m -= float(y)
        acc += r_uint(y)
        if acc >= modulus:
            acc -= modulus
    if e >= 0:
        e = e % HASH_BITS
    else:
        e = HASH_BITS - 1 - ((-1 - e) % HASH_BITS)
    acc = ((acc << e) & modulus) | (acc >> (HASH_BITS - e))
    h = intmask(acc) * sign
    if h == -1:
        return -2
    return h
