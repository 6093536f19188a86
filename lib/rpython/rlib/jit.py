"""Hints for the JIT compiler generated from the interpreter.

Untranslated (and until the JIT exists) they do nothing beyond checking
their arguments: decorators record their hint as a function attribute
and return the function, value hints return the value. The translator
type-checks them and keeps them as operations.
"""


class JitDriver:
    """Marks the main loop of an interpreter. `greens` are the variables that
    identify a position in the interpreted program; `reds` the rest of the
    loop's live state (or the string `"auto"` to let the translator find
    them). `virtualizables` must be red variables.

    Untranslated, `jit_merge_point` and `can_enter_jit` check that they are
    passed, as keyword arguments, exactly the declared green and red
    variables (names containing a dot, which denote fields of another
    variable, are not passed); a mismatch raises `TypeError`.
    """

    def __init__(
        self,
        greens=None,
        reds=None,
        virtualizables=None,
        get_jitcell_at=None,
        set_jitcell_at=None,
        get_printable_location=None,
        confirm_enter_jit=None,
        can_never_inline=None,
        should_unroll_one_iteration=None,
        name="jitdriver",
        check_untranslated=True,
        vectorize=False,
        is_recursive=False,
    ):
        self.greens = list(greens or [])
        if reds == "auto":
            self.autoreds = True
            self.reds = []
            self.numreds = None
            if confirm_enter_jit is not None:
                raise TypeError("JitDriver: reds='auto' does not support confirm_enter_jit")
        else:
            self.autoreds = False
            self.reds = list(reds or [])
            self.numreds = len(self.reds)
        for green in self.greens:
            if green in self.reds:
                raise TypeError("JitDriver: %r is both green and red" % (green,))
        self.virtualizables = list(virtualizables or [])
        for v in self.virtualizables:
            if v not in self.reds:
                raise TypeError("JitDriver: virtualizable %r is not a red variable" % (v,))
        self.get_jitcell_at = get_jitcell_at
        self.set_jitcell_at = set_jitcell_at
        self.get_printable_location = get_printable_location
        self.confirm_enter_jit = confirm_enter_jit
        self.can_never_inline = can_never_inline
        self.should_unroll_one_iteration = should_unroll_one_iteration
        self.name = name
        self.check_untranslated = check_untranslated
        self.vectorize = vectorize
        self.is_recursive = is_recursive
        self._livevars = [v for v in self.greens + self.reds if "." not in v]

    def _check_arguments(self, livevars, where):
        """Raise `TypeError` unless the keyword names in `livevars` are
        exactly the declared (undotted) green and red variables."""
        expected = set(self._livevars)
        given = set(livevars)
        if given == expected:
            return
        missing = sorted(expected - given)
        unexpected = sorted(given - expected)
        parts = []
        if missing:
            parts.append("missing %s" % ", ".join(missing))
        if unexpected:
            parts.append("unexpected %s" % ", ".join(unexpected))
        raise TypeError("%s.%s(): %s" % (self.name, where, "; ".join(parts)))

    def jit_merge_point(self, **livevars):
        """The top of the interpreter's main loop. Pass every green and red
        variable by name."""
        if self.check_untranslated:
            self._check_arguments(livevars, "jit_merge_point")

    def can_enter_jit(self, **livevars):
        """A backward jump in the interpreted program (a place where a loop
        may start). Pass every green and red variable by name."""
        if self.autoreds:
            raise TypeError("%s.can_enter_jit(): not allowed with reds='auto'" % (self.name,))
        if self.check_untranslated:
            self._check_arguments(livevars, "can_enter_jit")

    def loop_header(self):
        """Mark the start of a loop inside a jitted function. Untranslated:
        nothing."""
        pass


def hint(x, **kwds):
    """Attach hints (`promote=True`, `access_directly=True`, ...) to the
    value `x`; returns `x`."""
    return x


def promote(x):
    """Make the JIT treat the current value of `x` as a constant (guarding
    on it). Returns `x`."""
    return hint(x, promote=True)


def promote_string(s):
    """`promote` for strings, compared by value. Returns `s`."""
    return hint(s, promote_string=True)


def promote_unicode(s):
    """`promote_string` for Unicode strings. Returns `s`."""
    return hint(s, promote_unicode=True)


def elidable(func):
    """Declare `func` free of side effects, so the JIT may remove calls
    whose arguments are constants."""
    func._elidable_function_ = True
    return func


def elidable_promote(promote_args="all"):
    """Like `elidable`, also promoting the arguments (all, or the listed
    positions as a comma-separated string)."""

    def decorate(func):
        func._elidable_function_ = True
        func._elidable_promote_args_ = promote_args
        return func

    return decorate


def unroll_safe(func):
    """Allow the JIT to trace into `func` even though it contains loops
    (they are unrolled)."""
    func._jit_unroll_safe_ = True
    return func


def dont_look_inside(func):
    """Keep the JIT from tracing into `func`: it is called as a whole."""
    func._jit_look_inside_ = False
    return func


def look_inside(func):
    """Explicitly allow the JIT to trace into `func`."""
    func._jit_look_inside_ = True
    return func


def look_inside_iff(predicate):
    """Trace into the decorated function only when
    `predicate(*args)` is true (the predicate typically tests constness)."""

    def decorate(func):
        func._jit_look_inside_iff_ = predicate
        return func

    return decorate


def loop_invariant(func):
    """Declare that `func` returns the same value for the whole duration of
    a loop; the JIT calls it once per loop."""
    func._jit_loop_invariant_ = True
    return func


def oopspec(spec):
    """Attach an operation specification (a string) used by the JIT's
    code writer."""

    def decorate(func):
        func.oopspec = spec
        return func

    return decorate


def we_are_jitted():
    """True in code being traced by the JIT; always False untranslated."""
    return False


def isconstant(value):
    """True if the JIT knows `value` as a constant; False untranslated."""
    return False


def isvirtual(value):
    """True if `value` is a virtual (not allocated) object in the trace;
    False untranslated."""
    return False


def assert_green(value):
    """Assert that `value` is a constant in the trace. Untranslated:
    nothing."""
    pass


def record_exact_class(value, cls):
    """Tell the JIT that `value` is exactly of class `cls`; checked
    untranslated."""
    assert type(value) is cls, "record_exact_class: wrong class"


def conditional_call(condition, function, *args):
    """Call `function(*args)` if `condition` is true; the JIT emits the test
    and call without a branch in the trace."""
    if condition:
        function(*args)


def set_param(driver, name, value):
    """Set the JIT parameter `name` (`"threshold"`, `"trace_limit"`, ...)
    for `driver` (or for every driver when it is None). Untranslated:
    nothing."""
    pass


def set_user_param(driver, text):
    """Set JIT parameters from a `"name=value,name=value"` string, or
    `"off"`. Untranslated: nothing."""
    pass
