# Tuples: several return values, unpacking, swapping, tuples in lists.


def divmod_(a, b):
    return a // b, a % b


def minmax(xs):
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi


def entry_point(argv):
    q, r = divmod_(17, 5)
    print("divmod", q, r)
    lo, hi = minmax([4, -2, 9, 3])
    print("minmax", lo, hi)
    a, b = 1, 2
    a, b = b, a
    print("swapped", a, b)
    pairs = [(1, "one"), (2, "two"), (3, "three")]
    for n, name in pairs:
        print(n, name)
    t = pairs[1]
    print("item", t[0], t[1], len(t))
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(entry_point(sys.argv))
