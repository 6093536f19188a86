# Found by `cargo xtask fuzz` (seed 15 of the CI slice), reduced by reduce.py and by hand: MISMATCH:stdout. A method call through the vtable whose result is unused is dropped when the base class's method has no side effects.
class Base:
    def get(self, k):
        return 0


class Sub(Base):
    def get(self, k):
        print("Sub.get", k)
        return 1


def f(obj):
    obj.get(0)


def entry_point(argv):
    f(Base())
    f(Sub())
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
