"""Introspection of live objects: the import-time stand-in for CPython's
`inspect` module.

Type predicates (`isclass`, `isfunction`, `ismethod` ...), `getmembers`,
`signature` with `Signature` and `Parameter`, `getfullargspec`, `unwrap`.
Signatures are read from code objects; built-in functions have none, and
annotations are not recorded by the interpreter (every annotation is
`Parameter.empty`).
"""

import sys
import types
from collections import OrderedDict, namedtuple

__all__ = [
    'Parameter', 'Signature', 'FullArgSpec', 'currentframe',
    'getfullargspec', 'getmembers', 'getmodule', 'getmro', 'getfile',
    'isabstract', 'isbuiltin', 'isclass', 'iscode', 'iscoroutinefunction',
    'isdatadescriptor', 'isframe', 'isfunction', 'isgenerator',
    'isgeneratorfunction', 'ismethod', 'ismethoddescriptor', 'ismodule',
    'isroutine', 'signature', 'unwrap',
]

# Code flags, as CPython numbers them.
CO_OPTIMIZED = 0x1
CO_NEWLOCALS = 0x2
CO_VARARGS = 0x4
CO_VARKEYWORDS = 0x8
CO_NESTED = 0x10
CO_GENERATOR = 0x20
CO_NOFREE = 0x40
CO_COROUTINE = 0x80
CO_ITERABLE_COROUTINE = 0x100
CO_ASYNC_GENERATOR = 0x200


# Type predicates.

def ismodule(object):
    return isinstance(object, types.ModuleType)


def isclass(object):
    return isinstance(object, type)


def ismethod(object):
    return isinstance(object, types.MethodType)


def isfunction(object):
    return isinstance(object, types.FunctionType)


def isbuiltin(object):
    return isinstance(object, types.BuiltinFunctionType)


def isgeneratorfunction(obj):
    obj = _unwrap_partial(obj)
    return isfunction(obj) and bool(obj.__code__.co_flags & CO_GENERATOR)


def iscoroutinefunction(obj):
    return False


def isgenerator(object):
    return isinstance(object, types.GeneratorType)


def isframe(object):
    return isinstance(object, types.FrameType)


def iscode(object):
    return isinstance(object, types.CodeType)


def ismethoddescriptor(object):
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return hasattr(tp, '__get__') and not hasattr(tp, '__set__')


def isdatadescriptor(object):
    if isclass(object) or ismethod(object) or isfunction(object):
        return False
    tp = type(object)
    return hasattr(tp, '__set__') or hasattr(tp, '__delete__')


def isroutine(object):
    return (isbuiltin(object) or isfunction(object) or ismethod(object)
            or ismethoddescriptor(object))


def isabstract(object):
    return bool(isinstance(object, type) and getattr(object, '__abstractmethods__', False))


# Members and origins.

def getmembers(object, predicate=None):
    """The (name, value) pairs of the attributes of `object` for which
    `predicate` (if given) is true, sorted by name."""
    if isclass(object):
        mro = (object,) + getmro(object)
    else:
        mro = ()
    results = []
    processed = set()
    for key in dir(object):
        try:
            value = getattr(object, key)
        except AttributeError:
            for base in mro:
                if key in base.__dict__:
                    value = base.__dict__[key]
                    break
            else:
                continue
        if key in processed:
            continue
        if not predicate or predicate(value):
            results.append((key, value))
        processed.add(key)
    results.sort(key=_first)
    return results


def _first(pair):
    return pair[0]


def getmro(cls):
    return cls.__mro__


def getmodule(object):
    if ismodule(object):
        return object
    name = getattr(object, '__module__', None)
    if name is None:
        return None
    return sys.modules.get(name)


def getfile(object):
    if ismodule(object):
        if getattr(object, '__file__', None):
            return object.__file__
        raise TypeError('{!r} is a built-in module'.format(object))
    if isclass(object):
        module = sys.modules.get(object.__module__)
        if getattr(module, '__file__', None):
            return module.__file__
        raise TypeError('{!r} is a built-in class'.format(object))
    if ismethod(object):
        object = object.__func__
    if isfunction(object):
        object = object.__code__
    if isframe(object):
        object = object.f_code
    if iscode(object):
        return object.co_filename
    raise TypeError('module, class, method, function, traceback, frame, or '
                    'code object was expected, got {}'.format(type(object).__name__))


def currentframe():
    return sys._getframe(1)


def unwrap(func, *, stop=None):
    """Follows the chain of `__wrapped__` attributes (set by
    `functools.wraps`) to the innermost function."""
    f = func
    seen = {id(f)}
    while hasattr(func, '__wrapped__') and not (stop is not None and stop(func)):
        func = func.__wrapped__
        if id(func) in seen:
            raise ValueError('wrapper loop when unwrapping {!r}'.format(f))
        seen.add(id(func))
    return func


def _unwrap_partial(func):
    partial = _partial_type()
    while partial is not None and isinstance(func, partial):
        func = func.func
    return func


def _partial_type():
    functools = sys.modules.get('functools')
    return None if functools is None else functools.partial


# Signatures.

class _empty:
    """Marker object for Signature.empty and Parameter.empty."""


class _void:
    """A private marker: no value given."""


class _ParameterKind(int):
    """The kind of a parameter: an int (0 to 4) with a name."""

    def __new__(cls, value, name, description):
        self = int.__new__(cls, value)
        self._name_ = name
        self._description = description
        return self

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return int(self)

    @property
    def description(self):
        return self._description

    def __str__(self):
        return self._name_

    def __repr__(self):
        return '<_ParameterKind.%s: %d>' % (self._name_, self)


_POSITIONAL_ONLY = _ParameterKind(0, 'POSITIONAL_ONLY', 'positional-only')
_POSITIONAL_OR_KEYWORD = _ParameterKind(1, 'POSITIONAL_OR_KEYWORD', 'positional or keyword')
_VAR_POSITIONAL = _ParameterKind(2, 'VAR_POSITIONAL', 'variadic positional')
_KEYWORD_ONLY = _ParameterKind(3, 'KEYWORD_ONLY', 'keyword-only')
_VAR_KEYWORD = _ParameterKind(4, 'VAR_KEYWORD', 'variadic keyword')
_KINDS = (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD, _VAR_POSITIONAL,
          _KEYWORD_ONLY, _VAR_KEYWORD)


class Parameter:
    """One parameter of a signature: `name`, `kind`, `default` and
    `annotation` (both `Parameter.empty` when absent)."""

    POSITIONAL_ONLY = _POSITIONAL_ONLY
    POSITIONAL_OR_KEYWORD = _POSITIONAL_OR_KEYWORD
    VAR_POSITIONAL = _VAR_POSITIONAL
    KEYWORD_ONLY = _KEYWORD_ONLY
    VAR_KEYWORD = _VAR_KEYWORD

    empty = _empty

    def __init__(self, name, kind, *, default=_empty, annotation=_empty):
        if kind not in _KINDS:
            raise ValueError('value %r is not a valid Parameter.kind' % (kind,))
        kind = _KINDS[kind]
        if default is not _empty and kind in (_VAR_POSITIONAL, _VAR_KEYWORD):
            raise ValueError('%s parameters cannot have default values'
                             % (kind.description,))
        if not isinstance(name, str):
            raise TypeError('name must be a str, not a %s' % (type(name).__name__,))
        if not name.isidentifier():
            raise ValueError('%r is not a valid parameter name' % (name,))
        self._name = name
        self._kind = kind
        self._default = default
        self._annotation = annotation

    @property
    def name(self):
        return self._name

    @property
    def default(self):
        return self._default

    @property
    def annotation(self):
        return self._annotation

    @property
    def kind(self):
        return self._kind

    def replace(self, *, name=_void, kind=_void, annotation=_void, default=_void):
        if name is _void:
            name = self._name
        if kind is _void:
            kind = self._kind
        if annotation is _void:
            annotation = self._annotation
        if default is _void:
            default = self._default
        return type(self)(name, kind, default=default, annotation=annotation)

    def __str__(self):
        formatted = self._name
        if self._annotation is not _empty:
            formatted = '%s: %s' % (formatted, _format_annotation(self._annotation))
        if self._default is not _empty:
            if self._annotation is not _empty:
                formatted = '%s = %r' % (formatted, self._default)
            else:
                formatted = '%s=%r' % (formatted, self._default)
        if self._kind == _VAR_POSITIONAL:
            formatted = '*' + formatted
        elif self._kind == _VAR_KEYWORD:
            formatted = '**' + formatted
        return formatted

    def __repr__(self):
        return '<%s "%s">' % (type(self).__name__, self)

    def __hash__(self):
        return hash((self._name, self._kind, self._annotation, self._default))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Parameter):
            return NotImplemented
        return (self._name == other._name and self._kind == other._kind
                and self._default == other._default
                and self._annotation == other._annotation)


def _format_annotation(annotation):
    if isinstance(annotation, type):
        if annotation.__module__ == 'builtins':
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)


class mappingproxy:
    """A read-only view of a mapping (what `Signature.parameters` is)."""

    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def get(self, key, default=None):
        return self._mapping.get(key, default)

    def keys(self):
        return self._mapping.keys()

    def values(self):
        return self._mapping.values()

    def items(self):
        return self._mapping.items()

    def copy(self):
        return self._mapping.copy()

    def __eq__(self, other):
        if isinstance(other, mappingproxy):
            other = other._mapping
        return self._mapping == other

    def __str__(self):
        return str(self._mapping)

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._mapping,)


class Signature:
    """The parameters of a callable, in order, and its return annotation
    (always `Signature.empty` here)."""

    empty = _empty

    def __init__(self, parameters=None, *, return_annotation=_empty,
                 __validate_parameters__=True):
        params = OrderedDict()
        if parameters is not None:
            if __validate_parameters__:
                top_kind = _POSITIONAL_ONLY
                seen_default = False
                for param in parameters:
                    kind = param.kind
                    name = param.name
                    if kind < top_kind:
                        raise ValueError(
                            'wrong parameter order: %s parameter before %s parameter'
                            % (top_kind.description, kind.description))
                    if kind > top_kind:
                        top_kind = kind
                    if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
                        if param.default is _empty:
                            if seen_default:
                                raise ValueError('non-default argument follows '
                                                 'default argument')
                        else:
                            seen_default = True
                    if name in params:
                        raise ValueError('duplicate parameter name: %r' % (name,))
                    params[name] = param
            else:
                for param in parameters:
                    params[param.name] = param
        self._parameters = mappingproxy(params)
        self._return_annotation = return_annotation

    @classmethod
    def from_callable(cls, obj, *, follow_wrapped=True):
        return _signature_from_callable(obj, follow_wrapped, True)

    @property
    def parameters(self):
        return self._parameters

    @property
    def return_annotation(self):
        return self._return_annotation

    def replace(self, *, parameters=_void, return_annotation=_void):
        if parameters is _void:
            parameters = self.parameters.values()
        if return_annotation is _void:
            return_annotation = self._return_annotation
        return type(self)(parameters, return_annotation=return_annotation)

    def __hash__(self):
        params = tuple(p for p in self.parameters.values() if p.kind != _KEYWORD_ONLY)
        kwonly = frozenset(p for p in self.parameters.values() if p.kind == _KEYWORD_ONLY)
        return hash((params, kwonly, self.return_annotation))

    def __eq__(self, other):
        if self is other:
            return True
        if not isinstance(other, Signature):
            return NotImplemented
        return (self.return_annotation == other.return_annotation
                and list(self.parameters.values()) == list(other.parameters.values()))

    def __str__(self):
        result = []
        render_pos_only_separator = False
        render_kw_only_separator = True
        for param in self.parameters.values():
            kind = param.kind
            if kind == _POSITIONAL_ONLY:
                render_pos_only_separator = True
            elif render_pos_only_separator:
                result.append('/')
                render_pos_only_separator = False
            if kind == _VAR_POSITIONAL:
                render_kw_only_separator = False
            elif kind == _KEYWORD_ONLY and render_kw_only_separator:
                result.append('*')
                render_kw_only_separator = False
            result.append(str(param))
        if render_pos_only_separator:
            result.append('/')
        rendered = '(%s)' % ', '.join(result)
        if self.return_annotation is not _empty:
            rendered += ' -> %s' % _format_annotation(self.return_annotation)
        return rendered

    def __repr__(self):
        return '<%s %s>' % (type(self).__name__, self)


def signature(obj, *, follow_wrapped=True):
    """The Signature of the callable `obj`."""
    return _signature_from_callable(obj, follow_wrapped, True)


def _signature_from_function(func):
    code = func.__code__
    names = code.co_varnames
    npos = code.co_argcount
    nposonly = code.co_posonlyargcount
    nkwonly = code.co_kwonlyargcount
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__ or {}
    first_default = npos - len(defaults)
    params = []
    for i in range(npos):
        kind = _POSITIONAL_ONLY if i < nposonly else _POSITIONAL_OR_KEYWORD
        default = defaults[i - first_default] if i >= first_default else _empty
        params.append(Parameter(names[i], kind, default=default))
    index = npos + nkwonly
    if code.co_flags & CO_VARARGS:
        params.append(Parameter(names[index], _VAR_POSITIONAL))
        index += 1
    for name in names[npos:npos + nkwonly]:
        params.append(Parameter(name, _KEYWORD_ONLY, default=kwdefaults.get(name, _empty)))
    if code.co_flags & CO_VARKEYWORDS:
        params.append(Parameter(names[index], _VAR_KEYWORD))
    return Signature(params, __validate_parameters__=False)


def _without_first(sig):
    params = tuple(sig.parameters.values())
    if not params or params[0].kind in (_VAR_KEYWORD, _KEYWORD_ONLY):
        raise ValueError('invalid method signature')
    if params[0].kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
        params = params[1:]
    return sig.replace(parameters=params)


def _signature_of_partial(sig, partial):
    params = list(sig.parameters.values())
    positional = [p for p in params if p.kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD)]
    if len(partial.args) > len(positional) and not any(
            p.kind == _VAR_POSITIONAL for p in params):
        raise ValueError('partial object {!r} has incorrect arguments'.format(partial))
    consumed = set(p.name for p in positional[:len(partial.args)])
    result = []
    keyword_only_now = False
    for param in params:
        if param.name in consumed:
            continue
        if param.kind == _VAR_POSITIONAL and len(partial.args) > len(positional):
            result.append(param)
            continue
        if param.name in partial.keywords:
            if param.kind == _POSITIONAL_ONLY:
                raise ValueError('partial object {!r} has incorrect arguments'.format(partial))
            if param.kind == _POSITIONAL_OR_KEYWORD:
                keyword_only_now = True
            param = param.replace(default=partial.keywords[param.name])
        if keyword_only_now and param.kind == _POSITIONAL_OR_KEYWORD:
            param = param.replace(kind=_KEYWORD_ONLY)
        elif keyword_only_now and param.kind == _VAR_POSITIONAL:
            continue
        result.append(param)
    return sig.replace(parameters=result)


def _user_method(cls, name):
    """The Python function `cls.<name>` (`__new__`, `__init__`), if it is
    one."""
    for base in cls.__mro__:
        if name in base.__dict__:
            method = base.__dict__[name]
            if isinstance(method, staticmethod):
                method = method.__func__
            return method if isfunction(method) else None
    return None


def _signature_from_callable(obj, follow_wrapped, skip_bound_arg):
    if not callable(obj):
        raise TypeError('{!r} is not a callable object'.format(obj))
    if isinstance(obj, types.MethodType):
        sig = _signature_from_callable(obj.__func__, follow_wrapped, skip_bound_arg)
        return _without_first(sig) if skip_bound_arg else sig
    if follow_wrapped:
        obj = unwrap(obj, stop=lambda f: hasattr(f, '__signature__'))
        if isinstance(obj, types.MethodType):
            return _signature_from_callable(obj, follow_wrapped, skip_bound_arg)
    sig = getattr(obj, '__signature__', None)
    if sig is not None:
        if not isinstance(sig, Signature):
            raise TypeError('unexpected object {!r} in __signature__ attribute'.format(sig))
        return sig
    if isfunction(obj):
        return _signature_from_function(obj)
    partial = _partial_type()
    if partial is not None and isinstance(obj, partial):
        sig = _signature_from_callable(obj.func, follow_wrapped, skip_bound_arg)
        return _signature_of_partial(sig, obj)
    if isbuiltin(obj):
        raise ValueError('no signature found for builtin {!r}'.format(obj))
    if isclass(obj):
        new = _user_method(obj, '__new__')
        init = _user_method(obj, '__init__')
        if '__new__' in obj.__dict__:
            factory = new
        elif '__init__' in obj.__dict__:
            factory = init
        else:
            factory = new if new is not None else init
        if factory is not None:
            sig = _signature_from_callable(factory, follow_wrapped, skip_bound_arg)
            return _without_first(sig) if skip_bound_arg else sig
        if obj.__init__ is object.__init__ and obj.__new__ is object.__new__:
            return Signature()
        raise ValueError('no signature found for builtin type {!r}'.format(obj))
    call = getattr(type(obj), '__call__', None)
    if isfunction(call):
        sig = _signature_from_callable(call, follow_wrapped, skip_bound_arg)
        return _without_first(sig) if skip_bound_arg else sig
    raise ValueError('callable {!r} is not supported by signature'.format(obj))


FullArgSpec = namedtuple('FullArgSpec', 'args, varargs, varkw, defaults, '
                                        'kwonlyargs, kwonlydefaults, annotations')


def getfullargspec(func):
    """The names and default values of the parameters of `func`, as a
    FullArgSpec (a bound method keeps its first parameter)."""
    try:
        sig = _signature_from_callable(func, False, False)
    except Exception as ex:
        raise TypeError('unsupported callable') from ex
    args = []
    varargs = None
    varkw = None
    kwonlyargs = []
    defaults = ()
    kwdefaults = {}
    for param in sig.parameters.values():
        kind = param.kind
        name = param.name
        if kind in (_POSITIONAL_ONLY, _POSITIONAL_OR_KEYWORD):
            args.append(name)
            if param.default is not _empty:
                defaults += (param.default,)
        elif kind == _VAR_POSITIONAL:
            varargs = name
        elif kind == _KEYWORD_ONLY:
            kwonlyargs.append(name)
            if param.default is not _empty:
                kwdefaults[name] = param.default
        else:
            varkw = name
    return FullArgSpec(args, varargs, varkw, defaults or None, kwonlyargs,
                       kwdefaults or None, {})
