"""Tests of rpython.rlib.rbigint against Python's own integers."""

import unittest

from rpython.rlib.objectmodel import compute_hash
from rpython.rlib.rarithmetic import intmask, r_uint
from rpython.rlib.rbigint import ONERBIGINT, NULLRBIGINT, rbigint

VALUES = [
    0, 1, -1, 2, -2, 3, -3, 7, -7, 10, -10, 255, -256,
    2**31 - 1, -(2**31), 2**32, 2**63 - 1, -(2**63), 2**63, -(2**63) - 1,
    2**64, -(2**64), 3**50, -(3**50), 12345678901234567890123,
    -98765432109876543210987654321,
]
SMALL = [0, 1, -1, 2, -3, 7, -8, 1000, -1000, 2**62, -(2**62)]


def big(v):
    return rbigint.fromlong(v)


class ConversionTest(unittest.TestCase):
    def test_roundtrip_str(self):
        for v in VALUES:
            self.assertEqual(big(v).str(), str(v))
            self.assertEqual(big(v).repr(), str(v))
            self.assertEqual(rbigint.fromstr(str(v)).str(), str(v))

    def test_fromstr_bases(self):
        self.assertEqual(rbigint.fromstr("ff", 16).toint(), 255)
        self.assertEqual(rbigint.fromstr("  -101 ", 2).toint(), -5)
        self.assertEqual(rbigint.fromstr("0x1f", 0).toint(), 31)
        self.assertEqual(rbigint.fromstr("z", 36).toint(), 35)
        for bad in ["", "12a", "1_0", "--1"]:
            with self.assertRaises(ValueError):
                rbigint.fromstr(bad)

    def test_toint(self):
        self.assertEqual(big(2**63 - 1).toint(), 2**63 - 1)
        self.assertEqual(big(-(2**63)).toint(), -(2**63))
        with self.assertRaises(OverflowError):
            big(2**63).toint()
        with self.assertRaises(OverflowError):
            big(-(2**63) - 1).toint()
        self.assertEqual(rbigint.fromint(-42).toint(), -42)

    def test_unsigned(self):
        self.assertEqual(big(2**64 - 1).touint(), r_uint(-1))
        with self.assertRaises(OverflowError):
            big(2**64).touint()
        with self.assertRaises(ValueError):
            big(-1).touint()
        self.assertEqual(big(-1).uintmask(), 2**64 - 1)
        self.assertEqual(big(2**64 + 5).intmask(), 5)

    def test_float(self):
        self.assertEqual(rbigint.fromfloat(3.9).toint(), 3)
        self.assertEqual(rbigint.fromfloat(-3.9).toint(), -3)
        self.assertEqual(rbigint.fromfloat(1e20).str(), "100000000000000000000")
        self.assertEqual(big(2**70).tofloat(), float(2**70))
        with self.assertRaises(OverflowError):
            rbigint.fromfloat(float("inf"))
        with self.assertRaises(ValueError):
            rbigint.fromfloat(float("nan"))
        with self.assertRaises(OverflowError):
            big(10**400).tofloat()

    def test_sign_bool_bits_hash(self):
        for v in VALUES:
            b = big(v)
            self.assertEqual(b.sign, (v > 0) - (v < 0))
            self.assertEqual(b.tobool(), v != 0)
            self.assertEqual(b.bit_length(), v.bit_length())
            if -(2**63) <= v < 2**63:
                self.assertEqual(b.hash(), compute_hash(v))

    def test_hash_of_large_values(self):
        self.assertEqual(big(2**64 - 1).hash(), -1)
        self.assertEqual(big(-(2**64 - 1)).hash(), 1)
        self.assertEqual(big(2**63).hash(), intmask(2**63))
        self.assertEqual(big(2**64).hash(), 1)
        self.assertEqual(big(-(2**64)).hash(), -1)
        self.assertEqual(big(3**50).hash(), big(3**50).hash())

    def test_format(self):
        self.assertEqual(big(255).format("0123456789abcdef", "0x"), "0xff")
        self.assertEqual(big(-5).format("01"), "-101")
        self.assertEqual(big(0).format("01234567", "0o"), "0o0")
        self.assertEqual(big(3**50).format("0123456789"), str(3**50))

    def test_constants(self):
        self.assertEqual(NULLRBIGINT.toint(), 0)
        self.assertEqual(ONERBIGINT.toint(), 1)


class ArithmeticTest(unittest.TestCase):
    def test_binary_ops(self):
        for a in VALUES:
            for b in VALUES:
                ba = big(a)
                bb = big(b)
                self.assertEqual(ba.add(bb).str(), str(a + b))
                self.assertEqual(ba.sub(bb).str(), str(a - b))
                self.assertEqual(ba.mul(bb).str(), str(a * b))
                self.assertEqual(ba.and_(bb).str(), str(a & b))
                self.assertEqual(ba.or_(bb).str(), str(a | b))
                self.assertEqual(ba.xor(bb).str(), str(a ^ b))
                self.assertEqual(ba.eq(bb), a == b)
                self.assertEqual(ba.ne(bb), a != b)
                self.assertEqual(ba.lt(bb), a < b)
                self.assertEqual(ba.le(bb), a <= b)
                self.assertEqual(ba.gt(bb), a > b)
                self.assertEqual(ba.ge(bb), a >= b)
                if b != 0:
                    self.assertEqual(ba.floordiv(bb).str(), str(a // b))
                    self.assertEqual(ba.mod(bb).str(), str(a % b))
                    q, r = ba.divmod(bb)
                    self.assertEqual((q.str(), r.str()), (str(a // b), str(a % b)))

    def test_negative_floor_division(self):
        cases = [(-7, 2, -4, 1), (7, -2, -4, -1), (-7, -2, 3, -1), (-1, 2**70, -1, 2**70 - 1)]
        for a, b, q, r in cases:
            self.assertEqual(big(a).floordiv(big(b)).str(), str(q))
            self.assertEqual(big(a).mod(big(b)).str(), str(r))
            if abs(b) < 2**63:
                self.assertEqual(big(a).int_floordiv(b).str(), str(q))
                self.assertEqual(big(a).int_mod(b).str(), str(r))

    def test_division_by_zero(self):
        with self.assertRaises(ZeroDivisionError):
            big(5).floordiv(NULLRBIGINT)
        with self.assertRaises(ZeroDivisionError):
            big(5).mod(NULLRBIGINT)
        with self.assertRaises(ZeroDivisionError):
            big(5).divmod(NULLRBIGINT)
        with self.assertRaises(ZeroDivisionError):
            big(5).int_mod(0)

    def test_unary_and_shifts(self):
        for v in VALUES:
            b = big(v)
            self.assertEqual(b.neg().str(), str(-v))
            self.assertEqual(b.abs().str(), str(abs(v)))
            self.assertEqual(b.invert().str(), str(~v))
            for n in [0, 1, 5, 63, 64, 100]:
                self.assertEqual(b.lshift(n).str(), str(v << n))
                self.assertEqual(b.rshift(n).str(), str(v >> n))
        with self.assertRaises(ValueError):
            big(1).lshift(-1)

    def test_pow(self):
        self.assertEqual(big(2).pow(big(100)).str(), str(2**100))
        self.assertEqual(big(-3).pow(big(5)).str(), str((-3) ** 5))
        self.assertEqual(big(7).pow(big(0)).str(), "1")
        self.assertEqual(big(3).pow(big(200), big(1000007)).str(), str(pow(3, 200, 1000007)))
        self.assertEqual(big(-3).pow(big(3), big(-7)).str(), str(pow(-3, 3, -7)))
        with self.assertRaises(ValueError):
            big(2).pow(big(-1))
        with self.assertRaises(ValueError):
            big(2).pow(big(3), NULLRBIGINT)

    def test_int_ops(self):
        for a in VALUES:
            for i in SMALL:
                b = big(a)
                self.assertEqual(b.int_add(i).str(), str(a + i))
                self.assertEqual(b.int_sub(i).str(), str(a - i))
                self.assertEqual(b.int_mul(i).str(), str(a * i))
                self.assertEqual(b.int_eq(i), a == i)
                self.assertEqual(b.int_ne(i), a != i)
                self.assertEqual(b.int_lt(i), a < i)
                self.assertEqual(b.int_le(i), a <= i)
                self.assertEqual(b.int_gt(i), a > i)
                self.assertEqual(b.int_ge(i), a >= i)
                if i != 0:
                    self.assertEqual(b.int_floordiv(i).str(), str(a // i))
                    self.assertEqual(b.int_mod(i).str(), str(a % i))

    def test_truediv_and_gcd(self):
        self.assertEqual(big(7).truediv(big(2)), 3.5)
        self.assertEqual(big(-12).gcd(big(18)).str(), "6")
        self.assertEqual(big(0).gcd(big(-5)).str(), "5")

    def test_type_errors(self):
        with self.assertRaises(TypeError):
            big(1).add(1)
        with self.assertRaises(TypeError):
            big(1).int_add(big(1))
        with self.assertRaises(AssertionError):
            rbigint.fromint(2**63)
        with self.assertRaises(AssertionError):
            big(1).int_mul(-(2**63) - 1)
        self.assertEqual(rbigint.fromlong(2**63).str(), str(2**63))


if __name__ == "__main__":
    unittest.main()
