"""Tests of rpython.rlib.rarithmetic: wrapping and checked arithmetic."""

import unittest

from rpython.rlib.rarithmetic import (
    LONG_BIT,
    int_between,
    intmask,
    longlongmask,
    ovfcheck_float_to_int,
    is_valid_int,
    ovfcheck,
    r_int64,
    r_uint,
    r_uint64,
    widen,
)

MAX = 2**63 - 1
MIN = -(2**63)


class IntmaskTest(unittest.TestCase):
    def test_long_bit(self):
        self.assertEqual(LONG_BIT, 64)

    def test_in_range_unchanged(self):
        for v in [0, 1, -1, 12345, -98765, MAX, MIN]:
            self.assertEqual(intmask(v), v)

    def test_wraps(self):
        self.assertEqual(intmask(MAX + 1), MIN)
        self.assertEqual(intmask(MIN - 1), MAX)
        self.assertEqual(intmask(2**64), 0)
        self.assertEqual(intmask(2**64 + 5), 5)
        self.assertEqual(intmask(2**64 - 1), -1)
        self.assertEqual(intmask(MAX * 3), intmask(MAX + MAX + MAX))

    def test_returns_plain_int(self):
        self.assertIs(type(intmask(r_uint(5))), int)
        self.assertEqual(intmask(r_uint(-1)), -1)
        self.assertIs(type(intmask(True)), int)

    def test_multiplication_wraps_like_c(self):
        x = 0x123456789ABCDEF
        self.assertEqual(intmask(x * x), ((x * x + 2**63) % 2**64) - 2**63)


class OvfcheckTest(unittest.TestCase):
    def test_boundaries_pass(self):
        self.assertEqual(ovfcheck(MAX), MAX)
        self.assertEqual(ovfcheck(MIN), MIN)
        self.assertEqual(ovfcheck(MAX - 1 + 1), MAX)
        self.assertEqual(ovfcheck(0), 0)

    def test_boundaries_fail(self):
        with self.assertRaises(OverflowError):
            ovfcheck(MAX + 1)
        with self.assertRaises(OverflowError):
            ovfcheck(MIN - 1)
        with self.assertRaises(OverflowError):
            ovfcheck(MAX * 2)
        with self.assertRaises(OverflowError):
            ovfcheck(-MIN)

    def test_unsigned_is_an_error(self):
        with self.assertRaises(AssertionError):
            ovfcheck(r_uint(3))

    def test_is_valid_int(self):
        self.assertTrue(is_valid_int(MAX))
        self.assertTrue(is_valid_int(MIN))
        self.assertFalse(is_valid_int(MAX + 1))
        self.assertFalse(is_valid_int(1.0))
        self.assertFalse(is_valid_int("1"))

    def test_widen(self):
        self.assertEqual(widen(42), 42)
        self.assertIs(type(widen(42)), int)


class RUintTest(unittest.TestCase):
    def test_construction_masks(self):
        self.assertEqual(r_uint(-1), 2**64 - 1)
        self.assertEqual(r_uint(2**64 + 3), 3)
        self.assertEqual(r_uint(), 0)

    def test_wrapping_arithmetic(self):
        self.assertEqual(r_uint(0) - 1, 2**64 - 1)
        self.assertEqual(r_uint(2**64 - 1) + 1, 0)
        self.assertEqual(r_uint(2**63) * 2, 0)
        self.assertEqual(r_uint(1) << 64, 0)
        self.assertEqual(r_uint(1) << 63, 2**63)
        self.assertEqual(-r_uint(1), 2**64 - 1)
        self.assertEqual(~r_uint(0), 2**64 - 1)
        self.assertEqual(r_uint(3) ** 41, 3**41 % 2**64)

    def test_mixed_gives_r_uint(self):
        for value in [r_uint(3) + 1, 1 + r_uint(3), r_uint(3) - 5, 5 - r_uint(3),
                      r_uint(6) * 7, 7 * r_uint(6), r_uint(7) // 2, 100 // r_uint(7),
                      r_uint(7) % 4, r_uint(12) & 10, 10 | r_uint(12), r_uint(12) ^ 10,
                      r_uint(1) << 3, r_uint(16) >> 2]:
            self.assertIs(type(value), r_uint)
        self.assertEqual(5 - r_uint(3), 2)
        self.assertEqual(r_uint(3) - 5, 2**64 - 2)

    def test_division_and_shift(self):
        self.assertEqual(r_uint(-1) // 2, 2**63 - 1)
        self.assertEqual(r_uint(-1) >> 63, 1)
        self.assertEqual(r_uint(-8) % 3, (2**64 - 8) % 3)

    def test_float_mix_gives_float(self):
        self.assertEqual(r_uint(3) + 0.5, 3.5)
        self.assertIs(type(r_uint(3) * 1.0), float)

    def test_comparisons_and_hash(self):
        self.assertTrue(r_uint(-1) > 0)
        self.assertTrue(r_uint(5) == 5)
        self.assertEqual(hash(r_uint(5)), hash(5))
        self.assertEqual(str(r_uint(-1)), "18446744073709551615")

    def test_aliases(self):
        self.assertIs(r_uint64, r_uint)


class HelpersTest(unittest.TestCase):
    def test_longlongmask(self):
        self.assertEqual(longlongmask(2**63), MIN)
        self.assertIs(type(longlongmask(5)), r_int64)

    def test_int_between(self):
        self.assertTrue(int_between(0, 0, 3))
        self.assertFalse(int_between(0, 3, 3))
        self.assertFalse(int_between(0, -1, 3))

    def test_ovfcheck_float_to_int(self):
        self.assertEqual(ovfcheck_float_to_int(-3.7), -3)
        self.assertEqual(ovfcheck_float_to_int(-9223372036854775808.0), MIN)
        for bad in [9223372036854775808.0, float("inf"), float("-inf"), float("nan"), 1e300]:
            with self.assertRaises(OverflowError):
                ovfcheck_float_to_int(bad)


class RInt64Test(unittest.TestCase):
    def test_arithmetic_in_range(self):
        self.assertEqual(r_int64(5) + 3, 8)
        self.assertIs(type(r_int64(5) + 3), r_int64)
        self.assertEqual(r_int64(-7) // 2, -4)
        self.assertEqual(r_int64(MIN), MIN)

    def test_out_of_range_raises(self):
        # As in the original toolchain: untranslated, signed sized
        # integers detect the overflow that translated code would wrap.
        with self.assertRaises(OverflowError):
            r_int64(MAX + 1)
        with self.assertRaises(OverflowError):
            r_int64(MAX) + 1

    def test_signed_unsigned_mix_is_unsigned(self):
        self.assertIs(type(r_int64(-1) + r_uint(0)), r_uint)
        self.assertEqual(r_int64(-1) + r_uint(0), 2**64 - 1)


if __name__ == "__main__":
    unittest.main()
