# A method called through a base class whose override lives in a subclass
# the program only makes later: the call must reach the override (found
# by the differential fuzzer: the call was dropped as having no effect).


class Base:
    def get(self, k):
        return 0

    def describe(self):
        return "base %d" % self.get(1)


class Sub(Base):
    def get(self, k):
        print("Sub.get", k)
        return k + 1


class SubSub(Sub):
    def describe(self):
        return "subsub " + Sub.describe(self)


def use(obj):
    obj.get(0)
    return obj.describe()


def entry_point(argv):
    print(use(Base()))
    print(use(Sub()))
    print(use(SubSub()))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
