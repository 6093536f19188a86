"""Debugging helpers for RPython programs.

Untranslated they check and print directly; translated, `ll_assert` is
kept only in debug builds and the `debug_*` functions write to the debug
log.
"""

import sys


def ll_assert(condition, msg):
    """Raise `AssertionError(msg)` if `condition` is false. Unlike `assert`
    it is not removed by `python -O`; translated it is checked only in
    debug builds."""
    if not condition:
        raise AssertionError(msg)


def debug_print(*args):
    """Print the arguments, separated by spaces, on standard error."""
    sys.stderr.write(" ".join([str(a) for a in args]) + "\n")


def debug_start(category):
    """Open a section of the debug log named `category`. Untranslated:
    nothing."""
    pass


def debug_stop(category):
    """Close the debug log section `category`. Untranslated: nothing."""
    pass


def debug_flush():
    """Flush the debug log. Untranslated: nothing."""
    pass


def have_debug_prints():
    """True if `debug_print` output is currently recorded; untranslated it
    always is."""
    return True


def make_sure_not_resized(lst):
    """Declare that the list `lst` never changes length (the translator may
    then use a fixed-size array). Returns `lst`."""
    return lst


def make_sure_not_modified(lst):
    """Declare that the list `lst` is never mutated. Returns `lst`."""
    return lst


def check_nonneg(x):
    """Assert that the integer `x` is not negative and return it; the
    translator may then assume it."""
    assert x >= 0, "check_nonneg: negative value %d" % (x,)
    return x


class FatalError(Exception):
    """Raised untranslated by `fatalerror`."""


def fatalerror(msg):
    """Abort the program with the message `msg`. Untranslated it raises
    `FatalError`, so tests can observe it."""
    raise FatalError(msg)
