# list.remove (the first equal item; ValueError when none), list.count,
# list.copy (a new list), list.clear, tuples as items of all of these, and
# sort()/sorted() with reverse= (stable: equal items keep their order, seen
# with 0.0 and -0.0).


def removes(n):
    l = [1, 2, 3, 2, n, 2]
    l.remove(2)
    print(l)
    l.remove(n)
    print(l)
    try:
        l.remove(99)
    except ValueError as e:
        print("ValueError:", e)
    words = ["b", "é", "a", "é"]
    words.remove("é")
    print(words)
    floats = [0.0, -0.0, float(n)]
    floats.remove(-0.0)
    print(floats)
    pairs = [(1, "a"), (2, "b"), (1, "a")]
    pairs.remove((1, "a"))
    print(pairs)
    empty = [i for i in range(n - n)]
    try:
        empty.remove(0)
    except ValueError as e:
        print("ValueError:", e)


def copies(n):
    l = [n, n + 1]
    c = l.copy()
    c.append(5)
    l[0] = 100
    print(l, c, c is l, c == l)
    l.clear()
    print(l, len(l), c)
    l.append(3)
    l.clear()
    l.clear()
    print(l)
    l.extend(c.copy())
    print(l)


def sorts(n):
    l = [3, 1, 2, n, -5, 2]
    l.sort(reverse=True)
    print(l)
    l.sort(reverse=False)
    print(l)
    flag = n > 0
    print(sorted(["bb", "a", "ccc", "é", "a"], reverse=flag))
    zs = [0.0, -0.0, 1.0, -0.0, 0.0]
    print(sorted(zs, reverse=True), sorted(zs), sorted(zs, reverse=n > 5))
    ts = [(0.0, "x"), (-0.0, "x"), (1.0, "y"), (-0.0, "w")]
    ts.sort(reverse=True)
    print(ts)
    none = [i for i in range(n - n)]
    none.sort(reverse=True)
    print(none, sorted({3: 1, 1: 2, 2: 3}, reverse=True), sorted(set([5, 1, 3]), reverse=True))


def counts(n):
    l = [1, 2, n, 2, 2]
    print(l.count(2), l.count(n), l.count(7))
    pairs = [(1, "a"), (n, "b"), (1, "a")]
    print((1, "a") in pairs, (2, "a") in pairs, pairs.index((n, "b")), pairs.count((1, "a")))
    nested = [((1, 2.0), "x"), ((n, -0.0), "y")]
    print(((1, 0.0), "y") in nested, nested.index(((1, 0.0), "y")), nested.count(((1, 2.0), "x")))


def entry_point(argv):
    n = len(argv)
    removes(n)
    counts(n)
    copies(n)
    sorts(n)
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
