"""`rpython.rtyper.helpers.mathlib.hypot` against CPython's `math.hypot`:
the same float, bit for bit, over coordinates of every magnitude
(subnormal to near overflow), zeros, infinities and NaNs."""

import math
import random
import unittest

from rpython.rlib.rfloat import fma
from rpython.rtyper.helpers.mathlib import (
    float_divmod,
    float_hash,
    float_round,
    float_round_to_int,
    hypot,
    int_hash,
    int_round,
    int_truediv,
)


class TestHypot(unittest.TestCase):
    def same(self, a, b):
        return a == b or (a != a and b != b)

    def test_random_magnitudes(self):
        rng = random.Random(11)
        for i in range(20000):
            e1, e2 = rng.randint(-330, 305), rng.randint(-330, 305)
            x = rng.uniform(-1, 1) * 10.0 ** e1
            y = rng.uniform(-1, 1) * 10.0 ** e2
            if i % 3 == 0:
                y = x * rng.uniform(0.5, 2.0)
            self.assertTrue(self.same(hypot(x, y), math.hypot(x, y)), (x, y))

    def test_special_values(self):
        special = [0.0, -0.0, 5e-324, 1e-310, 1.0, 3.0, 4.0, 1e308, math.inf, -math.inf, math.nan]
        for x in special:
            for y in special:
                self.assertTrue(self.same(hypot(x, y), math.hypot(x, y)), (x, y))


class TestFma(unittest.TestCase):
    def test_rounds_once(self):
        x = 1.0 + 2.0 ** -30
        # x * x has a bit beyond the double's precision: one rounding keeps it.
        self.assertEqual(fma(x, x, -1.0), 2.0 ** -29 + 2.0 ** -60)
        self.assertEqual(fma(2.0, 3.0, 4.0), 10.0)
        self.assertTrue(math.isinf(fma(1e308, 10.0, 0.0)))


if __name__ == "__main__":
    unittest.main()


class TestIntTrueDiv(unittest.TestCase):
    def check(self, a, b):
        self.assertEqual(int_truediv(a, b).hex(), (a / b).hex(), (a, b))

    def test_edges(self):
        edges = [0, 1, -1, 2, 3, 7, 10, 2**53 - 1, 2**53, 2**53 + 1, 2**53 + 3,
                 2**54 - 1, 2**62, 2**63 - 1, -2**63, -2**63 + 1, 9007199254740993,
                 -9007199254740993, 3 * 2**52 + 1, 6004799503160661]
        for a in edges:
            for b in edges:
                if b != 0:
                    self.check(a, b)
        with self.assertRaises(ZeroDivisionError):
            int_truediv(5, 0)

    def test_random(self):
        rng = random.Random(5)
        for _ in range(50000):
            a = rng.randint(-2**63, 2**63 - 1) >> rng.randint(0, 63)
            b = rng.randint(-2**63, 2**63 - 1) >> rng.randint(0, 63)
            if b != 0:
                self.check(a, b)
        # Near-ties: quotients just around a half-way point.
        for _ in range(20000):
            b = rng.randint(1, 2**20)
            a = (rng.randint(2**53, 2**54) * 2 + 1) * b // 2 + rng.randint(-2, 2)
            if a < 2**63:
                self.check(a, b)
                self.check(-a, b)


class TestRound(unittest.TestCase):
    """round() and divmod() against CPython's, over every magnitude."""

    def same(self, a, b):
        return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (a != a and b != b)

    def outcome(self, f, *args):
        try:
            return f(*args)
        except (OverflowError, ValueError, ZeroDivisionError) as e:
            return type(e).__name__ + ": " + str(e)

    def test_float_ndigits(self):
        rng = random.Random(5)
        ties = [0.5, 2.5, -2.5, 0.125, 0.375, 2.675, 49.0, 50.0, 51.0, 150.0, 5e22, 4.9e22,
                1e308, 1.7976931348623157e308, 5e-324, 0.0, -0.0, math.inf, math.nan]
        cases = [(x, nd) for x in ties for nd in range(-330, 330, 7)]
        for i in range(30000):
            e = rng.randint(-320, 308)
            x = rng.uniform(-10, 10) * 10.0 ** e
            nd = rng.choice([rng.randint(-330, 330), rng.randint(-e - 3, -e + 3)])
            cases.append((x, nd))
        for x, nd in cases:
            want, got = self.outcome(round, x, nd), self.outcome(float_round, x, nd)
            if isinstance(want, str):
                self.assertEqual(want, got, (x, nd))
            else:
                self.assertTrue(self.same(want, got), (x, nd, want, got))

    def test_to_int(self):
        for x in [0.5, 1.5, 2.5, -0.5, -1.5, 3.5, 1e15 + 0.5, 4503599627370497.0, -0.4,
                  0.49999999999999994, 1e18, math.inf, -math.inf, math.nan]:
            self.assertEqual(self.outcome(round, x), self.outcome(float_round_to_int, x), x)

    def test_int_ndigits(self):
        rng = random.Random(6)
        for i in range(20000):
            x = rng.choice([rng.randint(-2 ** 63, 2 ** 63 - 1), rng.randint(-10 ** 6, 10 ** 6),
                            rng.choice([5, 15, 25, -25, 5 * 10 ** 18, -5 * 10 ** 18, 95, 150])])
            nd = rng.randint(-21, 3)
            want = (round(x, nd) + 2 ** 63) % 2 ** 64 - 2 ** 63  # wrapped to 64 bits
            self.assertEqual(want, int_round(x, nd), (x, nd))

    def test_float_divmod(self):
        values = [7.5, -7.5, 0.0, -0.0, 1e308, 5e-324, 3.0, -2.5, math.inf, math.nan]
        for x in values:
            for y in values:
                want, got = self.outcome(divmod, x, y), self.outcome(float_divmod, x, y)
                if isinstance(want, str):
                    self.assertEqual(want, got, (x, y))
                else:
                    self.assertTrue(all(map(self.same, want, got)), (x, y, want, got))


class TestHash(unittest.TestCase):
    """hash() of ints and floats against CPython's."""

    def test_ints(self):
        rng = random.Random(8)
        edges = [0, 1, -1, -2, 2 ** 61 - 1, -(2 ** 61 - 1), 2 ** 61, -(2 ** 61) - 1,
                 2 ** 63 - 1, -(2 ** 63)]
        for x in edges + [rng.randint(-2 ** 63, 2 ** 63 - 1) for _ in range(20000)]:
            self.assertEqual(int_hash(x), hash(x), x)

    def test_floats(self):
        rng = random.Random(9)
        edges = [0.0, -0.0, 0.5, -1.5, 5e-324, 1e-310, 1.7976931348623157e308, 2.0 ** 61,
                 -(2.0 ** 62), math.inf, -math.inf]
        values = [rng.uniform(-10, 10) * 10.0 ** rng.randint(-330, 308) for _ in range(20000)]
        for x in edges + values:
            self.assertEqual(float_hash(x), hash(x), x)
