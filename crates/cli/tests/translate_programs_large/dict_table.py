# Dicts and sets after translation, at sizes that rebuild their tables:
# insertion order kept across overwrites, deletions and re-insertions,
# many deletions then lookups, tuple and instance keys, prebuilt dicts and
# sets mutated at run time, KeyError.
class P:
    def __init__(self, x):
        self.x = x

TABLE = {"one": 1, "two": 2, "three": 3}
PSET = {5, 6, 7}

def show_set(label, s):
    print(label, len(s))
    for x in sorted(s):
        print("  ", x)

def order():
    d = {}
    for word in ["pear", "fig", "apple", "kiwi", "date"]:
        d[word] = len(word)
    for k, v in d.items():
        print(k, v)
    d["fig"] = 30
    del d["pear"]
    d["pear"] = 99
    for k in d:
        print("key", k, d[k])
    print("get:", d.get("kiwi", -1), d.get("mango", -1), d["apple"])
    print("in:", "fig" in d, "plum" in d, "plum" not in d)
    v = d.pop("kiwi")
    w = d.pop("nothing", -5)
    print("pop", v, w, len(d))
    s1 = d.setdefault("apple", 1000)
    s2 = d.setdefault("lime", 7)
    print("setdefault", s1, s2, len(d))
    return d


def updates(d):
    total = 0
    for val in d.values():
        total += val
    print("values", total)
    other = {"fig": 1, "zucchini": 8}
    d.update(other)
    for k, v in d.items():
        print(k, v)
    c = dict(d)
    c["extra"] = 1
    print("copy", len(d), len(c))
    d.clear()
    print("cleared", len(d), "apple" in d)


def rebuilds():
    sq = {n: n * n for n in range(-3, 4)}
    for k, v in sq.items():
        print(k, v)
    big = {}
    for i in range(1000):
        big[i * 7] = i
    for i in range(0, 1000, 2):
        del big[i * 7]
    t = 0
    for i in range(1000):
        if i * 7 in big:
            t += big[i * 7]
    print("big", len(big), t)
    keys = list(big.keys())
    print(keys[0], keys[1], keys[len(keys) - 1])


def sets(d):
    evens = set([x for x in range(0, 30, 2)])
    threes = {x for x in range(0, 30, 3)}
    show_set("union", evens | threes)
    show_set("inter", evens & threes)
    show_set("diff", evens - threes)
    show_set("sym", evens ^ threes)
    s = set()
    for w2 in ["a", "b", "a", "c", "b", "d"]:
        s.add(w2)
    s.discard("a")
    s.discard("zzz")
    s.remove("b")
    print("after", len(s), "c" in s, "b" in s)
    try:
        s.remove("b")
        print("unexpected")
    except KeyError:
        print("KeyError raised")
    try:
        print(d["nope"])
    except KeyError:
        print("KeyError 2")


def keys_of_all_kinds(n):
    grid = {}
    for r in range(4):
        for c2 in range(4):
            grid[(r * n, c2)] = r * 10 + c2
    print("grid", len(grid), grid[(2 * n, 3)], (1 * n, 1) in grid, (9 * n, 0) in grid)
    pairs = set()
    for a in range(4):
        for b in range(4):
            pairs.add((a if a < b else b, b if a < b else a))
    print("pairs", len(pairs))
    objs = [P(i) for i in range(5)]
    od = {}
    for o in objs:
        od[o] = o.x * 2
    print("objs", od[objs[3]], objs[4] in od, P(9) in od)


def prebuilt():
    print("table", TABLE["two"], len(TABLE), 6 in PSET, 9 in PSET)
    TABLE["four"] = 4
    for k in TABLE:
        print(k, TABLE[k])
    print(sorted(["pear", "apple", "fig"])[0], sorted([3, 1, 2])[2])
    st = {"x": 1}
    st2 = st.copy()
    st2["y"] = 2
    print(len(st), len(st2), st2.popitem()[0], len(st2))


def entry_point(argv):
    d = order()
    updates(d)
    rebuilds()
    sets(d)
    keys_of_all_kinds(len(argv))
    prebuilt()
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
