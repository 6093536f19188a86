# The inspect module at import time: predicates, getmembers with a
# predicate, signature() with Signature and Parameter, getfullargspec,
# unwrap. Run under CPython and `rpy run`: the outputs must be identical,
# and equal to stdlib_inspect.out.
import functools
import inspect
import sys
import types


def f(a, b=1, *args, c, d=4, **kw):
    pass


def g(x, /, y, *, z):
    pass


class C:
    def __init__(self, a, *, b=2):
        self.a = a

    def m(self, x):
        return x

    @staticmethod
    def s(y):
        return y

    @classmethod
    def k(cls, z):
        return z

    def __call__(self, q, r=3):
        return q


class E:
    pass


class N:
    def __new__(cls, u, v=0):
        return object.__new__(cls)


class N2(N):
    def __init__(self, w):
        pass


s = inspect.signature(f)
print(s)
print(repr(s))
print(s.parameters)
for name, p in s.parameters.items():
    print(name, repr(p), str(p.kind), p.kind.description, p.default is inspect.Parameter.empty)
p = s.parameters["a"]
print(repr(p.kind), p.kind == 1, int(p.kind), p.kind < inspect.Parameter.KEYWORD_ONLY)
print(p.annotation is inspect.Parameter.empty, inspect.Signature.empty is inspect.Parameter.empty)
print(s.parameters["b"].default, s.parameters["d"].default, len(s.parameters), list(s.parameters))
print(inspect.getfullargspec(f))
print(inspect.signature(g), inspect.getfullargspec(g))
print(inspect.signature(lambda: 0), inspect.signature(lambda *a: 0), inspect.signature(lambda **k: 0))
print(inspect.signature(C), inspect.signature(C.m), inspect.signature(C.s), inspect.signature(C.k))
print(inspect.signature(C(1).m), inspect.signature(C(1)), inspect.getfullargspec(C(1).m))
print(inspect.signature(E), inspect.signature(N), inspect.signature(N2))
print(inspect.signature(functools.partial(f, 1, c=3)), inspect.signature(functools.partial(g, 1)))


def w(x, y):
    pass


@functools.wraps(w)
def ww(*a, **k):
    pass


print(inspect.signature(ww), inspect.signature(ww, follow_wrapped=False), inspect.unwrap(ww) is w)
print(s == inspect.signature(f), s != inspect.signature(g), hash(p) == hash(s.parameters["a"]))
print(p.replace(name="zz", default=3), s.replace(parameters=[p]))
print(inspect.Signature([inspect.Parameter("a", 0), inspect.Parameter("b", 3, default=None)]))
for bad in [lambda: inspect.Parameter("x", 7),
            lambda: inspect.Parameter("x", inspect.Parameter.VAR_POSITIONAL, default=1),
            lambda: inspect.Parameter("1x", 1),
            lambda: inspect.Signature([inspect.Parameter("a", 3), inspect.Parameter("b", 1)]),
            lambda: inspect.Signature([inspect.Parameter("a", 1, default=1), inspect.Parameter("b", 1)]),
            lambda: inspect.signature(3)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# Members, sorted by name, filtered by a predicate.
print([name for name, _ in inspect.getmembers(C, inspect.isfunction)])
print([name for name, _ in inspect.getmembers(C(1), inspect.ismethod)])
mod = types.ModuleType("mod")
mod.A = C
mod.B = E
mod.f = f
mod.x = 1
print([name for name, _ in inspect.getmembers(mod, inspect.isclass)])
print([name for name, _ in inspect.getmembers(mod) if not name.startswith("_")])
print([(name, v) for name, v in inspect.getmembers(mod, lambda v: isinstance(v, int))])


def gen():
    yield 1


print(inspect.isclass(C), inspect.isclass(C(1)), inspect.ismethod(C(1).m), inspect.ismethod(C.m))
print(inspect.isfunction(C.m), inspect.isfunction(len), inspect.isbuiltin(len), inspect.isroutine(len))
print(inspect.ismodule(inspect), inspect.isgeneratorfunction(gen), inspect.isgeneratorfunction(f))
print(inspect.isgenerator(gen()), inspect.iscode(gen.__code__), inspect.isframe(inspect.currentframe()))
print(inspect.getmro(N2) == (N2, N, object), inspect.getmodule(f) is sys.modules[__name__])


# An opcode table built from the methods of a class.
class Ops:
    def op_load(self, arg):
        return "load %d" % arg

    def op_store(self, arg):
        return "store %d" % arg

    def op_jump(self, arg):
        return "jump %d" % arg

    def helper(self):
        return None


OPCODES = {}
for _name, _func in inspect.getmembers(Ops, inspect.isfunction):
    if _name.startswith("op_"):
        OPCODES[len(OPCODES)] = (_name[3:], len(inspect.signature(_func).parameters))
print(OPCODES)


def entry_point(argv):
    ops = Ops()
    print(ops.op_jump(len(OPCODES)))
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
