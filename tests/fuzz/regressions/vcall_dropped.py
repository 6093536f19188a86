# Found by `cargo xtask fuzz` (seed 15 of the CI slice, reduced, then by hand): a method call through the vtable whose result is unused is dropped (the base class's method has no side effects).
# class: MISMATCH:stdout
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
