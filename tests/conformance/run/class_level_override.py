# A class-level value overridden in a subclass that the translator meets
# late (through a prebuilt instance, or created after the attribute was
# read through the base): every read gives the value of the instance's
# own class, as in CPython.


class Base:
    KIND = "base"
    WEIGHT = 1

    def describe(self):
        return self.KIND


class Early(Base):
    pass


class Late(Base):
    KIND = "late"


class Later(Late):
    WEIGHT = 3


PREBUILT = Late()
TABLE = [Later(), Base()]


def read_early():
    return Early().KIND


def read_prebuilt():
    return PREBUILT.KIND


def entry_point(argv):
    print(read_early(), read_prebuilt(), PREBUILT.describe())
    for obj in TABLE:
        print(obj.KIND, obj.WEIGHT, obj.describe())
    objs = [Base(), Early(), Late(), Later()]
    total = 0
    for obj in objs:
        total += obj.WEIGHT
        print(obj.describe(), obj.KIND == "late")
    print(total)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
