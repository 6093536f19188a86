"""Float operations RPython programs (and the translator's own helpers)
need beyond Python's: `fma`, a fused multiply-add."""

import math


def fma(x, y, z):
    """`x * y + z` rounded once, as C's `fma`. Translated, the C library's;
    untranslated, computed exactly with fractions."""
    from fractions import Fraction

    if not (math.isfinite(x) and math.isfinite(y) and math.isfinite(z)):
        return x * y + z
    exact = Fraction(x) * Fraction(y) + Fraction(z)
    try:
        r = float(exact)
    except OverflowError:
        return math.inf if exact > 0 else -math.inf
    if r == 0.0 and exact == 0:
        # The sign of an exact zero: as IEEE addition gives it.
        return x * y + z
    return r
