"""A small stand-in for the `unittest` module, enough to run the suite of
the `rpython` support package (lib/rpython/tests) on rpy's import-time
interpreter, which has no `unittest`. Only run_rlib_tests.py imports it:
under CPython the suite runs with the real module."""


class SkipTest(Exception):
    pass


class _RaisesContext:
    def __init__(self, expected):
        self.expected = expected
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            raise AssertionError("%s not raised" % self.expected.__name__)
        if not issubclass(exc_type, self.expected):
            return False
        self.exception = exc
        return True


class TestCase:
    def __init__(self, method_name="runTest"):
        self._method_name = method_name

    def setUp(self):
        pass

    def tearDown(self):
        pass

    def fail(self, msg=None):
        raise AssertionError(msg or "failed")

    def assertEqual(self, first, second, msg=None):
        if not first == second:
            raise AssertionError(msg or "%r != %r" % (first, second))

    def assertNotEqual(self, first, second, msg=None):
        if first == second:
            raise AssertionError(msg or "%r == %r" % (first, second))

    def assertTrue(self, expr, msg=None):
        if not expr:
            raise AssertionError(msg or "%r is not true" % (expr,))

    def assertFalse(self, expr, msg=None):
        if expr:
            raise AssertionError(msg or "%r is not false" % (expr,))

    def assertIs(self, first, second, msg=None):
        if first is not second:
            raise AssertionError(msg or "%r is not %r" % (first, second))

    def assertIsNot(self, first, second, msg=None):
        if first is second:
            raise AssertionError(msg or "unexpectedly identical: %r" % (first,))

    def assertIsNone(self, obj, msg=None):
        self.assertIs(obj, None, msg)

    def assertIsNotNone(self, obj, msg=None):
        self.assertIsNot(obj, None, msg)

    def assertIn(self, member, container, msg=None):
        if member not in container:
            raise AssertionError(msg or "%r not found in %r" % (member, container))

    def assertNotIn(self, member, container, msg=None):
        if member in container:
            raise AssertionError(msg or "%r unexpectedly found in %r" % (member, container))

    def assertIsInstance(self, obj, cls, msg=None):
        if not isinstance(obj, cls):
            raise AssertionError(msg or "%r is not an instance of %r" % (obj, cls))

    def assertNotIsInstance(self, obj, cls, msg=None):
        if isinstance(obj, cls):
            raise AssertionError(msg or "%r is an instance of %r" % (obj, cls))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            raise AssertionError(msg or "%r not less than %r" % (a, b))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            raise AssertionError(msg or "%r not greater than %r" % (a, b))

    def assertAlmostEqual(self, first, second, places=7, msg=None):
        if round(abs(first - second), places) != 0:
            raise AssertionError(msg or "%r != %r within %d places" % (first, second, places))

    def assertRaises(self, expected, *args, **kwargs):
        context = _RaisesContext(expected)
        if not args:
            return context
        with context:
            args[0](*args[1:], **kwargs)
        return context


def main():
    raise SystemExit("run the suite with run_rlib_tests.py")
