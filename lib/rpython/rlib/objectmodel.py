"""Object model helpers for RPython programs.

Hints for the annotator (`specialize`, `always_inline`, `not_rpython`),
object identity and hashing (`compute_hash`, `compute_identity_hash`),
low-level construction (`instantiate`), class composition
(`import_from_mixin`) and dictionaries with custom key semantics
(`r_dict`). Untranslated, each one does the plain Python thing its
docstring describes.
"""

from rpython.rlib.rarithmetic import intmask


def we_are_translated():
    """False when running untranslated (CPython, `rpy run`); the translator
    folds every call to the constant True, so code guarded by it only
    exists in the translated program."""
    return False


class _Specialize:
    """The `specialize` object: each method returns a decorator that records
    a specialization hint on the function, as the attribute
    `_annspecialcase_` (for example `"specialize:arg(0)"`), and returns the
    function unchanged."""

    def _tag(self, name, args):
        if args is None:
            return "specialize:" + name
        return "specialize:%s(%s)" % (name, ",".join([repr(a) for a in args]))

    def _decorator(self, tag):
        def decorate(func):
            func._annspecialcase_ = tag
            return func

        return decorate

    def memo(self):
        """Specialize on the (constant, prebuilt) values of all arguments:
        the call is computed at translation time and becomes a lookup."""
        return self._decorator(self._tag("memo", None))

    def arg(self, *args):
        """Specialize on the constant value of the arguments at the given
        positions: one copy of the function per distinct value."""
        return self._decorator(self._tag("arg", args))

    def argtype(self, *args):
        """Specialize on the annotated type of the arguments at the given
        positions: one copy of the function per distinct type."""
        return self._decorator(self._tag("argtype", args))

    def arg_or_var(self, *args):
        """Like `arg`, but the arguments may also be non-constant (one more
        copy serves all non-constant calls)."""
        return self._decorator(self._tag("arg_or_var", args))

    def call_location(self):
        """Specialize per call site: one copy of the function for each
        place that calls it."""
        return self._decorator(self._tag("call_location", None))

    def ll(self):
        """Specialize on the low-level types of all arguments."""
        return self._decorator(self._tag("ll", None))

    def ll_and_arg(self, *args):
        """Specialize on low-level types and on the constant value of the
        arguments at the given positions."""
        return self._decorator(self._tag("ll_and_arg", args))


specialize = _Specialize()
"""Specialization hints: `@specialize.arg(0)`, `@specialize.argtype(1)`,
`@specialize.memo()`, `@specialize.call_location()`."""


def always_inline(func):
    """Ask the translator to inline every call to `func`."""
    func._always_inline_ = True
    return func


def dont_inline(func):
    """Ask the translator never to inline `func`."""
    func._dont_inline_ = True
    return func


def try_inline(func):
    """Ask the translator to try to inline `func` whatever its size."""
    func._always_inline_ = "try"
    return func


def not_rpython(func):
    """Mark `func` as host-only code (run at import time, never
    translated); the translator reports any call reaching it from
    translated code."""
    func._not_rpython_ = True
    return func


def enforceargs(*types, **kwds):
    """Declare the types of the decorated function's arguments, by position
    or by keyword (`None` for "any"); not both. The declaration is recorded
    as the tuple `_annenforceargs_` (one entry per parameter); untranslated,
    the argument types are not checked."""
    kwds.pop("typecheck", None)
    if types and kwds:
        raise TypeError("enforceargs: cannot mix positional and keyword types")

    def decorate(func):
        if kwds:
            code = func.__code__
            names = code.co_varnames[: code.co_argcount]
            func._annenforceargs_ = tuple([kwds.get(name) for name in names])
        else:
            func._annenforceargs_ = types
        return func

    return decorate


def compute_hash(x):
    """The RPython equivalent of `hash(x)` for an immutable value `x`.

    Unlike CPython's `hash`, the result is deterministic and the same
    before and after translation: strings (and bytes) use the RPython
    string hash (so an ASCII `str` and the equal `bytes` hash alike),
    integers are their own hash (wrapped to a machine word), floats and
    tuples have fixed formulas, `None` hashes to 0, and any other object
    uses `compute_identity_hash`. The result may be 0 or -1.
    """
    if isinstance(x, (str, bytes)):
        return _hash_string(x)
    if isinstance(x, int):
        return intmask(x)
    if isinstance(x, float):
        return _hash_float(x)
    if isinstance(x, tuple):
        return _hash_tuple(x)
    if x is None:
        return 0
    return compute_identity_hash(x)


def _hash_string(s):
    """The RPython string hash: multiply-xor over the character codes,
    seeded with the first character and finished with the length; -1 for
    the empty string."""
    n = len(s)
    if n == 0:
        return -1
    if isinstance(s, bytes):
        codes = list(s)
    else:
        codes = [ord(c) for c in s]
    h = codes[0] << 7
    for code in codes:
        h = intmask((h * 1000003) ^ code)
    return intmask(h ^ n)


def _hash_float(f):
    """The RPython float hash: fixed values for infinities and NaN, else a
    combination of the mantissa (in two 31-bit halves) and the exponent."""
    import math

    if f != f:
        return 0
    if f == float("inf"):
        return 314159
    if f == float("-inf"):
        return -271828
    mantissa, exponent = math.frexp(f)
    mantissa *= 2147483648.0
    high = int(mantissa)
    mantissa = (mantissa - float(high)) * 2147483648.0
    return intmask(high + int(mantissa) + (exponent << 15))


def _hash_tuple(t):
    """The RPython tuple hash: multiply-xor over the items' hashes."""
    h = 0x345678
    for item in t:
        h = intmask((h * 1000003) ^ compute_hash(item))
    return h


def compute_identity_hash(x):
    """A hash of the identity of the object `x` (ignoring any `__hash__`
    it defines), stable for the lifetime of the object; the value differs
    between untranslated and translated runs. `x` must not be None."""
    assert x is not None, "compute_identity_hash(None)"
    return object.__hash__(x)


def compute_unique_id(x):
    """An integer unique to `x` among the live objects (`id(x)`, as a
    machine integer)."""
    return intmask(id(x))


def current_object_addr_as_int(x):
    """The current address of `x` as an integer: a cheap `id` that a
    moving garbage collector may change."""
    return intmask(id(x))


def likely(condition):
    """Hint that the boolean `condition` is usually true; returns it."""
    assert isinstance(condition, bool), "likely() expects a bool"
    return condition


def unlikely(condition):
    """Hint that the boolean `condition` is usually false; returns it."""
    assert isinstance(condition, bool), "unlikely() expects a bool"
    return condition


def instantiate(cls, nonmovable=False):
    """Create an instance of `cls` without calling its `__init__`."""
    return cls.__new__(cls)


def newlist_hint(sizehint=0):
    """Return a new empty list; the translator preallocates room for
    `sizehint` items."""
    return []


def resizelist_hint(lst, sizehint):
    """Hint that `lst` will grow to `sizehint` items. Untranslated: nothing."""
    pass


def keepalive_until_here(*values):
    """Keep `values` alive (not collected) up to this point. Untranslated:
    nothing."""
    pass


def _copy_function(func):
    """A fresh function object with the same code, globals, defaults,
    closure and attributes as `func`, so that each class importing a mixin
    gets its own copy (annotated and specialized separately)."""
    new = type(func)(
        func.__code__, func.__globals__, func.__name__, func.__defaults__, func.__closure__
    )
    new.__kwdefaults__ = func.__kwdefaults__
    # Attribute by attribute rather than `new.__dict__.update(...)`: rpy's
    # import-time interpreter gives `__dict__` as a copy.
    for key, value in func.__dict__.items():
        setattr(new, key, value)
    new.__doc__ = func.__doc__
    new.__qualname__ = func.__qualname__
    new.__module__ = func.__module__
    return new


def import_from_mixin(M, special_methods=["__init__", "__del__"]):
    """Copy the methods and class attributes of the class `M` (and of its
    bases other than `object`, first definition in MRO order wins) into
    the class being defined. Must be called directly inside a class body.

    Functions and static methods are duplicated, so each importing class
    has its own copies. Special names (`__x__`) are skipped unless listed
    in `special_methods`. Class methods are not supported, and a name
    already defined in the class body is an error.

    Untranslated this needs `sys._getframe`, which only CPython provides
    (hence the imports here rather than at module level: the rest of this
    module stays importable by hosts without them).
    """
    import sys
    import types

    imported = {}
    for base in M.__mro__:
        if base is object:
            continue
        for key, value in base.__dict__.items():
            if key.startswith("__") and key.endswith("__") and key not in special_methods:
                continue
            if key in imported:
                continue
            if isinstance(value, classmethod):
                raise TypeError("import_from_mixin: class methods are not supported")
            if isinstance(value, staticmethod):
                value = staticmethod(_copy_function(value.__func__))
            elif isinstance(value, types.FunctionType):
                value = _copy_function(value)
            imported[key] = value
    if "_mixin_" in imported:
        raise TypeError("import_from_mixin(M): class M should not have '_mixin_ = True'")
    target = sys._getframe(1).f_locals
    for key, value in imported.items():
        if key in target:
            raise TypeError(
                "import_from_mixin: would overwrite the value already defined "
                "locally for %r" % (key,)
            )
        target[key] = value


class _DictKey:
    """A key of an `r_dict`: wraps the real key and compares and hashes it
    with the dictionary's functions."""

    __slots__ = ("dic", "key", "hash")

    def __init__(self, dic, key):
        self.dic = dic
        self.key = key
        self.hash = dic.key_hash(key)

    def __eq__(self, other):
        if not isinstance(other, _DictKey):
            return NotImplemented
        return bool(self.dic.key_eq(self.key, other.key))

    def __ne__(self, other):
        result = self.__eq__(other)
        if result is NotImplemented:
            return result
        return not result

    def __hash__(self):
        return self.hash


class r_dict:
    """A dictionary whose keys are compared with `key_eq(a, b)` and hashed
    with `key_hash(a)` instead of `==` and `hash`. It keeps insertion order
    and supports the usual dict operations."""

    def __init__(self, key_eq, key_hash, force_non_null=False, simple_hash_eq=False):
        self.key_eq = key_eq
        self.key_hash = key_hash
        self._dict = {}

    def _key(self, key):
        return _DictKey(self, key)

    def __getitem__(self, key):
        return self._dict[self._key(key)]

    def __setitem__(self, key, value):
        self._dict[self._key(key)] = value

    def __delitem__(self, key):
        del self._dict[self._key(key)]

    def __contains__(self, key):
        return self._key(key) in self._dict

    def __len__(self):
        return len(self._dict)

    def __iter__(self):
        for dk in self._dict:
            yield dk.key

    def __repr__(self):
        items = ["%r: %r" % (k, v) for k, v in self.items()]
        return "r_dict({%s})" % ", ".join(items)

    def get(self, key, default=None):
        """The value for `key`, or `default` when absent."""
        return self._dict.get(self._key(key), default)

    def setdefault(self, key, default=None):
        """The value for `key`, storing `default` first when absent."""
        return self._dict.setdefault(self._key(key), default)

    _MISSING = object()

    def pop(self, key, default=_MISSING):
        """Remove `key` and return its value (or `default` when absent;
        without a default a missing key raises `KeyError`)."""
        if default is r_dict._MISSING:
            return self._dict.pop(self._key(key))
        return self._dict.pop(self._key(key), default)

    def popitem(self):
        """Remove and return the last inserted `(key, value)` pair."""
        dk, value = self._dict.popitem()
        return (dk.key, value)

    def clear(self):
        """Remove every entry."""
        self._dict.clear()

    def update(self, other):
        """Insert every entry of the `r_dict` (or mapping) `other`."""
        for key in other:
            self[key] = other[key]

    def copy(self):
        """A shallow copy with the same key functions."""
        result = r_dict(self.key_eq, self.key_hash)
        result.update(self)
        return result

    def keys(self):
        """The keys, in insertion order (a list)."""
        return [dk.key for dk in self._dict]

    def values(self):
        """The values, in insertion order (a list)."""
        return list(self._dict.values())

    def items(self):
        """The `(key, value)` pairs, in insertion order (a list)."""
        return [(dk.key, value) for dk, value in self._dict.items()]

    def iterkeys(self):
        """Iterate over the keys (the Python 2 spelling, kept for ported
        programs)."""
        return iter(self)

    def itervalues(self):
        """Iterate over the values."""
        return iter(self._dict.values())

    def iteritems(self):
        """Iterate over the `(key, value)` pairs."""
        for dk, value in self._dict.items():
            yield (dk.key, value)

    def __hash__(self):
        raise TypeError("cannot hash r_dict instances")


class r_ordereddict(r_dict):
    """An `r_dict` that guarantees insertion order (every `r_dict` does)."""
