"""Hints for the JIT compiler generated from the interpreter.

Untranslated (and until the JIT exists) they do nothing; the translator
type-checks them and keeps them as operations.
"""


class JitDriver:
    """Marks the main loop of an interpreter. `greens` are the variables that
    identify a position in the interpreted program; `reds` the rest of the
    loop's live state."""

    def __init__(self, greens=None, reds=None, **kwds):
        self.greens = list(greens or [])
        self.reds = list(reds or [])

    def jit_merge_point(self, **livevars):
        pass

    def can_enter_jit(self, **livevars):
        pass


def promote(x):
    return x


def promote_string(s):
    return s


def elidable(func):
    return func


def unroll_safe(func):
    return func


def dont_look_inside(func):
    return func


def look_inside_iff(predicate):
    def decorate(func):
        return func

    return decorate


def we_are_jitted():
    return False


def hint(x, **kwds):
    return x


def set_param(driver, name, value):
    pass
