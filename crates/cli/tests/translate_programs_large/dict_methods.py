# Dict and set methods after translation: views, get/pop/setdefault with and
# without defaults, update/copy/clear/popitem, set algebra (operators,
# in-place forms and methods), comprehensions, prebuilt dicts and sets,
# tuple, char and instance keys, sorted() of dicts, sets and views.


class Point:
    def __init__(self, x):
        self.x = x


TABLE = {"one": 1, "two": 2, "three": 3}
PRIMES = {2, 3, 5, 7}


def joined(words):
    out = ""
    for w in words:
        out = out + " " + w
    return out


def show(label, s):
    print(label, len(s), joined([str(x) for x in sorted(s)]))


def show_words(label, s):
    print(label, len(s), joined(sorted(s)))


def views_and_pops():
    d = {"x": 1, "y": 2}
    for k in d:
        print("key", k)
    for k, v in d.items():
        print("item", k, v)
    for v in d.values():
        print("value", v)
    print(d.get("x", 0), d.get("z", 5), "x" in d, "z" not in d, len(d))
    del d["x"]
    print(d.pop("y"), d.pop("q", 7), len(d), not d)


def copies():
    e = {1: "a", 2: "b"}
    print(e.setdefault(3, "c"), e.setdefault(1, "z"), len(e))
    f = e.copy()
    f[4] = "d"
    f.update(e)
    e.clear()
    print(len(e), len(f), f.popitem()[0], len(f))
    print(joined(list(f.values())), joined([str(k) for k in list(f.keys())]))
    print(joined([str(k) + v for k, v in sorted(f.items())]))


def set_algebra():
    s = set()
    s.add(3)
    s2 = {1, 2, 3}
    show("or", s | s2)
    show("and", s & s2)
    show("sub", s2 - s)
    show("xor", s ^ s2)
    show("union", s2.union(s))
    show("inter", s2.intersection(PRIMES))
    show("diff", PRIMES.difference(s2))
    show("symdiff", PRIMES.symmetric_difference(s2))
    print(s.issubset(s2), s2.issubset(s), s2.issuperset(s), s.isdisjoint(PRIMES))
    s.discard(3)
    s2.remove(1)
    s2 |= {9, 10}
    s2 -= {10}
    s2 ^= {2, 11}
    show("inplace", s2)
    s2 &= PRIMES
    show("and-assign", s2)


def keys(n):
    t = {(n, 2): 3, (n + 1, 2): 4}
    print(t[(n, 2)], (n + 1, 2) in t, (n + 2, 2) in t)
    p = Point(1)
    q = {p: 1, Point(2): 2}
    print(q[p], Point(1) in q, len(q))


def prebuilt():
    print(TABLE["two"], 3 in PRIMES, 4 in PRIMES, sorted(TABLE)[0], sorted(TABLE.keys())[2])
    TABLE["four"] = 4
    PRIMES.add(11)
    print(len(TABLE), len(PRIMES), sorted(PRIMES)[4])


def comprehensions():
    g = {c: i for i, c in enumerate("abcb")}
    print(joined([k + str(v) for k, v in g.items()]))
    h = {x * 2 for x in range(5)}
    show("comp", h)
    u = set([3, 1, 3])
    w = dict(g)
    w["z"] = 0
    show("from list", u)
    print(len(w), len(g), len(set("hello")), len(set(g)))
    try:
        print(g["q"])
    except KeyError:
        print("KeyError for a missing key")


def words():
    word_set = set()
    for word in ["the", "cat", "and", "the", "hat"]:
        word_set.add(word)
    show_words("words", word_set)
    letters = set("hello")
    letters.add("xyz")
    show_words("letters", letters)
    chars = {"a", "b"}
    show_words("widened", chars | {"abc"})
    show_words("probed", chars & {"b", "bc"})
    try:
        word_set.remove("dog")
    except KeyError:
        print("KeyError for a missing item")
    try:
        {}.popitem()
    except KeyError:
        print("KeyError for popitem of an empty dict")


def entry_point(argv):
    views_and_pops()
    copies()
    set_algebra()
    keys(len(argv))
    prebuilt()
    comprehensions()
    words()
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
