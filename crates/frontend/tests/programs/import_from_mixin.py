# Import-time meta-programming of rpython.rlib.objectmodel: import_from_mixin
# (which writes into the class body being executed through
# sys._getframe(1).f_locals and copies functions with types.FunctionType),
# and frame objects. Run under CPython (PYTHONPATH=lib) and `rpy run`: the
# outputs must be identical, and equal to import_from_mixin.out.
import sys
from rpython.rlib.objectmodel import import_from_mixin, specialize, always_inline


class Greeter:
    greeting = "hello"

    def greet(self, who):
        return "%s %s from %s" % (self.greeting, who, self.name)

    @staticmethod
    def shout(text):
        return text.upper() + "!"

    @always_inline
    def twice(self, x, y=2, *, z=3):
        return (x + y) * z

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "not imported"


class Counting:
    def bump(self):
        self.count = getattr(self, "count", 0) + 1
        return self.count


def make_adder(n):
    class Adder:
        def add(self, x):
            return x + n
    return Adder


class A:
    import_from_mixin(Greeter)
    import_from_mixin(Counting)
    import_from_mixin(make_adder(10))

    def extra(self):
        return self.greet("A") + " " + self.shout("x")


class B:
    import_from_mixin(Greeter)
    greeting = "hi"


def frames():
    f = sys._getframe(0)
    print(f.f_code.co_name, f.f_back.f_code.co_name, f.f_globals["frames"] is frames)
    print(type(f).__name__, type(f.f_code).__name__, sys._getframe(1).f_code.co_name)
    try:
        sys._getframe(1000)
    except ValueError as e:
        print("ValueError", e)


class Body:
    sys._getframe(0).f_locals["injected"] = 42
    seen = sorted(k for k in sys._getframe(0).f_locals if not k.startswith("__"))


def entry_point(argv):
    a = A("ann")
    print(a.greet("bob"), a.extra(), a.bump(), a.bump(), a.add(5), a.twice(1), a.twice(1, 3, z=1))
    print(A.greet is Greeter.greet, A.greet.__name__, A.greet.__qualname__, A.twice.__defaults__)
    print(A.twice.__kwdefaults__, getattr(A.twice, "_always_inline_", None), repr(a) == "not imported")
    b = B("bea")
    print(b.greet("cy"), B.shout("q"), B.greet is A.greet)
    print(Body.injected, Body.seen)
    frames()
    try:
        class C:
            x = 1

            import_from_mixin(type("M", (), {"x": 2}))
    except TypeError as e:
        print("TypeError", e)
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
