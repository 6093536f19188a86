"""Runs the unit tests of the `rpython` support package (lib/rpython/tests)
without the `unittest` module, so that rpy's import-time interpreter can
run them: `rpy run tests/rlib_host/run_rlib_tests.py`. The stand-ins for
`unittest` and `io` in this directory are found first. Prints one line
per failing test and a summary; the exit status is the number of
failures."""

import sys
import unittest

from rpython.tests import (
    test_jit,
    test_objectmodel,
    test_rarithmetic,
    test_rbigint,
    test_rstring_debug,
)

MODULES = [test_jit, test_objectmodel, test_rarithmetic, test_rbigint, test_rstring_debug]


def test_cases(module):
    """The TestCase classes of a module and their test methods, sorted."""
    cases = []
    for name, value in sorted(module.__dict__.items()):
        if isinstance(value, type) and issubclass(value, unittest.TestCase):
            methods = set()
            for klass in value.__mro__:
                for attr in klass.__dict__:
                    if attr.startswith("test"):
                        methods.add(attr)
            cases.append((name, value, sorted(methods)))
    return cases


def run_one(cls, method):
    """None if the test passes, else a description of the failure."""
    case = cls(method)
    try:
        case.setUp()
        try:
            getattr(case, method)()
        finally:
            case.tearDown()
    except unittest.SkipTest:
        return None
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)
    return None


def entry_point(argv):
    passed = 0
    failed = 0
    for module in MODULES:
        for class_name, cls, methods in test_cases(module):
            for method in methods:
                problem = run_one(cls, method)
                if problem is None:
                    passed += 1
                else:
                    failed += 1
                    print("FAIL %s.%s.%s: %s" % (module.__name__, class_name, method, problem))
    print("%d passed, %d failed" % (passed, failed))
    return failed


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
