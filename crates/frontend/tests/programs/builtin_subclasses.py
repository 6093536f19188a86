# User subclasses of int, str, list, dict, tuple and float: the built-in
# value they carry, their own attributes, overridden special methods and
# the behaviour inherited from the base type. Run under CPython and
# `rpy run`: the outputs must be identical, and equal to
# builtin_subclasses.out.
import sys


class Tagged(int):
    def __new__(cls, value, tag="t"):
        self = int.__new__(cls, value)
        self.tag = tag
        return self

    def __repr__(self):
        return "Tagged(%d, %r)" % (self, self.tag)


class Plain(int):
    pass


class Money(int):
    def __add__(self, other):
        return Money(int(self) + int(other))

    __radd__ = __add__

    def __str__(self):
        return "$%d" % self


class Name(str):
    def shout(self):
        return self.upper() + "!"


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


class Counter(dict):
    def __missing__(self, key):
        return 0

    def bump(self, key):
        self[key] = self[key] + 1


class Pair(tuple):
    def first(self):
        return self[0]


class Celsius(float):
    def __repr__(self):
        return "%.1fC" % self


class Inited(list):
    def __init__(self, n):
        super().__init__(range(n))
        self.n = n


def entry_point(argv):
    t = Tagged(7, "seven")
    print(t, repr(t), str(t), t + 1, t * 2, t.tag, isinstance(t, int))
    print([t], {t: 1}[7], "%d|%s|%r" % (t, t, t), f"{t}|{t!r}|{t:>4}")
    p = Plain(3)
    print(p, repr(p), p + p, type(p + p).__name__, -p, p == 3, hash(p) == hash(3))
    p.extra = "yes"
    print(p.extra, int(p), type(int(p)).__name__, Plain(), Plain("12"), Plain("ff", 16))
    m = Money(5)
    print(m, m + 3, 3 + m, type(3 + m).__name__, sum([Money(1), Money(2)], Money(0)))
    n = Name("bob")
    print(n, repr(n), n.shout(), n + "!", len(n), n[0], n == "bob", "o" in n, n.split("o"))
    print({n: 1}["bob"], "%s" % n, type(n.upper()).__name__, str(n), type(str(n)).__name__)
    s = Stack()
    s.push(1)
    s.push(2)
    s += [3]
    print(s, len(s), s.peek(), s[0], s[1:], list(s), 2 in s, type(s).__name__, bool(Stack()))
    for item in s:
        print("item", item)
    s[0] = 10
    del s[1]
    s.extend([4, 5])
    print(s, s.pop(), s, sorted(s, reverse=True), s == [10, 3, 4], Stack([1, 2]))
    c = Counter()
    c.bump("a")
    c.bump("a")
    c.bump("b")
    print(c, c["a"], c["zzz"], len(c), sorted(c.keys()), "a" in c, c.get("q", -1))
    print(dict(c), Counter(x=1), Counter({"k": 2}), list(c.items()))
    pr = Pair((1, 2))
    print(pr, pr.first(), len(pr), pr + (3,), pr[1], tuple(pr))
    temp = Celsius(21.5)
    print(temp, str(temp), temp + 1, temp * 2, float(temp), "%.2f" % temp, f"{temp:.3f}")
    i = Inited(3)
    print(i, i.n, len(i))
    print(issubclass(Stack, list), isinstance(s, list), isinstance(c, dict), isinstance(n, str))
    print(super(Tagged, t).__repr__() if False else "skip", Plain.__mro__[1].__name__)
    return 0


if __name__ == "__main__":
    sys.exit(entry_point(sys.argv))
