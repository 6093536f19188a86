"""Object model helpers for RPython programs.

Hints for the annotator (`specialize`, `always_inline`, `not_rpython`),
object identity and hashing (`compute_hash`, `compute_identity_hash`),
low-level construction (`instantiate`), class composition
(`import_from_mixin`) and dictionaries with custom key semantics
(`r_dict`). Untranslated, each one does the plain Python thing its
docstring describes.
"""

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
        return "specialize:%s(%s)" % (name, ", ".join([repr(a) for a in args]))

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

    def arglistitemtype(self, *args):
        """Specialize on the item type of the list arguments at the given
        positions."""
        return self._decorator(self._tag("arglistitemtype", args))

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


def not_rpython(func):
    """Mark `func` as host-only code (run at import time, never
    translated); the translator reports any call reaching it from
    translated code."""
    func._not_rpython_ = True
    return func


def enforceargs(*types, **kwds):
    """Declare the argument types of the decorated function. Untranslated
    the declaration is only recorded (as `_annenforceargs_`)."""

    def decorate(func):
        func._annenforceargs_ = (types, kwds)
        return func

    return decorate


def compute_hash(x):
    """The hash of `x`, stable for the lifetime of the object: `hash(x)`
    untranslated. `None` has no RPython hash."""
    assert x is not None, "compute_hash(None)"
    return hash(x)


def compute_identity_hash(x):
    """A hash of the identity of the instance `x` (ignoring any `__hash__`
    it defines), stable for the lifetime of the object."""
    assert x is not None, "compute_identity_hash(None)"
    return object.__hash__(x)


def compute_unique_id(x):
    """An integer unique to `x` among the live objects (`id(x)`)."""
    return id(x)


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
    new.__dict__.update(func.__dict__)
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


class r_ordereddict(r_dict):
    """An `r_dict` that guarantees insertion order (every `r_dict` does)."""
