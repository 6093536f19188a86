# Assignment to a list slice: the items between the (clamped) bounds are
# replaced by the other list's, which may be longer, shorter, empty or the
# list itself.


def show(l, start, stop, other):
    l[start:stop] = other
    print(len(l), l)


def entry_point(argv):
    n = len(argv)
    base = [1, 2, 3, 4, 5]
    show(list(base), 1, 3, [9, 9, 9])
    show(list(base), 1, 4, [7])
    show(list(base), 0, 5, [])
    show(list(base), 2, 2, [6, 6])
    show(list(base), -2, 100, [8])
    show(list(base), 4, 1, [0])
    show(list(base), -100, -4, [n, n, n, n])
    show(list(base), 5, 5, [10, 11])
    l = list(base)
    l[1:3] = l
    print(l)
    l[:] = [n]
    print(l)
    l[len(l):] = [2, 3]
    l[:0] = [0]
    print(l)
    words = ["a", "é", "c"]
    words[1:2] = ["x", "y", "z"]
    print(words)
    floats = [1.5, 2.5, float(n)]
    floats[0:2] = []
    floats[1:] = [0.5, -0.0]
    print(floats)
    empty = [i for i in range(n - n)]
    empty[0:10] = [1]
    print(empty)
    big = [i for i in range(1000)]
    big[10:990] = [-1]
    big[1:1] = [i * 2 for i in range(500)]
    print(len(big), big[:3], big[-3:], sum(big))
    return 0


if __name__ == "__main__":
    import sys
    sys.exit(entry_point(sys.argv))
