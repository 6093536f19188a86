"""Functions of `math` whose CPython results come from CPython's own
algorithms rather than the C library's (which differ in the last digits),
written once for every backend.

`hypot` is CPython's `vector_norm` for two coordinates: the coordinates
scaled to below 1 by a power of two, their squares summed without rounding
error (products split exactly with a fused multiply-add, sums with a
two-sum), a square root, then one step of correction.
"""

import math

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
