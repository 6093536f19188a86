# The operator and types modules at import time, and descriptors and
# docstrings in the host. Run under CPython and `rpy run`: the outputs
# must be identical, and equal to stdlib_operator_types.out.
import operator
import sys
import types

print([operator.add(1, 2), operator.sub(5, 3), operator.mul(2, 3), operator.truediv(7, 2),
       operator.floordiv(7, 2), operator.mod(7, 3), operator.neg(3), operator.pos(-1), operator.abs(-3)])
print([operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1), operator.ne(1, 2), operator.gt(1, 2),
       operator.ge(2, 3), operator.not_(0), operator.truth([]), operator.is_(None, None), operator.is_not(1, None)])
print([operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3), operator.lshift(1, 4), operator.rshift(16, 2),
       operator.invert(5), operator.inv(0), operator.pow(2, 10), operator.index(5)])
print([operator.getitem([1, 2], 1), operator.contains([1], 1), operator.concat([1], [2]),
       operator.countOf([1, 2, 1], 1), operator.indexOf([1, 2], 2)])
items = [1, 2, 3]
operator.setitem(items, 0, 9)
operator.delitem(items, 1)
acc = [1]
print(items, operator.iadd(acc, [2]) is acc, acc, operator.iadd(1, 2), operator.imul("ab", 2))
print(operator.itemgetter(1)([1, 2]), operator.itemgetter(0, 2)("abc"), operator.attrgetter("real")(3))
print(operator.methodcaller("upper")("ab"), operator.methodcaller("split", ",", maxsplit=1)("a,b,c"))
print(repr(operator.itemgetter(1)), repr(operator.attrgetter("a.b", "c")), repr(operator.methodcaller("f", 1, k=2)))


class Obj:
    pass


o = Obj()
o.a = Obj()
o.a.b = 5
print(operator.attrgetter("a.b")(o), sorted([(2, "b"), (1, "z")], key=operator.itemgetter(1)))
for bad in [lambda: operator.add(1, "a"), lambda: operator.indexOf([1], 5), lambda: operator.concat(1, 2)]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

BINOPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "<": operator.lt}
print(sorted((sym, f(6, 3)) for sym, f in BINOPS.items()), operator.__add__ is operator.add)

# types
ns = types.SimpleNamespace(b=2, a=1)
print(ns, types.SimpleNamespace(), ns == types.SimpleNamespace(b=2, a=1), ns != types.SimpleNamespace())
ns.c = ns
print(ns, type(ns).__name__)
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError", e)
Made = types.new_class("Made", (Obj,), {}, lambda body: body.update(x=1))
print(Made.x, Made.__name__, isinstance(Made(), Obj), Made.__module__)


class K:
    def m(self):
        return self


k = K()
bound = types.MethodType(lambda self, y: (self is k, y), k)
print(bound(3), type(bound) is types.MethodType, isinstance(K.m, types.FunctionType), isinstance(k.m, types.MethodType))
print(isinstance(len, types.BuiltinFunctionType), isinstance([].append, types.BuiltinMethodType), isinstance(sys, types.ModuleType))
print(isinstance(None, types.NoneType), types.LambdaType is types.FunctionType, type(Ellipsis) is types.EllipsisType)


def gen():
    yield 1


print(isinstance(gen(), types.GeneratorType), isinstance(gen.__code__, types.CodeType), isinstance(sys._getframe(), types.FrameType))
print(isinstance(types.MethodType, type), types.ModuleType.__name__, types.FunctionType.__name__)
try:
    types.MethodType(1, 2)
except TypeError as e:
    print("TypeError", e)


# Descriptors.
class Typed:
    def __init__(self, kind):
        self.kind = kind

    def __set_name__(self, owner, name):
        self.name = "_" + name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return getattr(obj, self.name)

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError("%s must be %s" % (self.name[1:], self.kind.__name__))
        setattr(obj, self.name, value)


class Constant:
    def __get__(self, obj, owner=None):
        return 42


class Record:
    """A record with typed fields."""
    size = Typed(int)
    label = Typed(str)
    answer = Constant()

    def __init__(self, size, label):
        self.size = size
        self.label = label


r = Record(3, "x")
print(r.size, r.label, r.answer, Record.answer, type(Record.size).__name__, r._size)
try:
    r.size = "big"
except TypeError as e:
    print("TypeError", e)
r.answer = 7
print(r.answer, Record.__doc__)


# Docstrings.
def documented():
    """Does things."""


class Plain:
    pass


class Child(Record):
    pass


print(documented.__doc__, Plain.__doc__, Child.__doc__, sys.modules[__name__].__doc__)
print(property(lambda self: 1, doc="doc").__doc__, property(documented).__doc__, (lambda: 0).__doc__)


def entry_point(argv):
    print(BINOPS["+"](len(argv), 1), BINOPS["*"](6, 7))
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
