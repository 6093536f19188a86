"""Hints for the JIT compiler generated from the interpreter.

Untranslated (and until the JIT exists) they do nothing beyond checking
their arguments: decorators record their hint as a function attribute
and return the function, value hints return the value. The translator
type-checks them and keeps them as operations.
"""


class JitHintError(TypeError):
    """A JIT hint is used wrongly: `jit_merge_point`/`can_enter_jit` called
    with other variables than the driver declares, variables declared in
    an order the JIT cannot use, or code between `can_enter_jit` and the
    following `jit_merge_point`."""


def _kind(value):
    """The JIT register kind of a live variable's value: `"1:INT"`,
    `"2:REF"` or `"3:FLOAT"`, or None when the value does not tell (a
    single character, None, a prebuilt constant...). The digits make the
    required order INTs, REFs, FLOATs sort correctly."""
    if isinstance(value, int):
        return "1:INT"
    if isinstance(value, float):
        return "3:FLOAT"
    if isinstance(value, (str, bytes)):
        return "2:REF" if len(value) != 1 else None
    if isinstance(value, (list, dict)):
        return "2:REF"
    if value is None or type(value).__module__ == "builtins":
        return None
    if hasattr(value, "_freeze_"):
        return None
    return "2:REF"


class JitDriver:
    """Marks the main loop of an interpreter. `greens` are the variables that
    identify a position in the interpreted program; `reds` the rest of the
    loop's live state (or the string `"auto"` to let the translator find
    them). `virtualizables` must be red variables.

    Untranslated (unless `check_untranslated=False`), `jit_merge_point` and
    `can_enter_jit` check, like the original toolchain, that:

    - they are passed, as keyword arguments, exactly the declared green and
      red variables;
    - within `greens` and within `reds`, the variables come in the order
      integers, then references (objects, strings, lists), then floats;
    - a `jit_merge_point` that follows a `can_enter_jit` receives the same
      values (nothing may run in between).

    A violation raises `JitHintError` (a `TypeError`).
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
        get_unique_id=None,
        is_recursive=False,
        get_location=None,
    ):
        self.greens = list(greens or [])
        if reds == "auto":
            self.autoreds = True
            self.reds = []
            self.numreds = None
            if confirm_enter_jit is not None:
                raise JitHintError("JitDriver: reds='auto' does not support confirm_enter_jit")
        else:
            self.autoreds = False
            self.reds = list(reds or [])
            self.numreds = len(self.reds)
        for green in self.greens:
            if "." in green:
                raise ValueError("JitDriver: green fields (%r) are not supported" % (green,))
            if green in self.reds:
                raise JitHintError("JitDriver: %r is both green and red" % (green,))
        self.virtualizables = list(virtualizables or [])
        for v in self.virtualizables:
            if v not in self.reds:
                raise JitHintError("JitDriver: virtualizable %r is not a red variable" % (v,))
        if get_jitcell_at is not None or set_jitcell_at is not None:
            raise JitHintError("JitDriver: get_jitcell_at/set_jitcell_at are no longer used")
        self.get_printable_location = get_printable_location
        self.get_location = get_location
        self.get_unique_id = get_unique_id
        self.confirm_enter_jit = confirm_enter_jit
        self.can_never_inline = can_never_inline
        self.should_unroll_one_iteration = should_unroll_one_iteration
        self.name = name
        self.check_untranslated = check_untranslated
        self.vectorize = vectorize
        self.is_recursive = is_recursive
        self._livevars = set(self.greens + self.reds)
        self._kinds = {}
        self._last_enter_jit = None

    def _check_names(self, livevars, where):
        expected = self._livevars
        given = set(livevars)
        if given == expected:
            return
        parts = []
        missing = sorted(expected - given)
        if missing:
            parts.append("missing %s" % ", ".join(missing))
        unexpected = sorted(given - expected)
        if unexpected:
            parts.append("unexpected %s" % ", ".join(unexpected))
        raise JitHintError(
            "%s.%s() expects the keyword arguments %s: %s"
            % (self.name, where, ", ".join(self.greens + self.reds), "; ".join(parts))
        )

    def _check_order(self, livevars):
        added = False
        for var, value in livevars.items():
            if var not in self._kinds:
                kind = _kind(value)
                if kind is not None:
                    self._kinds[var] = kind
                    added = True
        if not added:
            return
        for color, names in (("reds", self.reds), ("greens", self.greens)):
            kinds = [self._kinds[n] for n in names if n in self._kinds]
            if kinds != sorted(kinds):
                described = [self._kinds.get(n, "?") for n in names]
                raise JitHintError(
                    "bad order of %s variables in %s: must be INTs, REFs, FLOATs; got %s"
                    % (color, self.name, ", ".join(described))
                )

    def _check_arguments(self, livevars, is_merge_point):
        """Run the untranslated checks described in the class docstring on
        the keyword arguments `livevars` of a `jit_merge_point`
        (`is_merge_point`) or `can_enter_jit` call."""
        where = "jit_merge_point" if is_merge_point else "can_enter_jit"
        self._check_names(livevars, where)
        self._check_order(livevars)
        if not is_merge_point:
            self._last_enter_jit = livevars
            return
        last = self._last_enter_jit
        self._last_enter_jit = None
        if last is not None and last != livevars:
            raise JitHintError(
                "%s: bad can_enter_jit() placement: no code may run between "
                "can_enter_jit() and jit_merge_point()" % (self.name,)
            )

    def jit_merge_point(self, **livevars):
        """The top of the interpreter's main loop. Pass every green and red
        variable by name."""
        if self.check_untranslated:
            self._check_arguments(livevars, True)

    def can_enter_jit(self, **livevars):
        """A backward jump in the interpreted program (a place where a loop
        may start), directly followed by the `jit_merge_point`. Pass every
        green and red variable by name."""
        if self.autoreds:
            raise JitHintError("%s.can_enter_jit(): not allowed with reds='auto'" % (self.name,))
        if self.check_untranslated:
            self._check_arguments(livevars, False)

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
