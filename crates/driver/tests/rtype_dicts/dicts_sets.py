class P:
    def __init__(self, x):
        self.x = x

TABLE = {"a": 1, "b": 2}
S0 = {3, 4}

def entry_point(argv):
    d = {}
    d["x"] = 1
    d["y"] = 2
    for k in d:
        print(k)
    for k, v in d.items():
        print(k, v)
    for v in d.values():
        print(v)
    print(d.get("x", 0), d.get("z", 5), "x" in d, len(d))
    del d["x"]
    print(d.pop("y"), d.pop("q", 7))
    e = {1: "a", 2: "b"}
    e.setdefault(3, "c")
    f = e.copy()
    f.update(e)
    e.clear()
    s = set()
    s.add(3)
    s2 = {1, 2, 3}
    print(len(s | s2), len(s & s2), len(s2 - s), len(s ^ s2), 3 in s)
    s.discard(3)
    s2.remove(1)
    a1 = len(argv)
    t = {(a1, 2): 3}
    print(t[(a1, 2)])
    ks = list(f.keys())
    ps = list(f.items())
    p = P(1)
    q = {p: 1}
    print(q[p], TABLE["a"], 3 in S0, len(ks), len(ps))
    g = {c: i for i, c in enumerate("abc")}
    h = {x * 2 for x in range(3)}
    if g and h:
        print(len(g))
    s2 |= s
    s2 -= s
    u = set([1, 2, 3])
    w = dict(e)
    more(argv)
    print(s2.pop(), len(u), len(w), f.popitem()[0])
    return 0

def more(argv):
    d = {"b": 2, "a": 1}
    for k in sorted(d.keys()):
        print(k)
    s = {3, 1, 2}
    xs = sorted(s)
    n0 = len(argv)
    ys = sorted([(n0, "a"), (n0 - 1, "b")])
    zs = [3, 1]
    zs.sort()
    print(len(xs), len(ys), len(zs), len(sorted(d)), len(sorted(d.items())))
    return 0
