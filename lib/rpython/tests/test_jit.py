"""Tests of rpython.rlib.jit: JitDriver argument checking and hints."""

import unittest

from rpython.rlib import jit


class JitDriverTest(unittest.TestCase):
    def setUp(self):
        self.driver = jit.JitDriver(greens=["pc", "code"], reds=["frame", "acc"])

    def test_exact_arguments_accepted(self):
        self.driver.jit_merge_point(pc=0, code="x", frame=None, acc=1)
        self.driver.can_enter_jit(code="x", pc=3, acc=2, frame=None)

    def test_missing_argument(self):
        with self.assertRaises(TypeError) as cm:
            self.driver.jit_merge_point(pc=0, code="x", frame=None)
        self.assertIn("acc", str(cm.exception))

    def test_unexpected_argument(self):
        with self.assertRaises(TypeError) as cm:
            self.driver.can_enter_jit(pc=0, code="x", frame=None, acc=1, extra=2)
        self.assertIn("extra", str(cm.exception))

    def test_check_untranslated_off(self):
        d = jit.JitDriver(greens=["pc"], reds=["x"], check_untranslated=False)
        d.jit_merge_point()

    def test_error_is_a_type_error(self):
        self.assertTrue(issubclass(jit.JitHintError, TypeError))

    def test_order_of_kinds(self):
        class Frame:
            pass

        ok = jit.JitDriver(greens=["pc", "code"], reds=["n", "frame", "x"])
        ok.jit_merge_point(pc=1, code="abc", n=3, frame=Frame(), x=1.5)
        bad = jit.JitDriver(greens=["pc"], reds=["x", "n"])
        with self.assertRaises(jit.JitHintError) as cm:
            bad.jit_merge_point(pc=0, x=2.5, n=1)
        self.assertIn("bad order of reds", str(cm.exception))
        bad_greens = jit.JitDriver(greens=["code", "pc"], reds=["n"])
        with self.assertRaises(jit.JitHintError):
            bad_greens.jit_merge_point(code=[1, 2], pc=0, n=0)
        unknown = jit.JitDriver(greens=["c"], reds=["f", "n"])
        unknown.jit_merge_point(c="x", f=None, n=1)

    def test_can_enter_jit_placement(self):
        d = jit.JitDriver(greens=["pc"], reds=["n"])
        d.can_enter_jit(pc=1, n=2)
        d.jit_merge_point(pc=1, n=2)
        d.can_enter_jit(pc=1, n=2)
        with self.assertRaises(jit.JitHintError):
            d.jit_merge_point(pc=1, n=3)

    def test_dotted_greens_rejected(self):
        with self.assertRaises(ValueError):
            jit.JitDriver(greens=["frame.pc"], reds=["frame"])

    def test_declaration_errors(self):
        with self.assertRaises(TypeError):
            jit.JitDriver(greens=["a"], reds=["b"], virtualizables=["a"])
        with self.assertRaises(TypeError):
            jit.JitDriver(greens=["a"], reds=["a"])
        with self.assertRaises(TypeError):
            jit.JitDriver(greens=["a"], reds=["b"], get_jitcell_at=lambda a: None)

    def test_auto_reds(self):
        d = jit.JitDriver(greens=["pc"], reds="auto")
        self.assertTrue(d.autoreds)
        d.jit_merge_point(pc=1)
        with self.assertRaises(TypeError):
            d.can_enter_jit(pc=1)

    def test_attributes(self):
        self.assertEqual(self.driver.greens, ["pc", "code"])
        self.assertEqual(self.driver.reds, ["frame", "acc"])
        self.assertEqual(self.driver.numreds, 2)


class HintTest(unittest.TestCase):
    def test_value_hints(self):
        obj = object()
        self.assertIs(jit.promote(obj), obj)
        self.assertEqual(jit.promote_string("ab"), "ab")
        self.assertEqual(jit.hint(5, promote=True), 5)
        self.assertFalse(jit.we_are_jitted())
        self.assertFalse(jit.isconstant(3))
        self.assertFalse(jit.isvirtual(obj))
        jit.set_param(None, "threshold", 100)

    def test_decorators(self):
        def f(x):
            return x + 1

        self.assertIs(jit.elidable(f), f)
        self.assertTrue(f._elidable_function_)
        self.assertIs(jit.unroll_safe(f), f)
        self.assertTrue(f._jit_unroll_safe_)
        self.assertIs(jit.dont_look_inside(f), f)
        self.assertFalse(f._jit_look_inside_)
        g = jit.look_inside_iff(lambda x: jit.isconstant(x))(f)
        self.assertEqual(g(1), 2)


if __name__ == "__main__":
    unittest.main()
