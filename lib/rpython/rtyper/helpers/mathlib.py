"""Functions of `math` whose CPython results come from CPython's own
algorithms rather than the C library's (which differ in the last digits),
written once for every backend.

`hypot` is CPython's `vector_norm` for two coordinates: the coordinates
scaled to below 1 by a power of two, their squares summed without rounding
error (products split exactly with a fused multiply-add, sums with a
two-sum), a square root, then one step of correction.
"""

import math

from rpython.rlib.rarithmetic import r_uint
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
