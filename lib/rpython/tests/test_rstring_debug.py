"""Tests of rpython.rlib.rstring and rpython.rlib.debug."""

import io
import sys
import unittest

from rpython.rlib.debug import (
    check_nonneg,
    debug_print,
    debug_start,
    debug_stop,
    ll_assert,
    make_sure_not_resized,
)
from rpython.rlib.rstring import StringBuilder, UnicodeBuilder


class StringBuilderTest(unittest.TestCase):
    def test_append_and_build(self):
        for cls in [StringBuilder, UnicodeBuilder]:
            b = cls()
            self.assertEqual(b.build(), "")
            b.append("abc")
            b.append_slice("0123456", 2, 5)
            b.append_multiple_char("x", 3)
            b.append_multiple_char("y", 0)
            self.assertEqual(b.getlength(), 9)
            self.assertEqual(b.build(), "abc234xxx")
            b.append("é")
            self.assertEqual(b.build(), "abc234xxxé")
            self.assertEqual(b.getlength(), 10)

    def test_init_size(self):
        b = StringBuilder(init_size=1000)
        b.append("z")
        self.assertEqual(b.build(), "z")
        self.assertEqual(StringBuilder(5).getlength(), 0)

    def test_bad_arguments(self):
        b = StringBuilder()
        with self.assertRaises(TypeError):
            b.append(5)
        with self.assertRaises(AssertionError):
            b.append_slice("abc", 2, 1)
        with self.assertRaises(AssertionError):
            b.append_multiple_char("ab", 2)


class DebugTest(unittest.TestCase):
    def test_ll_assert(self):
        ll_assert(True, "fine")
        with self.assertRaises(AssertionError) as cm:
            ll_assert(1 > 2, "boom")
        self.assertEqual(str(cm.exception), "boom")

    def test_debug_print(self):
        saved = sys.stderr
        sys.stderr = io.StringIO()
        try:
            debug_print("a", 1, 2.5)
            out = sys.stderr.getvalue()
        finally:
            sys.stderr = saved
        self.assertEqual(out, "a 1 2.5\n")

    def test_misc(self):
        lst = [1, 2]
        self.assertIs(make_sure_not_resized(lst), lst)
        self.assertEqual(check_nonneg(3), 3)
        with self.assertRaises(AssertionError):
            check_nonneg(-1)
        debug_start("gc")
        debug_stop("gc")


if __name__ == "__main__":
    unittest.main()
