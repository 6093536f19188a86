# Mixin bases that only contribute methods, and import_from_mixin.
from rpython.rlib.objectmodel import import_from_mixin


class CounterMixin:
    def bump(self):
        self.count += 1
        return self.count


class Describe:
    def describe(self):
        return self.name() + "#" + str(self.count)


class Base:
    def __init__(self):
        self.count = 0


class A(Describe, Base):
    import_from_mixin(CounterMixin)

    def name(self):
        return "A"


class B(Base):
    import_from_mixin(CounterMixin)


def entry_point(argv):
    a = A()
    b = B()
    a.bump()
    b.bump()
    b.bump()
    print(a.describe(), b.count)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
