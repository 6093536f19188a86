"""`rpython.rtyper.helpers.mathlib.hypot` against CPython's `math.hypot`:
the same float, bit for bit, over coordinates of every magnitude
(subnormal to near overflow), zeros, infinities and NaNs."""

import math
import random
import unittest

from rpython.rlib.rfloat import fma
from rpython.rtyper.helpers.mathlib import hypot


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
