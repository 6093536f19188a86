# The functools module at import time: wraps, partial, reduce, lru_cache
# and cache as decorators, total_ordering, cmp_to_key, cached_property.
# Run under CPython and `rpy run`: the outputs must be identical, and
# equal to stdlib_functools.out.
import functools
import operator
import sys


def traced(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        "The wrapper's own doc."
        return ("traced", fn(*args, **kwargs))
    return wrapper


@traced
def hello(name, punct="!"):
    "Say hello."
    return "hello " + name + punct


hello.extra = "kept"
again = traced(hello)
print(hello("you"), hello.__name__, hello.__doc__, hello.__qualname__)
print(hello.__wrapped__("me", "?"), again.__wrapped__ is hello, again.extra)

p = functools.partial(pow, 2, mod=5)
print(p(3), p.func is pow, p.args, p.keywords, functools.partial(p, 4)())
nested = functools.partial(functools.partial(max, 1), 7)
print(nested(3), nested.args, nested.func is max, repr(functools.partial(len)))
try:
    functools.partial(3)
except TypeError as e:
    print("TypeError", e)

print(functools.reduce(operator.add, [1, 2, 3]), functools.reduce(operator.mul, [], 7))
print(functools.reduce(lambda acc, c: acc + [c], "abc", []))
try:
    functools.reduce(operator.add, [])
except TypeError as e:
    print("TypeError", e)


@functools.lru_cache(maxsize=2)
def double(x):
    "Doubles."
    return x * 2


for v in [1, 1, 2, 3, 1]:
    double(v)
print(double.cache_info(), double.cache_parameters(), double.__name__, double.__doc__)
double.cache_clear()
print(double.cache_info())


@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), fib.cache_info())


@functools.lru_cache
def add(a, b=1):
    return a + b


print(add(1), add(1, b=1), add(1, 1), add.cache_info())
try:
    functools.lru_cache("size")
except TypeError as e:
    print("TypeError", e)


@functools.total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __lt__(self, other):
        return self.n < other.n


print(Version(1) >= Version(2), Version(2) > Version(1), Version(1) <= Version(1), Version(3) <= Version(1))
print(sorted(Version(n) for n in [3, 1, 2])[0].n)
try:
    @functools.total_ordering
    class Unordered:
        pass
except ValueError as e:
    print("ValueError", e)

print(sorted(["bb", "a", "ccc"], key=functools.cmp_to_key(lambda x, y: len(y) - len(x))))


class Lazy:
    def __init__(self, n):
        self.n = n

    @functools.cached_property
    def square(self):
        print("computing")
        return self.n * self.n


lazy = Lazy(7)
print(lazy.square, lazy.square, type(Lazy.__dict__["square"]).__name__)

# A dispatch table of partial applications, built at import time.
SCALE = {name: functools.partial(operator.mul, k) for name, k in [("double", 2), ("triple", 3)]}
print(sorted((name, f(5)) for name, f in SCALE.items()))


def entry_point(argv):
    print(fib(20), double(21))
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
