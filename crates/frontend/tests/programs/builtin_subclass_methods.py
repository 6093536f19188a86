# Subclasses of built-in types that call their base type's methods
# (int.__add__(self, x), super().__eq__(x), list.__repr__(self) ...),
# construction errors, and the special methods of built-in values named
# explicitly. Run under CPython and `rpy run`: the outputs must be
# identical, and equal to builtin_subclass_methods.out.

import sys


class Flags(int):
    def __new__(cls, v=0):
        return super().__new__(cls, v & 0xFF)

    def __eq__(self, other):
        return int(self) == int(other) & 0xFF

    def __hash__(self):
        return int(self)


class Word(str):
    def __new__(cls, text):
        return str.__new__(cls, text.lower())


class Vec(list):
    def __add__(self, other):
        return Vec([a + b for a, b in zip(self, other)])

    def __repr__(self):
        return "Vec(%s)" % list.__repr__(self)


class Ord(dict):
    def __setitem__(self, k, v):
        dict.__setitem__(self, k, v * 10)


class Sub(Flags):
    pass

class Wrapped(int):
    def __add__(self, other):
        return Wrapped(int.__add__(self, other) * 10)

    def __eq__(self, other):
        return super().__eq__(other)

    def __hash__(self):
        return super().__hash__()

    def __repr__(self):
        return "W" + int.__repr__(self)


class Upper(str):
    def __getitem__(self, i):
        return str.__getitem__(self, i).upper()

    def __len__(self):
        return super().__len__() * 2


class Log(list):
    def __setitem__(self, i, v):
        print("set", i, v)
        super().__setitem__(i, v)

    def __iadd__(self, other):
        print("iadd", other)
        return super().__iadd__(other)

    def __contains__(self, x):
        return super().__contains__(x) or x == "any"


class D(dict):
    def __getitem__(self, k):
        return super().__getitem__(k) + 1

    def __repr__(self):
        return "D" + dict.__repr__(self)


def constructors_and_overrides():
    f = Flags(0x1FF)
    print(f, f == 0xFF, f == 0x1FF, {f: "x"}[f], type(f)(3), f.__class__.__name__)
    print(Sub(258), type(Sub(258)).__name__, Sub(1) + Sub(2), type(Sub(1) + Sub(2)).__name__)
    w = Word("HeLLo")
    print(w, "".join([w, Word("X")]), sorted([Word("b"), Word("A")]), w < "z", w.startswith("he"))
    print(f"{w}", "{0}-{0!r}".format(w), w * 2, w.replace("l", "L"), len(w))
    v = Vec([1, 2]) + Vec([10, 20])
    print(v, repr(v), str(v), v + [1, 1], [0] + v)
    o = Ord()
    o["a"] = 1
    print(o, o["a"])
    try:
        int.__new__(str, 5)
    except TypeError as e:
        print("TypeError", e)
    try:
        object.__new__(Word)
    except TypeError as e:
        print("TypeError", e)
    try:
        class B(bool):
            pass
    except TypeError as e:
        print("TypeError", e)
    try:
        class Bad(int, str):
            pass
    except TypeError as e:
        print("TypeError", e)
    print(max(Vec([3, 9, 2])), min(Word("zebra")), list(reversed(Vec([1, 2, 3]))))
    print(int(Word("42")) + 1, float(Word("1.5")), Flags(5) * 1.5, round(Flags(7) / 2))


def base_methods():
    w = Wrapped(2)
    print(w + 3, repr(w + 3), w == 2, {w: 1}[2], int.__add__(4, 5), int.__add__(4, "x"))
    print((5).__add__(1), (5).__radd__(1), (7).__floordiv__(2), (3).__neg__(), (3.5).__pos__())
    print(int.__eq__(5, 5), int.__eq__(5, "5"), "ab".__len__(), "ab".__getitem__(1), [1, 2].__len__())
    print(int.__lt__(1, 2), str.__lt__("a", "b"), (1).__hash__() == hash(1), (2.5).__repr__())
    u = Upper("abc")
    print(u[0], len(u), u, "b" in u, u.__contains__("c"))
    l = Log([1, 2])
    l[0] = 9
    l += [3]
    print(l, type(l).__name__, "any" in l, 3 in l, 4 in l)
    d = D(a=1)
    print(d["a"], d, dict.__len__(d), d.__contains__("a"), {1: 2}.__repr__())
    print((1, 2).__add__((3,)), [1].__mul__(2), "x".__mul__(3), "%d-%s".__mod__((1, "a")))
    print(float.__add__(1.5, 2), float.__int__(2.7), int.__float__(3), (6).__bool__(), "".__bool__() if hasattr("", "__bool__") else "nobool")


def entry_point(argv):
    constructors_and_overrides()
    base_methods()
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
